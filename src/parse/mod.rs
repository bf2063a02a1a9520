//! The parser: one document's text in, an [`Extraction`] out.
//!
//! It reads sentence by sentence, keeping a "current event" that headings and
//! sentences opening with an event's name switch. Each sentence is read by
//! small readers (dates, counts, votes) that mark the tokens they use; any
//! number nobody used becomes a warning, so nothing is silently dropped.
//! Parsing never panics and is linear in the input: every reader looks at a
//! bounded window around each token.

mod counts;
mod dates;
mod events;
mod votes;

use crate::calendar::Dated;
use crate::model::{DateFact, DocId, DocMeta, EventFacts, Extraction, Level, Span, Warning};
use crate::text::{self, Kind, Kw, KwSet, Token, NUMBER_WORDS};

/// Most events one document may name. Keeps event lookup, and the
/// corpus's merging, linear in the input whatever the text.
pub const MAX_EVENTS: usize = 400;

/// Words that may hold a count besides digits: the number words, and
/// "solely" or "exclusively" (a body of one faction).
const COUNTING: KwSet = {
    let mut ks = [Kw::Solely; NUMBER_WORDS.len() + 2];
    ks[1] = Kw::Exclusively;
    let mut i = 0;
    while i < NUMBER_WORDS.len() {
        ks[i + 2] = NUMBER_WORDS[i];
        i += 1;
    }
    KwSet::of(&ks)
};

/// One sentence being read: its tokens and which of them are used up.
#[derive(Debug, Clone)]
pub(crate) struct Sentence<'a> {
    text: &'a str,
    pub toks: Vec<Token>,
    pub used: Vec<bool>,
    pub span: Span,
    /// The sentence opens with "Approximately": all its figures are approximate.
    pub approximate: bool,
    /// Cheap facts about the tokens, so readers that cannot match are skipped.
    pub has_digits: bool,
    pub has_count: bool,
    pub has_event_noun: bool,
    /// Which keywords the sentence holds, one bit each: readers look here
    /// before scanning for words the sentence does not hold.
    kws: KwSet,
}

impl<'a> Sentence<'a> {
    #[cfg(test)]
    pub fn new(text: &'a str, toks: Vec<Token>, doc: DocId, start: usize, end: usize) -> Self {
        Sentence::reusing(text, toks, Vec::new(), doc, start, end)
    }

    /// A sentence of `toks`, its marks kept in `used` (a buffer to reuse:
    /// its contents do not matter).
    pub fn reusing(
        text: &'a str,
        toks: Vec<Token>,
        mut used: Vec<bool>,
        doc: DocId,
        start: usize,
        end: usize,
    ) -> Self {
        let approximate = toks
            .first()
            .is_some_and(|t| matches!(t.kw(), Kw::Approximately | Kw::Roughly | Kw::About));
        let mut has_digits = false;
        let mut has_count = false;
        let mut kws = KwSet::default();
        for t in &toks {
            match t.kind {
                Kind::Num { .. } => {
                    has_digits = true;
                    has_count = true;
                }
                Kind::Word(_) => kws.insert(t.kw()),
                _ => {}
            }
        }
        used.clear();
        used.resize(toks.len(), false);
        let mut s = Sentence {
            text,
            used,
            toks,
            span: Span::new(doc, start, end),
            approximate,
            has_digits,
            has_count,
            has_event_noun: false,
            kws,
        };
        s.has_count |= s.kws.meets(&COUNTING);
        s.has_event_noun = s.has(Kw::Congress) || s.has(Kw::Conference);
        s
    }

    /// Whether the sentence holds the word `k` (never for [`Kw::None`]).
    pub fn has(&self, k: Kw) -> bool {
        k != Kw::None && self.kws.contains(k)
    }

    /// Whether the sentence holds any of the words `ks`.
    pub fn any(&self, ks: &[Kw]) -> bool {
        ks.iter().any(|k| self.has(*k))
    }

    /// Whether the sentence holds any of the words in `set`.
    pub fn any_of(&self, set: &KwSet) -> bool {
        self.kws.meets(set)
    }

