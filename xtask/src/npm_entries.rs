//! The entries of the package's wasm modules apart from the client's (`openrouter-admin/findings`,
//! `openrouter-admin/org`), written from one template each: the browser and bundler entry
//! (`<name>.js`), the Node entry (`<name>-node.js`) and its types (`<name>-node.d.ts`). The two
//! modules differ only in their glue's stem and the functions they export, so the entries were
//! the same code twice.

use crate::npm_layout::{FINDINGS_STEM, ORG_STEM};
use anyhow::{Context, Result};
use std::path::Path;

/// A wasm module with entries of its own.
struct Module {
    /// The entry's name: `openrouter-admin/<name>`, its files `<name>.js`, `<name>-node.js`.
    name: &'static str,
    /// wasm-bindgen's `--out-name`.
    stem: &'static str,
    /// What it is, for the browser entry's leading comment (a sentence or more).
    about: &'static str,
    /// Its functions, each with its doc comment; each takes one `options` argument.
    functions: &'static [(&'static str, &'static str)],
}

const MODULES: [Module; 2] = [
    Module {
        name: "findings",
        stem: FINDINGS_STEM,
        about: "the findings module's glue (a wasm module apart from the client's, so importing \
                the client never downloads it).",
        functions: &[("readFindings", "The organization's findings.")],
    },
    Module {
        name: "org",
        stem: ORG_STEM,
        about: "the organization as a reviewed file, `exportOrg`, `plan`, `apply`, \
                `settleDrift` (and `readFindings`), a wasm module of its own (the findings module's crate with the \
                organization file in it, more than twice its download), so neither the client \
                nor `openrouter-admin/findings` carries it.",
        functions: &[
            ("readFindings", "The organization's findings (as `openrouter-admin/findings`)."),
            (
                "exportOrg",
                "The organization as `openrouter-org.jsonc`'s text (or `options.format`), canonical.",
            ),
            ("plan", "The plan of `options.file` against the organization."),
            ("apply", "Applies `options.plan`, the approved plan of `options.file`."),
            (
                "settleDrift",
                "`options.file` with a drifted field taken into it, or no longer managed.",
            ),
        ],
    },
];

const BROWSER: &str = r#"// Browser and bundler entry of `openrouter-admin/@NAME@`: @ABOUT@
// Call `await init()` once; before that each function rejects with an `OpenRouterError` saying
// so (the glue alone would throw a TypeError about a minified name). Importing it starts fetching
// and compiling its .wasm (load.js). Node loads it on import (@NAME@-node.js). Written by
// xtask/src/npm_entries.rs.
import { fault, loader } from "./load.js";
import webInit, { initSync as webInitSync, @IMPORTS@ } from "./@STEM@.js";

export * from "./@STEM@.js";

let ready = false;
const load = loader(new URL("@STEM@_bg.wasm", import.meta.url), webInit);

/**
 * Loads the module (the .wasm next to this file, whose download started on import, unless
 * given); harmless when called again; after a failed download it tries again.
 */
export default async function init(module) {
  const out = await load(module);
  ready = true;
  return out;
}

/** Loads the module synchronously from `{ module }` (bytes or a `WebAssembly.Module`). */
export function initSync(module) {
  const out = webInitSync(module);
  ready = true;
  return out;
}

/** `call(options)` once loaded; before `init()` a rejection with an `OpenRouterError`. */
function whenReady(call, options) {
  if (!ready) {
    return Promise.reject(fault("the @NAME@ module is not loaded: call `await init()` of openrouter-admin/@NAME@ first"));
  }
  return call(options);
}
@FUNCTIONS@"#;

const NODE: &str = r#"// Node 20+ entry of `openrouter-admin/@NAME@`: the same glue and .wasm as browsers, loaded
// from disk on import (Node's fetch cannot read the file: URL the browser `init()` would
// fetch), so its functions (@CALLS@) work right after `import`. Written by xtask/src/npm_entries.rs.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import webInit, { initSync as webInitSync } from "./@STEM@.js";

export * from "./@STEM@.js";

const wasm = new URL("./@STEM@_bg.wasm", import.meta.url);

