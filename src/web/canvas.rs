//! The backend the page paints with: plotters' drawing calls straight onto
//! a 2D canvas context, remembering the context's state.
//!
//! Only the state that changed since the last call is set (a large chart
//! has thousands of rectangles and labels). Runs of opaque rectangles of
//! one colour (dashes, hatching) become one path filled once, which the
//! canvas rasterises much faster than a `fillRect` each. Colours are
//! `#rrggbb` (`#rrggbbaa` when translucent) and fonts are whole pixels,
//! all written with integers: plotters-canvas, which this replaces,
//! formatted every colour's alpha and every font size as a float, and so
//! linked Rust's float formatting into the page. Text is measured with
//! the page's cached [`TextMeasure`].
//!
//! The SVG export draws through here too ([`svg`]): one backend type,
//! [`Backend`], either the canvas or [`Svg`], so plotters' drawing code
//! and [`charts::paint`] are compiled into the page once, not per backend.

use crate::charts::svg::{self, Svg, SvgError};
use crate::charts::{self, text_box, FontSpec, Scene, TextMeasure, Theme};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use std::f64::consts::FRAC_PI_2;
use std::fmt;
use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

/// A drawing failure: what the canvas said.
#[derive(Debug)]
pub struct PaintError(String);

impl fmt::Display for PaintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PaintError {}

type Res = Result<(), DrawingErrorKind<PaintError>>;

fn js_error(e: JsValue) -> DrawingErrorKind<PaintError> {
    let text = e
        .as_string()
        .unwrap_or_else(|| "the canvas refused a drawing call".to_string());
    DrawingErrorKind::DrawingError(PaintError(text))
}

/// The context state last set by this layer; `None` when unknown.
#[derive(Debug, Default)]
struct State {
    fill: Option<(u8, u8, u8)>,
    /// Stroke colour (with alpha) and line width.
    stroke: Option<((u8, u8, u8, u8), u32)>,
    font: Option<FontSpec>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

/// A canvas backend of `size` CSS pixels whose context's transform maps
/// CSS to device pixels.
pub struct Painter<'a, M: TextMeasure> {
    ctx: CanvasRenderingContext2d,
    measure: &'a M,
    size: (u32, u32),
    state: State,
    /// `#rrggbb` strings already handed to JS.
    colours: Vec<((u8, u8, u8), JsValue)>,
    /// Rectangles in the fill colour, not yet filled.
    pending: Pending,
    /// Discs in the pending path: a path of many is slow to fill, so it
    /// is filled every [`DISCS`].
    discs: usize,
}

/// Most discs in one path.
const DISCS: usize = 24;

/// Opaque rectangles waiting to be filled: a lone one is filled with
/// `fillRect`; a run of them becomes a path filled once.
#[derive(Debug, Clone, Copy)]
enum Pending {
    None,
    One([f64; 4]),
    Path,
}

impl<M: TextMeasure> Drop for Painter<'_, M> {
    fn drop(&mut self) {
        self.flush();
    }
}

impl<M: TextMeasure> fmt::Debug for Painter<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Painter { .. }")
    }
}

impl<'a, M: TextMeasure> Painter<'a, M> {
    /// Paints through `ctx`, a canvas's 2D context.
    fn new(ctx: CanvasRenderingContext2d, measure: &'a M, size: (u32, u32)) -> Self {
        Painter {
            ctx,
            measure,
            size,
            state: State::default(),
            colours: Vec::new(),
            pending: Pending::None,
            discs: 0,
        }
    }

