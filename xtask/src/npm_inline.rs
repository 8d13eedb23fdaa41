//! The package's default browser entry `openrouter-admin` (also `openrouter-admin/inline`,
//! `crates/openrouter-admin-js/npm/inline.js`): the client's main module inside its JavaScript,
//! so that a page does not wait one more round trip to learn of the .wasm (which
//! `openrouter-admin/file` needs a `<link rel=preload>` to avoid). The module is deflate-raw
//! compressed with Zopfli (about 6% smaller than zlib's best, and what `DecompressionStream`
//! inflates natively; brotli it does not) and base64-encoded: served gzip or brotli, the text
//! comes back to about the compressed bytes.

use crate::util::gzip_len;
use anyhow::{bail, Context, Result};
use std::path::Path;

/// The entry's file name in the package.
const ENTRY: &str = "inline.js";
/// What inline.js holds in place of the module until [`write`] puts it in.
const PLACEHOLDER: &str = "__OPENROUTER_ADMIN_WASM__";
/// Zopfli's passes: more gained nothing on this module (5: 42,999 B; 15: 43,025 B; 50: 43,003 B)
/// and cost time.
const ITERATIONS: u64 = 5;

/// Writes inline.js of `npm` (the hand-written files) into `out` with `{stem}_bg.wasm` of `out`
/// (the final module) compressed and encoded inside, and client.js, the part of the client's
/// browser entry it shares with browser.js; both through `minify` (the package's).
pub fn write(
    out: &Path,
    stem: &str,
    npm: &Path,
    minify: impl Fn(&Path) -> Result<()>,
) -> Result<()> {
    let wasm = std::fs::read(out.join(format!("{stem}_bg.wasm")))
        .context("reading the client's module for inline.js")?;
    let text = std::fs::read_to_string(npm.join(ENTRY))
        .context("reading crates/openrouter-admin-js/npm/inline.js")?;
    if text.matches(PLACEHOLDER).count() != 1 {
        bail!("inline.js must hold {PLACEHOLDER} exactly once");
    }
    let encoded = crate::util::base64(&deflate_raw(&wasm)?);
    std::fs::write(out.join(ENTRY), text.replace(PLACEHOLDER, &encoded))?;
    std::fs::copy(npm.join("client.js"), out.join("client.js"))?;
    for file in [ENTRY, "client.js"] {
        minify(&out.join(file))?;
    }
    Ok(())
}

/// The default entry's gzip bytes: the `glue` it shares with browser.js (`openrouter-admin/file`),
/// whose place inline.js takes with the module inside.
pub fn entry_gzip(out: &Path, glue: usize) -> Result<usize> {
    Ok(glue - gzip_len(&std::fs::read(out.join("browser.js"))?)?
        + gzip_len(&std::fs::read(out.join(ENTRY))?)?)
}

/// `bytes` as raw deflate (no zlib or gzip header), Zopfli's best effort.
fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>> {
    let options = zopfli::Options {
        iteration_count: std::num::NonZeroU64::new(ITERATIONS).context("zopfli passes")?,
        ..zopfli::Options::default()
    };
    let mut out = Vec::new();
    zopfli::compress(options, zopfli::Format::Deflate, bytes, &mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deflate_raw_inflates_back() {
        let bytes: Vec<u8> = (0..20_000u32).map(|i| (i * i % 251) as u8).collect();
        let packed = deflate_raw(&bytes).expect("deflate");
        let mut back = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::DeflateDecoder::new(&packed[..]),
            &mut back,
        )
        .expect("inflate");
        assert_eq!(back, bytes);
        assert!(packed.len() < bytes.len());
    }
}
