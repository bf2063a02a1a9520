//! `cargo xtask build`: compiles the library to wasm, generates the
//! JavaScript glue with wasm-bindgen (as a library, pinned to the exact
//! version in `Cargo.lock`), and prints the size table of what `www/`
//! ships. Size comes from the `wasm` profile (`opt-level = "z"`, LTO, one
//! codegen unit, `panic = "abort"`, no debug info). binaryen's `wasm-opt`
//! is not used: Debian's (108) made the page's module larger gzipped and
//! broke the worker's externref table.

use crate::size::{self, SizeReport};
use crate::tools::{self, cargo, root};
use crate::Result;
use std::path::{Path, PathBuf};

/// The `wasm-bindgen-cli-support` version this crate is built with. Keep in
/// step with `xtask/Cargo.toml`; a unit test checks it against `Cargo.lock`,
/// and the build refuses to run if the library's `wasm-bindgen` differs
/// (the glue and the module must come from the same version).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Builds `www/pkg/` and prints the size table with both budgets' verdict.
///
/// Being over a budget is reported loudly but is not an error: the site
/// is built and works, and the budget is tracked as open work (see the
/// README's figures) rather than blocking every other check.
pub fn build() -> Result<SizeReport> {
    let report = build_bundle()?;
    if !report.first_chart_within_budget() {
        println!(
            "warning: the page is OVER its budget before the first chart: {} gzipped, budget {}",
            size::kb(report.first_chart_gzipped()),
            size::kb(size::FIRST_CHART_BUDGET_BYTES)
        );
    }
    if !report.interactive_within_budget() {
        println!(
            "warning: the page is OVER its budget until interactive: {} gzipped, budget {}",
            size::kb(report.first_load_gzipped()),
            size::kb(size::BUDGET_BYTES)
        );
    }
    Ok(report)
}

/// Builds `www/pkg/` and prints the size table, whatever the size.
pub fn build_bundle() -> Result<SizeReport> {
    ensure_wasm_target()?;
    check_bindgen_version()?;
    // The first chart, drawn now by the same chart code, into the page.
    for name in crate::prerender::update(&www())? {
        println!("pre-rendered the faction chart: rewrote www/{name}");
    }

    // The page's module, then the parsing worker's (its own target
    // directory, so switching features does not rebuild either).
    let target = tools::target_dir()?;
    let worker_target = target.join("worker");
    let modules = [
        (target.as_path(), None, "pkg"),
        (worker_target.as_path(), Some("worker"), "pkg/worker"),
    ];
    for (dir, features, out) in modules {
        let dir_arg = dir.to_string_lossy();
        let mut args = vec![
            "build",
            "--lib",
            "--target",
            WASM_TARGET,
            "--profile",
            "wasm",
        ];
        args.extend(["--target-dir", &dir_arg]);
        if let Some(f) = features {
            args.extend(["--features", f]);
        }
        tools::run(cargo(), &args)?;
        let input = dir.join(WASM_TARGET).join("wasm").join("soviets.wasm");
        let pkg = www().join(out);
        bindgen(&input, &pkg)?;
    }

    copy_seeds(&www().join("pkg/seeds"))?;

    let report = SizeReport::measure(&www())?;
    println!("\n{}", report.table());
    Ok(report)
}

/// Copies the seed texts into `dir`, where the page fetches a seed's whole
/// text when the source panel first shows it (the page's module holds only
/// their quotes).
fn copy_seeds(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for name in soviets::seeds::NAMES {
        std::fs::copy(root().join("seeds").join(name), dir.join(name))?;
    }
    Ok(())
}

/// The served directory.
pub fn www() -> PathBuf {
    root().join("www")
}

/// Adds the wasm target to the pinned toolchain if it is not installed.
pub fn ensure_wasm_target() -> Result<()> {
    let out = match tools::command("rustup", &["target", "list", "--installed"]).output() {
        Ok(out) if out.status.success() => out,
        // No rustup: leave it to cargo to say the target is missing.
        _ => return Ok(()),
    };
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        return Ok(());
    }
    println!("adding the {WASM_TARGET} target to the pinned toolchain");
    tools::run("rustup", &["target", "add", WASM_TARGET])
}

