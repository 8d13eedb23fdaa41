//! An acknowledged write survives `kill -9`: run the real binary on a file, write, SIGKILL,
//! restart on the same file and read everything back.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

use crate::common::{client, MGMT};

fn start(db: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_openrouter-sandbox"))
        .args(["--addr", "127.0.0.1:0", "--management-key", MGMT, "--db"])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().unwrap().unwrap();
    let api = lines.next().unwrap().unwrap();
    let key = lines.next().unwrap().unwrap();
    assert!(first.starts_with("sandbox: http://127.0.0.1:"), "{first}");
    assert_eq!(key, format!("management key: {MGMT}"));
    let api = api.strip_prefix("api: ").unwrap().to_owned();
    (child, api)
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sandbox.db");
    let http = client();
    let (mut child, api) = start(&db);

    let call = |m: reqwest::Method, url: String, body: Option<Value>| {
        let mut r = http.request(m, url).bearer_auth(MGMT);
        if let Some(b) = body {
            r = r.json(&b);
        }
        async move {
            let resp = r.send().await.unwrap();
            (resp.status().as_u16(), resp.json::<Value>().await.unwrap())
        }
    };
    use reqwest::Method as M;
    let (s, ws) = call(
        M::POST,
        format!("{api}/workspaces"),
        Some(json!({"name": "Durable", "slug": "durable"})),
    )
    .await;
    assert_eq!(s, 201);
    let ws_id = ws["data"]["id"].as_str().unwrap().to_owned();
    let (s, key) = call(
        M::POST,
        format!("{api}/keys"),
        Some(json!({"name": "durable-key", "workspace_id": ws_id})),
    )
    .await;
    assert_eq!(s, 201);
    let hash = key["data"]["hash"].as_str().unwrap().to_owned();
    let secret = key["key"].as_str().unwrap().to_owned();
    let (s, _) = call(
        M::PATCH,
        format!("{api}/keys/{hash}"),
        Some(json!({"name": "durable-renamed", "limit": 42})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = call(
        M::PUT,
        format!("{api}/workspaces/durable/budgets/monthly"),
        Some(json!({"limit_usd": 123.5})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = call(
        M::PATCH,
        format!("{api}/workspaces/durable"),
        Some(json!({"description": "kept"})),
    )
    .await;
    assert_eq!(s, 200);

    // SIGKILL: no chance to flush anything.
    child.kill().unwrap();
    child.wait().unwrap();

    let (mut child, api) = start(&db);
    let (s, w) = call(M::GET, format!("{api}/workspaces/durable"), None).await;
    assert_eq!(s, 200);
    assert_eq!(w["data"]["description"], "kept");
    let (s, k) = call(M::GET, format!("{api}/keys/{hash}"), None).await;
    assert_eq!(s, 200);
    assert_eq!(k["data"]["name"], "durable-renamed");
    assert_eq!(k["data"]["limit"], 42.0);
    let (s, b) = call(
        M::GET,
        format!("{api}/workspaces/durable/budgets/monthly"),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(b["data"]["limit_usd"], 123.5);
    // The created key still authenticates after the restart.
    let me = http
        .get(format!("{api}/key"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status().as_u16(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
}
