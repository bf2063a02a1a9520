//! Reading counts out of one sentence: delegates, the make-up of
//! representation, faction counts with their parts, and elected bodies.
//!
//! Each reader marks the tokens it consumed in [`Sentence::used`], so a
//! number is never counted twice and numbers nobody claimed can be reported.

use super::Sentence;
use crate::factions::Faction;
use crate::model::{
    Body, BodyKind, DelegateCount, DelegateKind, FactionCount, Member, Represented, Stage, SubCount,
};
use crate::text::{Kind, Kw, KwSet, Token};

/// Words meaning "roughly" before a number.
const APPROX: KwSet = KwSet::of(&[
    Kw::About,
    Kw::Some,
    Kw::Approximately,
    Kw::Around,
    Kw::Roughly,
    Kw::Nearly,
    Kw::Almost,
    Kw::Circa,
    Kw::Over,
    Kw::Presumably,
    Kw::Perhaps,
    Kw::Approx,
]);

/// Words allowed between a count and the faction it counts: "390 were
/// Bolshevik", "14 people from the RSDLP", "13 of various groups".
const FILLERS: KwSet = KwSet::of(&[
    Kw::Were,
    Kw::Was,
    Kw::Of,
    Kw::Them,
    Kw::Whom,
    Kw::The,
    Kw::From,
    Kw::People,
    Kw::Persons,
    Kw::Members,
    Kw::Member,
    Kw::Delegates,
    Kw::Deputies,
    Kw::Seats,
    Kw::Representatives,
    Kw::Belonged,
    Kw::To,
    Kw::Are,
    Kw::Had,
    Kw::A,
    Kw::An,
    Kw::Adherents,
    Kw::Candidate,
]);

/// Every word a faction name can start with ([`Faction::recognize`]
/// returns nothing for a name starting with any other word).
const FACTION_STARTS: &[Kw] = &[
    Kw::Left,
    Kw::Right,
    Kw::Centre,
    Kw::Center,
    Kw::Ukrainian,
    Kw::Sr,
    Kw::Srs,
    Kw::SrS,
    Kw::Esers,
    Kw::Socialist,
    Kw::Social,
    Kw::Socialists,
    Kw::Bolshevik,
    Kw::Communist,
    Kw::Sympathizers,
    Kw::Sympathisers,
    Kw::Supporters,
    Kw::Bolsheviks,
    Kw::Bolshevist,
    Kw::RsdlpB,
    Kw::RsdrpB,
    Kw::Communists,
    Kw::RcpB,
    Kw::Rcp,
    Kw::Revolutionary,
    Kw::Populist,
    Kw::Populists,
    Kw::Narodnik,
    Kw::Menshevik,
    Kw::Mensheviks,
    Kw::Internationalists,
    Kw::United,
    Kw::Bundist,
    Kw::Bundists,
    Kw::Bund,
    Kw::Anarchist,
    Kw::Anarchists,
    Kw::Anarcho,
    Kw::Maximalist,
    Kw::Maximalists,
    Kw::Popular,
    Kw::Trudoviks,
    Kw::Trudovik,
    Kw::Trudovists,
    Kw::Edinstvo,
    Kw::National,
    Kw::Dashnaks,
    Kw::Dashnaktsutyun,
    Kw::Dashnaktsutiun,
    Kw::Usdlp,
    Kw::Usdrp,
    Kw::Poalei,
    Kw::Poale,
    Kw::Borotbists,
    Kw::Non,
    Kw::Nonparty,
    Kw::Independents,
    Kw::Unaffiliated,
    Kw::Nonaffiliated,
    Kw::Nonpartisan,
    Kw::Russian,
    Kw::Others,
    Kw::Other,
    Kw::Various,
    Kw::Small,
];

/// [`FACTION_STARTS`] as a set.
const STARTS: KwSet = KwSet::of(FACTION_STARTS);

/// How far (in tokens) a bracketed aside may run.
const BRACKET_WINDOW: usize = 48;

/// Nouns that make a phrase a represented body: "local soviets", "military units".
const UNIT_NOUNS: &[&str] = &[
    "soviet",
    "soviets",
    "unit",
    "units",
    "army",
    "armies",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "committee",
    "committees",
    "front",
    "fronts",
    "fleet",
    "fleets",
    "garrison",
    "garrisons",
    "regiments",
    "districts",
    "towns",
    "provinces",
    "councils",
];

/// A number from one to ninety-nine written as words at `i`: "twelve",
/// "thirty-one". Returns the value and the index after it.
fn small_at(toks: &[Token], i: usize) -> Option<(u64, usize)> {
    let mut value = toks.get(i)?.number_word()?;
    let mut next = i + 1;
    // "thirty-one"
    if value >= 20
        && value % 10 == 0
        && value < 100
        && toks.get(next).is_some_and(|t| t.is_punct('-'))
    {
        if let Some(unit) = toks
            .get(next + 1)
            .and_then(Token::number_word)
            .filter(|u| *u < 10)
        {
            value += unit;
            next += 2;
        }
    }
    Some((value, next))
}

/// Below a thousand in words at `i`: "nine hundred and thirty-one", "forty".
fn hundreds_at(toks: &[Token], i: usize) -> Option<(u64, usize)> {
    let (mut value, mut next) = small_at(toks, i)?;
    // "nine hundred", "twelve hundred".
    if toks.get(next).is_some_and(|t| t.is(Kw::Hundred)) && (value < 10 || value % 10 != 0) {
        value *= 100;
        next += 1;
        let mut k = next;
        if toks.get(k).is_some_and(|t| t.is(Kw::And)) {
            k += 1;
        }
        if let Some((rest, after)) = small_at(toks, k).filter(|(r, _)| *r < 100) {
            value += rest;
            next = after;
        }
    }
    Some((value, next))
}

