//! A recording, scriptable transport for unit tests (native and wasm32).
//!
//! Replies come from a FIFO queue ([`MockTransport::push`]) or, when it is empty, from a
//! handler ([`MockTransport::with_handler`]). Every request is recorded (method, path,
//! query, body; header *names* only), and so is every sleep the retry loop asks for: sleeps
//! advance a virtual clock and return at once.
//!
//! ```
//! use openrouter_admin::mock::{MockReply, MockTransport};
//! use openrouter_admin::{Client, ManagementKey};
//!
//! let mock = MockTransport::new();
//! mock.push(MockReply::json(503, r#"{"error":{"code":503,"message":"busy"}}"#));
//! mock.push(MockReply::json(200, r#"{"data":[],"total_count":0}"#));
//! let client = Client::with_transport(ManagementKey::new("sk-or-v1-test"), mock);
//! let page = openrouter_admin::mock::block_on(client.workspaces().list().send()).unwrap();
//! assert!(page.data.is_empty());
//! assert_eq!(client.transport().requests().len(), 2);
//! assert_eq!(client.transport().sleeps().len(), 1);
//! ```

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::error::{Error, ErrorKind};
use crate::transport::{CancelSignal, HttpRequest, HttpResponse, Method, Transport};

/// A scripted reply.
#[derive(Clone, Debug)]
pub enum MockReply {
    /// An HTTP answer.
    Response(HttpResponse),
    /// A transport failure (timeout, network, ...). A `Timeout` advances the clock by the
    /// attempt's timeout.
    Fail(Error),
}

impl MockReply {
    /// An answer with a JSON (or any) body.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        MockReply::Response(HttpResponse::new(status, Vec::new(), body))
    }
    /// Adds a header (name lowercased).
    pub fn header(self, name: &str, value: &str) -> Self {
        match self {
            MockReply::Response(mut r) => {
                r.headers
                    .push((name.to_ascii_lowercase(), value.to_owned()));
                MockReply::Response(r)
            }
            other => other,
        }
    }
    /// The per-attempt timeout fired.
    pub fn timeout() -> Self {
        MockReply::Fail(Error::new(ErrorKind::Timeout, "mock: timed out"))
    }
    /// The connection failed.
    pub fn network() -> Self {
        MockReply::Fail(Error::new(ErrorKind::Network, "mock: connection reset"))
    }
}

/// One recorded request.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Method.
    pub method: Method,
    /// Full URL.
    pub url: String,
    /// Path without the base URL and query (`/workspaces/prod`).
    pub path: String,
    /// Decoded query pairs.
    pub query: Vec<(String, String)>,
    /// Parsed JSON body.
    pub body: Option<serde_json::Value>,
    /// Header names that would be sent (`Authorization`, and `Content-Type` with a body).
    pub headers: Vec<&'static str>,
    /// Whether the `Authorization` value is `Bearer <the client's key>` (compared, not stored).
    pub bearer_ok: bool,
    /// Per-attempt timeout asked for.
    pub timeout: Duration,
}

type Handler = Box<dyn Fn(&RecordedRequest) -> MockReply>;

#[derive(Default)]
struct State {
    queue: VecDeque<MockReply>,
    handler: Option<Handler>,
    requests: Vec<RecordedRequest>,
    sleeps: Vec<Duration>,
    now_ms: f64,
    random: f64,
    cancel_on_sleep: Option<CancelSignal>,
    expected_bearer: Option<String>,
}

/// The mock transport. Not `Sync` (it records into a `RefCell`); fine for single-threaded tests.
pub struct MockTransport {
    state: RefCell<State>,
}