/** Loads the module synchronously; the bytes default to the package's own .wasm. */
export function initSync(module) {
  return webInitSync({ module: module ?? readFileSync(wasm) });
}

/** Loads the module; the bytes default to the package's own .wasm. */
export default async function init(module) {
  return webInit({ module_or_path: module ?? (await readFile(wasm)) });
}

initSync();
"#;

const NODE_TYPES: &str = r#"// Types of the Node 20+ entry of `openrouter-admin/@NAME@`: everything of the browser entry,
// with `init` and `initSync` that need no argument (they read the package's own .wasm).
export * from "./@STEM@.js";
import type { InitOutput, SyncInitInput } from "./@STEM@.js";

/** Loads the module synchronously; `module` defaults to the package's own .wasm bytes. */
export function initSync(module?: SyncInitInput): InitOutput;
/** Loads the module; `module` defaults to the package's own .wasm bytes. */
export default function init(module?: SyncInitInput): Promise<InitOutput>;
"#;

/// The glue's export `name` as the browser entry imports it (`loadedReadFindings`).
fn loaded(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    format!(
        "loaded{}{}",
        first.into_iter().collect::<String>(),
        chars.as_str()
    )
}

impl Module {
    fn fill(&self, template: &str) -> String {
        let imports: Vec<String> = self
            .functions
            .iter()
            .map(|(f, _)| format!("{f} as {}", loaded(f)))
            .collect();
        let functions: String = self
            .functions
            .iter()
            .map(|(f, doc)| {
                format!(
                    "\n/** {doc} */\nexport function {f}(options) {{\n  return whenReady({}, options);\n}}\n",
                    loaded(f)
                )
            })
            .collect();
        let calls: Vec<String> = self
            .functions
            .iter()
            .map(|(f, _)| format!("`{f}`"))
            .collect();
        let calls = match calls.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        template
            .replace("@NAME@", self.name)
            .replace("@STEM@", self.stem)
            .replace(
                "@ABOUT@",
                &self.about.split_whitespace().collect::<Vec<_>>().join(" "),
            )
            .replace("@IMPORTS@", &imports.join(", "))
            .replace("@FUNCTIONS@", &functions)
            .replace("@CALLS@", &calls)
    }
}

/// Writes the entries of the findings and organization file modules into `out`.
pub fn write(out: &Path) -> Result<()> {
    for module in &MODULES {
        for (file, template) in [
            (format!("{}.js", module.name), BROWSER),
            (format!("{}-node.js", module.name), NODE),
            (format!("{}-node.d.ts", module.name), NODE_TYPES),
        ] {
            std::fs::write(out.join(&file), module.fill(template))
                .with_context(|| format!("writing {file}"))?;
        }
    }
    Ok(())
}

/// The files [`write`] makes, for the check that none is also hand-written.
pub fn files() -> Vec<String> {
    MODULES
        .iter()
        .flat_map(|m| [".js", "-node.js", "-node.d.ts"].map(|end| format!("{}{end}", m.name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_imports_and_guards_every_function_of_its_module() {
        let org = MODULES[1].fill(BROWSER);
        for f in ["readFindings", "exportOrg", "plan", "apply", "settleDrift"] {
            assert!(org.contains(&format!("{f} as {}", loaded(f))), "{org}");
            assert!(
                org.contains(&format!(
                    "export function {f}(options) {{\n  return whenReady({}, options);",
                    loaded(f)
                )),
                "{org}"
            );
        }
        assert!(org.contains("from \"./openrouter_org.js\""));
        assert!(org.contains("of openrouter-admin/org first"));
        assert!(!org.contains('@'), "a placeholder left: {org}");
        let node = MODULES[0].fill(NODE);
        assert!(
            node.contains("its functions (`readFindings`) work"),
            "{node}"
        );
        assert!(node.contains("new URL(\"./openrouter_admin_findings_bg.wasm\""));
        assert!(MODULES[1]
            .fill(NODE)
            .contains("`readFindings`, `exportOrg`, `plan`, `apply` and `settleDrift`"));
    }
}
