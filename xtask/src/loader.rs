//! wasm-bindgen's loader cut from the package's glue: the browser entries do the fetching.
//!
//! Each browser entry starts fetching and compiling its `.wasm` when it is imported
//! (`crates/openrouter-admin-js/npm/load.js`) and hands the glue's `__wbg_init` a compiled
//! `WebAssembly.Module` (or bytes: the Node entries read them from disk). The glue's own way to
//! load (a default URL, `fetch`, `instantiateStreaming` with its MIME-type fallback and
//! warning) is then never run; cut, it is ~350 B gzip of the client's download, which pays for
//! the early fetch. The rewrite runs on wasm-bindgen's unminified output, whose shapes are fixed
//! by the pinned version; a shape not found fails the build instead of shipping a glue that
//! fetches twice.

use anyhow::{Context, Result};
use std::path::Path;

/// What `__wbg_load` becomes: instantiate what it is given (a module or bytes).
const LOAD: &str = "async function __wbg_load(module, imports) {
    const instance = await WebAssembly.instantiate(module, imports);
    return instance instanceof WebAssembly.Instance ? { instance, module } : instance;
}

";

/// Rewrites the glue at `js`: `__wbg_load` instantiates only, and `__wbg_init` neither
/// defaults to a URL nor fetches.
pub fn cut(js: &Path) -> Result<()> {
    let text = std::fs::read_to_string(js).context("reading the generated glue")?;
    let fixed = cut_text(&text).with_context(|| {
        format!(
            "{}: wasm-bindgen's loader has a shape this build does not know",
            js.display()
        )
    })?;
    std::fs::write(js, fixed)?;
    Ok(())
}

fn cut_text(text: &str) -> Option<String> {
    let mut out = text.to_owned();
    // `__wbg_load` up to the function after it, `initSync`.
    let load = crate::util::block(
        &out,
        0,
        "async function __wbg_load(module, imports) {",
        "\nfunction initSync(module)",
    )?;
    out.replace_range(
        load.start..load.end - "function initSync(module)".len(),
        LOAD,
    );
    // In `__wbg_init`: the default URL and the fetch of a string, URL or Request.
    let init = out.find("async function __wbg_init(module_or_path) {")?;
    let default = crate::util::block(
        &out,
        init,
        "    if (module_or_path === undefined) {\n        module_or_path = new URL(",
        "\n    }\n",
    )?;
    out.replace_range(default, "");
    let fetch = crate::util::block(
        &out,
        init,
        "    if (typeof module_or_path === 'string' ||",
        "\n    }\n",
    )?;
    out.replace_range(fetch, "");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glue_keeps_instantiating_and_loses_its_fetch() {
        let glue = r#"let wasm;
async function __wbg_load(module, imports) {
    if (typeof Response === 'function' && module instanceof Response) {
        return await WebAssembly.instantiateStreaming(module, imports);
    } else {
        return 1;
    }
}

function initSync(module) {
    return 2;
}

async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    if (module_or_path === undefined) {
        module_or_path = new URL('x_bg.wasm', import.meta.url);
    }
    const imports = __wbg_get_imports();

    if (typeof module_or_path === 'string' || (typeof Request === 'function' && module_or_path instanceof Request)) {
        module_or_path = fetch(module_or_path);
    }

    const { instance, module } = await __wbg_load(await module_or_path, imports);
}
"#;
        let cut = cut_text(glue).expect("the shape is known");
        assert!(!cut.contains("fetch("), "{cut}");
        assert!(!cut.contains("new URL("), "{cut}");
        assert!(!cut.contains("instantiateStreaming"), "{cut}");
        assert!(
            cut.contains("WebAssembly.instantiate(module, imports)"),
            "{cut}"
        );
        assert!(
            cut.contains("\nfunction initSync(module) {\n    return 2;"),
            "{cut}"
        );
        assert!(
            cut.contains(
                "const imports = __wbg_get_imports();\n\n\n    const { instance, module }"
            ),
            "{cut}"
        );
        assert!(cut_text("let wasm;\n").is_none(), "an unknown shape fails");
    }
}
