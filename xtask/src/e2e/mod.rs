//! Browser end-to-end tests of the page in `www/`: each is a named function
//! run in order against one server and one headless Chromium, each on a
//! freshly loaded page so one failure does not cascade. A failing test is
//! reported and the rest still run; console errors during a test fail it.
//!
//! The tests use only the page's public contract: element ids, the `ready`
//! flag, and `window.soviets` (`regions`, `debug_panic`). Mouse
//! and keyboard input go through the browser's real input pipeline, so
//! what is tested is what a visitor's pointer does.

mod access;
mod first;
mod robust;
mod seats;
mod sources;

use crate::cdp::{abbreviate, Browser};
use crate::serve::Server;
use crate::tools::{self, root};
use crate::Result;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the page may take to draw its first chart.
const READY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the page may take to react to input: generous, since a wait
/// ends as soon as its condition holds and CI's machines are slower and
/// busier than a reader's (a passing test never waits this long).
const UI_TIMEOUT: Duration = Duration::from_secs(10);

/// Helpers for the tests, installed before the page's scripts. They only
/// read the page and scroll it, or load the parsing worker's module.
const HELPERS: &str = r#"
window.__xt = {
  // Lets two frames pass, so that scroll events have been delivered (a
  // person scrolls, then moves the mouse).
  async settle() {
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
  },
  // Scrolls so that canvas-relative (x, y) is inside the viewport, and
  // returns it in viewport coordinates.
  async point(id, x, y) {
    const c = document.getElementById(id);
    if (!c) throw new Error('no element #' + id);
    let r = c.getBoundingClientRect();
    const vx = r.left + x, vy = r.top + y;
    if (vx < 1 || vy < 1 || vx > innerWidth - 1 || vy > innerHeight - 1) {
      window.scrollBy({ left: vx - innerWidth / 2, top: vy - innerHeight / 2, behavior: 'instant' });
      await __xt.settle();
      r = c.getBoundingClientRect();
    }
    return { x: r.left + x, y: r.top + y };
  },
  // Scrolls an element into view; returns its centre and size.
  async box(sel) {
    const e = document.querySelector(sel);
    if (!e) throw new Error('no element ' + sel);
    const before = [scrollX, scrollY];
    e.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    if (scrollX !== before[0] || scrollY !== before[1]) await __xt.settle();
    const r = e.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
  },
  // A point in the viewport outside the canvas (and its overlay).
  outside(id) {
    const c = document.getElementById(id);
    const r = c.getBoundingClientRect();
    const cands = [
      [r.left + r.width / 2, r.bottom + 12], [r.left + r.width / 2, r.top - 12],
      [r.right + 12, r.top + r.height / 2], [r.left - 12, r.top + r.height / 2],
      [2, 2], [innerWidth - 2, innerHeight - 2],
    ];
    for (const [x, y] of cands) {
      const inside = x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      if (!inside && x > 0 && y > 0 && x < innerWidth && y < innerHeight) return { x, y };
    }
    throw new Error('no point outside #' + id + ' in the viewport');
  },
  visible(sel) {
    const e = document.querySelector(sel);
    if (!e || e.hidden) return false;
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  },
  tip() {
    const t = document.getElementById('tooltip');
    return t ? { visible: window.__xt.visible('#tooltip'), text: t.textContent } : null;
  },
  // The extraction's bytes from the parsing worker's module (the page's
  // own module has no parser), as an array.
  async parse(text) {
    const m = await import('./pkg/worker/soviets.js');
    await m.default({ module_or_path: new URL('./pkg/worker/soviets_bg.wasm', location.href) });
    return Array.from(m.parse_document(text));
  },
};
"#;

/// One rectangle from `window.soviets.regions`.
#[derive(Debug, Clone)]
struct Region {
    kind: String,
    event: String,
    faction: String,
    label: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Region {
    fn from_json(v: &Value) -> Region {
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        let n = |k: &str| v[k].as_f64().unwrap_or(0.0);
        Region {
            kind: s("kind"),
            event: s("event"),
            faction: s("faction"),
            label: s("label"),
            x: n("x"),
            y: n("y"),
            w: n("w"),
            h: n("h"),
        }
    }

    fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }
}

/// What the tests share.
struct Ctx {
    browser: Browser,
    url: String,
    screenshots: PathBuf,
}

