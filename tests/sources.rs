//! The rules behind the page's source panel, through the public API: a
//! user's document that disagrees with the seeds becomes a conflict and an
//! alternative, the source selector's rule, and hostile markup kept as text.

use soviets::calendar::Style;
use soviets::provenance::{self, FactKind};
use soviets::{Corpus, Faction};

const DISAGREES: &str = "At the Second All-Russian Congress of Soviets, held from 25 to 27 October (7 to 9 November) 1917, there were 650 delegates: 400 Bolsheviks, 160 SRs and 72 Mensheviks.";

#[test]
fn a_disagreeing_user_text_is_a_conflict_and_an_alternative() {
    let mut c = Corpus::seeds();
    let before = c.conflicts().len();
    let doc = c.add("mine.txt", DISAGREES, soviets::corpus::Origin::Reader);
    let bolsheviks = c
        .conflicts()
        .iter()
        .find(|x| x.event == "congress-of-soviets-2" && x.faction == Some(Faction::Bolsheviks))
        .expect("the Bolshevik count is contested");
    assert!(bolsheviks
        .values
        .iter()
        .any(|v| v.value == "400" && v.doc == doc));
    assert!(bolsheviks.values.iter().any(|v| v.value == "390"));
    assert!(c.conflicts().len() > before);

    let second = |data: &soviets::Dataset| {
        let e = data
            .events
            .iter()
            .find(|e| e.id == "congress-of-soviets-2")
            .cloned()
            .expect("present");
        let s = e
            .segments
            .iter()
            .find(|s| s.faction == Faction::Bolsheviks)
            .cloned()
            .expect("present");
        (
            s.count(),
            s.alternatives.iter().map(|f| f.value).collect::<Vec<_>>(),
        )
    };
    // The default rule keeps the seed breakdown that accounts for more
    // delegates; choosing the user's document draws its figure.
    let (drawn, others) = second(&c.dataset());
    assert_eq!(drawn, 390);
    assert!(others.contains(&400));
    let (drawn, others) = second(&c.dataset_preferring(Some(doc)));
    assert_eq!(drawn, 400);
    assert!(others.contains(&390));
}

#[test]
fn events_only_a_user_text_reports_are_labelled_as_theirs() {
    let mut c = Corpus::seeds();
    c.add("third.txt", "The Third All-Russian Congress of Soviets met from 10 to 18 January 1918. Of the 707 delegates, 441 were Bolsheviks.", soviets::corpus::Origin::Reader);
    c.add("mine.txt", DISAGREES, soviets::corpus::Origin::Reader);
    let short = |id: &str| {
        c.dataset()
            .events
            .iter()
            .find(|e| e.id == id)
            .map(|e| (e.short.clone(), e.user_added))
    };
    assert_eq!(
        short("congress-of-soviets-3"),
        Some(("3rd Congress (yours)".to_string(), true))
    );
    // A seed event the user's text also reports stays the seeds'.
    assert_eq!(
        short("congress-of-soviets-2"),
        Some(("2nd Congress".to_string(), false))
    );
}

#[test]
fn hostile_markup_is_quoted_verbatim() {
    let text = "<img src=x onerror=alert(1)>\nThe Fourth All-Russian Congress of Soviets met in Moscow from 14 to 16 March 1918. Of the 1,232 delegates, 795 were Bolsheviks <script>alert(2)</script> and 284 Left SRs.";
    let mut c = Corpus::default();
    let doc = c.add("hostile.txt", text, soviets::corpus::Origin::Reader);
    let facts = provenance::document_facts(c.doc(doc).expect("added"), Style::Old);
    let bolsheviks = facts
        .iter()
        .find(|f| f.kind == FactKind::Faction(Faction::Bolsheviks))
        .expect("the Bolshevik count is read");
    assert!(text[bolsheviks.start..bolsheviks.end].contains("<script>alert(2)</script>"));
}

#[test]
fn seed_events_know_what_else_their_sources_dispute() {
    let data = Corpus::seeds().dataset();
    let disputed = |id: &str| {
        data.events
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.disputed.clone())
            .unwrap_or_default()
    };
    assert_eq!(disputed("congress-of-soviets-1"), ["end date"]);
    assert_eq!(
        disputed("congress-of-soviets-2"),
        ["end date", "soviets represented"]
    );
    assert!(disputed("congress-of-soviets-9").is_empty());
}

#[test]
fn a_document_parsed_elsewhere_joins_like_one_parsed_here() {
    let text = "The Third All-Russian Congress of Soviets met from 10 to 18 January 1918. Of the 707 delegates, 441 were Bolsheviks and 205 Left SRs.";
    let mut here = Corpus::seeds();
    here.add("third.txt", text, soviets::corpus::Origin::Reader);
    let mut there = Corpus::seeds();
    let bytes = soviets::codec::encode(&soviets::parse(text, soviets::DocId(0)));
    let x = soviets::codec::decode(&bytes, there.next_id()).expect("decodes");
    there.add_parsed("third.txt", text, soviets::corpus::Origin::Reader, x);
    assert_eq!(here.dataset(), there.dataset());
    assert_eq!(here.conflicts(), there.conflicts());
}

#[test]
fn a_text_repeated_many_times_says_each_thing_once() {
    let seed = soviets::seeds::SEEDS[3].1;
    let mut once = Corpus::seeds();
    once.add("again.txt", seed, soviets::corpus::Origin::Reader);
    let mut many = Corpus::seeds();
    many.add(
        "again.txt",
        &format!("{seed}\n\n").repeat(50),
        soviets::corpus::Origin::Reader,
    );
    let votes = |c: &Corpus| {
        c.dataset()
            .events
            .iter()
            .map(|e| e.votes.len())
            .sum::<usize>()
    };
    assert_eq!(votes(&once), votes(&many));
    assert_eq!(once.checks().len(), many.checks().len());
    for c in many.conflicts() {
        for (i, v) in c.values.iter().enumerate() {
            assert!(
                !c.values[..i]
                    .iter()
                    .any(|k| k.doc == v.doc && k.value == v.value),
                "{c:?}"
            );
        }
    }
    // Every value and check points at its own quote.
    for c in many.conflicts() {
        for v in &c.values {
            let text = &many.doc(v.doc).expect("in the corpus").text;
            assert_eq!(&text[v.at.0..v.at.1], v.quote);
        }
    }
    for k in many.checks() {
        assert_eq!(many.quote(k.at), k.quote);
    }
}

#[test]
fn vote_headings_lead_with_the_chosen_style() {
    use soviets::charts::{votes, ApproxMeasure, Mark};
    let data = Corpus::seeds().dataset();
    let texts = |lead| {
        votes::layout(&data, 900.0, lead, &ApproxMeasure)
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(texts(Style::Old).contains("25–27 Oct (7–9 Nov) 1917"));
    assert!(texts(Style::New).contains("7–9 Nov (25–27 Oct) 1917"));
}
