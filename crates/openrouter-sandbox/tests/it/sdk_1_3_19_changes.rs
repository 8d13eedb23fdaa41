//! The API as @openrouter/sdk 1.3.19 speaks it (api-notes.md, "Changes since this document"):
//! the new answer fields, `external` on key creation, `expires_at` with seconds,
//! `disabled_server_tools`, and deleting the Default workspace with its confirmation. Every bad
//! input is a 400 whose envelope names the field, and changes nothing.

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{all_keys, assert_error, Sb};

#[tokio::test]
async fn get_key_answers_the_new_required_fields() {
    let sb = Sb::start().await;
    let (s, me) = sb.get("/key").await;
    assert_eq!(s, 200, "{me}");
    let d = &me["data"];
    assert!(d["organization_id"].as_str().is_some_and(|o| !o.is_empty()));
    assert_eq!(
        d["workspace_id"],
        Value::Null,
        "a management key is org-wide"
    );
    assert_eq!(d["allowed_data_regions"], json!(["global", "europe", "us"]));
    let free = &d["free_model_daily_requests"];
    for field in ["limit", "remaining", "used"] {
        assert!(free[field].is_number(), "{field} in {free}");
    }

    let ws_id = sb.workspace_id("production").await;
    let (_, created) = sb
        .post("/keys", json!({"name": "ordinary", "workspace_id": ws_id}))
        .await;
    let secret = created["key"].as_str().unwrap();
    let (s, it) = sb.call_as(Some(secret), Method::GET, "/key", None).await;
    assert_eq!(s, 200, "{it}");
    let d = &it["data"];
    assert_eq!(d["organization_id"], me["data"]["organization_id"]);
    assert_eq!(
        d["workspace_id"],
        ws_id.as_str(),
        "the workspace it spends in"
    );
    assert!(d["allowed_data_regions"].is_array());
    assert!(d["free_model_daily_requests"]["remaining"].is_number());
}

#[tokio::test]
async fn every_key_object_carries_external_user() {
    let sb = Sb::start().await;
    for key in all_keys(&sb).await {
        assert!(
            key.get("external_user").is_some(),
            "listed key without external_user: {key}"
        );
    }
    let (s, plain) = sb.post("/keys", json!({"name": "plain"})).await;
    assert_eq!(s, 201, "{plain}");
    assert_eq!(plain["data"]["external_user"], Value::Null);
    let hash = plain["data"]["hash"].as_str().unwrap();
    let (_, got) = sb.get(&format!("/keys/{hash}")).await;
    assert_eq!(got["data"]["external_user"], Value::Null);
    let (_, patched) = sb
        .patch(&format!("/keys/{hash}"), json!({"name": "renamed"}))
        .await;
    assert_eq!(patched["data"]["external_user"], Value::Null);
}

#[tokio::test]
async fn external_user_is_kept_and_its_api_key_never_answered_or_logged() {
    let sb = Sb::start().await;
    let api_key = "partner-key-0123456789abcdef0123456789";
    let (s, v) = sb
        .post(
            "/keys",
            json!({"name": "partner", "external": {"user": "end-user-42", "api_key": api_key}}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["data"]["external_user"], "end-user-42");
    assert!(!v.to_string().contains(api_key), "answered: {v}");
    let hash = v["data"]["hash"].as_str().unwrap();
    let (_, got) = sb.get(&format!("/keys/{hash}")).await;
    assert_eq!(got["data"]["external_user"], "end-user-42");
    assert!(!got.to_string().contains(api_key));
    let listed = all_keys(&sb).await;
    assert!(listed.iter().any(|k| k["external_user"] == "end-user-42"));
    assert!(!Value::Array(listed).to_string().contains(api_key));
    let log = Value::Array(sb.log().await).to_string();
    assert!(!log.contains(api_key), "request log: {log}");
    // `user` alone is enough.
    let (s, v) = sb
        .post("/keys", json!({"name": "u", "external": {"user": "u-1"}}))
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["data"]["external_user"], "u-1");
}

