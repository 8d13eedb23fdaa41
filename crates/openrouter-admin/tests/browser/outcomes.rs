//! Creates whose outcome is unknown, and reconciling them.

use super::*;

#[wasm_bindgen_test]
async fn create_key_commit_then_drop_is_outcome_unknown_and_reconciled() {
    let c = client();
    let ws = new_workspace(&c, "ctd-key").await;
    let name = unique("ctd");
    let req = CreateKey::new(&name).workspace_id(&ws.id).limit(3.0);
    faults("POST", "/api/v1/keys", json!([{"commit_then_drop": true}])).await;
    let before = log_count("POST", "/api/v1/keys").await;
    let since = c.now_ms();
    let e = fails(c.keys().create(req.clone()).send(), "unknown").await;
    assert!(e.is_outcome_unknown(), "{e:?}");
    assert_eq!(
        log_count("POST", "/api/v1/keys").await - before,
        1,
        "sent exactly once"
    );
    let listed = all_keys(&c, &ws).await;
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
    ok(c.key(&found.hash).delete().send(), "cleanup key").await;
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
    let e = fails(
        c.workspaces()
            .create(CreateWorkspace::new("ctd", &slug))
            .send(),
        "unknown",
    )
    .await;
    assert!(e.is_outcome_unknown(), "{e:?}");
    assert_eq!(
        log_count("POST", "/api/v1/workspaces").await - before,
        1,
        "sent exactly once"
    );
    let all = ok(
        c.workspaces().list().limit(100).paginate().collect_all(),
        "list",
    )
    .await;
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
    ok(c.workspace(&found.id).delete().send(), "cleanup").await;
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
    let k = ok(
        c.keys()
            .create(CreateKey::new("after-429").workspace_id(&ws.id))
            .send(),
        "created",
    )
    .await;
    assert_eq!(log_count("POST", "/api/v1/keys").await - before, 2);
    faults("POST", "/api/v1/keys", json!([{"status": 503}])).await;
    let e = fails(
        c.keys()
            .create(CreateKey::new("after-503").workspace_id(&ws.id))
            .send(),
        "unknown",
    )
    .await;
    assert!(e.is_outcome_unknown());
    assert_eq!(
        log_count("POST", "/api/v1/keys").await - before,
        3,
        "a 503 on create is not retried"
    );
    c.key(&k.data.hash).delete().send().await.expect("cleanup");
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}
