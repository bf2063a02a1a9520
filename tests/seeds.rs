//! The facts each seed document must yield, stated exactly, through the
//! public API.

mod common;

use common::{delegates, event, factions, votes};
use soviets::calendar::{Basis, Date, Style};
use soviets::model::{BodyKind, DelegateKind, Outcome, Stage, VotingBody};
use soviets::seeds::SEEDS;
use soviets::{parse, Corpus, Faction};

fn seed(n: usize) -> (&'static str, soviets::Extraction) {
    let text = SEEDS[n].1;
    (text, parse(text, soviets::DocId(n as u32)))
}

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).expect("valid date")
}

#[test]
fn seed_000_first_congress_resolution_vote() {
    let (text, x) = seed(0);
    assert_eq!(
        x.meta.title.as_deref(),
        Some("Resolutions Adopted By the First All-Russian Congress of Soviets")
    );
    assert_eq!(
        x.meta.origin.as_deref(),
        Some("http://community.dur.ac.uk/a.k.harrington/congsovs.html")
    );
    let e = event(&x, "congress-of-soviets-1");
    assert_eq!(votes(e), vec![(Some(543), Some(126), Some(52), false)]);
    assert_eq!(e.votes[0].body, VotingBody::Plenary);
    assert_eq!(e.votes[0].outcome, Some(Outcome::Adopted));
    assert_eq!(
        e.votes[0].src.quote(text),
        "This resolution ... was accepted by a vote of 543 to 126 (52 not voting) ..."
    );
}

#[test]
fn seed_001_first_congress() {
    let (text, x) = seed(1);
    let e = event(&x, "congress-of-soviets-1");
    assert_eq!(e.name, "First All-Russian Congress of Soviets");
    assert_eq!(e.starts[0].date.written, d(1917, 6, 3));
    assert_eq!(e.starts[0].date.basis, Basis::Unstated);
    let ends: Vec<_> = e.ends.iter().map(|f| f.date.written.day).collect();
    assert_eq!(
        ends,
        vec![22, 24],
        "the heading and the prose disagree on the end"
    );
    assert_eq!(
        delegates(e),
        vec![(DelegateKind::Total, 1090), (DelegateKind::FullVote, 784)]
    );
    assert!(e.delegates[0].approximate, "\"some 1,090\" is approximate");
    let rep: Vec<_> = e
        .represented
        .iter()
        .map(|r| (r.count, r.unit.as_str(), r.deputies, r.approximate))
        .collect();
    assert_eq!(
        rep,
        vec![
            (53, "regional/provincial soviets", Some(106), true),
            (305, "local soviets", Some(610), true),
            (34, "military organisations", Some(68), true),
        ]
    );
    use Faction::*;
    assert_eq!(
        factions(e),
        vec![
            (Srs, 285, false),
            (Mensheviks, 248, false),
            (Bolsheviks, 105, false),
            (Others, 111, false)
        ]
    );
    assert!(e.factions.iter().all(|f| f.base == DelegateKind::FullVote));
    let subs: Vec<_> = e
        .factions
        .iter()
        .flat_map(|f| {
            f.subcounts
                .iter()
                .map(move |s| (f.faction, s.count, s.what.as_str(), s.approximate))
        })
        .collect();
    assert_eq!(
        subs,
        vec![
            (Srs, 20, "sympathetic to this party", false),
            (Mensheviks, 8, "sympathetic", false),
            (Others, 7, "delegates did not answer", true),
        ]
    );
    assert_eq!(
        e.factions[0].src.quote(text),
        "285 Socialist-Revolutionary (20 sympathetic to this party)"
    );
    assert_eq!(
        votes(e),
        vec![
            (None, Some(8), None, false),
            (None, None, None, true),
            (None, None, None, true),
            (None, None, None, true),
            (Some(543), Some(126), Some(52), false),
        ]
    );
    let motions: Vec<_> = e.votes.iter().map(|v| v.motion.as_str()).collect();
    assert_eq!(
        motions,
        vec![
            "to convince the Allies to end the war with Germany and conclude a general peace as soon as possible",
            "the convocation of the Constituent Assembly",
            "the right of minority nations and peoples in Russia to self-determination",
            "the need for state control of the economy",
            "to support the Provisional government",
        ]
    );
}

