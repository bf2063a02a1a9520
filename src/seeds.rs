//! The seed documents, embedded in the library so the page and the command
//! line start from the same texts, and their facts as the parser reads
//! them, pre-read so the page's module needs no parser (`seeds.bin`, kept
//! current by the test `pre_read_facts_are_current`).

use crate::model::{Extraction, Level, Warning};

/// `(file name, text)` of every file in `seeds/`, in file-name order.
pub const SEEDS: [(&str, &str); 5] = [
    (
        "000_77def8365e1bd7fa.txt",
        include_str!("../seeds/000_77def8365e1bd7fa.txt"),
    ),
    (
        "001_3d3518b6e59d5438.txt",
        include_str!("../seeds/001_3d3518b6e59d5438.txt"),
    ),
    (
        "002_3fd800aae808d07a.txt",
        include_str!("../seeds/002_3fd800aae808d07a.txt"),
    ),
    (
        "003_098b4567920581ad.txt",
        include_str!("../seeds/003_098b4567920581ad.txt"),
    ),
    (
        "004_d18d268070534a91.txt",
        include_str!("../seeds/004_d18d268070534a91.txt"),
    ),
];

/// Every seed's extraction in [`crate::codec`]'s bytes, each preceded by
/// its length (4 bytes, little-endian), in [`SEEDS`] order.
const PRE_READ: &[u8] = include_bytes!("seeds.bin");

/// The bytes of `seeds.bin`: [`crate::parse()`] of every seed, encoded.
#[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
pub fn pre_read() -> Vec<u8> {
    let mut out = Vec::new();
    for (doc, (_, text)) in SEEDS.iter().enumerate() {
        let bytes = crate::codec::encode(&crate::parse(text, crate::DocId(doc as u32)));
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(&bytes);
    }
    out
}

/// Every seed's extraction, decoded from the pre-read facts; its spans
/// name its index in [`SEEDS`]. A seed whose bytes do not decode (they
/// always do while the test passes) has no facts and says so.
pub fn extractions() -> Vec<Extraction> {
    let mut rest = PRE_READ;
    (0..SEEDS.len())
        .map(|doc| {
            let len = rest
                .first_chunk::<4>()
                .map_or(0, |n| u32::from_le_bytes(*n) as usize);
            let end = len.saturating_add(4);
            let bytes = rest.get(4..end).unwrap_or_default();
            rest = rest.get(end..).unwrap_or_default();
            crate::codec::decode(bytes, crate::DocId(doc as u32)).unwrap_or_else(|| Extraction {
                warnings: vec![Warning {
                    level: Level::Error,
                    message: "the pre-read facts of this seed are damaged".to_string(),
                    src: None,
                }],
                ..Extraction::default()
            })
        })
        .collect()
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
    use super::{extractions, pre_read, PRE_READ, SEEDS};

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
        let read = extractions();
        assert_eq!(read.len(), SEEDS.len());
        for (doc, (name, text)) in SEEDS.iter().enumerate() {
            assert_eq!(
                read[doc],
                crate::parse(text, crate::DocId(doc as u32)),
                "{name}"
            );
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
