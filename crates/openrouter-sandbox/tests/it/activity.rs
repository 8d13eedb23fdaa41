//! `GET /activity` and `GET /credits`: shapes, filters, the consistency rule with the keys'
//! usage windows (see `src/activity.rs`), and every bad filter.

use std::collections::{BTreeMap, BTreeSet};

use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{all_keys, assert_error, Sb};

fn utc_today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Rounds a sum of four-decimal amounts back to four decimals.
fn r4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

async fn rows(sb: &Sb, query: &str) -> Vec<Value> {
    let (s, v) = sb.get(&format!("/activity{query}")).await;
    assert_eq!(s, 200, "{query}: {v}");
    v["data"].as_array().unwrap().clone()
}

fn sum(rows: &[Value], field: &str) -> f64 {
    r4(rows.iter().map(|r| r[field].as_f64().unwrap()).sum())
}

fn sum_field(keys: &[&Value], field: &str) -> f64 {
    r4(keys.iter().map(|k| k[field].as_f64().unwrap()).sum())
}

/// What the 29 most recent days of `keys` add up to: their monthly minus today's spend.
fn month_of(keys: &[&Value], prefix: &str) -> f64 {
    let w = |k: &Value, s: &str| k[format!("{prefix}_{s}")].as_f64().unwrap();
    r4(keys.iter().map(|k| w(k, "monthly") - w(k, "daily")).sum())
}

/// The rows of the 29 most recent days (the oldest covered day is outside every window).
fn recent(rows: &[Value]) -> Vec<Value> {
    let start = (utc_today() - time::Duration::days(29)).to_string();
    rows.iter()
        .filter(|r| r["date"].as_str().unwrap() >= start.as_str())
        .cloned()
        .collect()
}

#[tokio::test]
async fn activity_and_credits_need_the_management_key() {
    let sb = Sb::start().await;
    for path in ["/activity", "/credits"] {
        assert_error(
            &sb.call_as(None, Method::GET, path, None).await,
            401,
            "Missing Authentication header",
        );
        assert_error(
            &sb.call_as(Some("sk-or-v1-bogus"), Method::GET, path, None)
                .await,
            401,
            "Invalid API key",
        );
    }
    let (s, made) = sb.post("/keys", json!({ "name": "ordinary" })).await;
    assert_eq!(s, 201, "{made}");
    let secret = made["key"].as_str().unwrap();
    for path in ["/activity", "/credits", "/activity?group_by=workspace"] {
        assert_error(
            &sb.call_as(Some(secret), Method::GET, path, None).await,
            403,
            "Only management keys",
        );
    }
}

#[tokio::test]
async fn rows_have_the_spec_shape_over_thirty_completed_days() {
    let sb = Sb::start().await;
    let data = rows(&sb, "").await;
    assert!(data.len() > 100, "a demo org has busy days: {}", data.len());
    let today = utc_today();
    let dates: BTreeSet<String> = data
        .iter()
        .map(|r| r["date"].as_str().unwrap().to_owned())
        .collect();
    let first = (today - time::Duration::days(30)).to_string();
    let last = (today - time::Duration::days(1)).to_string();
    assert_eq!(dates.len(), 30, "every covered day has activity: {dates:?}");
    assert_eq!(dates.first(), Some(&first));
    assert_eq!(dates.last(), Some(&last));
    let mut previous = String::new();
    for r in &data {
        let o = r.as_object().unwrap();
        for f in [
            "date",
            "model",
            "model_permaslug",
            "endpoint_id",
            "provider_name",
        ] {
            assert!(!o[f].as_str().unwrap().is_empty(), "{f} in {r}");
        }
        uuid::Uuid::parse_str(o["endpoint_id"].as_str().unwrap()).unwrap();
        for f in ["usage", "byok_usage_inference"] {
            assert!(o[f].as_f64().unwrap() >= 0.0, "{f} in {r}");
        }
        for f in [
            "requests",
            "prompt_tokens",
            "completion_tokens",
            "reasoning_tokens",
        ] {
            assert!(o[f].is_u64(), "{f} is an integer in {r}");
        }
        assert!(o["requests"].as_u64().unwrap() >= 1, "{r}");
        assert!(!o.contains_key("workspace_id"), "only with group_by: {r}");
        let date = o["date"].as_str().unwrap().to_owned();
        assert!(date >= previous, "oldest day first");
        previous = date;
    }
    // One row per day and endpoint when not grouped by workspace.
    let unique: BTreeSet<(String, String)> = data
        .iter()
        .map(|r| (r["date"].to_string(), r["endpoint_id"].to_string()))
        .collect();
    assert_eq!(unique.len(), data.len());
    // Deterministic: asked twice, the same answer.
    assert_eq!(rows(&sb, "").await, data);
}

