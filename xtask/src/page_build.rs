//! The admin page's release build without Trunk: the steps Trunk took for us, written out, so
//! that a step of our own (the wasm split of `../shared/docs/page-splitting.md`) can go between
//! `cargo build` and `wasm-bindgen`, which Trunk cannot host (its issue #1022).
//!
//! `index.html` and `Trunk.toml` stay the one description of the page: the `data-trunk` links say
//! what to build and copy, Trunk.toml's `pattern_script` and `pattern_preload` say what goes in
//! their place, so `trunk serve` (development) and this build write the same page. The steps:
//!
//! 1. `cargo_build`: the page's bin in `cargo build --release`, in `target/web` with
//!    `--cfg erase_components` (as `trunk build` was run: web.rs says why), and `ORA_SPLIT=1`,
//!    which makes web/build.rs turn the areas into split points and link with `--emit-relocs`;
//! 2. `wasm_split::split`: cargo's module becomes a main module (the sign-in screen and the
//!    runtime), a module per area and shared chunks, and their loader (`wasm_split.rs`); then
//!    `wasm_fold::fold`: the chunks the shell's area (`app`) shares go into its module
//!    (`wasm_fold.rs`);
//! 3. `bindgen`: `wasm-bindgen --target=web --no-typescript --keep-lld-exports`, main module only;
//! 4. `wasm_split::optimize_all`: `wasm-opt -O<level>` as the link's `data-wasm-opt` says, on
//!    each module apart, two at a time;
//! 5. `wasm_split::stage`, `replacement`: into a fresh staging folder, every module and the
//!    loader under a name hashed from its content, the css and copies as Trunk names them;
//! 6. `write_index`: `index.html` with each `data-trunk` link replaced as Trunk replaces it;
//! 7. `publish`: the staging folder becomes `dist/`.
//!
//! What differs from `trunk build --release` 0.21.14, which `trunk serve` still runs: the split
//! (Trunk makes one unsplit module of the same code), and the hashes in the file names. Trunk
//! names the module by a seahash of cargo's wasm and the css by one of its text; here every name
//! carries the first 64 bits of a SHA-256 of what is served, so a name changes whenever the bytes
//! do, whatever changed them (a wasm-bindgen or wasm-opt upgrade included).

use crate::pins::{wasm_bindgen_version, wasm_opt_version};
use crate::util::{cmd, exec, has_version, root};
use crate::{wasm_fold, wasm_split};
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256, Sha384};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The area of the signed-in shell (web/src/app.rs, `open_app`): loaded before any other area
/// can be opened, so the chunks it shares with the others are folded into its module
/// (`wasm_fold.rs`).
const SHELL_AREA: &str = "app";

/// One `<link data-trunk ...>` of index.html: where it is in the text, and its attributes.
struct TrunkLink {
    span: std::ops::Range<usize>,
    attrs: Vec<(String, String)>,
}

impl TrunkLink {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn need(&self, name: &str) -> Result<&str> {
        self.attr(name)
            .with_context(|| format!("index.html: a data-trunk link has no {name}"))
    }
}

/// The page's wasm module, from index.html's `rel="rust"` link.
struct Module {
    bin: String,
    /// The `-O` level of `data-wasm-opt` (`z`).
    opt_level: String,
    bindgen_target: String,
}

/// A module after wasm-bindgen and wasm-opt: its glue and its optimized wasm.
struct Built {
    js: PathBuf,
    wasm: PathBuf,
}

/// What index.html's loader tag and preloads are told: the main module's file names, and the
/// split's loader (which the main module's glue imports: preloaded beside it).
struct Names {
    js: String,
    wasm: String,
    link: String,
}

