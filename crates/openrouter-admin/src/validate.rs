//! Checks every request body against api-notes.md §8 before anything is sent, reporting
//! every failing field at once.
//!
//! ```
//! use openrouter_admin::models::CreateWorkspace;
//! use openrouter_admin::validate::Validate;
//! let errs = CreateWorkspace::new("", "Bad Slug").field_errors();
//! assert_eq!(errs.len(), 2);
//! assert_eq!(errs[0].field, "name");
//! assert_eq!(errs[1].field, "slug");
//! ```

use crate::error::FieldError;
use crate::models::{
    BuiltinFilter, ContentFilter, CreateGuardrail, CreateKey, CreateWorkspace, External, Interval,
    KeyHashes, LimitReset, MemberIds, MemberUserIds, Patch, UpdateGuardrail, UpdateKey,
    UpdateWorkspace, UpsertBudget, WorkspaceBudget, DATA_REGIONS,
};

/// Fewest characters `external.api_key` may have.
pub const MIN_EXTERNAL_API_KEY_CHARS: usize = 32;

/// Most ids one members add/remove request takes.
pub const MAX_MEMBER_BATCH: usize = 100;

/// Most ids one guardrail assignment request carries: the client's chunk (the API states no
/// maximum), so that one request stays small and one failure touches few.
pub const MAX_ASSIGNMENT_BATCH: usize = 100;

/// A request body that can be checked before sending.
pub trait Validate {
    /// Every failing field (empty when valid).
    fn field_errors(&self) -> Vec<FieldError>;

    /// `Ok` or a validation [`Error`](crate::Error) carrying every failing field.
    fn validate(&self) -> Result<(), crate::Error> {
        let errs = self.field_errors();
        if errs.is_empty() {
            Ok(())
        } else {
            Err(crate::Error::validation(errs))
        }
    }
}

fn len_between(out: &mut Vec<FieldError>, field: &str, v: &str, min: usize, max: Option<usize>) {
    let n = v.chars().count();
    if n < min {
        out.push(FieldError::new(
            field,
            "min_length",
            format!(
                "{field} must be at least {min} character{}",
                if min == 1 { "" } else { "s" }
            ),
        ));
    }
    if let Some(max) = max {
        if n > max {
            out.push(FieldError::new(
                field,
                "max_length",
                format!("{field} must be at most {max} characters (got {n})"),
            ));
        }
    }
}

/// Whether `s` matches `^[a-z0-9]+(?:-[a-z0-9]+)*$`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        // Bytes, not `contains("--")`: a substring search links a two-way searcher into wasm.
        && !s.as_bytes().windows(2).any(|w| w == b"--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_name(out: &mut Vec<FieldError>, name: &str) {
    len_between(out, "name", name, 1, Some(100));
}

fn check_slug(out: &mut Vec<FieldError>, slug: &str) {
    len_between(out, "slug", slug, 1, Some(50));
    if !slug.is_empty() && !is_valid_slug(slug) {
        out.push(FieldError::new(
            "slug",
            "pattern",
            "slug must be lowercase letters and digits in groups joined by single hyphens (^[a-z0-9]+(?:-[a-z0-9]+)*$)",
        ));
    }
}

fn check_description(out: &mut Vec<FieldError>, d: &str) {
    len_between(out, "description", d, 0, Some(500));
}

fn check_sampling(out: &mut Vec<FieldError>, r: f64) {
    if !(r.is_finite() && (0.0001..=1.0).contains(&r)) {
        out.push(FieldError::new(
            "io_logging_sampling_rate",
            "range",
            "io_logging_sampling_rate must be between 0.0001 and 1",
        ));
    }
}

fn not_null(out: &mut Vec<FieldError>, field: &str) {
    out.push(FieldError::new(
        field,
        "not_nullable",
        format!("{field} cannot be cleared (null)"),
    ));
}

fn check_key_limit(out: &mut Vec<FieldError>, l: f64) {
    if !l.is_finite() || l < 0.0 {
        out.push(FieldError::new(
            "limit",
            "range",
            "limit must be a finite number ≥ 0",
        ));
    }
}

