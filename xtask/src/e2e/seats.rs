//! Browser tests of the seat charts (issue 13): the row of hemicycles is
//! hovered, walked by keyboard and exported like the other charts, the
//! comparison switches between bars and seats through the address, and the
//! links under the row open an event beside the one before it; the row
//! shows an elected body's members when the reader chooses one.

use super::{ensure, is_segment, js, num, Ctx, Test, FIRST, SECOND, UI_TIMEOUT};
use crate::cdp::abbreviate;
use crate::Result;
use std::path::Path;
use std::time::{Duration, Instant};

/// The tests, in the order they run.
pub const TESTS: &[(&str, Test)] = &[
    ("seats_hover_wedge", seats_hover_wedge),
    ("seats_elected_body", seats_elected_body),
    (
        "seats_compare_through_the_address",
        seats_compare_through_the_address,
    ),
    ("seats_keyboard", seats_keyboard),
    ("seats_links_open_compare", seats_links_open_compare),
    ("seats_export_svg_and_png", seats_export_svg_and_png),
    ("seats_screenshots", seats_screenshots),
];

const CHART: &str = "seat-chart";

/// The Second Congress's Bolsheviks in the tooltip: the count, the
/// faction and the sentence that gives both (every seed's says "649").
const NEEDLES: [&str; 4] = ["390", "Bolsheviks", "“", "649"];

fn live(ctx: &mut Ctx) -> Result<String> {
    let v = ctx
        .browser
        .evaluate("(document.getElementById('chart-status') || {}).textContent || ''")?;
    Ok(v.as_str().unwrap_or("").to_string())
}

/// Hovering a dot of the Second Congress's Bolshevik wedge shows 390 and
/// its quote; the hover outline is drawn on the overlay, not the chart.
fn seats_hover_wedge(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let regions = ctx.regions(CHART)?;
    let wedge: Vec<_> = regions
        .iter()
        .filter(|r| is_segment(r, SECOND, "bolsheviks"))
        .cloned()
        .collect();
    ensure(wedge.len() > 5, || {
        format!(
            "the seat chart has {} regions for the 2nd Congress's Bolsheviks; a wedge is many dots",
            wedge.len()
        )
    })?;
    // The first dot and the last of the wedge read the same.
    for r in [&wedge[1], &wedge[wedge.len() - 1]] {
        ctx.hover_centre(CHART, r)?;
        let tip = ctx.expect_tooltip(&NEEDLES, "a dot of the 2nd Congress's Bolshevik wedge")?;
        ensure(tip.contains("2nd") || tip.contains("Second"), || {
            format!(
                "the tooltip does not name the event: {}",
                abbreviate(&tip, 200)
            )
        })?;
        // Documents by their titles, not their file names.
        ensure(
            tip.contains("Encyclopedia") && !tip.contains(".txt"),
            || {
                format!(
                    "the tooltip should name its document by title: {}",
                    abbreviate(&tip, 400)
                )
            },
        )?;
    }
    // The whole wedge is outlined, not only the dot under the pointer: the
    // wedge's first dot is lit on the overlay, another faction's dot is not.
    let other = regions
        .iter()
        .find(|r| r.kind == "segment" && r.event == SECOND && r.faction != "bolsheviks")
        .ok_or("no other faction's seat in the 2nd Congress")?;
    let rect = |r: &super::Region| format!("{{x: {}, y: {}, w: {}, h: {}}}", r.x, r.y, r.w, r.h);
    let lit = ctx.browser.evaluate(&format!(
        "(() => {{ const o = document.getElementById('seat-overlay'); const k = o.width / o.getBoundingClientRect().width; \
          const c = o.getContext('2d'); const lit = (r) => {{ const d = c.getImageData(Math.floor(r.x * k), Math.floor(r.y * k), \
          Math.max(1, Math.ceil(r.w * k)), Math.max(1, Math.ceil(r.h * k))).data; \
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }}; \
          return [lit({}), lit({})]; }})()",
        rect(&wedge[0]),
        rect(other)
    ))?;
    ensure(lit == serde_json::json!([true, false]), || {
        format!("hovering the wedge's last dot should outline its first dot and no other faction's: {lit}")
    })?;
    ctx.hover_off(CHART)?;
    ctx.expect_tooltip_hidden("after moving off the seat chart")
}

