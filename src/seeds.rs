//! The seed documents and their facts as the parser reads them, pre-read
//! so the page's module needs no parser (`seeds.bin`, kept current by the
//! test `pre_read_facts_are_current`).
//!
//! The command line and the worker embed the seed texts. The page's module
//! does not: `seeds.bin` also holds each seed's quoted text, the sentences
//! its facts cite at their places with every other byte a space, so that
//! quotes, tooltips and checks work from the first paint; the source panel
//! fetches a seed's whole text (`pkg/seeds/<name>`) when it first shows it.

use crate::codec::take_varint;
use crate::model::{Extraction, Level, Warning};

/// The seeds' file names, in file-name order: `seeds/<name>`, served as
/// `pkg/seeds/<name>`.
pub const NAMES: [&str; 5] = [
    "000_77def8365e1bd7fa.txt",
    "001_3d3518b6e59d5438.txt",
    "002_3fd800aae808d07a.txt",
    "003_098b4567920581ad.txt",
    "004_d18d268070534a91.txt",
];

/// `(file name, text)` of every file in `seeds/`, in [`NAMES`] order. Not
/// in the page's module.
#[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
pub const SEEDS: [(&str, &str); 5] = [
    (NAMES[0], include_str!("../seeds/000_77def8365e1bd7fa.txt")),
    (NAMES[1], include_str!("../seeds/001_3d3518b6e59d5438.txt")),
    (NAMES[2], include_str!("../seeds/002_3fd800aae808d07a.txt")),
    (NAMES[3], include_str!("../seeds/003_098b4567920581ad.txt")),
    (NAMES[4], include_str!("../seeds/004_d18d268070534a91.txt")),
];

/// For every seed in [`NAMES`] order: its extraction in [`crate::codec`]'s
/// bytes, then its quoted text as runs (see [`quoted_runs`]), each part
/// preceded by its length (a varint, as the codec's numbers).
const PRE_READ: &[u8] = include_bytes!("seeds.bin");

/// One seed as a corpus takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seed {
    pub name: &'static str,
    /// The whole text, or, if `partial`, its quoted text: the bytes its
    /// facts cite, in place, and spaces between.
    pub text: String,
    pub partial: bool,
    /// Its spans name its index in [`NAMES`] as their [`crate::DocId`].
    pub extraction: Extraction,
}

/// The bytes of `seeds.bin`: [`crate::parse()`] of every seed, encoded, and
/// its quoted text.
#[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
pub fn pre_read() -> Vec<u8> {
    let mut out = Vec::new();
    for (doc, (_, text)) in SEEDS.iter().enumerate() {
        let x = crate::parse(text, crate::DocId(doc as u32));
        for part in [crate::codec::encode(&x), quoted_runs(text, &x)] {
            crate::codec::put_varint(&mut out, part.len() as u64);
            out.extend_from_slice(&part);
        }
    }
    out
}

/// The bytes of `text` that `x`'s spans cite, as runs: the text's length,
/// the number of runs, then each run's gap after the previous run (from
/// the start for the first) and length, then the runs' bytes (numbers as
/// varints). Runs are whole characters, since spans are.
#[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
fn quoted_runs(text: &str, x: &Extraction) -> Vec<u8> {
    let mut cited = vec![false; text.len()];
    for (start, end) in crate::codec::spans(x) {
        if let Some(c) = cited.get_mut(start..end.min(text.len())) {
            c.fill(true);
        }
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, _) in cited.iter().enumerate().filter(|(_, c)| **c) {
        match runs.last_mut() {
            Some((_, end)) if *end == i => *end = i + 1,
            _ => runs.push((i, i + 1)),
        }
    }
    let mut out = Vec::new();
    let mut put = |n: usize| crate::codec::put_varint(&mut out, n as u64);
    put(text.len());
    put(runs.len());
    let mut after = 0;
    for &(start, end) in &runs {
        put(start - after);
        put(end - start);
        after = end;
    }
    for (start, end) in runs {
        out.extend_from_slice(&text.as_bytes()[start..end]);
    }
    out
}

/// The quoted text that [`quoted_runs`] wrote; `None` if damaged.
fn from_runs(bytes: &[u8]) -> Option<String> {
    let mut pos = 0;
    let mut num = || usize::try_from(take_varint(bytes, &mut pos)?).ok();
    let len = num()?;
    let n = num()?;
    let mut places = Vec::new();
    let mut after: usize = 0;
    for _ in 0..n.min(bytes.len() / 2) {
        let start = after.checked_add(num()?)?;
        let run = num()?;
        after = start.checked_add(run)?;
        places.push((start, run));
    }
    let mut rest = bytes.get(pos..)?;
    // Our own file; a damaged length is still no reason to run out of memory.
    let mut text = vec![b' '; len.min(1 << 24)];
    for (start, run) in places {
        let (bytes, tail) = rest.split_at_checked(run)?;
        rest = tail;
        text.get_mut(start..start.checked_add(run)?)?
            .copy_from_slice(bytes);
    }
    String::from_utf8(text).ok()
}

/// Every seed, decoded from the pre-read facts: with its whole text where
/// the module embeds it, else its quoted text.
pub fn documents() -> Vec<Seed> {
    #[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
    return read(|i| Some(SEEDS[i].1));
    #[cfg(not(any(not(target_arch = "wasm32"), feature = "worker")))]
    return read(|_| None);
}

