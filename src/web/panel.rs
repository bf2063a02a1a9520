//! The source panel and the audit views: a chart region's document beside
//! the charts with the quoted sentence highlighted and its facts listed;
//! the conflict list, the arithmetic table, the faction lineage, the
//! source selector and the calendar toggle.
//!
//! Document text only ever reaches the page as text nodes
//! (`set_text_content`, `create_text_node`), never as HTML.

use super::dom::{hide, once, Dom};
use super::events::Msg;
use super::page::{title, Page};
use crate::calendar::Style;
use crate::charts::Target;
use crate::format::Join;
use crate::model::{DocId, Span};
use crate::provenance::{self, FactLine};
use crate::view::Chart;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, XmlHttpRequest};

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

/// What the source panel shows.
#[derive(Debug, Default)]
pub(super) struct Panel {
    /// The document shown, if the panel is open.
    doc: Option<DocId>,
    /// The range highlighted in it.
    span: (usize, usize),
    /// Seeds whose whole text is being fetched.
    fetching: Vec<DocId>,
    /// Its facts, in the order of the list (button `data-fact` indexes).
    facts: Vec<FactLine>,
}

impl Panel {
    pub(super) fn is_open(&self) -> bool {
        self.doc.is_some()
    }

    /// Lists the open document's facts again (the calendar style or the
    /// charts changed).
    pub(super) fn reshow(&mut self, dom: &Dom, page: &Page) -> Result<(), JsValue> {
        match self.doc.take() {
            Some(doc) => self.show_document(dom, page, doc),
            None => Ok(()),
        }
    }

    /// Marks the leading calendar style on the page and its toggle.
    pub(super) fn show_lead(dom: &Dom, lead: Style) -> Result<(), JsValue> {
        let new = lead == Style::New;
        if let Some(root) = dom.document.document_element() {
            root.set_attribute("data-calendar", if new { "new" } else { "old" })?;
        }
        let toggle: HtmlInputElement = dom.element("calendar-new-first")?.dyn_into()?;
        toggle.set_checked(new);
        Ok(())
    }

    /// Shows document `doc` in the panel with `start..end` highlighted and
    /// scrolled into view; true if the panel was closed (the charts moved).
    pub(super) fn open(
        &mut self,
        dom: &Dom,
        page: &Page,
        doc: DocId,
        (start, end): (usize, usize),
    ) -> Result<bool, JsValue> {
        if page.corpus.doc(doc).is_none() {
            return Ok(false);
        }
        self.span = (start, end);
        let mark = Panel::fill_text(dom, page, doc, (start, end), None)?;
        self.show_document(dom, page, doc)?;
        let panel: HtmlElement = dom.element("source-panel")?.dyn_into()?;
        let was_hidden = panel.has_attribute("hidden");
        hide(&panel, false);
        if let Some(b) = dom.document.body() {
            b.class_list().add_1("panel-open")?;
        }
        Panel::scroll_to(dom, &mark)?;
        let narrow = dom
            .window
            .match_media("(max-width: 899px)")?
            .is_some_and(|m| m.matches());
        if narrow {
            panel.scroll_into_view();
        }
        Ok(was_hidden)
    }