type Test = fn(&mut Ctx) -> Result<()>;

/// The page's own tests (issue 3), in the order they run; the source
/// panel's (`sources`) and accessibility's (`access`) follow.
const TESTS: &[(&str, Test)] = &[
    ("loads", loads),
    ("hover_segment", hover_segment),
    ("hover_column_summary", hover_column_summary),
    ("share_toggle", share_toggle),
    ("legend_hide", legend_hide),
    ("compare", compare),
    ("votes", votes),
    ("wasm_extract_matches_native", wasm_extract_matches_native),
    ("error_banner", error_banner),
    ("screenshots", screenshots),
];

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub passed: usize,
    /// Names and reasons of the failed tests.
    pub failed: Vec<(String, String)>,
    pub console_errors: usize,
}

/// Serves `www/` (already built), launches `chromium` and runs every test.
pub fn run(chromium: &Path) -> Result<Outcome> {
    let www = root().join("www");
    if !www.join("index.html").is_file() {
        return Err(format!(
            "there is no page to test: {} is missing",
            www.join("index.html").display()
        )
        .into());
    }
    let server = Server::start(&www, 0)?;
    let browser = Browser::launch(chromium)?;
    let mut ctx = Ctx {
        browser,
        url: format!("{}/", server.url()),
        screenshots: tools::target_dir()?.join("screenshots"),
    };
    ctx.browser.add_init_script(HELPERS)?;
    let mut outcome = Outcome::default();
    let all = TESTS
        .iter()
        .chain(sources::TESTS)
        .chain(access::TESTS)
        .chain(first::TESTS)
        .chain(robust::TESTS)
        .chain(seats::TESTS);
    // `E2E_ONLY=name` runs only the tests whose names contain `name`.
    let only = std::env::var("E2E_ONLY").unwrap_or_default();
    for (name, test) in all.filter(|(name, _)| name.contains(only.as_str())) {
        let started = std::time::Instant::now();
        let result = test(&mut ctx);
        let errors = ctx
            .browser
            .take_errors()
            .unwrap_or_else(|e| vec![e.to_string()]);
        outcome.console_errors += errors.len();
        let result = match (result, errors.is_empty()) {
            (result, true) => result,
            (Ok(()), false) => {
                Err(format!("console errors:\n      {}", errors.join("\n      ")).into())
            }
            (Err(e), false) => Err(format!(
                "{e}\n    console errors:\n      {}",
                errors.join("\n      ")
            )
            .into()),
        };
        let secs = started.elapsed().as_secs_f64();
        match result {
            Ok(()) => {
                println!("browser test {name} ... ok ({secs:.1}s)");
                outcome.passed += 1;
            }
            Err(e) => {
                println!("browser test {name} ... FAILED ({secs:.1}s)\n    {e}");
                outcome.failed.push((name.to_string(), e.to_string()));
            }
        }
    }
    Ok(outcome)
}

// ---------------------------------------------------------------- helpers

impl Ctx {
    /// Loads the page fresh and waits for the first chart.
    fn load(&mut self) -> Result<()> {
        let url = self.url.clone();
        self.browser.navigate(&url)?;
        self.wait_ready()
    }

    fn wait_ready(&mut self) -> Result<()> {
        self.browser.wait_for(
            "document.documentElement.dataset.ready === 'true'",
            READY_TIMEOUT,
            "the page to set data-ready=\"true\" on <html>",
        )
    }

    fn regions(&mut self, canvas: &str) -> Result<Vec<Region>> {
        let v = self
            .browser
            .evaluate(&format!("window.soviets.regions({})", js(canvas)))?;
        let list = v
            .as_array()
            .ok_or_else(|| format!("regions('{canvas}') did not return an array: {v}"))?;
        Ok(list.iter().map(Region::from_json).collect())
    }

    fn find_region(
        &mut self,
        canvas: &str,
        what: &str,
        pred: impl Fn(&Region) -> bool,
    ) -> Result<Region> {
        let regions = self.regions(canvas)?;
        regions.iter().find(|r| pred(r)).cloned().ok_or_else(|| {
            let have: Vec<String> = regions
                .iter()
                .take(12)
                .map(|r| format!("{}/{}/{}", r.kind, r.event, r.faction))
                .collect();
            format!(
                "regions('{canvas}') has no {what} (of {}: {}…)",
                regions.len(),
                have.join(", ")
            )
            .into()
        })
    }

