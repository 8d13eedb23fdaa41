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
/// without pulling float parsing into the wasm.
fn parse_decimal_millis(v: &str) -> Option<u64> {
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || int.len() > 12 {
        return None;
    }
    let whole: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut thousandths = 0u64;
    for (i, b) in frac.bytes().take(3).enumerate() {
        thousandths += u64::from(b - b'0') * [100, 10, 1][i];
    }
    Some(whole * 1000 + thousandths)
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to milliseconds since the epoch.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, mon, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let d: u32 = day.parse().ok()?;
    let m = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|x| x == mon)? as u32
        + 1;
    let y: u32 = year.parse().ok()?;
    let t: Vec<u32> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, mi, se] = t.as_slice() else {
        return None;
    };
    if d == 0 || d > crate::validate::days_in_month(y, m) || *h > 23 || *mi > 59 || *se > 60 {
        return None;
    }
    let days = crate::validate::days_from_civil(i64::from(y), m, d);
    Some((days * 86_400 + i64::from(*h) * 3600 + i64::from(*mi) * 60 + i64::from(*se)) * 1000)
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
    fn http_date() {
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), None);
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