#[tokio::test]
async fn bad_external_is_400_naming_the_field_and_creates_nothing() {
    let sb = Sb::start().await;
    let before = all_keys(&sb).await.len();
    let short = "x".repeat(31);
    let cases = [
        (json!("end-user"), "external: must be an object, got string"),
        (
            json!(["end-user"]),
            "external: must be an object, got array",
        ),
        (json!(7), "external: must be an object, got number"),
        (json!({}), "external.user: required"),
        (json!({"user": null}), "external.user: must not be null"),
        (json!({"user": 42}), "external.user: must be a string"),
        (
            json!({"user": ""}),
            "external.user: must be at least 1 character",
        ),
        (
            json!({"user": "u", "api_key": short}),
            "external.api_key: must be at least 32 characters, got 31",
        ),
        (
            json!({"user": "u", "api_key": 12345}),
            "external.api_key: must be a string",
        ),
    ];
    for (external, needle) in cases {
        let got = sb
            .post("/keys", json!({"name": "bad", "external": external}))
            .await;
        assert_error(&got, 400, needle);
        assert!(!got.1.to_string().contains(&short), "echoed the api_key");
    }
    assert_eq!(all_keys(&sb).await.len(), before, "nothing created");
}

#[tokio::test]
async fn expires_at_must_carry_seconds() {
    let sb = Sb::start().await;
    let before = all_keys(&sb).await.len();
    for minutes in [
        "2099-01-01T00:00Z",
        "2099-01-01T12:30z",
        "2099-06-01T08:15+00:00",
    ] {
        assert_error(
            &sb.post("/keys", json!({"name": "m", "expires_at": minutes}))
                .await,
            400,
            "expires_at: ",
        );
    }
    sb.assert_errors(
        400,
        &[
            (
                "POST /keys",
                Some(json!({"name": "m", "expires_at": "2099-01-01T00:00Z"})),
                "must include seconds",
            ),
            (
                "POST /keys",
                Some(json!({"name": "m", "expires_at": 4_102_444_800_u64})),
                "expires_at: must be a string",
            ),
        ],
    )
    .await;
    assert_eq!(all_keys(&sb).await.len(), before, "nothing created");
    for (sent, stored) in [
        ("2099-01-01T00:00:00Z", "2099-01-01T00:00:00.000Z"),
        ("2099-01-01T00:00:05.25Z", "2099-01-01T00:00:05.250Z"),
    ] {
        let (s, v) = sb
            .post("/keys", json!({"name": "s", "expires_at": sent}))
            .await;
        assert_eq!(s, 201, "{sent}: {v}");
        assert_eq!(v["data"]["expires_at"], stored);
    }
}

