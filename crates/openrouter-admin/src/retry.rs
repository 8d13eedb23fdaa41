//! One retry policy, by operation class (api-notes.md §5–6).
//!
//! * [`OpClass::Safe`] (GET, PATCH, budget PUT, members add/remove) and [`OpClass::Delete`]
//!   retry on 408, 429, 5xx, timeouts and network errors; a 404 on a retried DELETE is success.
//! * [`OpClass::Create`] (`POST /keys`, `POST /workspaces`) retries only on 429; any other
//!   failure once the request may have left is [`ErrorKind::OutcomeUnknown`](crate::ErrorKind).
//!
//! Backoff is full jitter: `random() * min(cap, base * 2^retry)`, base 500 ms, cap 8 s;
//! `Retry-After` (seconds or HTTP date) and `retry-after-ms` take precedence.
//!
//! ```
//! use std::time::Duration;
//! use openrouter_admin::retry::{RetryPolicy, OpClass};
//! let p = RetryPolicy::default();
//! assert_eq!(p.max_retries, 2); // 3 attempts in all
//! assert!(p.backoff(0, 0.999) < Duration::from_millis(500));
//! assert!(p.should_retry(OpClass::Safe, Some(503), None));
//! assert!(!p.should_retry(OpClass::Create, Some(503), None));
//! assert!(p.should_retry(OpClass::Create, Some(429), None));
//! ```

use std::time::Duration;

use crate::error::{Error, ErrorKind};
use crate::validate;

/// How an operation may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpClass {
    /// Idempotent: GET, PATCH with absolute values, budget PUT, members add/remove.
    Safe,
    /// DELETE: idempotent, and a 404 on a retry means it is gone.
    Delete,
    /// A create that has no idempotency key: retried only on 429.
    Create,
}

/// Retry settings. One policy, shared by every call of a client.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2: 3 attempts in all).
    pub max_retries: u32,
    /// Backoff base (default 500 ms).
    pub base: Duration,
    /// Backoff cap (default 8 s).
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    /// Full-jitter backoff before retry number `retry` (0 for the first retry), given a uniform
    /// `random` in `[0, 1)`: `random * min(cap, base * 2^retry)`.
    pub fn backoff(&self, retry: u32, random: f64) -> Duration {
        let ceiling = self
            .base
            .saturating_mul(1u32 << retry.min(20))
            .min(self.cap);
        // In whole nanoseconds rather than `mul_f64`, which goes through `from_secs_f64` and
        // links its panics and float checks into wasm builds (a NaN gives no wait here).
        let nanos = ceiling.as_nanos() as f64 * random.clamp(0.0, 1.0);
        Duration::from_nanos(nanos as u64)
    }

    /// Whether a failure is worth another attempt for this class of operation:
    /// `status` for an HTTP answer, `kind` for a transport failure.
    pub fn should_retry(
        &self,
        class: OpClass,
        status: Option<u16>,
        kind: Option<ErrorKind>,
    ) -> bool {
        match (class, status) {
            (OpClass::Create, Some(429)) => true,
            (OpClass::Create, _) => false,
            (_, Some(s)) => s == 408 || s == 429 || (500..=599).contains(&s),
            (_, None) => matches!(kind, Some(ErrorKind::Timeout | ErrorKind::Network)),
        }
    }

    /// How long to wait before the next attempt after `err`: the server's `Retry-After` if
    /// it sent one, otherwise full-jitter backoff.
    pub fn delay(&self, retry: u32, err: &Error, random: f64) -> Duration {
        err.retry_after()
            .unwrap_or_else(|| self.backoff(retry, random))
    }
}

/// Whether a failed create ended with its outcome unknown (it may have been committed):
/// anything but a refusal the server answered with a 4xx status (and not cancellation
/// before sending, which the client checks itself).
pub fn create_outcome_unknown(err: &Error) -> bool {
    match err.status() {
        Some(s) => s == 408 || s >= 500,
        None => matches!(
            err.kind(),
            ErrorKind::Timeout | ErrorKind::Network | ErrorKind::Cancelled | ErrorKind::Decode
        ),
    }
}

/// Reads `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP date) from
/// lowercase-named headers. `now_ms` is the clock for HTTP dates (default: the target's clock).
pub fn retry_after_from_headers(
    headers: &[(String, String)],
    now_ms: Option<f64>,
) -> Option<Duration> {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    };
    if let Some(ms) = get("retry-after-ms").and_then(parse_decimal_millis) {
        return Some(Duration::from_micros(ms));
    }
    let v = get("retry-after")?;
    if v.starts_with('-') {
        return None;
    }
    if let Some(us) = parse_decimal_millis(v) {
        return Some(Duration::from_micros(us.saturating_mul(1000)));
    }
    let at = parse_http_date(v)?;
    let now = now_ms.unwrap_or_else(crate::transport::default_now_ms);
    Some(Duration::from_millis((at as f64 - now).max(0.0) as u64))
}

