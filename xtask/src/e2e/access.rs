//! Browser tests of the data tables, keyboard, screen reader, touch, export, shareable links, dark mode and small screens (issue 5).

use super::{ensure, ensure_none, is_segment, num, Ctx, Test, SECOND, UI_TIMEOUT};
use crate::cdp::abbreviate;
use crate::tools;
use crate::Result;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// The tests, in the order they run.
pub const TESTS: &[(&str, Test)] = &[
    ("table_matches_chart", table_matches_chart),
    (
        "keyboard_focus_and_live_region",
        keyboard_focus_and_live_region,
    ),
    ("tap_shows_tooltip", tap_shows_tooltip),
    ("exports_parse", exports_parse),
    ("link_restores_view", link_restores_view),
    (
        "link_keeps_calendar_and_source",
        link_keeps_calendar_and_source,
    ),
    ("small_and_wide_screens", small_and_wide_screens),
    ("dark_mode", dark_mode),
    ("print_shows_tables", print_shows_tables),
    ("axe_audit", axe_audit),
];

/// The axe-core release the audit injects, from the npm registry.
const AXE_VERSION: &str = "4.10.3";
/// How long a download may take to land on disk.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(10);

fn tool(chart: &str, action: &str) -> String {
    format!(".chart-tools[data-chart=\"{chart}\"] button[data-action=\"{action}\"]")
}

/// The rows of a table as arrays of cell texts.
fn table_rows(ctx: &mut Ctx, id: &str) -> Result<Vec<Vec<String>>> {
    let v = ctx.browser.evaluate(&format!(
        "[...document.querySelectorAll('#{id} tbody tr')].map(tr => [...tr.cells].map(c => c.textContent))"
    ))?;
    Ok(v.as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    r.as_array()
                        .map(|cells| {
                            cells
                                .iter()
                                .map(|c| c.as_str().unwrap_or("").to_string())
                                .collect()
                        })
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default())
}

/// The faction table is a real table that lists what the chart draws, and
/// follows the legend.
fn table_matches_chart(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    ctx.click(&tool("factions", "table"))?;
    ctx.browser.wait_for(
        "__xt.visible('#faction-table') && document.querySelector('#faction-table caption').textContent.length > 10",
        UI_TIMEOUT,
        "the faction table with a caption to show after pressing Table",
    )?;
    let scopes = ctx.browser.evaluate(
        "({col: document.querySelectorAll('#faction-table thead th[scope=col]').length, \
          row: document.querySelectorAll('#faction-table tbody th[scope=row]').length, \
          rows: document.querySelectorAll('#faction-table tbody tr').length, \
          expanded: document.querySelector('.chart-tools[data-chart=factions] button[data-action=table]').getAttribute('aria-expanded')})",
    )?;
    ensure(
        num(&scopes["col"])? >= 5.0 && scopes["row"] == scopes["rows"],
        || format!("the faction table's headers lack scope: {scopes}"),
    )?;
    ensure(scopes["expanded"] == "true", || {
        format!("the Table button is not aria-expanded: {scopes}")
    })?;
    let rows = table_rows(ctx, "faction-table")?;
    let row = rows
        .iter()
        .find(|r| r.len() >= 6 && r[0] == "2nd Congress" && r[1] == "Bolsheviks")
        .ok_or_else(|| format!("no 2nd Congress Bolsheviks row in {} rows", rows.len()))?;
    ensure(
        row[2] == "390" && row[3] == "60.1%" && row[4].contains("390") && !row[5].is_empty(),
        || {
            format!("the 2nd Congress Bolsheviks row should say 390, 60.1% and quote its source: {row:?}")
        },
    )?;
    // One row per segment drawn, faction by faction.
    let regions = ctx.regions("faction-chart")?;
    let segments = regions.iter().filter(|r| r.kind == "segment").count();
    let named = rows
        .iter()
        .filter(|r| !r[1].starts_with("Total") && r[1] != "Unaccounted")
        .count();
    ensure(segments == named, || {
        format!("the chart draws {segments} faction segments, the table lists {named}")
    })?;
    ctx.click("#faction-legend button[data-faction=\"bolsheviks\"]")?;
    ctx.browser.wait_for(
        "![...document.querySelectorAll('#faction-table tbody tr')].some(tr => tr.cells[1].textContent === 'Bolsheviks')",
        UI_TIMEOUT,
        "the Bolsheviks rows to leave the table when the legend hides them",
    )?;
    // The vote table lists the First Congress vote.
    ctx.click(&tool("votes", "table"))?;
    ctx.browser.wait_for(
        "[...document.querySelectorAll('#vote-table tbody tr')].some(tr => tr.textContent.includes('543') && tr.textContent.includes('126'))",
        UI_TIMEOUT,
        "a vote table row with 543 for and 126 against",
    )
}

