//! Every operation against the sandbox, and what goes on the wire.

use super::*;

#[wasm_bindgen_test]
async fn current_key_is_management() {
    let me = client().current_key().send().await.expect("GET /key");
    assert!(me.is_management_key);
}

#[wasm_bindgen_test]
async fn workspace_lifecycle() {
    let c = client();
    let first = c.workspaces().list().limit(5).send().await.expect("list");
    assert!(first.total_count.is_some());
    let ws = new_workspace(&c, "life").await;
    let by_slug = ok(c.workspace(&ws.slug).get().send(), "get by slug").await;
    let by_id = c.workspace(&ws.id).get().send().await.expect("get by id");
    assert_eq!(by_slug, by_id);
    let updated = c
        .workspace(&ws.id)
        .update(
            UpdateWorkspace::new()
                .description(Some("d"))
                .io_logging_sampling_rate(0.5),
        )
        .send()
        .await
        .expect("update");
    assert_eq!(updated.description.as_deref(), Some("d"));
    assert_eq!(updated.name, ws.name, "unset fields stay");
    let cleared = ok(
        c.workspace(&ws.id)
            .update(UpdateWorkspace::new().description(None::<String>))
            .send(),
        "clear",
    )
    .await;
    assert_eq!(cleared.description, None);
    c.workspace(&ws.id).delete().send().await.expect("delete");
    let e = c.workspace(&ws.id).get().send().await.expect_err("gone");
    assert!(e.is_not_found());
}

#[wasm_bindgen_test]
async fn members_and_budgets() {
    let c = client();
    let ws = new_workspace(&c, "mb").await;
    let alan = org_user(&c, "alan.turing").await;
    let added = ok(
        c.workspace(&ws.id).members().add([alan.clone()]).send(),
        "add",
    )
    .await;
    assert_eq!(added.added_count, 1);
    let listed = ok(c.workspace(&ws.slug).members().list().send(), "list").await;
    assert!(listed.data.iter().any(|m| m.user_id == alan));
    let removed = ok(
        c.workspace(&ws.id).members().remove([alan.clone()]).send(),
        "remove",
    )
    .await;
    assert_eq!(removed.removed_count, 1);

    let b = c.workspace(&ws.id).budgets();
    ok(b.put(Interval::Lifetime, 1000.0).send(), "lifetime").await;
    let monthly = ok(
        b.put(Interval::Monthly, 100.0).include_byok(true).send(),
        "monthly",
    )
    .await;
    assert_eq!(monthly.data.limit_usd, 100.0);
    assert_eq!(monthly.data.interval(), Some(Interval::Monthly));
    let got = b.get(Interval::Monthly).send().await.expect("get");
    assert_eq!(got.data.limit_usd, 100.0);
    let all = b.list().send().await.expect("list budgets");
    assert_eq!(all.data.len(), 2);
    assert!(
        openrouter_admin::validate::validate_budget_order(&all.data, Interval::Weekly, 150.0)
            .is_err()
    );
    // The server enforces the same rule: a 400.
    let e = fails(b.put(Interval::Weekly, 150.0).send(), "shrink rule").await;
    assert_eq!(e.kind(), ErrorKind::BadRequest, "{e:?}");
    ok(b.delete(Interval::Monthly).send(), "delete budget").await;
    let e = b.get(Interval::Monthly).send().await.expect_err("gone");
    assert!(e.is_not_found());
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn key_lifecycle_and_secret() {
    let c = client();
    let ws = new_workspace(&c, "keys").await;
    let created = c
        .keys()
        .create(
            CreateKey::new("life")
                .limit(5.0)
                .limit_reset(LimitReset::Daily)
                .workspace_id(&ws.id)
                .expires_at("2030-01-01T00:00:00Z"),
        )
        .send()
        .await
        .expect("create");
    assert!(!format!("{created:?}").contains(created.key.expose_secret()));
    let h = created.data.hash.clone();
    let got = c.key(&h).get().send().await.expect("get");
    assert_eq!(got.limit, Some(5.0));
    let up = c
        .key(&h)
        .update(
            UpdateKey::new()
                .name("renamed")
                .limit(None)
                .limit_reset(None),
        )
        .send()
        .await
        .expect("update");
    assert_eq!(
        (up.name.as_str(), up.limit, up.limit_reset.clone()),
        ("renamed", None, None)
    );
    let listed = ok(c.keys().list().workspace(&ws.id).send(), "list").await;
    assert!(listed.data.iter().any(|k| k.hash == h));
    assert!(listed.total_count.is_none());

    // The secret is an ordinary key: GET /key works, management routes are forbidden.
    let plain = Client::builder()
        .api_key(created.key.expose_secret())
        .base_url(api())
        .build()
        .expect("client");
    let me = ok(plain.current_key().send(), "GET /key with the new key").await;
    assert!(!me.is_management_key);
    let e = fails(plain.workspaces().list().send(), "not a management key").await;
    assert!(e.is_forbidden());

    c.key(&h).delete().send().await.expect("delete");
    assert!(c
        .key(&h)
        .get()
        .send()
        .await
        .expect_err("gone")
        .is_not_found());
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

/// Request bodies are written field by field on wasm32, numbers by the host's
/// `JSON.stringify`: a float that needs all 17 digits and a name that needs every kind of
/// escape come back exactly as sent.
#[wasm_bindgen_test]
async fn bodies_carry_exact_numbers_and_escaped_text() {
    let c = client();
    let ws = new_workspace(&c, "wire").await;
    let name = "quote \" backslash \\ tab\t line\n é ✓ \u{1}";
    let limit = 0.1 + 0.2;
    let created = ok(
        c.keys()
            .create(CreateKey::new(name).limit(limit).workspace_id(&ws.id))
            .send(),
        "create",
    )
    .await;
    let got = c.key(&created.data.hash).get().send().await.expect("get");
    assert_eq!((got.name.as_str(), got.limit), (name, Some(limit)));
    let patched = ok(
        c.key(&created.data.hash)
            .update(UpdateKey::new().limit(Some(1e21)))
            .send(),
        "update",
    )
    .await;
    assert_eq!(patched.limit, Some(1e21));
}

#[wasm_bindgen_test]
async fn escape_hatch_reaches_any_path() {
    let v = ok(
        client()
            .request::<Value>(Method::Get, "/workspaces", &[("limit", "1")], None)
            .send(),
        "raw",
    )
    .await;
    assert!(v["data"].is_array());
}
