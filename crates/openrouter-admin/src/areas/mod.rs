//! One module per API area, each holding its shapes, endpoints, rules and handler. The
//! crate's `api`, `models`, `validate` and `handlers` modules re-export them by layer.

pub mod analytics;
pub mod budgets;
pub mod byok;
pub mod feedback;
pub mod guardrails;
pub mod keys;
pub mod members;
pub mod observability;
pub mod organization;
pub mod scim;
pub mod usage;
pub mod workspaces;