    /// Original text of tokens `a..b`.
    pub fn text_of(&self, a: usize, b: usize) -> String {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(x), Some(y)) if x.start <= y.end => {
                self.text.get(x.start..y.end).unwrap_or("").to_string()
            }
            _ => String::new(),
        }
    }
}

/// Splits off YAML-style front matter ("---" lines), reading `title`,
/// `author` and `originalSource`. Returns the metadata and where the body starts.
fn front_matter(text: &str) -> (DocMeta, usize) {
    let mut meta = DocMeta::default();
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (meta, 0);
    };
    let Some(close) = rest.find("\n---") else {
        return (meta, 0);
    };
    let unquote = |v: &str| v.trim().trim_matches('"').trim().to_string();
    for line in rest[..close].lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value);
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "title" => meta.title = Some(value),
            "originalSource" | "source" | "url" => meta.origin = Some(value),
            "author" if meta.origin.is_none() => meta.origin = Some(value),
            _ => {}
        }
    }
    let after = text.len() - rest.len() + close + 4;
    let body = text[after..]
        .find('\n')
        .map_or(text.len(), |n| after + n + 1);
    (meta, body)
}

struct Builder<'a> {
    text: &'a str,
    doc: DocId,
    events: Vec<EventFacts>,
    current: Option<usize>,
    year: Option<i32>,
    warnings: Vec<Warning>,
    /// Mentions of events past [`MAX_EVENTS`].
    skipped: usize,
    /// The sentence being read names an event past [`MAX_EVENTS`] as its
    /// subject, or several events ambiguously: its figures are not used.
    unplaced: Option<String>,
    /// The current event to go back to after this sentence, which names
    /// another one in passing.
    restore: Option<Option<usize>>,
    /// No current event because the last subject was past [`MAX_EVENTS`].
    past_limit: bool,
    /// Numbers no fact used so far; only the first [`MAX_UNUSED_WARNINGS`]
    /// get a warning of their own.
    unused: usize,
    /// The body the last sentence elected with no make-up: (event, body).
    last_body: Option<(usize, usize)>,
}

/// Most warnings about unattached numbers one document gets; the rest are
/// counted in one last warning.
pub const MAX_UNUSED_WARNINGS: usize = 50;