/// Parses a non-negative decimal (`"150"`, `"0.5"`) into thousandths (`150_000`, `500`),
/// over bytes: no float parsing, `str::parse` or pattern search is linked into the wasm.
fn parse_decimal_millis(v: &str) -> Option<u64> {
    let b = v.as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) => (&b[..dot], &b[dot + 1..]),
        None => (b, &b[b.len()..]),
    };
    if (int.is_empty() && frac.is_empty()) || int.len() > 12 {
        return None;
    }
    let mut whole = 0u64;
    for &d in int {
        if !d.is_ascii_digit() {
            return None;
        }
        whole = whole * 10 + u64::from(d - b'0');
    }
    if !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths = 0u64;
    for (i, scale) in [100, 10, 1].into_iter().enumerate() {
        if let Some(&d) = frac.get(i) {
            thousandths += u64::from(d - b'0') * scale;
        }
    }
    Some(whole * 1000 + thousandths)
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, the form RFC 9110 has servers
/// send) to milliseconds since the epoch. Every field has a fixed place, so it is read by
/// position.
pub fn parse_http_date(s: &str) -> Option<i64> {
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let b = s.as_bytes();
    let layout_ok = b.len() == 29
        && b[3..5] == *b", "
        && [b[7], b[11], b[16]] == [b' '; 3]
        && [b[19], b[22]] == [b':'; 2]
        && b[25..] == *b" GMT";
    if !layout_ok {
        return None;
    }
    let d = validate::num(b, 5, 2)?;
    let m = MONTHS.iter().position(|name| *name == &b[8..11])? as u32 + 1;
    let y = validate::num(b, 12, 4)?;
    let (h, mi, se) = (
        validate::num(b, 17, 2)?,
        validate::num(b, 20, 2)?,
        validate::num(b, 23, 2)?,
    );
    if d == 0 || d > validate::days_in_month(y, m) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let days = validate::days_from_civil(i64::from(y), m, d);
    Some((days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(se)) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn jitter_bounds() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(0, 0.0), Duration::ZERO);
        assert_eq!(p.backoff(0, 1.0), Duration::from_millis(500));
        assert_eq!(p.backoff(1, 1.0), Duration::from_millis(1000));
        assert_eq!(p.backoff(2, 0.5), Duration::from_millis(1000));
        assert_eq!(p.backoff(4, 1.0), Duration::from_secs(8));
        assert_eq!(p.backoff(30, 1.0), Duration::from_secs(8));
        for i in 0..100 {
            let r = f64::from(i) / 100.0;
            for retry in 0..6 {
                let d = p.backoff(retry, r);
                assert!(d <= Duration::from_secs(8));
                assert!(d <= Duration::from_millis(500) * (1 << retry));
            }
        }
    }

    #[test]
    fn decisions_by_class() {
        let p = RetryPolicy::default();
        for s in [408, 429, 500, 502, 503, 504, 599] {
            assert!(p.should_retry(OpClass::Safe, Some(s), None), "{s}");
            assert!(p.should_retry(OpClass::Delete, Some(s), None), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422] {
            assert!(!p.should_retry(OpClass::Safe, Some(s), None), "{s}");
            assert!(!p.should_retry(OpClass::Create, Some(s), None), "{s}");
        }
        for s in [408, 500, 503] {
            assert!(!p.should_retry(OpClass::Create, Some(s), None), "{s}");
        }
        assert!(p.should_retry(OpClass::Create, Some(429), None));
        for k in [ErrorKind::Timeout, ErrorKind::Network] {
            assert!(p.should_retry(OpClass::Safe, None, Some(k)));
            assert!(!p.should_retry(OpClass::Create, None, Some(k)));
        }
        assert!(!p.should_retry(OpClass::Safe, None, Some(ErrorKind::Cancelled)));
        assert!(!p.should_retry(OpClass::Safe, None, Some(ErrorKind::Unsupported)));
    }

    #[test]
    fn outcome_unknown_classification() {
        assert!(create_outcome_unknown(&Error::from_response(503, &[], "")));
        assert!(create_outcome_unknown(&Error::new(ErrorKind::Timeout, "t")));
        assert!(create_outcome_unknown(&Error::new(ErrorKind::Network, "n")));
        assert!(!create_outcome_unknown(&Error::from_response(400, &[], "")));
        assert!(!create_outcome_unknown(&Error::from_response(429, &[], "")));
        assert!(!create_outcome_unknown(&Error::new(
            ErrorKind::Unsupported,
            "u"
        )));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "2")], None),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            retry_after_from_headers(&[h("Retry-After", "0.5")], None),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "9"), h("retry-after-ms", "150")], None),
            Some(Duration::from_millis(150))
        );
        let now = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date") as f64;
        assert_eq!(
            retry_after_from_headers(
                &[h("retry-after", "Sun, 06 Nov 1994 08:49:40 GMT")],
                Some(now)
            ),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            retry_after_from_headers(
                &[h("retry-after", "Sun, 06 Nov 1994 08:49:30 GMT")],
                Some(now)
            ),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "soon")], None),
            None
        );
        assert_eq!(
            retry_after_from_headers(&[h("retry-after", "-1")], None),
            None
        );
        assert_eq!(retry_after_from_headers(&[], None), None);
    }

    #[test]
    fn decimal_millis() {
        assert_eq!(parse_decimal_millis("150"), Some(150_000));
        assert_eq!(parse_decimal_millis("0.5"), Some(500));
        assert_eq!(parse_decimal_millis(".25"), Some(250));
        assert_eq!(parse_decimal_millis("2."), Some(2000));
        assert_eq!(parse_decimal_millis("1.23456"), Some(1234));
        assert_eq!(
            parse_decimal_millis("123456789012"),
            Some(123_456_789_012_000)
        );
        assert_eq!(parse_decimal_millis("1234567890123"), None);
        for bad in ["", ".", "1.2.3", "1e3", " 1", "+1", "1.x", "0x10"] {
            assert_eq!(parse_decimal_millis(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn http_date() {
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 24:00:00 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Xyz 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 6 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun,  06 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date(""), None);
    }

    #[test]
    fn delay_prefers_retry_after() {
        let p = RetryPolicy::default();
        let e = Error::from_response(429, &[h("retry-after", "3")], "");
        assert_eq!(p.delay(0, &e, 0.9), Duration::from_secs(3));
        let e = Error::from_response(503, &[], "");
        assert_eq!(p.delay(1, &e, 0.5), Duration::from_millis(500));
    }
}
