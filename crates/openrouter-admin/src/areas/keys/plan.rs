//! API keys in `openrouter-org.jsonc` (never their secrets): bound by hash, adopted by name
//! within their workspace, replaced when their workspace or expiry changes.

use std::collections::BTreeMap;

use super::models::UpdateKey;
use crate::error::FieldError;
use crate::orgfile::action::{Action, ActionKind};
use crate::orgfile::section::{opt_text, LiveObject, LiveOrg, SectionSpec};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};
use crate::orgfile::write::{create_body, new_in_workspace, update_body, Write};

/// The `keys` section.
pub static SECTION: SectionSpec = SectionSpec {
    name: "keys",
    resource: "openrouter_api_key",
    id_field: "hash",
    adopt_by: "name",
    fields: &[
        FieldSpec::plain("name", Kind::Text(100), false),
        FieldSpec::plain("workspace", Kind::Ref("workspaces"), false)
            .replaces("a key cannot move to another workspace: a new key will be issued there; the old one stays enabled until you retire it"),
        FieldSpec::plain("limit", Kind::Usd, true).widens(Widens::WhenRaised),
        FieldSpec::plain("limit_reset", Kind::Choice(&["daily", "weekly", "monthly"]), true),
        FieldSpec::plain("include_byok_in_limit", Kind::Bool, false),
        FieldSpec::plain("expires_at", Kind::Time, true)
            .widens(Widens::WhenLater)
            .replaces("a key's expiry cannot be changed: a new key will be issued; the old one stays enabled until you retire it"),
        FieldSpec::plain("disabled", Kind::Bool, false).widens(Widens::WhenFalse),
    ],
    live,
    typed_in: None,
    writes,
};

/// What `POST /keys` takes of the managed fields (the workspace is sent apart, once resolved).
const CREATE: [&str; 5] = [
    "name",
    "limit",
    "limit_reset",
    "include_byok_in_limit",
    "expires_at",
];
/// What `PATCH /keys/{hash}` takes.
const UPDATE: [&str; 5] = [
    "name",
    "disabled",
    "limit",
    "limit_reset",
    "include_byok_in_limit",
];

fn live(org: &LiveOrg) -> Vec<LiveObject> {
    org.keys
        .iter()
        .map(|k| {
            let fields = BTreeMap::from([
                ("name", Value::Text(k.name.clone())),
                ("workspace", Value::Text(k.workspace_id.to_string())),
                ("limit", k.limit.map_or(Value::Null, Value::Number)),
                (
                    "limit_reset",
                    opt_text(k.limit_reset.as_ref().map(|r| r.as_str())),
                ),
                (
                    "include_byok_in_limit",
                    Value::Bool(k.include_byok_in_limit),
                ),
                ("expires_at", opt_text(k.expires_at.as_ref())),
                ("disabled", Value::Bool(k.disabled)),
            ]);
            let reach = match org.key_requests_7d.get(&k.hash) {
                Some(n) => vec![format!("{n} requests in the last 7 days")],
                None => vec![],
            };
            LiveObject {
                id: k.hash.to_string(),
                fields,
                reach,
            }
        })
        .collect()
}

fn writes(action: &Action) -> Result<Vec<Write>, Vec<FieldError>> {
    Ok(match action.action {
        ActionKind::Delete => vec![Write::DeleteKey],
        // A replacement is a new key; the old one is left as it is, for the user to retire.
        ActionKind::Create | ActionKind::Replace => {
            let body = create_body(action, &CREATE)?;
            let workspace = new_in_workspace(action, "key")?;
            let mut out = vec![Write::CreateKey(body, workspace)];
            if action.after.get("disabled") == Some(&Value::Bool(true)) {
                out.push(Write::UpdateKey(UpdateKey::new().disabled(true)));
            }
            out
        }
        ActionKind::Update | ActionKind::Adopt => update_body(action, &UPDATE)?
            .map(Write::UpdateKey)
            .into_iter()
            .collect(),
        _ => vec![],
    })
}
