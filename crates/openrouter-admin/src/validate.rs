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
use crate::json::Doc;
use crate::models::{
    BuiltinFilter, ContentFilter, CreateByokKey, CreateDestination, CreateGuardrail, CreateKey,
    CreateWorkspace, DestinationType, External, Interval, JsonObject, KeyHashes, LimitReset,
    MemberIds, MemberUserIds, Patch, ProviderSlug, UpdateByokKey, UpdateDestination,
    UpdateGuardrail, UpdateKey, UpdateWorkspace, UpsertBudget, WorkspaceBudget, DATA_REGIONS,
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

/// A field and the message of its rule, fixed text: a message formatted from the field name
/// would link formatting into the npm package's wasm for every such rule.
type Rule = (&'static str, &'static str);

const IO_LOGGING_SAMPLING: Rule = (
    "io_logging_sampling_rate",
    "io_logging_sampling_rate must be between 0.0001 and 1",
);
const DESTINATION_SAMPLING: Rule = (
    "sampling_rate",
    "sampling_rate must be between 0.0001 and 1",
);
const KEY_LIMIT: Rule = ("limit", "limit must be a finite number ≥ 0");
const GUARDRAIL_LIMIT: Rule = ("limit_usd", "limit_usd must be a finite number ≥ 0");
const KEY_LIMIT_RESET: Rule = (
    "limit_reset",
    "limit_reset must be daily, weekly, monthly or null",
);
const GUARDRAIL_RESET: Rule = (
    "reset_interval",
    "reset_interval must be daily, weekly, monthly or null",
);

/// A sampling rate (a workspace's `io_logging_sampling_rate`, a destination's
/// `sampling_rate`): 0.0001..1.
fn check_sampling(out: &mut Vec<FieldError>, (field, said): Rule, r: f64) {
    if !(r.is_finite() && (0.0001..=1.0).contains(&r)) {
        out.push(FieldError::new(field, "range", said));
    }
}

fn not_null(out: &mut Vec<FieldError>, field: &str) {
    out.push(FieldError::new(
        field,
        "not_nullable",
        format!("{field} cannot be cleared (null)"),
    ));
}

/// A spending limit in USD (a key's `limit`, a guardrail's `limit_usd`): finite, ≥ 0.
fn check_usd_limit(out: &mut Vec<FieldError>, (field, said): Rule, l: f64) {
    if !l.is_finite() || l < 0.0 {
        out.push(FieldError::new(field, "range", said));
    }
}

/// A limit's reset interval (a key's `limit_reset`, a guardrail's `reset_interval`): a known
/// one.
fn check_reset(out: &mut Vec<FieldError>, (field, said): Rule, r: &LimitReset) {
    if !r.is_known() {
        out.push(FieldError::new(field, "enum", said));
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
            check_sampling(&mut out, IO_LOGGING_SAMPLING, r);
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
            Patch::Value(r) => check_sampling(&mut out, IO_LOGGING_SAMPLING, r),
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

/// A regions array (a guardrail's `allowed_data_regions`, a destination's `regions`): never
/// empty, each one of `accepted` (`said` says which, in fixed text: a `join` of the list would
/// link a generic join into the npm package's wasm for this one message).
fn check_regions(
    out: &mut Vec<FieldError>,
    field: &str,
    regions: &[String],
    accepted: &[&str],
    said: &'static str,
) {
    if regions.is_empty() {
        out.push(FieldError::new(
            field,
            "min_items",
            format!("{field} cannot be empty: name at least one of global, europe, us"),
        ));
    }
    for (i, r) in regions.iter().enumerate() {
        if !accepted.contains(&r.as_str()) {
            out.push(FieldError::new(format!("{field}[{i}]"), "enum", said));
        }
    }
}

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
            check_usd_limit(&mut out, KEY_LIMIT, l);
        }
        if let Some(r) = &self.limit_reset {
            check_reset(&mut out, KEY_LIMIT_RESET, r);
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
            check_usd_limit(&mut out, KEY_LIMIT, l);
        }
        if let Patch::Value(r) = &self.limit_reset {
            check_reset(&mut out, KEY_LIMIT_RESET, r);
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

// --- BYOK provider keys and observability destinations ---------------------------------------

/// Most characters a BYOK credential's `name` may have.
pub const MAX_BYOK_NAME_CHARS: usize = 255;

/// Most entries an allow-list of a BYOK credential may hold.
pub const MAX_ALLOW_LIST: usize = 100;

/// The regions a destination's `regions` takes (`eu` is accepted as `europe` on input).
pub const DESTINATION_REGIONS: &[&str] = &["global", "europe", "eu", "us"];

/// An allow-list: at most 100 entries, at least `min`; `hashes` checks each is a key hash.
fn check_list(out: &mut Vec<FieldError>, field: &str, list: &[String], min: usize, hashes: bool) {
    if list.len() < min {
        out.push(FieldError::new(
            field,
            "min_items",
            "must hold at least one entry, or be left out for no restriction",
        ));
    }
    if list.len() > MAX_ALLOW_LIST {
        out.push(FieldError::new(
            field,
            "max_items",
            "must hold at most 100 entries",
        ));
    }
    for (i, item) in list.iter().enumerate() {
        let bad = if hashes {
            item.len() != 64
                || !item
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        } else {
            item.is_empty()
        };
        if bad {
            out.push(FieldError::new(
                format!("{field}[{i}]"),
                if hashes { "pattern" } else { "min_length" },
                if hashes {
                    "a key hash is 64 lowercase hex characters"
                } else {
                    "an entry cannot be empty"
                },
            ));
        }
    }
}

/// `is_fallback` and `is_byok_only` together.
fn fallback_and_byok_only(out: &mut Vec<FieldError>) {
    out.push(FieldError::new(
        "is_byok_only",
        "exclusive",
        "is_byok_only cannot be combined with is_fallback",
    ));
}

/// A provider slug: lowercase letters, digits, `-` and `/` (`amazon-bedrock/claude-on-aws`).
/// Whether the API serves that provider is the API's to say: the list is open.
fn check_provider(out: &mut Vec<FieldError>, p: &ProviderSlug) {
    let s = p.as_str();
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/');
    if !ok {
        out.push(FieldError::new(
            "provider",
            "pattern",
            "provider must be a provider slug such as openai or amazon-bedrock",
        ));
    }
}

impl Validate for CreateByokKey {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        check_provider(&mut out, &self.provider);
        // Never the key's value in a message: only that it is missing.
        len_between(&mut out, "key", self.key.expose_secret(), 1, None);
        if let Some(n) = &self.name {
            len_between(&mut out, "name", n, 0, Some(MAX_BYOK_NAME_CHARS));
        }
        if let Some(w) = &self.workspace_id {
            check_workspace_uuid(&mut out, w.as_str());
        }
        if self.is_fallback == Some(true) && self.is_byok_only == Some(true) {
            fallback_and_byok_only(&mut out);
        }
        if let Some(l) = &self.allowed_models {
            check_list(&mut out, "allowed_models", l, 0, false);
        }
        if let Some(l) = &self.allowed_api_key_hashes {
            check_list(&mut out, "allowed_api_key_hashes", l, 1, true);
        }
        if let Some(l) = &self.allowed_user_ids {
            check_list(&mut out, "allowed_user_ids", l, 0, false);
        }
        out
    }
}

impl Validate for UpdateByokKey {
    fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        match &self.key {
            Patch::Value(k) => len_between(&mut out, "key", k.expose_secret(), 1, None),
            Patch::Null => not_null(&mut out, "key"),
            Patch::Unset => {}
        }
        if let Patch::Value(n) = &self.name {
            len_between(&mut out, "name", n, 0, Some(MAX_BYOK_NAME_CHARS));
        }
        for (f, p) in [
            ("disabled", &self.disabled),
            ("is_fallback", &self.is_fallback),
            ("is_byok_only", &self.is_byok_only),
            ("is_required", &self.is_required),
        ] {
            if matches!(p, Patch::Null) {
                not_null(&mut out, f);
            }
        }
        if self.is_fallback == Patch::Value(true) && self.is_byok_only == Patch::Value(true) {
            fallback_and_byok_only(&mut out);
        }
        if let Patch::Value(l) = &self.allowed_models {
            check_list(&mut out, "allowed_models", l, 0, false);
        }
        if let Patch::Value(l) = &self.allowed_api_key_hashes {
            check_list(&mut out, "allowed_api_key_hashes", l, 1, true);
        }
        if let Patch::Value(l) = &self.allowed_user_ids {
            check_list(&mut out, "allowed_user_ids", l, 0, false);
        }
        out
    }
}

/// A JSON-object field (`config`, `filter_rules`) parsed, or an error naming it. Read through
/// [`Doc`](crate::json::Doc): on wasm32 that is the host's `JSON.parse`, so validating a
/// destination links no JSON parser into the npm package.
fn object_of(out: &mut Vec<FieldError>, field: &str, o: &JsonObject) -> Option<Doc> {
    let doc = Doc::parse(o.as_str()).filter(Doc::is_object);
    if doc.is_none() {
        out.push(FieldError::new(field, "type", "must be a JSON object"));
    }
    doc
}

/// `filter_rules`: an object with a `groups` array.
fn check_filter_rules(out: &mut Vec<FieldError>, rules: &JsonObject) {
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
fn check_config(out: &mut Vec<FieldError>, kind: &DestinationType, config: &JsonObject) {
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

    use crate::Secret;

    const WS: &str = "550e8400-e29b-41d4-a716-446655440000";

    #[test]
    fn byok_table() {
        let ok = CreateByokKey::new("openai", Secret::new("sk-proj-1"));
        assert!(ok.field_errors().is_empty());
        // An unknown provider is the API's to judge (the list is open); a malformed slug is not.
        assert!(CreateByokKey::new("provider-of-2030", Secret::new("k"))
            .field_errors()
            .is_empty());
        assert!(
            CreateByokKey::new("amazon-bedrock/claude-on-aws", Secret::new("k"))
                .field_errors()
                .is_empty()
        );
        let errs = CreateByokKey::new("Open AI", Secret::new(""))
            .name("n".repeat(256))
            .workspace_id("production")
            .is_fallback(true)
            .is_byok_only(true)
            .allowed_api_key_hashes(Vec::<String>::new())
            .allowed_models(vec![String::new()])
            .field_errors();
        assert_eq!(
            rules(&errs),
            vec![
                pair("provider", "pattern"),
                pair("key", "min_length"),
                pair("name", "max_length"),
                pair("workspace_id", "uuid"),
                pair("is_byok_only", "exclusive"),
                pair("allowed_models[0]", "min_length"),
                pair("allowed_api_key_hashes", "min_items"),
            ]
        );
        let errs = CreateByokKey::new("openai", Secret::new("k"))
            .workspace_id(WS)
            .is_fallback(true)
            .is_byok_only(false)
            .allowed_api_key_hashes(vec!["A".repeat(64), "a".repeat(64)])
            .allowed_user_ids(vec!["u".to_owned(); 101])
            .field_errors();
        assert_eq!(
            rules(&errs),
            vec![
                pair("allowed_api_key_hashes[0]", "pattern"),
                pair("allowed_user_ids", "max_items"),
            ]
        );
        let mut u = UpdateByokKey::new().is_fallback(true).is_byok_only(true);
        u.key = Patch::Null;
        u.disabled = Patch::Null;
        u.declared_zdr = Patch::Null; // clears: allowed
        u.name = Patch::Null; // clears: allowed
        u.allowed_api_key_hashes = Patch::Null; // clears: allowed
        assert_eq!(
            rules(&u.field_errors()),
            vec![
                pair("key", "not_nullable"),
                pair("disabled", "not_nullable"),
                pair("is_byok_only", "exclusive"),
            ]
        );
        assert_eq!(
            rules(&UpdateByokKey::new().key(Secret::new("")).field_errors()),
            vec![pair("key", "min_length")]
        );
    }

    #[test]
    fn byok_key_stays_out_of_messages_and_debug() {
        let secret = "sk-proj-THE-PROVIDER-KEY";
        let body = CreateByokKey::new("Bad Provider", Secret::new(secret)).name("x".repeat(300));
        let errs = body.field_errors();
        assert!(!errs.is_empty());
        assert!(!format!("{errs:?}").contains(secret));
        assert!(
            !format!("{body:?}").contains(secret),
            "Debug redacts the key"
        );
        let patch = UpdateByokKey::new().key(Secret::new(secret));
        assert!(!format!("{patch:?}").contains(secret));
        let r = crate::api::CreateByokKeyRequest::new(body.name("ok"));
        let err = crate::api::Endpoint::request(&r).expect_err("bad provider");
        assert!(!format!("{err:?} {err}").contains(secret));
    }

    #[test]
    fn destination_table() {
        let langfuse = || JsonObject::from_json(r#"{"publicKey":"pk","secretKey":"sk"}"#);
        let ok = CreateDestination::new(DestinationType::Langfuse, "L", langfuse());
        assert!(ok.field_errors().is_empty());
        assert!(ok
            .clone()
            .regions(vec![
                "eu".into(),
                "europe".into(),
                "us".into(),
                "global".into()
            ])
            .field_errors()
            .is_empty());
        // A type this version does not know: its config is the API's to judge.
        assert!(CreateDestination::new(
            DestinationType::parse("tomorrow"),
            "T",
            JsonObject::from_json("{}")
        )
        .field_errors()
        .is_empty());
        let errs = CreateDestination::new(
            DestinationType::Langfuse,
            "L",
            JsonObject::from_json(r#"{"publicKey":"","other":1}"#),
        )
        .workspace_id("prod")
        .sampling_rate(0.0)
        .api_key_hashes(Vec::<String>::new())
        .filter_rules(JsonObject::from_json(r#"{"enabled":true}"#))
        .regions(Vec::<String>::new())
        .field_errors();
        assert_eq!(
            rules(&errs),
            vec![
                pair("config.secretKey", "required"),
                pair("config.publicKey", "required"),
                pair("workspace_id", "uuid"),
                pair("sampling_rate", "range"),
                pair("api_key_hashes", "min_items"),
                pair("filter_rules.groups", "required"),
                pair("regions", "min_items"),
            ]
        );
        let errs =
            CreateDestination::new(DestinationType::Webhook, "W", JsonObject::from_json("[1]"))
                .regions(vec!["mars".into()])
                .field_errors();
        assert_eq!(
            rules(&errs),
            vec![pair("config", "type"), pair("regions[0]", "enum")]
        );
        let errs =
            CreateDestination::new(DestinationType::default(), "W", JsonObject::from_json("{}"))
                .field_errors();
        assert_eq!(rules(&errs), vec![pair("type", "required")]);
        let mut u = UpdateDestination::new().sampling_rate(2.0);
        u.regions = Patch::Null;
        u.name = Patch::Null;
        u.filter_rules = Patch::Null; // clears: allowed
        u.api_key_hashes = Patch::Null; // clears: allowed
        assert_eq!(
            rules(&u.field_errors()),
            vec![
                pair("name", "not_nullable"),
                pair("regions", "not_nullable"),
                pair("sampling_rate", "range"),
            ]
        );
        assert_eq!(
            rules(
                &UpdateDestination::new()
                    .regions(Vec::<String>::new())
                    .field_errors()
            ),
            vec![pair("regions", "min_items")]
        );
    }

    #[test]
    fn destination_config_stays_out_of_debug() {
        let config = JsonObject::from_json(r#"{"publicKey":"pk","secretKey":"sk-lf-TOPSECRET"}"#);
        let d = CreateDestination::new(DestinationType::Langfuse, "L", config);
        let text = format!("{d:?}");
        assert!(!text.contains("TOPSECRET"), "{text}");
        assert!(
            text.contains("secretKey"),
            "the property names are shown: {text}"
        );
        assert!(is_uuid(WS) && !is_uuid("prod") && !is_uuid(&WS.replace('-', "x")));
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
