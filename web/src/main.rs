//! The whole admin page, the build's main module: the module `web/assets/boot.js` loads after
//! sign-in, and the one a portal embeds. Nothing mounts at start: the loader (or the portal)
//! decides where, and whether a key was already checked.

use openrouter_admin::ManagementKey;
use openrouter_admin_web::{mount, mount_options_from_js, mount_signed_in, SignedIn};
use wasm_bindgen::prelude::*;

fn main() {}

/// JavaScript entry point: `mount(element, { baseUrl })`. Options that are not an object of
/// the documented shape throw, instead of being silently ignored.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsError> {
    // Read by hand: serde-wasm-bindgen's deserializer cost 5.8 KB gzip of first load here
    // (387.3 -> 381.5 KB, `cargo xtask page`) for one optional string.
    let options = mount_options_from_js(&options).map_err(|e| JsError::new(&e))?;
    mount(element, options);
    Ok(())
}

/// JavaScript entry point for the loader: mounts the page signed in with a key the sign-in
/// module already checked with `GET /key`. The key crosses from one wasm module to the other as
/// a string, here only; it is a `ManagementKey` again at once.
#[wasm_bindgen(js_name = mountSignedIn)]
pub fn mount_signed_in_js(
    element: web_sys::HtmlElement,
    key: String,
    base_url: String,
    label: String,
    timeout_ms: Option<u32>,
) {
    mount_signed_in(
        element,
        SignedIn {
            key: ManagementKey::new(key),
            base_url,
            label,
            timeout_ms,
        },
    );
}

// Talc instead of dlmalloc, as in the sign-in module (web/README.md, Size).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
