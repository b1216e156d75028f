//! Exact solution of the quadratic membrane v̇ = A v² + B v + D (A > 0) with its coefficients
//! held over one step. Every family's neuron is of this form between spikes once the shared
//! inputs (synaptic gating, recurrent rate, global adaptation) and the neuron's own adaptation are
//! frozen for the step, so a network step integrates each neuron exactly, finds its threshold
//! crossings exactly, and needs no step small enough to resolve the spike upstroke.
//!
//! With w = v + B/(2A) the equation becomes ẇ = A (w² + c), c = D/A − (B/2A)²:
//! tangent solutions for c > 0 (tonic firing), tanh/coth solutions for c < 0 (a stable and an
//! unstable fixed point at ∓√−c), and the rational solution for c = 0.

/// |c| below which the rational (c = 0) solution is used: the relative error is then below
/// c t² A², negligible against the float rounding of the other branches.
const C_ZERO: f64 = 1e-14;

/// One neuron's membrane over one step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quadratic {
    a: f64,
    shift: f64,
    c: f64,
}

impl Quadratic {
    /// v̇ = a v² + b v + d.
    #[must_use]
    pub fn new(a: f64, b: f64, d: f64) -> Self {
        let shift = b / (2.0 * a);
        Self {
            a,
            shift,
            c: d / a - shift * shift,
        }
    }

    fn w(&self, v: f64) -> f64 {
        v + self.shift
    }

    fn q(&self) -> f64 {
        self.c.abs().sqrt()
    }

    fn zero(&self) -> bool {
        self.c.abs() < C_ZERO
    }

    /// Time to go from w to +∞, or `None` when the flow never gets there.
    fn time_to_infinity(&self, w: f64) -> Option<f64> {
        if self.zero() {
            return (w > 0.0).then(|| 1.0 / (self.a * w));
        }
        let q = self.q();
        if self.c > 0.0 {
            Some((std::f64::consts::FRAC_PI_2 - (w / q).atan()) / (self.a * q))
        } else {
            (w > q).then(|| ((w + q) / (w - q)).ln() / (2.0 * self.a * q))
        }
    }

    /// Time to come from −∞ to w, or `None` when the flow never gets there.
    fn time_from_minus_infinity(&self, w: f64) -> Option<f64> {
        if self.zero() {
            return (w < 0.0).then(|| -1.0 / (self.a * w));
        }
        let q = self.q();
        if self.c > 0.0 {
            Some(((w / q).atan() + std::f64::consts::FRAC_PI_2) / (self.a * q))
        } else {
            (w < -q).then(|| ((w - q) / (w + q)).ln() / (2.0 * self.a * q))
        }
    }

    /// Time for v to rise from `v0` to `v_peak` (> v0), or `None` if it never does.
    #[must_use]
    pub fn time_to(&self, v0: f64, v_peak: f64) -> Option<f64> {
        let t0 = self.time_to_infinity(self.w(v0))?;
        let t1 = self.time_to_infinity(self.w(v_peak))?;
        Some((t0 - t1).max(0.0))
    }

    /// The refractory hold after a spike at `v_peak` with reset `v_reset`: the time the
    /// unbounded neuron would take from v_peak to +∞ and back from −∞ to v_reset (MPR 2015's
    /// correction, exact for the frozen coefficients). If the reset lies where the flow from −∞
    /// cannot reach, only the first part counts.
    #[must_use]
    pub fn hold(&self, v_peak: f64, v_reset: f64) -> f64 {
        let up = self.time_to_infinity(self.w(v_peak)).unwrap_or(0.0);
        up + self
            .time_from_minus_infinity(self.w(v_reset))
            .unwrap_or(0.0)
    }

    /// v after time t from `v0`, when no spike happens in between.
    #[must_use]
    pub fn evolve(&self, v0: f64, t: f64) -> f64 {
        let w0 = self.w(v0);
        let w = if self.zero() {
            w0 / (1.0 - self.a * w0 * t)
        } else if self.c > 0.0 {
            let q = self.q();
            q * ((w0 / q).atan() + self.a * q * t).tan()
        } else {
            let q = self.q();
            let z = self.a * q * t;
            if w0.abs() < q {
                -q * (z + (-w0 / q).atanh()).tanh()
            } else if w0.abs() > q {
                let x = -w0 / q;
                let z0 = 0.5 * ((x + 1.0) / (x - 1.0)).ln();
                -q / (z + z0).tanh()
            } else {
                w0
            }
        };
        w - self.shift
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference: RK4 with a tiny step.
    fn rk4(a: f64, b: f64, d: f64, v0: f64, t: f64) -> f64 {
        let f = |v: f64| a * v * v + b * v + d;
        let n = 200_000;
        let h = t / n as f64;
        let mut v = v0;
        for _ in 0..n {
            let k1 = f(v);
            let k2 = f(v + 0.5 * h * k1);
            let k3 = f(v + 0.5 * h * k2);
            let k4 = f(v + h * k3);
            v += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
        }
        v
    }

    #[test]
    fn every_branch_matches_a_fine_numerical_solution() {
        // (a, b, d, v0, t): tonic, below the stable point, between the fixed points, above
        // the unstable one (before the blow-up), and c = 0.
        for (a, b, d, v0, t) in [
            (1.0, 0.0, 2.0, -3.0, 0.5),
            (0.007, 0.3, 1.0, -60.0, 3.0),
            (1.0, -0.6, -1.0, -5.0, 2.0),
            (1.0, 0.0, -4.0, 1.0, 2.0),
            (1.0, 0.0, -4.0, 2.5, 0.3),
            (2.0, 4.0, 2.0, -3.0, 1.0),
        ] {
            let exact = Quadratic::new(a, b, d).evolve(v0, t);
            let num = rk4(a, b, d, v0, t);
            assert!(
                (exact - num).abs() < 1e-8 * (1.0 + num.abs()),
                "{a} {b} {d} {v0} {t}: {exact} vs {num}"
            );
        }
    }

    #[test]
    fn the_threshold_time_lands_on_the_threshold() {
        for (a, b, d, v0) in [
            (1.0, 0.0, 2.0, -3.0),
            (1.0, 0.0, -4.0, 2.5),
            (0.007, -0.3, 5.0, -50.0),
        ] {
            let q = Quadratic::new(a, b, d);
            let t = q.time_to(v0, 100.0).unwrap();
            assert!((q.evolve(v0, t) - 100.0).abs() < 1e-6, "{a} {b} {d}");
        }
        // Below the unstable point of a resting cell: never.
        assert_eq!(Quadratic::new(1.0, 0.0, -4.0).time_to(1.9, 100.0), None);
    }

    #[test]
    fn the_hold_is_the_time_through_infinity() {
        // v̇ = v²: from 100 to ∞ takes 1/100, from −∞ to −100 another 1/100 (MPR's 2τ/v_p).
        let q = Quadratic::new(1.0, 0.0, 0.0);
        assert!((q.hold(100.0, -100.0) - 0.02).abs() < 1e-12);
        // With a drive the hold is a little shorter.
        let q = Quadratic::new(1.0, 0.0, 25.0);
        let expected = 2.0 * (std::f64::consts::FRAC_PI_2 - (100.0f64 / 5.0).atan()) / 5.0;
        assert!((q.hold(100.0, -100.0) - expected).abs() < 1e-12);
    }
}
