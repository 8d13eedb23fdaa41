//! SCIM group mappings in `openrouter-org.jsonc`: which identity-provider group gives access to
//! which workspace, with which role. A mapping's group and workspace cannot change (a new mapping
//! replaces it); its role can. Deleting one needs `"keep_members"`: the API has no default, and
//! the two choices differ in who keeps access.

use std::collections::BTreeMap;

use super::models::{CreateScimGroupMapping, KeepMembers, ScimGroupId, ScimRole};
use crate::checks::Validate;
use crate::error::FieldError;
use crate::orgfile::action::{Action, ActionKind};
use crate::orgfile::section::{LiveObject, LiveOrg, SectionSpec};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};
use crate::orgfile::write::{new_in_workspace, update_body, Write};
use crate::shapes::WorkspaceId;

/// What a mapping's delete (or replacement) without `keep_members` is told.
pub const NEEDS_KEEP_MEMBERS: &str = "deleting a SCIM mapping needs \"keep_members\": true keeps its members as manual ones, false removes the access that came only from this mapping";

/// The `scim_mappings` section: bound by `id`, adopted by `group` within its workspace.
pub static SECTION: SectionSpec = SectionSpec {
    name: "scim_mappings",
    resource: "openrouter_scim_group_mapping",
    id_field: "id",
    adopt_by: "group",
    fields: &[
        FieldSpec::plain("group", Kind::Text(100), false)
            .replaces("a mapping's group cannot change: a new mapping will be made and this one deleted, as its keep_members says"),
        FieldSpec::plain("workspace", Kind::Ref("workspaces"), false)
            .replaces("a mapping's workspace cannot change: a new mapping will be made and this one deleted, as its keep_members says"),
        FieldSpec::plain("role", Kind::Choice(&["admin", "member"]), false)
            .widens(Widens::WhenBecomes("admin")),
        FieldSpec::plain("keep_members", Kind::Bool, false).directive(),
    ],
    live,
    typed_in: None,
    writes,
};

fn live(org: &LiveOrg) -> Vec<LiveObject> {
    org.scim_mappings
        .iter()
        .map(|m| {
            let fields = BTreeMap::from([
                ("group", Value::Text(m.scim_group_id.to_string())),
                ("workspace", Value::Text(m.workspace_id.to_string())),
                ("role", Value::Text(m.role.as_str().to_owned())),
            ]);
            let members = org.members.get(&m.workspace_id).map_or(0, Vec::len);
            LiveObject {
                id: m.id.to_string(),
                fields,
                // The API does not say who came through which group: the workspace's count is
                // the most that a change can reach.
                reach: vec![format!(
                    "its workspace has {members} members, some of them through this group"
                )],
            }
        })
        .collect()
}

/// The `keep_members` an action's delete needs, or the error naming it.
fn keep_members(action: &Action) -> Result<KeepMembers, Vec<FieldError>> {
    match action.after.get("keep_members") {
        Some(Value::Bool(true)) => Ok(KeepMembers::Keep),
        Some(Value::Bool(false)) => Ok(KeepMembers::Remove),
        _ => Err(vec![FieldError::new(
            format!("{}.keep_members", action.address),
            "required",
            NEEDS_KEEP_MEMBERS,
        )]),
    }
}

/// The create body of `action`, checked; its workspace (perhaps `(new) workspaces.x`) apart.
fn create(action: &Action) -> Result<Write, Vec<FieldError>> {
    let workspace = new_in_workspace(action, "SCIM mapping")?;
    let text = |name: &str| match action.after.get(name) {
        Some(Value::Text(t)) => Ok(t.clone()),
        _ => Err(vec![FieldError::new(
            format!("{}.{name}", action.address),
            "required",
            format!("a new SCIM mapping needs its {name}"),
        )]),
    };
    let (group, role) = (text("group")?, text("role")?);
    let body = CreateScimGroupMapping::new(
        ScimGroupId::from(group),
        WorkspaceId::new(workspace.clone()),
        ScimRole::parse(&role),
    );
    // The workspace is checked once the apply knows its id (a new one has none yet).
    let errors: Vec<FieldError> = body
        .field_errors()
        .into_iter()
        .filter(|e| e.field != "workspace_id")
        .map(|e| FieldError::new(format!("{}.{}", action.address, e.field), e.rule, e.message))
        .collect();
    if errors.is_empty() {
        Ok(Write::CreateScimMapping(body, workspace))
    } else {
        Err(errors)
    }
}

