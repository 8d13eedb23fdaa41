//! The plan: a pure function of the file, the live organization and the last applied state.
//!
//! Nothing is deleted implicitly (a live object the file leaves out is `unmanaged` unless the
//! entry says `"delete": true` or its section `"prune": true`); an entry without an id whose
//! `adopt_by` field matches a live object adopts it, never a second create; a bound object gone
//! from the organization is `missing`, never silently created again.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::action::{Action, ActionKind, Change};

use super::applied::{drift, AppliedState, Drift};
use super::digest::sha256;
use super::file::{Entry, OrgFile};
use super::section::{LiveObject, LiveOrg, SectionSpec};
use super::sections::SECTIONS;
use super::typed;
use super::value::{same, usd, FieldSpec, Kind, Value};
use crate::error::{Error, FieldError};

/// The plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// The plan format's version.
    pub format_version: &'static str,
    /// SHA-256 of the file's text.
    pub file_digest: String,
    /// Fields changed by hand since the last apply, shown before the actions.
    pub drift: Vec<Drift>,
    /// One action per entry and per live object the file leaves out, in apply order.
    pub resource_changes: Vec<Action>,
    /// SHA-256 of every live object read, by `type.id`: an apply refuses a plan whose objects
    /// changed since.
    pub read: BTreeMap<String, String>,
}

impl Plan {
    /// Whether applying it would send no write (an adoption whose fields already match the
    /// file's only binds).
    pub fn is_empty(&self) -> bool {
        self.resource_changes.iter().all(|a| match a.action {
            ActionKind::NoOp | ActionKind::Unmanaged | ActionKind::Missing => true,
            ActionKind::Adopt => a.changes.is_empty(),
            _ => false,
        })
    }
}

/// Plans the file's text against the live organization and, where known, the state of the last
/// apply. A file that does not read, an adoption that matches two live objects or a reference
/// to nothing is a `validation` error naming the path.
pub fn plan(text: &str, live: &LiveOrg, state: Option<&AppliedState>) -> Result<Plan, Error> {
    let file = OrgFile::parse(text)?;
    let mut out = Plan {
        format_version: "1",
        file_digest: sha256(text.as_bytes()),
        drift: vec![],
        resource_changes: vec![],
        read: BTreeMap::new(),
    };
    let mut errors = vec![];
    // (section, address) -> the live id it is bound or adopted to; `None` for a create.
    let mut bound: BTreeMap<(&str, &str), Option<String>> = BTreeMap::new();
    let every: BTreeMap<&str, Vec<LiveObject>> =
        SECTIONS.iter().map(|s| (s.name, (s.live)(live))).collect();
    for spec in SECTIONS {
        let objects = &every[spec.name];
        for object in objects {
            out.read
                .insert(format!("{}.{}", spec.resource, object.id), digest(object));
        }
        let Some(section) = file.sections.get(spec.name) else {
            continue;
        };
        let mut taken = BTreeSet::new();
        for (address, entry) in &section.entries {
            let path = format!("{}.{address}", spec.name);
            let resolved = resolve_refs(spec, entry, &bound, &every, &path, &mut errors);
            let target = match &entry.id {
                Some(id) if taken.contains(id) => {
                    errors.push(FieldError::new(
                        format!("{path}.{}", spec.id_field),
                        "unique",
                        "another entry of this section is bound to the same object",
                    ));
                    Target::New
                }
                Some(id) => Target::Bound(objects.iter().find(|o| o.id == *id), id.clone()),
                None => adopt(spec, &resolved, objects, &taken, &path, &mut errors),
            };
            let id = match &target {
                Target::Bound(_, id) => Some(id.clone()),
                Target::Adopt(o) => Some(o.id.clone()),
                Target::New => None,
            };
            if let Some(id) = &id {
                taken.insert(id.clone());
            }
            if let (Some(state), Target::Bound(Some(o), _) | Target::Adopt(o)) = (state, &target) {
                // A drift the file has taken in, or a field it no longer manages, is settled:
                // only a field the apply would write back over the hand change is shown.
                out.drift
                    .extend(drift(state, &path, o).into_iter().filter(|d| {
                        resolved
                            .get(d.field.as_str())
                            .is_some_and(|wanted| !same(wanted, &d.live))
                    }));
            }
            let mut a = action(spec, path, entry.delete, &resolved, target);
            name_refs(spec, &mut a, &bound);
            // After a replacement the address names the new object, made during the apply.
            let id = if a.action == ActionKind::Replace {
                None
            } else {
                id
            };
            bound.insert((spec.name, address.as_str()), id);
            out.resource_changes.push(a);
        }
        for object in objects.iter().filter(|o| !taken.contains(&o.id)) {
            let (kind, reason) = if section.prune {
                (
                    ActionKind::Delete,
                    "not in the file, and its section says \"prune\": true",
                )
            } else {
                (ActionKind::Unmanaged, "not in the file: left alone")
            };
            let mut a = blank(
                spec,
                format!("{}.(id {})", spec.name, object.id),
                Some(object.id.clone()),
                kind,
            );
            a.action_reason = Some(reason.into());
            a.reach = object.reach.clone();
            out.resource_changes.push(a);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::validation(errors))
    }
}