    /// Moves the mouse to canvas-relative (x, y), scrolling if needed.
    fn hover(&mut self, canvas: &str, x: f64, y: f64) -> Result<()> {
        let p = self
            .browser
            .evaluate(&format!("__xt.point({}, {x}, {y})", js(canvas)))?;
        self.browser.mouse_move(num(&p["x"])?, num(&p["y"])?)
    }

    fn hover_centre(&mut self, canvas: &str, r: &Region) -> Result<()> {
        self.hover(canvas, r.x + r.w / 2.0, r.y + r.h / 2.0)
    }

    /// Moves the mouse off `canvas`.
    fn hover_off(&mut self, canvas: &str) -> Result<()> {
        let p = self
            .browser
            .evaluate(&format!("__xt.outside({})", js(canvas)))?;
        self.browser.mouse_move(num(&p["x"])?, num(&p["y"])?)
    }

    /// Clicks the element `sel` with the mouse. A control too small to aim
    /// at (a visually hidden radio, say) is clicked through its label.
    fn click(&mut self, sel: &str) -> Result<()> {
        let b = self.browser.evaluate(&format!("__xt.box({})", js(sel)))?;
        if num(&b["w"])? >= 2.0 && num(&b["h"])? >= 2.0 {
            return self.browser.click(num(&b["x"])?, num(&b["y"])?);
        }
        let label = self.browser.evaluate(&format!(
            "(async () => {{ const e = document.querySelector({s}); const l = (e.labels && e.labels[0]) || e.closest('label'); \
             if (!l) return null; const r = l.getBoundingClientRect(); if (r.width < 2 || r.height < 2) return null; \
             l.scrollIntoView({{block: 'center', behavior: 'instant'}}); await __xt.settle(); const q = l.getBoundingClientRect(); \
             return {{x: q.left + q.width / 2, y: q.top + q.height / 2}}; }})()",
            s = js(sel)
        ))?;
        if label.is_null() {
            return Err(format!("{sel} has no visible box or label to click").into());
        }
        self.browser.click(num(&label["x"])?, num(&label["y"])?)
    }

    /// Waits until the tooltip is visible and contains every needle;
    /// returns its text.
    fn expect_tooltip(&mut self, needles: &[&str], context: &str) -> Result<String> {
        let cond = needles
            .iter()
            .map(|n| format!("t.text.includes({})", js(n)))
            .collect::<Vec<_>>()
            .join(" && ");
        let pred = format!(
            "(() => {{ const t = __xt.tip(); return t && t.visible{}{cond}; }})()",
            if cond.is_empty() { "" } else { " && " }
        );
        let waited = self.browser.wait_for(&pred, UI_TIMEOUT, "the tooltip");
        let tip = self.browser.evaluate("__xt.tip()")?;
        match waited {
            Ok(()) => Ok(tip["text"].as_str().unwrap_or("").to_string()),
            Err(_) if tip.is_null() => Err("there is no #tooltip element".into()),
            Err(_) => Err(format!(
                "{context}: expected a visible tooltip containing {needles:?}; it is {} with text {:?}",
                if tip["visible"] == Value::Bool(true) { "visible" } else { "hidden" },
                abbreviate(tip["text"].as_str().unwrap_or(""), 300)
            )
            .into()),
        }
    }

    /// Chooses, in "Figures from", the document about the Second Congress
    /// (the one that gives 6 Menshevik-Internationalists); returns its value.
    fn choose_second_congress_source(&mut self) -> Result<Value> {
        let chosen = self.browser.evaluate(
            "(() => { const s = document.getElementById('source-select'); const o = [...s.options].find(o => o.textContent.includes('Second')); \
              if (!o) return null; s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return o.value; })()",
        )?;
        ensure(!chosen.is_null(), || {
            "#source-select offers no document about the Second Congress".into()
        })?;
        Ok(chosen)
    }