    /// Fills the rectangles added since the last fill.
    fn flush(&mut self) {
        self.discs = 0;
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::One([x, y, w, h]) => self.ctx.fill_rect(x, y, w, h),
            Pending::Path => self.ctx.fill(),
        }
    }

    /// Sets the fill colour of a colour that may be translucent.
    fn set_fill_color(&mut self, color: BackendColor) {
        if color.alpha >= 1.0 {
            return self.set_fill(color.rgb);
        }
        self.ctx.set_fill_style_str(&svg::hex(color));
        self.state.fill = None;
    }

    /// Sets the stroke colour and line width.
    fn set_stroke<S: BackendStyle>(&mut self, style: &S) {
        let color = style.color();
        let (r, g, b) = color.rgb;
        let key = ((r, g, b, alpha_byte(color.alpha)), style.stroke_width());
        if self.state.stroke == Some(key) {
            return;
        }
        self.ctx.set_stroke_style_str(&svg::hex(color));
        self.ctx.set_line_width(f64::from(key.1));
        self.state.stroke = Some(key);
    }

    /// Traces `points` as one open (or, with `close`, closed) path.
    fn trace(&self, points: impl IntoIterator<Item = BackendCoord>, close: bool) {
        self.ctx.begin_path();
        let mut points = points.into_iter();
        if let Some((x, y)) = points.next() {
            self.ctx.move_to(f64::from(x), f64::from(y));
            for (x, y) in points {
                self.ctx.line_to(f64::from(x), f64::from(y));
            }
            if close {
                self.ctx.close_path();
            }
        }
    }

    /// Sets the fill colour, from a JS string made once per colour: a
    /// chart of many segments alternates between a few dozen colours.
    fn set_fill(&mut self, rgb: (u8, u8, u8)) {
        if self.state.fill == Some(rgb) {
            return;
        }
        let style = match self.colours.iter().find(|(c, _)| *c == rgb) {
            Some((_, style)) => style,
            None => {
                self.colours.push((rgb, JsValue::from_str(&hex(rgb))));
                &self.colours[self.colours.len() - 1].1
            }
        };
        // Deprecated only because a JsValue may be anything; this is a
        // colour string.
        #[allow(deprecated)]
        self.ctx.set_fill_style(style);
        self.state.fill = Some(rgb);
    }
}

/// Paints through `ctx` (a canvas's 2D context, with its transform set)
/// with `draw`, on an area of `size` CSS pixels. When this returns,
/// everything is on the canvas. Errors name `what` was drawn.
pub fn paint<M: TextMeasure>(
    ctx: &CanvasRenderingContext2d,
    measure: &M,
    size: (u32, u32),
    what: &str,
    scene: &Scene,
    theme: &Theme,
) -> Result<(), JsValue> {
    let painter = Painter::new(ctx.clone(), measure, size);
    draw(Backend::Canvas(painter), scene, theme, what)
}

/// Draws `scene` as an SVG document of `size` into `out`.
pub fn svg<M: TextMeasure>(
    out: &mut String,
    measure: &M,
    size: (u32, u32),
    scene: &Scene,
    theme: &Theme,
) -> Result<(), JsValue> {
    draw(
        Backend::Svg(Svg::new(out, size, measure)),
        scene,
        theme,
        "the SVG",
    )
}

fn draw<M: TextMeasure>(
    target: Backend<'_, M>,
    scene: &Scene,
    theme: &Theme,
    what: &str,
) -> Result<(), JsValue> {
    let area = target.into_drawing_area();
    let drawn = charts::paint(&area, scene, theme).and_then(|()| area.present());
    drawn.map_err(|e| JsValue::from_str(&(String::from("drawing ") + what + ": " + &e.to_string())))
}

/// The backend the page draws with: a canvas, or an SVG document.
pub enum Backend<'a, M: TextMeasure> {
    Canvas(Painter<'a, M>),
    Svg(Svg<'a, M>),
}

impl<M: TextMeasure> fmt::Debug for Backend<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Backend::Canvas(p) => p.fmt(f),
            Backend::Svg(s) => s.fmt(f),
        }
    }
}

/// An SVG result as a canvas one (the SVG backend never fails to write).
fn from_svg<T>(
    r: Result<T, DrawingErrorKind<SvgError>>,
) -> Result<T, DrawingErrorKind<PaintError>> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(SvgError) => {
            DrawingErrorKind::DrawingError(PaintError("SVG error".to_string()))
        }
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    })
}

/// Calls the same method on whichever backend `self` is.
macro_rules! forward {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Backend::Canvas($b) => $call,
            Backend::Svg($b) => from_svg($call),
        }
    };
}

