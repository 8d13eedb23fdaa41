//! A key's guardrail on its page: which one it holds, changed from a select (assigning replaces
//! the one it held; "None" unassigns it), and what the key can do: its guardrail intersected
//! with the workspace's default guardrail, which applies first. Both load again after a change.

use crate::components::loaded::Loaded;
use crate::pages::guardrails::describe::restriction_list;
use crate::pages::guardrails::effective::effective_rows;
use crate::pages::guardrails::load::{load_key_guardrails, KeyGuardrails};
use crate::route::{Route, Tab};
use crate::services::read;
use crate::session::use_client;
use crate::write::{succeeded, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, Guardrail, GuardrailId, KeyHash};

/// A change of the key's guardrail: the one it held, and the one it should hold (`None`: none).
#[derive(Clone, Debug)]
struct Change {
    held: Option<GuardrailId>,
    next: Option<GuardrailId>,
}

/// The key's guardrail and its effective restrictions.
#[component]
pub fn KeyGuardrail(
    /// The key as loaded.
    k: ApiKey,
) -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let hash = StoredValue::new(k.hash.as_str().to_string());
    let ws_id = StoredValue::new(k.workspace_id.as_str().to_string());
    let key = StoredValue::new(k);

    // -- actions: assign (which replaces the guardrail held) or unassign --
    let change = Action::new_local(move |c: &Change| {
        let c = c.clone();
        let hash = KeyHash::new(hash.get_value());
        writes.run(
            async move {
                let client = use_client()?;
                let report = match (&c.next, &c.held) {
                    (Some(next), _) => {
                        client
                            .guardrail(next.clone())
                            .keys()
                            .assign([hash])
                            .send()
                            .await?
                    }
                    (None, Some(held)) => {
                        client
                            .guardrail(held.clone())
                            .keys()
                            .unassign([hash])
                            .send()
                            .await?
                    }
                    (None, None) => return Ok(()),
                };
                crate::pages::guardrails::outcome::single(report)
            },
            |_| Then::ok("Guardrail changed"),
            Failure::Toast("Guardrail not changed: "),
        )
    });
    let changed = succeeded(change);

    // -- resources: the workspace's guardrails and the one this key holds (again after a
    // change); the workspace, for the id of its default guardrail --
    let held = read(move |signal| {
        let _written = changed.get();
        load_key_guardrails(ws_id.get_value(), signal)
    });
    let workspace = read(move |signal| {
        let ws = ws_id.get_value();
        async move {
            use_client()?
                .workspace(&ws)
                .get()
                .signal(signal)
                .send()
                .await
        }
    });

    view! {
        <Loaded load=move || async move { Ok::<_, openrouter_admin::Error>((held.await?, workspace.await?)) } let:loaded>
            {
                let (held, ws) = loaded;
                // The workspace's list holds its default guardrail once it is written; until
                // then it restricts nothing.
                let default = held.list.iter().find(|g| g.id == ws.default_guardrail_id).cloned();
                let own = held.of(&hash.get_value()).cloned();
                view! {
                    <div class="ora-grid2">
                        <GuardrailChoice held=held.clone() own=own.clone() change=change ws_id=ws_id.get_value() />
                        <section class="ora-card" id="ora-effective" aria-labelledby="ora-effective-h">
                            <h2 id="ora-effective-h">"What this key can do"</h2>
                            <p class="ora-muted">{sources(default.as_ref(), own.as_ref())}</p>
                            <dl class="ora-kv">
                                {restriction_list("ora-effective", key.with_value(|k| effective_rows(k, default.as_ref(), own.as_ref())))}
                            </dl>
                        </section>
                    </div>
                }
            }
        </Loaded>
    }
}

/// Where the effective restrictions come from, in words.
fn sources(default: Option<&Guardrail>, own: Option<&Guardrail>) -> String {
    match (default, own) {
        (Some(_), Some(g)) => format!("The workspace's default guardrail applies first, then “{}”, and the key's own limit: where they differ, the narrower wins.", g.name),
        (None, Some(g)) => format!("“{}” applies, with the key's own limit. The workspace's default guardrail is not set up, so it restricts nothing.", g.name),
        (Some(_), None) => "The key holds no guardrail of its own: the workspace's default guardrail applies, with the key's own limit.".into(),
        (None, None) => "No guardrail applies: the key holds none, and the workspace's default guardrail is not set up. Only the key's own limit restricts it.".into(),
    }
}

/// The select of the key's guardrail, and its save.
#[component]
fn GuardrailChoice(
    /// The workspace's guardrails.
    held: KeyGuardrails,
    /// The guardrail the key holds.
    own: Option<Guardrail>,
    /// Changes it.
    change: Action<Change, Result<(), openrouter_admin::Error>>,
    /// The key's workspace (its UUID), whose guardrails the form links to.
    ws_id: String,
) -> impl IntoView {
    let current = own
        .as_ref()
        .map(|g| g.id.as_str().to_string())
        .unwrap_or_default();
    let choice = RwSignal::new(current.clone());
    let held_id = own.map(|g| g.id);
    let options = held
        .list
        .iter()
        .map(|g| view! { <option value=g.id.as_str().to_string()>{g.name.clone()}</option> })
        .collect_view();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if change.pending().get_untracked() {
            return;
        }
        let next = choice.get_untracked();
        change.dispatch(Change {
            held: held_id.clone(),
            next: (!next.is_empty()).then(|| GuardrailId::new(next)),
        });
    };
    let unchanged = move || choice.with(|c| *c == current);
    view! {
        <form class="ora-card" id="ora-key-guardrail" on:submit=save novalidate>
            <h2>"Guardrail"</h2>
            <div class="ora-field">
                <label for="ora-key-guardrail-select">"This key's guardrail"</label>
                <select id="ora-key-guardrail-select" class="ora-select" prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                    <option value="">"None: the workspace default only"</option>
                    {options}
                </select>
                <span class="ora-hint">"A key holds at most one guardrail: choosing another replaces it. "
                    <a href=Route::Workspace(ws_id, Tab::Guardrails).href()>"The workspace's guardrails"</a>
                </span>
            </div>
            <button class="ora-btn ora-btn-primary" type="submit" id="ora-key-guardrail-save" disabled=move || unchanged() || change.pending().get()>
                {move || if change.pending().get() { "Saving…" } else { "Save guardrail" }}
            </button>
        </form>
    }
}
