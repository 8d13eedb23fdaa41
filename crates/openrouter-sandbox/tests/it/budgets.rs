use serde_json::{json, Value};

use crate::common::Sb;

#[tokio::test]
async fn list_get_put_delete() {
    let sb = Sb::start().await;
    let (s, v) = sb.get("/workspaces/production/budgets").await;
    assert_eq!(s, 200);
    let intervals: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reset_interval"].as_str().unwrap())
        .collect();
    assert_eq!(intervals, ["daily", "weekly", "monthly"]);
    assert_eq!(v["include_byok_in_budgets"], false);

    let (s, v) = sb
        .put(
            "/workspaces/production/budgets/lifetime",
            json!({"limit_usd": 100000, "include_byok_in_budgets": true}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["reset_interval"], serde_json::Value::Null);
    assert_eq!(v["data"]["limit_usd"], 100000.0);
    assert_eq!(v["include_byok_in_budgets"], true);
    let created = v["data"]["created_at"].clone();
    let id = v["data"]["id"].clone();

    let (s, g) = sb.get("/workspaces/production/budgets/lifetime").await;
    assert_eq!(s, 200);
    assert_eq!(g["data"], v["data"]);

    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (_, v2) = sb
        .put(
            "/workspaces/production/budgets/lifetime",
            json!({"limit_usd": 90000}),
        )
        .await;
    assert_eq!(v2["data"]["id"], id, "update keeps the budget");
    assert_eq!(v2["data"]["created_at"], created);
    assert!(v2["data"]["updated_at"].as_str().unwrap() > created.as_str().unwrap());
    assert_eq!(v2["include_byok_in_budgets"], true, "absent flag unchanged");

    assert_eq!(
        sb.delete("/workspaces/production/budgets/lifetime").await,
        (200, json!({"deleted": true}))
    );
    sb.assert_errors(
        404,
        &[
            (
                "GET /workspaces/production/budgets/lifetime",
                None,
                "no lifetime budget",
            ),
            (
                "DELETE /workspaces/production/budgets/lifetime",
                None,
                "no lifetime budget",
            ),
        ],
    )
    .await;
}

#[tokio::test]
async fn budgets_must_strictly_shrink() {
    let sb = Sb::start().await;
    // production has monthly > weekly > daily budgets (their figures follow the demo's spend).
    let limit = |list: &Value, interval: &str| -> f64 {
        list["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["reset_interval"] == interval)
            .unwrap_or_else(|| panic!("no {interval} budget: {list}"))["limit_usd"]
            .as_f64()
            .unwrap()
    };
    let (_, list) = sb.get("/workspaces/production/budgets").await;
    let (monthly, weekly, daily) = (
        limit(&list, "monthly"),
        limit(&list, "weekly"),
        limit(&list, "daily"),
    );
    assert!(monthly > weekly && weekly > daily, "{list}");
    sb.assert_errors(
        400,
        &[
            (
                "PUT /workspaces/production/budgets/daily",
                Some(json!({ "limit_usd": weekly })),
                "strictly shrink",
            ),
            (
                "PUT /workspaces/production/budgets/weekly",
                Some(json!({ "limit_usd": monthly })),
                &format!("weekly budget ({monthly}) must be less than the monthly"),
            ),
            (
                "PUT /workspaces/production/budgets/weekly",
                Some(json!({ "limit_usd": daily })),
                "greater than the daily",
            ),
            (
                "PUT /workspaces/production/budgets/lifetime",
                Some(json!({ "limit_usd": monthly - 1.0 })),
                "lifetime",
            ),
        ],
    )
    .await;
    let between = weekly - 0.5;
    assert_eq!(
        sb.put(
            "/workspaces/production/budgets/weekly",
            json!({ "limit_usd": between })
        )
        .await
        .0,
        200
    );
    let (_, g) = sb.get("/workspaces/production/budgets/weekly").await;
    assert_eq!(g["data"]["limit_usd"], between);
}

#[tokio::test]
async fn budget_input_rules() {
    let sb = Sb::start().await;
    sb.assert_errors(
        400,
        &[
            (
                "PUT /workspaces/production/budgets/yearly",
                Some(json!({"limit_usd": 1})),
                "interval",
            ),
            (
                "GET /workspaces/production/budgets/yearly",
                None,
                "interval",
            ),
            (
                "DELETE /workspaces/production/budgets/yearly",
                None,
                "interval",
            ),
            (
                "PUT /workspaces/staging/budgets/weekly",
                Some(json!({"limit_usd": 0})),
                "limit_usd: must be greater than 0",
            ),
            (
                "PUT /workspaces/staging/budgets/weekly",
                Some(json!({"limit_usd": -3})),
                "greater than 0",
            ),
            (
                "PUT /workspaces/staging/budgets/weekly",
                Some(json!({})),
                "limit_usd: required",
            ),
            (
                "PUT /workspaces/staging/budgets/weekly",
                Some(json!({"limit_usd": "5"})),
                "limit_usd: must be a number",
            ),
        ],
    )
    .await;
    sb.assert_errors(
        404,
        &[
            (
                "PUT /workspaces/nope/budgets/weekly",
                Some(json!({"limit_usd": 5})),
                "not found",
            ),
            ("GET /workspaces/nope/budgets", None, "not found"),
        ],
    )
    .await;
    let (_, v) = sb.get("/workspaces/staging/budgets").await;
    assert_eq!(v["data"].as_array().unwrap().len(), 1, "store untouched");
}
