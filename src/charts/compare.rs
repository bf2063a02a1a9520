//! Two events side by side: for each faction, a bar for each event on a
//! shared scale, so gains and losses read directly. [`change_rows`] gives
//! the same comparison as numbers for the table beside the chart.

use super::fit::fit;
use super::{
    contrast, count, disagreement, figure_range, key, percent, row_name, short_name, Align,
    Baseline, FactionSet, Ink, KeyItem, Mark, Mode, Rect, Scale, Scene, Target, TextMeasure, BAR,
    HEAD, LINE, PAD, SMALL,
};
use crate::dataset::{Dataset, EventView, Segment};
use crate::factions::Faction;

/// One faction's counts in events A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    /// `None` for the delegates no faction accounts for.
    pub faction: Option<Faction>,
    pub a: Option<u32>,
    pub b: Option<u32>,
    pub share_a: Option<f64>,
    pub share_b: Option<f64>,
    /// `b - a`, when both are known.
    pub delta_count: Option<i64>,
    /// `share_b - share_a` as a fraction, when both are known.
    pub delta_share: Option<f64>,
}

/// Delegates of the stated total that no faction accounts for; `None`
/// when the event has no breakdown or no stated total.
fn unaccounted(e: &EventView) -> Option<u32> {
    if e.segments.is_empty() {
        return None;
    }
    Some(e.total.as_ref()?.value.saturating_sub(e.faction_sum()))
}

fn segment(e: &EventView, faction: Option<Faction>) -> Option<&Segment> {
    let f = faction?;
    e.segments.iter().find(|s| s.faction == f)
}

fn value(e: &EventView, faction: Option<Faction>) -> Option<u32> {
    match faction {
        Some(_) => segment(e, faction).map(Segment::count),
        None => unaccounted(e),
    }
}

/// Rows for every faction in either event, in stacking order, then the
/// unaccounted remainder if either event has one.
pub fn change_rows(a: &EventView, b: &EventView) -> Vec<ChangeRow> {
    let mut present = FactionSet::EMPTY;
    for e in [a, b] {
        for s in &e.segments {
            present.insert(s.faction);
        }
    }
    let mut factions: Vec<Option<Faction>> = Vec::new();
    for f in present.to_vec() {
        factions.push(Some(f));
    }
    if unaccounted(a).unwrap_or(0) > 0 || unaccounted(b).unwrap_or(0) > 0 {
        factions.push(None);
    }
    let mut rows = Vec::with_capacity(factions.len());
    for faction in factions {
        let (va, vb) = (value(a, faction), value(b, faction));
        let share_a = va.and_then(|n| a.share(n));
        let share_b = vb.and_then(|n| b.share(n));
        rows.push(ChangeRow {
            faction,
            a: va,
            b: vb,
            share_a,
            share_b,
            delta_count: va.zip(vb).map(|(x, y)| i64::from(y) - i64::from(x)),
            delta_share: share_a.zip(share_b).map(|(x, y)| y - x),
        });
    }
    rows
}

const ROW: f64 = 20.0;

/// "105 (13.4%)".
fn value_label(n: u32, approximate: bool, share: Option<f64>) -> String {
    let about = if approximate { "≈" } else { "" };
    match share {
        Some(s) => format!("{about}{} ({})", count(n), percent(s)),
        None => format!("{about}{}", count(n)),
    }
}

/// Lays out events `a` and `b` of `data` at `width`; the height follows
/// from the number of factions. The scene's scale is the bars' track, from
/// the first faction's row to the last.
pub fn layout(
    data: &Dataset,
    a: usize,
    b: usize,
    width: f64,
    mode: Mode,
    m: &dyn TextMeasure,
) -> Scene {
    let (Some(ea), Some(eb)) = (data.events.get(a), data.events.get(b)) else {
        return Scene::notice(width, "No events to compare");
    };
    let rows = change_rows(ea, eb);
    let mut scene = Scene::new(width, 0.0);
    let mut y = header(&mut scene, [ea, eb], width, m);
    let bars = Bars::new([(a, ea), (b, eb)], &rows, width, mode, m);
    if rows.is_empty() {
        scene.push(Mark::text(
            PAD,
            y,
            "Neither event has a faction breakdown in the sources",
            SMALL,
            Ink::Muted,
        ));
        y += LINE;
    }
    let mut items = Vec::new();
    let rows_top = y;
    for row in &rows {
        y = bars.row(&mut scene, row, y, &mut items, m);
    }
    let plot = Rect::new(bars.x, rows_top, bars.track, y - rows_top);
    // In the order of the key, once each.
    let mut used = Vec::new();
    for item in [
        KeyItem::Unaccounted,
        KeyItem::Approximate,
        KeyItem::Contested,
    ] {
        if items.contains(&item) {
            used.push(item);
        }
    }
    y += key(&mut scene, &used, PAD, y, width - 2.0 * PAD, m);
    scene.height = (y + PAD).ceil();
    scene.scale = Scale {
        plot,
        unit: bars.unit,
    };
    scene
}

/// What each event's shares are of, a line each; returns the y below.
fn header(scene: &mut Scene, events: [&EventView; 2], width: f64, m: &dyn TextMeasure) -> f64 {
    let mut y = PAD;
    for e in events {
        let total = match &e.total {
            Some(t) => format!("{}: {} {}", short_name(e), count(t.value), e.total_label),
            None => format!("{}: no stated total", short_name(e)),
        };
        if let Some(t) = fit(m, &total, SMALL, width - 2.0 * PAD) {
            scene.push(Mark::text(PAD, y, t, SMALL, Ink::Muted));
        }
        y += LINE;
    }
    y + 6.0
}

