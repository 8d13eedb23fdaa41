//! One handler per resource (octocrab style): `client.workspaces()`, `client.workspace(id)`,
//! `client.workspace(id).members()`, `client.workspace(id).budgets()`, `client.keys()`,
//! `client.key(&hash)`, `client.organization()`, `client.credits()`, `client.activity()`,
//! `client.workspace(uuid).guardrails()`, `client.guardrail(id)`, `client.guardrails()`.

pub(crate) mod batch;
pub(crate) mod reconcile;
pub(crate) mod snapshot;

pub use crate::areas::budgets::handler::*;
pub use crate::areas::byok::handler::*;
pub use crate::areas::guardrails::handler::*;
pub use crate::areas::keys::handler::*;
pub use crate::areas::members::handler::*;
pub use crate::areas::observability::handler::*;
pub use crate::areas::organization::handler::*;
pub use crate::areas::workspaces::handler::*;
pub use reconcile::ReconcileCreated;
pub use snapshot::{Progress, ReadOrganization};

use crate::areas::byok::endpoints::ListByokKeys;
use crate::areas::keys::endpoints::GetCurrentKey;
use crate::areas::members::endpoints::ListMembers;
use crate::areas::observability::endpoints::ListDestinations;
use crate::areas::organization::endpoints::ListOrganizationMembers;
use crate::areas::workspaces::endpoints::ListWorkspaces;
use crate::client::{Call, Client};
use crate::transport::Transport;

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
    /// API keys as a collection: list, create, rotate, bulk, reconcile.
    pub fn keys(&self) -> KeysHandler<'_, T> {
        KeysHandler { client: self }
    }
    /// One API key, by hash.
    pub fn key(&self, hash: impl Into<crate::shapes::KeyHash>) -> KeyHandler<'_, T> {
        KeyHandler {
            client: self,
            hash: hash.into(),
        }
    }
    /// `GET /key`: the key the client was built with (any key works here).
    ///
    /// ```no_run
    /// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
    /// let me = client.current_key().send().await?;
    /// if !me.is_management_key {
    ///     eprintln!("this is not a management key");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn current_key(&self) -> Call<'_, T, GetCurrentKey> {
        self.call(GetCurrentKey)
    }
    /// The organization.
    pub fn organization(&self) -> OrganizationHandler<'_, T> {
        OrganizationHandler { client: self }
    }
    /// The transport's clock (ms since the epoch): record it before a create to reconcile later.
    pub fn now_ms(&self) -> f64 {
        self.transport().now_ms()
    }
}

/// `limit` and `offset` on the calls of the lists that take both.
macro_rules! page_options {
    ($($list:ty),* $(,)?) => {$(
        impl<T: Transport> Call<'_, T, $list> {
            /// Page size, 1..100.
            pub fn limit(mut self, n: u32) -> Self {
                self.endpoint.limit = Some(n);
                self
            }
            /// Records to skip.
            pub fn offset(mut self, n: u64) -> Self {
                self.endpoint.offset = Some(n);
                self
            }
        }
    )*};
}

page_options!(
    ListWorkspaces,
    ListMembers,
    ListOrganizationMembers,
    ListByokKeys,
    ListDestinations,
);
