//! The organization as a reviewed file, `openrouter-org.jsonc`: [`export`] writes today's
//! organization as the file; [`plan()`](plan::plan) compares a file with the live organization
//! and the last applied state and says what an apply would do, field by field.
//!
//! Rooms: `jsonc` (the reader: comments, trailing commas, duplicate keys refused), `value` (a
//! managed field's value and type), `section` (what an area declares, the live organization),
//! `sections` (the areas' sections in apply order), `file` (the file read and checked), `plan`,
//! `applied` (the last apply and drift), `approved` (a plan as JSON for a second admin, and the check before applying it), `state` (what to keep after an apply), `typed` (what an apply is given by hand: provider keys, credentials), `edit` (drift
//! choices and bound ids written into the text, comments kept), `export`, `terraform` and
//! `keymaster` (the same organization for the official Terraform provider and for Keymaster),
//! `digest`. Each area's own rules are in `areas/<area>/plan.rs`.

pub mod action;
pub mod applied;
pub mod apply;
pub mod approved;
pub mod digest;
pub mod edit;
pub mod export;
pub mod file;
pub mod jsonc;
pub mod keymaster;
pub mod plan;
pub mod reach;
pub mod read;
pub mod schema;
pub mod section;
pub mod sections;
pub mod state;
pub mod terraform;
pub mod typed;
pub mod value;
pub mod write;

#[cfg(test)]
mod interop_tests;
#[cfg(test)]
pub(crate) mod tests;

pub use action::{Action, ActionKind, Change};
pub use apply::{
    apply, apply_on_read, apply_typed, apply_with, ApplyReport, JournalEntry, NewSecret,
};
pub use export::export;
pub use file::OrgFile;
pub use keymaster::keymaster;
pub use plan::{plan, Plan};
pub use read::read_live;
pub use schema::json_schema;
pub use section::LiveOrg;
pub use state::{record, AppliedState, Drift};
pub use terraform::terraform;
pub use typed::{needed, Needed, Typed};
