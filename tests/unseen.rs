//! The parser on texts written for these tests: congresses not in the seeds,
//! in phrasings the seeds do not use.

mod common;

use common::{delegates, event, factions, votes};
use soviets::calendar::{Basis, Date, Style};
use soviets::model::{BodyKind, DelegateKind, EventKind, Outcome, VotingBody};
use soviets::{parse, Corpus, Faction};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).expect("valid date")
}

#[test]
fn third_congress_in_january_1918() {
    let text = "The Third All-Russian Congress of Soviets of Workers', Soldiers' and Peasants' Deputies was held in Petrograd from 10 to 18 January (23 to 31 January) 1918. It was attended by 1,046 delegates with a decisive vote. Of these, 441 were Bolsheviks, 250 Left S.R.s, and 32 Menshevik-Internationalists. The congress approved the Declaration of Rights of the Working and Exploited People by 600 votes to 50, with 20 abstentions. It elected a Central Executive Committee of 306 members, including 160 Bolsheviks and 125 Left SRs.";
    let x = parse(text, soviets::DocId(0));
    let e = event(&x, "congress-of-soviets-3");
    assert_eq!(e.name, "Third All-Russian Congress of Soviets");
    let s = e.starts[0].date;
    assert_eq!(
        (s.old, s.new, s.basis),
        (Some(d(1918, 1, 10)), Some(d(1918, 1, 23)), Basis::BothGiven)
    );
    assert_eq!(delegates(e), vec![(DelegateKind::FullVote, 1046)]);
    use Faction::*;
    assert_eq!(
        factions(e),
        vec![
            (Bolsheviks, 441, false),
            (LeftSrs, 250, false),
            (MenshevikInternationalists, 32, false)
        ]
    );
    assert_eq!(votes(e), vec![(Some(600), Some(50), Some(20), false)]);
    assert_eq!(
        e.votes[0].motion,
        "the Declaration of Rights of the Working and Exploited People"
    );
    let cec = &e.bodies[0];
    assert_eq!(
        (cec.kind, cec.members),
        (BodyKind::CentralExecutiveCommittee, Some(306))
    );
    assert_eq!(cec.factions.len(), 2);
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
}

#[test]
fn fifth_congress_after_the_calendar_switch() {
    let text = "Fifth Congress\nJuly 4-10, 1918\n\nThe Fifth All-Russian Congress of Soviets opened in Moscow on July 4, 1918. Some 1,164 delegates attended, of whom 773 were Bolsheviks and 353 were Left Socialist-Revolutionaries. A Left SR motion of no confidence in the Council of People's Commissars was defeated by 745 votes to 352.";
    let x = parse(text, soviets::DocId(0));
    let e = event(&x, "congress-of-soviets-5");
    assert_eq!(e.starts[0].date.basis, Basis::AfterSwitch);
    assert_eq!(e.starts[0].date.style, Some(Style::New));
    assert_eq!(e.ends[0].date.old, None, "no Old Style after February 1918");
    assert_eq!(delegates(e), vec![(DelegateKind::Total, 1164)]);
    assert!(e.delegates[0].approximate);
    assert_eq!(
        factions(e),
        vec![
            (Faction::Bolsheviks, 773, false),
            (Faction::LeftSrs, 353, false)
        ]
    );
    let v = &e.votes[0];
    assert_eq!(
        (v.for_, v.against, v.outcome),
        (Some(352), Some(745), Some(Outcome::Rejected))
    );
    assert_eq!(v.body, VotingBody::Plenary);
    assert!(
        e.bodies.is_empty(),
        "a body named in a motion is not an election"
    );
}

