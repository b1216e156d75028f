//! The spiking network of a scenario as plain numbers, what the NEST and Brian2 scripts are
//! written from: the same cells, wiring, drive, stimulus, grid and seed as
//! [`crate::network::AdexNetwork`] builds.

use super::py::{self, Knots};
use crate::network::{population_sizes, Connectivity, Wiring};
use crate::scenario::{ModelKind, Scenario};
use crate::Error;

/// What both network scripts end with: the JSON summary or the CSV of `meanfield network`
/// (followed by [`py::CSV_AND_MAIN`]).
const OUTPUT_PY: &str = r#"

def write_output(args, t_end, columns, summary):
    """With --json, a summary (mean rates over the second half, wall times); otherwise the CSV
    of `meanfield network`: bin end [ms], rates [Hz], mean V [mV] and w [pA] per population."""
    (nu_e, v_e, w_e), (nu_i, v_i, w_i) = columns
    if args.json:
        late = t_end > 0.5 * DURATION_MS
        summary.update({
            "scenario": SCENARIO, "n_e": N_E, "n_i": N_I, "duration_ms": DURATION_MS,
            "mean_from_ms": 0.5 * DURATION_MS, "mean_nu_e": float(nu_e[late].mean()),
            "mean_nu_i": float(nu_i[late].mean()),
            "model_s_per_wall_s": DURATION_MS * 1e-3 / summary["wall_s"],
        })
        print(json.dumps(summary))
        return
    write_csv(args.out, ["t_ms", "nu_e", "nu_i", "v_e", "v_i", "w_e", "w_i"],
              zip(t_end, nu_e, nu_i, v_e, v_i, w_e, w_i), 10)
"#;

/// Relative tolerance of the drive's knots: interpolation reproduces the external rate of
/// every time step to 10⁻⁴ of its largest value (exactly for piecewise-constant stimuli).
pub const DRIVE_TOLERANCE: f64 = 1e-4;

/// One population's cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CellSpec {
    /// AdEx: C dV/dt = g_L (E_L − V) + g_L Δ_T e^((V−V_T)/Δ_T) − w + I_syn,
    /// τ_w dw/dt = a (V − E_L) − w.
    Adex {
        /// Capacitance [pF].
        c_m: f64,
        /// Leak conductance [nS].
        g_l: f64,
        /// Leak reversal [mV].
        e_l: f64,
        /// Threshold of the exponential V_T [mV].
        v_th: f64,
        /// Slope factor Δ_T [mV].
        delta_t: f64,
        /// Spike detection (V_T + 5 Δ_T) [mV].
        v_peak: f64,
        /// Reset [mV].
        v_reset: f64,
        /// Refractory period [ms].
        t_ref: f64,
        /// Subthreshold adaptation [nS].
        a: f64,
        /// Spike-triggered adaptation [pA].
        b: f64,
        /// Adaptation time constant [ms].
        tau_w: f64,
    },
    /// Izhikevich (adaptive QIF): C dv/dt = k (v − v_q)² − u + I_syn, τ_u du/dt = b v − u.
    Izhikevich {
        /// Capacitance [pF].
        c_m: f64,
        /// Quadratic gain [nS/mV].
        k: f64,
        /// Vertex of the quadratic [mV].
        v_q: f64,
        /// Subthreshold adaptation [nS].
        b: f64,
        /// Spike-triggered jump of u [pA].
        d: f64,
        /// Adaptation time constant [ms].
        tau_u: f64,
        /// Spike cut [mV].
        v_peak: f64,
        /// Reset [mV].
        v_reset: f64,
        /// Refractory period [ms].
        t_ref: f64,
    },
}

impl CellSpec {
    /// `{"key": value, …}` in the names of the scripts (NEST's for AdEx).
    #[must_use]
    pub fn python_dict(&self) -> String {
        let entries: Vec<(&str, f64)> = match *self {
            Self::Adex {
                c_m,
                g_l,
                e_l,
                v_th,
                delta_t,
                v_peak,
                v_reset,
                t_ref,
                a,
                b,
                tau_w,
            } => vec![
                ("C_m", c_m),
                ("g_L", g_l),
                ("E_L", e_l),
                ("V_th", v_th),
                ("Delta_T", delta_t),
                ("V_peak", v_peak),
                ("V_reset", v_reset),
                ("t_ref", t_ref),
                ("a", a),
                ("b", b),
                ("tau_w", tau_w),
            ],
            Self::Izhikevich {
                c_m,
                k,
                v_q,
                b,
                d,
                tau_u,
                v_peak,
                v_reset,
                t_ref,
            } => vec![
                ("C_m", c_m),
                ("k", k),
                ("v_q", v_q),
                ("b", b),
                ("d", d),
                ("tau_u", tau_u),
                ("v_peak", v_peak),
                ("v_reset", v_reset),
                ("t_ref", t_ref),
            ],
        };
        let body: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("\"{k}\": {}", py::float(*v)))
            .collect();
        format!("{{{}}}", body.join(", "))
    }
}

