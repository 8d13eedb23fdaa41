//! The organization as the Overview and All keys read it, in the snapshot's two stages
//! (`client.organization().snapshot()`): [`read_org`] reads every workspace and key, what All
//! keys draws its table from, through [`read`] so "Try again" and "Cancel" work as in every
//! other view; then [`Org`] reads the rest and the findings on its own, what the Overview shows
//! and All keys fills its findings column with when they are ready ([`RestStatus`] says how far
//! it has got, with its own "Cancel" and "Try again": a failed findings read keeps the table).

use crate::services::{cancel_pair, read, Abort};
use crate::session::{use_client, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use openrouter_admin::findings::{Finding, OrgSnapshot};
use openrouter_admin::handlers::Progress;
use openrouter_admin::Client;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// The findings read: `None` while it runs.
type Rest = Option<Result<Arc<Found>, openrouter_admin::Error>>;

/// Stage 1 (every workspace and key) and the read of stage 2.
///
/// Stage 2 belongs to the organization, not to the view that started it: the other view takes
/// it as it is, read or still reading. It stops when the organization is dropped (no view shows
/// it and the session has let it go: a write, a sign-out) or on its "Cancel".
pub struct Org {
    /// The workspaces and keys (the snapshot's other parts are empty).
    pub snapshot: OrgSnapshot,
    /// Stage 2: the whole snapshot and its findings, once read.
    pub found: ArcRwSignal<Rest>,
    /// How far stage 2 has got, while it runs.
    pub progress: ArcRwSignal<Option<Progress>>,
    /// What stops the running stage 2.
    abort: RefCell<Option<Abort>>,
    /// The session's client when stage 1 was read.
    client: Client,
}

impl Drop for Org {
    fn drop(&mut self) {
        if let Some(abort) = self.abort.take() {
            abort();
        }
    }
}

impl Org {
    /// Reads stage 2 (again, after a failure): members, credits, activity, the budgets and key
    /// activity the rules need, then the findings.
    pub fn read_rest(&self) {
        let client = self.client.clone();
        let (signal, abort) = cancel_pair();
        if let Some(running) = self.abort.replace(Some(abort)) {
            running();
        }
        self.found.set(None);
        let (found, progress) = (self.found.clone(), self.progress.clone());
        // The table keeps stage 1's keys while this read completes its own copy.
        let mut snapshot = self.snapshot.clone();
        spawn_local(async move {
            let on_progress = progress.clone();
            let read = client
                .organization()
                .snapshot()
                .signal(signal)
                .on_progress(move |p| on_progress.set(Some(p)))
                .rest()
                .findings(&mut snapshot)
                .await;
            progress.set(None);
            found.set(Some(
                read.map(|findings| Arc::new(Found { snapshot, findings })),
            ));
        });
    }

    /// Stops the running stage 2 ("Cancel"): it ends as stopped, with "Try again".
    fn cancel(&self) {
        if let Some(abort) = self.abort.borrow().as_ref() {
            abort();
        }
    }
}

/// Stage 2: the whole snapshot and its findings, the most severe first.
pub struct Found {
    /// What the API answered.
    pub snapshot: OrgSnapshot,
    /// What needs attention.
    pub findings: Vec<Finding>,
}

/// The organization's keys, with its findings on their way.
pub type OrgRead = LocalResource<Result<Rc<Org>, openrouter_admin::Error>>;

/// Reads every workspace and key, again each time `written` changes, then starts reading the
/// rest; `progress` follows the first stage's steps.
///
/// One read serves the Overview and All keys: a view's first read takes the one the other view
/// read (its findings read or still reading), unless a write went through since (the session
/// keeps it, and forgets it at sign-out). A view's later reads (after its own fixes, "Try
/// again", the tab coming back) read the organization again, and share that.
pub fn read_org(progress: RwSignal<Option<Progress>>, written: Signal<usize>) -> OrgRead {
    let session = use_session();
    let first = StoredValue::new(true);
    read(move |signal| {
        let _written = written.get();
        let shared = first
            .try_update_value(|f| std::mem::replace(f, false))
            .unwrap_or(false)
            .then(|| session.shared::<Org>())
            .flatten();
        async move {
            if let Some(org) = shared {
                return Ok(org);
            }
            let at = session.writes();
            let client = use_client()?;
            let read = client
                .organization()
                .snapshot()
                .signal(signal)
                .on_progress(move |p| {
                    progress.try_set(Some(p));
                })
                .keys()
                .await;
            progress.try_set(None);
            let (snapshot, _rest) = read?;
            let org = Rc::new(Org {
                snapshot,
                found: ArcRwSignal::new(None),
                progress: ArcRwSignal::new(None),
                abort: RefCell::new(None),
                client: client.clone(),
            });
            org.read_rest();
            session.share(at, org.clone());
            Ok(org)
        }
    })
}

/// How far the read has got, while it runs: which step, and how many of its reads are done.
#[component]
pub fn ReadProgress(
    /// The read's progress.
    #[prop(into)]
    progress: Signal<Option<Progress>>,
) -> impl IntoView {
    move || {
        progress.get().map(|p| {
            let step = match p.step {
                "workspaces" => "Reading every workspace's keys",
                "organization" => "Reading findings: members, credits, activity",
                "budgets" => "Reading findings: the budgets of workspaces that spend",
                _ => "Reading findings: the activity of the keys whose findings need it",
            };
            let (done, total) = (p.done, p.total.max(1));
            view! {
                <div class="ora-progress" id="ora-org-progress" role="status">
                    <span>{format!("{step}: {} of {}", p.done, p.total)}</span>
                    <progress max=total value=done aria-label=step></progress>
                </div>
            }
        })
    }
}

/// Stage 2 while it runs (its progress, "Cancel") or when it failed (stopped, or the API's
/// message, and "Try again"); nothing once it has read the findings.
#[component]
pub fn RestStatus(org: Rc<Org>) -> impl IntoView {
    let progress = org.progress.clone();
    let found = org.found.clone();
    let org = StoredValue::new_local(org);
    move || {
        match &*found.read() {
        Some(Ok(_)) => None,
        None => Some(
            view! {
                <ReadProgress progress=Signal::derive({
                    let progress = progress.clone();
                    move || progress.get()
                }) />
                <div class="ora-alert ora-slow" role="status">
                    "Reading the findings. "
                    <button class="ora-btn ora-btn-small ora-load-cancel" on:click=move |_| org.with_value(|o| o.cancel())>
                        "Cancel"
                    </button>
                </div>
            }
            .into_any(),
        ),
        Some(Err(e)) => Some(
            view! {
                <div class="ora-alert ora-alert-error" role="alert">
                    {if e.is_cancelled() {
                        view! { <strong>"Stopped: the page is no longer waiting for the server. "</strong> }.into_any()
                    } else {
                        view! { <strong>"The findings could not be read. "</strong> {e.to_string()} " " }.into_any()
                    }}
                    <button class="ora-btn ora-btn-small ora-load-again" on:click=move |_| org.with_value(|o| o.read_rest())>
                        "Try again"
                    </button>
                </div>
            }
            .into_any(),
        ),
    }
    }
}
