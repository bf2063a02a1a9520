//! Text measurement, and a backend wrapper that makes plotters use it.
//!
//! plotters asks its font code for text sizes; in the browser that code adds
//! a styled `<span>` to the page per measurement, which the page's CSP
//! forbids and which forces a layout. [`Measured`] wraps any backend and
//! answers `estimate_text_size` from a [`TextMeasure`] instead; the chart
//! layouts measure through the same [`TextMeasure`].

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};
use std::fmt;

/// The font of a piece of chart text. The family is always sans-serif.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FontSpec {
    /// Size in pixels.
    pub size: f64,
    pub bold: bool,
}

impl FontSpec {
    pub const fn new(size: f64) -> FontSpec {
        FontSpec { size, bold: false }
    }

    pub const fn bold(self) -> FontSpec {
        FontSpec {
            size: self.size,
            bold: true,
        }
    }

    /// The CSS font shorthand for this font: "normal 12px sans-serif".
    pub fn css(self) -> String {
        css_font(
            if self.bold { "bold" } else { "normal" },
            self.size,
            "sans-serif",
        )
    }
}

/// A CSS font shorthand, "bold 12px sans-serif", with the size rounded to a
/// whole pixel (so no float formatting is needed).
pub fn css_font(style: &str, size: f64, family: &str) -> String {
    format!("{style} {}px {family}", size.round().max(0.0) as u32)
}

/// The box plotters asks a backend for: `text`'s width in `style`, and a
/// line height of 1.2 × the font size, both rounded up.
pub fn text_box<S: BackendTextStyle>(m: &impl TextMeasure, text: &str, style: &S) -> (u32, u32) {
    let font = FontSpec {
        size: style.size(),
        bold: matches!(style.style(), FontStyle::Bold),
    };
    let w = m.width(text, font);
    (w.ceil() as u32, (font.size * 1.2).ceil() as u32)
}

/// Measures the advance width of a single line of text.
pub trait TextMeasure {
    /// Width in pixels of `text` set in `font`.
    fn width(&self, text: &str, font: FontSpec) -> f64;
}

impl<T: TextMeasure + ?Sized> TextMeasure for &T {
    fn width(&self, text: &str, font: FontSpec) -> f64 {
        (**self).width(text, font)
    }
}

/// A deterministic stand-in for real fonts: every character is 0.6 em wide
/// (a little wider for bold). Used natively and in tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn width(&self, text: &str, font: FontSpec) -> f64 {
        let em = if font.bold { 0.65 } else { 0.6 };
        text.chars().count() as f64 * em * font.size
    }
}

/// A backend that draws with `DB` but measures text with `M`.
pub struct Measured<DB, M> {
    inner: DB,
    measure: M,
    /// The size to report instead of the inner backend's: a canvas backend
    /// reports device pixels while charts are laid out in CSS pixels.
    size: Option<(u32, u32)>,
}

impl<DB, M> Measured<DB, M> {
    pub fn new(inner: DB, measure: M) -> Self {
        Measured {
            inner,
            measure,
            size: None,
        }
    }

    /// As [`Measured::new`], reporting `size` as the drawing size.
    pub fn sized(inner: DB, measure: M, size: (u32, u32)) -> Self {
        Measured {
            inner,
            measure,
            size: Some(size),
        }
    }
}

impl<DB, M> fmt::Debug for Measured<DB, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Measured { .. }")
    }
}

type Res<DB> = Result<(), DrawingErrorKind<<DB as DrawingBackend>::ErrorType>>;

impl<DB: DrawingBackend, M: TextMeasure> DrawingBackend for Measured<DB, M> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size.unwrap_or_else(|| self.inner.get_size())
    }

    fn ensure_prepared(&mut self) -> Res<DB> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Res<DB> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res<DB> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res<DB> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res<DB> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res<DB> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res<DB> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res<DB> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Res<DB> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_box(&self.measure, text, style))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Res<DB> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    #[test]
    fn measured_backend_answers_text_size_from_the_measure() {
        let mut svg = String::new();
        {
            let backend =
                Measured::new(SVGBackend::with_string(&mut svg, (100, 50)), ApproxMeasure);
            let area = backend.into_drawing_area();
            let style = ("sans-serif", 10.0).into_text_style(&area);
            assert_eq!(
                area.estimate_text_size("abcde", &style).ok(),
                Some((30, 12))
            );
            assert_eq!(FontSpec::new(10.0).bold().css(), "bold 10px sans-serif");
        }
    }
}
