//! One API key: details, edit (only changed fields), disable/enable, rotate, delete.

use super::keys::{now_iso, status, status_badge, window_spend, SecretDialog};
use super::workspaces::date;
use crate::components::{error_view, loading, usd, ConfirmByName, Dialog, UsageBar};
use crate::route::{use_router, Route, Tab};
use crate::services::{abort_on_cleanup, use_toasts};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, CreatedKey, LimitReset, UpdateKey};
use openrouter_admin::validate::Validate;

/// The key page.
#[component]
pub fn KeyPage(
    /// The key's hash.
    hash: String,
) -> impl IntoView {
    // -- resources --
    let hash = StoredValue::new(hash);
    let key = LocalResource::new(move || {
        let signal = abort_on_cleanup();
        let hash = hash.get_value();
        async move { use_client()?.key(hash).get().signal(signal).send().await }
    });
    let refresh = Callback::new(move |_| key.refetch());

    view! {
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let k = key.await?;
                    Ok::<_, openrouter_admin::Error>(view! { <KeyDetail k=k on_change=refresh /> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn KeyDetail(
    /// The key as loaded.
    k: ApiKey,
    /// Reloads the key after a write.
    on_change: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let toasts = use_toasts();
    let router = use_router();
    let orig = StoredValue::new(k.clone());
    let name = RwSignal::new(k.name.clone());
    let limit = RwSignal::new(k.limit.map(crate::num::plain).unwrap_or_default());
    let reset = RwSignal::new(
        k.limit_reset
            .as_ref()
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
    );
    let byok = RwSignal::new(k.include_byok_in_limit);
    let confirm_delete = RwSignal::new(false);
    let confirm_rotate = RwSignal::new(false);
    let secret = RwSignal::new_local(None::<CreatedKey>);
    let copied = RwSignal::new(false);
    let acknowledged = RwSignal::new(false);
    let ws_slug = k.workspace_id.as_str().to_string();

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
                crate::num::parse(l.trim())
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

    // -- actions --
    let save = Action::new_local(move |p: &UpdateKey| {
        let p = p.clone();
        let hash = orig.get_value().hash;
        async move { use_client()?.key(hash).update(p).send().await }
    });
    let toggle = Action::new_local(move |disable: &bool| {
        let disable = *disable;
        let hash = orig.get_value().hash;
        async move {
            use_client()?
                .key(hash)
                .update(UpdateKey::new().disabled(disable))
                .send()
                .await
        }
    });
    let delete = Action::new_local(move |_: &()| {
        let hash = orig.get_value().hash;
        async move { use_client()?.key(hash).delete().send().await }
    });
    let rotate = Action::new_local(move |_: &()| {
        let hash = orig.get_value().hash;
        async move { use_client()?.key(hash).rotate().send().await }
    });

    // -- effects: writes refresh the key they touched --
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => {
            toasts.ok("Key saved");
            on_change.run(());
        }
        Some(Err(e)) => toasts.error(format!("Not saved: {}", e.message())),
        None => {}
    });
    Effect::new(move || match toggle.value().get() {
        Some(Ok(k)) => {
            toasts.ok(if k.disabled {
                "Key disabled"
            } else {
                "Key enabled"
            });
            on_change.run(());
        }
        Some(Err(e)) => toasts.error(e.message().to_string()),
        None => {}
    });
    let ws_for_delete = ws_slug.clone();
    Effect::new(move || {
        if let Some(Ok(())) = delete.value().get() {
            toasts.ok("Key deleted");
            router.push(&Route::Workspace(ws_for_delete.clone(), Tab::Keys).href());
        }
    });
    Effect::new(move || match rotate.value().get() {
        Some(Ok(rotation)) => {
            confirm_rotate.set(false);
            if let Some(e) = &rotation.disable_error {
                toasts.error(format!(
                    "New key created, but the old one could not be disabled: {}",
                    e.message()
                ));
            }
            secret.set(Some(rotation.created.clone()));
            rotate.value().set(None);
        }
        Some(Err(e)) => toasts.error(format!("Rotation failed: {}", e.message())),
        None => {}
    });

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(p) = patch() {
            save.dispatch(p);
        }
    };
    let after_rotation = Callback::new(move |_| {
        let next = secret.with_untracked(|s| s.as_ref().map(|c| c.data.hash.as_str().to_string()));
        secret.set(None);
        if let Some(h) = next {
            router.push(&Route::Key(h).href());
        }
    });
    let delete_error = crate::components::failure_message(delete);
    let now = now_iso();
    let st = status(&k, &now);
    let disabled = k.disabled;

    view! {
        <div class="ora-crumbs">
            <a href=Route::Workspaces.href()>"Workspaces"</a>" / "
            <a href=Route::Workspace(ws_slug.clone(), Tab::Keys).href()>"Workspace keys"</a>" / "{k.name.clone()}
        </div>
        <div class="ora-head">
            <div>
                <h1>{k.name.clone()}" "{status_badge(st)}</h1>
                <p class="ora-mono">{k.label.clone()}</p>
            </div>
            <div class="ora-row">
                <button class="ora-btn" id="ora-toggle" disabled=move || toggle.pending().get() on:click=move |_| { toggle.dispatch(!disabled); }>
                    {if disabled { "Enable" } else { "Disable" }}
                </button>
                <button class="ora-btn" id="ora-rotate" on:click=move |_| confirm_rotate.set(true)>"Rotate"</button>
                <button class="ora-btn ora-btn-danger" id="ora-delete-key" on:click=move |_| confirm_delete.set(true)>"Delete"</button>
            </div>
        </div>
        <div class="ora-grid2">
            <section class="ora-card" aria-labelledby="ora-usage-h">
                <h2 id="ora-usage-h">"Usage"</h2>
                <UsageBar used=window_spend(&k) limit=k.limit reset=k.limit_reset.as_ref().map(|r| r.as_str().to_string()) />
                <dl class="ora-kv">
                    <dt>"Today"</dt><dd>{usd(k.usage_daily)}</dd>
                    <dt>"This week"</dt><dd>{usd(k.usage_weekly)}</dd>
                    <dt>"This month"</dt><dd>{usd(k.usage_monthly)}</dd>
                    <dt>"Lifetime"</dt><dd>{usd(k.usage)}</dd>
                    <dt>"BYOK (day / week / month / all)"</dt>
                    <dd>{format!("{} / {} / {} / {}", usd(k.byok_usage_daily), usd(k.byok_usage_weekly), usd(k.byok_usage_monthly), usd(k.byok_usage))}</dd>
                    <dt>"Expires"</dt><dd>{k.expires_at.as_ref().map(|e| e.as_str().to_string()).unwrap_or_else(|| "never".into())}</dd>
                    <dt>"Created"</dt><dd>{date(k.created_at.as_str())}</dd>
                    <dt>"Hash"</dt><dd class="ora-mono">{k.hash.as_str().get(..16).unwrap_or_default().to_string()}"…"</dd>
                </dl>
            </section>
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
                <div class="ora-field">
                    <label for="ora-edit-reset">"Limit resets"</label>
                    <select id="ora-edit-reset" class="ora-select" prop:value=move || reset.get() on:change=move |ev| reset.set(event_target_value(&ev))>
                        <option value="">"Never"</option>
                        <option value="daily">"Daily"</option>
                        <option value="weekly">"Weekly"</option>
                        <option value="monthly">"Monthly"</option>
                    </select>
                </div>
                <label class="ora-check"><input type="checkbox" id="ora-edit-byok" bind:checked=byok />"Count BYOK usage toward the limit"</label>
                <p class="ora-error" role="alert">{form_error}</p>
                <button class="ora-btn ora-btn-primary" type="submit" id="ora-key-save" disabled=move || save.pending().get() || form_error().is_some()>
                    "Save changes"
                </button>
            </form>
        </div>
        <Show when=move || confirm_delete.get()>
            <ConfirmByName
                what="key"
                name=orig.get_value().name
                action="Delete key"
                pending=delete.pending()
                error=delete_error
                on_confirm=move |_| { delete.dispatch(()); }
                on_close=move |_| confirm_delete.set(false)
            />
        </Show>
        <Show when=move || confirm_rotate.get()>
            <Dialog title="Rotate this key?" on_close=move |_| confirm_rotate.set(false)>
                <div class="ora-dialog-body">
                    <p>"A new key with the same name, limit, reset and expiry is created in the same workspace, and this one is disabled. Applications must switch to the new secret."</p>
                </div>
                <div class="ora-dialog-foot">
                    <button class="ora-btn" on:click=move |_| confirm_rotate.set(false)>"Cancel"</button>
                    <button class="ora-btn ora-btn-primary" id="ora-rotate-confirm" disabled=move || rotate.pending().get() on:click=move |_| { rotate.dispatch(()); }>
                        {move || if rotate.pending().get() { "Rotating…" } else { "Rotate" }}
                    </button>
                </div>
            </Dialog>
        </Show>
        <Show when=move || secret.with(Option::is_some)>
            <SecretDialog secret=secret copied=copied acknowledged=acknowledged on_done=after_rotation />
        </Show>
    }
}
