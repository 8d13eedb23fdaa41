//! Where the npm package `openrouter-admin` comes from and goes, and the names of its modules:
//! what `package.rs` (the build), `npm_files.rs` (the files), `npm_entries.rs` (the written
//! entries) and `npm_size.rs` (the budgets) share.

use crate::util::root;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// The npm package's name, also its folder under `target/npm/`.
pub const NAME: &str = "openrouter-admin";
/// The stem wasm-bindgen gives the glue, its types and the wasm (`--out-name`).
pub const STEM: &str = "openrouter_admin";
/// The same for the findings module (`openrouter-admin/findings` and the `check` command): a
/// wasm module of its own, so the client's download (and budget) carries none of it.
pub const FINDINGS_STEM: &str = "openrouter_admin_findings";
/// The organization file's module (`openrouter-admin/org` and `export|plan|apply`): the same
/// crate built without its `findings-only` feature. Its stem does not start with [`STEM`]`_`,
/// which names the client's chunks.
pub const ORG_STEM: &str = "openrouter_org";
/// The settings entry's types and glue (`openrouter-admin/settings`: guardrails, BYOK keys,
/// observability destinations): `WorkspaceSettings` of the client's module, whose operations
/// are its settings chunk (`<STEM>_settings_bg.wasm`).
pub const SETTINGS_STEM: &str = "openrouter_admin_settings";

/// Where the crate keeps the package's hand-written files and its test harnesses.
pub fn crate_dir() -> PathBuf {
    root().join("crates/openrouter-admin-js")
}

/// `target/npm/openrouter-admin/`.
pub fn package_dir() -> PathBuf {
    root().join("target/npm").join(NAME)
}

/// The version every artefact carries: the workspace version, read from the root Cargo.toml.
pub fn version() -> Result<String> {
    let manifest =
        std::fs::read_to_string(root().join("Cargo.toml")).context("reading Cargo.toml")?;
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
        } else if in_package {
            if let Some(value) = line.strip_prefix("version") {
                let value = value
                    .trim_start()
                    .trim_start_matches('=')
                    .trim()
                    .trim_matches('"');
                return Ok(value.to_string());
            }
        }
    }
    bail!("no version in [workspace.package] of Cargo.toml")
}

/// Every `.js` file under `dir` (none if it does not exist).
pub fn js_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(js_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "js") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}
