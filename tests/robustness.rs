//! Bounded random and pathological input: the parser never panics, and
//! every span it returns lies inside the text on character boundaries.

use soviets::{parse, Corpus};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn check(text: &str) {
    let x = parse(text, soviets::DocId(0));
    let spans = x.events.iter().flat_map(|e| {
        e.delegates
            .iter()
            .map(|d| d.src)
            .chain(e.factions.iter().map(|f| f.src))
            .chain(e.votes.iter().map(|v| v.src))
            .chain(e.starts.iter().map(|d| d.src))
    });
    for s in spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} outside {} bytes",
            text.len()
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    // The corpus analysis runs on the same input without panicking too.
    let mut c = Corpus::default();
    c.add("fuzz", text, soviets::corpus::Origin::Reader);
    let _ = c.dataset();
}

#[test]
fn random_bytes_and_random_words() {
    let mut rng = Rng(0x5EED_1917);
    let vocabulary = [
        "Congress",
        "Second",
        "All-Russian",
        "of",
        "Soviets",
        "(",
        ")",
        "390",
        "1,090",
        "Bolsheviks",
        "Left",
        "SRs",
        "votes",
        "against",
        "to",
        "abstentions",
        "October",
        "25",
        "-",
        "27",
        "1917",
        ",",
        ".",
        "\n",
        "unanimously",
        "presidium",
        "Central",
        "Executive",
        "Committee",
        "about",
        "delegates",
        "from",
        "soviets",
        "and",
        "a",
        "(7",
        "November)",
        "rejected",
        "by",
        "92",
        "“",
        "’",
        "é",
        "—",
        "…",
        "::",
        "R.S.D.L.P.(B.)",
        "thirty-",
        "one",
        "hundred",
    ];
    for round in 0..1500 {
        let len = (rng.next() % 400) as usize;
        let text = if round % 2 == 0 {
            let bytes: Vec<u8> = (0..len).map(|_| (rng.next() % 256) as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            (0..len)
                .map(|_| vocabulary[(rng.next() % vocabulary.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(if rng.next().is_multiple_of(3) {
                    ""
                } else {
                    " "
                })
        };
        check(&text);
    }
}

#[test]
fn pathological_shapes() {
    let cases = [
        "(".repeat(100_000),
        ")".repeat(100_000),
        "9".repeat(10_000),
        "1,".repeat(10_000),
        "Second Congress\n".repeat(5_000),
        "The Second Congress of Soviets: 390 Bolsheviks (".repeat(2_000),
        "a".repeat(200_000),
        ". ".repeat(50_000),
        "---\n".repeat(1_000),
        "\u{feff}\u{200b}\r\n\t".repeat(1_000),
        // Counts near u32::MAX must not overflow any sum (found by fuzzing).
        "The Second Congress of Soviets: 4294967295 delegates: 4294967295 Bolsheviks, 4294967295 SRs, 99999999999 Mensheviks. It voted 4294967295 to 4294967295 (4294967295 abstentions).".to_string(),
    ];
    for text in &cases {
        check(text);
    }
}

#[test]
fn event_count_is_capped_with_a_warning() {
    let text: String = (1..=500)
        .map(|n| {
            format!(
                "The {n}th Congress of Soviets met. It had {} delegates.\n",
                1000 + n
            )
        })
        .collect();
    let x = parse(&text, soviets::DocId(0));
    assert_eq!(x.events.len(), soviets::parse::MAX_EVENTS);
    // Every event read has its own figure, none piled onto the 400th.
    for (k, e) in x.events.iter().enumerate() {
        let counts: Vec<u32> = e.delegates.iter().map(|d| d.count).collect();
        assert_eq!(counts, [1001 + k as u32], "{}", e.name);
    }
    // The skipped ones are named (the first 50), their figures said unused.
    assert!(x.warnings.iter().any(|w| w.message
        == "the 401st All-Russian Congress of Soviets is not read: the text names more than 400 congresses or conferences, and its figures are skipped"));
    assert!(x.warnings.iter().any(|w| w.message
        == "figures in a sentence that follows an event past the limit of 400 are not used"));
    assert!(x.warnings.len() <= 2 * 50 + 2, "{}", x.warnings.len());
}

#[test]
fn numbers_too_large_for_a_count_are_said_not_clamped() {
    let text = "The Second Congress of Soviets had 4294967296 delegates: 4294967295 Bolsheviks, 5 SRs and 99999999999999999999999999 Mensheviks.";
    let x = parse(text, soviets::DocId(0));
    let e = &x.events[0];
    assert!(e.delegates.is_empty(), "{:?}", e.delegates);
    let counts: Vec<u32> = e.factions.iter().map(|f| f.count).collect();
    assert_eq!(counts, [4_294_967_295, 5]);
    let too_large: Vec<&str> = x
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .filter(|m| m.contains("too large for a count (at most 4294967295)"))
        .collect();
    assert_eq!(too_large.len(), 2, "{:?}", x.warnings);
    assert!(too_large[0].starts_with("the number 4294967296 in"));
    // A digit run longer than a token is cut, and each piece said as written.
    assert!(
        too_large[1].starts_with("the number 999999999999999999999999… in"),
        "{}",
        too_large[1]
    );
    // Sums are exact: the check's remainder is never clamped or wrapped.
    let mut c = Corpus::default();
    c.add(
        "big.txt",
        "The Third Congress of Soviets had 4294967295 delegates: 4294967295 Bolsheviks and 10 SRs.",
        soviets::corpus::Origin::Source,
    );
    let check = c
        .checks()
        .iter()
        .find(|k| k.what.starts_with("faction sum"))
        .expect("a faction check");
    assert_eq!((check.computed, check.remainder), (4_294_967_305, -10));
}
