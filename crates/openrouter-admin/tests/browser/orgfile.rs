//! The organization as a file against the sandbox: an export applied unchanged writes nothing;
//! a change set is applied and then plans empty, checked through the API; a stale plan is
//! refused naming its object; a create whose answer is lost ends with exactly one object; a BYOK
//! credential is created with its provider key typed in, and refused without it.

use openrouter_admin::orgfile::{
    apply, apply_typed, edit, export, needed, plan, read_live, ActionKind, Needed, Typed,
};
use openrouter_admin::Secret;

use super::*;

/// Requests the sandbox logged that were not reads.
async fn writes() -> usize {
    let log = ok(
        control()
            .request::<Value>(Method::Get, "/__sandbox/log", &[], None)
            .send(),
        "log",
    )
    .await;
    let all = log["requests"].as_array().expect("requests");
    all.iter().filter(|r| r["method"] != "GET").count()
}

#[wasm_bindgen_test]
async fn an_export_applied_unchanged_plans_empty_and_writes_nothing() {
    let c = client();
    let live = ok(read_live(&c, None), "read").await;
    let text = export(&live);
    let again = export(&ok(read_live(&c, None), "read again").await);
    assert_eq!(
        text, again,
        "two exports of an unchanged organization are the same bytes"
    );
    assert!(
        !text.contains("sk-or-v1-"),
        "no secret or label in the file"
    );
    let p = plan(&text, &live, None).expect("plan");
    assert!(
        p.is_empty(),
        "{:?}",
        p.resource_changes
            .iter()
            .find(|a| a.action != ActionKind::NoOp)
    );
    let before = writes().await;
    let report = ok(apply(&c, &text, &p), "apply").await;
    assert!(report.stopped.is_none());
    assert_eq!(
        (report.writes, writes().await - before),
        (0, 0),
        "nothing written"
    );
}

