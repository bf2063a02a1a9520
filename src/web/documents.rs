//! Documents the reader adds: pasted text, or a `.txt` file chosen or
//! dropped on the page. Their events join every chart, the selectors and
//! the source panel. They are kept in localStorage, can be removed one by
//! one or all at once.
//!
//! The page never parses: a module worker (`www/worker.js`, the parsing
//! worker's module) does, through the [`Reader`] this component holds,
//! and sends back the extraction as bytes ([`crate::codec`]). Only merging
//! and redrawing happen here, one step per task (decode and merge, check,
//! redraw, list, store), so the page's main thread is never held for
//! long; the status says how long it was held in all and at most. Texts
//! over 1 MB are refused before they are read, and the worker refuses a
//! document whose facts are over the page's budget
//! ([`crate::worker::Cost`]); its text stays in the box. A worker that
//! fails leaves the text in the box and says why. Documents stored by an
//! earlier visit are read the same way once the page has drawn; one that
//! cannot be read or added stays stored and listed, with Remove, until
//! the reader removes it.

use super::dom::{bytes_of, now, once, report, Dom};
use super::events::{on, Msg, Read};
use super::page::Page;
use crate::format::Join;
use crate::{Corpus, DocId};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    EventTarget, File, FileReader, HtmlTextAreaElement, MessageEvent, Worker, WorkerOptions,
    WorkerType,
};

/// The largest text accepted, in bytes (1 MB).
const MAX_BYTES: f64 = 1_048_576.0;
/// The localStorage key of the added documents: `[{name, text}]` as JSON.
const STORE_KEY: &str = "soviets.documents";

/// What the reader looks for, said when a document yields nothing.
const LOOKED_FOR: &str = "The reader looks for a congress or conference of soviets named in the text (“the Third All-Russian Congress of Soviets”), its dates (“10–18 January 1918”), delegate counts (“1,046 delegates”), faction counts (“441 Bolsheviks”) and votes (“543 to 126”).";

/// Why a text of `bytes` bytes was refused: "it is 1.3 MB" (tenths
/// computed in integers, to keep float formatting out of the module).
fn too_large(name: &str, bytes: f64) -> String {
    let tenths = (bytes * 10.0 / MAX_BYTES).round() as u64;
    format!(
        "“{name}” was not added: it is {}.{} MB, and the limit is 1 MB.",
        tenths / 10,
        tenths % 10
    )
}

/// A name for a pasted text: its first line, shortened.
fn pasted_name(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut name: String = line.chars().take(60).collect();
    if name.len() < line.len() {
        name.push('…');
    }
    if name.is_empty() {
        "Pasted text".to_string()
    } else {
        name
    }
}

/// Whole milliseconds (float formatting would add kilobytes to the module).
fn ms(t: f64) -> u32 {
    t.round().max(0.0) as u32
}

/// A document on its way in: typed, chosen, dropped or restored.
#[derive(Debug, Default)]
pub(super) struct Reading {
    name: String,
    text: String,
    /// When it was sent to be read (performance.now()).
    started: f64,
    /// Main-thread time spent on it so far, and in its longest task (ms).
    busy: f64,
    longest: f64,
    /// Main-thread time of each task spent on it (ms).
    tasks: Vec<u32>,
    /// Restored from an earlier visit (already stored, said quietly).
    restored: bool,
    /// Typed: the box's edit count when it was added (see
    /// [`Documents::edited`]).
    edits: Option<u32>,
}

impl Reading {
    fn new(name: String, text: String, restored: bool) -> Reading {
        Reading {
            name,
            text,
            started: now(),
            restored,
            ..Reading::default()
        }
    }

    /// Counts one main-thread task of `ms` milliseconds.
    fn spent(&mut self, ms: f64) {
        self.busy += ms;
        self.longest = self.longest.max(ms);
        self.tasks.push(self::ms(ms));
    }
}

