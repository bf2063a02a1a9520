//! Faction strength across events: one stacked column per event, one
//! segment per faction, the unaccounted remainder hatched on top.
//!
//! Events without a faction breakdown still get a column: an outline of
//! their stated total with a note. Contested counts carry a diamond and a
//! whisker spanning the sources' figures; approximate counts a dashed
//! outline.

use super::fit::{fit, wrap};
use super::{
    about, count, disagreement, figure_range, key, nice_ticks, short_name, Align, Baseline,
    FactionSet, FontSpec, Ink, KeyItem, Mark, Mode, Rect, Scale, Scene, Target, TextMeasure, LABEL,
    LINE, SMALL,
};
use crate::dataset::{Dataset, EventView, Segment};
use crate::format::whole_percent;

/// What the chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub mode: Mode,
    /// Factions left out of the columns (hidden from the legend).
    pub hidden: FactionSet,
}

/// Space above the plot for the axis title and the top tick label.
const TOP: f64 = 26.0;
const RIGHT: f64 = 10.0;
/// Smallest plot height, even when the canvas is shorter.
const MIN_PLOT: f64 = 40.0;
/// Text inside a bar.
const INSIDE: FontSpec = FontSpec::new(11.0);

/// Measures of one column in the chart's unit (delegates or shares).
struct Column<'a> {
    event: &'a EventView,
    mode: Mode,
}

impl Column<'_> {
    /// `n` delegates in the chart's unit.
    fn value(&self, n: u32) -> f64 {
        match self.mode {
            Mode::Absolute => f64::from(n),
            Mode::Share => self.event.share(n).unwrap_or(0.0),
        }
    }

    /// Height of the whole column in the chart's unit.
    fn height(&self, hidden: FactionSet) -> f64 {
        if self.event.segments.is_empty() {
            return self
                .event
                .total
                .as_ref()
                .map_or(0.0, |t| self.value(t.value));
        }
        let mut sum = 0.0;
        for s in &self.event.segments {
            if !hidden.contains(s.faction) {
                sum += self.value(s.count());
            }
        }
        sum + self.value(self.event.remainder().unwrap_or(0))
    }

    /// "390", "≈100" or "60%": the label inside a segment.
    fn label(&self, n: u32, approximate: bool) -> String {
        match self.mode {
            Mode::Absolute => about(n, approximate),
            Mode::Share => whole_percent(self.value(n)),
        }
    }
}

/// The y axis: tick values, their labels, and the axis maximum.
struct Axis {
    ticks: Vec<(f64, String)>,
    max: f64,
}

impl Axis {
    fn new(mode: Mode, max: f64, target: usize) -> Axis {
        let mut ticks = Vec::new();
        match mode {
            Mode::Absolute => {
                for v in nice_ticks(max, target) {
                    ticks.push((v, count(v as u32)));
                }
            }
            Mode::Share => {
                let step = if target >= 4 { 0.25 } else { 0.5 };
                for i in 0..=(1.0 / step) as usize {
                    let v = i as f64 * step;
                    ticks.push((v, whole_percent(v)));
                }
            }
        }
        let max = ticks.last().map_or(1.0, |t| t.0).max(f64::MIN_POSITIVE);
        Axis { ticks, max }
    }

    fn label_width(&self, m: &dyn TextMeasure) -> f64 {
        let mut w: f64 = 0.0;
        for (_, l) in &self.ticks {
            w = w.max(m.width(l, SMALL));
        }
        w
    }
}

/// How the event names under the columns are set.
enum Labels {
    /// Horizontal, one or two lines each.
    Flat(Vec<Vec<String>>),
    /// Rotated, every `every`-th column labelled.
    Vertical { text: Vec<String>, every: usize },
}

impl Labels {
    fn new(data: &Dataset, pitch: f64, height: f64, m: &dyn TextMeasure) -> Labels {
        let mut flat = Vec::new();
        for e in &data.events {
            match wrap(m, short_name(e), LABEL, pitch - 4.0, 2) {
                Some(lines) => flat.push(lines),
                None => break,
            }
        }
        if flat.len() == data.events.len() {
            return Labels::Flat(flat);
        }
        let longest = (height * 0.3).clamp(40.0, 140.0);
        let mut text = Vec::new();
        for e in &data.events {
            text.push(fit(m, short_name(e), LABEL, longest).unwrap_or_default());
        }
        let every = (LINE / pitch.max(0.1)).ceil().max(1.0) as usize;
        Labels::Vertical { text, every }
    }

