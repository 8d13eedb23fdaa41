//! BYOK provider credentials: `client.workspace(id).byok()` lists and creates,
//! `client.byok_key(id)` reads, updates and deletes one.

use crate::areas::byok::endpoints::{
    CreateByokKeyRequest, DeleteByokKey, GetByokKey, ListByokKeys, UpdateByokKeyRequest,
};
use crate::areas::byok::models::{ByokKey, ByokKeyId, CreateByokKey, ProviderSlug, UpdateByokKey};
use crate::areas::workspaces::handler::WorkspaceHandler;
use crate::by_id::by_id;
use crate::client::{Call, Client};
use crate::handlers::reconcile::ReconcileCreated;
use crate::shapes::WorkspaceId;
use crate::transport::Transport;

/// `client.workspace(id).byok()`: a workspace's BYOK provider credentials.
///
/// The API takes the workspace's **UUID** here (`workspace_id`), not its slug: a workspace
/// handler made from a slug answers these calls with a `validation` error naming
/// `workspace_id`, before anything is sent (no hidden lookup: read the workspace first).
///
/// ```no_run
/// use openrouter_admin::models::{CreateByokKey, UpdateByokKey};
/// use openrouter_admin::Secret;
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let ws = client.workspace("production").get().send().await?;
/// let created = client
///     .workspace(&ws.id)
///     .byok()
///     .create(CreateByokKey::new("openai", Secret::new("sk-proj-...")).name("Prod OpenAI"))
///     .send()
///     .await?;
/// client.byok_key(&created.id).update(UpdateByokKey::new().disabled(true)).send().await?;
/// let all = client.workspace(&ws.id).byok().list().paginate().collect_all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ByokHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) workspace: String,
}

impl<'a, T: Transport> WorkspaceHandler<'a, T> {
    /// Its BYOK provider credentials (the handler must name the workspace by UUID).
    pub fn byok(&self) -> ByokHandler<'a, T> {
        ByokHandler {
            client: self.client,
            workspace: self.id.clone(),
        }
    }
}

impl<'a, T: Transport> ByokHandler<'a, T> {
    /// `GET /byok?workspace_id=...`.
    pub fn list(&self) -> Call<'a, T, ListByokKeys> {
        self.client.call(ListByokKeys {
            workspace_id: Some(WorkspaceId::new(self.workspace.clone())),
            ..ListByokKeys::default()
        })
    }
    /// `POST /byok` in this workspace (`workspace_id` is set to it): validated; retried only
    /// on 429; other failures after sending are `OutcomeUnknown` (list and look for it by
    /// name and provider before creating again).
    pub fn create(&self, body: CreateByokKey) -> Call<'a, T, CreateByokKeyRequest> {
        let body = body.workspace_id(self.workspace.clone());
        self.client.call(CreateByokKeyRequest { body })
    }
    /// Finds a BYOK key created under an unknown outcome: one of this workspace's credentials
    /// with the request's `provider` and `name` (both unnamed when the request had none),
    /// created at or after `since_ms` (the transport clock before the attempt; a 60 s
    /// clock-skew allowance is subtracted, see [`skew`](ReconcileCreated::skew)); the newest
    /// if several. The provider key itself is never compared: the API shows only its label.
    pub fn reconcile(
        &self,
        request: &CreateByokKey,
        since_ms: f64,
    ) -> ReconcileCreated<'a, T, ListByokKeys> {
        let provider = request.provider.clone();
        let name = request.name.clone();
        ReconcileCreated::new(
            self.client,
            ListByokKeys {
                workspace_id: Some(WorkspaceId::new(self.workspace.clone())),
                provider: Some(provider.clone()),
                ..ListByokKeys::default()
            },
            move |k: &ByokKey| k.provider == provider && k.name == name,
            |k| &k.created_at,
            since_ms,
        )
    }
}

impl<T: Transport> Call<'_, T, ListByokKeys> {
    /// Only this provider's credentials.
    pub fn provider(mut self, p: impl Into<ProviderSlug>) -> Self {
        self.endpoint.provider = Some(p.into());
        self
    }
}

/// `client.byok_key(id)`: one BYOK provider credential.
#[derive(Debug)]
pub struct ByokKeyHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) id: ByokKeyId,
}

impl<T: Transport> Client<T> {
    /// One BYOK provider credential, by UUID.
    pub fn byok_key(&self, id: impl Into<ByokKeyId>) -> ByokKeyHandler<'_, T> {
        ByokKeyHandler {
            client: self,
            id: id.into(),
        }
    }
}

by_id!(
    ByokKeyHandler.id,
    /// `GET /byok/{id}`.
    get: GetByokKey,
    /// `PATCH /byok/{id}` with only the set fields (a new `key` replaces the old in place).
    update: UpdateByokKeyRequest(UpdateByokKey),
    /// `DELETE /byok/{id}` (the key material is wiped).
    delete: DeleteByokKey,
);
