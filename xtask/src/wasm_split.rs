//! Step 2 of the page build (`page_build.rs`): the page's wasm split by area
//! (`../shared/docs/page-splitting.md`), what Trunk cannot do (trunk-rs/trunk#1022).
//!
//! `wasm_split_cli_support::transform` rewrites cargo's module (linked with `--emit-relocs`,
//! web/build.rs) into a main module (the sign-in screen and the runtime), one module per area
//! (`split_<area>.wasm`, web/src/areas.rs), one shared chunk per set of areas that use a function
//! (`chunk_<n>.wasm`), and the loader that fetches them (`__wasm_split.js`).
//!
//! How many chunks: with k areas there can be 2^k - 1 sets, and an area's first opening fetches
//! every chunk of a set holding it. `Options` has no say in the grouping (0.2.4 reads the split
//! points, colours every function with the set of areas reaching it, one module per colour), and
//! our code cannot steer it without growing the first load (only what the main module reaches
//! leaves the sets) or merging areas (what made the Overview carry the Plan view). What can be
//! done after the split: a chunk whose set holds the shell's area (`app`, which every other area
//! is opened from) is always fetched with it, so the page's build merges those chunks into the
//! shell's module (`wasm_fold.rs`: binaryen's `wasm-merge`, tested on modules of this shape) and
//! the areas that used one wait for the shell's module instead, which is there already. Sign-in
//! to the table is then one area file whatever the number of areas, and each other area's first
//! opening is its module plus the chunks it shares with the other non-shell areas: with three of
//! them at most 4 files, with four at most 8 (over the 6 a first opening may take).
//!
//! Then:
//! - wasm-bindgen runs on the main module only, with `--keep-lld-exports`: the areas are
//!   instantiated against its `__indirect_function_table`, which it would otherwise drop;
//! - wasm-opt runs on each module apart, two at a time;
//! - every file is named after its content's hash, the references rewritten: the chunks' URLs in
//!   the loader, the loader's in the main module's JS, the main JS's in the loader. A tab opened
//!   before a deploy thus never pairs its files with a newer build's: it keeps fetching its own
//!   (while the host still has them) or gets a 404, which the page shows with "Try again" and
//!   "reload the tab".

use crate::util::{cmd, exec};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The loader's name as the split writes it, and the stem of its hashed name.
pub const LINK: &str = "__wasm_split.js";

/// The features Rust's wasm32 target enables, for wasm-opt: the split-off modules carry no
/// `target_features` section to detect them from.
pub const FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

/// What the split wrote.
pub struct Split {
    /// The main module, for wasm-bindgen.
    pub main: PathBuf,
    /// The areas' modules and the shared chunks.
    pub modules: Vec<PathBuf>,
    /// The loader (`__wasm_split.js`).
    pub link: PathBuf,
    /// The JS module path the loader imports `initSync` from (the main module's glue).
    pub main_module: String,
    /// Each split point and the files (stems) it loads, as the splitter reports them.
    pub prefetch: BTreeMap<String, Vec<String>>,
}

/// Splits `input` (cargo's module of `bin`, linked with `--emit-relocs`) into `out`: the page's
/// build and the npm package's both split through here.
pub fn split(input: &Path, out: &Path, bin: &str) -> Result<Split> {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out)?;
    let wasm = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let main = out.join(format!("{bin}.wasm"));
    let main_module = format!("./{bin}.js");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = out;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.target.web();
    println!("$ wasm_split_cli_support::transform {}", input.display());
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .context("splitting the page's wasm by area (was it linked with --emit-relocs?)")?;
    let prefetch: BTreeMap<_, _> = split.prefetch_map.into_iter().collect();
    for (area, files) in &prefetch {
        println!("split: {area}: {}", files.join(" "));
    }
    Ok(Split {
        main,
        modules: split.split_modules,
        link: out.join(LINK),
        main_module,
        prefetch,
    })
}

/// wasm-bindgen's flag the split needs (see the module's doc).
pub const BINDGEN_FLAG: &str = "--keep-lld-exports";

