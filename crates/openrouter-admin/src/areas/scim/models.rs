//! The SCIM area's shapes.

use crate::body::{body, string_value, BodyValue, Kind, Visitor};
use crate::json_writer::{to_str_value, ToValue, Value};
use crate::patch::Patch;
use crate::shapes::{id_type, open_enum, Timestamp, WorkspaceId};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

id_type!(
    /// A SCIM group's UUID.
    ScimGroupId
);
id_type!(
    /// A SCIM group mapping's UUID.
    ScimMappingId
);
id_type!(
    /// A SCIM sync job's id.
    ScimSyncJobId
);

to_str_value!(ScimRole, ScimGroupId);
string_value!(ScimRole => |s: String| ScimRole::parse(&s), ScimGroupId => ScimGroupId::from);
crate::body::required_field!(ScimRole, ScimGroupId);

open_enum!(
    /// The role a mapping grants in its workspace.
    ScimRole {
        /// Workspace admin.
        Admin = "admin",
        /// Workspace member.
        Member = "member",
    }
);

impl Default for ScimRole {
    /// `member`: the lesser role.
    fn default() -> Self {
        ScimRole::Member
    }
}

open_enum!(
    /// Where a sync job is.
    ScimSyncStatus {
        /// Asked for, not started.
        Queued = "queued",
        /// Reading the identity provider.
        Running = "running",
        /// Done.
        Succeeded = "succeeded",
        /// Ended with `error_message`.
        Failed = "failed",
    }
);

impl ScimSyncStatus {
    /// Whether the job has ended (succeeded or failed): no further state comes.
    pub fn is_finished(&self) -> bool {
        matches!(self, ScimSyncStatus::Succeeded | ScimSyncStatus::Failed)
    }
}

/// A group of the identity provider (`ScimGroup`). The API never lists its members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScimGroup {
    /// UUID.
    pub id: ScimGroupId,
    /// The organization.
    pub organization_id: String,
    /// The provider's own id for it.
    pub external_id: Option<String>,
    /// Its name.
    pub display_name: String,
    /// When it was provisioned.
    pub created_at: Timestamp,
    /// Its last change.
    pub updated_at: Timestamp,
}

/// A group-to-workspace mapping (`ScimGroupMapping`): group and workspace are fixed, only
/// the role changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScimGroupMapping {
    /// UUID.
    pub id: ScimMappingId,
    /// The organization.
    pub organization_id: String,
    /// The group.
    pub scim_group_id: ScimGroupId,
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The role it grants.
    pub role: ScimRole,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
}

/// A sync job (`ScimSyncJob` of @openrouter/sdk 1.3.19; not in the spec extract).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScimSyncJob {
    /// Its id.
    pub id: ScimSyncJobId,
    /// Where it is.
    pub status: ScimSyncStatus,
    /// When it was asked for.
    pub created_at: Timestamp,
    /// When it started.
    #[serde(default)]
    pub started_at: Option<Timestamp>,
    /// When it ended.
    #[serde(default)]
    pub finished_at: Option<Timestamp>,
    /// Groups it read.
    #[serde(default)]
    pub synced_groups: Option<u64>,
    /// Groups the provider had deleted.
    #[serde(default)]
    pub deleted_groups: Option<u64>,
    /// Why it failed.
    #[serde(default)]
    pub error_message: Option<String>,
}

/// What `DELETE /scim/group-mappings/{id}` does with the access the mapping granted: the API
/// has no default (a request without it is a 400), so the choice is a required argument here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepMembers {
    /// `keep_members=true`: the members stay, as manually managed members.
    Keep,
    /// `keep_members=false`: the access that came only from this mapping is removed.
    Remove,
}

impl KeepMembers {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            KeepMembers::Keep => "true",
            KeepMembers::Remove => "false",
        }
    }
}

body! {
    /// Body of `POST /scim/group-mappings` (`CreateScimGroupMappingRequest`).
    pub struct CreateScimGroupMapping(scim_group_id: ScimGroupId, workspace_id: WorkspaceId, role: ScimRole) {
        /// The group's UUID.
        pub scim_group_id: ScimGroupId => new,
        /// The workspace's UUID (a slug is refused before sending).
        pub workspace_id: WorkspaceId => new,
        /// The role it grants.
        pub role: ScimRole => new,
    }
}

body! {
    /// Body of `PATCH /scim/group-mappings/{id}` (`UpdateScimGroupMappingRequest`): the role,
    /// the only thing that changes.
    pub struct UpdateScimGroupMapping(role: ScimRole) {
        /// The new role.
        pub role: ScimRole => new,
    }
}