/// The rule: `usage_daily` is today's spend (in no row); a key's activity over the 6 most recent
/// completed days sums to `usage_weekly - usage_daily`, over the 29 most recent to
/// `usage_monthly - usage_daily` (BYOK the same), to the ten-thousandth.
#[tokio::test]
async fn each_keys_activity_sums_to_its_usage_windows() {
    let sb = Sb::start().await;
    let keys = all_keys(&sb).await;
    assert!(keys.len() > 20);
    let today = utc_today();
    let since = |n: i64| (today - time::Duration::days(n)).to_string();
    let (week_start, month_start) = (since(6), since(29));
    let mut checked_spend = 0;
    for k in &keys {
        let hash = k["hash"].as_str().unwrap();
        let data = rows(&sb, &format!("?api_key_hash={hash}")).await;
        let from = |start: &str| -> Vec<Value> {
            data.iter()
                .filter(|r| r["date"].as_str().unwrap() >= start)
                .cloned()
                .collect()
        };
        let (week, month) = (from(&week_start), from(&month_start));
        for prefix in ["usage", "byok_usage"] {
            let field = if prefix == "usage" {
                "usage"
            } else {
                "byok_usage_inference"
            };
            let w = |s: &str| k[format!("{prefix}_{s}")].as_f64().unwrap();
            assert_eq!(
                sum(&week, field),
                r4(w("weekly") - w("daily")),
                "{prefix} week of {hash}"
            );
            assert_eq!(
                sum(&month, field),
                r4(w("monthly") - w("daily")),
                "{prefix} month of {hash}"
            );
        }
        if k["usage_monthly"].as_f64().unwrap() > k["usage_daily"].as_f64().unwrap() {
            checked_spend += 1;
            // The oldest day, outside every window, is an ordinary day, not a catch-all.
            let oldest = since(30);
            let old = sum(
                &data
                    .iter()
                    .filter(|r| r["date"] == oldest.as_str())
                    .cloned()
                    .collect::<Vec<_>>(),
                "usage",
            );
            assert!(old < sum(&month, "usage") / 5.0, "{hash}: {old}");
        }
    }
    assert!(checked_spend > 10, "the seed spends on most keys");
}

#[tokio::test]
async fn filters_select_and_group_by_workspace_splits() {
    let sb = Sb::start().await;
    let keys = all_keys(&sb).await;
    let all = rows(&sb, "").await;
    let every: Vec<&Value> = keys.iter().collect();
    assert_eq!(sum(&recent(&all), "usage"), month_of(&every, "usage"));
    assert_eq!(
        sum(&recent(&all), "byok_usage_inference"),
        month_of(&every, "byok_usage")
    );

    // group_by=workspace: every row names its workspace; per workspace it matches the filter.
    let grouped = rows(&sb, "?group_by=workspace").await;
    let mut by_ws: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for r in &grouped {
        let ws = r["workspace_id"]
            .as_str()
            .expect("workspace_id on every row");
        by_ws.entry(ws.to_owned()).or_default().push(r.clone());
    }
    assert!(by_ws.len() >= 3, "{:?}", by_ws.keys());
    assert_eq!(sum(&grouped, "usage"), sum(&all, "usage"));
    let production = sb.workspace_id("production").await;
    for (ws, ws_rows) in &by_ws {
        let filtered = rows(&sb, &format!("?workspace_id={ws}")).await;
        let mine: Vec<&Value> = keys
            .iter()
            .filter(|k| k["workspace_id"] == ws.as_str())
            .collect();
        assert_eq!(
            sum(&recent(&filtered), "usage"),
            month_of(&mine, "usage"),
            "{ws}"
        );
        assert_eq!(sum(ws_rows, "usage"), sum(&filtered, "usage"), "{ws}");
        assert!(filtered.iter().all(|r| r.get("workspace_id").is_none()));
        let both = rows(&sb, &format!("?workspace_id={ws}&group_by=workspace")).await;
        assert!(both.iter().all(|r| r["workspace_id"] == ws.as_str()));
    }
    assert!(by_ws.contains_key(&production));

    // user_id: keys that member created.
    let creator = keys
        .iter()
        .find(|k| k["usage_monthly"].as_f64().unwrap() > 0.0)
        .and_then(|k| k["creator_user_id"].as_str())
        .unwrap()
        .to_owned();
    let theirs: Vec<&Value> = keys
        .iter()
        .filter(|k| k["creator_user_id"] == creator.as_str())
        .collect();
    let by_user = rows(&sb, &format!("?user_id={creator}")).await;
    assert!(!by_user.is_empty());
    assert_eq!(sum(&recent(&by_user), "usage"), month_of(&theirs, "usage"));
    assert!(rows(&sb, "?user_id=user_nobody").await.is_empty());

    // date: only that day, the same rows as in the full answer.
    let day = (utc_today() - time::Duration::days(3)).to_string();
    let on_day = rows(&sb, &format!("?date={day}")).await;
    let expected: Vec<Value> = all
        .iter()
        .filter(|r| r["date"] == day.as_str())
        .cloned()
        .collect();
    assert!(!on_day.is_empty());
    assert_eq!(on_day, expected);

    // Filters combine; a key of another workspace under a workspace filter gives nothing.
    let k = keys
        .iter()
        .find(|k| {
            k["workspace_id"] != production.as_str() && k["usage_monthly"].as_f64().unwrap() > 0.0
        })
        .unwrap();
    let hash = k["hash"].as_str().unwrap();
    assert!(rows(
        &sb,
        &format!("?api_key_hash={hash}&workspace_id={production}")
    )
    .await
    .is_empty());
    let upper = rows(&sb, &format!("?api_key_hash={}", hash.to_uppercase())).await;
    assert_eq!(sum(&recent(&upper), "usage"), month_of(&[k], "usage"));
    // A hash no key has: nothing, not an error (a filter, like the keys list's).
    assert!(rows(&sb, &format!("?api_key_hash={}", "0".repeat(64)))
        .await
        .is_empty());
}

