//! Seat charts: an event's delegates as dots in a hemicycle, the way
//! parliament diagrams draw an assembly.
//!
//! [`hemicycle`] places `n` dots on rows of concentric half circles, each
//! row holding seats in proportion to its radius and never closer than
//! [`MIN_SPACING`]; the dots are ordered by angle from the left, so giving
//! each group the next run of dots makes every group one contiguous wedge.
//! Groups come in the core's stacking order (factions, then the delegates no
//! faction accounts for, in grey); an event with only a total is one neutral
//! wedge with a note. When an assembly has more delegates than the space
//! holds dots, one dot stands for a round number of delegates ([`unit()`]),
//! the same for every hemicycle of a chart, and the key says so.
//!
//! Two layouts give a [`Scene`]: [`layout`], a row of small hemicycles, one
//! per event in date order, and [`pair`], two events side by side at one
//! scale. Every dot is a hit region of its wedge's [`Target`] (the same
//! targets as the bars, so tooltips, tables and sources are shared).

use super::fit::{fit, wrap};
use super::{
    count, key, short_name, Align, Baseline, FactionSet, Ink, KeyItem, Mark, Rect, Scene, Target,
    TextMeasure, HEAD, LABEL, LINE, PAD, SMALL,
};
use crate::dataset::{Dataset, EventView};
use std::f64::consts::PI;

/// The empty middle of a hemicycle, as a share of its outer radius.
const INNER: f64 = 0.36;
/// The least distance between two dot centres, in pixels.
pub const MIN_SPACING: f64 = 6.0;
/// The most dots in one small hemicycle of [`layout`]: enough to read
/// shares at a glance.
pub const MAX_SMALL_DOTS: usize = 150;
/// The most dots in all of [`layout`]'s hemicycles together, so that a
/// hundred events still draw quickly: with many events each is small.
pub const MAX_ALL_DOTS: usize = 3000;
/// Width below which [`layout`] puts fewer hemicycles in a row.
const MIN_CELL: f64 = 150.0;
/// Largest outer radius of a small hemicycle and of a compared one.
const MAX_SMALL_R: f64 = 110.0;
const MAX_PAIR_R: f64 = 260.0;

/// `sin x` for `x` in `[-π, π]`, by a Taylor polynomial (no libm in the
/// page); the error is below 1e-7, far under a pixel.
pub(crate) fn sin(x: f64) -> f64 {
    // Into [-π/2, π/2], where the series converges fast.
    let x = if x > PI / 2.0 {
        PI - x
    } else if x < -PI / 2.0 {
        -PI - x
    } else {
        x
    };
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    for k in 1..8 {
        let k = f64::from(k);
        term *= -x2 / ((2.0 * k) * (2.0 * k + 1.0));
        sum += term;
    }
    sum
}

/// `cos x` for `x` in `[0, π]`.
pub(crate) fn cos(x: f64) -> f64 {
    sin(PI / 2.0 - x)
}

/// Dots placed in a half circle.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hemicycle {
    /// Radius of every dot, whole pixels.
    pub dot: f64,
    /// Distance between rows, and the least distance between dots.
    pub spacing: f64,
    pub rows: usize,
    /// Dot centres in whole pixels, ordered by angle from the left (outer
    /// rows first where angles tie).
    pub dots: Vec<(f64, f64)>,
}

/// The most dots a half circle of radius `r` holds with centres at least
/// `d` apart.
fn row_capacity(r: f64, d: f64) -> usize {
    if r <= 0.0 || d <= 0.0 {
        return 0;
    }
    if 2.0 * r < d {
        return 1;
    }
    // An upper bound (an arc is longer than its chord), then down to the
    // count whose neighbouring chords are long enough.
    let mut n = (PI * r / d) as usize + 1;
    while n > 2 && 2.0 * r * sin(PI / (2.0 * (n - 1) as f64)) < d {
        n -= 1;
    }
    n
}

/// Row radii and capacities for `k` rows in an outer radius `radius`.
fn rows(radius: f64, k: usize) -> (f64, Vec<(f64, usize)>) {
    let d = radius * (1.0 - INNER) / k as f64;
    let rows = (0..k)
        .map(|i| {
            let r = radius - d / 2.0 - i as f64 * d;
            (r, row_capacity(r, d))
        })
        .collect();
    (d, rows)
}

