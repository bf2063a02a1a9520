//! Charts of faction strength and votes, generic over plotters'
//! `DrawingBackend`, with no knowledge of the browser.
//!
//! Every chart works in two steps. Its layout function turns a [`Dataset`]
//! and a size into a [`Scene`]: every rectangle, line and label in pixel
//! space (f64, snapped to whole pixels), plus the hit regions that map a
//! pointer position back to what is drawn there ([`Scene::hit`]).
//! [`paint`] draws exactly that scene with plotters primitives on any
//! backend: the canvas in the page (`web::canvas`), SVG in tests and
//! exports. Because both come from the same scene, hit testing always
//! agrees with the picture. The scene is the only thing a chart gives:
//! [`lay_out`] picks the chart's layout function for a [`Chart`].
//!
//! - [`factions`]: stacked bars of faction strength, one column per event.
//! - [`compare`]: two events side by side, faction by faction.
//! - [`votes`]: every recorded vote, grouped by event.
//! - [`seats`]: each event's delegates as dots in a hemicycle.
//! - [`tooltip`]: the text for a hovered region; [`synthetic`]: generated
//!   data for stress tests.
//!
//! Text is measured through [`TextMeasure`] (a fixed approximation natively,
//! the canvas in the browser) and drawn through [`Measured`], so layout and
//! plotters agree on text sizes.

pub mod compare;
pub mod factions;
mod fit;
mod measure;
mod paint;
pub mod seats;
pub mod svg;
pub mod synthetic;
pub mod table;
pub mod tooltip;
pub mod votes;

use crate::format::about;
pub use crate::format::{count, percent, signed_count, signed_points};
pub use measure::{css_font, text_box, ApproxMeasure, FontSpec, Measured, TextMeasure};
pub use paint::paint;

use crate::calendar::Style;
use crate::dataset::{Dataset, EventView, Segment};
use crate::factions::Faction;
use crate::view::Chart;

/// The reader's choices a chart is laid out with; each chart reads those
/// it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub mode: Mode,
    /// Factions left out (hidden from the legend).
    pub hidden: FactionSet,
    /// The compared events: indices into the dataset's events.
    pub pair: (usize, usize),
    /// The calendar style dates lead with.
    pub lead: Style,
    /// The comparison drawn as two hemicycles rather than paired bars.
    pub compare_seats: bool,
}

impl Default for Options {
    /// The page as it first loads.
    fn default() -> Options {
        Options {
            mode: Mode::Absolute,
            hidden: FactionSet::EMPTY,
            pair: (0, 1),
            lead: Style::Old,
            compare_seats: false,
        }
    }
}

/// Lays out `chart` of `data` at `width`; the faction chart fills
/// `height`, the others take the height they need (the scene's `height`).
pub fn lay_out(
    chart: Chart,
    data: &Dataset,
    width: f64,
    height: f64,
    opts: &Options,
    m: &dyn TextMeasure,
) -> Scene {
    let (a, b) = opts.pair;
    let seats = seats::Options {
        hidden: opts.hidden,
    };
    match chart {
        Chart::Factions => {
            let o = factions::Options {
                mode: opts.mode,
                hidden: opts.hidden,
            };
            factions::layout(data, width, height, o, m)
        }
        Chart::Compare if opts.compare_seats => seats::pair(data, a, b, width, seats, m),
        Chart::Compare => compare::layout(data, a, b, width, opts.mode, m),
        Chart::Votes => votes::layout(data, width, opts.lead, m),
        Chart::Seats => seats::layout(data, width, seats, m),
    }
}

/// Padding, bar thickness and heading font shared by the horizontal-bar
/// charts (compare and votes).
const PAD: f64 = 4.0;
const BAR: f64 = 14.0;
const HEAD: FontSpec = LABEL.bold();

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// An axis-aligned rectangle in pixels: `x`, `y` is the top-left corner.
/// It covers `[x, x + w) × [y, y + h)`, the same pixels a filled rectangle
/// from `(x, y)` to `(x + w, y + h)` paints.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    /// The rectangle between two edges on each axis, snapped to whole pixels.
    pub fn snapped(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        let (x0, y0, x1, y1) = (x0.round(), y0.round(), x1.round(), y1.round());
        Rect::new(x0, y0, (x1 - x0).max(0.0), (y1 - y0).max(0.0))
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn is_empty(&self) -> bool {
        self.w <= 0.0 || self.h <= 0.0
    }

    /// Whether the point is inside (left and top edges in, right and bottom out).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x < self.right() && y >= self.y && y < self.bottom()
    }
}

