//! `client.organization().snapshot()` in its two stages, on the mock transport: the keys first
//! and alone, then the rest; budgets read only where a rule can use them, with the same
//! findings as reading every budget.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use openrouter_admin::findings::{findings, Thresholds};
use openrouter_admin::mock::{block_on, MockReply, MockTransport, RecordedRequest};
use openrouter_admin::models::{BudgetList, WorkspaceId};
use openrouter_admin::time::{format_date, format_datetime};
use serde_json::{json, Value};

use crate::{client, err, ok, workspace};

/// 1e12 ms, the mock's clock: Sunday 2001-09-09 01:46:40 UTC (the week resets in under a day,
/// the month in 22 days).
const NOW: f64 = 1.0e12;
const DAY: f64 = 86_400_000.0;

/// A small deterministic generator (xorshift), so a failure names a reproducible organization.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len() as u64) as usize]
    }
}

/// An organization as the API answers it: each workspace's keys, budgets and activity rows.
#[derive(Default)]
struct Org {
    workspaces: Vec<Value>,
    keys: BTreeMap<String, Vec<Value>>,
    budgets: BTreeMap<String, Value>,
    activity: Vec<Value>,
}

fn day(days_ago: i64) -> String {
    format_date((NOW / DAY).floor() as i64 - days_ago)
}

fn row(ws: &str, days_ago: i64, usage: f64, byok: f64) -> Value {
    json!({
        "date": day(days_ago), "model": "m", "model_permaslug": "m", "endpoint_id": "e",
        "provider_name": "p", "usage": usage, "byok_usage_inference": byok, "requests": 1,
        "prompt_tokens": 1, "completion_tokens": 1, "reasoning_tokens": 0, "workspace_id": ws
    })
}

/// `n` workspaces, each drawn from what a budget rule could see: keys that spent nothing, or
/// in one window only, or BYOK only; activity in the last 7 days (credits or BYOK), only before
/// them, or only today (the pace leaves today out); up to three budgets of any interval.
fn organization(seed: u64, n: usize) -> Org {
    let mut rng = Rng(seed);
    let mut org = Org::default();
    for i in 0..n {
        let id = format!("ws-{i:03}");
        org.workspaces.push(workspace(&id, &format!("w{i}")));
        let keys = (0..rng.below(4))
            .map(|k| {
                // [lifetime, daily, weekly, monthly] in credits, then BYOK.
                let mut usage = [0.0; 8];
                match rng.below(6) {
                    0 | 1 => {}
                    2 => usage[rng.below(4) as usize] = rng.pick(&[0.5, 30.0, 400.0]),
                    3 => usage[4 + rng.below(4) as usize] = rng.pick(&[0.5, 30.0, 400.0]),
                    _ => usage = [900.0, 4.0, 30.0, 95.0, 0.0, 0.0, 0.0, 0.0],
                }
                json!({
                    "hash": format!("h-{i}-{k}"), "name": format!("k{i}-{k}"), "label": "sk-or-v1-abc...123",
                    "disabled": false, "limit": 1000, "limit_remaining": 1000, "limit_reset": "monthly",
                    "include_byok_in_limit": false, "usage": usage[0], "usage_daily": usage[1],
                    "usage_weekly": usage[2], "usage_monthly": usage[3], "byok_usage": usage[4],
                    "byok_usage_daily": usage[5], "byok_usage_weekly": usage[6],
                    "byok_usage_monthly": usage[7], "created_at": format_datetime((NOW - 3.0 * DAY) as i64),
                    "updated_at": null, "creator_user_id": "user_1", "workspace_id": id,
                    "expires_at": format_datetime((NOW + 365.0 * DAY) as i64)
                })
            })
            .collect();
        org.keys.insert(id.clone(), keys);
        match rng.below(5) {
            0 => org.activity.extend((1..=7).map(|d| row(&id, d, 20.0, 0.0))),
            1 => org.activity.extend((1..=7).map(|d| row(&id, d, 0.0, 20.0))),
            2 => org
                .activity
                .extend((8..=20).map(|d| row(&id, d, 50.0, 0.0))),
            3 => org.activity.push(row(&id, 0, 500.0, 0.0)),
            _ => {}
        }
        let budgets: Vec<Value> = (0..rng.below(4))
            .map(|b| {
                json!({
                    "id": format!("b-{i}-{b}"), "workspace_id": id, "limit_usd": rng.pick(&[1.0, 20.0, 100.0, 1000.0]),
                    "reset_interval": rng.pick(&[None, Some("daily"), Some("weekly"), Some("monthly")]),
                    "created_at": "2001-01-01T00:00:00Z", "updated_at": "2001-01-01T00:00:00Z"
                })
            })
            .collect();
        let byok = rng.below(2) == 0;
        org.budgets.insert(
            id,
            json!({ "data": budgets, "include_byok_in_budgets": byok }),
        );
    }
    org
}

