//! The one faction vocabulary: canonical factions, the names texts use for
//! them, their lineage and their colours.
//!
//! Everything that names a faction (the parser, the charts, the exports) goes
//! through [`Faction`], so a faction has one display name, one colour and one
//! place in the stacking order everywhere.

/// A canonical faction. The discriminant order is the stacking order of the
/// charts: left to right on the political spectrum of 1917, "others" last.
///
/// Rare parties that the texts name once or twice (Edinstvo, the National
/// Socialists, the Revolutionary Communists, the Communist Populists, the
/// United Social Democrats, an unqualified "Internationalists") fold into
/// [`Faction::Others`], and the national parties (Dashnaktsutyun, Poalei
/// Zion, the Ukrainian Social Democrats, the Jewish socialist parties) into
/// [`Faction::NationalParties`], rather than each getting a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Faction {
    Bolsheviks,
    Communists,
    Sympathisers,
    Anarchists,
    Maximalists,
    LeftSrs,
    UkrainianSrs,
    Srs,
    CentreSrs,
    RightSrs,
    UnitedInternationalists,
    MenshevikInternationalists,
    Mensheviks,
    Bundists,
    PopularSocialists,
    Trudoviks,
    NationalParties,
    NonParty,
    Others,
}

/// How a faction came about: which faction it split from, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lineage {
    pub parent: Faction,
    /// Year and month of the split or renaming, as far as the record goes.
    pub since: (i32, u8),
    pub how: &'static str,
}

impl Faction {
    /// Every faction, in stacking order.
    pub const ALL: [Faction; 19] = [
        Faction::Bolsheviks,
        Faction::Communists,
        Faction::Sympathisers,
        Faction::Anarchists,
        Faction::Maximalists,
        Faction::LeftSrs,
        Faction::UkrainianSrs,
        Faction::Srs,
        Faction::CentreSrs,
        Faction::RightSrs,
        Faction::UnitedInternationalists,
        Faction::MenshevikInternationalists,
        Faction::Mensheviks,
        Faction::Bundists,
        Faction::PopularSocialists,
        Faction::Trudoviks,
        Faction::NationalParties,
        Faction::NonParty,
        Faction::Others,
    ];

