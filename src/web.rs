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
//! Charts are painted through [`CanvasPainter`], a [`charts::Surface`] on
//! the canvas 2D context (plotters' generic drawing code is not needed for
//! the four primitives a scene uses). It writes colours as `#rrggbb` and
//! font sizes in whole pixels, which keeps float formatting (and its tables)
//! out of the wasm module.

use crate::calendar::Style;
use crate::charts::{
    self, compare, factions, synthetic, tooltip, votes, Align, Baseline, FactionSet, FontSpec, Hit,
    Mode, Rect, Rgb, Scene, Surface, Target, TextMeasure, TextStyle, Theme,
};
use crate::dataset::{Dataset, EventView};
use crate::{Corpus, Faction};
use dom::{
    CanvasRenderingContext2d, Document, Element, Event, EventTarget, HtmlCanvasElement,
    HtmlElement, HtmlInputElement, HtmlSelectElement, MediaQueryList, PointerPosition,
    ResizeObserver, Window,
};
use std::cell::{Cell, RefCell};
use std::convert::Infallible;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The DOM and JavaScript the page uses, bound here rather than through
/// web-sys and js-sys: linking those crates brings the closure shims of all
/// their bindings into the module, used or not. Calls the specification
/// lets throw only for arguments the page never passes (invalid names,
/// selectors or tags) are bound without `catch`.
mod dom {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console)]
        pub fn warn(message: &str);

        /// `String(value)`: an exception object reads as "Name: message".
        #[wasm_bindgen(js_name = String)]
        pub fn js_string(value: &JsValue) -> String;

        #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
        pub fn json_parse(text: &str) -> Result<JsValue, JsValue>;

        #[wasm_bindgen(thread_local_v2, js_name = window)]
        pub static WINDOW: Option<Window>;

        #[derive(Debug, Clone)]
        pub type Array;
        #[wasm_bindgen(constructor, js_class = Array)]
        pub fn new() -> Array;
        #[wasm_bindgen(method)]
        pub fn push(this: &Array, value: &JsValue) -> u32;

        #[derive(Debug, Clone)]
        pub type Object;
        #[wasm_bindgen(constructor, js_class = Object)]
        pub fn new() -> Object;
        #[wasm_bindgen(method, indexing_setter)]
        pub fn set(this: &Object, key: &str, value: &JsValue);

        #[derive(Debug, Clone)]
        pub type EventTarget;
        #[wasm_bindgen(method, js_name = addEventListener)]
        pub fn add_event_listener(
            this: &EventTarget,
            name: &str,
            listener: &JsValue,
            capture: bool,
        );
        #[wasm_bindgen(method, js_name = removeEventListener)]
        pub fn remove_event_listener(this: &EventTarget, name: &str, listener: &JsValue);

        #[derive(Debug, Clone)]
        pub type Event;
        #[wasm_bindgen(method, getter)]
        pub fn target(this: &Event) -> Option<EventTarget>;

        /// A mouse event's client coordinates as the browser reports them,
        /// fractions included.
        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = Event)]
        pub type PointerPosition;
        #[wasm_bindgen(method, getter = clientX)]
        pub fn client_x(this: &PointerPosition) -> f64;
        #[wasm_bindgen(method, getter = clientY)]
        pub fn client_y(this: &PointerPosition) -> f64;

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = EventTarget)]
        pub type Window;
        #[wasm_bindgen(method, getter)]
        pub fn document(this: &Window) -> Option<Document>;
        #[wasm_bindgen(method, getter = devicePixelRatio)]
        pub fn device_pixel_ratio(this: &Window) -> f64;
        #[wasm_bindgen(method, getter = innerHeight)]
        pub fn inner_height(this: &Window) -> f64;
        #[wasm_bindgen(method, getter)]
        pub fn performance(this: &Window) -> Option<Performance>;
        #[wasm_bindgen(method, js_name = matchMedia)]
        pub fn match_media(this: &Window, query: &str) -> Option<MediaQueryList>;

        #[derive(Debug, Clone)]
        pub type Performance;
        #[wasm_bindgen(method)]
        pub fn mark(this: &Performance, name: &str);

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = EventTarget)]
        pub type MediaQueryList;

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = EventTarget)]
        pub type Document;
        #[wasm_bindgen(method, js_name = getElementById)]
        pub fn get_element_by_id(this: &Document, id: &str) -> Option<Element>;
        #[wasm_bindgen(method, js_name = createElement)]
        pub fn create_element(this: &Document, tag: &str) -> Element;
        #[wasm_bindgen(method, getter = documentElement)]
        pub fn document_element(this: &Document) -> Option<HtmlElement>;

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = EventTarget)]
        pub type Element;
        #[wasm_bindgen(method, setter = textContent)]
        pub fn set_text_content(this: &Element, text: Option<&str>);
        #[wasm_bindgen(method, js_name = getAttribute)]
        pub fn get_attribute(this: &Element, name: &str) -> Option<String>;
        #[wasm_bindgen(method, js_name = setAttribute)]
        pub fn set_attribute(this: &Element, name: &str, value: &str);
        #[wasm_bindgen(method, js_name = removeAttribute)]
        pub fn remove_attribute(this: &Element, name: &str);
        #[wasm_bindgen(method, js_name = appendChild)]
        pub fn append_child(this: &Element, child: &Element);
        #[wasm_bindgen(method, getter = parentElement)]
        pub fn parent_element(this: &Element) -> Option<Element>;
        #[wasm_bindgen(method)]
        pub fn closest(this: &Element, selector: &str) -> Option<Element>;
        #[wasm_bindgen(method, setter = className)]
        pub fn set_class_name(this: &Element, name: &str);
        #[wasm_bindgen(method, js_name = getBoundingClientRect)]
        pub fn get_bounding_client_rect(this: &Element) -> DomRect;

        #[derive(Debug, Clone)]
        pub type DomRect;
        #[wasm_bindgen(method, getter)]
        pub fn left(this: &DomRect) -> f64;
        #[wasm_bindgen(method, getter)]
        pub fn top(this: &DomRect) -> f64;
        #[wasm_bindgen(method, getter)]
        pub fn width(this: &DomRect) -> f64;
        #[wasm_bindgen(method, getter)]
        pub fn height(this: &DomRect) -> f64;

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = Element, js_name = HTMLElement)]
        pub type HtmlElement;
        #[wasm_bindgen(method, getter)]
        pub fn style(this: &HtmlElement) -> CssStyleDeclaration;
        #[wasm_bindgen(method, getter)]
        pub fn dataset(this: &HtmlElement) -> DomStringMap;
        #[wasm_bindgen(method, setter)]
        pub fn set_hidden(this: &HtmlElement, hidden: bool);

        #[derive(Debug, Clone)]
        pub type CssStyleDeclaration;
        #[wasm_bindgen(method, js_name = setProperty)]
        pub fn set_property(this: &CssStyleDeclaration, name: &str, value: &str);

        #[derive(Debug, Clone)]
        pub type DomStringMap;
        #[wasm_bindgen(method, indexing_setter)]
        pub fn set(this: &DomStringMap, name: &str, value: &str);

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = HtmlElement, js_name = HTMLCanvasElement)]
        pub type HtmlCanvasElement;
        #[wasm_bindgen(method, getter)]
        pub fn width(this: &HtmlCanvasElement) -> u32;
        #[wasm_bindgen(method, setter)]
        pub fn set_width(this: &HtmlCanvasElement, width: u32);
        #[wasm_bindgen(method, getter)]
        pub fn height(this: &HtmlCanvasElement) -> u32;
        #[wasm_bindgen(method, setter)]
        pub fn set_height(this: &HtmlCanvasElement, height: u32);
        /// `getContext("2d")`; null if the canvas has another kind of context.
        #[wasm_bindgen(method, js_name = getContext)]
        pub fn get_context(
            this: &HtmlCanvasElement,
            kind: &str,
        ) -> Option<CanvasRenderingContext2d>;

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = HtmlElement, js_name = HTMLSelectElement)]
        pub type HtmlSelectElement;
        #[wasm_bindgen(method, getter)]
        pub fn value(this: &HtmlSelectElement) -> String;
        #[wasm_bindgen(method, setter = selectedIndex)]
        pub fn set_selected_index(this: &HtmlSelectElement, index: i32);

        #[derive(Debug, Clone)]
        #[wasm_bindgen(extends = HtmlElement, js_name = HTMLInputElement)]
        pub type HtmlInputElement;
        #[wasm_bindgen(method, getter)]
        pub fn checked(this: &HtmlInputElement) -> bool;

        #[derive(Debug, Clone)]
        pub type CanvasRenderingContext2d;
        #[wasm_bindgen(method, setter = globalAlpha)]
        pub fn set_global_alpha(this: &CanvasRenderingContext2d, alpha: f64);
        #[wasm_bindgen(method, setter = lineWidth)]
        pub fn set_line_width(this: &CanvasRenderingContext2d, width: f64);
        #[wasm_bindgen(method, setter = fillStyle)]
        pub fn set_fill_style(this: &CanvasRenderingContext2d, style: &str);
        #[wasm_bindgen(method, setter = strokeStyle)]
        pub fn set_stroke_style(this: &CanvasRenderingContext2d, style: &str);
        #[wasm_bindgen(method, setter)]
        pub fn set_font(this: &CanvasRenderingContext2d, font: &str);
        #[wasm_bindgen(method, setter = textAlign)]
        pub fn set_text_align(this: &CanvasRenderingContext2d, align: &str);
        #[wasm_bindgen(method, setter = textBaseline)]
        pub fn set_text_baseline(this: &CanvasRenderingContext2d, baseline: &str);
        #[wasm_bindgen(method, js_name = setTransform)]
        pub fn set_transform(
            this: &CanvasRenderingContext2d,
            a: f64,
            b: f64,
            c: f64,
            d: f64,
            e: f64,
            f: f64,
        );
        #[wasm_bindgen(method, js_name = fillRect)]
        pub fn fill_rect(this: &CanvasRenderingContext2d, x: f64, y: f64, w: f64, h: f64);
        #[wasm_bindgen(method, js_name = strokeRect)]
        pub fn stroke_rect(this: &CanvasRenderingContext2d, x: f64, y: f64, w: f64, h: f64);
        #[wasm_bindgen(method, js_name = clearRect)]
        pub fn clear_rect(this: &CanvasRenderingContext2d, x: f64, y: f64, w: f64, h: f64);
        #[wasm_bindgen(method, js_name = beginPath)]
        pub fn begin_path(this: &CanvasRenderingContext2d);
        #[wasm_bindgen(method, js_name = moveTo)]
        pub fn move_to(this: &CanvasRenderingContext2d, x: f64, y: f64);
        #[wasm_bindgen(method, js_name = lineTo)]
        pub fn line_to(this: &CanvasRenderingContext2d, x: f64, y: f64);
        #[wasm_bindgen(method, js_name = closePath)]
        pub fn close_path(this: &CanvasRenderingContext2d);
        #[wasm_bindgen(method)]
        pub fn stroke(this: &CanvasRenderingContext2d);
        #[wasm_bindgen(method)]
        pub fn fill(this: &CanvasRenderingContext2d);
        #[wasm_bindgen(method, js_name = fillText)]
        pub fn fill_text(this: &CanvasRenderingContext2d, text: &str, x: f64, y: f64);
        #[wasm_bindgen(method)]
        pub fn save(this: &CanvasRenderingContext2d);
        #[wasm_bindgen(method)]
        pub fn restore(this: &CanvasRenderingContext2d);
        #[wasm_bindgen(method)]
        pub fn translate(this: &CanvasRenderingContext2d, x: f64, y: f64);
        #[wasm_bindgen(method)]
        pub fn rotate(this: &CanvasRenderingContext2d, angle: f64);
        #[wasm_bindgen(method, js_name = measureText)]
        pub fn measure_text(this: &CanvasRenderingContext2d, text: &str) -> TextMetrics;

        #[derive(Debug, Clone)]
        pub type TextMetrics;
        #[wasm_bindgen(method, getter)]
        pub fn width(this: &TextMetrics) -> f64;

        #[derive(Debug, Clone)]
        pub type ResizeObserver;
        #[wasm_bindgen(constructor)]
        pub fn new(callback: &JsValue) -> ResizeObserver;
        #[wasm_bindgen(method)]
        pub fn observe(this: &ResizeObserver, target: &Element);
    }
}

