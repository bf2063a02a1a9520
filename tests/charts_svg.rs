//! Renders each chart to SVG through the public API (`SVGBackend` wrapped in
//! `Measured`) and checks the drawing: one rectangle per segment in the
//! faction's colour, heights proportional to counts, labels, notes, the
//! unaccounted remainder, and the marks on votes.
//!
//! Set `CHARTS_SVG_DIR` to also write the SVGs there for a look.

use plotters::prelude::*;
use soviets::calendar::{Basis, Date, Dated, Style};
use soviets::charts::{
    self, compare, factions, votes, ApproxMeasure, FactionSet, Measured, Mode, Rect, Scene, Target,
    Theme,
};
use soviets::dataset::{Dataset, EventView, Figure, Segment, Source, VoteView};
use soviets::{DocId, Faction};

include!("../src/charts/fixture.rs");

mod common;
use common::svg::{attr, num, texts};

/// A `<rect>` of the SVG.
#[derive(Debug, Clone, PartialEq)]
struct SvgRect {
    rect: Rect,
    fill: String,
}

fn rects(svg: &str) -> Vec<SvgRect> {
    svg.split("<rect")
        .skip(1)
        .map(|tag| {
            let tag = &tag[..tag.find("/>").expect("closed rect")];
            SvgRect {
                rect: Rect::new(
                    num(tag, "x"),
                    num(tag, "y"),
                    num(tag, "width"),
                    num(tag, "height"),
                ),
                fill: attr(tag, "fill").unwrap_or("").to_ascii_lowercase(),
            }
        })
        .collect()
}

fn hex(f: Faction) -> String {
    f.hex()
}

fn save(name: &str, svg: &str) {
    if let Ok(dir) = std::env::var("CHARTS_SVG_DIR") {
        std::fs::write(format!("{dir}/{name}.svg"), svg).expect("write svg");
    }
}

fn render(
    w: f64,
    h: f64,
    draw: impl FnOnce(&DrawingArea<Measured<SVGBackend, ApproxMeasure>, plotters::coord::Shift>),
) -> String {
    let mut svg = String::new();
    {
        let backend = Measured::new(
            SVGBackend::with_string(&mut svg, (w as u32, h as u32)),
            ApproxMeasure,
        );
        let area = backend.into_drawing_area();
        draw(&area);
        area.present().expect("present");
    }
    svg
}

fn factions_svg(data: &Dataset, mode: Mode, w: f64, h: f64) -> (Scene, String) {
    let opts = factions::Options {
        mode,
        hidden: FactionSet::EMPTY,
    };
    let scene = factions::layout(data, w, h, opts, &ApproxMeasure);
    let svg = render(w, h, |area| {
        charts::paint(area, &scene, &Theme::LIGHT).expect("draw");
    });
    (scene, svg)
}

fn of_colour(rs: &[SvgRect], f: Faction) -> Vec<Rect> {
    rs.iter()
        .filter(|r| r.fill == hex(f))
        .map(|r| r.rect)
        .collect()
}

#[test]
fn faction_columns_have_one_rect_per_segment() {
    let data = sample();
    let (scene, svg) = factions_svg(&data, Mode::Absolute, 800.0, 420.0);
    save("factions", &svg);
    let rs = rects(&svg);
    // Bolsheviks, SRs, Mensheviks and Others at two congresses; the
    // Menshevik-Internationalists at one.
    for (f, n) in [
        (Faction::Bolsheviks, 2),
        (Faction::Srs, 2),
        (Faction::Mensheviks, 2),
        (Faction::Others, 2),
        (Faction::MenshevikInternationalists, 1),
        (Faction::LeftSrs, 0),
    ] {
        assert_eq!(of_colour(&rs, f).len(), n, "{f:?}");
    }
    // Every segment rect is exactly a hit region.
    for r in of_colour(&rs, Faction::Bolsheviks) {
        let hit = scene.hit(r.x + r.w / 2.0, r.y + r.h / 2.0).expect("hit");
        assert_eq!(hit.rect, r);
        assert_eq!(hit.target.faction(), Some(Faction::Bolsheviks));
    }
}

