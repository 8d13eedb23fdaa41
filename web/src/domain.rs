//! What the page knows about the things it shows, apart from how they look: a key's status and
//! its spend in the current window, the organization's Default workspace, slugs, people's names.

use openrouter_admin::models::{ApiKey, OrganizationMember, Workspace};

/// The current time as an RFC 3339 string, to compare with `expires_at`.
pub fn now_iso() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::Date::new_0().to_iso_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// A key's status at `now` (RFC 3339, [`now_iso`]): `disabled`, `expired` or `active`. An empty
/// `now` (no clock) never counts a key as expired.
pub fn status(k: &ApiKey, now: &str) -> &'static str {
    if k.disabled {
        "disabled"
    } else if k
        .expires_at
        .as_ref()
        .is_some_and(|e| !now.is_empty() && e.as_str() < now)
    {
        "expired"
    } else {
        "active"
    }
}

/// Spend in the current limit window (`limit - limit_remaining`), else lifetime usage.
pub fn window_spend(k: &ApiKey) -> f64 {
    match (k.limit, k.limit_remaining) {
        (Some(l), Some(r)) => (l - r).max(0.0),
        _ => k.usage,
    }
}

/// Whether a workspace is the organization's Default one (implicit membership, cannot be deleted).
pub fn is_default(ws: &Workspace) -> bool {
    ws.slug == "default"
}

/// A slug from a name: lower case, runs of other characters become one hyphen, at most 50.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in crate::collate::lower(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(50)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// A person's display name: first and last name, else the email.
pub fn display_name(m: &OrganizationMember) -> String {
    let n = format!(
        "{} {}",
        m.first_name.clone().unwrap_or_default(),
        m.last_name.clone().unwrap_or_default()
    );
    let n = n.trim();
    if n.is_empty() {
        m.email.clone()
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(extra: &str) -> ApiKey {
        let json = format!(
            r#"{{"name":"k","label":"sk-or-v1-abc...","hash":"h1","disabled":false,"limit":null,
            "limit_remaining":null,"limit_reset":null,"include_byok_in_limit":false,"usage":3.5,
            "usage_daily":0,"usage_weekly":0,"usage_monthly":0,"byok_usage":0,"byok_usage_daily":0,
            "byok_usage_weekly":0,"byok_usage_monthly":0,"created_at":"2026-01-01T00:00:00Z",
            "updated_at":null,"expires_at":null,"workspace_id":"w1"{extra}}}"#
        );
        serde_json::from_str(&json).expect("a key")
    }

    #[test]
    fn a_key_is_disabled_then_expired_then_active() {
        let now = "2026-06-01T00:00:00Z";
        assert_eq!(status(&key(""), now), "active");
        let mut k = key("");
        k.disabled = true;
        assert_eq!(status(&k, now), "disabled");
        let json = serde_json::to_string(&key("")).expect("json");
        let past = json.replace(
            "\"expires_at\":null",
            "\"expires_at\":\"2026-02-01T00:00:00Z\"",
        );
        let k: ApiKey = serde_json::from_str(&past).expect("a key");
        assert_eq!(status(&k, now), "expired");
        assert_eq!(status(&k, ""), "active", "no clock, no expiry");
    }

    #[test]
    fn spend_is_the_window_when_a_limit_has_one() {
        let mut k = key("");
        assert_eq!(window_spend(&k), 3.5);
        k.limit = Some(10.0);
        k.limit_remaining = Some(7.5);
        assert_eq!(window_spend(&k), 2.5);
        k.limit_remaining = Some(12.0);
        assert_eq!(window_spend(&k), 0.0);
    }

    #[test]
    fn slugs_are_lower_case_single_hyphens_and_short() {
        assert_eq!(slugify("Data Labeling!"), "data-labeling");
        assert_eq!(slugify("  --Prod  2 "), "prod-2");
        assert_eq!(slugify(&"a".repeat(60)).len(), 50);
        assert_eq!(slugify(&format!("{} b", "a".repeat(49))), "a".repeat(49));
    }
}
