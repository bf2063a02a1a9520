//! The typed facts a document yields, each tied to the sentence it came from.
//!
//! These are plain data: the parser fills them, the analysis merges them
//! across documents, the report and the charts read them.

use crate::calendar::Dated;
use crate::factions::Faction;

/// Sum of counts, saturating: figures from hostile input can be as large as
/// `u32::MAX`, and a sum must not overflow.
pub fn sum(counts: impl IntoIterator<Item = u32>) -> u32 {
    counts.into_iter().fold(0, u32::saturating_add)
}

/// Exact sum of counts, for arithmetic checks: a `u64` holds the sum of
/// any number of `u32` counts a text can state.
pub fn total(counts: impl IntoIterator<Item = u32>) -> u64 {
    counts.into_iter().map(u64::from).sum()
}

/// Sorts `items` by a `u32` key, keeping equal keys in their order.
///
/// Every sort in the crate goes through here, so the wasm build carries one
/// sort routine ([`sort_u64`]) rather than one per element type; clippy.toml
/// forbids the slice sorts everywhere else.
pub fn sort_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> u32) -> Vec<T> {
    let mut keys: Vec<u64> = items
        .iter()
        .enumerate()
        .map(|(i, t)| u64::from(key(t)) << 32 | i as u64)
        .collect();
    sort_u64(&mut keys);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.into_iter()
        .filter_map(|k| {
            slots
                .get_mut((k & 0xFFFF_FFFF) as usize)
                .and_then(Option::take)
        })
        .collect()
}

/// Sorts `v` ascending. A heapsort: O(n log n) like std's sorts, and a
/// few hundred bytes of wasm where `sort_unstable` brings several KB of
/// sorting networks and partitions. The crate's one sort routine.
pub fn sort_u64(v: &mut [u64]) {
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Moves `v[root]` down the max-heap `v[..end]` to where it belongs.
fn sift_down(v: &mut [u64], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v[child] < v[child + 1] {
            child += 1;
        }
        if v[root] >= v[child] {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

/// A document's number in its [`crate::Corpus`]: given when it is added,
/// in increasing order, and never reused, so removing a document leaves the
/// others' facts as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DocId(pub u32);

/// Where a fact came from: a byte range of a document's text. The range is
/// the sentence the fact was read from, or, in a sentence longer than
/// [`MAX_QUOTE`] bytes, the piece of it (cut at word boundaries) that holds
/// the fact's words; the cut ends are flagged, and [`Span::cited`] marks them
/// with "…".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The document, in its [`crate::Corpus`] (`DocId(0)` for a lone parse).
    pub doc: DocId,
    pub start: usize,
    pub end: usize,
    /// The sentence goes on before `start`.
    pub cut_start: bool,
    /// The sentence goes on after `end`.
    pub cut_end: bool,
}

/// Longest quote, in bytes, before the "…" marks of a cut sentence.
pub const MAX_QUOTE: usize = 600;

impl Span {
    /// A whole sentence (not cut) from `start` to `end`.
    pub fn new(doc: DocId, start: usize, end: usize) -> Span {
        Span {
            doc,
            start,
            end,
            cut_start: false,
            cut_end: false,
        }
    }

    /// The quoted text, `text[start..end]`, or "" if the span does not fit
    /// `text`.
    pub fn quote(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The quote as shown to readers: [`Span::quote`] with "…" before it
    /// when the sentence was cut before it, and after it when cut after it.
    pub fn cited(self, text: &str) -> String {
        let q = self.quote(text);
        let mut out = String::with_capacity(q.len() + 8);
        if self.cut_start {
            out.push_str("… ");
        }
        out.push_str(q);
        if self.cut_end {
            out.push_str(" …");
        }
        out
    }
}

/// What kind of gathering an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// All-Russian Congress of Soviets (of Workers' and Soldiers' Deputies).
    CongressOfSoviets,
    /// All-Russian Conference of Soviets.
    ConferenceOfSoviets,
    /// All-Russian Congress of Peasants' Deputies.
    PeasantsCongress,
    /// All-Ukrainian Congress of Soviets.
    UkrainianCongress,
    /// A party congress or conference (e.g. of the RSDLP(b)).
    PartyConference,
    /// Any other congress or conference a text names.
    Other,
}

impl EventKind {
    /// Name used in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::CongressOfSoviets => "congress-of-soviets",
            EventKind::ConferenceOfSoviets => "conference-of-soviets",
            EventKind::PeasantsCongress => "peasants-congress",
            EventKind::UkrainianCongress => "ukrainian-congress",
            EventKind::PartyConference => "party-conference",
            EventKind::Other => "other",
        }
    }
}

