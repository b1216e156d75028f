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
    /// No line: an open circle at each point (simulated data, unstable fixed points).
    Markers,
    /// No line: a filled circle at each point (stable fixed points).
    Dots,
    /// No line: a cross at each point (network measurements in analysis views).
    Crosses,
}

impl LineStyle {
    /// Whether points are drawn as marks rather than joined.
    #[must_use]
    pub fn is_marks(self) -> bool {
        matches!(self, Self::Markers | Self::Dots | Self::Crosses)
    }
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

impl Line {
    /// A line from its legend text, colour, dash pattern and points.
    #[must_use]
    pub fn new(label: &str, color: RGBColor, style: LineStyle, points: Vec<(f64, f64)>) -> Self {
        Self {
            label: label.to_string(),
            color,
            style,
            points,
        }
    }
}

/// A text label at a point of the data (a special point's name).
#[derive(Clone, Debug)]
pub struct Label {
    /// Where, in data coordinates.
    pub at: (f64, f64),
    /// The text.
    pub text: String,
    /// Its colour.
    pub color: RGBColor,
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
    /// Fixed y range instead of one fitted to the data.
    pub y_limits: Option<(f64, f64)>,
    /// Draw the grid.
    pub grid: bool,
    /// x holds log10 of the quantity: ticks are labelled with 10^x.
    pub x_log10: bool,
    /// Lines, drawn in order over the bands.
    pub lines: Vec<Line>,
    /// Bands, drawn first.
    pub bands: Vec<Band>,
    /// Text labels, drawn last (those outside the axes are left out).
    pub labels: Vec<Label>,
}

impl Panel {
    /// A panel with a grid, 0 kept in a y range fitted to the data, a linear x axis and no
    /// bands (struct-update syntax changes the rest).
    #[must_use]
    pub fn new(
        title: impl Into<String>,
        x_label: &str,
        y_label: &str,
        x_range: (f64, f64),
        lines: Vec<Line>,
    ) -> Self {
        Self {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            x_range,
            include_zero: true,
            y_limits: None,
            grid: true,
            x_log10: false,
            lines,
            bands: Vec::new(),
            labels: Vec::new(),
        }
    }

    /// The panel from time `t0` on: earlier points dropped, x range starting at `t0` (no-op when
    /// `t0` is not inside the range). The y range then fits what is shown.
    #[must_use]
    pub fn from_time(mut self, t0: f64) -> Self {
        if !(t0 > self.x_range.0 && t0 < self.x_range.1) {
            return self;
        }
        self.x_range.0 = t0;
        for line in &mut self.lines {
            line.points.retain(|p| p.0 >= t0);
        }
        for band in &mut self.bands {
            band.points.retain(|p| p.0 >= t0);
        }
        self
    }

