//! The page's end-to-end spec files, run by two workers side by side.
//!
//! Each worker has a demo sandbox of its own (every spec file resets it in its `before` hook,
//! so two files must never share one) and takes the next file from one queue, longest first by
//! the times of the last run, so the two finish close together whatever the files hold. A file
//! runs as its own `node --test` whose output is kept and printed whole when it ends, one file's
//! block after another, never interleaved; the end names every file that failed.

use crate::sandbox::{self, Sandbox};
use crate::util::{cmd, root};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Mutex;
use std::time::Instant;

/// How many spec files run at once: one per core of the machines CI runs on (a browser and a
/// sandbox each, mostly waiting on each other and on the page's own timers).
const WORKERS: usize = 2;

/// Where each spec file's last time is kept (seconds and path, one a line): what orders the
/// queue next time.
fn times_file() -> PathBuf {
    root().join("target/web-e2e-times.txt")
}

/// The slowest files, slowest first, as measured on 2 busy cores (143, 117, 116, 103, 85 s of a
/// 568 s run), for a machine with no times file yet: they start first, so that none of them is
/// the last one left while the other worker idles.
const SLOW_FIRST: &[&str] = &[
    "specs/lost-answers.test.mjs",
    "specs/lost-creates.test.mjs",
    "specs/overview.test.mjs",
    "specs/guardrails.test.mjs",
    "specs/axe.test.mjs",
];

/// What the specs read besides their own worker's sandbox: the shared sandboxes (10,000 keys;
/// CORS off: each used by one spec file only), the built page and the screenshots folder.
pub struct Shared {
    pub env: Vec<(&'static str, String)>,
}

/// One spec file's outcome.
struct Outcome {
    spec: String,
    ok: bool,
    seconds: f64,
    tests: usize,
    failed: usize,
}

/// Runs the spec files named by `selection` (comma-separated paths under web/e2e, files or
/// folders: `ORA_SPECS`, else `specs/`) on two workers; fails naming every file that failed.
pub fn run(selection: &str, serve: &str, shared: &Shared) -> Result<()> {
    let specs = ordered(expand(selection)?);
    if specs.is_empty() {
        bail!("no spec files in {selection}");
    }
    let started = Instant::now();
    let queue = Mutex::new(specs.into_iter());
    let print = Mutex::new(());
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..=WORKERS.min(queue.lock().map(|q| q.len()).unwrap_or(1)))
            .map(|n| {
                let (queue, print) = (&queue, &print);
                scope.spawn(move || worker(n, serve, shared, queue, print))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("an e2e worker panicked"))
            .collect::<Result<Vec<_>>>()
    })?
    .into_iter()
    .flatten()
    .collect();
    remember(&outcomes);
    let tests: usize = outcomes.iter().map(|o| o.tests).sum();
    let failed_tests: usize = outcomes.iter().map(|o| o.failed).sum();
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.ok)
        .map(|o| o.spec.as_str())
        .collect();
    println!(
        "e2e: {} spec files, {tests} tests, {failed_tests} failed, in {:.0} s on {WORKERS} workers",
        outcomes.len(),
        started.elapsed().as_secs_f64()
    );
    if !failed.is_empty() {
        bail!("e2e spec files failed: {}", failed.join(", "));
    }
    Ok(())
}

