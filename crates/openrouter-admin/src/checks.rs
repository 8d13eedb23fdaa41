//! The [`Validate`] trait and the field checks more than one area's rules use (names, slugs,
//! limits, resets, UUIDs, id lists, region and allow lists, UTC datetimes).

use crate::error::FieldError;
use crate::shapes::LimitReset;

/// Most entries an allow-list of a BYOK credential may hold.
pub const MAX_ALLOW_LIST: usize = 100;

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

pub(crate) fn len_between(
    out: &mut Vec<FieldError>,
    field: &str,
    v: &str,
    min: usize,
    max: Option<usize>,
) {
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

pub(crate) fn check_name(out: &mut Vec<FieldError>, name: &str) {
    len_between(out, "name", name, 1, Some(100));
}

pub(crate) fn check_slug(out: &mut Vec<FieldError>, slug: &str) {
    len_between(out, "slug", slug, 1, Some(50));
    if !slug.is_empty() && !is_valid_slug(slug) {
        out.push(FieldError::new(
            "slug",
            "pattern",
            "slug must be lowercase letters and digits in groups joined by single hyphens (^[a-z0-9]+(?:-[a-z0-9]+)*$)",
        ));
    }
}

pub(crate) fn check_description(out: &mut Vec<FieldError>, d: &str) {
    len_between(out, "description", d, 0, Some(500));
}

/// A field and the message of its rule, fixed text: a message formatted from the field name
/// would link formatting into the npm package's wasm for every such rule.
pub(crate) type Rule = (&'static str, &'static str);

/// A sampling rate (a workspace's `io_logging_sampling_rate`, a destination's
/// `sampling_rate`): 0.0001..1.
pub(crate) fn check_sampling(out: &mut Vec<FieldError>, (field, said): Rule, r: f64) {
    if !(r.is_finite() && (0.0001..=1.0).contains(&r)) {
        out.push(FieldError::new(field, "range", said));
    }
}

pub(crate) fn not_null(out: &mut Vec<FieldError>, field: &str) {
    out.push(FieldError::new(
        field,
        "not_nullable",
        format!("{field} cannot be cleared (null)"),
    ));
}

/// A spending limit in USD (a key's `limit`, a guardrail's `limit_usd`): finite, ≥ 0.
pub(crate) fn check_usd_limit(out: &mut Vec<FieldError>, (field, said): Rule, l: f64) {
    if !l.is_finite() || l < 0.0 {
        out.push(FieldError::new(field, "range", said));
    }
}

/// A limit's reset interval (a key's `limit_reset`, a guardrail's `reset_interval`): a known
/// one.
pub(crate) fn check_reset(out: &mut Vec<FieldError>, (field, said): Rule, r: &LimitReset) {
    if !r.is_known() {
        out.push(FieldError::new(field, "enum", said));
    }
}

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
pub(crate) fn check_names(out: &mut Vec<FieldError>, field: &str, list: &[String]) {
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
pub(crate) fn check_regions(
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

/// A bulk assignment's list of identifiers (`key_hashes`, `member_user_ids`): at least one,
/// none empty.
pub(crate) fn check_id_list<'a>(
    field: &str,
    ids: impl ExactSizeIterator<Item = &'a str>,
) -> Vec<FieldError> {
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

/// An allow-list: at most 100 entries, at least `min`; `hashes` checks each is a key hash.
pub(crate) fn check_list(
    out: &mut Vec<FieldError>,
    field: &str,
    list: &[String],
    min: usize,
    hashes: bool,
) {
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

impl Validate for () {
    fn field_errors(&self) -> Vec<FieldError> {
        Vec::new()
    }
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
