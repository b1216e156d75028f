//! Fixed points against one parameter (di Volo et al. 2019 Fig 2: rates against b): every
//! fixed point at each value, stable or not, so bistable ranges show as two stable branches.

use super::fixed_points::{fixed_points, FixedPoint};
use crate::scenario::Scenario;
use crate::scenario::{self, OutOfRange};
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;

/// The fixed points at one value of the scanned parameter.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScanPoint {
    /// The parameter's value used (in its schema unit).
    pub x: f64,
    /// The fixed points there.
    pub points: Vec<FixedPoint>,
}

/// `scenario` with the numeric `key` set to `value` (clamped into the key's range, as a link
/// would be), and the value used.
///
/// # Errors
/// Unknown or non-numeric key.
pub fn with_value(scenario: &Scenario, key: &str, value: f64) -> Result<(Scenario, f64), Error> {
    let spec = scenario::spec(key)?;
    let mut s = scenario.clone();
    spec.set_number(&mut s, value, OutOfRange::Clamp)?;
    let used = spec.number(&s).unwrap_or(value);
    Ok((s, used))
}

/// The fixed points of `scenario` with `key` = `value`.
///
/// # Errors
/// Unknown key, or parameters that make no model.
pub fn scan_point(
    scenario: &Scenario,
    set: &CoefficientSet,
    key: &str,
    value: f64,
) -> Result<ScanPoint, Error> {
    let (s, used) = with_value(scenario, key, value)?;
    Ok(ScanPoint {
        x: used,
        points: fixed_points(&s, set)?.points,
    })
}
