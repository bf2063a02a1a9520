// A hand-built dataset with realistic figures for the chart tests. Not a
// module of its own: the unit tests and tests/charts_svg.rs both `include!`
// it after importing the dataset and calendar types, so one fixture serves
// both.

fn source(doc: u32, quote: &str) -> Source {
    Source {
        doc: DocId(doc),
        doc_name: format!("source-{doc}.txt"),
        start: 0,
        end: quote.len(),
        quote: quote.to_string(),
    }
}

fn figure(value: u32, approximate: bool, doc: u32, quote: &str) -> Figure {
    Figure {
        value,
        approximate,
        source: source(doc, quote),
    }
}

fn segment(faction: Faction, value: u32, quote: &str) -> Segment {
    Segment {
        faction,
        figure: figure(value, false, 0, quote),
        alternatives: Vec::new(),
        parts: Vec::new(),
        later: Vec::new(),
    }
}

fn old_style(year: i32, month: u8, day: u8) -> Option<Dated> {
    let date = Date::new(year, month, day)?;
    Some(Dated::styled(date, Style::Old, Basis::BothGiven))
}

fn unstated(year: i32, month: u8, day: u8) -> Option<Dated> {
    Date::new(year, month, day).map(Dated::unstated)
}

fn event(id: &str, name: &str, short: &str, total: u32) -> EventView {
    EventView {
        id: id.to_string(),
        name: name.to_string(),
        short: short.to_string(),
        start: None,
        end: None,
        total: Some(figure(
            total,
            false,
            0,
            "The congress had this many delegates.",
        )),
        total_label: "delegates with full vote".to_string(),
        segments: Vec::new(),
        note: None,
        user_added: false,
            disputed: Vec::new(),
        votes: Vec::new(),
    }
}

/// `(for, against, abstained)`.
type Tally = (Option<u32>, Option<u32>, Option<u32>);

fn vote(motion: &str, body: &str, tally: Tally, unanimous: bool, majority: bool) -> VoteView {
    VoteView {
        motion: motion.to_string(),
        body: body.to_string(),
        plenary: body == "plenary",
        for_: tally.0,
        against: tally.1,
        abstained: tally.2,
        unanimous,
        majority,
        corroborated_by: Vec::new(),
        source: source(1, "The motion was put to the vote."),
    }
}

/// April Conference, First, Second and Ninth Congresses, in date order.
pub fn sample() -> Dataset {
    let mut april = event(
        "conference-of-soviets-1917-04",
        "All-Russian Conference of Soviets",
        "April Conference",
        480,
    );
    april.start = old_style(1917, 3, 29);
    april.end = old_style(1917, 4, 3);
    april.total_label = "delegates".to_string();
    april.note = Some("No faction breakdown in the sources".to_string());
    april.votes.push(vote(
        "Resolution on the war",
        "plenary",
        (Some(57), Some(325), None),
        false,
        false,
    ));

    let mut first = event(
        "congress-of-soviets-1",
        "First All-Russian Congress of Soviets",
        "1st Congress",
        784,
    );
    first.start = unstated(1917, 6, 3);
    first.end = unstated(1917, 6, 22);
    first.segments = vec![
        segment(
            Faction::Bolsheviks,
            105,
            "The Bolsheviks had 105 delegates.",
        ),
        segment(Faction::Srs, 285, "The SRs had 285 delegates."),
        segment(
            Faction::Mensheviks,
            248,
            "The Mensheviks had 248 delegates.",
        ),
        segment(Faction::Others, 111, "Other groups had 111 delegates."),
    ];
    first.votes.push(vote(
        "Confidence in the Provisional Government",
        "plenary",
        (Some(543), Some(126), Some(52)),
        false,
        true,
    ));

    let mut second = event(
        "congress-of-soviets-2",
        "Second All-Russian Congress of Soviets",
        "2nd Congress",
        649,
    );
    second.start = old_style(1917, 10, 25);
    second.end = old_style(1917, 10, 27);
    let mut srs = segment(Faction::Srs, 160, "There were 160 SRs.");
    srs.parts.push("about 100 Left SRs".to_string());
    let mut mi = segment(
        Faction::MenshevikInternationalists,
        14,
        "14 Menshevik-Internationalists attended.",
    );
    mi.alternatives.push(figure(
        6,
        false,
        2,
        "Only 6 Menshevik-Internationalists came.",
    ));
    second.segments = vec![
        segment(
            Faction::Bolsheviks,
            390,
            "The Bolsheviks had 390 delegates.",
        ),
        srs,
        mi,
        segment(Faction::Mensheviks, 72, "The Mensheviks had 72."),
        segment(Faction::Others, 13, "Others numbered 13."),
    ];
    second.votes = vec![
        vote(
            "Decree on Peace",
            "plenary",
            (None, None, None),
            true,
            false,
        ),
        vote(
            "Decree on Land",
            "plenary",
            (None, Some(1), Some(8)),
            false,
            true,
        ),
        vote(
            "Remain in the Congress",
            "SR caucus",
            (Some(60), Some(92), None),
            false,
            false,
        ),
    ];

    let mut ninth = event(
        "congress-of-soviets-9",
        "Ninth All-Russian Congress of Soviets",
        "9th Congress",
        1993,
    );
    ninth.start = unstated(1921, 12, 23);
    ninth.end = unstated(1921, 12, 28);
    ninth.total_label = "delegates".to_string();

    Dataset {
        events: vec![april, first, second, ninth],
    }
}