/// A count at token `i`: digits or a number word ("twelve", "two hundred",
/// "two thousand four hundred and twelve"). Returns the value and the index
/// after it.
#[inline]
pub(crate) fn count_at(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    let (value, next) = match &t.kind {
        Kind::Num {
            value,
            ordinal: false,
        } => (*value, i + 1),
        // Most words are no number: a keyword test says so.
        Kind::Word(_) if t.number_word().is_none() => return None,
        Kind::Word(_) => {
            let (mut value, mut next) = hundreds_at(toks, i)?;
            if toks.get(next).is_some_and(|t| t.is(Kw::Thousand)) {
                value *= 1000;
                next += 1;
                let mut k = next;
                if toks.get(k).is_some_and(|t| t.is(Kw::And)) {
                    k += 1;
                }
                if let Some((rest, after)) = hundreds_at(toks, k) {
                    value += rest;
                    next = after;
                }
            }
            (value, next)
        }
        _ => return None,
    };
    // A number too large for a count is no count: it is left unused, and
    // the parser says so.
    Some((u32::try_from(value).ok()?, next))
}

/// Whether the number ending before `after` is a share: "90 per cent", "60%".
pub(crate) fn is_share(toks: &[Token], after: usize) -> bool {
    let w = |k: usize| toks.get(k).map_or("", Token::word);
    matches!(w(after), "percent" | "%")
        || toks.get(after).is_some_and(|t| t.is_punct('%'))
        || (w(after) == "per" && w(after + 1) == "cent")
}

/// Whether a word meaning "roughly" stands just before token `i`.
pub(crate) fn approx_before(toks: &[Token], i: usize) -> bool {
    let w = |k: usize| {
        i.checked_sub(k)
            .and_then(|j| toks.get(j))
            .map_or(Kw::None, Token::kw)
    };
    let w1 = w(1);
    APPROX.contains(w1) || (w(2) == Kw::More && w1 == Kw::Than) || (w(2) == Kw::Up && w1 == Kw::To)
}

/// A faction name found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct FactionName {
    pub faction: Faction,
    first: usize,
    last: usize,
}

