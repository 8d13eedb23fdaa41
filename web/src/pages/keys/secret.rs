//! A just-created key's secret, shown once (after a create or a rotation).

use crate::components::dialog::Dialog;
use leptos::prelude::*;
use openrouter_admin::models::CreatedKey;

/// Shows a just-created key's secret once: copy button, no accidental dismissal, forgotten on close.
#[component]
pub fn SecretDialog(
    /// The created key; set to `None` by `on_done`.
    secret: RwSignal<Option<CreatedKey>, LocalStorage>,
    /// Closes the dialog and forgets the secret.
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let acknowledged = RwSignal::new(false);
    let text = move || {
        secret.with(|s| {
            s.as_ref()
                .map(|c| c.key.expose_secret().to_string())
                .unwrap_or_default()
        })
    };
    let name = move || secret.with(|s| s.as_ref().map(|c| c.data.name.clone()).unwrap_or_default());
    let copy = move |_| {
        #[cfg(target_arch = "wasm32")]
        {
            let clip = window().navigator().clipboard();
            let _ = clip.write_text(&text());
        }
        copied.set(true);
    };
    view! {
        <Dialog title="Copy your new key now" on_close=|_| {} sticky=true>
            <div class="ora-dialog-body">
                <p>"This is the only time the secret of " <strong>{name}</strong> " is shown. Store it somewhere safe; it cannot be shown again."</p>
                <div class="ora-secret">
                    <code id="ora-secret" class="ora-mono">{text}</code>
                    <button class="ora-btn ora-btn-small" id="ora-copy" on:click=copy>
                        {move || if copied.get() { "Copied" } else { "Copy" }}
                    </button>
                </div>
                <br />
                <label class="ora-check">
                    <input type="checkbox" id="ora-secret-ack" bind:checked=acknowledged />
                    "I have stored this key"
                </label>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn ora-btn-primary" id="ora-secret-done" disabled=move || !acknowledged.get() on:click=move |_| on_done.run(())>
                    "Done"
                </button>
            </div>
        </Dialog>
    }
}