/// The bars' common geometry: each event's tag on the left, then a track
/// on one scale for all bars, then room for the figures.
struct Bars<'a> {
    /// The two events, with their indices in the dataset.
    sides: [(usize, &'a EventView); 2],
    width: f64,
    mode: Mode,
    /// Width of the events' tags.
    tag_w: f64,
    /// Where every bar starts.
    x: f64,
    /// The longest bar's length.
    track: f64,
    /// Pixels per delegate (absolute mode) or per whole share (share mode).
    unit: f64,
}

impl<'a> Bars<'a> {
    fn new(
        sides: [(usize, &'a EventView); 2],
        rows: &[ChangeRow],
        width: f64,
        mode: Mode,
        m: &dyn TextMeasure,
    ) -> Bars<'a> {
        let mut tag_w: f64 = 0.0;
        for (_, e) in sides {
            tag_w = tag_w.max(m.width(short_name(e), SMALL));
        }
        let tag_w = tag_w.min(width * 0.3) + 8.0;
        let label_w = m.width("9,999 (99.9%)", SMALL) + 8.0;
        let x = (PAD + tag_w).round();
        let track = (width - x - label_w - PAD).max(10.0);
        let mut bars = Bars {
            sides,
            width,
            mode,
            tag_w,
            x,
            track,
            unit: 0.0,
        };
        let mut max: f64 = 0.0;
        for r in rows {
            for (n, (_, e)) in [r.a, r.b].into_iter().zip(sides) {
                if let Some(n) = n {
                    max = max.max(bars.amount(e, n));
                }
            }
        }
        bars.unit = if max > 0.0 { track / max } else { 0.0 };
        bars
    }

    /// `n` delegates of event `e` in the chart's unit.
    fn amount(&self, e: &EventView, n: u32) -> f64 {
        match self.mode {
            Mode::Absolute => f64::from(n),
            Mode::Share => e.share(n).unwrap_or(0.0),
        }
    }

    /// One faction's row: its name, then a bar for each event. Returns the
    /// y below it.
    fn row(
        &self,
        scene: &mut Scene,
        row: &ChangeRow,
        y: f64,
        items: &mut Vec<KeyItem>,
        m: &dyn TextMeasure,
    ) -> f64 {
        if let Some(t) = fit(m, row_name(row.faction), HEAD, self.width - 2.0 * PAD) {
            scene.push(Mark::text(PAD, y + 2.0, t, HEAD, Ink::Text));
        }
        let mut y = y + ROW;
        for (event, e) in self.sides {
            if let Some(t) = fit(m, short_name(e), SMALL, self.tag_w - 8.0) {
                scene.push(
                    Mark::text(self.x - 6.0, y + ROW / 2.0, t, SMALL, Ink::Muted)
                        .anchored(Align::Right, Baseline::Middle),
                );
            }
            let target = Target::Compare {
                event,
                faction: row.faction,
            };
            self.side(scene, target, e, y, items);
            scene.region(target, Rect::snapped(0.0, y, self.width, y + ROW));
            y += ROW;
        }
        y + 6.0
    }

    /// Event `e`'s bar for the row's faction and its figure, or why there
    /// is none.
    fn side(
        &self,
        scene: &mut Scene,
        target: Target,
        e: &EventView,
        y: f64,
        items: &mut Vec<KeyItem>,
    ) {
        let faction = target.faction();
        let Some(n) = value(e, faction) else {
            let text = if e.segments.is_empty() {
                "no breakdown in the sources"
            } else {
                "not listed"
            };
            scene.push(
                Mark::text(self.x, y + ROW / 2.0, text, SMALL, Ink::Muted)
                    .anchored(Align::Left, Baseline::Middle),
            );
            return;
        };
        let bar_y = (y + (ROW - BAR) / 2.0).round();
        let to_px = |n: u32| (self.amount(e, n) * self.unit).round();
        let w = if n > 0 { to_px(n).max(1.0) } else { 0.0 };
        let rect = Rect::new(self.x, bar_y, w, BAR);
        let seg = segment(e, faction);
        scene.region(target, rect);
        let approximate = seg.is_some_and(|s| s.figure.approximate);
        let text = value_label(n, approximate, e.share(n));
        // Past the bar and any whisker beyond it.
        let reach = seg.map_or(rect.w, |s| to_px(figure_range(s).1).max(rect.w));
        scene.push(
            Mark::text(self.x + reach + 8.0, y + ROW / 2.0, text, SMALL, Ink::Text)
                .anchored(Align::Left, Baseline::Middle),
        );
        bar(scene, rect, faction, seg, &to_px, items);
    }
}

/// One bar: faction colour or hatched remainder, with the approximate and
/// contested marks; records which key items it used. `to_px` turns a count
/// into a bar length.
fn bar(
    scene: &mut Scene,
    rect: Rect,
    faction: Option<Faction>,
    seg: Option<&Segment>,
    to_px: &dyn Fn(u32) -> f64,
    items: &mut Vec<KeyItem>,
) {
    let (Some(f), Some(seg)) = (faction, seg) else {
        scene.unaccounted(rect);
        items.push(KeyItem::Unaccounted);
        return;
    };
    scene.push(Mark::Fill {
        rect,
        ink: Ink::Faction(f),
    });
    if seg.figure.approximate {
        scene.push(Mark::Outline {
            rect,
            ink: Ink::Rgb(contrast(f.color())),
            dashed: true,
        });
        items.push(KeyItem::Approximate);
    }
    if seg.contested() {
        let (lo, hi) = figure_range(seg);
        let centre = rect.y + rect.h / 2.0;
        for mark in disagreement(
            false,
            centre,
            rect.x + to_px(lo),
            rect.x + to_px(hi),
            (rect.right(), centre),
        ) {
            scene.push(mark);
        }
        items.push(KeyItem::Contested);
    }
}
