//! Documents the reader adds: pasted text, or a `.txt` file chosen or
//! dropped on the page. The same core parses them in the browser; their
//! events join every chart, the selectors and the source panel. They are
//! kept in localStorage, can be removed one by one or all at once.
//!
//! Parsing runs in a module worker (`www/worker.js`, the same wasm core) so
//! the page never waits on it: the worker sends back the extraction as
//! bytes ([`crate::codec`]) and only merging and redrawing happen here.
//! Texts over 1 MB are refused before they are read. Documents stored by
//! an earlier visit are read the same way once the page has drawn.

use super::sources::button_data;
use super::{listen, report, with_app, App};
use std::cell::RefCell;
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
    /// Restored from an earlier visit (already stored, said quietly).
    restored: bool,
}

impl App {
    /// Shows `message` under the add-document form.
    fn doc_status(&self, message: &str) {
        if let Ok(status) = self.element("document-status") {
            status.set_text_content(Some(message));
        }
    }

    fn now(&self) -> f64 {
        self.window.performance().map_or(0.0, |p| p.now())
    }

    /// Checks a document and sends it to the worker to be parsed (or
    /// parses it here if there is no worker); says what came of it.
    fn add_document(&mut self, name: &str, text: &str) -> Result<(), JsValue> {
        if text.len() as f64 > MAX_BYTES {
            self.doc_status(&too_large(name, text.len() as f64));
            return Ok(());
        }
        if text.trim().is_empty() {
            self.doc_status("There is no text to add: paste a document first.");
            return Ok(());
        }
        let reading = Reading {
            name: name.to_string(),
            text: text.to_string(),
            started: self.now(),
            restored: false,
        };
        self.read(reading)
    }

    /// Sends a document to the worker; says so if it cannot be read.
    fn read(&mut self, reading: Reading) -> Result<(), JsValue> {
        let status = format!("Reading “{}”…", reading.name);
        match send_to_worker(reading) {
            Ok(()) => self.doc_status(&status),
            Err(r) => self.unreadable(r, "the page's reader (a web worker) could not start"),
        }
        Ok(())
    }

    /// Says that `r` could not be read and why, keeping its text: a stored
    /// document stays stored, a typed one stays in the box.
    fn unreadable(&self, r: Reading, why: &str) {
        self.doc_status(&format!(
            "“{}” could not be read: {why}. Its text is kept; reload the page to try again.",
            r.name
        ));
        if !r.restored {
            let area = self.element("add-document").ok();
            let area = area.and_then(|a| a.dyn_into::<HtmlTextAreaElement>().ok());
            if let Some(area) = area.filter(|a| a.value().trim().is_empty()) {
                area.set_value(&r.text);
            }
        }
        PARSER.with(|cell| {
            if let Ok(mut p) = cell.try_borrow_mut() {
                p.unread.push(r);
            }
        });
    }

