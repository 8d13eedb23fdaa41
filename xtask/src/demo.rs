//! `cargo xtask demo`: the sandbox with its demo organization, serving the admin page.

use crate::sandbox::{self, Sandbox};
use anyhow::Result;

/// Sets up, builds, and runs the sandbox with the demo organization until interrupted.
pub fn run(_args: &[String]) -> Result<()> {
    crate::setup::run()?;
    sandbox::build()?;
    let sandbox = Sandbox::start(&["--memory", "--seed", "demo"])?;
    println!("\nThe sandbox is running: {}", sandbox.origin);
    println!("API base URL:   {}", sandbox.api);
    println!("Management key: {}", sandbox.key);
    println!("Press Ctrl-C to stop.");
    sandbox.wait()
}
