//! Browser tests of the first chart (issue 14): the faction chart drawn at
//! build time is in the page before any script runs, and the live canvas
//! takes its place without moving anything.

use super::{ensure, num, Ctx, Test, UI_TIMEOUT};
use crate::Result;
use serde_json::{json, Value};

pub const TESTS: &[(&str, Test)] = &[
    ("first_chart_without_javascript", without_javascript),
    (
        "prerender_replaced_without_layout_shift",
        replaced_without_shift,
    ),
    ("prerender_looks_like_the_canvas", looks_like_the_canvas),
];

/// Draws the pre-rendered SVG (from the served `index.html`) and the live
/// canvas at the canvas's backing size, and counts the pixels that differ
/// clearly (any channel by more than 96 of 255) and slightly. The page's
/// CSP forbids `blob:` images, so the test lifts it for this page only.
const COMPARE: &str = r#"(async () => {
  const html = await (await fetch('./index.html')).text();
  const markup = html.slice(html.indexOf('<svg id="faction-prerender"'), html.indexOf('</svg>') + 6)
    .replace('<svg id="faction-prerender"', '<svg width="1120" height="630"');
  const img = new Image();
  img.src = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  await img.decode();
  const live = document.getElementById('faction-chart');
  const w = live.width, h = live.height;
  const c = document.createElement('canvas');
  c.width = w; c.height = h;
  const x = c.getContext('2d');
  x.drawImage(img, 0, 0, w, h);
  const a = x.getImageData(0, 0, w, h).data;
  const b = live.getContext('2d').getImageData(0, 0, w, h).data;
  let clear = 0, slight = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
    if (d > 96) clear++; else if (d > 16) slight++;
  }
  return { w, h, clear, slight, total: w * h };
})()"#;

/// The pre-rendered chart's box and what a reader can read in it.
const SVG_STATE: &str = "(() => { const s = document.getElementById('faction-prerender'); \
    if (!s) return null; const r = s.getBoundingClientRect(); \
    const titles = [...s.querySelectorAll('rect > title')].map(t => t.textContent); \
    return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height, \
      text: [...s.querySelectorAll('text')].map(t => t.textContent.trim()), titles, \
      label: s.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' '), \
      shown: getComputedStyle(s).display !== 'none' && getComputedStyle(s).visibility !== 'hidden', \
      ready: document.documentElement.dataset.ready || null }; })()";

/// Loads the page with JavaScript off and returns [`SVG_STATE`].
fn load_without_script(ctx: &mut Ctx) -> Result<Value> {
    ctx.browser.send(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    )?;
    let url = ctx.url.clone();
    let state = ctx
        .browser
        .navigate(&url)
        .and_then(|()| ctx.browser.evaluate(SVG_STATE));
    ctx.browser.send(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": false}),
    )?;
    state
}

/// With JavaScript disabled the faction chart is there, readable: its
/// axis title, tick labels, event labels and the Second Congress's 390,
/// a native tooltip per segment and a text alternative with every figure.
fn without_javascript(ctx: &mut Ctx) -> Result<()> {
    ctx.browser.set_viewport(1280, 900, 1.0)?;
    let s = load_without_script(ctx)?;
    ensure(!s.is_null(), || {
        "with JavaScript off the page has no #faction-prerender chart".into()
    })?;
    ensure(s["ready"].is_null(), || {
        format!(
            "JavaScript ran although disabled: data-ready is {}",
            s["ready"]
        )
    })?;
    ensure(
        s["shown"] == Value::Bool(true) && num(&s["w"])? > 300.0 && num(&s["h"])? > 200.0,
        || format!("the pre-rendered chart is not visible: {s}"),
    )?;
    let text: Vec<&str> = s["text"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for needle in ["390", "Delegates", "1,000", "2nd Congress"] {
        ensure(text.iter().any(|t| t.contains(needle)), || {
            format!("the pre-rendered chart has no text {needle:?}: {text:?}")
        })?;
    }
    let titles = s["titles"].to_string();
    ensure(
        titles.contains("2nd Congress, Bolsheviks, 390 delegates, 60.1 percent"),
        || format!("no native tooltip for the Second Congress's Bolsheviks: {titles}"),
    )?;
    let label = s["label"].as_str().unwrap_or("");
    ensure(
        label.contains("Faction strength") && label.contains("390 delegates"),
        || format!("the chart's text alternative is {label:?}"),
    )?;
    // Dark mode comes from the stylesheet, still without script.
    let dark = json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]});
    ctx.browser.send("Emulation.setEmulatedMedia", dark)?;
    let fills = ctx.browser.evaluate(
        "['.f-bg', '.f-tx', '.sw-bolsheviks'].map(sel => { const e = document.querySelector(sel); \
         const s = getComputedStyle(e); return sel.startsWith('.sw') ? s.backgroundColor : s.fill; })",
    );
    ctx.browser
        .send("Emulation.setEmulatedMedia", json!({"features": []}))?;
    let fills = fills?;
    ensure(
        fills == json!(["rgb(22, 27, 34)", "rgb(230, 232, 235)", "rgb(213, 94, 0)"]),
        || format!("in dark mode the chart's background, text and Bolshevik swatch are {fills}"),
    )
}

