//! The dispatcher: the page's components and its [`Page`] state, and
//! [`App::update`], which every [`Msg`] goes through. A component knows
//! only its own elements and state (and reads the page); what one change
//! means for the others (new data: legend, selectors, audit, every chart,
//! the address) is decided here, and only here.

use super::address::Address;
use super::chart_view::Charts;
use super::controls;
use super::documents::{Documents, Next};
use super::dom::{err, now, once, report, show_section, Dom};
use super::events::{handler, Msg};
use super::export;
use super::keyboard::{Key, Keyboard};
use super::page::{default_pair, Page, CHARTS};
use super::panel::Panel;
use super::seats::{self, Seats};
use super::toolbar::{self, Toolbar};
use crate::calendar::Style;
use crate::charts::{tooltip, FactionSet, Target, Theme};
use crate::dataset::Dataset;
use crate::format::Join;
use crate::view::{Chart, ViewState};
use crate::DocId;
use crate::Faction;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, Element};

/// The page's state: its data and choices, and its components.
#[derive(Debug)]
pub(super) struct App {
    pub(super) dom: Dom,
    pub(super) page: Page,
    pub(super) charts: Charts,
    keyboard: Keyboard,
    toolbar: Toolbar,
    panel: Panel,
    seats: Seats,
    documents: Documents,
    address: Address,
    /// Where messages go (the dispatcher): for listeners and callbacks.
    send: fn(Msg),
}

impl App {
    /// The components, on the page's elements; `send` takes their messages.
    pub(super) fn new(send: fn(Msg)) -> Result<App, JsValue> {
        let dom = Dom::new()?;
        let page = Page::new(controls::checked_mode(&dom));
        Ok(App {
            charts: Charts::new(&dom)?,
            keyboard: Keyboard::new(&dom)?,
            toolbar: Toolbar::new(&dom)?,
            panel: Panel::default(),
            seats: Seats::default(),
            documents: Documents::new(send),
            address: Address::new(send),
            dom,
            page,
            send,
        })
    }

    /// Starts the page: the controls, the view the address asks for, the
    /// charts (the first as soon as it can be), then the listeners and the
    /// documents of an earlier visit.
    pub(super) fn start(&mut self) -> Result<(), JsValue> {
        controls::build_legend(&self.dom, &self.page)?;
        controls::build_selects(&self.dom, &self.page)?;
        self.charts.refresh_bounds(&self.dom);
        self.follow_scheme();
        for chart in CHARTS {
            Toolbar::add(&self.dom, chart, self.charts.frame(chart))?;
            Keyboard::focusable(self.charts.canvas(chart))?;
        }
        self.restore();
        self.draw(Chart::Factions)?;
        // The chart drawn at build time (in the same box, so nothing
        // moves) gives way to the live canvas, in the same frame.
        if let Some(svg) = self.dom.document.get_element_by_id("faction-prerender") {
            svg.remove();
        }
        if let Some(root) = self.dom.document.document_element() {
            root.set_attribute("data-ready", "true")?;
        }
        if let Some(performance) = self.dom.window.performance() {
            performance.mark("first-chart")?;
        }
        for chart in [Chart::Compare, Chart::Votes, Chart::Seats] {
            self.draw(chart)?;
        }
        self.charts.refresh_bounds(&self.dom);
        controls::fill_table(&self.dom, &self.page)?;
        Panel::build_audit(&self.dom, &self.page)?;
        super::events::attach(&self.dom, self.toolbar.scheme(), self.send)?;
        self.show_chart();
        self.address.quiet = false;
        self.documents.build_list(&self.dom, &self.page.corpus)?;
        self.documents.restore(&self.dom, &self.page.corpus);
        let send = self.send;
        let on_dpr =
            Closure::<dyn FnMut(JsValue)>::new(handler(0, |_, _| Some(Msg::PixelRatio), send));
        self.charts
            .on_dpr_change(on_dpr.into_js_value().unchecked_into());
        self.charts.arm_dpr_query(&self.dom)
    }

