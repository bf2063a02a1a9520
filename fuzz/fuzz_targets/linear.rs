//! Fuzz target: the output stays linear in the input. Any bytes, decoded as
//! the `extract` command decodes a file, through the parser, the corpus and
//! the JSON report: every quote is at most `MAX_QUOTE` bytes plus its "…"
//! marks, at most 50 warnings are about unattached numbers, and the JSON is
//! at most `PER_BYTE` times the input plus a constant. Quadratic output (a
//! whole long sentence quoted once per number in it) breaks the bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soviets::model::MAX_QUOTE;

/// JSON bytes allowed per input byte: a fact costs at least a few bytes of
/// input ("5 SRs") and at most a quote and its fields in the output.
const PER_BYTE: usize = 250;
/// JSON bytes allowed whatever the input: the skeleton and one error, and
/// the at most 51 warnings about numbers (50 and the count), each of which
/// may quote a whole sentence of up to `MAX_QUOTE` bytes and an 80-character
/// excerpt in its message, every byte escaped to six (`\u0011`) in the
/// worst case. A constant, so the output stays linear; a fuzzer found a
/// 166-byte input of control characters that needs it.
const BASE: usize = 4_000 + 51 * ((MAX_QUOTE + 8 + 80 * 4) * 6 + 200);

fuzz_target!(|data: &[u8]| {
    let (text, _, warnings) = soviets::input::decode(data.to_vec());
    let mut x = soviets::parse(&text, soviets::DocId(0));
    x.warnings.splice(0..0, warnings);
    let unattached = x
        .warnings
        .iter()
        .filter(|w| w.message.contains("is not attached") || w.message.contains("too large for a count"))
        .count();
    assert!(unattached <= 50, "{unattached} warnings about numbers");
    let mut corpus = soviets::Corpus::default();
    corpus.add_parsed("fuzz.txt", &text, soviets::corpus::Origin::Source, x);
    let report = soviets::report::report(&corpus);
    for d in &report.documents {
        for w in &d.warnings {
            if let Some(q) = &w.quote {
                assert!(q.len() <= MAX_QUOTE + 8, "a warning quotes {} bytes", q.len());
            }
        }
        for e in &d.events {
            let quotes = e
                .delegates
                .iter()
                .map(|f| &f.quote)
                .chain(e.factions.iter().map(|f| &f.quote))
                .chain(e.represented.iter().map(|f| &f.quote))
                .chain(e.votes.iter().map(|f| &f.quote));
            for q in quotes {
                assert!(q.len() <= MAX_QUOTE + 8, "a fact quotes {} bytes", q.len());
            }
        }
    }
    let mut json = Vec::new();
    soviets::report::write_json(&corpus, true, &mut json).expect("writes to memory");
    assert!(
        json.len() <= BASE + PER_BYTE * data.len(),
        "{} bytes of JSON for {} bytes of input",
        json.len(),
        data.len()
    );
});
