//! Facts about the All-Russian Congresses and Conference of Soviets,
//! 1917–1921, read from prose with the sentence each came from, and charts
//! of faction strength drawn from them.
//!
//! The core is pure Rust: [`parse()`] reads one text into an [`Extraction`],
//! [`Corpus`] merges documents and finds conflicts and arithmetic gaps,
//! [`Dataset`] is the chart-ready view, [`report`] writes JSON and CSV.
//! [`charts`] draws onto any plotters backend. Only `web` (the page's wasm
//! module) and `worker` (the parsing worker's, built with the `worker`
//! feature) know about the browser.

pub mod calendar;
pub mod charts;
pub mod codec;
pub mod corpus;
pub mod csv;
pub mod dataset;
pub mod factions;
pub mod format;
pub mod input;
pub mod json;
pub mod model;
pub mod names;
// The page never parses: its module is built without the parser, so a
// call to it from `web` does not compile.
#[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
pub mod parse;
pub mod provenance;
pub mod report;
pub mod seeds;
#[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
mod text;
pub mod view;
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
mod web;
pub mod worker;

pub use corpus::Corpus;
pub use dataset::Dataset;
pub use factions::Faction;
pub use model::{DocId, Extraction};
#[cfg(any(not(target_arch = "wasm32"), feature = "worker"))]
pub use parse::parse;
