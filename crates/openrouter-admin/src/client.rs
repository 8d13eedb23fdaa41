//! The [`Client`], its builder, and the generic [`Call`] every request builder is.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::endpoint::{decode_str, Answer, Endpoint, Request};
use crate::error::Error;
use crate::retry::{OpClass, RetryPolicy};
use crate::secret::ManagementKey;
use crate::transport::{
    CancelSignal, FetchTransport, HttpRequest, HttpResponse, Method, Transport,
};

/// OpenRouter's API base URL.
pub const DEFAULT_BASE_URL: &str = "https://openrouter.ai/api/v1";

/// Settings shared by every call of a client.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Config {
    /// API base, without a trailing slash (default [`DEFAULT_BASE_URL`]; a same-origin proxy works).
    pub base_url: String,
    /// Per-attempt timeout (default 30 s).
    pub timeout: Duration,
    /// Overall deadline of one call, retries and waits included (default 120 s; `None` = none).
    pub deadline: Option<Duration>,
    /// Retry settings.
    pub retry: RetryPolicy,
    /// Most time one list's walk may spend waiting on its pages before it reports a list that
    /// does not end (default 1 h; a page that repeats an earlier one ends it at once). A
    /// time, not a count of pages: a 100,000-key workspace is 1,000 pages.
    pub max_walk: Duration,
    /// Default concurrency of `collect_all` and the bulk helpers (default 4).
    pub concurrency: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Duration::from_secs(30),
            deadline: Some(Duration::from_secs(120)),
            retry: RetryPolicy::default(),
            max_walk: Duration::from_secs(3600),
            concurrency: 4,
        }
    }
}

struct Inner<T> {
    /// `Bearer <key>`: the one copy of the key the client keeps.
    authorization: ManagementKey,
    config: Config,
    transport: T,
}

/// The management API client. Cheap to clone (one `Arc`).
///
/// ```no_run
/// use openrouter_admin::{Client, ManagementKey};
/// # async fn run() -> Result<(), openrouter_admin::Error> {
/// let client = Client::new(ManagementKey::new("sk-or-v1-..."));
/// let page = client.workspaces().list().limit(50).send().await?;
/// for ws in page.data {
///     println!("{} ({})", ws.name, ws.slug);
/// }
/// # Ok(()) }
/// ```
pub struct Client<T = FetchTransport> {
    inner: Arc<Inner<T>>,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("key", &self.inner.authorization)
            .field("config", &self.inner.config)
            .finish()
    }
}

impl Client<FetchTransport> {
    /// A client with the browser transport and default settings.
    pub fn new(key: ManagementKey) -> Self {
        Client::with_transport(key, FetchTransport)
    }

    /// A builder: `Client::builder().api_key("sk-or-v1-...").base_url("/api/v1").build()?`.
    pub fn builder() -> ClientBuilder<FetchTransport> {
        ClientBuilder {
            key: None,
            config: Config::default(),
            transport: FetchTransport,
        }
    }
}

impl<T: Transport> Client<T> {
    /// The transport's clock (ms since the epoch): record it before a create to reconcile later.
    pub fn now_ms(&self) -> f64 {
        self.transport().now_ms()
    }
    /// A client over any transport (the `mock` feature's `MockTransport` in tests).
    pub fn with_transport(key: ManagementKey, transport: T) -> Self {
        Self::from_parts(key, Config::default(), transport)
    }

    /// A client from its parts.
    pub fn from_parts(key: ManagementKey, mut config: Config, transport: T) -> Self {
        while config.base_url.ends_with('/') {
            config.base_url.pop();
        }
        let authorization = ManagementKey::new(format!("Bearer {}", key.trimmed()));
        Client {
            inner: Arc::new(Inner {
                authorization,
                config,
                transport,
            }),
        }
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The transport (e.g. to read a mock's recorded requests).
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// Wraps an endpoint value into a call on this client.
    pub fn call<E: Endpoint>(&self, endpoint: E) -> Call<'_, T, E> {
        Call {
            client: self,
            endpoint,
            signal: None,
        }
    }

    /// A request already built (an endpoint's [`request`](Endpoint::request), failure
    /// included), to send as JSON text: what [`Call::into_text_request`] gives, without a
    /// [`Call`] per endpoint type, so a binding that picks the endpoint in a `match` builds
    /// only its request in each arm.
    pub fn text_request(
        &self,
        prepared: Result<Request, Error>,
        signal: Option<CancelSignal>,
    ) -> TextRequest<T> {
        TextRequest {
            client: self.clone(),
            prepared,
            signal,
        }
    }

    /// The escape hatch: any path, typed as you like.
    ///
    /// ```no_run
    /// # use openrouter_admin::{Client, ManagementKey, Method};
    /// # async fn run(client: Client) -> Result<(), openrouter_admin::Error> {
    /// let v: serde_json::Value = client
    ///     .request::<serde_json::Value>(Method::Get, "/guardrails", &[("limit", "10")], None)
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn request<V: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Call<'_, T, crate::endpoint::RawRequest<V>> {
        let mut raw = crate::endpoint::RawRequest::typed(method, path);
        raw.query = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        raw.body = body.map(|v| v.to_string());
        self.call(raw)
    }

