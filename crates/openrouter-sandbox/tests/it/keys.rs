use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, is_hex64, Sb};

#[tokio::test]
async fn create_returns_secret_once_and_stores_hash() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .post("/keys", json!({"name": "ci", "limit": 25, "limit_reset": "weekly", "include_byok_in_limit": true, "expires_at": "2099-01-01T00:00:00Z"}))
        .await;
    assert_eq!(s, 201, "{v}");
    let secret = v["key"].as_str().unwrap();
    assert!(secret.starts_with("sk-or-v1-"));
    assert!(is_hex64(&secret["sk-or-v1-".len()..]));
    let data = &v["data"];
    let hash = data["hash"].as_str().unwrap();
    assert!(is_hex64(hash));
    assert_eq!(hash, openrouter_sandbox::store::sha256_hex(secret));
    assert_eq!(data["label"], openrouter_sandbox::store::label_for(secret));
    assert_eq!(data["limit"], 25.0);
    assert_eq!(data["limit_remaining"], 25.0);
    assert_eq!(data["limit_reset"], "weekly");
    assert_eq!(data["disabled"], false);
    assert_eq!(data["expires_at"], "2099-01-01T00:00:00.000Z");
    let (_, def) = sb.get("/workspaces/default").await;
    assert_eq!(data["workspace_id"], def["data"]["id"]);
    // The secret never appears again.
    let (s, g) = sb.get(&format!("/keys/{hash}")).await;
    assert_eq!(s, 200);
    assert!(g.get("key").is_none());
    assert!(!g.to_string().contains(secret));
    assert_eq!(g["data"], *data);
}

#[tokio::test]
async fn create_validation() {
    let sb = Sb::start().await;
    let cases = [
        (json!({}), "name: required"),
        (json!({"name": ""}), "name: must be at least 1"),
        (json!({"name": 3}), "name: must be a string"),
        (
            json!({"name": "a", "limit": -1}),
            "limit: must be 0 or more",
        ),
        (
            json!({"name": "a", "limit": "10"}),
            "limit: must be a number",
        ),
        (json!({"name": "a", "limit_reset": "hourly"}), "limit_reset"),
        (
            json!({"name": "a", "expires_at": "2099-01-01T00:00:00+02:00"}),
            "UTC",
        ),
        (json!({"name": "a", "expires_at": "tomorrow"}), "expires_at"),
        (
            json!({"name": "a", "expires_at": "2001-01-01T00:00:00Z"}),
            "future",
        ),
        (
            json!({"name": "a", "workspace_id": "production"}),
            "workspace_id: \"production\" is not a UUID",
        ),
        (
            json!({"name": "a", "workspace_id": "550e8400-e29b-41d4-a716-446655440000"}),
            "no workspace",
        ),
        (
            json!({"name": "a", "creator_user_id": "user_nobody"}),
            "creator_user_id",
        ),
        (
            json!({"name": "a", "include_byok_in_limit": 1}),
            "include_byok_in_limit: must be a boolean",
        ),
    ];
    let (_, before) = sb.get("/keys?include_disabled=true").await;
    for (body, needle) in cases {
        assert_error(&sb.post("/keys", body).await, 400, needle);
    }
    let (_, after) = sb.get("/keys?include_disabled=true").await;
    assert_eq!(before, after, "store untouched");
}

