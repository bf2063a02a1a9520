//! The research output: the `extract` JSON schema and its CSV form.
//!
//! The same structures and the same JSON writer ([`crate::json`]) serve the
//! command line and the page, so both speak one schema. Every fact carries
//! its `quote` and byte range; what a text does not say is `null`.

use crate::calendar::{Basis, Date, Dated, Style};
use crate::corpus::{Check, Conflict, Corpus, Doc};
use crate::format::Join;
use crate::json::Json;
use crate::model::{Body, BodyKind, EventFacts, Level, Span, Stage, Vote, Warning};
use crate::model::{DocId, EventKind, Outcome};

/// A date as reported: what was written, its style and both calendars.
#[derive(Debug)]
pub struct DateOut {
    pub written: Option<Date>,
    /// "old", "new", or null when the text does not say.
    pub style: Option<Style>,
    pub basis: Basis,
    pub old_style: Option<Date>,
    pub new_style: Option<Date>,
    pub quote: String,
}

impl DateOut {
    fn new(d: &Dated, quote: String) -> DateOut {
        DateOut {
            written: Some(d.written),
            style: d.style,
            basis: d.basis,
            old_style: d.old,
            new_style: d.new,
            quote,
        }
    }
}

/// Where a fact came from.
#[derive(Debug)]
pub struct At {
    pub start: usize,
    pub end: usize,
}

impl From<Span> for At {
    fn from(s: Span) -> At {
        At {
            start: s.start,
            end: s.end,
        }
    }
}

#[derive(Debug)]
pub struct DelegateOut {
    pub kind: &'static str,
    pub count: u32,
    pub approximate: bool,
    pub quote: String,
    pub at: At,
}

#[derive(Debug)]
pub struct RepresentedOut {
    pub count: u32,
    pub unit: String,
    pub soviets: bool,
    pub deputies: Option<u32>,
    pub approximate: bool,
    pub itemised: bool,
    pub quote: String,
    pub at: At,
}

#[derive(Debug)]
pub struct SubCountOut {
    pub count: u32,
    pub what: String,
    pub approximate: bool,
}

#[derive(Debug)]
pub struct FactionOut {
    pub name: &'static str,
    pub id: &'static str,
    pub count: u32,
    pub approximate: bool,
    /// "opening" or "later" (a change during the event).
    pub stage: Stage,
    /// The faction whose count this one is a part of.
    pub part_of: Option<&'static str>,
    /// Which delegates the breakdown counts: "total" or "full vote".
    pub of: &'static str,
    pub subcounts: Vec<SubCountOut>,
    pub quote: String,
    pub at: At,
}

#[derive(Debug)]
pub struct MemberOut {
    pub name: &'static str,
    pub count: u32,
}

#[derive(Debug)]
pub struct BodyOut {
    pub members: Option<u32>,
    pub alternates: Option<u32>,
    pub factions: Vec<MemberOut>,
    pub solely: Option<&'static str>,
    pub quote: String,
    pub at: At,
}

#[derive(Debug)]
pub struct VoteOut {
    pub motion: String,
    /// "plenary", "questionnaire", or `"caucus of <faction>"`.
    pub body: String,
    pub for_: Option<u32>,
    pub against: Option<u32>,
    pub abstained: Option<u32>,
    pub unanimous: bool,
    pub majority: bool,
    pub outcome: Option<Outcome>,
    pub date: Option<DateOut>,
    pub quote: String,
    pub at: At,
}

#[derive(Debug)]
pub struct EventOut {
    pub id: String,
    pub name: String,
    pub kind: EventKind,
    pub ordinal: Option<u32>,
    pub start: Option<DateOut>,
    pub end: Option<DateOut>,
    pub dates: Vec<DateOut>,
    pub delegates: Vec<DelegateOut>,
    pub represented: Vec<RepresentedOut>,
    pub factions: Vec<FactionOut>,
    pub central_executive_committee: Option<BodyOut>,
    pub presidium: Option<BodyOut>,
    pub council_of_peoples_commissars: Option<BodyOut>,
    pub votes: Vec<VoteOut>,
}

#[derive(Debug)]
pub struct WarningOut {
    pub level: Level,
    pub message: String,
    pub quote: Option<String>,
}

