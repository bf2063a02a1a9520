//! The page without a mouse or without sight of the canvas: a data table
//! per chart, arrow-key focus on chart regions with a live region that
//! reads them out, tap-to-show tooltips on touch screens, each chart's
//! toolbar (table, exports, link), and the dark colour scheme.
//!
//! Tables and keyboard stops come from the chart's laid-out scene
//! ([`charts::table`]), so they always list what the canvas shows. The
//! focus ring is drawn on the overlay canvas, like the hover outline: moving
//! focus never redraws a chart.

use super::dom::{listen, report, PointerPosition};
use super::{export, state, with_app, App, Kind, KINDS};
use crate::charts::table::{self, Step, Table};
use crate::charts::{tooltip, Hit, Target, Theme};
use crate::view::Chart;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlElement, KeyboardEvent, MediaQueryList, PointerEvent};

/// Keyboard and view state that the rest of the page does not need.
#[derive(Debug, Default)]
pub(super) struct Access {
    /// Per chart (in [`KINDS`] order): the regions the arrow keys visit.
    stops: [Vec<Hit>; 4],
    /// Per chart: the focused stop.
    focus: [Option<usize>; 4],
    /// The chart the reader last used, for the link.
    pub(super) chart: Option<Chart>,
    /// The tooltip stays up after the chart loses focus (Enter pinned it).
    pinned: bool,
    /// The last tap on a chart was a second tap on the same region.
    pub(super) tap_opens: bool,
    /// Set while the page itself changes the view (start-up, back and
    /// forward): the address is then replaced, not pushed.
    pub(super) quiet: bool,
}

impl Access {
    /// The keyboard stops of chart `kind`: its regions, once each.
    pub(super) fn stops(&self, kind: Kind) -> &[Hit] {
        &self.stops[App::index(kind)]
    }
}

thread_local! {
    pub(super) static ACCESS: RefCell<Access> = RefCell::new(Access {
        quiet: true,
        ..Access::default()
    });
}

/// Runs `f` on the keyboard state (never re-entrant: callers keep it short).
pub(super) fn with_access<R>(f: impl FnOnce(&mut Access) -> R) -> R {
    ACCESS.with(|cell| f(&mut cell.borrow_mut()))
}

const DARK: &str = "(prefers-color-scheme: dark)";

impl Kind {
    pub(super) fn chart(self) -> Chart {
        match self {
            Kind::Factions => Chart::Factions,
            Kind::Compare => Chart::Compare,
            Kind::Votes => Chart::Votes,
            Kind::Seats => Chart::Seats,
        }
    }

    pub(super) fn from_chart(chart: Chart) -> Kind {
        match chart {
            Chart::Factions => Kind::Factions,
            Chart::Compare => Kind::Compare,
            Chart::Votes => Kind::Votes,
            Chart::Seats => Kind::Seats,
        }
    }

    /// The data table's id; the comparison's is the page's own table.
    fn table_id(self) -> &'static str {
        match self {
            Kind::Factions => "faction-table",
            Kind::Compare => "compare-table",
            Kind::Votes => "vote-table",
            Kind::Seats => "seat-table",
        }
    }

    /// What the chart is, for its toolbar and the announcements.
    pub(super) fn title(self) -> &'static str {
        match self {
            Kind::Factions => "Faction strength",
            Kind::Compare => "Comparison",
            Kind::Votes => "Votes",
            Kind::Seats => "Seats",
        }
    }
}

impl App {
    fn dark_query(&self) -> Option<MediaQueryList> {
        self.dom.window.match_media(DARK).ok().flatten()
    }

    fn follow_scheme(&mut self) {
        let dark = self.dark_query().is_some_and(|q| q.matches());
        self.theme = if dark { Theme::DARK } else { Theme::LIGHT };
    }

    /// The chart's table as the core builds it from the drawn scene.
    pub(super) fn table(&self, kind: Kind) -> Option<Table> {
        let layout = self.charts[App::index(kind)].layout.as_ref()?;
        Some(match kind {
            Kind::Factions => table::factions(&self.data, layout),
            Kind::Votes => table::votes(&self.data, layout),
            Kind::Seats => {
                let mut t = table::factions(self.data_of(kind), layout);
                t.caption = match self.seats.body {
                    Some(b) => format!("Seats: the members of each faction in the {} each event elected, drawn as one wedge of its hemicycle, with their share of the stated size and the sentence each figure comes from", b.name()),
                    None => "Seats: the delegates of each faction at each event, drawn as one wedge of its hemicycle, with their share of the stated total and the sentence each figure comes from".to_string(),
                };
                t
            }
            Kind::Compare => {
                let (a, b) = self.pair;
                table::compare(&self.data, a, b)
            }
        })
    }

