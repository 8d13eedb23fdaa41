//! `cargo xtask setup`: installs everything the project needs, pinned, and skips what is there.
//! `cargo xtask setup --dev` adds what only development needs: Trunk, for `trunk serve` (the
//! release build, the tests and the demo build the page without it: `page_build.rs`), which
//! is the slowest install of all (about 9 minutes compiling on 2 cores).
//!
//! Every tool comes from a package registry by name (apt, crates.io, npm, PyPI): nothing is
//! downloaded from anywhere else, so this works on machines whose only network is the registries.

use crate::pins::{
    wasm_bindgen_version, wasm_opt_version, APT_PACKAGES, BINARYEN_VERSION, CARGO_FUZZ_VERSION,
    ESBUILD_VERSION, GECKODRIVER_VERSION, NPM_LOCKED_DIRS, SCHEMATHESIS_VERSION, TRUNK_VERSION,
};
use crate::util::{cmd, exec, has_version, on_path, output, root};
use anyhow::{anyhow, bail, Result};
use std::time::Instant;

/// `cargo xtask setup [--dev]`.
pub fn command(args: &[String]) -> Result<()> {
    match args {
        [] => run(),
        [flag] if flag == "--dev" => run().and_then(|()| dev()),
        _ => bail!("usage: cargo xtask setup [--dev]"),
    }
}

/// Trunk, and the pinned wasm-opt linked where Trunk looks for it, so that `trunk serve` and
/// `trunk build` work offline (web/README.md, "Development").
pub fn dev() -> Result<()> {
    cargo_tool("trunk", TRUNK_VERSION, "trunk", &[], Build::Debug)?;
    crate::web::link_wasm_opt_for_trunk()
}