    /// Hovers `faction`'s segment of `event` on the faction chart, expects
    /// `needles` in the tooltip, and moves away.
    fn expect_segment_tooltip(
        &mut self,
        event: &str,
        faction: &str,
        needles: &[&str],
        context: &str,
    ) -> Result<()> {
        let canvas = "faction-chart";
        let r = self.find_region(canvas, context, |r| is_segment(r, event, faction))?;
        self.hover_centre(canvas, &r)?;
        self.expect_tooltip(needles, context)?;
        self.hover_off(canvas)
    }

    /// The viewport point at the centre of canvas-relative region `r`.
    fn centre_point(&mut self, canvas: &str, r: &Region) -> Result<(f64, f64)> {
        let p = self.browser.evaluate(&format!(
            "__xt.point({}, {}, {})",
            js(canvas),
            r.x + r.w / 2.0,
            r.y + r.h / 2.0
        ))?;
        Ok((num(&p["x"])?, num(&p["y"])?))
    }

    fn expect_tooltip_hidden(&mut self, context: &str) -> Result<()> {
        self.browser
            .wait_for("!__xt.tip().visible", UI_TIMEOUT, "the tooltip to hide")
            .map_err(|_| format!("{context}: the tooltip is still visible").into())
    }
}

/// A Rust string as a JavaScript string literal.
fn js(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

fn num(v: &Value) -> Result<f64> {
    v.as_f64()
        .ok_or_else(|| format!("expected a number, got {v}").into())
}

fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Result<()> {
    if cond {
        Ok(())
    } else {
        Err(msg().into())
    }
}

/// Fails with `what` and one line per problem unless there are none.
fn ensure_none(problems: &[String], what: &str) -> Result<()> {
    ensure(problems.is_empty(), || {
        format!("{what}:\n      {}", problems.join("\n      "))
    })
}

const SECOND: &str = "congress-of-soviets-2";
const FIRST: &str = "congress-of-soviets-1";

fn is_segment(r: &Region, event: &str, faction: &str) -> bool {
    r.kind == "segment" && r.event == event && r.faction == faction
}

// ------------------------------------------------------------------ tests

/// Every canvas has a non-empty backing store of its CSS size times the
/// device pixel ratio (±1 for rounding), so charts are sharp.
fn check_backing_stores(ctx: &mut Ctx) -> Result<()> {
    let canvases = ctx.browser.evaluate(
        "[...document.querySelectorAll('canvas')].map(c => { const r = c.getBoundingClientRect(); \
         return {id: c.id || c.className || '(canvas)', w: c.width, h: c.height, cw: r.width, ch: r.height, dpr: devicePixelRatio}; })",
    )?;
    let canvases = canvases.as_array().cloned().unwrap_or_default();
    for id in ["faction-chart", "compare-chart", "vote-chart"] {
        ensure(canvases.iter().any(|c| c["id"] == id), || {
            format!("there is no <canvas id=\"{id}\">")
        })?;
    }
    let mut bad = Vec::new();
    for c in &canvases {
        let (w, h, cw, ch, dpr) = (
            num(&c["w"])?,
            num(&c["h"])?,
            num(&c["cw"])?,
            num(&c["ch"])?,
            num(&c["dpr"])?,
        );
        let ok = w > 0.0 && h > 0.0 && (w - cw * dpr).abs() <= 1.0 && (h - ch * dpr).abs() <= 1.0;
        if !ok {
            bad.push(format!(
                "{}: backing store {w}×{h}, CSS box {cw}×{ch} at devicePixelRatio {dpr}",
                c["id"]
            ));
        }
    }
    ensure_none(
        &bad,
        "canvas backing store is not CSS size × devicePixelRatio",
    )
}

/// The page loads, draws, logs no errors, breaks no CSP rule, and sizes
/// its canvases' backing stores for the device pixel ratio.
fn loads(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let errors = ctx.browser.take_errors()?;
    ensure_none(&errors, "console errors while loading")?;
    let csp = ctx
        .browser
        .evaluate("({n: window.__cspViolations, d: window.__cspDetails})")?;
    ensure(csp["n"] == 0, || format!("CSP violations: {}", csp["d"]))?;
    check_backing_stores(ctx)
}

/// Hovering a segment shows its tooltip, up to its edges; leaving the
/// chart hides it.
fn hover_segment(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let canvas = "faction-chart";
    let r = ctx.find_region(canvas, "Second Congress Bolsheviks segment", |r| {
        is_segment(r, SECOND, "bolsheviks")
    })?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&["390", "Bolsheviks"], "centre of the segment")?;
    let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
    let edges = [
        ("left", r.x + 1.0, cy),
        ("right", r.x + r.w - 1.0, cy),
        ("top", cx, r.y + 1.0),
        ("bottom", cx, r.y + r.h - 1.0),
    ];
    for (edge, x, y) in edges {
        ctx.hover(canvas, x, y)?;
        ctx.expect_tooltip(
            &["390", "Bolsheviks"],
            &format!("1px inside the {edge} edge"),
        )?;
    }
    ctx.hover_off(canvas)?;
    ctx.expect_tooltip_hidden("after moving off the chart")
}