/// Builds the page into `dist/` and returns that folder.
pub fn build() -> Result<PathBuf> {
    let started = Instant::now();
    let html = std::fs::read_to_string(root().join("index.html")).context("reading index.html")?;
    let links = trunk_links(&html)?;
    let module = module(&links)?;
    check_tools()?;
    let wasm = cargo_build(&module)?;
    let target = root().join("target/web");
    let mut split = wasm_split::split(&wasm, &target.join("page-split"), &module.bin)?;
    let folded = wasm_fold::fold(&mut split, SHELL_AREA)?;
    println!(
        "page build: folded into split_{SHELL_AREA}: {}",
        if folded.is_empty() {
            "nothing".to_string()
        } else {
            folded.join(" ")
        }
    );
    for (area, files) in &split.prefetch {
        println!("page build: {area} loads {}", files.join(" "));
    }
    let built = bindgen(&module, &split.main)?;
    let optimized = target.join("page-opt");
    let _ = std::fs::remove_dir_all(&optimized);
    std::fs::create_dir_all(&optimized)?;
    let main_wasm = optimized.join(format!("{}_bg.wasm", module.bin));
    let mut jobs = vec![(built.wasm.clone(), main_wasm.clone())];
    for file in &split.modules {
        jobs.push((file.clone(), optimized.join(file_name(file)?)));
    }
    let started_opt = Instant::now();
    wasm_split::optimize_all(&module.opt_level, &jobs)?;
    println!(
        "page build: wasm-opt of {} modules in {:.0} s",
        jobs.len(),
        started_opt.elapsed().as_secs_f64()
    );
    let stage = target.join("stage");
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage)?;
    let modules: Vec<PathBuf> = jobs[1..].iter().map(|(_, out)| out.clone()).collect();
    let staged = wasm_split::stage(
        &module.bin,
        &split,
        &built.js,
        &main_wasm,
        &modules,
        &stage,
        name_hash,
    )?;
    let names = Names {
        js: staged.js,
        wasm: staged.wasm,
        link: staged.link,
    };
    let mut index = html.clone();
    // From the last link to the first, so that the spans of those before stay where they are.
    for link in links.iter().rev() {
        let with = replacement(link, &names, &stage)?;
        index.replace_range(link.span.clone(), &with);
    }
    write_index(&index, &names, &stage)?;
    let dist = publish(&stage)?;
    println!(
        "page build: {} in {:.0} s",
        dist.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(dist)
}

/// Every `<link data-trunk ...>` of index.html, in order.
fn trunk_links(html: &str) -> Result<Vec<TrunkLink>> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find("<link data-trunk") {
        let start = from + at;
        let end = start
            + html[start..]
                .find('>')
                .context("index.html: a data-trunk link does not end")?
            + 1;
        let inner = html[start + "<link".len()..end - 1].trim_end_matches('/');
        links.push(TrunkLink {
            span: start..end,
            attrs: attributes(inner)?,
        });
        from = end;
    }
    Ok(links)
}

/// The attributes of a tag's inside: `name="value"` or a bare `name` (value "").
fn attributes(inner: &str) -> Result<Vec<(String, String)>> {
    let mut attrs = Vec::new();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = &rest[name_end..];
        let value = if let Some(quoted) = rest.strip_prefix("=\"") {
            let close = quoted
                .find('"')
                .with_context(|| format!("index.html: attribute {name} is not closed"))?;
            rest = &quoted[close + 1..];
            quoted[..close].to_string()
        } else {
            String::new()
        };
        attrs.push((name, value));
        rest = rest.trim_start();
    }
    Ok(attrs)
}

/// The `rel="rust"` link as the page's module; index.html's other kinds are checked here too, so
/// that a link this build does not know fails it rather than vanishing from the page.
fn module(links: &[TrunkLink]) -> Result<Module> {
    let mut modules = Vec::new();
    for link in links {
        match link.need("rel")? {
            "css" | "copy-file" => {}
            "rust" => {
                if link.need("href")? != "web/Cargo.toml" {
                    bail!("index.html: a rust link names another crate than web/");
                }
                if link.attr("data-type").is_some() {
                    bail!("index.html: the page is one module (split by area), not a worker");
                }
                modules.push(Module {
                    bin: link.need("data-bin")?.to_string(),
                    opt_level: link.need("data-wasm-opt")?.to_string(),
                    bindgen_target: link
                        .attr("data-bindgen-target")
                        .unwrap_or("web")
                        .to_string(),
                });
            }
            other => bail!(
                "index.html: a data-trunk link of rel {other:?}, which this build does not know"
            ),
        }
    }
    match (modules.pop(), modules.is_empty()) {
        (Some(module), true) => Ok(module),
        _ => bail!("index.html: one rust link, the page's module"),
    }
}