/// Fails with one line if `Cargo.lock`'s `wasm-bindgen` is not the version
/// of the bindgen library compiled into this tool.
fn check_bindgen_version() -> Result<()> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("could not read Cargo.lock: {e}"))?;
    let versions = locked_versions(&lock, "wasm-bindgen");
    match versions.as_slice() {
        [v] if v == WASM_BINDGEN_VERSION => Ok(()),
        [] => Err("Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile`".into()),
        _ => Err(format!(
            "wasm-bindgen in Cargo.lock is {} but xtask's wasm-bindgen-cli-support is \
             {WASM_BINDGEN_VERSION}: pin both to the same version (Cargo.toml, \
             xtask/Cargo.toml and WASM_BINDGEN_VERSION in xtask/src/build.rs)",
            versions.join(", ")
        )
        .into()),
    }
}

/// Every version of package `name` in a `Cargo.lock`.
pub fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        if field("name").as_deref() == Some(name) {
            if let Some(v) = field("version") {
                out.push(v);
            }
        }
    }
    out
}

/// Generates the `web`-target glue into `out` (emptied first), with short
/// import names and no comments ([`crate::glue`]).
fn bindgen(input: &Path, out: &Path) -> Result<()> {
    if !input.is_file() {
        return Err(format!("{} was not built", input.display()).into());
    }
    if out.exists() {
        std::fs::remove_dir_all(out)
            .map_err(|e| format!("could not clear {}: {e}", out.display()))?;
    }
    println!(
        "wasm-bindgen {WASM_BINDGEN_VERSION}: {} -> {}",
        input.display(),
        out.display()
    );
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?
        .typescript(false)
        // Names and producers only matter to debuggers and to `twiggy`:
        // `KEEP_NAMES=1 cargo xtask build` keeps the names for the latter
        // (the size table then measures a larger module).
        .remove_name_section(std::env::var_os("KEEP_NAMES").is_none())
        .remove_producers_section(true)
        .out_name("soviets")
        .generate(out)
        .map_err(|e| format!("wasm-bindgen failed: {e:#}"))?;
    let (wasm_path, js_path) = (out.join("soviets_bg.wasm"), out.join("soviets.js"));
    let read_err = |p: &Path, e: std::io::Error| format!("could not read {}: {e}", p.display());
    let wasm = std::fs::read(&wasm_path).map_err(|e| read_err(&wasm_path, e))?;
    let js = std::fs::read_to_string(&js_path).map_err(|e| read_err(&js_path, e))?;
    let (wasm, js) = crate::glue::shorten(&wasm, &js)
        .map_err(|e| format!("shortening the imports of {}: {e}", out.display()))?;
    std::fs::write(&wasm_path, wasm)
        .and_then(|()| std::fs::write(&js_path, crate::glue::trim(&js)))
        .map_err(|e| format!("could not write {}: {e}", out.display()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"

[[package]]
name = "syn"
version = "1.0.109"

[[package]]
name = "syn"
version = "2.0.100"
"#;

    #[test]
    fn reads_versions_from_a_lock_file() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(locked_versions(LOCK, "syn"), ["1.0.109", "2.0.100"]);
        assert!(locked_versions(LOCK, "wasm").is_empty());
    }

    #[test]
    fn const_matches_the_workspace_lock() {
        let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
        assert_eq!(
            locked_versions(&lock, "wasm-bindgen-cli-support"),
            [WASM_BINDGEN_VERSION],
            "WASM_BINDGEN_VERSION is out of step with xtask/Cargo.toml"
        );
        assert_eq!(
            locked_versions(&lock, "wasm-bindgen"),
            [WASM_BINDGEN_VERSION],
            "the library's wasm-bindgen is out of step with xtask's bindgen"
        );
        check_bindgen_version().unwrap();
    }
}
