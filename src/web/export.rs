//! Downloads of what a chart shows: a PNG at twice the CSS size with the
//! title and source line drawn in, an SVG drawn by the same chart code
//! through the charts' own SVG backend ([`crate::charts::svg`]), the
//! chart's table as CSV, and the `extract` JSON of the documents read. Files are named after what they
//! show ([`crate::view::file_name`]). Exports always use the light theme.

use super::dom::{context, err, report};
use super::{css_rgb, with_app, App, Kind};
use crate::charts::svg::Svg;
use crate::charts::{short_name, tooltip, FontSpec, TextMeasure, Theme};
use crate::view;
use crate::Faction;
use plotters::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

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

impl App {
    /// The file name for chart `kind` with extension `ext`.
    fn file_name(&self, kind: Kind, ext: &str) -> String {
        let name = |i: usize| self.data.events.get(i).map_or("", short_name);
        if let (Kind::Seats, Some(b)) = (kind, self.seats.body) {
            // "seats-central-executive-committee.svg": the body shown.
            return format!("seats-{}.{ext}", view::slug(b.name()));
        }
        view::file_name(
            kind.chart(),
            self.mode,
            (name(self.pair.0), name(self.pair.1)),
            ext,
        )
    }

    /// "Faction strength (share of each event's total)".
    fn export_title(&self, kind: Kind) -> String {
        let unit = match self.mode {
            crate::charts::Mode::Absolute => "delegates",
            crate::charts::Mode::Share => "share of each event's total",
        };
        match kind {
            Kind::Factions => format!("Faction strength ({unit})"),
            Kind::Compare => {
                let unit = if self.seats.compare { "seats" } else { unit };
                let name = |i: usize| self.data.events.get(i).map_or("", short_name);
                format!(
                    "Compare {} and {} ({unit})",
                    name(self.pair.0),
                    name(self.pair.1)
                )
            }
            Kind::Votes => "Votes at the congresses".to_string(),
            Kind::Seats => match self.seats.body {
                Some(b) => format!("Seats in the {} at each event", b.name()),
                None => "Seats at each event".to_string(),
            },
        }
    }

    /// "Sources: …", every document the figures come from.
    fn source_line(&self, kind: Kind) -> String {
        let mut docs: Vec<&str> = Vec::new();
        for e in &self.data_of(kind).events {
            let segments = e.segments.iter().map(|s| &s.figure.source);
            for source in segments.chain(e.votes.iter().map(|v| &v.source)) {
                if !docs.contains(&source.doc_name.as_str()) {
                    docs.push(&source.doc_name);
                }
            }
        }
        format!(
            "Sources: {} · Power in the Soviets, 1917–1921",
            docs.join(", ")
        )
    }

    /// The chart as SVG, at its CSS size.
    fn svg(&self, kind: Kind) -> Result<String, JsValue> {
        let layout = self.charts[App::index(kind)]
            .layout
            .as_ref()
            .ok_or_else(|| err("the chart is not drawn yet"))?;
        let scene = layout;
        let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
        let mut out = String::new();
        {
            let area = Svg::new(&mut out, size, &self.measure).into_drawing_area();
            let drawn =
                crate::charts::paint(&area, layout, &Theme::LIGHT).and_then(|()| area.present());
            drawn.map_err(|e| err(&format!("drawing the SVG: {e}")))?;
        }
        // A title and a description with every figure, for readers of the
        // file who cannot see it.
        let figures: Vec<String> = super::access::with_access(|a| {
            a.stops(kind)
                .iter()
                .map(|h| tooltip::announce(self.data_of(kind), h.target))
                .collect()
        });
        let head = format!(
            "\n<title>{}</title>\n<desc>{}. {}</desc>",
            xml_text(&self.export_title(kind)),
            xml_text(&figures.join("; ")),
            xml_text(&self.source_line(kind))
        );
        if let Some(end) = out.find('>') {
            out.insert_str(end + 1, &head);
        }
        Ok(out)
    }

