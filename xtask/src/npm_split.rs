//! The npm package's one wasm module for both classes, split: `OpenRouterAdmin`'s common path
//! and the runtime both classes share in the main module (`openrouter_admin_bg.wasm`), what
//! `crates/openrouter-admin-js/src/split.rs` puts behind its split points in chunks fetched
//! when first needed (`openrouter_admin_settings_bg.wasm`, `openrouter_admin_composite_bg.wasm`,
//! and one for what those two share, if anything). One instance serves both entries, so a user
//! of both classes downloads the runtime once.
//!
//! The steps, the ones `../shared/docs/page-splitting.md` found the split needs: cargo links the
//! cdylib with `--emit-relocs`; `wasm_split_cli_support::transform` (a library here) writes the
//! main module, the chunks and `__wasm_split.js` (which instantiates a chunk into the main
//! module's table and memory); wasm-bindgen runs on the main module with `--keep-lld-exports`
//! (the table, memory and stack pointer the chunks import); wasm-opt runs on each module apart.
//! The chunks get stable names (the splitter numbers shared chunks in an order that may change),
//! and `__wasm_split.js` is rewritten three ways (`link_text`): the chunk names, the main
//! module's export names (shortened by `short_names`), and its `fetch`, which Node 20 cannot
//! do for a `file:` URL: the chunks are read through `compiled(url)`, a fetch and compile
//! (load.js's) that the Node entries point at the disk instead (`readWith`) and that the
//! settings entries start at import (`prefetch("settings")`).

use crate::util::{banner, cmd, exec, root};
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The module wasm-bindgen's glue imports the chunk loaders from (the splitter's default link
/// name, kept: the glue names it).
pub use crate::wasm_split::LINK;

/// One chunk as shipped: its file name in the package and the splits that need it.
pub struct Chunk {
    /// `openrouter_admin_<splits>_bg.wasm`.
    pub file: String,
    /// The split points' module names (`settings`, `composite`) that load it.
    pub splits: Vec<String>,
}

impl Chunk {
    /// Whether loading `split` fetches this chunk.
    pub fn serves(&self, split: &str) -> bool {
        self.splits.iter().any(|s| s == split)
    }
}

/// Splits the linked `input` (built with `--emit-relocs`) into `out`: wasm-bindgen's glue and
/// main module under `stem`, optimized and with short names, the chunks optimized under stable
/// names, and the rewritten `__wasm_split.js`. Returns the chunks.
pub fn build(input: &Path, out: &Path, stem: &str) -> Result<Vec<Chunk>> {
    banner("npm package: split the module (wasm_split_cli_support)");
    let work = root().join("target/npm-split");
    let split = crate::wasm_split::split(input, &work, stem)
        .with_context(|| format!("splitting {}", input.display()))?;

    // Which splits load each file the splitter wrote (`split_<name>` or a shared `chunk_<n>`).
    let mut users: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, files) in &split.prefetch {
        for file in files {
            users.entry(file.clone()).or_default().push(name.clone());
        }
    }
    let mut renames = Vec::new();
    let mut chunks = Vec::new();
    for path in &split.modules {
        let from = path
            .file_stem()
            .and_then(|s| s.to_str())
            .context("a chunk without a name")?
            .to_owned();
        let mut splits = users
            .get(&from)
            .cloned()
            .with_context(|| format!("no split loads {from}"))?;
        splits.sort();
        splits.dedup();
        let file = format!("{stem}_{}_bg.wasm", splits.join("_"));
        if chunks.iter().any(|c: &Chunk| c.file == file) {
            bail!("two chunks would both be {file}");
        }
        println!("chunk {from}.wasm -> {file} (for {})", splits.join(", "));
        optimize_chunk(path, &out.join(&file))?;
        renames.push((format!("\"./{from}.wasm\""), format!("\"./{file}\"")));
        chunks.push(Chunk { file, splits });
    }

    banner(&format!(
        "npm package: {stem} (wasm-bindgen of the main module)"
    ));
    exec(
        cmd("wasm-bindgen")
            .args(["--target", "web", "--keep-lld-exports", "--out-name", stem])
            .arg("--out-dir")
            .arg(out)
            .arg(&split.main),
    )?;
    let wasm = out.join(format!("{stem}_bg.wasm"));
    optimize(&wasm)?;
    let exports = crate::short_names::apply(
        &wasm,
        &out.join(format!("{stem}.js")),
        &format!("./{stem}_bg.js"),
    )?;

    let link = std::fs::read_to_string(&split.link).context("reading __wasm_split.js")?;
    std::fs::write(
        out.join(LINK),
        link_text(&link, &renames, &exports, &chunks)?,
    )?;
    Ok(chunks)
}

