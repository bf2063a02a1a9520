//! Arithmetic checks: each stated figure against what its parts add up
//! to, summed exactly so the remainder is true.

use super::{motion_rank, Corpus, Event};
use crate::format::Join;
use crate::model::{
    DelegateCount, DelegateKind, EventFacts, FactionCount, Span, Stage, Vote, VotingBody,
};

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

/// The checks of one event, as they are found.
struct Checker<'a, 'e> {
    corpus: &'a Corpus,
    event: &'a Event<'e>,
    out: &'a mut Vec<Check>,
}

impl Corpus {
    /// The arithmetic checks of one event, document by document, then
    /// those across its documents.
    pub(super) fn checks_in(&self, event: &Event, out: &mut Vec<Check>) {
        let votes = distinct_votes(event.facts);
        let mut checker = Checker {
            corpus: self,
            event,
            out,
        };
        for e in event.facts {
            checker.faction_sum(e);
            checker.votes_cast(e, &votes);
            checker.deputies(e);
            checker.body_members(e);
            checker.questionnaire(e);
        }
        checker.vote_and_voice();
    }
}

impl<'e> Checker<'_, 'e> {
    /// Adds the check of `stated` against the sum of `parts`.
    fn check(&mut self, kind: CheckKind, what: String, stated: u32, parts: &[u32], src: Span) {
        let computed = crate::model::total(parts.iter().copied());
        self.out.push(Check {
            event: self.event.id.to_string(),
            event_name: self.event.name.clone(),
            kind,
            what,
            stated,
            computed,
            remainder: i64::from(stated) - i64::try_from(computed).unwrap_or(i64::MAX),
            detail: parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .joined(" + "),
            source: self.corpus.doc_name(src.doc),
            quote: self.corpus.cited(src),
            at: src,
        });
    }

    /// The first delegate figure of `kind` any source states for the event.
    fn stated(&self, kind: DelegateKind) -> Option<&'e DelegateCount> {
        self.event
            .facts
            .iter()
            .flat_map(|e| &e.delegates)
            .find(|d| d.kind == kind)
    }

    /// The delegates entitled to vote: those with a full vote, else all.
    fn voters(&self) -> Option<&'e DelegateCount> {
        self.stated(DelegateKind::FullVote)
            .or_else(|| self.stated(DelegateKind::Total))
    }

    /// A document's opening faction counts against the total its breakdown
    /// is of, from the same document if it gives one.
    fn faction_sum(&mut self, e: &EventFacts) {
        let opening: Vec<&FactionCount> = e
            .factions
            .iter()
            .filter(|f| f.stage == Stage::Opening && f.part_of.is_none())
            .collect();
        let Some(first) = opening.first() else {
            return;
        };
        let base = first.base;
        let total = self
            .event
            .facts
            .iter()
            .flat_map(|x| &x.delegates)
            .find(|d| d.kind == base && d.src.doc == first.src.doc)
            .or_else(|| self.stated(base));
        if let Some(t) = total {
            let parts: Vec<u32> = opening.iter().map(|f| f.count).collect();
            self.check(
                CheckKind::FactionSum,
                format!("faction sum against delegates ({})", base.label()),
                t.count,
                &parts,
                first.src,
            );
        }
    }

    /// Each plenary vote with at least two figures, once (as in `votes`),
    /// against the delegates entitled to vote.
    fn votes_cast(&mut self, e: &EventFacts, votes: &[&Vote]) {
        let Some(t) = self.voters() else {
            return;
        };
        for v in e
            .votes
            .iter()
            .filter(|v| v.body == VotingBody::Plenary && v.for_.is_some())
        {
            let parts = figures(v);
            let counted = votes.iter().any(|b| std::ptr::eq(*b, v));
            if parts.len() >= 2 && counted {
                self.check(
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
    }

    /// Deputies of the bodies a document lists as represented against the
    /// delegates.
    fn deputies(&mut self, e: &EventFacts) {
        let deputies: Vec<u32> = e.represented.iter().filter_map(|r| r.deputies).collect();
        if deputies.len() < 2 {
            return;
        }
        if let Some(t) = self.voters() {
            self.check(
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

    /// Each elected body's members by faction against its size.
    fn body_members(&mut self, e: &EventFacts) {
        for b in &e.bodies {
            if let (Some(m), false) = (b.members, b.factions.is_empty()) {
                let parts: Vec<u32> = b.factions.iter().map(|f| f.count).collect();
                self.check(
                    CheckKind::BodyMembers,
                    format!("{} members by faction", b.kind.name()),
                    m,
                    &parts,
                    b.src,
                );
            }
        }
    }

    /// Questionnaire answers against the forms filled in.
    fn questionnaire(&mut self, e: &EventFacts) {
        let Some(q) = e
            .delegates
            .iter()
            .find(|d| d.kind == DelegateKind::Questionnaire)
        else {
            return;
        };
        for v in e
            .votes
            .iter()
            .filter(|v| v.body == VotingBody::Questionnaire)
        {
            self.check(
                CheckKind::Questionnaire,
                format!("questionnaire answers for {}", v.motion),
                q.count,
                &figures(v),
                v.src,
            );
        }
    }

    /// Full vote and consultative voice against the total, across sources.
    fn vote_and_voice(&mut self) {
        if let (Some(t), Some(f), Some(c)) = (
            self.stated(DelegateKind::Total),
            self.stated(DelegateKind::FullVote),
            self.stated(DelegateKind::Consultative),
        ) {
            self.check(
                CheckKind::VoteAndVoice,
                "full vote and consultative voice against the total".into(),
                t.count,
                &[f.count, c.count],
                t.src,
            );
        }
    }
}

/// A vote's known figures: for, against, abstained.
fn figures(v: &Vote) -> Vec<u32> {
    [v.for_, v.against, v.abstained]
        .into_iter()
        .flatten()
        .collect()
}

/// The same vote reported by several sources is checked once, under its
/// most descriptive motion (the last of equals): one pass, so a text
/// repeating a vote thousands of times stays linear.
fn distinct_votes<'a>(facts: &[&'a EventFacts]) -> Vec<&'a Vote> {
    let mut best: Vec<&Vote> = Vec::new();
    let key = |v: &Vote| (v.body, v.for_, v.against, v.abstained);
    for o in facts.iter().flat_map(|x| &x.votes) {
        match best.iter_mut().find(|b| key(b) == key(o)) {
            Some(b) if motion_rank(&o.motion) >= motion_rank(&b.motion) => *b = o,
            Some(_) => {}
            None => best.push(o),
        }
    }
    best
}

/// One check per sum and source: a repeated text adds nothing.
pub(super) fn one_per_source(checks: Vec<Check>) -> Vec<Check> {
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
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Origin;

    const MET: &str =
        "The Fourth All-Russian Congress of Soviets met in Moscow from 14 to 16 March \
                       1918, with 1,232 delegates with a full vote.";

    #[test]
    fn a_vote_in_two_sources_is_checked_once_under_its_fuller_motion() {
        let mut c = Corpus::default();
        let full = format!(
            "{MET} The Congress voted 724 to 276 (118 abstentions) to ratify the peace treaty."
        );
        let vague =
            format!("{MET} This resolution was accepted by a vote of 724 to 276 (118 not voting).");
        c.add("full.txt", &full, Origin::Source);
        c.add("vague.txt", &vague, Origin::Source);
        // A third text saying it twice adds no check.
        c.add(
            "vague again.txt",
            &format!("{vague}\n{vague}"),
            Origin::Source,
        );
        let votes: Vec<&Check> = c
            .checks()
            .iter()
            .filter(|k| k.kind == CheckKind::VotesCast)
            .collect();
        assert_eq!(votes.len(), 1, "{votes:?}");
        let k = votes[0];
        assert_eq!(
            k.what,
            "votes cast (to ratify the peace treaty) against delegates (full vote)"
        );
        assert_eq!((k.stated, k.computed, k.remainder), (1232, 1118, 114));
        assert_eq!(k.detail, "724 + 276 + 118");
        assert_eq!(k.source, "full.txt");
        assert_eq!(c.quote(k.at), k.quote);
        assert!(k.quote.contains("to ratify"), "{}", k.quote);
    }

    #[test]
    fn full_vote_and_consultative_voice_are_checked_against_the_total() {
        let mut c = Corpus::default();
        c.add(
            "voice.txt",
            "The First All-Russian Congress of Soviets met from 3 June to 24 June 1917, with \
             1,090 delegates, of whom 822 had a full vote and 268 a consultative voice.",
            Origin::Source,
        );
        let k = c
            .checks()
            .iter()
            .find(|k| k.kind == CheckKind::VoteAndVoice)
            .expect("a check of full vote and voice");
        assert_eq!((k.stated, k.computed, k.remainder), (1090, 1090, 0));
        assert_eq!(k.detail, "822 + 268");
        assert_eq!(CheckKind::VoteAndVoice.gap(), "unaccounted");
    }
}
