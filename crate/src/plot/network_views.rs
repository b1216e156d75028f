//! The spiking network's layers: its binned rates and mean W as lines beside the mean field's,
//! and the raster. The raster's spikes are not plotters elements (tens of thousands of them):
//! [`rasterize`] paints them into a pixel buffer that [`draw_raster`] blits, in one backend
//! call, into the plotting area that [`raster_panel`]'s axes leave.

use super::{draw_panel, Line, LineStyle, Panel, PlotRect, Theme};
use crate::neuron::Pop;
use crate::record::{Bin, Spike, SpikeFilter};
use crate::Error;
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};

/// Which neurons the raster shows and where: excitatory cells 0..shown_e on the lower rows,
/// inhibitory cells N_e..N_e + shown_i above them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RasterLayout {
    /// Excitatory population size.
    pub n_e: u32,
    /// Excitatory cells shown.
    pub shown_e: u32,
    /// Inhibitory cells shown.
    pub shown_i: u32,
}

impl RasterLayout {
    /// The rows of a network of `n_e` + `n_i` cells whose spikes `filter` keeps.
    #[must_use]
    pub fn new(n_e: u32, n_i: u32, filter: SpikeFilter) -> Self {
        Self {
            n_e,
            shown_e: n_e.min(filter.max_e),
            shown_i: n_i.min(filter.max_i),
        }
    }

    /// Rows in all.
    #[must_use]
    pub fn rows(&self) -> u32 {
        self.shown_e + self.shown_i
    }

    /// The row of `neuron` counted from the bottom, if it is shown, and whether it is
    /// excitatory.
    #[must_use]
    pub fn row(&self, neuron: u32) -> Option<(u32, bool)> {
        if neuron < self.n_e {
            (neuron < self.shown_e).then_some((neuron, true))
        } else {
            let k = neuron - self.n_e;
            (k < self.shown_i).then_some((self.shown_e + k, false))
        }
    }
}

/// A binned series, each bin's value at its centre.
pub(super) fn bin_series(bins: &[Bin], f: impl Fn(&Bin) -> f64) -> Vec<(f64, f64)> {
    // Each bin's value is drawn at its centre.
    let width = match bins {
        [a, b, ..] => b.t_end_ms - a.t_end_ms,
        [a] => a.t_end_ms,
        [] => 0.0,
    };
    bins.iter()
        .map(|b| (b.t_end_ms - 0.5 * width, f(b)))
        .collect()
}

/// The network's rate of population `pop` (binned), to draw under the mean field's.
#[must_use]
pub fn network_rate_line(bins: &[Bin], theme: &Theme, pop: Pop) -> Line {
    match pop {
        Pop::Exc => Line::new(
            "network ν_e",
            theme.net_exc,
            LineStyle::Solid,
            bin_series(bins, |b| b.nu_e_hz),
        ),
        Pop::Inh => Line::new(
            "network ν_i",
            theme.net_inh,
            LineStyle::Solid,
            bin_series(bins, |b| b.nu_i_hz),
        ),
    }
}

/// The network's mean adaptation current of the RS cells.
#[must_use]
pub fn network_w_line(bins: &[Bin], theme: &Theme) -> Line {
    Line::new(
        "network W_e",
        theme.net_exc,
        LineStyle::Solid,
        bin_series(bins, |b| b.w_e_pa),
    )
}

/// Axes of the raster: time on x over `x_range`, one row per shown neuron on y, no grid.
#[must_use]
pub fn raster_panel(layout: &RasterLayout, n_i: u32, x_range: (f64, f64)) -> Panel {
    let title = if n_i == 0 {
        format!(
            "Raster: {} of {} neurons, least excitable at the bottom",
            layout.shown_e, layout.n_e
        )
    } else {
        format!(
            "Raster: {} of {} RS (below), {} of {} FS (above)",
            layout.shown_e, layout.n_e, layout.shown_i, n_i
        )
    };
    Panel {
        y_limits: Some((0.0, f64::from(layout.rows().max(1)))),
        grid: false,
        ..Panel::new(title, "time (ms)", "neuron", x_range, Vec::new())
    }
}

