//! What the page downloads: the shipped files in `www/`, each raw and
//! gzipped, against two budgets (issue 14):
//!
//! - **before the first chart**: what the browser must fetch to paint the
//!   faction chart, which is drawn at build time into `index.html`: the
//!   HTML and the stylesheet, at most 15 KB gzipped (about 0.2 × Chart.js
//!   4.5's `chart.umd.min.js` alone);
//! - **until the page is interactive**: everything of the first load (the
//!   page's module and glue too), at most 110 KB gzipped.
//!
//! 1 KB is 1000 bytes here.

use crate::Result;
use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files fetched only on use, not in the first load: names, or `dir/`
/// prefixes, with when they are fetched: the parsing worker and its
/// module, and the seeds' whole texts (the page holds their quotes).
pub const ON_USE: &[(&str, &str)] = &[
    ("worker.js", "on adding a document"),
    ("pkg/worker/", "on adding a document"),
    ("pkg/seeds/", "on opening a seed in the source panel"),
];

/// The budget in gzipped bytes until the page is interactive (the whole
/// first load).
pub const BUDGET_BYTES: u64 = 110_000;
/// The budget in gzipped bytes before the first chart is visible.
pub const FIRST_CHART_BUDGET_BYTES: u64 = 15_000;

/// One shipped file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSize {
    /// Path relative to `www/`, with `/` separators.
    pub name: String,
    pub raw: u64,
    pub gzipped: u64,
}

impl FileSize {
    /// Needed for the first paint, which holds the faction chart: the page
    /// and its stylesheets (scripts are deferred modules).
    pub fn before_first_chart(&self) -> bool {
        self.name == "index.html" || (!self.name.contains('/') && self.name.ends_with(".css"))
    }

    /// Fetched only on use (see [`ON_USE`]).
    pub fn on_use(&self) -> bool {
        self.when_used().is_some()
    }

    /// When a file fetched only on use is fetched.
    pub fn when_used(&self) -> Option<&'static str> {
        let matches = |p: &str| self.name == p || (p.ends_with('/') && self.name.starts_with(p));
        ON_USE
            .iter()
            .find(|(p, _)| matches(p))
            .map(|(_, when)| *when)
    }
}

/// The shipped files of a `www/` directory and their sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeReport {
    pub files: Vec<FileSize>,
}

impl SizeReport {
    /// Measures the shipped files under `www`.
    pub fn measure(www: &Path) -> Result<SizeReport> {
        let mut files = Vec::new();
        for path in shipped_files(www)? {
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("could not read {}: {e}", path.display()))?;
            let name = path
                .strip_prefix(www)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push(FileSize {
                name,
                raw: bytes.len() as u64,
                gzipped: gzipped_len(&bytes)?,
            });
        }
        Ok(SizeReport { files })
    }

    pub fn total_raw(&self) -> u64 {
        self.files.iter().map(|f| f.raw).sum()
    }

    pub fn total_gzipped(&self) -> u64 {
        self.files.iter().map(|f| f.gzipped).sum()
    }

    /// What the page downloads before its first chart, gzipped.
    pub fn first_load_gzipped(&self) -> u64 {
        self.files
            .iter()
            .filter(|f| !f.on_use())
            .map(|f| f.gzipped)
            .sum()
    }

    /// How many files the first load fetches.
    pub fn first_load_files(&self) -> usize {
        self.files.iter().filter(|f| !f.on_use()).count()
    }

    /// What the browser fetches before the first chart is visible, gzipped.
    pub fn first_chart_gzipped(&self) -> u64 {
        self.files
            .iter()
            .filter(|f| f.before_first_chart())
            .map(|f| f.gzipped)
            .sum()
    }

    pub fn first_chart_within_budget(&self) -> bool {
        self.first_chart_gzipped() <= FIRST_CHART_BUDGET_BYTES
    }

    pub fn interactive_within_budget(&self) -> bool {
        self.first_load_gzipped() <= BUDGET_BYTES
    }

    /// The two budget lines, each saying plainly whether it is met.
    pub fn verdict(&self) -> String {
        let line = |what: &str, used: u64, budget: u64| {
            format!(
                "budget {what}: {} gzipped of {} ({}): {}\n",
                kb(used),
                kb(budget),
                percent(used, budget),
                if used <= budget {
                    "within budget"
                } else {
                    "OVER BUDGET"
                }
            )
        };
        line(
            "before the first chart (html + css with the chart inline)",
            self.first_chart_gzipped(),
            FIRST_CHART_BUDGET_BYTES,
        ) + &line(
            "until interactive (the whole first load)",
            self.first_load_gzipped(),
            BUDGET_BYTES,
        )
    }

    /// The table, as Markdown so it can be pasted into the README.
    pub fn table(&self) -> String {
        let mut out = String::from("| file | raw | gzipped |\n| --- | ---: | ---: |\n");
        for f in &self.files {
            let when = match f.when_used() {
                Some(when) => format!(" ({when})"),
                None if f.before_first_chart() => " (before the first chart)".to_string(),
                None => String::new(),
            };
            out += &format!("| {}{when} | {} | {} |\n", f.name, kb(f.raw), kb(f.gzipped));
        }
        out += &format!(
            "| **before the first chart** | | **{}** |\n| **first load** | | **{}** |\n| everything | {} | {} |\n",
            kb(self.first_chart_gzipped()),
            kb(self.first_load_gzipped()),
            kb(self.total_raw()),
            kb(self.total_gzipped())
        );
        out.push('\n');
        out += &self.verdict();
        out
    }
}