/// A document the worker has read, merged into the page one step per
/// task, so no task holds the main thread for long: decode and check, merge,
/// check it has something to chart, redraw, list, store.
#[derive(Debug)]
pub(super) struct Job {
    reading: Reading,
    /// The extraction's bytes from the worker (a `Uint8Array`), until decoded.
    bytes: JsValue,
    /// The extraction, decoded and checked, until merged (a step of its own:
    /// decoding and merging a large document are each tens of milliseconds).
    facts: Option<crate::Extraction>,
    /// Its id in the corpus once merged.
    doc: Option<DocId>,
    /// The names of its events, and the ids of those it gives facts for.
    found: Vec<String>,
    ids: Vec<String>,
    step: u8,
    /// A sentence if it could not be stored.
    saved: String,
}

impl Job {
    /// Counts one main-thread task of `ms` milliseconds.
    pub(super) fn spent(&mut self, ms: f64) {
        self.reading.spent(ms);
    }

    /// Restored from an earlier visit.
    pub(super) fn restored(&self) -> bool {
        self.reading.restored
    }

    /// The reading of the job, taken out of it.
    fn take_reading(&mut self) -> Reading {
        std::mem::take(&mut self.reading)
    }
}

/// What a step of a [`Job`] left to do.
#[derive(Debug)]
pub(super) enum Next {
    /// Another step, in another task.
    Step,
    /// The page's data is to be rebuilt from the corpus and redrawn; then
    /// another step.
    Refresh,
    /// The panel's document and the list of documents are to be shown
    /// again; then another step, or done if restored.
    Relist,
    /// Nothing: it has said what came of it.
    Done,
    /// Done: restored from an earlier visit, or added (its events, and a
    /// sentence if it could not be stored); the status adds the main-thread
    /// time.
    Restored,
    Added {
        found: String,
        saved: String,
    },
}

/// The worker that parses added documents, made on the first one, and the
/// documents it is reading, by message id.
#[derive(Debug)]
struct Reader {
    worker: Option<Worker>,
    /// The worker could not be made or failed: nothing more is sent.
    broken: bool,
    next: u32,
    pending: Vec<(u32, Reading)>,
    /// Where the worker's answers and failures go.
    send: fn(Msg),
}

impl Reader {
    /// Sends a document to the worker; gives it back if there is no worker.
    fn read(&mut self, reading: Reading) -> Result<(), Reading> {
        if self.worker.is_none() && !self.broken {
            self.worker = make_worker(self.send);
            self.broken = self.worker.is_none();
        }
        let Some(worker) = &self.worker else {
            return Err(reading);
        };
        self.next += 1;
        let id = self.next;
        let message = js_sys::Object::new();
        let sent = js_sys::Reflect::set(&message, &"id".into(), &id.into())
            .and_then(|_| {
                js_sys::Reflect::set(&message, &"text".into(), &reading.text.as_str().into())
            })
            .and_then(|_| worker.post_message(&message));
        if sent.is_err() {
            return Err(reading);
        }
        self.pending.push((id, reading));
        Ok(())
    }

    /// The document the answer `id` is for.
    fn answered(&mut self, id: u32) -> Option<Reading> {
        let i = self.pending.iter().position(|(x, ..)| *x == id)?;
        Some(self.pending.remove(i).1)
    }

    /// The worker could not start: nothing more is sent; the documents
    /// waiting for it.
    fn failed(&mut self) -> Vec<Reading> {
        self.broken = true;
        self.worker = None;
        self.pending.drain(..).map(|(_, r)| r).collect()
    }

    /// The worker has ended: the documents it had not answered, for a new one.
    fn ended(&mut self) -> Vec<Reading> {
        if let Some(w) = self.worker.take() {
            w.terminate();
        }
        self.pending.drain(..).map(|(_, r)| r).collect()
    }
}

