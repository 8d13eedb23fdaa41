//! The analytics explorer and generation feedback against the sandbox, in Chromium and
//! Firefox.

use super::*;

fn day(offset: i64) -> String {
    openrouter_admin::time::format_date(openrouter_admin::time::today() + offset)
}

#[wasm_bindgen_test]
async fn a_days_spend_by_model_is_activitys_with_every_column_kept() {
    let c = client();
    let meta = ok(c.analytics().meta().send(), "meta").await;
    assert!(meta.metrics.iter().any(|m| m.name == "request_count"));
    assert!(meta
        .granularities
        .iter()
        .any(|g| g.name == Granularity::Minute));
    let yesterday = day(-1);
    let q = AnalyticsQuery::new("spend")
        .metric("request_count")
        .group_by("model")
        .and_then(|q| {
            q.window(
                &format!("{yesterday}T00:00:00Z"),
                &format!("{}T00:00:00Z", day(0)),
            )
        })
        .and_then(|q| q.granularity(Granularity::Day))
        .expect("a valid query");
    let result = ok(c.analytics().query(q).send(), "query").await;
    let activity = ok(c.activity().date(yesterday.clone()).send(), "activity").await;
    let mut want: std::collections::BTreeMap<String, (f64, u64)> = Default::default();
    for r in &activity {
        let e = want.entry(r.model.clone()).or_default();
        e.0 += r.usage;
        e.1 += r.requests;
    }
    assert_eq!(result.data.len(), want.len());
    assert_eq!(result.metadata.row_count, want.len() as u64);
    for row in &result.data {
        let model = row.text("model").expect("model");
        let (spend, requests) = want[model];
        assert!(
            (row.number("spend").expect("spend") - spend).abs() < 0.005,
            "{row:?}"
        );
        assert_eq!(
            row.count("request_count").and_then(|n| n.as_u64()),
            Some(requests)
        );
        assert_eq!(
            row.date(&Granularity::Day),
            Some(format!("{yesterday}T00:00:00.000Z").as_str())
        );
        assert_eq!(
            row.columns().count(),
            4,
            "date, model and both metrics: {row:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn the_builder_refuses_before_anything_is_sent() {
    let before = log_count("POST", "/api/v1/analytics/query").await;
    let q = AnalyticsQuery::new("spend")
        .group_by("model")
        .and_then(|q| q.group_by("user"));
    let e = q.expect("two").group_by("workspace").expect_err("a third");
    assert_eq!(e.validation_errors()[0].field, "dimensions");
    let e = AnalyticsQuery::new("spend")
        .window("2026-01-01T00:00:00Z", "2026-01-01T04:00:00Z")
        .and_then(|q| q.granularity(Granularity::Minute))
        .expect_err("minutes over 4 hours");
    assert_eq!(e.validation_errors()[0].field, "granularity");
    assert_eq!(log_count("POST", "/api/v1/analytics/query").await, before);
}

#[wasm_bindgen_test]
async fn a_query_that_runs_too_long_is_a_408() {
    faults("POST", "/api/v1/analytics/query", json!([{"status": 408}])).await;
    let e = fails(
        client_with(10_000, 0)
            .analytics()
            .query(AnalyticsQuery::new("spend"))
            .send(),
        "408",
    )
    .await;
    assert_eq!(e.status(), Some(408));
}

#[wasm_bindgen_test]
async fn feedback_on_a_seeded_generation_and_an_unknown_one() {
    let c = client();
    let sent = ok(
        c.feedback(
            SubmitFeedback::new(
                "gen-1733527200-Tr6GbE2kYvDs0qWz5uNi",
                FeedbackCategory::Latency,
            )
            .comment("slow in the browser"),
        )
        .send(),
        "feedback",
    )
    .await;
    assert!(sent.success);
    let e = fails(
        c.feedback(SubmitFeedback::new(
            "gen-nobody-made",
            FeedbackCategory::Unlisted,
        ))
        .send(),
        "unknown",
    )
    .await;
    assert!(e.is_not_found());
}