    /// Does what `msg` asks of the components, and what that means for the
    /// others.
    pub(super) fn update(&mut self, msg: Msg) -> Result<(), JsValue> {
        let (dom, corpus) = (&self.dom, &self.page.corpus);
        match msg {
            Msg::Bounds => {
                self.charts.refresh_bounds(dom);
                Ok(())
            }
            Msg::Move { chart, at } => {
                let page = &self.page;
                let text = |t| page.tooltip_text(chart, t);
                self.charts.hover(chart, at, text)
            }
            Msg::Leave(chart) => self.charts.leave(chart),
            Msg::Click { chart, at, touch } => self.click(chart, at, touch),
            Msg::Tap { chart, at } => {
                self.tap(chart, at);
                Ok(())
            }
            Msg::TapElsewhere => self.tap_elsewhere(),
            Msg::Focus(chart) => self.focus(chart),
            // A pinned tooltip stays up.
            Msg::Blur(_) if self.keyboard.pinned => Ok(()),
            Msg::Blur(chart) => self.charts.leave(chart),
            Msg::Key(chart, e) => match Key::of(&e.key()) {
                Some(key) => self.key(chart, key, &e),
                None => Ok(()),
            },
            Msg::Resize => self.resize(),
            Msg::PixelRatio => {
                self.resize()?;
                self.charts.arm_dpr_query(&self.dom)
            }
            Msg::Scheme => {
                self.follow_scheme();
                self.draw_all()
            }
            Msg::Print => {
                for chart in CHARTS {
                    report(self.fill_data_table(chart));
                }
                Ok(())
            }
            Msg::Mode => {
                self.page.mode = controls::checked_mode(dom);
                self.draw(Chart::Factions)?;
                self.draw(Chart::Compare)
            }
            Msg::Legend { faction, button } => self.toggle_faction(faction, &button),
            Msg::Pick { side, id } => {
                self.pick(side, &id);
                Ok(())
            }
            Msg::CompareView(on) => {
                self.page.compare_seats = on;
                seats::show_compare(dom, on);
                self.redraw_compare()
            }
            Msg::SeatBody(key) => {
                self.show_body(&key);
                Ok(())
            }
            Msg::SeatLink(i) => {
                self.follow_link(i);
                Ok(())
            }
            Msg::Tool {
                chart,
                action,
                button,
            } => self.tool(chart, &action, &button),
            Msg::SeedText { doc, text } => self.seed_text(doc, text),
            Msg::Png { name, blob } => match blob.dyn_into::<Blob>() {
                Ok(blob) => export::save(dom, &name, &blob),
                Err(_) => Err(err("the browser could not encode the PNG")),
            },
            Msg::Address => {
                self.follow_address();
                Ok(())
            }
            Msg::Copied(ok) => {
                Address::copied(dom, ok);
                Ok(())
            }
            Msg::Quote { doc, span } => self.open_source(doc, span),
            Msg::FactQuote(i) => match self.panel.fact_quote(i) {
                Some((doc, span)) => self.open_source(doc, span),
                None => Ok(()),
            },
            Msg::FactChart(i) => match self.panel.fact_target(&self.page, i) {
                Some((chart, target)) => self.charts.mark(chart, target),
                None => Ok(()),
            },
            Msg::ClosePanel => self.close_panel(),
            Msg::Escape if self.panel.is_open() => self.close_panel(),
            Msg::Escape => Ok(()),
            Msg::Source(source) => {
                self.page.source = source.filter(|d| corpus.doc(*d).is_some());
                self.refresh_data()
            }
            Msg::Lead(lead) => self.set_lead(lead),
            Msg::Submit { started } => self.documents.submit(dom, corpus, started),
            Msg::Edited => {
                self.documents.edited();
                Ok(())
            }
            Msg::File(file) => {
                self.documents.read_file(dom, file);
                Ok(())
            }
            Msg::FileRead { name, text } => {
                let documents = &mut self.documents;
                documents.add(dom, corpus, &name, &text, now(), None)
            }
            Msg::Remove(doc) => self.remove(doc),
            Msg::Forget { unread, i } => self.documents.forget(dom, corpus, unread, i),
            Msg::Reset => {
                self.documents.reset(&mut self.page);
                self.after_removal()?;
                Documents::were_reset(&self.dom);
                Ok(())
            }
            Msg::WorkerAnswer(e) => {
                self.documents.answer(dom, corpus, &e);
                Ok(())
            }
            Msg::WorkerFailed => {
                self.documents.worker_failed(dom, corpus);
                Ok(())
            }
            Msg::Step => {
                self.merge_step();
                Ok(())
            }
            Msg::Trap => {
                // A call out to JavaScript first, as real work would make,
                // so the state is in use (borrowed) when the module traps.
                std::hint::black_box(dom.dpr());
                core::arch::wasm32::unreachable()
            }
        }
    }

