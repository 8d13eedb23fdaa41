//! Workspaces in `openrouter-org.jsonc`: their fields, their budgets (with
//! `include_byok_in_budgets`) and their members as a set, as the file manages them.

use std::collections::BTreeMap;

use crate::orgfile::section::{opt_text, set, LiveObject, LiveOrg, SectionSpec};
use crate::orgfile::value::{FieldSpec, Kind, Value, Widens};
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
};

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