#[derive(Debug)]
pub struct DocumentOut {
    pub source: String,
    pub title: Option<String>,
    pub origin: Option<String>,
    pub events: Vec<EventOut>,
    pub warnings: Vec<WarningOut>,
}

/// The whole `extract` output.
#[derive(Debug)]
pub struct Report {
    pub documents: Vec<DocumentOut>,
    /// Facts on which sources (or sentences) disagree; each value's
    /// document is numbered by its place in `documents`.
    pub conflicts: Vec<Conflict>,
    /// Arithmetic checks per event.
    pub checks: Vec<Check>,
}

/// Text of a vote's voting body.
fn body_out(b: &Body, text: &str) -> BodyOut {
    BodyOut {
        members: b.members,
        alternates: b.alternates,
        factions: b
            .factions
            .iter()
            .map(|m| MemberOut {
                name: m.faction.name(),
                count: m.count,
            })
            .collect(),
        solely: b.solely.map(|f| f.name()),
        quote: b.src.cited(text),
        at: b.src.into(),
    }
}

fn vote_out(v: &Vote, text: &str) -> VoteOut {
    let quote = v.src.cited(text);
    VoteOut {
        motion: v.motion.clone(),
        body: v.body.label(),
        for_: v.for_,
        against: v.against,
        abstained: v.abstained,
        unanimous: v.unanimous,
        majority: v.majority,
        outcome: v.outcome,
        date: v.date.as_ref().map(|d| DateOut::new(d, quote.clone())),
        quote,
        at: v.src.into(),
    }
}

fn event_out(e: &EventFacts, text: &str) -> EventOut {
    let q = |s: Span| s.cited(text);
    let body = |k: BodyKind| {
        // Several sentences about one body: the fullest one is reported.
        e.bodies
            .iter()
            .filter(|b| b.kind == k)
            .max_by_key(|b| b.factions.len() + usize::from(b.members.is_some()))
            .map(|b| body_out(b, text))
    };
    EventOut {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        ordinal: e.ordinal,
        start: e.starts.first().map(|d| DateOut::new(&d.date, q(d.src))),
        end: e.ends.first().map(|d| DateOut::new(&d.date, q(d.src))),
        dates: e
            .dates
            .iter()
            .map(|d| DateOut::new(&d.date, q(d.src)))
            .collect(),
        delegates: e
            .delegates
            .iter()
            .map(|d| DelegateOut {
                kind: d.kind.label(),
                count: d.count,
                approximate: d.approximate,
                quote: q(d.src),
                at: d.src.into(),
            })
            .collect(),
        represented: e
            .represented
            .iter()
            .map(|r| RepresentedOut {
                count: r.count,
                unit: r.unit.clone(),
                soviets: r.soviets,
                deputies: r.deputies,
                approximate: r.approximate,
                itemised: r.itemised,
                quote: q(r.src),
                at: r.src.into(),
            })
            .collect(),
        factions: e
            .factions
            .iter()
            .map(|f| FactionOut {
                name: f.faction.name(),
                id: f.faction.id(),
                count: f.count,
                approximate: f.approximate,
                stage: f.stage,
                part_of: f.part_of.map(|p| p.name()),
                of: f.base.label(),
                subcounts: f
                    .subcounts
                    .iter()
                    .map(|s| SubCountOut {
                        count: s.count,
                        what: s.what.clone(),
                        approximate: s.approximate,
                    })
                    .collect(),
                quote: q(f.src),
                at: f.src.into(),
            })
            .collect(),
        central_executive_committee: body(BodyKind::CentralExecutiveCommittee),
        presidium: body(BodyKind::Presidium),
        council_of_peoples_commissars: body(BodyKind::CouncilOfPeoplesCommissars),
        votes: e.votes.iter().map(|v| vote_out(v, text)).collect(),
    }
}

/// The report entry for one document.
pub fn document(doc: &Doc) -> DocumentOut {
    let text = doc.text.as_str();
    DocumentOut {
        source: doc.name.clone(),
        title: doc.extraction.meta.title.clone(),
        origin: doc.extraction.meta.origin.clone(),
        events: doc
            .extraction
            .events
            .iter()
            .map(|e| event_out(e, text))
            .collect(),
        warnings: doc
            .extraction
            .warnings
            .iter()
            .map(|w| warning_out(w, text))
            .collect(),
    }
}