/// wasm-bindgen and wasm-opt must be the pinned ones: another version's glue does not match the
/// crate's, and another wasm-opt breaks the module (toolchain.md, pitfall 1).
fn check_tools() -> Result<()> {
    let bindgen = wasm_bindgen_version()?;
    if !has_version("wasm-bindgen", &bindgen) {
        bail!("wasm-bindgen {bindgen} is not on PATH; run `cargo xtask setup`");
    }
    let opt = wasm_opt_version();
    if !has_version("wasm-opt", &opt) {
        bail!("wasm-opt {opt} is not first on PATH; run `cargo xtask setup`");
    }
    Ok(())
}

/// Step 1: `cargo build` of the page's bin, split-ready; its wasm file.
fn cargo_build(module: &Module) -> Result<PathBuf> {
    let target = root().join("target/web");
    exec(
        cmd("cargo")
            .args(["build", "--release", "--target=wasm32-unknown-unknown"])
            .args(["--manifest-path", "web/Cargo.toml", "--bin", &module.bin])
            .env("CARGO_TARGET_DIR", &target)
            // As `trunk build` was run: this replaces .cargo/config.toml's wasm32 rustflags, as it
            // did then (the npm package's inline threshold is not the page's).
            .env("RUSTFLAGS", "--cfg erase_components")
            // web/build.rs: split points and --emit-relocs, for this crate only.
            .env("ORA_SPLIT", "1"),
    )?;
    Ok(target
        .join("wasm32-unknown-unknown/release")
        .join(format!("{}.wasm", module.bin)))
}

/// Step 3: wasm-bindgen's glue and wasm, in a folder of the module's own.
fn bindgen(module: &Module, wasm: &Path) -> Result<Built> {
    let out = root().join("target/web/page-bindgen").join(&module.bin);
    let _ = std::fs::remove_dir_all(&out);
    exec(
        cmd("wasm-bindgen")
            .arg(format!("--target={}", module.bindgen_target))
            .arg(format!("--out-dir={}", out.display()))
            .arg(format!("--out-name={}", module.bin))
            .arg(wasm)
            .arg("--no-typescript")
            .arg(wasm_split::BINDGEN_FLAG),
    )?;
    // Inline JS snippets would be files of their own to serve; the page has none, and this build
    // does not copy them, so one appearing must fail here rather than at load time.
    if out.join("snippets").exists() {
        bail!(
            "wasm-bindgen wrote snippets for {}; the page build does not serve them",
            module.bin
        );
    }
    Ok(Built {
        js: out.join(format!("{}.js", module.bin)),
        wasm: out.join(format!("{}_bg.wasm", module.bin)),
    })
}

/// The first 64 bits of SHA-256 over `parts`, in hex: the hash in a file's name.
fn name_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Steps 5 and 6 for one link: stages the file it names and says what takes its place in
/// index.html. As Trunk does: a css link becomes a stylesheet link with a hashed name and a
/// sha384 integrity; a copied file goes under its own name and its link goes; the module's link
/// becomes `pattern_script`.
fn replacement(link: &TrunkLink, names: &Names, stage: &Path) -> Result<String> {
    match link.need("rel")? {
        "css" => {
            let source = root().join(link.need("href")?);
            let text =
                std::fs::read(&source).with_context(|| format!("reading {}", source.display()))?;
            let stem = file_name(&source)?.trim_end_matches(".css").to_string();
            let name = format!("{stem}-{}.css", name_hash(&[&text]));
            std::fs::write(stage.join(&name), &text)?;
            Ok(format!(
                "<link rel=\"stylesheet\" href=\"./{name}\" integrity=\"sha384-{}\"/>",
                crate::util::base64(&Sha384::digest(&text))
            ))
        }
        "copy-file" => {
            let source = root().join(link.need("href")?);
            std::fs::copy(&source, stage.join(file_name(&source)?))
                .with_context(|| format!("copying {}", source.display()))?;
            Ok(String::new())
        }
        _ => fill(&trunk_pattern("pattern_script")?, names),
    }
}

