use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{send, Sb, MGMT};

#[tokio::test]
async fn cors_preflight_and_headers() {
    let sb = Sb::start().await;
    let pre = sb
        .http
        .request(Method::OPTIONS, sb.api("/workspaces/production"))
        .header("origin", "https://admin.example")
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await
        .unwrap();
    assert!(pre.status().is_success());
    let h = pre.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    let methods = h["access-control-allow-methods"].to_str().unwrap();
    for m in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        assert!(methods.contains(m), "{methods}");
    }
    let allowed = h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(allowed.contains("authorization") && allowed.contains("content-type"));

    let resp = send(
        sb.request(Method::GET, "/workspaces")
            .header("origin", "https://admin.example"),
    )
    .await;
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    let exposed = resp.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(exposed.contains("retry-after") && exposed.contains("retry-after-ms"));
    // Errors carry CORS too, or a browser can't read them.
    let resp = sb.http.get(sb.api("/workspaces")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    // Control endpoints too.
    let resp = sb.fetch("/__sandbox/log").await;
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    let pre = sb
        .http
        .request(Method::OPTIONS, format!("{}/__sandbox/faults", sb.base()))
        .header("origin", "https://admin.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(pre.status().is_success());
    assert_eq!(pre.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after_per_key() {
    let sb = Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        rate_limit: Some(3),
        ..Default::default()
    })
    .await;
    let mut statuses = Vec::new();
    let mut limited = None;
    for _ in 0..6 {
        let resp = send(sb.request(Method::GET, "/workspaces")).await;
        statuses.push(resp.status().as_u16());
        if resp.status().as_u16() == 429 {
            limited = Some(resp);
        }
    }
    assert_eq!(&statuses[..3], &[200, 200, 200]);
    assert!(statuses[3..].contains(&429), "{statuses:?}");
    let resp = limited.unwrap();
    let secs: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=1).contains(&secs));
    assert!(resp.headers().contains_key("retry-after-ms"));
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["error"]["code"], 429);
    // Another key has its own budget.
    let other = sb
        .http
        .get(sb.api("/key"))
        .bearer_auth("sk-or-v1-other")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status().as_u16(), 401);
    // After the window, requests pass again.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let resp = send(sb.request(Method::GET, "/workspaces")).await;
    assert_eq!(resp.status().as_u16(), 200);
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>admin</title>",
    )
    .unwrap();
    std::fs::write(dir.path().join("app.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.path().join("app.js"), "export {}").unwrap();
    dir
}

#[tokio::test]
async fn serves_static_files_with_spa_fallback_and_config() {
    let dir = site();
    let sb = Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        serve_dir: Some(dir.path().to_owned()),
        control: true,
        ..Default::default()
    })
    .await;
    let base = sb.base();
    let index = sb.fetch("/").await;
    assert_eq!(index.status().as_u16(), 200);
    assert!(index.text().await.unwrap().contains("<title>admin</title>"));
    let wasm = sb.fetch("/app.wasm").await;
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let deep = sb.fetch("/workspaces/production/keys").await;
    assert_eq!(deep.status().as_u16(), 200);
    assert!(deep.text().await.unwrap().contains("<title>admin</title>"));
    for path in ["/config.json", "/workspaces/config.json"] {
        let cfg: Value = sb
            .http
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            cfg,
            json!({"baseUrl": format!("http://{}/api/v1", sb.running.addr)})
        );
    }
    // API and control paths never fall back to the page.
    let api = sb.fetch("/api/v1/nope").await;
    assert_eq!(api.status().as_u16(), 404);
    assert_eq!(api.json::<Value>().await.unwrap()["error"]["code"], 404);
    let ctl = sb.fetch("/__sandbox/nope").await;
    assert_eq!(ctl.status().as_u16(), 404);
    // Directory traversal stays inside DIR.
    let trav = sb.fetch("/..%2f..%2fetc%2fpasswd").await;
    assert!(!trav.text().await.unwrap().contains("root:"));
}

#[tokio::test]
async fn an_existing_config_json_wins() {
    let dir = site();
    std::fs::write(
        dir.path().join("config.json"),
        "{\"baseUrl\":\"https://openrouter.ai/api/v1\"}",
    )
    .unwrap();
    let sb = Sb::with(openrouter_sandbox::Config {
        serve_dir: Some(dir.path().to_owned()),
        ..Default::default()
    })
    .await;
    let cfg: Value = sb.fetch("/config.json").await.json().await.unwrap();
    assert_eq!(cfg["baseUrl"], "https://openrouter.ai/api/v1");
}

#[tokio::test]
async fn control_mode_closes_connections_and_plain_mode_keeps_them() {
    let ctl = Sb::start().await;
    let resp = send(ctl.request(Method::GET, "/key")).await;
    assert_eq!(resp.headers()["connection"], "close");
    let plain = Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        ..Default::default()
    })
    .await;
    let resp = send(plain.request(Method::GET, "/key")).await;
    assert!(resp
        .headers()
        .get("connection")
        .is_none_or(|v| v != "close"));
}

#[tokio::test]
async fn json_bodies_are_read_whatever_the_content_type() {
    // Browsers may send a string body as text/plain; the body is still JSON.
    let sb = Sb::start().await;
    let resp = send(
        sb.request(Method::POST, "/workspaces")
            .header("content-type", "text/plain;charset=UTF-8")
            .body(r#"{"name":"Plain","slug":"plain"}"#),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 201);
}
