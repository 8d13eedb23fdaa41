//! The npm package's files beside wasm-bindgen's output: the hand-written ones of
//! `crates/openrouter-admin-js/npm/` (the version stamped in), the findings and organization
//! file modules' entries (`npm_entries.rs`), the `.d.ts` made to say what a user sees (no `any`,
//! optional options, `InitOutput` as the instance's exports), and the glue without its comments
//! and minified.

use crate::npm_layout::{crate_dir, js_files, FINDINGS_STEM, ORG_STEM, SETTINGS_STEM, STEM};
use crate::util::{cmd, exec, root};
use anyhow::{bail, Context, Result};
use std::path::Path;

/// Copies the hand-written files next to wasm-bindgen's output and stamps the version in.
pub fn assemble(out: &Path) -> Result<()> {
    let npm = crate_dir().join("npm");
    let version = crate::npm_layout::version()?;
    std::fs::create_dir_all(out.join("bin"))?;
    for file in [
        "package.json",
        "README.md",
        "browser.js",
        "load.js",
        "node.js",
        "node.d.ts",
        "settings.js",
        "settings-file.js",
        "workspace-settings.js",
        "settings-node.js",
        "settings-node.d.ts",
        "findings.schema.json",
        "openrouter-org.schema.json",
        "plan.schema.json",
        "bin/openrouter-admin.js",
        "bin/org.js",
    ] {
        let text = std::fs::read_to_string(npm.join(file))
            .with_context(|| format!("reading crates/openrouter-admin-js/npm/{file}"))?;
        std::fs::write(out.join(file), text.replace("0.0.0-cargo", &version))?;
    }
    for file in crate::npm_entries::files() {
        if npm.join(&file).exists() {
            bail!("crates/openrouter-admin-js/npm/{file} is written by xtask/src/npm_entries.rs: delete it");
        }
    }
    crate::npm_entries::write(out)?;
    crate::npm_split::entry_types(out, STEM, SETTINGS_STEM)?;
    let dts = out.join(format!("{STEM}.d.ts"));
    optional_options(&dts)?;
    opaque_init_output(&dts)?;
    let settings_dts = out.join(format!("{SETTINGS_STEM}.d.ts"));
    optional_options(&settings_dts)?;
    opaque_init_output(&settings_dts)?;
    opaque_init_output(&out.join(format!("{FINDINGS_STEM}.d.ts")))?;
    opaque_init_output(&out.join(format!("{ORG_STEM}.d.ts")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let bin = out.join("bin/openrouter-admin.js");
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755))?;
    }
    // Types of the raw exports for bundlers that import the .wasm as a module: their names are
    // now one or two letters, and the package loads the .wasm through `init()`.
    let _ = std::fs::remove_file(out.join(format!("{STEM}_bg.wasm.d.ts")));
    let _ = std::fs::remove_file(out.join(format!("{FINDINGS_STEM}_bg.wasm.d.ts")));
    let _ = std::fs::remove_file(out.join(format!("{ORG_STEM}_bg.wasm.d.ts")));
    check_no_any(out)?;
    for stem in [STEM, FINDINGS_STEM, ORG_STEM] {
        let glue = out.join(format!("{stem}.js"));
        crate::loader::cut(&glue)?;
        strip_comments(&glue)?;
        minify(&glue)?;
    }
    for entry in [
        "browser.js",
        "settings.js",
        "settings-file.js",
        "workspace-settings.js",
        "findings.js",
        "org.js",
        "load.js",
        crate::npm_split::LINK,
    ] {
        minify(&out.join(entry))?;
    }
    for snippet in js_files(&out.join("snippets"))? {
        minify(&snippet)?;
    }
    crate::npm_inline::write(out, STEM, &npm, minify)?;
    // wasm-bindgen writes a .gitignore of `*` into its out-dir; npm pack would then pack nothing.
    let _ = std::fs::remove_file(out.join(".gitignore"));
    let license = root().join("LICENSE");
    if license.is_file() {
        std::fs::copy(license, out.join("LICENSE"))?;
    }
    Ok(())
}

/// Marks every method's trailing `options` parameter optional in the `.d.ts`.
///
/// The methods take their options as a plain `JsValue` (`undefined` when left out; an
/// `Option<JsValue>` would add conversion glue to every method) with `unchecked_param_type`,
/// and wasm-bindgen 0.2.129 then writes `options: CallOptions` without the `?`. Only the class's methods have a
/// parameter named `options`; the constructor's stays required (it carries `apiKey`).
fn optional_options(dts: &Path) -> Result<()> {
    let text = std::fs::read_to_string(dts).context("reading the generated .d.ts")?;
    let fixed = text
        .replace(", options: ", ", options?: ")
        .replace("(options: ", "(options?: ")
        .replace("constructor(options?: ", "constructor(options: ");
    std::fs::write(dts, fixed)?;
    Ok(())
}

