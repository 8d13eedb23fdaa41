//! The members area's shapes.

use crate::areas::guardrails::models::id_list_json;
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

/// Body of members add/remove: 1..100 user ids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct MemberIds {
    /// The users.
    pub user_ids: Vec<UserId>,
}

impl MemberIds {
    /// Wraps ids.
    pub fn new<I, U>(ids: I) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<UserId>,
    {
        Self {
            user_ids: ids.into_iter().map(Into::into).collect(),
        }
    }
}

/// The body as the JSON text that goes on the wire. Written by hand: its one field is a
/// list of identifiers, which no reader takes from a JS object (the bindings take the
/// list itself).
impl crate::body::WireBody for MemberIds {
    fn wire(&self) -> String {
        id_list_json("user_ids", self.user_ids.iter().map(UserId::as_str))
    }
}

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
