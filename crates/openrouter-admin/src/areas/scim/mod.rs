//! SCIM: the identity provider's groups, their mappings to workspaces (group, workspace, role:
//! who gets into which workspace, and as what), and sync jobs.
//!
//! The area in one folder: `models` (its shapes), `endpoints` (one type per operation and its
//! constructor), `rules` (its bodies' checks), `handler` (what `Client` offers for it).

pub(crate) mod endpoints;
pub(crate) mod handler;
pub(crate) mod models;
pub mod plan;
pub(crate) mod rules;

pub use self::endpoints::*;
pub use self::handler::*;
pub use self::models::*;
