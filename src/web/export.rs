//! Downloads of what a chart shows: a PNG at twice the CSS size with the
//! title and source line drawn in, an SVG drawn by the same chart code
//! through the charts' own SVG backend ([`crate::charts::svg`]), the
//! chart's table as CSV, and the `extract` JSON of the documents read.
//! Files are named after what they show ([`crate::view::file_name`]).
//! Exports always use the light theme. Functions of what they are given:
//! the page, the drawn scene, the text measure.

use super::canvas;
use super::dom::{context, once, Dom};
use super::page::Page;
use crate::charts::table;
use crate::charts::{tooltip, FontSpec, Mode, Scene, TextMeasure, Theme};
use crate::format::Join;
use crate::view::{self, Chart};
use crate::Faction;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlCanvasElement, HtmlElement, Url};

/// `text` with the characters XML reserves escaped.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// PNG pixels per CSS pixel.
const SCALE: f64 = 2.0;
/// Heights of the PNG's title band and source line, in CSS pixels.
const HEAD: f64 = 32.0;
const FOOT: f64 = 24.0;
/// A legend row's height, its swatch's side and its font.
const ROW: f64 = 20.0;
const SWATCH: f64 = 11.0;
const LEGEND: FontSpec = FontSpec::new(12.0);

/// The file name for chart `chart` with extension `ext`.
pub(super) fn file_name(page: &Page, chart: Chart, ext: &str) -> String {
    if let (Chart::Seats, Some(b)) = (chart, page.body) {
        // "seats-central-executive-committee.svg": the body shown.
        return format!("seats-{}.{ext}", view::slug(b.name()));
    }
    let pair = (page.pair_name(0), page.pair_name(1));
    view::file_name(chart, page.mode, page.compare_seats, pair, ext)
}

/// "Faction strength (share of each event's total)".
fn title(page: &Page, chart: Chart) -> String {
    let unit = match page.mode {
        Mode::Absolute => "delegates",
        Mode::Share => "share of each event's total",
    };
    match chart {
        Chart::Factions => format!("Faction strength ({unit})"),
        Chart::Compare => {
            let unit = if page.compare_seats { "seats" } else { unit };
            format!(
                "Compare {} and {} ({unit})",
                page.pair_name(0),
                page.pair_name(1)
            )
        }
        Chart::Votes => "Votes at the congresses".to_string(),
        Chart::Seats => match page.body {
            Some(b) => format!("Seats in the {} at each event", b.name()),
            None => "Seats at each event".to_string(),
        },
    }
}

/// "Sources: …", every document the figures come from.
fn source_line(page: &Page, chart: Chart) -> String {
    let mut docs: Vec<&str> = Vec::new();
    for e in &page.data_of(chart).events {
        let segments = e.segments.iter().map(|s| &s.figure.source);
        for source in segments.chain(e.votes.iter().map(|v| &v.source)) {
            if !docs.contains(&source.doc_name.as_str()) {
                docs.push(&source.doc_name);
            }
        }
    }
    format!(
        "Sources: {} · Power in the Soviets, 1917–1921",
        docs.joined(", ")
    )
}

/// The chart as SVG, at its CSS size.
pub(super) fn svg(
    page: &Page,
    chart: Chart,
    scene: &Scene,
    measure: &impl TextMeasure,
) -> Result<String, JsValue> {
    let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
    let mut out = String::new();
    canvas::svg(&mut out, measure, size, scene, &Theme::LIGHT)?;
    // A title and a description with every figure (the keyboard's stops),
    // for readers of the file who cannot see it.
    let figures: Vec<String> = table::stops(scene)
        .iter()
        .map(|h| tooltip::announce(page.data_of(chart), h.target))
        .collect();
    let head = format!(
        "\n<title>{}</title>\n<desc>{}. {}</desc>",
        xml_text(&title(page, chart)),
        xml_text(&figures.joined("; ")),
        xml_text(&source_line(page, chart))
    );
    if let Some(end) = out.find('>') {
        out.insert_str(end + 1, &head);
    }
    Ok(out)
}

