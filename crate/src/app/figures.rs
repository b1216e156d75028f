//! The figure registry: which figures each model shows (id, menu text, accessible label,
//! where they sit) and, in the same row, the builders of its drawing and of its data. The page
//! creates its canvases from [`figures`] (a canvas `plot-<id>` per figure); PNG export, CSV
//! export and the on-screen drawing all go through the row of the same id, so a new plot is
//! one row here and its builder.

use super::csv;
use super::session::{to_text, Session};
use crate::analysis::{AnalysisResult, MapCell};
use crate::neuron::Pop;
use crate::plot::{self, Panel, PlotRect, RasterLayout, Theme};
use crate::record::{Spike, SpikeFilter};
use crate::scenario::{self, ModelKind, Scenario};
use crate::Error;
use plotters::coord::Shift;
use plotters::prelude::*;
use serde_json::json;

/// Where a figure sits on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The time series beside the network (raster, rates, …): drawn after every run.
    Time,
    /// The analysis section.
    Analysis,
    /// The transfer-function section.
    Tf,
}

impl Place {
    /// Name in the JSON the page reads.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Time => "time",
            Self::Analysis => "analysis",
            Self::Tf => "tf",
        }
    }
}

/// Builds a figure's drawing from the session (`id` is the row's own, for a builder that
/// serves several rows).
pub type BuildDrawing = for<'a> fn(&'a Session, &str) -> Result<Drawing<'a>, Error>;

/// Builds the data behind a figure as CSV with a header row (units in the column names).
pub type BuildCsv = fn(&Session, &str) -> Result<String, Error>;

/// How a figure is made: its drawing and its data.
#[derive(Clone, Copy, Debug)]
pub struct Builder {
    /// The drawing.
    pub drawing: BuildDrawing,
    /// The data.
    pub csv: BuildCsv,
}

/// The raster of the network streamed so far.
const RASTER: Builder = Builder {
    drawing: |s, _| Ok(s.raster()),
    csv: |s, _| {
        Ok(csv::raster_csv(
            &s.net.recording().spikes,
            s.scenario.population_sizes().0,
        ))
    },
};

/// A time-series panel of the last run (rates, w, input, extra).
const TIME_PANEL: Builder = Builder {
    drawing: |s, id| s.time_drawing(id),
    csv: |s, id| s.time_csv(id),
};

/// The id of the conductance models' inhibitory-rate panel, drawn above the excitatory one in
/// the "rates" figure (not a figure of its own).
const RATES_INH: &str = "rates-i";

