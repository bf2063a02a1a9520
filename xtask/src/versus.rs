//! The cost of hovering our faction chart beside a plain Chart.js page
//! showing the same data (issue 14, item 5), in one headless Chromium.
//!
//! The Chart.js page is written into `target/bench-chartjs/` (never into
//! the repository): Chart.js's UMD build from the npm registry at a pinned
//! version, checked against its SHA-256, a stacked bar chart of the seeds'
//! delegates per faction and congress on a canvas exactly as large as
//! ours, Chart.js's defaults otherwise (tooltips and animations on). The
//! project's own server serves it, with the page's Content-Security-Policy.
//!
//! On each page: real mouse moves (`Input.dispatchMouseEvent`) from one
//! bar segment's centre to the next, each followed by two animation
//! frames, between two readings of `Performance.getMetrics`. The figure
//! is the main thread's time per move, and the script, layout and style
//! parts of it; rounds alternate between the pages and the median is
//! reported. Then a Chromium trace of more moves on each page says where
//! the time goes: layout (and how many boxes), paint, the commit to the
//! compositor, and the canvases copied for it.

use crate::cdp::Browser;
use crate::serve::Server;
use crate::tools;
use crate::Result;
use serde_json::{json, Value};
use soviets::Corpus;
use std::path::PathBuf;
use std::time::Duration;

/// The Chart.js release compared with, from the npm registry.
pub const CHARTJS_VERSION: &str = "4.4.9";
/// SHA-256 of that release's `dist/chart.umd.js`.
const CHARTJS_SHA256: &str = "de315773454b6076b63990bfa05ce5155a37f71992c87d7bb5f9a2ea698697ef";
/// Mouse moves per round.
pub const MOVES: usize = 160;
/// Rounds per page, alternating; the median round is reported.
const ROUNDS: usize = 5;

/// `Performance.getMetrics` durations (seconds) read around the moves.
const DURATIONS: [&str; 4] = [
    "TaskDuration",
    "ScriptDuration",
    "LayoutDuration",
    "RecalcStyleDuration",
];

/// Per-move main-thread costs of one page, in milliseconds, in the order
/// of [`DURATIONS`]; the median over the rounds of each.
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    pub ms: [f64; 4],
}

impl Cost {
    pub fn task(&self) -> f64 {
        self.ms[0]
    }
}

/// Both pages' costs: ours, and Chart.js's with its defaults and with
/// its animations off.
#[derive(Debug)]
pub struct Versus {
    pub ours: Cost,
    pub chartjs: Cost,
    pub still: Cost,
    /// Each round's task time per move: ours, Chart.js's, and Chart.js's
    /// without animations.
    pub rounds: Vec<[f64; 3]>,
    /// The same three pages traced, after their last round.
    pub traces: [Breakdown; 3],
}

impl Versus {
    /// Ours over Chart.js's (defaults, then animations off), main-thread
    /// task time per move.
    pub fn ratios(&self) -> (f64, f64) {
        (
            self.ours.task() / self.chartjs.task(),
            self.ours.task() / self.still.task(),
        )
    }

