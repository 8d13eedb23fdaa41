//! The organization as the Overview and All keys read it: one snapshot and its findings
//! (`client.organization().snapshot()`), read through [`read`] so "Try again" and "Cancel"
//! work as in every other view, with the snapshot's progress shown while it reads.

use crate::services::read;
use crate::session::{use_client, use_session};
use leptos::prelude::*;
use openrouter_admin::findings::{Finding, OrgSnapshot};
use openrouter_admin::handlers::Progress;
use std::rc::Rc;

/// A snapshot of the organization and its findings, the most severe first.
pub struct Org {
    /// What the API answered.
    pub snapshot: OrgSnapshot,
    /// What needs attention.
    pub findings: Vec<Finding>,
}

/// The organization's read.
pub type OrgRead = LocalResource<Result<Rc<Org>, openrouter_admin::Error>>;

/// Reads the organization, again each time `written` changes; `progress` follows the read's
/// steps and is `None` once it has ended.
///
/// One read serves the Overview and All keys: a view's first read takes the snapshot the other
/// view read, unless a write went through since (the session keeps it, and forgets it at
/// sign-out). A view's later reads (after its own fixes, "Try again", the tab coming back) read
/// the organization again, and share that.
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
                .findings()
                .await;
            progress.try_set(None);
            let (snapshot, findings) = read?;
            let org = Rc::new(Org { snapshot, findings });
            session.share(at, org.clone());
            Ok(org)
        }
    })
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
                "organization" => {
                    "Reading the organization: workspaces, members, credits, activity"
                }
                "workspaces" => "Reading each workspace's keys and budgets",
                _ => "Reading the activity of the keys whose findings need it",
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