/// Paints `spikes` into a `w` × `h` RGB buffer (row-major, top row first) covering
/// `x_range` in time and the layout's rows bottom to top: background everywhere, one mark per
/// spike, one CSS pixel (`theme.scale` pixels) wide and one row tall.
#[must_use]
pub fn rasterize(
    spikes: &[Spike],
    layout: &RasterLayout,
    x_range: (f64, f64),
    (w, h): (u32, u32),
    theme: &Theme,
) -> Vec<u8> {
    let (w, h) = (w as usize, h as usize);
    let mut buf = Vec::with_capacity(3 * w * h);
    let bg = theme.background;
    for _ in 0..w * h {
        buf.extend([bg.0, bg.1, bg.2]);
    }
    let rows = layout.rows();
    let (x0, x1) = x_range;
    if w == 0 || h == 0 || rows == 0 || x0.is_nan() || x1.is_nan() || x1 <= x0 {
        return buf;
    }
    let row_px = h as f64 / f64::from(rows);
    let mark_h = (row_px.ceil() as usize).max(1);
    // One CSS pixel wide, whatever the screen's pixel density.
    let mark_w = (theme.scale.round() as usize).max(1);
    for s in spikes {
        let Some((row, exc)) = layout.row(s.neuron) else {
            continue;
        };
        if !(s.t_ms >= x0 && s.t_ms <= x1) {
            continue;
        }
        let col = (((s.t_ms - x0) / (x1 - x0)) * w as f64)
            .floor()
            .min(w as f64 - 1.0) as usize;
        // Row 0 at the bottom: its mark ends at the last pixel line.
        let top = (h as f64 - f64::from(row + 1) * row_px).round().max(0.0) as usize;
        let c = if exc { theme.exc } else { theme.inh };
        for y in top..(top + mark_h).min(h) {
            for x in col..(col + mark_w).min(w) {
                let k = 3 * (y * w + x);
                if let Some(px) = buf.get_mut(k..k + 3) {
                    px.copy_from_slice(&[c.0, c.1, c.2]);
                }
            }
        }
    }
    buf
}

/// A block of RGB pixels with its upper-left corner, drawn by one `blit_bitmap` call.
struct Pixels<'a> {
    at: BackendCoord,
    size: (u32, u32),
    rgb: &'a [u8],
}

impl<'a, 'b> PointCollection<'b, BackendCoord> for &'b Pixels<'a> {
    type Point = &'b BackendCoord;
    type IntoIter = std::iter::Once<&'b BackendCoord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Pixels<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut pos: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match pos.next() {
            Some(p) => backend.blit_bitmap(p, self.size, self.rgb),
            None => Ok(()),
        }
    }
}

/// Draws the raster (axes by plotters, spikes as one pixel block) on `area`, whose origin must
/// be the backend's.
///
/// # Errors
/// When the backend fails.
pub fn draw_raster<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spikes: &[Spike],
    layout: &RasterLayout,
    n_i: u32,
    x_range: (f64, f64),
    theme: &Theme,
) -> Result<PlotRect, Error>
where
    DB::ErrorType: 'static,
{
    let rect = draw_panel(area, &raster_panel(layout, n_i, x_range), theme)?;
    let rgb = rasterize(spikes, layout, x_range, (rect.w, rect.h), theme);
    area.draw(&Pixels {
        at: (rect.x, rect.y),
        size: (rect.w, rect.h),
        rgb: &rgb,
    })
    .map_err(|e| Error::Plot(e.to_string()))?;
    area.present().map_err(|e| Error::Plot(e.to_string()))?;
    Ok(rect)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spikes_land_on_their_time_column_and_neuron_row() {
        let theme = Theme::default();
        let layout = RasterLayout {
            n_e: 80,
            shown_e: 4,
            shown_i: 1,
        };
        let spikes = [
            Spike {
                t_ms: 0.0,
                neuron: 0,
            }, // first column, bottom row
            Spike {
                t_ms: 99.9,
                neuron: 80,
            }, // last column, top row (first FS cell)
            Spike {
                t_ms: 50.0,
                neuron: 10,
            }, // not shown
            Spike {
                t_ms: 150.0,
                neuron: 1,
            }, // outside the time range
        ];
        let buf = rasterize(&spikes, &layout, (0.0, 100.0), (10, 5), &theme);
        let at = |x: usize, y: usize| (buf[3 * (y * 10 + x)], buf[3 * (y * 10 + x) + 1]);
        assert_eq!(at(0, 4), (theme.exc.0, theme.exc.1));
        assert_eq!(at(9, 0), (theme.inh.0, theme.inh.1));
        let coloured = (0..50)
            .filter(|k| buf[3 * k] != theme.background.0 || buf[3 * k + 1] != theme.background.1)
            .count();
        assert_eq!(coloured, 2);
    }

    #[test]
    fn layout_maps_populations_to_stacked_rows() {
        let l = RasterLayout {
            n_e: 8000,
            shown_e: 400,
            shown_i: 100,
        };
        assert_eq!(l.row(0), Some((0, true)));
        assert_eq!(l.row(399), Some((399, true)));
        assert_eq!(l.row(400), None);
        assert_eq!(l.row(8000), Some((400, false)));
        assert_eq!(l.row(8099), Some((499, false)));
        assert_eq!(l.row(8100), None);
    }
}
