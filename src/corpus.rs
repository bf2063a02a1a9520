//! A set of documents read together: facts merged per event across
//! documents, disagreements kept as [`Conflict`]s, arithmetic gaps kept as
//! [`Check`]s, and the chart-ready [`Dataset`].
//!
//! Nothing is smoothed over: when sources disagree, every value stays with
//! its source, and the dataset draws one of them by a stated rule (see
//! [`Corpus::dataset`]) while listing the others as alternatives.

use crate::calendar::{Dated, Style};
use crate::dataset::{Dataset, EventView, Figure, Segment, Source, VoteView};
use crate::factions::Faction;
use crate::model::{
    DateFact, DelegateKind, EventFacts, Extraction, FactionCount, Span, Stage, Vote, VotingBody,
};

/// One document in the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// File name or path as given, or a name for a pasted text.
    pub name: String,
    pub text: String,
    /// Added by the user on the page (not a seed).
    pub user_added: bool,
    pub extraction: Extraction,
}

/// Where a document comes from, which the charts show: a reader's own
/// documents are marked "(yours)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A source text: a seed, or a file given to `extract`.
    Source,
    /// Added by the reader on the page.
    Reader,
}

/// One value in a conflict, with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictValue {
    pub value: String,
    pub doc: usize,
    pub source: String,
    pub quote: String,
    /// Where the quote is: its byte range in the document's text.
    pub at: (usize, usize),
    /// Context a reader needs, e.g. "this source also gives 14 for United Internationalists".
    pub note: Option<String>,
}

/// Sources (or sentences) that disagree about one fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub event: String,
    pub event_name: String,
    /// What the fact is: "Menshevik-Internationalists (opening)", "end date".
    pub what: String,
    /// The faction concerned, for faction counts.
    pub faction: Option<Faction>,
    pub values: Vec<ConflictValue>,
}

/// What an arithmetic check adds up, and so what its remainder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckKind {
    /// Faction counts against the delegates their breakdown is of.
    FactionSum,
    /// A plenary vote's figures against the delegates entitled to vote.
    VotesCast,
    /// Deputies of the represented bodies against the delegates.
    Deputies,
    /// An elected body's members by faction against its size.
    BodyMembers,
    /// Questionnaire answers against the forms filled in.
    Questionnaire,
    /// Full vote and consultative voice against the total.
    VoteAndVoice,
}

impl CheckKind {
    /// What the remainder of such a check is: "35 not assigned to any faction".
    pub fn gap(self) -> &'static str {
        match self {
            CheckKind::FactionSum => "not assigned to any faction",
            CheckKind::VotesCast => "not recorded as voting",
            CheckKind::Questionnaire => "gave another answer",
            CheckKind::BodyMembers => "of no faction named",
            CheckKind::Deputies | CheckKind::VoteAndVoice => "unaccounted",
        }
    }
}

/// An arithmetic check: a stated figure against what its parts add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub event: String,
    pub event_name: String,
    pub kind: CheckKind,
    /// "faction sum against delegates with full vote".
    pub what: String,
    pub stated: u32,
    /// The exact sum of the parts (never clamped, so the remainder is true).
    pub computed: u64,
    /// `stated - computed`: what the parts leave unaccounted (negative: they exceed it).
    pub remainder: i64,
    /// The parts, e.g. "285 + 248 + 105 + 111".
    pub detail: String,
    pub source: String,
    pub quote: String,
    /// The quote's document (an index) and byte range.
    pub at: Span,
}

/// All documents, with their facts merged per event.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    docs: Vec<Doc>,
    conflicts: Vec<Conflict>,
    checks: Vec<Check>,
}

