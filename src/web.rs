//! The browser layer. (Being written.)
