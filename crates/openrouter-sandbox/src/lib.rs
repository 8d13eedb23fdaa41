//! A local, stateful stand-in for OpenRouter's management API (workspaces, members,
//! budgets, API keys, organization members), stored in SQLite, with a control surface
//! for tests to inject faults. See the crate README for the flags and the contract.

#![warn(missing_docs)]

pub mod activity;
pub mod analytics;
pub mod analytics_query;
pub mod answer;
pub mod auth;
pub mod budgets;
pub mod byok;
pub mod byok_rows;
pub mod cascade;
pub mod conn;
pub mod control;
pub mod control_api;
pub mod error;
pub mod feedback;
pub mod guardrail_assignments;
pub mod guardrails;
pub mod input;
pub mod key_rows;
pub mod keys;
pub mod members;
pub mod observability;
pub mod observability_rows;
pub mod organization;
pub mod schema;
pub mod scim;
pub mod scim_rows;
pub mod seed;
pub mod seed_guardrails;
pub mod seed_scim;
pub mod state;
pub mod store;
pub mod workspaces;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::ServiceExt;

use crate::conn::{
    Connections, Deadline, EnvelopeIo, ALLOW_ORIGIN, EXPOSE_HEADERS, MAX_HEADERS, MAX_HEAD_BYTES,
};
use crate::control::{Control, Fault, RateLimiter};
use crate::error::{envelope, ApiError};
pub use crate::seed::{SeedKind, SeedScale};
use crate::state::{AppState, Shared};

/// How to run the sandbox.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// SQLite file, or None for an in-memory database.
    pub db: Option<PathBuf>,
    /// The organization to start with (only used when the database is new).
    pub seed: SeedKind,
    /// Bulk data added to the seed.
    pub scale: SeedScale,
    /// The management key; None generates a random one.
    pub management_key: Option<String>,
    /// Static files to serve at `/` with SPA fallback.
    pub serve_dir: Option<PathBuf>,
    /// Enable `/__sandbox`.
    pub control: bool,
    /// Requests per second per bearer key; None = unlimited.
    pub rate_limit: Option<u32>,
    /// How long a client may take to send a request head (also the idle time allowed
    /// between requests on a kept-alive connection) before the connection is closed.
    pub header_timeout: Duration,
    /// How long a client may take to send a request body, counted from its head; 408 after.
    pub body_timeout: Duration,
    /// Most connections open at once; a new one beyond takes the place of the oldest idle one.
    pub max_connections: usize,
    /// Answer CORS preflights and let any origin read every answer, as a public API does.
    /// `false` (`--no-cors`) answers like a server that never heard of CORS, so that a
    /// browser refuses the calls: how a page meets an API that does not allow it.
    pub cors: bool,
}

/// `--header-timeout` unless given: generous for any real client, short for a stalled one.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// `--body-timeout` unless given: a 1 MiB body in 30 s is 35 KB/s.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// `--max-connections` unless given: well under the usual 1024 file descriptors per process.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;

impl Default for Config {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: None,
            seed: SeedKind::Demo,
            scale: SeedScale::default(),
            management_key: None,
            serve_dir: None,
            control: false,
            rate_limit: None,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            cors: true,
        }
    }
}

