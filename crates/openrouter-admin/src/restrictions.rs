//! What a key may do: the restrictions of its own guardrail and of its workspace's default
//! guardrail, together. The API applies both (the workspace default first) and a request must
//! pass each, so together they are the intersection: allowed lists intersected where both
//! say something (`None` allows anything), ignored lists joined, the lower spend limit, zero
//! data retention wherever either asks for it.
//!
//! ```
//! use openrouter_admin::models::Guardrail;
//! use openrouter_admin::restrictions::effective;
//! let g = |json: &str| serde_json::from_str::<Guardrail>(json).unwrap();
//! let default = g(r#"{"id":"d","name":"Default","include_byok_in_budgets":false,"created_at":"2026-01-01T00:00:00Z",
//!     "allowed_providers":["openai","anthropic"],"limit_usd":100,"reset_interval":"monthly"}"#);
//! let own = g(r#"{"id":"k","name":"One model","include_byok_in_budgets":false,"created_at":"2026-01-01T00:00:00Z",
//!     "allowed_providers":["anthropic","google"],"allowed_models":["anthropic/claude-sonnet-4"],"limit_usd":20,"reset_interval":"weekly"}"#);
//! let r = effective(Some(&own), Some(&default));
//! assert_eq!(r.allowed_providers, Some(vec!["anthropic".to_string()]));
//! assert_eq!(r.allowed_models, Some(vec!["anthropic/claude-sonnet-4".to_string()]));
//! assert_eq!(r.spend_limit.map(|l| l.limit_usd), Some(20.0));
//! ```

use crate::areas::guardrails::models::{BuiltinFilterEntry, ContentFilter, Guardrail};
use crate::shapes::{DataRegion, GuardrailId, LimitReset};

/// A spending limit and the guardrail it comes from.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SpendLimit {
    /// USD per window.
    pub limit_usd: f64,
    /// The window (`None`: never resets).
    pub reset_interval: Option<LimitReset>,
    /// Which guardrail sets it.
    pub guardrail: GuardrailId,
}

/// Zero data retention, per provider family: `true` where a request must go to a provider
/// endpoint that retains nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Zdr {
    /// Anthropic models.
    pub anthropic: bool,
    /// Google models.
    pub google: bool,
    /// OpenAI models.
    pub openai: bool,
    /// xAI models.
    pub xai: bool,
    /// Every other provider's models.
    pub other: bool,
}

impl Zdr {
    /// A guardrail's own: each per-provider field, falling back to the deprecated
    /// `enforce_zdr` where it is not set (as the API reads them).
    pub fn of(g: &Guardrail) -> Zdr {
        let all = g.enforce_zdr.unwrap_or(false);
        let each = |v: Option<bool>| v.unwrap_or(all);
        Zdr {
            anthropic: each(g.enforce_zdr_anthropic),
            google: each(g.enforce_zdr_google),
            openai: each(g.enforce_zdr_openai),
            xai: each(g.enforce_zdr_xai),
            other: each(g.enforce_zdr_other),
        }
    }

    /// Both at once: retention is refused wherever either refuses it.
    fn or(self, o: Zdr) -> Zdr {
        Zdr {
            anthropic: self.anthropic || o.anthropic,
            google: self.google || o.google,
            openai: self.openai || o.openai,
            xai: self.xai || o.xai,
            other: self.other || o.other,
        }
    }

    /// Whether any provider family is held to zero data retention.
    pub fn any(&self) -> bool {
        self.anthropic || self.google || self.openai || self.xai || self.other
    }
}

/// What a key may do, its guardrails together ([`effective`]).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Restrictions {
    /// The guardrails that apply, the workspace default first.
    pub guardrails: Vec<GuardrailId>,
    /// Models allowed (exact slugs, in the key's guardrail's order); `None` = any; an empty
    /// list = none at all (the two guardrails allow no model in common).
    pub allowed_models: Option<Vec<String>>,
    /// Providers allowed, as `allowed_models`.
    pub allowed_providers: Option<Vec<String>>,
    /// Regions requests may be served in, as `allowed_models`.
    pub allowed_data_regions: Option<Vec<DataRegion>>,
    /// Models never used (either guardrail's).
    pub ignored_models: Vec<String>,
    /// Providers never used (either guardrail's).
    pub ignored_providers: Vec<String>,
    /// The lower of the limits (`None`: neither sets one). Each guardrail's limit counts in
    /// its own window; the lower amount is the one a key meets first within a window.
    pub spend_limit: Option<SpendLimit>,
    /// Zero data retention wherever either guardrail asks for it.
    pub zdr: Zdr,
    /// Built-in content filters of both (the default's first).
    pub content_filter_builtins: Vec<BuiltinFilterEntry>,
    /// Custom content filters of both (the default's first).
    pub content_filters: Vec<ContentFilter>,
}

