//! The charts as tables and as a keyboard path, both read from a chart's
//! [`Scene`]: the table lists exactly the regions drawn (same events, same
//! hidden factions), and arrow keys walk the same regions the pointer hits.
//!
//! A [`Table`] is plain text cells (the page inserts them as text nodes) and
//! also the chart's CSV export.

use super::{count, percent, row_name, short_name, tooltip, Hit, Scene, Target};
use crate::dataset::{Dataset, EventView, Figure, Source};

/// A chart as a table: the first cell of each row is the row's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// RFC 4180 CSV: the header line, then one line per row.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let lines = std::iter::once(&self.head).chain(&self.rows);
        for line in lines {
            for (k, cell) in line.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                crate::csv::field(&mut out, cell);
            }
            out.push('\n');
        }
        out
    }
}

/// The regions a keyboard visits, once per target, in the scene's order.
/// A column's band is left out where the column has segments to visit.
pub fn stops(scene: &Scene) -> Vec<Hit> {
    let events = scene.regions.iter().map(|h| h.target.event() + 1).max();
    // Per event, the targets kept so far: a few each, so a scan is cheap
    // and the whole pass stays linear in the regions.
    let mut kept: Vec<Vec<Target>> = vec![Vec::new(); events.unwrap_or(0)];
    let mut out: Vec<Hit> = Vec::new();
    for hit in &scene.regions {
        if let Some(seen) = kept.get_mut(hit.target.event()) {
            if !seen.contains(&hit.target) {
                seen.push(hit.target);
                out.push(*hit);
            }
        }
    }
    let has_parts = |event: usize| {
        kept.get(event)
            .is_some_and(|t| t.iter().any(|t| !matches!(t, Target::Column { .. })))
    };
    out.retain(|h| !matches!(h.target, Target::Column { .. }) || !has_parts(h.target.event()));
    out
}

/// An arrow key: left and right change event, up and down move within one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Left,
    Right,
    Up,
    Down,
}

fn centre_y(h: &Hit) -> f64 {
    h.rect.y + h.rect.h / 2.0
}

/// The stop `step` leads to from `current` (an index into `stops`); the
/// first stop when nothing is focused; `current` itself at an edge.
pub fn step(stops: &[Hit], current: Option<usize>, step: Step) -> Option<usize> {
    let Some(cur) = current.filter(|c| *c < stops.len()) else {
        return (!stops.is_empty()).then_some(0);
    };
    let here = stops[cur];
    let event = here.target.event();
    // Events in the order they are first drawn.
    let mut events: Vec<usize> = Vec::new();
    for h in stops {
        if !events.contains(&h.target.event()) {
            events.push(h.target.event());
        }
    }
    let in_event = |e: usize| (0..stops.len()).filter(move |&i| stops[i].target.event() == e);
    let y = centre_y(&here);
    let found = match step {
        Step::Up => in_event(event)
            .filter(|&i| centre_y(&stops[i]) < y)
            .max_by(|&a, &b| centre_y(&stops[a]).total_cmp(&centre_y(&stops[b]))),
        Step::Down => in_event(event)
            .filter(|&i| centre_y(&stops[i]) > y)
            .min_by(|&a, &b| centre_y(&stops[a]).total_cmp(&centre_y(&stops[b]))),
        Step::Left | Step::Right => {
            let at = events.iter().position(|e| *e == event).unwrap_or(0);
            let next = if step == Step::Left {
                at.checked_sub(1)
            } else {
                Some(at + 1)
            };
            next.and_then(|n| events.get(n)).and_then(|&e| {
                // The same faction if it is there, else the nearest height.
                let same = in_event(e).find(|&i| {
                    here.target.faction().is_some()
                        && stops[i].target.faction() == here.target.faction()
                        && stops[i].target.kind() == here.target.kind()
                });
                same.or_else(|| {
                    in_event(e).min_by(|&a, &b| {
                        (centre_y(&stops[a]) - y)
                            .abs()
                            .total_cmp(&(centre_y(&stops[b]) - y).abs())
                    })
                })
            })
        }
    };
    Some(found.unwrap_or(cur))
}

