//! The findings rules and their thresholds' edges, on snapshots built from the API's JSON.

use openrouter_admin::findings::{
    findings, needs_activity, runway, Finding, Fix, Kind, Object, OrgSnapshot, Severity, Thresholds,
};
use openrouter_admin::models::{ActivityItem, ApiKey, BudgetList, KeyHash, WorkspaceId};
use openrouter_admin::time::{format_datetime, parse_datetime};
use serde_json::{json, Value};

const WS: &str = "0df9e665-d932-5740-b2c7-b52af166bc11";
const DAY: f64 = 86_400_000.0;

/// Tuesday 2026-12-01 12:00 UTC: the week resets on Monday 7 December, 00:00 (5.5 days on).
fn now() -> f64 {
    parse_datetime("2026-12-01T12:00:00Z", false).expect("test data") as f64
}

fn at(days_from_now: f64) -> String {
    format_datetime((now() + days_from_now * DAY) as i64)
}

/// An enabled key with a $100 monthly limit, half spent, expiring in 60 days, created 10 days
/// ago by `user_a`: no findings. Each test changes what it tests.
fn key(hash: &str, changes: Value) -> ApiKey {
    let mut k = json!({
        "hash": hash, "name": format!("key {hash}"), "label": "sk-or-v1-abc...123",
        "disabled": false, "limit": 100.0, "limit_remaining": 50.0, "limit_reset": "monthly",
        "include_byok_in_limit": false, "usage": 50.0, "usage_daily": 1.0, "usage_weekly": 5.0,
        "usage_monthly": 50.0, "byok_usage": 0.0, "byok_usage_daily": 0.0, "byok_usage_weekly": 0.0,
        "byok_usage_monthly": 0.0, "created_at": at(-10.0), "updated_at": null,
        "creator_user_id": "user_a", "workspace_id": WS, "expires_at": at(60.0)
    });
    for (name, value) in changes.as_object().expect("test data") {
        k[name] = value.clone();
    }
    serde_json::from_value(k).expect("test data")
}

fn org(keys: Vec<ApiKey>) -> OrgSnapshot {
    OrgSnapshot {
        now_ms: now(),
        keys,
        members: vec![serde_json::from_value(
            json!({"id": "user_a", "first_name": null, "last_name": null, "email": "a@example.com", "role": "org:admin"}),
        )
        .expect("test data")],
        ..OrgSnapshot::default()
    }
}

/// Activity rows: `usd` spent (and one request) on each of the given days before today.
fn days(usd: f64, days_ago: impl IntoIterator<Item = i64>, ws: Option<&str>) -> Vec<ActivityItem> {
    let today = (now() / DAY).floor() as i64;
    days_ago
        .into_iter()
        .map(|ago| {
            serde_json::from_value(json!({
                "date": openrouter_admin::time::format_date(today - ago), "model": "openai/gpt-4.1",
                "model_permaslug": "openai/gpt-4.1", "endpoint_id": "e", "provider_name": "OpenAI",
                "usage": usd, "byok_usage_inference": 0.0, "requests": 1, "prompt_tokens": 1,
                "completion_tokens": 1, "reasoning_tokens": 0, "workspace_id": ws
            }))
            .expect("test data")
        })
        .collect()
}

fn all(org: &OrgSnapshot) -> Vec<Finding> {
    findings(org, &Thresholds::default())
}

/// The findings of one kind, as (severity, id).
fn of(org: &OrgSnapshot, kind: &str) -> Vec<(Severity, String)> {
    all(org)
        .into_iter()
        .filter(|f| f.kind.name() == kind)
        .map(|f| (f.severity, f.id))
        .collect()
}

#[test]
fn a_healthy_key_has_no_findings() {
    assert_eq!(all(&org(vec![key("a", json!({}))])), vec![]);
}

#[test]
fn expiry_thresholds_at_their_edges() {
    let cases = [
        (0.5, Some(Severity::Critical)),
        (1.0, Some(Severity::Critical)),
        (1.0 + 1.0 / 86_400.0, Some(Severity::Warning)),
        (7.0, Some(Severity::Warning)),
        (7.0 + 1.0 / 86_400.0, Some(Severity::Info)),
        (30.0, Some(Severity::Info)),
        (30.0 + 1.0 / 86_400.0, None),
    ];
    for (days_left, want) in cases {
        let o = org(vec![key("a", json!({ "expires_at": at(days_left) }))]);
        let got = of(&o, "expiring");
        assert_eq!(
            got.first().map(|g| g.0),
            want,
            "a key expiring in {days_left} days"
        );
        if want.is_some() {
            assert_eq!(got[0].1, "expiring:a");
        }
    }
}