/// Choosing the Central Executive Committee redraws the row as its
/// members: a Bolshevik seat reads 62 of 101 and the sentence that gives
/// them, a click opens that sentence, ten seats are unaccounted, the
/// address keeps the choice and a link with it opens on the body.
fn seats_elected_body(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let options = ctx.browser.evaluate(
        "[...document.querySelectorAll('#seat-body option')].map(o => o.textContent).join('|')",
    )?;
    ensure(
        options == "Delegates|Central Executive Committee|Presidium",
        || format!("the seat chart's selector lists {options}, not what the seeds give"),
    )?;
    ctx.browser.evaluate(
        "(() => { const s = document.getElementById('seat-body'); s.focus(); \
         s.value = 'central_executive_committee'; s.dispatchEvent(new Event('change', {bubbles: true})); })()",
    )?;
    let bolsheviks = format!(
        "window.soviets.regions('seat-chart').filter(r => r.kind === 'segment' && r.event === '{SECOND}' && r.faction === 'bolsheviks').length"
    );
    ctx.browser.wait_for(
        &format!("location.hash.includes('body=central_executive_committee') && {bolsheviks} === 63"),
        UI_TIMEOUT,
        "the row to show the CEC's 62 Bolsheviks (and their wedge's stop), with body= in the address",
    )?;
    let regions = ctx.regions(CHART)?;
    let unaccounted = regions
        .iter()
        .filter(|r| r.kind == "remainder" && r.event == SECOND)
        .count();
    ensure(unaccounted == 10 + 1, || {
        format!("the CEC's unaccounted wedge has {unaccounted} regions, not 10 seats and its stop")
    })?;
    let r = regions
        .iter()
        .filter(|r| is_segment(r, SECOND, "bolsheviks"))
        .nth(5)
        .cloned()
        .ok_or("no Bolshevik seat of the CEC")?;
    ctx.hover_centre(CHART, &r)?;
    let needles = [
        "Central Executive Committee",
        "Bolsheviks: 62 members",
        "of 101 members",
        "“",
        "62 Bolsheviks and 29",
        // The document by its title.
        "Soviet Deputies, Second",
    ];
    ctx.expect_tooltip(&needles, "a Bolshevik seat of the 2nd Congress's CEC")?;
    let (x, y) = ctx.centre_point(CHART, &r)?;
    ctx.browser.click(x, y)?;
    ctx.browser.wait_for(
        "__xt.visible('#source-panel') && (document.getElementById('source-quote') || {}).textContent.includes('consisting of 101')",
        UI_TIMEOUT,
        "a click on a CEC seat to open the sentence that gives the body",
    )?;
    ctx.click("#source-close")?;
    // The exports are of the body shown.
    let dir = super::access::download_dir(ctx, "e2e-downloads-seat-body")?;
    let csv = String::from_utf8(download(
        ctx,
        &dir,
        "csv",
        "seats-central-executive-committee.csv",
    )?)?;
    ensure(
        csv.contains("Central Executive Committee") && csv.contains("62") && !csv.contains("390"),
        || {
            format!(
                "the seat CSV should be the CEC's: {}",
                abbreviate(&csv, 300)
            )
        },
    )?;
    let svg = String::from_utf8(download(
        ctx,
        &dir,
        "svg",
        "seats-central-executive-committee.svg",
    )?)?;
    ensure(
        svg.contains("Seats in the Central Executive Committee")
            && svg.contains("2nd Congress, Bolsheviks, 62 members"),
        || {
            format!(
                "the seat SVG should be the CEC's: {}",
                abbreviate(&svg, 300)
            )
        },
    )?;
    let url = format!(
        "{}?link#chart=seats&body=central_executive_committee",
        ctx.url
    );
    ctx.browser.navigate("about:blank")?;
    ctx.browser.navigate(&url)?;
    ctx.wait_ready()?;
    ctx.browser.wait_for(
        &format!("document.getElementById('seat-body').value === 'central_executive_committee' && {bolsheviks} === 63"),
        UI_TIMEOUT,
        "a link with body=central_executive_committee to open the seat chart on the CEC",
    )?;
    Ok(())
}

