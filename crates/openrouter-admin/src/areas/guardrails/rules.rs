//! The guardrails area's rules: each body's checks before anything is sent.

use crate::areas::guardrails::models::{
    BuiltinFilter, ContentFilter, CreateGuardrail, KeyHashes, MemberUserIds, UpdateGuardrail,
    DATA_REGIONS,
};
use crate::checks::{
    check_id_list, check_names, check_regions, check_reset, check_usd_limit, check_workspace_uuid,
    len_between, not_null, Rule, Validate,
};
use crate::error::FieldError;
use crate::patch::Patch;

/// Most ids one guardrail assignment request carries: the client's chunk (the API states no
/// maximum), so that one request stays small and one failure touches few.
pub const MAX_ASSIGNMENT_BATCH: usize = 100;
pub(crate) const GUARDRAIL_LIMIT: Rule = ("limit_usd", "limit_usd must be a finite number ≥ 0");
pub(crate) const GUARDRAIL_RESET: Rule = (
    "reset_interval",
    "reset_interval must be daily, weekly, monthly or null",
);

/// Most characters a guardrail's name may have.
pub const MAX_GUARDRAIL_NAME_CHARS: usize = 200;

/// Most characters a guardrail's description may have.
pub const MAX_GUARDRAIL_DESCRIPTION_CHARS: usize = 1000;

/// Most characters a custom content filter's label may have.
pub const MAX_CONTENT_FILTER_LABEL_CHARS: usize = 100;

pub(crate) fn check_builtins(out: &mut Vec<FieldError>, filters: &[BuiltinFilter]) {
    for (i, f) in filters.iter().enumerate() {
        if !f.slug.is_known() {
            out.push(FieldError::new(
                format!("content_filter_builtins[{i}].slug"),
                "enum",
                "a built-in filter must be email, phone, ssn, credit-card, ip-address, person-name, address, regex-prompt-injection or secrets",
            ));
        }
        if !f.action.is_known() {
            out.push(FieldError::new(
                format!("content_filter_builtins[{i}].action"),
                "enum",
                "a filter's action must be redact, block or flag",
            ));
        }
        if f.scan_scope.as_ref().is_some_and(|s| !s.is_known()) {
            out.push(FieldError::new(
                format!("content_filter_builtins[{i}].scan_scope"),
                "enum",
                "scan_scope must be user_only or all_messages",
            ));
        }
    }
}

/// The custom filters: a pattern, a known action, a label of at most 100 characters.
pub(crate) fn check_filters(out: &mut Vec<FieldError>, filters: &[ContentFilter]) {
    for (i, f) in filters.iter().enumerate() {
        if f.pattern.is_empty() {
            out.push(FieldError::new(
                format!("content_filters[{i}].pattern"),
                "min_length",
                "a filter's pattern cannot be empty",
            ));
        }
        if !f.action.is_known() {
            out.push(FieldError::new(
                format!("content_filters[{i}].action"),
                "enum",
                "a filter's action must be redact, block or flag",
            ));
        }
        if let Some(label) = &f.label {
            len_between(
                out,
                &format!("content_filters[{i}].label"),
                label,
                0,
                Some(MAX_CONTENT_FILTER_LABEL_CHARS),
            );
        }
    }
}

impl Validate for CreateGuardrail {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        len_between(
            &mut out,
            "name",
            &self.name,
            1,
            Some(MAX_GUARDRAIL_NAME_CHARS),
        );
        if let Some(d) = &self.description {
            len_between(
                &mut out,
                "description",
                d,
                0,
                Some(MAX_GUARDRAIL_DESCRIPTION_CHARS),
            );
        }
        if let Some(w) = &self.workspace_id {
            check_workspace_uuid(&mut out, w.as_str());
        }
        if let Some(l) = self.limit_usd {
            check_usd_limit(&mut out, GUARDRAIL_LIMIT, l);
        }
        if let Some(r) = &self.reset_interval {
            check_reset(&mut out, GUARDRAIL_RESET, r);
        }
        // api-notes.md: on create, one without the other is a 400.
        match (self.limit_usd.is_some(), self.reset_interval.is_some()) {
            (true, false) => out.push(FieldError::new(
                "reset_interval",
                "together",
                "reset_interval must be given with limit_usd (daily, weekly or monthly)",
            )),
            (false, true) => out.push(FieldError::new(
                "limit_usd",
                "together",
                "limit_usd must be given with reset_interval",
            )),
            _ => {}
        }
        for (field, list) in [
            ("allowed_models", &self.allowed_models),
            ("allowed_providers", &self.allowed_providers),
            ("ignored_models", &self.ignored_models),
            ("ignored_providers", &self.ignored_providers),
        ] {
            if let Some(list) = list {
                check_names(&mut out, field, list);
            }
        }
        if let Some(r) = &self.allowed_data_regions {
            check_regions(
                &mut out,
                "allowed_data_regions",
                r,
                DATA_REGIONS,
                "a data region is global, europe or us",
            );
        }
        if let Some(f) = &self.content_filter_builtins {
            check_builtins(&mut out, f);
        }
        if let Some(f) = &self.content_filters {
            check_filters(&mut out, f);
        }
        out
    }
}

impl Validate for UpdateGuardrail {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        match &self.name {
            Patch::Value(n) => len_between(&mut out, "name", n, 1, Some(MAX_GUARDRAIL_NAME_CHARS)),
            Patch::Null => not_null(&mut out, "name"),
            Patch::Unset => {}
        }
        if let Patch::Value(d) = &self.description {
            len_between(
                &mut out,
                "description",
                d,
                0,
                Some(MAX_GUARDRAIL_DESCRIPTION_CHARS),
            );
        }
        if let Patch::Value(l) = self.limit_usd {
            check_usd_limit(&mut out, GUARDRAIL_LIMIT, l);
        }
        if let Patch::Value(r) = &self.reset_interval {
            check_reset(&mut out, GUARDRAIL_RESET, r);
        }
        if matches!(self.include_byok_in_budgets, Patch::Null) {
            not_null(&mut out, "include_byok_in_budgets");
        }
        for (field, list) in [
            ("allowed_models", &self.allowed_models),
            ("allowed_providers", &self.allowed_providers),
            ("ignored_models", &self.ignored_models),
            ("ignored_providers", &self.ignored_providers),
        ] {
            if let Patch::Value(list) = list {
                check_names(&mut out, field, list);
            }
        }
        if let Patch::Value(r) = &self.allowed_data_regions {
            check_regions(
                &mut out,
                "allowed_data_regions",
                r,
                DATA_REGIONS,
                "a data region is global, europe or us",
            );
        }
        if let Patch::Value(f) = &self.content_filter_builtins {
            check_builtins(&mut out, f);
        }
        if let Patch::Value(f) = &self.content_filters {
            check_filters(&mut out, f);
        }
        out
    }
}

impl Validate for KeyHashes {
    fn field_errors(&self) -> Vec<FieldError> {
        check_id_list("key_hashes", self.key_hashes.iter().map(|h| h.as_str()))
    }
}

impl Validate for MemberUserIds {
    fn field_errors(&self) -> Vec<FieldError> {
        check_id_list(
            "member_user_ids",
            self.member_user_ids.iter().map(|u| u.as_str()),
        )
    }
}
