//! Workspace members (with names and emails from the organization), the add picker, removal
//! with a per-user outcome; and the organization's member list.

use super::workspaces::{date, is_default};
use crate::components::{error_view, loading, ConfirmByName, Dialog};
use crate::route::use_router;
use crate::services::{abort_on_cleanup, use_toasts};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::handlers::{MemberOutcome, MemberReport};
use openrouter_admin::models::{OrganizationMember, Workspace, WorkspaceMember};
use openrouter_admin::UserId;
use std::collections::{HashMap, HashSet};

/// A person's display name: first and last name, else the email.
fn display_name(m: &OrganizationMember) -> String {
    let n = format!(
        "{} {}",
        m.first_name.clone().unwrap_or_default(),
        m.last_name.clone().unwrap_or_default()
    );
    let n = n.trim();
    if n.is_empty() {
        m.email.clone()
    } else {
        n.to_string()
    }
}

async fn org_members(
    signal: openrouter_admin::CancelSignal,
) -> Result<Vec<OrganizationMember>, openrouter_admin::Error> {
    use_client()?
        .organization()
        .members()
        .list()
        .limit(100)
        .paginate()
        .signal(signal)
        .collect_all()
        .await
}

/// What a member change did to one user, in words.
fn outcome_text(o: &MemberOutcome) -> String {
    match o {
        MemberOutcome::Added => "added".into(),
        MemberOutcome::AlreadyMember => "already a member".into(),
        MemberOutcome::Removed => "removed".into(),
        MemberOutcome::KeptActiveKeys => "kept: holds active API keys in this workspace".into(),
        MemberOutcome::KeptScimManaged => {
            "kept: managed by SCIM (change it in your identity provider)".into()
        }
        MemberOutcome::NotAMember => "was not a member".into(),
        MemberOutcome::Failed(e) => format!("failed: {}", e.message()),
        _ => "unknown outcome".into(),
    }
}

/// The outcome panel's heading: how many users of how many were not changed, or that all were.
fn outcome_heading(total: usize, not_done: usize, add: bool) -> String {
    match (not_done, add) {
        (0, true) => format!("All {total} added"),
        (0, false) => format!("All {total} removed"),
        (n, true) => format!("{n} of {total} not added"),
        (n, false) => format!("{n} of {total} kept"),
    }
}

