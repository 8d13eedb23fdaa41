//! The organization area's shapes.

use crate::shapes::{OrgRole, UserId};
use serde::{Deserialize, Serialize};

/// An organization member (`GET /organization/members` item).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationMember {
    /// The user id that members add/remove take.
    pub id: UserId,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Email.
    pub email: String,
    /// Role.
    pub role: OrgRole,
}
