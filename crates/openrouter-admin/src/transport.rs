//! How bytes reach the API: a trait with one required async method, the browser's fetch
//! ([`FetchTransport`]), and (feature `mock`) a recording `MockTransport` for tests.
//!
//! Timers, the clock and jitter randomness are part of the transport (provided methods with
//! target defaults), so tests can record the sleeps a retry asks for without waiting.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, ErrorKind};

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// `"GET"`, `"POST"`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cancellation handle. On wasm32 it wraps a DOM `AbortSignal` (`From<web_sys::AbortSignal>`);
/// everywhere it can also be made with [`CancelSignal::new`] and fired with [`cancel`](Self::cancel).
#[derive(Clone, Default)]
pub struct CancelSignal {
    flag: Arc<AtomicBool>,
    #[cfg(target_arch = "wasm32")]
    js: Option<web_sys::AbortSignal>,
}

impl CancelSignal {
    /// A fresh, not yet cancelled signal.
    pub fn new() -> Self {
        Self::default()
    }
    /// Cancels every call carrying this signal (or a clone of it).
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }
    /// Whether it has been cancelled (or the wrapped `AbortSignal` aborted).
    pub fn is_cancelled(&self) -> bool {
        #[cfg(target_arch = "wasm32")]
        if self.js.as_ref().is_some_and(|s| s.aborted()) {
            return true;
        }
        self.flag.load(Ordering::SeqCst)
    }
    /// The wrapped DOM signal, if any.
    #[cfg(target_arch = "wasm32")]
    pub fn abort_signal(&self) -> Option<&web_sys::AbortSignal> {
        self.js.as_ref()
    }
}

impl fmt::Debug for CancelSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CancelSignal")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

#[cfg(target_arch = "wasm32")]
impl From<web_sys::AbortSignal> for CancelSignal {
    fn from(s: web_sys::AbortSignal) -> Self {
        Self {
            flag: Arc::default(),
            js: Some(s),
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl From<&web_sys::AbortSignal> for CancelSignal {
    fn from(s: &web_sys::AbortSignal) -> Self {
        Self {
            flag: Arc::default(),
            js: Some(s.clone()),
        }
    }
}

impl From<&CancelSignal> for CancelSignal {
    fn from(s: &CancelSignal) -> Self {
        s.clone()
    }
}

/// One HTTP attempt, as the client hands it to a [`Transport`]. Its `Debug` hides the
/// `Authorization` value and the body.
#[derive(Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL including the query string.
    pub url: String,
    /// The `Authorization` header value (`Bearer sk-or-v1-...`): put it on the wire, never in a log.
    pub authorization: crate::secret::ManagementKey,
    /// JSON body (then `Content-Type: application/json` is sent).
    pub body: Option<String>,
    /// Per-attempt timeout: abort the attempt after this long.
    pub timeout: Duration,
    /// The caller's cancel signal.
    pub signal: Option<CancelSignal>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("authorization", &"<redacted>")
            .field(
                "body",
                &self.body.as_ref().map(|b| format!("<{} bytes>", b.len())),
            )
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// What came back.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Lowercase header names and values (at least `retry-after` and `retry-after-ms` when sent).
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
}

impl HttpResponse {
    /// A response.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<String>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }
}

/// Sends one HTTP attempt. No `Send` bound: browser futures are not `Send`.
///
/// Only [`send`](Self::send) is required. `sleep`, `now_ms` and `random` have defaults: on
/// wasm32 `setTimeout`, `Date.now()` and `Math.random()`; natively the clock is `SystemTime`,
/// `random` is a std-hash based generator, and `sleep` **does not wait** (there is no
/// runtime in this crate) — a native transport that wants real backoff overrides it.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Performs one attempt. Errors are `Timeout` (per-attempt timeout), `Cancelled`
    /// (`req.signal`), `Network`, or `Unsupported`; any HTTP status is an `Ok`.
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, Error>;

    /// Waits `d`, returning `Err(Cancelled)` as soon as `signal` fires.
    async fn sleep(&self, d: Duration, signal: Option<&CancelSignal>) -> Result<(), Error> {
        default_sleep(d, signal).await
    }

    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64 {
        crate::time::now_ms()
    }

    /// A uniform random number in `[0, 1)` for backoff jitter.
    fn random(&self) -> f64 {
        default_random()
    }
}

pub(crate) fn cancelled() -> Error {
    Error::new(ErrorKind::Cancelled, "the request was cancelled")
}

/// A fetch that ended without any HTTP answer. A page cannot tell why: a CORS refusal and a
/// network failure both reject with a bare `TypeError`, so the message names the origin and
/// both causes, then the browser's own words (`detail`, the rejection's text: browsers never
/// quote a request's headers in it, so the key cannot appear; nor can the URL's credentials).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn unreachable(url: &str, detail: &str) -> Error {
    // Pushed rather than `format!`ed: this is in the first load of the page and the package.
    let mut message = crate::url::origin(url);
    message.push_str(
        " could not be reached from this page: the browser refused the request (CORS) or the \
         network failed (",
    );
    message.push_str(detail);
    message.push(')');
    Error::new(ErrorKind::Network, message)
}

