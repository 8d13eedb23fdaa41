//! The page's one modal: the native `<dialog>` with focus kept inside and given back on close.

use leptos::prelude::*;

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
    // An open dialog (a new key's secret, a typed confirmation) is not refreshed away.
    if let Some(loads) = crate::services::use_loads() {
        loads.hold(|| true);
    }
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
