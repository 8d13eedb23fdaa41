//! The guardrails area's handler.

use crate::areas::guardrails::endpoints::{
    AssignGuardrailKeys, AssignGuardrailMembers, CreateGuardrailRequest, DeleteGuardrail,
    GetGuardrail, ListGuardrailKeys, ListGuardrailMembers, ListGuardrails, ListKeyAssignments,
    ListMemberAssignments, UnassignGuardrailKeys, UnassignGuardrailMembers, UpdateGuardrailRequest,
};
use crate::areas::guardrails::models::{
    CreateGuardrail, Guardrail, KeyHashes, MemberUserIds, UpdateGuardrail,
};
use crate::areas::guardrails::rules::MAX_ASSIGNMENT_BATCH;
use crate::areas::workspaces::handler::WorkspaceHandler;
use crate::by_id::by_id;
use crate::client::{Call, Client};
use crate::endpoint::Endpoint;
use crate::error::{Error, FieldError};
use crate::handlers::batch::{distinct, failure, send_chunks, IdSet};
use crate::handlers::reconcile::ReconcileCreated;
use crate::shapes::{GuardrailId, KeyHash, UserId, WorkspaceId};
use crate::transport::{CancelSignal, Transport};
use crate::views::AssignmentRow;

impl<T: Transport> Client<T> {
    /// Guardrails across the organization: the Default workspace's list, create, and every
    /// key and member assignment.
    pub fn guardrails(&self) -> GuardrailsHandler<'_, T> {
        GuardrailsHandler { client: self }
    }
    /// One guardrail, by id (a workspace's `default_guardrail_id` works before that default
    /// guardrail is ever written: `update` writes it, `get` answers 404 until then).
    pub fn guardrail(&self, id: impl Into<GuardrailId>) -> GuardrailHandler<'_, T> {
        GuardrailHandler {
            client: self,
            id: id.into(),
        }
    }
}

impl<'a, T: Transport> WorkspaceHandler<'a, T> {
    /// Its guardrails. The API names a workspace here by **UUID** only: given a slug,
    /// `list` and `create` fail with a `validation` error naming `workspace_id`, before
    /// anything is sent (no extra request is made behind the caller's back to resolve it).
    pub fn guardrails(&self) -> WorkspaceGuardrailsHandler<'a, T> {
        WorkspaceGuardrailsHandler {
            client: self.client,
            workspace: WorkspaceId::new(self.id.clone()),
        }
    }
}

/// `client.guardrails()`.
///
/// ```no_run
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let keys = client.guardrails().key_assignments().paginate().collect_all().await?;
/// for a in &keys {
///     println!("{} is governed by {}", a.key_name, a.guardrail_id);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct GuardrailsHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
}

impl<'a, T: Transport> GuardrailsHandler<'a, T> {
    /// `GET /guardrails`: the Default workspace's guardrails (another workspace's:
    /// `client.workspace(uuid).guardrails().list()`).
    pub fn list(&self) -> Call<'a, T, ListGuardrails> {
        self.client.call(ListGuardrails::default())
    }
    /// `POST /guardrails`: validated; retried only on 429. In the Default workspace unless
    /// the body names a `workspace_id`.
    pub fn create(&self, body: CreateGuardrail) -> Call<'a, T, CreateGuardrailRequest> {
        self.client.call(CreateGuardrailRequest { body })
    }
    /// `GET /guardrails/assignments/keys`: every key that holds a guardrail.
    pub fn key_assignments(&self) -> Call<'a, T, ListKeyAssignments> {
        self.client.call(ListKeyAssignments::default())
    }
    /// `GET /guardrails/assignments/members`: every member who holds a guardrail.
    pub fn member_assignments(&self) -> Call<'a, T, ListMemberAssignments> {
        self.client.call(ListMemberAssignments::default())
    }
}

/// `client.workspace(uuid).guardrails()`.
///
/// ```no_run
/// use openrouter_admin::models::{CreateGuardrail, LimitReset};
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let ws = client.workspace("production").get().send().await?; // slug -> UUID
/// let g = client
///     .workspace(&ws.id)
///     .guardrails()
///     .create(
///         CreateGuardrail::new("Two models")
///             .allowed_models(vec!["openai/gpt-4.1".to_string(), "anthropic/claude-sonnet-4".to_string()])
///             .limit_usd(50.0)
///             .reset_interval(LimitReset::Monthly),
///     )
///     .send()
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct WorkspaceGuardrailsHandler<'a, T> {
    client: &'a Client<T>,
    workspace: WorkspaceId,
}

