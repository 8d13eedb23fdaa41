//! What an area declares to be managed by the file ([`SectionSpec`]), and the live organization
//! a plan compares the file with ([`LiveOrg`], seen per section as [`LiveObject`]s).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::value::{FieldSpec, Value};
use super::write::Write;
use crate::areas::budgets::models::BudgetList;
use crate::areas::byok::models::ByokKey;
use crate::areas::guardrails::models::Guardrail;
use crate::areas::keys::models::ApiKey;
use crate::areas::members::models::WorkspaceMember;
use crate::areas::observability::models::Destination;
use crate::areas::scim::models::ScimGroupMapping;
use crate::areas::workspaces::models::Workspace;
use crate::error::FieldError;
use crate::shapes::{GuardrailId, KeyHash, UserId, WorkspaceId};

/// One section of the file (`workspaces`, `keys`): its entries' fields and how a live object of
/// its kind is seen. Each area declares its own in `areas/<area>/plan.rs`; `orgfile/sections.rs`
/// lists them in the order an apply goes through them.
#[derive(Debug)]
pub struct SectionSpec {
    /// The section's name in the file.
    pub name: &'static str,
    /// The resource type a plan names (`openrouter_workspace`), as Terraform's provider does.
    pub resource: &'static str,
    /// The field that binds an entry to its live object (`id`, `hash`).
    pub id_field: &'static str,
    /// An entry without an id whose field of this name equals a live object's is adopted.
    pub adopt_by: &'static str,
    /// The managed fields.
    pub fields: &'static [FieldSpec],
    /// The live objects of this kind.
    pub live: fn(&LiveOrg) -> Vec<LiveObject>,
    /// What a create of this kind is given by hand at the apply, if anything (a provider key,
    /// a destination's credentials: the file never holds them).
    pub typed_in: Option<&'static TypedIn>,
    /// The requests an action of this kind becomes, each body checked (errors named
    /// `address.field`); none for an action that changes nothing.
    pub writes: fn(&Action) -> Result<Vec<Write>, Vec<FieldError>>,
}

impl SectionSpec {
    /// The field of this name.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A live object as a plan compares it: its id and its managed fields' values.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveObject {
    /// Its id (a key's hash).
    pub id: String,
    /// Its managed fields, every one of the section's.
    pub fields: BTreeMap<&'static str, Value>,
    /// What a change to it reaches, from live data ("4 members, 12 keys").
    pub reach: Vec<String>,
}

/// The organization as the plan reads it. Secrets are never part of it: no key's secret, no
/// BYOK provider key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveOrg {
    /// Every workspace.
    pub workspaces: Vec<Workspace>,
    /// Each workspace's budgets.
    pub budgets: BTreeMap<WorkspaceId, BudgetList>,
    /// Each workspace's members.
    pub members: BTreeMap<WorkspaceId, Vec<WorkspaceMember>>,
    /// Every key, disabled ones included.
    pub keys: Vec<ApiKey>,
    /// Every workspace's guardrails.
    #[serde(default)]
    pub guardrails: Vec<Guardrail>,
    /// The keys each guardrail governs.
    #[serde(default)]
    pub guardrail_keys: BTreeMap<GuardrailId, Vec<KeyHash>>,
    /// The members each guardrail governs.
    #[serde(default)]
    pub guardrail_members: BTreeMap<GuardrailId, Vec<UserId>>,
    /// Every workspace's BYOK credentials (never their provider keys: the API does not send them).
    #[serde(default)]
    pub byok: Vec<ByokKey>,
    /// Every workspace's observability destinations (their credentials masked by the API).
    #[serde(default)]
    pub destinations: Vec<Destination>,
    /// The organization's SCIM group mappings (none where SCIM is not set up).
    #[serde(default)]
    pub scim_mappings: Vec<ScimGroupMapping>,
    /// Requests per key over the last 7 days, where read (the blast radius of a key's change).
    #[serde(default)]
    pub key_requests_7d: BTreeMap<KeyHash, f64>,
}

/// A nullable live value as a field [`Value`].
pub fn opt_text(v: Option<impl ToString>) -> Value {
    v.map_or(Value::Null, |t| Value::Text(t.to_string()))
}

/// A set of live strings as a field [`Value`].
pub fn set<I: IntoIterator<Item = S>, S: ToString>(items: I) -> Value {
    Value::Set(items.into_iter().map(|s| s.to_string()).collect())
}

/// What an area's creates may be given by hand.
#[derive(Debug)]
pub struct TypedIn {
    /// What the area makes, for sentences (`BYOK credential`).
    pub what: &'static str,
    /// Each property that may be typed in, with the field of the create body it fills
    /// (`("apiKey", "config.apiKey")`).
    pub accepts: &'static [(&'static str, &'static str)],
    /// The properties a create or replacement must be given (a destination's depend on its type).
    pub needs: fn(&Action) -> Vec<&'static str>,
}
