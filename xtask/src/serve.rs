//! A small static file server for `www/`, std only: HTTP/1.1, one thread
//! per connection, `GET` and `HEAD`, the page's Content-Security-Policy on
//! every response, and nothing outside the served directory.
//!
//! Used by `cargo xtask serve` and, on port 0, by the browser tests and
//! benchmarks.

use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The policy the page must live with: no inline script or style, no
/// `eval`, only same-origin resources; wasm compilation is allowed.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// `cargo xtask serve`: builds, then serves `www/` until interrupted.
/// Being over the size budget is only a warning here.
pub fn build_and_serve(port: u16) -> Result<()> {
    crate::build::build()?;
    let server = Server::start(&crate::build::www(), port)?;
    println!(
        "serving {} on {}",
        crate::build::www().display(),
        server.url()
    );
    println!("press Ctrl-C to stop");
    server.wait();
    Ok(())
}

/// A running server. It serves until the process ends.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    thread: std::thread::JoinHandle<()>,
}

impl Server {
    /// Binds 127.0.0.1:`port` (0 picks a free port) and serves `root` from
    /// a background thread.
    pub fn start(root: &Path, port: u16) -> Result<Server> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("cannot serve {}: {e}", root.display()))?;
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr()?;
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                std::thread::spawn(move || {
                    let _ = handle(stream, &root);
                });
            }
        });
        Ok(Server { addr, thread })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr())
    }

    /// Blocks for as long as the server runs.
    pub fn wait(self) {
        let _ = self.thread.join();
    }
}

/// Serves requests on one connection until the client closes it or asks
/// to close (keep-alive otherwise, as HTTP/1.1 expects).
fn handle(stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut close = false;
        let mut gzip = false;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 {
                return Ok(());
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((k, v)) = header.split_once(':') {
                if k.eq_ignore_ascii_case("connection") && v.trim().eq_ignore_ascii_case("close") {
                    close = true;
                }
                // Sent as a static host would, so the bytes on the wire
                // are the gzipped sizes of the size table.
                if k.eq_ignore_ascii_case("accept-encoding") && v.contains("gzip") {
                    gzip = true;
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target, version) = (parts.next(), parts.next(), parts.next());
        if version == Some("HTTP/1.0") {
            close = true;
        }
        let mut response = match (method, target) {
            (Some(m @ ("GET" | "HEAD")), Some(target)) => {
                let mut r = respond(root, target);
                if m == "HEAD" {
                    r.head_only = true;
                }
                r
            }
            (Some(_), Some(_)) => Response::text(405, "Method Not Allowed", "only GET and HEAD"),
            _ => {
                close = true;
                Response::text(400, "Bad Request", "bad request line")
            }
        };
        if gzip && response.status == 200 {
            response.gzip()?;
        }
        response.write(&mut out, close)?;
        if close {
            return Ok(());
        }
    }
}

/// A response ready to write.
#[derive(Debug)]
struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    head_only: bool,
    /// The body is gzipped.
    gzipped: bool,
}

impl Response {
    fn text(status: u16, reason: &'static str, body: &str) -> Response {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {reason}: {body}\n").into_bytes(),
            head_only: false,
            gzipped: false,
        }
    }

    /// Compresses the body, at the level the size table measures. Each
    /// distinct body is compressed once, so a benchmark's loads are not
    /// slowed by the compression.
    fn gzip(&mut self) -> std::io::Result<()> {
        static CACHE: Mutex<Vec<(Vec<u8>, Vec<u8>)>> = Mutex::new(Vec::new());
        let cached = CACHE.lock().ok().and_then(|c| {
            c.iter()
                .find(|(raw, _)| *raw == self.body)
                .map(|(_, gz)| gz.clone())
        });
        let gz = match cached {
            Some(gz) => gz,
            None => {
                let mut enc =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                enc.write_all(&self.body)?;
                let gz = enc.finish()?;
                if let Ok(mut c) = CACHE.lock() {
                    c.push((self.body.clone(), gz.clone()));
                }
                gz
            }
        };
        self.body = gz;
        self.gzipped = true;
        Ok(())
    }

    fn write(&self, out: &mut impl Write, close: bool) -> std::io::Result<()> {
        let head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Content-Security-Policy: {CSP}\r\nCache-Control: no-cache\r\n\
             X-Content-Type-Options: nosniff\r\nConnection: {}\r\n{}\r\n",
            self.status,
            self.reason,
            self.content_type,
            self.body.len(),
            if close { "close" } else { "keep-alive" },
            if self.gzipped {
                "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
            } else {
                ""
            },
        );
        out.write_all(head.as_bytes())?;
        if !self.head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// The response for a request target.
fn respond(root: &Path, target: &str) -> Response {
    let Some(rel) = sanitise(target) else {
        return Response::text(400, "Bad Request", "path not allowed");
    };
    let mut path = root.join(&rel);
    if path.is_dir() {
        path = path.join("index.html");
    }
    // Symlinks must not lead out of the served directory either.
    let inside = path
        .canonicalize()
        .map(|p| p.starts_with(root))
        .unwrap_or(false);
    match std::fs::read(&path) {
        Ok(body) if inside => Response {
            status: 200,
            reason: "OK",
            content_type: mime(&path),
            body,
            head_only: false,
            gzipped: false,
        },
        _ => Response::text(404, "Not Found", target),
    }
}