/// Everything the network scripts need.
#[derive(Clone, Debug, PartialEq)]
pub struct NetSpec {
    /// The scenario's link query, its title and the model.
    pub model: ModelKind,
    /// Population sizes.
    pub n_e: usize,
    /// Population sizes.
    pub n_i: usize,
    /// Wiring rule and in-degrees.
    pub wiring: Wiring,
    /// External Poisson inputs per cell.
    pub k_ext: f64,
    /// Synaptic quanta [nS].
    pub q_e: f64,
    /// Synaptic quanta [nS].
    pub q_i: f64,
    /// Synaptic decay times [ms].
    pub tau_e: f64,
    /// Synaptic decay times [ms].
    pub tau_i: f64,
    /// Reversal potentials [mV].
    pub e_e: f64,
    /// Reversal potentials [mV].
    pub e_i: f64,
    /// Excitatory and inhibitory cells.
    pub cells: [CellSpec; 2],
    /// V(0) is uniform in these ranges [mV].
    pub v0: [(f64, f64); 2],
    /// w(0) [pA].
    pub w0: [f64; 2],
    /// Per-input external rate of each population over time [Hz] (drive + stimulus).
    pub drive: Knots,
    /// Integration step [ms].
    pub dt_ms: f64,
    /// Rate bins [ms].
    pub bin_ms: f64,
    /// Run length [ms].
    pub duration_ms: f64,
    /// Seed.
    pub seed: u64,
    /// Link of the scenario.
    pub scenario: Scenario,
}

impl NetSpec {
    /// The network of `s` (an AdEx or Izhikevich scenario).
    ///
    /// # Errors
    /// Impossible wiring (a population too small for its in-degree).
    pub fn new(s: &Scenario) -> Result<Self, Error> {
        let p = &s.adex;
        let (n_e, n_i) = population_sizes(p);
        let wiring = Wiring {
            n_e,
            n_i,
            k_e: p.k_e,
            k_i: p.k_i,
            rule: s.net.connectivity,
        };
        wiring.validate().map_err(crate::scenario::build::keyed)?;
        if n_e == 0 || n_i == 0 {
            return Err(Error::invalid(
                "n",
                p.n_total,
                "both populations need at least one neuron",
            ));
        }
        let (cells, v0) = match s.model {
            ModelKind::Izhikevich => {
                let c = |cell: &crate::meanfield::IzhCell| CellSpec::Izhikevich {
                    c_m: cell.neuron.c_m_pf,
                    k: cell.neuron.k_ns_per_mv,
                    v_q: cell.neuron.e_iz_mv,
                    b: cell.neuron.b_ns,
                    d: cell.d_pa,
                    tau_u: cell.tau_u_ms,
                    v_peak: cell.neuron.v_peak_mv,
                    v_reset: cell.neuron.v_reset_mv,
                    t_ref: cell.neuron.t_ref_ms,
                };
                let (e, i) = (&s.izh.exc.neuron, &s.izh.inh.neuron);
                (
                    [c(&s.izh.exc), c(&s.izh.inh)],
                    [(e.v_reset_mv, e.v_peak_mv), (i.v_reset_mv, i.v_peak_mv)],
                )
            }
            _ => {
                let c = |cell: &crate::meanfield::AdexCell, spk: &crate::network::SpikingCell| {
                    CellSpec::Adex {
                        c_m: cell.c_m_pf,
                        g_l: cell.g_l_ns,
                        e_l: cell.e_l_mv,
                        v_th: spk.v_thr_mv,
                        delta_t: spk.delta_t_mv,
                        v_peak: spk.v_peak_mv(),
                        v_reset: spk.v_reset_mv,
                        t_ref: spk.t_ref_ms,
                        a: cell.a_ns,
                        b: cell.b_pa,
                        tau_w: cell.tau_w_ms,
                    }
                };
                let (e, i) = (&s.net.exc, &s.net.inh);
                (
                    [c(&p.exc, e), c(&p.inh, i)],
                    [(e.v_reset_mv, e.v_thr_mv), (i.v_reset_mv, i.v_thr_mv)],
                )
            }
        };
        let signal = s.network_signal();
        let dt = s.net.dt_ms;
        let steps = (s.duration_ms / dt).round().max(1.0) as usize;
        let frac_i = s.stimulus.frac_i;
        let drive = py::knots(steps, dt, DRIVE_TOLERANCE, |t| {
            let (e, i) = signal.at(t).external_rates(p.nu_drive_hz, frac_i);
            vec![e, i]
        });
        Ok(Self {
            model: s.model,
            n_e,
            n_i,
            wiring,
            k_ext: p.k_ext,
            q_e: p.synapses.q_e_ns,
            q_i: p.synapses.q_i_ns,
            tau_e: p.synapses.tau_e_ms,
            tau_i: p.synapses.tau_i_ms,
            e_e: p.synapses.e_e_mv,
            e_i: p.synapses.e_i_mv,
            cells,
            v0,
            w0: [p.w_e0_pa, 0.0],
            drive,
            dt_ms: dt,
            bin_ms: s.net.bin_ms,
            duration_ms: s.duration_ms,
            seed: s.seed,
            scenario: s.clone(),
        })
    }

