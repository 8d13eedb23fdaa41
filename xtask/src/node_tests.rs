//! The npm package's `node --test` run, with the property test's cases shared by two processes.
//!
//! The property test (`tests/node/test/property.test.mjs`) is the npm step's longest part: its
//! 100,000 generated calls keep one Node process busy for 7 to 9 minutes, while the other core
//! waits. It is split in two halves with different seeds: one runs inside the usual
//! `node --test test/` (one file at a time, on the shared sandbox), the other beside it in a
//! second process on a sandbox of its own, because the property test resets its sandbox. The
//! cases and the invariant are the same; the wall time is about halved.

use crate::sandbox::Sandbox;
use crate::util::{banner, cmd, exec};
use anyhow::{bail, Context, Result};
use std::path::Path;

/// How many property cases the step runs in all, unless `PROPERTY_RUNS` says otherwise (an
/// earlier issue asked for 100,000).
const PROPERTY_RUNS: u64 = 100_000;

/// Runs every node test file against `shared`, and the second half of the property test beside
/// them against a sandbox of its own; fails if either fails, printing the second's output.
pub fn run(shared: &Sandbox, node_dir: &Path) -> Result<()> {
    let runs = env_number("PROPERTY_RUNS")?.unwrap_or(PROPERTY_RUNS);
    let seed = env_number("PROPERTY_SEED")?.unwrap_or_else(|| now_ms() % (1 << 31));
    let (first, second) = (runs - runs / 2, runs / 2);
    // The second half: its own seed, so the halves try different cases; its output goes to a
    // file and is printed once both halves are done, so the two never interleave.
    let own = Sandbox::for_tests()?;
    let log_path = crate::util::root().join("target/property-second-half.log");
    let log = std::fs::File::create(&log_path).context("creating the property test's log")?;
    let mut beside = own
        .pass_to(cmd("node").current_dir(node_dir).args([
            "--test",
            "--test-reporter=spec",
            "test/property.test.mjs",
        ]))
        .env("PROPERTY_RUNS", second.to_string())
        .env("PROPERTY_SEED", ((seed + 1) % (1 << 31)).to_string())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("starting the property test's second half")?;

    banner("npm package: node --test against the sandbox");
    let together = exec(
        shared
            .pass_to(cmd("node").current_dir(node_dir).args([
                "--test",
                "--test-reporter=spec",
                "--test-concurrency=1",
                "test/",
            ]))
            .env("PROPERTY_RUNS", first.to_string())
            .env("PROPERTY_SEED", seed.to_string()),
    );
    let status = beside.wait()?;
    banner("npm package: the property test's second half, beside the rest");
    print!("{}", std::fs::read_to_string(&log_path)?);
    together?;
    if !status.success() {
        bail!("the property test's second half failed ({status}); its output is above");
    }
    Ok(())
}

/// `name` from the environment as a whole number, `None` when it is unset.
fn env_number(name: &str) -> Result<Option<u64>> {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .map(Some)
            .with_context(|| format!("{name}={v} is not a whole number")),
        Err(_) => Ok(None),
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}