    fn height(&self, m: &dyn TextMeasure) -> f64 {
        match self {
            Labels::Flat(lines) => {
                let mut n = 0;
                for l in lines {
                    n = n.max(l.len());
                }
                // `lines` has one entry per event, and there is at least one.
                n as f64 * LINE + 8.0
            }
            Labels::Vertical { text, .. } => {
                let mut w: f64 = 0.0;
                for t in text {
                    w = w.max(m.width(t, LABEL));
                }
                w + 10.0
            }
        }
    }
}

/// Key items the chart needs.
fn key_items(data: &Dataset, hidden: FactionSet) -> Vec<KeyItem> {
    let (mut remainder, mut approximate, mut contested, mut total_only) =
        (false, false, false, false);
    for e in &data.events {
        contested |= !e.disputed.is_empty();
        if e.segments.is_empty() {
            total_only = true;
            approximate |= e.total.as_ref().is_some_and(|t| t.approximate);
        } else {
            remainder |= e.remainder().is_some();
        }
        for s in &e.segments {
            if !hidden.contains(s.faction) {
                approximate |= s.figure.approximate;
                contested |= s.contested();
            }
        }
    }
    let mut items = Vec::new();
    for (used, item) in [
        (remainder, KeyItem::Unaccounted),
        (approximate, KeyItem::Approximate),
        (contested, KeyItem::Contested),
        (total_only, KeyItem::TotalOnly),
    ] {
        if used {
            items.push(item);
        }
    }
    items
}

/// Lays the chart out in a `width` × `height` pixel box; the scene's
/// scale is the plot, whose bottom edge is the baseline.
pub fn layout(
    data: &Dataset,
    width: f64,
    height: f64,
    opts: Options,
    m: &dyn TextMeasure,
) -> Scene {
    let mut scene = Scene::new(width, height);
    if data.events.is_empty() {
        scene.push(
            Mark::text(
                width / 2.0,
                height / 2.0,
                "No events to chart",
                LABEL,
                Ink::Muted,
            )
            .anchored(Align::Center, Baseline::Middle),
        );
        return scene;
    }
    let frame = Frame::new(data, width, height, opts, m);
    frame.axis(&mut scene, opts.mode);
    for (i, event) in data.events.iter().enumerate() {
        let col = Column {
            event,
            mode: opts.mode,
        };
        let place = frame.place(i);
        column(&mut scene, &col, &place, opts.hidden, m);
        if !event.disputed.is_empty() {
            disputed_mark(&mut scene, &col, &place, opts.hidden, frame.plot.y);
        }
        scene.region(Target::Column { event: i }, place.band);
        x_label(&mut scene, &frame.labels, i, place.centre, frame.base);
    }
    scene.push(Mark::Fill {
        rect: Rect::new(frame.plot.x, frame.base, frame.plot.w, 1.0),
        ink: Ink::Axis,
    });
    key(
        &mut scene,
        &frame.items,
        4.0,
        frame.label_bottom + 4.0,
        width - 8.0,
        m,
    );
    scene.scale = Scale {
        plot: frame.plot,
        unit: frame.unit,
    };
    scene
}

/// The chart's frame: the plot with its axis and scale, the columns'
/// pitch, and the labels and key below.
struct Frame {
    plot: Rect,
    /// The baseline: the plot's bottom edge.
    base: f64,
    axis: Axis,
    /// Pixels per unit of the chart.
    unit: f64,
    /// Width of each event's band.
    pitch: f64,
    labels: Labels,
    /// Below the event labels: where the key starts.
    label_bottom: f64,
    items: Vec<KeyItem>,
}

