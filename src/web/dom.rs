//! DOM helpers every component shares: element lookup and creation,
//! buttons, tables, the notice and live lines, listeners, and error
//! reporting. A leaf: it knows no component and no page state.
//!
//! Text only ever reaches the page as text (`set_text_content`,
//! `create_text_node`), never as HTML.

use crate::charts::table::Table;
use crate::view::Chart;
use crate::DocId;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, Document, Element, EventTarget, HtmlCanvasElement, Window,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    pub(super) fn warn(message: &str);

    /// A mouse event's client coordinates as the browser reports them,
    /// fractions included (web-sys's stable getters truncate to integers).
    #[wasm_bindgen(extends = web_sys::Event)]
    pub(super) type PointerPosition;
    #[wasm_bindgen(method, getter, js_name = clientX)]
    pub(super) fn client_x(this: &PointerPosition) -> f64;
    #[wasm_bindgen(method, getter, js_name = clientY)]
    pub(super) fn client_y(this: &PointerPosition) -> f64;

    /// Copies `src` into `dst`, which must be as long (as js-sys's
    /// `Uint8Array::to_vec`, without its length assertion's formatting).
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = "prototype.set.call")]
    fn copy_bytes(dst: &mut [u8], src: &js_sys::Uint8Array);
}

/// A `Uint8Array`'s bytes.
pub(super) fn bytes_of(array: &js_sys::Uint8Array) -> Vec<u8> {
    let mut out = vec![0; array.length() as usize];
    copy_bytes(&mut out, array);
    out
}

/// Shows `message` in the page's error banner.
pub(super) fn show_error(message: &str) {
    let banner = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("error-banner"));
    if let Some(banner) = banner {
        banner.set_text_content(Some(message));
        // Removing an attribute that is absent is not an error.
        let _ = banner.remove_attribute("hidden");
    }
}

/// Logs and shows an error from an event handler.
pub(super) fn report(result: Result<(), JsValue>) {
    if let Err(e) = result {
        // An exception object reads as "Name: message".
        let message = e
            .as_string()
            .unwrap_or_else(|| e.unchecked_ref::<js_sys::Object>().to_string().into());
        warn(&format!("soviets: {message}"));
        show_error(&format!("Something went wrong: {message}"));
    }
}

pub(super) fn err(message: &str) -> JsValue {
    JsValue::from_str(message)
}

/// The 2D context of `canvas`.
pub(super) fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| err("the browser gave no 2D canvas context"))?
        .dyn_into()
        .map_err(|_| err("not a 2D canvas context"))
}

/// Hides or shows `e` (its `hidden` attribute; the attribute calls are
/// imports the page has anyway, the `hidden` property would be another).
pub(super) fn hide(e: &Element, hidden: bool) {
    // Toggling an attribute with a valid name cannot fail.
    let _ = e.toggle_attribute_with_force("hidden", hidden);
}

/// `f` as a JavaScript function to be called once (a timer, a reader's
/// or a request's answer). One closure type for every such callback, so
/// the module holds one copy of wasm-bindgen's one-shot wrapping.
pub(super) fn once(f: Box<dyn FnOnce(JsValue)>) -> JsValue {
    Closure::once_into_js(move |e: JsValue| f(e))
}

/// Adds a listener that lives as long as the page.
pub(super) fn listen(
    target: &EventTarget,
    name: &str,
    capture: bool,
    handler: impl FnMut(JsValue) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(JsValue)>::new(handler);
    target.add_event_listener_with_callback_and_bool(
        name,
        closure.as_ref().unchecked_ref(),
        capture,
    )?;
    closure.forget();
    Ok(())
}

/// The element an event came from, if it is inside one matching `selector`:
/// that one.
pub(super) fn closest(e: &JsValue, selector: &str) -> Option<Element> {
    e.unchecked_ref::<web_sys::Event>()
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest(selector).ok().flatten())
}

/// The `data-*` number of the button an event came from.
pub(super) fn button_data(e: &JsValue, selector: &str, key: &str) -> Option<usize> {
    closest(e, selector)
        .and_then(|b| b.get_attribute(key))
        .and_then(|v| v.parse().ok())
}

/// Milliseconds since the page started (`performance.now()`).
pub(super) fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The window and its document, with the helpers that build the page.
#[derive(Debug)]
pub(super) struct Dom {
    pub(super) window: Window,
    pub(super) document: Document,
}

impl Dom {
    pub(super) fn new() -> Result<Dom, JsValue> {
        let window = web_sys::window().ok_or_else(|| err("no window"))?;
        let document = window.document().ok_or_else(|| err("no document"))?;
        Ok(Dom { window, document })
    }

    /// Element `id`, or an error naming it.
    pub(super) fn element(&self, id: &str) -> Result<Element, JsValue> {
        self.document
            .get_element_by_id(id)
            .ok_or_else(|| err(&format!("the page has no #{id}")))
    }

