//! What the page shows: the documents read, the dataset drawn, and the
//! reader's choices (mode, hidden factions, compared pair, calendar,
//! source, seat view), and each chart laid out from them as a [`Scene`].
//! Every component reads it; only the dispatcher ([`super::app`]) changes
//! it, and the documents component, to which it lends the page to merge
//! or remove a document. Knows no DOM.

use crate::calendar::Style;
use crate::charts::{self, tooltip};
use crate::charts::{FactionSet, Mode, Scene, Target, TextMeasure};
use crate::corpus::Doc;
use crate::dataset::Dataset;
use crate::format::Join;
use crate::model::BodyKind;
use crate::provenance;
use crate::view::{Chart, ViewState};
use crate::{Corpus, DocId};

/// The page's charts, in the order of the page.
pub(super) const CHARTS: [Chart; 4] = Chart::ALL;

/// Where chart `chart` is in [`CHARTS`] (and in per-chart arrays).
pub(super) fn index(chart: Chart) -> usize {
    CHARTS.iter().position(|c| *c == chart).unwrap_or(0)
}

/// The page's data and the reader's choices.
#[derive(Debug)]
pub(super) struct Page {
    /// Every document read, seeds and the reader's own.
    pub(super) corpus: Corpus,
    /// What the delegate charts draw (see [`Page::refresh`]).
    pub(super) data: Dataset,
    pub(super) mode: Mode,
    pub(super) hidden: FactionSet,
    /// The events compared, as indices into `data.events`.
    pub(super) pair: (usize, usize),
    /// The calendar style every date leads with.
    pub(super) lead: Style,
    /// The document whose figures drive the charts; `None` for the default
    /// rule.
    pub(super) source: Option<DocId>,
    /// The chart the reader last used, for the link.
    pub(super) chart: Option<Chart>,
    /// The comparison is drawn as hemicycles, not paired bars.
    pub(super) compare_seats: bool,
    /// The elected body the seat row shows instead of the delegates, and
    /// its make-up at each event (see [`Page::refresh_body`]).
    pub(super) body: Option<BodyKind>,
    pub(super) body_data: Option<Dataset>,
}

/// First and Second Congress if present, else the first two events.
pub(super) fn default_pair(data: &Dataset) -> (usize, usize) {
    let find = |id: &str| data.events.iter().position(|e| e.id == id);
    let last = data.events.len().saturating_sub(1);
    match (find("congress-of-soviets-1"), find("congress-of-soviets-2")) {
        (Some(a), Some(b)) => (a, b),
        _ => (0, last.min(1)),
    }
}

/// A document's title: its front matter or first line, else its name (a
/// partial document's text has no first line of its own).
pub(super) fn title(doc: &Doc) -> String {
    doc.extraction
        .meta
        .title
        .clone()
        .or_else(|| {
            (!doc.partial)
                .then_some(&doc.text)?
                .lines()
                .map(|l| l.trim_matches(|c: char| c == '=' || c.is_whitespace()))
                .find(|l| !l.is_empty())
                .map(|l| l.chars().take(120).collect())
        })
        .unwrap_or_else(|| doc.name.clone())
}

impl Page {
    /// The seeds, in the given mode, every other choice at its default.
    pub(super) fn new(mode: Mode) -> Page {
        let corpus = Corpus::seeds();
        let data = corpus.dataset();
        let pair = default_pair(&data);
        Page {
            corpus,
            data,
            mode,
            hidden: FactionSet::EMPTY,
            pair,
            lead: Style::Old,
            source: None,
            chart: None,
            compare_seats: false,
            body: None,
            body_data: None,
        }
    }

    /// The data chart `chart` draws: the seat chart's elected body when the
    /// reader chose one, else the delegates.
    pub(super) fn data_of(&self, chart: Chart) -> &Dataset {
        match (&self.body_data, chart) {
            (Some(d), Chart::Seats) => d,
            _ => &self.data,
        }
    }

    /// The comparison is drawn as hemicycles, or the chart is the row of
    /// them: its wedges are told apart by colour and run along arcs.
    pub(super) fn seat_like(&self, chart: Chart) -> bool {
        chart == Chart::Seats || (chart == Chart::Compare && self.compare_seats)
    }

