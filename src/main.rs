//! The command-line tool for researchers: `soviets extract [--format json|csv] FILE...`.
//!
//! Prints the facts found in each file (`-` is standard input), with quotes
//! and byte ranges, plus the conflicts and arithmetic checks across all
//! files, written out as they are produced. Files may be UTF-8 or UTF-16;
//! what cannot be decoded is a warning in the output. Errors are one line on
//! stderr and a non-zero exit code: 2 for a usage error, 1 otherwise.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = cli::run(&args) {
        eprintln!("soviets: {e}");
        std::process::exit(e.code());
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use soviets::{input, parse, report, Corpus};
    use std::fmt;
    use std::io::{self, Read, Write};

    /// Largest file `extract` reads.
    const MAX_BYTES: u64 = 64 * 1024 * 1024;

    const USAGE: &str =
        "usage: soviets extract [--format json|csv] FILE... ('-' reads standard input)";

    pub enum Error {
        Usage(String),
        Read(String, io::Error),
        TooLarge(String, Option<u64>),
        Write(io::Error),
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
                Error::Usage(m) => write!(f, "{m}; {USAGE}"),
                Error::Read(path, e) => write!(f, "cannot read {path}: {e}"),
                Error::TooLarge(path, Some(n)) => {
                    write!(f, "{path} is {n} bytes; the limit is {MAX_BYTES} bytes")
                }
                Error::TooLarge(path, None) => {
                    write!(f, "{path} is over the limit of {MAX_BYTES} bytes")
                }
                Error::Write(e) => write!(f, "cannot write the output: {e}"),
            }
        }
    }

    enum Format {
        Json,
        Csv,
    }

    fn format(value: Option<&str>) -> Result<Format, Error> {
        match value {
            Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Csv),
            Some("") | None => Err(Error::Usage("--format needs json or csv".into())),
            Some(x) => Err(Error::Usage(format!("unknown format '{x}' (json or csv)"))),
        }
    }

    /// Runs the command; everything it prints goes to stdout as produced.
    pub fn run(args: &[String]) -> Result<(), Error> {
        let mut it = args.iter();
        match it.next().map(String::as_str) {
            Some("extract") => {}
            Some("--help" | "-h" | "help") => return print(&format!("{USAGE}\n")),
            Some("--version" | "-V") => {
                return print(&format!("soviets {}\n", env!("CARGO_PKG_VERSION")))
            }
            Some(other) if other.starts_with('-') => {
                return Err(Error::Usage(format!("unknown option '{other}'")))
            }
            Some(other) => return Err(Error::Usage(format!("unknown command '{other}'"))),
            None => return Err(Error::Usage("no command given".into())),
        }
        let mut format_ = Format::Json;
        let mut files = Vec::new();
        let mut options = true;
        while let Some(a) = it.next() {
            match a.as_str() {
                _ if !options || a == "-" || !a.starts_with('-') => files.push(a.clone()),
                "--" => options = false,
                "--help" | "-h" => return print(&format!("{USAGE}\n")),
                "--format" => format_ = format(it.next().map(String::as_str))?,
                _ if a.starts_with("--format=") => format_ = format(a.get(9..))?,
                _ => return Err(Error::Usage(format!("unknown option '{a}'"))),
            }
        }
        if files.is_empty() {
            return Err(Error::Usage("no files given".into()));
        }
        let mut corpus = Corpus::default();
        for path in &files {
            let (text, _, warnings) = input::decode(read(path)?);
            let mut x = parse(&text, corpus.next_id());
            // What could not be decoded is said first.
            x.warnings.splice(0..0, warnings);
            corpus.add_parsed(path, &text, soviets::corpus::Origin::Source, x);
        }
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let written = match format_ {
            Format::Json => report::write_json(&corpus, true, &mut out),
            Format::Csv => report::write_csv(&corpus, &mut out),
        };
        match written.and_then(|()| out.flush()) {
            // A closed pipe (`| head`) is not an error worth a message.
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write(e)),
            _ => Ok(()),
        }
    }

    fn print(s: &str) -> Result<(), Error> {
        let _ = io::stdout().lock().write_all(s.as_bytes());
        Ok(())
    }

    /// The bytes of `path` (`-`: standard input), refusing more than
    /// [`MAX_BYTES`] while reading, so a pipe or device cannot pass the limit.
    fn read(path: &str) -> Result<Vec<u8>, Error> {
        let err = |e| Error::Read(path.to_string(), e);
        let mut bytes = Vec::new();
        if path == "-" {
            io::stdin()
                .lock()
                .take(MAX_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(err)?;
        } else {
            let file = std::fs::File::open(path).map_err(err)?;
            let meta = file.metadata().map_err(err)?;
            if meta.is_dir() {
                return Err(err(io::Error::other("it is a directory")));
            }
            if meta.is_file() && meta.len() > MAX_BYTES {
                return Err(Error::TooLarge(path.to_string(), Some(meta.len())));
            }
            file.take(MAX_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(err)?;
        }
        if bytes.len() as u64 > MAX_BYTES {
            return Err(Error::TooLarge(path.to_string(), None));
        }
        Ok(bytes)
    }
}
