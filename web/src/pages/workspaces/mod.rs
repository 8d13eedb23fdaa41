//! Workspaces: the list, the create page, and one workspace's page with its settings tab.

pub mod form;
pub mod list;
pub mod new;
pub mod page;
pub mod settings;