impl Corpus {
    /// The five seed documents, with their pre-read facts (see
    /// [`crate::seeds`]).
    pub fn seeds() -> Corpus {
        let mut c = Corpus::default();
        for ((name, text), extraction) in
            crate::seeds::SEEDS.iter().zip(crate::seeds::extractions())
        {
            c.docs.push(Doc {
                name: name.to_string(),
                text: text.to_string(),
                user_added: false,
                extraction,
            });
        }
        c.analyse();
        c
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
    fn push(&mut self, name: &str, text: &str, origin: Origin) -> usize {
        let doc = self.docs.len();
        self.docs.push(Doc {
            name: name.to_string(),
            text: text.to_string(),
            user_added: origin == Origin::Reader,
            extraction: crate::parse(text, doc),
        });
        doc
    }

    /// Adds and parses a document; returns its index. Not in the page's
    /// module, which gets its documents parsed by the worker
    /// ([`Corpus::add_parsed`]).
    #[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
    pub fn add(&mut self, name: &str, text: &str, origin: Origin) -> usize {
        let doc = self.push(name, text, origin);
        self.analyse();
        doc
    }

    /// Adds a document parsed elsewhere (the page parses in a worker); its
    /// spans must already name the index it gets, `documents().len()`.
    pub fn add_parsed(
        &mut self,
        name: &str,
        text: &str,
        origin: Origin,
        extraction: Extraction,
    ) -> usize {
        let doc = self.docs.len();
        self.docs.push(Doc {
            name: name.to_string(),
            text: text.to_string(),
            user_added: origin == Origin::Reader,
            extraction,
        });
        self.analyse();
        doc
    }

    /// Removes a document; later documents move down by one.
    pub fn remove(&mut self, doc: usize) -> Option<Doc> {
        if doc >= self.docs.len() {
            return None;
        }
        let removed = self.docs.remove(doc);
        // Spans carry their document's index: relabel the later ones (the
        // codec writes an extraction without it and reads it back under a
        // new one), which is linear in the facts, not in the text.
        for (i, d) in self.docs.iter_mut().enumerate().skip(doc) {
            // Decoding what `encode` wrote does not fail (codec's round-trip
            // tests); the page's module has no parser to fall back on.
            let bytes = crate::codec::encode(&d.extraction);
            if let Some(x) = crate::codec::decode(&bytes, i) {
                d.extraction = x;
            }
        }
        self.analyse();
        Some(removed)
    }

    pub fn documents(&self) -> &[Doc] {
        &self.docs
    }

    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// The quote a span points at.
    pub fn quote(&self, span: Span) -> &str {
        self.docs.get(span.doc).map_or("", |d| span.quote(&d.text))
    }

    /// The quote as shown to readers, "…" marking a cut sentence
    /// ([`Span::cited`]).
    pub fn cited(&self, span: Span) -> String {
        self.docs
            .get(span.doc)
            .map_or_else(String::new, |d| span.cited(&d.text))
    }

    fn source(&self, span: Span) -> Source {
        Source {
            doc: span.doc,
            doc_name: self
                .docs
                .get(span.doc)
                .map_or_else(String::new, |d| d.name.clone()),
            start: span.start,
            end: span.end,
            quote: self.cited(span),
        }
    }

    /// Every document's facts about each event, by event id, in order of first mention.
    ///
    /// A linear search per event is enough: the parser keeps at most
    /// [`crate::parse::MAX_EVENTS`] events per document.
    pub fn events(&self) -> Vec<(String, Vec<&EventFacts>)> {
        let mut out: Vec<(String, Vec<&EventFacts>)> = Vec::new();
        for d in &self.docs {
            for e in &d.extraction.events {
                match out.iter_mut().find(|(id, _)| *id == e.id) {
                    Some((_, facts)) => facts.push(e),
                    None => out.push((e.id.clone(), vec![e])),
                }
            }
        }
        out
    }

    fn analyse(&mut self) {
        let mut conflicts = Vec::new();
        let mut checks = Vec::new();
        for (id, facts) in self.events() {
            let name = facts.first().map_or_else(String::new, |e| e.name.clone());
            self.faction_conflicts(&id, &name, &facts, &mut conflicts);
            self.date_conflicts(&id, &name, &facts, &mut conflicts);
            self.count_conflicts(&id, &name, &facts, &mut conflicts);
            self.arithmetic(&id, &name, &facts, &mut checks);
        }
        // One value per source: a text repeating its figure says it once.
        for c in &mut conflicts {
            c.values = first_of_each(std::mem::take(&mut c.values));
        }
        self.conflicts = conflicts;
        // One check per sum and source: a repeated text adds nothing.
        let mut kept: Vec<Check> = Vec::new();
        for c in checks {
            let same = |k: &Check| {
                (k.at.doc, k.stated, &k.event, &k.what, &k.detail)
                    == (c.at.doc, c.stated, &c.event, &c.what, &c.detail)
            };
            if !kept.iter().any(same) {
                kept.push(c);
            }
        }
        self.checks = kept;
    }

    fn value(&self, value: String, span: Span, note: Option<String>) -> ConflictValue {
        ConflictValue {
            value,
            doc: span.doc,
            source: self
                .docs
                .get(span.doc)
                .map_or_else(String::new, |d| d.name.clone()),
            quote: self.cited(span),
            at: (span.start, span.end),
            note,
        }
    }

    fn faction_conflicts(
        &self,
        id: &str,
        name: &str,
        facts: &[&EventFacts],
        out: &mut Vec<Conflict>,
    ) {
        // Groups by (faction, stage, part of): a handful of keys at most.
        type Key = (Faction, Stage, Option<Faction>);
        let mut groups: Vec<(Key, Vec<&FactionCount>)> = Vec::new();
        for f in facts.iter().flat_map(|e| &e.factions) {
            let key = (f.faction, f.stage, f.part_of);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, counts)) => counts.push(f),
                None => groups.push((key, vec![f])),
            }
        }
        for ((faction, stage, _), counts) in groups {
            let values = distinct(counts.iter().map(|c| u64::from(c.count)));
            if values.len() < 2 {
                continue;
            }
            // Per document, in order, the first count of another faction
            // that is one of `values`, and the first after it with another
            // count: a count's note is the first of the two that differs
            // from it. One pass, so a text with thousands of counts stays
            // linear.
            let mut firsts: Vec<(usize, &FactionCount, Option<&FactionCount>)> = Vec::new();
            for o in facts.iter().flat_map(|e| &e.factions) {
                if o.faction == faction || values.binary_search(&u64::from(o.count)).is_err() {
                    continue;
                }
                match firsts.iter_mut().find(|(d, ..)| *d == o.src.doc) {
                    None => firsts.push((o.src.doc, o, None)),
                    Some((_, a, b @ None)) if a.count != o.count => *b = Some(o),
                    Some(_) => {}
                }
            }
            let stage = match stage {
                Stage::Opening => "",
                Stage::Later => " (later in the event)",
            };
            let entries = counts
                .iter()
                .map(|c| {
                    // Does this source give one of the other values to another faction?
                    let note = firsts
                        .iter()
                        .find(|(d, ..)| *d == c.src.doc)
                        .and_then(|(_, a, b)| if a.count != c.count { Some(*a) } else { *b })
                        .map(|o| {
                            format!(
                                "this source also gives {} for {}",
                                o.count,
                                o.faction.name()
                            )
                        });
                    self.value(c.count.to_string(), c.src, note)
                })
                .collect();
            out.push(Conflict {
                event: id.to_string(),
                event_name: name.to_string(),
                what: format!("{}{stage}", faction.name()),
                faction: Some(faction),
                values: entries,
            });
        }
    }

    fn date_conflicts(&self, id: &str, name: &str, facts: &[&EventFacts], out: &mut Vec<Conflict>) {
        for (what, pick) in [
            (
                "start date",
                (|e: &EventFacts| e.starts.clone()) as fn(&EventFacts) -> Vec<DateFact>,
            ),
            ("end date", |e: &EventFacts| e.ends.clone()),
        ] {
            let all: Vec<DateFact> = facts.iter().flat_map(|e| pick(e)).collect();
            // One entry per value and source.
            let day = |d: &DateFact| {
                let w = d.date.written;
                (d.src.doc as u32).wrapping_mul(0x9e37_79b9)
                    ^ (w.year as u32).wrapping_mul(0x0100_0193)
                    ^ u32::from(w.month) << 8
                    ^ u32::from(w.day)
            };
            let all = first_of_each_by(all, day, |a, b| (a.src.doc, a.date) == (b.src.doc, b.date));
            let disagree = all
                .iter()
                .enumerate()
                .any(|(i, a)| all[i + 1..].iter().any(|b| !a.date.may_equal(&b.date)));
            if disagree {
                out.push(Conflict {
                    event: id.to_string(),
                    event_name: name.to_string(),
                    what: what.to_string(),
                    faction: None,
                    values: all
                        .iter()
                        .map(|d| self.value(d.date.label(Style::Old), d.src, None))
                        .collect(),
                });
            }
        }
    }

    /// Delegate totals, soviets represented, and body sizes that differ.
    fn count_conflicts(
        &self,
        id: &str,
        name: &str,
        facts: &[&EventFacts],
        out: &mut Vec<Conflict>,
    ) {
        let mut push = |what: String, values: Vec<ConflictValue>| {
            let differ = values.iter().any(|v| v.value != values[0].value);
            if differ {
                out.push(Conflict {
                    event: id.to_string(),
                    event_name: name.to_string(),
                    what,
                    faction: None,
                    values,
                });
            }
        };
        for kind in [
            DelegateKind::Total,
            DelegateKind::FullVote,
            DelegateKind::Consultative,
        ] {
            let values = facts
                .iter()
                .flat_map(|e| &e.delegates)
                .filter(|d| d.kind == kind)
                .map(|d| self.value(d.count.to_string(), d.src, None))
                .collect();
            push(format!("delegates ({})", kind.label()), values);
        }
        // Soviets represented: stated totals against itemised breakdowns.
        let mut values = Vec::new();
        for e in facts {
            for r in e.represented.iter().filter(|r| r.soviets && !r.itemised) {
                values.push(self.value(r.count.to_string(), r.src, None));
            }
            let listed: Vec<_> = e
                .represented
                .iter()
                .filter(|r| r.soviets && r.itemised)
                .collect();
            if let Some(first) = listed.first() {
                let sum = crate::model::total(listed.iter().map(|r| r.count));
                let parts: Vec<String> = listed.iter().map(|r| r.count.to_string()).collect();
                values.push(self.value(
                    sum.to_string(),
                    first.src,
                    Some(format!("sum of the soviets listed: {}", parts.join(" + "))),
                ));
            }
        }
        push("soviets represented".to_string(), values);
        for kind in [
            crate::model::BodyKind::CentralExecutiveCommittee,
            crate::model::BodyKind::Presidium,
        ] {
            let values = facts
                .iter()
                .flat_map(|e| &e.bodies)
                .filter(|b| b.kind == kind)
                .filter_map(|b| b.members.map(|m| self.value(m.to_string(), b.src, None)))
                .collect();
            push(format!("{} members", kind.name()), values);
        }
    }

    fn arithmetic(&self, id: &str, name: &str, facts: &[&EventFacts], out: &mut Vec<Check>) {
        let mut check = |kind: CheckKind, what: String, stated: u32, parts: &[u32], src: Span| {
            let computed = crate::model::total(parts.iter().copied());
            out.push(Check {
                event: id.to_string(),
                event_name: name.to_string(),
                kind,
                what,
                stated,
                computed,
                remainder: i64::from(stated) - i64::try_from(computed).unwrap_or(i64::MAX),
                detail: parts
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(" + "),
                source: self
                    .docs
                    .get(src.doc)
                    .map_or_else(String::new, |d| d.name.clone()),
                quote: self.cited(src),
                at: src,
            });
        };
        let stated = |kind: DelegateKind| {
            facts
                .iter()
                .flat_map(|e| &e.delegates)
                .find(|d| d.kind == kind)
        };
        // The same vote reported by several sources is checked once, under
        // its most descriptive motion (the last of equals): one pass, so a
        // text repeating a vote thousands of times stays linear.
        let mut best: Vec<&Vote> = Vec::new();
        let key = |v: &Vote| (v.body, v.for_, v.against, v.abstained);
        for o in facts.iter().flat_map(|x| &x.votes) {
            match best.iter_mut().find(|b| key(b) == key(o)) {
                Some(b) if motion_rank(&o.motion) >= motion_rank(&b.motion) => *b = o,
                Some(_) => {}
                None => best.push(o),
            }
        }
        for e in facts {
            // Faction sum against the total the breakdown is of.
            let opening: Vec<&FactionCount> = e
                .factions
                .iter()
                .filter(|f| f.stage == Stage::Opening && f.part_of.is_none())
                .collect();
            if let Some(first) = opening.first() {
                let base = first.base;
                let total = facts
                    .iter()
                    .flat_map(|x| &x.delegates)
                    .find(|d| d.kind == base && d.src.doc == first.src.doc)
                    .or_else(|| stated(base));
                if let Some(t) = total {
                    let parts: Vec<u32> = opening.iter().map(|f| f.count).collect();
                    check(
                        CheckKind::FactionSum,
                        format!("faction sum against delegates ({})", base.label()),
                        t.count,
                        &parts,
                        first.src,
                    );
                }
            }
            // Votes cast against the delegates entitled to vote.
            let voters = stated(DelegateKind::FullVote).or_else(|| stated(DelegateKind::Total));
            for v in e
                .votes
                .iter()
                .filter(|v| v.body == VotingBody::Plenary && v.for_.is_some())
            {
                let parts: Vec<u32> = [v.for_, v.against, v.abstained]
                    .into_iter()
                    .flatten()
                    .collect();
                let seen = !best.iter().any(|b| std::ptr::eq(*b, v));
                if let (Some(t), true, false) = (voters, parts.len() >= 2, seen) {
                    check(
                        CheckKind::VotesCast,
                        format!(
                            "votes cast ({}) against delegates ({})",
                            v.motion,
                            t.kind.label()
                        ),
                        t.count,
                        &parts,
                        v.src,
                    );
                }
            }
            // Deputies of the represented bodies against the delegates.
            let deputies: Vec<u32> = e.represented.iter().filter_map(|r| r.deputies).collect();
            if deputies.len() >= 2 {
                if let Some(t) =
                    stated(DelegateKind::FullVote).or_else(|| stated(DelegateKind::Total))
                {
                    check(
                        CheckKind::Deputies,
                        format!(
                            "deputies of the represented bodies against delegates ({})",
                            t.kind.label()
                        ),
                        t.count,
                        &deputies,
                        e.represented[0].src,
                    );
                }
            }
            // Body members by faction against the body's size.
            for b in &e.bodies {
                if let (Some(m), false) = (b.members, b.factions.is_empty()) {
                    let parts: Vec<u32> = b.factions.iter().map(|f| f.count).collect();
                    check(
                        CheckKind::BodyMembers,
                        format!("{} members by faction", b.kind.name()),
                        m,
                        &parts,
                        b.src,
                    );
                }
            }
            // Questionnaire answers against forms filled in.
            if let Some(q) = e
                .delegates
                .iter()
                .find(|d| d.kind == DelegateKind::Questionnaire)
            {
                for v in e
                    .votes
                    .iter()
                    .filter(|v| v.body == VotingBody::Questionnaire)
                {
                    let parts: Vec<u32> = [v.for_, v.against, v.abstained]
                        .into_iter()
                        .flatten()
                        .collect();
                    check(
                        CheckKind::Questionnaire,
                        format!("questionnaire answers for {}", v.motion),
                        q.count,
                        &parts,
                        v.src,
                    );
                }
            }
        }
        // Full vote and consultative voice against the total.
        if let (Some(t), Some(f), Some(c)) = (
            stated(DelegateKind::Total),
            stated(DelegateKind::FullVote),
            stated(DelegateKind::Consultative),
        ) {
            check(
                CheckKind::VoteAndVoice,
                "full vote and consultative voice against the total".into(),
                t.count,
                &[f.count, c.count],
                t.src,
            );
        }
    }

    /// The chart-ready view, drawing each event's faction breakdown from the
    /// default source: the document whose breakdown accounts for the most
    /// delegates (ties: the earlier document). Other sources' figures are
    /// kept as alternatives.
    pub fn dataset(&self) -> Dataset {
        self.dataset_preferring(None)
    }

    /// As [`Corpus::dataset`], but where document `prefer` has a faction
    /// breakdown for an event, its figures drive the chart.
    pub fn dataset_preferring(&self, prefer: Option<usize>) -> Dataset {
        let mut views: Vec<(u32, EventView)> = Vec::new();
        for (id, facts) in self.events() {
            if let Some(view) = self.event_view(&id, &facts, prefer) {
                // Chronological by Julian day; undated events last, in order of mention.
                let day = view.start.as_ref().map_or(u32::MAX, |d| {
                    u32::try_from(sort_key(d)).unwrap_or(u32::MAX - 1)
                });
                views.push((day, view));
            }
        }
        Dataset {
            events: crate::model::sort_by_key(views, |(day, _)| *day)
                .into_iter()
                .map(|(_, v)| v)
                .collect(),
        }
    }

    /// The elected bodies whose make-up by faction some source gives, in
    /// [`crate::model::BodyKind`] order: what the seat chart can show
    /// besides the delegates.
    pub fn bodies(&self) -> Vec<crate::model::BodyKind> {
        use crate::model::BodyKind;
        let given = |k: BodyKind| {
            self.docs
                .iter()
                .flat_map(|d| &d.extraction.events)
                .flat_map(|e| &e.bodies)
                .any(|b| b.kind == k && !b.factions.is_empty())
        };
        [
            BodyKind::CentralExecutiveCommittee,
            BodyKind::Presidium,
            BodyKind::CouncilOfPeoplesCommissars,
        ]
        .into_iter()
        .filter(|k| given(*k))
        .collect()
    }

    /// As [`Corpus::dataset_preferring`], but each column is the make-up of
    /// the body `kind` the event elected instead of its delegates: the
    /// members by faction, the stated size as the total (so the members no
    /// faction accounts for are the remainder), every figure sourced to the
    /// sentence giving the body. Only events some source gives that make-up
    /// for, in date order; where several do, document `prefer`'s, else the
    /// one accounting for the most members.
    pub fn body_dataset(&self, kind: crate::model::BodyKind, prefer: Option<usize>) -> Dataset {
        let all = self.dataset_preferring(prefer);
        let events = self.events();
        let mut out = Vec::new();
        for view in all.events {
            let Some((_, facts)) = events.iter().find(|(id, _)| *id == view.id) else {
                continue;
            };
            let body = facts
                .iter()
                .flat_map(|e| &e.bodies)
                .filter(|b| b.kind == kind && !b.factions.is_empty())
                .max_by_key(|b| {
                    (
                        Some(b.src.doc) == prefer,
                        crate::model::sum(b.factions.iter().map(|m| m.count)),
                        std::cmp::Reverse(b.src.doc),
                    )
                });
            let Some(b) = body else { continue };
            // In stacking order, the first count of each faction.
            let segments: Vec<Segment> = Faction::ALL
                .into_iter()
                .filter_map(|f| b.factions.iter().find(|m| m.faction == f))
                .map(|m| Segment {
                    faction: m.faction,
                    figure: self.figure(m.count, m.approximate, b.src),
                    alternatives: Vec::new(),
                    parts: Vec::new(),
                    later: Vec::new(),
                })
                .collect();
            out.push(EventView {
                name: format!("{}: {}", view.name, kind.name()),
                total: b.members.map(|n| self.figure(n, false, b.src)),
                total_label: format!("members of the {}", kind.name()),
                segments,
                note: None,
                votes: Vec::new(),
                disputed: Vec::new(),
                ..view
            });
        }
        Dataset { events: out }
    }

    fn figure(&self, value: u32, approximate: bool, span: Span) -> Figure {
        Figure {
            value,
            approximate,
            source: self.source(span),
        }
    }

    fn event_view(
        &self,
        id: &str,
        facts: &[&EventFacts],
        prefer: Option<usize>,
    ) -> Option<EventView> {
        let first = facts.first()?;
        // A source's breakdown: its first opening count for each faction
        // (a restatement later in the same text adds nothing).
        // In stacking order, as the faction enum is.
        let opening = |doc: usize| -> Vec<&FactionCount> {
            let mut seen: [Option<&FactionCount>; Faction::ALL.len()] = [None; Faction::ALL.len()];
            for f in facts.iter().flat_map(|e| &e.factions) {
                if f.src.doc == doc && f.stage == Stage::Opening && f.part_of.is_none() {
                    seen[f.faction as usize].get_or_insert(f);
                }
            }
            seen.into_iter().flatten().collect()
        };
        let mut docs: Vec<usize> = Vec::new();
        for d in facts
            .iter()
            .flat_map(|e| e.factions.iter().map(|f| f.src.doc))
        {
            if !docs.contains(&d) {
                docs.push(d);
            }
        }
        let chosen = prefer.filter(|p| docs.contains(p)).or_else(|| {
            docs.iter().copied().max_by_key(|d| {
                (
                    crate::model::sum(opening(*d).iter().map(|f| f.count)),
                    std::cmp::Reverse(*d),
                )
            })
        });
        let breakdown = chosen.map(opening).unwrap_or_default();
        let all: Vec<&FactionCount> = facts.iter().flat_map(|e| &e.factions).collect();
        let segments: Vec<Segment> = breakdown
            .iter()
            .map(|f| {
                let alternatives = all
                    .iter()
                    .filter(|o| {
                        o.faction == f.faction
                            && o.stage == Stage::Opening
                            && o.part_of.is_none()
                            && o.count != f.count
                    })
                    .map(|o| self.figure(o.count, o.approximate, o.src))
                    .collect();
                let mut parts: Vec<String> = f
                    .subcounts
                    .iter()
                    .map(|s| {
                        format!(
                            "{}{} {}",
                            if s.approximate { "about " } else { "" },
                            s.count,
                            s.what
                        )
                    })
                    .collect();
                parts.extend(
                    all.iter()
                        .filter(|p| p.part_of == Some(f.faction) && p.src.doc == f.src.doc)
                        .map(|p| {
                            format!(
                                "{}{} {}",
                                if p.approximate { "about " } else { "" },
                                p.count,
                                p.faction.name()
                            )
                        }),
                );
                let later = all
                    .iter()
                    .filter(|o| o.faction == f.faction && o.stage == Stage::Later)
                    .map(|o| self.figure(o.count, o.approximate, o.src))
                    .collect();
                Segment {
                    faction: f.faction,
                    figure: self.figure(f.count, f.approximate, f.src),
                    alternatives,
                    parts,
                    later,
                }
            })
            .collect();
        // The stated figure the breakdown is a part of.
        let base = breakdown.first().map_or(DelegateKind::Total, |f| f.base);
        let delegates: Vec<_> = facts.iter().flat_map(|e| &e.delegates).collect();
        let total = delegates
            .iter()
            .filter(|d| d.kind == base)
            .max_by_key(|d| (chosen == Some(d.src.doc), std::cmp::Reverse(d.src.doc)))
            .or_else(|| delegates.iter().find(|d| d.kind == DelegateKind::Total))
            .or_else(|| delegates.iter().find(|d| d.kind == DelegateKind::FullVote))
            .map(|d| (self.figure(d.count, d.approximate, d.src), d.kind));
        let start = pick_date(facts.iter().flat_map(|e| &e.starts), chosen);
        let end = pick_date(facts.iter().flat_map(|e| &e.ends), chosen);
        let mut notes = Vec::new();
        if segments.is_empty() {
            notes.push("No faction breakdown in the sources".to_string());
        }
        if total.is_none() {
            notes.push("No delegate figures in the sources".to_string());
        }
        let later_only: Vec<String> = all
            .iter()
            .filter(|o| o.stage == Stage::Later && !segments.iter().any(|s| s.faction == o.faction))
            .map(|o| format!("{} later {}", o.faction.name(), o.count))
            .collect();
        if !later_only.is_empty() {
            notes.push(format!(
                "Changes during the event: {}",
                later_only.join(", ")
            ));
        }
        let votes = self.vote_views(facts);
        if total.is_none() && segments.is_empty() && votes.is_empty() && start.is_none() {
            return None; // Named in passing only.
        }
        let docs_of_event: Vec<usize> = facts.iter().map(|e| e.named_at.doc).collect();
        let user_added = docs_of_event
            .iter()
            .all(|d| self.docs.get(*d).is_some_and(|x| x.user_added));
        let (_, short) = crate::names::of(first);
        // Every chart labels events by `short`: the reader's own are marked there.
        let short = match (user_added, short.is_empty()) {
            (true, true) => format!("{} (yours)", first.name),
            (true, false) => format!("{short} (yours)"),
            (false, _) => short,
        };
        Some(EventView {
            id: id.to_string(),
            name: first.name.clone(),
            short,
            start,
            end,
            total_label: total
                .as_ref()
                .map_or("delegates", |(_, k)| match k {
                    DelegateKind::FullVote => "delegates with full vote",
                    _ => "delegates",
                })
                .to_string(),
            total: total.map(|(f, _)| f),
            segments,
            note: (!notes.is_empty()).then(|| notes.join(". ")),
            user_added,
            votes,
            disputed: self
                .conflicts
                .iter()
                .filter(|c| c.event == id && c.faction.is_none())
                .map(|c| c.what.clone())
                .collect(),
        })
    }

    fn vote_views(&self, facts: &[&EventFacts]) -> Vec<VoteView> {
        let mut out: Vec<VoteView> = Vec::new();
        for v in facts.iter().flat_map(|e| &e.votes) {
            let has_figures = v.for_.is_some() || v.against.is_some();
            // A text repeating a vote word for word reports it once.
            let repeated = out.iter().any(|o| {
                o.source.doc == v.src.doc
                    && o.motion == v.motion
                    && (o.for_, o.against, o.abstained) == (v.for_, v.against, v.abstained)
            });
            if repeated {
                continue;
            }
            if let Some(same) = out.iter_mut().find(|o| {
                has_figures
                    && (o.for_, o.against, o.abstained) == (v.for_, v.against, v.abstained)
                    && o.source.doc != v.src.doc
            }) {
                // Keep the more descriptive motion as the main one.
                if motion_rank(&same.motion) < motion_rank(&v.motion) {
                    same.corroborated_by.push(same.source.clone());
                    same.source = self.source(v.src);
                    same.motion = v.motion.clone();
                } else {
                    same.corroborated_by.push(self.source(v.src));
                }
                continue;
            }
            out.push(VoteView {
                motion: v.motion.clone(),
                body: v.body.label(),
                plenary: v.body == VotingBody::Plenary,
                for_: v.for_,
                against: v.against,
                abstained: v.abstained,
                unanimous: v.unanimous,
                majority: v.majority,
                corroborated_by: Vec::new(),
                source: self.source(v.src),
            });
        }
        out
    }
}

