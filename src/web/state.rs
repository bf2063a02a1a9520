//! The view in the page's address: restored on load, written back as the
//! reader changes it (a new history entry per change, so back and forward
//! move between views), and copied by the "Copy link" buttons. Parsing and
//! writing the fragment are the core's [`ViewState`].

use super::dom::{listen, report};
use super::{with_app, App, Kind};
use crate::calendar::Style;
use crate::charts::Mode;
use crate::view::ViewState;
use crate::Faction;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// The token naming document `doc` in a link: a seed's file name. A
/// reader's own documents live only in their browser, so a link cannot
/// name them.
fn source_token(app: &App, doc: usize) -> Option<String> {
    app.corpus
        .documents()
        .get(doc)
        .filter(|d| !d.user_added)
        .map(|d| d.name.clone())
}

/// The seed a link's source token names.
fn find_source(app: &App, token: &str) -> Option<usize> {
    (0..app.corpus.documents().len()).find(|d| source_token(app, *d).as_deref() == Some(token))
}

/// The page's current view.
fn current(app: &App) -> ViewState {
    let events = &app.data.events;
    let pair = events
        .get(app.pair.0)
        .zip(events.get(app.pair.1))
        .map(|(a, b)| (a.id.clone(), b.id.clone()))
        .filter(|_| app.pair != super::default_pair(&app.data));
    ViewState {
        chart: super::access::with_access(|a| a.chart),
        mode: app.mode,
        pair,
        hidden: app.hidden,
        calendar: (app.lead == Style::New).then_some(Style::New),
        source: app.source.and_then(|d| source_token(app, d)),
        compare_seats: app.seats.compare,
        body: app.seats.body,
    }
}

