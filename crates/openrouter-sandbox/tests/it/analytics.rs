//! The analytics meta and query, and generation feedback.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::common::{assert_error, Sb};

fn day_window(day: &str) -> Value {
    let next = time::Date::parse(
        day,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .unwrap()
    .next_day()
    .unwrap();
    json!({"start": format!("{day}T00:00:00Z"), "end": format!("{next}T00:00:00Z")})
}

async fn query(sb: &Sb, body: Value) -> Value {
    let (s, v) = sb.post("/analytics/query", body).await;
    assert_eq!(s, 200, "{v}");
    v["data"].clone()
}

#[tokio::test]
async fn meta_lists_what_a_query_takes() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/analytics/meta").await;
    assert_eq!(s, 200);
    let names = |list: &str| -> Vec<String> {
        v["data"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(names("metrics").contains(&"request_count".to_owned()));
    assert!(names("metrics").contains(&"spend".to_owned()));
    assert_eq!(names("dimensions").len(), 6);
    assert_eq!(
        names("granularities"),
        ["minute", "hour", "day", "week", "month"]
    );
    assert_eq!(names("operators").len(), 8);
    let rate = &v["data"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["is_rate"] == true);
    assert!(rate.is_some());
}

#[tokio::test]
async fn a_days_spend_by_model_agrees_with_activity_to_the_cent() {
    let sb = Sb::start().await;
    let (_, act) = sb.get("/activity").await;
    let day = act["data"].as_array().unwrap().last().unwrap()["date"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, act) = sb.get(&format!("/activity?date={day}")).await;
    let mut want: BTreeMap<String, (f64, i64)> = BTreeMap::new();
    for r in act["data"].as_array().unwrap() {
        let e = want
            .entry(r["model"].as_str().unwrap().to_owned())
            .or_default();
        e.0 += r["usage"].as_f64().unwrap();
        e.1 += r["requests"].as_i64().unwrap();
    }
    let got = query(
        &sb,
        json!({"metrics": ["spend", "request_count"], "dimensions": ["model"],
               "granularity": "day", "time_range": day_window(&day)}),
    )
    .await;
    let rows = got["data"].as_array().unwrap();
    assert_eq!(rows.len(), want.len(), "{got}");
    for row in rows {
        let (spend, requests) = want[row["model"].as_str().unwrap()];
        assert!(
            (row["spend"].as_f64().unwrap() - spend).abs() < 0.005,
            "{row} vs {spend}"
        );
        // Counts arrive as strings of digits, costs as numbers.
        assert_eq!(row["request_count"], json!(requests.to_string()));
        assert_eq!(row["date__day"], json!(format!("{day}T00:00:00.000Z")));
    }
    assert_eq!(got["metadata"]["row_count"], rows.len());
    assert_eq!(got["metadata"]["truncated"], false);
    assert!(got["metadata"]["query_time_ms"].is_number());
    // The whole day's spend, undivided, matches too.
    let total = query(
        &sb,
        json!({"metrics": ["spend"], "time_range": day_window(&day)}),
    )
    .await;
    let want_total: f64 = want.values().map(|v| v.0).sum();
    assert!((total["data"][0]["spend"].as_f64().unwrap() - want_total).abs() < 0.005);
}

#[tokio::test]
async fn dimensions_answer_names_and_filters_take_ids() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("production").await;
    let got = query(
        &sb,
        json!({"metrics": ["spend"], "dimensions": ["workspace", "api_key_id"],
               "filters": [{"field": "workspace", "operator": "eq", "value": ws}]}),
    )
    .await;
    let rows = got["data"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["workspace"] == "Production"), "{got}");
    assert!(rows
        .iter()
        .all(|r| r["api_key_id"].as_str().unwrap().starts_with("production-")));
    assert_eq!(got["warnings"], json!([]));
    // A name where an id belongs matches nothing, and says so.
    let got = query(
        &sb,
        json!({"metrics": ["spend"],
               "filters": [{"field": "workspace", "operator": "in", "value": ["Production"]}]}),
    )
    .await;
    assert_eq!(got["data"], json!([]));
    assert!(
        got["warnings"][0].as_str().unwrap().contains("filters[0]"),
        "{got}"
    );
    // Ordered, limited, truncated.
    let got = query(
        &sb,
        json!({"metrics": ["request_count"], "dimensions": ["api_key_id"], "limit": 2,
               "order_by": {"field": "request_count", "direction": "asc"}}),
    )
    .await;
    let rows = got["data"].as_array().unwrap();
    assert_eq!(
        (rows.len(), got["metadata"]["truncated"].clone()),
        (2, json!(true))
    );
    let n = |r: &Value| r["request_count"].as_str().unwrap().parse::<u64>().unwrap();
    assert!(n(&rows[0]) <= n(&rows[1]));
}

