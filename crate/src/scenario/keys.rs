//! Cache keys: which settings a computation depends on. Two scenarios with the same key give
//! the same result, so the page reuses it.

use super::defaults::Scenario;
use super::link::to_query;
use super::view::AnalysisKind;

impl Scenario {
    /// The keys that determine the spiking network, as a link query: two scenarios with the
    /// same key run the same network (mean-field-only settings and view options are left out).
    #[must_use]
    pub fn network_key(&self) -> String {
        let d = Self::for_model(self.model);
        let mut s = self.clone();
        s.adex.order = d.adex.order;
        s.adex.t_mf_ms = d.adex.t_mf_ms;
        s.adex.adaptation = d.adex.adaptation;
        s.adex.coeffs = d.adex.coeffs;
        s.adex.nu_e0_hz = d.adex.nu_e0_hz;
        s.adex.nu_i0_hz = d.adex.nu_i0_hz;
        s.izh.coeffs = d.izh.coeffs;
        s.dt_ms = d.dt_ms;
        s.compare_stationary = d.compare_stationary;
        s.plot_from_ms = d.plot_from_ms;
        s.analysis = d.analysis;
        to_query(&s)
    }

    /// The key an analysis result is valid for, with coefficient set `set_id`: the scenario
    /// minus what only the network, the run's view or its length change.
    #[must_use]
    pub fn analysis_key(&self, set_id: &str) -> String {
        let d = Self::for_model(self.model);
        let mut k = self.clone();
        k.net = d.net;
        k.adex.n_total = if k.analysis.kind == AnalysisKind::Freq {
            k.adex.n_total
        } else {
            d.adex.n_total
        };
        k.duration_ms = d.duration_ms;
        k.plot_from_ms = d.plot_from_ms;
        k.compare_stationary = d.compare_stationary;
        k.stim_mf_only = d.stim_mf_only;
        k.adex.nu_e0_hz = d.adex.nu_e0_hz;
        k.adex.nu_i0_hz = d.adex.nu_i0_hz;
        k.adex.w_e0_pa = d.adex.w_e0_pa;
        k.seed = d.seed;
        format!("{}&set={set_id}", to_query(&k))
    }
}
