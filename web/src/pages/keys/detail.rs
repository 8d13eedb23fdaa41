//! One API key's page: details and usage, disable/enable, rotate, delete; the edit form is in
//! `edit.rs`. The key loads again after a save or a disable/enable goes through.

use crate::components::badge::StatusBadge;
use crate::components::chart::UsageBar;
use crate::components::confirm::{ConfirmByName, ConfirmDialog};
use crate::components::loaded::Loaded;
use crate::components::lost::{search, Lost, LostNotice};
use crate::components::secret::{Shown, ShownOnce};
use crate::domain::{now_iso, status, window_spend};
use crate::format::{date, expiry, usd, Nearness};
use crate::pages::activity::{ActivityPanel, Scope};
use crate::pages::guardrails::key::KeyGuardrail;
use crate::pages::keys::edit::{save_action, KeyEdit, SaveAction};
use crate::route::{use_router, Route, Tab};
use crate::services::{read, use_toasts};
use crate::session::use_client;
use crate::write::{failure_message, succeeded, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, CreateKey, CreatedKey, UpdateKey};

/// Disable (`true`) or enable a key.
type ToggleAction = Action<bool, Result<ApiKey, openrouter_admin::Error>>;

/// The key page.
#[component]
pub fn KeyPage(
    /// The key's hash.
    hash: String,
) -> impl IntoView {
    // -- actions: the writes that change what this page shows --
    let writes = use_writes();
    let hash = StoredValue::new(hash);
    let save = save_action(hash);
    let toggle: ToggleAction = Action::new_local(move |disable: &bool| {
        let (disable, hash) = (*disable, hash.get_value());
        writes.run(
            async move {
                use_client()?
                    .key(hash)
                    .update(UpdateKey::new().disabled(disable))
                    .send()
                    .await
            },
            |k| {
                Then::ok(if k.disabled {
                    "Key disabled"
                } else {
                    "Key enabled"
                })
            },
            Failure::Toast(""),
        )
    });
    let (saved, toggled) = (succeeded(save), succeeded(toggle));

    // -- resources: the key, again after each of those writes that went through --
    let key = read(move |signal| {
        let _written = (saved.get(), toggled.get());
        let hash = hash.get_value();
        async move { use_client()?.key(hash).get().signal(signal).send().await }
    });

    view! {
        <Loaded load=move || key let:k>
            <KeyDetail k=k save=save toggle=toggle />
        </Loaded>
    }
}

