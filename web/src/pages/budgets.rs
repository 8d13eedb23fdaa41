//! A workspace's budgets: view, set and remove, with the shrinking rule explained where it bites.

use crate::components::{error_view, loading, usd, Dialog};
use crate::services::{abort_on_cleanup, use_toasts};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{Workspace, WorkspaceBudget};
use openrouter_admin::validate::validate_budget_order;
use openrouter_admin::Interval;

/// The budgets tab.
#[component]
pub fn Budgets(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- resources --
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let budgets = LocalResource::new(move || {
        let signal = abort_on_cleanup();
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
    let refresh = Callback::new(move |_| budgets.refetch());

    view! {
        <p class="ora-muted">
            "Budgets cap the workspace's spend per period. They must shrink strictly from lifetime to monthly to weekly to daily."
        </p>
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let list = budgets.await?;
                    let existing = StoredValue::new(list.data.clone());
                    Ok::<_, openrouter_admin::Error>(view! {
                        <div class="ora-grid2">
                            {Interval::ALL
                                .iter()
                                .map(|i| view! { <BudgetCard ws_id=ws_id.get_value() interval=*i existing=existing on_change=refresh /> })
                                .collect_view()}
                        </div>
                    })
                })}
            </ErrorBoundary>
        </Transition>
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
    /// The workspace's id.
    ws_id: String,
    /// This card's interval.
    interval: Interval,
    /// Every budget of the workspace, for the shrink rule.
    existing: StoredValue<Vec<WorkspaceBudget>>,
    /// Reloads the budgets after a write.
    on_change: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let toasts = use_toasts();
    let current = existing.with_value(|b| {
        b.iter()
            .find(|b| b.interval() == Some(interval))
            .map(|b| b.limit_usd)
    });
    let value = RwSignal::new(current.map(crate::num::plain).unwrap_or_default());
    let confirm = RwSignal::new(false);
    let ws_id = StoredValue::new(ws_id);
    let id = format!("ora-budget-{}", interval.as_str());
    // As-you-type check: a number > 0 that keeps the budgets strictly shrinking.
    let error = Signal::derive(move || {
        let raw = value.get();
        if raw.trim().is_empty() || Some(raw.trim().to_string()) == current.map(crate::num::plain) {
            return None;
        }
        match crate::num::parse(raw.trim()) {
            Err(_) => Some("Enter an amount in dollars".to_string()),
            Ok(v) if v <= 0.0 => Some("A budget must be more than $0".to_string()),
            Ok(v) => existing.with_value(|b| {
                validate_budget_order(b, interval, v)
                    .err()
                    .map(|e| e.message)
            }),
        }
    });

    // -- actions --
    let put = Action::new_local(move |v: &f64| {
        let v = *v;
        let id = ws_id.get_value();
        async move {
            use_client()?
                .workspace(&id)
                .budgets()
                .put(interval, v)
                .send()
                .await
                .map(|_| ())
        }
    });
    let remove = Action::new_local(move |_: &()| {
        let id = ws_id.get_value();
        async move {
            use_client()?
                .workspace(&id)
                .budgets()
                .delete(interval)
                .send()
                .await
        }
    });
    Effect::new(move || match put.value().get() {
        Some(Ok(())) => {
            toasts.ok(format!("{} budget saved", title(interval)));
            on_change.run(());
        }
        Some(Err(e)) => toasts.error(format!("Not saved: {}", e.message())),
        None => {}
    });
    Effect::new(move || match remove.value().get() {
        Some(Ok(())) => {
            toasts.ok(format!("{} budget removed", title(interval)));
            on_change.run(());
        }
        Some(Err(e)) => toasts.error(e.message().to_string()),
        None => {}
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if error.get_untracked().is_none() {
            if let Ok(v) = crate::num::parse(value.get_untracked().trim()) {
                put.dispatch(v);
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
                <button class="ora-btn ora-btn-primary" type="submit" id=format!("{id}-save") disabled=move || error.get().is_some() || put.pending().get()>"Save"</button>
                {current.is_some().then(|| view! {
                    <button class="ora-btn ora-btn-danger" type="button" id=format!("ora-budget-{}-remove", interval.as_str()) on:click=move |_| confirm.set(true)>"Remove"</button>
                })}
            </div>
            <Show when=move || confirm.get()>
                <Dialog title=format!("Remove the {} budget?", interval.as_str()) on_close=move |_| confirm.set(false)>
                    <div class="ora-dialog-body"><p>"The workspace's spend in this period will no longer be capped."</p></div>
                    <div class="ora-dialog-foot">
                        <button class="ora-btn" type="button" on:click=move |_| confirm.set(false)>"Cancel"</button>
                        <button class="ora-btn ora-btn-danger" type="button" id="ora-confirm" on:click=move |_| { confirm.set(false); remove.dispatch(()); }>"Remove budget"</button>
                    </div>
                </Dialog>
            </Show>
        </form>
    }
}