fn check_limit_reset(out: &mut Vec<FieldError>, r: &LimitReset) {
    if !r.is_known() {
        out.push(FieldError::new(
            "limit_reset",
            "enum",
            "limit_reset must be daily, weekly, monthly or null",
        ));
    }
}

/// `external` of a create-key body. The api_key's value is never put in a message.
fn check_external(out: &mut Vec<FieldError>, external: &External) {
    len_between(out, "external.user", &external.user, 1, None);
    if let Some(key) = &external.api_key {
        // The message names the length only: "external.api_key must be at least 32 characters".
        len_between(
            out,
            "external.api_key",
            key.expose_secret(),
            MIN_EXTERNAL_API_KEY_CHARS,
            None,
        );
    }
}

impl Validate for CreateWorkspace {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        check_name(&mut out, &self.name);
        check_slug(&mut out, &self.slug);
        if let Some(d) = &self.description {
            check_description(&mut out, d);
        }
        if let Some(r) = self.io_logging_sampling_rate {
            check_sampling(&mut out, r);
        }
        out
    }
}

impl Validate for UpdateWorkspace {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        match &self.name {
            Patch::Value(n) => check_name(&mut out, n),
            Patch::Null => not_null(&mut out, "name"),
            Patch::Unset => {}
        }
        match &self.slug {
            Patch::Value(s) => check_slug(&mut out, s),
            Patch::Null => not_null(&mut out, "slug"),
            Patch::Unset => {}
        }
        if let Patch::Value(d) = &self.description {
            check_description(&mut out, d);
        }
        match self.io_logging_sampling_rate {
            Patch::Value(r) => check_sampling(&mut out, r),
            Patch::Null => not_null(&mut out, "io_logging_sampling_rate"),
            Patch::Unset => {}
        }
        for (f, p) in [
            (
                "is_data_discount_logging_enabled",
                &self.is_data_discount_logging_enabled,
            ),
            (
                "is_observability_broadcast_enabled",
                &self.is_observability_broadcast_enabled,
            ),
            (
                "is_observability_io_logging_enabled",
                &self.is_observability_io_logging_enabled,
            ),
        ] {
            if matches!(p, Patch::Null) {
                not_null(&mut out, f);
            }
        }
        out
    }
}

impl Validate for MemberIds {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let n = self.user_ids.len();
        if n == 0 {
            out.push(FieldError::new(
                "user_ids",
                "min_items",
                "user_ids must hold at least 1 id",
            ));
        }
        if n > MAX_MEMBER_BATCH {
            out.push(FieldError::new(
                "user_ids",
                "max_items",
                format!("user_ids must hold at most {MAX_MEMBER_BATCH} ids (got {n}); use add_all/remove_all to chunk"),
            ));
        }
        for (i, id) in self.user_ids.iter().enumerate() {
            if id.as_str().is_empty() {
                out.push(FieldError::new(
                    format!("user_ids[{i}]"),
                    "min_length",
                    "a user id cannot be empty",
                ));
            }
        }
        out
    }
}

// --- guardrails ------------------------------------------------------------------------------

/// Most characters a guardrail's name may have.
pub const MAX_GUARDRAIL_NAME_CHARS: usize = 200;

/// Most characters a guardrail's description may have.
pub const MAX_GUARDRAIL_DESCRIPTION_CHARS: usize = 1000;

/// Most characters a custom content filter's label may have.
pub const MAX_CONTENT_FILTER_LABEL_CHARS: usize = 100;

/// Whether `s` is a UUID written as the API writes them (`8-4-4-4-12` hex digits).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `workspace_id` of a body or query that the API reads as a UUID only: a slug there is
/// refused before sending, with a message that says what to pass instead.
pub fn check_workspace_uuid(out: &mut Vec<FieldError>, value: &str) {
    if !is_uuid(value) {
        out.push(FieldError::new(
            "workspace_id",
            "uuid",
            "workspace_id must be the workspace's UUID, not its slug: read it from the workspace (client.workspace(slug).get())",
        ));
    }
}