/// What a point on a chart refers to. Events are indices into
/// [`Dataset::events`]; votes are indices into that event's `votes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One faction's segment of an event's column: `index` into the
    /// event's `segments` (a faction can appear twice in synthetic data).
    Segment {
        event: usize,
        index: usize,
        faction: Faction,
    },
    /// The delegates of an event's stated total that no faction accounts for.
    Remainder { event: usize },
    /// A whole event: its column band, or its total-only bar.
    Column { event: usize },
    /// One recorded vote.
    Vote { event: usize, vote: usize },
    /// One faction (or, with `None`, the unaccounted remainder) of one event
    /// in the comparison chart.
    Compare {
        event: usize,
        faction: Option<Faction>,
    },
}

impl Target {
    /// "segment", "remainder", "column", "vote" or "compare".
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Segment { .. } => "segment",
            Target::Remainder { .. } => "remainder",
            Target::Column { .. } => "column",
            Target::Vote { .. } => "vote",
            Target::Compare { .. } => "compare",
        }
    }

    pub fn event(&self) -> usize {
        match *self {
            Target::Segment { event, .. }
            | Target::Remainder { event }
            | Target::Column { event }
            | Target::Vote { event, .. }
            | Target::Compare { event, .. } => event,
        }
    }

    pub fn faction(&self) -> Option<Faction> {
        match *self {
            Target::Segment { faction, .. } => Some(faction),
            Target::Compare { faction, .. } => faction,
            _ => None,
        }
    }

    /// A short label: the faction name, "Unaccounted", the vote's motion
    /// and result, or the event's short name.
    pub fn label(&self, data: &Dataset) -> String {
        let Some(event) = data.events.get(self.event()) else {
            return String::new();
        };
        match *self {
            Target::Segment { faction, .. } => faction.name().to_string(),
            Target::Compare { faction, .. } => row_name(faction).to_string(),
            Target::Remainder { .. } => UNACCOUNTED.to_string(),
            Target::Column { .. } => short_name(event).to_string(),
            Target::Vote { vote, .. } => event
                .votes
                .get(vote)
                .map(|v| format!("{}: {}", v.motion, tooltip::result_line(v)))
                .unwrap_or_default(),
        }
    }
}

/// Display name of the delegates no faction accounts for.
pub const UNACCOUNTED: &str = "Unaccounted";

/// A faction's name, or [`UNACCOUNTED`] for `None`.
pub fn row_name(f: Option<Faction>) -> &'static str {
    f.map_or(UNACCOUNTED, Faction::name)
}

/// The lowest and highest figure the sources give for a segment.
pub(crate) fn figure_range(seg: &Segment) -> (u32, u32) {
    let (mut lo, mut hi) = (seg.figure.value, seg.figure.value);
    for f in &seg.alternatives {
        (lo, hi) = (lo.min(f.value), hi.max(f.value));
    }
    (lo, hi)
}

/// The "sources disagree" mark of a contested bar: a whisker across the
/// range of the sources' figures and a diamond. `lo` and `hi` are pixel
/// positions along the bar's length, `at` the whisker's position across it.
pub(crate) fn disagreement(
    vertical: bool,
    at: f64,
    lo: f64,
    hi: f64,
    diamond: (f64, f64),
) -> [Mark; 4] {
    let (from, len) = (lo.min(hi).round(), (hi - lo).abs().round().max(1.0));
    let at = at.round();
    let rect = |along: f64, across: f64, l: f64, t: f64| {
        let r = if vertical {
            Rect::new(across, along, t, l)
        } else {
            Rect::new(along, across, l, t)
        };
        Mark::Fill {
            rect: r,
            ink: Ink::Text,
        }
    };
    [
        rect(from, at, len, 1.0),
        rect(from, at - 2.0, 1.0, 5.0),
        rect(from + len - 1.0, at - 2.0, 1.0, 5.0),
        Mark::Diamond {
            x: diamond.0.round(),
            y: diamond.1.round(),
            r: 4.0,
            ink: Ink::Text,
        },
    ]
}

