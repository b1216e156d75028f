//! Forward-mode automatic differentiation of the transfer function to second order in two
//! variables: a [`Jet`] carries a value with its gradient and Hessian in (ν_e, ν_i), so one
//! evaluation of F gives F, ∂F and ∂²F exactly (to rounding), where a finite-difference stencil
//! needs nine evaluations and loses half the digits to rounding (∂²F by a 1e-3 Hz stencil keeps
//! ~1e-10 of F: the noise that stalls Newton's method on the second-order equations).
//!
//! The transfer function is written once, generic over [`Real`]: with `f64` it is the plain
//! evaluation (the same operations in the same order), with [`Jet`] the differentiated one.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// A number the transfer function can be evaluated in: `f64`, or a [`Jet`].
pub trait Real:
    Copy
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Add<f64, Output = Self>
    + Sub<f64, Output = Self>
    + Mul<f64, Output = Self>
    + Div<f64, Output = Self>
{
    /// A constant.
    fn cst(v: f64) -> Self;
    /// The value.
    fn val(self) -> f64;
    /// √x.
    #[must_use]
    fn sqrt(self) -> Self;
    /// eˣ.
    #[must_use]
    fn exp(self) -> Self;
    /// The complementary error function.
    #[must_use]
    fn erfc(self) -> Self;
    /// max(x, lo) as `f64::max` has it (lo for NaN); below `lo` the derivatives are 0.
    #[must_use]
    fn at_least(self, lo: f64) -> Self;
}

impl Real for f64 {
    fn cst(v: f64) -> Self {
        v
    }
    fn val(self) -> f64 {
        self
    }
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
    fn exp(self) -> Self {
        libm::exp(self)
    }
    fn erfc(self) -> Self {
        libm::erfc(self)
    }
    fn at_least(self, lo: f64) -> Self {
        self.max(lo)
    }
}

/// A value with its gradient and Hessian in two variables (a second-order jet).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Jet {
    /// The value.
    pub v: f64,
    /// ∂/∂a, ∂/∂b.
    pub g: [f64; 2],
    /// ∂²/∂a², ∂²/∂a∂b, ∂²/∂b².
    pub h: [f64; 3],
}

impl Jet {
    /// The variable number `k` (0 or 1) at value `v`.
    #[must_use]
    pub fn var(v: f64, k: usize) -> Self {
        let mut g = [0.0; 2];
        g[k] = 1.0;
        Self { v, g, h: [0.0; 3] }
    }

    /// φ(x) from φ(x.v), φ'(x.v) and φ''(x.v) (the chain rule to second order).
    fn chain(self, f: f64, d1: f64, d2: f64) -> Self {
        let [a, b] = self.g;
        Self {
            v: f,
            g: [d1 * a, d1 * b],
            h: [
                d1 * self.h[0] + d2 * a * a,
                d1 * self.h[1] + d2 * a * b,
                d1 * self.h[2] + d2 * b * b,
            ],
        }
    }

    fn scale(self, c: f64) -> Self {
        Self {
            v: self.v * c,
            g: self.g.map(|x| x * c),
            h: self.h.map(|x| x * c),
        }
    }
}

impl Add for Jet {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self {
            v: self.v + o.v,
            g: [self.g[0] + o.g[0], self.g[1] + o.g[1]],
            h: [self.h[0] + o.h[0], self.h[1] + o.h[1], self.h[2] + o.h[2]],
        }
    }
}

impl Sub for Jet {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        self + -o
    }
}

impl Neg for Jet {
    type Output = Self;
    fn neg(self) -> Self {
        Self {
            v: -self.v,
            g: self.g.map(|x| -x),
            h: self.h.map(|x| -x),
        }
    }
}

impl Mul for Jet {
    type Output = Self;
    fn mul(self, o: Self) -> Self {
        let ([a0, a1], [b0, b1]) = (self.g, o.g);
        Self {
            v: self.v * o.v,
            g: [self.v * b0 + o.v * a0, self.v * b1 + o.v * a1],
            h: [
                self.v * o.h[0] + o.v * self.h[0] + 2.0 * a0 * b0,
                self.v * o.h[1] + o.v * self.h[1] + a0 * b1 + a1 * b0,
                self.v * o.h[2] + o.v * self.h[2] + 2.0 * a1 * b1,
            ],
        }
    }
}

