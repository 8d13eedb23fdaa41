//! Shared services provided as context: toasts, the colour theme, request cancellation.

use leptos::prelude::*;
use openrouter_admin::CancelSignal;

/// How a toast looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    /// Something worked.
    Ok,
    /// Something failed.
    Error,
}

/// One message in the toast stack.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    id: u32,
    kind: ToastKind,
    text: String,
}

/// Short-lived notices in a polite live region (thaw's `ToasterProvider`, reduced).
#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next: StoredValue<u32>,
}

impl Toasts {
    /// Shows a message for eight seconds.
    pub fn push(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id.wrapping_add(1));
        self.list.update(|l| {
            l.push(Toast {
                id,
                kind,
                text: text.into(),
            })
        });
        let list = self.list;
        set_timeout(
            move || list.update(|l| l.retain(|t| t.id != id)),
            std::time::Duration::from_secs(8),
        );
    }

    /// Shows a success message.
    pub fn ok(&self, text: impl Into<String>) {
        self.push(ToastKind::Ok, text);
    }

    /// Shows a failure message.
    pub fn error(&self, text: impl Into<String>) {
        self.push(ToastKind::Error, text);
    }
}

/// The toasts service from context.
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Provides [`Toasts`] to its children and renders the stack.
#[component]
pub fn ToastProvider(
    /// The page under the toasts.
    children: Children,
) -> impl IntoView {
    let toasts = Toasts {
        list: RwSignal::new(Vec::new()),
        next: StoredValue::new(0),
    };
    provide_context(toasts);
    view! {
        {children()}
        <div class="ora-toasts" role="status" aria-live="polite">
            <For each=move || toasts.list.get() key=|t| t.id let:toast>
                <div class="ora-toast" class:ora-toast-error=toast.kind == ToastKind::Error>
                    <span>{toast.text.clone()}</span>
                    <button
                        class="ora-btn ora-btn-small"
                        aria-label="Dismiss"
                        on:click=move |_| toasts.list.update(|l| l.retain(|t| t.id != toast.id))
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}

/// The user's colour choice; `System` follows `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the operating system.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    fn attr(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// A button cycling system → light → dark. The choice (never anything secret) is kept in
/// localStorage so it survives reloads.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let initial = local_storage()
        .and_then(|s| s.get_item("ora-theme").ok().flatten())
        .map(|v| match v.as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        })
        .unwrap_or(Theme::System);
    let theme = RwSignal::new(initial);
    Effect::new(move || {
        let t = theme.get();
        if let Some(root) = document().document_element() {
            let _ = match t.attr() {
                Some(v) => root.set_attribute("data-ora-theme", v),
                None => root.remove_attribute("data-ora-theme"),
            };
        }
        if let Some(s) = local_storage() {
            let _ = match t.attr() {
                Some(v) => s.set_item("ora-theme", v),
                None => s.remove_item("ora-theme"),
            };
        }
    });
    let label = move || match theme.get() {
        Theme::System => "Theme: system",
        Theme::Light => "Theme: light",
        Theme::Dark => "Theme: dark",
    };
    view! {
        <button
            class="ora-btn"
            id="ora-theme"
            on:click=move |_| {
                theme
                    .update(|t| {
                        *t = match t {
                            Theme::System => Theme::Light,
                            Theme::Light => Theme::Dark,
                            Theme::Dark => Theme::System,
                        };
                    })
            }
        >
            {label}
        </button>
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The reads of the page, for `<Loaded>`: "Try again" reads again the ones whose last read
/// failed (and only those), "Cancel" stops the ones still running. Each read is made by [`read`].
#[derive(Clone, Copy)]
pub struct Loads {
    // What aborts each running read, by number; a read leaves when its owner is cleaned up.
    running: StoredValue<Vec<(usize, Abort)>, LocalStorage>,
    // What starts again each read whose last attempt failed, by the read's number.
    failed: StoredValue<Vec<(usize, ArcTrigger)>>,
    next: StoredValue<usize>,
    // Each form's "has unsaved changes", by number: a refresh would lose them, so it waits.
    holds: StoredValue<Vec<(usize, Busy)>, LocalStorage>,
    // Bumped when the tab comes back after [`AWAY`]: every read tracks it.
    fresh: RwSignal<usize>,
}

/// What stops a read (fires its cancel signal).
pub type Abort = std::rc::Rc<dyn Fn()>;

/// Whether a form or dialog holds its view as it is.
type Busy = std::rc::Rc<dyn Fn() -> bool>;

/// How long the tab must have been hidden before its views read again when it is shown: long
/// enough that switching to copy something does not reload, short enough that a tab left for a
/// meeting does not show stale limits.
pub const AWAY_MS: f64 = 60_000.0;

impl Loads {
    /// Provides the page's reads registry as context.
    pub fn provide() {
        let loads = Loads {
            running: StoredValue::new_local(Vec::new()),
            failed: StoredValue::new(Vec::new()),
            next: StoredValue::new(0),
            holds: StoredValue::new_local(Vec::new()),
            fresh: RwSignal::new(0),
        };
        provide_context(loads);
        loads.refresh_when_back();
    }

    /// Reads every view again when the tab is shown after being hidden for [`AWAY_MS`] or more,
    /// unless a form holds unsaved changes or a dialog is open (see [`hold`](Self::hold)).
    fn refresh_when_back(self) {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::{closure::Closure, JsCast};
            let hidden_at = std::cell::Cell::new(None::<f64>);
            let on_change = Closure::<dyn Fn()>::new(move || {
                let doc = document();
                if doc.hidden() {
                    hidden_at.set(Some(js_sys::Date::now()));
                } else if let Some(at) = hidden_at.take() {
                    if js_sys::Date::now() - at >= AWAY_MS && !self.held() {
                        self.fresh.try_update(|n| *n += 1);
                    }
                }
            });
            let _ = document().add_event_listener_with_callback(
                "visibilitychange",
                on_change.as_ref().unchecked_ref(),
            );
            // The listener lives as long as the page.
            on_change.forget();
        }
    }

    /// Whether a form or dialog holds the view as it is.
    fn held(self) -> bool {
        self.holds
            .try_with_value(|h| h.iter().any(|(_, f)| f()))
            .unwrap_or(false)
    }

    /// Keeps the views from refreshing while `busy()` holds (a form with unsaved changes, an
    /// open dialog), until the current owner is cleaned up.
    pub fn hold(self, busy: impl Fn() -> bool + 'static) {
        let id = self.number();
        self.holds
            .update_value(|h| h.push((id, std::rc::Rc::new(busy))));
        on_cleanup(move || {
            self.holds.try_update_value(|h| h.retain(|(i, _)| *i != id));
        });
    }

    /// Reads again every read whose last attempt failed (after a failure); the others keep
    /// what they have.
    pub fn again(self) {
        let failed = self
            .failed
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for (_, trigger) in failed {
            trigger.notify();
        }
    }

    /// Aborts every read still running; they fail as cancelled, and "Try again" starts them anew.
    pub fn cancel(self) {
        let aborts: Vec<Abort> = self
            .running
            .try_with_value(|r| r.iter().map(|(_, a)| a.clone()).collect())
            .unwrap_or_default();
        for abort in aborts {
            abort();
        }
    }

    fn number(self) -> usize {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        id
    }

    fn register(self, abort: Abort) -> usize {
        let id = self.number();
        self.running.update_value(|r| r.push((id, abort)));
        id
    }

    fn unregister(self, id: usize) {
        self.running
            .try_update_value(|r| r.retain(|(i, _)| *i != id));
    }

    /// Records how read `id` ended: `again` when it failed, what "Try again" notifies to read it
    /// again; None when it went through, or is gone.
    fn ended(self, id: usize, again: Option<ArcTrigger>) {
        self.failed.try_update_value(|f| {
            f.retain(|(i, _)| *i != id);
            f.extend(again.map(|t| (id, t)));
        });
    }
}

