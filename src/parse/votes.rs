//! Reading votes: "543 to 126 (52 abstentions)", "57 votes in favor with
//! 325 against", "(with two votes against and twelve abstentions)",
//! "rejected by 92 votes against 60", "(unanimously)", "by a majority vote",
//! and who voted: the assembly, a faction's caucus, or a questionnaire.

use super::counts::{count_at, FactionName};
use super::Sentence;
use crate::factions::Faction;
use crate::model::{Outcome, Vote, VotingBody};
use crate::text::{Kind, Kw, KwSet, Token};

const VOTE_WORDS: KwSet = KwSet::of(&[
    Kw::Vote,
    Kw::Votes,
    Kw::Voted,
    Kw::Voting,
    Kw::Abstentions,
    Kw::Abstention,
    Kw::Abstained,
    Kw::Unanimously,
    Kw::Unanimous,
    Kw::Dissents,
    Kw::Dissent,
    Kw::Dissenting,
    Kw::Majority,
]);

/// Words that belong to a vote figure: "votes in favor", "not voting".
const FIGURE_WORDS: &[&str] = &[
    "votes",
    "vote",
    "against",
    "abstentions",
    "abstention",
    "abstained",
    "not",
    "voting",
    "in",
    "favor",
    "favour",
    "dissents",
];

const MOTION_NOUNS: &[&str] = &[
    "resolution",
    "decree",
    "motion",
    "proposal",
    "appeal",
    "declaration",
    "amendment",
];

/// Words that end a motion phrase.
const MOTION_STOPS: &[&str] = &[
    "had",
    "has",
    "was",
    "were",
    "is",
    "are",
    "but",
    "which",
    "proposed",
    "collected",
    "by",
    "received",
    "got",
    "though",
    "although",
    "while",
    "all",
    "passed",
];

#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    for_: Option<u32>,
    against: Option<u32>,
    abstained: Option<u32>,
    unanimous: bool,
    majority: bool,
}

impl Figures {
    fn any(&self) -> bool {
        self.for_.is_some()
            || self.against.is_some()
            || self.abstained.is_some()
            || self.unanimous
            || self.majority
    }
}

fn outcome(toks: &[Token]) -> Option<Outcome> {
    toks.iter().find_map(|t| match t.kw() {
        Kw::Rejected | Kw::Defeated | Kw::Failed => Some(Outcome::Rejected),
        Kw::Adopted | Kw::Approved | Kw::Accepted | Kw::Passed | Kw::Carried => {
            Some(Outcome::Adopted)
        }
        _ => None,
    })
}

/// Reads the figures in tokens `a..b` of `toks`, marking what it uses in
/// `used`.
fn figures(
    toks: &[Token],
    used: &mut [bool],
    a: usize,
    b: usize,
    result: Option<Outcome>,
) -> Figures {
    let w = |k: usize| {
        if k < b {
            toks.get(k).map_or(Kw::None, Token::kw)
        } else {
            Kw::None
        }
    };
    let mut f = Figures::default();
    let mut i = a;
    while i < b {
        if used[i] {
            i += 1;
            continue;
        }
        let Some((n, after)) = count_at(toks, i).filter(|(_, after)| *after <= b) else {
            i += 1;
            continue;
        };
        // "543 to 126", "92 votes against 60", "300 votes to 60".
        let pair_at = match (w(after), w(after + 1)) {
            (Kw::To, _) => Some(after + 1),
            (Kw::Votes, Kw::Against | Kw::To) => Some(after + 2),
            _ => None,
        };
        if let Some(p) = pair_at {
            let second = count_at(toks, p).filter(|(_, e)| {
                *e <= b
                    && toks
                        .get(*e)
                        .filter(|_| *e < b)
                        .and_then(Token::month)
                        .is_none()
            });
            if let Some((m, end)) = second {
                let rejected_by = i >= 2 && w(i - 1) == Kw::By && w(i - 2) == Kw::Rejected
                    || (w(after) == Kw::Votes && result == Some(Outcome::Rejected));
                if rejected_by {
                    f.against = Some(n);
                    f.for_ = Some(m);
                } else {
                    f.for_ = Some(n);
                    f.against = Some(m);
                }
                used[i] = true;
                used[p] = true;
                i = end;
                continue;
            }
        }
        // "the motion received 352 votes".
        if i > 0
            && matches!(
                w(i - 1),
                Kw::Received | Kw::Got | Kw::Obtained | Kw::Polled | Kw::Collected
            )
            && matches!(w(after), Kw::Votes | Kw::Vote)
            && f.for_.is_none()
        {
            f.for_ = Some(n);
            used[i] = true;
            i = after;
            continue;
        }
        let mut k = after;
        while matches!(
            w(k),
            Kw::Votes | Kw::Vote | Kw::Were | Kw::Delegates | Kw::Members | Kw::Voted | Kw::Did
        ) {
            k += 1;
        }
        let slot = match (w(k), w(k + 1)) {
            (Kw::Against | Kw::Dissents | Kw::Dissent | Kw::Dissenting | Kw::Opposed, _) => {
                Some(&mut f.against)
            }
            (Kw::Abstentions | Kw::Abstention | Kw::Abstained | Kw::Abstaining, _)
            | (Kw::Not, Kw::Voting | Kw::Vote) => Some(&mut f.abstained),
            (Kw::In, Kw::Favor | Kw::Favour) | (Kw::For, _) => Some(&mut f.for_),
            _ => None,
        };
        if let Some(slot) = slot {
            if slot.is_none() {
                *slot = Some(n);
                used[i] = true;
            }
        }
        i = after;
    }
    f.unanimous = (a..b).any(|k| matches!(w(k), Kw::Unanimously | Kw::Unanimous));
    // "by a majority vote", "by a large majority"; not "held a majority".
    f.majority = (a..b).any(|k| {
        w(k) == Kw::Majority
            && (w(k + 1) == Kw::Vote || (k.saturating_sub(3).max(a)..k).any(|j| w(j) == Kw::By))
    });
    f
}