/// The relative file path a request target names, or `None` if it could
/// leave the served directory or is malformed. Query and fragment are
/// dropped, `%XX` escapes decoded; `..`, backslashes, NUL and drive-like
/// segments are refused.
pub fn sanitise(target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    let mut out = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0', ':']) => return None,
            s => out.push(s),
        }
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by extension.
pub fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript",
        Some("css") => "text/css",
        Some("wasm") => "application/wasm",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("json" | "map") => "application/json",
        Some("txt" | "md" | "csv") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn mime_types() {
        let m = |p: &str| mime(Path::new(p));
        assert_eq!(m("index.html"), "text/html; charset=utf-8");
        assert_eq!(m("pkg/soviets.js"), "text/javascript");
        assert_eq!(m("style.CSS"), "text/css");
        assert_eq!(m("pkg/soviets_bg.wasm"), "application/wasm");
        assert_eq!(m("a.png"), "image/png");
        assert_eq!(m("a.svg"), "image/svg+xml");
        assert_eq!(m("a.json"), "application/json");
        assert_eq!(m("a.txt"), "text/plain; charset=utf-8");
        assert_eq!(m("Makefile"), "application/octet-stream");
    }

    #[test]
    fn sanitise_accepts_plain_paths() {
        assert_eq!(sanitise("/").unwrap(), PathBuf::new());
        assert_eq!(
            sanitise("/pkg/soviets.js").unwrap(),
            PathBuf::from("pkg/soviets.js")
        );
        assert_eq!(sanitise("/a//b/./c?x=1#f").unwrap(), PathBuf::from("a/b/c"));
        assert_eq!(sanitise("/a%20b.txt").unwrap(), PathBuf::from("a b.txt"));
    }

    #[test]
    fn sanitise_refuses_traversal() {
        for bad in [
            "/..",
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a%5c..%5cb",
            "/a\\b",
            "/a%00b",
            "/c:/windows",
            "/%zz",
            "/%e2",
            "relative",
            "http://example.com/",
        ] {
            assert_eq!(sanitise(bad), None, "{bad}");
        }
    }

    /// One request on its own connection; returns the raw response.
    fn get(addr: SocketAddr, raw: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn gzips_for_clients_that_accept_it() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-gz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let page = "<p>hi</p>".repeat(100);
        std::fs::write(dir.join("index.html"), &page).unwrap();
        let server = Server::start(&dir, 0).unwrap();
        let mut s = TcpStream::connect(server.addr()).unwrap();
        s.write_all(
            b"GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, br\r\nConnection: close\r\n\r\n",
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        assert!(head.contains("Content-Encoding: gzip\r\n"), "{head}");
        let body = &raw[split + 4..];
        assert!(head.contains(&format!("Content-Length: {}\r\n", body.len())));
        let mut text = String::new();
        flate2::read::GzDecoder::new(body)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, page);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn serves_files_with_headers_and_refuses_the_rest() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("www/pkg")).unwrap();
        std::fs::write(dir.join("secret.txt"), "secret").unwrap();
        std::fs::write(dir.join("www/index.html"), "<p>hi</p>").unwrap();
        std::fs::write(dir.join("www/pkg/m.wasm"), [0u8, 97, 115, 109]).unwrap();
        let server = Server::start(&dir.join("www"), 0).unwrap();
        let addr = server.addr();

        let r = get(
            addr,
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
        assert!(r.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(r.contains(&format!("Content-Security-Policy: {CSP}\r\n")));
        assert!(r.contains("Cache-Control: no-cache\r\n"));
        assert!(r.contains("Content-Length: 9\r\n"));
        assert!(r.ends_with("\r\n\r\n<p>hi</p>"));

        let r = get(
            addr,
            "GET /pkg/m.wasm HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert!(r.contains("Content-Type: application/wasm\r\n"), "{r}");

        let r = get(
            addr,
            "HEAD /index.html HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert!(
            r.starts_with("HTTP/1.1 200 OK") && r.ends_with("\r\n\r\n"),
            "{r}"
        );

        let r = get(addr, "GET /nope.js HTTP/1.1\r\nConnection: close\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 404 Not Found\r\n"), "{r}");
        assert!(r.contains("Content-Security-Policy: "));

        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/pkg/../../secret.txt",
        ] {
            let r = get(
                addr,
                &format!("GET {bad} HTTP/1.1\r\nConnection: close\r\n\r\n"),
            );
            assert!(r.starts_with("HTTP/1.1 400 "), "{bad}: {r}");
            assert!(
                !r.contains("secret\n") && !r.ends_with("secret"),
                "{bad}: {r}"
            );
        }

        let r = get(
            addr,
            "POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        );
        assert!(r.starts_with("HTTP/1.1 405 "), "{r}");

        // Keep-alive: two requests on one connection, then the server closes
        // on the `Connection: close` of the second.
        let r = get(
            addr,
            "GET /index.html HTTP/1.1\r\n\r\nGET /index.html HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(r.matches("HTTP/1.1 200 OK").count(), 2, "{r}");

        std::fs::remove_dir_all(&dir).unwrap();
    }
}