    /// The y range covering every finite value, padded by 5 %.
    #[must_use]
    pub fn y_range(&self) -> (f64, f64) {
        if let Some(limits) = self.y_limits {
            return limits;
        }
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

pub(super) fn plot_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::Plot(e.to_string())
}

/// Keeps at most four points per bucket (the first, lowest, highest and last, in time order) of
/// `buckets` equal slices of [x0, x1]: the curve drawn at that many columns looks the same, every
/// extreme included, while long runs draw in constant time. Points must be in increasing x.
#[must_use]
pub fn decimate(points: &[(f64, f64)], (x0, x1): (f64, f64), buckets: usize) -> Vec<(f64, f64)> {
    if points.len() <= 4 * buckets || buckets == 0 || x1 <= x0 {
        return points.to_vec();
    }
    let bucket_of = |x: f64| (((x - x0) / (x1 - x0)) * buckets as f64).floor() as i64;
    let mut out = Vec::with_capacity(4 * buckets + 4);
    let mut start = 0;
    while start < points.len() {
        let b = bucket_of(points[start].0);
        let mut end = start + 1;
        while end < points.len() && bucket_of(points[end].0) == b {
            end += 1;
        }
        let slice = &points[start..end];
        let (mut lo, mut hi) = (0, 0);
        for (k, p) in slice.iter().enumerate() {
            if p.1 < slice[lo].1 {
                lo = k;
            }
            if p.1 > slice[hi].1 {
                hi = k;
            }
        }
        // Already in time order; drop repeats.
        let mut last = usize::MAX;
        for k in [0, lo.min(hi), lo.max(hi), slice.len() - 1] {
            if k != last {
                out.push(slice[k]);
                last = k;
            }
        }
        start = end;
    }
    out
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

mod layout;

/// A length in CSS pixels as drawn at the theme's scale.
pub(super) fn px(theme: &Theme, css: f64) -> i32 {
    (css * theme.scale).round() as i32
}

pub(super) fn upx(theme: &Theme, css: f64) -> u32 {
    px(theme, css).max(1) as u32
}

/// The plotting area (inside the axes) in backend pixels: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlotRect {
    /// Left edge [px].
    pub x: i32,
    /// Top edge [px].
    pub y: i32,
    /// Width [px].
    pub w: u32,
    /// Height [px].
    pub h: u32,
}

/// Draws `panel` filling `area`; returns where its plotting area is, for layers drawn by other
/// means (the raster's pixel buffer).
///
/// # Errors
/// When the backend fails.
pub fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    theme: &Theme,
) -> Result<PlotRect, Error>
where
    DB::ErrorType: 'static,
{
    area.fill(&theme.background).map_err(plot_err)?;
    let legend = legend_layout(area, panel, theme)?;
    let (header, body) = area.split_vertically(legend.header_height);
    draw_header(&header, panel, theme, &legend)?;
    let (y0, y1) = panel.y_range();
    let (x0, x1) = panel.x_range;
    let x1 = if x1 > x0 { x1 } else { x0 + 1.0 };
    let label_font = (theme.font, f64::from(upx(theme, layout::FONT)))
        .into_font()
        .color(&theme.foreground);
    let mut chart = ChartBuilder::on(&body)
        .margin_top(upx(theme, 4.0))
        .margin_right(upx(theme, 26.0))
        .x_label_area_size(upx(theme, 34.0))
        .y_label_area_size(upx(theme, 58.0))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .x_desc(panel.x_label.as_str())
        .y_desc(panel.y_label.as_str())
        .label_style(label_font.clone())
        .axis_desc_style(label_font)
        .light_line_style(theme.background)
        .bold_line_style(
            ShapeStyle::from(if panel.grid {
                theme.grid
            } else {
                theme.background
            })
            .stroke_width(upx(theme, 1.0)),
        )
        .axis_style(ShapeStyle::from(theme.foreground).stroke_width(upx(theme, 1.0)))
        .set_tick_mark_size(LabelAreaPosition::Left, px(theme, 5.0))
        .set_tick_mark_size(LabelAreaPosition::Bottom, px(theme, 5.0))
        .x_label_formatter(&|v| {
            if panel.x_log10 {
                let x = 10f64.powf(*v);
                tick_label(x, x)
            } else {
                tick_label(*v, x1 - x0)
            }
        })
        .y_label_formatter(&|v| tick_label(*v, y1 - y0))
        .x_labels(8)
        .y_labels(6)
        .draw()
        .map_err(plot_err)?;
    let columns = 2 * chart.plotting_area().dim_in_pixel().0 as usize;
    for band in &panel.bands {
        let edge = |f: fn(&(f64, f64, f64)) -> (f64, f64)| {
            let pts: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(f)
                .filter(|p| p.0.is_finite() && p.1.is_finite())
                .collect();
            decimate(&pts, (x0, x1), columns)
        };
        let mut poly = edge(|p| (p.0, p.2));
        poly.extend(edge(|p| (p.0, p.1)).into_iter().rev());
        chart
            .draw_series(std::iter::once(Polygon::new(
                poly,
                band.color.mix(0.18).filled(),
            )))
            .map_err(plot_err)?;
    }
    for line in &panel.lines {
        draw_line(&mut chart, line, theme)?;
    }
    let font = legend_font(theme);
    let (dx, dy) = (px(theme, 5.0), px(theme, -16.0));
    for label in &panel.labels {
        let (x, y) = label.at;
        if !(x >= x0 && x <= x1 && y >= y0 && y <= y1) {
            continue;
        }
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((x, y))
                    + Text::new(
                        label.text.clone(),
                        (dx, dy),
                        font.clone().color(&label.color),
                    ),
            ))
            .map_err(plot_err)?;
    }
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    area.present().map_err(plot_err)?;
    Ok(PlotRect {
        x: xs.start,
        y: ys.start,
        w: (xs.end - xs.start).max(0) as u32,
        h: (ys.end - ys.start).max(0) as u32,
    })
}