/// Over a column but above its bars, the tooltip summarises the column.
fn hover_column_summary(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let canvas = "faction-chart";
    let regions = ctx.regions(canvas)?;
    let col = regions
        .iter()
        .find(|r| r.kind == "column" && r.event == SECOND)
        .cloned()
        .ok_or("regions('faction-chart') has no column region for the Second Congress")?;
    // A point of the column that no segment covers: scan from its top.
    let cx = col.x + col.w / 2.0;
    let mut spot = None;
    let mut y = col.y + 1.0;
    while y < col.y + col.h {
        if !regions
            .iter()
            .any(|r| r.kind == "segment" && r.contains(cx, y))
        {
            spot = Some(y);
            break;
        }
        y += 2.0;
    }
    let y = spot.ok_or("every point of the Second Congress column is covered by a segment")?;
    ctx.hover(canvas, cx, y)?;
    let text = ctx.expect_tooltip(&["649"], "above the Second Congress bars")?;
    ensure(text.contains("Second") || text.contains("2nd"), || {
        format!(
            "the column tooltip does not name the Second Congress: {:?}",
            abbreviate(&text, 300)
        )
    })?;
    ctx.hover_off(canvas)?;
    ctx.expect_tooltip_hidden("after moving off the chart")
}

/// Share mode shows the Bolsheviks' share of the Second Congress.
fn share_toggle(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    ctx.click("#mode-share")?;
    ctx.browser.wait_for(
        "document.getElementById('mode-share').checked",
        UI_TIMEOUT,
        "#mode-share to be checked after clicking it",
    )?;
    ctx.expect_segment_tooltip(
        SECOND,
        "bolsheviks",
        &["60.1%", "Bolsheviks"],
        "share mode, Second Congress Bolsheviks",
    )?;
    ctx.click("#mode-absolute")?;
    ctx.browser.wait_for(
        "document.getElementById('mode-absolute').checked",
        UI_TIMEOUT,
        "#mode-absolute to be checked after clicking it",
    )
}

/// A legend button hides and restores its faction.
fn legend_hide(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let button = "#faction-legend button[data-faction=\"bolsheviks\"]";
    let pressed = format!(
        "document.querySelector({}).getAttribute('aria-pressed')",
        js(button)
    );
    let has_bolsheviks =
        "window.soviets.regions('faction-chart').some(r => r.faction === 'bolsheviks')";
    ctx.browser.wait_for(
        &format!("{pressed} === 'true'"),
        UI_TIMEOUT,
        "the Bolsheviks legend button to start pressed",
    )?;
    ctx.click(button)?;
    ctx.browser.wait_for(
        &format!("{pressed} === 'false'"),
        UI_TIMEOUT,
        "aria-pressed=\"false\" after clicking the Bolsheviks legend button",
    )?;
    ctx.browser.wait_for(
        &format!("!{has_bolsheviks}"),
        UI_TIMEOUT,
        "the Bolsheviks to leave regions('faction-chart')",
    )?;
    ctx.click(button)?;
    ctx.browser.wait_for(
        &format!("{pressed} === 'true'"),
        UI_TIMEOUT,
        "aria-pressed=\"true\" after clicking the button again",
    )?;
    ctx.browser.wait_for(
        has_bolsheviks,
        UI_TIMEOUT,
        "the Bolsheviks to come back to regions('faction-chart')",
    )?;
    // The same by keyboard: a button toggles on Enter and on Space.
    ctx.browser
        .evaluate(&format!("document.querySelector({}).focus()", js(button)))?;
    ctx.browser.press_key("Enter")?;
    ctx.browser.wait_for(
        &format!("{pressed} === 'false'"),
        UI_TIMEOUT,
        "aria-pressed=\"false\" after pressing Enter on the focused button",
    )?;
    ctx.browser.press_key("Space")?;
    ctx.browser.wait_for(
        &format!("{pressed} === 'true' && {has_bolsheviks}"),
        UI_TIMEOUT,
        "aria-pressed=\"true\" and the Bolsheviks back after pressing Space",
    )
}

