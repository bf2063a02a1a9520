//! Fuzz target: any bytes through the worker codec's decoder (what a page
//! receives from its worker is checked, never trusted), and any text's
//! extraction through encode then decode, which must give it back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = soviets::codec::decode(data, soviets::DocId(0));
    let text = String::from_utf8_lossy(data);
    let x = soviets::parse(&text, soviets::DocId(0));
    let bytes = soviets::codec::encode(&x);
    assert_eq!(soviets::codec::decode(&bytes, soviets::DocId(0)).as_ref(), Some(&x));
});