fn live(ctx: &mut Ctx) -> Result<String> {
    let v = ctx
        .browser
        .evaluate("(document.getElementById('chart-status') || {}).textContent || ''")?;
    Ok(v.as_str().unwrap_or("").to_string())
}

/// Presses Tab until the element `id` has focus.
fn tab_to(ctx: &mut Ctx, id: &str) -> Result<()> {
    for _ in 0..40 {
        ctx.browser.press_key("Tab")?;
        let active = ctx
            .browser
            .evaluate("document.activeElement && document.activeElement.id")?;
        if active == id {
            return Ok(());
        }
    }
    Err(format!("40 presses of Tab never focused #{id}").into())
}

/// Tab reaches the chart; arrows move the ring and the live region reads
/// the focused segment; Enter pins its source; Escape clears.
fn keyboard_focus_and_live_region(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let attrs = ctx.browser.evaluate(
        "(() => { const l = document.getElementById('chart-status'); return l && l.getAttribute('aria-live'); })()",
    )?;
    ensure(attrs == "polite", || {
        format!("#chart-status has aria-live {attrs}")
    })?;
    tab_to(ctx, "faction-chart")?;
    ctx.expect_tooltip(&[], "after tabbing to the chart")?;
    let target = "2nd Congress, Bolsheviks";
    let mut said = live(ctx)?;
    // Right to the 2nd Congress, then down to its bottom segment.
    for key in ["ArrowRight", "ArrowDown"] {
        let want = if key == "ArrowRight" {
            "2nd Congress, "
        } else {
            target
        };
        for _ in 0..12 {
            if said.starts_with(want) {
                break;
            }
            ctx.browser.press_key(key)?;
            said = live(ctx)?;
        }
    }
    ensure(
        said == "2nd Congress, Bolsheviks, 390 delegates, 60.1 percent",
        || format!("after ArrowRight presses the live region says {said:?}"),
    )?;
    ctx.expect_tooltip(
        &["390", "Bolsheviks"],
        "keyboard focus on the 2nd Congress Bolsheviks",
    )?;
    // The ring is drawn on the overlay, around the segment.
    let r = ctx.find_region("faction-chart", "2nd Congress Bolsheviks", |r| {
        is_segment(r, SECOND, "bolsheviks")
    })?;
    let ring = ctx.browser.evaluate(&format!(
        "(() => {{ const o = document.getElementById('faction-overlay'); const k = o.width / o.getBoundingClientRect().width; \
         const d = o.getContext('2d').getImageData(Math.floor({x} * k), Math.floor({y} * k), Math.ceil({w} * k), Math.ceil({h} * k)).data; \
         let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }})()",
        x = r.x,
        y = r.y,
        w = r.w,
        h = r.h
    ))?;
    ensure(num(&ring)? > 10.0, || {
        "no focus ring on the overlay around the focused segment".into()
    })?;
    ctx.browser.press_key("ArrowUp")?;
    let up = live(ctx)?;
    ensure(
        up.starts_with("2nd Congress, ") && !up.starts_with(target),
        || {
            format!("ArrowUp should move to another part of the 2nd Congress; the live region says {up:?}")
        },
    )?;
    ctx.browser.press_key("ArrowDown")?;
    let down = live(ctx)?;
    ensure(down.starts_with(target), || {
        format!("ArrowDown should come back; it says {down:?}")
    })?;
    ctx.browser.press_key("Enter")?;
    ctx.browser.wait_for(
        "(document.getElementById('chart-status').textContent || '').startsWith('Source shown')",
        UI_TIMEOUT,
        "Enter to announce the source",
    )?;
    ctx.expect_tooltip(&["“"], "the pinned source after Enter")?;
    ctx.browser.press_key("Escape")?;
    ctx.expect_tooltip_hidden("after Escape")?;
    // The next charts are reached and read the same way.
    for (id, needle) in [("compare-chart", "Congress, "), ("vote-chart", ", For ")] {
        tab_to(ctx, id)?;
        ctx.browser.press_key("ArrowDown")?;
        let said = live(ctx)?;
        ensure(said.contains(needle), || {
            format!("on #{id} ArrowDown should read a region out; the live region says {said:?}")
        })?;
        ctx.expect_tooltip(&["“"], &format!("keyboard focus on #{id}"))?;
    }
    Ok(())
}

