//! The keys area's rules: each body's checks before anything is sent.

use crate::areas::keys::models::External;
use crate::areas::keys::models::{CreateKey, UpdateKey};
use crate::checks::{
    check_reset, check_usd_limit, check_utc_datetime, len_between, not_null, Rule, Validate,
};
use crate::error::FieldError;
use crate::patch::Patch;

pub(crate) const KEY_LIMIT: Rule = ("limit", "limit must be a finite number ≥ 0");
pub(crate) const KEY_LIMIT_RESET: Rule = (
    "limit_reset",
    "limit_reset must be daily, weekly, monthly or null",
);

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

/// Fewest characters `external.api_key` may have.
pub const MIN_EXTERNAL_API_KEY_CHARS: usize = 32;

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
