//! A workspace's BYOK provider keys: list, add, edit (and replace the key), delete.
//!
//! The provider key is typed into a password field and sent once: in the add, or in an edit
//! that replaces it. No answer carries it back (only its masked label), so the page never shows
//! it again. It lives in the open dialog's signal, and in the write's input while the request
//! runs; the dialog's signals go when it closes and the input when the write ends, and the
//! field is a password field with `autocomplete="new-password"`, so the browser neither shows
//! nor offers to keep it.

use crate::components::confirm::ConfirmByName;
use crate::components::dialog::Dialog;
use crate::components::field::FormErrors;
use crate::components::loaded::Loaded;
use crate::format::date;
use crate::services::read;
use crate::session::use_client;
use crate::write::{failure_message, succeeded, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{
    ByokKey, ByokKeyId, CreateByokKey, Patch, UpdateByokKey, Workspace, BYOK_PROVIDERS,
};
use openrouter_admin::validate::Validate;
use openrouter_admin::{FieldError, Secret};

/// A write of the tab: what the dialogs and the delete confirmation send.
#[derive(Clone)]
enum Change {
    Add(CreateByokKey),
    Edit(ByokKeyId, UpdateByokKey),
    Delete(ByokKeyId),
}

/// The tab's one write action.
type ChangeAction = Action<Change, Result<(), openrouter_admin::Error>>;

/// The open dialog: add, or edit one credential.
#[derive(Clone)]
enum Open {
    Add,
    Edit(Box<ByokKey>),
}

/// The BYOK tab.
#[component]
pub fn ByokKeys(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let open = RwSignal::new(None::<Open>);
    let deleting = RwSignal::new(None::<ByokKey>);

    // -- actions: add, edit or delete; a failure shows in the dialog that asked --
    let change: ChangeAction = Action::new_local(move |c: &Change| {
        let c = c.clone();
        let ws = ws_id.get_value();
        let done = match &c {
            Change::Add(_) => "Provider key added",
            Change::Edit(..) => "Provider key saved",
            Change::Delete(_) => "Provider key deleted",
        };
        writes.run(
            async move {
                let client = use_client()?;
                match c {
                    Change::Add(body) => client.workspace(&ws).byok().create(body).send().await,
                    Change::Edit(id, patch) => client.byok_key(id).update(patch).send().await,
                    Change::Delete(id) => return client.byok_key(id).delete().send().await,
                }
                .map(drop)
            },
            move |_| {
                open.set(None);
                deleting.set(None);
                Then::ok(done)
            },
            Failure::Shown,
        )
    });
    let written = succeeded(change);

    // -- resources: the credentials, again after each write that went through --
    let keys = read(move |signal| {
        let _written = written.get();
        let id = ws_id.get_value();
        async move {
            use_client()?
                .workspace(&id)
                .byok()
                .list()
                .limit(100)
                .paginate()
                .signal(signal)
                .collect_all()
                .await
        }
    });

    // -- callbacks: a dialog's last failure goes with it --
    let close = Callback::new(move |()| {
        change.value().set(None);
        open.set(None);
        deleting.set(None);
    });

    view! {
        <div class="ora-head">
            <p>
                "Your own provider accounts' keys, used for this workspace's requests to that provider. "
                "A key is sent once, when you add or replace it, and is never shown again: only its masked label."
            </p>
            <button class="ora-btn ora-btn-primary" id="ora-byok-add" on:click=move |_| open.set(Some(Open::Add))>
                "Add provider key"
            </button>
        </div>
        <Loaded load=move || keys let:list>
            {byok_table(list, open, deleting)}
        </Loaded>
        {move || open.get().map(|o| view! { <ByokDialog open=o change=change on_close=close /> })}
        {move || deleting.get().map(|k| {
            let name = display(&k);
            let id = k.id.clone();
            view! {
                <ConfirmByName
                    what="provider key"
                    name=name
                    action="Delete provider key"
                    body="Requests stop using this key at once. This cannot be undone: to use it again, add the key anew."
                    pending=change.pending()
                    error=failure_message(change)
                    on_confirm=move |_| { change.dispatch(Change::Delete(id.clone())); }
                    on_close=close
                />
            }
        })}
    }
}

/// A credential's name, or its provider and label when it has none.
fn display(k: &ByokKey) -> String {
    k.name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("{} {}", k.provider, k.label))
}

/// What a credential is set to, in words.
fn settings(k: &ByokKey) -> String {
    let mut out = Vec::new();
    if k.disabled {
        out.push("disabled");
    }
    if k.is_byok_only {
        out.push("BYOK only");
    }
    if k.is_fallback {
        out.push("fallback");
    }
    if k.is_required {
        out.push("required");
    }
    match k.declared_zdr {
        Some(true) => out.push("zero data retention declared"),
        Some(false) => out.push("retains data"),
        None => {}
    }
    if k.allowed_models.is_some()
        || k.allowed_api_key_hashes.is_some()
        || k.allowed_user_ids.is_some()
    {
        out.push("restricted");
    }
    if out.is_empty() {
        "—".to_string()
    } else {
        out.join(", ")
    }
}

