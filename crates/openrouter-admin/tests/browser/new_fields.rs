//! The shapes today's API added (api-notes.md, "Changes since this document"), against the
//! sandbox: every new field read back, and every bad input refused before sending (by the
//! client) or with a 400 naming the field (by the sandbox) where only the server can judge.

use super::*;

/// The (field, rule) pairs of a validation error, after checking that nothing was sent.
fn rules(e: &openrouter_admin::Error) -> Vec<(String, String)> {
    assert!(e.is_validation(), "{e:?}");
    e.validation_errors()
        .iter()
        .map(|f| (f.field.clone(), f.rule.clone()))
        .collect()
}

fn pair(field: &str, rule: &str) -> (String, String) {
    (field.to_owned(), rule.to_owned())
}

#[wasm_bindgen_test]
async fn current_key_tells_organization_workspace_and_regions() {
    let me = client().current_key().send().await.expect("GET /key");
    assert!(me.organization_id.as_deref().is_some_and(|o| !o.is_empty()));
    assert_eq!(me.workspace_id, None, "a management key is org-wide");
    assert!(me.allowed_data_regions.contains(&DataRegion::Global));
    let free = me
        .free_model_daily_requests
        .expect("free_model_daily_requests");
    assert!(free.limit >= free.remaining && free.used >= 0.0);
}

#[wasm_bindgen_test]
async fn a_key_made_for_an_external_user_says_so() {
    let c = client();
    let ws = new_workspace(&c, "ext").await;
    let user = unique("end-user");
    let partner_key = format!("partner-{}", "0123456789abcdef".repeat(2));
    let created = c
        .keys()
        .create(
            CreateKey::new("external")
                .workspace_id(ws.id.clone())
                .expires_at("2099-12-31T23:59:00.5Z")
                .external(External::new(user.as_str()).api_key(partner_key.as_str())),
        )
        .send()
        .await
        .expect("create with external");
    assert_eq!(created.data.external_user.as_deref(), Some(user.as_str()));
    assert!(!format!("{created:?}").contains(&partner_key));
    let got = c.key(&created.data.hash).get().send().await.expect("get");
    assert_eq!(got.external_user.as_deref(), Some(user.as_str()));
    let listed = ok(c.keys().list().workspace(ws.id.clone()).send(), "list").await;
    assert_eq!(listed.data.len(), 1);
    assert_eq!(listed.data[0].external_user.as_deref(), Some(user.as_str()));
    let plain = ok(
        c.keys()
            .create(CreateKey::new("plain").workspace_id(ws.id.clone()))
            .send(),
        "create",
    )
    .await;
    assert_eq!(plain.data.external_user, None);
    for hash in [&created.data.hash, &plain.data.hash] {
        c.key(hash).delete().send().await.expect("delete");
    }
}

#[wasm_bindgen_test]
async fn bad_new_fields_are_refused_before_anything_is_sent() {
    let c = client();
    let before = log_count("POST", "/api/v1/keys").await;
    let cases = [
        (
            CreateKey::new("k").expires_at("2099-12-31T23:59Z"),
            pair("expires_at", "seconds"),
        ),
        (
            CreateKey::new("k").external(External::new("")),
            pair("external.user", "min_length"),
        ),
        (
            CreateKey::new("k").external(External::new("u").api_key("x".repeat(31))),
            pair("external.api_key", "min_length"),
        ),
    ];
    for (body, want) in cases {
        let e = c.keys().create(body).send().await.expect_err("invalid");
        assert_eq!(rules(&e), vec![want]);
        assert!(!e.to_string().contains(&"x".repeat(31)), "{e}");
    }
    assert_eq!(
        log_count("POST", "/api/v1/keys").await,
        before,
        "nothing sent"
    );

    // The list is open: the client sends any names, and the server judges them.
    let ws = new_workspace(&c, "tools-bad").await;
    for (tools, field) in [
        (
            vec!["openrouter:nope".to_owned()],
            "disabled_server_tools[0]",
        ),
        (vec![String::new()], "disabled_server_tools[0]"),
        (
            vec!["openrouter:bash".to_owned(), "openrouter:bash".to_owned()],
            "disabled_server_tools[1]",
        ),
    ] {
        let e = fails(
            c.workspace(&ws.id)
                .update(UpdateWorkspace::new().disabled_server_tools(Some(tools)))
                .send(),
            "refused by the sandbox",
        )
        .await;
        assert_eq!(e.status(), Some(400));
        assert!(e.message().contains(field), "{e}");
    }
    let unchanged = c.workspace(&ws.id).get().send().await.expect("get");
    assert_eq!(unchanged.disabled_server_tools, None);
    c.workspace(&ws.id).delete().send().await.expect("delete");
}