    /// Writes document `doc` into the panel's text box with `start..end`
    /// highlighted; returns the highlight. A partial document (a seed whose
    /// whole text is not fetched yet) shows its quote alone, and a line
    /// saying the rest is on its way, or, with `failed`, why it is not.
    fn fill_text(
        dom: &Dom,
        page: &Page,
        doc: DocId,
        (start, end): (usize, usize),
        failed: Option<&str>,
    ) -> Result<HtmlElement, JsValue> {
        let d = page
            .corpus
            .doc(doc)
            .ok_or_else(|| JsValue::from_str("no such document"))?;
        let text = d.text.as_str();
        let start = floor(text, start);
        let end = floor(text, end.max(start));
        let body = dom.cleared("source-text")?;
        let (before, after) = match (d.partial, failed) {
            (false, _) => (
                text.get(..start).unwrap_or_default(),
                text.get(end..).unwrap_or_default(),
            ),
            (true, None) => ("", "\n\nLoading the whole document…"),
            (true, Some(_)) => ("", ""),
        };
        body.append_child(&dom.document.create_text_node(before))?;
        let mark: HtmlElement = dom
            .add(
                &body,
                "mark",
                Some(text.get(start..end).unwrap_or_default()),
            )?
            .dyn_into()?;
        mark.set_attribute("id", "source-quote")?;
        body.append_child(&dom.document.create_text_node(after))?;
        if let (true, Some(why)) = (d.partial, failed) {
            let note = format!(
                "The whole document could not be loaded ({why}); its quoted sentence is shown."
            );
            dom.add(&body, "p", Some(&note))?
                .set_attribute("class", "hint")?;
        }
        Ok(mark)
    }

    /// Fetches partial document `doc`'s whole text (`pkg/seeds/<name>`,
    /// copied there by the build) unless it is whole or on its way; the
    /// answer comes back to `send` as [`Msg::SeedText`].
    pub(super) fn fetch(&mut self, page: &Page, doc: DocId, send: fn(Msg)) -> Result<(), JsValue> {
        let Some(d) = page.corpus.doc(doc).filter(|d| d.partial) else {
            return Ok(());
        };
        if self.fetching.contains(&doc) {
            return Ok(());
        }
        let xhr = XmlHttpRequest::new()?;
        xhr.open("GET", &format!("pkg/seeds/{}", d.name))?;
        let answer = xhr.clone();
        let done = once(Box::new(move |_: JsValue| {
            let text = match answer.status() {
                Ok(200) => answer
                    .response_text()
                    .ok()
                    .flatten()
                    .ok_or_else(String::new),
                Ok(0) | Err(_) => Err("the page's server did not answer".to_string()),
                Ok(status) => Err(format!("the server answered {}", u32::from(status))),
            };
            send(Msg::SeedText { doc, text });
        }));
        xhr.add_event_listener_with_callback_and_bool("loadend", done.unchecked_ref(), false)?;
        xhr.send()?;
        self.fetching.push(doc);
        Ok(())
    }

    /// The fetch of `doc` ended.
    pub(super) fn fetched(&mut self, doc: DocId) {
        self.fetching.retain(|d| *d != doc);
    }

    /// Scrolls the text box to put `mark` a third of the way down.
    fn scroll_to(dom: &Dom, mark: &HtmlElement) -> Result<(), JsValue> {
        let body: HtmlElement = dom.element("source-text")?.dyn_into()?;
        body.set_scroll_top((mark.offset_top() - body.client_height() / 3).max(0));
        Ok(())
    }

    /// Document `doc`'s whole text arrived (`Ok`) or could not be had: the
    /// panel, if it shows `doc`, shows the text around its highlight, or
    /// says why not.
    pub(super) fn text_arrived(
        &mut self,
        dom: &Dom,
        page: &Page,
        doc: DocId,
        done: Result<(), String>,
    ) -> Result<(), JsValue> {
        if self.doc != Some(doc) {
            return Ok(());
        }
        let mark = Panel::fill_text(dom, page, doc, self.span, done.err().as_deref())?;
        Panel::scroll_to(dom, &mark)
    }

