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
    Body, BodyKind, DateFact, DelegateCount, DelegateKind, DocMeta, EventFacts, EventKind,
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

/// The bytes being written.
struct W(Vec<u8>);

impl W {
    fn n(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn b(&mut self, v: bool) {
        self.n(u64::from(v));
    }
    /// An optional number: 0 for none, else the number plus one.
    fn on(&mut self, v: Option<u32>) {
        self.n(v.map_or(0, |v| u64::from(v) + 1));
    }
    fn s(&mut self, v: &str) {
        self.n(v.len() as u64);
        self.0.extend_from_slice(v.as_bytes());
    }
    fn os(&mut self, v: Option<&str>) {
        self.b(v.is_some());
        if let Some(v) = v {
            self.s(v);
        }
    }
    fn e<T: PartialEq>(&mut self, all: &[T], v: &T) {
        self.n(all.iter().position(|x| x == v).unwrap_or(0) as u64);
    }
    fn span(&mut self, s: Span) {
        self.n(s.start as u64);
        self.n(s.end as u64);
        self.n(u64::from(s.cut_start) | u64::from(s.cut_end) << 1);
    }
    fn date(&mut self, d: Date) {
        // Years are small positive numbers in practice; offset keeps any i32.
        self.n((i64::from(d.year) + (1 << 31)) as u64);
        self.n(u64::from(d.month));
        self.n(u64::from(d.day));
    }
    fn od(&mut self, d: Option<Date>) {
        self.b(d.is_some());
        if let Some(d) = d {
            self.date(d);
        }
    }
    fn dated(&mut self, d: &Dated) {
        self.date(d.written);
        self.b(d.style.is_some());
        if let Some(s) = d.style {
            self.e(&STYLES, &s);
        }
        self.e(&BASES, &d.basis);
        self.od(d.old);
        self.od(d.new);
    }
    fn faction(&mut self, f: Faction) {
        self.e(&Faction::ALL, &f);
    }
    /// 0 for none, else 1 + the position in [`Faction::ALL`], as `R::of`
    /// reads it.
    fn of(&mut self, f: Option<Faction>) {
        let at = |f| {
            Faction::ALL
                .iter()
                .position(|x| *x == f)
                .map_or(0, |i| i as u64 + 1)
        };
        self.n(f.map_or(0, at));
    }
    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut W, &T)) {
        self.n(items.len() as u64);
        for item in items {
            each(self, item);
        }
    }
}

/// The bytes being read; every read is `None` past the end or on a bad value.
struct R<'a> {
    buf: &'a [u8],
    pos: usize,
    doc: usize,
}

