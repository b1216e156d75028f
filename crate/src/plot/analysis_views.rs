//! The analysis views (see [`crate::analysis`]): F(ν_e) against the bisector, the parameter scan
//! with the network's measured points, the frequency response and the bistability map.

use super::timeseries::{legend_font, plot_err, px, tick_label, title_font, upx};
use super::{Label, Line, LineStyle, Panel, Theme};
use crate::analysis::bifurcation::{CyclePoint, Diagram};
use crate::analysis::continuation::SpecialKind;
use crate::analysis::curves::TwoDiagram;
use crate::analysis::network_samples::NetworkSample;
use crate::analysis::phase_plane::{nullcline_label, PhasePlane, Segment};
use crate::analysis::two_param::CurveKind;
use crate::analysis::{FixedPoints, FreqPoint, MapCell, ScanPoint};
use crate::Error;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The range of ν_e shown: the realistic fixed points with room around them.
fn nu_range(fp: &FixedPoints) -> f64 {
    let top = fp.points.iter().map(|p| p.nu_e).fold(0.0, f64::max);
    (1.6 * top).clamp(10.0, crate::analysis::NU_MAX_HZ)
}

/// F(ν_e) and the bisector, with the fixed points marked by stability (Fig 5B).
#[must_use]
pub fn fixed_points_panel(fp: &FixedPoints, theme: &Theme) -> Panel {
    let x1 = nu_range(fp);
    let curve: Vec<(f64, f64)> = fp.curve.iter().copied().filter(|p| p.0 <= x1).collect();
    let (stable, unstable): (Vec<_>, Vec<_>) =
        fp.points.iter().partition(|p| p.stability.is_stable());
    let marks = |v: Vec<&crate::analysis::FixedPoint>| v.iter().map(|p| (p.nu_e, p.nu_e)).collect();
    let mut p = Panel::new(
        "Fixed points: F(ν_e) with ν_i and W at their self-consistent values",
        "ν_e [Hz]",
        "F(ν_e) [Hz]",
        (0.0, x1),
        vec![
            Line::new(
                "bisector F = ν_e",
                theme.foreground,
                LineStyle::Dashed,
                vec![(0.0, 0.0), (x1, x1)],
            ),
            Line::new("F(ν_e)", theme.exc, LineStyle::Solid, curve),
            Line::new("stable", theme.foreground, LineStyle::Dots, marks(stable)),
            Line::new("unstable", theme.inh, LineStyle::Markers, marks(unstable)),
        ],
    );
    p.y_limits = Some((0.0, x1));
    p
}

/// Stable (dots) and unstable (circles) fixed points of ν_e and ν_i against the scanned
/// parameter, and the network's time-averaged rates (crosses) as (x, ν_e, ν_i).
#[must_use]
pub fn scan_panel(
    points: &[ScanPoint],
    x_label: &str,
    range: (f64, f64),
    network: &[(f64, f64, f64)],
    theme: &Theme,
) -> Panel {
    let pick = |exc: bool, stable: bool| -> Vec<(f64, f64)> {
        points
            .iter()
            .flat_map(|s| {
                s.points
                    .iter()
                    .filter(move |p| p.stability.is_stable() == stable)
                    .map(move |p| (s.x, if exc { p.nu_e } else { p.nu_i }))
            })
            .collect()
    };
    let mut lines = vec![
        Line::new("ν_e stable", theme.exc, LineStyle::Dots, pick(true, true)),
        Line::new(
            "ν_e unstable",
            theme.exc,
            LineStyle::Markers,
            pick(true, false),
        ),
        Line::new("ν_i stable", theme.inh, LineStyle::Dots, pick(false, true)),
        Line::new(
            "ν_i unstable",
            theme.inh,
            LineStyle::Markers,
            pick(false, false),
        ),
    ];
    if !network.is_empty() {
        lines.push(Line::new(
            "network ν_e",
            theme.foreground,
            LineStyle::Crosses,
            network.iter().map(|p| (p.0, p.1)).collect(),
        ));
        lines.push(Line::new(
            "network ν_i",
            theme.compare,
            LineStyle::Crosses,
            network.iter().map(|p| (p.0, p.2)).collect(),
        ));
    }
    Panel::new(
        "Fixed points against the scanned parameter",
        x_label,
        "rate [Hz]",
        range,
        lines,
    )
}

