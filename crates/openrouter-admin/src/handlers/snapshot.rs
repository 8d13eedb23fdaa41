//! `client.organization().snapshot()`: the whole organization read at once, as
//! [`findings`](crate::findings) needs it.
//!
//! The reads that do not depend on each other go out together (workspaces, members, credits,
//! activity), each list with concurrent paging; then each workspace's keys (paged ahead) and
//! budgets, a bounded number of workspaces at a time; then the activity of the few keys whose
//! findings need it ([`needs_activity`]). So the request count is about two per workspace plus
//! one per hundred keys, not one per key.

use std::cell::RefCell;
use std::collections::BTreeMap;

use futures_util::future::{try_join, try_join4};

use crate::areas::budgets::endpoints::ListBudgets;
use crate::areas::keys::endpoints::ListKeys;
use crate::areas::organization::endpoints::ListOrganizationMembers;
use crate::areas::usage::endpoints::{GetActivity, GetCredits};
use crate::areas::workspaces::endpoints::ListWorkspaces;
use crate::client::Client;
use crate::error::Error;
use crate::findings::{self, needs_activity, Finding, OrgSnapshot, Thresholds};
use crate::transport::{CancelSignal, Transport};

/// How far a [`ReadOrganization`] has got: `done` of `total` reads in the current `step`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// `"organization"` (workspaces, members, credits, activity), `"workspaces"` (each one's
    /// keys and budgets), then `"key activity"` (one read per key that needs it).
    pub step: &'static str,
    /// Reads finished in this step.
    pub done: usize,
    /// Reads in this step.
    pub total: usize,
}

/// Builder of [`OrganizationHandler::snapshot`](super::OrganizationHandler::snapshot).
#[must_use = "does nothing until `.send().await`"]
pub struct ReadOrganization<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) signal: Option<CancelSignal>,
    pub(crate) concurrency: usize,
    pub(crate) thresholds: Thresholds,
    pub(crate) progress: Option<Box<dyn FnMut(Progress) + 'a>>,
}

impl<'a, T: Transport> ReadOrganization<'a, T> {
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// Reads at once (pages, budgets, key activity); the client's default otherwise.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }
    /// The thresholds the findings will use (they decide which keys' activity is read).
    pub fn thresholds(mut self, t: Thresholds) -> Self {
        self.thresholds = t;
        self
    }
    /// Called after each read with how far the snapshot has got.
    pub fn on_progress(mut self, f: impl FnMut(Progress) + 'a) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Reads everything; the first failed read ends it with that read's error.
    pub async fn send(self) -> Result<OrgSnapshot, Error> {
        let ReadOrganization {
            client,
            signal,
            concurrency,
            thresholds,
            progress,
        } = self;
        let progress = RefCell::new(progress);
        let tick = |step: &'static str, done: usize, total: usize| {
            if let Some(f) = progress.borrow_mut().as_mut() {
                f(Progress { step, done, total });
            }
        };
        let now_ms = client.now_ms();
        let done = RefCell::new(0usize);
        // Counts one of the four first reads as finished (whatever its outcome).
        let count = || {
            *done.borrow_mut() += 1;
            tick("organization", *done.borrow(), 4);
        };
        tick("organization", 0, 4);
        let workspaces = async {
            let list = ListWorkspaces {
                offset: None,
                limit: Some(100),
            };
            let call = client.call(list).paginate().signal_opt(signal.clone());
            let r = call.concurrency(concurrency).collect_all().await;
            count();
            r
        };
        let members = async {
            let list = ListOrganizationMembers {
                offset: None,
                limit: Some(100),
            };
            let call = client.call(list).paginate().signal_opt(signal.clone());
            let r = call.concurrency(concurrency).collect_all().await;
            count();
            r
        };
        let credits = async {
            let r = client
                .call(GetCredits)
                .signal_opt(signal.clone())
                .send()
                .await;
            count();
            r
        };
        let activity = async {
            let by_workspace = GetActivity {
                group_by: Some("workspace".to_owned()),
                ..GetActivity::default()
            };
            let r = client
                .call(by_workspace)
                .signal_opt(signal.clone())
                .send()
                .await;
            count();
            r
        };
        let (workspaces, members, credits, activity) =
            try_join4(workspaces, members, credits, activity).await?;

        // `GET /keys` answers one workspace's keys (the Default one's without `workspace_id`),
        // so each workspace's keys are read beside its budgets.
        let total = workspaces.len();
        tick("workspaces", 0, total);
        let finished = RefCell::new(0usize);
        let per_workspace = crate::concurrency::buffered(
            workspaces.iter().map(|w| {
                let (signal, id) = (signal.clone(), w.id.clone());
                let (finished, tick) = (&finished, &tick);
                async move {
                    let keys = ListKeys {
                        include_disabled: Some(true),
                        workspace_id: Some(id.clone()),
                        offset: None,
                    };
                    let keys = client
                        .call(keys)
                        .paginate()
                        .signal_opt(signal.clone())
                        .concurrency(concurrency)
                        .read_ahead()
                        .collect_all();
                    let budgets = ListBudgets {
                        workspace: id.to_string(),
                    };
                    let budgets = client.call(budgets).signal_opt(signal).send();
                    let r = try_join(keys, budgets).await;
                    *finished.borrow_mut() += 1;
                    tick("workspaces", *finished.borrow(), total);
                    r.map(|(keys, budgets)| (id, keys, budgets))
                }
            }),
            concurrency,
            Some(|r: &Result<_, Error>| r.is_err()),
        )
        .await
        .into_iter()
        .collect::<Result<Vec<_>, Error>>()?;
        let mut keys = Vec::new();
        let mut budgets = BTreeMap::new();
        for (id, mut ws_keys, ws_budgets) in per_workspace {
            keys.append(&mut ws_keys);
            budgets.insert(id, ws_budgets);
        }

        let wanted: Vec<_> = keys
            .iter()
            .filter(|k| needs_activity(k, now_ms, &thresholds))
            .map(|k| k.hash.clone())
            .collect();
        let total = wanted.len();
        tick("key activity", 0, total);
        let finished = RefCell::new(0usize);
        let key_activity = crate::concurrency::buffered(
            wanted.into_iter().map(|hash| {
                let signal = signal.clone();
                let (finished, tick) = (&finished, &tick);
                async move {
                    let one_key = GetActivity {
                        api_key_hash: Some(hash.clone()),
                        ..GetActivity::default()
                    };
                    let r = client.call(one_key).signal_opt(signal).send().await;
                    *finished.borrow_mut() += 1;
                    tick("key activity", *finished.borrow(), total);
                    r.map(|rows| (hash, rows))
                }
            }),
            concurrency,
            Some(|r: &Result<_, Error>| r.is_err()),
        )
        .await
        .into_iter()
        .collect::<Result<BTreeMap<_, _>, Error>>()?;

        Ok(OrgSnapshot {
            now_ms,
            workspaces,
            keys,
            members,
            budgets,
            credits: Some(credits),
            activity,
            key_activity,
        })
    }

    /// Reads the snapshot and returns its findings, the most severe first.
    pub async fn findings(self) -> Result<(OrgSnapshot, Vec<Finding>), Error> {
        let thresholds = self.thresholds.clone();
        let snapshot = self.send().await?;
        let found = findings::findings(&snapshot, &thresholds);
        Ok((snapshot, found))
    }
}
