//! The seed documents, embedded in the library so the page and the command
//! line start from the same texts.

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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::SEEDS;

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
        on_disk.sort();
        let embedded: Vec<&str> = SEEDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(on_disk, embedded, "seeds/ and SEEDS list different files");
        for (name, text) in SEEDS {
            let disk = std::fs::read_to_string(dir.join(name)).expect("seed is UTF-8");
            assert_eq!(disk, text, "{name} differs from its embedded copy");
        }
    }
}
