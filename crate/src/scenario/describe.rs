//! The scenario in sentences: the network it makes, where it departs from what its
//! coefficient set was fitted for, and what a run's events mean for the reader (the models
//! report them as typed [`RunEvent`]s; the words, which name the keys to change, are here).

use super::defaults::Scenario;
use crate::meanfield::{RunEvent, STATE_CAP};
use crate::neuron::Pop;
use crate::transfer::coefficients::{CellNeuron, CoefficientSet};

impl Scenario {
    /// Where this scenario differs from `other`, in words ("b = 0 pA, ν_drive = 1.5 Hz"; at
    /// most `max` keys, then "and 2 more"; "" when they are the same). Model keys only.
    #[must_use]
    pub fn differences_from(&self, other: &Self, max: usize) -> String {
        let diffs: Vec<String> = super::table::specs()
            .iter()
            .filter(|spec| spec.belongs_to(self.model) && !["lesson", "step"].contains(&spec.key))
            .filter(|spec| spec.get(self) != spec.get(other))
            .map(|spec| {
                let unit = if spec.unit.is_empty() || spec.key == "stim_amp" {
                    String::new()
                } else {
                    format!(" {}", spec.unit)
                };
                let who = super::table::population_suffix(spec);
                format!("{}{who} = {}{unit}", spec.label, spec.get(self))
            })
            .collect();
        let mut text = diffs
            .iter()
            .take(max)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if diffs.len() > max {
            text.push_str(&format!(" and {} more", diffs.len() - max));
        }
        text
    }

    /// A one-line description of the network.
    #[must_use]
    pub fn network_description(&self) -> String {
        if let Some(mf) = self.lorentz() {
            let n = self.adex.n_total.round();
            let adapt = match (mf.neuron_adaptation(), self.lz_global_adaptation) {
                (true, true) => ", one global adaptation variable",
                (true, false) => ", adaptation per neuron",
                (false, _) => "",
            };
            return format!(
                "{n} neurons, all-to-all, Lorentzian heterogeneity from deterministic quantiles{adapt}"
            );
        }
        self.wiring().map(|w| w.describe()).unwrap_or_default()
    }

    /// Parameters in which this scenario departs from what the coefficient set was fitted for,
    /// as sentences (the fit may not hold there).
    #[must_use]
    pub fn fit_departures(&self, set: &CoefficientSet) -> Vec<String> {
        if self.izhikevich_cells() {
            return self.izh_fit_departures(set);
        }
        let p = &self.adex;
        let mut checks = self.shared_fit_rows(set);
        let cells = [
            ("RS", &p.exc, &self.net.exc, &set.exc.neuron),
            ("FS", &p.inh, &self.net.inh, &set.inh.neuron),
        ];
        let mut other_model = false;
        for (name, cell, spike, fitted) in cells {
            let Some(n) = fitted.adex() else {
                other_model = true;
                continue;
            };
            let rows: [(&str, &str, f64, f64); 7] = [
                ("g_L", "nS", cell.g_l_ns, n.g_l_ns),
                ("C_m", "pF", cell.c_m_pf, n.c_m_pf),
                ("E_L", "mV", cell.e_l_mv, n.e_l_mv),
                ("V_T", "mV", spike.v_thr_mv, n.v_thr_mv),
                ("Δ_T", "mV", spike.delta_t_mv, n.delta_t_mv),
                ("V_reset", "mV", spike.v_reset_mv, n.v_reset_mv),
                ("τ_ref", "ms", spike.t_ref_ms, n.t_ref_ms),
            ];
            for (what, unit, used, fit) in rows {
                checks.push((format!("{what} ({name})"), unit, used, fit));
            }
        }
        let mut out = departure_sentences(checks);
        if other_model {
            out.push(format!(
                "the set is for {} cells, not AdEx",
                set.neuron_model.name()
            ));
        }
        out
    }

    /// Synapse and in-degree rows (name, unit, used, fitted) that every conductance model checks.
    fn shared_fit_rows(&self, set: &CoefficientSet) -> Vec<(String, &'static str, f64, f64)> {
        let (p, fs) = (&self.adex, &set.synapses);
        [
            ("Q_e", "nS", p.synapses.q_e_ns, fs.q_e_ns),
            ("Q_i", "nS", p.synapses.q_i_ns, fs.q_i_ns),
            ("τ_e", "ms", p.synapses.tau_e_ms, fs.tau_e_ms),
            ("τ_i", "ms", p.synapses.tau_i_ms, fs.tau_i_ms),
            ("E_e", "mV", p.synapses.e_e_mv, fs.e_e_mv),
            ("E_i", "mV", p.synapses.e_i_mv, fs.e_i_mv),
            ("K_e", "", p.k_e, set.in_degrees.k_e),
            ("K_i", "", p.k_i, set.in_degrees.k_i),
        ]
        .into_iter()
        .map(|(n, u, a, b)| (n.to_string(), u, a, b))
        .collect()
    }