/// A module worker running `worker.js`, whose answers and failure go to
/// `send`.
fn make_worker(send: fn(Msg)) -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options("worker.js", &options).ok()?;
    // Listeners of the page's one kind (`events::on`), not
    // `onmessage`/`onerror`: each setter and closure type is more glue.
    let target = worker.as_ref();
    let answer: Read = |e, _| Some(Msg::WorkerAnswer(e.clone().unchecked_into()));
    on(target, "message", false, 0, answer, send).ok()?;
    // A worker that cannot start (say, its module is missing): every
    // document waiting for it is kept and said to be unread.
    on(
        target,
        "error",
        false,
        0,
        |_, _| Some(Msg::WorkerFailed),
        send,
    )
    .ok()?;
    Some(worker)
}

/// The reader's documents on their way in, and those kept unread.
#[derive(Debug)]
pub(super) struct Documents {
    reader: Reader,
    /// Documents read, waiting to be merged, in order (see [`Job`]).
    jobs: Vec<Job>,
    /// A merging step is scheduled.
    scheduled: bool,
    /// Saved documents that could not be read or were refused, and why,
    /// kept (stored and listed) until the reader removes them.
    unread: Vec<(Reading, String)>,
    /// Saved entries that could not be read at all, as stored, and why.
    saved: Vec<(JsValue, String)>,
    /// How many times the reader has edited the box (its `input` events).
    edits: u32,
}

impl Documents {
    /// No documents yet; `send` hears the worker and the merging steps.
    pub(super) fn new(send: fn(Msg)) -> Documents {
        Documents {
            reader: Reader {
                worker: None,
                broken: false,
                next: 0,
                pending: Vec::new(),
                send,
            },
            jobs: Vec::new(),
            scheduled: false,
            unread: Vec::new(),
            saved: Vec::new(),
            edits: 0,
        }
    }

    /// Shows `message` under the add-document form.
    fn status(dom: &Dom, message: &str) {
        if let Ok(status) = dom.element("document-status") {
            status.set_text_content(Some(message));
        }
    }

    /// The reader typed in the box.
    pub(super) fn edited(&mut self) {
        self.edits = self.edits.wrapping_add(1);
    }

    /// "Add" was pressed at `started`: the box's text is added.
    pub(super) fn submit(
        &mut self,
        dom: &Dom,
        corpus: &Corpus,
        started: f64,
    ) -> Result<(), JsValue> {
        let area: HtmlTextAreaElement = dom.element("add-document")?.dyn_into()?;
        let text = area.value();
        let edits = Some(self.edits);
        self.add(dom, corpus, &pasted_name(&text), &text, started, edits)
    }

    /// Checks a document and sends it to the worker to be parsed; says
    /// what came of it.
    pub(super) fn add(
        &mut self,
        dom: &Dom,
        corpus: &Corpus,
        name: &str,
        text: &str,
        started: f64,
        edits: Option<u32>,
    ) -> Result<(), JsValue> {
        if text.len() as f64 > MAX_BYTES {
            Documents::status(dom, &too_large(name, text.len() as f64));
            return Ok(());
        }
        if text.trim().is_empty() {
            Documents::status(dom, "There is no text to add: paste a document first.");
            return Ok(());
        }
        let mut reading = Reading::new(name.to_string(), text.to_string(), false);
        reading.started = started;
        reading.edits = edits;
        self.read(dom, corpus, reading);
        Ok(())
    }

    /// Sends a document to the worker; says so if it cannot be read.
    fn read(&mut self, dom: &Dom, corpus: &Corpus, mut reading: Reading) {
        let status = format!("Reading “{}”…", reading.name);
        reading.spent(now() - reading.started);
        match self.reader.read(reading) {
            Ok(()) => Documents::status(dom, &status),
            Err(r) => self.unreadable(
                dom,
                corpus,
                r,
                "the page's reader (a web worker) could not start",
            ),
        }
    }

