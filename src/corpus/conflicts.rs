//! Where sources disagree: one fact given different values by different
//! documents (or sentences), every value kept with its source.

use super::{Corpus, Event};
use crate::calendar::Style;
use crate::factions::Faction;
use crate::format::Join;
use crate::model::{
    BodyKind, DateFact, DelegateKind, DocId, EventFacts, FactionCount, Span, Stage,
};

/// One value in a conflict, with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictValue {
    pub value: String,
    pub doc: DocId,
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

impl Event<'_> {
    fn conflict(
        &self,
        what: String,
        faction: Option<Faction>,
        values: Vec<ConflictValue>,
    ) -> Conflict {
        Conflict {
            event: self.id.to_string(),
            event_name: self.name.clone(),
            what,
            faction,
            values,
        }
    }

    /// Adds a conflict about `what` if its values are not all the same.
    fn push_if_differ(&self, what: String, values: Vec<ConflictValue>, out: &mut Vec<Conflict>) {
        if values.iter().any(|v| v.value != values[0].value) {
            out.push(self.conflict(what, None, values));
        }
    }
}

/// What faction counts are grouped by: the faction, the stage, and the
/// faction it is a part of. An event has a handful of keys at most.
type Key = (Faction, Stage, Option<Faction>);

/// Per document, the first count of another faction that is one of the
/// contested values, and the first after it with another count.
type Others<'a> = Vec<(DocId, &'a FactionCount, Option<&'a FactionCount>)>;

impl Corpus {
    /// The conflicts about one event: faction counts, dates, other counts.
    pub(super) fn conflicts_in(&self, event: &Event, out: &mut Vec<Conflict>) {
        self.faction_conflicts(event, out);
        self.date_conflicts(event, out);
        self.count_conflicts(event, out);
    }

    fn value(&self, value: String, span: Span, note: Option<String>) -> ConflictValue {
        ConflictValue {
            value,
            doc: span.doc,
            source: self.doc_name(span.doc),
            quote: self.cited(span),
            at: (span.start, span.end),
            note,
        }
    }

    /// Counts of one faction (at one stage, as one whole's part) that differ.
    fn faction_conflicts(&self, event: &Event, out: &mut Vec<Conflict>) {
        for ((faction, stage, _), counts) in group_counts(event.facts) {
            let values = distinct(counts.iter().map(|c| u64::from(c.count)));
            if values.len() < 2 {
                continue;
            }
            let others = other_factions_with(event.facts, faction, &values);
            let stage = match stage {
                Stage::Opening => "",
                Stage::Later => " (later in the event)",
            };
            let entries = counts
                .iter()
                .map(|c| self.value(c.count.to_string(), c.src, note(&others, c)))
                .collect();
            let what = format!("{}{stage}", faction.name());
            out.push(event.conflict(what, Some(faction), entries));
        }
    }

    /// Start or end dates that cannot be the same day.
    fn date_conflicts(&self, event: &Event, out: &mut Vec<Conflict>) {
        for (what, pick) in [
            (
                "start date",
                (|e: &EventFacts| e.starts.clone()) as fn(&EventFacts) -> Vec<DateFact>,
            ),
            ("end date", |e: &EventFacts| e.ends.clone()),
        ] {
            let all: Vec<DateFact> = event.facts.iter().flat_map(|e| pick(e)).collect();
            // One entry per value and source.
            let day = |d: &DateFact| {
                let w = d.date.written;
                d.src.doc.0.wrapping_mul(0x9e37_79b9)
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
                let values = all
                    .iter()
                    .map(|d| self.value(d.date.label(Style::Old), d.src, None))
                    .collect();
                out.push(event.conflict(what.to_string(), None, values));
            }
        }
    }

