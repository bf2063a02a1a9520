//! The charts without a mouse: arrow-key stops on each chart's regions,
//! the focused stop, Enter's pinned tooltip, tap-to-show on touch screens,
//! and the live region that reads regions out.
//!
//! Stops come from the chart's laid-out scene ([`table::stops`]), so they
//! always list what the canvas shows. The focus ring is drawn on the
//! overlay canvas, like the hover outline: moving focus never redraws.

use super::dom::Dom;
use super::page::index;
use crate::charts::table::{self, Step};
use crate::charts::{Hit, Scene, Target};
use crate::view::Chart;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};

/// What a key does on a focused chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    /// An arrow: to the next stop that way.
    Step(Step),
    /// Enter: the focused (or hovered) region's source.
    Open,
    /// Escape: leave the regions.
    Leave,
}

impl Key {
    pub(super) fn of(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowLeft" => Key::Step(Step::Left),
            "ArrowRight" => Key::Step(Step::Right),
            "ArrowUp" => Key::Step(Step::Up),
            "ArrowDown" => Key::Step(Step::Down),
            "Enter" => Key::Open,
            "Escape" => Key::Leave,
            _ => return None,
        })
    }
}

/// The keyboard's stops and focus per chart, and the live region.
#[derive(Debug)]
pub(super) struct Keyboard {
    /// Per chart (in [`super::page::CHARTS`] order): the regions the arrow
    /// keys visit.
    stops: [Vec<Hit>; 4],
    /// Per chart: the focused stop.
    focus: [Option<usize>; 4],
    /// The tooltip stays up after the chart loses focus (Enter pinned it).
    pub(super) pinned: bool,
    /// The last tap on a chart was a second tap on the same region.
    pub(super) tap_opens: bool,
    live: HtmlElement,
}

impl Keyboard {
    /// Adds the live region to the page.
    pub(super) fn new(dom: &Dom) -> Result<Keyboard, JsValue> {
        let body = dom
            .document
            .body()
            .ok_or_else(|| super::dom::err("no <body>"))?;
        let live: HtmlElement = dom.create("div", None)?.dyn_into()?;
        // Attributes, not the `id`/`className` setters: each setter is an
        // import of its own in the glue.
        live.set_attribute("id", "chart-status")?;
        live.set_attribute("class", "visually-hidden")?;
        live.set_attribute("aria-live", "polite")?;
        live.set_attribute("aria-atomic", "true")?;
        body.append_child(&live)?;
        Ok(Keyboard {
            stops: Default::default(),
            focus: [None; 4],
            pinned: false,
            tap_opens: false,
            live,
        })
    }

    /// Makes `canvas` a focusable chart that says how to use it.
    pub(super) fn focusable(canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
        canvas.set_attribute("tabindex", "0")?;
        let label = canvas.get_attribute("aria-label").unwrap_or_default();
        canvas.set_attribute("role", "application")?;
        canvas.set_attribute("aria-roledescription", "chart")?;
        canvas.set_attribute(
            "aria-label",
            &format!("{label}. Arrow keys move between bars; Enter shows the source; the Table button lists every figure."),
        )
    }

    /// Replaces the text of the live region.
    pub(super) fn say(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    /// After chart `chart` drew `scene`: its stops, and the focused stop's
    /// place among them if it is still drawn (new data can add or move
    /// regions).
    pub(super) fn drawn(&mut self, chart: Chart, scene: Option<&Scene>) -> Option<usize> {
        let i = index(chart);
        let stops = scene.map(table::stops).unwrap_or_default();
        let target = self.focused(chart).map(|h| h.target);
        self.focus[i] = target.and_then(|t| stops.iter().position(|h| h.target == t));
        self.stops[i] = stops;
        self.focus[i]
    }

    /// Stop `n` of chart `chart`, which now has the focus.
    pub(super) fn go(&mut self, chart: Chart, n: usize) -> Option<Hit> {
        let i = index(chart);
        let hit = self.stops[i].get(n).copied()?;
        self.focus[i] = Some(n);
        Some(hit)
    }

    /// The focused stop of chart `chart`, or its first when none is.
    pub(super) fn current(&self, chart: Chart) -> usize {
        self.focus[index(chart)].unwrap_or(0)
    }

    /// The focused region of chart `chart`.
    pub(super) fn focused(&self, chart: Chart) -> Option<Hit> {
        let i = index(chart);
        self.focus[i].and_then(|n| self.stops[i].get(n).copied())
    }

    /// The stop of chart `chart` on `target`.
    pub(super) fn stop_on(&self, chart: Chart, target: Target) -> Option<Hit> {
        let stops = &self.stops[index(chart)];
        stops.iter().find(|h| h.target == target).copied()
    }

    /// The stop an arrow leads to from the focused one; `along` the arcs
    /// of a seat chart.
    pub(super) fn step(&self, chart: Chart, step: Step, along: bool) -> Option<usize> {
        let i = index(chart);
        let walk = if along {
            table::step_along
        } else {
            table::step
        };
        walk(&self.stops[i], self.focus[i], step)
    }

    /// Leaves chart `chart`'s regions: no stop focused, nothing pinned.
    pub(super) fn leave(&mut self, chart: Chart) {
        self.pinned = false;
        self.focus[index(chart)] = None;
    }
}
