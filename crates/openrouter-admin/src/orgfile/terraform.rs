//! Interop, one way: today's organization as Terraform HCL for the official provider
//! (`OpenRouterTeam/openrouter`), one `resource` and one `import` block per live object, so a team
//! that moves to Terraform adopts what exists instead of making it twice.
//!
//! The resources are named from the addresses [`export`](super::export::export) gives, references
//! between them are Terraform references, and no secret is written: a BYOK provider key and a
//! destination's credentials are sensitive `variable`s. Same organization, same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::export::{addressed_with_derived, addresses, number_text as number};
use super::section::{LiveObject, LiveOrg};
use super::value::{Kind, Value};
use crate::areas::observability::models::DestinationType;
use crate::areas::workspaces::plan::BUDGET_FIELDS;

/// What the header says the provider does differently from the file; a `#` comment each line.
const HEADER: &str = "\
Written by openrouter-admin from the live organization: one resource and one import block
per object (Terraform >= 1.5 adopts them on the first `terraform plan`/`apply`).
Where the official provider differs from openrouter-org.jsonc:
- A workspace's members are one openrouter_workspace_member resource whose user_ids list
  is replaced as a whole when it changes; the file adds and removes members one by one.
- A key that Terraform creates has its secret in Terraform's state (keep the state
  encrypted); imported keys have none. The file never holds a key's secret.
- BYOK provider keys and destination credentials are sensitive variables here: pass them
  with TF_VAR_... or a *.tfvars file kept out of version control; nothing secret is written.
- Not carried (the provider has no attribute for them): a workspace's
  disabled_server_tools, a guardrail's allowed_data_regions, a BYOK credential's
  is_byok_only, is_required and declared_zdr, a destination's regions.
- A guardrail's enforce_zdr is the provider's deprecated attribute of that name, which it
  copies into each enforce_zdr_<provider> left unset.
- A SCIM mapping's keep_members (what a delete does with its members) is not exported.";

/// Fields the generic pass leaves to a resource of their own or that the provider lacks.
const SPECIAL: &[(&str, &[&str])] = &[
    (
        "workspaces",
        &[
            "include_byok_in_budgets",
            "budgets.daily",
            "budgets.weekly",
            "budgets.monthly",
            "budgets.lifetime",
            "members",
            "disabled_server_tools",
        ],
    ),
    ("guardrails", &["keys", "members", "allowed_data_regions"]),
    ("byok", &["is_byok_only", "is_required", "declared_zdr"]),
    ("destinations", &["regions"]),
];

/// The provider's attribute for a field of the file where the names differ.
fn attribute(field: &str) -> &str {
    match field {
        "workspace" => "workspace_id",
        "provider" => "provider_slug",
        "group" => "scim_group_id",
        other => other,
    }
}

/// The attribute another resource reads to refer to an object of this section.
fn reference_attribute(section: &str) -> &'static str {
    if section == "keys" {
        "hash"
    } else {
        "id"
    }
}