impl<'a, T: Transport> WorkspaceGuardrailsHandler<'a, T> {
    /// `GET /guardrails?workspace_id=...`.
    pub fn list(&self) -> Call<'a, T, ListGuardrails> {
        self.client.call(ListGuardrails {
            workspace_id: Some(self.workspace.clone()),
            ..ListGuardrails::default()
        })
    }
    /// `POST /guardrails` in this workspace (its `workspace_id` is this workspace, whatever
    /// the body said).
    pub fn create(&self, mut body: CreateGuardrail) -> Call<'a, T, CreateGuardrailRequest> {
        body.workspace_id = Some(self.workspace.clone());
        self.client.call(CreateGuardrailRequest { body })
    }
    /// Finds a guardrail created under an unknown outcome: one of this workspace's guardrails
    /// with the request's `name`, created at or after `since_ms` (the transport clock before
    /// the attempt; a 60 s clock-skew allowance is subtracted, see
    /// [`skew`](ReconcileCreated::skew)); the newest if several.
    pub fn reconcile(
        &self,
        request: &CreateGuardrail,
        since_ms: f64,
    ) -> ReconcileCreated<'a, T, ListGuardrails> {
        let name = request.name.clone();
        ReconcileCreated::new(
            self.client,
            ListGuardrails {
                workspace_id: Some(self.workspace.clone()),
                ..ListGuardrails::default()
            },
            move |g: &Guardrail| g.name == name,
            |g| &g.created_at,
            since_ms,
        )
    }
}

/// `client.guardrail(id)`.
///
/// ```no_run
/// use openrouter_admin::handlers::AssignmentOutcome;
/// use openrouter_admin::models::UpdateGuardrail;
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let g = client.guardrail("550e8400-e29b-41d4-a716-446655440000");
/// g.update(UpdateGuardrail::new().allowed_models(Some(vec!["openai/gpt-4.1".into()]))).send().await?;
/// let report = g.keys().assign(["c56454edb818d6b1", "0e6d9a61c35b1b2c"]).send().await?;
/// for r in &report.results {
///     if let AssignmentOutcome::Failed(e) = &r.outcome {
///         eprintln!("{}: {e}", r.id);
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct GuardrailHandler<'a, T> {
    client: &'a Client<T>,
    id: GuardrailId,
}

by_id!(
    GuardrailHandler.id,
    /// `GET /guardrails/{id}` (404 for a workspace default never written).
    get: GetGuardrail,
    /// `PATCH /guardrails/{id}` with only the set fields (lists replaced whole).
    update: UpdateGuardrailRequest(UpdateGuardrail),
    /// `DELETE /guardrails/{id}`: its keys and members are governed by nothing after.
    delete: DeleteGuardrail,
);

impl<'a, T: Transport> GuardrailHandler<'a, T> {
    /// The keys it governs.
    pub fn keys(&self) -> GuardrailKeysHandler<'a, T> {
        GuardrailAssigneesHandler::new(self.client, &self.id)
    }
    /// The organization members it governs.
    pub fn members(&self) -> GuardrailMembersHandler<'a, T> {
        GuardrailAssigneesHandler::new(self.client, &self.id)
    }
}

/// The keys or the organization members a guardrail governs: `client.guardrail(id).keys()`
/// ([`GuardrailKeysHandler`]) and `.members()` ([`GuardrailMembersHandler`]).
#[derive(Debug)]
pub struct GuardrailAssigneesHandler<'a, T, I> {
    client: &'a Client<T>,
    id: GuardrailId,
    _ids: std::marker::PhantomData<fn() -> I>,
}

/// `client.guardrail(id).keys()`: `list`, `assign(hashes)`, `unassign(hashes)`.
pub type GuardrailKeysHandler<'a, T> = GuardrailAssigneesHandler<'a, T, KeyHash>;

/// `client.guardrail(id).members()`: `list`, `assign(user_ids)`, `unassign(user_ids)`.
pub type GuardrailMembersHandler<'a, T> = GuardrailAssigneesHandler<'a, T, UserId>;

