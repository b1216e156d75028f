//! The panels of the AdEx mean-field view, built from a [`Trace`].

use super::{Band, Line, LineStyle, Panel, Theme};
use crate::meanfield::{AdexState, Order, Trace};

const X_LABEL: &str = "time (ms)";

fn series(trace: &Trace, f: impl Fn(&AdexState) -> f64) -> Vec<(f64, f64)> {
    trace
        .t_ms
        .iter()
        .zip(&trace.states)
        .map(|(t, x)| (*t, f(x)))
        .collect()
}

fn x_range(trace: &Trace) -> (f64, f64) {
    (
        trace.t_ms.first().copied().unwrap_or(0.0),
        trace.t_ms.last().copied().unwrap_or(1.0),
    )
}

fn band(
    trace: &Trace,
    theme_color: plotters::style::RGBColor,
    f: impl Fn(&AdexState) -> (f64, f64),
) -> Band {
    Band {
        color: theme_color,
        points: trace
            .t_ms
            .iter()
            .zip(&trace.states)
            .map(|(t, x)| {
                let (mean, var) = f(x);
                let sd = var.max(0.0).sqrt();
                (*t, (mean - sd).max(0.0), mean + sd)
            })
            .collect(),
    }
}

/// The population rates, one panel each so that ν_e is read on its own axis (it is often a
/// tenth of ν_i): (ν_e with the stationary-adaptation comparison, ν_i), with their ±√c bands
/// in second order.
#[must_use]
pub fn rates_panels(
    trace: &Trace,
    order: Order,
    stationary: Option<&Trace>,
    theme: &Theme,
) -> (Panel, Panel) {
    let second = order == Order::Second;
    let title = |name: &str| {
        if second {
            format!("{name} (band: ±√c)")
        } else {
            name.to_string()
        }
    };
    let mut exc_lines = vec![Line::new(
        "ν_e (RS)",
        theme.exc,
        LineStyle::Solid,
        series(trace, |x| x.nu_e),
    )];
    if let Some(st) = stationary {
        exc_lines.push(Line::new(
            "ν_e, stationary W",
            theme.compare,
            LineStyle::LongDashed,
            series(st, |x| x.nu_e),
        ));
    }
    let inh_lines = vec![Line::new(
        "ν_i (FS)",
        theme.inh,
        LineStyle::Dashed,
        series(trace, |x| x.nu_i),
    )];
    let bands = |b: Band| if second { vec![b] } else { Vec::new() };
    let exc = Panel {
        bands: bands(band(trace, theme.exc, |x| (x.nu_e, x.c_ee))),
        ..Panel::new(
            title("Population rates: excitatory"),
            X_LABEL,
            "ν_e (Hz)",
            x_range(trace),
            exc_lines,
        )
    };
    let inh = Panel {
        bands: bands(band(trace, theme.inh, |x| (x.nu_i, x.c_ii))),
        ..Panel::new(
            title("Population rates: inhibitory"),
            X_LABEL,
            "ν_i (Hz)",
            x_range(trace),
            inh_lines,
        )
    };
    (exc, inh)
}

/// Mean adaptation currents.
#[must_use]
pub fn adaptation_panel(trace: &Trace, stationary: Option<&Trace>, theme: &Theme) -> Panel {
    let mut lines = vec![Line::new(
        "W_e (RS)",
        theme.exc,
        LineStyle::Solid,
        series(trace, |x| x.w_e),
    )];
    if trace.states.iter().any(|x| x.w_i != 0.0) {
        lines.push(Line::new(
            "W_i (FS)",
            theme.inh,
            LineStyle::Dashed,
            series(trace, |x| x.w_i),
        ));
    }
    if let Some(st) = stationary {
        lines.push(Line::new(
            "W_e, stationary",
            theme.compare,
            LineStyle::LongDashed,
            series(st, |x| x.w_e),
        ));
    }
    Panel::new(
        "Adaptation current",
        X_LABEL,
        "W (pA)",
        x_range(trace),
        lines,
    )
}

/// External input (drive + stimulus) per external synapse.
#[must_use]
pub fn input_panel(trace: &Trace, theme: &Theme) -> Panel {
    let pts = |v: &[f64]| {
        trace
            .t_ms
            .iter()
            .zip(v)
            .map(|(t, y)| (*t, *y))
            .collect::<Vec<_>>()
    };
    let mut lines = vec![Line::new(
        "to RS",
        theme.exc,
        LineStyle::Solid,
        pts(&trace.input_e_hz),
    )];
    if trace.input_e_hz != trace.input_i_hz {
        lines.push(Line::new(
            "to FS",
            theme.inh,
            LineStyle::Dashed,
            pts(&trace.input_i_hz),
        ));
    }
    Panel::new(
        "External input (drive + stimulus)",
        X_LABEL,
        "input (Hz)",
        x_range(trace),
        lines,
    )
}

/// The AdEx panels' labels for the Izhikevich mean field: E and I cells, and its adaptation
/// variable u instead of W.
#[must_use]
pub fn relabel_izhikevich(mut panel: Panel) -> Panel {
    let fix = |t: &str| {
        t.replace("(RS)", "(E)")
            .replace("(FS)", "(I)")
            .replace("to RS", "to E")
            .replace("to FS", "to I")
            .replace("W_e", "u_e")
            .replace("W_i", "u_i")
            .replace("W (pA)", "u (pA)")
            .replace("rates: excitatory", "rates: E")
            .replace("rates: inhibitory", "rates: I")
            .replace("stationary W", "stationary u")
            .replace("Adaptation current", "Mean adaptation u")
    };
    panel.title = fix(&panel.title);
    panel.y_label = fix(&panel.y_label);
    for l in &mut panel.lines {
        l.label = fix(&l.label);
    }
    panel
}
