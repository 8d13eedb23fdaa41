//! The requests an action becomes: each area's `plan.rs` turns its actions into these
//! (`SectionSpec::writes`), and the apply sends them.

use crate::areas::byok::models::{CreateByokKey, UpdateByokKey};
use crate::areas::guardrails::models::{CreateGuardrail, UpdateGuardrail};
use crate::areas::keys::models::{CreateKey, UpdateKey};
use crate::areas::observability::models::{CreateDestination, UpdateDestination};
use crate::areas::scim::models::{CreateScimGroupMapping, KeepMembers, UpdateScimGroupMapping};
use crate::areas::workspaces::models::{CreateWorkspace, UpdateWorkspace};
use serde::de::DeserializeOwned;

use super::action::Action;
use super::digest::sha256;
use super::value::Value;
use crate::checks::Validate;
use crate::error::FieldError;
use crate::shapes::Interval;

/// One request an action makes, in the order it makes them.
#[derive(Clone, Debug)]
pub enum Write {
    /// `POST /workspaces` (a lost answer is searched for by slug).
    CreateWorkspace(CreateWorkspace),
    /// `PATCH /workspaces/{id}`.
    UpdateWorkspace(UpdateWorkspace),
    /// `DELETE /workspaces/{id}`.
    DeleteWorkspace,
    /// `PUT /workspaces/{id}/budgets/{interval}`, with `include_byok_in_budgets` where set.
    PutBudget(Interval, f64, Option<bool>),
    /// `DELETE /workspaces/{id}/budgets/{interval}`.
    DeleteBudget(Interval),
    /// `POST /workspaces/{id}/members/add`, in chunks.
    AddMembers(Vec<String>),
    /// `POST /workspaces/{id}/members/remove`, in chunks.
    RemoveMembers(Vec<String>),
    /// `POST /keys` in the workspace the second field names (an id, or `(new) workspaces.x`).
    CreateKey(CreateKey, String),
    /// `PATCH /keys/{hash}`.
    UpdateKey(UpdateKey),
    /// `DELETE /keys/{hash}`.
    DeleteKey,
    /// `POST /guardrails` in the workspace the second field names.
    CreateGuardrail(CreateGuardrail, String),
    /// `PATCH /guardrails/{id}`.
    UpdateGuardrail(UpdateGuardrail),
    /// `DELETE /guardrails/{id}`.
    DeleteGuardrail,
    /// `DELETE /guardrails/{id}` of the guardrail a replacement took the place of.
    DeleteOldGuardrail,
    /// `POST /guardrails/{id}/assignments/keys`, hashes or `(new) keys.x`.
    AssignKeys(Vec<String>),
    /// `POST /guardrails/{id}/assignments/keys/remove`.
    UnassignKeys(Vec<String>),
    /// `POST /guardrails/{id}/assignments/members`.
    AssignMembers(Vec<String>),
    /// `POST /guardrails/{id}/assignments/members/remove`.
    UnassignMembers(Vec<String>),
    /// `POST /byok` in the workspace the second field names, with the provider key typed in
    /// (a lost answer is searched for by provider and name).
    CreateByok(CreateByokKey, String),
    /// `PATCH /byok/{id}` (never its provider key: the file does not hold it).
    UpdateByok(UpdateByokKey),
    /// `DELETE /byok/{id}`.
    DeleteByok,
    /// `DELETE /byok/{id}` of the credential a replacement took the place of.
    DeleteOldByok,
    /// `POST /observability/destinations` in the workspace the second field names.
    CreateDestination(CreateDestination, String),
    /// `PATCH /observability/destinations/{id}`.
    UpdateDestination(UpdateDestination),
    /// `DELETE /observability/destinations/{id}`.
    DeleteDestination,
    /// `DELETE /observability/destinations/{id}` of the destination a replacement took the
    /// place of.
    DeleteOldDestination,
    /// `POST /scim/group-mappings` into the workspace the second field names (an id, or
    /// `(new) workspaces.x`): its `workspace_id` is set when the apply reaches it.
    CreateScimMapping(CreateScimGroupMapping, String),
    /// `PATCH /scim/group-mappings/{id}`: the role.
    UpdateScimMapping(UpdateScimGroupMapping),
    /// `DELETE /scim/group-mappings/{id}?keep_members=`.
    DeleteScimMapping(KeepMembers),
    /// The same, of the mapping a replacement took the place of.
    DeleteOldScimMapping(KeepMembers),
}

