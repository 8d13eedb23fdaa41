//! The organization file against an organization read through the client (mock transport):
//! `read_live` reads each workspace's budgets and members, an export of it plans empty, and a
//! hand edit of the exported file plans exactly that edit.

use openrouter_admin::mock::{block_on, MockTransport};
use openrouter_admin::orgfile::{export, plan, read_live, ActionKind};
use serde_json::{json, Value};

use crate::{api_key, client, ok, workspace};

fn org() -> MockTransport {
    MockTransport::new().with_handler(|r| {
        let page = |all: Vec<Value>| json!({ "data": all, "total_count": all.len() });
        let ws = |id: &str| {
            let mut w = workspace(id, &format!("team-{id}"));
            w["disabled_server_tools"] = json!(["web_search"]);
            w
        };
        match r.path.as_str() {
            "/workspaces" => ok(page(vec![ws("ws-1"), ws("ws-2")])),
            "/keys" => {
                let on = r.query.iter().find(|(k, _)| k == "workspace_id").map(|(_, v)| v.as_str());
                let mut key = api_key(&format!("{:064}", u8::from(on == Some("ws-2"))), "CI");
                key["workspace_id"] = json!(on);
                ok(page(vec![key]))
            }
            "/workspaces/ws-1/budgets" => ok(json!({
                "data": [{"id": "b1", "workspace_id": "ws-1", "limit_usd": 100, "reset_interval": "monthly",
                          "created_at": "2025-08-24T10:30:00Z", "updated_at": "2025-08-24T10:30:00Z"}],
                "include_byok_in_budgets": true
            })),
            p if p.ends_with("/budgets") => ok(json!({ "data": [] })),
            p if p.ends_with("/members") => ok(page(vec![json!({
                "id": "m1", "workspace_id": "ws-1", "user_id": "user_7", "role": "member",
                "created_at": "2025-08-24T10:30:00Z"
            })])),
            other => panic!("unexpected read {other}"),
        }
    })
}

#[test]
fn an_export_of_the_live_org_plans_nothing_and_one_edit_plans_one_change() {
    let client = client(org());
    let live = block_on(read_live(&client, None)).expect("test data");
    // One list of workspaces, then per workspace its keys, budgets and members.
    assert_eq!(client.transport().requests().len(), 1 + 2 * 3);
    let text = export(&live);
    assert!(text.contains(r#""monthly": 100"#), "{text}");
    assert!(
        text.contains(r#""workspace": "team-ws-2""#),
        "a key names its workspace by address: {text}"
    );
    let p = plan(&text, &live, None).expect("test data");
    assert!(p.is_empty(), "{:?}", p.resource_changes);
    assert_eq!(p.read.len(), 4, "two workspaces and two keys read");

    let edited = text.replacen(r#""monthly": 100"#, r#""monthly": 80"#, 1);
    let p = plan(&edited, &live, None).expect("test data");
    let changed: Vec<_> = p
        .resource_changes
        .iter()
        .filter(|a| a.action != ActionKind::NoOp)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        (changed[0].address.as_str(), changed[0].action),
        ("workspaces.team-ws-1", ActionKind::Update)
    );
    assert_eq!(changed[0].changes[0].text, "$100.00 → $80.00 (-$20.00)");
    assert_ne!(
        p.file_digest,
        plan(&text, &live, None).expect("test data").file_digest
    );
}