/// The first value of each (document, value) pair, in order.
fn first_of_each(values: Vec<ConflictValue>) -> Vec<ConflictValue> {
    let hash = |v: &ConflictValue| {
        let seed = 0x811c_9dc5_u32 ^ (v.doc as u32).wrapping_mul(0x9e37_79b9);
        v.value
            .bytes()
            .fold(seed, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
    };
    first_of_each_by(values, hash, |a, b| a.doc == b.doc && a.value == b.value)
}

/// The first of each set of `same` items, in order: sorted by `hash` and
/// compared only within equal hashes, so thousands of different items
/// stay linear rather than quadratic.
fn first_of_each_by<T>(
    items: Vec<T>,
    hash: impl Fn(&T) -> u32,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<T> {
    // Ties keep their order, so the first of equals comes first.
    let order = crate::model::sort_by_key((0..items.len()).collect(), |&i| hash(&items[i]));
    let mut keep = vec![false; items.len()];
    let mut group: Vec<usize> = Vec::new();
    let mut current = None;
    for i in order {
        let h = hash(&items[i]);
        if current != Some(h) {
            group.clear();
            current = Some(h);
        }
        if !group.iter().any(|&k| same(&items[k], &items[i])) {
            group.push(i);
            keep[i] = true;
        }
    }
    items
        .into_iter()
        .zip(keep)
        .filter_map(|(v, k)| k.then_some(v))
        .collect()
}

/// The distinct values, sorted. The same `u64` sort routine as
/// [`crate::model::sort_by_key`], so no second routine reaches the wasm.
#[allow(clippy::disallowed_methods)]
fn distinct(values: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut v: Vec<u64> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// How descriptive a motion's wording is: "This resolution" says least.
fn motion_rank(m: &str) -> (bool, usize) {
    let vague = m.starts_with("This") || m.starts_with("this") || m.starts_with('(');
    (!vague, m.len())
}

/// Sort key for chronology: the Julian day of the start. A date whose style
/// is unstated is read as Old Style before 1918, as Russian sources of the
/// period write.
fn sort_key(d: &Dated) -> i64 {
    match (d.old, d.new) {
        (Some(o), _) => o.jdn(Style::Old),
        (None, Some(n)) => n.jdn(Style::New),
        (None, None) => d.written.jdn(Style::Old),
    }
}

/// The date to show: from the chosen source if it gives one, preferring
/// dates with a known style, else the first.
fn pick_date<'a>(
    dates: impl Iterator<Item = &'a DateFact>,
    chosen: Option<usize>,
) -> Option<Dated> {
    let all: Vec<&DateFact> = dates.collect();
    all.iter()
        .max_by_key(|d| {
            (
                d.date.style.is_some(),
                Some(d.src.doc) == chosen,
                std::cmp::Reverse(d.src.start),
            )
        })
        .map(|d| d.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(doc: usize, value: &str, quote: &str) -> ConflictValue {
        ConflictValue {
            value: value.to_string(),
            doc,
            source: String::new(),
            quote: quote.to_string(),
            at: (0, 0),
            note: None,
        }
    }

    #[test]
    fn first_of_each_keeps_first_values_in_order() {
        let values = vec![
            value(1, "12", "a"),
            value(0, "12", "b"),
            value(1, "12", "c"),
            value(1, "7", "d"),
            value(0, "12", "e"),
        ];
        let kept = first_of_each(values);
        let quotes: Vec<&str> = kept.iter().map(|v| v.quote.as_str()).collect();
        assert_eq!(quotes, ["a", "b", "d"]);
        // Thousands of different values: each kept once, in order.
        let many: Vec<ConflictValue> = (0..5000)
            .flat_map(|n| {
                [
                    value(0, &n.to_string(), ""),
                    value(0, &n.to_string(), "again"),
                ]
            })
            .collect();
        let kept = first_of_each(many);
        assert_eq!(kept.len(), 5000);
        assert!(kept
            .iter()
            .enumerate()
            .all(|(i, v)| v.value == i.to_string() && v.quote.is_empty()));
    }

    #[test]
    fn body_dataset_gives_the_second_congress_cec_from_its_sentence() {
        use crate::model::BodyKind;
        let corpus = Corpus::seeds();
        // The council of people's commissars is "solely Bolsheviks", no counts.
        assert_eq!(
            corpus.bodies(),
            vec![BodyKind::CentralExecutiveCommittee, BodyKind::Presidium]
        );
        let cec = corpus.body_dataset(BodyKind::CentralExecutiveCommittee, None);
        let e = cec
            .events
            .iter()
            .find(|e| e.id == "congress-of-soviets-2")
            .expect("the Second Congress's CEC");
        assert_eq!(e.total.as_ref().map(|t| t.value), Some(101));
        let counts: Vec<(Faction, u32)> =
            e.segments.iter().map(|s| (s.faction, s.count())).collect();
        assert_eq!(
            counts,
            vec![(Faction::Bolsheviks, 62), (Faction::LeftSrs, 29)]
        );
        assert_eq!(e.remainder(), Some(10));
        assert_eq!(e.total_label, "members of the Central Executive Committee");
        let quote = &e.segments[0].figure.source.quote;
        assert!(quote.contains("62 Bolsheviks"), "{quote}");
        // A size without a breakdown (the Ninth Congress's 386) is not drawn.
        assert!(cec.events.iter().all(|e| !e.segments.is_empty()));
        // Date order, as the delegates' dataset.
        let all: Vec<String> = corpus.dataset().events.into_iter().map(|e| e.id).collect();
        let pos = |id: &str| all.iter().position(|a| a == id);
        assert!(cec.events.windows(2).all(|w| pos(&w[0].id) < pos(&w[1].id)));
    }

    #[test]
    fn body_dataset_of_the_presidium_has_no_stated_size() {
        let corpus = Corpus::seeds();
        let p = corpus.body_dataset(crate::model::BodyKind::Presidium, None);
        let e = &p.events[0];
        assert_eq!(e.id, "congress-of-soviets-2");
        assert_eq!(e.faction_sum(), 22);
        assert_eq!(e.share_base(), 22);
        assert_eq!(e.remainder(), None);
        assert!(e.votes.is_empty());
    }
}
