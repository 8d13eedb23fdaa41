//! A workspace's keys tab: search, sort and the include-disabled switch (in the URL), the table,
//! and the create dialog. The list loads again after a bulk action or a create goes through.

use crate::components::field::SearchBox;
use crate::components::loaded::Loaded;
use crate::pages::guardrails::load::load_key_guardrails;
use crate::pages::keys::bulk::bulk_action;
use crate::pages::keys::create::{create_action, create_changed_list, CreateKeyDialog, LostKey};
use crate::pages::keys::table::KeyTable;
use crate::route::use_router;
use crate::services::read;
use crate::session::use_client;
use crate::write::{succeeded, succeeded_if};
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, CreatedKey, Workspace};
use std::rc::Rc;

/// Every key of a workspace, all pages.
pub async fn load_keys(
    ws: String,
    include_disabled: bool,
    signal: openrouter_admin::CancelSignal,
) -> Result<Rc<Vec<ApiKey>>, openrouter_admin::Error> {
    let client = use_client()?;
    let keys = client
        .keys()
        .list()
        .workspace(ws)
        .include_disabled(include_disabled)
        .paginate()
        .signal(signal)
        .collect_all()
        .await?;
    Ok(Rc::new(keys))
}

/// The keys tab.
#[component]
pub fn KeyList(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- signals: search, sort and the include-disabled switch live in the URL --
    let router = use_router();
    let q = Memo::new(move |_| router.param("q"));
    let sort = Memo::new(move |_| router.param("sort"));
    let include_disabled = Memo::new(move |_| router.param("disabled") == "1");
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let creating = RwSignal::new(false);
    // A created key's secret, until its dialog is closed.
    let secret = RwSignal::new_local(None::<CreatedKey>);

    // -- actions: here, above the table, so the results of a bulk action outlive the reload --
    let bulk = bulk_action();
    let lost = LostKey::new();
    let create = create_action(secret, lost);
    let (bulk_done, created) = (succeeded(bulk), succeeded_if(create, create_changed_list));

    // -- resources: the keys and their guardrails, again after each write that went through --
    let keys = read(move |signal| {
        let _written = (bulk_done.get(), created.get());
        load_keys(ws_id.get_value(), include_disabled.get(), signal)
    });
    let guardrails = read(move |signal| {
        let _written = bulk_done.get();
        load_key_guardrails(ws_id.get_value(), signal)
    });

    view! {
        <div class="ora-head">
            <div class="ora-row">
                <SearchBox id="ora-key-search" label="Search keys" placeholder="Search name or label" />
                <label class="ora-check">
                    <input
                        type="checkbox"
                        id="ora-include-disabled"
                        role="switch"
                        prop:checked=move || include_disabled.get()
                        on:change=move |ev| router.set_param("disabled", if event_target_checked(&ev) { "1" } else { "" })
                    />
                    "Include disabled"
                </label>
            </div>
            <button class="ora-btn ora-btn-primary" id="ora-new-key" on:click=move |_| creating.set(true)>
                "Create key"
            </button>
        </div>
        <Loaded load=move || async move { Ok::<_, openrouter_admin::Error>((guardrails.await?, keys.await?)) } let:loaded>
            <KeyTable data=loaded.1 q=q sort=sort bulk=bulk guardrails=loaded.0 />
        </Loaded>
        <Show when=move || creating.get()>
            <CreateKeyDialog
                ws_id=ws_id.get_value()
                create=create
                secret=secret
                lost=lost
                on_close=move |_| creating.set(false)
            />
        </Show>
    }
}