#[wasm_bindgen_test]
async fn a_change_set_is_applied_then_plans_empty_and_the_org_equals_the_file() {
    let c = client();
    let (a, b, key) = (unique("of-a"), unique("of-b"), unique("of-key"));
    let user = org_user(&c, "edsger.dijkstra").await;
    let first = format!(
        r#"{{
          // a reviewed change: two workspaces and a key
          "version": 1,
          "workspaces": {{
            "a": {{ "name": "A {a}", "slug": "{a}", "budgets": {{ "monthly": 50, "daily": 10 }},
                   "include_byok_in_budgets": true, "members": ["{user}"] }},
            "b": {{ "name": "B {b}", "slug": "{b}" }},
          }},
          "keys": {{ "k": {{ "name": "{key}", "workspace": "a", "limit": 5 }},
                     "k2": {{ "name": "{key}-2", "workspace": "a" }} }},
          "guardrails": {{ "g": {{ "name": "G {a}", "workspace": "a", "allowed_models": ["m/one", "m/two"],
                                 "allowed_data_regions": ["europe"], "keys": ["k2"] }} }},
        }}"#
    );
    let live = ok(read_live(&c, None), "read").await;
    let p = plan(&first, &live, None).expect("plan");
    let creates = p
        .resource_changes
        .iter()
        .filter(|x| x.action == ActionKind::Create)
        .count();
    assert_eq!(creates, 5);
    let report = ok(apply(&c, &first, &p), "apply").await;
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert_eq!(report.secrets.len(), 2, "the new keys' secrets, once");
    assert!(!format!("{:?}", report.journal).contains(report.secrets[0].secret.expose_secret()));
    let live = ok(read_live(&c, None), "read").await;
    assert!(
        plan(&first, &live, None).expect("plan").is_empty(),
        "applied: nothing left"
    );
    let ws_a = ok(c.workspace(&a).get().send(), "a").await;
    let budgets = ok(c.workspace(&a).budgets().list().send(), "budgets").await;
    assert_eq!(budgets.data.len(), 2);
    assert_eq!(budgets.include_byok_in_budgets, Some(true));

    // Lower a budget, remove the member, move the key (a replacement: a new key in b).
    let second = first
        .replace(r#""monthly": 50"#, r#""monthly": 40"#)
        .replace(&format!(r#"["{user}"]"#), "[]")
        .replace(
            r#""workspace": "a", "limit""#,
            r#""workspace": "b", "limit""#,
        )
        .replace(r#"["m/one", "m/two"]"#, r#"["m/one"]"#);
    let live = ok(read_live(&c, None), "read").await;
    let p = plan(&second, &live, None).expect("plan");
    let k = p
        .resource_changes
        .iter()
        .find(|x| x.address == "keys.k")
        .expect("k");
    assert_eq!(k.action, ActionKind::Replace);
    let report = ok(apply(&c, &second, &p), "apply").await;
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    let live = ok(read_live(&c, None), "read").await;
    assert!(plan(&second, &live, None).expect("plan").is_empty());
    let budgets = ok(c.workspace(&a).budgets().list().send(), "budgets").await;
    let monthly = budgets
        .data
        .iter()
        .find(|x| x.interval() == Some(Interval::Monthly));
    assert_eq!(monthly.map(|x| x.limit_usd), Some(40.0));
    let members = ok(c.workspace(&a).members().list().send(), "members").await;
    assert!(members.data.is_empty());
    let in_a = all_keys(&c, &ws_a).await;
    let old: Vec<_> = in_a.iter().filter(|k| k.name == key).collect();
    assert_eq!(old.len(), 1, "the old key stays until it is retired");
    let k2 = in_a
        .iter()
        .find(|k| k.name == format!("{key}-2"))
        .expect("k2");
    let rails = ok(
        c.workspace(&ws_a.id).guardrails().list().send(),
        "guardrails",
    )
    .await;
    let g = rails
        .data
        .iter()
        .find(|g| g.name == format!("G {a}"))
        .expect("guardrail");
    assert_eq!(g.allowed_models.as_deref(), Some(&["m/one".to_owned()][..]));
    let governed = ok(c.guardrail(&g.id).keys().list().send(), "governed").await;
    let hashes: Vec<_> = governed.data.iter().map(|k| k.key_hash.clone()).collect();
    assert_eq!(
        hashes.as_slice(),
        std::slice::from_ref(&k2.hash),
        "the guardrail governs the key the file names"
    );

    // Delete everything the test made, explicitly.
    let third = format!(
        r#"{{ "version": 1,
             "workspaces": {{ "a": {{ "slug": "{a}", "delete": true }}, "b": {{ "slug": "{b}", "delete": true }} }},
             "guardrails": {{ "g": {{ "name": "G {a}", "workspace": "{}", "delete": true }} }},
             "keys": {{ "k": {{ "name": "{key}", "workspace": "b", "delete": true }},
                       "k2": {{ "name": "{key}-2", "workspace": "a", "delete": true }},
                       "old": {{ "hash": "{}", "delete": true }} }} }}"#,
        ws_a.id, old[0].hash
    );
    let live = ok(read_live(&c, None), "read").await;
    let p = plan(&third, &live, None).expect("plan");
    let report = ok(apply(&c, &third, &p), "apply").await;
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert!(c
        .workspace(&a)
        .get()
        .send()
        .await
        .expect_err("gone")
        .is_not_found());
    assert!(c
        .workspace(&b)
        .get()
        .send()
        .await
        .expect_err("gone")
        .is_not_found());
}

#[wasm_bindgen_test]
async fn a_plan_is_refused_once_one_of_its_objects_changed() {
    let c = client();
    let ws = new_workspace(&c, "of-stale").await;
    let text = format!(
        r#"{{"version": 1, "workspaces": {{"w": {{"id": "{}", "description": "reviewed"}}}}}}"#,
        ws.id
    );
    let live = ok(read_live(&c, None), "read").await;
    let p = plan(&text, &live, None).expect("plan");
    let patch = UpdateWorkspace::new().name("changed by hand");
    ok(c.workspace(&ws.id).update(patch).send(), "hand edit").await;
    let before = writes().await;
    let e = fails(apply(&c, &text, &p), "stale").await;
    let named: Vec<_> = e
        .validation_errors()
        .iter()
        .map(|f| (f.field.clone(), f.rule.clone()))
        .collect();
    assert_eq!(
        named,
        [("workspaces.w".to_owned(), "stale".to_owned())],
        "named by the file's address"
    );
    assert_eq!(writes().await, before, "nothing written");
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn a_key_create_whose_answer_is_lost_ends_with_one_key_and_says_so() {
    let c = client();
    let ws = new_workspace(&c, "of-lost").await;
    let name = unique("of-lost-key");
    let text = format!(
        r#"{{"version": 1, "keys": {{"k": {{"name": "{name}", "workspace": "{}"}}}}}}"#,
        ws.id
    );
    let live = ok(read_live(&c, None), "read").await;
    let p = plan(&text, &live, None).expect("plan");
    faults("POST", "/api/v1/keys", json!([{"commit_then_drop": true}])).await;
    let before = log_count("POST", "/api/v1/keys").await;
    let report = ok(apply(&c, &text, &p), "apply").await;
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert_eq!(
        log_count("POST", "/api/v1/keys").await - before,
        1,
        "sent once"
    );
    let keys = all_keys(&c, &ws).await;
    assert_eq!(
        keys.iter().filter(|k| k.name == name).count(),
        1,
        "exactly one key"
    );
    assert!(
        report.secrets.is_empty(),
        "its secret was in the lost answer"
    );
    assert!(
        report.journal[0].result.contains("answer was lost"),
        "{:?}",
        report.journal
    );
    let live = ok(read_live(&c, None), "read").await;
    assert!(plan(&text, &live, None).expect("plan").is_empty());
    ok(c.key(&keys[0].hash).delete().send(), "cleanup key").await;
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn a_byok_credential_is_made_with_its_provider_key_typed_in_once_even_when_the_answer_is_lost(
) {
    let c = client();
    let ws = new_workspace(&c, "of-byok").await;
    let name = unique("of-byok");
    let text = format!(
        r#"{{"version": 1, "byok": {{"oa": {{"name": "{name}", "provider": "openai", "workspace": "{}"}}}}}}"#,
        ws.id
    );
    let live = ok(read_live(&c, None), "read").await;
    let p = plan(&text, &live, None).expect("plan");
    let create = &p.resource_changes[0];
    assert_eq!(create.action, ActionKind::Create);
    assert!(
        create
            .action_reason
            .as_deref()
            .unwrap_or("")
            .contains("needs `key` typed in"),
        "{:?}",
        create.action_reason
    );
    assert_eq!(
        needed(&p.resource_changes),
        [Needed {
            address: "byok.oa".into(),
            properties: vec!["key"]
        }]
    );
    // Without the key, or with a value for what the plan does not create: refused, nothing sent.
    let before = writes().await;
    let e = fails(apply(&c, &text, &p), "no key").await;
    let named = |e: &openrouter_admin::Error| -> Vec<(String, String)> {
        e.validation_errors()
            .iter()
            .map(|f| (f.field.clone(), f.rule.clone()))
            .collect()
    };
    assert_eq!(named(&e), [("byok.oa.key".into(), "credentials".into())]);
    let stray: Typed = [
        (
            "byok.oa".to_owned(),
            [("key".to_owned(), Secret::new("sk-typed-1"))].into(),
        ),
        (
            "byok.other".to_owned(),
            [("key".to_owned(), Secret::new("sk-typed-2"))].into(),
        ),
    ]
    .into();
    let e = fails(apply_typed(&c, &text, &p, &stray, &mut |_| {}), "stray").await;
    assert_eq!(named(&e), [("byok.other".into(), "credentials".into())]);
    assert_eq!(writes().await, before, "nothing written");

    let typed: Typed = [(
        "byok.oa".to_owned(),
        [("key".to_owned(), Secret::new("sk-typed-provider-key"))].into(),
    )]
    .into();
    faults("POST", "/api/v1/byok", json!([{"commit_then_drop": true}])).await;
    let posts = log_count("POST", "/api/v1/byok").await;
    let report = ok(apply_typed(&c, &text, &p, &typed, &mut |_| {}), "apply").await;
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    assert_eq!(
        log_count("POST", "/api/v1/byok").await - posts,
        1,
        "sent once"
    );
    let made = ok(c.workspace(&ws.id).byok().list().send(), "list").await;
    let made: Vec<_> = made
        .data
        .iter()
        .filter(|k| k.name.as_deref() == Some(name.as_str()))
        .collect();
    assert_eq!(made.len(), 1, "exactly one credential");
    assert!(
        report.journal[0].result.contains("answer was lost"),
        "{:?}",
        report.journal
    );
    assert_eq!(report.bound.get("byok.oa"), Some(&made[0].id.to_string()));
    let journal = serde_json::to_string(&report.journal).expect("json");
    assert!(!journal.contains("sk-typed-provider-key"), "{journal}");
    assert!(!format!("{report:?}").contains("sk-typed-provider-key"));
    // Bound, it plans empty.
    let bound = text.replacen(
        r#""oa": {"#,
        &format!(r#""oa": {{"id": "{}", "#, made[0].id),
        1,
    );
    let live = ok(read_live(&c, None), "read").await;
    assert!(plan(&bound, &live, None).expect("plan").is_empty());
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn a_byok_credential_and_a_destination_may_allow_a_key_the_same_apply_creates() {
    let c = client();
    let ws = new_workspace(&c, "of-byok-key").await;
    let (key, name) = (unique("of-byok-k"), unique("of-byok-c"));
    let text = format!(
        r#"{{"version": 1,
            "keys": {{"k": {{"name": "{key}", "workspace": "{0}"}}}},
            "byok": {{"oa": {{"name": "{name}", "provider": "openai", "workspace": "{0}",
                             "allowed_api_key_hashes": ["k"]}}}},
            "destinations": {{"hook": {{"name": "{name}", "type": "webhook", "workspace": "{0}",
                                       "config": {{"url": "https://hooks.example.com/k", "method": "POST"}},
                                       "api_key_hashes": ["k"]}}}}}}"#,
        ws.id
    );
    let live = ok(read_live(&c, None), "read").await;
    let p = plan(&text, &live, None).expect("plan");
    let typed: Typed = [(
        "byok.oa".to_owned(),
        [("key".to_owned(), Secret::new("sk-typed-for-k"))].into(),
    )]
    .into();
    let report = ok(apply_typed(&c, &text, &p, &typed, &mut |_| {}), "apply").await;
    assert!(report.stopped.is_none(), "{:?}", report.stopped);
    let hash = report.bound.get("keys.k").expect("the key made").clone();
    let made = ok(c.workspace(&ws.id).byok().list().send(), "list").await;
    let made = made
        .data
        .iter()
        .find(|k| k.name.as_deref() == Some(name.as_str()))
        .expect("the credential");
    let allowed: Vec<String> = made
        .allowed_api_key_hashes
        .iter()
        .flatten()
        .map(|h| h.to_string())
        .collect();
    assert_eq!(
        allowed,
        std::slice::from_ref(&hash),
        "the new key's hash, not its address"
    );
    let hooks = ok(c.workspace(&ws.id).destinations().list().send(), "list").await;
    let hook = hooks
        .data
        .iter()
        .find(|d| d.name.as_deref() == Some(name.as_str()))
        .expect("the destination");
    let receives: Vec<String> = hook
        .api_key_hashes
        .iter()
        .flatten()
        .map(|h| h.to_string())
        .collect();
    assert_eq!(receives, std::slice::from_ref(&hash), "a destination too");
    let bound = edit::bind_ids(&text, &report.bound).expect("ids written");
    let live = ok(read_live(&c, None), "read").await;
    let again = plan(&bound, &live, None).expect("plan");
    assert!(again.is_empty(), "{:?}", again.resource_changes);
    ok(c.key(&hash).delete().send(), "cleanup key").await;
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}
