//! A set of documents read together: each event's facts merged across
//! documents, disagreements kept as [`Conflict`]s (`conflicts.rs`),
//! arithmetic gaps kept as [`Check`]s (`checks.rs`), and the chart-ready
//! [`Dataset`](crate::Dataset) built from them (`builder.rs`).
//!
//! Nothing is smoothed over: when sources disagree, every value stays with
//! its source, and the dataset draws one of them by a stated rule (see
//! [`Corpus::dataset`]) while listing the others as alternatives.

mod builder;
mod checks;
mod conflicts;

pub use checks::{Check, CheckKind};
pub use conflicts::{Conflict, ConflictValue};

use crate::dataset::Source;
use crate::model::{EventFacts, Extraction, Span};

/// One document in the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// File name or path as given, or a name for a pasted text.
    pub name: String,
    pub text: String,
    /// Added by the user on the page (not a seed).
    pub user_added: bool,
    pub extraction: Extraction,
}

/// Where a document comes from, which the charts show: a reader's own
/// documents are marked "(yours)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A source text: a seed, or a file given to `extract`.
    Source,
    /// Added by the reader on the page.
    Reader,
}

/// All documents, with their facts merged per event.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    docs: Vec<Doc>,
    conflicts: Vec<Conflict>,
    checks: Vec<Check>,
}

impl Corpus {
    /// The five seed documents, with their pre-read facts (see
    /// [`crate::seeds`]).
    pub fn seeds() -> Corpus {
        let mut c = Corpus::default();
        for ((name, text), extraction) in
            crate::seeds::SEEDS.iter().zip(crate::seeds::extractions())
        {
            c.docs.push(Doc {
                name: name.to_string(),
                text: text.to_string(),
                user_added: false,
                extraction,
            });
        }
        c.analyse();
        c
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
    fn push(&mut self, name: &str, text: &str, origin: Origin) -> usize {
        let doc = self.docs.len();
        self.docs.push(Doc {
            name: name.to_string(),
            text: text.to_string(),
            user_added: origin == Origin::Reader,
            extraction: crate::parse(text, doc),
        });
        doc
    }

    /// Adds and parses a document; returns its index. Not in the page's
    /// module, which gets its documents parsed by the worker
    /// ([`Corpus::add_parsed`]).
    #[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
    pub fn add(&mut self, name: &str, text: &str, origin: Origin) -> usize {
        let doc = self.push(name, text, origin);
        self.analyse();
        doc
    }

    /// Adds a document parsed elsewhere (the page parses in a worker); its
    /// spans must already name the index it gets, `documents().len()`.
    pub fn add_parsed(
        &mut self,
        name: &str,
        text: &str,
        origin: Origin,
        extraction: Extraction,
    ) -> usize {
        let doc = self.docs.len();
        self.docs.push(Doc {
            name: name.to_string(),
            text: text.to_string(),
            user_added: origin == Origin::Reader,
            extraction,
        });
        self.analyse();
        doc
    }

    /// Removes a document; later documents move down by one.
    pub fn remove(&mut self, doc: usize) -> Option<Doc> {
        if doc >= self.docs.len() {
            return None;
        }
        let removed = self.docs.remove(doc);
        // Spans carry their document's index: relabel the later ones (the
        // codec writes an extraction without it and reads it back under a
        // new one), which is linear in the facts, not in the text.
        for (i, d) in self.docs.iter_mut().enumerate().skip(doc) {
            // Decoding what `encode` wrote does not fail (codec's round-trip
            // tests); the page's module has no parser to fall back on.
            let bytes = crate::codec::encode(&d.extraction);
            if let Some(x) = crate::codec::decode(&bytes, i) {
                d.extraction = x;
            }
        }
        self.analyse();
        Some(removed)
    }

    pub fn documents(&self) -> &[Doc] {
        &self.docs
    }

    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// The quote a span points at.
    pub fn quote(&self, span: Span) -> &str {
        self.docs.get(span.doc).map_or("", |d| span.quote(&d.text))
    }

    /// The quote as shown to readers, "…" marking a cut sentence
    /// ([`Span::cited`]).
    pub fn cited(&self, span: Span) -> String {
        self.docs
            .get(span.doc)
            .map_or_else(String::new, |d| span.cited(&d.text))
    }

    /// The name of document `doc`, or "" if there is none.
    fn doc_name(&self, doc: usize) -> String {
        self.docs
            .get(doc)
            .map_or_else(String::new, |d| d.name.clone())
    }

    fn source(&self, span: Span) -> Source {
        Source {
            doc: span.doc,
            doc_name: self.doc_name(span.doc),
            start: span.start,
            end: span.end,
            quote: self.cited(span),
        }
    }

    /// Every document's facts about each event, by event id, in order of first mention.
    ///
    /// A linear search per event is enough: the parser keeps at most
    /// [`crate::parse::MAX_EVENTS`] events per document.
    pub fn events(&self) -> Vec<(String, Vec<&EventFacts>)> {
        let mut out: Vec<(String, Vec<&EventFacts>)> = Vec::new();
        for d in &self.docs {
            for e in &d.extraction.events {
                match out.iter_mut().find(|(id, _)| *id == e.id) {
                    Some((_, facts)) => facts.push(e),
                    None => out.push((e.id.clone(), vec![e])),
                }
            }
        }
        out
    }

    /// Finds the conflicts and checks of every event again, after a
    /// document came or went.
    fn analyse(&mut self) {
        let mut conflicts = Vec::new();
        let mut checks = Vec::new();
        for (id, facts) in self.events() {
            let event = Event {
                id: &id,
                name: facts.first().map_or_else(String::new, |e| e.name.clone()),
                facts: &facts,
            };
            self.conflicts_in(&event, &mut conflicts);
            self.checks_in(&event, &mut checks);
        }
        self.conflicts = conflicts::one_value_per_source(conflicts);
        self.checks = checks::one_per_source(checks);
    }
}

/// One event's facts from every document, as the analysis reads them.
struct Event<'a> {
    id: &'a str,
    /// The event's name in the first document naming it.
    name: String,
    facts: &'a [&'a EventFacts],
}

/// How descriptive a motion's wording is: "This resolution" says least.
fn motion_rank(m: &str) -> (bool, usize) {
    let vague = m.starts_with("This") || m.starts_with("this") || m.starts_with('(');
    (!vague, m.len())
}
