//! `client.organization().snapshot()`: the whole organization read at once, as
//! [`findings`](crate::findings) needs it, in two stages.
//!
//! 1. [`ReadOrganization::keys`]: the workspaces (concurrent paging), then each workspace's keys
//!    (paged ahead), a bounded number of workspaces at a time: what a list of every key shows.
//!    It is handed to the caller as soon as it is complete.
//! 2. [`ReadRest::complete`]: what only the findings need. Members, credits and the activity by
//!    workspace together; then the budgets of the workspaces that can have a budget finding
//!    ([`needs_budgets`]); then the activity of the few keys whose findings need it
//!    ([`needs_activity`]).
//!
//! So the request count is about one per workspace plus one per hundred keys plus one per
//! workspace that spends, not one per key nor two per workspace.

use std::cell::RefCell;
use std::collections::BTreeMap;

use futures_util::future::try_join3;

use crate::areas::budgets::endpoints::ListBudgets;
use crate::areas::keys::endpoints::ListKeys;
use crate::areas::organization::endpoints::ListOrganizationMembers;
use crate::areas::usage::endpoints::{GetActivity, GetCredits};
use crate::areas::workspaces::endpoints::ListWorkspaces;
use crate::client::Client;
use crate::error::Error;
use crate::findings::{self, needs_activity, needs_budgets, Finding, OrgSnapshot, Thresholds};
use crate::transport::{CancelSignal, Transport};

/// How far a snapshot has got: `done` of `total` reads in the current `step`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// In order: `"workspaces"` (the list, `total` 0 until it is read, then each one's keys),
    /// `"organization"` (members, credits, activity), `"budgets"` (each workspace that can
    /// have a budget finding), `"key activity"` (one read per key that needs it).
    pub step: &'static str,
    /// Reads finished in this step.
    pub done: usize,
    /// Reads in this step.
    pub total: usize,
}

/// The caller's progress callback, shared by the concurrent reads of a stage.
type OnProgress<'a> = Option<Box<dyn FnMut(Progress) + 'a>>;

fn tick(progress: &RefCell<OnProgress<'_>>, step: &'static str, done: usize, total: usize) {
    if let Some(f) = progress.borrow_mut().as_mut() {
        f(Progress { step, done, total });
    }
}

/// Builder of [`OrganizationHandler::snapshot`](super::OrganizationHandler::snapshot).
#[must_use = "does nothing until `.send().await` (or `.keys().await`)"]
pub struct ReadOrganization<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) signal: Option<CancelSignal>,
    pub(crate) concurrency: usize,
    pub(crate) thresholds: Thresholds,
    pub(crate) progress: OnProgress<'a>,
}

impl<'a, T: Transport> ReadOrganization<'a, T> {
    /// Cancellation, of both stages.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// Reads at once (pages, keys, budgets, key activity); the client's default otherwise.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }
    /// The thresholds the findings will use (they decide which budgets and which keys'
    /// activity are read).
    pub fn thresholds(mut self, t: Thresholds) -> Self {
        self.thresholds = t;
        self
    }
    /// Called after each read, in both stages, with how far the snapshot has got.
    pub fn on_progress(mut self, f: impl FnMut(Progress) + 'a) -> Self {
        self.progress = Some(Box::new(f));
        self
    }

    /// Stage 1: every workspace and every key (disabled ones included). The snapshot's other
    /// parts are empty until [`ReadRest::complete`] reads them: do not take its findings
    /// before. The first failed read ends it with that read's error.
    ///
    /// ```no_run
    /// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
    /// let (mut snapshot, rest) = client.organization().snapshot().keys().await?;
    /// println!("{} keys", snapshot.keys.len()); // shown while the rest is read
    /// let found = rest.findings(&mut snapshot).await?;
    /// # Ok(()) }
    /// ```
    pub async fn keys(mut self) -> Result<(OrgSnapshot, ReadRest<'a, T>), Error> {
        // The callback is shared by the concurrent reads below, then handed back to stage 2.
        let progress = RefCell::new(self.progress.take());
        let (client, signal, concurrency) = (self.client, &self.signal, self.concurrency);
        let now_ms = client.now_ms();
        tick(&progress, "workspaces", 0, 0);
        let list = ListWorkspaces {
            offset: None,
            limit: Some(100),
        };
        let workspaces = client
            .call(list)
            .paginate()
            .signal_opt(signal.clone())
            .concurrency(concurrency)
            .collect_all()
            .await?;

        // `GET /keys` answers one workspace's keys (the Default one's without `workspace_id`).
        let total = workspaces.len();
        tick(&progress, "workspaces", 0, total);
        let finished = RefCell::new(0usize);
        let per_workspace = crate::concurrency::buffered(
            workspaces.iter().map(|w| {
                let list = ListKeys {
                    include_disabled: Some(true),
                    workspace_id: Some(w.id.clone()),
                    offset: None,
                };
                let keys = client
                    .call(list)
                    .paginate()
                    .signal_opt(signal.clone())
                    .concurrency(concurrency)
                    .read_ahead()
                    .collect_all();
                let (finished, progress) = (&finished, &progress);
                async move {
                    let r = keys.await;
                    *finished.borrow_mut() += 1;
                    tick(progress, "workspaces", *finished.borrow(), total);
                    r
                }
            }),
            concurrency,
            Some(|r: &Result<_, Error>| r.is_err()),
        )
        .await;
        let mut keys = Vec::new();
        for ws_keys in per_workspace {
            keys.append(&mut ws_keys?);
        }
        let snapshot = OrgSnapshot {
            now_ms,
            workspaces,
            keys,
            ..OrgSnapshot::default()
        };
        self.progress = progress.into_inner();
        Ok((snapshot, ReadRest(self)))
    }

