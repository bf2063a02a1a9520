//! Reading dates: "June 3-22, 1917", "25 to 27 October (7 to 9 November)
//! 1917", "May 15 (2), 1917", "On April 12", "December 23-28, 1921".

use crate::calendar::{Basis, Date, Dated, Style};
use crate::text::{Kind, Kw, Token};

/// A date or date range found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateExpr {
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    pub start: Dated,
    pub end: Option<Dated>,
    /// Whether the text gave the year.
    pub year_given: bool,
}

/// Whether the dates in a sentence are of something other than the event:
/// a publication line ("Written: March 13, 1918", "First published ..."), a
/// source or a speech ("Speech at the closing of the congress, December 9").
pub(crate) fn incidental(toks: &[Token]) -> bool {
    toks.iter().any(|t| {
        matches!(
            t.kw(),
            Kw::Written
                | Kw::Published
                | Kw::Source
                | Kw::Translated
                | Kw::Delivered
                | Kw::Speech
                | Kw::Report
                | Kw::Transcription
        )
    })
}

fn day(t: Option<&Token>) -> Option<u8> {
    t.and_then(Token::num)
        .filter(|n| (1..=31).contains(n))
        .map(|n| n as u8)
}

fn year(t: Option<&Token>) -> Option<i32> {
    // Four digits, with no thousands separator: "1,240" is a count.
    t.filter(|t| t.end - t.start == 4)
        .and_then(Token::num)
        .filter(|n| (1000..=2999).contains(n))
        .map(|n| n as i32)
}

fn is_range_sep(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.is_punct('-') || t.is_punct('–') || t.is(Kw::To))
}

/// Days (and months) read at `i`: "3", "3-22", "25 to 27".
fn days(toks: &[Token], i: usize) -> Option<(u8, Option<u8>, usize)> {
    let d1 = day(toks.get(i))?;
    if is_range_sep(toks.get(i + 1)) {
        if let Some(d2) = day(toks.get(i + 2)) {
            if d2 > d1 {
                return Some((d1, Some(d2), i + 3));
            }
        }
    }
    Some((d1, None, i + 1))
}

/// The month whose day `d` is nearest to `near` (same month or a neighbour),
/// for a bare day in parentheses: "May 15 (2)".
fn nearby(near: Date, d: u8) -> Option<Date> {
    let (y, m) = (near.year, near.month);
    let prev = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    [(y, m), prev, next]
        .into_iter()
        .filter_map(|(y, m)| Date::new(y, m, d))
        .min_by_key(|c| (c.jdn(Style::New) - near.jdn(Style::New)).abs())
}

/// Style named right after a date: "(O.S.)", "Old Style", "N.S.".
fn named_style(toks: &[Token], i: usize) -> Option<(Style, usize)> {
    let mut j = i;
    if toks.get(j).is_some_and(|t| t.is_punct('(')) {
        j += 1;
    }
    let w = toks.get(j).map(Token::word)?;
    let (style, len) = match (w, toks.get(j + 1).map(Token::word)) {
        ("os", _) => (Style::Old, 1),
        ("ns", _) => (Style::New, 1),
        ("old", Some("style")) => (Style::Old, 2),
        ("new", Some("style")) => (Style::New, 2),
        _ => return None,
    };
    let mut end = j + len;
    if j > i && toks.get(end).is_some_and(|t| t.is_punct(')')) {
        end += 1;
    }
    Some((style, end))
}

/// A bracketed reading: (d1, d2, month of d1, month of d2).
type Bracket = (u8, Option<u8>, Option<u8>, Option<u8>);

/// "(7 to 9 November)", "(2)", "(17 May to 10 June)": the other-style
/// reading in brackets at `i` (the '('). Returns (d1, d2, month of d1, month
/// of d2) and the index after ')'.
fn paren(toks: &[Token], i: usize) -> Option<(Bracket, usize)> {
    if !toks.get(i)?.is_punct('(') {
        return None;
    }
    let m = |k: usize| toks.get(k).and_then(Token::month);
    // "(December 9 to 23)": the month first.
    let lead = m(i + 1);
    let at = i + 1 + usize::from(lead.is_some());
    let d1 = day(toks.get(at))?;
    let mut k = at + 1;
    let written = m(k);
    if written.is_some() {
        k += 1;
    }
    let m1 = written.or(lead);
    let mut d2 = None;
    let mut m2 = None;
    if is_range_sep(toks.get(k)) {
        d2 = Some(day(toks.get(k + 1))?);
        k += 2;
        m2 = m(k);
        if m2.is_some() {
            k += 1;
        }
    }
    toks.get(k)?
        .is_punct(')')
        .then_some(((d1, d2, m1.or(m2), m2.or(m1)), k + 1))
}

struct Raw {
    first: usize,
    last: usize,
    month: u8,
    d1: u8,
    d2: Option<u8>,
    /// Bracketed other-style reading: (d1', d2', month of d1', month of d2').
    paren: Option<Bracket>,
    year: Option<i32>,
}

