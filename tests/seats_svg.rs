//! Renders the seat charts to SVG through the public API and checks the
//! drawing: every delegate one dot in its faction's colour (or grey for the
//! unaccounted), each faction one contiguous wedge in stacking order, no two
//! dots overlapping, everything inside the picture, at every size.
//!
//! Set `CHARTS_SVG_DIR` to also write the SVGs there for a look.

// A native test: the size rules of clippy.toml are for the wasm.
#![allow(clippy::disallowed_methods)]

use plotters::prelude::*;
use soviets::calendar::{Basis, Date, Dated, Style};
use soviets::charts::seats::{self, Options};
use soviets::charts::{self, ApproxMeasure, FactionSet, Measured, Scene, Target, Theme};
use soviets::dataset::{Dataset, EventView, Figure, Segment, Source, VoteView};
use soviets::{DocId, Faction};

include!("../src/charts/fixture.rs");

mod common;
use common::svg::{attr, num, texts};

/// A `<circle>` of the SVG: centre, radius, fill.
#[derive(Debug, Clone, PartialEq)]
struct Dot {
    x: f64,
    y: f64,
    r: f64,
    fill: String,
}

fn dots(svg: &str) -> Vec<Dot> {
    svg.split("<circle")
        .skip(1)
        .map(|tag| {
            let tag = &tag[..tag.find("/>").expect("closed circle")];
            Dot {
                x: num(tag, "cx"),
                y: num(tag, "cy"),
                r: num(tag, "r"),
                fill: attr(tag, "fill").unwrap_or("").to_ascii_lowercase(),
            }
        })
        .collect()
}

fn save(name: &str, svg: &str) {
    if let Ok(dir) = std::env::var("CHARTS_SVG_DIR") {
        std::fs::write(format!("{dir}/{name}.svg"), svg).expect("write svg");
    }
}

fn svg_of(scene: &Scene) -> String {
    let mut svg = String::new();
    {
        let size = (scene.width as u32, scene.height as u32);
        let backend = Measured::new(SVGBackend::with_string(&mut svg, size), ApproxMeasure);
        let area = backend.into_drawing_area();
        charts::paint(&area, scene, &Theme::LIGHT).expect("draw");
        area.present().expect("present");
    }
    svg
}

fn hex(rgb: (u8, u8, u8)) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2)
}

fn grey() -> String {
    hex(Theme::LIGHT.hatch)
}

fn find(data: &Dataset, id: &str) -> usize {
    data.events.iter().position(|e| e.id == id).expect(id)
}

/// The seat dots (key swatches are 5 px and sit below every hemicycle).
fn seat_dots(svg: &str, below: f64) -> Vec<Dot> {
    dots(svg).into_iter().filter(|d| d.y < below).collect()
}

/// Discs that are drawn, not the background-coloured centres of rings.
fn discs(ds: &[Dot]) -> Vec<Dot> {
    let inner = [hex(Theme::LIGHT.background), hex(Theme::LIGHT.unaccounted)];
    ds.iter()
        .filter(|d| !inner.contains(&d.fill))
        .cloned()
        .collect()
}

fn no_overlap(ds: &[Dot], what: &str) {
    // Sorted by x, so only near neighbours are compared.
    let mut ds = ds.to_vec();
    ds.sort_by(|a, b| a.x.total_cmp(&b.x));
    for (i, a) in ds.iter().enumerate() {
        for b in &ds[i + 1..] {
            if b.x - a.x > a.r + b.r {
                break;
            }
            let d = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
            assert!(d > a.r + b.r, "{what}: {a:?} and {b:?} overlap");
        }
    }
}

/// The key's top: the first text line below the hemicycles.
fn key_top(scene: &Scene) -> f64 {
    scene
        .marks
        .iter()
        .find_map(|m| match m {
            charts::Mark::Text { y, text, .. } if text.starts_with("One dot") => Some(*y),
            _ => None,
        })
        .expect("the unit line")
}

#[test]
fn compare_draws_every_delegate_once() {
    let data = sample();
    let (a, b) = (
        find(&data, "congress-of-soviets-1"),
        find(&data, "congress-of-soviets-2"),
    );
    let scene = seats::pair(&data, a, b, 1280.0, Options::default(), &ApproxMeasure);
    let svg = svg_of(&scene);
    save("seats-pair", &svg);
    let ds = discs(&seat_dots(&svg, key_top(&scene)));
    assert!(texts(&svg).contains(&"One dot = one delegate".to_string()));
    // One dot per delegate: 1st Congress 105 + 248 + 111 + 285 of 784 and
    // 35 unaccounted; 2nd 390 + 160 + 14 + 72 + 13 = 649.
    for (f, n) in [
        (Faction::Bolsheviks, 105 + 390),
        (Faction::Srs, 285 + 160),
        (Faction::Mensheviks, 248 + 72),
        (Faction::Others, 111 + 13),
        (Faction::MenshevikInternationalists, 14),
    ] {
        let drawn = ds
            .iter()
            .filter(|d| d.fill == f.hex().to_ascii_lowercase())
            .count();
        assert_eq!(drawn, n, "{f:?}");
    }
    assert_eq!(ds.iter().filter(|d| d.fill == grey()).count(), 784 - 749);
    assert_eq!(ds.len(), 784 + 649);
    no_overlap(&ds, "pair");
    // Each dot is a hit region of its wedge: the same number of regions as
    // dots, plus one keyboard stop per wedge.
    let wedges = 5 + 5;
    assert_eq!(scene.regions.len(), ds.len() + wedges);
    let total_texts = texts(&svg);
    assert!(total_texts.contains(&"784".to_string()), "{total_texts:?}");
    assert!(total_texts.contains(&"649".to_string()));
}

