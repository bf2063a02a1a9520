//! `cargo xtask bench`: how heavy and how quick the page is in headless
//! Chromium: the gzipped download, time to the first chart, the cost of a
//! hover (and whether it forces layout), and the cost of a full redraw, for
//! the seed data and for a synthetic 100-event × 30-faction dataset; and
//! how long adding or restoring a large document holds the main thread.
//! Prints Markdown, ready to paste into the README.
//!
//! It also loads the page as a reader on a slow connection would (issue
//! 14): Chromium's network emulation at 1.6 Mbit/s down and 150 ms
//! latency, and again unthrottled, with the server gzipping as a static
//! host does. For each: the bytes the first chart waited for (the
//! document and its render-blocking resources; the chart is in the HTML,
//! so it is the first contentful paint) and all bytes that arrived before
//! it (the module's glue may, without being waited for), the time to it, and the time until a first hover shows a
//! tooltip (the module's `interactive` mark plus the measured delay from
//! a real mouse move to the frame that shows the tooltip).
//!
//! And it hovers the faction chart beside a plain Chart.js page showing
//! the same data (`versus.rs`); `cargo xtask bench hover` runs only that.

use crate::cdp::Browser;
use crate::serve::Server;
use crate::size;
use crate::tools::{self, root};
use crate::Result;
use serde_json::Value;
use std::time::Duration;

const LOADS: usize = 5;
/// Loads per network condition in the reader's measurement.
const READER_LOADS: usize = 3;
const HOVERS: usize = 500;
const REDRAWS: usize = 20;

/// Sets up the hover loop: scrolls the chart into view, computes one point
/// per segment, and lets two frames pass so nothing is pending.
const HOVER_SETUP: &str = r#"(async () => {
  const c = document.getElementById('faction-chart');
  c.scrollIntoView({ block: 'center', behavior: 'instant' });
  const rect = c.getBoundingClientRect();
  const segs = window.soviets.regions('faction-chart')
    .filter(r => r.kind === 'segment' && r.w > 0 && r.h > 0);
  window.__benchPoints = segs.map(r => [rect.left + r.x + r.w / 2, rect.top + r.y + r.h / 2]);
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
  return segs.length;
})()"#;

/// The hover loop: synthetic mousemoves on the chart, each timed.
fn hover_loop() -> String {
    format!(
        r#"(() => {{
  const c = document.getElementById('faction-chart');
  const pts = window.__benchPoints;
  const times = [];
  const start = performance.now();
  for (let i = 0; i < {HOVERS}; i++) {{
    const [x, y] = pts[i % pts.length];
    const ev = new MouseEvent('mousemove', {{ clientX: x, clientY: y, bubbles: true, cancelable: true, view: window }});
    const t0 = performance.now();
    c.dispatchEvent(ev);
    times.push(performance.now() - t0);
  }}
  const total = performance.now() - start;
  const tip = document.getElementById('tooltip');
  return {{ times, total, tooltip: !!tip && !tip.hidden }};
}})()"#
    )
}

/// Times `redraw(chart)`: `chart` is a JS expression, a canvas id or
/// `undefined` for every chart.
fn redraw_loop(chart: &str) -> String {
    format!(
        r#"(() => {{
  const times = [];
  for (let i = 0; i < {REDRAWS}; i++) {{
    const t0 = performance.now();
    window.soviets.redraw({chart});
    times.push(performance.now() - t0);
  }}
  return times;
}})()"#
    )
}

/// One dataset's interaction numbers.
#[derive(Debug)]
struct Interaction {
    segments: u64,
    hover_mean: f64,
    hover_median: f64,
    hover_p95: f64,
    layouts: f64,
    recalcs: f64,
    tooltip_shown: bool,
    /// `redraw` of each chart alone: factions, compare, votes.
    redraw_each_median: [f64; 3],
    /// `redraw` of all three charts.
    redraw_median: f64,
}