#[test]
fn seed_001_second_and_ninth_congress() {
    let (_, x) = seed(1);
    let e = event(&x, "congress-of-soviets-2");
    assert_eq!(
        (e.starts[0].date.written, e.ends[0].date.written),
        (d(1917, 10, 25), d(1917, 10, 26))
    );
    assert_eq!(delegates(e), vec![(DelegateKind::Total, 649)]);
    assert_eq!(e.represented[0].count, 318);
    assert!(e.represented[0].soviets && !e.represented[0].itemised);
    use Faction::*;
    assert_eq!(
        factions(e),
        vec![
            (Bolsheviks, 390, false),
            (Srs, 160, false),
            (Mensheviks, 72, false),
            (MenshevikInternationalists, 14, false),
            (Others, 13, false)
        ]
    );
    let left = e
        .factions
        .iter()
        .find(|f| f.faction == LeftSrs)
        .expect("Left SRs");
    assert_eq!(
        (left.count, left.approximate, left.part_of),
        (100, true, Some(Srs))
    );
    // The SR caucus vote is not a vote of the congress.
    assert_eq!(e.votes.len(), 1);
    let v = &e.votes[0];
    assert_eq!(
        (v.for_, v.against, v.body),
        (Some(60), Some(92), VotingBody::Caucus(Srs))
    );
    assert_eq!(v.outcome, Some(Outcome::Rejected));

    let e = event(&x, "congress-of-soviets-9");
    assert_eq!(e.starts[0].date.style, Some(Style::New));
    assert_eq!(e.starts[0].date.basis, Basis::AfterSwitch);
    assert_eq!(e.ends[0].date.new, Some(d(1921, 12, 28)));
    assert_eq!(
        delegates(e),
        vec![
            (DelegateKind::Total, 1993),
            (DelegateKind::FullVote, 1631),
            (DelegateKind::Consultative, 362)
        ]
    );
    let cec = &e.bodies[0];
    assert_eq!(
        (cec.kind, cec.members, cec.alternates),
        (BodyKind::CentralExecutiveCommittee, Some(386), Some(127))
    );
}

#[test]
fn seed_002_party_conference() {
    let (_, x) = seed(2);
    assert_eq!(
        x.meta.title.as_deref(),
        Some("The Seventh (April) All-Russia Conference of the R.S.D.L.P.(B.)")
    );
    assert_eq!(x.meta.origin.as_deref(), Some("V. I. Lenin"));
    let e = event(&x, "rsdlp-b-conference-7");
    assert_eq!(e.name, "Seventh Conference of the RSDLP(b)");
    assert_eq!(
        (e.starts[0].date.written, e.ends[0].date.written),
        (d(1917, 4, 24), d(1917, 4, 29))
    );
    assert_eq!(
        e.starts[0].date.style, None,
        "the text does not state the style"
    );
    // The Pravda line's date is kept, both styles read from "May 15 (2)".
    let pravda = e.dates[0].date;
    assert_eq!(
        (pravda.new, pravda.old),
        (Some(d(1917, 5, 15)), Some(d(1917, 5, 2)))
    );
    assert_eq!(x.warnings.len(), 1);
    assert!(
        x.warnings[0].message.contains("the number 46"),
        "{:?}",
        x.warnings
    );
}

