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

/// Prints sandbox throughput and latency on two seeds, the bundle sizes, then the admin page as
/// Chromium loads it: the bytes until the sign-in form and until the workspaces table, the time
/// to each at 4x CPU, on a 10 Mbit/s, 40 ms link and a 1.6 Mbit/s, 150 ms one, and each area's
/// first opening (the same measurement as `page`).
pub fn run() -> Result<()> {
    println!("wrk: {CONNECTIONS} connections, 2 threads, {DURATION} per line, on loopback");
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
    let workspace = workspace_id(&large, "bulk")?;
    let keys = format!("/keys?workspace_id={workspace}&include_disabled=true");
    load(&large, &keys, "list keys, first page")?;
    load(
        &large,
        &format!("{keys}&offset=5000"),
        "list keys, middle page",
    )?;
    load(
        &large,
        &format!("{keys}&offset=9900"),
        "list keys, last page",
    )?;
    drop(large);

    banner("sizes");
    crate::package::size_report()?;

    banner("npm package beside @openrouter/sdk: bytes and cold start in headless Chromium");
    crate::bench_npm::run()?;

    banner("findings (readFindings in Node, as `openrouter-admin check` runs it)");
    findings("the demo organization", &[])?;
    findings(
        "1,000 workspaces and 10,000 keys",
        &["--seed-scale", "workspaces=1000,keys=10000"],
    )?;
    crate::web::size_report()?;

    banner("admin page in headless Chromium");
    crate::web::check_budget(&crate::util::root().join("dist"))?;

    banner("admin page: All keys with 10,000 keys, in headless Chromium");
    all_keys(&crate::util::root().join("dist"))?;
    Ok(())
}

/// Times `readFindings` from the built npm package against a fresh sandbox started with
/// `extra` arguments, and counts the requests it made (`xtask/bench/findings.mjs`).
fn findings(label: &str, extra: &[&str]) -> Result<()> {
    let mut args = vec!["--memory", "--seed", "demo", "--control"];
    args.extend_from_slice(extra);
    let sandbox = Sandbox::start(&args)?;
    let root = crate::util::root();
    let entry = root.join("target/npm/openrouter-admin/findings-node.js");
    let report = output(
        sandbox.pass_to(
            cmd("node")
                .arg(root.join("xtask/bench/findings.mjs"))
                .arg(&entry)
                .arg(label),
        ),
    )?;
    print!("{report}");
    Ok(())
}

/// The All keys view's time per keystroke over 10,000 keys (`web/e2e/bench-keys.mjs`), against
/// a sandbox that serves the release build in `dist`.
fn all_keys(dist: &std::path::Path) -> Result<()> {
    let dist = dist.to_string_lossy();
    let large = crate::web::large_org(&dist)?;
    crate::util::exec(
        cmd("node")
            .current_dir(crate::util::root().join("web/e2e"))
            .arg("bench-keys.mjs")
            .env("ORA_URL", &large.origin)
            .env("ORA_KEY", &large.key)
            .env("CHROMIUM", "/usr/bin/chromium"),
    )
    .context("the All keys view with 10,000 keys, measured in Chromium")
}

/// One wrk run against `path` under the API root; fails if any request errored.
fn load(sandbox: &Sandbox, path: &str, what: &str) -> Result<()> {
    // Say what one answer holds, so an empty page cannot pass for a fast one.
    let body = get(sandbox, path)?;
    let items = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["data"].as_array().map(Vec::len))
        .map_or_else(|| "one item".to_string(), |n| format!("{n} items"));
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
        "{what:<28} {requests_per_sec:>10} req/s   p50 {:>8}  p90 {:>8}  p99 {:>8}   ({items}, {} B; GET {path})",
        percentile("50%"),
        percentile("90%"),
        percentile("99%"),
        body.len(),
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

/// The id of the workspace with `slug`: `--seed-scale keys=N` puts its keys in `bulk`.
fn workspace_id(sandbox: &Sandbox, slug: &str) -> Result<String> {
    let body = get(sandbox, &format!("/workspaces/{slug}"))?;
    let json: serde_json::Value = serde_json::from_str(&body).context("workspace")?;
    let id = json["data"]["id"].as_str().context("workspace id")?;
    Ok(id.to_string())
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