fn writes(action: &Action) -> Result<Vec<Write>, Vec<FieldError>> {
    Ok(match action.action {
        ActionKind::Delete => vec![Write::DeleteScimMapping(keep_members(action)?)],
        ActionKind::Create => vec![create(action)?],
        ActionKind::Replace => {
            let keep = keep_members(action)?;
            vec![create(action)?, Write::DeleteOldScimMapping(keep)]
        }
        ActionKind::Update | ActionKind::Adopt => update_body(action, &["role"])?
            .map(Write::UpdateScimMapping)
            .into_iter()
            .collect(),
        _ => vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgfile::plan::plan;
    use crate::orgfile::tests::workspace;
    use crate::orgfile::{export, LiveOrg};
    use serde_json::json;

    const WS: &str = "00000000-0000-4000-8000-000000000001";
    const GROUP: &str = "00000000-0000-4000-8000-0000000000a1";
    const OTHER: &str = "00000000-0000-4000-8000-0000000000a2";

    fn live() -> LiveOrg {
        serde_json::from_value(json!({
            "workspaces": [workspace(WS, "staging")],
            "budgets": {}, "keys": [],
            "members": { WS: [
                { "id": "m1", "workspace_id": WS, "user_id": "user_1", "role": "member", "created_at": "2026-01-01T00:00:00Z" },
                { "id": "m2", "workspace_id": WS, "user_id": "user_2", "role": "member", "created_at": "2026-01-01T00:00:00Z" },
            ]},
            "scim_mappings": [{
                "id": "00000000-0000-4000-8000-0000000000c1", "organization_id": "org_1",
                "scim_group_id": GROUP, "workspace_id": WS, "role": "member",
                "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            }],
        }))
        .expect("the test's organization decodes")
    }

    fn entry(fields: &str) -> String {
        format!(
            r#"{{ "version": 1, "scim_mappings": {{ "eng": {{ "group": "{GROUP}", "workspace": "{WS}"{fields} }} }} }}"#
        )
    }

    fn only(text: &str) -> Action {
        let p = plan(text, &live(), None).expect("test data");
        p.resource_changes
            .into_iter()
            .find(|a| a.address == "scim_mappings.eng")
            .expect("the entry's action")
    }

    #[test]
    fn a_mapping_is_exported_adopted_by_group_and_workspace_and_plans_nothing_unchanged() {
        let text = export(&live());
        assert!(text.contains(r#""scim_mappings""#), "{text}");
        assert!(text.contains(GROUP), "{text}");
        assert!(
            !text.contains("keep_members"),
            "a directive is never exported: {text}"
        );
        assert!(plan(&text, &live(), None).expect("test data").is_empty());
        let adopt = only(&entry(r#", "role": "member""#));
        assert_eq!(adopt.action, ActionKind::Adopt);
        assert!(adopt.changes.is_empty());
        let elsewhere = entry(r#", "role": "member""#).replace(GROUP, OTHER);
        let other = plan(&elsewhere, &live(), None).expect("test data");
        assert!(other
            .resource_changes
            .iter()
            .any(|a| a.address == "scim_mappings.eng" && a.action == ActionKind::Create));
    }

    #[test]
    fn a_role_made_admin_is_flagged_and_sent_alone() {
        let a = only(&entry(r#", "role": "admin", "keep_members": false"#));
        assert_eq!(a.action, ActionKind::Adopt);
        assert_eq!(a.changes.len(), 1, "keep_members is not a change: {a:?}");
        assert!(a.changes[0].widens, "member to admin gives more");
        let writes = (SECTION.writes)(&a).expect("test data");
        assert!(
            matches!(writes.as_slice(), [Write::UpdateScimMapping(b)] if b.role.as_str() == "admin")
        );
        let down = live();
        let mut admin = down.clone();
        admin.scim_mappings[0].role = ScimRole::parse("admin");
        let p = plan(&entry(r#", "role": "member""#), &admin, None).expect("test data");
        let a = &p.resource_changes[p.resource_changes.len() - 1];
        assert!(!a.changes[0].widens, "admin to member gives less");
    }

    #[test]
    fn a_delete_or_replacement_needs_keep_members_and_says_what_each_does() {
        let bare = only(&entry(r#", "delete": true"#));
        assert_eq!(bare.action, ActionKind::Delete);
        let errors = (SECTION.writes)(&bare).expect_err("no choice, no delete");
        assert_eq!(errors[0].field, "scim_mappings.eng.keep_members");
        assert!(errors[0].message.contains("false removes the access"));
        for (keep, want) in [("true", KeepMembers::Keep), ("false", KeepMembers::Remove)] {
            let a = only(&entry(&format!(
                r#", "delete": true, "keep_members": {keep}"#
            )));
            let writes = (SECTION.writes)(&a).expect("test data");
            assert!(
                matches!(writes.as_slice(), [Write::DeleteScimMapping(k)] if *k == want),
                "{writes:?}"
            );
        }
        let moved = format!(
            r#"{{ "version": 1, "scim_mappings": {{ "eng": {{ "id": "00000000-0000-4000-8000-0000000000c1", "group": "{OTHER}", "workspace": "{WS}", "role": "member" }} }} }}"#
        );
        let a = only(&moved);
        assert_eq!(a.action, ActionKind::Replace);
        assert_eq!(a.replace_paths, [["group"]]);
        let errors = (SECTION.writes)(&a).expect_err("the old mapping's delete needs a choice");
        assert_eq!(errors[0].field, "scim_mappings.eng.keep_members");
        let keep = moved.replace(
            r#""role": "member""#,
            r#""role": "member", "keep_members": true"#,
        );
        let writes = (SECTION.writes)(&only(&keep)).expect("test data");
        assert!(matches!(
            writes.as_slice(),
            [
                Write::CreateScimMapping(..),
                Write::DeleteOldScimMapping(KeepMembers::Keep)
            ]
        ));
        let bad = entry(r#", "role": "owner""#);
        let err = plan(&bad, &live(), None).expect_err("an unknown role");
        assert!(format!("{err}").contains("scim_mappings.eng.role"), "{err}");
    }
}
