//! SCIM: `client.scim()` lists groups and mappings, creates a mapping and starts a sync job;
//! `client.scim_mapping(id)` reads, changes the role of, and deletes one mapping;
//! `client.scim_sync_job(id)` reads a job.

use crate::areas::scim::endpoints::{
    CreateScimGroupMappingRequest, CreateScimSyncJob, DeleteScimGroupMapping, GetScimGroupMapping,
    GetScimSyncJob, ListScimGroupMappings, ListScimGroups, UpdateScimGroupMappingRequest,
};
use crate::areas::scim::models::{
    CreateScimGroupMapping, KeepMembers, ScimMappingId, ScimSyncJobId, UpdateScimGroupMapping,
};
use crate::client::{Call, Client};
use crate::transport::Transport;

/// `client.scim()`: the organization's identity-provider groups and their mappings.
///
/// A mapping grants each member of its group a membership of its workspace; a member of
/// several mapped groups gets the highest role; members added by hand are never touched by
/// mappings. The API never says who is in a group, so no call can say exactly whose access a
/// mapping's deletion removes.
///
/// ```no_run
/// use openrouter_admin::models::{CreateScimGroupMapping, KeepMembers, ScimRole};
/// # async fn run(client: openrouter_admin::Client) -> Result<(), openrouter_admin::Error> {
/// let groups = client.scim().groups().send().await?;
/// let ws = client.workspace("production").get().send().await?;
/// let m = client
///     .scim()
///     .create_mapping(CreateScimGroupMapping::new(groups.data[0].id.clone(), ws.id, ScimRole::Member))
///     .send()
///     .await?;
/// client.scim_mapping(m.id).delete(KeepMembers::Keep).send().await?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ScimHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
}

impl<T: Transport> Client<T> {
    /// SCIM groups, mappings and sync jobs.
    pub fn scim(&self) -> ScimHandler<'_, T> {
        ScimHandler { client: self }
    }

    /// One SCIM group mapping, by UUID.
    pub fn scim_mapping(&self, id: impl Into<ScimMappingId>) -> ScimMappingHandler<'_, T> {
        ScimMappingHandler {
            client: self,
            id: id.into(),
        }
    }

    /// `GET /scim/sync-jobs/{id}`: a sync job's progress.
    pub fn scim_sync_job(&self, id: impl Into<ScimSyncJobId>) -> Call<'_, T, GetScimSyncJob> {
        self.call(GetScimSyncJob::new(id))
    }
}

impl<'a, T: Transport> ScimHandler<'a, T> {
    /// `GET /scim/groups`.
    pub fn groups(&self) -> Call<'a, T, ListScimGroups> {
        self.client.call(ListScimGroups::default())
    }
    /// `GET /scim/group-mappings`.
    pub fn mappings(&self) -> Call<'a, T, ListScimGroupMappings> {
        self.client.call(ListScimGroupMappings::default())
    }
    /// `POST /scim/group-mappings`: validated (UUIDs, a known role); the same mapping again
    /// answers it (201), another role for it is a 409.
    pub fn create_mapping(
        &self,
        body: CreateScimGroupMapping,
    ) -> Call<'a, T, CreateScimGroupMappingRequest> {
        self.client.call(CreateScimGroupMappingRequest::new(body))
    }
    /// `POST /scim/sync-jobs`: 202, the job queued; follow it with
    /// [`Client::scim_sync_job`].
    pub fn sync(&self) -> Call<'a, T, CreateScimSyncJob> {
        self.client.call(CreateScimSyncJob::new())
    }
}

/// `client.scim_mapping(id)`: one mapping.
#[derive(Debug)]
pub struct ScimMappingHandler<'a, T> {
    pub(crate) client: &'a Client<T>,
    pub(crate) id: ScimMappingId,
}

impl<'a, T: Transport> ScimMappingHandler<'a, T> {
    /// `GET /scim/group-mappings/{id}`.
    pub fn get(&self) -> Call<'a, T, GetScimGroupMapping> {
        self.client.call(GetScimGroupMapping::new(self.id.clone()))
    }
    /// `PATCH /scim/group-mappings/{id}`: its role.
    pub fn update(
        &self,
        body: UpdateScimGroupMapping,
    ) -> Call<'a, T, UpdateScimGroupMappingRequest> {
        self.client
            .call(UpdateScimGroupMappingRequest::new(self.id.clone(), body))
    }
    /// `DELETE /scim/group-mappings/{id}`: `members` says whether the access it granted stays
    /// (as manual memberships) or goes (where it came only from this mapping).
    pub fn delete(&self, members: KeepMembers) -> Call<'a, T, DeleteScimGroupMapping> {
        self.client
            .call(DeleteScimGroupMapping::new(self.id.clone(), members))
    }
}
