//! Lower-casing for search, sort and slugs.
//!
//! `str::to_lowercase` links Rust's Unicode case tables (about 12 KB of wasm data). ASCII text,
//! nearly all of it here, is lower-cased in Rust; anything else goes to the browser's
//! `String.prototype.toLowerCase`, which applies the same Unicode default case conversion
//! (final sigma included). Native builds (the unit tests) use Rust's own.

/// `s.to_lowercase()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}
