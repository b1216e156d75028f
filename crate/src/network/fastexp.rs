//! A branch-free exponential for the AdEx spike current, written so that the compiler can
//! vectorise the neuron loop and so that native and wasm builds give the same bits (no call into
//! a platform `expf`).

const LOG2_E: f32 = std::f32::consts::LOG2_E;
const LN_2: f32 = std::f32::consts::LN_2;
const ROUND_MAGIC: f32 = 12_582_912.0;

/// e^x for f32: relative error below 1e−6 for |x| ≤ 8 and 8e−6 up to |x| = 87 (f32 rounding of
/// x·log2 e); arguments beyond are clamped
/// (e^−87 ≈ 1.6e−38 is already nothing next to the leak current).
#[inline(always)]
#[must_use]
pub fn exp(x: f32) -> f32 {
    let t = x * LOG2_E;
    let t = if t < -126.0 { -126.0 } else { t };
    let t = if t > 126.0 { 126.0 } else { t };
    // Adding 1.5·2²³ rounds t to an integer that lands in the low mantissa bits, so n = round(t)
    // comes out with integer arithmetic only (a float-to-int cast would not vectorise).
    let m = t + ROUND_MAGIC;
    let f = t - (m - ROUND_MAGIC);
    let n = m.to_bits().wrapping_sub(ROUND_MAGIC.to_bits());
    let y = f * LN_2;
    // e^y, Taylor to degree 6 on |y| ≤ 0.347 (remainder |y|^7/7! < 1.3e−7).
    let p = 1.0
        + y * (1.0
            + y * (0.5
                + y * (1.0 / 6.0 + y * (1.0 / 24.0 + y * (1.0 / 120.0 + y * (1.0 / 720.0))))));
    p * f32::from_bits(n.wrapping_add(127) << 23)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_libm_over_the_range_the_neurons_use() {
        // Near the threshold (|x| ≤ 8), where the spike current matters: the polynomial's 1.3e−7
        // plus f32 rounding. Far below it, the rounding of x·log2(e) in f32 dominates (~5e−6 at
        // x = −87), on a term that is then negligible anyway.
        let mut worst = [0.0f64; 2];
        let mut x = -87.0f32;
        while x < 20.0 {
            let want = libm::exp(f64::from(x));
            let got = f64::from(super::exp(x));
            let k = usize::from(x.abs() > 8.0);
            worst[k] = worst[k].max(((got - want) / want).abs());
            x += 0.001_3;
        }
        assert!(
            worst[0] < 1e-6,
            "worst relative error near threshold {}",
            worst[0]
        );
        assert!(
            worst[1] < 8e-6,
            "worst relative error elsewhere {}",
            worst[1]
        );
    }

    #[test]
    fn clamps_instead_of_overflowing() {
        assert!(super::exp(500.0).is_finite());
        assert!(super::exp(-500.0) >= 0.0);
        assert!(super::exp(f32::NEG_INFINITY) >= 0.0);
    }
}
