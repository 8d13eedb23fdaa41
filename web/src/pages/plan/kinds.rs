//! How a plan reads on the page, as plain data (natively tested): each action kind's glyph, word
//! and colour class, the actions grouped by kind, and the plan's JSON for a second admin, in the
//! form the CLI's `plan --json` writes and `apply --plan` reads.

use openrouter_admin::orgfile::{approved, Action, ActionKind, Plan};
use serde_json::Value as Json;

/// The kinds in the order the page lists them: what writes first, then what is only reported.
pub const ORDER: [ActionKind; 8] = [
    ActionKind::Create,
    ActionKind::Update,
    ActionKind::Replace,
    ActionKind::Delete,
    ActionKind::Adopt,
    ActionKind::Missing,
    ActionKind::NoOp,
    ActionKind::Unmanaged,
];

/// A kind's glyph, its word and the class that colours it: the glyph and the word say it, the
/// colour only repeats them.
pub fn look(kind: ActionKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ActionKind::Create => ("+", "create", "ora-act-create"),
        ActionKind::Update => ("~", "update", "ora-act-update"),
        ActionKind::Replace => ("-/+", "replace", "ora-act-replace"),
        ActionKind::Delete => ("-", "delete", "ora-act-delete"),
        ActionKind::Adopt => ("⇐", "adopt", "ora-act-adopt"),
        ActionKind::Missing => ("?", "missing", "ora-act-missing"),
        ActionKind::NoOp => ("=", "no change", "ora-act-noop"),
        ActionKind::Unmanaged => ("·", "unmanaged", "ora-act-unmanaged"),
    }
}

/// The kind's word as the plan's JSON spells it (`no_op`), for element ids.
pub fn slug(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Create => "create",
        ActionKind::Update => "update",
        ActionKind::Replace => "replace",
        ActionKind::Delete => "delete",
        ActionKind::Adopt => "adopt",
        ActionKind::Missing => "missing",
        ActionKind::NoOp => "no_op",
        ActionKind::Unmanaged => "unmanaged",
    }
}

/// Whether the page folds the kind away behind its count (nothing will be done to it).
pub fn folded(kind: ActionKind) -> bool {
    matches!(kind, ActionKind::NoOp | ActionKind::Unmanaged)
}

/// The plan's actions by kind, in [`ORDER`], kinds with none left out.
pub fn groups(plan: &Plan) -> Vec<(ActionKind, Vec<&Action>)> {
    ORDER
        .iter()
        .map(|k| {
            let of: Vec<&Action> = plan
                .resource_changes
                .iter()
                .filter(|a| a.action == *k)
                .collect();
            (*k, of)
        })
        .filter(|(_, of)| !of.is_empty())
        .collect()
}

/// The counts an apply's confirmation lists: each kind that writes, and how many.
pub fn counts(plan: &Plan) -> Vec<(ActionKind, usize)> {
    groups(plan)
        .into_iter()
        .filter(|(k, of)| writes(*k, of))
        .map(|(k, of)| (k, of.iter().filter(|a| writes_one(a)).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

fn writes(kind: ActionKind, _of: &[&Action]) -> bool {
    !matches!(
        kind,
        ActionKind::NoOp | ActionKind::Unmanaged | ActionKind::Missing
    )
}

/// Whether applying the action writes (an adoption whose fields match only binds).
fn writes_one(a: &Action) -> bool {
    match a.action {
        ActionKind::NoOp | ActionKind::Unmanaged | ActionKind::Missing => false,
        ActionKind::Adopt => !a.changes.is_empty(),
        _ => true,
    }
}

/// The plan as JSON, as the CLI's `plan --json` writes it (`plan.schema.json`): the core's plan
/// and Terraform's `applyable`. It names the file only by its digest: the second admin needs the
/// file too.
pub fn plan_json(plan: &Plan) -> String {
    serde_json::to_string_pretty(&approved::plan_json(plan)).unwrap_or_default()
}

/// A plan file read back: its JSON if it has a plan's shape, else why not.
pub fn read_plan(text: &str) -> Result<Json, String> {
    let json: Json = serde_json::from_str(text).map_err(|e| format!("This is not JSON: {e}."))?;
    let shaped = json["file_digest"].is_string()
        && json["read"].is_object()
        && json["resource_changes"].is_array();
    if shaped {
        Ok(json)
    } else {
        Err("This is not a plan: it has no file_digest, read and resource_changes (save one with \"Download the plan\" or `openrouter-admin plan --out`).".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openrouter_admin::orgfile::approved::stale;
    use openrouter_admin::orgfile::{plan, LiveOrg};

    const FILE: &str =
        r#"{ "version": 1, "workspaces": { "prod": { "name": "Prod", "slug": "prod" } } }"#;

    #[test]
    fn every_kind_has_a_glyph_and_a_word_of_its_own() {
        let looks: Vec<_> = ORDER.iter().map(|k| look(*k)).collect();
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[i + 1..] {
                assert_ne!(a.0, b.0, "glyphs differ");
                assert_ne!(a.1, b.1, "words differ");
            }
        }
    }

    #[test]
    fn a_plan_round_trips_through_its_json_and_a_changed_object_is_named() {
        let live = LiveOrg::default();
        let p = plan(FILE, &live, None).expect("plans");
        assert_eq!(counts(&p), vec![(ActionKind::Create, 1)]);
        let json = read_plan(&plan_json(&p)).expect("reads back");
        assert_eq!(json["applyable"], Json::Bool(true));
        assert!(stale(&json, &p).is_empty(), "{:?}", stale(&json, &p));
        // Another file: refused as a whole.
        let other = plan(&FILE.replace("Prod", "Production"), &live, None).expect("plans");
        assert_eq!(stale(&json, &other)[0].field, "file_digest");
        // An object the plan read changed since: named.
        let mut changed = read_plan(&plan_json(&p)).expect("reads");
        changed["read"]["openrouter_workspace.w1"] = Json::String("x".into());
        let named = stale(&changed, &p);
        assert_eq!(named.len(), 1);
        assert!(named[0].message.contains("openrouter_workspace.w1 is gone"));
        assert!(read_plan("[]").is_err());
        assert!(read_plan("{").is_err());
    }
}
