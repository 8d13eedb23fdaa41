//! `cargo xtask test`: sets up, then runs every test of the project. `.ci/run` runs exactly this.
//!
//! Steps run in order and a failed step does not stop the others, so one CI log shows every
//! problem; the command fails if any step failed. `--skip a,b` leaves steps out while developing.

use crate::sandbox::{self, Sandbox};
use crate::util::{banner, cmd, exec};
use anyhow::{bail, Result};
use std::time::Instant;

type Step = (&'static str, fn() -> Result<()>);

const STEPS: &[Step] = &[
    ("fmt", fmt),
    ("clippy", clippy),
    ("native", native),
    ("fuzz", crate::fuzz::test),
    ("browser", browser),
    ("schemathesis", schemathesis),
    ("sdk", sdk),
    ("npm", crate::package::test),
    ("web", crate::web::test),
];

/// Runs setup and then every step not named in `--skip`.
pub fn run(args: &[String]) -> Result<()> {
    let skip: Vec<String> = match args {
        [flag, list] if flag == "--skip" => list.split(',').map(str::to_string).collect(),
        [] => Vec::new(),
        _ => bail!("usage: cargo xtask test [--skip STEP[,STEP]]"),
    };
    banner("setup");
    crate::setup::run()?;
    let mut failed = Vec::new();
    let mut passed = 0;
    for (name, step) in STEPS {
        if skip.iter().any(|s| s == name) {
            println!("\n==== {name}: skipped (--skip) ====");
            continue;
        }
        banner(name);
        let started = Instant::now();
        match step() {
            Ok(()) => {
                passed += 1;
                println!(
                    "---- {name}: ok in {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
            Err(error) => {
                println!(
                    "---- {name}: FAILED in {:.0} s: {error:#}",
                    started.elapsed().as_secs_f64()
                );
                failed.push(*name);
            }
        }
    }
    // Each budget is measured on the build its step just made, so only when that step ran.
    let ran = |step: &str| !skip.iter().any(|s| s == step);
    banner("size budgets");
    if ran("web") {
        match crate::web::check_budget(&crate::util::root().join("dist")) {
            Ok(()) => println!("---- admin page budget: ok"),
            Err(error) => {
                println!("---- admin page budget: FAILED: {error:#}");
                failed.push("admin page budget");
            }
        }
    }
    if ran("npm") {
        match crate::package::check_built_budget() {
            Ok(()) => println!("---- npm package budget: ok"),
            Err(error) => {
                println!("---- npm package budget: FAILED: {error:#}");
                failed.push("npm package budget");
            }
        }
    }
    println!();
    println!("steps: {passed} passed, {} failed", failed.len());
    if !failed.is_empty() {
        bail!("failed steps: {}", failed.join(", "));
    }
    Ok(())
}

fn fmt() -> Result<()> {
    exec(cmd("cargo").args(["fmt", "--all", "--check"]))
}

/// Clippy natively over everything, and for wasm32 over the crates that ship as wasm.
fn clippy() -> Result<()> {
    exec(cmd("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    exec(cmd("cargo").args([
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "openrouter-admin",
        "-p",
        "openrouter-admin-js",
        "-p",
        "openrouter-admin-findings",
        "-p",
        "openrouter-admin-web",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

/// Native unit and integration tests: the core against its mock transport, the sandbox over
/// loopback HTTP (durability included), xtask's own tests.
fn native() -> Result<()> {
    exec(cmd("cargo").args(["test", "--workspace"]))
}

/// The core's wasm-bindgen tests in headless Chromium, then Firefox, against a real sandbox.
fn browser() -> Result<()> {
    sandbox::build()?;
    let sandbox = Sandbox::for_tests()?;
    // Another origin that refuses browsers: the core must call that a network error.
    let refusing = Sandbox::without_cors()?;
    for (browser, driver_var, driver) in [
        ("Chromium", "CHROMEDRIVER", "/usr/bin/chromedriver"),
        ("Firefox", "GECKODRIVER", "geckodriver"),
    ] {
        println!("-- core in {browser}");
        let driver = resolve(driver)?;
        let mut test = cmd("cargo");
        test.args([
            "test",
            "-p",
            "openrouter-admin",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env(driver_var, driver);
        sandbox.pass_to(&mut test);
        test.env("SANDBOX_NO_CORS_URL", &refusing.origin);
        if driver_var != "GECKODRIVER" {
            // The runner prefers GECKODRIVER over CHROMEDRIVER when both are set.
            test.env_remove("GECKODRIVER");
        }
        exec(&mut test)?;
    }
    Ok(())
}

/// schemathesis over every operation the sandbox serves, on a fresh in-memory sandbox.
fn schemathesis() -> Result<()> {
    sandbox::build()?;
    let sandbox = Sandbox::for_tests()?;
    exec(
        cmd("bash")
            .arg("crates/openrouter-sandbox/tests/schemathesis.sh")
            .arg(&sandbox.api)
            .arg(&sandbox.key),
    )
}

/// The official @openrouter/sdk (pinned), unmodified, against a fresh sandbox: every SDK
/// function of an operation the sandbox serves, its success and its declared errors.
fn sdk() -> Result<()> {
    let dir = crate::util::root().join(crate::pins::SDK_TEST_DIR);
    let installed = dir.join("node_modules/@openrouter/sdk/package.json");
    let manifest = std::fs::read_to_string(&installed)
        .map_err(|e| anyhow::anyhow!("{}: {e}; run `cargo xtask setup`", installed.display()))?;
    let pin = format!("\"version\": \"{}\"", crate::pins::OPENROUTER_SDK_VERSION);
    if !manifest.contains(&pin) {
        bail!(
            "{} is not @openrouter/sdk {}; run `cargo xtask setup`",
            installed.display(),
            crate::pins::OPENROUTER_SDK_VERSION
        );
    }
    sandbox::build()?;
    let sandbox = Sandbox::for_tests()?;
    // The script prints `sdk: N operations, M calls passed` last, and exits non-zero on any
    // failure (an uncaught assertion).
    exec(sandbox.pass_to(cmd("node").current_dir(&dir).arg("sdk.test.mjs")))
}

/// An absolute path for a driver named on PATH (the runner wants a path in its env vars).
fn resolve(program: &str) -> Result<String> {
    if program.starts_with('/') {
        return Ok(program.to_string());
    }
    let path = crate::util::output(cmd("sh").args(["-c", &format!("command -v {program}")]))?;
    Ok(path.trim().to_string())
}
