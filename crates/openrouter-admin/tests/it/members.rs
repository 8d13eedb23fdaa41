//! Members add/remove of any number of ids, with one outcome per user.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use openrouter_admin::handlers::MemberOutcome;
use openrouter_admin::mock::{MockReply, MockTransport};
use openrouter_admin::Method;
use serde_json::json;

use crate::*;

struct Org {
    members: BTreeSet<String>,
    scim: BTreeSet<String>,
    key_holders: BTreeSet<String>,
    fail_add_containing: Option<String>,
    org: BTreeSet<String>,
}

fn server(org: Rc<RefCell<Org>>) -> MockTransport {
    MockTransport::new().with_handler(move |r| {
        let mut o = org.borrow_mut();
        let offset: usize = r
            .query
            .iter()
            .find(|(k, _)| k == "offset")
            .map_or(0, |(_, v)| v.parse().expect("n"));
        let limit: usize = r
            .query
            .iter()
            .find(|(k, _)| k == "limit")
            .map_or(50, |(_, v)| v.parse().expect("n"));
        let ids = |r: &openrouter_admin::mock::RecordedRequest| -> Vec<String> {
            r.body.as_ref().expect("body")["user_ids"]
                .as_array()
                .expect("ids")
                .iter()
                .map(|v| v.as_str().expect("str").to_owned())
                .collect()
        };
        match (r.method, r.path.as_str()) {
            (Method::Get, "/workspaces/w/members") => {
                let all: Vec<_> = o.members.iter().cloned().collect();
                let data: Vec<_> = all
                    .iter()
                    .skip(offset)
                    .take(limit)
                    .map(|u| member(u))
                    .collect();
                ok(json!({"data": data, "total_count": all.len()}))
            }
            (Method::Post, "/workspaces/w/members/add") => {
                let ids = ids(r);
                assert!(ids.len() <= 100, "chunks of at most 100");
                if let Some(bad) = &o.fail_add_containing {
                    if ids.contains(bad) {
                        return err(400, "unknown user");
                    }
                }
                let mut added = 0;
                for u in ids {
                    if o.org.contains(&u) && o.members.insert(u) {
                        added += 1;
                    }
                }
                ok(json!({"added_count": added, "data": []}))
            }
            (Method::Post, "/workspaces/w/members/remove") => {
                let ids = ids(r);
                assert!(ids.len() <= 100);
                let mut removed = 0;
                for u in ids {
                    if !o.scim.contains(&u) && !o.key_holders.contains(&u) && o.members.remove(&u) {
                        removed += 1;
                    }
                }
                ok(json!({"removed_count": removed}))
            }
            (Method::Get, "/keys") => {
                assert_eq!(
                    r.query
                        .iter()
                        .find(|(k, _)| k == "workspace_id")
                        .map(|(_, v)| v.as_str()),
                    Some("ws-1")
                );
                let data: Vec<_> = o
                    .key_holders
                    .iter()
                    .map(|u| {
                        let mut k = api_key(&format!("h-{u}"), "k");
                        k["creator_user_id"] = json!(u);
                        k
                    })
                    .collect();
                ok(json!({"data": data}))
            }
            _ => MockReply::json(404, "{}"),
        }
    })
}

fn names(n: usize, prefix: &str) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i:03}")).collect()
}

