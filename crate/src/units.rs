//! The single internal unit system and the few named conversions the core needs.
//!
//! Times are in ms, potentials in mV, conductances in nS, capacitances in pF, currents in pA
//! and rates in Hz. These combine without factors where the physics allows it
//! (nS·mV = pA, pF/nS = ms); the places where a rate meets a time need [`HZ_MS`].

/// Hz × ms = 1e-3 (a rate in Hz times a duration in ms is this many events).
pub const HZ_MS: f64 = 1e-3;

/// Converts a duration in ms to s.
#[must_use]
pub fn ms_to_s(ms: f64) -> f64 {
    ms * 1e-3
}

/// Converts volts to mV (the published threshold coefficients are stored in volts).
#[must_use]
pub fn v_to_mv(v: f64) -> f64 {
    v * 1e3
}
