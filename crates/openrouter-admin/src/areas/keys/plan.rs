//! API keys in `openrouter-org.jsonc` (never their secrets): bound by hash, adopted by name
//! within their workspace, replaced when their workspace or expiry changes.

use std::collections::BTreeMap;

use crate::orgfile::section::{opt_text, LiveObject, LiveOrg, SectionSpec};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};

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
};

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