#[tokio::test]
async fn disabled_server_tools_set_clear_and_refuse() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .post(
            "/workspaces",
            json!({"name": "Tools", "slug": "tools",
                   "disabled_server_tools": ["openrouter:web_search", "openrouter:bash"]}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(
        v["data"]["disabled_server_tools"],
        json!(["openrouter:web_search", "openrouter:bash"])
    );
    let (_, plain) = sb.get("/workspaces/production").await;
    assert_eq!(plain["data"]["disabled_server_tools"], Value::Null);

    let (_, v) = sb
        .patch(
            "/workspaces/tools",
            json!({"disabled_server_tools": ["openrouter:shell"]}),
        )
        .await;
    assert_eq!(
        v["data"]["disabled_server_tools"],
        json!(["openrouter:shell"])
    );
    // Left out: unchanged.
    let (_, v) = sb
        .patch("/workspaces/tools", json!({"description": "d"}))
        .await;
    assert_eq!(
        v["data"]["disabled_server_tools"],
        json!(["openrouter:shell"])
    );

    let unchanged = sb.get("/workspaces/tools").await.1;
    let bad = [
        (
            json!("openrouter:bash"),
            "disabled_server_tools: must be an array of strings, got string",
        ),
        (
            json!({"0": "openrouter:bash"}),
            "disabled_server_tools: must be an array of strings, got object",
        ),
        (
            json!([1]),
            "disabled_server_tools[0]: must be a string, got number",
        ),
        (
            json!(["openrouter:bash", null]),
            "disabled_server_tools[1]: must be a string, got null",
        ),
        (
            json!(["web_search"]),
            "disabled_server_tools[0]: \"web_search\" is not a server tool",
        ),
        (
            json!([""]),
            "disabled_server_tools[0]: \"\" is not a server tool",
        ),
        (
            json!(["openrouter:bash", "openrouter:bash"]),
            "disabled_server_tools[1]: \"openrouter:bash\" is listed twice",
        ),
    ];
    for (value, needle) in &bad {
        sb.assert_errors(
            400,
            &[
                (
                    "PATCH /workspaces/tools",
                    Some(json!({"disabled_server_tools": value})),
                    needle,
                ),
                (
                    "POST /workspaces",
                    Some(
                        json!({"name": "Bad", "slug": "bad-tools", "disabled_server_tools": value}),
                    ),
                    needle,
                ),
            ],
        )
        .await;
    }
    assert_eq!(
        sb.get("/workspaces/tools").await.1,
        unchanged,
        "nothing changed"
    );
    assert_eq!(
        sb.get("/workspaces/bad-tools").await.0,
        404,
        "nothing created"
    );

    // An empty array clears, as null does.
    let (_, v) = sb
        .patch("/workspaces/tools", json!({"disabled_server_tools": []}))
        .await;
    assert_eq!(v["data"]["disabled_server_tools"], Value::Null);
    sb.patch(
        "/workspaces/tools",
        json!({"disabled_server_tools": ["openrouter:datetime"]}),
    )
    .await;
    let (_, v) = sb
        .patch("/workspaces/tools", json!({"disabled_server_tools": null}))
        .await;
    assert_eq!(v["data"]["disabled_server_tools"], Value::Null);
}

#[tokio::test]
async fn default_workspace_is_deleted_only_with_the_confirmation() {
    let sb = Sb::start().await;
    let default_id = sb.workspace_id("default").await;
    sb.put(
        "/workspaces/default/budgets/monthly",
        json!({"limit_usd": 50}),
    )
    .await;
    let (_, inference) = sb.post("/keys", json!({"name": "inference"})).await;
    let secret = inference["key"].as_str().unwrap().to_owned();
    let hash = inference["data"]["hash"].as_str().unwrap().to_owned();

    for query in ["", "?confirm_default_workspace_deletion=false"] {
        assert_error(
            &sb.delete(&format!("/workspaces/default{query}")).await,
            403,
            "default workspace",
        );
    }
    assert_error(
        &sb.delete("/workspaces/default?confirm_default_workspace_deletion=yes")
            .await,
        400,
        "confirm_default_workspace_deletion: must be true or false",
    );
    assert_eq!(sb.get("/workspaces/default").await.0, 200, "still there");
    assert_eq!(sb.get("/workspaces/default/budgets/monthly").await.0, 200);

    let (s, v) = sb
        .delete(&format!(
            "/workspaces/{default_id}?confirm_default_workspace_deletion=true"
        ))
        .await;
    assert_eq!((s, v), (200, json!({"deleted": true})));
    assert_eq!(sb.get("/workspaces/default").await.0, 404);
    let (_, listed) = sb.get("/workspaces?limit=100").await;
    assert!(listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["id"] != default_id.as_str()));
    // Its budgets went with it (recreating the slug starts without them).
    sb.post("/workspaces", json!({"name": "Default", "slug": "default"}))
        .await;
    let (_, budgets) = sb.get("/workspaces/default/budgets").await;
    assert_eq!(budgets["data"], json!([]), "{budgets}");

    // Its inference keys are disabled for good; the management key still works.
    let (s, key) = sb.get(&format!("/keys/{hash}")).await;
    assert_eq!(s, 200);
    assert_eq!(key["data"]["disabled"], true);
    assert_error(
        &sb.patch(&format!("/keys/{hash}"), json!({"disabled": false}))
            .await,
        400,
        "disabled: this key was disabled for good",
    );
    assert_eq!(
        sb.get(&format!("/keys/{hash}")).await.1["data"]["disabled"],
        true
    );
    assert_eq!(
        sb.call_as(Some(&secret), Method::GET, "/key", None).await.0,
        401,
        "a disabled key authenticates nothing"
    );
    assert_eq!(sb.get("/workspaces").await.0, 200);
    // Without a Default workspace, a key needs its workspace named.
    assert_error(
        &sb.post("/keys", json!({"name": "orphan"})).await,
        400,
        "workspace_id: required",
    );
}

#[tokio::test]
async fn the_confirmation_changes_nothing_for_other_workspaces() {
    let sb = Sb::start().await;
    let ws = sb.new_workspace("Tmp", "tmp").await;
    let ws_id = ws["id"].as_str().unwrap().to_owned();
    sb.post("/keys", json!({"name": "live", "workspace_id": ws_id}))
        .await;
    assert_error(
        &sb.delete("/workspaces/tmp?confirm_default_workspace_deletion=true")
            .await,
        400,
        "active API key",
    );
    let (_, other) = sb
        .post("/workspaces", json!({"name": "Empty", "slug": "empty"}))
        .await;
    assert_eq!(other["data"]["slug"], "empty");
    assert_eq!(
        sb.delete("/workspaces/empty?confirm_default_workspace_deletion=false")
            .await
            .0,
        200
    );
}
