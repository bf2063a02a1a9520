//! The chart-ready view of a corpus: one column per event, in chronological
//! order, each number with the source it came from.
//!
//! Built by [`crate::Corpus::dataset`]; read by the charts, the tooltips and
//! the web layer. Nothing here parses or draws.

use crate::calendar::{Dated, Style};
use crate::factions::Faction;

/// A quoted source: the document and the sentence a number came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The document, in the corpus.
    pub doc: crate::model::DocId,
    /// The document's name (file name, or the title of a pasted text).
    pub doc_name: String,
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

/// A number with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub value: u32,
    pub approximate: bool,
    pub source: Source,
}

/// One faction's part of an event's column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub faction: Faction,
    /// The figure the chart draws (chosen by the corpus's source rule).
    pub figure: Figure,
    /// Other sources' figures for the same count, when they disagree.
    pub alternatives: Vec<Figure>,
    /// Parts of this count: "20 sympathetic to this party", "about 100 Left SRs".
    pub parts: Vec<String>,
    /// Later changes during the event: "later 472".
    pub later: Vec<Figure>,
}

impl Segment {
    pub fn count(&self) -> u32 {
        self.figure.value
    }
    pub fn contested(&self) -> bool {
        !self.alternatives.is_empty()
    }
}

/// One recorded vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteView {
    pub motion: String,
    /// "plenary", "SR caucus", "questionnaire".
    pub body: String,
    /// Whether the whole assembly voted (not a caucus or a poll).
    pub plenary: bool,
    pub for_: Option<u32>,
    pub against: Option<u32>,
    pub abstained: Option<u32>,
    pub unanimous: bool,
    pub majority: bool,
    /// Other sources reporting the same figures.
    pub corroborated_by: Vec<Source>,
    pub source: Source,
}

impl VoteView {
    /// Votes cast including abstentions, when any figure is known.
    pub fn cast(&self) -> Option<u32> {
        let parts = [self.for_, self.against, self.abstained];
        parts
            .iter()
            .any(Option::is_some)
            .then(|| crate::model::sum(parts.iter().flatten().copied()))
    }
}

/// One event's column.
#[derive(Debug, Clone, PartialEq)]
pub struct EventView {
    pub id: String,
    /// "Second All-Russian Congress of Soviets".
    pub name: String,
    /// "2nd Congress": short enough for an axis label.
    pub short: String,
    pub start: Option<Dated>,
    pub end: Option<Dated>,
    /// The stated number of delegates the shares are taken of: full-vote
    /// delegates when the faction breakdown is of those, else the total.
    pub total: Option<Figure>,
    /// What `total` counts: "delegates with full vote", "delegates".
    pub total_label: String,
    /// Additive faction counts in stacking order (parts are not segments).
    pub segments: Vec<Segment>,
    /// Said when there is something a reader must know, e.g. no breakdown.
    pub note: Option<String>,
    /// From a document the user added on the page.
    pub user_added: bool,
    pub votes: Vec<VoteView>,
    /// What else the sources disagree on (faction counts aside, which
    /// carry their alternatives): "end date", "soviets represented".
    pub disputed: Vec<String>,
}

impl EventView {
    /// Sum of the drawn faction counts.
    pub fn faction_sum(&self) -> u32 {
        crate::model::sum(self.segments.iter().map(Segment::count))
    }

    /// Delegates in the stated total not accounted for by any faction.
    pub fn remainder(&self) -> Option<u32> {
        let total = self.total.as_ref()?.value;
        total.checked_sub(self.faction_sum()).filter(|r| *r > 0)
    }

    /// What shares are taken of: the stated total, or the faction sum if it
    /// is larger (or no total is stated).
    pub fn share_base(&self) -> u32 {
        let sum = self.faction_sum();
        self.total.as_ref().map_or(sum, |t| t.value.max(sum))
    }

    /// `count` as a fraction of [`EventView::share_base`].
    pub fn share(&self, count: u32) -> Option<f64> {
        let base = self.share_base();
        (base > 0).then(|| f64::from(count) / f64::from(base))
    }

    /// "25–27 Oct (7–9 Nov) 1917" with `lead` style first.
    pub fn date_label(&self, lead: Style) -> String {
        crate::calendar::range_label(self.start.as_ref(), self.end.as_ref(), lead)
    }
}

/// Everything the charts draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Chronological.
    pub events: Vec<EventView>,
}

impl Dataset {
    /// Factions that have a segment in any event, in stacking order.
    pub fn factions(&self) -> Vec<Faction> {
        let present = |f: &Faction| {
            self.events
                .iter()
                .any(|e| e.segments.iter().any(|s| s.faction == *f))
        };
        Faction::ALL.into_iter().filter(present).collect()
    }
}