impl Builder<'_> {
    /// The event `m` names, created if new; `None` once the document has
    /// named [`MAX_EVENTS`] events.
    fn event(&mut self, m: &events::Mention, at: Span) -> Option<usize> {
        // Only other gatherings need their name compared (and formatted).
        let other = (m.kind == crate::model::EventKind::Other)
            .then(|| events::names(m.kind, m.ordinal, m.text.as_deref()).0);
        let same = |e: &EventFacts| {
            e.kind == m.kind
                && e.ordinal == m.ordinal
                && other.as_ref().is_none_or(|n| *n == e.name)
        };
        if let Some(i) = self.events.iter().position(same) {
            return Some(i);
        }
        if self.events.len() >= MAX_EVENTS {
            // Never merged into another event: its figures are skipped, and
            // the first few such events are named.
            self.skipped += 1;
            if self.skipped <= MAX_UNUSED_WARNINGS {
                let (name, _) = events::names(m.kind, m.ordinal, m.text.as_deref());
                self.warn(
                    format!("the {name} is not read: the text names more than {MAX_EVENTS} congresses or conferences, and its figures are skipped"),
                    Some(at),
                );
            }
            return None;
        }
        let (name, _) = events::names(m.kind, m.ordinal, m.text.as_deref());
        let id = match m.ordinal {
            Some(n) => format!("{}-{n}", events::id_stem(m.kind, m.text.as_deref())),
            None => events::id_stem(m.kind, m.text.as_deref()),
        };
        self.events.push(EventFacts {
            id,
            name,
            kind: m.kind,
            ordinal: m.ordinal,
            named_at: at,
            starts: Vec::new(),
            ends: Vec::new(),
            dates: Vec::new(),
            place: None,
            delegates: Vec::new(),
            represented: Vec::new(),
            factions: Vec::new(),
            bodies: Vec::new(),
            votes: Vec::new(),
        });
        Some(self.events.len() - 1)
    }

    fn warn(&mut self, message: String, src: Option<Span>) {
        self.warnings.push(Warning {
            level: Level::Warning,
            message,
            src,
        });
    }

    /// Records every event `s` names and switches the current event: to the
    /// one a heading names first; to the one the sentence opens with (after
    /// at most a short lead such as "In 1917", "Later,", "On 25 October", an
    /// emoji or a bracket); or to the only one it names anywhere (in
    /// brackets, say). A sentence that names several events, none as its
    /// subject, is ambiguous: its figures are not placed (see `unplaced`).
    fn events_in(&mut self, s: &Sentence, heading: bool) {
        let found = events::mentions(&s.toks);
        // The event of each mention; `None` past the limit.
        let mut named: Vec<Option<usize>> = Vec::with_capacity(found.len());
        for m in &found {
            let mut m = m.clone();
            if m.kind == crate::model::EventKind::Other {
                // Other gatherings are named as the text names them.
                let name = s.text_of(m.first, m.last);
                m.text = Some(
                    name.trim_start_matches("the ")
                        .trim_start_matches("The ")
                        .to_string(),
                );
            }
            named.push(self.event(&m, s.span));
        }
        let Some((first, &target)) = found.first().zip(named.first()) else {
            return;
        };
        // As before, a name within the first three tokens opens the sentence.
        let opens =
            heading || first.first <= 2 || opening(&s.toks[..first.first.min(s.toks.len())]);
        let distinct = named.iter().any(|e| *e != target);
        match target {
            // The sentence's subject: it holds until another is named.
            Some(i) if opens => {
                self.current = Some(i);
                self.past_limit = false;
            }
            // The only event named, further on: it takes this sentence's
            // own figures, and the current event comes back after it.
            Some(i) if !distinct => {
                self.restore = Some(self.current);
                self.current = Some(i);
            }
            // Past the limit: nothing of this sentence (nor, if it is the
            // subject, of the ones that follow) is filed under another event.
            None if opens || !distinct => {
                if opens {
                    self.current = None;
                }
                self.past_limit |= opens;
                self.unplaced = Some(format!("names an event past the limit of {MAX_EVENTS}"));
            }
            _ => {
                self.unplaced =
                    Some("names several congresses or conferences, none as its subject".into());
            }
        }
    }

    fn dates_in(&mut self, s: &mut Sentence, heading: bool) -> Option<Dated> {
        // Every date names a month.
        let found = if s.any_of(&text::MONTHS) {
            dates::dates(&s.toks, self.year)
        } else {
            Vec::new()
        };
        let first = found.first().map(|d| d.start);
        let Some(ev) = self.current else {
            return first;
        };
        if found.is_empty() {
            return first;
        }
        // One pass over the words for what the dates are of.
        let (mut sitting, mut opening, mut closing) = (false, false, false);
        let mut last = false;
        for t in &s.toks {
            let w = t.kw();
            match w {
                Kw::Sitting | Kw::Session | Kw::Delayed | Kw::Postponed => sitting = true,
                Kw::Opened
                | Kw::Began
                | Kw::Opening
                | Kw::Convened
                | Kw::Met
                | Kw::Assembled
                | Kw::Held => opening = true,
                Kw::Until | Kw::Concluded | Kw::Closed | Kw::Ended => closing = true,
                Kw::Day if last => closing = true,
                _ => {}
            }
            last = w == Kw::Last;
        }
        let opens = !sitting && opening;
        let closes = !sitting && closing;
        // Publication and speech lines date something else.
        let incidental = dates::incidental(&s.toks);
        let one = found.len() == 1 && !incidental;
        // A date line right under an event's heading gives its dates; a later
        // one (a publication line, say) does not.
        let fresh = self.events[ev].starts.is_empty() && self.events[ev].ends.is_empty();
        for d in &found {
            for k in d.first..d.last {
                s.used[k] = true;
            }
            if d.year_given {
                self.year = Some(d.start.written.year);
            }
            let e = &mut self.events[ev];
            let fact = |date| DateFact { date, src: s.span };
            match d.end {
                Some(end) if (one || !sitting) && (!heading || fresh) && !incidental => {
                    e.starts.push(fact(d.start));
                    e.ends.push(fact(end));
                }
                None if one && opens => e.starts.push(fact(d.start)),
                None if one && closes => e.ends.push(fact(d.start)),
                None if one && heading && fresh => e.starts.push(fact(d.start)),
                _ => {
                    e.dates.push(fact(d.start));
                    if let Some(end) = d.end {
                        e.dates.push(fact(end));
                    }
                }
            }
        }
        first
    }

    fn sentence(&mut self, s: &mut Sentence, heading: bool, lead_full_vote: bool) {
        self.unplaced = None;
        if s.has_event_noun {
            self.events_in(s, heading);
        }
        // An ambiguous sentence is read (so its numbers are used) but filed
        // nowhere.
        let keep = self.current;
        let unplaced = self.unplaced.is_some();
        if unplaced {
            self.current = None;
        }
        let date = if s.has_digits {
            self.dates_in(s, heading)
        } else {
            None
        };
        // Event years give context to later dates with no year.
        if self.year.is_none() {
            self.year = self
                .current
                .and_then(|e| self.events[e].starts.first())
                .map(|d| d.date.written.year);
        }
        // Faction names, for the counts and the votes.
        let names = if s.has_count || votes::may_hold(s) {
            counts::faction_names(s)
        } else {
            Vec::new()
        };
        let mut c = if s.has_count {
            counts::read(s, &names, lead_full_vote)
        } else {
            counts::Counts::default()
        };
        for note in std::mem::take(&mut c.notes) {
            self.warn(note, Some(s.span));
        }
        // "It included 123 Mensheviks, ...": the make-up of the body the
        // sentence before elected.
        if let Some((ev, b)) = self.last_body.take() {
            if self.current == Some(ev) && counts::continues_body(&s.toks) {
                if let Some(body) = self.events[ev].bodies.get_mut(b) {
                    body.factions
                        .extend(c.factions.drain(..).map(|f| crate::model::Member {
                            faction: f.faction,
                            count: f.count,
                            approximate: f.approximate,
                        }));
                }
            }
        }
        if let Some(ev) = self.current {
            if c.bodies.last().is_some_and(|b| b.factions.is_empty()) {
                self.last_body = Some((ev, self.events[ev].bodies.len() + c.bodies.len() - 1));
            }
        }
        let mut v = votes::read(s, &names);
        if !v.is_empty() {
            if let Some(other) = counts::other_body_meeting(s) {
                self.warn(
                    format!("these votes are of another body ({other}), not of the congress or conference; not used"),
                    Some(s.span),
                );
                v.clear();
            }
        }
        for vote in &mut v {
            vote.date = date;
        }
        let nothing = c.delegates.is_empty()
            && c.represented.is_empty()
            && c.factions.is_empty()
            && c.bodies.is_empty()
            && v.is_empty();
        match self.current {
            Some(ev) => {
                let e = &mut self.events[ev];
                e.delegates.extend(c.delegates);
                e.represented.extend(c.represented);
                e.factions.extend(c.factions);
                e.bodies.extend(c.bodies);
                e.votes.extend(v);
            }
            None if !nothing => {
                let why = self.unplaced.take().or_else(|| {
                    self.past_limit
                        .then(|| format!("follows an event past the limit of {MAX_EVENTS}"))
                });
                self.unused += 1;
                if self.unused <= MAX_UNUSED_WARNINGS {
                    self.warn(
                        match why {
                            Some(why) => format!("figures in a sentence that {why} are not used"),
                            None => "figures found before any congress or conference is named; they are not used".into(),
                        },
                        Some(s.span),
                    );
                }
            }
            None => {}
        }
        self.unused_numbers(s);
        if unplaced {
            self.current = keep;
        }
        if let Some(back) = self.restore.take() {
            self.current = back;
        }
    }

    fn unused_numbers(&mut self, s: &Sentence) {
        if !s.has_digits {
            return;
        }
        let w = |k: usize| s.toks.get(k).map_or("", Token::word);
        for (k, t) in s.toks.iter().enumerate() {
            if let Kind::Num {
                value,
                ordinal: false,
            } = t.kind
            {
                // List markers ("1."), clock hours ("8 o'clock") and bare
                // years ("the February Revolution of 1917") are not facts.
                let marker = k == 0
                    && s.toks
                        .get(1)
                        .is_some_and(|t| t.is_punct('.') || t.is_punct(')'));
                let hour = w(k + 1) == "o'clock";
                let year = (1800..=2100).contains(&value) && t.end - t.start == 4;
                // The rest of a digit run too long for one token: said once.
                let rest = value == u64::MAX
                    && !t.space_before
                    && k.checked_sub(1)
                        .and_then(|p| s.toks.get(p))
                        .is_some_and(|p| matches!(p.kind, Kind::Num { .. }));
                if !s.used[k] && !marker && !hour && !year && !rest {
                    self.unused += 1;
                    if self.unused > MAX_UNUSED_WARNINGS {
                        continue;
                    }
                    let quote = s.span.quote(self.text);
                    let short: String = quote.chars().take(80).collect();
                    let message = if value > u64::from(u32::MAX) {
                        // As written: a long run of digits saturates `value`.
                        let written = self.text.get(t.start..t.end).unwrap_or("");
                        let goes_on = s
                            .toks
                            .get(k + 1)
                            .is_some_and(|n| !n.space_before && matches!(n.kind, Kind::Num { .. }));
                        let more = if goes_on { "…" } else { "" };
                        format!("the number {written}{more} in \"{short}\" is too large for a count (at most {}); it is not used", u32::MAX)
                    } else {
                        format!("the number {value} in \"{short}\" is not attached to any fact")
                    };
                    self.warn(message, Some(s.span));
                }
            }
        }
    }

    fn finish(mut self, meta: DocMeta) -> Extraction {
        if self.skipped > MAX_UNUSED_WARNINGS {
            let more = self.skipped - MAX_UNUSED_WARNINGS;
            self.warn(
                format!("{more} more mentions of events past the limit of {MAX_EVENTS} are not read (only the first {MAX_UNUSED_WARNINGS} are listed)"),
                None,
            );
        }
        if self.unused > MAX_UNUSED_WARNINGS {
            let more = self.unused - MAX_UNUSED_WARNINGS;
            self.warn(
                format!("{more} more numbers or figures are not attached to any fact (only the first {MAX_UNUSED_WARNINGS} are listed)"),
                None,
            );
        }
        for e in &mut self.events {
            if e.ordinal.is_none() {
                if let Some(d) = e.starts.first().or(e.ends.first()) {
                    let w = d.date.old.or(d.date.new).unwrap_or(d.date.written);
                    e.id = format!("{}-{}-{:02}", e.id, w.year, w.month);
                }
            }
        }
        if self.events.is_empty() {
            self.warnings.push(Warning {
                level: Level::Error,
                message: "no congress or conference of soviets is named; looked for names such as \"the Second All-Russian Congress of Soviets\", \"First Congress\" or \"All-Russian Conference of Soviets\"".into(),
                src: None,
            });
        }
        Extraction {
            meta,
            events: self.events,
            warnings: self.warnings,
        }
    }
}

