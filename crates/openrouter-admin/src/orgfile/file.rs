//! `openrouter-org.jsonc` read into [`OrgFile`]: every error at once, each naming the path and
//! the rule, before anything is planned or sent.
//!
//! The shape: `{ "$schema": …, "version": 1, "<section>": { "prune": bool, "<address>": entry } }`.
//! An entry is an object of the section's fields, its binding (`id`, or `hash` for a key) and
//! `"delete": true`. A field left out is not managed, `null` clears it, a value sets it. A field
//! with a dot in its name (`budgets.daily`) is a field of a nested object.

use std::collections::BTreeMap;

use super::jsonc::{parse, Node, Tree};
use super::section::SectionSpec;
use super::sections::SECTIONS;
use super::value::Value;
use crate::error::{Error, FieldError};

/// The file format's version this crate reads and writes.
pub const VERSION: f64 = 1.0;

/// A section's reserved key: `"prune": true` deletes the live objects the section leaves out.
pub const PRUNE: &str = "prune";

/// The file, read and checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrgFile {
    /// The sections the file has, by name (a section left out manages nothing).
    pub sections: BTreeMap<&'static str, SectionFile>,
}

/// One section of the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SectionFile {
    /// Whether live objects the section leaves out are deleted.
    pub prune: bool,
    /// The entries, by address.
    pub entries: BTreeMap<String, Entry>,
}

/// One entry: a resource the file manages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    /// The live object it is bound to (id, or hash for a key), once known.
    pub id: Option<String>,
    /// `"delete": true`: the object is to be deleted.
    pub delete: bool,
    /// The managed fields (a field left out is not here).
    pub fields: BTreeMap<&'static str, Value>,
}

