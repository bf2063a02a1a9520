//! The backend the page paints with: plotters-canvas's [`CanvasBackend`]
//! behind a layer that remembers the 2D context's state.
//!
//! plotters-canvas sets the fill style (a formatted `rgba()` string),
//! font, alignment and baseline on every rectangle and label, and a large
//! chart has thousands of them. Here opaque filled rectangles and text are
//! drawn with only the state that changed since the last call; lines,
//! paths, polygons and everything translucent go to plotters-canvas, after
//! which the remembered state is dropped, since it has set its own.
//! Runs of opaque rectangles of one colour (dashes, hatching) become one
//! path filled once, which the canvas rasterises much faster than a
//! `fillRect` each. Text is measured with the page's cached
//! [`TextMeasure`].

use crate::charts::{text_box, FontSpec, TextMeasure};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::f64::consts::FRAC_PI_2;
use std::fmt;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

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
    font: Option<FontSpec>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

/// A canvas backend of `size` CSS pixels whose context's transform maps
/// CSS to device pixels.
pub struct Painter<'a, M: TextMeasure> {
    inner: CanvasBackend,
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
    /// Paints on `canvas` through `ctx`, its 2D context.
    fn new(
        canvas: HtmlCanvasElement,
        ctx: CanvasRenderingContext2d,
        measure: &'a M,
        size: (u32, u32),
    ) -> Option<Self> {
        Some(Painter {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            ctx,
            measure,
            size,
            state: State::default(),
            colours: Vec::new(),
            pending: Pending::None,
            discs: 0,
        })
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

    /// Runs a plotters-canvas call, which sets context state of its own.
    fn delegate(
        &mut self,
        f: impl FnOnce(
            &mut CanvasBackend,
        )
            -> Result<(), DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>,
    ) -> Res {
        self.flush();
        self.state = State::default();
        f(&mut self.inner).map_err(|e| match e {
            DrawingErrorKind::DrawingError(e) => {
                DrawingErrorKind::DrawingError(PaintError(e.to_string()))
            }
            DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
        })
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

/// Paints on `canvas` through `ctx` (its 2D context, with its transform
/// set) with `draw`, on an area of `size` CSS pixels. When this returns,
/// everything is on the canvas. Errors name `what` was drawn.
pub fn paint<M: TextMeasure>(
    canvas: &HtmlCanvasElement,
    ctx: &CanvasRenderingContext2d,
    measure: &M,
    size: (u32, u32),
    what: &str,
    draw: impl FnOnce(
        &DrawingArea<Painter<'_, M>, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<PaintError>>,
) -> Result<(), JsValue> {
    let painter = Painter::new(canvas.clone(), ctx.clone(), measure, size)
        .ok_or_else(|| JsValue::from_str("the canvas has no 2D context"))?;
    let area = painter.into_drawing_area();
    let drawn = draw(&area).and_then(|()| area.present());
    drawn.map_err(|e| JsValue::from_str(&(String::from("drawing ") + what + ": " + &e.to_string())))
}

/// `#rrggbb`, without the formatting machinery.
pub fn hex((r, g, b): (u8, u8, u8)) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(7);
    s.push('#');
    for v in [r, g, b] {
        s.push(char::from(DIGITS[usize::from(v >> 4)]));
        s.push(char::from(DIGITS[usize::from(v & 15)]));
    }
    s
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
        self.delegate(|b| b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        self.delegate(|b| b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res {
        let color = style.color();
        if !fill || color.alpha < 1.0 {
            return self.delegate(|b| b.draw_rect(upper_left, bottom_right, style, fill));
        }
        if self.state.fill != Some(color.rgb) {
            self.flush();
            self.set_fill(color.rgb);
        }
        let rect = [
            f64::from(upper_left.0),
            f64::from(upper_left.1),
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        ];
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
        self.delegate(|b| b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res {
        let color = style.color();
        if !fill || color.alpha < 1.0 {
            return self.delegate(|b| b.draw_circle(center, radius, style, fill));
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
        self.delegate(|b| b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Res {
        let color = style.color();
        if color.alpha < 1.0 {
            return self.delegate(|b| b.draw_text(text, style, pos));
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
        self.set_fill(color.rgb);
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

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Res {
        self.delegate(|b| b.blit_bitmap(pos, size, src))
    }
}
