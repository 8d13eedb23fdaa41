//! The openrouter-admin page: a Leptos 0.8 client-side-rendered app over the
//! `openrouter_admin` core.
//!
//! It is a library so that a portal can embed it: `mount(element, options)` (Rust, or the
//! `mount` export of the wasm-bindgen module from JavaScript).
//!
//! The build (`cargo xtask page`; Trunk in development) makes two binaries from it, so that a first visit downloads only what the first
//! screen needs:
//! - `openrouter-admin-signin` (`src/signin_main.rs`): the sign-in screen alone, loaded first;
//! - `openrouter-admin-web` (`src/main.rs`): the whole page, loaded once a key is accepted
//!   (or at once when this tab remembers one), and the module a portal embeds.
//!
//! `web/assets/boot.js` loads them in that order and hands the checked key from one to the other.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod app;
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

/// Mounts the admin page inside `element`; it stays mounted for the life of the page.
pub fn mount(element: web_sys::HtmlElement, options: MountOptions) {
    console_error_panic_hook::set_once();
    let handle = leptos::mount::mount_to(element, move || {
        view! { <app::App base_url=options.base_url.clone() signed_in=None /> }
    });
    handle.forget();
}

/// Mounts the admin page inside `element`, already signed in with a key the first-load sign-in
/// screen checked ([`mount_sign_in`]).
pub fn mount_signed_in(element: web_sys::HtmlElement, signed_in: SignedIn) {
    console_error_panic_hook::set_once();
    let handle = leptos::mount::mount_to(element, move || {
        view! { <app::App base_url=None signed_in=Some(signed_in.clone()) /> }
    });
    handle.forget();
}

thread_local! {
    /// The sign-in screen's mount, kept so that [`unmount_sign_in`] can take it down.
    static SIGN_IN: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

/// Mounts the sign-in screen alone inside `element`, with the page's mount `options`: the
/// first-load module, which carries no page but this one. A key that `GET /key` accepts goes to `handoff`, which loads and
/// opens the signed-in page ([`mount_signed_in`] in the other module).
pub fn mount_sign_in(element: web_sys::HtmlElement, options: MountOptions, handoff: Handoff) {
    console_error_panic_hook::set_once();
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