/// Comparing the First and Second Congresses.
fn compare(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    for (sel, value) in [("compare-a", FIRST), ("compare-b", SECOND)] {
        let set = ctx.browser.evaluate(&format!(
            "(() => {{ const s = document.getElementById({id}); if (!s) return 'no #{sel}'; \
             if (![...s.options].some(o => o.value === {v})) return 'no option ' + {v} + ' in #{sel}'; \
             s.value = {v}; s.dispatchEvent(new Event('change', {{bubbles: true}})); return 'ok'; }})()",
            id = js(sel),
            v = js(value)
        ))?;
        ensure(set == "ok", || set.as_str().unwrap_or("?").to_string())?;
    }
    let row = "[...document.querySelectorAll('#compare-table tr')].find(tr => tr.cells.length && tr.cells[0].textContent.includes('Bolsheviks'))";
    let waited = ctx.browser.wait_for(
        &format!("(() => {{ const r = {row}; return r && ['105', '390', '+285'].every(s => r.textContent.includes(s)); }})()"),
        UI_TIMEOUT,
        "the compare table's Bolsheviks row",
    );
    if waited.is_err() {
        let text = ctx.browser.evaluate(&format!(
            "(() => {{ const r = {row}; return r ? r.textContent : null; }})()"
        ))?;
        return Err(format!(
            "the compare table's Bolsheviks row should contain 105, 390 and +285; it is {}",
            if text.is_null() {
                "missing".to_string()
            } else {
                format!("{:?}", abbreviate(text.as_str().unwrap_or(""), 200))
            }
        )
        .into());
    }
    // Each count in the table opens its sentence.
    ctx.click("#compare-table button[aria-label^='The sentence for Bolsheviks at 2nd Congress']")?;
    ctx.browser.wait_for(
        "__xt.visible('#source-panel') && (document.getElementById('source-quote') || {}).textContent.includes('390 were Bolshevik')",
        UI_TIMEOUT,
        "the compare table's source button to open the sentence with 390",
    )?;
    ctx.click("#source-close")?;
    let canvas = "compare-chart";
    let r = ctx.find_region(canvas, "region of a useful size", |r| {
        r.w >= 4.0 && r.h >= 4.0
    })?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&[], &format!("hovering compare-chart region {}", r.label))?;
    ctx.hover_off(canvas)?;
    ctx.expect_tooltip_hidden("after moving off the compare chart")
}

/// The First Congress vote shows its figures.
fn votes(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let canvas = "vote-chart";
    let r = ctx.find_region(canvas, "region whose label mentions 543", |r| {
        r.label.contains("543") && r.w > 0.0 && r.h > 0.0
    })?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&["543", "126"], "the First Congress vote")?;
    ctx.hover_off(canvas)?;
    ctx.expect_tooltip_hidden("after moving off the vote chart")
}

/// The parser compiled to wasm (the worker's module) reads every seed
/// exactly as the native one does: the same extraction, byte for byte.
fn wasm_extract_matches_native(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let mut mismatches = Vec::new();
    for (name, text) in soviets::seeds::SEEDS {
        let native = soviets::codec::encode(&soviets::parse(text, soviets::DocId(0)));
        let wasm: Vec<u8> = ctx
            .browser
            .evaluate(&format!("__xt.parse({})", js(text)))?
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|b| b.as_u64().map(|b| b as u8))
                    .collect()
            })
            .unwrap_or_default();
        if wasm != native {
            // Name the first fact that differs, not a byte offset.
            let read =
                |b: &[u8]| soviets::codec::decode(b, soviets::DocId(0)).map(|x| format!("{x:#?}"));
            let (n, w) = (
                read(&native).unwrap_or_default(),
                read(&wasm).unwrap_or_default(),
            );
            let line = n.lines().zip(w.lines()).find(|(a, b)| a != b);
            mismatches.push(format!(
                "{name}: native {line:?} (wasm {} bytes)",
                wasm.len()
            ));
        }
    }
    ensure_none(&mismatches, "wasm and native extraction differ")
}