impl<'a, T: Transport, I: Assignee> GuardrailAssigneesHandler<'a, T, I> {
    fn new(client: &'a Client<T>, id: &GuardrailId) -> Self {
        GuardrailAssigneesHandler {
            client,
            id: id.clone(),
            _ids: std::marker::PhantomData,
        }
    }
    /// Assigns any number of keys or members (chunks of [`MAX_ASSIGNMENT_BATCH`]) with one
    /// outcome per id. A key holds one guardrail: one held elsewhere moves here.
    pub fn assign<L, U>(&self, ids: L) -> AssignmentChanges<'a, T, I>
    where
        L: IntoIterator<Item = U>,
        U: Into<I>,
    {
        AssignmentChanges::new(self.client, &self.id, ids, true)
    }
    /// Unassigns any number of keys or members, with one outcome per id.
    pub fn unassign<L, U>(&self, ids: L) -> AssignmentChanges<'a, T, I>
    where
        L: IntoIterator<Item = U>,
        U: Into<I>,
    {
        AssignmentChanges::new(self.client, &self.id, ids, false)
    }
}

impl<'a, T: Transport> GuardrailKeysHandler<'a, T> {
    /// `GET /guardrails/{id}/assignments/keys`.
    pub fn list(&self) -> Call<'a, T, ListGuardrailKeys> {
        self.client.call(ListGuardrailKeys::new(self.id.clone()))
    }
}

impl<'a, T: Transport> GuardrailMembersHandler<'a, T> {
    /// `GET /guardrails/{id}/assignments/members`.
    pub fn list(&self) -> Call<'a, T, ListGuardrailMembers> {
        self.client.call(ListGuardrailMembers::new(self.id.clone()))
    }
}

/// What happened to one key or member in an [`AssignmentChanges`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum AssignmentOutcome {
    /// Was not assigned to this guardrail, is now.
    Assigned,
    /// Was assigned already: nothing sent for it.
    AlreadyAssigned,
    /// Was assigned, is no longer.
    Unassigned,
    /// Was not assigned: nothing sent for it.
    NotAssigned,
    /// Its request failed (the API's error), or it is not as asked when listed afterwards.
    Failed(Error),
}

/// One key's or member's outcome.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AssignmentResult<I> {
    /// The key hash or user id.
    pub id: I,
    /// What happened.
    pub outcome: AssignmentOutcome,
}

/// The report of an assignment change.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AssignmentReport<I> {
    /// One entry per distinct id asked for, in the order asked.
    pub results: Vec<AssignmentResult<I>>,
}

/// Builder of a guardrail's key or member assignment change (from
/// [`GuardrailKeysHandler::assign`] and its siblings): the same machinery as a workspace's
/// [`add_all`](super::MembersHandler::add_all). The guardrail's assignments are listed before,
/// what needs it is sent in chunks, and they are listed again after; each outcome comes from
/// those lists. The API refuses a request whole (400) for one bad identifier in it (a key of
/// another workspace, say), so a refused chunk is tried again one identifier at a time: only
/// the bad ones fail.
#[must_use = "does nothing until `.send().await`"]
pub struct AssignmentChanges<'a, T, I> {
    changes: Changes<'a, T>,
    _ids: std::marker::PhantomData<fn() -> I>,
}

/// The identifiers an assignment change takes: [`KeyHash`] (keys) and [`UserId`]
/// (organization members).
pub trait Assignee: AsRef<str> + From<String> {
    /// Whether these are keys (else organization members).
    const KEYS: bool;
}

impl Assignee for KeyHash {
    const KEYS: bool = true;
}

impl Assignee for UserId {
    const KEYS: bool = false;
}

impl<'a, T: Transport, I: Assignee> AssignmentChanges<'a, T, I> {
    fn new<L, U>(client: &'a Client<T>, guardrail: &GuardrailId, ids: L, assign: bool) -> Self
    where
        L: IntoIterator<Item = U>,
        U: Into<I>,
    {
        let ids = ids
            .into_iter()
            .map(|id| id.into().as_ref().to_owned())
            .collect();
        AssignmentChanges {
            changes: Changes {
                client,
                guardrail: guardrail.clone(),
                ids,
                keys: I::KEYS,
                assign,
                signal: None,
            },
            _ids: std::marker::PhantomData,
        }
    }

    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.changes.signal = Some(signal.into());
        self
    }

    /// Runs the chunks and reports.
    pub async fn send(self) -> Result<AssignmentReport<I>, Error> {
        let results = self.changes.send().await?;
        Ok(AssignmentReport {
            results: results
                .into_iter()
                .map(|(id, outcome)| AssignmentResult {
                    id: I::from(id),
                    outcome,
                })
                .collect(),
        })
    }
}

