//! Every event the page answers, as one [`Msg`], and the listeners that
//! make them. A listener reads what the event says (a key, a position, a
//! select's value), builds the message and hands it to `send` (the
//! dispatcher, [`super::dispatch`]); it changes nothing itself. Timers,
//! the worker, the file reader and the clipboard answer with messages too.
//!
//! Every listener is one closure type ([`handler`]: a plain function that
//! reads the event, and a number of its own), so the module holds one
//! listener shim and vtable, not one per kind of event.

use super::dom::{button_data, closest, ids, listen, Dom, PointerPosition};
use crate::calendar::Style;
use crate::view::Chart;
use crate::{DocId, Faction};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    DragEvent, Element, EventTarget, File, HtmlInputElement, HtmlSelectElement, KeyboardEvent,
    MediaQueryList, MessageEvent, PointerEvent, ResizeObserver,
};

/// Something that happened on the page.
#[derive(Debug)]
pub(super) enum Msg {
    /// The charts may have moved (the pointer entered one, a scroll).
    Bounds,
    /// The pointer moved over a chart, at a viewport point.
    Move {
        chart: Chart,
        at: (f64, f64),
    },
    /// The pointer left a chart.
    Leave(Chart),
    /// A click on a chart (by touch: `touch`).
    Click {
        chart: Chart,
        at: (f64, f64),
        touch: bool,
    },
    /// A finger touched a chart.
    Tap {
        chart: Chart,
        at: (f64, f64),
    },
    /// A finger touched the page outside every chart.
    TapElsewhere,
    Focus(Chart),
    Blur(Chart),
    Key(Chart, KeyboardEvent),
    /// The window was resized, or a chart's frame.
    Resize,
    /// The device pixel ratio changed (a zoom, another screen).
    PixelRatio,
    /// The colour scheme changed.
    Scheme,
    /// The page is about to print.
    Print,
    /// The absolute/share radios changed.
    Mode,
    /// A legend button, hiding or showing its faction.
    Legend {
        faction: Faction,
        button: Element,
    },
    /// Compared event `side` (0 or 1) is now the event with this id.
    Pick {
        side: usize,
        id: String,
    },
    /// The comparison is drawn as seats (true) or bars.
    CompareView(bool),
    /// The seat row shows the body with this key ("" for the delegates).
    SeatBody(String),
    /// A link under the seat row: event `i` beside the one before it.
    SeatLink(usize),
    /// A chart toolbar's button: "table", "link", "png", "svg", "csv", "json".
    Tool {
        chart: Chart,
        action: String,
        button: Element,
    },
    /// A seed's whole text, fetched for the source panel, or why not.
    SeedText {
        doc: DocId,
        text: Result<String, String>,
    },
    /// The browser's PNG of a chart, to be saved as `name`.
    Png {
        name: String,
        blob: JsValue,
    },
    /// Back, forward or an edited address.
    Address,
    /// The clipboard took the link (or refused it).
    Copied(bool),
    /// Open `start..end` of document `doc` in the source panel.
    Quote {
        doc: DocId,
        span: (usize, usize),
    },
    /// The source panel's fact `i`: its quote, or its region in a chart.
    FactQuote(usize),
    FactChart(usize),
    ClosePanel,
    /// Escape anywhere on the page.
    Escape,
    /// The document whose figures drive the charts (`None`: the rule).
    Source(Option<DocId>),
    /// The calendar style dates lead with.
    Lead(Style),
    /// "Add" was pressed, at this time.
    Submit {
        started: f64,
    },
    /// The reader typed in the box.
    Edited,
    /// A file was chosen or dropped; then its text was read.
    File(File),
    FileRead {
        name: String,
        text: String,
    },
    /// Remove added document `doc`, or forget a saved one kept unread.
    Remove(DocId),
    Forget {
        unread: bool,
        i: usize,
    },
    /// Back to the seeds.
    Reset,
    /// The parsing worker answered, or could not start.
    WorkerAnswer(MessageEvent),
    WorkerFailed,
    /// The next step of merging a read document.
    Step,
    /// Trap while the state is in use (a test of surviving it).
    Trap,
}

/// A pointer event's viewport point.
fn point(e: &JsValue) -> (f64, f64) {
    let p: &PointerPosition = e.unchecked_ref();
    (p.client_x(), p.client_y())
}

/// Whether a pointer event came from a finger.
fn touch(e: &JsValue) -> bool {
    e.unchecked_ref::<PointerEvent>().pointer_type() == "touch"
}

/// The element an event was sent to, as a `T` (a select, an input).
fn target<T: JsCast>(e: &JsValue) -> Option<T> {
    e.unchecked_ref::<web_sys::Event>()
        .target()?
        .dyn_into()
        .ok()
}

/// The chart and button of a click on a chart's toolbar.
fn tool(e: &JsValue) -> Option<(Chart, Element)> {
    let bar = closest(e, ".chart-tools")?;
    let chart = Chart::from_id(&bar.get_attribute("data-chart")?)?;
    let button = closest(e, "button[data-action]")?;
    Some((chart, button))
}

