//! Reads the few fields a composite operation, paging or the error envelope needs from an
//! answer parsed as a `serde_json::Value`.
//!
//! Why not a derived struct: any derived `Deserialize` links serde's typed-decoding error
//! machinery, float formatting included (~20 KB of wasm), into every build. Builds that decode
//! no model, like the npm package that hands answers to `JSON.parse`, then carry only the
//! `Value` parser. The typed models keep their derives for the typed API.

use serde_json::Value;

use crate::error::Error;

/// An answer (or a part of it) parsed as a `Value`; failures name `path` and the field.
pub(crate) struct Fields<'v> {
    value: &'v Value,
    path: &'static str,
    status: u16,
}

impl<'v> Fields<'v> {
    /// The object `value`, found at `path` (`.data`) of an answer that came with `status`.
    pub(crate) fn new(value: &'v Value, path: &'static str, status: u16) -> Self {
        Fields {
            value,
            path,
            status,
        }
    }

    /// The field `key`, `None` when missing or `null`.
    fn get(&self, key: &str) -> Option<&'v Value> {
        self.value.get(key).filter(|v| !v.is_null())
    }

    /// The decode error of field `key`, which is not `what`. The body is not quoted: some
    /// answers hold a secret.
    #[inline(never)]
    fn wrong(&self, key: &str, what: &str) -> Error {
        Error::decode(
            format!("{}.{key}", self.path),
            format!("expected {what}"),
            self.status,
            "",
        )
    }

    /// A required string.
    pub(crate) fn str(&self, key: &str) -> Result<&'v str, Error> {
        self.opt_str(key)?
            .ok_or_else(|| self.wrong(key, "a string"))
    }

    /// A string that may be missing or `null`.
    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<&'v str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a string")),
        }
    }

    /// A required boolean.
    pub(crate) fn bool(&self, key: &str) -> Result<bool, Error> {
        self.get(key)
            .and_then(Value::as_bool)
            .ok_or_else(|| self.wrong(key, "a boolean"))
    }

    /// A number that may be missing or `null`.
    pub(crate) fn opt_f64(&self, key: &str) -> Result<Option<f64>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a number")),
        }
    }
}

/// A 2xx answer parsed as a `Value`; `redact` keeps the body out of the error. The error
/// gives serde_json's line and column, not its message: formatting `serde_json::Error` links
/// all of its messages (and `std::io`'s) into wasm.
pub(crate) fn parse(text: &str, status: u16, redact: bool) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        let body = if redact { "<redacted>" } else { text };
        Error::decode(
            ".",
            format!("not JSON (line {}, column {})", e.line(), e.column()),
            status,
            body,
        )
    })
}

/// The `data` object of a `{"data": {...}}` answer.
pub(crate) fn data(answer: &Value, status: u16) -> Result<Fields<'_>, Error> {
    match answer.get("data") {
        Some(data) if data.is_object() => Ok(Fields::new(data, ".data", status)),
        _ => Err(Error::decode(".data", "expected an object", status, "")),
    }
}