/// Removes the panel `id` from `panels` and returns it.
fn take(panels: &mut Vec<(&'static str, Panel)>, id: &str) -> Option<Panel> {
    let k = panels.iter().position(|(i, _)| *i == id)?;
    Some(panels.remove(k).1)
}

/// Figure `id`'s drawing from its panel, with `upper` above it for the rates.
fn stacked<'a>(id: &str, panel: Panel, upper: Option<Panel>) -> Drawing<'a> {
    match upper {
        Some(upper) if id == "rates" => Drawing::Stacked {
            upper,
            lower: panel,
        },
        _ => Drawing::Panel(panel),
    }
}

/// The held analysis.
const ANALYSIS: Builder = Builder {
    drawing: |s, _| Ok(s.analysis_drawing()),
    csv: |s, _| {
        s.analysis
            .as_ref()
            .map(|h| csv::analysis_csv(&h.result))
            .ok_or_else(|| Error::Usage("no analysis has been computed yet".into()))
    },
};

/// The transfer function's rate panel.
const TF_RATE: Builder = Builder {
    drawing: |s, _| Ok(Drawing::Panel(s.tf_view_panels()?.0)),
    csv: |s, _| Ok(csv::panel_csv(&s.tf_view_panels()?.0)),
};

/// The transfer function's μ_V panel.
const TF_V: Builder = Builder {
    drawing: |s, _| Ok(Drawing::Panel(s.tf_view_panels()?.1)),
    csv: |s, _| Ok(csv::panel_csv(&s.tf_view_panels()?.1)),
};

/// One figure of the page.
#[derive(Clone, Debug)]
pub struct FigureSpec {
    /// Id: the canvas is `plot-<id>`; PNG and CSV exports name it.
    pub id: &'static str,
    /// The export menu's text.
    pub menu: &'static str,
    /// The canvas's accessible label (what a screen reader says the image shows).
    pub aria: &'static str,
    /// Id of the element whose text describes the figure further ("" for none).
    pub described_by: &'static str,
    /// CSS class of its frame (its height).
    pub class: &'static str,
    /// Where it sits.
    pub place: Place,
    /// How it is made.
    pub build: Builder,
}

const fn fig(
    id: &'static str,
    menu: &'static str,
    aria: &'static str,
    described_by: &'static str,
    class: &'static str,
    (place, build): (Place, Builder),
) -> FigureSpec {
    FigureSpec {
        id,
        menu,
        aria,
        described_by,
        class,
        place,
        build,
    }
}

/// The figures of the scenario's model, in page order: the rates (the main figure), the
/// raster, then the rest.
#[must_use]
pub fn figures(s: &Scenario) -> Vec<FigureSpec> {
    use Place::{Analysis, Tf, Time};
    let lorentz = s.lorentz();
    let exact = lorentz.is_some();
    let mut v = vec![fig(
        "raster",
        "Raster",
        "Raster of the spiking network: one row per neuron, one mark per spike",
        "net-status",
        "plot-raster",
        (Time, RASTER),
    )];
    if exact {
        v.extend([
            fig("rates", "Rates", "Population rate r over time: mean field and spiking network", "readout", "plot-rates", (Time, TIME_PANEL)),
            fig("w", "Membrane potential", "Centre of the membrane-potential distribution over time: mean field and network median", "readout", "plot-small", (Time, TIME_PANEL)),
            fig("input", "Input", "External input current over time", "", "plot-small", (Time, TIME_PANEL)),
        ]);
        if lorentz.is_some_and(|mf| mf.vars().len() > 2) {
            v.push(fig(
                "extra",
                "Adaptation",
                "Adaptation variable over time: mean field and network",
                "readout",
                "plot-small",
                (Time, TIME_PANEL),
            ));
        }
        v.push(fig(
            "analysis",
            "Bifurcation diagram",
            "Bifurcation diagram of the mean field with the network's runs",
            "analysis-summary",
            "plot-analysis",
            (Analysis, ANALYSIS),
        ));
        v.swap(0, 1); // the rates are the main figure: first
        return v;
    }
    v.extend([
        fig(
            "rates",
            "Rates",
            "Excitatory and inhibitory population rates over time: mean field and spiking network",
            "readout",
            "plot-rates",
            (Time, TIME_PANEL),
        ),
        fig(
            "w",
            "Adaptation",
            "Mean adaptation current over time",
            "readout",
            "plot-small",
            (Time, TIME_PANEL),
        ),
        fig(
            "input",
            "Input",
            "External input (drive plus stimulus) over time",
            "",
            "plot-small",
            (Time, TIME_PANEL),
        ),
        fig(
            "analysis",
            "Analysis",
            "Analysis plot",
            "analysis-summary",
            "plot-analysis",
            (Analysis, ANALYSIS),
        ),
    ]);
    if s.model == ModelKind::Adex {
        v.extend([
            fig("tf-rate", "Transfer function: rate", "Output rate against excitatory input rate, one curve per inhibitory input rate, with simulated points", "tf-caption", "plot-tf", (Tf, TF_RATE)),
            fig("tf-v", "Transfer function: μ_V", "Mean membrane potential against excitatory input rate, theory and simulation", "tf-caption", "plot-tf", (Tf, TF_V)),
        ]);
    }
    v.swap(0, 1); // the rates are the main figure: first
    v
}

/// What a figure draws.
pub enum Drawing<'a> {
    /// Axes and lines.
    Panel(Panel),
    /// Two panels, one above the other; the lower (the main one) takes 60 % of the height.
    Stacked {
        /// The upper panel.
        upper: Panel,
        /// The lower panel.
        lower: Panel,
    },
    /// The network's raster over the plots' time axis.
    Raster {
        /// The spikes shown.
        spikes: &'a [Spike],
        /// Rows of the populations.
        layout: RasterLayout,
        /// Inhibitory neurons.
        n_i: u32,
        /// The time axis [ms].
        x_range: (f64, f64),
    },
    /// The bistability map.
    Map {
        /// Cells so far.
        cells: &'a [MapCell],
        /// Grid points per axis.
        n: usize,
        /// Horizontal range.
        x_range: (f64, f64),
        /// Vertical range.
        y_range: (f64, f64),
        /// Axis labels.
        x_label: String,
        /// Vertical axis label.
        y_label: String,
        /// The scenario's own point.
        current: (f64, f64),
    },
    /// Nothing to show yet: the background only.
    Blank,
}

