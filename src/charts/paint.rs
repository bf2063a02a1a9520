//! Draws a [`Scene`] with plotters primitives. The one drawing routine of
//! every chart, so what is drawn is always what the layout computed.
//!
//! Axis-parallel lines and outlines are drawn as 1 px filled rectangles:
//! they stay crisp on every backend and at every device pixel ratio.

use super::{Align, Baseline, Ink, Mark, Rect, Scene, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

type Res<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Dash and gap lengths of dashed outlines, in pixels.
const DASH: f64 = 4.0;
const GAP: f64 = 3.0;
/// Distance between hatch lines, measured along an axis.
const HATCH_STEP: f64 = 6.0;

fn px(v: f64) -> i32 {
    v.round() as i32
}

fn color(theme: &Theme, ink: Ink) -> RGBColor {
    let (r, g, b) = theme.ink(ink);
    RGBColor(r, g, b)
}

fn fill<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, r: Rect, c: RGBColor) -> Res<DB> {
    if r.is_empty() {
        return Ok(());
    }
    area.draw(&Rectangle::new(
        [(px(r.x), px(r.y)), (px(r.right()), px(r.bottom()))],
        c.filled(),
    ))
}

/// The four 1 px edges just inside `r`.
fn edges(r: Rect) -> [Rect; 4] {
    let t = 1.0_f64.min(r.h).min(r.w);
    [
        Rect::new(r.x, r.y, r.w, t),
        Rect::new(r.x, r.bottom() - t, r.w, t),
        Rect::new(r.x, r.y + t, t, (r.h - 2.0 * t).max(0.0)),
        Rect::new(r.right() - t, r.y + t, t, (r.h - 2.0 * t).max(0.0)),
    ]
}

/// Pieces of a dashed edge: dashes along the edge's longer side.
fn dashes(edge: Rect) -> impl Iterator<Item = Rect> {
    let horizontal = edge.w >= edge.h;
    let len = if horizontal { edge.w } else { edge.h };
    let n = (len / (DASH + GAP)).ceil() as usize;
    (0..n).filter_map(move |i| {
        let start = i as f64 * (DASH + GAP);
        let d = DASH.min(len - start);
        (d > 0.0).then(|| {
            if horizontal {
                Rect::new(edge.x + start, edge.y, d, edge.h)
            } else {
                Rect::new(edge.x, edge.y + start, edge.w, d)
            }
        })
    })
}

/// Segments of the lines `x + y = c` (every [`HATCH_STEP`]) inside `r`.
fn hatch_lines(r: Rect) -> Vec<[(i32, i32); 2]> {
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    let mut out = Vec::new();
    let mut c = x0 + y0 + HATCH_STEP / 2.0;
    while c < x1 + y1 {
        let xa = x0.max(c - y1);
        let xb = x1.min(c - y0);
        if xb > xa {
            out.push([(px(xa), px(c - xa)), (px(xb), px(c - xb))]);
        }
        c += HATCH_STEP;
    }
    out
}

fn anchor(align: Align, baseline: Baseline) -> Pos {
    let h = match align {
        Align::Left => HPos::Left,
        Align::Center => HPos::Center,
        Align::Right => HPos::Right,
    };
    let v = match baseline {
        Baseline::Top => VPos::Top,
        Baseline::Middle => VPos::Center,
        Baseline::Bottom => VPos::Bottom,
    };
    Pos::new(h, v)
}

/// Draws `scene` on `area`, background first, marks in order.
pub fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    theme: &Theme,
) -> Res<DB> {
    let full = Rect::new(0.0, 0.0, scene.width.ceil(), scene.height.ceil());
    fill(area, full, color(theme, Ink::Background))?;
    for mark in &scene.marks {
        match mark {
            Mark::Fill { rect, ink } => fill(area, *rect, color(theme, *ink))?,
            Mark::Outline { rect, ink, dashed } => {
                let c = color(theme, *ink);
                for edge in edges(*rect) {
                    if *dashed {
                        for d in dashes(edge) {
                            fill(area, d, c)?;
                        }
                    } else {
                        fill(area, edge, c)?;
                    }
                }
            }
            Mark::Hatch { rect, ink } => {
                let style = color(theme, *ink).stroke_width(1);
                for line in hatch_lines(*rect) {
                    area.draw(&PathElement::new(line.to_vec(), style))?;
                }
            }
            Mark::Line { from, to, ink } => {
                let style = color(theme, *ink).stroke_width(1);
                let points = vec![(px(from.0), px(from.1)), (px(to.0), px(to.1))];
                area.draw(&PathElement::new(points, style))?;
            }
            Mark::Dot { x, y, r, ink } => {
                let r = r.round().max(1.0) as u32;
                area.draw(&Circle::new(
                    (px(*x), px(*y)),
                    r,
                    color(theme, *ink).filled(),
                ))?;
            }
            Mark::Diamond { x, y, r, ink } => {
                let (x, y, r) = (px(*x), px(*y), px(*r));
                let points = vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
                area.draw(&Polygon::new(points, color(theme, *ink).filled()))?;
            }
            Mark::Text {
                x,
                y,
                text,
                font,
                ink,
                align,
                baseline,
                vertical,
            } => {
                let weight = if font.bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                let c = color(theme, *ink);
                let mut style = FontDesc::new(FontFamily::SansSerif, font.size, weight)
                    .color(&c)
                    .pos(anchor(*align, *baseline));
                if *vertical {
                    style = style.transform(FontTransform::Rotate270);
                }
                area.draw(&Text::new(text.as_str(), (px(*x), px(*y)), style))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatch_stays_inside_its_rectangle() {
        let r = Rect::new(10.0, 20.0, 30.0, 12.0);
        let lines = hatch_lines(r);
        assert!(lines.len() >= 6);
        for [(ax, ay), (bx, by)] in lines {
            for (x, y) in [(ax, ay), (bx, by)] {
                assert!((10..=40).contains(&x) && (20..=32).contains(&y), "{x},{y}");
            }
        }
    }

    #[test]
    fn dashes_cover_the_edge_with_gaps() {
        let pieces: Vec<Rect> = dashes(Rect::new(0.0, 0.0, 20.0, 1.0)).collect();
        assert_eq!(
            pieces.iter().map(|r| (r.x, r.w)).collect::<Vec<_>>(),
            vec![(0.0, 4.0), (7.0, 4.0), (14.0, 4.0)]
        );
        let edges = edges(Rect::new(0.0, 0.0, 10.0, 5.0));
        assert_eq!(edges[3], Rect::new(9.0, 1.0, 1.0, 3.0));
    }
}