/// An event's axis label: its short name, or its name if it has none.
pub fn short_name(event: &EventView) -> &str {
    if event.short.is_empty() {
        &event.name
    } else {
        &event.short
    }
}

/// A region of a chart: the drawn rectangle a point falls in and what it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub target: Target,
    /// The exact rectangle drawn for the target (or its band), in pixels.
    pub rect: Rect,
}

/// Whether a chart shows delegate counts or shares of each event's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Absolute,
    /// Shares of [`EventView::share_base`].
    Share,
}

/// A set of factions, e.g. those hidden by the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FactionSet(u32);

impl FactionSet {
    pub const EMPTY: FactionSet = FactionSet(0);

    fn bit(f: Faction) -> u32 {
        1 << (f as u32)
    }

    pub fn contains(self, f: Faction) -> bool {
        self.0 & Self::bit(f) != 0
    }

    pub fn insert(&mut self, f: Faction) {
        self.0 |= Self::bit(f);
    }

    pub fn remove(&mut self, f: Faction) {
        self.0 &= !Self::bit(f);
    }

    /// Adds `f` if absent, removes it if present; returns whether it is now in.
    pub fn toggle(&mut self, f: Faction) -> bool {
        self.0 ^= Self::bit(f);
        self.contains(f)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The members in stacking order.
    pub fn members(self) -> impl Iterator<Item = Faction> {
        Faction::ALL.into_iter().filter(move |f| self.contains(*f))
    }

    /// The members in stacking order, as a vector.
    pub fn to_vec(self) -> Vec<Faction> {
        let mut out = Vec::new();
        for f in Faction::ALL {
            if self.contains(f) {
                out.push(f);
            }
        }
        out
    }
}

impl FromIterator<Faction> for FactionSet {
    fn from_iter<I: IntoIterator<Item = Faction>>(iter: I) -> Self {
        let mut set = FactionSet::EMPTY;
        for f in iter {
            set.insert(f);
        }
        set
    }
}

/// A colour role; a [`Theme`] decides the actual colour at draw time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Faction(Faction),
    /// A fixed colour, e.g. text chosen to contrast with a faction fill.
    Rgb(Rgb),
    Background,
    Text,
    Muted,
    Grid,
    Axis,
    /// Fill of the unaccounted remainder.
    Unaccounted,
    /// Hatching over the unaccounted remainder.
    Hatch,
    VoteFor,
    VoteAgainst,
    VoteAbstained,
    /// Fill of a vote recorded as unanimous without figures.
    Unanimous,
}

/// The colours of the non-data parts of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
    pub unaccounted: Rgb,
    pub hatch: Rgb,
    /// Outline drawn around the hovered region.
    pub highlight: Rgb,
    pub vote_for: Rgb,
    pub vote_against: Rgb,
    pub vote_abstained: Rgb,
    pub unanimous: Rgb,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: (0xFF, 0xFF, 0xFF),
        text: (0x1F, 0x23, 0x28),
        muted: (0x5F, 0x66, 0x6D),
        grid: (0xE4, 0xE6, 0xE9),
        axis: (0x8A, 0x90, 0x96),
        unaccounted: (0xEE, 0xEE, 0xEE),
        hatch: (0xB4, 0xB4, 0xB4),
        highlight: (0x11, 0x11, 0x11),
        vote_for: (0x21, 0x66, 0xAC),
        vote_against: (0xB2, 0x18, 0x2B),
        vote_abstained: (0xBD, 0xBD, 0xBD),
        unanimous: (0xD1, 0xE5, 0xF0),
    };

    /// For `prefers-color-scheme: dark`. Faction colours stay the same
    /// colour-blind-safe ones; text keeps at least 4.5:1 contrast.
    pub const DARK: Theme = Theme {
        background: (0x16, 0x1B, 0x22),
        text: (0xE6, 0xE8, 0xEB),
        muted: (0xA9, 0xB1, 0xBA),
        grid: (0x2D, 0x33, 0x3B),
        axis: (0x7D, 0x85, 0x90),
        unaccounted: (0x3A, 0x40, 0x48),
        hatch: (0x6B, 0x72, 0x7B),
        highlight: (0xFF, 0xFF, 0xFF),
        vote_for: (0x4B, 0x93, 0xD8),
        vote_against: (0xE0, 0x5A, 0x6B),
        vote_abstained: (0x80, 0x80, 0x80),
        unanimous: (0x2A, 0x4A, 0x60),
    };

    pub fn ink(&self, ink: Ink) -> Rgb {
        match ink {
            Ink::Faction(f) => f.color(),
            Ink::Rgb(c) => c,
            Ink::Background => self.background,
            Ink::Text => self.text,
            Ink::Muted => self.muted,
            Ink::Grid => self.grid,
            Ink::Axis => self.axis,
            Ink::Unaccounted => self.unaccounted,
            Ink::Hatch => self.hatch,
            Ink::VoteFor => self.vote_for,
            Ink::VoteAgainst => self.vote_against,
            Ink::VoteAbstained => self.vote_abstained,
            Ink::Unanimous => self.unanimous,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::LIGHT
    }
}