    /// The Markdown table `cargo xtask bench` prints.
    pub fn table(&self) -> String {
        let mut out = format!(
            "Hovering the faction chart: main-thread time per mouse move ({MOVES} real moves from segment to segment, each followed by 2 frames; `Performance.getMetrics`; median of {ROUNDS} alternating rounds), beside Chart.js {CHARTJS_VERSION} showing the same data on a canvas of the same size.\n\n\
             | per move | this page | Chart.js, defaults (animations on) | ratio | Chart.js, animations off | ratio |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
        );
        let labels = ["all tasks", "script", "layout", "style recalculation"];
        for (k, label) in labels.iter().enumerate() {
            let (o, c, st) = (self.ours.ms[k], self.chartjs.ms[k], self.still.ms[k]);
            out += &format!(
                "| {label} | {o:.3} ms | {c:.3} ms | {} | {st:.3} ms | {} |\n",
                ratio(o, c),
                ratio(o, st)
            );
        }
        let (defaults, still) = self.ratios();
        let verdict = |r: f64| {
            if r <= 1.0 {
                "at most Chart.js's: met"
            } else {
                "**over** Chart.js's"
            }
        };
        out += &format!(
            "\nAll tasks per move, this page over Chart.js: {defaults:.2}× its defaults ({}), {still:.2}× without its animations ({}).\n",
            verdict(defaults),
            verdict(still)
        );
        out += &format!(
            "\nWhere the time goes, per move, from a Chromium trace of {TRACED} more moves on each page (the page's main thread):\n\n\
             | per move (trace) | this page | Chart.js, defaults | Chart.js, animations off |\n| --- | ---: | ---: | ---: |\n"
        );
        let row = |label: &str, f: &dyn Fn(&Breakdown) -> String| {
            format!(
                "| {label} | {} | {} | {} |\n",
                f(&self.traces[0]),
                f(&self.traces[1]),
                f(&self.traces[2])
            )
        };
        out += &row("all tasks", &|t| format!("{:.2} ms", t.tasks));
        out += &row("layout (boxes laid out each time)", &|t| {
            format!("{:.2} ms ({:.0})", t.layout, t.boxes)
        });
        out += &row("paint", &|t| format!("{:.2} ms", t.paint));
        out += &row("commit to the compositor", &|t| {
            format!("{:.2} ms", t.commit)
        });
        out += &row("of which canvases copied for it (how many)", &|t| {
            format!("{:.2} ms ({:.1})", t.copy_time, t.copies)
        });
        out += &format!(
            "\nEach round's task time per move (this page / Chart.js / Chart.js without animations, ms): {}\n",
            self.rounds
                .iter()
                .map(|r| format!("{:.2} / {:.2} / {:.2}", r[0], r[1], r[2]))
                .collect::<Vec<_>>()
                .join("; ")
        );
        out
    }
}

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 && a.is_finite() {
        format!("{:.2}×", a / b)
    } else {
        "n/a".into()
    }
}

