//! Reading requests by hand rather than through serde derives, so that every bad input
//! is answered with the envelope and a message naming the field and the rule it broke.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// Largest request body accepted; bigger ones get 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Why a request body stopped: it was not complete within the body timeout (`--body-timeout`).
#[derive(Debug, Clone, Copy)]
pub struct BodyTimeout(pub std::time::Duration);

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "request body: not received within the {} s allowed",
            self.0.as_secs_f64()
        )
    }
}

impl std::error::Error for BodyTimeout {}

/// The body timeout behind a failed read, if that is why it failed.
fn timed_out(err: &(dyn std::error::Error + 'static)) -> Option<BodyTimeout> {
    let mut cause = Some(err);
    while let Some(e) = cause {
        if let Some(t) = e.downcast_ref::<BodyTimeout>() {
            return Some(*t);
        }
        cause = e.source();
    }
    None
}

/// A PATCH field in its three states: left out, sent as `null`, or sent with a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<T> {
    /// Not in the body: leave the stored value alone.
    Absent,
    /// Explicit `null`: clear the stored value.
    Null,
    /// A value to store.
    Value(T),
}

impl<T> Field<T> {
    /// The value, treating `null` as an error for fields that may not be cleared.
    pub fn not_null(self, name: &str) -> Result<Option<T>, ApiError> {
        match self {
            Field::Absent => Ok(None),
            Field::Null => Err(ApiError::bad_request(format!("{name}: must not be null"))),
            Field::Value(v) => Ok(Some(v)),
        }
    }

    /// The value changed by `f`, absent and null kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(f(v)),
        }
    }

    /// Writes a nullable setting the PATCH way: `null` clears `slot`, a value sets it, absence
    /// leaves it alone; answers whether the field was sent.
    pub fn write(self, slot: &mut Option<T>) -> bool {
        match self {
            Field::Absent => return false,
            Field::Null => *slot = None,
            Field::Value(v) => *slot = Some(v),
        }
        true
    }

    /// The value as an `Option`, mapping both absent and null to `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// A JSON object body, parsed within the size limit.
#[derive(Debug)]
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rej| {
            if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("request body: larger than the {MAX_BODY_BYTES} bytes allowed"),
                )
            } else if let Some(t) = timed_out(&rej) {
                ApiError::new(StatusCode::REQUEST_TIMEOUT, t.to_string())
            } else {
                ApiError::bad_request(format!("request body: could not be read ({rej})"))
            }
        })?;
        if bytes.is_empty() {
            return Err(ApiError::bad_request(
                "request body: required, expected a JSON object",
            ));
        }
        let value: Value = serde_json::from_slice(&bytes).map_err(|e| malformed(&bytes, &e))?;
        match value {
            Value::Object(map) => Ok(JsonObject(map)),
            other => Err(ApiError::bad_request(format!(
                "request body: must be a JSON object, got {}",
                type_name(&other)
            ))),
        }
    }
}

/// The 400 for a body serde_json refused: naming the field when a number was out of range.
fn malformed(bytes: &[u8], e: &serde_json::Error) -> ApiError {
    let out_of_range = e.to_string().starts_with(OUT_OF_RANGE);
    match out_of_range_number(bytes).filter(|_| out_of_range) {
        Some((field, number)) => ApiError::bad_request(format!(
            "{field}: {number} is out of range: must be a finite number, at most {max:e} in \
             magnitude (malformed JSON: {e})",
            max = f64::MAX
        )),
        None => ApiError::bad_request(format!("request body: malformed JSON ({e})")),
    }
}

/// How serde_json's error for a number past the largest double begins.
const OUT_OF_RANGE: &str = "number out of range";

