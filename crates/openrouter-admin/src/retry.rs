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
use crate::time::retry_after_from_headers;
use crate::transport::{cancelled, CancelSignal, HttpRequest, HttpResponse, Transport};

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

/// Sends `request` until it succeeds, fails for good, is cancelled or runs out of time:
/// the one retry loop every call goes through. `request.timeout` is the per-attempt timeout
/// (shortened to what is left of `deadline`, counted from now), `request.signal` cancels
/// it, also during a backoff wait.
///
/// Two rules beyond [`RetryPolicy::should_retry`]: a 404 on a retried DELETE means the first
/// attempt went through and its answer was lost (success), and a create that gives up after
/// it may have reached the server ends in [`ErrorKind::OutcomeUnknown`].
pub(crate) async fn send<T: Transport>(
    t: &T,
    policy: &RetryPolicy,
    deadline: Option<Duration>,
    class: OpClass,
    request: HttpRequest,
) -> Result<HttpResponse, Error> {
    let signal = request.signal.as_ref();
    // What a server (or a proxy) echoes of the key never reaches an error.
    let auth = request.authorization.expose_secret();
    let key = auth.strip_prefix("Bearer ").unwrap_or(auth);
    let start = t.now_ms();
    let deadline = deadline.map(|d| start + d.as_secs_f64() * 1000.0);
    let mut retry = 0u32;
    loop {
        if signal.is_some_and(CancelSignal::is_cancelled) {
            return Err(cancelled());
        }
        let mut attempt = request.clone();
        if let Some(dl) = deadline {
            let left = dl - t.now_ms();
            if left <= 0.0 {
                return Err(Error::new(
                    ErrorKind::Timeout,
                    "the overall deadline passed",
                ));
            }
            // Whole milliseconds: `from_secs_f64` would link float-to-Duration checks.
            attempt.timeout = attempt.timeout.min(Duration::from_millis(left as u64));
        }
        let err = match t.send(attempt).await {
            Ok(resp) if (200..300).contains(&resp.status) => return Ok(resp),
            Ok(resp) if resp.status == 404 && class == OpClass::Delete && retry > 0 => {
                // The first attempt's DELETE went through; its answer was lost.
                return Ok(HttpResponse::new(200, Vec::new(), r#"{"deleted":true}"#));
            }
            Ok(resp) => {
                let ra = retry_after_from_headers(&resp.headers, Some(t.now_ms()));
                Error::from_response_hiding(resp.status, &resp.headers, &resp.body, key)
                    .with_retry_after(ra)
            }
            Err(e) => e.hiding(key),
        };
        let retryable = policy.should_retry(class, err.status(), Some(err.kind()));
        let give_up = |err: Error| {
            if class == OpClass::Create && create_outcome_unknown(&err) {
                Error::outcome_unknown(err)
            } else {
                err
            }
        };
        if !retryable || retry >= policy.max_retries || err.is_cancelled() {
            return Err(give_up(err));
        }
        let delay = policy.delay(retry, &err, t.random());
        if let Some(dl) = deadline {
            if t.now_ms() + delay.as_secs_f64() * 1000.0 > dl {
                return Err(give_up(err));
            }
        }
        t.sleep(delay, signal).await?;
        retry += 1;
    }
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
    fn delay_prefers_retry_after() {
        let p = RetryPolicy::default();
        let e = Error::from_response(429, &[h("retry-after", "3")], "");
        assert_eq!(p.delay(0, &e, 0.9), Duration::from_secs(3));
        let e = Error::from_response(503, &[], "");
        assert_eq!(p.delay(1, &e, 0.5), Duration::from_millis(500));
    }
}
