//! The admin page: its release build, size budget, and end-to-end tests.

use crate::sandbox::{self, Sandbox};
use crate::util::{banner, cmd, exec, gzip_len, root};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// The first-load budget (gzip -9 of html + js + wasm + css up to a working sign-in form), in
/// bytes; the build fails above it.
const BUDGET: usize = 150 * 1024;
/// What we aim for.
const GOAL: usize = 120 * 1024;

/// `trunk build --release` into `dist/`; fails if the first load is over the budget
/// (`cargo xtask page`).
pub fn build_release() -> Result<PathBuf> {
    let dist = build()?;
    size_report()?;
    check_budget(&dist)?;
    Ok(dist)
}

/// `trunk build --release` into `dist/`, whatever its size.
///
/// It builds in its own target folder with `--cfg erase_components`, which makes Leptos erase
/// component types (about 11 % less wasm here). A RUSTFLAGS change in the shared `target/` would
/// rebuild every wasm dependency of the other crates each time one or the other is built.
fn build() -> Result<PathBuf> {
    exec(
        cmd("trunk")
            .args(["build", "--release"])
            .env("CARGO_TARGET_DIR", root().join("target/web"))
            .env("RUSTFLAGS", "--cfg erase_components")
            // trunk's own update check goes to crates.io's web API, which is not reachable here.
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .env("NO_COLOR", "true"),
    )?;
    Ok(root().join("dist"))
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

/// Fails when the first load of the build in `dist` is over the budget.
pub fn check_budget(dist: &Path) -> Result<()> {
    let total = sizes(dist)?.first_load.total();
    if total > BUDGET {
        bail!(
            "the admin page's first load is {} gzip, over the {} budget",
            kb(total),
            kb(BUDGET)
        );
    }
    Ok(())
}

/// The file-name prefix of the whole page's module (Trunk's main module, content-hashed). A
/// first visit loads it only after the sign-in screen is up (web/assets/boot.js).
const WHOLE_PAGE_PREFIX: &str = "openrouter-admin-web-";

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

/// What a first visit downloads before the sign-in form works (html, boot.js, css and the
/// sign-in module), and what it fetches after that (the whole page's module).
#[derive(Default)]
struct Sizes {
    first_load: Part,
    whole_page: Part,
}

fn sizes(dist: &Path) -> Result<Sizes> {
    let mut s = Sizes::default();
    for entry in std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let part = if name.starts_with(WHOLE_PAGE_PREFIX) {
            &mut s.whole_page
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
        *bucket += gzip_len(&bytes)?;
        if name.ends_with(".wasm") {
            part.raw_wasm += bytes.len();
        }
    }
    if s.whole_page.wasm == 0 {
        bail!("no {WHOLE_PAGE_PREFIX}*.wasm in {}", dist.display());
    }
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
/// up to a working sign-in form), then the whole page's module fetched after it.
pub fn size_report() -> Result<()> {
    let dist = root().join("dist");
    if !dist.join("index.html").exists() {
        build()?;
    }
    let s = sizes(&dist)?;
    let first = &s.first_load;
    println!("admin page first load, up to a working sign-in form (gzip -9):");
    println!("  html  {:>9}", kb(first.html));
    println!("  js    {:>9}", kb(first.js));
    println!(
        "  wasm  {:>9}   ({} raw)",
        kb(first.wasm),
        kb(first.raw_wasm)
    );
    println!("  css   {:>9}", kb(first.css));
    println!(
        "  total {:>9}   (budget {}, goal {})",
        kb(first.total()),
        kb(BUDGET),
        kb(GOAL)
    );
    let whole = &s.whole_page;
    println!(
        "whole page, fetched once the form is up: js {}, wasm {} ({} raw), total {}",
        kb(whole.js),
        kb(whole.wasm),
        kb(whole.raw_wasm),
        kb(whole.total())
    );
    Ok(())
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
    // One sandbox with the demo organization for the flows, one with 10,000 keys in a workspace
    // for the windowing test; both serve the page and answer config.json with their own API.
    let demo = Sandbox::start(&[
        "--memory",
        "--control",
        "--seed",
        "demo",
        "--serve",
        &dist_arg,
        "--management-key",
        sandbox::TEST_MANAGEMENT_KEY,
    ])?;
    let large = Sandbox::start(&[
        "--memory",
        "--seed",
        "demo",
        "--seed-scale",
        "keys=10000",
        "--serve",
        &dist_arg,
        "--management-key",
        sandbox::TEST_MANAGEMENT_KEY,
    ])?;
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots)?;
    banner("web: end-to-end and axe in headless Chromium (node --test)");
    // One spec file at a time: they share the demo sandbox, and each resets it before its tests.
    exec(
        cmd("node")
            .current_dir(root().join("web/e2e"))
            .args([
                "--test",
                "--test-reporter=spec",
                "--test-concurrency=1",
                "specs/",
            ])
            .env("ORA_URL", &demo.origin)
            .env("ORA_LARGE_URL", &large.origin)
            .env("ORA_KEY", &demo.key)
            .env("ORA_SCREENSHOTS", &shots)
            .env("CHROMIUM", "/usr/bin/chromium"),
    )
}