/// `wasm-opt -Oz` of the client's main module, with the passes measured to make it smallest.
fn optimize(wasm: &Path) -> Result<()> {
    exec(
        cmd("wasm-opt")
            // `--converge` reruns the passes until the module stops shrinking (~1.1 KB gzip).
            .args(["-Oz", "--converge", "--strip-debug", "--strip-producers"])
            // A function with one caller is inlined only when small: by default any size is,
            // which merges every operation's request building into `dispatch::send`, one
            // huge function that gzip packs worse than the same code kept apart (~1.5 KB
            // gzip; 15 to 20 measured best, larger or smaller limits cost more).
            .args(["--one-caller-inline-max-function-size", "20"])
            // Lets the optimizer fold constant offsets into loads and stores (-117 B gzip).
            // It assumes the first 1 KB of memory unused: rustc links wasm32 with the stack
            // first, from 1 MiB down, so only the last KB of a full stack would reach it.
            .arg("--low-memory-unused")
            .arg(wasm)
            .arg("-o")
            .arg(wasm),
    )
}

/// `wasm-opt -Oz` of one chunk, apart from the main module (their code only meets through the
/// table, which wasm-opt keeps as it is).
fn optimize_chunk(from: &Path, to: &PathBuf) -> Result<()> {
    exec(
        cmd("wasm-opt")
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .arg(from)
            .arg("-o")
            .arg(to),
    )
}

/// What the Node and settings entries need of `__wasm_split.js`: how a chunk is read (fetched
/// and compiled, once for however many callers, again after a failure), the disk reader for
/// Node, and the early start of a split's chunks.
const READER: &str = r#"import { compile } from "./load.js";
let read = compile;
const started = new Map();
function compiled(url) {
  const key = String(url);
  let p = started.get(key);
  if (!p) {
    p = new Promise((ok) => ok(read(url)));
    started.set(key, p);
    p.catch(() => started.delete(key));
  }
  return p;
}
export function readWith(f) {
  read = f;
}
export function prefetch(split) {
  for (const url of files[split]()) compiled(url).catch(() => {});
}
"#;

