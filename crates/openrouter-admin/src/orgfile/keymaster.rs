//! Interop, one way: today's organization as a Keymaster desired-state file
//! (`openrouter-keymaster.toml`, kljensen/openrouter-keymaster), with the `import` commands that
//! bind each entry to its live object, so a team that moves to Keymaster adopts what exists.
//!
//! Keymaster manages workspaces (name, slug, description, budgets), guardrails (lists, limit,
//! zero data retention), keys (limits, expiry, their guardrail) and log destinations; what it
//! cannot express is listed in the file's leading comment. Keymaster refuses any value holding
//! `sk-or-` and any field it does not define, so such values are left out and named there.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::export::{addressed_with_derived, number_text as number};
use super::section::{LiveObject, LiveOrg};
use super::value::Value;
use crate::areas::workspaces::plan::BUDGET_FIELDS;

/// What Keymaster has no field for; the leading comment lists it.
const NOT_EXPRESSED: &str = "\
Keymaster cannot express, so this file leaves out:
- workspaces: members, default_text_model, default_image_model, default_provider_sort,
  the logging switches and io_logging_sampling_rate, disabled_server_tools;
- guardrails: members, allowed_data_regions, enable_free_model_publication,
  enable_free_model_training, enable_paid_model_training;
- BYOK credentials and SCIM group mappings (no block for either);
- log destinations: api_key_hashes, regions, the broadcast_generation_* switches, and their
  credentials (the organization file never holds them: add them to `config` by hand, and
  then keep this file secret, as Keymaster's documentation says).
Keys have no `receiver`: Keymaster manages and imports a key without one but creates none.";

/// The organization as a Keymaster file: `version = 1`, then `[workspaces.*]`, `[guardrails.*]`,
/// `[keys.*]` and `[log_destinations.*]` tables addressed as the organization file addresses
/// them, and the `openrouter-keymaster import …` commands that bind each address to its live
/// object by id. A leading comment lists what Keymaster cannot express. Deterministic.
pub fn keymaster(live: &LiveOrg) -> String {
    let sections = addressed_with_derived(live);
    let mut toml = Toml::default();
    // Keymaster's address of each exported object, for references and imports.
    let mut names: BTreeMap<(&str, String), String> = BTreeMap::new();
    let mut taken: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (spec, objects) in &sections {
        for (address, object) in objects {
            let kind_taken = taken.entry(spec.name).or_default();
            let name = unique(kind_taken, &keymaster_address(address));
            kind_taken.insert(name.clone());
            names.insert((spec.name, object.id.clone()), name);
        }
    }
    // A workspace's own guardrail is bound through the workspace's `default_guardrail`, never
    // imported nor placed on its own (Keymaster's rule).
    let defaults: BTreeMap<String, String> = live
        .workspaces
        .iter()
        .filter_map(|w| {
            let guardrail = names.get(&("guardrails", w.default_guardrail_id.to_string()))?;
            Some((w.id.to_string(), guardrail.clone()))
        })
        .collect();
    let default_guardrails: BTreeSet<&String> = defaults.values().collect();
    // Keymaster gives a key one guardrail: the first, in the order of the guardrails' addresses.
    let mut key_guardrail: BTreeMap<String, String> = BTreeMap::new();
    for (spec, objects) in &sections {
        if spec.name != "guardrails" {
            continue;
        }
        let mut by_name: Vec<(&String, &LiveObject)> = objects
            .iter()
            .map(|(_, o)| (&names[&("guardrails", o.id.clone())], o))
            .collect();
        by_name.sort_by(|a, b| a.0.cmp(b.0));
        for (name, object) in by_name {
            if let Some(Value::Set(hashes)) = object.fields.get("keys") {
                for hash in hashes {
                    key_guardrail
                        .entry(hash.clone())
                        .or_insert_with(|| name.clone());
                }
            }
        }
    }
    for (spec, objects) in &sections {
        let (table, command, flag) = match spec.name {
            "workspaces" => ("workspaces", "workspace", "--id"),
            "guardrails" => ("guardrails", "guardrail", "--id"),
            "keys" => ("keys", "key", "--hash"),
            "destinations" => ("log_destinations", "log-destination", "--id"),
            _ => continue,
        };
        for (_, object) in objects {
            let name = names[&(spec.name, object.id.clone())].clone();
            let path = format!("{table}.{name}");
            let _ = write!(toml.body, "\n[{path}]\n");
            let f = |field: &str| object.fields.get(field);
            match spec.name {
                "workspaces" => {
                    toml.text(&path, "name", f("name"));
                    toml.text(&path, "slug", f("slug"));
                    toml.text(&path, "description", f("description"));
                    let budgets: Vec<String> = BUDGET_FIELDS
                        .iter()
                        .filter_map(|(interval, field)| match f(field) {
                            Some(Value::Number(n)) => {
                                Some(format!("{} = {}", interval.as_str(), number(*n)))
                            }
                            _ => None,
                        })
                        .collect();
                    if !budgets.is_empty() {
                        let _ = writeln!(toml.body, "budgets = {{ {} }}", budgets.join(", "));
                        // Keymaster writes it with a budget only.
                        toml.raw("include_byok_in_budgets", f("include_byok_in_budgets"));
                    }
                    if let Some(guardrail) = defaults.get(&object.id) {
                        let _ = writeln!(toml.body, "default_guardrail = {}", quote(guardrail));
                    }
                }
                "guardrails" => {
                    toml.text(&path, "name", f("name"));
                    toml.text(&path, "description", f("description"));
                    toml.list(&path, "allowed_models", f("allowed_models"));
                    toml.list(&path, "denied_models", f("ignored_models"));
                    toml.list(&path, "allowed_providers", f("allowed_providers"));
                    toml.list(&path, "denied_providers", f("ignored_providers"));
                    match (f("limit_usd"), f("reset_interval")) {
                        (Some(Value::Number(_)), Some(Value::Text(_))) => {
                            toml.raw("limit_usd", f("limit_usd"));
                            toml.text(&path, "reset_interval", f("reset_interval"));
                        }
                        (Some(Value::Number(_)), _) => toml.left_out.push(format!(
                            "{path}.limit_usd: Keymaster needs a reset_interval with a limit"
                        )),
                        _ => {}
                    }
                    toml.raw("include_byok_in_limit", f("include_byok_in_budgets"));
                    toml.raw("require_zdr", f("enforce_zdr"));
                    if !default_guardrails.contains(&name) {
                        toml.workspace(&path, f("workspace"), &names);
                    }
                }
                "keys" => {
                    toml.text(&path, "name", f("name"));
                    if let Some(Value::Number(_)) = f("limit") {
                        toml.raw("limit_usd", f("limit"));
                        toml.text(&path, "limit_reset", f("limit_reset"));
                    }
                    toml.text(&path, "expires_at", f("expires_at"));
                    toml.raw("disabled", f("disabled"));
                    toml.workspace(&path, f("workspace"), &names);
                    if let Some(guardrail) = key_guardrail.get(&object.id) {
                        let _ = writeln!(toml.body, "guardrail = {}", quote(guardrail));
                    }
                    toml.raw("include_byok_in_limit", f("include_byok_in_limit"));
                }
                _ => {
                    toml.text(&path, "type", f("type"));
                    toml.text(&path, "name", f("name"));
                    if !matches!(f("name"), Some(Value::Text(_))) {
                        toml.left_out.push(format!(
                            "{path}.name: the destination has none, and Keymaster needs one"
                        ));
                    }
                    let config: Vec<String> = object
                        .fields
                        .iter()
                        .filter_map(|(field, value)| {
                            let property = field.strip_prefix("config.")?;
                            match value {
                                Value::Text(t) if !refused(t) => {
                                    Some(format!("{} = {}", key(property), quote(t)))
                                }
                                Value::Text(_) => {
                                    toml.left_out
                                        .push(format!("{path}.config.{property}: {REFUSED}"));
                                    None
                                }
                                _ => None,
                            }
                        })
                        .collect();
                    // Keymaster wants a non-empty `config`; the leading comment says to add the
                    // credentials by hand.
                    if config.is_empty() {
                        toml.body.push_str("config = {}\n");
                    } else {
                        let _ = writeln!(toml.body, "config = {{ {} }}", config.join(", "));
                    }
                    toml.raw("enabled", f("enabled"));
                    toml.raw("privacy_mode", f("privacy_mode"));
                    toml.raw("sampling_rate", f("sampling_rate"));
                    toml.workspace(&path, f("workspace"), &names);
                }
            }
            if spec.name == "guardrails" && default_guardrails.contains(&name) {
                continue;
            }
            toml.imports.push(format!(
                "openrouter-keymaster import {command} {name} {flag} {}",
                comment_safe(&object.id)
            ));
        }
    }
    let mut out = String::new();
    for line in NOT_EXPRESSED.lines() {
        let _ = writeln!(out, "# {line}");
    }
    if !toml.left_out.is_empty() {
        out.push_str("# Left out of this organization's entries:\n");
        for line in &toml.left_out {
            let _ = writeln!(out, "# - {}", comment_safe(line));
        }
    }
    out.push_str(
        "# Bind each entry to what exists before the first `openrouter-keymaster plan`:\n",
    );
    for line in &toml.imports {
        let _ = writeln!(out, "#   {line}");
    }
    out.push_str("\nversion = 1\n");
    out.push_str(&toml.body);
    out
}

const REFUSED: &str = "holds `sk-or-`, which Keymaster refuses in any value";

/// The text being written and what was left out of it.
#[derive(Default)]
struct Toml {
    body: String,
    left_out: Vec<String>,
    imports: Vec<String>,
}

impl Toml {
    /// `name = "text"` when the value is text Keymaster takes.
    fn text(&mut self, path: &str, name: &str, value: Option<&Value>) {
        if let Some(Value::Text(t)) = value {
            if refused(t) {
                self.left_out.push(format!("{path}.{name}: {REFUSED}"));
            } else {
                let _ = writeln!(self.body, "{name} = {}", quote(t));
            }
        }
    }

    /// `name = [...]` for a set (an unset list is left out: Keymaster leaves it alone).
    fn list(&mut self, path: &str, name: &str, value: Option<&Value>) {
        if let Some(Value::Set(items)) = value {
            let mut written = Vec::new();
            for item in items {
                if refused(item) {
                    self.left_out.push(format!("{path}.{name}: {REFUSED}"));
                } else {
                    written.push(quote(item));
                }
            }
            let _ = writeln!(self.body, "{name} = [{}]", written.join(", "));
        }
    }

    /// A switch or a number, when set.
    fn raw(&mut self, name: &str, value: Option<&Value>) {
        match value {
            Some(Value::Bool(b)) => {
                let _ = writeln!(self.body, "{name} = {b}");
            }
            Some(Value::Number(n)) => {
                let _ = writeln!(self.body, "{name} = {}", number(*n));
            }
            _ => {}
        }
    }

    /// `workspace = "address"` for a workspace of this file, else `workspace_id = "uuid"`.
    fn workspace(
        &mut self,
        path: &str,
        value: Option<&Value>,
        names: &BTreeMap<(&str, String), String>,
    ) {
        if let Some(Value::Text(id)) = value {
            match names.get(&("workspaces", id.clone())) {
                Some(address) => {
                    let _ = writeln!(self.body, "workspace = {}", quote(address));
                }
                None => self.text(path, "workspace_id", value),
            }
        }
    }
}

/// Keymaster's rule: 1 to 64 of letters, digits, `_`, `-`, starting with a letter or digit, and
/// never `sk-or-`.
fn keymaster_address(address: &str) -> String {
    let mut out: String = address
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    while out.to_ascii_lowercase().contains("sk-or-") {
        let at = out.to_ascii_lowercase().find("sk-or-").unwrap_or(0);
        out.replace_range(at..at + 6, "sk_or_");
    }
    if !out.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        out.insert(0, 'x');
    }
    out
}

fn unique(taken: &BTreeSet<String>, base: &str) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    // Keymaster refuses two addresses of a kind that differ only in case.
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}

fn refused(text: &str) -> bool {
    text.to_ascii_lowercase().contains("sk-or-")
}

/// A comment's text on one line.
fn comment_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A TOML key: bare where it can be, quoted otherwise.
fn key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_owned()
    } else {
        quote(name)
    }
}

/// A TOML basic string.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
