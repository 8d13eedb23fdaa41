//! BYOK provider credentials: every rule of the sandbox's README, and bad input.

use openrouter_sandbox::Config;
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, send, Sb, MGMT};

const SECRET: &str = "sk-proj-SANDBOX-PROVIDER-KEY-0123456789abcdef";

async fn byok_list(sb: &Sb, ws: &str) -> Vec<Value> {
    let (s, v) = sb.get(&format!("/byok?workspace_id={ws}&limit=100")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["total_count"].as_u64(),
        Some(v["data"].as_array().unwrap().len() as u64)
    );
    v["data"].as_array().unwrap().clone()
}

#[tokio::test]
async fn create_list_get_update_delete_and_the_key_never_comes_back() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("production").await;
    let before = byok_list(&sb, &ws).await;
    assert!(before.len() >= 3, "the demo has BYOK credentials");
    let (s, v) = sb
        .post(
            "/byok",
            json!({"provider": "mistral", "key": SECRET, "name": "Mistral", "workspace_id": ws,
                   "is_required": true, "declared_zdr": false}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let k = &v["data"];
    assert_eq!(k["provider"], "mistral");
    assert_eq!(k["workspace_id"], ws.as_str());
    assert_eq!(k["label"], "sk-...cdef", "masked");
    assert_eq!(
        (&k["is_fallback"], &k["is_byok_only"], &k["is_required"]),
        (&json!(false), &json!(false), &json!(true))
    );
    assert_eq!(k["declared_zdr"], false);
    for field in [
        "id",
        "provider",
        "workspace_id",
        "label",
        "disabled",
        "is_fallback",
        "is_byok_only",
        "is_required",
        "declared_zdr",
        "allowed_models",
        "allowed_api_key_hashes",
        "allowed_user_ids",
        "sort_order",
        "created_at",
    ] {
        assert!(k.get(field).is_some(), "missing {field}");
    }
    let id = k["id"].as_str().unwrap().to_owned();
    let mut seen = v.to_string();
    let (s, g) = sb.get(&format!("/byok/{id}")).await;
    assert_eq!((s, &g["data"]), (200, k));
    seen += &g.to_string();
    let listed = byok_list(&sb, &ws).await;
    assert_eq!(listed.len(), before.len() + 1);
    seen += &Value::from(listed).to_string();

    // Rotation: a new key, a new label; the old and the new key never come back.
    let rotated = "sk-proj-ROTATED-PROVIDER-KEY-9999999999zzzz";
    let (s, u) = sb
        .patch(
            &format!("/byok/{id}"),
            json!({"key": rotated, "disabled": true, "declared_zdr": null, "name": null}),
        )
        .await;
    assert_eq!(s, 200, "{u}");
    assert_eq!(u["data"]["label"], "sk-...zzzz");
    assert_eq!(u["data"]["disabled"], true);
    assert_eq!(u["data"]["declared_zdr"], Value::Null, "null clears it");
    assert_eq!(u["data"]["name"], Value::Null);
    assert_eq!(u["data"]["is_required"], true, "left out, kept");
    seen += &u.to_string();
    // An empty patch changes nothing.
    let (_, same) = sb.patch(&format!("/byok/{id}"), json!({})).await;
    assert_eq!(same["data"], u["data"]);

    // Provider filter.
    let (s, f) = sb
        .get(&format!("/byok?workspace_id={ws}&provider=mistral"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(f["total_count"], 1);
    seen += &f.to_string();

    assert!(!seen.contains(SECRET) && !seen.contains(rotated), "{seen}");
    let log = Value::from(sb.log().await).to_string();
    assert!(log.contains("/api/v1/byok"), "{log}");
    assert!(!log.contains(SECRET) && !log.contains(rotated), "{log}");

    assert_eq!(
        sb.delete(&format!("/byok/{id}")).await,
        (200, json!({"deleted": true}))
    );
    sb.assert_errors(
        404,
        &[
            (&format!("GET /byok/{id}"), None, "not found"),
            (&format!("DELETE /byok/{id}"), None, "not found"),
            (
                &format!("PATCH /byok/{id}"),
                Some(json!({"disabled": false})),
                "not found",
            ),
        ],
    )
    .await;
    assert_eq!(byok_list(&sb, &ws).await.len(), before.len());
}

#[tokio::test]
async fn the_provider_key_is_stored_hashed_not_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox.db");
    let sb = Sb::with(Config {
        control: true,
        management_key: Some(MGMT.to_owned()),
        db: Some(path.clone()),
        ..Config::default()
    })
    .await;
    let (s, v) = sb
        .post("/byok", json!({"provider": "groq", "key": SECRET}))
        .await;
    assert_eq!(s, 201, "{v}");
    let id = v["data"]["id"].as_str().unwrap().to_owned();
    let rotated = "gsk_ROTATED-GROQ-KEY-abcdefabcdef";
    assert_eq!(
        sb.patch(&format!("/byok/{id}"), json!({"key": rotated}))
            .await
            .0,
        200
    );
    // The database file and its write-ahead log, byte for byte.
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains(&id), "the credential is stored");
    for secret in [SECRET, rotated] {
        assert!(!text.contains(secret), "the key itself is not");
    }
}

#[tokio::test]
async fn is_fallback_and_is_byok_only_are_exclusive() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("production").await;
    let before = byok_list(&sb, &ws).await;
    assert_error(
        &sb.post(
            "/byok",
            json!({"provider": "openai", "key": SECRET, "workspace_id": ws,
                   "is_fallback": true, "is_byok_only": true}),
        )
        .await,
        400,
        "is_byok_only: cannot be combined with is_fallback",
    );
    assert_eq!(byok_list(&sb, &ws).await, before, "nothing created");
    // Judged on the stored credential too: the demo's Anthropic key is a fallback.
    let fallback = before
        .iter()
        .find(|k| k["is_fallback"] == true)
        .expect("a fallback credential in the demo");
    let id = fallback["id"].as_str().unwrap();
    assert_error(
        &sb.patch(
            &format!("/byok/{id}"),
            json!({"is_byok_only": true, "name": "x"}),
        )
        .await,
        400,
        "is_byok_only",
    );
    assert_eq!(&sb.get(&format!("/byok/{id}")).await.1["data"], fallback);
    // Both changed at once is fine.
    let (s, v) = sb
        .patch(
            &format!("/byok/{id}"),
            json!({"is_byok_only": true, "is_fallback": false}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
}

#[tokio::test]
async fn providers_are_checked_on_create_not_on_reading() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("staging").await;
    for bad in ["not-a-provider", "OpenAI", "ncompass", ""] {
        assert_error(
            &sb.post(
                "/byok",
                json!({"provider": bad, "key": SECRET, "workspace_id": ws}),
            )
            .await,
            400,
            "provider",
        );
    }
    assert!(byok_list(&sb, &ws).await.is_empty(), "nothing created");
    // Today's additions are accepted.
    for ok in ["anthropic/2", "amazon-bedrock/claude-on-aws", "voyageai"] {
        let (s, v) = sb
            .post(
                "/byok",
                json!({"provider": ok, "key": SECRET, "workspace_id": ws}),
            )
            .await;
        assert_eq!(s, 201, "{ok}: {v}");
    }
    // A filter may name a provider the API dropped (its credentials may linger).
    assert_eq!(sb.get("/byok?provider=ncompass").await.0, 200);
    assert_error(&sb.get("/byok?provider=nope").await, 400, "provider");
}

#[tokio::test]
async fn workspace_id_is_a_uuid_defaulting_to_the_default_workspace() {
    let sb = Sb::start().await;
    let default_id = sb.workspace_id("default").await;
    let (s, v) = sb
        .post("/byok", json!({"provider": "openai", "key": SECRET}))
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["data"]["workspace_id"], default_id.as_str());
    let (_, listed) = sb.get("/byok").await;
    assert!(listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["id"] == v["data"]["id"]));
    sb.assert_errors(
        400,
        &[
            ("GET /byok?workspace_id=production", None, "workspace_id"),
            (
                "POST /byok",
                Some(json!({"provider": "openai", "key": SECRET, "workspace_id": "production"})),
                "workspace_id",
            ),
        ],
    )
    .await;
    let nowhere = "00000000-0000-4000-8000-000000000000";
    assert_error(
        &sb.post(
            "/byok",
            json!({"provider": "openai", "key": SECRET, "workspace_id": nowhere}),
        )
        .await,
        400,
        "workspace_id: no workspace",
    );
    let (s, empty) = sb.get(&format!("/byok?workspace_id={nowhere}")).await;
    assert_eq!((s, empty["total_count"].as_u64()), (200, Some(0)));
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_field_and_changes_nothing() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("research").await;
    let before = byok_list(&sb, &ws).await;
    let base = json!({"provider": "openai", "key": SECRET, "workspace_id": ws});
    let with = |field: &str, value: Value| {
        let mut b = base.clone();
        b[field] = value;
        b
    };
    let mut missing_key = base.clone();
    missing_key.as_object_mut().unwrap().remove("key");
    let cases = [
        (missing_key, "key: required"),
        (with("key", json!("")), "key: must not be empty"),
        (with("key", json!(42)), "key: must be a string"),
        (
            with("provider", json!(["openai"])),
            "provider: must be a string",
        ),
        (
            with("name", json!("n".repeat(256))),
            "name: must be at most 255",
        ),
        (with("name", json!(7)), "name: must be a string"),
        (
            with("disabled", json!("yes")),
            "disabled: must be a boolean",
        ),
        (
            with("is_fallback", json!(null)),
            "is_fallback: must not be null",
        ),
        (
            with("declared_zdr", json!(1)),
            "declared_zdr: must be a boolean",
        ),
        (
            with("allowed_models", json!("openai/gpt-4o")),
            "allowed_models: must be an array",
        ),
        (
            with("allowed_models", json!(vec!["m"; 101])),
            "allowed_models: must hold at most 100",
        ),
        (
            with("allowed_user_ids", json!([1])),
            "allowed_user_ids[0]: must be a string",
        ),
        (
            with("allowed_api_key_hashes", json!([])),
            "allowed_api_key_hashes: must hold at least 1",
        ),
        (
            with("allowed_api_key_hashes", json!(["XYZ"])),
            "allowed_api_key_hashes[0]: must be 64",
        ),
        (
            with("allowed_api_key_hashes", json!(["a".repeat(64)])),
            "allowed_api_key_hashes[0]: no API key",
        ),
        (
            with("workspace_id", json!(null)),
            "workspace_id: must not be null",
        ),
    ];
    for (body, needle) in cases {
        let got = sb.post("/byok", body.clone()).await;
        assert_error(&got, 400, needle);
        assert!(
            !got.1.to_string().contains(SECRET),
            "{needle}: the key is not echoed"
        );
    }
    assert_eq!(byok_list(&sb, &ws).await, before, "nothing created");
    let id = before[0]["id"].as_str().unwrap();
    for (body, needle) in [
        (json!({"key": null}), "key: must not be null"),
        (json!({"key": ""}), "key: must not be empty"),
        (json!({"disabled": null}), "disabled: must not be null"),
        (
            json!({"allowed_models": [""]}),
            "allowed_models[0]: must not be empty",
        ),
        (
            json!({"name": "ok", "is_required": "no"}),
            "is_required: must be a boolean",
        ),
    ] {
        assert_error(&sb.patch(&format!("/byok/{id}"), body).await, 400, needle);
    }
    assert_eq!(byok_list(&sb, &ws).await, before, "nothing changed");
    // A key of the organization is accepted in the allow-list.
    let (_, keys) = sb.get(&format!("/keys?workspace_id={ws}")).await;
    let hash = keys["data"][0]["hash"].as_str().unwrap();
    let (s, v) = sb
        .patch(
            &format!("/byok/{id}"),
            json!({"allowed_api_key_hashes": [hash]}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["allowed_api_key_hashes"], json!([hash]));
}