    /// A toolbar under the chart's frame, and the data table after it.
    fn add_tools(&self, kind: Kind) -> Result<(), JsValue> {
        let chart = &self.charts[App::index(kind)];
        let bar = self.dom.create("div", None)?;
        bar.set_class_name("chart-tools");
        bar.set_attribute("role", "group")?;
        bar.set_attribute(
            "aria-label",
            &format!("{}: table, downloads and link", kind.title()),
        )?;
        bar.set_attribute("data-chart", kind.chart().id())?;
        let wrap_id = format!("{}-wrap", kind.table_id());
        let mut buttons = Vec::new();
        if kind != Kind::Compare {
            buttons.push((
                "table",
                "Table",
                "Show the chart's figures as a table".to_string(),
            ));
        }
        for (action, ext) in [
            ("png", "PNG"),
            ("svg", "SVG"),
            ("csv", "CSV"),
            ("json", "JSON"),
        ] {
            buttons.push((
                action,
                ext,
                format!(
                    "Download the {} as {ext}",
                    kind.title().to_ascii_lowercase()
                ),
            ));
        }
        buttons.push(("link", "Copy link", "Copy a link to this view".to_string()));
        for (action, text, title) in buttons {
            let b = self.dom.create("button", Some(text))?;
            b.set_attribute("type", "button")?;
            b.set_attribute("data-action", action)?;
            b.set_attribute("title", &title)?;
            if action == "table" {
                b.set_attribute("aria-expanded", "false")?;
                b.set_attribute("aria-controls", &wrap_id)?;
            }
            bar.append_child(&b)?;
        }
        chart.frame.after_with_node_1(&bar)?;
        if kind != Kind::Compare {
            let wrap = self.dom.create("div", None)?;
            wrap.set_id(&wrap_id);
            wrap.set_class_name("table-wrap data-table");
            wrap.set_attribute("hidden", "")?;
            // A wide table scrolls inside its frame, so the frame takes focus.
            wrap.set_attribute("tabindex", "0")?;
            wrap.set_attribute("role", "region")?;
            wrap.set_attribute("aria-label", &format!("{} table", kind.title()))?;
            let t = self.dom.create("table", None)?;
            t.set_id(kind.table_id());
            wrap.append_child(&t)?;
            bar.after_with_node_1(&wrap)?;
        }
        Ok(())
    }

    /// Shows stop `n` of chart `kind`: the ring, the tooltip, the words.
    /// Focuses stop `n` of chart `kind`: ring, tooltip and, when
    /// `announce`, the live region.
    fn show_stop(&mut self, kind: Kind, n: usize, announce: bool) -> Result<(), JsValue> {
        let i = App::index(kind);
        let Some(hit) = with_access(|a| a.stops[i].get(n).copied()) else {
            return Ok(());
        };
        with_access(|a| a.focus[i] = Some(n));
        self.charts[i].hover = None;
        self.set_hover(i, Some(hit))?;
        let b = self.charts[i].bounds;
        let r = hit.rect;
        self.place_tooltip(b, (b.left + r.x + r.w / 2.0, b.top + r.y + r.h / 2.0))?;
        if announce {
            self.dom
                .say(&tooltip::announce(self.data_of(kind), hit.target));
        }
        Ok(())
    }

    /// Clears chart `kind`'s ring and, unless pinned, the tooltip.
    fn hide_stop(&mut self, kind: Kind) -> Result<(), JsValue> {
        if with_access(|a| a.pinned) {
            return Ok(());
        }
        self.on_leave(kind)
    }

    fn on_key(&mut self, kind: Kind, e: &KeyboardEvent) -> Result<(), JsValue> {
        let i = App::index(kind);
        let step = match e.key().as_str() {
            "ArrowLeft" => Step::Left,
            "ArrowRight" => Step::Right,
            "ArrowUp" => Step::Up,
            "ArrowDown" => Step::Down,
            "Enter" => {
                // The focused region, else the one under the pointer.
                let focused = with_access(|a| a.focus[i].and_then(|n| a.stops[i].get(n).copied()));
                if let Some(target) = focused.map(|h| h.target).or(self.charts[i].hover) {
                    e.prevent_default();
                    self.open_stop(kind, target)?;
                }
                return Ok(());
            }
            "Escape" => {
                // Leaves the regions: a redraw (the panel closing resizes
                // the charts) must not bring the tooltip back.
                with_access(|a| {
                    a.pinned = false;
                    a.focus[i] = None;
                });
                return self.on_leave(kind);
            }
            _ => return Ok(()),
        };
        e.prevent_default();
        with_access(|a| a.pinned = false);
        // A seat chart's wedges run along its hemicycles.
        let along = kind == Kind::Seats || (kind == Kind::Compare && self.seats.compare);
        let walk = if along {
            table::step_along
        } else {
            table::step
        };
        let next = with_access(|a| walk(&a.stops[i], a.focus[i], step));
        match next {
            Some(n) => self.show_stop(kind, n, true),
            None => Ok(()),
        }
    }

