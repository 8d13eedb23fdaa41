//! The openrouter-admin page: a Leptos 0.8 client-side-rendered app over the
//! `openrouter_admin` core.
//!
//! It is a library so that a portal can embed it: `mount(element, options)` (Rust, or the
//! `mount` export of the wasm-bindgen module from JavaScript).
//!
//! The build makes one wasm module of it (`src/main.rs`). What a first visit loads first is the
//! sign-in screen and the runtime every view needs; the signed-in page is split off by area
//! ([`areas`], `cargo xtask page`): its shell with the workspaces list is fetched in the
//! background once the sign-in form is up, and each other area when first opened. `trunk serve`
//! builds the same code as one unsplit module, for development.
//!
//! `web/assets/loader.js` loads the module and mounts the sign-in screen (or, for a key this tab
//! remembered, the page).

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod app;
mod areas;
mod collate;
mod components;
mod decimal;
mod domain;
mod export;
mod format;
mod pages;
mod route;
mod services;
mod session;
mod write;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub use route::{Route, Tab};
pub use session::{Handoff, SignedIn};

/// How an embedding page configures the admin page.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MountOptions {
    /// The API base URL; when absent, `config.json` beside the page, else OpenRouter's.
    pub base_url: Option<String>,
}

/// Mounts the admin page inside `element`; it stays mounted for the life of the page. The
/// `app` area is fetched first (an error with "Try again" shows if it cannot be).
pub fn mount(element: web_sys::HtmlElement, options: MountOptions) {
    console_error_panic_hook::set_once();
    open_page(element, options.base_url, None);
}

/// Mounts the admin page inside `element`, already signed in with a key the sign-in screen
/// checked ([`mount_sign_in`]).
pub fn mount_signed_in(element: web_sys::HtmlElement, signed_in: SignedIn) {
    console_error_panic_hook::set_once();
    open_page(element, None, Some(signed_in));
}

/// Starts fetching the signed-in page's `app` area without opening it: what the loader does at
/// idle time once the sign-in form is up, so that signing in does not wait on the network.
pub fn prefetch_page() {
    wasm_bindgen_futures::spawn_local(async {
        // A failure shows when the page is opened, which tries again.
        let _ = app::preload_app().await;
    });
}

/// Fetches the `app` area if needed, then mounts the page; when it cannot be downloaded, an
/// error with "Try again" takes its place.
fn open_page(element: web_sys::HtmlElement, base_url: Option<String>, signed_in: Option<SignedIn>) {
    // wasm-bindgen's executor: Leptos's is set up only by a first mount.
    wasm_bindgen_futures::spawn_local(async move {
        let opened = app::open_app(element.clone(), base_url.clone(), signed_in.clone()).await;
        if opened.is_err() {
            show_unavailable(element, base_url, signed_in);
        }
    });
}

thread_local! {
    /// The sign-in screen's mount, kept so that [`unmount_sign_in`] can take it down.
    static SIGN_IN: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
    /// The "did not open" screen's mount, taken down when "Try again" opens the page.
    static UNAVAILABLE: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

/// Says in `element` that the page's `app` area could not be downloaded, with "Try again".
fn show_unavailable(
    element: web_sys::HtmlElement,
    base_url: Option<String>,
    signed_in: Option<SignedIn>,
) {
    let target = element.clone();
    let retry = move |_| {
        let (target, base_url, signed_in) = (target.clone(), base_url.clone(), signed_in.clone());
        // A timeout: the unmount disposes of this button's own handler.
        set_timeout(
            move || {
                let handle = UNAVAILABLE.with(|u| u.borrow_mut().take());
                drop(handle);
                open_page(target, base_url, signed_in);
            },
            std::time::Duration::ZERO,
        );
    };
    let handle = leptos::mount::mount_to(element, move || {
        view! {
            <div class="ora-alert ora-alert-error ora-area-failed" role="alert">
                <strong>"The admin page did not open. "</strong>
                "Its files could not be downloaded. Check the connection and try again; if the \
                 admin page was updated since this tab was opened, reload the tab. "
                <button class="ora-btn ora-btn-small ora-load-again" on:click=retry.clone()>
                    "Try again"
                </button>
            </div>
        }
    });
    UNAVAILABLE.with(|u| *u.borrow_mut() = Some(Box::new(handle)));
}

/// Mounts the sign-in screen alone inside `element`, with the page's mount `options`: the
/// first screen of a visit, which needs nothing of the signed-in page. A key that `GET /key`
/// accepts opens the page in its place (fetching its `app` area first if the idle-time
/// [`prefetch_page`] has not); a failure to fetch it shows beside the form, which keeps the key.
pub fn mount_sign_in(element: web_sys::HtmlElement, options: MountOptions) {
    console_error_panic_hook::set_once();
    let target = element.clone();
    let handoff: Handoff = std::rc::Rc::new(move |signed_in: SignedIn| {
        let target = target.clone();
        Box::pin(async move {
            app::preload_app().await.map_err(|_| {
                "its files could not be downloaded. Check the connection and try again.".to_string()
            })?;
            // A timeout, not now: this code runs inside the form's action, whose reactive
            // state the unmount disposes of. The area is there now: the page opens at once.
            set_timeout(
                move || {
                    unmount_sign_in();
                    open_page(target, None, Some(signed_in));
                },
                std::time::Duration::ZERO,
            );
            Ok(())
        })
    });
    let handle = leptos::mount::mount_to(element, move || {
        view! { <app::SignInScreen base_url=options.base_url.clone() handoff=handoff.clone() /> }
    });
    SIGN_IN.with(|s| *s.borrow_mut() = Some(Box::new(handle)));
}

/// Takes down the screen [`mount_sign_in`] put up, disposing of its reactive state. Call it
/// from outside that screen's own code (a timeout), never from one of its effects or actions.
pub fn unmount_sign_in() {
    // Taken out first: the handle's drop runs Leptos code, which must not find the cell borrowed.
    let handle = SIGN_IN.with(|s| s.borrow_mut().take());
    drop(handle);
}

/// `options` as [`MountOptions`]: `undefined`, `null`, or an object whose `baseUrl` is a string
/// when present. Anything else is an error naming the option, because a portal that passes a
/// misspelt or mistyped option would otherwise talk to OpenRouter when it meant its own proxy.
pub fn mount_options_from_js(options: &JsValue) -> Result<MountOptions, String> {
    let base_url = if options.is_undefined() || options.is_null() {
        JsValue::UNDEFINED
    } else if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str("baseUrl")).unwrap_or_default()
    } else {
        return Err("mount(element, options): options must be an object".into());
    };
    let base_url = match base_url.as_string() {
        Some(url) => Some(url),
        None if base_url.is_undefined() || base_url.is_null() => None,
        None => return Err("mount(element, options): options.baseUrl must be a string".into()),
    };
    Ok(MountOptions { base_url })
}
