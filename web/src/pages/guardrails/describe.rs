//! A guardrail's restrictions in words, the same on the Guardrails tab, a key's page and the
//! keys table: what is allowed (models, providers, data regions), the spend limit and zero data
//! retention.

use crate::format::usd;
use leptos::prelude::*;
use openrouter_admin::models::{DataRegion, Guardrail, LimitReset};

/// The providers whose zero-data-retention switch the API has, in the order the form shows them:
/// (wire suffix, name).
pub const ZDR_PROVIDERS: [(&str, &str); 5] = [
    ("anthropic", "Anthropic"),
    ("openai", "OpenAI"),
    ("google", "Google"),
    ("xai", "xAI"),
    ("other", "Other providers"),
];

/// A list, or `any` when there is none (`null` on the wire: no restriction).
pub fn list_or_any(list: Option<&[String]>) -> String {
    match list {
        Some(l) if !l.is_empty() => l.join(", "),
        _ => "any".into(),
    }
}

/// Data regions, or `any`.
pub fn regions(list: Option<&[DataRegion]>) -> String {
    match list {
        Some(l) if !l.is_empty() => l
            .iter()
            .map(DataRegion::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        _ => "any".into(),
    }
}

/// A spend limit and how often it resets: "$100.00 per month", or "no limit".
pub fn spend(limit: Option<f64>, reset: Option<&LimitReset>) -> String {
    match (limit, reset) {
        (Some(l), Some(r)) => format!("{} per {}", usd(l), period(r)),
        (Some(l), None) => usd(l),
        (None, _) => "no limit".into(),
    }
}

/// "day", "week", "month" for a reset interval.
fn period(r: &LimitReset) -> &str {
    match r {
        LimitReset::Daily => "day",
        LimitReset::Weekly => "week",
        LimitReset::Monthly => "month",
        other => other.as_str(),
    }
}

/// Each ZDR switch of `g`, in [`ZDR_PROVIDERS`]' order. A per-provider value left `null` falls
/// back to the deprecated `enforce_zdr`, as the API says.
pub fn zdr_switches(g: &Guardrail) -> [bool; 5] {
    let fallback = g.enforce_zdr.unwrap_or(false);
    [
        g.enforce_zdr_anthropic,
        g.enforce_zdr_openai,
        g.enforce_zdr_google,
        g.enforce_zdr_xai,
        g.enforce_zdr_other,
    ]
    .map(|v| v.unwrap_or(fallback))
}

/// Zero data retention in words: "required for every provider", "required for Anthropic,
/// OpenAI", or "not required".
pub fn zdr_text(on: [bool; 5]) -> String {
    if on.iter().all(|v| *v) {
        return "required for every provider".into();
    }
    let names: Vec<&str> = ZDR_PROVIDERS
        .iter()
        .zip(on)
        .filter(|(_, v)| *v)
        .map(|((_, name), _)| *name)
        .collect();
    if names.is_empty() {
        "not required".into()
    } else {
        format!("required for {}", names.join(", "))
    }
}

/// The rows that say what a guardrail restricts: (term, value).
pub fn rows(g: &Guardrail) -> Vec<(&'static str, String)> {
    vec![
        ("Models", list_or_any(g.allowed_models.as_deref())),
        ("Providers", list_or_any(g.allowed_providers.as_deref())),
        ("Data regions", regions(g.allowed_data_regions.as_deref())),
        ("Spend limit", spend(g.limit_usd, g.reset_interval.as_ref())),
        ("Zero data retention", zdr_text(zdr_switches(g))),
    ]
}

/// A description list of `rows`, each value with an id made of `prefix` and the term.
pub fn restriction_list(prefix: &str, rows: Vec<(&'static str, String)>) -> impl IntoView {
    rows.into_iter()
        .map(|(term, value)| {
            let id = format!("{prefix}-{}", crate::domain::slugify(term));
            view! { <dt>{term}</dt><dd id=id>{value}</dd> }
        })
        .collect_view()
}