/// On a touch screen a tap shows the tooltip, a second tap on the same
/// region opens its source, and a tap elsewhere hides the tooltip.
fn tap_shows_tooltip(ctx: &mut Ctx) -> Result<()> {
    ctx.browser.send(
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": true, "maxTouchPoints": 1}),
    )?;
    let result = (|| -> Result<()> {
        ctx.load()?;
        let canvas = "faction-chart";
        let r = ctx.find_region(canvas, "2nd Congress Bolsheviks", |r| {
            is_segment(r, SECOND, "bolsheviks")
        })?;
        let (x, y) = ctx.centre_point(canvas, &r)?;
        tap(ctx, x, y)?;
        ctx.expect_tooltip(
            &["390", "Bolsheviks"],
            "after tapping the 2nd Congress Bolsheviks",
        )?;
        // The first tap only showed the tooltip; a second opens the source.
        ensure(
            ctx.browser.evaluate("__xt.visible('#source-panel')")? == false,
            || "a first tap should not open the source panel".into(),
        )?;
        tap(ctx, x, y)?;
        ctx.browser.wait_for(
            "__xt.visible('#source-panel') && (document.getElementById('source-quote') || {}).textContent.includes('390')",
            UI_TIMEOUT,
            "a second tap to open the sentence with 390",
        )?;
        let header = ctx.browser.evaluate("__xt.box('h1')")?;
        tap(ctx, num(&header["x"])?, num(&header["y"])?)?;
        ctx.expect_tooltip_hidden("after tapping the heading")
    })();
    ctx.browser.send(
        "Emulation.setTouchEmulationEnabled",
        json!({"enabled": false}),
    )?;
    result
}

fn tap(ctx: &mut Ctx, x: f64, y: f64) -> Result<()> {
    let point = json!([{"x": x, "y": y, "id": 1}]);
    ctx.browser.send(
        "Input.dispatchTouchEvent",
        json!({"type": "touchStart", "touchPoints": point}),
    )?;
    ctx.browser.send(
        "Input.dispatchTouchEvent",
        json!({"type": "touchEnd", "touchPoints": []}),
    )?;
    Ok(())
}