impl Frame {
    /// Fits the axis labels on the left, the event labels and the key
    /// below, and the plot in what is left.
    fn new(data: &Dataset, width: f64, height: f64, opts: Options, m: &dyn TextMeasure) -> Frame {
        let mut max: f64 = 0.0;
        for event in &data.events {
            let col = Column {
                event,
                mode: opts.mode,
            };
            max = max.max(col.height(opts.hidden));
        }
        // Widest tick label over any tick count, so the margin is stable.
        let mut left: f64 = 0.0;
        for t in 2..=8 {
            left = left.max(Axis::new(opts.mode, max, t).label_width(m));
        }
        let left = left.max(16.0) + 10.0;
        let plot_w = (width - left - RIGHT).max(1.0);
        let pitch = plot_w / data.events.len() as f64;
        let labels = Labels::new(data, pitch, height, m);
        let label_h = labels.height(m);
        let items = key_items(data, opts.hidden);
        let key_h = key(&mut Scene::default(), &items, 0.0, 0.0, width - 8.0, m);
        let base = (height - label_h - key_h - 6.0).max(TOP + MIN_PLOT).round();
        let plot = Rect::new(left.round(), TOP, plot_w.round(), base - TOP);
        let axis = Axis::new(opts.mode, max, (plot.h / 50.0).clamp(2.0, 8.0) as usize);
        let unit = plot.h / axis.max;
        Frame {
            plot,
            base,
            axis,
            unit,
            pitch,
            labels,
            label_bottom: base + label_h,
            items,
        }
    }

    /// The axis title, and each tick's grid line and label.
    fn axis(&self, scene: &mut Scene, mode: Mode) {
        let title = match mode {
            Mode::Absolute => "Delegates",
            Mode::Share => "Share of each event's delegates",
        };
        scene.push(Mark::text(4.0, 2.0, title, SMALL, Ink::Muted));
        let plot = self.plot;
        for (v, label) in &self.axis.ticks {
            let y = (self.base - v * self.unit).round();
            if *v > 0.0 {
                scene.push(Mark::Fill {
                    rect: Rect::new(plot.x, y, plot.w, 1.0),
                    ink: Ink::Grid,
                });
            }
            scene.push(
                Mark::text(plot.x - 6.0, y, label.clone(), SMALL, Ink::Muted)
                    .anchored(Align::Right, Baseline::Middle),
            );
        }
    }

    /// Where column `i` goes: its band, and a bar centred in it.
    fn place(&self, i: usize) -> Place {
        let (plot, pitch) = (self.plot, self.pitch);
        let band = Rect::snapped(
            plot.x + i as f64 * pitch,
            plot.y,
            plot.x + (i + 1) as f64 * pitch,
            self.label_bottom,
        );
        let centre = plot.x + (i as f64 + 0.5) * pitch;
        let bar_w = if pitch < 4.0 {
            pitch
        } else {
            (pitch * 0.72).clamp(2.0, 72.0)
        };
        let bar = Rect::snapped(
            centre - bar_w / 2.0,
            plot.y,
            centre + bar_w / 2.0,
            self.base,
        );
        // Too narrow to round to a pixel: fill the band's width.
        let bar = if bar.w < 1.0 {
            Rect::new(band.x, bar.y, band.w, bar.h)
        } else {
            bar
        };
        Place {
            event: i,
            bar,
            band,
            centre,
            base: self.base,
            unit: self.unit,
        }
    }
}

/// Where a column goes.
struct Place {
    /// Index of the event.
    event: usize,
    /// The bar's horizontal extent (its full height is the plot's).
    bar: Rect,
    /// The column's band: its share of the width, down to the labels.
    band: Rect,
    /// The band's centre line.
    centre: f64,
    /// The baseline.
    base: f64,
    /// Pixels per unit of the chart.
    unit: f64,
}

/// Draws a column: its segments, then its remainder, or the outline of
/// its stated total when it has no breakdown.
fn column(scene: &mut Scene, col: &Column, place: &Place, hidden: FactionSet, m: &dyn TextMeasure) {
    let top = segments(scene, col, place, hidden, m);
    if col.event.segments.is_empty() {
        total_only(scene, col, place, m);
        return;
    }
    let r = col.event.remainder().unwrap_or(0);
    let h = (col.value(r) * place.unit).round();
    let rect = Rect::new(place.bar.x, top - h, place.bar.w, h);
    scene.unaccounted(rect);
    inside_label(scene, rect, &col.label(r, false), Ink::Text, m);
    scene.region(Target::Remainder { event: place.event }, rect);
}

