//! A compact binary form of an [`Extraction`], so that a document can be
//! parsed in one place (the page's worker) and used in another (the page):
//! `decode(&encode(&x), doc) == x` with every span's document set to `doc`.
//!
//! Numbers are LEB128 varints, strings are length-prefixed UTF-8, enums
//! are their index in a fixed list. Decoding untrusted bytes never panics:
//! anything malformed gives `None`.

use crate::calendar::{Basis, Date, Dated, Style};
use crate::factions::Faction;
use crate::model::{
    Body, BodyKind, DateFact, DelegateCount, DelegateKind, DocId, DocMeta, EventFacts, EventKind,
    Extraction, FactionCount, Level, Member, Outcome, Represented, Span, Stage, SubCount, Vote,
    VotingBody, Warning,
};

const EVENT_KINDS: [EventKind; 6] = [
    EventKind::CongressOfSoviets,
    EventKind::ConferenceOfSoviets,
    EventKind::PeasantsCongress,
    EventKind::UkrainianCongress,
    EventKind::PartyConference,
    EventKind::Other,
];
const STYLES: [Style; 2] = [Style::Old, Style::New];
const BASES: [Basis; 4] = [
    Basis::BothGiven,
    Basis::Named,
    Basis::AfterSwitch,
    Basis::Unstated,
];
const DELEGATE_KINDS: [DelegateKind; 4] = [
    DelegateKind::Total,
    DelegateKind::FullVote,
    DelegateKind::Consultative,
    DelegateKind::Questionnaire,
];
const STAGES: [Stage; 2] = [Stage::Opening, Stage::Later];
const BODY_KINDS: [BodyKind; 3] = [
    BodyKind::CentralExecutiveCommittee,
    BodyKind::Presidium,
    BodyKind::CouncilOfPeoplesCommissars,
];
const OUTCOMES: [Outcome; 2] = [Outcome::Adopted, Outcome::Rejected];
const LEVELS: [Level; 2] = [Level::Error, Level::Warning];

/// Appends `v` to `out` as a LEB128 varint (also `seeds.bin`'s numbers,
/// and the wasm module's, which `cargo xtask build` rewrites).
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The varint at `*pos` in `buf`, moving `*pos` past it; `None` past the
/// end or if longer than 64 bits.
pub fn take_varint(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let byte = *buf.get(*pos)?;
        *pos += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The bytes being written, and, when asked for, the byte range of every
/// span written.
struct W(Vec<u8>, Option<Vec<(usize, usize)>>);

impl W {
    fn varint(&mut self, v: u64) {
        put_varint(&mut self.0, v);
    }
    fn flag(&mut self, v: bool) {
        self.varint(u64::from(v));
    }
    /// An optional number: 0 for none, else the number plus one.
    fn opt_count(&mut self, v: Option<u32>) {
        self.varint(v.map_or(0, |v| u64::from(v) + 1));
    }
    fn text(&mut self, v: &str) {
        self.varint(v.len() as u64);
        self.0.extend_from_slice(v.as_bytes());
    }
    fn opt_text(&mut self, v: Option<&str>) {
        self.flag(v.is_some());
        if let Some(v) = v {
            self.text(v);
        }
    }
    /// `v`'s position in `all`, the table of every value; a value missing
    /// from the table is written as one past its end, which the reader
    /// refuses, rather than as the table's first value.
    fn choice<T: PartialEq>(&mut self, all: &[T], v: &T) {
        let at = all.iter().position(|x| x == v).unwrap_or(all.len());
        self.varint(at as u64);
    }
    fn span(&mut self, s: Span) {
        if let Some(spans) = &mut self.1 {
            spans.push((s.start, s.end));
        }
        self.varint(s.start as u64);
        self.varint(s.end as u64);
        self.varint(u64::from(s.cut_start) | u64::from(s.cut_end) << 1);
    }
    fn date(&mut self, d: Date) {
        // Years are small positive numbers in practice; offset keeps any i32.
        self.varint((i64::from(d.year) + (1 << 31)) as u64);
        self.varint(u64::from(d.month));
        self.varint(u64::from(d.day));
    }
    fn opt_date(&mut self, d: Option<Date>) {
        self.flag(d.is_some());
        if let Some(d) = d {
            self.date(d);
        }
    }
    fn dated(&mut self, d: &Dated) {
        self.date(d.written);
        self.flag(d.style.is_some());
        if let Some(s) = d.style {
            self.choice(&STYLES, &s);
        }
        self.choice(&BASES, &d.basis);
        self.opt_date(d.old);
        self.opt_date(d.new);
    }
    fn faction(&mut self, f: Faction) {
        self.choice(&Faction::ALL, &f);
    }
    /// 0 for none, else 1 + the position in [`Faction::ALL`], as `R::of`
    /// reads it.
    fn opt_faction(&mut self, f: Option<Faction>) {
        let at = |f| {
            Faction::ALL
                .iter()
                .position(|x| *x == f)
                // Missing from the table: a value the reader refuses.
                .map_or(Faction::ALL.len() as u64 + 1, |i| i as u64 + 1)
        };
        self.varint(f.map_or(0, at));
    }
    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut W, &T)) {
        self.varint(items.len() as u64);
        for item in items {
            each(self, item);
        }
    }
}