/// The organization as a Terraform configuration for the official provider (`~> 0.2`): a
/// `terraform`/`provider`/`variable` header, then per live object a `resource` block and an
/// `import` block whose `id` is the object's id (a budget's is `jsonencode({id, interval})`, a
/// guardrail assignment's `<guardrail_id>/<key_hash>`). Resource names come from the file's
/// addresses, made valid identifiers and unique per resource type. Deterministic.
pub fn terraform(live: &LiveOrg) -> String {
    let sections = addressed_with_derived(live);
    let file_addresses = addresses(&sections);
    let mut out = Hcl::default();
    for line in HEADER.lines() {
        let _ = writeln!(out.text, "# {line}");
    }
    out.text.push_str(
        "\nterraform {\n  required_version = \">= 1.5\"\n  required_providers {\n    openrouter = {\n      source  = \"OpenRouterTeam/openrouter\"\n      version = \"~> 0.2\"\n    }\n  }\n}\n\nprovider \"openrouter\" {\n  api_key = var.openrouter_management_key\n}\n",
    );
    out.variable(
        "openrouter_management_key",
        "The OpenRouter management key the provider acts with.",
    );
    for (spec, objects) in &sections {
        for (address, object) in objects {
            let name = out.name(spec.resource, address);
            let mut block = Block::new(spec.resource, &name);
            let skip = SPECIAL
                .iter()
                .find(|(section, _)| *section == spec.name)
                .map_or(&[][..], |(_, fields)| *fields);
            let mut config: Vec<(String, String)> = Vec::new();
            for field in spec.fields {
                if field.directive || skip.contains(&field.name) {
                    continue;
                }
                let Some(value) = object.fields.get(field.name) else {
                    continue;
                };
                if let Some(property) = field.name.strip_prefix("config.") {
                    if let Value::Text(t) = value {
                        config.push((property.to_owned(), format!("jsonencode({})", quote(t))));
                    }
                    continue;
                }
                let expr = match (field.kind, value) {
                    (_, Value::Null) => continue,
                    (Kind::Ref(to), Value::Text(id)) => out.reference(to, id),
                    (Kind::Refs(to), Value::Set(ids)) => {
                        list(ids.iter().map(|id| out.reference(to, id)))
                    }
                    _ => literal(value),
                };
                block.attr(attribute(field.name), expr);
            }
            match spec.name {
                "byok" => {
                    let var = out.name("variable", &format!("byok_{name}_key"));
                    out.variable(
                        &var,
                        "The provider key of a BYOK credential (never exported).",
                    );
                    block.attr("key", format!("var.{var}"));
                }
                "destinations" => {
                    if let Some(Value::Text(kind)) = object.fields.get("type") {
                        for property in DestinationType::parse(kind).required_config() {
                            if DestinationType::is_secret_config(property) {
                                let var = out.name(
                                    "variable",
                                    &format!("destination_{name}_{}", snake(property)),
                                );
                                out.variable(&var, "A destination credential (never exported).");
                                config.push((
                                    (*property).to_owned(),
                                    format!("jsonencode(var.{var})"),
                                ));
                            }
                        }
                    }
                    config.sort();
                    let mut map = String::from("{");
                    let width = config
                        .iter()
                        .map(|(p, _)| quote(p).len())
                        .max()
                        .unwrap_or(0);
                    for (property, expr) in &config {
                        let _ = write!(map, "\n    {:<width$} = {expr}", quote(property));
                    }
                    map.push_str(if config.is_empty() { "}" } else { "\n  }" });
                    block.attr("config", map);
                }
                _ => {}
            }
            out.resource(block, quote(&object.id));
            out.refs.insert(
                (spec.name, object.id.clone()),
                format!(
                    "{}.{name}.{}",
                    spec.resource,
                    reference_attribute(spec.name)
                ),
            );
            match spec.name {
                "workspaces" => workspace_parts(&mut out, &name, object),
                "guardrails" => guardrail_parts(&mut out, &name, object, &file_addresses),
                _ => {}
            }
        }
    }
    out.text
}

/// A workspace's budgets and members, each a resource of its own in the provider.
fn workspace_parts(out: &mut Hcl, name: &str, object: &LiveObject) {
    let reference = format!("openrouter_workspace.{name}.id");
    let byok = object
        .fields
        .get("include_byok_in_budgets")
        .cloned()
        .unwrap_or(Value::Bool(false));
    for (interval, field) in BUDGET_FIELDS {
        let Some(Value::Number(limit)) = object.fields.get(field) else {
            continue;
        };
        let interval = interval.as_str();
        let budget = out.name("openrouter_workspace_budget", &format!("{name}_{interval}"));
        let mut block = Block::new("openrouter_workspace_budget", &budget);
        block.attr("id", reference.clone());
        block.attr("interval", quote(interval));
        block.attr("limit_usd", number(*limit));
        block.attr("include_byok_in_budgets", literal(&byok));
        let id = format!(
            "jsonencode({{ id = {}, interval = {} }})",
            quote(&object.id),
            quote(interval)
        );
        out.resource(block, id);
    }
    if let Some(Value::Set(users)) = object.fields.get("members") {
        if !users.is_empty() {
            let members = out.name("openrouter_workspace_member", name);
            let mut block = Block::new("openrouter_workspace_member", &members);
            block.attr("id", reference);
            block.attr("user_ids", list(users.iter().map(|u| quote(u))));
            out.resource(block, quote(&object.id));
        }
    }
}

