//! Plots, drawn with `plotters` on any [`DrawingBackend`]: the page draws on a canvas, the
//! tests on SVG. Only `web::canvas` builds a canvas backend.
//!
//! [`DrawingBackend`]: plotters::prelude::DrawingBackend

mod adex_views;
mod analysis_views;
mod lorentz_views;
mod network_views;
mod tf_views;
mod timeseries;

pub use adex_views::{adaptation_panel, input_panel, rates_panels, relabel_izhikevich};
pub use analysis_views::{
    bifurcation_panel, draw_map, fixed_points_panel, freq_panel, phase_plane_panel, scan_panel,
    two_param_panel, MapView,
};
pub use lorentz_views::{
    lorentz_adaptation_panel, lorentz_input_panel, lorentz_rate_panel, lorentz_v_panel,
};
pub use network_views::{
    draw_raster, network_rate_line, network_w_line, raster_panel, rasterize, RasterLayout,
};
pub use tf_views::{nu_i_shown, tf_panels, w_values, TfViewInput};
pub use timeseries::{draw_panel, Band, Label, Line, LineStyle, Panel, PlotRect};

use plotters::style::RGBColor;

/// Colours and fonts shared by every plot. Excitatory and inhibitory are told apart by line
/// style and labels too, never by colour alone.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    /// Background.
    pub background: RGBColor,
    /// Axes and text.
    pub foreground: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Excitatory population (green, as in di Volo 2019).
    pub exc: RGBColor,
    /// Inhibitory population (red, as in di Volo 2019).
    pub inh: RGBColor,
    /// Comparison model (stationary adaptation).
    pub compare: RGBColor,
    /// The spiking network's excitatory curves (a lighter green: the mean field draws over it).
    pub net_exc: RGBColor,
    /// The spiking network's inhibitory curves (a lighter red).
    pub net_inh: RGBColor,
    /// A pinned run's curves (a faint ghost under the others).
    pub ghost: RGBColor,
    /// Font family.
    pub font: &'static str,
    /// Device pixels per CSS pixel: every size (fonts, strokes, margins) is multiplied by it, so
    /// that plots drawn in device pixels look the same on every screen, only sharper.
    pub scale: f64,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            background: RGBColor(255, 255, 255),
            foreground: RGBColor(40, 40, 40),
            grid: RGBColor(228, 228, 228),
            exc: RGBColor(0, 128, 64),
            inh: RGBColor(200, 30, 40),
            compare: RGBColor(30, 80, 200),
            net_exc: RGBColor(120, 200, 155),
            net_inh: RGBColor(245, 150, 150),
            ghost: RGBColor(190, 160, 220),
            font: "sans-serif",
            scale: 1.0,
        }
    }
}
