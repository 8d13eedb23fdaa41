//! Guardrails: every rule of the README's "Guardrails" section, and bad input answered with a
//! 400 naming the field while nothing changes.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, send, Sb};

/// The first `n` key hashes of a workspace (by slug).
async fn keys_of(sb: &Sb, slug: &str, n: usize) -> Vec<String> {
    let ws = sb.workspace_id(slug).await;
    let (s, v) = sb
        .get(&format!("/keys?workspace_id={ws}&include_disabled=true"))
        .await;
    assert_eq!(s, 200, "{v}");
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .take(n)
        .map(|k| k["hash"].as_str().unwrap().to_owned())
        .collect()
}

/// Creates a guardrail in workspace `slug`; its id.
async fn create(sb: &Sb, slug: &str, body: Value) -> String {
    let ws = sb.workspace_id(slug).await;
    let mut body = body;
    body["workspace_id"] = ws.into();
    let (s, v) = sb.post("/guardrails", body).await;
    assert_eq!(s, 201, "{v}");
    v["data"]["id"].as_str().unwrap().to_owned()
}

/// Who holds guardrail `id`: the keys' hashes.
async fn held_by(sb: &Sb, id: &str) -> Vec<String> {
    let (s, v) = sb
        .get(&format!("/guardrails/{id}/assignments/keys?limit=100"))
        .await;
    assert_eq!(s, 200, "{v}");
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["key_hash"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn create_read_update_delete() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("staging").await;
    let (s, v) = sb
        .post(
            "/guardrails",
            json!({
                "name": "One model", "workspace_id": ws, "description": "tests",
                "allowed_models": ["openai/gpt-4o-mini"], "limit_usd": 25, "reset_interval": "daily",
                "allowed_data_regions": ["europe", "europe"],
                "content_filter_builtins": [{"slug": "secrets", "action": "redact", "label": "ignored"}],
                "content_filters": [{"pattern": "sk-[a-z]+", "action": "block"}],
                "enforce_zdr": true, "enforce_zdr_openai": false,
            }),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let g = &v["data"];
    let id = g["id"].as_str().unwrap().to_owned();
    assert_eq!(g["workspace_id"], ws);
    assert_eq!(g["allowed_models"], json!(["openai/gpt-4o-mini"]));
    assert_eq!(g["allowed_data_regions"], json!(["europe"]), "once each");
    assert_eq!(
        g["content_filter_builtins"],
        json!([{"slug": "secrets", "action": "redact", "label": "[SECRETS]"}]),
        "the label is the API's, not the caller's"
    );
    assert_eq!(g["content_filters"][0]["label"], Value::Null);
    assert_eq!(
        (&g["enforce_zdr_openai"], &g["enforce_zdr_anthropic"]),
        (&json!(false), &json!(true)),
        "the deprecated flag fills the per-provider fields left out"
    );
    assert_eq!(g["include_byok_in_budgets"], false);
    assert_eq!(g["updated_at"], Value::Null);

    let (s, listed) = sb.get(&format!("/guardrails?workspace_id={ws}")).await;
    assert_eq!(s, 200);
    assert_eq!(listed["total_count"], 1);
    assert_eq!(listed["data"][0], *g);
    let (_, got) = sb.get(&format!("/guardrails/{id}")).await;
    assert_eq!(got["data"], *g);

    // Update: lists replaced whole, null clears, a limit may change alone.
    let (s, v) = sb
        .patch(
            &format!("/guardrails/{id}"),
            json!({"allowed_models": null, "allowed_providers": ["openai"], "limit_usd": 40,
                   "description": null, "allowed_data_regions": null}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let u = &v["data"];
    assert_eq!(
        (&u["allowed_models"], &u["allowed_providers"]),
        (&Value::Null, &json!(["openai"]))
    );
    assert_eq!(
        (&u["limit_usd"], &u["reset_interval"]),
        (&json!(40.0), &json!("daily"))
    );
    assert_eq!(u["description"], Value::Null);
    assert_eq!(u["allowed_data_regions"], Value::Null);
    assert!(u["updated_at"].is_string());

    let (s, v) = sb.delete(&format!("/guardrails/{id}")).await;
    assert_eq!((s, v), (200, json!({"deleted": true})));
    sb.assert_errors(
        404,
        &[
            (&format!("GET /guardrails/{id}"), None, "not found"),
            (&format!("DELETE /guardrails/{id}"), None, "not found"),
        ],
    )
    .await;
}

#[tokio::test]
async fn without_a_workspace_the_default_one_is_meant() {
    let sb = Sb::start().await;
    let default = sb.workspace_id("default").await;
    let (s, v) = sb.post("/guardrails", json!({"name": "Org-wide"})).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["data"]["workspace_id"], default);
    let (_, list) = sb.get("/guardrails").await;
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["name"] == "Org-wide"));
    // A filter naming no workspace lists nothing.
    let (s, v) = sb
        .get("/guardrails?workspace_id=00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!((s, &v["total_count"]), (200, &json!(0)));
}

#[tokio::test]
async fn a_workspace_default_guardrail_exists_by_id_before_it_is_written() {
    let sb = Sb::start().await;
    let ws = &sb.new_workspace("Fresh", "fresh").await;
    let gid = ws["default_guardrail_id"].as_str().unwrap();
    // Not configured yet: a 404 that says so, and no assignments to list.
    sb.assert_errors(
        404,
        &[
            (&format!("GET /guardrails/{gid}"), None, "PATCH"),
            (
                &format!("GET /guardrails/{gid}/assignments/keys"),
                None,
                "not found",
            ),
        ],
    )
    .await;
    // Its name is the workspace's to derive.
    assert_error(
        &sb.patch(&format!("/guardrails/{gid}"), json!({"name": "Mine"}))
            .await,
        400,
        "name",
    );
    assert_error(&sb.get(&format!("/guardrails/{gid}")).await, 404, "");
    // A PATCH writes it, in its workspace, under the derived name.
    let (s, v) = sb
        .patch(
            &format!("/guardrails/{gid}"),
            json!({"allowed_providers": ["anthropic"]}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["id"], gid);
    assert_eq!(v["data"]["workspace_id"], ws["id"]);
    assert_eq!(v["data"]["name"], "Fresh default guardrail");
    let (s, _) = sb.get(&format!("/guardrails/{gid}")).await;
    assert_eq!(s, 200);
    // Renaming the workspace renames it.
    sb.patch("/workspaces/fresh", json!({"name": "Renamed"}))
        .await;
    let (_, v) = sb.get(&format!("/guardrails/{gid}")).await;
    assert_eq!(v["data"]["name"], "Renamed default guardrail");
    // A made-up id is not a default guardrail.
    assert_error(
        &sb.patch(
            "/guardrails/00000000-0000-4000-8000-000000000000",
            json!({"description": "x"}),
        )
        .await,
        404,
        "not found",
    );
}

#[tokio::test]
async fn a_key_holds_one_guardrail_and_assigning_another_replaces_it() {
    let sb = Sb::start().await;
    let keys = keys_of(&sb, "staging", 3).await;
    let first = create(&sb, "staging", json!({"name": "First"})).await;
    let second = create(&sb, "staging", json!({"name": "Second"})).await;
    let (s, v) = sb
        .post(
            &format!("/guardrails/{first}/assignments/keys"),
            json!({"key_hashes": [keys[0], keys[1], keys[0]]}),
        )
        .await;
    assert_eq!((s, v), (200, json!({"assigned_count": 2})));
    // Again: nothing new.
    let (_, v) = sb
        .post(
            &format!("/guardrails/{first}/assignments/keys"),
            json!({"key_hashes": [keys[0]]}),
        )
        .await;
    assert_eq!(v, json!({"assigned_count": 0}));
    let (_, v) = sb
        .post(
            &format!("/guardrails/{second}/assignments/keys"),
            json!({"key_hashes": [keys[1], keys[2]]}),
        )
        .await;
    assert_eq!(v, json!({"assigned_count": 2}));
    assert_eq!(held_by(&sb, &first).await, vec![keys[0].clone()]);
    assert_eq!(
        held_by(&sb, &second).await,
        vec![keys[1].clone(), keys[2].clone()]
    );
    // The organization-wide list names each key once.
    let (_, all) = sb.get("/guardrails/assignments/keys?limit=100").await;
    let all: Vec<&Value> = all["data"].as_array().unwrap().iter().collect();
    for k in &keys {
        assert_eq!(
            all.iter().filter(|a| a["key_hash"] == **k).count(),
            1,
            "{k}"
        );
    }
    let row = all.iter().find(|a| a["key_hash"] == keys[0]).unwrap();
    assert_eq!(row["guardrail_id"], first);
    assert!(row["key_name"].as_str().unwrap().starts_with("staging-"));
    assert!(row["key_label"].as_str().unwrap().starts_with("sk-or-v1-"));
    // Unassigning: only what it holds; others untouched.
    let (_, v) = sb
        .post(
            &format!("/guardrails/{first}/assignments/keys/remove"),
            json!({"key_hashes": [keys[0], keys[1], "0".repeat(64)]}),
        )
        .await;
    assert_eq!(v, json!({"unassigned_count": 1}));
    assert_eq!(held_by(&sb, &first).await, Vec::<String>::new());
    assert_eq!(held_by(&sb, &second).await.len(), 2);
    // Deleting a key deletes its assignment.
    let (s, _) = sb.delete(&format!("/keys/{}", keys[2])).await;
    assert_eq!(s, 200);
    assert_eq!(held_by(&sb, &second).await, vec![keys[1].clone()]);
}

#[tokio::test]
async fn a_key_of_another_workspace_is_refused_and_nothing_changes() {
    let sb = Sb::start().await;
    let ours = keys_of(&sb, "staging", 1).await;
    let theirs = keys_of(&sb, "research", 1).await;
    let g = create(&sb, "staging", json!({"name": "Staging only"})).await;
    let got = sb
        .post(
            &format!("/guardrails/{g}/assignments/keys"),
            json!({"key_hashes": [ours[0], theirs[0]]}),
        )
        .await;
    assert_error(&got, 400, "key_hashes[1]");
    assert_error(&got, 400, "another workspace");
    assert!(held_by(&sb, &g).await.is_empty(), "nothing assigned");
    assert_error(
        &sb.post(
            &format!("/guardrails/{g}/assignments/keys"),
            json!({"key_hashes": ["0".repeat(64)]}),
        )
        .await,
        400,
        "key_hashes[0]",
    );
}

#[tokio::test]
async fn members_are_assigned_and_unassigned() {
    let sb = Sb::start().await;
    let users = sb.org_user_ids().await;
    let g = create(&sb, "research", json!({"name": "People"})).await;
    let path = format!("/guardrails/{g}/assignments/members");
    let (_, v) = sb
        .post(
            &path,
            json!({"member_user_ids": [users[0], users[1], users[0]]}),
        )
        .await;
    assert_eq!(v, json!({"assigned_count": 2}));
    let (_, v) = sb.get(&path).await;
    assert_eq!(v["total_count"], 2);
    assert_eq!(v["data"][0]["user_id"], users[0]);
    assert_eq!(
        v["data"][0]["organization_id"],
        openrouter_sandbox::store::ORGANIZATION_ID
    );
    assert_error(
        &sb.post(&path, json!({"member_user_ids": [users[2], "user_nobody"]}))
            .await,
        400,
        "member_user_ids[1]",
    );
    let (_, v) = sb.get(&path).await;
    assert_eq!(v["total_count"], 2, "nothing changed");
    let (_, v) = sb
        .post(
            &format!("{path}/remove"),
            json!({"member_user_ids": [users[1], users[5]]}),
        )
        .await;
    assert_eq!(v, json!({"unassigned_count": 1}));
    let (_, all) = sb.get("/guardrails/assignments/members?limit=100").await;
    assert!(all["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["guardrail_id"] == g && a["user_id"] == users[0]));
}

#[tokio::test]
async fn deleting_a_workspace_deletes_its_guardrails() {
    let sb = Sb::start().await;
    let ws = sb.new_workspace("Gone", "gone").await;
    let ws_id = ws["id"].as_str().unwrap().to_owned();
    let gid = ws["default_guardrail_id"].as_str().unwrap().to_owned();
    let g = create(&sb, "gone", json!({"name": "Short-lived"})).await;
    sb.patch(&format!("/guardrails/{gid}"), json!({"limit_usd": 1}))
        .await;
    let users = sb.org_user_ids().await;
    sb.post(
        &format!("/guardrails/{g}/assignments/members"),
        json!({"member_user_ids": [users[3]]}),
    )
    .await;
    let (s, _) = sb.delete("/workspaces/gone").await;
    assert_eq!(s, 200);
    sb.assert_errors(
        404,
        &[
            (&format!("GET /guardrails/{g}"), None, ""),
            (&format!("GET /guardrails/{gid}"), None, ""),
        ],
    )
    .await;
    let (_, v) = sb.get(&format!("/guardrails?workspace_id={ws_id}")).await;
    assert_eq!(v["total_count"], 0);
    let (_, all) = sb.get("/guardrails/assignments/members?limit=100").await;
    assert!(!all["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["guardrail_id"] == g));
}

#[tokio::test]
async fn deleting_the_default_workspace_deletes_its_guardrails_too() {
    let sb = Sb::start().await;
    let default = sb.workspace_id("default").await;
    let g = create(&sb, "default", json!({"name": "Org"})).await;
    let key = keys_of(&sb, "default", 1).await;
    sb.post(
        &format!("/guardrails/{g}/assignments/keys"),
        json!({"key_hashes": key}),
    )
    .await;
    let (s, _) = sb
        .delete("/workspaces/default?confirm_default_workspace_deletion=true")
        .await;
    assert_eq!(s, 200);
    assert_error(&sb.get(&format!("/guardrails/{g}")).await, 404, "");
    let (_, v) = sb.get(&format!("/guardrails?workspace_id={default}")).await;
    assert_eq!(v["total_count"], 0);
    let (_, all) = sb.get("/guardrails/assignments/keys?limit=100").await;
    assert!(!all["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["key_hash"] == key[0]));
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_field_and_changes_nothing() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("staging").await;
    let base = || json!({"name": "g", "workspace_id": ws});
    let with = |k: &str, v: Value| {
        let mut b = base();
        b[k] = v;
        b
    };
    let cases: Vec<(Value, &str)> = vec![
        (json!({"workspace_id": ws}), "name: required"),
        (with("name", json!("")), "name"),
        (with("name", json!("x".repeat(201))), "name"),
        (with("name", json!(5)), "name: must be a string"),
        (with("description", json!("d".repeat(1001))), "description"),
        (with("workspace_id", json!("staging")), "workspace_id"),
        (
            with(
                "workspace_id",
                json!("00000000-0000-4000-8000-000000000000"),
            ),
            "workspace_id",
        ),
        (
            with("limit_usd", json!(10)),
            "reset_interval: required with limit_usd",
        ),
        (
            with("reset_interval", json!("weekly")),
            "limit_usd: required with reset_interval",
        ),
        (
            {
                let mut b = with("limit_usd", json!(-1));
                b["reset_interval"] = "daily".into();
                b
            },
            "limit_usd",
        ),
        (
            {
                let mut b = with("limit_usd", json!(1));
                b["reset_interval"] = "hourly".into();
                b
            },
            "reset_interval",
        ),
        (
            with("limit_usd", json!("10")),
            "limit_usd: must be a number",
        ),
        (
            with("allowed_data_regions", json!([])),
            "allowed_data_regions: must not be an empty array",
        ),
        (
            with("allowed_data_regions", json!(["eu"])),
            "allowed_data_regions[0]",
        ),
        (with("allowed_models", json!([])), "allowed_models"),
        (
            with("allowed_providers", json!("openai")),
            "allowed_providers: must be an array",
        ),
        (with("ignored_models", json!([""])), "ignored_models[0]"),
        (
            with("ignored_providers", json!([1])),
            "ignored_providers[0]",
        ),
        (
            with("include_byok_in_budgets", json!(null)),
            "include_byok_in_budgets",
        ),
        (
            with("include_byok_in_budgets", json!("yes")),
            "include_byok_in_budgets",
        ),
        (with("enforce_zdr_openai", json!(1)), "enforce_zdr_openai"),
        (
            with(
                "content_filter_builtins",
                json!([{"slug": "passwords", "action": "block"}]),
            ),
            "content_filter_builtins[0].slug",
        ),
        (
            with("content_filter_builtins", json!([{"slug": "email"}])),
            "content_filter_builtins[0].action",
        ),
        (
            with(
                "content_filter_builtins",
                json!([{"slug": "email", "action": "redact"}, {"slug": "email", "action": "block"}]),
            ),
            "content_filter_builtins[1].slug",
        ),
        (
            with(
                "content_filter_builtins",
                json!([{"slug": "regex-prompt-injection", "action": "block", "scan_scope": "all"}]),
            ),
            "content_filter_builtins[0].scan_scope",
        ),
        (
            with("content_filter_builtins", json!(["email"])),
            "content_filter_builtins[0]",
        ),
        (
            with(
                "content_filters",
                json!([{"pattern": "", "action": "block"}]),
            ),
            "content_filters[0].pattern",
        ),
        (
            with(
                "content_filters",
                json!([{"pattern": "x", "action": "block", "label": "l".repeat(101)}]),
            ),
            "content_filters[0].label",
        ),
        (
            with("content_filters", json!({"pattern": "x"})),
            "content_filters",
        ),
    ];
    for (body, needle) in cases {
        let got = sb.post("/guardrails", body.clone()).await;
        assert_error(&got, 400, needle);
    }
    let (_, v) = sb.get(&format!("/guardrails?workspace_id={ws}")).await;
    assert_eq!(v["total_count"], 0, "nothing was created");

    // Updates and the assignment bodies.
    let g = create(
        &sb,
        "staging",
        json!({"name": "Kept", "allowed_models": ["a/b"]}),
    )
    .await;
    let (_, before) = sb.get(&format!("/guardrails/{g}")).await;
    for (body, needle) in [
        (json!({"name": null}), "name"),
        (json!({"allowed_data_regions": []}), "allowed_data_regions"),
        (json!({"allowed_models": []}), "allowed_models"),
        (json!({"limit_usd": "x"}), "limit_usd"),
        // The bad field comes after a good one: the good one is not kept either.
        (
            json!({"description": "new", "content_filters": [{"action": "block"}]}),
            "content_filters[0].pattern",
        ),
    ] {
        assert_error(
            &sb.patch(&format!("/guardrails/{g}"), body).await,
            400,
            needle,
        );
    }
    let (_, after) = sb.get(&format!("/guardrails/{g}")).await;
    assert_eq!(after, before, "nothing changed");
    let assign = format!("/guardrails/{g}/assignments/keys");
    for (body, needle) in [
        (json!({}), "key_hashes: required"),
        (json!({"key_hashes": []}), "key_hashes"),
        (json!({"key_hashes": [""]}), "key_hashes[0]"),
        (json!({"key_hashes": "abc"}), "key_hashes"),
        (json!({"key_hashes": [7]}), "key_hashes[0]"),
    ] {
        assert_error(&sb.post(&assign, body.clone()).await, 400, needle);
        assert_error(
            &sb.post(&format!("{assign}/remove"), body).await,
            400,
            needle,
        );
    }
    let members = format!("/guardrails/{g}/assignments/members");
    assert_error(
        &sb.post(&members, json!({"member_user_ids": []})).await,
        400,
        "member_user_ids",
    );
    sb.assert_errors(
        400,
        &[
            ("GET /guardrails?workspace_id=staging", None, "workspace_id"),
            ("GET /guardrails?limit=0", None, "limit"),
            (&format!("GET {assign}?limit=101"), None, "limit"),
        ],
    )
    .await;
    // Unknown guardrails are 404 everywhere.
    let nobody = "00000000-0000-4000-8000-000000000000";
    for path in ["assignments/keys", "assignments/members"] {
        assert_error(
            &sb.get(&format!("/guardrails/{nobody}/{path}")).await,
            404,
            "not found",
        );
    }
    assert_error(
        &sb.post(
            &format!("/guardrails/{nobody}/assignments/keys"),
            json!({"key_hashes": ["a"]}),
        )
        .await,
        404,
        "not found",
    );
}

#[tokio::test]
async fn the_demo_has_guardrails_with_keys_and_members_assigned() {
    let sb = Sb::start().await;
    let prod = sb.workspace_id("production").await;
    let (_, list) = sb.get(&format!("/guardrails?workspace_id={prod}")).await;
    let list = list["data"].as_array().unwrap();
    assert!(list.len() >= 3, "{list:?}");
    let (_, ws) = sb.get("/workspaces/production").await;
    let default_id = ws["data"]["default_guardrail_id"].as_str().unwrap();
    let default = list
        .iter()
        .find(|g| g["id"] == default_id)
        .expect("written");
    assert_eq!(default["name"], "Production default guardrail");
    let (_, keys) = sb.get("/guardrails/assignments/keys?limit=100").await;
    assert!(keys["total_count"].as_u64().unwrap() >= 5);
    let (_, members) = sb.get("/guardrails/assignments/members?limit=100").await;
    assert!(members["total_count"].as_u64().unwrap() >= 2);
    // The reset restores the seed.
    let g = list[1]["id"].as_str().unwrap();
    sb.delete(&format!("/guardrails/{g}")).await;
    send(sb.control(Method::POST, "/reset")).await;
    let (s, _) = sb.get(&format!("/guardrails/{g}")).await;
    assert_eq!(s, 200);
}