    /// Adds a document the worker parsed, unless it has nothing to chart;
    /// says which.
    fn accept_document(
        &mut self,
        r: &Reading,
        extraction: crate::Extraction,
    ) -> Result<(), JsValue> {
        let (name, text) = (r.name.as_str(), r.text.as_str());
        let here = self.now();
        let found: Vec<String> = extraction.events.iter().map(|e| e.name.clone()).collect();
        // Events the text says something about (not only names).
        let ids: Vec<String> = extraction
            .events
            .iter()
            .filter(|e| e.has_facts())
            .map(|e| e.id.clone())
            .collect();
        let doc = self.corpus.add_parsed(name, text, true, extraction);
        // The charts are rebuilt once with the document; if none of its
        // events is drawn, once more without it.
        let charted = !ids.is_empty() && {
            self.refresh_data()?;
            self.data.events.iter().any(|e| ids.contains(&e.id))
        };
        if !charted {
            self.corpus.remove(doc);
            if !ids.is_empty() {
                self.refresh_data()?;
            }
            let named = if found.is_empty() {
                String::new()
            } else {
                format!(
                    " It names {}, but gives no figures or dates for it.",
                    found.join(", ")
                )
            };
            self.doc_status(&format!(
                "Nothing to chart was found in “{name}”.{named} {LOOKED_FOR}"
            ));
            if r.restored {
                // Not kept for the next visit either.
                let _ = self.save_documents();
            }
            return Ok(());
        }
        // An added document goes last, so the panel's document keeps its
        // index; list its facts again against the new charts.
        self.reshow_document()?;
        self.build_document_list()?;
        if r.restored {
            self.doc_status(&format!("Restored “{name}” from an earlier visit."));
            return Ok(());
        }
        let saved = self.save_documents();
        if let Ok(area) = self.element("add-document") {
            let area: HtmlTextAreaElement = area.dyn_into()?;
            if area.value() == text {
                area.set_value("");
            }
        }
        let end = self.now();
        // Whole milliseconds: float formatting would add kilobytes to the module.
        let ms = |from: f64| (end - from).round().max(0.0) as u32;
        self.doc_status(&format!(
            "Added “{name}” (read in {} ms in the background, {} ms on this page): {}.{saved}",
            ms(r.started),
            ms(here),
            found.join(", ")
        ));
        Ok(())
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

    /// Removes every added document and forgets them.
    fn reset_documents(&mut self) -> Result<(), JsValue> {
        while let Some(last) = self.corpus.documents().iter().rposition(|d| d.user_added) {
            self.corpus.remove(last);
        }
        self.source = self.source.filter(|s| *s < self.corpus.documents().len());
        self.after_removal()?;
        if let Ok(Some(storage)) = self.window.local_storage() {
            // Removing a missing key is not an error.
            let _ = storage.remove_item(STORE_KEY);
        }
        // Documents still being read, or unreadable, go too: a late answer
        // finds nothing waiting for it and is dropped.
        PARSER.with(|cell| {
            if let Ok(mut p) = cell.try_borrow_mut() {
                p.pending.clear();
                p.unread.clear();
            }
        });
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
        // Documents of an earlier visit still being read, or that could not
        // be read, stay stored.
        PARSER.with(|cell| {
            if let Ok(p) = cell.try_borrow() {
                let waiting = p.pending.iter().map(|(_, r)| r).chain(&p.unread);
                for r in waiting.filter(|r| r.restored) {
                    ok &= push(&r.name, &r.text);
                }
            }
        });
        if !ok {
            return " It could not be saved for the next visit.".to_string();
        }
        let stored = js_sys::JSON::stringify(&list)
            .ok()
            .and_then(|s| s.as_string())
            .zip(self.window.local_storage().ok().flatten())
            .map(|(json, storage)| storage.set_item(STORE_KEY, &json));
        match stored {
            Some(Ok(())) => String::new(),
            // A full quota or disabled storage: the documents stay until reload.
            _ => " The browser would not store it (storage full or disabled), so it will be gone after a reload.".to_string(),
        }
    }

    /// Lists the added documents with a Remove button each.
    fn build_document_list(&self) -> Result<(), JsValue> {
        let list = self.element("document-list")?;
        list.set_text_content(None);
        for (i, d) in self.corpus.documents().iter().enumerate() {
            if !d.user_added {
                continue;
            }
            let item = self.create("li", None)?;
            let events = d.extraction.events.len();
            let label = format!(
                "{} — {events} event{}",
                d.name,
                if events == 1 { "" } else { "s" }
            );
            self.add(&item, "span", Some(&label))?;
            let (i, aria) = (i.to_string(), format!("Remove {}", d.name));
            let attrs = [("data-remove", &*i), ("aria-label", &*aria)];
            let remove = self.button("Remove", "remove", &attrs)?;
            item.append_child(&remove)?;
            list.append_child(&item)?;
        }
        Ok(())
    }
}

/// Reads the documents stored by an earlier visit, in the worker like any
/// other (after the first drawing, so the page shows at once).
pub(super) fn restore(app: &mut App) {
    let stored = app
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
    let Some(entries) = entries else {
        app.doc_status(
            "The documents saved by an earlier visit could not be read, so they were left out.",
        );
        return;
    };
    let field = |e: &JsValue, k: &str| {
        js_sys::Reflect::get(e, &JsValue::from_str(k))
            .ok()
            .and_then(|v| v.as_string())
    };
    let mut skipped = 0;
    for e in entries.iter() {
        match (field(&e, "name"), field(&e, "text")) {
            (Some(name), Some(text)) if text.len() as f64 <= MAX_BYTES => {
                let reading = Reading {
                    name,
                    text,
                    started: app.now(),
                    restored: true,
                };
                report(app.read(reading));
            }
            _ => skipped += 1,
        }
    }
    if skipped > 0 {
        app.doc_status(&format!(
            "{skipped} saved document(s) could not be read and were left out."
        ));
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
    /// Documents the worker could not read, kept so none is lost.
    unread: Vec<Reading>,
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(Parser::default());
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

/// The worker's answer: `{id, bytes}` or `{id, error}`.
fn on_parsed(e: MessageEvent) {
    let data = e.data();
    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let id = get("id").as_f64().unwrap_or(0.0) as u32;
    let entry = PARSER.with(|cell| {
        let mut p = cell.try_borrow_mut().ok()?;
        let i = p.pending.iter().position(|(x, ..)| *x == id)?;
        Some(p.pending.remove(i))
    });
    let Some((_, r)) = entry else {
        return;
    };
    let bytes = get("bytes");
    with_app(|app| {
        let doc = app.corpus.documents().len();
        let x = if bytes.is_instance_of::<js_sys::Uint8Array>() {
            crate::codec::decode(&js_sys::Uint8Array::new(&bytes).to_vec(), doc)
        } else {
            None
        };
        match x {
            Some(x) => report(app.accept_document(&r, x)),
            None => {
                let why = get("error")
                    .as_string()
                    .unwrap_or_else(|| "the reader sent back no facts".to_string());
                app.unreadable(r, &why);
            }
        }
    });
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
        with_app(|app| report(app.add_document(&name, &text)));
    });
    reader.set_onload(Some(on_load.unchecked_ref()));
    report(reader.read_as_text(&file));
}

/// Wires the form, the file input, dropping, removing and resetting.
pub(super) fn attach(app: &App) -> Result<(), JsValue> {
    let area: HtmlTextAreaElement = app.element("add-document")?.dyn_into()?;
    listen(
        app.element("add-document-submit")?.as_ref(),
        "click",
        false,
        move |_| {
            let text = area.value();
            with_app(|app| report(app.add_document(&pasted_name(&text), &text)));
        },
    )?;
    let input: HtmlInputElement = app.element("add-document-file")?.dyn_into()?;
    let target = input.clone();
    listen(target.as_ref(), "change", false, move |_| {
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_file(file);
        }
        input.set_value("");
    })?;
    listen(app.document.as_ref(), "dragover", false, |e| {
        e.unchecked_ref::<web_sys::Event>().prevent_default();
    })?;
    listen(app.document.as_ref(), "drop", false, |e| {
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
        app.element("document-list")?.as_ref(),
        "click",
        false,
        |e| {
            if let Some(doc) = button_data(&e, "button[data-remove]", "data-remove") {
                with_app(|app| report(app.remove_document(doc)));
            }
        },
    )?;
    listen(
        app.element("reset-documents")?.as_ref(),
        "click",
        false,
        |_| {
            with_app(|app| report(app.reset_documents()));
        },
    )?;
    app.build_document_list()
}