/// "Seats" draws the comparison as two hemicycles and says so in the
/// address; Back restores the bars; a link with `compare_view=seats`
/// opens on seats.
fn seats_compare_through_the_address(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let bars = ctx.regions("compare-chart")?.len();
    ctx.click("#compare-view-seats")?;
    ctx.browser.wait_for(
        "location.hash.includes('compare_view=seats') && window.soviets.regions('compare-chart').length > 1000",
        UI_TIMEOUT,
        "the comparison to be drawn as seats, with compare_view=seats in the address",
    )?;
    // One dot per delegate: the 1st Congress's 784 and the 2nd's 649.
    let seats = ctx.regions("compare-chart")?;
    let bolsheviks = seats
        .iter()
        .filter(|r| r.kind == "compare" && r.event == SECOND && r.faction == "bolsheviks")
        .count();
    ensure(bolsheviks == 390 + 1, || {
        format!("the 2nd Congress's Bolshevik wedge in compare has {bolsheviks} regions, not 390 dots and its stop")
    })?;
    let r = seats
        .iter()
        .find(|r| r.kind == "compare" && r.event == SECOND && r.faction == "bolsheviks")
        .cloned()
        .ok_or("no Bolshevik dot in compare")?;
    ctx.hover_centre("compare-chart", &r)?;
    ctx.expect_tooltip(&NEEDLES, "a Bolshevik dot of the compared 2nd Congress")?;
    ctx.browser.evaluate("history.back()")?;
    ctx.browser.wait_for(
        &format!(
            "!location.hash.includes('compare_view') && document.getElementById('compare-view-bars').checked \
             && window.soviets.regions('compare-chart').length === {bars}"
        ),
        UI_TIMEOUT,
        "Back to restore the paired bars",
    )?;
    let url = format!("{}?link#chart=compare&compare_view=seats", ctx.url);
    ctx.browser.navigate("about:blank")?;
    ctx.browser.navigate(&url)?;
    ctx.wait_ready()?;
    let v = ctx.browser.evaluate(
        "({seats: document.getElementById('compare-view-seats').checked, n: window.soviets.regions('compare-chart').length})",
    )?;
    ensure(v["seats"] == true && num(&v["n"])? > 1000.0, || {
        format!("#compare_view=seats did not open the comparison as seats: {v}")
    })
}

/// Tab reaches the seat chart; the arrow keys walk its wedges and the live
/// region reads the Second Congress's Bolsheviks out.
fn seats_keyboard(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let mut reached = false;
    for _ in 0..40 {
        ctx.browser.press_key("Tab")?;
        let active = ctx
            .browser
            .evaluate("document.activeElement && document.activeElement.id")?;
        if active == CHART {
            reached = true;
            break;
        }
    }
    ensure(reached, || {
        "40 presses of Tab never focused #seat-chart".into()
    })?;
    let want = "2nd Congress, Bolsheviks";
    let mut said = live(ctx)?;
    for _ in 0..30 {
        if said.starts_with(want) {
            break;
        }
        ctx.browser.press_key("ArrowRight")?;
        said = live(ctx)?;
    }
    ensure(
        said == "2nd Congress, Bolsheviks, 390 delegates, 60.1 percent",
        || format!("after ArrowRight presses the live region says {said:?}"),
    )?;
    ctx.expect_tooltip(&NEEDLES, "keyboard focus on the wedge")?;
    ctx.browser.press_key("ArrowRight")?;
    let next = live(ctx)?;
    ensure(
        next.starts_with("2nd Congress, ") && !next.starts_with(want),
        || format!("ArrowRight should move to the next wedge; the live region says {next:?}"),
    )?;
    ctx.browser.press_key("ArrowUp")?;
    let up = live(ctx)?;
    ensure(up.starts_with("1st Congress, "), || {
        format!("ArrowUp should move to the event before; the live region says {up:?}")
    })?;
    ctx.browser.press_key("Enter")?;
    ctx.browser.wait_for(
        "(document.getElementById('chart-status').textContent || '').startsWith('Source shown')",
        UI_TIMEOUT,
        "Enter to open the wedge's source",
    )
}

/// The link under the Second Congress's hemicycle opens it beside the
/// First, as seats.
fn seats_links_open_compare(ctx: &mut Ctx) -> Result<()> {
    ctx.load()?;
    let index = ctx.browser.evaluate(
        "[...document.querySelectorAll('#seat-links a')].findIndex(a => a.textContent === '2nd Congress')",
    )?;
    let i = num(&index)?;
    ensure(i >= 1.0, || {
        "no link for the 2nd Congress under the seat chart".into()
    })?;
    // The link's address, for a new tab or a copy: the pair as seats.
    let href = ctx.browser.evaluate(&format!(
        "document.querySelector('#seat-links li:nth-child({}) a').getAttribute('href')",
        i + 1.0
    ))?;
    let want = format!("#chart=compare&compare={FIRST},{SECOND}&compare_view=seats");
    ensure(href.as_str() == Some(want.as_str()), || {
        format!("the 2nd Congress's link is {href}, not {want}")
    })?;
    ctx.click(&format!("#seat-links li:nth-child({}) a", i + 1.0))?;
    ctx.browser.wait_for(
        &format!(
            "document.getElementById('compare-a').value === {a} && document.getElementById('compare-b').value === {b} \
             && document.getElementById('compare-view-seats').checked && location.hash.includes('compare_view=seats')",
            a = js(FIRST),
            b = js(SECOND)
        ),
        UI_TIMEOUT,
        "the link to compare the 1st and 2nd Congresses as seats",
    )
}