/// Finishes a date read from token `first` up to `j`: a year may follow
/// after `skip` tokens (a comma).
fn with_year(
    toks: &[Token],
    first: usize,
    j: usize,
    skip: usize,
    (month, d1, d2, paren): (u8, u8, Option<u8>, Option<Bracket>),
) -> Raw {
    let year = year(toks.get(j + skip));
    Raw {
        first,
        last: if year.is_some() { j + skip + 1 } else { j },
        month,
        d1,
        d2,
        paren,
        year,
    }
}

/// "June 3-22, 1917", "May 15 (2), 1917", "April 12".
fn month_first(toks: &[Token], i: usize) -> Option<Raw> {
    let m = toks.get(i)?.month()?;
    if !toks[i].capital {
        return None; // "may" the verb
    }
    let (d1, d2, mut j) = days(toks, i + 1)?;
    let mut paren_read = None;
    if let Some((p, k)) = paren(toks, j) {
        paren_read = Some(p);
        j = k;
    }
    let comma = toks.get(j).is_some_and(|t| t.is_punct(','));
    Some(with_year(
        toks,
        i,
        j,
        usize::from(comma),
        (m, d1, d2, paren_read),
    ))
}

/// "25 to 27 October (7 to 9 November) 1917", "3 October", "20 October (2 November)".
fn day_first(toks: &[Token], i: usize) -> Option<Raw> {
    let (d1, d2, j) = days(toks, i)?;
    // "10 (23) December": the other style's day before the month.
    if let Some((p, k)) = paren(toks, j).filter(|(p, _)| p.2.is_none() && p.1.is_none()) {
        let m = toks.get(k)?.month()?;
        return Some(with_year(toks, i, k + 1, 0, (m, d1, d2, Some(p))));
    }
    let m = toks.get(j)?.month()?;
    let mut j = j + 1;
    let mut paren_read = None;
    if let Some((p, k)) = paren(toks, j).filter(|(p, _)| p.2.is_some()) {
        paren_read = Some(p);
        j = k;
    }
    Some(with_year(toks, i, j, 0, (m, d1, d2, paren_read)))
}

/// The second end of a range across months that starts with `raw`: after
/// a range separator, written the same way ("March 29 - April 3, 1917",
/// "26 November (9 December) to 10 (23) December 1917").
fn across_months(toks: &[Token], raw: &Raw) -> Option<Raw> {
    if raw.d2.is_some() || !is_range_sep(toks.get(raw.last)) {
        return None;
    }
    let k = raw.last + 1;
    match toks.get(k)?.kind {
        Kind::Num { ordinal: false, .. } => day_first(toks, k),
        Kind::Word(_) => month_first(toks, k),
        _ => None,
    }
    .filter(|r| r.d2.is_none())
}

