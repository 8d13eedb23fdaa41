use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{assert_error, client, error_body, keys_named, send, Sb, MGMT};

#[tokio::test]
async fn status_fault_answers_and_leaves_store_untouched() {
    let sb = Sb::start().await;
    sb.fault(
        "POST",
        "/api/v1/keys",
        json!([
            {"status": 503, "retry_after": 2, "retry_after_ms": 150},
            {"status": 502, "body": "<html>bad gateway</html>"}
        ]),
    )
    .await;
    // The same create twice: each answer is the next queued fault.
    let create = || {
        send(
            sb.request(Method::POST, "/keys")
                .json(&json!({"name": "a"})),
        )
    };
    let resp = create().await;
    assert_eq!(resp.status().as_u16(), 503);
    assert_eq!(resp.headers()["retry-after"], "2");
    assert_eq!(resp.headers()["retry-after-ms"], "150");
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["error"]["code"], 503);
    let resp = create().await;
    assert_eq!(resp.status().as_u16(), 502);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(resp.text().await.unwrap(), "<html>bad gateway</html>");
    // Queue empty: normal again.
    let (s, _) = sb.post("/keys", json!({"name": "a"})).await;
    assert_eq!(s, 201);
    assert_eq!(
        keys_named(&sb, "a").await,
        1,
        "only the unfaulted create happened"
    );
    let log = sb.log().await;
    let posts: Vec<&Value> = log.iter().filter(|e| e["method"] == "POST").collect();
    assert_eq!(
        posts
            .iter()
            .map(|e| e["status"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [503, 502, 201]
    );
}

#[tokio::test]
async fn delay_fault_waits_then_processes() {
    let sb = Sb::start().await;
    sb.fault("GET", "/api/v1/workspaces", json!([{"delay_ms": 300}]))
        .await;
    let t = Instant::now();
    let (s, _) = sb.get("/workspaces").await;
    assert_eq!(s, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    let t = Instant::now();
    sb.get("/workspaces").await;
    assert!(t.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn hang_fault_never_answers() {
    let sb = Sb::start().await;
    sb.fault("*", "/api/v1/workspaces/*", json!([{"hang": true}]))
        .await;
    let quick = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let err = quick
        .get(sb.api("/workspaces/production"))
        .bearer_auth(MGMT)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    let log = sb.log().await;
    assert_eq!(log.last().unwrap()["status"], Value::Null);
    assert_eq!(sb.get("/workspaces/production").await.0, 200);
}

#[tokio::test]
async fn hold_fault_waits_for_release_however_long_that_takes() {
    let sb = Sb::start().await;
    sb.fault(
        "GET",
        "/api/v1/workspaces",
        json!([{"hold": true}, {"hold": true}]),
    )
    .await;
    let release = || async {
        let v: Value = send(sb.control(Method::POST, "/release"))
            .await
            .json()
            .await
            .unwrap();
        v["released"].as_u64().unwrap()
    };
    // Held: well past any delay a test would use, it has not answered.
    let held = tokio::spawn(send(client().get(sb.api("/workspaces")).bearer_auth(MGMT)));
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!held.is_finished(), "answered before its release");
    assert_eq!(sb.log().await.last().unwrap()["status"], Value::Null);
    assert_eq!(release().await, 1, "one request was waiting");
    let resp = tokio::time::timeout(Duration::from_secs(5), held)
        .await
        .expect("answered once released")
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    // A release counts for the holds queued before it, even when their request comes later:
    // the second hold was queued before that release, so its request goes straight through.
    let t = Instant::now();
    assert_eq!(sb.get("/workspaces").await.0, 200);
    assert!(t.elapsed() < Duration::from_secs(2));
    // Clearing the faults lets a held request go too (a failed test leaves nothing hanging).
    sb.fault("GET", "/api/v1/workspaces", json!([{"hold": true}]))
        .await;
    let held = tokio::spawn(send(client().get(sb.api("/workspaces")).bearer_auth(MGMT)));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!held.is_finished(), "answered before its release");
    send(sb.control(Method::DELETE, "/faults")).await;
    let resp = tokio::time::timeout(Duration::from_secs(5), held)
        .await
        .expect("answered once the faults were cleared")
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(release().await, 0, "nothing left waiting");
}

#[tokio::test]
async fn drop_fault_is_a_network_error_and_nothing_happens() {
    let sb = Sb::start().await;
    sb.fault("POST", "/api/v1/workspaces", json!([{"drop": true}]))
        .await;
    let err = sb
        .request(Method::POST, "/workspaces")
        .json(&json!({"name": "Dropped", "slug": "dropped"}))
        .send()
        .await
        .unwrap_err();
    assert!(!err.is_timeout() && err.status().is_none(), "{err}");
    assert_error(&sb.get("/workspaces/dropped").await, 404, "not found");
    let log = sb.log().await;
    assert_eq!(
        log[0],
        json!({"method": "POST", "path": "/api/v1/workspaces", "status": null})
    );
}

#[tokio::test]
async fn commit_then_drop_commits_but_never_answers() {
    let sb = Sb::start().await;
    sb.fault("POST", "/api/v1/keys", json!([{"commit_then_drop": true}]))
        .await;
    let err = sb
        .request(Method::POST, "/keys")
        .json(&json!({"name": "lost-response"}))
        .send()
        .await
        .unwrap_err();
    assert!(err.status().is_none(), "{err}");
    assert_eq!(
        keys_named(&sb, "lost-response").await,
        1,
        "the create committed exactly once"
    );
    let log = sb.log().await;
    let posts: Vec<&Value> = log.iter().filter(|e| e["method"] == "POST").collect();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["status"], Value::Null);
}

#[tokio::test]
async fn commit_then_delay_answers_late_and_commits_even_if_the_client_gave_up() {
    let sb = Sb::start().await;
    sb.fault(
        "POST",
        "/api/v1/keys",
        json!([{"commit_then_delay_ms": 800}, {"commit_then_delay_ms": 5000}]),
    )
    .await;
    // A patient client gets the answer, late.
    let started = Instant::now();
    let (s, _) = sb.post("/keys", json!({"name": "late-answer"})).await;
    assert_eq!(s, 201);
    assert!(started.elapsed() >= Duration::from_millis(800));
    // A client that gives up before the answer: the key is made all the same, once, and is
    // there before the answer would have come.
    let err = sb
        .request(Method::POST, "/keys")
        .timeout(Duration::from_millis(300))
        .json(&json!({"name": "gave-up"}))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!(
        keys_named(&sb, "gave-up").await,
        1,
        "committed while the answer waits"
    );
    assert_eq!(keys_named(&sb, "late-answer").await, 1);
    let log = sb.log().await;
    let posts: Vec<&Value> = log.iter().filter(|e| e["method"] == "POST").collect();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0]["status"], 201);
    // Bad values are refused with the field named.
    let resp = send(
        sb.control(Method::POST, "/faults")
            .json(&json!({"path": "/api/v1/keys", "faults": [{"commit_then_delay_ms": -1}]})),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 400);
    let v: Value = resp.json().await.unwrap();
    assert!(v.to_string().contains("commit_then_delay_ms"), "{v}");
}