/// Faction names in `toks`, left to right, not overlapping.
pub(crate) fn faction_names(s: &Sentence) -> Vec<FactionName> {
    let toks = &s.toks;
    if !s.any_of(&STARTS) {
        return Vec::new();
    }
    // Hyphens split compound names into words the vocabulary knows; a name
    // starts at the first word that can start one, or after it.
    let Some(from) = toks.iter().position(|t| STARTS.contains(t.kw())) else {
        return Vec::new();
    };
    let mut words = Vec::with_capacity(toks.len() - from);
    let mut idx = Vec::with_capacity(toks.len() - from);
    for (i, t) in toks.iter().enumerate().skip(from) {
        if !t.is_punct('-') {
            words.push(t.word());
            idx.push(i);
        }
    }
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        if STARTS.contains(toks[idx[k]].kw()) {
            if let Some((faction, n)) = Faction::recognize(&words[k..]) {
                out.push(FactionName {
                    faction,
                    first: idx[k],
                    last: idx[k + n - 1] + 1,
                });
                k += n;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// Reads everything countable in `s` into the vectors given.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub delegates: Vec<DelegateCount>,
    pub represented: Vec<Represented>,
    pub factions: Vec<FactionCount>,
    pub bodies: Vec<Body>,
    /// What the readers were unsure of, for warnings.
    pub notes: Vec<String>,
}

/// Reads the counts of `s`, whose faction names are `names`.
pub(crate) fn read(s: &mut Sentence, names: &[FactionName], lead_full_vote: bool) -> Counts {
    let mut out = Counts::default();
    if s.has(Kw::From) || s.has(Kw::Representing) || s.has(Kw::Represented) {
        representation(s, &mut out.represented);
    }
    let mut counted = factions(s, names, lead_full_vote);
    bodies(s, names, &mut counted, &mut out.bodies);
    out.factions = counted.into_iter().map(|(c, _)| c).collect();
    delegates(s, &mut out.delegates, &mut out.notes);
    if let Some(other) = other_body(s).filter(|_| !s.has_event_noun) {
        let any = !out.factions.is_empty() || !out.delegates.is_empty() || !out.bodies.is_empty();
        if any {
            out.notes.push(format!(
                "these figures are of another body ({}), not of the congress or conference; not used",
                s.text_of(other.0, other.1)
            ));
            out.factions.clear();
            out.delegates.clear();
            out.bodies.clear();
            out.represented.clear();
        }
    }
    // One note per sentence, however many names: the check stays linear.
    let bare_internationalists = names
        .iter()
        .any(|f| f.faction == Faction::Others && s.toks[f.first].is(Kw::Internationalists));
    let others_counted = out.factions.iter().any(|c| c.faction == Faction::Others)
        || out
            .bodies
            .iter()
            .any(|b| b.factions.iter().any(|m| m.faction == Faction::Others));
    if bare_internationalists && others_counted {
        out.notes.push(
            "\"Internationalists\" alone may mean the Menshevik-Internationalists or the United Internationalists; counted under Others".to_string(),
        );
    }
    out
}

/// Whether a sentence speaks of a later point of the event: "At its
/// close", "By the end", "at the final sitting", "Together with late
/// arrivals", "concluded its work with".
fn at_the_close(s: &Sentence) -> bool {
    let ends = [
        Kw::Close,
        Kw::End,
        Kw::Closing,
        Kw::Final,
        Kw::Arrivals,
        Kw::Work,
    ];
    if !s.any(&ends) {
        return false;
    }
    let w = |k: usize| s.toks.get(k).map_or(Kw::None, Token::kw);
    (0..s.toks.len()).any(|k| {
        (matches!(w(k), Kw::At | Kw::By | Kw::Towards | Kw::Toward)
            && matches!(w(k + 1), Kw::Its | Kw::The)
            && matches!(w(k + 2), Kw::Close | Kw::End | Kw::Closing | Kw::Final))
            || (w(k) == Kw::Late && w(k + 1) == Kw::Arrivals)
            || (w(k) == Kw::Concluded && w(k + 1) == Kw::Its && w(k + 2) == Kw::Work)
    })
}

/// Whether a sentence goes on with the make-up of the body the one before
/// elected: "It included ...", "It consisted of ...", "Its members were ...".
pub(crate) fn continues_body(toks: &[Token]) -> bool {
    let w = |k: usize| toks.get(k).map_or("", Token::word);
    (w(0) == "it" && matches!(w(1), "included" | "consisted" | "comprised" | "was"))
        || (w(0) == "its" && matches!(w(1), "members" | "composition" | "make"))
        || (w(0) == "of" && matches!(w(1), "these" | "them" | "its"))
}

/// The other body whose meeting a sentence's votes belong to: "At a plenum
/// of the Central Committee, 8 voted for ...", "The Petrograd Soviet voted
/// ...". A body merely mentioned ("the convocation of the Constituent
/// Assembly") is not enough.
pub(crate) fn other_body_meeting(s: &Sentence) -> Option<String> {
    if s.has_event_noun {
        return None;
    }
    let (a, b) = other_body(s)?;
    let meeting =
        s.has(Kw::Plenum) || s.has(Kw::Meeting) || s.has(Kw::Session) || s.has(Kw::Sitting);
    (meeting || a <= 2).then(|| s.text_of(a, b))
}

/// A body other than a congress or conference named in `toks`: "the
/// Petrograd Soviet", "the Constituent Assembly", "the Duma", "the Rada", "the
/// Central Committee". Returns its token range.
fn other_body(s: &Sentence) -> Option<(usize, usize)> {
    let bodies = [Kw::Soviet, Kw::Assembly, Kw::Duma, Kw::Rada, Kw::Committee];
    if !s.any(&bodies) {
        return None;
    }
    let toks = &s.toks;
    let w = |k: usize| toks.get(k).map_or("", Token::word);
    (0..toks.len()).find_map(|k| match w(k) {
        "soviet"
            if k > 0
                && toks[k].capital
                && toks[k - 1].capital
                && !matches!(w(k - 1), "the" | "of" | "a" | "all" | "russian" | "supreme") =>
        {
            Some((k - 1, k + 1))
        }
        "assembly" if w(k.wrapping_sub(1)) == "constituent" => Some((k - 1, k + 1)),
        "duma" | "rada" | "pre-parliament" => Some((k, k + 1)),
        "committee" if w(k.wrapping_sub(1)) == "central" && w(k.wrapping_sub(2)) != "executive" => {
            Some((k - 1, k + 1))
        }
        _ => None,
    })
}

/// "from 53 regional soviets (106 deputies), 305 local soviets (610 deputies)",
/// "representing 318 provincial/local soviets", "represented ... and a soviet of Cossacks' deputies".
fn representation(s: &mut Sentence, out: &mut Vec<Represented>) {
    let toks = &s.toks;
    let Some(trigger) = toks
        .iter()
        .position(|t| matches!(t.word(), "from" | "representing" | "represented"))
    else {
        return;
    };
    let approx = s.approximate;
    let mut items = Vec::new();
    let mut i = trigger + 1;
    loop {
        let (count, after) = match count_at(toks, i) {
            Some(c) if !s.used[i] => c,
            _ if matches!(toks.get(i).map(Token::word), Some("a" | "an")) => (1, i + 1),
            _ => break,
        };
        // Unit words up to a separator.
        let mut j = after;
        let mut is_unit = false;
        let mut soviets = false;
        while j < toks.len() {
            let t = &toks[j];
            if matches!(t.kind, Kind::Punct(',' | ';' | '.' | ')' | '(' | ':')) {
                break;
            }
            if t.word() == "and"
                && (count_at(toks, j + 1).is_some()
                    || matches!(toks.get(j + 1).map(Token::word), Some("a" | "an")))
            {
                break;
            }
            is_unit |= UNIT_NOUNS.contains(&t.word());
            soviets |= t.word().starts_with("soviet") || t.word() == "councils";
            j += 1;
        }
        if !is_unit || j == after {
            break;
        }
        let unit = s.text_of(after, j);
        let mut deputies = None;
        let mut used = vec![i];
        let mut k = j;
        if toks.get(k).is_some_and(|t| t.is_punct('(')) {
            if let Some((n, after_n)) = count_at(toks, k + 1) {
                if matches!(
                    toks.get(after_n).map(Token::word),
                    Some("deputies" | "delegates")
                ) && toks.get(after_n + 1).is_some_and(|t| t.is_punct(')'))
                {
                    deputies = Some(n);
                    used.push(k + 1);
                    k = after_n + 2;
                }
            }
        }
        items.push((count, unit, soviets, deputies, used));
        if toks.get(k).is_some_and(|t| t.is_punct(',')) {
            k += 1;
        }
        if toks.get(k).map(Token::word) == Some("and") {
            k += 1;
        }
        if k == i {
            break;
        }
        i = k;
    }
    let itemised = items.len() > 1;
    for (count, unit, soviets, deputies, used) in items {
        for u in used {
            s.used[u] = true;
        }
        out.push(Represented {
            count,
            unit,
            soviets,
            deputies,
            approximate: approx,
            itemised,
            src: s.span,
        });
    }
}

/// Faction counts, each paired with the index of its faction name.
fn factions(
    s: &mut Sentence,
    names: &[FactionName],
    lead_full_vote: bool,
) -> Vec<(FactionCount, usize)> {
    let toks = &s.toks;
    let later_words = [
        Kw::Increased,
        Kw::Grew,
        Kw::Rose,
        Kw::Formed,
        Kw::Joined,
        Kw::Later,
        Kw::Fell,
    ];
    let later_sentence = s.any(&later_words);
    // Where the sentence turns to a later point of the event, if it does.
    let later_from = if at_the_close(s) {
        Some(0)
    } else if !s.any(&[
        Kw::Increased,
        Kw::Grew,
        Kw::Rose,
        Kw::Risen,
        Kw::Grown,
        Kw::Reached,
    ]) {
        None
    } else {
        toks.iter().position(|t| {
            matches!(
                t.kw(),
                Kw::Increased | Kw::Grew | Kw::Rose | Kw::Risen | Kw::Grown | Kw::Reached
            )
        })
    };
    let full_vote = lead_full_vote || (s.has(Kw::Vote) && super::full_vote_in(toks));
    let base = if full_vote {
        DelegateKind::FullVote
    } else {
        DelegateKind::Total
    };
    let mut out: Vec<(FactionCount, usize)> = Vec::with_capacity(names.len());
    let mut used_names = vec![false; names.len()];
    let mk = |faction, count, approximate, stage, src| FactionCount {
        faction,
        count,
        approximate,
        stage,
        part_of: None,
        base,
        subcounts: Vec::new(),
        src,
    };
    for (n, name) in names.iter().enumerate() {
        // Backwards: "390 were Bolshevik", "about 100 were Left SRs", "one member from the".
        let mut j = name.first;
        let mut steps = 0;
        let mut found = None;
        while j > 0 && steps < 5 {
            j -= 1;
            let t = &toks[j];
            if s.used[j] {
                break;
            }
            if let Some((value, after)) = count_at(toks, j) {
                if after <= name.first {
                    found = Some((j, value));
                }
                break;
            }
            // "1,510 members and candidate members of the RCP".
            let and_candidate =
                t.is(Kw::And) && toks.get(j + 1).is_some_and(|t| t.is(Kw::Candidate));
            let filler = FILLERS.contains(t.kw());
            if !filler && !and_candidate {
                break;
            }
            // "and candidate" qualifies "members" and is not a step of its own.
            if !and_candidate && !t.is(Kw::Candidate) {
                steps += 1;
            }
        }
        let found = found
            .filter(|(j, _)| count_at(toks, *j).is_some_and(|(_, after)| !is_share(toks, after)));
        if let Some((j, value)) = found {
            s.used[j] = true;
            used_names[n] = true;
            let approx = approx_before(toks, j) || s.approximate;
            // "By the close ... had increased to 1,587, among them 800 Bolsheviks".
            let stage = if later_from.is_some_and(|l| l < j) {
                Stage::Later
            } else {
                Stage::Opening
            };
            out.push((mk(name.faction, value, approx, stage, s.span), n));
            continue;
        }
        // A row: "Bolsheviks 441", "Left SRs (Russia) - 3", "* Mensheviks: 80".
        if let Some(k) = row_count(s, name) {
            if let Some((value, _)) = count_at(toks, k) {
                s.used[k] = true;
                used_names[n] = true;
                out.push((mk(name.faction, value, false, Stage::Opening, s.span), n));
                continue;
            }
        }
        // Forwards: "the Bolsheviks increased to 472 people".
        let mut k = name.last;
        if toks.get(k).is_some_and(|t| t.is(Kw::Faction)) {
            k += 1;
        }
        // Forwards: "the Bolsheviks had only fourteen delegates".
        let verb = toks.get(k).map_or(Kw::None, Token::kw);
        if matches!(
            verb,
            Kw::Increased
                | Kw::Grew
                | Kw::Rose
                | Kw::Fell
                | Kw::Numbered
                | Kw::Had
                | Kw::Held
                | Kw::Counted
        ) {
            let mut k2 = k + 1;
            while toks.get(k2).is_some_and(|t| {
                matches!(t.kw(), Kw::To | Kw::Only | Kw::Just) || APPROX.contains(t.kw())
            }) {
                k2 += 1;
            }
            let stage = if matches!(verb, Kw::Increased | Kw::Grew | Kw::Rose | Kw::Fell) {
                Stage::Later
            } else {
                Stage::Opening
            };
            if let Some((value, _)) = count_at(toks, k2).filter(|(_, after)| {
                !s.used.get(k2).copied().unwrap_or(true) && !is_share(toks, *after)
            }) {
                s.used[k2] = true;
                used_names[n] = true;
                let approx = approx_before(toks, k2);
                out.push((mk(name.faction, value, approx, stage, s.span), n));
            }
        }
    }
    // "(179 people)": a faction's size given in brackets later in the sentence.
    for i in 0..toks.len() {
        if !toks[i].is_punct('(') || s.used.get(i + 1).copied().unwrap_or(true) {
            continue;
        }
        let Some((value, after)) = count_at(toks, i + 1) else {
            continue;
        };
        if !matches!(
            toks.get(after).map(Token::word),
            Some("people" | "members" | "delegates" | "persons")
        ) || !toks.get(after + 1).is_some_and(|t| t.is_punct(')'))
        {
            continue;
        }
        // The sentence's subject faction ("the X faction was formed"), else the nearest before.
        let subject = names
            .iter()
            .position(|m| toks.get(m.last).map(Token::word) == Some("faction") && m.first < i);
        let nearest = names.iter().rposition(|m| m.last <= i);
        if let Some(n) = subject.or(nearest).filter(|n| !used_names[*n]) {
            s.used[i + 1] = true;
            used_names[n] = true;
            let stage = if later_sentence {
                Stage::Later
            } else {
                Stage::Opening
            };
            out.push((mk(names[n].faction, value, false, stage, s.span), n));
        }
    }
    // Mostly in name order already; a stable sort leaves such a list as it is.
    let mut out = if out.is_sorted_by_key(|(_, n)| *n) {
        out
    } else {
        crate::model::sort_by_key(out, |(_, n)| *n as u32)
    };
    parts(s, names, &mut out);
    out
}

/// The count of a row that opens with a faction name: "Bolsheviks 441",
/// "Left SRs (Russia) - 3", "* Mensheviks: 80", "Bund - 7". The name must
/// open the line (after a list marker) or follow a comma or semicolon, and
/// the count must end the row or its item. Returns the count's index.
fn row_count(s: &Sentence, name: &FactionName) -> Option<usize> {
    let toks = &s.toks;
    let opens = toks[..name.first]
        .iter()
        .all(|t| matches!(t.kind, Kind::Punct('-' | '*' | '•' | '–' | '—')))
        || (name.first > 0 && matches!(toks[name.first - 1].kind, Kind::Punct(',' | ';')));
    if !opens {
        return None;
    }
    let mut k = name.last;
    // A bracketed qualifier: "(Russia)", "(Plekhanov's followers)".
    if toks.get(k).is_some_and(|t| t.is_punct('(')) {
        k = (k + 1..toks.len().min(k + 10)).find(|&j| toks[j].is_punct(')'))? + 1;
    }
    if toks
        .get(k)
        .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '–' | '—' | ':')))
    {
        k += 1;
    }
    if s.used.get(k).copied().unwrap_or(true) {
        return None;
    }
    let (value, after) = count_at(toks, k)?;
    let t = toks.get(k)?;
    // A year is not a count: "Bolsheviks 1917".
    if (1900..=1925).contains(&value) && t.end - t.start == 4 {
        return None;
    }
    let ends = match toks.get(after) {
        None => true,
        // "Bolsheviks: 380 (58%)": a share after the count.
        Some(t) if t.is_punct('(') => {
            count_at(toks, after + 1).is_some_and(|(_, a)| is_share(toks, a))
        }
        Some(t) => {
            matches!(t.kind, Kind::Punct(',' | ';' | '.'))
                || matches!(
                    t.word(),
                    "delegates" | "members" | "mandates" | "seats" | "deputies"
                )
        }
    };
    ends.then_some(k)
}