/// Whether `address` is one a user may pick: 1 to 63 of `a-z 0-9 _ -`, starting with a letter or
/// digit (so it reads the same in a plan, a URL and a Terraform resource name).
pub fn is_address(address: &str) -> bool {
    let mut bytes = address.bytes();
    address.len() <= 63
        && bytes
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl OrgFile {
    /// Reads the file's text. The error is a `validation` [`Error`] listing every failing field
    /// with its path (`workspaces.prod.budgets.daily`) and rule.
    pub fn parse(text: &str) -> Result<OrgFile, Error> {
        let root = parse(text).map_err(|e| Error::validation(vec![e]))?;
        let mut errors = vec![];
        let file = read_root(&root, &mut errors);
        if errors.is_empty() {
            Ok(file)
        } else {
            Err(Error::validation(errors))
        }
    }
}

fn unknown(path: &str, known: &str, node: &Node) -> FieldError {
    FieldError::new(
        path,
        "unknown_field",
        format!(
            "is not a field of this object (line {}); known: {known}",
            node.at.line
        ),
    )
}

fn wrong_type(path: &str, expected: &str, node: &Node) -> FieldError {
    let found = node.value.type_name();
    FieldError::new(
        path,
        "type",
        format!("expected {expected}, found {found} (line {})", node.at.line),
    )
}

fn read_root(root: &Node, errors: &mut Vec<FieldError>) -> OrgFile {
    let mut file = OrgFile::default();
    let Tree::Object(fields) = &root.value else {
        errors.push(wrong_type("(file)", "an object", root));
        return file;
    };
    let names: Vec<&str> = SECTIONS.iter().map(|s| s.name).collect();
    let known = format!("$schema, version, {}", names.join(", "));
    let mut version = None;
    for (key, node) in fields {
        match (key.as_str(), &node.value) {
            ("$schema", Tree::Text(_)) => {}
            ("$schema", _) => errors.push(wrong_type("$schema", "a string", node)),
            ("version", Tree::Number(n)) => version = Some(*n),
            ("version", _) => errors.push(wrong_type("version", "the number 1", node)),
            (name, _) => match SECTIONS.iter().find(|s| s.name == name) {
                Some(spec) => {
                    let section = read_section(spec, node, errors);
                    file.sections.insert(spec.name, section);
                }
                None => errors.push(unknown(name, &known, node)),
            },
        }
    }
    match version {
        Some(v) if v == VERSION => {}
        Some(other) => errors.push(FieldError::new(
            "version",
            "supported",
            format!("version {other} is not one this release reads (it reads 1)"),
        )),
        None => errors.push(FieldError::new(
            "version",
            "required",
            "the file must say \"version\": 1",
        )),
    }
    file
}

fn read_section(spec: &SectionSpec, node: &Node, errors: &mut Vec<FieldError>) -> SectionFile {
    let mut section = SectionFile::default();
    let Tree::Object(fields) = &node.value else {
        errors.push(wrong_type(
            spec.name,
            "an object of entries by address",
            node,
        ));
        return section;
    };
    for (address, entry) in fields {
        let path = format!("{}.{address}", spec.name);
        if address == PRUNE {
            match entry.value {
                Tree::Bool(b) => section.prune = b,
                _ => errors.push(wrong_type(&path, "true or false", entry)),
            }
        } else if !is_address(address) {
            errors.push(FieldError::new(
                path,
                "address",
                "an address is 1 to 63 of a-z, 0-9, _ and -, starting with a letter or digit",
            ));
        } else if let Some(e) = read_entry(spec, &path, entry, errors) {
            section.entries.insert(address.clone(), e);
        }
    }
    section
}

fn read_entry(
    spec: &SectionSpec,
    path: &str,
    node: &Node,
    errors: &mut Vec<FieldError>,
) -> Option<Entry> {
    let Tree::Object(fields) = &node.value else {
        errors.push(wrong_type(path, "an object", node));
        return None;
    };
    let before = errors.len();
    let mut entry = Entry::default();
    read_fields(spec, path, "", fields, &mut entry, errors);
    (errors.len() == before).then_some(entry)
}

/// Reads an entry's object, or a nested one (`prefix` = `budgets.`).
fn read_fields(
    spec: &SectionSpec,
    path: &str,
    prefix: &str,
    fields: &[(String, Node)],
    entry: &mut Entry,
    errors: &mut Vec<FieldError>,
) {
    for (key, node) in fields {
        let name = format!("{prefix}{key}");
        let at = format!("{path}.{key}");
        if prefix.is_empty() && key == spec.id_field {
            match &node.value {
                Tree::Text(id) if !id.is_empty() => entry.id = Some(id.clone()),
                _ => errors.push(wrong_type(&at, "the live object's id (a string)", node)),
            }
        } else if prefix.is_empty() && key == "delete" {
            match node.value {
                Tree::Bool(b) => entry.delete = b,
                _ => errors.push(wrong_type(&at, "true or false", node)),
            }
        } else if let Some(field) = spec.field(&name) {
            match field.read(&at, node) {
                Ok(value) => {
                    entry.fields.insert(field.name, value);
                }
                Err(e) => errors.push(e),
            }
        } else if let (Some(_), Tree::Object(inner)) = (nested(spec, &name), &node.value) {
            read_fields(spec, &at, &format!("{name}."), inner, entry, errors);
        } else if nested(spec, &name).is_some() {
            errors.push(wrong_type(&at, "an object", node));
        } else {
            errors.push(unknown(&at, &known_fields(spec, prefix), node));
        }
    }
}

/// The first field under `name.` if `name` is a nested object of the section.
fn nested<'s>(spec: &'s SectionSpec, name: &str) -> Option<&'s str> {
    spec.fields
        .iter()
        .find(|f| {
            f.name
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('.'))
        })
        .map(|f| f.name)
}

fn known_fields(spec: &SectionSpec, prefix: &str) -> String {
    let mut names: Vec<&str> = vec![];
    if prefix.is_empty() {
        names.push(spec.id_field);
        names.push("delete");
    }
    for field in spec.fields {
        if let Some(rest) = field.name.strip_prefix(prefix) {
            let top = rest.split('.').next().unwrap_or(rest);
            if !names.contains(&top) {
                names.push(top);
            }
        }
    }
    names.join(", ")
}
