//! The chart canvases: sizing, painting, hover outline and tooltip.
//!
//! Each chart has a canvas sized for the device pixel ratio, an overlay
//! canvas above it for the hover outline and focus ring, and a frame that
//! positions both. Moving the pointer never redraws a chart and never
//! reads layout: positions are taken relative to canvas rectangles read
//! on resize and scroll and once as the pointer enters a chart, the
//! hovered rectangle is outlined on the overlay, and the tooltip is moved
//! with a CSS transform.
//!
//! Scenes are painted by plotters through [`super::canvas::Painter`], the
//! page's own canvas backend, which measures text with [`CanvasMeasure`]:
//! the canvas context's `measureText`, cached, instead of plotters'
//! DOM-based web font code, which a strict CSP blocks and which forces
//! layout.

use super::canvas;
use super::dom::{context, err, hide, ids, Dom};
use super::page::{index, CHARTS};
use crate::charts::{self, ApproxMeasure, FontSpec, Hit, Rect, Scene, Target, TextMeasure, Theme};
use crate::view::Chart;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, MediaQueryList};

/// Whether the chart's height follows from its content (and is set on
/// its frame) rather than from the stylesheet.
fn fits_content(chart: Chart) -> bool {
    chart != Chart::Factions
}

/// `rgb` as a CSS colour.
pub(super) fn css_rgb(rgb: charts::Rgb) -> String {
    canvas::hex(rgb)
}

/// A canvas's box in the viewport, in CSS pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Bounds {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) width: f64,
    pub(super) height: f64,
}

/// One chart on the page: its canvas, the overlay above it for the hover
/// outline, and the frame that positions both.
#[derive(Debug)]
struct View {
    chart: Chart,
    canvas: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    overlay_ctx: CanvasRenderingContext2d,
    /// Something is drawn on the overlay. An overlay never drawn on has no
    /// pixels yet; clearing it would allocate them.
    overlay_used: Cell<bool>,
    frame: HtmlElement,
    /// What was last drawn: the only thing hover, keys and exports read.
    scene: Option<Scene>,
    bounds: Bounds,
    /// CSS width, CSS height and device pixel ratio of the last drawing.
    drawn: (f64, f64, f64),
    hover: Option<Target>,
}

impl View {
    /// Clears the overlay and outlines `hit` on it, with the regions of the
    /// same target and size: a wedge's other seats, so the whole wedge is
    /// marked (a bar's band, larger, is not).
    fn outline(&self, hit: Option<Hit>, theme: &Theme) -> Result<(), JsValue> {
        if hit.is_none() && !self.overlay_used.get() {
            return Ok(());
        }
        self.overlay_used.set(hit.is_some());
        let ctx = &self.overlay_ctx;
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        let (w, h) = (self.overlay.width(), self.overlay.height());
        ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
        let Some(hit) = hit else { return Ok(()) };
        let dpr = self.drawn.2;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        ctx.set_stroke_style_str(&css_rgb(theme.highlight));
        ctx.set_line_width(2.0);
        let like = |r: &Rect| (r.w - hit.rect.w).abs() < 0.01 && (r.h - hit.rect.h).abs() < 0.01;
        let regions = self.scene.as_ref().map_or(&[][..], |s| &s.regions[..]);
        // `hit` is one of the scene's regions, so it is among them.
        let siblings = || {
            regions
                .iter()
                .filter(|h| h.target == hit.target && like(&h.rect))
        };
        // Many like regions are a wedge's seats: each gets a ring.
        let seats = siblings().nth(1).is_some();
        ctx.begin_path();
        for r in siblings().map(|h| h.rect) {
            if seats {
                let (cx, cy, radius) = (r.x + r.w / 2.0, r.y + r.h / 2.0, r.w.min(r.h) / 2.0);
                ctx.move_to(cx + radius, cy);
                ctx.arc(cx, cy, radius, 0.0, std::f64::consts::TAU)?;
            } else {
                ctx.rect(
                    r.x + 1.0,
                    r.y + 1.0,
                    (r.w - 2.0).max(0.0),
                    (r.h - 2.0).max(0.0),
                );
            }
        }
        ctx.stroke();
        Ok(())
    }
}