/// The page's allocator: a small free list (coalescing freed neighbours)
/// in place of std's dlmalloc, which is about 7 KB of the module. The page
/// is single-threaded, so the lock is never contended.
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// The three charts of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Factions,
    Compare,
    Votes,
}

const KINDS: [Kind; 3] = [Kind::Factions, Kind::Compare, Kind::Votes];

impl Kind {
    fn canvas_id(self) -> &'static str {
        match self {
            Kind::Factions => "faction-chart",
            Kind::Compare => "compare-chart",
            Kind::Votes => "vote-chart",
        }
    }

    fn overlay_id(self) -> &'static str {
        match self {
            Kind::Factions => "faction-overlay",
            Kind::Compare => "compare-overlay",
            Kind::Votes => "vote-overlay",
        }
    }

    /// Whether the chart's height follows from its content (and is set on
    /// its frame) rather than from the stylesheet.
    fn fits_content(self) -> bool {
        self != Kind::Factions
    }
}

/// A laid-out chart of any kind.
#[derive(Debug)]
enum ChartLayout {
    Factions(factions::Layout),
    Compare(compare::Layout),
    Votes(votes::Layout),
}

impl ChartLayout {
    fn scene(&self) -> &Scene {
        match self {
            ChartLayout::Factions(l) => &l.scene,
            ChartLayout::Compare(l) => &l.scene,
            ChartLayout::Votes(l) => &l.scene,
        }
    }

    fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        match self {
            ChartLayout::Factions(l) => l.hit(x, y),
            ChartLayout::Compare(l) => l.hit(x, y),
            ChartLayout::Votes(l) => l.hit(x, y),
        }
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
    frame: HtmlElement,
    layout: Option<ChartLayout>,
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
        let w = self.ctx.measure_text(text).width();
        entry.0 = font;
        entry.1.clear();
        entry.1.push_str(text);
        entry.2 = w;
        w
    }
}

/// A [`Surface`] on a canvas 2D context whose transform maps CSS pixels
/// to device pixels. It remembers the context state it set, as setting a
/// colour or font makes the browser parse it again.
struct CanvasPainter {
    ctx: CanvasRenderingContext2d,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    font: Option<FontSpec>,
}

impl CanvasPainter {
    fn new(ctx: CanvasRenderingContext2d) -> CanvasPainter {
        ctx.set_global_alpha(1.0);
        ctx.set_line_width(1.0);
        CanvasPainter {
            ctx,
            fill: None,
            stroke: None,
            font: None,
        }
    }

    /// Sets the fill or stroke colour for what follows.
    fn colour(&mut self, c: Rgb, stroke: bool) {
        let current = if stroke {
            &mut self.stroke
        } else {
            &mut self.fill
        };
        if *current == Some(c) {
            return;
        }
        *current = Some(c);
        let hex = hex(c);
        if stroke {
            self.ctx.set_stroke_style(&hex);
        } else {
            self.ctx.set_fill_style(&hex);
        }
    }

