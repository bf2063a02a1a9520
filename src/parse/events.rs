//! Recognising names of congresses and conferences: "the Second All-Russian
//! Congress of Soviets", "The Seventh (April) All-Russia Conference of the
//! R.S.D.L.P.(B.)", "The first convocation of a Congress of Soviets",
//! "All-Russian Congress of Workers' and Soldiers' Soviet Deputies, Second".

use crate::model::EventKind;
use crate::text::{ordinal, Kind, Kw, Token};

/// A place where a sentence names an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub kind: EventKind,
    pub ordinal: Option<u32>,
    /// First token of the name (the ordinal, "All", "The first convocation").
    pub first: usize,
    /// Token index one past the name.
    pub last: usize,
    /// For [`EventKind::Other`]: the name as written (filled in by the
    /// parser, which has the text).
    pub text: Option<String>,
}

pub(crate) use crate::names::names;

/// Tokens that may stand between an ordinal and "Congress".
fn skippable(t: &Token) -> bool {
    matches!(t.kind, Kind::Punct('-' | '(' | ')' | '–'))
        || matches!(
            t.word(),
            "all" | "russian" | "russia" | "ukrainian" | "extraordinary" | "new" | "union"
        )
        || t.month().is_some()
}

/// Every event named in `toks`.
pub(crate) fn mentions(toks: &[Token]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !matches!(t.kw(), Kw::Congress | Kw::Conference) {
            continue;
        }
        let noun = t.word();
        // Backwards: an ordinal, "All-Russian", "(April)", or "first convocation of a".
        let mut first = i;
        let mut ord = None;
        let mut ukrainian = false;
        let mut all_union = false;
        let mut j = i;
        let mut steps = 0;
        while j > 0 && steps < 8 {
            let p = &toks[j - 1];
            if let Some(n) = ordinal(p) {
                ord = Some(n);
                first = j - 1;
                break;
            }
            if matches!(p.word(), "a" | "the")
                && j >= 3
                && toks[j - 2].word() == "of"
                && toks[j - 3].word() == "convocation"
            {
                j -= 3;
                first = j;
                steps += 3;
                continue;
            }
            if !skippable(p) {
                break;
            }
            ukrainian |= p.word() == "ukrainian";
            all_union |= p.word() == "union";
            if p.word() == "all" {
                first = j - 1;
            }
            j -= 1;
            steps += 1;
        }
        // Forwards: "of Soviets", "of Workers' and Soldiers' Deputies", "of the R.S.D.L.P.(B.)".
        let mut last = i + 1;
        let mut soviets = false;
        let mut peasants_only = None::<bool>;
        let mut party = false;
        // Capitalised words that make this some other gathering: "of the Northern Region".
        let mut qualified = false;
        if toks.get(i + 1).map(Token::word) == Some("of") {
            let mut k = i + 2;
            while k < toks.len() && k < i + 14 {
                let w = toks[k].word();
                match &toks[k].kind {
                    Kind::Word(_) => {}
                    Kind::Punct('-' | '\'') => {
                        k += 1;
                        continue;
                    }
                    _ => break,
                }
                if w.starts_with("soviet") || w == "deputies" || w == "councils" {
                    soviets = true;
                } else if w == "peasants'" || w == "peasant" || w == "peasants" {
                    peasants_only.get_or_insert(true);
                } else if matches!(w, "workers'" | "soldiers'" | "workers" | "soldiers") {
                    peasants_only = Some(false);
                } else if matches!(w, "rsdlp(b)" | "rsdlp" | "rcp(b)" | "party" | "bolsheviks") {
                    party = true;
                } else if !matches!(w, "of" | "the" | "a" | "and" | "all" | "russian" | "russia")
                    && !w.ends_with('\'')
                {
                    if w.chars().next().is_some_and(char::is_alphabetic) && toks[k].capital {
                        qualified = true;
                    } else {
                        break;
                    }
                }
                k += 1;
                last = k;
            }
        }
        // Trailing ordinal of a catalogue heading: "..., Second".
        if ord.is_none()
            && toks.get(last).is_some_and(|t| t.is_punct(','))
            && last + 2 == toks.len()
        {
            if let Some(n) = toks.get(last + 1).and_then(ordinal) {
                ord = Some(n);
                last += 2;
            }
        }
        // A party congress ("the Seventh Congress of the RCP(B)") and an
        // All-Union congress are named as written: neither is a congress of
        // soviets of Russia, nor the party conference the kind stands for.
        let kind = if (party && noun == "congress") || all_union {
            EventKind::Other
        } else if party {
            EventKind::PartyConference
        } else if ukrainian && noun == "congress" {
            EventKind::UkrainianCongress
        } else if peasants_only == Some(true) && noun == "congress" {
            EventKind::PeasantsCongress
        } else if qualified {
            EventKind::Other
        } else if soviets || ord.is_some() {
            if noun == "congress" {
                EventKind::CongressOfSoviets
            } else {
                EventKind::ConferenceOfSoviets
            }
        } else {
            continue; // "the Congress": a reference, not a name.
        };
        // "All-Russian Congress of Soviets" with no number names the series,
        // not one congress; a conference of soviets was held once.
        if kind == EventKind::CongressOfSoviets && ord.is_none() {
            continue;
        }
        // Other gatherings keep their ordinal in the name as written.
        let ord = if kind == EventKind::Other { None } else { ord };
        out.push(Mention {
            kind,
            ordinal: ord,
            first,
            last,
            text: None,
        });
    }
    out
}