/// Peak-to-peak ν_e against input frequency (log axis), with dynamic and stationary adaptation.
#[must_use]
pub fn freq_panel(points: &[FreqPoint], range_hz: (f64, f64), theme: &Theme) -> Panel {
    let series = |f: fn(&FreqPoint) -> f64| {
        points
            .iter()
            .map(|p| (p.f_hz.log10(), f(p)))
            .collect::<Vec<_>>()
    };
    let mut p = Panel::new(
        "Response to a sinusoidal input: peak-to-peak ν_e",
        "input frequency [Hz]",
        "amplitude of ν_e [Hz]",
        (range_hz.0.log10(), range_hz.1.log10()),
        vec![
            Line::new(
                "dynamic W",
                theme.exc,
                LineStyle::Solid,
                series(|p| p.amplitude_hz),
            ),
            Line::new("", theme.exc, LineStyle::Dots, series(|p| p.amplitude_hz)),
            Line::new(
                "stationary W",
                theme.compare,
                LineStyle::Dashed,
                series(|p| p.amplitude_stationary_hz),
            ),
        ],
    );
    p.x_log10 = true;
    p
}

/// What the bistability map shows around its cells.
#[derive(Clone, Debug)]
pub struct MapView<'a> {
    /// The cells, row by row (y outer), possibly fewer than n² while computing.
    pub cells: &'a [MapCell],
    /// Grid points per axis.
    pub n: usize,
    /// Horizontal range (cell centres).
    pub x_range: (f64, f64),
    /// Vertical range (cell centres).
    pub y_range: (f64, f64),
    /// Axis labels.
    pub x_label: &'a str,
    /// Vertical axis label.
    pub y_label: &'a str,
    /// The scenario's own (x, y), marked with a cross.
    pub current: (f64, f64),
}

/// Colour of a cell: grey where only the silent state is stable; green shades (darker = higher
/// self-sustained rate) where silent and active states coexist; blue where only the active one
/// exists; white where neither.
fn cell_colour(c: &MapCell, top_hz: f64) -> RGBColor {
    let mix = |a: (u8, u8, u8), b: (u8, u8, u8), t: f64| {
        let l = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
        RGBColor(l(a.0, b.0), l(a.1, b.1), l(a.2, b.2))
    };
    match (c.silent, c.active_hz) {
        (true, None) => RGBColor(215, 215, 215),
        (silent, Some(nu)) => {
            let t = (nu / top_hz.max(1e-9)).clamp(0.0, 1.0);
            if silent {
                mix((190, 230, 200), (0, 100, 45), t)
            } else {
                mix((190, 210, 240), (20, 60, 150), t)
            }
        }
        (false, None) => RGBColor(255, 255, 255),
    }
}