    /// Traces `points` as one path, closed or not.
    fn trace(&self, points: &[(i32, i32)], close: bool) {
        self.ctx.begin_path();
        for (k, &(x, y)) in points.iter().enumerate() {
            let (x, y) = (f64::from(x), f64::from(y));
            if k == 0 {
                self.ctx.move_to(x, y);
            } else {
                self.ctx.line_to(x, y);
            }
        }
        if close {
            self.ctx.close_path();
        }
    }
}

impl Surface for CanvasPainter {
    type Error = Infallible;

    fn fill_rect(
        &mut self,
        from: (i32, i32),
        to: (i32, i32),
        color: Rgb,
    ) -> Result<(), Infallible> {
        self.colour(color, false);
        let (x, y) = (f64::from(from.0), f64::from(from.1));
        let (w, h) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
        self.ctx.fill_rect(x, y, w, h);
        Ok(())
    }

    fn line(&mut self, points: &[(i32, i32)], color: Rgb) -> Result<(), Infallible> {
        self.colour(color, true);
        self.trace(points, false);
        self.ctx.stroke();
        Ok(())
    }

    fn polygon(&mut self, points: &[(i32, i32)], color: Rgb) -> Result<(), Infallible> {
        self.colour(color, false);
        self.trace(points, true);
        self.ctx.fill();
        Ok(())
    }

    fn text(&mut self, text: &str, at: (i32, i32), style: &TextStyle) -> Result<(), Infallible> {
        self.colour(style.color, false);
        if self.font != Some(style.font) {
            self.ctx.set_font(&style.font.css());
            self.font = Some(style.font);
        }
        let ctx = &self.ctx;
        ctx.set_text_align(match style.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        });
        ctx.set_text_baseline(match style.baseline {
            Baseline::Top => "top",
            Baseline::Middle => "middle",
            Baseline::Bottom => "bottom",
        });
        let (x, y) = (f64::from(at.0), f64::from(at.1));
        if style.vertical {
            ctx.save();
            ctx.translate(x, y);
            ctx.rotate(3.0 * std::f64::consts::FRAC_PI_2);
            ctx.fill_text(text, 0.0, 0.0);
            ctx.restore();
        } else {
            ctx.fill_text(text, x, y);
        }
        Ok(())
    }
}

