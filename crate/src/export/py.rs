//! Python source pieces shared by the exporters: literals that read back to the same f64, the
//! common header, and time-varying inputs as piecewise-linear knots.

use crate::scenario;
use crate::scenario::Scenario;

/// The end every script shares: a CSV writer and the entry point.
pub const CSV_AND_MAIN: &str = r#"

def write_csv(path, header, rows, digits):
    """Writes `rows` under `header` to `path` ('-': stdout), rounded to `digits` decimals."""
    out = sys.stdout if path == "-" else open(path, "w")
    out.write(",".join(header) + "\n")
    for row in rows:
        out.write(",".join(repr(round(float(x), digits)) for x in row) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
"#;

/// A Python float literal that reads back to `v` (shortest round-trip digits) and is a float,
/// not an int, in Python (NEST refuses an int where it expects a double).
#[must_use]
pub fn float(v: f64) -> String {
    if !v.is_finite() {
        // Never produced for a valid scenario; keep the script valid Python anyway.
        return if v.is_nan() {
            "float('nan')".into()
        } else if v > 0.0 {
            "float('inf')".into()
        } else {
            "-float('inf')".into()
        };
    }
    let t = crate::text::format_number(v);
    if t.contains(['.', 'e', 'E']) {
        t
    } else {
        t + ".0"
    }
}

/// A Python int literal of a count.
#[must_use]
pub fn int(v: usize) -> String {
    v.to_string()
}

/// A Python string literal (double quotes, escaped).
#[must_use]
pub fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `NAME = [v, v, …]` wrapped at 100 columns.
#[must_use]
pub fn float_list(name: &str, values: &[f64]) -> String {
    let mut out = format!("{name} = [");
    let mut col = out.len();
    for (i, v) in values.iter().enumerate() {
        let t = float(*v);
        let sep = if i == 0 { "" } else { ", " };
        if col + sep.len() + t.len() > 99 {
            out.push_str(",\n    ");
            col = 4;
        } else {
            out.push_str(sep);
            col += sep.len();
        }
        out.push_str(&t);
        col += t.len();
    }
    out.push_str("]\n");
    out
}

/// A time-varying input as knots of a piecewise-linear function: linear interpolation between
/// them gives every sample on the time grid to within the tolerance, and exactly for inputs
/// that are piecewise constant or linear.
#[derive(Clone, Debug, PartialEq)]
pub struct Knots {
    /// Knot times [ms] (on the grid; the first is 0, the last the last grid point).
    pub t_ms: Vec<f64>,
    /// One value list per series, at the knot times.
    pub series: Vec<Vec<f64>>,
}

impl Knots {
    /// `T_NAME = [...]` and one `NAME = [...]` per series, in the order of `names`.
    #[must_use]
    pub fn python(&self, t_name: &str, names: &[&str]) -> String {
        let mut out = float_list(t_name, &self.t_ms);
        for (name, values) in names.iter().zip(&self.series) {
            out.push_str(&float_list(name, values));
        }
        out
    }
}

/// Samples `f` (several series at once) at t = k·dt for k = 0..=steps and keeps as few knots as
/// linear interpolation needs to reproduce every sample to within `rel_tol` of each series'
/// largest magnitude ("swinging door": one pass, O(steps)).
pub fn knots(steps: usize, dt_ms: f64, rel_tol: f64, f: impl Fn(f64) -> Vec<f64>) -> Knots {
    let samples: Vec<Vec<f64>> = (0..=steps).map(|k| f(k as f64 * dt_ms)).collect();
    let width = samples.first().map_or(0, Vec::len);
    let tol: Vec<f64> = (0..width)
        .map(|j| {
            let scale = samples
                .iter()
                .map(|s| s.get(j).copied().unwrap_or(0.0).abs())
                .fold(0.0, f64::max);
            rel_tol * scale.max(1e-12)
        })
        .collect();
    let value = |k: usize, j: usize| {
        samples
            .get(k)
            .and_then(|s| s.get(j))
            .copied()
            .unwrap_or(0.0)
    };
    let mut kept = vec![0usize];
    let mut anchor = 0usize;
    // Per series: the narrowest cone of slopes from the anchor that passes every sample ± tol.
    let mut lo = vec![f64::NEG_INFINITY; width];
    let mut hi = vec![f64::INFINITY; width];
    let mut k = 1;
    while k <= steps {
        let dk = (k - anchor) as f64;
        let mut fits = true;
        for j in 0..width {
            let slope = (value(k, j) - value(anchor, j)) / dk;
            if slope < lo[j] || slope > hi[j] {
                fits = false;
            }
        }
        if fits {
            for j in 0..width {
                let d = value(k, j) - value(anchor, j);
                lo[j] = lo[j].max((d - tol[j]) / dk);
                hi[j] = hi[j].min((d + tol[j]) / dk);
            }
            k += 1;
        } else {
            // The previous sample becomes a knot and the new anchor; k is tested again from it.
            anchor = k - 1;
            kept.push(anchor);
            lo.fill(f64::NEG_INFINITY);
            hi.fill(f64::INFINITY);
        }
    }
    if kept.last() != Some(&steps) {
        kept.push(steps);
    }
    Knots {
        // k·dt rounded to 1e-9 ms, so 4999 × 0.1 is written 499.9, not 499.90000000000003.
        t_ms: kept
            .iter()
            .map(|&k| (k as f64 * dt_ms * 1e9).round() / 1e9)
            .collect(),
        series: (0..width)
            .map(|j| kept.iter().map(|&k| value(k, j)).collect())
            .collect(),
    }
}

/// The header every script starts with: what it is, where it came from, how to run it.
#[must_use]
pub fn header(s: &Scenario, title: &str, run: &str, notes: &[String]) -> String {
    let mut out = String::from("#!/usr/bin/env python3\n\"\"\"");
    out.push_str(title);
    out.push_str("\n\nGenerated by Mean-Field Explorer ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str(" from the scenario\n    ?");
    out.push_str(
        &scenario::to_query(s)
            .replace('\\', "%5C")
            .replace("\"\"\"", "%22%22%22"),
    );
    out.push_str(
        "\n(append it to the page's address to see the same scenario there). Units throughout:\n\
         ms, mV, nS, pF, pA, and Hz for rates, as in the page.\n\n",
    );
    out.push_str(run);
    if !notes.is_empty() {
        out.push_str("\n\nWhat does not carry over exactly:\n");
        for n in notes {
            out.push_str("  - ");
            out.push_str(&wrap(n, 94, "    "));
            out.push('\n');
        }
    }
    out.push_str("\"\"\"\n");
    out
}

/// Word-wraps `text` at `width` columns, continuing lines with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for word in text.split_whitespace() {
        if col > 0 && col + 1 + word.len() > width {
            out.push('\n');
            out.push_str(indent);
            col = indent.len();
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_back_and_are_floats() {
        assert_eq!(float(-65.0), "-65.0");
        assert_eq!(float(0.1), "0.1");
        assert_eq!(float(1e-8), "1e-8");
        assert_eq!(float(2.5e20), "2.5e20");
        assert_eq!(float(0.0), "0.0");
        for v in [0.1 + 0.2, -1.0 / 3.0, 123_456.789, 6.02e23] {
            assert_eq!(float(v).parse::<f64>().ok(), Some(v));
        }
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }

    #[test]
    fn knots_are_exact_for_steps_and_within_tolerance_for_curves() {
        // A pulse from 20 to 60 (grid 1): four knots, and interpolation gives every sample.
        let k = knots(100, 1.0, 1e-4, |t| {
            vec![if (20.0..60.0).contains(&t) { 3.0 } else { 0.0 }]
        });
        assert_eq!(k.t_ms, vec![0.0, 19.0, 20.0, 59.0, 60.0, 100.0]);
        assert_eq!(k.series[0], vec![0.0, 0.0, 3.0, 3.0, 0.0, 0.0]);
        // A sine: far fewer knots than samples, every sample within the tolerance.
        let f = |t: f64| (t * 0.01).sin();
        let k = knots(10_000, 0.1, 1e-3, |t| vec![f(t)]);
        assert!(k.t_ms.len() < 200, "{} knots", k.t_ms.len());
        for i in 0..=10_000 {
            let t = i as f64 * 0.1;
            let j = k
                .t_ms
                .partition_point(|&x| x <= t)
                .clamp(1, k.t_ms.len() - 1);
            let (t0, t1) = (k.t_ms[j - 1], k.t_ms[j]);
            let (v0, v1) = (k.series[0][j - 1], k.series[0][j]);
            let interp = v0 + (v1 - v0) * (t - t0) / (t1 - t0);
            assert!((interp - f(t)).abs() <= 1.0001e-3, "t = {t}");
        }
    }
}
