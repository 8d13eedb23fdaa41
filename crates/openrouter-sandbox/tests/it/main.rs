//! Integration tests over real HTTP on loopback, one binary (async-stripe style).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod activity;
mod analytics;
mod auth;
mod bad_input;
mod budgets;
mod byok;
mod common;
mod compression;
mod control;
mod demo;
mod durability;
mod guardrails;
mod hardening;
mod keys;
mod members;
mod no_cors;
mod numbers;
mod observability;
mod scim;
mod sdk_1_3_19_changes;
mod serving;
mod workspaces;
