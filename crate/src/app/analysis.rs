//! The analysis view: the request the page's analysis worker gets, the result it hands back
//! (held with the key of the scenario it was made for), and the result in words.

use super::session::{to_text, Session};
use super::state::HeldAnalysis;
use crate::analysis::bifurcation::Diagram;
use crate::analysis::continuation::SpecialKind;
use crate::analysis::curves::TwoDiagram;
use crate::analysis::network_samples::NetworkSample;
use crate::analysis::phase_plane::nullcline_label;
use crate::analysis::two_param::CurveKind;
use crate::analysis::{AnalysisResult, MapCell, ScanPoint};
use crate::meanfield::{steady, Order, SteadyOptions};
use crate::scenario;
use crate::Error;
use serde_json::json;

/// Model time the second-order model may take to come to rest for the summary [ms].
const REST_MAX_MS: f64 = 30_000.0;

/// Most network results kept for the scan's crosses.
const NET_POINTS: usize = 400;

/// A rate for the summaries: three decimals, "≈ 0" below 1 mHz.
fn fmt(v: f64) -> String {
    if v.abs() < 1e-3 {
        "≈ 0".into()
    } else {
        fmt_value(v)
    }
}

/// A parameter value for the summaries: three decimals at most.
fn fmt_value(v: f64) -> String {
    crate::text::format_number((v * 1000.0).round() / 1000.0)
}

impl Session {
    /// Which order the analyses use, and, when the scenario runs the second order, where that
    /// model comes to rest (the analyses' first-order points leave out its covariances).
    fn order_note(&self) -> String {
        let mut text = String::from(" The analyses use the first-order mean field");
        if self.scenario.adex.order != Order::Second {
            text.push('.');
            return text;
        }
        text.push_str("; the second-order model shown above");
        let (s, _) = self.scenario.without_time_dependence();
        let rest = self
            .current_set()
            .and_then(|set| s.adex_model(set))
            .map(|model| {
                let opts = SteadyOptions {
                    max_ms: REST_MAX_MS,
                    ..SteadyOptions::default()
                };
                steady(&model, s.initial_state(), &s.signal(), opts)
            });
        match rest {
            Ok(r) if r.settled => text.push_str(&format!(
                ", from its initial state, comes to rest at ν_e {} Hz, ν_i {} Hz.",
                fmt(r.state.nu_e),
                fmt(r.state.nu_i)
            )),
            Ok(_) => text.push_str(&format!(
                " does not come to rest within {} s from its initial state.",
                REST_MAX_MS / 1000.0
            )),
            Err(e) => text.push_str(&format!(" cannot be run ({e}).")),
        }
        text
    }

    /// Records a finished network run for the scan's crosses.
    pub(super) fn record_network_result(&mut self, nu_e: f64, nu_i: f64) {
        if self.net_points.len() >= NET_POINTS {
            self.net_points.remove(0);
        }
        self.net_points.push((self.scenario.clone(), nu_e, nu_i));
    }

    /// Network results of scenarios that differ from the current one only in `key`, as
    /// (value, ν_e, ν_i).
    pub(super) fn network_points_along(&self, key: &str) -> Vec<(f64, f64, f64)> {
        let Ok(spec) = scenario::spec(key) else {
            return Vec::new();
        };
        let here = scenario::to_query(&self.scenario);
        self.net_points
            .iter()
            .filter_map(|(s, e, i)| {
                let value: f64 = spec.get(s).parse().ok()?;
                let mut moved = s.clone();
                spec.set(
                    &mut moved,
                    &spec.get(&self.scenario),
                    scenario::OutOfRange::Clamp,
                )
                .ok()?;
                moved.analysis = self.scenario.analysis.clone();
                (scenario::to_query(&moved) == here).then_some((value, *e, *i))
            })
            .collect()
    }

    fn held(&self) -> Option<&HeldAnalysis> {
        self.analysis.as_ref()
    }

