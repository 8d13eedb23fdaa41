//! A plan as a second admin receives it (JSON, as the CLI's `plan --out` and the page's
//! "Download the plan" write it), and the check before applying it: the same file, the same
//! live objects, the same actions. The page and the npm package share it.

use serde_json::Value as Json;

use super::plan::Plan;
use crate::error::FieldError;

/// The plan as JSON, with `applyable`: whether applying it would write anything.
pub fn plan_json(plan: &Plan) -> Json {
    let mut json = serde_json::to_value(plan).unwrap_or_default();
    json["applyable"] = Json::Bool(!plan.is_empty());
    json
}

/// What differs between an approved plan (its JSON) and the plan of the same file made now,
/// each naming its object by the file's address where it has one (rule `stale`): empty when
/// applying `fresh` does exactly what was approved.
pub fn stale(approved: &Json, fresh: &Plan) -> Vec<FieldError> {
    let mut out = vec![];
    if approved["file_digest"].as_str() != Some(fresh.file_digest.as_str()) {
        out.push(FieldError::new(
            "file_digest",
            "stale",
            "the plan was made from another version of the file: plan again, or load the file it was made from",
        ));
        return out;
    }
    let read = approved["read"].as_object().cloned().unwrap_or_default();
    for (object, digest) in &read {
        let now = fresh.read.get(object);
        if digest.as_str() != now.map(String::as_str) {
            let what = if now.is_some() { "changed" } else { "is gone" };
            out.push(FieldError::new(
                address_of(fresh, object),
                "stale",
                format!("{object} {what} since the plan was made: plan again"),
            ));
        }
    }
    for object in fresh.read.keys().filter(|o| !read.contains_key(*o)) {
        out.push(FieldError::new(
            address_of(fresh, object),
            "stale",
            format!("{object} appeared since the plan was made: plan again"),
        ));
    }
    let actions = serde_json::to_value(&fresh.resource_changes).unwrap_or_default();
    if out.is_empty() && decisions(&approved["resource_changes"]) != decisions(&actions) {
        out.push(FieldError::new(
            "resource_changes",
            "stale",
            "this release plans other actions for the same file and organization: plan again with it",
        ));
    }
    out
}

/// The file's address of a live object named `type.id` (as a plan's `read` names it), or the
/// name itself when the file does not manage it.
pub fn address_of(plan: &Plan, object: &str) -> String {
    let (kind, id) = object.split_once('.').unwrap_or((object, ""));
    plan.resource_changes
        .iter()
        .find(|a| a.resource == kind && a.id.as_deref() == Some(id))
        .map_or_else(|| object.to_owned(), |a| a.address.clone())
}

/// The actions as an apply decides on them: without `reach`, the live figures shown beside each
/// for review (a key's requests of the last 7 days), which move by themselves between a plan and
/// its apply.
fn decisions(actions: &Json) -> Json {
    let mut actions = numbers(actions);
    for action in actions.as_array_mut().into_iter().flatten() {
        if let Some(action) = action.as_object_mut() {
            action.remove("reach");
        }
    }
    actions
}

/// The JSON with every number as a float: a plan that went through JavaScript says `10` where
/// serde says `10.0`, the same number.
fn numbers(json: &Json) -> Json {
    match json {
        Json::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Json::Null, Json::Number),
        Json::Array(items) => Json::Array(items.iter().map(numbers).collect()),
        Json::Object(map) => {
            Json::Object(map.iter().map(|(k, v)| (k.clone(), numbers(v))).collect())
        }
        other => other.clone(),
    }
}
