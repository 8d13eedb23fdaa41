//! Small helpers shared by every command: where the repo is, and running programs loudly.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A command that runs in the workspace root, with the project's own tool folder first on PATH.
pub fn cmd(program: &str) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", tool_path());
    command
}

/// PATH with `target/tools/node_modules/.bin` first, so that our pinned wasm-opt (npm binaryen)
/// wins over Debian's binaryen, which produces modules that crash at load (toolchain.md, pitfall 1).
pub fn tool_path() -> String {
    let ours = root().join("target/tools/node_modules/.bin");
    let cargo_bin = home().join(".cargo/bin");
    let rest = std::env::var("PATH").unwrap_or_default();
    format!("{}:{}:{}", ours.display(), cargo_bin.display(), rest)
}

/// The user's home directory.
pub fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

/// Runs a command to completion, echoing it first, and fails with the command line on a non-zero exit.
pub fn exec(command: &mut Command) -> Result<()> {
    let line = describe(command);
    println!("$ {line}");
    let status = command
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed with {status}");
    }
    Ok(())
}

/// Runs a command and returns its standard output; standard error passes through.
pub fn output(command: &mut Command) -> Result<String> {
    let line = describe(command);
    let out = command
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `{line}`"))?;
    if !out.status.success() {
        bail!("`{line}` failed with {}", out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// True when `program --version` runs and prints `expected` somewhere.
pub fn has_version(program: &str, expected: &str) -> bool {
    cmd(program)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .map(|out| out.status.success() && String::from_utf8_lossy(&out.stdout).contains(expected))
        .unwrap_or(false)
}

/// True when `program` is found on the project's PATH.
pub fn on_path(program: &str) -> bool {
    tool_path()
        .split(':')
        .any(|dir| !dir.is_empty() && Path::new(dir).join(program).is_file())
}

fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Gzip size (level 9) of a byte slice: the figure the size budgets are stated in.
pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// Prints a step banner so a long CI log can be read by its headings.
pub fn banner(title: &str) {
    println!("\n==== {title} ====");
}

/// Where in `text`, at or after byte `from`, the first `start` begins and the first `end` after
/// it ends: the span of a block of generated code, found by its first and last lines.
pub fn block(text: &str, from: usize, start: &str, end: &str) -> Option<std::ops::Range<usize>> {
    let begin = from + text.get(from..)?.find(start)?;
    let finish = begin + text[begin..].find(end)? + end.len();
    Some(begin..finish)
}

/// Standard base64 with padding: what an `integrity` attribute holds, and what `atob` and
/// `Uint8Array.fromBase64` read (the inline npm entry's module).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        // RFC 4648, section 10.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }
}
