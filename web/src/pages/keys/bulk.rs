//! Bulk actions over the selected keys (disable, enable, set the limit, delete), one result line
//! per key, and export of the keys in view.

use crate::components::confirm::ConfirmByName;
use crate::components::results::{
    counted, ended_by, failed_text, not_done, Ended, ResultLine, ResultsPanel,
};
use crate::export;
use crate::format::usd;
use crate::pages::guardrails::outcome::as_result;
use crate::services::use_toasts;
use crate::session::use_client;
use crate::write::{use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, Guardrail, GuardrailId, UpdateKey};
use openrouter_admin::KeyHash;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

/// A bulk operation over the selected keys.
#[derive(Clone, Debug)]
pub enum BulkOp {
    /// Patch every key; the string says what happened ("disabled").
    Update(UpdateKey, String),
    /// Delete every key.
    Delete,
    /// Assign every key to this guardrail (its id and name).
    AssignGuardrail(GuardrailId, String),
}

/// A bulk operation and the keys it goes to: hash and name of each.
#[derive(Clone, Debug)]
pub struct Bulk {
    op: BulkOp,
    keys: Vec<(String, String)>,
}

impl Bulk {
    /// `op` for each of `keys` (hash and name).
    pub fn new(op: BulkOp, keys: Vec<(String, String)>) -> Bulk {
        Bulk { op, keys }
    }
}

/// The bulk action: its value is one result line per key.
pub type BulkAction = Action<Bulk, Result<Vec<ResultLine>, openrouter_admin::Error>>;

/// The bulk action, with its toasts: done, or how many keys failed and how many got no answer.
pub fn bulk_action() -> BulkAction {
    let writes = use_writes();
    Action::new_local(move |bulk: &Bulk| {
        let Bulk { op, keys } = bulk.clone();
        writes.run(
            apply(op, keys),
            |lines| match not_done(lines) {
                0 => Then::ok("Bulk action done"),
                _ => Then::warning(format!("{}; see the results", counted(lines, "failed"))),
            },
            Failure::Toast(""),
        )
    })
}

/// The last bulk action's results, one line per key, under a heading that counts what failed.
/// Put it above whatever reloads after the action, so the results outlive the reload.
#[component]
pub fn BulkResults(
    /// The panel's id.
    id: &'static str,
    /// The heading's id.
    heading_id: &'static str,
    /// The bulk action.
    bulk: BulkAction,
) -> impl IntoView {
    let lines = Signal::derive(move || {
        bulk.value().with(|v| match v {
            Some(Ok(lines)) => lines.clone(),
            _ => Vec::new(),
        })
    });
    let heading = Signal::derive(move || {
        lines.with(|r| match not_done(r) {
            0 => format!("All {} done", r.len()),
            _ => counted(r, "failed"),
        })
    });
    view! {
        <ResultsPanel
            id=id
            heading_id=heading_id
            heading=heading
            lines=lines
            on_dismiss=move |_| bulk.value().set(None)
        />
    }
}

/// Sends `op` for every key of `chosen`, and says what became of each.
async fn apply(
    op: BulkOp,
    chosen: Vec<(String, String)>,
) -> Result<Vec<ResultLine>, openrouter_admin::Error> {
    let client = use_client()?;
    let hashes: Vec<KeyHash> = chosen
        .iter()
        .map(|(h, _)| KeyHash::new(h.clone()))
        .collect();
    let names: HashMap<String, String> = chosen.into_iter().collect();
    let line = |hash: &KeyHash, r: Result<(), openrouter_admin::Error>, verb: &str| ResultLine {
        name: names
            .get(hash.as_str())
            .cloned()
            .unwrap_or_else(|| hash.to_string()),
        ended: r.as_ref().err().map_or(Ended::Done, ended_by),
        text: match r {
            Ok(()) => verb.to_string(),
            Err(e) => failed_text(&e),
        },
    };
    Ok(match op {
        BulkOp::Delete => client
            .keys()
            .bulk_delete(hashes)
            .send()
            .await?
            .into_iter()
            .map(|r| line(&r.hash, r.result, "deleted"))
            .collect(),
        BulkOp::Update(patch, verb) => client
            .keys()
            .bulk_update(hashes, patch)
            .send()
            .await?
            .into_iter()
            .map(|r| line(&r.hash, r.result.map(|_| ()), &verb))
            .collect(),
        BulkOp::AssignGuardrail(id, name) => client
            .guardrail(id)
            .keys()
            .assign(hashes)
            .send()
            .await?
            .results
            .into_iter()
            .map(|r| {
                line(
                    &r.id,
                    as_result(r.outcome),
                    &format!("assigned to “{name}”"),
                )
            })
            .collect(),
    })
}

