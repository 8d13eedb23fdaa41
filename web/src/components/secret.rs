//! Secrets shown once, each with Copy: a created or rotated key's, the keys a plan's apply made.
//! The dialog closes only by "Done", once the user says they stored them; its caller then drops
//! the secrets, so nothing of them stays in the page.

use crate::components::dialog::Dialog;
use leptos::prelude::*;
use openrouter_admin::models::CreatedKey;
use openrouter_admin::orgfile::apply::NewSecret;
use openrouter_admin::Secret;

/// One secret to show: whose it is and its value.
#[derive(Clone)]
pub struct Shown {
    /// The key's name, or the file's address (`keys.ci`).
    pub name: String,
    /// Shown beside the name (the new key's hash), if anything.
    pub detail: Option<String>,
    /// The value, redacted in `Debug`.
    pub secret: Secret,
}

impl Shown {
    /// A just-created (or rotated) key's secret, named by the key.
    pub fn created(key: &CreatedKey) -> Self {
        Shown {
            name: key.data.name.clone(),
            detail: None,
            secret: key.key.clone(),
        }
    }

    /// A key an apply made, named by its address in the file, with its hash.
    pub fn applied(new: &NewSecret) -> Self {
        Shown {
            name: new.address.clone(),
            detail: Some(new.hash.to_string()),
            secret: new.secret.clone(),
        }
    }
}

/// The secrets of `secrets`, shown once: no accidental dismissal (Escape and the backdrop do
/// nothing), a Copy button each, "Done" only once the user ticks that they stored them.
///
/// Ids: the list `ora-secrets`; the first secret `ora-secret` and its button `ora-copy`, the
/// others `ora-secret-{i}` and `ora-copy-{i}`; `ora-secret-ack`, `ora-secret-done`.
#[component]
pub fn ShownOnce(
    /// What to show, in order; the caller drops its own copy in `on_done`.
    secrets: Vec<Shown>,
    /// Said after "This is the only time …", for where else the secrets are not.
    #[prop(optional)]
    note: Option<&'static str>,
    /// Closes the dialog; the caller forgets the secrets there.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let copied = RwSignal::new(None::<usize>);
    let acknowledged = RwSignal::new(false);
    let one = secrets.len() == 1;
    let items = secrets
        .into_iter()
        .enumerate()
        .map(|(i, shown)| {
            let suffix = if i == 0 { String::new() } else { format!("-{i}") };
            let value = shown.secret.expose_secret().to_owned();
            let secret = shown.secret;
            let copy = move |_| {
                #[cfg(target_arch = "wasm32")]
                {
                    let _ = window()
                        .navigator()
                        .clipboard()
                        .write_text(secret.expose_secret());
                }
                #[cfg(not(target_arch = "wasm32"))]
                let _ = &secret;
                copied.set(Some(i));
            };
            let detail = shown
                .detail
                .map(|d| view! { " " <span class="ora-muted ora-mono">{d}</span> });
            view! {
                <li>
                    <strong>{shown.name}</strong> {detail}
                    <div class="ora-secret">
                        <code id=format!("ora-secret{suffix}") class="ora-mono">{value}</code>
                        <button class="ora-btn ora-btn-small" id=format!("ora-copy{suffix}") on:click=copy>
                            {move || if copied.get() == Some(i) { "Copied" } else { "Copy" }}
                        </button>
                    </div>
                </li>
            }
        })
        .collect_view();
    let (title, said, ack) = if one {
        (
            "Copy your new key now",
            "This is the only time this secret is shown",
            "I have stored this key",
        )
    } else {
        (
            "Copy the new keys now",
            "This is the only time these secrets are shown",
            "I have stored these keys",
        )
    };
    let rest = if one {
        "Store it somewhere safe; it cannot be shown again."
    } else {
        "Store them somewhere safe; they cannot be shown again."
    };
    let note = note.map(|n| format!(": {n}")).unwrap_or_default();
    view! {
        <Dialog title=title on_close=|()| {} sticky=true>
            <div class="ora-dialog-body">
                <p>{format!("{said}{note}. {rest}")}</p>
                <ul class="ora-plain-list" id="ora-secrets">{items}</ul>
                <label class="ora-check">
                    <input type="checkbox" id="ora-secret-ack" bind:checked=acknowledged />
                    {ack}
                </label>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn ora-btn-primary" id="ora-secret-done" disabled=move || !acknowledged.get()
                    on:click=move |_| on_done.run(())>
                    "Done"
                </button>
            </div>
        </Dialog>
    }
}
