//! The admin page's release build without Trunk: the steps Trunk took for us, written out, so
//! that a step of our own (the wasm split of `../shared/docs/page-splitting.md`) can go between
//! `cargo build` and `wasm-bindgen`, which Trunk cannot host (its issue #1022).
//!
//! `index.html` and `Trunk.toml` stay the one description of the page: the `data-trunk` links say
//! what to build and copy, Trunk.toml's `pattern_script` and `pattern_preload` say what goes in
//! their place, so `trunk serve` (development) and this build write the same page. The steps:
//!
//! 1. `cargo_build`: both bins in one `cargo build --release`, in `target/web` with
//!    `--cfg erase_components` (as `trunk build` was run: web.rs says why);
//! 2. (the split goes here: it rewrites the cargo module into a main module and chunks);
//! 3. `bindgen`: `wasm-bindgen --target=web --no-typescript`, each module apart;
//! 4. `optimize`: `wasm-opt -O<level>` as the link's `data-wasm-opt` says (Trunk's arguments);
//! 5. `stage_modules`, `stage_css`, `stage_copies`: into a fresh staging folder, under the names
//!    Trunk gives them;
//! 6. `write_index`: `index.html` with each `data-trunk` link replaced as Trunk replaces it;
//! 7. `publish`: the staging folder becomes `dist/`.
//!
//! What differs from `trunk build --release` 0.21.14 (compared on one commit: the same ten files,
//! each byte for byte, and index.html the same but for two names): the hashes in the file names. Trunk names the whole page's module by a seahash of cargo's wasm and the css by
//! one of its text; here both are the first 64 bits of a SHA-256 of what is served (the module's
//! js and optimized wasm together; the css), so a name changes whenever the bytes do, whatever
//! changed them (a wasm-bindgen or wasm-opt upgrade included). The file list, every file's bytes
//! and index.html are otherwise the same. The sign-in module keeps fixed names, as Trunk's
//! "worker" type gave it: loader.js asks for them with the whole page's name as a query.

use crate::pins::{wasm_bindgen_version, wasm_opt_version};
use crate::util::{cmd, exec, has_version, root};
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256, Sha384};
use std::path::{Path, PathBuf};
use std::time::Instant;

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

/// A wasm module of the page, from a `rel="rust"` link.
struct Module {
    bin: String,
    /// Trunk's "worker" type: not loaded by index.html, and named by its bin alone.
    worker: bool,
    /// The `-O` level of `data-wasm-opt` (`z`).
    opt_level: String,
    bindgen_target: String,
}

/// A module after wasm-bindgen and wasm-opt: its glue and its optimized wasm.
struct Built {
    js: PathBuf,
    wasm: PathBuf,
}

/// What index.html's loader tag and preloads are told: the whole page's file names.
struct Names {
    js: String,
    wasm: String,
}

/// Builds the page into `dist/` and returns that folder.
pub fn build() -> Result<PathBuf> {
    let started = Instant::now();
    let html = std::fs::read_to_string(root().join("index.html")).context("reading index.html")?;
    let links = trunk_links(&html)?;
    let modules = modules(&links)?;
    check_tools()?;
    let wasm = cargo_build(&modules)?;
    // Issue 24's split goes here: cargo's modules (built with --emit-relocs) in, the main
    // modules and their chunks out, each then through wasm-bindgen and wasm-opt.
    let built = std::thread::scope(|scope| {
        // The two modules' wasm-bindgen and wasm-opt side by side, as Trunk ran them: on two
        // cores the sign-in module is done while the whole page is still optimized.
        let jobs: Vec<_> = modules
            .iter()
            .zip(&wasm)
            .map(|(module, wasm)| scope.spawn(move || optimize(module, &bindgen(module, wasm)?)))
            .collect();
        jobs.into_iter()
            .map(|job| job.join().expect("a build thread panicked"))
            .collect::<Result<Vec<_>>>()
    })?;
    let stage = root().join("target/web/stage");
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage)?;
    let names = stage_modules(&modules, &built, &stage)?;
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