    /// A click on chart `chart` opens the source of the region under it;
    /// a first tap only shows its tooltip (see [`App::tap`]).
    fn click(&mut self, chart: Chart, at: (f64, f64), touch: bool) -> Result<(), JsValue> {
        if touch && !self.keyboard.tap_opens {
            return Ok(());
        }
        match self.charts.hit_at(chart, at) {
            Some(hit) => self.open_target(chart, hit.target),
            None => Ok(()),
        }
    }

    /// A tap shows a region's tooltip; a second tap on it opens its
    /// source, as a click does.
    fn tap(&mut self, chart: Chart, at: (f64, f64)) {
        self.keyboard.pinned = false;
        self.charts.refresh_bounds(&self.dom);
        let shown = self.charts.hovered(chart);
        let page = &self.page;
        let text = |t| page.tooltip_text(chart, t);
        report(self.charts.hover(chart, at, text));
        let tapped = self.charts.hovered(chart);
        self.keyboard.tap_opens = tapped.is_some() && tapped == shown;
    }

    /// A tap outside every chart hides the tooltip.
    fn tap_elsewhere(&mut self) -> Result<(), JsValue> {
        self.keyboard.pinned = false;
        for chart in self.charts.hovering() {
            self.charts.leave(chart)?;
        }
        Ok(())
    }

    /// Chart `chart` has the focus: it is the chart of the link, and, if
    /// the keyboard brought it, its focused region shows.
    fn focus(&mut self, chart: Chart) -> Result<(), JsValue> {
        self.page.chart = Some(chart);
        self.sync(false);
        // A click or tap also focuses the chart; only keyboard focus
        // selects a region.
        let canvas = self.charts.canvas(chart);
        if !canvas.matches(":focus-visible").unwrap_or(true) {
            return Ok(());
        }
        self.charts.refresh_bounds(&self.dom);
        let n = self.keyboard.current(chart);
        self.show_stop(chart, n, true)
    }

    /// A legend button hides or shows `faction`; the faction and seat
    /// charts follow.
    fn toggle_faction(&mut self, faction: Faction, button: &Element) -> Result<(), JsValue> {
        let hidden = self.page.hidden.toggle(faction);
        let pressed = if hidden { "false" } else { "true" };
        report(button.set_attribute("aria-pressed", pressed));
        report(self.draw(Chart::Factions));
        self.draw(Chart::Seats)?;
        if self.page.compare_seats {
            self.draw(Chart::Compare)?;
        }
        self.charts.refresh_bounds(&self.dom);
        Ok(())
    }

    /// Compared event `side` (0 or 1) is now the event `id`.
    fn pick(&mut self, side: usize, id: &str) {
        let Some(i) = self.page.data.events.iter().position(|e| e.id == id) else {
            return;
        };
        if side == 0 {
            self.page.pair.0 = i;
        } else {
            self.page.pair.1 = i;
        }
        report(
            self.draw(Chart::Compare)
                .and_then(|()| controls::fill_table(&self.dom, &self.page)),
        );
        self.charts.refresh_bounds(&self.dom);
    }