/// The Chart.js page's files: its HTML (no inline script or style, so it
/// lives with the same policy as ours; our icon), stylesheet and script.
fn chartjs_page(data: &Value) -> [(&'static str, String); 3] {
    let html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <title>Chart.js: delegates by faction</title>\n\
        <link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">\n\
        <link rel=\"stylesheet\" href=\"page.css\">\n\
        <script src=\"chart.umd.js\"></script>\n\
        <script src=\"bench.js\" defer></script>\n</head>\n<body>\n\
        <h1>Delegates by faction</h1>\n<div id=\"frame\"><canvas id=\"chart\" role=\"img\" \
        aria-label=\"Delegates of each faction at each congress\"></canvas></div>\n</body>\n</html>\n"
        .to_string();
    let css = "body { margin: 0 auto; padding: 0 1rem; font-family: system-ui, sans-serif; }\n\
        #frame { position: relative; }\n"
        .to_string();
    let js = format!(
        r#"// The seeds' delegates per faction and congress, as a stacked bar chart
// with Chart.js's defaults; the canvas is as large as the hash says.
const data = {data};
// '#WxH' sizes the canvas; '#WxH,still' turns Chart.js's animations off.
const [size, still] = location.hash.slice(1).split(',');
const [w, h] = (size || '1120x630').split('x').map(Number);
const frame = document.getElementById('frame');
frame.style.width = w + 'px';
frame.style.height = h + 'px';
window.chart = new Chart(document.getElementById('chart'), {{
  type: 'bar',
  data,
  options: {{
    responsive: true,
    maintainAspectRatio: false,
    scales: {{ x: {{ stacked: true }}, y: {{ stacked: true }} }},
    animation: still === 'still' ? false : {{ onComplete: () => {{ window.chartReady = true; }} }},
  }},
}});
if (still === 'still') window.chartReady = true;
// The centre of every bar segment, in viewport coordinates.
window.segmentCentres = () => {{
  const r = window.chart.canvas.getBoundingClientRect();
  const pts = [];
  window.chart.data.datasets.forEach((d, i) => {{
    window.chart.getDatasetMeta(i).data.forEach((bar, j) => {{
      if (d.data[j] == null) return;
      const p = bar.getProps(['x', 'y', 'base'], true);
      pts.push({{ event: j, x: r.left + p.x, y: r.top + (p.y + p.base) / 2 }});
    }});
  }});
  return pts;
}};
"#
    );
    [("index.html", html), ("page.css", css), ("bench.js", js)]
}

/// The seeds' default view as Chart.js data: one label per event, one
/// dataset per faction in stacking order, `null` where a congress has no
/// figure for it.
fn chartjs_data() -> Value {
    let data = Corpus::seeds().dataset();
    let labels: Vec<&str> = data.events.iter().map(|e| e.short.as_str()).collect();
    let datasets: Vec<Value> = data
        .factions()
        .into_iter()
        .map(|f| {
            let counts: Vec<Value> = data
                .events
                .iter()
                .map(|e| {
                    e.segments
                        .iter()
                        .find(|s| s.faction == f)
                        .map_or(Value::Null, |s| json!(s.count()))
                })
                .collect();
            json!({"label": f.name(), "data": counts, "backgroundColor": f.hex()})
        })
        .collect();
    json!({"labels": labels, "datasets": datasets})
}

/// Chart.js's UMD build from the npm registry, fetched once into
/// `target/` and checked; returns its path.
fn chartjs_script() -> Result<PathBuf> {
    let package = tools::npm_package("chart.js", CHARTJS_VERSION, "the hover comparison")?;
    let script = package.join("dist").join("chart.umd.js");
    let out = tools::command("sha256sum", &[&script.to_string_lossy()])
        .output()
        .map_err(|e| format!("could not run sha256sum: {e}"))?;
    let sum = String::from_utf8_lossy(&out.stdout);
    if sum.split_whitespace().next() != Some(CHARTJS_SHA256) {
        return Err(format!(
            "{} is not Chart.js {CHARTJS_VERSION} as published (sha256 {}); delete it to fetch it again",
            script.display(),
            sum.trim()
        )
        .into());
    }
    Ok(script)
}

/// Writes the Chart.js page into `target/bench-chartjs/`; returns the
/// directory.
fn write_chartjs_page() -> Result<PathBuf> {
    let script = chartjs_script()?;
    let dir = tools::target_dir()?.join("bench-chartjs");
    std::fs::create_dir_all(&dir)?;
    std::fs::copy(&script, dir.join("chart.umd.js"))?;
    std::fs::copy(
        tools::root().join("www").join("favicon.svg"),
        dir.join("favicon.svg"),
    )?;
    for (name, text) in chartjs_page(&chartjs_data()) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(dir)
}

/// Waits for two animation frames, so what a move changed is painted.
const TWO_FRAMES: &str =
    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(0))))";

/// Our faction chart in view; the centre of each of its segments.
const OUR_POINTS: &str = r#"(async () => {
  const c = document.getElementById('faction-chart');
  c.scrollIntoView({ block: 'center', behavior: 'instant' });
  await new Promise(requestAnimationFrame);
  const rect = c.getBoundingClientRect();
  const segs = window.soviets.regions('faction-chart')
    .filter(r => r.kind === 'segment' && r.w > 0 && r.h > 0);
  return { size: Math.round(rect.width) + 'x' + Math.round(rect.height),
    points: segs.map(r => [rect.left + r.x + r.w / 2, rect.top + r.y + r.h / 2]) };
})()"#;

/// Chart.js's chart in view; the centre of each of its segments.
const CHARTJS_POINTS: &str = r#"(async () => {
  document.getElementById('chart').scrollIntoView({ block: 'center', behavior: 'instant' });
  await new Promise(requestAnimationFrame);
  return window.segmentCentres().map(p => [p.x, p.y]);
})()"#;

