//! The options of `exportOrg`, `plan`, `apply` and `settleDrift`, read without trusting them
//! (own properties only, getters that throw and proxies become a `validation` error naming the
//! option, as `readFindings`' are): the connection, the file's text, the state, the approved
//! plan, the export's format, the values typed in for what an apply creates (provider keys,
//! credentials), the drift to settle.

use js_sys::{Reflect, JSON};
use openrouter_admin::orgfile::{self, AppliedState, LiveOrg, Typed};
use openrouter_admin::{CancelSignal, Client, Error, Secret};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::options::{open, Problems};

/// What every organization file call reads first: the client, the file's text, the signal.
pub(crate) struct Common {
    pub(crate) client: Client,
    pub(crate) file: Option<String>,
    pub(crate) signal: Option<CancelSignal>,
    pub(crate) state: Option<AppliedState>,
    pub(crate) plan: Option<Json>,
    pub(crate) format: Format,
    pub(crate) credentials: Typed,
    pub(crate) settle: Option<(String, Settle)>,
}

/// What `settleDrift` does with a drifted field.
#[derive(Clone, Copy)]
pub(crate) enum Settle {
    /// "take into the file": the file's value becomes the live one.
    Take,
    /// "stop managing": the field leaves the file.
    Stop,
}

/// What `exportOrg` writes: `options.format`.
#[derive(Clone, Copy)]
pub(crate) enum Format {
    /// `openrouter-org.jsonc` (the default).
    Jsonc,
    /// HCL for the official Terraform provider, with an `import` block per object.
    Terraform,
    /// Keymaster's TOML.
    Keymaster,
}

impl Format {
    const NAMES: [(&'static str, Format); 3] = [
        ("jsonc", Format::Jsonc),
        ("terraform", Format::Terraform),
        ("keymaster", Format::Keymaster),
    ];

    /// `options.format`: left out is `jsonc`; anything but the three names is a problem.
    fn read(p: &mut Problems, options: &JsValue) -> Format {
        let v = p.get(options, "format", "options.format");
        if v.is_undefined() {
            return Format::Jsonc;
        }
        let name = v.as_string();
        match Format::NAMES
            .iter()
            .find(|(n, _)| Some(*n) == name.as_deref())
        {
            Some((_, format)) => *format,
            None => {
                p.add(
                    "options.format",
                    "one_of",
                    "`options.format` must be \"jsonc\", \"terraform\" or \"keymaster\"".to_owned(),
                );
                Format::Jsonc
            }
        }
    }

    /// The organization in this format: canonical, no secret.
    pub(crate) fn write(self, live: &LiveOrg) -> String {
        match self {
            Format::Jsonc => orgfile::export(live),
            Format::Terraform => orgfile::terraform(live),
            Format::Keymaster => orgfile::keymaster(live),
        }
    }
}

/// The options a call reads besides the connection (`exportOrg`: `format`; `plan`: `file` and
/// `state`; `apply`: those and `plan`).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Call {
    Export,
    Plan,
    Apply,
    /// `settleDrift`: `file`, `state` (required), `drift` and `choice`.
    Settle,
}

/// Reads the options of `call`.
pub(crate) fn read(options: &JsValue, call: Call) -> Result<Common, Error> {
    let (mut p, connection) = open(options)?;
    let needs_file = call != Call::Export;
    let format = match call {
        Call::Export => Format::read(&mut p, options),
        _ => Format::Jsonc,
    };
    let file = if needs_file {
        let v = p.get(options, "file", "options.file");
        let text = v.as_string();
        if text.is_none() {
            p.add(
                "options.file",
                "type",
                "`options.file` must be the text of openrouter-org.jsonc, a string".to_owned(),
            );
        }
        text
    } else {
        None
    };
    let state = if needs_file {
        let v = p.get(options, "state", "options.state");
        match json_of(&mut p, &v, "options.state") {
            None => None,
            Some(json) => match serde_json::from_value::<AppliedState>(json) {
                Ok(s) => Some(s),
                Err(e) => {
                    p.add(
                        "options.state",
                        "type",
                        format!("`options.state` is not a state an apply wrote: {e}"),
                    );
                    None
                }
            },
        }
    } else {
        None
    };
    let credentials = match call {
        Call::Apply => credentials(&mut p, options),
        _ => Typed::new(),
    };
    let settle = match call {
        Call::Settle => settle(&mut p, options, state.is_some()),
        _ => None,
    };
    let plan = if call == Call::Apply {
        let v = p.get(options, "plan", "options.plan");
        let plan = json_of(&mut p, &v, "options.plan");
        let shaped = plan.as_ref().is_some_and(|j| {
            j["file_digest"].is_string()
                && j["read"].is_object()
                && j["resource_changes"].is_array()
        });
        if !shaped {
            p.add(
                "options.plan",
                "type",
                "`options.plan` must be a plan `plan` made (its JSON, or its text)".to_owned(),
            );
        }
        plan
    } else {
        None
    };
    let (client, signal) = connection.finish(p)?;
    Ok(Common {
        client,
        file,
        signal,
        state,
        plan,
        format,
        credentials,
        settle,
    })
}

