//! `cargo xtask test`: every check, in the order CI runs them, stopping at
//! the first failing step: Chromium (installed first when missing, so the
//! CDP client's own test runs on a fresh machine), native tests, clippy
//! (native and wasm), rustfmt, rustdoc with warnings as errors, the wasm
//! build with its size table and budget verdict, then the browser
//! end-to-end tests.
//! The last line is `browser: N passed, M failed`.

use crate::tools::{self, banner, cargo};
use crate::Result;

/// The cargo steps before the build: what each checks, and its arguments.
const CARGO_STEPS: &[(&str, &str)] = &[
    ("native tests", "test --workspace"),
    (
        "clippy (native)",
        "clippy --workspace --all-targets -- -D warnings",
    ),
    (
        "clippy (wasm, the page)",
        "clippy --lib --target wasm32-unknown-unknown -- -D warnings",
    ),
    (
        "clippy (wasm, the parsing worker)",
        "clippy --lib --target wasm32-unknown-unknown --features worker -- -D warnings",
    ),
    ("format", "fmt --all -- --check"),
    ("docs", "doc --workspace --no-deps"),
];

/// Runs every step.
pub fn run() -> Result<()> {
    banner("chromium, for the browser tests and the CDP client's own test");
    let chromium = tools::ensure_chromium()?;
    println!("using {}", chromium.display());
    for (what, args) in CARGO_STEPS {
        banner(&format!("{what}: cargo {args}"));
        if args.contains("wasm32-unknown-unknown") {
            crate::build::ensure_wasm_target()?;
        }
        let args: Vec<&str> = args.split_whitespace().collect();
        let mut cmd = tools::command(cargo(), &args);
        // rustdoc's warnings (broken links, bad code blocks) fail the step.
        cmd.env("RUSTDOCFLAGS", "-D warnings");
        tools::run_command(cmd)?;
    }

    browser_only()
}

/// `cargo xtask e2e`: builds (printing the size budget), then runs only the
/// browser tests.
pub fn browser_only() -> Result<()> {
    banner("wasm build and size budget: cargo xtask build");
    crate::build::build()?;
    browser_tests()
}

fn browser_tests() -> Result<()> {
    banner("browser end-to-end tests");
    let chromium = tools::ensure_chromium()?;
    println!("using {}", chromium.display());
    let outcome = crate::e2e::run(&chromium)?;
    let failed = outcome.failed.len();
    if failed > 0 {
        println!("\nfailed browser tests:");
        for (name, why) in &outcome.failed {
            let first = why.lines().next().unwrap_or("");
            println!("  {name}: {first}");
        }
    }
    if outcome.console_errors > 0 {
        println!(
            "console errors during the browser tests: {}",
            outcome.console_errors
        );
    }
    println!("\nbrowser: {} passed, {failed} failed", outcome.passed);
    if failed > 0 {
        // The summary above is the last line; exit without another message.
        std::process::exit(1);
    }
    Ok(())
}