    /// Says that `r` could not be read and why, keeping its text: a stored
    /// document stays stored (and listed, with Remove), a typed one stays in
    /// the box.
    fn unreadable(&mut self, dom: &Dom, corpus: &Corpus, r: Reading, why: &str) {
        let message = format!(
            "“{}” could not be read: {why}. Its text is kept; reload the page to try again.",
            r.name
        );
        self.keep(dom, corpus, r, why, &message);
    }

    /// Says that `r` is over the page's budget, keeping its text.
    fn refused(&mut self, dom: &Dom, corpus: &Corpus, r: Reading, why: &str) {
        let message = if r.restored {
            format!(
                "The saved document “{}” was not added: {why}. It stays saved and listed below until you remove it.",
                r.name
            )
        } else {
            format!(
                "“{}” was not added: {why}. Its text is kept in the box.",
                r.name
            )
        };
        self.keep(dom, corpus, r, why, &message);
    }

    fn keep(&mut self, dom: &Dom, corpus: &Corpus, r: Reading, why: &str, message: &str) {
        Documents::status(dom, message);
        if !r.restored {
            let area = dom.typed::<HtmlTextAreaElement>("add-document");
            if let Some(area) = area.filter(|a| a.value().trim().is_empty()) {
                area.set_value(&r.text);
            }
        }
        // A saved one is kept (stored and listed) until removed; a typed
        // one is in the box, so no second copy is held.
        if r.restored {
            self.unread.push((r, why.to_string()));
            report(self.build_list(dom, corpus));
        }
    }

    /// " 2 saved documents could not be read; …" while any is kept unread.
    fn kept_note(&self) -> String {
        let n = self.saved.len() + self.unread.iter().filter(|(r, _)| r.restored).count();
        match n {
            0 => String::new(),
            1 => " 1 saved document could not be read or added; it stays saved, listed below with Remove.".to_string(),
            n => format!(" {n} saved documents could not be read or added; they stay saved, listed below with Remove."),
        }
    }

    /// The worker's answer: `{id, bytes}`, `{id, refused}` (over the
    /// budget) or `{id, error}`, with `fatal` when the worker's module
    /// failed and it ended.
    pub(super) fn answer(&mut self, dom: &Dom, corpus: &Corpus, e: &MessageEvent) {
        let started = now();
        let data = e.data();
        let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        let id = get("id").as_f64().unwrap_or(0.0) as u32;
        let entry = self.reader.answered(id);
        if get("fatal").is_truthy() {
            // The worker has ended: the documents it had not answered go to
            // a new one.
            for r in self.reader.ended() {
                if let Err(r) = self.reader.read(r) {
                    self.unreadable(dom, corpus, r, "the page's reader (a web worker) failed");
                }
            }
        }
        let Some(mut r) = entry else {
            return;
        };
        let bytes = get("bytes");
        if let Some(b) = bytes.dyn_ref::<js_sys::Uint8Array>() {
            // Checked before a byte is copied into the page's module.
            if let Some(why) = crate::worker::encoded_refusal(b.length() as usize) {
                self.refused(dom, corpus, r, &why);
                return;
            }
            r.spent(now() - started);
            self.jobs.push(Job {
                reading: r,
                bytes,
                facts: None,
                doc: None,
                found: Vec::new(),
                ids: Vec::new(),
                step: 0,
                saved: String::new(),
            });
            self.schedule(dom);
            return;
        }
        match get("refused").as_string() {
            Some(why) => self.refused(dom, corpus, r, &why),
            None => {
                let why = get("error")
                    .as_string()
                    .unwrap_or_else(|| "the reader sent back no facts".to_string());
                self.unreadable(dom, corpus, r, &why);
            }
        }
    }

    /// The worker failed to start: every document waiting for it is kept
    /// and said to be unread.
    pub(super) fn worker_failed(&mut self, dom: &Dom, corpus: &Corpus) {
        for r in self.reader.failed() {
            self.unreadable(
                dom,
                corpus,
                r,
                "the page's reader (a web worker) failed to start",
            );
        }
    }

