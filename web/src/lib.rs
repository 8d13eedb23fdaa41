//! The openrouter-admin page: a Leptos 0.8 client-side-rendered app over the
//! `openrouter_admin` core.
//!
//! It is a library so that a portal can embed it: `mount(element, options)` (Rust, or the
//! `mount` export of the wasm-bindgen module from JavaScript). The binary Trunk builds only calls
//! [`mount_to_page`].

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod app;
mod components;
mod export;
mod num;
mod pages;
mod route;
mod services;
mod session;
mod text;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

pub use route::{Route, Tab};

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
        view! { <app::App base_url=options.base_url.clone() /> }
    });
    handle.forget();
}

/// Mounts into `#ora-app` when the page has one (the standalone page); does nothing otherwise,
/// so a portal that loads the module calls [`mount`] itself.
pub fn mount_to_page() {
    use wasm_bindgen::JsCast;
    let target = document()
        .get_element_by_id("ora-app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = target {
        mount(element, MountOptions::default());
    }
}

/// JavaScript entry point: `mount(element, { baseUrl })`. Options that are not an object of
/// the documented shape throw, instead of being silently ignored (a portal would otherwise talk
/// to OpenRouter when it meant its own proxy).
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsError> {
    // Read by hand: serde-wasm-bindgen's deserializer cost 5.8 KB gzip of first load here
    // (387.3 -> 381.5 KB, `cargo xtask page`) for one optional string.
    let base_url = if options.is_undefined() || options.is_null() {
        JsValue::UNDEFINED
    } else if options.is_object() {
        js_sys::Reflect::get(&options, &JsValue::from_str("baseUrl")).unwrap_or_default()
    } else {
        return Err(JsError::new(
            "mount(element, options): options must be an object",
        ));
    };
    let base_url = match base_url.as_string() {
        Some(url) => Some(url),
        None if base_url.is_undefined() || base_url.is_null() => None,
        None => {
            return Err(JsError::new(
                "mount(element, options): options.baseUrl must be a string",
            ))
        }
    };
    mount(element, MountOptions { base_url });
    Ok(())
}
