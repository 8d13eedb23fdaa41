//! The `OpenRouterError` rejections: the core's [`Error`] as a JavaScript `Error` instance
//! whose properties are the TypeScript `OpenRouterError` interface in [`types`](crate::types).

use js_sys::{Array, Object, Reflect, JSON};
use openrouter_admin::{Error, ErrorKind};
use wasm_bindgen::JsValue;

/// The core's error as a rejection value.
pub fn reject(error: Error) -> JsValue {
    error_to_js(&error)
}

/// Sets `key` on a JS object this crate just created (an error, a report); cannot fail on a
/// plain object.
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// `Some(n)` as a JS number, `None` as `null`.
fn number_or_null(n: Option<f64>) -> JsValue {
    n.map_or(JsValue::NULL, JsValue::from_f64)
}

/// The core's error as an `Error` instance named `OpenRouterError`, carrying `kind`, `status`,
/// `code`, `metadata`, `retryAfterMs`, `fieldErrors` and, for `outcome_unknown`, `cause`.
///
/// The message is the core's, which never contains the management key or a created secret.
pub fn error_to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(error.message());
    js.set_name("OpenRouterError");
    let value: JsValue = js.into();
    set(&value, "kind", &JsValue::from_str(kind_name(error.kind())));
    set(
        &value,
        "status",
        &number_or_null(error.status().map(f64::from)),
    );
    set(
        &value,
        "code",
        &number_or_null(error.code().map(|c| c as f64)),
    );
    // The text as it came back, parsed by JSON.parse: no Value parser or encoder in the wasm.
    let metadata = error
        .metadata_json()
        .and_then(|m| JSON::parse(m).ok())
        .unwrap_or(JsValue::NULL);
    set(&value, "metadata", &metadata);
    let retry_after = error.retry_after().map(|d| d.as_millis() as f64);
    set(&value, "retryAfterMs", &number_or_null(retry_after));
    let fields = Array::new();
    for field in error.validation_errors() {
        let item: JsValue = Object::new().into();
        set(&item, "field", &JsValue::from_str(&field.field));
        set(&item, "rule", &JsValue::from_str(&field.rule));
        set(&item, "message", &JsValue::from_str(&field.message));
        fields.push(&item);
    }
    set(&value, "fieldErrors", &fields);
    if let Some(cause) = error.cause() {
        set(&value, "cause", &error_to_js(cause));
    }
    value
}

/// The stable kind names of the TypeScript `ErrorKind` union. The core's enum may grow; a kind
/// this build does not know reaches JavaScript as `"api"`, the generic class.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::BadRequest
        | ErrorKind::Unauthorized
        | ErrorKind::Forbidden
        | ErrorKind::NotFound
        | ErrorKind::RateLimited
        | ErrorKind::Server
        | ErrorKind::Api
        | ErrorKind::Validation
        | ErrorKind::Timeout
        | ErrorKind::Cancelled
        | ErrorKind::Network
        | ErrorKind::Decode
        | ErrorKind::OutcomeUnknown
        | ErrorKind::Pagination
        | ErrorKind::Unsupported => kind.as_str(),
        _ => "api",
    }
}