/// A guardrail's list of names (models or providers): at least one when given.
fn check_names(out: &mut Vec<FieldError>, field: &str, list: &[String]) {
    if list.is_empty() {
        out.push(FieldError::new(
            field,
            "min_items",
            format!("{field} must hold at least 1 name, or be null for no restriction"),
        ));
    }
    for (i, name) in list.iter().enumerate() {
        if name.is_empty() {
            out.push(FieldError::new(
                format!("{field}[{i}]"),
                "min_length",
                "a name cannot be empty",
            ));
        }
    }
}

/// `allowed_data_regions`: never an empty array, each one of [`DATA_REGIONS`].
fn check_regions(out: &mut Vec<FieldError>, regions: &[String]) {
    if regions.is_empty() {
        out.push(FieldError::new(
            "allowed_data_regions",
            "min_items",
            "allowed_data_regions must hold at least 1 region, or be null for anywhere",
        ));
    }
    for (i, r) in regions.iter().enumerate() {
        if !DATA_REGIONS.contains(&r.as_str()) {
            out.push(FieldError::new(
                format!("allowed_data_regions[{i}]"),
                "enum",
                "a data region must be global, europe or us",
            ));
        }
    }
}

fn check_guardrail_limit(out: &mut Vec<FieldError>, l: f64) {
    if !l.is_finite() || l < 0.0 {
        out.push(FieldError::new(
            "limit_usd",
            "range",
            "limit_usd must be a finite number ≥ 0",
        ));
    }
}

fn check_guardrail_reset(out: &mut Vec<FieldError>, r: &LimitReset) {
    if !r.is_known() {
        out.push(FieldError::new(
            "reset_interval",
            "enum",
            "reset_interval must be daily, weekly, monthly or null",
        ));
    }
}

/// The built-in filters: known slugs, actions and scopes.
fn check_builtins(out: &mut Vec<FieldError>, filters: &[BuiltinFilter]) {
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
fn check_filters(out: &mut Vec<FieldError>, filters: &[ContentFilter]) {
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
            check_guardrail_limit(&mut out, l);
        }
        if let Some(r) = &self.reset_interval {
            check_guardrail_reset(&mut out, r);
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
            check_regions(&mut out, r);
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
            check_guardrail_limit(&mut out, l);
        }
        if let Patch::Value(r) = &self.reset_interval {
            check_guardrail_reset(&mut out, r);
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
            check_regions(&mut out, r);
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

/// A bulk assignment's list of identifiers (`key_hashes`, `member_user_ids`): at least one,
/// none empty.
fn check_id_list<'a>(field: &str, ids: impl ExactSizeIterator<Item = &'a str>) -> Vec<FieldError> {
    let mut out = Vec::new();
    if ids.len() == 0 {
        out.push(FieldError::new(
            field,
            "min_items",
            format!("{field} must hold at least 1 id"),
        ));
    }
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            out.push(FieldError::new(
                format!("{field}[{i}]"),
                "min_length",
                "an id cannot be empty",
            ));
        }
    }
    out
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

impl Validate for CreateKey {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        len_between(&mut out, "name", &self.name, 1, None);
        if let Some(l) = self.limit {
            check_key_limit(&mut out, l);
        }
        if let Some(r) = &self.limit_reset {
            check_limit_reset(&mut out, r);
        }
        if let Some(e) = &self.expires_at {
            if let Err(msg) = check_utc_datetime(e.as_str()) {
                out.push(FieldError::new("expires_at", msg.0, msg.1));
            }
        }
        if let Some(c) = &self.creator_user_id {
            len_between(&mut out, "creator_user_id", c.as_str(), 1, None);
        }
        if let Some(w) = &self.workspace_id {
            len_between(&mut out, "workspace_id", w.as_str(), 1, None);
        }
        if let Some(e) = &self.external {
            check_external(&mut out, e);
        }
        out
    }
}