#[test]
fn wedges_are_contiguous_in_stacking_order() {
    let data = sample();
    let b = find(&data, "congress-of-soviets-2");
    let scene = seats::pair(&data, b, b, 900.0, Options::default(), &ApproxMeasure);
    let svg = svg_of(&scene);
    let ds = discs(&seat_dots(&svg, key_top(&scene)));
    // The left hemicycle: its centre is the middle of its base line.
    let left: Vec<&Dot> = ds.iter().filter(|d| d.x < 450.0).collect();
    let base = left.iter().map(|d| d.y).fold(f64::MIN, f64::max);
    let on_base: Vec<f64> = left.iter().filter(|d| d.y == base).map(|d| d.x).collect();
    let lo = on_base.iter().copied().fold(f64::MAX, f64::min);
    let hi = on_base.iter().copied().fold(f64::MIN, f64::max);
    let cx = (lo + hi) / 2.0;
    // Angle from the left end, 0 to π.
    let angle = |d: &Dot| std::f64::consts::PI - (base - d.y).atan2(d.x - cx);
    let order = [
        Faction::Bolsheviks,
        Faction::Srs,
        Faction::MenshevikInternationalists,
        Faction::Mensheviks,
        Faction::Others,
    ];
    let range = |f: Faction| {
        let hex = f.hex().to_ascii_lowercase();
        let a: Vec<f64> = left
            .iter()
            .filter(|d| d.fill == hex)
            .map(|d| angle(d))
            .collect();
        assert!(!a.is_empty(), "{f:?}");
        (
            a.iter().copied().fold(f64::MAX, f64::min),
            a.iter().copied().fold(f64::MIN, f64::max),
        )
    };
    for w in order.windows(2) {
        let (_, end) = range(w[0]);
        let (start, _) = range(w[1]);
        // Within what rounding centres to whole pixels can move an angle.
        assert!(
            end <= start + 0.03,
            "{:?} ends after {:?} starts",
            w[0],
            w[1]
        );
    }
    assert!(
        range(Faction::Bolsheviks).0 < 0.05,
        "the first wedge starts at the left"
    );
    assert!(range(Faction::Others).1 > std::f64::consts::PI - 0.05);
}

#[test]
fn stable_at_every_size() {
    let sample = sample();
    let synthetic = charts::synthetic::dataset(12, 7);
    for data in [&sample, &synthetic] {
        for w in (180..=2600).step_by(61) {
            let w = f64::from(w);
            let scenes = [
                seats::layout(data, w, Options::default(), &ApproxMeasure),
                seats::pair(
                    data,
                    0,
                    data.events.len() - 1,
                    w,
                    Options::default(),
                    &ApproxMeasure,
                ),
            ];
            for scene in scenes {
                assert!(scene.height > 0.0 && scene.width == w);
                let svg = svg_of(&scene);
                let ds = discs(&seat_dots(&svg, key_top(&scene)));
                assert!(!ds.is_empty(), "width {w}");
                for d in &ds {
                    assert!(d.x - d.r >= 0.0 && d.x + d.r <= w, "width {w}: {d:?}");
                    assert!(d.y - d.r >= 0.0 && d.y + d.r <= scene.height, "width {w}");
                }
                no_overlap(&ds, &format!("width {w}"));
                // Every dot is a hit region; every region's centre hits a
                // region of the same target.
                assert!(scene.regions.len() >= ds.len());
                // (A cell's band, after its dots, is the event itself.)
                let dots = scene.regions.iter();
                for h in dots.filter(|h| h.rect.w < 100.0) {
                    let (x, y) = (h.rect.x + h.rect.w / 2.0, h.rect.y + h.rect.h / 2.0);
                    assert_eq!(scene.hit(x, y).map(|g| g.target), Some(h.target));
                }
            }
        }
    }
}

#[test]
fn no_room_draws_no_dots_and_never_panics() {
    let data = sample();
    let last = data.events.len() - 1;
    for w in [0.0, 1.0, 9.0, 30.0, 60.0, 100.0, 150.0, 179.0] {
        let o = Options::default();
        for scene in [
            seats::layout(&data, w, o, &ApproxMeasure),
            seats::pair(&data, 0, last, w, o, &ApproxMeasure),
            seats::pair(&data, 99, 0, w, o, &ApproxMeasure),
        ] {
            assert!(scene.height > 0.0, "width {w}");
            let svg = svg_of(&scene);
            assert!(svg.contains("<svg"), "width {w}");
        }
    }
    let empty = Dataset { events: Vec::new() };
    let scene = seats::layout(&empty, 800.0, Options::default(), &ApproxMeasure);
    assert!(texts(&svg_of(&scene)).contains(&"No events to chart".to_string()));
}

