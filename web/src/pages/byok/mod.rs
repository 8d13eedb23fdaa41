//! A workspace's BYOK provider keys: the tab (list, delete), the form and its dialog (add, edit,
//! replace the key).
//!
//! The provider key is typed into a password field and sent once: in the add, or in an edit
//! that replaces it. No answer carries it back (only its masked label), so the page never shows
//! it again. It lives in the open dialog's signal, and in the write's input while the request
//! runs; the dialog's signals go when it closes and the input when the write ends (the search of
//! a lost add keeps a copy of the body without it), and the field is a password field with
//! `autocomplete="new-password"`, so the browser neither shows nor offers to keep it.

pub mod dialog;
pub mod form;
pub mod tab;

pub use tab::ByokKeys;
