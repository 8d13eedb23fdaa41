use serde_json::json;

use crate::common::{assert_error, Sb};

#[tokio::test]
async fn list_pages_with_total_count_and_defaults() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/workspaces").await;
    assert_eq!(s, 200);
    let total = v["total_count"].as_u64().unwrap();
    assert!(total >= 5, "demo has several workspaces");
    assert_eq!(v["data"][0]["slug"], "default");
    let (_, page) = sb.get("/workspaces?offset=1&limit=2").await;
    assert_eq!(page["data"].as_array().unwrap().len(), 2);
    assert_eq!(page["total_count"].as_u64(), Some(total));
    assert_eq!(page["data"][0]["id"], v["data"][1]["id"]);
    let (_, past) = sb.get("/workspaces?offset=1000").await;
    assert_eq!(past["data"].as_array().unwrap().len(), 0);
    // Every field the spec requires is present.
    for field in [
        "id",
        "default_guardrail_id",
        "name",
        "slug",
        "description",
        "default_text_model",
        "default_image_model",
        "default_provider_sort",
        "is_observability_io_logging_enabled",
        "is_observability_broadcast_enabled",
        "is_data_discount_logging_enabled",
        "io_logging_sampling_rate",
        "io_logging_api_key_ids",
        "created_at",
        "updated_at",
        "created_by",
    ] {
        assert!(v["data"][1].get(field).is_some(), "missing {field}");
    }
}

#[tokio::test]
async fn list_limit_out_of_range_is_400() {
    let sb = Sb::start().await;
    sb.assert_errors(
        400,
        &[
            ("GET /workspaces?limit=0", None, "limit"),
            ("GET /workspaces?limit=101", None, "between 1 and 100"),
            ("GET /workspaces?offset=-1", None, "offset"),
            ("GET /workspaces?limit=abc", None, "integer"),
        ],
    )
    .await;
}

