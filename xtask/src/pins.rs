//! Every pinned tool version, in one place: `setup` installs exactly these, and the build steps
//! check that what answers on PATH is the one pinned here before they use it.
//!
//! The npm test harnesses pin their own dependencies in their `package-lock.json`; the folders
//! holding those lockfiles are listed here too, since `setup` installs them with `npm ci`.

use crate::util::root;
use anyhow::{bail, Context, Result};

/// trunk 0.22 needs rustc >= 1.96.1; 0.21.14 is the newest that builds with our 1.95 toolchain.
pub const TRUNK_VERSION: &str = "0.21.14";
/// geckodriver is not packaged by Debian, and its npm wrapper downloads from GitHub.
pub const GECKODRIVER_VERSION: &str = "0.37.1";
/// npm's binaryen ships wasm-opt as a Node program; Debian's binaryen 108 breaks wasm-bindgen output.
pub const BINARYEN_VERSION: &str = "132.0.0";
/// Minifies the npm package's JavaScript glue (the size the budget counts, as the official SDK's
/// 40.6 KB is a minified bundle); the Vite test app uses the same version.
pub const ESBUILD_VERSION: &str = "0.28.2";
/// Runs the libFuzzer targets in `fuzz/` (needs a nightly toolchain).
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// The property-based API tester run against the sandbox.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// The official OpenRouter TypeScript SDK that the `sdk` test step runs, unmodified, against the
/// sandbox (`crates/openrouter-sandbox/tests/sdk/`, whose package.json and lockfile pin it too).
pub const OPENROUTER_SDK_VERSION: &str = "1.3.19";
/// Debian packages as (binary, package): browsers and drivers for the wasm and end-to-end tests,
/// brotli and wrk for `bench`, nginx for the README's same-origin proxy recipe (run by the
/// page's end-to-end tests, unprivileged). Debian pins their versions by release.
pub const APT_PACKAGES: &[(&str, &str)] = &[
    ("chromium", "chromium"),
    ("chromedriver", "chromium-driver"),
    ("firefox-esr", "firefox-esr"),
    ("brotli", "brotli"),
    ("wrk", "wrk"),
    ("nginx", "nginx"),
];
/// Folders whose `package-lock.json` pins the npm dependencies of a test harness: the npm
/// package's Node and Vite tests, the admin page's end-to-end tests, and the official SDK's
/// run against the sandbox.
pub const NPM_LOCKED_DIRS: &[&str] = &[
    "crates/openrouter-admin-js/tests/node",
    "crates/openrouter-admin-js/tests/vite",
    "web/e2e",
    SDK_TEST_DIR,
];

/// Where the `sdk` step's harness lives.
pub const SDK_TEST_DIR: &str = "crates/openrouter-sandbox/tests/sdk";

/// What `wasm-opt --version` prints for the pinned binaryen (`version_132`).
pub fn wasm_opt_version() -> String {
    let major = BINARYEN_VERSION
        .split('.')
        .next()
        .unwrap_or(BINARYEN_VERSION);
    format!("version_{major}")
}

/// The wasm-bindgen version in Cargo.lock: the CLI and test runner must be exactly this one.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = ")) {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    bail!("Cargo.lock names no wasm-bindgen")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_opt_answers_with_the_binaryen_major() {
        assert_eq!(wasm_opt_version(), "version_132");
    }

    #[test]
    fn every_locked_npm_dir_has_its_lockfile() {
        for dir in NPM_LOCKED_DIRS {
            assert!(
                root().join(dir).join("package-lock.json").is_file(),
                "{dir} has no package-lock.json"
            );
        }
    }

    #[test]
    fn the_sdk_harness_pins_exactly_the_sdk_version() {
        let dir = root().join(SDK_TEST_DIR);
        let manifest = std::fs::read_to_string(dir.join("package.json")).expect("package.json");
        let pin = format!("\"@openrouter/sdk\": \"{OPENROUTER_SDK_VERSION}\"");
        assert!(manifest.contains(&pin), "package.json must say {pin}");
        let lock = std::fs::read_to_string(dir.join("package-lock.json")).expect("lockfile");
        let entry = lock
            .split("\"node_modules/@openrouter/sdk\": {")
            .nth(1)
            .expect("the lockfile resolves @openrouter/sdk");
        let version = format!("\"version\": \"{OPENROUTER_SDK_VERSION}\"");
        assert!(
            entry
                .split('}')
                .next()
                .is_some_and(|e| e.contains(&version)),
            "the lockfile must resolve @openrouter/sdk to {OPENROUTER_SDK_VERSION}"
        );
    }

    #[test]
    fn cargo_lock_names_the_wasm_bindgen_version() {
        let version = wasm_bindgen_version().expect("Cargo.lock names wasm-bindgen");
        assert!(version.starts_with("0.2."), "{version}");
    }
}
