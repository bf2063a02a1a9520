//! Tokenizer. (Being written.)
