//! Helpers shared by the integration tests: short ways to pull facts out of
//! an extraction.

#![allow(dead_code)]

pub mod svg;

use soviets::model::{DelegateKind, EventFacts, Extraction, Stage};
use soviets::Faction;

pub fn event<'a>(x: &'a Extraction, id: &str) -> &'a EventFacts {
    x.events.iter().find(|e| e.id == id).unwrap_or_else(|| {
        panic!(
            "no event {id}; have {:?}",
            x.events.iter().map(|e| &e.id).collect::<Vec<_>>()
        )
    })
}

/// (faction, count, approximate) of the opening, top-level counts.
pub fn factions(e: &EventFacts) -> Vec<(Faction, u32, bool)> {
    e.factions
        .iter()
        .filter(|f| f.stage == Stage::Opening && f.part_of.is_none())
        .map(|f| (f.faction, f.count, f.approximate))
        .collect()
}

pub fn delegates(e: &EventFacts) -> Vec<(DelegateKind, u32)> {
    e.delegates.iter().map(|d| (d.kind, d.count)).collect()
}

/// (for, against, abstained, unanimous) of a vote.
pub type VoteRow = (Option<u32>, Option<u32>, Option<u32>, bool);

pub fn votes(e: &EventFacts) -> Vec<VoteRow> {
    e.votes
        .iter()
        .map(|v| (v.for_, v.against, v.abstained, v.unanimous))
        .collect()
}
