//! Generation feedback: structured feedback on a generation.
//!
//! The area in one folder: `models` (its shapes), `endpoints` (its operation and its
//! constructor), `rules` (its body's checks), `handler` (what `Client` offers for it).

pub(crate) mod endpoints;
pub(crate) mod handler;
pub(crate) mod models;
pub(crate) mod rules;

pub use self::endpoints::*;
pub use self::models::*;