impl R<'_> {
    fn n(&mut self) -> Option<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.buf.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn u(&mut self) -> Option<u32> {
        u32::try_from(self.n()?).ok()
    }
    fn z(&mut self) -> Option<usize> {
        usize::try_from(self.n()?).ok()
    }
    fn b(&mut self) -> Option<bool> {
        match self.n()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn on(&mut self) -> Option<Option<u32>> {
        Some(match self.n()? {
            0 => None,
            v => Some(u32::try_from(v - 1).ok()?),
        })
    }
    fn s(&mut self) -> Option<String> {
        let len = self.z()?;
        let end = self.pos.checked_add(len)?;
        let bytes = self.buf.get(self.pos..end)?;
        self.pos = end;
        String::from_utf8(bytes.to_vec()).ok()
    }
    fn os(&mut self) -> Option<Option<String>> {
        Some(if self.b()? { Some(self.s()?) } else { None })
    }
    fn e<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.z()?).copied()
    }
    fn span(&mut self) -> Option<Span> {
        let (start, end) = (self.z()?, self.z()?);
        let cut = self.n()?;
        (cut <= 3).then_some(Span {
            doc: self.doc,
            start,
            end,
            cut_start: cut & 1 != 0,
            cut_end: cut & 2 != 0,
        })
    }
    fn date(&mut self) -> Option<Date> {
        let year = i64::try_from(self.n()?).ok()? - (1 << 31);
        Some(Date {
            year: i32::try_from(year).ok()?,
            month: u8::try_from(self.n()?).ok()?,
            day: u8::try_from(self.n()?).ok()?,
        })
    }
    fn od(&mut self) -> Option<Option<Date>> {
        Some(if self.b()? { Some(self.date()?) } else { None })
    }
    fn dated(&mut self) -> Option<Dated> {
        let written = self.date()?;
        let style = if self.b()? {
            Some(self.e(&STYLES)?)
        } else {
            None
        };
        Some(Dated {
            written,
            style,
            basis: self.e(&BASES)?,
            old: self.od()?,
            new: self.od()?,
        })
    }
    fn faction(&mut self) -> Option<Faction> {
        self.e(&Faction::ALL)
    }
    fn of(&mut self) -> Option<Option<Faction>> {
        Some(match self.z()? {
            0 => None,
            i => Some(*Faction::ALL.get(i - 1)?),
        })
    }
    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = self.z()?;
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
    w.s(&v.motion);
    match v.body {
        VotingBody::Plenary => w.n(0),
        VotingBody::Questionnaire => w.n(1),
        VotingBody::Caucus(f) => {
            w.n(2);
            w.faction(f);
        }
    }
    w.on(v.for_);
    w.on(v.against);
    w.on(v.abstained);
    w.b(v.unanimous);
    w.b(v.majority);
    w.n(v
        .outcome
        .map_or(0, |o| if o == OUTCOMES[0] { 1 } else { 2 }));
    w.b(v.date.is_some());
    if let Some(d) = &v.date {
        w.dated(d);
    }
    w.span(v.src);
}

fn read_vote(r: &mut R) -> Option<Vote> {
    let motion = r.s()?;
    let body = match r.n()? {
        0 => VotingBody::Plenary,
        1 => VotingBody::Questionnaire,
        2 => VotingBody::Caucus(r.faction()?),
        _ => return None,
    };
    Some(Vote {
        motion,
        body,
        for_: r.on()?,
        against: r.on()?,
        abstained: r.on()?,
        unanimous: r.b()?,
        majority: r.b()?,
        outcome: match r.z()? {
            0 => None,
            i => Some(*OUTCOMES.get(i - 1)?),
        },
        date: if r.b()? { Some(r.dated()?) } else { None },
        src: r.span()?,
    })
}

fn write_event(w: &mut W, e: &EventFacts) {
    w.s(&e.id);
    w.s(&e.name);
    w.e(&EVENT_KINDS, &e.kind);
    w.on(e.ordinal);
    w.span(e.named_at);
    w.list(&e.starts, write_date_fact);
    w.list(&e.ends, write_date_fact);
    w.list(&e.dates, write_date_fact);
    w.os(e.place.as_deref());
    w.list(&e.delegates, |w, d| {
        w.e(&DELEGATE_KINDS, &d.kind);
        w.n(u64::from(d.count));
        w.b(d.approximate);
        w.span(d.src);
    });
    w.list(&e.represented, |w, r| {
        w.n(u64::from(r.count));
        w.s(&r.unit);
        w.b(r.soviets);
        w.on(r.deputies);
        w.b(r.approximate);
        w.b(r.itemised);
        w.span(r.src);
    });
    w.list(&e.factions, |w, f| {
        w.faction(f.faction);
        w.n(u64::from(f.count));
        w.b(f.approximate);
        w.e(&STAGES, &f.stage);
        w.of(f.part_of);
        w.e(&DELEGATE_KINDS, &f.base);
        w.list(&f.subcounts, |w, s| {
            w.n(u64::from(s.count));
            w.s(&s.what);
            w.b(s.approximate);
        });
        w.span(f.src);
    });
    w.list(&e.bodies, |w, b| {
        w.e(&BODY_KINDS, &b.kind);
        w.on(b.members);
        w.on(b.alternates);
        w.list(&b.factions, |w, m| {
            w.faction(m.faction);
            w.n(u64::from(m.count));
            w.b(m.approximate);
        });
        w.of(b.solely);
        w.span(b.src);
    });
    w.list(&e.votes, write_vote);
}

