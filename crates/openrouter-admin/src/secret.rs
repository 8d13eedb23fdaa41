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
    fn redacted() {
        let k = ManagementKey::new("sk-or-v1-abc");
        assert!(!format!("{k:?}{k}").contains("abc"));
        let s = Secret::new("sk-or-v1-def");
        assert!(!format!("{s:?}{s}").contains("def"));
        assert_eq!(s.expose_secret(), "sk-or-v1-def");
    }
}
