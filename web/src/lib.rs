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

/// JavaScript entry point: `mount(element, { baseUrl })`.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: web_sys::HtmlElement, options: JsValue) {
    let base_url = js_sys::Reflect::get(&options, &JsValue::from_str("baseUrl"))
        .ok()
        .and_then(|v| v.as_string());
    mount(element, MountOptions { base_url });
}
