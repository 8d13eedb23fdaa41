//! `cargo xtask package`: the npm package `openrouter-admin`, and its tests and size budget.
//!
//! The package is assembled by hand rather than by wasm-pack: cargo builds the cdylib, the
//! pinned wasm-bindgen CLI writes a `--target web` glue, npm's binaryen 132 runs `wasm-opt -Oz`
//! (Debian's binaryen breaks wasm-bindgen output, toolchain.md pitfall 1) and then gives the
//! wasm's imports and exports short names (`short_names.rs`), the glue loses its
//! comments (the `.d.ts` keeps the docs), and the package.json, README, Node entry and its types come
//! from `crates/openrouter-admin-js/npm/`.
//! One `.wasm` (and its chunks, `npm_split.rs`) serves every target: browsers load it through
//! the glue's `init()`, Node through `node.js`, which reads the same files from disk.
//!
//! This file builds and tests; beside it `npm_layout.rs` (names and folders), `npm_files.rs`
//! (the files beside the glue), `npm_entries.rs` (the findings and org modules' entries, from
//! one template) and `npm_size.rs` (the budgets).

use crate::npm_layout::{crate_dir, package_dir, version, FINDINGS_STEM, NAME, ORG_STEM, STEM};
use crate::npm_size::{check_budget, print_entry_sizes, Sizes};
use crate::sandbox::{self, Sandbox};
use crate::util::{banner, cmd, exec, output, root};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// `target/npm/openrouter-admin-<version>.tgz`, the file `npm pack` writes.
fn tarball() -> Result<PathBuf> {
    Ok(root()
        .join("target/npm")
        .join(format!("{NAME}-{}.tgz", version()?)))
}

/// Builds the npm package into `target/npm/openrouter-admin/` and packs its tarball; returns the folder.
/// Fails when wasm + glue exceed the gzip budget.
pub fn build() -> Result<PathBuf> {
    let (out, sizes) = build_and_measure()?;
    check_budget(&sizes)?;
    Ok(out)
}

/// The whole build, then the sizes; the budget is the caller's to enforce.
fn build_and_measure() -> Result<(PathBuf, Sizes)> {
    let out = package_dir();
    if out.exists() {
        // Stale files (an old snippet folder, a renamed entry) must not ride along in the tarball.
        std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    }
    std::fs::create_dir_all(&out)?;
    let wanted = crate::pins::wasm_bindgen_version()?;
    if !crate::util::has_version("wasm-bindgen", &wanted) {
        bail!("wasm-bindgen {wanted} (the version in Cargo.lock) is not on PATH; run `cargo xtask setup`");
    }
    if !crate::util::has_version("wasm-opt", &crate::pins::wasm_opt_version()) {
        bail!(
            "wasm-opt {} (npm binaryen) is not first on PATH; run `cargo xtask setup`",
            crate::pins::BINARYEN_VERSION
        );
    }
    // One module for both classes, split: the client's main module (budgeted) and its chunks.
    banner("npm package: the bindings (cargo build wasm32 release, linked with relocations)");
    let input = release_wasm("openrouter-admin-js", &["--emit-relocs"])?;
    crate::npm_split::build(&input, &out, STEM)?;
    // Built one after the other: both are the same crate's .wasm, each bound before the next.
    findings_module(&out, FINDINGS_STEM, &["--features", "findings-only"])?;
    findings_module(&out, ORG_STEM, &[])?;

    banner("npm package: package.json, README, Node entry");
    crate::npm_files::assemble(&out)?;

    banner("npm package: npm pack");
    let tgz = tarball()?;
    let _ = std::fs::remove_file(&tgz);
    exec(
        cmd("npm")
            .current_dir(&out)
            .args(["pack", "--silent", "--pack-destination"])
            .arg(root().join("target/npm")),
    )?;
    if !tgz.is_file() {
        bail!("npm pack did not write {}", tgz.display());
    }
    println!("packed {}", tgz.display());

    let sizes = Sizes::measure(&out)?;
    sizes.print();
    print_entry_sizes(&out)?;
    Ok((out, sizes))
}

/// The rustc flags the package's wasm builds add to `.cargo/config.toml`'s (its inline
/// threshold, -0.9 KB gzip), as a `--config` value: cargo joins rustflags arrays from every
/// source, so the config file's stay in force without being repeated here.
/// - `+simd128`: WebAssembly SIMD, which every browser since Safari 16.4 (2023) and Node 16.4
///   run, makes core's string and memory routines shorter (-0.2 KB gzip);
/// - the registry's and the checkout's folders cut from panic locations' file names: shorter
///   (-0.1 KB gzip), and the same bytes whatever the machine's paths.
fn rustflags() -> String {
    // Cargo's own home: `$CARGO_HOME`, else `~/.cargo`.
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::util::home().join(".cargo"));
    let mut flags = vec![
        "-C".to_owned(),
        "target-feature=+simd128".to_owned(),
        format!("--remap-path-prefix={}/=", root().display()),
    ];
    // One folder per registry index (`index.crates.io-<hash>`).
    if let Ok(indexes) = std::fs::read_dir(cargo_home.join("registry/src")) {
        for index in indexes.flatten() {
            flags.push(format!("--remap-path-prefix={}/=", index.path().display()));
        }
    }
    let quoted: Vec<String> = flags.iter().map(|f| format!("{f:?}")).collect();
    format!(
        "target.wasm32-unknown-unknown.rustflags=[{}]",
        quoted.join(", ")
    )
}

