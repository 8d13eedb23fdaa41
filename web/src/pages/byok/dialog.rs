//! The add or edit dialog of a BYOK provider key, over the form of `form.rs`. An add whose
//! answer was lost is searched for before another can start; found, the page says the provider
//! key was stored, and shows only its masked label.

use crate::components::dialog::Dialog;
use crate::components::field::{TextField, TriSelect};
use crate::components::form::DialogFoot;
use crate::components::lost::{refusal, FoundNotice, LostCreate, LostNotice};
use crate::pages::byok::form::ByokForm;
use crate::pages::change::{ChangeAction, TabDialog};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{ByokKey, ByokKeyId, CreateByokKey, UpdateByokKey, BYOK_PROVIDERS};
use openrouter_admin::Secret;

/// The tab's write.
pub type ByokChange = ChangeAction<CreateByokKey, ByokKeyId, UpdateByokKey>;

/// An add whose answer may be lost: searched for by a copy of its body without the key.
pub type LostByok = LostCreate<CreateByokKey, ByokKey>;

/// The open dialog: add, or edit one credential.
#[derive(Clone)]
pub enum Open {
    /// Adds one.
    Add,
    /// Edits this one.
    Edit(Box<ByokKey>),
}

/// A credential's name, or its provider and label when it has none.
pub fn display(k: &ByokKey) -> String {
    k.name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("{} {}", k.provider, k.label))
}

/// What the search of a lost add keeps of its body: everything but the provider key.
pub fn without_key(body: &CreateByokKey) -> CreateByokKey {
    let mut kept = body.clone();
    kept.key = Secret::default();
    kept
}

/// Looks for the credential a lost add made (same provider and name, added since just before).
pub async fn look_for(lost: LostByok, ws_id: String) {
    lost.search(|body, since_ms| async move {
        use_client()?
            .workspace(&ws_id)
            .byok()
            .reconcile(&body, since_ms)
            .send()
            .await
    })
    .await;
}

/// A found credential in words: stored, shown by its masked label only.
fn found_text(k: &ByokKey) -> String {
    format!(
        "The {} key was stored as “{}”; it is shown by its masked label {} only, never in full.",
        k.provider,
        display(k),
        k.label
    )
}

/// The zero data retention select's words.
const ZDR: &[(&str, &str)] = &[
    ("", "Not declared"),
    ("yes", "Declared: the provider account retains no data"),
    ("no", "Declared: the provider account retains data"),
];

/// The add or edit dialog.
#[component]
pub fn ByokDialog(
    /// Add, or edit this credential.
    open: Open,
    /// The tab's write.
    change: ByokChange,
    /// An add whose answer was lost.
    lost: LostByok,
    /// The workspace's UUID (to search again).
    ws_id: StoredValue<String>,
    /// Opens the edit dialog of a credential a lost add made.
    #[prop(into)]
    on_open: Callback<ByokKey>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let existing = match &open {
        Open::Add => None,
        Open::Edit(k) => Some((**k).clone()),
    };
    let adding = existing.is_none();
    let form = ByokForm::new(existing.as_ref());
    // An edit compares what the user saw with the key as the API has it at save.
    let d = TabDialog::new(
        change,
        lost,
        existing,
        form,
        ByokForm::errors,
        "Add key",
        on_close,
    );
    let (errors, label, blocked, close) = (d.errors, d.label, d.blocked, d.close);

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if d.ready() {
            d.send(
                form,
                "Nothing left to save: the key already has these values",
                || form.to_create(),
                move |now| (now.id.clone(), form.to_patch(now)),
                |seen| {
                    let id = seen.id.clone();
                    async move { use_client()?.byok_key(id).get().send().await }
                },
            );
        }
    };
    let server_error = move || {
        change
            .value()
            .with(|r| r.as_ref().and_then(|r| r.as_ref().err()).and_then(refusal))
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-byok-error">{text}</div> })
    };
    let again = move |()| leptos::task::spawn_local_scoped(look_for(lost, ws_id.get_value()));
    let title = match &open {
        Open::Add => "Add provider key".to_string(),
        Open::Edit(k) => format!("Edit “{}”", display(k)),
    };
    let providers = BYOK_PROVIDERS
        .iter()
        .map(|p| view! { <option value=*p>{*p}</option> })
        .collect_view();
    let (key_label, key_hint) = if adding {
        (
            "Provider key",
            "Sent once, when you add it; never shown again.",
        )
    } else {
        (
            "Replace the key (optional)",
            "Leave empty to keep the current key. A new one is sent once and never shown again.",
        )
    };

    view! {
        <Dialog title=title on_close=close>
            <form on:submit=submit on:input=move |_| errors.touch() novalidate>
                <div class="ora-dialog-body">
                    {server_error}
                    {d.check.map(|c| c.notice(form))}
                    {adding.then(|| view! {
                        <LostNotice lost=lost.state what="provider key" again=again />
                        <FoundNotice lost=lost.state what="provider key" said=found_text on_open=on_open />
                    })}
                    <div class="ora-grid2">
                        <div class="ora-field">
                            <label for="ora-byok-provider">"Provider"</label>
                            <select id="ora-byok-provider" class="ora-select" disabled=!adding
                                prop:value=move || form.provider.get() on:change=move |ev| form.provider.set(event_target_value(&ev))
                                aria-describedby="ora-byok-provider-error">
                                {(!adding).then(|| {
                                    let p = form.provider.get_untracked();
                                    view! { <option value=p.clone()>{p.clone()}</option> }
                                })}
                                {adding.then_some(providers)}
                            </select>
                            <span class="ora-error" id="ora-byok-provider-error">{errors.of("provider")}</span>
                        </div>
                        <TextField id="ora-byok-name" label="Name" field="name" value=form.name errors=errors hint="Optional." />
                    </div>
                    <TextField id="ora-byok-key" label=key_label field="key" value=form.key errors=errors secret=true hint=key_hint />
                    <fieldset class="ora-fieldset">
                        <legend>"How requests use it"</legend>
                        <div class="ora-checks">
                            <label class="ora-check"><input type="checkbox" id="ora-byok-only" bind:checked=form.byok_only
                                aria-describedby="ora-byok-only-error" />"BYOK only: never fall back to OpenRouter's own key"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-byok-fallback" bind:checked=form.fallback />"Fallback: used after this provider's other keys"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-byok-required" bind:checked=form.required />"Required: requests fail without it"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-byok-disabled" bind:checked=form.disabled />"Disabled"</label>
                        </div>
                        <span class="ora-error" id="ora-byok-only-error">{errors.of("is_byok_only")}</span>
                    </fieldset>
                    <TriSelect id="ora-byok-zdr" label="Zero data retention" value=form.zdr options=ZDR />
                </div>
                <DialogFoot id="ora-byok-save" label=label blocked=blocked on_cancel=close />
            </form>
        </Dialog>
    }
}