/// Black or white, whichever has the higher contrast ratio on `fill`.
/// Relative luminance is taken with a gamma of 2 (no `powf` in the page);
/// above 0.22 near-black wins.
pub fn contrast(fill: Rgb) -> Rgb {
    let (r, g, b) = fill;
    let sq = |c: u8| u64::from(c) * u64::from(c);
    let lum = 2126 * sq(r) + 7152 * sq(g) + 722 * sq(b);
    if lum > 22 * 100 * 255 * 255 {
        (0x11, 0x11, 0x11)
    } else {
        (0xFF, 0xFF, 0xFF)
    }
}

/// Horizontal text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Vertical text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    Top,
    Middle,
    Bottom,
}

/// One drawing primitive of a scene, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Fill {
        rect: Rect,
        ink: Ink,
    },
    /// A 1 px outline just inside `rect`, solid or dashed.
    Outline {
        rect: Rect,
        ink: Ink,
        dashed: bool,
    },
    /// Diagonal hatching clipped to `rect`.
    Hatch {
        rect: Rect,
        ink: Ink,
    },
    Line {
        from: (f64, f64),
        to: (f64, f64),
        ink: Ink,
    },
    /// A filled disc of radius `r` centred on `(x, y)`: a seat.
    Dot {
        x: f64,
        y: f64,
        r: f64,
        ink: Ink,
    },
    /// A filled diamond centred on `(x, y)`: the "sources disagree" mark.
    Diamond {
        x: f64,
        y: f64,
        r: f64,
        ink: Ink,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        font: FontSpec,
        ink: Ink,
        align: Align,
        baseline: Baseline,
        /// Rotated a quarter turn anticlockwise (reads bottom to top).
        vertical: bool,
    },
}

impl Mark {
    /// Horizontal left-aligned text with its top at `y`.
    pub fn text(x: f64, y: f64, text: impl Into<String>, font: FontSpec, ink: Ink) -> Mark {
        Mark::Text {
            x,
            y,
            text: text.into(),
            font,
            ink,
            align: Align::Left,
            baseline: Baseline::Top,
            vertical: false,
        }
    }

    /// The same text mark with another anchor.
    pub fn anchored(mut self, align: Align, baseline: Baseline) -> Mark {
        if let Mark::Text {
            align: a,
            baseline: b,
            ..
        } = &mut self
        {
            (*a, *b) = (align, baseline);
        }
        self
    }
}

/// Everything a chart draws, and where each hit region is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub marks: Vec<Mark>,
    /// Checked in order: the first region containing a point wins, so
    /// specific regions (segments) come before bands (columns).
    pub regions: Vec<Hit>,
    /// The value axis of a bar chart; zero for the seat charts and for a
    /// chart with nothing to draw.
    pub scale: Scale,
}

/// Where a bar chart's bars grow and how long a unit is, so a figure can
/// be read back from a drawn length.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scale {
    /// The plotting area: columns stand on its bottom edge, horizontal
    /// bars start at its left edge.
    pub plot: Rect,
    /// Pixels per delegate (absolute mode), per whole share (share mode),
    /// or per vote.
    pub unit: f64,
}

impl Scene {
    /// A scene of one muted line, for a chart with nothing to draw.
    pub fn notice(width: f64, text: &str) -> Scene {
        let mut scene = Scene::new(width, 40.0);
        scene.push(Mark::text(PAD, 12.0, text, LABEL, Ink::Muted));
        scene
    }