    /// Fills the panel's title, origin and facts for `doc` (unless shown).
    fn show_document(&mut self, dom: &Dom, page: &Page, doc: DocId) -> Result<(), JsValue> {
        if self.doc == Some(doc) {
            return Ok(());
        }
        let Some(d) = page.corpus.doc(doc) else {
            return Ok(());
        };
        dom.element("source-title")?
            .set_text_content(Some(&title(d)));
        let mut origin = match &d.extraction.meta.origin {
            Some(o) if !o.trim().is_empty() => format!("Origin: {o} · "),
            _ => String::new(),
        };
        origin.push_str(&format!("Document: {}", d.name));
        if d.user_added {
            origin.push_str(" · added by you");
        }
        dom.element("source-origin")?
            .set_text_content(Some(&origin));
        let facts = provenance::document_facts(d, page.lead);
        let list = dom.cleared("source-facts")?;
        if facts.is_empty() {
            dom.add(&list, "li", Some("No facts were read from this document."))?;
        }
        for (i, f) in facts.iter().enumerate().take(MAX_FACTS) {
            let item = dom.add(&list, "li", None)?;
            let label = format!("{} — {}", f.event_name, f.text);
            let n = i.to_string();
            let quote = dom.button(&label, "fact-quote", &[("data-fact", &n)])?;
            item.append_child(&quote)?;
            if provenance::target_of(&page.data, f, doc).is_some() {
                let chart = dom.button("Show in chart", "fact-chart", &[("data-fact", &n)])?;
                item.append_child(&chart)?;
            }
        }
        if facts.len() > MAX_FACTS {
            let more = format!("… and {} more facts", facts.len() - MAX_FACTS);
            dom.add(&list, "li", Some(&more))?;
        }
        self.doc = Some(doc);
        self.facts = facts;
        Ok(())
    }

    /// Hides the panel and forgets its document.
    pub(super) fn close(&mut self, dom: &Dom) -> Result<(), JsValue> {
        let panel: HtmlElement = dom.element("source-panel")?.dyn_into()?;
        hide(&panel, true);
        if let Some(b) = dom.document.body() {
            b.class_list().remove_1("panel-open")?;
        }
        self.doc = None;
        self.facts.clear();
        Ok(())
    }

    /// Fact `i` of the panel's document: its document and quote.
    pub(super) fn fact_quote(&self, i: usize) -> Option<(DocId, (usize, usize))> {
        let f = self.facts.get(i)?;
        Some((self.doc?, (f.start, f.end)))
    }

    /// Fact `i` of the panel's document: the chart and region it is drawn as.
    pub(super) fn fact_target(&self, page: &Page, i: usize) -> Option<(Chart, Target)> {
        let (doc, f) = (self.doc?, self.facts.get(i)?);
        provenance::target_of(&page.data, f, doc)
    }

    /// Rebuilds the source selector, the conflict list, the arithmetic
    /// table and the lineage.
    pub(super) fn build_audit(dom: &Dom, page: &Page) -> Result<(), JsValue> {
        build_source_select(dom, page)?;
        build_conflicts(dom, page)?;
        build_arithmetic(dom, page)?;
        build_lineage(dom, page)
    }
}

fn build_source_select(dom: &Dom, page: &Page) -> Result<(), JsValue> {
    let select: HtmlSelectElement = dom.element("source-select")?.dyn_into()?;
    select.set_text_content(None);
    let rule = "Default rule: the source whose breakdown accounts for the most delegates";
    let option = dom.add(&select, "option", Some(rule))?;
    option.set_attribute("value", "")?;
    for d in page.corpus.documents() {
        let has_breakdown = d.extraction.events.iter().any(|e| !e.factions.is_empty());
        if !has_breakdown {
            continue;
        }
        let mine = if d.user_added { " (added by you)" } else { "" };
        let label = format!("{}{mine}", title(d));
        let option = dom.create("option", Some(&label))?;
        option.set_attribute("value", &d.id.0.to_string())?;
        if page.source == Some(d.id) {
            option.set_attribute("selected", "")?;
        }
        select.append_child(&option)?;
    }
    select.set_value(&page.source.map_or_else(String::new, |s| s.0.to_string()));
    Ok(())
}

/// A paragraph of `parent` holding a button that opens `at`.
fn quote_line(dom: &Dom, parent: &Element, label: &str, at: Span) -> Result<(), JsValue> {
    let p = dom.add(parent, "p", None)?;
    let button = dom.quote_button(label, at.doc, (at.start, at.end))?;
    p.append_child(&button)?;
    Ok(())
}

