//! Reusable pieces: dialogs, confirmations, usage bars, the SVG chart, the windowed list hook,
//! and the error/loading wrappers every async view uses.

use leptos::prelude::*;

/// The message of `action`'s last failure, or `None`: what a confirmation dialog shows as its
/// `error` (the delete dialogs of a key and of a workspace).
pub fn failure_message<I: 'static, O: Clone + 'static>(
    action: Action<I, Result<O, openrouter_admin::Error>>,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.message().to_string())
    })
}

/// A modal built on the native `<dialog>`. Every dialog of the page goes through this one
/// component, so focus handling is written once: focus starts inside (showModal's own focusing),
/// Tab and Shift+Tab cycle inside, Escape closes unless `sticky`, and closing
/// returns focus to the control that opened it ([`FocusReturn`]).
#[component]
pub fn Dialog(
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: String,
    /// Called when the user asks to close (Escape, or a Cancel button given by the caller).
    #[prop(into)]
    on_close: Callback<()>,
    /// When true, Escape does nothing: only the dialog's own buttons close it.
    #[prop(optional)]
    sticky: bool,
    /// The dialog's contents (body and footer).
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Dialog>::new();
    // Captured now, before showModal moves focus into the dialog.
    let opener = send_wrapper::SendWrapper::new(FocusReturn::capture());
    on_cleanup(move || opener.take().restore());
    // showModal (not the `open` attribute) makes the rest of the page inert.
    Effect::new(move || {
        if let Some(d) = node.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    // A unique id per dialog, so the heading can name it.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let id = format!(
        "ora-dlg-{}",
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let heading_id = id.clone();
    view! {
        <dialog
            node_ref=node
            class="ora-dialog"
            aria-labelledby=id
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                match ev.key().as_str() {
                    // Handled on keydown and default-prevented, so Chromium never turns it into a
                    // close request: a second Escape without a click in between is not cancelable
                    // there, and would close a sticky dialog behind our back.
                    "Escape" => {
                        ev.prevent_default();
                        if !sticky {
                            on_close.run(());
                        }
                    }
                    "Tab" => {
                        if let Some(d) = node.get_untracked() {
                            trap_tab(&d, &ev);
                        }
                    }
                    _ => {}
                }
            }
            on:cancel=move |ev: leptos::ev::Event| {
                // Other close requests (e.g. a platform back gesture) follow the same rule.
                ev.prevent_default();
                if !sticky {
                    on_close.run(());
                }
            }
        >
            <div class="ora-dialog-body">
                <h2 id=heading_id>{title}</h2>
            </div>
            {children()}
        </dialog>
    }
}

/// What a dialog's Tab cycle may land on (disabled controls are skipped by the browser too).
const FOCUSABLE: &str = "a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex=\"-1\"])";

/// Keeps Tab inside a modal dialog: from the last control to the first and, with Shift, back.
/// A modal `<dialog>` alone lets Tab leave for the browser's own toolbar.
fn trap_tab(dialog: &web_sys::HtmlDialogElement, ev: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    // A plain walk of the dialog's elements (no NodeList / DomRectList bindings to add to the wasm).
    let root: &web_sys::Element = dialog.unchecked_ref();
    let (mut first, mut last) = (None::<web_sys::HtmlElement>, None::<web_sys::HtmlElement>);
    let mut cur = root.first_element_child();
    while let Some(el) = cur {
        if el.matches(FOCUSABLE).unwrap_or(false) && el.get_bounding_client_rect().width() > 0.0 {
            if let Ok(h) = el.clone().dyn_into::<web_sys::HtmlElement>() {
                first.get_or_insert_with(|| h.clone());
                last = Some(h);
            }
        }
        // Depth first: child, else the next sibling of this element or of an ancestor.
        cur = el.first_element_child().or_else(|| {
            let mut up = Some(el);
            while let Some(u) = up {
                if u == *root {
                    return None;
                }
                if let Some(n) = u.next_element_sibling() {
                    return Some(n);
                }
                up = u.parent_element();
            }
            None
        });
    }
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let active = document().active_element();
    let at = |e: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
    };
    let inside = active.as_ref().is_some_and(|a| root.contains(Some(a)));
    let target = if ev.shift_key() {
        (at(&first) || !inside).then_some(last)
    } else {
        (at(&last) || !inside).then_some(first)
    };
    if let Some(t) = target {
        ev.prevent_default();
        let _ = t.focus();
    }
}

