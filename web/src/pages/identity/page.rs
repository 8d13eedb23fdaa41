//! The identity-provider view: each group with the workspaces it maps into and the role it
//! gives, the groups mapped nowhere, add / change role / delete, and "Sync now".

use crate::components::loaded::Loaded;
use crate::pages::identity::changes::{
    lost_answer, map_action, read_idp, role_label, Idp, LostMapping,
};
use crate::pages::identity::delete::DeleteMapping;
use crate::pages::identity::dialogs::{AddMapping, ChangeRole};
use crate::pages::identity::sync::SyncNow;
use crate::route::{Route, Tab};
use crate::services::read;
use crate::write::succeeded_if;
use leptos::prelude::*;
use openrouter_admin::models::ScimGroupMapping;

/// The open dialog.
#[derive(Clone)]
enum Open {
    /// Add a mapping.
    Add(Idp),
    /// Change this mapping's role.
    Role(Idp, ScimGroupMapping),
    /// Delete this mapping.
    Delete(Idp, ScimGroupMapping),
}

/// The identity provider's groups and mappings.
#[component]
pub fn IdentityProvider() -> impl IntoView {
    // -- signals --
    let open = RwSignal::new(None::<Open>);
    let lost = LostMapping::new();
    let change = map_action(lost, move || open.set(None));
    // The list loads again after a change went through, or an add whose answer was lost (it
    // may be there), or after a sync ended.
    let written = succeeded_if(change, |r| r.as_ref().map_or_else(lost_answer, |_| true));
    let synced = RwSignal::new(0u32);
    let idp = read(move |signal| {
        let _ = (written.get(), synced.get());
        read_idp(signal)
    });
    let close = Callback::new(move |()| {
        change.value().set(None);
        open.set(None);
    });

    view! {
        <div class="ora-head">
            <div>
                <h1>"Identity provider"</h1>
                <p>"Groups from your identity provider (SCIM), and the workspaces each gives access to. Someone in several mapped groups gets the highest role; members added by hand are never changed by a mapping."</p>
            </div>
        </div>
        <SyncNow ended=move |_| synced.update(|n| *n += 1) />
        <Loaded load=move || idp let:idp>
            {view_of(idp, open)}
        </Loaded>
        {move || open.get().map(|o| match o {
            Open::Add(idp) => view! { <AddMapping idp=idp change=change lost=lost on_close=close /> }.into_any(),
            Open::Role(idp, m) => {
                let name = idp.describe(&m);
                view! { <ChangeRole mapping=m name=name change=change on_close=close /> }.into_any()
            }
            Open::Delete(idp, m) => view! { <DeleteMapping mapping=m idp=idp change=change on_close=close /> }.into_any(),
        })}
    }
}

/// The groups' table, a row per mapping, and a row for each group mapped nowhere.
fn view_of(idp: Idp, open: RwSignal<Option<Open>>) -> impl IntoView {
    let shared = StoredValue::new(idp.clone());
    let mut groups = idp.groups.clone();
    groups.sort_by_key(|g| crate::collate::lower(&g.display_name));
    let rows = groups
        .iter()
        .flat_map(|g| {
            let mut maps: Vec<&ScimGroupMapping> = idp
                .mappings
                .iter()
                .filter(|m| m.scim_group_id == g.id)
                .collect();
            maps.sort_by_key(|m| crate::collate::lower(&idp.workspace_name(m.workspace_id.as_str())));
            let external = g.external_id.clone().unwrap_or_default();
            let group = view! {
                <th scope="row" rowspan=maps.len().max(1)>
                    {g.display_name.clone()}
                    <div class="ora-muted">{external}</div>
                </th>
            };
            if maps.is_empty() {
                return vec![view! {
                    <tr>{group}<td colspan="3" class="ora-muted">"Not mapped to any workspace"</td></tr>
                }
                .into_any()];
            }
            let mut first = Some(group);
            maps.into_iter()
                .map(|m| {
                    let name = idp.describe(m);
                    let ws = idp.workspace_name(m.workspace_id.as_str());
                    let key = m.id.as_str().to_string();
                    let (for_role, for_delete) = (m.clone(), m.clone());
                    view! {
                        <tr data-mapping=key.clone()>
                            {first.take()}
                            <td><a href=Route::Workspace(m.workspace_id.as_str().to_string(), Tab::Members).href()>{ws}</a></td>
                            <td>{role_label(&m.role)}</td>
                            <td>
                                <div class="ora-row">
                                    <button class="ora-btn ora-btn-small" id=format!("ora-idp-role-{key}")
                                        aria-label=format!("Change role of {name}")
                                        on:click=move |_| open.set(Some(Open::Role(shared.get_value(), for_role.clone())))>"Change role"</button>
                                    <button class="ora-btn ora-btn-small ora-btn-danger" id=format!("ora-idp-delete-{key}")
                                        aria-label=format!("Delete the mapping {name}")
                                        on:click=move |_| open.set(Some(Open::Delete(shared.get_value(), for_delete.clone())))>"Delete"</button>
                                </div>
                            </td>
                        </tr>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>()
        })
        .collect_view();
    let empty = idp.groups.is_empty().then(|| {
        view! {
            <p class="ora-empty">"Your identity provider has not provisioned any group yet."</p>
        }
    });
    view! {
        <section aria-labelledby="ora-idp-groups-h">
            <div class="ora-head">
                <h2 id="ora-idp-groups-h">{format!("Groups and their mappings ({} groups, {} mappings)", idp.groups.len(), idp.mappings.len())}</h2>
                <button class="ora-btn ora-btn-primary" id="ora-idp-add"
                    on:click=move |_| open.set(Some(Open::Add(shared.get_value())))>"Add mapping"</button>
            </div>
            {empty}
            <div class="ora-table-wrap">
                <table class="ora-table" id="ora-idp-table">
                    <caption class="ora-sr">"Identity-provider groups and the workspaces they map into"</caption>
                    <thead><tr>
                        <th scope="col">"Group"</th><th scope="col">"Workspace"</th><th scope="col">"Role"</th><th scope="col">"Actions"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