    /// The legend of the faction chart as swatches laid out in rows of
    /// width `w`: `(faction, x, row)`. Other charts label their own bars.
    fn legend(&self, kind: Kind, w: f64) -> Vec<(Faction, f64, usize)> {
        // Seats are told apart by colour alone, so their exports carry it.
        let seats = kind == Kind::Seats || (kind == Kind::Compare && self.seats.compare);
        if kind != Kind::Factions && !seats {
            return Vec::new();
        }
        let (mut x, mut row, mut out) = (8.0, 0, Vec::new());
        for f in self.data_of(kind).factions() {
            if self.hidden.contains(f) {
                continue;
            }
            let item = SWATCH + 6.0 + self.measure.width(f.name(), LEGEND) + 14.0;
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
    fn png_canvas(&self, kind: Kind) -> Result<HtmlCanvasElement, JsValue> {
        let layout = self.charts[App::index(kind)]
            .layout
            .as_ref()
            .ok_or_else(|| err("the chart is not drawn yet"))?;
        let (w, h) = (layout.width.ceil(), layout.height.ceil());
        let legend = self.legend(kind, w);
        let rows = legend.last().map_or(0, |l| l.2 + 1);
        let head = HEAD + ROW * rows as f64;
        let canvas: HtmlCanvasElement = self.dom.document.create_element("canvas")?.dyn_into()?;
        canvas.set_width((w * SCALE) as u32);
        canvas.set_height(((h + head + FOOT) * SCALE) as u32);
        let ctx = context(&canvas)?;
        let theme = Theme::LIGHT;
        ctx.set_transform(SCALE, 0.0, 0.0, SCALE, 0.0, head * SCALE)?;
        super::canvas::paint(
            &ctx,
            &self.measure,
            (w as u32, h as u32),
            "the PNG",
            |area| crate::charts::paint(area, layout, &theme),
        )?;
        ctx.set_transform(SCALE, 0.0, 0.0, SCALE, 0.0, 0.0)?;
        ctx.set_fill_style_str(&css_rgb(theme.background));
        ctx.fill_rect(0.0, 0.0, w, head);
        ctx.fill_rect(0.0, head + h, w, FOOT);
        ctx.set_fill_style_str(&css_rgb(theme.text));
        ctx.set_text_baseline("middle");
        ctx.set_font(&FontSpec::new(16.0).bold().css());
        ctx.fill_text_with_max_width(&self.export_title(kind), 8.0, HEAD / 2.0, w - 16.0)?;
        ctx.set_font(&LEGEND.css());
        for (f, x, row) in legend {
            let y = HEAD + ROW * row as f64 + ROW / 2.0;
            ctx.set_fill_style_str(&f.hex());
            ctx.fill_rect(x, y - SWATCH / 2.0, SWATCH, SWATCH);
            ctx.set_fill_style_str(&css_rgb(theme.text));
            ctx.fill_text(f.name(), x + SWATCH + 6.0, y)?;
        }
        ctx.set_fill_style_str(&css_rgb(theme.muted));
        ctx.set_font(&FontSpec::new(11.0).css());
        ctx.fill_text_with_max_width(
            &self.source_line(kind),
            8.0,
            head + h + FOOT / 2.0,
            w - 16.0,
        )?;
        Ok(canvas)
    }

    /// Saves `blob` as `name` through a temporary link.
    fn save(&self, name: &str, blob: &Blob) -> Result<(), JsValue> {
        let url = Url::create_object_url_with_blob(blob)?;
        let a: HtmlAnchorElement = self.dom.document.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        // The download has started by the time the link's URL is released.
        let revoke = Closure::once_into_js(move || {
            let _ = Url::revoke_object_url(&url);
        });
        self.dom
            .window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                10_000,
            )?;
        self.dom.notice(&format!("Downloaded {name}"));
        Ok(())
    }

    fn save_text(&self, name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
        self.save(name, &blob)
    }
}

/// Runs a toolbar's export `action` ("png", "svg", "csv" or "json") for
/// chart `kind`.
pub(super) fn run(app: &mut App, kind: Kind, action: &str) -> Result<(), JsValue> {
    let name = app.file_name(kind, action);
    match action {
        "svg" => app.save_text(&name, "image/svg+xml", &app.svg(kind)?),
        "csv" => {
            let table = app
                .table(kind)
                .ok_or_else(|| err("the chart is not drawn yet"))?;
            app.save_text(&name, "text/csv", &table.csv())
        }
        "json" => {
            let json = crate::report::json(&crate::report::report(&app.corpus), true);
            app.save_text(&name, "application/json", &json)
        }
        "png" => {
            let canvas = app.png_canvas(kind)?;
            let done = Closure::once_into_js(move |blob: JsValue| {
                with_app(|app| match blob.dyn_into::<Blob>() {
                    Ok(blob) => report(app.save(&name, &blob)),
                    Err(_) => report(Err(err("the browser could not encode the PNG"))),
                });
            });
            canvas.to_blob(done.unchecked_ref())
        }
        _ => Ok(()),
    }
}