/// Installs what the tests, the demo and the builds need; prints how long it took.
///
/// The cargo tools compile from source for minutes and keep the CPU busy, while the rest
/// (Debian packages, npm, PyPI, the wasm32 target) mostly waits on the network: the two go side
/// by side, and the cargo tools in two lanes, which fill each other's single-threaded ends
/// (the last crate and the link of each tool).
pub fn run() -> Result<()> {
    let started = Instant::now();
    let wasm_bindgen = wasm_bindgen_version()?;
    let lanes = [
        std::thread::spawn(move || {
            cargo_tool(
                "wasm-bindgen-cli",
                &wasm_bindgen,
                "wasm-bindgen",
                &["wasm-bindgen-test-runner"],
                Build::Optimized,
            )
        }),
        std::thread::spawn(|| {
            cargo_tool(
                "geckodriver",
                GECKODRIVER_VERSION,
                "geckodriver",
                &[],
                Build::Debug,
            )?;
            cargo_fuzz()
        }),
    ];
    let rest = downloads();
    for lane in lanes {
        lane.join()
            .map_err(|_| anyhow!("a cargo install thread panicked"))??;
    }
    rest?;
    println!("setup: ready in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// What comes from a registry ready to use: Debian packages, the wasm32 target, npm's tools and
/// the test harnesses' dependencies, schemathesis.
fn downloads() -> Result<()> {
    apt_packages()?;
    rust_target()?;
    wasm_opt()?;
    npm_tool("esbuild", ESBUILD_VERSION, "esbuild", ESBUILD_VERSION)?;
    schemathesis()?;
    for dir in NPM_LOCKED_DIRS {
        npm_ci(dir)?;
    }
    Ok(())
}

fn apt_packages() -> Result<()> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(binary, _)| !on_path(binary))
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let install = format!(
        "apt-get install -y --no-install-recommends {}",
        missing.join(" ")
    );
    if !is_root() {
        bail!(
            "missing Debian packages; run this as root, then run the command again:\n  \
             sudo apt-get update && sudo {install}"
        );
    }
    exec(cmd("apt-get").arg("update").arg("-qq"))?;
    exec(
        cmd("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing),
    )
}

fn is_root() -> bool {
    output(cmd("id").arg("-u"))
        .map(|uid| uid.trim() == "0")
        .unwrap_or(false)
}

fn rust_target() -> Result<()> {
    let installed = output(cmd("rustup").args(["target", "list", "--installed"]))?;
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    exec(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// How a cargo tool is compiled.
#[derive(Clone, Copy)]
enum Build {
    /// Optimized (cargo's default): wasm-bindgen rewrites every module the tests build, and
    /// unoptimized it is many times slower at it.
    Optimized,
    /// Unoptimized (`--debug`): for a tool whose own speed nobody waits on (geckodriver relays
    /// WebDriver commands, cargo-fuzz starts the fuzzer, Trunk runs the tools), it halves the
    /// compile, which a bare machine's first `cargo xtask test` pays (geckodriver: 140 CPU
    /// seconds instead of about 290; cargo-fuzz: 42).
    Debug,
}

/// `cargo install`, preferring the crate's own lockfile; some published lockfiles name versions
/// the registry does not serve, and then cargo fails in seconds and we resolve afresh.
fn cargo_tool(krate: &str, version: &str, binary: &str, also: &[&str], build: Build) -> Result<()> {
    if has_version(binary, version) && also.iter().all(|b| on_path(b)) {
        return Ok(());
    }
    println!("setup: cargo install {krate} {version} (compiles from source: minutes)");
    let started = Instant::now();
    let pinned = format!("={version}");
    // Its output goes to a file, since two installs run at once beside the downloads; the
    // file is printed when the install fails.
    let logs = root().join("target/setup-logs");
    std::fs::create_dir_all(&logs)?;
    let log_path = logs.join(format!("{krate}.log"));
    let install = |locked: bool| -> Result<bool> {
        let log = std::fs::File::create(&log_path)?;
        let mut command = cmd("cargo");
        command.arg("install");
        if locked {
            command.arg("--locked");
        }
        if let Build::Debug = build {
            command.arg("--debug");
        }
        let status = command
            .args([krate, "--version", &pinned])
            .stdout(log.try_clone()?)
            .stderr(log)
            .status()?;
        Ok(status.success())
    };
    if !install(true)? && !install(false)? {
        print!("{}", std::fs::read_to_string(&log_path).unwrap_or_default());
        bail!("cargo install {krate} {version} failed (its output above)");
    }
    println!(
        "setup: {krate} {version} installed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// cargo-fuzz, only where a nightly toolchain can run it (the `fuzz` step skips otherwise).
fn cargo_fuzz() -> Result<()> {
    if let Err(why) = crate::fuzz::nightly() {
        println!("setup: cargo-fuzz skipped (no nightly toolchain: {why})");
        return Ok(());
    }
    cargo_tool(
        "cargo-fuzz",
        CARGO_FUZZ_VERSION,
        "cargo-fuzz",
        &[],
        Build::Debug,
    )
}

fn wasm_opt() -> Result<()> {
    npm_tool(
        "binaryen",
        BINARYEN_VERSION,
        "wasm-opt",
        &wasm_opt_version(),
    )
}

/// `npm install <package>@<version>` into `target/tools` (first on PATH for every command the
/// xtask runs), unless `binary --version` already says `expected`.
fn npm_tool(package: &str, version: &str, binary: &str, expected: &str) -> Result<()> {
    if has_version(binary, expected) {
        return Ok(());
    }
    let tools = root().join("target/tools");
    std::fs::create_dir_all(&tools)?;
    exec(
        cmd("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tools)
            .arg(format!("{package}@{version}")),
    )?;
    if !has_version(binary, expected) {
        bail!("{package} {version} was installed into target/tools but another {binary} answers first");
    }
    Ok(())
}

fn schemathesis() -> Result<()> {
    if has_version("schemathesis", SCHEMATHESIS_VERSION) {
        return Ok(());
    }
    exec(cmd("python3").args([
        "-m",
        "pip",
        "install",
        "--quiet",
        &format!("schemathesis=={SCHEMATHESIS_VERSION}"),
    ]))
}

/// `npm ci` in a folder with a package-lock.json, unless its node_modules is already current.
fn npm_ci(dir: &str) -> Result<()> {
    let dir = root().join(dir);
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let current = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(lock), Ok(installed)) => installed.modified()? >= lock.modified()?,
        _ => false,
    };
    if current {
        return Ok(());
    }
    exec(
        cmd("npm")
            .current_dir(&dir)
            .args(["ci", "--no-audit", "--no-fund"]),
    )
}
