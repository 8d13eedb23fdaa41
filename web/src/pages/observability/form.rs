//! A destination's fields as the form holds them, and the create and update bodies made from
//! them: an update sends only what changed, and a credential only when a new one is typed.

use crate::components::conflict::{Slot, Slotted};
use leptos::prelude::*;
use openrouter_admin::models::{
    CreateDestination, Destination, DestinationType, JsonObject, Patch, UpdateDestination,
    MAX_DESTINATIONS_PER_TYPE,
};
use openrouter_admin::validate::Validate;
use openrouter_admin::FieldError;
use serde_json::{Map, Value};

/// A type's name as its vendor writes it.
pub fn label(t: &DestinationType) -> String {
    match t {
        DestinationType::Arize => "Arize AX",
        DestinationType::Braintrust => "Braintrust",
        DestinationType::Clickhouse => "ClickHouse",
        DestinationType::Datadog => "Datadog",
        DestinationType::Grafana => "Grafana Cloud",
        DestinationType::Langfuse => "Langfuse",
        DestinationType::Langsmith => "LangSmith",
        DestinationType::Newrelic => "New Relic",
        DestinationType::Opik => "Opik",
        DestinationType::OtelCollector => "OpenTelemetry collector",
        DestinationType::Posthog => "PostHog",
        DestinationType::Ramp => "Ramp",
        DestinationType::S3 => "Amazon S3",
        DestinationType::Sentry => "Sentry",
        DestinationType::Snowflake => "Snowflake",
        DestinationType::Weave => "W&B Weave",
        DestinationType::Webhook => "Webhook",
        other => return other.as_str().to_string(),
    }
    .to_string()
}

/// Why a type cannot take another destination (the same words on the button and in the
/// dialog after a 409).
pub fn full_text(t: &DestinationType) -> String {
    format!(
        "{} of {MAX_DESTINATIONS_PER_TYPE} {} destinations: a workspace can have at most {MAX_DESTINATIONS_PER_TYPE} of one type. Delete one to add another.",
        MAX_DESTINATIONS_PER_TYPE,
        label(t)
    )
}

/// One setting of a type's `config`: its name, whether it is required or a credential, and
/// its value as typed.
#[derive(Clone, Copy)]
pub struct Setting {
    /// The `config` key.
    pub name: &'static str,
    /// Whether the type needs it.
    pub required: bool,
    /// A credential: a password field, sent once, answered masked.
    pub secret: bool,
    /// As typed.
    pub value: RwSignal<String>,
}

/// The settings of `kind`, with the values `config` holds (credentials left empty: they come
/// back masked, and an empty field keeps them).
pub fn settings_of(kind: &DestinationType, config: Option<&Map<String, Value>>) -> Vec<Setting> {
    let required = kind.required_config().iter().map(|n| (*n, true));
    let optional = kind.optional_config().iter().map(|n| (*n, false));
    required
        .chain(optional)
        .map(|(name, required)| {
            let secret = DestinationType::is_secret_config(name);
            let now = config
                .filter(|_| !secret)
                .and_then(|c| c.get(name))
                .and_then(Value::as_str)
                .unwrap_or_default();
            Setting {
                name,
                required,
                secret,
                value: RwSignal::new(now.to_string()),
            }
        })
        .collect()
}

/// A destination's editable fields, as the form holds them.
#[derive(Clone, Copy)]
pub struct DestForm {
    pub(super) kind: RwSignal<DestinationType>,
    pub(super) name: RwSignal<String>,
    pub(super) enabled: RwSignal<bool>,
    pub(super) privacy: RwSignal<bool>,
    pub(super) sampling: RwSignal<String>,
    /// The regions checked, wire values.
    pub(super) regions: RwSignal<Vec<String>>,
    /// The type's settings; picking another type replaces them.
    pub(super) settings: RwSignal<Vec<Setting>>,
}