/// Why the sandbox could not start.
#[derive(Debug)]
pub struct StartError(pub String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// A running sandbox.
#[derive(Debug)]
pub struct Running {
    /// The bound address (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The management key in force.
    pub management_key: String,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:PORT/api/v1`
    pub fn api_url(&self) -> String {
        format!("http://{}/api/v1", self.addr)
    }

    /// Stops accepting connections.
    pub fn shutdown(&self) {
        self.task.abort();
    }

    /// Waits until the server stops (it only does when shut down).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

/// Opens the store, seeds it if new, binds and starts serving in the background.
/// Must be called inside a tokio runtime.
pub async fn serve(config: Config) -> Result<Running, StartError> {
    let mut conn =
        store::open(config.db.as_deref()).map_err(|e| StartError(format!("database: {e}")))?;
    if !seed::is_seeded(&conn).map_err(|e| StartError(format!("database: {e}")))? {
        seed::reseed(&mut conn, config.seed, config.scale)
            .map_err(|e| StartError(format!("seeding: {e}")))?;
    }
    let management_key = config
        .management_key
        .clone()
        .unwrap_or_else(keys::new_secret);
    let state: Shared = Arc::new(AppState {
        db: Mutex::new(conn),
        management_hash: store::sha256_hex(&management_key),
        management_label: store::label_for(&management_key),
        seed: (config.seed, config.scale),
        control: config.control.then(Control::default),
        rate_limit: config.rate_limit.map(RateLimiter::new),
        serve_dir: config.serve_dir.clone(),
        cors: config.cors,
    });
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| StartError(format!("bind {}: {e}", config.addr)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError(format!("local address: {e}")))?;
    let app = router(state.clone());
    let task = tokio::spawn(accept_loop(listener, app, state, config));
    Ok(Running {
        addr,
        management_key,
        task,
    })
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: Router,
    state: Shared,
    config: Config,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    // With the control surface on, connections are not kept alive: Chromium silently
    // resends a request whose *reused* connection closes before any response, which
    // would turn an injected drop into a success (or a second create).
    http.keep_alive(state.control.is_none())
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .max_header_size(MAX_HEAD_BYTES)
        .max_buf_size(2 * MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS);
    let body_timeout = config.body_timeout;
    let connections = Connections::new(config.max_connections);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(pair) => pair,
            Err(e) => {
                // Almost always out of file descriptors: close the oldest idle connection so
                // that the next client gets in, rather than everyone waiting on a stalled one.
                if !connections.evict_oldest_idle() {
                    eprintln!("sandbox: accept failed: {e}");
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        // Every open connection is mid-request: refuse this one rather than queue it.
        let Some(ticket) = connections.admit() else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let state = state.clone();
        let http = http.clone();
        let cors = state.cors;
        tokio::spawn(async move {
            let busy = ticket.busy_handle();
            let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let guard = busy.busy();
                let req = req.map(|b| Body::new(Deadline::new(Body::new(b), body_timeout)));
                let answer = front(state.clone(), app.clone(), req);
                async move {
                    // Busy until the body is written too: a file still being sent is not idle.
                    let resp = answer.await?;
                    Ok::<_, Dropped>(resp.map(|body| {
                        Body::new(body.map_frame(move |frame| {
                            let _busy = &guard;
                            frame
                        }))
                    }))
                }
            });
            let conn = http.serve_connection(TokioIo::new(EnvelopeIo::new(stream).cors(cors)), svc);
            tokio::select! {
                _ = conn => {}
                () = ticket.evicted() => {}
            }
        });
    }
}

/// The error a connection is closed with when a fault says to drop it: hyper then
/// closes the socket without writing a response, which fetch sees as a network error.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

/// The CORS headers, unless the sandbox runs with `--no-cors`.
fn add_cors(state: &AppState, resp: &mut Response) {
    if !state.cors {
        return;
    }
    let h = resp.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static(ALLOW_ORIGIN),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
}

fn preflight(state: &AppState) -> Response {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    add_cors(state, &mut resp);
    let h = resp.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("authorization, content-type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    resp
}

fn set_header(resp: &mut Response, name: &'static str, value: u64) {
    if let Ok(v) = HeaderValue::from_str(&value.to_string()) {
        resp.headers_mut().insert(name, v);
    }
}

fn fault_response(
    status: u16,
    retry_after: Option<u64>,
    retry_after_ms: Option<u64>,
    body: Option<String>,
) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (text, ctype) = match body {
        Some(b) => {
            let ctype = if serde_json::from_str::<serde_json::Value>(&b).is_ok() {
                "application/json"
            } else if b.trim_start().starts_with('<') {
                "text/html; charset=utf-8"
            } else {
                "text/plain; charset=utf-8"
            };
            (b, ctype)
        }
        None => (envelope(status, "Injected fault"), "application/json"),
    };
    let mut resp = (code, text).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    if let Some(s) = retry_after {
        set_header(&mut resp, "retry-after", s);
    }
    if let Some(ms) = retry_after_ms {
        set_header(&mut resp, "retry-after-ms", ms);
    }
    resp
}

/// Everything in front of the router: CORS preflight, faults, rate limiting and the log.
async fn front(state: Shared, app: Router, req: Request) -> Result<Response, Dropped> {
    if state.cors
        && req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        return Ok(preflight(&state));
    }
    let path = req.uri().path().to_owned();
    let method = req.method().as_str().to_owned();
    let is_control = path == "/__sandbox" || path.starts_with("/__sandbox/");
    let is_api = path == "/api" || path.starts_with("/api/");
    let control = state.control.as_ref().filter(|_| !is_control);
    let ticket = control
        .filter(|_| is_api)
        .and_then(|c| c.log_start(&method, &path));
    let finish = |status: u16| {
        if let Some(c) = control {
            c.log_finish(ticket, status);
        }
    };
    let mut drop_after = false;
    let mut delay_after = None;
    match control.and_then(|c| c.take_fault(&method, &path)) {
        None => {}
        Some(Fault::Status {
            status,
            retry_after,
            retry_after_ms,
            body,
        }) => {
            let mut resp = fault_response(status, retry_after, retry_after_ms, body);
            add_cors(&state, &mut resp);
            finish(status);
            return Ok(resp);
        }
        Some(Fault::Delay(ms)) => tokio::time::sleep(Duration::from_millis(ms)).await,
        Some(Fault::Hold(n)) => {
            if let Some(c) = control {
                c.held(n).await;
            }
        }
        Some(Fault::Hang) => {
            tokio::time::sleep(Duration::from_secs(120)).await;
            return Err(Dropped);
        }
        Some(Fault::Drop) => return Err(Dropped),
        Some(Fault::CommitThenDrop) => drop_after = true,
        Some(Fault::CommitThenDelay(ms)) => delay_after = Some(Duration::from_millis(ms)),
    }
    if let (Some(rl), true) = (&state.rate_limit, is_api) {
        let who = req
            .headers()
            .get(header::AUTHORIZATION)
            .map(|v| store::sha256_hex(&String::from_utf8_lossy(v.as_bytes())))
            .unwrap_or_default();
        if let Err(wait) = rl.check(&who) {
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let mut resp = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "Rate limit exceeded: too many requests for this key",
            )
            .into_response();
            set_header(&mut resp, "retry-after", secs.max(1));
            set_header(&mut resp, "retry-after-ms", wait.as_millis() as u64);
            add_cors(&state, &mut resp);
            finish(429);
            return Ok(resp);
        }
    }
    let mut resp = match delay_after {
        // hyper drops this future when the client goes away: the write runs in its own task so
        // that it commits all the same, as a real server's would.
        Some(delay) => {
            let write = tokio::spawn(app.oneshot(req));
            let resp = match write.await {
                Ok(Ok(r)) => r,
                Ok(Err(never)) => match never {},
                Err(_) => return Err(Dropped),
            };
            tokio::time::sleep(delay).await;
            resp
        }
        None => match app.oneshot(req).await {
            Ok(r) => r,
            Err(never) => match never {},
        },
    };
    if drop_after {
        return Err(Dropped);
    }
    finish(resp.status().as_u16());
    add_cors(&state, &mut resp);
    Ok(resp)
}

fn router(state: Shared) -> Router {
    use guardrail_assignments as assignments;
    let v1 = Router::new()
        .route(
            "/workspaces",
            get(workspaces::list).post(workspaces::create),
        )
        .route(
            "/workspaces/{id}",
            get(workspaces::get)
                .patch(workspaces::update)
                .delete(workspaces::delete),
        )
        .route("/workspaces/{id}/members", get(members::list))
        .route("/workspaces/{id}/members/add", post(members::add))
        .route("/workspaces/{id}/members/remove", post(members::remove))
        .route("/workspaces/{id}/budgets", get(budgets::list))
        .route(
            "/workspaces/{id}/budgets/{interval}",
            get(budgets::get).put(budgets::put).delete(budgets::delete),
        )
        .route("/key", get(keys::current))
        .route("/keys", get(keys::list).post(keys::create))
        .route(
            "/keys/{hash}",
            get(keys::get).patch(keys::update).delete(keys::delete),
        )
        .route("/organization/members", get(organization::members))
        .route("/credits", get(activity::get_credits))
        .route("/activity", get(activity::get_activity))
        .route(
            "/guardrails",
            get(guardrails::list).post(guardrails::create),
        )
        .route("/guardrails/assignments/keys", get(assignments::all_keys))
        .route(
            "/guardrails/assignments/members",
            get(assignments::all_members),
        )
        .route(
            "/guardrails/{id}",
            get(guardrails::get)
                .patch(guardrails::update)
                .delete(guardrails::delete),
        )
        .route(
            "/guardrails/{id}/assignments/keys",
            get(assignments::list_keys).post(assignments::assign_keys),
        )
        .route(
            "/guardrails/{id}/assignments/keys/remove",
            post(assignments::unassign_keys),
        )
        .route(
            "/guardrails/{id}/assignments/members",
            get(assignments::list_members).post(assignments::assign_members),
        )
        .route(
            "/guardrails/{id}/assignments/members/remove",
            post(assignments::unassign_members),
        )
        .route("/byok", get(byok::list).post(byok::create))
        .route(
            "/byok/{id}",
            get(byok::get).patch(byok::update).delete(byok::delete),
        )
        .route(
            "/observability/destinations",
            get(observability::list).post(observability::create),
        )
        .route(
            "/observability/destinations/{id}",
            get(observability::get)
                .patch(observability::update)
                .delete(observability::delete),
        )
        .route("/scim/groups", get(scim::list_groups))
        .route(
            "/scim/group-mappings",
            get(scim::list_mappings).post(scim::create_mapping),
        )
        .route(
            "/scim/group-mappings/{id}",
            get(scim::get_mapping)
                .patch(scim::update_mapping)
                .delete(scim::delete_mapping),
        )
        .route("/scim/sync-jobs", post(scim::create_sync_job))
        .route("/scim/sync-jobs/{id}", get(scim::get_sync_job))
        .route("/analytics/meta", get(analytics::meta))
        .route("/analytics/query", post(analytics::query))
        .route("/generation/feedback", post(feedback::submit));
    let mut app = Router::new().nest("/api/v1", v1);
    if state.control.is_some() {
        app = app
            .route("/__sandbox/reset", post(control_api::reset))
            .route(
                "/__sandbox/faults",
                post(control_api::add_faults).delete(control_api::clear_faults),
            )
            .route("/__sandbox/release", post(control_api::release))
            .route("/__sandbox/log", get(control_api::get_log))
            .route("/__sandbox/scim", post(control_api::scim_event));
    }
    app.fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(input::MAX_BODY_BYTES))
        .with_state(state)
}

async fn method_not_allowed(req: Request) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "method {} is not allowed on {}",
            req.method(),
            req.uri().path()
        ),
    )
    .into_response()
}

async fn fallback(State(state): State<Shared>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let not_found =
        || ApiError::not_found(format!("no route for {} {}", req.method(), path)).into_response();
    let is_reserved = path == "/api"
        || path.starts_with("/api/")
        || path == "/__sandbox"
        || path.starts_with("/__sandbox/");
    let Some(dir) = state.serve_dir.clone() else {
        return not_found();
    };
    if is_reserved || !(req.method() == Method::GET || req.method() == Method::HEAD) {
        return not_found();
    }
    if path.ends_with("/config.json") && !dir.join("config.json").is_file() {
        let rel = path.trim_start_matches('/');
        if !dir.join(rel).is_file() || rel.contains("..") {
            let host = req
                .headers()
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("127.0.0.1")
                .to_owned();
            let mut resp =
                axum::Json(serde_json::json!({ "baseUrl": format!("http://{host}/api/v1") }))
                    .into_response();
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            return resp;
        }
    }
    let serve = tower_http::services::ServeDir::new(&dir)
        .fallback(tower_http::services::ServeFile::new(dir.join("index.html")));
    // Compressed per Accept-Encoding (brotli or gzip, `Vary: Accept-Encoding`) as a static
    // host does, so the page served here downloads what it would in production. Ranges and
    // tiny files go as they are. The API's own answers are not compressed.
    let serve = tower_http::compression::Compression::new(serve);
    match serve.oneshot(req).await {
        Ok(resp) => resp.map(Body::new),
        Err(e) => ApiError::internal(e).into_response(),
    }
}
