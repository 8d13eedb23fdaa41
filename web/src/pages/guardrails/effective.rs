//! What a key can do, in words: the core's intersection of its own guardrail with its
//! workspace's default guardrail ([`openrouter_admin::restrictions::effective`]), and the key's
//! own limit beside it.

use crate::pages::guardrails::describe::{list_or_any, regions, spend, zdr_text};
use openrouter_admin::models::{ApiKey, Guardrail};
use openrouter_admin::restrictions::{effective, Zdr};

/// A list two guardrails narrowed down: "any", the items, or none left in common.
fn narrowed(list: Option<&[String]>) -> String {
    match list {
        Some([]) => "none: the two guardrails allow nothing in common".into(),
        other => list_or_any(other),
    }
}

/// The rows of "What this key can do" for key `k`, its workspace's default guardrail (`None`
/// while it is not set up) and its own guardrail: (term, value).
pub fn effective_rows(
    k: &ApiKey,
    default: Option<&Guardrail>,
    own: Option<&Guardrail>,
) -> Vec<(&'static str, String)> {
    let r = effective(own, default);
    let from = |id: &openrouter_admin::models::GuardrailId| {
        [own, default]
            .into_iter()
            .flatten()
            .find(|g| g.id == *id)
            .map(|g| format!(" (from “{}”)", g.name))
            .unwrap_or_default()
    };
    let limit = match &r.spend_limit {
        Some(l) => format!(
            "{}{}",
            spend(Some(l.limit_usd), l.reset_interval.as_ref()),
            from(&l.guardrail)
        ),
        None => "no limit from a guardrail".into(),
    };
    let Zdr {
        anthropic,
        openai,
        google,
        xai,
        other,
        ..
    } = r.zdr;
    let regions_text = match r.allowed_data_regions.as_deref() {
        Some([]) => "none: the two guardrails allow no region in common".into(),
        other => regions(other),
    };
    let mut rows = vec![
        ("Models", narrowed(r.allowed_models.as_deref())),
        ("Providers", narrowed(r.allowed_providers.as_deref())),
        ("Data regions", regions_text),
        ("Spend limit", limit),
        ("Key limit", spend(k.limit, k.limit_reset.as_ref())),
        (
            "Zero data retention",
            zdr_text([anthropic, openai, google, xai, other]),
        ),
    ];
    if !r.ignored_models.is_empty() {
        rows.push(("Models never used", r.ignored_models.join(", ")));
    }
    if !r.ignored_providers.is_empty() {
        rows.push(("Providers never used", r.ignored_providers.join(", ")));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guardrail(id: &str, extra: serde_json::Value) -> Guardrail {
        let mut g = serde_json::json!({
            "id": id, "name": id, "include_byok_in_budgets": false,
            "created_at": "2026-01-01T00:00:00Z",
        });
        if let (Some(g), Some(extra)) = (g.as_object_mut(), extra.as_object()) {
            g.extend(extra.clone());
        }
        serde_json::from_value(g).expect("a guardrail")
    }

    fn key(limit: Option<f64>) -> ApiKey {
        serde_json::from_value(serde_json::json!({
            "name": "k", "label": "sk-or-v1-abc...", "hash": "h1", "disabled": false,
            "limit": limit, "limit_remaining": limit, "limit_reset": null,
            "include_byok_in_limit": false, "usage": 0, "usage_daily": 0, "usage_weekly": 0,
            "usage_monthly": 0, "byok_usage": 0, "byok_usage_daily": 0, "byok_usage_weekly": 0,
            "byok_usage_monthly": 0, "created_at": "2026-01-01T00:00:00Z", "updated_at": null,
            "expires_at": null, "workspace_id": "w1", "external_user": null
        }))
        .expect("a key")
    }

    fn value<'a>(rows: &'a [(&'static str, String)], term: &str) -> &'a str {
        rows.iter()
            .find(|(t, _)| *t == term)
            .map(|(_, v)| v.as_str())
            .unwrap_or("missing")
    }

    #[test]
    fn the_key_can_do_what_both_guardrails_allow() {
        let default = guardrail(
            "Workspace",
            serde_json::json!({"allowed_models": ["a/1", "a/2"], "limit_usd": 50, "reset_interval": "monthly"}),
        );
        let own = guardrail(
            "Own",
            serde_json::json!({"allowed_models": ["a/2", "b/1"], "limit_usd": 20, "reset_interval": "daily",
                "enforce_zdr_openai": true, "allowed_data_regions": ["europe"]}),
        );
        let rows = effective_rows(&key(Some(5.0)), Some(&default), Some(&own));
        assert_eq!(value(&rows, "Models"), "a/2");
        assert_eq!(value(&rows, "Providers"), "any");
        assert_eq!(value(&rows, "Data regions"), "europe");
        assert_eq!(value(&rows, "Spend limit"), "$20.00 per day (from “Own”)");
        assert_eq!(value(&rows, "Key limit"), "$5.00");
        assert_eq!(value(&rows, "Zero data retention"), "required for OpenAI");
    }

    #[test]
    fn without_guardrails_anything_goes_and_nothing_in_common_is_said_so() {
        let rows = effective_rows(&key(None), None, None);
        assert_eq!(value(&rows, "Models"), "any");
        assert_eq!(value(&rows, "Spend limit"), "no limit from a guardrail");
        assert_eq!(value(&rows, "Key limit"), "no limit");
        assert_eq!(value(&rows, "Zero data retention"), "not required");
        let a = guardrail("A", serde_json::json!({"allowed_providers": ["openai"]}));
        let b = guardrail(
            "B",
            serde_json::json!({"allowed_providers": ["anthropic"], "enforce_zdr": true}),
        );
        let rows = effective_rows(&key(None), Some(&a), Some(&b));
        assert!(value(&rows, "Providers").starts_with("none"));
        assert_eq!(
            value(&rows, "Zero data retention"),
            "required for every provider"
        );
    }
}
