//! The members area's handler.

use crate::areas::keys::endpoints::ListKeys;
use crate::areas::members::endpoints::{AddMembers, ListMembers, RemoveMembers};
use crate::areas::members::models::MemberIds;
use crate::areas::members::rules::MAX_MEMBER_BATCH;
use crate::client::{Call, Client};
use crate::endpoint::{Endpoint, PagedEndpoint};
use crate::error::Error;
use crate::handlers::batch::{distinct, failure, send_chunks};
use crate::shapes::{UserId, WorkspaceId};
use crate::transport::{CancelSignal, Transport};
use crate::views::{KeyRow, MemberRow};

/// `client.workspace(id).members()`.
///
/// ```no_run
/// use openrouter_admin::handlers::MemberOutcome;
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let members = client.workspace("production").members();
/// let page = members.list().limit(100).send().await?;
/// // one request of 1..100 ids
/// members.add(["user_1", "user_2"]).send().await?;
/// // any number of ids, chunked by 100, with one outcome per user
/// let changes = members.remove_all(["user_1", "user_3"]).send().await?;
/// for r in &changes.results {
///     if matches!(r.outcome, MemberOutcome::KeptActiveKeys) {
///         println!("{} still has active keys here", r.user_id);
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct MembersHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) workspace: String,
}

pub(crate) fn ids<I, U>(ids: I) -> Vec<UserId>
where
    I: IntoIterator<Item = U>,
    U: Into<UserId>,
{
    ids.into_iter().map(Into::into).collect()
}

impl<'a, T: Transport> MembersHandler<'a, T> {
    /// `GET /workspaces/{id}/members`.
    pub fn list(&self) -> Call<'a, T, ListMembers> {
        self.client.call(ListMembers::new(self.workspace.clone()))
    }
    /// `POST .../members/add`: one request, 1..100 ids (validated).
    pub fn add<I, U>(&self, user_ids: I) -> Call<'a, T, AddMembers>
    where
        I: IntoIterator<Item = U>,
        U: Into<UserId>,
    {
        self.client.call(AddMembers {
            workspace: self.workspace.clone(),
            body: MemberIds {
                user_ids: ids(user_ids),
            },
        })
    }
    /// `POST .../members/remove`: one request, 1..100 ids (validated). May remove fewer than asked.
    pub fn remove<I, U>(&self, user_ids: I) -> Call<'a, T, RemoveMembers>
    where
        I: IntoIterator<Item = U>,
        U: Into<UserId>,
    {
        self.client.call(RemoveMembers {
            workspace: self.workspace.clone(),
            body: MemberIds {
                user_ids: ids(user_ids),
            },
        })
    }
    /// Adds any number of ids (chunks of 100, one after another) and reports one outcome per
    /// user, found by listing the members before and after.
    pub fn add_all<I, U>(&self, user_ids: I) -> MemberChanges<'a, T>
    where
        I: IntoIterator<Item = U>,
        U: Into<UserId>,
    {
        MemberChanges {
            client: self.client,
            workspace: self.workspace.clone(),
            ids: ids(user_ids),
            add: true,
            signal: None,
        }
    }
    /// Removes any number of ids (chunks of 100) and reports one outcome per user; for those
    /// that stayed, says why (active keys: proven from the workspace's keys; SCIM: inferred).
    pub fn remove_all<I, U>(&self, user_ids: I) -> MemberChanges<'a, T>
    where
        I: IntoIterator<Item = U>,
        U: Into<UserId>,
    {
        MemberChanges {
            client: self.client,
            workspace: self.workspace.clone(),
            ids: ids(user_ids),
            add: false,
            signal: None,
        }
    }
}

/// What happened to one user in [`MembersHandler::add_all`] / [`remove_all`](MembersHandler::remove_all).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum MemberOutcome {
    /// Was not a member, is now.
    Added,
    /// Was already a member: nothing sent for them.
    AlreadyMember,
    /// Was a member, is no longer.
    Removed,
    /// Still a member: they hold active (enabled) keys in this workspace (proven by listing them).
    KeptActiveKeys,
    /// Still a member with no active keys here: the API's other documented reason is SCIM
    /// management. The spec exposes no SCIM flag, so this is **inferred**.
    KeptScimManaged,
    /// Was not a member: nothing to remove.
    NotAMember,
    /// The request for their chunk failed (or they are not in the list afterwards).
    Failed(Error),
}

/// One user's outcome.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct MemberResult {
    /// The user.
    pub user_id: UserId,
    /// What happened.
    pub outcome: MemberOutcome,
}

