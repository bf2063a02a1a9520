//! The text shown for a hovered chart region: the numbers with their
//! sources, as plain lines (the page sets them as text, never as HTML).

use super::{count, percent, Target, UNACCOUNTED};
use crate::calendar::Style;
use crate::dataset::{Dataset, EventView, Figure, Segment, Source, VoteView};

/// Lines of text describing `target`, with dates in the `lead` style
/// first; empty if it is not in `data`.
pub fn lines_in(data: &Dataset, target: Target, lead: Style) -> Vec<String> {
    let Some(event) = data.events.get(target.event()) else {
        return Vec::new();
    };
    let mut out = vec![event.name.clone(), event.date_label(lead)];
    if event.user_added {
        out.push("From a document you added".to_string());
    }
    match target {
        Target::Segment { index, .. } => match event.segments.get(index) {
            Some(seg) => segment(&mut out, event, seg),
            None => return Vec::new(),
        },
        Target::Compare {
            faction: Some(faction),
            ..
        } => match event.segments.iter().find(|s| s.faction == faction) {
            Some(seg) => segment(&mut out, event, seg),
            None => out.push(format!("{}: not listed", faction.name())),
        },
        Target::Remainder { .. } | Target::Compare { faction: None, .. } => {
            remainder(&mut out, event)
        }
        Target::Column { .. } => column(&mut out, event),
        Target::Vote { vote, .. } => match event.votes.get(vote) {
            Some(v) => vote_lines(&mut out, v),
            None => return Vec::new(),
        },
    }
    out
}

/// What an event's seats are: members of an elected body, or delegates.
fn nouns(event: &EventView) -> (&'static str, &'static str) {
    if event.total_label.starts_with("members") {
        ("member", "members")
    } else {
        ("delegate", "delegates")
    }
}

/// "390 delegates", "about 100 delegates", "62 members".
fn delegates(event: &EventView, f: &Figure) -> String {
    let about = if f.approximate { "about " } else { "" };
    let (one, many) = nouns(event);
    let noun = if f.value == 1 { one } else { many };
    format!("{about}{} {noun}", count(f.value))
}

/// "“quote” — document".
fn quoted(s: &Source) -> String {
    format!("“{}” — {}", s.quote.trim(), s.doc_name)
}

/// "60.1% of 649 delegates with full vote".
fn share_of(event: &EventView, n: u32) -> Option<String> {
    let share = event.share(n)?;
    let base = event.share_base();
    Some(match &event.total {
        Some(t) if t.value == base => {
            format!(
                "{} of {} {}",
                percent(share),
                count(base),
                event.total_label
            )
        }
        _ => format!("{} of {} counted", percent(share), count(base)),
    })
}

fn total_line(event: &EventView) -> Option<String> {
    let t = event.total.as_ref()?;
    let about = if t.approximate { "about " } else { "" };
    Some(format!(
        "Total: {about}{} {}",
        count(t.value),
        event.total_label
    ))
}

/// Adds `line` if there is one.
fn push(out: &mut Vec<String>, line: Option<String>) {
    if let Some(line) = line {
        out.push(line);
    }
}

fn segment(out: &mut Vec<String>, event: &EventView, seg: &Segment) {
    out.push(format!(
        "{}: {}",
        seg.faction.name(),
        delegates(event, &seg.figure)
    ));
    push(out, share_of(event, seg.count()));
    push(out, total_line(event));
    for p in &seg.parts {
        out.push(format!("Of these: {p}"));
    }
    out.push(quoted(&seg.figure.source));
    for f in &seg.later {
        out.push(format!(
            "Later: {} — {}",
            delegates(event, f),
            quoted(&f.source)
        ));
    }
    for f in &seg.alternatives {
        out.push(format!(
            "Other source: {} — “{}” — {}",
            count(f.value),
            f.source.quote.trim(),
            f.source.doc_name
        ));
    }
}

fn remainder(out: &mut Vec<String>, event: &EventView) {
    let Some(r) = event.remainder() else {
        out.push(format!("{UNACCOUNTED}: none"));
        return;
    };
    out.push(format!("{UNACCOUNTED}: {} {}", count(r), nouns(event).1));
    if let Some(share) = share_of(event, r) {
        out.push(format!(
            "{share}, not assigned to any faction in the sources"
        ));
    }
    push(out, total_line(event));
    push(out, event.total.as_ref().map(|t| quoted(&t.source)));
}