/// The whole report for a corpus.
pub fn report(corpus: &Corpus) -> Report {
    Report {
        documents: corpus.documents().iter().map(document).collect(),
        conflicts: corpus
            .conflicts()
            .iter()
            .map(|c| {
                let mut c = c.clone();
                for v in &mut c.values {
                    v.doc = DocId(place_of(corpus, v.doc) as u32);
                }
                c
            })
            .collect(),
        checks: corpus.checks().to_vec(),
    }
}

/// Column names of the CSV form.
pub const CSV_HEADER: [&str; 13] = [
    "source",
    "event_id",
    "event",
    "fact",
    "subject",
    "count",
    "approximate",
    "for",
    "against",
    "abstained",
    "unanimous",
    "detail",
    "quote",
];

/// One fact per row: dates, delegate counts, representation, factions,
/// body members and votes, each with its quote.
pub fn csv(report: &Report) -> String {
    let mut out = CSV_HEADER.joined(",");
    out.push('\n');
    for d in &report.documents {
        for e in &d.events {
            csv_event(&d.source, e, &mut out);
        }
    }
    out
}

/// The CSV rows of one event of document `source`.
fn csv_event(source: &str, e: &EventOut, out: &mut String) {
    let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    {
        {
            let mut row = |fact: &str,
                           subject: &str,
                           count: String,
                           approx: bool,
                           votes: [String; 4],
                           detail: String,
                           quote: &str| {
                let cells = [
                    source,
                    e.id.as_str(),
                    e.name.as_str(),
                    fact,
                    subject,
                    &count,
                    if approx { "true" } else { "false" },
                    &votes[0],
                    &votes[1],
                    &votes[2],
                    &votes[3],
                    &detail,
                    quote,
                ];
                for (i, c) in cells.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    crate::csv::field(out, c);
                }
                out.push('\n');
            };
            let none = || [String::new(), String::new(), String::new(), String::new()];
            let date_detail = |d: &DateOut| {
                let f = |x: &Option<Date>| x.map(|d| d.to_string()).unwrap_or_default();
                format!(
                    "written {}; old style {}; new style {}",
                    f(&d.written),
                    f(&d.old_style),
                    f(&d.new_style)
                )
            };
            for (fact, date) in [("start", &e.start), ("end", &e.end)] {
                if let Some(date) = date {
                    row(
                        fact,
                        "",
                        String::new(),
                        false,
                        none(),
                        date_detail(date),
                        &date.quote,
                    );
                }
            }
            for x in &e.dates {
                row(
                    "date",
                    "",
                    String::new(),
                    false,
                    none(),
                    date_detail(x),
                    &x.quote,
                );
            }
            for x in &e.delegates {
                row(
                    "delegates",
                    x.kind,
                    x.count.to_string(),
                    x.approximate,
                    none(),
                    String::new(),
                    &x.quote,
                );
            }
            for x in &e.represented {
                row(
                    "represented",
                    &x.unit,
                    x.count.to_string(),
                    x.approximate,
                    none(),
                    opt(x.deputies).to_string()
                        + if x.deputies.is_some() {
                            " deputies"
                        } else {
                            ""
                        },
                    &x.quote,
                );
            }
            for x in &e.factions {
                let parts: Vec<String> = x
                    .subcounts
                    .iter()
                    .map(|s| format!("{} {}", s.count, s.what))
                    .collect();
                let mut detail = format!("{} stage; of {}", x.stage.as_str(), x.of);
                if let Some(p) = x.part_of {
                    detail.push_str(&format!("; part of {p}"));
                }
                if !parts.is_empty() {
                    detail.push_str(&format!("; of whom {}", parts.joined(", ")));
                }
                row(
                    "faction",
                    x.name,
                    x.count.to_string(),
                    x.approximate,
                    none(),
                    detail,
                    &x.quote,
                );
            }
            for (name, body) in [
                (
                    "central executive committee",
                    &e.central_executive_committee,
                ),
                ("presidium", &e.presidium),
                (
                    "council of people's commissars",
                    &e.council_of_peoples_commissars,
                ),
            ] {
                let Some(b) = body else { continue };
                if let Some(m) = b.members {
                    row(
                        "body members",
                        name,
                        m.to_string(),
                        false,
                        none(),
                        opt(b.alternates).to_string()
                            + if b.alternates.is_some() {
                                " alternates"
                            } else {
                                ""
                            },
                        &b.quote,
                    );
                }
                for m in &b.factions {
                    row(
                        "body faction",
                        m.name,
                        m.count.to_string(),
                        false,
                        none(),
                        name.to_string(),
                        &b.quote,
                    );
                }
            }
            for v in &e.votes {
                let votes = [
                    opt(v.for_),
                    opt(v.against),
                    opt(v.abstained),
                    v.unanimous.to_string(),
                ];
                row(
                    "vote",
                    &v.motion,
                    String::new(),
                    false,
                    votes,
                    v.body.clone(),
                    &v.quote,
                );
            }
        }
    }
}

