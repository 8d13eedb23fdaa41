//! Credits and activity against the sandbox: decoding, filters, and each rule's error.

use super::*;

fn r4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

fn day(offset: i64) -> String {
    openrouter_admin::time::format_date(openrouter_admin::time::today() + offset)
}

async fn production(c: &Client) -> Workspace {
    c.workspace("production")
        .get()
        .send()
        .await
        .expect("production")
}

/// A seeded key of `production` with spend over the last 30 days.
async fn spent_key(c: &Client) -> ApiKey {
    let ws = production(c).await;
    let keys = all_keys(c, &ws).await;
    keys.into_iter()
        .find(|k| {
            k.usage_weekly > k.usage_daily
                && k.usage_monthly > k.usage_weekly
                && k.usage_daily > 0.0
        })
        .expect("a key that spent")
}

#[wasm_bindgen_test]
async fn credits_decode_with_a_positive_balance() {
    let credits = client().credits().send().await.expect("GET /credits");
    assert!(credits.total_usage > 0.0, "{credits:?}");
    assert!(credits.balance() > 0.0, "{credits:?}");
}

#[wasm_bindgen_test]
async fn activity_covers_thirty_days_and_sums_to_a_keys_windows() {
    let c = client();
    let all = c.activity().send().await.expect("GET /activity");
    let dates: std::collections::BTreeSet<&str> = all.iter().map(|r| r.date.as_str()).collect();
    assert_eq!(dates.len(), 30);
    assert_eq!(dates.first().copied(), Some(day(-30).as_str()));
    assert_eq!(dates.last().copied(), Some(day(-1).as_str()));
    assert!(all.iter().all(|r| r.workspace_id.is_none()));

    let key = spent_key(&c).await;
    let rows = c.activity().key(&key.hash).send().await.expect("by key");
    let sum = |from: i64| {
        let since = day(from);
        r4(rows
            .iter()
            .filter(|r| r.date >= since)
            .map(|r| r.usage)
            .sum())
    };
    // `usage_daily` is today's spend, in no completed day's row; the windows end now.
    assert_eq!(sum(-6), r4(key.usage_weekly - key.usage_daily));
    assert_eq!(sum(-29), r4(key.usage_monthly - key.usage_daily));
    let since = day(-29);
    let byok: f64 = rows
        .iter()
        .filter(|r| r.date >= since)
        .map(|r| r.byok_usage_inference)
        .sum();
    assert_eq!(r4(byok), r4(key.byok_usage_monthly - key.byok_usage_daily));

    let yesterday = ok(
        c.activity().key(&key.hash).date(day(-1)).send(),
        "by key and day",
    )
    .await;
    assert!(yesterday.iter().all(|r| r.date == day(-1)));
    assert_eq!(
        r4(yesterday.iter().map(|r| r.usage).sum()),
        sum(-1),
        "the day filter gives that day's rows"
    );
}

#[wasm_bindgen_test]
async fn activity_by_workspace_names_it_and_the_filter_keeps_to_it() {
    let c = client();
    let ws = production(&c).await;
    let grouped = ok(
        c.activity().workspace(&ws.id).by_workspace().send(),
        "grouped",
    )
    .await;
    assert!(!grouped.is_empty());
    assert!(grouped
        .iter()
        .all(|r| r.workspace_id.as_ref() == Some(&ws.id)));
    let plain = ok(c.activity().workspace(&ws.id).send(), "filtered").await;
    let total = |rows: &[ActivityItem]| r4(rows.iter().map(|r| r.usage).sum());
    assert_eq!(total(&grouped), total(&plain));
    let member = org_user(&c, "ada.").await;
    let theirs = c.activity().user(&member).send().await.expect("by user");
    assert!(total(&theirs) <= total(&c.activity().send().await.expect("all")));
}

#[wasm_bindgen_test]
async fn bad_filters_fail_before_sending_or_with_the_sandboxs_400() {
    let c = client();
    let before = log_count("GET", "/api/v1/activity").await;
    for call in [
        c.activity().date("2025-8-24"),
        c.activity().date(day(0)),
        c.activity().date(day(-31)),
        c.activity().key(""),
        c.activity().workspace(""),
        c.activity().user(""),
    ] {
        let e = call.send().await.expect_err("invalid");
        assert_eq!(e.kind(), ErrorKind::Validation, "{e}");
    }
    assert_eq!(
        log_count("GET", "/api/v1/activity").await,
        before,
        "nothing was sent"
    );

    // Rules only the server knows: a hash that is no hash, a workspace of no account.
    let e = c.activity().key("abc").send().await.expect_err("400");
    assert_eq!(e.status(), Some(400));
    assert!(e.message().contains("api_key_hash"), "{e}");
    let e = fails(
        c.activity()
            .workspace("550e8400-e29b-41d4-a716-446655440000")
            .send(),
        "404",
    )
    .await;
    assert!(e.is_not_found(), "{e}");
    assert!(e.message().contains("workspace_id"), "{e}");
}

#[wasm_bindgen_test]
async fn an_ordinary_key_is_refused_credits_and_activity() {
    let c = client();
    let created = ok(
        c.keys().create(CreateKey::new(unique("ordinary"))).send(),
        "create",
    )
    .await;
    let ordinary = Client::builder()
        .api_key(created.key.expose_secret())
        .base_url(api())
        .build()
        .expect("client");
    let e = ordinary.credits().send().await.expect_err("403");
    assert_eq!(e.status(), Some(403));
    let e = ordinary.activity().send().await.expect_err("403");
    assert_eq!(e.status(), Some(403));
    ok(c.key(&created.data.hash).delete().send(), "delete").await;
}
