//! API keys: a workspace's keys tab and one key's page.

pub mod bulk;
pub mod create;
pub mod detail;
pub mod edit;
pub mod form;
pub mod list;
pub mod table;