impl DestForm {
    /// A form holding `d`'s values, or a new destination's of `kind` (sending, every request,
    /// the global region).
    pub fn new(d: Option<&Destination>, kind: DestinationType) -> DestForm {
        DestForm {
            settings: RwSignal::new(settings_of(&kind, d.map(|d| &d.config))),
            kind: RwSignal::new(kind),
            name: RwSignal::new(d.and_then(|d| d.name.clone()).unwrap_or_default()),
            enabled: RwSignal::new(d.is_none_or(|d| d.enabled)),
            privacy: RwSignal::new(d.is_some_and(|d| d.privacy_mode)),
            sampling: RwSignal::new(
                d.map(|d| crate::decimal::plain(d.sampling_rate))
                    .unwrap_or_else(|| "1".to_string()),
            ),
            regions: RwSignal::new(match d {
                None => vec!["global".to_string()],
                Some(d) => d.regions.iter().map(|r| r.as_str().to_string()).collect(),
            }),
        }
    }

    /// Another type picked: its settings, empty.
    pub fn pick(self, kind: DestinationType) {
        self.settings.set(settings_of(&kind, None));
        self.kind.set(kind);
    }

    fn rate(self) -> Option<f64> {
        crate::decimal::parse(self.sampling.get().trim()).ok()
    }

    /// The create body: every setting typed, and the rest of the form.
    pub fn to_create(self) -> CreateDestination {
        let mut config = Map::new();
        self.settings.with(|s| {
            for s in s {
                let v = s.value.get();
                if !v.trim().is_empty() {
                    config.insert(s.name.to_string(), Value::String(v.trim().to_string()));
                }
            }
        });
        let mut b = CreateDestination::new(
            self.kind.get(),
            self.name.get().trim(),
            JsonObject::from(config),
        )
        .enabled(self.enabled.get())
        .privacy_mode(self.privacy.get())
        .regions(self.regions.get());
        if let Some(r) = self.rate() {
            b = b.sampling_rate(r);
        }
        b
    }

    /// The update body: only what differs from `orig`. An empty credential keeps the stored
    /// one; another setting emptied is cleared (`null`) unless the type requires it.
    pub fn to_patch(self, orig: &Destination) -> UpdateDestination {
        let mut p = UpdateDestination::new();
        let name = self.name.get().trim().to_string();
        if Some(name.as_str()) != orig.name.as_deref() {
            p.name = Patch::Value(name);
        }
        if self.enabled.get() != orig.enabled {
            p.enabled = Patch::Value(self.enabled.get());
        }
        if self.privacy.get() != orig.privacy_mode {
            p.privacy_mode = Patch::Value(self.privacy.get());
        }
        if let Some(r) = self.rate().filter(|r| *r != orig.sampling_rate) {
            p.sampling_rate = Patch::Value(r);
        }
        let picked = self.regions.get();
        let was: Vec<String> = orig
            .regions
            .iter()
            .map(|r| r.as_str().to_string())
            .collect();
        if !(picked.len() == was.len() && picked.iter().all(|r| was.contains(r))) {
            p.regions = Patch::Value(picked);
        }
        let mut config = Map::new();
        self.settings.with(|s| {
            for s in s {
                let v = s.value.get().trim().to_string();
                let before = orig
                    .config
                    .get(s.name)
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if (s.secret && !v.is_empty()) || (!s.secret && v != before) {
                    let value = if v.is_empty() && !s.required {
                        Value::Null
                    } else {
                        Value::String(v)
                    };
                    config.insert(s.name.to_string(), value);
                }
            }
        });
        if !config.is_empty() {
            p.config = Patch::Value(JsonObject::from(config));
        }
        p
    }

