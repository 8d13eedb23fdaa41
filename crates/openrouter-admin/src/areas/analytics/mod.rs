//! Analytics: what a query can ask for (`meta`) and the query itself, its rows kept whole.
//!
//! The area in one folder: `models` (its shapes, the rows and their counts), `query` (the
//! typed query builder), `endpoints` (one type per operation and its constructor), `rules`
//! (the query's checks), `handler` (what `Client` offers for it).

pub(crate) mod endpoints;
pub(crate) mod handler;
pub(crate) mod models;
pub(crate) mod query;
pub(crate) mod rules;

pub use self::endpoints::*;
pub use self::handler::*;
pub use self::models::*;
pub use self::query::*;
pub use self::rules::*;