/// Draws the bistability map (Fig 5A): cells coloured by the states that exist, a dot where the
/// self-sustained state is an unstable focus of the full system, the bisector when both axes
/// share a range, and a cross at the scenario's own parameters.
///
/// # Errors
/// When the backend fails.
pub fn draw_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &MapView<'_>,
    theme: &Theme,
) -> Result<(), Error>
where
    DB::ErrorType: 'static,
{
    let s = |css: f64| upx(theme, css);
    area.fill(&theme.background).map_err(plot_err)?;
    let n = view.n.max(2) as f64;
    let dx = (view.x_range.1 - view.x_range.0) / (n - 1.0);
    let dy = (view.y_range.1 - view.y_range.0) / (n - 1.0);
    let (x0, x1) = (view.x_range.0 - dx / 2.0, view.x_range.1 + dx / 2.0);
    let (y0, y1) = (view.y_range.0 - dy / 2.0, view.y_range.1 + dy / 2.0);
    let font = legend_font(theme);
    let title = title_font(theme);
    let (header, body) = area.split_vertically(s(44.0));
    header
        .draw(&Text::new(
            "Self-sustained activity: which stable states exist",
            (px(theme, 10.0), px(theme, 5.0)),
            title,
        ))
        .map_err(plot_err)?;
    header
        .draw(&Text::new(
            "grey: silent only · green: silent and active (darker = higher rate) · blue: active only · dot: active state oscillates",
            (px(theme, 10.0), px(theme, 26.0)),
            font.clone(),
        ))
        .map_err(plot_err)?;
    let mut chart = ChartBuilder::on(&body)
        .margin_top(s(4.0))
        .margin_right(s(26.0))
        .x_label_area_size(s(34.0))
        .y_label_area_size(s(58.0))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(view.x_label)
        .y_desc(view.y_label)
        .label_style(font.clone())
        .axis_desc_style(font)
        .axis_style(ShapeStyle::from(theme.foreground).stroke_width(s(1.0)))
        .x_label_formatter(&|v| tick_label(*v, x1 - x0))
        .y_label_formatter(&|v| tick_label(*v, y1 - y0))
        .draw()
        .map_err(plot_err)?;
    let top = view
        .cells
        .iter()
        .filter_map(|c| c.active_hz)
        .fold(0.0, f64::max);
    chart
        .draw_series(view.cells.iter().map(|c| {
            Rectangle::new(
                [
                    (c.x - dx / 2.0, c.y - dy / 2.0),
                    (c.x + dx / 2.0, c.y + dy / 2.0),
                ],
                cell_colour(c, top).filled(),
            )
        }))
        .map_err(plot_err)?;
    let r = px(theme, 2.0);
    chart
        .draw_series(
            view.cells
                .iter()
                .filter(|c| c.active_hz.is_some() && !c.active_stable)
                .map(|c| Circle::new((c.x, c.y), r, theme.foreground.filled())),
        )
        .map_err(plot_err)?;
    if (view.x_range.0 - view.y_range.0).abs() < 1e-9
        && (view.x_range.1 - view.y_range.1).abs() < 1e-9
    {
        let style = ShapeStyle::from(theme.foreground).stroke_width(s(1.0));
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(x0, y0), (x1, y1)],
                style,
            )))
            .map_err(plot_err)?;
    }
    let (cx, cy) = view.current;
    if (x0..=x1).contains(&cx) && (y0..=y1).contains(&cy) {
        let k = px(theme, 7.0);
        let style = ShapeStyle::from(theme.inh).stroke_width(s(3.0));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((cx, cy))
                    + PathElement::new(vec![(-k, -k), (k, k)], style)
                    + PathElement::new(vec![(-k, k), (k, -k)], style),
            ))
            .map_err(plot_err)?;
    }
    area.present().map_err(plot_err)?;
    Ok(())
}

/// Points of runs of equal stability as one line per verdict, runs apart by a gap; each run
/// starts at the previous run's last point, so the curve stays whole where stability changes.
/// A curve's points, (x, y).
type Points = Vec<(f64, f64)>;

fn by_stability(runs: &[Vec<(f64, f64, bool)>]) -> (Points, Points) {
    let gap = (f64::NAN, f64::NAN);
    let (mut stable, mut unstable) = (Vec::new(), Vec::new());
    for run in runs {
        let mut prev: Option<(f64, f64, bool)> = None;
        for &(x, y, s) in run {
            let out = if s { &mut stable } else { &mut unstable };
            if prev.is_none_or(|p| p.2 != s) {
                out.push(gap);
                if let Some(p) = prev {
                    out.push((p.0, p.1));
                }
            }
            out.push((x, y));
            prev = Some((x, y, s));
        }
    }
    (stable, unstable)
}