impl<M: TextMeasure> DrawingBackend for Backend<'_, M> {
    type ErrorType = PaintError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Res {
        forward!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Res {
        forward!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res {
        forward!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        forward!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res {
        forward!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res {
        forward!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res {
        forward!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res {
        forward!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Res {
        forward!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        forward!(self, b => b.estimate_text_size(text, style))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Res {
        forward!(self, b => b.blit_bitmap(pos, size, src))
    }
}

/// `#rrggbb`, without the formatting machinery.
pub fn hex(rgb: (u8, u8, u8)) -> String {
    svg::hex(BackendColor { rgb, alpha: 1.0 })
}

/// An alpha of 0 to 1 as a byte, rounded (a float-to-integer conversion,
/// not formatting).
fn alpha_byte(alpha: f64) -> u8 {
    (alpha.clamp(0.0, 1.0) * 255.0).round() as u8
}

impl<M: TextMeasure> DrawingBackend for Painter<'_, M> {
    type ErrorType = PaintError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        self.flush();
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res {
        if color.alpha <= 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_fill_color(color);
        let (x, y) = (f64::from(point.0), f64::from(point.1));
        self.ctx.fill_rect(x, y, 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_stroke(style);
        // A horizontal or vertical line sits on half pixels, so it is crisp.
        let (mut a, mut b) = (
            (f64::from(from.0), f64::from(from.1)),
            (f64::from(to.0), f64::from(to.1)),
        );
        if a.0 == b.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if a.1 == b.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        let rect = [
            f64::from(upper_left.0),
            f64::from(upper_left.1),
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        ];
        if !fill || color.alpha < 1.0 {
            self.flush();
            let [x, y, w, h] = rect;
            if fill {
                self.set_fill_color(color);
                self.ctx.fill_rect(x, y, w, h);
            } else {
                self.set_stroke(style);
                self.ctx.stroke_rect(x, y, w, h);
            }
            return Ok(());
        }
        if self.state.fill != Some(color.rgb) {
            self.flush();
            self.set_fill(color.rgb);
        }
        self.pending = match self.pending {
            Pending::None => Pending::One(rect),
            Pending::One([x, y, w, h]) => {
                self.ctx.begin_path();
                self.ctx.rect(x, y, w, h);
                self.ctx.rect(rect[0], rect[1], rect[2], rect[3]);
                Pending::Path
            }
            Pending::Path => {
                self.ctx.rect(rect[0], rect[1], rect[2], rect[3]);
                Pending::Path
            }
        };
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
        self.flush();
        self.set_stroke(style);
        self.trace(path, false);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        if !fill || color.alpha < 1.0 {
            self.flush();
            self.ctx.begin_path();
            let (x, y) = (f64::from(center.0), f64::from(center.1));
            let arc = self.ctx.arc(x, y, f64::from(radius), 0.0, 4.0 * FRAC_PI_2);
            arc.map_err(js_error)?;
            if fill {
                self.set_fill_color(color);
                self.ctx.fill();
            } else {
                self.set_stroke(style);
                self.ctx.stroke();
            }
            return Ok(());
        }
        // Discs of one colour (a seat chart's wedge) join the pending path,
        // so a wedge is one fill.
        if self.state.fill != Some(color.rgb) {
            self.flush();
            self.set_fill(color.rgb);
        }
        match self.pending {
            Pending::None => self.ctx.begin_path(),
            Pending::One([x, y, w, h]) => {
                self.ctx.begin_path();
                self.ctx.rect(x, y, w, h);
            }
            Pending::Path => {}
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        self.ctx.move_to(x + r, y);
        self.ctx
            .arc(x, y, r, 0.0, std::f64::consts::TAU)
            .map_err(js_error)?;
        self.pending = Pending::Path;
        self.discs += 1;
        if self.discs >= DISCS {
            self.flush();
        }
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
        self.flush();
        self.set_fill_color(style.color());
        self.trace(vert, true);
        self.ctx.fill();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Res {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        let rotation = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => FRAC_PI_2,
            FontTransform::Rotate180 => 2.0 * FRAC_PI_2,
            FontTransform::Rotate270 => 3.0 * FRAC_PI_2,
        };
        self.flush();
        let anchor = style.anchor();
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.state.baseline != Some(baseline) {
            self.ctx.set_text_baseline(baseline);
            self.state.baseline = Some(baseline);
        }
        if self.state.align != Some(align) {
            self.ctx.set_text_align(align);
            self.state.align = Some(align);
        }
        let font = FontSpec {
            size: style.size(),
            bold: matches!(style.style(), FontStyle::Bold),
        };
        if self.state.font != Some(font) {
            self.ctx.set_font(&font.css());
            self.state.font = Some(font);
        }
        self.set_fill_color(color);
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        if rotation == 0.0 {
            return self.ctx.fill_text(text, x, y).map_err(js_error);
        }
        self.ctx.save();
        let drawn = self
            .ctx
            .translate(x, y)
            .and_then(|()| self.ctx.rotate(rotation))
            .and_then(|()| self.ctx.fill_text(text, 0.0, 0.0));
        self.ctx.restore();
        drawn.map_err(js_error)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_box(self.measure, text, style))
    }
}