    /// The seat row shows the body with key `key` (or the delegates).
    fn show_body(&mut self, key: &str) {
        let bodies = self.page.corpus.bodies();
        self.page.body = bodies.into_iter().find(|b| b.key() == key);
        report(self.draw(Chart::Seats));
        self.charts.refresh_bounds(&self.dom);
        self.page.chart = Some(Chart::Seats);
        self.sync(true);
    }

    /// A link under the seat row: event `i` beside the one before it, as
    /// seats. The link keeps the rest of the view (mode, hidden factions,
    /// calendar, source), so it is followed here rather than by address.
    fn follow_link(&mut self, i: usize) {
        self.page.pair = seats::pair_of(&self.page, i);
        self.page.compare_seats = true;
        seats::show_compare(&self.dom, true);
        controls::show_pair(&self.dom, self.page.pair);
        self.page.chart = Some(Chart::Compare);
        report(self.redraw_compare());
        show_section(self.charts.canvas(Chart::Compare));
    }

    /// A toolbar's `action` for chart `chart`: its table, its link, or a
    /// download.
    fn tool(&mut self, chart: Chart, action: &str, button: &Element) -> Result<(), JsValue> {
        self.page.chart = Some(chart);
        match action {
            "table" => {
                Toolbar::toggle_table(&self.dom, chart, button, || self.fill_data_table(chart))
            }
            "link" => {
                self.sync(false);
                self.address.copy_link(&self.dom)
            }
            _ => self.export(chart, action),
        }
    }

    /// Back, forward or an edited address: the view it names, unless it is
    /// shown already (back and forward fire two events).
    fn follow_address(&mut self) {
        if Address::read(&self.dom).0 == self.page.view() {
            return;
        }
        self.address.quiet = true;
        self.restore();
        report(self.draw_all());
        self.charts.refresh_bounds(&self.dom);
        self.address.quiet = false;
        self.show_chart();
    }

    /// Removes added document `doc`; the page follows.
    fn remove(&mut self, doc: DocId) -> Result<(), JsValue> {
        if let Some(name) = self.documents.remove(&mut self.page, doc) {
            self.after_removal()?;
            self.documents.removed(&self.dom, &self.page.corpus, &name);
        }
        Ok(())
    }

    /// One step of merging the first document read, timed; the page
    /// follows when the corpus has changed.
    fn merge_step(&mut self) {
        let Some(mut job) = self.documents.next_job() else {
            return;
        };
        let started = now();
        let next = match self
            .documents
            .merge_step(&self.dom, &mut self.page, &mut job)
        {
            Ok(Next::Refresh) => self.refresh_data().map(|()| Next::Step),
            Ok(Next::Relist) => {
                let listed = self
                    .panel
                    .reshow(&self.dom, &self.page)
                    .and_then(|()| self.documents.build_list(&self.dom, &self.page.corpus));
                listed.map(|()| {
                    if job.restored() {
                        Next::Restored
                    } else {
                        Next::Step
                    }
                })
            }
            next => next,
        };
        job.spent(now() - started);
        self.documents.stepped(&self.dom, job, next);
    }

    /// The colours follow the reader's system.
    fn follow_scheme(&mut self) {
        let dark = self.toolbar.dark();
        self.charts.theme = if dark { Theme::DARK } else { Theme::LIGHT };
    }

