//! `cargo xtask`: the project's build tooling, in Rust so it needs nothing
//! but cargo.
//!
//! - `cargo xtask build`: the wasm bundle in `www/pkg/` and its size table.
//! - `cargo xtask serve [--port N]`: build, then serve `www/` locally.
//! - `cargo xtask test`: every check CI runs, browser end-to-end tests last.
//! - `cargo xtask e2e`: only the build and the browser tests, for iterating
//!   on the page.
//! - `cargo xtask bench`: browser benchmarks, printed as a Markdown table
//!   (`cargo xtask bench hover`: only the hover comparison with Chart.js).
//!
//! Each module says what it is for; this one only parses the command line.

mod bench;
mod build;
mod cdp;
mod e2e;
mod glue;
mod prerender;
mod serve;
mod size;
mod suite;
mod tools;
mod versus;

use std::process::ExitCode;

/// Errors are reported as one line of text and a non-zero exit.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T, E = Error> = std::result::Result<T, E>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  build            build the wasm bundle into www/pkg/ and check its size budget
  serve [--port N] build, then serve www/ on http://127.0.0.1:8000 (or port N)
  test             run every check CI runs: tests, clippy, fmt, build, browser tests
  e2e              build, then run only the browser end-to-end tests
  bench            run the browser benchmarks and print a Markdown table
  bench hover      only hover the faction chart beside a Chart.js page";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") if args.len() == 1 => build::build().map(|_| ()),
        Some("serve") => parse_port(&args[1..]).and_then(serve::build_and_serve),
        Some("test") if args.len() == 1 => suite::run(),
        Some("e2e") if args.len() == 1 => suite::browser_only(),
        Some("bench") if args.len() == 1 => bench::run(),
        Some("bench") if args.len() == 2 && args[1] == "hover" => bench::hover(),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `[--port N]` → N, default 8000.
fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(8000),
        [flag, n] if flag == "--port" => n
            .parse()
            .map_err(|_| format!("--port takes a number from 0 to 65535, not {n:?}").into()),
        _ => Err(
            format!("unexpected arguments {args:?}; usage: cargo xtask serve [--port N]").into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn port_defaults_to_8000() {
        assert_eq!(parse_port(&[]).unwrap(), 8000);
    }

    #[test]
    fn port_is_parsed() {
        assert_eq!(parse_port(&strings(&["--port", "9001"])).unwrap(), 9001);
        assert!(parse_port(&strings(&["--port", "x"])).is_err());
        assert!(parse_port(&strings(&["--port"])).is_err());
        assert!(parse_port(&strings(&["9001"])).is_err());
    }
}