/// The most rows that keep [`MIN_SPACING`] in `radius`.
fn max_rows(radius: f64) -> usize {
    (radius * (1.0 - INNER) / MIN_SPACING).max(0.0) as usize
}

/// The most dots a hemicycle of outer radius `radius` holds.
pub fn capacity(radius: f64) -> usize {
    let k = max_rows(radius);
    if k == 0 {
        return 0;
    }
    rows(radius, k).1.iter().map(|r| r.1).sum()
}

/// `n` dots in a hemicycle of outer radius `radius` whose base line's
/// middle is `(cx, cy)`: the fewest rows that hold them (so the biggest
/// dots), seats per row in proportion to its radius. `None` if `n` is
/// more than [`capacity`].
pub fn hemicycle(n: usize, cx: f64, cy: f64, radius: f64) -> Option<Hemicycle> {
    if n == 0 {
        return Some(Hemicycle::default());
    }
    let (d, rows) = (1..=max_rows(radius))
        .map(|k| rows(radius, k))
        .find(|(_, rows)| rows.iter().map(|r| r.1).sum::<usize>() >= n)?;
    let seats = per_row(n, &rows);
    let mut placed: Vec<(u32, (f64, f64))> = Vec::with_capacity(n);
    for (i, (&(r, _), &m)) in rows.iter().zip(&seats).enumerate() {
        for j in 0..m {
            // Angle from the left end of the base line, 0 to π.
            let t = if m == 1 {
                PI / 2.0
            } else {
                PI * j as f64 / (m - 1) as f64
            };
            let x = (cx - r * cos(t)).round();
            let y = (cy - r * sin(t)).round();
            // Angle first, then the row (outer first); rows are under 128.
            let key = ((t / PI * f64::from(1u32 << 24)) as u32) << 7 | (i as u32).min(127);
            placed.push((key, (x, y)));
        }
    }
    let placed = crate::model::sort_by_key(placed, |p| p.0);
    Some(Hemicycle {
        // At least 1.5 px between dots, so rounding centres never makes
        // two touch.
        dot: ((d - 1.5) / 2.0).floor().max(1.0),
        spacing: d,
        rows: rows.len(),
        dots: placed.into_iter().map(|p| p.1).collect(),
    })
}

/// `n` seats over rows in proportion to their radii, none over its
/// capacity (the capacities sum to at least `n`).
fn per_row(n: usize, rows: &[(f64, usize)]) -> Vec<usize> {
    let total_r: f64 = rows.iter().map(|r| r.0).sum();
    let quota: Vec<f64> = rows.iter().map(|r| n as f64 * r.0 / total_r).collect();
    let mut seats: Vec<usize> = rows
        .iter()
        .zip(&quota)
        .map(|(r, q)| (*q as usize).min(r.1))
        .collect();
    let mut left = n.saturating_sub(seats.iter().sum());
    while left > 0 {
        // The row furthest below its quota that still has room.
        let mut best: Option<usize> = None;
        for i in 0..rows.len() {
            if seats[i] < rows[i].1
                && best.is_none_or(|b| quota[i] - seats[i] as f64 > quota[b] - seats[b] as f64)
            {
                best = Some(i);
            }
        }
        let Some(b) = best else { break };
        seats[b] += 1;
        left -= 1;
    }
    seats
}

/// Delegates per dot: 1 if `most` delegates fit in `room` dots, else the
/// smallest 2, 5, 10, 20, 50… that makes them fit.
pub fn unit(most: u32, room: usize) -> u32 {
    let room = room.max(1) as u64;
    let need = u64::from(most).div_ceil(room).max(1);
    let mut step: u64 = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= need {
                return (m * step).min(u64::from(u32::MAX)) as u32;
            }
        }
        step *= 10;
    }
}

