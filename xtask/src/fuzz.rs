//! The `fuzz` step: each cargo-fuzz target of `fuzz/` over the core's decoders and body
//! validation, briefly. cargo-fuzz needs a nightly toolchain; where there is none the step
//! says so and passes, since the other steps test the same code on stable.

use crate::util::{cmd, output, root};
use anyhow::{bail, Context, Result};
use std::process::Stdio;

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

/// Runs every target for [`SECONDS_PER_TARGET`], two at a time, one line each in the log (libFuzzer prints a
/// line per new input and per doubling: thousands in a CI log); the whole output is kept in
/// `target/fuzz-logs/<target>.log` and printed whole when the target fails. A crash fails the
/// step and leaves its input in `fuzz/artifacts/<target>/`.
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
    let logs = root().join("target/fuzz-logs");
    std::fs::create_dir_all(&logs)?;
    // Built once first: the runs below then start at once, and never wait on each other's
    // cargo lock while building.
    let build = cmd("cargo")
        .current_dir(root().join("fuzz"))
        .args(["+nightly", "fuzz", "build", "-O"])
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(logs.join("build.log"))?))
        .status()
        .context("could not start cargo fuzz build")?;
    if !build.success() {
        print!("{}", std::fs::read_to_string(logs.join("build.log"))?);
        bail!("cargo fuzz build failed with {build} (its output above)");
    }
    // Each libFuzzer run keeps one core busy: two at a time fill a two-core machine.
    for pair in TARGETS.chunks(2) {
        let mut running = Vec::new();
        for target in pair {
            let path = logs.join(format!("{target}.log"));
            let log = std::fs::File::create(&path)?;
            let child = cmd("cargo")
                .current_dir(root().join("fuzz"))
                .args(["+nightly", "fuzz", "run", "-O", target, "--", &time])
                .arg("-print_final_stats=1")
                .stdout(Stdio::from(log.try_clone()?))
                .stderr(Stdio::from(log))
                .spawn()
                .with_context(|| format!("could not start cargo fuzz run {target}"))?;
            running.push((target, path, child));
        }
        for (target, path, mut child) in running {
            let status = child.wait()?;
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if !status.success() {
                print!("{text}");
                bail!(
                    "fuzz target {target} failed with {status} (its output above, and in {})",
                    path.display()
                );
            }
            println!(
                "fuzz: {target}: {} (log: {})",
                summary(&text),
                path.display()
            );
        }
    }
    Ok(())
}

/// One line of a target's run: executions, their rate, coverage and corpus, from libFuzzer's
/// final stats and last status line.
fn summary(log: &str) -> String {
    let stat = |name: &str| {
        log.lines()
            .find_map(|l| l.strip_prefix(&format!("stat::{name}:")))
            .map_or("?", str::trim)
    };
    let last = log
        .lines()
        .rev()
        .find(|l| l.starts_with('#') && l.contains("cov:"))
        .unwrap_or("");
    let after = |word: &str| {
        last.split_whitespace()
            .skip_while(|w| *w != word)
            .nth(1)
            .unwrap_or("?")
    };
    format!(
        "{} runs in {SECONDS_PER_TARGET} s ({}/s), cov {}, corpus {}, no crash",
        stat("number_of_executed_units"),
        stat("average_exec_per_sec"),
        after("cov:"),
        after("corp:"),
    )
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
    fn a_run_is_summed_up_in_one_line() {
        let log = "   Compiling x\nINFO: Seed: 1\n#2\tINITED cov: 10 ft: 11 corp: 1/1b exec/s: 0\n\
                   #4096\tpulse  cov: 40 ft: 90 corp: 12/300b lim: 43 exec/s: 2048\n\
                   #81920\tDONE   cov: 52 ft: 140 corp: 30/1Kb lim: 100 exec/s: 4096\n\
                   Done 81920 runs in 21 second(s)\nstat::number_of_executed_units: 81920\n\
                   stat::average_exec_per_sec:     4096\nstat::new_units_added: 29\n";
        assert_eq!(
            summary(log),
            format!(
                "81920 runs in {SECONDS_PER_TARGET} s (4096/s), cov 52, corpus 30/1Kb, no crash"
            )
        );
        assert!(summary("").contains("? runs"));
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