/// The target's randomness in `[0, 1)`.
pub fn default_random() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Math::random()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(crate::time::now_ms().to_bits());
        (h.finish() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The target's sleep: `setTimeout` on wasm32 (checking `signal` every 50 ms); natively it
/// only checks `signal` and returns.
pub async fn default_sleep(d: Duration, signal: Option<&CancelSignal>) -> Result<(), Error> {
    if signal.is_some_and(CancelSignal::is_cancelled) {
        return Err(cancelled());
    }
    #[cfg(target_arch = "wasm32")]
    {
        let mut left = d.as_millis() as u64;
        while left > 0 {
            let step = left.min(50);
            Timer::new(step as u32).await;
            left -= step;
            if signal.is_some_and(CancelSignal::is_cancelled) {
                return Err(cancelled());
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = d;
    Ok(())
}

/// A `setTimeout` as a future, cleared when dropped (a raced-out timer must not keep Node's
/// event loop alive). The promise's own `resolve` is the timer's callback, so no Rust closure
/// is kept for it: smaller than gloo-timers' channel and callback (~0.5 KB of the npm gzip).
#[cfg(target_arch = "wasm32")]
struct Timer {
    id: wasm_bindgen::JsValue,
    fired: wasm_bindgen_futures::JsFuture,
}

#[cfg(target_arch = "wasm32")]
mod timers {
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::JsValue;

    #[wasm_bindgen]
    extern "C" {
        /// The global `setTimeout` (browsers and Node; Node answers a `Timeout` object).
        #[wasm_bindgen(js_name = setTimeout)]
        pub fn set_timeout(callback: &js_sys::Function, ms: u32) -> JsValue;
        /// The global `clearTimeout`.
        #[wasm_bindgen(js_name = clearTimeout)]
        pub fn clear_timeout(id: &JsValue);
    }
}

#[cfg(target_arch = "wasm32")]
impl Timer {
    /// `setTimeout`'s longest delay, 2^31 - 1 ms (about 24.8 days): browsers and Node fire a
    /// longer one at once, which would turn a long per-attempt timeout into an instant one.
    const LONGEST_MS: u32 = i32::MAX as u32;

    fn new(ms: u32) -> Self {
        let ms = ms.min(Self::LONGEST_MS);
        let mut id = wasm_bindgen::JsValue::UNDEFINED;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            id = timers::set_timeout(&resolve, ms);
        });
        Timer {
            id,
            fired: wasm_bindgen_futures::JsFuture::from(promise),
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl std::future::Future for Timer {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        std::pin::Pin::new(&mut self.fired).poll(cx).map(|_| ())
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for Timer {
    fn drop(&mut self) {
        timers::clear_timeout(&self.id);
    }
}

/// Resolves when `signal` fires (never, without one). Polls every 50 ms on wasm32.
#[cfg(target_arch = "wasm32")]
async fn wait_cancelled(signal: Option<CancelSignal>) {
    match signal {
        None => futures_util::future::pending::<()>().await,
        Some(s) => {
            while !s.is_cancelled() {
                Timer::new(50).await;
            }
        }
    }
}

/// The browser transport: `fetch` through gloo-net, one `AbortController` per attempt (aborted on the per-attempt timeout or the caller's signal). Natively it is a stub whose `send`
/// returns an [`ErrorKind::Unsupported`] error, so dependants still compile and test natively.
#[derive(Clone, Copy, Debug, Default)]
pub struct FetchTransport;

impl FetchTransport {
    /// The transport.
    pub fn new() -> Self {
        FetchTransport
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Transport for FetchTransport {
    async fn send(&self, _req: HttpRequest) -> Result<HttpResponse, Error> {
        Err(Error::new(
            ErrorKind::Unsupported,
            "FetchTransport only works on wasm32 in a browser or Node; natively, use Client::with_transport",
        ))
    }
}

/// The text of a JavaScript failure (`TypeError: fetch failed`), read through `Reflect` so a
/// getter or a polluted `toString` that throws cannot escape into the wasm.
#[cfg(target_arch = "wasm32")]
fn failure(e: &wasm_bindgen::JsValue) -> String {
    let read = |name: &str| {
        js_sys::Reflect::get(e, &wasm_bindgen::JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    match (read("name"), read("message")) {
        (Some(mut name), Some(message)) => {
            name.push_str(": ");
            name.push_str(&message);
            name
        }
        (_, Some(message)) => message,
        _ => e
            .as_string()
            .unwrap_or_else(|| "the request failed".to_owned()),
    }
}

/// A request the platform would not build (a header value it refuses, a polluted `Headers`):
/// nothing was sent, so a `validation` error, never an unknown outcome. The platform's own
/// words are left out: Node's quote the refused header value, the key.
#[cfg(target_arch = "wasm32")]
fn not_built(_: wasm_bindgen::JsValue) -> Error {
    Error::validation(vec![crate::error::FieldError::new(
        "api_key",
        "header_value",
        "the platform refused to build the request (its headers); nothing was sent",
    )])
}

/// One exchange, sent by gloo-net: the answer's status, `retry-after` headers and body text,
/// or the failure's words.
/// The answer is read through web-sys's `Result`s (gloo-net's `text` unwraps a throwing
/// `Response.text`), so a failure there settles the call too.
#[cfg(target_arch = "wasm32")]
async fn exchange(request: web_sys::Request) -> Result<HttpResponse, String> {
    use wasm_bindgen_futures::JsFuture;
    let resp = gloo_net::http::Request::from(request)
        .send()
        .await
        .map_err(|e| match e {
            gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
            _ => "the request failed".to_owned(),
        })?;
    let resp = web_sys::Response::from(resp);
    let mut headers = Vec::new();
    let answered = resp.headers();
    for name in ["retry-after", "retry-after-ms"] {
        if let Ok(Some(v)) = answered.get(name) {
            headers.push((name.to_owned(), v));
        }
    }
    let read = resp.text().map_err(|e| failure(&e))?;
    let body = JsFuture::from(read).await.map_err(|e| failure(&e))?;
    Ok(HttpResponse {
        status: resp.status(),
        headers,
        body: body.as_string().unwrap_or_default(),
    })
}

#[cfg(target_arch = "wasm32")]
impl Transport for FetchTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, Error> {
        use std::future::Future;
        use std::pin::Pin;
        use std::task::Poll;

        if req.signal.as_ref().is_some_and(CancelSignal::is_cancelled) {
            return Err(cancelled());
        }
        let controller = web_sys::AbortController::new()
            .map_err(|_| Error::new(ErrorKind::Unsupported, "AbortController is not available"))?;
        // Built with web-sys, each step a `Result`: gloo-net's own builder `set`s headers with
        // `unwrap_throw`, and a value the platform refuses then throws inside the wasm, which
        // left the call's promise unsettled for ever.
        let init = web_sys::RequestInit::new();
        init.set_method(req.method.as_str());
        init.set_signal(Some(&controller.signal()));
        let headers = web_sys::Headers::new().map_err(not_built)?;
        headers
            .set("Authorization", req.authorization.expose_secret())
            .map_err(not_built)?;
        if let Some(body) = &req.body {
            headers
                .set("Content-Type", "application/json")
                .map_err(not_built)?;
            init.set_body(&wasm_bindgen::JsValue::from_str(body));
        }
        init.set_headers(&headers);
        // A URL the platform cannot parse: nothing was sent, so not a network failure (which
        // would make a create's outcome unknown).
        let request = web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(|e| {
            Error::validation(vec![crate::error::FieldError::new(
                "base_url",
                "url",
                format!("the request could not be built: {}", failure(&e)),
            )])
        })?;

        let timeout_ms = req.timeout.as_millis().min(u32::MAX as u128) as u32;
        let mut timer = Timer::new(timeout_ms);
        let mut cancel = std::pin::pin!(wait_cancelled(req.signal.clone()));
        let mut exchange = std::pin::pin!(exchange(request));
        /// How an attempt ended.
        enum Ended {
            Answered(Result<HttpResponse, String>),
            TimedOut,
            Cancelled,
        }
        // The exchange, the per-attempt timer and the caller's signal raced in one place
        // (polled in that order), rather than with nested `select`s over boxed futures.
        let ended = std::future::poll_fn(|cx| {
            if let Poll::Ready(answer) = exchange.as_mut().poll(cx) {
                return Poll::Ready(Ended::Answered(answer));
            }
            if Pin::new(&mut timer).poll(cx).is_ready() {
                return Poll::Ready(Ended::TimedOut);
            }
            if cancel.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Ended::Cancelled);
            }
            Poll::Pending
        })
        .await;
        match ended {
            Ended::Answered(Ok(resp)) => Ok(resp),
            Ended::Answered(Err(e)) => {
                if req.signal.as_ref().is_some_and(CancelSignal::is_cancelled) {
                    Err(cancelled())
                } else {
                    Err(unreachable(&req.url, &e))
                }
            }
            Ended::TimedOut => {
                controller.abort();
                Err(Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "no answer within the per-attempt timeout of {} ms",
                        u64::from(timeout_ms)
                    ),
                ))
            }
            Ended::Cancelled => {
                controller.abort();
                Err(cancelled())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_debug_hides_the_key_and_body() {
        let req = HttpRequest {
            method: Method::Post,
            url: "http://x/api/v1/keys".into(),
            authorization: crate::secret::ManagementKey::new("Bearer sk-or-v1-supersecret"),
            body: Some(r#"{"name":"k"}"#.into()),
            timeout: Duration::from_secs(1),
            signal: None,
        };
        let shown = format!("{req:?}");
        assert!(!shown.contains("supersecret"), "{shown}");
        assert!(!shown.contains("\"name\""), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn an_unreachable_origin_is_named_with_both_causes_and_never_the_credentials() {
        let e = unreachable(
            "https://u:sk-or-v1-supersecret@api.example:8443/api/v1/key?x=1",
            "TypeError: Failed to fetch",
        );
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.is_network());
        assert_eq!(e.status(), None);
        let m = e.message();
        assert_eq!(
            m,
            "https://api.example:8443 could not be reached from this page: the browser refused \
             the request (CORS) or the network failed (TypeError: Failed to fetch)"
        );
        assert!(!format!("{e} {e:?}").contains("supersecret"));
    }

    #[test]
    fn cancel_signal_clones_share_state() {
        let a = CancelSignal::new();
        let b = a.clone();
        assert!(!b.is_cancelled());
        a.cancel();
        assert!(b.is_cancelled());
    }
}
