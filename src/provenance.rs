//! Provenance for the page's source panel and audit views: the quote behind
//! a chart region, every fact one document yields (with its sentence), the
//! arithmetic of each event in words, the conflicts of each event as lines,
//! and the faction lineage across events.
//!
//! Plain data for the web layer to show as text; nothing here draws.

use crate::calendar::Style;
use crate::charts::Target;
use crate::corpus::{Check, Corpus, Doc};
use crate::dataset::{Dataset, Source};
use crate::factions::Faction;
use crate::format::{count, group, split_once, Join};
use crate::model::{BodyKind, Span};
use crate::view::Chart;

/// The quote a chart region shows: a segment's figure, a column's or
/// remainder's stated total, a vote's sentence.
pub fn source_of(data: &Dataset, target: Target) -> Option<&Source> {
    let event = data.events.get(target.event())?;
    let total = || event.total.as_ref().map(|t| &t.source);
    let faction_source = |f: Faction| {
        event
            .segments
            .iter()
            .find(|s| s.faction == f)
            .map(|s| &s.figure.source)
    };
    match target {
        Target::Segment { index, .. } => event.segments.get(index).map(|s| &s.figure.source),
        Target::Compare {
            faction: Some(f), ..
        } => faction_source(f).or_else(total),
        Target::Vote { vote, .. } => event.votes.get(vote).map(|v| &v.source),
        Target::Remainder { .. } | Target::Column { .. } | Target::Compare { .. } => total()
            .or_else(|| event.segments.first().map(|s| &s.figure.source))
            .or_else(|| event.votes.first().map(|v| &v.source)),
    }
}

/// What a fact is about, so the page can link it to its chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Faction(Faction),
    Delegates,
    Vote,
    /// Dates, represented soviets, elected bodies: shown in tooltips and
    /// the panel, not as bars.
    Other,
}

/// One fact of a document, as a line of text with its sentence's range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactLine {
    pub event: String,
    pub event_name: String,
    pub kind: FactKind,
    /// "Bolsheviks: 390", "Vote: 543 for, 126 against, 52 abstained".
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Every fact `doc` yields, event by event, in the order the parser keeps them.
pub fn document_facts(doc: &Doc, lead: Style) -> Vec<FactLine> {
    let mut out = Vec::new();
    for e in &doc.extraction.events {
        let mut push = |kind, text: String, span: Span| {
            out.push(FactLine {
                event: e.id.clone(),
                event_name: e.name.clone(),
                kind,
                text,
                start: span.start,
                end: span.end,
            });
        };
        for (what, dates) in [("Opened", &e.starts), ("Closed", &e.ends)] {
            for d in dates {
                push(
                    FactKind::Other,
                    format!("{what}: {}", d.date.label(lead)),
                    d.src,
                );
            }
        }
        for d in &e.delegates {
            let about = if d.approximate { "about " } else { "" };
            let text = format!("Delegates ({}): {about}{}", d.kind.label(), count(d.count));
            push(FactKind::Delegates, text, d.src);
        }
        for r in &e.represented {
            push(
                FactKind::Other,
                format!("Represented: {} {}", count(r.count), r.unit),
                r.src,
            );
        }
        for f in &e.factions {
            let about = if f.approximate { "about " } else { "" };
            let stage = match (f.stage, f.part_of) {
                (crate::model::Stage::Later, _) => " (later in the event)".to_string(),
                (_, Some(p)) => format!(" (part of {})", p.name()),
                _ => String::new(),
            };
            let text = format!("{}: {about}{}{stage}", f.faction.name(), count(f.count));
            push(FactKind::Faction(f.faction), text, f.src);
        }
        for b in &e.bodies {
            let size = b
                .members
                .map_or_else(String::new, |m| format!(": {} members", count(m)));
            let name = match b.kind {
                BodyKind::CentralExecutiveCommittee => "Central Executive Committee",
                k => k.name(),
            };
            push(FactKind::Other, format!("{name}{size}"), b.src);
        }
        for v in &e.votes {
            let mut parts = Vec::new();
            for (n, word) in [
                (v.for_, "for"),
                (v.against, "against"),
                (v.abstained, "abstained"),
            ] {
                if let Some(n) = n {
                    parts.push(format!("{} {word}", count(n)));
                }
            }
            if v.unanimous {
                parts.push("unanimous".to_string());
            }
            let figures = if parts.is_empty() {
                "no figures".to_string()
            } else {
                parts.joined(", ")
            };
            push(
                FactKind::Vote,
                format!("Vote on {}: {figures}", v.motion),
                v.src,
            );
        }
    }
    out
}

