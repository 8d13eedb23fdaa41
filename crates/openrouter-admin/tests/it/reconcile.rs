//! The lost-answer reconcile of guardrails, BYOK keys and destinations: after a create whose
//! answer was lost, the object it made is found (and nothing older, nothing else), so the
//! caller does not create a second one.

use std::cell::RefCell;
use std::rc::Rc;

use openrouter_admin::mock::{MockTransport, RecordedRequest};
use openrouter_admin::models::{
    CreateByokKey, CreateDestination, CreateGuardrail, DestinationType, JsonObject,
};
use openrouter_admin::Secret;
use serde_json::{json, Value};

use crate::*;

const WS: &str = "0b8f4c2e-5d1a-4e7b-9c3f-2a6d8e1f0b4c";
/// On the mock clock `client.now_ms()` is 2001-09-09T01:46:40Z.
const AFTER: &str = "2001-09-09T01:46:41Z";
const LONG_AGO: &str = "2001-01-01T00:00:00Z";

/// A mock that answers every list with `items` split in pages of two, recording each query.
fn lists(
    path: &'static str,
    items: Vec<Value>,
    seen: Rc<RefCell<Vec<RecordedRequest>>>,
) -> MockTransport {
    MockTransport::new().with_handler(move |r: &RecordedRequest| {
        assert_eq!(r.path, path);
        seen.borrow_mut().push(r.clone());
        let offset = r
            .query
            .iter()
            .find(|(k, _)| k == "offset")
            .map_or(0, |(_, v)| v.parse::<usize>().expect("offset"));
        let page: Vec<Value> = items.iter().skip(offset).take(2).cloned().collect();
        ok(json!({"data": page, "total_count": items.len()}))
    })
}

fn query(r: &RecordedRequest, name: &str) -> Option<String> {
    r.query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

fn guardrail(id: &str, name: &str, at: &str) -> Value {
    json!({"id": id, "name": name, "workspace_id": WS, "include_byok_in_budgets": false, "created_at": at})
}

#[test]
fn a_guardrail_is_found_by_workspace_name_and_time() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let items = vec![
        guardrail("g-old", "Two models", LONG_AGO),
        guardrail("g-other", "Other", AFTER),
        guardrail("g-ours", "Two models", AFTER),
    ];
    let c = client(lists("/guardrails", items, seen.clone()));
    let since = c.now_ms();
    let ws = c.workspace(WS);
    let found = block_on(
        ws.guardrails()
            .reconcile(&CreateGuardrail::new("Two models"), since)
            .send(),
    )
    .expect("listed")
    .expect("found");
    assert_eq!(found.id.as_str(), "g-ours");
    // Every page was read, each filtered to the workspace.
    assert_eq!(seen.borrow().len(), 2);
    assert!(seen
        .borrow()
        .iter()
        .all(|r| query(r, "workspace_id").as_deref() == Some(WS)));
    let none = block_on(
        ws.guardrails()
            .reconcile(&CreateGuardrail::new("Missing"), since)
            .send(),
    )
    .expect("listed");
    assert!(none.is_none());
}

fn byok(id: &str, provider: &str, name: Option<&str>, at: &str) -> Value {
    json!({"id": id, "provider": provider, "workspace_id": WS, "label": "sk-...abcd", "name": name,
        "disabled": false, "is_fallback": false, "allowed_models": null, "allowed_api_key_hashes": null,
        "allowed_user_ids": null, "sort_order": 0, "created_at": at})
}

#[test]
fn a_byok_key_is_found_by_workspace_provider_name_and_time() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let items = vec![
        byok("b-old", "openai", Some("Prod"), LONG_AGO),
        byok("b-unnamed", "openai", None, AFTER),
        byok("b-ours", "openai", Some("Prod"), AFTER),
        // The sandbox filters by provider; an API that did not is still not matched.
        byok("b-anthropic", "anthropic", Some("Prod"), AFTER),
    ];
    let c = client(lists("/byok", items, seen.clone()));
    let since = c.now_ms();
    let secret = || Secret::new("sk-proj-never-compared".to_owned());
    let ws = c.workspace(WS);
    let request = CreateByokKey::new("openai", secret()).name("Prod");
    let found = block_on(ws.byok().reconcile(&request, since).send())
        .expect("listed")
        .expect("found");
    assert_eq!(found.id.as_str(), "b-ours");
    let first = seen.borrow()[0].clone();
    assert_eq!(query(&first, "workspace_id").as_deref(), Some(WS));
    assert_eq!(query(&first, "provider").as_deref(), Some("openai"));
    // A request without a name matches only an unnamed credential.
    let unnamed = block_on(
        ws.byok()
            .reconcile(&CreateByokKey::new("openai", secret()), since)
            .send(),
    )
    .expect("listed")
    .expect("found");
    assert_eq!(unnamed.id.as_str(), "b-unnamed");
}

fn destination(id: &str, kind: &str, name: &str, at: &str) -> Value {
    json!({"id": id, "workspace_id": WS, "type": kind, "name": name, "enabled": true,
        "privacy_mode": false, "broadcast_generation_cost": true, "broadcast_generation_identity": true,
        "broadcast_generation_request_context": true, "sampling_rate": 1.0, "api_key_hashes": null,
        "filter_rules": null, "config": {}, "regions": [], "created_at": at, "updated_at": at})
}

#[test]
fn a_destination_is_found_by_workspace_type_name_and_time() {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let items = vec![
        destination("d-old", "langfuse", "Traces", LONG_AGO),
        destination("d-datadog", "datadog", "Traces", AFTER),
        destination("d-ours", "langfuse", "Traces", AFTER),
    ];
    let c = client(lists("/observability/destinations", items, seen.clone()));
    let since = c.now_ms();
    let config = || JsonObject::from_json(r#"{"publicKey":"pk","secretKey":"sk"}"#);
    let ws = c.workspace(WS);
    let request = CreateDestination::new(DestinationType::Langfuse, "Traces", config());
    let found = block_on(ws.destinations().reconcile(&request, since).send())
        .expect("listed")
        .expect("found");
    assert_eq!(found.id.as_str(), "d-ours");
    assert_eq!(
        query(&seen.borrow()[0], "workspace_id").as_deref(),
        Some(WS)
    );
    // Created before `since` (beyond the skew allowance): not the lost create's.
    let old = CreateDestination::new(DestinationType::Langfuse, "Traces", config());
    let none = block_on(
        ws.destinations()
            .reconcile(&old, since + 400.0 * 24.0 * 3_600_000.0)
            .send(),
    )
    .expect("listed");
    assert!(none.is_none());
}