/// Dots per group when a dot stands for `unit` delegates: the rounded-up
/// total in dots, shared by largest remainder, and at least one dot for
/// every group with delegates while there are dots to go round.
pub fn apportion(counts: &[u32], unit: u32) -> Vec<usize> {
    if unit <= 1 {
        return counts.iter().map(|c| *c as usize).collect();
    }
    let total: u64 = counts.iter().map(|c| u64::from(*c)).sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let dots = total.div_ceil(u64::from(unit));
    let mut out: Vec<usize> = counts
        .iter()
        .map(|c| (u64::from(*c) * dots / total) as usize)
        .collect();
    let rest = |i: usize| u64::from(counts[i]) * dots % total;
    let mut given: Vec<bool> = vec![false; counts.len()];
    let mut left = dots as usize - out.iter().sum::<usize>();
    while left > 0 {
        let mut best: Option<usize> = None;
        for (i, done) in given.iter().enumerate() {
            if !done && best.is_none_or(|b| rest(i) > rest(b)) {
                best = Some(i);
            }
        }
        let Some(b) = best else { break };
        given[b] = true;
        out[b] += 1;
        left -= 1;
    }
    for i in 0..counts.len() {
        if counts[i] > 0 && out[i] == 0 {
            let (most, &n) = out
                .iter()
                .enumerate()
                .max_by_key(|(_, n)| **n)
                .unwrap_or((i, &0));
            if n > 1 {
                out[most] -= 1;
                out[i] = 1;
            }
        }
    }
    out
}

/// One wedge: what it is, its colour, its delegates.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Group {
    target: Target,
    ink: Ink,
    count: u32,
    approximate: bool,
    hidden: bool,
}

/// Which targets a chart's wedges use: the faction chart's or compare's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Targets {
    Factions,
    Compare,
}

/// An event's wedges in stacking order, then the unaccounted remainder;
/// an event with only a total is one neutral wedge.
fn groups(e: &EventView, event: usize, targets: Targets, hidden: FactionSet) -> Vec<Group> {
    let mut out = Vec::with_capacity(e.segments.len() + 1);
    for (index, s) in e.segments.iter().enumerate() {
        let target = match targets {
            Targets::Factions => Target::Segment {
                event,
                index,
                faction: s.faction,
            },
            Targets::Compare => Target::Compare {
                event,
                faction: Some(s.faction),
            },
        };
        out.push(Group {
            target,
            ink: Ink::Faction(s.faction),
            count: s.count(),
            approximate: s.figure.approximate,
            hidden: hidden.contains(s.faction),
        });
    }
    let total = e.total.as_ref();
    if e.segments.is_empty() {
        if let Some(t) = total.filter(|t| t.value > 0) {
            out.push(Group {
                target: Target::Column { event },
                ink: Ink::Muted,
                count: t.value,
                approximate: t.approximate,
                hidden: false,
            });
        }
    } else if let Some(r) = e.remainder() {
        let target = match targets {
            Targets::Factions => Target::Remainder { event },
            Targets::Compare => Target::Compare {
                event,
                faction: None,
            },
        };
        out.push(Group {
            target,
            ink: Ink::Hatch,
            count: r,
            approximate: false,
            hidden: false,
        });
    }
    out
}

/// Delegates a hemicycle holds: the faction sum or the stated total,
/// whichever is larger.
fn seats_of(e: &EventView) -> u32 {
    if e.segments.is_empty() {
        e.total.as_ref().map_or(0, |t| t.value)
    } else {
        e.share_base()
    }
}

/// Settings of a seat chart.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Options {
    /// Factions hidden by the legend: their seats are left empty.
    pub hidden: FactionSet,
}

/// What the hemicycles drew: the key's items, and the dots, painted last
/// and grouped by colour (dots never overlap, so their order is free, and
/// a canvas then fills each colour once, not once per wedge).
#[derive(Debug, Default)]
struct Used {
    remainder: bool,
    approximate: bool,
    total_only: bool,
    /// The seats are an elected body's members, not delegates.
    members: bool,
    /// Dots with their paint order: discs by colour, then ring centres.
    dots: Vec<(u32, Mark)>,
}

/// Paint order of a dot of `ink`: discs by colour, then ring centres.
fn order(ink: Ink) -> u32 {
    match ink {
        Ink::Faction(f) => f as u32,
        Ink::Background => 1001,
        Ink::Unaccounted => 1002,
        _ => 1000,
    }
}

/// Adds the dots to the scene, grouped by colour.
fn paint_dots(scene: &mut Scene, dots: Vec<(u32, Mark)>) {
    for (_, mark) in crate::model::sort_by_key(dots, |d| d.0) {
        scene.push(mark);
    }
}

