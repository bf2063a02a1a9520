//! The parsing worker's wasm module (`--features worker`): text in, facts
//! out. It is all the page needs of the parser, and is only fetched when a
//! reader adds a document (see `www/worker.js`), so the page's own module
//! carries no parser and starts from the seeds' pre-read facts
//! ([`crate::seeds::extractions`]).

use wasm_bindgen::prelude::*;

/// Parses `text` and returns its extraction's bytes (see [`crate::codec`]);
/// the page relabels its spans with the document's index.
#[wasm_bindgen]
pub fn parse_document(text: &str) -> Vec<u8> {
    crate::codec::encode(&crate::parse(text, 0))
}
