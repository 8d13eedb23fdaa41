//! People: a workspace's members tab (with the add picker) and the organization's members.

pub mod org;
pub mod picker;
pub mod workspace;