    /// Lays out and paints one chart at its current CSS size; then its
    /// keyboard stops, its open table and the address follow.
    pub(super) fn draw(&mut self, chart: Chart) -> Result<(), JsValue> {
        if chart == Chart::Seats {
            // The body's figures follow the corpus and the chosen source.
            let bodies = self.page.refresh_body();
            report(self.seats.list(&self.dom, bodies, self.page.body));
        }
        let (width, height) = self.charts.size(chart);
        let scene = self
            .page
            .lay_out(chart, width, height, self.charts.measure());
        self.charts.paint(chart, scene, self.dom.dpr())?;
        if chart == Chart::Seats {
            self.seats.drawn(&self.dom, &self.page)?;
        }
        let focus = self.keyboard.drawn(chart, self.charts.scene(chart));
        // A closed table is written when it opens or the page prints.
        if Toolbar::table_open(&self.dom, chart) {
            self.fill_data_table(chart)?;
        }
        if let (true, Some(n)) = (self.charts.focused(chart), focus) {
            // The same region again, in its new place: nothing new to say.
            self.show_stop(chart, n, false)?;
        }
        self.sync(!self.address.quiet);
        Ok(())
    }

    /// Redraws every chart and the comparison's table.
    pub(super) fn draw_all(&mut self) -> Result<(), JsValue> {
        let heights = self.charts.heights();
        for chart in CHARTS {
            self.draw(chart)?;
        }
        // A content-sized chart that grew or shrank moved the ones below.
        if self.charts.heights() != heights {
            self.charts.refresh_bounds(&self.dom);
        }
        controls::fill_table(&self.dom, &self.page)
    }

    /// After a resize or a change of device pixel ratio: redraws the
    /// charts whose size or ratio changed.
    fn resize(&mut self) -> Result<(), JsValue> {
        self.charts.refresh_bounds(&self.dom);
        let dpr = self.dom.dpr();
        let mut changed = false;
        for chart in CHARTS {
            if self.charts.stale(chart, dpr) {
                self.draw(chart)?;
                changed = true;
            }
        }
        if changed {
            self.charts.refresh_bounds(&self.dom);
        }
        Ok(())
    }

    /// Replaces the data and rebuilds everything that shows it.
    pub(super) fn set_data(&mut self, data: Dataset) -> Result<(), JsValue> {
        self.page.pair = default_pair(&data);
        self.page.data = data;
        self.page.hidden = FactionSet::EMPTY;
        controls::build_legend(&self.dom, &self.page)?;
        controls::build_selects(&self.dom, &self.page)?;
        self.draw_all()
    }

    /// Rebuilds the dataset from the corpus, keeping the compared events
    /// and hidden factions, and redraws everything that shows it.
    fn refresh_data(&mut self) -> Result<(), JsValue> {
        self.page.refresh();
        controls::build_legend(&self.dom, &self.page)?;
        controls::build_selects(&self.dom, &self.page)?;
        Panel::build_audit(&self.dom, &self.page)?;
        self.draw_all()
    }

    /// After documents were removed: the panel closes, the page follows
    /// the corpus, the list is rebuilt.
    fn after_removal(&mut self) -> Result<(), JsValue> {
        if self.panel.is_open() {
            self.close_panel()?;
        }
        self.refresh_data()?;
        self.documents.build_list(&self.dom, &self.page.corpus)
    }

    /// Sets the calendar style that leads every date, and re-labels.
    fn set_lead(&mut self, lead: Style) -> Result<(), JsValue> {
        self.page.lead = lead;
        Panel::show_lead(&self.dom, lead)?;
        controls::build_selects(&self.dom, &self.page)?;
        Panel::build_audit(&self.dom, &self.page)?;
        self.draw(Chart::Votes)?;
        self.charts.refresh_bounds(&self.dom);
        self.panel.reshow(&self.dom, &self.page)
    }

    /// The comparison after its drawing or pair changed, and the view in
    /// the address.
    fn redraw_compare(&mut self) -> Result<(), JsValue> {
        self.draw(Chart::Compare)?;
        controls::fill_table(&self.dom, &self.page)?;
        self.charts.refresh_bounds(&self.dom);
        self.sync(true);
        Ok(())
    }

    /// Writes chart `chart`'s data table from its drawn scene.
    fn fill_data_table(&self, chart: Chart) -> Result<(), JsValue> {
        match self.charts.scene(chart) {
            Some(scene) if chart != Chart::Compare => {
                let t = toolbar::table(&self.page, chart, scene);
                Toolbar::fill(&self.dom, chart, &t)
            }
            _ => Ok(()),
        }
    }

