//! The observability area's rules: each body's checks before anything is sent.

use crate::areas::observability::models::{CreateDestination, DestinationType, UpdateDestination};
use crate::checks::{
    check_list, check_regions, check_sampling, check_workspace_uuid, not_null, Rule, Validate,
};
use crate::error::FieldError;
use crate::json_reader::Doc;
use crate::patch::Patch;
use crate::shapes::JsonObject;

pub(crate) const DESTINATION_SAMPLING: Rule = (
    "sampling_rate",
    "sampling_rate must be between 0.0001 and 1",
);

/// The regions a destination's `regions` takes (`eu` is accepted as `europe` on input).
pub const DESTINATION_REGIONS: &[&str] = &["global", "europe", "eu", "us"];

/// A JSON-object field (`config`, `filter_rules`) parsed, or an error naming it. Read through
/// [`Doc`](crate::json_reader::Doc): on wasm32 that is the host's `JSON.parse`, so validating a
/// destination links no JSON parser into the npm package.
pub(crate) fn object_of(out: &mut Vec<FieldError>, field: &str, o: &JsonObject) -> Option<Doc> {
    let doc = Doc::parse(o.as_str()).filter(Doc::is_object);
    if doc.is_none() {
        out.push(FieldError::new(field, "type", "must be a JSON object"));
    }
    doc
}

/// `filter_rules`: an object with a `groups` array.
pub(crate) fn check_filter_rules(out: &mut Vec<FieldError>, rules: &JsonObject) {
    if let Some(doc) = object_of(out, "filter_rules", rules) {
        if doc.get("groups").and_then(Doc::into_items).is_none() {
            out.push(FieldError::new(
                "filter_rules.groups",
                "required",
                "filter_rules.groups must be an array of rule groups",
            ));
        }
    }
}

/// A create's `config`: every property its type requires, each a non-empty string.
pub(crate) fn check_config(out: &mut Vec<FieldError>, kind: &DestinationType, config: &JsonObject) {
    // Fixed messages (the field names the setting): formatting them costs the npm package.
    let Some(doc) = object_of(out, "config", config) else {
        return;
    };
    for name in kind.required_config() {
        let ok = doc
            .get(name)
            .and_then(|v| v.as_str())
            .is_some_and(|s| !s.is_empty());
        if !ok {
            out.push(FieldError::new(
                format!("config.{name}"),
                "required",
                "is required by this destination type (a non-empty string)",
            ));
        }
    }
}

impl Validate for CreateDestination {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.kind.as_str().is_empty() {
            out.push(FieldError::new(
                "type",
                "required",
                "type must name the destination's type",
            ));
        }
        check_config(&mut out, &self.kind, &self.config);
        if let Some(w) = &self.workspace_id {
            check_workspace_uuid(&mut out, w.as_str());
        }
        if let Some(r) = self.sampling_rate {
            check_sampling(&mut out, DESTINATION_SAMPLING, r);
        }
        if let Some(l) = &self.api_key_hashes {
            check_list(&mut out, "api_key_hashes", l, 1, true);
        }
        if let Some(rules) = &self.filter_rules {
            check_filter_rules(&mut out, rules);
        }
        if let Some(r) = &self.regions {
            check_regions(
                &mut out,
                "regions",
                r,
                DESTINATION_REGIONS,
                "a region is global, europe (or eu) or us",
            );
        }
        out
    }
}

impl Validate for UpdateDestination {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        for (f, set_null) in [
            ("name", matches!(self.name, Patch::Null)),
            ("config", matches!(self.config, Patch::Null)),
            ("enabled", matches!(self.enabled, Patch::Null)),
            ("privacy_mode", matches!(self.privacy_mode, Patch::Null)),
            (
                "broadcast_generation_cost",
                matches!(self.broadcast_generation_cost, Patch::Null),
            ),
            (
                "broadcast_generation_identity",
                matches!(self.broadcast_generation_identity, Patch::Null),
            ),
            (
                "broadcast_generation_request_context",
                matches!(self.broadcast_generation_request_context, Patch::Null),
            ),
            ("sampling_rate", matches!(self.sampling_rate, Patch::Null)),
            ("regions", matches!(self.regions, Patch::Null)),
        ] {
            if set_null {
                not_null(&mut out, f);
            }
        }
        if let Patch::Value(c) = &self.config {
            object_of(&mut out, "config", c);
        }
        if let Patch::Value(r) = self.sampling_rate {
            check_sampling(&mut out, DESTINATION_SAMPLING, r);
        }
        if let Patch::Value(l) = &self.api_key_hashes {
            check_list(&mut out, "api_key_hashes", l, 1, true);
        }
        if let Patch::Value(rules) = &self.filter_rules {
            check_filter_rules(&mut out, rules);
        }
        if let Patch::Value(r) = &self.regions {
            check_regions(
                &mut out,
                "regions",
                r,
                DESTINATION_REGIONS,
                "a region is global, europe (or eu) or us",
            );
        }
        out
    }
}