/// Draws event `event`'s hemicycle centred on `(cx, cy)` (the middle of
/// its base line) with outer radius `radius`, one dot per `unit`
/// delegates, and the total in the middle.
#[allow(clippy::too_many_arguments)]
fn draw_one(
    scene: &mut Scene,
    e: &EventView,
    event: usize,
    targets: Targets,
    (cx, cy, radius): (f64, f64, f64),
    unit: u32,
    opts: Options,
    m: &dyn TextMeasure,
    used: &mut Used,
) -> f64 {
    let groups = groups(e, event, targets, opts.hidden);
    used.members |= e.total_label.starts_with("members");
    let counts: Vec<u32> = groups.iter().map(|g| g.count).collect();
    let dots = apportion(&counts, unit);
    let n: usize = dots.iter().sum();
    // The unit was chosen so every event fits; a hemicycle that still does
    // not (a pathological size) keeps its label and note.
    let h = hemicycle(n, cx, cy, radius).unwrap_or_default();
    let spans = spans(&dots, h.dots.len());
    // A wedge's keyboard stop is its middle dot, listed before all dots.
    for (g, &(a, b)) in groups.iter().zip(&spans) {
        if !g.hidden && b > a {
            scene.region(g.target, seat_square(&h, h.dots[(a + b - 1) / 2]));
        }
    }
    for (g, &(a, b)) in groups.iter().zip(&spans) {
        if !g.hidden {
            wedge(scene, g, &h, &h.dots[a..b], used);
        }
    }
    total_in_the_middle(scene, e, (cx, cy, radius), m);
    h.dot
}

/// Each wedge's dots as a range of the `placed` dots, in order: none when
/// the hemicycle holds none.
fn spans(dots: &[usize], placed: usize) -> Vec<(usize, usize)> {
    let mut start = 0;
    let mut spans = Vec::with_capacity(dots.len());
    for k in dots {
        spans.push((start.min(placed), (start + k).min(placed)));
        start += k;
    }
    spans
}

/// The square a seat's hit region covers: its share of the spacing.
fn seat_square(h: &Hemicycle, (x, y): (f64, f64)) -> Rect {
    let half = (h.spacing / 2.0).max(h.dot + 1.0);
    Rect::snapped(x - half, y - half, x + half, y + half)
}

/// The dots of wedge `g` at `seats`, each a hit region; records what the
/// key must explain.
fn wedge(scene: &mut Scene, g: &Group, h: &Hemicycle, seats: &[(f64, f64)], used: &mut Used) {
    let any = !seats.is_empty();
    used.remainder |= g.ink == Ink::Hatch && any;
    used.total_only |= matches!(g.target, Target::Column { .. });
    used.approximate |= g.approximate && any;
    for &c in seats {
        let disc = Mark::Dot {
            x: c.0,
            y: c.1,
            r: h.dot,
            ink: g.ink,
        };
        used.dots.push((order(g.ink), disc));
        // An approximate count: rings, not discs; seats no faction
        // accounts for: pale, ringed in grey (empty seats).
        let centre = if g.ink == Ink::Hatch {
            Some(Ink::Unaccounted)
        } else {
            g.approximate.then_some(Ink::Background)
        };
        if let Some(ink) = centre.filter(|_| h.dot >= 2.0) {
            let centre = Mark::Dot {
                x: c.0,
                y: c.1,
                r: h.dot - 1.0,
                ink,
            };
            used.dots.push((order(ink), centre));
        }
        scene.region(g.target, seat_square(h, c));
    }
}

/// The event's total in the middle of its hemicycle, if it fits there.
fn total_in_the_middle(
    scene: &mut Scene,
    e: &EventView,
    (cx, cy, radius): (f64, f64, f64),
    m: &dyn TextMeasure,
) {
    let total = e
        .total
        .as_ref()
        .map(|t| t.value)
        .unwrap_or_else(|| seats_of(e));
    if total == 0 {
        return;
    }
    let about = if e.total.as_ref().is_some_and(|t| t.approximate) {
        "≈"
    } else {
        ""
    };
    let font = if radius >= 60.0 {
        LABEL.bold()
    } else {
        SMALL.bold()
    };
    let label = format!("{about}{}", count(total));
    let room = 2.0 * (radius * INNER - 2.0).max(0.0);
    if m.width(&label, font) <= room {
        scene.push(
            Mark::text(cx, cy, label, font, Ink::Text).anchored(Align::Center, Baseline::Bottom),
        );
    }
}

