//! A guardrail's fields as the form holds them (text while typing), and the create and update
//! bodies made from them: every field the API has (restrictions, spend, zero data retention,
//! content filters, the training and publication flags); an update sends only what changed.

use crate::components::conflict::{Slot, Slotted};
use crate::components::field::{tri_parse, tri_value};
use crate::pages::guardrails::describe::{zdr_switches, ZDR_PROVIDERS};
use leptos::prelude::*;
use openrouter_admin::error::FieldError;
use openrouter_admin::models::{
    BuiltinFilter, ContentFilter, ContentFilterAction, ContentFilterSlug, CreateGuardrail,
    Guardrail, LimitReset, Patch, ScanScope, UpdateGuardrail,
};
use openrouter_admin::validate::Validate;

/// The built-in content filters the form offers, in its order: (wire slug, label). A filter
/// newer than this page, set on a guardrail, is kept as it is.
pub const BUILTINS: [(&str, &str); 9] = [
    ("email", "Email addresses"),
    ("phone", "Phone numbers"),
    ("ssn", "US social security numbers"),
    ("credit-card", "Card numbers"),
    ("ip-address", "IP addresses"),
    ("person-name", "People's names"),
    ("address", "Postal addresses"),
    ("secrets", "Credentials and API keys"),
    ("regex-prompt-injection", "Prompt injection (pattern based)"),
];

/// What a filter may do, as the custom-filter lines spell it.
const ACTIONS: [&str; 3] = ["redact", "block", "flag"];

/// A guardrail's editable fields, as the form holds them.
#[derive(Clone, Copy)]
pub struct GrForm {
    pub(super) name: RwSignal<String>,
    pub(super) description: RwSignal<String>,
    pub(super) limit: RwSignal<String>,
    pub(super) reset: RwSignal<String>,
    pub(super) byok: RwSignal<bool>,
    pub(super) models: RwSignal<String>,
    pub(super) providers: RwSignal<String>,
    pub(super) ignored_models: RwSignal<String>,
    pub(super) ignored_providers: RwSignal<String>,
    /// The regions checked, wire values.
    pub(super) regions: RwSignal<Vec<String>>,
    /// One switch per `ZDR_PROVIDERS` entry.
    pub(super) zdr: RwSignal<[bool; 5]>,
    /// Each built-in filter's action ("" off), by slug: every [`BUILTINS`] entry, then any other
    /// slug the guardrail carries.
    pub(super) builtins: RwSignal<Vec<(String, String)>>,
    /// The prompt injection detector's scope ("" the API's default).
    pub(super) scan_scope: RwSignal<String>,
    /// Custom filters, one a line: `action pattern`.
    pub(super) custom: RwSignal<String>,
    /// The three flags, as tri-state selects hold them ("", "yes", "no").
    pub(super) free_publication: RwSignal<String>,
    pub(super) free_training: RwSignal<String>,
    pub(super) paid_training: RwSignal<String>,
}

/// A list typed one item a line or separated by commas; empty means "no restriction".
fn items(raw: &str) -> Option<Vec<String>> {
    let list: Vec<String> = raw
        .split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    (!list.is_empty()).then_some(list)
}