/// With JavaScript on, the module paints the canvas in the box the SVG
/// had and removes the SVG: the box is the same to the pixel and a
/// `PerformanceObserver` sees no layout shift (CLS 0).
fn replaced_without_shift(ctx: &mut Ctx) -> Result<()> {
    ctx.browser.set_viewport(1280, 900, 1.0)?;
    let before = load_without_script(ctx)?;
    ensure(!before.is_null(), || "no pre-rendered chart".into())?;
    // The default view, then a link to another view, which the module
    // draws over the pre-rendered default in the same box.
    for hash in ["", "#mode=share&hide=bolsheviks"] {
        replaced_in(ctx, &before, hash).map_err(|e| format!("loading /{hash}: {e}"))?;
    }
    Ok(())
}

fn replaced_in(ctx: &mut Ctx, before: &Value, hash: &str) -> Result<()> {
    let url = format!("{}{hash}", ctx.url);
    ctx.browser.navigate("about:blank")?;
    ctx.browser.navigate(&url)?;
    ctx.wait_ready()?;
    ctx.browser.wait_for(
        "!document.getElementById('faction-prerender')",
        UI_TIMEOUT,
        "the pre-rendered chart to be removed",
    )?;
    let after = ctx.browser.evaluate(
        "(() => { const r = document.getElementById('faction-chart').getBoundingClientRect(); \
         return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height }; })()",
    )?;
    for k in ["x", "y", "w", "h"] {
        let (a, b) = (num(&before[k])?, num(&after[k])?);
        ensure((a - b).abs() < 0.5, || {
            format!("the canvas's box differs from the pre-rendered chart's: {k} {a} then {b}")
        })?;
    }
    // Every layout shift since navigation (buffered), after two frames.
    let cls = ctx.browser.evaluate(
        "new Promise(done => { let sum = 0, n = 0; const moved = []; \
           new PerformanceObserver(list => { for (const e of list.getEntries()) \
             if (!e.hadRecentInput) { sum += e.value; n += 1; \
               for (const s of e.sources || []) moved.push(s.node ? (s.node.id || s.node.className || s.node.nodeName) : '?'); } }) \
             .observe({ type: 'layout-shift', buffered: true }); \
           requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done({ sum, n, moved }), 50))); })",
    )?;
    ensure(num(&cls["sum"])? == 0.0, || {
        format!("the page's layout shifted while loading: {cls}")
    })
}

/// The pre-rendered chart and the live canvas show the same picture: bars,
/// grid and axis on the same pixels, text where the canvas puts it to
/// within the difference between the build's text measure and the
/// browser's fonts. Prints the share of differing pixels.
fn looks_like_the_canvas(ctx: &mut Ctx) -> Result<()> {
    ctx.browser.set_viewport(1280, 900, 1.0)?;
    ctx.browser
        .send("Page.setBypassCSP", json!({"enabled": true}))?;
    let result = ctx.load().and_then(|()| ctx.browser.evaluate(COMPARE));
    ctx.browser
        .send("Page.setBypassCSP", json!({"enabled": false}))?;
    let r = result?;
    let (clear, slight, total) = (num(&r["clear"])?, num(&r["slight"])?, num(&r["total"])?);
    println!(
        "    {}x{} pixels: {clear} ({:.3}%) differ clearly, {slight} ({:.3}%) slightly",
        r["w"],
        r["h"],
        100.0 * clear / total,
        100.0 * slight / total
    );
    ensure(total > 0.0 && clear / total < 0.008, || {
        format!("the pre-rendered chart and the canvas differ in {clear} of {total} pixels: {r}")
    })
}