/// The key as loaded: header and buttons, usage, the edit form, and the dialogs.
#[component]
fn KeyDetail(
    /// The key as loaded.
    k: ApiKey,
    /// Saves the edit form.
    save: SaveAction,
    /// Disables or enables the key.
    toggle: ToggleAction,
) -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let router = use_router();
    let confirm_delete = RwSignal::new(false);
    // `?rotate=1`: sent here to rotate a key whose secret was lost with its create's answer.
    let confirm_rotate = RwSignal::new(router.param("rotate") == "1");
    let secret = RwSignal::new_local(None::<CreatedKey>);
    let hash = StoredValue::new(k.hash.as_str().to_string());
    let ws_slug = k.workspace_id.as_str().to_string();

    // -- actions: delete goes back to the workspace's keys; rotate shows the new secret --
    let back = Route::Workspace(ws_slug.clone(), Tab::Keys);
    let delete = Action::new_local(move |_: &()| {
        let (hash, back) = (hash.get_value(), back.clone());
        writes.run(
            async move { use_client()?.key(hash).delete().send().await },
            |_| Then::ok("Key deleted").go(back),
            Failure::Shown,
        )
    });
    // A rotation whose create lost its answer: the successor (same name and workspace, created
    // since the rotation began) is searched for before the user may rotate again.
    let toasts = use_toasts();
    let lost = RwSignal::new_local(Lost::<ApiKey>::Clear);
    let successor = StoredValue::new_local((
        CreateKey::new(k.name.clone()).workspace_id(k.workspace_id.clone()),
        0.0,
    ));
    let look = move || async move {
        let (body, since_ms) = successor.get_value();
        let old = hash.get_value();
        search(lost, async move {
            let found = use_client()?
                .keys()
                .reconcile(&body, since_ms)
                .send()
                .await?;
            // A key created within the clock-skew allowance could be the old key itself.
            Ok(found.filter(|f| f.hash.as_str() != old))
        })
        .await;
    };
    let rotate = Action::new_local(move |_: &()| {
        let hash = hash.get_value();
        lost.set(Lost::Clear);
        successor.update_value(|(_, since)| *since = openrouter_admin::time::now_ms());
        let rotated = writes.run(
            async move { use_client()?.key(hash).rotate().send().await },
            move |rotation| {
                confirm_rotate.set(false);
                secret.set(Some(rotation.created.clone()));
                match &rotation.disable_error {
                    Some(e) => Then::warning(format!(
                        "New key created, but the old one could not be disabled: {}",
                        e.message()
                    )),
                    None => Then::quiet(),
                }
            },
            Failure::Shown,
        );
        // The new secret lives in `secret` only, not in the action's value.
        async move {
            let rotated = rotated.await;
            match &rotated {
                Err(e) if e.is_outcome_unknown() => {
                    confirm_rotate.set(false);
                    look().await;
                }
                Err(e) => toasts.error(format!("Rotation failed: {}", e.message())),
                Ok(_) => {}
            }
            rotated.map(|_| ())
        }
    });

    // -- callbacks --
    let after_rotation = Callback::new(move |_| {
        let next = secret.with_untracked(|s| s.as_ref().map(|c| c.data.hash.as_str().to_string()));
        secret.set(None);
        if let Some(h) = next {
            router.push(&Route::Key(h).href());
        }
    });
    let st = status(&k, &now_iso());
    let disabled = k.disabled;
    let name = k.name.clone();
    let reset = k.limit_reset.as_ref().map(|r| r.as_str().to_string());

    view! {
        <div class="ora-crumbs">
            <a href=Route::Workspaces.href()>"Workspaces"</a>" / "
            <a href=Route::Workspace(ws_slug.clone(), Tab::Keys).href()>"Workspace keys"</a>" / "{k.name.clone()}
        </div>
        <div class="ora-head">
            <div>
                <h1>{k.name.clone()}" "<StatusBadge status=st /></h1>
                <p class="ora-mono">{k.label.clone()}</p>
            </div>
            <div class="ora-row">
                <button class="ora-btn" id="ora-toggle" disabled=move || toggle.pending().get() on:click=move |_| { toggle.dispatch(!disabled); }>
                    {if disabled { "Enable" } else { "Disable" }}
                </button>
                <button class="ora-btn" id="ora-rotate" disabled=move || lost.with(Lost::blocks_create) on:click=move |_| confirm_rotate.set(true)>
                    {move || if lost.with(|l| *l == Lost::NotFound) { "Rotate again" } else { "Rotate" }}
                </button>
                <button class="ora-btn ora-btn-danger" id="ora-delete-key" on:click=move |_| confirm_delete.set(true)>"Delete"</button>
            </div>
        </div>
        <LostNotice lost=lost what="new key" again=move |()| leptos::task::spawn_local_scoped(look()) />
        <LostSuccessor lost=lost />
        <div class="ora-grid2">
            <section class="ora-card" aria-labelledby="ora-usage-h">
                <h2 id="ora-usage-h">"Usage"</h2>
                <UsageBar used=window_spend(&k) limit=k.limit reset=reset />
                <dl class="ora-kv">
                    <dt>"Today"</dt><dd>{usd(k.usage_daily)}</dd>
                    <dt>"This week"</dt><dd>{usd(k.usage_weekly)}</dd>
                    <dt>"This month"</dt><dd>{usd(k.usage_monthly)}</dd>
                    <dt>"Lifetime"</dt><dd>{usd(k.usage)}</dd>
                    <dt>"BYOK (day / week / month / all)"</dt>
                    <dd>{format!("{} / {} / {} / {}", usd(k.byok_usage_daily), usd(k.byok_usage_weekly), usd(k.byok_usage_monthly), usd(k.byok_usage))}</dd>
                    <dt>"Expires"</dt>{expiry_view(k.expires_at.as_ref().map(|e| e.as_str()))}
                    <dt>"Created"</dt><dd>{date(k.created_at.as_str())}</dd>
                    <dt>"External user"</dt><dd id="ora-external-user">{k.external_user.clone().unwrap_or_else(|| "none".into())}</dd>
                    <dt>"Hash"</dt><dd class="ora-mono">{k.hash.as_str().get(..16).unwrap_or_default().to_string()}"…"</dd>
                </dl>
            </section>
            <KeyEdit k=k.clone() save=save />
        </div>
        <KeyGuardrail k=k.clone() />
        <ActivityPanel scope=Scope::Key(k.hash.as_str().to_string()) title="Key spend per day" />
        <Show when=move || confirm_delete.get()>
            <ConfirmByName
                what="key"
                name=name.clone()
                action="Delete key"
                pending=delete.pending()
                error=failure_message(delete)
                on_confirm=move |_| { delete.dispatch(()); }
                on_close=move |_| confirm_delete.set(false)
            />
        </Show>
        <Show when=move || confirm_rotate.get()>
            <ConfirmDialog
                title="Rotate this key?"
                body="A new key with the same name, limit, reset and expiry is created in the same workspace, and this one is disabled. Applications must switch to the new secret."
                action="Rotate"
                busy="Rotating…"
                id="ora-rotate-confirm"
                pending=rotate.pending()
                on_confirm=move |_| { rotate.dispatch(()); }
                on_close=move |_| confirm_rotate.set(false)
            />
        </Show>
        <Show when=move || secret.with(Option::is_some)>
            <ShownOnce secrets=secret.with_untracked(|s| s.iter().map(Shown::created).collect()) on_done=after_rotation />
        </Show>
    }
}

/// The successor a rotation made although its answer was lost: the old key still works, and the
/// new key's secret is gone, so it is of no use and should go before rotating again.
#[component]
fn LostSuccessor(
    /// Where the search stands.
    lost: RwSignal<Lost<ApiKey>, LocalStorage>,
) -> impl IntoView {
    move || {
        lost.with(|l| match l {
            Lost::Found(k) => Some(view! {
                <div class="ora-alert ora-alert-warn ora-lost" role="status" aria-live="polite" id="ora-lost-found">
                    <p><strong>{format!("The rotation made a new key ({}), but its answer was lost on the way back.", k.label)}</strong></p>
                    <p>"This key was not disabled and still works. The new key's secret was only in that lost answer and cannot be shown again: delete the new key, then rotate this one again."</p>
                    <a class="ora-btn" id="ora-lost-open" href=Route::Key(k.hash.as_str().to_string()).href()>"Open the new key"</a>
                </div>
            }),
            _ => None,
        })
    }
}

/// The key's expiry: its day, "expires in N days" when near, and a warning within a week.
fn expiry_view(at: Option<&str>) -> impl IntoView {
    let (text, near) = expiry(at, openrouter_admin::time::now_ms());
    let warn = matches!(near, Nearness::Soon | Nearness::Past);
    view! {
        <dd id="ora-key-expiry" class:ora-expiry-warn=warn>
            {warn.then(|| view! { <span class="ora-sr">"Warning: "</span> })}
            {text}
        </dd>
    }
}
