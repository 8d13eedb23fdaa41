//! Folding the shell area's shared chunks into its module (`wasm_split.rs`, `fold`).
//!
//! `wasm_split_cli_support` 0.2.4 puts each function into the module of the *set* of areas that
//! use it: a function the shell (`app`) and the Plan view both use goes into a chunk of its own
//! (`chunk_<n>.wasm`, set `{app, plan}`), fetched with `app` and again listed for `plan`. Its
//! `Options` have no say in this. But the shell's area is fetched before any other area can be
//! opened (every other area is opened from the shell's code), so a chunk whose set holds the
//! shell's area is only one more request on the way to the workspaces table, and with k areas
//! there are 2^(k-1) such sets. Here each such chunk is merged into the shell's module, and the
//! other areas that used it wait for the shell's module instead (which is loaded already).
//!
//! The merge is binaryen's `wasm-merge` (the pinned binaryen, beside wasm-opt), on modules made
//! for it: every module the split writes imports only the main module's memory, table and stack
//! pointer (`__wasm_split.*`), calls the other modules through that table, and writes its
//! functions into the table and its data into memory at fixed offsets. So a merged module is the
//! union of the parts, its imports the same three. `wasm-merge` keeps two imports of one name
//! apart (two memories, which browsers refuse without multi-memory), so the modules' imports are
//! first resolved against a small module that imports them once under another name and exports
//! them ([`shim`]); that name is then set back to `__wasm_split` ([`rename_imports`]), and the
//! shim's exports dropped: the merged module imports and exports what a split module does.

