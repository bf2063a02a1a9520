//! Draws a [`Scene`]. The one drawing routine of every chart, so what is
//! drawn is always what the layout computed: [`paint_on`] breaks the scene
//! into the four primitives of a [`Surface`], and [`paint`] does it on any
//! plotters backend. The page implements [`Surface`] on the canvas directly,
//! which keeps plotters' generic drawing code out of the wasm module.
//!
//! Axis-parallel lines and outlines are drawn as 1 px filled rectangles:
//! they stay crisp on every backend and at every device pixel ratio.

use super::{Align, Baseline, FontSpec, Ink, Mark, Rect, Rgb, Scene, Theme};
#[cfg(not(target_arch = "wasm32"))]
pub use plot::paint;

/// How a piece of text is set: font, colour and anchor; `vertical` text is
/// turned a quarter turn anticlockwise (it reads bottom to top).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub font: FontSpec,
    pub color: Rgb,
    pub align: Align,
    pub baseline: Baseline,
    pub vertical: bool,
}

/// What painting a scene takes, in whole pixels.
pub trait Surface {
    type Error;
    /// Fills the rectangle from `from` (inclusive) to `to` (exclusive).
    fn fill_rect(
        &mut self,
        from: (i32, i32),
        to: (i32, i32),
        color: Rgb,
    ) -> Result<(), Self::Error>;
    /// Strokes a 1 px wide open path through `points`.
    fn line(&mut self, points: &[(i32, i32)], color: Rgb) -> Result<(), Self::Error>;
    /// Fills the polygon with corners `points`.
    fn polygon(&mut self, points: &[(i32, i32)], color: Rgb) -> Result<(), Self::Error>;
    /// Writes `text` anchored at `at`.
    fn text(&mut self, text: &str, at: (i32, i32), style: &TextStyle) -> Result<(), Self::Error>;
}

/// Dash and gap lengths of dashed outlines, in pixels.
const DASH: f64 = 4.0;
const GAP: f64 = 3.0;
/// Distance between hatch lines, measured along an axis.
const HATCH_STEP: f64 = 6.0;

fn px(v: f64) -> i32 {
    v.round() as i32
}

fn fill<S: Surface>(s: &mut S, r: Rect, c: Rgb) -> Result<(), S::Error> {
    if r.is_empty() {
        return Ok(());
    }
    s.fill_rect((px(r.x), px(r.y)), (px(r.right()), px(r.bottom())), c)
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

/// Draws `scene` on `s`, background first, marks in order.
pub fn paint_on<S: Surface>(s: &mut S, scene: &Scene, theme: &Theme) -> Result<(), S::Error> {
    let full = Rect::new(0.0, 0.0, scene.width.ceil(), scene.height.ceil());
    fill(s, full, theme.ink(Ink::Background))?;
    for mark in &scene.marks {
        match mark {
            Mark::Fill { rect, ink } => fill(s, *rect, theme.ink(*ink))?,
            Mark::Outline { rect, ink, dashed } => {
                let c = theme.ink(*ink);
                for edge in edges(*rect) {
                    if *dashed {
                        for d in dashes(edge) {
                            fill(s, d, c)?;
                        }
                    } else {
                        fill(s, edge, c)?;
                    }
                }
            }
            Mark::Hatch { rect, ink } => {
                let c = theme.ink(*ink);
                for line in hatch_lines(*rect) {
                    s.line(&line, c)?;
                }
            }
            Mark::Line { from, to, ink } => {
                let points = [(px(from.0), px(from.1)), (px(to.0), px(to.1))];
                s.line(&points, theme.ink(*ink))?;
            }
            Mark::Diamond { x, y, r, ink } => {
                let (x, y, r) = (px(*x), px(*y), px(*r));
                let points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
                s.polygon(&points, theme.ink(*ink))?;
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
                let style = TextStyle {
                    font: *font,
                    color: theme.ink(*ink),
                    align: *align,
                    baseline: *baseline,
                    vertical: *vertical,
                };
                s.text(text, (px(*x), px(*y)), &style)?;
            }
        }
    }
    Ok(())
}

/// [`paint`]: the same on any plotters backend. Not in the wasm build,
/// where the page paints on its canvas directly.
#[cfg(not(target_arch = "wasm32"))]
mod plot {
    use super::{paint_on, Align, Baseline, Rgb, Scene, Surface, TextStyle, Theme};
    use plotters::coord::Shift;
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    type Res<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

    /// A plotters drawing area as a [`Surface`].
    struct Plotted<'a, DB: DrawingBackend>(&'a DrawingArea<DB, Shift>);

    fn rgb((r, g, b): Rgb) -> RGBColor {
        RGBColor(r, g, b)
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

    impl<DB: DrawingBackend> Surface for Plotted<'_, DB> {
        type Error = DrawingAreaErrorKind<DB::ErrorType>;

        fn fill_rect(&mut self, from: (i32, i32), to: (i32, i32), color: Rgb) -> Res<DB> {
            self.0
                .draw(&Rectangle::new([from, to], rgb(color).filled()))
        }

        fn line(&mut self, points: &[(i32, i32)], color: Rgb) -> Res<DB> {
            let style = rgb(color).stroke_width(1);
            self.0.draw(&PathElement::new(points.to_vec(), style))
        }

        fn polygon(&mut self, points: &[(i32, i32)], color: Rgb) -> Res<DB> {
            let style = rgb(color).filled();
            self.0.draw(&Polygon::new(points.to_vec(), style))
        }

        fn text(&mut self, text: &str, at: (i32, i32), style: &TextStyle) -> Res<DB> {
            let weight = if style.font.bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            };
            let c = rgb(style.color);
            let mut font = FontDesc::new(FontFamily::SansSerif, style.font.size, weight)
                .color(&c)
                .pos(anchor(style.align, style.baseline));
            if style.vertical {
                font = font.transform(FontTransform::Rotate270);
            }
            self.0.draw(&Text::new(text, at, font))
        }
    }

    /// Draws `scene` on a plotters drawing area, background first, marks in order.
    pub fn paint<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        scene: &Scene,
        theme: &Theme,
    ) -> Res<DB> {
        paint_on(&mut Plotted(area), scene, theme)
    }
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
