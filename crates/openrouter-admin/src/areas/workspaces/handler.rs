//! The workspaces area's handler.

use crate::areas::budgets::handler::BudgetsHandler;
use crate::areas::members::handler::MembersHandler;
use crate::areas::workspaces::endpoints::{
    CreateWorkspaceRequest, DeleteWorkspace, GetWorkspace, ListWorkspaces, UpdateWorkspaceRequest,
};
use crate::areas::workspaces::models::{CreateWorkspace, UpdateWorkspace, Workspace};
use crate::by_id::by_id;
use crate::client::{Call, Client};
use crate::endpoint::{decode_str, Endpoint};
use crate::error::Error;
use crate::shapes::DataResponse;
use crate::transport::{CancelSignal, Transport};

/// `client.workspaces()`.
///
/// ```no_run
/// use openrouter_admin::models::CreateWorkspace;
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let first = client.workspaces().list().limit(50).send().await?;
/// let all = client.workspaces().list().paginate().collect_all().await?;
/// let ws = client.workspaces().create(CreateWorkspace::new("Production", "production")).send().await;
/// match ws {
///     Err(e) if e.is_outcome_unknown() => {
///         // the create may have happened: look for it before trying again
///         let found = client.workspaces().reconcile("production").send().await?;
///     }
///     other => { other?; }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct WorkspacesHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
}

impl<'a, T: Transport> WorkspacesHandler<'a, T> {
    /// `GET /workspaces`.
    pub fn list(&self) -> Call<'a, T, ListWorkspaces> {
        self.client.call(ListWorkspaces::default())
    }
    /// `POST /workspaces`: validated; retried only on 429; other failures after sending are
    /// `OutcomeUnknown` (then [`reconcile`](Self::reconcile) by slug).
    pub fn create(&self, body: CreateWorkspace) -> Call<'a, T, CreateWorkspaceRequest> {
        self.client.call(CreateWorkspaceRequest { body })
    }
    /// `GET /workspaces/{id}` (UUID or slug).
    pub fn get(&self, id_or_slug: impl AsRef<str>) -> Call<'a, T, GetWorkspace> {
        self.client
            .call(GetWorkspace::new(id_or_slug.as_ref().to_owned()))
    }
    /// Finds a workspace created under an unknown outcome, by its slug.
    pub fn reconcile(&self, slug: impl Into<String>) -> ReconcileWorkspace<'a, T> {
        ReconcileWorkspace {
            client: self.client,
            slug: slug.into(),
            signal: None,
        }
    }
}

/// `client.workspace(id_or_slug)`.
///
/// ```no_run
/// use openrouter_admin::models::{UpdateWorkspace, Interval};
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let ws = client.workspace("production").get().send().await?;
/// client.workspace(&ws.id).update(UpdateWorkspace::new().description(None::<String>)).send().await?;
/// client.workspace(&ws.id).budgets().put(Interval::Monthly, 100.0).send().await?;
/// client.workspace(&ws.id).members().add(["user_1", "user_2"]).send().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct WorkspaceHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) id: String,
}

by_id!(
    WorkspaceHandler.id,
    /// `GET /workspaces/{id}`.
    get: GetWorkspace,
    /// `PATCH /workspaces/{id}` with only the set fields.
    update: UpdateWorkspaceRequest(UpdateWorkspace),
    /// `DELETE /workspaces/{id}` (a workspace with active keys cannot be deleted; the
    /// Default workspace answers 403: see [`delete_even_if_default`](Self::delete_even_if_default)).
    delete: DeleteWorkspace,
);

impl<'a, T: Transport> WorkspaceHandler<'a, T> {
    /// `DELETE /workspaces/{id}?confirm_default_workspace_deletion=true`: deletes this
    /// workspace even if it is the Default workspace. For the Default workspace that
    /// permanently disables the account's unscoped inference keys and deletes its budgets,
    /// guardrails and broadcast destinations; management keys are kept. For any other
    /// workspace it is the same as [`delete`](Self::delete). Ask the user first.
    pub fn delete_even_if_default(&self) -> Call<'a, T, DeleteWorkspace> {
        self.client
            .call(DeleteWorkspace::confirming_default(self.id.clone()))
    }
    /// Its members.
    pub fn members(&self) -> MembersHandler<'a, T> {
        MembersHandler {
            client: self.client,
            workspace: self.id.clone(),
        }
    }
    /// Its budgets.
    pub fn budgets(&self) -> BudgetsHandler<'a, T> {
        BudgetsHandler {
            client: self.client,
            workspace: self.id.clone(),
        }
    }
}

/// Looks a workspace up by slug after an unknown outcome: `Some` if it exists.
#[must_use = "does nothing until `.send().await`"]
pub struct ReconcileWorkspace<'a, T> {
    client: &'a Client<T>,
    slug: String,
    signal: Option<CancelSignal>,
}

impl<T: Transport> ReconcileWorkspace<'_, T> {
    /// Cancellation.
    pub fn signal(mut self, signal: impl Into<CancelSignal>) -> Self {
        self.signal = Some(signal.into());
        self
    }
    /// `GET /workspaces/{slug}`; 404 is `None`.
    pub async fn send(self) -> Result<Option<Workspace>, Error> {
        match self.send_text().await? {
            Some(text) => {
                decode_str::<DataResponse<Workspace>>(&text, 200, false).map(|d| Some(d.data))
            }
            None => Ok(None),
        }
    }
    /// Like [`send`](Self::send), with the answer (`{"data": Workspace}`) as JSON text,
    /// undecoded: for bindings that parse in JavaScript.
    pub async fn send_text(self) -> Result<Option<String>, Error> {
        let ep = GetWorkspace { id: self.slug };
        match self
            .client
            .execute_prepared(ep.request(), self.signal.as_ref())
            .await
        {
            Ok(answer) => Ok(Some(answer.body)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl<T: Transport> Client<T> {
    /// Workspaces as a collection: list, create, reconcile.
    pub fn workspaces(&self) -> WorkspacesHandler<'_, T> {
        WorkspacesHandler { client: self }
    }
    /// One workspace, by UUID or slug.
    pub fn workspace(&self, id_or_slug: impl AsRef<str>) -> WorkspaceHandler<'_, T> {
        WorkspaceHandler {
            client: self,
            id: id_or_slug.as_ref().to_owned(),
        }
    }
}