#[test]
fn an_expired_enabled_key_is_a_warning_to_disable_and_a_disabled_one_is_not() {
    let o = org(vec![
        key("a", json!({ "expires_at": at(-0.01) })),
        key("b", json!({ "expires_at": at(-3.0), "disabled": true })),
        key("c", json!({ "expires_at": at(3.0), "disabled": true })),
    ]);
    let found = all(&o);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].kind.name(), "expired_not_disabled");
    assert_eq!(found[0].fix, Some(Fix::Disable));
}

#[test]
fn no_limit_and_no_expiry() {
    let o = org(vec![key(
        "a",
        json!({ "limit": null, "limit_remaining": null, "limit_reset": null, "expires_at": null, "usage_monthly": 40.0 }),
    )]);
    let found = all(&o);
    let no_limit = of_kind(&found, Kind::NoLimit);
    assert_eq!(no_limit.severity, Severity::Warning);
    // Half again the month's spend, in whole dollars.
    assert_eq!(
        no_limit.fix,
        Some(Fix::SetLimit {
            suggested_usd: 60.0
        })
    );
    let no_expiry = of_kind(&found, Kind::NoExpiry);
    assert_eq!(no_expiry.severity, Severity::Info);
    assert_eq!(
        no_expiry.fix,
        Some(Fix::RotateWithExpiry {
            suggested_expires_at: at(90.0)
        })
    );
}

#[test]
fn limit_use_thresholds_at_their_edges() {
    // Spent = limit - remaining, in the current window.
    let cases = [
        (100.0, 20.0, Some(Severity::Info)),    // exactly 80%
        (100.0, 20.000_001, None),              // just under 80%
        (100.0, 10.0, Some(Severity::Warning)), // exactly 90%
        (10.0, 1.0, Some(Severity::Warning)),   // 90% with a float that is not exact
        (100.0, 10.000_001, Some(Severity::Info)),
        (100.0, 0.0, Some(Severity::Critical)), // exactly 100%
        (100.0, -5.0, Some(Severity::Critical)), // overspent
    ];
    for (limit, remaining, want) in cases {
        let o = org(vec![key(
            "a",
            json!({ "limit": limit, "limit_remaining": remaining }),
        )]);
        assert_eq!(
            of(&o, "limit_use").first().map(|g| g.0),
            want,
            "limit {limit}, remaining {remaining}"
        );
    }
}