/// Counts in brackets right after a counted faction are parts of it: other
/// factions ("(about 100 were Left SRs)") or sub-counts ("(20 sympathetic)").
fn parts(s: &mut Sentence, names: &[FactionName], out: &mut [(FactionCount, usize)]) {
    let toks = &s.toks;
    for owner in 0..out.len() {
        let open = names[out[owner].1].last;
        if !toks.get(open).is_some_and(|t| t.is_punct('(')) {
            continue;
        }
        // The matching ')' within a bounded window: brackets that stay open
        // longer are not a part-of aside (and scanning further would make
        // parsing quadratic on unbalanced input).
        let Some(close) =
            (open + 1..toks.len().min(open + BRACKET_WINDOW)).find(|&k| toks[k].is_punct(')'))
        else {
            continue;
        };
        let parent = out[owner].0.faction;
        // `out` is in name order: the counts inside the brackets are one run.
        let from = out.partition_point(|(_, n)| names[*n].first <= open);
        let to = out.partition_point(|(_, n)| names[*n].first < close);
        for (c, _) in out[from..to].iter_mut() {
            if c.stage == Stage::Opening && c.faction != parent {
                c.part_of = Some(parent);
            }
        }
        let mut k = open + 1;
        while k < close {
            if !s.used[k] {
                if let Some((value, after)) = count_at(toks, k) {
                    if after <= close {
                        let what = s.text_of(after, close);
                        s.used[k] = true;
                        let approximate = approx_before(toks, k);
                        out[owner].0.subcounts.push(SubCount {
                            count: value,
                            what,
                            approximate,
                        });
                        k = after;
                        continue;
                    }
                }
            }
            k += 1;
        }
    }
}