/// The note under a hemicycle, if the reader must know something.
fn note(e: &EventView) -> Option<&str> {
    if e.segments.is_empty() {
        Some(if e.total.is_some() {
            "no faction breakdown in the sources"
        } else {
            "no figures in the sources"
        })
    } else {
        None
    }
}

/// The note under a hemicycle with no breakdown, centred at `(x, y)`: on
/// two lines when one is too narrow, cut with "…" only past that.
fn push_note(scene: &mut Scene, e: &EventView, (x, y): (f64, f64), w: f64, m: &dyn TextMeasure) {
    let Some(text) = note(e) else { return };
    let lines = wrap(m, text, SMALL, w, 2)
        .or_else(|| fit(m, text, SMALL, w).map(|t| vec![t]))
        .unwrap_or_default();
    for (k, line) in lines.into_iter().enumerate() {
        scene.push(
            Mark::text(
                x,
                y + k as f64 * (SMALL.size + 2.0),
                line,
                SMALL,
                Ink::Muted,
            )
            .anchored(Align::Center, Baseline::Top),
        );
    }
}

/// The key's items in their order, those used only.
fn key_items(used: &Used) -> Vec<KeyItem> {
    let mut items = Vec::new();
    for (on, item) in [
        (used.remainder, KeyItem::SeatUnaccounted),
        (used.approximate, KeyItem::SeatApproximate),
        (used.total_only, KeyItem::SeatTotalOnly),
    ] {
        if on {
            items.push(item);
        }
    }
    items
}

/// "One dot = one delegate", "One dot = 20 delegates".
pub fn unit_label(unit: u32) -> String {
    if unit <= 1 {
        "One dot = one delegate".to_string()
    } else {
        format!("One dot = {} delegates", count(unit))
    }
}

/// The dots, then the unit line and the key at `y`; returns the new bottom.
fn footer(
    scene: &mut Scene,
    used: Used,
    unit: u32,
    y: f64,
    width: f64,
    m: &dyn TextMeasure,
) -> f64 {
    let items = key_items(&used);
    let mut label = unit_label(unit);
    if used.members {
        label = crate::format::replace(&label, "delegate", "member");
    }
    paint_dots(scene, used.dots);
    let mut y = y;
    if let Some(t) = fit(m, &label, SMALL, width - 2.0 * PAD) {
        scene.push(Mark::text(PAD, y, t, SMALL, Ink::Muted));
    }
    y += LINE + 3.0;
    y + key(scene, &items, PAD, y, width - 2.0 * PAD, m)
}