/// Waits until `path` exists and is not empty; returns its bytes.
fn wait_file(path: &Path) -> Result<Vec<u8>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(bytes) = std::fs::read(path) {
            if !bytes.is_empty() {
                return Ok(bytes);
            }
        }
        if Instant::now() >= deadline {
            return Err(format!("no download {} after 10 s", path.display()).into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn download(ctx: &mut Ctx, dir: &Path, action: &str, name: &str) -> Result<Vec<u8>> {
    ctx.click(&format!(
        ".chart-tools[data-chart=\"seats\"] button[data-action=\"{action}\"]"
    ))?;
    wait_file(&dir.join(name))
}

/// SVG and PNG downloads of the seat chart: dots, the 390 Bolsheviks in
/// the description, and twice the CSS size.
fn seats_export_svg_and_png(ctx: &mut Ctx) -> Result<()> {
    let dir = super::access::download_dir(ctx, "e2e-downloads-seats")?;
    ctx.load()?;
    let svg = String::from_utf8(download(ctx, &dir, "svg", "seats.svg")?)?;
    let circles = svg.matches("<circle").count();
    ensure(
        svg.contains("<svg")
            && circles > 100
            && svg.contains("2nd Congress, Bolsheviks, 390 delegates")
            && svg.contains("One dot = "),
        || {
            format!(
                "the seat SVG has {circles} circles and lacks the 390 Bolsheviks or the unit: {}",
                abbreviate(&svg, 200)
            )
        },
    )?;
    let png = download(ctx, &dir, "png", "seats.png")?;
    ensure(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 24 && &png[12..16] == b"IHDR",
        || "the seat PNG has no PNG signature and IHDR".into(),
    )?;
    let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let css = ctx.browser.evaluate(&format!(
        "document.getElementById({}).getBoundingClientRect().width",
        js(CHART)
    ))?;
    ensure(f64::from(w) == 2.0 * num(&css)?.ceil(), || {
        format!("the seat PNG is {w} px wide; the chart is {css} CSS pixels")
    })?;
    // A comparison drawn as hemicycles is saved as seats, not delegates.
    super::access::load_at(ctx, "#chart=compare&compare_view=seats")?;
    ctx.click(".chart-tools[data-chart=\"compare\"] button[data-action=\"svg\"]")?;
    let deadline = Instant::now() + Duration::from_secs(10);
    let name = loop {
        let names: Vec<String> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("compare-"))
            .collect();
        if let Some(n) = names.iter().find(|n| n.ends_with(".svg")) {
            break n.clone();
        }
        ensure(Instant::now() < deadline, || {
            "the comparison's SVG was not downloaded".into()
        })?;
        std::thread::sleep(Duration::from_millis(50));
    };
    ensure(name.ends_with("-seats.svg"), || {
        format!("the comparison drawn as seats is saved as {name}")
    })
}

/// The seat chart at 1280 px and at 360 px (device pixel ratio 2), for
/// the README.
fn seats_screenshots(ctx: &mut Ctx) -> Result<()> {
    let mut saved = Vec::new();
    for (w, h, dpr, name) in [
        (1280, 900, 1.0, "seats-1280.png"),
        (360, 740, 2.0, "seats-360.png"),
    ] {
        ctx.browser.set_viewport(w, h, dpr)?;
        let result = (|| -> Result<()> {
            ctx.browser.reload()?;
            ctx.wait_ready()?;
            ctx.browser.evaluate(
                "(async () => { document.getElementById('seats-title').scrollIntoView({block: 'start', behavior: 'instant'}); await __xt.settle(); })()",
            )?;
            let regions = ctx.regions(CHART)?;
            if let Some(r) = regions.iter().find(|r| is_segment(r, SECOND, "bolsheviks")) {
                let r = r.clone();
                ctx.hover_centre(CHART, &r)?;
                ctx.expect_tooltip(&NEEDLES, "for the screenshot")?;
            }
            let path = ctx.screenshots.join(name);
            ctx.browser.screenshot(&path, false)?;
            saved.push(path.display().to_string());
            Ok(())
        })();
        ctx.browser.set_viewport(1280, 900, 1.0)?;
        result?;
    }
    println!("    saved {}", saved.join(" and "));
    Ok(())
}
