//! The source panel and the audit views: clicking (or pressing Enter on) a
//! chart region opens its document beside the charts with the quoted
//! sentence highlighted; the conflict list, the arithmetic table, the
//! faction lineage, the source selector and the calendar toggle.
//!
//! Document text only ever reaches the page as text nodes
//! (`set_text_content`, `create_text_node`), never as HTML.

use super::dom::{button_data, listen, report, PointerPosition};
use super::{outline, App, Kind, KINDS};
use crate::calendar::Style;
use crate::charts::{tooltip, Target};
use crate::model::Span;
use crate::provenance::{self, FactLine};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent, PointerEvent,
};

/// What the source panel shows.
#[derive(Debug, Default)]
pub(super) struct Panel {
    /// The document shown, if the panel is open.
    doc: Option<usize>,
    /// Its facts, in the order of the list (button `data-fact` indexes).
    facts: Vec<FactLine>,
}

impl Panel {
    /// Forgets the shown document (after the corpus changed).
    pub(super) fn reset(&mut self) {
        *self = Panel::default();
    }

    pub(super) fn is_open(&self) -> bool {
        self.doc.is_some()
    }
}

/// A document's title: its front matter or first line, else its name.
fn title(doc: &crate::corpus::Doc) -> String {
    doc.extraction
        .meta
        .title
        .clone()
        .or_else(|| {
            doc.text
                .lines()
                .map(|l| l.trim_matches(|c: char| c == '=' || c.is_whitespace()))
                .find(|l| !l.is_empty())
                .map(|l| l.chars().take(120).collect())
        })
        .unwrap_or_else(|| doc.name.clone())
}

/// Facts listed in the panel at most: a long document lists the rest as a count.
const MAX_FACTS: usize = 300;