/// The small multiples: one hemicycle per event in date order, wrapped
/// into rows at `width`, all at one scale. The height follows.
pub fn layout(data: &Dataset, width: f64, opts: Options, m: &dyn TextMeasure) -> Scene {
    let mut scene = Scene::new(width, 0.0);
    let n = data.events.len();
    if n == 0 {
        scene.push(Mark::text(
            PAD,
            PAD,
            "No events to chart",
            LABEL,
            Ink::Muted,
        ));
        scene.height = 40.0;
        return scene;
    }
    let inner = (width - 2.0 * PAD).max(1.0);
    let cols = ((inner / MIN_CELL) as usize).clamp(1, n);
    let cell_w = inner / cols as f64;
    let radius = ((cell_w - 16.0) / 2.0).clamp(8.0, MAX_SMALL_R).floor();
    let most = data.events.iter().map(seats_of).max().unwrap_or(0);
    let room = (MAX_ALL_DOTS / n).clamp(20, MAX_SMALL_DOTS);
    let unit = unit(most, capacity(radius).min(room));
    // Title, hemicycle, room for the bottom row's dots, a note of up to two
    // lines.
    let cell_h = (LINE + 6.0 + radius + 14.0 + LINE + SMALL.size + 10.0).ceil();
    let mut used = Used::default();
    let mut bands = Vec::with_capacity(n);
    for (i, e) in data.events.iter().enumerate() {
        let (col, row) = (i % cols, i / cols);
        let x0 = PAD + col as f64 * cell_w;
        let y0 = PAD + row as f64 * cell_h;
        let cx = (x0 + cell_w / 2.0).round();
        if let Some(t) = fit(m, short_name(e), HEAD, cell_w - 8.0) {
            scene.push(
                Mark::text(cx, y0, t, HEAD, Ink::Text).anchored(Align::Center, Baseline::Top),
            );
        }
        let cy = (y0 + LINE + 6.0 + radius).round();
        let dot = draw_one(
            &mut scene,
            e,
            i,
            Targets::Factions,
            (cx, cy, radius),
            unit,
            opts,
            m,
            &mut used,
        );
        push_note(&mut scene, e, (cx, cy + dot + 4.0), cell_w - 8.0, m);
        // The whole cell, after its dots: the event itself.
        let band = Rect::snapped(x0, y0, x0 + cell_w, y0 + cell_h);
        bands.push((Target::Column { event: i }, band));
    }
    for (target, band) in bands {
        scene.region(target, band);
    }
    let rows = n.div_ceil(cols);
    let y = PAD + rows as f64 * cell_h;
    scene.height = (footer(&mut scene, used, unit, y, width, m) + PAD).ceil();
    scene
}