/// Text widths from a detached canvas's `measureText`, cached per font and
/// text. Nothing is added to the page and no layout is forced.
#[derive(Debug)]
pub(super) struct CanvasMeasure {
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

/// The charts' canvases, the text measure, the tooltip and the theme.
#[derive(Debug)]
pub(super) struct Charts {
    views: Vec<View>,
    measure: CanvasMeasure,
    tooltip: HtmlElement,
    /// The colours charts are painted in (light or dark).
    pub(super) theme: Theme,
    viewport_height: f64,
    /// The `(resolution: Xdppx)` query of the current ratio, and its listener.
    dpr_query: Option<MediaQueryList>,
    on_dpr_change: Option<js_sys::Function>,
}

impl Charts {
    pub(super) fn new(dom: &Dom) -> Result<Charts, JsValue> {
        let mut views = Vec::new();
        for chart in CHARTS {
            let canvas: HtmlCanvasElement = dom
                .element(ids(chart).canvas)?
                .dyn_into()
                .map_err(|_| err("a chart element is not a canvas"))?;
            let overlay: HtmlCanvasElement = dom
                .element(ids(chart).overlay)?
                .dyn_into()
                .map_err(|_| err("an overlay element is not a canvas"))?;
            let frame: HtmlElement = canvas
                .parent_element()
                .ok_or_else(|| err("a chart canvas has no frame"))?
                .dyn_into()?;
            views.push(View {
                chart,
                overlay_ctx: context(&overlay)?,
                overlay_used: Cell::new(false),
                canvas,
                overlay,
                frame,
                scene: None,
                bounds: Bounds::default(),
                drawn: (0.0, 0.0, 0.0),
                hover: None,
            });
        }
        let scratch: HtmlCanvasElement = dom.document.create_element("canvas")?.dyn_into()?;
        Ok(Charts {
            views,
            measure: CanvasMeasure::new(context(&scratch)?),
            tooltip: dom.element("tooltip")?.dyn_into()?,
            theme: Theme::LIGHT,
            viewport_height: 0.0,
            dpr_query: None,
            on_dpr_change: None,
        })
    }

    fn view(&self, chart: Chart) -> &View {
        &self.views[index(chart)]
    }

    pub(super) fn measure(&self) -> &CanvasMeasure {
        &self.measure
    }

    pub(super) fn canvas(&self, chart: Chart) -> &HtmlCanvasElement {
        &self.view(chart).canvas
    }

    pub(super) fn frame(&self, chart: Chart) -> &HtmlElement {
        &self.view(chart).frame
    }

    /// What chart `chart` last drew.
    pub(super) fn scene(&self, chart: Chart) -> Option<&Scene> {
        self.view(chart).scene.as_ref()
    }

    /// The region the pointer (or focus) is on in chart `chart`.
    pub(super) fn hovered(&self, chart: Chart) -> Option<Target> {
        self.view(chart).hover
    }

    /// Whether chart `chart`'s canvas has the focus.
    pub(super) fn focused(&self, chart: Chart) -> bool {
        // `matches`, which the page imports anyway, rather than comparing
        // with `document.activeElement` (two more imports).
        self.canvas(chart).matches(":focus").unwrap_or(false)
    }

    /// Re-reads every canvas's position and size (this reads layout).
    pub(super) fn refresh_bounds(&mut self, dom: &Dom) {
        for view in &mut self.views {
            let r = view.canvas.get_bounding_client_rect();
            view.bounds = Bounds {
                left: r.left(),
                top: r.top(),
                width: r.width(),
                height: r.height(),
            };
        }
        self.viewport_height = dom
            .window
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
    }