#[test]
fn segment_heights_are_proportional_to_counts() {
    let data = sample();
    let (scene, svg) = factions_svg(&data, Mode::Absolute, 800.0, 420.0);
    let rs = rects(&svg);
    // Columns are in date order, so the second rect of a colour is the
    // Second Congress.
    let bol = of_colour(&rs, Faction::Bolsheviks)[1];
    let srs = of_colour(&rs, Faction::Srs)[1];
    assert!((bol.h - 390.0 * scene.scale.unit).abs() <= 0.5, "{bol:?}");
    assert!((srs.h - 160.0 * scene.scale.unit).abs() <= 0.5, "{srs:?}");
    // The ratio holds up to each height's rounding to whole pixels.
    let tolerance = 0.5 * (1.0 + 390.0 / 160.0);
    assert!((bol.h - srs.h * 390.0 / 160.0).abs() <= tolerance);
    // Stacked: the SRs sit right on top of the Bolsheviks.
    assert_eq!(srs.bottom(), bol.y);
    assert_eq!(bol.bottom(), scene.scale.plot.bottom());
}

#[test]
fn labels_totals_and_notes_are_text() {
    let data = sample();
    let (_, svg) = factions_svg(&data, Mode::Absolute, 800.0, 420.0);
    let t = texts(&svg);
    let all = t.join("\n");
    for want in [
        "1st Congress",
        "2nd Congress",
        "9th Congress",
        "390",
        "2,000",
        "1,993",
    ] {
        assert!(t.iter().any(|s| s == want), "{want} in {t:?}");
    }
    // The April Conference's note, wrapped into the column.
    assert!(all.contains("No faction"), "{t:?}");
    assert!(all.contains("breakdown"), "{t:?}");
    // The 9th Congress has no note of its own; a default one is shown.
    assert!(
        t.iter().filter(|s| s.contains("breakdown")).count() >= 2,
        "{t:?}"
    );
    // The key explains the marks in use.
    for want in [
        "Unaccounted for",
        "Sources disagree",
        "Total only, no breakdown",
    ] {
        assert!(t.iter().any(|s| s == want), "{want} in {t:?}");
    }
}

#[test]
fn share_mode_draws_the_remainder() {
    let data = sample();
    let (scene, svg) = factions_svg(&data, Mode::Share, 800.0, 420.0);
    save("factions-share", &svg);
    let rs = rects(&svg);
    let grey = format!(
        "#{:02x}{:02x}{:02x}",
        Theme::LIGHT.unaccounted.0,
        Theme::LIGHT.unaccounted.1,
        Theme::LIGHT.unaccounted.2
    );
    let remainder: Vec<Rect> = rs
        .iter()
        .filter(|r| r.fill == grey)
        .map(|r| r.rect)
        .collect();
    // The First Congress's 35 unaccounted of 784, and the key swatch.
    let r = remainder
        .iter()
        .find(|r| (r.h - 35.0 / 784.0 * scene.scale.unit).abs() <= 0.5 && r.w > 12.0)
        .expect("remainder rect");
    let hit = scene.hit(r.x + 1.0, r.y + 1.0).expect("hit");
    assert_eq!(hit.target, Target::Remainder { event: 1 });
    // Full columns reach 100%.
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "100%"), "{t:?}");
    assert!(t.iter().any(|s| s == "60%"), "Bolsheviks 390/649: {t:?}");
}

#[test]
fn compare_chart_and_rows() {
    let data = sample();
    let rows = compare::change_rows(&data.events[1], &data.events[2]);
    let bol = rows
        .iter()
        .find(|r| r.faction == Some(Faction::Bolsheviks))
        .expect("row");
    assert_eq!(
        (bol.a, bol.b, bol.delta_count),
        (Some(105), Some(390), Some(285))
    );
    assert_eq!(
        charts::signed_points(bol.delta_share.expect("shares")),
        "+46.7 pp"
    );
    let mi = rows
        .iter()
        .find(|r| r.faction == Some(Faction::MenshevikInternationalists))
        .expect("row");
    assert_eq!((mi.a, mi.b, mi.delta_count), (None, Some(14), None));
    let rest = rows.last().expect("rows");
    assert_eq!((rest.faction, rest.a, rest.b), (None, Some(35), Some(0)));

    let scene = compare::layout(&data, 1, 2, 600.0, Mode::Absolute, &ApproxMeasure);
    let h = scene.height;
    let svg = render(600.0, h, |area| {
        charts::paint(area, &scene, &Theme::LIGHT).expect("draw");
    });
    save("compare", &svg);
    let rs = rects(&svg);
    let bols = of_colour(&rs, Faction::Bolsheviks);
    assert_eq!(bols.len(), 2);
    assert!((bols[0].w - 105.0 * scene.scale.unit).abs() <= 0.5);
    assert!((bols[1].w - 390.0 * scene.scale.unit).abs() <= 0.5);
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "390 (60.1%)"), "{t:?}");
    assert!(t.iter().any(|s| s == "not listed"), "{t:?}");
    let hit = scene.hit(bols[1].x + 1.0, bols[1].y + 1.0).expect("hit");
    assert_eq!(
        hit.target,
        Target::Compare {
            event: 2,
            faction: Some(Faction::Bolsheviks)
        }
    );
}

