//! Display names of events, long ("Second All-Russian Congress of
//! Soviets") and short ("2nd Congress"): shared by the parser, which names
//! the events it finds, and the dataset, which labels chart columns, so the
//! page's module needs no parser to label them.

use crate::model::{EventFacts, EventKind};

/// English ordinal word, capitalised: 2 → "Second".
pub fn ordinal_word(n: u32) -> String {
    const W: [&str; 20] = [
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    ];
    W.get((n as usize).wrapping_sub(1))
        .map_or_else(|| format!("{n}{}", suffix(n)), |w| (*w).to_string())
}

/// "st", "nd", "rd", "th".
pub fn suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    }
}

/// Display name and short axis label of an event.
pub fn names(kind: EventKind, ord: Option<u32>, text: Option<&str>) -> (String, String) {
    let long = |base: &str| match ord {
        Some(n) => format!("{} {base}", ordinal_word(n)),
        None => base.to_string(),
    };
    let short = |base: &str| match ord {
        Some(n) => format!("{n}{} {base}", suffix(n)),
        None => base.to_string(),
    };
    match kind {
        EventKind::CongressOfSoviets => {
            (long("All-Russian Congress of Soviets"), short("Congress"))
        }
        EventKind::ConferenceOfSoviets => (
            long("All-Russian Conference of Soviets"),
            short("Conference of Soviets"),
        ),
        EventKind::PeasantsCongress => (
            long("All-Russian Congress of Peasants' Deputies"),
            short("Peasants' Congress"),
        ),
        EventKind::UkrainianCongress => (
            long("All-Ukrainian Congress of Soviets"),
            short("Ukrainian Congress"),
        ),
        EventKind::PartyConference => (long("Conference of the RSDLP(b)"), short("RSDLP(b) Conf.")),
        EventKind::Other => {
            let t = text.unwrap_or("Congress");
            (long(t), short(t))
        }
    }
}

/// The long and short names of an event that has been read: an unnamed
/// gathering keeps the name the text gave it.
pub fn of(e: &EventFacts) -> (String, String) {
    match e.kind {
        EventKind::Other => (e.name.clone(), e.name.clone()),
        k => names(k, e.ordinal, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names() {
        assert_eq!(
            names(EventKind::CongressOfSoviets, Some(2), None),
            (
                "Second All-Russian Congress of Soviets".to_string(),
                "2nd Congress".to_string()
            )
        );
        assert_eq!(suffix(11), "th");
        assert_eq!(suffix(21), "st");
        assert_eq!(ordinal_word(25), "25th");
    }
}