impl Validate for UpdateKey {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        match &self.name {
            Patch::Value(n) => len_between(&mut out, "name", n, 1, None),
            Patch::Null => not_null(&mut out, "name"),
            Patch::Unset => {}
        }
        if matches!(self.disabled, Patch::Null) {
            not_null(&mut out, "disabled");
        }
        if let Patch::Value(l) = self.limit {
            check_key_limit(&mut out, l);
        }
        if let Patch::Value(r) = &self.limit_reset {
            check_limit_reset(&mut out, r);
        }
        if matches!(self.include_byok_in_limit, Patch::Null) {
            not_null(&mut out, "include_byok_in_limit");
        }
        out
    }
}

impl Validate for UpsertBudget {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if !(self.limit_usd.is_finite() && self.limit_usd > 0.0) {
            out.push(FieldError::new(
                "limit_usd",
                "range",
                "limit_usd must be a finite number > 0",
            ));
        }
        out
    }
}

impl Validate for () {
    fn field_errors(&self) -> Vec<FieldError> {
        Vec::new()
    }
}

/// Checks the budget shrink rule (lifetime > monthly > weekly > daily, strictly) for setting
/// `interval` to `limit_usd`, given the workspace's `existing` budgets (the one at `interval`
/// itself is ignored, it is being replaced).
///
/// ```
/// use openrouter_admin::models::Interval;
/// use openrouter_admin::validate::validate_budget_order;
/// assert!(validate_budget_order(&[], Interval::Daily, 5.0).is_ok());
/// ```
pub fn validate_budget_order(
    existing: &[WorkspaceBudget],
    interval: Interval,
    limit_usd: f64,
) -> Result<(), FieldError> {
    for b in existing {
        let Some(other) = b.interval() else { continue };
        if other == interval {
            continue;
        }
        let bad = if other.rank() > interval.rank() {
            limit_usd >= b.limit_usd
        } else {
            limit_usd <= b.limit_usd
        };
        if bad {
            let rel = if other.rank() > interval.rank() {
                "less than"
            } else {
                "greater than"
            };
            return Err(FieldError::new(
                "limit_usd",
                "budget_order",
                format!(
                    "the {interval} budget must be {rel} the {other} budget; budgets shrink from lifetime > monthly > weekly > daily"
                ),
            ));
        }
    }
    Ok(())
}

