//! The API's types, exactly as the OpenAPI extract describes them.
//!
//! Required-but-nullable fields are `Option`; unknown fields are ignored; enums the API may
//! grow keep unknown values in an `Other(String)` arm; identifiers are newtypes.

pub use crate::areas::{
    analytics::models::*, analytics::query::*, budgets::models::*, byok::models::*,
    feedback::models::*, guardrails::models::*, keys::models::*, members::models::*,
    observability::models::*, organization::models::*, scim::models::*, usage::models::*,
    workspaces::models::*,
};
pub use crate::shapes::*;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patch_is_three_state() {
        let u = UpdateKey {
            name: Patch::Value("n".into()),
            limit: Patch::Null,
            ..UpdateKey::default()
        };
        assert_eq!(
            serde_json::to_value(&u).expect("ser"),
            json!({"name": "n", "limit": null})
        );
        let back: UpdateKey =
            serde_json::from_value(json!({"name": "n", "limit": null})).expect("de");
        assert_eq!(back, u, "absent = Unset, null = Null, value = Value");
        assert!(back.disabled.is_unset());
    }

    #[test]
    fn open_enums_keep_unknown_values() {
        let s: ProviderSort = serde_json::from_value(json!("exacto")).expect("known");
        assert_eq!(s, ProviderSort::Exacto);
        let s: ProviderSort = serde_json::from_value(json!("carbon")).expect("unknown");
        assert_eq!(s, ProviderSort::Other("carbon".into()));
        assert_eq!(serde_json::to_value(&s).expect("ser"), json!("carbon"));
        let r: OrgRole = serde_json::from_value(json!("org:admin")).expect("role");
        assert_eq!(r, OrgRole::Admin);
    }

    #[test]
    fn todays_fields_decode_and_old_answers_still_do() {
        let me: CurrentKey = serde_json::from_value(json!({
            "label": "sk-or-v1-abc...1234", "limit": null, "usage": 0, "usage_daily": 0,
            "usage_weekly": 0, "usage_monthly": 0, "byok_usage": 0, "byok_usage_daily": 0,
            "byok_usage_weekly": 0, "byok_usage_monthly": 0, "is_free_tier": false,
            "is_management_key": true, "limit_remaining": null, "limit_reset": null,
            "include_byok_in_limit": false, "creator_user_id": null,
            "organization_id": "org_1", "workspace_id": null,
            "allowed_data_regions": ["global", "mars"],
            "free_model_daily_requests": {"limit": 1000, "remaining": 990, "used": 10}
        }))
        .expect("today's GET /key");
        assert_eq!(me.organization_id.as_deref(), Some("org_1"));
        assert_eq!(me.workspace_id, None);
        assert_eq!(
            me.allowed_data_regions,
            vec![DataRegion::Global, DataRegion::Other("mars".into())]
        );
        assert_eq!(me.free_model_daily_requests.map(|f| f.used), Some(10.0));
        let ws: Workspace = serde_json::from_value(json!({
            "id": "w", "default_guardrail_id": "g", "name": "n", "slug": "s", "description": null,
            "default_text_model": null, "default_image_model": null,
            "default_provider_sort": null, "is_observability_io_logging_enabled": false,
            "is_observability_broadcast_enabled": false, "is_data_discount_logging_enabled": true,
            "io_logging_sampling_rate": 1, "io_logging_api_key_ids": null,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": null, "created_by": null,
            "disabled_server_tools": ["openrouter:bash", "vendor:tool-of-tomorrow"]
        }))
        .expect("a tool this version does not know is kept");
        assert_eq!(
            ws.disabled_server_tools,
            Some(vec![
                "openrouter:bash".into(),
                "vendor:tool-of-tomorrow".into()
            ])
        );
        assert!(SERVER_TOOLS.contains(&"openrouter:web_search"));
    }

    #[test]
    fn ids_are_transparent() {
        let h: KeyHash = serde_json::from_value(json!("abc")).expect("id");
        assert_eq!(h.as_str(), "abc");
        assert_eq!(serde_json::to_value(&h).expect("ser"), json!("abc"));
        assert_eq!(format!("{h:?}"), "KeyHash(\"abc\")");
    }

    #[test]
    fn budget_interval_from_reset() {
        assert_eq!(Interval::from_reset(None), Some(Interval::Lifetime));
        assert_eq!(
            Interval::from_reset(Some(&LimitReset::Weekly)),
            Some(Interval::Weekly)
        );
        assert_eq!(
            Interval::from_reset(Some(&LimitReset::parse("hourly"))),
            None
        );
    }
}