thread_local! {
    /// The control that opened the outermost dialog of a chain (create key, then its secret).
    static OPENER: std::cell::RefCell<Option<web_sys::HtmlElement>> = const { std::cell::RefCell::new(None) };
}

/// Where focus goes back to when a dialog closes.
#[derive(Default)]
pub struct FocusReturn {
    el: Option<web_sys::HtmlElement>,
    id: String,
}

impl FocusReturn {
    /// Remembers the focused control. A dialog opened from inside another dialog that it replaces
    /// (the secret after "Create key") inherits that dialog's opener, so "Done" returns to the
    /// page's "Create key" button rather than to a button that no longer exists.
    pub fn capture() -> Self {
        use wasm_bindgen::JsCast;
        let doc = document();
        let active = doc
            .active_element()
            .filter(|a| {
                doc.body()
                    .is_none_or(|b| a != b.unchecked_ref::<web_sys::Element>())
            })
            .filter(|a| a.closest("dialog").ok().flatten().is_none())
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
        let el = OPENER.with(|o| {
            let mut o = o.borrow_mut();
            if active.is_some() {
                *o = active;
            }
            o.clone()
        });
        let id = el.as_ref().map(|e| e.id()).unwrap_or_default();
        Self { el, id }
    }

    /// Focuses the opener once the closing render has settled. If it was re-rendered, the element
    /// with its id stands in; if it is gone (the deleted keys' bulk bar), the main region, so
    /// focus is not dropped on `<body>`. Skipped if another dialog is open by then.
    pub fn restore(self) {
        set_timeout(
            move || {
                let doc = document();
                if doc.query_selector("dialog[open]").ok().flatten().is_some() {
                    return;
                }
                use wasm_bindgen::JsCast;
                let target = self
                    .el
                    .filter(|e| e.is_connected())
                    .or_else(|| {
                        (!self.id.is_empty())
                            .then(|| doc.get_element_by_id(&self.id))
                            .flatten()
                            .and_then(|e| e.dyn_into().ok())
                    })
                    .or_else(|| {
                        doc.get_element_by_id("ora-main")
                            .and_then(|e| e.dyn_into().ok())
                    });
                if let Some(t) = target {
                    let _ = t.focus();
                }
            },
            std::time::Duration::ZERO,
        );
    }
}

/// A destructive action's confirmation: the button is enabled once the resource's name is typed.
#[component]
pub fn ConfirmByName(
    /// What is being destroyed ("workspace", "key").
    #[prop(into)]
    what: String,
    /// The name the user must type.
    #[prop(into)]
    name: String,
    /// The confirm button's label.
    #[prop(into)]
    action: String,
    /// Whether the action is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// An error to show inside the dialog.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// An explanation and link under the error (e.g. to the keys that block a delete).
    #[prop(optional, into)]
    help: Signal<Option<(String, String, String)>>,
    /// Runs the action.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// Closes without doing anything.
    #[prop(into)]
    on_close: Callback<()>,
    /// A title instead of "Delete {what} “{name}”?".
    #[prop(optional, into)]
    title: Option<String>,
    /// What happens, instead of "This cannot be undone.".
    #[prop(optional, into)]
    body: Option<String>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let title = title.unwrap_or_else(|| format!("Delete {what} “{name}”?"));
    let body = body.unwrap_or_else(|| "This cannot be undone.".to_string());
    let expected = name.clone();
    let matches = Signal::derive(move || typed.get().trim() == expected);
    view! {
        <Dialog title=title on_close=on_close>
            <div class="ora-dialog-body">
                <p>{body}</p>
                <div class="ora-field">
                    <label for="ora-confirm-name">"Type " <strong>{name.clone()}</strong> " to confirm"</label>
                    <input
                        id="ora-confirm-name"
                        class="ora-input"
                        autocomplete="off"
                        bind:value=typed
                    />
                </div>
                {move || error.get().map(|e| view! {
                    <div class="ora-alert ora-alert-error" role="alert" id="ora-confirm-error">
                        <p>{e}</p>
                        {move || help.get().map(|(text, href, link)| view! { <p>{text}" "<a href=href>{link}</a></p> })}
                    </div>
                })}
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" on:click=move |_| on_close.run(())>
                    "Cancel"
                </button>
                <button
                    class="ora-btn ora-btn-danger"
                    id="ora-confirm"
                    disabled=move || !matches.get() || pending.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {action.clone()}
                </button>
            </div>
        </Dialog>
    }
}