/// Whether `toks` speak of a full vote: "full vote", "decisive vote",
/// "casting vote".
pub(crate) fn full_vote_in(toks: &[Token]) -> bool {
    toks.windows(2)
        .any(|w| matches!(w[0].kw(), Kw::Full | Kw::Decisive | Kw::Casting) && w[1].is(Kw::Vote))
}

/// Whether `lead`, the tokens before an event's name, is a short opening
/// that leaves the event the sentence's subject: "In 1917 the", "Later,",
/// "On 25 October (7 November) the", an emoji, a bracket.
fn opening(lead: &[Token]) -> bool {
    lead.len() <= 10
        && lead.iter().all(|t| match t.kind {
            Kind::Word(_) => {
                t.month().is_some()
                    || matches!(
                        t.word(),
                        "the"
                            | "a"
                            | "an"
                            | "in"
                            | "on"
                            | "at"
                            | "by"
                            | "of"
                            | "and"
                            | "but"
                            | "then"
                            | "later"
                            | "soon"
                            | "after"
                            | "afterwards"
                            | "thereafter"
                            | "subsequently"
                            | "meanwhile"
                            | "finally"
                            | "also"
                            | "extraordinary"
                            | "emergency"
                            | "however"
                            | "next"
                            | "when"
                            | "early"
                            | "late"
                            | "mid"
                            | "year"
                            | "spring"
                            | "summer"
                            | "autumn"
                            | "fall"
                            | "winter"
                            | "os"
                            | "ns"
                    )
            }
            Kind::Num { .. } | Kind::Time | Kind::Punct(_) | Kind::Ellipsis => true,
        })
}