fn byok_table(
    list: Vec<ByokKey>,
    open: RwSignal<Option<Open>>,
    deleting: RwSignal<Option<ByokKey>>,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="ora-empty" id="ora-byok-empty">"No provider keys in this workspace yet."</p> }
            .into_any();
    }
    let rows = list
        .into_iter()
        .map(|k| {
            let name = display(&k);
            let (edit, delete) = (k.clone(), k.clone());
            view! {
                <tr>
                    <td class="ora-mono">{k.provider.to_string()}</td>
                    <td>{name.clone()}</td>
                    <td class="ora-mono">{k.label.clone()}</td>
                    <td>{settings(&k)}</td>
                    <td class="ora-num">{k.sort_order}</td>
                    <td>{date(k.created_at.as_str())}</td>
                    <td>
                        <div class="ora-row">
                            <button class="ora-btn ora-btn-small" id=format!("ora-byok-edit-{}", k.id)
                                aria-label=format!("Edit {name}") on:click=move |_| open.set(Some(Open::Edit(Box::new(edit.clone()))))>"Edit"</button>
                            <button class="ora-btn ora-btn-small ora-btn-danger" id=format!("ora-byok-delete-{}", k.id)
                                aria-label=format!("Delete {name}") on:click=move |_| deleting.set(Some(delete.clone()))>"Delete"</button>
                        </div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ora-table-wrap">
            <table class="ora-table" id="ora-byok-table">
                <caption class="ora-sr">"Provider keys"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Provider"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Key"</th>
                        <th scope="col">"Settings"</th>
                        <th scope="col">"Order"</th>
                        <th scope="col">"Added"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `declared_zdr` as the form's select holds it: "" not declared, "yes", "no".
fn zdr_value(v: Option<bool>) -> &'static str {
    match v {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    }
}

fn zdr_parse(v: &str) -> Option<bool> {
    match v {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The add or edit dialog. An edit sends only what changed, and the key only when a new one
/// is typed.
#[component]
fn ByokDialog(
    /// Add, or edit this credential.
    open: Open,
    /// The tab's write.
    change: ChangeAction,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let existing = match &open {
        Open::Add => None,
        Open::Edit(k) => Some((**k).clone()),
    };
    let was = StoredValue::new(existing.clone());
    let provider = RwSignal::new(
        existing
            .as_ref()
            .map(|k| k.provider.to_string())
            .unwrap_or_else(|| "openai".to_string()),
    );
    let name = RwSignal::new(
        existing
            .as_ref()
            .and_then(|k| k.name.clone())
            .unwrap_or_default(),
    );
    let key = RwSignal::new(String::new());
    let disabled = RwSignal::new(existing.as_ref().is_some_and(|k| k.disabled));
    let fallback = RwSignal::new(existing.as_ref().is_some_and(|k| k.is_fallback));
    let byok_only = RwSignal::new(existing.as_ref().is_some_and(|k| k.is_byok_only));
    let required = RwSignal::new(existing.as_ref().is_some_and(|k| k.is_required));
    let zdr = RwSignal::new(zdr_value(existing.as_ref().and_then(|k| k.declared_zdr)).to_string());

    // What the dialog would send, or why it cannot.
    let body = move || -> Result<Change, Vec<FieldError>> {
        let name_now = name.get().trim().to_string();
        match was.get_value() {
            None => {
                let mut b = CreateByokKey::new(provider.get(), Secret::new(key.get()));
                if !name_now.is_empty() {
                    b = b.name(name_now);
                }
                if disabled.get() {
                    b = b.disabled(true);
                }
                if fallback.get() {
                    b = b.is_fallback(true);
                }
                if byok_only.get() {
                    b = b.is_byok_only(true);
                }
                if required.get() {
                    b = b.is_required(true);
                }
                if let Some(z) = zdr_parse(&zdr.get()) {
                    b = b.declared_zdr(z);
                }
                let errs = b.field_errors();
                if errs.is_empty() {
                    Ok(Change::Add(b))
                } else {
                    Err(errs)
                }
            }
            Some(k) => {
                let mut p = UpdateByokKey::new();
                if !key.get().is_empty() {
                    p = p.key(Secret::new(key.get()));
                }
                if Some(name_now.as_str()) != k.name.as_deref().map(str::trim) {
                    p.name = if name_now.is_empty() {
                        Patch::Null
                    } else {
                        Patch::Value(name_now)
                    };
                }
                for (now, then, slot) in [
                    (disabled.get(), k.disabled, &mut p.disabled),
                    (fallback.get(), k.is_fallback, &mut p.is_fallback),
                    (byok_only.get(), k.is_byok_only, &mut p.is_byok_only),
                    (required.get(), k.is_required, &mut p.is_required),
                ] {
                    if now != then {
                        *slot = Patch::Value(now);
                    }
                }
                // Exclusive on the credential as it would be, as the API judges it.
                let mut errs = p.field_errors();
                if fallback.get()
                    && byok_only.get()
                    && errs.iter().all(|e| e.field != "is_byok_only")
                {
                    errs.push(FieldError::new(
                        "is_byok_only",
                        "exclusive",
                        "is_byok_only cannot be combined with is_fallback",
                    ));
                }
                let z = zdr_parse(&zdr.get());
                if z != k.declared_zdr {
                    p = p.declared_zdr(z);
                }
                if errs.is_empty() {
                    Ok(Change::Edit(k.id.clone(), p))
                } else {
                    Err(errs)
                }
            }
        }
    };
    let errors = FormErrors::new(Signal::derive(move || body().err().unwrap_or_default()));
    let err_for = move |field: &'static str| errors.of(field);

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.touch();
        // A second click while the first is on its way must not add a second credential.
        if change.pending().get_untracked() {
            return;
        }
        if let Ok(c) = body() {
            change.dispatch(c);
        }
    };
    let server_error = move || {
        failure_message(change)
            .get()
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-byok-error">{text}</div> })
    };
    let adding = was.with_value(Option::is_none);
    let title = match &open {
        Open::Add => "Add provider key".to_string(),
        Open::Edit(k) => format!("Edit “{}”", display(k)),
    };
    let providers = BYOK_PROVIDERS
        .iter()
        .map(|p| view! { <option value=*p>{*p}</option> })
        .collect_view();
    let key_label = if adding {
        "Provider key"
    } else {
        "Replace the key (optional)"
    };
    let key_hint = if adding {
        "Sent once, when you add it; never shown again."
    } else {
        "Leave empty to keep the current key. A new one is sent once and never shown again."
    };

    view! {
        <Dialog title=title on_close=on_close>
            <form on:submit=submit novalidate>
                <div class="ora-dialog-body">
                    {server_error}
                    <div class="ora-grid2">
                        <div class="ora-field">
                            <label for="ora-byok-provider">"Provider"</label>
                            <select id="ora-byok-provider" class="ora-select" disabled=!adding
                                prop:value=move || provider.get() on:change=move |ev| provider.set(event_target_value(&ev))
                                aria-describedby="ora-byok-provider-error">
                                {(!adding).then(|| {
                                    let p = provider.get_untracked();
                                    view! { <option value=p.clone()>{p.clone()}</option> }
                                })}
                                {adding.then_some(providers)}
                            </select>
                            <span class="ora-error" id="ora-byok-provider-error">{err_for("provider")}</span>
                        </div>
                        <div class="ora-field">
                            <label for="ora-byok-name">"Name"</label>
                            <input id="ora-byok-name" class="ora-input" prop:value=move || name.get()
                                on:input=move |ev| name.set(event_target_value(&ev)) aria-describedby="ora-byok-name-error" />
                            <span class="ora-error" id="ora-byok-name-error">{err_for("name")}</span>
                        </div>
                    </div>
                    <div class="ora-field">
                        <label for="ora-byok-key">{key_label}</label>
                        <input id="ora-byok-key" class="ora-input ora-mono" type="password" autocomplete="new-password"
                            spellcheck="false" prop:value=move || key.get()
                            on:input=move |ev| { key.set(event_target_value(&ev)); errors.touch(); }
                            aria-describedby="ora-byok-key-hint ora-byok-key-error" />
                        <span class="ora-hint" id="ora-byok-key-hint">{key_hint}</span>
                        <span class="ora-error" id="ora-byok-key-error">{err_for("key")}</span>
                    </div>
                    <fieldset class="ora-fieldset">
                        <legend>"How requests use it"</legend>
                        <div class="ora-checks">
                            <label class="ora-check"><input type="checkbox" id="ora-byok-only" bind:checked=byok_only
                                aria-describedby="ora-byok-only-error" />"BYOK only: never fall back to OpenRouter's own key"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-byok-fallback" bind:checked=fallback />"Fallback: used after this provider's other keys"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-byok-required" bind:checked=required />"Required: requests fail without it"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-byok-disabled" bind:checked=disabled />"Disabled"</label>
                        </div>
                        <span class="ora-error" id="ora-byok-only-error">{err_for("is_byok_only")}</span>
                    </fieldset>
                    <div class="ora-field">
                        <label for="ora-byok-zdr">"Zero data retention"</label>
                        <select id="ora-byok-zdr" class="ora-select" prop:value=move || zdr.get()
                            on:change=move |ev| zdr.set(event_target_value(&ev))>
                            <option value="">"Not declared"</option>
                            <option value="yes">"Declared: the provider account retains no data"</option>
                            <option value="no">"Declared: the provider account retains data"</option>
                        </select>
                    </div>
                </div>
                <div class="ora-dialog-foot">
                    <button class="ora-btn" type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button class="ora-btn ora-btn-primary" type="submit" id="ora-byok-save" disabled=move || change.pending().get()>
                        {move || match (adding, change.pending().get()) {
                            (true, true) => "Adding…",
                            (true, false) => "Add key",
                            (false, true) => "Saving…",
                            (false, false) => "Save",
                        }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