/// The work of an [`AssignmentChanges`], the same for keys and members (`keys` says which),
/// so that it exists once in a build that does both.
pub(crate) struct Changes<'a, T> {
    client: &'a Client<T>,
    guardrail: GuardrailId,
    ids: Vec<String>,
    keys: bool,
    assign: bool,
    signal: Option<CancelSignal>,
}

impl<T: Transport> Changes<'_, T> {
    /// Who holds this guardrail now (only who is read from each row: see `views`).
    async fn assigned(&self) -> Result<IdSet<String>, Error> {
        let guardrail = self.guardrail.clone();
        let rows = if self.keys {
            let list = ListGuardrailKeys {
                limit: Some(100),
                ..ListGuardrailKeys::new(guardrail)
            };
            self.client
                .call(list)
                .paginate()
                .signal_opt(self.signal.clone())
                .collect_values()
                .await?
        } else {
            let list = ListGuardrailMembers {
                limit: Some(100),
                ..ListGuardrailMembers::new(guardrail)
            };
            self.client
                .call(list)
                .paginate()
                .signal_opt(self.signal.clone())
                .collect_values()
                .await?
        };
        let mut ids = IdSet::default();
        for row in &rows {
            let row = AssignmentRow::new(row);
            ids.insert(if self.keys {
                row.key_hash()?.0
            } else {
                row.user_id()?.0
            });
        }
        Ok(ids)
    }

    /// The one request for `ids`.
    fn request(&self, ids: Vec<String>) -> Result<crate::endpoint::Request, Error> {
        let id = self.guardrail.clone();
        match (self.keys, self.assign) {
            (true, true) => AssignGuardrailKeys::new(id, KeyHashes::new(ids)).request(),
            (true, false) => UnassignGuardrailKeys::new(id, KeyHashes::new(ids)).request(),
            (false, true) => AssignGuardrailMembers::new(id, MemberUserIds::new(ids)).request(),
            (false, false) => UnassignGuardrailMembers::new(id, MemberUserIds::new(ids)).request(),
        }
    }

    /// Runs the chunks; one outcome per distinct id, in the order asked.
    async fn send(self) -> Result<Vec<(String, AssignmentOutcome)>, Error> {
        let asked = distinct(&self.ids);
        if asked.is_empty() {
            return Ok(Vec::new());
        }
        if asked.iter().any(String::is_empty) {
            let field = if self.keys {
                "key_hashes"
            } else {
                "member_user_ids"
            };
            return Err(Error::validation(vec![FieldError::new(
                field,
                "min_length",
                "an id cannot be empty",
            )]));
        }
        let before = self.assigned().await?;
        let todo: Vec<String> = asked
            .iter()
            .filter(|i| before.contains(i) != self.assign)
            .cloned()
            .collect();
        let signal = self.signal.as_ref();
        let send = |ids| self.request(ids);
        let mut errors =
            send_chunks(self.client, &todo, MAX_ASSIGNMENT_BATCH, signal, send).await?;
        let refused_whole =
            |(chunk, e): &(Vec<String>, Error)| chunk.len() > 1 && e.status() == Some(400);
        let retry: Vec<String> = errors
            .iter()
            .filter(|c| refused_whole(c))
            .flat_map(|(chunk, _)| chunk.iter().cloned())
            .collect();
        if !retry.is_empty() {
            errors.retain(|c| !refused_whole(c));
            errors.extend(send_chunks(self.client, &retry, 1, signal, send).await?);
        }
        let after = if todo.is_empty() {
            before.clone()
        } else {
            self.assigned().await?
        };
        Ok(asked
            .into_iter()
            .map(|id| {
                let (was, is) = (before.contains(&id), after.contains(&id));
                let outcome = match (self.assign, was, is) {
                    (true, true, _) => AssignmentOutcome::AlreadyAssigned,
                    (true, false, true) => AssignmentOutcome::Assigned,
                    (false, false, _) => AssignmentOutcome::NotAssigned,
                    (false, true, false) => AssignmentOutcome::Unassigned,
                    _ => AssignmentOutcome::Failed(failure(&errors, &id).unwrap_or_else(|| {
                        Error::new(
                            crate::ErrorKind::Api,
                            if self.assign {
                                "not assigned when listed afterwards"
                            } else {
                                "still assigned when listed afterwards"
                            },
                        )
                    })),
                };
                (id, outcome)
            })
            .collect())
    }
}