#[test]
fn small_multiples_share_one_scale_and_say_it() {
    let data = sample();
    let scene = seats::layout(&data, 1280.0, Options::default(), &ApproxMeasure);
    let svg = svg_of(&scene);
    save("seats", &svg);
    let t = texts(&svg);
    // The Ninth Congress's 1,993 delegates set the scale.
    assert!(t.contains(&"One dot = 20 delegates".to_string()), "{t:?}");
    assert!(t.contains(&"1,993".to_string()));
    // The April Conference has only a total: one neutral colour, a note.
    assert!(t.contains(&"no faction breakdown in the sources".to_string()));
    let april = find(&data, "conference-of-soviets-1917-04");
    let column: Vec<_> = scene
        .regions
        .iter()
        .filter(|h| h.target == Target::Column { event: april })
        .collect();
    // 480 delegates: 24 dots, its keyboard stop, and the cell's band.
    assert_eq!(column.len(), 24 + 1 + 1);
    let muted = hex(Theme::LIGHT.muted);
    let ds = discs(&seat_dots(&svg, key_top(&scene)));
    // With the Ninth Congress's 1,993, also a total only: 100 dots.
    assert_eq!(ds.iter().filter(|d| d.fill == muted).count(), 24 + 100);
    // Events in date order, left to right.
    let names: Vec<&str> = data.events.iter().map(charts::short_name).collect();
    let xs: Vec<usize> = names
        .iter()
        .map(|n| {
            svg.find(&format!(">{n}<"))
                .or_else(|| svg.find(n))
                .expect(n)
        })
        .collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{names:?}");
}

#[test]
fn hidden_factions_leave_their_seats_empty() {
    let data = sample();
    let b = find(&data, "congress-of-soviets-2");
    let hidden: FactionSet = [Faction::Bolsheviks].into_iter().collect();
    let scene = seats::pair(&data, b, b, 1000.0, Options { hidden }, &ApproxMeasure);
    let svg = svg_of(&scene);
    let ds = discs(&seat_dots(&svg, key_top(&scene)));
    let bol = Faction::Bolsheviks.hex().to_ascii_lowercase();
    assert_eq!(ds.iter().filter(|d| d.fill == bol).count(), 0);
    assert_eq!(ds.len(), 2 * (649 - 390));
    assert!(scene
        .regions
        .iter()
        .all(|h| h.target.faction() != Some(Faction::Bolsheviks)));
    // The total in the middle is still the stated one.
    assert!(texts(&svg).contains(&"649".to_string()));
}

#[test]
fn central_executive_committee_of_the_second_congress_is_101_seats() {
    // From the seeds' own sentence, through the core: no figures here.
    let corpus = soviets::Corpus::seeds();
    let data = corpus.body_dataset(soviets::model::BodyKind::CentralExecutiveCommittee, None);
    let i = find(&data, "congress-of-soviets-2");
    let scene = seats::pair(&data, i, i, 900.0, Options::default(), &ApproxMeasure);
    let svg = svg_of(&scene);
    save("seats-cec", &svg);
    let ds = discs(&seat_dots(&svg, key_top(&scene)));
    // The same hemicycle twice: halve every count.
    let of = |fill: &str| ds.iter().filter(|d| d.fill == fill).count() / 2;
    assert_eq!(of(&Faction::Bolsheviks.hex().to_ascii_lowercase()), 62);
    assert_eq!(of(&Faction::LeftSrs.hex().to_ascii_lowercase()), 29);
    assert_eq!(of(&grey()), 10);
    assert_eq!(ds.len(), 2 * 101);
    no_overlap(&ds[..ds.len() / 2], "cec");
    assert!(texts(&svg).contains(&"101".to_string()));
    assert!(texts(&svg).contains(&"One dot = one member".to_string()));
    // Every seat leads to the sentence that gives the body.
    let bol = scene
        .regions
        .iter()
        .find(|r| r.target.faction() == Some(Faction::Bolsheviks))
        .expect("a Bolshevik seat");
    let lines = charts::tooltip::lines_in(&data, bol.target, Style::Old);
    let text = lines.join("\n");
    assert!(text.contains("Central Executive Committee"), "{text}");
    assert!(text.contains("Bolsheviks: 62 members"), "{text}");
    assert!(text.contains("of 101 members"), "{text}");
    assert!(text.contains("62 Bolsheviks and 29"), "{text}");
    // The small multiples: only the events whose sources give the body.
    let row = seats::layout(&data, 1280.0, Options::default(), &ApproxMeasure);
    let row_svg = svg_of(&row);
    let row_dots = discs(&seat_dots(&row_svg, key_top(&row)));
    let sizes: u32 = data.events.iter().map(|e| e.share_base()).sum();
    assert_eq!(row_dots.len() as u32, sizes);
}