pub fn run() -> Result<()> {
    tools::banner("build");
    let sizes = crate::build::build_bundle()?;
    let chromium = tools::ensure_chromium()?;

    tools::banner("browser benchmarks");
    let server = Server::start(&root().join("www"), 0)?;
    let url = format!("{}/", server.url());
    let mut b = Browser::launch(&chromium)?;
    let version = b.send("Browser.getVersion", Value::Null).ok();
    b.send("Network.enable", serde_json::json!({}))?;
    b.send(
        "Network.setCacheDisabled",
        serde_json::json!({"cacheDisabled": true}),
    )?;

    let mut first = Vec::new();
    let mut from_nav = Vec::new();
    let mut starts = Vec::new();
    for i in 0..LOADS {
        b.navigate(&url)?;
        let marked = b.wait_for(
            "performance.getEntriesByName('first-chart').length > 0",
            Duration::from_secs(10),
            "performance.mark('first-chart')",
        );
        if let Err(e) = marked {
            let state = b
                .evaluate("JSON.stringify({url: location.href, readyState: document.readyState, ready: document.documentElement.dataset.ready, marks: performance.getEntriesByType('mark').map(m => m.name)})")
                .unwrap_or_default();
            let errors = b.take_errors().unwrap_or_default();
            return Err(
                format!("load {}: {e}; page state {state}; errors {errors:?}", i + 1).into(),
            );
        }
        let t = b.evaluate(
            "(() => { const m = performance.getEntriesByName('first-chart')[0]; \
             const s = performance.getEntriesByName('wasm-start')[0]; \
             const n = performance.getEntriesByType('navigation')[0]; \
             return [m.startTime - n.domContentLoadedEventStart, m.startTime, \
                     s.startTime - n.domContentLoadedEventStart, m.startTime - s.startTime]; })()",
        )?;
        let at = |k: usize| t[k].as_f64().unwrap_or(f64::NAN);
        let (dcl, nav) = (at(0), at(1));
        println!(
            "load {}: first chart {dcl:.1} ms after DOMContentLoaded ({:.1} ms until the module runs, {:.1} ms in start()), {nav:.1} ms after navigation start",
            i + 1,
            at(2),
            at(3)
        );
        starts.push(at(3));
        first.push(dcl);
        from_nav.push(nav);
    }

    let mut readers = Vec::new();
    for (label, throttled) in [("1.6 Mbit/s, 150 ms", true), ("unthrottled", false)] {
        let mut runs = Vec::new();
        for _ in 0..READER_LOADS {
            runs.push(reader_load(&mut b, &url, throttled)?);
        }
        emulate_network(&mut b, false)?;
        readers.push((label, runs));
    }

    let seed = interaction(&mut b)?;
    let seed_seats = seats(&mut b)?;
    b.evaluate("window.soviets.synthetic(100, 30)")?;
    let synthetic = interaction(&mut b)?;
    let synthetic_seats = seats(&mut b)?;
    let adding = documents(&mut b, &url)?;
    let errors = b.take_errors()?;
    // Last: it leaves the browser on the Chart.js page.
    let versus = crate::versus::measure(&mut b, &url)?;

    let cell = |f: &dyn Fn(&Interaction) -> String| format!("{} | {}", f(&seed), f(&synthetic));
    let mut out = String::new();
    out += "| measure | seed data | synthetic: 100 events × 30 factions |\n| --- | ---: | ---: |\n";
    out += &format!(
        "| segments drawn | {} |\n",
        cell(&|i| i.segments.to_string())
    );
    out += &format!(
        "| hover: mousemove handler, mean of {HOVERS} (whole loop / {HOVERS}) | {} |\n",
        cell(&|i| format!("{:.3} ms", i.hover_mean))
    );
    out += &format!(
        "| hover: mousemove handler, median of {HOVERS} | {} |\n",
        cell(&|i| ms(i.hover_median))
    );
    out += &format!(
        "| hover: mousemove handler, p95 | {} |\n",
        cell(&|i| ms(i.hover_p95))
    );
    out += &format!(
        "| layouts during {HOVERS} moves (forced; the frame after may add 1) | {} |\n",
        cell(&|i| format!("{}", i.layouts))
    );
    out += &format!(
        "| style recalculations during {HOVERS} moves | {} |\n",
        cell(&|i| format!("{}", i.recalcs))
    );
    out += &format!(
        "| tooltip shown after the moves | {} |\n",
        cell(&|i| if i.tooltip_shown {
            "yes".into()
        } else {
            "no".into()
        })
    );
    for (k, chart) in ["faction", "compare", "vote"].iter().enumerate() {
        out += &format!(
            "| redraw of the {chart} chart, median of {REDRAWS} | {} |\n",
            cell(&|i| ms(i.redraw_each_median[k]))
        );
    }
    out += &format!(
        "| redraw of every chart (the seat chart too), median of {REDRAWS} | {} |\n",
        cell(&|i| ms(i.redraw_median))
    );

    tools::banner("results");
    println!(
        "Headless {} on {} cores; times from performance.now() (0.1 ms resolution).\n",
        version
            .as_ref()
            .and_then(|v| v["product"].as_str())
            .unwrap_or("Chromium"),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    println!("| measure | value |\n| --- | ---: |");
    println!(
        "| first load, gzipped ({} files) | {} of {} budget ({}) |",
        sizes.first_load_files(),
        size::kb(sizes.first_load_gzipped()),
        size::kb(size::BUDGET_BYTES),
        size::percent(sizes.first_load_gzipped(), size::BUDGET_BYTES)
    );
    println!(
        "| before the first chart (html, css, chart inline), gzipped | {} of {} budget ({}) |",
        size::kb(sizes.first_chart_gzipped()),
        size::kb(size::FIRST_CHART_BUDGET_BYTES),
        size::percent(sizes.first_chart_gzipped(), size::FIRST_CHART_BUDGET_BYTES)
    );
    println!(
        "| first chart after DOMContentLoaded, median of {LOADS} fresh loads | {} |",
        ms(median(&first))
    );
    println!(
        "| of which in the module's start(), median of {LOADS} | {} |",
        ms(median(&starts))
    );
    println!(
        "| first chart after navigation start, median of {LOADS} | {} |\n",
        ms(median(&from_nav))
    );
    println!("{out}");
    println!("{adding}");
    println!(
        "\nAs a reader (median of {READER_LOADS} fresh loads; the server gzips):\n\n\
         | network | bytes the first chart waited for (render-blocking, on the wire) | bytes arrived before it | first chart (FCP) | module running | interactive | first hover's tooltip |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for (label, runs) in &readers {
        let m = |f: fn(&Reader) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} |",
            size::kb(m(|r| r.blocking) as u64),
            size::kb(m(|r| r.bytes_before_chart) as u64),
            ms(m(|r| r.first_chart)),
            ms(m(|r| r.module_start)),
            ms(m(|r| r.interactive)),
            ms(m(|r| r.first_tooltip)),
        );
    }
    println!();
    println!("{}", seats_table(&seed_seats, &synthetic_seats));
    println!("{}", versus.table());
    if !errors.is_empty() {
        println!(
            "console errors during the benchmark:\n  {}",
            errors.join("\n  ")
        );
    }
    Ok(())
}

