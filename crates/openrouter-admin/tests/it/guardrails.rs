//! Guardrail assignments of any number of keys or members, with one outcome per identifier.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use openrouter_admin::handlers::{AssignmentOutcome, AssignmentReport};
use openrouter_admin::mock::{MockTransport, RecordedRequest};
use openrouter_admin::Method;
use serde_json::json;

use crate::*;

const G: &str = "g-1";

/// A guardrail's assignments, as the API keeps them: a request naming a key of another
/// workspace is refused whole (400), nothing changed.
#[derive(Default)]
struct Server {
    keys: BTreeSet<String>,
    members: BTreeSet<String>,
    foreign: BTreeSet<String>,
    batches: Vec<usize>,
}

fn serve(state: Rc<RefCell<Server>>) -> MockTransport {
    MockTransport::new().with_handler(move |r: &RecordedRequest| {
        let mut s = state.borrow_mut();
        let param = |name: &str, default: usize| {
            r.query
                .iter()
                .find(|(k, _)| k == name)
                .map_or(default, |(_, v)| v.parse().expect("n"))
        };
        let (offset, limit) = (param("offset", 0), param("limit", 50));
        let ids = |field: &str| -> Vec<String> {
            r.body.as_ref().expect("body")[field]
                .as_array()
                .expect("ids")
                .iter()
                .map(|v| v.as_str().expect("str").to_owned())
                .collect()
        };
        let page = |all: &BTreeSet<String>, row: &dyn Fn(&str) -> serde_json::Value| {
            let data: Vec<_> = all.iter().skip(offset).take(limit).map(|i| row(i)).collect();
            ok(json!({"data": data, "total_count": all.len()}))
        };
        match (r.method, r.path.as_str()) {
            (Method::Get, "/guardrails/g-1/assignments/keys") => page(&s.keys, &|h| {
                json!({"id": format!("a-{h}"), "key_hash": h, "guardrail_id": G, "key_name": h,
                       "key_label": "sk-or-v1-abc...123", "assigned_by": null,
                       "created_at": "2026-01-01T00:00:00Z"})
            }),
            (Method::Get, "/guardrails/g-1/assignments/members") => page(&s.members, &|u| {
                json!({"id": format!("a-{u}"), "user_id": u, "organization_id": "org_1",
                       "guardrail_id": G, "assigned_by": null, "created_at": "2026-01-01T00:00:00Z"})
            }),
            (Method::Post, "/guardrails/g-1/assignments/keys") => {
                let ids = ids("key_hashes");
                s.batches.push(ids.len());
                if ids.iter().any(|h| s.foreign.contains(h)) {
                    return err(400, "key_hashes: a key of another workspace");
                }
                let n = ids.into_iter().filter(|h| s.keys.insert(h.clone())).count();
                ok(json!({"assigned_count": n}))
            }
            (Method::Post, "/guardrails/g-1/assignments/keys/remove") => {
                let ids = ids("key_hashes");
                s.batches.push(ids.len());
                let n = ids.into_iter().filter(|h| s.keys.remove(h)).count();
                ok(json!({"unassigned_count": n}))
            }
            (Method::Post, "/guardrails/g-1/assignments/members") => {
                let ids = ids("member_user_ids");
                let n = ids.into_iter().filter(|u| s.members.insert(u.clone())).count();
                ok(json!({"assigned_count": n}))
            }
            (Method::Post, "/guardrails/g-1/assignments/members/remove") => {
                let n = ids("member_user_ids").into_iter().filter(|u| s.members.remove(u)).count();
                ok(json!({"unassigned_count": n}))
            }
            other => panic!("unexpected {other:?}"),
        }
    })
}

fn outcomes<I: std::fmt::Display>(report: &AssignmentReport<I>) -> Vec<(String, &'static str)> {
    report
        .results
        .iter()
        .map(|r| {
            let what = match &r.outcome {
                AssignmentOutcome::Assigned => "assigned",
                AssignmentOutcome::AlreadyAssigned => "already",
                AssignmentOutcome::Unassigned => "unassigned",
                AssignmentOutcome::NotAssigned => "not assigned",
                AssignmentOutcome::Failed(e) if e.status() == Some(400) => "failed 400",
                AssignmentOutcome::Failed(_) => "failed",
                _ => "other",
            };
            (r.id.to_string(), what)
        })
        .collect()
}

