//! Seeded randomness. There is no global generator: every random draw comes from a generator
//! built here from an explicit seed, so the same seed gives the same numbers natively and in wasm
//! (ChaCha12 is platform-independent, and the transcendental functions come from `libm`).

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};

/// A seeded source of uniform and Gaussian draws.
pub struct SeededRng {
    inner: StdRng,
    spare_normal: Option<f64>,
}

impl SeededRng {
    /// A generator whose whole output is fixed by `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self {
            inner: StdRng::seed_from_u64(seed),
            spare_normal: None,
        }
    }

    /// A generator for one purpose (`stream`) of a run with seed `seed`: independent streams
    /// let, say, the wiring stay the same when the drive changes.
    #[must_use]
    pub fn stream(seed: u64, stream: u64) -> Self {
        // SplitMix64 finaliser of (seed, stream): distinct inputs give unrelated seeds.
        let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Self::new(z ^ (z >> 31))
    }

    /// 32 uniform random bits.
    pub fn next_u32(&mut self) -> u32 {
        self.inner.next_u32()
    }

    /// Uniform integer in 0..n (n ≥ 1) by Lemire's multiply-shift; the bias is below n / 2³²,
    /// far under any statistical effect in a network of at most millions of neurons.
    pub fn below(&mut self, n: u32) -> u32 {
        ((u64::from(self.inner.next_u32()) * u64::from(n)) >> 32) as u32
    }

    /// Uniform draw in the open interval (0, 1), 53 bits of resolution.
    pub fn uniform_open(&mut self) -> f64 {
        loop {
            let bits = self.inner.next_u64() >> 11;
            if bits != 0 {
                return bits as f64 * (1.0 / (1u64 << 53) as f64);
            }
        }
    }

    /// Standard normal draw (Box–Muller, both values used).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        let r = (-2.0 * libm::log(self.uniform_open())).sqrt();
        let phi = 2.0 * std::f64::consts::PI * self.uniform_open();
        self.spare_normal = Some(r * libm::sin(phi));
        r * libm::cos(phi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_draws_other_seed_other_draws() {
        let a: Vec<f64> = (0..8)
            .map({
                let mut r = SeededRng::new(7);
                move |_| r.normal()
            })
            .collect();
        let b: Vec<f64> = (0..8)
            .map({
                let mut r = SeededRng::new(7);
                move |_| r.normal()
            })
            .collect();
        let c: Vec<f64> = (0..8)
            .map({
                let mut r = SeededRng::new(8);
                move |_| r.normal()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn normal_has_unit_variance() {
        let mut r = SeededRng::new(1);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        // Standard errors: mean 1/sqrt(n) = 0.0022, variance sqrt(2/n) = 0.0032; 4 sigma.
        assert!(mean.abs() < 0.009, "mean {mean}");
        assert!((var - 1.0).abs() < 0.013, "var {var}");
    }
}