    /// Rebuilds the dataset from the corpus, keeping the compared events
    /// where they still are.
    pub(super) fn refresh(&mut self) {
        let id = |i: usize| self.data.events.get(i).map(|e| e.id.clone());
        let (a, b) = (id(self.pair.0), id(self.pair.1));
        self.data = self.corpus.dataset_preferring(self.source);
        let find = |id: Option<String>| {
            let id = id?;
            self.data.events.iter().position(|e| e.id == id)
        };
        self.pair = match (find(a), find(b)) {
            (Some(a), Some(b)) => (a, b),
            _ => default_pair(&self.data),
        };
    }

    /// Rebuilds the chosen body's dataset from the corpus and source (a
    /// body the sources no longer give falls back to the delegates);
    /// returns the bodies the sources give.
    pub(super) fn refresh_body(&mut self) -> Vec<BodyKind> {
        let bodies = self.corpus.bodies();
        if self.body.is_some_and(|b| !bodies.contains(&b)) {
            self.body = None;
        }
        self.body_data = self.body.map(|b| self.corpus.body_dataset(b, self.source));
        bodies
    }

    /// Chart `chart` laid out at `width` (and, for the faction chart,
    /// `height`) CSS pixels.
    pub(super) fn lay_out(
        &self,
        chart: Chart,
        width: f64,
        height: f64,
        m: &impl TextMeasure,
    ) -> Scene {
        let opts = charts::Options {
            mode: self.mode,
            hidden: self.hidden,
            pair: self.pair,
            lead: self.lead,
            compare_seats: self.compare_seats,
        };
        // The seat chart may show an elected body instead of the delegates.
        charts::lay_out(chart, self.data_of(chart), width, height, &opts, m)
    }

    /// The tooltip's text of `target` in `chart`: its lines, one per line.
    pub(super) fn tooltip_text(&self, chart: Chart, target: Target) -> String {
        self.tooltip_lines(chart, target).joined("\n")
    }

    /// The tooltip of `target` in `chart`: the chart's lines, and for a
    /// whole event every disagreement between its sources.
    pub(super) fn tooltip_lines(&self, chart: Chart, target: Target) -> Vec<String> {
        let mut lines = tooltip::lines_in(self.data_of(chart), target, self.lead);
        if let Target::Column { event } = target {
            if let Some(e) = self.data.events.get(event) {
                lines.extend(provenance::conflict_lines(&self.corpus, &e.id));
            }
        }
        // A tooltip names a document by its title, not its file name.
        for line in &mut lines {
            for d in self.corpus.documents() {
                let Some(head) = line.strip_suffix(d.name.as_str()) else {
                    continue;
                };
                if head.ends_with(" — ") || head.ends_with("Also reported by ") {
                    *line = format!("{head}{}", title(d));
                    break;
                }
            }
        }
        lines
    }

    /// The short name of compared event `side` (0 or 1), or "".
    pub(super) fn pair_name(&self, side: usize) -> &str {
        let i = if side == 0 { self.pair.0 } else { self.pair.1 };
        self.data.events.get(i).map_or("", charts::short_name)
    }

    /// The token naming document `doc` in a link: a seed's file name. A
    /// reader's own documents live only in their browser, so a link cannot
    /// name them.
    fn source_token(&self, doc: DocId) -> Option<String> {
        self.corpus
            .doc(doc)
            .filter(|d| !d.user_added)
            .map(|d| d.name.clone())
    }

    /// The seed a link's source token names.
    pub(super) fn find_source(&self, token: &str) -> Option<DocId> {
        let seed = |d: &&Doc| !d.user_added && d.name == token;
        self.corpus.documents().iter().find(seed).map(|d| d.id)
    }

    /// The page's current view, as a link records it.
    pub(super) fn view(&self) -> ViewState {
        let events = &self.data.events;
        let pair = events
            .get(self.pair.0)
            .zip(events.get(self.pair.1))
            .map(|(a, b)| (a.id.clone(), b.id.clone()))
            .filter(|_| self.pair != default_pair(&self.data));
        ViewState {
            chart: self.chart,
            mode: self.mode,
            pair,
            hidden: self.hidden,
            calendar: (self.lead == Style::New).then_some(Style::New),
            source: self.source.and_then(|d| self.source_token(d)),
            compare_seats: self.compare_seats,
            body: self.body,
        }
    }
}
