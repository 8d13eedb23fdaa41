//! The byok area's rules: each body's checks before anything is sent.

use crate::areas::byok::models::{CreateByokKey, ProviderSlug, UpdateByokKey};
use crate::checks::{check_list, check_workspace_uuid, len_between, not_null, Validate};
use crate::error::FieldError;
use crate::patch::Patch;

/// Most characters a BYOK credential's `name` may have.
pub const MAX_BYOK_NAME_CHARS: usize = 255;

/// `is_fallback` and `is_byok_only` together.
pub(crate) fn fallback_and_byok_only(out: &mut Vec<FieldError>) {
    out.push(FieldError::new(
        "is_byok_only",
        "exclusive",
        "is_byok_only cannot be combined with is_fallback",
    ));
}

/// A provider slug: lowercase letters, digits, `-` and `/` (`amazon-bedrock/claude-on-aws`).
/// Whether the API serves that provider is the API's to say: the list is open.
pub(crate) fn check_provider(out: &mut Vec<FieldError>, p: &ProviderSlug) {
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
