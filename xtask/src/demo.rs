//! `cargo xtask demo`: the admin page (release build) served by the sandbox with its demo
//! organization, on one port.

use crate::sandbox::{self, Sandbox};
use anyhow::{bail, Result};

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
    let dist = dist.to_string_lossy();
    let sandbox = Sandbox::start(&[
        "--addr", &addr, "--memory", "--seed", "demo", "--serve", &dist,
    ])?;
    let origin = &sandbox.origin;
    println!("\nThe admin page:  {origin}/");
    println!("API base URL:    {origin}/api/v1 (the page reads it from {origin}/config.json)");
    println!("Management key:  {}", sandbox.key);
    println!("Open the page, paste the key, sign in. Press Ctrl-C to stop.");
    sandbox.wait()
}