    /// The held analysis in words (the canvas's text alternative).
    #[must_use]
    pub fn analysis_summary(&self) -> String {
        let Some(h) = self.held() else {
            return "No analysis computed yet.".into();
        };
        let list = |points: &[crate::analysis::FixedPoint]| {
            points
                .iter()
                .map(|p| {
                    format!(
                        "ν_e {} Hz, ν_i {} Hz ({})",
                        fmt(p.nu_e),
                        fmt(p.nu_i),
                        p.stability.name()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut text = match &h.result {
            AnalysisResult::FixedPoints(fp) => {
                let mut t = format!(
                    "{} fixed point{} of the mean field below {} Hz: {}.",
                    fp.points.len(),
                    if fp.points.len() == 1 { "" } else { "s" },
                    crate::analysis::NU_MAX_HZ,
                    list(&fp.points)
                );
                if fp.stimulus_removed {
                    t.push_str(
                        " The time-varying stimulus is left out: fixed points need constant input.",
                    );
                }
                t.push_str(&self.order_note());
                t
            }
            AnalysisResult::Scan { key, points } => scan_text(
                &scenario::scan_label(key),
                points,
                self.network_points_along(key).len(),
            ),
            AnalysisResult::Map {
                x_key,
                y_key,
                cells,
                ..
            } => map_text(
                &scenario::scan_label(x_key),
                &scenario::scan_label(y_key),
                cells,
            ),
            AnalysisResult::Bifurcation {
                key,
                range,
                diagram,
                network,
            } => diagram_text(&self.scenario, key, *range, diagram.as_ref(), network),
            AnalysisResult::TwoParam { diagram, .. } => {
                two_param_text(&self.scenario, diagram.as_ref())
            }
            AnalysisResult::PhasePlane { plane } => phase_plane_text(plane.as_ref()),
            AnalysisResult::Freq { amp_hz, points } => {
                let peak = points
                    .iter()
                    .max_by(|a, b| a.amplitude_hz.total_cmp(&b.amplitude_hz));
                match peak {
                    Some(p) => format!(
                        "Peak-to-peak ν_e for a {amp_hz} Hz sinusoid at {} frequencies from {} to {} Hz: largest {} Hz at {} Hz with dynamic adaptation ({} Hz there with stationary adaptation).",
                        points.len(),
                        fmt(points[0].f_hz),
                        fmt(points[points.len() - 1].f_hz),
                        fmt(p.amplitude_hz),
                        fmt(p.f_hz),
                        fmt(p.amplitude_stationary_hz)
                    ),
                    None => "No frequency computed.".into(),
                }
            }
        };
        for n in &h.notices {
            text.push(' ');
            text.push_str(n);
        }
        if !h.failures.is_empty() {
            text.push_str(&format!(
                " {} point(s) failed: {}",
                h.failures.len(),
                h.failures[0]
            ));
        }
        text
    }
}

fn scan_text(label: &str, points: &[ScanPoint], network: usize) -> String {
    let bistable: Vec<f64> = points
        .iter()
        .filter(|p| p.points.iter().filter(|f| f.stability.is_stable()).count() > 1)
        .map(|p| p.x)
        .collect();
    let ends = |p: Option<&ScanPoint>| {
        p.and_then(|p| {
            p.points
                .iter()
                .find(|f| f.stability.is_stable())
                .map(|f| (p.x, f.nu_e))
        })
    };
    let mut t = format!("Scan of {label} over {} values.", points.len());
    if let (Some(a), Some(b)) = (ends(points.first()), ends(points.last())) {
        t.push_str(&format!(
            " Lowest stable ν_e: {} Hz at {}, {} Hz at {}.",
            fmt(a.1),
            fmt_value(a.0),
            fmt(b.1),
            fmt_value(b.0)
        ));
    }
    if !bistable.is_empty() {
        t.push_str(&format!(
            " Two stable states from {} to {}.",
            fmt_value(bistable[0]),
            fmt_value(bistable[bistable.len() - 1])
        ));
    }
    if network > 0 {
        t.push_str(&format!(" {network} network run(s) shown as crosses."));
    }
    t
}

/// AUTO's abbreviation of a special point: LP fold, HB Hopf, LPC fold of cycles, PD period
/// doubling, HC homoclinic; CP cusp, BT Bogdanov–Takens, GH Bautin (generalised Hopf).
fn tag(kind: SpecialKind) -> &'static str {
    match kind {
        SpecialKind::Fold => "LP",
        SpecialKind::Hopf => "HB",
        SpecialKind::CycleFold => "LPC",
        SpecialKind::PeriodDoubling => "PD",
        SpecialKind::Homoclinic => "HC",
        SpecialKind::Cusp => "CP",
        SpecialKind::BogdanovTakens => "BT",
        SpecialKind::Bautin => "GH",
    }
}

/// Names for points of `kinds`, in order: the abbreviation numbered per kind (LP1, LP2, HB1…).
fn numbered(kinds: impl Iterator<Item = SpecialKind>) -> Vec<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    kinds
        .map(|k| {
            let t = tag(k);
            let n = match counts.iter_mut().find(|(c, _)| *c == t) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((t, 1));
                    1
                }
            };
            format!("{t}{n}")
        })
        .collect()
}