/// Waits until `path` exists and is complete; returns its bytes.
fn wait_file(path: &Path) -> Result<Vec<u8>> {
    let deadline = Instant::now() + DOWNLOAD_TIMEOUT;
    loop {
        if let Ok(bytes) = std::fs::read(path) {
            if !bytes.is_empty() {
                return Ok(bytes);
            }
        }
        if Instant::now() >= deadline {
            let dir = path.parent().map(|d| {
                std::fs::read_dir(d)
                    .map(|r| {
                        r.filter_map(|e| e.ok())
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            });
            return Err(format!(
                "no download {} after {:.0}s (the folder has {:?})",
                path.display(),
                DOWNLOAD_TIMEOUT.as_secs_f64(),
                dir.unwrap_or_default()
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Presses a toolbar's download button and returns the file it saved.
pub(super) fn download(
    ctx: &mut Ctx,
    dir: &Path,
    chart: &str,
    action: &str,
    name: &str,
) -> Result<Vec<u8>> {
    ctx.click(&tool(chart, action))?;
    wait_file(&dir.join(name)).map_err(|e| format!("pressing {action} for {chart}: {e}").into())
}

/// A minimal RFC 4180 reader: rows of fields.
pub(super) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![Vec::new()];
    let mut field = String::new();
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => rows
                .last_mut()
                .map(|r| r.push(std::mem::take(&mut field)))
                .unwrap_or(()),
            ('\n', false) => {
                if let Some(r) = rows.last_mut() {
                    r.push(std::mem::take(&mut field));
                }
                rows.push(Vec::new());
            }
            _ => field.push(c),
        }
    }
    rows.retain(|r| !r.is_empty());
    rows
}

/// An empty folder `target/NAME` that the browser now downloads into.
pub(super) fn download_dir(ctx: &mut Ctx, name: &str) -> Result<std::path::PathBuf> {
    let dir = tools::target_dir()?.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    ctx.browser.send(
        "Browser.setDownloadBehavior",
        json!({"behavior": "allow", "downloadPath": dir.to_string_lossy()}),
    )?;
    Ok(dir)
}

/// PNG, SVG, CSV and JSON downloads parse and hold the 2nd Congress's 390
/// Bolsheviks; the PNG is twice the chart's CSS size.
fn exports_parse(ctx: &mut Ctx) -> Result<()> {
    let dir = download_dir(ctx, "e2e-downloads")?;
    ctx.load()?;
    let png = download(
        ctx,
        &dir,
        "factions",
        "png",
        "faction-strength-delegates.png",
    )?;
    ensure(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && &png[12..16] == b"IHDR",
        || "the PNG has no PNG signature and IHDR".into(),
    )?;
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let (w, h) = (be(&png[16..20]), be(&png[20..24]));
    let css = ctx.browser.evaluate(
        "(() => { const r = document.getElementById('faction-chart').getBoundingClientRect(); return {w: r.width, h: r.height}; })()",
    )?;
    let (cw, ch) = (num(&css["w"])?, num(&css["h"])?);
    ensure(
        f64::from(w) == 2.0 * cw.ceil() && f64::from(h) > 2.0 * ch.ceil(),
        || {
            format!("the PNG is {w}×{h}; the chart is {cw}×{ch} CSS pixels, so it should be {}× more than {} (title and source line included)", 2.0 * cw.ceil(), 2.0 * ch.ceil())
        },
    )?;
    let svg = String::from_utf8(download(
        ctx,
        &dir,
        "factions",
        "svg",
        "faction-strength-delegates.svg",
    )?)?;
    ensure(
        svg.contains("<svg")
            && svg.contains(">390</text>")
            && svg.contains("2nd Congress, Bolsheviks, 390 delegates"),
        || {
            format!(
                "the SVG lacks <svg>, a 390 label or Bolsheviks: {}",
                abbreviate(&svg, 200)
            )
        },
    )?;
    let csv = String::from_utf8(download(
        ctx,
        &dir,
        "factions",
        "csv",
        "faction-strength-delegates.csv",
    )?)?;
    let rows = parse_csv(&csv);
    ensure(
        rows.first()
            .is_some_and(|h| h.first().is_some_and(|c| c == "Event")),
        || format!("the CSV has no header row: {}", abbreviate(&csv, 200)),
    )?;
    ensure(
        rows.iter().any(|r| {
            r.len() >= 5
                && r[0] == "2nd Congress"
                && r[1] == "Bolsheviks"
                && r[2] == "390"
                && r[4].contains("390")
        }),
        || {
            format!(
                "the CSV has no 2nd Congress, Bolsheviks, 390 row with its quote: {}",
                abbreviate(&csv, 300)
            )
        },
    )?;
    let json: Value = serde_json::from_slice(&download(
        ctx,
        &dir,
        "factions",
        "json",
        "faction-strength-delegates.json",
    )?)?;
    let has_390 = json["documents"].as_array().is_some_and(|docs| {
        docs.iter().any(|d| {
            d["events"].as_array().is_some_and(|es| {
                es.iter().any(|e| {
                    e["id"] == SECOND
                        && e["factions"].as_array().is_some_and(|fs| {
                            fs.iter().any(|f| {
                                f["id"] == "bolsheviks"
                                    && f["count"] == 390
                                    && f["quote"].is_string()
                            })
                        })
                })
            })
        })
    });
    ensure(
        has_390 && json["conflicts"].is_array() && json["checks"].is_array(),
        || "the JSON is not the extract schema with the 2nd Congress's 390 Bolsheviks".into(),
    )?;
    // The comparison's files are named after the pair.
    let svg = String::from_utf8(download(
        ctx,
        &dir,
        "compare",
        "svg",
        "compare-1st-congress-vs-2nd-congress-delegates.svg",
    )?)?;
    ensure(svg.contains("390"), || {
        "the comparison SVG lacks 390".into()
    })
}

/// Loads the page at `hash` as a fresh document.
pub(super) fn load_at(ctx: &mut Ctx, hash: &str) -> Result<()> {
    let url = format!("{}?link{hash}", ctx.url);
    ctx.browser.navigate("about:blank")?;
    ctx.browser.navigate(&url)?;
    ctx.wait_ready()
}

/// A link with a view restores it; back and forward move between views;
/// a broken link says so and shows the defaults.
fn link_restores_view(ctx: &mut Ctx) -> Result<()> {
    let hash =
        format!("#chart=compare&mode=share&compare={SECOND},congress-of-soviets-1&hide=mensheviks");
    load_at(ctx, &hash)?;
    let view = "({share: document.getElementById('mode-share').checked, \
                 a: document.getElementById('compare-a').value, b: document.getElementById('compare-b').value, \
                 mensheviks: document.querySelector('#faction-legend button[data-faction=mensheviks]').getAttribute('aria-pressed'), \
                 drawn: window.soviets.regions('faction-chart').some(r => r.faction === 'mensheviks'), \
                 caption: document.querySelector('#compare-table caption').textContent, hash: location.hash, \
                 shown: (() => { const r = document.getElementById('compare-chart').getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })()})";
    let v = ctx.browser.evaluate(view)?;
    ensure(
        v["share"] == true
            && v["a"] == SECOND
            && v["b"] == "congress-of-soviets-1"
            && v["mensheviks"] == "false"
            && v["drawn"] == false
            && v["caption"]
                .as_str()
                .is_some_and(|c| c.contains("2nd Congress and 1st Congress"))
            && v["hash"] == hash.as_str()
            && v["shown"] == true,
        || format!("the link {hash} did not restore its view: {v}"),
    )?;
    // A change is a new history entry; back restores the view before it.
    ctx.click("#mode-absolute")?;
    ctx.browser.wait_for(
        "!location.hash.includes('mode=share')",
        UI_TIMEOUT,
        "the address to drop mode=share after choosing Delegates",
    )?;
    ctx.browser.evaluate("history.back()")?;
    ctx.browser.wait_for(
        "document.getElementById('mode-share').checked && location.hash.includes('mode=share')",
        UI_TIMEOUT,
        "Back to restore the share view",
    )?;
    ctx.click(&tool("compare", "link"))?;
    ctx.browser.wait_for(
        "(document.getElementById('view-notice').textContent || '').includes('#chart=compare')",
        UI_TIMEOUT,
        "Copy link to show the link it copied",
    )?;
    // A broken link: a notice, the defaults, no error.
    load_at(ctx, "#mode=purple&compare=nowhere,never")?;
    let v = ctx.browser.evaluate(
        "({notice: __xt.visible('#view-notice') && document.getElementById('view-notice').textContent, \
          share: document.getElementById('mode-share').checked, a: document.getElementById('compare-a').value})",
    )?;
    let notice = v["notice"].as_str().unwrap_or("");
    ensure(
        notice.contains("purple")
            && notice.contains("nowhere")
            && v["share"] == false
            && v["a"] == "congress-of-soviets-1",
        || format!("a broken link should show a notice and the defaults: {v}"),
    )
}

/// The leading calendar style and the chosen source go into the link, and
/// the link brings both back: New Style first, and the Second Congress's
/// 6 Menshevik-Internationalists of the source that gives 6.
fn link_keeps_calendar_and_source(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let chosen = ctx.choose_second_congress_source()?;
    ctx.click("#calendar-new-first")?;
    ctx.browser.wait_for(
        "location.hash.includes('calendar=new') && location.hash.includes('source=')",
        UI_TIMEOUT,
        "the address to name the calendar style and the source",
    )?;
    let hash = ctx.browser.evaluate("location.hash")?;
    let hash = hash.as_str().unwrap_or_default().to_string();
    load_at(ctx, &hash)?;
    let v = ctx.browser.evaluate(
        "({source: document.getElementById('source-select').value, \
          newFirst: document.getElementById('calendar-new-first').checked, \
          calendar: document.documentElement.dataset.calendar, \
          option: document.getElementById('compare-b').selectedOptions[0].textContent, \
          notice: __xt.visible('#view-notice')})",
    )?;
    ensure(
        v["source"] == chosen
            && v["newFirst"] == true
            && v["calendar"] == "new"
            && v["option"]
                .as_str()
                .is_some_and(|o| o.contains("7–9 Nov (25–27 Oct) 1917"))
            && v["notice"] == false,
        || format!("the link {hash} did not restore the calendar and source: {v}"),
    )?;
    ctx.expect_segment_tooltip(
        SECOND,
        "menshevik-internationalists",
        &["6 delegates", "7–9 Nov (25–27 Oct) 1917"],
        "the Second Congress's Menshevik-Internationalists with the restored source and calendar",
    )
}

fn no_sideways_scroll(ctx: &mut Ctx, width: u32) -> Result<()> {
    let sw = ctx
        .browser
        .evaluate("document.documentElement.scrollWidth")?;
    ensure(num(&sw)? <= f64::from(width), || {
        format!("at {width} px the page scrolls sideways: scrollWidth is {sw}")
    })
}

/// Open tables, toolbars and charts fit a 360 px phone and a 2560 px
/// screen without sideways scrolling, and the charts stay sharp.
fn small_and_wide_screens(ctx: &mut Ctx) -> Result<()> {
    let result = (|| -> Result<()> {
        for (w, h, dpr) in [(360, 740, 2.0), (2560, 1440, 1.0)] {
            ctx.browser.set_viewport(w, h, dpr)?;
            ctx.load()?;
            ctx.click(&tool("factions", "table"))?;
            ctx.click(&tool("votes", "table"))?;
            ctx.browser
                .wait_for("__xt.visible('#vote-table')", UI_TIMEOUT, "the vote table")?;
            no_sideways_scroll(ctx, w)?;
            super::check_backing_stores(ctx).map_err(|e| format!("at {w} px: {e}"))?;
            if w == 360 {
                ctx.browser.evaluate(
                    "document.getElementById('faction-table').scrollIntoView({block: 'start', inline: 'start', behavior: 'instant'}); __xt.settle()",
                )?;
                let shot = ctx.screenshots.join("page-360-table.png");
                ctx.browser.screenshot(&shot, false)?;
            }
        }
        Ok(())
    })();
    ctx.browser.set_viewport(1280, 900, 1.0)?;
    result
}

fn set_dark(ctx: &mut Ctx, dark: bool) -> Result<()> {
    let value = if dark { "dark" } else { "light" };
    ctx.browser.send(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": value}]}),
    )?;
    Ok(())
}

/// In a dark colour scheme the page and the charts are dark.
fn dark_mode(ctx: &mut Ctx) -> Result<()> {
    set_dark(ctx, true)?;
    let result = (|| -> Result<()> {
        ctx.load()?;
        let v = ctx.browser.evaluate(
            "(() => { const c = document.getElementById('faction-chart'); const d = c.getContext('2d').getImageData(1, 1, 1, 1).data; \
             return {page: getComputedStyle(document.documentElement).backgroundColor, chart: [d[0], d[1], d[2]]}; })()",
        )?;
        let dark_chart = v["chart"]
            .as_array()
            .is_some_and(|c| c.iter().all(|x| x.as_f64().is_some_and(|x| x < 60.0)));
        ensure(v["page"] == "rgb(22, 27, 34)" && dark_chart, || {
            format!("in dark mode the page and chart background should be dark: {v}")
        })?;
        ctx.browser
            .screenshot(&ctx.screenshots.join("page-dark.png"), false)?;
        // Switching back redraws in the light palette.
        set_dark(ctx, false)?;
        ctx.browser.wait_for(
            "(() => { const d = document.getElementById('faction-chart').getContext('2d').getImageData(1, 1, 1, 1).data; return d[0] > 200; })()",
            UI_TIMEOUT,
            "the chart to redraw light when the scheme turns light",
        )
    })();
    set_dark(ctx, false)?;
    result
}

/// Printing shows every table, closed or not, and hides the controls.
fn print_shows_tables(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    ctx.browser
        .send("Emulation.setEmulatedMedia", json!({"media": "print"}))?;
    // What the browser does when it prints; closed tables fill then.
    ctx.browser
        .evaluate("window.dispatchEvent(new Event('beforeprint'))")?;
    let v = ctx.browser.evaluate(
        "({rows: document.querySelectorAll('#faction-table tbody tr').length, tables: ['#faction-table', '#vote-table', '#compare-table'].map(s => __xt.visible(s)), \
          tools: [...document.querySelectorAll('.chart-tools, .controls')].map(e => getComputedStyle(e).display)})",
    );
    ctx.browser
        .send("Emulation.setEmulatedMedia", json!({"media": ""}))?;
    let v = v?;
    let tables_shown = v["tables"]
        .as_array()
        .is_some_and(|t| t.iter().all(|x| x == true))
        && v["rows"].as_u64().is_some_and(|n| n > 0);
    let tools_hidden = v["tools"]
        .as_array()
        .is_some_and(|t| !t.is_empty() && t.iter().all(|x| x == "none"));
    ensure(tables_shown && tools_hidden, || {
        format!("in print, tables should show and controls hide: {v}")
    })
}

/// axe-core from the npm registry, fetched once into `target/` at a pinned
/// version; returns its script.
fn axe_source() -> Result<String> {
    let package = tools::npm_package("axe-core", AXE_VERSION, "the accessibility audit")?;
    let script = package.join("axe.min.js");
    std::fs::read_to_string(&script)
        .map_err(|e| format!("could not read {}: {e}", script.display()).into())
}

/// Runs axe on the page as it is; returns the serious and critical violations.
fn audit(ctx: &mut Ctx, axe: &str) -> Result<Vec<String>> {
    ctx.browser.evaluate(&format!("{axe}\n;0"))?;
    let v = ctx.browser.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations \
           .filter(v => v.impact === 'serious' || v.impact === 'critical') \
           .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))",
    )?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default())
}

/// axe-core finds no serious or critical violation, light or dark, with
/// the tables open.
fn axe_audit(ctx: &mut Ctx) -> Result<()> {
    let axe = axe_source()?;
    let mut found = Vec::new();
    for dark in [false, true] {
        set_dark(ctx, dark)?;
        let r = (|| -> Result<Vec<String>> {
            ctx.load()?;
            ctx.click(&tool("factions", "table"))?;
            ctx.click(&tool("votes", "table"))?;
            audit(ctx, &axe)
        })();
        set_dark(ctx, false)?;
        let scheme = if dark { "dark" } else { "light" };
        found.extend(r?.into_iter().map(|v| format!("({scheme}) {v}")));
    }
    ensure_none(&found, &format!("axe-core {AXE_VERSION} reports"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reader_handles_quotes() {
        let rows = parse_csv("a,b\n\"x, \"\"y\"\"\",2\n");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["x, \"y\"", "2"]]);
    }

    #[test]
    fn toolbar_selectors() {
        assert_eq!(
            tool("votes", "png"),
            ".chart-tools[data-chart=\"votes\"] button[data-action=\"png\"]"
        );
    }
}