    /// Chart `chart`'s CSS width and height, as last read.
    pub(super) fn size(&self, chart: Chart) -> (f64, f64) {
        let b = self.view(chart).bounds;
        (b.width, b.height)
    }

    /// Every chart's height, to see whether a redraw moved the ones below.
    pub(super) fn heights(&self) -> Vec<f64> {
        self.views.iter().map(|v| v.bounds.height).collect()
    }

    /// Whether chart `chart` was drawn at another size or pixel ratio
    /// than it has now.
    pub(super) fn stale(&self, chart: Chart, dpr: f64) -> bool {
        let v = self.view(chart);
        let height = if fits_content(chart) {
            0.0
        } else {
            v.bounds.height
        };
        v.drawn != (v.bounds.width, height, dpr)
    }

    /// Paints `scene` on chart `chart` at pixel ratio `dpr`, sizing a
    /// content-sized chart's frame to it, and keeps it for hover, keys and
    /// exports. The outline and tooltip of the old drawing go.
    pub(super) fn paint(&mut self, chart: Chart, scene: Scene, dpr: f64) -> Result<(), JsValue> {
        let i = index(chart);
        let view = &mut self.views[i];
        let Bounds { width, height, .. } = view.bounds;
        let css_height = if fits_content(chart) {
            let h = scene.height;
            // Scene heights are whole pixels.
            view.frame
                .style()
                .set_property("height", &format!("{}px", h as u32))?;
            view.bounds.height = h;
            h
        } else {
            height
        };
        let device = (
            (width * dpr).round().max(1.0) as u32,
            (css_height * dpr).round().max(1.0) as u32,
        );
        if (view.overlay.width(), view.overlay.height()) != device {
            // Resizing clears it.
            view.overlay_used.set(false);
        }
        for canvas in [&view.canvas, &view.overlay] {
            if (canvas.width(), canvas.height()) != device {
                canvas.set_width(device.0);
                canvas.set_height(device.1);
            }
        }
        // Lay out in CSS pixels, paint in device pixels.
        let ctx = context(&view.canvas)?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        let size = (width.ceil() as u32, css_height.ceil() as u32);
        let theme = &self.theme;
        // The painter draws on this context, so the transform holds.
        canvas::paint(&ctx, &self.measure, size, ids(chart).canvas, &scene, theme)?;
        view.scene = Some(scene);
        let fixed = if fits_content(chart) { 0.0 } else { height };
        view.drawn = (width, fixed, dpr);
        view.outline(None, theme)?;
        // The tooltip described the old drawing; the next move brings it back.
        if view.hover.take().is_some() {
            hide(&self.tooltip, true);
        }
        Ok(())
    }

    /// The region under the viewport point `(cx, cy)` of chart `chart`.
    pub(super) fn hit_at(&self, chart: Chart, (cx, cy): (f64, f64)) -> Option<Hit> {
        let v = self.view(chart);
        let b = v.bounds;
        v.scene
            .as_ref()
            .and_then(|s| s.hit(cx - b.left, cy - b.top))
    }

    /// The pointer at viewport point `at` over chart `chart`: outlines the
    /// region there with its tooltip (`text`) beside the pointer, or hides
    /// both.
    pub(super) fn hover(
        &mut self,
        chart: Chart,
        at: (f64, f64),
        text: impl FnOnce(Target) -> String,
    ) -> Result<(), JsValue> {
        let hit = self.hit_at(chart, at);
        self.set_hover(chart, hit, text)?;
        if hit.is_some() {
            self.place_tooltip(chart, at)?;
        }
        Ok(())
    }