fn date_or_null(j: &mut Json, key: &str, d: Option<Date>) {
    let s = d.map(|d| d.to_string());
    j.str(Some(key), s.as_deref());
}

fn count(n: Option<u32>) -> Option<i64> {
    n.map(i64::from)
}

fn at(j: &mut Json, at: &At) {
    j.begin_object(Some("at"))
        .num(Some("start"), Some(at.start as i64))
        .num(Some("end"), Some(at.end as i64))
        .end_object();
}

impl DateOut {
    fn write(&self, j: &mut Json, key: Option<&str>) {
        j.begin_object(key);
        date_or_null(j, "written", self.written);
        j.str(Some("style"), self.style.map(Style::as_str))
            .str(Some("basis"), Some(self.basis.as_str()));
        date_or_null(j, "old_style", self.old_style);
        date_or_null(j, "new_style", self.new_style);
        j.str(Some("quote"), Some(&self.quote)).end_object();
    }
}

fn date_field(j: &mut Json, key: &str, d: &Option<DateOut>) {
    match d {
        Some(d) => d.write(j, Some(key)),
        None => {
            j.null(Some(key));
        }
    }
}

impl BodyOut {
    fn write(&self, j: &mut Json, key: &str) {
        j.begin_object(Some(key))
            .num(Some("members"), count(self.members))
            .num(Some("alternates"), count(self.alternates))
            .begin_array(Some("factions"));
        for m in &self.factions {
            j.begin_object(None)
                .str(Some("name"), Some(m.name))
                .num(Some("count"), Some(i64::from(m.count)))
                .end_object();
        }
        j.end_array()
            .str(Some("solely"), self.solely)
            .str(Some("quote"), Some(&self.quote));
        at(j, &self.at);
        j.end_object();
    }
}

