//! The parser on texts written for these tests in the structures real
//! reference texts use (encyclopedia articles and their mirrors, archive
//! glossaries, editorial notes, period newspaper tables), with different
//! sentences and numbers. Each text lists every fact a careful reader takes
//! from it, and the warnings a trap must raise; each has its own test, and
//! `recall_and_precision` scores the parser on the whole set:
//!
//! ```sh
//! cargo test --test phrasings -- --nocapture
//! ```
//!
//! Recall: expected facts (and expected warnings) found / expected.
//! Precision: facts found that are expected / all facts found.

// A native test: the size rules of clippy.toml are for the wasm.
#![allow(clippy::disallowed_methods)]

use soviets::model::{BodyKind, DelegateKind, Extraction, Stage, VotingBody};
use soviets::parse;

/// One test text and what a careful reader takes from it.
struct Case {
    name: &'static str,
    text: &'static str,
    /// Every fact, as [`facts`] writes it.
    facts: &'static [&'static str],
    /// Substrings, each of which some warning must contain.
    warns: &'static [&'static str],
}

/// Every fact of an extraction as one line, e.g. `congress-of-soviets-2
/// faction bolsheviks 390`. Approximate figures carry a `~`.
fn facts(x: &Extraction) -> Vec<String> {
    let mut out = Vec::new();
    let n = |approx: bool, v: u32| format!("{}{v}", if approx { "~" } else { "" });
    let opt = |v: Option<u32>| v.map_or("-".to_string(), |v| v.to_string());
    for e in &x.events {
        let id = &e.id;
        for d in &e.starts {
            let w = d.date.written;
            out.push(format!("{id} start {}-{:02}-{:02}", w.year, w.month, w.day));
        }
        for d in &e.ends {
            let w = d.date.written;
            out.push(format!("{id} end {}-{:02}-{:02}", w.year, w.month, w.day));
        }
        for d in &e.delegates {
            let kind = match d.kind {
                DelegateKind::Total => "total",
                DelegateKind::FullVote => "full",
                DelegateKind::Consultative => "consultative",
                DelegateKind::Questionnaire => "questionnaire",
            };
            out.push(format!(
                "{id} delegates {kind} {}",
                n(d.approximate, d.count)
            ));
        }
        for r in &e.represented {
            out.push(format!("{id} represented {}", n(r.approximate, r.count)));
        }
        for f in &e.factions {
            let what = match (f.stage, f.part_of) {
                (Stage::Later, _) => "faction-later".to_string(),
                (Stage::Opening, Some(p)) => format!("part-of-{}", p.id()),
                (Stage::Opening, None) => "faction".to_string(),
            };
            out.push(format!(
                "{id} {what} {} {}",
                f.faction.id(),
                n(f.approximate, f.count)
            ));
        }
        for b in &e.bodies {
            let key = match b.kind {
                BodyKind::CentralExecutiveCommittee => "cec",
                BodyKind::Presidium => "presidium",
                BodyKind::CouncilOfPeoplesCommissars => "sovnarkom",
            };
            if let Some(m) = b.members {
                out.push(format!("{id} {key} members {m}"));
            }
            if let Some(a) = b.alternates {
                out.push(format!("{id} {key} alternates {a}"));
            }
            for m in &b.factions {
                out.push(format!(
                    "{id} {key} {} {}",
                    m.faction.id(),
                    n(m.approximate, m.count)
                ));
            }
            if let Some(f) = b.solely {
                out.push(format!("{id} {key} solely {}", f.id()));
            }
        }
        for v in &e.votes {
            let body = match v.body {
                VotingBody::Plenary => "plenary".to_string(),
                VotingBody::Caucus(f) => format!("caucus-{}", f.id()),
                VotingBody::Questionnaire => "questionnaire".to_string(),
            };
            let mut flags = String::new();
            if v.unanimous {
                flags.push_str(" unanimous");
            }
            if v.majority {
                flags.push_str(" majority");
            }
            out.push(format!(
                "{id} vote {body} {}/{}/{}{flags}",
                opt(v.for_),
                opt(v.against),
                opt(v.abstained)
            ));
        }
    }
    out.sort();
    out
}

/// (expected found, expected, found that are expected, found) for one case.
fn score(c: &Case) -> (usize, usize, usize, usize) {
    let x = parse(c.text, soviets::DocId(0));
    let got = facts(&x);
    let mut left: Vec<&str> = c.facts.to_vec();
    let mut right = 0;
    for g in &got {
        if let Some(k) = left.iter().position(|e| e == g) {
            left.remove(k);
            right += 1;
        }
    }
    let warned = c
        .warns
        .iter()
        .filter(|w| x.warnings.iter().any(|m| m.message.contains(*w)))
        .count();
    (
        right + warned,
        c.facts.len() + c.warns.len(),
        right,
        got.len(),
    )
}

/// Asserts that a case's facts are exactly the expected ones and that its
/// expected warnings are raised.
fn check(c: &Case) {
    let x = parse(c.text, soviets::DocId(0));
    let got = facts(&x);
    let mut want: Vec<String> = c.facts.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "facts of {}", c.name);
    for w in c.warns {
        assert!(
            x.warnings.iter().any(|m| m.message.contains(w)),
            "{}: no warning contains {w:?}; warnings: {:#?}",
            c.name,
            x.warnings
        );
    }
}