/// Draws `drawing` on `area` (whose origin must be the backend's); returns where a single
/// panel's plotting area is (for picking a point of it).
///
/// # Errors
/// When the backend fails.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    drawing: &Drawing,
    theme: &Theme,
) -> Result<Option<PlotRect>, Error>
where
    DB::ErrorType: 'static,
{
    match drawing {
        Drawing::Panel(p) => plot::draw_panel(area, p, theme).map(Some),
        Drawing::Stacked { upper, lower } => {
            let (_, h) = area.dim_in_pixel();
            let (top, bottom) = area.split_vertically((f64::from(h) * 0.4).round() as i32);
            plot::draw_panel(&top, upper, theme)?;
            plot::draw_panel(&bottom, lower, theme).map(|_| None)
        }
        Drawing::Raster {
            spikes,
            layout,
            n_i,
            x_range,
        } => plot::draw_raster(area, spikes, layout, *n_i, *x_range, theme).map(|_| None),
        Drawing::Map {
            cells,
            n,
            x_range,
            y_range,
            x_label,
            y_label,
            current,
        } => {
            let view = plot::MapView {
                cells,
                n: *n,
                x_range: *x_range,
                y_range: *y_range,
                x_label,
                y_label,
                current: *current,
            };
            plot::draw_map(area, &view, theme).map(|()| None)
        }
        Drawing::Blank => area
            .fill(&theme.background)
            .map(|()| None)
            .map_err(|e| Error::Plot(e.to_string())),
    }
}

impl Session {
    /// The figures of the current model as JSON [{id, menu, aria, described_by, class, place}].
    #[must_use]
    pub fn figures_json(&self) -> String {
        to_text(&json!(figures(&self.scenario)
            .iter()
            .map(|f| json!({
                "id": f.id,
                "menu": f.menu,
                "aria": f.aria,
                "described_by": f.described_by,
                "class": f.class,
                "place": f.place.name(),
            }))
            .collect::<Vec<_>>()))
    }

    /// The exact family's panels (rates, v, input, and adaptation when the model has it).
    fn lorentz_panels(
        &self,
        mf: &crate::lorentz::LorentzMeanField,
    ) -> Result<Vec<(&'static str, Panel)>, Error> {
        let trace = self
            .lz_trace
            .as_ref()
            .ok_or_else(|| Error::Plot("nothing has been run yet".into()))?;
        let theme = Theme::default();
        let bins = &self.net.recording().bins;
        let mut panels = vec![
            ("rates", plot::lorentz_rate_panel(trace, bins, &theme)),
            ("w", plot::lorentz_v_panel(mf, trace, bins, &theme)),
            ("input", plot::lorentz_input_panel(mf, trace, &theme)),
        ];
        if let Some(p) = plot::lorentz_adaptation_panel(mf, trace, bins, &theme) {
            panels.push(("extra", p));
        }
        if let Some(g) = self.ghost_lines(&theme) {
            panels[0].1.lines.insert(0, g.rate); // under the network and the mean field
        }
        // A run stopped by a blow-up still shows the whole duration (and the network in it).
        for (_, p) in &mut panels {
            p.x_range.1 = p.x_range.1.max(self.scenario.duration_ms);
        }
        Ok(panels)
    }