/// The bifurcation diagram of the rate: equilibria (stable solid, unstable dashed), the
/// cycles' min and max, the special points with their names, the network's runs as crosses
/// with the range of their binned rate, and the scenario's own value as a vertical line.
/// `tags` name the special points, in the order of `d.special`.
#[must_use]
pub fn bifurcation_panel(
    d: &Diagram,
    tags: &[String],
    network: &[NetworkSample],
    current: f64,
    theme: &Theme,
) -> Panel {
    let eq: Vec<Vec<(f64, f64, bool)>> = d
        .branches
        .iter()
        .map(|b| b.points.iter().map(|q| (q.p, q.x[0], q.stable)).collect())
        .collect();
    let (eq_s, eq_u) = by_stability(&eq);
    let envelope = |pick: fn(&CyclePoint) -> f64| -> Vec<Vec<(f64, f64, bool)>> {
        d.cycles
            .iter()
            .map(|c| c.points.iter().map(|q| (q.p, pick(q), q.stable)).collect())
            .collect()
    };
    let mut runs = envelope(|q| q.max.first().copied().unwrap_or(f64::NAN));
    runs.extend(envelope(|q| q.min.first().copied().unwrap_or(f64::NAN)));
    let (cy_s, cy_u) = by_stability(&runs);
    let top = eq
        .iter()
        .flatten()
        .map(|p| p.1)
        .chain(runs.iter().flatten().map(|p| p.1))
        .chain(network.iter().map(|n| n.max_hz))
        .filter(|y| y.is_finite())
        .fold(1.0, f64::max)
        * 1.08;
    let mut lines = vec![
        Line::new("stable", theme.exc, LineStyle::Solid, eq_s),
        Line::new("unstable", theme.exc, LineStyle::Dashed, eq_u),
    ];
    if !d.cycles.is_empty() {
        lines.push(Line::new(
            "cycle min, max",
            theme.compare,
            LineStyle::Solid,
            cy_s,
        ));
        lines.push(Line::new(
            "unstable cycle",
            theme.compare,
            LineStyle::Dashed,
            cy_u,
        ));
    }
    let mark = |kinds: &[SpecialKind]| -> Vec<(f64, f64)> {
        d.special
            .iter()
            .filter(|s| kinds.contains(&s.kind))
            .map(|s| (s.p, s.x.first().copied().unwrap_or(f64::NAN)))
            .collect()
    };
    let folds = mark(&[SpecialKind::Fold]);
    if !folds.is_empty() {
        lines.push(Line::new("fold", theme.foreground, LineStyle::Dots, folds));
    }
    let hopf = mark(&[SpecialKind::Hopf]);
    if !hopf.is_empty() {
        lines.push(Line::new("Hopf", theme.inh, LineStyle::Markers, hopf));
    }
    if !network.is_empty() {
        let mut bars = Vec::new();
        for n in network {
            bars.extend([(n.p, n.min_hz), (n.p, n.max_hz), (f64::NAN, f64::NAN)]);
        }
        lines.push(Line::new("", theme.foreground, LineStyle::Solid, bars));
        lines.push(Line::new(
            "network",
            theme.foreground,
            LineStyle::Crosses,
            network.iter().map(|n| (n.p, n.mean_hz)).collect(),
        ));
    }
    if current.is_finite() {
        lines.push(Line::new(
            "this scenario",
            theme.ghost,
            LineStyle::LongDashed,
            vec![(current, 0.0), (current, top)],
        ));
    }
    let labels = d
        .special
        .iter()
        .zip(tags)
        .map(|(s, tag)| {
            // A cycle's point is drawn at the orbit's largest rate.
            Label {
                at: (s.p, s.x.first().copied().unwrap_or(f64::NAN)),
                text: tag.clone(),
                color: theme.foreground,
            }
        })
        .collect();
    let unit = if d.unit.is_empty() {
        String::new()
    } else {
        format!(" [{}]", d.unit)
    };
    let (a, b) = (d.from.min(d.to), d.from.max(d.to));
    let rate = d.vars.first().map_or("r", |v| v.label.as_str());
    Panel {
        y_limits: Some((0.0, top)),
        labels,
        ..Panel::new(
            format!("Bifurcation diagram: rate against {}", d.label),
            &format!("{}{unit}", d.label),
            &format!("{rate} [Hz]"),
            (a, b),
            lines,
        )
    }
}

