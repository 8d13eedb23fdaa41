use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{assert_error, error_body, Sb};

async fn text_call(sb: &Sb, method: Method, path: &str, body: &str) -> (u16, Value) {
    let resp = sb.raw(method, &sb.api(path), Some(body.to_owned())).await;
    let status = resp.status().as_u16();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(
        ctype.as_deref(),
        Some("application/json"),
        "errors are JSON"
    );
    (status, resp.json().await.unwrap())
}

#[tokio::test]
async fn malformed_json_is_400_with_envelope() {
    let sb = Sb::start().await;
    for path in ["/workspaces", "/keys", "/workspaces/production/members/add"] {
        assert_error(
            &text_call(&sb, Method::POST, path, "{\"name\": ").await,
            400,
            "malformed JSON",
        );
    }
    assert_error(
        &text_call(&sb, Method::PATCH, "/workspaces/staging", "not json").await,
        400,
        "malformed JSON",
    );
    assert_error(
        &text_call(
            &sb,
            Method::PUT,
            "/workspaces/staging/budgets/daily",
            "{'a':1}",
        )
        .await,
        400,
        "malformed JSON",
    );
}

#[tokio::test]
async fn non_object_and_empty_bodies_are_400() {
    let sb = Sb::start().await;
    assert_error(
        &text_call(&sb, Method::POST, "/workspaces", "[1,2]").await,
        400,
        "must be a JSON object, got array",
    );
    assert_error(
        &text_call(&sb, Method::POST, "/keys", "\"x\"").await,
        400,
        "got string",
    );
    assert_error(
        &text_call(&sb, Method::POST, "/keys", "null").await,
        400,
        "got null",
    );
    assert_error(
        &text_call(&sb, Method::POST, "/keys", "").await,
        400,
        "required",
    );
}

#[tokio::test]
async fn oversize_body_is_413_with_envelope() {
    let sb = Sb::start().await;
    let big = format!(
        "{{\"name\":\"{}\",\"slug\":\"big\"}}",
        "x".repeat(2 * 1024 * 1024)
    );
    let got = text_call(&sb, Method::POST, "/workspaces", &big).await;
    assert_error(&got, 413, "larger than");
    assert_error(&sb.get("/workspaces/big").await, 404, "not found");
}

#[tokio::test]
async fn out_of_range_numbers_are_400() {
    let sb = Sb::start().await;
    assert_error(
        &text_call(
            &sb,
            Method::POST,
            "/keys",
            "{\"name\":\"a\",\"limit\":1e400}",
        )
        .await,
        400,
        "malformed JSON",
    );
    sb.assert_errors(
        400,
        &[
            (
                "POST /keys",
                Some(json!({"name": "a", "limit": -0.01})),
                "limit",
            ),
            (
                "PUT /workspaces/staging/budgets/weekly",
                Some(json!({"limit_usd": -1})),
                "limit_usd",
            ),
            (
                "PATCH /workspaces/staging",
                Some(json!({"io_logging_sampling_rate": 0.00001})),
                "io_logging_sampling_rate",
            ),
            (
                "GET /workspaces?limit=99999999999999999999999",
                None,
                "limit",
            ),
        ],
    )
    .await;
}

#[tokio::test]
async fn unknown_fields_are_ignored_as_the_spec_allows() {
    let sb = Sb::start().await;
    let (s, v) = sb
        .post(
            "/workspaces",
            json!({"name": "X", "slug": "x", "colour": "blue"}),
        )
        .await;
    assert_eq!(s, 201);
    assert!(v["data"].get("colour").is_none());
}

#[tokio::test]
async fn unknown_route_is_404_and_wrong_method_is_405() {
    let sb = Sb::start().await;
    sb.assert_errors(
        404,
        &[
            (
                "GET /nothing-here",
                None,
                "no route for GET /api/v1/nothing-here",
            ),
            ("GET /workspaces/production/teams", None, "no route"),
        ],
    )
    .await;
    let resp = sb.fetch("/anything").await;
    error_body(resp, 404).await;
    sb.assert_errors(
        405,
        &[
            (
                "PUT /keys",
                None,
                "method PUT is not allowed on /api/v1/keys",
            ),
            ("DELETE /workspaces", None, "not allowed"),
            ("POST /key", None, "not allowed"),
            ("PATCH /workspaces/default/budgets", None, "not allowed"),
        ],
    )
    .await;
}

#[tokio::test]
async fn bad_percent_encoding_in_query_is_400() {
    let sb = Sb::start().await;
    assert_error(
        &sb.get("/workspaces?limit=%zz").await,
        400,
        "percent-encoding",
    );
}