/// A statement of how many delegates there were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DelegateKind {
    /// All delegates.
    Total,
    /// With a full (decisive, casting) vote.
    FullVote,
    /// With a consultative voice only.
    Consultative,
    /// Delegates who answered a questionnaire.
    Questionnaire,
}

impl DelegateKind {
    pub fn label(self) -> &'static str {
        match self {
            DelegateKind::Total => "total",
            DelegateKind::FullVote => "full vote",
            DelegateKind::Consultative => "consultative voice",
            DelegateKind::Questionnaire => "filled in questionnaires",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegateCount {
    pub kind: DelegateKind,
    pub count: u32,
    pub approximate: bool,
    pub src: Span,
}

/// One line of the make-up of representation: "305 local soviets (610 deputies)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Represented {
    /// How many bodies.
    pub count: u32,
    /// What they are, as written: "local soviets".
    pub unit: String,
    /// Whether the bodies are soviets (as opposed to army units, organisations).
    pub soviets: bool,
    /// Deputies sent by them, when stated.
    pub deputies: Option<u32>,
    pub approximate: bool,
    /// Whether this line is part of a breakdown (several lines in one list)
    /// rather than a stated total.
    pub itemised: bool,
    pub src: Span,
}

/// When in the life of an event a count holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// At the opening, or not said (the usual composition figure).
    Opening,
    /// A later change during the event ("increased to 472").
    Later,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Opening => "opening",
            Stage::Later => "later",
        }
    }
}

/// A part of a faction's count: "(20 sympathetic to this party)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubCount {
    pub count: u32,
    /// What the part is, as written: "sympathetic to this party".
    pub what: String,
    pub approximate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactionCount {
    pub faction: Faction,
    pub count: u32,
    pub approximate: bool,
    pub stage: Stage,
    /// Set when this count is a part of another faction's count, as in
    /// "160 Socialist-Revolutionaries (about 100 were Left SRs)": such a
    /// count is kept but not added to sums.
    pub part_of: Option<Faction>,
    /// Which delegates the breakdown counts ("to which parties delegates
    /// with the full vote belonged" counts [`DelegateKind::FullVote`]).
    pub base: DelegateKind,
    pub subcounts: Vec<SubCount>,
    pub src: Span,
}

/// An elected body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BodyKind {
    CentralExecutiveCommittee,
    Presidium,
    CouncilOfPeoplesCommissars,
}

impl BodyKind {
    pub fn name(self) -> &'static str {
        match self {
            BodyKind::CentralExecutiveCommittee => "Central Executive Committee",
            BodyKind::Presidium => "Presidium",
            BodyKind::CouncilOfPeoplesCommissars => "Council of People's Commissars",
        }
    }
    /// Key used in the JSON report.
    pub fn key(self) -> &'static str {
        match self {
            BodyKind::CentralExecutiveCommittee => "central_executive_committee",
            BodyKind::Presidium => "presidium",
            BodyKind::CouncilOfPeoplesCommissars => "council_of_peoples_commissars",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub faction: Faction,
    pub count: u32,
    pub approximate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub kind: BodyKind,
    /// Stated number of members.
    pub members: Option<u32>,
    /// Stated number of alternate (candidate) members.
    pub alternates: Option<u32>,
    pub factions: Vec<Member>,
    /// Whether the text says the body was made up "solely" of one faction.
    pub solely: Option<Faction>,
    pub src: Span,
}

/// Who cast a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VotingBody {
    /// The congress or conference in full session.
    Plenary,
    /// A faction meeting on its own: its vote is not the assembly's.
    Caucus(Faction),
    /// A written poll of delegates.
    Questionnaire,
}

