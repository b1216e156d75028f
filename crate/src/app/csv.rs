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
        AnalysisResult::Bifurcation {
            key,
            diagram,
            network,
            ..
        } => bifurcation_csv(key, diagram.as_ref(), network),
        AnalysisResult::TwoParam { spec, diagram } => two_param_csv(spec, diagram.as_ref()),
        AnalysisResult::PhasePlane { plane } => phase_plane_csv(plane.as_ref()),
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

/// A column name for a quantity and its unit: `r_hz`, `v_mv`, `a` (no unit).
fn column(key: &str, unit: &str) -> String {
    let unit: String = unit
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if unit.is_empty() {
        key.to_string()
    } else {
        format!("{key}_{unit}")
    }
}

/// A bifurcation diagram in long form: one row per equilibrium, orbit, special point and
/// network run, told apart by `kind`; empty fields where a column does not apply.
fn bifurcation_csv(
    key: &str,
    diagram: Option<&crate::analysis::bifurcation::Diagram>,
    network: &[crate::analysis::network_samples::NetworkSample],
) -> String {
    let vars: Vec<String> = diagram.map_or_else(Vec::new, |d| {
        d.vars.iter().map(|v| column(&v.key, &v.unit)).collect()
    });
    let unit = diagram.map_or("", |d| d.unit.as_str());
    let mut header = vec!["kind".to_string(), "branch".into(), column(key, unit)];
    header.extend(vars.iter().cloned());
    header.extend(
        [
            "stable",
            "period_ms",
            "r_min_hz",
            "r_max_hz",
            "frequency_hz",
            "first_lyapunov",
            "network_mean_hz",
            "network_min_hz",
            "network_max_hz",
            "mf_mean_hz",
        ]
        .map(String::from),
    );
    let width = header.len();
    let mut out = row(&header);
    let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
    // kind, branch, p, state, then the named columns from "stable" on.
    let mut line = |kind: &str, branch: String, p: f64, x: &[f64], rest: [String; 10]| {
        let mut r = vec![kind.to_string(), branch, num(p)];
        r.extend((0..vars.len()).map(|k| x.get(k).map(|v| num(*v)).unwrap_or_default()));
        r.extend(rest);
        r.resize(width, String::new());
        out.push_str(&row(&r));
    };
    let blank = || std::array::from_fn::<String, 10, _>(|_| String::new());
    if let Some(d) = diagram {
        for (k, b) in d.branches.iter().enumerate() {
            for q in &b.points {
                let mut rest = blank();
                rest[0] = q.stable.to_string();
                line("equilibrium", k.to_string(), q.p, &q.x, rest);
            }
        }
        for (k, c) in d.cycles.iter().enumerate() {
            for q in &c.points {
                let mut rest = blank();
                rest[0] = q.stable.to_string();
                rest[1] = num(q.period_ms);
                rest[2] = q.min.first().map(|v| num(*v)).unwrap_or_default();
                rest[3] = q.max.first().map(|v| num(*v)).unwrap_or_default();
                line("cycle", k.to_string(), q.p, &[], rest);
            }
        }
        for sp in &d.special {
            let mut rest = blank();
            rest[1] = opt(sp.period_ms);
            rest[4] = opt(sp.frequency_hz);
            rest[5] = opt(sp.l1);
            line(sp.kind.name(), sp.branch.to_string(), sp.p, &sp.x, rest);
        }
    }
    for n in network {
        let mut rest = blank();
        rest[6] = num(n.mean_hz);
        rest[7] = num(n.min_hz);
        rest[8] = num(n.max_hz);
        rest[9] = opt(n.mf_mean_hz);
        line("network", String::new(), n.p, &[], rest);
    }
    out
}

/// A two-parameter diagram in long form: one row per curve point and codimension-two point,
/// told apart by `kind` (`fold`, `hopf`, `neutral_saddle` on a Hopf curve past a
/// Bogdanov–Takens point; `cusp`, `bogdanov_takens`, `bautin`).
fn two_param_csv(
    spec: &crate::analysis::job::TwoSpecOut,
    d: Option<&crate::analysis::curves::TwoDiagram>,
) -> String {
    let mut out = row(&[
        "kind".into(),
        "curve".into(),
        spec.key.clone(),
        spec.key2.clone(),
        "r_hz".into(),
    ]);
    let Some(d) = d else {
        return out;
    };
    for (k, c) in d.curves.iter().enumerate() {
        for ((p, neutral), r) in c.points.iter().zip(&c.neutral).zip(&c.r_hz) {
            let kind = match (c.kind, neutral) {
                (_, true) => "neutral_saddle",
                (crate::analysis::two_param::CurveKind::Fold, _) => "fold",
                _ => "hopf",
            };
            out.push_str(&row(&[
                kind.into(),
                k.to_string(),
                num(p.0),
                num(p.1),
                num(*r),
            ]));
        }
    }
    for sp in &d.special {
        out.push_str(&row(&[
            sp.kind.name().into(),
            String::new(),
            num(sp.p1),
            num(sp.p2),
            num(sp.r_hz),
        ]));
    }
    out
}

/// The phase plane in long form: `trajectory` rows in time order, the equilibria by kind, and
/// the nullclines' segments (`r_nullcline`, `v_nullcline`: each segment's two ends on
/// consecutive rows).
fn phase_plane_csv(p: Option<&crate::analysis::phase_plane::PhasePlane>) -> String {
    let mut out = row(&["kind".into(), "r_hz".into(), "v".into()]);
    let Some(p) = p else {
        return out;
    };
    for &(r, v) in &p.trajectory {
        out.push_str(&row(&["trajectory".into(), num(r), num(v)]));
    }
    for e in &p.equilibria {
        out.push_str(&row(&[e.kind.replace(' ', "_"), num(e.r_hz), num(e.v)]));
    }
    for (name, segs) in [
        ("r_nullcline", &p.r_nullcline),
        ("v_nullcline", &p.v_nullcline),
    ] {
        for (a, b) in segs {
            out.push_str(&row(&[name.into(), num(a.0), num(a.1)]));
            out.push_str(&row(&[name.into(), num(b.0), num(b.1)]));
        }
    }
    out
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