#[tokio::test]
async fn deleting_a_workspace_deletes_its_byok_keys_and_destinations() {
    let sb = Sb::start().await;
    let ws = sb.new_workspace("Doomed", "doomed").await;
    let ws = ws["id"].as_str().unwrap().to_owned();
    let (s, k) = sb
        .post(
            "/byok",
            json!({"provider": "xai", "key": SECRET, "workspace_id": ws}),
        )
        .await;
    assert_eq!(s, 201);
    let (s, d) = sb
        .post(
            "/observability/destinations",
            json!({"type": "webhook", "name": "Hook", "workspace_id": ws,
                   "config": {"url": "https://hooks.example/x"}}),
        )
        .await;
    assert_eq!(s, 201, "{d}");
    assert_eq!(sb.delete("/workspaces/doomed").await.0, 200);
    for path in [
        format!("/byok/{}", k["data"]["id"].as_str().unwrap()),
        format!(
            "/observability/destinations/{}",
            d["data"]["id"].as_str().unwrap()
        ),
    ] {
        assert_error(&sb.get(&path).await, 404, "not found");
    }
    // The Default workspace too, with the confirmation: its credentials and destinations go.
    let (_, default_keys) = sb.get("/byok").await;
    let (s, k) = sb
        .post("/byok", json!({"provider": "xai", "key": SECRET}))
        .await;
    assert_eq!(s, 201);
    let id = k["data"]["id"].as_str().unwrap();
    assert!(default_keys["data"].as_array().is_some());
    assert_eq!(
        sb.delete("/workspaces/default?confirm_default_workspace_deletion=true")
            .await
            .0,
        200
    );
    assert_error(&sb.get(&format!("/byok/{id}")).await, 404, "not found");
    // With no Default workspace, a call without workspace_id must name one.
    sb.assert_errors(
        400,
        &[
            ("GET /byok", None, "workspace_id"),
            (
                "POST /byok",
                Some(json!({"provider": "xai", "key": SECRET})),
                "workspace_id",
            ),
        ],
    )
    .await;
}