/// The largest char boundary of `text` not after `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl App {
    /// Sets the calendar style that leads every date, and re-labels.
    pub(super) fn set_lead(&mut self, lead: Style) -> Result<(), JsValue> {
        self.lead = lead;
        self.show_lead()?;
        self.build_selects()?;
        self.build_audit()?;
        self.draw(Kind::Votes)?;
        self.refresh_bounds();
        self.reshow_document()
    }

    /// Lists the open document's facts again (the calendar style or the
    /// charts changed).
    pub(super) fn reshow_document(&mut self) -> Result<(), JsValue> {
        match self.panel.doc.take() {
            Some(doc) => self.show_document(doc),
            None => Ok(()),
        }
    }

    /// Marks the leading calendar style on the page and its toggle.
    pub(super) fn show_lead(&self) -> Result<(), JsValue> {
        let new = self.lead == Style::New;
        if let Some(root) = self.dom.document.document_element() {
            root.set_attribute("data-calendar", if new { "new" } else { "old" })?;
        }
        let toggle: HtmlInputElement = self.dom.element("calendar-new-first")?.dyn_into()?;
        toggle.set_checked(new);
        Ok(())
    }

    /// Sets the document whose figures drive the charts (`None`: the
    /// default rule), and redraws.
    pub(super) fn set_source(&mut self, source: Option<usize>) -> Result<(), JsValue> {
        self.source = source.filter(|d| *d < self.corpus.documents().len());
        self.refresh_data()
    }

    /// Rebuilds the dataset from the corpus, keeping the compared events
    /// and hidden factions, and redraws everything that shows it.
    pub(super) fn refresh_data(&mut self) -> Result<(), JsValue> {
        let id = |i: usize| self.data.events.get(i).map(|e| e.id.clone());
        let (a, b) = (id(self.pair.0), id(self.pair.1));
        self.data = self.corpus.dataset_preferring(self.source);
        let find = |id: Option<String>| {
            let id = id?;
            self.data.events.iter().position(|e| e.id == id)
        };
        self.pair = match (find(a), find(b)) {
            (Some(a), Some(b)) => (a, b),
            _ => super::default_pair(&self.data),
        };
        self.build_legend()?;
        self.build_selects()?;
        self.build_audit()?;
        self.draw_all()
    }

    /// The tooltip of `target`: the chart's lines, and for a whole event
    /// every disagreement between its sources.
    pub(super) fn tooltip_lines(&self, kind: Kind, target: Target) -> Vec<String> {
        let mut lines = tooltip::lines_in(self.data_of(kind), target, self.lead);
        if let Target::Column { event } = target {
            if let Some(e) = self.data.events.get(event) {
                lines.extend(provenance::conflict_lines(&self.corpus, &e.id));
            }
        }
        // A tooltip names a document by its title, not its file name.
        for line in &mut lines {
            for d in self.corpus.documents() {
                let Some(head) = line.strip_suffix(d.name.as_str()) else {
                    continue;
                };
                if head.ends_with(" — ") || head.ends_with("Also reported by ") {
                    *line = format!("{head}{}", title(d));
                    break;
                }
            }
        }
        lines
    }

    /// Opens the source of a chart region.
    pub(super) fn open_target(&mut self, kind: Kind, target: Target) -> Result<(), JsValue> {
        let Some(src) = provenance::source_of(self.data_of(kind), target) else {
            return Ok(());
        };
        let (doc, start, end) = (src.doc, src.start, src.end);
        self.open_source(doc, start, end)
    }

    /// Shows document `doc` in the panel with `start..end` highlighted and
    /// scrolled into view.
    pub(super) fn open_source(
        &mut self,
        doc: usize,
        start: usize,
        end: usize,
    ) -> Result<(), JsValue> {
        let Some(d) = self.corpus.documents().get(doc) else {
            return Ok(());
        };
        let text = d.text.as_str();
        let start = floor(text, start);
        let end = floor(text, end.max(start));
        let body = self.dom.element("source-text")?;
        body.set_text_content(None);
        body.append_child(&self.dom.document.create_text_node(&text[..start]))?;
        let mark: HtmlElement = self
            .dom
            .create("mark", Some(&text[start..end]))?
            .dyn_into()?;
        mark.set_id("source-quote");
        body.append_child(&mark)?;
        body.append_child(&self.dom.document.create_text_node(&text[end..]))?;
        self.show_document(doc)?;
        let panel: HtmlElement = self.dom.element("source-panel")?.dyn_into()?;
        let was_hidden = panel.hidden();
        panel.set_hidden(false);
        if let Some(b) = self.dom.document.body() {
            b.class_list().add_1("panel-open")?;
        }
        let body: HtmlElement = body.dyn_into()?;
        body.set_scroll_top((mark.offset_top() - body.client_height() / 3).max(0));
        let narrow = self
            .dom
            .window
            .match_media("(max-width: 899px)")?
            .is_some_and(|m| m.matches());
        if narrow {
            panel.scroll_into_view();
        }
        if was_hidden {
            // The charts moved or narrowed; re-read where they are.
            self.refresh_bounds();
        }
        Ok(())
    }

    /// Fills the panel's title, origin and facts for `doc` (unless shown).
    fn show_document(&mut self, doc: usize) -> Result<(), JsValue> {
        if self.panel.doc == Some(doc) {
            return Ok(());
        }
        let Some(d) = self.corpus.documents().get(doc) else {
            return Ok(());
        };
        self.dom
            .element("source-title")?
            .set_text_content(Some(&title(d)));
        let mut origin = match &d.extraction.meta.origin {
            Some(o) if !o.trim().is_empty() => format!("Origin: {o} · "),
            _ => String::new(),
        };
        origin.push_str(&format!("Document: {}", d.name));
        if d.user_added {
            origin.push_str(" · added by you");
        }
        self.dom
            .element("source-origin")?
            .set_text_content(Some(&origin));
        let facts = provenance::document_facts(d, self.lead);
        let list = self.dom.cleared("source-facts")?;
        if facts.is_empty() {
            self.dom
                .add(&list, "li", Some("No facts were read from this document."))?;
        }
        for (i, f) in facts.iter().enumerate().take(MAX_FACTS) {
            let item = self.dom.add(&list, "li", None)?;
            let label = format!("{} — {}", f.event_name, f.text);
            let n = i.to_string();
            let quote = self
                .dom
                .button(&label, "fact-quote", &[("data-fact", &n)])?;
            item.append_child(&quote)?;
            if provenance::target_of(&self.data, f, doc).is_some() {
                let chart = self
                    .dom
                    .button("Show in chart", "fact-chart", &[("data-fact", &n)])?;
                item.append_child(&chart)?;
            }
        }
        if facts.len() > MAX_FACTS {
            let more = format!("… and {} more facts", facts.len() - MAX_FACTS);
            self.dom.add(&list, "li", Some(&more))?;
        }
        self.panel = Panel {
            doc: Some(doc),
            facts,
        };
        Ok(())
    }

    pub(super) fn close_panel(&mut self) -> Result<(), JsValue> {
        let panel: HtmlElement = self.dom.element("source-panel")?.dyn_into()?;
        panel.set_hidden(true);
        if let Some(b) = self.dom.document.body() {
            b.class_list().remove_1("panel-open")?;
        }
        self.panel.reset();
        self.refresh_bounds();
        Ok(())
    }

    /// A fact of the panel's document: its quote highlighted.
    fn open_fact_quote(&mut self, i: usize) -> Result<(), JsValue> {
        match (self.panel.doc, self.panel.facts.get(i)) {
            (Some(doc), Some(f)) => {
                let (start, end) = (f.start, f.end);
                self.open_source(doc, start, end)
            }
            _ => Ok(()),
        }
    }

    /// A fact of the panel's document: its region outlined in its chart and
    /// the chart scrolled into view.
    fn open_fact_chart(&mut self, i: usize) -> Result<(), JsValue> {
        let (Some(doc), Some(f)) = (self.panel.doc, self.panel.facts.get(i).cloned()) else {
            return Ok(());
        };
        let Some((canvas, target)) = provenance::target_of(&self.data, &f, doc) else {
            return Ok(());
        };
        let Some(kind) = KINDS.into_iter().find(|k| k.canvas_id() == canvas) else {
            return Ok(());
        };
        let c = &mut self.charts[App::index(kind)];
        let rect = c.layout.as_ref().and_then(|l| {
            l.regions
                .iter()
                .find(|h| h.target == target)
                .map(|h| h.rect)
        });
        outline(c, rect, &self.theme, c.drawn.2)?;
        c.hover = Some(target);
        c.canvas.set_attribute("data-linked", target.kind())?;
        c.frame.scroll_into_view();
        Ok(())
    }

    /// Rebuilds the source selector, the conflict list, the arithmetic
    /// table and the lineage.
    pub(super) fn build_audit(&self) -> Result<(), JsValue> {
        self.build_source_select()?;
        self.build_conflicts()?;
        self.build_arithmetic()?;
        self.build_lineage()
    }

    fn build_source_select(&self) -> Result<(), JsValue> {
        let select: HtmlSelectElement = self.dom.element("source-select")?.dyn_into()?;
        select.set_text_content(None);
        let rule = "Default rule: the source whose breakdown accounts for the most delegates";
        let option = self.dom.create("option", Some(rule))?;
        option.set_attribute("value", "")?;
        select.append_child(&option)?;
        for (i, d) in self.corpus.documents().iter().enumerate() {
            let has_breakdown = d.extraction.events.iter().any(|e| !e.factions.is_empty());
            if !has_breakdown {
                continue;
            }
            let mine = if d.user_added { " (added by you)" } else { "" };
            let label = format!("{}{mine}", title(d));
            let option = self.dom.create("option", Some(&label))?;
            option.set_attribute("value", &i.to_string())?;
            if self.source == Some(i) {
                option.set_attribute("selected", "")?;
            }
            select.append_child(&option)?;
        }
        select.set_value(&self.source.map_or_else(String::new, |s| s.to_string()));
        Ok(())
    }

    /// A paragraph of `parent` holding a button that opens `at`.
    fn quote_line(&self, parent: &Element, label: &str, at: Span) -> Result<(), JsValue> {
        let p = self.dom.add(parent, "p", None)?;
        let button = self.dom.quote_button(label, at.doc, (at.start, at.end))?;
        p.append_child(&button)?;
        Ok(())
    }

    fn build_conflicts(&self) -> Result<(), JsValue> {
        let list = self.dom.cleared("conflict-list")?;
        let conflicts = self.corpus.conflicts();
        if conflicts.is_empty() {
            self.dom
                .add(&list, "li", Some("The sources agree on every figure."))?;
        }
        for c in conflicts {
            let item = self.dom.create("li", None)?;
            item.set_attribute("data-event", &c.event)?;
            item.set_attribute("data-what", &c.what)?;
            if c.faction.is_some() {
                // The faction chart draws a diamond and whisker on it too.
                item.set_attribute("data-charted", "true")?;
            }
            let badge = self
                .dom
                .create("span", Some(&format!("{} sources", c.values.len())))?;
            badge.set_attribute("class", "badge")?;
            item.append_child(&badge)?;
            let head = format!(" {} — {}", c.event_name, c.what);
            self.dom.add(&item, "strong", Some(&head))?;
            let values = self.dom.create("ul", None)?;
            for v in &c.values {
                let li = self.dom.create("li", None)?;
                let doc = self.corpus.documents().get(v.doc);
                let from = doc.map_or_else(|| v.source.clone(), title);
                let label = format!("{} — {from}", v.value);
                let button = self.dom.quote_button(&label, v.doc, v.at)?;
                li.append_child(&button)?;
                if let Some(note) = &v.note {
                    self.dom.add(&li, "span", Some(&format!(" ({note})")))?;
                }
                values.append_child(&li)?;
            }
            item.append_child(&values)?;
            list.append_child(&item)?;
        }
        Ok(())
    }

    fn build_arithmetic(&self) -> Result<(), JsValue> {
        let table = self.dom.cleared("arithmetic")?;
        self.dom.add(
            &table,
            "caption",
            Some("Stated totals against the faction sums and the votes cast"),
        )?;
        let head = self.dom.add(&table, "thead", None)?;
        let tr = self.dom.add(&head, "tr", None)?;
        for name in ["Event", "Stated", "Sums"] {
            self.dom
                .add(&tr, "th", Some(name))?
                .set_attribute("scope", "col")?;
        }
        let body = self.dom.add(&table, "tbody", None)?;
        for a in provenance::arithmetic(&self.corpus) {
            let tr = self.dom.add(&body, "tr", None)?;
            tr.set_attribute("data-event", &a.event)?;
            self.dom
                .add(&tr, "th", Some(&a.event_name))?
                .set_attribute("scope", "row")?;
            let stated = self
                .dom
                .add(&tr, "td", a.stated.is_empty().then_some("—"))?;
            for (words, at) in &a.stated {
                self.quote_line(&stated, words, *at)?;
            }
            let sums =
                self.dom
                    .add(&tr, "td", a.checks.is_empty().then_some("No sums to check"))?;
            for c in &a.checks {
                self.quote_line(&sums, &provenance::check_line(c), c.at)?;
            }
        }
        Ok(())
    }

    fn build_lineage(&self) -> Result<(), JsValue> {
        let list = self.dom.cleared("lineage")?;
        let seen = |b: &provenance::Branch| {
            if b.seen_at.is_empty() {
                "not in these sources".to_string()
            } else {
                b.seen_at.join(", ")
            }
        };
        for (parent, children) in provenance::lineage(&self.data) {
            let item = self.dom.create("li", None)?;
            item.set_attribute("data-faction", parent.faction.id())?;
            let head = format!("{} ({}) →", parent.faction.name(), seen(&parent));
            self.dom.add(&item, "strong", Some(&head))?;
            let kids = self.dom.create("ul", None)?;
            for c in &children {
                let since = c
                    .since
                    .map_or_else(String::new, |(y, m)| format!("{m:02}/{y}: "));
                let line = format!(
                    "{} ({}) — {since}{}",
                    c.faction.name(),
                    seen(c),
                    c.how.unwrap_or("")
                );
                let li = self.dom.create("li", Some(&line))?;
                li.set_attribute("data-faction", c.faction.id())?;
                kids.append_child(&li)?;
            }
            item.append_child(&kids)?;
            list.append_child(&item)?;
        }
        Ok(())
    }
}

