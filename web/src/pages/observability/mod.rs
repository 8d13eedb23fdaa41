//! A workspace's observability destinations: the tab (grouped by type, at most five of one
//! type), the form and its dialog (add, edit).
//!
//! Credentials in a destination's settings (`apiKey`, `secretKey`, ...) are typed into
//! password fields, sent once and never shown again: the API answers them masked.

pub mod dialog;
pub mod form;
pub mod tab;

pub use tab::Destinations;