/// The special points' names, in the order of `d.special`, numbered per kind along the
/// parameter (see [`tag`]).
#[must_use]
pub fn special_tags(d: &Diagram) -> Vec<String> {
    numbered(d.special.iter().map(|s| s.kind))
}

/// The codimension-two points' names, in the order of `d.special`.
#[must_use]
pub fn two_param_tags(d: &TwoDiagram) -> Vec<String> {
    numbered(d.special.iter().map(|s| s.kind))
}

/// The kind of a special point in words.
fn words(k: SpecialKind) -> &'static str {
    match k {
        SpecialKind::Fold => "fold",
        SpecialKind::Hopf => "Hopf point",
        SpecialKind::CycleFold => "fold of cycles",
        SpecialKind::PeriodDoubling => "period doubling",
        SpecialKind::Homoclinic => "homoclinic end",
        SpecialKind::Cusp => "cusp",
        SpecialKind::BogdanovTakens => "Bogdanov–Takens point",
        SpecialKind::Bautin => "Bautin point",
    }
}

/// A parameter value in a summary: four decimals at most.
fn fmt4(v: f64) -> String {
    crate::text::format_number((v * 1e4).round() / 1e4)
}

/// The held phase plane in words.
fn phase_plane_text(p: Option<&crate::analysis::phase_plane::PhasePlane>) -> String {
    let Some(p) = p else {
        return "The phase plane is being computed.".into();
    };
    let at = |(r, v): (f64, f64)| {
        format!(
            "{} = {} Hz, {} = {}",
            p.x_label,
            fmt(r),
            p.v_label,
            fmt_value(v)
        )
    };
    let mut t = format!("Phase plane of the mean field in {} and ", p.x_label);
    t.push_str(&p.v_label);
    if let (Some(a), Some(b)) = (p.trajectory.first(), p.trajectory.last()) {
        t.push_str(&format!(": the run from {} to {}.", at(*a), at(*b)));
    } else {
        t.push('.');
    }
    let eq: Vec<String> = p
        .equilibria
        .iter()
        .map(|e| format!("{} at {}", e.kind, at((e.r_hz, e.v))))
        .collect();
    t.push_str(&format!(
        " {} equilibri{} at these parameters{}",
        eq.len(),
        if eq.len() == 1 { "um" } else { "a" },
        if eq.is_empty() {
            ".".to_string()
        } else {
            format!(": {}.", eq.join("; "))
        }
    ));
    if !p.r_nullcline.is_empty() {
        t.push_str(&format!(
            " Dashed: the nullclines {} and {}; they cross at the equilibria.",
            nullcline_label(&p.x_label),
            nullcline_label(&p.v_label)
        ));
    }
    for n in &p.notes {
        t.push(' ');
        t.push_str(n);
    }
    t
}

