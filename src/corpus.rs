//! Corpus. (Being written.)
use crate::dataset::Dataset;
use crate::model::Extraction;

/// One document in the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    pub name: String,
    pub text: String,
    pub user_added: bool,
    pub extraction: Extraction,
}

/// All documents, with their facts merged per event.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    docs: Vec<Doc>,
}

impl Corpus {
    pub fn seeds() -> Corpus {
        let mut c = Corpus::default();
        for (name, text) in crate::seeds::SEEDS {
            c.add(name, text, false);
        }
        c
    }
    pub fn add(&mut self, name: &str, text: &str, user_added: bool) -> usize {
        let doc = self.docs.len();
        self.docs.push(Doc {
            name: name.to_string(),
            text: text.to_string(),
            user_added,
            extraction: crate::parse(text, doc),
        });
        doc
    }
    pub fn documents(&self) -> &[Doc] {
        &self.docs
    }
    pub fn dataset(&self) -> Dataset {
        Dataset { events: Vec::new() }
    }
}