/// Sorts indices stably by `cmp`. Every list sorts through this one instance of the standard
/// library's stable sort (about 3 KB of wasm per element type and comparator otherwise).
pub fn sort_indices(rows: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    rows.sort_by(|&a, &b| cmp(a, b));
}

/// Formats dollars: two decimals, or four under a cent so small spend does not read as zero.
pub fn usd(v: f64) -> String {
    if v != 0.0 && v.abs() < 0.01 {
        format!("${}", crate::num::fixed(v, 4))
    } else {
        format!("${}", crate::num::fixed(v, 2))
    }
}

/// A usage bar: spend in the current limit window against the limit.
#[component]
pub fn UsageBar(
    /// Spent in the current window (USD).
    used: f64,
    /// The limit (USD), if any.
    limit: Option<f64>,
    /// The reset period ("monthly"), if any.
    #[prop(into)]
    reset: Option<String>,
) -> impl IntoView {
    let (pct, text) = match limit {
        Some(l) if l > 0.0 => {
            let pct = (used / l * 100.0).clamp(0.0, 100.0);
            let period = reset.map(|r| format!(" / {r}")).unwrap_or_default();
            (pct, format!("{} of {}{period}", usd(used), usd(l)))
        }
        _ => (0.0, format!("{} · no limit", usd(used))),
    };
    let label = text.clone();
    let high = pct >= 90.0;
    view! {
        <div class="ora-bar">
            <div
                class="ora-bar-track"
                role="meter"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=crate::num::fixed(pct, 0)
                aria-label=label
            >
                <div class="ora-bar-fill" class:ora-bar-high=high style:width=format!("{}%", crate::num::fixed(pct, 1))></div>
            </div>
            <span class="ora-bar-text">{text}</span>
        </div>
    }
}

/// One bar of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The label under or beside the bar.
    pub label: String,
    /// The value (USD).
    pub value: f64,
}

/// A horizontal bar chart in SVG, with a text table for screen readers.
#[component]
pub fn BarChart(
    /// The chart's title, also its accessible name.
    #[prop(into)]
    title: String,
    /// The bars, top to bottom.
    bars: Vec<Bar>,
    /// Colour class: 1, 2 or 3.
    #[prop(optional)]
    tone: u8,
) -> impl IntoView {
    let max = bars
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(0.000_001);
    let row = 28.0;
    let label_w = 170.0;
    let width = 640.0;
    let height = (bars.len() as f64 * row + 8.0).max(36.0);
    let class = match tone {
        2 => "ora-c2",
        3 => "ora-c3",
        _ => "ora-c1",
    };
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = i as f64 * row + 4.0;
            let w = (b.value / max * (width - label_w - 90.0)).max(1.0);
            let short: String = b.label.chars().take(24).collect();
            view! {
                <text x="0" y=crate::num::plain(y + 17.0)>{short}</text>
                <rect class=class x=crate::num::plain(label_w) y=crate::num::plain(y) width=crate::num::fixed(w, 1) height="20" rx="3"></rect>
                <text x=crate::num::fixed(label_w + w + 6.0, 1) y=crate::num::plain(y + 17.0)>{usd(b.value)}</text>
            }
        })
        .collect_view();
    let summary = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, usd(b.value)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="ora-card">
            <figcaption>
                <h2>{title.clone()}</h2>
            </figcaption>
            <svg
                class="ora-chart"
                viewBox=format!("0 0 {} {}", crate::num::plain(width), crate::num::plain(height))
                role="img"
                aria-label=format!("{title}. {summary}")
            >
                {rows}
            </svg>
        </figure>
    }
}