/// The held two-parameter diagram in words.
fn two_param_text(s: &scenario::Scenario, d: Option<&TwoDiagram>) -> String {
    let Some(d) = d else {
        return "The two-parameter diagram is being computed.".into();
    };
    let (x, y) = (&d.x.label, &d.y.label);
    let count = |k: CurveKind| d.curves.iter().filter(|c| c.kind == k).count();
    let mut t = format!(
        "Two-parameter diagram in {x} from {} to {} and {y} from {} to {}: {} fold curve(s) and {} Hopf curve(s), followed from the folds and Hopf points at {y} = {}.",
        fmt4(d.x.range.0),
        fmt4(d.x.range.1),
        fmt4(d.y.range.0),
        fmt4(d.y.range.1),
        count(CurveKind::Fold),
        count(CurveKind::Hopf),
        fmt4(d.start_p2),
    );
    if d.curves.iter().any(|c| c.neutral.iter().any(|n| *n)) {
        t.push_str(" Dashed: where a Hopf curve continues as neutral saddles (no bifurcation).");
    }
    let parts: Vec<String> = d
        .special
        .iter()
        .zip(two_param_tags(d))
        .map(|(sp, tag)| {
            format!(
                "{tag} ({}) at {x} = {}, {y} = {}, {} = {} Hz",
                words(sp.kind),
                fmt4(sp.p1),
                fmt4(sp.p2),
                d.rate.1,
                fmt(sp.r_hz)
            )
        })
        .collect();
    if parts.is_empty() {
        t.push_str(" No cusp, Bogdanov–Takens or Bautin point in the view.");
    } else {
        t.push_str(&format!(" {}.", parts.join("; ")));
    }
    let value = |k: &str| scenario::spec(k).ok().and_then(|ps| ps.number(s));
    if let (Some(a), Some(b)) = (value(&d.x.key), value(&d.y.key)) {
        t.push_str(&format!(
            " This scenario: {x} = {}, {y} = {}.",
            crate::text::format_number(a),
            crate::text::format_number(b)
        ));
    }
    for n in &d.notes {
        t.push(' ');
        t.push_str(n);
    }
    t
}

/// The diagram's rate variable: r for an exact family, ν_e for a conductance model.
fn rate_label(d: &Diagram) -> &str {
    d.vars.first().map_or("r", |v| v.label.as_str())
}

/// What the diagram says at parameter value `p`: the equilibria there (by interpolation
/// between the branches' points) with their stability, and the cycles.
fn diagram_at(d: &Diagram, p: f64) -> String {
    let mut stable = Vec::new();
    let mut unstable = 0;
    for b in &d.branches {
        for w in b.points.windows(2) {
            let (a, c) = (&w[0], &w[1]);
            if (a.p - p) * (c.p - p) > 0.0 || a.p == c.p {
                continue;
            }
            let t = (p - a.p) / (c.p - a.p);
            let r = a.x[0] + t * (c.x[0] - a.x[0]);
            if a.stable && c.stable {
                stable.push(r);
            } else {
                unstable += 1;
            }
        }
    }
    let mut cycles = Vec::new();
    for c in &d.cycles {
        for w in c.points.windows(2) {
            let (a, e) = (&w[0], &w[1]);
            if (a.p - p) * (e.p - p) > 0.0 || a.p == e.p || !(a.stable && e.stable) {
                continue;
            }
            cycles.push((a.min[0], a.max[0], a.period_ms));
        }
    }
    stable.sort_by(f64::total_cmp);
    let r = rate_label(d);
    let rates = stable
        .iter()
        .map(|r| format!("{} Hz", fmt(*r)))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut t = match stable.len() {
        0 => "no stable equilibrium".to_string(),
        1 => format!("one stable equilibrium, {r} = {rates}"),
        n => format!("{n} stable equilibria (bistable), {r} = {rates}"),
    };
    if unstable > 0 {
        t.push_str(&format!(", {unstable} unstable"));
    }
    for (lo, hi, period) in cycles {
        t.push_str(&format!(
            "; a stable cycle, {r} from {} to {} Hz, period {} ms",
            fmt(lo),
            fmt(hi),
            fmt_value(period)
        ));
    }
    t
}