/// `cargo build --release` of `package`'s library for wasm32 with the package's [`rustflags`],
/// its final link given `link_args` (`cargo rustc`: added there only, so no dependency is
/// rebuilt for them); the path of its `.wasm`.
fn release_wasm(package: &str, link_args: &[&str]) -> Result<PathBuf> {
    release_wasm_with(package, &[], link_args)
}

/// [`release_wasm`] with cargo arguments of its own (`--features ...`).
fn release_wasm_with(package: &str, cargo_args: &[&str], link_args: &[&str]) -> Result<PathBuf> {
    let mut command = cmd("cargo");
    command
        .args([
            "rustc",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            package,
            "--lib",
            "--crate-type",
            "cdylib",
        ])
        .args(cargo_args)
        .arg("--config")
        .arg(rustflags());
    if !link_args.is_empty() {
        command.arg("--");
        for arg in link_args {
            command.arg("-C").arg(format!("link-arg={arg}"));
        }
    }
    exec(&mut command)?;
    Ok(root().join(format!(
        "target/wasm32-unknown-unknown/release/{}.wasm",
        package.replace('-', "_")
    )))
}

/// The findings module (or, with other features, the organization file's): wasm-bindgen and
/// `wasm-opt -Oz` like the client's module, into the same folder under its own stem. Its size
/// is printed apart from the budgeted client's.
fn findings_module(out: &Path, stem: &str, features: &[&str]) -> Result<()> {
    banner(&format!(
        "npm package: the {stem} module (cargo build, wasm-bindgen, wasm-opt)"
    ));
    let input = release_wasm_with("openrouter-admin-findings", features, &[])?;
    exec(
        cmd("wasm-bindgen")
            .args(["--target", "web", "--out-name", stem, "--out-dir"])
            .arg(out)
            .arg(&input),
    )?;
    let wasm = out.join(format!("{stem}_bg.wasm"));
    exec(
        cmd("wasm-opt")
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .arg(&wasm)
            .arg("-o")
            .arg(&wasm),
    )
}

/// Prints the npm package's wasm, glue and total gzip sizes (building it if it is not there).
pub fn size_report() -> Result<()> {
    let dir = package_dir();
    if !dir.join(format!("{STEM}_bg.wasm")).is_file() {
        build()?;
    }
    Sizes::measure(&dir)?.print();
    Ok(())
}

/// Replaces `<harness>/node_modules/openrouter-admin` with the contents of the packed tarball,
/// so the tests see exactly what `npm install openrouter-admin-<v>.tgz` would give a user.
fn unpack_into(harness: &Path, tgz: &Path) -> Result<()> {
    let dest = harness.join("node_modules").join(NAME);
    if dest.exists() {
        std::fs::remove_dir_all(&dest)?;
    }
    std::fs::create_dir_all(&dest)?;
    exec(
        cmd("tar")
            .args(["-xzf"])
            .arg(tgz)
            .args(["--strip-components=1", "-C"])
            .arg(&dest),
    )
}

/// The npm package's tests: node --test, tsc over a consumer file, a Vite app in Chromium, the
/// browser entries' early fetch in Chromium (`tests/vite/early.mjs`), the entries as
/// package.json names them (`tests/vite/entries.mjs`: the default entry and the settings share
/// one module from inside its JavaScript; the file form), the organization file's
/// entry in Chromium (`tests/vite/org.mjs`).
///
/// The size budget is not checked here: `cargo xtask test` checks it after every step.
pub fn test() -> Result<()> {
    build_and_measure()?;
    let tgz = tarball()?;
    let node_dir = crate_dir().join("tests/node");
    let vite_dir = crate_dir().join("tests/vite");
    for dir in [&node_dir, &vite_dir] {
        if !dir.join("node_modules").is_dir() {
            bail!(
                "{} has no node_modules; run `cargo xtask setup`",
                dir.display()
            );
        }
        unpack_into(dir, &tgz)?;
    }

    banner("npm package: tsc --strict --noEmit (browser and Node resolution)");
    for config in ["tsconfig.json", "tsconfig.bundler.json"] {
        exec(cmd("node").current_dir(&node_dir).args([
            "node_modules/typescript/bin/tsc",
            "--strict",
            "--noEmit",
            "-p",
            config,
        ]))?;
        println!("tsc {config}: ok (consumer.ts calls every method and narrows errors by kind)");
    }

    sandbox::build()?;
    let sb = Sandbox::for_tests()?;

    crate::node_tests::run(&sb, &node_dir)?;

    banner("npm package: Vite 7 build of a consumer app, run in headless Chromium");
    exec(cmd("node").current_dir(&vite_dir).args([
        "node_modules/vite/bin/vite.js",
        "build",
        "--logLevel",
        "warn",
    ]))?;
    let report = output(sb.pass_to(cmd("node").current_dir(&vite_dir).arg("e2e.mjs")))?;
    print!("{report}");
    if !report.contains("vite e2e: ok") {
        bail!("the Vite app did not report success in Chromium");
    }

    banner("npm package: the browser entries' early fetch, in headless Chromium");
    // It prints each check and exits non-zero when one fails.
    exec(sb.pass_to(cmd("node").current_dir(&vite_dir).arg("early.mjs")))?;

    banner("npm package: the entries package.json names, in headless Chromium");
    exec(sb.pass_to(cmd("node").current_dir(&vite_dir).arg("entries.mjs")))?;

    banner("npm package: openrouter-admin/org in headless Chromium");
    exec(sb.pass_to(cmd("node").current_dir(&vite_dir).arg("org.mjs")))
}

/// Fails when the package last built into `target/npm/openrouter-admin/` is over the budget.
pub fn check_built_budget() -> Result<()> {
    let sizes = Sizes::measure(&package_dir())?;
    sizes.print();
    check_budget(&sizes)
}
