//! The panels of an exact (Lorentzian) mean field beside its network: the rate r, the centre
//! v of the voltage distribution, the adaptation (or synaptic) variable and the input current.

use super::network_views::bin_series;
use super::{Line, LineStyle, Panel, Theme};
use crate::lorentz::{LorentzMeanField, LorentzTrace};
use crate::record::Bin;

const X_LABEL: &str = "time (ms)";

fn x_range(trace: &LorentzTrace) -> (f64, f64) {
    (
        trace.t_ms.first().copied().unwrap_or(0.0),
        trace.t_ms.last().copied().unwrap_or(1.0),
    )
}

fn panel(title: &str, y_label: String, trace: &LorentzTrace, lines: Vec<Line>) -> Panel {
    Panel {
        include_zero: false,
        ..Panel::new(title, X_LABEL, &y_label, x_range(trace), lines)
    }
}

fn with_unit(name: &str, unit: &str) -> String {
    if unit.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({unit})")
    }
}

fn state_series(trace: &LorentzTrace, m: usize) -> Vec<(f64, f64)> {
    trace
        .t_ms
        .iter()
        .zip(&trace.states)
        .map(|(t, x)| (*t, x[m]))
        .collect()
}

/// r [Hz]: the network's binned rate under the mean field's.
#[must_use]
pub fn lorentz_rate_panel(trace: &LorentzTrace, bins: &[Bin], theme: &Theme) -> Panel {
    let mut lines = Vec::new();
    if !bins.is_empty() {
        lines.push(Line::new(
            "network r",
            theme.net_exc,
            LineStyle::Solid,
            bin_series(bins, |b| b.nu_e_hz),
        ));
    }
    lines.push(Line::new(
        "mean field r",
        theme.exc,
        LineStyle::Solid,
        trace
            .t_ms
            .iter()
            .zip(&trace.r_hz)
            .map(|(t, r)| (*t, *r))
            .collect(),
    ));
    let mut p = panel("Population rate", "r (Hz)".into(), trace, lines);
    p.include_zero = true;
    p
}

/// v: the mean field's centre of the voltage Lorentzian and the network's median voltage.
#[must_use]
pub fn lorentz_v_panel(
    mf: &LorentzMeanField,
    trace: &LorentzTrace,
    bins: &[Bin],
    theme: &Theme,
) -> Panel {
    let unit = mf.vars()[1].unit;
    let mut lines = Vec::new();
    if !bins.is_empty() {
        lines.push(Line::new(
            "network median v",
            theme.net_inh,
            LineStyle::Solid,
            bin_series(bins, |b| b.v_e_mv),
        ));
    }
    lines.push(Line::new(
        "mean field v",
        theme.inh,
        LineStyle::Dashed,
        state_series(trace, 1),
    ));
    panel(
        "Centre of the membrane-potential distribution",
        with_unit("v", unit),
        trace,
        lines,
    )
}

/// The family's third variable (QIF-SFA's a, the Izhikevich families' mean u), with the
/// network's; `None` for QIF.
#[must_use]
pub fn lorentz_adaptation_panel(
    mf: &LorentzMeanField,
    trace: &LorentzTrace,
    bins: &[Bin],
    theme: &Theme,
) -> Option<Panel> {
    let vars = mf.vars();
    let var = vars.get(2)?;
    let mut lines = Vec::new();
    if !bins.is_empty() {
        lines.push(Line::new(
            &format!("network {}", var.label),
            theme.net_exc,
            LineStyle::Solid,
            bin_series(bins, |b| b.w_e_pa),
        ));
    }
    lines.push(Line::new(
        &format!("mean field {}", var.label),
        theme.compare,
        LineStyle::LongDashed,
        state_series(trace, 2),
    ));
    Some(panel(
        "Adaptation",
        with_unit(var.label, var.unit),
        trace,
        lines,
    ))
}

/// The input current I(t) = I₀ + stimulus.
#[must_use]
pub fn lorentz_input_panel(mf: &LorentzMeanField, trace: &LorentzTrace, theme: &Theme) -> Panel {
    let lines = vec![Line::new(
        "I",
        theme.foreground,
        LineStyle::Solid,
        trace
            .t_ms
            .iter()
            .zip(&trace.input)
            .map(|(t, i)| (*t, *i))
            .collect(),
    )];
    let mut p = panel(
        "External input current",
        with_unit("I", mf.current_unit()),
        trace,
        lines,
    );
    p.include_zero = true;
    p
}
