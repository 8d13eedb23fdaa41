//! `<Loaded>`: the one async view of the page. It waits for a read (a resource, or several),
//! shows "Loading…" the first time, keeps the last view while a reload runs (`Transition`), and
//! shows the API's message when the read fails (`ErrorBoundary`), as leptos's `fetch` example.
//! A reload that fails keeps what was on screen, with the message above it.
//!
//! Every failure offers "Try again" (which reads again only what failed), and a read slower than
//! a few seconds says it is still working and offers "Cancel" (the page's [`Loads`]). Both leave
//! the rest of the view alone: a search box's text or a form's input outside the loaded part
//! stays as it was.

use crate::services::{use_loads, Loads};
use leptos::prelude::*;
use std::future::IntoFuture;

/// How long a read runs before the view says it is still working and offers to cancel it.
const SLOW: std::time::Duration = std::time::Duration::from_secs(3);

/// Shows `children` over what `load` gives, once it has loaded.
///
/// `load` is called each time the view renders and must read the resources it awaits inside
/// the returned future (`move || keys`, or `move || async move { Ok((a.await?, b.await?)) }`),
/// so that a reload of any of them renders the view again.
#[component]
pub fn Loaded<T, R, L, C, V>(
    /// The read: a resource, or a future awaiting several.
    load: L,
    /// The view of the loaded value (`let:data`).
    children: C,
) -> impl IntoView
where
    T: Clone + 'static,
    R: IntoFuture<Output = Result<T, openrouter_admin::Error>> + Send + 'static,
    R::IntoFuture: Send + 'static,
    L: Fn() -> R + 'static,
    C: Fn(T) -> V + 'static,
    V: IntoView + 'static,
{
    // Local storage: the closures need not be `Send`, and the render closure below stays `Send`.
    let load = StoredValue::new_local(load);
    let children = StoredValue::new_local(children);
    // The last value that loaded: shown again, under the failure, when a reload fails.
    let last = StoredValue::new_local(None::<T>);
    let pending = RwSignal::new(false);
    let loads = use_loads();
    view! {
        <Show when=move || pending.get()>
            <StillWorking loads=loads />
        </Show>
        <Transition fallback=loading set_pending=pending>
            <ErrorBoundary fallback=move |errors| error_view(errors, loads)>
                {move || {
                    let read = load.with_value(|load| load());
                    Suspend::new(async move {
                        let (data, failed) = match read.await {
                            Ok(data) => {
                                last.set_value(Some(data.clone()));
                                (data, None)
                            }
                            Err(e) => match last.get_value() {
                                Some(data) => (data, Some(e)),
                                None => return Err(e),
                            },
                        };
                        // Hidden while a reload runs ("Try again"): it comes back if that fails too.
                        let failed = failed.map(|e| {
                            let (cancelled, message) = (e.is_cancelled(), e.to_string());
                            move || (!pending.get()).then(|| failure(cancelled, message.clone(), true, loads))
                        });
                        Ok::<_, openrouter_admin::Error>(view! {
                            {failed}
                            {children.with_value(|view| view(data))}
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}

/// After [`SLOW`], says the read is still running and offers to cancel it.
#[component]
fn StillWorking(loads: Option<Loads>) -> impl IntoView {
    let slow = RwSignal::new(false);
    let timer = set_timeout_with_handle(move || slow.set(true), SLOW).ok();
    on_cleanup(move || {
        if let Some(t) = timer {
            t.clear();
        }
    });
    move || {
        slow.get().then(|| {
            view! {
                <div class="ora-alert ora-slow" role="status">
                    "Still working: the server is taking longer than usual. "
                    {loads.map(|loads| view! {
                        <button class="ora-btn ora-btn-small ora-load-cancel" on:click=move |_| loads.cancel()>
                            "Cancel"
                        </button>
                    })}
                </div>
            }
        })
    }
}

/// Shows an error from an async view, with the API's own message and "Try again".
fn error_view(errors: ArcRwSignal<leptos::error::Errors>, loads: Option<Loads>) -> impl IntoView {
    move || {
        let cancelled = errors.with(|e| {
            e.iter().any(|(_, e)| {
                e.downcast_ref::<openrouter_admin::Error>()
                    .is_some_and(openrouter_admin::Error::is_cancelled)
            })
        });
        let message = errors.with(|e| {
            e.iter()
                .map(|(_, e)| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        });
        failure(cancelled, message, false, loads)
    }
}

/// The alert of a failed read: stopped by the user, or the message; whether what is shown below
/// it is what loaded before (`kept`); and "Try again".
fn failure(cancelled: bool, message: String, kept: bool, loads: Option<Loads>) -> impl IntoView {
    let kept = kept.then_some("Below is what was loaded before. ");
    view! {
        <div class="ora-alert ora-alert-error" role="alert">
            {if cancelled {
                view! { <strong>"Stopped: the page is no longer waiting for the server. "</strong> {kept} }.into_any()
            } else {
                view! { <strong>"Something went wrong. "</strong> {kept} {message} " " }.into_any()
            }}
            {loads.map(|loads| view! {
                <button class="ora-btn ora-btn-small ora-load-again" on:click=move |_| loads.again()>
                    "Try again"
                </button>
            })}
        </div>
    }
}

/// The loading placeholder of a `Transition` (and of an area whose code is downloading).
pub(crate) fn loading() -> impl IntoView {
    view! { <p class="ora-loading" aria-live="polite">"Loading…"</p> }
}
