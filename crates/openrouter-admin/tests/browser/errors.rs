//! Errors the sandbox answers with, and how the client reports them.

use super::*;

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
    let e = fails(c.workspace(unique("missing")).get().send(), "404").await;
    assert_eq!((e.kind(), e.status()), (ErrorKind::NotFound, Some(404)));
    // Validation (nothing sent)
    let e = fails(
        c.workspaces().create(CreateWorkspace::new("", "NO")).send(),
        "invalid",
    )
    .await;
    assert_eq!(e.validation_errors().len(), 2);
    // BadRequest from the server: an unknown user id
    let ws = new_workspace(&c, "err").await;
    let e = fails(
        c.workspace(&ws.id).members().add(["user_nobody"]).send(),
        "400",
    )
    .await;
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
    let e = fails(c.workspace(&ws.slug).get().send(), "decode").await;
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
    let e = fails(
        client_with(5_000, 0)
            .workspace(&ws.slug)
            .members()
            .add([alan])
            .send(),
        "network",
    )
    .await;
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
    let e = fails(c.workspace("default").delete().send(), "403").await;
    assert!(e.is_forbidden());
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}