/// The legend of the faction chart as swatches laid out in rows of
/// width `w`: `(faction, x, row)`. Other charts label their own bars.
fn legend(
    page: &Page,
    chart: Chart,
    w: f64,
    measure: &impl TextMeasure,
) -> Vec<(Faction, f64, usize)> {
    // Seats are told apart by colour alone, so their exports carry it.
    if chart != Chart::Factions && !page.seat_like(chart) {
        return Vec::new();
    }
    let (mut x, mut row, mut out) = (8.0, 0, Vec::new());
    for f in page.data_of(chart).factions() {
        if page.hidden.contains(f) {
            continue;
        }
        let item = SWATCH + 6.0 + measure.width(f.name(), LEGEND) + 14.0;
        if x + item > w && x > 8.0 {
            (x, row) = (8.0, row + 1);
        }
        out.push((f, x, row));
        x += item;
    }
    out
}

/// The chart at twice its CSS size with a title band (and the faction
/// legend) above and a source line below, on a detached canvas.
pub(super) fn png_canvas(
    dom: &Dom,
    page: &Page,
    chart: Chart,
    scene: &Scene,
    measure: &impl TextMeasure,
) -> Result<HtmlCanvasElement, JsValue> {
    let css = |rgb| canvas::hex(rgb);
    let (w, h) = (scene.width.ceil(), scene.height.ceil());
    let legend = legend(page, chart, w, measure);
    let rows = legend.last().map_or(0, |l| l.2 + 1);
    let head = HEAD + ROW * rows as f64;
    let png: HtmlCanvasElement = dom.document.create_element("canvas")?.dyn_into()?;
    png.set_width((w * SCALE) as u32);
    png.set_height(((h + head + FOOT) * SCALE) as u32);
    let ctx = context(&png)?;
    let theme = Theme::LIGHT;
    ctx.set_transform(SCALE, 0.0, 0.0, SCALE, 0.0, head * SCALE)?;
    canvas::paint(
        &ctx,
        measure,
        (w as u32, h as u32),
        "the PNG",
        scene,
        &theme,
    )?;
    ctx.set_transform(SCALE, 0.0, 0.0, SCALE, 0.0, 0.0)?;
    ctx.set_fill_style_str(&css(theme.background));
    ctx.fill_rect(0.0, 0.0, w, head);
    ctx.fill_rect(0.0, head + h, w, FOOT);
    ctx.set_fill_style_str(&css(theme.text));
    ctx.set_text_baseline("middle");
    ctx.set_font(&FontSpec::new(16.0).bold().css());
    ctx.fill_text_with_max_width(&title(page, chart), 8.0, HEAD / 2.0, w - 16.0)?;
    ctx.set_font(&LEGEND.css());
    for (f, x, row) in legend {
        let y = HEAD + ROW * row as f64 + ROW / 2.0;
        ctx.set_fill_style_str(&f.hex());
        ctx.fill_rect(x, y - SWATCH / 2.0, SWATCH, SWATCH);
        ctx.set_fill_style_str(&css(theme.text));
        ctx.fill_text(f.name(), x + SWATCH + 6.0, y)?;
    }
    ctx.set_fill_style_str(&css(theme.muted));
    ctx.set_font(&FontSpec::new(11.0).css());
    ctx.fill_text_with_max_width(
        &source_line(page, chart),
        8.0,
        head + h + FOOT / 2.0,
        w - 16.0,
    )?;
    Ok(png)
}

/// Saves `blob` as `name` through a temporary link, and says so.
pub(super) fn save(dom: &Dom, name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let a: HtmlElement = dom.document.create_element("a")?.dyn_into()?;
    a.set_attribute("href", &url)?;
    a.set_attribute("download", name)?;
    a.click();
    // The download has started by the time the link's URL is released.
    let revoke = once(Box::new(move |_: JsValue| {
        let _ = Url::revoke_object_url(&url);
    }));
    dom.window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    dom.notice(&format!("Downloaded {name}"));
    Ok(())
}

/// Saves `text` of type `mime` as `name`.
pub(super) fn save_text(dom: &Dom, name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save(dom, name, &blob)
}
