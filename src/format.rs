//! Number formatting for labels, tooltips, tables and the audit views,
//! done with integer arithmetic so output is the same everywhere (and no
//! float formatting reaches the wasm). Below `charts` and `provenance`.
//! Also the text search the labels need ([`split_once`], [`replace`]), a
//! plain byte scan: std's `&str` patterns bring a two-way searcher and its
//! panic formatting into the page's wasm; and [`Join`], a plain loop where
//! std's `join` is unrolled per separator length, once per element type.

/// "1,993".
pub fn count(n: u32) -> String {
    group(u64::from(n))
}

/// "4,294,967,296": any whole number, grouped by thousands.
pub(crate) fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "+285", "−14" (with a minus sign), "0".
pub fn signed_count(n: i64) -> String {
    let sign = match n.signum() {
        1 => "+",
        -1 => "\u{2212}",
        _ => "",
    };
    format!("{sign}{}", group(n.unsigned_abs()))
}

/// `tenths` of a percent as "60.1".
fn tenths(t: u64) -> String {
    format!("{}.{}", group(t / 10), t % 10)
}

/// A fraction as a percentage to one decimal: 0.6009 → "60.1%".
pub fn percent(share: f64) -> String {
    format!("{}%", tenths((share * 1000.0).round().max(0.0) as u64))
}

/// A change of share in percentage points: 0.467 → "+46.7 pp".
pub fn signed_points(delta: f64) -> String {
    let t = (delta * 1000.0).round() as i64;
    let sign = match t.signum() {
        1 => "+",
        -1 => "\u{2212}",
        _ => "",
    };
    format!("{sign}{} pp", tenths(t.unsigned_abs()))
}

/// "390", or "≈100" when approximate.
pub(crate) fn about(n: u32, approximate: bool) -> String {
    if approximate {
        format!("≈{}", count(n))
    } else {
        count(n)
    }
}

/// A whole percentage for labels inside bars: 0.6009 → "60%".
pub(crate) fn whole_percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round().max(0.0) as u64)
}

/// `s` split around the first `pat`, like `str::split_once` with a `&str`.
pub fn split_once<'a>(s: &'a str, pat: &str) -> Option<(&'a str, &'a str)> {
    if pat.is_empty() {
        return Some(("", s));
    }
    let at = s
        .as_bytes()
        .windows(pat.len())
        .position(|w| w == pat.as_bytes())?;
    Some((s.get(..at)?, s.get(at + pat.len()..)?))
}

/// `s` with every `from` replaced by `to`, like `str::replace` with a
/// non-empty `&str` (an empty `from` changes nothing).
pub fn replace(s: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((head, tail)) = split_once(rest, from) {
        out.push_str(head);
        out.push_str(to);
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// `parts.joined(sep)`: `parts` with `sep` between them, as `join`.
pub trait Join {
    fn joined(&self, sep: &str) -> String;
}

impl<S: AsRef<str>> Join for [S] {
    fn joined(&self, sep: &str) -> String {
        let mut out = String::new();
        for (i, part) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(part.as_ref());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(count(1993), "1,993");
        assert_eq!(count(649), "649");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(signed_count(285), "+285");
        assert_eq!(signed_count(-1234), "\u{2212}1,234");
        assert_eq!(signed_count(0), "0");
        assert_eq!(percent(390.0 / 649.0), "60.1%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(signed_points(390.0 / 649.0 - 105.0 / 784.0), "+46.7 pp");
        assert_eq!(signed_points(-0.0004), "0.0 pp");
        assert_eq!(whole_percent(0.601), "60%");
    }

    #[test]
    fn joined_is_join() {
        let owned = ["a".to_string(), "bc".to_string(), String::new()];
        assert_eq!(owned.joined(", "), owned.join(", "));
        assert_eq!(["x", "y"].joined(""), "xy");
        assert_eq!(Vec::<&str>::new().joined("; "), "");
    }

    #[test]
    fn text_search_matches_std() {
        for (s, pat) in [
            ("faction sum against 784 delegates", " against "),
            ("no match here", " against "),
            ("", "x"),
            ("x", ""),
            ("ünïcode — delegate, delegates", "delegate"),
            ("delegate", "delegate"),
        ] {
            assert_eq!(split_once(s, pat), s.split_once(pat), "{s} / {pat}");
            if !pat.is_empty() {
                assert_eq!(replace(s, pat, "member"), s.replace(pat, "member"));
            }
        }
        assert_eq!(replace("abc", "", "x"), "abc");
    }
}
