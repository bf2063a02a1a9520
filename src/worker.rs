//! The parsing worker's side of the page: text in, facts out, within a
//! budget the page can afford.
//!
//! With `--features worker` on wasm32 this is the worker's wasm module
//! (`parse_document`), only fetched when a reader adds a document (see
//! `www/worker.js`), so the page's own module carries no parser and starts
//! from the seeds' pre-read facts ([`crate::seeds::documents`]).
//!
//! Everywhere it also holds [`Cost`]: what merging, charting and quoting a
//! document's facts will cost the page. The worker refuses a document over
//! the budget before anything reaches the page's module, and the page
//! checks again after decoding, so no input can exhaust the page's memory
//! or hold its main thread.

use crate::model::{Extraction, Span};

/// The most events one added document may bring.
pub const MAX_EVENTS: usize = 100;
/// The most facts (dates, counts, bodies, votes) one added document may bring.
pub const MAX_FACTS: usize = 25_000;
/// The most warnings one added document may bring.
pub const MAX_WARNINGS: usize = 20_000;
/// The most bytes of sentences its facts and warnings may quote, in all
/// (every quote is a copy the page may make).
pub const MAX_QUOTED: usize = 32 << 20;
/// The largest encoded extraction the worker sends to the page.
pub const MAX_ENCODED: usize = 4 << 20;

/// What a document's extraction costs the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    pub events: usize,
    pub facts: usize,
    pub warnings: usize,
    /// Bytes quoted by every fact and warning, summed.
    pub quoted: usize,
    /// The longest quote, in bytes.
    pub longest: usize,
}

impl Cost {
    /// Counts `x` in one pass (linear in its facts).
    pub fn of(x: &Extraction) -> Cost {
        let mut c = Cost {
            events: x.events.len(),
            warnings: x.warnings.len(),
            ..Cost::default()
        };
        let mut quote = |s: &Span| {
            let n = s.end.saturating_sub(s.start);
            c.quoted = c.quoted.saturating_add(n);
            c.longest = c.longest.max(n);
        };
        for e in &x.events {
            quote(&e.named_at);
            let spans = (e.starts.iter().chain(&e.ends).chain(&e.dates))
                .map(|d| &d.src)
                .chain(e.delegates.iter().map(|d| &d.src))
                .chain(e.represented.iter().map(|r| &r.src))
                .chain(e.factions.iter().map(|f| &f.src))
                .chain(e.bodies.iter().map(|b| &b.src))
                .chain(e.votes.iter().map(|v| &v.src));
            for s in spans {
                quote(s);
                c.facts += 1;
            }
        }
        for s in x.warnings.iter().filter_map(|w| w.src.as_ref()) {
            quote(s);
        }
        c
    }

    /// Why the page will not take a document of this cost, if it will not:
    /// a clause such as "it gives 30,000 facts, and the page takes at most
    /// 25,000".
    pub fn refusal(&self) -> Option<String> {
        let over = |what: &str, n: usize, max: usize| {
            format!(
                "it gives {} {what}, and the page takes at most {} from one document",
                group(n),
                group(max)
            )
        };
        if self.events > MAX_EVENTS {
            return Some(over("congresses or conferences", self.events, MAX_EVENTS));
        }
        if self.facts > MAX_FACTS {
            return Some(over("facts", self.facts, MAX_FACTS));
        }
        if self.warnings > MAX_WARNINGS {
            return Some(over("unplaced numbers", self.warnings, MAX_WARNINGS));
        }
        if self.quoted > MAX_QUOTED {
            return Some(format!(
                "its facts would quote {} MB of sentences, and the page's budget is {} MB; its longest sentence is {} bytes long (a text without full stops reads as one sentence)",
                group(self.quoted >> 20),
                MAX_QUOTED >> 20,
                group(self.longest)
            ));
        }
        None
    }
}

/// Why encoded facts of `len` bytes are too many for the page, if they are.
pub fn encoded_refusal(len: usize) -> Option<String> {
    (len > MAX_ENCODED).then(|| {
        format!(
            "its facts take {} KB, and the page's budget is {} KB",
            group(len >> 10),
            group(MAX_ENCODED >> 10)
        )
    })
}

/// `n` with thousands separators: "25,000".
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Parses `text` and returns its extraction's bytes (see [`crate::codec`]),
/// or throws a sentence saying why the page will not take it; the page
/// gives the spans the document's id ([`crate::DocId`]).
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn parse_document(text: &str) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let x = crate::parse(text, crate::DocId(0));
    if let Some(why) = Cost::of(&x).refusal() {
        return Err(why.into());
    }
    let bytes = crate::codec::encode(&x);
    match encoded_refusal(bytes.len()) {
        Some(why) => Err(why.into()),
        None => Ok(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(25_000), "25,000");
        assert_eq!(group(1_234_567), "1,234,567");
    }

    #[test]
    fn seeds_are_within_budget() {
        for (name, text) in crate::seeds::SEEDS {
            let c = Cost::of(&crate::parse(text, crate::DocId(0)));
            assert!(c.facts > 0, "{name}");
            assert_eq!(c.refusal(), None, "{name}: {c:?}");
        }
    }

    #[test]
    fn a_megabyte_of_seed_prose_is_within_budget() {
        let (_, seed) = crate::seeds::SEEDS[3];
        let text = seed.repeat(1_000_000 / seed.len());
        let x = crate::parse(&text, crate::DocId(0));
        assert_eq!(Cost::of(&x).refusal(), None);
        assert_eq!(encoded_refusal(crate::codec::encode(&x).len()), None);
    }

    #[test]
    fn too_many_facts_are_refused() {
        let mut text =
            String::from("The Fifth All-Russian Congress of Soviets met in Moscow in July 1918. ");
        let unit =
            "Of the 707 delegates, 441 were Bolsheviks, 205 Left SRs and 61 of other parties. ";
        text.push_str(&unit.repeat(1_000_000 / unit.len()));
        let c = Cost::of(&crate::parse(&text, crate::DocId(0)));
        assert!(c.facts > MAX_FACTS, "{c:?}");
        let why = c.refusal().unwrap_or_default();
        assert!(why.contains("facts") && why.contains("25,000"), "{why}");
    }

    #[test]
    fn long_quotes_are_counted_and_refused() {
        let mut c = Cost::default();
        assert_eq!(c.refusal(), None);
        c.quoted = MAX_QUOTED + 1;
        c.longest = 1_000_000;
        let why = c.refusal().unwrap_or_default();
        assert!(why.contains("32 MB") && why.contains("1,000,000"), "{why}");
        // Every quote counts, the event names' included.
        let x = crate::parse(crate::seeds::SEEDS[0].1, crate::DocId(0));
        let c = Cost::of(&x);
        assert!(c.quoted >= c.longest && c.longest > 0);
    }

    #[test]
    fn encoded_size_is_bounded() {
        assert_eq!(encoded_refusal(MAX_ENCODED), None);
        let why = encoded_refusal(MAX_ENCODED + 1).unwrap_or_default();
        assert!(why.contains("4,096 KB"), "{why}");
    }
}