    /// Outlines `hit` on chart `chart` and shows its tooltip (`text`), or
    /// hides both, unless it is already the hovered region.
    pub(super) fn set_hover(
        &mut self,
        chart: Chart,
        hit: Option<Hit>,
        text: impl FnOnce(Target) -> String,
    ) -> Result<(), JsValue> {
        let view = &mut self.views[index(chart)];
        let target = hit.map(|h| h.target);
        if target != view.hover {
            view.outline(hit, &self.theme)?;
            match target {
                Some(t) => {
                    self.tooltip.set_text_content(Some(&text(t)));
                    hide(&self.tooltip, false);
                }
                None => hide(&self.tooltip, true),
            }
            view.hover = target;
        }
        Ok(())
    }

    /// Outlines `hit` on chart `chart` with its tooltip (`text`), shown
    /// afresh even if it was the hovered region (the keyboard reached it).
    pub(super) fn show_hit(
        &mut self,
        chart: Chart,
        hit: Hit,
        text: impl FnOnce(Target) -> String,
    ) -> Result<(), JsValue> {
        self.views[index(chart)].hover = None;
        self.set_hover(chart, Some(hit), text)
    }

    /// Moves the tooltip to the centre of `hit` on chart `chart`.
    pub(super) fn tooltip_on(&self, chart: Chart, hit: Hit) -> Result<(), JsValue> {
        let b = self.view(chart).bounds;
        let r = hit.rect;
        self.place_tooltip(chart, (b.left + r.x + r.w / 2.0, b.top + r.y + r.h / 2.0))
    }

    /// Moves the tooltip next to the viewport point `(cx, cy)` over chart
    /// `chart`.
    fn place_tooltip(&self, chart: Chart, (cx, cy): (f64, f64)) -> Result<(), JsValue> {
        let b = self.view(chart).bounds;
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

    /// The pointer (or focus) left chart `chart`: no outline, no tooltip.
    pub(super) fn leave(&mut self, chart: Chart) -> Result<(), JsValue> {
        let view = &mut self.views[index(chart)];
        view.hover = None;
        view.outline(None, &self.theme)?;
        hide(&self.tooltip, true);
        Ok(())
    }

    /// Every chart with a region shown.
    pub(super) fn hovering(&self) -> Vec<Chart> {
        let shown = self.views.iter().filter(|v| v.hover.is_some());
        shown.map(|v| v.chart).collect()
    }

    /// Outlines `target` in chart `chart` (a fact of the source panel),
    /// marks the canvas with its kind and scrolls the chart into view.
    pub(super) fn mark(&mut self, chart: Chart, target: Target) -> Result<(), JsValue> {
        let view = &mut self.views[index(chart)];
        let hit = view
            .scene
            .as_ref()
            .and_then(|s| s.regions.iter().find(|h| h.target == target).copied());
        view.outline(hit, &self.theme)?;
        view.hover = Some(target);
        view.canvas.set_attribute("data-linked", target.kind())?;
        view.frame.scroll_into_view();
        Ok(())
    }

    /// Keeps `handler` to run when the device pixel ratio changes.
    pub(super) fn on_dpr_change(&mut self, handler: js_sys::Function) {
        self.on_dpr_change = Some(handler);
    }

    /// Watches for the next change of device pixel ratio.
    pub(super) fn arm_dpr_query(&mut self, dom: &Dom) -> Result<(), JsValue> {
        let Some(handler) = self.on_dpr_change.clone() else {
            return Ok(());
        };
        if let Some(old) = self.dpr_query.take() {
            old.remove_event_listener_with_callback("change", &handler)?;
        }
        // The ratio as JavaScript writes it, so the query matches exactly.
        // (`toString` through `Object`'s binding, which the page has anyway.)
        let ratio = JsValue::from(dom.dpr());
        let ratio = String::from(ratio.unchecked_ref::<js_sys::Object>().to_string());
        let query = format!("(resolution: {ratio}dppx)");
        if let Some(mql) = dom.window.match_media(&query)? {
            mql.add_event_listener_with_callback_and_bool("change", &handler, false)?;
            self.dpr_query = Some(mql);
        }
        Ok(())
    }
}
