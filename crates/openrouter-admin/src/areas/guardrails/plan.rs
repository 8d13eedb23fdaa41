//! Guardrails in `openrouter-org.jsonc`: their limits, allow and ignore lists, regions and data
//! policies, and the keys and members each governs (sets, by key address or hash, and user id).
//! Content filters are not managed by the file yet (left as they are).

use std::collections::BTreeMap;

use super::rules::{MAX_GUARDRAIL_DESCRIPTION_CHARS, MAX_GUARDRAIL_NAME_CHARS};
use crate::error::FieldError;
use crate::orgfile::action::{Action, ActionKind};
use crate::orgfile::section::{opt_text, set, LiveObject, LiveOrg, SectionSpec};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};
use crate::orgfile::write::{create_body, new_in_workspace, update_body, Write};

const REGIONS: Kind = Kind::Set(true);

/// The `guardrails` section: bound by `id`, adopted by `name` within its workspace.
pub static SECTION: SectionSpec = SectionSpec {
    name: "guardrails",
    resource: "openrouter_guardrail",
    id_field: "id",
    adopt_by: "name",
    fields: &[
        FieldSpec::plain("name", Kind::Text(MAX_GUARDRAIL_NAME_CHARS), false),
        FieldSpec::plain("description", Kind::Text(MAX_GUARDRAIL_DESCRIPTION_CHARS), true),
        FieldSpec::plain("workspace", Kind::Ref("workspaces"), false)
            .replaces("a guardrail cannot move to another workspace: a new one will be made there and the old one deleted"),
        FieldSpec::plain("limit_usd", Kind::Usd, true).widens(Widens::WhenRaised),
        FieldSpec::plain("reset_interval", Kind::Choice(&["daily", "weekly", "monthly"]), true),
        FieldSpec::plain("include_byok_in_budgets", Kind::Bool, false),
        FieldSpec::plain("allowed_models", Kind::Set(false), true).widens(Widens::WhenAllowed),
        FieldSpec::plain("allowed_providers", Kind::Set(false), true).widens(Widens::WhenAllowed),
        FieldSpec::plain("ignored_models", Kind::Set(false), true).widens(Widens::WhenRemoved),
        FieldSpec::plain("ignored_providers", Kind::Set(false), true).widens(Widens::WhenRemoved),
        FieldSpec::plain("allowed_data_regions", REGIONS, true).widens(Widens::WhenAllowed),
        FieldSpec::plain("enforce_zdr", Kind::Bool, true).widens(Widens::WhenFalse),
        FieldSpec::plain("enable_free_model_publication", Kind::Bool, true).widens(Widens::WhenTrue),
        FieldSpec::plain("enable_free_model_training", Kind::Bool, true).widens(Widens::WhenTrue),
        FieldSpec::plain("enable_paid_model_training", Kind::Bool, true).widens(Widens::WhenTrue),
        FieldSpec::plain("keys", Kind::Refs("keys"), false),
        FieldSpec::plain("members", Kind::Set(false), false),
    ],
    live,
    typed_in: None,
    writes,
};

/// The fields `POST /guardrails` and `PATCH /guardrails/{id}` take (the workspace apart).
const BODY: [&str; 14] = [
    "name",
    "description",
    "limit_usd",
    "reset_interval",
    "include_byok_in_budgets",
    "allowed_models",
    "allowed_providers",
    "ignored_models",
    "ignored_providers",
    "allowed_data_regions",
    "enforce_zdr",
    "enable_free_model_publication",
    "enable_free_model_training",
    "enable_paid_model_training",
];

/// Why a default guardrail's name is not managed.
const DERIVED: &str = "a workspace's default guardrail is named after its workspace (renaming the workspace renames it): leave `name` out of its entry";

