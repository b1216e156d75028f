//! Cache keys: which settings a computation depends on. Two scenarios with the same key give
//! the same result, so the page reuses it.

use super::defaults::Scenario;
use super::link::to_query;

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
}
