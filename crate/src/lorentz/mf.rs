//! The four exact mean fields (PyRates templates `qif`, `qif_sfa`, `ik_nodim`, `ik_theta`;
//! `exact_mf.md` §§1–4), written in each family's own time unit, and their fixed-step RK4 run.

use super::params::LorentzParams;
use crate::meanfield::RunEvent;
use crate::stimulus::{Signal, StimSample};
use std::f64::consts::PI;

/// The exact (Lorentzian-ansatz) families.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// QIF, Montbrió, Pazó & Roxin 2015: (r, v).
    Qif,
    /// QIF with spike-frequency adaptation, Gast et al. 2020: (r, v, a, x).
    QifSfa,
    /// Dimensionless Izhikevich, Chen & Campbell 2022: (r, v, u, s).
    Cc,
    /// Biophysical Izhikevich with distributed thresholds, Gast, Solla & Kennedy: (r, v, u, s).
    Gsk,
}

/// One state variable: CSV key, plot label and unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Var {
    /// Key (CSV/JSON).
    pub key: &'static str,
    /// Label with the paper's symbol.
    pub label: &'static str,
    /// Unit ("" for dimensionless).
    pub unit: &'static str,
}

const fn var(key: &'static str, label: &'static str, unit: &'static str) -> Var {
    Var { key, label, unit }
}

/// A state: r (per time unit), v, and two family-specific variables (0 where unused).
pub type State = [f64; 4];

/// An exact mean field, ready to integrate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LorentzMeanField {
    /// Which family.
    pub family: Family,
    /// Its parameters.
    pub p: LorentzParams,
}

impl LorentzMeanField {
    /// The family's time unit [ms]: τ (QIF), C/(k|V_R|) (Chen–Campbell), 1 ms (GSK).
    #[must_use]
    pub fn t_unit_ms(&self) -> f64 {
        match self.family {
            Family::Qif | Family::QifSfa => self.p.qif.tau_ms,
            Family::Cc => self.p.cc.t_unit_ms,
            Family::Gsk => 1.0,
        }
    }

    /// The state variables this family has (r and v first).
    #[must_use]
    pub fn vars(&self) -> Vec<Var> {
        let (r, v) = (var("r", "r", "Hz"), var("v", "v", ""));
        match self.family {
            Family::Qif => vec![r, v],
            Family::QifSfa => vec![r, v, var("a", "a", ""), var("x", "x", "")],
            Family::Cc => vec![r, v, var("u", "u", ""), var("s", "s", "")],
            Family::Gsk => vec![
                r,
                var("v", "v", "mV"),
                var("u", "u", "pA"),
                var("s", "s", ""),
            ],
        }
    }

    /// The unit of the input current and of v: dimensionless, except pA and mV for GSK.
    #[must_use]
    pub fn current_unit(&self) -> &'static str {
        if self.family == Family::Gsk {
            "pA"
        } else {
            ""
        }
    }

    /// The input current at a stimulus sample: I_0 (gated like a drive) plus the stimulus.
    #[must_use]
    pub fn input(&self, s: StimSample) -> f64 {
        let i0 = match self.family {
            Family::Qif | Family::QifSfa => self.p.qif.i0,
            Family::Cc => self.p.cc.i0,
            Family::Gsk => self.p.gsk.i0_pa,
        };
        s.drive_gain * i0 + s.extra_hz
    }

    /// A rate in the family's unit (per time unit) in Hz.
    #[must_use]
    pub fn to_hz(&self, r: f64) -> f64 {
        r / self.t_unit_ms() * 1e3
    }

    /// A rate in Hz in the family's unit.
    #[must_use]
    pub fn from_hz(&self, r_hz: f64) -> f64 {
        r_hz * self.t_unit_ms() * 1e-3
    }

    /// The initial state: r(0), v(0) from the parameters; adaptation and synapses at 0.
    #[must_use]
    pub fn initial_state(&self) -> State {
        [self.from_hz(self.p.init.r_hz), self.p.init.v, 0.0, 0.0]
    }

    /// The quadratic gain A of v̇ = A v² + …: the half-width of the voltage Lorentzian is π r / A.
    #[must_use]
    pub fn gain(&self) -> f64 {
        match self.family {
            Family::Gsk => self.p.gsk.k / self.p.gsk.c_pf,
            _ => 1.0,
        }
    }

    /// dx/dt per time unit at state `x` under input current `i`.
    #[must_use]
    pub fn derivative(&self, x: &State, i: f64) -> State {
        let [r, v, y, z] = *x;
        match self.family {
            Family::Qif | Family::QifSfa => {
                let q = &self.p.qif;
                let a = if self.family == Family::QifSfa {
                    y
                } else {
                    0.0
                };
                let dr = q.delta / PI + 2.0 * r * v;
                let dv = v * v + q.eta - a + i + q.j * r - (PI * r).powi(2);
                if self.family == Family::Qif {
                    return [dr, dv, 0.0, 0.0];
                }
                let s = &self.p.sfa;
                [
                    dr,
                    dv,
                    z / s.tau_a,
                    s.alpha * r - 2.0 * z / s.tau_a - y / s.tau_a,
                ]
            }
            Family::Cc => {
                let c = &self.p.cc;
                let (u, s) = (y, z);
                [
                    c.delta / PI + r * (2.0 * v - c.alpha - c.g * s),
                    v * v - c.alpha * v + c.eta + i - u + c.g * s * (c.e_r - v) - (PI * r).powi(2),
                    c.a * (c.b * v - u) + c.d * r,
                    -s / c.tau_s + c.j * r,
                ]
            }
            Family::Gsk => {
                let g = &self.p.gsk;
                let (u, s) = (y, z);
                let c = g.c_pf;
                [
                    (g.delta_mv * g.k * g.k * (v - g.v_r_mv) / (PI * c)
                        + r * (g.k * (2.0 * v - g.v_r_mv - g.v_t_mv) - g.g_ns * s))
                        / c,
                    (g.k * v * (v - g.v_r_mv - g.v_t_mv)
                        + g.k * g.v_r_mv * g.v_t_mv
                        + i
                        + g.eta_pa
                        - u
                        + g.g_ns * s * (g.e_r_mv - v)
                        - PI * c * r * (g.delta_mv + PI * c * r / g.k))
                        / c,
                    g.a_per_ms * (g.b_ns * (v - g.v_r_mv) - u) + g.d_pa * r,
                    -s / g.tau_s_ms + g.j * r,
                ]
            }
        }
    }
}

