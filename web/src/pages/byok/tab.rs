//! A workspace's BYOK tab: the provider keys, add, edit (and replace the key), delete.

use crate::components::form::RowActions;
use crate::components::loaded::Loaded;
use crate::format::date;
use crate::pages::byok::dialog::{display, look_for, without_key, ByokDialog, LostByok, Open};
use crate::pages::change::{changed_list, Boxed, Change, Changes, Tab};
use crate::services::{every, read};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{ByokKey, ByokKeyId, CreateByokKey, UpdateByokKey, Workspace};

/// Sends a change of the tab in the workspace `ws`.
fn send(
    ws: String,
    c: Change<CreateByokKey, ByokKeyId, UpdateByokKey>,
) -> Boxed<Result<(), openrouter_admin::Error>> {
    Box::pin(async move {
        let client = use_client()?;
        match c {
            Change::Add(body) => client.workspace(&ws).byok().create(body).send().await,
            Change::Edit(id, patch) => client.byok_key(id).update(patch).send().await,
            Change::Delete(id) => return client.byok_key(id).delete().send().await,
        }
        .map(drop)
    })
}

/// The BYOK tab.
#[component]
pub fn ByokKeys(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- the tab: its dialogs and its one write (add, edit or delete) --
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let lost = LostByok::new();
    let changes = Changes {
        done: [
            "Provider key added",
            "Provider key saved",
            "Provider key deleted",
        ],
        lost,
        asked: without_key,
        send,
        look: |lost, ws| Box::pin(look_for(lost, ws)),
    };
    let tab: Tab<Open, ByokKey, _, _, _> = Tab::new(changes, ws_id, |r| changed_list(r, |_| false));
    let Tab {
        open,
        deleting,
        change,
        written,
        close,
    } = tab;

    // -- resources: the credentials, again after each write that went through --
    let keys = read(move |signal| {
        let _written = written.get();
        let id = ws_id.get_value();
        async move {
            every(
                use_client()?.workspace(&id).byok().list().limit(100),
                signal,
            )
            .await
        }
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
        {move || open.get().map(|o| view! {
            <ByokDialog open=o change=change lost=lost ws_id=ws_id on_close=close
                on_open=move |k| open.set(Some(Open::Edit(Box::new(k)))) />
        })}
        {move || deleting.get().map(|k| tab.confirm_delete("provider key", display(&k), k.id,
            "Requests stop using this key at once. This cannot be undone: to use it again, add the key anew."))}
    }
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
                        <RowActions id_base="ora-byok" key=k.id.to_string() name=name
                            on_edit=move |()| open.set(Some(Open::Edit(Box::new(edit.clone()))))
                            on_delete=move |()| deleting.set(Some(delete.clone())) />
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