#[tokio::test]
async fn bad_filters_are_400_naming_the_parameter() {
    let sb = Sb::start().await;
    let today = utc_today();
    let too_old = (today - time::Duration::days(31)).to_string();
    let today_s = today.to_string();
    let future = (today + time::Duration::days(2)).to_string();
    let cases: Vec<(String, &str)> = vec![
        ("date=".into(), "date:"),
        ("date=%20".into(), "date:"),
        ("date=2025-8-24".into(), "date:"),
        ("date=2025/08/24".into(), "date:"),
        ("date=yesterday".into(), "date:"),
        ("date=2025-02-30".into(), "date:"),
        ("date=%2B2025-08-24".into(), "date:"),
        (format!("date={today_s}T00:00:00Z"), "date:"),
        (format!("date={today_s}"), "date:"),
        (format!("date={too_old}"), "date:"),
        (format!("date={future}"), "date:"),
        ("api_key_hash=".into(), "api_key_hash:"),
        ("api_key_hash=abc".into(), "api_key_hash:"),
        (format!("api_key_hash={}", "g".repeat(64)), "api_key_hash:"),
        ("user_id=".into(), "user_id:"),
        ("group_by=".into(), "group_by:"),
        ("group_by=key".into(), "group_by:"),
        ("group_by=Workspace".into(), "group_by:"),
        ("workspace_id=".into(), "workspace_id:"),
        ("workspace_id=production".into(), "workspace_id:"),
        ("workspace_id=1234".into(), "workspace_id:"),
    ];
    for (query, needle) in cases {
        assert_error(&sb.get(&format!("/activity?{query}")).await, 400, needle);
    }
    // The first and last covered days are accepted.
    for n in [1, 30] {
        let d = (today - time::Duration::days(n)).to_string();
        assert_eq!(sb.get(&format!("/activity?date={d}")).await.0, 200, "{d}");
    }
    // A well-formed UUID that is no workspace of this account.
    assert_error(
        &sb.get("/activity?workspace_id=550e8400-e29b-41d4-a716-446655440000")
            .await,
        404,
        "workspace_id:",
    );
}

#[tokio::test]
async fn credits_count_every_keys_usage_and_deleting_a_key_unspends_nothing() {
    let sb = Sb::start().await;
    let keys = all_keys(&sb).await;
    let every: Vec<&Value> = keys.iter().collect();
    let (s, v) = sb.get("/credits").await;
    assert_eq!(s, 200, "{v}");
    let used = v["data"]["total_usage"].as_f64().unwrap();
    let bought = v["data"]["total_credits"].as_f64().unwrap();
    assert_eq!(used, sum_field(&every, "usage"));
    assert!(bought > used, "a positive balance: {bought} > {used}");
    assert_eq!(bought % 5_000.0, 0.0, "bought in blocks: {bought}");

    // Deleting a spent key keeps its spend counted; a new key adds nothing.
    let spent = keys
        .iter()
        .find(|k| k["usage"].as_f64().unwrap() > 0.0 && k["disabled"] == false)
        .unwrap();
    let hash = spent["hash"].as_str().unwrap();
    assert_eq!(sb.delete(&format!("/keys/{hash}")).await.0, 200);
    assert_eq!(sb.post("/keys", json!({ "name": "fresh" })).await.0, 201);
    let (_, after) = sb.get("/credits").await;
    assert_eq!(after, v);
    // ...while its activity is gone with it.
    assert!(rows(&sb, &format!("?api_key_hash={hash}")).await.is_empty());

    // An empty organization has bought its first block and used nothing.
    let empty = Sb::with(openrouter_sandbox::Config {
        seed: openrouter_sandbox::SeedKind::Empty,
        management_key: Some(crate::common::MGMT.to_owned()),
        ..openrouter_sandbox::Config::default()
    })
    .await;
    let (_, v) = empty.get("/credits").await;
    assert_eq!(
        v,
        json!({ "data": { "total_credits": 5000.0, "total_usage": 0.0 } })
    );
    assert_eq!(empty.get("/activity").await.1, json!({ "data": [] }));
}
