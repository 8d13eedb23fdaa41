//! `cargo xtask package`: the npm package `openrouter-admin`, and its tests and size budget.

use anyhow::{bail, Result};
use std::path::PathBuf;

/// Folders with a package-lock.json whose dependencies `setup` installs with `npm ci`.
pub const NPM_DIRS: &[&str] = &[];

/// Builds the npm package into `target/npm/openrouter-admin/` and packs its tarball; returns the folder.
pub fn build() -> Result<PathBuf> {
    bail!("the npm package build is not written yet (issue 4)")
}

/// The npm package's tests: node --test, tsc over a consumer file, a Vite app in Chromium.
pub fn test() -> Result<()> {
    bail!("the npm package tests are not written yet (issue 4)")
}