enum Target<'a> {
    /// The entry names its id; the object, if still live.
    Bound(Option<&'a LiveObject>, String),
    /// The live object of the same name, not yet bound by another entry.
    Adopt(&'a LiveObject),
    /// Nothing live: a create.
    New,
}

/// The entry's fields, with each reference to another section's entry replaced by the id it is
/// bound to (or `(new) workspaces.prod` when that entry is still to be created).
fn resolve_refs(
    spec: &SectionSpec,
    entry: &Entry,
    bound: &BTreeMap<(&str, &str), Option<String>>,
    every: &BTreeMap<&str, Vec<LiveObject>>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> BTreeMap<&'static str, Value> {
    let mut fields = entry.fields.clone();
    for field in spec.fields {
        let resolve = |name: &str, errors: &mut Vec<FieldError>| {
            let section = match field.kind {
                Kind::Ref(section) | Kind::Refs(section) => section,
                _ => return None,
            };
            let live = |l: &Vec<LiveObject>| l.iter().any(|o| o.id == name);
            match bound.get(&(section, name)) {
                Some(Some(id)) => Some(id.clone()),
                Some(None) => Some(format!("(new) {section}.{name}")),
                None if every.get(section).is_some_and(live) => Some(name.to_owned()),
                None => {
                    errors.push(FieldError::new(
                        format!("{path}.{}", field.name),
                        "reference",
                        format!("`{name}` is neither an entry of `{section}` in this file nor the id of a live one"),
                    ));
                    None
                }
            }
        };
        let resolved = match fields.get(field.name) {
            Some(Value::Text(name)) => resolve(name, errors).map(Value::Text),
            Some(Value::Set(names)) if matches!(field.kind, Kind::Refs(_)) => {
                let ids: Option<BTreeSet<String>> =
                    names.iter().map(|n| resolve(n, errors)).collect();
                ids.map(Value::Set)
            }
            _ => None,
        };
        if let Some(value) = resolved {
            fields.insert(field.name, value);
        }
    }
    fields
}

fn adopt<'a>(
    spec: &SectionSpec,
    fields: &BTreeMap<&'static str, Value>,
    objects: &'a [LiveObject],
    taken: &BTreeSet<String>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Target<'a> {
    let Some(wanted) = fields.get(spec.adopt_by) else {
        return Target::New;
    };
    let same =
        |o: &&LiveObject| !taken.contains(&o.id) && o.fields.get(spec.adopt_by) == Some(wanted);
    let mut matches: Vec<&LiveObject> = objects.iter().filter(same).collect();
    if matches.len() > 1 {
        // Narrow by the references the entry names (a key's workspace).
        let refs = |o: &&LiveObject| {
            spec.fields
                .iter()
                .filter(|f| matches!(f.kind, Kind::Ref(_)))
                .all(|f| {
                    fields
                        .get(f.name)
                        .is_none_or(|v| o.fields.get(f.name) == Some(v))
                })
        };
        matches.retain(refs);
    }
    match matches.as_slice() {
        [] => Target::New,
        [one] => Target::Adopt(one),
        many => {
            errors.push(FieldError::new(
                path,
                "ambiguous",
                format!(
                    "{} live objects have this {}: write the `{}` of the one to manage",
                    many.len(),
                    spec.adopt_by,
                    spec.id_field
                ),
            ));
            Target::New
        }
    }
}