/// The members tab.
#[component]
pub fn WorkspaceMembers(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- signals --
    let toasts = use_toasts();
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let default = is_default(&ws);
    let ws_name = StoredValue::new(ws.name.clone());
    let selected = RwSignal::new(HashSet::<String>::new());
    let picking = RwSignal::new(false);
    let confirm_remove = RwSignal::new(false);
    let report = RwSignal::new(Vec::<(String, String, bool)>::new());
    // Whether the report is of an add (else a removal), for its heading.
    let report_add = RwSignal::new(false);

    // -- resources: the workspace's members, and the organization's for names and the picker --
    let members = LocalResource::new(move || {
        let signal = abort_on_cleanup();
        let id = ws_id.get_value();
        async move {
            use_client()?
                .workspace(&id)
                .members()
                .list()
                .limit(100)
                .paginate()
                .signal(signal)
                .collect_all()
                .await
        }
    });
    let org = LocalResource::new(move || org_members(abort_on_cleanup()));

    // -- actions: add and remove report per user, then the list reloads --
    let change = Action::new_local(move |(add, ids): &(bool, Vec<String>)| {
        let (add, ids) = (*add, ids.clone());
        let id = ws_id.get_value();
        async move {
            let client = use_client()?;
            let h = client.workspace(&id);
            let ids: Vec<UserId> = ids.into_iter().map(UserId::new).collect();
            if add {
                h.members().add_all(ids).send().await
            } else {
                h.members().remove_all(ids).send().await
            }
            .map(|r| (add, r))
        }
    });
    Effect::new(move || match change.value().get() {
        Some(Ok((add, r))) => {
            let r: MemberReport = r;
            report_add.set(add);
            let names: HashMap<String, String> = org
                .get()
                .and_then(Result::ok)
                .map(|o| {
                    o.iter()
                        .map(|m| (m.id.as_str().to_string(), display_name(m)))
                        .collect()
                })
                .unwrap_or_default();
            report.set(
                r.results
                    .iter()
                    .map(|x| {
                        let ok = matches!(
                            x.outcome,
                            MemberOutcome::Added
                                | MemberOutcome::Removed
                                | MemberOutcome::AlreadyMember
                        );
                        (
                            names
                                .get(x.user_id.as_str())
                                .cloned()
                                .unwrap_or_else(|| x.user_id.to_string()),
                            outcome_text(&x.outcome),
                            ok,
                        )
                    })
                    .collect(),
            );
            selected.set(HashSet::new());
            picking.set(false);
            confirm_remove.set(false);
            members.refetch();
        }
        Some(Err(e)) => toasts.error(e.message().to_string()),
        None => {}
    });

    view! {
        <div class="ora-head">
            <p>
                {if default {
                    "Every organization member belongs to the Default workspace; membership here cannot be changed."
                } else {
                    "Members get the role they hold in the organization."
                }}
            </p>
            <div class="ora-row">
                <Show when=move || !default && !selected.with(HashSet::is_empty)>
                    <button class="ora-btn ora-btn-danger" id="ora-remove-members" on:click=move |_| confirm_remove.set(true)>
                        {move || format!("Remove {} selected", selected.with(HashSet::len))}
                    </button>
                </Show>
                <Show when=move || !default>
                    <button class="ora-btn ora-btn-primary" id="ora-add-members" on:click=move |_| picking.set(true)>"Add members"</button>
                </Show>
            </div>
        </div>
        <Show when=move || !report.with(Vec::is_empty)>
            // Green only when every change went through; any kept or failed user turns it amber,
            // and the heading counts them so the colour is never the only signal.
            <div class="ora-alert" id="ora-member-results" role="status"
                class=("ora-alert-ok", move || report.with(|r| r.iter().all(|x| x.2)))
                class=("ora-alert-warn", move || report.with(|r| r.iter().any(|x| !x.2)))>
                <div class="ora-row">
                    <strong id="ora-member-results-head">{move || report.with(|r| outcome_heading(r.len(), r.iter().filter(|x| !x.2).count(), report_add.get()))}</strong>
                    <span class="ora-spacer"></span>
                    <button class="ora-btn ora-btn-small" on:click=move |_| report.set(Vec::new())>"Dismiss"</button>
                </div>
                <ul class="ora-results">
                    {move || report.get().into_iter().map(|(name, text, ok)| view! { <li class:ora-error=!ok>{name}": "{text}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let list: Vec<WorkspaceMember> = members.await?;
                    let org = org.await?;
                    let by_id: HashMap<String, OrganizationMember> = org.into_iter().map(|m| (m.id.as_str().to_string(), m)).collect();
                    let rows = list
                        .into_iter()
                        .map(|m| {
                            let uid = m.user_id.as_str().to_string();
                            let person = by_id.get(&uid);
                            let name = person.map(display_name).unwrap_or_else(|| uid.clone());
                            let email = person.map(|p| p.email.clone()).unwrap_or_default();
                            let (u1, u2) = (uid.clone(), uid.clone());
                            view! {
                                <tr>
                                    <td>
                                        <input type="checkbox" aria-label=format!("Select {name}") disabled=default
                                            prop:checked=move || selected.with(|s| s.contains(&u1))
                                            on:change=move |ev| { let on = event_target_checked(&ev); selected.update(|s| { if on { s.insert(u2.clone()); } else { s.remove(&u2); } }); } />
                                    </td>
                                    <td>{name.clone()}</td>
                                    <td>{email}</td>
                                    <td>{m.role.as_str().to_string()}</td>
                                    <td>{date(m.created_at.as_str())}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    Ok::<_, openrouter_admin::Error>(view! {
                        <div class="ora-table-wrap">
                            <table class="ora-table" id="ora-member-table">
                                <caption class="ora-sr">"Workspace members"</caption>
                                <thead><tr>
                                    <th scope="col"><span class="ora-sr">"Select"</span></th>
                                    <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Added"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <Show when=move || picking.get()>
            <MemberPicker
                org=org
                members=members
                pending=change.pending()
                on_add=Callback::new(move |ids: Vec<String>| { change.dispatch((true, ids)); })
                on_close=move |_| picking.set(false)
            />
        </Show>
        <Show when=move || confirm_remove.get()>
            <ConfirmByName
                what="members"
                name=ws_name.get_value()
                title=format!("Remove {} member(s) from “{}”?", selected.with_untracked(HashSet::len), ws_name.get_value())
                body="Members who hold active keys here, or whom SCIM manages, stay; you will see who and why."
                action="Remove"
                pending=change.pending()
                error=Signal::derive(|| None::<String>)
                on_confirm=move |_| { change.dispatch((false, selected.get_untracked().into_iter().collect())); }
                on_close=move |_| confirm_remove.set(false)
            />
        </Show>
    }
}

/// A searchable picker of organization members who are not yet in the workspace.
#[component]
fn MemberPicker(
    /// The organization's members.
    org: LocalResource<Result<Vec<OrganizationMember>, openrouter_admin::Error>>,
    /// The workspace's members.
    members: LocalResource<Result<Vec<WorkspaceMember>, openrouter_admin::Error>>,
    /// Whether the add is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// Adds the chosen user ids.
    on_add: Callback<Vec<String>>,
    /// Closes the picker.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(HashSet::<String>::new());
    let candidates = move || {
        let inside: HashSet<String> = members
            .get()
            .and_then(Result::ok)
            .map(|m| m.iter().map(|m| m.user_id.as_str().to_string()).collect())
            .unwrap_or_default();
        let needle = crate::text::lower(&search.get());
        org.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| !inside.contains(m.id.as_str()))
            .filter(|m| {
                needle.is_empty()
                    || crate::text::lower(&display_name(m)).contains(&needle)
                    || crate::text::lower(&m.email).contains(&needle)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Dialog title="Add members" on_close=on_close>
            <div class="ora-dialog-body">
                <label class="ora-label" for="ora-picker-search">"Search organization members"</label>
                <input id="ora-picker-search" class="ora-input" type="search" placeholder="Name or email" bind:value=search />
                <div class="ora-picker" role="group" aria-label="Organization members">
                    {move || {
                        let list = candidates();
                        if list.is_empty() {
                            view! { <p class="ora-empty">"Nobody else to add."</p> }.into_any()
                        } else {
                            list.into_iter().map(|m| {
                                let id = m.id.as_str().to_string();
                                let (i1, i2) = (id.clone(), id.clone());
                                view! {
                                    <label>
                                        <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&i1))
                                            on:change=move |ev| { let on = event_target_checked(&ev); chosen.update(|c| { if on { c.insert(i2.clone()); } else { c.remove(&i2); } }); } />
                                        <span>{display_name(&m)}</span>
                                        <span class="ora-muted">{m.email.clone()}</span>
                                    </label>
                                }
                            }).collect_view().into_any()
                        }
                    }}
                </div>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button class="ora-btn ora-btn-primary" id="ora-picker-add" disabled=move || chosen.with(HashSet::is_empty) || pending.get()
                    on:click=move |_| on_add.run(chosen.get_untracked().into_iter().collect())>
                    {move || format!("Add {}", chosen.with(HashSet::len))}
                </button>
            </div>
        </Dialog>
    }
}

/// The organization's members.
#[component]
pub fn OrgMembers() -> impl IntoView {
    let router = use_router();
    let q = Memo::new(move |_| router.param("q"));
    let org = LocalResource::new(move || org_members(abort_on_cleanup()));
    view! {
        <div class="ora-head">
            <div>
                <h1>"Organization members"</h1>
                <p>"Everyone in the organization; add them to workspaces from a workspace's Members tab."</p>
            </div>
            <div>
                <label class="ora-sr" for="ora-org-search">"Search members"</label>
                <input id="ora-org-search" class="ora-input ora-search" type="search" placeholder="Search name or email"
                    prop:value=move || q.get() on:input=move |ev| router.set_param("q", &event_target_value(&ev)) />
            </div>
        </div>
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let list = StoredValue::new(org.await?);
                    let rows = move || {
                        let needle = crate::text::lower(&q.get());
                        list.with_value(|l| {
                            l.iter()
                                .filter(|m| needle.is_empty() || crate::text::lower(&display_name(m)).contains(&needle) || crate::text::lower(&m.email).contains(&needle))
                                .map(|m| view! { <tr><td>{display_name(m)}</td><td>{m.email.clone()}</td><td>{m.role.as_str().to_string()}</td></tr> })
                                .collect_view()
                        })
                    };
                    Ok::<_, openrouter_admin::Error>(view! {
                        <div class="ora-table-wrap">
                            <table class="ora-table" id="ora-org-table">
                                <caption class="ora-sr">"Organization members"</caption>
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
