//! `cargo xtask demo`: the admin page (release build) served by the sandbox with its demo
//! organization, on one port.

use crate::sandbox;
use crate::util::{cmd, root};
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Where the demo listens unless `--addr` says otherwise.
const DEFAULT_ADDR: &str = "127.0.0.1:8787";

/// Sets up, builds the page and the sandbox, and serves both until interrupted.
pub fn run(args: &[String]) -> Result<()> {
    let addr = match args {
        [] => DEFAULT_ADDR.to_string(),
        [flag, addr] if flag == "--addr" => addr.clone(),
        _ => bail!("usage: cargo xtask demo [--addr HOST:PORT]"),
    };
    crate::setup::run()?;
    let dist = crate::web::build_for_demo()?;
    sandbox::build()?;
    // Started here rather than with `Sandbox::start`, which always binds an ephemeral port: the
    // demo listens where the user asked.
    let binary = root().join("target/sandbox/openrouter-sandbox");
    let mut child = cmd(&binary.to_string_lossy())
        .args(["--addr", &addr, "--memory", "--seed", "demo", "--serve"])
        .arg(&dist)
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    let stdout = child.stdout.take().context("sandbox stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let (mut origin, mut key) = (None, None);
    while origin.is_none() || key.is_none() {
        let Some(line) = lines.next() else {
            bail!("the sandbox exited before printing its address (is {addr} in use?)");
        };
        let line = line?;
        if let Some(v) = line.strip_prefix("sandbox: ") {
            origin = Some(v.trim().to_string());
        } else if let Some(v) = line.strip_prefix("management key: ") {
            key = Some(v.trim().to_string());
        }
    }
    std::thread::spawn(move || for _ in lines.by_ref() {});
    let origin = origin.unwrap_or_default();
    println!("\nThe admin page:  {origin}/");
    println!("API base URL:    {origin}/api/v1 (the page reads it from {origin}/config.json)");
    println!("Management key:  {}", key.unwrap_or_default());
    println!("Open the page, paste the key, sign in. Press Ctrl-C to stop.");
    let status = child.wait()?;
    bail!("the sandbox stopped: {status}")
}