fn marker_radius(theme: &Theme) -> i32 {
    px(theme, 3.0)
}

/// Draws the mark of a marks-only line at `centre` (backend pixels): open circle, dot or cross.
fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    line: &Line,
    (x, y): (i32, i32),
    theme: &Theme,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let r = marker_radius(theme);
    let thin = ShapeStyle::from(line.color).stroke_width(upx(theme, 1.0));
    match line.style {
        LineStyle::Dots => area.draw(&Circle::new((x, y), r, line.color.filled())),
        LineStyle::Crosses => {
            let s = r + px(theme, 1.0);
            let style = ShapeStyle::from(line.color).stroke_width(upx(theme, 2.0));
            area.draw(&PathElement::new(
                vec![(x - s, y - s), (x + s, y + s)],
                style,
            ))
            .and_then(|()| {
                area.draw(&PathElement::new(
                    vec![(x - s, y + s), (x + s, y - s)],
                    style,
                ))
            })
        }
        _ => area.draw(&Circle::new((x, y), r, thin)),
    }
    .map_err(plot_err)
}

fn dash_of(style: LineStyle, theme: &Theme) -> Option<(i32, i32)> {
    match style {
        LineStyle::Solid | LineStyle::Markers | LineStyle::Dots | LineStyle::Crosses => None,
        LineStyle::Dashed => Some((px(theme, 5.0), px(theme, 4.0))),
        LineStyle::LongDashed => Some((px(theme, 12.0), px(theme, 5.0))),
    }
}

fn line_style(line: &Line, theme: &Theme) -> ShapeStyle {
    ShapeStyle::from(line.color).stroke_width(upx(theme, layout::STROKE))
}

/// Where the legend goes: beside the title when both fit on one row, else on rows below it,
/// as many as its entries need at the panel's width.
struct LegendLayout {
    header_height: u32,
    /// The row of each line's entry (the title's row is 0), in the order of the lines; `None`
    /// for a line without a label.
    rows: Vec<Option<i32>>,
}

fn legend_layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    theme: &Theme,
) -> Result<LegendLayout, Error>
where
    DB::ErrorType: 'static,
{
    let row = upx(theme, layout::ROW);
    let labelled = |l: &Line| !l.label.is_empty() && panel.lines.len() >= 2;
    let mut widths = Vec::new();
    for line in &panel.lines {
        let (w, _) = area
            .estimate_text_size(&line.label, &legend_font(theme))
            .map_err(plot_err)?;
        widths.push(w as i32 + px(theme, layout::SAMPLE + layout::GAP + layout::ENTRY_GAP));
    }
    let (title_w, _) = area
        .estimate_text_size(&panel.title, &title_font(theme))
        .map_err(plot_err)?;
    let width = area.dim_in_pixel().0 as i32 - 2 * px(theme, layout::INSET);
    let total: i32 = panel
        .lines
        .iter()
        .zip(&widths)
        .filter(|(l, _)| labelled(l))
        .map(|(_, w)| w)
        .sum();
    if title_w as i32 + total <= width {
        return Ok(LegendLayout {
            header_height: row,
            rows: panel
                .lines
                .iter()
                .map(|l| labelled(l).then_some(0))
                .collect(),
        });
    }
    // Filled in order, a row at a time, below the title (each row is drawn from the right).
    let mut rows = vec![None; panel.lines.len()];
    let (mut r, mut used) = (1, 0);
    for k in 0..panel.lines.len() {
        if !labelled(&panel.lines[k]) {
            continue;
        }
        if used > 0 && used + widths[k] > width {
            r += 1;
            used = 0;
        }
        used += widths[k];
        rows[k] = Some(r);
    }
    Ok(LegendLayout {
        header_height: (r as u32 + 1) * row,
        rows,
    })
}

pub(super) fn title_font(theme: &Theme) -> TextStyle<'static> {
    (theme.font, f64::from(upx(theme, layout::TITLE_FONT)))
        .into_font()
        .color(&theme.foreground)
}

pub(super) fn legend_font(theme: &Theme) -> TextStyle<'static> {
    (theme.font, f64::from(upx(theme, layout::FONT)))
        .into_font()
        .color(&theme.foreground)
}