/// The keys in view, as the table holds them: every loaded key and the indices shown.
#[derive(Clone, Copy)]
pub struct InView {
    /// Every loaded key.
    pub data: StoredValue<Rc<Vec<ApiKey>>, LocalStorage>,
    /// The indices into `data` of the keys in view, filtered and sorted.
    pub rows: Memo<Vec<usize>>,
    /// The hashes of the selected keys.
    pub selected: RwSignal<HashSet<String>>,
}

impl InView {
    /// Hash and name of each selected key.
    fn chosen(&self) -> Vec<(String, String)> {
        let sel = self.selected.get_untracked();
        self.data.with_value(|keys| {
            keys.iter()
                .filter(|k| sel.contains(k.hash.as_str()))
                .map(|k| (k.hash.as_str().to_string(), k.name.clone()))
                .collect()
        })
    }

    /// `write` over the keys in view, in their order.
    fn export(&self, write: fn(&[&ApiKey]) -> String) -> String {
        self.data.with_value(|keys| {
            self.rows
                .with_untracked(|r| write(&r.iter().map(|&i| &keys[i]).collect::<Vec<_>>()))
        })
    }
}

/// The bar over the table: the count, the bulk actions while keys are selected, and export.
#[component]
pub fn BulkBar(
    /// The keys in view and the selection.
    keys: InView,
    /// The bulk action.
    bulk: BulkAction,
    /// Opens the bulk delete's confirmation.
    confirm_delete: RwSignal<bool>,
    /// The workspace's guardrails, which "Assign guardrail" offers.
    guardrails: StoredValue<Arc<Vec<Guardrail>>, LocalStorage>,
) -> impl IntoView {
    let toasts = use_toasts();
    let selected = keys.selected;
    let bulk_limit = RwSignal::new(String::new());
    let bulk_guardrail = RwSignal::new(String::new());
    let run = move |op: BulkOp| {
        bulk.dispatch(Bulk {
            op,
            keys: keys.chosen(),
        });
    };
    let set_limit = move |_| {
        let raw = bulk_limit.get_untracked();
        let limit = if raw.trim().is_empty() {
            None
        } else {
            match crate::decimal::parse(raw.trim()) {
                Ok(v) => Some(v),
                Err(_) => {
                    toasts.error("The limit must be a number of dollars, or empty for no limit");
                    return;
                }
            }
        };
        let verb = match limit {
            Some(l) => format!("limit set to {}", usd(l)),
            None => "limit removed".into(),
        };
        run(BulkOp::Update(UpdateKey::new().limit(limit), verb));
    };
    let assign = move |_| {
        let id = bulk_guardrail.get_untracked();
        let name = guardrails.with_value(|list| {
            list.iter()
                .find(|g| g.id.as_str() == id)
                .map(|g| g.name.clone())
        });
        match name {
            Some(name) => run(BulkOp::AssignGuardrail(GuardrailId::new(id), name)),
            None => toasts.error("Choose the guardrail to assign"),
        }
    };
    let options = move || {
        guardrails.with_value(|list| {
            list.iter()
                .map(
                    |g| view! { <option value=g.id.as_str().to_string()>{g.name.clone()}</option> },
                )
                .collect_view()
        })
    };
    let export_csv = move |_| {
        export::download("keys.csv", "text/csv", &keys.export(export::csv));
    };
    let export_json = move |_| {
        export::download("keys.json", "application/json", &keys.export(export::json));
    };
    view! {
        <div class="ora-row" aria-label="Bulk actions and export" role="group">
            <span class="ora-muted" id="ora-key-count">
                {move || format!("{} keys", keys.rows.with(Vec::len))}
                {move || {
                    let n = selected.with(HashSet::len);
                    (n > 0).then(|| format!(" · {n} selected"))
                }}
            </span>
            <span class="ora-spacer"></span>
            <Show when=move || !selected.with(HashSet::is_empty)>
                <button class="ora-btn ora-btn-small" id="ora-bulk-disable" on:click=move |_| run(BulkOp::Update(UpdateKey::new().disabled(true), "disabled".into()))>"Disable"</button>
                <button class="ora-btn ora-btn-small" id="ora-bulk-enable" on:click=move |_| run(BulkOp::Update(UpdateKey::new().disabled(false), "enabled".into()))>"Enable"</button>
                <label class="ora-sr" for="ora-bulk-limit">"New limit in USD (empty for none)"</label>
                <input id="ora-bulk-limit" class="ora-input ora-search" placeholder="Limit $ (empty: none)" inputmode="decimal" bind:value=bulk_limit />
                <button class="ora-btn ora-btn-small" id="ora-bulk-limit-set" on:click=set_limit>"Set limit"</button>
                <label class="ora-sr" for="ora-bulk-guardrail">"Guardrail to assign"</label>
                <select id="ora-bulk-guardrail" class="ora-select ora-search" prop:value=move || bulk_guardrail.get() on:change=move |ev| bulk_guardrail.set(event_target_value(&ev))>
                    <option value="">"Guardrail…"</option>
                    {options}
                </select>
                <button class="ora-btn ora-btn-small" id="ora-bulk-guardrail-set" on:click=assign>"Assign guardrail"</button>
                <button class="ora-btn ora-btn-small ora-btn-danger" id="ora-bulk-delete" on:click=move |_| confirm_delete.set(true)>"Delete"</button>
            </Show>
            <button class="ora-btn ora-btn-small" id="ora-export-csv" on:click=export_csv>"Export CSV"</button>
            <button class="ora-btn ora-btn-small" id="ora-export-json" on:click=export_json>"Export JSON"</button>
        </div>
    }
}