/// The points of a page, each a viewport (x, y).
fn points(v: &Value) -> Vec<(f64, f64)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// One round on the page loaded now: a warm-up pass over the points, then
/// [`MOVES`] timed moves; per-move milliseconds of each duration.
fn round(b: &mut Browser, pts: &[(f64, f64)]) -> Result<[f64; 4]> {
    b.mouse_move(2.0, 2.0)?;
    for &(x, y) in pts {
        b.mouse_move(x, y)?;
        b.evaluate(TWO_FRAMES)?;
    }
    let before = b.metrics()?;
    for i in 0..MOVES {
        let (x, y) = pts[i % pts.len()];
        b.mouse_move(x, y)?;
        b.evaluate(TWO_FRAMES)?;
    }
    let after = b.metrics()?;
    let get = |ms: &[(String, f64)], name: &str| {
        ms.iter()
            .find(|(n, _)| n == name)
            .map_or(f64::NAN, |(_, v)| *v)
    };
    let mut out = [0.0; 4];
    for (o, name) in out.iter_mut().zip(DURATIONS) {
        *o = (get(&after, name) - get(&before, name)) * 1000.0 / MOVES as f64;
    }
    Ok(out)
}

/// Loads our page at `url` and returns its chart's size and points.
fn load_ours(b: &mut Browser, url: &str) -> Result<(String, Vec<(f64, f64)>)> {
    crate::bench::load_ready(b, url)?;
    let v = b.evaluate(OUR_POINTS)?;
    let size = v["size"].as_str().unwrap_or("1120x630").to_string();
    Ok((size, points(&v["points"])))
}

/// Loads the Chart.js page with `hash` (the canvas's size, and whether
/// animations are off) and returns its points once the first animation
/// has ended.
fn load_chartjs(b: &mut Browser, url: &str, hash: &str) -> Result<Vec<(f64, f64)>> {
    b.navigate(&format!("{url}#{hash}"))?;
    b.wait_for(
        "window.chartReady === true",
        Duration::from_secs(10),
        "Chart.js's first animation to end",
    )?;
    Ok(points(&b.evaluate(CHARTJS_POINTS)?))
}

/// Measures both pages in `b`; `ours` is our page's URL.
pub fn measure(b: &mut Browser, ours: &str) -> Result<Versus> {
    let dir = write_chartjs_page()?;
    let server = Server::start(&dir, 0)?;
    let theirs = format!("{}/index.html", server.url());
    let mut rounds: [Vec<[f64; 4]>; 3] = Default::default();
    let mut traces = [Breakdown::default(); 3];
    for i in 0..ROUNDS {
        let last = i + 1 == ROUNDS;
        let (size, pts) = load_ours(b, ours)?;
        if pts.is_empty() {
            return Err("regions('faction-chart') has no segment to hover".into());
        }
        rounds[0].push(round(b, &pts)?);
        if last {
            traces[0] = traced(b, &pts)?;
        }
        for (k, hash) in [(1, size.clone()), (2, format!("{size},still"))] {
            let pts = load_chartjs(b, &theirs, &hash)?;
            if pts.is_empty() {
                return Err("the Chart.js page has no bar to hover".into());
            }
            rounds[k].push(round(b, &pts)?);
            if last {
                traces[k] = traced(b, &pts)?;
            }
        }
    }
    let errors = b.take_errors()?;
    if !errors.is_empty() {
        return Err(format!("console errors in the hover comparison: {errors:?}").into());
    }
    let median_of = |rs: &[[f64; 4]]| {
        let mut ms = [0.0; 4];
        for (k, m) in ms.iter_mut().enumerate() {
            *m = crate::bench::median(&rs.iter().map(|r| r[k]).collect::<Vec<_>>());
        }
        Cost { ms }
    };
    Ok(Versus {
        ours: median_of(&rounds[0]),
        chartjs: median_of(&rounds[1]),
        still: median_of(&rounds[2]),
        rounds: (0..ROUNDS)
            .map(|i| [rounds[0][i][0], rounds[1][i][0], rounds[2][i][0]])
            .collect(),
        traces,
    })
}