fn blank(spec: &SectionSpec, address: String, id: Option<String>, action: ActionKind) -> Action {
    let actions = match action {
        ActionKind::Create => vec!["create"],
        ActionKind::Update => vec!["update"],
        ActionKind::Replace => vec!["create", "delete"],
        ActionKind::Delete => vec!["delete"],
        _ => vec!["no-op"],
    };
    let resource = spec.resource;
    Action {
        address,
        resource,
        id,
        action,
        actions,
        before: None,
        after: BTreeMap::new(),
        changes: vec![],
        action_reason: None,
        replace_paths: vec![],
        reach: vec![],
    }
}

fn action(
    spec: &SectionSpec,
    path: String,
    delete: bool,
    fields: &BTreeMap<&'static str, Value>,
    target: Target,
) -> Action {
    let (object, id) = match &target {
        Target::Bound(Some(o), _) | Target::Adopt(o) => (Some(*o), Some(o.id.clone())),
        Target::Bound(None, id) => (None, Some(id.clone())),
        Target::New => (None, None),
    };
    if let (Target::Bound(None, id), false) = (&target, delete) {
        let mut a = blank(spec, path, Some(id.clone()), ActionKind::Missing);
        a.action_reason = Some(format!(
            "bound to {id}, which is no longer in the organization: remove the `{}` to create a new one, or remove the entry",
            spec.id_field
        ));
        return a;
    }
    if delete {
        let kind = if object.is_some() {
            ActionKind::Delete
        } else {
            ActionKind::NoOp
        };
        let mut a = blank(spec, path, id, kind);
        a.action_reason = Some(match object {
            Some(_) => "the entry says \"delete\": true".into(),
            None => "the entry says \"delete\": true, and there is nothing live to delete".into(),
        });
        a.reach = object.map(|o| o.reach.clone()).unwrap_or_default();
        // What the delete is to do (a SCIM mapping's members) goes with it.
        a.after = directives(spec, fields);
        return a;
    }
    let changes: Vec<Change> = spec
        .fields
        .iter()
        .filter(|f| !f.directive)
        .filter_map(|f| {
            change(
                f,
                object.and_then(|o| o.fields.get(f.name)),
                fields.get(f.name)?,
            )
        })
        .collect();
    let kind = match (&target, changes.is_empty()) {
        (Target::New, _) => ActionKind::Create,
        // Adopting an object whose field cannot change to the file's is a replacement too.
        (_, false) if changes.iter().any(|c| c.replaces) => ActionKind::Replace,
        (Target::Adopt(_), _) => ActionKind::Adopt,
        (_, true) => ActionKind::NoOp,
        (_, false) => ActionKind::Update,
    };
    let mut a = blank(spec, path, id, kind);
    if kind == ActionKind::Adopt && !changes.is_empty() {
        a.actions = vec!["update"];
    }
    let replacing: Vec<&Change> = changes.iter().filter(|c| c.replaces).collect();
    if kind == ActionKind::Replace {
        a.replace_paths = replacing
            .iter()
            .map(|c| c.field.split('.').collect())
            .collect();
        let sentence = spec
            .field(replacing[0].field)
            .and_then(|f| f.replaces)
            .unwrap_or_default();
        a.action_reason = Some(format!("`{}` changes: {sentence}", replacing[0].field));
    }
    if kind != ActionKind::Create {
        a.reach = object.map(|o| o.reach.clone()).unwrap_or_default();
    }
    a.before = object.map(|o| o.fields.clone());
    a.after = object.map(|o| o.fields.clone()).unwrap_or_default();
    a.after.extend(fields.iter().map(|(k, v)| (*k, v.clone())));
    a.changes = changes;
    if kind == ActionKind::Create {
        a.action_reason = typed::reason(spec, &a);
    }
    a
}