/// Runs wasm-opt `-O<level>` on each of `jobs` (input, output), two at a time (the machine's
/// cores), the first job first: the main module, the longest.
pub fn optimize_all(level: &str, jobs: &[(PathBuf, PathBuf)]) -> Result<()> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let Some((input, output)) = jobs.get(i) else {
                            return Ok(());
                        };
                        exec(
                            cmd("wasm-opt")
                                .arg(format!("--output={}", output.display()))
                                .arg(format!("-O{level}"))
                                .args(FEATURES)
                                .arg(input),
                        )?;
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().expect("a wasm-opt thread panicked"))
    })
}

/// The split page's files, named by their content's hash, written into `stage`.
pub struct Staged {
    /// The main module's glue and wasm, as index.html's loader tag names them.
    pub js: String,
    pub wasm: String,
    /// The loader's name, which the main module's glue imports.
    pub link: String,
}

/// Writes the split page into `stage` under hashed names: `<stem>-<hash>.wasm` for each area and
/// chunk (`modules`: optimized files named as the split named them), and one hash over the main
/// module's glue, its wasm and the loader for the three of them (they name each other, so no one
/// of them can be hashed alone): `<bin>-<hash>.js`, `<bin>-<hash>_bg.wasm`,
/// `__wasm_split-<hash>.js`.
pub fn stage(
    bin: &str,
    split: &Split,
    main_js: &Path,
    main_wasm: &Path,
    modules: &[PathBuf],
    stage: &Path,
    hash: impl Fn(&[&[u8]]) -> String,
) -> Result<Staged> {
    let mut link = std::fs::read_to_string(&split.link)
        .with_context(|| format!("reading {}", split.link.display()))?;
    for module in modules {
        let stem = module
            .file_stem()
            .with_context(|| format!("{} names no file", module.display()))?
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(module)?;
        let name = format!("{stem}-{}.wasm", hash(&[&bytes]));
        link = replace_once(
            &link,
            &format!("\"./{stem}.wasm\""),
            &format!("\"./{name}\""),
        )?;
        std::fs::write(stage.join(&name), &bytes)?;
    }
    let js = std::fs::read_to_string(main_js)
        .with_context(|| format!("reading {}", main_js.display()))?;
    let wasm = std::fs::read(main_wasm)?;
    let base = format!("{bin}-{}", hash(&[js.as_bytes(), &wasm, link.as_bytes()]));
    let (js_name, wasm_name) = (format!("{base}.js"), format!("{base}_bg.wasm"));
    let link_name = format!(
        "{}-{}.js",
        LINK.trim_end_matches(".js"),
        base.rsplit('-').next().unwrap_or_default()
    );
    let link = replace_once(&link, &split.main_module, &format!("./{js_name}"))?;
    // wasm-bindgen imports the loader once per import group: every import is renamed, not the
    // keys of the import object, which are the wasm's own import module names.
    let from = format!("from \"./{LINK}\"");
    if !js.contains(&from) {
        bail!("the main module's glue does not import {LINK}");
    }
    let js = js.replace(&from, &format!("from \"./{link_name}\""));
    // Each module is fetched from one place in the loader, each renamed above: any other wasm
    // URL would be one this build does not know.
    if link.matches(".wasm\"").count() != modules.len() {
        bail!("{LINK}: it fetches a wasm file this build did not rename");
    }
    std::fs::write(stage.join(&js_name), js)?;
    std::fs::write(stage.join(&wasm_name), wasm)?;
    std::fs::write(stage.join(&link_name), link)?;
    Ok(Staged {
        js: js_name,
        wasm: wasm_name,
        link: link_name,
    })
}