/// The bytes being read; every read is `None` past the end or on a bad value.
struct R<'a> {
    buf: &'a [u8],
    pos: usize,
    doc: DocId,
}

impl R<'_> {
    fn varint(&mut self) -> Option<u64> {
        take_varint(self.buf, &mut self.pos)
    }
    fn count(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }
    fn size(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }
    fn flag(&mut self) -> Option<bool> {
        match self.varint()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn opt_count(&mut self) -> Option<Option<u32>> {
        Some(match self.varint()? {
            0 => None,
            v => Some(u32::try_from(v - 1).ok()?),
        })
    }
    fn text(&mut self) -> Option<String> {
        let len = self.size()?;
        let end = self.pos.checked_add(len)?;
        let bytes = self.buf.get(self.pos..end)?;
        self.pos = end;
        String::from_utf8(bytes.to_vec()).ok()
    }
    fn opt_text(&mut self) -> Option<Option<String>> {
        Some(if self.flag()? {
            Some(self.text()?)
        } else {
            None
        })
    }
    fn choice<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.size()?).copied()
    }
    fn span(&mut self) -> Option<Span> {
        let (start, end) = (self.size()?, self.size()?);
        let cut = self.varint()?;
        (cut <= 3).then_some(Span {
            doc: self.doc,
            start,
            end,
            cut_start: cut & 1 != 0,
            cut_end: cut & 2 != 0,
        })
    }
    fn date(&mut self) -> Option<Date> {
        let year = i64::try_from(self.varint()?).ok()? - (1 << 31);
        Some(Date {
            year: i32::try_from(year).ok()?,
            month: u8::try_from(self.varint()?).ok()?,
            day: u8::try_from(self.varint()?).ok()?,
        })
    }
    fn opt_date(&mut self) -> Option<Option<Date>> {
        Some(if self.flag()? {
            Some(self.date()?)
        } else {
            None
        })
    }
    fn dated(&mut self) -> Option<Dated> {
        let written = self.date()?;
        let style = if self.flag()? {
            Some(self.choice(&STYLES)?)
        } else {
            None
        };
        Some(Dated {
            written,
            style,
            basis: self.choice(&BASES)?,
            old: self.opt_date()?,
            new: self.opt_date()?,
        })
    }
    fn faction(&mut self) -> Option<Faction> {
        self.choice(&Faction::ALL)
    }
    fn opt_faction(&mut self) -> Option<Option<Faction>> {
        Some(match self.size()? {
            0 => None,
            i => Some(*Faction::ALL.get(i - 1)?),
        })
    }
    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = self.size()?;
        // Each item takes at least one byte: a longer claim is malformed.
        if len > self.buf.len().saturating_sub(self.pos) {
            return None;
        }
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            out.push(each(self)?);
        }
        Some(out)
    }
}

fn write_date_fact(w: &mut W, d: &DateFact) {
    w.dated(&d.date);
    w.span(d.src);
}

fn read_date_fact(r: &mut R) -> Option<DateFact> {
    Some(DateFact {
        date: r.dated()?,
        src: r.span()?,
    })
}