#[test]
fn seed_003_second_congress() {
    let (_, x) = seed(3);
    let e = event(&x, "congress-of-soviets-2");
    let start = e.starts[0].date;
    assert_eq!(
        (start.old, start.new, start.basis),
        (
            Some(d(1917, 10, 25)),
            Some(d(1917, 11, 7)),
            Basis::BothGiven
        )
    );
    assert!(e
        .ends
        .iter()
        .all(|f| f.date.old == Some(d(1917, 10, 27)) && f.date.new == Some(d(1917, 11, 9))));
    assert_eq!(
        delegates(e),
        vec![
            (DelegateKind::Total, 649),
            (DelegateKind::Questionnaire, 670)
        ]
    );
    let listed: Vec<u32> = e.represented.iter().map(|r| r.count).collect();
    assert_eq!(listed, vec![195, 119, 46, 22, 19, 1]);
    assert!(e.represented.iter().all(|r| r.soviets && r.itemised));
    use Faction::*;
    assert_eq!(
        factions(e),
        vec![
            (Bolsheviks, 390, false),
            (Srs, 160, false),
            (Mensheviks, 72, false),
            (UnitedInternationalists, 14, false),
            (MenshevikInternationalists, 6, false)
        ]
    );
    let later: Vec<_> = e
        .factions
        .iter()
        .filter(|f| f.stage == Stage::Later)
        .map(|f| (f.faction, f.count))
        .collect();
    assert_eq!(later, vec![(Bolsheviks, 472), (LeftSrs, 179)]);
    let body = |k| e.bodies.iter().find(|b| b.kind == k).expect("body");
    let cec = body(BodyKind::CentralExecutiveCommittee);
    assert_eq!(cec.members, Some(101));
    assert_eq!(
        cec.factions
            .iter()
            .map(|m| (m.faction, m.count))
            .collect::<Vec<_>>(),
        vec![(Bolsheviks, 62), (LeftSrs, 29)]
    );
    let presidium = body(BodyKind::Presidium);
    assert_eq!(
        presidium
            .factions
            .iter()
            .map(|m| (m.faction, m.count))
            .collect::<Vec<_>>(),
        vec![(Bolsheviks, 14), (LeftSrs, 7), (UkrainianSrs, 1)]
    );
    assert_eq!(
        body(BodyKind::CouncilOfPeoplesCommissars).solely,
        Some(Bolsheviks)
    );
    assert_eq!(
        votes(e),
        vec![
            (Some(505), None, None, false),
            (None, Some(2), Some(12), false),
            (None, None, None, true),
            (None, Some(1), Some(8), false),
            (None, None, None, false),
        ]
    );
    assert_eq!(e.votes[0].body, VotingBody::Questionnaire);
    assert_eq!(e.votes[3].motion, "the Decree of Land");
    assert!(e.votes[4].majority);
    assert_eq!(
        e.votes[4].motion,
        "the Decree for the Organization of Power"
    );
}

#[test]
fn seed_004_conference_of_soviets() {
    let (text, x) = seed(4);
    let e = event(&x, "conference-of-soviets-1917-04");
    assert_eq!(e.name, "All-Russian Conference of Soviets");
    assert_eq!(
        (e.starts[0].date.written, e.ends[0].date.written),
        (d(1917, 4, 11), d(1917, 4, 16))
    );
    assert_eq!(delegates(e), vec![(DelegateKind::Total, 480)]);
    let rep: Vec<_> = e.represented.iter().map(|r| (r.count, r.soviets)).collect();
    assert_eq!(rep, vec![(139, true), (13, false), (7, false), (26, false)]);
    assert!(factions(e).is_empty(), "the conference has no breakdown");
    assert_eq!(votes(e), vec![(Some(57), Some(325), None, false)]);
    assert_eq!(e.votes[0].motion, "a resolution to end the war");
    assert_eq!(e.votes[0].date.map(|d| d.written), Some(d(1917, 4, 12)));
    assert!(e.votes[0]
        .src
        .quote(text)
        .starts_with("On April 12, Kamenev"));
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
}

#[test]
fn the_four_seed_conflicts_are_kept() {
    let c = Corpus::seeds();
    let found: Vec<(String, String, Vec<String>)> = c
        .conflicts()
        .iter()
        .map(|c| {
            (
                c.event.clone(),
                c.what.clone(),
                c.values.iter().map(|v| v.value.clone()).collect(),
            )
        })
        .collect();
    let has = |event: &str, what: &str, values: &[&str]| {
        assert!(
            found.iter().any(|(e, w, v)| e == event
                && w == what
                && v.iter().map(String::as_str).eq(values.iter().copied())),
            "missing conflict {event} {what} {values:?} in {found:#?}"
        );
    };
    has(
        "congress-of-soviets-2",
        "Menshevik-Internationalists",
        &["14", "6"],
    );
    has(
        "congress-of-soviets-2",
        "soviets represented",
        &["318", "402"],
    );
    has(
        "congress-of-soviets-2",
        "end date",
        &["26 October 1917 (style not stated)", "27 Oct (9 Nov) 1917"],
    );
    has(
        "congress-of-soviets-1",
        "end date",
        &[
            "22 June 1917 (style not stated)",
            "24 June 1917 (style not stated)",
        ],
    );
    assert_eq!(found.len(), 4, "{found:#?}");
    let mi = c
        .conflicts()
        .iter()
        .find(|c| c.what == "Menshevik-Internationalists")
        .expect("MI");
    assert_eq!(
        mi.values[1].note.as_deref(),
        Some("this source also gives 14 for United Internationalists")
    );
    assert_eq!(mi.values[0].source, "001_3d3518b6e59d5438.txt");
}