    /// Stable machine id, used in JSON, CSV and URLs.
    pub fn id(self) -> &'static str {
        match self {
            Faction::Bolsheviks => "bolsheviks",
            Faction::Communists => "communists",
            Faction::Sympathisers => "sympathisers",
            Faction::Anarchists => "anarchists",
            Faction::Maximalists => "maximalists",
            Faction::LeftSrs => "left-srs",
            Faction::UkrainianSrs => "ukrainian-srs",
            Faction::Srs => "srs",
            Faction::CentreSrs => "centre-srs",
            Faction::RightSrs => "right-srs",
            Faction::UnitedInternationalists => "united-internationalists",
            Faction::MenshevikInternationalists => "menshevik-internationalists",
            Faction::Mensheviks => "mensheviks",
            Faction::Bundists => "bundists",
            Faction::PopularSocialists => "popular-socialists",
            Faction::Trudoviks => "trudoviks",
            Faction::NationalParties => "national-parties",
            Faction::NonParty => "non-party",
            Faction::Others => "others",
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Faction::Bolsheviks => "Bolsheviks",
            Faction::Communists => "Communists",
            Faction::Sympathisers => "Bolshevik/Communist sympathisers",
            Faction::Anarchists => "Anarchists",
            Faction::Maximalists => "SR Maximalists",
            Faction::LeftSrs => "Left SRs",
            Faction::UkrainianSrs => "Ukrainian SRs",
            Faction::Srs => "SRs",
            Faction::CentreSrs => "Centre SRs",
            Faction::RightSrs => "Right SRs",
            Faction::UnitedInternationalists => "United Internationalists",
            Faction::MenshevikInternationalists => "Menshevik-Internationalists",
            Faction::Mensheviks => "Mensheviks",
            Faction::Bundists => "Bundists",
            Faction::PopularSocialists => "Popular Socialists",
            Faction::Trudoviks => "Trudoviks",
            Faction::NationalParties => "National parties",
            Faction::NonParty => "Non-party",
            Faction::Others => "Others",
        }
    }

    /// Looks a faction up by its [`Faction::id`].
    pub fn from_id(id: &str) -> Option<Faction> {
        Faction::ALL.into_iter().find(|f| f.id() == id)
    }

    /// Fill colour as RGB. Built on the Okabe–Ito palette, which stays
    /// distinguishable under the common colour-vision deficiencies; a child
    /// faction is a lighter or darker shade of its parent's hue.
    pub fn color(self) -> (u8, u8, u8) {
        match self {
            Faction::Bolsheviks => (0xD5, 0x5E, 0x00),   // vermillion
            Faction::Communists => (0x9E, 0x3D, 0x00),   // dark vermillion
            Faction::Sympathisers => (0xF4, 0xA5, 0x82), // light vermillion
            Faction::Anarchists => (0x33, 0x33, 0x33),   // near black
            Faction::Maximalists => (0xF5, 0xC7, 0x10),  // gold
            Faction::LeftSrs => (0xE6, 0x9F, 0x00),      // orange
            Faction::UkrainianSrs => (0xF0, 0xE4, 0x42), // yellow
            Faction::Srs => (0x00, 0x9E, 0x73),          // bluish green
            Faction::CentreSrs => (0x4F, 0xC1, 0x9D),    // light bluish green
            Faction::RightSrs => (0x00, 0x6B, 0x4E),     // dark bluish green
            Faction::UnitedInternationalists => (0xCC, 0x79, 0xA7), // reddish purple
            Faction::MenshevikInternationalists => (0x56, 0xB4, 0xE9), // sky blue
            Faction::Mensheviks => (0x00, 0x72, 0xB2),   // blue
            Faction::Bundists => (0x7B, 0x4F, 0x9E),     // violet
            Faction::PopularSocialists => (0x8C, 0x6D, 0x31), // brown
            Faction::Trudoviks => (0xC4, 0xA4, 0x6B),    // light brown
            Faction::NationalParties => (0x99, 0x99, 0x33), // olive
            Faction::NonParty => (0x6E, 0x6E, 0x6E),     // dark grey
            Faction::Others => (0xA6, 0xA6, 0xA6),       // grey
        }
    }

    /// `#rrggbb` form of [`Faction::color`].
    pub fn hex(self) -> String {
        let (r, g, b) = self.color();
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The faction this one split from or was renamed out of.
    pub fn lineage(self) -> Option<Lineage> {
        let l = |parent, since, how| Some(Lineage { parent, since, how });
        match self {
            Faction::Communists => l(
                Faction::Bolsheviks,
                (1918, 3),
                "the RSDLP(b) renamed itself the Russian Communist Party (Bolsheviks)",
            ),
            Faction::LeftSrs => l(
                Faction::Srs,
                (1917, 11),
                "split from the SR party at the Second Congress and formed their own party",
            ),
            Faction::RightSrs => l(Faction::Srs, (1917, 10), "the SR majority after the split"),
            Faction::CentreSrs => l(Faction::Srs, (1917, 10), "SR centre group at the split"),
            Faction::UkrainianSrs => l(Faction::Srs, (1917, 4), "Ukrainian party of SRs"),
            Faction::Maximalists => l(Faction::Srs, (1906, 10), "split from the SRs"),
            Faction::Trudoviks => l(
                Faction::PopularSocialists,
                (1917, 6),
                "merged with the Popular Socialists into the Labour Popular Socialist Party",
            ),
            Faction::MenshevikInternationalists => l(
                Faction::Mensheviks,
                (1917, 5),
                "Martov's internationalist wing of the Mensheviks",
            ),
            _ => None,
        }
    }

    /// Factions that list this one as their parent.
    pub fn children(self) -> impl Iterator<Item = Faction> {
        Faction::ALL
            .into_iter()
            .filter(move |f| f.lineage().is_some_and(|l| l.parent == self))
    }

    /// Reads a faction name at the start of `words` (lower-case tokens as
    /// produced by the tokenizer). Returns the faction and how many tokens
    /// the name spans.
    pub fn recognize(words: &[&str]) -> Option<(Faction, usize)> {
        recognize(words)
    }
}

/// Words that turn an SR name into a wing of the party.
fn sr_wing(word: &str) -> Option<Faction> {
    match word {
        "left" => Some(Faction::LeftSrs),
        "right" => Some(Faction::RightSrs),
        "centre" | "center" => Some(Faction::CentreSrs),
        "ukrainian" => Some(Faction::UkrainianSrs),
        _ => None,
    }
}

/// Length of an SR party name at the start of `w`: "SRs", "S.R.s",
/// "Socialist-Revolutionaries", "Social Revolutionaries", "Socialist
/// Revolutionists" and slips such as "Social list-Revolutionaries".
fn sr_core(w: &[&str]) -> Option<usize> {
    let first = *w.first()?;
    if matches!(first, "sr" | "srs" | "sr's" | "esers") {
        return Some(1);
    }
    let is_rev = |s: &str| s.starts_with("revolutionar") || s.starts_with("revolutionist");
    if matches!(first, "socialist" | "social" | "socialists") {
        if w.get(1).is_some_and(|s| is_rev(s)) {
            return Some(2);
        }
        // One stray token between the halves of a hyphenated name.
        if w.get(2).is_some_and(|s| is_rev(s)) && w.get(1).is_some_and(|s| s.len() <= 5) {
            return Some(3);
        }
    }
    None
}