/// `cargo xtask bench hover`: only the hover comparison with Chart.js.
pub fn hover() -> Result<()> {
    tools::banner("build");
    crate::build::build_bundle()?;
    let chromium = tools::ensure_chromium()?;
    tools::banner("hover: this page and Chart.js");
    let server = Server::start(&root().join("www"), 0)?;
    let mut b = Browser::launch(&chromium)?;
    let versus = crate::versus::measure(&mut b, &format!("{}/", server.url()))?;
    tools::banner("results");
    println!("{}", versus.table());
    Ok(())
}

/// Records, from before the page's scripts run, every long task (over
/// 50 ms, the browser's 'longtask' entries) and when the document status
/// last changed.
const WATCH: &str = r#"
window.__long = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });
document.addEventListener('DOMContentLoaded', () => {
  const s = document.getElementById('document-status');
  if (s) new MutationObserver(() => { window.__statusAt = performance.now(); })
    .observe(s, { childList: true, characterData: true, subtree: true });
});
"#;

/// True once the document status says what came of a document (it no
/// longer says "Reading…" or "Adding…").
const SETTLED: &str = "(() => { const t = document.getElementById('document-status').textContent; \
    return t.length > 0 && !/^(Reading|Adding)/.test(t); })()";

/// One document added or restored: what the page said, the time until it
/// said it, and the long tasks meanwhile.
#[derive(Debug)]
struct Added {
    what: &'static str,
    bytes: usize,
    status: String,
    total: f64,
    long_tasks: usize,
    longest: f64,
}

