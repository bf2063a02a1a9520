//! Figures are filed under the congress their sentence names, wherever in
//! the sentence it names it: at the start, after "Later,", "In 1917", a date
//! or an emoji, or in brackets. A sentence that names two congresses, none
//! as its subject, files nothing and says so.

use soviets::model::{EventFacts, Extraction};
use soviets::parse;

fn event<'a>(x: &'a Extraction, id: &str) -> &'a EventFacts {
    x.events.iter().find(|e| e.id == id).unwrap_or_else(|| {
        panic!(
            "no {id} in {:?}",
            x.events.iter().map(|e| &e.id).collect::<Vec<_>>()
        )
    })
}

fn delegates(x: &Extraction, id: &str) -> Vec<u32> {
    event(x, id).delegates.iter().map(|d| d.count).collect()
}

fn votes(x: &Extraction, id: &str) -> Vec<(Option<u32>, Option<u32>)> {
    event(x, id)
        .votes
        .iter()
        .map(|v| (v.for_, v.against))
        .collect()
}

fn unused_figures(x: &Extraction) -> Vec<&str> {
    x.warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.contains("figures"))
        .collect()
}

#[test]
fn later_the_second_congress_takes_its_own_vote() {
    let x = parse(
        "The First All-Russian Congress of Soviets had 1,090 delegates. Later, the Second Congress of Soviets voted 543 to 126.",
        soviets::DocId(0),
    );
    assert_eq!(delegates(&x, "congress-of-soviets-1"), [1090]);
    assert_eq!(votes(&x, "congress-of-soviets-1"), []);
    assert_eq!(votes(&x, "congress-of-soviets-2"), [(Some(543), Some(126))]);
}

#[test]
fn a_year_or_a_date_before_the_name_does_not_hide_it() {
    for lead in [
        "In 1917 the",
        "On 25 October the",
        "On 25 October (7 November) 1917, the",
        "Then, in late October, the",
    ] {
        let text = format!(
            "The First All-Russian Congress of Soviets had 1,090 delegates. {lead} Second Congress of Soviets had 649 delegates. It elected a Central Executive Committee of 101 members."
        );
        let x = parse(&text, soviets::DocId(0));
        assert_eq!(delegates(&x, "congress-of-soviets-1"), [1090], "{lead}");
        assert_eq!(delegates(&x, "congress-of-soviets-2"), [649], "{lead}");
        // The switch holds for the sentences that follow.
        let cec = &event(&x, "congress-of-soviets-2").bodies;
        assert_eq!(cec.first().and_then(|b| b.members), Some(101), "{lead}");
    }
}

#[test]
fn a_name_within_the_first_words_still_opens_the_sentence() {
    let x = parse(
        "The First Congress of Soviets had 1,090 delegates. Enter the Third Congress of Soviets. It had 1,046 delegates.",
        soviets::DocId(0),
    );
    assert_eq!(delegates(&x, "congress-of-soviets-3"), [1046]);
}

#[test]
fn a_leading_emoji_does_not_drop_the_figures() {
    for emoji in ["🚩", "🇷🇺", "⭐️", "📜 📜"] {
        let text =
            format!("{emoji} The Third All-Russian Congress of Soviets met with 1,046 delegates.");
        let x = parse(&text, soviets::DocId(0));
        assert_eq!(delegates(&x, "congress-of-soviets-3"), [1046], "{emoji}");
        assert_eq!(unused_figures(&x), Vec::<&str>::new(), "{emoji}");
    }
}

#[test]
fn a_congress_named_in_brackets_takes_the_figures() {
    let x = parse(
        "Foo (the Third All-Russian Congress of Soviets) met in January 1918 with 1,046 delegates.",
        soviets::DocId(0),
    );
    assert_eq!(delegates(&x, "congress-of-soviets-3"), [1046]);
    assert_eq!(unused_figures(&x), Vec::<&str>::new());
}

#[test]
fn a_congress_named_in_passing_takes_only_its_sentence() {
    let x = parse(
        "The Second All-Russian Congress of Soviets opened on 25 October 1917. Its delegates met in the hall where the First Congress of Soviets had counted 1,090 delegates. It had 390 Bolsheviks.",
        soviets::DocId(0),
    );
    assert_eq!(delegates(&x, "congress-of-soviets-1"), [1090]);
    let second = event(&x, "congress-of-soviets-2");
    assert_eq!(
        second.factions.iter().map(|f| f.count).collect::<Vec<_>>(),
        [390]
    );
}

#[test]
fn texts_that_alternate_between_two_congresses() {
    let text = "The First Congress of Soviets had 1,090 delegates.\n\
        The Second Congress of Soviets had 649 delegates.\n\
        At the First Congress, 285 delegates were SRs.\n\
        In the Second Congress, 390 delegates were Bolsheviks.\n\
        Later, the First Congress of Soviets voted 543 to 126.\n\
        On 26 October the Second Congress adopted the Decree on Peace unanimously. It voted 500 to 10 for the Decree on Land.";
    let x = parse(text, soviets::DocId(0));
    assert_eq!(delegates(&x, "congress-of-soviets-1"), [1090]);
    assert_eq!(delegates(&x, "congress-of-soviets-2"), [649]);
    let factions = |id| {
        event(&x, id)
            .factions
            .iter()
            .map(|f| (f.faction.id(), f.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(factions("congress-of-soviets-1"), [("srs", 285)]);
    assert_eq!(factions("congress-of-soviets-2"), [("bolsheviks", 390)]);
    assert_eq!(votes(&x, "congress-of-soviets-1"), [(Some(543), Some(126))]);
    let second = votes(&x, "congress-of-soviets-2");
    assert!(second.contains(&(Some(500), Some(10))), "{second:?}");
}

#[test]
fn two_congresses_with_no_subject_file_nothing_and_say_so() {
    let text = "The First Congress of Soviets had 1,090 delegates. \
        Compared with the Second Congress and the Third Congress, there were 649 delegates.";
    let x = parse(text, soviets::DocId(0));
    assert_eq!(delegates(&x, "congress-of-soviets-1"), [1090]);
    assert_eq!(delegates(&x, "congress-of-soviets-2"), []);
    assert_eq!(delegates(&x, "congress-of-soviets-3"), []);
    let w = x
        .warnings
        .iter()
        .find(|w| w.message.contains("names several congresses"))
        .expect("a warning");
    let quote = w.src.expect("quoted").quote(text);
    assert!(quote.starts_with("Compared with") && quote.ends_with("649 delegates."));
}