/// The bulk delete's confirmation: the user types "delete N keys".
#[component]
pub fn BulkDelete(
    /// The keys in view and the selection.
    keys: InView,
    /// The bulk action.
    bulk: BulkAction,
    /// Closes the confirmation.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    view! { <DeleteKeys chosen=keys.chosen() bulk=bulk on_close=on_close /> }
}

/// Deleting `chosen` (hash and name of each) through the bulk action, once the user has typed
/// "delete N keys": the one confirmation of a delete of several keys, wherever they were chosen.
#[component]
pub fn DeleteKeys(
    /// Hash and name of each key to delete.
    chosen: Vec<(String, String)>,
    /// The bulk action.
    bulk: BulkAction,
    /// Closes the confirmation.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let n = chosen.len();
    let chosen = StoredValue::new(chosen);
    view! {
        <ConfirmByName
            what="keys"
            name=format!("delete {n} keys")
            title=format!("Delete {n} keys?")
            body="Applications using these keys stop working at once. This cannot be undone."
            action="Delete keys"
            pending=bulk.pending()
            error=Signal::derive(|| None::<String>)
            on_confirm=move |_| {
                bulk.dispatch(Bulk::new(BulkOp::Delete, chosen.get_value()));
            }
            on_close=on_close
        />
    }
}
