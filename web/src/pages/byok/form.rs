//! A BYOK provider key's fields as the form holds them, and the create and update bodies made
//! from them (an update sends only what changed, and the key only when a new one is typed).

use crate::components::conflict::{Slot, Slotted};
use crate::components::field::{tri_parse, tri_value};
use leptos::prelude::*;
use openrouter_admin::models::{ByokKey, CreateByokKey, Patch, UpdateByokKey};
use openrouter_admin::validate::Validate;
use openrouter_admin::{FieldError, Secret};

/// A provider key's editable fields, as the form holds them.
#[derive(Clone, Copy)]
pub struct ByokForm {
    pub(super) provider: RwSignal<String>,
    pub(super) name: RwSignal<String>,
    /// The provider key as typed: empty in an edit keeps the stored one.
    pub(super) key: RwSignal<String>,
    pub(super) disabled: RwSignal<bool>,
    pub(super) fallback: RwSignal<bool>,
    pub(super) byok_only: RwSignal<bool>,
    pub(super) required: RwSignal<bool>,
    /// `declared_zdr` as a tri-state select holds it.
    pub(super) zdr: RwSignal<String>,
}

impl ByokForm {
    /// A form holding `k`'s values, or a new key's (OpenAI, nothing set).
    pub fn new(k: Option<&ByokKey>) -> ByokForm {
        ByokForm {
            provider: RwSignal::new(
                k.map(|k| k.provider.to_string())
                    .unwrap_or_else(|| "openai".to_string()),
            ),
            name: RwSignal::new(k.and_then(|k| k.name.clone()).unwrap_or_default()),
            key: RwSignal::new(String::new()),
            disabled: RwSignal::new(k.is_some_and(|k| k.disabled)),
            fallback: RwSignal::new(k.is_some_and(|k| k.is_fallback)),
            byok_only: RwSignal::new(k.is_some_and(|k| k.is_byok_only)),
            required: RwSignal::new(k.is_some_and(|k| k.is_required)),
            zdr: RwSignal::new(tri_value(k.and_then(|k| k.declared_zdr)).to_string()),
        }
    }

    /// The create body: the provider and key, and whatever else the user set.
    pub fn to_create(self) -> CreateByokKey {
        let mut b = CreateByokKey::new(self.provider.get(), Secret::new(self.key.get()));
        let name = self.name.get().trim().to_string();
        b.name = (!name.is_empty()).then_some(name);
        b.disabled = self.disabled.get().then_some(true);
        b.is_fallback = self.fallback.get().then_some(true);
        b.is_byok_only = self.byok_only.get().then_some(true);
        b.is_required = self.required.get().then_some(true);
        b.declared_zdr = tri_parse(&self.zdr.get());
        b
    }

    /// The update body: only what differs from `orig`; the key only when a new one is typed.
    pub fn to_patch(self, orig: &ByokKey) -> UpdateByokKey {
        let mut p = UpdateByokKey::new();
        let key = self.key.get();
        if !key.is_empty() {
            p = p.key(Secret::new(key));
        }
        let name = self.name.get().trim().to_string();
        if Some(name.as_str()) != orig.name.as_deref().map(str::trim) {
            p.name = if name.is_empty() {
                Patch::Null
            } else {
                Patch::Value(name)
            };
        }
        for (now, then, slot) in [
            (self.disabled.get(), orig.disabled, &mut p.disabled),
            (self.fallback.get(), orig.is_fallback, &mut p.is_fallback),
            (self.byok_only.get(), orig.is_byok_only, &mut p.is_byok_only),
            (self.required.get(), orig.is_required, &mut p.is_required),
        ] {
            if now != then {
                *slot = Patch::Value(now);
            }
        }
        let zdr = tri_parse(&self.zdr.get());
        if zdr != orig.declared_zdr {
            p = p.declared_zdr(zdr);
        }
        p
    }

    /// Every error of what the form would send (`orig`: the key edited, `None` for an add).
    pub fn errors(self, orig: Option<&ByokKey>) -> Vec<FieldError> {
        let Some(orig) = orig else {
            return self.to_create().field_errors();
        };
        let mut errs = self.to_patch(orig).field_errors();
        // Exclusive on the credential as it would be, as the API judges it: a patch that
        // sends only one of the two cannot see the other.
        if self.fallback.get()
            && self.byok_only.get()
            && errs.iter().all(|e| e.field != "is_byok_only")
        {
            errs.push(FieldError::new(
                "is_byok_only",
                "exclusive",
                "is_byok_only cannot be combined with is_fallback",
            ));
        }
        errs
    }
}