/// The page's reads registry, if the view has one.
pub fn use_loads() -> Option<Loads> {
    use_context::<Loads>()
}

/// Every item of the list `call` asks for, all pages, stopped when `signal` fires: the one way
/// the page reads a whole list.
pub async fn every<E>(
    call: openrouter_admin::Call<'_, openrouter_admin::FetchTransport, E>,
    signal: CancelSignal,
) -> Result<Vec<E::Item>, openrouter_admin::Error>
where
    E: openrouter_admin::api::PagedEndpoint,
{
    call.paginate().signal(signal).collect_all().await
}

/// A read of the page: a local resource whose requests take the cancel signal `fetch` is given.
/// `fetch` runs each time the resource does, so the signals it reads (before its future) make
/// the resource read again when they change. The read is one of the page's [`Loads`]: "Cancel"
/// stops it, and "Try again" reads it again if, and only if, its last attempt failed.
pub fn read<T, F, Fut>(fetch: F) -> LocalResource<Result<T, openrouter_admin::Error>>
where
    T: 'static,
    F: Fn(CancelSignal) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, openrouter_admin::Error>> + 'static,
{
    let loads = use_loads();
    let trigger = ArcTrigger::new();
    let id = loads.map(Loads::number);
    if let (Some(loads), Some(id)) = (loads, id) {
        on_cleanup(move || loads.ended(id, None));
    }
    LocalResource::new(move || {
        trigger.track();
        if let Some(loads) = loads {
            loads.fresh.track();
        }
        let read = fetch(cancel_on_cleanup(loads));
        let trigger = trigger.clone();
        async move {
            let result = read.await;
            if let (Some(loads), Some(id)) = (loads, id) {
                loads.ended(id, result.is_err().then_some(trigger));
            }
            result
        }
    })
}

/// A cancel signal for the requests started by the current reactive owner: aborted when the
/// owner is cleaned up (the view goes away, or a resource re-runs), so no request outlives the
/// view that wanted its answer (hackernews `api.rs`); and by `loads`' "Cancel".
fn cancel_on_cleanup(loads: Option<Loads>) -> CancelSignal {
    let (signal, abort) = cancel_pair();
    if let Some(loads) = loads {
        let id = loads.register(abort.clone());
        on_cleanup(move || loads.unregister(id));
    }
    let abort = send_wrapper::SendWrapper::new(abort);
    on_cleanup(move || (abort.take())());
    signal
}

/// A fresh cancel signal and what fires it (the browser's `AbortController` on wasm32, which
/// stops a `fetch` in flight).
pub fn cancel_pair() -> (CancelSignal, Abort) {
    #[cfg(target_arch = "wasm32")]
    {
        if let Ok(controller) = web_sys::AbortController::new() {
            let signal = CancelSignal::from(controller.signal());
            return (signal, std::rc::Rc::new(move || controller.abort()));
        }
    }
    let signal = CancelSignal::new();
    let cancel = signal.clone();
    (signal, std::rc::Rc::new(move || cancel.cancel()))
}