/// A mock that answers from `org`; `refuse` names a path answered 403.
fn serve(org: Rc<Org>, refuse: Option<&'static str>) -> MockTransport {
    MockTransport::new().with_handler(move |r| {
        let q = |name: &str| r.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let offset: usize = q("offset").map_or(0, |v| v.parse().expect("test data"));
        if Some(r.path.as_str()) == refuse {
            return err(403, "Forbidden");
        }
        let page = |all: &[Value]| {
            let end = (offset + 100).min(all.len());
            json!({ "data": all[offset.min(end)..end], "total_count": all.len() })
        };
        match r.path.as_str() {
            "/workspaces" => ok(page(&org.workspaces)),
            "/keys" => {
                let ws = q("workspace_id").expect("a workspace's keys");
                ok(page(&org.keys[&ws]))
            }
            "/organization/members" => ok(json!({
                "data": [{"id": "user_1", "first_name": null, "last_name": null, "email": "a@example.com", "role": "org:admin"}],
                "total_count": 1
            })),
            "/credits" => ok(json!({"data": {"total_credits": 100000, "total_usage": 10}})),
            "/activity" if q("group_by").as_deref() == Some("workspace") => {
                ok(json!({ "data": org.activity }))
            }
            "/activity" => ok(json!({ "data": [] })),
            p if p.ends_with("/budgets") => {
                let ws = p.split('/').nth(2).expect("test data");
                ok(org.budgets[ws].clone())
            }
            other => MockReply::json(404, json!({"error": {"code": 404, "message": other}}).to_string()),
        }
    })
}

/// Every workspace's budgets, as reading them all would have given.
fn every_budget(org: &Org) -> BTreeMap<WorkspaceId, BudgetList> {
    org.budgets
        .iter()
        .map(|(id, list)| {
            let list = serde_json::from_value(list.clone()).expect("test data");
            (serde_json::from_value(json!(id)).expect("test data"), list)
        })
        .collect()
}

fn budget_reads(requests: &[RecordedRequest]) -> Vec<String> {
    requests
        .iter()
        .filter(|r| r.path.ends_with("/budgets"))
        .map(|r| r.path.clone())
        .collect()
}

#[test]
fn budgets_read_only_where_a_rule_can_use_them_give_every_finding_reading_all_gave() {
    for seed in [1, 7, 2026, 0x5eed] {
        let org = Rc::new(organization(seed, 150));
        let c = client(serve(org.clone(), None));
        let (snapshot, found) = block_on(c.organization().snapshot().findings()).expect("snapshot");
        let mut whole = snapshot.clone();
        whole.budgets = every_budget(&org);
        let before = findings(&whole, &Thresholds::default());
        assert_eq!(found, before, "seed {seed}");
        let kinds = |kind: &str| found.iter().filter(|f| f.kind.name() == kind).count();
        assert!(
            kinds("budget_use") > 3,
            "seed {seed}: {}",
            kinds("budget_use")
        );
        assert!(kinds("budget_projected") > 3, "seed {seed}");

        // A workspace whose keys spent nothing and with no pace in its last 7 days (activity
        // only before them or only today, or none) gets no budgets request.
        let read = budget_reads(&c.transport().requests());
        let idle: Vec<&String> = org
            .keys
            .iter()
            .filter(|(id, keys)| {
                let spent = keys.iter().any(|k| {
                    k.as_object()
                        .expect("test data")
                        .iter()
                        .any(|(f, v)| f.contains("usage") && v.as_f64() > Some(0.0))
                });
                let paced = org.activity.iter().any(|r| {
                    r["workspace_id"] == json!(id)
                        && r["date"].as_str() != Some(day(0).as_str())
                        && r["date"].as_str() >= Some(day(7).as_str())
                });
                !spent && !paced
            })
            .map(|(id, _)| id)
            .collect();
        assert!(idle.len() > 20, "seed {seed}: {} idle", idle.len());
        for id in &idle {
            assert!(
                !read.contains(&format!("/workspaces/{id}/budgets")),
                "seed {seed}: {id}'s budgets were read"
            );
        }
        assert_eq!(read.len(), 150 - idle.len(), "seed {seed}");
        // Among those read, some workspaces only have a pace (their keys deleted since): the
        // projection there needs their budgets.
        assert!(found.iter().any(|f| {
            f.kind.name() == "budget_projected"
                && org.keys[f.id.split(':').nth(1).expect("id")]
                    .iter()
                    .all(|k| k["usage"] == json!(0.0) && k["usage_monthly"] == json!(0.0))
        }));
    }
}

#[test]
fn thresholds_that_make_an_unspent_budget_a_finding_read_every_budget() {
    let org = Rc::new(organization(3, 40));
    let c = client(serve(org.clone(), None));
    let mut t = Thresholds::default();
    t.budget_use.info = 0.0;
    let (snapshot, found) =
        block_on(c.organization().snapshot().thresholds(t.clone()).findings()).expect("snapshot");
    assert_eq!(budget_reads(&c.transport().requests()).len(), 40);
    let mut whole = snapshot;
    whole.budgets = every_budget(&org);
    assert_eq!(found, findings(&whole, &t));
}