/// Original text of tokens `a..b` with leading "and", "the" kept but
/// leading "and" and punctuation dropped.
fn phrase(s: &Sentence, mut a: usize, b: usize) -> Option<String> {
    while a < b
        && (matches!(s.toks[a].kind, Kind::Punct(_) | Kind::Ellipsis) || s.toks[a].word() == "and")
    {
        a += 1;
    }
    let mut b = b;
    while b > a
        && matches!(
            s.toks[b - 1].kind,
            Kind::Punct(',' | ';' | ':' | '(' | '.') | Kind::Ellipsis
        )
    {
        b -= 1;
    }
    (b > a).then(|| s.text_of(a, b))
}

/// A quoted title or a phrase up to the next comma outside quotes, from `a`.
fn phrase_after(s: &Sentence, a: usize) -> Option<String> {
    let toks = &s.toks;
    let mut k = a;
    let mut in_quote = false;
    while k < toks.len() {
        match toks[k].kind {
            Kind::Punct('"') => {
                in_quote = !in_quote;
                if !in_quote {
                    k += 1;
                    break;
                }
            }
            Kind::Punct(',' | ';' | '.' | '(') | Kind::Ellipsis if !in_quote => break,
            _ => {}
        }
        k += 1;
    }
    phrase(s, a, k)
}

/// The motion of a whole-sentence vote.
fn motion_in(s: &Sentence, figures_end: usize) -> Option<String> {
    let toks = &s.toks;
    let w = |k: usize| toks.get(k).map_or("", Token::word);
    // "505 were for the transition of all power to the Soviets".
    if let Some(k) = (0..toks.len()).find(|&k| w(k) == "were" && w(k + 1) == "for") {
        return phrase_after(s, k + 2);
    }
    // "voted ... to support the Provisional government".
    if w(figures_end) == "to" {
        return phrase_after(s, figures_end);
    }
    // "a resolution to end the war", "the Decree for the Organization of Power".
    let noun = (0..toks.len()).find(|&k| MOTION_NOUNS.contains(&w(k)))?;
    let mut a = noun;
    if a > 0 && matches!(w(a - 1), "a" | "the" | "this" | "that" | "its") {
        a -= 1;
    }
    let mut b = noun + 1;
    while b < toks.len()
        && !MOTION_STOPS.contains(&w(b))
        && !matches!(
            toks[b].kind,
            Kind::Punct(',' | '.' | ';' | '(') | Kind::Ellipsis
        )
    {
        b += 1;
    }
    phrase(s, a, b)
}

/// "Votes on A, B, and C all passed unanimously": the listed motions.
fn listed_motions(s: &Sentence) -> Vec<String> {
    let toks = &s.toks;
    let Some(on) = toks
        .windows(2)
        .position(|p| matches!(p[0].word(), "votes" | "vote") && p[1].word() == "on")
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut a = on + 2;
    let mut k = a;
    while k <= toks.len() {
        let end_list =
            k == toks.len() || MOTION_STOPS.contains(&toks[k].word()) || toks[k].is_punct('.');
        let comma = k < toks.len() && toks[k].is_punct(',');
        let and_item =
            k < toks.len() && toks[k].word() == "and" && k > 0 && toks[k - 1].is_punct(',');
        if end_list || comma {
            if let Some(p) = phrase(s, a, k) {
                out.push(p);
            }
            if end_list {
                break;
            }
            a = k + 1;
        } else if and_item {
            a = k + 1;
        }
        k += 1;
    }
    out
}

