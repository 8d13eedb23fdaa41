//! The `openrouter-sandbox` binary: parses flags, starts the server, prints where it is.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use std::time::Duration;

use openrouter_sandbox::{serve, Config, SeedKind, SeedScale};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SeedArg {
    Demo,
    Empty,
}

/// A local, stateful stand-in for OpenRouter's management API.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8787")]
    addr: SocketAddr,
    /// SQLite database file.
    #[arg(
        long,
        default_value = "openrouter-sandbox.db",
        conflicts_with = "memory"
    )]
    db: PathBuf,
    /// Keep everything in memory instead of a file.
    #[arg(long)]
    memory: bool,
    /// The organization to start with (only for a new database).
    #[arg(long, value_enum, default_value = "demo")]
    seed: SeedArg,
    /// Bulk data: `workspaces=N,keys=N` (keys go in a workspace with slug `bulk`).
    #[arg(long, value_parser = SeedScale::parse)]
    seed_scale: Option<SeedScale>,
    /// The management key; a random `sk-or-v1-...` if not given.
    #[arg(long)]
    management_key: Option<String>,
    /// Serve this directory at `/` (SPA fallback to index.html).
    #[arg(long)]
    serve: Option<PathBuf>,
    /// Enable the `/__sandbox` control surface for tests.
    #[arg(long)]
    control: bool,
    /// Requests per second allowed per bearer key (429 beyond).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit: Option<u32>,
    /// Seconds a client may take to send a request head, or stay idle between requests.
    #[arg(long, default_value_t = openrouter_sandbox::DEFAULT_HEADER_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout: u64,
    /// Seconds a client may take to send a request body, from its head (408 beyond).
    #[arg(long, default_value_t = openrouter_sandbox::DEFAULT_BODY_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    body_timeout: u64,
    /// Most connections open at once; a new one beyond closes the oldest idle one.
    #[arg(long, default_value_t = openrouter_sandbox::DEFAULT_MAX_CONNECTIONS)]
    max_connections: usize,
    /// Turn CORS off: no preflight answers, no `Access-Control-*` headers, so browsers
    /// on other origins are refused (to test a same-origin proxy in front).
    #[arg(long)]
    no_cors: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let config = Config {
        addr: cli.addr,
        db: (!cli.memory).then_some(cli.db),
        seed: match cli.seed {
            SeedArg::Demo => SeedKind::Demo,
            SeedArg::Empty => SeedKind::Empty,
        },
        scale: cli.seed_scale.unwrap_or_default(),
        management_key: cli.management_key,
        serve_dir: cli.serve,
        control: cli.control,
        rate_limit: cli.rate_limit,
        header_timeout: Duration::from_secs(cli.header_timeout),
        body_timeout: Duration::from_secs(cli.body_timeout),
        max_connections: cli.max_connections,
        cors: !cli.no_cors,
    };
    let running = match serve(config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sandbox: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "sandbox: http://{}", running.addr);
    let _ = writeln!(out, "api: {}", running.api_url());
    let _ = writeln!(out, "management key: {}", running.management_key);
    let _ = out.flush();
    drop(out);
    tokio::select! {
        _ = running_wait(running) => {}
        _ = tokio::signal::ctrl_c() => eprintln!("sandbox: stopping"),
    }
    std::process::ExitCode::SUCCESS
}

async fn running_wait(r: openrouter_sandbox::Running) {
    r.wait().await;
}
