//! A workspace's observability destinations, grouped by type: list, add, edit, delete. A
//! workspace may hold at most five destinations of one type, so a full type's add button is
//! disabled and says why before the API would refuse; a sixth that slips through (someone
//! added one meanwhile) is refused by the API with a 409, explained in the dialog, and the list
//! reads again to show the five.
//!
//! Credentials in a destination's settings (`apiKey`, `secretKey`, ...) are typed into
//! password fields, sent once and never shown again: the API answers them masked.

use crate::components::form::{region_label, RowActions};
use crate::components::loaded::Loaded;
use crate::format::date;
use crate::pages::change::{changed_list, Boxed, Change, Changes, Tab};
use crate::pages::observability::dialog::{look_for, DestinationDialog, LostDestination, Open};
use crate::pages::observability::form::{full_text, label};
use crate::services::{every, read};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{
    CreateDestination, Destination, DestinationId, DestinationType, UpdateDestination, Workspace,
    MAX_DESTINATIONS_PER_TYPE,
};

/// Sends a change of the tab in the workspace `ws`.
fn send(
    ws: String,
    c: Change<CreateDestination, DestinationId, UpdateDestination>,
) -> Boxed<Result<(), openrouter_admin::Error>> {
    Box::pin(async move {
        let client = use_client()?;
        match c {
            Change::Add(body) => {
                client
                    .workspace(&ws)
                    .destinations()
                    .create(body)
                    .send()
                    .await
            }
            Change::Edit(id, patch) => client.destination(id).update(patch).send().await,
            Change::Delete(id) => return client.destination(id).delete().send().await,
        }
        .map(drop)
    })
}

