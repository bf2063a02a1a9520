//! A file's bytes as text: UTF-8 (with or without a byte-order mark) or
//! UTF-16 in either byte order (with a byte-order mark, or recognised by its
//! zero bytes), decoded without failing. Whatever could not be decoded is
//! replaced by U+FFFD and said in a warning naming the byte offset, so no
//! text is lost silently.

use crate::model::{Level, Warning};

/// How the bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// The text of `bytes` and warnings about what could not be decoded.
pub fn decode(bytes: Vec<u8>) -> (String, Encoding, Vec<Warning>) {
    let mut warnings = Vec::new();
    let (encoding, skip) = match bytes.as_slice() {
        [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        b if looks_utf16(b, 1) => (Encoding::Utf16Le, 0),
        b if looks_utf16(b, 0) => (Encoding::Utf16Be, 0),
        _ => (Encoding::Utf8, 0),
    };
    let text = match encoding {
        Encoding::Utf8 => {
            let mut bytes = bytes;
            bytes.drain(..skip);
            match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to() + skip;
                    let bytes = e.into_bytes();
                    let mut out = String::with_capacity(bytes.len() + 16);
                    let mut bad = 0usize;
                    for chunk in bytes.utf8_chunks() {
                        out.push_str(chunk.valid());
                        if !chunk.invalid().is_empty() {
                            bad += 1;
                            out.push('\u{FFFD}');
                        }
                    }
                    warnings.push(warn(format!(
                        "the file is not valid UTF-8 from byte {at} on; {bad} invalid sequence(s) are shown as \u{FFFD}"
                    )));
                    out
                }
            }
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let body = bytes.get(skip..).unwrap_or(&[]);
            let units = body.chunks_exact(2).map(|p| match encoding {
                Encoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
                _ => u16::from_le_bytes([p[0], p[1]]),
            });
            let mut out = String::with_capacity(body.len() / 2);
            let mut first_bad: Option<usize> = None;
            let mut bad = 0usize;
            let mut at = skip;
            for c in char::decode_utf16(units) {
                match c {
                    Ok(c) => {
                        at += 2 * c.len_utf16();
                        out.push(c);
                    }
                    Err(_) => {
                        first_bad.get_or_insert(at);
                        bad += 1;
                        at += 2;
                        out.push('\u{FFFD}');
                    }
                }
            }
            if let Some(at) = first_bad {
                warnings.push(warn(format!(
                    "the UTF-16 text has {bad} unpaired surrogate(s), the first at byte {at}; shown as \u{FFFD}"
                )));
            }
            if body.len() % 2 == 1 {
                warnings.push(warn(format!(
                    "the UTF-16 text ends with a lone byte at {}; it is left out",
                    bytes.len() - 1
                )));
            }
            out
        }
    };
    (text, encoding, warnings)
}

fn warn(message: String) -> Warning {
    Warning {
        level: Level::Warning,
        message,
        src: None,
    }
}

/// UTF-16 without a byte-order mark: in the first bytes, most bytes at
/// parity `zero` are 0 and none at the other, as in mostly-ASCII text.
fn looks_utf16(b: &[u8], zero: usize) -> bool {
    let head = &b[..b.len().min(256) & !1];
    let (mut zeros, mut stray) = (0, 0);
    for (i, &x) in head.iter().enumerate() {
        if x == 0 {
            if i % 2 == zero {
                zeros += 1;
            } else {
                stray += 1;
            }
        }
    }
    head.len() >= 4 && stray == 0 && zeros * 4 >= head.len() / 2 * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = (bom.then_some(0xFEFF)).into_iter().chain(s.encode_utf16());
        for u in units {
            out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf16_in_both_byte_orders_is_decoded() {
        let s = "The Second Congress had 649 delegates — “all”.";
        for (be, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let (text, enc, w) = decode(utf16(s, be, bom));
            assert_eq!(text, s);
            assert!(w.is_empty());
            let want = if be {
                Encoding::Utf16Be
            } else {
                Encoding::Utf16Le
            };
            assert_eq!(enc, want);
        }
    }

    #[test]
    fn broken_input_is_replaced_and_said() {
        let (text, enc, w) = decode(b"ab\xFFcd\xC3".to_vec());
        assert_eq!(
            (text.as_str(), enc),
            ("ab\u{FFFD}cd\u{FFFD}", Encoding::Utf8)
        );
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message.contains("from byte 2 on; 2 invalid"),
            "{}",
            w[0].message
        );
        let mut b = utf16("ab", false, true);
        b.extend([0x00, 0xD8, b'c', 0, 7]);
        let (text, _, w) = decode(b);
        assert_eq!(text, "ab\u{FFFD}c");
        assert!(w[0].message.contains("first at byte 6"), "{}", w[0].message);
        assert!(w[1].message.contains("lone byte at 10"), "{}", w[1].message);
        let (text, _, w) = decode(b"\xEF\xBB\xBFplain".to_vec());
        assert_eq!((text.as_str(), w.len()), ("plain", 0));
        assert_eq!(decode(Vec::new()).0, "");
    }
}