use crate::util::{cmd, exec};
use crate::wasm_split::{Split, FEATURES};
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use wasm_encoder::{EntityType, ExportKind, ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// The import module of every split-off module: the main module's shared items.
pub const SHARED: &str = "__wasm_split";

/// The name the shim imports under while merging, set back to [`SHARED`] afterwards.
const HELD: &str = "__ora_fold_shared";

/// Merges every chunk whose set of areas holds `shell` into the shell's module
/// (`split_<shell>.wasm`), deletes those chunks, and writes the loader anew: each other area that
/// used one of them waits for the shell's module instead. Returns the chunks folded.
pub fn fold(split: &mut Split, shell: &str) -> Result<Vec<String>> {
    let own = format!("split_{shell}");
    let files = split
        .prefetch
        .get(shell)
        .with_context(|| format!("the split made no area `{shell}`"))?;
    if !files.contains(&own) {
        bail!("the `{shell}` area has no module of its own to fold its chunks into");
    }
    let chunks: Vec<String> = files
        .iter()
        .filter(|f| f.starts_with("chunk_"))
        .cloned()
        .collect();
    if chunks.is_empty() {
        return Ok(chunks);
    }
    let dir = split
        .link
        .parent()
        .context("the split's loader is in no folder")?
        .to_path_buf();
    let path = |stem: &str| dir.join(format!("{stem}.wasm"));
    let chunk_paths: Vec<PathBuf> = chunks.iter().map(|c| path(c)).collect();
    merge(&path(&own), &chunk_paths, &dir, |args| {
        exec(cmd("wasm-merge").args(FEATURES).args(args))
    })?;
    for chunk in &chunk_paths {
        std::fs::remove_file(chunk)?;
    }
    split.modules.retain(|m| !chunk_paths.contains(m));
    for (area, files) in split.prefetch.iter_mut() {
        let used = files.iter().any(|f| chunks.contains(f));
        files.retain(|f| !chunks.contains(f));
        if used && area != shell {
            files.insert(0, own.clone());
        }
    }
    let js = std::fs::read_to_string(&split.link)
        .with_context(|| format!("reading {}", split.link.display()))?;
    std::fs::write(&split.link, loader(&js, &split.prefetch)?)?;
    Ok(chunks)
}

/// The split's loader with its loaders part written from `prefetch` (each area and the files it
/// needs, its own module `split_<area>` among them unless it is empty): one memoized load per
/// file, a module's load waiting for the files it needs, and `__wasm_split_load_<area>` (the
/// name the `wasm_split` macros import) for each area. Kept from the split's own loader: what
/// comes before its loaders (the shared imports, `makeLoad`, `wrapAsyncCb`).
pub fn loader(library: &str, prefetch: &BTreeMap<String, Vec<String>>) -> Result<String> {
    let start = ["\n/* ", "\nconst __chunk_", "\nexport const "]
        .iter()
        .filter_map(|mark| library.find(mark))
        .min()
        .context("the split's loader declares no loader")?;
    let mut js = library[..=start].to_string();
    for needed in [
        "function makeLoad(",
        "function wrapAsyncCb(",
        "function getSharedImports(",
    ] {
        if !js.contains(needed) {
            bail!("the split's loader has no `{needed}`: a wasm_split_cli_support this fold does not know");
        }
    }
    let var = |stem: &str| format!("__{stem}");
    js.push_str(
        "function __foldFetch(file) {\n    return () => {\n        \
         const src = fetch(new URL(file, import.meta.url));\n        src.catch(() => {});\n        \
         return async (imports) => WebAssembly.instantiateStreaming(src, imports);\n    };\n}\n",
    );
    let chunks: BTreeSet<&String> = prefetch
        .values()
        .flatten()
        .filter(|f| f.starts_with("chunk_"))
        .collect();
    for chunk in chunks {
        js.push_str(&format!(
            "const {} = makeLoad(__foldFetch(\"./{chunk}.wasm\"), []);\n",
            var(chunk)
        ));
    }
    // An area whose module another area waits for first: its load must be declared before.
    let mut areas: Vec<(&String, &Vec<String>)> = prefetch.iter().collect();
    areas.sort_by_key(|(area, files)| {
        files
            .iter()
            .any(|f| f.starts_with("split_") && **f != format!("split_{area}"))
    });
    for (area, files) in areas {
        let own = format!("split_{area}");
        let deps: Vec<String> = files
            .iter()
            .filter(|f| **f != own)
            .map(|f| var(f))
            .collect();
        for dep in files
            .iter()
            .filter(|f| f.starts_with("split_") && **f != own)
        {
            let other = dep.trim_start_matches("split_");
            if prefetch
                .get(other)
                .is_some_and(|o| o.iter().any(|f| f.starts_with("split_") && *f != *dep))
            {
                bail!("`{area}` waits for `{other}`, which waits for another area: not foldable");
            }
        }
        let fetch = if files.contains(&own) {
            format!("__foldFetch(\"./{own}.wasm\")")
        } else {
            "() => async () => ({})".to_string()
        };
        js.push_str(&format!(
            "const {} = makeLoad({fetch}, [{}]);\nexport const __wasm_split_load_{area} = wrapAsyncCb({});\n",
            var(&own),
            deps.join(", "),
            var(&own)
        ));
    }
    Ok(js)
}

/// Merges `chunks` into `module` (its file is overwritten) with `wasm-merge`, run through `run`
/// (given its arguments), in `work` (a scratch folder).
pub fn merge(
    module: &Path,
    chunks: &[PathBuf],
    work: &Path,
    run: impl Fn(&[String]) -> Result<()>,
) -> Result<()> {
    let mut parts = Vec::new();
    for path in chunks.iter().chain([&module.to_path_buf()]) {
        parts.push(std::fs::read(path).with_context(|| format!("reading {}", path.display()))?);
    }
    let mut shared = BTreeMap::new();
    for (path, bytes) in chunks.iter().chain([&module.to_path_buf()]).zip(&parts) {
        for (from, name, ty) in imports(bytes)? {
            if from != SHARED {
                bail!(
                    "{} imports {from}.{name}: only {SHARED} can be folded",
                    path.display()
                );
            }
            shared.insert(name, ty);
        }
    }
    let shim_path = work.join("fold-shim.wasm");
    std::fs::write(&shim_path, shim(&shared)?)?;
    let merged = work.join("fold-merged.wasm");
    // The shim first, named as the module every part imports from; the area's own module last,
    // so that its data is written after the chunks' (as when the chunks loaded before it).
    let mut args = vec![shim_path.display().to_string(), SHARED.to_string()];
    for (i, chunk) in chunks.iter().enumerate() {
        args.extend([chunk.display().to_string(), format!("chunk{i}")]);
    }
    args.extend([module.display().to_string(), "area".to_string()]);
    args.extend(["-o".to_string(), merged.display().to_string()]);
    run(&args)?;
    let bytes = std::fs::read(&merged).context("reading wasm-merge's output")?;
    let names: Vec<&str> = shared.keys().map(String::as_str).collect();
    std::fs::write(module, rename_imports(&bytes, HELD, SHARED, &names)?)?;
    Ok(())
}

/// Every import of `wasm`: its module, its name and its type.
pub fn imports(wasm: &[u8]) -> Result<Vec<(String, String, EntityType)>> {
    let mut found = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        if let Payload::ImportSection(reader) = payload? {
            for import in reader.into_imports() {
                let import = import?;
                found.push((
                    import.module.to_string(),
                    import.name.to_string(),
                    EntityType::try_from(import.ty)?,
                ));
            }
        }
    }
    Ok(found)
}

