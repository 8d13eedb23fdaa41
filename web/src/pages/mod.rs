//! The views, by area; one job a file.

pub mod activity;
pub mod budgets;
pub mod keys;
pub mod members;
pub mod overview;
pub mod signin;
pub mod usage;
pub mod workspaces;
