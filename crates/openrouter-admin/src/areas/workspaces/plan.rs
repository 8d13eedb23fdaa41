//! Workspaces in `openrouter-org.jsonc`: their fields, their budgets (with
//! `include_byok_in_budgets`) and their members as a set, as the file manages them.

use std::collections::BTreeMap;

use crate::error::FieldError;
use crate::orgfile::action::{Action, ActionKind};
use crate::orgfile::section::{opt_text, set, LiveObject, LiveOrg, SectionSpec};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};
use crate::orgfile::write::{create_body, update_body, Write};
use crate::shapes::Interval;

const SORTS: &[&str] = &["price", "throughput", "latency", "exacto"];

/// The `workspaces` section: an entry is bound by `id` and adopted by its `slug`.
pub static SECTION: SectionSpec = SectionSpec {
    name: "workspaces",
    resource: "openrouter_workspace",
    id_field: "id",
    adopt_by: "slug",
    fields: &[
        FieldSpec::plain("name", Kind::Text(100), false),
        FieldSpec::plain("slug", Kind::Slug, false),
        FieldSpec::plain("description", Kind::Text(500), true),
        FieldSpec::plain("default_text_model", Kind::Text(200), true),
        FieldSpec::plain("default_image_model", Kind::Text(200), true),
        FieldSpec::plain("default_provider_sort", Kind::Choice(SORTS), true),
        FieldSpec::plain("is_observability_io_logging_enabled", Kind::Bool, false),
        FieldSpec::plain("is_observability_broadcast_enabled", Kind::Bool, false),
        FieldSpec::plain("is_data_discount_logging_enabled", Kind::Bool, false),
        FieldSpec::plain("io_logging_sampling_rate", Kind::Number(0.0001, 1.0), false),
        FieldSpec::plain("disabled_server_tools", Kind::Set(false), true)
            .widens(Widens::WhenRemoved),
        FieldSpec::plain("include_byok_in_budgets", Kind::Bool, false),
        FieldSpec::plain("budgets.daily", Kind::Usd, true).widens(Widens::WhenRaised),
        FieldSpec::plain("budgets.weekly", Kind::Usd, true).widens(Widens::WhenRaised),
        FieldSpec::plain("budgets.monthly", Kind::Usd, true).widens(Widens::WhenRaised),
        FieldSpec::plain("budgets.lifetime", Kind::Usd, true).widens(Widens::WhenRaised),
        FieldSpec::plain("members", Kind::Set(false), false).widens(Widens::WhenAdded),
    ],
    live,
    typed_in: None,
    writes,
};

/// The fields `POST /workspaces` and `PATCH /workspaces/{id}` take.
const BODY: [&str; 11] = [
    "name",
    "slug",
    "description",
    "default_text_model",
    "default_image_model",
    "default_provider_sort",
    "is_observability_io_logging_enabled",
    "is_observability_broadcast_enabled",
    "is_data_discount_logging_enabled",
    "io_logging_sampling_rate",
    "disabled_server_tools",
];

/// The budget field of each interval, as the file names it.
pub const BUDGET_FIELDS: [(Interval, &str); 4] = [
    (Interval::Daily, "budgets.daily"),
    (Interval::Weekly, "budgets.weekly"),
    (Interval::Monthly, "budgets.monthly"),
    (Interval::Lifetime, "budgets.lifetime"),
];

