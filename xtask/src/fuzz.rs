//! The `fuzz` step: each cargo-fuzz target of `fuzz/` over the core's decoders and body
//! validation, briefly. cargo-fuzz needs a nightly toolchain; where there is none the step
//! says so and passes, since the other steps test the same code on stable.

use crate::util::{cmd, exec, output, root};
use anyhow::Result;

/// The targets in `fuzz/Cargo.toml`, in the order they run.
pub const TARGETS: &[&str] = &["retry_after", "error_envelope", "answers", "validate"];

/// How long each target runs inside `cargo xtask test` (libFuzzer's `-max_total_time`).
const SECONDS_PER_TARGET: u32 = 20;

/// `cargo +nightly --version` when a nightly toolchain is installed, or why there is none.
/// Read from `rustup toolchain list` first: `cargo +nightly` may install a missing toolchain.
pub fn nightly() -> Result<String, String> {
    let list = output(cmd("rustup").args(["toolchain", "list"])).map_err(|e| format!("{e:#}"))?;
    if !names_nightly(&list) {
        return Err("`rustup toolchain list` names none".to_string());
    }
    output(cmd("cargo").args(["+nightly", "--version"]))
        .map(|version| version.trim().to_string())
        .map_err(|e| format!("{e:#}"))
}

/// Whether `rustup toolchain list` output names a nightly toolchain.
fn names_nightly(list: &str) -> bool {
    list.lines()
        .any(|line| line.trim_start().starts_with("nightly"))
}

/// Runs every target for [`SECONDS_PER_TARGET`]; a crash fails the step and leaves its input
/// in `fuzz/artifacts/<target>/`.
pub fn test() -> Result<()> {
    let version = match nightly() {
        Ok(version) => version,
        Err(why) => {
            println!("fuzz: skipped (no nightly toolchain: {why})");
            return Ok(());
        }
    };
    println!("fuzz: {version}, {SECONDS_PER_TARGET} s per target");
    let time = format!("-max_total_time={SECONDS_PER_TARGET}");
    for target in TARGETS {
        exec(
            cmd("cargo")
                .current_dir(root().join("fuzz"))
                .args(["+nightly", "fuzz", "run", "-O", target, "--", &time])
                .arg("-print_final_stats=1"),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nightly_is_found_only_when_listed() {
        let with =
            "stable-x86_64-unknown-linux-gnu (active, default)\nnightly-x86_64-unknown-linux-gnu\n";
        assert!(names_nightly(with));
        assert!(!names_nightly(
            "stable-x86_64-unknown-linux-gnu (active, default)\n"
        ));
        assert!(!names_nightly("no installed toolchains\n"));
    }

    #[test]
    fn every_fuzz_target_runs() {
        let manifest = std::fs::read_to_string(root().join("fuzz/Cargo.toml")).expect("manifest");
        let declared: Vec<&str> = manifest
            .split("[[bin]]")
            .skip(1)
            .filter_map(|bin| bin.lines().find_map(|l| l.strip_prefix("name = ")))
            .map(|name| name.trim_matches('"'))
            .collect();
        assert_eq!(declared, TARGETS);
    }
}
