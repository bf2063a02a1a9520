//! The browser page: draws the three charts on canvases sized for the
//! device pixel ratio, shows a tooltip and an outline for the hovered
//! region, and wires up the legend, the mode radios and the comparison
//! selects. The only module that knows about wasm-bindgen and the DOM;
//! everything drawn comes from [`crate::charts`].
//!
//! Hover never redraws a chart and never reads layout: pointer positions
//! are taken relative to canvas rectangles cached on resize and scroll,
//! the hovered rectangle is outlined on a separate overlay canvas, and the
//! tooltip is moved with a CSS transform.
//!
//! Charts are painted by plotters through [`canvas::Painter`], the page's
//! own canvas backend, which skips context state that has not changed,
//! formats no floats, and measures text with the canvas context's
//! `measureText` (cached) instead of plotters' DOM-based web font code,
//! which a strict CSP blocks and which forces layout.

mod access;
mod documents;
mod dom;
mod export;
mod seats;
mod sources;
mod state;

use crate::calendar::Style;
use crate::charts::{
    self, compare, factions, synthetic, votes, ApproxMeasure, FactionSet, FontSpec, Hit, Mode,
    Rect, Scene, Target, TextMeasure, Theme,
};
use crate::dataset::{Dataset, EventView};
use crate::{Corpus, Faction};
use dom::{context, err, listen, report, show_error, warn, Dom, PointerPosition};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, Document, Element, EventTarget, HtmlCanvasElement, HtmlElement,
    HtmlInputElement, HtmlSelectElement, MediaQueryList, ResizeObserver,
};

mod canvas;

/// The three charts of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Factions,
    Compare,
    Votes,
    Seats,
}

const KINDS: [Kind; 4] = [Kind::Factions, Kind::Compare, Kind::Votes, Kind::Seats];

impl Kind {
    fn canvas_id(self) -> &'static str {
        match self {
            Kind::Factions => "faction-chart",
            Kind::Compare => "compare-chart",
            Kind::Votes => "vote-chart",
            Kind::Seats => "seat-chart",
        }
    }

    fn overlay_id(self) -> &'static str {
        match self {
            Kind::Factions => "faction-overlay",
            Kind::Compare => "compare-overlay",
            Kind::Votes => "vote-overlay",
            Kind::Seats => "seat-overlay",
        }
    }

    /// Whether the chart's height follows from its content (and is set on
    /// its frame) rather than from the stylesheet.
    fn fits_content(self) -> bool {
        self != Kind::Factions
    }
}

/// A canvas's box in the viewport, in CSS pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Bounds {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

/// One chart on the page: its canvas, the overlay above it for the hover
/// outline, and the frame that positions both.
#[derive(Debug)]
struct Chart {
    kind: Kind,
    canvas: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    overlay_ctx: CanvasRenderingContext2d,
    /// Something is drawn on the overlay. An overlay never drawn on has no
    /// pixels yet; clearing it would allocate them.
    overlay_used: Cell<bool>,
    frame: HtmlElement,
    /// What was last drawn: the only thing hover, keys and exports read.
    layout: Option<Scene>,
    bounds: Bounds,
    /// CSS width, CSS height and device pixel ratio of the last drawing.
    drawn: (f64, f64, f64),
    hover: Option<Target>,
}

/// Text widths from a detached canvas's `measureText`, cached per font and
/// text. Nothing is added to the page and no layout is forced.
#[derive(Debug)]
struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    /// The font last set on `ctx`.
    font: Cell<Option<FontSpec>>,
    /// Widths by font and text, direct-mapped: [`slot`] picks the one place
    /// a pair can be, and a new width replaces whatever was there.
    cache: RefCell<Vec<(FontSpec, String, f64)>>,
}

/// Places in the width cache; a power of two, and several times the texts
/// a redraw of a large chart measures.
const CACHE_SLOTS: usize = 4096;

