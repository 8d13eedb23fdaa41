//! Secrets whose `Debug` and `Display` never show the value.
//!
//! ```
//! use openrouter_admin::secret::ManagementKey;
//! let key = ManagementKey::new("sk-or-v1-0123");
//! assert_eq!(format!("{key:?}"), "ManagementKey(<redacted>)");
//! assert_eq!(key.expose_secret(), "sk-or-v1-0123");
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError};

/// What `fetch` trims from a header value's ends.
const HTTP_WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// The management key every call is authorised with. Redacted in `Debug` and `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct ManagementKey(String);

impl ManagementKey {
    /// Wraps a management key (`sk-or-v1-...`).
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }
    /// The key itself. Call this only to put it on the wire.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// The key without the spaces, tabs and line breaks around it (a secret store's trailing
    /// newline): what the client sends, as `fetch` would trim the header value anyway.
    pub fn trimmed(&self) -> &str {
        self.0.trim_matches(HTTP_WHITESPACE)
    }

    /// Whether the key can travel as an HTTP header value: a `validation` error naming
    /// `field` and the first character that cannot (its position and code point, never the
    /// key), before anything is sent. Printable ASCII and Latin-1 pass; inside the
    /// [`trimmed`](Self::trimmed) key, line breaks, NUL, other control characters and
    /// anything beyond Latin-1 (a pasted `…` or `€`) do not: `fetch` would refuse the
    /// header, after the call had begun.
    ///
    /// ```
    /// use openrouter_admin::ManagementKey;
    /// assert!(ManagementKey::new("sk-or-v1-0123").check("apiKey").is_ok());
    /// let e = ManagementKey::new("sk-or\n-v1").check("apiKey").expect_err("refused");
    /// assert_eq!(e.validation_errors()[0].field, "apiKey");
    /// assert!(e.message().contains("character 6 is U+000A"));
    /// ```
    pub fn check(&self, field: &str) -> Result<(), Error> {
        // A loop over chars with a hand-made hex: this runs in the npm client's first call,
        // whose module has a size budget.
        let before = self.0.len() - self.0.trim_start_matches(HTTP_WHITESPACE).len();
        for (i, c) in self.trimmed().chars().enumerate() {
            let code = c as u32;
            if (0x20..0x7f).contains(&code) || (0xa0..0x100).contains(&code) {
                continue;
            }
            let mut message = format!(
                "`{field}` cannot be sent as an HTTP header: character {} is U+",
                before + i + 1
            );
            let digits = if code > 0xffff { 6 } else { 4 };
            for shift in (0..digits).rev() {
                message.push(char::from(
                    b"0123456789ABCDEF"[(code >> (shift * 4)) as usize & 15],
                ));
            }
            message.push_str(if code < 0x100 {
                ", a control character; paste the key again"
            } else {
                ", beyond Latin-1; paste the key again"
            });
            return Err(Error::validation(vec![FieldError::new(
                field,
                "header_value",
                message,
            )]));
        }
        Ok(())
    }
}

impl fmt::Debug for ManagementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ManagementKey(<redacted>)")
    }
}

impl fmt::Display for ManagementKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<&str> for ManagementKey {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for ManagementKey {
    fn from(s: String) -> Self {
        Self(s)
    }
}

/// A created API key's secret (`sk-or-v1-` + 64 hex). OpenRouter returns it once, in the
/// answer to `POST /keys`; it is redacted in `Debug` and `Display`.
///
/// It serializes to its plain value (so bindings can hand it to the user once); never
/// serialize it into a log.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }
    /// The secret itself: show it to the user once, then drop it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_that_cannot_be_a_header_value_is_named_by_position_and_code_point() {
        for (key, at, code) in [
            ("sk-or-v1-ab\ncd", 12, "U+000A, a control"),
            ("sk-or-v1-ab\rcd", 12, "U+000D, a control"),
            ("sk\0", 3, "U+0000, a control"),
            ("sk\tx", 3, "U+0009, a control"),
            ("sk-\u{7f}", 4, "U+007F, a control"),
            ("sk-\u{85}", 4, "U+0085, a control"),
            ("sk-or-v1-abc…", 13, "U+2026, beyond Latin-1"),
            ("€sk-or-v1-abc", 1, "U+20AC, beyond Latin-1"),
            ("sk-🔑", 4, "U+01F511, beyond Latin-1"),
        ] {
            let e = ManagementKey::new(key)
                .check("apiKey")
                .expect_err("refused");
            assert!(e.is_validation());
            let f = &e.validation_errors()[0];
            assert_eq!(
                (f.field.as_str(), f.rule.as_str()),
                ("apiKey", "header_value")
            );
            assert!(
                f.message.contains(&format!("character {at} is {code}")),
                "{key:?}: {}",
                f.message
            );
            assert!(
                !e.message().contains("sk-"),
                "never the key: {}",
                e.message()
            );
        }
        let e = ManagementKey::new("  sk\u{1}")
            .check("k")
            .expect_err("refused");
        assert!(e.message().contains("character 5 is U+0001"), "{e}");
        assert_eq!(
            ManagementKey::new("\t sk-or-v1-0 \r\n").trimmed(),
            "sk-or-v1-0"
        );
        for key in [
            "sk-or-v1-0123abc",
            "sk-or-v1-0123abc\n",
            " sk-or-v1-0 \r\n",
            "a b",
            "caf\u{e9}",
            "~!@#$%^&*()_+{}|:\"<>?",
        ] {
            assert!(ManagementKey::new(key).check("apiKey").is_ok(), "{key:?}");
        }
    }

    #[test]
    fn redacted() {
        let k = ManagementKey::new("sk-or-v1-abc");
        assert!(!format!("{k:?}{k}").contains("abc"));
        let s = Secret::new("sk-or-v1-def");
        assert!(!format!("{s:?}{s}").contains("def"));
        assert_eq!(s.expose_secret(), "sk-or-v1-def");
    }
}