    /// Element `id` as a `T` (an input, a select, a canvas).
    pub(super) fn typed<T: JsCast>(&self, id: &str) -> Option<T> {
        self.document.get_element_by_id(id)?.dyn_into().ok()
    }

    /// A new `tag` element holding `text`.
    pub(super) fn create(&self, tag: &str, text: Option<&str>) -> Result<Element, JsValue> {
        let e = self.document.create_element(tag)?;
        if text.is_some() {
            e.set_text_content(text);
        }
        Ok(e)
    }

    /// Creates a `tag` element with `text` at the end of `parent`.
    pub(super) fn add(
        &self,
        parent: &Element,
        tag: &str,
        text: Option<&str>,
    ) -> Result<Element, JsValue> {
        let e = self.create(tag, text)?;
        parent.append_child(&e)?;
        Ok(e)
    }

    /// Element `id`, emptied.
    pub(super) fn cleared(&self, id: &str) -> Result<Element, JsValue> {
        let e = self.element(id)?;
        e.set_text_content(None);
        Ok(e)
    }

    /// A button of `class` with `label` and further attributes.
    pub(super) fn button(
        &self,
        label: &str,
        class: &str,
        attrs: &[(&str, &str)],
    ) -> Result<Element, JsValue> {
        let button = self.create("button", Some(label))?;
        button.set_attribute("type", "button")?;
        button.set_attribute("class", class)?;
        for (k, v) in attrs {
            button.set_attribute(k, v)?;
        }
        Ok(button)
    }

    /// A button that opens `start..end` of document `doc` in the source
    /// panel (the panel listens for `button.source-link` clicks).
    pub(super) fn quote_button(
        &self,
        label: &str,
        doc: DocId,
        (start, end): (usize, usize),
    ) -> Result<Element, JsValue> {
        let (doc, start, end) = (doc.0.to_string(), start.to_string(), end.to_string());
        let data = [
            ("data-doc", &*doc),
            ("data-start", &*start),
            ("data-end", &*end),
        ];
        self.button(label, "source-link", &data)
    }

    /// Empties the `<table>` with id `id`, gives it `caption` and a row of
    /// column headers, and returns its (empty) body.
    pub(super) fn start_table(
        &self,
        id: &str,
        caption: &str,
        head: &[&str],
    ) -> Result<Element, JsValue> {
        let table = self.cleared(id)?;
        self.add(&table, "caption", Some(caption))?;
        let thead = self.add(&table, "thead", None)?;
        let tr = self.add(&thead, "tr", None)?;
        for h in head {
            self.add(&tr, "th", Some(h))?
                .set_attribute("scope", "col")?;
        }
        self.add(&table, "tbody", None)
    }

    /// Writes `t` into the `<table>` with id `id`: caption, column headers,
    /// and rows whose first cell heads the row.
    pub(super) fn write_table(&self, id: &str, t: &Table) -> Result<(), JsValue> {
        let head: Vec<&str> = t.head.iter().map(String::as_str).collect();
        let body = self.start_table(id, &t.caption, &head)?;
        for row in &t.rows {
            let tr = self.add(&body, "tr", None)?;
            for (k, text) in row.iter().enumerate() {
                let cell = self.add(&tr, if k == 0 { "th" } else { "td" }, Some(text))?;
                if k == 0 {
                    cell.set_attribute("scope", "row")?;
                }
            }
        }
        Ok(())
    }

    /// Shows a short, non-blocking message above the charts.
    pub(super) fn notice(&self, text: &str) {
        if let Some(n) = self.document.get_element_by_id("view-notice") {
            n.set_text_content(Some(text));
            let _ = n.remove_attribute("hidden");
        }
    }

    /// The device pixel ratio, 1 if the browser gives none that is usable.
    pub(super) fn dpr(&self) -> f64 {
        let dpr = self.window.device_pixel_ratio();
        if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        }
    }
}

/// Scrolls the `<section>` holding `e` into sight.
pub(super) fn show_section(e: &Element) {
    if let Ok(Some(section)) = e.closest("section") {
        section.scroll_into_view();
    }
}

/// The ids of one chart's elements on the page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ids {
    pub(super) canvas: &'static str,
    /// The canvas above it for the hover outline and focus ring.
    pub(super) overlay: &'static str,
    /// Its data table (the comparison's is the page's own change table).
    pub(super) table: &'static str,
}

/// The ids of chart `chart`'s elements.
pub(super) fn ids(chart: Chart) -> Ids {
    let (canvas, overlay, table) = match chart {
        Chart::Factions => ("faction-chart", "faction-overlay", "faction-table"),
        Chart::Compare => ("compare-chart", "compare-overlay", "compare-table"),
        Chart::Votes => ("vote-chart", "vote-overlay", "vote-table"),
        Chart::Seats => ("seat-chart", "seat-overlay", "seat-table"),
    };
    Ids {
        canvas,
        overlay,
        table,
    }
}

/// The chart whose canvas has id `id`.
pub(super) fn chart_of(id: &str) -> Option<Chart> {
    Chart::ALL.into_iter().find(|c| ids(*c).canvas == id)
}