/// The chart a fact is drawn in (the faction chart or the vote chart) and
/// its region there; `None` for an event not in `data`.
pub fn target_of(
    data: &Dataset,
    fact: &FactLine,
    doc: crate::model::DocId,
) -> Option<(Chart, Target)> {
    let event = data.events.iter().position(|e| e.id == fact.event)?;
    let view = &data.events[event];
    let column = (Chart::Factions, Target::Column { event });
    let from_here = |s: &Source| s.doc == doc && s.start == fact.start;
    Some(match fact.kind {
        FactKind::Faction(faction) => view
            .segments
            .iter()
            .position(|s| s.faction == faction)
            .map_or(column, |index| {
                let target = Target::Segment {
                    event,
                    index,
                    faction,
                };
                (Chart::Factions, target)
            }),
        FactKind::Vote => view
            .votes
            .iter()
            .position(|v| from_here(&v.source) || v.corroborated_by.iter().any(from_here))
            .map_or(column, |vote| (Chart::Votes, Target::Vote { event, vote })),
        FactKind::Delegates | FactKind::Other => column,
    })
}

/// One event's arithmetic: the stated figures and each check as a sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arithmetic {
    pub event: String,
    pub event_name: String,
    /// The stated figures, one per kind and value, each with its sentence:
    /// "1,090 delegates", "784 with a full vote".
    pub stated: Vec<(String, Span)>,
    /// The event's checks; [`check_line`] writes each as a line.
    pub checks: Vec<Check>,
}

/// The stated delegate figures of one event's `facts` (from every
/// document), one per kind and value, in words.
fn stated(facts: &[&crate::model::EventFacts]) -> Vec<(String, Span)> {
    use crate::model::DelegateKind;
    let mut parts = Vec::new();
    let mut seen: Vec<(DelegateKind, u32)> = Vec::new();
    for d in facts.iter().flat_map(|e| &e.delegates) {
        if seen.contains(&(d.kind, d.count)) {
            continue;
        }
        seen.push((d.kind, d.count));
        let n = count(d.count);
        let words = match d.kind {
            DelegateKind::Total => format!("{n} delegates"),
            DelegateKind::FullVote => format!("{n} with a full vote"),
            DelegateKind::Consultative => format!("{n} with a consultative voice"),
            DelegateKind::Questionnaire => format!("{n} filled in questionnaires"),
        };
        parts.push((words, d.src));
    }
    parts
}

/// A check as one line, its remainder named: "Faction sum: 285 + 248 +
/// 105 + 111 = 749 of 784 delegates (full vote); 35 not assigned to any faction".
pub fn check_line(c: &Check) -> String {
    let gap = c.kind.gap();
    let (head, of) = split_once(&c.what, " against ").unwrap_or((&c.what, ""));
    let mut head = head.to_string();
    if let Some(first) = head.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    let of = if of.is_empty() {
        String::new()
    } else {
        format!(" {of}")
    };
    let sum = if c.detail.contains('+') {
        format!("{} = {}", c.detail, group(c.computed))
    } else {
        group(c.computed)
    };
    let rest = match c.remainder {
        0 => "all accounted for".to_string(),
        r if r > 0 => format!("{} {gap}", group(r.unsigned_abs())),
        r => format!("the parts exceed it by {}", group(r.unsigned_abs())),
    };
    format!("{head}: {sum} of {}{of}; {rest}", count(c.stated))
}

/// Every event with stated figures or checks, in the corpus's order.
pub fn arithmetic(corpus: &Corpus) -> Vec<Arithmetic> {
    let mut out: Vec<Arithmetic> = Vec::new();
    for (id, facts) in corpus.events() {
        let checks: Vec<Check> = corpus
            .checks()
            .iter()
            .filter(|c| c.event == id)
            .cloned()
            .collect();
        let stated = stated(&facts);
        if checks.is_empty() && stated.is_empty() {
            continue;
        }
        out.push(Arithmetic {
            event_name: facts.first().map_or_else(String::new, |e| e.name.clone()),
            event: id,
            stated,
            checks,
        });
    }
    out
}

/// Lines for the tooltip of event `id`: each disagreement with every value
/// and its source.
pub fn conflict_lines(corpus: &Corpus, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for c in corpus.conflicts().iter().filter(|c| c.event == id) {
        out.push(format!(
            "{} sources disagree on {}:",
            c.values.len(),
            c.what
        ));
        for v in &c.values {
            out.push(format!("  {} — {}", v.value, v.source));
        }
    }
    out
}

/// One line of descent: a faction, what split from it, and the events at
/// which each appears in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub faction: Faction,
    /// Short names of the events with a segment for this faction.
    pub seen_at: Vec<String>,
    /// How it came about (for a child).
    pub how: Option<&'static str>,
    pub since: Option<(i32, u8)>,
}

