//! Export: today's organization as `openrouter-org.jsonc`, canonical (keys sorted, sets sorted,
//! two-space indents, no trailing commas), so two exports of an unchanged organization are the
//! same bytes and a diff of two exports shows only what changed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value as Json};

use super::file::VERSION;
use super::section::{LiveObject, LiveOrg, SectionSpec};
use super::sections::SECTIONS;
use super::value::{Kind, Value};

/// Where the file's JSON Schema sits once the npm package is installed, for editors.
pub const SCHEMA_PATH: &str = "./node_modules/openrouter-admin/openrouter-org.schema.json";

/// The organization as the file's text, every managed field of every object, each entry bound
/// to its live object. Addresses come from the slug (workspaces) or the name (keys), made
/// unique with `-2`, `-3`, … in the order of the objects' ids.
pub fn export(live: &LiveOrg) -> String {
    let mut root = Map::new();
    root.insert("$schema".into(), Json::from(SCHEMA_PATH));
    root.insert("version".into(), number(VERSION));
    let sections = addressed(live);
    let addresses = addresses(&sections);
    for (spec, objects) in &sections {
        let mut section = Map::new();
        for (address, object) in objects {
            let mut entry = Map::new();
            entry.insert(spec.id_field.into(), Json::from(object.id.clone()));
            for field in spec.fields {
                let Some(value) = object.fields.get(field.name) else {
                    continue;
                };
                let json = match (field.kind, value) {
                    (Kind::Ref(to), Value::Text(id)) => {
                        Json::from(address_or_id(&addresses, to, id))
                    }
                    (Kind::Refs(to), Value::Set(ids)) => {
                        let mut named: Vec<String> = ids
                            .iter()
                            .map(|id| address_or_id(&addresses, to, id))
                            .collect();
                        named.sort();
                        Json::from(named)
                    }
                    _ => to_json(value),
                };
                put(&mut entry, field.name, json);
            }
            section.insert(address.clone(), Json::Object(entry));
        }
        root.insert(spec.name.into(), Json::Object(section));
    }
    let mut out = String::new();
    write(&mut out, &Json::Object(root), 0);
    out.push('\n');
    out
}

/// Each section's live objects in the order of their ids, each with the address the file gives
/// it: the slug (workspaces) or the name (keys), made unique with `-2`, `-3`, …. The Terraform
/// and Keymaster exports name their resources from the same addresses.
pub(crate) fn addressed(live: &LiveOrg) -> Vec<(&'static SectionSpec, Vec<(String, LiveObject)>)> {
    SECTIONS
        .iter()
        .map(|spec| {
            let mut objects = (spec.live)(live);
            objects.sort_by(|a, b| a.id.cmp(&b.id));
            let mut taken = BTreeSet::new();
            let named = objects
                .into_iter()
                .map(|object| {
                    let address = unique(&taken, &address_of(&object, spec.adopt_by));
                    taken.insert(address.clone());
                    (address, object)
                })
                .collect();
            (*spec, named)
        })
        .collect()
}

/// [`addressed`], with what the file leaves to the API but another tool must be told: a
/// workspace's default guardrail's name (derived from the workspace's, so never in the file).
pub(crate) fn addressed_with_derived(
    live: &LiveOrg,
) -> Vec<(&'static SectionSpec, Vec<(String, LiveObject)>)> {
    let mut sections = addressed(live);
    for (spec, objects) in sections.iter_mut() {
        if spec.name != "guardrails" {
            continue;
        }
        for (_, object) in objects.iter_mut() {
            let name = live.guardrails.iter().find(|g| g.id.as_str() == object.id);
            if let (false, Some(g)) = (object.fields.contains_key("name"), name) {
                object.fields.insert("name", Value::Text(g.name.clone()));
            }
        }
    }
    sections
}

/// (section, live id) -> address, for the references between sections.
pub(crate) fn addresses(
    sections: &[(&'static SectionSpec, Vec<(String, LiveObject)>)],
) -> BTreeMap<(&'static str, String), String> {
    sections
        .iter()
        .flat_map(|(spec, objects)| {
            objects
                .iter()
                .map(|(address, object)| ((spec.name, object.id.clone()), address.clone()))
        })
        .collect()
}

/// The address the export gave the live object `id` of `section`, or the id itself.
fn address_or_id(addresses: &BTreeMap<(&str, String), String>, section: &str, id: &str) -> String {
    addresses
        .get(&(section, id.to_owned()))
        .cloned()
        .unwrap_or_else(|| id.to_owned())
}

/// Puts `value` at `name`, a dotted name going into nested objects.
fn put(object: &mut Map<String, Json>, name: &str, value: Json) {
    match name.split_once('.') {
        Some((outer, rest)) => {
            let inner = object
                .entry(outer)
                .or_insert_with(|| Json::Object(Map::new()));
            if let Json::Object(inner) = inner {
                put(inner, rest, value);
            }
        }
        None => {
            object.insert(name.into(), value);
        }
    }
}

fn address_of(object: &LiveObject, by: &str) -> String {
    let source = match object.fields.get(by) {
        Some(Value::Text(t)) => t.as_str(),
        _ => object.id.as_str(),
    };
    let mut out = String::new();
    for c in source.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(56).collect();
    if out.is_empty() {
        out.push_str("entry");
    }
    out
}

fn unique(taken: &BTreeSet<String>, base: &str) -> String {
    let mut address = base.to_owned();
    let mut n = 2;
    while taken.contains(&address) || address == super::file::PRUNE {
        address = format!("{base}-{n}");
        n += 1;
    }
    address
}

/// A number as the Terraform and Keymaster exports write it, by the same rule as the file:
/// whole amounts as integers (`10`, not `10.0`).
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn number(n: f64) -> Json {
    // Whole amounts as integers (`10`, not `10.0`), the way people write them.
    if n.fract() == 0.0 && n.abs() < 1e15 {
        Json::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

pub(crate) fn to_json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => number(*n),
        Value::Text(t) => Json::from(t.clone()),
        Value::Set(s) => Json::Array(s.iter().map(|t| Json::from(t.clone())).collect()),
    }
}

/// Pretty JSON with keys sorted at every level.
pub(crate) fn write(out: &mut String, value: &Json, depth: usize) {
    let indent = |out: &mut String, d: usize| out.extend(std::iter::repeat_n("  ", d));
    match value {
        Json::Object(map) if !map.is_empty() => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push_str("{\n");
            for (i, key) in keys.iter().enumerate() {
                indent(out, depth + 1);
                out.push_str(&Json::from(key.as_str()).to_string());
                out.push_str(": ");
                write(out, &map[key.as_str()], depth + 1);
                out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
            }
            indent(out, depth);
            out.push('}');
        }
        Json::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(out, item, depth + 1);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}
