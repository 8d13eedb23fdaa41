//! The Plan view (issue 22): the organization as a reviewed file, planned against the live
//! organization, handed to a second admin and applied, over the core's `orgfile`.
//!
//! In the `org` area (app.rs): an area of its own would add a shared file to every set of areas
//! (areas.rs says why), and the organization's views are what it reads. Files: `page` the view,
//! `work` its state and steps, `show` a plan on screen, `run` the apply (confirm, log, secrets),
//! `kinds` the plan as plain data (glyphs, groups, its JSON, a loaded plan checked), `store` the
//! last apply's state in IndexedDB, `typed` the values an apply is given by hand (a new BYOK
//! credential's provider key, a new destination's credentials).

pub mod kinds;
pub mod page;
pub mod run;
pub mod show;
pub mod store;
pub mod typed;
pub mod work;
