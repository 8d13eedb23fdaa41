//! Guardrails through the core's handlers, in the browser, against the sandbox.

use openrouter_admin::handlers::AssignmentOutcome;
use openrouter_admin::restrictions::effective;

use super::*;

async fn new_key(c: &Client, ws: &Workspace, name: &str) -> KeyHash {
    c.keys()
        .create(CreateKey::new(name).workspace_id(&ws.id))
        .send()
        .await
        .expect("key")
        .data
        .hash
}

#[wasm_bindgen_test]
async fn a_guardrail_limits_keys_and_members_of_its_workspace() {
    let c = client();
    let ws = new_workspace(&c, "guarded").await;
    let other = new_workspace(&c, "elsewhere").await;
    let (k1, k2) = (new_key(&c, &ws, "one").await, new_key(&c, &ws, "two").await);
    let stranger = new_key(&c, &other, "stranger").await;

    let g = c
        .workspace(&ws.id)
        .guardrails()
        .create(
            CreateGuardrail::new("One model")
                .allowed_models(vec!["openai/gpt-4o-mini".to_owned()])
                .limit_usd(20.0)
                .reset_interval(LimitReset::Weekly)
                .allowed_data_regions(vec!["europe".to_owned()])
                .content_filter_builtins(vec![BuiltinFilter::new(
                    ContentFilterSlug::Secrets,
                    ContentFilterAction::Redact,
                )]),
        )
        .send()
        .await
        .expect("create");
    assert_eq!(g.workspace_id.as_ref(), Some(&ws.id));
    assert_eq!(g.allowed_data_regions, Some(vec![DataRegion::Europe]));
    let listed = ok(
        c.workspace(&ws.id)
            .guardrails()
            .list()
            .paginate()
            .collect_all(),
        "list",
    )
    .await;
    assert_eq!(listed, vec![g.clone()]);

    // Three keys in one call: the one of another workspace fails alone.
    let report = ok(
        c.guardrail(&g.id)
            .keys()
            .assign([k1.clone(), stranger.clone(), k2.clone()])
            .send(),
        "assign",
    )
    .await;
    let outcome = |h: &KeyHash| {
        report
            .results
            .iter()
            .find(|r| &r.id == h)
            .map(|r| r.outcome.clone())
            .expect("an outcome")
    };
    assert!(matches!(outcome(&k1), AssignmentOutcome::Assigned));
    assert!(matches!(outcome(&k2), AssignmentOutcome::Assigned));
    match outcome(&stranger) {
        AssignmentOutcome::Failed(e) => {
            assert_eq!(e.status(), Some(400));
            assert!(e.message().contains("another workspace"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let held = ok(
        c.guardrail(&g.id).keys().list().paginate().collect_all(),
        "assignments",
    )
    .await;
    let mut hashes: Vec<KeyHash> = held.iter().map(|a| a.key_hash.clone()).collect();
    hashes.sort();
    let mut expected = vec![k1.clone(), k2.clone()];
    expected.sort();
    assert_eq!(hashes, expected);
    let org_wide = ok(
        c.guardrails().key_assignments().paginate().collect_all(),
        "org-wide",
    )
    .await;
    assert!(org_wide
        .iter()
        .any(|a| a.key_hash == k1 && a.guardrail_id == g.id));

    // Members, then unassigning.
    let user = org_user(&c, "grace.hopper").await;
    let report = ok(
        c.guardrail(&g.id).members().assign([user.clone()]).send(),
        "members",
    )
    .await;
    assert!(matches!(
        report.results[0].outcome,
        AssignmentOutcome::Assigned
    ));
    let members = ok(
        c.guardrails().member_assignments().paginate().collect_all(),
        "org-wide members",
    )
    .await;
    assert!(members
        .iter()
        .any(|a| a.user_id == user && a.guardrail_id == g.id));
    let report = ok(
        c.guardrail(&g.id)
            .keys()
            .unassign([k1.clone(), stranger.clone()])
            .send(),
        "unassign",
    )
    .await;
    assert!(matches!(
        report.results[0].outcome,
        AssignmentOutcome::Unassigned
    ));
    assert!(matches!(
        report.results[1].outcome,
        AssignmentOutcome::NotAssigned
    ));

    // The workspace default exists by id, is written by an update, and narrows the key.
    let default_id = ws.default_guardrail_id.clone();
    let e = fails(c.guardrail(&default_id).get().send(), "not yet written").await;
    assert!(e.is_not_found(), "{e}");
    let default = c
        .guardrail(&default_id)
        .update(
            UpdateGuardrail::new()
                .allowed_models(Some(vec![
                    "openai/gpt-4o-mini".into(),
                    "openai/gpt-4o".into(),
                ]))
                .limit_usd(Some(5.0))
                .reset_interval(Some(LimitReset::Daily)),
        )
        .send()
        .await
        .expect("write the default");
    let own = c.guardrail(&g.id).get().send().await.expect("get");
    let r = effective(Some(&own), Some(&default));
    assert_eq!(
        r.allowed_models,
        Some(vec!["openai/gpt-4o-mini".to_owned()])
    );
    assert_eq!(r.spend_limit.map(|l| l.limit_usd), Some(5.0));
    assert_eq!(r.allowed_data_regions, Some(vec![DataRegion::Europe]));

    // An update keeps what it does not name; a delete takes the assignments along.
    let updated = ok(
        c.guardrail(&g.id)
            .update(UpdateGuardrail::new().description(Some("narrow")))
            .send(),
        "update",
    )
    .await;
    assert_eq!(updated.description.as_deref(), Some("narrow"));
    assert_eq!(updated.limit_usd, Some(20.0));
    c.guardrail(&g.id).delete().send().await.expect("delete");
    let e = fails(c.guardrail(&g.id).keys().list().send(), "gone").await;
    assert!(e.is_not_found(), "{e}");

    for k in [&k1, &k2, &stranger] {
        c.key(k).delete().send().await.expect("cleanup key");
    }
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
    ok(c.workspace(&other.id).delete().send(), "cleanup").await;
    // Deleting the workspace deleted its default guardrail.
    let e = fails(c.guardrail(&default_id).get().send(), "gone").await;
    assert!(e.is_not_found(), "{e}");
}

#[wasm_bindgen_test]
async fn bad_guardrail_input_is_refused_before_sending_or_named_by_the_sandbox() {
    let c = client();
    // A slug where the API takes a UUID: refused by the client, naming the field.
    let e = fails(c.workspace("production").guardrails().list().send(), "slug").await;
    assert!(e.is_validation());
    assert_eq!(e.validation_errors()[0].field, "workspace_id");
    let e = fails(
        c.guardrails()
            .create(CreateGuardrail::new("x").limit_usd(1.0))
            .send(),
        "no reset interval",
    )
    .await;
    assert_eq!(e.validation_errors()[0].field, "reset_interval");
    // What only the server can know: a key that does not exist, in a single request.
    let ws = c.workspace("staging").get().send().await.expect("staging");
    let g = ok(
        c.workspace(&ws.id)
            .guardrails()
            .create(CreateGuardrail::new(unique("bad-input")))
            .send(),
        "create",
    )
    .await;
    let e = c
        .call(openrouter_admin::api::AssignGuardrailKeys::new(
            g.id.clone(),
            KeyHashes::new(["0".repeat(64)]),
        ))
        .send()
        .await
        .expect_err("unknown key");
    assert_eq!(e.status(), Some(400));
    assert!(e.message().contains("key_hashes[0]"), "{e}");
    c.guardrail(&g.id).delete().send().await.expect("cleanup");
}