fn write_vote(w: &mut W, v: &Vote) {
    w.text(&v.motion);
    match v.body {
        VotingBody::Plenary => w.varint(0),
        VotingBody::Questionnaire => w.varint(1),
        VotingBody::Caucus(f) => {
            w.varint(2);
            w.faction(f);
        }
    }
    w.opt_count(v.for_);
    w.opt_count(v.against);
    w.opt_count(v.abstained);
    w.flag(v.unanimous);
    w.flag(v.majority);
    w.varint(
        v.outcome
            .map_or(0, |o| if o == OUTCOMES[0] { 1 } else { 2 }),
    );
    w.flag(v.date.is_some());
    if let Some(d) = &v.date {
        w.dated(d);
    }
    w.span(v.src);
}

fn read_vote(r: &mut R) -> Option<Vote> {
    let motion = r.text()?;
    let body = match r.varint()? {
        0 => VotingBody::Plenary,
        1 => VotingBody::Questionnaire,
        2 => VotingBody::Caucus(r.faction()?),
        _ => return None,
    };
    Some(Vote {
        motion,
        body,
        for_: r.opt_count()?,
        against: r.opt_count()?,
        abstained: r.opt_count()?,
        unanimous: r.flag()?,
        majority: r.flag()?,
        outcome: match r.size()? {
            0 => None,
            i => Some(*OUTCOMES.get(i - 1)?),
        },
        date: if r.flag()? { Some(r.dated()?) } else { None },
        src: r.span()?,
    })
}

fn write_event(w: &mut W, e: &EventFacts) {
    w.text(&e.id);
    w.text(&e.name);
    w.choice(&EVENT_KINDS, &e.kind);
    w.opt_count(e.ordinal);
    w.span(e.named_at);
    w.list(&e.starts, write_date_fact);
    w.list(&e.ends, write_date_fact);
    w.list(&e.dates, write_date_fact);
    w.opt_text(e.place.as_deref());
    w.list(&e.delegates, |w, d| {
        w.choice(&DELEGATE_KINDS, &d.kind);
        w.varint(u64::from(d.count));
        w.flag(d.approximate);
        w.span(d.src);
    });
    w.list(&e.represented, |w, r| {
        w.varint(u64::from(r.count));
        w.text(&r.unit);
        w.flag(r.soviets);
        w.opt_count(r.deputies);
        w.flag(r.approximate);
        w.flag(r.itemised);
        w.span(r.src);
    });
    w.list(&e.factions, |w, f| {
        w.faction(f.faction);
        w.varint(u64::from(f.count));
        w.flag(f.approximate);
        w.choice(&STAGES, &f.stage);
        w.opt_faction(f.part_of);
        w.choice(&DELEGATE_KINDS, &f.base);
        w.list(&f.subcounts, |w, s| {
            w.varint(u64::from(s.count));
            w.text(&s.what);
            w.flag(s.approximate);
        });
        w.span(f.src);
    });
    w.list(&e.bodies, |w, b| {
        w.choice(&BODY_KINDS, &b.kind);
        w.opt_count(b.members);
        w.opt_count(b.alternates);
        w.list(&b.factions, |w, m| {
            w.faction(m.faction);
            w.varint(u64::from(m.count));
            w.flag(m.approximate);
        });
        w.opt_faction(b.solely);
        w.span(b.src);
    });
    w.list(&e.votes, write_vote);
}