    pub fn new(width: f64, height: f64) -> Scene {
        Scene {
            width,
            height,
            ..Scene::default()
        }
    }

    /// The region under `(x, y)`, if any.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        for r in &self.regions {
            if r.rect.contains(x, y) {
                return Some(*r);
            }
        }
        None
    }

    pub fn push(&mut self, mark: Mark) {
        self.marks.push(mark);
    }

    /// Delegates no faction accounts for: a light fill, hatched.
    pub fn unaccounted(&mut self, rect: Rect) {
        self.push(Mark::Fill {
            rect,
            ink: Ink::Unaccounted,
        });
        self.push(Mark::Hatch {
            rect,
            ink: Ink::Hatch,
        });
    }

    /// Adds a hit region unless it is empty.
    pub fn region(&mut self, target: Target, rect: Rect) {
        if !rect.is_empty() {
            self.regions.push(Hit { target, rect });
        }
    }
}

/// Tick values for an axis from 0 to at least `max`: steps of 1, 2 or 5
/// times a power of ten, about `target` of them, the last at or above `max`.
pub fn nice_ticks(max: f64, target: usize) -> Vec<f64> {
    let step = nice_step(max, target);
    let n = (max / step).ceil().max(1.0) as usize;
    let mut ticks = Vec::with_capacity(n + 1);
    for i in 0..=n {
        ticks.push(i as f64 * step);
    }
    ticks
}

/// The 1-2-5 step that divides `[0, max]` into about `target` intervals.
pub fn nice_step(max: f64, target: usize) -> f64 {
    if max.is_nan() || max <= 0.0 || max.is_infinite() {
        return 1.0;
    }
    let raw = max / target.max(1) as f64;
    // 10^floor(log10 raw), by steps of ten (no logarithm in the module).
    // Near a power of ten either neighbour gives the same step below.
    let mut magnitude = 1.0;
    while magnitude * 10.0 <= raw {
        magnitude *= 10.0;
    }
    while magnitude > raw {
        magnitude /= 10.0;
    }
    let mut step = 10.0 * magnitude;
    for m in [5.0, 2.0, 1.0] {
        if m * magnitude >= raw {
            step = m * magnitude;
        }
    }
    // Whole delegates: never a fractional step.
    step.max(1.0)
}

/// The key items a chart uses, laid out left to right and wrapped to `width`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyItem {
    Unaccounted,
    Approximate,
    Contested,
    TotalOnly,
    Caucus,
    Vote(VotePart),
    /// Seat charts: a grey dot, a ring, a neutral dot.
    SeatUnaccounted,
    SeatApproximate,
    SeatTotalOnly,
}

/// A part of a vote's bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VotePart {
    For,
    Against,
    Abstained,
}

impl VotePart {
    pub(crate) fn ink(self) -> Ink {
        match self {
            VotePart::For => Ink::VoteFor,
            VotePart::Against => Ink::VoteAgainst,
            VotePart::Abstained => Ink::VoteAbstained,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            VotePart::For => "For",
            VotePart::Against => "Against",
            VotePart::Abstained => "Abstained",
        }
    }

    /// The name in running text: "for", "against", "abstained".
    pub(crate) fn word(self) -> &'static str {
        match self {
            VotePart::For => "for",
            VotePart::Against => "against",
            VotePart::Abstained => "abstained",
        }
    }
}

impl KeyItem {
    fn label(self) -> &'static str {
        match self {
            KeyItem::Unaccounted => "Unaccounted for",
            KeyItem::Approximate => "Approximate",
            KeyItem::Contested => "Sources disagree",
            KeyItem::TotalOnly => "Total only, no breakdown",
            KeyItem::Caucus => "Caucus or poll, not the assembly",
            KeyItem::Vote(part) => part.name(),
            KeyItem::SeatUnaccounted => "Unaccounted for",
            KeyItem::SeatApproximate => "Approximate count",
            KeyItem::SeatTotalOnly => "Total only, no breakdown",
        }
    }
}

/// Font of key labels and notes.
pub(crate) const SMALL: FontSpec = FontSpec::new(11.0);
/// Font of axis labels.
pub(crate) const LABEL: FontSpec = FontSpec::new(12.0);
/// Height of a line of [`LABEL`] or [`SMALL`] text.
pub(crate) const LINE: f64 = 15.0;