    /// Sends `endpoint` with retries; returns the decoded 2xx answer.
    ///
    /// Not an `async fn`: the request is built now and the one retry future (boxed, the
    /// same type for every endpoint) is wrapped in [`Decoding`], so each endpoint adds only
    /// its request and decode steps to a wasm module rather than a state machine of its own.
    pub(crate) fn execute_endpoint<'s, E: Endpoint>(
        &'s self,
        endpoint: &E,
        signal: Option<&'s CancelSignal>,
    ) -> Decoding<'s, E>
    where
        T: 's,
    {
        let request = endpoint.request();
        Decoding {
            secret: request.as_ref().is_ok_and(|r| r.secret),
            inner: self.execute_prepared(request, signal),
            endpoint: std::marker::PhantomData,
        }
    }

    /// Sends a request (or returns the error that kept it from being built).
    ///
    /// Boxed: the retry loop's future is large, and every composite (rotation, member changes,
    /// bulk, paging) awaits it, so a pointer in their state machines instead of the whole
    /// future keeps their code small (the moves and drops of that state).
    pub(crate) fn execute_prepared<'s>(
        &'s self,
        request: Result<Request, Error>,
        signal: Option<&'s CancelSignal>,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, Error>> + 's>>
    where
        T: 's,
    {
        // No async block around the loop: its future is the one boxed (one state machine,
        // not two nested), and a request that could not be built is answered at once.
        let r = match request {
            Ok(r) => r,
            Err(e) => return Box::pin(std::future::ready(Err(e))),
        };
        let cfg = &self.inner.config;
        let attempt = HttpRequest {
            method: r.method,
            url: crate::url::build_url(&cfg.base_url, &r.path, &r.query),
            authorization: self.inner.authorization.clone(),
            body: r.body,
            timeout: cfg.timeout,
            signal: signal.cloned(),
        };
        Box::pin(crate::retry::send(
            &self.inner.transport,
            &cfg.retry,
            cfg.deadline,
            r.class,
            attempt,
        ))
    }
}

/// Decodes a 2xx answer as `R`, naming the JSON path on failure; `redact` keeps the body out
/// of the error (create-key answers carry the secret).
pub(crate) fn decode<R: DeserializeOwned>(resp: &HttpResponse, redact: bool) -> Result<R, Error> {
    decode_str(&resp.body, resp.status, redact)
}

/// The future of [`Client::execute_endpoint`]: the shared retry future, then `E`'s decode.
pub(crate) struct Decoding<'s, E> {
    inner: Pin<Box<dyn Future<Output = Result<HttpResponse, Error>> + 's>>,
    secret: bool,
    endpoint: std::marker::PhantomData<fn() -> E>,
}

impl<E: Endpoint> Future for Decoding<'_, E> {
    type Output = Result<E::Output, Error>;
    fn poll(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let secret = self.secret;
        self.inner.as_mut().poll(cx).map(|resp| {
            let resp = resp?;
            E::decode(Answer {
                status: resp.status,
                body: &resp.body,
                secret,
            })
        })
    }
}

/// The 2xx body of a prepared request, with a client of its own so the future is `'static`.
async fn owned_text<T: Transport>(
    client: Client<T>,
    prepared: Result<Request, Error>,
    signal: Option<CancelSignal>,
) -> Result<String, Error> {
    client
        .execute_prepared(prepared, signal.as_ref())
        .await
        .map(|r| r.body)
}

/// Builds a [`Client`].
pub struct ClientBuilder<T = FetchTransport> {
    key: Option<ManagementKey>,
    config: Config,
    transport: T,
}

impl<T> fmt::Debug for ClientBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("key", &self.key)
            .field("config", &self.config)
            .finish()
    }
}

