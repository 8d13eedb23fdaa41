//! Member changes with their outcomes, and key rotation.

use super::*;

#[wasm_bindgen_test]
async fn member_outcomes_with_scim_and_active_keys() {
    let c = client();
    let ws = new_workspace(&c, "outcomes").await;
    let scim = org_user(&c, "katherine.johnson").await; // SCIM-managed in the sandbox seed
    let holder = org_user(&c, "alan.turing").await;
    let plain = org_user(&c, "edsger.dijkstra").await;
    let outsider = org_user(&c, "ken.thompson").await;
    let report = ok(
        c.workspace(&ws.id)
            .members()
            .add_all([scim.clone(), holder.clone(), plain.clone()])
            .send(),
        "add_all",
    )
    .await;
    assert!(
        report
            .results
            .iter()
            .all(|r| matches!(r.outcome, MemberOutcome::Added)),
        "{report:?}"
    );
    let again = ok(
        c.workspace(&ws.id)
            .members()
            .add_all([plain.clone()])
            .send(),
        "again",
    )
    .await;
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
    ok(c.key(&key.data.hash).delete().send(), "cleanup key").await;
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
    let rot = ok(c.keys().rotate(&old.data.hash).send(), "rotate").await;
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
    ok(c.keys().retire(&old.data.hash).send(), "retire").await;
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