    /// Delegate totals, soviets represented, and body sizes that differ.
    fn count_conflicts(&self, event: &Event, out: &mut Vec<Conflict>) {
        let facts = event.facts;
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
            event.push_if_differ(format!("delegates ({})", kind.label()), values, out);
        }
        let values = self.soviets_represented(facts);
        event.push_if_differ("soviets represented".to_string(), values, out);
        for kind in [BodyKind::CentralExecutiveCommittee, BodyKind::Presidium] {
            let values = facts
                .iter()
                .flat_map(|e| &e.bodies)
                .filter(|b| b.kind == kind)
                .filter_map(|b| b.members.map(|m| self.value(m.to_string(), b.src, None)))
                .collect();
            event.push_if_differ(format!("{} members", kind.name()), values, out);
        }
    }

    /// Soviets represented: stated totals, and the sum of each itemised
    /// breakdown.
    fn soviets_represented(&self, facts: &[&EventFacts]) -> Vec<ConflictValue> {
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
                    Some(format!(
                        "sum of the soviets listed: {}",
                        parts.joined(" + ")
                    )),
                ));
            }
        }
        values
    }
}

/// The faction counts grouped by (faction, stage, part of), in order of
/// first appearance.
fn group_counts<'a>(facts: &[&'a EventFacts]) -> Vec<(Key, Vec<&'a FactionCount>)> {
    let mut groups: Vec<(Key, Vec<&FactionCount>)> = Vec::new();
    for f in facts.iter().flat_map(|e| &e.factions) {
        let key = (f.faction, f.stage, f.part_of);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, counts)) => counts.push(f),
            None => groups.push((key, vec![f])),
        }
    }
    groups
}

/// Per document, in order, the first count of a faction other than
/// `faction` that is one of `values`, and the first after it with another
/// count: a count's note is the first of the two that differs from it.
/// One pass, so a text with thousands of counts stays linear.
fn other_factions_with<'a>(
    facts: &[&'a EventFacts],
    faction: Faction,
    values: &[u64],
) -> Others<'a> {
    let mut firsts: Others<'a> = Vec::new();
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
    firsts
}

/// Whether count `c`'s source gives one of the other values to another
/// faction: "this source also gives 14 for United Internationalists".
fn note(others: &Others, c: &FactionCount) -> Option<String> {
    others
        .iter()
        .find(|(d, ..)| *d == c.src.doc)
        .and_then(|(_, a, b)| if a.count != c.count { Some(*a) } else { *b })
        .map(|o| {
            format!(
                "this source also gives {} for {}",
                o.count,
                o.faction.name()
            )
        })
}

/// Each conflict with one value per source: a text repeating its figure
/// says it once.
pub(super) fn one_value_per_source(mut conflicts: Vec<Conflict>) -> Vec<Conflict> {
    for c in &mut conflicts {
        c.values = first_of_each(std::mem::take(&mut c.values));
    }
    conflicts
}

/// The first value of each (document, value) pair, in order.
fn first_of_each(values: Vec<ConflictValue>) -> Vec<ConflictValue> {
    let hash = |v: &ConflictValue| {
        let seed = 0x811c_9dc5_u32 ^ v.doc.0.wrapping_mul(0x9e37_79b9);
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

/// The distinct values, sorted, by the crate's one sort routine.
fn distinct(values: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut v: Vec<u64> = values.collect();
    crate::model::sort_u64(&mut v);
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(doc: DocId, value: &str, quote: &str) -> ConflictValue {
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
            value(DocId(1), "12", "a"),
            value(DocId(0), "12", "b"),
            value(DocId(1), "12", "c"),
            value(DocId(1), "7", "d"),
            value(DocId(0), "12", "e"),
        ];
        let kept = first_of_each(values);
        let quotes: Vec<&str> = kept.iter().map(|v| v.quote.as_str()).collect();
        assert_eq!(quotes, ["a", "b", "d"]);
        // Thousands of different values: each kept once, in order.
        let many: Vec<ConflictValue> = (0..5000)
            .flat_map(|n| {
                [
                    value(DocId(0), &n.to_string(), ""),
                    value(DocId(0), &n.to_string(), "again"),
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
}
