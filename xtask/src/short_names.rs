//! Short names for the npm package's wasm imports and exports, and the glue rewritten to match.
//!
//! wasm-bindgen names every import after the JS function it wraps plus a 16-digit hash
//! (`__wbg_push_2baf45db356cf468`) and every export after its Rust path
//! (`openrouteradmin_updateWorkspace`). Each name is written twice, once in the wasm and once in
//! the glue, and the hashes do not compress: together ~3 KB of the gzip download. binaryen's
//! `--minify-imports-and-exports` pass renames them to one or two letters and prints the
//! mapping (`-and-modules` also puts every import in one module named `a`, ~1.9 KB of the
//! gzip wasm on its own); this module applies that mapping to wasm-bindgen's glue, the only
//! other place that spells the names (the package's types describe the raw exports
//! opaquely: see `package.rs`). The JS API (class, methods, free functions) keeps its names:
//! only the wasm's own interface changes, which nothing outside the package sees.
//!
//! The rewrite runs on wasm-bindgen's unminified output, whose shapes are fixed by the pinned
//! version: exports are read as `wasm.NAME`, imports are keys `NAME: function` of one object per
//! module, and `__wbg_get_imports` returns those objects as `"MODULE": importN` lines. Every
//! name must be found exactly where expected, or the build fails instead of shipping a glue
//! that cannot load its wasm.

use crate::util::{cmd, output};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::path::Path;

/// One import: the module it comes from, its name, and the short name it gets.
struct Import {
    module: String,
    name: String,
    short: String,
}

/// binaryen's mapping, as printed by the pass.
struct Mapping {
    imports: Vec<Import>,
    /// Export name → short name.
    exports: HashMap<String, String>,
}

/// Renames the wasm's imports and exports in place and rewrites the glue to match; returns the
/// exports' mapping (long name -> short), for the split loader, which reads some of them too.
///
/// `bg_module` is the module name wasm-bindgen gives its own imports (`./<stem>_bg.js`).
pub fn apply(wasm: &Path, glue: &Path, bg_module: &str) -> Result<HashMap<String, String>> {
    let printed = output(
        cmd("wasm-opt")
            .arg(wasm)
            .arg("--minify-imports-and-exports-and-modules")
            .arg("-o")
            .arg(wasm),
    )?;
    let mapping = Mapping::parse(&printed)?;
    let module = the_one_module(wasm)?;

    let text = std::fs::read_to_string(glue).context("reading the generated glue")?;
    let text = rename_exports(&text, &mapping.exports)?;
    let text = rename_imports(&text, &mapping.imports, bg_module, &module)?;
    std::fs::write(glue, text)?;
    Ok(mapping.exports)
}

/// The module every import now comes from. binaryen does not print it, so it is read back from
/// the renamed wasm's text form; more than one module would mean the pass changed its ways.
fn the_one_module(wasm: &Path) -> Result<String> {
    let text = output(cmd("wasm-dis").arg(wasm))?;
    let mut modules: Vec<&str> = text
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("(import \""))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    modules.sort_unstable();
    modules.dedup();
    match modules.as_slice() {
        [one] => Ok((*one).to_owned()),
        other => bail!("expected the renamed wasm to import from one module, not {other:?}"),
    }
}

impl Mapping {
    /// Reads `{"imports": [[module, name, short], …], "exports": [[name, short], …]}`.
    fn parse(printed: &str) -> Result<Mapping> {
        let start = printed
            .find('{')
            .context("wasm-opt printed no name mapping")?;
        let json: serde_json::Value = serde_json::from_str(&printed[start..])
            .context("wasm-opt's name mapping is not JSON")?;
        let strings = |row: &serde_json::Value| -> Result<Vec<String>> {
            row.as_array()
                .context("a mapping row is not an array")?
                .iter()
                .map(|cell| {
                    cell.as_str()
                        .map(str::to_owned)
                        .context("a mapping cell is not a string")
                })
                .collect()
        };
        let rows = |key: &str| -> Result<Vec<Vec<String>>> {
            json[key]
                .as_array()
                .with_context(|| format!("the name mapping has no `{key}` list"))?
                .iter()
                .map(strings)
                .collect()
        };
        let mut imports = Vec::new();
        for row in rows("imports")? {
            let [module, name, short] = <[String; 3]>::try_from(row)
                .map_err(|_| anyhow::anyhow!("an import row does not have 3 names"))?;
            imports.push(Import {
                module,
                name,
                short,
            });
        }
        let mut exports = HashMap::new();
        for row in rows("exports")? {
            let [name, short] = <[String; 2]>::try_from(row)
                .map_err(|_| anyhow::anyhow!("an export row does not have 2 names"))?;
            exports.insert(name, short);
        }
        Ok(Mapping { imports, exports })
    }
}