/// The files a visitor downloads: `index.html`, top-level `*.css` and
/// `*.js`, the `*.js` and `*.wasm` under `pkg/` (snippets included) and the
/// seed texts in `pkg/seeds/`.
/// Screenshots, docs and anything else are not shipped. Sorted by name.
pub fn shipped_files(www: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in read_dir(www)? {
        let is_file = entry.is_file();
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned());
        match name.as_deref() {
            Some("index.html") if is_file => out.push(entry),
            Some(n) if is_file && (n.ends_with(".css") || n.ends_with(".js")) => out.push(entry),
            _ => {}
        }
    }
    let pkg = www.join("pkg");
    if pkg.is_dir() {
        collect_pkg(&pkg, &mut out)?;
    }
    out.sort();
    Ok(out)
}

fn collect_pkg(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in read_dir(dir)? {
        if entry.is_dir() {
            collect_pkg(&entry, out)?;
        } else if entry.extension().is_some_and(|e| e == "js" || e == "wasm")
            || entry.parent().is_some_and(|p| p.ends_with("pkg/seeds"))
        {
            out.push(entry);
        }
    }
    Ok(())
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("could not list {}: {e}", dir.display()))?;
    Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
}

/// Length of `bytes` gzipped at the best compression level.
pub fn gzipped_len(bytes: &[u8]) -> Result<u64> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?.len() as u64)
}

/// Bytes as kilobytes (1000 bytes) with one decimal: `70.0 KB`.
pub fn kb(bytes: u64) -> String {
    // Integer arithmetic, rounding half up, so the output is exact.
    let tenths = (bytes + 50) / 100;
    format!("{}.{} KB", tenths / 10, tenths % 10)
}

/// `part` as a percentage of `whole`, one decimal: `42.5%`.
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "n/a".into();
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kb_formats_with_one_decimal() {
        assert_eq!(kb(0), "0.0 KB");
        assert_eq!(kb(49), "0.0 KB");
        assert_eq!(kb(50), "0.1 KB");
        assert_eq!(kb(1234), "1.2 KB");
        assert_eq!(kb(1250), "1.3 KB");
        assert_eq!(kb(70_000), "70.0 KB");
        assert_eq!(kb(123_456), "123.5 KB");
    }

    #[test]
    fn percent_rounds() {
        assert_eq!(percent(390, 649), "60.1%");
        assert_eq!(percent(0, 10), "0.0%");
        assert_eq!(percent(10, 10), "100.0%");
        assert_eq!(percent(1, 0), "n/a");
    }

    #[test]
    fn gzip_shrinks_repetitive_input() {
        let data = vec![b'a'; 10_000];
        let n = gzipped_len(&data).unwrap();
        assert!(n > 18 && n < 200, "{n}");
        // The gzip header and trailer alone are 18 bytes.
        assert!(gzipped_len(b"").unwrap() >= 18);
    }

    #[test]
    fn only_shipped_files_are_counted() {
        let dir = std::env::temp_dir().join(format!("xtask-size-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg/snippets/x")).unwrap();
        std::fs::create_dir_all(dir.join("pkg/worker")).unwrap();
        std::fs::create_dir_all(dir.join("pkg/seeds")).unwrap();
        std::fs::create_dir_all(dir.join("screenshots")).unwrap();
        for f in [
            "index.html",
            "style.css",
            "main.js",
            "README.md",
            "screenshots/page.png",
            "screenshots/a.js",
            "pkg/soviets.js",
            "pkg/soviets_bg.wasm",
            "pkg/soviets.d.ts",
            "pkg/package.json",
            "pkg/snippets/x/inline0.js",
            "worker.js",
            "pkg/worker/soviets_bg.wasm",
            "pkg/seeds/000_a.txt",
        ] {
            std::fs::write(dir.join(f), "x".repeat(100)).unwrap();
        }
        let report = SizeReport::measure(&dir).unwrap();
        let names: Vec<&str> = report.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "index.html",
                "main.js",
                "pkg/seeds/000_a.txt",
                "pkg/snippets/x/inline0.js",
                "pkg/soviets.js",
                "pkg/soviets_bg.wasm",
                "pkg/worker/soviets_bg.wasm",
                "style.css",
                "worker.js"
            ]
        );
        assert_eq!(report.total_raw(), 900);
        assert_eq!(report.first_load_files(), 6);
        assert!(report.first_chart_within_budget() && report.interactive_within_budget());
        let table = report.table();
        assert_eq!(
            report.first_chart_gzipped(),
            2 * gzipped_len(&[b'x'; 100]).unwrap()
        );
        assert!(table.contains(
            "budget before the first chart (html + css with the chart inline): 0.1 KB gzipped of 15.0 KB"
        ));
        assert!(table.contains(
            "budget until interactive (the whole first load): 0.2 KB gzipped of 110.0 KB"
        ));
        assert!(table.contains("| index.html (before the first chart) |"));
        assert!(!table.contains("OVER BUDGET"));
        assert!(table.contains("| worker.js (on adding a document) | 0.1 KB |"));
        assert!(table
            .contains("| pkg/seeds/000_a.txt (on opening a seed in the source panel) | 0.1 KB |"));
        assert!(table.contains("| everything | 0.9 KB |"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