/// The page's state.
#[derive(Debug)]
struct App {
    window: Window,
    document: Document,
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
    on_dpr_change: Option<JsValue>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs `f` on the app unless it has not started or is busy (a re-entrant
/// event); returns whether it ran. `f` is a trait object so that the
/// thread-local and borrow code exists once, not once per caller.
fn with_app(f: &mut dyn FnMut(&mut App)) -> bool {
    APP.with(|cell| {
        let Ok(mut app) = cell.try_borrow_mut() else {
            return false;
        };
        app.as_mut().map(f).is_some()
    })
}

/// Runs `f` on the app for an exported function: its result, or an error
/// if the app is unavailable.
fn run(f: &mut dyn FnMut(&mut App) -> Result<(), JsValue>) -> Result<(), JsValue> {
    let mut result = Err(err("the page state is unavailable"));
    with_app(&mut |app| result = f(app));
    result
}

/// Shows `message` in the page's error banner.
fn show_error(message: &str) {
    let banner = dom::WINDOW
        .with(Option::clone)
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("error-banner"));
    if let Some(banner) = banner {
        banner.set_text_content(Some(message));
        banner.remove_attribute("hidden");
    }
}

/// Logs and shows an error from an event handler.
fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        let message = dom::js_string(&e);
        dom::warn(&format!("soviets: {message}"));
        show_error(&format!("Something went wrong: {message}"));
    }
}

fn err(message: &str) -> JsValue {
    JsValue::from_str(message)
}

fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")
        .ok_or_else(|| err("the browser gave no 2D canvas context"))
}

/// A colour as CSS writes it: "#1f2328".
fn hex(c: Rgb) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(7);
    out.push('#');
    for v in [c.0, c.1, c.2] {
        out.push(char::from(DIGITS[usize::from(v >> 4)]));
        out.push(char::from(DIGITS[usize::from(v & 15)]));
    }
    out
}

/// Adds a listener that lives as long as the page.
fn listen(target: &EventTarget, name: &str, capture: bool, handler: impl FnMut(JsValue) + 'static) {
    let closure = Closure::<dyn FnMut(JsValue)>::new(handler);
    target.add_event_listener(name, closure.as_ref(), capture);
    closure.forget();
}

/// "105 (13.4%)", or a dash when unknown.
fn count_cell(n: Option<u32>, share: Option<f64>) -> String {
    match (n, share) {
        (Some(n), Some(s)) => format!("{} ({})", charts::count(n), charts::percent(s)),
        (Some(n), None) => charts::count(n),
        (None, _) => "—".to_string(),
    }
}