/// The first number in `json` that no double can hold (`1e309`), and the member it is the
/// value of (`request body` at the top level), so that the 400 names the field, as for any
/// other bad value. serde_json stops at such a number without saying whose it is. A plain
/// scan: strings skipped (escapes too), the last `"name":` seen is the member.
fn out_of_range_number(json: &[u8]) -> Option<(String, String)> {
    let mut member = String::from("request body");
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => {
                let start = i + 1;
                i = start;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                let name = json.get(start..i).unwrap_or_default();
                i += 1;
                let rest = json.get(i..).unwrap_or_default();
                if rest.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':') {
                    member = String::from_utf8_lossy(name).into_owned();
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < json.len()
                    && matches!(json[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let number = String::from_utf8_lossy(&json[start..i]);
                if number.parse::<f64>().is_ok_and(f64::is_infinite) {
                    // A number of a million digits is not repeated whole.
                    let shown: String = number.chars().take(40).collect();
                    let cut = if number.len() > 40 { "…" } else { "" };
                    return Some((member, format!("{shown}{cut}")));
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The JSON type name used in messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn wrong_type(name: &str, expected: &str, got: &Value) -> ApiError {
    ApiError::bad_request(format!(
        "{name}: must be {expected}, got {}",
        type_name(got)
    ))
}

impl JsonObject {
    fn field(&self, name: &str) -> Field<&Value> {
        match self.0.get(name) {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(v) => Field::Value(v),
        }
    }

    /// A field of one JSON type: `take` reads it, or it is a 400 saying it must be `what`.
    fn typed<T>(
        &self,
        name: &str,
        what: &str,
        take: impl FnOnce(&Value) -> Option<T>,
    ) -> Result<Field<T>, ApiError> {
        match self.field(name) {
            Field::Absent => Ok(Field::Absent),
            Field::Null => Ok(Field::Null),
            Field::Value(v) => take(v)
                .map(Field::Value)
                .ok_or_else(|| wrong_type(name, what, v)),
        }
    }

    /// A string field.
    pub fn string(&self, name: &str) -> Result<Field<String>, ApiError> {
        self.typed(name, "a string", |v| v.as_str().map(str::to_owned))
    }

    /// A boolean field.
    pub fn boolean(&self, name: &str) -> Result<Field<bool>, ApiError> {
        self.typed(name, "a boolean", Value::as_bool)
    }

    /// A number field (integers accepted); must be finite.
    pub fn number(&self, name: &str) -> Result<Field<f64>, ApiError> {
        match self.field(name) {
            Field::Absent => Ok(Field::Absent),
            Field::Null => Ok(Field::Null),
            Field::Value(Value::Number(n)) => match n.as_f64() {
                Some(f) if f.is_finite() => Ok(Field::Value(f)),
                _ => Err(ApiError::bad_request(format!(
                    "{name}: must be a finite number"
                ))),
            },
            Field::Value(v) => Err(wrong_type(name, "a number", v)),
        }
    }

    /// An array whose items are each `item` (read by `take`; the array as a whole must be
    /// `what`), a wrong item named by its index.
    fn array<T>(
        &self,
        name: &str,
        (what, item): (&str, &str),
        take: impl Fn(&Value) -> Option<T>,
    ) -> Result<Field<Vec<T>>, ApiError> {
        match self.field(name) {
            Field::Absent => Ok(Field::Absent),
            Field::Null => Ok(Field::Null),
            Field::Value(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| take(v).ok_or_else(|| wrong_type(&format!("{name}[{i}]"), item, v)))
                .collect::<Result<Vec<_>, _>>()
                .map(Field::Value),
            Field::Value(v) => Err(wrong_type(name, what, v)),
        }
    }

    /// An array of integers.
    pub fn int_array(&self, name: &str) -> Result<Field<Vec<i64>>, ApiError> {
        self.array(name, ("an array of integers", "an integer"), Value::as_i64)
    }

    /// An array of strings.
    pub fn string_array(&self, name: &str) -> Result<Field<Vec<String>>, ApiError> {
        self.array(name, ("an array of strings", "a string"), |v| {
            v.as_str().map(str::to_owned)
        })
    }
}

/// `ids` with each id once, in the order first sent: a list body's repeats are one request.
pub fn distinct(ids: Vec<String>) -> Vec<String> {
    let mut unique: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
}

/// The query string as pairs, so that unknown or repeated parameters can be judged here.
#[derive(Debug, Default)]
pub struct QueryParams(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or("");
        let pairs = url_decode_pairs(raw)
            .map_err(|e| ApiError::bad_request(format!("query string: {e}")))?;
        Ok(QueryParams(pairs))
    }
}

impl QueryParams {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// An integer parameter within `min..=max`, or `default` when absent (or `null`,
    /// for parameters the spec types as integer|null, such as `offset`).
    pub fn int(
        &self,
        name: &str,
        default: i64,
        min: i64,
        max: i64,
        nullable: bool,
    ) -> Result<i64, ApiError> {
        match self.get(name).filter(|v| !(nullable && *v == "null")) {
            None => Ok(default),
            Some(raw) => match raw.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                // Beyond i64 but still a plain count: an offset past every row.
                Err(_)
                    if max == i64::MAX
                        && !raw.is_empty()
                        && raw.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Ok(max)
                }
                Ok(n) => Err(ApiError::bad_request(format!(
                    "{name}: must be between {min} and {max}, got {n}"
                ))),
                Err(_) => Err(ApiError::bad_request(format!(
                    "{name}: must be an integer, got {raw:?}"
                ))),
            },
        }
    }

    /// A string parameter.
    pub fn string(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_owned)
    }

    /// A list's `offset`: 0 unless given, `null` read as absent (the spec types it
    /// integer|null), a count past every row read as "past the end".
    pub fn offset(&self) -> Result<i64, ApiError> {
        self.int("offset", 0, 0, i64::MAX, true)
    }

    /// A list's `offset` and `limit` (1 to 100, 50 unless given): every paged list reads them
    /// here, so they are checked and worded alike.
    pub fn page(&self) -> Result<Page, ApiError> {
        Ok(Page {
            offset: self.offset()?,
            limit: self.int("limit", 50, 1, 100, false)?,
        })
    }
}

/// The rows a list asks for ([`QueryParams::page`]).
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Rows skipped.
    pub offset: i64,
    /// Rows answered at most.
    pub limit: i64,
}

