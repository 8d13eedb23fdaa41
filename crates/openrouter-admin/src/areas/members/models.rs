//! The members area's shapes.

use crate::id_list::id_list;
use crate::shapes::{MemberRole, MembershipId, Timestamp, UserId, WorkspaceId};
use serde::{Deserialize, Serialize};

/// A workspace member (`WorkspaceMember`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkspaceMember {
    /// Membership row id.
    pub id: MembershipId,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// The user.
    pub user_id: UserId,
    /// Their organization role.
    pub role: MemberRole,
    /// When they were added.
    pub created_at: Timestamp,
}

id_list!(
    /// Body of members add/remove: 1..100 user ids.
    MemberIds {
        /// The users.
        user_ids: UserId
    },
    "Wraps ids."
);

/// Answer of members add (`BulkAddWorkspaceMembersResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MembersAdded {
    /// How many were added.
    pub added_count: u64,
    /// The membership rows ("created or updated").
    pub data: Vec<WorkspaceMember>,
}

/// Answer of members remove (`BulkRemoveWorkspaceMembersResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MembersRemoved {
    /// How many were removed (may be fewer than asked).
    pub removed_count: u64,
}