/// Title on the left, one legend entry per line (sample + label) on the right. The legend sits
/// outside the plotting area so it never hides a curve; text is measured by the backend.
fn draw_header<DB: DrawingBackend>(
    header: &DrawingArea<DB, Shift>,
    panel: &Panel,
    theme: &Theme,
    legend: &LegendLayout,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let inset = px(theme, layout::INSET);
    header
        .draw(&Text::new(
            panel.title.as_str(),
            (inset, px(theme, 5.0)),
            title_font(theme),
        ))
        .map_err(plot_err)?;
    let font = legend_font(theme);
    let row = px(theme, layout::ROW);
    let right = header.dim_in_pixel().0 as i32 - inset;
    let mut x_of_row: Vec<(i32, i32)> = Vec::new();
    for (line, r) in panel.lines.iter().zip(&legend.rows).rev() {
        let Some(r) = *r else {
            continue;
        };
        let slot = match x_of_row.iter().position(|(k, _)| *k == r) {
            Some(i) => i,
            None => {
                x_of_row.push((r, right));
                x_of_row.len() - 1
            }
        };
        let x = &mut x_of_row[slot].1;
        let y = r * row + row / 2 + px(theme, 1.0);
        let (w, h) = header
            .estimate_text_size(&line.label, &font)
            .map_err(plot_err)?;
        *x -= w as i32;
        header
            .draw(&Text::new(
                line.label.as_str(),
                (*x, y - h as i32 / 2),
                font.clone(),
            ))
            .map_err(plot_err)?;
        *x -= px(theme, layout::SAMPLE + layout::GAP);
        let pts = vec![(*x, y), (*x + px(theme, layout::SAMPLE), y)];
        let style = line_style(line, theme);
        if line.style.is_marks() {
            let centre = (*x + px(theme, layout::SAMPLE) / 2, y);
            draw_mark(header, line, centre, theme)?;
            Ok(())
        } else {
            match dash_of(line.style, theme) {
                None => header.draw(&PathElement::new(pts, style)),
                Some((on, off)) => header.draw(&DashedPathElement::new(pts, on, off, style)),
            }
        }
        .map_err(plot_err)?;
        *x -= px(theme, layout::ENTRY_GAP);
    }
    Ok(())
}

type Chart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

fn draw_line<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    line: &Line,
    theme: &Theme,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let style = line_style(line, theme);
    if line.style.is_marks() {
        let (xr, yr) = (chart.x_range(), chart.y_range());
        // Closed ranges: a mark on the axis end (the last value of a scan) is drawn.
        let within = |r: &std::ops::Range<f64>, v: f64| v >= r.start && v <= r.end;
        let inside = |p: &&(f64, f64)| within(&xr, p.0) && within(&yr, p.1);
        let pts = line.points.iter().filter(inside).copied();
        let r = marker_radius(theme);
        let thin = ShapeStyle::from(line.color).stroke_width(upx(theme, 1.0));
        let s = r + px(theme, 1.0);
        let thick = ShapeStyle::from(line.color).stroke_width(upx(theme, 2.0));
        match line.style {
            LineStyle::Dots => chart
                .draw_series(pts.map(|p| Circle::new(p, r, line.color.filled())))
                .map(|_| ()),
            LineStyle::Crosses => chart
                .draw_series(pts.map(|p| {
                    EmptyElement::at(p)
                        + PathElement::new(vec![(-s, -s), (s, s)], thick)
                        + PathElement::new(vec![(-s, s), (s, -s)], thick)
                }))
                .map(|_| ()),
            _ => chart
                .draw_series(pts.map(|p| Circle::new(p, r, thin)))
                .map(|_| ()),
        }
        .map_err(plot_err)?;
        return Ok(());
    }
    let columns = chart.plotting_area().dim_in_pixel().0 as usize;
    let x_range = {
        let r = chart.x_range();
        (r.start, r.end)
    };
    for run in finite_runs(&line.points) {
        // Thinning keeps each column's extremes of a curve in x order (a time series); a curve
        // that turns back in x (a branch through a fold, a trajectory) is drawn as it is.
        let monotone = run.windows(2).all(|w| w[1].0 >= w[0].0);
        let run = if monotone {
            decimate(&run, x_range, 2 * columns)
        } else {
            run
        };
        match dash_of(line.style, theme) {
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
mod tests;
