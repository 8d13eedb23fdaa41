//! `--no-cors`: the sandbox answers as a server that never heard of CORS, so a browser on
//! another origin is refused (issue 11, point 6). The API itself works as before.

use reqwest::Method;
use serde_json::Value;

use crate::common::{send, Sb, MGMT};

async fn without_cors() -> Sb {
    Sb::with(openrouter_sandbox::Config {
        management_key: Some(MGMT.to_owned()),
        control: true,
        cors: false,
        ..Default::default()
    })
    .await
}

#[track_caller]
fn assert_no_cors(resp: &reqwest::Response) {
    let cors: Vec<_> = resp
        .headers()
        .keys()
        .filter(|k| k.as_str().starts_with("access-control-"))
        .collect();
    assert!(cors.is_empty(), "{} has {cors:?}", resp.url());
}

#[tokio::test]
async fn no_preflight_answers_and_no_cors_headers() {
    let sb = without_cors().await;
    let pre = sb
        .http
        .request(Method::OPTIONS, sb.api("/workspaces"))
        .header("origin", "https://admin.example")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(!pre.status().is_success(), "{}", pre.status());
    assert_no_cors(&pre);
    // The calls themselves still work for a client that does not ask about CORS.
    let resp = send(
        sb.request(Method::GET, "/workspaces")
            .header("origin", "https://admin.example"),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    assert_no_cors(&resp);
    let v: Value = resp.json().await.unwrap();
    assert!(v["data"].as_array().is_some_and(|d| !d.is_empty()));
    // Errors, faults and the control surface: none carries CORS.
    let resp = sb.http.get(sb.api("/workspaces")).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    assert_no_cors(&resp);
    sb.fault("GET", "/api/v1/key", serde_json::json!([{"status": 503}]))
        .await;
    let resp = send(sb.request(Method::GET, "/key")).await;
    assert_eq!(resp.status().as_u16(), 503);
    assert_no_cors(&resp);
    let resp = sb.fetch("/__sandbox/log").await;
    assert_no_cors(&resp);
    // hyper's own 431, rewritten into the envelope, without CORS too.
    let mut req = sb.http.get(sb.api("/key"));
    for i in 0..150 {
        req = req.header(format!("x-h{i}"), "v");
    }
    let resp = req.send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 431);
    assert_no_cors(&resp);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["error"]["code"], 431);
}