/// The cache slot of `text` in `font`: FNV-1a over the text and the font.
fn slot(text: &str, font: FontSpec) -> usize {
    let seed = font.size as u32 * 2 + u32::from(font.bold);
    let h = text.bytes().fold(0x811c_9dc5 ^ seed, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    h as usize % CACHE_SLOTS
}

impl CanvasMeasure {
    fn new(ctx: CanvasRenderingContext2d) -> CanvasMeasure {
        let mut cache = Vec::new();
        // An empty text is never looked up: it stands for an empty slot.
        cache.resize_with(CACHE_SLOTS, || (FontSpec::new(0.0), String::new(), 0.0));
        CanvasMeasure {
            ctx,
            font: Cell::new(None),
            cache: RefCell::new(cache),
        }
    }
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, font: FontSpec) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        let mut cache = self.cache.borrow_mut();
        let entry = &mut cache[slot(text, font)];
        if entry.0 == font && entry.1 == text {
            return entry.2;
        }
        if self.font.get() != Some(font) {
            self.ctx.set_font(&font.css());
            self.font.set(Some(font));
        }
        let w = match self.ctx.measure_text(text) {
            Ok(metrics) => metrics.width(),
            Err(_) => ApproxMeasure.width(text, font),
        };
        entry.0 = font;
        entry.1.clear();
        entry.1.push_str(text);
        entry.2 = w;
        w
    }
}

