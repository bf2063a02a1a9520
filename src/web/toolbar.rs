//! Each chart's toolbar (table, downloads, link) and data table, the
//! notice line above the charts, and the dark colour scheme.
//!
//! A data table is the core's [`Table`] of the chart's drawn scene, so it
//! lists what the canvas shows; a closed one is written only when it opens
//! or the page prints (a large chart's table is thousands of rows).

use super::dom::{ids, Dom};
use super::page::Page;
use crate::charts::table::{self, Table};
use crate::charts::Scene;
use crate::view::Chart;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, MediaQueryList};

const DARK: &str = "(prefers-color-scheme: dark)";

/// What the chart is, for its toolbar and the announcements.
pub(super) fn title(chart: Chart) -> &'static str {
    match chart {
        Chart::Factions => "Faction strength",
        Chart::Compare => "Comparison",
        Chart::Votes => "Votes",
        Chart::Seats => "Seats",
    }
}

/// Chart `chart`'s table as the core builds it from its drawn `scene`.
pub(super) fn table(page: &Page, chart: Chart, scene: &Scene) -> Table {
    match chart {
        Chart::Factions => table::factions(&page.data, scene),
        Chart::Votes => table::votes(&page.data, scene),
        Chart::Seats => {
            let mut t = table::factions(page.data_of(chart), scene);
            t.caption = match page.body {
                Some(b) => format!("Seats: the members of each faction in the {} each event elected, drawn as one wedge of its hemicycle, with their share of the stated size and the sentence each figure comes from", b.name()),
                None => "Seats: the delegates of each faction at each event, drawn as one wedge of its hemicycle, with their share of the stated total and the sentence each figure comes from".to_string(),
            };
            t
        }
        Chart::Compare => {
            let (a, b) = page.pair;
            table::compare(&page.data, a, b)
        }
    }
}

/// The toolbars' one piece of state: the colour scheme query.
#[derive(Debug)]
pub(super) struct Toolbar {
    dark: Option<MediaQueryList>,
}

impl Toolbar {
    /// The notice line above the charts.
    pub(super) fn new(dom: &Dom) -> Result<Toolbar, JsValue> {
        let notice = dom.create("p", None)?;
        notice.set_attribute("id", "view-notice")?;
        notice.set_attribute("role", "status")?;
        notice.set_attribute("hidden", "")?;
        if let Some(main) = dom.document.query_selector("main")? {
            main.prepend_with_node_1(&notice)?;
        }
        let dark = dom.window.match_media(DARK).ok().flatten();
        Ok(Toolbar { dark })
    }

    /// Whether the reader's system asks for dark colours.
    pub(super) fn dark(&self) -> bool {
        self.dark.as_ref().is_some_and(MediaQueryList::matches)
    }

    /// The query whose changes switch the scheme.
    pub(super) fn scheme(&self) -> Option<&MediaQueryList> {
        self.dark.as_ref()
    }

    /// A toolbar for chart `chart` after its `frame`, and the data table
    /// after that.
    pub(super) fn add(dom: &Dom, chart: Chart, frame: &HtmlElement) -> Result<(), JsValue> {
        let bar = dom.create("div", None)?;
        bar.set_attribute("class", "chart-tools")?;
        bar.set_attribute("role", "group")?;
        bar.set_attribute(
            "aria-label",
            &format!("{}: table, downloads and link", title(chart)),
        )?;
        bar.set_attribute("data-chart", chart.id())?;
        let wrap_id = format!("{}-wrap", ids(chart).table);
        let mut buttons = Vec::new();
        if chart != Chart::Compare {
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
                    title(chart).to_ascii_lowercase()
                ),
            ));
        }
        buttons.push(("link", "Copy link", "Copy a link to this view".to_string()));
        for (action, text, tip) in buttons {
            let b = dom.add(&bar, "button", Some(text))?;
            b.set_attribute("type", "button")?;
            b.set_attribute("data-action", action)?;
            b.set_attribute("title", &tip)?;
            if action == "table" {
                b.set_attribute("aria-expanded", "false")?;
                b.set_attribute("aria-controls", &wrap_id)?;
            }
        }
        frame.after_with_node_1(&bar)?;
        if chart != Chart::Compare {
            let wrap = dom.create("div", None)?;
            wrap.set_attribute("id", &wrap_id)?;
            wrap.set_attribute("class", "table-wrap data-table")?;
            wrap.set_attribute("hidden", "")?;
            // A wide table scrolls inside its frame, so the frame takes focus.
            wrap.set_attribute("tabindex", "0")?;
            wrap.set_attribute("role", "region")?;
            wrap.set_attribute("aria-label", &format!("{} table", title(chart)))?;
            let t = dom.add(&wrap, "table", None)?;
            t.set_attribute("id", ids(chart).table)?;
            bar.after_with_node_1(&wrap)?;
        }
        Ok(())
    }

    /// Whether chart `chart` has a data table and it is open.
    pub(super) fn table_open(dom: &Dom, chart: Chart) -> bool {
        chart != Chart::Compare
            && dom
                .document
                .get_element_by_id(&format!("{}-wrap", ids(chart).table))
                .is_some_and(|w| !w.has_attribute("hidden"))
    }

    /// Writes chart `chart`'s data table (the comparison's is the page's).
    pub(super) fn fill(dom: &Dom, chart: Chart, t: &Table) -> Result<(), JsValue> {
        if chart == Chart::Compare {
            return Ok(());
        }
        dom.write_table(ids(chart).table, t)
    }

    /// Opens or closes chart `chart`'s data table, its `button` saying
    /// which; `fill` writes it as it opens.
    pub(super) fn toggle_table(
        dom: &Dom,
        chart: Chart,
        button: &Element,
        fill: impl FnOnce() -> Result<(), JsValue>,
    ) -> Result<(), JsValue> {
        let wrap = dom.element(&format!("{}-wrap", ids(chart).table))?;
        let open = wrap.has_attribute("hidden");
        if open {
            fill()?;
            wrap.remove_attribute("hidden")?;
        } else {
            wrap.set_attribute("hidden", "")?;
        }
        button.set_attribute("aria-expanded", if open { "true" } else { "false" })?;
        button.set_text_content(Some(if open { "Hide table" } else { "Table" }));
        Ok(())
    }
}
