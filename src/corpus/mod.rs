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
use crate::model::{DocId, EventFacts, Extraction, Span};

/// One document in the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Its number, which its facts' spans carry.
    pub id: DocId,
    /// File name or path as given, or a name for a pasted text.
    pub name: String,
    pub text: String,
    /// Added by the user on the page (not a seed).
    pub user_added: bool,
    /// `text` holds only the sentences the facts cite, in place, with
    /// spaces between: a seed on the page before its whole text is fetched
    /// ([`Corpus::complete`]).
    pub partial: bool,
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
    /// In order of their ids (ids increase as documents are added).
    docs: Vec<Doc>,
    /// The id the next document gets.
    next: u32,
    conflicts: Vec<Conflict>,
    checks: Vec<Check>,
}

impl Corpus {
    /// The five seed documents, with their pre-read facts (see
    /// [`crate::seeds`]).
    pub fn seeds() -> Corpus {
        Corpus::from_seeds(crate::seeds::documents())
    }

    /// A corpus of `seeds`, in order.
    pub fn from_seeds(seeds: Vec<crate::seeds::Seed>) -> Corpus {
        let mut c = Corpus::default();
        for s in seeds {
            let id = c.take_id();
            c.docs.push(Doc {
                id,
                name: s.name.to_string(),
                text: s.text,
                user_added: false,
                partial: s.partial,
                extraction: s.extraction,
            });
        }
        c.analyse();
        c
    }

    /// Gives partial document `id` its whole `text`, if `text` agrees with
    /// every byte it holds; says why not otherwise.
    pub fn complete(&mut self, id: DocId, text: &str) -> Result<(), &'static str> {
        let i = self.position(id).ok_or("the document is gone")?;
        let d = &mut self.docs[i];
        if !d.partial {
            return Ok(());
        }
        let agrees = d.text.len() == text.len()
            && (d.text.bytes().zip(text.bytes())).all(|(a, b)| a == b' ' || a == b);
        if !agrees {
            return Err("the text fetched is not the one the facts were read from");
        }
        d.text = text.to_string();
        d.partial = false;
        Ok(())
    }

    fn take_id(&mut self) -> DocId {
        let id = DocId(self.next);
        self.next += 1;
        id
    }

    /// The id the next document added will get: the worker's facts are
    /// decoded under it before [`Corpus::add_parsed`].
    pub fn next_id(&self) -> DocId {
        DocId(self.next)
    }

    fn push(&mut self, name: &str, text: &str, origin: Origin, extraction: Extraction) -> DocId {
        let id = self.take_id();
        self.docs.push(Doc {
            id,
            name: name.to_string(),
            text: text.to_string(),
            user_added: origin == Origin::Reader,
            partial: false,
            extraction,
        });
        id
    }

    /// Adds and parses a document; returns its id. Not in the page's
    /// module, which gets its documents parsed by the worker
    /// ([`Corpus::add_parsed`]).
    #[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
    pub fn add(&mut self, name: &str, text: &str, origin: Origin) -> DocId {
        let extraction = crate::parse(text, self.next_id());
        let id = self.push(name, text, origin, extraction);
        self.analyse();
        id
    }

    /// Adds a document parsed elsewhere (the page parses in a worker); its
    /// spans must already carry the id it gets, [`Corpus::next_id`].
    pub fn add_parsed(
        &mut self,
        name: &str,
        text: &str,
        origin: Origin,
        extraction: Extraction,
    ) -> DocId {
        let id = self.push(name, text, origin, extraction);
        self.analyse();
        id
    }

    /// Removes a document; the others, and their facts, stay as they are.
    pub fn remove(&mut self, id: DocId) -> Option<Doc> {
        let i = self.position(id)?;
        let removed = self.docs.remove(i);
        self.analyse();
        Some(removed)
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> &[Doc] {
        &self.docs
    }

    /// Where document `id` is in [`Corpus::documents`].
    pub fn position(&self, id: DocId) -> Option<usize> {
        self.docs.binary_search_by_key(&id, |d| d.id).ok()
    }

    /// Document `id`, if it is in the corpus.
    pub fn doc(&self, id: DocId) -> Option<&Doc> {
        self.position(id).map(|i| &self.docs[i])
    }

    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    pub fn checks(&self) -> &[Check] {
        &self.checks
    }

    /// The quote a span points at.
    pub fn quote(&self, span: Span) -> &str {
        self.doc(span.doc).map_or("", |d| span.quote(&d.text))
    }

    /// The quote as shown to readers, "…" marking a cut sentence
    /// ([`Span::cited`]).
    pub fn cited(&self, span: Span) -> String {
        self.doc(span.doc)
            .map_or_else(String::new, |d| span.cited(&d.text))
    }

    /// The name of document `doc`, or "" if there is none.
    fn doc_name(&self, doc: DocId) -> String {
        self.doc(doc).map_or_else(String::new, |d| d.name.clone())
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
