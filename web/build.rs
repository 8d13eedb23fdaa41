//! The split build's switch: `cargo xtask page` sets `ORA_SPLIT`, which turns the page's area
//! entry points into wasm split points (`--cfg ora_split`, src/areas.rs) and links the page's
//! binary with `--emit-relocs`, which the split needs. Here rather than in RUSTFLAGS, so that
//! only this crate is rebuilt, not every dependency. Without it (`trunk serve`, clippy, native
//! tests) the page builds unsplit.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(ora_split)");
    println!("cargo::rerun-if-env-changed=ORA_SPLIT");
    if std::env::var_os("ORA_SPLIT").is_some() {
        println!("cargo::rustc-cfg=ora_split");
        println!("cargo::rustc-link-arg-bin=openrouter-admin-web=--emit-relocs");
    }
}
