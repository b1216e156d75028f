//! Poisson counts from a [`SeededRng`], identical natively and in wasm (only `libm`
//! transcendentals), for the external drive: one count per population and time step.

use crate::rng::SeededRng;

/// A Poisson(`mean`) draw. Inversion for small means; Hörmann's transformed rejection with
/// squeeze (PTRS, Insurance: Math. Econ. 12:39, 1993) from a mean of 10 on, which costs a few
/// uniforms per draw whatever the mean.
pub fn poisson(rng: &mut SeededRng, mean: f64) -> u64 {
    if mean.is_nan() || mean <= 0.0 {
        return 0;
    }
    if mean < 10.0 {
        return inversion(rng, mean);
    }
    ptrs(rng, mean)
}

fn inversion(rng: &mut SeededRng, mean: f64) -> u64 {
    // Walk the CDF: P(0) = e^−μ, P(k) = P(k−1) μ / k.
    let u = rng.uniform_open();
    let mut k = 0u64;
    let mut p = libm::exp(-mean);
    let mut cdf = p;
    while u > cdf && k < 1000 {
        k += 1;
        p *= mean / k as f64;
        cdf += p;
    }
    k
}

fn ptrs(rng: &mut SeededRng, mean: f64) -> u64 {
    let slam = mean.sqrt();
    let loglam = libm::log(mean);
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let v_r = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = rng.uniform_open() - 0.5;
        let v = rng.uniform_open();
        let us = 0.5 - u.abs();
        let k = libm::floor((2.0 * a / us + b) * u + mean + 0.43);
        if us >= 0.07 && v <= v_r {
            return k as u64;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        let lhs = libm::log(v) + libm::log(inv_alpha) - libm::log(a / (us * us) + b);
        let rhs = -mean + k * loglam - libm::lgamma(k + 1.0);
        if lhs <= rhs {
            return k as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(mean: f64, n: usize) -> (f64, f64) {
        let mut rng = SeededRng::new(3);
        let xs: Vec<f64> = (0..n).map(|_| poisson(&mut rng, mean) as f64).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / n as f64;
        (m, var)
    }

    #[test]
    fn mean_and_variance_equal_the_parameter_on_both_branches() {
        for &mu in &[0.1, 2.0, 9.5, 10.0, 37.0, 800.0, 8000.0] {
            let n = 100_000;
            let (m, var) = moments(mu, n);
            // Standard error of the mean sqrt(mu/n), of the variance mu*sqrt(2/n) (+ excess
            // kurtosis 1/mu, negligible); 5 sigma.
            let se_m = (mu / n as f64).sqrt();
            let se_v = mu * (2.0 / n as f64 + 1.0 / (mu * n as f64)).sqrt();
            assert!((m - mu).abs() < 5.0 * se_m, "mu {mu}: mean {m}");
            assert!((var - mu).abs() < 5.0 * se_v, "mu {mu}: var {var}");
        }
    }

    #[test]
    fn pmf_matches_at_a_ptrs_mean() {
        // P(k = 40) for mu = 40: e^-40 40^40 / 40! = 0.06294.
        let mut rng = SeededRng::new(9);
        let n = 200_000;
        let hits = (0..n).filter(|_| poisson(&mut rng, 40.0) == 40).count() as f64 / n as f64;
        assert!(
            (hits - 0.06294).abs() < 5.0 * (0.06294 * 0.937 / n as f64).sqrt(),
            "{hits}"
        );
    }

    #[test]
    fn zero_and_bad_means_give_zero() {
        let mut rng = SeededRng::new(1);
        assert_eq!(poisson(&mut rng, 0.0), 0);
        assert_eq!(poisson(&mut rng, -1.0), 0);
        assert_eq!(poisson(&mut rng, f64::NAN), 0);
    }
}