/// What an edit compares with the key as the API has it now (never the provider key itself).
impl Slotted<ByokKey> for ByokForm {
    fn holding(k: &ByokKey) -> ByokForm {
        ByokForm::new(Some(k))
    }

    fn slots(&self) -> Vec<(&'static str, &'static str, Slot)> {
        vec![
            ("name", "The name", Slot::Text(self.name)),
            ("is_byok_only", "BYOK only", Slot::Flag(self.byok_only)),
            ("is_fallback", "Fallback", Slot::Flag(self.fallback)),
            ("is_required", "Required", Slot::Flag(self.required)),
            ("disabled", "Disabled", Slot::Flag(self.disabled)),
            ("declared_zdr", "Zero data retention", Slot::Tri(self.zdr)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(extra: serde_json::Value) -> ByokKey {
        let mut k = serde_json::json!({
            "id": "b1", "provider": "anthropic", "label": "sk-ant-...wxyz", "name": "Team",
            "disabled": false, "is_fallback": false, "is_byok_only": false, "is_required": false,
            "sort_order": 0, "created_at": "2026-01-01T00:00:00Z",
        });
        if let (Some(k), Some(extra)) = (k.as_object_mut(), extra.as_object()) {
            k.extend(extra.clone());
        }
        serde_json::from_value(k).expect("a BYOK key")
    }

    fn json(body: &impl serde::Serialize) -> serde_json::Value {
        serde_json::to_value(body).expect("json")
    }

    #[test]
    fn an_untouched_edit_sends_nothing_and_the_key_only_when_typed() {
        let k = stored(serde_json::json!({"declared_zdr": true}));
        let form = ByokForm::new(Some(&k));
        assert_eq!(json(&form.to_patch(&k)), serde_json::json!({}));
        form.fallback.set(true);
        form.zdr.set(String::new());
        form.name.set("  ".into());
        assert_eq!(
            json(&form.to_patch(&k)),
            serde_json::json!({"is_fallback": true, "declared_zdr": null, "name": null})
        );
        form.key.set("sk-ant-new".into());
        assert_eq!(json(&form.to_patch(&k))["key"], "sk-ant-new");
    }

    #[test]
    fn a_new_key_sends_what_was_set_and_names_what_is_missing() {
        let form = ByokForm::new(None);
        let errors = form.errors(None);
        assert!(errors.iter().any(|e| e.field == "key"), "{errors:?}");
        form.key.set("sk-live".into());
        form.required.set(true);
        form.zdr.set("no".into());
        assert!(form.errors(None).is_empty());
        assert_eq!(
            json(&form.to_create()),
            serde_json::json!({"provider": "openai", "key": "sk-live", "is_required": true, "declared_zdr": false})
        );
    }

    #[test]
    fn fallback_and_byok_only_together_are_refused_on_the_field() {
        let k = stored(serde_json::json!({"is_fallback": true}));
        let form = ByokForm::new(Some(&k));
        form.byok_only.set(true);
        let errors = form.errors(Some(&k));
        assert!(
            errors.iter().any(|e| e.field == "is_byok_only"),
            "{errors:?}"
        );
    }

    #[test]
    fn an_edit_compares_every_field_but_the_key_and_takes_only_the_one_asked() {
        use crate::components::conflict::Edited;
        let seen = stored(serde_json::json!({}));
        let now = stored(serde_json::json!({"name": "Theirs", "is_required": true}));
        let form = ByokForm::new(Some(&seen));
        form.key.set("sk-typed".into());
        let keys: Vec<_> = form.fields().iter().map(|f| f.key).collect();
        assert!(
            !keys.contains(&"key"),
            "the provider key is never compared: {keys:?}"
        );
        assert_eq!(
            form.fields(),
            form.fields_of(&seen),
            "a typed key is no change of a field"
        );
        form.adopt("is_required", &now);
        assert!(form.required.get_untracked());
        assert_eq!(
            form.name.get_untracked(),
            "Team",
            "only the field asked is taken"
        );
        assert_eq!(form.key.get_untracked(), "sk-typed");
    }
}
