//! Conversions across the JavaScript boundary: arguments and options in, futures out as
//! promises. A bad argument is a `validation` [rejection](crate::error) naming it.
//!
//! Answers cross as JSON text, handed to the native `JSON.parse`: no model decoder or encoder
//! is linked into the wasm for them (`serde-wasm-bindgen` would add one per model); their
//! shaping is [`answer`](crate::answer). Request bodies are read property by property
//! ([`body`](crate::body)).

use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, Object, Promise, Reflect, JSON};
use openrouter_admin::models::Interval;
use openrouter_admin::{CancelSignal, Error, FieldError, Method};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::future_to_promise;

use crate::error::error_to_js;

/// Every method's future, boxed to one type.
pub type MethodFuture = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// The promise of `future`, whose error is already a JS value (an `OpenRouterError`).
/// Non-generic on purpose: one copy of `future_to_promise` for the whole module.
#[inline(never)]
pub fn promise(future: MethodFuture) -> Promise {
    future_to_promise(future)
}

/// Applies an optional cancel handle to any of the core's builders (they all have `.signal`,
/// which takes a handle, not an `Option`).
macro_rules! signaled {
    ($call:expr, $signal:expr) => {
        match $signal {
            Some(signal) => $call.signal(signal),
            None => $call,
        }
    };
}
pub(crate) use signaled;

/// A `validation` error for one bad argument (nothing was sent).
pub fn invalid(field: &str, rule: &str, message: &str) -> JsValue {
    error_to_js(&Error::validation(vec![FieldError::new(
        field, rule, message,
    )]))
}

/// A `validation` error whose message is the argument's name in backquotes, then `what`
/// ("must be a string"): one `format!` for every such message, out of line.
#[inline(never)]
pub fn invalid_arg(field: &str, rule: &str, what: &str) -> JsValue {
    invalid(field, rule, &format!("`{field}` {what}"))
}

/// The `type` error of the option `key` (`options.key`), which `what` describes.
#[inline(never)]
fn invalid_option(key: &str, what: &str) -> JsValue {
    invalid_arg(&format!("options.{key}"), "type", what)
}

/// A required string argument (an id, a slug, a hash).
pub fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    match value.as_string() {
        Some(s) if !s.is_empty() => Ok(s),
        Some(_) => Err(invalid_arg(name, "min_length", "cannot be empty")),
        None => Err(invalid_arg(name, "type", "must be a string")),
    }
}

/// A required array of non-empty strings (user ids, key hashes).
pub fn strings_arg(value: &JsValue, name: &str) -> Result<Vec<String>, JsValue> {
    if !Array::is_array(value) {
        return Err(invalid_arg(name, "type", "must be an array of strings"));
    }
    let array: &Array = value.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        out.push(string_arg(&item, &format!("{name}[{i}]"))?);
    }
    Ok(out)
}

/// A budget interval argument.
pub fn interval_arg(value: &JsValue) -> Result<Interval, JsValue> {
    match value.as_string().as_deref() {
        Some("daily") => Ok(Interval::Daily),
        Some("weekly") => Ok(Interval::Weekly),
        Some("monthly") => Ok(Interval::Monthly),
        Some("lifetime") => Ok(Interval::Lifetime),
        _ => Err(invalid(
            "interval",
            "enum",
            "`interval` must be \"daily\", \"weekly\", \"monthly\" or \"lifetime\"",
        )),
    }
}

/// An HTTP method argument.
pub fn method_arg(value: &JsValue) -> Result<Method, JsValue> {
    match value.as_string().as_deref() {
        Some("GET") => Ok(Method::Get),
        Some("POST") => Ok(Method::Post),
        Some("PUT") => Ok(Method::Put),
        Some("PATCH") => Ok(Method::Patch),
        Some("DELETE") => Ok(Method::Delete),
        _ => Err(invalid(
            "method",
            "enum",
            "`method` must be \"GET\", \"POST\", \"PUT\", \"PATCH\" or \"DELETE\"",
        )),
    }
}

/// A path below the base URL: `/` first, and no query or fragment (`options.query` carries
/// the query, encoded).
pub fn path_arg(value: &JsValue) -> Result<String, JsValue> {
    let path = string_arg(value, "path")?;
    if !path.starts_with('/') || path.contains(['?', '#']) {
        return Err(invalid(
            "path",
            "pattern",
            "`path` must start with / and hold no ? or # (put the query in options.query)",
        ));
    }
    Ok(path)
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

    /// `options.signal`, which must be an `AbortSignal`, as the core's cancel handle.
    pub fn signal(&self) -> Result<Option<CancelSignal>, JsValue> {
        match self.get("signal") {
            None => Ok(None),
            Some(v) => v
                .dyn_into::<web_sys::AbortSignal>()
                .map(|s| Some(s.into()))
                .map_err(|_| {
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
            _ => Err(invalid_option(
                key,
                &format!("must be an integer from 0 to {max}"),
            )),
        }
    }

    /// A boolean option.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, JsValue> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        v.as_bool()
            .map(Some)
            .ok_or_else(|| invalid_option(key, "must be a boolean"))
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
            .ok_or_else(|| invalid_option(key, "cannot be read as JSON"))
    }

    /// An object of query parameters: each value a string, a finite number or a boolean,
    /// sent as JSON writes it (`5`, `true`), in the object's key order.
    pub fn query(&self, key: &str) -> Result<Vec<(String, String)>, JsValue> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        if !v.is_object() || Array::is_array(&v) {
            return Err(invalid_option(key, "must be an object"));
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
                return Err(invalid_option(
                    &format!("{key}.{name}"),
                    "must be a string, a finite number or a boolean",
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
