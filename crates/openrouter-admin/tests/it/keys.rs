//! Rotation, retire, bulk update/delete, reconcile.

use std::cell::RefCell;
use std::rc::Rc;

use openrouter_admin::mock::{MockReply, MockTransport};
use openrouter_admin::models::{CreateKey, LimitReset, UpdateKey};
use openrouter_admin::Method;
use serde_json::json;

use crate::*;

#[test]
fn rotate_creates_a_twin_and_disables_the_old_key() {
    let mock = MockTransport::new();
    let mut old = api_key("old", "prod key");
    old["limit"] = json!(75);
    old["limit_reset"] = json!("weekly");
    old["include_byok_in_limit"] = json!(false);
    old["workspace_id"] = json!("ws-9");
    old["expires_at"] = json!("2030-01-01T00:00:00Z");
    mock.push(ok(json!({"data": old})));
    mock.push(MockReply::json(
        201,
        json!({"data": api_key("new", "prod key"), "key": "sk-or-v1-new"}).to_string(),
    ));
    let mut disabled = api_key("old", "prod key");
    disabled["disabled"] = json!(true);
    mock.push(ok(json!({"data": disabled})));
    let c = client(mock);
    let rot = block_on(c.keys().rotate("old").send()).expect("rotated");
    assert_eq!(rot.created.key.expose_secret(), "sk-or-v1-new");
    assert_eq!(rot.old_hash.as_str(), "old");
    assert!(rot.disable_error.is_none());
    let reqs = c.transport().requests();
    assert_eq!(
        reqs.iter()
            .map(|r| (r.method, r.path.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (Method::Get, "/keys/old"),
            (Method::Post, "/keys"),
            (Method::Patch, "/keys/old")
        ]
    );
    assert_eq!(
        reqs[1].body,
        Some(
            json!({"name": "prod key", "limit": 75.0, "limit_reset": "weekly", "include_byok_in_limit": false,
            "expires_at": "2030-01-01T00:00:00Z", "workspace_id": "ws-9", "creator_user_id": "user_1"})
        )
    );
    assert_eq!(reqs[2].body, Some(json!({"disabled": true})));
}

#[test]
fn rotate_with_an_expiry_gives_the_successor_that_expiry() {
    let mock = MockTransport::new();
    mock.push(ok(json!({"data": api_key("old", "k")})));
    mock.push(MockReply::json(
        201,
        json!({"data": api_key("new", "k"), "key": "sk-or-v1-new"}).to_string(),
    ));
    mock.push(ok(json!({"data": api_key("old", "k")})));
    let c = client(mock);
    block_on(
        c.key("old")
            .rotate()
            .expires_at("2031-02-03T04:05:06Z")
            .send(),
    )
    .expect("rotated");
    let reqs = c.transport().requests();
    let body = reqs[1].body.as_ref().expect("a create body");
    assert_eq!(body["expires_at"], json!("2031-02-03T04:05:06Z"));
    assert_eq!(body["name"], json!("k"), "the rest is inherited");
}

#[test]
fn rotate_with_a_malformed_expiry_sends_no_create() {
    let c = client_of([ok(json!({"data": api_key("old", "k")}))]);
    let e =
        block_on(c.key("old").rotate().expires_at("2031-02-03T04:05").send()).expect_err("refused");
    assert!(e.is_validation(), "{e:?}");
    assert!(e.to_string().contains("expires_at"), "{e}");
    assert_eq!(
        c.transport().requests().len(),
        1,
        "only the old key was read; nothing created, nothing disabled"
    );
}

#[test]
fn rotate_keeps_the_secret_when_disabling_fails() {
    let mock = MockTransport::new();
    mock.push(ok(json!({"data": api_key("old", "k")})));
    mock.push(MockReply::json(
        201,
        json!({"data": api_key("new", "k"), "key": "sk-or-v1-new"}).to_string(),
    ));
    mock.push(err(403, "no"));
    let c = client(mock);
    let rot = block_on(c.key("old").rotate().send()).expect("rotated");
    assert_eq!(rot.created.key.expose_secret(), "sk-or-v1-new");
    assert!(rot.disable_error.is_some_and(|e| e.is_forbidden()));
}

#[test]
fn rotate_with_unknown_create_outcome_stops() {
    let mock = MockTransport::new();
    mock.push(ok(json!({"data": api_key("old", "k")})));
    mock.push(err(503, "x"));
    let c = client(mock);
    let e = block_on(c.keys().rotate("old").send()).expect_err("unknown");
    assert!(e.is_outcome_unknown());
    assert_eq!(
        c.transport().requests().len(),
        2,
        "the old key is not disabled"
    );
}

#[test]
fn retire_deletes() {
    let c = client_of([ok(json!({"deleted": true}))]);
    block_on(c.keys().retire("old").send()).expect("retired");
    assert_eq!(c.transport().requests()[0].method, Method::Delete);
}

#[test]
fn bulk_update_gives_one_result_per_key_in_order() {
    let mock = MockTransport::new().with_handler(|r| {
        let hash = r.path.trim_start_matches("/keys/");
        if hash == "k3" {
            return err(404, "Resource not found");
        }
        let mut k = api_key(hash, "n");
        k["disabled"] = json!(true);
        ok(json!({"data": k}))
    });
    let c = client(mock);
    let hashes: Vec<String> = (0..10).map(|i| format!("k{i}")).collect();
    let results = block_on(
        c.keys()
            .bulk_update(hashes.clone(), UpdateKey::new().disabled(true))
            .concurrency(3)
            .send(),
    )
    .expect("bulk");
    assert_eq!(
        results
            .iter()
            .map(|r| r.hash.as_str().to_owned())
            .collect::<Vec<_>>(),
        hashes
    );
    for r in &results {
        match r.hash.as_str() {
            "k3" => assert!(r.result.as_ref().is_err_and(|e| e.is_not_found())),
            _ => assert!(r.result.as_ref().is_ok_and(|k| k.disabled)),
        }
    }
    assert_eq!(c.transport().requests().len(), 10);
    assert!(c
        .transport()
        .requests()
        .iter()
        .all(|r| r.body == Some(json!({"disabled": true}))));
}

#[test]
fn bulk_delete() {
    let mock = MockTransport::new().with_handler(|r| {
        if r.path.ends_with("k1") {
            err(403, "no")
        } else {
            ok(json!({"deleted": true}))
        }
    });
    let c = client(mock);
    let results = block_on(c.keys().bulk_delete(["k0", "k1", "k2"]).send()).expect("bulk");
    assert_eq!(
        results.iter().map(|r| r.result.is_ok()).collect::<Vec<_>>(),
        vec![true, false, true]
    );
}

#[test]
fn reconcile_finds_the_key_created_under_an_unknown_outcome() {
    let state = Rc::new(RefCell::new(0));
    let st = state.clone();
    let mock = MockTransport::new().with_handler(move |r| {
        *st.borrow_mut() += 1;
        assert_eq!(r.path, "/keys");
        assert!(r
            .query
            .contains(&("include_disabled".into(), "true".into())));
        assert!(r.query.contains(&("workspace_id".into(), "ws-1".into())));
        let mut older = api_key("h-old", "deploy");
        older["created_at"] = json!("2001-01-01T00:00:00Z");
        let mut other = api_key("h-other", "other");
        other["created_at"] = json!("2001-09-09T01:46:41Z");
        let mut ours = api_key("h-ours", "deploy");
        ours["created_at"] = json!("2001-09-09T01:46:41Z");
        ok(json!({"data": [older, other, ours]}))
    });
    let c = client(mock);
    let since = c.now_ms(); // 2001-09-09T01:46:40Z on the mock clock
    let req = CreateKey::new("deploy")
        .workspace_id("ws-1")
        .limit_reset(LimitReset::Daily);
    let found = block_on(c.keys().reconcile(&req, since).send())
        .expect("listed")
        .expect("found");
    assert_eq!(found.hash.as_str(), "h-ours");
    let none = block_on(
        c.keys()
            .reconcile(&CreateKey::new("missing").workspace_id("ws-1"), since)
            .send(),
    )
    .expect("listed");
    assert!(none.is_none());
    assert_eq!(*state.borrow(), 2);
}

#[test]
fn reconcile_workspace_by_slug() {
    let mock = MockTransport::new();
    mock.push(ok(json!({"data": workspace("w", "prod")})));
    mock.push(err(404, "Resource not found"));
    let c = client(mock);
    assert!(block_on(c.workspaces().reconcile("prod").send())
        .expect("ok")
        .is_some());
    assert!(block_on(c.workspaces().reconcile("gone").send())
        .expect("ok")
        .is_none());
}