/// One worker: its own demo sandbox, then spec files from the queue until it is empty.
fn worker(
    n: usize,
    serve: &str,
    shared: &Shared,
    queue: &Mutex<std::vec::IntoIter<String>>,
    print: &Mutex<()>,
) -> Result<Vec<Outcome>> {
    let demo = Sandbox::start(&[
        "--memory",
        "--control",
        "--seed",
        "demo",
        "--serve",
        serve,
        "--management-key",
        sandbox::TEST_MANAGEMENT_KEY,
    ])?;
    let mut outcomes = Vec::new();
    // The queue's lock is taken and let go inside `and_then`, not held while a file runs.
    while let Some(spec) = queue.lock().ok().and_then(|mut q| q.next()) {
        let started = Instant::now();
        let out = cmd("node")
            .current_dir(root().join("web/e2e"))
            .args(["--test", "--test-reporter=spec", &spec])
            .envs(shared.env.iter().map(|(k, v)| (*k, v.as_str())))
            .env("ORA_URL", &demo.origin)
            .env("ORA_KEY", &demo.key)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("could not start node for {spec}"))?;
        let seconds = started.elapsed().as_secs_f64();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let outcome = Outcome {
            ok: out.status.success(),
            seconds,
            tests: count(&stdout, "tests"),
            failed: count(&stdout, "fail"),
            spec,
        };
        let _printing = print.lock();
        println!("\n---- [worker {n}] {}", outcome.spec);
        print!("{stdout}");
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        println!(
            "---- [worker {n}] {}: {} in {seconds:.0} s",
            outcome.spec,
            if outcome.ok { "ok" } else { "FAILED" }
        );
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// The `ℹ <what> N` figure of node's spec reporter summary (0 if absent).
fn count(output: &str, what: &str) -> usize {
    let prefix = format!("ℹ {what} ");
    output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(&prefix)?.trim().parse().ok())
        .unwrap_or(0)
}

/// The spec files of a selection, each once, as paths under web/e2e.
fn expand(selection: &str) -> Result<Vec<String>> {
    let base = root().join("web/e2e");
    let mut specs = Vec::new();
    for item in selection
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let path = base.join(item);
        if path.is_dir() {
            let mut files: Vec<String> = std::fs::read_dir(&path)
                .with_context(|| format!("reading {}", path.display()))?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|name| name.ends_with(".test.mjs"))
                .map(|name| format!("{}/{name}", item.trim_end_matches('/')))
                .collect();
            files.sort();
            specs.extend(files);
        } else if path.is_file() {
            specs.push(item.to_string());
        } else {
            bail!("ORA_SPECS: no spec file or folder web/e2e/{item}");
        }
    }
    let mut seen = std::collections::HashSet::new();
    specs.retain(|spec| seen.insert(spec.clone()));
    Ok(specs)
}

/// Longest first: by the last run's times where known, else `SLOW_FIRST`'s files before the rest.
fn ordered(mut specs: Vec<String>) -> Vec<String> {
    let times = last_times();
    let weight = |spec: &String| -> f64 {
        times.get(spec).copied().unwrap_or_else(|| {
            match SLOW_FIRST.iter().position(|s| s == spec) {
                Some(i) => 1000.0 - i as f64,
                None => 0.0,
            }
        })
    };
    specs.sort_by(|a, b| weight(b).total_cmp(&weight(a)));
    specs
}

fn last_times() -> BTreeMap<String, f64> {
    std::fs::read_to_string(times_file())
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let (seconds, spec) = line.split_once(' ')?;
            Some((spec.to_string(), seconds.parse().ok()?))
        })
        .collect()
}

/// Keeps this run's times beside those of files it did not run.
fn remember(outcomes: &[Outcome]) {
    let mut times = last_times();
    for o in outcomes {
        times.insert(o.spec.clone(), o.seconds);
    }
    // A spec file removed or renamed since is forgotten.
    times.retain(|spec, _| root().join("web/e2e").join(spec).is_file());
    let text: String = times
        .iter()
        .map(|(spec, seconds)| format!("{seconds:.1} {spec}\n"))
        .collect();
    // Only an ordering hint: a run that cannot write it still passes.
    let _ = std::fs::write(times_file(), text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_folder_expands_to_every_spec_file_once() {
        let specs = expand("specs/,specs/theme.test.mjs").expect("specs");
        assert!(specs.len() > 20, "{specs:?}");
        assert!(specs
            .iter()
            .all(|s| s.starts_with("specs/") && s.ends_with(".test.mjs")));
        assert_eq!(
            specs
                .iter()
                .filter(|s| *s == "specs/theme.test.mjs")
                .count(),
            1
        );
        assert!(expand("specs/nope.test.mjs").is_err());
    }

    #[test]
    fn the_reporter_summary_is_counted() {
        let out = "✔ a (1ms)\nℹ tests 7\nℹ suites 0\nℹ pass 6\nℹ fail 1\n";
        assert_eq!(count(out, "tests"), 7);
        assert_eq!(count(out, "fail"), 1);
        assert_eq!(count("", "tests"), 0);
    }
}
