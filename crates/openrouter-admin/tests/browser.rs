//! Browser tests (headless Chromium and Firefox) against the real sandbox on loopback.
//!
//! ```text
//! SANDBOX_URL=http://127.0.0.1:PORT SANDBOX_MANAGEMENT_KEY=sk-or-v1-... \
//!   cargo test -p openrouter-admin --target wasm32-unknown-unknown --test browser
//! ```
//! Both variables are read at compile time; without them every test fails loudly.
//! Tests create uniquely named resources and never reset the sandbox, so they do not depend
//! on each other and both browsers can run against one sandbox, one after the other.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use futures_util::stream::{self, StreamExt, TryStreamExt};
use openrouter_admin::handlers::MemberOutcome;
use openrouter_admin::models::*;
use openrouter_admin::{CancelSignal, Client, ErrorKind, Method, OpClass};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
    control()
        .request::<Value>(Method::Delete, "/__sandbox/faults", &[], None)
        .send()
        .await
        .expect("clear faults");
}

/// How many logged requests match `method path` (since the last reset).
async fn log_count(method: &str, path: &str) -> usize {
    let log = control()
        .request::<Value>(Method::Get, "/__sandbox/log", &[], None)
        .send()
        .await
        .expect("log");
    log["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .filter(|r| r["method"] == method && r["path"] == path)
        .count()
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

async fn org_user(c: &Client, email_prefix: &str) -> UserId {
    let all = c
        .organization()
        .members()
        .list()
        .limit(100)
        .paginate()
        .collect_all()
        .await
        .expect("org members");
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

// --- every operation ---------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn current_key_is_management() {
    let me = client().current_key().send().await.expect("GET /key");
    assert!(me.is_management_key);
}

#[wasm_bindgen_test]
async fn workspace_lifecycle() {
    let c = client();
    let first = c.workspaces().list().limit(5).send().await.expect("list");
    assert!(first.total_count.is_some());
    let ws = new_workspace(&c, "life").await;
    let by_slug = c
        .workspace(&ws.slug)
        .get()
        .send()
        .await
        .expect("get by slug");
    let by_id = c.workspace(&ws.id).get().send().await.expect("get by id");
    assert_eq!(by_slug, by_id);
    let updated = c
        .workspace(&ws.id)
        .update(
            UpdateWorkspace::new()
                .description(Some("d"))
                .io_logging_sampling_rate(0.5),
        )
        .send()
        .await
        .expect("update");
    assert_eq!(updated.description.as_deref(), Some("d"));
    assert_eq!(updated.name, ws.name, "unset fields stay");
    let cleared = c
        .workspace(&ws.id)
        .update(UpdateWorkspace::new().description(None::<String>))
        .send()
        .await
        .expect("clear");
    assert_eq!(cleared.description, None);
    c.workspace(&ws.id).delete().send().await.expect("delete");
    let e = c.workspace(&ws.id).get().send().await.expect_err("gone");
    assert!(e.is_not_found());
}

#[wasm_bindgen_test]
async fn members_and_budgets() {
    let c = client();
    let ws = new_workspace(&c, "mb").await;
    let alan = org_user(&c, "alan.turing").await;
    let added = c
        .workspace(&ws.id)
        .members()
        .add([alan.clone()])
        .send()
        .await
        .expect("add");
    assert_eq!(added.added_count, 1);
    let listed = c
        .workspace(&ws.slug)
        .members()
        .list()
        .send()
        .await
        .expect("list");
    assert!(listed.data.iter().any(|m| m.user_id == alan));
    let removed = c
        .workspace(&ws.id)
        .members()
        .remove([alan.clone()])
        .send()
        .await
        .expect("remove");
    assert_eq!(removed.removed_count, 1);

    let b = c.workspace(&ws.id).budgets();
    b.put(Interval::Lifetime, 1000.0)
        .send()
        .await
        .expect("lifetime");
    let monthly = b
        .put(Interval::Monthly, 100.0)
        .include_byok(true)
        .send()
        .await
        .expect("monthly");
    assert_eq!(monthly.data.limit_usd, 100.0);
    assert_eq!(monthly.data.interval(), Some(Interval::Monthly));
    let got = b.get(Interval::Monthly).send().await.expect("get");
    assert_eq!(got.data.limit_usd, 100.0);
    let all = b.list().send().await.expect("list budgets");
    assert_eq!(all.data.len(), 2);
    assert!(
        openrouter_admin::validate::validate_budget_order(&all.data, Interval::Weekly, 150.0)
            .is_err()
    );
    // The server enforces the same rule: a 400.
    let e = b
        .put(Interval::Weekly, 150.0)
        .send()
        .await
        .expect_err("shrink rule");
    assert_eq!(e.kind(), ErrorKind::BadRequest, "{e:?}");
    b.delete(Interval::Monthly)
        .send()
        .await
        .expect("delete budget");
    let e = b.get(Interval::Monthly).send().await.expect_err("gone");
    assert!(e.is_not_found());
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn key_lifecycle_and_secret() {
    let c = client();
    let ws = new_workspace(&c, "keys").await;
    let created = c
        .keys()
        .create(
            CreateKey::new("life")
                .limit(5.0)
                .limit_reset(LimitReset::Daily)
                .workspace_id(&ws.id)
                .expires_at("2030-01-01T00:00:00Z"),
        )
        .send()
        .await
        .expect("create");
    assert!(!format!("{created:?}").contains(created.key.expose_secret()));
    let h = created.data.hash.clone();
    let got = c.key(&h).get().send().await.expect("get");
    assert_eq!(got.limit, Some(5.0));
    let up = c
        .key(&h)
        .update(
            UpdateKey::new()
                .name("renamed")
                .limit(None)
                .limit_reset(None),
        )
        .send()
        .await
        .expect("update");
    assert_eq!(
        (up.name.as_str(), up.limit, up.limit_reset.clone()),
        ("renamed", None, None)
    );
    let listed = c
        .keys()
        .list()
        .workspace(&ws.id)
        .send()
        .await
        .expect("list");
    assert!(listed.data.iter().any(|k| k.hash == h));
    assert!(listed.total_count.is_none());

    // The secret is an ordinary key: GET /key works, management routes are forbidden.
    let plain = Client::builder()
        .api_key(created.key.expose_secret())
        .base_url(api())
        .build()
        .expect("client");
    let me = plain
        .current_key()
        .send()
        .await
        .expect("GET /key with the new key");
    assert!(!me.is_management_key);
    let e = plain
        .workspaces()
        .list()
        .send()
        .await
        .expect_err("not a management key");
    assert!(e.is_forbidden());

    c.key(&h).delete().send().await.expect("delete");
    assert!(c
        .key(&h)
        .get()
        .send()
        .await
        .expect_err("gone")
        .is_not_found());
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

/// Request bodies are written field by field on wasm32, numbers by the host's
/// `JSON.stringify`: a float that needs all 17 digits and a name that needs every kind of
/// escape come back exactly as sent.
#[wasm_bindgen_test]
async fn bodies_carry_exact_numbers_and_escaped_text() {
    let c = client();
    let ws = new_workspace(&c, "wire").await;
    let name = "quote \" backslash \\ tab\t line\n é ✓ \u{1}";
    let limit = 0.1 + 0.2;
    let created = c
        .keys()
        .create(CreateKey::new(name).limit(limit).workspace_id(&ws.id))
        .send()
        .await
        .expect("create");
    let got = c.key(&created.data.hash).get().send().await.expect("get");
    assert_eq!((got.name.as_str(), got.limit), (name, Some(limit)));
    let patched = c
        .key(&created.data.hash)
        .update(UpdateKey::new().limit(Some(1e21)))
        .send()
        .await
        .expect("update");
    assert_eq!(patched.limit, Some(1e21));
}

#[wasm_bindgen_test]
async fn escape_hatch_reaches_any_path() {
    let v = client()
        .request::<Value>(Method::Get, "/workspaces", &[("limit", "1")], None)
        .send()
        .await
        .expect("raw");
    assert!(v["data"].is_array());
}

// --- errors ------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn error_kinds() {
    let c = client();
    // Unauthorized
    let bad = Client::builder()
        .api_key("sk-or-v1-nope")
        .base_url(api())
        .build()
        .expect("client");
    assert!(bad
        .workspaces()
        .list()
        .send()
        .await
        .expect_err("401")
        .is_unauthorized());
    // NotFound
    let e = c
        .workspace(unique("missing"))
        .get()
        .send()
        .await
        .expect_err("404");
    assert_eq!((e.kind(), e.status()), (ErrorKind::NotFound, Some(404)));
    // Validation (nothing sent)
    let e = c
        .workspaces()
        .create(CreateWorkspace::new("", "NO"))
        .send()
        .await
        .expect_err("invalid");
    assert_eq!(e.validation_errors().len(), 2);
    // BadRequest from the server: an unknown user id
    let ws = new_workspace(&c, "err").await;
    let e = c
        .workspace(&ws.id)
        .members()
        .add(["user_nobody"])
        .send()
        .await
        .expect_err("400");
    assert!(
        matches!(e.kind(), ErrorKind::BadRequest | ErrorKind::NotFound),
        "{e:?}"
    );

    let path = format!("/api/v1/workspaces/{}", ws.slug);
    // RateLimited after every retry
    faults("GET", &path, json!([{"status": 429, "retry_after_ms": 10}, {"status": 429, "retry_after_ms": 10}, {"status": 429, "retry_after_ms": 10}])).await;
    let e = c.workspace(&ws.slug).get().send().await.expect_err("429");
    assert!(e.is_rate_limited());
    assert_eq!(e.retry_after(), Some(Duration::from_millis(10)));
    // Server after every retry, with a non-JSON body kept as a snippet
    faults(
        "GET",
        &path,
        Value::Array(vec![
            json!({"status": 503, "retry_after_ms": 1, "body": "<html>down</html>"});
            3
        ]),
    )
    .await;
    let e = c.workspace(&ws.slug).get().send().await.expect_err("503");
    assert_eq!(
        (e.kind(), e.status(), e.body_snippet()),
        (ErrorKind::Server, Some(503), Some("<html>down</html>"))
    );
    // Api (another status)
    faults("GET", &path, json!([{"status": 418, "body": "teapot"}])).await;
    let e = c.workspace(&ws.slug).get().send().await.expect_err("418");
    assert_eq!((e.kind(), e.status()), (ErrorKind::Api, Some(418)));
    // Decode: a 200 that is not a workspace names the path
    faults(
        "GET",
        &path,
        json!([{"status": 200, "body": "{\"data\":{\"id\":7}}"}]),
    )
    .await;
    let e = c
        .workspace(&ws.slug)
        .get()
        .send()
        .await
        .expect_err("decode");
    assert!(e.is_decode());
    assert_eq!(e.json_path(), Some("data.id"));
    // Network: a dropped connection, no retries allowed. (On a GET, Firefox itself silently
    // re-sends an idempotent request when a kept-alive connection closes; a POST it does not.)
    let alan = org_user(&c, "alan.turing").await;
    faults(
        "POST",
        &format!("{path}/members/add"),
        json!([{"drop": true}]),
    )
    .await;
    let e = client_with(5_000, 0)
        .workspace(&ws.slug)
        .members()
        .add([alan])
        .send()
        .await
        .expect_err("network");
    assert_eq!(e.kind(), ErrorKind::Network, "{e:?}");
    clear_faults().await;
    // Network: nothing listens there (connection refused)
    let refused = Client::builder()
        .api_key(sandbox().1)
        .base_url("http://127.0.0.1:9/api/v1")
        .max_retries(0)
        .build()
        .expect("client");
    let e = refused.current_key().send().await.expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::Network, "{e:?}");
    // Forbidden: the Default workspace cannot be deleted
    let e = c
        .workspace("default")
        .delete()
        .send()
        .await
        .expect_err("403");
    assert!(e.is_forbidden());
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

// --- retries, timeouts, cancellation --------------------------------------------------------------

#[wasm_bindgen_test]
async fn waits_out_429_retry_after() {
    let c = client();
    let ws = new_workspace(&c, "ra").await;
    let path = format!("/api/v1/workspaces/{}", ws.slug);
    faults("GET", &path, json!([{"status": 429, "retry_after": 1}])).await;
    let before = log_count("GET", &path).await;
    let t0 = now();
    c.workspace(&ws.slug)
        .get()
        .send()
        .await
        .expect("succeeds after the wait");
    let waited = now() - t0;
    assert!(waited >= 1000.0, "waited {waited} ms");
    assert_eq!(log_count("GET", &path).await - before, 2);
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn retries_a_503_burst() {
    let c = client();
    let ws = new_workspace(&c, "burst").await;
    let path = format!("/api/v1/workspaces/{}", ws.slug);
    faults("PATCH", &path, json!([{"status": 503}, {"status": 503}])).await;
    let before = log_count("PATCH", &path).await;
    let up = c
        .workspace(&ws.slug)
        .update(UpdateWorkspace::new().description(Some("after burst")))
        .send()
        .await
        .expect("third attempt");
    assert_eq!(up.description.as_deref(), Some("after burst"));
    assert_eq!(log_count("PATCH", &path).await - before, 3);
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn a_hang_ends_in_the_timeout() {
    let c = client();
    let ws = new_workspace(&c, "hang").await;
    let path = format!("/api/v1/workspaces/{}", ws.slug);
    faults("GET", &path, json!([{"hang": true}])).await;
    let t0 = now();
    let e = client_with(400, 0)
        .workspace(&ws.slug)
        .get()
        .send()
        .await
        .expect_err("timeout");
    let took = now() - t0;
    assert!(e.is_timeout(), "{e:?}");
    assert!((350.0..5000.0).contains(&took), "took {took} ms");
    clear_faults().await;
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn abort_signal_cancels_mid_backoff() {
    let c = client();
    let ws = new_workspace(&c, "abort").await;
    let path = format!("/api/v1/workspaces/{}", ws.slug);
    faults("GET", &path, json!([{"status": 503, "retry_after": 5}])).await;
    let controller = web_sys::AbortController::new().expect("AbortController");
    let signal: CancelSignal = controller.signal().into();
    let _timer = gloo_timers::callback::Timeout::new(300, move || controller.abort());
    let before = log_count("GET", &path).await;
    let t0 = now();
    let e = c
        .workspace(&ws.slug)
        .get()
        .signal(signal)
        .send()
        .await
        .expect_err("cancelled");
    let took = now() - t0;
    assert!(e.is_cancelled(), "{e:?}");
    assert!(
        took < 2000.0,
        "cancelled during the 5 s wait, after {took} ms"
    );
    assert_eq!(
        log_count("GET", &path).await - before,
        1,
        "no attempt after the abort"
    );
    clear_faults().await;
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

// --- unknown outcomes and reconcile -----------------------------------------------------------

#[wasm_bindgen_test]
async fn create_key_commit_then_drop_is_outcome_unknown_and_reconciled() {
    let c = client();
    let ws = new_workspace(&c, "ctd-key").await;
    let name = unique("ctd");
    let req = CreateKey::new(&name).workspace_id(&ws.id).limit(3.0);
    faults("POST", "/api/v1/keys", json!([{"commit_then_drop": true}])).await;
    let before = log_count("POST", "/api/v1/keys").await;
    let since = c.now_ms();
    let e = c
        .keys()
        .create(req.clone())
        .send()
        .await
        .expect_err("unknown");
    assert!(e.is_outcome_unknown(), "{e:?}");
    assert_eq!(
        log_count("POST", "/api/v1/keys").await - before,
        1,
        "sent exactly once"
    );
    let listed = c
        .keys()
        .list()
        .workspace(&ws.id)
        .include_disabled(true)
        .paginate()
        .collect_all()
        .await
        .expect("list");
    assert_eq!(
        listed.iter().filter(|k| k.name == name).count(),
        1,
        "exactly one key exists"
    );
    let found = c
        .keys()
        .reconcile(&req, since)
        .send()
        .await
        .expect("reconcile")
        .expect("found");
    assert_eq!(found.name, name);
    c.key(&found.hash)
        .delete()
        .send()
        .await
        .expect("cleanup key");
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn create_workspace_commit_then_drop_is_outcome_unknown_and_reconciled() {
    let c = client();
    let slug = unique("ctd-ws");
    faults(
        "POST",
        "/api/v1/workspaces",
        json!([{"commit_then_drop": true}]),
    )
    .await;
    let before = log_count("POST", "/api/v1/workspaces").await;
    let e = c
        .workspaces()
        .create(CreateWorkspace::new("ctd", &slug))
        .send()
        .await
        .expect_err("unknown");
    assert!(e.is_outcome_unknown(), "{e:?}");
    assert_eq!(
        log_count("POST", "/api/v1/workspaces").await - before,
        1,
        "sent exactly once"
    );
    let all = c
        .workspaces()
        .list()
        .limit(100)
        .paginate()
        .collect_all()
        .await
        .expect("list");
    assert_eq!(
        all.iter().filter(|w| w.slug == slug).count(),
        1,
        "exactly one workspace exists"
    );
    let found = c
        .workspaces()
        .reconcile(&slug)
        .send()
        .await
        .expect("reconcile")
        .expect("found");
    c.workspace(&found.id)
        .delete()
        .send()
        .await
        .expect("cleanup");
}

#[wasm_bindgen_test]
async fn create_retries_only_a_429() {
    let c = client();
    let ws = new_workspace(&c, "c429").await;
    faults(
        "POST",
        "/api/v1/keys",
        json!([{"status": 429, "retry_after_ms": 50}]),
    )
    .await;
    let before = log_count("POST", "/api/v1/keys").await;
    let k = c
        .keys()
        .create(CreateKey::new("after-429").workspace_id(&ws.id))
        .send()
        .await
        .expect("created");
    assert_eq!(log_count("POST", "/api/v1/keys").await - before, 2);
    faults("POST", "/api/v1/keys", json!([{"status": 503}])).await;
    let e = c
        .keys()
        .create(CreateKey::new("after-503").workspace_id(&ws.id))
        .send()
        .await
        .expect_err("unknown");
    assert!(e.is_outcome_unknown());
    assert_eq!(
        log_count("POST", "/api/v1/keys").await - before,
        3,
        "a 503 on create is not retried"
    );
    c.key(&k.data.hash).delete().send().await.expect("cleanup");
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

// --- pagination -----------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn pages_over_more_than_100_keys() {
    let c = client();
    let ws = new_workspace(&c, "many-keys").await;
    let made: Vec<_> = stream::iter((0..205).map(|i| {
        let c = c.clone();
        let ws = ws.id.clone();
        async move {
            c.keys()
                .create(CreateKey::new(format!("bulk-{i}")).workspace_id(ws))
                .send()
                .await
        }
    }))
    .buffered(6)
    .try_collect()
    .await
    .expect("205 keys");
    assert_eq!(made.len(), 205);
    let pages: Vec<_> = c
        .keys()
        .list()
        .workspace(&ws.id)
        .paginate()
        .by_page()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(
        pages.iter().map(|p| p.data.len()).collect::<Vec<_>>(),
        vec![100, 100, 5]
    );
    let items: Vec<_> = c
        .keys()
        .list()
        .workspace(&ws.id)
        .paginate()
        .by_item()
        .try_collect()
        .await
        .expect("items");
    assert_eq!(items.len(), 205);

    // bulk update with one failing key, then bulk delete
    let mut hashes: Vec<KeyHash> = made.iter().take(4).map(|k| k.data.hash.clone()).collect();
    hashes.insert(2, KeyHash::new("0".repeat(64)));
    let results = c
        .keys()
        .bulk_update(hashes.clone(), UpdateKey::new().disabled(true))
        .send()
        .await
        .expect("bulk");
    assert_eq!(results.len(), 5);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r.hash, hashes[i]);
        if i == 2 {
            assert!(r.result.as_ref().is_err_and(|e| e.is_not_found()));
        } else {
            assert!(r.result.as_ref().is_ok_and(|k| k.disabled));
        }
    }
    let all: Vec<KeyHash> = made.iter().map(|k| k.data.hash.clone()).collect();
    let deleted = c
        .keys()
        .bulk_delete(all)
        .concurrency(6)
        .send()
        .await
        .expect("bulk delete");
    assert!(deleted.iter().all(|r| r.result.is_ok()));
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn pages_over_more_than_100_workspaces() {
    let c = client();
    let prefix = unique("pg");
    let made: Vec<Workspace> = stream::iter((0..101).map(|i| {
        let c = c.clone();
        let slug = format!("{prefix}-{i}");
        async move {
            c.workspaces()
                .create(CreateWorkspace::new(slug.clone(), slug))
                .send()
                .await
        }
    }))
    .buffered(6)
    .try_collect()
    .await
    .expect("101 workspaces");
    let all = c
        .workspaces()
        .list()
        .limit(25)
        .paginate()
        .concurrency(4)
        .collect_all()
        .await
        .expect("all");
    let total = c
        .workspaces()
        .list()
        .limit(1)
        .send()
        .await
        .expect("count")
        .total_count
        .expect("total");
    assert_eq!(all.len() as u64, total, "collect_all got every workspace");
    assert_eq!(
        all.iter().filter(|w| w.slug.starts_with(&prefix)).count(),
        101
    );
    let mut seen = std::collections::HashSet::new();
    assert!(
        all.iter().all(|w| seen.insert(w.id.clone())),
        "no duplicates"
    );
    let items: Vec<Workspace> = c
        .workspaces()
        .list()
        .limit(100)
        .paginate()
        .by_item()
        .try_collect()
        .await
        .expect("items");
    assert_eq!(items.len(), all.len());
    stream::iter(made.into_iter().map(|w| {
        let c = c.clone();
        async move { c.workspace(&w.id).delete().send().await }
    }))
    .buffered(6)
    .try_collect::<Vec<_>>()
    .await
    .expect("cleanup");
}

// --- members outcomes, rotation -----------------------------------------------------------------

#[wasm_bindgen_test]
async fn member_outcomes_with_scim_and_active_keys() {
    let c = client();
    let ws = new_workspace(&c, "outcomes").await;
    let scim = org_user(&c, "katherine.johnson").await; // SCIM-managed in the sandbox seed
    let holder = org_user(&c, "alan.turing").await;
    let plain = org_user(&c, "edsger.dijkstra").await;
    let outsider = org_user(&c, "ken.thompson").await;
    let report = c
        .workspace(&ws.id)
        .members()
        .add_all([scim.clone(), holder.clone(), plain.clone()])
        .send()
        .await
        .expect("add_all");
    assert!(
        report
            .results
            .iter()
            .all(|r| matches!(r.outcome, MemberOutcome::Added)),
        "{report:?}"
    );
    let again = c
        .workspace(&ws.id)
        .members()
        .add_all([plain.clone()])
        .send()
        .await
        .expect("again");
    assert!(matches!(
        again.results[0].outcome,
        MemberOutcome::AlreadyMember
    ));
    let key = c
        .keys()
        .create(
            CreateKey::new("holder")
                .workspace_id(&ws.id)
                .creator_user_id(holder.clone()),
        )
        .send()
        .await
        .expect("key held by a member");
    let report = c
        .workspace(&ws.slug)
        .members()
        .remove_all([
            scim.clone(),
            holder.clone(),
            plain.clone(),
            outsider.clone(),
        ])
        .send()
        .await
        .expect("remove_all");
    let by = |u: &UserId| {
        report
            .results
            .iter()
            .find(|r| &r.user_id == u)
            .map(|r| format!("{:?}", r.outcome))
            .expect("result")
    };
    assert_eq!(by(&scim), "KeptScimManaged");
    assert_eq!(by(&holder), "KeptActiveKeys");
    assert_eq!(by(&plain), "Removed");
    assert_eq!(by(&outsider), "NotAMember");
    c.key(&key.data.hash)
        .delete()
        .send()
        .await
        .expect("cleanup key");
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn rotation() {
    let c = client();
    let ws = new_workspace(&c, "rot").await;
    let old = c
        .keys()
        .create(
            CreateKey::new("rotating")
                .workspace_id(&ws.id)
                .limit(42.0)
                .limit_reset(LimitReset::Weekly)
                .include_byok_in_limit(true)
                .expires_at("2031-06-01T00:00:00Z"),
        )
        .send()
        .await
        .expect("old key");
    let rot = c
        .keys()
        .rotate(&old.data.hash)
        .send()
        .await
        .expect("rotate");
    assert!(rot.disable_error.is_none());
    let new = &rot.created.data;
    assert_ne!(new.hash, old.data.hash);
    assert_eq!(
        (new.name.as_str(), new.limit, new.limit_reset.clone()),
        ("rotating", Some(42.0), Some(LimitReset::Weekly))
    );
    assert!(new.include_byok_in_limit);
    assert_eq!(new.workspace_id, ws.id);
    assert_eq!(
        new.expires_at
            .as_ref()
            .map(|t| t.as_str().starts_with("2031-06-01")),
        Some(true)
    );
    assert!(
        c.key(&old.data.hash)
            .get()
            .send()
            .await
            .expect("old")
            .disabled
    );
    let fresh = Client::builder()
        .api_key(rot.created.key.expose_secret())
        .base_url(api())
        .build()
        .expect("client");
    assert!(
        !fresh
            .current_key()
            .send()
            .await
            .expect("new secret works")
            .is_management_key
    );
    c.keys()
        .retire(&old.data.hash)
        .send()
        .await
        .expect("retire");
    assert!(c
        .key(&old.data.hash)
        .get()
        .send()
        .await
        .expect_err("retired")
        .is_not_found());
    c.key(&new.hash).delete().send().await.expect("cleanup");
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}