/// Stable id stem; unnumbered events get their year and month appended once known.
pub(crate) fn id_stem(kind: EventKind, text: Option<&str>) -> String {
    match kind {
        EventKind::CongressOfSoviets => "congress-of-soviets".into(),
        EventKind::ConferenceOfSoviets => "conference-of-soviets".into(),
        EventKind::PeasantsCongress => "peasants-congress".into(),
        EventKind::UkrainianCongress => "ukrainian-congress-of-soviets".into(),
        EventKind::PartyConference => "rsdlp-b-conference".into(),
        EventKind::Other => {
            let mut slug = String::new();
            for c in text.unwrap_or("other").chars() {
                if c.is_ascii_alphanumeric() {
                    slug.push(c.to_ascii_lowercase());
                } else if !slug.ends_with('-') {
                    slug.push('-');
                }
            }
            slug.trim_matches('-').to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn one(s: &str) -> Option<(EventKind, Option<u32>)> {
        let toks = tokenize(s, 0);
        mentions(&toks).first().map(|m| (m.kind, m.ordinal))
    }

    #[test]
    fn names_in_many_phrasings() {
        use EventKind::*;
        assert_eq!(
            one("The Second All-Russian Congress of Soviets met"),
            Some((CongressOfSoviets, Some(2)))
        );
        assert_eq!(
            one("The Ninth All-Russia Congress of Soviets sat"),
            Some((CongressOfSoviets, Some(9)))
        );
        assert_eq!(one("Second Congress"), Some((CongressOfSoviets, Some(2))));
        assert_eq!(
            one("The first convocation of a Congress of Soviets in Russia"),
            Some((CongressOfSoviets, Some(1)))
        );
        assert_eq!(
            one("All-Russian Congress of Workers' and Soldiers' Soviet Deputies, Second"),
            Some((CongressOfSoviets, Some(2)))
        );
        assert_eq!(
            one("The Seventh (April) All-Russia Conference of the R.S.D.L.P.(B.)"),
            Some((PartyConference, Some(7)))
        );
        assert_eq!(
            one("= All-Russian Conference of the Soviets ="),
            Some((ConferenceOfSoviets, None))
        );
        assert_eq!(
            one("the 3rd Congress of Soviets"),
            Some((CongressOfSoviets, Some(3)))
        );
        assert_eq!(
            one("the First All-Russian Congress of Peasants' Deputies"),
            Some((PeasantsCongress, Some(1)))
        );
        assert_eq!(
            one("the First All-Ukrainian Congress of Soviets"),
            Some((UkrainianCongress, Some(1)))
        );
        assert_eq!(
            one("the Congress of the Northern Region"),
            Some((Other, None))
        );
        assert_eq!(
            one("the Seventh Congress of the RCP(B)"),
            Some((Other, None))
        );
        assert_eq!(
            one("The First All-Union Congress of Soviets"),
            Some((Other, None))
        );
        assert_eq!(one("All-Russian Congress of the Soviet"), None);
        assert_eq!(one("the Congress voted"), None);
    }
}
