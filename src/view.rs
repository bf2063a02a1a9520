//! The page's view as a URL fragment, so that a link restores what a reader
//! saw: which chart, delegates or shares, the compared pair, the hidden
//! factions, the calendar style, the selected source and the elected body
//! the seat chart shows. Also the names of
//! exported files, which say the same things.
//!
//! `#chart=compare&mode=share&compare=congress-of-soviets-1,congress-of-soviets-2&hide=bolsheviks`
//!
//! [`ViewState::parse`] never panics: anything it cannot read is left at
//! its default and reported in a warning, so the page can say so and go on.

use crate::calendar::Style;
use crate::charts::{FactionSet, Mode};
use crate::factions::Faction;
use crate::format::Join;
use crate::model::BodyKind;

/// The page's charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    Factions,
    Compare,
    Votes,
    /// The seat chart: a hemicycle per event.
    Seats,
}

impl Chart {
    pub const ALL: [Chart; 4] = [Chart::Factions, Chart::Compare, Chart::Votes, Chart::Seats];

    /// "factions", "compare", "votes" or "seats", as in the fragment.
    pub fn id(self) -> &'static str {
        match self {
            Chart::Factions => "factions",
            Chart::Compare => "compare",
            Chart::Votes => "votes",
            Chart::Seats => "seats",
        }
    }

    pub fn from_id(id: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// Everything a shared link restores. The default is the page as it first
/// loads, and writes as an empty fragment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewState {
    /// The chart the reader was looking at, scrolled to on load.
    pub chart: Option<Chart>,
    pub mode: Mode,
    /// Event ids of the compared pair; the page checks they exist.
    pub pair: Option<(String, String)>,
    pub hidden: FactionSet,
    /// The calendar style dates lead with, when the reader chose one.
    pub calendar: Option<Style>,
    /// The reader's choice of source where sources disagree: an opaque
    /// token the source selector defines.
    pub source: Option<String>,
    /// The comparison drawn as hemicycles rather than paired bars.
    pub compare_seats: bool,
    /// The elected body the seat chart shows instead of the delegates;
    /// the page checks the sources give it.
    pub body: Option<BodyKind>,
}

/// The most warnings one fragment gives; more would only repeat.
const MAX_WARNINGS: usize = 4;
/// Longest piece of the fragment quoted in a warning, in characters.
const MAX_QUOTE: usize = 40;

/// `s` shortened to [`MAX_QUOTE`] characters, for a warning.
fn quote(s: &str) -> String {
    match s.char_indices().nth(MAX_QUOTE) {
        Some((end, _)) => format!("“{}…”", s.get(..end).unwrap_or_default()),
        None => format!("“{s}”"),
    }
}

/// Whether `s` is a non-empty id: ASCII letters, digits, '-', '_' or '.'.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

impl ViewState {
    /// Reads a fragment (with or without its '#'). Unknown settings and
    /// values are skipped with a warning each; the rest still apply.
    pub fn parse(hash: &str) -> (ViewState, Vec<String>) {
        let mut view = ViewState::default();
        let mut warnings = Vec::new();
        let body = hash.strip_prefix('#').unwrap_or(hash);
        for part in body.split('&').filter(|p| !p.is_empty()) {
            if let Err(w) = view.set(part) {
                if warnings.len() < MAX_WARNINGS {
                    warnings.push(w);
                }
            }
        }
        (view, warnings)
    }