    /// A key on a focused chart.
    fn key(&mut self, chart: Chart, key: Key, e: &web_sys::KeyboardEvent) -> Result<(), JsValue> {
        match key {
            Key::Open => {
                // The focused region, else the one under the pointer.
                let focused = self.keyboard.focused(chart).map(|h| h.target);
                if let Some(target) = focused.or(self.charts.hovered(chart)) {
                    e.prevent_default();
                    self.open_stop(chart, target)?;
                }
                Ok(())
            }
            Key::Leave => {
                // Leaves the regions: a redraw (the panel closing resizes
                // the charts) must not bring the tooltip back.
                self.keyboard.leave(chart);
                self.charts.leave(chart)
            }
            Key::Step(step) => {
                e.prevent_default();
                self.keyboard.pinned = false;
                // A seat chart's wedges run along its hemicycles.
                let along = self.page.seat_like(chart);
                match self.keyboard.step(chart, step, along) {
                    Some(n) => self.show_stop(chart, n, true),
                    None => Ok(()),
                }
            }
        }
    }

    /// Focuses stop `n` of chart `chart`: ring, tooltip and, when
    /// `announce`, the live region.
    fn show_stop(&mut self, chart: Chart, n: usize, announce: bool) -> Result<(), JsValue> {
        let Some(hit) = self.keyboard.go(chart, n) else {
            return Ok(());
        };
        let page = &self.page;
        let text = |t| page.tooltip_text(chart, t);
        self.charts.show_hit(chart, hit, text)?;
        self.charts.tooltip_on(chart, hit)?;
        if announce {
            let data = self.page.data_of(chart);
            self.keyboard.say(&tooltip::announce(data, hit.target));
        }
        Ok(())
    }

    /// Enter on a focused region: its tooltip stays up, the live region
    /// says so, and the source panel opens on its sentence.
    fn open_stop(&mut self, chart: Chart, target: Target) -> Result<(), JsValue> {
        let page = &self.page;
        if let Some(hit) = self.keyboard.stop_on(chart, target) {
            let text = |t| page.tooltip_text(chart, t);
            self.charts.show_hit(chart, hit, text)?;
        }
        self.keyboard.pinned = true;
        let lines = self.page.tooltip_lines(chart, target);
        self.keyboard
            .say(&format!("Source shown: {}", lines.joined(". ")));
        self.open_target(chart, target)
    }

    /// Opens the source of a chart region.
    fn open_target(&mut self, chart: Chart, target: Target) -> Result<(), JsValue> {
        let data = self.page.data_of(chart);
        match crate::provenance::source_of(data, target) {
            Some(src) => self.open_source(src.doc, (src.start, src.end)),
            None => Ok(()),
        }
    }

    /// Shows document `doc` in the panel with `span` highlighted.
    fn open_source(&mut self, doc: DocId, span: (usize, usize)) -> Result<(), JsValue> {
        if self.panel.open(&self.dom, &self.page, doc, span)? {
            // The charts moved or narrowed; re-read where they are.
            self.charts.refresh_bounds(&self.dom);
        }
        self.panel.fetch(&self.page, doc, self.send)
    }

    /// A seed's whole text arrived (or did not): the corpus takes it if it
    /// agrees with the quotes already shown, and the panel shows it.
    fn seed_text(&mut self, doc: DocId, text: Result<String, String>) -> Result<(), JsValue> {
        self.panel.fetched(doc);
        let corpus = &mut self.page.corpus;
        let done = text.and_then(|t| corpus.complete(doc, &t).map_err(str::to_string));
        self.panel.text_arrived(&self.dom, &self.page, doc, done)
    }

    fn close_panel(&mut self) -> Result<(), JsValue> {
        self.panel.close(&self.dom)?;
        self.charts.refresh_bounds(&self.dom);
        Ok(())
    }

