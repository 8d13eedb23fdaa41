//! Conversions across the JavaScript boundary, and the `OpenRouterError` rejections.
//!
//! Answers cross as JSON text, handed to the native `JSON.parse`: no model decoder or encoder
//! is linked into the wasm for them (`serde-wasm-bindgen` would add one per model). Request
//! bodies are read property by property ([`body`](crate::body)).

use js_sys::{Array, Object, Reflect, JSON};
use openrouter_admin::{Error, ErrorKind, FieldError};
use wasm_bindgen::{JsCast, JsValue};

/// A `validation` error for one bad argument (nothing was sent).
pub fn invalid(field: &str, rule: &str, message: &str) -> JsValue {
    error_to_js(&Error::validation(vec![FieldError::new(
        field, rule, message,
    )]))
}

/// Sets `key` on a JS object we just created; cannot fail on a plain object.
fn set(target: &JsValue, key: &str, value: &JsValue) {
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

/// A required string argument (an id, a slug, a hash).
pub fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    match value.as_string() {
        Some(s) if !s.is_empty() => Ok(s),
        Some(_) => Err(invalid(
            name,
            "min_length",
            &format!("`{name}` cannot be empty"),
        )),
        None => Err(invalid(name, "type", &format!("`{name}` must be a string"))),
    }
}

/// A required array of non-empty strings (user ids, key hashes).
pub fn strings_arg(value: &JsValue, name: &str) -> Result<Vec<String>, JsValue> {
    if !Array::is_array(value) {
        return Err(invalid(
            name,
            "type",
            &format!("`{name}` must be an array of strings"),
        ));
    }
    let array: &Array = value.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        out.push(string_arg(&item, &format!("{name}[{i}]"))?);
    }
    Ok(out)
}

/// The per-call options object (`undefined` and `null` mean none).
pub struct Options {
    object: Option<JsValue>,
}

impl Options {
    /// Checks that `value` is an object, or absent.
    pub fn parse(value: &JsValue) -> Result<Options, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Ok(Options { object: None });
        }
        if !value.is_object() || Array::is_array(value) {
            return Err(invalid("options", "type", "`options` must be an object"));
        }
        Ok(Options {
            object: Some(value.clone()),
        })
    }

    /// The property `key`, unless absent, `undefined` or `null`.
    fn get(&self, key: &str) -> Option<JsValue> {
        let object = self.object.as_ref()?;
        Reflect::get(object, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    /// `options.signal`, which must be an `AbortSignal`.
    pub fn signal(&self) -> Result<Option<web_sys::AbortSignal>, JsValue> {
        match self.get("signal") {
            None => Ok(None),
            Some(v) => v.dyn_into::<web_sys::AbortSignal>().map(Some).map_err(|_| {
                invalid(
                    "options.signal",
                    "type",
                    "`options.signal` must be an AbortSignal",
                )
            }),
        }
    }

    /// A non-negative integer option no larger than `max`.
    /// (`max` is a whole number: printing an `f64` would link float formatting into the wasm.)
    pub fn integer(&self, key: &str, max: u64) -> Result<Option<f64>, JsValue> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=max as f64).contains(&n) => Ok(Some(n)),
            _ => Err(invalid(
                &format!("options.{key}"),
                "type",
                &format!("`options.{key}` must be an integer from 0 to {max}"),
            )),
        }
    }

    /// A boolean option.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, JsValue> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        v.as_bool().map(Some).ok_or_else(|| {
            invalid(
                &format!("options.{key}"),
                "type",
                &format!("`options.{key}` must be a boolean"),
            )
        })
    }

    /// An option sent as JSON text (`JSON.stringify`); a value JSON cannot carry (a BigInt,
    /// a cycle, a function) is an error naming it.
    pub fn json(&self, key: &str) -> Result<Option<String>, JsValue> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        JSON::stringify(&v)
            .ok()
            .and_then(|text| text.as_string())
            .map(Some)
            .ok_or_else(|| {
                let field = format!("options.{key}");
                invalid(&field, "type", &format!("`{field}` cannot be read as JSON"))
            })
    }

    /// An object of query parameters: each value a string, a finite number or a boolean,
    /// sent as JSON writes it (`5`, `true`), in the object's key order.
    pub fn query(&self, key: &str) -> Result<Vec<(String, String)>, JsValue> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let field = format!("options.{key}");
        if !v.is_object() || Array::is_array(&v) {
            return Err(invalid(
                &field,
                "type",
                &format!("`{field}` must be an object"),
            ));
        }
        let mut out = Vec::new();
        for entry in Object::entries(v.unchecked_ref()).iter() {
            let pair: &Array = entry.unchecked_ref();
            let (name, value) = (pair.get(0).as_string().unwrap_or_default(), pair.get(1));
            let text = if let Some(text) = value.as_string() {
                Some(text)
            } else if value.as_f64().is_some_and(f64::is_finite) || value.as_bool().is_some() {
                JSON::stringify(&value)
                    .ok()
                    .and_then(|text| text.as_string())
            } else {
                None
            };
            let Some(text) = text else {
                let item = format!("{field}.{name}");
                return Err(invalid(
                    &item,
                    "type",
                    &format!("`{item}` must be a string, a finite number or a boolean"),
                ));
            };
            out.push((name, text));
        }
        Ok(out)
    }

    /// A non-empty string option.
    pub fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => string_arg(&v, &format!("options.{key}")).map(Some),
        }
    }
}
