//! One module per view.

pub mod budgets;
pub mod key;
pub mod keys;
pub mod members;
pub mod signin;
pub mod usage;
pub mod workspace;
pub mod workspaces;
