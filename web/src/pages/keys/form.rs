//! A new key's fields as the create dialog holds them (text while typing), and the create body
//! made from them.

use leptos::prelude::*;
use openrouter_admin::models::{CreateKey, LimitReset};
use openrouter_admin::validate::Validate;
use openrouter_admin::FieldError;

/// A new key's fields, as the form holds them.
#[derive(Clone, Copy)]
pub struct NewKeyForm {
    pub(super) name: RwSignal<String>,
    /// The limit in dollars as typed; empty for none.
    pub(super) limit: RwSignal<String>,
    /// The `limit_reset` value ("" for never).
    pub(super) reset: RwSignal<String>,
    pub(super) byok: RwSignal<bool>,
    /// As `<input type="datetime-local">` gives it ("2027-01-31T12:00"), read as UTC.
    pub(super) expires: RwSignal<String>,
}

impl NewKeyForm {
    /// An empty form: no limit, never expires.
    pub fn new() -> NewKeyForm {
        NewKeyForm {
            name: RwSignal::new(String::new()),
            limit: RwSignal::new(String::new()),
            reset: RwSignal::new(String::new()),
            byok: RwSignal::new(false),
            expires: RwSignal::new(String::new()),
        }
    }

    /// The limit typed: `Ok(None)` when empty, `Err` when it is not a number.
    fn limit_value(self) -> Result<Option<f64>, ()> {
        let l = self.limit.get();
        if l.trim().is_empty() {
            return Ok(None);
        }
        crate::decimal::parse(l.trim()).map(Some).map_err(drop)
    }

    /// The create body in the workspace `ws_id`: what the user set (a limit the form cannot
    /// read is left out; [`errors`](Self::errors) names it).
    pub fn to_create(self, ws_id: &str) -> CreateKey {
        let mut k = CreateKey::new(self.name.get().trim()).workspace_id(ws_id);
        if let Ok(Some(v)) = self.limit_value() {
            k = k.limit(v);
        }
        let reset = self.reset.get();
        if !reset.is_empty() {
            k = k.limit_reset(LimitReset::parse(&reset));
        }
        if self.byok.get() {
            k = k.include_byok_in_limit(true);
        }
        let e = self.expires.get();
        if !e.trim().is_empty() {
            // The label says UTC; the input gives minutes, or seconds when the user typed them.
            let e = e.trim();
            k = k.expires_at(if e.len() == 16 {
                format!("{e}:00Z")
            } else {
                format!("{e}Z")
            });
        }
        k
    }

    /// Every error of what the form would send: the form's own (a limit it cannot read), then
    /// the core's rules of the body.
    pub fn errors(self, ws_id: &str) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if self.limit_value().is_err() {
            errs.push(FieldError::new(
                "limit",
                "number",
                "The limit must be a number of dollars",
            ));
        }
        errs.extend(self.to_create(ws_id).field_errors());
        errs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(k: &CreateKey) -> serde_json::Value {
        serde_json::to_value(k).expect("json")
    }

    #[test]
    fn an_empty_form_names_the_missing_name_and_sends_only_the_workspace() {
        let form = NewKeyForm::new();
        let errors = form.errors("w1");
        assert!(errors.iter().any(|e| e.field == "name"), "{errors:?}");
        form.name.set("  CI  ".into());
        assert!(form.errors("w1").is_empty(), "{:?}", form.errors("w1"));
        assert_eq!(
            json(&form.to_create("w1")),
            serde_json::json!({"name": "CI", "workspace_id": "w1"})
        );
    }

    #[test]
    fn every_field_set_is_sent_and_the_expiry_read_as_utc() {
        let form = NewKeyForm::new();
        form.name.set("Batch".into());
        form.limit.set(" 12.5 ".into());
        form.reset.set("weekly".into());
        form.byok.set(true);
        form.expires.set("2030-01-31T12:00".into());
        assert!(form.errors("w1").is_empty(), "{:?}", form.errors("w1"));
        assert_eq!(
            json(&form.to_create("w1")),
            serde_json::json!({
                "name": "Batch", "workspace_id": "w1", "limit": 12.5, "limit_reset": "weekly",
                "include_byok_in_limit": true, "expires_at": "2030-01-31T12:00:00Z",
            })
        );
        form.expires.set("2030-01-31T12:00:30".into());
        assert_eq!(
            json(&form.to_create("w1"))["expires_at"],
            "2030-01-31T12:00:30Z"
        );
    }

    #[test]
    fn a_limit_that_is_not_a_number_is_named_and_not_sent() {
        let form = NewKeyForm::new();
        form.name.set("CI".into());
        form.limit.set("ten dollars".into());
        let errors = form.errors("w1");
        assert_eq!(
            errors.iter().filter(|e| e.field == "limit").count(),
            1,
            "{errors:?}"
        );
        assert!(json(&form.to_create("w1")).get("limit").is_none());
        form.limit.set("-5".into());
        assert!(
            form.errors("w1").iter().any(|e| e.field == "limit"),
            "the core's rule: a limit is not negative"
        );
    }
}