impl VotingBody {
    /// "plenary", "questionnaire", or "caucus of" and the faction's name.
    pub fn label(self) -> String {
        match self {
            VotingBody::Plenary => "plenary".into(),
            VotingBody::Questionnaire => "questionnaire".into(),
            VotingBody::Caucus(f) => format!("caucus of {}", f.name()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Adopted,
    Rejected,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::Rejected => "rejected",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    /// What was voted on, as written.
    pub motion: String,
    pub body: VotingBody,
    pub for_: Option<u32>,
    pub against: Option<u32>,
    /// Abstentions or delegates not voting.
    pub abstained: Option<u32>,
    pub unanimous: bool,
    /// "by a majority vote", with no figures.
    pub majority: bool,
    pub outcome: Option<Outcome>,
    pub date: Option<Dated>,
    pub src: Span,
}

/// A date attached to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFact {
    pub date: Dated,
    pub src: Span,
}

/// Everything one document says about one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFacts {
    /// Stable id, e.g. `congress-of-soviets-2`.
    pub id: String,
    /// Display name, e.g. "Second All-Russian Congress of Soviets".
    pub name: String,
    pub kind: EventKind,
    pub ordinal: Option<u32>,
    /// Where the text names the event.
    pub named_at: Span,
    pub starts: Vec<DateFact>,
    pub ends: Vec<DateFact>,
    /// Other dates mentioned for the event (sittings, reports).
    pub dates: Vec<DateFact>,
    pub place: Option<String>,
    pub delegates: Vec<DelegateCount>,
    pub represented: Vec<Represented>,
    pub factions: Vec<FactionCount>,
    pub bodies: Vec<Body>,
    pub votes: Vec<Vote>,
}

impl EventFacts {
    /// Whether the text says anything about the event beyond its name and
    /// place: a date, a count, a body or a vote.
    pub fn has_facts(&self) -> bool {
        !(self.starts.is_empty()
            && self.ends.is_empty()
            && self.dates.is_empty()
            && self.delegates.is_empty()
            && self.represented.is_empty()
            && self.factions.is_empty()
            && self.bodies.is_empty()
            && self.votes.is_empty())
    }
}

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Input the parser could not use at all.
    Error,
    /// Something read but not placed, or a doubtful reading.
    Warning,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// Something the parser noticed but could not turn into a fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub level: Level,
    pub message: String,
    /// Where, if it concerns a place in the text.
    pub src: Option<Span>,
}

/// The front matter or first lines of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    pub title: Option<String>,
    /// Author or original source, as given.
    pub origin: Option<String>,
}

/// The result of parsing one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    pub meta: DocMeta,
    pub events: Vec<EventFacts>,
    pub warnings: Vec<Warning>,
}

#[cfg(test)]
mod tests {
    #[test]
    #[allow(clippy::disallowed_methods)]
    fn the_heapsort_sorts_like_std() {
        // A small linear congruential generator: many lengths, duplicates,
        // sorted and reversed runs.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for n in 0..200usize {
            let mut v: Vec<u64> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    match n % 4 {
                        0 => x >> 60,
                        1 => i as u64,
                        2 => (n - i) as u64,
                        _ => x,
                    }
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            super::sort_u64(&mut v);
            assert_eq!(v, want, "length {n}");
        }
        let stable = super::sort_by_key(vec![(3, 'a'), (1, 'b'), (3, 'c'), (1, 'd')], |p| p.0);
        assert_eq!(stable, [(1, 'b'), (1, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn naming_an_event_is_not_a_fact_about_it() {
        let named = crate::parse(
            "The Second All-Russian Congress of Soviets is still remembered.",
            super::DocId(0),
        );
        assert_eq!(named.events.len(), 1);
        assert!(!named.events[0].has_facts());
        let counted = crate::parse(
            "The Second All-Russian Congress of Soviets had 649 delegates.",
            super::DocId(0),
        );
        assert!(counted.events.iter().any(super::EventFacts::has_facts));
    }

    #[test]
    fn sort_by_key_is_stable() {
        let v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        let sorted = super::sort_by_key(v, |(k, _)| *k);
        assert_eq!(
            sorted,
            vec![(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]
        );
        assert_eq!(super::sum([u32::MAX, 5]), u32::MAX);
        assert_eq!(super::total([u32::MAX, 5]), 4_294_967_300);
    }
}
