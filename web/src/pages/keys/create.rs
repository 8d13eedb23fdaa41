//! The create-key dialog, then the once-only secret.

use crate::components::dialog::Dialog;
use crate::components::field::LimitResetSelect;
use crate::pages::keys::secret::SecretDialog;
use crate::session::use_client;
use crate::write::{use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{CreateKey, CreatedKey, LimitReset};
use openrouter_admin::validate::Validate;
use openrouter_admin::FieldError;

/// The create action. The created key goes to `secret`, not into the action's value, so that the
/// secret is dropped from memory when its dialog closes ([`SecretDialog`]).
pub type CreateAction = Action<CreateKey, Result<(), openrouter_admin::Error>>;

/// The create action, handing the created key to `secret`; failures show in the dialog.
pub fn create_action(secret: RwSignal<Option<CreatedKey>, LocalStorage>) -> CreateAction {
    let writes = use_writes();
    Action::new_local(move |body: &CreateKey| {
        let body = body.clone();
        let created = writes.run(
            async move { use_client()?.keys().create(body).send().await },
            move |created| {
                secret.set(Some(created.clone()));
                Then::quiet()
            },
            Failure::Shown,
        );
        async move { created.await.map(|_| ()) }
    })
}

/// The create-key dialog, then the once-only secret.
#[component]
pub fn CreateKeyDialog(
    /// The workspace the key goes in.
    ws_id: String,
    /// The create action.
    create: CreateAction,
    /// The created key, once there is one.
    secret: RwSignal<Option<CreatedKey>, LocalStorage>,
    /// Closes the dialog.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let name = RwSignal::new(String::new());
    let limit = RwSignal::new(String::new());
    let reset = RwSignal::new(String::new());
    let byok = RwSignal::new(false);
    let expires = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let ws_id = StoredValue::new(ws_id);
    let body = move || -> Result<CreateKey, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut k = CreateKey::new(name.get().trim()).workspace_id(ws_id.get_value());
        let l = limit.get();
        if !l.trim().is_empty() {
            match crate::num::parse(l.trim()) {
                Ok(v) => k = k.limit(v),
                Err(_) => errs.push(FieldError::new(
                    "limit",
                    "number",
                    "The limit must be a number of dollars",
                )),
            }
        }
        if !reset.get().is_empty() {
            k = k.limit_reset(LimitReset::parse(&reset.get()));
        }
        if byok.get() {
            k = k.include_byok_in_limit(true);
        }
        let e = expires.get();
        if !e.is_empty() {
            // <input type="datetime-local"> gives "2027-01-31T12:00"; the label says UTC.
            let full = if e.len() == 16 {
                format!("{e}:00Z")
            } else {
                format!("{e}Z")
            };
            k = k.expires_at(full);
        }
        errs.extend(k.field_errors());
        if errs.is_empty() {
            Ok(k)
        } else {
            Err(errs)
        }
    };
    let errors = Signal::derive(move || body().err().unwrap_or_default());
    let err_for = move |field: &'static str| {
        move || {
            touched
                .get()
                .then(|| {
                    errors.with(|e| {
                        e.iter()
                            .find(|e| e.field == field)
                            .map(|e| e.message.clone())
                    })
                })
                .flatten()
        }
    };

    // -- callbacks --
    // The action outlives the dialog: its last failure goes with the dialog.
    let close = Callback::new(move |()| {
        create.value().set(None);
        on_close.run(());
    });
    // The secret is held only until the user closes its dialog; then it is dropped.
    let close_secret = move |_| {
        secret.set(None);
        close.run(());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if let Ok(b) = body() {
            create.dispatch(b);
        }
    };
    let server_error = move || {
        create.value().with(|r| r.as_ref().and_then(|r| r.as_ref().err()).map(|e| {
            if e.is_outcome_unknown() {
                "The server did not answer: the key may or may not have been created. Check the list before trying again.".to_string()
            } else {
                e.message().to_string()
            }
        })).map(|text| view! { <div class="ora-alert ora-alert-error" role="alert">{text}</div> })
    };

    view! {
        <Show
            when=move || secret.with(Option::is_some)
            fallback=move || view! {
                <Dialog title="Create API key" on_close=close>
                    <form on:submit=submit novalidate>
                        <div class="ora-dialog-body">
                            {server_error}
                            <div class="ora-field">
                                <label for="ora-key-name">"Name"</label>
                                <input id="ora-key-name" class="ora-input" bind:value=name aria-describedby="ora-key-name-error" on:input=move |_| touched.set(true) />
                                <span class="ora-error" id="ora-key-name-error">{err_for("name")}</span>
                            </div>
                            <div class="ora-grid2">
                                <div class="ora-field">
                                    <label for="ora-key-limit">"Limit (USD)"</label>
                                    <input id="ora-key-limit" class="ora-input" inputmode="decimal" placeholder="No limit" bind:value=limit aria-describedby="ora-key-limit-error" />
                                    <span class="ora-error" id="ora-key-limit-error">{err_for("limit")}</span>
                                </div>
                                <LimitResetSelect id="ora-key-reset" value=reset />
                            </div>
                            <label class="ora-check"><input type="checkbox" id="ora-key-byok" bind:checked=byok />"Count BYOK usage toward the limit"</label>
                            <div class="ora-field">
                                <label for="ora-key-expires">"Expires (UTC)"</label>
                                <input id="ora-key-expires" class="ora-input" type="datetime-local" bind:value=expires aria-describedby="ora-key-expires-error" />
                                <span class="ora-error" id="ora-key-expires-error">{err_for("expires_at")}</span>
                            </div>
                        </div>
                        <div class="ora-dialog-foot">
                            <button class="ora-btn" type="button" on:click=move |_| close.run(())>"Cancel"</button>
                            <button class="ora-btn ora-btn-primary" type="submit" id="ora-key-create" disabled=move || create.pending().get()>
                                {move || if create.pending().get() { "Creating…" } else { "Create key" }}
                            </button>
                        </div>
                    </form>
                </Dialog>
            }
        >
            <SecretDialog secret=secret on_done=close_secret />
        </Show>
    }
}