    /// The conductance model's panels (rates, adaptation, input), network lines included.
    fn conductance_panels(&self) -> Result<Vec<(&'static str, Panel)>, Error> {
        let trace = self
            .trace
            .as_ref()
            .ok_or_else(|| Error::Plot("nothing has been run yet".into()))?;
        let theme = Theme::default();
        let st = self.stationary.as_ref();
        let bins = &self.net.recording().bins;
        let izh = self.scenario.model == ModelKind::Izhikevich;
        let relabel = |p: Panel| if izh { plot::relabel_izhikevich(p) } else { p };
        let (mut exc, mut inh) = plot::rates_panels(trace, self.scenario.adex.order, st, &theme);
        let mut w_panel = plot::adaptation_panel(trace, st, &theme);
        if !bins.is_empty() {
            // Network first, so the mean field is drawn over it.
            exc.lines
                .insert(0, plot::network_rate_line(bins, &theme, Pop::Exc));
            inh.lines
                .insert(0, plot::network_rate_line(bins, &theme, Pop::Inh));
            w_panel.lines.insert(0, plot::network_w_line(bins, &theme));
        }
        if let Some(g) = self.ghost_lines(&theme) {
            // Under the network and the mean field.
            exc.lines.insert(0, g.rate);
            if let Some(l) = g.rate_i {
                inh.lines.insert(0, l);
            }
            if let Some(w) = g.w {
                w_panel.lines.insert(0, w);
            }
        }
        // Relabelled with the network's lines in, so those read E, I and u too.
        Ok(vec![
            ("rates", relabel(exc)),
            (RATES_INH, relabel(inh)),
            ("w", relabel(w_panel)),
            ("input", relabel(plot::input_panel(trace, &theme))),
        ])
    }

    /// The time-series panels of the last run by id ("rates", "w", "input", "extra"), from
    /// the scenario's `plot_from` on.
    ///
    /// # Errors
    /// When nothing has run yet.
    pub fn time_panels(&self) -> Result<Vec<(&'static str, Panel)>, Error> {
        let panels = match self.scenario.lorentz() {
            Some(mf) => self.lorentz_panels(&mf)?,
            None => self.conductance_panels()?,
        };
        let from = self.scenario.plot_from_ms;
        Ok(panels
            .into_iter()
            .map(|(id, p)| (id, p.from_time(from)))
            .collect())
    }

    /// The time axis the plots share.
    fn time_range(&self) -> (f64, f64) {
        let (t0, t1) = (self.scenario.plot_from_ms, self.scenario.duration_ms);
        if t0 > 0.0 && t0 < t1 {
            (t0, t1)
        } else {
            (0.0, t1)
        }
    }

