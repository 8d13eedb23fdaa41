//! The admin page: its release build, size budget, and end-to-end tests.

use crate::pins::wasm_opt_version;
use crate::sandbox::{self, Sandbox};
use crate::util::{banner, cmd, exec, gzip_len, home, root};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// The first-load budget in bytes: what Chromium downloads (gzip -9, headers included) until the
/// sign-in form can be submitted, measured by `check_budget`; the build fails above it.
const BUDGET: usize = 150 * 1024;
/// What we aim for.
const GOAL: usize = 120 * 1024;
/// The budget from the first request until the workspaces table is shown after sign-in, sign-in
/// included (what Chromium downloads: code, answers, headers), measured by `check_budget`.
const TABLE_BUDGET: usize = 300 * 1024;

/// The release build into `dist/` (`page_build.rs`); fails if the first load is over the budget
/// (`cargo xtask page`).
pub fn build_release() -> Result<PathBuf> {
    let dist = build()?;
    size_report()?;
    check_budget(&dist)?;
    Ok(dist)
}

/// The release build into `dist/`, whatever its size: our own steps (`page_build.rs`), not
/// Trunk, which stays for development (`trunk serve`, installed by `cargo xtask setup --dev`).
///
/// It builds in its own target folder with `--cfg erase_components`, which makes Leptos erase
/// component types (about 11 % less wasm here). A RUSTFLAGS change in the shared `target/` would
/// rebuild every wasm dependency of the other crates each time one or the other is built.
fn build() -> Result<PathBuf> {
    crate::page_build::build()
}

/// Makes a plain `trunk build --release` or `trunk serve --release` find the pinned wasm-opt
/// that `setup` installed into `target/tools`, so they never try to download it.
///
/// Trunk takes a tool from PATH when its version is the one Trunk.toml pins, and otherwise from
/// its own cache, `~/.cache/trunk/<tool>-<version>/`, where it would download one. A link there
/// to our copy is found in any shell, and wins over a Debian wasm-opt of another version on PATH.
pub fn link_wasm_opt_for_trunk() -> Result<()> {
    let ours = root().join("target/tools/node_modules/binaryen/bin/wasm-opt");
    if !ours.is_file() {
        bail!("no wasm-opt at {}; run `cargo xtask setup`", ours.display());
    }
    let link = trunk_wasm_opt();
    match std::fs::symlink_metadata(&link) {
        // A real file is one Trunk downloaded itself (of the pinned version): it stays.
        Ok(meta) if !meta.file_type().is_symlink() => return Ok(()),
        Ok(_) if std::fs::read_link(&link)? == ours => return Ok(()),
        Ok(_) => std::fs::remove_file(&link)?,
        Err(_) => {}
    }
    if let Some(dir) = link.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::os::unix::fs::symlink(&ours, &link)
        .with_context(|| format!("linking {} to {}", link.display(), ours.display()))?;
    println!("setup: trunk finds wasm-opt at {}", link.display());
    Ok(())
}

/// Where Trunk keeps the wasm-opt of the pinned version: `<cache>/wasm-opt-<version>/bin/`,
/// in its cache folder on Linux (the `directories` crate's for `dev.trunkrs.trunk`).
fn trunk_wasm_opt() -> PathBuf {
    let cache = match std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir.join("trunk"),
        _ => home().join(".cache/trunk"),
    };
    cache
        .join(format!("wasm-opt-{}", wasm_opt_version()))
        .join("bin/wasm-opt")
}

/// The release build for `cargo xtask demo`: over the budget it warns instead of failing, so
/// that the demo still runs (the budget fails `cargo xtask test` and `build_release`).
pub fn build_for_demo() -> Result<PathBuf> {
    let dist = build()?;
    if let Err(e) = check_budget(&dist) {
        println!("warning: {e:#}");
    }
    Ok(dist)
}