/// The held bifurcation diagram in words: its special points (named as on the plot), what it
/// says at the scenario's own value, and the network's runs beside the mean field.
fn diagram_text(
    s: &scenario::Scenario,
    key: &str,
    range: (f64, f64),
    d: Option<&Diagram>,
    network: &[NetworkSample],
) -> String {
    let Some(d) = d else {
        return "The bifurcation diagram is being computed.".into();
    };
    let label = &d.label;
    let r = rate_label(d);
    let mut t = format!(
        "Bifurcation diagram of the mean field's rate {r} against {label} from {} to {}{}: {} branch{} of equilibria.",
        fmt_value(range.0),
        fmt_value(range.1),
        if d.unit.is_empty() { String::new() } else { format!(" {}", d.unit) },
        d.branches.len(),
        if d.branches.len() == 1 { "" } else { "es" },
    );
    let parts: Vec<String> = d
        .special
        .iter()
        .zip(special_tags(d))
        .map(|(sp, tag)| {
            let mut p = format!("{tag} ({}) at {label} = {}", words(sp.kind), fmt4(sp.p));
            if matches!(sp.kind, SpecialKind::Fold | SpecialKind::Hopf) {
                p.push_str(&format!(", {r} = {} Hz", fmt(sp.x[0])));
            }
            if let Some(f) = sp.frequency_hz {
                p.push_str(&format!(", oscillation at {} Hz", fmt(f)));
            }
            if let Some(l1) = sp.l1 {
                p.push_str(if l1 < 0.0 {
                    ", supercritical (a small stable cycle grows from it)"
                } else {
                    ", subcritical (the cycle born there is unstable: the rate jumps)"
                });
            }
            if let Some(period) = sp.period_ms {
                p.push_str(&format!(", period {} ms", fmt_value(period)));
            }
            p
        })
        .collect();
    if parts.is_empty() {
        t.push_str(" No fold or Hopf point in the range.");
    } else {
        t.push_str(&format!(" {}.", parts.join("; ")));
    }
    if let Some(v) = scenario::spec(key).ok().and_then(|ps| ps.number(s)) {
        t.push_str(&format!(
            " At this scenario's {label} = {}: {}.",
            crate::text::format_number(v),
            diagram_at(d, v)
        ));
    }
    if !network.is_empty() {
        let runs: Vec<String> = network
            .iter()
            .map(|n| {
                let mut r = format!(
                    "{}: {} Hz (binned {} to {})",
                    fmt_value(n.p),
                    fmt(n.mean_hz),
                    fmt(n.min_hz),
                    fmt(n.max_hz)
                );
                if let Some(m) = n.mf_mean_hz {
                    r.push_str(&format!(", mean field {} Hz", fmt(m)));
                }
                r
            })
            .collect();
        t.push_str(&format!(
            " The spiking network (N = {}, mean over the second half of {} ms from the scenario's initial state) at {} value{} of {label}: {}.",
            s.adex.n_total.round(),
            fmt_value(network[0].to_ms),
            network.len(),
            if network.len() == 1 { "" } else { "s" },
            runs.join("; ")
        ));
    }
    for n in &d.notes {
        t.push(' ');
        t.push_str(n);
    }
    t
}

fn map_text(x: &str, y: &str, cells: &[MapCell]) -> String {
    let bistable = cells.iter().filter(|c| c.bistable()).count();
    let silent = cells
        .iter()
        .filter(|c| c.silent && c.active_hz.is_none())
        .count();
    let active = cells
        .iter()
        .filter(|c| !c.silent && c.active_hz.is_some())
        .count();
    format!(
        "Map over {x} and {y}, {} cells: {bistable} bistable (silent and self-sustained), {silent} silent only, {active} active only.",
        cells.len()
    )
}

impl Session {
    /// The transfer function the analysis uses: `None` for an exact family.
    fn analysis_set(
        &self,
    ) -> Result<Option<&crate::transfer::coefficients::CoefficientSet>, Error> {
        if self.scenario.model.family().is_some() {
            return Ok(None);
        }
        self.current_set().map(Some)
    }

    /// What the analysis worker needs, as JSON {key, query, coeffs} ("" coeffs for an exact
    /// family), or {error} when it cannot run.
    #[must_use]
    pub fn analysis_request(&self) -> String {
        let kind = self.scenario.analysis.kind;
        if !scenario::AnalysisKind::for_model(self.scenario.model).contains(&kind) {
            return to_text(&json!({"error": format!(
                "The {} model has no {} view.",
                self.scenario.model.name(),
                kind.label()
            )}));
        }
        match self.analysis_set() {
            Ok(set) => to_text(&json!({
                "key": super::keys::analysis(&self.scenario, set),
                "query": self.query(),
                "coeffs": set.map(|s| s.to_json()).unwrap_or_default(),
                "kind": kind.name(),
            })),
            Err(e) => to_text(&json!({"error": e.to_string()})),
        }
    }

    /// The key of the analysis the current scenario needs.
    #[must_use]
    pub fn analysis_key(&self) -> String {
        match self.analysis_set() {
            Ok(set) => super::keys::analysis(&self.scenario, set),
            Err(e) => format!("no set: {e}"),
        }
    }

    /// The key of the analysis held ("" if none).
    #[must_use]
    pub fn analysis_held_key(&self) -> String {
        self.held().map(|h| h.key.clone()).unwrap_or_default()
    }

