//! A small SVG backend for plotters, written with integers only.
//!
//! plotters' own `SVGBackend` formats every opacity and font size as a
//! float, which links Rust's float formatting into the page's module for
//! the one SVG export. This one writes what the charts draw (rectangles,
//! lines, paths, polygons, circles and text) with whole-pixel
//! coordinates, `#rrggbb` colours (`#rrggbbaa` when translucent) and
//! whole-pixel font sizes, and measures text through a [`TextMeasure`]
//! like the canvas does.

use super::measure::{text_box, TextMeasure};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};
use std::fmt;

/// Writing to a `String` cannot fail; this error never occurs.
#[derive(Debug)]
pub struct SvgError;

impl fmt::Display for SvgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SVG error")
    }
}

impl std::error::Error for SvgError {}

type Res = Result<(), DrawingErrorKind<SvgError>>;

/// Draws into `out`: the `<svg>` element is opened by [`Svg::new`] and
/// closed by `present`.
pub struct Svg<'a, M: TextMeasure> {
    out: &'a mut String,
    size: (u32, u32),
    measure: &'a M,
    closed: bool,
}

impl<M: TextMeasure> fmt::Debug for Svg<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Svg { .. }")
    }
}

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `#rrggbb`, or `#rrggbbaa` for a translucent colour.
pub fn hex(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    let a = (color.alpha.clamp(0.0, 1.0) * 255.0).round() as u8;
    let bytes = [r, g, b, a];
    let n = if a == 255 { 3 } else { 4 };
    let mut s = String::with_capacity(9);
    s.push('#');
    for v in &bytes[..n] {
        s.push(char::from(DIGITS[usize::from(v >> 4)]));
        s.push(char::from(DIGITS[usize::from(v & 15)]));
    }
    s
}

/// `text` with the characters XML reserves escaped.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            c => s.push(c),
        }
    }
    s
}

impl<'a, M: TextMeasure> Svg<'a, M> {
    /// An SVG of `size` pixels written into `out`.
    pub fn new(out: &'a mut String, size: (u32, u32), measure: &'a M) -> Self {
        let (w, h) = size;
        *out += &format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n"
        );
        Svg {
            out,
            size,
            measure,
            closed: false,
        }
    }

    fn points(&mut self, points: impl IntoIterator<Item = BackendCoord>) {
        for (i, (x, y)) in points.into_iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            *self.out += &format!("{x},{y}");
        }
    }

    fn stroke<S: BackendStyle>(&self, style: &S) -> String {
        format!(
            "fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"",
            hex(style.color()),
            style.stroke_width()
        )
    }

    /// A filled shape's `fill`, or an outline's stroke.
    fn paint<S: BackendStyle>(&self, style: &S, fill: bool) -> String {
        if fill {
            format!("fill=\"{}\"", hex(style.color()))
        } else {
            self.stroke(style)
        }
    }
}

impl<M: TextMeasure> DrawingBackend for Svg<'_, M> {
    type ErrorType = SvgError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Res {
        if color.alpha > 0.0 {
            *self.out += &format!(
                "<rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\" fill=\"{}\"/>\n",
                hex(color)
            );
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let paint = self.paint(style, fill);
        *self.out += &format!(
            "<rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\" {paint}/>\n",
            x1 - x0,
            y1 - y0
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let paint = self.stroke(style);
        *self.out += "<polyline points=\"";
        self.points(path);
        *self.out += &format!("\" {paint}/>\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let paint = self.paint(style, fill);
        *self.out += &format!("<circle cx=\"{x}\" cy=\"{y}\" r=\"{radius}\" {paint}/>\n");
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        *self.out += "<polygon points=\"";
        self.points(vert);
        *self.out += &format!("\" fill=\"{}\"/>\n", hex(style.color()));
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Res {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        // The alphabetic baseline where the canvas puts it for its "top",
        // "middle" and "bottom" baselines (Chromium, Arial-metric fonts).
        let baseline = match style.anchor().v_pos {
            VPos::Top => "0.776em",
            VPos::Center => "0.276em",
            VPos::Bottom => "-0.224em",
        };
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        let weight = match style.style() {
            FontStyle::Bold => " font-weight=\"bold\"",
            _ => "",
        };
        let angle = match style.transform() {
            FontTransform::None => 0,
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
        };
        let rotate = if angle == 0 {
            String::new()
        } else {
            format!(" transform=\"rotate({angle}, {x}, {y})\"")
        };
        *self.out += &format!(
            "<text x=\"{x}\" y=\"{y}\" dy=\"{baseline}\" text-anchor=\"{anchor}\" \
             font-family=\"sans-serif\" font-size=\"{}\"{weight} fill=\"{}\"{rotate}>{}</text>\n",
            style.size().round().max(0.0) as u32,
            hex(color),
            escape(text)
        );
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_box(self.measure, text, style))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{factions, ApproxMeasure, Theme};
    use plotters::prelude::*;

    #[test]
    fn colours_are_hex_with_alpha_only_when_translucent() {
        let c = |alpha| BackendColor {
            alpha,
            rgb: (0x12, 0xab, 0xff),
        };
        assert_eq!(hex(c(1.0)), "#12abff");
        assert_eq!(hex(c(0.5)), "#12abff80");
        assert_eq!(hex(c(0.0)), "#12abff00");
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn draws_the_faction_chart() {
        let data = crate::Corpus::seeds().dataset();
        let scene = factions::layout(&data, 800.0, 420.0, Default::default(), &ApproxMeasure);
        let mut out = String::new();
        {
            let area = Svg::new(&mut out, (800, 420), &ApproxMeasure).into_drawing_area();
            crate::charts::paint(&area, &scene, &Theme::LIGHT).expect("draw");
            area.present().expect("present");
        }
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\""));
        assert!(out.ends_with("</svg>\n"));
        assert!(out.contains(">390</text>"));
        assert!(out.contains("font-size=\"11\""));
        assert!(
            out.contains("<rect x=\"0\" y=\"0\" width=\"800\" height=\"420\" fill=\"#ffffff\"/>")
        );
        // Every element is on one line and closed.
        for line in out.lines().skip(1) {
            assert!(
                line.ends_with("/>") || line.ends_with("</text>") || line == "</svg>",
                "{line}"
            );
        }
    }
}
