//! The organization file against an organization read through the client (mock transport):
//! `read_live` reads each workspace's budgets, members, guardrails, BYOK credentials and
//! destinations and the SCIM mappings, an export of it plans empty (and holds no credential),
//! and a hand edit of the exported file plans exactly that edit.

use openrouter_admin::mock::{block_on, MockReply, MockTransport, RecordedRequest};
use openrouter_admin::orgfile::reach::{plan_with_reach, read_key_requests};
use openrouter_admin::orgfile::state::{Drift, CHOICES};
use openrouter_admin::orgfile::value::Value as Field;
use openrouter_admin::orgfile::{edit, export, plan, read_live, ActionKind};
use serde_json::{json, Value};

use crate::{api_key, client, err, ok, workspace};

const WS1: &str = "00000000-0000-4000-8000-000000000001";
const WS2: &str = "00000000-0000-4000-8000-000000000002";

fn guardrail() -> Value {
    json!({
        "id": "g1", "name": "EU only", "description": null, "workspace_id": WS1, "limit_usd": 25,
        "reset_interval": "monthly", "include_byok_in_budgets": false, "allowed_models": null,
        "allowed_providers": ["anthropic", "openai"], "ignored_models": null, "ignored_providers": null,
        "allowed_data_regions": ["europe"], "created_at": "2025-08-24T10:30:00Z", "updated_at": null
    })
}

fn org() -> MockTransport {
    MockTransport::new().with_handler(org_reply)
}

/// The organization's answer to `r`.
fn org_reply(r: &RecordedRequest) -> MockReply {
    {
        let page = |all: Vec<Value>| json!({ "data": all, "total_count": all.len() });
        let ws = |id: &str| {
            let mut w = workspace(id, &format!("team-{id}"));
            w["disabled_server_tools"] = json!(["web_search"]);
            w
        };
        match r.path.as_str() {
            "/workspaces" => ok(page(vec![ws(WS1), ws(WS2)])),
            "/guardrails" => {
                let on = r
                    .query
                    .iter()
                    .find(|(k, _)| k == "workspace_id")
                    .map(|(_, v)| v.as_str());
                let rails = if on == Some(WS1) {
                    vec![guardrail()]
                } else {
                    vec![]
                };
                ok(page(rails))
            }
            "/guardrails/assignments/keys" => ok(page(vec![json!({
                "id": "a1", "key_hash": format!("{:064}", 0), "guardrail_id": "g1", "key_name": "CI",
                "key_label": "sk-or-v1-abc...123", "assigned_by": null, "created_at": "2025-08-24T10:30:00Z"
            })])),
            "/guardrails/assignments/members" => ok(page(vec![])),
            "/observability/destinations"
                if r.query.iter().any(|(k, v)| k == "workspace_id" && v == WS1) =>
            {
                ok(page(vec![json!({
                    "id": "d1", "workspace_id": WS1, "type": "langfuse", "name": "Traces", "enabled": true,
                    "privacy_mode": false, "broadcast_generation_cost": true,
                    "broadcast_generation_identity": false, "broadcast_generation_request_context": false,
                    "sampling_rate": 1, "api_key_hashes": null, "filter_rules": null,
                    "config": { "publicKey": "pk-lf-1", "secretKey": "sk-lf-...9f2a" }, "regions": ["europe"],
                    "created_at": "2025-08-24T10:30:00Z", "updated_at": "2025-08-24T10:30:00Z"
                })]))
            }
            "/observability/destinations" => ok(page(vec![])),
            "/scim/group-mappings" => ok(page(vec![json!({
                "id": "sm1", "organization_id": "org_1", "scim_group_id": "grp-eng", "workspace_id": WS2,
                "role": "member", "created_at": "2025-08-24T10:30:00Z", "updated_at": "2025-08-24T10:30:00Z"
            })])),
            "/byok" if r.query.iter().any(|(k, v)| k == "workspace_id" && v == WS2) => {
                ok(page(vec![]))
            }
            "/byok" => ok(page(vec![json!({
                "id": "bk1", "provider": "openai", "workspace_id": WS1, "label": "sk-...abc", "name": "Prod OpenAI",
                "disabled": false, "is_fallback": false, "allowed_models": null,
                "allowed_api_key_hashes": null, "allowed_user_ids": null, "sort_order": 0,
                "created_at": "2025-08-24T10:30:00Z"
            })])),
            // The mock's clock is 2001-09-09: the last 7 completed days are 09-02 to 09-08.
            "/activity" => {
                let rows: Vec<Value> = [("2001-09-08", 5), ("2001-09-02", 3), ("2001-09-01", 100), ("2001-09-09", 50)]
                    .iter()
                    .map(|(date, requests)| json!({
                        "date": date, "model": "m", "model_permaslug": "m", "endpoint_id": "e",
                        "provider_name": "p", "usage": 0.1, "byok_usage_inference": 0, "requests": requests,
                        "prompt_tokens": 1, "completion_tokens": 1, "reasoning_tokens": 0
                    }))
                    .collect();
                ok(json!({ "data": rows }))
            }
            "/keys" => {
                let on = r
                    .query
                    .iter()
                    .find(|(k, _)| k == "workspace_id")
                    .map(|(_, v)| v.as_str());
                let mut key = api_key(&format!("{:064}", u8::from(on == Some(WS2))), "CI");
                key["workspace_id"] = json!(on);
                ok(page(vec![key]))
            }
            "/workspaces/00000000-0000-4000-8000-000000000001/budgets" => ok(json!({
                "data": [{"id": "b1", "workspace_id": WS1, "limit_usd": 100, "reset_interval": "monthly",
                          "created_at": "2025-08-24T10:30:00Z", "updated_at": "2025-08-24T10:30:00Z"}],
                "include_byok_in_budgets": true
            })),
            p if p.ends_with("/budgets") => ok(json!({ "data": [] })),
            p if p.ends_with("/members") => ok(page(vec![json!({
                "id": "m1", "workspace_id": WS1, "user_id": "user_7", "role": "member",
                "created_at": "2025-08-24T10:30:00Z"
            })])),
            other => panic!("unexpected read {other}"),
        }
    }
}