impl App {
    fn new() -> Result<App, JsValue> {
        let window = dom::WINDOW
            .with(Option::clone)
            .ok_or_else(|| err("no window"))?;
        let document = window.document().ok_or_else(|| err("no document"))?;
        let by_id = |id: &str| {
            document
                .get_element_by_id(id)
                .ok_or_else(|| err(&format!("the page has no #{id}")))
        };
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
                canvas,
                overlay,
                frame,
                layout: None,
                bounds: Bounds::default(),
                drawn: (0.0, 0.0, 0.0),
                hover: None,
            });
        }
        let scratch: HtmlCanvasElement = document.create_element("canvas").unchecked_into();
        let measure = CanvasMeasure::new(context(&scratch)?);
        let mode = checked_mode(&document);
        let tooltip: HtmlElement = by_id("tooltip")?.dyn_into()?;
        let data = Corpus::seeds().dataset();
        let pair = default_pair(&data);
        Ok(App {
            window,
            document,
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
        })
    }

    fn index(kind: Kind) -> usize {
        KINDS.iter().position(|k| *k == kind).unwrap_or(0)
    }

    fn element(&self, id: &str) -> Result<Element, JsValue> {
        self.document
            .get_element_by_id(id)
            .ok_or_else(|| err(&format!("the page has no #{id}")))
    }

    fn dpr(&self) -> f64 {
        let dpr = self.window.device_pixel_ratio();
        if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        }
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
        self.viewport_height = self.window.inner_height();
    }

    fn lay_out(&self, kind: Kind, width: f64, height: f64) -> ChartLayout {
        let m = &self.measure;
        match kind {
            Kind::Factions => {
                let opts = factions::Options {
                    mode: self.mode,
                    hidden: self.hidden,
                };
                ChartLayout::Factions(factions::layout(&self.data, width, height, opts, m))
            }
            Kind::Compare => {
                let (a, b) = self.pair;
                ChartLayout::Compare(compare::layout(&self.data, a, b, width, self.mode, m))
            }
            Kind::Votes => ChartLayout::Votes(votes::layout(&self.data, width, m)),
        }
    }

    /// Lays out and paints one chart at its current CSS size.
    fn draw(&mut self, kind: Kind) -> Result<(), JsValue> {
        let dpr = self.dpr();
        let i = App::index(kind);
        let Bounds { width, height, .. } = self.charts[i].bounds;
        let layout = self.lay_out(kind, width, height);
        let chart = &mut self.charts[i];
        let css_height = if kind.fits_content() {
            let h = layout.scene().height;
            // Scene heights are whole pixels.
            chart
                .frame
                .style()
                .set_property("height", &format!("{}px", h as u32));
            chart.bounds.height = h;
            h
        } else {
            height
        };
        let device = (
            (width * dpr).round().max(1.0) as u32,
            (css_height * dpr).round().max(1.0) as u32,
        );
        for canvas in [&chart.canvas, &chart.overlay] {
            if (canvas.width(), canvas.height()) != device {
                canvas.set_width(device.0);
                canvas.set_height(device.1);
            }
        }
        // Lay out in CSS pixels, paint in device pixels.
        let ctx = context(&chart.canvas)?;
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        let Ok(()) = charts::paint_on(&mut CanvasPainter::new(ctx), layout.scene(), &self.theme);
        chart.layout = Some(layout);
        chart.drawn = (width, if kind.fits_content() { 0.0 } else { height }, dpr);
        outline(chart, None, &self.theme, dpr);
        // The tooltip described the old drawing; the next move brings it back.
        if chart.hover.take().is_some() {
            self.tooltip.set_hidden(true);
        }
        Ok(())
    }

    fn draw_all(&mut self) -> Result<(), JsValue> {
        for kind in KINDS {
            self.draw(kind)?;
        }
        // Content-sized charts may have moved the others.
        self.refresh_bounds();
        self.fill_table()
    }

    /// After a resize or a change of device pixel ratio: redraws the
    /// charts whose size or ratio changed.
    fn resize(&mut self) -> Result<(), JsValue> {
        self.refresh_bounds();
        let dpr = self.dpr();
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
        let target = hit.map(|h| h.target);
        if target != chart.hover {
            let dpr = chart.drawn.2;
            outline(&self.charts[i], hit.map(|h| h.rect), &self.theme, dpr);
            match target {
                Some(t) => {
                    let text = tooltip::lines(&self.data, t).join("\n");
                    self.tooltip.set_text_content(Some(&text));
                    self.tooltip.set_hidden(false);
                }
                None => self.tooltip.set_hidden(true),
            }
            self.charts[i].hover = target;
        }
        if target.is_some() {
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
                .set_property("transform", &format!("translate({tx}, {ty})"));
        }
        Ok(())
    }

    fn on_leave(&mut self, kind: Kind) -> Result<(), JsValue> {
        let chart = &mut self.charts[App::index(kind)];
        chart.hover = None;
        outline(chart, None, &self.theme, chart.drawn.2);
        self.tooltip.set_hidden(true);
        Ok(())
    }

    fn create(&self, tag: &str, text: Option<&str>) -> Element {
        let e = self.document.create_element(tag);
        if text.is_some() {
            e.set_text_content(text);
        }
        e
    }

    /// One legend button per faction in the data.
    fn build_legend(&self) -> Result<(), JsValue> {
        let list = self.element("faction-legend")?;
        list.set_text_content(None);
        for f in charts::factions_in(&self.data) {
            let button = self.create("button", None);
            button.set_attribute("type", "button");
            button.set_attribute("data-faction", f.id());
            let shown = !self.hidden.contains(f);
            button.set_attribute("aria-pressed", if shown { "true" } else { "false" });
            let swatch: HtmlElement = self.create("span", None).unchecked_into();
            swatch.set_class_name("swatch");
            swatch.set_attribute("aria-hidden", "true");
            swatch
                .style()
                .set_property("background-color", &hex(f.color()));
            button.append_child(&swatch);
            let name = self.create("span", Some(f.name()));
            button.append_child(&name);
            let item = self.create("li", None);
            item.append_child(&button);
            list.append_child(&item);
        }
        Ok(())
    }

    /// Fills both comparison selects with every event.
    fn build_selects(&self) -> Result<(), JsValue> {
        for (id, chosen) in [("compare-a", self.pair.0), ("compare-b", self.pair.1)] {
            let select: HtmlSelectElement = self.element(id)?.dyn_into()?;
            select.set_text_content(None);
            for e in &self.data.events {
                let label = format!("{} ({})", e.name, e.date_label(Style::Old));
                let option = self.create("option", Some(&label));
                option.set_attribute("value", &e.id);
                select.append_child(&option);
            }
            select.set_selected_index(chosen as i32);
        }
        Ok(())
    }

    /// Rewrites `#compare-table` for the compared pair.
    fn fill_table(&self) -> Result<(), JsValue> {
        let table = self.element("compare-table")?;
        table.set_text_content(None);
        let events = &self.data.events;
        let (Some(a), Some(b)) = (events.get(self.pair.0), events.get(self.pair.1)) else {
            return Ok(());
        };
        let (sa, sb) = (charts::short_name(a), charts::short_name(b));
        let caption = format!("Delegates by faction: {sa} and {sb}");
        let caption = self.create("caption", Some(&caption));
        table.append_child(&caption);
        let head = self.create("thead", None);
        let columns = ["Faction", sa, sb, "Change", "Change in share"];
        self.row(&head, columns.map(String::from), "col")?;
        table.append_child(&head);
        let body = self.create("tbody", None);
        for r in compare::change_rows(a, b) {
            let cells = [
                charts::row_name(r.faction).to_string(),
                count_cell(r.a, r.share_a),
                count_cell(r.b, r.share_b),
                r.delta_count.map_or("—".to_string(), charts::signed_count),
                r.delta_share.map_or("—".to_string(), charts::signed_points),
            ];
            self.row(&body, cells, "row")?;
        }
        let total = |e: &EventView| e.total.as_ref().map(|t| t.value);
        let (ta, tb) = (total(a), total(b));
        let delta = ta.zip(tb).map(|(x, y)| i64::from(y) - i64::from(x));
        let cells = [
            "Stated total".to_string(),
            count_cell(ta, None),
            count_cell(tb, None),
            delta.map_or("—".to_string(), charts::signed_count),
            String::new(),
        ];
        self.row(&body, cells, "row")?;
        table.append_child(&body);
        Ok(())
    }

    /// Appends a table row whose first cell is a header with `scope`.
    fn row(&self, parent: &Element, cells: [String; 5], scope: &str) -> Result<(), JsValue> {
        let tr = self.create("tr", None);
        for (k, text) in cells.iter().enumerate() {
            let header = k == 0 || scope == "col";
            let cell = self.create(if header { "th" } else { "td" }, Some(text));
            if header {
                cell.set_attribute("scope", scope);
            }
            tr.append_child(&cell);
        }
        parent.append_child(&tr);
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
            old.remove_event_listener("change", &handler);
        }
        // The ratio as JavaScript writes it, so the query matches exactly.
        let ratio = dom::js_string(&JsValue::from_f64(self.dpr()));
        let query = format!("(resolution: {ratio}dppx)");
        if let Some(mql) = self.window.match_media(&query) {
            mql.add_event_listener("change", &handler, false);
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
    with_app(&mut |app| report(app.resize()));
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
fn outline(chart: &Chart, rect: Option<Rect>, theme: &Theme, dpr: f64) {
    let ctx = &chart.overlay_ctx;
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    let (w, h) = (chart.overlay.width(), chart.overlay.height());
    ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    if let Some(r) = rect {
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        ctx.set_stroke_style(&hex(theme.highlight));
        ctx.set_line_width(2.0);
        ctx.stroke_rect(
            r.x + 1.0,
            r.y + 1.0,
            (r.w - 2.0).max(0.0),
            (r.h - 2.0).max(0.0),
        );
    }
}

/// Wires every control and chart to the app.
fn attach(app: &App) -> Result<(), JsValue> {
    for chart in &app.charts {
        let kind = chart.kind;
        listen(&chart.canvas, "mousemove", false, move |e| {
            let e: PointerPosition = e.unchecked_into();
            with_app(&mut |app| report(app.on_move(kind, &e)));
        });
        listen(&chart.canvas, "mouseleave", false, move |_| {
            with_app(&mut |app| report(app.on_leave(kind)));
        });
    }
    for id in ["mode-absolute", "mode-share"] {
        let radio = app.element(id)?;
        listen(&radio, "change", false, |_| {
            with_app(&mut |app| {
                app.mode = checked_mode(&app.document);
                report(
                    app.draw(Kind::Factions)
                        .and_then(|()| app.draw(Kind::Compare)),
                );
            });
        });
    }
    let legend = app.element("faction-legend")?;
    listen(&legend, "click", false, |e| {
        let button = e
            .unchecked_into::<Event>()
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button[data-faction]"));
        let Some(button) = button else { return };
        let Some(f) = button
            .get_attribute("data-faction")
            .and_then(|id| Faction::from_id(&id))
        else {
            return;
        };
        with_app(&mut |app| {
            let hidden = app.hidden.toggle(f);
            button.set_attribute("aria-pressed", if hidden { "false" } else { "true" });
            report(app.draw(Kind::Factions));
        });
    });
    for (id, side) in [("compare-a", 0), ("compare-b", 1)] {
        let select: HtmlSelectElement = app.element(id)?.dyn_into()?;
        let target = select.clone();
        listen(&target, "change", false, move |_| {
            let value = select.value();
            with_app(&mut |app| {
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
        });
    }
    let observer =
        ResizeObserver::new(&Closure::<dyn FnMut(JsValue)>::new(on_resize).into_js_value());
    for chart in &app.charts {
        observer.observe(&chart.frame);
    }
    // A resize (or a zoom, which also changes the pixel ratio) moves the
    // canvases and may resize them.
    listen(&app.window, "resize", false, on_resize);
    listen(&app.document, "scroll", true, |_| {
        with_app(&mut App::refresh_bounds);
    });
    Ok(())
}

/// Starts the page: error reporting, data, charts, then the controls.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        dom::warn(&format!("soviets panicked: {message}"));
        show_error(&format!(
            "Something went wrong inside the page: {message}. Reload the page to start again."
        ));
    }));
    let app = App::new()?;
    APP.with(|cell| cell.replace(Some(app)));
    run(&mut |app| {
        app.build_legend()?;
        app.build_selects()?;
        app.refresh_bounds();
        app.draw(Kind::Factions)?;
        if let Some(root) = app.document.document_element() {
            root.dataset().set("ready", "true");
        }
        if let Some(performance) = app.window.performance() {
            performance.mark("first-chart");
        }
        app.draw(Kind::Compare)?;
        app.draw(Kind::Votes)?;
        app.refresh_bounds();
        app.fill_table()?;
        attach(app)?;
        let on_dpr = Closure::<dyn FnMut(JsValue)>::new(|_| {
            with_app(&mut |app| report(app.resize().and_then(|()| app.arm_dpr_query())));
        });
        app.on_dpr_change = Some(on_dpr.into_js_value());
        app.arm_dpr_query()
    })
}

