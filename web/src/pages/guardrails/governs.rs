//! What one guardrail governs: its keys and its members, each with assign (a picker of the
//! workspace's keys or members not yet assigned) and unassign (the selected ones), one result
//! line per key or person. The lists load again after every change, whatever came of it: a
//! change that got no answer may have happened all the same.

use crate::components::loaded::Loaded;
use crate::components::picker::{Choice, Picker};
use crate::components::results::ResultsPanel;
use crate::components::table::SelectBox;
use crate::domain::display_name;
use crate::pages::guardrails::outcome::{heading, lines, outcomes, Change, Outcomes, Who};
use crate::pages::keys::list::load_keys;
use crate::pages::members::org::org_members;
use crate::pages::members::workspace::workspace_members;
use crate::services::{every, read};
use crate::session::use_client;
use crate::write::{succeeded_if, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{Guardrail, KeyHash, UserId};
use std::collections::{HashMap, HashSet};

/// One change of what a guardrail governs; its value is the change and its outcomes.
type ChangeAction = Action<Change, Result<(Change, Outcomes), openrouter_admin::Error>>;

/// A guardrail's keys and members, with assign and unassign.
#[component]
pub fn Governs(
    /// The guardrail.
    guardrail: Guardrail,
    /// The workspace's UUID (its keys and members are what may be assigned).
    #[prop(into)]
    ws_id: String,
    /// Told after each change, whatever came of it (the tab counts assignments again).
    #[prop(into)]
    on_change: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let id = StoredValue::new(guardrail.id.clone());
    let ws_id = StoredValue::new(ws_id);
    let picking = RwSignal::new(None::<Who>);
    let keys_chosen = RwSignal::new(HashSet::<String>::new());
    let members_chosen = RwSignal::new(HashSet::<String>::new());

    // -- actions: one change of keys or members, reported per item --
    let change: ChangeAction = Action::new_local(move |c: &Change| {
        let c = c.clone();
        let id = id.get_value();
        let done = writes.run(
            async move {
                let client = use_client()?;
                let g = client.guardrail(id);
                let report = match &c.who {
                    Who::Keys => {
                        let hashes: Vec<KeyHash> =
                            c.ids.iter().cloned().map(KeyHash::new).collect();
                        outcomes(if c.assign {
                            g.keys().assign(hashes).send().await?
                        } else {
                            g.keys().unassign(hashes).send().await?
                        })
                    }
                    Who::Members => {
                        let users: Vec<UserId> = c.ids.iter().cloned().map(UserId::new).collect();
                        outcomes(if c.assign {
                            g.members().assign(users).send().await?
                        } else {
                            g.members().unassign(users).send().await?
                        })
                    }
                };
                Ok((c, report))
            },
            move |_| {
                picking.set(None);
                keys_chosen.set(HashSet::new());
                members_chosen.set(HashSet::new());
                Then::quiet()
            },
            Failure::Toast(""),
        );
        async move {
            let done = done.await;
            on_change.run(());
            done
        }
    });
    let changed = succeeded_if(change, |_| true);

    // -- resources: what the guardrail governs, and what could be assigned --
    let assigned_keys = read(move |signal| {
        let _written = changed.get();
        let id = id.get_value();
        async move { every(use_client()?.guardrail(id).keys().list(), signal).await }
    });
    let assigned_members = read(move |signal| {
        let _written = changed.get();
        let id = id.get_value();
        async move { every(use_client()?.guardrail(id).members().list(), signal).await }
    });
    let ws_keys = read(move |signal| load_keys(ws_id.get_value(), false, signal));
    let ws_members = read(move |signal| workspace_members(ws_id.get_value(), signal));
    let org = read(org_members);

    // -- the last change's report --
    let names = move || -> HashMap<String, String> {
        let mut names = HashMap::new();
        if let Some(Ok(keys)) = ws_keys.get() {
            names.extend(
                keys.iter()
                    .map(|k| (k.hash.as_str().to_string(), k.name.clone())),
            );
        }
        if let Some(Ok(people)) = org.get() {
            names.extend(
                people
                    .iter()
                    .map(|m| (m.id.as_str().to_string(), display_name(m))),
            );
        }
        names
    };
    let result_lines = Signal::derive(move || {
        change.value().with(|v| match v {
            Some(Ok((_, report))) => lines(report, &names()),
            _ => Vec::new(),
        })
    });
    let result_heading = Signal::derive(move || {
        change.value().with(|v| match v {
            Some(Ok((c, _))) => result_lines.with(|l| heading(c, l)),
            _ => String::new(),
        })
    });

    // -- the pickers' choices: the workspace's keys or members not assigned yet --
    let key_choices = Signal::derive(move || {
        let inside: HashSet<String> = assigned_keys
            .get()
            .and_then(Result::ok)
            .map(|a| a.iter().map(|a| a.key_hash.as_str().to_string()).collect())
            .unwrap_or_default();
        ws_keys
            .get()
            .and_then(Result::ok)
            .map(|keys| {
                keys.iter()
                    .filter(|k| !inside.contains(k.hash.as_str()))
                    .map(|k| Choice {
                        id: k.hash.as_str().to_string(),
                        name: k.name.clone(),
                        detail: k.label.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let member_choices = Signal::derive(move || {
        let inside: HashSet<String> = assigned_members
            .get()
            .and_then(Result::ok)
            .map(|a| a.iter().map(|a| a.user_id.as_str().to_string()).collect())
            .unwrap_or_default();
        let people: HashMap<String, (String, String)> = org
            .get()
            .and_then(Result::ok)
            .map(|o| {
                o.iter()
                    .map(|m| {
                        (
                            m.id.as_str().to_string(),
                            (display_name(m), m.email.clone()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        ws_members
            .get()
            .and_then(Result::ok)
            .map(|list| {
                list.iter()
                    .filter(|m| !inside.contains(m.user_id.as_str()))
                    .map(|m| {
                        let uid = m.user_id.as_str().to_string();
                        let (name, email) = people
                            .get(&uid)
                            .cloned()
                            .unwrap_or_else(|| (uid.clone(), String::new()));
                        Choice {
                            id: uid,
                            name,
                            detail: email,
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    });

    view! {
        <section class="ora-card" id="ora-governs" aria-labelledby="ora-governs-h">
            <h2 id="ora-governs-h">{format!("What “{}” governs", guardrail.name)}</h2>
            <ResultsPanel
                id="ora-gr-results"
                heading_id="ora-gr-results-head"
                heading=result_heading
                lines=result_lines
                on_dismiss=move |_| change.value().set(None)
            />
            <div class="ora-grid2">
                <div>
                    {section_head(Who::Keys, keys_chosen, change.pending().into(), picking, change)}
                    <Loaded load=move || assigned_keys let:list>
                        {assigned_table(
                            "ora-gr-key-table",
                            "Keys governed by this guardrail",
                            "Label",
                            list.iter().map(|a| (a.key_hash.as_str().to_string(), a.key_name.clone(), a.key_label.clone())).collect(),
                            keys_chosen,
                        )}
                    </Loaded>
                </div>
                <div>
                    {section_head(Who::Members, members_chosen, change.pending().into(), picking, change)}
                    <Loaded load=move || async move { Ok::<_, openrouter_admin::Error>((assigned_members.await?, org.await?)) } let:loaded>
                        {
                            let people: HashMap<&str, &openrouter_admin::models::OrganizationMember> =
                                loaded.1.iter().map(|m| (m.id.as_str(), m)).collect();
                            let rows = loaded.0.iter().map(|a| {
                                let uid = a.user_id.as_str().to_string();
                                let p = people.get(uid.as_str());
                                let name = p.map(|p| display_name(p)).unwrap_or_else(|| uid.clone());
                                let email = p.map(|p| p.email.clone()).unwrap_or_default();
                                (uid, name, email)
                            }).collect();
                            assigned_table("ora-gr-member-table", "Members governed by this guardrail", "Email", rows, members_chosen)
                        }
                    </Loaded>
                </div>
            </div>
        </section>
        {move || picking.get().map(|p| {
            let add = Callback::new(move |ids: Vec<String>| {
                change.dispatch(Change { who: p, assign: true, ids });
            });
            let close = move |_| picking.set(None);
            match p {
                Who::Keys => view! {
                    <Picker title="Assign keys" search_label="Search the workspace's keys" list_label="Keys of this workspace"
                        placeholder="Name or label" choices=key_choices empty="Every key of this workspace is assigned already."
                        pending=change.pending() on_add=add on_close=close />
                }.into_any(),
                Who::Members => view! {
                    <Picker title="Assign members" search_label="Search the workspace's members" list_label="Members of this workspace"
                        placeholder="Name or email" choices=member_choices empty="Every member of this workspace is assigned already."
                        pending=change.pending() on_add=add on_close=close />
                }.into_any(),
            }
        })}
    }
}

/// The head of the keys or members section: its title, "Unassign N selected" while some are
/// selected, and "Assign …", which opens the picker.
fn section_head(
    who: Who,
    chosen: RwSignal<HashSet<String>>,
    pending: Signal<bool>,
    picking: RwSignal<Option<Who>>,
    change: ChangeAction,
) -> impl IntoView {
    let (title, word) = match who {
        Who::Keys => ("Keys", "keys"),
        Who::Members => ("Members", "members"),
    };
    let unassign = move |_| {
        change.dispatch(Change {
            who,
            assign: false,
            ids: chosen.get_untracked().into_iter().collect(),
        });
    };
    view! {
        <div class="ora-row">
            <h3>{title}</h3>
            <span class="ora-spacer"></span>
            <Show when=move || !chosen.with(HashSet::is_empty)>
                <button class="ora-btn ora-btn-small ora-btn-danger" id=format!("ora-gr-unassign-{word}") disabled=move || pending.get() on:click=unassign>
                    {move || format!("Unassign {} selected", chosen.with(HashSet::len))}
                </button>
            </Show>
            <button class="ora-btn ora-btn-small" id=format!("ora-gr-assign-{word}") on:click=move |_| picking.set(Some(who))>{format!("Assign {word}")}</button>
        </div>
    }
}

/// A table of what a guardrail governs: (id, name, detail) per row, each with a select box;
/// `detail` heads the third column.
fn assigned_table(
    id: &'static str,
    caption: &'static str,
    detail: &'static str,
    rows: Vec<(String, String, String)>,
    selected: RwSignal<HashSet<String>>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="ora-empty" id=id>"None."</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|(id, name, detail)| {
            view! {
                <tr>
                    <td><SelectBox id=id selected=selected label=format!("Select {name}") /></td>
                    <td>{name.clone()}</td>
                    <td class="ora-mono">{detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ora-table-wrap">
            <table class="ora-table ora-table-compact" id=id>
                <caption class="ora-sr">{caption}</caption>
                <thead><tr>
                    <th scope="col"><span class="ora-sr">"Select"</span></th>
                    <th scope="col">"Name"</th>
                    <th scope="col">{detail}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