#[test]
fn peasants_congress_with_number_words() {
    let text = "The First All-Russian Congress of Peasants' Deputies met in Petrograd from 4 to 28 May (17 May to 10 June) 1917. Roughly 1,115 delegates took part. The SRs held a large majority; the Bolsheviks had only fourteen delegates. A resolution supporting the coalition government was adopted with twenty votes against and thirty-one abstentions.";
    let x = parse(text, soviets::DocId(0));
    let e = event(&x, "peasants-congress-1");
    assert_eq!(e.kind, EventKind::PeasantsCongress);
    assert_eq!(e.ends[0].date.new, Some(d(1917, 6, 10)));
    assert_eq!(delegates(e), vec![(DelegateKind::Total, 1115)]);
    assert!(e.delegates[0].approximate);
    assert_eq!(factions(e), vec![(Faction::Bolsheviks, 14, false)]);
    assert_eq!(votes(e), vec![(None, Some(20), Some(31), false)]);
    assert_eq!(
        e.votes[0].motion,
        "A resolution supporting the coalition government"
    );
}

#[test]
fn eighth_congress_with_communists_and_non_party() {
    let text = "The Eighth All-Russian Congress of Soviets was held in Moscow on 22-29 December 1920. Of its 2,537 delegates, 1,728 had a decisive vote and 809 a consultative one. By party, 2,284 were Communists, 48 non-party delegates, 8 Mensheviks, 2 Bundists and 2 Left SRs.";
    let x = parse(text, soviets::DocId(0));
    let e = event(&x, "congress-of-soviets-8");
    assert_eq!(e.starts[0].date.basis, Basis::AfterSwitch);
    assert_eq!(
        delegates(e),
        vec![
            (DelegateKind::Total, 2537),
            (DelegateKind::FullVote, 1728),
            (DelegateKind::Consultative, 809)
        ]
    );
    use Faction::*;
    assert_eq!(
        factions(e),
        vec![
            (Communists, 2284, false),
            (NonParty, 48, false),
            (Mensheviks, 8, false),
            (Bundists, 2, false),
            (LeftSrs, 2, false)
        ]
    );
}

#[test]
fn regional_congress_is_named_as_written() {
    let text = "The Congress of Soviets of the Northern Region met in Petrograd on 11 October (24 October) 1917. It was attended by 94 delegates: 51 Bolsheviks, 24 Left SRs and 19 others.";
    let x = parse(text, soviets::DocId(0));
    assert_eq!(x.events.len(), 1);
    let e = &x.events[0];
    assert_eq!(e.kind, EventKind::Other);
    assert_eq!(e.name, "Congress of Soviets of the Northern Region");
    assert_eq!(e.id, "congress-of-soviets-of-the-northern-region-1917-10");
    assert_eq!(delegates(e), vec![(DelegateKind::Total, 94)]);
    assert_eq!(factions(e).len(), 3);
}

#[test]
fn a_user_text_joins_the_seed_corpus() {
    let mut c = Corpus::seeds();
    let n = c.add("fifth.txt", "The Fifth All-Russian Congress of Soviets opened on July 4, 1918. It was attended by 1,164 delegates: 773 Bolsheviks and 353 Left SRs.", soviets::corpus::Origin::Reader);
    assert_eq!(n, soviets::DocId(5));
    let ds = c.dataset();
    let last = ds
        .events
        .iter()
        .find(|e| e.id == "congress-of-soviets-5")
        .expect("fifth");
    assert_eq!(
        (last.id.as_str(), last.user_added),
        ("congress-of-soviets-5", true)
    );
    assert_eq!(last.segments[0].count(), 773);
    assert_eq!(last.segments[0].figure.source.doc_name, "fifth.txt");
    assert!(c.remove(n).is_some());
    assert_eq!(c.dataset().events.len(), 5);
}

#[test]
fn texts_with_nothing_to_find_say_what_was_looked_for() {
    let x = parse(
        "A recipe for borscht: 3 beets, 2 carrots, 1 onion.",
        soviets::DocId(0),
    );
    assert!(x.events.is_empty());
    let last = x.warnings.last().expect("warning");
    assert!(
        last.message
            .starts_with("no congress or conference of soviets is named"),
        "{}",
        last.message
    );
    assert!(x
        .warnings
        .iter()
        .any(|w| w.message.contains("the number 3")));
}
