//! Reusable pieces of the page, one job a file (thaw's layout): each component's props are typed,
//! with one `///` line each.

pub mod badge;
pub mod chart;
pub mod confirm;
pub mod conflict;
pub mod dialog;
pub mod field;
pub mod form;
pub mod identity;
pub mod loaded;
pub mod lost;
pub mod picker;
pub mod results;
pub mod secret;
pub mod table;