fn owned(pairs: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    pairs.iter().map(|(a, b)| ((*a).to_owned(), *b)).collect()
}

#[test]
fn one_bad_key_fails_alone_and_the_others_are_assigned() {
    let state = Rc::new(RefCell::new(Server::default()));
    state.borrow_mut().keys.insert("k-held".into());
    state.borrow_mut().foreign.insert("k-other-ws".into());
    let c = client(serve(state.clone()));
    let report = block_on(
        c.guardrail(G)
            .keys()
            .assign(["k-1", "k-other-ws", "k-held", "k-2", "k-1"])
            .send(),
    )
    .expect("a report");
    assert_eq!(
        outcomes(&report),
        owned(&[
            ("k-1", "assigned"),
            ("k-other-ws", "failed 400"),
            ("k-held", "already"),
            ("k-2", "assigned"),
        ]),
        "one outcome per distinct key, in the order asked"
    );
    let s = state.borrow();
    assert!(s.keys.contains("k-1") && s.keys.contains("k-2") && !s.keys.contains("k-other-ws"));
    // The chunk of three was refused whole, then each of its keys was tried alone; the key
    // already assigned was never sent.
    assert_eq!(s.batches, vec![3, 1, 1, 1]);
}

#[test]
fn many_keys_go_in_chunks_of_a_hundred() {
    let state = Rc::new(RefCell::new(Server::default()));
    let c = client(serve(state.clone()));
    let hashes: Vec<String> = (0..250).map(|i| format!("k-{i:03}")).collect();
    let report = block_on(c.guardrail(G).keys().assign(hashes.clone()).send()).expect("report");
    assert!(report
        .results
        .iter()
        .all(|r| matches!(r.outcome, AssignmentOutcome::Assigned)));
    assert_eq!(state.borrow().batches, vec![100, 100, 50]);
    state.borrow_mut().batches.clear();
    let report =
        block_on(c.guardrail(G).keys().unassign(["k-000", "k-nope"]).send()).expect("report");
    assert_eq!(
        outcomes(&report),
        owned(&[("k-000", "unassigned"), ("k-nope", "not assigned")])
    );
    assert_eq!(
        state.borrow().batches,
        vec![1],
        "only what is assigned is sent"
    );
}

#[test]
fn members_are_assigned_and_unassigned_with_outcomes() {
    let state = Rc::new(RefCell::new(Server::default()));
    state.borrow_mut().members.insert("user_b".into());
    let c = client(serve(state.clone()));
    let report =
        block_on(c.guardrail(G).members().assign(["user_a", "user_b"]).send()).expect("report");
    assert_eq!(
        outcomes(&report),
        owned(&[("user_a", "assigned"), ("user_b", "already")])
    );
    let report = block_on(c.guardrail(G).members().unassign(["user_b"]).send()).expect("report");
    assert_eq!(outcomes(&report), owned(&[("user_b", "unassigned")]));
    assert_eq!(
        state.borrow().members.iter().collect::<Vec<_>>(),
        vec!["user_a"]
    );
    // Nothing asked, nothing sent.
    let before = c.transport().requests().len();
    let report =
        block_on(c.guardrail(G).members().assign(Vec::<String>::new()).send()).expect("empty");
    assert!(report.results.is_empty());
    assert_eq!(c.transport().requests().len(), before);
}

#[test]
fn a_guardrail_that_is_gone_fails_the_whole_change() {
    let mock = MockTransport::new().with_handler(|_| err(404, "Guardrail not found"));
    let c = client(mock);
    let e = block_on(c.guardrail("gone").keys().assign(["k-1"]).send()).expect_err("404");
    assert!(e.is_not_found(), "{e}");
}