impl EventOut {
    fn write(&self, j: &mut Json) {
        j.begin_object(None)
            .str(Some("id"), Some(&self.id))
            .str(Some("name"), Some(&self.name))
            .str(Some("kind"), Some(self.kind.as_str()))
            .num(Some("ordinal"), count(self.ordinal));
        date_field(j, "start", &self.start);
        date_field(j, "end", &self.end);
        j.begin_array(Some("dates"));
        for d in &self.dates {
            d.write(j, None);
        }
        j.end_array().begin_array(Some("delegates"));
        for d in &self.delegates {
            j.begin_object(None)
                .str(Some("kind"), Some(d.kind))
                .num(Some("count"), Some(i64::from(d.count)))
                .bool(Some("approximate"), d.approximate)
                .str(Some("quote"), Some(&d.quote));
            at(j, &d.at);
            j.end_object();
        }
        j.end_array().begin_array(Some("represented"));
        for r in &self.represented {
            j.begin_object(None)
                .num(Some("count"), Some(i64::from(r.count)))
                .str(Some("unit"), Some(&r.unit))
                .bool(Some("soviets"), r.soviets)
                .num(Some("deputies"), count(r.deputies))
                .bool(Some("approximate"), r.approximate)
                .bool(Some("itemised"), r.itemised)
                .str(Some("quote"), Some(&r.quote));
            at(j, &r.at);
            j.end_object();
        }
        j.end_array().begin_array(Some("factions"));
        for f in &self.factions {
            j.begin_object(None)
                .str(Some("name"), Some(f.name))
                .str(Some("id"), Some(f.id))
                .num(Some("count"), Some(i64::from(f.count)))
                .bool(Some("approximate"), f.approximate)
                .str(Some("stage"), Some(f.stage.as_str()))
                .str(Some("part_of"), f.part_of)
                .str(Some("of"), Some(f.of))
                .begin_array(Some("subcounts"));
            for sc in &f.subcounts {
                j.begin_object(None)
                    .num(Some("count"), Some(i64::from(sc.count)))
                    .str(Some("what"), Some(&sc.what))
                    .bool(Some("approximate"), sc.approximate)
                    .end_object();
            }
            j.end_array().str(Some("quote"), Some(&f.quote));
            at(j, &f.at);
            j.end_object();
        }
        j.end_array();
        for (key, body) in [
            (
                "central_executive_committee",
                &self.central_executive_committee,
            ),
            ("presidium", &self.presidium),
            (
                "council_of_peoples_commissars",
                &self.council_of_peoples_commissars,
            ),
        ] {
            match body {
                Some(b) => b.write(j, key),
                None => {
                    j.null(Some(key));
                }
            }
        }
        j.begin_array(Some("votes"));
        for v in &self.votes {
            j.begin_object(None)
                .str(Some("motion"), Some(&v.motion))
                .str(Some("body"), Some(&v.body))
                .num(Some("for"), count(v.for_))
                .num(Some("against"), count(v.against))
                .num(Some("abstained"), count(v.abstained))
                .bool(Some("unanimous"), v.unanimous)
                .bool(Some("majority"), v.majority)
                .str(Some("outcome"), v.outcome.map(Outcome::as_str));
            date_field(j, "date", &v.date);
            j.str(Some("quote"), Some(&v.quote));
            at(j, &v.at);
            j.end_object();
        }
        j.end_array().end_object();
    }
}

impl DocumentOut {
    fn write(&self, j: &mut Json) {
        self.write_head(j);
        for e in &self.events {
            e.write(j);
        }
        j.end_array().begin_array(Some("warnings"));
        for w in &self.warnings {
            w.write(j);
        }
        j.end_array().end_object();
    }

    /// The document's object up to its open `events` array.
    fn write_head(&self, j: &mut Json) {
        j.begin_object(None)
            .str(Some("source"), Some(&self.source))
            .str(Some("title"), self.title.as_deref())
            .str(Some("origin"), self.origin.as_deref())
            .begin_array(Some("events"));
    }
}

impl WarningOut {
    fn write(&self, j: &mut Json) {
        j.begin_object(None)
            .str(Some("level"), Some(self.level.as_str()))
            .str(Some("message"), Some(&self.message))
            .str(Some("quote"), self.quote.as_deref())
            .end_object();
    }
}

fn warning_out(w: &Warning, text: &str) -> WarningOut {
    WarningOut {
        level: w.level,
        message: w.message.clone(),
        quote: w.src.map(|s| s.cited(text)),
    }
}

/// Writes the whole `extract` output as JSON to `w` as it is produced, one
/// fact list (event, warning, conflict, check) at a time, so memory does not
/// grow with the output: the same bytes as [`json`] of [`report`].
pub fn write_json(
    corpus: &Corpus,
    pretty: bool,
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut j = Json::new(pretty);
    j.begin_object(None).begin_array(Some("documents"));
    for doc in corpus.documents() {
        let text = doc.text.as_str();
        let x = &doc.extraction;
        DocumentOut {
            source: doc.name.clone(),
            title: x.meta.title.clone(),
            origin: x.meta.origin.clone(),
            events: Vec::new(),
            warnings: Vec::new(),
        }
        .write_head(&mut j);
        for e in &x.events {
            event_out(e, text).write(&mut j);
            w.write_all(j.take().as_bytes())?;
        }
        j.end_array().begin_array(Some("warnings"));
        for warning in &x.warnings {
            warning_out(warning, text).write(&mut j);
            w.write_all(j.take().as_bytes())?;
        }
        j.end_array().end_object();
    }
    j.end_array().begin_array(Some("conflicts"));
    for c in corpus.conflicts() {
        write_conflict(&mut j, c, |id| place_of(corpus, id));
        w.write_all(j.take().as_bytes())?;
    }
    j.end_array().begin_array(Some("checks"));
    for c in corpus.checks() {
        write_check(&mut j, c);
        w.write_all(j.take().as_bytes())?;
    }
    j.end_array().end_object();
    w.write_all(j.finish().as_bytes())?;
    w.write_all(b"\n")
}