    /// Runs a toolbar's export `action` ("png", "svg", "csv" or "json")
    /// for chart `chart`.
    fn export(&self, chart: Chart, action: &str) -> Result<(), JsValue> {
        let (dom, page) = (&self.dom, &self.page);
        let name = export::file_name(page, chart, action);
        let scene = || {
            self.charts
                .scene(chart)
                .ok_or_else(|| err("the chart is not drawn yet"))
        };
        let measure = self.charts.measure();
        match action {
            "svg" => {
                let svg = export::svg(page, chart, scene()?, measure)?;
                export::save_text(dom, &name, "image/svg+xml", &svg)
            }
            "csv" => {
                let table = toolbar::table(page, chart, scene()?);
                export::save_text(dom, &name, "text/csv", &table.csv())
            }
            "json" => {
                let json = crate::report::json(&crate::report::report(&page.corpus), true);
                export::save_text(dom, &name, "application/json", &json)
            }
            "png" => {
                let canvas = export::png_canvas(dom, page, chart, scene()?, measure)?;
                let send = self.send;
                let done = once(Box::new(move |blob: JsValue| {
                    send(Msg::Png { name, blob });
                }));
                canvas.to_blob(done.unchecked_ref())
            }
            _ => Ok(()),
        }
    }

    /// Writes the current view into the address: a new history entry when
    /// `push`, else in place.
    fn sync(&self, push: bool) {
        Address::write(&self.dom, &self.page.view(), push);
    }

    /// Reads the address into the page's state and controls, and says what
    /// could not be used; nothing is drawn.
    fn restore(&mut self) {
        let (view, mut warnings) = Address::read(&self.dom);
        warnings.extend(self.apply(&view));
        Address::warn(&self.dom, &warnings);
    }

    /// Sets the page's state and controls to `view` without drawing;
    /// returns what could not be applied.
    fn apply(&mut self, view: &ViewState) -> Vec<String> {
        let (dom, page) = (&self.dom, &mut self.page);
        let mut warnings = Vec::new();
        page.mode = view.mode;
        controls::show_mode(dom, view.mode);
        page.hidden = view.hidden;
        controls::show_hidden(dom, page);
        let (lead, source) = (page.lead, page.source);
        page.lead = view.calendar.unwrap_or(Style::Old);
        page.source = None;
        if let Some(token) = &view.source {
            match page.find_source(token) {
                Some(d) => page.source = Some(d),
                None => warnings.push(format!("there is no seed document “{token}” on this page")),
            }
        }
        report(Panel::show_lead(dom, page.lead));
        if page.source != source {
            page.data = page.corpus.dataset_preferring(page.source);
        }
        page.pair = default_pair(&page.data);
        if let Some((a, b)) = &view.pair {
            let find = |id: &str| page.data.events.iter().position(|e| e.id == id);
            match (find(a), find(b)) {
                (Some(x), Some(y)) => page.pair = (x, y),
                _ => warnings.push(format!("there is no event “{a}” or “{b}” to compare")),
            }
        }
        controls::show_pair(dom, page.pair);
        if (page.lead, page.source) != (lead, source) {
            // Labels follow the calendar style; the legend, the source's factions.
            let rebuilt = controls::build_legend(dom, page)
                .and_then(|()| controls::build_selects(dom, page))
                .and_then(|()| Panel::build_audit(dom, page));
            report(rebuilt);
        }
        page.compare_seats = view.compare_seats;
        seats::show_compare(dom, view.compare_seats);
        page.body = view.body;
        if view
            .body
            .is_some_and(|b| !page.corpus.bodies().contains(&b))
        {
            warnings.push("the sources give no make-up of that body".to_string());
            page.body = None;
        }
        seats::show_body(dom, page.body);
        page.chart = view.chart;
        warnings
    }

    /// Scrolls the chart the view names into sight.
    fn show_chart(&self) {
        if let Some(chart) = self.page.chart {
            show_section(self.charts.canvas(chart));
        }
    }
}
