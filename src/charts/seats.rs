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

/// One row of a hemicycle: its radius, the most seats it holds, the
/// seats it is given and those placed so far.
#[derive(Debug, Clone, Copy)]
struct Row {
    r: f64,
    cap: usize,
    seats: usize,
    placed: usize,
}

/// `k` rows in an outer radius `radius`: their spacing, the rows, and
/// their capacities' sum.
fn rows(radius: f64, k: usize) -> (f64, Vec<Row>, usize) {
    let d = radius * (1.0 - INNER) / k as f64;
    let mut rows = Vec::with_capacity(k);
    let mut held = 0;
    for i in 0..k {
        let r = radius - d / 2.0 - i as f64 * d;
        let cap = row_capacity(r, d);
        held += cap;
        rows.push(Row {
            r,
            cap,
            seats: 0,
            placed: 0,
        });
    }
    (d, rows, held)
}

/// The most rows that keep [`MIN_SPACING`] in `radius`.
fn max_rows(radius: f64) -> usize {
    (radius * (1.0 - INNER) / MIN_SPACING).max(0.0) as usize
}

/// The most dots a hemicycle of outer radius `radius` holds.
pub fn capacity(radius: f64) -> usize {
    match max_rows(radius) {
        0 => 0,
        k => rows(radius, k).2,
    }
}

/// Angle of seat `j` of the `m` in a row, from the left end of the base
/// line: 0 to π.
fn angle(j: usize, m: usize) -> f64 {
    if m == 1 {
        PI / 2.0
    } else {
        PI * j as f64 / (m - 1) as f64
    }
}

/// `n` dots in a hemicycle of outer radius `radius` whose base line's
/// middle is `(cx, cy)`: the fewest rows that hold them (so the biggest
/// dots), seats per row in proportion to its radius. `None` if `n` is
/// more than [`capacity`].
pub fn hemicycle(n: usize, cx: f64, cy: f64, radius: f64) -> Option<Hemicycle> {
    if n == 0 {
        return Some(Hemicycle::default());
    }
    let mut k = 0;
    let (d, mut rows) = loop {
        k += 1;
        if k > max_rows(radius) {
            return None;
        }
        let (d, rows, held) = rows(radius, k);
        if held >= n {
            break (d, rows);
        }
    };
    per_row(n, &mut rows);
    // Each row's seats run left to right; the rows are merged by angle,
    // then row (outer first; rows are under 128), so that each group's
    // next run of dots is a wedge.
    let key = |i: usize, row: &Row| {
        ((angle(row.placed, row.seats) / PI * f64::from(1u32 << 24)) as u32) << 7
            | (i as u32).min(127)
    };
    let mut dots = Vec::with_capacity(n);
    for _ in 0..n {
        let mut best: Option<usize> = None;
        for (i, row) in rows.iter().enumerate() {
            if row.placed < row.seats && best.is_none_or(|b| key(i, row) < key(b, &rows[b])) {
                best = Some(i);
            }
        }
        let Some(row) = best.and_then(|i| rows.get_mut(i)) else {
            break;
        };
        let t = angle(row.placed, row.seats);
        row.placed += 1;
        dots.push(((cx - row.r * cos(t)).round(), (cy - row.r * sin(t)).round()));
    }
    Some(Hemicycle {
        // At least 1.5 px between dots, so rounding centres never makes
        // two touch.
        dot: ((d - 1.5) / 2.0).floor().max(1.0),
        spacing: d,
        rows: rows.len(),
        dots,
    })
}

/// `n` seats over rows in proportion to their radii, none over its
/// capacity (the capacities sum to at least `n`).
fn per_row(n: usize, rows: &mut [Row]) {
    let mut total_r = 0.0;
    for row in rows.iter() {
        total_r += row.r;
    }
    let quota = |row: &Row| n as f64 * row.r / total_r;
    let mut given = 0;
    for row in rows.iter_mut() {
        row.seats = (quota(row) as usize).min(row.cap);
        given += row.seats;
    }
    for _ in given..n {
        // The row furthest below its quota that still has room.
        let below = |row: &Row| quota(row) - row.seats as f64;
        let mut best: Option<usize> = None;
        for (i, row) in rows.iter().enumerate() {
            if row.seats < row.cap && best.is_none_or(|b| below(row) > below(&rows[b])) {
                best = Some(i);
            }
        }
        let Some(row) = best.and_then(|i| rows.get_mut(i)) else {
            break;
        };
        row.seats += 1;
    }
}