#[tokio::test]
async fn reset_restores_the_demo_credentials() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("production").await;
    let seeded = byok_list(&sb, &ws).await;
    for k in &seeded {
        sb.delete(&format!("/byok/{}", k["id"].as_str().unwrap()))
            .await;
    }
    assert!(byok_list(&sb, &ws).await.is_empty());
    send(sb.control(Method::POST, "/reset")).await;
    assert_eq!(byok_list(&sb, &ws).await, seeded);
}

#[tokio::test]
async fn every_byok_and_destination_route_needs_the_management_key() {
    let sb = Sb::start().await;
    let (s, created) = sb.post("/keys", json!({"name": "ordinary"})).await;
    assert_eq!(s, 201);
    let ordinary = created["key"].as_str().unwrap().to_owned();
    use reqwest::Method;
    let id = "11111111-2222-4333-8444-555555555555";
    let byok = format!("/byok/{id}");
    let dest = format!("/observability/destinations/{id}");
    let routes = [
        (Method::GET, "/byok"),
        (Method::POST, "/byok"),
        (Method::GET, byok.as_str()),
        (Method::PATCH, byok.as_str()),
        (Method::DELETE, byok.as_str()),
        (Method::GET, "/observability/destinations"),
        (Method::POST, "/observability/destinations"),
        (Method::GET, dest.as_str()),
        (Method::PATCH, dest.as_str()),
        (Method::DELETE, dest.as_str()),
    ];
    for (m, p) in routes {
        let body = (m == Method::POST || m == Method::PATCH)
            .then(|| json!({"provider": "openai", "key": SECRET}));
        assert_error(
            &sb.call_as(None, m.clone(), p, body.clone()).await,
            401,
            "Missing Authentication header",
        );
        assert_error(
            &sb.call_as(Some(&ordinary), m, p, body).await,
            403,
            "Only management keys",
        );
    }
}