fn build_conflicts(dom: &Dom, page: &Page) -> Result<(), JsValue> {
    let list = dom.cleared("conflict-list")?;
    let conflicts = page.corpus.conflicts();
    if conflicts.is_empty() {
        dom.add(&list, "li", Some("The sources agree on every figure."))?;
    }
    for c in conflicts {
        let item = dom.create("li", None)?;
        item.set_attribute("data-event", &c.event)?;
        item.set_attribute("data-what", &c.what)?;
        if c.faction.is_some() {
            // The faction chart draws a diamond and whisker on it too.
            item.set_attribute("data-charted", "true")?;
        }
        let badge = dom.add(&item, "span", Some(&format!("{} sources", c.values.len())))?;
        badge.set_attribute("class", "badge")?;
        let head = format!(" {} — {}", c.event_name, c.what);
        dom.add(&item, "strong", Some(&head))?;
        let values = dom.create("ul", None)?;
        for v in &c.values {
            let li = dom.create("li", None)?;
            let doc = page.corpus.doc(v.doc);
            let from = doc.map_or_else(|| v.source.clone(), title);
            let label = format!("{} — {from}", v.value);
            let button = dom.quote_button(&label, v.doc, v.at)?;
            li.append_child(&button)?;
            if let Some(note) = &v.note {
                dom.add(&li, "span", Some(&format!(" ({note})")))?;
            }
            values.append_child(&li)?;
        }
        item.append_child(&values)?;
        list.append_child(&item)?;
    }
    Ok(())
}

fn build_arithmetic(dom: &Dom, page: &Page) -> Result<(), JsValue> {
    let table = dom.cleared("arithmetic")?;
    dom.add(
        &table,
        "caption",
        Some("Stated totals against the faction sums and the votes cast"),
    )?;
    let head = dom.add(&table, "thead", None)?;
    let tr = dom.add(&head, "tr", None)?;
    for name in ["Event", "Stated", "Sums"] {
        dom.add(&tr, "th", Some(name))?
            .set_attribute("scope", "col")?;
    }
    let body = dom.add(&table, "tbody", None)?;
    for a in provenance::arithmetic(&page.corpus) {
        let tr = dom.add(&body, "tr", None)?;
        tr.set_attribute("data-event", &a.event)?;
        dom.add(&tr, "th", Some(&a.event_name))?
            .set_attribute("scope", "row")?;
        let stated = dom.add(&tr, "td", a.stated.is_empty().then_some("—"))?;
        for (words, at) in &a.stated {
            quote_line(dom, &stated, words, *at)?;
        }
        let sums = dom.add(&tr, "td", a.checks.is_empty().then_some("No sums to check"))?;
        for c in &a.checks {
            quote_line(dom, &sums, &provenance::check_line(c), c.at)?;
        }
    }
    Ok(())
}

fn build_lineage(dom: &Dom, page: &Page) -> Result<(), JsValue> {
    let list = dom.cleared("lineage")?;
    let seen = |b: &provenance::Branch| {
        if b.seen_at.is_empty() {
            "not in these sources".to_string()
        } else {
            b.seen_at.joined(", ")
        }
    };
    for (parent, children) in provenance::lineage(&page.data) {
        let item = dom.create("li", None)?;
        item.set_attribute("data-faction", parent.faction.id())?;
        let head = format!("{} ({}) →", parent.faction.name(), seen(&parent));
        dom.add(&item, "strong", Some(&head))?;
        let kids = dom.create("ul", None)?;
        for c in &children {
            let since = c.since.map_or_else(String::new, |(y, m)| {
                format!("{:02}/{}: ", u32::from(m), i64::from(y))
            });
            let line = format!(
                "{} ({}) — {since}{}",
                c.faction.name(),
                seen(c),
                c.how.unwrap_or("")
            );
            let li = dom.add(&kids, "li", Some(&line))?;
            li.set_attribute("data-faction", c.faction.id())?;
        }
        item.append_child(&kids)?;
        list.append_child(&item)?;
    }
    Ok(())
}