fn read_event(r: &mut R) -> Option<EventFacts> {
    Some(EventFacts {
        id: r.s()?,
        name: r.s()?,
        kind: r.e(&EVENT_KINDS)?,
        ordinal: r.on()?,
        named_at: r.span()?,
        starts: r.list(read_date_fact)?,
        ends: r.list(read_date_fact)?,
        dates: r.list(read_date_fact)?,
        place: r.os()?,
        delegates: r.list(|r| {
            Some(DelegateCount {
                kind: r.e(&DELEGATE_KINDS)?,
                count: r.u()?,
                approximate: r.b()?,
                src: r.span()?,
            })
        })?,
        represented: r.list(|r| {
            Some(Represented {
                count: r.u()?,
                unit: r.s()?,
                soviets: r.b()?,
                deputies: r.on()?,
                approximate: r.b()?,
                itemised: r.b()?,
                src: r.span()?,
            })
        })?,
        factions: r.list(|r| {
            Some(FactionCount {
                faction: r.faction()?,
                count: r.u()?,
                approximate: r.b()?,
                stage: r.e(&STAGES)?,
                part_of: r.of()?,
                base: r.e(&DELEGATE_KINDS)?,
                subcounts: r.list(|r| {
                    Some(SubCount {
                        count: r.u()?,
                        what: r.s()?,
                        approximate: r.b()?,
                    })
                })?,
                src: r.span()?,
            })
        })?,
        bodies: r.list(|r| {
            Some(Body {
                kind: r.e(&BODY_KINDS)?,
                members: r.on()?,
                alternates: r.on()?,
                factions: r.list(|r| {
                    Some(Member {
                        faction: r.faction()?,
                        count: r.u()?,
                        approximate: r.b()?,
                    })
                })?,
                solely: r.of()?,
                src: r.span()?,
            })
        })?,
        votes: r.list(read_vote)?,
    })
}

/// The bytes of `x`.
pub fn encode(x: &Extraction) -> Vec<u8> {
    let mut w = W(Vec::new());
    w.os(x.meta.title.as_deref());
    w.os(x.meta.origin.as_deref());
    w.list(&x.events, write_event);
    w.list(&x.warnings, |w, warning| {
        w.e(&LEVELS, &warning.level);
        w.s(&warning.message);
        w.b(warning.src.is_some());
        if let Some(s) = warning.src {
            w.span(s);
        }
    });
    w.0
}

/// The extraction `bytes` hold, its spans in document `doc`; `None` if the
/// bytes are not a whole extraction.
pub fn decode(bytes: &[u8], doc: usize) -> Option<Extraction> {
    let mut r = R {
        buf: bytes,
        pos: 0,
        doc,
    };
    let meta = DocMeta {
        title: r.os()?,
        origin: r.os()?,
    };
    let events = r.list(read_event)?;
    let warnings = r.list(|r| {
        Some(Warning {
            level: r.e(&LEVELS)?,
            message: r.s()?,
            src: if r.b()? { Some(r.span()?) } else { None },
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
            let x = crate::parse(text, 7);
            let bytes = encode(&x);
            assert_eq!(decode(&bytes, 7).as_ref(), Some(&x), "text {i}");
            let moved = decode(&bytes, 2).expect("decodes");
            assert!(moved.events.iter().all(|e| e.named_at.doc == 2));
        }
    }

    #[test]
    fn malformed_bytes_give_none() {
        let x = crate::parse(crate::seeds::SEEDS[3].1, 0);
        let bytes = encode(&x);
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut], 0), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer, 0), None);
        assert_eq!(decode(&[0xff; 40], 0), None);
        // Any single corrupted byte decodes to something or to None, never a panic.
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0xa5;
            let _ = decode(&bad, 0);
        }
        assert_eq!(decode(&[0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f], 0), None);
    }
}