/// Moves in the traced pass.
const TRACED: usize = 40;

/// Where one page's main-thread time goes, from a trace of [`TRACED`]
/// moves: milliseconds per move, and counts per move.
#[derive(Debug, Clone, Copy, Default)]
pub struct Breakdown {
    /// Every task on the page's main thread (`RunTask`).
    pub tasks: f64,
    pub layout: f64,
    /// Boxes each layout visited (`totalObjects`), on average.
    pub boxes: f64,
    pub paint: f64,
    /// Handing the frame to the compositor (`Commit`), which includes
    /// copying canvases.
    pub commit: f64,
    /// Canvases copied for the compositor per move
    /// (`ProduceCanvasResource`), and the time the copies took.
    pub copies: f64,
    pub copy_time: f64,
}

/// The trace events of the page's main thread (the renderer's main
/// thread with the most complete events).
fn main_thread_events(trace: &Value) -> Vec<&Value> {
    let events: &[Value] = trace["traceEvents"]
        .as_array()
        .or(trace.as_array())
        .map_or(&[], Vec::as_slice);
    let id = |e: &Value| (e["pid"].as_u64(), e["tid"].as_u64());
    let mains: Vec<_> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .filter(|e| e["args"]["name"] == "CrRendererMain")
        .map(id)
        .collect();
    let complete = |e: &&Value| e["ph"] == "X" && e["dur"].is_number();
    let busiest = mains.iter().max_by_key(|m| {
        events
            .iter()
            .filter(complete)
            .filter(|e| id(e) == **m)
            .count()
    });
    let Some(main) = busiest else {
        return Vec::new();
    };
    let mut out: Vec<&Value> = events
        .iter()
        .filter(complete)
        .filter(|e| id(e) == *main)
        .collect();
    out.sort_by(|a, b| {
        let ts = |e: &Value| e["ts"].as_f64().unwrap_or(0.0);
        ts(a).total_cmp(&ts(b))
    });
    out
}

/// Sums a trace of `moves` moves into a [`Breakdown`].
fn breakdown(trace: &Value, moves: usize) -> Breakdown {
    let events = main_thread_events(trace);
    let per = |us: f64| us / 1000.0 / moves as f64;
    let dur = |e: &Value| e["dur"].as_f64().unwrap_or(0.0);
    let named = |name: &'static str| events.iter().copied().filter(move |e| e["name"] == name);
    // Only the outermost of nested events of one name.
    let outermost = |name: &'static str| {
        let mut end = f64::MIN;
        let mut total = 0.0;
        for e in named(name) {
            let ts = e["ts"].as_f64().unwrap_or(0.0);
            if ts >= end {
                total += dur(e);
                end = ts + dur(e);
            }
        }
        total
    };
    let layouts: Vec<&Value> = named("Layout").collect();
    let boxes = layouts
        .iter()
        .filter_map(|e| e["args"]["beginData"]["totalObjects"].as_f64())
        .fold(0.0, |a, b| a + b);
    let copies: Vec<&Value> = named("Canvas2DResourceProvider::ProduceCanvasResource").collect();
    Breakdown {
        tasks: per(outermost("RunTask")),
        layout: per(outermost("Layout")),
        boxes: boxes / layouts.len().max(1) as f64,
        paint: per(outermost("Paint")),
        commit: per(outermost("Commit")),
        copies: copies.len() as f64 / moves as f64,
        copy_time: per(copies.iter().map(|e| dur(e)).sum()),
    }
}

