//! A generic time-series panel: lines (solid or dashed), shaded bands and a legend.

use super::Theme;
use crate::Error;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

/// How a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    /// Continuous.
    Solid,
    /// Short dashes.
    Dashed,
    /// Long dashes.
    LongDashed,
}

/// One line of a panel.
#[derive(Clone, Debug)]
pub struct Line {
    /// Legend text.
    pub label: String,
    /// Colour.
    pub color: RGBColor,
    /// Dash pattern.
    pub style: LineStyle,
    /// (t, y) points; non-finite values break the line.
    pub points: Vec<(f64, f64)>,
}

/// A shaded band between two curves.
#[derive(Clone, Debug)]
pub struct Band {
    /// Colour (drawn translucent).
    pub color: RGBColor,
    /// (t, low, high) points.
    pub points: Vec<(f64, f64, f64)>,
}

/// One panel: axes, lines and bands.
#[derive(Clone, Debug)]
pub struct Panel {
    /// Title above the panel.
    pub title: String,
    /// x-axis label.
    pub x_label: String,
    /// y-axis label.
    pub y_label: String,
    /// x range.
    pub x_range: (f64, f64),
    /// Keep 0 inside the y range.
    pub include_zero: bool,
    /// Lines, drawn in order over the bands.
    pub lines: Vec<Line>,
    /// Bands, drawn first.
    pub bands: Vec<Band>,
}

impl Panel {
    /// The y range covering every finite value, padded by 5 %.
    #[must_use]
    pub fn y_range(&self) -> (f64, f64) {
        let ys = self
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| p.1))
            .chain(
                self.bands
                    .iter()
                    .flat_map(|b| b.points.iter().flat_map(|p| [p.1, p.2])),
            )
            .filter(|y| y.is_finite());
        let (mut lo, mut hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
            (a.min(y), b.max(y))
        });
        if !lo.is_finite() {
            return (0.0, 1.0);
        }
        if self.include_zero {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        let span = hi - lo;
        if span <= 1e-12 * hi.abs().max(1.0) {
            let pad = if hi.abs() > 0.0 { 0.1 * hi.abs() } else { 1.0 };
            return (lo - pad, hi + pad);
        }
        let pad = 0.05 * span;
        let lo = if self.include_zero && lo >= 0.0 {
            0.0
        } else {
            lo - pad
        };
        (lo, hi + pad)
    }
}

/// A tick label with the decimals the axis span can need, trailing zeros removed ("1000", "2",
/// "2.5", "0.25"; never "-0").
#[must_use]
pub fn tick_label(v: f64, span: f64) -> String {
    let decimals = (2.0 - span.max(1e-12).log10().floor()).clamp(0.0, 12.0) as usize;
    let text = format!("{v:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text.as_str()
    };
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

fn plot_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::Plot(e.to_string())
}

/// Splits points into runs of finite values.
fn finite_runs(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::new()];
    for &(x, y) in points {
        if x.is_finite() && y.is_finite() {
            if let Some(run) = runs.last_mut() {
                run.push((x, y));
            }
        } else if runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// Draws `panel` filling `area`.
///
/// # Errors
/// When the backend fails.
pub fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    theme: &Theme,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    area.fill(&theme.background).map_err(plot_err)?;
    let (header, body) = area.split_vertically(HEADER_PX);
    draw_header(&header, panel, theme)?;
    let (y0, y1) = panel.y_range();
    let (x0, x1) = panel.x_range;
    let x1 = if x1 > x0 { x1 } else { x0 + 1.0 };
    let mut chart = ChartBuilder::on(&body)
        .margin_top(4)
        .margin_right(26)
        .x_label_area_size(34)
        .y_label_area_size(58)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(plot_err)?;
    let label_font = (theme.font, 12).into_font().color(&theme.foreground);
    chart
        .configure_mesh()
        .x_desc(panel.x_label.as_str())
        .y_desc(panel.y_label.as_str())
        .label_style(label_font.clone())
        .axis_desc_style(label_font)
        .light_line_style(theme.background)
        .bold_line_style(theme.grid)
        .x_label_formatter(&|v| tick_label(*v, x1 - x0))
        .y_label_formatter(&|v| tick_label(*v, y1 - y0))
        .axis_style(theme.foreground)
        .x_labels(8)
        .y_labels(6)
        .draw()
        .map_err(plot_err)?;
    for band in &panel.bands {
        let upper = band.points.iter().map(|p| (p.0, p.2));
        let lower = band.points.iter().rev().map(|p| (p.0, p.1));
        let poly: Vec<(f64, f64)> = upper
            .chain(lower)
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(
                poly,
                band.color.mix(0.18).filled(),
            )))
            .map_err(plot_err)?;
    }
    for line in &panel.lines {
        draw_line(&mut chart, line)?;
    }
    area.present().map_err(plot_err)?;
    Ok(())
}

