//! Fuzz target: any bytes, read as (lossy) UTF-8, as a URL fragment. Reading
//! never panics, and whatever was read writes a fragment that reads back
//! to the same view with no warnings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use soviets::view::ViewState;

fuzz_target!(|data: &[u8]| {
    let hash = String::from_utf8_lossy(data);
    let (view, warnings) = ViewState::parse(&hash);
    assert!(warnings.len() <= 4);
    let (again, none) = ViewState::parse(&view.to_hash());
    assert_eq!(again, view);
    assert!(none.is_empty(), "{none:?}");
});