#[test]
fn votes_chart_marks_unanimous_and_caucus_votes() {
    let data = sample();
    let scene = votes::layout(&data, 600.0, Style::Old, &ApproxMeasure);
    let h = scene.height;
    let svg = render(600.0, h, |area| {
        charts::paint(area, &scene, &Theme::LIGHT).expect("draw");
    });
    save("votes", &svg);
    let rs = rects(&svg);
    let colour = |c: (u8, u8, u8)| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    let fors: Vec<Rect> = rs
        .iter()
        .filter(|r| r.fill == colour(Theme::LIGHT.vote_for))
        .map(|r| r.rect)
        .filter(|r| r.h > 5.0 && r.w > 5.0)
        .collect();
    // First Congress 543, April 57, SR caucus 60, and the key swatch.
    assert_eq!(fors.len(), 4, "{fors:?}");
    let biggest = fors.iter().map(|r| r.w).fold(0.0, f64::max);
    assert!((biggest - 543.0 * scene.scale.unit).abs() <= 0.5);
    let t = texts(&svg);
    for want in [
        "Unanimous, no count",
        "SR caucus",
        "Decree on Land",
        "543",
        "325",
    ] {
        assert!(t.iter().any(|s| s == want), "{want} in {t:?}");
    }
    assert!(t.iter().any(|s| s.contains("for: no count")), "{t:?}");
    // Each vote is a region; the caucus vote is the third of the Second Congress.
    let targets: Vec<Target> = scene.regions.iter().map(|h| h.target).collect();
    assert!(targets.contains(&Target::Vote { event: 2, vote: 2 }));
    assert_eq!(
        targets
            .iter()
            .filter(|t| matches!(t, Target::Vote { .. }))
            .count(),
        2 * 5,
        "bar and line of each of five votes"
    );
}

#[test]
fn tooltips_quote_their_sources() {
    let data = sample();
    let lines = charts::tooltip::lines_in(
        &data,
        Target::Segment {
            event: 2,
            index: 2,
            faction: Faction::MenshevikInternationalists,
        },
        Style::Old,
    );
    assert_eq!(lines[0], "Second All-Russian Congress of Soviets");
    assert_eq!(lines[1], "25–27 Oct (7–9 Nov) 1917");
    assert!(lines.contains(&"Menshevik-Internationalists: 14 delegates".to_string()));
    assert!(lines.contains(&"2.2% of 649 delegates with full vote".to_string()));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("Other source: 6 — “Only 6")));
    let srs = charts::tooltip::lines_in(
        &data,
        Target::Segment {
            event: 2,
            index: 1,
            faction: Faction::Srs,
        },
        Style::Old,
    );
    assert!(
        srs.contains(&"Of these: about 100 Left SRs".to_string()),
        "{srs:?}"
    );
    let column = charts::tooltip::lines_in(&data, Target::Column { event: 1 }, Style::Old);
    assert_eq!(column[1], "3–22 Jun 1917 (style not stated)");
    assert!(
        column.contains(&"Unaccounted: 35".to_string()),
        "{column:?}"
    );
    let vote = charts::tooltip::lines_in(&data, Target::Vote { event: 2, vote: 2 }, Style::Old);
    assert_eq!(vote[0], "Remain in the Congress");
    assert!(vote
        .iter()
        .any(|l| l.contains("not a vote of the whole assembly")));
    assert!(
        vote.contains(&"For 60 · Against 92".to_string()),
        "{vote:?}"
    );
}

#[test]
fn empty_dataset_says_so() {
    let data = Dataset { events: Vec::new() };
    let (_, svg) = factions_svg(&data, Mode::Absolute, 360.0, 260.0);
    assert!(texts(&svg).iter().any(|s| s == "No events to chart"));
    let v = votes::layout(&data, 360.0, Style::Old, &ApproxMeasure);
    assert!(v.hit(10.0, 10.0).is_none());
}