/// What a listener reads from its event: the message to send, if any.
/// `arg` is the listener's own number (a chart's place in [`Chart::ALL`],
/// a side, a flag).
pub(super) type Read = fn(&JsValue, usize) -> Option<Msg>;

/// Chart number `i` of [`Chart::ALL`].
fn chart(i: usize) -> Option<Chart> {
    Chart::ALL.get(i).copied()
}

/// The listener that sends what `read` makes of each event. Every
/// listener of the page is this one closure type, so the module holds one
/// listener shim, not one per kind of event.
pub(super) fn handler(arg: usize, read: Read, send: fn(Msg)) -> impl FnMut(JsValue) + 'static {
    move |e| {
        if let Some(msg) = read(&e, arg) {
            send(msg);
        }
    }
}

/// Listens for `name` on `target` (in the capture phase if `capture`).
pub(super) fn on(
    target: &EventTarget,
    name: &str,
    capture: bool,
    arg: usize,
    read: Read,
    send: fn(Msg),
) -> Result<(), JsValue> {
    listen(target, name, capture, handler(arg, read, send))
}

/// Wires every control and chart to `send`. `dark` is the colour scheme's
/// query; the toolbars are on the page already.
pub(super) fn attach(
    dom: &Dom,
    dark: Option<&MediaQueryList>,
    send: fn(Msg),
) -> Result<(), JsValue> {
    let observer = ResizeObserver::new(
        Closure::<dyn FnMut(JsValue)>::new(handler(0, |_, _| Some(Msg::Resize), send))
            .into_js_value()
            .unchecked_ref(),
    )?;
    let window: &EventTarget = dom.window.as_ref();
    let document: &EventTarget = dom.document.as_ref();
    for (i, c) in Chart::ALL.into_iter().enumerate() {
        let canvas = dom.element(ids(c).canvas)?;
        if let Some(frame) = canvas.parent_element() {
            observer.observe(&frame);
        }
        let target: &EventTarget = canvas.as_ref();
        let on = |name: &str, read: Read| on(target, name, false, i, read, send);
        // Positions are re-read once as the pointer enters a chart (content
        // above it may have moved without a scroll, e.g. the error banner),
        // never on each move.
        on("mouseenter", |_, _| Some(Msg::Bounds))?;
        on("mousemove", |e, i| {
            Some(Msg::Move {
                chart: chart(i)?,
                at: point(e),
            })
        })?;
        on("mouseleave", |_, i| Some(Msg::Leave(chart(i)?)))?;
        on("click", |e, i| {
            Some(Msg::Click {
                chart: chart(i)?,
                at: point(e),
                touch: touch(e),
            })
        })?;
        on("focus", |_, i| Some(Msg::Focus(chart(i)?)))?;
        on("blur", |_, i| Some(Msg::Blur(chart(i)?)))?;
        on("keydown", |e, i| {
            Some(Msg::Key(chart(i)?, e.clone().unchecked_into()))
        })?;
        on("pointerdown", |e, i| {
            touch(e).then_some(())?;
            Some(Msg::Tap {
                chart: chart(i)?,
                at: point(e),
            })
        })?;
    }
    // `at(target, name, read)` listens on a target, `by_id(id, name, arg,
    // read)` on the element `id`; both in the bubbling phase.
    let at = |t: &EventTarget, name: &str, read: Read| on(t, name, false, 0, read, send);
    let by_id = |id: &str, name: &str, arg: usize, read: Read| -> Result<(), JsValue> {
        on(dom.element(id)?.as_ref(), name, false, arg, read, send)
    };
    // A resize (or a zoom, which also changes the pixel ratio) moves the
    // canvases and may resize them.
    at(window, "resize", |_, _| Some(Msg::Resize))?;
    on(document, "scroll", true, 0, |_, _| Some(Msg::Bounds), send)?;
    // Capture, so a chart's own handler has not run yet: a tap on a chart
    // is left to it.
    on(
        document,
        "pointerdown",
        true,
        0,
        |e, _| (touch(e) && closest(e, ".chart").is_none()).then_some(Msg::TapElsewhere),
        send,
    )?;
    // Print shows every table, closed ones included.
    at(window, "beforeprint", |_, _| Some(Msg::Print))?;
    if let Some(q) = dark {
        at(q.as_ref(), "change", |_, _| Some(Msg::Scheme))?;
    }
    for name in ["popstate", "hashchange"] {
        at(window, name, |_, _| Some(Msg::Address))?;
    }
    for id in ["mode-absolute", "mode-share"] {
        by_id(id, "change", 0, |_, _| Some(Msg::Mode))?;
    }
    by_id("faction-legend", "click", 0, |e, _| {
        let button = closest(e, "button[data-faction]")?;
        let faction = Faction::from_id(&button.get_attribute("data-faction")?)?;
        Some(Msg::Legend { faction, button })
    })?;
    for (id, side) in [("compare-a", 0), ("compare-b", 1)] {
        by_id(id, "change", side, |e, side| {
            let select: HtmlSelectElement = target(e)?;
            Some(Msg::Pick {
                side,
                id: select.value(),
            })
        })?;
    }
    for (id, seats) in [("compare-view-bars", 0), ("compare-view-seats", 1)] {
        by_id(id, "change", seats, |_, seats| {
            Some(Msg::CompareView(seats == 1))
        })?;
    }
    by_id("seat-body", "change", 0, |e, _| {
        Some(Msg::SeatBody(target::<HtmlSelectElement>(e)?.value()))
    })?;
    by_id("seat-links", "click", 0, |e, _| {
        let link = closest(e, "a[data-event]")?;
        let i = link.get_attribute("data-event")?.parse().ok()?;
        // The link keeps the rest of the view (mode, hidden factions,
        // calendar, source), so it is followed here rather than by address.
        e.unchecked_ref::<web_sys::Event>().prevent_default();
        Some(Msg::SeatLink(i))
    })?;
    let bars = dom.document.query_selector_all(".chart-tools")?;
    for k in 0..bars.length() {
        let Some(bar) = bars.item(k) else { continue };
        at(bar.as_ref(), "click", |e, _| {
            let (chart, button) = tool(e)?;
            let action = button.get_attribute("data-action").unwrap_or_default();
            Some(Msg::Tool {
                chart,
                action,
                button,
            })
        })?;
    }
    at(document, "click", |e, _| {
        if let Some(doc) = button_data(e, "button.source-link", "data-doc") {
            let start = button_data(e, "button.source-link", "data-start").unwrap_or(0);
            let end = button_data(e, "button.source-link", "data-end").unwrap_or(0);
            Some(Msg::Quote {
                doc: DocId(doc as u32),
                span: (start, end),
            })
        } else if let Some(i) = button_data(e, "button.fact-quote", "data-fact") {
            Some(Msg::FactQuote(i))
        } else {
            button_data(e, "button.fact-chart", "data-fact").map(Msg::FactChart)
        }
    })?;
    by_id("source-close", "click", 0, |_, _| Some(Msg::ClosePanel))?;
    at(document, "keydown", |e, _| {
        (e.unchecked_ref::<KeyboardEvent>().key() == "Escape").then_some(Msg::Escape)
    })?;
    by_id("source-select", "change", 0, |e, _| {
        let select: HtmlSelectElement = target(e)?;
        Some(Msg::Source(select.value().parse().ok().map(DocId)))
    })?;
    by_id("calendar-new-first", "change", 0, |e, _| {
        let new = target::<HtmlInputElement>(e)?.checked();
        Some(Msg::Lead(if new { Style::New } else { Style::Old }))
    })?;
    attach_documents(dom, send)
}