macro_rules! cases {
    ($($(#[$m:meta])* $name:ident { $text:expr, [$($f:expr),* $(,)?], [$($w:expr),* $(,)?] })*) => {
        const CASES: &[Case] = &[$(Case {
            name: stringify!($name),
            text: $text,
            facts: &[$($f),*],
            warns: &[$($w),*],
        }),*];
        $(
            $(#[$m])*
            #[test]
            fn $name() {
                let c = CASES.iter().find(|c| c.name == stringify!($name)).expect("case");
                check(c);
            }
        )*
    };
}

cases! {
    // A wiki article: title, a dated sentence, a section heading and a
    // bulleted list introduced by a total with a casting vote.
    wiki_bulleted_list {
        "= Fifth All-Russian Congress of Soviets =\n\nThe Fifth All-Russian Congress of Soviets met in the Bolshoi Theatre in Moscow from 4 to 10 July 1918.\n\n==Composition==\nIn all, 1,150 delegates with a casting vote took part:\n- 760 Bolsheviks;\n- 349 Left Socialist Revolutionaries;\n- 15 Maximalists;\n- 6 Anarchists;\n- 3 Menshevik Internationalists;\n- 2 representatives of national groups (Dashnaktsutyun, Poalei Zion);\n- 1 Right Socialist Revolutionary;\n- 14 non-partisan.\n",
        [
            "congress-of-soviets-5 start 1918-07-04",
            "congress-of-soviets-5 end 1918-07-10",
            "congress-of-soviets-5 delegates full 1150",
            "congress-of-soviets-5 faction bolsheviks 760",
            "congress-of-soviets-5 faction left-srs 349",
            "congress-of-soviets-5 faction maximalists 15",
            "congress-of-soviets-5 faction anarchists 6",
            "congress-of-soviets-5 faction menshevik-internationalists 3",
            "congress-of-soviets-5 faction national-parties 2",
            "congress-of-soviets-5 faction right-srs 1",
            "congress-of-soviets-5 faction non-party 14",
        ],
        []
    }

    // A 1917 newspaper table: one name-then-number row per line, with a
    // citation line under it.
    newspaper_table_rows {
        "Composition of the Third All-Russian Congress of Soviets\n\nTotal number of delegates 1,046\nFull voting rights 942\nBolsheviks 441\nLeft Socialist Revolutionists 250\nSocialist Revolutionists of the Centre 16\nRight Socialist Revolutionists 7\nMensheviks 12\nInternationalists 11\nSocialists not belonging to parties 31\nAnarchist-Communist 3\nUnited Social Democrats 2\nEdinstvo (Plekhanov's followers) 1\n\nSource: a collection of documents (Moscow, 1921), pp. 210-212.\n",
        [
            "congress-of-soviets-3 delegates total 1046",
            "congress-of-soviets-3 delegates full 942",
            "congress-of-soviets-3 faction bolsheviks 441",
            "congress-of-soviets-3 faction left-srs 250",
            "congress-of-soviets-3 faction centre-srs 16",
            "congress-of-soviets-3 faction right-srs 7",
            "congress-of-soviets-3 faction mensheviks 12",
            "congress-of-soviets-3 faction others 11",
            "congress-of-soviets-3 faction non-party 31",
            "congress-of-soviets-3 faction anarchists 3",
            "congress-of-soviets-3 faction others 2",
            "congress-of-soviets-3 faction others 1",
        ],
        ["Internationalists"]
    }

    // An infobox-like list: "Name - number" rows.
    dash_rows_after_a_lead {
        "Eighth All-Russian Congress of Soviets\n\nComposition:\nRussian Communist Party - 2,270\nNon-party - 95\nBund - 7\nMensheviks - 9\nLeft SRs (Russia) - 3\nAnarchists - 2\nOthers - 80\n",
        [
            "congress-of-soviets-8 faction communists 2270",
            "congress-of-soviets-8 faction non-party 95",
            "congress-of-soviets-8 faction bundists 7",
            "congress-of-soviets-8 faction mensheviks 9",
            "congress-of-soviets-8 faction left-srs 3",
            "congress-of-soviets-8 faction anarchists 2",
            "congress-of-soviets-8 faction others 80",
        ],
        []
    }

    // An editorial note: "of whom N had full voting rights, and M had deliberative votes".
    editorial_note_full_and_deliberative {
        "The Tenth All-Russia Congress of Soviets was held in Moscow from December 23 to 27, 1922. There was a record attendance of 2,215 delegates, of whom 1,727 had full voting rights, and 488 had deliberative votes.",
        [
            "congress-of-soviets-10 start 1922-12-23",
            "congress-of-soviets-10 end 1922-12-27",
            "congress-of-soviets-10 delegates total 2215",
            "congress-of-soviets-10 delegates full 1727",
            "congress-of-soviets-10 delegates consultative 488",
        ],
        []
    }

    // "(N with the right to vote and M with voice but no vote), of them K Communists".
    right_to_vote_and_voice_but_no_vote {
        "The Seventh All-Russia Congress of Soviets met in Moscow on December 5-9, 1919. It was attended by 1,402 delegates (1,011 with the right to vote and 391 with voice but no vote), of them 1,290 Communists.",
        [
            "congress-of-soviets-7 start 1919-12-05",
            "congress-of-soviets-7 end 1919-12-09",
            "congress-of-soviets-7 delegates total 1402",
            "congress-of-soviets-7 delegates full 1011",
            "congress-of-soviets-7 delegates consultative 391",
            "congress-of-soviets-7 faction communists 1290",
        ],
        []
    }

    // "a total of N delegates" and a combined "Right and Centre SRs" group.
    a_total_of_and_right_and_centre_srs {
        "The Second All-Russian Congress of Peasants' Deputies opened in Petrograd on 26 November (9 December) 1917. The congress had a total of 790 delegates, of whom 350 were Left SRs, 91 Bolsheviks and 305 Right and Centre SRs.",
        [
            "peasants-congress-2 start 1917-11-26",
            "peasants-congress-2 delegates total 790",
            "peasants-congress-2 faction left-srs 350",
            "peasants-congress-2 faction bolsheviks 91",
            "peasants-congress-2 faction srs 305",
        ],
        []
    }

    // Figures at the opening, then larger ones at the close.
    opening_and_closing_figures {
        "The Third All-Russian Congress of Soviets met in the Tauride Palace from 10 to 18 January (23 to 31 January) 1918. At the opening there were 707 delegates with a vote and 98 with a consultative voice. By the close the number of delegates had increased to 1,587, among them more than 800 Bolsheviks.",
        [
            "congress-of-soviets-3 start 1918-01-10",
            "congress-of-soviets-3 end 1918-01-18",
            "congress-of-soviets-3 delegates full 707",
            "congress-of-soviets-3 delegates consultative 98",
            "congress-of-soviets-3 faction-later bolsheviks ~800",
        ],
        ["1587"]
    }

    // A period summary with a number written as words, and sympathisers.
    large_number_in_words_and_sympathisers {
        "SIXTH ALL-RUSSIAN CONGRESS OF SOVIETS, NOVEMBER 6-9, 1918\n\nNine hundred and thirty-one delegates had a decisive voice. Of these 850 were Communists, 64 sympathizers with communism, and the rest belonged to other parties or to none.",
        [
            "congress-of-soviets-6 start 1918-11-06",
            "congress-of-soviets-6 end 1918-11-09",
            "congress-of-soviets-6 delegates full 931",
            "congress-of-soviets-6 faction communists 850",
            "congress-of-soviets-6 faction sympathisers 64",
        ],
        []
    }

    // An opening figure, a later one, and an executive committee "N of them X".
    ukrainian_congress_later_growth {
        "The First All-Ukrainian Congress of Soviets sat in Kharkov on 11-12 December 1917. It opened with 127 delegates; their number later grew to 200. The congress elected a Central Executive Committee of 41 members, 35 of them Bolsheviks.",
        [
            "ukrainian-congress-of-soviets-1 start 1917-12-11",
            "ukrainian-congress-of-soviets-1 end 1917-12-12",
            "ukrainian-congress-of-soviets-1 delegates total 127",
            "ukrainian-congress-of-soviets-1 cec members 41",
            "ukrainian-congress-of-soviets-1 cec bolsheviks 35",
        ],
        ["200"]
    }

    // A body in one sentence, its make-up in the next ("It included ...").
    executive_committee_it_included {
        "The First All-Russian Congress of Soviets of Workers' and Soldiers' Deputies sat in Petrograd from 3 to 24 June 1917. The congress elected a Central Executive Committee of 256 members. It included 104 Mensheviks, 100 Social Revolutionaries, 35 Bolsheviks, 8 United Social Democrats and 9 others.",
        [
            "congress-of-soviets-1 start 1917-06-03",
            "congress-of-soviets-1 end 1917-06-24",
            "congress-of-soviets-1 cec members 256",
            "congress-of-soviets-1 cec mensheviks 104",
            "congress-of-soviets-1 cec srs 100",
            "congress-of-soviets-1 cec bolsheviks 35",
            "congress-of-soviets-1 cec others 8",
            "congress-of-soviets-1 cec others 9",
        ],
        []
    }

    // Members and candidate members of an executive committee.
    members_and_candidate_members {
        "At the Sixth All-Russian Congress of Soviets a new All-Russian Central Executive Committee was elected, with 207 members and 39 candidate members.",
        [
            "congress-of-soviets-6 cec members 207",
            "congress-of-soviets-6 cec alternates 39",
        ],
        []
    }

    // A presidium's names, then its make-up in brackets, as words.
    presidium_after_the_names {
        "The Fifth Congress of Soviets chose a presidium of Sverdlov, Kamenev, Spiridonova, Kamkov, Zinoviev, Steklov and Avanesov (five Bolsheviks and two Left SRs).",
        [
            "congress-of-soviets-5 presidium bolsheviks 5",
            "congress-of-soviets-5 presidium left-srs 2",
        ],
        []
    }

    // "by N votes to M with K abstentions".
    votes_to_with_abstentions {
        "The Fourth (Extraordinary) All-Russian Congress of Soviets met in Moscow from 14 to 16 March 1918. The treaty was ratified by 724 votes to 276 with 118 abstentions.",
        [
            "congress-of-soviets-4 start 1918-03-14",
            "congress-of-soviets-4 end 1918-03-16",
            "congress-of-soviets-4 vote plenary 724/276/118",
        ],
        []
    }

    // A roll call: "N delegates voted for ..., M voted against it and K did not vote".
    roll_call_voted_for_and_against {
        "The Fourth All-Russian Congress of Soviets met in Moscow. In a roll-call vote, 781 delegates voted for ratification, 259 voted against it and 80 delegates did not vote.",
        ["congress-of-soviets-4 vote plenary 781/259/80"],
        []
    }

    // A faction's own vote is a caucus vote, not the congress's.
    caucus_vote_of_a_group {
        "The Fourth All-Russian Congress of Soviets opened in Moscow on 14 March 1918. On the eve of the congress the Bolshevik group met on its own, and by 453 votes to 36 the group approved the peace terms.",
        [
            "congress-of-soviets-4 start 1918-03-14",
            "congress-of-soviets-4 vote caucus-bolsheviks 453/36/-",
        ],
        []
    }

    // A party group of a later congress.
    caucus_vote_of_a_party_group {
        "The Eighth All-Russian Congress of Soviets opened on 22 December 1920. At a meeting of the Communist group of the congress, the draft on concessions was approved by 215 votes to 12.",
        [
            "congress-of-soviets-8 start 1920-12-22",
            "congress-of-soviets-8 vote caucus-communists 215/12/-",
        ],
        []
    }

    // "by a majority vote" with a date that is the vote's, not the congress's.
    majority_vote_on_a_sitting_day {
        "The Fifth All-Russian Congress of Soviets was held in Moscow from 4 to 10 July 1918. On July 5 the congress approved the government's policy by a majority vote.",
        [
            "congress-of-soviets-5 start 1918-07-04",
            "congress-of-soviets-5 end 1918-07-10",
            "congress-of-soviets-5 vote plenary -/-/- majority",
        ],
        []
    }

    // An archive page: header lines with a publication date, citations and
    // page numbers, then the note.
    publication_lines_and_page_numbers {
        "Eighth All-Russia Congress of Soviets\nDecember 22-29, 1920\n\nSource: Collected Works, Volume 31, pages 461-534.\nFirst published in 1930 in Lenin Miscellany XI, pp. 68-70.\n\nThe congress was attended by 2,480 delegates.",
        [
            "congress-of-soviets-8 start 1920-12-22",
            "congress-of-soviets-8 end 1920-12-29",
            "congress-of-soviets-8 delegates total 2480",
        ],
        []
    }

    // A contents list of speeches, each with its own date.
    speech_dates_are_not_the_congress_dates {
        "Seventh All-Russia Congress of Soviets\nDecember 5-9, 1919\n\nReport of the Central Executive Committee, December 5\nConcluding speech on the report, December 6\nSpeech at the closing of the congress, December 9\n",
        [
            "congress-of-soviets-7 start 1919-12-05",
            "congress-of-soviets-7 end 1919-12-09",
        ],
        []
    }

    // A "Written:" line above the congress's own dates.
    written_date_before_the_dates {
        "Extraordinary Fourth All-Russia Congress of Soviets\nWritten: March 13, 1918\n\nThe congress was held in Moscow from March 14 to 16, 1918.",
        [
            "congress-of-soviets-4 start 1918-03-14",
            "congress-of-soviets-4 end 1918-03-16",
        ],
        []
    }

    // Figures of another body (the Petrograd Soviet) inside a congress text.
    another_bodys_figures {
        "The Second All-Russian Congress of Soviets opened on 25 October 1917 with 670 delegates. In the Petrograd Soviet the Bolsheviks by then held 90 per cent of the seats, and the Moscow Soviet had 210 Bolsheviks.",
        [
            "congress-of-soviets-2 start 1917-10-25",
            "congress-of-soviets-2 delegates total 670",
        ],
        ["another body"]
    }

    // Delegates elected to another congress are not this one's delegates.
    delegates_elected_to_another_congress {
        "The Congress of Soviets of the Northern Region met in Petrograd on 11-13 October 1917. It was attended by 94 delegates, 51 of them Bolsheviks. It elected 40 delegates to the coming Second All-Russian Congress of Soviets.",
        [
            "congress-of-soviets-of-the-northern-region-1917-10 start 1917-10-11",
            "congress-of-soviets-of-the-northern-region-1917-10 end 1917-10-13",
            "congress-of-soviets-of-the-northern-region-1917-10 delegates total 94",
            "congress-of-soviets-of-the-northern-region-1917-10 faction bolsheviks 51",
        ],
        ["elected"]
    }

    // Parts that do not add up to the total are kept as they are.
    parts_that_do_not_add_up {
        "The Ninth All-Russian Congress of Soviets met in Moscow from 23 to 28 December 1921. The congress had 2,100 delegates: 1,700 with a casting vote and 380 with a consultative voice.",
        [
            "congress-of-soviets-9 start 1921-12-23",
            "congress-of-soviets-9 end 1921-12-28",
            "congress-of-soviets-9 delegates total 2100",
            "congress-of-soviets-9 delegates full 1700",
            "congress-of-soviets-9 delegates consultative 380",
        ],
        []
    }

    // An extraordinary peasants' congress with no number.
    extraordinary_peasants_congress {
        "The Extraordinary All-Russian Congress of Peasants' Deputies opened in Petrograd on 11 November 1917. Present at the congress were 330 delegates: 195 Left SRs, 37 Bolsheviks and 65 Right and Centre SRs.",
        [
            "peasants-congress-1917-11 start 1917-11-11",
            "peasants-congress-1917-11 delegates total 330",
            "peasants-congress-1917-11 faction left-srs 195",
            "peasants-congress-1917-11 faction bolsheviks 37",
            "peasants-congress-1917-11 faction srs 65",
        ],
        []
    }

    // A credentials report: "Socialist-Revolutionaries of the Centre", "United Mensheviks".
    credentials_report_many_factions {
        "The Fourth Congress of Soviets met in Moscow. The credentials committee reported 1,190 delegates with a decisive vote: 780 Bolsheviks, 276 Left Socialist-Revolutionaries, 12 Anarchists, 4 Ukrainian Socialist-Revolutionaries, 20 Maximalists, 27 Socialist-Revolutionaries of the Centre, 10 Menshevik-Internationalists, 5 United Mensheviks, 19 Mensheviks and 15 non-party delegates.",
        [
            "congress-of-soviets-4 delegates full 1190",
            "congress-of-soviets-4 faction bolsheviks 780",
            "congress-of-soviets-4 faction left-srs 276",
            "congress-of-soviets-4 faction anarchists 12",
            "congress-of-soviets-4 faction ukrainian-srs 4",
            "congress-of-soviets-4 faction maximalists 20",
            "congress-of-soviets-4 faction centre-srs 27",
            "congress-of-soviets-4 faction menshevik-internationalists 10",
            "congress-of-soviets-4 faction others 5",
            "congress-of-soviets-4 faction mensheviks 19",
            "congress-of-soviets-4 faction non-party 15",
        ],
        []
    }

    // A national party, "(left wing)", and "others".
    national_parties_at_a_ukrainian_congress {
        "The Second All-Ukrainian Congress of Soviets met in Ekaterinoslav from 17 to 19 March 1918. Of 964 delegates, 428 were Left SRs, 401 Bolsheviks, 49 Ukrainian Social Democrats (left wing), 6 Mensheviks and 80 others.",
        [
            "ukrainian-congress-of-soviets-2 start 1918-03-17",
            "ukrainian-congress-of-soviets-2 end 1918-03-19",
            "ukrainian-congress-of-soviets-2 delegates total 964",
            "ukrainian-congress-of-soviets-2 faction left-srs 428",
            "ukrainian-congress-of-soviets-2 faction bolsheviks 401",
            "ukrainian-congress-of-soviets-2 faction national-parties 49",
            "ukrainian-congress-of-soviets-2 faction mensheviks 6",
            "ukrainian-congress-of-soviets-2 faction others 80",
        ],
        []
    }

    // "Bolshevik supporters" and approximate figures.
    bolshevik_supporters {
        "The Second All-Russian Congress of Soviets opened on 25 October 1917 with some 670 delegates: 338 Bolsheviks, about 100 Left SRs, 24 Bolshevik supporters and 68 Mensheviks.",
        [
            "congress-of-soviets-2 start 1917-10-25",
            "congress-of-soviets-2 delegates total ~670",
            "congress-of-soviets-2 faction bolsheviks 338",
            "congress-of-soviets-2 faction left-srs ~100",
            "congress-of-soviets-2 faction sympathisers 24",
            "congress-of-soviets-2 faction mensheviks 68",
        ],
        []
    }

    // "voting delegates", "members of other parties", "one was an unaffiliated delegate".
    voting_delegates_and_one_unaffiliated {
        "The Extraordinary Sixth All-Russian Congress of Soviets was held in Moscow from 6 to 9 November 1918. It was attended by 1,260 delegates, of whom 950 were voting delegates. Of the voting delegates, 932 were Communists, 17 were members of other parties, and one was an unaffiliated delegate.",
        [
            "congress-of-soviets-6 start 1918-11-06",
            "congress-of-soviets-6 end 1918-11-09",
            "congress-of-soviets-6 delegates total 1260",
            "congress-of-soviets-6 delegates full 950",
            "congress-of-soviets-6 faction communists 932",
            "congress-of-soviets-6 faction others 17",
            "congress-of-soviets-6 faction non-party 1",
        ],
        []
    }

    // Popular Socialists and Trudoviks side by side; an ambiguous "Social Democrats".
    peasants_congress_trudoviks_and_popular_socialists {
        "The First All-Russian Congress of Peasants' Deputies was held in Petrograd from 4 to 28 May 1917. Of the 1,100 delegates, 520 were Socialist-Revolutionaries, 98 Social Democrats, 5 Popular Socialists, 7 Trudoviks and 140 non-party delegates.",
        [
            "peasants-congress-1 start 1917-05-04",
            "peasants-congress-1 end 1917-05-28",
            "peasants-congress-1 delegates total 1100",
            "peasants-congress-1 faction srs 520",
            "peasants-congress-1 faction popular-socialists 5",
            "peasants-congress-1 faction trudoviks 7",
            "peasants-congress-1 faction non-party 140",
        ],
        ["98"]
    }

    // The Constituent Assembly's make-up is not the congress's.
    constituent_assembly_is_another_body {
        "Second All-Russian Congress of Soviets\n\nThe congress opened on 25 October 1917. The Constituent Assembly, elected a month later, had 410 SRs and 175 Bolsheviks among its deputies.",
        ["congress-of-soviets-2 start 1917-10-25"],
        ["another body"]
    }

    // Thousands written as words.
    thousands_in_words {
        "The Eighth All-Russian Congress of Soviets opened on 22 December 1920. Two thousand four hundred and twelve delegates attended, one thousand seven hundred with a casting vote.",
        [
            "congress-of-soviets-8 start 1920-12-22",
            "congress-of-soviets-8 delegates total 2412",
            "congress-of-soviets-8 delegates full 1700",
        ],
        []
    }

    // A starred list with "Name: number" rows under a dated title.
    starred_rows_with_colons {
        "All-Russian Conference of Soviets\nMarch 29 - April 3, 1917\n\nParty make-up of the delegates:\n* Socialist-Revolutionaries: 96\n* Mensheviks: 80\n* Bolsheviks: 38\n* Bund: 9\n",
        [
            "conference-of-soviets-1917-03 start 1917-03-29",
            "conference-of-soviets-1917-03 end 1917-04-03",
            "conference-of-soviets-1917-03 faction srs 96",
            "conference-of-soviets-1917-03 faction mensheviks 80",
            "conference-of-soviets-1917-03 faction bolsheviks 38",
            "conference-of-soviets-1917-03 faction bundists 9",
        ],
        []
    }

    // A share in per cent is not a count.
    a_share_in_per_cent_is_not_a_count {
        "The Ninth All-Russian Congress of Soviets met in Moscow from 23 to 28 December 1921. The Communists held 94 per cent of its 1,990 delegates.",
        [
            "congress-of-soviets-9 start 1921-12-23",
            "congress-of-soviets-9 end 1921-12-28",
            "congress-of-soviets-9 delegates total 1990",
        ],
        ["94"]
    }

    // A group's abstention is not the congress's tally.
    a_groups_abstention {
        "The Fourth All-Russian Congress of Soviets ratified the peace treaty on 15 March 1918. Of the Left Communists, 64 abstained.",
        [],
        ["64"]
    }

    // A party congress is not a congress of soviets, nor the April party conference.
    party_congress_is_its_own_event {
        "The Seventh Congress of the RCP(B) met in Petrograd from 6 to 8 March 1918. It was attended by 47 delegates with a vote and 59 with a consultative voice.",
        [
            "seventh-congress-of-the-rcp-b-1918-03 start 1918-03-06",
            "seventh-congress-of-the-rcp-b-1918-03 end 1918-03-08",
            "seventh-congress-of-the-rcp-b-1918-03 delegates full 47",
            "seventh-congress-of-the-rcp-b-1918-03 delegates consultative 59",
        ],
        []
    }

    // An All-Union congress is its own event.
    all_union_congress {
        "The First All-Union Congress of Soviets met in Moscow on 30 December 1922. It was attended by 2,215 delegates with a casting vote and 488 with a consultative voice.",
        [
            "first-all-union-congress-of-soviets-1922-12 start 1922-12-30",
            "first-all-union-congress-of-soviets-1922-12 delegates full 2215",
            "first-all-union-congress-of-soviets-1922-12 delegates consultative 488",
        ],
        []
    }

    // "communist anarchists" and "Revolutionary Communists" are not Communists.
    small_parties_fold_into_others {
        "The Sixth All-Russian Congress of Soviets opened on 6 November 1918. Among the delegates with a decisive vote were 913 Communists, 10 Revolutionary Communists, 5 Left SRs, 2 Communist Populists and 1 communist anarchist.",
        [
            "congress-of-soviets-6 start 1918-11-06",
            "congress-of-soviets-6 faction communists 913",
            "congress-of-soviets-6 faction others 10",
            "congress-of-soviets-6 faction left-srs 5",
            "congress-of-soviets-6 faction others 2",
            "congress-of-soviets-6 faction anarchists 1",
        ],
        []
    }
    // Held out: written after the parser changes above, from further
    // reading, and scored before any change made for them.

    // A party congress with observers, and party membership (not delegates).
    held_out_party_congress_with_observers {
        "The Sixth Congress of the RSDLP(b) was held in Petrograd from July 26 to August 3, 1917. It was attended by 150 voting delegates and 112 delegates with observer status, who spoke for some 170,000 of the party's 240,000 members.",
        [
            "sixth-congress-of-the-rsdlp-b-1917-07 start 1917-07-26",
            "sixth-congress-of-the-rsdlp-b-1917-07 end 1917-08-03",
            "sixth-congress-of-the-rsdlp-b-1917-07 delegates full 150",
            "sixth-congress-of-the-rsdlp-b-1917-07 delegates consultative 112",
        ],
        ["240000"]
    }

    // "members and candidate members of the RCP (Bolshevik)"; shares by social origin.
    held_out_members_and_candidates_of_the_party {
        "The Ninth All-Russian Congress of Soviets sat in Moscow on December 23-28, 1921, with 1,985 delegates: 1,625 with a casting vote, among them 1,510 members and candidate members of the RCP (Bolshevik). By social origin, 40 percent of the delegates were workers and 21 percent peasants.",
        [
            "congress-of-soviets-9 start 1921-12-23",
            "congress-of-soviets-9 end 1921-12-28",
            "congress-of-soviets-9 delegates total 1985",
            "congress-of-soviets-9 delegates full 1625",
            "congress-of-soviets-9 faction communists 1510",
        ],
        ["40"]
    }

    // Delegates who stated a party are a subset, like those who filled in forms.
    held_out_delegates_who_stated_a_party {
        "The First All-Russian Congress of Soviets of Workers' and Soldiers' Deputies opened on June 3 (16), 1917. Of the 777 delegates who stated their party, there were 104 Bolsheviks, 280 SR's, 250 Mensheviks, 30 Menshevik Internationalists and 26 adherents of other groups.",
        [
            "congress-of-soviets-1 start 1917-06-03",
            "congress-of-soviets-1 delegates questionnaire 777",
            "congress-of-soviets-1 faction bolsheviks 104",
            "congress-of-soviets-1 faction srs 280",
            "congress-of-soviets-1 faction mensheviks 250",
            "congress-of-soviets-1 faction menshevik-internationalists 30",
            "congress-of-soviets-1 faction others 26",
        ],
        []
    }

    // Earlier congresses attended, and ages: not this congress's totals.
    held_out_attendance_at_earlier_congresses_and_ages {
        "The Sixth All-Russian Congress of Soviets met in Moscow from 6 to 9 November 1918. Of the delegates to the Sixth Congress, 35 had attended the First Congress and 50 the Second. 760 delegates were between 20 and 30 years old.",
        [
            "congress-of-soviets-6 start 1918-11-06",
            "congress-of-soviets-6 end 1918-11-09",
        ],
        ["35", "760"]
    }

    // Mandates issued, "N to Communists".
    held_out_mandates_issued {
        "The Sixth All-Russian Congress of Soviets opened on 6 November 1918. According to the credentials commission, by 8 November 1,240 mandates had been issued, 940 of them with a decisive vote: 915 to Communists, 9 to Revolutionary Communists, 6 to Left SRs and 10 to others.",
        [
            "congress-of-soviets-6 start 1918-11-06",
            "congress-of-soviets-6 delegates total 1240",
            "congress-of-soviets-6 delegates full 940",
            "congress-of-soviets-6 faction communists 915",
            "congress-of-soviets-6 faction others 9",
            "congress-of-soviets-6 faction left-srs 6",
            "congress-of-soviets-6 faction others 10",
        ],
        []
    }

    // Participants at first, more later; an executive committee "of Ukraine".
    held_out_participants_then_more {
        "The First All-Ukrainian Congress of Soviets was held in Kharkiv on 24-25 December 1917. It initially brought together 870 participants; later their number rose to 1,140. It elected a Central Executive Committee of Ukraine of 98 members headed by Medvedev.",
        [
            "ukrainian-congress-of-soviets-1 start 1917-12-24",
            "ukrainian-congress-of-soviets-1 end 1917-12-25",
            "ukrainian-congress-of-soviets-1 delegates total 870",
            "ukrainian-congress-of-soviets-1 cec members 98",
        ],
        ["1140"]
    }

    // Those who sided with a party are not its members.
    held_out_sided_with {
        "The All-Ukrainian Congress of Workers', Soldiers' and Peasants' Deputies met in Kyiv on 17-19 December 1917. Of its 2,300 delegates, fewer than 90 sided with the Bolsheviks.",
        [
            "ukrainian-congress-of-soviets-1917-12 start 1917-12-17",
            "ukrainian-congress-of-soviets-1917-12 end 1917-12-19",
            "ukrainian-congress-of-soviets-1917-12 delegates total 2300",
        ],
        ["90"]
    }

    // "Twelve hundred".
    held_out_twelve_hundred {
        "The Seventh All-Russian Congress of Soviets opened in Moscow on 5 December 1919. Twelve hundred delegates were present.",
        [
            "congress-of-soviets-7 start 1919-12-05",
            "congress-of-soviets-7 delegates total 1200",
        ],
        []
    }

    // "received N votes; M delegates voted against it".
    held_out_received_votes {
        "The Fifth All-Russian Congress of Soviets opened in Moscow on 4 July 1918. The Left SR motion of no confidence received 352 votes; 745 delegates voted against it.",
        [
            "congress-of-soviets-5 start 1918-07-04",
            "congress-of-soviets-5 vote plenary 352/745/-",
        ],
        []
    }

    // "A presidium of 11 was elected: 8 Bolsheviks and 3 Left SRs."
    held_out_presidium_of_eleven {
        "The Third All-Russian Congress of Soviets opened on 10 January 1918. A presidium of 11 was elected: 8 Bolsheviks and 3 Left SRs.",
        [
            "congress-of-soviets-3 start 1918-01-10",
            "congress-of-soviets-3 presidium members 11",
            "congress-of-soviets-3 presidium bolsheviks 8",
            "congress-of-soviets-3 presidium left-srs 3",
        ],
        []
    }

    // A table pasted with tabs, with a total row.
    held_out_tab_separated_table {
        "Fourth All-Russian Congress of Soviets\n\nParty\tDelegates\nBolsheviks\t300\nLeft SRs\t89\nMensheviks\t20\nTotal\t409\n",
        [
            "congress-of-soviets-4 faction bolsheviks 300",
            "congress-of-soviets-4 faction left-srs 89",
            "congress-of-soviets-4 faction mensheviks 20",
            "congress-of-soviets-4 delegates total 409",
        ],
        []
    }

    // Both styles in a range across months.
    held_out_range_in_both_styles {
        "The Second All-Russian Congress of Peasants' Deputies was held in Petrograd from 26 November (9 December) to 10 (23) December 1917.",
        [
            "peasants-congress-2 start 1917-11-26",
            "peasants-congress-2 end 1917-12-10",
        ],
        []
    }

    // A section on the Constituent Assembly inside a congress article.
    held_out_constituent_assembly_section {
        "Second All-Russian Congress of Soviets\n\nThe congress opened on 25 October 1917 with 650 delegates.\n\n== Constituent Assembly ==\nIn the elections that followed, the SRs won 380 seats and the Bolsheviks 168.",
        [
            "congress-of-soviets-2 start 1917-10-25",
            "congress-of-soviets-2 delegates total 650",
        ],
        ["380"]
    }

    // "including" a party list.
    held_out_including {
        "The Eighth All-Russian Congress of Soviets opened on 22 December 1920. Of its 1,300 delegates with a casting vote, 1,100 were Communists, 25 Bundists and 40 non-party people.",
        [
            "congress-of-soviets-8 start 1920-12-22",
            "congress-of-soviets-8 delegates full 1300",
            "congress-of-soviets-8 faction communists 1100",
            "congress-of-soviets-8 faction bundists 25",
            "congress-of-soviets-8 faction non-party 40",
        ],
        []
    }
    // Held out, second round: written after the first held-out round was
    // read, from further reading, and scored before any change for them.

    held_out_2_centre_and_right_and_a_month_first_range {
        "The Second All-Russia Congress of Soviets of Peasants' Deputies sat in Petrograd from November 26 to December 10 (December 9 to 23), 1917. With the delegates of the extraordinary congress it counted 780 with a vote, including 300 Socialist-Revolutionaries of the Centre and Right, 345 Left Socialist-Revolutionaries and 95 Bolsheviks.",
        [
            "peasants-congress-2 start 1917-11-26",
            "peasants-congress-2 end 1917-12-10",
            "peasants-congress-2 delegates full 780",
            "peasants-congress-2 faction srs 300",
            "peasants-congress-2 faction left-srs 345",
            "peasants-congress-2 faction bolsheviks 95",
        ],
        []
    }

    held_out_2_right_wing_and_centrists {
        "The Extraordinary All-Russian Congress of Peasants' Deputies opened on 11 (24) November 1917. Its first session had roughly 250 voting delegates; at the session of 18 November there were 320 delegates, among them 190 Left SRs, 40 Bolsheviks and 60 right-wing Socialist Revolutionaries and centrists.",
        [
            "peasants-congress-1917-11 start 1917-11-11",
            "peasants-congress-1917-11 delegates full ~250",
            "peasants-congress-1917-11 delegates total 320",
            "peasants-congress-1917-11 faction left-srs 190",
            "peasants-congress-1917-11 faction bolsheviks 40",
            "peasants-congress-1917-11 faction srs 60",
        ],
        []
    }

    held_out_2_another_bodys_vote {
        "The Ninth All-Russian Congress of Soviets met from 23 to 28 December 1921. At a plenum of the Central Committee, 8 voted for the proposal, 3 against and 2 abstained.",
        [
            "congress-of-soviets-9 start 1921-12-23",
            "congress-of-soviets-9 end 1921-12-28",
        ],
        ["another body"]
    }

    held_out_2_it_represented {
        "The Second All-Russian Congress of Soviets opened on 25 October 1917. It represented 402 soviets of workers', soldiers' and peasants' deputies.",
        [
            "congress-of-soviets-2 start 1917-10-25",
            "congress-of-soviets-2 represented 402",
        ],
        []
    }

    held_out_2_figures_at_the_close {
        "Third All-Russia Congress of Soviets\n\nHeld in Petrograd, January 10-18 (23-31), 1918. At its close it had 1,600 voting delegates, more than 850 of them Bolsheviks, and 220 with consultative rights.",
        [
            "congress-of-soviets-3 start 1918-01-10",
            "congress-of-soviets-3 end 1918-01-18",
            "congress-of-soviets-3 faction-later bolsheviks ~850",
        ],
        ["1600", "220"]
    }

    held_out_2_small_numbers_in_words_in_a_list {
        "The Fifth All-Russian Congress of Soviets met in Moscow from July 4 to July 10, 1918. The congress was attended by 1,150 delegates with a casting vote, including 770 Bolsheviks, 350 Left SR's, fifteen Maximalists, four anarchists, two representatives of national groups, one Right SR, and ten unaffiliated delegates.",
        [
            "congress-of-soviets-5 start 1918-07-04",
            "congress-of-soviets-5 end 1918-07-10",
            "congress-of-soviets-5 delegates full 1150",
            "congress-of-soviets-5 faction bolsheviks 770",
            "congress-of-soviets-5 faction left-srs 350",
            "congress-of-soviets-5 faction maximalists 15",
            "congress-of-soviets-5 faction anarchists 4",
            "congress-of-soviets-5 faction national-parties 2",
            "congress-of-soviets-5 faction right-srs 1",
            "congress-of-soviets-5 faction non-party 10",
        ],
        []
    }

    held_out_2_a_soviet_with_no_congress {
        "In September 1917 the Petrograd Soviet elected a new presidium of 7: 4 Bolsheviks, 2 SRs and 1 Menshevik.",
        [],
        ["another body"]
    }

    held_out_2_rows_with_shares {
        "Second All-Russian Congress of Soviets\n\nComposition at the opening:\n* Bolsheviks: 380 (58%)\n* Socialist-Revolutionaries: 170 (26%)\n* Mensheviks: 70 (11%)\n",
        [
            "congress-of-soviets-2 faction bolsheviks 380",
            "congress-of-soviets-2 faction srs 170",
            "congress-of-soviets-2 faction mensheviks 70",
        ],
        []
    }
}

/// Recall and precision of the parser on every case above, printed: the
/// cases written with the parser's changes, then the held-out ones.
#[test]
fn recall_and_precision() {
    let mut totals = [(0, 0, 0, 0); 3];
    for c in CASES {
        let (h, w, r, g) = score(c);
        println!(
            "{:<52} recall {h:>2}/{w:<2} precision {r:>2}/{g:<2}",
            c.name
        );
        let set = if c.name.starts_with("held_out_2_") {
            2
        } else {
            usize::from(c.name.starts_with("held_out_"))
        };
        let t = &mut totals[set];
        t.0 += h;
        t.1 += w;
        t.2 += r;
        t.3 += g;
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    for ((hit, want, right, got), set) in
        totals
            .into_iter()
            .zip(["first set", "held out", "held out, second round"])
    {
        println!(
            "{set}: recall {hit}/{want} = {:.1}%, precision {right}/{got} = {:.1}%",
            pct(hit, want),
            pct(right, got)
        );
    }
    assert!(CASES.len() >= 30);
}
