//! The identity provider (SCIM): its groups, their mappings to workspaces (add, change the
//! role, delete with the members' fate a required choice), and "Sync now" with the job's
//! progress; and the note a workspace's Members tab shows of the groups that map into it.
//!
//! The view is in the `org` area (app.rs): an area of its own would split every shared file
//! the sign-in's `app` area needs in two (areas.rs says why), and it reads what the organization's
//! views read (the workspaces, the organization's members).

pub mod changes;
pub mod delete;
pub mod dialogs;
pub mod note;
pub mod page;
pub mod sync;
