//! `<Loaded>`: the one async view of the page. It waits for a read (a resource, or several),
//! shows "Loading…" the first time, keeps the last view while a reload runs (`Transition`), and
//! shows the API's message when the read fails (`ErrorBoundary`), as leptos's `fetch` example.

use leptos::prelude::*;
use std::future::IntoFuture;

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
    T: 'static,
    R: IntoFuture<Output = Result<T, openrouter_admin::Error>> + Send + 'static,
    R::IntoFuture: Send + 'static,
    L: Fn() -> R + 'static,
    C: Fn(T) -> V + 'static,
    V: IntoView + 'static,
{
    // Local storage: the closures need not be `Send`, and the render closure below stays `Send`.
    let load = StoredValue::new_local(load);
    let children = StoredValue::new_local(children);
    view! {
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || {
                    let read = load.with_value(|load| load());
                    Suspend::new(async move {
                        let data = read.await?;
                        Ok::<_, openrouter_admin::Error>(children.with_value(|view| view(data)))
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}

/// Shows an error from an async view, with the API's own message.
fn error_view(errors: ArcRwSignal<leptos::error::Errors>) -> impl IntoView {
    view! {
        <div class="ora-alert ora-alert-error" role="alert">
            <strong>"Something went wrong. "</strong>
            {move || errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("; ")}
        </div>
    }
}

/// The loading placeholder of a `Transition`.
fn loading() -> impl IntoView {
    view! { <p class="ora-loading" aria-live="polite">"Loading…"</p> }
}