fn file_name(path: &Path) -> Result<String> {
    Ok(path
        .file_name()
        .with_context(|| format!("{} names no file", path.display()))?
        .to_string_lossy()
        .into_owned())
}

/// Step 6: index.html with `pattern_preload` as the last thing in its head, where Trunk puts it,
/// and a preload of the split's loader, which the main module's glue imports.
fn write_index(index: &str, names: &Names, stage: &Path) -> Result<()> {
    let preload = fill(&trunk_pattern("pattern_preload")?, names)?
        + &format!("<link rel=\"modulepreload\" href=\"./{}\">", names.link);
    let head_end = index.find("</head>").context("index.html has no </head>")?;
    let mut html = index.to_string();
    html.insert_str(head_end, &preload);
    std::fs::write(stage.join("index.html"), html)?;
    Ok(())
}

/// A pattern with Trunk's placeholders filled: `{base}` is Trunk.toml's `public_url` (`./`).
fn fill(pattern: &str, names: &Names) -> Result<String> {
    let filled = pattern
        .replace("{base}", "./")
        .replace("{js}", &names.js)
        .replace("{wasm}", &names.wasm);
    if filled.contains('{') {
        bail!("Trunk.toml: a pattern has a placeholder this build does not fill: {pattern}");
    }
    Ok(filled)
}

/// A `key = "..."` string of Trunk.toml's `[build]`, a TOML basic string on one line (the only
/// escapes in it are `\"` and `\\`).
fn trunk_pattern(key: &str) -> Result<String> {
    let toml = std::fs::read_to_string(root().join("Trunk.toml")).context("reading Trunk.toml")?;
    let line = toml
        .lines()
        .find_map(|l| l.strip_prefix(key)?.trim_start().strip_prefix('='))
        .with_context(|| format!("Trunk.toml has no {key}"))?
        .trim();
    let inner = line
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .with_context(|| format!("Trunk.toml: {key} is not a one-line string"))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e @ ('"' | '\\')) => out.push(e),
            other => bail!("Trunk.toml: {key} has an escape this build does not read: \\{other:?}"),
        }
    }
    Ok(out)
}

/// Step 7: the staged build replaces `dist/` (in one rename, once every step has succeeded).
fn publish(stage: &Path) -> Result<PathBuf> {
    let dist = root().join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).with_context(|| format!("removing {}", dist.display()))?;
    }
    std::fs::rename(stage, &dist)
        .with_context(|| format!("moving {} to {}", stage.display(), dist.display()))?;
    Ok(dist)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_of_index_html_is_one_this_build_knows() {
        let html = std::fs::read_to_string(root().join("index.html")).expect("index.html");
        let links = trunk_links(&html).expect("links");
        let module = module(&links).expect("module");
        assert_eq!(module.bin, "openrouter-admin-web");
        assert_eq!(module.opt_level, "z");
    }

    #[test]
    fn the_patterns_are_read_from_trunk_toml_with_their_quotes() {
        let names = Names {
            js: "a-1.js".into(),
            wasm: "a-1_bg.wasm".into(),
            link: "__wasm_split-1.js".into(),
        };
        let script =
            fill(&trunk_pattern("pattern_script").expect("script"), &names).expect("filled");
        assert_eq!(
            script,
            "<script type=\"module\" src=\"./boot.js\" data-ora-js=\"./a-1.js\" data-ora-wasm=\"./a-1_bg.wasm\"></script>"
        );
        let preload =
            fill(&trunk_pattern("pattern_preload").expect("preload"), &names).expect("filled");
        assert!(preload.contains("href=\"./a-1_bg.wasm\""));
    }
}
