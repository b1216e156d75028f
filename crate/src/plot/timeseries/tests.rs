//! Unit tests of the parent module.

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
fn from_time_crops_points_and_range() {
    let p = Panel {
        title: String::new(),
        x_label: String::new(),
        y_label: String::new(),
        x_range: (0.0, 3.0),
        include_zero: false,
        y_limits: None,
        grid: true,
        x_log10: false,
        lines: vec![Line::new(
            "a",
            RGBColor(0, 0, 0),
            LineStyle::Solid,
            vec![(0.0, 30.0), (1.0, 2.0), (2.0, 3.0), (3.0, 2.5)],
        )],
        bands: vec![],
        labels: vec![],
    };
    let c = p.clone().from_time(1.0);
    assert_eq!(c.x_range, (1.0, 3.0));
    assert_eq!(c.lines[0].points.len(), 3);
    assert!(
        c.y_range().1 < 4.0,
        "the initial 30 no longer sets the scale"
    );
    assert_eq!(p.clone().from_time(5.0).x_range, (0.0, 3.0));
    assert_eq!(p.from_time(0.0).lines[0].points.len(), 4);
}

#[test]
fn decimation_keeps_extremes_and_bounds_the_point_count() {
    let pts: Vec<(f64, f64)> = (0..100_000)
        .map(|k| {
            let x = k as f64 * 0.01;
            (x, (x * 3.0).sin() + if k == 51_234 { 5.0 } else { 0.0 })
        })
        .collect();
    let d = decimate(&pts, (0.0, 1000.0), 500);
    assert!(d.len() <= 2000, "{} points", d.len());
    assert!(d.contains(&pts[51_234]), "spike lost");
    assert_eq!(d.first(), pts.first());
    assert_eq!(d.last(), pts.last());
    assert!(d.windows(2).all(|w| w[0].0 < w[1].0), "not in time order");
    let min = |v: &[(f64, f64)]| v.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    assert_eq!(min(&d), min(&pts));
    // Short series are untouched.
    assert_eq!(decimate(&pts[..100], (0.0, 1.0), 500), pts[..100].to_vec());
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
        y_limits: None,
        grid: true,
        x_log10: false,
        lines: vec![Line {
            label: String::new(),
            color: RGBColor(0, 0, 0),
            style: LineStyle::Solid,
            points: vec![(0.0, 2.0), (1.0, 10.0)],
        }],
        bands: vec![],
        labels: vec![],
    };
    assert_eq!(p.y_range(), (0.0, 10.5));
    p.lines[0].points = vec![(0.0, f64::NAN)];
    assert_eq!(p.y_range(), (0.0, 1.0));
    p.lines[0].points = vec![(0.0, 3.0), (1.0, 3.0)];
    let (lo, hi) = p.y_range();
    assert!(lo <= 0.0 && hi > 3.0);
}
