//! A generated dataset of any size, for stress tests and benchmarks of the
//! charts. Deterministic: the same arguments give the same figures.

use crate::dataset::{Dataset, EventView, Figure, Segment, Source, VoteView};
use crate::factions::Faction;

fn figure(value: u32) -> Figure {
    Figure {
        value,
        approximate: false,
        source: Source {
            doc: crate::model::DocId(0),
            doc_name: "synthetic".to_string(),
            start: 0,
            end: 0,
            quote: "A generated figure.".to_string(),
        },
    }
}

/// `events` events of `factions` segments each; segment `j` is faction
/// `Faction::ALL[j % Faction::ALL.len()]`. Each total leaves a small unaccounted remainder
/// on two events in three, and each event has one vote (every fifth a caucus
/// vote).
pub fn dataset(events: u32, factions: u32) -> Dataset {
    let mut out = Vec::with_capacity(events as usize);
    for i in 0..events {
        let mut segments = Vec::with_capacity(factions as usize);
        let mut sum = 0;
        for j in 0..factions {
            let figure = figure(5 + (i * 131 + j * 71 + 17) % 97);
            sum += figure.value;
            segments.push(Segment {
                faction: Faction::ALL[j as usize % Faction::ALL.len()],
                figure,
                alternatives: Vec::new(),
                parts: Vec::new(),
                later: Vec::new(),
            });
        }
        let plenary = i % 5 != 0;
        out.push(EventView {
            id: format!("synthetic-{}", i + 1),
            name: format!("Synthetic event {}", i + 1),
            short: format!("Event {}", i + 1),
            start: None,
            end: None,
            total: Some(figure(sum + (i % 3) * 10)),
            total_label: "delegates".to_string(),
            segments,
            note: None,
            user_added: false,
            disputed: Vec::new(),
            votes: vec![VoteView {
                motion: format!("Motion {}", i + 1),
                body: if plenary { "plenary" } else { "caucus" }.to_string(),
                plenary,
                for_: Some(100 + (i * 37) % 400),
                against: Some((i * 53) % 200),
                abstained: Some((i * 11) % 50),
                unanimous: false,
                majority: false,
                corroborated_by: Vec::new(),
                source: figure(0).source,
            }],
        });
    }
    Dataset { events: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_data_has_the_requested_shape() {
        let d = dataset(100, 30);
        assert_eq!(d.events.len(), 100);
        assert!(d.events.iter().all(|e| e.segments.len() == 30));
        assert_eq!(
            d.events[0].segments[Faction::ALL.len()].faction,
            Faction::Bolsheviks
        );
        assert_eq!(d.events[1].remainder(), Some(10));
        assert_eq!(d.events[0].remainder(), None);
        assert_eq!(dataset(100, 30), d);
        assert!(dataset(0, 5).events.is_empty());
    }
}