    fn izh_fit_departures(&self, set: &CoefficientSet) -> Vec<String> {
        let mut rows = self.shared_fit_rows(set);
        for (name, pop) in [("E", Pop::Exc), ("I", Pop::Inh)] {
            let used = &self.izh.cell(pop).neuron;
            let CellNeuron::Izhikevich(fit) = set.cell(pop).neuron else {
                return vec![format!(
                    "the set is for {} cells, not Izhikevich",
                    set.neuron_model.name()
                )];
            };
            for (what, unit, a, b) in [
                ("g_iz", "nS/mV", used.k_ns_per_mv, fit.k_ns_per_mv),
                ("E_iz", "mV", used.e_iz_mv, fit.e_iz_mv),
                ("b", "nS", used.b_ns, fit.b_ns),
                ("reset c", "mV", used.v_reset_mv, fit.v_reset_mv),
                ("v_peak", "mV", used.v_peak_mv, fit.v_peak_mv),
                ("τ_ref", "ms", used.t_ref_ms, fit.t_ref_ms),
            ] {
                rows.push((format!("{what} ({name})"), unit, a, b));
            }
        }
        departure_sentences(rows)
    }
}

/// The rows (name, unit, used, fitted) whose values differ, as sentences.
fn departure_sentences(rows: Vec<(String, &str, f64, f64)>) -> Vec<String> {
    rows.into_iter()
        .filter(|(_, _, used, fitted)| (used - fitted).abs() > 1e-9 * fitted.abs().max(1.0))
        .map(|(name, unit, used, fitted)| {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            format!("{name} is {used}{unit} here but the fit was made at {fitted}{unit}")
        })
        .collect()
}

/// The page's and the CLI's sentence for an event.
impl std::fmt::Display for RunEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Cap {
                t_ms,
                variable,
                second_order: true,
            } => write!(
                f,
                "{variable} reached the {STATE_CAP} Hz cap at t = {t_ms:.1} ms: the second-order \
                 terms ran away, and from there on the curves show the cap, not a prediction. \
                 The second-order model is fragile under abrupt or fast-varying input and near \
                 the silent state; try order 1, or a smoother stimulus."
            ),
            Self::Cap {
                t_ms,
                variable,
                second_order: false,
            } => write!(
                f,
                "{variable} reached the {STATE_CAP} Hz cap at t = {t_ms:.1} ms: the rates ran away \
                 (the excitation outgrew what inhibition and adaptation hold back), and from there \
                 on the curves show the cap, not a prediction. More adaptation or inhibition, or \
                 less drive or stimulus, keeps it in range."
            ),
            Self::CovarianceCap {
                variable,
                first_ms,
                last_ms,
            } => write!(
                f,
                "{variable} was held at its cap of {STATE_CAP} Hz² (the official code's clamp) \
                 between t = {first_ms:.1} and {last_ms:.1} ms; the ±√c band is not a \
                 prediction there."
            ),
            Self::OutOfDomain {
                t_ms,
                last_ms,
                population,
            } => write!(
                f,
                "Between t = {t_ms:.1} and {last_ms:.1} ms the {population} Izhikevich cells \
                 were outside the transfer function's domain: with this little inhibition or this much excitation their \
                 membrane has no subthreshold rest (they would fire tonically), so μ_V is held \
                 at the saddle-node vertex and the rate there is an extrapolation, not a \
                 prediction. More drive to the inhibitory cells, or a weaker stimulus, avoids it."
            ),
            Self::NonFinite {
                t_ms,
                variable,
                exact,
            } => {
                write!(
                    f,
                    "{variable} blew up at t = {t_ms:.1} ms (it became infinite, not a number, \
                     or impossibly large or negative), so the run stops before that step and \
                     nothing after it is drawn. "
                )?;
                if *exact {
                    write!(
                        f,
                        "The equations are stiff here (a large |v| or r for this step): a \
                         smaller step dt_mf, or a less extreme initial state v(0), r(0), \
                         avoids it."
                    )
                } else {
                    write!(
                        f,
                        "A smaller step dt_mf, or the first-order model, usually avoids it."
                    )
                }
            }
        }
    }
}