/// The seeds from `seeds.bin`, each with its whole text if `whole` gives
/// it. A seed whose bytes do not decode (they always do while the tests
/// pass) has no facts and says so.
fn read(whole: impl Fn(usize) -> Option<&'static str>) -> Vec<Seed> {
    let mut pos = 0;
    let mut part = || {
        let len = take_varint(PRE_READ, &mut pos).map_or(0, |n| n as usize);
        let end = pos.saturating_add(len);
        let bytes = PRE_READ.get(pos..end).unwrap_or_default();
        pos = end.min(PRE_READ.len());
        bytes
    };
    let mut out = Vec::new();
    for (i, name) in NAMES.into_iter().enumerate() {
        let facts = crate::codec::decode(part(), crate::DocId(i as u32));
        let runs = part();
        // The quoted text is decoded only where it is used.
        let (text, partial) = match whole(i) {
            Some(t) => (Some(t.to_string()), false),
            None => (from_runs(runs), true),
        };
        let damaged = facts.is_none() || text.is_none();
        let mut extraction = facts.unwrap_or_default();
        if damaged {
            extraction.warnings.push(Warning {
                level: Level::Error,
                message: "the pre-read facts of this seed are damaged".to_string(),
                src: None,
            });
        }
        out.push(Seed {
            name,
            text: text.unwrap_or_default(),
            partial,
            extraction,
        });
    }
    out
}

/// About `bytes` of punctuation-free text: words of the sources and
/// numbers, in a fixed pseudo-random order, with no sentence end: the
/// worst case for sentence-bounded provenance, for benchmarks and tests.
pub fn noise(bytes: usize) -> String {
    let words = [
        "the",
        "Second",
        "Congress",
        "of",
        "Soviets",
        "had",
        "390",
        "Bolsheviks",
        "and",
        "160",
        "delegates",
        "from",
        "soviets",
        "in",
        "power",
        "people",
        "voted",
        "543",
        "to",
        "126",
        "workers'",
        "soldiers'",
        "deputies",
        "October",
        "1917",
        "Left",
        "SRs",
        "were",
        "by",
        "Mensheviks",
    ];
    let mut out = String::with_capacity(bytes + 16);
    let mut x: u32 = 1917;
    while out.len() < bytes {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        out.push_str(words[(x >> 16) as usize % words.len()]);
        out.push(' ');
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::{documents, pre_read, read, PRE_READ, SEEDS};

    /// Like rust-analyzer's generated files: a stale `seeds.bin` is
    /// rewritten, and the test fails so the new one gets committed.
    #[test]
    fn pre_read_facts_are_current() {
        let fresh = pre_read();
        if fresh != PRE_READ {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/seeds.bin");
            std::fs::write(&path, &fresh).expect("src/seeds.bin is writable");
            panic!("src/seeds.bin was out of date with the parser; it has been rewritten: rebuild and commit it");
        }
    }

    #[test]
    fn pre_read_facts_are_what_the_parser_reads() {
        let seeds = documents();
        assert_eq!(seeds.len(), SEEDS.len());
        for (doc, (name, text)) in SEEDS.iter().enumerate() {
            let seed = &seeds[doc];
            assert_eq!(
                (seed.name, seed.text.as_str(), seed.partial),
                (*name, *text, false)
            );
            let x = crate::parse(text, crate::DocId(doc as u32));
            assert_eq!(seed.extraction, x, "{name}");
        }
    }

    /// The page's seeds, with their quoted texts only, give the page all
    /// it shows before a source is opened: the same quotes, charts,
    /// conflicts, checks and fact lists as the whole texts.
    #[test]
    fn quoted_texts_serve_every_quote() {
        use crate::calendar::Style;
        use crate::provenance::document_facts;
        let quoted = read(|_| None);
        for (seed, (name, text)) in quoted.iter().zip(SEEDS) {
            assert!(seed.partial);
            assert_eq!(seed.text.len(), text.len(), "{name}");
            // Most of the text is left out; what is kept is in its place.
            let kept = seed.text.bytes().filter(|b| *b != b' ').count();
            assert!(
                kept < text.len() * 3 / 4,
                "{name}: {kept} of {}",
                text.len()
            );
            for (a, b) in seed.text.bytes().zip(text.bytes()) {
                assert!(a == b' ' || a == b, "{name}");
            }
        }
        let whole = crate::Corpus::seeds();
        let page = crate::Corpus::from_seeds(quoted);
        assert_eq!(page.dataset(), whole.dataset());
        assert_eq!(page.conflicts(), whole.conflicts());
        assert_eq!(page.checks(), whole.checks());
        for kind in page.bodies() {
            assert_eq!(
                page.body_dataset(kind, None),
                whole.body_dataset(kind, None)
            );
        }
        for (p, w) in page.documents().iter().zip(whole.documents()) {
            assert_eq!(document_facts(p, Style::Old), document_facts(w, Style::Old));
        }
    }

    #[test]
    fn every_seed_file_is_embedded_byte_for_byte() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("seeds/ exists")
            .map(|e| {
                e.expect("readable entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        #[allow(clippy::disallowed_methods)] // a native test: no wasm size at stake
        on_disk.sort();
        let embedded: Vec<&str> = SEEDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded, "seeds/ and SEEDS list different files");
        for (name, text) in SEEDS {
            let disk = std::fs::read_to_string(dir.join(name)).expect("seed is UTF-8");
            assert_eq!(disk, text, "{name} differs from its embedded copy");
        }
    }
}