/// The `rel="rust"` links as modules; index.html's other kinds are checked here too, so that a
/// link this build does not know fails it rather than vanishing from the page.
fn modules(links: &[TrunkLink]) -> Result<Vec<Module>> {
    let mut modules = Vec::new();
    for link in links {
        match link.need("rel")? {
            "css" | "copy-file" => {}
            "rust" => {
                if link.need("href")? != "web/Cargo.toml" {
                    bail!("index.html: a rust link names another crate than web/");
                }
                modules.push(Module {
                    bin: link.need("data-bin")?.to_string(),
                    worker: link.attr("data-type") == Some("worker"),
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
    if modules.iter().filter(|m| !m.worker).count() != 1 {
        bail!("index.html: one rust link must be the page's main module (no data-type)");
    }
    Ok(modules)
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

/// Step 1: one `cargo build` of every module's bin; their wasm files, in the modules' order.
fn cargo_build(modules: &[Module]) -> Result<Vec<PathBuf>> {
    let target = root().join("target/web");
    let mut cargo = cmd("cargo");
    cargo
        .args(["build", "--release", "--target=wasm32-unknown-unknown"])
        .args(["--manifest-path", "web/Cargo.toml"])
        .env("CARGO_TARGET_DIR", &target)
        // As `trunk build` was run: this replaces .cargo/config.toml's wasm32 rustflags, as it
        // did then (the npm package's inline threshold is not the page's).
        .env("RUSTFLAGS", "--cfg erase_components");
    for module in modules {
        cargo.args(["--bin", &module.bin]);
    }
    exec(&mut cargo)?;
    Ok(modules
        .iter()
        .map(|m| {
            target
                .join("wasm32-unknown-unknown/release")
                .join(format!("{}.wasm", m.bin))
        })
        .collect())
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
            .arg("--no-typescript"),
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

/// Step 4: wasm-opt at the link's level, with Trunk's arguments (no others: Trunk added
/// `--enable-reference-types` only for `data-reference-types`, which the page does not set).
fn optimize(module: &Module, built: &Built) -> Result<Built> {
    let out = built.wasm.with_extension("opt.wasm");
    exec(
        cmd("wasm-opt")
            .arg(format!("--output={}", out.display()))
            .arg(format!("-O{}", module.opt_level))
            .arg(&built.wasm),
    )?;
    Ok(Built {
        js: built.js.clone(),
        wasm: out,
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

/// Step 5: the modules into the staging folder. The main module's two files share one name,
/// `<bin>-<hash>`, hashed over both; a worker keeps `<bin>` (Trunk's names).
fn stage_modules(modules: &[Module], built: &[Built], stage: &Path) -> Result<Names> {
    let mut names = None;
    for (module, built) in modules.iter().zip(built) {
        let js = std::fs::read(&built.js)?;
        let wasm = std::fs::read(&built.wasm)?;
        let base = if module.worker {
            module.bin.clone()
        } else {
            format!("{}-{}", module.bin, name_hash(&[&js, &wasm]))
        };
        let (js_name, wasm_name) = (format!("{base}.js"), format!("{base}_bg.wasm"));
        std::fs::write(stage.join(&js_name), &js)?;
        std::fs::write(stage.join(&wasm_name), &wasm)?;
        if !module.worker {
            names = Some(Names {
                js: js_name,
                wasm: wasm_name,
            });
        }
    }
    names.context("no main module")
}

/// Steps 5 and 6 for one link: stages the file it names and says what takes its place in
/// index.html. As Trunk does: a css link becomes a stylesheet link with a hashed name and a
/// sha384 integrity; a copied file goes under its own name and its link goes; the main module's
/// link becomes `pattern_script`; the worker's goes.
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
                base64(&Sha384::digest(&text))
            ))
        }
        "copy-file" => {
            let source = root().join(link.need("href")?);
            std::fs::copy(&source, stage.join(file_name(&source)?))
                .with_context(|| format!("copying {}", source.display()))?;
            Ok(String::new())
        }
        "rust" if link.attr("data-type") == Some("worker") => Ok(String::new()),
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

/// Step 6: index.html with `pattern_preload` as the last thing in its head, where Trunk puts it.
fn write_index(index: &str, names: &Names, stage: &Path) -> Result<()> {
    let preload = fill(&trunk_pattern("pattern_preload")?, names)?;
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

/// Standard base64 with padding (what an `integrity` attribute holds).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_as_integrity_attributes_do() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn every_link_of_index_html_is_one_this_build_knows() {
        let html = std::fs::read_to_string(root().join("index.html")).expect("index.html");
        let links = trunk_links(&html).expect("links");
        let modules = modules(&links).expect("modules");
        let bins: Vec<_> = modules.iter().map(|m| (m.bin.as_str(), m.worker)).collect();
        assert_eq!(
            bins,
            [
                ("openrouter-admin-web", false),
                ("openrouter-admin-signin", true)
            ]
        );
        assert!(modules.iter().all(|m| m.opt_level == "z"));
    }

    #[test]
    fn the_patterns_are_read_from_trunk_toml_with_their_quotes() {
        let names = Names {
            js: "a-1.js".into(),
            wasm: "a-1_bg.wasm".into(),
        };
        let script =
            fill(&trunk_pattern("pattern_script").expect("script"), &names).expect("filled");
        assert_eq!(
            script,
            "<script type=\"module\" src=\"./boot.js\" data-ora-js=\"./a-1.js\" data-ora-wasm=\"./a-1_bg.wasm\"></script>"
        );
        let preload =
            fill(&trunk_pattern("pattern_preload").expect("preload"), &names).expect("filled");
        assert!(preload.contains("href=\"./openrouter-admin-signin.js?for=a-1.js\""));
    }
}