/// The report of a bulk member change.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct MemberReport {
    /// One entry per distinct id asked for, in the order asked.
    pub results: Vec<MemberResult>,
}

pub(crate) type IdSet = crate::handlers::batch::IdSet<UserId>;

/// Builder for [`MembersHandler::add_all`] / [`remove_all`](MembersHandler::remove_all).
#[must_use = "does nothing until `.send().await`"]
pub struct MemberChanges<'a, T> {
    client: &'a Client<T>,
    workspace: String,
    ids: Vec<UserId>,
    add: bool,
    signal: Option<CancelSignal>,
}

impl<T: Transport> MemberChanges<'_, T> {
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }

    /// The workspace's members (only who, and the workspace's UUID, are read: see `json`).
    async fn members(&self) -> Result<(IdSet, Option<WorkspaceId>), Error> {
        let list = ListMembers {
            workspace: self.workspace.clone(),
            offset: None,
            limit: Some(100),
        };
        let all = self
            .client
            .call(list)
            .paginate()
            .signal_opt(self.signal.clone())
            .collect_values()
            .await?;
        let mut ws = None;
        let mut ids = IdSet::default();
        for member in &all {
            let member = MemberRow::new(member);
            if ws.is_none() {
                ws = Some(member.workspace_id()?);
            }
            ids.insert(member.user_id()?);
        }
        Ok((ids, ws))
    }

    /// Runs the chunks and reports.
    pub async fn send(self) -> Result<MemberReport, Error> {
        let asked = distinct(&self.ids);
        if asked.is_empty() {
            return Ok(MemberReport::default());
        }
        if asked.iter().any(|u| u.as_str().is_empty()) {
            return Err(Error::validation(vec![crate::error::FieldError::new(
                "user_ids",
                "min_length",
                "a user id cannot be empty",
            )]));
        }
        let (before, ws_id) = self.members().await?;
        let todo: Vec<UserId> = asked
            .iter()
            .filter(|u| before.contains(u) != self.add)
            .cloned()
            .collect();
        let chunk_errors = send_chunks(
            self.client,
            &todo,
            MAX_MEMBER_BATCH,
            self.signal.as_ref(),
            |user_ids| {
                let body = MemberIds { user_ids };
                let workspace = self.workspace.clone();
                if self.add {
                    AddMembers { workspace, body }.request()
                } else {
                    RemoveMembers { workspace, body }.request()
                }
            },
        )
        .await?;
        let after = if todo.is_empty() {
            before.clone()
        } else {
            self.members().await?.0
        };
        let failed = |u: &UserId| failure(&chunk_errors, u);

        // For members that stayed: who holds active keys in this workspace? Whoever stayed was
        // in `before`, whose rows carry the workspace's UUID that `GET /keys` filters by.
        let mut key_holders = IdSet::default();
        let stayed = asked
            .iter()
            .any(|u| !self.add && before.contains(u) && after.contains(u) && failed(u).is_none());
        if let Some(ws) = ws_id.filter(|_| stayed) {
            let mut lk = ListKeys {
                offset: None,
                include_disabled: Some(false),
                workspace_id: Some(ws),
            };
            lk.set_offset(0);
            let keys = self
                .client
                .call(lk)
                .paginate()
                .signal_opt(self.signal.clone())
                .collect_values()
                .await?;
            for key in &keys {
                let key = KeyRow::new(key);
                if !key.disabled()? {
                    if let Some(owner) = key.creator_user_id()? {
                        key_holders.insert(owner);
                    }
                }
            }
        }

        let results = asked
            .into_iter()
            .map(|u| {
                let outcome = if self.add {
                    if before.contains(&u) {
                        MemberOutcome::AlreadyMember
                    } else if after.contains(&u) {
                        MemberOutcome::Added
                    } else {
                        MemberOutcome::Failed(failed(&u).unwrap_or_else(|| {
                            Error::new(
                                crate::ErrorKind::Api,
                                "not a member after the add (not in the organization?)",
                            )
                        }))
                    }
                } else if !before.contains(&u) {
                    MemberOutcome::NotAMember
                } else if !after.contains(&u) {
                    MemberOutcome::Removed
                } else if let Some(e) = failed(&u) {
                    MemberOutcome::Failed(e)
                } else if key_holders.contains(&u) {
                    MemberOutcome::KeptActiveKeys
                } else {
                    MemberOutcome::KeptScimManaged
                };
                MemberResult {
                    user_id: u,
                    outcome,
                }
            })
            .collect();
        Ok(MemberReport { results })
    }
}