fn read_event(r: &mut R) -> Option<EventFacts> {
    Some(EventFacts {
        id: r.text()?,
        name: r.text()?,
        kind: r.choice(&EVENT_KINDS)?,
        ordinal: r.opt_count()?,
        named_at: r.span()?,
        starts: r.list(read_date_fact)?,
        ends: r.list(read_date_fact)?,
        dates: r.list(read_date_fact)?,
        place: r.opt_text()?,
        delegates: r.list(|r| {
            Some(DelegateCount {
                kind: r.choice(&DELEGATE_KINDS)?,
                count: r.count()?,
                approximate: r.flag()?,
                src: r.span()?,
            })
        })?,
        represented: r.list(|r| {
            Some(Represented {
                count: r.count()?,
                unit: r.text()?,
                soviets: r.flag()?,
                deputies: r.opt_count()?,
                approximate: r.flag()?,
                itemised: r.flag()?,
                src: r.span()?,
            })
        })?,
        factions: r.list(|r| {
            Some(FactionCount {
                faction: r.faction()?,
                count: r.count()?,
                approximate: r.flag()?,
                stage: r.choice(&STAGES)?,
                part_of: r.opt_faction()?,
                base: r.choice(&DELEGATE_KINDS)?,
                subcounts: r.list(|r| {
                    Some(SubCount {
                        count: r.count()?,
                        what: r.text()?,
                        approximate: r.flag()?,
                    })
                })?,
                src: r.span()?,
            })
        })?,
        bodies: r.list(|r| {
            Some(Body {
                kind: r.choice(&BODY_KINDS)?,
                members: r.opt_count()?,
                alternates: r.opt_count()?,
                factions: r.list(|r| {
                    Some(Member {
                        faction: r.faction()?,
                        count: r.count()?,
                        approximate: r.flag()?,
                    })
                })?,
                solely: r.opt_faction()?,
                src: r.span()?,
            })
        })?,
        votes: r.list(read_vote)?,
    })
}

/// The bytes of `x`.
pub fn encode(x: &Extraction) -> Vec<u8> {
    write(x, None).0
}

/// The byte range of every span in `x` (every fact's and warning's), in
/// the order they are written, repeats included.
pub fn spans(x: &Extraction) -> Vec<(usize, usize)> {
    write(x, Some(Vec::new())).1.unwrap_or_default()
}

fn write(x: &Extraction, spans: Option<Vec<(usize, usize)>>) -> W {
    let mut w = W(Vec::new(), spans);
    w.opt_text(x.meta.title.as_deref());
    w.opt_text(x.meta.origin.as_deref());
    w.list(&x.events, write_event);
    w.list(&x.warnings, |w, warning| {
        w.choice(&LEVELS, &warning.level);
        w.text(&warning.message);
        w.flag(warning.src.is_some());
        if let Some(s) = warning.src {
            w.span(s);
        }
    });
    w
}

/// The extraction `bytes` hold, its spans in document `doc`; `None` if the
/// bytes are not a whole extraction.
pub fn decode(bytes: &[u8], doc: DocId) -> Option<Extraction> {
    let mut r = R {
        buf: bytes,
        pos: 0,
        doc,
    };
    let meta = DocMeta {
        title: r.opt_text()?,
        origin: r.opt_text()?,
    };
    let events = r.list(read_event)?;
    let warnings = r.list(|r| {
        Some(Warning {
            level: r.choice(&LEVELS)?,
            message: r.text()?,
            src: if r.flag()? { Some(r.span()?) } else { None },
        })
    })?;
    (r.pos == bytes.len()).then_some(Extraction {
        meta,
        events,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_and_other_texts_round_trip() {
        let mut texts: Vec<&str> = crate::seeds::SEEDS.iter().map(|(_, t)| *t).collect();
        texts.push("The Fifth All-Russian Congress of Soviets opened on July 4, 1918. It was attended by 1,164 delegates: 773 Bolsheviks and 353 Left SRs. The SR caucus voted 40 to 3 against.");
        texts.push("<img src=x onerror=alert(1)> nothing to see");
        texts.push("");
        for (i, text) in texts.iter().enumerate() {
            let x = crate::parse(text, DocId(7));
            let bytes = encode(&x);
            assert_eq!(decode(&bytes, DocId(7)).as_ref(), Some(&x), "text {i}");
            let moved = decode(&bytes, DocId(2)).expect("decodes");
            assert!(moved.events.iter().all(|e| e.named_at.doc == DocId(2)));
        }
    }

    #[test]
    fn malformed_bytes_give_none() {
        let x = crate::parse(crate::seeds::SEEDS[3].1, crate::DocId(0));
        let bytes = encode(&x);
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut], DocId(0)), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer, DocId(0)), None);
        assert_eq!(decode(&[0xff; 40], DocId(0)), None);
        // Any single corrupted byte decodes to something or to None, never a panic.
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0xa5;
            let _ = decode(&bad, DocId(0));
        }
        assert_eq!(
            decode(&[0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f], DocId(0)),
            None
        );
    }
}