/// The shown factions' segments stacked from the baseline, with the marks
/// of contested counts on top of them all; returns the stack's top.
fn segments(
    scene: &mut Scene,
    col: &Column,
    place: &Place,
    hidden: FactionSet,
    m: &dyn TextMeasure,
) -> f64 {
    let bar = place.bar;
    let mut y = place.base;
    let mut marks_after = Vec::new();
    for (index, seg) in col.event.segments.iter().enumerate() {
        if hidden.contains(seg.faction) {
            continue;
        }
        // A faction with delegates gets at least a pixel, so that even the
        // one Right SR of the Fifth Congress can be hovered and reached.
        let h = match col.value(seg.count()) * place.unit {
            v if v > 0.0 => v.round().max(1.0),
            _ => 0.0,
        };
        let rect = Rect::new(bar.x, y - h, bar.w, h);
        y -= h;
        if h <= 0.0 {
            continue;
        }
        let fill = seg.faction.color();
        scene.push(Mark::Fill {
            rect,
            ink: Ink::Faction(seg.faction),
        });
        if seg.figure.approximate {
            scene.push(Mark::Outline {
                rect,
                ink: Ink::Rgb(super::contrast(fill)),
                dashed: true,
            });
        }
        inside_label(
            scene,
            rect,
            &col.label(seg.count(), seg.figure.approximate),
            Ink::Rgb(super::contrast(fill)),
            m,
        );
        if seg.contested() {
            marks_after.extend(contested_marks(col, seg, rect, place.band, place.unit));
        }
        let target = Target::Segment {
            event: place.event,
            index,
            faction: seg.faction,
        };
        scene.region(target, rect);
    }
    scene.marks.append(&mut marks_after);
    y
}

/// A column without a breakdown: an outline of the stated total (if
/// any) with its figure, and a note saying what is missing.
fn total_only(scene: &mut Scene, col: &Column, place: &Place, m: &dyn TextMeasure) {
    let (bar, base) = (place.bar, place.base);
    let outline = match &col.event.total {
        Some(total) => {
            let h = (col.value(total.value) * place.unit).round().max(1.0);
            let rect = Rect::new(bar.x, base - h, bar.w, h);
            scene.push(Mark::Outline {
                rect,
                ink: Ink::Muted,
                dashed: total.approximate,
            });
            let label = about(total.value, total.approximate);
            inside_label(scene, rect, &label, Ink::Text, m);
            scene.region(Target::Column { event: place.event }, rect);
            rect
        }
        None => Rect::new(bar.x, base, bar.w, 0.0),
    };
    let (default, short) = match col.event.total {
        Some(_) => ("No faction breakdown", "no breakdown"),
        None => ("No figures", "no figures"),
    };
    let note = col.event.note.as_deref().unwrap_or(default);
    total_only_note(scene, (note, short), outline, place.band, m);
}

/// Sources disagree on the event itself: a diamond above the column,
/// kept below `ceiling`.
fn disputed_mark(scene: &mut Scene, col: &Column, place: &Place, hidden: FactionSet, ceiling: f64) {
    let total = col.event.total.as_ref().map_or(0.0, |t| col.value(t.value));
    let top = place.base - col.height(hidden).max(total) * place.unit;
    scene.push(Mark::Diamond {
        x: place.centre.round(),
        y: (top - 9.0).max(ceiling + 4.0).round(),
        r: 4.0,
        ink: Ink::Text,
    });
}

/// Writes `text` centred in `rect` if it fits there.
fn inside_label(scene: &mut Scene, rect: Rect, text: &str, ink: Ink, m: &dyn TextMeasure) {
    if rect.h >= INSIDE.size + 5.0 && m.width(text, INSIDE) + 4.0 <= rect.w {
        scene.push(
            Mark::text(
                rect.x + rect.w / 2.0,
                rect.y + rect.h / 2.0,
                text,
                INSIDE,
                ink,
            )
            .anchored(Align::Center, Baseline::Middle),
        );
    }
}