/// The entry's directive fields.
fn directives(
    spec: &SectionSpec,
    fields: &BTreeMap<&'static str, Value>,
) -> BTreeMap<&'static str, Value> {
    let directive = |name: &str| spec.field(name).is_some_and(|f| f.directive);
    fields
        .iter()
        .filter(|(name, _)| directive(name))
        .map(|(name, value)| (*name, value.clone()))
        .collect()
}

/// Each reference's change said with the file's addresses (`workspaces.prod → workspaces.eu`)
/// rather than the ids they resolved to; an object the file does not name keeps its id.
fn name_refs(spec: &SectionSpec, a: &mut Action, bound: &BTreeMap<(&str, &str), Option<String>>) {
    for c in a.changes.iter_mut() {
        let Some(field) = spec.field(c.field) else {
            continue;
        };
        let (Kind::Ref(section) | Kind::Refs(section)) = field.kind else {
            continue;
        };
        let name = |id: &String| {
            bound
                .iter()
                .find(|((s, _), bound)| *s == section && bound.as_ref() == Some(id))
                .map_or_else(|| id.clone(), |((s, address), _)| format!("{s}.{address}"))
        };
        let named = |v: &Value| match v {
            Value::Text(id) => Value::Text(name(id)),
            Value::Set(ids) => Value::Set(ids.iter().map(name).collect()),
            other => other.clone(),
        };
        let before = c.before.as_ref().map(named);
        c.text = match (before, named(&c.after)) {
            // An address is a name, not a text value: unquoted.
            (Some(Value::Text(b)), Value::Text(a)) => format!("{b} → {a}"),
            (before, after) => {
                change(field, before.as_ref(), &after).map_or_else(String::new, |c| c.text)
            }
        };
    }
}

/// The change of one field, if the file's value differs from the live one.
fn change(field: &FieldSpec, before: Option<&Value>, after: &Value) -> Option<Change> {
    if before.is_some_and(|b| same(b, after)) {
        return None;
    }
    let (mut added, mut removed) = (vec![], vec![]);
    let text = match (before, after) {
        (Some(Value::Set(b)), Value::Set(a)) => {
            added = a.difference(b).cloned().collect();
            removed = b.difference(a).cloned().collect();
            let plus = added.iter().map(|s| format!("+ {s}"));
            plus.chain(removed.iter().map(|s| format!("- {s}")))
                .collect::<Vec<_>>()
                .join(", ")
        }
        (Some(Value::Number(b)), Value::Number(a)) if field.kind == Kind::Usd => {
            let diff = a - b;
            let sign = if diff >= 0.0 { "+" } else { "" };
            format!("{} → {} ({sign}{})", usd(*b), usd(*a), usd(diff))
        }
        (Some(b), a) => format!("{} → {}", b.show(field.kind), a.show(field.kind)),
        (None, a) => format!("= {}", a.show(field.kind)),
    };
    Some(Change {
        field: field.name,
        before: before.cloned(),
        after: after.clone(),
        added,
        removed,
        text,
        widens: before.is_some_and(|b| field.is_wider(b, after)),
        replaces: before.is_some() && field.replaces.is_some(),
    })
}

fn digest(object: &LiveObject) -> String {
    let text = serde_json::to_string(&(&object.id, &object.fields)).unwrap_or_default();
    sha256(text.as_bytes())
}