/// Checks that `s` is an RFC 3339 date-time in UTC (`...Z`). Returns (rule, message) on failure.
pub fn check_utc_datetime(s: &str) -> Result<(), (&'static str, String)> {
    let bad = || {
        (
            "date_time",
            format!(
                "expires_at must be an RFC 3339 date-time such as 2027-12-31T23:59:59Z (got \"{s}\")"
            ),
        )
    };
    let b = s.as_bytes();
    // `2027-12-31T23:59Z`: today's API refuses minute precision.
    if b.len() >= 17
        && b[13] == b':'
        && b[16] != b':'
        && b.get(10).is_some_and(|t| *t == b'T' || *t == b't')
    {
        return Err((
            "seconds",
            "expires_at must include seconds, as in 2027-12-31T23:59:00Z".to_owned(),
        ));
    }
    if !(s.ends_with('Z') || s.ends_with('z')) {
        if crate::time::parse_datetime(s, true).is_some() {
            return Err(("utc", "expires_at must be in UTC, ending in Z".to_owned()));
        }
        return Err(bad());
    }
    if b.len() < 20 || crate::time::parse_datetime(s, false).is_none() {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::*;

    fn rules(errs: &[FieldError]) -> Vec<(String, String)> {
        errs.iter()
            .map(|e| (e.field.clone(), e.rule.clone()))
            .collect()
    }

    fn pair(f: &str, r: &str) -> (String, String) {
        (f.to_owned(), r.to_owned())
    }

    #[test]
    fn workspace_name_table() {
        assert!(CreateWorkspace::new("a", "a").field_errors().is_empty());
        assert!(CreateWorkspace::new("x".repeat(100), "a")
            .field_errors()
            .is_empty());
        assert_eq!(
            rules(&CreateWorkspace::new("", "a").field_errors()),
            vec![pair("name", "min_length")]
        );
        assert_eq!(
            rules(&CreateWorkspace::new("x".repeat(101), "a").field_errors()),
            vec![pair("name", "max_length")]
        );
        // characters, not bytes
        assert!(CreateWorkspace::new("é".repeat(100), "a")
            .field_errors()
            .is_empty());
    }

    #[test]
    fn slug_table() {
        for ok in ["a", "prod", "a-b", "a1-b2-c3", "0", &"a".repeat(50)] {
            assert!(is_valid_slug(ok), "{ok}");
            assert!(
                CreateWorkspace::new("n", ok).field_errors().is_empty(),
                "{ok}"
            );
        }
        for bad in ["-a", "a-", "a--b", "A", "a_b", "a b", "ü", "a.b"] {
            assert!(!is_valid_slug(bad), "{bad}");
            assert_eq!(
                rules(&CreateWorkspace::new("n", bad).field_errors()),
                vec![pair("slug", "pattern")],
                "{bad}"
            );
        }
        assert_eq!(
            rules(&CreateWorkspace::new("n", "").field_errors()),
            vec![pair("slug", "min_length")]
        );
        assert_eq!(
            rules(&CreateWorkspace::new("n", "a".repeat(51)).field_errors()),
            vec![pair("slug", "max_length")]
        );
    }

    #[test]
    fn description_and_sampling() {
        assert!(CreateWorkspace::new("n", "s")
            .description("d".repeat(500))
            .field_errors()
            .is_empty());
        assert_eq!(
            rules(
                &CreateWorkspace::new("n", "s")
                    .description("d".repeat(501))
                    .field_errors()
            ),
            vec![pair("description", "max_length")]
        );
        for ok in [0.0001, 0.5, 1.0] {
            assert!(CreateWorkspace::new("n", "s")
                .io_logging_sampling_rate(ok)
                .field_errors()
                .is_empty());
        }
        for bad in [0.0, 0.00009, 1.0001, f64::NAN, f64::INFINITY, -1.0] {
            assert_eq!(
                rules(
                    &CreateWorkspace::new("n", "s")
                        .io_logging_sampling_rate(bad)
                        .field_errors()
                ),
                vec![pair("io_logging_sampling_rate", "range")]
            );
        }
    }

    #[test]
    fn every_failing_field_is_reported() {
        let req = CreateWorkspace::new("", "Bad--")
            .description("d".repeat(501))
            .io_logging_sampling_rate(2.0);
        assert_eq!(
            rules(&req.field_errors()),
            vec![
                pair("name", "min_length"),
                pair("slug", "pattern"),
                pair("description", "max_length"),
                pair("io_logging_sampling_rate", "range")
            ]
        );
        let e = req.validate().expect_err("invalid");
        assert!(e.is_validation());
        assert_eq!(e.validation_errors().len(), 4);
    }

    #[test]
    fn update_workspace_table() {
        assert!(UpdateWorkspace::new().field_errors().is_empty());
        assert!(UpdateWorkspace::new()
            .description(None::<String>)
            .field_errors()
            .is_empty());
        let mut u = UpdateWorkspace::new().slug("UP");
        u.name = Patch::Null;
        u.io_logging_sampling_rate = Patch::Value(0.0);
        u.is_data_discount_logging_enabled = Patch::Null;
        assert_eq!(
            rules(&u.field_errors()),
            vec![
                pair("name", "not_nullable"),
                pair("slug", "pattern"),
                pair("io_logging_sampling_rate", "range"),
                pair("is_data_discount_logging_enabled", "not_nullable")
            ]
        );
    }

    #[test]
    fn member_batches() {
        assert!(MemberIds::new(["u1"]).field_errors().is_empty());
        assert!(MemberIds::new((0..100).map(|i| format!("u{i}")))
            .field_errors()
            .is_empty());
        assert_eq!(
            rules(&MemberIds::new(Vec::<String>::new()).field_errors()),
            vec![pair("user_ids", "min_items")]
        );
        assert_eq!(
            rules(&MemberIds::new((0..101).map(|i| format!("u{i}"))).field_errors()),
            vec![pair("user_ids", "max_items")]
        );
        assert_eq!(
            rules(&MemberIds::new(["u", ""]).field_errors()),
            vec![pair("user_ids[1]", "min_length")]
        );
    }

    #[test]
    fn create_key_table() {
        assert!(CreateKey::new("k").field_errors().is_empty());
        assert!(CreateKey::new("k")
            .limit(0.0)
            .limit_reset(LimitReset::Monthly)
            .expires_at("2027-12-31T23:59:59Z")
            .field_errors()
            .is_empty());
        assert!(CreateKey::new("k")
            .expires_at("2027-12-31T23:59:59.123Z")
            .field_errors()
            .is_empty());
        assert_eq!(
            rules(&CreateKey::new("").field_errors()),
            vec![pair("name", "min_length")]
        );
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                rules(&CreateKey::new("k").limit(bad).field_errors()),
                vec![pair("limit", "range")]
            );
        }
        assert_eq!(
            rules(
                &CreateKey::new("k")
                    .limit_reset(LimitReset::parse("yearly"))
                    .field_errors()
            ),
            vec![pair("limit_reset", "enum")]
        );
        assert_eq!(
            rules(
                &CreateKey::new("k")
                    .expires_at("2027-12-31T23:59:59+02:00")
                    .field_errors()
            ),
            vec![pair("expires_at", "utc")]
        );
        for bad in [
            "2027-12-31",
            "2027-13-01T00:00:00Z",
            "2027-02-30T00:00:00Z",
            "tomorrow",
            "2027-12-31T24:00:00Z",
            "",
        ] {
            assert_eq!(
                rules(&CreateKey::new("k").expires_at(bad).field_errors()),
                vec![pair("expires_at", "date_time")],
                "{bad}"
            );
        }
        assert!(CreateKey::new("k")
            .expires_at("2028-02-29T00:00:00Z")
            .field_errors()
            .is_empty());
        let all = CreateKey::new("").limit(-2.0).expires_at("x");
        assert_eq!(all.field_errors().len(), 3);
    }

    #[test]
    fn expires_at_needs_seconds() {
        for minutes in [
            "2027-12-31T23:59Z",
            "2027-12-31t23:59z",
            "2027-12-31T23:59+02:00",
        ] {
            assert_eq!(
                rules(&CreateKey::new("k").expires_at(minutes).field_errors()),
                vec![pair("expires_at", "seconds")],
                "{minutes}"
            );
        }
        for ok in ["2027-12-31T23:59:00Z", "2027-12-31T23:59:00.5Z"] {
            assert!(CreateKey::new("k").expires_at(ok).field_errors().is_empty());
        }
    }

    #[test]
    fn server_tool_names_are_the_servers_to_judge() {
        // An open list: the client checks its shape (the JS reader: an array of strings), the
        // API its names (unknown, empty or repeated ones are its 400).
        let names = vec![String::new(), "vendor:new".into(), "vendor:new".into()];
        assert!(CreateWorkspace::new("n", "s")
            .disabled_server_tools(names.clone())
            .field_errors()
            .is_empty());
        assert!(UpdateWorkspace::new()
            .disabled_server_tools(Some(names))
            .field_errors()
            .is_empty());
    }

    #[test]
    fn external_table() {
        let key = "k".repeat(32);
        assert!(CreateKey::new("k")
            .external(External::new("u").api_key(key.as_str()))
            .field_errors()
            .is_empty());
        assert!(CreateKey::new("k")
            .external(External::new("u"))
            .field_errors()
            .is_empty());
        assert_eq!(
            rules(
                &CreateKey::new("k")
                    .external(External::new(""))
                    .field_errors()
            ),
            vec![pair("external.user", "min_length")]
        );
        let short = "s3cr3t-".repeat(4); // 28 characters
        let errs = CreateKey::new("k")
            .external(External::new("u").api_key(short.as_str()))
            .field_errors();
        assert_eq!(rules(&errs), vec![pair("external.api_key", "min_length")]);
        assert!(!format!("{errs:?}").contains(&short), "the value stays out");
        // Characters, not bytes.
        assert!(!CreateKey::new("k")
            .external(External::new("u").api_key("é".repeat(31)))
            .field_errors()
            .is_empty());
    }

    #[test]
    fn update_key_table() {
        assert!(UpdateKey::new()
            .limit(None)
            .limit_reset(None)
            .field_errors()
            .is_empty());
        assert!(UpdateKey::new()
            .name("x")
            .disabled(true)
            .limit(Some(5.0))
            .field_errors()
            .is_empty());
        assert_eq!(
            rules(&UpdateKey::new().name("").field_errors()),
            vec![pair("name", "min_length")]
        );
        assert_eq!(
            rules(&UpdateKey::new().limit(Some(-0.5)).field_errors()),
            vec![pair("limit", "range")]
        );
        let mut u = UpdateKey::new();
        u.disabled = Patch::Null;
        u.include_byok_in_limit = Patch::Null;
        assert_eq!(
            rules(&u.field_errors()),
            vec![
                pair("disabled", "not_nullable"),
                pair("include_byok_in_limit", "not_nullable")
            ]
        );
    }

    #[test]
    fn budget_table() {
        assert!(UpsertBudget::new(0.01).field_errors().is_empty());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                rules(&UpsertBudget::new(bad).field_errors()),
                vec![pair("limit_usd", "range")]
            );
        }
    }

    fn budget(reset: Option<&str>, limit: f64) -> WorkspaceBudget {
        serde_json::from_value(serde_json::json!({
            "id": "b", "workspace_id": "w", "limit_usd": limit, "reset_interval": reset,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"
        }))
        .expect("budget")
    }

    #[test]
    fn budget_order() {
        let existing = [
            budget(None, 1000.0),
            budget(Some("monthly"), 100.0),
            budget(Some("daily"), 5.0),
        ];
        assert!(validate_budget_order(&existing, Interval::Weekly, 50.0).is_ok());
        assert!(validate_budget_order(&existing, Interval::Weekly, 100.0).is_err());
        assert!(validate_budget_order(&existing, Interval::Weekly, 5.0).is_err());
        assert!(validate_budget_order(&existing, Interval::Monthly, 999.0).is_ok());
        assert!(validate_budget_order(&existing, Interval::Monthly, 1000.0).is_err());
        assert!(validate_budget_order(&existing, Interval::Lifetime, 100.5).is_ok());
        let e = validate_budget_order(&existing, Interval::Daily, 200.0).expect_err("too big");
        assert_eq!(e.rule, "budget_order");
    }

    #[test]
    fn guardrail_table() {
        let ok = |g: CreateGuardrail| assert_eq!(rules(&g.field_errors()), vec![]);
        ok(CreateGuardrail::new("g"));
        ok(CreateGuardrail::new("x".repeat(200)).description("d".repeat(1000)));
        ok(CreateGuardrail::new("g")
            .limit_usd(0.0)
            .reset_interval(LimitReset::Daily)
            .workspace_id("0DF9E665-d932-5740-b2c7-b52af166bc11")
            .allowed_data_regions(vec!["global".into(), "europe".into(), "us".into()])
            .allowed_providers(vec!["a-provider-of-tomorrow".into()])
            .content_filter_builtins(vec![
                BuiltinFilter::new(ContentFilterSlug::Secrets, ContentFilterAction::Flag),
                BuiltinFilter::new(
                    ContentFilterSlug::RegexPromptInjection,
                    ContentFilterAction::Block,
                )
                .scan_scope(ScanScope::UserOnly),
            ])
            .content_filters(vec![
                ContentFilter::new("x", ContentFilterAction::Redact).label("l".repeat(100))
            ]));
        let bad = |g: CreateGuardrail, expected: &[(&str, &str)]| {
            assert_eq!(
                rules(&g.field_errors()),
                expected.iter().map(|(f, r)| pair(f, r)).collect::<Vec<_>>()
            );
        };
        bad(CreateGuardrail::new(""), &[("name", "min_length")]);
        bad(
            CreateGuardrail::new("x".repeat(201)),
            &[("name", "max_length")],
        );
        bad(
            CreateGuardrail::new("g").description("d".repeat(1001)),
            &[("description", "max_length")],
        );
        bad(
            CreateGuardrail::new("g").workspace_id("production"),
            &[("workspace_id", "uuid")],
        );
        bad(
            CreateGuardrail::new("g").limit_usd(5.0),
            &[("reset_interval", "together")],
        );
        bad(
            CreateGuardrail::new("g").reset_interval(LimitReset::Weekly),
            &[("limit_usd", "together")],
        );
        for l in [-0.01, f64::NAN, f64::INFINITY] {
            bad(
                CreateGuardrail::new("g")
                    .limit_usd(l)
                    .reset_interval(LimitReset::Monthly),
                &[("limit_usd", "range")],
            );
        }
        bad(
            CreateGuardrail::new("g")
                .limit_usd(1.0)
                .reset_interval(LimitReset::parse("hourly")),
            &[("reset_interval", "enum")],
        );
        bad(
            CreateGuardrail::new("g").allowed_data_regions(Vec::<String>::new()),
            &[("allowed_data_regions", "min_items")],
        );
        bad(
            CreateGuardrail::new("g").allowed_data_regions(vec!["eu".into()]),
            &[("allowed_data_regions[0]", "enum")],
        );
        bad(
            CreateGuardrail::new("g")
                .allowed_models(Vec::<String>::new())
                .ignored_providers(vec!["".into()]),
            &[
                ("allowed_models", "min_items"),
                ("ignored_providers[0]", "min_length"),
            ],
        );
        bad(
            CreateGuardrail::new("g").content_filter_builtins(vec![BuiltinFilter::new(
                ContentFilterSlug::parse("passwords"),
                ContentFilterAction::parse("shred"),
            )
            .scan_scope(ScanScope::parse("some"))]),
            &[
                ("content_filter_builtins[0].slug", "enum"),
                ("content_filter_builtins[0].action", "enum"),
                ("content_filter_builtins[0].scan_scope", "enum"),
            ],
        );
        bad(
            CreateGuardrail::new("g").content_filters(vec![ContentFilter::new(
                "",
                ContentFilterAction::default(),
            )
            .label("l".repeat(101))]),
            &[
                ("content_filters[0].pattern", "min_length"),
                ("content_filters[0].action", "enum"),
                ("content_filters[0].label", "max_length"),
            ],
        );
    }

    #[test]
    fn guardrail_update_table() {
        assert!(UpdateGuardrail::new().field_errors().is_empty());
        // On update a limit may change alone; null clears what may be cleared.
        assert!(UpdateGuardrail::new()
            .limit_usd(Some(5.0))
            .description(None::<String>)
            .allowed_data_regions(None)
            .content_filters(None)
            .enforce_zdr_openai(None)
            .field_errors()
            .is_empty());
        let u = UpdateGuardrail {
            name: Patch::Null,
            include_byok_in_budgets: Patch::Null,
            ..UpdateGuardrail::new()
        };
        assert_eq!(
            rules(&u.field_errors()),
            vec![
                pair("name", "not_nullable"),
                pair("include_byok_in_budgets", "not_nullable")
            ]
        );
        assert_eq!(
            rules(
                &UpdateGuardrail::new()
                    .allowed_data_regions(Some(vec![]))
                    .allowed_providers(Some(vec![]))
                    .limit_usd(Some(-1.0))
                    .field_errors()
            ),
            vec![
                pair("limit_usd", "range"),
                pair("allowed_providers", "min_items"),
                pair("allowed_data_regions", "min_items")
            ]
        );
    }

    #[test]
    fn assignment_lists() {
        assert!(KeyHashes::new(["h"]).field_errors().is_empty());
        assert_eq!(
            rules(&KeyHashes::new(Vec::<String>::new()).field_errors()),
            vec![pair("key_hashes", "min_items")]
        );
        assert_eq!(
            rules(&MemberUserIds::new(["u", ""]).field_errors()),
            vec![pair("member_user_ids[1]", "min_length")]
        );
        assert!(is_uuid("550e8400-e29b-41d4-a716-446655440000"));
        for bad in [
            "",
            "prod",
            "550e8400e29b41d4a716446655440000",
            "550e8400-e29b-41d4-a716-44665544000g",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }
}