#[tokio::test]
async fn raw_tcp_sees_eof_without_any_response_bytes() {
    let sb = Sb::start().await;
    sb.fault("GET", "/api/v1/key", json!([{"drop": true}]))
        .await;
    let mut stream = tokio::net::TcpStream::connect(sb.running.addr)
        .await
        .unwrap();
    let req =
        format!("GET /api/v1/key HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {MGMT}\r\n\r\n");
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buf))
        .await
        .unwrap();
    // EOF or reset, but never a byte of HTTP.
    assert!(
        read.is_err() || buf.is_empty(),
        "got {:?}",
        String::from_utf8_lossy(&buf)
    );
}

#[tokio::test]
async fn wildcards_queue_order_and_clear() {
    let sb = Sb::start().await;
    sb.fault(
        "*",
        "/api/v1/keys/*",
        json!([{"status": 500}, {"status": 429, "retry_after": 1}]),
    )
    .await;
    assert_error(&sb.get("/keys/abc").await, 500, "Injected fault");
    assert_error(&sb.delete("/keys/def").await, 429, "Injected fault");
    assert_error(&sb.get("/keys/abc").await, 404, "not found");
    // `*` matches exactly one segment.
    sb.fault("GET", "/api/v1/*", json!([{"status": 500}])).await;
    assert_eq!(sb.get("/workspaces/default").await.0, 200);
    assert_error(&sb.get("/workspaces").await, 500, "Injected");
    // Faults for another method don't fire; clearing removes them.
    sb.fault(
        "DELETE",
        "/api/v1/workspaces/staging",
        json!([{"status": 500}]),
    )
    .await;
    assert_eq!(sb.get("/workspaces/staging").await.0, 200);
    let resp = send(sb.control(Method::DELETE, "/faults")).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_error(
        &sb.delete("/workspaces/staging").await,
        400,
        "active API key",
    );
}

#[tokio::test]
async fn fault_rules_are_validated() {
    let sb = Sb::start().await;
    for body in [
        json!({"method": "GET", "faults": []}),
        json!({"method": "GET", "path": "/x", "faults": [{"status": 42}]}),
        json!({"method": "GET", "path": "/x", "faults": [{"nothing": true}]}),
        json!({"method": "GET", "path": "/x", "faults": "no"}),
    ] {
        let resp = send(sb.control(Method::POST, "/faults").json(&body)).await;
        error_body(resp, 400).await;
    }
}

#[tokio::test]
async fn preflight_does_not_consume_faults() {
    let sb = Sb::start().await;
    sb.fault("*", "/api/v1/keys", json!([{"status": 503}]))
        .await;
    let pre = sb
        .http
        .request(Method::OPTIONS, sb.api("/keys"))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(pre.status().as_u16(), 204);
    assert_eq!(sb.post("/keys", json!({"name": "x"})).await.0, 503);
}