/// The diamond and whisker of a contested segment: the whisker spans the
/// lowest to highest figure any source gives, from the segment's bottom,
/// in the gap beside the bar when there is room.
fn contested_marks(col: &Column, seg: &Segment, rect: Rect, band: Rect, unit: f64) -> [Mark; 4] {
    let (lo, hi) = figure_range(seg);
    let gap = band.right() - rect.right();
    let x = if gap >= 10.0 {
        rect.right() + (gap / 2.0).min(7.0)
    } else {
        rect.right()
    };
    let bottom = rect.bottom();
    disagreement(
        true,
        x,
        bottom - col.value(lo) * unit,
        bottom - col.value(hi) * unit,
        (x + 0.5, rect.y + rect.h / 2.0),
    )
}

/// The note of a column without a breakdown: wrapped inside its outline,
/// else above it, else `short` rotated, inside the outline from the top
/// down or, with no outline, up from the baseline. The key explains the
/// outline when nothing fits.
fn total_only_note(
    scene: &mut Scene,
    (note, short): (&str, &str),
    outline: Rect,
    band: Rect,
    m: &dyn TextMeasure,
) {
    let lines_h = |n: usize| n as f64 * (SMALL.size + 3.0);
    let centre = band.x + band.w / 2.0;
    let place = |scene: &mut Scene, lines: Vec<String>, y: f64| {
        for (k, line) in lines.into_iter().enumerate() {
            scene.push(
                Mark::text(centre, y + lines_h(k), line, SMALL, Ink::Muted)
                    .anchored(Align::Center, Baseline::Top),
            );
        }
    };
    // Inside, the note must stay above the total label in the middle.
    let room_inside = outline.h / 2.0 - 9.0;
    for text in [note, short] {
        if let Some(lines) = wrap(m, text, SMALL, outline.w - 6.0, 4) {
            if 4.0 + lines_h(lines.len()) <= room_inside {
                place(scene, lines, outline.y + 4.0);
                return;
            }
        }
        if let Some(lines) = wrap(m, text, SMALL, band.w - 4.0, 4) {
            let h = lines_h(lines.len());
            if outline.y - band.y >= h + 4.0 {
                place(scene, lines, outline.y - h - 3.0);
                return;
            }
        }
    }
    let w = m.width(short, SMALL);
    let (y, align) = if outline.h > 0.0 {
        let fits = outline.w >= SMALL.size + 4.0 && 4.0 + w <= room_inside;
        (fits.then_some(outline.y + 4.0), Align::Right)
    } else {
        let fits = band.w >= SMALL.size + 4.0 && w + 8.0 <= outline.y - band.y;
        (fits.then_some(outline.y - 4.0), Align::Left)
    };
    if let Some(y) = y {
        scene.push(Mark::Text {
            x: centre,
            y,
            text: short.to_string(),
            font: SMALL,
            ink: Ink::Muted,
            align,
            baseline: Baseline::Middle,
            vertical: true,
        });
    }
}

