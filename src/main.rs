//! The command-line tool for researchers: `soviets extract FILE... [--format json|csv]`.
//!
//! Prints the facts found in each file, with quotes and byte ranges, plus the
//! conflicts and arithmetic checks across all files. Errors are one line on
//! stderr and a non-zero exit code.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args) {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes());
        }
        Err(e) => {
            eprintln!("soviets: {e}");
            std::process::exit(e.code());
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use soviets::{report, Corpus};
    use std::fmt;

    /// Largest file `extract` reads.
    const MAX_BYTES: u64 = 64 * 1024 * 1024;

    pub enum Error {
        Usage(String),
        Read(String, std::io::Error),
        TooLarge(String, u64),
    }

    impl Error {
        pub fn code(&self) -> i32 {
            match self {
                Error::Usage(_) => 2,
                _ => 1,
            }
        }
    }

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Error::Usage(m) => {
                    write!(f, "{m}\nusage: soviets extract [--format json|csv] FILE...")
                }
                Error::Read(path, e) => write!(f, "cannot read {path}: {e}"),
                Error::TooLarge(path, n) => {
                    write!(f, "{path} is {n} bytes; the limit is {MAX_BYTES} bytes")
                }
            }
        }
    }

    enum Format {
        Json,
        Csv,
    }

    pub fn run(args: &[String]) -> Result<String, Error> {
        let mut it = args.iter();
        match it.next().map(String::as_str) {
            Some("extract") => {}
            Some("--help" | "-h" | "help") => {
                return Ok("usage: soviets extract [--format json|csv] FILE...\n".into())
            }
            Some(other) => return Err(Error::Usage(format!("unknown command '{other}'"))),
            None => return Err(Error::Usage("no command given".into())),
        }
        let mut format = Format::Json;
        let mut files = Vec::new();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--format" => {
                    format = match it.next().map(String::as_str) {
                        Some("json") => Format::Json,
                        Some("csv") => Format::Csv,
                        Some(x) => {
                            return Err(Error::Usage(format!("unknown format '{x}' (json or csv)")))
                        }
                        None => return Err(Error::Usage("--format needs json or csv".into())),
                    }
                }
                "--format=json" => format = Format::Json,
                "--format=csv" => format = Format::Csv,
                _ => files.push(a.clone()),
            }
        }
        if files.is_empty() {
            return Err(Error::Usage("no files given".into()));
        }
        let mut corpus = Corpus::default();
        for path in &files {
            let len = std::fs::metadata(path)
                .map_err(|e| Error::Read(path.clone(), e))?
                .len();
            if len > MAX_BYTES {
                return Err(Error::TooLarge(path.clone(), len));
            }
            let bytes = std::fs::read(path).map_err(|e| Error::Read(path.clone(), e))?;
            // Invalid UTF-8 is replaced, and the document warns about it.
            let text = String::from_utf8_lossy(&bytes);
            corpus.add(path, &text, false);
        }
        let report = report::report(&corpus);
        match format {
            Format::Json => Ok(report::json(&report, true)),
            Format::Csv => Ok(report::csv(&report)),
        }
    }
}