fn live(org: &LiveOrg) -> Vec<LiveObject> {
    org.workspaces
        .iter()
        .map(|w| {
            let mut fields = BTreeMap::from([
                ("name", Value::Text(w.name.clone())),
                ("slug", Value::Text(w.slug.clone())),
                ("description", opt_text(w.description.as_ref())),
                (
                    "default_text_model",
                    opt_text(w.default_text_model.as_ref()),
                ),
                (
                    "default_image_model",
                    opt_text(w.default_image_model.as_ref()),
                ),
                (
                    "default_provider_sort",
                    opt_text(w.default_provider_sort.as_ref().map(|s| s.as_str())),
                ),
                (
                    "is_observability_io_logging_enabled",
                    Value::Bool(w.is_observability_io_logging_enabled),
                ),
                (
                    "is_observability_broadcast_enabled",
                    Value::Bool(w.is_observability_broadcast_enabled),
                ),
                (
                    "is_data_discount_logging_enabled",
                    Value::Bool(w.is_data_discount_logging_enabled),
                ),
                (
                    "io_logging_sampling_rate",
                    Value::Number(w.io_logging_sampling_rate),
                ),
                (
                    "disabled_server_tools",
                    w.disabled_server_tools.as_ref().map_or(Value::Null, set),
                ),
            ]);
            let budgets = org.budgets.get(&w.id);
            let byok = budgets
                .and_then(|b| b.include_byok_in_budgets)
                .or(w.include_byok_in_budgets);
            fields.insert(
                "include_byok_in_budgets",
                Value::Bool(byok.unwrap_or(false)),
            );
            for (interval, name) in BUDGET_FIELDS {
                let limit = budgets
                    .and_then(|b| b.data.iter().find(|b| b.interval() == Some(interval)))
                    .map_or(Value::Null, |b| Value::Number(b.limit_usd));
                fields.insert(name, limit);
            }
            let members = org
                .members
                .get(&w.id)
                .map(|m| m.iter().map(|m| m.user_id.as_str()));
            fields.insert("members", set(members.into_iter().flatten()));
            let keys = org.keys.iter().filter(|k| k.workspace_id == w.id).count();
            let people = org.members.get(&w.id).map_or(0, Vec::len);
            LiveObject {
                id: w.id.to_string(),
                fields,
                reach: vec![format!(
                    "{people} members and {keys} keys work in this workspace"
                )],
            }
        })
        .collect()
}

fn writes(action: &Action) -> Result<Vec<Write>, Vec<FieldError>> {
    let mut out = vec![];
    match action.action {
        ActionKind::Delete => out.push(Write::DeleteWorkspace),
        ActionKind::Create => out.push(Write::CreateWorkspace(create_body(action, &BODY)?)),
        ActionKind::Update | ActionKind::Adopt => {
            out.extend(update_body(action, &BODY)?.map(Write::UpdateWorkspace))
        }
        _ => return Ok(out),
    }
    if action.action != ActionKind::Delete {
        out.extend(budgets(action)?);
        if let Some(c) = action.changes.iter().find(|c| c.field == "members") {
            let added = match (&c.before, &c.after) {
                (None, Value::Set(all)) => all.iter().cloned().collect(),
                _ => c.added.clone(),
            };
            if !added.is_empty() {
                out.push(Write::AddMembers(added));
            }
            if !c.removed.is_empty() {
                out.push(Write::RemoveMembers(c.removed.clone()));
            }
        }
    }
    Ok(out)
}

/// The budget requests in an order the shrink rule (lifetime > monthly > weekly > daily) allows
/// at every step: deletes first, then lowered budgets from daily up, then raised or new ones
/// from lifetime down. `include_byok_in_budgets` rides on the first request that sets a budget.
fn budgets(action: &Action) -> Result<Vec<Write>, Vec<FieldError>> {
    let number = |v: Option<&Value>| match v {
        Some(Value::Number(n)) => Some(*n),
        _ => None,
    };
    let (mut deletes, mut lowered, mut raised) = (vec![], vec![], vec![]);
    for (interval, name) in BUDGET_FIELDS {
        let Some(c) = action.changes.iter().find(|c| c.field == name) else {
            continue;
        };
        match (number(c.before.as_ref()), number(Some(&c.after))) {
            (Some(_), None) => deletes.push(Write::DeleteBudget(interval)),
            (Some(b), Some(a)) if a < b => lowered.push(Write::PutBudget(interval, a, None)),
            (_, Some(a)) => raised.push(Write::PutBudget(interval, a, None)),
            (None, None) => {}
        }
    }
    raised.reverse();
    let mut out: Vec<Write> = deletes.into_iter().chain(lowered).chain(raised).collect();
    let byok = action
        .changes
        .iter()
        .find(|c| c.field == "include_byok_in_budgets");
    if let Some(Value::Bool(byok)) = byok.map(|c| &c.after) {
        let first_put = out.iter_mut().find_map(|w| match w {
            Write::PutBudget(_, _, carry) => Some(carry),
            _ => None,
        });
        match first_put {
            Some(carry) => *carry = Some(*byok),
            None => {
                // No budget changes: send the flag with a budget that stays as it is.
                let kept = BUDGET_FIELDS
                    .iter()
                    .find_map(|(i, name)| Some((*i, number(action.after.get(name))?)));
                let Some((interval, limit)) = kept else {
                    return Err(vec![FieldError::new(
                        format!("{}.include_byok_in_budgets", action.address),
                        "needs_budget",
                        "the API keeps this flag with the workspace's budgets: set at least one budget",
                    )]);
                };
                out.push(Write::PutBudget(interval, limit, Some(*byok)));
            }
        }
    }
    Ok(out)
}
