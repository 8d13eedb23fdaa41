//! BYOK provider keys in `openrouter-org.jsonc`, never their provider key: an entry manages a
//! credential's settings and who may use it. The file cannot hold the provider key, so an entry
//! with no live credential to adopt is created only with its provider key typed in at the apply
//! ([`TYPED_IN`]): the plan says so, and the apply refuses it before any write without one.

use std::collections::BTreeMap;

use crate::error::FieldError;
use crate::orgfile::action::{Action, ActionKind};
use crate::orgfile::section::{opt_text, set, LiveObject, LiveOrg, SectionSpec, TypedIn};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};
use crate::orgfile::write::{create_body, new_in_workspace, update_body, Write};

/// A new BYOK credential's provider key, typed in at the apply as `key`.
pub static TYPED_IN: TypedIn = TypedIn {
    what: "BYOK credential",
    accepts: &[("key", "key")],
    needs: |_| vec!["key"],
};

/// The `byok` section: bound by `id`, adopted by `name` within its workspace.
pub static SECTION: SectionSpec = SectionSpec {
    name: "byok",
    resource: "openrouter_byok_key",
    id_field: "id",
    adopt_by: "name",
    fields: &[
        FieldSpec::plain("name", Kind::Text(100), true),
        FieldSpec::plain("provider", Kind::Text(100), false)
            .replaces("a BYOK credential's provider cannot change: a new one will be made with its provider key typed in, and this one deleted"),
        FieldSpec::plain("workspace", Kind::Ref("workspaces"), false)
            .replaces("a BYOK credential cannot move to another workspace: a new one will be made there with its provider key typed in, and this one deleted"),
        FieldSpec::plain("disabled", Kind::Bool, false).widens(Widens::WhenFalse),
        FieldSpec::plain("is_fallback", Kind::Bool, false),
        FieldSpec::plain("is_byok_only", Kind::Bool, false),
        FieldSpec::plain("is_required", Kind::Bool, false),
        FieldSpec::plain("declared_zdr", Kind::Bool, true),
        FieldSpec::plain("allowed_models", Kind::Set(false), true).widens(Widens::WhenAllowed),
        FieldSpec::plain("allowed_api_key_hashes", Kind::Refs("keys"), true).widens(Widens::WhenAllowed),
        FieldSpec::plain("allowed_user_ids", Kind::Set(false), true).widens(Widens::WhenAllowed),
    ],
    live,
    typed_in: Some(&TYPED_IN),
    writes,
};

/// What `PATCH /byok/{id}` takes of the managed fields.
const UPDATE: [&str; 9] = [
    "name",
    "disabled",
    "is_fallback",
    "is_byok_only",
    "is_required",
    "declared_zdr",
    "allowed_models",
    "allowed_api_key_hashes",
    "allowed_user_ids",
];

fn live(org: &LiveOrg) -> Vec<LiveObject> {
    org.byok
        .iter()
        .map(|k| {
            let list = |l: &Option<Vec<String>>| l.as_ref().map_or(Value::Null, set);
            let hashes = k
                .allowed_api_key_hashes
                .as_ref()
                .map(|h| h.iter().map(|h| h.as_str()));
            let fields = BTreeMap::from([
                ("name", opt_text(k.name.as_ref())),
                ("provider", Value::Text(k.provider.to_string())),
                ("workspace", opt_text(k.workspace_id.as_ref())),
                ("disabled", Value::Bool(k.disabled)),
                ("is_fallback", Value::Bool(k.is_fallback)),
                ("is_byok_only", Value::Bool(k.is_byok_only)),
                ("is_required", Value::Bool(k.is_required)),
                (
                    "declared_zdr",
                    k.declared_zdr.map_or(Value::Null, Value::Bool),
                ),
                ("allowed_models", list(&k.allowed_models)),
                ("allowed_api_key_hashes", hashes.map_or(Value::Null, set)),
                ("allowed_user_ids", list(&k.allowed_user_ids)),
            ]);
            LiveObject {
                id: k.id.to_string(),
                fields,
                reach: vec![],
            }
        })
        .collect()
}

fn writes(action: &Action) -> Result<Vec<Write>, Vec<FieldError>> {
    Ok(match action.action {
        ActionKind::Delete => vec![Write::DeleteByok],
        ActionKind::Create | ActionKind::Replace => {
            let mut fields = UPDATE.to_vec();
            fields.extend(["provider", "key"]);
            let body = create_body(action, &fields)?;
            let workspace = new_in_workspace(action, "BYOK credential")?;
            let mut out = vec![Write::CreateByok(body, workspace)];
            if action.action == ActionKind::Replace {
                out.push(Write::DeleteOldByok);
            }
            out
        }
        ActionKind::Update | ActionKind::Adopt => update_body(action, &UPDATE)?
            .map(Write::UpdateByok)
            .into_iter()
            .collect(),
        _ => vec![],
    })
}