fn body_kind_at(toks: &[Token], i: usize) -> Option<BodyKind> {
    let w = |k: usize| toks.get(k).map_or("", Token::word);
    match w(i) {
        "presidium" => Some(BodyKind::Presidium),
        "cec" | "vtsik" => Some(BodyKind::CentralExecutiveCommittee),
        "central" if w(i + 1) == "executive" && w(i + 2) == "committee" => {
            Some(BodyKind::CentralExecutiveCommittee)
        }
        "people's" if w(i + 1) == "commissars" => Some(BodyKind::CouncilOfPeoplesCommissars),
        _ => None,
    }
}

/// Elected bodies: "a Central Executive Committee consisting of 101 people
/// (including 62 Bolsheviks ...)", "The presidium was comprised of 14 people
/// from ...", "consisting of 386 members and 127 alternate members".
/// Faction counts after the body's name move from the delegates to the body.
fn bodies(
    s: &mut Sentence,
    names: &[FactionName],
    counted: &mut Vec<(FactionCount, usize)>,
    out: &mut Vec<Body>,
) {
    let toks = &s.toks;
    let starts = [Kw::Presidium, Kw::Cec, Kw::Vtsik, Kw::Central, Kw::Peoples];
    if !s.any(&starts) {
        return;
    }
    let Some((at, kind)) = (0..toks.len()).find_map(|i| body_kind_at(toks, i).map(|k| (i, k)))
    else {
        return;
    };
    let mut members = None;
    let mut alternates = None;
    // "a presidium of 11 was elected", "an executive committee of 98 members".
    let name_end = match kind {
        BodyKind::CentralExecutiveCommittee if toks[at].word() == "central" => at + 3,
        BodyKind::CouncilOfPeoplesCommissars => at + 2,
        _ => at + 1,
    };
    if toks.get(name_end).map(Token::word) == Some("of")
        && !s.used.get(name_end + 1).copied().unwrap_or(true)
    {
        if let Some((value, after)) = count_at(toks, name_end + 1) {
            let next = toks.get(after).map_or("", Token::word);
            if matches!(
                next,
                "was" | "were" | "people" | "members" | "persons" | "deputies"
            ) || toks
                .get(after)
                .is_some_and(|t| matches!(t.kind, Kind::Punct(',' | '.' | ':' | ';' | '(')))
            {
                members = Some(value);
                s.used[name_end + 1] = true;
            }
        }
    }
    for i in at..toks.len() {
        if s.used[i] {
            continue;
        }
        let Some((value, after)) = count_at(toks, i) else {
            continue;
        };
        let next = toks.get(after).map_or("", Token::word);
        if matches!(next, "alternate" | "candidate" | "candidates") {
            alternates = Some(value);
            s.used[i] = true;
        } else if matches!(next, "people" | "members" | "persons") && members.is_none() {
            members = Some(value);
            s.used[i] = true;
        }
    }
    let solely = toks
        .iter()
        .position(|t| t.word() == "solely" || t.word() == "exclusively")
        .and_then(|p| names.iter().find(|m| m.first > p && m.first <= p + 3))
        .map(|m| m.faction);
    let (inside, outside): (Vec<_>, Vec<_>) = std::mem::take(counted)
        .into_iter()
        .partition(|(_, n)| names[*n].first > at);
    *counted = outside;
    let factions: Vec<Member> = inside
        .into_iter()
        .map(|(c, _)| Member {
            faction: c.faction,
            count: c.count,
            approximate: c.approximate,
        })
        .collect();
    if members.is_some() || alternates.is_some() || !factions.is_empty() || solely.is_some() {
        out.push(Body {
            kind,
            members,
            alternates,
            factions,
            solely,
            src: s.span,
        });
    }
}

