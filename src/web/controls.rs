//! The controls above and beside the charts: the faction legend (which
//! hides and shows factions), the absolute/share radios, the comparison's
//! two event selectors and its table of changes.

use super::dom::Dom;
use super::page::Page;
use crate::charts::{self, compare, Mode, Target};
use crate::dataset::EventView;
use crate::Faction;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The mode the radios select (the browser may restore them on reload).
pub(super) fn checked_mode(dom: &Dom) -> Mode {
    let share = dom
        .typed::<HtmlInputElement>("mode-share")
        .is_some_and(|e| e.checked());
    if share {
        Mode::Share
    } else {
        Mode::Absolute
    }
}

/// Checks the radio of `mode`.
pub(super) fn show_mode(dom: &Dom, mode: Mode) {
    let radio = if mode == Mode::Share {
        "mode-share"
    } else {
        "mode-absolute"
    };
    if let Some(r) = dom.typed::<HtmlInputElement>(radio) {
        r.set_checked(true);
    }
}

/// Marks each legend button pressed unless the page hides its faction.
pub(super) fn show_hidden(dom: &Dom, page: &Page) {
    let Ok(buttons) = dom
        .document
        .query_selector_all("#faction-legend button[data-faction]")
    else {
        return;
    };
    for k in 0..buttons.length() {
        let Some(b) = buttons.item(k).and_then(|b| b.dyn_into::<Element>().ok()) else {
            continue;
        };
        let hidden = b
            .get_attribute("data-faction")
            .and_then(|id| Faction::from_id(&id))
            .is_some_and(|f| page.hidden.contains(f));
        let _ = b.set_attribute("aria-pressed", if hidden { "false" } else { "true" });
    }
}

/// One legend button per faction in the data.
pub(super) fn build_legend(dom: &Dom, page: &Page) -> Result<(), JsValue> {
    let list = dom.cleared("faction-legend")?;
    for f in page.data.factions() {
        let item = dom.add(&list, "li", None)?;
        let button = dom.add(&item, "button", None)?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-faction", f.id())?;
        let shown = !page.hidden.contains(f);
        button.set_attribute("aria-pressed", if shown { "true" } else { "false" })?;
        let swatch: HtmlElement = dom.add(&button, "span", None)?.dyn_into()?;
        swatch.set_attribute("class", "swatch")?;
        swatch.set_attribute("aria-hidden", "true")?;
        swatch.style().set_property("background-color", &f.hex())?;
        dom.add(&button, "span", Some(f.name()))?;
    }
    Ok(())
}

/// Fills both comparison selects with every event.
pub(super) fn build_selects(dom: &Dom, page: &Page) -> Result<(), JsValue> {
    for (id, chosen) in [("compare-a", page.pair.0), ("compare-b", page.pair.1)] {
        let select: HtmlSelectElement = dom.element(id)?.dyn_into()?;
        select.set_text_content(None);
        for e in &page.data.events {
            let mine = if e.user_added { ", your document" } else { "" };
            let label = format!("{} ({}{mine})", e.name, e.date_label(page.lead));
            let option = dom.add(&select, "option", Some(&label))?;
            option.set_attribute("value", &e.id)?;
        }
        select.set_selected_index(chosen as i32);
    }
    Ok(())
}

/// Selects the compared pair in both selects.
pub(super) fn show_pair(dom: &Dom, pair: (usize, usize)) {
    for (id, i) in [("compare-a", pair.0), ("compare-b", pair.1)] {
        if let Some(s) = dom.typed::<HtmlSelectElement>(id) {
            s.set_selected_index(i as i32);
        }
    }
}

/// Rewrites `#compare-table` for the compared pair: each count with
/// its share and a button that opens its sentence, and the changes.
/// (The CSV export writes the same rows with the sentences in full.)
pub(super) fn fill_table(dom: &Dom, page: &Page) -> Result<(), JsValue> {
    let events = &page.data.events;
    let (Some(a), Some(b)) = (events.get(page.pair.0), events.get(page.pair.1)) else {
        dom.cleared("compare-table")?;
        return Ok(());
    };
    let (sa, sb) = (charts::short_name(a), charts::short_name(b));
    let caption = format!("Delegates by faction: {sa} and {sb}");
    let head = ["Faction", sa, sb, "Change", "Change in share"];
    let body = dom.start_table("compare-table", &caption, &head)?;
    let total = |e: &EventView| e.total.as_ref().map(|t| t.value);
    let (ta, tb) = (total(a), total(b));
    let rows = compare::change_rows(a, b).into_iter().map(|r| {
        let name = charts::row_name(r.faction);
        let cells = [(r.a, r.share_a), (r.b, r.share_b)];
        (name, cells, r.delta_count, r.delta_share, Some(r.faction))
    });
    let stated = (
        "Stated total",
        [(ta, None), (tb, None)],
        ta.zip(tb).map(|(x, y)| i64::from(y) - i64::from(x)),
        None,
        None,
    );
    for (name, cells, delta, delta_share, faction) in rows.chain(std::iter::once(stated)) {
        let tr = dom.add(&body, "tr", None)?;
        dom.add(&tr, "th", Some(name))?
            .set_attribute("scope", "row")?;
        for ((e, event), (n, share)) in [(a, page.pair.0), (b, page.pair.1)].into_iter().zip(cells)
        {
            let text = match (n, share) {
                (Some(n), Some(s)) => format!("{} ({})", charts::count(n), charts::percent(s)),
                (Some(n), None) => charts::count(n),
                (None, _) => "—".to_string(),
            };
            let td = dom.add(&tr, "td", Some(&text))?;
            let target = Target::Compare {
                event,
                faction: faction.flatten(),
            };
            let source = crate::provenance::source_of(&page.data, target);
            if let (Some(src), Some(n)) = (source, n) {
                let button = dom.quote_button("source", src.doc, (src.start, src.end))?;
                let label = format!(
                    "The sentence for {name} at {}: {}",
                    charts::short_name(e),
                    charts::count(n)
                );
                button.set_attribute("aria-label", &label)?;
                td.append_child(&dom.document.create_text_node(" "))?;
                td.append_child(&button)?;
            }
        }
        let changes = [
            delta.map_or("—".to_string(), charts::signed_count),
            delta_share.map_or(String::new(), charts::signed_points),
        ];
        for text in changes {
            dom.add(&tr, "td", Some(&text))?;
        }
    }
    Ok(())
}