/// A guardrail's key and member assignments, one resource each in the provider.
fn guardrail_parts(
    out: &mut Hcl,
    name: &str,
    object: &LiveObject,
    addresses: &BTreeMap<(&'static str, String), String>,
) {
    let guardrail = format!("openrouter_guardrail.{name}.id");
    if let Some(Value::Set(hashes)) = object.fields.get("keys") {
        for hash in hashes {
            let key = addresses
                .get(&("keys", hash.clone()))
                .map_or(hash.as_str(), String::as_str);
            let rtype = "openrouter_guardrail_key_assignment";
            let assignment = out.name(rtype, &format!("{name}_{key}"));
            let mut block = Block::new(rtype, &assignment);
            block.attr("guardrail_id", guardrail.clone());
            block.attr("key_hash", out.reference("keys", hash));
            out.resource(block, quote(&format!("{}/{hash}", object.id)));
        }
    }
    let Some(Value::Set(users)) = object.fields.get("members") else {
        return;
    };
    let Some(Value::Text(workspace)) = object.fields.get("workspace") else {
        if !users.is_empty() {
            // A legacy guardrail outside every workspace: the provider assigns members only
            // within one.
            let _ = writeln!(out.text, "\n# openrouter_guardrail.{name} has no workspace: its member assignments are not exported.");
        }
        return;
    };
    for user in users {
        let rtype = "openrouter_guardrail_member_assignment";
        let assignment = out.name(rtype, &format!("{name}_{user}"));
        let mut block = Block::new(rtype, &assignment);
        block.attr(
            "workspace_id",
            format!("openrouter_guardrail.{name}.workspace_id"),
        );
        block.attr("guardrail_id", guardrail.clone());
        block.attr("user_id", quote(user));
        out.resource(block, quote(&format!("{workspace}/{}/{user}", object.id)));
    }
}

/// The text being written, the names taken per resource type and the references made so far.
#[derive(Default)]
struct Hcl {
    text: String,
    taken: BTreeMap<&'static str, BTreeSet<String>>,
    /// (section, live id) -> the Terraform expression that refers to it.
    refs: BTreeMap<(&'static str, String), String>,
}

impl Hcl {
    /// A valid Terraform name from `base`, unique among those of `rtype`.
    fn name(&mut self, rtype: &'static str, base: &str) -> String {
        let base = identifier(base);
        let taken = self.taken.entry(rtype).or_default();
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(name.clone());
        name
    }

    /// The expression for the object `id` of `section`: a reference to its resource, or the id
    /// itself where the organization has no such object.
    fn reference(&self, section: &str, id: &str) -> String {
        self.refs
            .get(&(section, id.to_owned()))
            .cloned()
            .unwrap_or_else(|| quote(id))
    }

    fn variable(&mut self, name: &str, description: &str) {
        let _ = write!(
            self.text,
            "\nvariable \"{name}\" {{\n  description = {}\n  type        = string\n  sensitive   = true\n}}\n",
            quote(description)
        );
    }

    /// The resource and the import block that adopts the live object; `id` is an expression.
    fn resource(&mut self, block: Block, id: String) {
        let _ = write!(
            self.text,
            "\nresource \"{}\" \"{}\" {{\n",
            block.rtype, block.name
        );
        // As `terraform fmt` writes it: the `=` of consecutive one-line attributes aligned.
        let attrs = &block.attrs;
        let mut i = 0;
        while i < attrs.len() {
            let end = (i..attrs.len())
                .find(|&j| attrs[j].1.contains('\n'))
                .unwrap_or(attrs.len());
            if end == i {
                let _ = writeln!(self.text, "  {} = {}", attrs[i].0, attrs[i].1);
                i += 1;
                continue;
            }
            let width = attrs[i..end]
                .iter()
                .map(|(a, _)| a.len())
                .max()
                .unwrap_or(0);
            for (attr, expr) in &attrs[i..end] {
                let _ = writeln!(self.text, "  {attr:<width$} = {expr}");
            }
            i = end;
        }
        let _ = write!(
            self.text,
            "}}\n\nimport {{\n  to = {}.{}\n  id = {id}\n}}\n",
            block.rtype, block.name
        );
    }
}

/// One resource block's attributes, in the order the section declares its fields.
struct Block {
    rtype: &'static str,
    name: String,
    attrs: Vec<(String, String)>,
}

impl Block {
    fn new(rtype: &'static str, name: &str) -> Self {
        Block {
            rtype,
            name: name.to_owned(),
            attrs: Vec::new(),
        }
    }

    fn attr(&mut self, name: &str, expr: String) {
        self.attrs.push((name.to_owned(), expr));
    }
}

/// A name Terraform accepts: letters, digits, `_` and `-`, not starting with a digit or `-`.
fn identifier(base: &str) -> String {
    let mut out: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        out.push_str("entry");
    }
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// `apiKey` as a variable's part: `api_key`.
fn snake(property: &str) -> String {
    let mut out = String::new();
    for c in property.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    out
}

/// An HCL string literal: quotes, backslashes and control characters escaped, and `${` / `%{`
/// doubled so that nothing a user typed becomes an interpolation or a directive.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn literal(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(*n),
        Value::Text(t) => quote(t),
        Value::Set(items) => list(items.iter().map(|t| quote(t))),
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}