    /// Stage 2 alone, for a snapshot whose keys stage an earlier [`keys`](Self::keys) read:
    /// with this builder's signal, concurrency, thresholds and progress (a page that keeps the
    /// keys on screen reads the rest again after a failure, without the keys).
    pub fn rest(self) -> ReadRest<'a, T> {
        ReadRest(self)
    }

    /// Reads both stages; the first failed read ends it with that read's error.
    pub async fn send(self) -> Result<OrgSnapshot, Error> {
        let (mut snapshot, rest) = self.keys().await?;
        rest.complete(&mut snapshot).await?;
        Ok(snapshot)
    }

    /// Reads both stages and returns the snapshot's findings, the most severe first.
    pub async fn findings(self) -> Result<(OrgSnapshot, Vec<Finding>), Error> {
        let (mut snapshot, rest) = self.keys().await?;
        let found = rest.findings(&mut snapshot).await?;
        Ok((snapshot, found))
    }
}

/// Stage 2 of a snapshot, from [`ReadOrganization::keys`]: what only the findings need. It
/// keeps the builder, with its signal, concurrency, thresholds and progress.
#[must_use = "does nothing until `.complete(&mut snapshot).await`"]
pub struct ReadRest<'a, T>(ReadOrganization<'a, T>);

impl<T> std::fmt::Debug for ReadRest<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadRest")
            .field("concurrency", &self.0.concurrency)
            .finish_non_exhaustive()
    }
}

impl<'a, T: Transport> ReadRest<'a, T> {
    /// Reads members, credits, the activity by workspace, the budgets [`needs_budgets`] names
    /// and the key activity [`needs_activity`] asks for, into `snapshot` (stage 1's, from
    /// [`ReadOrganization::keys`]). On an error (the first failed read's) `snapshot` is left as
    /// stage 1 made it: its keys and workspaces still there, the rest empty.
    pub async fn complete(self, snapshot: &mut OrgSnapshot) -> Result<(), Error> {
        let r = self.read(snapshot).await;
        if r.is_err() {
            let OrgSnapshot {
                now_ms,
                workspaces,
                keys,
                ..
            } = std::mem::take(snapshot);
            *snapshot = OrgSnapshot {
                now_ms,
                workspaces,
                keys,
                ..OrgSnapshot::default()
            };
        }
        r
    }

    /// [`complete`](Self::complete), then the snapshot's findings, the most severe first.
    pub async fn findings(self, snapshot: &mut OrgSnapshot) -> Result<Vec<Finding>, Error> {
        let thresholds = self.0.thresholds.clone();
        self.complete(snapshot).await?;
        Ok(findings::findings(snapshot, &thresholds))
    }

    async fn read(self, snapshot: &mut OrgSnapshot) -> Result<(), Error> {
        let ReadRest(ReadOrganization {
            client,
            signal,
            concurrency,
            thresholds,
            progress,
        }) = self;
        let progress = RefCell::new(progress);
        let done = RefCell::new(0usize);
        // Counts one of the three reads as finished (whatever its outcome).
        let count = || {
            *done.borrow_mut() += 1;
            tick(&progress, "organization", *done.borrow(), 3);
        };
        tick(&progress, "organization", 0, 3);
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
            let call = client.call(GetCredits).signal_opt(signal.clone());
            let r = call.send().await;
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
        let (members, credits, activity) = try_join3(members, credits, activity).await?;
        snapshot.members = members;
        snapshot.credits = Some(credits);
        snapshot.activity = activity;

        let wanted = needs_budgets(snapshot, &thresholds);
        let total = wanted.len();
        tick(&progress, "budgets", 0, total);
        let finished = RefCell::new(0usize);
        let budgets = crate::concurrency::buffered(
            wanted.into_iter().map(|id| {
                let list = ListBudgets {
                    workspace: id.to_string(),
                };
                let call = client.call(list).signal_opt(signal.clone());
                let (finished, progress) = (&finished, &progress);
                async move {
                    let r = call.send().await;
                    *finished.borrow_mut() += 1;
                    tick(progress, "budgets", *finished.borrow(), total);
                    r.map(|list| (id, list))
                }
            }),
            concurrency,
            Some(|r: &Result<_, Error>| r.is_err()),
        )
        .await;
        snapshot.budgets = budgets.into_iter().collect::<Result<BTreeMap<_, _>, _>>()?;

        let now_ms = snapshot.now_ms;
        let wanted: Vec<_> = snapshot
            .keys
            .iter()
            .filter(|k| needs_activity(k, now_ms, &thresholds))
            .map(|k| k.hash.clone())
            .collect();
        let total = wanted.len();
        tick(&progress, "key activity", 0, total);
        let finished = RefCell::new(0usize);
        let key_activity = crate::concurrency::buffered(
            wanted.into_iter().map(|hash| {
                let one_key = GetActivity {
                    api_key_hash: Some(hash.clone()),
                    ..GetActivity::default()
                };
                let call = client.call(one_key).signal_opt(signal.clone());
                let (finished, progress) = (&finished, &progress);
                async move {
                    let r = call.send().await;
                    *finished.borrow_mut() += 1;
                    tick(progress, "key activity", *finished.borrow(), total);
                    r.map(|rows| (hash, rows))
                }
            }),
            concurrency,
            Some(|r: &Result<_, Error>| r.is_err()),
        )
        .await;
        snapshot.key_activity = key_activity
            .into_iter()
            .collect::<Result<BTreeMap<_, _>, _>>()?;
        Ok(())
    }
}