/// `__wasm_split.js` as shipped: the chunks' stable names (`renames`: quoted old, quoted new),
/// the shared exports read under their short names (`exports`: long name -> short), every
/// chunk read through [`READER`]'s `compiled`, and the chunks of each split listed for
/// `prefetch` as `new URL("./file", import.meta.url)`, the form bundlers follow.
fn link_text(
    text: &str,
    renames: &[(String, String)],
    exports: &HashMap<String, String>,
    chunks: &[Chunk],
) -> Result<String> {
    let mut out = text.to_owned();
    for (from, to) in renames {
        if out.matches(from.as_str()).count() != 1 {
            bail!("__wasm_split.js does not name {from} once");
        }
        out = out.replace(from.as_str(), to);
    }

    // The main module's exports the chunks import, read by their short names.
    let start = out
        .find("        const { ")
        .context("__wasm_split.js reads no shared exports")?;
    let end = start
        + out[start..]
            .find(" } = initSync(undefined, undefined);")
            .context("__wasm_split.js: shared exports in an unknown shape")?;
    let names: Vec<String> = out[start + "        const { ".len()..end]
        .split(',')
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let assign_at = out
        .find("        Object.assign(sharedImports.__wasm_split, {")
        .context("__wasm_split.js: shared exports assigned in an unknown shape")?;
    let assign_end = assign_at
        + out[assign_at..]
            .find('\n')
            .context("__wasm_split.js ends in its shared exports")?;
    let mut fields = Vec::new();
    for name in &names {
        let short = exports
            .get(name)
            .with_context(|| format!("the main module does not export {name}"))?;
        fields.push(format!("{name}: e.{short}"));
    }
    out.replace_range(
        assign_at..assign_end,
        &format!(
            "        Object.assign(sharedImports.__wasm_split, {{ {} }});",
            fields.join(", ")
        ),
    );
    out.replace_range(
        start..end + " } = initSync(undefined, undefined);".len(),
        "        const e = initSync(undefined, undefined);",
    );

    // Every chunk read through `compiled`.
    let fetches = out.matches("const src = fetch(new URL(").count();
    if fetches != chunks.len() {
        bail!(
            "__wasm_split.js fetches {fetches} files, not the {} chunks",
            chunks.len()
        );
    }
    out = out.replace(
        "const src = fetch(new URL(",
        "const src = compiled(new URL(",
    );
    let streams = "WebAssembly.instantiateStreaming(src, imports)";
    if out.matches(streams).count() != chunks.len() {
        bail!("__wasm_split.js instantiates its chunks in an unknown shape");
    }
    out = out.replace(streams, "WebAssembly.instantiate(await src, imports)");

    let mut splits: Vec<&str> = chunks
        .iter()
        .flat_map(|c| c.splits.iter().map(String::as_str))
        .collect();
    splits.sort_unstable();
    splits.dedup();
    let mut files = String::from("const files = {\n");
    for split in splits {
        let urls: Vec<String> = chunks
            .iter()
            .filter(|c| c.serves(split))
            .map(|c| format!("new URL(\"./{}\", import.meta.url)", c.file))
            .collect();
        files.push_str(&format!("  {split}: () => [{}],\n", urls.join(", ")));
    }
    files.push_str("};\n");
    // After the splitter's own import of `initSync` (the module's first line).
    let first = out.find('\n').context("__wasm_split.js is empty")? + 1;
    out.insert_str(first, &format!("{READER}{files}"));
    Ok(out)
}

/// The two entries' types from wasm-bindgen's one `.d.ts` of both classes: `<stem>.d.ts` keeps
/// `OpenRouterAdmin` (and `isOpenRouterError`), `<settings>.d.ts` keeps `WorkspaceSettings`, as
/// when each class had a module of its own; the glue `<settings>.js` that the second types
/// re-exports the settings class from the one module.
pub fn entry_types(out: &Path, stem: &str, settings: &str) -> Result<()> {
    let both = std::fs::read_to_string(out.join(format!("{stem}.d.ts")))
        .context("reading the generated .d.ts")?;
    let client = cut_declaration(&both, "export class WorkspaceSettings {", "\n}\n")?;
    let only_settings = cut_declaration(&both, "export class OpenRouterAdmin {", "\n}\n")?;
    let only_settings =
        cut_declaration(&only_settings, "export function isOpenRouterError(", ";\n")?;
    std::fs::write(out.join(format!("{stem}.d.ts")), client)?;
    std::fs::write(out.join(format!("{settings}.d.ts")), only_settings)?;
    std::fs::write(
        out.join(format!("{settings}.js")),
        format!("export {{ WorkspaceSettings, initSync, default }} from \"./{stem}.js\";\n"),
    )?;
    Ok(())
}

/// `text` without the declaration that starts with `head` and ends with `end`, and without the
/// doc comment right above it.
fn cut_declaration(text: &str, head: &str, end: &str) -> Result<String> {
    let at = text
        .find(head)
        .with_context(|| format!("the .d.ts has no `{head}`"))?;
    let doc = match text[..at].rfind("/**") {
        Some(doc)
            if text[doc..at].trim_end().ends_with("*/") && !text[doc..at].contains("\n\n") =>
        {
            doc
        }
        _ => at,
    };
    let close = at
        + text[at..]
            .find(end)
            .with_context(|| format!("`{head}` does not end"))?
        + end.len();
    let close = if text[close..].starts_with('\n') {
        close + 1
    } else {
        close
    };
    let mut out = text.to_owned();
    out.replace_range(doc..close, "");
    Ok(out)
}