    /// Applies one `key=value` setting.
    fn set(&mut self, part: &str) -> Result<(), String> {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!("{} is not a setting", quote(part)));
        };
        let bad = || format!("{} is not a valid {key}", quote(value));
        match key {
            "chart" => self.chart = Some(Chart::from_id(value).ok_or_else(bad)?),
            "mode" => {
                self.mode = match value {
                    "absolute" => Mode::Absolute,
                    "share" => Mode::Share,
                    _ => return Err(bad()),
                }
            }
            "compare" => {
                let (a, b) = value.split_once(',').ok_or_else(bad)?;
                if !is_token(a) || !is_token(b) {
                    return Err(bad());
                }
                self.pair = Some((a.to_string(), b.to_string()));
            }
            "hide" => {
                let mut hidden = FactionSet::EMPTY;
                for id in value.split(',').filter(|s| !s.is_empty()) {
                    hidden.insert(Faction::from_id(id).ok_or_else(|| {
                        format!("{} is not a faction this page knows", quote(id))
                    })?);
                }
                self.hidden = hidden;
            }
            "calendar" => {
                self.calendar = Some(match value {
                    "old" => Style::Old,
                    "new" => Style::New,
                    _ => return Err(bad()),
                })
            }
            "compare_view" => {
                self.compare_seats = match value {
                    "bars" => false,
                    "seats" => true,
                    _ => return Err(bad()),
                }
            }
            "body" => {
                let kinds = [
                    BodyKind::CentralExecutiveCommittee,
                    BodyKind::Presidium,
                    BodyKind::CouncilOfPeoplesCommissars,
                ];
                self.body = Some(
                    kinds
                        .into_iter()
                        .find(|k| k.key() == value)
                        .ok_or_else(bad)?,
                );
            }
            "source" => {
                if !is_token(value) {
                    return Err(bad());
                }
                self.source = Some(value.to_string());
            }
            _ => return Err(format!("{} is not a setting", quote(key))),
        }
        Ok(())
    }

    /// The fragment, '#' included, naming only what differs from the
    /// default; empty for the default view. [`ViewState::parse`] reads it
    /// back unchanged.
    pub fn to_hash(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(c) = self.chart {
            parts.push(format!("chart={}", c.id()));
        }
        if self.mode == Mode::Share {
            parts.push("mode=share".to_string());
        }
        if let Some((a, b)) = &self.pair {
            parts.push(format!("compare={a},{b}"));
        }
        if !self.hidden.is_empty() {
            let ids: Vec<&str> = self.hidden.members().map(Faction::id).collect();
            parts.push(format!("hide={}", ids.joined(",")));
        }
        if let Some(style) = self.calendar {
            parts.push(format!("calendar={}", style_id(style)));
        }
        if let Some(s) = &self.source {
            parts.push(format!("source={s}"));
        }
        if self.compare_seats {
            parts.push("compare_view=seats".to_string());
        }
        if let Some(b) = self.body {
            parts.push(format!("body={}", b.key()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("#{}", parts.joined("&"))
        }
    }
}

fn style_id(style: Style) -> &'static str {
    match style {
        Style::Old => "old",
        Style::New => "new",
    }
}

