//! The first-load module: the sign-in screen alone, so that a first visit downloads a small
//! module and shows the form at once. `web/assets/boot.js` loads it and passes `load`, which
//! fetches the whole page; the checked key then goes to the whole page's `mountSignedIn`.

use std::rc::Rc;

use openrouter_admin_web::{
    mount_options_from_js, mount_sign_in, unmount_sign_in, Handoff, SignedIn,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

fn main() {}

/// JavaScript entry point: `mountSignIn(element, load, options)`; `options` are the page's
/// mount options (`{ baseUrl }`), and a wrong shape throws, as the whole page's `mount` does.
///
/// `load()` returns a promise of `open(element, key, baseUrl, label)`, the whole page's
/// mount. After a sign-in the form waits on `load` (a failure to load shows beside the form,
/// which keeps what was typed), then, in one step outside the form's own code, takes the
/// form down and opens the page in its place.
#[wasm_bindgen(js_name = mountSignIn)]
pub fn mount_sign_in_js(
    element: web_sys::HtmlElement,
    load: js_sys::Function,
    options: JsValue,
) -> Result<(), JsError> {
    let options = mount_options_from_js(&options).map_err(|e| JsError::new(&e))?;
    let target = element.clone();
    let handoff: Handoff = Rc::new(move |signed_in: SignedIn| {
        let load = load.clone();
        let target = target.clone();
        Box::pin(async move {
            let promise = load
                .call0(&JsValue::UNDEFINED)
                .map(|value| js_sys::Promise::resolve(&value))
                .map_err(describe)?;
            let open: js_sys::Function = JsFuture::from(promise)
                .await
                .map_err(describe)?
                .dyn_into()
                .map_err(|_| "the page's loader gave no mount function".to_string())?;
            // A timeout, not now: this code runs inside the form's action, whose reactive state
            // the unmount disposes of.
            let open_page = Closure::once_into_js(move || {
                unmount_sign_in();
                let args = js_sys::Array::of5(
                    &target,
                    // The one place the key leaves its `ManagementKey`: the handoff to the
                    // other wasm module, which wraps it again (`mountSignedIn`).
                    &JsValue::from_str(signed_in.key.expose_secret()),
                    &JsValue::from_str(&signed_in.base_url),
                    &JsValue::from_str(&signed_in.label),
                    &signed_in
                        .timeout_ms
                        .map_or(JsValue::UNDEFINED, JsValue::from),
                );
                if let Err(e) = open.apply(&JsValue::UNDEFINED, &args) {
                    web_sys::console::error_1(&JsValue::from_str(&describe(e)));
                }
            });
            let _ = web_sys::window()
                .ok_or("no window")?
                .set_timeout_with_callback(open_page.unchecked_ref());
            Ok(())
        })
    });
    mount_sign_in(element, options, handoff);
    Ok(())
}

/// A thrown JS value as text for the form's error line (an `Error`'s message, else the value).
fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

// Talc instead of dlmalloc: a few KB less of first load (web/README.md, Size). The module has
// one thread (no `atomics`), which is what this allocator assumes.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
