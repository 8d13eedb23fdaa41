//! Starting and stopping the sandbox binary for tests, benchmarks and the demo.

use crate::util::{cmd, exec, root};
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The management key the test sandboxes are started with, so test binaries can be given it
/// at compile time. A sandbox-only value: it opens nothing but a process on 127.0.0.1.
pub const TEST_MANAGEMENT_KEY: &str =
    "sk-or-v1-7e57000000000000000000000000000000000000000000000000000000000001";

/// A running sandbox process; dropping it stops the process.
pub struct Sandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`, where static files and the control surface live.
    pub origin: String,
    /// `http://127.0.0.1:PORT/api/v1`.
    pub api: String,
    /// The management key the sandbox accepts.
    pub key: String,
}

/// Builds the sandbox with the `sandbox` profile (optimised, no LTO): tests, demo and bench share it.
pub fn build() -> Result<()> {
    exec(cmd("cargo").args([
        "build",
        "--profile",
        "sandbox",
        "--quiet",
        "-p",
        "openrouter-sandbox",
    ]))
}

impl Sandbox {
    /// Starts `target/sandbox/openrouter-sandbox` with `args` (on an ephemeral loopback port
    /// unless they name an `--addr`), and waits for the lines it prints once its socket is bound.
    pub fn start(args: &[&str]) -> Result<Sandbox> {
        let binary = root().join("target/sandbox/openrouter-sandbox");
        let log_path = root().join("target/sandbox.log");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .context("opening target/sandbox.log")?;
        let mut command = cmd(&binary.to_string_lossy());
        if !args.contains(&"--addr") {
            command.args(["--addr", "127.0.0.1:0"]);
        }
        let mut child = command
            .args(args)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdout = child.stdout.take().context("sandbox stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let (mut origin, mut api, mut key) = (None, None, None);
        while origin.is_none() || api.is_none() || key.is_none() {
            let Some(line) = lines.next() else {
                let _ = child.kill();
                bail!(
                    "the sandbox exited before printing its address (is the port in use?); \
                     see target/sandbox.log"
                );
            };
            let line = line?;
            if let Some(v) = line.strip_prefix("sandbox: ") {
                origin = Some(v.trim().to_string());
            } else if let Some(v) = line.strip_prefix("api: ") {
                api = Some(v.trim().to_string());
            } else if let Some(v) = line.strip_prefix("management key: ") {
                key = Some(v.trim().to_string());
            }
        }
        // Keep draining stdout so the sandbox never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Ok(Sandbox {
            child,
            origin: origin.unwrap_or_default(),
            api: api.unwrap_or_default(),
            key: key.unwrap_or_default(),
        })
    }

    /// A fresh in-memory sandbox with the demo seed and the control surface, for tests.
    pub fn for_tests() -> Result<Sandbox> {
        Sandbox::start(&[
            "--memory",
            "--control",
            "--management-key",
            TEST_MANAGEMENT_KEY,
        ])
    }

    /// Like [`Sandbox::for_tests`] but with `--no-cors`: browsers on other origins are refused.
    pub fn without_cors() -> Result<Sandbox> {
        Sandbox::start(&[
            "--memory",
            "--control",
            "--no-cors",
            "--management-key",
            TEST_MANAGEMENT_KEY,
        ])
    }

    /// Tells a test harness where this sandbox is: `SANDBOX_URL` (origin, for the control
    /// surface), `SANDBOX_API` and `SANDBOX_MANAGEMENT_KEY`, the names every harness reads.
    pub fn pass_to<'c>(&self, command: &'c mut Command) -> &'c mut Command {
        command
            .env("SANDBOX_URL", &self.origin)
            .env("SANDBOX_API", &self.api)
            .env("SANDBOX_MANAGEMENT_KEY", &self.key)
    }

    /// Blocks until the sandbox exits (the demo runs until Ctrl-C).
    pub fn wait(mut self) -> Result<()> {
        let status = self.child.wait()?;
        bail!("the sandbox stopped: {status}")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