impl<T: Transport> ClientBuilder<T> {
    /// The management key (required).
    pub fn api_key(mut self, key: impl Into<ManagementKey>) -> Self {
        self.key = Some(key.into());
        self
    }
    /// The API base (default `https://openrouter.ai/api/v1`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.config.base_url = url.into();
        self
    }
    /// Per-attempt timeout.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.config.timeout = d;
        self
    }
    /// Overall deadline per call (`None`: none).
    pub fn deadline(mut self, d: Option<Duration>) -> Self {
        self.config.deadline = d;
        self
    }
    /// Retries after the first attempt (default 2).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.config.retry.max_retries = n;
        self
    }
    /// The whole retry policy.
    pub fn retry_policy(mut self, p: RetryPolicy) -> Self {
        self.config.retry = p;
        self
    }
    /// Pagination loop guard: the most time one list's walk may spend waiting on its pages.
    pub fn max_walk(mut self, d: Duration) -> Self {
        self.config.max_walk = d;
        self
    }
    /// Default concurrency for `collect_all` and the bulk helpers.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.config.concurrency = n.max(1);
        self
    }
    /// Swaps the transport.
    pub fn transport<U: Transport>(self, transport: U) -> ClientBuilder<U> {
        ClientBuilder {
            key: self.key,
            config: self.config,
            transport,
        }
    }
    /// The client; a [`Validation`](crate::ErrorKind::Validation) error without a key, or
    /// with one that cannot be an HTTP header value ([`ManagementKey::check`]).
    pub fn build(self) -> Result<Client<T>, Error> {
        let key = self.key.ok_or_else(|| {
            Error::validation(vec![crate::error::FieldError::new(
                "api_key",
                "required",
                "a management key is required",
            )])
        })?;
        if key.trimmed().is_empty() {
            return Err(Error::validation(vec![crate::error::FieldError::new(
                "api_key",
                "min_length",
                "the management key is empty",
            )]));
        }
        key.check("api_key")?;
        Ok(Client::from_parts(key, self.config, self.transport))
    }
}

/// One request on a client: set options, then `.send().await`.
///
/// The request itself is data ([`endpoint`](Self::endpoint)): its method, path, query and
/// body can be inspected without any I/O.
#[must_use = "a call does nothing until `.send().await`"]
pub struct Call<'a, T, E> {
    pub(crate) client: &'a Client<T>,
    pub(crate) endpoint: E,
    pub(crate) signal: Option<CancelSignal>,
}

impl<'a, T: Transport, E: Endpoint> Call<'a, T, E> {
    /// Cancels the call (also during a backoff wait) when `signal` fires.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    pub(crate) fn signal_opt(mut self, signal: Option<CancelSignal>) -> Self {
        self.signal = signal;
        self
    }
    /// The request as data.
    pub fn endpoint(&self) -> &E {
        &self.endpoint
    }
    /// Validates and sends, with retries by operation class.
    pub async fn send(self) -> Result<E::Output, Error> {
        self.client
            .execute_endpoint(&self.endpoint, self.signal.as_ref())
            .await
    }
    /// Like [`send`](Self::send) (same validation, retries and errors) but returns the 2xx
    /// body as JSON text, undecoded. For bindings that decode in JavaScript: it leaves the
    /// typed decoders out of the wasm. A `POST /keys` body holds the secret: handle it as one.
    pub async fn send_text(self) -> Result<String, Error> {
        self.client
            .execute_prepared(self.endpoint.request(), self.signal.as_ref())
            .await
            .map(|r| r.body)
    }
    /// The call validated and serialized now (a failure is kept for [`TextRequest::send`]),
    /// with a clone of the client: one type for every operation, so a binding can choose the
    /// operation in a `match` and send it from one place.
    pub fn into_text_request(self) -> TextRequest<T> {
        self.client
            .text_request(self.endpoint.request(), self.signal)
    }
}

/// A call of any operation, validated and serialized, that answers with its 2xx body as JSON
/// text: see [`Call::into_text_request`].
#[must_use = "does nothing until `.send().await`"]
pub struct TextRequest<T> {
    client: Client<T>,
    prepared: Result<Request, Error>,
    signal: Option<CancelSignal>,
}

impl<T: Transport + 'static> TextRequest<T> {
    /// Sends it (with the client's retries) and returns the 2xx body, undecoded; a validation
    /// failure is returned without sending.
    pub fn send(self) -> impl std::future::Future<Output = Result<String, Error>> {
        owned_text(self.client, self.prepared, self.signal)
    }
}

impl<T> fmt::Debug for TextRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TextRequest")
    }
}

impl<T: Transport, V: DeserializeOwned> Call<'_, T, crate::endpoint::RawRequest<V>> {
    /// Overrides the retry class (a POST is treated as a create unless told it is safe).
    pub fn class(mut self, class: OpClass) -> Self {
        self.endpoint.class = class;
        self
    }
}

impl<T, E: fmt::Debug> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("endpoint", &self.endpoint)
            .finish()
    }
}