/// The create body `B` of `action`: each field of `names` the action sets to a value.
pub fn create_body<B: DeserializeOwned + Validate>(
    action: &Action,
    names: &[&str],
) -> Result<B, Vec<FieldError>> {
    let fields = action
        .after
        .iter()
        .filter(|(k, v)| names.contains(k) && **v != Value::Null);
    body_of(&action.address, fields.map(|(k, v)| (*k, v)))
}

/// The update body `B` of the fields of `names` that `action` changes; `None` when it changes
/// none of them.
pub fn update_body<B: DeserializeOwned + Validate>(
    action: &Action,
    names: &[&str],
) -> Result<Option<B>, Vec<FieldError>> {
    let changed = |name: &str| action.changes.iter().any(|c| c.field == name);
    if !names.iter().any(|n| changed(n)) {
        return Ok(None);
    }
    let fields = action
        .after
        .iter()
        .filter(|(k, _)| names.contains(k) && changed(k));
    body_of(&action.address, fields.map(|(k, v)| (*k, v))).map(Some)
}

/// The workspace a new object of `action` goes into (its `workspace` field, an id or
/// `(new) workspaces.x`), or the error naming the field; `what` names the object ("key").
pub fn new_in_workspace(action: &Action, what: &str) -> Result<String, Vec<FieldError>> {
    match action.after.get("workspace") {
        Some(Value::Text(w)) => Ok(w.clone()),
        _ => Err(vec![FieldError::new(
            format!("{}.workspace", action.address),
            "required",
            format!("a new {what} needs its workspace"),
        )]),
    }
}

/// What a body holds for a reference to an object the same apply makes first (`(new) keys.ci`,
/// a key a BYOK credential or a destination allows): a stand-in of the shape its id will have
/// (64 hex characters, as a key hash), so that the body is checked before the first write; the
/// apply puts the id in its place once that object is made ([`is_stand_in_for`]).
fn stand_in(value: &Value) -> Value {
    let one = |t: &String| match t.starts_with(NEW) {
        true => stand_in_of(t),
        false => t.clone(),
    };
    match value {
        Value::Text(t) => Value::Text(one(t)),
        Value::Set(items) => Value::Set(items.iter().map(one).collect()),
        other => other.clone(),
    }
}

/// Whether `value` in a body is the stand-in for the object made at `address`.
pub fn is_stand_in_for(value: &str, address: &str) -> bool {
    value == stand_in_of(&format!("{NEW}{address}"))
}

/// The hex of the reference's SHA-256 (without the digest's `sha256:`).
fn stand_in_of(reference: &str) -> String {
    let digest = sha256(reference.as_bytes());
    digest.trim_start_matches("sha256:").to_owned()
}

/// How a plan names an object the same apply makes first.
const NEW: &str = "(new) ";

/// The body `B` made of the named `fields` of an action (a field left out stays unset), checked
/// by the body's own rules; errors are named `address.field`.
fn body_of<'v, B>(
    address: &str,
    fields: impl Iterator<Item = (&'v str, &'v Value)>,
) -> Result<B, Vec<FieldError>>
where
    B: DeserializeOwned + Validate,
{
    // A nested field (`config.url`) goes into its object (`{"config": {"url": …}}`).
    let mut object = serde_json::Map::new();
    for (name, value) in fields {
        let value = serde_json::to_value(stand_in(value)).unwrap_or_default();
        match name.split_once('.') {
            Some((outer, inner)) => {
                let nested = object
                    .entry(outer)
                    .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
                if let serde_json::Value::Object(nested) = nested {
                    nested.insert(inner.to_owned(), value);
                }
            }
            None => {
                object.insert(name.to_owned(), value);
            }
        }
    }
    let body: B = serde_json::from_value(serde_json::Value::Object(object))
        .map_err(|e| vec![FieldError::new(address, "type", e.to_string())])?;
    let errors = body.field_errors();
    if errors.is_empty() {
        Ok(body)
    } else {
        Err(errors
            .into_iter()
            .map(|e| FieldError::new(format!("{address}.{}", e.field), e.rule, e.message))
            .collect())
    }
}
