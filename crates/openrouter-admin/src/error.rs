//! One error type, questioned rather than matched.
//!
//! ```
//! use openrouter_admin::error::{Error, ErrorKind};
//! let e = Error::from_response(404, &[], r#"{"error":{"code":404,"message":"Resource not found"}}"#);
//! assert!(e.is_not_found());
//! assert_eq!(e.kind(), ErrorKind::NotFound);
//! assert_eq!(e.message(), "Resource not found");
//! ```

use std::fmt;
use std::time::Duration;

use crate::json_reader::Doc;

use serde::{Deserialize, Serialize};

/// What went wrong, in broad classes. New kinds may be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400 from the server: the request was refused as invalid.
    BadRequest,
    /// 401: missing or bad key.
    Unauthorized,
    /// 403: not a management key, not an org admin, budget exceeded, Default workspace delete.
    Forbidden,
    /// 404.
    NotFound,
    /// 429 (after retries, or on a create).
    RateLimited,
    /// 5xx from a call that is safe to retry (after retries).
    Server,
    /// Any other non-2xx status.
    Api,
    /// The request body failed validation on the client; nothing was sent.
    Validation,
    /// An attempt took longer than the per-attempt timeout, or the overall deadline passed.
    Timeout,
    /// The caller's cancel signal fired.
    Cancelled,
    /// The request could not be sent or its answer not read (connection refused, CORS, dropped).
    Network,
    /// A 2xx answer did not match the expected shape.
    Decode,
    /// A create (`POST /keys`, `POST /workspaces`) may or may not have happened: reconcile before retrying.
    OutcomeUnknown,
    /// A list kept returning pages past the loop guard.
    Pagination,
    /// The transport cannot run here (e.g. the browser transport called natively).
    Unsupported,
}

impl ErrorKind {
    /// A stable, lowercase name (`"not_found"`, `"outcome_unknown"`, ...), for bindings.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Api => "api",
            ErrorKind::Validation => "validation",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Network => "network",
            ErrorKind::Decode => "decode",
            ErrorKind::OutcomeUnknown => "outcome_unknown",
            ErrorKind::Pagination => "pagination",
            ErrorKind::Unsupported => "unsupported",
        }
    }

    /// The kind an HTTP error status maps to.
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            408 => ErrorKind::Timeout,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Api,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One failed validation rule on one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FieldError {
    /// The field, as the API names it (`"slug"`, `"user_ids[3]"`).
    pub field: String,
    /// The rule that failed (`"min_length"`, `"max_length"`, `"pattern"`, `"range"`, ...).
    pub rule: String,
    /// A sentence for a person.
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(
        field: impl Into<String>,
        rule: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            rule: rule.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.field, self.message, self.rule)
    }
}

/// The longest body snippet an error keeps.
pub const SNIPPET_MAX: usize = 200;

#[derive(Clone, Debug)]
struct Inner {
    kind: ErrorKind,
    status: Option<u16>,
    code: Option<i64>,
    message: String,
    /// The envelope's `error.metadata` as sent (JSON text, never `null`). Kept as text, and
    /// parsed only when [`Error::metadata`] is asked: holding a `Value` would link its parser
    /// and its drop code (a B-tree's) into builds that never ask (the npm package parses the
    /// text in JavaScript).
    metadata_json: Option<String>,
    retry_after: Option<Duration>,
    validation: Vec<FieldError>,
    snippet: Option<String>,
    json_path: Option<String>,
    cause: Option<Box<Error>>,
}

/// The error every call returns. Ask it questions: [`kind`](Self::kind),
/// [`status`](Self::status), [`is_not_found`](Self::is_not_found), ...
#[derive(Clone)]
pub struct Error(Box<Inner>);

fn snippet(body: &str) -> String {
    let t = body.trim();
    let mut out: String = t.chars().take(SNIPPET_MAX).collect();
    if out.len() < t.len() {
        // keep the total at most SNIPPET_MAX characters including the ellipsis
        out = t.chars().take(SNIPPET_MAX - 1).collect();
        out.push('…');
    }
    out
}