impl Div for Jet {
    type Output = Self;
    /// q = a/b from a = q b: q' = (a' − q b')/b, q'' = (a'' − q'ᵢ b'ⱼ − q'ⱼ b'ᵢ − q b'')/b.
    fn div(self, o: Self) -> Self {
        let q = self.v / o.v;
        let g = [
            (self.g[0] - q * o.g[0]) / o.v,
            (self.g[1] - q * o.g[1]) / o.v,
        ];
        Self {
            v: q,
            g,
            h: [
                (self.h[0] - 2.0 * g[0] * o.g[0] - q * o.h[0]) / o.v,
                (self.h[1] - g[0] * o.g[1] - g[1] * o.g[0] - q * o.h[1]) / o.v,
                (self.h[2] - 2.0 * g[1] * o.g[1] - q * o.h[2]) / o.v,
            ],
        }
    }
}

impl Add<f64> for Jet {
    type Output = Self;
    fn add(self, c: f64) -> Self {
        Self {
            v: self.v + c,
            ..self
        }
    }
}

impl Sub<f64> for Jet {
    type Output = Self;
    fn sub(self, c: f64) -> Self {
        Self {
            v: self.v - c,
            ..self
        }
    }
}

impl Mul<f64> for Jet {
    type Output = Self;
    fn mul(self, c: f64) -> Self {
        self.scale(c)
    }
}

impl Div<f64> for Jet {
    type Output = Self;
    fn div(self, c: f64) -> Self {
        Self {
            v: self.v / c,
            g: self.g.map(|x| x / c),
            h: self.h.map(|x| x / c),
        }
    }
}

impl Real for Jet {
    fn cst(v: f64) -> Self {
        Self {
            v,
            ..Self::default()
        }
    }
    fn val(self) -> f64 {
        self.v
    }
    /// At 0 (a floored argument, whose derivatives are 0) the derivatives are 0, not 0·∞.
    fn sqrt(self) -> Self {
        let s = self.v.sqrt();
        if self.v > 0.0 {
            self.chain(s, 0.5 / s, -0.25 / (s * self.v))
        } else {
            Self::cst(s)
        }
    }
    fn exp(self) -> Self {
        let e = libm::exp(self.v);
        self.chain(e, e, e)
    }
    fn erfc(self) -> Self {
        let x = self.v;
        let d1 = -2.0 / std::f64::consts::PI.sqrt() * libm::exp(-x * x);
        self.chain(libm::erfc(x), d1, -2.0 * x * d1)
    }
    fn at_least(self, lo: f64) -> Self {
        if self.v.max(lo) == self.v && !self.v.is_nan() {
            self
        } else {
            Self::cst(lo)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A function of two variables through every operation, in any [`Real`].
    fn f<T: Real>(a: T, b: T) -> T {
        let q = (a * b + 3.0) / (b - 0.5) - a * 2.0;
        (q * q).sqrt().erfc() + (-(a / 4.0)).exp() * T::cst(1.5) + (a + b).at_least(-10.0)
    }

    #[test]
    fn the_jet_has_the_derivatives_of_a_fine_difference_quotient() {
        let (a, b) = (0.7, 1.9);
        let j = f(Jet::var(a, 0), Jet::var(b, 1));
        assert_eq!(j.v, f(a, b));
        let h = 1e-4;
        let fa = (f(a + h, b) - f(a - h, b)) / (2.0 * h);
        let fb = (f(a, b + h) - f(a, b - h)) / (2.0 * h);
        let faa = (f(a + h, b) - 2.0 * f(a, b) + f(a - h, b)) / (h * h);
        let fbb = (f(a, b + h) - 2.0 * f(a, b) + f(a, b - h)) / (h * h);
        let fab =
            (f(a + h, b + h) - f(a + h, b - h) - f(a - h, b + h) + f(a - h, b - h)) / (4.0 * h * h);
        for (got, want) in [
            (j.g[0], fa),
            (j.g[1], fb),
            (j.h[0], faa),
            (j.h[1], fab),
            (j.h[2], fbb),
        ] {
            assert!(
                (got - want).abs() < 1e-6 * want.abs().max(1.0),
                "{got} vs {want}"
            );
        }
    }

    #[test]
    fn below_its_floor_a_jet_is_constant() {
        let j = Jet::var(-3.0, 0).at_least(1.0);
        assert_eq!((j.v, j.g, j.h), (1.0, [0.0; 2], [0.0; 3]));
    }
}