/// A wasm panic shows the error banner, and the page keeps working.
fn error_banner(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    ctx.browser.take_errors()?;
    let thrown = ctx.browser.evaluate(
        "(() => { try { window.soviets.debug_panic(); return null; } catch (e) { return String(e); } })()",
    )?;
    ensure(!thrown.is_null(), || {
        "debug_panic() returned without throwing".into()
    })?;
    ctx.browser.wait_for(
        "__xt.visible('#error-banner') && document.getElementById('error-banner').textContent.trim().length > 10",
        UI_TIMEOUT,
        "#error-banner to show a message after the panic",
    )?;
    let role = ctx
        .browser
        .evaluate("document.getElementById('error-banner').getAttribute('role')")?;
    ensure(role == "alert", || {
        format!("#error-banner has role {role}, not alert")
    })?;
    // The panic's own console output is expected; anything later is not.
    let expected = ctx.browser.take_errors()?;
    if !expected.is_empty() {
        println!(
            "    ({} console error(s) from the deliberate panic: expected, not counted)",
            expected.len()
        );
    }

    ctx.click("#mode-share")?;
    ctx.browser.wait_for(
        "document.getElementById('mode-share').checked",
        UI_TIMEOUT,
        "#mode-share to be checked after the panic",
    )?;
    ctx.expect_segment_tooltip(
        SECOND,
        "bolsheviks",
        &["60.1%"],
        "share mode after the panic",
    )?;
    ctx.click("#mode-absolute")?;
    ctx.browser.wait_for(
        "document.getElementById('mode-absolute').checked",
        UI_TIMEOUT,
        "#mode-absolute to be checked after the panic",
    )
}

/// Screenshots at desktop and phone width; no horizontal scroll on a phone.
fn screenshots(ctx: &mut Ctx) -> Result<()> {
    ctx.browser.set_viewport(1280, 900, 1.0)?;
    ctx.load()?;
    let wide = ctx.screenshots.join("page.png");
    ctx.browser.screenshot(&wide, true)?;
    // The tooltip as a reader sees it, over the Second Congress Bolsheviks.
    let canvas = "faction-chart";
    let r = ctx.find_region(canvas, "Second Congress Bolsheviks segment", |r| {
        is_segment(r, SECOND, "bolsheviks")
    })?;
    ctx.hover_centre(canvas, &r)?;
    ctx.expect_tooltip(&["390", "Bolsheviks"], "for the hover screenshot")?;
    let hovered = ctx.screenshots.join("page-hover.png");
    ctx.browser.screenshot(&hovered, false)?;
    ctx.hover_off(canvas)?;

    ctx.browser.set_viewport(360, 740, 2.0)?;
    let result = (|| -> Result<()> {
        // Reloaded so that the page lays out for a phone from the start.
        ctx.browser.reload()?;
        ctx.wait_ready()?;
        let narrow = ctx.screenshots.join("page-360.png");
        ctx.browser.screenshot(&narrow, true)?;
        let sw = ctx
            .browser
            .evaluate("document.documentElement.scrollWidth")?;
        ensure(num(&sw)? <= 360.0, || {
            format!("at 360 px the page scrolls sideways: scrollWidth is {sw}")
        })?;
        check_backing_stores(ctx).map_err(|e| format!("at 360 px, devicePixelRatio 2: {e}"))?;
        println!(
            "    saved {}, {} and {}",
            wide.display(),
            hovered.display(),
            narrow.display()
        );
        Ok(())
    })();
    ctx.browser.set_viewport(1280, 900, 1.0)?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn js_string_literals() {
        assert_eq!(js("a\"b\n"), "\"a\\\"b\\n\"");
    }

    #[test]
    fn region_contains() {
        let r = Region::from_json(&json!({"kind": "segment", "x": 10, "y": 20, "w": 5, "h": 5}));
        assert!(r.contains(10.0, 20.0) && r.contains(15.0, 25.0));
        assert!(!r.contains(9.9, 22.0) && !r.contains(12.0, 25.1));
    }
}