impl Default for MockTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockTransport")
            .field("requests", &self.state.borrow().requests.len())
            .finish()
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl MockTransport {
    /// An empty mock: clock at 1 000 000 000 000 ms, `random()` = 0.5.
    pub fn new() -> Self {
        Self {
            state: RefCell::new(State {
                now_ms: 1.0e12,
                random: 0.5,
                ..State::default()
            }),
        }
    }
    /// Answers from `f` once the queue is empty.
    pub fn with_handler(self, f: impl Fn(&RecordedRequest) -> MockReply + 'static) -> Self {
        self.state.borrow_mut().handler = Some(Box::new(f));
        self
    }
    /// Queues a reply.
    pub fn push(&self, reply: MockReply) -> &Self {
        self.state.borrow_mut().queue.push_back(reply);
        self
    }
    /// Fixes the jitter source.
    pub fn set_random(&self, r: f64) {
        self.state.borrow_mut().random = r;
    }
    /// Checks recorded `Authorization` values against `Bearer <key>`.
    pub fn expect_key(&self, key: &str) {
        self.state.borrow_mut().expected_bearer = Some(format!("Bearer {key}"));
    }
    /// Fires `signal` when the next backoff sleep starts (to test cancellation mid-backoff).
    pub fn cancel_on_sleep(&self, signal: CancelSignal) {
        self.state.borrow_mut().cancel_on_sleep = Some(signal);
    }
    /// Every request so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.borrow().requests.clone()
    }
    /// Every sleep asked for so far.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state.borrow().sleeps.clone()
    }
    /// The virtual clock.
    pub fn now(&self) -> f64 {
        self.state.borrow().now_ms
    }
    /// Moves the virtual clock.
    pub fn advance(&self, d: Duration) {
        self.state.borrow_mut().now_ms += d.as_secs_f64() * 1000.0;
    }
}

impl Transport for MockTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, Error> {
        if req.signal.as_ref().is_some_and(CancelSignal::is_cancelled) {
            return Err(crate::transport::cancelled());
        }
        let (before_q, q) = req.url.split_once('?').unwrap_or((&req.url, ""));
        let path = match before_q.find("://") {
            Some(i) => {
                let rest = &before_q[i + 3..];
                rest.find('/')
                    .map(|j| rest[j..].to_owned())
                    .unwrap_or_default()
            }
            None => before_q.to_owned(),
        };
        let path = path
            .strip_prefix("/api/v1")
            .map(str::to_owned)
            .unwrap_or(path);
        let query = q
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        let mut headers = vec!["Authorization"];
        if req.body.is_some() {
            headers.push("Content-Type");
        }
        let bearer_ok = {
            let st = self.state.borrow();
            match &st.expected_bearer {
                Some(e) => e == req.authorization.expose_secret(),
                None => req.authorization.expose_secret().starts_with("Bearer "),
            }
        };
        let rec = RecordedRequest {
            method: req.method,
            url: req.url.clone(),
            path,
            query,
            body: req
                .body
                .as_deref()
                .and_then(|b| serde_json::from_str(b).ok()),
            headers,
            bearer_ok,
            timeout: req.timeout,
        };
        let reply = {
            let mut st = self.state.borrow_mut();
            st.requests.push(rec.clone());
            st.queue.pop_front()
        };
        let reply = match reply {
            Some(r) => r,
            None => {
                let st = self.state.borrow();
                match &st.handler {
                    Some(h) => h(&rec),
                    None => MockReply::Fail(Error::new(
                        ErrorKind::Network,
                        format!("mock: no reply scripted for {} {}", rec.method, rec.path),
                    )),
                }
            }
        };
        match reply {
            MockReply::Response(r) => Ok(r),
            MockReply::Fail(e) => {
                if e.is_timeout() {
                    self.advance(req.timeout);
                }
                Err(e)
            }
        }
    }

    async fn sleep(&self, d: Duration, signal: Option<&CancelSignal>) -> Result<(), Error> {
        let mut st = self.state.borrow_mut();
        st.sleeps.push(d);
        if let Some(s) = st.cancel_on_sleep.take() {
            s.cancel();
        }
        if signal.is_some_and(CancelSignal::is_cancelled) {
            return Err(crate::transport::cancelled());
        }
        st.now_ms += d.as_secs_f64() * 1000.0;
        Ok(())
    }

    fn now_ms(&self) -> f64 {
        self.state.borrow().now_ms
    }

    fn random(&self) -> f64 {
        self.state.borrow().random
    }
}

/// Runs a future to completion on the current thread with a no-op waker. Enough for futures
/// that never really wait (everything over a [`MockTransport`]); panics if one stays pending
/// for a million polls.
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("block_on: the future never completed (it waits on something a mock cannot wake)");
}