/// The kind of delegates the words `w` (those after a count, up to the next
/// number) describe, if they describe delegates at all.
fn kind_after(w: &[Kw]) -> Option<DelegateKind> {
    let has = |a: Kw| w.contains(&a);
    let pair = |a: &[Kw], b: &[Kw]| w.windows(2).any(|p| a.contains(&p[0]) && b.contains(&p[1]));
    const FULL: &[Kw] = &[
        Kw::Full,
        Kw::Decisive,
        Kw::Casting,
        Kw::Deciding,
        Kw::Voting,
    ];
    const VOTE: &[Kw] = &[
        Kw::Vote,
        Kw::Votes,
        Kw::Voice,
        Kw::Voting,
        Kw::Rights,
        Kw::Delegates,
    ];
    if has(Kw::Consultative)
        || has(Kw::Advisory)
        || has(Kw::Deliberative)
        || has(Kw::Observer)
        || has(Kw::Observers)
        || (has(Kw::Voice) && has(Kw::No))
        || pair(&[Kw::Non], &[Kw::Voting])
    {
        return Some(DelegateKind::Consultative);
    }
    if pair(FULL, VOTE)
        || pair(&[Kw::With], &[Kw::A]) && pair(&[Kw::A], &[Kw::Vote])
        || (has(Kw::Right) && has(Kw::Vote))
    {
        return Some(DelegateKind::FullVote);
    }
    None
}

