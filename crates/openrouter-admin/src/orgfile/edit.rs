//! Edits of the file's text that keep its comments and layout: a drift taken into the file or no
//! longer managed, and the ids an apply bound written into their entries.
//!
//! Why edit the text rather than write the file again: the file is reviewed in a repository, and
//! its comments and order are the reviewers'; an edit changes only the member it is about.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::applied::Drift;
use super::export::{to_json, write};
use super::file::OrgFile;
use super::jsonc::{parse, Node, Tree};
use super::sections::SECTIONS;
use super::value::{Kind, Value};
use crate::error::{Error, FieldError};

/// The file with the drifted field set to what it is now live ("take into the file"): the next
/// plan has nothing to do for it. A reference is written as the address of the entry bound to
/// the live id, where the file has one.
pub fn take_into_file(text: &str, drift: &Drift) -> Result<String, Error> {
    let (section, address) = split_address(&drift.address)?;
    let spec = SECTIONS
        .iter()
        .find(|s| s.name == section)
        .ok_or_else(|| not_found(&drift.address, "is not a section of the file"))?;
    let field = spec
        .field(&drift.field)
        .ok_or_else(|| not_found(&drift.field, "is not a managed field of this section"))?;
    // Read once: a set of references looks each one up in it.
    let file = OrgFile::parse(text).unwrap_or_default();
    let value = match (field.kind, &drift.live) {
        (Kind::Ref(to), Value::Text(id)) => Json::from(address_of(&file, to, id)),
        (Kind::Refs(to), Value::Set(ids)) => {
            let mut named: Vec<String> = ids.iter().map(|id| address_of(&file, to, id)).collect();
            named.sort();
            Json::from(named)
        }
        (_, live) => to_json(live),
    };
    let mut json = String::new();
    write(&mut json, &value, 0);
    let mut path = vec![section, address];
    path.extend(drift.field.split('.'));
    set(text, &path, &json)
}

/// The file without the drifted field ("stop managing"): the plan leaves it as it is live.
pub fn stop_managing(text: &str, drift: &Drift) -> Result<String, Error> {
    let (section, address) = split_address(&drift.address)?;
    let mut path = vec![section, address];
    path.extend(drift.field.split('.'));
    remove(text, &path)
}

/// The file with each entry of `bound` (`keys.ci` → the live id) bound to its object: the id (a
/// key's `hash`) written as the entry's first member, so the next plan reads it as bound, never
/// as a create or an adoption.
pub fn bind_ids(text: &str, bound: &BTreeMap<String, String>) -> Result<String, Error> {
    let mut text = text.to_owned();
    for (path, id) in bound {
        let (section, address) = split_address(path)?;
        let spec = SECTIONS
            .iter()
            .find(|s| s.name == section)
            .ok_or_else(|| not_found(path, "is not a section of the file"))?;
        let id = Json::from(id.as_str()).to_string();
        text = set(&text, &[section, address, spec.id_field], &id)?;
    }
    Ok(text)
}

fn split_address(path: &str) -> Result<(&str, &str), Error> {
    path.split_once('.')
        .ok_or_else(|| not_found(path, "is not a `section.address`"))
}

fn not_found(path: &str, what: &str) -> Error {
    Error::validation(vec![FieldError::new(path, "not_in_file", what)])
}

/// The address of the entry of `section` bound to `id`, or `id` when the file has none.
fn address_of(file: &OrgFile, section: &str, id: &str) -> String {
    file.sections
        .get(section)
        .and_then(|s| s.entries.iter().find(|(_, e)| e.id.as_deref() == Some(id)))
        .map(|(address, _)| address.clone())
        .unwrap_or_else(|| id.to_owned())
}

fn members(node: &Node) -> Option<&[(String, Node)]> {
    match &node.value {
        Tree::Object(members) => Some(members),
        _ => None,
    }
}

/// Sets the member at `path` to `json`: its value replaced if it is there, else the missing
/// members inserted first in the deepest object that is.
fn set(text: &str, path: &[&str], json: &str) -> Result<String, Error> {
    let root = parse(text).map_err(|e| Error::validation(vec![e]))?;
    let mut node = &root;
    for (depth, key) in path.iter().enumerate() {
        let Some(inside) = members(node) else {
            return Err(not_found(&path[..depth].join("."), "is not an object"));
        };
        match inside.iter().find(|(k, _)| k == key) {
            Some((_, child)) if depth + 1 == path.len() => {
                return Ok(splice(text, child.span.clone(), json));
            }
            Some((_, child)) => node = child,
            // The entry itself must be there: an edit never makes an entry up.
            None if depth < 2 => {
                return Err(not_found(&path[..=depth].join("."), "is not in the file"))
            }
            None => return Ok(insert(text, node, &path[depth..], json)),
        }
    }
    Ok(text.to_owned())
}

/// `"a": {"b": json}` for `keys` = `[a, b]`, inserted as the object's first member.
fn insert(text: &str, object: &Node, keys: &[&str], json: &str) -> String {
    let mut member = json.to_owned();
    for key in keys[1..].iter().rev() {
        member = format!("{{ {}: {member} }}", Json::from(*key));
    }
    let member = format!("{}: {member}", Json::from(keys[0]));
    let open = object.span.start + 1;
    match members(object).and_then(|m| m.first()) {
        Some((_, first)) => {
            let at = first.key_start.unwrap_or(open);
            let line = &text[line_start(text, at)..at];
            let gap = if line.trim().is_empty() {
                format!(",\n{line}")
            } else {
                ", ".to_owned()
            };
            splice(text, at..at, &format!("{member}{gap}"))
        }
        None => {
            let indent: String = text[line_start(text, object.span.start)..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let close = object.span.end - 1;
            splice(
                text,
                open..close,
                &format!("\n{indent}  {member}\n{indent}"),
            )
        }
    }
}

/// Removes the member at `path` with its comma, and its line when it had one to itself.
fn remove(text: &str, path: &[&str]) -> Result<String, Error> {
    let root = parse(text).map_err(|e| Error::validation(vec![e]))?;
    let mut node = &root;
    let mut parent = &root;
    for (depth, key) in path.iter().enumerate() {
        let child = members(node)
            .and_then(|m| m.iter().find(|(k, _)| k == key))
            .map(|(_, child)| child)
            .ok_or_else(|| not_found(&path[..=depth].join("."), "is not in the file"))?;
        parent = node;
        node = child;
    }
    let siblings = members(parent).unwrap_or_default();
    let mut start = node.key_start.unwrap_or(node.span.start);
    let mut end = node.span.end;
    let after = text[end..].trim_start_matches([' ', '\t']);
    if after.starts_with(',') {
        end = text.len() - after.len() + 1;
    } else if let Some(i) = siblings.iter().position(|(_, n)| n.span == node.span) {
        // The last member: the comma before it goes.
        if let Some((_, before)) = i.checked_sub(1).map(|j| &siblings[j]) {
            if let Some(comma) = text[before.span.end..start].find(',') {
                start = before.span.end + comma;
            }
        }
    }
    let from = line_start(text, start);
    let to = text[end..].find('\n').map_or(text.len(), |n| end + n + 1);
    if text[from..start].trim().is_empty() && text[end..to].trim().is_empty() {
        (start, end) = (from, to);
    }
    Ok(splice(text, start..end, ""))
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |n| n + 1)
}

fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