/// `unit` repeated to about `size` bytes.
/// Opens the page at `url` and waits until its module has drawn.
pub fn load_ready(b: &mut Browser, url: &str) -> Result<()> {
    b.navigate(url)?;
    b.wait_for(
        "document.documentElement.dataset.ready === 'true'",
        Duration::from_secs(10),
        "the page",
    )
}

fn repeated(unit: &str, size: usize) -> String {
    unit.repeat((size / unit.len().max(1)).max(1))
}

/// Adding 1 MB of seed prose and of punctuation-free text, and restoring a
/// stored 700 KB document at page load: the page's own account of its
/// main-thread time (in its status) and the browser's long tasks.
fn documents(b: &mut Browser, url: &str) -> Result<String> {
    let seeds: Vec<&str> = soviets::seeds::SEEDS.iter().map(|(_, t)| *t).collect();
    let prose = seeds.join("\n\n");
    let flat: String = prose
        .chars()
        .filter(|c| !matches!(c, '.' | '!' | '?'))
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    b.add_init_script(WATCH)?;
    let mut rows = Vec::new();
    let cases = [
        (
            "1 MB of seed prose (the seeds repeated)",
            repeated(&prose, 1_000_000),
        ),
        (
            "1 MB of punctuation-free text (the seeds without . ! ? or line breaks)",
            repeated(&flat, 1_000_000),
        ),
    ];
    for (what, text) in cases {
        b.navigate(url)?;
        b.evaluate("localStorage.clear()")?;
        load_ready(b, url)?;
        b.evaluate(&format!(
            "(() => {{ document.getElementById('add-document').value = {}; window.__long = []; \
              window.__t0 = performance.now(); document.getElementById('add-document-submit').click(); }})()",
            serde_json::Value::String(text.clone())
        ))?;
        b.wait_for(
            SETTLED,
            Duration::from_secs(60),
            "the document to be added or refused",
        )?;
        rows.push(added(b, what, text.len(), "window.__t0")?);
    }
    let stored = repeated(&prose, 700_000);
    let entry = serde_json::json!([{"name": "Stored seeds", "text": stored}]).to_string();
    b.evaluate(&format!(
        "localStorage.setItem('soviets.documents', {})",
        serde_json::Value::String(entry)
    ))?;
    b.navigate(url)?;
    b.wait_for(
        SETTLED,
        Duration::from_secs(60),
        "the stored document to be restored",
    )?;
    rows.push(added(
        b,
        "restoring a stored 700 KB document (seed prose) at page load",
        stored.len(),
        "0",
    )?);
    b.evaluate("localStorage.clear()")?;

    let mut out = String::from(
        "| adding | bytes | the page's status | until the status said so | long tasks (> 50 ms), longest |\n| --- | ---: | --- | ---: | ---: |\n",
    );
    for a in rows {
        out += &format!(
            "| {} | {} | {} | {} | {}, {} |\n",
            a.what,
            a.bytes,
            a.status.replace('|', "/"),
            ms(a.total),
            a.long_tasks,
            if a.long_tasks == 0 {
                "none".to_string()
            } else {
                ms(a.longest)
            }
        );
    }
    Ok(out)
}

