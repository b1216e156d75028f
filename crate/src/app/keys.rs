//! Cache keys, in one place: what each computation the page reuses (the network run, the
//! analysis, the refit) depends on, derived from the typed inputs it is built from rather than
//! from the scenario minus a list of fields. Two scenarios with the same key give the same
//! result, so the page keeps it; a setting the computation does not read leaves the key alone,
//! so the page does not recompute for nothing. `tests/app.rs` checks both against the
//! computations themselves, for every schema key.

use crate::analysis::{freq, Reduced};
use crate::scenario::{AnalysisKind, OutOfRange, Scenario};
use crate::stimulus::{Stimulus, StimulusKind};
use crate::transfer::coefficients::CoefficientSet;

/// The network's key: what the network is made of (its [`crate::network::NetworkSpec`] or
/// [`crate::lorentz::LorentzNetworkSpec`]), the stimulus it receives, the run's length and
/// the seed. Which spikes are kept is not part of it (the page keeps them all).
#[must_use]
pub fn network(s: &Scenario) -> String {
    let made_of = match s.lorentz_network_spec() {
        Some(spec) => format!("{spec:?}"),
        None => format!("{:?}", s.network_spec()),
    };
    let stimulus = s.network_stimulus();
    let stimulus = if stimulus.kind == StimulusKind::None {
        "no stimulus".to_string()
    } else {
        format!("{stimulus:?}")
    };
    format!(
        "{made_of}; {stimulus}; {:?} ms; seed {}",
        s.duration_ms, s.seed
    )
}

/// The analysis' key with coefficient set `set` (`None` for an exact family): the shown kind's
/// settings and what that kind reads of the model (the first-order map of the fixed points,
/// scans and maps; the model, its initial state and step for the frequency response; the mean
/// field and the network for the bifurcation diagram).
#[must_use]
pub fn analysis(s: &Scenario, set: Option<&CoefficientSet>) -> String {
    let no_set = || crate::Error::Usage("no transfer function".into());
    let reads = match s.analysis.kind {
        AnalysisKind::Freq => set
            .ok_or_else(no_set)
            .and_then(|set| freq::inputs_key(s, set)),
        AnalysisKind::FixedPoints | AnalysisKind::Scan | AnalysisKind::Map => set
            .ok_or_else(no_set)
            .and_then(|set| Reduced::new(s, set))
            .map(|r| r.key()),
        AnalysisKind::Bifurcation | AnalysisKind::TwoParam => Ok(diagram_reads(s)),
        // The run itself (its stimulus, length, step and seed), and the diagram that finds the
        // equilibria.
        AnalysisKind::PhasePlane => Ok(format!(
            "{:?}; {:?}; {:?} ms; dt {:?}; seed {}; {}",
            s.lorentz(),
            s.stimulus,
            s.duration_ms,
            s.dt_ms,
            s.seed,
            diagram_reads(s)
        )),
    };
    let reads = reads.unwrap_or_else(|e| format!("no model: {e}"));
    format!("{}; {reads}", s.analysis.key())
}

/// What the bifurcation diagrams and the network runs read: the scenario without its
/// time-varying stimulus and with the diagram's (first) parameter at the range's start (the
/// diagrams do not depend on its own value, so moving it keeps them): the mean field with its
/// initial state, the constant input, the step of the runs that find the branches' starts, and
/// the network when it is run. The two-parameter diagram starts its curves at the second
/// parameter's own value, which the mean field holds.
fn diagram_reads(s: &Scenario) -> String {
    let (mut base, removed) = s.without_time_dependence();
    if base.stimulus.kind == StimulusKind::Constant {
        // A constant input reads its amplitude (and target) only.
        base.stimulus = Stimulus {
            kind: StimulusKind::Constant,
            amp_hz: base.stimulus.amp_hz,
            frac_i: base.stimulus.frac_i,
            ..Stimulus::default()
        };
    }
    let spec = &s.analysis;
    if let Ok(ps) = crate::scenario::spec(&spec.bif_x) {
        // Out of the key's range, the job refuses or clamps the same way.
        let _ = ps.set_number(&mut base, spec.bif_min, OutOfRange::Clamp);
    }
    let input = if base.stimulus.kind == StimulusKind::None {
        "no stimulus".to_string()
    } else {
        format!("{:?}", base.stimulus)
    };
    let net = if spec.kind == AnalysisKind::Bifurcation && spec.network_count() > 0 {
        network(&base)
    } else {
        "no network".into()
    };
    format!(
        "{:?}; {input} (a time-varying one removed: {removed}); dt {:?}; {net}",
        base.lorentz(),
        base.dt_ms
    )
}

/// The refit's key: everything the fit is made from ([`crate::fit::FitInputs`]).
#[must_use]
pub fn refit(s: &Scenario) -> String {
    s.refit_inputs().key()
}