    /// Enter on a focused region: its tooltip stays up, the live region
    /// says so, and the source panel opens on its sentence.
    pub(super) fn open_stop(&mut self, kind: Kind, target: Target) -> Result<(), JsValue> {
        let i = App::index(kind);
        if let Some(hit) = with_access(|a| a.stops[i].iter().find(|h| h.target == target).copied())
        {
            self.charts[i].hover = None;
            self.set_hover(i, Some(hit))?;
        }
        with_access(|a| a.pinned = true);
        self.dom.say(&format!(
            "Source shown: {}",
            self.tooltip_lines(kind, target).join(". ")
        ));
        self.open_target(kind, target)
    }

    /// A tap outside every chart hides the tooltip.
    fn tap_elsewhere(&mut self) -> Result<(), JsValue> {
        with_access(|a| a.pinned = false);
        for kind in KINDS {
            if self.charts[App::index(kind)].hover.is_some() {
                self.on_leave(kind)?;
            }
        }
        Ok(())
    }

    /// Whether chart `kind` has a data table and it is open.
    fn table_open(&self, kind: Kind) -> bool {
        kind != Kind::Compare
            && self
                .dom
                .document
                .get_element_by_id(&format!("{}-wrap", kind.table_id()))
                .is_some_and(|w| !w.has_attribute("hidden"))
    }

    /// Writes chart `kind`'s data table from its drawn scene.
    fn fill_data_table(&self, kind: Kind) -> Result<(), JsValue> {
        match self.table(kind) {
            Some(t) if kind != Kind::Compare => self.dom.write_table(kind.table_id(), &t),
            _ => Ok(()),
        }
    }

    /// Opens or closes chart `kind`'s data table.
    fn toggle_table(&self, kind: Kind, button: &Element) -> Result<(), JsValue> {
        let wrap = self.dom.element(&format!("{}-wrap", kind.table_id()))?;
        let open = wrap.has_attribute("hidden");
        if open {
            self.fill_data_table(kind)?;
            wrap.remove_attribute("hidden")?;
        } else {
            wrap.set_attribute("hidden", "")?;
        }
        button.set_attribute("aria-expanded", if open { "true" } else { "false" })?;
        button.set_text_content(Some(if open { "Hide table" } else { "Table" }));
        Ok(())
    }
}

/// Before the first drawing: the colour scheme, the live region, the
/// notice line, toolbars and tables, focusable charts, and the view the
/// address asks for.
pub(super) fn init(app: &mut App) -> Result<(), JsValue> {
    app.follow_scheme();
    let body = app
        .dom
        .document
        .body()
        .ok_or_else(|| super::err("no <body>"))?;
    let live: HtmlElement = app.dom.create("div", None)?.dyn_into()?;
    live.set_id("chart-status");
    live.set_class_name("visually-hidden");
    live.set_attribute("aria-live", "polite")?;
    live.set_attribute("aria-atomic", "true")?;
    body.append_child(&live)?;
    let notice = app.dom.create("p", None)?;
    notice.set_id("view-notice");
    notice.set_attribute("role", "status")?;
    notice.set_attribute("hidden", "")?;
    if let Some(main) = app.dom.document.query_selector("main")? {
        main.prepend_with_node_1(&notice)?;
    }
    for kind in KINDS {
        app.add_tools(kind)?;
        let canvas = &app.charts[App::index(kind)].canvas;
        canvas.set_tab_index(0);
        let label = canvas.get_attribute("aria-label").unwrap_or_default();
        canvas.set_attribute("role", "application")?;
        canvas.set_attribute("aria-roledescription", "chart")?;
        canvas.set_attribute(
            "aria-label",
            &format!("{label}. Arrow keys move between bars; Enter shows the source; the Table button lists every figure."),
        )?;
    }
    state::init(app);
    Ok(())
}

