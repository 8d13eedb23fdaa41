//! A workspace's budgets: view, set and remove, with the shrinking rule explained where it bites.
//! The budgets load again after each save or removal that goes through.

use crate::components::confirm::ConfirmDialog;
use crate::components::loaded::Loaded;
use crate::format::usd;
use crate::services::read;
use crate::session::use_client;
use crate::write::{succeeded, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{Workspace, WorkspaceBudget};
use openrouter_admin::validate::validate_budget_order;
use openrouter_admin::Interval;

/// Sets one interval's budget (USD), or removes it (`None`).
type BudgetAction = Action<(Interval, Option<f64>), Result<(), openrouter_admin::Error>>;

/// The budgets tab.
#[component]
pub fn Budgets(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- actions --
    let writes = use_writes();
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let write: BudgetAction =
        Action::new_local(move |&(interval, usd): &(Interval, Option<f64>)| {
            let id = ws_id.get_value();
            let (done, failure) = match usd {
                Some(_) => ("saved", Failure::Toast("Not saved: ")),
                None => ("removed", Failure::Toast("")),
            };
            writes.run(
                async move {
                    let client = use_client()?;
                    let budgets = client.workspace(&id).budgets();
                    match usd {
                        Some(v) => budgets.put(interval, v).send().await.map(|_| ()),
                        None => budgets.delete(interval).send().await,
                    }
                },
                move |_| Then::ok(format!("{} budget {done}", title(interval))),
                failure,
            )
        });
    let written = succeeded(write);

    // -- resources: the budgets, again after each write that went through --
    let budgets = read(move |signal| {
        let _written = written.get();
        let id = ws_id.get_value();
        async move {
            use_client()?
                .workspace(&id)
                .budgets()
                .list()
                .signal(signal)
                .send()
                .await
        }
    });

    view! {
        <p class="ora-muted">
            "Budgets cap the workspace's spend per period. They must shrink strictly from lifetime to monthly to weekly to daily."
        </p>
        <Loaded load=move || budgets let:list>
            {
                let existing = StoredValue::new(list.data);
                view! {
                    <div class="ora-grid2">
                        {Interval::ALL
                            .iter()
                            .map(|i| view! { <BudgetCard interval=*i existing=existing write=write /> })
                            .collect_view()}
                    </div>
                }
            }
        </Loaded>
    }
}

fn title(i: Interval) -> &'static str {
    match i {
        Interval::Daily => "Daily",
        Interval::Weekly => "Weekly",
        Interval::Monthly => "Monthly",
        Interval::Lifetime => "Lifetime",
    }
}

#[component]
fn BudgetCard(
    /// This card's interval.
    interval: Interval,
    /// Every budget of the workspace, for the shrink rule.
    existing: StoredValue<Vec<WorkspaceBudget>>,
    /// Sets or removes a budget.
    write: BudgetAction,
) -> impl IntoView {
    // -- signals --
    let current = existing.with_value(|b| {
        b.iter()
            .find(|b| b.interval() == Some(interval))
            .map(|b| b.limit_usd)
    });
    let value = RwSignal::new(current.map(crate::decimal::plain).unwrap_or_default());
    let confirm = RwSignal::new(false);
    let id = format!("ora-budget-{}", interval.as_str());
    // As-you-type check: a number > 0 that keeps the budgets strictly shrinking.
    let error = Signal::derive(move || {
        let raw = value.get();
        if raw.trim().is_empty()
            || Some(raw.trim().to_string()) == current.map(crate::decimal::plain)
        {
            return None;
        }
        match crate::decimal::parse(raw.trim()) {
            Err(_) => Some("Enter an amount in dollars".to_string()),
            Ok(v) if v <= 0.0 => Some("A budget must be more than $0".to_string()),
            Ok(v) => existing.with_value(|b| {
                validate_budget_order(b, interval, v)
                    .err()
                    .map(|e| e.message)
            }),
        }
    });
    // This card's save is running (the action serves every card).
    let saving = move || {
        write
            .input()
            .with(|i| matches!(i, Some((at, Some(_))) if *at == interval))
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if error.get_untracked().is_none() {
            if let Ok(v) = crate::decimal::parse(value.get_untracked().trim()) {
                write.dispatch((interval, Some(v)));
            }
        }
    };
    let err_id = format!("{id}-error");

    view! {
        <form class="ora-card" on:submit=save novalidate>
            <h2>{title(interval)}</h2>
            <p class="ora-muted">
                {match current {
                    Some(v) => format!("Current: {}", usd(v)),
                    None => "Not set".to_string(),
                }}
            </p>
            <div class="ora-field">
                <label for=id.clone()>{format!("{} budget (USD)", title(interval))}</label>
                <input id=id.clone() class="ora-input" inputmode="decimal" bind:value=value
                    aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=err_id.clone() />
                <span class="ora-error" id=err_id>{move || error.get()}</span>
            </div>
            <div class="ora-row">
                <button class="ora-btn ora-btn-primary" type="submit" id=format!("{id}-save") disabled=move || error.get().is_some() || saving()>"Save"</button>
                {current.is_some().then(|| view! {
                    <button class="ora-btn ora-btn-danger" type="button" id=format!("ora-budget-{}-remove", interval.as_str()) on:click=move |_| confirm.set(true)>"Remove"</button>
                })}
            </div>
            <Show when=move || confirm.get()>
                <ConfirmDialog
                    title=format!("Remove the {} budget?", interval.as_str())
                    body="The workspace's spend in this period will no longer be capped."
                    action="Remove budget"
                    id="ora-confirm"
                    danger=true
                    on_confirm=move |_| {
                        confirm.set(false);
                        write.dispatch((interval, None));
                    }
                    on_close=move |_| confirm.set(false)
                />
            </Show>
        </form>
    }
}
