//! The transfer-function view (di Volo et al. 2019 Fig 1): output rate and mean membrane
//! potential against the excitatory input, one curve per inhibitory input, at one adaptation
//! current, with the single-neuron simulations as open circles.

use super::{Line, LineStyle, Panel, Theme};
use crate::fit::FitData;
use crate::transfer::TransferFunction;
use plotters::style::RGBColor;

/// Colour-blind-safe colours (Okabe & Ito), one per inhibitory input; the curves also alternate
/// solid and dashed, so colour is not the only cue.
const PALETTE: [RGBColor; 5] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
];

/// Upper end of the rate axis [Hz]: the fits keep points up to 60 Hz.
const RATE_AXIS_HZ: f64 = 70.0;

/// What the view shows.
pub struct TfViewInput<'a> {
    /// The transfer function the mean field uses (its coefficients, the scenario's cells).
    pub tf: &'a TransferFunction,
    /// Simulated points, if any, for this cell.
    pub data: Option<&'a FitData>,
    /// The adaptation current shown [pA].
    pub w_pa: f64,
    /// Cell name for titles ("RS").
    pub cell: &'a str,
}

/// The inhibitory inputs drawn: those of the data at `w` (at most six, spread evenly), or a
/// default set without data.
#[must_use]
pub fn nu_i_shown(data: Option<&FitData>, w_pa: f64) -> Vec<f64> {
    let mut v: Vec<f64> = data
        .map(|d| {
            d.nu_i_hz
                .iter()
                .zip(&d.w_pa)
                .filter(|(_, w)| (**w - w_pa).abs() < 1e-6)
                .map(|(ni, _)| *ni)
                .collect()
        })
        .unwrap_or_default();
    v.sort_by(f64::total_cmp);
    v.dedup();
    if v.is_empty() {
        return vec![0.0, 5.0, 10.0, 20.0, 40.0];
    }
    if v.len() <= PALETTE.len() {
        return v;
    }
    let n = v.len() - 1;
    (0..PALETTE.len())
        .map(|k| v[(k * n + (PALETTE.len() - 1) / 2) / (PALETTE.len() - 1)])
        .collect()
}

/// The adaptation currents the data hold [pA], ascending (just 0 without data).
#[must_use]
pub fn w_values(data: Option<&FitData>) -> Vec<f64> {
    let mut v: Vec<f64> = data.map(|d| d.w_pa.clone()).unwrap_or_default();
    v.sort_by(f64::total_cmp);
    v.dedup();
    if v.is_empty() {
        v.push(0.0);
    }
    v
}

/// The two panels: (output rate, mean potential) against ν_e.
#[must_use]
pub fn tf_panels(input: &TfViewInput<'_>, theme: &Theme) -> (Panel, Panel) {
    let nis = nu_i_shown(input.data, input.w_pa);
    // x range: up to where the last shown row passes the rate axis (or 30 Hz).
    let x_max = input
        .data
        .map(|d| {
            d.nu_e_hz
                .iter()
                .zip(&d.rate_hz)
                .zip(&d.w_pa)
                .filter(|((_, r), w)| **r <= RATE_AXIS_HZ && (**w - input.w_pa).abs() < 1e-6)
                .map(|((e, _), _)| *e)
                .fold(0.0_f64, f64::max)
        })
        .filter(|x| *x > 0.0)
        .unwrap_or(30.0)
        + 1.0;
    let steps = 240;
    let xs: Vec<f64> = (0..=steps)
        .map(|k| x_max * f64::from(k) / f64::from(steps))
        .collect();
    let mut rate_lines = Vec::new();
    let mut v_lines = Vec::new();
    for (k, ni) in nis.iter().enumerate() {
        let color = PALETTE[k % PALETTE.len()];
        let style = if k % 2 == 0 {
            LineStyle::Solid
        } else {
            LineStyle::Dashed
        };
        let label = format!("{ni}");
        let pts: Vec<_> = xs
            .iter()
            .map(|x| (*x, input.tf.evaluate(*x, *ni, input.w_pa)))
            .collect();
        rate_lines.push(Line::new(
            &label,
            color,
            style,
            pts.iter()
                .map(|(x, p)| {
                    (
                        *x,
                        if p.rate_hz <= RATE_AXIS_HZ {
                            p.rate_hz
                        } else {
                            f64::NAN
                        },
                    )
                })
                .collect(),
        ));
        // Only where the rate is on the rate axis: beyond, the free-membrane μ_V runs on
        // towards E_e while a spiking cell's potential does not.
        v_lines.push(Line::new(
            &label,
            color,
            style,
            pts.iter()
                .map(|(x, p)| {
                    let ok = p.rate_hz <= RATE_AXIS_HZ;
                    (*x, if ok { p.moments.mu_v_mv } else { f64::NAN })
                })
                .collect(),
        ));
        if let Some(d) = input.data {
            let row = |value: &[f64]| -> Vec<(f64, f64)> {
                (0..d.len())
                    .filter(|&j| {
                        (d.w_pa[j] - input.w_pa).abs() < 1e-6 && (d.nu_i_hz[j] - ni).abs() < 1e-6
                    })
                    .map(|j| (d.nu_e_hz[j], value[j]))
                    .collect()
            };
            rate_lines.push(Line::new("", color, LineStyle::Markers, row(&d.rate_hz)));
            v_lines.push(Line::new("", color, LineStyle::Markers, row(&d.mean_v_mv)));
        }
    }
    if input.data.is_some() {
        for lines in [&mut rate_lines, &mut v_lines] {
            lines.push(Line::new(
                "simulated",
                theme.foreground,
                LineStyle::Markers,
                Vec::new(),
            ));
        }
    }
    let w = input.w_pa;
    (
        Panel {
            y_limits: Some((0.0, RATE_AXIS_HZ)),
            ..Panel::new(
                format!("{} rate, W = {w} pA; ν_i (Hz):", input.cell),
                "ν_e per synapse (Hz)",
                "ν_out (Hz)",
                (0.0, x_max),
                rate_lines,
            )
        },
        Panel {
            include_zero: false,
            ..Panel::new(
                format!("{} mean V, W = {w} pA; ν_i (Hz):", input.cell),
                "ν_e per synapse (Hz)",
                "μ_V (mV)",
                (0.0, x_max),
                v_lines,
            )
        },
    )
}