#[tokio::test]
async fn every_limit_is_a_400_naming_the_field() {
    let sb = Sb::start().await;
    let q = |extra: Value| {
        let mut body = json!({"metrics": ["spend"]});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        Some(body)
    };
    let filters = |n: usize| {
        json!((0..n).map(|_| json!({"field": "model", "operator": "eq", "value": "openai/gpt-4.1-2025-04-14"})).collect::<Vec<_>>())
    };
    let range = |start: &str, end: &str| json!({"start": start, "end": end});
    let p = "POST /analytics/query";
    sb.assert_errors(
        400,
        &[
            (p, Some(json!({})), "metrics: required"),
            (p, Some(json!({"metrics": []})), "metrics"),
            (p, Some(json!({"metrics": ["profit"]})), "metrics[0]"),
            (p, q(json!({"dimensions": ["model", "user", "workspace"]})), "dimensions: at most 2"),
            (p, q(json!({"dimensions": ["planet"]})), "dimensions[0]"),
            (p, q(json!({"filters": filters(21)})), "filters: at most 20"),
            (p, q(json!({"filters": [{"field": "model", "operator": "in", "value": "x"}]})), "filters[0].value"),
            (p, q(json!({"filters": [{"field": "model", "operator": "eq", "value": ["x"]}]})), "filters[0].value"),
            (p, q(json!({"filters": [{"field": "model", "operator": "like", "value": "x"}]})), "filters[0].operator"),
            (p, q(json!({"limit": 0})), "limit"),
            (p, q(json!({"limit": 10_001})), "limit"),
            (p, q(json!({"group_limit": 0})), "group_limit"),
            (p, q(json!({"granularity": "year"})), "granularity"),
            (p, q(json!({"time_range": range("2025-01-01T00:00:00Z", "2026-01-02T00:00:00Z")})), "time_range: at most 365 days"),
            (p, q(json!({"time_range": range("2025-01-01T00:00Z", "2025-01-02T00:00:00Z")})), "time_range.start"),
            (p, q(json!({"time_range": range("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z")})), "time_range: end must be after start"),
            (p, q(json!({"granularity": "minute", "time_range": range("2025-01-01T00:00:00Z", "2025-01-01T03:00:01Z")})), "granularity: minute"),
            (p, q(json!({"classifier_dimensions": {"classifier_id": "550e8400-e29b-41d4-a716-446655440000"},
                         "time_range": range("2025-01-01T00:00:00Z", "2025-02-02T00:00:00Z")})), "at most 31 days"),
            (p, q(json!({"order_by": {"field": "profit", "direction": "asc"}})), "order_by.field"),
            // null is no value the spec allows (schemathesis sends it): a 400, not the default.
            (p, q(json!({"time_range": null})), "time_range: must be an object"),
            (p, q(json!({"dimensions": null})), "dimensions: must be an array"),
            (p, q(json!({"granularity": null})), "granularity"),
        ],
    )
    .await;
    // Exactly 3 hours of minutes is allowed.
    let (s, _) = sb
        .post(
            "/analytics/query",
            json!({"metrics": ["spend"], "granularity": "minute",
                   "time_range": range("2025-01-01T00:00:00Z", "2025-01-01T03:00:00Z")}),
        )
        .await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn a_slow_or_rate_limited_query_comes_from_the_fault_controls() {
    let sb = Sb::start().await;
    sb.fault(
        "POST",
        "/api/v1/analytics/query",
        json!([{"status": 408}, {"status": 429, "retry_after": 1}]),
    )
    .await;
    let body = json!({"metrics": ["spend"]});
    assert_eq!(sb.post("/analytics/query", body.clone()).await.0, 408);
    assert_eq!(sb.post("/analytics/query", body.clone()).await.0, 429);
    assert_eq!(sb.post("/analytics/query", body).await.0, 200);
}

#[tokio::test]
async fn feedback_on_a_demo_generation() {
    let sb = Sb::start().await;
    let id = openrouter_sandbox::seed_scim::DEMO_GENERATIONS[1].0;
    let ok =
        |comment: String| json!({"generation_id": id, "category": "latency", "comment": comment});
    let (s, v) = sb.post("/generation/feedback", ok("x".repeat(1_000))).await;
    assert_eq!((s, v), (200, json!({"data": {"success": true}})));
    sb.assert_errors(
        400,
        &[
            (
                "POST /generation/feedback",
                Some(ok("é".repeat(1_001))),
                "comment: at most 1000",
            ),
            (
                "POST /generation/feedback",
                Some(json!({"generation_id": id, "category": "rude"})),
                "category",
            ),
            (
                "POST /generation/feedback",
                Some(json!({"category": "other"})),
                "generation_id",
            ),
            (
                "POST /generation/feedback",
                Some(json!({"generation_id": "", "category": "other"})),
                "generation_id",
            ),
        ],
    )
    .await;
    assert_error(
        &sb.post(
            "/generation/feedback",
            json!({"generation_id": "gen-unknown", "category": "other"}),
        )
        .await,
        404,
        "generation_id",
    );
    // Sent too often on one generation: 429 with a Retry-After.
    for _ in 1..openrouter_sandbox::feedback::PER_MINUTE {
        assert_eq!(
            sb.post("/generation/feedback", ok(String::new())).await.0,
            200
        );
    }
    let resp = crate::common::send(
        sb.request(reqwest::Method::POST, "/generation/feedback")
            .json(&ok(String::new())),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 429);
    assert!(resp.headers().get("retry-after").is_some());
    // Another generation is not held back.
    let other = openrouter_sandbox::seed_scim::DEMO_GENERATIONS[0].0;
    let (s, _) = sb
        .post(
            "/generation/feedback",
            json!({"generation_id": other, "category": "billing"}),
        )
        .await;
    assert_eq!(s, 200);
}
