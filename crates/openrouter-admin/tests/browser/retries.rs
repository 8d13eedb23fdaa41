//! Retries, timeouts and cancellation.

use super::*;

#[wasm_bindgen_test]
async fn waits_out_429_retry_after() {
    let c = client();
    let (ws, path) =
        workspace_with_faults(&c, "ra", "GET", json!([{"status": 429, "retry_after": 1}])).await;
    let before = log_count("GET", &path).await;
    let t0 = now();
    ok(
        c.workspace(&ws.slug).get().send(),
        "succeeds after the wait",
    )
    .await;
    let waited = now() - t0;
    assert!(waited >= 1000.0, "waited {waited} ms");
    assert_eq!(log_count("GET", &path).await - before, 2);
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn retries_a_503_burst() {
    let c = client();
    let (ws, path) = workspace_with_faults(
        &c,
        "burst",
        "PATCH",
        json!([{"status": 503}, {"status": 503}]),
    )
    .await;
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
    let (ws, _) = workspace_with_faults(&c, "hang", "GET", json!([{"hang": true}])).await;
    let t0 = now();
    let e = fails(
        client_with(400, 0).workspace(&ws.slug).get().send(),
        "timeout",
    )
    .await;
    let took = now() - t0;
    assert!(e.is_timeout(), "{e:?}");
    assert!((350.0..5000.0).contains(&took), "took {took} ms");
    clear_faults().await;
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn abort_signal_cancels_mid_backoff() {
    let c = client();
    let (ws, path) = workspace_with_faults(
        &c,
        "abort",
        "GET",
        json!([{"status": 503, "retry_after": 5}]),
    )
    .await;
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
