//! `cargo xtask bench`: prints measured figures. Nothing here asserts a speed: the figures are
//! for people to read and compare; only the size budgets (in the build steps) can fail a build.

use crate::sandbox::{self, Sandbox};
use crate::util::{banner, cmd, output};
use anyhow::{bail, Context, Result};
use std::io::{Read, Write};

/// Concurrent connections the sandbox is measured under (issue 2).
const CONNECTIONS: &str = "64";
/// How long each load run lasts.
const DURATION: &str = "10s";

/// Prints sandbox throughput and latency on two seeds, then the bundle sizes.
pub fn run() -> Result<()> {
    crate::setup::run()?;
    sandbox::build()?;

    banner("sandbox: demo seed");
    let demo = Sandbox::start(&["--memory", "--seed", "demo"])?;
    load(&demo, "/workspaces?limit=50", "list workspaces")?;
    load(&demo, "/keys", "list keys (Default workspace)")?;
    load(&demo, "/key", "current key")?;
    drop(demo);

    banner("sandbox: 10,000 keys in one workspace");
    let large = Sandbox::start(&["--memory", "--seed", "demo", "--seed-scale", "keys=10000"])?;
    let workspace = largest_workspace(&large)?;
    load(
        &large,
        &format!("/keys?workspace_id={workspace}"),
        "list keys, first page",
    )?;
    load(
        &large,
        &format!("/keys?workspace_id={workspace}&offset=9900"),
        "list keys, last page",
    )?;
    drop(large);

    banner("sizes");
    crate::package::size_report()?;
    crate::web::size_report()?;
    Ok(())
}

/// One wrk run against `path` under the API root; fails if any request errored.
fn load(sandbox: &Sandbox, path: &str, what: &str) -> Result<()> {
    let url = format!("{}{path}", sandbox.api);
    let report = output(cmd("wrk").args([
        "-t2",
        "-c",
        CONNECTIONS,
        "-d",
        DURATION,
        "--latency",
        "-H",
        &format!("Authorization: Bearer {}", sandbox.key),
        &url,
    ]))?;
    let requests_per_sec = field(&report, "Requests/sec:");
    let percentile = |p: &str| {
        report
            .lines()
            .find(|l| l.trim_start().starts_with(p))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("?")
            .to_string()
    };
    println!(
        "{what:<32} {requests_per_sec:>10} req/s   p50 {:>8}  p90 {:>8}  p99 {:>8}   ({CONNECTIONS} connections, {DURATION}, GET {path})",
        percentile("50%"),
        percentile("90%"),
        percentile("99%"),
    );
    if report.contains("Non-2xx") || report.contains("Socket errors") {
        bail!("errors under load on {path}:\n{report}");
    }
    Ok(())
}

fn field(report: &str, name: &str) -> String {
    report
        .lines()
        .find_map(|l| l.trim().strip_prefix(name))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| "?".into())
}

/// The id of the workspace with the most keys: the one `--seed-scale keys=N` filled.
fn largest_workspace(sandbox: &Sandbox) -> Result<String> {
    let body = get(sandbox, "/workspaces?limit=100")?;
    let json: serde_json::Value = serde_json::from_str(&body).context("workspaces list")?;
    let workspaces = json["data"].as_array().context("workspaces data")?;
    let mut best = (0usize, String::new());
    for workspace in workspaces {
        let id = workspace["id"].as_str().unwrap_or_default().to_string();
        let keys = get(sandbox, &format!("/keys?workspace_id={id}&offset=9900"))?;
        let count: serde_json::Value = serde_json::from_str(&keys).context("keys list")?;
        let n = count["data"].as_array().map(Vec::len).unwrap_or(0);
        if n > best.0 || best.1.is_empty() {
            best = (n, id);
        }
    }
    Ok(best.1)
}

/// A minimal HTTP/1.1 GET over loopback: xtask needs one answer, not an HTTP client crate.
fn get(sandbox: &Sandbox, path: &str) -> Result<String> {
    let authority = sandbox.origin.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(authority)?;
    let api_path = format!("{}{path}", sandbox.api.trim_start_matches(&sandbox.origin));
    write!(
        stream,
        "GET {api_path} HTTP/1.1\r\nHost: {authority}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        sandbox.key
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response.split_once("\r\n\r\n").context("HTTP response")?;
    if !head.starts_with("HTTP/1.1 200") {
        bail!("GET {path}: {}", head.lines().next().unwrap_or_default());
    }
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        return Ok(dechunk(body));
    }
    Ok(body.to_string())
}

/// Joins the chunks of a chunked HTTP body.
fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}