/// The figures of a settled addition timed from `since` (a JS expression).
fn added(b: &mut Browser, what: &'static str, bytes: usize, since: &str) -> Result<Added> {
    let v = b.evaluate(&format!(
        "(() => {{ const s = document.getElementById('document-status'); return {{ status: s.textContent, \
            tasks: s.dataset.tasks || '', total: (window.__statusAt || performance.now()) - {since}, long: window.__long }}; }})()"
    ))?;
    let long = numbers(&v["long"]);
    let status = v["status"].as_str().unwrap_or("").to_string();
    println!(
        "{what}: {status}\n  the page's tasks for it (ms): {}\n  long tasks (ms): {long:?}",
        v["tasks"].as_str().unwrap_or("")
    );
    Ok(Added {
        what,
        bytes,
        status: crate::cdp::abbreviate(&status, 160),
        total: v["total"].as_f64().unwrap_or(f64::NAN),
        long_tasks: long.len(),
        longest: long.iter().copied().fold(0.0, f64::max),
    })
}

/// One load of the page as a reader sees it; times from navigation start.
#[derive(Debug)]
struct Reader {
    /// Bytes on the wire (headers included) the first paint waited for:
    /// the document and its render-blocking resources.
    blocking: f64,
    /// Bytes on the wire of every response that ended before the first
    /// contentful paint, the non-blocking ones that happened to arrive too.
    bytes_before_chart: f64,
    first_chart: f64,
    /// The module is fetched, compiled and running (`wasm-start`).
    module_start: f64,
    /// `start()` has wired every control (`interactive`).
    interactive: f64,
    /// `interactive` plus the delay from a real mouse move over a segment
    /// to the frame that shows its tooltip.
    first_tooltip: f64,
}

/// Turns Chromium's network emulation on (1.6 Mbit/s down, 750 kbit/s
/// up, 150 ms latency) or off.
fn emulate_network(b: &mut Browser, throttled: bool) -> Result<()> {
    let (latency, down, up) = if throttled {
        (150.0, 1_600_000.0 / 8.0, 750_000.0 / 8.0)
    } else {
        (0.0, -1.0, -1.0)
    };
    b.send(
        "Network.emulateNetworkConditions",
        serde_json::json!({"offline": false, "latency": latency,
            "downloadThroughput": down, "uploadThroughput": up}),
    )?;
    Ok(())
}

/// What the page reports after a load: paint, marks and bytes.
const READER_STATE: &str = r#"new Promise(done => {
  const check = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const ready = performance.getEntriesByName('interactive')[0];
    if (!fcp || !ready) return setTimeout(check, 10);
    const nav = performance.getEntriesByType('navigation')[0];
    let bytes = nav.responseEnd <= fcp.startTime ? nav.transferSize : 0;
    let blocking = nav.transferSize;
    for (const r of performance.getEntriesByType('resource')) {
      if (r.responseEnd <= fcp.startTime) bytes += r.transferSize;
      if (r.renderBlockingStatus === 'blocking') blocking += r.transferSize;
    }
    const start = performance.getEntriesByName('wasm-start')[0];
    done({ bytes, blocking, fcp: fcp.startTime, start: start ? start.startTime : NaN,
      interactive: ready.startTime, svg: !!document.getElementById('faction-prerender') });
  };
  check();
})"#;

/// Arms the page to time the next mouse move over the faction chart until
/// the frame that shows the tooltip; returns the point to move to.
const TOOLTIP_SETUP: &str = r#"(() => {
  const c = document.getElementById('faction-chart');
  c.scrollIntoView({ block: 'center', behavior: 'instant' });
  const r = c.getBoundingClientRect();
  const seg = window.soviets.regions('faction-chart').find(g => g.kind === 'segment' && g.event === 'congress-of-soviets-2' && g.faction === 'bolsheviks');
  const tip = document.getElementById('tooltip');
  window.__tip = new Promise(done => {
    let moved = NaN;
    c.addEventListener('mousemove', e => { if (isNaN(moved)) moved = e.timeStamp; }, { capture: true });
    new MutationObserver((_, obs) => {
      if (tip.hidden) return;
      obs.disconnect();
      requestAnimationFrame(() => done(performance.now() - moved));
    }).observe(tip, { attributes: true, attributeFilter: ['hidden'] });
  });
  return { x: r.left + seg.x + seg.w / 2, y: r.top + seg.y + seg.h / 2 };
})()"#;