/// The observability tab.
#[component]
pub fn Destinations(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- the tab: its dialogs and its one write (add, edit or delete) --
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let lost = LostDestination::new();
    let changes = Changes {
        done: [
            "Destination added",
            "Destination saved",
            "Destination deleted",
        ],
        lost,
        asked: CreateDestination::clone,
        send,
        look: |lost, ws| Box::pin(look_for(lost, ws)),
    };
    // A 409 means the list on screen is out of date (the type filled up meanwhile): read again.
    let tab: Tab<Open, Destination, _, _, _> = Tab::new(changes, ws_id, |r| {
        changed_list(r, |e| e.status() == Some(409))
    });
    let Tab {
        open,
        deleting,
        change,
        written,
        close,
    } = tab;

    // -- resources: the destinations, again after each write that went through --
    let list = read(move |signal| {
        let _written = written.get();
        let id = ws_id.get_value();
        async move {
            every(
                use_client()?
                    .workspace(&id)
                    .destinations()
                    .list()
                    .limit(100),
                signal,
            )
            .await
        }
    });
    let counts = Signal::derive(move || {
        list.with(|l| {
            l.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|all| {
                    DestinationType::ALL
                        .iter()
                        .map(|t| (t.clone(), all.iter().filter(|d| d.kind == *t).count()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });

    view! {
        <div class="ora-head">
            <p>
                "Where this workspace's requests are broadcast for tracing and analytics. "
                {format!("Each type can hold at most {MAX_DESTINATIONS_PER_TYPE} destinations per workspace.")}
            </p>
            <button class="ora-btn ora-btn-primary" id="ora-dest-add" on:click=move |_| open.set(Some(Open::Add(None)))>
                "Add destination"
            </button>
        </div>
        <Loaded load=move || list let:all>
            {groups(all, open, deleting)}
        </Loaded>
        {move || open.get().map(|o| view! {
            <DestinationDialog open=o change=change counts=counts lost=lost ws_id=ws_id on_close=close
                on_open=move |d| open.set(Some(Open::Edit(Box::new(d)))) />
        })}
        {move || deleting.get().map(|d| tab.confirm_delete("destination", d.name.clone().unwrap_or_else(|| label(&d.kind)), d.id,
            "Requests stop being sent there at once. This cannot be undone."))}
    }
}

/// One section per type that has destinations, in the spec's order (unknown types last).
fn groups(
    all: Vec<Destination>,
    open: RwSignal<Option<Open>>,
    deleting: RwSignal<Option<Destination>>,
) -> impl IntoView {
    if all.is_empty() {
        return view! { <p class="ora-empty" id="ora-dest-empty">"No destinations in this workspace yet."</p> }
            .into_any();
    }
    let mut kinds: Vec<DestinationType> = DestinationType::ALL
        .iter()
        .filter(|t| all.iter().any(|d| d.kind == **t))
        .cloned()
        .collect();
    for d in &all {
        if !d.kind.is_known() && !kinds.contains(&d.kind) {
            kinds.push(d.kind.clone());
        }
    }
    kinds
        .into_iter()
        .map(|kind| {
            let rows: Vec<Destination> = all.iter().filter(|d| d.kind == kind).cloned().collect();
            let n = rows.len();
            let full = n >= MAX_DESTINATIONS_PER_TYPE;
            let seg = kind.as_str().to_string();
            let head_id = format!("ora-dest-group-{seg}");
            let labelled = head_id.clone();
            let section_id = format!("ora-dest-{seg}");
            let add_id = format!("ora-dest-add-{seg}");
            let note_id = format!("ora-dest-full-{seg}");
            let described = full.then(|| note_id.clone());
            let add_kind = kind.clone();
            view! {
                <section class="ora-card" aria-labelledby=labelled id=section_id>
                    <div class="ora-head">
                        <h2 id=head_id>{label(&kind)}" "<span class="ora-muted">{format!("{n} of {MAX_DESTINATIONS_PER_TYPE}")}</span></h2>
                        <button class="ora-btn" id=add_id disabled=full
                            aria-describedby=described
                            on:click=move |_| open.set(Some(Open::Add(Some(add_kind.clone()))))>
                            {format!("Add {} destination", label(&kind))}
                        </button>
                    </div>
                    {full.then(|| view! { <p class="ora-alert ora-alert-warn" id=note_id>{full_text(&kind)}</p> })}
                    {destination_table(rows, open, deleting)}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// A destination's regions, in words.
fn regions(d: &Destination) -> String {
    if d.regions.is_empty() {
        return "—".to_string();
    }
    d.regions
        .iter()
        .map(region_label)
        .collect::<Vec<_>>()
        .join(", ")
}

fn destination_table(
    rows: Vec<Destination>,
    open: RwSignal<Option<Open>>,
    deleting: RwSignal<Option<Destination>>,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|d| {
            let name = d.name.clone().unwrap_or_else(|| label(&d.kind));
            let (edit, delete) = (d.clone(), d.clone());
            let mut notes = Vec::new();
            if d.privacy_mode {
                notes.push("metadata only");
            }
            if d.filter_rules.is_some() {
                notes.push("filtered");
            }
            if d.api_key_hashes.is_some() {
                notes.push("some keys");
            }
            view! {
                <tr>
                    <td>{name.clone()}</td>
                    <td>{if d.enabled { "On" } else { "Off" }}</td>
                    <td>{regions(&d)}</td>
                    <td class="ora-num">{format!("{}%", (d.sampling_rate * 100.0 * 100.0).round() / 100.0)}</td>
                    <td>{if notes.is_empty() { "—".to_string() } else { notes.join(", ") }}</td>
                    <td>{date(d.updated_at.as_str())}</td>
                    <td>
                        <RowActions id_base="ora-dest" key=d.id.to_string() name=name.clone()
                            on_edit=move |()| open.set(Some(Open::Edit(Box::new(edit.clone()))))
                            on_delete=move |()| deleting.set(Some(delete.clone())) />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ora-table-wrap">
            <table class="ora-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Sending"</th>
                        <th scope="col">"Regions"</th>
                        <th scope="col">"Sampled"</th>
                        <th scope="col">"Notes"</th>
                        <th scope="col">"Changed"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
