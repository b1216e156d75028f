//! Cache keys, in one place: what each computation the page reuses (the network run, the
//! analysis, the refit) depends on, derived from the typed inputs it is built from rather than
//! from the scenario minus a list of fields. Two scenarios with the same key give the same
//! result, so the page keeps it; a setting the computation does not read leaves the key alone,
//! so the page does not recompute for nothing. `tests/app.rs` checks both against the
//! computations themselves, for every schema key.

use crate::analysis::{freq, Reduced};
use crate::scenario::{AnalysisKind, Scenario};
use crate::stimulus::StimulusKind;
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

/// The analysis' key with coefficient set `set`: the shown kind's settings and what that kind
/// reads of the model (the first-order map of the fixed points, scans and maps; the model, its
/// initial state and step for the frequency response).
#[must_use]
pub fn analysis(s: &Scenario, set: &CoefficientSet) -> String {
    let reads = match s.analysis.kind {
        AnalysisKind::Freq => freq::inputs_key(s, set),
        AnalysisKind::FixedPoints | AnalysisKind::Scan | AnalysisKind::Map => {
            Reduced::new(s, set).map(|r| r.key())
        }
    };
    let reads = reads.unwrap_or_else(|e| format!("no model: {e}"));
    format!("{}; {reads}", s.analysis.key())
}

/// The refit's key: everything the fit is made from ([`crate::fit::FitInputs`]).
#[must_use]
pub fn refit(s: &Scenario) -> String {
    s.refit_inputs().key()
}
