//! Documents the reader adds: pasted text, or a `.txt` file chosen or
//! dropped on the page. The same core parses them in the browser; their
//! events join every chart, the selectors and the source panel. They are
//! kept in localStorage, can be removed one by one or all at once.
//!
//! Parsing runs in a module worker (`www/worker.js`, the same wasm core) so
//! the page never waits on it: the worker sends back the extraction as
//! bytes ([`crate::codec`]) and only merging and redrawing happen here, one
//! step per task (decode and merge, check, redraw, list, store), so the
//! page's main thread is never held for long; the status says how long it
//! was held in all and at most. Texts over 1 MB are refused before they are
//! read, and the worker refuses a document whose facts are over the page's
//! budget ([`crate::worker::Cost`]); its text stays in the box. Documents
//! stored by an earlier visit are read the same way once the page has
//! drawn; one that cannot be read or added stays stored and listed, with
//! Remove, until the reader removes it.

use super::dom::{button_data, listen, now, report};
use super::{with_app, App};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    DragEvent, File, FileReader, HtmlInputElement, HtmlTextAreaElement, MessageEvent, Worker,
    WorkerOptions, WorkerType,
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

/// A document on its way in: typed, chosen, dropped or restored.
#[derive(Debug)]
struct Reading {
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
    /// Typed: the box's edit count when it was added (see [`EDITS`]).
    edits: Option<u32>,
}

