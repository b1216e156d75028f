//! The plots render natively (SVG backend) from a real run: the page's drawing code, tested
//! without a browser.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
use meanfield_explorer::meanfield::Order;
use meanfield_explorer::plot::{self, Theme};
use meanfield_explorer::scenario::Scenario;
use meanfield_explorer::transfer::CoefficientSet;
use plotters::prelude::*;

fn svg(panel: &plot::Panel) -> String {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (800, 300)).into_drawing_area();
        plot::draw_panel(&area, panel, &Theme::default()).unwrap();
    }
    out
}

#[test]
fn every_panel_draws_its_curves_and_labels() {
    let s = Scenario {
        compare_stationary: true,
        ..Scenario::default()
    };
    let set = CoefficientSet::builtin("divolo2019-code").unwrap();
    let trace = s.run(&set).unwrap();
    let stationary = s.stationary_variant().run(&set).unwrap();
    let theme = Theme::default();
    let (exc, inh) = plot::rates_panels(&trace, Order::Second, Some(&stationary), &theme);
    let rates = svg(&exc) + &svg(&inh);
    assert!(rates.contains("Population rates"));
    // ν_i alone in its panel has no legend; its axis names it.
    assert!(
        rates.contains("ν_e (RS)") && rates.contains("ν_i (Hz)") && rates.contains("stationary W")
    );
    // ν_e on its own axis: the excitatory panel holds no inhibitory series.
    assert!(exc.lines.iter().all(|l| !l.label.contains("ν_i")));
    // Bands are polygons; the solid ν_e line is one long polyline.
    assert!(rates.contains("<polygon"));
    assert!(rates.matches("<polyline").count() >= 1);
    assert!(svg(&plot::adaptation_panel(&trace, None, &theme)).contains("W (pA)"));
    assert!(svg(&plot::input_panel(&trace, &theme)).contains("input (Hz)"));
}

#[test]
fn nan_values_do_not_break_a_plot() {
    let panel = plot::Panel {
        title: "t".into(),
        x_label: "x".into(),
        y_label: "y".into(),
        x_range: (0.0, 2.0),
        include_zero: true,
        y_limits: None,
        grid: true,
        x_log10: false,
        lines: vec![plot::Line {
            label: "a".into(),
            color: RGBColor(0, 0, 0),
            style: plot::LineStyle::Dashed,
            points: vec![(0.0, 1.0), (1.0, f64::NAN), (2.0, f64::INFINITY)],
        }],
        bands: vec![],
        labels: vec![],
    };
    assert!(!svg(&panel).contains("NaN"));
}