#[tokio::test]
async fn list_is_default_workspace_only_in_pages_of_100() {
    let sb = Sb::with(openrouter_sandbox::Config {
        management_key: Some(crate::common::MGMT.to_owned()),
        scale: openrouter_sandbox::SeedScale {
            workspaces: 0,
            keys: 250,
        },
        ..Default::default()
    })
    .await;
    let (s, v) = sb.get("/keys").await;
    assert_eq!(s, 200);
    assert!(v.get("total_count").is_none());
    let (_, def) = sb.get("/workspaces/default").await;
    let def_id = def["data"]["id"].clone();
    assert!(v["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["workspace_id"] == def_id && k["disabled"] == false));

    let bulk = sb.workspace_id("bulk").await;
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let (s, page) = sb
            .get(&format!(
                "/keys?workspace_id={bulk}&include_disabled=true&offset={offset}"
            ))
            .await;
        assert_eq!(s, 200);
        let items = page["data"].as_array().unwrap().clone();
        let n = items.len();
        all.extend(items);
        if n < 100 {
            break;
        }
        assert_eq!(n, 100, "fixed pages of 100");
        offset += 100;
    }
    assert_eq!(all.len(), 250);
    let (_, enabled_only) = sb
        .get(&format!(
            "/keys?workspace_id={bulk}&include_disabled=false&offset=200"
        ))
        .await;
    let disabled = all.iter().filter(|k| k["disabled"] == true).count();
    assert!(disabled > 0, "scale keys include disabled ones");
    assert!(enabled_only["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["disabled"] == false));
    // ?limit is not a parameter of this list: ignored.
    let (_, ignored) = sb
        .get(&format!(
            "/keys?workspace_id={bulk}&include_disabled=true&limit=5"
        ))
        .await;
    assert_eq!(ignored["data"].as_array().unwrap().len(), 100);
}

#[tokio::test]
async fn list_parameter_rules() {
    let sb = Sb::start().await;
    sb.assert_errors(
        400,
        &[
            ("GET /keys?include_disabled=yes", None, "include_disabled"),
            ("GET /keys?include_disabled=1", None, "include_disabled"),
            ("GET /keys?workspace_id=production", None, "workspace_id"),
            ("GET /keys?workspace_id=null", None, "workspace_id"),
            ("GET /keys?workspace_id=", None, "workspace_id"),
            ("GET /keys?include_disabled=", None, "include_disabled"),
        ],
    )
    .await;
    let (s, none) = sb
        .get("/keys?workspace_id=550e8400-e29b-41d4-a716-446655440000")
        .await;
    assert_eq!(
        (s, none),
        (200, json!({"data": []})),
        "a filter matching no workspace"
    );
    assert_error(&sb.get("/keys?offset=-5").await, 400, "offset");
    let (_, all) = sb.get("/keys?include_disabled=true").await;
    let (_, enabled) = sb.get("/keys?include_disabled=false").await;
    assert!(all["data"].as_array().unwrap().len() >= enabled["data"].as_array().unwrap().len());
}

#[tokio::test]
async fn patch_is_three_state_and_delete_works() {
    let sb = Sb::start().await;
    let (_, v) = sb
        .post(
            "/keys",
            json!({"name": "k", "limit": 10, "limit_reset": "daily"}),
        )
        .await;
    let hash = v["data"]["hash"].as_str().unwrap().to_owned();
    let path = format!("/keys/{hash}");
    let (s, p) = sb.patch(&path, json!({"name": "renamed"})).await;
    assert_eq!(s, 200);
    assert_eq!(p["data"]["name"], "renamed");
    assert_eq!(p["data"]["limit"], 10.0, "absent = unchanged");
    assert!(p["data"]["updated_at"].is_string());
    let (_, p) = sb
        .patch(&path, json!({"limit": null, "limit_reset": null}))
        .await;
    assert_eq!(p["data"]["limit"], Value::Null);
    assert_eq!(p["data"]["limit_remaining"], Value::Null);
    assert_eq!(p["data"]["limit_reset"], Value::Null);
    let (_, p) = sb
        .patch(
            &path,
            json!({"limit": 7.5, "disabled": true, "include_byok_in_limit": true}),
        )
        .await;
    assert_eq!(p["data"]["limit"], 7.5);
    assert_eq!(p["data"]["disabled"], true);
    assert_eq!(p["data"]["include_byok_in_limit"], true);
    assert_error(
        &sb.patch(&path, json!({"expires_at": "2099-01-01T00:00:00Z"}))
            .await,
        400,
        "expires_at: fixed at creation",
    );
    assert_error(
        &sb.patch(&path, json!({"workspace_id": "x"})).await,
        400,
        "workspace_id: fixed",
    );
    assert_error(&sb.patch(&path, json!({"name": ""})).await, 400, "name");
    assert_error(
        &sb.patch(&path, json!({"disabled": null})).await,
        400,
        "disabled: must not be null",
    );
    assert_error(
        &sb.patch(&path, json!({"limit_reset": "yearly"})).await,
        400,
        "limit_reset",
    );
    assert_eq!(sb.delete(&path).await, (200, json!({"deleted": true})));
    assert_error(&sb.get(&path).await, 404, "not found");
    assert_error(&sb.delete(&path).await, 404, "not found");
    assert_error(
        &sb.patch(&path, json!({"name": "x"})).await,
        404,
        "not found",
    );
    assert_error(&sb.get("/keys/not-a-hash").await, 404, "not found");
}

#[tokio::test]
async fn created_key_is_a_bearer_for_get_key_only() {
    let sb = Sb::start().await;
    let (_, mgmt) = sb.get("/key").await;
    assert_eq!(mgmt["data"]["is_management_key"], true);
    assert_eq!(mgmt["data"]["rate_limit"]["requests"], -1);

    let (_, v) = sb.post("/keys", json!({"name": "app", "limit": 50})).await;
    let secret = v["key"].as_str().unwrap().to_owned();
    let hash = v["data"]["hash"].as_str().unwrap().to_owned();
    let (s, me) = sb.call_as(Some(&secret), Method::GET, "/key", None).await;
    assert_eq!(s, 200);
    assert_eq!(me["data"]["is_management_key"], false);
    assert_eq!(me["data"]["is_provisioning_key"], false);
    assert_eq!(me["data"]["label"], v["data"]["label"]);
    assert_eq!(me["data"]["limit"], 50.0);
    for field in [
        "usage",
        "usage_daily",
        "usage_weekly",
        "usage_monthly",
        "byok_usage",
        "byok_usage_daily",
        "byok_usage_weekly",
        "byok_usage_monthly",
        "is_free_tier",
        "limit_remaining",
        "limit_reset",
        "include_byok_in_limit",
        "creator_user_id",
        "rate_limit",
    ] {
        assert!(me["data"].get(field).is_some(), "missing {field}");
    }
    for (m, p) in [
        (Method::GET, "/keys"),
        (Method::GET, "/workspaces"),
        (Method::GET, "/organization/members"),
        (Method::DELETE, &format!("/keys/{hash}") as &str),
        (Method::GET, "/workspaces/default/budgets"),
    ] {
        let got = sb.call_as(Some(&secret), m, p, None).await;
        assert_error(&got, 403, "Only management keys");
    }
    // Disabled keys stop working.
    sb.patch(&format!("/keys/{hash}"), json!({"disabled": true}))
        .await;
    assert_error(
        &sb.call_as(Some(&secret), Method::GET, "/key", None).await,
        401,
        "disabled",
    );
}

#[tokio::test]
async fn limit_remaining_follows_the_window() {
    let sb = Sb::start().await;
    let (_, v) = sb.get("/keys?include_disabled=true").await;
    for k in v["data"].as_array().unwrap() {
        let limit = k["limit"].as_f64();
        let remaining = k["limit_remaining"].as_f64();
        assert_eq!(limit.is_some(), remaining.is_some());
        if let (Some(l), Some(r)) = (limit, remaining) {
            let window = match k["limit_reset"].as_str() {
                Some("daily") => "usage_daily",
                Some("weekly") => "usage_weekly",
                Some("monthly") => "usage_monthly",
                _ => "usage",
            };
            let mut spent = k[window].as_f64().unwrap();
            if k["include_byok_in_limit"] == true {
                spent += k[&format!("byok_{window}")].as_f64().unwrap();
            }
            assert!((r - (l - spent).max(0.0)).abs() < 0.001, "{k}");
        }
    }
}