impl Reading {
    fn new(name: String, text: String, restored: bool) -> Reading {
        Reading {
            name,
            text,
            started: now(),
            busy: 0.0,
            longest: 0.0,
            tasks: Vec::new(),
            restored,
            edits: None,
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
/// task, so no task holds the main thread for long: decode and merge,
/// check it has something to chart, redraw, list, store.
#[derive(Debug)]
struct Job {
    reading: Reading,
    /// The extraction's bytes from the worker (a `Uint8Array`), until decoded.
    bytes: JsValue,
    /// Its corpus index once merged.
    doc: Option<usize>,
    /// The names of its events, and the ids of those it gives facts for.
    found: Vec<String>,
    ids: Vec<String>,
    step: u8,
    /// A sentence if it could not be stored.
    saved: String,
}

/// What a step of a [`Job`] left to do.
#[derive(Debug)]
enum Next {
    /// Another step, in another task.
    Step,
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

/// Whole milliseconds (float formatting would add kilobytes to the module).
fn ms(t: f64) -> u32 {
    t.round().max(0.0) as u32
}

impl App {
    /// Shows `message` under the add-document form.
    fn doc_status(&self, message: &str) {
        if let Ok(status) = self.dom.element("document-status") {
            status.set_text_content(Some(message));
        }
    }

    /// Checks a document and sends it to the worker to be parsed (or
    /// parses it here if there is no worker); says what came of it.
    fn add_document(
        &mut self,
        name: &str,
        text: &str,
        started: f64,
        edits: Option<u32>,
    ) -> Result<(), JsValue> {
        if text.len() as f64 > MAX_BYTES {
            self.doc_status(&too_large(name, text.len() as f64));
            return Ok(());
        }
        if text.trim().is_empty() {
            self.doc_status("There is no text to add: paste a document first.");
            return Ok(());
        }
        let mut reading = Reading::new(name.to_string(), text.to_string(), false);
        reading.started = started;
        reading.edits = edits;
        self.read(reading)
    }

    /// Sends a document to the worker; says so if it cannot be read.
    fn read(&mut self, mut reading: Reading) -> Result<(), JsValue> {
        let status = format!("Reading “{}”…", reading.name);
        reading.spent(now() - reading.started);
        match send_to_worker(reading) {
            Ok(()) => self.doc_status(&status),
            Err(r) => self.unreadable(r, "the page's reader (a web worker) could not start"),
        }
        Ok(())
    }

    /// Says that `r` could not be read and why, keeping its text: a stored
    /// document stays stored (and listed, with Remove), a typed one stays in
    /// the box.
    fn unreadable(&mut self, r: Reading, why: &str) {
        let message = format!(
            "“{}” could not be read: {why}. Its text is kept; reload the page to try again.",
            r.name
        );
        self.keep(r, why, &message);
    }

    /// Says that `r` is over the page's budget, keeping its text.
    fn refused(&mut self, r: Reading, why: &str) {
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
        self.keep(r, why, &message);
    }

    fn keep(&mut self, r: Reading, why: &str, message: &str) {
        self.doc_status(message);
        if !r.restored {
            let area = self.dom.element("add-document").ok();
            let area = area.and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok());
            if let Some(area) = area.filter(|a| a.value().trim().is_empty()) {
                area.set_value(&r.text);
            }
        }
        // A saved one is kept (stored and listed) until removed; a typed
        // one is in the box, so no second copy is held.
        if r.restored {
            PARSER.with(|cell| {
                if let Ok(mut p) = cell.try_borrow_mut() {
                    p.unread.push((r, why.to_string()));
                }
            });
            report(self.build_document_list());
        }
    }

    /// " 2 saved documents could not be read; …" while any is kept unread.
    fn kept_note(&self) -> String {
        let n = PARSER.with(|cell| {
            cell.try_borrow().map_or(0, |p| {
                p.saved.len() + p.unread.iter().filter(|(r, _)| r.restored).count()
            })
        });
        match n {
            0 => String::new(),
            1 => " 1 saved document could not be read or added; it stays saved, listed below with Remove.".to_string(),
            n => format!(" {n} saved documents could not be read or added; they stay saved, listed below with Remove."),
        }
    }

    /// One step of merging `job`, the current document (see [`Job`]).
    fn merge_step(&mut self, job: &mut Job) -> Result<Next, JsValue> {
        job.step += 1;
        match job.step {
            1 => {
                let bytes = std::mem::replace(&mut job.bytes, JsValue::UNDEFINED);
                let doc = self.corpus.documents().len();
                let x = bytes
                    .dyn_into::<js_sys::Uint8Array>()
                    .ok()
                    .and_then(|b| crate::codec::decode(&b.to_vec(), doc));
                let Some(x) = x else {
                    let r = take_reading(job);
                    self.unreadable(r, "the reader sent back no facts");
                    return Ok(Next::Done);
                };
                // The worker checked; this page checks again.
                if let Some(why) = crate::worker::Cost::of(&x).refusal() {
                    let r = take_reading(job);
                    self.refused(r, &why);
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
                    self.nothing_to_chart(job);
                    return Ok(Next::Done);
                }
                let r = &job.reading;
                job.doc = Some(self.corpus.add_parsed(
                    &r.name,
                    &r.text,
                    crate::corpus::Origin::Reader,
                    x,
                ));
                self.doc_status(&format!("Adding “{}” to the charts…", r.name));
                Ok(Next::Step)
            }
            2 => {
                // If none of its events is drawn, it is taken out again.
                let data = self.corpus.dataset_preferring(self.source);
                if !data.events.iter().any(|e| job.ids.contains(&e.id)) {
                    if let Some(doc) = job.doc.take() {
                        self.corpus.remove(doc);
                    }
                    self.nothing_to_chart(job);
                    return Ok(Next::Done);
                }
                Ok(Next::Step)
            }
            3 => {
                self.refresh_data()?;
                Ok(Next::Step)
            }
            4 => {
                // An added document goes last, so the panel's document keeps
                // its index; list its facts again against the new charts.
                self.reshow_document()?;
                self.build_document_list()?;
                if job.reading.restored {
                    return Ok(Next::Restored);
                }
                Ok(Next::Step)
            }
            5 => {
                job.saved = self.save_documents();
                Ok(Next::Step)
            }
            _ => {
                // The box is emptied if it still holds the text added (not
                // edited since): known without reading a megabyte back.
                if job.reading.edits.is_some_and(|e| e == EDITS.get()) {
                    if let Ok(area) = self.dom.element("add-document") {
                        area.dyn_into::<HtmlTextAreaElement>()?.set_value("");
                    }
                }
                Ok(Next::Added {
                    found: job.found.join(", "),
                    saved: std::mem::take(&mut job.saved),
                })
            }
        }
    }

    /// Says that `job`'s document has nothing to chart; a restored one is
    /// not kept for the next visit either.
    fn nothing_to_chart(&mut self, job: &Job) {
        let named = if job.found.is_empty() {
            String::new()
        } else {
            format!(
                " It names {}, but gives no figures or dates for it.",
                job.found.join(", ")
            )
        };
        self.doc_status(&format!(
            "Nothing to chart was found in “{}”.{named} {LOOKED_FOR}",
            job.reading.name
        ));
        if job.reading.restored {
            let _ = self.save_documents();
        }
    }

    /// Removes added document `doc` (a corpus index).
    fn remove_document(&mut self, doc: usize) -> Result<(), JsValue> {
        let Some(d) = self.corpus.documents().get(doc) else {
            return Ok(());
        };
        if !d.user_added {
            return Ok(());
        }
        let removed = self.corpus.remove(doc).map(|d| d.name).unwrap_or_default();
        // A document being merged keeps its index right, or stops.
        PARSER.with(|cell| {
            if let Ok(mut p) = cell.try_borrow_mut() {
                p.jobs.retain(|j| j.doc != Some(doc));
                for j in &mut p.jobs {
                    j.doc = j.doc.map(|d| if d > doc { d - 1 } else { d });
                }
            }
        });
        self.source = match self.source {
            Some(s) if s == doc => None,
            Some(s) if s > doc => Some(s - 1),
            s => s,
        };
        self.after_removal()?;
        let saved = self.save_documents();
        self.doc_status(&format!("Removed “{removed}”.{saved}"));
        Ok(())
    }

    /// Forgets a saved document that could not be read or added: `unread`
    /// picks from the documents the worker could not take, else from the
    /// saved entries that could not be read at all.
    fn forget(&mut self, unread: bool, i: usize) -> Result<(), JsValue> {
        let name = PARSER.with(|cell| {
            let mut p = cell.try_borrow_mut().ok()?;
            if unread {
                (i < p.unread.len()).then(|| p.unread.remove(i).0.name)
            } else {
                (i < p.saved.len()).then(|| {
                    p.saved.remove(i);
                    "a saved document that could not be read".to_string()
                })
            }
        });
        let Some(name) = name else { return Ok(()) };
        let saved = self.save_documents();
        self.build_document_list()?;
        self.doc_status(&format!("Removed “{name}”.{saved}"));
        Ok(())
    }

    /// Removes every added document and forgets them.
    fn reset_documents(&mut self) -> Result<(), JsValue> {
        // Documents still being read, merged, or unreadable, go too: a late
        // answer finds nothing waiting for it and is dropped.
        PARSER.with(|cell| {
            if let Ok(mut p) = cell.try_borrow_mut() {
                p.pending.clear();
                p.jobs.clear();
                p.unread.clear();
                p.saved.clear();
            }
        });
        while let Some(last) = self.corpus.documents().iter().rposition(|d| d.user_added) {
            self.corpus.remove(last);
        }
        self.source = self.source.filter(|s| *s < self.corpus.documents().len());
        self.after_removal()?;
        if let Ok(Some(storage)) = self.dom.window.local_storage() {
            // Removing a missing key is not an error.
            let _ = storage.remove_item(STORE_KEY);
        }
        self.doc_status("Back to the five seed documents.");
        Ok(())
    }

    fn after_removal(&mut self) -> Result<(), JsValue> {
        if self.panel.is_open() {
            self.close_panel()?;
        }
        self.refresh_data()?;
        self.build_document_list()
    }

    /// Stores the added documents; returns a sentence if that failed.
    fn save_documents(&self) -> String {
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
        for d in self.corpus.documents().iter().filter(|d| d.user_added) {
            ok &= push(&d.name, &d.text);
        }
        // Documents of an earlier visit still being read or merged, or
        // that could not be read, stay stored; so do saved entries that
        // could not be read at all, as they were.
        PARSER.with(|cell| {
            if let Ok(p) = cell.try_borrow() {
                let waiting = (p.pending.iter().map(|(_, r)| r))
                    .chain(
                        p.jobs
                            .iter()
                            .filter(|j| j.doc.is_none())
                            .map(|j| &j.reading),
                    )
                    .chain(p.unread.iter().map(|(r, _)| r));
                for r in waiting.filter(|r| r.restored) {
                    ok &= push(&r.name, &r.text);
                }
                for (entry, _) in &p.saved {
                    list.push(entry);
                }
            }
        });
        if !ok {
            return " It could not be saved for the next visit.".to_string();
        }
        // The JSON goes to setItem as the string JSON.stringify made, not
        // through the module's memory and back: it can be megabytes.
        let stored = js_sys::JSON::stringify(&list)
            .ok()
            .zip(self.dom.window.local_storage().ok().flatten())
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
    fn build_document_list(&self) -> Result<(), JsValue> {
        let list = self.dom.element("document-list")?;
        list.set_text_content(None);
        let item = |label: &str, attr: &str, i: usize, aria: &str| -> Result<(), JsValue> {
            let item = self.dom.create("li", None)?;
            self.dom.add(&item, "span", Some(label))?;
            let (i, aria) = (i.to_string(), format!("Remove {aria}"));
            let attrs = [(attr, &*i), ("aria-label", &*aria)];
            let remove = self.dom.button("Remove", "remove", &attrs)?;
            item.append_child(&remove)?;
            list.append_child(&item)?;
            Ok(())
        };
        for (i, d) in self.corpus.documents().iter().enumerate() {
            if !d.user_added {
                continue;
            }
            let events = d.extraction.events.len();
            let label = format!(
                "{} — {events} event{}",
                d.name,
                if events == 1 { "" } else { "s" }
            );
            item(&label, "data-remove", i, &d.name)?;
        }
        let kept: Vec<(bool, usize, String, String)> = PARSER.with(|cell| {
            cell.try_borrow().map_or_else(
                |_| Vec::new(),
                |p| {
                    let unread = p.unread.iter().enumerate().filter(|(_, (r, _))| r.restored);
                    let unread = unread.map(|(i, (r, why))| {
                        let label = format!("{} — saved, but not added: {why}", r.name);
                        (true, i, label, r.name.clone())
                    });
                    let saved = p.saved.iter().enumerate().map(|(i, (_, why))| {
                        let label = format!("A saved document that could not be read: {why}");
                        (false, i, label, "the unreadable saved document".to_string())
                    });
                    unread.chain(saved).collect()
                },
            )
        });
        for (unread, i, label, name) in kept {
            let attr = if unread {
                "data-forget-unread"
            } else {
                "data-forget-saved"
            };
            item(&label, attr, i, &name)?;
        }
        Ok(())
    }
}

/// The reading of `job`, taken out of it.
fn take_reading(job: &mut Job) -> Reading {
    let placeholder = Reading {
        name: String::new(),
        text: String::new(),
        started: 0.0,
        busy: 0.0,
        longest: 0.0,
        tasks: Vec::new(),
        restored: false,
        edits: None,
    };
    std::mem::replace(&mut job.reading, placeholder)
}

/// Reads the documents stored by an earlier visit, in the worker like any
/// other (after the first drawing, so the page shows at once). A stored
/// entry that cannot be read stays stored, listed with Remove.
pub(super) fn restore(app: &mut App) {
    let stored = app
        .dom
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
                        let reading = Reading::new(name, text, true);
                        report(app.read(reading));
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
        PARSER.with(|cell| {
            if let Ok(mut p) = cell.try_borrow_mut() {
                p.saved.extend(saved);
            }
        });
        report(app.build_document_list());
        app.doc_status(app.kept_note().trim_start());
    }
}

/// The worker that parses added documents, made on the first one, and the
/// documents it is reading, by message id.
#[derive(Default)]
struct Parser {
    worker: Option<Worker>,
    /// The worker could not be made or failed: nothing more is sent.
    broken: bool,
    next: u32,
    pending: Vec<(u32, Reading)>,
    /// Documents read, waiting to be merged, in order (see [`Job`]).
    jobs: Vec<Job>,
    /// A merging step is scheduled.
    scheduled: bool,
    /// Saved documents that could not be read or were refused, and why,
    /// kept (stored and listed) until the reader removes them.
    unread: Vec<(Reading, String)>,
    /// Saved entries that could not be read at all, as stored, and why.
    saved: Vec<(JsValue, String)>,
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(Parser::default());
    /// How many times the reader has edited the box (its `input` events).
    static EDITS: Cell<u32> = const { Cell::new(0) };
}

/// Sends a document to the worker; gives it back if there is no worker.
fn send_to_worker(reading: Reading) -> Result<(), Reading> {
    PARSER.with(|cell| {
        let Ok(mut p) = cell.try_borrow_mut() else {
            return Err(reading);
        };
        if p.worker.is_none() && !p.broken {
            p.worker = make_worker();
            p.broken = p.worker.is_none();
        }
        let Some(worker) = p.worker.clone() else {
            return Err(reading);
        };
        p.next += 1;
        let id = p.next;
        let message = js_sys::Object::new();
        let sent = js_sys::Reflect::set(&message, &"id".into(), &id.into())
            .and_then(|_| {
                js_sys::Reflect::set(&message, &"text".into(), &reading.text.as_str().into())
            })
            .and_then(|_| worker.post_message(&message));
        if sent.is_err() {
            return Err(reading);
        }
        p.pending.push((id, reading));
        Ok(())
    })
}

/// A module worker running `worker.js`, with its message handlers.
fn make_worker() -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options("worker.js", &options).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(on_parsed);
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A worker that cannot start (say, its module is missing): every
    // document waiting for it is kept and said to be unread.
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| {
        let waiting = PARSER.with(|cell| {
            cell.try_borrow_mut().map_or_else(
                |_| Vec::new(),
                |mut p| {
                    p.broken = true;
                    p.worker = None;
                    std::mem::take(&mut p.pending)
                },
            )
        });
        for (_, r) in waiting {
            with_app(|app| app.unreadable(r, "the page's reader (a web worker) failed to start"));
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(worker)
}

/// The worker's answer: `{id, bytes}`, `{id, refused}` (over the budget) or
/// `{id, error}`, with `fatal` when the worker's module failed and it ended.
fn on_parsed(e: MessageEvent) {
    let started = now();
    let data = e.data();
    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let id = get("id").as_f64().unwrap_or(0.0) as u32;
    let entry = PARSER.with(|cell| {
        let mut p = cell.try_borrow_mut().ok()?;
        let i = p.pending.iter().position(|(x, ..)| *x == id)?;
        Some(p.pending.remove(i))
    });
    if get("fatal").is_truthy() {
        // The worker has ended: the documents it had not answered go to a
        // new one.
        let waiting = PARSER.with(|cell| {
            cell.try_borrow_mut().map_or_else(
                |_| Vec::new(),
                |mut p| {
                    if let Some(w) = p.worker.take() {
                        w.terminate();
                    }
                    std::mem::take(&mut p.pending)
                },
            )
        });
        for (_, r) in waiting {
            if let Err(r) = send_to_worker(r) {
                with_app(|app| app.unreadable(r, "the page's reader (a web worker) failed"));
            }
        }
    }
    let Some((_, mut r)) = entry else {
        return;
    };
    let bytes = get("bytes");
    if let Some(b) = bytes.dyn_ref::<js_sys::Uint8Array>() {
        // Checked before a byte is copied into the page's module.
        if let Some(why) = crate::worker::encoded_refusal(b.length() as usize) {
            with_app(|app| app.refused(r, &why));
            return;
        }
        r.spent(now() - started);
        let job = Job {
            reading: r,
            bytes,
            doc: None,
            found: Vec::new(),
            ids: Vec::new(),
            step: 0,
            saved: String::new(),
        };
        PARSER.with(|cell| {
            if let Ok(mut p) = cell.try_borrow_mut() {
                p.jobs.push(job);
            }
        });
        schedule();
        return;
    }
    with_app(|app| match get("refused").as_string() {
        Some(why) => app.refused(r, &why),
        None => {
            let why = get("error")
                .as_string()
                .unwrap_or_else(|| "the reader sent back no facts".to_string());
            app.unreadable(r, &why);
        }
    });
}

/// Runs the next merging step in a task of its own, unless one is due.
fn schedule() {
    let due = PARSER.with(|cell| {
        cell.try_borrow_mut().is_ok_and(|mut p| {
            let due = !p.scheduled && !p.jobs.is_empty();
            p.scheduled |= due;
            due
        })
    });
    if !due {
        return;
    }
    let step = Closure::once_into_js(run_step);
    if let Some(w) = web_sys::window() {
        report(
            w.set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 0)
                .map(|_| ()),
        );
    }
}

/// One step of the first job; times it, and says what came of the
/// document when it is done.
fn run_step() {
    let job = PARSER.with(|cell| {
        let mut p = cell.try_borrow_mut().ok()?;
        p.scheduled = false;
        (!p.jobs.is_empty()).then(|| p.jobs.remove(0))
    });
    let Some(mut job) = job else { return };
    let started = now();
    let next = with_app(|app| app.merge_step(&mut job)).unwrap_or(Ok(Next::Done));
    job.reading.spent(now() - started);
    match next {
        Ok(Next::Step) => PARSER.with(|cell| {
            if let Ok(mut p) = cell.try_borrow_mut() {
                p.jobs.insert(0, job);
            }
        }),
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
            with_app(|app| {
                app.doc_status(&match done {
                    Next::Added { found, saved } => format!(
                        "Added “{}” (read in {} ms in the background; {work}): {found}.{saved}",
                        r.name,
                        ms(end - r.started),
                    ),
                    _ => format!(
                        "Restored “{}” from an earlier visit ({work}).{}",
                        r.name,
                        app.kept_note()
                    ),
                });
                // Each task's time, for the benchmark.
                let tasks: Vec<String> = r.tasks.iter().map(u32::to_string).collect();
                if let Ok(status) = app.dom.element("document-status") {
                    report(status.set_attribute("data-tasks", &tasks.join(" ")));
                }
            });
        }
        Err(e) => report(Err(e)),
    }
    schedule();
}

/// Reads a chosen or dropped file and adds it.
fn read_file(file: File) {
    let name = file.name();
    if file.size() > MAX_BYTES {
        with_app(|app| app.doc_status(&too_large(&name, file.size())));
        return;
    }
    let is_text = name.to_ascii_lowercase().ends_with(".txt") || file.type_() == "text/plain";
    if !is_text {
        with_app(|app| {
            app.doc_status(&format!(
                "“{name}” was not added: only .txt files can be read."
            ))
        });
        return;
    }
    let reader = match FileReader::new() {
        Ok(r) => r,
        Err(e) => return report(Err(e)),
    };
    let done = reader.clone();
    let on_load = Closure::once_into_js(move |_: JsValue| {
        let text = done
            .result()
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        with_app(|app| report(app.add_document(&name, &text, now(), None)));
    });
    reader.set_onload(Some(on_load.unchecked_ref()));
    report(reader.read_as_text(&file));
}

/// Wires the form, the file input, dropping, removing and resetting.
pub(super) fn attach(app: &App) -> Result<(), JsValue> {
    let area: HtmlTextAreaElement = app.dom.element("add-document")?.dyn_into()?;
    listen(
        app.dom.element("add-document-submit")?.as_ref(),
        "click",
        false,
        move |_| {
            // Timed from here: reading a large box is main-thread work too.
            let started = now();
            let text = area.value();
            let edits = Some(EDITS.get());
            with_app(|app| report(app.add_document(&pasted_name(&text), &text, started, edits)));
        },
    )?;
    listen(
        app.dom.element("add-document")?.as_ref(),
        "input",
        false,
        |_| {
            EDITS.set(EDITS.get().wrapping_add(1));
        },
    )?;
    let input: HtmlInputElement = app.dom.element("add-document-file")?.dyn_into()?;
    let target = input.clone();
    listen(target.as_ref(), "change", false, move |_| {
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(file);
        }
        input.set_value("");
    })?;
    listen(app.dom.document.as_ref(), "dragover", false, |e| {
        e.unchecked_ref::<web_sys::Event>().prevent_default();
    })?;
    listen(app.dom.document.as_ref(), "drop", false, |e| {
        let e: DragEvent = e.unchecked_into();
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            read_file(file);
        }
    })?;
    listen(
        app.dom.element("document-list")?.as_ref(),
        "click",
        false,
        |e| {
            if let Some(doc) = button_data(&e, "button[data-remove]", "data-remove") {
                with_app(|app| report(app.remove_document(doc)));
            }
            for (unread, key) in [(true, "data-forget-unread"), (false, "data-forget-saved")] {
                if let Some(i) = button_data(&e, &format!("button[{key}]"), key) {
                    with_app(|app| report(app.forget(unread, i)));
                }
            }
        },
    )?;
    listen(
        app.dom.element("reset-documents")?.as_ref(),
        "click",
        false,
        |_| {
            with_app(|app| report(app.reset_documents()));
        },
    )?;
    app.build_document_list()
}
