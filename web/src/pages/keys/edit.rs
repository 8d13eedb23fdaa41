//! A key's edit form: name, limit, reset and BYOK; it sends only the fields that changed.

use crate::components::field::LimitResetSelect;
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

/// The edit form over the key as loaded.
#[component]
pub fn KeyEdit(
    /// The key as loaded.
    k: ApiKey,
    /// Saves the changed fields.
    save: SaveAction,
) -> impl IntoView {
    // -- signals --
    let name = RwSignal::new(k.name.clone());
    let limit = RwSignal::new(k.limit.map(crate::decimal::plain).unwrap_or_default());
    let reset = RwSignal::new(
        k.limit_reset
            .as_ref()
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
    );
    let byok = RwSignal::new(k.include_byok_in_limit);
    let orig = StoredValue::new(k);

    // The patch: only the fields that differ from the loaded key.
    let patch = move || -> Result<UpdateKey, String> {
        let o = orig.get_value();
        let mut p = UpdateKey::new();
        if name.get().trim() != o.name {
            p = p.name(name.get().trim());
        }
        let l = limit.get();
        let l = if l.trim().is_empty() {
            None
        } else {
            Some(
                crate::decimal::parse(l.trim())
                    .map_err(|_| "The limit must be a number of dollars".to_string())?,
            )
        };
        if l != o.limit {
            p = p.limit(l);
        }
        let r = (!reset.get().is_empty()).then(|| LimitReset::parse(&reset.get()));
        if r != o.limit_reset {
            p = p.limit_reset(r);
        }
        if byok.get() != o.include_byok_in_limit {
            p = p.include_byok_in_limit(byok.get());
        }
        p.validate().map_err(|e| {
            e.validation_errors()
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        Ok(p)
    };
    let form_error = move || patch().err();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(p) = patch() {
            save.dispatch(p);
        }
    };

    view! {
        <form class="ora-card" on:submit=submit novalidate>
            <h2>"Edit"</h2>
            <div class="ora-field">
                <label for="ora-edit-name">"Name"</label>
                <input id="ora-edit-name" class="ora-input" bind:value=name />
            </div>
            <div class="ora-field">
                <label for="ora-edit-limit">"Limit (USD, empty for none)"</label>
                <input id="ora-edit-limit" class="ora-input" inputmode="decimal" bind:value=limit />
            </div>
            <LimitResetSelect id="ora-edit-reset" value=reset />
            <label class="ora-check"><input type="checkbox" id="ora-edit-byok" bind:checked=byok />"Count BYOK usage toward the limit"</label>
            <p class="ora-error" role="alert">{form_error}</p>
            <button class="ora-btn ora-btn-primary" type="submit" id="ora-key-save" disabled=move || save.pending().get() || form_error().is_some()>
                "Save changes"
            </button>
        </form>
    }
}