#[test]
fn a_key_is_projected_past_its_limit_only_when_its_pace_gets_there_before_the_reset() {
    // Weekly $100 limit, $50 spent; the week resets in 5.5 days.
    let weekly = |hash: &str| key(hash, json!({ "limit_reset": "weekly" }));
    let mut o = org(vec![weekly("fast"), weekly("slow"), weekly("unread")]);
    // $10 a day: $50 more in 5 days, before the reset.
    o.key_activity
        .insert(KeyHash::from("fast"), days(10.0, 1..=7, None));
    // $9 a day: 5.6 days, after the reset. Spend 8 days ago is outside the 7 days.
    let mut slow = days(9.0, 1..=7, None);
    slow.extend(days(1000.0, [8], None));
    o.key_activity.insert(KeyHash::from("slow"), slow);
    let found = all(&o);
    let projected: Vec<&Finding> = found
        .iter()
        .filter(|f| f.kind.name() == "limit_projected")
        .collect();
    assert_eq!(projected.len(), 1, "{found:#?}");
    assert_eq!(projected[0].id, "limit_projected:fast");
    match &projected[0].kind {
        Kind::LimitProjected {
            daily_usd,
            days_to_limit,
            resets_at,
            ..
        } => {
            assert!((daily_usd - 10.0).abs() < 1e-9);
            assert!((days_to_limit - 5.0).abs() < 1e-9);
            assert_eq!(resets_at, "2026-12-07T00:00:00Z");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn workspace_budgets_count_their_keys_spend_in_the_window() {
    let mut o = org(vec![
        key(
            "a",
            json!({ "usage_monthly": 60.0, "byok_usage_monthly": 20.0 }),
        ),
        key("b", json!({ "usage_monthly": 30.0 })),
        key(
            "elsewhere",
            json!({ "usage_monthly": 500.0, "workspace_id": "another" }),
        ),
    ]);
    let budgets = |byok: bool| -> BudgetList {
        serde_json::from_value(json!({
            "data": [{"id": "b1", "workspace_id": WS, "limit_usd": 100.0, "reset_interval": "monthly",
                      "created_at": at(-40.0), "updated_at": at(-40.0)}],
            "include_byok_in_budgets": byok
        }))
        .expect("test data")
    };
    o.budgets.insert(WorkspaceId::from(WS), budgets(false));
    let found = all(&o);
    let b = found
        .iter()
        .find(|f| f.kind.name() == "budget_use")
        .expect("test data");
    // $90 of $100: exactly 90%.
    assert_eq!(b.severity, Severity::Warning);
    assert_eq!(b.id, format!("budget_use:{WS}:monthly"));
    assert!(matches!(b.objects[0], Object::Workspace { .. }));
    // BYOK spend counts when the workspace says so: $110 of $100.
    o.budgets.insert(WorkspaceId::from(WS), budgets(true));
    assert_eq!(of(&o, "budget_use")[0].0, Severity::Critical);
}

#[test]
fn a_workspace_is_projected_past_its_budget_from_its_last_week_of_activity() {
    let mut o = org(vec![key("a", json!({ "usage_weekly": 40.0 }))]);
    o.budgets.insert(
        WorkspaceId::from(WS),
        serde_json::from_value(json!({
            "data": [{"id": "b1", "workspace_id": WS, "limit_usd": 100.0, "reset_interval": "weekly",
                      "created_at": at(-40.0), "updated_at": at(-40.0)}]
        }))
        .expect("test data"),
    );
    // $11 a day in this workspace: $60 more in 5.45 days, before the reset in 5.5.
    o.activity = days(11.0, 1..=7, Some(WS));
    // Another workspace's spend is not this one's.
    o.activity.extend(days(1000.0, 1..=7, Some("another")));
    assert_eq!(of(&o, "budget_projected").len(), 1);
    o.activity = days(10.0, 1..=7, Some(WS));
    assert_eq!(of(&o, "budget_projected"), vec![]);
}

#[test]
fn idle_keys_never_used_or_quiet_for_the_idle_period() {
    let old_unused = key(
        "never",
        json!({ "limit_remaining": 100.0, "usage": 0.0, "usage_daily": 0.0, "usage_weekly": 0.0, "usage_monthly": 0.0, "created_at": at(-31.0) }),
    );
    let young_unused = key(
        "young",
        json!({ "usage": 0.0, "usage_daily": 0.0, "usage_weekly": 0.0, "usage_monthly": 0.0, "created_at": at(-29.0) }),
    );
    let quiet = |h: &str| {
        key(
            h,
            json!({ "usage": 12.0, "usage_daily": 0.0, "usage_weekly": 0.0, "usage_monthly": 0.0, "created_at": at(-200.0) }),
        )
    };
    let mut o = org(vec![
        old_unused,
        young_unused,
        quiet("quiet"),
        quiet("busy"),
        quiet("unread"),
    ]);
    o.key_activity.insert(KeyHash::from("quiet"), vec![]);
    o.key_activity
        .insert(KeyHash::from("busy"), days(0.0, [10], None));
    let ids: Vec<String> = of(&o, "idle").into_iter().map(|f| f.1).collect();
    assert_eq!(ids, vec!["idle:never", "idle:quiet"]);
    assert!(needs_activity(&o.keys[2], now(), &Thresholds::default()));
    assert!(!needs_activity(&o.keys[0], now(), &Thresholds::default()));
}

#[test]
fn keys_whose_creator_left_name_the_creator() {
    let mut o = org(vec![
        key("a", json!({ "creator_user_id": "user_gone" })),
        key("b", json!({})),
    ]);
    let found = all(&o);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(found[0]
        .objects
        .iter()
        .any(|obj| matches!(obj, Object::User { id } if id.as_str() == "user_gone")));
    // Without the member list the rule cannot judge, so it says nothing.
    o.members.clear();
    assert_eq!(all(&o), vec![]);
}

#[test]
fn keys_disabled_for_the_period_are_candidates_for_deletion() {
    let o = org(vec![
        key(
            "old",
            json!({ "disabled": true, "created_at": at(-300.0), "updated_at": at(-90.0) }),
        ),
        key(
            "recent",
            json!({ "disabled": true, "created_at": at(-300.0), "updated_at": at(-89.0) }),
        ),
        key(
            "never_updated",
            json!({ "disabled": true, "created_at": at(-120.0) }),
        ),
    ]);
    let found = all(&o);
    let ids: Vec<&str> = found.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["disabled_long:never_updated", "disabled_long:old"]
    );
    assert!(found.iter().all(|f| f.fix == Some(Fix::Delete)));
}

#[test]
fn credit_runway_at_the_last_weeks_burn() {
    let credits = |total: f64, used: f64| {
        serde_json::from_value(json!({"total_credits": total, "total_usage": used}))
            .expect("test data")
    };
    let mut o = org(vec![]);
    o.activity = days(10.0, 1..=7, Some(WS));
    // Today's partial day is not part of the burn.
    o.activity.extend(days(500.0, [0], Some(WS)));
    for (balance, want) in [
        (70.0, Some(Severity::Critical)),
        (70.01, Some(Severity::Warning)),
        (300.0, Some(Severity::Warning)),
        (900.0, Some(Severity::Info)),
        (900.5, None),
        (0.0, Some(Severity::Critical)),
        (-3.0, Some(Severity::Critical)),
    ] {
        o.credits = Some(credits(1000.0, 1000.0 - balance));
        assert_eq!(
            of(&o, "credit_runway").first().map(|g| g.0),
            want,
            "balance {balance}"
        );
    }
    let r = runway(&o).expect("test data");
    assert!((r.daily_usd - 10.0).abs() < 1e-9);
    let broke = all(&o);
    assert!(
        broke[0].why.starts_with("No credit left"),
        "{}",
        broke[0].why
    );
    o.activity.clear();
    o.credits = Some(credits(1000.0, 100.0));
    assert_eq!(runway(&o).expect("test data").days, None);
    assert_eq!(of(&o, "credit_runway"), vec![]);
}

#[test]
fn findings_come_most_severe_first_and_serialize_for_the_cli() {
    let o = org(vec![
        key("info", json!({ "expires_at": null })),
        key("critical", json!({ "limit_remaining": 0.0 })),
        key("warning", json!({ "expires_at": at(5.0) })),
    ]);
    let found = all(&o);
    let severities: Vec<Severity> = found.iter().map(|f| f.severity).collect();
    assert_eq!(
        severities,
        vec![Severity::Critical, Severity::Warning, Severity::Info]
    );
    let v = serde_json::to_value(&found[1]).expect("test data");
    assert_eq!(v["kind"], "expiring");
    assert_eq!(v["severity"], "warning");
    assert_eq!(v["id"], "expiring:warning");
    assert_eq!(v["objects"][0]["type"], "key");
    assert_eq!(v["objects"][0]["hash"], "warning");
    assert_eq!(v["objects"][1]["type"], "workspace");
    assert_eq!(v["fix"]["action"], "rotate_with_expiry");
    assert!(v["why"]
        .as_str()
        .expect("test data")
        .contains("expires in 5 days"));
    // No secret is part of a finding: a key's label is the redacted form the API gives.
    assert!(!v.to_string().contains("sk-or-v1-0"));
}

mod reading {
    //! `client.organization().snapshot()` on the mock transport: what it asks for and how often.

    use std::cell::RefCell;

    use openrouter_admin::mock::{block_on, MockReply, MockTransport};
    use openrouter_admin::time::format_datetime;
    use serde_json::json;

    use crate::{client, ok, workspace};

    /// 1e12 ms, the mock's clock, is Sunday 2001-09-09 01:46:40 UTC.
    const NOW: f64 = 1.0e12;
    const DAY: f64 = 86_400_000.0;

    fn ago(days: f64) -> String {
        format_datetime((NOW - days * DAY) as i64)
    }

    /// 3 workspaces; 250 keys in `ws-1` (all healthy but the first two); a monthly $100 budget
    /// per workspace; `ws-2`'s keys have none.
    fn organization() -> MockTransport {
        MockTransport::new().with_handler(|r| {
            let offset: usize = r
                .query
                .iter()
                .find(|(k, _)| k == "offset")
                .map(|(_, v)| v.parse().expect("test data"))
                .unwrap_or(0);
            let q = |name: &str| r.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            match r.path.as_str() {
                "/workspaces" => ok(json!({
                    "data": (0..3).map(|i| workspace(&format!("ws-{i}"), &format!("w{i}"))).collect::<Vec<_>>(),
                    "total_count": 3
                })),
                "/keys" => {
                    assert_eq!(q("include_disabled").as_deref(), Some("true"));
                    // Only ws-1 has keys.
                    let count = if q("workspace_id").as_deref() == Some("ws-1") { 250 } else { 0 };
                    let data: Vec<_> = (offset..(offset + 100).min(count))
                        .map(|i| {
                            let (usage, monthly) = match i {
                                0 => (12.0, 0.0), // used once, quiet this month: read its activity
                                1 => (0.0, 0.0),  // never used
                                _ => (5.0, 5.0),
                            };
                            json!({
                                "hash": format!("h{i}"), "name": format!("k{i}"), "label": "sk-or-v1-abc...123",
                                "disabled": false, "limit": 100, "limit_remaining": 100, "limit_reset": "monthly",
                                "include_byok_in_limit": false, "usage": usage, "usage_daily": 0,
                                "usage_weekly": 0, "usage_monthly": monthly, "byok_usage": 0,
                                "byok_usage_daily": 0, "byok_usage_weekly": 0, "byok_usage_monthly": 0,
                                "created_at": ago(100.0), "updated_at": null, "creator_user_id": "user_1",
                                "workspace_id": "ws-1", "expires_at": ago(-365.0)
                            })
                        })
                        .collect();
                    ok(json!({ "data": data }))
                }
                "/organization/members" => ok(json!({
                    "data": [{"id": "user_1", "first_name": null, "last_name": null, "email": "a@example.com", "role": "org:admin"}],
                    "total_count": 1
                })),
                "/credits" => ok(json!({"data": {"total_credits": 1000, "total_usage": 10}})),
                "/activity" => ok(json!({ "data": [] })),
                p if p.ends_with("/budgets") => ok(json!({
                    "data": [{"id": "b", "workspace_id": p.split('/').nth(2).expect("test data"), "limit_usd": 100,
                              "reset_interval": "monthly", "created_at": ago(50.0), "updated_at": ago(50.0)}],
                    "include_byok_in_budgets": false
                })),
                other => MockReply::json(404, json!({"error": {"code": 404, "message": other}}).to_string()),
            }
        })
    }

    #[test]
    fn reads_everything_once_and_only_the_keys_that_need_their_activity() {
        let c = client(organization());
        let seen = RefCell::new(Vec::new());
        let (snapshot, found) = block_on(
            c.organization()
                .snapshot()
                .on_progress(|p| seen.borrow_mut().push((p.step, p.done, p.total)))
                .findings(),
        )
        .expect("snapshot");
        assert_eq!(snapshot.keys.len(), 250);
        assert_eq!(snapshot.workspaces.len(), 3);
        // Only ws-1's keys spent, and no workspace has activity: ws-0's and ws-2's budgets
        // could give no finding, so they are not read.
        assert_eq!(snapshot.budgets.len(), 1);
        // ws-1's 248 keys at $5 this month: $1,240 of a $100 budget.
        assert!(found
            .iter()
            .any(|f| f.id == "budget_use:ws-1:monthly" && f.severity.as_str() == "critical"));
        assert!(found.iter().any(|f| f.id == "idle:h0"));
        assert!(found.iter().any(|f| f.id == "idle:h1"));

        let requests = c.transport().requests();
        let count = |path: &str| requests.iter().filter(|r| r.path == path).count();
        assert_eq!(count("/workspaces"), 1);
        // Each workspace's keys: ws-1's 250 in its first page and one wave of 4 pages from
        // offset 100; the two others in one empty page each.
        assert_eq!(count("/keys"), 5 + 2);
        let keys_of = |ws: &str| {
            requests
                .iter()
                .filter(|r| {
                    r.path == "/keys" && r.query.contains(&("workspace_id".into(), ws.into()))
                })
                .count()
        };
        assert_eq!(
            (keys_of("ws-0"), keys_of("ws-1"), keys_of("ws-2")),
            (1, 5, 1)
        );
        assert_eq!(count("/credits"), 1);
        // The organization's activity by workspace, then h0's alone: the never-used key and
        // the 248 spending ones need none.
        let activity: Vec<_> = requests.iter().filter(|r| r.path == "/activity").collect();
        assert_eq!(activity.len(), 2);
        assert!(activity[0]
            .query
            .contains(&("group_by".into(), "workspace".into())));
        assert!(activity[1]
            .query
            .contains(&("api_key_hash".into(), "h0".into())));
        assert_eq!(count("/workspaces/ws-1/budgets"), 1);
        assert_eq!(requests.len(), 1 + 7 + 1 + 1 + 2 + 1);

        // The steps in order, each from 0 to its total.
        let seen = seen.into_inner();
        assert_eq!(
            seen,
            [
                ("workspaces", 0, 0),
                ("workspaces", 0, 3),
                ("workspaces", 1, 3),
                ("workspaces", 2, 3),
                ("workspaces", 3, 3),
                ("organization", 0, 3),
                ("organization", 1, 3),
                ("organization", 2, 3),
                ("organization", 3, 3),
                ("budgets", 0, 1),
                ("budgets", 1, 1),
                ("key activity", 0, 1),
                ("key activity", 1, 1),
            ]
        );
    }

    #[test]
    fn a_failed_read_ends_the_snapshot_with_its_error() {
        // An empty organization reads fine, with no budgets read and nothing found.
        let c = client(
            MockTransport::new().with_handler(|r| match r.path.as_str() {
                "/credits" => ok(json!({"data": {"total_credits": 10, "total_usage": 0}})),
                _ => ok(json!({"data": [], "total_count": 0})),
            }),
        );
        let (snapshot, found) =
            block_on(c.organization().snapshot().findings()).expect("empty organization");
        assert!(snapshot.keys.is_empty());
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(c.transport().requests().len(), 4);

        // ws-2's activity of yesterday makes its budgets worth reading; they are refused.
        let c = client(
            MockTransport::new().with_handler(|r| match r.path.as_str() {
                "/workspaces" => ok(json!({"data": [workspace("ws-2", "w2")], "total_count": 1})),
                "/credits" => ok(json!({"data": {"total_credits": 1, "total_usage": 0}})),
                "/activity" => ok(json!({"data": [{
                    "date": &format_datetime((NOW - DAY) as i64)[..10], "model": "m",
                    "model_permaslug": "m", "endpoint_id": "e", "provider_name": "p", "usage": 1.5,
                    "byok_usage_inference": 0, "requests": 1, "prompt_tokens": 1,
                    "completion_tokens": 1, "reasoning_tokens": 0, "workspace_id": "ws-2"
                }]})),
                "/workspaces/ws-2/budgets" => MockReply::json(
                    403,
                    json!({"error": {"code": 403, "message": "Forbidden"}}).to_string(),
                ),
                _ => ok(json!({"data": [], "total_count": 0})),
            }),
        );
        let e = block_on(c.organization().snapshot().send()).expect_err("budgets refused");
        assert_eq!(e.status(), Some(403));
    }
}

#[test]
fn a_keys_activity_is_read_only_when_a_rule_needs_it() {
    let t = Thresholds::default();
    let with = |remaining: f64, reset: Value| {
        key(
            "k",
            json!({ "limit_remaining": remaining, "limit_reset": reset }),
        )
    };
    // Half spent, under 80%, with a resetting limit: its pace decides a projection.
    assert!(needs_activity(&with(50.0, json!("weekly")), now(), &t));
    assert!(needs_activity(&with(20.000_01, json!("daily")), now(), &t));
    // Under half, at 80% (limit_use speaks), or a lifetime limit (nothing resets): no.
    assert!(!needs_activity(
        &with(50.000_01, json!("weekly")),
        now(),
        &t
    ));
    assert!(!needs_activity(&with(20.0, json!("weekly")), now(), &t));
    assert!(!needs_activity(&with(10.0, Value::Null), now(), &t));
    // A disabled key never.
    let mut off = with(40.0, json!("weekly"));
    off.disabled = true;
    assert!(!needs_activity(&off, now(), &t));
}

/// The finding of `kind` among `found` (the test data has one).
fn of_kind(found: &[Finding], kind: Kind) -> &Finding {
    found.iter().find(|f| f.kind == kind).expect("test data")
}