fn reader_load(b: &mut Browser, url: &str, throttled: bool) -> Result<Reader> {
    emulate_network(b, throttled)?;
    b.navigate(url)?;
    let s = b.evaluate(READER_STATE)?;
    let n = |k: &str| s[k].as_f64().unwrap_or(f64::NAN);
    emulate_network(b, false)?;
    let p = b.evaluate(TOOLTIP_SETUP)?;
    let (x, y) = (
        p["x"].as_f64().unwrap_or(0.0),
        p["y"].as_f64().unwrap_or(0.0),
    );
    // Settle, then move onto the segment.
    b.mouse_move(2.0, 2.0)?;
    b.mouse_move(x, y)?;
    let delay = b.evaluate("window.__tip")?.as_f64().unwrap_or(f64::NAN);
    let r = Reader {
        blocking: n("blocking"),
        bytes_before_chart: n("bytes"),
        first_chart: n("fcp"),
        module_start: n("start"),
        interactive: n("interactive"),
        first_tooltip: n("interactive") + delay,
    };
    println!(
        "reader load ({}): the first chart waited for {} ({} arrived before it) at {}; module running at {}, interactive at {}, tooltip {} after a move",
        if throttled { "throttled" } else { "unthrottled" },
        size::kb(r.blocking as u64),
        size::kb(r.bytes_before_chart as u64),
        ms(r.first_chart),
        ms(r.module_start),
        ms(r.interactive),
        ms(delay)
    );
    Ok(r)
}

/// Hover and redraw numbers for the data the page shows now.
fn interaction(b: &mut Browser) -> Result<Interaction> {
    let segments = b.evaluate(HOVER_SETUP)?.as_u64().unwrap_or(0);
    if segments == 0 {
        return Err("regions('faction-chart') has no segment to hover".into());
    }
    let before = b.metrics()?;
    let r = b.evaluate(&hover_loop())?;
    let after = b.metrics()?;
    let times = numbers(&r["times"]);
    let delta = |name: &str| metric(&after, name) - metric(&before, name);
    let mut each = [f64::NAN; 3];
    for (m, id) in each
        .iter_mut()
        .zip(["faction-chart", "compare-chart", "vote-chart"])
    {
        *m = median(&numbers(&b.evaluate(&redraw_loop(&format!("'{id}'")))?));
    }
    let redraws = numbers(&b.evaluate(&redraw_loop("undefined"))?);
    Ok(Interaction {
        segments,
        hover_mean: r["total"].as_f64().unwrap_or(f64::NAN) / HOVERS as f64,
        hover_median: median(&times),
        hover_p95: percentile(&times, 95.0),
        layouts: delta("LayoutCount"),
        recalcs: delta("RecalcStyleCount"),
        tooltip_shown: r["tooltip"] == Value::Bool(true),
        redraw_each_median: each,
        redraw_median: median(&redraws),
    })
}

/// The seat chart (issue 13): its redraw, and hovering its dots.
#[derive(Debug)]
struct Seats {
    dots: u64,
    redraw_median: f64,
    hover_mean: f64,
    hover_p95: f64,
    /// Fills and strokes on the seat chart's own canvas during hovers.
    chart_draws: u64,
}

