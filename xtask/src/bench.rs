//! `cargo xtask bench`: prints measured figures.

use anyhow::Result;

/// Prints every figure the project measures.
pub fn run() -> Result<()> {
    crate::setup::run()?;
    Ok(())
}
