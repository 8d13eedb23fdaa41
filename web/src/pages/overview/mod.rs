//! The organization at a glance: the Overview (credits, spend, findings and their fixes) and
//! the All keys view across every workspace, both over one snapshot of the organization.

pub mod all_keys;
pub mod fixes;
pub mod ics;
pub mod org;
pub mod page;