fn text(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// What an update sends for a field now `now` that was `was`: nothing when equal, `null` when
/// cleared.
fn set<T: PartialEq>(now: Option<T>, was: Option<T>) -> Patch<T> {
    match (now, was) {
        (a, b) if a == b => Patch::Unset,
        (Some(v), _) => Patch::Value(v),
        (None, _) => Patch::Null,
    }
}

/// A guardrail's built-in filters as a create or update sends them.
fn sent_builtins(g: &Guardrail) -> Option<Vec<BuiltinFilter>> {
    g.content_filter_builtins.as_ref().map(|list| {
        list.iter()
            .map(|e| {
                let mut f = BuiltinFilter::new(e.slug.clone(), e.action.clone());
                f.scan_scope = e.scan_scope.clone();
                f
            })
            .collect()
    })
}

impl GrForm {
    /// A form holding `g`'s values, or empty.
    pub fn new(g: Option<&Guardrail>) -> GrForm {
        let joined = |l: Option<&Vec<String>>| l.map(|l| l.join("\n")).unwrap_or_default();
        let entries = g
            .and_then(|g| g.content_filter_builtins.clone())
            .unwrap_or_default();
        let mut builtins: Vec<(String, String)> = BUILTINS
            .iter()
            .map(|(slug, _)| (slug.to_string(), String::new()))
            .collect();
        for e in &entries {
            let action = e.action.as_str().to_string();
            match builtins.iter_mut().find(|(s, _)| s == e.slug.as_str()) {
                Some(slot) => slot.1 = action,
                None => builtins.push((e.slug.as_str().to_string(), action)),
            }
        }
        let scope = entries
            .iter()
            .find(|e| e.slug == ContentFilterSlug::RegexPromptInjection)
            .and_then(|e| e.scan_scope.as_ref())
            .map(|s| s.as_str().to_string())
            .unwrap_or_default();
        let custom = g
            .and_then(|g| g.content_filters.as_ref())
            .map(|l| {
                l.iter()
                    .map(|f| format!("{} {}", f.action.as_str(), f.pattern))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        let flag = |f: fn(&Guardrail) -> Option<bool>| tri_value(g.and_then(f)).to_string();
        GrForm {
            name: RwSignal::new(g.map(|g| g.name.clone()).unwrap_or_default()),
            description: RwSignal::new(g.and_then(|g| g.description.clone()).unwrap_or_default()),
            limit: RwSignal::new(
                g.and_then(|g| g.limit_usd)
                    .map(crate::decimal::plain)
                    .unwrap_or_default(),
            ),
            reset: RwSignal::new(
                g.and_then(|g| g.reset_interval.as_ref())
                    .map(|r| r.as_str().to_string())
                    .unwrap_or_default(),
            ),
            byok: RwSignal::new(g.is_some_and(|g| g.include_byok_in_budgets)),
            models: RwSignal::new(joined(g.and_then(|g| g.allowed_models.as_ref()))),
            providers: RwSignal::new(joined(g.and_then(|g| g.allowed_providers.as_ref()))),
            ignored_models: RwSignal::new(joined(g.and_then(|g| g.ignored_models.as_ref()))),
            ignored_providers: RwSignal::new(joined(g.and_then(|g| g.ignored_providers.as_ref()))),
            regions: RwSignal::new(
                g.and_then(|g| g.allowed_data_regions.as_ref())
                    .map(|r| r.iter().map(|r| r.as_str().to_string()).collect())
                    .unwrap_or_default(),
            ),
            zdr: RwSignal::new(g.map(zdr_switches).unwrap_or_default()),
            builtins: RwSignal::new(builtins),
            scan_scope: RwSignal::new(scope),
            custom: RwSignal::new(custom),
            free_publication: RwSignal::new(flag(|g| g.enable_free_model_publication)),
            free_training: RwSignal::new(flag(|g| g.enable_free_model_training)),
            paid_training: RwSignal::new(flag(|g| g.enable_paid_model_training)),
        }
    }

    /// Every error of what the form would send: the form's own (a limit or a filter line it
    /// cannot read), then the core's rules of `body`.
    pub fn errors(&self, body: &impl Validate) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.limit_value().is_err() {
            out.push(FieldError::new(
                "limit_usd",
                "number",
                "The spend limit must be a number of dollars",
            ));
        }
        if let Err(line) = self.custom_value(None) {
            out.push(FieldError::new(
                "content_filters",
                "format",
                format!("Line {line}: write the action (redact, block or flag), a space, then the pattern"),
            ));
        }
        out.extend(body.field_errors());
        out
    }

    fn limit_value(&self) -> Result<Option<f64>, ()> {
        let raw = self.limit.get();
        if raw.trim().is_empty() {
            return Ok(None);
        }
        crate::decimal::parse(raw.trim()).map(Some).map_err(|_| ())
    }

    fn reset_value(&self) -> Option<LimitReset> {
        let r = self.reset.get();
        (!r.is_empty()).then(|| LimitReset::parse(&r))
    }

    fn regions_value(&self) -> Option<Vec<String>> {
        let r = self.regions.get();
        // None checked means any region: `null`, since the API refuses an empty list.
        (!r.is_empty()).then_some(r)
    }

    /// The built-in filters switched on, in the form's order (none: `null`).
    fn builtins_value(&self) -> Option<Vec<BuiltinFilter>> {
        let scope = self.scan_scope.get();
        let list: Vec<BuiltinFilter> = self
            .builtins
            .get()
            .into_iter()
            .filter(|(_, action)| !action.is_empty())
            .map(|(slug, action)| {
                let slug = ContentFilterSlug::parse(&slug);
                let mut f = BuiltinFilter::new(slug.clone(), ContentFilterAction::parse(&action));
                if slug == ContentFilterSlug::RegexPromptInjection && !scope.is_empty() {
                    f.scan_scope = Some(ScanScope::parse(&scope));
                }
                f
            })
            .collect();
        (!list.is_empty()).then_some(list)
    }

    /// The custom filters of the lines (none: `null`), each keeping the label `orig` gave the
    /// same action and pattern; or the number of the first line it cannot read.
    fn custom_value(&self, orig: Option<&Guardrail>) -> Result<Option<Vec<ContentFilter>>, usize> {
        let was = orig
            .and_then(|g| g.content_filters.clone())
            .unwrap_or_default();
        let mut list = Vec::new();
        for (i, line) in self.custom.get().lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (action, pattern) = line.split_once(' ').ok_or(i + 1)?;
            let pattern = pattern.trim();
            if !ACTIONS.contains(&action) || pattern.is_empty() {
                return Err(i + 1);
            }
            let action = ContentFilterAction::parse(action);
            let mut f = ContentFilter::new(pattern, action.clone());
            f.label = was
                .iter()
                .find(|w| w.pattern == pattern && w.action == action)
                .and_then(|w| w.label.clone());
            list.push(f);
        }
        Ok((!list.is_empty()).then_some(list))
    }

    /// The create body, every field the user filled, in the workspace `workspace_id`.
    pub fn to_create(self, workspace_id: &str) -> CreateGuardrail {
        let mut b = CreateGuardrail::new(self.name.get().trim());
        b.workspace_id = Some(workspace_id.into());
        b.description = text(&self.description.get());
        b.limit_usd = self.limit_value().ok().flatten();
        b.reset_interval = self.reset_value();
        b.include_byok_in_budgets = self.byok.get().then_some(true);
        b.allowed_models = items(&self.models.get());
        b.allowed_providers = items(&self.providers.get());
        b.ignored_models = items(&self.ignored_models.get());
        b.ignored_providers = items(&self.ignored_providers.get());
        b.allowed_data_regions = self.regions_value();
        b.content_filter_builtins = self.builtins_value();
        b.content_filters = self.custom_value(None).ok().flatten();
        let [anthropic, openai, google, xai, other] = self.zdr.get();
        b.enforce_zdr_anthropic = Some(anthropic);
        b.enforce_zdr_openai = Some(openai);
        b.enforce_zdr_google = Some(google);
        b.enforce_zdr_xai = Some(xai);
        b.enforce_zdr_other = Some(other);
        b.enable_free_model_publication = tri_parse(&self.free_publication.get());
        b.enable_free_model_training = tri_parse(&self.free_training.get());
        b.enable_paid_model_training = tri_parse(&self.paid_training.get());
        b
    }

    /// The update body: only the fields that differ from `orig` (everything the user set, for
    /// a default guardrail never written). The name is left out when `named` is false: a default
    /// guardrail's name is the API's.
    pub fn to_patch(self, orig: Option<&Guardrail>, named: bool) -> UpdateGuardrail {
        let was = |f: fn(&Guardrail) -> Option<Vec<String>>| orig.and_then(f);
        let mut p = UpdateGuardrail::new();
        let name = self.name.get().trim().to_string();
        if named && orig.map(|o| o.name.as_str()) != Some(name.as_str()) {
            p.name = Patch::Value(name);
        }
        p.description = set(
            text(&self.description.get()),
            orig.and_then(|o| o.description.clone()),
        );
        if let Ok(limit) = self.limit_value() {
            p.limit_usd = set(limit, orig.and_then(|o| o.limit_usd));
        }
        p.reset_interval = set(
            self.reset_value(),
            orig.and_then(|o| o.reset_interval.clone()),
        );
        if self.byok.get() != orig.is_some_and(|o| o.include_byok_in_budgets) {
            p.include_byok_in_budgets = Patch::Value(self.byok.get());
        }
        p.allowed_models = set(items(&self.models.get()), was(|o| o.allowed_models.clone()));
        p.allowed_providers = set(
            items(&self.providers.get()),
            was(|o| o.allowed_providers.clone()),
        );
        p.ignored_models = set(
            items(&self.ignored_models.get()),
            was(|o| o.ignored_models.clone()),
        );
        p.ignored_providers = set(
            items(&self.ignored_providers.get()),
            was(|o| o.ignored_providers.clone()),
        );
        p.allowed_data_regions = set(
            self.regions_value(),
            was(|o| {
                o.allowed_data_regions
                    .as_ref()
                    .map(|r| r.iter().map(|r| r.as_str().to_string()).collect())
            }),
        );
        // The API may answer the filters in its own order: the same set is no change.
        let (now, was_builtins) = (self.builtins_value(), orig.and_then(sent_builtins));
        let same = match (&now, &was_builtins) {
            (Some(a), Some(b)) => a.len() == b.len() && a.iter().all(|f| b.contains(f)),
            (a, b) => a.is_none() && b.is_none(),
        };
        if !same {
            p.content_filter_builtins = set(now, was_builtins);
        }
        if let Ok(custom) = self.custom_value(orig) {
            p.content_filters = set(custom, orig.and_then(|o| o.content_filters.clone()));
        }
        let now = self.zdr.get();
        let zdr_was = orig.map(zdr_switches).unwrap_or_default();
        let fields = [
            &mut p.enforce_zdr_anthropic,
            &mut p.enforce_zdr_openai,
            &mut p.enforce_zdr_google,
            &mut p.enforce_zdr_xai,
            &mut p.enforce_zdr_other,
        ];
        for ((field, now), was) in fields.into_iter().zip(now).zip(zdr_was) {
            if now != was {
                *field = Patch::Value(now);
            }
        }
        let flag = |now: RwSignal<String>, f: fn(&Guardrail) -> Option<bool>| {
            set(tri_parse(&now.get()), orig.and_then(f))
        };
        p.enable_free_model_publication =
            flag(self.free_publication, |o| o.enable_free_model_publication);
        p.enable_free_model_training = flag(self.free_training, |o| o.enable_free_model_training);
        p.enable_paid_model_training = flag(self.paid_training, |o| o.enable_paid_model_training);
        p
    }
}

/// The API's names of the zero data retention switches, in [`ZDR_PROVIDERS`]' order.
const ZDR_FIELDS: [&str; 5] = [
    "enforce_zdr_anthropic",
    "enforce_zdr_openai",
    "enforce_zdr_google",
    "enforce_zdr_xai",
    "enforce_zdr_other",
];

/// What an edit compares with the guardrail as the API has it now: every field of the form.
impl Slotted<Guardrail> for GrForm {
    fn holding(g: &Guardrail) -> GrForm {
        GrForm::new(Some(g))
    }

    fn slots(&self) -> Vec<(&'static str, &'static str, Slot)> {
        let mut out = vec![
            ("name", "The name", Slot::Text(self.name)),
            (
                "description",
                "The description",
                Slot::Text(self.description),
            ),
            ("limit_usd", "The spend limit", Slot::Text(self.limit)),
            (
                "reset_interval",
                "The reset interval",
                Slot::Text(self.reset),
            ),
            (
                "include_byok_in_budgets",
                "Counting BYOK spend",
                Slot::Flag(self.byok),
            ),
            ("allowed_models", "Allowed models", Slot::Text(self.models)),
            (
                "allowed_providers",
                "Allowed providers",
                Slot::Text(self.providers),
            ),
            (
                "ignored_models",
                "Ignored models",
                Slot::Text(self.ignored_models),
            ),
            (
                "ignored_providers",
                "Ignored providers",
                Slot::Text(self.ignored_providers),
            ),
            (
                "allowed_data_regions",
                "Allowed data regions",
                Slot::Set(self.regions),
            ),
        ];
        out.extend(
            ZDR_FIELDS
                .iter()
                .zip(ZDR_PROVIDERS)
                .enumerate()
                .map(|(i, (key, (_, label)))| (*key, label, Slot::Switch(self.zdr, i))),
        );
        out.extend(
            BUILTINS
                .iter()
                .map(|(slug, label)| (*slug, *label, Slot::Entry(self.builtins, slug))),
        );
        out.extend([
            (
                "scan_scope",
                "Prompt injection scope",
                Slot::Text(self.scan_scope),
            ),
            ("content_filters", "Custom filters", Slot::Text(self.custom)),
            (
                "enable_free_model_publication",
                "Free endpoints that publish prompts",
                Slot::Tri(self.free_publication),
            ),
            (
                "enable_free_model_training",
                "Free endpoints that train on requests",
                Slot::Tri(self.free_training),
            ),
            (
                "enable_paid_model_training",
                "Paid endpoints that train on requests",
                Slot::Tri(self.paid_training),
            ),
        ]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guardrail(extra: serde_json::Value) -> Guardrail {
        let mut g = serde_json::json!({
            "id": "g1", "name": "Prod", "include_byok_in_budgets": false,
            "created_at": "2026-01-01T00:00:00Z", "workspace_id": "w1",
            "allowed_models": ["openai/gpt-4o"], "allowed_data_regions": ["europe"],
            "limit_usd": 10, "reset_interval": "weekly",
        });
        if let (Some(g), Some(extra)) = (g.as_object_mut(), extra.as_object()) {
            g.extend(extra.clone());
        }
        serde_json::from_value(g).expect("a guardrail")
    }

    fn json(p: &UpdateGuardrail) -> serde_json::Value {
        serde_json::to_value(p).expect("json")
    }

    #[test]
    fn another_tabs_filter_switch_and_region_are_taken_and_a_clash_is_named() {
        use crate::components::conflict::{compare, Edited};
        let seen = guardrail(serde_json::json!({}));
        // Someone else: a built-in filter, the OpenAI switch and the regions, in another order.
        let now = guardrail(serde_json::json!({
            "content_filter_builtins": [{"slug": "email", "action": "block"}],
            "enforce_zdr_openai": true, "allowed_data_regions": ["us", "europe"],
            "limit_usd": 50,
        }));
        let form = GrForm::new(Some(&seen));
        form.limit.set("30".into());
        let (adopt, clashes) = compare(
            &form.fields_of(&seen),
            &form.fields_of(&now),
            &form.fields(),
        );
        assert_eq!(
            adopt,
            vec!["allowed_data_regions", "enforce_zdr_openai", "email"]
        );
        assert_eq!(clashes.len(), 1);
        assert_eq!(
            clashes[0].sentence(),
            "The spend limit is now “50”, changed elsewhere since you opened it (it was “10”; you are saving “30”)."
        );
        for key in adopt {
            form.adopt(key, &now);
        }
        assert_eq!(form.fields(), {
            let mut f = form.fields_of(&now);
            f[2] = form.fields()[2].clone();
            f
        });
        assert_eq!(
            json(&form.to_patch(Some(&now), true)),
            serde_json::json!({"limit_usd": 30.0}),
            "only the user's own change is sent against what the API has now"
        );
    }

    #[test]
    fn an_untouched_form_sends_nothing_and_each_edit_only_its_field() {
        let g = guardrail(serde_json::json!({}));
        let form = GrForm::new(Some(&g));
        assert_eq!(json(&form.to_patch(Some(&g), true)), serde_json::json!({}));
        form.models
            .set("openai/gpt-4o, anthropic/claude-3.5-sonnet\n".into());
        form.zdr.update(|z| z[1] = true);
        assert_eq!(
            json(&form.to_patch(Some(&g), true)),
            serde_json::json!({
                "allowed_models": ["openai/gpt-4o", "anthropic/claude-3.5-sonnet"],
                "enforce_zdr_openai": true,
            })
        );
    }

    #[test]
    fn emptied_lists_and_limits_become_null_never_an_empty_list() {
        let g = guardrail(serde_json::json!({}));
        let form = GrForm::new(Some(&g));
        form.models.set(" , \n".into());
        form.regions.set(Vec::new());
        form.limit.set(String::new());
        form.reset.set(String::new());
        assert_eq!(
            json(&form.to_patch(Some(&g), true)),
            serde_json::json!({
                "allowed_models": null, "allowed_data_regions": null,
                "limit_usd": null, "reset_interval": null,
            })
        );
    }

    #[test]
    fn a_default_guardrail_never_sends_its_name_and_a_new_one_sends_what_was_filled() {
        let form = GrForm::new(None);
        form.name.set("Renamed".into());
        form.models.set("openai/gpt-4o".into());
        assert_eq!(
            json(&form.to_patch(None, false)),
            serde_json::json!({"allowed_models": ["openai/gpt-4o"]})
        );
        let create = serde_json::to_value(form.to_create("w1")).expect("json");
        assert_eq!(create["name"], "Renamed");
        assert_eq!(create["workspace_id"], "w1");
        assert_eq!(
            create["allowed_models"],
            serde_json::json!(["openai/gpt-4o"])
        );
        assert!(create.get("allowed_data_regions").is_none());
        assert!(create.get("limit_usd").is_none());
    }

    #[test]
    fn a_limit_that_is_not_a_number_or_lacks_its_interval_is_named() {
        let form = GrForm::new(None);
        form.name.set("Capped".into());
        form.limit.set("ten".into());
        assert_eq!(form.errors(&form.to_create("w1"))[0].field, "limit_usd");
        form.limit.set("10".into());
        let errors = form.to_create("w1").field_errors();
        assert!(
            errors.iter().any(|e| e.field == "reset_interval"),
            "{errors:?}"
        );
    }

    #[test]
    fn the_exclusions_filters_and_flags_are_sent_when_edited_and_only_then() {
        let g = guardrail(serde_json::json!({
            "ignored_providers": ["deepinfra"],
            "content_filter_builtins": [
                {"slug": "email", "action": "redact", "label": "[EMAIL]"},
                {"slug": "regex-prompt-injection", "action": "block", "scan_scope": "user_only"},
                {"slug": "future-filter", "action": "flag"}
            ],
            "content_filters": [{"pattern": "zeus", "action": "block", "label": "Project"}],
            "enable_free_model_training": false,
        }));
        let form = GrForm::new(Some(&g));
        assert_eq!(json(&form.to_patch(Some(&g), true)), serde_json::json!({}));
        form.ignored_models.set("openai/gpt-3.5-turbo".into());
        form.ignored_providers.set(String::new());
        form.builtins.update(|b| {
            b.iter_mut().find(|(s, _)| s == "phone").expect("phone").1 = "block".into();
        });
        form.custom.set("block zeus\nflag (?i)internal only".into());
        form.free_training.set(String::new());
        form.paid_training.set("no".into());
        form.free_publication.set("yes".into());
        assert_eq!(
            json(&form.to_patch(Some(&g), true)),
            serde_json::json!({
                "ignored_models": ["openai/gpt-3.5-turbo"],
                "ignored_providers": null,
                "content_filter_builtins": [
                    {"slug": "email", "action": "redact"},
                    {"slug": "phone", "action": "block"},
                    {"slug": "regex-prompt-injection", "action": "block", "scan_scope": "user_only"},
                    {"slug": "future-filter", "action": "flag"}
                ],
                "content_filters": [
                    {"pattern": "zeus", "action": "block", "label": "Project"},
                    {"pattern": "(?i)internal only", "action": "flag"}
                ],
                "enable_free_model_training": null,
                "enable_paid_model_training": false,
                "enable_free_model_publication": true,
            })
        );
    }

    #[test]
    fn a_new_guardrail_sends_its_filters_and_flags_and_a_bad_filter_line_is_named() {
        let form = GrForm::new(None);
        form.name.set("Filtered".into());
        form.builtins.update(|b| {
            b.iter_mut()
                .find(|(s, _)| s == "regex-prompt-injection")
                .expect("detector")
                .1 = "flag".into();
        });
        form.scan_scope.set("all_messages".into());
        form.ignored_providers.set("deepinfra, together".into());
        form.paid_training.set("no".into());
        let create = serde_json::to_value(form.to_create("w1")).expect("json");
        assert_eq!(
            create["content_filter_builtins"],
            serde_json::json!([{"slug": "regex-prompt-injection", "action": "flag", "scan_scope": "all_messages"}])
        );
        assert_eq!(
            create["ignored_providers"],
            serde_json::json!(["deepinfra", "together"])
        );
        assert_eq!(create["enable_paid_model_training"], false);
        assert!(create.get("enable_free_model_training").is_none());
        assert!(create.get("content_filters").is_none());
        form.custom.set("block ok\nerase this".into());
        let errors = form.errors(&form.to_create("w1"));
        assert!(
            errors
                .iter()
                .any(|e| e.field == "content_filters" && e.message.starts_with("Line 2")),
            "{errors:?}"
        );
    }
}
