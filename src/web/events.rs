//! Every event the page answers, as one [`Msg`], and the listeners that
//! make them. A listener reads what the event says (a key, a position, a
//! select's value), builds the message and hands it to `send` (the
//! dispatcher, [`super::dispatch`]); it changes nothing itself. Timers,
//! the worker, the file reader and the clipboard answer with messages too.

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

/// The chart and button of a click on a chart's toolbar.
fn tool(e: &JsValue) -> Option<(Chart, Element)> {
    let bar = closest(e, ".chart-tools")?;
    let chart = Chart::from_id(&bar.get_attribute("data-chart")?)?;
    let button = closest(e, "button[data-action]")?;
    Some((chart, button))
}

/// Wires every control and chart to `send`. `dark` is the colour scheme's
/// query; the toolbars are on the page already.
pub(super) fn attach(
    dom: &Dom,
    dark: Option<&MediaQueryList>,
    send: fn(Msg),
) -> Result<(), JsValue> {
    let on = |target: &EventTarget, name: &str, f: fn(&JsValue) -> Option<Msg>| {
        listen(target, name, false, move |e| {
            if let Some(msg) = f(&e) {
                send(msg);
            }
        })
    };
    let observer = ResizeObserver::new(
        Closure::<dyn FnMut(JsValue)>::new(move |_| send(Msg::Resize))
            .into_js_value()
            .unchecked_ref(),
    )?;
    for chart in Chart::ALL {
        let canvas = dom.element(ids(chart).canvas)?;
        if let Some(frame) = canvas.parent_element() {
            observer.observe(&frame);
        }
        let target: &EventTarget = canvas.as_ref();
        // Positions are re-read once as the pointer enters a chart (content
        // above it may have moved without a scroll, e.g. the error banner),
        // never on each move.
        listen(target, "mouseenter", false, move |_| send(Msg::Bounds))?;
        listen(target, "mousemove", false, move |e| {
            send(Msg::Move {
                chart,
                at: point(&e),
            })
        })?;
        listen(target, "mouseleave", false, move |_| {
            send(Msg::Leave(chart))
        })?;
        listen(target, "click", false, move |e| {
            let touch = e.unchecked_ref::<PointerEvent>().pointer_type() == "touch";
            let at = point(&e);
            send(Msg::Click { chart, at, touch })
        })?;
        listen(target, "focus", false, move |_| send(Msg::Focus(chart)))?;
        listen(target, "blur", false, move |_| send(Msg::Blur(chart)))?;
        listen(target, "keydown", false, move |e| {
            send(Msg::Key(chart, e.unchecked_into()))
        })?;
        listen(target, "pointerdown", false, move |e| {
            if e.unchecked_ref::<PointerEvent>().pointer_type() == "touch" {
                send(Msg::Tap {
                    chart,
                    at: point(&e),
                })
            }
        })?;
    }
    // A resize (or a zoom, which also changes the pixel ratio) moves the
    // canvases and may resize them.
    listen(dom.window.as_ref(), "resize", false, move |_| {
        send(Msg::Resize)
    })?;
    listen(dom.document.as_ref(), "scroll", true, move |_| {
        send(Msg::Bounds)
    })?;
    // Capture, so a chart's own handler has not run yet: a tap on a chart
    // is left to it.
    listen(dom.document.as_ref(), "pointerdown", true, move |e| {
        let p: &PointerEvent = e.unchecked_ref();
        if p.pointer_type() == "touch" && closest(&e, ".chart").is_none() {
            send(Msg::TapElsewhere)
        }
    })?;
    // Print shows every table, closed ones included.
    on(dom.window.as_ref(), "beforeprint", |_| Some(Msg::Print))?;
    if let Some(q) = dark {
        on(q.as_ref(), "change", |_| Some(Msg::Scheme))?;
    }
    for name in ["popstate", "hashchange"] {
        on(dom.window.as_ref(), name, |_| Some(Msg::Address))?;
    }
    for id in ["mode-absolute", "mode-share"] {
        on(dom.element(id)?.as_ref(), "change", |_| Some(Msg::Mode))?;
    }
    on(dom.element("faction-legend")?.as_ref(), "click", |e| {
        let button = closest(e, "button[data-faction]")?;
        let faction = Faction::from_id(&button.get_attribute("data-faction")?)?;
        Some(Msg::Legend { faction, button })
    })?;
    for (id, side) in [("compare-a", 0), ("compare-b", 1)] {
        let select: HtmlSelectElement = dom.element(id)?.dyn_into()?;
        let target = select.clone();
        listen(target.as_ref(), "change", false, move |_| {
            send(Msg::Pick {
                side,
                id: select.value(),
            })
        })?;
    }
    for (id, seats) in [("compare-view-bars", false), ("compare-view-seats", true)] {
        listen(dom.element(id)?.as_ref(), "change", false, move |_| {
            send(Msg::CompareView(seats))
        })?;
    }
    on(dom.element("seat-body")?.as_ref(), "change", |e| {
        let target = e.unchecked_ref::<web_sys::Event>().target()?;
        Some(Msg::SeatBody(
            target.dyn_into::<HtmlSelectElement>().ok()?.value(),
        ))
    })?;
    on(dom.element("seat-links")?.as_ref(), "click", |e| {
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
        on(bar.as_ref(), "click", |e| {
            let (chart, button) = tool(e)?;
            let action = button.get_attribute("data-action").unwrap_or_default();
            Some(Msg::Tool {
                chart,
                action,
                button,
            })
        })?;
    }
    on(dom.document.as_ref(), "click", |e| {
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
    on(dom.element("source-close")?.as_ref(), "click", |_| {
        Some(Msg::ClosePanel)
    })?;
    on(dom.document.as_ref(), "keydown", |e| {
        (e.unchecked_ref::<KeyboardEvent>().key() == "Escape").then_some(Msg::Escape)
    })?;
    let select: HtmlSelectElement = dom.element("source-select")?.dyn_into()?;
    let target = select.clone();
    listen(target.as_ref(), "change", false, move |_| {
        send(Msg::Source(select.value().parse().ok().map(DocId)))
    })?;
    let toggle: HtmlInputElement = dom.element("calendar-new-first")?.dyn_into()?;
    let target = toggle.clone();
    listen(target.as_ref(), "change", false, move |_| {
        let new = toggle.checked();
        send(Msg::Lead(if new { Style::New } else { Style::Old }))
    })?;
    attach_documents(dom, send)
}

/// The add-document form, the file input, dropping, removing, resetting.
fn attach_documents(dom: &Dom, send: fn(Msg)) -> Result<(), JsValue> {
    listen(
        dom.element("add-document-submit")?.as_ref(),
        "click",
        false,
        move |_| {
            // Timed from here: reading a large box is main-thread work too.
            send(Msg::Submit {
                started: super::dom::now(),
            })
        },
    )?;
    listen(
        dom.element("add-document")?.as_ref(),
        "input",
        false,
        move |_| send(Msg::Edited),
    )?;
    let input: HtmlInputElement = dom.element("add-document-file")?.dyn_into()?;
    let target = input.clone();
    listen(target.as_ref(), "change", false, move |_| {
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            send(Msg::File(file));
        }
        input.set_value("");
    })?;
    listen(dom.document.as_ref(), "dragover", false, |e| {
        e.unchecked_ref::<web_sys::Event>().prevent_default();
    })?;
    listen(dom.document.as_ref(), "drop", false, move |e| {
        let e: DragEvent = e.unchecked_into();
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            send(Msg::File(file));
        }
    })?;
    listen(
        dom.element("document-list")?.as_ref(),
        "click",
        false,
        move |e| {
            if let Some(doc) = button_data(&e, "button[data-remove]", "data-remove") {
                send(Msg::Remove(DocId(doc as u32)));
            }
            for (unread, key) in [(true, "data-forget-unread"), (false, "data-forget-saved")] {
                if let Some(i) = button_data(&e, &format!("button[{key}]"), key) {
                    send(Msg::Forget { unread, i });
                }
            }
        },
    )?;
    listen(
        dom.element("reset-documents")?.as_ref(),
        "click",
        false,
        move |_| send(Msg::Reset),
    )
}