/// Measures the build in `dist` as a browser meets it and fails when its first load is over the
/// budget (`web/e2e/measure.mjs`): headless Chromium loads it from a host that serves gzip -9,
/// and the transfer bytes of every request started before the sign-in form can be submitted are
/// the first load. The bytes until the workspaces table is shown after sign-in have their own
/// budget ([`TABLE_BUDGET`]). It prints both, the time to form and to table unthrottled, at 4x
/// CPU, on a 10 Mbit/s, 40 ms link and a 1.6 Mbit/s, 150 ms one, and each area's first opening
/// (its requests and bytes; more than 6 code files fails it).
pub fn check_budget(dist: &Path) -> Result<()> {
    sandbox::build()?;
    // The API behind the page, for signing in; the page itself is served by measure.mjs.
    let api = Sandbox::start(&[
        "--memory",
        "--seed",
        "demo",
        "--management-key",
        sandbox::TEST_MANAGEMENT_KEY,
    ])?;
    exec(
        cmd("node")
            .current_dir(root().join("web/e2e"))
            .arg("measure.mjs")
            .env("ORA_DIST", dist)
            .env("ORA_API", &api.origin)
            .env("ORA_KEY", &api.key)
            .env("ORA_BUDGET", BUDGET.to_string())
            .env("ORA_TABLE_BUDGET", TABLE_BUDGET.to_string())
            .env("CHROMIUM", "/usr/bin/chromium"),
    )
    .context("the admin page's first load, measured in Chromium")
}

/// Whether a file of the build is one of the areas' (an area's module or a shared chunk, named
/// by the split, `wasm_split.rs`): a first visit loads none before the sign-in form is up.
fn is_area_file(name: &str) -> bool {
    name.starts_with("split_") || name.starts_with("chunk_")
}

/// Gzip sizes of one group of files.
#[derive(Default)]
struct Part {
    html: usize,
    js: usize,
    wasm: usize,
    css: usize,
    raw_wasm: usize,
}

impl Part {
    fn total(&self) -> usize {
        self.html + self.js + self.wasm + self.css
    }
}

/// What a first visit downloads before the sign-in form works (html, boot.js, loader.js, css,
/// the main module and the split's loader), and what it fetches after that, by area (the areas'
/// files, each with its gzip size).
#[derive(Default)]
struct Sizes {
    first_load: Part,
    areas: Part,
    area_files: Vec<(String, usize)>,
}

fn sizes(dist: &Path) -> Result<Sizes> {
    let mut s = Sizes::default();
    for entry in std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = if is_area_file(&name) {
            &mut s.areas
        } else {
            &mut s.first_load
        };
        // config.json is not part of the build; anything else in dist is loaded by a visit.
        let bucket = match path.extension().and_then(|e| e.to_str()) {
            Some("html") => &mut part.html,
            Some("js") => &mut part.js,
            Some("wasm") => &mut part.wasm,
            Some("css") => &mut part.css,
            _ => continue,
        };
        let bytes = std::fs::read(&path)?;
        let gzip = gzip_len(&bytes)?;
        *bucket += gzip;
        if is_area_file(&name) {
            s.area_files.push((name.clone(), gzip));
        }
        if name.ends_with(".wasm") {
            part.raw_wasm += bytes.len();
        }
    }
    if s.areas.wasm == 0 {
        bail!("no area files (split_*, chunk_*) in {}", dist.display());
    }
    s.area_files.sort();
    Ok(s)
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// A folder with the build at its root and again under `admin/`, so the tests also load the
/// page from a sub-path (the sandbox answers `<subpath>/config.json` itself), plus a portal
/// page that embeds it.
fn serve_dir(dist: &Path) -> Result<PathBuf> {
    let serve = root().join("target/web-serve");
    let _ = std::fs::remove_dir_all(&serve);
    // The portal fixtures embed the page with the whole page's `mount(element, options)`
    // (embed) and with the loader's (split).
    std::fs::create_dir_all(&serve)?;
    for name in ["embed.html", "embed.js", "split.html", "split.js"] {
        std::fs::copy(root().join("web/e2e/portal").join(name), serve.join(name))?;
    }
    for dir in [serve.clone(), serve.join("admin")] {
        std::fs::create_dir_all(&dir)?;
        for entry in std::fs::read_dir(dist)? {
            let path = entry?.path();
            if path.is_file() {
                if let Some(name) = path.file_name() {
                    std::fs::copy(&path, dir.join(name))?;
                }
            }
        }
    }
    Ok(serve)
}