    /// The network's raster over the plots' time axis.
    fn raster(&self) -> Drawing<'_> {
        let (n_e, n_i) = self.scenario.population_sizes();
        Drawing::Raster {
            spikes: &self.net.recording().spikes,
            layout: RasterLayout::new(n_e as u32, n_i as u32, SpikeFilter::RASTER),
            n_i: n_i as u32,
            x_range: self.time_range(),
        }
    }

    /// Every time figure of the last run, by id: the raster and the panels.
    ///
    /// # Errors
    /// When nothing has run yet.
    pub fn time_drawings(&self) -> Result<Vec<(&'static str, Drawing<'_>)>, Error> {
        let mut panels = self.time_panels()?;
        let inh = take(&mut panels, RATES_INH);
        let mut v: Vec<_> = panels
            .into_iter()
            .map(|(id, p)| (id, stacked(id, p, inh.clone())))
            .collect();
        // In the figures' order: the rates, then the raster.
        v.insert(v.len().min(1), ("raster", self.raster()));
        Ok(v)
    }

    /// A time figure's drawing by id: its panel, or for the conductance models' rates the
    /// inhibitory panel over the excitatory one.
    fn time_drawing(&self, id: &str) -> Result<Drawing<'_>, Error> {
        let inh = (id == "rates")
            .then(|| self.time_panel(RATES_INH).ok())
            .flatten();
        Ok(stacked(id, self.time_panel(id)?, inh))
    }

    /// A time figure's data: its panel's CSV, the rates with the inhibitory series after the
    /// excitatory ones.
    fn time_csv(&self, id: &str) -> Result<String, Error> {
        let mut panel = self.time_panel(id)?;
        let inh = (id == "rates")
            .then(|| self.time_panel(RATES_INH).ok())
            .flatten();
        if let Some(inh) = inh {
            // One value column for both populations' series.
            panel.y_label = "rate (Hz)".into();
            panel.lines.extend(inh.lines);
        }
        Ok(csv::panel_csv(&panel))
    }

    /// A time-series panel by id.
    fn time_panel(&self, id: &str) -> Result<Panel, Error> {
        self.time_panels()?
            .into_iter()
            .find(|(k, _)| *k == id)
            .map(|(_, p)| p)
            .ok_or_else(|| Error::Usage(format!("the figure '{id}' is not shown for this model")))
    }

    /// The held analysis's drawing.
    #[must_use]
    pub fn analysis_drawing(&self) -> Drawing<'_> {
        let Some(h) = self.analysis.as_ref() else {
            return Drawing::Blank;
        };
        let spec = &self.scenario.analysis;
        let theme = Theme::default();
        Drawing::Panel(match &h.result {
            AnalysisResult::FixedPoints(fp) => plot::fixed_points_panel(fp, &theme),
            AnalysisResult::Scan { key, points } => {
                let range = points
                    .iter()
                    .map(|p| p.x)
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
                        (a.min(x), b.max(x))
                    });
                let range = if range.0 < range.1 {
                    range
                } else {
                    (spec.scan_min, spec.scan_max)
                };
                plot::scan_panel(
                    points,
                    &scenario::scan_label(key),
                    range,
                    &self.network_points_along(key),
                    &theme,
                )
            }
            AnalysisResult::Freq { points, .. } => {
                plot::freq_panel(points, (spec.fr_min_hz, spec.fr_max_hz), &theme)
            }
            AnalysisResult::Bifurcation {
                key,
                diagram,
                network,
                ..
            } => {
                let Some(d) = diagram else {
                    return Drawing::Blank;
                };
                let current = scenario::spec(key)
                    .ok()
                    .and_then(|ps| ps.number(&self.scenario))
                    .unwrap_or(f64::NAN);
                let tags = super::analysis::special_tags(d);
                plot::bifurcation_panel(d, &tags, network, current, &theme)
            }
            AnalysisResult::TwoParam {
                diagram: Some(d), ..
            } => {
                let value = |k: &str| {
                    scenario::spec(k)
                        .ok()
                        .and_then(|ps| ps.number(&self.scenario))
                        .unwrap_or(f64::NAN)
                };
                let tags = super::analysis::two_param_tags(d);
                plot::two_param_panel(d, &tags, (value(&d.x.key), value(&d.y.key)), &theme)
            }
            AnalysisResult::TwoParam { diagram: None, .. }
            | AnalysisResult::PhasePlane { plane: None } => return Drawing::Blank,
            AnalysisResult::PhasePlane { plane: Some(p) } => plot::phase_plane_panel(p, &theme),
            AnalysisResult::Map {
                x_key,
                y_key,
                n,
                x_range,
                y_range,
                cells,
            } => {
                let value = |k: &str| {
                    scenario::spec(k)
                        .ok()
                        .and_then(|s| s.get(&self.scenario).parse().ok())
                        .unwrap_or(f64::NAN)
                };
                return Drawing::Map {
                    cells,
                    n: *n,
                    x_range: *x_range,
                    y_range: *y_range,
                    x_label: scenario::scan_label(x_key),
                    y_label: scenario::scan_label(y_key),
                    current: (value(x_key), value(y_key)),
                };
            }
        })
    }

    /// The row of figure `id` for the current model.
    fn figure(&self, id: &str) -> Result<FigureSpec, Error> {
        figures(&self.scenario)
            .into_iter()
            .find(|f| f.id == id)
            .ok_or_else(|| Error::Usage(format!("the figure '{id}' is not shown for this model")))
    }

    /// The drawing of figure `id` (see [`figures`]).
    ///
    /// # Errors
    /// Unknown figure, or nothing to draw yet.
    pub fn drawing(&self, id: &str) -> Result<Drawing<'_>, Error> {
        (self.figure(id)?.build.drawing)(self, id)
    }

    /// The data behind figure `id` as CSV with a header row (units in the column names).
    ///
    /// # Errors
    /// Unknown figure or nothing computed yet.
    pub fn figure_csv(&self, id: &str) -> Result<String, Error> {
        (self.figure(id)?.build.csv)(self, id)
    }
}
