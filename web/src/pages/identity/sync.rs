//! "Sync now": starts a sync job (the identity provider read now) and follows it, queued →
//! running → succeeded, or failed with the job's own `error_message`, by reading it again.
//!
//! A start whose answer was lost is not sent again: a second job would start. The page says the
//! outcome is unknown, and starting another is then the user's explicit choice.

use crate::format::date;
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{ScimSyncJob, ScimSyncStatus};
use openrouter_admin::Error;

/// How often a job is read again while it runs.
const POLL_MS: i32 = 1000;

/// Where the last "Sync now" stands.
#[derive(Clone, Debug, PartialEq)]
enum Sync {
    /// None started on this page.
    Idle,
    /// The start is on its way.
    Starting,
    /// The job as last read.
    Job(ScimSyncJob),
    /// The start was refused (its message).
    Refused(String),
    /// The start's answer was lost: a job may or may not have started.
    Unknown,
    /// Following the job failed (the job as last read, the message).
    Lost(ScimSyncJob, String),
}

impl Sync {
    fn busy(&self) -> bool {
        match self {
            Sync::Starting => true,
            Sync::Job(j) => !j.status.is_finished(),
            _ => false,
        }
    }
}

/// Waits `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Starts a job and follows it to its end, writing each state into `state` (stops when the
/// view is gone: `state` can no longer be set).
async fn run(state: RwSignal<Sync>, ended: Callback<()>) {
    let started: Result<ScimSyncJob, Error> =
        async { use_client()?.scim().sync().send().await }.await;
    let mut job = match started {
        Ok(job) => job,
        Err(e) if e.is_outcome_unknown() => {
            state.try_set(Sync::Unknown);
            return;
        }
        Err(e) => {
            state.try_set(Sync::Refused(e.message().to_string()));
            return;
        }
    };
    loop {
        if state.try_set(Sync::Job(job.clone())).is_some() {
            return;
        }
        if job.status.is_finished() {
            ended.run(());
            return;
        }
        sleep(POLL_MS).await;
        let id = job.id.clone();
        match async { use_client()?.scim_sync_job(id).send().await }.await {
            Ok(next) => job = next,
            Err(e) => {
                state.try_set(Sync::Lost(job, e.message().to_string()));
                return;
            }
        }
    }
}

/// A job's state in words.
fn progress(job: &ScimSyncJob) -> String {
    match &job.status {
        ScimSyncStatus::Queued => "Sync job queued: waiting to start…".to_string(),
        ScimSyncStatus::Running => "Sync job running: reading the identity provider…".to_string(),
        ScimSyncStatus::Succeeded => format!(
            "Sync succeeded{}: {} group(s) read, {} deleted group(s) removed.",
            job.finished_at
                .as_ref()
                .map(|t| format!(" on {}", date(t.as_str())))
                .unwrap_or_default(),
            job.synced_groups.unwrap_or(0),
            job.deleted_groups.unwrap_or(0),
        ),
        ScimSyncStatus::Failed => format!(
            "Sync failed: {}",
            job.error_message
                .clone()
                .unwrap_or_else(|| "the job gave no reason.".to_string())
        ),
        other => format!("Sync job: {}", other.as_str()),
    }
}

/// The "Sync now" button and the job's progress; `ended` runs when a job has ended (the view
/// reads the groups and mappings again).
#[component]
pub fn SyncNow(
    /// Runs when a job ends.
    #[prop(into)]
    ended: Callback<()>,
) -> impl IntoView {
    let state = RwSignal::new(Sync::Idle);
    let start = move |_| {
        // A double click, or a click while a job runs, starts nothing more.
        if state.with_untracked(Sync::busy) {
            return;
        }
        state.set(Sync::Starting);
        leptos::task::spawn_local_scoped(run(state, ended));
    };
    let label = move || {
        state.with(|s| match s {
            Sync::Starting => "Starting…",
            s if s.busy() => "Syncing…",
            Sync::Unknown => "Start another sync",
            _ => "Sync now",
        })
    };
    let status = move || {
        state.with(|s| match s {
            Sync::Idle => None,
            Sync::Starting => Some(view! {
                <div class="ora-alert ora-alert-warn" role="status" aria-live="polite" aria-busy="true" id="ora-idp-sync-status" data-status="starting">
                    "Starting a sync job…"
                    <progress class="ora-progress" aria-label="Starting a sync job"></progress>
                </div>
            }.into_any()),
            Sync::Job(job) if !job.status.is_finished() => Some(view! {
                <div class="ora-alert ora-alert-warn" role="status" aria-live="polite" aria-busy="true" id="ora-idp-sync-status" data-status=job.status.as_str().to_string()>
                    {progress(job)}
                    <progress class="ora-progress" aria-label="Sync progress"></progress>
                </div>
            }.into_any()),
            Sync::Job(job) if job.status == ScimSyncStatus::Succeeded => Some(view! {
                <div class="ora-alert ora-alert-ok" role="status" aria-live="polite" id="ora-idp-sync-status" data-status="succeeded">
                    {progress(job)}
                </div>
            }.into_any()),
            Sync::Job(job) => Some(view! {
                <div class="ora-alert ora-alert-error" role="alert" id="ora-idp-sync-status" data-status=job.status.as_str().to_string()>
                    <strong>{progress(job)}</strong>
                    " Fix the cause in your identity provider, then sync again."
                </div>
            }.into_any()),
            Sync::Refused(message) => Some(view! {
                <div class="ora-alert ora-alert-error" role="alert" id="ora-idp-sync-status" data-status="refused">
                    {format!("The sync job was not started: {message}")}
                </div>
            }.into_any()),
            Sync::Unknown => Some(view! {
                <div class="ora-alert ora-alert-warn" role="alert" id="ora-idp-sync-status" data-status="unknown">
                    <strong>"The server did not answer. "</strong>
                    "A sync job may or may not have started: the answer to the start was lost on the way back. The page did not start it again, so that two do not run; “Start another sync” starts one more."
                </div>
            }.into_any()),
            Sync::Lost(job, message) => Some(view! {
                <div class="ora-alert ora-alert-warn" role="alert" id="ora-idp-sync-status" data-status="unfollowed">
                    {format!("{} The page could not read the job again ({message}); it may have ended since.", progress(job))}
                </div>
            }.into_any()),
        })
    };
    view! {
        <section class="ora-card" aria-labelledby="ora-idp-sync-h">
            <div class="ora-head">
                <div>
                    <h2 id="ora-idp-sync-h">"Sync"</h2>
                    <p>"Your identity provider pushes changes as they happen; a sync reads it now, all groups and members."</p>
                </div>
                <button class="ora-btn" id="ora-idp-sync" aria-disabled=move || state.with(Sync::busy).then_some("true") on:click=start>
                    {label}
                </button>
            </div>
            {status}
        </section>
    }
}