fn body(s: &Sentence, first_named: Option<Faction>) -> VotingBody {
    let has = |x: Kw| s.has(x);
    if has(Kw::Filled) && (has(Kw::Forms) || has(Kw::Questionnaires)) || has(Kw::Questionnaire) {
        return VotingBody::Questionnaire;
    }
    // "the Bolshevik group met on its own", "at a meeting of the Communist group".
    let group = || {
        s.toks.windows(2).any(|w| {
            matches!(w[1].kw(), Kw::Group | Kw::Faction | Kw::Fraction)
                && Faction::recognize(&[w[0].word()]).is_some()
        })
    };
    let caucus = has(Kw::Caucus)
        || has(Kw::Caucuses)
        || (has(Kw::Split) && has(Kw::Among))
        || (has(Kw::Within)
            && s.toks
                .windows(3)
                .any(|w| w[0].is(Kw::Within) && w[1].is(Kw::The) && w[2].is(Kw::Faction)))
        || ((has(Kw::Meeting) || has(Kw::Met)) && group());
    match first_named {
        Some(f) if caucus => VotingBody::Caucus(f),
        _ => VotingBody::Plenary,
    }
}

/// Whether `s` may hold a vote: it has a vote word, or speaks of a
/// questionnaire. [`read`] finds nothing in any other sentence.
pub(crate) fn may_hold(s: &Sentence) -> bool {
    s.any_of(&VOTE_WORDS) || s.has(Kw::Filled) || s.has(Kw::Questionnaire)
}

