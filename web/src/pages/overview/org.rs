//! The organization as the Overview and All keys read it, in the snapshot's two stages
//! (`client.organization().snapshot()`), both from [`read_org`]: every workspace and key, what
//! All keys draws its table from; then the rest and the findings, what the Overview shows and
//! All keys fills its findings column with when they are ready. Both through [`read`], so
//! "Try again" and "Cancel" work as in every other view (each stage on its own: a failed
//! findings read keeps the table), with the read's progress shown while it runs.

use crate::services::read;
use crate::session::{use_client, use_session};
use leptos::prelude::*;
use openrouter_admin::findings::{Finding, OrgSnapshot};
use openrouter_admin::handlers::Progress;
use std::cell::RefCell;
use std::rc::Rc;

/// Stage 1: every workspace and every key; and the findings once a view has read them.
pub struct Org {
    /// The workspaces and keys (the snapshot's other parts are empty).
    pub snapshot: OrgSnapshot,
    /// Stage 2, kept for the other view once read.
    found: RefCell<Option<Rc<Found>>>,
}

/// Stage 2: the whole snapshot and its findings, the most severe first.
pub struct Found {
    /// What the API answered.
    pub snapshot: OrgSnapshot,
    /// What needs attention.
    pub findings: Vec<Finding>,
}

/// The organization's keys.
pub type OrgRead = LocalResource<Result<Rc<Org>, openrouter_admin::Error>>;

/// The organization's findings.
pub type FoundRead = LocalResource<Result<Rc<Found>, openrouter_admin::Error>>;

/// The two reads of a view: `org` (stage 1) and `found` (stage 2, started when `org` has loaded).
#[derive(Clone, Copy)]
pub struct OrgReads {
    /// Every workspace and key.
    pub org: OrgRead,
    /// The rest of the snapshot and its findings; pending until `org` has loaded.
    pub found: FoundRead,
}

/// Reads every workspace and key, again each time `written` changes, then the rest of the
/// snapshot and its findings; `progress` follows both reads' steps.
///
/// One read serves the Overview and All keys: a view's first read takes the one the other view
/// read (its findings too, once read), unless a write went through since (the session keeps
/// it, and forgets it at sign-out). A view's later reads (after its own fixes, "Try again", the
/// tab coming back) read the organization again, and share that. "Try again" after a failed
/// findings read reads the findings alone.
pub fn read_org(progress: RwSignal<Option<Progress>>, written: Signal<usize>) -> OrgReads {
    let session = use_session();
    let first = StoredValue::new(true);
    // Stage 1 as loaded last: what starts stage 2. Stage 2 does not await the stage-1 resource,
    // which would make it start again when stage 1 resolves, cancelling its own first requests.
    let loaded = RwSignal::new_local(None::<Rc<Org>>);
    let org = read(move |signal| {
        let _written = written.get();
        let shared = first
            .try_update_value(|f| std::mem::replace(f, false))
            .unwrap_or(false)
            .then(|| session.shared::<Org>())
            .flatten();
        async move {
            if let Some(org) = shared {
                loaded.try_set(Some(org.clone()));
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
                found: RefCell::new(None),
            });
            session.share(at, org.clone());
            loaded.try_set(Some(org.clone()));
            Ok(org)
        }
    });
    let found = read(move |signal| {
        let org = loaded.get();
        async move {
            let Some(org) = org else {
                return std::future::pending().await;
            };
            if let Some(found) = org.found.borrow().clone() {
                return Ok(found);
            }
            let client = use_client()?;
            // The table keeps stage 1's keys while this read completes its own copy.
            let mut snapshot = org.snapshot.clone();
            let read = client
                .organization()
                .snapshot()
                .signal(signal)
                .on_progress(move |p| {
                    progress.try_set(Some(p));
                })
                .rest()
                .findings(&mut snapshot)
                .await;
            progress.try_set(None);
            let found = Rc::new(Found {
                snapshot,
                findings: read?,
            });
            org.found.replace(Some(found.clone()));
            Ok(found)
        }
    });
    OrgReads { org, found }
}

/// How far the read has got, while it runs: which step, and how many of its reads are done.
#[component]
pub fn ReadProgress(
    /// The read's progress.
    progress: RwSignal<Option<Progress>>,
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