/// Hovers every wedge's dots of `#seat-chart` (timed), then hovers again
/// counting drawing calls on the chart's canvas (none: the outline is on
/// the overlay), then times redraws.
const SEAT_HOVER: &str = r#"(async () => {
  const c = document.getElementById('seat-chart');
  c.scrollIntoView({ block: 'center', behavior: 'instant' });
  await new Promise(requestAnimationFrame);
  await new Promise(requestAnimationFrame);
  const rect = c.getBoundingClientRect();
  const dots = window.soviets.regions('seat-chart').filter(r => r.kind !== 'column');
  const step = Math.max(1, Math.floor(dots.length / 97));
  const pts = dots.filter((_, i) => i % step === 0)
    .map(r => [rect.left + r.x + r.w / 2, rect.top + r.y + r.h / 2]);
  const move = (i) => c.dispatchEvent(new MouseEvent('mousemove',
    { clientX: pts[i % pts.length][0], clientY: pts[i % pts.length][1], bubbles: true, view: window }));
  const times = [];
  const start = performance.now();
  for (let i = 0; i < HOVERS; i++) {
    const t0 = performance.now();
    move(i);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  const P = CanvasRenderingContext2D.prototype;
  const saved = {};
  let draws = 0;
  for (const name of ['fill', 'fillRect', 'stroke', 'fillText', 'clearRect']) {
    saved[name] = P[name];
    P[name] = function (...a) { if (this.canvas === c) draws++; return saved[name].apply(this, a); };
  }
  try { for (let i = 0; i < 50; i++) move(i + 1); } finally { Object.assign(P, saved); }
  return { times, total, draws, dots: dots.length };
})()"#;

fn seats(b: &mut Browser) -> Result<Seats> {
    let r = b.evaluate(&SEAT_HOVER.replace("HOVERS", &HOVERS.to_string()))?;
    let times = numbers(&r["times"]);
    let redraws = numbers(&b.evaluate(&redraw_loop("'seat-chart'"))?);
    Ok(Seats {
        dots: r["dots"].as_u64().unwrap_or(0),
        redraw_median: median(&redraws),
        hover_mean: r["total"].as_f64().unwrap_or(f64::NAN) / HOVERS as f64,
        hover_p95: percentile(&times, 95.0),
        chart_draws: r["draws"].as_u64().unwrap_or(0),
    })
}

fn seats_table(seed: &Seats, synthetic: &Seats) -> String {
    let cell = |f: &dyn Fn(&Seats) -> String| format!("{} | {}", f(seed), f(synthetic));
    let mut out = String::new();
    out += "| seat chart (small multiples) | seed data | synthetic: 100 events × 30 factions |
| --- | ---: | ---: |
";
    out += &format!(
        "| dots (hit regions) | {} |
",
        cell(&|s| s.dots.to_string())
    );
    out += &format!(
        "| redraw, median of {REDRAWS} (budget 8 ms) | {} |
",
        cell(&|s| ms(s.redraw_median))
    );
    out += &format!(
        "| hover: mousemove handler, mean of {HOVERS}; p95 (budget 1 ms) | {} |
",
        cell(&|s| format!("{:.3} ms; {}", s.hover_mean, ms(s.hover_p95)))
    );
    out += &format!(
        "| drawing calls on the chart's canvas during 50 hovers (no redraw) | {} |
",
        cell(&|s| s.chart_draws.to_string())
    );
    out
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

fn metric(ms: &[(String, f64)], name: &str) -> f64 {
    ms.iter().find(|(n, _)| n == name).map_or(0.0, |(_, v)| *v)
}

fn ms(v: f64) -> String {
    if v.is_nan() {
        "n/a".into()
    } else if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.1} ms")
    }
}

/// The median (mean of the middle two for an even count); NaN if empty.
pub fn median(xs: &[f64]) -> f64 {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The nearest-rank `p`th percentile; NaN if empty.
pub fn percentile(xs: &[f64], p: f64) -> f64 {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil().max(1.0) as usize;
    v[rank.min(v.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn percentiles() {
        let xs: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&xs, 95.0), 95.0);
        assert_eq!(percentile(&xs, 100.0), 100.0);
        assert_eq!(percentile(&[7.0], 95.0), 7.0);
        assert_eq!(percentile(&[1.0, 2.0], 0.0), 1.0);
    }

    #[test]
    fn milliseconds() {
        assert_eq!(ms(0.123), "0.12 ms");
        assert_eq!(ms(12.34), "12.3 ms");
        assert_eq!(ms(f64::NAN), "n/a");
    }
}