/// The event name under column `i`.
fn x_label(scene: &mut Scene, labels: &Labels, i: usize, centre: f64, base: f64) {
    match labels {
        Labels::Flat(all) => {
            for (k, line) in all[i].iter().enumerate() {
                scene.push(
                    Mark::text(
                        centre,
                        base + 6.0 + k as f64 * LINE,
                        line.clone(),
                        LABEL,
                        Ink::Text,
                    )
                    .anchored(Align::Center, Baseline::Top),
                );
            }
        }
        Labels::Vertical { text, every } => {
            if i.is_multiple_of(*every) && !text[i].is_empty() {
                scene.push(Mark::Text {
                    x: centre,
                    y: base + 6.0,
                    text: text[i].clone(),
                    font: LABEL,
                    ink: Ink::Text,
                    align: Align::Right,
                    baseline: Baseline::Middle,
                    vertical: true,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{fixture::sample, ApproxMeasure};
    use crate::factions::Faction;

    fn chart(mode: Mode, hidden: FactionSet) -> Scene {
        let opts = Options { mode, hidden };
        layout(&sample(), 800.0, 420.0, opts, &ApproxMeasure)
    }

    fn rect_of(l: &Scene, target: Target) -> Rect {
        l.regions
            .iter()
            .find(|h| h.target == target)
            .map(|h| h.rect)
            .expect("target is drawn")
    }

    fn segment_of(l: &Scene, event: usize, faction: Faction) -> Rect {
        l.regions
            .iter()
            .find(|h| h.target.event() == event && h.target.faction() == Some(faction))
            .map(|h| h.rect)
            .expect("segment is drawn")
    }

    fn target_at(l: &Scene, x: f64, y: f64) -> Option<Target> {
        l.hit(x, y).map(|h| h.target)
    }

    #[test]
    fn events_the_sources_disagree_on_carry_a_diamond() {
        let data = crate::Corpus::seeds().dataset();
        let opts = Options {
            mode: Mode::Absolute,
            hidden: FactionSet::EMPTY,
        };
        let l = layout(&data, 800.0, 420.0, opts, &ApproxMeasure);
        for (i, e) in data.events.iter().enumerate() {
            let band = rect_of(&l, Target::Column { event: i });
            // The top of the column's drawn bars.
            let mut top = band.bottom();
            for h in &l.regions {
                if h.target.event() == i && !matches!(h.target, Target::Column { .. }) {
                    top = top.min(h.rect.y);
                }
            }
            let diamond_above = l.marks.iter().any(|m| {
                matches!(m, Mark::Diamond { x, y, .. }
                    if (*x - (band.x + band.w / 2.0)).abs() <= 1.0 && *y < top)
            });
            let disputed = e.id == "congress-of-soviets-1" || e.id == "congress-of-soviets-2";
            assert_eq!(!e.disputed.is_empty(), disputed, "{}", e.id);
            assert_eq!(diamond_above, disputed, "{}", e.id);
        }
    }

    #[test]
    fn a_faction_of_one_delegate_is_a_pixel_that_can_be_hovered() {
        let mut corpus = crate::Corpus::seeds();
        corpus.add(
            "fifth.txt",
            "The Fifth All-Russian Congress of Soviets met in Moscow on July 4, 1918. \
             It was attended by 1,164 delegates with a casting vote, including 773 \
             Bolsheviks, 353 Left Socialist Revolutionaries, 17 Maximalists, one \
             Right SR and 20 non-party delegates.",
            crate::corpus::Origin::Reader,
        );
        let data = corpus.dataset();
        let fifth = data
            .events
            .iter()
            .position(|e| e.id == "congress-of-soviets-5")
            .expect("the fifth congress is read");
        let l = layout(&data, 800.0, 420.0, Options::default(), &ApproxMeasure);
        let one = segment_of(&l, fifth, Faction::RightSrs);
        assert_eq!(one.h, 1.0);
        assert_eq!(
            target_at(&l, one.x + 1.0, one.y + 0.5).and_then(|t| t.faction()),
            Some(Faction::RightSrs)
        );
    }

    #[test]
    fn hits_map_segment_edges_to_the_drawn_rectangle() {
        let l = chart(Mode::Absolute, FactionSet::EMPTY);
        let bol = Target::Segment {
            event: 2,
            index: 0,
            faction: Faction::Bolsheviks,
        };
        let srs = Target::Segment {
            event: 2,
            index: 1,
            faction: Faction::Srs,
        };
        let r = rect_of(&l, bol);
        let (cx, cy) = (r.x + r.w / 2.0, r.y + r.h / 2.0);
        // 0.5 px inside each edge: the segment, with its exact rectangle.
        for (x, y) in [
            (r.x + 0.5, cy),
            (r.right() - 0.5, cy),
            (cx, r.y + 0.5),
            (cx, r.bottom() - 0.5),
        ] {
            let hit = l.hit(x, y).expect("hit");
            assert_eq!((hit.target, hit.rect), (bol, r), "at {x},{y}");
        }
        // 0.5 px outside: the SRs stacked above, nothing below the
        // baseline but the column band, and the band beside the bar.
        assert_eq!(target_at(&l, cx, r.y - 0.5), Some(srs));
        assert_eq!(rect_of(&l, srs).bottom(), r.y);
        assert_eq!(
            target_at(&l, r.x - 0.5, cy),
            Some(Target::Column { event: 2 })
        );
        assert_eq!(
            target_at(&l, r.right() + 0.5, cy),
            Some(Target::Column { event: 2 })
        );
        assert_eq!(
            target_at(&l, cx, r.bottom() + 0.5),
            Some(Target::Column { event: 2 })
        );
        // Outside every band: nothing.
        assert_eq!(target_at(&l, 1.0, cy), None);
        assert_eq!(target_at(&l, cx, 1.0), None);
    }

    #[test]
    fn heights_are_proportional_to_counts() {
        let l = chart(Mode::Absolute, FactionSet::EMPTY);
        let h = |event, faction| segment_of(&l, event, faction).h;
        assert!((h(2, Faction::Bolsheviks) - 390.0 * l.scale.unit).abs() <= 0.5);
        assert!((h(2, Faction::Srs) - 160.0 * l.scale.unit).abs() <= 0.5);
        assert!((h(1, Faction::Srs) - 285.0 * l.scale.unit).abs() <= 0.5);
        // The axis reaches the largest column (the 9th Congress, 1,993).
        assert!(l.scale.unit * 1993.0 <= l.scale.plot.h);
    }

    #[test]
    fn remainder_and_total_only_columns_are_regions() {
        let l = chart(Mode::Share, FactionSet::EMPTY);
        let rem = rect_of(&l, Target::Remainder { event: 1 });
        assert!((rem.h - 35.0 / 784.0 * l.scale.unit).abs() <= 0.5);
        let hit = l.hit(rem.x + 1.0, rem.y + 1.0).expect("hit");
        assert_eq!(hit.target, Target::Remainder { event: 1 });
        // The April Conference has no breakdown: its outline is the column.
        let april = l
            .regions
            .iter()
            .find(|h| h.target == Target::Column { event: 0 })
            .expect("outline region");
        assert!((april.rect.h - l.scale.unit).abs() <= 0.5, "a full share");
        // The Second Congress is fully accounted for: no remainder region.
        assert!(!l
            .regions
            .iter()
            .any(|h| h.target == Target::Remainder { event: 2 }));
    }

    #[test]
    fn hidden_factions_are_neither_drawn_nor_hit() {
        let hidden: FactionSet = [Faction::Bolsheviks].into_iter().collect();
        let l = chart(Mode::Absolute, hidden);
        assert!(!l
            .regions
            .iter()
            .any(|h| h.target.faction() == Some(Faction::Bolsheviks)));
        // The SRs now start at the baseline.
        let srs = segment_of(&l, 2, Faction::Srs);
        assert_eq!(srs.bottom(), l.scale.plot.bottom());
        assert!(!l.marks.iter().any(|m| matches!(
            m,
            Mark::Fill {
                ink: Ink::Faction(Faction::Bolsheviks),
                ..
            }
        )));
    }

    #[test]
    fn narrow_charts_rotate_or_wrap_labels_and_stay_inside() {
        let data = sample();
        for width in [360.0, 240.0] {
            let l = layout(&data, width, 300.0, Options::default(), &ApproxMeasure);
            for h in &l.regions {
                assert!(h.rect.x >= 0.0 && h.rect.right() <= width, "{h:?}");
            }
        }
        let l = layout(&data, 360.0, 300.0, Options::default(), &ApproxMeasure);
        let labels: Vec<&str> = l
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, font, .. } if *font == LABEL => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            labels.contains(&"Congress") || labels.contains(&"1st Congress"),
            "{labels:?}"
        );
    }

    #[test]
    fn an_event_without_figures_still_gets_a_labelled_column() {
        let mut data = sample();
        data.events[3].total = None;
        for width in [800.0, 360.0] {
            let l = layout(&data, width, 420.0, Options::default(), &ApproxMeasure);
            let note = l.marks.iter().any(|m| {
                matches!(m, Mark::Text { text, .. } if text.to_lowercase().contains("no figures"))
            });
            assert!(note, "at {width} px");
            assert!(l
                .regions
                .iter()
                .any(|h| h.target == Target::Column { event: 3 }));
        }
    }

    #[test]
    fn many_events_still_lay_out() {
        let mut data = sample();
        let first = data.events[1].clone();
        data.events = (0..300).map(|_| first.clone()).collect();
        let l = layout(&data, 1000.0, 400.0, Options::default(), &ApproxMeasure);
        assert_eq!(
            l.regions
                .iter()
                .filter(|h| matches!(h.target, Target::Column { .. }))
                .count(),
            300
        );
    }
}