    /// Holds `result` (with its failed items and notices) as the analysis made for `key`.
    pub fn hold_analysis(
        &mut self,
        key: &str,
        result: AnalysisResult,
        failures: Vec<String>,
        notices: Vec<String>,
    ) {
        self.analysis = Some(HeldAnalysis {
            key: key.to_string(),
            result,
            failures,
            notices,
        });
    }

    /// Takes a (partial or finished) result made for `key`, as the worker's JSON.
    ///
    /// # Errors
    /// When the text is not a result.
    pub fn load_analysis(&mut self, key: &str, text: &str) -> Result<(), Error> {
        #[derive(serde::Deserialize)]
        struct Msg {
            result: AnalysisResult,
            failures: Vec<String>,
            #[serde(default)]
            notices: Vec<String>,
        }
        let m: Msg = serde_json::from_str(text)
            .map_err(|e| Error::Usage(format!("analysis result: {e}")))?;
        self.hold_analysis(key, m.result, m.failures, m.notices);
        Ok(())
    }
}

impl Session {
    /// The parameter values at (`fx`, `fy`) of the held diagram's plotting area (0 at its left
    /// and bottom edges, 1 at the right and top), each rounded to a thousandth of its range's
    /// order of magnitude, as JSON {key, value} for a bifurcation diagram (`fy` unused) and
    /// {key, value, key2, value2} for a two-parameter one; {} when no diagram is held or the
    /// point is off the axes.
    #[must_use]
    pub fn diagram_pick(&self, fx: f64, fy: f64) -> String {
        let inside = |f: f64| (0.0..=1.0).contains(&f);
        match self.held().map(|h| &h.result) {
            Some(AnalysisResult::Bifurcation {
                key,
                diagram: Some(d),
                ..
            }) if inside(fx) => to_text(&json!({"key": key, "value": pick((d.from, d.to), fx)})),
            Some(AnalysisResult::TwoParam {
                diagram: Some(d), ..
            }) if inside(fx) && inside(fy) => to_text(&json!({
                "key": d.x.key,
                "value": pick(d.x.range, fx),
                "key2": d.y.key,
                "value2": pick(d.y.range, fy),
            })),
            _ => "{}".into(),
        }
    }
}

/// The value at `fraction` of the range (a, b), rounded to a thousandth of its order of
/// magnitude (so that the link reads 0.1234, not 0.12340000000000001).
fn pick((a, b): (f64, f64), fraction: f64) -> f64 {
    let (a, b) = (a.min(b), a.max(b));
    let step = 10f64.powf(((b - a) / 1000.0).log10().floor());
    let value = ((a + fraction * (b - a)) / step).round() * step;
    let decimals = (-step.log10()).max(0.0) as i32;
    let value = (value * 10f64.powi(decimals)).round() / 10f64.powi(decimals);
    value.clamp(a, b)
}

impl Session {
    /// The held diagram's special points as the page's buttons that set the parameter(s)
    /// there, JSON [{tag, key, value, text}] (with key2 and value2 for a two-parameter
    /// diagram; empty without a diagram).
    #[must_use]
    pub fn diagram_points(&self) -> String {
        // Seven significant digits: what a link keeps.
        let short = |v: f64| -> f64 { format!("{v:.6e}").parse().unwrap_or(v) };
        let points: Vec<_> = match self.held().map(|h| &h.result) {
            Some(AnalysisResult::Bifurcation {
                key,
                diagram: Some(d),
                ..
            }) => d
                .special
                .iter()
                .zip(special_tags(d))
                .map(|(sp, tag)| {
                    let value = short(sp.p);
                    json!({
                        "tag": tag,
                        "key": key,
                        "value": value,
                        "text": format!("{tag}: {} = {}", d.label, crate::text::format_number(value)),
                    })
                })
                .collect(),
            Some(AnalysisResult::TwoParam {
                diagram: Some(d), ..
            }) => d
                .special
                .iter()
                .zip(two_param_tags(d))
                .map(|(sp, tag)| {
                    let (v1, v2) = (short(sp.p1), short(sp.p2));
                    json!({
                        "tag": tag,
                        "key": d.x.key,
                        "value": v1,
                        "key2": d.y.key,
                        "value2": v2,
                        "text": format!(
                            "{tag}: {} = {}, {} = {}",
                            d.x.label,
                            crate::text::format_number(v1),
                            d.y.label,
                            crate::text::format_number(v2)
                        ),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        to_text(&json!(points))
    }
}
