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
    let doc = c.add("mine.txt", DISAGREES, true);
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
fn hostile_markup_is_quoted_verbatim() {
    let text = "<img src=x onerror=alert(1)>\nThe Fourth All-Russian Congress of Soviets met in Moscow from 14 to 16 March 1918. Of the 1,232 delegates, 795 were Bolsheviks <script>alert(2)</script> and 284 Left SRs.";
    let mut c = Corpus::default();
    let doc = c.add("hostile.txt", text, true);
    let facts = provenance::document_facts(&c.documents()[doc], Style::Old);
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