    /// Runs the next merging step in a task of its own ([`Msg::Step`]),
    /// unless one is due.
    fn schedule(&mut self, dom: &Dom) {
        if self.scheduled || self.jobs.is_empty() {
            return;
        }
        self.scheduled = true;
        let send = self.reader.send;
        let step = once(Box::new(move |_: JsValue| send(Msg::Step)));
        report(
            dom.window
                .set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 0)
                .map(|_| ()),
        );
    }

    /// The job whose step is due, taken out until [`Documents::stepped`].
    pub(super) fn next_job(&mut self) -> Option<Job> {
        self.scheduled = false;
        (!self.jobs.is_empty()).then(|| self.jobs.remove(0))
    }

    /// One step of merging `job`, the current document (see [`Job`]); the
    /// dispatcher does what [`Next::Refresh`] and [`Next::Relist`] ask.
    pub(super) fn merge_step(
        &mut self,
        dom: &Dom,
        page: &mut Page,
        job: &mut Job,
    ) -> Result<Next, JsValue> {
        job.step += 1;
        match job.step {
            1 => {
                let bytes = std::mem::replace(&mut job.bytes, JsValue::UNDEFINED);
                let doc = page.corpus.next_id();
                let x = bytes
                    .dyn_into::<js_sys::Uint8Array>()
                    .ok()
                    .and_then(|b| crate::codec::decode(&bytes_of(&b), doc));
                let Some(x) = x else {
                    let r = job.take_reading();
                    self.unreadable(dom, &page.corpus, r, "the reader sent back no facts");
                    return Ok(Next::Done);
                };
                // The worker checked; this page checks again.
                if let Some(why) = crate::worker::Cost::of(&x).refusal() {
                    let r = job.take_reading();
                    self.refused(dom, &page.corpus, r, &why);
                    return Ok(Next::Done);
                }
                job.found = x.events.iter().map(|e| e.name.clone()).collect();
                // Events the text says something about (not only names).
                job.ids = x
                    .events
                    .iter()
                    .filter(|e| e.has_facts())
                    .map(|e| e.id.clone())
                    .collect();
                if job.ids.is_empty() {
                    self.nothing_to_chart(dom, &page.corpus, job);
                    return Ok(Next::Done);
                }
                job.facts = Some(x);
                Documents::status(
                    dom,
                    &format!("Adding “{}” to the charts…", job.reading.name),
                );
                Ok(Next::Step)
            }
            2 => {
                let r = &job.reading;
                let origin = crate::corpus::Origin::Reader;
                // The id it was decoded under is still the next: nothing is
                // added between two steps of one job.
                if let Some(x) = job.facts.take() {
                    job.doc = Some(page.corpus.add_parsed(&r.name, &r.text, origin, x));
                }
                Ok(Next::Step)
            }
            3 => {
                // If none of its events is drawn, it is taken out again.
                let data = page.corpus.dataset_preferring(page.source);
                if !data.events.iter().any(|e| job.ids.contains(&e.id)) {
                    if let Some(doc) = job.doc.take() {
                        page.corpus.remove(doc);
                    }
                    self.nothing_to_chart(dom, &page.corpus, job);
                    return Ok(Next::Done);
                }
                Ok(Next::Step)
            }
            4 => Ok(Next::Refresh),
            // The panel's document's facts are listed again against the
            // new charts.
            5 => Ok(Next::Relist),
            6 => {
                job.saved = self.save(dom, &page.corpus);
                Ok(Next::Step)
            }
            _ => {
                // The box is emptied if it still holds the text added (not
                // edited since): known without reading a megabyte back.
                if job.reading.edits.is_some_and(|e| e == self.edits) {
                    if let Some(area) = dom.typed::<HtmlTextAreaElement>("add-document") {
                        area.set_value("");
                    }
                }
                Ok(Next::Added {
                    found: job.found.joined(", "),
                    saved: std::mem::take(&mut job.saved),
                })
            }
        }
    }

    /// After a step of `job` (timed in it) came to `next`: it goes back to
    /// the front of the queue, or its status says what came of it; the next
    /// step is scheduled.
    pub(super) fn stepped(&mut self, dom: &Dom, job: Job, next: Result<Next, JsValue>) {
        match next {
            Ok(Next::Step | Next::Refresh | Next::Relist) => self.jobs.insert(0, job),
            Ok(Next::Done) => {}
            Ok(done @ (Next::Added { .. } | Next::Restored)) => {
                let r = &job.reading;
                let end = now();
                let work = format!(
                    "{} ms of work on this page, in {} tasks of at most {} ms",
                    ms(r.busy),
                    r.tasks.len(),
                    ms(r.longest)
                );
                Documents::status(
                    dom,
                    &match done {
                        Next::Added { found, saved } => format!(
                            "Added “{}” (read in {} ms in the background; {work}): {found}.{saved}",
                            r.name,
                            ms(end - r.started),
                        ),
                        _ => format!(
                            "Restored “{}” from an earlier visit ({work}).{}",
                            r.name,
                            self.kept_note()
                        ),
                    },
                );
                // Each task's time, for the benchmark.
                let tasks: Vec<String> = r.tasks.iter().map(u32::to_string).collect();
                if let Ok(status) = dom.element("document-status") {
                    report(status.set_attribute("data-tasks", &tasks.joined(" ")));
                }
            }
            Err(e) => report(Err(e)),
        }
        self.schedule(dom);
    }

    /// Says that `job`'s document has nothing to chart; a restored one is
    /// not kept for the next visit either.
    fn nothing_to_chart(&mut self, dom: &Dom, corpus: &Corpus, job: &Job) {
        let named = if job.found.is_empty() {
            String::new()
        } else {
            format!(
                " It names {}, but gives no figures or dates for it.",
                job.found.joined(", ")
            )
        };
        Documents::status(
            dom,
            &format!(
                "Nothing to chart was found in “{}”.{named} {LOOKED_FOR}",
                job.reading.name
            ),
        );
        if job.reading.restored {
            let _ = self.save(dom, corpus);
        }
    }

    /// Takes added document `doc` out of the corpus and
    /// of the documents being merged; its name, if it was one the reader
    /// added. The dispatcher then redraws and calls [`Documents::removed`].
    pub(super) fn remove(&mut self, page: &mut Page, doc: DocId) -> Option<String> {
        if !page.corpus.doc(doc)?.user_added {
            return None;
        }
        let removed = page.corpus.remove(doc).map(|d| d.name).unwrap_or_default();
        // A document being merged stops; the others keep their ids.
        self.jobs.retain(|j| j.doc != Some(doc));
        page.source = page.source.filter(|s| *s != doc);
        Some(removed)
    }

    /// After document `name` was removed and the page redrawn: stored
    /// again, and said.
    pub(super) fn removed(&mut self, dom: &Dom, corpus: &Corpus, name: &str) {
        let saved = self.save(dom, corpus);
        Documents::status(dom, &format!("Removed “{name}”.{saved}"));
    }

    /// Forgets a saved document that could not be read or added: `unread`
    /// picks from the documents the worker could not take, else from the
    /// saved entries that could not be read at all.
    pub(super) fn forget(
        &mut self,
        dom: &Dom,
        corpus: &Corpus,
        unread: bool,
        i: usize,
    ) -> Result<(), JsValue> {
        let name = if unread {
            (i < self.unread.len()).then(|| self.unread.remove(i).0.name)
        } else {
            (i < self.saved.len()).then(|| {
                self.saved.remove(i);
                "a saved document that could not be read".to_string()
            })
        };
        let Some(name) = name else { return Ok(()) };
        let saved = self.save(dom, corpus);
        self.build_list(dom, corpus)?;
        Documents::status(dom, &format!("Removed “{name}”.{saved}"));
        Ok(())
    }

    /// Takes every added document out of the corpus and forgets those on
    /// their way in or kept unread: a late answer finds nothing waiting for
    /// it and is dropped. The dispatcher then redraws and calls
    /// [`Documents::were_reset`].
    pub(super) fn reset(&mut self, page: &mut Page) {
        self.reader.pending.clear();
        self.jobs.clear();
        self.unread.clear();
        self.saved.clear();
        while let Some(d) = page.corpus.documents().iter().rfind(|d| d.user_added) {
            page.corpus.remove(d.id);
        }
        let corpus = &page.corpus;
        page.source = page.source.filter(|s| corpus.doc(*s).is_some());
    }

    /// After the reset and the redraw: nothing stored, and said.
    pub(super) fn were_reset(dom: &Dom) {
        if let Ok(Some(storage)) = dom.window.local_storage() {
            // Removing a missing key is not an error.
            let _ = storage.remove_item(STORE_KEY);
        }
        Documents::status(dom, "Back to the five seed documents.");
    }

    /// Stores the added documents; returns a sentence if that failed.
    fn save(&self, dom: &Dom, corpus: &Corpus) -> String {
        let list = js_sys::Array::new();
        let push = |name: &str, text: &str| {
            let entry = js_sys::Object::new();
            let set = |k: &str, v: &str| {
                js_sys::Reflect::set(&entry, &JsValue::from_str(k), &JsValue::from_str(v))
            };
            let ok = set("name", name).and(set("text", text)).is_ok();
            list.push(&entry);
            ok
        };
        let mut ok = true;
        for d in corpus.documents().iter().filter(|d| d.user_added) {
            ok &= push(&d.name, &d.text);
        }
        // Documents of an earlier visit still being read or merged, or
        // that could not be read, stay stored; so do saved entries that
        // could not be read at all, as they were.
        let waiting = (self.reader.pending.iter().map(|(_, r)| r))
            .chain(
                self.jobs
                    .iter()
                    .filter(|j| j.doc.is_none())
                    .map(|j| &j.reading),
            )
            .chain(self.unread.iter().map(|(r, _)| r));
        for r in waiting.filter(|r| r.restored) {
            ok &= push(&r.name, &r.text);
        }
        for (entry, _) in &self.saved {
            list.push(entry);
        }
        if !ok {
            return " It could not be saved for the next visit.".to_string();
        }
        // The JSON goes to setItem as the string JSON.stringify made, not
        // through the module's memory and back: it can be megabytes.
        let stored = js_sys::JSON::stringify(&list)
            .ok()
            .zip(dom.window.local_storage().ok().flatten())
            .and_then(|(json, storage)| {
                let set = js_sys::Reflect::get(&storage, &"setItem".into()).ok()?;
                let set: js_sys::Function = set.dyn_into().ok()?;
                Some(set.call2(&storage, &STORE_KEY.into(), &json))
            });
        match stored {
            Some(Ok(_)) => String::new(),
            // A full quota or disabled storage: the documents stay until reload.
            _ => " The browser would not store it (storage full or disabled), so it will be gone after a reload.".to_string(),
        }
    }

    /// Lists the added documents with a Remove button each, then the saved
    /// ones that could not be read or added, each with Remove.
    pub(super) fn build_list(&self, dom: &Dom, corpus: &Corpus) -> Result<(), JsValue> {
        let list = dom.cleared("document-list")?;
        let item = |label: &str, attr: &str, i: usize, aria: &str| -> Result<(), JsValue> {
            let item = dom.add(&list, "li", None)?;
            dom.add(&item, "span", Some(label))?;
            let (i, aria) = (i.to_string(), format!("Remove {aria}"));
            let attrs = [(attr, &*i), ("aria-label", &*aria)];
            let remove = dom.button("Remove", "remove", &attrs)?;
            item.append_child(&remove)?;
            Ok(())
        };
        for d in corpus.documents().iter().filter(|d| d.user_added) {
            let events = d.extraction.events.len();
            let label = format!(
                "{} — {events} event{}",
                d.name,
                if events == 1 { "" } else { "s" }
            );
            item(&label, "data-remove", d.id.0 as usize, &d.name)?;
        }
        let unread = self.unread.iter().enumerate();
        for (i, (r, why)) in unread.filter(|(_, (r, _))| r.restored) {
            let label = format!("{} — saved, but not added: {why}", r.name);
            item(&label, "data-forget-unread", i, &r.name)?;
        }
        for (i, (_, why)) in self.saved.iter().enumerate() {
            let label = format!("A saved document that could not be read: {why}");
            item(
                &label,
                "data-forget-saved",
                i,
                "the unreadable saved document",
            )?;
        }
        Ok(())
    }

    /// Reads the documents stored by an earlier visit, in the worker like
    /// any other (after the first drawing, so the page shows at once). A
    /// stored entry that cannot be read stays stored, listed with Remove.
    pub(super) fn restore(&mut self, dom: &Dom, corpus: &Corpus) {
        let stored = dom
            .window
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(STORE_KEY).ok().flatten());
        let Some(json) = stored else { return };
        let entries = js_sys::JSON::parse(&json)
            .ok()
            .filter(js_sys::Array::is_array)
            .map(|v| js_sys::Array::from(&v));
        let mut saved: Vec<(JsValue, String)> = Vec::new();
        match entries {
            None => {
                // Kept as it was, inside an entry the next save writes back.
                let entry = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&entry, &"unreadable".into(), &json.as_str().into());
                saved.push((entry.into(), "the saved list is not valid JSON".to_string()));
            }
            Some(entries) => {
                let field = |e: &JsValue, k: &str| {
                    js_sys::Reflect::get(e, &JsValue::from_str(k))
                        .ok()
                        .and_then(|v| v.as_string())
                };
                for e in entries.iter() {
                    match (field(&e, "name"), field(&e, "text")) {
                        (Some(name), Some(text)) if text.len() as f64 <= MAX_BYTES => {
                            self.read(dom, corpus, Reading::new(name, text, true));
                        }
                        (Some(name), Some(text)) => {
                            let why = too_large(&name, text.len() as f64);
                            saved.push((e, why));
                        }
                        _ => saved.push((e, "it has no name or no text".to_string())),
                    }
                }
            }
        }
        if !saved.is_empty() {
            self.saved.extend(saved);
            report(self.build_list(dom, corpus));
            Documents::status(dom, self.kept_note().trim_start());
        }
    }

    /// Reads a chosen or dropped file; its text comes as [`Msg::FileRead`].
    pub(super) fn read_file(&self, dom: &Dom, file: File) {
        let name = file.name();
        if file.size() > MAX_BYTES {
            Documents::status(dom, &too_large(&name, file.size()));
            return;
        }
        let is_text = name.to_ascii_lowercase().ends_with(".txt") || file.type_() == "text/plain";
        if !is_text {
            Documents::status(
                dom,
                &format!("“{name}” was not added: only .txt files can be read."),
            );
            return;
        }
        let reader = match FileReader::new() {
            Ok(r) => r,
            Err(e) => return report(Err(e)),
        };
        let done = reader.clone();
        let send = self.reader.send;
        let on_load = once(Box::new(move |_: JsValue| {
            let text = done
                .result()
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            send(Msg::FileRead { name, text });
        }));
        let target: &EventTarget = reader.as_ref();
        report(
            target
                .add_event_listener_with_callback_and_bool("load", on_load.unchecked_ref(), false)
                .and_then(|()| reader.read_as_text(&file)),
        );
    }
}
