//! The dataset builder: each event's column drawn from one chosen source,
//! every other source's figures kept beside it as alternatives.

use super::{motion_rank, Corpus};
use crate::calendar::{Dated, Style};
use crate::dataset::{Dataset, EventView, Figure, Segment, VoteView};
use crate::factions::Faction;
use crate::format::Join;
use crate::model::{
    Body, BodyKind, DateFact, DelegateKind, DocId, EventFacts, FactionCount, Span, Stage,
    VotingBody,
};

impl Corpus {
    /// The chart-ready view, drawing each event's faction breakdown from the
    /// default source: the document whose breakdown accounts for the most
    /// delegates (ties: the earlier document). Other sources' figures are
    /// kept as alternatives.
    pub fn dataset(&self) -> Dataset {
        self.dataset_preferring(None)
    }

    /// As [`Corpus::dataset`], but where document `prefer` has a faction
    /// breakdown for an event, its figures drive the chart.
    pub fn dataset_preferring(&self, prefer: Option<DocId>) -> Dataset {
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
    /// [`BodyKind`] order: what the seat chart can show besides the
    /// delegates.
    pub fn bodies(&self) -> Vec<BodyKind> {
        const KINDS: [BodyKind; 3] = [
            BodyKind::CentralExecutiveCommittee,
            BodyKind::Presidium,
            BodyKind::CouncilOfPeoplesCommissars,
        ];
        // Bit `k` for a make-up of kind `k`.
        let mut given = 0u32;
        for d in &self.docs {
            for e in &d.extraction.events {
                for b in &e.bodies {
                    if !b.factions.is_empty() {
                        given |= 1 << (b.kind as u32);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for &k in &KINDS {
            if given & (1 << (k as u32)) != 0 {
                out.push(k);
            }
        }
        out
    }

    /// As [`Corpus::dataset_preferring`], but each column is the make-up of
    /// the body `kind` the event elected instead of its delegates: the
    /// members by faction, the stated size as the total (so the members no
    /// faction accounts for are the remainder), every figure sourced to the
    /// sentence giving the body. Only events some source gives that make-up
    /// for, in date order; where several do, document `prefer`'s, else the
    /// one accounting for the most members.
    pub fn body_dataset(&self, kind: BodyKind, prefer: Option<DocId>) -> Dataset {
        let mut out = Vec::new();
        for mut view in self.dataset_preferring(prefer).events {
            if let Some(b) = self.body_of(&view.id, kind, prefer) {
                self.body_view(&mut view, b);
                out.push(view);
            }
        }
        Dataset { events: out }
    }

    /// The source's account of body `kind` elected at event `id` that the
    /// seat chart draws: document `prefer`'s, else the one accounting for
    /// the most members (ties: the earlier document).
    fn body_of(&self, id: &str, kind: BodyKind, prefer: Option<DocId>) -> Option<&Body> {
        let rank = |b: &Body| {
            (
                Some(b.src.doc) == prefer,
                crate::model::sum(b.factions.iter().map(|m| m.count)),
                std::cmp::Reverse(b.src.doc),
            )
        };
        let mut best = None;
        for d in &self.docs {
            for e in &d.extraction.events {
                for b in &e.bodies {
                    if e.id != id || b.kind != kind || b.factions.is_empty() {
                        continue;
                    }
                    // The last of equals, as `max_by_key`.
                    let r = rank(b);
                    if best.as_ref().is_none_or(|(_, top)| r >= *top) {
                        best = Some((b, r));
                    }
                }
            }
        }
        best.map(|(b, _)| b)
    }

    /// Makes an event's column the make-up of the elected body `b`.
    fn body_view(&self, view: &mut EventView, b: &Body) {
        // In stacking order, the first count of each faction.
        let mut segments = Vec::new();
        for &faction in &Faction::ALL {
            if let Some(m) = b.factions.iter().find(|m| m.faction == faction) {
                segments.push(Segment {
                    faction,
                    figure: self.figure(m.count, m.approximate, b.src),
                    alternatives: Vec::new(),
                    parts: Vec::new(),
                    later: Vec::new(),
                });
            }
        }
        view.segments = segments;
        view.name.push_str(": ");
        view.name.push_str(b.kind.name());
        view.total = b.members.map(|n| self.figure(n, false, b.src));
        view.total_label = String::from("members of the ");
        view.total_label.push_str(b.kind.name());
        view.note = None;
        view.votes.clear();
        view.disputed.clear();
    }

    fn figure(&self, value: u32, approximate: bool, span: Span) -> Figure {
        Figure {
            value,
            approximate,
            source: self.source(span),
        }
    }

    /// One event's column: the chosen source's breakdown and the total it
    /// is of, its dates and votes, and notes on what is missing. `None` for
    /// an event only named in passing.
    fn event_view(
        &self,
        id: &str,
        facts: &[&EventFacts],
        prefer: Option<DocId>,
    ) -> Option<EventView> {
        let first = facts.first()?;
        let chosen = choose_source(facts, prefer);
        let breakdown = chosen.map(|d| opening(facts, d)).unwrap_or_default();
        let all: Vec<&FactionCount> = facts.iter().flat_map(|e| &e.factions).collect();
        let segments: Vec<Segment> = breakdown.iter().map(|f| self.segment(f, &all)).collect();
        let total = self.stated_total(facts, &breakdown, chosen);
        let start = pick_date(facts.iter().flat_map(|e| &e.starts), chosen);
        let end = pick_date(facts.iter().flat_map(|e| &e.ends), chosen);
        let votes = self.vote_views(facts);
        if total.is_none() && segments.is_empty() && votes.is_empty() && start.is_none() {
            return None; // Named in passing only.
        }
        let user_added = facts
            .iter()
            .all(|e| self.doc(e.named_at.doc).is_some_and(|x| x.user_added));
        Some(EventView {
            id: id.to_string(),
            name: first.name.clone(),
            short: short_label(first, user_added),
            start,
            end,
            total_label: total_label(total.as_ref().map(|(_, k)| *k)).to_string(),
            note: note(&segments, total.is_some(), &all),
            total: total.map(|(f, _)| f),
            segments,
            user_added,
            votes,
            disputed: self.disputed(id),
        })
    }

    /// The segment of faction count `f` of the drawn breakdown: what other
    /// sources give for it, what it is made of, and how it changed later.
    fn segment(&self, f: &FactionCount, all: &[&FactionCount]) -> Segment {
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
        let later = all
            .iter()
            .filter(|o| o.faction == f.faction && o.stage == Stage::Later)
            .map(|o| self.figure(o.count, o.approximate, o.src))
            .collect();
        Segment {
            faction: f.faction,
            figure: self.figure(f.count, f.approximate, f.src),
            alternatives,
            parts: parts(f, all),
            later,
        }
    }

    /// The stated figure the breakdown is a part of: of its kind, from the
    /// chosen source if it gives one, else the earliest; failing that, any
    /// total, then any count of delegates with a full vote.
    fn stated_total(
        &self,
        facts: &[&EventFacts],
        breakdown: &[&FactionCount],
        chosen: Option<DocId>,
    ) -> Option<(Figure, DelegateKind)> {
        let base = breakdown.first().map_or(DelegateKind::Total, |f| f.base);
        let delegates: Vec<_> = facts.iter().flat_map(|e| &e.delegates).collect();
        delegates
            .iter()
            .filter(|d| d.kind == base)
            .max_by_key(|d| (chosen == Some(d.src.doc), std::cmp::Reverse(d.src.doc)))
            .or_else(|| delegates.iter().find(|d| d.kind == DelegateKind::Total))
            .or_else(|| delegates.iter().find(|d| d.kind == DelegateKind::FullVote))
            .map(|d| (self.figure(d.count, d.approximate, d.src), d.kind))
    }

    /// What the sources disagree on about event `id` itself (not a
    /// faction's count): "start date", "delegates (total)".
    fn disputed(&self, id: &str) -> Vec<String> {
        self.conflicts
            .iter()
            .filter(|c| c.event == id && c.faction.is_none())
            .map(|c| c.what.clone())
            .collect()
    }

    /// The event's votes, each once: a vote with the same figures in
    /// several sources is one vote, corroborated by the others.
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

/// A source's breakdown: its first opening count for each faction (a
/// restatement later in the same text adds nothing), in stacking order, as
/// the faction enum is.
fn opening<'a>(facts: &[&'a EventFacts], doc: DocId) -> Vec<&'a FactionCount> {
    let mut seen: [Option<&FactionCount>; Faction::ALL.len()] = [None; Faction::ALL.len()];
    for f in facts.iter().flat_map(|e| &e.factions) {
        if f.src.doc == doc && f.stage == Stage::Opening && f.part_of.is_none() {
            seen[f.faction as usize].get_or_insert(f);
        }
    }
    seen.into_iter().flatten().collect()
}

/// The document whose breakdown the chart draws: `prefer` if it gives any
/// faction counts, else the one whose breakdown accounts for the most
/// delegates (ties: the earlier document).
fn choose_source(facts: &[&EventFacts], prefer: Option<DocId>) -> Option<DocId> {
    let mut docs: Vec<DocId> = Vec::new();
    for d in facts
        .iter()
        .flat_map(|e| e.factions.iter().map(|f| f.src.doc))
    {
        if !docs.contains(&d) {
            docs.push(d);
        }
    }
    prefer.filter(|p| docs.contains(p)).or_else(|| {
        docs.iter().copied().max_by_key(|d| {
            (
                crate::model::sum(opening(facts, *d).iter().map(|f| f.count)),
                std::cmp::Reverse(*d),
            )
        })
    })
}

/// What faction count `f` is made of: its subcounts, then the counts its
/// source gives of factions within it ("about 40 Left SRs").
fn parts(f: &FactionCount, all: &[&FactionCount]) -> Vec<String> {
    let part = |approximate: bool, count: u32, what: &str| {
        format!("{}{count} {what}", if approximate { "about " } else { "" })
    };
    let mut parts: Vec<String> = f
        .subcounts
        .iter()
        .map(|s| part(s.approximate, s.count, &s.what))
        .collect();
    parts.extend(
        all.iter()
            .filter(|p| p.part_of == Some(f.faction) && p.src.doc == f.src.doc)
            .map(|p| part(p.approximate, p.count, p.faction.name())),
    );
    parts
}

/// The column's note: what the sources lack, and the changes during the
/// event of factions the breakdown does not name.
fn note(segments: &[Segment], has_total: bool, all: &[&FactionCount]) -> Option<String> {
    let mut notes = Vec::new();
    if segments.is_empty() {
        notes.push("No faction breakdown in the sources".to_string());
    }
    if !has_total {
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
            later_only.joined(", ")
        ));
    }
    (!notes.is_empty()).then(|| notes.joined(". "))
}

/// The event's label on every chart, with the reader's own marked
/// "(yours)".
fn short_label(first: &EventFacts, user_added: bool) -> String {
    let (_, short) = crate::names::of(first);
    match (user_added, short.is_empty()) {
        (true, true) => format!("{} (yours)", first.name),
        (true, false) => format!("{short} (yours)"),
        (false, _) => short,
    }
}

/// What the total counts: "delegates with full vote" or "delegates".
fn total_label(kind: Option<DelegateKind>) -> &'static str {
    match kind {
        Some(DelegateKind::FullVote) => "delegates with full vote",
        _ => "delegates",
    }
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
    chosen: Option<DocId>,
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