#[tokio::test]
async fn create_get_by_id_and_slug_update_delete() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .post(
            "/workspaces",
            json!({"name": "Marketing", "slug": "marketing", "description": "Ads",
                   "default_text_model": "openai/gpt-4o", "io_logging_sampling_rate": 0.5}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let ws = &v["data"];
    let id = ws["id"].as_str().unwrap().to_owned();
    assert!(uuid::Uuid::try_parse(&id).is_ok());
    assert_eq!(ws["slug"], "marketing");
    assert_eq!(ws["updated_at"], serde_json::Value::Null);
    assert_eq!(ws["is_data_discount_logging_enabled"], true);
    assert_eq!(ws["io_logging_sampling_rate"], 0.5);
    assert!(uuid::Uuid::try_parse(ws["default_guardrail_id"].as_str().unwrap()).is_ok());

    let (s, by_id) = sb.get(&format!("/workspaces/{id}")).await;
    assert_eq!(s, 200);
    let (_, by_slug) = sb.get("/workspaces/marketing").await;
    assert_eq!(by_id, by_slug);

    // Three-state PATCH: absent unchanged, null clears, value sets.
    let (s, v) = sb
        .patch(
            "/workspaces/marketing",
            json!({"description": null, "name": "Growth"}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["description"], serde_json::Value::Null);
    assert_eq!(v["data"]["name"], "Growth");
    assert_eq!(v["data"]["default_text_model"], "openai/gpt-4o");
    let first_update = v["data"]["updated_at"].as_str().unwrap().to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (_, v) = sb
        .patch(&format!("/workspaces/{id}"), json!({"slug": "growth"}))
        .await;
    assert_eq!(v["data"]["slug"], "growth");
    assert!(v["data"]["updated_at"].as_str().unwrap() > first_update.as_str());
    assert_error(&sb.get("/workspaces/marketing").await, 404, "not found");

    assert_eq!(
        sb.delete("/workspaces/growth").await,
        (200, json!({"deleted": true}))
    );
    sb.assert_errors(
        404,
        &[
            (&format!("GET /workspaces/{id}"), None, "not found"),
            (&format!("DELETE /workspaces/{id}"), None, "not found"),
        ],
    )
    .await;
}

#[tokio::test]
async fn create_validates_every_field() {
    let sb = Sb::start().await;
    let cases = [
        (json!({"slug": "a"}), "name: required"),
        (json!({"name": "A"}), "slug: required"),
        (json!({"name": "", "slug": "a"}), "name: must be 1 to 100"),
        (
            json!({"name": "x".repeat(101), "slug": "a"}),
            "name: must be 1 to 100",
        ),
        (json!({"name": "A", "slug": "Bad_Slug"}), "slug:"),
        (json!({"name": "A", "slug": "a--b"}), "slug:"),
        (
            json!({"name": "A", "slug": "x".repeat(51)}),
            "slug: must be 1 to 50",
        ),
        (
            json!({"name": "A", "slug": "a", "description": "d".repeat(501)}),
            "description: must be at most 500",
        ),
        (
            json!({"name": "A", "slug": "a", "io_logging_sampling_rate": 0}),
            "io_logging_sampling_rate",
        ),
        (
            json!({"name": "A", "slug": "a", "io_logging_sampling_rate": 1.5}),
            "io_logging_sampling_rate",
        ),
        (json!({"name": 5, "slug": "a"}), "name: must be a string"),
        (
            json!({"name": "A", "slug": "a", "is_data_discount_logging_enabled": "yes"}),
            "is_data_discount_logging_enabled: must be a boolean",
        ),
        (
            json!({"name": "A", "slug": "a", "io_logging_api_key_ids": [1, "x"]}),
            "io_logging_api_key_ids[1]",
        ),
        (json!({"name": "A", "slug": "production"}), "already used"),
    ];
    for (body, needle) in cases {
        assert_error(&sb.post("/workspaces", body).await, 400, needle);
    }
    let (_, v) = sb.get("/workspaces").await;
    assert!(
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["slug"] != "a"),
        "store untouched"
    );
}

#[tokio::test]
async fn default_workspace_cannot_be_deleted() {
    let sb = Sb::start().await;
    assert_error(
        &sb.delete("/workspaces/default").await,
        403,
        "default workspace",
    );
    assert_eq!(sb.get("/workspaces/default").await.0, 200);
}

#[tokio::test]
async fn workspace_with_active_keys_cannot_be_deleted() {
    let sb = Sb::start().await;
    let ws = sb.new_workspace("Tmp", "tmp").await;
    let ws_id = ws["id"].as_str().unwrap().to_owned();
    let (_, key) = sb
        .post("/keys", json!({"name": "k", "workspace_id": ws_id}))
        .await;
    let hash = key["data"]["hash"].as_str().unwrap().to_owned();
    sb.put("/workspaces/tmp/budgets/daily", json!({"limit_usd": 5}))
        .await;
    assert_error(&sb.delete("/workspaces/tmp").await, 400, "active API key");
    // Disabled keys don't block; deletion takes budgets and keys with it.
    sb.patch(&format!("/keys/{hash}"), json!({"disabled": true}))
        .await;
    assert_eq!(sb.delete("/workspaces/tmp").await.0, 200);
    assert_error(&sb.get(&format!("/keys/{hash}")).await, 404, "not found");
    // Recreating the slug starts without the old budgets.
    sb.post("/workspaces", json!({"name": "Tmp", "slug": "tmp"}))
        .await;
    let (_, b) = sb.get("/workspaces/tmp/budgets").await;
    assert_eq!(b["data"], json!([]));
}

#[tokio::test]
async fn slug_that_looks_like_uuid_is_refused() {
    let sb = Sb::start().await;
    let body = json!({"name": "A", "slug": "550e8400-e29b-41d4-a716-446655440000"});
    assert_error(&sb.post("/workspaces", body).await, 400, "UUID");
}

#[tokio::test]
async fn patch_rejects_null_for_non_nullable_and_keeps_store() {
    let sb = Sb::start().await;
    let (_, before) = sb.get("/workspaces/staging").await;
    sb.assert_errors(
        400,
        &[
            (
                "PATCH /workspaces/staging",
                Some(json!({"name": null})),
                "name: must not be null",
            ),
            (
                "PATCH /workspaces/staging",
                Some(json!({"slug": "research"})),
                "already used",
            ),
        ],
    )
    .await;
    assert_error(
        &sb.patch("/workspaces/nope", json!({})).await,
        404,
        "not found",
    );
    let (_, after) = sb.get("/workspaces/staging").await;
    assert_eq!(before, after);
    // An empty PATCH changes nothing, not even updated_at.
    let (s, v) = sb.patch("/workspaces/staging", json!({})).await;
    assert_eq!(s, 200);
    assert_eq!(v, before);
}
