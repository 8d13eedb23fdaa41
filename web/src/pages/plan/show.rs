//! A plan on screen: the drift first, each with its three ways out; then the actions grouped by
//! kind (glyph, word and colour), each with its field changes, the sentence that explains a
//! replacement or a missing object, "expands access" and what it reaches; no-ops and unmanaged
//! objects folded behind their counts.

use crate::pages::plan::kinds::{folded, groups, look, slug};
use leptos::prelude::*;
use openrouter_admin::orgfile::{Action, ActionKind, Drift, Plan};

/// What the user chose for one drift that edits the file ("overwrite live" keeps it: only a
/// note, [`PlanShown`]'s `overwritten`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Write the live value into the file.
    Take,
    /// Remove the field from the entry: the file stops managing it.
    StopManaging,
}

/// A value as the file writes it (JSON).
pub fn shown(value: &openrouter_admin::orgfile::value::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The drift's key: `workspaces.prod.name`.
pub fn drift_key(d: &Drift) -> String {
    format!("{}.{}", d.address, d.field)
}

/// The plan: drift, then the actions by kind. `choose` runs a drift's choice; `overwritten`
/// holds the drifts whose live value the apply will overwrite (by [`drift_key`]).
#[component]
pub fn PlanShown(
    /// The plan.
    plan: Plan,
    /// Runs a choice for a drift.
    choose: Callback<(Drift, Choice)>,
    /// The drifts the user chose to overwrite.
    overwritten: RwSignal<Vec<String>>,
) -> impl IntoView {
    let drift = (!plan.drift.is_empty()).then(|| drift_list(&plan.drift, choose, overwritten));
    let empty = plan.is_empty().then(|| {
        view! {
            <p class="ora-alert ora-alert-ok" id="ora-plan-empty" role="status">
                "No changes: the organization matches the file. Applying it would send nothing."
            </p>
        }
    });
    let groups = groups(&plan)
        .into_iter()
        .map(|(kind, actions)| group(kind, &actions))
        .collect_view();
    view! {
        <div id="ora-plan">
            {drift}
            {empty}
            {groups}
        </div>
    }
}

fn drift_list(
    drift: &[Drift],
    choose: Callback<(Drift, Choice)>,
    overwritten: RwSignal<Vec<String>>,
) -> impl IntoView {
    let items = drift
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let key = drift_key(d);
            let note_key = StoredValue::new(key.clone());
            let chosen = move || overwritten.with(|o| note_key.with_value(|k| o.contains(k)));
            let (take, stop, over) = (d.clone(), d.clone(), key.clone());
            view! {
                <li class="ora-drift" data-drift=key.clone()>
                    <div>
                        <code>{d.address.clone()}</code> " " <code>{d.field.clone()}</code>
                        ": the last apply set " <code>{shown(&d.applied)}</code>
                        ", now " <code>{shown(&d.live)}</code>
                    </div>
                    <div class="ora-row" role="group" aria-label=format!("What to do about {key}")>
                        <button class="ora-btn ora-btn-small" id=format!("ora-drift-{i}-overwrite")
                            aria-pressed=move || if chosen() { "true" } else { "false" }
                            on:click=move |_| overwritten.update(|o| if !o.contains(&over) { o.push(over.clone()) })>
                            "Overwrite live"
                        </button>
                        <button class="ora-btn ora-btn-small" id=format!("ora-drift-{i}-take")
                            on:click=move |_| choose.run((take.clone(), Choice::Take))>"Take into the file"</button>
                        <button class="ora-btn ora-btn-small" id=format!("ora-drift-{i}-stop")
                            on:click=move |_| choose.run((stop.clone(), Choice::StopManaging))>"Stop managing"</button>
                    </div>
                    {move || chosen().then(|| view! {
                        <p class="ora-hint">"The file is kept: the apply will write the file's value over the live one."</p>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="ora-card ora-drift-list" id="ora-drift" aria-labelledby="ora-drift-h">
            <h2 id="ora-drift-h">{format!("Changed by hand since the last apply ({})", drift.len())}</h2>
            <ul class="ora-plain-list">{items}</ul>
        </section>
    }
}

/// A kind's badge: glyph and word, coloured by its class.
pub fn badge(kind: ActionKind) -> impl IntoView {
    let (glyph, word, class) = look(kind);
    view! {
        <span class=format!("ora-act {class}")>
            <span class="ora-act-glyph" aria-hidden="true">{glyph}</span>
            " " {word}
        </span>
    }
}

fn group(kind: ActionKind, actions: &[&Action]) -> AnyView {
    let id = format!("ora-plan-{}", slug(kind));
    let (_, word, _) = look(kind);
    if folded(kind) {
        let names = actions
            .iter()
            .map(|a| view! { <li><code>{a.address.clone()}</code> " " <span class="ora-muted">{a.resource}</span></li> })
            .collect_view();
        return view! {
            <details class="ora-plan-group" id=id>
                <summary>{badge(kind)} {format!(" {} ({})", heading(word), actions.len())}</summary>
                <ul class="ora-plain-list">{names}</ul>
            </details>
        }
        .into_any();
    }
    let h = format!("{id}-h");
    let items = actions.iter().map(|a| action(a)).collect_view();
    view! {
        <section class="ora-plan-group" id=id aria-labelledby=h.clone()>
            <h3 id=h.clone()>{badge(kind)} {format!(" ({})", actions.len())}</h3>
            <ul class="ora-plain-list">{items}</ul>
        </section>
    }
    .into_any()
}

fn heading(word: &str) -> String {
    match word {
        "no change" => "No change".into(),
        "unmanaged" => "Unmanaged, left alone".into(),
        other => other.into(),
    }
}

fn action(a: &Action) -> impl IntoView {
    let has_changes = !a.changes.is_empty();
    let changes = a
        .changes
        .iter()
        .map(|c| {
            let widens = c
                .widens
                .then(|| view! { <span class="ora-widens">" (expands access)"</span> });
            let replaces = c
                .replaces
                .then(|| view! { <span class="ora-muted">" (needs a new object)"</span> });
            view! { <li><code>{c.field}</code> ": " {c.text.clone()} {widens} {replaces}</li> }
        })
        .collect_view();
    let reason = a
        .action_reason
        .clone()
        .map(|r| view! { <p class="ora-reason">{r}</p> });
    let widens = a.widens().then(|| {
        view! { <span class="ora-badge ora-badge-widens" data-widens="1">"▲ expands access"</span> }
    });
    let reach = (!a.reach.is_empty()).then(|| {
        view! { <p class="ora-muted ora-reach">"Reaches: " {a.reach.join("; ")}</p> }
    });
    view! {
        <li class="ora-action" data-address=a.address.clone() data-kind=slug(a.action)>
            <div class="ora-row">
                {badge(a.action)}
                <code class="ora-action-address">{a.address.clone()}</code>
                <span class="ora-muted">{a.resource}</span>
                {widens}
            </div>
            {reason}
            {has_changes.then(|| view! { <ul class="ora-changes">{changes}</ul> })}
            {reach}
        </li>
    }
}