/// The page's state.
#[derive(Debug)]
struct App {
    dom: Dom,
    data: Dataset,
    mode: Mode,
    hidden: FactionSet,
    /// The events compared, as indices into `data.events`.
    pair: (usize, usize),
    charts: Vec<Chart>,
    measure: CanvasMeasure,
    tooltip: HtmlElement,
    theme: Theme,
    viewport_height: f64,
    /// The `(resolution: Xdppx)` query of the current ratio, and its listener.
    dpr_query: Option<MediaQueryList>,
    on_dpr_change: Option<js_sys::Function>,
    /// Every document read, seeds and the reader's own.
    corpus: Corpus,
    /// The calendar style every date leads with (set by [`App::set_lead`]).
    lead: Style,
    /// The document whose figures drive the charts; `None` for the default
    /// rule (set by [`App::set_source`]).
    source: Option<usize>,
    panel: sources::Panel,
    /// The seat charts' own state (the compare view, the links).
    seats: seats::Seats,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs `f` on the app; `None` before start-up or if the app is busy (a
/// re-entrant event).
fn with_app<R>(f: impl FnOnce(&mut App) -> R) -> Option<R> {
    APP.with(|cell| cell.try_borrow_mut().ok()?.as_mut().map(f))
}

/// `rgb` as a CSS colour.
fn css_rgb(rgb: charts::Rgb) -> String {
    canvas::hex(rgb)
}

impl App {
    fn new() -> Result<App, JsValue> {
        let dom = Dom::new()?;
        let by_id = |id: &str| dom.element(id);
        let mut charts = Vec::new();
        for kind in KINDS {
            let canvas: HtmlCanvasElement = by_id(kind.canvas_id())?
                .dyn_into()
                .map_err(|_| err("a chart element is not a canvas"))?;
            let overlay: HtmlCanvasElement = by_id(kind.overlay_id())?
                .dyn_into()
                .map_err(|_| err("an overlay element is not a canvas"))?;
            let frame: HtmlElement = canvas
                .parent_element()
                .ok_or_else(|| err("a chart canvas has no frame"))?
                .dyn_into()?;
            charts.push(Chart {
                kind,
                overlay_ctx: context(&overlay)?,
                overlay_used: Cell::new(false),
                canvas,
                overlay,
                frame,
                layout: None,
                bounds: Bounds::default(),
                drawn: (0.0, 0.0, 0.0),
                hover: None,
            });
        }
        let scratch: HtmlCanvasElement = dom.document.create_element("canvas")?.dyn_into()?;
        let measure = CanvasMeasure::new(context(&scratch)?);
        let mode = checked_mode(&dom.document);
        let tooltip: HtmlElement = by_id("tooltip")?.dyn_into()?;
        let corpus = Corpus::seeds();
        let data = corpus.dataset();
        let pair = default_pair(&data);
        Ok(App {
            dom,
            data,
            mode,
            hidden: FactionSet::EMPTY,
            pair,
            charts,
            measure,
            tooltip,
            theme: Theme::LIGHT,
            viewport_height: 0.0,
            dpr_query: None,
            on_dpr_change: None,
            corpus,
            lead: Style::Old,
            source: None,
            panel: sources::Panel::default(),
            seats: seats::Seats::default(),
        })
    }

    /// The data chart `kind` draws: the seat chart's elected body when the
    /// reader chose one, else the delegates.
    fn data_of(&self, kind: Kind) -> &Dataset {
        match (&self.seats.data, kind) {
            (Some(d), Kind::Seats) => d,
            _ => &self.data,
        }
    }

    fn index(kind: Kind) -> usize {
        KINDS.iter().position(|k| *k == kind).unwrap_or(0)
    }

    /// Re-reads every canvas's position and size (this reads layout).
    fn refresh_bounds(&mut self) {
        for chart in &mut self.charts {
            let r = chart.canvas.get_bounding_client_rect();
            chart.bounds = Bounds {
                left: r.left(),
                top: r.top(),
                width: r.width(),
                height: r.height(),
            };
        }
        self.viewport_height = self
            .dom
            .window
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
    }

    fn lay_out(&self, kind: Kind, width: f64, height: f64) -> Scene {
        let m = &self.measure;
        match kind {
            Kind::Factions => {
                let opts = factions::Options {
                    mode: self.mode,
                    hidden: self.hidden,
                };
                factions::layout(&self.data, width, height, opts, m).scene
            }
            Kind::Compare if self.seats.compare => seats::pair(self, width),
            Kind::Compare => {
                let (a, b) = self.pair;
                compare::layout(&self.data, a, b, width, self.mode, m).scene
            }
            Kind::Votes => votes::layout_in(&self.data, width, self.lead, m).scene,
            Kind::Seats => seats::layout(self, width),
        }
    }

    /// Lays out and paints one chart at its current CSS size.
    fn draw(&mut self, kind: Kind) -> Result<(), JsValue> {
        let dpr = self.dom.dpr();
        let i = App::index(kind);
        if kind == Kind::Seats {
            // The body's figures follow the corpus and the chosen source.
            seats::refresh(self);
        }
        let Bounds { width, height, .. } = self.charts[i].bounds;
        let layout = self.lay_out(kind, width, height);
        let chart = &mut self.charts[i];
        let css_height = if kind.fits_content() {
            let h = layout.height;
            // Scene heights are whole pixels.
            chart
                .frame
                .style()
                .set_property("height", &format!("{}px", h as u32))?;
            chart.bounds.height = h;
            h
        } else {
            height
        };
        let device = (
            (width * dpr).round().max(1.0) as u32,
            (css_height * dpr).round().max(1.0) as u32,
        );
        if (chart.overlay.width(), chart.overlay.height()) != device {
            // Resizing clears it.
            chart.overlay_used.set(false);
        }
        for canvas in [&chart.canvas, &chart.overlay] {
            if (canvas.width(), canvas.height()) != device {
                canvas.set_width(device.0);
                canvas.set_height(device.1);
            }
        }
        // Lay out in CSS pixels, paint in device pixels.
        let ctx = context(&chart.canvas)?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        let size = (width.ceil() as u32, css_height.ceil() as u32);
        // The painter draws on this context, so the transform holds.
        canvas::paint(&ctx, &self.measure, size, kind.canvas_id(), |area| {
            charts::paint(area, &layout, &self.theme)
        })?;
        chart.layout = Some(layout);
        chart.drawn = (width, if kind.fits_content() { 0.0 } else { height }, dpr);
        outline(chart, None, &self.theme, dpr)?;
        // The tooltip described the old drawing; the next move brings it back.
        if chart.hover.take().is_some() {
            self.tooltip.set_hidden(true);
        }
        if kind == Kind::Seats {
            seats::after_draw(self)?;
        }
        access::after_draw(self, kind)
    }

    fn heights(&self) -> Vec<f64> {
        self.charts.iter().map(|c| c.bounds.height).collect()
    }

    fn draw_all(&mut self) -> Result<(), JsValue> {
        let heights = self.heights();
        for kind in KINDS {
            self.draw(kind)?;
        }
        // A content-sized chart that grew or shrank moved the ones below.
        if self.heights() != heights {
            self.refresh_bounds();
        }
        self.fill_table()
    }

    /// After a resize or a change of device pixel ratio: redraws the
    /// charts whose size or ratio changed.
    fn resize(&mut self) -> Result<(), JsValue> {
        self.refresh_bounds();
        let dpr = self.dom.dpr();
        let mut changed = false;
        for kind in KINDS {
            let c = &self.charts[App::index(kind)];
            let height = if kind.fits_content() {
                0.0
            } else {
                c.bounds.height
            };
            if c.drawn != (c.bounds.width, height, dpr) {
                self.draw(kind)?;
                changed = true;
            }
        }
        if changed {
            self.refresh_bounds();
        }
        Ok(())
    }

    fn on_move(&mut self, kind: Kind, event: &PointerPosition) -> Result<(), JsValue> {
        let (cx, cy) = (event.client_x(), event.client_y());
        let i = App::index(kind);
        let chart = &self.charts[i];
        let b = chart.bounds;
        let (x, y) = (cx - b.left, cy - b.top);
        let hit = chart.layout.as_ref().and_then(|l| l.hit(x, y));
        self.set_hover(i, hit)?;
        if hit.is_some() {
            self.place_tooltip(b, (cx, cy))?;
        }
        Ok(())
    }

    /// Outlines `hit` on chart `i` and shows its tooltip (or hides both),
    /// unless it is already the hovered region.
    fn set_hover(&mut self, i: usize, hit: Option<Hit>) -> Result<(), JsValue> {
        let chart = &self.charts[i];
        let target = hit.map(|h| h.target);
        if target != chart.hover {
            let dpr = chart.drawn.2;
            outline(&self.charts[i], hit.map(|h| h.rect), &self.theme, dpr)?;
            match target {
                Some(t) => {
                    let text = self.tooltip_lines(KINDS[i], t).join("\n");
                    self.tooltip.set_text_content(Some(&text));
                    self.tooltip.set_hidden(false);
                }
                None => self.tooltip.set_hidden(true),
            }
            self.charts[i].hover = target;
        }
        Ok(())
    }

    /// Moves the tooltip next to the viewport point `(cx, cy)` over a
    /// chart with bounds `b`.
    fn place_tooltip(&self, b: Bounds, (cx, cy): (f64, f64)) -> Result<(), JsValue> {
        let x = cx - b.left;
        // Keep the tooltip on the roomier side of the pointer.
        let gap = 14.0;
        let tx = if x > b.width / 2.0 {
            format!("calc({}px - 100%)", (cx - gap).round() as i32)
        } else {
            format!("{}px", (cx + gap).round() as i32)
        };
        // Never past the viewport's edges, however wide the tooltip.
        let tx = format!("clamp(4px, {tx}, calc(100vw - 100% - 4px))");
        let ty = if cy > self.viewport_height / 2.0 {
            format!("calc({}px - 100%)", (cy - gap).round() as i32)
        } else {
            format!("{}px", (cy + gap).round() as i32)
        };
        self.tooltip
            .style()
            .set_property("transform", &format!("translate({tx}, {ty})"))?;
        Ok(())
    }

    fn on_leave(&mut self, kind: Kind) -> Result<(), JsValue> {
        let chart = &mut self.charts[App::index(kind)];
        chart.hover = None;
        outline(chart, None, &self.theme, chart.drawn.2)?;
        self.tooltip.set_hidden(true);
        Ok(())
    }

    /// One legend button per faction in the data.
    fn build_legend(&self) -> Result<(), JsValue> {
        let list = self.dom.element("faction-legend")?;
        list.set_text_content(None);
        for f in self.data.factions() {
            let button = self.dom.create("button", None)?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-faction", f.id())?;
            let shown = !self.hidden.contains(f);
            button.set_attribute("aria-pressed", if shown { "true" } else { "false" })?;
            let swatch: HtmlElement = self.dom.create("span", None)?.dyn_into()?;
            swatch.set_class_name("swatch");
            swatch.set_attribute("aria-hidden", "true")?;
            swatch.style().set_property("background-color", &f.hex())?;
            button.append_child(&swatch)?;
            let name = self.dom.create("span", Some(f.name()))?;
            button.append_child(&name)?;
            let item = self.dom.create("li", None)?;
            item.append_child(&button)?;
            list.append_child(&item)?;
        }
        Ok(())
    }

    /// Fills both comparison selects with every event.
    fn build_selects(&self) -> Result<(), JsValue> {
        for (id, chosen) in [("compare-a", self.pair.0), ("compare-b", self.pair.1)] {
            let select: HtmlSelectElement = self.dom.element(id)?.dyn_into()?;
            select.set_text_content(None);
            for e in &self.data.events {
                let mine = if e.user_added { ", your document" } else { "" };
                let label = format!("{} ({}{mine})", e.name, e.date_label(self.lead));
                let option = self.dom.create("option", Some(&label))?;
                option.set_attribute("value", &e.id)?;
                select.append_child(&option)?;
            }
            select.set_selected_index(chosen as i32);
        }
        Ok(())
    }

    /// Rewrites `#compare-table` for the compared pair: each count with
    /// its share and a button that opens its sentence, and the changes.
    /// (The CSV export writes the same rows with the sentences in full.)
    fn fill_table(&self) -> Result<(), JsValue> {
        let events = &self.data.events;
        let (Some(a), Some(b)) = (events.get(self.pair.0), events.get(self.pair.1)) else {
            self.dom.element("compare-table")?.set_text_content(None);
            return Ok(());
        };
        let (sa, sb) = (charts::short_name(a), charts::short_name(b));
        let caption = format!("Delegates by faction: {sa} and {sb}");
        let head = ["Faction", sa, sb, "Change", "Change in share"];
        let body = self.dom.start_table("compare-table", &caption, &head)?;
        let total = |e: &EventView| e.total.as_ref().map(|t| t.value);
        let (ta, tb) = (total(a), total(b));
        let rows = compare::change_rows(a, b).into_iter().map(|r| {
            let name = charts::row_name(r.faction);
            let cells = [(r.a, r.share_a), (r.b, r.share_b)];
            (name, cells, r.delta_count, r.delta_share, Some(r.faction))
        });
        let stated = (
            "Stated total",
            [(ta, None), (tb, None)],
            ta.zip(tb).map(|(x, y)| i64::from(y) - i64::from(x)),
            None,
            None,
        );
        for (name, cells, delta, delta_share, faction) in rows.chain(std::iter::once(stated)) {
            let tr = self.dom.create("tr", None)?;
            let th = self.dom.create("th", Some(name))?;
            th.set_attribute("scope", "row")?;
            tr.append_child(&th)?;
            for ((e, event), (n, share)) in
                [(a, self.pair.0), (b, self.pair.1)].into_iter().zip(cells)
            {
                let text = match (n, share) {
                    (Some(n), Some(s)) => format!("{} ({})", charts::count(n), charts::percent(s)),
                    (Some(n), None) => charts::count(n),
                    (None, _) => "—".to_string(),
                };
                let td = self.dom.create("td", Some(&text))?;
                let target = Target::Compare {
                    event,
                    faction: faction.flatten(),
                };
                let source = crate::provenance::source_of(&self.data, target);
                if let (Some(src), Some(n)) = (source, n) {
                    let button = self
                        .dom
                        .quote_button("source", src.doc, (src.start, src.end))?;
                    let label = format!(
                        "The sentence for {name} at {}: {}",
                        charts::short_name(e),
                        charts::count(n)
                    );
                    button.set_attribute("aria-label", &label)?;
                    td.append_child(&self.dom.document.create_text_node(" "))?;
                    td.append_child(&button)?;
                }
                tr.append_child(&td)?;
            }
            let changes = [
                delta.map_or("—".to_string(), charts::signed_count),
                delta_share.map_or(String::new(), charts::signed_points),
            ];
            for text in changes {
                let td = self.dom.create("td", Some(&text))?;
                tr.append_child(&td)?;
            }
            body.append_child(&tr)?;
        }
        Ok(())
    }

    /// Replaces the data and rebuilds everything that shows it.
    fn set_data(&mut self, data: Dataset) -> Result<(), JsValue> {
        self.pair = default_pair(&data);
        self.data = data;
        self.hidden = FactionSet::EMPTY;
        self.build_legend()?;
        self.build_selects()?;
        self.draw_all()
    }

    /// Watches for the next change of device pixel ratio.
    fn arm_dpr_query(&mut self) -> Result<(), JsValue> {
        let Some(handler) = self.on_dpr_change.clone() else {
            return Ok(());
        };
        if let Some(old) = self.dpr_query.take() {
            old.remove_event_listener_with_callback("change", &handler)?;
        }
        // The ratio as JavaScript writes it, so the query matches exactly.
        let ratio = js_sys::Number::from(self.dom.dpr()).to_string_with_radix(10)?;
        let query = format!("(resolution: {}dppx)", String::from(ratio));
        if let Some(mql) = self.dom.window.match_media(&query)? {
            mql.add_event_listener_with_callback("change", &handler)?;
            self.dpr_query = Some(mql);
        }
        Ok(())
    }
}

/// The mode the radios select (the browser may restore them on reload).
fn checked_mode(document: &Document) -> Mode {
    let share = document
        .get_element_by_id("mode-share")
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|e| e.checked());
    if share {
        Mode::Share
    } else {
        Mode::Absolute
    }
}

/// After any resize: redraw what changed size or pixel ratio.
fn on_resize(_: JsValue) {
    with_app(|app| report(app.resize()));
}

/// First and Second Congress if present, else the first two events.
fn default_pair(data: &Dataset) -> (usize, usize) {
    let find = |id: &str| data.events.iter().position(|e| e.id == id);
    let last = data.events.len().saturating_sub(1);
    match (find("congress-of-soviets-1"), find("congress-of-soviets-2")) {
        (Some(a), Some(b)) => (a, b),
        _ => (0, last.min(1)),
    }
}

/// Clears a chart's overlay and outlines `rect` on it.
fn outline(chart: &Chart, rect: Option<Rect>, theme: &Theme, dpr: f64) -> Result<(), JsValue> {
    if rect.is_none() && !chart.overlay_used.get() {
        return Ok(());
    }
    chart.overlay_used.set(rect.is_some());
    let ctx = &chart.overlay_ctx;
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    let (w, h) = (chart.overlay.width(), chart.overlay.height());
    ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    if let Some(r) = rect {
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.set_stroke_style_str(&css_rgb(theme.highlight));
        ctx.set_line_width(2.0);
        ctx.stroke_rect(
            r.x + 1.0,
            r.y + 1.0,
            (r.w - 2.0).max(0.0),
            (r.h - 2.0).max(0.0),
        );
    }
    Ok(())
}

/// Wires every control and chart to the app.
fn attach(app: &App) -> Result<(), JsValue> {
    for chart in &app.charts {
        let kind = chart.kind;
        let target: &EventTarget = chart.canvas.as_ref();
        // Positions are re-read once as the pointer enters a chart (content
        // above it may have moved without a scroll, e.g. the error banner),
        // never on each move.
        listen(target, "mouseenter", false, |_| {
            with_app(App::refresh_bounds);
        })?;
        listen(target, "mousemove", false, move |e| {
            let e: PointerPosition = e.unchecked_into();
            with_app(|app| report(app.on_move(kind, &e)));
        })?;
        listen(target, "mouseleave", false, move |_| {
            with_app(|app| report(app.on_leave(kind)));
        })?;
    }
    for id in ["mode-absolute", "mode-share"] {
        listen(app.dom.element(id)?.as_ref(), "change", false, |_| {
            with_app(|app| {
                app.mode = checked_mode(&app.dom.document);
                report(
                    app.draw(Kind::Factions)
                        .and_then(|()| app.draw(Kind::Compare)),
                );
            });
        })?;
    }
    listen(
        app.dom.element("faction-legend")?.as_ref(),
        "click",
        false,
        |e| {
            let button = e
                .unchecked_into::<web_sys::Event>()
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button[data-faction]").ok().flatten());
            let Some(button) = button else { return };
            let Some(f) = button
                .get_attribute("data-faction")
                .and_then(|id| Faction::from_id(&id))
            else {
                return;
            };
            with_app(|app| {
                let hidden = app.hidden.toggle(f);
                let pressed = if hidden { "false" } else { "true" };
                report(button.set_attribute("aria-pressed", pressed));
                report(app.draw(Kind::Factions));
                report(seats::after_legend(app));
            });
        },
    )?;
    for (id, side) in [("compare-a", 0), ("compare-b", 1)] {
        let select: HtmlSelectElement = app.dom.element(id)?.dyn_into()?;
        let target = select.clone();
        listen(target.as_ref(), "change", false, move |_| {
            let value = select.value();
            with_app(|app| {
                let Some(i) = app.data.events.iter().position(|e| e.id == value) else {
                    return;
                };
                if side == 0 {
                    app.pair.0 = i;
                } else {
                    app.pair.1 = i;
                }
                report(app.draw(Kind::Compare).and_then(|()| app.fill_table()));
                app.refresh_bounds();
            });
        })?;
    }
    let observer = ResizeObserver::new(
        Closure::<dyn FnMut(JsValue)>::new(on_resize)
            .into_js_value()
            .unchecked_ref(),
    )?;
    for chart in &app.charts {
        observer.observe(&chart.frame);
    }
    // A resize (or a zoom, which also changes the pixel ratio) moves the
    // canvases and may resize them.
    listen(app.dom.window.as_ref(), "resize", false, on_resize)?;
    listen(app.dom.document.as_ref(), "scroll", true, |_| {
        with_app(App::refresh_bounds);
    })?;
    Ok(())
}

/// Starts the page: error reporting, data, charts, then the controls.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    // For the benchmark: the module is fetched, compiled and running.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        performance.mark("wasm-start")?;
    }
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        warn(&format!("soviets panicked: {message}"));
        show_error(&format!(
            "Something went wrong inside the page: {message}. Reload the page to start again."
        ));
    }));
    let app = App::new()?;
    APP.with(|cell| cell.replace(Some(app)));
    with_app(|app| -> Result<(), JsValue> {
        app.build_legend()?;
        app.build_selects()?;
        app.refresh_bounds();
        access::init(app)?;
        app.draw(Kind::Factions)?;
        // The chart drawn at build time (in the same box, so nothing
        // moves) gives way to the live canvas, in the same frame.
        if let Some(svg) = app.dom.document.get_element_by_id("faction-prerender") {
            svg.remove();
        }
        if let Some(root) = app.dom.document.document_element() {
            root.dyn_into::<HtmlElement>()?
                .dataset()
                .set("ready", "true")?;
        }
        if let Some(performance) = app.dom.window.performance() {
            performance.mark("first-chart")?;
        }
        app.draw(Kind::Compare)?;
        app.draw(Kind::Votes)?;
        app.draw(Kind::Seats)?;
        app.refresh_bounds();
        app.fill_table()?;
        app.build_audit()?;
        attach(app)?;
        seats::attach(app)?;
        access::attach(app)?;
        sources::attach(app)?;
        documents::attach(app)?;
        documents::restore(app);
        let on_dpr = Closure::<dyn FnMut(JsValue)>::new(|_| {
            with_app(|app| report(app.resize().and_then(|()| app.arm_dpr_query())));
        });
        app.on_dpr_change = Some(on_dpr.into_js_value().unchecked_into());
        app.arm_dpr_query()?;
        // For the benchmark: every control and tooltip now answers.
        if let Some(performance) = app.dom.window.performance() {
            performance.mark("interactive")?;
        }
        Ok(())
    })
    .unwrap_or_else(|| Err(err("the page state is unavailable")))
}