/// What [`use_window`] gives a windowed table.
pub struct UseWindowReturn {
    /// First and one-past-last index to render.
    pub range: Memo<(usize, usize)>,
    /// Height of the spacer above the rendered rows (px).
    pub top: Signal<f64>,
    /// Height of the spacer below the rendered rows (px).
    pub bottom: Signal<f64>,
    /// Put on the scroll container's `on:scroll`.
    pub on_scroll: Callback<web_sys::Event>,
}

/// Rows rendered beyond the visible ones, each side: keeps fast scrolling from showing gaps.
const OVERSCAN: usize = 20;

/// Windowing for a long list with fixed row height: only the rows near the viewport are in the
/// DOM (at most about viewport/row + 2 × overscan, well under 200), spacers stand for the rest.
pub fn use_window(total: Signal<usize>, row_height: f64, viewport: f64) -> UseWindowReturn {
    let scroll = RwSignal::new(0.0_f64);
    let range = Memo::new(move |_| {
        let n = total.get();
        let first = (scroll.get() / row_height).floor() as usize;
        let visible = (viewport / row_height).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = (first + visible + OVERSCAN).min(n);
        (start, end)
    });
    let top = Signal::derive(move || range.get().0 as f64 * row_height);
    let bottom = Signal::derive(move || {
        let (_, end) = range.get();
        (total.get().saturating_sub(end)) as f64 * row_height
    });
    let on_scroll = Callback::new(move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            scroll.set(el.scroll_top() as f64);
        }
    });
    UseWindowReturn {
        range,
        top,
        bottom,
        on_scroll,
    }
}

/// Shows an error from an async view, with the API's own message.
pub fn error_view(errors: ArcRwSignal<leptos::error::Errors>) -> impl IntoView {
    view! {
        <div class="ora-alert ora-alert-error" role="alert">
            <strong>"Something went wrong. "</strong>
            {move || errors.get().into_iter().map(|(_, e)| e.to_string()).collect::<Vec<_>>().join("; ")}
        </div>
    }
}

/// The loading placeholder of a `Transition`.
pub fn loading() -> impl IntoView {
    view! { <p class="ora-loading" aria-live="polite">"Loading…"</p> }
}

/// A sortable column header button; `aria-sort` goes on the `<th>` around it.
#[component]
pub fn SortHeader(
    /// The column's label.
    #[prop(into)]
    label: String,
    /// The column's key in the `sort` query parameter.
    #[prop(into)]
    column: String,
    /// The current sort (`name` or `-name`).
    #[prop(into)]
    current: Signal<String>,
    /// Called with the next sort value.
    #[prop(into)]
    on_sort: Callback<String>,
    /// Right-aligned numeric column.
    #[prop(optional)]
    numeric: bool,
) -> impl IntoView {
    let col = column.clone();
    let state = Signal::derive(move || {
        let c = current.get();
        if c == col {
            "ascending"
        } else if c.strip_prefix('-') == Some(col.as_str()) {
            "descending"
        } else {
            "none"
        }
    });
    let col = column.clone();
    view! {
        <th aria-sort=state class:ora-num=numeric scope="col">
            <button
                class="ora-sort"
                on:click=move |_| {
                    let next = if state.get_untracked() == "ascending" { format!("-{col}") } else { col.clone() };
                    on_sort.run(next);
                }
            >
                {label}
                <span aria-hidden="true">
                    {move || match state.get() {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "↕",
                    }}
                </span>
            </button>
        </th>
    }
}