/// Writes the CSV form to `w` as it is produced, one event at a time: the
/// same bytes as [`csv`] of [`report`].
pub fn write_csv(corpus: &Corpus, w: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut out = CSV_HEADER.joined(",");
    out.push('\n');
    for doc in corpus.documents() {
        for e in &doc.extraction.events {
            csv_event(&doc.name, &event_out(e, &doc.text), &mut out);
            w.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    w.write_all(out.as_bytes())
}

/// The whole `extract` output as JSON, indented when `pretty`.
pub fn json(report: &Report, pretty: bool) -> String {
    let mut j = Json::new(pretty);
    j.begin_object(None).begin_array(Some("documents"));
    for d in &report.documents {
        d.write(&mut j);
    }
    j.end_array().begin_array(Some("conflicts"));
    for c in &report.conflicts {
        write_conflict(&mut j, c, |id| id.0 as usize);
    }
    j.end_array().begin_array(Some("checks"));
    for c in &report.checks {
        write_check(&mut j, c);
    }
    j.end_array().end_object();
    let mut out = j.finish();
    out.push('\n');
    out
}

/// Where document `id` is in the output's `documents` (its place in the
/// corpus).
fn place_of(corpus: &Corpus, id: DocId) -> usize {
    corpus.position(id).unwrap_or(usize::MAX)
}

/// Writes `c`, numbering each value's document with `place`.
fn write_conflict(j: &mut Json, c: &Conflict, place: impl Fn(DocId) -> usize) {
    j.begin_object(None)
        .str(Some("event"), Some(&c.event))
        .str(Some("event_name"), Some(&c.event_name))
        .str(Some("what"), Some(&c.what))
        .str(Some("faction"), c.faction.map(crate::Faction::id))
        .begin_array(Some("values"));
    for v in &c.values {
        j.begin_object(None)
            .str(Some("value"), Some(&v.value))
            .num(Some("doc"), Some(place(v.doc) as i64))
            .str(Some("source"), Some(&v.source))
            .str(Some("quote"), Some(&v.quote))
            .str(Some("note"), v.note.as_deref())
            .end_object();
    }
    j.end_array().end_object();
}

fn write_check(j: &mut Json, c: &Check) {
    j.begin_object(None)
        .str(Some("event"), Some(&c.event))
        .str(Some("event_name"), Some(&c.event_name))
        .str(Some("what"), Some(&c.what))
        .num(Some("stated"), Some(i64::from(c.stated)))
        .num(Some("computed"), i64::try_from(c.computed).ok())
        .num(Some("remainder"), Some(c.remainder))
        .str(Some("detail"), Some(&c.detail))
        .str(Some("source"), Some(&c.source))
        .str(Some("quote"), Some(&c.quote))
        .end_object();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut s = String::new();
        crate::csv::field(&mut s, "plain");
        s.push('|');
        crate::csv::field(&mut s, "a, \"b\"\nc");
        assert_eq!(s, "plain|\"a, \"\"b\"\"\nc\"");
    }

    #[test]
    fn written_as_produced_is_the_same_bytes() {
        let mut c = Corpus::seeds();
        c.add(
            "odd.txt",
            "The First Congress had 1,090 delegates. 12 34 56",
            crate::corpus::Origin::Reader,
        );
        let r = report(&c);
        let mut j = Vec::new();
        write_json(&c, true, &mut j).expect("write");
        assert_eq!(String::from_utf8(j).expect("utf-8"), json(&r, true));
        let mut v = Vec::new();
        write_csv(&c, &mut v).expect("write");
        assert_eq!(String::from_utf8(v).expect("utf-8"), csv(&r));
    }
}