/// Every vote in `s`, whose faction names are `names`.
pub(crate) fn read(s: &mut Sentence, names: &[FactionName]) -> Vec<Vote> {
    let vote_word = s.any_of(&VOTE_WORDS);
    let poll = s.has(Kw::Filled) || s.has(Kw::Questionnaire);
    if !vote_word && !poll {
        return Vec::new();
    }
    // The first faction the sentence names.
    let named = names.first().map(|n| n.faction);
    // "Of the Left Communists, 64 abstained": a group's own figures, not
    // the assembly's tally; their numbers are left for a warning.
    let w0 = |k: usize| s.toks.get(k).map_or("", Token::word);
    if w0(0) == "of" && w0(1) == "the" && named.is_some() {
        let words: Vec<&str> = s.toks[2..].iter().map(Token::word).collect();
        if Faction::recognize(&words).is_some()
            || (words.first() == Some(&"left") && Faction::recognize(&words[1..]).is_some())
        {
            return Vec::new();
        }
    }
    let body = body(s, named);
    if !vote_word && body != VotingBody::Questionnaire {
        return Vec::new();
    }
    let result = outcome(&s.toks);
    let n = s.toks.len();
    // Bracketed groups that hold vote figures.
    let mut groups = Vec::new();
    let mut open = None;
    for (k, t) in s.toks.iter().enumerate() {
        if t.is_punct('(') {
            open = Some(k);
        } else if t.is_punct(')') {
            if let Some(o) = open.take() {
                if s.toks[o..k]
                    .iter()
                    .any(|t| VOTE_WORDS.contains(t.kw()) || t.is(Kw::Against))
                {
                    groups.push((o, k));
                }
            }
        }
    }
    // Figures outside brackets make the sentence one vote.
    // (With no brackets the sentence is one vote: nothing to probe.)
    let outside = !groups.is_empty() && {
        let mut probe = s.used.clone();
        let mut any = false;
        let mut start = 0;
        for &(o, c) in groups.iter().chain(std::iter::once(&(n, n))) {
            any |= figures(&s.toks, &mut probe, start, o, result).any();
            start = c + 1;
        }
        any
    };
    let mut out = Vec::new();
    let span = s.span;
    let mk = |motion: String, f: Figures, body| Vote {
        motion,
        body,
        for_: f.for_,
        against: f.against,
        abstained: f.abstained,
        unanimous: f.unanimous,
        majority: f.majority,
        outcome: result,
        date: None,
        src: span,
    };
    if outside || groups.is_empty() {
        let f = figures(&s.toks, &mut s.used, 0, n, result);
        if !f.any() {
            return out;
        }
        let listed = listed_motions(s);
        if !listed.is_empty() {
            return listed.into_iter().map(|m| mk(m, f, body)).collect();
        }
        // Just past the last figure and the words that belong to it.
        let mut last_fig = (0..n).rev().find(|&k| s.used[k]).map_or(n, |k| k + 1);
        while last_fig < n
            && (s.toks[last_fig].is_punct(')') || FIGURE_WORDS.contains(&s.toks[last_fig].word()))
        {
            last_fig += 1;
        }
        let motion = motion_in(s, last_fig).unwrap_or_else(|| "(motion not named)".to_string());
        out.push(mk(motion, f, body));
        return out;
    }
    // One vote per bracketed group: "the Decree of Peace (unanimously) and the Decree of Land (...)".
    let verbs = [
        "passed", "approved", "adopted", "accepted", "voted", "rejected", "carried",
    ];
    let mut prev_end = 0;
    for (o, c) in groups {
        let f = figures(&s.toks, &mut s.used, o + 1, c, result);
        if !f.any() {
            continue;
        }
        let mut a = o;
        while a > prev_end && !verbs.contains(&s.toks[a - 1].word()) && !s.toks[a - 1].is_punct(')')
        {
            a -= 1;
        }
        let motion = phrase(s, a, o)
            .or_else(|| phrase_after(s, c + 1))
            .unwrap_or_else(|| "(motion not named)".to_string());
        out.push(mk(motion, f, body));
        prev_end = c + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    type Row = (String, Option<u32>, Option<u32>, Option<u32>, bool);

    fn votes(text: &str) -> Vec<Row> {
        let mut s = Sentence::new(text, tokenize(text, 0), crate::DocId(0), 0, text.len());
        let names = crate::parse::counts::faction_names(&s);
        read(&mut s, &names)
            .into_iter()
            .map(|v| (v.motion, v.for_, v.against, v.abstained, v.unanimous))
            .collect()
    }

    fn v(m: &str, f: Option<u32>, a: Option<u32>, ab: Option<u32>, u: bool) -> Row {
        (m.to_string(), f, a, ab, u)
    }

    #[test]
    fn plenary_votes_in_several_phrasings() {
        assert_eq!(
            votes("The Congress voted 543 to 126 (52 abstentions) to support the Provisional government, though the ministers were told."),
            vec![v("to support the Provisional government", Some(543), Some(126), Some(52), false)]
        );
        assert_eq!(
            votes("On April 12, Kamenev proposed a resolution to end the war, but it collected only 57 votes in favor with 325 against."),
            vec![v("a resolution to end the war", Some(57), Some(325), None, false)]
        );
        assert_eq!(
            votes("The congress then passed the Decree of Peace (unanimously) and the Decree of Land (one against and eight abstentions), both written by Lenin."),
            vec![
                v("the Decree of Peace", None, None, None, true),
                v("the Decree of Land", None, Some(1), Some(8), false)
            ]
        );
        assert_eq!(
            votes("The congress at 05.00 approved (with two votes against and twelve abstentions) the \"Workers, soldiers and peasants!\", an appeal written by Lenin."),
            vec![v("the \"Workers, soldiers and peasants!\"", None, Some(2), Some(12), false)]
        );
        assert_eq!(
            votes("Votes on the convocation of the Assembly, the right of nations to self-determination, and state control all passed unanimously."),
            vec![
                v("the convocation of the Assembly", None, None, None, true),
                v("the right of nations to self-determination", None, None, None, true),
                v("state control", None, None, None, true)
            ]
        );
    }

    #[test]
    fn rejected_by_puts_the_majority_against() {
        let text = "The split among the Social Revolutionaries took place after a resolution to withdraw from the Congress had been rejected by 92 votes against 60.";
        let mut s = Sentence::new(text, tokenize(text, 0), crate::DocId(0), 0, text.len());
        let names = crate::parse::counts::faction_names(&s);
        let got = read(&mut s, &names);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].for_, got[0].against), (Some(60), Some(92)));
        assert_eq!(got[0].body, VotingBody::Caucus(Faction::Srs));
        assert_eq!(got[0].outcome, Some(Outcome::Rejected));
        assert_eq!(got[0].motion, "a resolution to withdraw from the Congress");
    }

    #[test]
    fn no_figures_no_vote() {
        assert!(votes("They protested against the seizure of power.").is_empty());
        assert!(votes("The vote was delayed.").is_empty());
    }
}