/// The chunk files of the package in `dir` (`<stem>_<splits>_bg.wasm`, not the findings
/// module's), with their bytes, by name.
pub fn shipped_chunks(dir: &Path, stem: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(splits) = name
            .strip_prefix(&format!("{stem}_"))
            .and_then(|n| n.strip_suffix("_bg.wasm"))
        else {
            continue;
        };
        if splits != "findings" {
            found.push((name.to_owned(), std::fs::read(&path)?));
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape cli 0.2.4 writes, cut to one chunk.
    const LINK_JS: &str = r#"import { initSync } from "./x.js";

let sharedImports = undefined;
function getSharedImports() {
    if (sharedImports === undefined) {
        sharedImports = { __wasm_split: {  } };
        const { __indirect_function_table, memory,  } = initSync(undefined, undefined);
        Object.assign(sharedImports.__wasm_split, { __indirect_function_table, memory,  });
    }
    return sharedImports;
}
export const __wasm_split_load_settings = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_settings.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []));
"#;

    #[test]
    fn the_loader_reads_renamed_chunks_and_short_exports_through_compiled() {
        let exports = HashMap::from([
            ("__indirect_function_table".to_owned(), "a".to_owned()),
            ("memory".to_owned(), "b".to_owned()),
        ]);
        let chunks = [Chunk {
            file: "x_settings_bg.wasm".into(),
            splits: vec!["settings".into()],
        }];
        let renames = [(
            "\"./split_settings.wasm\"".to_owned(),
            "\"./x_settings_bg.wasm\"".to_owned(),
        )];
        let out = link_text(LINK_JS, &renames, &exports, &chunks).expect("a known shape");
        assert!(
            out.contains("const e = initSync(undefined, undefined);"),
            "{out}"
        );
        assert!(
            out.contains("{ __indirect_function_table: e.a, memory: e.b });"),
            "{out}"
        );
        assert!(
            out.contains(
                "const src = compiled(new URL(\"./x_settings_bg.wasm\", import.meta.url));"
            ),
            "{out}"
        );
        assert!(
            out.contains("WebAssembly.instantiate(await src, imports)"),
            "{out}"
        );
        assert!(
            out.contains("settings: () => [new URL(\"./x_settings_bg.wasm\", import.meta.url)],"),
            "{out}"
        );
        assert!(!out.contains("= fetch("), "{out}");
        assert!(out.starts_with("import { initSync } from \"./x.js\";\nimport { compile }"));
        // A chunk the text does not fetch, or an export the main module lacks, fails the build.
        let two = [
            Chunk {
                file: "a".into(),
                splits: vec![],
            },
            Chunk {
                file: "b".into(),
                splits: vec![],
            },
        ];
        assert!(link_text(LINK_JS, &renames, &exports, &two).is_err());
        assert!(link_text(LINK_JS, &renames, &HashMap::new(), &chunks).is_err());
    }

    #[test]
    fn each_entry_keeps_its_own_class_and_doc() {
        let dts = "export type A = 1;\n\n/**\n * Settings.\n */\nexport class WorkspaceSettings {\n    free(): void;\n}\n\n/**\n * Client.\n */\nexport class OpenRouterAdmin {\n    free(): void;\n}\n";
        let cut = cut_declaration(dts, "export class WorkspaceSettings {", "\n}\n").expect("cut");
        assert_eq!(
            cut,
            "export type A = 1;\n\n/**\n * Client.\n */\nexport class OpenRouterAdmin {\n    free(): void;\n}\n"
        );
        assert!(cut_declaration(dts, "export class Nope {", "\n}\n").is_err());
    }
}