/// Both lists' restriction: `None` allows anything, so the other list stands alone; two lists
/// keep what both name, in `first`'s order, once each.
fn intersect<T: PartialEq + Clone>(
    first: Option<&Vec<T>>,
    second: Option<&Vec<T>>,
) -> Option<Vec<T>> {
    match (first, second) {
        (None, None) => None,
        (Some(one), None) | (None, Some(one)) => Some(once_each(one.iter())),
        (Some(a), Some(b)) => Some(once_each(a.iter().filter(|x| b.contains(x)))),
    }
}

/// Both lists joined, once each.
fn join<'a, T: PartialEq + Clone + 'a>(lists: impl Iterator<Item = &'a Option<Vec<T>>>) -> Vec<T> {
    once_each(lists.flatten().flatten())
}

fn once_each<'a, T: PartialEq + Clone + 'a>(items: impl Iterator<Item = &'a T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in items {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// The restrictions on a key: its own guardrail (`key`, if it holds one) and its workspace's
/// default guardrail (`workspace_default`, if it has been written: `GET /guardrails/{id}` of
/// the workspace's `default_guardrail_id` answers 404 until then). With neither, a key may
/// do anything its own limit allows ([`Restrictions::default`]).
pub fn effective(key: Option<&Guardrail>, workspace_default: Option<&Guardrail>) -> Restrictions {
    let both: Vec<&Guardrail> = workspace_default.into_iter().chain(key).collect();
    let spend_limit = both
        .iter()
        .filter_map(|g| {
            g.limit_usd.map(|limit_usd| SpendLimit {
                limit_usd,
                reset_interval: g.reset_interval.clone(),
                guardrail: g.id.clone(),
            })
        })
        // `<=`: of two equal limits the key's own (the later one) is named.
        .fold(None, |low: Option<SpendLimit>, l| match low {
            Some(low) if low.limit_usd < l.limit_usd => Some(low),
            _ => Some(l),
        });
    Restrictions {
        guardrails: both.iter().map(|g| g.id.clone()).collect(),
        allowed_models: intersect(
            key.and_then(|g| g.allowed_models.as_ref()),
            workspace_default.and_then(|g| g.allowed_models.as_ref()),
        ),
        allowed_providers: intersect(
            key.and_then(|g| g.allowed_providers.as_ref()),
            workspace_default.and_then(|g| g.allowed_providers.as_ref()),
        ),
        allowed_data_regions: intersect(
            key.and_then(|g| g.allowed_data_regions.as_ref()),
            workspace_default.and_then(|g| g.allowed_data_regions.as_ref()),
        ),
        ignored_models: join(both.iter().map(|g| &g.ignored_models)),
        ignored_providers: join(both.iter().map(|g| &g.ignored_providers)),
        spend_limit,
        zdr: both.iter().fold(Zdr::default(), |z, g| z.or(Zdr::of(g))),
        content_filter_builtins: join(both.iter().map(|g| &g.content_filter_builtins)),
        content_filters: join(both.iter().map(|g| &g.content_filters)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A small deterministic generator (xorshift): the crate has no property-testing
    /// dependency, and a fixed seed makes a failure reproducible.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        /// `None`, or a list of up to 4 of `pool` (repeats possible, as an API might send).
        fn list(&mut self, pool: &[&str]) -> serde_json::Value {
            if self.below(3) == 0 {
                return json!(null);
            }
            let n = self.below(5);
            let items: Vec<&str> = (0..n)
                .map(|_| pool[self.below(pool.len() as u64) as usize])
                .collect();
            json!(items)
        }
        fn flag(&mut self) -> serde_json::Value {
            match self.below(3) {
                0 => json!(null),
                1 => json!(false),
                _ => json!(true),
            }
        }
        fn guardrail(&mut self, id: &str) -> Guardrail {
            let limit = match self.below(3) {
                0 => json!(null),
                _ => json!(self.below(200) as f64 / 4.0),
            };
            serde_json::from_value(json!({
                "id": id, "name": id, "include_byok_in_budgets": false,
                "created_at": "2026-01-01T00:00:00Z",
                "allowed_models": self.list(&["a/1", "a/2", "b/1", "c/1"]),
                "allowed_providers": self.list(&["openai", "anthropic", "google"]),
                "allowed_data_regions": self.list(&["global", "europe", "us"]),
                "ignored_models": self.list(&["a/1", "b/1"]),
                "limit_usd": limit, "reset_interval": "monthly",
                "enforce_zdr": self.flag(), "enforce_zdr_openai": self.flag(),
                "enforce_zdr_other": self.flag(),
            }))
            .expect("a guardrail")
        }
    }

    fn sorted<T: Clone + Ord>(v: &Option<Vec<T>>) -> Option<Vec<T>> {
        v.clone().map(|mut v| {
            v.sort();
            v
        })
    }

    /// For every field: what each guardrail says must hold of the effective restriction.
    fn check_allowed<T: PartialEq + Clone + std::fmt::Debug>(
        effective: &Option<Vec<T>>,
        key: &Option<Vec<T>>,
        default: &Option<Vec<T>>,
        pool: &[T],
    ) {
        for x in pool {
            let allows = |l: &Option<Vec<T>>| l.as_ref().is_none_or(|l| l.contains(x));
            assert_eq!(
                allows(effective),
                allows(key) && allows(default),
                "{x:?}: allowed exactly when both allow it ({key:?} and {default:?} gave {effective:?})"
            );
        }
        assert_eq!(
            effective.is_none(),
            key.is_none() && default.is_none(),
            "no restriction only when neither restricts"
        );
        if let Some(e) = effective {
            assert_eq!(once_each(e.iter()).len(), e.len(), "once each: {e:?}");
        }
    }

    #[test]
    fn the_effective_restrictions_are_what_both_guardrails_allow() {
        let mut gen = Gen(0x9e37_79b9_7f4a_7c15);
        let models: Vec<String> = ["a/1", "a/2", "b/1", "c/1", "z/9"].map(String::from).into();
        let providers: Vec<String> = ["openai", "anthropic", "google", "xai"]
            .map(String::from)
            .into();
        let regions = [DataRegion::Global, DataRegion::Europe, DataRegion::Us];
        for _ in 0..2000 {
            let key = gen.guardrail("key");
            let default = gen.guardrail("default");
            let (k, d) = (Some(&key), Some(&default));
            let r = effective(k, d);
            check_allowed(
                &r.allowed_models,
                &key.allowed_models,
                &default.allowed_models,
                &models,
            );
            check_allowed(
                &r.allowed_providers,
                &key.allowed_providers,
                &default.allowed_providers,
                &providers,
            );
            check_allowed(
                &r.allowed_data_regions,
                &key.allowed_data_regions,
                &default.allowed_data_regions,
                &regions,
            );
            // The order of the two does not change what is allowed.
            let swapped = effective(d, k);
            assert_eq!(sorted(&swapped.allowed_models), sorted(&r.allowed_models));
            assert_eq!(swapped.zdr, r.zdr);
            // The lower limit, from the guardrail that set it.
            let limits: Vec<f64> = [&key, &default]
                .iter()
                .filter_map(|g| g.limit_usd)
                .collect();
            let low = limits.iter().copied().reduce(f64::min);
            assert_eq!(r.spend_limit.as_ref().map(|l| l.limit_usd), low);
            if let Some(l) = &r.spend_limit {
                let from = if l.guardrail == key.id {
                    &key
                } else {
                    &default
                };
                assert_eq!(from.limit_usd, Some(l.limit_usd));
            }
            // Zero data retention wherever either asks for it.
            let (zk, zd) = (Zdr::of(&key), Zdr::of(&default));
            assert_eq!(r.zdr.openai, zk.openai || zd.openai);
            assert_eq!(r.zdr.other, zk.other || zd.other);
            assert_eq!(r.zdr.anthropic, zk.anthropic || zd.anthropic);
            // Ignored by either is ignored.
            for m in &models {
                let ignores =
                    |g: &Guardrail| g.ignored_models.as_ref().is_some_and(|l| l.contains(m));
                assert_eq!(
                    r.ignored_models.contains(m),
                    ignores(&key) || ignores(&default)
                );
            }
            assert_eq!(r.guardrails, vec![default.id.clone(), key.id.clone()]);
            // One guardrail alone is its own restrictions.
            let alone = effective(k, None);
            assert_eq!(
                sorted(&alone.allowed_models),
                sorted(&key.allowed_models.as_ref().map(|l| once_each(l.iter())))
            );
            assert_eq!(alone.zdr, zk);
            assert_eq!(effective(None, d).guardrails, vec![default.id.clone()]);
        }
    }

    #[test]
    fn no_guardrail_restricts_nothing() {
        let r = effective(None, None);
        assert_eq!(r, Restrictions::default());
        assert!(r.allowed_models.is_none() && r.spend_limit.is_none() && !r.zdr.any());
    }

    #[test]
    fn lists_with_nothing_in_common_allow_nothing() {
        let g = |id: &str, models: &[&str]| -> Guardrail {
            serde_json::from_value(json!({
                "id": id, "name": id, "include_byok_in_budgets": false,
                "created_at": "2026-01-01T00:00:00Z", "allowed_models": models,
                "enforce_zdr": true, "enforce_zdr_openai": false,
            }))
            .expect("a guardrail")
        };
        let r = effective(Some(&g("k", &["a/1"])), Some(&g("d", &["b/1"])));
        assert_eq!(
            r.allowed_models,
            Some(vec![]),
            "an empty list: no model at all"
        );
        // The deprecated flag stands in for the per-provider fields left unset only.
        let z = Zdr::of(&g("k", &[]));
        assert!(z.anthropic && z.google && z.xai && z.other && !z.openai);
    }
}