/// Delegates per dot: 1 if `most` delegates fit in `room` dots, else the
/// smallest 2, 5, 10, 20, 50… that makes them fit.
pub fn unit(most: u32, room: usize) -> u32 {
    let room = room.max(1) as u64;
    let need = u64::from(most).div_ceil(room).max(1);
    let mut step: u64 = 1;
    loop {
        for m in &[1, 2, 5] {
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
    let mut total: u64 = 0;
    for c in counts {
        total += u64::from(*c);
    }
    let unit = u64::from(unit.max(1));
    let dots = total.div_ceil(unit);
    // A group's exact share of the dots: whole dots, and the rest (in
    // parts of `total`).
    let share = |c: &u32| {
        let c = u64::from(*c);
        if unit == 1 || total == 0 {
            (c, 0)
        } else {
            (c * dots / total, c * dots % total)
        }
    };
    let mut out = Vec::with_capacity(counts.len());
    let mut given = 0;
    for c in counts {
        let whole = share(c).0;
        out.push(whole as usize);
        given += whole;
    }
    // The dots left go to the largest remainders, one each (a group that
    // got one has more than its whole dots), the first of equals first.
    for _ in given..dots {
        let mut best: Option<(usize, u64)> = None;
        for (i, c) in counts.iter().enumerate() {
            let (whole, rest) = share(c);
            if out[i] as u64 == whole && best.is_none_or(|(_, r)| rest > r) {
                best = Some((i, rest));
            }
        }
        let Some((b, _)) = best else { break };
        out[b] += 1;
    }
    for i in 0..counts.len() {
        if counts[i] > 0 && out[i] == 0 {
            // The largest group (the last of equals) gives one up.
            let mut most = i;
            for j in 0..out.len() {
                if out[j] >= out[most] {
                    most = j;
                }
            }
            if out[most] > 1 {
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

/// An event's wedges in stacking order, then the unaccounted remainder;
/// an event with only a total is one neutral wedge. `compare`: the
/// comparison's targets, else the faction chart's.
fn groups(e: &EventView, event: usize, compare: bool, hidden: FactionSet) -> Vec<Group> {
    let mut out = Vec::with_capacity(e.segments.len() + 1);
    for (index, s) in e.segments.iter().enumerate() {
        let faction = s.faction;
        out.push(Group {
            target: if compare {
                Target::Compare {
                    event,
                    faction: Some(faction),
                }
            } else {
                Target::Segment {
                    event,
                    index,
                    faction,
                }
            },
            ink: Ink::Faction(faction),
            count: s.count(),
            approximate: s.figure.approximate,
            hidden: hidden.contains(faction),
        });
    }
    let (target, ink, count, approximate) = match (&e.total, e.remainder()) {
        (Some(t), _) if e.segments.is_empty() => {
            (Target::Column { event }, Ink::Muted, t.value, t.approximate)
        }
        (_, Some(r)) if !e.segments.is_empty() => {
            let target = if compare {
                Target::Compare {
                    event,
                    faction: None,
                }
            } else {
                Target::Remainder { event }
            };
            (target, Ink::Hatch, r, false)
        }
        _ => return out,
    };
    if count > 0 {
        out.push(Group {
            target,
            ink,
            count,
            approximate,
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
    /// Dots: centre, radius and colour.
    dots: Vec<(f64, f64, f64, Ink)>,
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

/// Adds the dots to the scene in paint order (in the order drawn within
/// one colour).
fn paint_dots(scene: &mut Scene, dots: &[(f64, f64, f64, Ink)]) {
    let mut done: Option<u32> = None;
    loop {
        // The first paint order after those done.
        let mut next: Option<u32> = None;
        for d in dots {
            let k = order(d.3);
            if done.is_none_or(|p| k > p) && next.is_none_or(|n| k < n) {
                next = Some(k);
            }
        }
        let Some(k) = next else { return };
        for &(x, y, r, ink) in dots {
            if order(ink) == k {
                scene.push(Mark::Dot { x, y, r, ink });
            }
        }
        done = next;
    }
}

/// Where and how [`grid`] draws: `cols` cells of `cell_w` by `cell_h` to a
/// row, each a hemicycle of outer radius `radius` whose base line is
/// `head` below the cell's top, one dot per `unit` delegates.
struct Grid {
    cols: usize,
    cell_w: f64,
    cell_h: f64,
    head: f64,
    radius: f64,
    unit: u32,
    /// The comparison's pair (with its totals under the names), or every
    /// event (each cell then also a region of its event).
    pair: Option<(usize, usize)>,
}

/// Draws the hemicycles of [`Grid`], each with its name above, and
/// returns the key (the dots are painted by [`footer`]) and the rows.
fn grid(
    scene: &mut Scene,
    data: &Dataset,
    g: &Grid,
    opts: Options,
    m: &dyn TextMeasure,
) -> (Used, usize) {
    let mut used = Used::default();
    let compare = g.pair.is_some();
    let n = if compare { 2 } else { data.events.len() };
    let (mut col, mut row) = (0, 0);
    for k in 0..n {
        let event = match g.pair {
            Some((a, _)) if k == 0 => a,
            Some((_, b)) => b,
            None => k,
        };
        let x0 = PAD + col as f64 * g.cell_w;
        let y0 = PAD + row as f64 * g.cell_h;
        (col, row) = next_cell(g, col, row);
        let Some(e) = data.events.get(event) else {
            continue;
        };
        let cx = (x0 + g.cell_w / 2.0).round();
        let w = g.cell_w - 8.0;
        if let Some(t) = fit(m, short_name(e), HEAD, w) {
            scene.push(
                Mark::text(cx, y0, t, HEAD, Ink::Text).anchored(Align::Center, Baseline::Top),
            );
        }
        if compare {
            let mut what = String::new();
            let what = match &e.total {
                Some(t) => {
                    what.push_str(&count(t.value));
                    what.push(' ');
                    what.push_str(&e.total_label);
                    &what
                }
                None => "no stated total",
            };
            if let Some(t) = fit(m, what, SMALL, w) {
                scene.push(
                    Mark::text(cx, y0 + LINE + 2.0, t, SMALL, Ink::Muted)
                        .anchored(Align::Center, Baseline::Top),
                );
            }
        }
        let cy = (y0 + g.head + g.radius).round();
        let dot = draw_one(
            scene,
            e,
            event,
            compare,
            (cx, cy, g.radius),
            g.unit,
            opts,
            m,
            &mut used,
        );
        if let Some(note) = note(e) {
            push_note(scene, note, (cx, cy + dot + 4.0), w, m);
        }
    }
    let rows = row + usize::from(col > 0);
    if !compare {
        // Each whole cell, after every dot: the event itself.
        (col, row) = (0, 0);
        for event in 0..n {
            let x0 = PAD + col as f64 * g.cell_w;
            let y0 = PAD + row as f64 * g.cell_h;
            let band = Rect::snapped(x0, y0, x0 + g.cell_w, y0 + g.cell_h);
            scene.region(Target::Column { event }, band);
            (col, row) = next_cell(g, col, row);
        }
    }
    (used, rows)
}

/// The cell after `(col, row)`: to the right, or the first of the next
/// row.
fn next_cell(g: &Grid, col: usize, row: usize) -> (usize, usize) {
    if col + 1 < g.cols {
        (col + 1, row)
    } else {
        (0, row + 1)
    }
}

/// Draws event `event`'s hemicycle centred on `(cx, cy)` (the middle of
/// its base line) with outer radius `radius`, one dot per `unit`
/// delegates, and the total in the middle; returns the dots' radius.
#[allow(clippy::too_many_arguments)]
fn draw_one(
    scene: &mut Scene,
    e: &EventView,
    event: usize,
    compare: bool,
    (cx, cy, radius): (f64, f64, f64),
    unit: u32,
    opts: Options,
    m: &dyn TextMeasure,
    used: &mut Used,
) -> f64 {
    let groups = groups(e, event, compare, opts.hidden);
    used.members |= e.total_label.starts_with("members");
    let mut counts = Vec::with_capacity(groups.len());
    for g in &groups {
        counts.push(g.count);
    }
    // Each wedge's dots, then where they end among the placed dots.
    let mut ends = apportion(&counts, unit);
    let mut n = 0;
    for k in &mut ends {
        n += *k;
        *k = n;
    }
    // The unit was chosen so every event fits; a hemicycle that still does
    // not (a pathological size) keeps its label and note.
    let h = hemicycle(n, cx, cy, radius).unwrap_or_default();
    for end in &mut ends {
        *end = (*end).min(h.dots.len());
    }
    // A wedge's keyboard stop is its middle dot, listed before all dots.
    for pass in 0..2 {
        let mut a = 0;
        for (g, &b) in groups.iter().zip(&ends) {
            if g.hidden {
            } else if pass == 1 {
                wedge(scene, g, &h, &h.dots[a..b], used);
            } else if b > a {
                scene.region(g.target, seat_square(&h, h.dots[(a + b - 1) / 2]));
            }
            a = b;
        }
    }
    total_in_the_middle(scene, e, (cx, cy, radius), m);
    h.dot
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
    // An approximate count: rings, not discs; seats no faction accounts
    // for: pale, ringed in grey (empty seats).
    let centre = if g.ink == Ink::Hatch {
        Some(Ink::Unaccounted)
    } else {
        g.approximate.then_some(Ink::Background)
    };
    for &(x, y) in seats {
        used.dots.push((x, y, h.dot, g.ink));
        if let Some(ink) = centre.filter(|_| h.dot >= 2.0) {
            used.dots.push((x, y, h.dot - 1.0, ink));
        }
        scene.region(g.target, seat_square(h, (x, y)));
    }
}

/// The event's total in the middle of its hemicycle, if it fits there.
fn total_in_the_middle(
    scene: &mut Scene,
    e: &EventView,
    (cx, cy, radius): (f64, f64, f64),
    m: &dyn TextMeasure,
) {
    let total = e.total.as_ref().map_or_else(|| seats_of(e), |t| t.value);
    if total == 0 {
        return;
    }
    let mut label = String::new();
    if e.total.as_ref().is_some_and(|t| t.approximate) {
        label.push('≈');
    }
    label.push_str(&count(total));
    let font = if radius >= 60.0 {
        LABEL.bold()
    } else {
        SMALL.bold()
    };
    let room = 2.0 * (radius * INNER - 2.0).max(0.0);
    if m.width(&label, font) <= room {
        scene.push(
            Mark::text(cx, cy, label, font, Ink::Text).anchored(Align::Center, Baseline::Bottom),
        );
    }
}

/// The note under a hemicycle, if the reader must know something.
fn note(e: &EventView) -> Option<&'static str> {
    if !e.segments.is_empty() {
        None
    } else if e.total.is_some() {
        Some("no faction breakdown in the sources")
    } else {
        Some("no figures in the sources")
    }
}

/// A note under a hemicycle centred at `(x, y)`: on two lines when one is
/// too narrow, cut with "…" only past that.
fn push_note(scene: &mut Scene, text: &str, (x, y): (f64, f64), w: f64, m: &dyn TextMeasure) {
    let wrapped = wrap(m, text, SMALL, w, 2);
    let cut;
    let lines = match &wrapped {
        Some(lines) => lines.as_slice(),
        None => {
            cut = fit(m, text, SMALL, w);
            cut.as_slice()
        }
    };
    let mut y = y;
    for line in lines {
        scene.push(
            Mark::text(x, y, line.as_str(), SMALL, Ink::Muted)
                .anchored(Align::Center, Baseline::Top),
        );
        y += SMALL.size + 2.0;
    }
}

/// "One dot = one delegate", "One dot = 20 members": what a dot of `unit`
/// stands for, each a `noun`.
fn unit_label(unit: u32, noun: &str) -> String {
    let mut label = String::from("One dot = ");
    if unit <= 1 {
        label.push_str("one ");
        label.push_str(noun);
    } else {
        label.push_str(&count(unit));
        label.push(' ');
        label.push_str(noun);
        label.push('s');
    }
    label
}

/// The dots, then the unit line and the key at `y`; returns the new bottom.
fn footer(
    scene: &mut Scene,
    used: &Used,
    unit: u32,
    y: f64,
    width: f64,
    m: &dyn TextMeasure,
) -> f64 {
    paint_dots(scene, &used.dots);
    let noun = if used.members { "member" } else { "delegate" };
    if let Some(t) = fit(m, &unit_label(unit, noun), SMALL, width - 2.0 * PAD) {
        scene.push(Mark::text(PAD, y, t, SMALL, Ink::Muted));
    }
    // The key's items in their order, those used only.
    let mut items = [KeyItem::SeatUnaccounted; 3];
    let mut n = 0;
    for &(on, item) in &[
        (used.remainder, KeyItem::SeatUnaccounted),
        (used.approximate, KeyItem::SeatApproximate),
        (used.total_only, KeyItem::SeatTotalOnly),
    ] {
        items[n] = item;
        n += usize::from(on);
    }
    let y = y + LINE + 3.0;
    y + key(scene, &items[..n], PAD, y, width - 2.0 * PAD, m)
}

/// Lays out `g` and its key; the scene's height follows.
fn draw(data: &Dataset, width: f64, g: &Grid, opts: Options, m: &dyn TextMeasure) -> Scene {
    let mut scene = Scene::new(width, 0.0);
    let (used, rows) = grid(&mut scene, data, g, opts, m);
    let y = PAD + rows as f64 * g.cell_h;
    scene.height = (footer(&mut scene, &used, g.unit, y, width, m) + PAD).ceil();
    scene
}

/// The small multiples: one hemicycle per event in date order, wrapped
/// into rows at `width`, all at one scale. The height follows.
pub fn layout(data: &Dataset, width: f64, opts: Options, m: &dyn TextMeasure) -> Scene {
    let n = data.events.len();
    if n == 0 {
        let mut scene = Scene::new(width, 40.0);
        scene.push(Mark::text(
            PAD,
            PAD,
            "No events to chart",
            LABEL,
            Ink::Muted,
        ));
        return scene;
    }
    let inner = (width - 2.0 * PAD).max(1.0);
    let cols = ((inner / MIN_CELL) as usize).max(1).min(n);
    let cell_w = inner / cols as f64;
    let radius = ((cell_w - 16.0) / 2.0).clamp(8.0, MAX_SMALL_R).floor();
    let mut most = 0;
    for e in &data.events {
        most = most.max(seats_of(e));
    }
    // Not `clamp`: its check of the bounds would bring usize formatting
    // into the page's module.
    #[allow(clippy::manual_clamp)]
    let room = (MAX_ALL_DOTS / n).max(20).min(MAX_SMALL_DOTS);
    let g = Grid {
        cols,
        cell_w,
        // Title, hemicycle, room for the bottom row's dots, a note of up
        // to two lines.
        cell_h: (LINE + 6.0 + radius + 14.0 + LINE + SMALL.size + 10.0).ceil(),
        head: LINE + 6.0,
        radius,
        unit: unit(most, capacity(radius).min(room)),
        pair: None,
    };
    draw(data, width, &g, opts, m)
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
        return Scene::notice(width, "No events to compare");
    };
    let cell_w = ((width - 2.0 * PAD) / 2.0).max(1.0);
    let radius = ((cell_w - 16.0) / 2.0).clamp(8.0, MAX_PAIR_R).floor();
    // Names and totals, the hemicycle, room for its dots and a note.
    let head = 2.0 * LINE + 8.0;
    let g = Grid {
        cols: 2,
        cell_w,
        cell_h: head + radius + 14.0 + LINE + 8.0,
        head,
        radius,
        unit: unit(seats_of(ea).max(seats_of(eb)), capacity(radius)),
        pair: Some((a, b)),
    };
    draw(data, width, &g, opts, m)
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