async fn snapshot(sb: &Sb) -> Value {
    let mut out = Vec::new();
    for p in [
        "/workspaces?limit=100",
        "/keys?include_disabled=true",
        "/organization/members?limit=100",
        "/workspaces/production/members",
        "/workspaces/production/budgets",
    ] {
        out.push(sb.get(p).await.1);
    }
    Value::Array(out)
}

#[tokio::test]
async fn reset_restores_the_seed_and_clears_faults_and_log() {
    let sb = Sb::start().await;
    let initial = snapshot(&sb).await;
    sb.post("/workspaces", json!({"name": "New", "slug": "new"}))
        .await;
    sb.post("/keys", json!({"name": "new"})).await;
    sb.patch("/workspaces/production", json!({"name": "Prod"}))
        .await;
    sb.delete("/workspaces/production/budgets/daily").await;
    sb.fault("GET", "/api/v1/workspaces", json!([{"status": 500}]))
        .await;
    assert_ne!(snapshot(&sb).await, initial);
    let resp = send(sb.control(Method::POST, "/reset")).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    assert_eq!(resp.json::<Value>().await.unwrap(), json!({"reset": true}));
    assert!(sb.log().await.is_empty());
    assert_eq!(
        snapshot(&sb).await,
        initial,
        "byte-identical seed, fault cleared"
    );
}

#[tokio::test]
async fn same_seed_gives_identical_data_across_servers() {
    let a = Sb::start().await;
    let b = Sb::start().await;
    assert_eq!(snapshot(&a).await, snapshot(&b).await);
    let (_, keys) = a.get("/keys?include_disabled=true").await;
    let (_, ws) = a.get("/workspaces").await;
    assert!(ws["total_count"].as_u64().unwrap() >= 5);
    let mut total = 0;
    for w in ws["data"].as_array().unwrap() {
        let id = w["id"].as_str().unwrap();
        total += a
            .get(&format!("/keys?include_disabled=true&workspace_id={id}"))
            .await
            .1["data"]
            .as_array()
            .unwrap()
            .len();
    }
    assert!(total >= 24, "a few dozen keys, got {total}");
    assert!(!keys["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn empty_seed_has_only_default_and_members() {
    let sb = Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        seed: openrouter_sandbox::SeedKind::Empty,
        ..Default::default()
    })
    .await;
    let (_, ws) = sb.get("/workspaces").await;
    assert_eq!(ws["total_count"], 1);
    assert_eq!(sb.get("/organization/members").await.1["total_count"], 12);
    assert_eq!(
        sb.get("/keys?include_disabled=true").await.1["data"],
        json!([])
    );
}

#[tokio::test]
async fn control_surface_is_404_without_the_flag() {
    let sb = Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        ..Default::default()
    })
    .await;
    for (m, p) in [
        (Method::POST, "/__sandbox/reset"),
        (Method::GET, "/__sandbox/log"),
        (Method::POST, "/__sandbox/faults"),
    ] {
        let resp = client()
            .request(m, format!("{}{p}", sb.base()))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 404);
        assert_eq!(resp.json::<Value>().await.unwrap()["error"]["code"], 404);
    }
}

#[tokio::test]
async fn seed_scale_adds_workspaces_and_a_bulk_workspace() {
    let sb = Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        control: true,
        scale: openrouter_sandbox::SeedScale::parse("workspaces=20,keys=150").unwrap(),
        ..Default::default()
    })
    .await;
    let (_, ws) = sb.get("/workspaces").await;
    assert_eq!(ws["total_count"], 6 + 20 + 1);
    assert_eq!(sb.get("/workspaces/scale-00020").await.0, 200);
    let bulk = sb.workspace_id("bulk").await;
    let (_, page) = sb
        .get(&format!(
            "/keys?workspace_id={bulk}&include_disabled=true&offset=100"
        ))
        .await;
    assert_eq!(page["data"].as_array().unwrap().len(), 50);
    // Reset returns to the scaled seed, not the plain one.
    let before = snapshot(&sb).await;
    sb.delete("/workspaces/scale-00001").await;
    send(sb.control(Method::POST, "/reset")).await;
    assert_eq!(snapshot(&sb).await, before);
}

#[test]
fn seed_scale_parsing() {
    use openrouter_sandbox::SeedScale;
    assert_eq!(
        SeedScale::parse("keys=10000").unwrap(),
        SeedScale {
            workspaces: 0,
            keys: 10000
        }
    );
    assert_eq!(
        SeedScale::parse("workspaces=3, keys=4").unwrap(),
        SeedScale {
            workspaces: 3,
            keys: 4
        }
    );
    assert!(SeedScale::parse("users=3").is_err());
    assert!(SeedScale::parse("keys=lots").is_err());
}