/// One hit region, for tests and tools.
#[derive(Serialize)]
struct RegionOut<'a> {
    kind: &'static str,
    event: &'a str,
    faction: Option<&'static str>,
    label: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// The hit regions of the chart on `canvas_id`, in CSS pixels relative to
/// the canvas: `[{kind, event, faction, label, x, y, w, h}]`.
#[wasm_bindgen]
pub fn regions(canvas_id: &str) -> JsValue {
    with_app(|app| {
        let kind = KINDS.into_iter().find(|k| k.canvas_id() == canvas_id)?;
        let layout = app.charts[App::index(kind)].layout.as_ref()?;
        let data = app.data_of(kind);
        let out: Vec<RegionOut> = layout
            .regions
            .iter()
            .map(|h| RegionOut {
                kind: h.target.kind(),
                event: data.events.get(h.target.event()).map_or("", |e| &e.id),
                faction: h.target.faction().map(Faction::id),
                label: h.target.label(data),
                x: h.rect.x,
                y: h.rect.y,
                w: h.rect.w,
                h: h.rect.h,
            })
            .collect();
        // Converted at the boundary: maps as plain objects, `None` as `null`.
        out.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .ok()
    })
    .flatten()
    .unwrap_or_else(|| js_sys::Array::new().into())
}

