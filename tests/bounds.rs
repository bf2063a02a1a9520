//! Output stays bounded whatever the input: quotes are at most
//! `MAX_QUOTE` bytes (plus "…" marks where a long sentence was cut), the
//! byte range still points into the document, warnings about unattached
//! numbers stop at 50 per document, and the report grows linearly with
//! the input.

use soviets::model::{Span, MAX_QUOTE};
use soviets::{parse, report, Corpus};

/// `n` bytes of punctuation-free text with numbers and a congress in it.
fn noise(n: usize) -> String {
    format!(
        "The Second Congress of Soviets met.\n{}",
        soviets::seeds::noise(n)
    )
}

/// Every span of an extraction: facts and warnings.
fn spans(x: &soviets::Extraction) -> Vec<Span> {
    let mut out: Vec<Span> = x.warnings.iter().filter_map(|w| w.src).collect();
    for e in &x.events {
        out.extend(e.delegates.iter().map(|d| d.src));
        out.extend(e.represented.iter().map(|d| d.src));
        out.extend(e.factions.iter().map(|d| d.src));
        out.extend(e.bodies.iter().map(|d| d.src));
        out.extend(e.votes.iter().map(|d| d.src));
        out.extend(
            e.starts
                .iter()
                .chain(&e.ends)
                .chain(&e.dates)
                .map(|d| d.src),
        );
    }
    out
}

#[test]
fn quotes_of_a_text_without_full_stops_are_bounded_windows() {
    let text = noise(200_000);
    let x = parse(&text, soviets::DocId(0));
    let all = spans(&x);
    assert!(
        x.events.iter().any(|e| !e.factions.is_empty()),
        "facts are read"
    );
    let mut cut = 0;
    for s in &all {
        let q = s.quote(&text);
        assert!(q.len() <= MAX_QUOTE, "{} bytes", q.len());
        assert!(!q.is_empty() && s.end <= text.len());
        // Cut at word boundaries: the window neither starts nor ends inside a word.
        let before = text[..s.start].chars().next_back();
        let after = text[s.end..].chars().next();
        assert!(before.is_none_or(|c| !c.is_alphanumeric()), "{q}");
        assert!(after.is_none_or(|c| !c.is_alphanumeric()), "{q}");
        // The cited quote is the window, marked where it was cut.
        let cited = s.cited(&text);
        assert_eq!(cited.starts_with("… "), s.cut_start);
        assert_eq!(cited.ends_with(" …"), s.cut_end);
        assert!(cited.contains(q));
        cut += usize::from(s.cut_start || s.cut_end);
    }
    assert!(cut > 100, "{cut} cut spans");
    // Every fact's figure lies inside its window.
    for e in &x.events {
        for f in &e.factions {
            assert!(f.src.quote(&text).contains(&f.count.to_string()));
        }
    }
}

#[test]
fn unattached_numbers_are_warned_about_fifty_times_then_counted() {
    let text = "12 34 56 78 ".repeat(10_000);
    let x = parse(&text, soviets::DocId(0));
    let unattached = x
        .warnings
        .iter()
        .filter(|w| w.message.contains("is not attached"))
        .count();
    assert_eq!(unattached, 50);
    let last = x
        .warnings
        .iter()
        .find(|w| w.message.contains("more numbers or figures"))
        .expect("the count line");
    assert_eq!(
        last.message,
        "39950 more numbers or figures are not attached to any fact (only the first 50 are listed)"
    );
}

#[test]
fn hard_boundaries_end_a_sentence() {
    let text = "The Second Congress of Soviets met\n\n\
        390 Bolsheviks and\n\
        - 160 SRs\n\
        * 72 Mensheviks\n\
        • 14 United Internationalists\n\
        | Menshevik-Internationalists | 6 |\n\
        Anarchists\t3\n\
        ==Composition==\n\
        # Votes\n\
        = Heading =\n\
        1. 52 abstained";
    let x = parse(text, soviets::DocId(0));
    for s in spans(&x) {
        let q = s.quote(text);
        assert!(!q.contains('\n'), "{q:?} crosses a line");
        assert!(!q.contains("\n\n"));
    }
    let e = &x.events[0];
    let factions: Vec<(u32, &str)> = e
        .factions
        .iter()
        .map(|f| (f.count, f.src.quote(text)))
        .collect();
    assert!(
        factions.contains(&(390, "390 Bolsheviks and")),
        "{factions:?}"
    );
    assert!(factions.contains(&(160, "- 160 SRs")), "{factions:?}");
}

#[test]
fn the_report_grows_linearly_with_the_input() {
    let size = |n: usize| {
        let mut c = Corpus::default();
        c.add("noise.txt", &noise(n), soviets::corpus::Origin::Source);
        report::json(&report::report(&c), true).len()
    };
    let (one, four) = (size(100_000), size(400_000));
    // Linear: four times the input gives about four times the output, and
    // the output is a small multiple of the input.
    assert!(four <= 4 * one + 100_000, "{one} then {four}");
    assert!(four <= 5 * 400_000, "{four} bytes for 400000");
    // Random bytes: warnings are bounded, so the output is small.
    let mut x: u64 = 0x5EED;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let mut c = Corpus::default();
    c.add("random.bin", &text, soviets::corpus::Origin::Source);
    let out = report::json(&report::report(&c), true).len();
    assert!(out <= text.len(), "{out} bytes for {}", text.len());
}

/// A run-on list of counts ("379 SRs 938 SRs …") yields a fact every few
/// bytes; each quotes its piece, which holds at most four numbers, so the
/// quoted bytes stay a small multiple of the text instead of 300 bytes per
/// fact (before: 98 times the input in JSON).
#[test]
fn a_run_on_list_of_counts_quotes_a_few_times_its_size() {
    let mut text = String::from("The Second Congress of Soviets had ");
    let mut x: u32 = 7;
    while text.len() < 20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        text.push_str(&format!("{} SRs ", (x >> 16) % 999 + 1));
    }
    let parsed = parse(&text, soviets::DocId(0));
    let facts = parsed
        .events
        .iter()
        .map(|e| e.factions.len())
        .sum::<usize>();
    assert!(facts > 2_000, "{facts} faction counts");
    let quoted: usize = spans(&parsed).iter().map(|s| s.end - s.start).sum();
    assert!(
        quoted <= 6 * text.len(),
        "{quoted} bytes quoted for {}",
        text.len()
    );
}