/// The add-document form, the file input, dropping, removing, resetting.
fn attach_documents(dom: &Dom, send: fn(Msg)) -> Result<(), JsValue> {
    let document: &EventTarget = dom.document.as_ref();
    let list = dom.element("document-list")?;
    let at = |t: &EventTarget, name: &str, read: Read| on(t, name, false, 0, read, send);
    let by_id = |id: &str, name: &str, read: Read| -> Result<(), JsValue> {
        on(dom.element(id)?.as_ref(), name, false, 0, read, send)
    };
    by_id("add-document-submit", "click", |_, _| {
        // Timed from here: reading a large box is main-thread work too.
        Some(Msg::Submit {
            started: super::dom::now(),
        })
    })?;
    by_id("add-document", "input", |_, _| Some(Msg::Edited))?;
    by_id("add-document-file", "change", |e, _| {
        let input: HtmlInputElement = target(e)?;
        let file = input.files().and_then(|f| f.get(0));
        input.set_value("");
        file.map(Msg::File)
    })?;
    at(document, "dragover", |e, _| {
        e.unchecked_ref::<web_sys::Event>().prevent_default();
        None
    })?;
    at(document, "drop", |e, _| {
        let e: &DragEvent = e.unchecked_ref();
        e.prevent_default();
        e.data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
            .map(Msg::File)
    })?;
    at(list.as_ref(), "click", |e, _| {
        let doc = button_data(e, "button[data-remove]", "data-remove")?;
        Some(Msg::Remove(DocId(doc as u32)))
    })?;
    at(list.as_ref(), "click", |e, _| {
        forget(e, true, "data-forget-unread")
    })?;
    at(list.as_ref(), "click", |e, _| {
        forget(e, false, "data-forget-saved")
    })?;
    by_id("reset-documents", "click", |_, _| Some(Msg::Reset))
}

/// A click on a "Forget" button of the saved documents kept unread
/// (`unread`) or saved.
fn forget(e: &JsValue, unread: bool, key: &str) -> Option<Msg> {
    let i = button_data(e, &format!("button[{key}]"), key)?;
    Some(Msg::Forget { unread, i })
}
