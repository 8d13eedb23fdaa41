//! The apply: a confirmation listing the counts, one apply at a time (a second click while one
//! runs does nothing), a log line per action as it finishes, then the file's entries bound to the
//! ids the apply made, the state kept for the next plan's drift, and a plan of what is left. New
//! key secrets are shown once, in a dialog; once it closes they are nowhere in the page. The values
//! typed in for it go to the core with the plan and are forgotten as soon as it returns.

use crate::components::dialog::Dialog;
use crate::components::secret::{Shown, ShownOnce};
use crate::pages::plan::kinds::{counts, look};
use crate::pages::plan::show::badge;
use crate::pages::plan::store;
use crate::pages::plan::typed;
use crate::pages::plan::work::{live, Work};
use leptos::prelude::*;
use openrouter_admin::orgfile::{self, apply_typed, edit, reach, state, JournalEntry};

/// Starts the apply of the plan on screen, unless one runs.
pub fn apply_now(work: Work) {
    if work.applying.get_untracked() || work.busy.get_untracked().is_some() {
        return;
    }
    let Some(plan) = work.plan.get_untracked() else {
        return;
    };
    // Also checked by the Apply button; the core would refuse it too, before any write.
    if !typed::missing(work).is_empty() {
        work.confirming.set(false);
        typed::ask_to_apply(work);
        return;
    }
    let Some(client) = work.client() else { return };
    work.applying.set(true);
    work.confirming.set(false);
    work.log.set(vec![]);
    work.stopped.set(None);
    work.refused.set(None);
    let text = work.text.get_untracked();
    let given = work.typed_needed();
    leptos::task::spawn_local(async move {
        let mut step = |entry: &JournalEntry| work.log.update(|log| log.push(entry.clone()));
        let applied = apply_typed(&client, &text, &plan, &given, &mut step).await;
        drop(given);
        typed::forget(work);
        let report = match applied {
            Err(e) => {
                // The core names a stale object by the file's address already.
                let fields = e.validation_errors().to_vec();
                work.refuse(format!("Nothing was written: {}", e.message()), fields);
                work.applying.set(false);
                return;
            }
            Ok(report) => report,
        };
        if report.writes > 0 {
            work.session.wrote();
        }
        work.journal
            .update(|j| j.extend(report.journal.iter().cloned()));
        work.stopped
            .set(report.stopped.as_ref().map(|(address, e)| {
                format!(
                    "Stopped at {address}: {}. What is left is planned below.",
                    e.message()
                )
            }));
        // The ids the apply bound (created, replaced, adopted) go into the file, so the next
        // plan finds the same objects.
        let text = match edit::bind_ids(&text, &report.bound) {
            Ok(bound) => bound,
            Err(e) => {
                work.refuse(
                    format!(
                        "The new ids could not be written into the file: {}",
                        e.message()
                    ),
                    e.validation_errors().to_vec(),
                );
                text
            }
        };
        work.text.set(text.clone());
        work.secrets.set(report.secrets);
        after(work, &client, &text).await;
        work.applying.set(false);
    });
}

/// Plans again after an apply, keeps the state it leaves and shows what is left.
async fn after(work: Work, client: &openrouter_admin::Client, text: &str) {
    let Some(mut live) = live(work, client).await else {
        return;
    };
    let key = store::org_key(client, &work.session.base_url().get_untracked(), &live).await;
    let previous = store::load(&key).await;
    let Ok(left) = orgfile::plan(text, &live, previous.as_ref()) else {
        return;
    };
    let kept = state::record(text, &left, previous);
    if let Err(why) = store::save(&key, &kept).await {
        work.refuse(
            format!(
                "The state of this apply was not kept, so the next plan cannot show drift: {why}"
            ),
            vec![],
        );
    }
    work.approved.set(None);
    work.busy.set(Some(
        "Planning what is left, with the requests of the keys it cuts off…",
    ));
    let left = reach::plan_with_reach(client, text, &mut live, Some(&kept)).await;
    work.busy.set(None);
    work.plan.set(left.ok());
}

