//! A key's edit form: name, limit, reset and BYOK; it sends only the fields that changed.

use crate::components::conflict::{Checking, ClashNotice, EditCheck, Edited, Field};
use crate::components::field::LimitResetSelect;
use crate::format::usd;
use crate::services::use_toasts;
use crate::session::use_client;
use crate::write::{use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, LimitReset, UpdateKey};
use openrouter_admin::validate::Validate;

/// Saves a key's changed fields.
pub type SaveAction = Action<UpdateKey, Result<ApiKey, openrouter_admin::Error>>;

/// The save action of the key whose hash is `hash`.
pub fn save_action(hash: StoredValue<String>) -> SaveAction {
    let writes = use_writes();
    Action::new_local(move |p: &UpdateKey| {
        let (p, hash) = (p.clone(), hash.get_value());
        writes.run(
            async move { use_client()?.key(hash).update(p).send().await },
            |_| Then::ok("Key saved"),
            Failure::Toast("Not saved: "),
        )
    })
}

/// The edit form's fields, as the user has them (strings while typing).
#[derive(Clone, Copy)]
struct KeyForm {
    name: RwSignal<String>,
    limit: RwSignal<String>,
    reset: RwSignal<String>,
    byok: RwSignal<bool>,
}

impl KeyForm {
    fn new(k: &ApiKey) -> KeyForm {
        KeyForm {
            name: RwSignal::new(k.name.clone()),
            limit: RwSignal::new(k.limit.map(crate::decimal::plain).unwrap_or_default()),
            reset: RwSignal::new(reset_of(k)),
            byok: RwSignal::new(k.include_byok_in_limit),
        }
    }

    /// The limit typed: `Ok(None)` when empty.
    fn limit_value(&self) -> Result<Option<f64>, String> {
        let l = self.limit.get();
        if l.trim().is_empty() {
            return Ok(None);
        }
        crate::decimal::parse(l.trim())
            .map(Some)
            .map_err(|_| "The limit must be a number of dollars".to_string())
    }

    /// The patch against `o`: only the fields that differ, or `None` when none does.
    fn patch(&self, o: &ApiKey) -> Result<Option<UpdateKey>, String> {
        let mut p = UpdateKey::new();
        let mut changed = false;
        if self.name.get().trim() != o.name {
            p = p.name(self.name.get().trim());
            changed = true;
        }
        let l = self.limit_value()?;
        if l != o.limit {
            p = p.limit(l);
            changed = true;
        }
        let reset = self.reset.get();
        let r = (!reset.is_empty()).then(|| LimitReset::parse(&reset));
        if r != o.limit_reset {
            p = p.limit_reset(r);
            changed = true;
        }
        if self.byok.get() != o.include_byok_in_limit {
            p = p.include_byok_in_limit(self.byok.get());
            changed = true;
        }
        p.validate().map_err(|e| {
            e.validation_errors()
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        Ok(changed.then_some(p))
    }
}

fn reset_of(k: &ApiKey) -> String {
    k.limit_reset
        .as_ref()
        .map(|r| r.as_str().to_string())
        .unwrap_or_default()
}

fn limit_field(limit: Result<Option<f64>, String>, typed: String) -> Field {
    match limit {
        Ok(Some(v)) => Field::new("limit", "The limit", crate::decimal::plain(v), usd(v)),
        Ok(None) => Field::new("limit", "The limit", String::new(), "no limit".into()),
        Err(_) => Field::new("limit", "The limit", typed.clone(), format!("“{typed}”")),
    }
}

fn reset_field(reset: String) -> Field {
    let shown = if reset.is_empty() {
        "never".to_string()
    } else {
        reset.clone()
    };
    Field::new("limit_reset", "The limit reset", reset, shown)
}

impl Edited<ApiKey> for KeyForm {
    fn fields_of(&self, k: &ApiKey) -> Vec<Field> {
        vec![
            Field::text("name", "The name", k.name.clone()),
            limit_field(Ok(k.limit), String::new()),
            reset_field(reset_of(k)),
            Field::flag(
                "include_byok_in_limit",
                "Counting BYOK usage",
                k.include_byok_in_limit,
            ),
        ]
    }

    fn fields(&self) -> Vec<Field> {
        vec![
            Field::text("name", "The name", self.name.get_untracked().trim()),
            limit_field(self.limit_value(), self.limit.get_untracked()),
            reset_field(self.reset.get_untracked()),
            Field::flag(
                "include_byok_in_limit",
                "Counting BYOK usage",
                self.byok.get_untracked(),
            ),
        ]
    }

    fn adopt(&self, key: &'static str, k: &ApiKey) {
        let theirs = KeyForm::new(k);
        match key {
            "name" => self.name.set(theirs.name.get_untracked()),
            "limit" => self.limit.set(theirs.limit.get_untracked()),
            "limit_reset" => self.reset.set(theirs.reset.get_untracked()),
            _ => self.byok.set(theirs.byok.get_untracked()),
        }
    }
}

/// The edit form over the key as loaded. Before saving it reads the key again and asks when
/// someone else changed a field the user is saving (`components::conflict`).
#[component]
pub fn KeyEdit(
    /// The key as loaded.
    k: ApiKey,
    /// Saves the changed fields.
    save: SaveAction,
) -> impl IntoView {
    // -- signals --
    let form = KeyForm::new(&k);
    let hash = k.hash.as_str().to_string();
    let check = EditCheck::new(k, form);
    let toasts = use_toasts();

    let form_error = move || form.patch(&check.seen()).err();
    let send = move || match form.patch(&check.seen()) {
        Ok(Some(p)) => {
            save.dispatch(p);
        }
        Ok(None) => toasts.ok("Nothing left to save: the key already has these values"),
        Err(_) => {}
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !matches!(form.patch(&check.seen()), Ok(Some(_))) {
            return;
        }
        let hash = hash.clone();
        let reread = async move { use_client()?.key(hash).get().send().await };
        check.save(form, reread, send);
    };
    let choose = move |overwrite: bool| check.resolve(&form, overwrite);
    let busy = move || save.pending().get() || check.state().with(|s| *s == Checking::Reading);

    view! {
        <form class="ora-card" on:submit=submit novalidate>
            <h2>"Edit"</h2>
            <ClashNotice state=check.state() choose=choose />
            <div class="ora-field">
                <label for="ora-edit-name">"Name"</label>
                <input id="ora-edit-name" class="ora-input" bind:value=form.name />
            </div>
            <div class="ora-field">
                <label for="ora-edit-limit">"Limit (USD, empty for none)"</label>
                <input id="ora-edit-limit" class="ora-input" inputmode="decimal" bind:value=form.limit />
            </div>
            <LimitResetSelect id="ora-edit-reset" value=form.reset />
            <label class="ora-check"><input type="checkbox" id="ora-edit-byok" bind:checked=form.byok />"Count BYOK usage toward the limit"</label>
            <p class="ora-error" role="alert">{form_error}</p>
            <button class="ora-btn ora-btn-primary" type="submit" id="ora-key-save" disabled=move || busy() || form_error().is_some()>
                "Save changes"
            </button>
        </form>
    }
}
