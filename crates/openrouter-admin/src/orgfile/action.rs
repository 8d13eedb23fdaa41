//! One resource's action in a plan: what the apply will do to it, field by field, and why.

use std::collections::BTreeMap;

use serde::Serialize;

use super::value::Value;

/// What the apply will do to one resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// A new object.
    Create,
    /// Fields changed in place.
    Update,
    /// A new object in place of the live one (a field that cannot change did).
    Replace,
    /// The object is deleted.
    Delete,
    /// An entry without an id takes the live object of the same name (then updates it, if its
    /// fields differ).
    Adopt,
    /// The entry is bound to an object no longer in the organization: nothing is done.
    Missing,
    /// Nothing to do.
    NoOp,
    /// A live object the file does not manage: left alone.
    Unmanaged,
}

/// One field that changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The field (`budgets.daily`).
    pub field: &'static str,
    /// The live value (`None` on a create).
    pub before: Option<Value>,
    /// The value the file asks for.
    pub after: Value,
    /// For a set: what is added, and what removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// For a set: what is removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// The change as a person reads it (`$10.00 → $5.00 (-$5.00)`, `+ anthropic, - openai`).
    pub text: String,
    /// Whether it gives more than before (a raised limit, more members, a later expiry).
    pub widens: bool,
    /// Whether it needs a new object.
    pub replaces: bool,
}

/// What the plan does to one resource, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Action {
    /// `workspaces.prod`.
    pub address: String,
    /// `openrouter_workspace`.
    #[serde(rename = "type")]
    pub resource: &'static str,
    /// The live object's id (none for a create).
    pub id: Option<String>,
    /// The action.
    pub action: ActionKind,
    /// Terraform's words for it (`["create", "delete"]` for a replacement).
    pub actions: Vec<&'static str>,
    /// The live object's managed fields (none for a create).
    pub before: Option<BTreeMap<&'static str, Value>>,
    /// The fields as they will be: the file's over the live object's (references resolved).
    pub after: BTreeMap<&'static str, Value>,
    /// The fields that change.
    pub changes: Vec<Change>,
    /// Why, in one sentence, where the action needs one (a replacement, a missing object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_reason: Option<String>,
    /// The fields whose change needs a new object, as Terraform lists them.
    pub replace_paths: Vec<Vec<&'static str>>,
    /// What the change reaches, from live data.
    pub reach: Vec<String>,
}

impl Action {
    /// Whether any change widens what the object allows.
    pub fn widens(&self) -> bool {
        self.changes.iter().any(|c| c.widens)
    }
}
