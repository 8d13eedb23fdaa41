//! The admin page's wasm module, loaded first by `web/assets/loader.js` (and the one a portal
//! embeds): the sign-in screen and the runtime. In the split build (`cargo xtask page`) the
//! signed-in page is not in it but fetched by area (src/areas.rs). Nothing mounts at start: the
//! loader (or the portal) decides where, and whether the sign-in screen comes first.

use openrouter_admin_web::{mount, mount_options_from_js, mount_sign_in, prefetch_page};
use wasm_bindgen::prelude::*;

fn main() {}

/// JavaScript entry point: `mount(element, { baseUrl })`, the whole page (with its own sign-in
/// when no key is remembered). Options that are not an object of the documented shape throw,
/// instead of being silently ignored.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsError> {
    // Read by hand: serde-wasm-bindgen's deserializer cost 5.8 KB gzip of first load here
    // (387.3 -> 381.5 KB, `cargo xtask page`) for one optional string.
    let options = mount_options_from_js(&options).map_err(|e| JsError::new(&e))?;
    mount(element, options);
    Ok(())
}

/// JavaScript entry point: `mountSignIn(element, options)`, the sign-in screen alone, which
/// opens the page in its place after a sign-in. The key never leaves this wasm module.
#[wasm_bindgen(js_name = mountSignIn)]
pub fn mount_sign_in_js(element: web_sys::HtmlElement, options: JsValue) -> Result<(), JsError> {
    let options = mount_options_from_js(&options).map_err(|e| JsError::new(&e))?;
    mount_sign_in(element, options);
    Ok(())
}

/// JavaScript entry point: `prefetchPage()`, fetches the signed-in page's `app` area in the
/// background (the loader calls it at idle time once the sign-in form is up).
#[wasm_bindgen(js_name = prefetchPage)]
pub fn prefetch_page_js() {
    prefetch_page();
}

// Talc instead of dlmalloc: a few KB less of first load (web/README.md, Size). The module has
// one thread (no `atomics`), which is what this allocator assumes.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