/// The confirmation: what the apply will do, counted by kind.
#[component]
pub fn ConfirmApply(work: Work) -> impl IntoView {
    let counts = work
        .plan
        .with_untracked(|p| p.as_ref().map(counts))
        .unwrap_or_default();
    let nothing = counts.is_empty().then(|| {
        view! { <p id="ora-apply-nothing">"Nothing to write: the apply only keeps the state, for the drift the next plan shows."</p> }
    });
    let items = counts
        .into_iter()
        .map(|(kind, n)| {
            let (_, word, _) = look(kind);
            view! { <li data-kind=word>{badge(kind)} {format!(": {n}")}</li> }
        })
        .collect_view();
    let from = work.approved.with_untracked(|a| {
        a.as_ref().map(|(name, _)| {
            format!("The approved plan {name}, checked against the organization as it is now.")
        })
    });
    view! {
        <Dialog title="Apply this plan?" on_close=move |()| work.confirming.set(false)>
            <div class="ora-dialog-body">
                <p>{from}</p>
                {nothing}
                <ul class="ora-plain-list" id="ora-apply-counts">{items}</ul>
                <p class="ora-hint">"The apply stops at the first failure or unknown outcome, then plans what is left."</p>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" on:click=move |_| work.confirming.set(false)>"Cancel"</button>
                <button class="ora-btn ora-btn-primary" id="ora-apply-confirm"
                    disabled=move || work.applying.get()
                    on:click=move |_| apply_now(work)>"Apply"</button>
            </div>
        </Dialog>
    }
}

/// The apply's log: one line per action, as each ends.
#[component]
pub fn ApplyLog(work: Work) -> impl IntoView {
    let lines = move || {
        work.log.with(|log| {
            log.iter()
                .map(|e| {
                    let (word, class) = outcome(&e.result);
                    let said = e
                        .result
                        .split_once(": ")
                        .map(|(_, rest)| rest.to_owned())
                        .unwrap_or_default();
                    view! {
                        <tr data-address=e.address.clone()>
                            <td><code>{e.address.clone()}</code></td>
                            <td>{badge(e.action)}</td>
                            <td><span class=format!("ora-badge {class}")>{word}</span> " " {said}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let running = move || {
        work.applying
            .get()
            .then(|| view! { <p class="ora-muted" role="status">"Applying…"</p> })
    };
    view! {
        <Show when=move || work.applying.get() || work.log.with(|l| !l.is_empty())>
            <section class="ora-card" id="ora-apply-log" aria-labelledby="ora-apply-log-h">
                <h2 id="ora-apply-log-h">"Apply log"</h2>
                {running}
                {move || work.stopped.get().map(|s| view! { <p class="ora-alert ora-alert-warn" id="ora-apply-stopped" role="alert">{s}</p> })}
                <div class="ora-table-wrap">
                    <table class="ora-table ora-table-compact">
                        <caption class="ora-sr">"Each action of the apply and its result"</caption>
                        <thead><tr><th scope="col">"Address"</th><th scope="col">"Action"</th><th scope="col">"Result"</th></tr></thead>
                        <tbody>{lines}</tbody>
                    </table>
                </div>
            </section>
        </Show>
    }
}

/// The result's word and badge class: ok, failed, or unknown outcome.
fn outcome(result: &str) -> (&'static str, &'static str) {
    if result == "ok" || result.starts_with("ok:") {
        ("ok", "ora-badge-active")
    } else if result.starts_with("unknown outcome") {
        ("unknown outcome", "ora-badge-expired")
    } else {
        ("failed", "ora-badge-failed")
    }
}

/// The new keys' secrets, shown once with copy; closed only by "Done", after which they are
/// forgotten.
#[component]
pub fn NewSecrets(work: Work) -> impl IntoView {
    let secrets = work
        .secrets
        .with_untracked(|all| all.iter().map(Shown::applied).collect());
    view! {
        <ShownOnce secrets=secrets note="they are in no file, plan, state or journal"
            on_done=move |()| work.secrets.set(vec![]) />
    }
}