    #[test]
    fn body_dataset_gives_the_second_congress_cec_from_its_sentence() {
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
    fn body_dataset_takes_the_preferred_source_else_the_fullest() {
        let mut corpus = Corpus::seeds();
        let mine = corpus.add(
            "mine.txt",
            "The Second All-Russian Congress of Soviets met on 25 October 1917. \
             The congress elected an All-Russian Central Executive Committee \
             consisting of 101 people (including 40 Bolsheviks and 20 Left-Wing \
             Socialist-Revolutionaries).",
            crate::corpus::Origin::Reader,
        );
        let bolsheviks = |prefer| {
            let cec = corpus.body_dataset(BodyKind::CentralExecutiveCommittee, prefer);
            let e = cec
                .events
                .into_iter()
                .find(|e| e.id == "congress-of-soviets-2")
                .expect("the Second Congress's CEC");
            (e.segments[0].count(), e.segments[0].figure.source.doc)
        };
        // The seed accounts for 91 members, the added text for 60.
        assert_eq!(bolsheviks(None).0, 62);
        assert_ne!(bolsheviks(None).1, mine);
        assert_eq!(bolsheviks(Some(mine)), (40, mine));
    }

    #[test]
    fn body_dataset_of_the_presidium_has_no_stated_size() {
        let corpus = Corpus::seeds();
        let p = corpus.body_dataset(BodyKind::Presidium, None);
        let e = &p.events[0];
        assert_eq!(e.id, "congress-of-soviets-2");
        assert_eq!(e.faction_sum(), 22);
        assert_eq!(e.share_base(), 22);
        assert_eq!(e.remainder(), None);
        assert!(e.votes.is_empty());
    }
}