/// The parent factions that split or were renamed, each followed by its
/// children: SRs → Left SRs / Right SRs ..., Mensheviks →
/// Menshevik-Internationalists, Bolsheviks → Communists.
pub fn lineage(data: &Dataset) -> Vec<(Branch, Vec<Branch>)> {
    let branch = |f: Faction| Branch {
        faction: f,
        seen_at: data
            .events
            .iter()
            .filter(|e| e.segments.iter().any(|s| s.faction == f))
            .map(|e| e.short.clone())
            .collect(),
        how: f.lineage().map(|l| l.how),
        since: f.lineage().map(|l| l.since),
    };
    Faction::ALL
        .into_iter()
        .filter(|f| f.children().next().is_some())
        .map(|f| (branch(f), f.children().map(branch).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> (Corpus, Dataset) {
        let c = Corpus::seeds();
        let d = c.dataset();
        (c, d)
    }

    #[test]
    fn a_segment_region_leads_to_its_quote() {
        let (_, data) = seeds();
        let event = data
            .events
            .iter()
            .position(|e| e.id == "congress-of-soviets-2")
            .expect("present");
        let index = data.events[event]
            .segments
            .iter()
            .position(|s| s.faction == Faction::Bolsheviks)
            .expect("present");
        let target = Target::Segment {
            event,
            index,
            faction: Faction::Bolsheviks,
        };
        let src = source_of(&data, target).expect("present");
        assert!(src.quote.contains("390 were Bolshevik"), "{}", src.quote);
        let col = source_of(&data, Target::Column { event }).expect("present");
        assert!(col.quote.contains("649"), "{}", col.quote);
    }

    #[test]
    fn every_fact_of_a_document_has_its_sentence() {
        let (c, data) = seeds();
        for doc in c.documents() {
            for f in document_facts(doc, Style::Old) {
                let quote = doc.text.get(f.start..f.end).expect("present");
                assert!(!quote.is_empty(), "{f:?}");
                let (chart, _) = target_of(&data, &f, doc.id).expect("the fact's event is charted");
                assert!(chart == Chart::Factions || chart == Chart::Votes);
            }
        }
        let doc = &c.documents()[3];
        let facts = document_facts(doc, Style::Old);
        assert!(facts.iter().any(|f| f.text == "Bolsheviks: 390"));
        assert!(facts
            .iter()
            .any(|f| f.text == "Bolsheviks: 472 (later in the event)"));
        let vote = facts
            .iter()
            .find(|f| f.kind == FactKind::Vote)
            .expect("a vote");
        assert_eq!(
            target_of(&data, vote, doc.id).expect("present").0,
            Chart::Votes
        );
    }

    #[test]
    fn first_congress_arithmetic_names_every_gap() {
        let (c, _) = seeds();
        let rows = arithmetic(&c);
        let first = rows
            .iter()
            .find(|r| r.event == "congress-of-soviets-1")
            .expect("present");
        let stated: Vec<&str> = first.stated.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(stated, ["1,090 delegates", "784 with a full vote"]);
        for (_, span) in &first.stated {
            assert!(c.quote(*span).contains("1,090"), "{}", c.quote(*span));
        }
        let all: Vec<String> = first.checks.iter().map(check_line).collect();
        let all = all.join("\n");
        assert!(
            all.contains("285 + 248 + 105 + 111 = 749 of 784")
                && all.contains("35 not assigned to any faction"),
            "{all}"
        );
        assert!(
            all.contains("543 + 126 + 52 = 721 of 784")
                && all.contains("63 not recorded as voting"),
            "{all}"
        );
    }

    #[test]
    fn check_lines_say_when_parts_exceed_the_total() {
        let c = Check {
            event: "x".into(),
            event_name: "X".into(),
            kind: crate::corpus::CheckKind::FactionSum,
            what: "faction sum against delegates (total)".into(),
            stated: 10,
            computed: 12,
            remainder: -2,
            detail: "6 + 6".into(),
            source: "d".into(),
            quote: "q".into(),
            at: Span::new(crate::DocId(0), 0, 1),
        };
        assert_eq!(
            check_line(&c),
            "Faction sum: 6 + 6 = 12 of 10 delegates (total); the parts exceed it by 2"
        );
    }

    #[test]
    fn every_seed_conflict_has_lines_with_each_source() {
        let (c, _) = seeds();
        assert!(c.conflicts().len() >= 4);
        for conflict in c.conflicts() {
            let lines = conflict_lines(&c, &conflict.event).join("\n");
            assert!(lines.contains(&conflict.what), "{lines}");
            for v in &conflict.values {
                assert!(lines.contains(&v.value) && lines.contains(&v.source));
            }
        }
    }

    #[test]
    fn lineage_lists_the_splits() {
        let (_, data) = seeds();
        let tree = lineage(&data);
        let kids = |f: Faction| {
            tree.iter()
                .find(|(p, _)| p.faction == f)
                .map(|(_, k)| k.iter().map(|b| b.faction).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        assert!(kids(Faction::Srs).contains(&Faction::LeftSrs));
        assert!(kids(Faction::Srs).contains(&Faction::RightSrs));
        assert_eq!(
            kids(Faction::Mensheviks),
            [Faction::MenshevikInternationalists]
        );
        assert_eq!(kids(Faction::Bolsheviks), [Faction::Communists]);
        let srs = &tree
            .iter()
            .find(|(p, _)| p.faction == Faction::Srs)
            .expect("present")
            .0;
        assert!(srs.seen_at.len() >= 2, "{srs:?}");
    }
}
