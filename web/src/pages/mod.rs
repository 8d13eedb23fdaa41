//! The views, by area; one job a file.

pub mod activity;
pub mod analytics;
pub mod budgets;
pub mod byok;
pub mod change;
pub mod guardrails;
pub mod identity;
pub mod keys;
pub mod members;
pub mod observability;
pub mod overview;
pub mod plan;
pub mod signin;
pub mod usage;
pub mod workspaces;