/// Every date in `toks`. `context_year` fills in a missing year; dates with
/// no year and no context are skipped.
pub(crate) fn dates(toks: &[Token], context_year: Option<i32>) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let raw = match toks[i].kind {
            Kind::Num { ordinal: false, .. } => day_first(toks, i),
            Kind::Word(_) => month_first(toks, i),
            _ => None,
        };
        let Some(raw) = raw else {
            i += 1;
            continue;
        };
        i = raw.last.max(i + 1);
        // A range across months: "March 29 - April 3, 1917", "16 June to 7 July 1917".
        let second = across_months(toks, &raw);
        let raw_last = second.as_ref().map_or(raw.last, |r| r.last);
        i = i.max(raw_last);
        let mut last = raw_last;
        let Some(y) = second
            .as_ref()
            .and_then(|r| r.year)
            .or(raw.year)
            .or(context_year)
        else {
            continue;
        };
        // "28 December to 3 January 1918" starts the year before.
        let start_year = match &second {
            Some(r) if raw.year.is_none() && raw.month > r.month => y - 1,
            _ => raw.year.unwrap_or(y),
        };
        let (Some(a), b) = (
            Date::new(start_year, raw.month, raw.d1),
            match &second {
                Some(r) => Date::new(y, r.month, r.d1),
                None => raw.d2.and_then(|d| Date::new(y, raw.month, d)),
            },
        ) else {
            continue;
        };
        if b.is_some_and(|b| b <= a) {
            continue;
        }
        let named = named_style(toks, raw_last);
        if let Some((_, end)) = named {
            last = end;
            i = i.max(end);
        }
        let read = |w: Date, other: Option<Date>| -> Dated {
            if let Some(o) = other {
                if let Some(d) = Dated::pair(w, o) {
                    return d;
                }
            }
            match named {
                Some((style, _)) => Dated::styled(w, style, Basis::Named),
                None => Dated::unstated(w),
            }
        };
        let other_of = |w: Date, pd: Option<u8>, pm: Option<u8>| -> Option<Date> {
            let pd = pd?;
            match pm {
                Some(pm) => {
                    // A year boundary: "31 December (13 January)".
                    let py = if pm < w.month && w.month == 12 {
                        w.year + 1
                    } else if pm > w.month && w.month == 1 {
                        w.year - 1
                    } else {
                        w.year
                    };
                    Date::new(py, pm, pd)
                }
                None => nearby(w, pd),
            }
        };
        let (p1, mut p2, pm1, mut pm2) = match raw.paren {
            Some((p1, p2, pm1, pm2)) => (Some(p1), p2, pm1, pm2),
            None => (None, None, None, None),
        };
        let mut p1 = p1;
        let mut pm1 = pm1;
        if let Some(r) = &second {
            (p2, pm2) = match r.paren {
                // "November 26 to December 10 (December 9 to 23)": the
                // bracket after the end gives both ends.
                Some((q1, Some(q2), qm1, qm2)) if raw.paren.is_none() => {
                    (p1, pm1) = (Some(q1), qm1);
                    (Some(q2), qm2)
                }
                Some((q1, _, qm1, _)) => (Some(q1), qm1),
                None => (None, None),
            };
        }
        let start = read(a, other_of(a, p1, pm1));
        let end = b.map(|b| read(b, other_of(b, p2, pm2)));
        out.push(DateExpr {
            first: raw.first,
            last,
            start,
            end,
            year_given: raw.year.is_some(),
        });
        // "May 3 and 4": a second day in the same month.
        if second.is_none() && toks.get(raw.last).is_some_and(|t| t.is(Kw::And)) {
            if let Some(d) = day(toks.get(raw.last + 1)).and_then(|d| Date::new(y, raw.month, d)) {
                let next_is_month = toks.get(raw.last + 2).and_then(Token::month);
                if next_is_month.is_none() {
                    out.push(DateExpr {
                        first: raw.last + 1,
                        last: raw.last + 2,
                        start: read(d, None),
                        end: None,
                        year_given: false,
                    });
                    i = i.max(raw.last + 2);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid")
    }

    fn read(s: &str) -> Vec<DateExpr> {
        dates(&tokenize(s, 0), Some(1917))
    }

    #[test]
    fn month_first_ranges_are_unstated_before_1918() {
        let x = &read("June 3-22, 1917")[0];
        assert_eq!(x.start, Dated::unstated(d(1917, 6, 3)));
        assert_eq!(x.end, Some(Dated::unstated(d(1917, 6, 22))));
        assert!(x.year_given);
    }

    #[test]
    fn ranges_across_months() {
        let x = &read("March 29 - April 3, 1917")[0];
        assert_eq!(
            (x.start.written, x.end.map(|e| e.written)),
            (d(1917, 3, 29), Some(d(1917, 4, 3)))
        );
        let x = &read("from 26 November (9 December) to 10 (23) December 1917")[0];
        assert_eq!(x.start.new, Some(d(1917, 12, 9)));
        assert_eq!(x.end.and_then(|e| e.new), Some(d(1917, 12, 23)));
        let x = &read("from November 26 to December 10 (December 9 to 23), 1917")[0];
        assert_eq!(x.start.new, Some(d(1917, 12, 9)));
        assert_eq!(x.end.and_then(|e| e.new), Some(d(1917, 12, 23)));
        let x = &read("from 28 December to 3 January 1918")[0];
        assert_eq!(x.start.written, d(1917, 12, 28));
        assert_eq!(x.end.map(|e| e.written), Some(d(1918, 1, 3)));
        assert!(!read("by 8 November 1,240 mandates")[0].year_given);
        assert!(incidental(&tokenize("Written: March 13, 1918", 0)));
    }

    #[test]
    fn both_styles_given() {
        let x = &read("was held at Smolny from 25 to 27 October (7 to 9 November) 1917.")[0];
        assert_eq!(x.start.style, Some(Style::Old));
        assert_eq!(x.start.new, Some(d(1917, 11, 7)));
        assert_eq!(x.end.map(|e| e.old), Some(Some(d(1917, 10, 27))));
        let y = &read("Pravda No. 46, May 15 (2), 1917")[0];
        assert_eq!(
            (y.start.style, y.start.old),
            (Some(Style::New), Some(d(1917, 5, 2)))
        );
    }

    #[test]
    fn brackets_spanning_two_months() {
        let x = &read("from 4 to 28 May (17 May to 10 June) 1917")[0];
        assert_eq!(x.start.new, Some(d(1917, 5, 17)));
        assert_eq!(x.end.and_then(|e| e.new), Some(d(1917, 6, 10)));
        assert_eq!(x.start.basis, Basis::BothGiven);
    }

    #[test]
    fn after_the_switch_new_style_is_implied() {
        let x = &dates(&tokenize("sat in Moscow on December 23-28, 1921.", 0), None)[0];
        assert_eq!(x.start.basis, Basis::AfterSwitch);
        assert_eq!(x.end.and_then(|e| e.new), Some(d(1921, 12, 28)));
    }

    #[test]
    fn named_styles_and_context_years() {
        let x = &read("on 12 March (O.S.)")[0];
        assert_eq!(
            (x.start.basis, x.start.new),
            (Basis::Named, Some(d(1917, 3, 25)))
        );
        assert!(!x.year_given);
        assert_eq!(read("during May 3 and 4, in forming").len(), 2);
        assert!(dates(&tokenize("On April 12, Kamenev", 0), None).is_empty());
        assert!(read("it may 5 times").is_empty());
        assert!(read("February 30, 1917").is_empty());
    }
}