/// The stop `step` leads to on a seat chart, whose wedges run left to
/// right along each hemicycle: left and right go to the previous or next
/// wedge (on into the neighbouring hemicycle), up and down to the same
/// faction in the previous or next event, else that event's first wedge.
pub fn step_along(stops: &[Hit], current: Option<usize>, step: Step) -> Option<usize> {
    let Some(cur) = current.filter(|c| *c < stops.len()) else {
        return (!stops.is_empty()).then_some(0);
    };
    let found = match step {
        Step::Left => cur.checked_sub(1),
        Step::Right => Some(cur + 1).filter(|n| *n < stops.len()),
        Step::Up | Step::Down => {
            let here = stops[cur].target;
            let others = |i: &usize| stops[*i].target.event() != here.event();
            let next = if step == Step::Up {
                (0..cur).rev().find(others)
            } else {
                (cur + 1..stops.len()).find(others)
            };
            next.map(|n| {
                let event = stops[n].target.event();
                let same = (0..stops.len()).find(|&i| {
                    stops[i].target.event() == event
                        && here.faction().is_some()
                        && stops[i].target.faction() == here.faction()
                });
                let first = (0..stops.len()).find(|&i| stops[i].target.event() == event);
                same.or(first).unwrap_or(n)
            })
        }
    };
    Some(found.unwrap_or(cur))
}

fn strings(s: &[&str]) -> Vec<String> {
    s.iter().map(|s| s.to_string()).collect()
}

fn about(f: &Figure) -> String {
    if f.approximate {
        format!("about {}", count(f.value))
    } else {
        count(f.value)
    }
}

fn share_cell(event: &EventView, n: u32) -> String {
    event.share(n).map(percent).unwrap_or_default()
}

fn source_cells(row: &mut Vec<String>, source: Option<&Source>) {
    row.push(source.map_or(String::new(), |s| s.quote.trim().to_string()));
    row.push(source.map_or(String::new(), |s| s.doc_name.clone()));
}

/// The faction-strength chart as a table: one row per drawn segment,
/// remainder or total-only column, with count, share and source.
pub fn factions(data: &Dataset, scene: &Scene) -> Table {
    let mut rows = Vec::new();
    for hit in stops(scene) {
        let Some(event) = data.events.get(hit.target.event()) else {
            continue;
        };
        let mut row = vec![short_name(event).to_string()];
        match hit.target {
            Target::Segment { index, .. } => {
                let Some(seg) = event.segments.get(index) else {
                    continue;
                };
                row.push(seg.faction.name().to_string());
                row.push(about(&seg.figure));
                row.push(share_cell(event, seg.count()));
                source_cells(&mut row, Some(&seg.figure.source));
            }
            Target::Remainder { .. } => {
                let Some(r) = event.remainder() else {
                    continue;
                };
                row.push(row_name(None).to_string());
                row.push(count(r));
                row.push(share_cell(event, r));
                source_cells(&mut row, event.total.as_ref().map(|t| &t.source));
            }
            Target::Column { .. } => {
                let what = event.note.as_deref().unwrap_or("no faction breakdown");
                row.push(format!("Total ({what})"));
                row.push(event.total.as_ref().map(about).unwrap_or_default());
                row.push(String::new());
                source_cells(&mut row, event.total.as_ref().map(|t| &t.source));
            }
            Target::Vote { .. } | Target::Compare { .. } => continue,
        }
        rows.push(row);
    }
    Table {
        caption: "Faction strength: delegates of each faction at each event, with their share of the stated total and the sentence each figure comes from".to_string(),
        head: strings(&["Event", "Faction", "Delegates", "Share", "Quote", "Document"]),
        rows,
    }
}

/// The vote chart as a table: one row per recorded vote.
pub fn votes(data: &Dataset, scene: &Scene) -> Table {
    let mut rows = Vec::new();
    for hit in stops(scene) {
        let Target::Vote { event, vote } = hit.target else {
            continue;
        };
        let Some((e, v)) = data
            .events
            .get(event)
            .and_then(|e| Some((e, e.votes.get(vote)?)))
        else {
            continue;
        };
        let n = |n: Option<u32>| n.map(count).unwrap_or_default();
        let mut row = vec![
            short_name(e).to_string(),
            v.motion.clone(),
            v.body.clone(),
            n(v.for_),
            n(v.against),
            n(v.abstained),
            tooltip::result_line(v),
        ];
        source_cells(&mut row, Some(&v.source));
        rows.push(row);
    }
    Table {
        caption: "Votes: every recorded vote with its figures and the sentence they come from"
            .to_string(),
        head: strings(&[
            "Event",
            "Motion",
            "Voted by",
            "For",
            "Against",
            "Abstained",
            "Result",
            "Quote",
            "Document",
        ]),
        rows,
    }
}