#[wasm_bindgen_test]
async fn disabled_server_tools_are_set_kept_and_cleared() {
    let c = client();
    let slug = unique("tools");
    let tools = vec![
        "openrouter:web_search".to_owned(),
        "openrouter:bash".to_owned(),
    ];
    let ws = ok(
        c.workspaces()
            .create(
                CreateWorkspace::new("Tools", slug.as_str()).disabled_server_tools(tools.clone()),
            )
            .send(),
        "create",
    )
    .await;
    assert_eq!(ws.disabled_server_tools.as_ref(), Some(&tools));
    let kept = ok(
        c.workspace(&slug)
            .update(UpdateWorkspace::new().description(Some("d")))
            .send(),
        "update another field",
    )
    .await;
    assert_eq!(
        kept.disabled_server_tools.as_ref(),
        Some(&tools),
        "left out = kept"
    );
    let cleared = ok(
        c.workspace(&slug)
            .update(UpdateWorkspace::new().disabled_server_tools(Some(vec![])))
            .send(),
        "empty list",
    )
    .await;
    assert_eq!(cleared.disabled_server_tools, None, "[] clears");
    let set = ok(
        c.workspace(&slug)
            .update(
                UpdateWorkspace::new().disabled_server_tools(Some(vec!["openrouter:shell".into()])),
            )
            .send(),
        "set",
    )
    .await;
    assert_eq!(
        set.disabled_server_tools,
        Some(vec!["openrouter:shell".to_owned()])
    );
    let nulled = ok(
        c.workspace(&slug)
            .update(UpdateWorkspace::new().disabled_server_tools(None))
            .send(),
        "null",
    )
    .await;
    assert_eq!(nulled.disabled_server_tools, None, "null clears");
    c.workspace(&slug).delete().send().await.expect("delete");
}

/// The one test that changes what every other test stands on: it deletes the Default
/// workspace, then resets the sandbox to its seed (tests run one at a time).
#[wasm_bindgen_test]
async fn the_default_workspace_goes_only_when_confirmed() {
    let c = client();
    let other = new_workspace(&c, "confirm-ignored").await;
    ok(
        c.workspace(&other.id).delete_even_if_default().send(),
        "the confirmation changes nothing for another workspace",
    )
    .await;

    // Without the confirmation it is a 403 (errors.rs), and the workspace stays.

    let inference = ok(
        c.keys().create(CreateKey::new("inference")).send(),
        "a Default-workspace key",
    )
    .await;
    let deleted = c.workspace("default").delete_even_if_default().send().await;
    let gone = c.workspace("default").get().send().await;
    let key_after = c.key(&inference.data.hash).get().send().await;
    let reenable = c
        .key(&inference.data.hash)
        .update(UpdateKey::new().disabled(false))
        .send()
        .await;
    let still_management = c.current_key().send().await;
    ok(
        control()
            .request::<Value>(Method::Post, "/__sandbox/reset", &[], None)
            .class(OpClass::Safe)
            .send(),
        "reset to the seed",
    )
    .await;

    deleted.expect("deleted with the confirmation");
    assert!(gone.expect_err("gone").is_not_found());
    assert!(
        key_after.expect("the key is kept").disabled,
        "disabled for good"
    );
    assert_eq!(reenable.expect_err("stays disabled").status(), Some(400));
    assert!(
        still_management
            .expect("management key kept")
            .is_management_key
    );
    ok(c.workspace("default").get().send(), "the seed is back").await;
}
