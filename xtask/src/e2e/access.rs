//! Browser tests of the data tables, keyboard, screen reader, touch, export, shareable links, dark mode and small screens (issue 5).

use super::Test;

/// The tests, in the order they run.
pub const TESTS: &[(&str, Test)] = &[];
