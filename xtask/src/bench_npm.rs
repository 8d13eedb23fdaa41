//! `cargo xtask bench`'s npm figures beside the official `@openrouter/sdk`, in one run: bytes
//! (gzip and brotli) of our client (the default entry, its module inside its JS, and
//! `openrouter-admin/file`, the .wasm beside it), settings and both, against the SDK's
//! standalone functions
//! for the same endpoints, and cold start in headless Chromium at loopback, 4x CPU, 10 Mbit/s
//! and 1.6 Mbit/s (`xtask/bench/npm.mjs` says how each side is built and measured). Printed,
//! never asserted: the client's byte budget is `cargo xtask package`'s.

use crate::sandbox::Sandbox;
use crate::util::{cmd, exec, root};
use anyhow::{bail, Context, Result};

/// Builds the npm package if it is not there, then runs `xtask/bench/npm.mjs` against a demo
/// sandbox. `ORA_RUNS` and `ORA_CONDITIONS` (`"10 Mbit,1.6 Mbit"`: the cold start on the links
/// alone) pass through from the environment.
pub fn run() -> Result<()> {
    let root = root();
    let pkg = root.join("target/npm/openrouter-admin");
    if !pkg.join("browser.js").is_file() {
        crate::package::build()?;
    }
    // The SDK as the `sdk` test step installs it, pinned (pins.rs).
    let sdk = root.join("crates/openrouter-sandbox/tests/sdk");
    if !sdk
        .join("node_modules/@openrouter/sdk/package.json")
        .is_file()
    {
        bail!(
            "{} has no @openrouter/sdk; run `cargo xtask setup`",
            sdk.display()
        );
    }
    let e2e = root.join("web/e2e");
    let sandbox = Sandbox::start(&["--memory", "--seed", "demo"])?;
    exec(
        sandbox
            .pass_to(&mut cmd("node"))
            .arg(root.join("xtask/bench/npm.mjs"))
            .env("ORA_PKG", &pkg)
            .env("ORA_SDK", &sdk)
            .env("ORA_OUT", root.join("target/bench-npm"))
            .env("ORA_PLAYWRIGHT", e2e.join("node_modules/playwright-core"))
            .env("ORA_STATIC_HOST", e2e.join("lib/static-host.mjs"))
            .env("CHROMIUM", "/usr/bin/chromium"),
    )
    .context("the npm package beside @openrouter/sdk, measured in Chromium")
}