/// Wires the charts' clicks and Enter, the panel, the audit controls.
pub(super) fn attach(app: &App) -> Result<(), JsValue> {
    for chart in &app.charts {
        let kind = chart.kind;
        if !chart.canvas.has_attribute("tabindex") {
            chart.canvas.set_attribute("tabindex", "0")?;
        }
        listen(chart.canvas.as_ref(), "click", false, move |e| {
            // A first tap only shows the tooltip (access.rs).
            let touch = e.unchecked_ref::<PointerEvent>().pointer_type() == "touch";
            if touch && !super::access::with_access(|a| a.tap_opens) {
                return;
            }
            let e: PointerPosition = e.unchecked_into();
            with_target(kind, &e);
        })?;
    }
    listen(app.dom.document.as_ref(), "click", false, |e| {
        if let Some(doc) = button_data(&e, "button.source-link", "data-doc") {
            let start = button_data(&e, "button.source-link", "data-start").unwrap_or(0);
            let end = button_data(&e, "button.source-link", "data-end").unwrap_or(0);
            super::with_app(|app| report(app.open_source(doc, start, end)));
        } else if let Some(i) = button_data(&e, "button.fact-quote", "data-fact") {
            super::with_app(|app| report(app.open_fact_quote(i)));
        } else if let Some(i) = button_data(&e, "button.fact-chart", "data-fact") {
            super::with_app(|app| report(app.open_fact_chart(i)));
        }
    })?;
    listen(
        app.dom.element("source-close")?.as_ref(),
        "click",
        false,
        |_| {
            super::with_app(|app| report(app.close_panel()));
        },
    )?;
    listen(app.dom.document.as_ref(), "keydown", false, |e| {
        if e.unchecked_ref::<KeyboardEvent>().key() == "Escape" {
            super::with_app(|app| {
                if app.panel.is_open() {
                    report(app.close_panel());
                }
            });
        }
    })?;
    let select: HtmlSelectElement = app.dom.element("source-select")?.dyn_into()?;
    let target = select.clone();
    listen(target.as_ref(), "change", false, move |_| {
        let source = select.value().parse().ok();
        super::with_app(|app| report(app.set_source(source)));
    })?;
    let toggle: HtmlInputElement = app.dom.element("calendar-new-first")?.dyn_into()?;
    let target = toggle.clone();
    listen(target.as_ref(), "change", false, move |_| {
        let lead = if toggle.checked() {
            Style::New
        } else {
            Style::Old
        };
        super::with_app(|app| report(app.set_lead(lead)));
    })?;
    Ok(())
}

/// Opens the source of the region under the click `e` in chart `kind`.
fn with_target(kind: Kind, e: &PointerPosition) {
    super::with_app(|app| {
        let chart = &app.charts[App::index(kind)];
        let b = chart.bounds;
        let target = chart
            .layout
            .as_ref()
            .and_then(|l| l.hit(e.client_x() - b.left, e.client_y() - b.top));
        if let Some(hit) = target {
            report(app.open_target(kind, hit.target));
        }
    });
}