/// Replaces the data with a generated set of `events` events of
/// `factions` segments each, and redraws.
#[wasm_bindgen]
pub fn synthetic(events: u32, factions: u32) -> Result<(), JsValue> {
    with_app(|app| app.set_data(synthetic::dataset(events, factions)))
        .unwrap_or_else(|| Err(err("the page state is unavailable")))
}

/// Lays out and paints the chart on the canvas with id `chart` again, or
/// with no id every chart, synchronously.
#[wasm_bindgen]
pub fn redraw(chart: Option<String>) -> Result<(), JsValue> {
    with_app(|app| match chart {
        None => app.draw_all(),
        Some(id) => match KINDS.into_iter().find(|k| k.canvas_id() == id) {
            Some(kind) => app.draw(kind),
            None => Err(err("there is no chart with that id")),
        },
    })
    .unwrap_or_else(|| Err(err("the page state is unavailable")))
}

/// Panics, to test the error banner.
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic() was called");
}

/// Whether the page's state can still be used: false once a trap (out of
/// memory, say) has left it borrowed for good. `www/main.js` asks after an
/// uncaught wasm error, and then lets "Reset to seeds" reload the page.
#[wasm_bindgen]
pub fn alive() -> bool {
    with_app(|_| ()).is_some()
}

/// Traps, in a task of the page's own, while the page's state is in use,
/// as running out of memory in the middle of adding a document would: to
/// test that the page survives.
#[wasm_bindgen]
pub fn debug_trap() -> Result<(), JsValue> {
    let trap = Closure::once_into_js(|| {
        with_app(|app| {
            // A call out to JavaScript first, as real work would make, so
            // the state is in use (borrowed) when the module traps.
            std::hint::black_box(app.dom.dpr());
            core::arch::wasm32::unreachable()
        });
    });
    web_sys::window()
        .ok_or_else(|| err("no window"))?
        .set_timeout_with_callback_and_timeout_and_arguments_0(trap.unchecked_ref(), 0)
        .map(|_| ())
}
