//! The seat charts' own controls: the comparison's bars/seats switch, the
//! links under the row of hemicycles that open an event beside the one
//! before it in the comparison, and the "Show" selector of what the row
//! shows (the delegates, or an elected body whose make-up the sources
//! give). Layout, drawing, hit testing, tooltips, keyboard, tables and
//! exports are the shared ones.

use super::dom::{hide, Dom};
use super::page::Page;
use crate::charts::short_name;
use crate::model::BodyKind;
use crate::view::{Chart, ViewState};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

/// What the seat controls keep between drawings.
#[derive(Debug, Default)]
pub(super) struct Seats {
    /// Event ids the links under the row were built for.
    linked: Vec<String>,
    /// The bodies the selector was built for.
    listed: Option<Vec<BodyKind>>,
}

/// The pair a link of event `i` opens: the event before it and it (the
/// first event with the next one).
pub(super) fn pair_of(page: &Page, i: usize) -> (usize, usize) {
    let last = page.data.events.len().saturating_sub(1);
    if i == 0 {
        (0, last.min(1))
    } else {
        (i - 1, i)
    }
}

impl Seats {
    /// The selector's options, when the `bodies` the sources give changed:
    /// "Delegates", then each body; hidden when they give none.
    pub(super) fn list(
        &mut self,
        dom: &Dom,
        bodies: Vec<BodyKind>,
        body: Option<BodyKind>,
    ) -> Result<(), JsValue> {
        if self.listed.as_ref() == Some(&bodies) {
            return Ok(());
        }
        let built = build_select(dom, &bodies, body);
        self.listed = Some(bodies);
        built
    }

    /// After the row is drawn: the links, rebuilt when the events changed.
    pub(super) fn drawn(&mut self, dom: &Dom, page: &Page) -> Result<(), JsValue> {
        let events = &page.data.events;
        if self.linked.iter().eq(events.iter().map(|e| &e.id)) {
            return Ok(());
        }
        let Some(list) = dom.document.get_element_by_id("seat-links") else {
            return Ok(());
        };
        list.set_text_content(None);
        for (i, e) in events.iter().enumerate() {
            let (a, b) = pair_of(page, i);
            let (Some(ea), Some(eb)) = (events.get(a), events.get(b)) else {
                continue;
            };
            let view = ViewState {
                chart: Some(Chart::Compare),
                pair: Some((ea.id.clone(), eb.id.clone())),
                compare_seats: true,
                ..ViewState::default()
            };
            let item = dom.add(&list, "li", None)?;
            let link = dom.add(&item, "a", Some(short_name(e)))?;
            link.set_attribute("href", &view.to_hash())?;
            link.set_attribute("data-event", &i.to_string())?;
            let other = if a == i { eb } else { ea };
            let mut label = String::from("Compare ");
            label.push_str(short_name(e));
            label.push_str(" with ");
            label.push_str(short_name(other));
            label.push_str(" as seats");
            link.set_attribute("aria-label", &label)?;
        }
        self.linked = events.iter().map(|e| e.id.clone()).collect();
        Ok(())
    }
}

fn build_select(dom: &Dom, bodies: &[BodyKind], body: Option<BodyKind>) -> Result<(), JsValue> {
    let Some(select) = dom.typed::<HtmlSelectElement>("seat-body") else {
        return Ok(());
    };
    select.set_text_content(None);
    let option = |text: &str, value: &str| {
        dom.add(&select, "option", Some(text))?
            .set_attribute("value", value)
    };
    option("Delegates", "")?;
    for b in bodies {
        option(b.name(), b.key())?;
    }
    select.set_value(body.map_or("", BodyKind::key));
    if let Some(pick) = dom.document.get_element_by_id("seat-body-pick") {
        hide(&pick, bodies.is_empty());
    }
    Ok(())
}

/// Shows `body` in the selector.
pub(super) fn show_body(dom: &Dom, body: Option<BodyKind>) {
    if let Some(s) = dom.typed::<HtmlSelectElement>("seat-body") {
        s.set_value(body.map_or("", BodyKind::key));
    }
}

/// Checks the comparison's bars or seats radio.
pub(super) fn show_compare(dom: &Dom, seats: bool) {
    let id = if seats {
        "compare-view-seats"
    } else {
        "compare-view-bars"
    };
    if let Some(r) = dom.typed::<HtmlInputElement>(id) {
        r.set_checked(true);
    }
}