/// An SR name, with "of the Centre" making it the centre group.
fn sr_name(w: &[&str]) -> Option<(Faction, usize)> {
    let n = sr_core(w)?;
    let at = |i: usize| w.get(i).copied().unwrap_or("");
    if at(n) == "maximalists" {
        return Some((Faction::Maximalists, n + 1));
    }
    if at(n) == "of" && at(n + 1) == "the" && matches!(at(n + 2), "centre" | "center") {
        // "of the Centre and Right": the SR party without its left.
        if at(n + 3) == "and" && at(n + 4) == "right" {
            return Some((Faction::Srs, n + 5));
        }
        return Some((Faction::CentreSrs, n + 3));
    }
    Some((Faction::Srs, n))
}

fn recognize(w: &[&str]) -> Option<(Faction, usize)> {
    let at = |i: usize| w.get(i).copied().unwrap_or("");
    let first = at(0);
    let sympath = |s: &str| {
        s.starts_with("sympathiz") || s.starts_with("sympathis") || s.starts_with("supporter")
    };
    // Wings of the SRs: "Left SRs", "Left-Wing Socialist-Revolutionaries",
    // "Right S.R.s"; "Right and Centre SRs" together are the SR party.
    if let Some(wing) = sr_wing(first) {
        if first == "ukrainian" && at(1) == "social" && at(2).starts_with("democrat") {
            return Some((Faction::NationalParties, 3));
        }
        if first == "left" && matches!(at(1), "communist" | "communists") {
            return Some((Faction::Communists, 2));
        }
        let skip = if at(1) == "wing" { 2 } else { 1 };
        if let Some(n) = sr_core(&w[skip.min(w.len())..]) {
            // "right-wing Socialist Revolutionaries and centrists".
            if at(skip + n) == "and" && at(skip + n + 1).starts_with("centrist") {
                return Some((Faction::Srs, skip + n + 2));
            }
            return Some((wing, skip + n));
        }
        if at(1) == "and" && sr_wing(at(2)).is_some() {
            if let Some(n) = sr_core(&w[3.min(w.len())..]) {
                return Some((Faction::Srs, 3 + n));
            }
        }
        return None;
    }
    if let Some(found) = sr_name(w) {
        return Some(found);
    }
    let internationalists = |s: &str| s.starts_with("internationalist");
    let communists = |s: &str| matches!(s, "communist" | "communists");
    let anarchists = |s: &str| matches!(s, "anarchist" | "anarchists");
    match first {
        "bolshevik" | "communist" if sympath(at(1)) => Some((Faction::Sympathisers, 2)),
        "sympathizers" | "sympathisers" | "supporters" => {
            // "sympathizers with communism", "supporters of the Bolsheviks".
            let mut n = 1;
            if matches!(at(1), "with" | "of") {
                let k = if at(2) == "the" { 3 } else { 2 };
                if matches!(
                    at(k),
                    "communism" | "communists" | "bolsheviks" | "bolshevism"
                ) {
                    n = k + 1;
                } else if first == "supporters" {
                    return None;
                }
            } else if first == "supporters" {
                return None;
            }
            Some((Faction::Sympathisers, n))
        }
        "bolshevik" | "bolsheviks" | "bolshevist" => Some((Faction::Bolsheviks, 1)),
        "rsdlp(b)" | "rsdlp(b.)" | "rsdrp(b)" => Some((Faction::Bolsheviks, 1)),
        "communist" | "communists" if anarchists(at(1)) => Some((Faction::Anarchists, 2)),
        "communist" | "communists" if at(1).starts_with("populist") => Some((Faction::Others, 2)),
        "communist" if at(1) == "party" => Some((Faction::Communists, 2)),
        "communist" | "communists" | "rcp(b)" | "rcp" | "r.c.p" => Some((Faction::Communists, 1)),
        "revolutionary" | "populist" | "populists" | "narodnik" if communists(at(1)) => {
            Some((Faction::Others, 2))
        }
        "menshevik" | "mensheviks" if internationalists(at(1)) => {
            Some((Faction::MenshevikInternationalists, 2))
        }
        "menshevik" | "mensheviks" => Some((Faction::Mensheviks, 1)),
        "internationalists" if at(1) == "mensheviks" => {
            Some((Faction::MenshevikInternationalists, 2))
        }
        // Unqualified, it may be either internationalist group: see the parser.
        "internationalists" => Some((Faction::Others, 1)),
        "united" => {
            // "United Internationalists", "United Social Democrat-Internationalists",
            // "United Socialist Democrat-Internationalists"; "United Social
            // Democrats" and "United Mensheviks" without it are a small group.
            let mut i = 1;
            while i < 4
                && matches!(
                    at(i),
                    "social" | "socialist" | "democrat" | "democrats" | "democratic"
                )
            {
                i += 1;
            }
            if internationalists(at(i)) {
                Some((Faction::UnitedInternationalists, i + 1))
            } else if matches!(at(i), "menshevik" | "mensheviks") {
                Some((Faction::Others, i + 1))
            } else if i > 1 && at(i - 1).starts_with("democrat") {
                Some((Faction::Others, i))
            } else {
                None
            }
        }
        "bundist" | "bundists" | "bund" => Some((Faction::Bundists, 1)),
        "anarchist" | "anarchists" if communists(at(1)) => Some((Faction::Anarchists, 2)),
        "anarchist" | "anarchists" => Some((Faction::Anarchists, 1)),
        "anarcho" if at(1).starts_with("communist") => Some((Faction::Anarchists, 2)),
        "maximalist" | "maximalists" => Some((Faction::Maximalists, 1)),
        "popular" if matches!(at(1), "socialists" | "socialist") => {
            Some((Faction::PopularSocialists, 2))
        }
        "trudoviks" | "trudovik" | "trudovists" => Some((Faction::Trudoviks, 1)),
        "edinstvo" => Some((Faction::Others, 1)),
        "national" if matches!(at(1), "socialists") => Some((Faction::Others, 2)),
        "national" if matches!(at(1), "groups" | "parties" | "minorities") => {
            Some((Faction::NationalParties, 2))
        }
        "dashnaks" | "dashnaktsutyun" | "dashnaktsutiun" | "usdlp" | "usdrp" => {
            Some((Faction::NationalParties, 1))
        }
        "poalei" | "poale" if matches!(at(1), "zion" | "tzion" | "tsion") => {
            Some((Faction::NationalParties, 2))
        }
        "borotbists" => Some((Faction::UkrainianSrs, 1)),
        "non" if matches!(at(1), "party" | "partisan" | "partisans" | "affiliated") => {
            Some((Faction::NonParty, 2))
        }
        "nonparty" | "independents" | "unaffiliated" | "nonaffiliated" | "nonpartisan" => {
            Some((Faction::NonParty, 1))
        }
        "socialists" if at(1) == "not" && at(2) == "belonging" && at(3) == "to" => {
            // "Socialists not belonging to parties", "... to any party".
            let n = if at(4) == "any" { 6 } else { 5 };
            Some((Faction::NonParty, n))
        }
        "russian" if at(1) == "communist" && at(2) == "party" => Some((Faction::Communists, 3)),
        "russian"
            if at(1) == "social"
                && at(2) == "democratic"
                && at(3) == "workers'"
                && at(4) == "party" =>
        {
            // The RSDLP as a whole; the texts use it for the Bolshevik wing
            // when a "(b)" or a Bolshevik list follows. See the parser.
            Some((Faction::Bolsheviks, 5))
        }
        "others" | "other" => others_len(w).map(|n| (Faction::Others, n)),
        "various" | "small" => others_len(w).map(|n| (Faction::Others, n)),
        _ => None,
    }
}

