//! Conversions across the JavaScript boundary: arguments and options in, futures out as
//! promises. A bad argument is a `validation` [rejection](crate::error) naming it.
//!
//! Answers cross as JSON text, handed to the native `JSON.parse`: no model decoder or encoder
//! is linked into the wasm for them (`serde-wasm-bindgen` would add one per model); their
//! shaping is [`answer`](crate::answer). Request bodies are read property by property
//! ([`body`](crate::body)).

use std::future::Future;
use std::pin::Pin;

use js_sys::{Array, JsString, Object, Promise, Reflect, JSON};
use openrouter_admin::models::Interval;
use std::time::Duration;

use openrouter_admin::{CancelSignal, Client, Error, FieldError, ManagementKey, Method};
use wasm_bindgen::prelude::wasm_bindgen;
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

// Arguments are copied in JavaScript before the wasm reads them (`glue.js` says why).
#[wasm_bindgen(module = "/src/glue.js")]
extern "C" {
    /// `[copy]` of `value`, or the path (`options.query.q`) whose read threw or that is too large
    /// (a string over 1 MiB, an array over 2^20 items, nesting over 64 levels).
    fn own(value: &JsValue, name: &str) -> JsValue;
    /// `true` for an `OpenRouterError`; `false`, not a throw, for a revoked `Proxy`.
    #[wasm_bindgen(js_name = isError)]
    pub fn is_error(value: &JsValue) -> bool;
}

/// `value` (the argument `name`) as data this module made: reading it later runs no
/// JavaScript of the caller's. A read that threw is a `validation` error naming its path.
pub fn snapshot(value: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    let copied = own(value, name);
    match copied.as_string() {
        Some(path) => Err(invalid_arg(
            &path,
            "type",
            "cannot be read (it threw, or is too large)",
        )),
        None => Ok(copied.unchecked_into::<Array>().get(0)),
    }
}

/// The longest string read from JavaScript, in UTF-16 units (the snapshot's limit too).
const MAX_TEXT: u32 = 1 << 20;

/// A required string argument (an id, a slug, a hash).
pub fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    // Measured before it is copied in: a string of hundreds of MB would exhaust wasm memory.
    if value
        .dyn_ref::<JsString>()
        .is_some_and(|s| s.length() > MAX_TEXT)
    {
        return Err(invalid_arg(name, "max_length", "is longer than 1 MiB"));
    }
    match value.as_string() {
        Some(s) if !s.is_empty() => Ok(s),
        Some(_) => Err(invalid_arg(name, "min_length", "cannot be empty")),
        None => Err(invalid_arg(name, "type", "must be a string")),
    }
}

/// A required array of non-empty strings (user ids, key hashes), none `.` or `..`.
pub fn strings_arg(value: &JsValue, name: &str) -> Result<Vec<String>, JsValue> {
    let value = &snapshot(value, name)?;
    if !Array::is_array(value) {
        return Err(invalid_arg(name, "type", "must be an array of strings"));
    }
    let array: &Array = value.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        out.push(segment_arg(&item, &format!("{name}[{i}]"))?);
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
/// the query, encoded). Nor may it leave the API root with the key attached: no `.` or `..`
/// segment (URL parsers also read `%2e` as a dot), no `\` (which they read as `/`) and no
/// `//` first (another host to a parser that resolves it against the base).
pub fn path_arg(value: &JsValue) -> Result<String, JsValue> {
    let path = string_arg(value, "path")?;
    let climbs =
        path.starts_with("//") || path.contains('\\') || path.split('/').any(is_dot_segment);
    if !path.starts_with('/') || path.contains(['?', '#']) || climbs {
        return Err(invalid(
            "path",
            "pattern",
            "`path` must start with / and hold no ? or #, no \\, no // first and no . or .. \
             segment (put the query in options.query)",
        ));
    }
    Ok(path)
}

/// `.` or `..`, spelled with dots or `%2e`: a segment URL parsers resolve instead of sending.
/// (A byte loop: `str::replace` would link a substring searcher into the wasm.)
fn is_dot_segment(segment: &str) -> bool {
    let (mut rest, mut dots) = (segment.as_bytes(), 0);
    while let Some(&first) = rest.first() {
        rest = match rest {
            [b'%', b'2', e, ..] if e | 0x20 == b'e' => &rest[3..],
            _ if first == b'.' => &rest[1..],
            _ => return false,
        };
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// A required string argument that becomes one path segment (an id, a slug, a hash): `.` and
/// `..` would name another endpoint once the URL is parsed, so they are refused.
pub fn segment_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    let segment = string_arg(value, name)?;
    if is_dot_segment(&segment) {
        return Err(invalid_arg(name, "pattern", "cannot be . or .."));
    }
    Ok(segment)
}

/// The client of `new OpenRouterAdmin(options)` and `new WorkspaceSettings(options)`:
/// `{ apiKey, baseUrl?, timeoutMs?, maxRetries? }`, a `validation` error for a missing key, a
/// key that cannot be an HTTP header value, or a bad option.
pub fn client_from(options: &JsValue) -> Result<Client, JsValue> {
    // `undefined` and `null` parse as no options, so they fail on the missing key below.
    let o = Options::parse(options)?;
    let key = o
        .string("apiKey")?
        .ok_or_else(|| invalid("options.apiKey", "required", "`options.apiKey` is required"))?;
    let key = ManagementKey::new(key);
    key.check("options.apiKey").map_err(|e| error_to_js(&e))?;
    let mut builder = Client::builder().api_key(key);
    if let Some(url) = o.string("baseUrl")? {
        builder = builder.base_url(url);
    }
    if let Some(ms) = o.integer("timeoutMs", 86_400_000)? {
        if ms < 1.0 {
            return Err(invalid(
                "options.timeoutMs",
                "range",
                "`options.timeoutMs` must be at least 1",
            ));
        }
        builder = builder.timeout(Duration::from_millis(ms as u64));
    }
    if let Some(n) = o.integer("maxRetries", 10)? {
        builder = builder.max_retries(n as u32);
    }
    builder.build().map_err(|e| error_to_js(&e))
}

/// What `toString()` of either class says: its name and base URL, the key redacted.
pub fn describe(class: &str, client: &Client) -> String {
    format!(
        "{class} {{ baseUrl: {}, apiKey: <redacted> }}",
        client.config().base_url
    )
}

/// What `JSON.stringify` shows of either class: the base URL, never the key.
pub fn public_json(client: &Client) -> JsValue {
    let out: JsValue = Object::new().into();
    crate::error::set(
        &out,
        "baseUrl",
        &JsValue::from_str(&client.config().base_url),
    );
    out
}

/// The per-call options object (`undefined` and `null` mean none).
pub struct Options {
    object: Option<JsValue>,
}

impl Options {
    /// Checks that `value` is an object, or absent.
    pub fn parse(value: &JsValue) -> Result<Options, JsValue> {
        let value = &snapshot(value, "options")?;
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