/// `text` with its one occurrence of `from` replaced; an error when there is not exactly one,
/// so that a new wasm-bindgen or wasm_split output fails the build instead of the page.
fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => bail!("expected `{from}` once in a generated file, found it {n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in hash: the bytes' length and first byte, enough to tell the files apart.
    fn fake_hash(parts: &[&[u8]]) -> String {
        let all: Vec<u8> = parts.concat();
        format!("{:x}{:02x}", all.len(), all.first().copied().unwrap_or(0))
    }

    #[test]
    fn every_file_is_staged_under_a_hashed_name_and_every_reference_follows_it() {
        let dir = std::env::temp_dir().join(format!("xtask-split-stage-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (out, stage_dir) = (dir.join("split"), dir.join("stage"));
        std::fs::create_dir_all(&out).expect("split dir");
        std::fs::create_dir_all(&stage_dir).expect("stage dir");
        // What the split and wasm-bindgen write, reduced to the lines this step rewrites.
        std::fs::write(
            out.join(LINK),
            "import { initSync } from \"./page.js\";\n\
             fetch(new URL(\"./chunk_1.wasm\", import.meta.url));\n\
             fetch(new URL(\"./split_app.wasm\", import.meta.url));\n",
        )
        .expect("link");
        std::fs::write(
            out.join("page.js"),
            "import * as import1 from \"./__wasm_split.js\"\n\
             import * as import2 from \"./__wasm_split.js\"\n\
             const imports = { \"./__wasm_split.js\": import1 };\n",
        )
        .expect("main js");
        std::fs::write(out.join("page_bg.wasm"), b"main").expect("main wasm");
        let modules = [out.join("chunk_1.wasm"), out.join("split_app.wasm")];
        std::fs::write(&modules[0], b"chunk").expect("chunk");
        std::fs::write(&modules[1], b"area app").expect("area");
        let split = Split {
            main: out.join("page.wasm"),
            modules: modules.to_vec(),
            link: out.join(LINK),
            main_module: "./page.js".into(),
            prefetch: BTreeMap::new(),
        };
        let staged = stage(
            "page",
            &split,
            &out.join("page.js"),
            &out.join("page_bg.wasm"),
            &modules,
            &stage_dir,
            fake_hash,
        )
        .expect("staged");

        let base = staged.js.trim_end_matches(".js").to_string();
        let hash = base.trim_start_matches("page-");
        assert_eq!(staged.wasm, format!("{base}_bg.wasm"));
        assert_eq!(staged.link, format!("__wasm_split-{hash}.js"));
        let read = |name: &str| std::fs::read_to_string(stage_dir.join(name)).expect(name);
        let link = read(&staged.link);
        assert!(
            link.contains(&format!("from \"./{}\"", staged.js)),
            "{link}"
        );
        assert!(link.contains(&format!("\"./chunk_1-{}.wasm\"", fake_hash(&[b"chunk"]))));
        assert!(link.contains(&format!(
            "\"./split_app-{}.wasm\"",
            fake_hash(&[b"area app"])
        )));
        let js = read(&staged.js);
        assert_eq!(
            js.matches(&format!("from \"./{}\"", staged.link)).count(),
            2,
            "{js}"
        );
        // The import object's keys are the wasm's own import module names: left as they are.
        assert!(js.contains("{ \"./__wasm_split.js\": import1 }"), "{js}");
        for name in [
            format!("chunk_1-{}.wasm", fake_hash(&[b"chunk"])),
            format!("split_app-{}.wasm", fake_hash(&[b"area app"])),
            staged.wasm.clone(),
        ] {
            assert!(stage_dir.join(&name).is_file(), "{name} is staged");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_loader_fetching_a_file_the_split_did_not_list_fails_the_build() {
        let dir = std::env::temp_dir().join(format!("xtask-split-unknown-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(
            dir.join(LINK),
            "import { initSync } from \"./page.js\";\n\
             fetch(new URL(\"./chunk_9.wasm\", import.meta.url));\n",
        )
        .expect("link");
        std::fs::write(
            dir.join("page.js"),
            "import * as i from \"./__wasm_split.js\"\n",
        )
        .expect("js");
        std::fs::write(dir.join("page_bg.wasm"), b"main").expect("wasm");
        let split = Split {
            main: dir.join("page.wasm"),
            modules: vec![],
            link: dir.join(LINK),
            main_module: "./page.js".into(),
            prefetch: BTreeMap::new(),
        };
        let staged = stage(
            "page",
            &split,
            &dir.join("page.js"),
            &dir.join("page_bg.wasm"),
            &[],
            &dir,
            fake_hash,
        );
        assert!(staged.is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_reference_is_replaced_only_when_it_is_there_once() {
        assert_eq!(
            replace_once("a \"./x.wasm\" b", "\"./x.wasm\"", "\"./x-1.wasm\"").expect("once"),
            "a \"./x-1.wasm\" b"
        );
        assert!(replace_once("nothing", "\"./x.wasm\"", "y").is_err());
        assert!(replace_once("x x", "x", "y").is_err());
    }
}
