//! Browser tests of the source panel, conflicts, arithmetic, calendars, lineage, added documents and safety (issue 4).

use super::Test;

/// The tests, in the order they run.
pub const TESTS: &[(&str, Test)] = &[];