/// Events `a` and `b` side by side, one dot the same number of delegates
/// in both. The height follows from `width`.
pub fn pair(
    data: &Dataset,
    a: usize,
    b: usize,
    width: f64,
    opts: Options,
    m: &dyn TextMeasure,
) -> Scene {
    let (Some(ea), Some(eb)) = (data.events.get(a), data.events.get(b)) else {
        let scene = Scene::notice(width, "No events to compare");
        return scene;
    };
    let mut scene = Scene::new(width, 0.0);
    let cell_w = ((width - 2.0 * PAD) / 2.0).max(1.0);
    let radius = ((cell_w - 16.0) / 2.0).clamp(8.0, MAX_PAIR_R).floor();
    let unit = unit(seats_of(ea).max(seats_of(eb)), capacity(radius));
    let mut used = Used::default();
    let top = PAD + 2.0 * LINE + 8.0;
    for (k, (event, e)) in [(a, ea), (b, eb)].into_iter().enumerate() {
        let x0 = PAD + k as f64 * cell_w;
        let cx = (x0 + cell_w / 2.0).round();
        if let Some(t) = fit(m, short_name(e), HEAD, cell_w - 8.0) {
            scene.push(
                Mark::text(cx, PAD, t, HEAD, Ink::Text).anchored(Align::Center, Baseline::Top),
            );
        }
        let what = match &e.total {
            Some(t) => format!("{} {}", count(t.value), e.total_label),
            None => "no stated total".to_string(),
        };
        if let Some(t) = fit(m, &what, SMALL, cell_w - 8.0) {
            scene.push(
                Mark::text(cx, PAD + LINE + 2.0, t, SMALL, Ink::Muted)
                    .anchored(Align::Center, Baseline::Top),
            );
        }
        let cy = (top + radius).round();
        let dot = draw_one(
            &mut scene,
            e,
            event,
            Targets::Compare,
            (cx, cy, radius),
            unit,
            opts,
            m,
            &mut used,
        );
        push_note(&mut scene, e, (cx, cy + dot + 4.0), cell_w - 8.0, m);
    }
    let y = top + radius + 14.0 + LINE + 8.0;
    scene.height = (footer(&mut scene, used, unit, y, width, m) + PAD).ceil();
    scene
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{fixture, ApproxMeasure};

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    #[test]
    fn sine_and_cosine_are_accurate() {
        for i in 0..=1000 {
            let x = PI * f64::from(i) / 1000.0;
            assert!((sin(x) - x.sin()).abs() < 1e-7, "sin {x}");
            assert!((cos(x) - x.cos()).abs() < 1e-7, "cos {x}");
            assert!((sin(-x) - (-x).sin()).abs() < 1e-7, "sin -{x}");
        }
    }

    #[test]
    fn every_count_gets_its_dots_without_overlap() {
        for radius in [8.0, 20.0, 37.0, 60.0, 110.0, 173.0, 260.0] {
            let cap = capacity(radius);
            for n in (0..=cap).step_by((cap / 40).max(1)).chain([cap]) {
                let h = hemicycle(n, 300.0, 300.0, radius).expect("fits");
                assert_eq!(h.dots.len(), n, "r {radius}, n {n}");
                for (i, a) in h.dots.iter().enumerate() {
                    // Inside the hemicycle's box, on or above the base line.
                    assert!(dist(*a, (300.0, 300.0)) <= radius + 1.0, "r {radius} n {n}");
                    assert!(a.1 <= 300.0 + 0.5);
                    for b in &h.dots[i + 1..] {
                        // Discs never overlap, centres rounded and all.
                        assert!(
                            dist(*a, *b) > 2.0 * h.dot,
                            "r {radius}, n {n}: {a:?} {b:?}, dot {}",
                            h.dot
                        );
                    }
                }
            }
            assert!(hemicycle(cap + 1, 0.0, 0.0, radius).is_none());
        }
    }

    #[test]
    fn dots_run_left_to_right() {
        let h = hemicycle(650, 400.0, 400.0, 250.0).expect("fits");
        let angle = |(x, y): (f64, f64)| (400.0 - y).atan2(x - 400.0);
        // Angles from the left never go back by more than the rounding of
        // a centre to whole pixels can move them.
        for w in h.dots.windows(2) {
            assert!(angle(w[1]) <= angle(w[0]) + 0.02, "{:?}", w);
        }
        assert!(h.rows > 1 && h.dot >= 2.0);
    }

    #[test]
    fn units_are_round_and_fit() {
        assert_eq!(unit(650, 1000), 1);
        assert_eq!(unit(1993, 150), 20);
        assert_eq!(unit(1993, 1000), 2);
        assert_eq!(unit(1001, 200), 10);
        assert_eq!(unit(0, 0), 1);
        for most in [1, 99, 784, 1993, 50_000, u32::MAX] {
            for room in [1, 7, 150, 1200] {
                let u = unit(most, room);
                assert!(u64::from(most).div_ceil(u64::from(u)) <= room as u64);
            }
        }
    }

    #[test]
    fn apportioning_keeps_the_total_and_every_group() {
        assert_eq!(apportion(&[390, 160, 100], 1), vec![390, 160, 100]);
        let d = apportion(&[390, 160, 72, 28], 20);
        assert_eq!(d.iter().sum::<usize>(), 33);
        assert_eq!(d, vec![20, 8, 4, 1]);
        // A group too small for a dot of its own still gets one.
        let d = apportion(&[1990, 3], 20);
        assert_eq!(d, vec![99, 1]);
        assert_eq!(apportion(&[0, 0], 5), vec![0, 0]);
    }

    #[test]
    fn seats_of_the_second_congress() {
        let data = fixture::sample();
        let scene = layout(&data, 1280.0, Options::default(), &ApproxMeasure);
        let (i, e) = data
            .events
            .iter()
            .enumerate()
            .find(|(_, e)| e.id == "congress-of-soviets-2")
            .expect("2nd Congress");
        let bol = e
            .segments
            .iter()
            .position(|s| s.faction == crate::Faction::Bolsheviks)
            .expect("Bolsheviks");
        let target = Target::Segment {
            event: i,
            index: bol,
            faction: crate::Faction::Bolsheviks,
        };
        let dots = scene.regions.iter().filter(|h| h.target == target).count();
        // Its middle dot first (the keyboard's stop), then every dot: one
        // per 20 delegates (the Ninth Congress's 1,993 set the scale).
        assert_eq!(dots, 1 + apportion(&[390, 160, 14, 72, 13], 20)[0]);
        assert!(scene
            .marks
            .iter()
            .any(|m| matches!(m, Mark::Text { text, .. } if text == "One dot = 20 delegates")));
        let hit = scene
            .regions
            .iter()
            .find(|h| h.target == target)
            .expect("a dot");
        let (x, y) = (hit.rect.x + hit.rect.w / 2.0, hit.rect.y + hit.rect.h / 2.0);
        assert_eq!(scene.hit(x, y).map(|h| h.target), Some(target));
    }
}
