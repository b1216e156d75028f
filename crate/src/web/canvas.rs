//! The only place that builds a canvas backend. The canvas's backing store is sized to its CSS
//! size × devicePixelRatio and plotters draws in those device pixels, with every size scaled by
//! the same ratio ([`crate::plot::Theme::scale`]): sharp text and smooth curves on HiDPI screens
//! (plotters' coordinates are whole numbers, so drawing in CSS pixels under a scaled context
//! would put visible steps into slowly varying curves).

use crate::Error;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;

/// plotters-canvas does not export its error type by name.
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
use wasm_bindgen::Clamped;
use wasm_bindgen::JsCast as _;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// A [`CanvasBackend`] that measures text with the canvas
/// itself (plotters' own web font measurement inserts a styled `<span>` into the page for every
/// label, which the page's Content-Security-Policy forbids and which forces a layout each time).
pub struct DprCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    size: (u32, u32),
}

/// Line height as a multiple of the font size, as a browser lays out one line of text.
const LINE_HEIGHT: f64 = 1.2;

/// Sizes `canvas` for the screen and wraps it; also returns the device-pixel ratio.
///
/// # Errors
/// When the canvas has no layout size (hidden) or no 2-D context.
pub fn prepare(canvas: &HtmlCanvasElement) -> Result<(DprCanvas, f64), Error> {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0);
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return Err(Error::Plot(format!(
            "canvas '{}' has no size on screen",
            canvas.id()
        )));
    }
    prepare_sized(canvas, (f64::from(w), f64::from(h)), dpr)
}

/// Sizes `canvas` (on screen or not) to `css` × `scale` device pixels and wraps it: the page's
/// print-resolution PNG export draws a figure at its on-screen layout, `scale` times sharper.
///
/// # Errors
/// When the size is not positive or the canvas has no 2-D context.
pub fn prepare_sized(
    canvas: &HtmlCanvasElement,
    css: (f64, f64),
    scale: f64,
) -> Result<(DprCanvas, f64), Error> {
    if !(css.0 >= 1.0 && css.1 >= 1.0 && (1.0..=8.0).contains(&scale)) {
        return Err(Error::Plot(format!(
            "cannot draw a {}×{} figure at scale {scale}",
            css.0, css.1
        )));
    }
    let size = (
        (css.0 * scale).round() as u32,
        (css.1 * scale).round() as u32,
    );
    canvas.set_width(size.0);
    canvas.set_height(size.1);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| Error::Plot("the browser gave no 2-D canvas context".into()))?;
    let inner = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| Error::Plot("cannot draw on the canvas".into()))?;
    Ok((
        DprCanvas {
            inner,
            context: ctx,
            size,
        },
        scale,
    ))
}

type R = Result<(), DrawingErrorKind<CanvasError>>;

impl DrawingBackend for DprCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> R {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> R {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> R {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> R {
        self.inner.draw_rect(ul, br, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> R {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> R {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> R {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        // The same font string plotters-canvas draws with.
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self.context.measure_text(text).map_or(0.0, |m| m.width());
        Ok((
            width.ceil() as u32,
            (style.size() * LINE_HEIGHT).ceil() as u32,
        ))
    }
    /// One `putImageData` for the whole block (plotters-canvas would fill one rectangle per
    /// pixel). `src` is RGB, as plotters' bitmaps are.
    fn blit_bitmap(&mut self, pos: BackendCoord, (w, h): (u32, u32), src: &[u8]) -> R {
        let n = (w * h) as usize;
        if w == 0 || h == 0 || src.len() < 3 * n {
            return Ok(());
        }
        let mut rgba = Vec::with_capacity(4 * n);
        for px in src.chunks_exact(3).take(n) {
            rgba.extend_from_slice(px);
            rgba.push(255);
        }
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), w, h)
            .map_err(|e| DrawingErrorKind::FontError(format!("{e:?}").into()))?;
        self.context
            .put_image_data(&image, f64::from(pos.0), f64::from(pos.1))
            .map_err(|e| DrawingErrorKind::FontError(format!("{e:?}").into()))
    }
}
