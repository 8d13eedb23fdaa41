//! The sandbox library.