/// The two-parameter diagram: fold curves and Hopf curves in the plane of the parameters (a
/// Hopf curve's neutral-saddle part, where it is no bifurcation, dotted), the cusps,
/// Bogdanov–Takens and Bautin points with their names, and the scenario's own point. `tags`
/// name the points, in the order of `d.special`.
#[must_use]
pub fn two_param_panel(
    d: &TwoDiagram,
    tags: &[String],
    current: (f64, f64),
    theme: &Theme,
) -> Panel {
    let gap = (f64::NAN, f64::NAN);
    // Curves leave the view and come back: what is outside is a gap, not a line along the
    // border.
    let ((x0, x1), (y0, y1)) = (d.x.range, d.y.range);
    let shown = |&(x, y): &(f64, f64)| {
        if x >= x0 && x <= x1 && y >= y0 && y <= y1 {
            (x, y)
        } else {
            gap
        }
    };
    let mut folds = Vec::new();
    let mut hopf = Vec::new();
    let mut neutral = Vec::new();
    for c in &d.curves {
        match c.kind {
            CurveKind::Fold => {
                folds.push(gap);
                folds.extend(c.points.iter().map(shown));
            }
            CurveKind::Hopf => {
                let runs: Vec<(f64, f64, bool)> = c
                    .points
                    .iter()
                    .map(shown)
                    .zip(&c.neutral)
                    .map(|(p, n)| (p.0, p.1, !n))
                    .collect();
                let (h, n) = by_stability(&[runs]);
                hopf.extend(h);
                neutral.extend(n);
            }
        }
    }
    let mut lines = vec![Line::new("fold curve", theme.exc, LineStyle::Solid, folds)];
    if !hopf.is_empty() {
        lines.push(Line::new("Hopf curve", theme.inh, LineStyle::Solid, hopf));
    }
    if !neutral.is_empty() {
        lines.push(Line::new(
            "neutral saddles",
            theme.inh,
            LineStyle::Dashed,
            neutral,
        ));
    }
    let points: Vec<(f64, f64)> = d.special.iter().map(|s| (s.p1, s.p2)).collect();
    if !points.is_empty() {
        lines.push(Line::new(
            "codimension 2",
            theme.foreground,
            LineStyle::Dots,
            points,
        ));
    }
    if current.0.is_finite() && current.1.is_finite() {
        lines.push(Line::new(
            "this scenario",
            theme.compare,
            LineStyle::Crosses,
            vec![current],
        ));
    }
    let labels = d
        .special
        .iter()
        .zip(tags)
        .map(|(s, tag)| Label {
            at: (s.p1, s.p2),
            text: tag.clone(),
            color: theme.foreground,
        })
        .collect();
    let axis = |a: &crate::analysis::curves::Axis| {
        if a.unit.is_empty() {
            a.label.clone()
        } else {
            format!("{} [{}]", a.label, a.unit)
        }
    };
    Panel {
        y_limits: Some(d.y.range),
        labels,
        include_zero: false,
        ..Panel::new(
            format!("Two-parameter diagram: {} against {}", d.y.label, d.x.label),
            &axis(&d.x),
            &axis(&d.y),
            d.x.range,
            lines,
        )
    }
}

/// The phase plane: the run's trajectory in (r, v) (a dot at its end), the equilibria (stable
/// filled, unstable open) and, for planar models, the nullclines ṙ = 0 and v̇ = 0 (dashed).
#[must_use]
pub fn phase_plane_panel(p: &PhasePlane, theme: &Theme) -> Panel {
    let segments = |segs: &[Segment]| -> Points {
        segs.iter()
            .flat_map(|(a, b)| [*a, *b, (f64::NAN, f64::NAN)])
            .collect()
    };
    let mut lines = Vec::new();
    if !p.r_nullcline.is_empty() {
        lines.push(Line::new(
            &nullcline_label(&p.x_label),
            theme.exc,
            LineStyle::Dashed,
            segments(&p.r_nullcline),
        ));
        lines.push(Line::new(
            &nullcline_label(&p.v_label),
            theme.inh,
            LineStyle::Dashed,
            segments(&p.v_nullcline),
        ));
    }
    lines.push(Line::new(
        "run",
        theme.compare,
        LineStyle::Solid,
        p.trajectory.clone(),
    ));
    if let Some(end) = p.trajectory.last() {
        lines.push(Line::new(
            "end of the run",
            theme.compare,
            LineStyle::Dots,
            vec![*end],
        ));
    }
    let pick = |stable: bool| -> Points {
        p.equilibria
            .iter()
            .filter(|e| e.stable == stable)
            .map(|e| (e.r_hz, e.v))
            .collect()
    };
    let (s, u) = (pick(true), pick(false));
    if !s.is_empty() {
        lines.push(Line::new(
            "stable equilibrium",
            theme.foreground,
            LineStyle::Dots,
            s,
        ));
    }
    if !u.is_empty() {
        lines.push(Line::new(
            "unstable",
            theme.foreground,
            LineStyle::Markers,
            u,
        ));
    }
    let v_axis = if p.v_unit.is_empty() {
        p.v_label.clone()
    } else {
        format!("{} [{}]", p.v_label, p.v_unit)
    };
    Panel {
        y_limits: Some(p.v_range),
        include_zero: false,
        ..Panel::new(
            format!("Phase plane: the run in {} and {}", p.x_label, p.v_label),
            &format!("{} [Hz]", p.x_label),
            &v_axis,
            p.r_range,
            lines,
        )
    }
}
