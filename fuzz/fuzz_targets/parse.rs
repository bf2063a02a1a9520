//! Fuzz target: any bytes, read as (lossy) UTF-8, through the parser, the
//! corpus analysis and both report formats. Panics are the bugs it finds;
//! spans must stay inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let x = soviets::parse(&text, soviets::DocId(0));
    for e in &x.events {
        for f in &e.factions {
            assert!(f.src.end <= text.len() && text.is_char_boundary(f.src.start));
        }
    }
    let mut corpus = soviets::Corpus::default();
    corpus.add("fuzz.txt", &text, soviets::corpus::Origin::Reader);
    let _ = corpus.dataset();
    let report = soviets::report::report(&corpus);
    let _ = soviets::report::csv(&report);
});