/// Replaces every copy of `secret` in `text` by `<redacted>`. A byte loop, not
/// `str::replace`, which would link a substring searcher into the wasm modules.
fn scrub(text: &mut String, secret: &str) {
    let n = secret.len();
    if n == 0 {
        return;
    }
    let mut from = 0;
    while let Some(at) = text.as_bytes()[from..]
        .windows(n)
        .position(|w| w == secret.as_bytes())
    {
        let at = from + at;
        text.replace_range(at..at + n, "<redacted>");
        from = at + "<redacted>".len();
    }
}

impl Error {
    /// A bare error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Inner {
            kind,
            status: None,
            code: None,
            message: message.into(),
            metadata_json: None,
            retry_after: None,
            validation: Vec::new(),
            snippet: None,
            json_path: None,
            cause: None,
        }))
    }

    /// Client-side validation failed on these fields.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        // Written out rather than `collect::<Vec<_>>().join("; ")`, which links a generic
        // join into wasm builds for this one message.
        let mut msg = String::from("invalid request: ");
        for (i, field) in errors.iter().enumerate() {
            if i > 0 {
                msg.push_str("; ");
            }
            msg.push_str(&field.to_string());
        }
        let mut e = Error::new(ErrorKind::Validation, msg);
        e.0.validation = errors;
        e
    }

    /// An error from a non-2xx answer: parses the `{"error":{code,message,metadata}}` envelope
    /// or keeps a snippet (≤ 200 chars) of whatever else came back. `headers` are lowercase
    /// name/value pairs; `retry-after` and `retry-after-ms` are read.
    pub fn from_response(status: u16, headers: &[(String, String)], body: &str) -> Self {
        let kind = ErrorKind::from_status(status);
        // The status as the message shows it, a u64: the one integer width the package's wasm
        // formats elsewhere, so no u16 formatter is linked for it.
        let http = u64::from(status);
        // Read field by field, not into a derived struct: see `json` for why.
        let envelope = Doc::parse(body)
            .and_then(|d| d.get("error"))
            .filter(Doc::is_object)
            .ok_or(());
        let mut e = match envelope {
            Ok(env) => {
                let message = env.get("message").and_then(|m| m.as_str());
                let mut e = Error::new(kind, message.unwrap_or_else(|| format!("HTTP {http}")));
                e.0.code = env.get("code").and_then(|c| c.as_i64());
                e.0.metadata_json = env.get("metadata").map(|m| m.to_json());
                e
            }
            Err(_) => {
                let snip = snippet(body);
                let mut e = Error::new(
                    kind,
                    if snip.is_empty() {
                        format!("HTTP {http}")
                    } else {
                        format!("HTTP {http}: {snip}")
                    },
                );
                e.0.snippet = Some(snip);
                e
            }
        };
        e.0.status = Some(status);
        e.0.retry_after = crate::time::retry_after_from_headers(headers, None);
        e
    }

    /// [`from_response`](Self::from_response) for an answer to a request that carried
    /// `secret` (the management key): whatever the server echoed of it is replaced by
    /// `<redacted>` in the body before a snippet is cut (so no prefix of it survives), and
    /// in the message and metadata read from it.
    pub(crate) fn from_response_hiding(
        status: u16,
        headers: &[(String, String)],
        body: &str,
        secret: &str,
    ) -> Self {
        let mut body = body.to_owned();
        scrub(&mut body, secret);
        Error::from_response(status, headers, &body).hiding(secret)
    }

    /// This error with every copy of `secret` in its message, snippet and metadata replaced
    /// by `<redacted>` (a JSON escape in the body can spell it differently from the text).
    pub(crate) fn hiding(mut self, secret: &str) -> Self {
        let inner = &mut *self.0;
        scrub(&mut inner.message, secret);
        for text in [&mut inner.snippet, &mut inner.metadata_json]
            .into_iter()
            .flatten()
        {
            scrub(text, secret);
        }
        self
    }

    /// A 2xx body that did not decode; `path` is the JSON path that failed.
    pub fn decode(
        path: impl Into<String>,
        message: impl Into<String>,
        status: u16,
        body: &str,
    ) -> Self {
        let path = path.into();
        let mut e = Error::new(
            ErrorKind::Decode,
            format!("decode error at `{path}`: {}", message.into()),
        );
        e.0.json_path = Some(path);
        e.0.status = Some(status);
        e.0.snippet = Some(snippet(body));
        e
    }

    /// Wraps `cause` as an unknown outcome of a create.
    pub fn outcome_unknown(cause: Error) -> Self {
        let mut e = Error::new(
            ErrorKind::OutcomeUnknown,
            format!(
                "the create may or may not have happened ({}); reconcile before retrying",
                cause.message()
            ),
        );
        e.0.status = cause.status();
        e.0.cause = Some(Box::new(cause));
        e
    }

    pub(crate) fn with_retry_after(mut self, d: Option<Duration>) -> Self {
        if d.is_some() {
            self.0.retry_after = d;
        }
        self
    }

    /// The broad class of the error.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    /// The HTTP status, if an answer came back.
    pub fn status(&self) -> Option<u16> {
        self.0.status
    }
    /// The envelope's `error.code` (equals the status on OpenRouter).
    pub fn code(&self) -> Option<i64> {
        self.0.code
    }
    /// The envelope's `error.message`, or a description of the failure.
    pub fn message(&self) -> &str {
        &self.0.message
    }
    /// The envelope's `error.metadata`, if any, parsed from the text that came back.
    pub fn metadata(&self) -> Option<serde_json::Value> {
        serde_json::from_str(self.0.metadata_json.as_deref()?).ok()
    }
    /// The envelope's `error.metadata` as the JSON text that came back, if any: for bindings
    /// that parse it in their own language.
    pub fn metadata_json(&self) -> Option<&str> {
        self.0.metadata_json.as_deref()
    }
    /// How long the server asked to wait (`Retry-After` / `retry-after-ms`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }
    /// Every failed field of a client-side validation (empty otherwise).
    pub fn validation_errors(&self) -> &[FieldError] {
        &self.0.validation
    }
    /// The first ≤ 200 characters of a body that was not the error envelope (or did not decode).
    pub fn body_snippet(&self) -> Option<&str> {
        self.0.snippet.as_deref()
    }
    /// For decode errors: the JSON path that failed (`data[3].limit_reset`).
    pub fn json_path(&self) -> Option<&str> {
        self.0.json_path.as_deref()
    }
    /// For [`ErrorKind::OutcomeUnknown`]: the failure behind it (timeout, network, 5xx).
    pub fn cause(&self) -> Option<&Error> {
        self.0.cause.as_deref()
    }
    /// 401.
    pub fn is_unauthorized(&self) -> bool {
        self.0.kind == ErrorKind::Unauthorized
    }
    /// 403.
    pub fn is_forbidden(&self) -> bool {
        self.0.kind == ErrorKind::Forbidden
    }
    /// 404.
    pub fn is_not_found(&self) -> bool {
        self.0.kind == ErrorKind::NotFound
    }
    /// 429.
    pub fn is_rate_limited(&self) -> bool {
        self.0.kind == ErrorKind::RateLimited
    }
    /// A create that may have happened.
    pub fn is_outcome_unknown(&self) -> bool {
        self.0.kind == ErrorKind::OutcomeUnknown
    }
    /// Client-side validation failed.
    pub fn is_validation(&self) -> bool {
        self.0.kind == ErrorKind::Validation
    }
    /// Per-attempt timeout or overall deadline.
    pub fn is_timeout(&self) -> bool {
        self.0.kind == ErrorKind::Timeout
    }
    /// Cancelled by the caller.
    pub fn is_cancelled(&self) -> bool {
        self.0.kind == ErrorKind::Cancelled
    }
    /// The answer did not decode.
    pub fn is_decode(&self) -> bool {
        self.0.kind == ErrorKind::Decode
    }
    /// Network failure.
    pub fn is_network(&self) -> bool {
        self.0.kind == ErrorKind::Network
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.0.kind);
        if let Some(s) = self.0.status {
            d.field("status", &s);
        }
        d.field("message", &self.0.message);
        if !self.0.validation.is_empty() {
            d.field("validation", &self.0.validation);
        }
        if let Some(p) = &self.0.json_path {
            d.field("json_path", p);
        }
        if let Some(c) = &self.0.cause {
            d.field("cause", c);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.status {
            Some(s) => write!(f, "{} ({}): {}", self.0.kind, s, self.0.message),
            None => write!(f, "{}: {}", self.0.kind, self.0.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .cause
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_parsed() {
        let e = Error::from_response(
            403,
            &[],
            r#"{"error":{"code":403,"message":"Only management keys can perform this operation","metadata":{"a":1}},"user_id":null}"#,
        );
        assert!(e.is_forbidden());
        assert_eq!(e.code(), Some(403));
        assert_eq!(e.status(), Some(403));
        assert_eq!(
            e.metadata().and_then(|m| m.get("a").cloned()),
            Some(serde_json::json!(1))
        );
        assert_eq!(e.metadata_json(), Some(r#"{"a":1}"#));
        let null = Error::from_response(
            400,
            &[],
            r#"{"error":{"code":400,"message":"m","metadata":null}}"#,
        );
        assert_eq!((null.metadata(), null.metadata_json()), (None, None));
        assert!(e.body_snippet().is_none());
    }

    #[test]
    fn html_body_kept_as_snippet() {
        let html = format!("<html><body>{}</body></html>", "x".repeat(1000));
        let e = Error::from_response(502, &[], &html);
        assert_eq!(e.kind(), ErrorKind::Server);
        assert_eq!(e.status(), Some(502));
        let s = e.body_snippet().expect("snippet");
        assert!(s.chars().count() <= SNIPPET_MAX);
        assert!(s.starts_with("<html>"));
        assert_eq!(e.code(), None);
    }

    #[test]
    fn other_status_is_api_with_empty_body() {
        let e = Error::from_response(418, &[], "");
        assert_eq!(e.kind(), ErrorKind::Api);
        assert_eq!(e.message(), "HTTP 418");
    }

    #[test]
    fn statuses_map_to_kinds() {
        for (s, k) in [
            (400, ErrorKind::BadRequest),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (408, ErrorKind::Timeout),
            (429, ErrorKind::RateLimited),
            (500, ErrorKind::Server),
            (503, ErrorKind::Server),
            (409, ErrorKind::Api),
        ] {
            assert_eq!(ErrorKind::from_status(s), k, "{s}");
        }
    }

    #[test]
    fn retry_after_read_from_headers() {
        let e = Error::from_response(429, &[("retry-after".into(), "3".into())], "{}");
        assert!(e.is_rate_limited());
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
        assert!(e.body_snippet().is_some());
    }

    #[test]
    fn an_echoed_key_is_in_no_message_snippet_metadata_or_debug() {
        let key = "sk-or-v1-5ec7e7";
        let envelope = format!(
            r#"{{"error":{{"code":401,"message":"bad header Bearer {key} (again: {key})","metadata":{{"authorization":"Bearer {key}"}}}}}}"#
        );
        let long_html = format!("<pre>{}Authorization: Bearer {key}</pre>", "x".repeat(165));
        for body in [envelope.as_str(), long_html.as_str(), key] {
            let e = Error::from_response_hiding(401, &[], body, key);
            let shown = format!("{e} {e:?} {:?} {:?}", e.body_snippet(), e.metadata_json());
            // Not even the prefix a snippet cut at 200 characters would keep (7 of them).
            assert!(!shown.contains("sk-or-v"), "{shown}");
            assert!(shown.contains("<redac"), "{shown}");
            let unknown = Error::outcome_unknown(e);
            assert!(!format!("{unknown} {unknown:?}").contains(key));
        }
        // Escaped in JSON, unescaped in the message: caught after parsing too.
        let escaped = r#"{"error":{"message":"key sk-or-v1-5ec7e7"}}"#;
        let e = Error::from_response_hiding(400, &[], escaped, key);
        assert_eq!(e.message(), "key <redacted>");
        let mut text = String::from("aaa");
        scrub(&mut text, "a");
        assert_eq!(text, "<redacted><redacted><redacted>");
    }

    #[test]
    fn outcome_unknown_keeps_cause() {
        let e = Error::outcome_unknown(Error::new(ErrorKind::Timeout, "timed out"));
        assert!(e.is_outcome_unknown());
        assert!(e.cause().is_some_and(|c| c.is_timeout()));
        assert!(std::error::Error::source(&e).is_some());
    }
}