    /// Every error of what the form would send (`orig`: the destination edited, `None` for an
    /// add): the form's own (a name, a sampling rate it cannot read), then the core's rules.
    pub fn errors(self, orig: Option<&Destination>) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if self.rate().is_none() {
            errs.push(FieldError::new(
                "sampling_rate",
                "number",
                "Enter a sampling rate between 0.0001 and 1",
            ));
        }
        if self.name.get().trim().is_empty() {
            errs.push(FieldError::new(
                "name",
                "required",
                "Give the destination a name",
            ));
        }
        errs.extend(match orig {
            None => self.to_create().field_errors(),
            Some(d) => self.to_patch(d).field_errors(),
        });
        errs
    }
}

/// What an edit compares with the destination as the API has it now: every field but the
/// credentials (never shown, so never compared).
impl Slotted<Destination> for DestForm {
    fn holding(d: &Destination) -> DestForm {
        DestForm::new(Some(d), d.kind.clone())
    }

    fn slots(&self) -> Vec<(&'static str, &'static str, Slot)> {
        let mut out = vec![
            ("name", "The name", Slot::Text(self.name)),
            ("enabled", "Sending", Slot::Flag(self.enabled)),
            ("privacy_mode", "Privacy mode", Slot::Flag(self.privacy)),
            (
                "sampling_rate",
                "The sampling rate",
                Slot::Text(self.sampling),
            ),
            ("regions", "The regions", Slot::Set(self.regions)),
        ];
        self.settings.with_untracked(|s| {
            out.extend(
                s.iter()
                    .filter(|s| !s.secret)
                    .map(|s| (s.name, s.name, Slot::Text(s.value))),
            )
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(body: &impl serde::Serialize) -> serde_json::Value {
        serde_json::to_value(body).expect("json")
    }

    fn langfuse() -> Destination {
        serde_json::from_value(serde_json::json!({
            "id": "d1", "workspace_id": "w1", "type": "langfuse", "name": "Traces",
            "enabled": true, "privacy_mode": false, "broadcast_generation_cost": false,
            "broadcast_generation_identity": false, "broadcast_generation_request_context": false,
            "sampling_rate": 0.5, "config": {"publicKey": "pk-1", "secretKey": "sk-…masked", "baseUrl": "https://eu.example"},
            "regions": ["europe", "global"],
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        }))
        .expect("a destination")
    }

    #[test]
    fn an_untouched_edit_sends_nothing_and_a_credential_only_when_typed() {
        let d = langfuse();
        let form = DestForm::new(Some(&d), d.kind.clone());
        assert_eq!(json(&form.to_patch(&d)), serde_json::json!({}));
        form.regions.set(vec!["global".into(), "europe".into()]);
        assert_eq!(
            json(&form.to_patch(&d)),
            serde_json::json!({}),
            "same regions, another order"
        );
        form.sampling.set("0.25".into());
        form.settings.with_untracked(|s| {
            for s in s {
                match s.name {
                    "secretKey" => s.value.set("sk-new".into()),
                    "baseUrl" => s.value.set(String::new()),
                    _ => {}
                }
            }
        });
        assert_eq!(
            json(&form.to_patch(&d)),
            serde_json::json!({"sampling_rate": 0.25, "config": {"secretKey": "sk-new", "baseUrl": null}})
        );
    }

    #[test]
    fn a_new_destination_sends_its_settings_and_names_what_is_wrong() {
        let form = DestForm::new(None, DestinationType::Langfuse);
        form.sampling.set("often".into());
        let errors = form.errors(None);
        for field in ["name", "sampling_rate"] {
            assert!(
                errors.iter().any(|e| e.field == field),
                "{field}: {errors:?}"
            );
        }
        form.name.set("Traces".into());
        form.sampling.set("1".into());
        form.settings.with_untracked(|s| {
            for s in s {
                s.value.set(format!("{}-value", s.name));
            }
        });
        assert!(form.errors(None).is_empty(), "{:?}", form.errors(None));
        let sent = json(&form.to_create());
        assert_eq!(sent["type"], "langfuse");
        assert_eq!(sent["regions"], serde_json::json!(["global"]));
        assert_eq!(sent["config"]["secretKey"], "secretKey-value");
    }
}
