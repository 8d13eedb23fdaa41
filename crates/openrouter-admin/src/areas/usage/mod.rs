//! Usage: the credit balance (`GET /credits`) and spend per day (`GET /activity`).
//!
//! The area in one folder: `models` (its shapes), `endpoints` (one type per operation and its
//! constructor), `rules` (its bodies' checks), `handler` (what `Client` offers for it).

pub(crate) mod endpoints;
pub(crate) mod handler;
pub(crate) mod models;

pub use self::endpoints::*;
pub use self::models::*;
