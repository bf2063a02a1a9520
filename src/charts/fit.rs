//! Fitting text into a width: truncation with an ellipsis and word wrapping.

use super::{FontSpec, TextMeasure};

/// `text` if it fits in `max_w`, else its longest prefix that fits followed
/// by "…"; `None` if not even the ellipsis fits.
pub(crate) fn fit(m: &dyn TextMeasure, text: &str, font: FontSpec, max_w: f64) -> Option<String> {
    if m.width(text, font) <= max_w {
        return Some(text.to_string());
    }
    // `ends[k]` is the byte length of the first `k` characters.
    let mut ends = Vec::new();
    for (i, _) in text.char_indices() {
        ends.push(i);
    }
    let cut = |k: usize| format!("{}…", text.get(..ends[k]).unwrap_or_default().trim_end());
    let fits = |k: usize| m.width(&cut(k), font) <= max_w;
    // The longest prefix that fits, by binary search over character counts.
    let (mut lo, mut hi) = (0, ends.len().saturating_sub(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    fits(lo).then(|| cut(lo))
}

/// Greedy word wrap of `text` into at most `max_lines` lines of `max_w`;
/// `None` if a word is wider than a line or the lines run out.
pub(crate) fn wrap(
    m: &dyn TextMeasure,
    text: &str,
    font: FontSpec,
    max_w: f64,
    max_lines: usize,
) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if m.width(&candidate, font) <= max_w {
            line = candidate;
        } else {
            if line.is_empty() || m.width(word, font) > max_w {
                return None;
            }
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    (lines.len() <= max_lines).then_some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::ApproxMeasure;

    const F: FontSpec = FontSpec::new(10.0); // 6 px per character

    #[test]
    fn fit_truncates_with_an_ellipsis() {
        let m = ApproxMeasure;
        assert_eq!(
            fit(&m, "Decree on Land", F, 200.0).as_deref(),
            Some("Decree on Land")
        );
        assert_eq!(
            fit(&m, "Decree on Land", F, 60.0).as_deref(),
            Some("Decree on…")
        );
        assert_eq!(
            fit(&m, "Decree on Land", F, 42.0).as_deref(),
            Some("Decree…")
        );
        assert_eq!(fit(&m, "Decree on Land", F, 3.0), None);
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        let m = ApproxMeasure;
        assert_eq!(
            wrap(&m, "1st Congress", F, 50.0, 2),
            Some(vec!["1st".to_string(), "Congress".to_string()])
        );
        assert_eq!(
            wrap(&m, "1st Congress", F, 72.0, 2),
            Some(vec!["1st Congress".to_string()])
        );
        assert_eq!(wrap(&m, "1st Congress", F, 40.0, 2), None);
        assert_eq!(wrap(&m, "a b c", F, 6.0, 2), None);
    }
}