fn column(out: &mut Vec<String>, event: &EventView) {
    push(out, total_line(event));
    for s in &event.segments {
        out.push(format!(
            "{}: {}",
            s.faction.name(),
            delegates(event, &s.figure)
        ));
    }
    if let Some(r) = event.remainder().filter(|_| !event.segments.is_empty()) {
        out.push(format!("{UNACCOUNTED}: {}", count(r)));
    }
    push(out, event.note.clone());
    if event.total.is_none() && event.segments.is_empty() && event.note.is_none() {
        out.push("No delegate figures in the sources".to_string());
    }
}

/// The body's description, and what it means for the vote.
fn body_line(v: &VoteView) -> String {
    if v.plenary {
        format!("Voted by: {}", v.body)
    } else {
        format!("Voted by: {} (not a vote of the whole assembly)", v.body)
    }
}

/// "For 543 · Against 126 · Abstained 52", "Unanimous", ...
pub(crate) fn result_line(v: &VoteView) -> String {
    let mut line = String::new();
    for (name, n) in [
        ("For", v.for_),
        ("Against", v.against),
        ("Abstained", v.abstained),
    ] {
        let Some(n) = n else { continue };
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(name);
        line.push(' ');
        line.push_str(&count(n));
    }
    let extra = if v.unanimous {
        Some("Unanimous")
    } else if v.majority {
        Some("Adopted by a majority")
    } else {
        None
    };
    if let Some(extra) = extra {
        if line.is_empty() {
            line = format!("{extra}, no count recorded");
        } else {
            line = format!("{extra}: {line}");
        }
    }
    if line.is_empty() {
        line = "No figures recorded".to_string();
    }
    line
}

fn vote_lines(out: &mut Vec<String>, v: &VoteView) {
    out.insert(0, v.motion.clone());
    out.push(body_line(v));
    out.push(result_line(v));
    out.push(quoted(&v.source));
    match v.corroborated_by.len() {
        0 => {}
        1 => out.push(format!(
            "Also reported by {}",
            v.corroborated_by[0].doc_name
        )),
        n => out.push(format!("Also reported by {n} other sources")),
    }
}

/// One line for a screen reader: "2nd Congress, Bolsheviks, 390
/// delegates, 60.1 percent"; empty if `target` is not in `data`.
pub fn announce(data: &Dataset, target: Target) -> String {
    let Some(event) = data.events.get(target.event()) else {
        return String::new();
    };
    let name = super::short_name(event);
    let spoken = |share: Option<f64>| {
        share.map_or(String::new(), |s| {
            format!(", {} percent", percent(s).trim_end_matches('%'))
        })
    };
    let figure = |f: &Figure| format!("{}{}", delegates(event, f), spoken(event.share(f.value)));
    match target {
        Target::Segment { index, .. } => event.segments.get(index).map_or(String::new(), |s| {
            let contested = if s.contested() {
                ", sources disagree"
            } else {
                ""
            };
            format!(
                "{name}, {}, {}{contested}",
                s.faction.name(),
                figure(&s.figure)
            )
        }),
        Target::Compare {
            faction: Some(f), ..
        } => match event.segments.iter().find(|s| s.faction == f) {
            Some(s) => format!("{name}, {}, {}", f.name(), figure(&s.figure)),
            None => format!("{name}, {}, not listed", f.name()),
        },
        Target::Remainder { .. } | Target::Compare { faction: None, .. } => {
            match event.remainder() {
                Some(r) => format!(
                    "{name}, {UNACCOUNTED}, {} {}{}",
                    count(r),
                    nouns(event).1,
                    spoken(event.share(r))
                ),
                None => format!("{name}, {UNACCOUNTED}, none"),
            }
        }
        Target::Column { .. } => match &event.total {
            Some(t) => format!("{name}, total {}", delegates(event, t)),
            None => format!("{name}, no delegate figures"),
        },
        Target::Vote { vote, .. } => event.votes.get(vote).map_or(String::new(), |v| {
            format!("{name}, {}, {}", v.motion, result_line(v))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    #[test]
    fn announcements_say_event_faction_count_and_share() {
        let data = Corpus::seeds().dataset();
        let (event, e) = data
            .events
            .iter()
            .enumerate()
            .find(|(_, e)| e.id == "congress-of-soviets-2")
            .expect("the Second Congress");
        let index = e
            .segments
            .iter()
            .position(|s| s.faction == crate::Faction::Bolsheviks)
            .expect("its Bolsheviks");
        let target = Target::Segment {
            event,
            index,
            faction: crate::Faction::Bolsheviks,
        };
        assert_eq!(
            announce(&data, target),
            "2nd Congress, Bolsheviks, 390 delegates, 60.1 percent"
        );
        assert_eq!(announce(&data, Target::Column { event: 999 }), "");
    }
}