/// Height of the row holding the title (left) and the legend (right) [px].
const HEADER_PX: u32 = 24;
/// Length of a legend's line sample [px].
const SAMPLE_PX: i32 = 24;

fn dash_of(style: LineStyle) -> Option<(i32, i32)> {
    match style {
        LineStyle::Solid => None,
        LineStyle::Dashed => Some((5, 4)),
        LineStyle::LongDashed => Some((12, 5)),
    }
}

fn line_style(line: &Line) -> ShapeStyle {
    ShapeStyle::from(line.color).stroke_width(2)
}

/// Title on the left, one legend entry per line (sample + label) on the right. The legend sits
/// outside the plotting area so it never hides a curve; text is measured by the backend.
fn draw_header<DB: DrawingBackend>(
    header: &DrawingArea<DB, Shift>,
    panel: &Panel,
    theme: &Theme,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let title_font = (theme.font, 14).into_font().color(&theme.foreground);
    header
        .draw(&Text::new(panel.title.as_str(), (10, 5), title_font))
        .map_err(plot_err)?;
    if panel.lines.len() < 2 {
        return Ok(());
    }
    let font = (theme.font, 12).into_font().color(&theme.foreground);
    let mut x = header.dim_in_pixel().0 as i32 - 12;
    let y = (HEADER_PX / 2) as i32 + 1;
    for line in panel.lines.iter().rev() {
        let (w, h) = header
            .estimate_text_size(&line.label, &font)
            .map_err(plot_err)?;
        x -= w as i32;
        header
            .draw(&Text::new(
                line.label.as_str(),
                (x, y - h as i32 / 2),
                font.clone(),
            ))
            .map_err(plot_err)?;
        x -= SAMPLE_PX + 6;
        let pts = vec![(x, y), (x + SAMPLE_PX, y)];
        let style = line_style(line);
        match dash_of(line.style) {
            None => header.draw(&PathElement::new(pts, style)),
            Some((on, off)) => header.draw(&DashedPathElement::new(pts, on, off, style)),
        }
        .map_err(plot_err)?;
        x -= 16;
    }
    Ok(())
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

fn draw_line<DB: DrawingBackend>(chart: &mut Chart<'_, DB>, line: &Line) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let style = line_style(line);
    for run in finite_runs(&line.points) {
        match dash_of(line.style) {
            None => chart.draw_series(LineSeries::new(run, style)).map(|_| ()),
            Some((on, off)) => chart
                .draw_series(DashedLineSeries::new(run, on, off, style))
                .map(|_| ()),
        }
        .map_err(plot_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_use_the_decimals_the_span_needs() {
        assert_eq!(tick_label(1000.0, 4000.0), "1000");
        assert_eq!(tick_label(2.5, 8.0), "2.5");
        assert_eq!(tick_label(2.0, 8.0), "2");
        assert_eq!(tick_label(4.0, 10.0), "4");
        assert_eq!(tick_label(0.25, 0.8), "0.25");
        assert_eq!(tick_label(0.125, 0.8), "0.125");
        assert_eq!(tick_label(-0.0, 5.0), "0");
        assert_eq!(tick_label(-1e-13, 5.0), "0");
    }

    #[test]
    fn non_finite_values_split_lines() {
        let runs = finite_runs(&[(0.0, 1.0), (1.0, f64::NAN), (2.0, 2.0), (3.0, 3.0)]);
        assert_eq!(runs, vec![vec![(0.0, 1.0)], vec![(2.0, 2.0), (3.0, 3.0)]]);
    }

    #[test]
    fn y_range_pads_and_survives_degenerate_data() {
        let mut p = Panel {
            title: String::new(),
            x_label: String::new(),
            y_label: String::new(),
            x_range: (0.0, 1.0),
            include_zero: true,
            lines: vec![Line {
                label: String::new(),
                color: RGBColor(0, 0, 0),
                style: LineStyle::Solid,
                points: vec![(0.0, 2.0), (1.0, 10.0)],
            }],
            bands: vec![],
        };
        assert_eq!(p.y_range(), (0.0, 10.5));
        p.lines[0].points = vec![(0.0, f64::NAN)];
        assert_eq!(p.y_range(), (0.0, 1.0));
        p.lines[0].points = vec![(0.0, 3.0), (1.0, 3.0)];
        let (lo, hi) = p.y_range();
        assert!(lo <= 0.0 && hi > 3.0);
    }
}