/// The comparison of events `a` and `b` (indices into `data.events`) as
/// a table: each faction's count and share in both, the change, and the
/// sentence each count comes from. Empty if either event is missing.
pub fn compare(data: &Dataset, a: usize, b: usize) -> Table {
    let (Some(ea), Some(eb)) = (data.events.get(a), data.events.get(b)) else {
        return Table {
            caption: String::new(),
            head: Vec::new(),
            rows: Vec::new(),
        };
    };
    let (sa, sb) = (short_name(ea), short_name(eb));
    let quote = |e: &EventView, f: Option<crate::Faction>| {
        let source = match f {
            Some(f) => e
                .segments
                .iter()
                .find(|s| s.faction == f)
                .map(|s| &s.figure.source),
            None => e.total.as_ref().map(|t| &t.source),
        };
        source.map_or(String::new(), |s| {
            format!("“{}” — {}", s.quote.trim(), s.doc_name)
        })
    };
    let opt = |n: Option<u32>| n.map(count).unwrap_or_default();
    let pct = |s: Option<f64>| s.map(percent).unwrap_or_default();
    let rows = super::compare::change_rows(ea, eb)
        .into_iter()
        .map(|r| {
            vec![
                row_name(r.faction).to_string(),
                opt(r.a),
                pct(r.share_a),
                opt(r.b),
                pct(r.share_b),
                r.delta_count.map(super::signed_count).unwrap_or_default(),
                r.delta_share.map(super::signed_points).unwrap_or_default(),
                quote(ea, r.faction),
                quote(eb, r.faction),
            ]
        })
        .chain(std::iter::once({
            let total = |e: &EventView| e.total.as_ref().map(|t| t.value);
            let (ta, tb) = (total(ea), total(eb));
            let change = ta.zip(tb).map(|(x, y)| i64::from(y) - i64::from(x));
            vec![
                "Stated total".to_string(),
                opt(ta),
                String::new(),
                opt(tb),
                String::new(),
                change.map(super::signed_count).unwrap_or_default(),
                String::new(),
                quote(ea, None),
                quote(eb, None),
            ]
        }))
        .collect();
    Table {
        caption: format!("Delegates by faction: {sa} and {sb}"),
        head: vec![
            "Faction".to_string(),
            format!("{sa} delegates"),
            format!("{sa} share"),
            format!("{sb} delegates"),
            format!("{sb} share"),
            "Change".to_string(),
            "Change in share".to_string(),
            format!("Source ({sa})"),
            format!("Source ({sb})"),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{factions as bars, votes as vote_chart, ApproxMeasure, FactionSet, Mode};
    use crate::{Corpus, Faction};

    fn seeds() -> Dataset {
        Corpus::seeds().dataset()
    }

    fn bar_scene(data: &Dataset, hidden: FactionSet) -> Scene {
        let opts = bars::Options {
            mode: Mode::Absolute,
            hidden,
        };
        bars::layout(data, 900.0, 500.0, opts, &ApproxMeasure)
    }

    #[test]
    fn faction_table_has_the_second_congress_bolsheviks_with_source() {
        let data = seeds();
        let table = factions(&data, &bar_scene(&data, FactionSet::EMPTY));
        let row = table
            .rows
            .iter()
            .find(|r| r[0] == "2nd Congress" && r[1] == "Bolsheviks")
            .expect("a Second Congress Bolsheviks row");
        assert_eq!(row[2], "390");
        assert_eq!(row[3], "60.1%");
        assert!(row[4].contains("390"), "{row:?}");
        assert!(!row[5].is_empty());
        assert!(table.rows.iter().all(|r| r.len() == table.head.len()));
    }

    #[test]
    fn hidden_factions_leave_the_table() {
        let data = seeds();
        let hidden: FactionSet = [Faction::Bolsheviks].into_iter().collect();
        let table = factions(&data, &bar_scene(&data, hidden));
        assert!(!table.rows.is_empty());
        assert!(table.rows.iter().all(|r| r[1] != "Bolsheviks"));
    }

    #[test]
    fn vote_table_lists_the_first_congress_vote() {
        let data = seeds();
        let scene = vote_chart::layout(&data, 800.0, crate::calendar::Style::Old, &ApproxMeasure);
        let table = votes(&data, &scene);
        assert!(table.rows.iter().any(|r| r[3] == "543" && r[4] == "126"));
    }

    #[test]
    fn compare_table_has_both_counts_the_change_and_sources() {
        let data = seeds();
        let at = |id: &str| data.events.iter().position(|e| e.id == id).expect("event");
        let t = compare(
            &data,
            at("congress-of-soviets-1"),
            at("congress-of-soviets-2"),
        );
        let row = t.rows.iter().find(|r| r[0] == "Bolsheviks").expect("a row");
        assert_eq!(
            row[1..7],
            ["105", "13.4%", "390", "60.1%", "+285", "+46.7 pp"]
        );
        assert!(row[7].contains("105") && row[8].contains("390"), "{row:?}");
        let total = t.rows.last().expect("the total row");
        assert_eq!(total[..6], ["Stated total", "784", "", "649", "", "−135"]);
        assert!(
            total[7].contains("784") && total[8].contains("649"),
            "{total:?}"
        );
        assert_eq!(compare(&data, 0, 999).rows.len(), 0);
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let table = Table {
            caption: String::new(),
            head: strings(&["a", "b"]),
            rows: vec![vec!["x, y".into(), "say \"hi\"".into()]],
        };
        assert_eq!(table.csv(), "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
    }

    #[test]
    fn arrows_walk_events_and_factions() {
        let data = seeds();
        let scene = bar_scene(&data, FactionSet::EMPTY);
        let stops = stops(&scene);
        let find = |event: &str, f: Faction| {
            stops.iter().position(|h| {
                h.target.faction() == Some(f) && data.events[h.target.event()].id == event
            })
        };
        let second = find("congress-of-soviets-2", Faction::Bolsheviks).expect("stop");
        let first = find("congress-of-soviets-1", Faction::Bolsheviks).expect("stop");
        assert_eq!(step(&stops, Some(first), Step::Right), Some(second));
        assert_eq!(step(&stops, Some(second), Step::Left), Some(first));
        // Bolsheviks are the bottom segment: up leaves them, down stays.
        let up = step(&stops, Some(second), Step::Up).expect("a stop");
        assert_ne!(up, second);
        assert_eq!(stops[up].target.event(), stops[second].target.event());
        assert_eq!(step(&stops, Some(up), Step::Down), Some(second));
        assert_eq!(step(&stops, Some(second), Step::Down), Some(second));
        assert_eq!(step(&stops, None, Step::Down), Some(0));
        assert_eq!(step(&[], None, Step::Down), None);
        // Every event with segments has no band stop.
        assert!(stops
            .iter()
            .filter(|h| matches!(h.target, Target::Column { .. }))
            .all(|h| data.events[h.target.event()].segments.is_empty()));
    }

    #[test]
    fn seat_chart_table_and_arrows_follow_its_wedges() {
        let data = seeds();
        let opts = crate::charts::seats::Options::default();
        let scene = crate::charts::seats::layout(&data, 1280.0, opts, &ApproxMeasure);
        let stops = stops(&scene);
        // One stop per wedge, as many as the bars have regions.
        assert_eq!(
            stops.len(),
            super::stops(&bar_scene(&data, FactionSet::EMPTY)).len()
        );
        let t = factions(&data, &scene);
        assert!(t
            .rows
            .iter()
            .any(|r| r[0] == "2nd Congress" && r[1] == "Bolsheviks" && r[2] == "390"));
        let second = stops
            .iter()
            .position(|h| {
                h.target.faction() == Some(Faction::Bolsheviks)
                    && data.events[h.target.event()].id == "congress-of-soviets-2"
            })
            .expect("a stop");
        // Right walks to the next wedge of the same hemicycle, left back.
        let next = step_along(&stops, Some(second), Step::Right).expect("a stop");
        assert_eq!(stops[next].target.event(), stops[second].target.event());
        assert_ne!(stops[next].target.faction(), Some(Faction::Bolsheviks));
        assert_eq!(step_along(&stops, Some(next), Step::Left), Some(second));
        // Up goes to the event before, on the same faction.
        let up = step_along(&stops, Some(second), Step::Up).expect("a stop");
        assert_eq!(
            data.events[stops[up].target.event()].id,
            "congress-of-soviets-1"
        );
        assert_eq!(stops[up].target.faction(), Some(Faction::Bolsheviks));
        assert_eq!(step_along(&stops, Some(up), Step::Down), Some(second));
        assert_eq!(step_along(&stops, Some(0), Step::Left), Some(0));
        assert_eq!(step_along(&stops, None, Step::Left), Some(0));
    }
}