/// Side of a key item's swatch.
const SWATCH: f64 = 12.0;

/// Lays out a key with `items` starting at `top`, wrapped to `width`.
/// Returns the height used.
pub(crate) fn key(
    scene: &mut Scene,
    items: &[KeyItem],
    left: f64,
    top: f64,
    width: f64,
    m: &dyn TextMeasure,
) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    let (mut x, mut y) = (left, top);
    for &item in items {
        let label = item.label();
        let w = SWATCH + 5.0 + m.width(label, SMALL) + 14.0;
        if x > left && x + w > left + width {
            x = left;
            y += LINE + 3.0;
        }
        let sw = Rect::snapped(x, y + 1.0, x + SWATCH, y + 1.0 + SWATCH);
        swatch(scene, item, sw);
        scene.push(Mark::text(
            x + SWATCH + 5.0,
            y + 1.0,
            label,
            SMALL,
            Ink::Muted,
        ));
        x += w;
    }
    y + LINE + 3.0 - top
}

/// The swatch of a key item in `sw`: what the item looks like on the chart.
fn swatch(scene: &mut Scene, item: KeyItem, sw: Rect) {
    match item {
        KeyItem::Unaccounted => scene.unaccounted(sw),
        KeyItem::Approximate | KeyItem::Caucus => scene.push(Mark::Outline {
            rect: sw,
            ink: Ink::Text,
            dashed: true,
        }),
        KeyItem::TotalOnly => scene.push(Mark::Outline {
            rect: sw,
            ink: Ink::Muted,
            dashed: false,
        }),
        KeyItem::Contested => scene.push(Mark::Diamond {
            x: sw.x + SWATCH / 2.0,
            y: sw.y + SWATCH / 2.0,
            r: 4.0,
            ink: Ink::Text,
        }),
        KeyItem::Vote(part) => scene.push(Mark::Fill {
            rect: sw,
            ink: part.ink(),
        }),
        KeyItem::SeatUnaccounted | KeyItem::SeatApproximate | KeyItem::SeatTotalOnly => {
            let (x, y) = (sw.x + SWATCH / 2.0, sw.y + SWATCH / 2.0);
            let ink = match item {
                KeyItem::SeatUnaccounted => Ink::Hatch,
                KeyItem::SeatTotalOnly => Ink::Muted,
                _ => Ink::Text,
            };
            scene.push(Mark::Dot { x, y, r: 5.0, ink });
            let centre = match item {
                KeyItem::SeatApproximate => Some(Ink::Background),
                KeyItem::SeatUnaccounted => Some(Ink::Unaccounted),
                _ => None,
            };
            if let Some(ink) = centre {
                scene.push(Mark::Dot { x, y, r: 4.0, ink });
            }
        }
    }
}