/// True for the characters of a JS identifier as wasm-bindgen writes them.
fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Calls `rename(before, identifier)` for every identifier of `text`, where `before` is the text
/// in front of it; returns the text with each identifier replaced where `rename` says so.
fn map_identifiers(text: &str, mut rename: impl FnMut(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_ident) {
        let end = rest[start..]
            .find(|c: char| !is_ident(c))
            .map_or(rest.len(), |n| start + n);
        let ident = &rest[start..end];
        let before = &text[..text.len() - rest.len() + start];
        out.push_str(&rest[..start]);
        match rename(before, ident) {
            Some(short) => out.push_str(&short),
            None => out.push_str(ident),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `wasm.NAME` → `wasm.SHORT`. Exports the glue never reads (wasm-bindgen's unwinding hooks
/// under `panic = "abort"`) are fine; a name read as a member of another object or as a string
/// fails the build, because the rewritten glue would then call an export that no longer exists.
fn rename_exports(text: &str, exports: &HashMap<String, String>) -> Result<String> {
    let renamed = map_identifiers(text, |before, ident| {
        exports
            .get(ident)
            .filter(|_| before.ends_with("wasm."))
            .cloned()
    });
    let mut left = Vec::new();
    map_identifiers(&renamed, |before, ident| {
        // Read as a member or by a string: that is an export access this rewrite missed.
        // (The same names as local JS functions or in comments are harmless.)
        let accessed = before.ends_with('.') || before.ends_with('"') || before.ends_with('\'');
        if exports.contains_key(ident) && accessed {
            left.push(ident.to_owned());
        }
        None
    });
    if !left.is_empty() {
        bail!("the glue uses these wasm exports other than as `wasm.NAME`: {left:?}");
    }
    Ok(renamed)
}

/// Renames each import where the glue defines it, a `NAME:` key of wasm-bindgen's own import
/// object, and rebuilds the object `__wbg_get_imports` returns: binaryen puts every import in one
/// module, `module`, so wasm-bindgen's object and each inline snippet's functions become its
/// keys (`{ "a": { ...import0, SHORT: import1.NAME } }`).
fn rename_imports(text: &str, imports: &[Import], bg_module: &str, module: &str) -> Result<String> {
    let own: HashMap<&str, &str> = imports
        .iter()
        .filter(|i| i.module == bg_module)
        .map(|i| (i.name.as_str(), i.short.as_str()))
        .collect();
    let mut seen = HashMap::new();
    let mut text = map_identifiers(text, |before, ident| {
        let short = own.get(ident)?;
        // Only the definition `NAME: function(…)`, never a call through another object.
        let trimmed = before.trim_end();
        if !(trimmed.ends_with('{') || trimmed.ends_with(',')) {
            return None;
        }
        *seen.entry(ident.to_owned()).or_insert(0) += 1;
        Some((*short).to_owned())
    });
    for name in own.keys() {
        if seen.get(*name) != Some(&1) {
            bail!("the glue does not define the import `{name}` exactly once");
        }
    }

    // The returned object: one `"MODULE": VARIABLE,` line per module.
    let function = text
        .find("function __wbg_get_imports()")
        .context("the glue has no __wbg_get_imports")?;
    let span = crate::util::block(&text, function, "return {", "};")
        .context("__wbg_get_imports returns no object")?;
    let mut variables = HashMap::new();
    for line in text[span.clone()].lines() {
        if let Some((key, value)) = line.trim().trim_end_matches(',').split_once("\": ") {
            variables.insert(key.trim_start_matches('"').to_owned(), value.to_owned());
        }
    }
    let variable = |module: &str| {
        variables
            .get(module)
            .with_context(|| format!("the glue passes no object for the module {module}"))
    };
    let mut fields = vec![format!("...{}", variable(bg_module)?)];
    for import in imports.iter().filter(|i| i.module != bg_module) {
        fields.push(format!(
            "{}: {}.{}",
            import.short,
            variable(&import.module)?,
            import.name
        ));
    }
    let object = format!(
        "return {{ __proto__: null, \"{module}\": {{ {} }} }};",
        fields.join(", ")
    );
    text.replace_range(span, &object);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exports() -> HashMap<String, String> {
        HashMap::from([
            ("memory".to_owned(), "a".to_owned()),
            ("isOpenRouterError".to_owned(), "b".to_owned()),
        ])
    }

    #[test]
    fn exports_are_renamed_only_where_the_glue_reads_them() {
        let glue = "export function isOpenRouterError(e) { return wasm.isOpenRouterError(e) !== 0 }\nwasm.memory.buffer";
        let renamed = rename_exports(glue, &exports()).expect("every export is read as wasm.NAME");
        assert_eq!(
            renamed,
            "export function isOpenRouterError(e) { return wasm.b(e) !== 0 }\nwasm.a.buffer"
        );
    }

    #[test]
    fn an_export_read_another_way_fails_the_build() {
        let error = rename_exports(
            "wasm.memory; instance.exports.isOpenRouterError",
            &exports(),
        )
        .expect_err("a member read through another object must fail");
        assert!(error.to_string().contains("isOpenRouterError"), "{error}");
    }

    #[test]
    fn imports_are_renamed_at_their_definition_and_snippets_are_wrapped() {
        let imports = vec![
            Import {
                module: "./x_bg.js".into(),
                name: "__wbg_push_12".into(),
                short: "c".into(),
            },
            Import {
                module: "./snippets/s/inline0.js".into(),
                name: "paginator".into(),
                short: "d".into(),
            },
        ];
        let glue = "function __wbg_get_imports() {\nconst import0 = {\n  __proto__: null,\n  __wbg_push_12: function(a, b) { return a.push(b) },\n};\nreturn {\n  __proto__: null,\n  \"./x_bg.js\": import0,\n  \"./snippets/s/inline0.js\": import1,\n};";
        let renamed =
            rename_imports(glue, &imports, "./x_bg.js", "a").expect("the glue has the known shape");
        assert!(renamed.contains("  c: function(a, b)"), "{renamed}");
        assert!(
            renamed.ends_with(
                "return { __proto__: null, \"a\": { ...import0, d: import1.paginator } };"
            ),
            "{renamed}"
        );
    }
}
