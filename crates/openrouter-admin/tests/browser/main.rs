//! Browser tests (headless Chromium and Firefox) against the real sandbox on loopback.
//!
//! ```text
//! SANDBOX_URL=http://127.0.0.1:PORT SANDBOX_MANAGEMENT_KEY=sk-or-v1-... \
//!   cargo test -p openrouter-admin --target wasm32-unknown-unknown --test browser
//! ```
//! Both variables are read at compile time; without them every test fails loudly.
//! Tests create uniquely named resources, so they do not depend on each other and both
//! browsers can run against one sandbox, one after the other. One test resets the sandbox:
//! deleting the Default workspace (`new_fields.rs`) changes what the others stand on, so it puts the
//! seed back before it ends (wasm-bindgen-test runs tests one at a time).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use openrouter_admin::handlers::MemberOutcome;
use openrouter_admin::models::*;
use openrouter_admin::{CancelSignal, Client, Error, ErrorKind, Method, OpClass};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod analytics;
mod byok;
mod composites;
mod cors;
mod errors;
mod findings;
mod guardrails;
mod new_fields;
mod observability;
mod operations;
mod orgfile;
mod outcomes;
mod pagination;
mod retries;
mod scim;
mod usage;

const SANDBOX_URL: Option<&str> = option_env!("SANDBOX_URL");
const SANDBOX_KEY: Option<&str> = option_env!("SANDBOX_MANAGEMENT_KEY");

fn sandbox() -> (&'static str, &'static str) {
    match (SANDBOX_URL, SANDBOX_KEY) {
        (Some(u), Some(k)) if !u.is_empty() && !k.is_empty() => (u.trim_end_matches('/'), k),
        _ => panic!(
            "SANDBOX_URL and SANDBOX_MANAGEMENT_KEY must be set at compile time \
             (e.g. SANDBOX_URL=http://127.0.0.1:PORT SANDBOX_MANAGEMENT_KEY=sk-or-v1-...)"
        ),
    }
}

fn api() -> String {
    format!("{}/api/v1", sandbox().0)
}

fn client() -> Client {
    Client::builder()
        .api_key(sandbox().1)
        .base_url(api())
        .build()
        .expect("client")
}

fn client_with(timeout_ms: u64, retries: u32) -> Client {
    Client::builder()
        .api_key(sandbox().1)
        .base_url(api())
        .timeout(Duration::from_millis(timeout_ms))
        .max_retries(retries)
        .build()
        .expect("client")
}

/// The control surface, through the crate's own escape hatch.
fn control() -> Client {
    Client::builder()
        .api_key("unused")
        .base_url(sandbox().0)
        .max_retries(0)
        .build()
        .expect("control client")
}

async fn faults(method: &str, path: &str, faults: Value) {
    control()
        .request::<Value>(
            Method::Post,
            "/__sandbox/faults",
            &[],
            Some(json!({"method": method, "path": path, "faults": faults})),
        )
        .class(OpClass::Safe)
        .send()
        .await
        .expect("set faults");
}

async fn clear_faults() {
    ok(
        control()
            .request::<Value>(Method::Delete, "/__sandbox/faults", &[], None)
            .send(),
        "clear faults",
    )
    .await;
}

/// How many logged requests match `method path` (since the last reset).
async fn log_count(method: &str, path: &str) -> usize {
    let log = ok(
        control()
            .request::<Value>(Method::Get, "/__sandbox/log", &[], None)
            .send(),
        "log",
    )
    .await;
    log["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .filter(|r| r["method"] == method && r["path"] == path)
        .count()
}
/// Awaits a send that must succeed (`what` names it in the panic when it does not).
async fn ok<T>(sent: impl std::future::Future<Output = Result<T, Error>>, what: &str) -> T {
    sent.await.expect(what)
}

/// Awaits a send that must fail, for its error.
async fn fails<T: std::fmt::Debug>(
    sent: impl std::future::Future<Output = Result<T, Error>>,
    what: &str,
) -> Error {
    sent.await.expect_err(what)
}

fn unique(prefix: &str) -> String {
    let n = (js_sys::Math::random() * 1e9) as u64;
    format!("{prefix}-{:x}-{n:x}", js_sys::Date::now() as u64)
}

fn now() -> f64 {
    js_sys::Date::now()
}

async fn new_workspace(c: &Client, prefix: &str) -> Workspace {
    let slug = unique(prefix);
    c.workspaces()
        .create(CreateWorkspace::new(format!("Test {slug}"), slug))
        .send()
        .await
        .expect("create workspace")
}
/// A new workspace whose next `method` requests answer `answers` (the sandbox's faults), and
/// its path as the sandbox's log names it.
async fn workspace_with_faults(
    c: &Client,
    prefix: &str,
    method: &str,
    answers: Value,
) -> (Workspace, String) {
    let ws = new_workspace(c, prefix).await;
    let path = format!("/api/v1/workspaces/{}", ws.slug);
    faults(method, &path, answers).await;
    (ws, path)
}
/// Every key of `ws`, the disabled ones too.
async fn all_keys(c: &Client, ws: &Workspace) -> Vec<ApiKey> {
    let all = c.keys().list().workspace(&ws.id).include_disabled(true);
    ok(all.paginate().collect_all(), "keys").await
}

async fn org_user(c: &Client, email_prefix: &str) -> UserId {
    let all = ok(
        c.organization()
            .members()
            .list()
            .limit(100)
            .paginate()
            .collect_all(),
        "org members",
    )
    .await;
    all.into_iter()
        .find(|m| m.email.starts_with(email_prefix))
        .map(|m| m.id)
        .expect("seeded user")
}

#[wasm_bindgen_test]
fn sandbox_is_configured() {
    let (u, k) = sandbox();
    assert!(
        u.starts_with("http://127.0.0.1") || u.starts_with("http://localhost"),
        "loopback only: {u}"
    );
    assert!(k.starts_with("sk-or-v1-"));
}