/// Prints the gzip sizes of the release build in `dist/`: the first load (html, js, wasm, css
/// up to a working sign-in form), then the areas' files fetched after it.
pub fn size_report() -> Result<()> {
    let dist = root().join("dist");
    if !dist.join("index.html").exists() {
        build()?;
    }
    let s = sizes(&dist)?;
    let first = &s.first_load;
    println!("admin page files of the first load, up to a working sign-in form (gzip -9 each):");
    println!("  html  {:>9}", kb(first.html));
    println!("  js    {:>9}", kb(first.js));
    println!(
        "  wasm  {:>9}   ({} raw)",
        kb(first.wasm),
        kb(first.raw_wasm)
    );
    println!("  css   {:>9}", kb(first.css));
    println!(
        "  total {:>9}   (goal {}; the {} budget is checked on what Chromium downloads)",
        kb(first.total()),
        kb(GOAL),
        kb(BUDGET)
    );
    let areas = &s.areas;
    println!(
        "the signed-in page by area, fetched once the form is up or an area first opened: \
         wasm {} ({} raw) in {} files",
        kb(areas.wasm),
        kb(areas.raw_wasm),
        s.area_files.len()
    );
    for (name, gzip) in &s.area_files {
        println!("  {:>9}  {name}", kb(*gzip));
    }
    Ok(())
}

/// A sandbox with the demo organization and 10,000 keys in its workspace `bulk`, serving the
/// page in `serve`: the end-to-end windowing test's, and the All keys bench's.
pub fn large_org(serve: &str) -> Result<Sandbox> {
    Sandbox::start(&[
        "--memory",
        "--seed",
        "demo",
        "--seed-scale",
        "keys=10000",
        "--serve",
        serve,
        "--management-key",
        sandbox::TEST_MANAGEMENT_KEY,
    ])
}

/// The page's end-to-end and accessibility tests against the release build served by the sandbox.
pub fn test() -> Result<()> {
    banner("web: release build");
    // The size budget is checked by `cargo xtask test` after every step (see test.rs).
    let dist = build()?;
    size_report()?;
    sandbox::build()?;
    let serve = serve_dir(&dist)?;
    let dist_arg = serve.to_string_lossy().into_owned();
    // Each e2e worker starts its own demo sandbox (e2e.rs); these two are shared: 10,000 keys
    // in a workspace for the windowing test, and the demo organization with CORS off, reached
    // only through a same-origin proxy (or refused). One spec file uses each, and only reads.
    let large = large_org(&dist_arg)?;
    let no_cors = Sandbox::start(&[
        "--memory",
        "--seed",
        "demo",
        "--no-cors",
        "--management-key",
        sandbox::TEST_MANAGEMENT_KEY,
    ])?;
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots)?;
    banner("web: end-to-end and axe in headless Chromium (node --test, two at a time)");
    // ORA_SPECS (comma-separated paths under web/e2e) runs only those files, for a quick loop
    // while working on one view; CI leaves it unset and runs every spec.
    let specs = std::env::var("ORA_SPECS").unwrap_or_else(|_| "specs/".into());
    let shared = crate::e2e::Shared {
        env: vec![
            ("ORA_LARGE_URL", large.origin.clone()),
            ("ORA_NO_CORS_URL", no_cors.origin.clone()),
            ("ORA_DIST", dist.to_string_lossy().into_owned()),
            ("ORA_SCREENSHOTS", shots.to_string_lossy().into_owned()),
            ("CHROMIUM", "/usr/bin/chromium".into()),
        ],
    };
    crate::e2e::run(&specs, &dist_arg, &shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_finds_wasm_opt_in_its_cache_layout() {
        assert!(trunk_wasm_opt().ends_with("trunk/wasm-opt-version_132/bin/wasm-opt"));
    }
}
