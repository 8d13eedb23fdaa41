//! Retries, timeouts and cancellation.

use super::*;

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
    let up = ok(
        c.workspace(&ws.slug)
            .update(UpdateWorkspace::new().description(Some("after burst")))
            .send(),
        "third attempt",
    )
    .await;
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
    let e = fails(
        c.workspace(&ws.slug).get().signal(signal).send(),
        "cancelled",
    )
    .await;
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