/// After chart `kind` is drawn: its keyboard stops and table, the focus
/// ring if it has focus, and the address.
pub(super) fn after_draw(app: &mut App, kind: Kind) -> Result<(), JsValue> {
    let i = App::index(kind);
    let stops = app.charts[i]
        .layout
        .as_ref()
        .map(table::stops)
        .unwrap_or_default();
    // The focused region keeps focus if it is still drawn, wherever it
    // now is among the stops (new data can add or move regions).
    let focus = with_access(|a| {
        let target = a.focus[i].and_then(|n| a.stops[i].get(n)).map(|h| h.target);
        a.focus[i] = target.and_then(|t| stops.iter().position(|h| h.target == t));
        a.stops[i] = stops;
        a.focus[i]
    });
    // A closed table is written when it opens or the page prints: a
    // large chart's table is thousands of DOM rows.
    if app.table_open(kind) {
        app.fill_data_table(kind)?;
    }
    let focused = app
        .dom
        .document
        .active_element()
        .is_some_and(|e| e.is_same_node(Some(app.charts[i].canvas.as_ref())));
    if let (true, Some(n)) = (focused, focus) {
        // The same region again, in its new place: nothing new to say.
        app.show_stop(kind, n, false)?;
    }
    state::sync(app, !with_access(|a| a.quiet));
    Ok(())
}

fn chart_kind(e: &JsValue) -> Option<(Kind, Element)> {
    let target = e
        .unchecked_ref::<web_sys::Event>()
        .target()?
        .dyn_into::<Element>()
        .ok()?;
    let bar = target.closest(".chart-tools").ok()??;
    let chart = Chart::from_id(&bar.get_attribute("data-chart")?)?;
    let button = target.closest("button[data-action]").ok()??;
    Some((Kind::from_chart(chart), button))
}

/// Wires keyboard, touch, toolbars, the colour scheme and the address.
pub(super) fn attach(app: &App) -> Result<(), JsValue> {
    // Print shows every table, closed ones included.
    listen(app.dom.window.as_ref(), "beforeprint", false, |_| {
        with_app(|app| {
            for kind in KINDS {
                report(app.fill_data_table(kind));
            }
        });
    })?;
    for chart in &app.charts {
        let kind = chart.kind;
        let target: &EventTarget = chart.canvas.as_ref();
        listen(target, "focus", false, move |_| {
            with_app(|app| {
                with_access(|a| a.chart = Some(kind.chart()));
                state::sync(app, false);
                // A click or tap also focuses the chart; only keyboard
                // focus selects a region.
                let canvas = &app.charts[App::index(kind)].canvas;
                if !canvas.matches(":focus-visible").unwrap_or(true) {
                    return;
                }
                app.refresh_bounds();
                let n = with_access(|a| a.focus[App::index(kind)]).unwrap_or(0);
                report(app.show_stop(kind, n, true));
            });
        })?;
        listen(target, "blur", false, move |_| {
            with_app(|app| report(app.hide_stop(kind)));
        })?;
        listen(target, "keydown", false, move |e| {
            let e: KeyboardEvent = e.unchecked_into();
            with_app(|app| report(app.on_key(kind, &e)));
        })?;
        listen(target, "pointerdown", false, move |e| {
            let p: &PointerEvent = e.unchecked_ref();
            if p.pointer_type() != "touch" {
                return;
            }
            with_app(|app| {
                with_access(|a| a.pinned = false);
                app.refresh_bounds();
                let shown = app.charts[App::index(kind)].hover;
                report(app.on_move(kind, e.unchecked_ref::<PointerPosition>()));
                // A tap shows a region's tooltip; a second tap on it opens
                // its source, as a click does.
                let tapped = app.charts[App::index(kind)].hover;
                with_access(|a| a.tap_opens = tapped.is_some() && tapped == shown);
            });
        })?;
    }
    // Capture, so the chart's own handler has not run yet: a tap on a
    // chart is left to it.
    listen(app.dom.document.as_ref(), "pointerdown", true, |e| {
        let p: &PointerEvent = e.unchecked_ref();
        let on_chart = p
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| t.closest(".chart").ok().flatten().is_some());
        if p.pointer_type() == "touch" && !on_chart {
            with_app(|app| report(app.tap_elsewhere()));
        }
    })?;
    let bars = app.dom.document.query_selector_all(".chart-tools")?;
    for k in 0..bars.length() {
        let Some(bar) = bars.item(k) else { continue };
        listen(bar.as_ref(), "click", false, |e| {
            let Some((kind, button)) = chart_kind(&e) else {
                return;
            };
            let action = button.get_attribute("data-action").unwrap_or_default();
            with_app(|app| {
                with_access(|a| a.chart = Some(kind.chart()));
                report(match action.as_str() {
                    "table" => app.toggle_table(kind, &button),
                    "link" => {
                        state::sync(app, false);
                        state::copy_link(app)
                    }
                    _ => export::run(app, kind, &action),
                });
            });
        })?;
    }
    if let Some(q) = app.dark_query() {
        listen(q.as_ref(), "change", false, |_| {
            with_app(|app| {
                app.follow_scheme();
                report(app.draw_all());
            });
        })?;
    }
    state::attach(app)?;
    with_access(|a| a.quiet = false);
    Ok(())
}
