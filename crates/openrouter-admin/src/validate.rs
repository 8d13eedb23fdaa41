//! Checks every request body against api-notes.md §8 before anything is sent, reporting
//! every failing field at once.
//!
//! ```
//! use openrouter_admin::models::CreateWorkspace;
//! use openrouter_admin::validate::Validate;
//! let errs = CreateWorkspace::new("", "Bad Slug").field_errors();
//! assert_eq!(errs.len(), 2);
//! assert_eq!(errs[0].field, "name");
//! assert_eq!(errs[1].field, "slug");
//! ```

pub use crate::areas::{
    analytics::rules::*, budgets::rules::*, byok::rules::*, guardrails::rules::*, keys::rules::*,
    members::rules::*, observability::rules::*,
};
pub use crate::checks::*;

#[cfg(test)]
mod tests;