/// Parses one document. `doc` is the index recorded in every fact's [`Span`].
///
/// Never panics. Input that yields nothing gets an empty result with an
/// error-level warning that says what was looked for.
pub fn parse(text: &str, doc: DocId) -> Extraction {
    let (mut meta, body) = front_matter(text);
    let mut b = Builder {
        text,
        doc,
        events: Vec::new(),
        current: None,
        year: None,
        warnings: Vec::new(),
        skipped: 0,
        unplaced: None,
        restore: None,
        past_limit: false,
        unused: 0,
        last_body: None,
    };
    // A title naming an event sets the first current event.
    if let Some(title) = meta.title.clone() {
        let toks = text::tokenize(&title, 0);
        if let Some(m) = events::mentions(&toks).first() {
            let span = Span::new(doc, 0, body);
            b.current = b.event(m, span);
        }
    }
    // Sentences are read as they are split, so only one is held at a time;
    // the first few are kept for the title.
    let mut first: Vec<text::Sentence> = Vec::new();
    // Which sentences introduce a list of full-vote delegates.
    let mut full_vote: Vec<bool> = Vec::new();
    let mut spare_used: Vec<bool> = Vec::new();
    text::each_sentence(&text[body..], body, |raw| {
        let lead_full_vote = raw
            .lead
            .is_some_and(|l| full_vote.get(l).copied().unwrap_or(false));
        if first.len() < 6 {
            first.push(raw.clone());
        }
        let used = std::mem::take(&mut spare_used);
        let mut s = Sentence::reusing(text, raw.tokens, used, b.doc, raw.start, raw.end);
        full_vote.push(s.has(Kw::Vote) && full_vote_in(&s.toks));
        s.span.cut_start = raw.cut_start;
        s.span.cut_end = raw.cut_end;
        b.sentence(&mut s, raw.heading, lead_full_vote);
        // The buffers go back to be filled again.
        spare_used = s.used;
        s.toks
    });
    if meta.title.is_none() {
        let clean = |s: &text::Sentence| {
            text[s.start..s.end]
                .trim_matches(|c: char| c == '=' || c.is_whitespace())
                .to_string()
        };
        let headings: Vec<&text::Sentence> = first.iter().filter(|s| s.heading).collect();
        let named = headings
            .iter()
            .position(|s| !events::mentions(&s.tokens).is_empty())
            .filter(|i| *i <= 1);
        meta.title = named
            .or((!headings.is_empty()).then_some(0))
            .map(|i| clean(headings[i]));
        // A short first line above the title is its author: "V. I. Lenin".
        if let (Some(i), None) = (named, &meta.origin) {
            if i > 0 && headings[0].tokens.len() <= 6 {
                meta.origin = Some(
                    clean(headings[0])
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
    }
    b.finish(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_skipped() {
        let text =
            "---\ntitle: \"Resolutions\"\nauthor: \"\"\noriginalSource: \"http://x\"\n---\n\nBody";
        let (meta, body) = front_matter(text);
        assert_eq!(meta.title.as_deref(), Some("Resolutions"));
        assert_eq!(meta.origin.as_deref(), Some("http://x"));
        assert_eq!(&text[body..], "\nBody");
    }

    #[test]
    fn empty_and_hostile_input_gives_a_clear_error() {
        for text in [
            "",
            "no numbers here",
            "((((((((((",
            "---\n",
            "<script>alert(1)</script>",
        ] {
            let x = parse(text, crate::DocId(0));
            assert!(x.events.is_empty());
            assert_eq!(
                x.warnings.last().map(|w| w.level),
                Some(Level::Error),
                "{text}"
            );
        }
    }
}
