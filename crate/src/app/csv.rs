//! The data behind every figure as CSV, with the units in the header row.

use crate::analysis::{AnalysisResult, FixedPoint};
use crate::plot::Panel;
use crate::record::Spike;

/// A CSV field: quoted when it holds a comma, quote or line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One CSV line (fields quoted where needed) with its line break.
#[must_use]
pub fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// A number as the CSV writes it (the one formatter).
#[must_use]
pub fn num(v: f64) -> String {
    crate::text::format_number(v)
}

/// A panel's lines in long form: series, x, y (the header names the axes); the gaps of a
/// line (non-finite points) are left out.
#[must_use]
pub fn panel_csv(panel: &Panel) -> String {
    let mut out = row(&[
        "series".into(),
        panel.x_label.clone(),
        panel.y_label.clone(),
    ]);
    for line in &panel.lines {
        let label = if line.label.is_empty() {
            "points"
        } else {
            &line.label
        };
        // A non-finite point is a gap in the drawn line (off the axis), not a value.
        for &(x, y) in line
            .points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
        {
            let x = if panel.x_log10 { 10f64.powf(x) } else { x };
            out.push_str(&row(&[label.to_string(), num(x), num(y)]));
        }
    }
    out
}

/// An analysis result as CSV: one row per curve point, fixed point, scan value, map cell or
/// frequency, units in the header.
#[must_use]
pub fn analysis_csv(result: &AnalysisResult) -> String {
    let fp_header = [
        "nu_e_hz",
        "nu_i_hz",
        "w_e_pa",
        "w_i_pa",
        "slope",
        "stability",
    ];
    let fp_row = |p: &FixedPoint| {
        vec![
            num(p.nu_e),
            num(p.nu_i),
            num(p.w_e),
            num(p.w_i),
            num(p.slope),
            p.stability.name().to_string(),
        ]
    };
    match result {
        AnalysisResult::FixedPoints(fp) => {
            let mut out = row(&[
                "kind".into(),
                "nu_e_hz".into(),
                "f_hz".into(),
                "nu_i_hz".into(),
                "w_e_pa".into(),
                "w_i_pa".into(),
                "slope".into(),
                "stability".into(),
            ]);
            for &(x, f) in &fp.curve {
                out.push_str(&row(&[
                    "curve".into(),
                    num(x),
                    num(f),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]));
            }
            for p in &fp.points {
                let r = fp_row(p);
                out.push_str(&row(&[
                    "fixed_point".into(),
                    r[0].clone(),
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    r[3].clone(),
                    r[4].clone(),
                    r[5].clone(),
                ]));
            }
            out
        }
        AnalysisResult::Scan { key, points } => {
            let mut header = vec![key.clone()];
            header.extend(fp_header.iter().map(ToString::to_string));
            let mut out = row(&header);
            for s in points {
                for p in &s.points {
                    let mut r = vec![num(s.x)];
                    r.extend(fp_row(p));
                    out.push_str(&row(&r));
                }
            }
            out
        }
        AnalysisResult::Map {
            x_key,
            y_key,
            cells,
            ..
        } => {
            let mut out = row(&[
                x_key.clone(),
                y_key.clone(),
                "silent_stable".into(),
                "active_nu_e_hz".into(),
                "active_stable".into(),
            ]);
            for c in cells {
                out.push_str(&row(&[
                    num(c.x),
                    num(c.y),
                    c.silent.to_string(),
                    c.active_hz.map(num).unwrap_or_default(),
                    c.active_stable.to_string(),
                ]));
            }
            out
        }
        AnalysisResult::Freq { points, .. } => {
            let mut out = row(&[
                "f_hz".into(),
                "amplitude_hz".into(),
                "amplitude_stationary_hz".into(),
                "mean_nu_e_hz".into(),
            ]);
            for p in points {
                out.push_str(&row(&[
                    num(p.f_hz),
                    num(p.amplitude_hz),
                    num(p.amplitude_stationary_hz),
                    num(p.mean_hz),
                ]));
            }
            out
        }
    }
}

/// The raster's spikes as CSV: time, neuron, population (neurons below `n_e` are E).
#[must_use]
pub fn raster_csv(spikes: &[Spike], n_e: usize) -> String {
    let mut out = row(&["t_ms".into(), "neuron".into(), "population".into()]);
    for s in spikes {
        let pop = if (s.neuron as usize) < n_e { "E" } else { "I" };
        out.push_str(&row(&[num(s.t_ms), s.neuron.to_string(), pop.into()]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(
            row(&["a".into(), "b,c".into(), "say \"x\"".into()]),
            "a,\"b,c\",\"say \"\"x\"\"\"\n"
        );
    }

    #[test]
    fn the_raster_csv_names_each_spike_population() {
        let spikes = [
            Spike {
                t_ms: 0.5,
                neuron: 3,
            },
            Spike {
                t_ms: 1.0,
                neuron: 8000,
            },
        ];
        assert_eq!(
            raster_csv(&spikes, 8000),
            "t_ms,neuron,population\n0.5,3,E\n1,8000,I\n"
        );
    }
}
