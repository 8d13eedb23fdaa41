//! `cargo xtask <command>`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! - `setup`   installs what the project needs and skips what is there (`--dev`: Trunk too).
//! - `demo`    sets up, builds the admin page and serves it from the sandbox with the demo organization.
//! - `test`    sets up, then runs every test of the project (CI runs exactly this).
//! - `bench`   prints measured figures: sandbox throughput and latency, bundle sizes, the npm
//!   package beside the official SDK (`bench npm`: that part alone).
//! - `package` builds the npm package into `target/npm/openrouter-admin/`.
//! - `page`    builds the admin page (release) into `dist/`, without Trunk (`page_build.rs`).

mod bench;
mod bench_npm;
mod demo;
mod e2e;
mod fuzz;
mod loader;
mod node_tests;
mod npm_entries;
mod npm_files;
mod npm_inline;
mod npm_layout;
mod npm_size;
mod npm_split;
mod package;
mod page_build;
mod pins;
mod sandbox;
mod setup;
mod short_names;
mod test;
mod util;
mod wasm_fold;
mod wasm_split;
mod web;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("help");
    let rest = args.get(1..).unwrap_or_default();
    let result = match command {
        "setup" => setup::command(rest),
        "demo" => demo::run(rest),
        "test" => test::run(rest),
        "bench" if rest.first().is_some_and(|a| a == "npm") => bench_npm::run(),
        "bench" => bench::run(),
        "package" => setup::run().and_then(|()| package::build().map(|_| ())),
        "page" => setup::run().and_then(|()| web::build_release().map(|_| ())),
        "help" | "--help" | "-h" => {
            print_help();
            Ok(())
        }
        other => Err(anyhow::anyhow!(
            "unknown command `{other}`; try `cargo xtask help`"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask {command}: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_help() {
    println!(
        "cargo xtask <command>\n\n\
         setup     install the toolchain and test tools (skips what is present);\n\
         \x20         --dev adds Trunk, for `trunk serve` while developing the page\n\
         demo      build the admin page and serve it with the sandbox's demo organization\n\
         \x20         (--addr HOST:PORT, default 127.0.0.1:8787)\n\
         test      set up, then run every test (what CI runs); --skip STEP[,STEP] to leave some out\n\
         bench     print sandbox throughput/latency, bundle sizes, the npm package beside the SDK\n\
         \x20         (bench npm: the npm part alone)\n\
         package   build the npm package into target/npm/openrouter-admin/ (fails over its size budget)\n\
         page      build the admin page (release) into dist/ (fails over its size budget)"
    );
}
