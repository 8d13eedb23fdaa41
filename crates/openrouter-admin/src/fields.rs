//! Reads the few fields that paging, the error envelope and the composite operations need
//! from a parsed answer ([`Doc`]), naming the field that failed.

use crate::error::Error;
use crate::json_reader::Doc;

/// An object of an answer; failures name `path` and the field.
pub(crate) struct Fields<'d> {
    doc: &'d Doc,
    path: &'static str,
    status: u16,
}

impl<'d> Fields<'d> {
    /// The object `doc`, found at `path` (`.data`) of an answer that came with `status`.
    pub(crate) fn new(doc: &'d Doc, path: &'static str, status: u16) -> Self {
        Fields { doc, path, status }
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
    pub(crate) fn str(&self, key: &str) -> Result<String, Error> {
        self.opt_str(key)?
            .ok_or_else(|| self.wrong(key, "a string"))
    }

    /// A string that may be missing or `null`.
    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<String>, Error> {
        match self.doc.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a string")),
        }
    }

    /// A required boolean.
    pub(crate) fn bool(&self, key: &str) -> Result<bool, Error> {
        self.doc
            .get(key)
            .and_then(|v| v.as_bool())
            .ok_or_else(|| self.wrong(key, "a boolean"))
    }

    /// A number that may be missing or `null`.
    pub(crate) fn opt_f64(&self, key: &str) -> Result<Option<f64>, Error> {
        match self.doc.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a number")),
        }
    }
}

/// A 2xx answer parsed; `redact` keeps the body out of the error.
pub(crate) fn parse(text: &str, status: u16, redact: bool) -> Result<Doc, Error> {
    Doc::parse(text).ok_or_else(|| {
        let body = if redact { "<redacted>" } else { text };
        Error::decode(".", "the answer is not JSON", status, body)
    })
}

/// The `data` object of a `{"data": {...}}` answer.
pub(crate) fn data(answer: &Doc, status: u16) -> Result<Doc, Error> {
    match answer.get("data") {
        Some(data) if data.is_object() => Ok(data),
        _ => Err(Error::decode(".data", "expected an object", status, "")),
    }
}