/// `text` as a file-name part: lower-case ASCII letters and digits, runs of
/// anything else one '-'.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The name of an exported file of `chart`: what it shows and the
/// extension, e.g. `faction-strength-share.png` or
/// `compare-first-congress-vs-second-congress-delegates.svg` (`…-seats`
/// for a comparison drawn as hemicycles, `compare_seats`; `seats` for the
/// seat chart). `pair` holds the compared events' display names.
pub fn file_name(
    chart: Chart,
    mode: Mode,
    compare_seats: bool,
    pair: (&str, &str),
    ext: &str,
) -> String {
    let unit = match mode {
        Mode::Absolute => "delegates",
        Mode::Share => "share",
    };
    let stem = match chart {
        Chart::Factions => format!("faction-strength-{unit}"),
        Chart::Compare => {
            let unit = if compare_seats { "seats" } else { unit };
            format!("compare-{}-vs-{}-{unit}", slug(pair.0), slug(pair.1))
        }
        Chart::Votes => "votes".to_string(),
        Chart::Seats => "seats".to_string(),
    };
    format!("{stem}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_view_is_an_empty_fragment() {
        assert_eq!(ViewState::default().to_hash(), "");
        assert_eq!(ViewState::parse(""), (ViewState::default(), vec![]));
        assert_eq!(ViewState::parse("#"), (ViewState::default(), vec![]));
    }

    #[test]
    fn full_view_round_trips_exactly() {
        let hash = "#chart=compare&mode=share&compare=congress-of-soviets-1,congress-of-soviets-2\
                    &hide=mensheviks,bolsheviks&calendar=new&source=doc-2";
        let (view, warnings) = ViewState::parse(hash);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(view.chart, Some(Chart::Compare));
        assert_eq!(view.mode, Mode::Share);
        assert_eq!(
            view.pair,
            Some((
                "congress-of-soviets-1".to_string(),
                "congress-of-soviets-2".to_string()
            ))
        );
        assert!(view.hidden.contains(Faction::Bolsheviks));
        assert!(view.hidden.contains(Faction::Mensheviks));
        assert_eq!(view.calendar, Some(Style::New));
        assert_eq!(view.source.as_deref(), Some("doc-2"));
        // Factions are written in stacking order, whatever order they came in.
        let ids: Vec<&str> = view.hidden.members().map(Faction::id).collect();
        let expected = format!(
            "#chart=compare&mode=share&compare=congress-of-soviets-1,congress-of-soviets-2\
             &hide={}&calendar=new&source=doc-2",
            ids.join(",")
        );
        assert_eq!(view.to_hash(), expected);
        assert_eq!(ViewState::parse(&expected).0, view);
    }

    #[test]
    fn bad_settings_warn_and_keep_the_rest() {
        let (view, warnings) =
            ViewState::parse("mode=share&colour=red&chart=pie&hide=bolsheviks,whigs");
        assert_eq!(view.mode, Mode::Share);
        assert_eq!(view.chart, None);
        assert!(view.hidden.is_empty());
        assert_eq!(
            warnings,
            [
                "“colour” is not a setting",
                "“pie” is not a valid chart",
                "“whigs” is not a faction this page knows",
            ]
        );
        let (view, warnings) = ViewState::parse("#compare=one&source=a%20b&mode");
        assert_eq!(view, ViewState::default());
        assert_eq!(
            warnings,
            [
                "“one” is not a valid compare",
                "“a%20b” is not a valid source",
                "“mode” is not a setting",
            ]
        );
    }

    #[test]
    fn garbage_never_panics_and_warnings_stay_short() {
        let long = "é".repeat(500);
        let inputs = [
            "&&&==&=",
            "#\u{0}\u{ffff}=\u{10ffff}",
            &long,
            "compare=,&compare=a,&hide=,,,&calendar=",
            "a&b&c&d&e&f&g&h",
        ];
        for input in inputs {
            let (_, warnings) = ViewState::parse(input);
            assert!(warnings.len() <= MAX_WARNINGS, "{input:?}");
            assert!(
                warnings.iter().all(|w| w.chars().count() < 100),
                "{input:?}"
            );
        }
        let (_, warnings) = ViewState::parse(&long);
        assert_eq!(
            warnings,
            [format!("“{}…” is not a setting", "é".repeat(40))]
        );
    }

    #[test]
    fn compare_view_round_trips_and_defaults_to_bars() {
        let (view, warnings) = ViewState::parse("#chart=compare&compare_view=seats");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(view.compare_seats);
        assert_eq!(view.chart, Some(Chart::Compare));
        assert_eq!(view.to_hash(), "#chart=compare&compare_view=seats");
        // Bars are the default, so they write nothing.
        let (bars, _) = ViewState::parse("compare_view=bars");
        assert_eq!(bars, ViewState::default());
        assert_eq!(bars.to_hash(), "");
        let (view, warnings) = ViewState::parse("compare_view=pie&chart=seats");
        assert!(!view.compare_seats);
        assert_eq!(view.chart, Some(Chart::Seats));
        assert_eq!(warnings, ["“pie” is not a valid compare_view"]);
        assert_eq!(
            file_name(Chart::Seats, Mode::Share, false, ("a", "b"), "png"),
            "seats.png"
        );
        assert_eq!(
            file_name(Chart::Compare, Mode::Share, true, ("1st", "2nd"), "svg"),
            "compare-1st-vs-2nd-seats.svg"
        );
        // Only the comparison is drawn as seats.
        assert_eq!(
            file_name(Chart::Factions, Mode::Share, true, ("1st", "2nd"), "svg"),
            "faction-strength-share.svg"
        );
    }

    #[test]
    fn file_names_say_what_they_show() {
        let pair = ("First Congress", "Second Congress");
        let cases = [
            (
                Chart::Factions,
                Mode::Share,
                "png",
                "faction-strength-share.png",
            ),
            (
                Chart::Factions,
                Mode::Absolute,
                "csv",
                "faction-strength-delegates.csv",
            ),
            (
                Chart::Compare,
                Mode::Absolute,
                "svg",
                "compare-first-congress-vs-second-congress-delegates.svg",
            ),
            (Chart::Votes, Mode::Share, "json", "votes.json"),
        ];
        for (chart, mode, ext, name) in cases {
            assert_eq!(file_name(chart, mode, false, pair, ext), name);
        }
        assert_eq!(slug("  RSDLP(b) — 7th (April)  "), "rsdlp-b-7th-april");
    }

    #[test]
    fn seat_body_round_trips_and_defaults_to_delegates() {
        let hash = "#chart=seats&body=central_executive_committee";
        let (view, warnings) = ViewState::parse(hash);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(view.body, Some(BodyKind::CentralExecutiveCommittee));
        assert_eq!(view.chart, Some(Chart::Seats));
        assert_eq!(view.to_hash(), hash);
        let (presidium, _) = ViewState::parse("body=presidium&compare_view=seats");
        assert_eq!(presidium.body, Some(BodyKind::Presidium));
        assert_eq!(
            ViewState::parse(&presidium.to_hash()).0,
            presidium,
            "{}",
            presidium.to_hash()
        );
        // Delegates are the default, so they write nothing.
        assert_eq!(ViewState::default().body, None);
        let (view, warnings) = ViewState::parse("body=politburo&chart=seats");
        assert_eq!(view.body, None);
        assert_eq!(view.chart, Some(Chart::Seats));
        assert_eq!(warnings, ["“politburo” is not a valid body"]);
    }
}