    /// A network script: header, [`NetSpec::python_block`], the simulator's `body` (which
    /// defines `main`), the shared output and the entry point.
    #[must_use]
    pub fn script(&self, title: &str, run: &str, notes: &[String], body: &str) -> String {
        let mut text = py::header(&self.scenario, title, run, notes);
        text.push('\n');
        text.push_str(&self.python_block());
        text.push_str(body);
        text.push_str(OUTPUT_PY);
        text.push_str(py::CSV_AND_MAIN);
        text
    }

    /// The parameter block both network scripts start with (Python constants).
    #[must_use]
    pub fn python_block(&self) -> String {
        let f = py::float;
        let rule = match self.wiring.rule {
            Connectivity::Random => {
                "\"random\"  # each ordered pair independently, p = K/(N_pop - 1) within a \
                 population (no autapses), K/N_pop across"
            }
            Connectivity::FixedInDegree => {
                "\"fixed_indegree\"  # every cell gets exactly K_E and K_I distinct presynaptic \
                 cells (no autapses)"
            }
        };
        let k = |v: f64| {
            if v.fract() == 0.0 {
                py::int(v as usize)
            } else {
                f(v)
            }
        };
        let mut b = String::from(
            "# ---- The network, number by number (ms, mV, nS, pF, pA, Hz) ----------------------------\n",
        );
        b.push_str(&format!(
            "SCENARIO = {}\n",
            py::string(&format!("?{}", crate::scenario::to_query(&self.scenario)))
        ));
        b.push_str(&format!(
            "CELL_MODEL = {}\n",
            py::string(match self.model {
                ModelKind::Izhikevich => "izhikevich",
                _ => "adex",
            })
        ));
        b.push_str(&format!("SEED = {}\n", self.seed));
        b.push_str(&format!("DURATION_MS = {}\n", f(self.duration_ms)));
        b.push_str(&format!(
            "DT_MS = {}  # integration step and spike-time grid\n",
            f(self.dt_ms)
        ));
        b.push_str(&format!(
            "BIN_MS = {}  # population-rate bins of the CSV\n",
            f(self.bin_ms)
        ));
        b.push_str(&format!(
            "N_E, N_I = {}, {}\n",
            py::int(self.n_e),
            py::int(self.n_i)
        ));
        b.push_str(&format!("CONNECTIVITY = {rule}\n"));
        b.push_str(&format!(
            "K_E, K_I = {}, {}  # recurrent in-degrees (exact, or the mean of the random rule)\n",
            k(self.wiring.k_e),
            k(self.wiring.k_i)
        ));
        b.push_str(&format!(
            "K_EXT = {}  # independent external Poisson inputs per cell, weight Q_E\n",
            k(self.k_ext)
        ));
        b.push_str(&format!(
            "Q_E, Q_I = {}, {}  # conductance jump per spike [nS]\n",
            f(self.q_e),
            f(self.q_i)
        ));
        b.push_str(&format!(
            "TAU_E, TAU_I = {}, {}  # exponential synaptic decay [ms]\n",
            f(self.tau_e),
            f(self.tau_i)
        ));
        b.push_str(&format!(
            "E_E, E_I = {}, {}  # synaptic reversal potentials [mV]\n",
            f(self.e_e),
            f(self.e_i)
        ));
        b.push_str(&format!(
            "CELLS = {{\n    \"exc\": {},\n    \"inh\": {},\n}}\n",
            self.cells[0].python_dict(),
            self.cells[1].python_dict()
        ));
        b.push_str(&format!(
            "V0_RANGE = {{\"exc\": ({}, {}), \"inh\": ({}, {})}}  # V(0) uniform in this range [mV]\n",
            f(self.v0[0].0),
            f(self.v0[0].1),
            f(self.v0[1].0),
            f(self.v0[1].1)
        ));
        b.push_str(&format!(
            "W0 = {{\"exc\": {}, \"inh\": {}}}  # adaptation at t = 0 [pA]\n",
            f(self.w0[0]),
            f(self.w0[1])
        ));
        b.push_str(
            "# External rate per input [Hz] (drive + stimulus) of each population: knots of a\n\
             # piecewise-linear function of time that gives every DT_MS step's rate (to 1e-4).\n",
        );
        b.push_str(
            &self
                .drive
                .python("DRIVE_T_MS", &["DRIVE_E_HZ", "DRIVE_I_HZ"]),
        );
        b
    }
}
