//! Dates in the two calendars of the period.
//!
//! Russia used the Julian calendar ("Old Style") until 31 January 1918 (Old
//! Style), which was followed by 14 February 1918 in the Gregorian calendar
//! ("New Style"). Conversion goes through the Julian day number, so it is
//! exact for any date, not only for the 13-day gap of 1900–2100.

use std::fmt;

/// A calendar date as written, without a calendar attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The calendar a date is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// Julian calendar.
    Old,
    /// Gregorian calendar.
    New,
}

impl Style {
    /// "old" or "new", as in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Old => "old",
            Style::New => "new",
        }
    }
}

/// How the style of a written date was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The text gives both styles, e.g. "25 October (7 November)".
    BothGiven,
    /// The text names the style ("O.S.", "New Style").
    Named,
    /// The date is on or after 14 February 1918 (New Style): only one calendar was in use.
    AfterSwitch,
    /// The text does not say; no other-style date is derived.
    Unstated,
}

impl Basis {
    /// Name used in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::BothGiven => "both-given",
            Basis::Named => "named",
            Basis::AfterSwitch => "after-switch",
            Basis::Unstated => "unstated",
        }
    }
}

/// First day of the Gregorian calendar in Soviet Russia (New Style).
pub const SWITCH_NEW: Date = Date {
    year: 1918,
    month: 2,
    day: 14,
};
/// Last day of the Julian calendar in Soviet Russia (Old Style).
pub const LAST_OLD: Date = Date {
    year: 1918,
    month: 1,
    day: 31,
};

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A checked constructor: `None` unless the day exists in the month
    /// (in the Gregorian calendar; 29 February of a Julian-only leap year such as 1900 is refused).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        valid.then_some(Date { year, month, day })
    }

    /// Julian day number of this date read in `style`.
    pub fn jdn(self, style: Style) -> i64 {
        let a = (14 - i64::from(self.month)) / 12;
        let y = i64::from(self.year) + 4800 - a;
        let m = i64::from(self.month) + 12 * a - 3;
        let d = i64::from(self.day);
        match style {
            Style::New => d + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045,
            Style::Old => d + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083,
        }
    }

    /// The date with Julian day number `jdn` in `style`.
    pub fn from_jdn(jdn: i64, style: Style) -> Date {
        let (b, c) = match style {
            Style::New => {
                let a = jdn + 32044;
                let b = (4 * a + 3) / 146097;
                (b, a - 146097 * b / 4)
            }
            Style::Old => (0, jdn + 32082),
        };
        let d = (4 * c + 3) / 1461;
        let e = c - 1461 * d / 4;
        let m = (5 * e + 2) / 153;
        let day = e - (153 * m + 2) / 5 + 1;
        let month = m + 3 - 12 * (m / 10);
        let year = 100 * b + d - 4800 + m / 10;
        Date {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The same day in the other calendar.
    pub fn convert(self, from: Style) -> Date {
        let to = match from {
            Style::Old => Style::New,
            Style::New => Style::Old,
        };
        Date::from_jdn(self.jdn(from), to)
    }

    /// Whether Russia used the Julian calendar on this day, read in `style`.
    pub fn before_switch(self, style: Style) -> bool {
        match style {
            Style::Old => self <= LAST_OLD,
            Style::New => self < SWITCH_NEW,
        }
    }

    /// "25 October 1917".
    pub fn long(self) -> String {
        format!("{} {} {}", self.day(), self.month_name(), self.year())
    }

    /// The fields as the two integer types the page formats (each type
    /// formatted is code of its own in the wasm).
    fn day(self) -> u32 {
        u32::from(self.day)
    }

    fn month(self) -> u32 {
        u32::from(self.month)
    }

    fn year(self) -> i64 {
        i64::from(self.year)
    }

    pub fn month_name(self) -> &'static str {
        MONTHS[usize::from(self.month.clamp(1, 12)) - 1]
    }

    /// "25 Oct".
    pub fn short(self) -> String {
        format!(
            "{} {}",
            self.day(),
            self.month_name().get(..3).unwrap_or_default()
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A date read from a text: what was written, the style it was written in,
/// and the same day in the other style where that is known or safe to derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    /// The date as written.
    pub written: Date,
    /// The style `written` is in; `None` when the text does not say and the
    /// date falls before the switch.
    pub style: Option<Style>,
    pub basis: Basis,
    /// Old Style date, when known.
    pub old: Option<Date>,
    /// New Style date, when known.
    pub new: Option<Date>,
}

impl Dated {
    /// A date with no stated style. After the switch it can only be New Style.
    pub fn unstated(written: Date) -> Dated {
        if !written.before_switch(Style::New) {
            return Dated::styled(written, Style::New, Basis::AfterSwitch);
        }
        Dated {
            written,
            style: None,
            basis: Basis::Unstated,
            old: None,
            new: None,
        }
    }

    /// A date in a known style; the other style is derived while the Julian
    /// calendar was in use.
    pub fn styled(written: Date, style: Style, basis: Basis) -> Dated {
        let other = written.before_switch(style).then(|| written.convert(style));
        let (old, new) = match style {
            Style::Old => (Some(written), other),
            Style::New => (other, Some(written)),
        };
        Dated {
            written,
            style: Some(style),
            basis,
            old,
            new,
        }
    }

    /// Reads "X (Y)" where both are given: whichever is 13 (or 12, 14) days
    /// later is New Style. `None` when the pair is not a calendar pair.
    pub fn pair(first: Date, second: Date) -> Option<Dated> {
        let diff = second.jdn(Style::New) - first.jdn(Style::New);
        let style = if first.convert(Style::Old) == second {
            debug_assert!(diff > 0);
            Style::Old
        } else if first.convert(Style::New) == second {
            Style::New
        } else {
            return None;
        };
        Some(Dated::styled(first, style, Basis::BothGiven))
    }

    /// The date in `style` if known.
    pub fn in_style(&self, style: Style) -> Option<Date> {
        match style {
            Style::Old => self.old,
            Style::New => self.new,
        }
    }

    /// Whether two readings can be the same day: equal in a style both know,
    /// or, when a style is unstated, equal as written in either style.
    pub fn may_equal(&self, other: &Dated) -> bool {
        let candidates = |d: &Dated| -> [Option<(Date, Style)>; 2] {
            match d.style {
                Some(_) => [
                    d.old.map(|x| (x, Style::Old)),
                    d.new.map(|x| (x, Style::New)),
                ],
                None => [Some((d.written, Style::Old)), Some((d.written, Style::New))],
            }
        };
        let a = candidates(self);
        let b = candidates(other);
        a.iter()
            .flatten()
            .any(|x| b.iter().flatten().any(|y| x.0.jdn(x.1) == y.0.jdn(y.1)))
    }

    /// "25 Oct (7 Nov) 1917" with `lead` first; "3 Jun 1917 (style not stated)".
    pub fn label(&self, lead: Style) -> String {
        match (self.in_style(lead), self.in_style(other(lead))) {
            (Some(a), Some(b)) if a.year == b.year => {
                format!("{} ({}) {}", a.short(), b.short(), a.year())
            }
            (Some(a), Some(b)) => {
                format!("{} {} ({} {})", a.short(), a.year(), b.short(), b.year())
            }
            (Some(a), None) if self.basis == Basis::AfterSwitch => a.long(),
            (Some(a), None) => format!("{} ({})", a.long(), style_word(lead)),
            (None, Some(b)) if self.basis == Basis::AfterSwitch => b.long(),
            (None, Some(b)) => format!("{} ({})", b.long(), style_word(other(lead))),
            (None, None) => format!("{} (style not stated)", self.written.long()),
        }
    }
}

/// "25–27 Oct" or "31 May–3 Jun": a day range without the year.
fn span_days(a: Date, b: Date) -> String {
    if a == b {
        a.short()
    } else if a.month == b.month && a.year == b.year {
        format!("{}–{}", a.day(), b.short())
    } else {
        format!("{}–{}", a.short(), b.short())
    }
}

/// Label for an event's dates: "25–27 Oct (7–9 Nov) 1917" with `lead` style
/// first, "3–22 Jun 1917 (style not stated)", "23–28 Dec 1921", or "date unknown".
pub fn range_label(start: Option<&Dated>, end: Option<&Dated>, lead: Style) -> String {
    let Some(start) = start.or(end) else {
        return "date unknown".to_string();
    };
    let end = end.unwrap_or(start);
    let pick = |d: &Dated, s: Style| d.in_style(s);
    let year = |d: Date| d.year();
    match (
        pick(start, lead).zip(pick(end, lead)),
        pick(start, other(lead)).zip(pick(end, other(lead))),
    ) {
        (Some((a, b)), Some((c, d))) => {
            format!("{} ({}) {}", span_days(a, b), span_days(c, d), year(b))
        }
        (Some((a, b)), None) | (None, Some((a, b))) => {
            let known = if pick(start, lead).is_some() {
                lead
            } else {
                other(lead)
            };
            if start.basis == Basis::AfterSwitch {
                format!("{} {}", span_days(a, b), year(b))
            } else {
                format!("{} {} ({})", span_days(a, b), year(b), style_word(known))
            }
        }
        (None, None) => format!(
            "{} {} (style not stated)",
            span_days(start.written, end.written),
            year(end.written)
        ),
    }
}

pub fn other(s: Style) -> Style {
    match s {
        Style::Old => Style::New,
        Style::New => Style::Old,
    }
}

pub fn style_word(s: Style) -> &'static str {
    match s {
        Style::Old => "Old Style",
        Style::New => "New Style",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("valid date")
    }

    #[test]
    fn october_revolution_is_7_november() {
        assert_eq!(d(1917, 10, 25).convert(Style::Old), d(1917, 11, 7));
        assert_eq!(d(1917, 11, 9).convert(Style::New), d(1917, 10, 27));
    }

    #[test]
    fn switch_day_follows_last_julian_day() {
        assert_eq!(LAST_OLD.convert(Style::Old), d(1918, 2, 13));
        assert!(LAST_OLD.before_switch(Style::Old));
        assert!(!SWITCH_NEW.before_switch(Style::New));
        assert!(d(1918, 2, 13).before_switch(Style::New));
    }

    #[test]
    fn other_style_is_derived_only_before_the_switch() {
        let before = Dated::styled(d(1917, 6, 3), Style::Old, Basis::Named);
        assert_eq!(before.new, Some(d(1917, 6, 16)));
        let after = Dated::unstated(d(1921, 12, 23));
        assert_eq!(after.style, Some(Style::New));
        assert_eq!(after.basis, Basis::AfterSwitch);
        assert_eq!(after.old, None);
        let unknown = Dated::unstated(d(1917, 6, 22));
        assert_eq!(
            (unknown.style, unknown.old, unknown.new),
            (None, None, None)
        );
    }

    #[test]
    fn pairs_tell_their_own_order() {
        let os_first = Dated::pair(d(1917, 10, 25), d(1917, 11, 7)).expect("pair");
        assert_eq!(os_first.style, Some(Style::Old));
        let ns_first = Dated::pair(d(1917, 5, 15), d(1917, 5, 2)).expect("pair");
        assert_eq!(ns_first.style, Some(Style::New));
        assert_eq!(ns_first.old, Some(d(1917, 5, 2)));
        assert!(Dated::pair(d(1917, 5, 15), d(1917, 5, 3)).is_none());
    }

    #[test]
    fn nineteenth_century_gap_is_twelve_days() {
        assert_eq!(d(1861, 2, 19).convert(Style::Old), d(1861, 3, 3));
    }

    #[test]
    fn labels_show_both_styles() {
        let x = Dated::styled(d(1917, 10, 25), Style::Old, Basis::BothGiven);
        assert_eq!(x.label(Style::Old), "25 Oct (7 Nov) 1917");
        assert_eq!(x.label(Style::New), "7 Nov (25 Oct) 1917");
        assert_eq!(
            Dated::unstated(d(1917, 6, 3)).label(Style::Old),
            "3 June 1917 (style not stated)"
        );
        assert_eq!(
            Dated::unstated(d(1921, 12, 23)).label(Style::Old),
            "23 December 1921"
        );
    }

    #[test]
    fn range_labels() {
        let s = Dated::styled(d(1917, 10, 25), Style::Old, Basis::BothGiven);
        let e = Dated::styled(d(1917, 10, 27), Style::Old, Basis::BothGiven);
        assert_eq!(
            range_label(Some(&s), Some(&e), Style::Old),
            "25–27 Oct (7–9 Nov) 1917"
        );
        assert_eq!(
            range_label(Some(&s), Some(&e), Style::New),
            "7–9 Nov (25–27 Oct) 1917"
        );
        let u = Dated::unstated(d(1917, 6, 3));
        let v = Dated::unstated(d(1917, 6, 22));
        assert_eq!(
            range_label(Some(&u), Some(&v), Style::Old),
            "3–22 Jun 1917 (style not stated)"
        );
        let n = Dated::unstated(d(1921, 12, 23));
        let m = Dated::unstated(d(1921, 12, 28));
        assert_eq!(
            range_label(Some(&n), Some(&m), Style::Old),
            "23–28 Dec 1921"
        );
        assert_eq!(range_label(None, None, Style::Old), "date unknown");
    }

    #[test]
    fn may_equal_handles_unstated_styles() {
        let stated = Dated::styled(d(1917, 10, 27), Style::Old, Basis::BothGiven);
        assert!(!Dated::unstated(d(1917, 10, 26)).may_equal(&stated));
        assert!(Dated::unstated(d(1917, 10, 27)).may_equal(&stated));
        assert!(Dated::unstated(d(1917, 11, 9)).may_equal(&stated));
    }

    #[test]
    fn invalid_dates_are_refused() {
        assert!(Date::new(1917, 2, 29).is_none());
        assert!(Date::new(1917, 13, 1).is_none());
        assert!(Date::new(1917, 4, 31).is_none());
        assert!(Date::new(1916, 2, 29).is_some());
    }
}