#[test]
fn arithmetic_checks_keep_the_remainders() {
    let c = Corpus::seeds();
    let got: Vec<(&str, i64, &str)> = c
        .checks()
        .iter()
        .map(|k| (k.event.as_str(), k.remainder, k.detail.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("congress-of-soviets-1", 35, "285 + 248 + 105 + 111"),
            ("congress-of-soviets-1", 63, "543 + 126 + 52"),
            ("congress-of-soviets-1", 0, "106 + 610 + 68"),
            ("congress-of-soviets-2", 0, "390 + 160 + 72 + 14 + 13"),
            ("congress-of-soviets-2", 7, "390 + 160 + 72 + 14 + 6"),
            ("congress-of-soviets-2", 10, "62 + 29"),
            ("congress-of-soviets-2", 165, "505"),
            ("congress-of-soviets-9", 0, "1631 + 362"),
            ("conference-of-soviets-1917-04", 98, "57 + 325"),
        ]
    );
    assert_eq!(
        c.checks()[1].what,
        "votes cast (to support the Provisional government) against delegates (full vote)"
    );
}

#[test]
fn dataset_columns_in_chronological_order() {
    let ds = Corpus::seeds().dataset();
    let ids: Vec<&str> = ds.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "conference-of-soviets-1917-04",
            "rsdlp-b-conference-7",
            "congress-of-soviets-1",
            "congress-of-soviets-2",
            "congress-of-soviets-9"
        ]
    );
    let second = &ds.events[3];
    assert_eq!(second.total.as_ref().map(|t| t.value), Some(649));
    let b = &second.segments[0];
    assert_eq!((b.faction, b.count()), (Faction::Bolsheviks, 390));
    assert_eq!(b.figure.source.doc_name, "001_3d3518b6e59d5438.txt");
    assert_eq!(
        b.later.iter().map(|f| f.value).collect::<Vec<_>>(),
        vec![472]
    );
    let mi = second
        .segments
        .iter()
        .find(|s| s.faction == Faction::MenshevikInternationalists)
        .expect("MI");
    assert_eq!((mi.count(), mi.alternatives[0].value), (14, 6));
    let srs = second
        .segments
        .iter()
        .find(|s| s.faction == Faction::Srs)
        .expect("SRs");
    assert_eq!(srs.parts, vec!["about 100 Left SRs"]);
    assert_eq!(second.remainder(), None);
    assert_eq!(second.date_label(Style::Old), "25–27 Oct (7–9 Nov) 1917");
    let first = &ds.events[2];
    assert_eq!(
        (first.total.as_ref().map(|t| t.value), first.remainder()),
        (Some(784), Some(35))
    );
    assert_eq!(first.total_label, "delegates with full vote");
    assert_eq!(first.votes.len(), 5);
    let corroborated = first
        .votes
        .iter()
        .find(|v| v.for_ == Some(543))
        .expect("543");
    assert_eq!(corroborated.corroborated_by.len(), 1);
    let conference = &ds.events[0];
    assert!(conference.segments.is_empty());
    assert_eq!(
        conference.note.as_deref(),
        Some("No faction breakdown in the sources")
    );
    assert_eq!(ds.events[4].total.as_ref().map(|t| t.value), Some(1993));
    // Choosing the other source for the Second Congress.
    let other = Corpus::seeds().dataset_preferring(Some(soviets::DocId(3)));
    let mi = other.events[3]
        .segments
        .iter()
        .find(|s| s.faction == Faction::MenshevikInternationalists)
        .expect("MI");
    assert_eq!((mi.count(), mi.alternatives[0].value), (6, 14));
}