/// The realistic hand-built dataset of `fixture.rs`, for unit tests.
#[cfg(test)]
pub(crate) mod fixture {
    use crate::calendar::{Basis, Date, Dated, Style};
    use crate::dataset::{Dataset, EventView, Figure, Segment, Source, VoteView};
    use crate::factions::Faction;
    use crate::model::DocId;
    include!("fixture.rs");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_one_two_five() {
        assert_eq!(nice_ticks(784.0, 5), vec![0.0, 200.0, 400.0, 600.0, 800.0]);
        assert_eq!(nice_step(1993.0, 5), 500.0);
        assert_eq!(nice_ticks(1993.0, 5).last(), Some(&2000.0));
        assert_eq!(nice_step(45.0, 4), 20.0);
        assert_eq!(nice_ticks(10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        // Never fractional delegates, never a degenerate axis.
        assert_eq!(nice_step(3.0, 10), 1.0);
        assert_eq!(nice_ticks(0.0, 5), vec![0.0, 1.0]);
        assert_eq!(nice_step(f64::NAN, 5), 1.0);
    }

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance((r, g, b): Rgb) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// WCAG 2 contrast ratio, from 1 to 21.
    fn ratio(a: Rgb, b: Rgb) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn theme_text_has_four_and_a_half_to_one_contrast() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        for theme in [Theme::LIGHT, Theme::DARK] {
            // Text is drawn on the background and on the unaccounted fill.
            for (text, on) in [
                (theme.text, theme.background),
                (theme.muted, theme.background),
                (theme.text, theme.unaccounted),
            ] {
                let r = ratio(text, on);
                assert!(r >= 4.5, "{text:?} on {on:?}: {r:.2}:1");
            }
        }
        // Labels inside faction bars are black or white by `contrast`;
        // the faction colours are the same in both themes.
        for f in Faction::ALL {
            let r = ratio(contrast(f.color()), f.color());
            assert!(r >= 4.5, "{} label: {r:.2}:1", f.name());
        }
    }

    #[test]
    fn rect_contains_is_half_open() {
        let r = Rect::new(10.0, 20.0, 5.0, 5.0);
        assert!(r.contains(10.0, 20.0));
        assert!(r.contains(14.5, 24.5));
        assert!(!r.contains(15.0, 22.0));
        assert!(!r.contains(12.0, 25.0));
        assert!(!r.contains(9.5, 22.0));
    }

    #[test]
    fn faction_set_toggles() {
        let mut s = FactionSet::EMPTY;
        assert!(s.toggle(Faction::Others));
        assert!(s.contains(Faction::Others) && !s.contains(Faction::Bolsheviks));
        assert!(!s.toggle(Faction::Others));
        assert!(s.is_empty());
        let s: FactionSet = [Faction::Srs, Faction::Mensheviks].into_iter().collect();
        assert!(s.contains(Faction::Srs) && s.contains(Faction::Mensheviks));
    }

    #[test]
    fn dataset_factions_come_in_stacking_order() {
        use Faction::*;
        let data = fixture::sample();
        assert_eq!(
            data.factions(),
            vec![
                Bolsheviks,
                Srs,
                MenshevikInternationalists,
                Mensheviks,
                Others
            ]
        );
        let data = synthetic::dataset(3, 20);
        assert_eq!(data.factions(), Faction::ALL.to_vec());
    }

    #[test]
    fn lay_out_dispatches_every_chart_with_the_readers_choices() {
        let data = fixture::sample();
        let m = &ApproxMeasure;
        let hidden: FactionSet = [Faction::Srs].into_iter().collect();
        let opts = Options {
            mode: Mode::Share,
            hidden,
            pair: (1, 2),
            lead: Style::New,
            compare_seats: false,
        };
        let chart = |c, o: &Options| lay_out(c, &data, 800.0, 420.0, o, m);
        let bars = factions::Options {
            mode: Mode::Share,
            hidden,
        };
        let dots = seats::Options { hidden };
        let drawn = chart(Chart::Factions, &opts);
        assert_eq!(drawn, factions::layout(&data, 800.0, 420.0, bars, m));
        assert_eq!(
            chart(Chart::Compare, &opts),
            compare::layout(&data, 1, 2, 800.0, Mode::Share, m)
        );
        assert_eq!(
            chart(Chart::Votes, &opts),
            votes::layout(&data, 800.0, Style::New, m)
        );
        assert_eq!(
            chart(Chart::Seats, &opts),
            seats::layout(&data, 800.0, dots, m)
        );
        let as_seats = Options {
            compare_seats: true,
            ..opts
        };
        assert_eq!(
            chart(Chart::Compare, &as_seats),
            seats::pair(&data, 1, 2, 800.0, dots, m)
        );
        // The options reach the chart: shares, and no SRs.
        assert!(!drawn
            .regions
            .iter()
            .any(|h| h.target.faction() == Some(Faction::Srs)));
        let bol = drawn
            .regions
            .iter()
            .find(|h| h.target.event() == 2 && h.target.faction() == Some(Faction::Bolsheviks))
            .expect("the Second Congress's Bolsheviks");
        let share = data.events[2].share(390).expect("a share");
        assert!((bol.rect.h - share * drawn.scale.unit).abs() <= 0.5);
        assert_eq!(bol.rect.bottom(), drawn.scale.plot.bottom());
    }

    #[test]
    fn contrast_text_is_readable() {
        assert_eq!(contrast(Faction::Mensheviks.color()), (0xFF, 0xFF, 0xFF));
        assert_eq!(contrast(Faction::UkrainianSrs.color()), (0x11, 0x11, 0x11));
    }
}