/// A module that imports each of `shared` from [`HELD`] and exports it under its own name.
fn shim(shared: &BTreeMap<String, EntityType>) -> Result<Vec<u8>> {
    let mut imports = ImportSection::new();
    let mut exports = ExportSection::new();
    let (mut tables, mut memories, mut globals, mut tags) = (0, 0, 0, 0);
    for (name, ty) in shared {
        imports.import(HELD, name, *ty);
        let next = |n: &mut u32| {
            *n += 1;
            *n - 1
        };
        let (kind, index) = match ty {
            EntityType::Function(_) => bail!("{SHARED}.{name} is a function: not foldable"),
            EntityType::Table(_) => (ExportKind::Table, next(&mut tables)),
            EntityType::Memory(_) => (ExportKind::Memory, next(&mut memories)),
            EntityType::Global(_) => (ExportKind::Global, next(&mut globals)),
            EntityType::Tag(_) => (ExportKind::Tag, next(&mut tags)),
            #[allow(unreachable_patterns)]
            _ => bail!("{SHARED}.{name}: an import kind this fold does not know"),
        };
        exports.export(name, kind, index);
    }
    let mut module = Module::new();
    module.section(&imports).section(&exports);
    Ok(module.finish())
}

/// `wasm` with every import from `from` imported from `to` instead, and the exports named in
/// `drop` (the shim's, which `wasm-merge` kept) removed; every other section as it was.
pub fn rename_imports(wasm: &[u8], from: &str, to: &str, drop: &[&str]) -> Result<Vec<u8>> {
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        match &payload {
            Payload::ImportSection(reader) => {
                let mut imports = ImportSection::new();
                for import in reader.clone().into_imports() {
                    let import = import?;
                    let source = if import.module == from {
                        to
                    } else {
                        import.module
                    };
                    imports.import(source, import.name, EntityType::try_from(import.ty)?);
                }
                module.section(&imports);
            }
            Payload::ExportSection(reader) => {
                let mut exports = ExportSection::new();
                for export in reader.clone() {
                    let export = export?;
                    if !drop.contains(&export.name) {
                        exports.export(export.name, export.kind.into(), export.index);
                    }
                }
                if !exports.is_empty() {
                    module.section(&exports);
                }
            }
            Payload::CodeSectionEntry(_) | Payload::Version { .. } | Payload::End(_) => {}
            other => {
                if let Some((id, range)) = other.as_section() {
                    let range = range.start as usize..range.end as usize;
                    module.section(&RawSection {
                        id,
                        data: &wasm[range],
                    });
                }
            }
        }
    }
    Ok(module.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, ConstExpr, DataSection, ElementSection, Elements, Function, FunctionSection,
        GlobalType, Instruction, MemoryType, RefType, TableType, TypeSection, ValType,
    };
    use wasmparser::{Validator, WasmFeatures};

    /// A module as the split writes one: the three shared imports, one function returning
    /// `value`, put into the table at `slot`, and `bytes` written into memory at `at`.
    fn part(value: i32, slot: i32, at: i32, bytes: &[u8]) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], [ValType::I32]);
        let mut imports = ImportSection::new();
        imports.import(
            SHARED,
            "memory",
            MemoryType {
                minimum: 1,
                maximum: None,
                memory64: false,
                shared: false,
                page_size_log2: None,
            },
        );
        imports.import(
            SHARED,
            "__indirect_function_table",
            TableType {
                element_type: RefType::FUNCREF,
                minimum: 8,
                maximum: None,
                table64: false,
                shared: false,
            },
        );
        imports.import(
            SHARED,
            "__wasm_split_shared0",
            GlobalType {
                val_type: ValType::I32,
                mutable: true,
                shared: false,
            },
        );
        let mut funcs = FunctionSection::new();
        funcs.function(0);
        let mut elements = ElementSection::new();
        elements.active(
            Some(0),
            &ConstExpr::i32_const(slot),
            Elements::Functions([0].as_slice().into()),
        );
        let mut code = CodeSection::new();
        let mut body = Function::new([]);
        body.instruction(&Instruction::I32Const(value))
            .instruction(&Instruction::End);
        code.function(&body);
        let mut data = DataSection::new();
        data.active(0, &ConstExpr::i32_const(at), bytes.iter().copied());
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&funcs)
            .section(&elements)
            .section(&code)
            .section(&data);
        module.finish()
    }

    fn valid(wasm: &[u8]) {
        Validator::new_with_features(WasmFeatures::default())
            .validate_all(wasm)
            .expect("a valid module");
    }

    #[test]
    fn renaming_moves_only_the_named_import_module_and_drops_only_the_named_exports() {
        let shared: BTreeMap<String, EntityType> = imports(&part(1, 0, 0, b"a"))
            .expect("imports")
            .into_iter()
            .map(|(_, name, ty)| (name, ty))
            .collect();
        let shim = shim(&shared).expect("shim");
        valid(&shim);
        assert!(imports(&shim)
            .expect("imports")
            .iter()
            .all(|(module, _, _)| module == HELD));
        let names: Vec<&str> = shared.keys().map(String::as_str).collect();
        let renamed = rename_imports(&shim, HELD, SHARED, &names[..2]).expect("renamed");
        valid(&renamed);
        let after = imports(&renamed).expect("imports");
        assert_eq!(after.len(), 3);
        assert!(
            after.iter().all(|(module, _, _)| module == SHARED),
            "{after:?}"
        );
        let exports: Vec<String> = Parser::new(0)
            .parse_all(&renamed)
            .filter_map(|p| match p.expect("payload") {
                Payload::ExportSection(r) => Some(
                    r.into_iter()
                        .map(|e| e.expect("export").name.to_string())
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(exports, vec![names[2].to_string()]);
    }

    #[test]
    fn chunks_merged_into_an_area_keep_their_table_slots_and_data_and_import_the_shared_items_once()
    {
        let dir = std::env::temp_dir().join(format!("xtask-fold-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let area = dir.join("split_app.wasm");
        let chunks = [dir.join("chunk_1.wasm"), dir.join("chunk_2.wasm")];
        std::fs::write(&area, part(10, 1, 16, b"app")).expect("area");
        std::fs::write(&chunks[0], part(20, 2, 32, b"one")).expect("chunk");
        std::fs::write(&chunks[1], part(30, 3, 48, b"two")).expect("chunk");
        merge(&area, &chunks, &dir, |args| {
            exec(cmd("wasm-merge").args(FEATURES).args(args))
        })
        .expect("merged (wasm-merge is installed by `cargo xtask setup`)");
        let merged = std::fs::read(&area).expect("merged");
        valid(&merged);
        let found = imports(&merged).expect("imports");
        let mut names: Vec<&str> = found.iter().map(|(_, n, _)| n.as_str()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "__indirect_function_table",
                "__wasm_split_shared0",
                "memory"
            ]
        );
        assert!(found.iter().all(|(m, _, _)| m == SHARED), "{found:?}");
        let (mut slots, mut data, mut functions, mut exports) = (vec![], vec![], 0, 0);
        for payload in Parser::new(0).parse_all(&merged) {
            match payload.expect("payload") {
                Payload::ElementSection(r) => {
                    for e in r {
                        if let wasmparser::ElementKind::Active { offset_expr, .. } =
                            e.expect("element").kind
                        {
                            let mut ops = offset_expr.get_operators_reader();
                            if let Ok(wasmparser::Operator::I32Const { value }) = ops.read() {
                                slots.push(value);
                            }
                        }
                    }
                }
                Payload::DataSection(r) => {
                    for d in r {
                        let d = d.expect("data");
                        data.push(d.data.to_vec());
                    }
                }
                Payload::CodeSectionEntry(_) => functions += 1,
                Payload::ExportSection(r) => exports += r.count(),
                _ => {}
            }
        }
        slots.sort();
        data.sort();
        assert_eq!(slots, [1, 2, 3]);
        assert_eq!(data, [b"app".to_vec(), b"one".to_vec(), b"two".to_vec()]);
        assert_eq!(functions, 3);
        assert_eq!(exports, 0, "the shim's exports are gone");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_import_from_elsewhere_is_not_folded() {
        let dir = std::env::temp_dir().join(format!("xtask-fold-other-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let wasm = part(1, 0, 0, b"a");
        let other = rename_imports(&wasm, SHARED, "env", &[]).expect("renamed");
        let (area, chunk) = (dir.join("split_app.wasm"), dir.join("chunk_1.wasm"));
        std::fs::write(&area, &wasm).expect("area");
        std::fs::write(&chunk, other).expect("chunk");
        let ran = std::cell::Cell::new(false);
        let err = merge(&area, std::slice::from_ref(&chunk), &dir, |_| {
            ran.set(true);
            Ok(())
        });
        assert!(err.is_err());
        assert!(!ran.get(), "wasm-merge was not run");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The split's loader as wasm_split_cli_support 0.2.4 writes it, reduced to its parts.
    const LIBRARY: &str = "import { initSync } from \"./page.js\";\n\
        function getSharedImports() {}\nfunction wrapAsyncCb(callee) {}\nfunction makeLoad(f, d) {}\n\
        /* app, org */\nconst __chunk_4 = makeLoad(() => {}, []);\n\
        export const __wasm_split_load_app = wrapAsyncCb(makeLoad(() => {}, [__chunk_4]));\n";

    #[test]
    fn the_loader_makes_the_areas_that_used_a_folded_chunk_wait_for_the_shell_module() {
        let prefetch: BTreeMap<String, Vec<String>> = [
            ("app", vec!["split_app"]),
            ("org", vec!["split_app", "chunk_7", "split_org"]),
            ("plan", vec!["chunk_7"]),
            ("workspace", vec!["split_app", "split_workspace"]),
        ]
        .into_iter()
        .map(|(a, f)| (a.to_string(), f.into_iter().map(String::from).collect()))
        .collect();
        let js = loader(LIBRARY, &prefetch).expect("loader");
        assert!(js.starts_with("import { initSync } from \"./page.js\";\n"));
        assert!(js.contains("function makeLoad(f, d) {}\n"));
        assert!(
            !js.contains("__chunk_4"),
            "the library's loaders are replaced: {js}"
        );
        for line in [
            "const __chunk_7 = makeLoad(__foldFetch(\"./chunk_7.wasm\"), []);",
            "const __split_app = makeLoad(__foldFetch(\"./split_app.wasm\"), []);",
            "export const __wasm_split_load_app = wrapAsyncCb(__split_app);",
            "const __split_org = makeLoad(__foldFetch(\"./split_org.wasm\"), [__split_app, __chunk_7]);",
            "const __split_plan = makeLoad(() => async () => ({}), [__chunk_7]);",
            "export const __wasm_split_load_workspace = wrapAsyncCb(__split_workspace);",
        ] {
            assert!(js.contains(line), "{line}\nin\n{js}");
        }
        // Declared before use: the shell's module before every area that waits for it.
        let at = |s: &str| js.find(s).expect(s);
        assert!(at("const __split_app =") < at("const __split_org ="));
        assert!(at("const __split_app =") < at("const __split_workspace ="));
        // Each file fetched from one place, as the staging's renaming needs.
        for file in ["chunk_7", "split_app", "split_org", "split_workspace"] {
            assert_eq!(
                js.matches(&format!("\"./{file}.wasm\"")).count(),
                1,
                "{file}"
            );
        }
    }

    #[test]
    fn a_loader_of_another_shape_is_refused() {
        let prefetch = BTreeMap::from([("app".to_string(), vec!["split_app".to_string()])]);
        assert!(loader("export const x = 1;\n", &prefetch).is_err());
        assert!(loader("function makeLoad() {}\n", &prefetch).is_err());
    }
}