/// "1,090 delegates (784 with full vote)", "1,631 had a casting vote and 362
/// a consultative voice", "649 delegates arrived", "670 delegates who filled
/// in forms", "of whom 1,728 had full voting rights, and 809 had deliberative
/// votes", "950 were voting delegates", and rows: "Total number of delegates
/// 1,046", "Full voting rights 942".
fn delegates(s: &mut Sentence, out: &mut Vec<DelegateCount>, notes: &mut Vec<String>) {
    let toks = &s.toks;
    let w = |k: usize| toks.get(k).map_or(Kw::None, Token::kw);
    // Up to six words before token `i`, on the stack: no allocation per number.
    let before = |i: usize, n: usize| -> ([Kw; 6], usize) {
        let mut out = [Kw::None; 6];
        let from = i.saturating_sub(n.min(6));
        for (slot, k) in out.iter_mut().zip(from..i) {
            *slot = w(k);
        }
        (out, i - from)
    };
    let close = at_the_close(s);
    let mut i = 0;
    while i < toks.len() {
        if s.used[i] {
            i += 1;
            continue;
        }
        let Some((count, after)) = count_at(toks, i) else {
            i += 1;
            continue;
        };
        // What follows, up to the next number, decides the kind.
        let mut buf = [Kw::None; 6];
        let mut len = 0;
        for k in after..toks.len().min(after + 6) {
            if count_at(toks, k).is_some() && !matches!(w(k), Kw::A | Kw::An) {
                break;
            }
            buf[len] = w(k);
            len += 1;
        }
        let window = &buf[..len];
        let next = window.first().copied().unwrap_or(Kw::None);
        let then = window.get(1).copied().unwrap_or(Kw::None);
        let mut kind = kind_after(window);
        if kind.is_none()
            && matches!(
                next,
                Kw::Delegates | Kw::Deputies | Kw::Participants | Kw::Mandates
            )
        {
            let rest: [Kw; 4] = std::array::from_fn(|k| w(after + 1 + k));
            let has = |x: Kw| rest.contains(&x);
            kind = if has(Kw::Filled)
                || has(Kw::Questionnaires)
                || has(Kw::Answered)
                || (has(Kw::Who)
                    && (has(Kw::Stated)
                        || has(Kw::Declared)
                        || has(Kw::Indicated)
                        || has(Kw::Gave)))
            {
                // Those who answered or stated a party are a part of the whole.
                Some(DelegateKind::Questionnaire)
            } else if (after..after + 8).any(|k| matches!(w(k), Kw::Years | Kw::Aged | Kw::Age)) {
                notes.push(format!(
                    "{count} delegates of an age group are not the total; not used"
                ));
                s.used[i] = true;
                None
            } else if matches!(then, Kw::Voted | Kw::Abstained | Kw::Did | Kw::Cast) {
                // "781 delegates voted for": a vote figure.
                None
            } else {
                Some(DelegateKind::Total)
            };
        }
        // A row ending in its count: "Total number of delegates 1,046".
        let row_end = toks
            .get(after)
            .is_none_or(|t| matches!(t.kind, Kind::Punct('.' | ';')));
        if kind.is_none() && row_end {
            // (Punctuation before the count is no word: it ends the head.)
            let (words, n) = before(i, 5);
            let head = &words[..n];
            let total_row = i > 0 && i <= 2 && w(0) == Kw::Total;
            if matches!(
                head.last().copied(),
                Some(Kw::Delegates | Kw::Rights | Kw::Vote | Kw::Votes | Kw::Voice)
            ) && !head.contains(&Kw::Of)
                || head.ends_with(&[Kw::Number, Kw::Of, Kw::Delegates])
                || total_row
            {
                kind = kind_after(head).or(Some(DelegateKind::Total));
            }
        }
        if let Some(kind) = kind {
            s.used[i] = true;
            let (words, n) = before(i, 6);
            let b = &words[..n];
            if close
                || b.iter().any(|x| {
                    matches!(
                        *x,
                        Kw::Increased
                            | Kw::Rose
                            | Kw::Grew
                            | Kw::Risen
                            | Kw::Grown
                            | Kw::Reached
                            | Kw::Later
                            | Kw::Concluded
                    )
                })
            {
                // A later figure is not the opening total this fact stands for.
                notes.push(format!(
                    "the delegate figure {count} is for a later point of the event, not its opening; it is not used as its total"
                ));
            } else if b
                .iter()
                .rev()
                .take(2)
                .any(|x| matches!(*x, Kw::Elected | Kw::Chose | Kw::Sent | Kw::Nominated))
            {
                notes.push(format!(
                    "{count} delegates elected or sent to another gathering are not this one's delegates; not used"
                ));
            } else {
                out.push(DelegateCount {
                    kind,
                    count,
                    approximate: approx_before(toks, i) || s.approximate,
                    src: s.span,
                });
            }
        }
        i = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn sentence(text: &str) -> Sentence<'_> {
        Sentence::new(text, tokenize(text, 0), crate::DocId(0), 0, text.len())
    }

    #[test]
    fn a_faction_name_starts_only_with_a_listed_word() {
        // Candidate words: every string in the faction vocabulary's source
        // and every word of the seeds.
        let source = include_str!("../factions.rs");
        let mut vocab: Vec<String> = source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b"'()".contains(&b))
            })
            .map(str::to_string)
            .collect();
        for (_, text) in crate::seeds::SEEDS {
            for line in text.lines() {
                for t in tokenize(line, 0) {
                    if !vocab.iter().any(|v| v == t.word()) {
                        vocab.push(t.word().to_string());
                    }
                }
            }
        }
        assert!(vocab.len() > 500, "{}", vocab.len());
        let names: Vec<&str> = source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        for first in &vocab {
            let kw = tokenize(first, 0).first().map_or(Kw::None, Token::kw);
            if tokenize(first, 0).len() != 1 || STARTS.contains(kw) {
                continue;
            }
            for second in &names {
                let words = [
                    first.as_str(),
                    second,
                    "revolutionaries",
                    "to",
                    "any",
                    "party",
                ];
                assert_eq!(Faction::recognize(&words), None, "{words:?}");
            }
        }
        // And every listed word is a keyword the tokenizer finds.
        assert!(FACTION_STARTS.iter().all(|k| *k != Kw::None));
    }

    #[test]
    fn word_numbers_and_hundreds() {
        let t = tokenize("twelve two hundred and five 1,090", 0);
        assert_eq!(count_at(&t, 0), Some((12, 1)));
        assert_eq!(count_at(&t, 1), Some((205, 5)));
        assert_eq!(count_at(&t, 5), Some((1090, 6)));
    }

    #[test]
    fn thousands_and_hundreds_in_words() {
        let t = tokenize("two thousand four hundred and twelve", 0);
        assert_eq!(count_at(&t, 0), Some((2412, 6)));
        let t = tokenize("Nine hundred and thirty-one", 0);
        assert_eq!(count_at(&t, 0), Some((931, 6)));
        let t = tokenize("twelve hundred delegates", 0);
        assert_eq!(count_at(&t, 0), Some((1200, 2)));
        let t = tokenize("one thousand and five", 0);
        assert_eq!(count_at(&t, 0), Some((1005, 4)));
        let t = tokenize("90 per cent", 0);
        assert!(is_share(&t, 1));
    }

    #[test]
    fn rows_name_then_number() {
        for (row, want) in [
            ("Bolsheviks 441", Some((Faction::Bolsheviks, 441))),
            ("Left SRs (Russia) - 3", Some((Faction::LeftSrs, 3))),
            ("* Mensheviks: 80", Some((Faction::Mensheviks, 80))),
            (
                "Russian Communist Party - 2,270",
                Some((Faction::Communists, 2270)),
            ),
            ("Bolsheviks 1917", None),
            ("the Bolsheviks 300 strong", None),
        ] {
            let mut s = sentence(row);
            let names = faction_names(&s);
            let c = read(&mut s, &names, false);
            assert_eq!(
                c.factions.first().map(|f| (f.faction, f.count)),
                want,
                "{row}"
            );
        }
    }

    #[test]
    fn delegate_kinds_in_many_phrasings() {
        for (text, want) in [
            (
                "of whom 1,728 had full voting rights, and 809 had deliberative votes",
                vec![
                    (DelegateKind::FullVote, 1728),
                    (DelegateKind::Consultative, 809),
                ],
            ),
            (
                "(1,002 with the right to vote and 364 with voice but no vote)",
                vec![
                    (DelegateKind::FullVote, 1002),
                    (DelegateKind::Consultative, 364),
                ],
            ),
            (
                "963 were voting delegates",
                vec![(DelegateKind::FullVote, 963)],
            ),
            (
                "Full voting rights 882",
                vec![(DelegateKind::FullVote, 882)],
            ),
            (
                "Total number of delegates 1,090",
                vec![(DelegateKind::Total, 1090)],
            ),
            (
                "110 delegates with observer status",
                vec![(DelegateKind::Consultative, 110)],
            ),
            ("781 delegates voted for it", vec![]),
        ] {
            let mut s = sentence(text);
            let names = faction_names(&s);
            let c = read(&mut s, &names, false);
            let got: Vec<_> = c.delegates.iter().map(|d| (d.kind, d.count)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn unsure_figures_become_notes() {
        let mut s = sentence("By the close it had increased to 1,587 delegates.");
        let names = faction_names(&s);
        let c = read(&mut s, &names, false);
        assert!(c.delegates.is_empty());
        assert!(c.notes[0].contains("1587"), "{:?}", c.notes);
        // A later point named anywhere in the sentence, as real texts do.
        for text in [
            "Together with late arrivals there was a total of 1,587 delegates at the final sitting.",
            "The congress concluded its work with 1,647 voting delegates.",
            "There were 1,250 delegates at the close of the congress.",
        ] {
            let mut s = sentence(text);
            let names = faction_names(&s);
            let c = read(&mut s, &names, false);
            assert!(c.delegates.is_empty(), "{text}: {:?}", c.delegates);
            assert!(c.notes[0].contains("later point"), "{text}: {:?}", c.notes);
        }
        let mut s = sentence("It elected 40 delegates to the next congress.");
        let names = faction_names(&s);
        let c = read(&mut s, &names, false);
        assert!(c.delegates.is_empty() && c.notes[0].contains("elected"));
        let mut s = sentence("The Moscow Soviet had 210 Bolsheviks.");
        let names = faction_names(&s);
        let c = read(&mut s, &names, false);
        assert!(c.factions.is_empty() && c.notes[0].contains("Moscow Soviet"));
    }

    #[test]
    fn factions_with_parts_and_later_changes() {
        let mut s = sentence("649 delegates arrived: 390 Bolsheviks, 160 Socialist-Revolutionaries (about 100 were Left SRs), 72 Mensheviks and 13 of various groups (the Bolsheviks increased to 472 people).");
        let names = faction_names(&s);
        let c = read(&mut s, &names, false);
        let got: Vec<_> = c
            .factions
            .iter()
            .map(|f| (f.faction, f.count, f.approximate, f.part_of, f.stage))
            .collect();
        use Faction::*;
        assert_eq!(
            got,
            vec![
                (Bolsheviks, 390, false, None, Stage::Opening),
                (Srs, 160, false, None, Stage::Opening),
                (LeftSrs, 100, true, Some(Srs), Stage::Opening),
                (Mensheviks, 72, false, None, Stage::Opening),
                (Others, 13, false, None, Stage::Opening),
                (Bolsheviks, 472, false, None, Stage::Later),
            ]
        );
        assert_eq!(c.delegates[0].count, 649);
        assert_eq!(c.delegates[0].kind, DelegateKind::Total);
    }

    #[test]
    fn subcounts_stay_inside_their_faction() {
        let mut s = sentence("285 Socialist-Revolutionary (20 sympathetic to this party)");
        let names = faction_names(&s);
        let c = read(&mut s, &names, true);
        assert_eq!(c.factions.len(), 1);
        assert_eq!(c.factions[0].base, DelegateKind::FullVote);
        assert_eq!(
            c.factions[0].subcounts,
            vec![SubCount {
                count: 20,
                what: "sympathetic to this party".into(),
                approximate: false
            }]
        );
    }

    #[test]
    fn bodies_take_the_counts_after_their_name() {
        let mut s = sentence("The congress elected an All-Russian Central Executive Committee consisting of 101 people (including 62 Bolsheviks and 29 Left-Wing Social list-Revolutionaries; headed first by Kamenev).");
        let names = faction_names(&s);
        let c = read(&mut s, &names, false);
        assert!(c.factions.is_empty());
        let b = &c.bodies[0];
        assert_eq!(
            (b.kind, b.members),
            (BodyKind::CentralExecutiveCommittee, Some(101))
        );
        assert_eq!(
            b.factions
                .iter()
                .map(|m| (m.faction, m.count))
                .collect::<Vec<_>>(),
            vec![(Faction::Bolsheviks, 62), (Faction::LeftSrs, 29)]
        );
    }

    #[test]
    fn representation_lists_and_totals() {
        let mut s = sentence("The meeting was attended by 480 delegates from 139 Soviets, 13 rear military units, 7 active armies and 26 separate units of the front.");
        let names = faction_names(&s);
        let c = read(&mut s, &names, false);
        assert_eq!(
            c.delegates.iter().map(|d| d.count).collect::<Vec<_>>(),
            vec![480]
        );
        let r: Vec<_> = c
            .represented
            .iter()
            .map(|r| (r.count, r.unit.as_str(), r.soviets))
            .collect();
        assert_eq!(
            r,
            vec![
                (139, "Soviets", true),
                (13, "rear military units", false),
                (7, "active armies", false),
                (26, "separate units of the front", false)
            ]
        );
    }

    #[test]
    fn full_and_consultative_votes() {
        let mut s = sentence("It was attended by 1,993 delegates, of whom 1,631 had a casting vote and 362 a consultative voice.");
        let names = faction_names(&s);
        let c = read(&mut s, &names, false);
        let got: Vec<_> = c.delegates.iter().map(|d| (d.kind, d.count)).collect();
        assert_eq!(
            got,
            vec![
                (DelegateKind::Total, 1993),
                (DelegateKind::FullVote, 1631),
                (DelegateKind::Consultative, 362)
            ]
        );
    }
}
