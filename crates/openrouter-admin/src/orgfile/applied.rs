//! What the last apply left (each managed field as it set it, by address), and the drift a plan
//! shows first: fields changed by hand since.
//!
//! The state holds no secret: only the fields the file manages, which never include one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::section::LiveObject;
use super::value::{same, Value};

/// What the last apply left, by address (`workspaces.prod`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AppliedState {
    /// The state format's version.
    pub version: u32,
    /// Each managed object as applied.
    pub objects: BTreeMap<String, Applied>,
}

/// One object as the last apply left it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    /// Its live id.
    pub id: String,
    /// Its managed fields' values, as applied.
    pub fields: BTreeMap<String, Value>,
}

/// A managed field changed by hand since the last apply.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Drift {
    /// `workspaces.prod`.
    pub address: String,
    /// The field.
    pub field: String,
    /// What the last apply set.
    pub applied: Value,
    /// What it is now.
    pub live: Value,
    /// What the user may do about it.
    pub choices: [&'static str; 3],
}

/// The three ways out of a drift, in the words the page and the CLI show.
pub const CHOICES: [&str; 3] = ["overwrite live", "take into the file", "stop managing"];

/// The fields of `object` (at `address`) that differ from what the last apply set.
pub fn drift(state: &AppliedState, address: &str, object: &LiveObject) -> Vec<Drift> {
    let Some(applied) = state.objects.get(address).filter(|a| a.id == object.id) else {
        return vec![];
    };
    applied
        .fields
        .iter()
        .filter_map(|(field, was)| {
            let now = object.fields.get(field.as_str())?;
            (!same(was, now)).then(|| Drift {
                address: address.to_owned(),
                field: field.clone(),
                applied: was.clone(),
                live: now.clone(),
                choices: CHOICES,
            })
        })
        .collect()
}