/// `settleDrift`'s `drift` (`"keys.ci.limit"`) and `choice` (`"take"` or `"stop"`); `state` must
/// have been given (without it there is no drift).
fn settle(p: &mut Problems, options: &JsValue, has_state: bool) -> Option<(String, Settle)> {
    if !has_state {
        p.add(
            "options.state",
            "required",
            "`options.state` must be the state the last apply wrote: drift is measured from it"
                .to_owned(),
        );
    }
    let drift = p.get(options, "drift", "options.drift").as_string();
    if drift.as_deref().is_none_or(str::is_empty) {
        p.add(
            "options.drift",
            "type",
            "`options.drift` must name the drifted field, `section.address.field`".to_owned(),
        );
    }
    let choice = match p
        .get(options, "choice", "options.choice")
        .as_string()
        .as_deref()
    {
        Some("take") => Some(Settle::Take),
        Some("stop") => Some(Settle::Stop),
        _ => {
            p.add(
                "options.choice",
                "one_of",
                "`options.choice` must be \"take\" (into the file) or \"stop\" (managing)"
                    .to_owned(),
            );
            None
        }
    };
    Some((drift?, choice?))
}

/// `options.credentials` of `apply`: `{ "byok.x": { key: "…" }, "destinations.y": { apiKey: "…" } }`,
/// the values typed in for what the plan creates (a BYOK credential's provider key, a
/// destination's credentials; own properties only, non-empty strings; the core's apply says
/// which it needs). No problem it reports holds a value.
fn credentials(p: &mut Problems, options: &JsValue) -> Typed {
    let mut typed = Typed::new();
    let v = p.get(options, "credentials", "options.credentials");
    if v.is_undefined() {
        return typed;
    }
    for (address, inner) in own(p, &v, "options.credentials") {
        let path = format!("options.credentials.{address}");
        for (property, secret) in own(p, &inner, &path) {
            match secret.as_string().filter(|s| !s.is_empty()) {
                Some(s) => {
                    typed
                        .entry(address.clone())
                        .or_default()
                        .insert(property, Secret::new(s));
                }
                None => p.add(
                    &format!("{path}.{property}"),
                    "type",
                    format!("`{path}.{property}` must be the credential, a non-empty string"),
                ),
            }
        }
    }
    typed
}

/// The own properties of the object `value` with their values, read through [`Problems::get`];
/// anything else, or keys that cannot be listed (a proxy's trap that throws), is a problem
/// named `path`.
fn own(p: &mut Problems, value: &JsValue, path: &str) -> Vec<(String, JsValue)> {
    let keys = match value.is_object() {
        true => Reflect::own_keys(value).ok(),
        false => None,
    };
    let Some(keys) = keys else {
        p.add(path, "type", format!("`{path}` must be an object"));
        return vec![];
    };
    keys.iter()
        .filter_map(|k| k.as_string())
        .map(|k| {
            let v = p.get(value, &k, &format!("{path}.{k}"));
            (k, v)
        })
        .collect()
}

/// A JSON option given as text or as a value (copied by `JSON.stringify`, which keeps own
/// enumerable properties only; what it throws is a problem named `path`); `None` when left out.
fn json_of(p: &mut Problems, value: &JsValue, path: &str) -> Option<Json> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    let text = match value.as_string() {
        Some(text) => text,
        None => match JSON::stringify(value).ok().and_then(|s| s.as_string()) {
            Some(text) => text,
            None => {
                p.add(
                    path,
                    "readable",
                    format!("`{path}` could not be read as JSON"),
                );
                return None;
            }
        },
    };
    match serde_json::from_str(&text) {
        Ok(json) => Some(json),
        Err(e) => {
            p.add(path, "json", format!("`{path}` is not JSON: {e}"));
            None
        }
    }
}