fn live(org: &LiveOrg) -> Vec<LiveObject> {
    let defaults: Vec<&str> = org
        .workspaces
        .iter()
        .map(|w| w.default_guardrail_id.as_str())
        .collect();
    org.guardrails
        .iter()
        .map(|g| {
            let list = |l: &Option<Vec<String>>| l.as_ref().map_or(Value::Null, set);
            let flag = |b: Option<bool>| b.map_or(Value::Null, Value::Bool);
            let keys = org
                .guardrail_keys
                .get(&g.id)
                .map(|k| k.iter().map(|h| h.as_str()));
            let members = org
                .guardrail_members
                .get(&g.id)
                .map(|m| m.iter().map(|u| u.as_str()));
            let regions = g
                .allowed_data_regions
                .as_ref()
                .map(|r| r.iter().map(|r| r.as_str()));
            let mut fields = BTreeMap::from([
                ("name", Value::Text(g.name.clone())),
                ("description", opt_text(g.description.as_ref())),
                ("workspace", opt_text(g.workspace_id.as_ref())),
                ("limit_usd", g.limit_usd.map_or(Value::Null, Value::Number)),
                (
                    "reset_interval",
                    opt_text(g.reset_interval.as_ref().map(|r| r.as_str())),
                ),
                (
                    "include_byok_in_budgets",
                    Value::Bool(g.include_byok_in_budgets),
                ),
                ("allowed_models", list(&g.allowed_models)),
                ("allowed_providers", list(&g.allowed_providers)),
                ("ignored_models", list(&g.ignored_models)),
                ("ignored_providers", list(&g.ignored_providers)),
                ("allowed_data_regions", regions.map_or(Value::Null, set)),
                ("enforce_zdr", flag(g.enforce_zdr)),
                (
                    "enable_free_model_publication",
                    flag(g.enable_free_model_publication),
                ),
                (
                    "enable_free_model_training",
                    flag(g.enable_free_model_training),
                ),
                (
                    "enable_paid_model_training",
                    flag(g.enable_paid_model_training),
                ),
                ("keys", set(keys.into_iter().flatten())),
                ("members", set(members.into_iter().flatten())),
            ]);
            // Its name follows its workspace's, so a file that manages both would fight the
            // API after a rename: the name of a default guardrail is left out.
            if defaults.contains(&g.id.as_str()) {
                fields.remove("name");
            }
            let (k, m) = (
                org.guardrail_keys.get(&g.id).map_or(0, Vec::len),
                org.guardrail_members.get(&g.id).map_or(0, Vec::len),
            );
            LiveObject {
                id: g.id.to_string(),
                fields,
                reach: vec![format!("governs {k} keys and {m} members")],
            }
        })
        .collect()
}

fn writes(action: &Action) -> Result<Vec<Write>, Vec<FieldError>> {
    let mut out = vec![];
    match action.action {
        ActionKind::Delete => return Ok(vec![Write::DeleteGuardrail]),
        ActionKind::Create | ActionKind::Replace => {
            let body = create_body(action, &BODY)?;
            let workspace = new_in_workspace(action, "guardrail")?;
            out.push(Write::CreateGuardrail(body, workspace));
            // The new guardrail governs everything the file lists; the old one is deleted last.
            for (field, assign) in [
                ("keys", Write::AssignKeys as fn(Vec<String>) -> Write),
                ("members", Write::AssignMembers),
            ] {
                if let Some(Value::Set(all)) = action.after.get(field) {
                    if !all.is_empty() {
                        out.push(assign(all.iter().cloned().collect()));
                    }
                }
            }
            if action.action == ActionKind::Replace {
                out.push(Write::DeleteOldGuardrail);
            }
            return Ok(out);
        }
        ActionKind::Update | ActionKind::Adopt => {
            let derived = action
                .before
                .as_ref()
                .is_some_and(|b| !b.contains_key("name"));
            if derived && action.changes.iter().any(|c| c.field == "name") {
                let field = format!("{}.name", action.address);
                return Err(vec![FieldError::new(field, "derived", DERIVED)]);
            }
            out.extend(update_body(action, &BODY)?.map(Write::UpdateGuardrail))
        }
        _ => return Ok(out),
    }
    for c in action.changes.iter() {
        match c.field {
            "keys" if !c.added.is_empty() => out.push(Write::AssignKeys(c.added.clone())),
            "members" if !c.added.is_empty() => out.push(Write::AssignMembers(c.added.clone())),
            _ => {}
        }
        match c.field {
            "keys" if !c.removed.is_empty() => out.push(Write::UnassignKeys(c.removed.clone())),
            "members" if !c.removed.is_empty() => {
                out.push(Write::UnassignMembers(c.removed.clone()))
            }
            _ => {}
        }
    }
    Ok(out)
}