/// Traces [`TRACED`] moves over `pts` on the page loaded now.
fn traced(b: &mut Browser, pts: &[(f64, f64)]) -> Result<Breakdown> {
    b.send(
        "Tracing.start",
        json!({"transferMode": "ReturnAsStream", "traceConfig": {"includedCategories": [
            "devtools.timeline", "disabled-by-default-devtools.timeline", "blink"]}}),
    )?;
    for i in 0..TRACED {
        let (x, y) = pts[i % pts.len()];
        b.mouse_move(x, y)?;
        b.evaluate(TWO_FRAMES)?;
    }
    b.send("Tracing.end", json!({}))?;
    let done = b.wait_event("Tracing.tracingComplete", Duration::from_secs(60))?;
    let stream = done["stream"]
        .as_str()
        .ok_or("Tracing.tracingComplete gave no stream")?
        .to_string();
    let mut text = String::new();
    loop {
        let r = b.send("IO.read", json!({"handle": stream, "size": 1 << 20}))?;
        text += r["data"].as_str().unwrap_or("");
        if r["eof"] == Value::Bool(true) {
            break;
        }
    }
    b.send("IO.close", json!({"handle": stream}))?;
    Ok(breakdown(&serde_json::from_str(&text)?, TRACED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chartjs_data_is_the_seeds_faction_counts() {
        let d = chartjs_data();
        let labels = d["labels"].as_array().unwrap();
        let second = labels
            .iter()
            .position(|l| l == "2nd Congress")
            .expect("2nd Congress");
        let bolsheviks = d["datasets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["label"] == "Bolsheviks")
            .expect("Bolsheviks");
        assert_eq!(bolsheviks["data"][second], 390);
        assert_eq!(bolsheviks["backgroundColor"], "#d55e00");
    }

    #[test]
    fn the_page_has_no_inline_script_or_style() {
        let [(_, html), _, _] = chartjs_page(&json!({}));
        assert!(!html.contains("<script>") && !html.contains("style="));
        assert!(html.contains("src=\"chart.umd.js\""));
    }

    #[test]
    fn a_trace_is_summed_per_move() {
        let trace = json!({"traceEvents": [
            {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
            {"ph": "M", "name": "thread_name", "pid": 2, "tid": 2, "args": {"name": "CrRendererMain"}},
            {"ph": "X", "name": "RunTask", "pid": 1, "tid": 1, "ts": 0, "dur": 4000},
            {"ph": "X", "name": "Layout", "pid": 1, "tid": 1, "ts": 100, "dur": 1000,
             "args": {"beginData": {"totalObjects": 3}}},
            {"ph": "X", "name": "Paint", "pid": 1, "tid": 1, "ts": 1200, "dur": 800},
            {"ph": "X", "name": "Paint", "pid": 1, "tid": 1, "ts": 1300, "dur": 100},
            {"ph": "X", "name": "Commit", "pid": 1, "tid": 1, "ts": 2000, "dur": 1000},
            {"ph": "X", "name": "Canvas2DResourceProvider::ProduceCanvasResource", "pid": 1, "tid": 1, "ts": 2100, "dur": 300},
            {"ph": "X", "name": "Canvas2DResourceProvider::ProduceCanvasResource", "pid": 1, "tid": 1, "ts": 2500, "dur": 300},
            {"ph": "X", "name": "RunTask", "pid": 1, "tid": 1, "ts": 5000, "dur": 2000},
            {"ph": "X", "name": "RunTask", "pid": 2, "tid": 2, "ts": 0, "dur": 9000}
        ]});
        let b = breakdown(&trace, 2);
        assert_eq!(b.tasks, 3.0);
        assert_eq!(b.layout, 0.5);
        assert_eq!(b.boxes, 3.0);
        // The nested paint is inside the outer one.
        assert_eq!(b.paint, 0.4);
        assert_eq!(b.commit, 0.5);
        assert_eq!(b.copies, 1.0);
        assert_eq!(b.copy_time, 0.3);
    }

    #[test]
    fn ratios() {
        assert_eq!(ratio(1.0, 2.0), "0.50×");
        assert_eq!(ratio(1.0, 0.0), "n/a");
    }
}
