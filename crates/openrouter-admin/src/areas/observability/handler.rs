//! Observability (broadcast) destinations: `client.workspace(id).destinations()` lists and
//! creates, `client.destination(id)` reads, updates and deletes one.

use crate::areas::observability::endpoints::{
    CreateDestinationRequest, DeleteDestination, GetDestination, ListDestinations,
    UpdateDestinationRequest,
};
use crate::areas::observability::models::{
    CreateDestination, Destination, DestinationId, UpdateDestination,
};
use crate::areas::workspaces::handler::WorkspaceHandler;
use crate::by_id::by_id;
use crate::client::{Call, Client};
use crate::handlers::reconcile::ReconcileCreated;
use crate::shapes::WorkspaceId;
use crate::transport::Transport;

/// `client.workspace(id).destinations()`: a workspace's observability destinations, at most
/// [`MAX_DESTINATIONS_PER_TYPE`](crate::areas::observability::models::MAX_DESTINATIONS_PER_TYPE) of each type.
///
/// As for BYOK, the API takes the workspace's **UUID** (`workspace_id`): a handler made from
/// a slug answers with a `validation` error naming `workspace_id`, before sending.
///
/// ```no_run
/// use openrouter_admin::models::{CreateDestination, DestinationType, JsonObject};
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let ws = client.workspace("production").get().send().await?;
/// let config = JsonObject::from_json(r#"{"publicKey":"pk-lf-1","secretKey":"sk-lf-1"}"#);
/// let d = client
///     .workspace(&ws.id)
///     .destinations()
///     .create(CreateDestination::new(DestinationType::Langfuse, "Langfuse", config).regions(["europe".to_owned()]))
///     .send()
///     .await;
/// if let Err(e) = &d {
///     if e.status() == Some(409) { /* five of that type already */ }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct DestinationsHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) workspace: String,
}

impl<'a, T: Transport> WorkspaceHandler<'a, T> {
    /// Its observability destinations (the handler must name the workspace by UUID).
    pub fn destinations(&self) -> DestinationsHandler<'a, T> {
        DestinationsHandler {
            client: self.client,
            workspace: self.id.clone(),
        }
    }
}

impl<'a, T: Transport> DestinationsHandler<'a, T> {
    /// `GET /observability/destinations?workspace_id=...`.
    pub fn list(&self) -> Call<'a, T, ListDestinations> {
        self.client.call(ListDestinations {
            workspace_id: Some(WorkspaceId::new(self.workspace.clone())),
            ..ListDestinations::default()
        })
    }
    /// `POST /observability/destinations` in this workspace: validated (the type's required
    /// `config`, `regions` not empty); retried only on 429; a sixth of one type is a 409.
    pub fn create(&self, body: CreateDestination) -> Call<'a, T, CreateDestinationRequest> {
        let body = body.workspace_id(self.workspace.clone());
        self.client.call(CreateDestinationRequest { body })
    }
    /// Finds a destination created under an unknown outcome: one of this workspace's
    /// destinations with the request's `type` and `name`, created at or after `since_ms` (the
    /// transport clock before the attempt; a 60 s clock-skew allowance is subtracted, see
    /// [`skew`](ReconcileCreated::skew)); the newest if several.
    pub fn reconcile(
        &self,
        request: &CreateDestination,
        since_ms: f64,
    ) -> ReconcileCreated<'a, T, ListDestinations> {
        let kind = request.kind.clone();
        let name = request.name.clone();
        ReconcileCreated::new(
            self.client,
            ListDestinations {
                workspace_id: Some(WorkspaceId::new(self.workspace.clone())),
                ..ListDestinations::default()
            },
            move |d: &Destination| d.kind == kind && d.name.as_deref() == Some(name.as_str()),
            |d| &d.created_at,
            since_ms,
        )
    }
}

/// `client.destination(id)`: one observability destination.
#[derive(Debug)]
pub struct DestinationHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) id: DestinationId,
}

impl<T: Transport> Client<T> {
    /// One observability destination, by UUID.
    pub fn destination(&self, id: impl Into<DestinationId>) -> DestinationHandler<'_, T> {
        DestinationHandler {
            client: self,
            id: id.into(),
        }
    }
}

by_id!(
    DestinationHandler.id,
    /// `GET /observability/destinations/{id}`.
    get: GetDestination,
    /// `PATCH /observability/destinations/{id}` with only the set fields (`regions` left out
    /// is kept; it cannot be cleared).
    update: UpdateDestinationRequest(UpdateDestination),
    /// `DELETE /observability/destinations/{id}`.
    delete: DeleteDestination,
);
