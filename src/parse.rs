//! Parser. (Being written.)
use crate::model::Extraction;
/// Parses one document.
pub fn parse(_text: &str, _doc: usize) -> Extraction {
    Extraction::default()
}