/// Replaces the `InitOutput` interface, wasm-bindgen's list of the raw wasm exports (shortened
/// names, `any` parameters), with what it is to a user: the instance's exports.
fn opaque_init_output(dts: &Path) -> Result<()> {
    let text = std::fs::read_to_string(dts).context("reading the generated .d.ts")?;
    let span = crate::util::block(&text, 0, "export interface InitOutput {", "\n}\n")
        .context("the .d.ts has no InitOutput interface")?;
    let mut fixed = text;
    fixed.replace_range(span, "export type InitOutput = WebAssembly.Exports;\n");
    std::fs::write(dts, fixed)?;
    Ok(())
}

/// Fails if a `.d.ts` of the package says `any` outside a comment: the public surface is typed
/// (`unknown` where the API's JSON is open).
fn check_no_any(out: &Path) -> Result<()> {
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        if !path.to_string_lossy().ends_with(".d.ts") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with('*') || code.starts_with("/*") || code.starts_with("//") {
                continue;
            }
            let words = code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
            if words.into_iter().any(|w| w == "any") {
                bail!(
                    "{}:{}: `any` in the package's types: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
    Ok(())
}

/// Drops the comments wasm-bindgen writes into the glue (~2.1 KB gzip of the download): the
/// JSDoc it copies from the Rust docs, which the `.d.ts` beside it keeps for editors and
/// `tsc`, and its own `//` notes. Line-based, and only whole lines: wasm-bindgen writes each
/// JSDoc block on lines of its own (`/**` to `*/`) and has no multi-line strings; other
/// comments (`/* @ts-self-types */`) and code stay as they are.
fn strip_comments(js: &Path) -> Result<()> {
    let text = std::fs::read_to_string(js).context("reading the generated glue")?;
    let mut out = String::with_capacity(text.len());
    let mut in_doc = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if !in_doc && trimmed.starts_with("/**") {
            in_doc = !trimmed.ends_with("*/");
            continue;
        }
        if in_doc {
            in_doc = !trimmed.ends_with("*/");
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    std::fs::write(js, out)?;
    Ok(())
}

/// Minifies a glue module in place with esbuild (~1.7 KB gzip less to download). The budget is
/// compared with the official SDK's 40.6 KB, which is a minified bundle; a consumer's bundler
/// would minify the glue anyway. The exports keep their names, and the `.d.ts` and the README
/// stay readable.
fn minify(js: &Path) -> Result<()> {
    let wanted = crate::pins::ESBUILD_VERSION;
    if !crate::util::has_version("esbuild", wanted) {
        bail!("esbuild {wanted} is not first on PATH; run `cargo xtask setup`");
    }
    exec(
        cmd("esbuild")
            .arg(js)
            .args([
                "--minify",
                "--format=esm",
                "--target=es2020",
                "--log-level=warning",
            ])
            .arg(format!("--outfile={}", js.display()))
            .arg("--allow-overwrite"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_outside_comments_fails_the_package() {
        let dir = std::env::temp_dir().join(format!("xtask-no-any-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let dts = dir.join("x.d.ts");
        std::fs::write(
            &dts,
            "/** Adds any number of users. */\nexport function f(a: unknown): void;\n",
        )
        .expect("write");
        assert!(check_no_any(&dir).is_ok(), "`any` in prose is fine");
        std::fs::write(
            &dts,
            "export interface O {\n    readonly b: (a: any) => number;\n}\n",
        )
        .expect("write");
        let error = check_no_any(&dir).expect_err("`any` in a type fails");
        assert!(error.to_string().contains("x.d.ts:2"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn init_output_becomes_the_instance_exports() {
        let dir = std::env::temp_dir().join(format!("xtask-init-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let dts = dir.join("x.d.ts");
        let text = "export type InitInput = URL;\n\nexport interface InitOutput {\n    readonly a: WebAssembly.Memory;\n    readonly b: (a: any) => number;\n}\n\nexport type SyncInitInput = BufferSource;\n";
        std::fs::write(&dts, text).expect("write");
        opaque_init_output(&dts).expect("rewritten");
        assert_eq!(
            std::fs::read_to_string(&dts).expect("read"),
            "export type InitInput = URL;\n\nexport type InitOutput = WebAssembly.Exports;\n\nexport type SyncInitInput = BufferSource;\n"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