/// The time series of one run of an exact mean field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LorentzTrace {
    /// Sample times [ms].
    pub t_ms: Vec<f64>,
    /// States (r per time unit, v, …) at those times.
    pub states: Vec<State>,
    /// Rate r [Hz] at those times.
    pub r_hz: Vec<f64>,
    /// Input current at those times (the model's current unit).
    pub input: Vec<f64>,
    /// What went wrong, in order.
    pub events: Vec<RunEvent>,
}

fn axpy(x: &State, h: f64, k: &State) -> State {
    std::array::from_fn(|n| x[n] + h * k[n])
}

/// Largest magnitude any state variable may reach, in the model's units [1]: far beyond every
/// physical value (|v| ≤ 10³ at most), so a state beyond it is a blow-up still on its way to ∞.
const BLOWN_UP: f64 = 1e8;

/// Whether state variable `m` may take `value`: finite, within [`BLOWN_UP`], and for the rate
/// (variable 0, the Lorentzian's width over π) not negative. A negative rate, or one of 10⁴⁴
/// a step before the overflow, is no prediction and must not be drawn as one.
fn physical(m: usize, value: f64) -> bool {
    value.is_finite() && value.abs() <= BLOWN_UP && (m != 0 || value >= 0.0)
}

/// Integrates `mf` from its initial state with classical RK4 at step `dt_ms` for `duration_ms`.
/// The input is sampled at the start, middle and end of each step.
#[must_use]
pub fn run(mf: &LorentzMeanField, signal: &Signal, duration_ms: f64, dt_ms: f64) -> LorentzTrace {
    run_from(mf, mf.initial_state(), signal, duration_ms, dt_ms)
}

/// [`run`] from state `x0`.
#[must_use]
pub fn run_from(
    mf: &LorentzMeanField,
    x0: State,
    signal: &Signal,
    duration_ms: f64,
    dt_ms: f64,
) -> LorentzTrace {
    let n = (duration_ms / dt_ms).round().max(0.0) as usize;
    let h = dt_ms / mf.t_unit_ms();
    let mut tr = LorentzTrace::default();
    let mut x = x0;
    let names = mf.vars();
    for k in 0..=n {
        let t = k as f64 * dt_ms;
        let i0 = mf.input(signal.at(t));
        tr.t_ms.push(t);
        tr.states.push(x);
        tr.r_hz.push(mf.to_hz(x[0]));
        tr.input.push(i0);
        if k == n {
            break;
        }
        let im = mf.input(signal.at(t + 0.5 * dt_ms));
        let i1 = mf.input(signal.at(t + dt_ms));
        let k1 = mf.derivative(&x, i0);
        let k2 = mf.derivative(&axpy(&x, 0.5 * h, &k1), im);
        let k3 = mf.derivative(&axpy(&x, 0.5 * h, &k2), im);
        let k4 = mf.derivative(&axpy(&x, h, &k3), i1);
        let next: State =
            std::array::from_fn(|m| x[m] + h / 6.0 * (k1[m] + 2.0 * k2[m] + 2.0 * k3[m] + k4[m]));
        if let Some(m) = (0..names.len()).find(|&m| !physical(m, next[m])) {
            tr.events.push(RunEvent::NonFinite {
                t_ms: t + dt_ms,
                variable: names[m].key,
                exact: true,
            });
            break;
        }
        x = next;
    }
    tr
}