/// The file with `keys.ci` disabled (as taking that hand change into the file writes it).
fn with_ci_disabled(text: &str) -> String {
    let disable = Drift {
        address: "keys.ci".into(),
        field: "disabled".into(),
        applied: Field::Bool(false),
        live: Field::Bool(true),
        choices: CHOICES,
    };
    edit::take_into_file(text, &disable).expect("an edit")
}

#[test]
fn an_export_of_the_live_org_plans_nothing_and_one_edit_plans_one_change() {
    let client = client(org());
    let live = block_on(read_live(&client, None)).expect("test data");
    // One list of workspaces, then per workspace its keys, budgets, members, guardrails, BYOK and
    // destinations, then the organization's key and member assignments and SCIM mappings.
    assert_eq!(client.transport().requests().len(), 1 + 2 * 6 + 3);
    let text = export(&live);
    assert!(text.contains(r#""monthly": 100"#), "{text}");
    let second = format!(r#""workspace": "team-{WS2}""#);
    assert!(
        text.contains(&second),
        "a key names its workspace by address: {text}"
    );
    assert!(
        text.contains(r#""keys": ["ci"]"#),
        "a guardrail names its keys by address: {text}"
    );
    let p = plan(&text, &live, None).expect("test data");
    assert!(p.is_empty(), "{:?}", p.resource_changes);
    assert_eq!(
        p.read.len(),
        8,
        "two workspaces, two keys, a guardrail, a BYOK credential, a destination and a mapping read"
    );
    assert!(text.contains(r#""publicKey": "pk-lf-1""#), "{text}");
    assert!(
        !text.contains("secretKey") && !text.contains("9f2a"),
        "a destination's credential is never exported: {text}"
    );
    assert!(text.contains(r#""group": "grp-eng""#), "{text}");

    let edited = text.replacen(r#""monthly": 100"#, r#""monthly": 80"#, 1);
    let p = plan(&edited, &live, None).expect("test data");
    let changed: Vec<_> = p
        .resource_changes
        .iter()
        .filter(|a| a.action != ActionKind::NoOp)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    let first = format!("workspaces.team-{WS1}");
    assert_eq!(
        (changed[0].address.as_str(), changed[0].action),
        (first.as_str(), ActionKind::Update)
    );
    assert_eq!(changed[0].changes[0].text, "$100.00 → $80.00 (-$20.00)");
    assert_ne!(
        p.file_digest,
        plan(&text, &live, None).expect("test data").file_digest
    );
}

#[test]
fn a_key_the_plan_disables_shows_its_requests_of_the_last_seven_days() {
    let client = client(org());
    let mut live = block_on(read_live(&client, None)).expect("test data");
    let text = export(&live);
    let reads = client.transport().requests().len();
    let unchanged = plan(&text, &live, None).expect("test data");
    assert_eq!(
        block_on(read_key_requests(&client, &unchanged, &mut live)).expect("read"),
        0
    );
    assert_eq!(
        client.transport().requests().len(),
        reads,
        "nothing to read for an empty plan"
    );

    let edited = with_ci_disabled(&text);
    let first = plan(&edited, &live, None).expect("test data");
    assert_eq!(
        block_on(read_key_requests(&client, &first, &mut live)).expect("read"),
        1
    );
    let requests = client.transport().requests();
    let asked = &requests[reads..];
    assert_eq!(asked.len(), 1, "one read, for the one key disabled");
    assert_eq!(asked[0].path, "/activity");
    assert!(asked[0]
        .query
        .contains(&("api_key_hash".into(), format!("{:064}", 0))));
    let again = plan(&edited, &live, None).expect("test data");
    let ci = again
        .resource_changes
        .iter()
        .find(|a| a.address == "keys.ci")
        .expect("ci");
    assert_eq!(
        ci.reach,
        ["8 requests in the last 7 days"],
        "today's and older rows left out"
    );
    assert_eq!(again.read, first.read, "the approved digests do not move");
}

#[test]
fn a_key_moved_to_another_workspace_is_said_with_the_files_addresses() {
    let client = client(org());
    let live = block_on(read_live(&client, None)).expect("test data");
    let text = export(&live);
    let (from, to) = (format!("team-{WS1}"), format!("team-{WS2}"));
    let entry = text.find(r#""ci": {"#).expect("keys.ci");
    let at = entry + text[entry..].find(&from).expect("its workspace");
    let moved = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    let p = plan(&moved, &live, None).expect("test data");
    let ci = p
        .resource_changes
        .iter()
        .find(|a| a.address == "keys.ci")
        .expect("ci");
    assert_eq!(ci.action, ActionKind::Replace);
    let change = ci
        .changes
        .iter()
        .find(|c| c.field == "workspace")
        .expect("workspace");
    assert_eq!(
        change.text,
        format!("workspaces.{from} → workspaces.{to}"),
        "addresses, not ids"
    );
    assert_eq!(
        change.after,
        Field::Text(WS2.into()),
        "the value stays the id"
    );
}

#[test]
fn a_failed_activity_read_keeps_the_plan_and_says_the_count_is_unknown() {
    let failing = MockTransport::new().with_handler(|r| match r.path.as_str() {
        "/activity" => err(403, "no activity for this key"),
        _ => org_reply(r),
    });
    let client = client(failing);
    let mut live = block_on(read_live(&client, None)).expect("test data");
    let text = export(&live);
    let edited = with_ci_disabled(&text);
    let p = block_on(plan_with_reach(&client, &edited, &mut live, None)).expect("a plan");
    let ci = p
        .resource_changes
        .iter()
        .find(|a| a.address == "keys.ci")
        .expect("ci");
    assert_eq!(ci.reach.len(), 1, "{:?}", ci.reach);
    assert!(
        ci.reach[0].starts_with(
            "its requests in the last 7 days are unknown: the activity could not be read"
        ),
        "{:?}",
        ci.reach
    );
    let ws = p
        .resource_changes
        .iter()
        .find(|a| a.resource == "openrouter_workspace")
        .expect("a workspace");
    assert!(
        ws.reach.iter().all(|r| !r.contains("unknown")),
        "only the keys it cuts off"
    );
}
