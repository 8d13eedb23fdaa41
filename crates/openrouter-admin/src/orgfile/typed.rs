//! Values an apply is given by hand because the file never holds them: a new BYOK credential's
//! provider key, a new destination's secret `config` properties. An area declares which of its
//! creates take them ([`TypedIn`]); [`needed`] says what an apply of a plan must be given, so the
//! page can ask for it and the CLI can say it; the apply refuses a missing or unexpected value
//! before its first write, and sends each only in the create body of its address.

use std::collections::BTreeMap;

use super::action::{Action, ActionKind};
use super::section::SectionSpec;
use super::sections::SECTIONS;
use super::value::Value;
use crate::error::FieldError;
use crate::secret::Secret;

/// Values typed in for an apply, by the address of the entry it creates (`byok.openai`,
/// `destinations.datadog`), then by property (`key`, `apiKey`): write-only, sent in that
/// create's body and nowhere else (not the file, the plan, the state nor the journal).
pub type Typed = BTreeMap<String, BTreeMap<String, Secret>>;

/// The values an apply must be given for one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Needed {
    /// `byok.openai`.
    pub address: String,
    /// `["key"]`.
    pub properties: Vec<&'static str>,
}

/// The values an apply of a plan must be given, in the plan's order (`resource_changes`).
pub fn needed(actions: &[Action]) -> Vec<Needed> {
    actions
        .iter()
        .filter_map(|action| {
            let properties = needs(spec_of(action)?, action);
            (!properties.is_empty()).then(|| Needed {
                address: action.address.clone(),
                properties,
            })
        })
        .collect()
}

/// The properties `action` must be given: none unless it creates an object of a kind that takes
/// typed-in values.
pub fn needs(spec: &SectionSpec, action: &Action) -> Vec<&'static str> {
    match (spec.typed_in, action.action) {
        (Some(typed_in), ActionKind::Create | ActionKind::Replace) => (typed_in.needs)(action),
        _ => vec![],
    }
}

/// The plan's sentence for a create that needs values typed in: which, and why.
pub fn reason(spec: &SectionSpec, action: &Action) -> Option<String> {
    let properties = needs(spec, action);
    let typed_in = spec.typed_in?;
    (!properties.is_empty()).then(|| {
        format!(
            "a new {} needs `{}` typed in at the apply: the file never holds it",
            typed_in.what,
            properties.join("`, `")
        )
    })
}

/// `action` with the values typed in for it in its `after`, for its create body only (the caller
/// keeps the action it was given for the journal); every property it needs and was not given,
/// and every one it does not take, is an error named `address.property`, rule `credentials`.
pub fn with_typed(
    spec: &SectionSpec,
    action: &Action,
    typed: Option<&BTreeMap<String, Secret>>,
) -> Result<Option<Action>, Vec<FieldError>> {
    let needs = needs(spec, action);
    let Some(typed) = typed else {
        return match needs.is_empty() {
            true => Ok(None),
            false => Err(vec![missing(spec, action, &needs)]),
        };
    };
    let error = |property: &str, message: String| {
        FieldError::new(
            format!("{}.{property}", action.address),
            "credentials",
            message,
        )
    };
    let creates = matches!(action.action, ActionKind::Create | ActionKind::Replace);
    let Some(typed_in) = spec.typed_in.filter(|_| creates) else {
        return Err(vec![FieldError::new(
            &action.address,
            "credentials",
            format!(
                "values were typed in for {}, which this plan does not create with any",
                action.address
            ),
        )]);
    };
    let mut out = action.clone();
    let mut errors = vec![];
    for (property, secret) in typed {
        match typed_in.accepts.iter().find(|(p, _)| p == property) {
            Some((_, field)) => {
                out.after
                    .insert(field, Value::Text(secret.expose_secret().to_owned()));
            }
            None => errors.push(error(
                property,
                format!(
                    "a {} takes no `{property}` typed in (it takes {})",
                    typed_in.what,
                    typed_in
                        .accepts
                        .iter()
                        .map(|(p, _)| *p)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    let left: Vec<&str> = needs
        .into_iter()
        .filter(|p| !typed.contains_key(*p))
        .collect();
    if !left.is_empty() {
        errors.push(missing(spec, action, &left));
    }
    match errors.is_empty() {
        true => Ok(Some(out)),
        false => Err(errors),
    }
}

/// The refusal of a create that was not given `left`.
fn missing(spec: &SectionSpec, action: &Action, left: &[&str]) -> FieldError {
    let what = spec.typed_in.map_or("object", |t| t.what);
    FieldError::new(
        format!("{}.{}", action.address, left[0]),
        "credentials",
        format!(
            "a new {what} needs {} typed in at the apply, which the file never holds",
            left.join(", ")
        ),
    )
}

fn spec_of(action: &Action) -> Option<&'static SectionSpec> {
    SECTIONS
        .iter()
        .copied()
        .find(|s| s.resource == action.resource)
}
