//! Small helpers shared by the tasks: where the workspace and its target
//! directory are, running a command with a clear error, finding programs on
//! `PATH`, and installing Debian's Chromium when the browser tests need it.

use crate::Result;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The workspace root (the directory holding `xtask/`).
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        manifest.parent().unwrap_or(manifest).to_path_buf()
    })
}

/// The workspace's target directory as cargo sees it (honours
/// `CARGO_TARGET_DIR` and `.cargo/config.toml`), from `cargo metadata`.
pub fn target_dir() -> Result<PathBuf> {
    static TARGET: OnceLock<PathBuf> = OnceLock::new();
    if let Some(t) = TARGET.get() {
        return Ok(t.clone());
    }
    let out = Command::new(cargo())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .map_err(|e| format!("could not run cargo metadata: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )
        .into());
    }
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let dir = meta["target_directory"]
        .as_str()
        .ok_or("cargo metadata printed no target_directory")?;
    Ok(TARGET.get_or_init(|| PathBuf::from(dir)).clone())
}

/// The cargo to call: the rustup proxy on `PATH`, so that the workspace's
/// `rust-toolchain.toml` picks the toolchain and `cargo clippy`/`cargo fmt`
/// resolve as they do for a developer.
pub fn cargo() -> &'static str {
    "cargo"
}

/// A command for `program`, run in the workspace root.
pub fn command(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root());
    c
}

/// Runs `program args...` in the workspace root with inherited output;
/// an error names the command if it fails.
pub fn run(program: &str, args: &[&str]) -> Result<()> {
    run_command(command(program, args))
}

/// Runs a prepared command with inherited output; an error names it if it
/// fails.
pub fn run_command(mut cmd: Command) -> Result<()> {
    let shown = show(&cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})").into())
    }
}

/// A command line as a person would type it.
pub fn show(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A step banner, so a long log shows where each step starts.
pub fn banner(title: &str) {
    let line = "=".repeat(72);
    println!("\n{line}\n== {title}\n{line}");
}

/// The first `name` on `PATH` that is a file.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// npm package `name` at `version`, fetched once from the npm registry
/// with `npm pack` into `target/` and unpacked; returns its `package/`
/// directory. `what` says what needs it, for the error without npm.
pub fn npm_package(name: &str, version: &str, what: &str) -> Result<PathBuf> {
    let dir = target_dir()?.join(format!("{name}-{version}"));
    let package = dir.join("package");
    if !package.is_dir() {
        let npm = which("npm").ok_or_else(|| {
            format!("{what} needs npm (Node.js) to fetch {name} from the npm registry; install Debian's `npm` package")
        })?;
        std::fs::create_dir_all(&dir)?;
        let spec = format!("{name}@{version}");
        let dest = dir.to_string_lossy().into_owned();
        run(
            &npm.to_string_lossy(),
            &["pack", &spec, "--pack-destination", &dest, "--silent"],
        )
        .map_err(|e| format!("npm pack {spec} failed: {e}"))?;
        let tarball = dir.join(format!("{name}-{version}.tgz"));
        run("tar", &["-xzf", &tarball.to_string_lossy(), "-C", &dest])
            .map_err(|e| format!("unpacking {}: {e}", tarball.display()))?;
    }
    Ok(package)
}

/// Chromium's path: `/usr/bin/chromium`, else `chromium` on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    let debian = Path::new("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian.to_path_buf());
    }
    which("chromium")
}

/// Chromium's path, installing Debian's package first when it is missing
/// and this is root on a machine with `apt-get`.
pub fn ensure_chromium() -> Result<PathBuf> {
    if let Some(p) = find_chromium() {
        return Ok(p);
    }
    const HINT: &str = "install Debian's chromium: apt-get install -y chromium";
    if !is_root() || which("apt-get").is_none() {
        return Err(HINT.into());
    }
    println!("chromium not found: installing Debian's package (apt-get update; apt-get install -y chromium)");
    apt_install(&["chromium"]).map_err(|e| format!("{e}; {HINT}"))?;
    find_chromium().ok_or_else(|| HINT.into())
}

fn apt_install(packages: &[&str]) -> Result<()> {
    static UPDATED: OnceLock<()> = OnceLock::new();
    if UPDATED.get().is_none() {
        let mut update = Command::new("apt-get");
        update.args(["update", "-q"]);
        run_command(update)?;
        let _ = UPDATED.set(());
    }
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "-q"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdin(std::process::Stdio::null());
    run_command(install)
}

fn is_root() -> bool {
    // `id -u` rather than libc, to keep the crate free of unsafe code.
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_holds_the_workspace_manifest() {
        assert!(root().join("Cargo.toml").is_file());
        assert!(root().join("xtask").is_dir());
    }

    #[test]
    fn show_joins_program_and_args() {
        let c = command("cargo", &["build", "--lib"]);
        assert_eq!(show(&c), "cargo build --lib");
    }
}
