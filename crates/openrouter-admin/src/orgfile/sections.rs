//! The file's sections in the order an apply goes through them (deletes in reverse): each
//! area's `plan.rs` declares its own; adding a section is one line here.

use super::section::SectionSpec;

/// Every section, dependencies first (a key names its workspace).
pub static SECTIONS: &[&SectionSpec] = &[
    &crate::areas::workspaces::plan::SECTION,
    &crate::areas::keys::plan::SECTION,
    // After the keys: a guardrail governs keys, which must exist to be assigned.
    &crate::areas::guardrails::plan::SECTION,
    // A BYOK credential may name the keys allowed to use it.
    &crate::areas::byok::plan::SECTION,
    // A destination may name the keys whose traffic it receives.
    &crate::areas::observability::plan::SECTION,
    // Last: a mapping gives people access to a workspace that must exist.
    &crate::areas::scim::plan::SECTION,
];