#[test]
fn the_keys_stage_is_complete_and_usable_before_the_rest_is_asked_for() {
    let org = Rc::new(organization(11, 120));
    let c = client(serve(org.clone(), None));
    let seen = RefCell::new(Vec::new());
    let (mut snapshot, rest) = block_on(
        c.organization()
            .snapshot()
            .concurrency(3)
            .on_progress(|p| seen.borrow_mut().push(p.step))
            .keys(),
    )
    .expect("keys");
    // Stage 1: every workspace and every key, from the workspaces list and the keys lists
    // alone; nothing of stage 2 has been sent.
    let stage1 = c.transport().requests();
    assert!(stage1
        .iter()
        .all(|r| r.path == "/workspaces" || r.path == "/keys"));
    assert_eq!(stage1.iter().filter(|r| r.path == "/keys").count(), 120);
    assert_eq!(snapshot.workspaces.len(), 120);
    let keys: usize = org.keys.values().map(Vec::len).sum();
    assert_eq!(snapshot.keys.len(), keys);
    assert!(snapshot.members.is_empty() && snapshot.credits.is_none());
    assert!(snapshot.activity.is_empty() && snapshot.budgets.is_empty());
    assert!(seen.borrow().iter().all(|s| *s == "workspaces"));

    let found = block_on(rest.findings(&mut snapshot)).expect("the rest");
    let all = c.transport().requests();
    let stage2: Vec<&str> = all[stage1.len()..]
        .iter()
        .map(|r| r.path.as_str())
        .collect();
    // Stage 2 reads no workspace or key list again; members, credits and activity first,
    // then the budgets, then the one key activity the rules want (none here).
    assert!(!stage2.iter().any(|p| *p == "/workspaces" || *p == "/keys"));
    let first_budget = stage2.iter().position(|p| p.ends_with("/budgets"));
    let first_budget = first_budget.expect("some budgets");
    let mut head = stage2[..first_budget].to_vec();
    head.sort_unstable();
    assert_eq!(head, ["/activity", "/credits", "/organization/members"]);
    assert!(stage2[first_budget..]
        .iter()
        .all(|p| p.ends_with("/budgets")));
    assert!(snapshot.credits.is_some() && !snapshot.members.is_empty());
    assert!(!found.is_empty());
    let steps: Vec<&str> = seen.into_inner();
    let mut order = steps.clone();
    order.dedup();
    assert_eq!(
        order,
        ["workspaces", "organization", "budgets", "key activity"]
    );
}

#[test]
fn a_failure_in_the_rest_leaves_the_keys_stage_as_it_was() {
    let org = Rc::new(organization(5, 30));
    // The first workspace with a budget read: its budgets refused.
    let c = client(serve(org.clone(), None));
    let (mut probe, _rest) = block_on(c.organization().snapshot().keys()).expect("keys");
    probe.activity = serde_json::from_value(json!(org.activity)).expect("test data");
    let spending = openrouter_admin::findings::needs_budgets(&probe, &Thresholds::default());
    let refused: &'static str =
        Box::leak(format!("/workspaces/{}/budgets", spending[0]).into_boxed_str());
    for refuse in ["/organization/members", "/credits", refused] {
        let c = client(serve(org.clone(), Some(refuse)));
        let (mut snapshot, rest) = block_on(c.organization().snapshot().keys()).expect("keys");
        let stage1 = format!("{snapshot:?}");
        let e = block_on(rest.complete(&mut snapshot)).expect_err(refuse);
        assert_eq!(e.status(), Some(403), "{refuse}");
        // Keys and workspaces still there; no part of stage 2 half-filled.
        assert_eq!(format!("{snapshot:?}"), stage1, "{refuse}");
        assert_eq!(snapshot.workspaces.len(), 30);
    }
}

#[test]
fn the_rest_read_again_on_its_own_completes_an_earlier_keys_stage() {
    let org = Rc::new(organization(9, 25));
    let c = client(serve(org.clone(), Some("/credits")));
    let (mut snapshot, rest) = block_on(c.organization().snapshot().keys()).expect("keys");
    block_on(rest.complete(&mut snapshot)).expect_err("credits refused");
    // Read again with a fresh builder's rest: no workspace or key list is read again.
    let c = client(serve(org.clone(), None));
    let found =
        block_on(c.organization().snapshot().rest().findings(&mut snapshot)).expect("the rest");
    let paths: Vec<String> = c
        .transport()
        .requests()
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert!(
        !paths.iter().any(|p| p == "/workspaces" || p == "/keys"),
        "{paths:?}"
    );
    assert!(paths.iter().any(|p| p == "/credits"));
    let mut whole = snapshot.clone();
    whole.budgets = every_budget(&org);
    assert_eq!(found, findings(&whole, &Thresholds::default()));
}