/// Sets the page's state and controls to `view` without drawing; returns
/// what could not be applied.
fn apply(app: &mut App, view: &ViewState) -> Vec<String> {
    let mut warnings = Vec::new();
    app.mode = view.mode;
    let radio = if view.mode == Mode::Share {
        "mode-share"
    } else {
        "mode-absolute"
    };
    if let Some(r) = app.dom.typed::<HtmlInputElement>(radio) {
        r.set_checked(true);
    }
    app.hidden = view.hidden;
    if let Ok(buttons) = app
        .dom
        .document
        .query_selector_all("#faction-legend button[data-faction]")
    {
        for k in 0..buttons.length() {
            let Some(b) = buttons
                .item(k)
                .and_then(|b| b.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let hidden = b
                .get_attribute("data-faction")
                .and_then(|id| Faction::from_id(&id))
                .is_some_and(|f| view.hidden.contains(f));
            let _ = b.set_attribute("aria-pressed", if hidden { "false" } else { "true" });
        }
    }
    let (lead, source) = (app.lead, app.source);
    app.lead = view.calendar.unwrap_or(Style::Old);
    app.source = None;
    if let Some(token) = &view.source {
        match find_source(app, token) {
            Some(d) => app.source = Some(d),
            None => warnings.push(format!("there is no seed document “{token}” on this page")),
        }
    }
    report(app.show_lead());
    if app.source != source {
        app.data = app.corpus.dataset_preferring(app.source);
    }
    app.pair = super::default_pair(&app.data);
    if let Some((a, b)) = &view.pair {
        let find = |id: &str| app.data.events.iter().position(|e| e.id == id);
        match (find(a), find(b)) {
            (Some(x), Some(y)) => app.pair = (x, y),
            _ => warnings.push(format!("there is no event “{a}” or “{b}” to compare")),
        }
    }
    for (id, i) in [("compare-a", app.pair.0), ("compare-b", app.pair.1)] {
        if let Some(s) = app.dom.typed::<web_sys::HtmlSelectElement>(id) {
            s.set_selected_index(i as i32);
        }
    }
    if (app.lead, app.source) != (lead, source) {
        // Labels follow the calendar style; the legend, the source's factions.
        let rebuilt = app
            .build_legend()
            .and_then(|()| app.build_selects())
            .and_then(|()| app.build_audit());
        report(rebuilt);
    }
    super::seats::set_compare(app, view.compare_seats);
    if view.body.is_some_and(|b| !app.corpus.bodies().contains(&b)) {
        warnings.push("the sources give no make-up of that body".to_string());
        super::seats::set_body(app, None);
    } else {
        super::seats::set_body(app, view.body);
    }
    super::access::with_access(|a| a.chart = view.chart);
    warnings
}

/// Reads the address into the page's state and reports anything that could
/// not be read; nothing is drawn.
fn restore(app: &mut App) {
    let hash = app.dom.window.location().hash().unwrap_or_default();
    let (view, mut warnings) = ViewState::parse(&hash);
    warnings.extend(apply(app, &view));
    if warnings.is_empty() {
        if let Some(n) = app.dom.document.get_element_by_id("view-notice") {
            let _ = n.set_attribute("hidden", "");
        }
    } else {
        app.dom.notice(&format!(
            "Part of this link could not be used, so defaults are shown for it: {}.",
            warnings.join("; ")
        ));
    }
}

/// Before the first drawing: the view the address asks for.
pub(super) fn init(app: &mut App) {
    restore(app);
}

/// Writes the current view into the address: a new history entry when
/// `push`, else in place. Does nothing if the address already says it.
pub(super) fn sync(app: &App, push: bool) {
    let hash = current(app).to_hash();
    let location = app.dom.window.location();
    if location.hash().unwrap_or_default() == hash {
        return;
    }
    let url = if hash.is_empty() {
        location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
    } else {
        hash
    };
    if let Ok(history) = app.dom.window.history() {
        let done = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
        report(done);
    }
}

/// Scrolls the chart the view names into sight.
fn show_chart(app: &App) {
    let Some(chart) = super::access::with_access(|a| a.chart) else {
        return;
    };
    let canvas = &app.charts[App::index(Kind::from_chart(chart))].canvas;
    super::dom::show_section(canvas);
}

/// Back, forward and edited addresses restore their view.
pub(super) fn attach(app: &App) -> Result<(), JsValue> {
    show_chart(app);
    for name in ["popstate", "hashchange"] {
        listen(app.dom.window.as_ref(), name, false, |_| {
            with_app(|app| {
                // Back and forward fire both events; the second finds the
                // view already shown.
                let hash = app.dom.window.location().hash().unwrap_or_default();
                if ViewState::parse(&hash).0 == current(app) {
                    return;
                }
                super::access::with_access(|a| a.quiet = true);
                restore(app);
                report(app.draw_all());
                app.refresh_bounds();
                super::access::with_access(|a| a.quiet = false);
                show_chart(app);
            });
        })?;
    }
    Ok(())
}

/// Copies the address of the current view and says so (or, if the
/// clipboard refuses, shows the link to copy by hand).
pub(super) fn copy_link(app: &App) -> Result<(), JsValue> {
    let href = app.dom.window.location().href()?;
    let promise = app.dom.window.navigator().clipboard().write_text(&href);
    COPIED.with(|(ok, failed)| {
        let _ = promise.then2(ok, failed);
    });
    Ok(())
}

/// Says whether the link was copied, with the page's address.
fn say_copied(copied: bool) {
    with_app(|app| {
        let href = app.dom.window.location().href().unwrap_or_default();
        let text = if copied {
            format!("Link copied: {href}")
        } else {
            format!("Copy this link: {href}")
        };
        app.dom.notice(&text);
    });
}

type Handler = Closure<dyn FnMut(JsValue)>;

thread_local! {
    /// What the clipboard's answer runs: one pair for the page's life, not
    /// one per click.
    static COPIED: (Handler, Handler) = (
        Closure::new(|_| say_copied(true)),
        Closure::new(|_| say_copied(false)),
    );
}
