//! A small, synchronous Chrome DevTools Protocol client: launches headless
//! Chromium with a fresh profile, opens one page, and drives it: navigate,
//! evaluate JavaScript, wait for a condition, mouse and keyboard input,
//! screenshots, viewport emulation, performance metrics.
//!
//! Everything the page logs as an error (console errors, uncaught
//! exceptions, error log entries such as failed loads) is collected so
//! tests can assert there was none, and a `securitypolicyviolation` counter
//! (`window.__cspViolations`, details in `window.__cspDetails`) is installed
//! before any page script runs. Every wait has a timeout. The browser is
//! killed and its profile deleted on drop.

use crate::Result;
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, ErrorKind};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// How long one protocol command may take.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// How long Chromium may take to start listening.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a navigation may take to fire `load`.
const LOAD_TIMEOUT: Duration = Duration::from_secs(30);
/// Unread protocol events kept for `wait_event`; older ones are dropped.
const MAX_QUEUED_EVENTS: usize = 2000;

/// Installed on every new document before the page's own scripts.
const CSP_COUNTER: &str = "\
window.__cspViolations = 0;
window.__cspDetails = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations += 1;
  window.__cspDetails.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
    (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : ''));
});";

/// A headless Chromium with one page attached.
pub struct Browser {
    child: Child,
    profile: PathBuf,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    events: VecDeque<Value>,
    errors: Vec<String>,
    stderr: Arc<Mutex<String>>,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser")
            .field("pid", &self.child.id())
            .field("profile", &self.profile)
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

/// Mouse buttons for [`Browser::click`].
const LEFT: &str = "left";

impl Browser {
    /// Starts `chromium` headless and attaches to a new blank page with a
    /// 1280×900 viewport at device scale factor 1.
    pub fn launch(chromium: &Path) -> Result<Browser> {
        let profile = std::env::temp_dir().join(format!(
            "xtask-chromium-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&profile)?;
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--mute-audio",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", chromium.display()))?;

        // Read stderr on a thread for the whole life of the browser: the
        // endpoint comes first, and the pipe must never fill up.
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        if let Some(pipe) = child.stderr.take() {
            let log = Arc::clone(&stderr);
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines() {
                    let Ok(line) = line else { break };
                    if let Some(url) = line.split("DevTools listening on ").nth(1) {
                        let _ = tx.send(url.trim().to_string());
                    }
                    if let Ok(mut log) = log.lock() {
                        if log.len() < 64 * 1024 {
                            log.push_str(&line);
                            log.push('\n');
                        }
                    }
                }
            });
        }
        let url = match rx.recv_timeout(LAUNCH_TIMEOUT) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let log = stderr.lock().map(|s| s.clone()).unwrap_or_default();
                let _ = std::fs::remove_dir_all(&profile);
                return Err(format!(
                    "chromium did not print its DevTools endpoint within {}s; its stderr:\n{log}",
                    LAUNCH_TIMEOUT.as_secs()
                )
                .into());
            }
        };

        let ws = match connect(&url) {
            Ok(ws) => ws,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_dir_all(&profile);
                return Err(e);
            }
        };
        let mut browser = Browser {
            child,
            profile,
            ws,
            session: String::new(),
            next_id: 0,
            events: VecDeque::new(),
            errors: Vec::new(),
            stderr,
        };
        let target = browser.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"]
            .as_str()
            .ok_or("Target.createTarget returned no targetId")?
            .to_string();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .ok_or("Target.attachToTarget returned no sessionId")?
            .to_string();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            browser.send(domain, json!({}))?;
        }
        browser.add_init_script(CSP_COUNTER)?;
        browser.set_viewport(1280, 900, 1.0)?;
        Ok(browser)
    }

    /// Sends a command to the page and returns its result.
    pub fn send(&mut self, method: &str, params: Value) -> Result<Value> {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    /// Sends a command (to the page's session, or to the browser when
    /// `session` is `None`) and waits for its result, queueing the events
    /// that arrive meanwhile.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .map_err(|e| format!("{method}: could not send to chromium: {e}"))?;
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        loop {
            let msg = self.read(deadline).map_err(|e| format!("{method}: {e}"))?;
            if msg["id"].as_u64() == Some(id) {
                if let Some(err) = msg.get("error") {
                    return Err(format!(
                        "{method} failed: {}",
                        err["message"].as_str().unwrap_or("?")
                    )
                    .into());
                }
                return Ok(msg["result"].clone());
            }
            if msg.get("method").is_some() {
                self.on_event(msg);
            }
        }
    }

    /// Reads the next protocol message, or fails at `deadline`.
    fn read(&mut self, deadline: Instant) -> Result<Value> {
        loop {
            match self.ws.read() {
                Ok(Message::Text(t)) => return Ok(serde_json::from_str(t.as_str())?),
                Ok(Message::Close(_)) => return Err(self.died("closed the connection")),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    if Instant::now() >= deadline {
                        return Err("timed out waiting for chromium".into());
                    }
                }
                Err(e) => return Err(self.died(&e.to_string())),
            }
        }
    }

    fn died(&mut self, what: &str) -> crate::Error {
        let status = self.child.try_wait().ok().flatten();
        let log = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(10).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!(
            "chromium {what}{}; last stderr lines:\n{}",
            status
                .map(|s| format!(" (exited: {s})"))
                .unwrap_or_default(),
            tail.join("\n")
        )
        .into()
    }

    /// Records errors the page reports and queues the event.
    fn on_event(&mut self, msg: Value) {
        let params = &msg["params"];
        match msg["method"].as_str().unwrap_or("") {
            "Runtime.consoleAPICalled"
                if params["type"] == "error" || params["type"] == "assert" =>
            {
                let text: Vec<String> = params["args"]
                    .as_array()
                    .map(|args| args.iter().map(remote_object_text).collect())
                    .unwrap_or_default();
                self.errors
                    .push(format!("console.error: {}", text.join(" ")));
            }
            "Runtime.exceptionThrown" => {
                let d = &params["exceptionDetails"];
                let what = d["exception"]["description"]
                    .as_str()
                    .or(d["text"].as_str())
                    .unwrap_or("exception");
                self.errors.push(format!(
                    "uncaught exception: {what} ({}:{})",
                    d["url"].as_str().unwrap_or("?"),
                    d["lineNumber"]
                ));
            }
            "Log.entryAdded" if params["entry"]["level"] == "error" => {
                let e = &params["entry"];
                self.errors.push(format!(
                    "{} error: {} {}",
                    e["source"].as_str().unwrap_or("log"),
                    e["text"].as_str().unwrap_or(""),
                    e["url"].as_str().unwrap_or("")
                ));
            }
            "Inspector.targetCrashed" => self.errors.push("the page crashed".into()),
            _ => {}
        }
        if self.events.len() >= MAX_QUEUED_EVENTS {
            self.events.pop_front();
        }
        self.events.push_back(msg);
    }

    /// Waits for an event named `method`, consuming it (and any queued
    /// before it).
    pub fn wait_event(&mut self, method: &str, timeout: Duration) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            while let Some(ev) = self.events.pop_front() {
                if ev["method"] == method {
                    return Ok(ev["params"].clone());
                }
            }
            match self.read(deadline) {
                Ok(msg) if msg.get("method").is_some() => self.on_event(msg),
                Ok(_) => {}
                Err(e) => {
                    return Err(format!("waiting {}s for {method}: {e}", timeout.as_secs()).into())
                }
            }
        }
    }

    /// Runs `source` in every new document before the page's scripts.
    pub fn add_init_script(&mut self, source: &str) -> Result<()> {
        self.send(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": source}),
        )?;
        Ok(())
    }

    /// Loads `url` and waits for its `load` event.
    pub fn navigate(&mut self, url: &str) -> Result<()> {
        self.events.clear();
        let r = self.send("Page.navigate", json!({"url": url}))?;
        if let Some(err) = r["errorText"].as_str() {
            return Err(format!("could not load {url}: {err}").into());
        }
        if r.get("loaderId").is_none() {
            // A same-document navigation (only the fragment changed).
            return Ok(());
        }
        self.wait_event("Page.loadEventFired", LOAD_TIMEOUT)
            .map_err(|e| format!("loading {url}: {e}"))?;
        Ok(())
    }

    /// Reloads the page, bypassing the cache, and waits for `load`.
    pub fn reload(&mut self) -> Result<()> {
        self.events.clear();
        self.send("Page.reload", json!({"ignoreCache": true}))?;
        self.wait_event("Page.loadEventFired", LOAD_TIMEOUT)
            .map_err(|e| format!("reloading: {e}"))?;
        Ok(())
    }

    /// Evaluates `expr` in the page, awaiting a promise, and returns the
    /// value as JSON (`null` for `undefined`). A thrown exception is an
    /// error.
    pub fn evaluate(&mut self, expr: &str) -> Result<Value> {
        let r = self.send(
            "Runtime.evaluate",
            json!({
                "expression": expr,
                "awaitPromise": true,
                "returnByValue": true,
                "userGesture": true,
            }),
        )?;
        if let Some(d) = r.get("exceptionDetails") {
            let what = d["exception"]["description"]
                .as_str()
                .or(d["text"].as_str())
                .unwrap_or("exception");
            let first = what.lines().next().unwrap_or(what);
            return Err(format!("JavaScript threw {first} in `{}`", abbreviate(expr, 120)).into());
        }
        Ok(r["result"].get("value").cloned().unwrap_or(Value::Null))
    }

    /// Polls the JavaScript predicate `pred` until it is truthy; fails after
    /// `timeout` with `what` and the last evaluation error, if any.
    pub fn wait_for(&mut self, pred: &str, timeout: Duration, what: &str) -> Result<()> {
        let deadline = Instant::now() + timeout;
        let expr = format!("!!({pred})");
        let mut last_err: Option<String>;
        loop {
            match self.evaluate(&expr) {
                Ok(Value::Bool(true)) => return Ok(()),
                Ok(_) => last_err = None,
                Err(e) => last_err = Some(e.to_string()),
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "timed out after {:.1}s waiting for {what}{}",
                    timeout.as_secs_f64(),
                    last_err
                        .map(|e| format!(" (last error: {e})"))
                        .unwrap_or_default()
                )
                .into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Moves the mouse to viewport coordinates (CSS pixels).
    pub fn mouse_move(&mut self, x: f64, y: f64) -> Result<()> {
        self.send(
            "Input.dispatchMouseEvent",
            json!({"type": "mouseMoved", "x": x, "y": y, "button": "none"}),
        )?;
        Ok(())
    }

    /// Clicks the left button at viewport coordinates (CSS pixels).
    pub fn click(&mut self, x: f64, y: f64) -> Result<()> {
        self.mouse_move(x, y)?;
        for kind in ["mousePressed", "mouseReleased"] {
            self.send(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": LEFT, "buttons": 1, "clickCount": 1}),
            )?;
        }
        Ok(())
    }

    /// Types `text` into the focused element, as an input method would.
    pub fn insert_text(&mut self, text: &str) -> Result<()> {
        self.send("Input.insertText", json!({"text": text}))?;
        Ok(())
    }

    /// Presses and releases a named key: `Enter`, `Tab`, `Escape`,
    /// `Backspace`, `ArrowUp`/`Down`/`Left`/`Right`, `Home`, `End`, `Space`
    /// or a single character.
    pub fn press_key(&mut self, key: &str) -> Result<()> {
        let (key, code, vk, text) = key_info(key)?;
        let mut down = json!({
            "type": if text.is_empty() { "rawKeyDown" } else { "keyDown" },
            "key": key, "code": code,
            "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk,
        });
        if !text.is_empty() {
            down["text"] = json!(text);
            down["unmodifiedText"] = json!(text);
        }
        self.send("Input.dispatchKeyEvent", down)?;
        self.send(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code,
                   "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}),
        )?;
        Ok(())
    }

    /// Emulates a viewport of `width`×`height` CSS pixels at `scale`
    /// device pixels per CSS pixel.
    pub fn set_viewport(&mut self, width: u32, height: u32, scale: f64) -> Result<()> {
        self.send(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": scale, "mobile": false}),
        )?;
        Ok(())
    }

    /// Saves a PNG of the viewport, or of the whole page when `full_page`.
    pub fn screenshot(&mut self, path: &Path, full_page: bool) -> Result<()> {
        let mut params = json!({"format": "png"});
        if full_page {
            let size = self.evaluate(
                "({w: Math.max(innerWidth, document.documentElement.scrollWidth), \
                  h: Math.max(innerHeight, document.documentElement.scrollHeight)})",
            )?;
            params["captureBeyondViewport"] = json!(true);
            params["clip"] = json!({
                "x": 0, "y": 0, "scale": 1,
                "width": size["w"].as_f64().unwrap_or(1280.0),
                "height": size["h"].as_f64().unwrap_or(900.0),
            });
        }
        let r = self.send("Page.captureScreenshot", params)?;
        let data = r["data"]
            .as_str()
            .ok_or("Page.captureScreenshot returned no data")?;
        let png = base64::engine::general_purpose::STANDARD.decode(data)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        Ok(())
    }

    /// `Performance.getMetrics` as (name, value) pairs. Enables the
    /// Performance domain on first use.
    pub fn metrics(&mut self) -> Result<Vec<(String, f64)>> {
        self.send("Performance.enable", json!({}))?;
        let r = self.send("Performance.getMetrics", json!({}))?;
        Ok(r["metrics"]
            .as_array()
            .map(|ms| {
                ms.iter()
                    .filter_map(|m| Some((m["name"].as_str()?.to_string(), m["value"].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The errors reported since the last call, after a round trip so that
    /// everything the page logged before now has been read.
    pub fn take_errors(&mut self) -> Result<Vec<String>> {
        self.evaluate("0")?;
        Ok(std::mem::take(&mut self.errors))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.send(Message::text(
            json!({"id": 0, "method": "Browser.close"}).to_string(),
        ));
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium's helpers may still be writing for a moment.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Opens the WebSocket to a `ws://host:port/path` DevTools endpoint.
fn connect(url: &str) -> Result<WebSocket<TcpStream>> {
    let hostport = url
        .strip_prefix("ws://")
        .and_then(|rest| rest.split('/').next())
        .ok_or_else(|| format!("unexpected DevTools endpoint {url:?}"))?;
    let stream = TcpStream::connect(hostport)
        .map_err(|e| format!("could not connect to chromium at {hostport}: {e}"))?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(COMMAND_TIMEOUT))?;
    let (ws, _) = tungstenite::client(url, stream)
        .map_err(|e| format!("WebSocket handshake with chromium failed: {e}"))?;
    // Short reads from now on, so waits can check their deadlines.
    ws.get_ref()
        .set_read_timeout(Some(Duration::from_millis(100)))?;
    Ok(ws)
}

/// A console argument as text.
fn remote_object_text(v: &Value) -> String {
    match v.get("value") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => v["description"]
            .as_str()
            .or(v["type"].as_str())
            .unwrap_or("?")
            .to_string(),
    }
}

/// `(key, code, windowsVirtualKeyCode, text)` for [`Browser::press_key`].
fn key_info(key: &str) -> Result<(String, String, u32, String)> {
    let named = |k: &str, code: &str, vk: u32, text: &str| {
        Ok((k.to_string(), code.to_string(), vk, text.to_string()))
    };
    match key {
        "Enter" => named("Enter", "Enter", 13, "\r"),
        "Tab" => named("Tab", "Tab", 9, ""),
        "Escape" => named("Escape", "Escape", 27, ""),
        "Backspace" => named("Backspace", "Backspace", 8, ""),
        "Space" | " " => named(" ", "Space", 32, " "),
        "ArrowLeft" => named("ArrowLeft", "ArrowLeft", 37, ""),
        "ArrowUp" => named("ArrowUp", "ArrowUp", 38, ""),
        "ArrowRight" => named("ArrowRight", "ArrowRight", 39, ""),
        "ArrowDown" => named("ArrowDown", "ArrowDown", 40, ""),
        "Home" => named("Home", "Home", 36, ""),
        "End" => named("End", "End", 35, ""),
        k => {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => {
                    let up = c.to_ascii_uppercase();
                    let code = if c.is_ascii_digit() {
                        format!("Digit{c}")
                    } else {
                        format!("Key{up}")
                    };
                    named(k, &code, u32::from(up), k)
                }
                _ => Err(format!("press_key does not know the key {key:?}").into()),
            }
        }
    }
}

/// At most `n` characters of `s`, with an ellipsis if cut.
pub fn abbreviate(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(
            key_info("Enter").unwrap(),
            ("Enter".into(), "Enter".into(), 13, "\r".into())
        );
        assert_eq!(
            key_info("a").unwrap(),
            ("a".into(), "KeyA".into(), 65, "a".into())
        );
        assert_eq!(key_info("7").unwrap().1, "Digit7");
        assert!(key_info("F13").is_err());
    }

    #[test]
    fn abbreviates() {
        assert_eq!(abbreviate("a  b\n c", 10), "a b c");
        assert_eq!(abbreviate("abcdef", 3), "abc…");
    }

    /// Drives a small page of its own through the real server and browser.
    /// Skipped where Chromium is not installed, except under CI, where
    /// `cargo xtask test` installs it before the native tests and its
    /// absence is a failure.
    #[test]
    fn drives_a_local_page() {
        let Some(chromium) = crate::tools::find_chromium() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but chromium is not installed: run `cargo xtask test`, which installs it"
            );
            eprintln!("skipped: chromium is not installed");
            return;
        };
        let dir = std::env::temp_dir().join(format!("xtask-cdp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><meta charset=utf-8><title>t</title><link rel=icon href=app.js>\
             <link rel=stylesheet href=app.css><input id=t><button id=b>0</button>\
             <p id=keys></p><script src=app.js></script><script>window.inline = 1</script>",
        )
        .unwrap();
        std::fs::write(
            dir.join("app.css"),
            "#b { position: absolute; left: 10px; top: 50px; width: 80px; height: 30px; }",
        )
        .unwrap();
        std::fs::write(
            dir.join("app.js"),
            "const b = document.getElementById('b');\
             b.addEventListener('click', () => { b.textContent = String(Number(b.textContent) + 1); });\
             document.addEventListener('keydown', (e) => { document.getElementById('keys').textContent += e.key + ','; });\
             if (location.search === '?err') console.error('boom');",
        )
        .unwrap();
        let server = crate::serve::Server::start(&dir, 0).unwrap();
        let mut b = Browser::launch(&chromium).unwrap();
        let url = format!("{}/", server.url());
        b.navigate(&url).unwrap();

        assert_eq!(b.evaluate("1 + 1").unwrap(), json!(2));
        assert_eq!(
            b.evaluate("Promise.resolve({a: [1, 'x']})").unwrap(),
            json!({"a": [1, "x"]})
        );
        assert_eq!(b.evaluate("undefined").unwrap(), Value::Null);
        let e = b.evaluate("null.x").unwrap_err().to_string();
        assert!(e.contains("TypeError"), "{e}");

        // The inline script is blocked by the served CSP, and counted.
        assert_eq!(b.evaluate("window.__cspViolations").unwrap(), json!(1));
        assert_eq!(
            b.evaluate("window.inline === undefined").unwrap(),
            json!(true)
        );
        let errors = b.take_errors().unwrap();
        assert!(
            errors.iter().any(|e| e.contains("Content Security Policy")),
            "{errors:?}"
        );

        b.click(50.0, 65.0).unwrap();
        b.wait_for(
            "document.getElementById('b').textContent === '1'",
            Duration::from_secs(3),
            "click",
        )
        .unwrap();
        b.evaluate("document.getElementById('t').focus()").unwrap();
        b.insert_text("héllo").unwrap();
        b.press_key("Enter").unwrap();
        b.press_key("a").unwrap();
        assert_eq!(
            b.evaluate("document.getElementById('t').value").unwrap(),
            json!("hélloa")
        );
        assert_eq!(
            b.evaluate("document.getElementById('keys').textContent")
                .unwrap(),
            json!("Enter,a,")
        );
        let timeout = b
            .wait_for("false", Duration::from_millis(200), "nothing")
            .unwrap_err();
        assert!(timeout.to_string().contains("timed out"), "{timeout}");

        b.set_viewport(400, 300, 2.0).unwrap();
        assert_eq!(
            b.evaluate("[innerWidth, devicePixelRatio]").unwrap(),
            json!([400, 2])
        );
        let png = dir.join("shot.png");
        b.screenshot(&png, true).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert!(b.metrics().unwrap().iter().any(|(n, _)| n == "LayoutCount"));

        b.navigate(&format!("{url}#same-document")).unwrap();
        b.navigate(&format!("{url}?err")).unwrap();
        b.reload().unwrap();
        let errors = b.take_errors().unwrap();
        assert_eq!(
            errors
                .iter()
                .filter(|e| *e == "console.error: boom")
                .count(),
            2,
            "{errors:?}"
        );

        let profile = b.profile.clone();
        drop(b);
        assert!(!profile.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn console_arguments_as_text() {
        assert_eq!(
            remote_object_text(&json!({"type": "string", "value": "boom"})),
            "boom"
        );
        assert_eq!(
            remote_object_text(&json!({"type": "number", "value": 3})),
            "3"
        );
        assert_eq!(
            remote_object_text(&json!({"type": "object", "description": "Error: x"})),
            "Error: x"
        );
    }
}
