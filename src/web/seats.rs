//! The seat charts on the page: the row of hemicycles (`#seat-chart`), the
//! comparison drawn as two hemicycles when the reader picks "Seats", and
//! the links under the row that open an event beside the one before it in
//! the comparison. Layout, drawing, hit testing, tooltips, keyboard,
//! tables and exports are the shared ones; this file holds only what is
//! particular to seats, among it the selector of what the row shows: the
//! delegates, or an elected body whose make-up the sources give.

use super::dom::{listen, report};
use super::{state, with_app, App, Kind};
use crate::charts::{seats, short_name, Scene};
use crate::dataset::Dataset;
use crate::model::BodyKind;
use crate::view::{Chart, ViewState};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

/// What the seat charts keep between drawings.
#[derive(Debug, Default)]
pub(super) struct Seats {
    /// The comparison is drawn as hemicycles, not paired bars.
    pub(super) compare: bool,
    /// Event ids the links under the row were built for.
    linked: Vec<String>,
    /// The elected body the row shows instead of the delegates.
    pub(super) body: Option<BodyKind>,
    /// That body's make-up at each event (see [`refresh`]).
    pub(super) data: Option<Dataset>,
    /// The bodies the selector was built for.
    listed: Option<Vec<BodyKind>>,
}

/// Rebuilds the chosen body's dataset from the corpus and source (a body
/// the sources no longer give falls back to the delegates), and the
/// selector's options when the bodies the sources give changed.
pub(super) fn refresh(app: &mut App) {
    let bodies = app.corpus.bodies();
    if app.seats.body.is_some_and(|b| !bodies.contains(&b)) {
        app.seats.body = None;
    }
    app.seats.data = app
        .seats
        .body
        .map(|b| app.corpus.body_dataset(b, app.source));
    if app.seats.listed.as_ref() != Some(&bodies) {
        report(build_select(app, &bodies));
        app.seats.listed = Some(bodies);
    }
}

/// The selector's options: "Delegates", then each body the sources give;
/// hidden when they give none.
fn build_select(app: &App, bodies: &[BodyKind]) -> Result<(), JsValue> {
    let Some(select) = app.dom.typed::<HtmlSelectElement>("seat-body") else {
        return Ok(());
    };
    select.set_text_content(None);
    let delegates = app.dom.create("option", Some("Delegates"))?;
    delegates.set_attribute("value", "")?;
    select.append_child(&delegates)?;
    for b in bodies {
        let option = app.dom.create("option", Some(b.name()))?;
        option.set_attribute("value", b.key())?;
        select.append_child(&option)?;
    }
    select.set_value(app.seats.body.map_or("", BodyKind::key));
    if let Some(pick) = app.dom.document.get_element_by_id("seat-body-pick") {
        pick.toggle_attribute_with_force("hidden", bodies.is_empty())?;
    }
    Ok(())
}

/// Sets the body the row shows (from the address); draws nothing.
pub(super) fn set_body(app: &mut App, body: Option<BodyKind>) {
    app.seats.body = body;
    if let Some(s) = app.dom.typed::<HtmlSelectElement>("seat-body") {
        s.set_value(body.map_or("", BodyKind::key));
    }
}

fn options(app: &App) -> seats::Options {
    seats::Options { hidden: app.hidden }
}

/// The small multiples at `width`.
pub(super) fn layout(app: &App, width: f64) -> Scene {
    seats::layout(app.data_of(Kind::Seats), width, options(app), &app.measure)
}

/// The compared pair as two hemicycles at `width`.
pub(super) fn pair(app: &App, width: f64) -> Scene {
    let (a, b) = app.pair;
    seats::pair(&app.data, a, b, width, options(app), &app.measure)
}

/// The pair a link of event `i` opens: the event before it and it (the
/// first event with the next one).
fn pair_of(app: &App, i: usize) -> (usize, usize) {
    let last = app.data.events.len().saturating_sub(1);
    if i == 0 {
        (0, last.min(1))
    } else {
        (i - 1, i)
    }
}