#[test]
fn add_all_chunks_and_reports_each_user() {
    let org_users: BTreeSet<String> = names(250, "u").into_iter().collect();
    let org = Rc::new(RefCell::new(Org {
        members: names(5, "u").into_iter().collect(),
        scim: BTreeSet::new(),
        key_holders: BTreeSet::new(),
        fail_add_containing: None,
        org: org_users,
    }));
    let c = client(server(org.clone()));
    let mut ask = names(230, "u");
    ask.push("stranger".into());
    ask.push("u000".into()); // a duplicate
    let report = block_on(c.workspace("w").members().add_all(ask).send()).expect("report");
    assert_eq!(report.results.len(), 231, "one result per distinct id");
    let count =
        |f: fn(&MemberOutcome) -> bool| report.results.iter().filter(|r| f(&r.outcome)).count();
    assert_eq!(count(|o| matches!(o, MemberOutcome::AlreadyMember)), 5);
    assert_eq!(count(|o| matches!(o, MemberOutcome::Added)), 225);
    assert_eq!(count(|o| matches!(o, MemberOutcome::Failed(_))), 1);
    assert_eq!(report.results[230].user_id.as_str(), "stranger");
    let adds: Vec<usize> = c
        .transport()
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/add"))
        .map(|r| {
            r.body.as_ref().expect("body")["user_ids"]
                .as_array()
                .expect("ids")
                .len()
        })
        .collect();
    assert_eq!(
        adds,
        vec![100, 100, 26],
        "226 new ids in chunks of 100, already-members not sent"
    );
}

#[test]
fn a_failing_chunk_fails_only_its_users() {
    let org = Rc::new(RefCell::new(Org {
        members: BTreeSet::new(),
        scim: BTreeSet::new(),
        key_holders: BTreeSet::new(),
        fail_add_containing: Some("u150".into()),
        org: names(300, "u").into_iter().collect(),
    }));
    let c = client(server(org));
    let report =
        block_on(c.workspace("w").members().add_all(names(200, "u")).send()).expect("report");
    let failed: Vec<_> = report
        .results
        .iter()
        .filter_map(|r| match &r.outcome {
            MemberOutcome::Failed(e) => Some((r.user_id.as_str().to_owned(), e.status())),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 100);
    assert!(failed.iter().all(|(_, s)| *s == Some(400)));
    assert!(report.results[..100]
        .iter()
        .all(|r| matches!(r.outcome, MemberOutcome::Added)));
}

#[test]
fn remove_all_says_who_stayed_and_why() {
    let org = Rc::new(RefCell::new(Org {
        members: ["alice", "bob", "carol", "dave"]
            .map(String::from)
            .into_iter()
            .collect(),
        scim: ["carol"].map(String::from).into_iter().collect(),
        key_holders: ["bob"].map(String::from).into_iter().collect(),
        fail_add_containing: None,
        org: BTreeSet::new(),
    }));
    let c = client(server(org.clone()));
    let report = block_on(
        c.workspace("w")
            .members()
            .remove_all(["alice", "bob", "carol", "erin"])
            .send(),
    )
    .expect("report");
    let got: Vec<(String, String)> = report
        .results
        .iter()
        .map(|r| (r.user_id.as_str().to_owned(), format!("{:?}", r.outcome)))
        .collect();
    assert_eq!(
        got,
        vec![
            ("alice".into(), "Removed".into()),
            ("bob".into(), "KeptActiveKeys".into()),
            ("carol".into(), "KeptScimManaged".into()),
            ("erin".into(), "NotAMember".into()),
        ]
    );
    assert_eq!(org.borrow().members.len(), 3);
    let removes: Vec<_> = c
        .transport()
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/remove"))
        .collect();
    assert_eq!(removes.len(), 1);
    assert_eq!(
        removes[0].body,
        Some(json!({"user_ids": ["alice", "bob", "carol"]})),
        "non-members are not sent"
    );
}

#[test]
fn nothing_to_do_sends_no_change() {
    let org = Rc::new(RefCell::new(Org {
        members: ["alice"].map(String::from).into_iter().collect(),
        scim: BTreeSet::new(),
        key_holders: BTreeSet::new(),
        fail_add_containing: None,
        org: BTreeSet::new(),
    }));
    let c = client(server(org));
    let report = block_on(c.workspace("w").members().add_all(["alice"]).send()).expect("report");
    assert!(matches!(
        report.results[0].outcome,
        MemberOutcome::AlreadyMember
    ));
    assert_eq!(c.transport().requests().len(), 1, "only the listing");
    let e = block_on(c.workspace("w").members().add_all([""]).send()).expect_err("empty id");
    assert!(e.is_validation());
}