/// "other small parties", "various other small parties", "various groups",
/// "other small factions", "others".
fn others_len(w: &[&str]) -> Option<usize> {
    let mut i = 0;
    while i < w.len() && matches!(w[i], "various" | "other" | "small" | "minor") {
        i += 1;
    }
    match w.get(i).copied() {
        Some(
            "parties" | "groups" | "factions" | "groupings" | "organisations" | "organizations",
        ) => Some(i + 1),
        _ if w.first() == Some(&"others") => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(s: &str) -> Option<(Faction, usize)> {
        let words: Vec<&str> = s.split(' ').collect();
        Faction::recognize(&words)
    }

    #[test]
    fn aliases_map_to_one_faction() {
        assert_eq!(rec("srs"), Some((Faction::Srs, 1)));
        assert_eq!(rec("socialist revolutionaries"), Some((Faction::Srs, 2)));
        assert_eq!(rec("social revolutionaries began"), Some((Faction::Srs, 2)));
        assert_eq!(
            rec("left wing socialist revolutionaries"),
            Some((Faction::LeftSrs, 4))
        );
        assert_eq!(
            rec("left wing social list revolutionaries"),
            Some((Faction::LeftSrs, 5))
        );
        assert_eq!(rec("left srs"), Some((Faction::LeftSrs, 2)));
        assert_eq!(
            rec("ukrainian socialist revolutionaries"),
            Some((Faction::UkrainianSrs, 3))
        );
        assert_eq!(
            rec("menshevik internationalists"),
            Some((Faction::MenshevikInternationalists, 2))
        );
        assert_eq!(
            rec("mensheviks internationalists"),
            Some((Faction::MenshevikInternationalists, 2))
        );
        assert_eq!(
            rec("united socialist democrat internationalists"),
            Some((Faction::UnitedInternationalists, 4))
        );
        assert_eq!(
            rec("russian social democratic workers' party"),
            Some((Faction::Bolsheviks, 5))
        );
        assert_eq!(
            rec("various other small parties"),
            Some((Faction::Others, 4))
        );
        assert_eq!(rec("various groups"), Some((Faction::Others, 2)));
        assert_eq!(rec("other small factions"), Some((Faction::Others, 3)));
        assert_eq!(rec("non party"), Some((Faction::NonParty, 2)));
        assert_eq!(rec("bundists"), Some((Faction::Bundists, 1)));
        assert_eq!(rec("left hand"), None);
        assert_eq!(rec("other"), None);
    }

    #[test]
    fn names_from_reference_texts() {
        use Faction::*;
        assert_eq!(rec("socialist revolutionists"), Some((Srs, 2)));
        assert_eq!(
            rec("socialist revolutionaries of the centre"),
            Some((CentreSrs, 5))
        );
        assert_eq!(rec("right and centre srs"), Some((Srs, 4)));
        assert_eq!(rec("centre and right srs"), Some((Srs, 4)));
        assert_eq!(rec("sympathizers with communism"), Some((Sympathisers, 3)));
        assert_eq!(rec("communist sympathizers"), Some((Sympathisers, 2)));
        assert_eq!(rec("bolshevik supporters"), Some((Sympathisers, 2)));
        assert_eq!(rec("supporters of the bolsheviks"), Some((Sympathisers, 4)));
        assert_eq!(rec("supporters"), None);
        assert_eq!(rec("anarchist communist"), Some((Anarchists, 2)));
        assert_eq!(rec("communist anarchists"), Some((Anarchists, 2)));
        assert_eq!(rec("revolutionary communists"), Some((Others, 2)));
        assert_eq!(rec("communist populists"), Some((Others, 2)));
        assert_eq!(rec("left communists"), Some((Communists, 2)));
        assert_eq!(rec("russian communist party"), Some((Communists, 3)));
        assert_eq!(rec("united social democrats"), Some((Others, 3)));
        assert_eq!(rec("united mensheviks"), Some((Others, 2)));
        assert_eq!(rec("internationalists"), Some((Others, 1)));
        assert_eq!(rec("edinstvo"), Some((Others, 1)));
        assert_eq!(rec("national socialists"), Some((Others, 2)));
        assert_eq!(rec("national groups"), Some((NationalParties, 2)));
        assert_eq!(rec("poalei zion"), Some((NationalParties, 2)));
        assert_eq!(
            rec("ukrainian social democrats"),
            Some((NationalParties, 3))
        );
        assert_eq!(rec("trudoviks"), Some((Trudoviks, 1)));
        assert_eq!(rec("unaffiliated"), Some((NonParty, 1)));
        assert_eq!(
            rec("socialists not belonging to parties"),
            Some((NonParty, 5))
        );
        assert_eq!(rec("non partisan"), Some((NonParty, 2)));
    }

    #[test]
    fn lineage_links_both_ways() {
        assert_eq!(
            Faction::LeftSrs.lineage().map(|l| l.parent),
            Some(Faction::Srs)
        );
        let kids: Vec<_> = Faction::Srs.children().collect();
        assert!(kids.contains(&Faction::LeftSrs) && kids.contains(&Faction::RightSrs));
        assert_eq!(
            Faction::Mensheviks.children().collect::<Vec<_>>(),
            vec![Faction::MenshevikInternationalists]
        );
        assert_eq!(
            Faction::Communists.lineage().map(|l| l.parent),
            Some(Faction::Bolsheviks)
        );
    }

    #[test]
    fn ids_round_trip_and_colours_are_distinct() {
        for f in Faction::ALL {
            assert_eq!(Faction::from_id(f.id()), Some(f));
        }
        let mut colours: Vec<_> = Faction::ALL.iter().map(|f| f.color()).collect();
        #[allow(clippy::disallowed_methods)] // a native test: no wasm size at stake
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), Faction::ALL.len());
    }
}