/// The hit regions of the chart on `canvas_id`, in CSS pixels relative to
/// the canvas: `[{kind, event, faction, label, x, y, w, h}]`.
#[wasm_bindgen]
pub fn regions(canvas_id: &str) -> JsValue {
    let out = dom::Array::new();
    let kind = KINDS.into_iter().find(|k| k.canvas_id() == canvas_id);
    with_app(&mut |app| {
        let Some(layout) = kind.and_then(|k| app.charts[App::index(k)].layout.as_ref()) else {
            return;
        };
        let data = &app.data;
        for h in &layout.scene().regions {
            let t = h.target;
            let event = data.events.get(t.event()).map_or("", |e| &e.id);
            let faction = t.faction().map_or(JsValue::NULL, |f| f.id().into());
            let o = dom::Object::new();
            let fields: [(&str, JsValue); 8] = [
                ("kind", t.kind().into()),
                ("event", event.into()),
                ("faction", faction),
                ("label", t.label(data).into()),
                ("x", h.rect.x.into()),
                ("y", h.rect.y.into()),
                ("w", h.rect.w.into()),
                ("h", h.rect.h.into()),
            ];
            for (key, value) in fields {
                o.set(key, &value);
            }
            out.push(&o);
        }
    });
    out.into()
}

/// Parses `text` as one document and returns its report entry: the same
/// JSON as a document of the command line's `extract`.
#[wasm_bindgen]
pub fn extract(text: &str) -> JsValue {
    let mut corpus = Corpus::default();
    let doc = corpus.add("pasted text", text, true);
    corpus.documents().get(doc).map_or(JsValue::NULL, |d| {
        dom::json_parse(&crate::report::document_json(d)).unwrap_or(JsValue::NULL)
    })
}

/// Replaces the data with a generated set of `events` events of
/// `factions` segments each, and redraws.
#[wasm_bindgen]
pub fn synthetic(events: u32, factions: u32) -> Result<(), JsValue> {
    run(&mut |app| app.set_data(synthetic::dataset(events, factions)))
}

/// Lays out and paints every chart again, synchronously.
#[wasm_bindgen]
pub fn redraw() -> Result<(), JsValue> {
    run(&mut App::draw_all)
}

/// Panics, to test the error banner.
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic() was called");
}