/// A string's length as the spec's `maxLength` counts it: characters, not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Whether `s` is a UUID (a workspace is addressed by id or slug, so a slug may not be one).
pub fn is_uuid(s: &str) -> bool {
    uuid::Uuid::try_parse(s).is_ok()
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes one query component (`+` is a space, as forms send it).
pub fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_val);
                let lo = bytes.get(i + 2).copied().and_then(hex_val);
                match (hi, lo) {
                    (Some(h), Some(l)) => out.push(h * 16 + l),
                    _ => return Err(format!("bad percent-encoding in {s:?}")),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| format!("{s:?} is not UTF-8 once decoded"))
}

fn url_decode_pairs(raw: &str) -> Result<Vec<(String, String)>, String> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

/// Path parameters, with axum's plain-text rejection replaced by the envelope.
#[derive(Debug)]
pub struct PathParams(pub Vec<String>);

impl<S: Send + Sync> FromRequestParts<S> for PathParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(map): axum::extract::Path<Vec<(String, String)>> =
            axum::extract::Path::from_request_parts(parts, state)
                .await
                .map_err(|e| ApiError::bad_request(format!("path: {e}")))?;
        Ok(PathParams(map.into_iter().map(|(_, v)| v).collect()))
    }
}

impl PathParams {
    /// The `i`th parameter, or empty if the route has fewer.
    pub fn at(&self, i: usize) -> &str {
        self.0.get(i).map(String::as_str).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::out_of_range_number;

    fn found(json: &str) -> Option<(String, String)> {
        out_of_range_number(json.as_bytes())
    }

    #[test]
    fn the_number_past_a_double_is_named_by_its_member() {
        let pair = |m: &str, n: &str| Some((m.to_owned(), n.to_owned()));
        assert_eq!(
            found(r#"{"name":"a","limit":1e309}"#),
            pair("limit", "1e309")
        );
        assert_eq!(found(r#"{"limit" : -1E+400 }"#), pair("limit", "-1E+400"));
        // Strings that look like members or numbers are skipped, escapes included.
        assert_eq!(
            found(r#"{"name":"x\":1e999","limit":1.5,"io_logging_sampling_rate":2e308}"#),
            pair("io_logging_sampling_rate", "2e308")
        );
        let digits = format!("{{\"limit\":1{}}}", "0".repeat(400));
        let (member, shown) = found(&digits).expect("found");
        assert_eq!(member, "limit");
        assert_eq!(shown.chars().count(), 41, "{shown}");
        assert_eq!(found("1e309"), pair("request body", "1e309"));
        // Numbers a double holds are not reported.
        assert_eq!(
            found(r#"{"limit":1.7976931348623157e308,"x":[1,2e5]}"#),
            None
        );
    }
}