/// After the row is drawn: the links, rebuilt when the events changed.
pub(super) fn after_draw(app: &mut App) -> Result<(), JsValue> {
    let ids: Vec<String> = app.data.events.iter().map(|e| e.id.clone()).collect();
    if ids == app.seats.linked {
        return Ok(());
    }
    let Some(list) = app.dom.document.get_element_by_id("seat-links") else {
        return Ok(());
    };
    list.set_text_content(None);
    for (i, e) in app.data.events.iter().enumerate() {
        let (a, b) = pair_of(app, i);
        let (Some(ea), Some(eb)) = (app.data.events.get(a), app.data.events.get(b)) else {
            continue;
        };
        let view = ViewState {
            chart: Some(Chart::Compare),
            pair: Some((ea.id.clone(), eb.id.clone())),
            compare_seats: true,
            ..ViewState::default()
        };
        let link = app.dom.create("a", Some(short_name(e)))?;
        link.set_attribute("href", &view.to_hash())?;
        link.set_attribute("data-event", &i.to_string())?;
        let other = if a == i { eb } else { ea };
        link.set_attribute(
            "aria-label",
            &format!(
                "Compare {} with {} as seats",
                short_name(e),
                short_name(other)
            ),
        )?;
        let item = app.dom.create("li", None)?;
        item.append_child(&link)?;
        list.append_child(&item)?;
    }
    app.seats.linked = ids;
    Ok(())
}

/// After the legend hides or shows a faction: the seat charts follow.
pub(super) fn after_legend(app: &mut App) -> Result<(), JsValue> {
    app.draw(Kind::Seats)?;
    if app.seats.compare {
        app.draw(Kind::Compare)?;
    }
    app.refresh_bounds();
    Ok(())
}

/// Sets the comparison's drawing (bars or seats) and its radios; draws
/// nothing.
pub(super) fn set_compare(app: &mut App, seats: bool) {
    app.seats.compare = seats;
    let id = if seats {
        "compare-view-seats"
    } else {
        "compare-view-bars"
    };
    if let Some(r) = app.dom.typed::<HtmlInputElement>(id) {
        r.set_checked(true);
    }
}

/// Redraws the comparison after its drawing or pair changed, and puts the
/// view in the address.
fn redraw_compare(app: &mut App) -> Result<(), JsValue> {
    app.draw(Kind::Compare)?;
    app.fill_table()?;
    app.refresh_bounds();
    state::sync(app, true);
    Ok(())
}

/// The bars/seats radios of the comparison and the links under the row.
pub(super) fn attach(app: &App) -> Result<(), JsValue> {
    for (id, seats) in [("compare-view-bars", false), ("compare-view-seats", true)] {
        listen(app.dom.element(id)?.as_ref(), "change", false, move |_| {
            with_app(|app| {
                set_compare(app, seats);
                report(redraw_compare(app));
            });
        })?;
    }
    listen(
        app.dom.element("seat-body")?.as_ref(),
        "change",
        false,
        |e| {
            let event: &web_sys::Event = e.unchecked_ref();
            let Some(value) = event
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                .map(|s| s.value())
            else {
                return;
            };
            with_app(|app| {
                let body = app.corpus.bodies().into_iter().find(|b| b.key() == value);
                app.seats.body = body;
                report(app.draw(Kind::Seats));
                app.refresh_bounds();
                super::access::with_access(|a| a.chart = Some(Chart::Seats));
                state::sync(app, true);
            });
        },
    )?;
    listen(
        app.dom.element("seat-links")?.as_ref(),
        "click",
        false,
        |e| {
            let event: &web_sys::Event = e.unchecked_ref();
            let link = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("a[data-event]").ok().flatten());
            let Some(i) = link
                .and_then(|l| l.get_attribute("data-event"))
                .and_then(|i| i.parse::<usize>().ok())
            else {
                return;
            };
            // The link keeps the rest of the view (mode, hidden factions,
            // calendar, source), so it is followed here rather than by address.
            event.prevent_default();
            with_app(|app| {
                app.pair = pair_of(app, i);
                set_compare(app, true);
                for (id, k) in [("compare-a", app.pair.0), ("compare-b", app.pair.1)] {
                    if let Some(s) = app.dom.typed::<HtmlSelectElement>(id) {
                        s.set_selected_index(k as i32);
                    }
                }
                super::access::with_access(|a| a.chart = Some(Chart::Compare));
                report(redraw_compare(app));
                let canvas = &app.charts[App::index(Kind::Compare)].canvas;
                super::dom::show_section(canvas);
            });
        },
    )?;
    Ok(())
}
