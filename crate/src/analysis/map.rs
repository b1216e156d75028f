//! Self-sustained activity over two parameters (di Volo et al. 2019 Fig 5A: E_L of RS against
//! E_L of FS): at each grid point, whether a silent and an active stable state exist.

use super::fixed_points::fixed_points;
use super::scan::with_value;
use crate::scenario::Scenario;
use crate::transfer::coefficients::CoefficientSet;
use crate::Error;

/// A stable state counts as active from this excitatory rate on [Hz].
pub const ACTIVE_HZ: f64 = 0.5;

/// One grid point of the map.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MapCell {
    /// First parameter's value used.
    pub x: f64,
    /// Second parameter's value used.
    pub y: f64,
    /// A stable state below [`ACTIVE_HZ`] exists.
    pub silent: bool,
    /// The highest self-sustained rate at or above [`ACTIVE_HZ`] [Hz], if one exists: the
    /// paper's criterion, F crossing the bisector from above (slope < 1) with ν_i slaved.
    pub active_hz: Option<f64>,
    /// Whether that state is also stable in the full first-order system (it can instead be an
    /// unstable focus of the E-I loop).
    pub active_stable: bool,
}

impl MapCell {
    /// Silent and active stable states coexist.
    #[must_use]
    pub fn bistable(&self) -> bool {
        self.silent && self.active_hz.is_some()
    }
}

/// The map's cell at (`x_key` = `x`, `y_key` = `y`).
///
/// # Errors
/// Unknown keys, or parameters that make no model.
pub fn map_cell(
    scenario: &Scenario,
    set: &CoefficientSet,
    (x_key, x): (&str, f64),
    (y_key, y): (&str, f64),
) -> Result<MapCell, Error> {
    let (s, x) = with_value(scenario, x_key, x)?;
    let (s, y) = with_value(&s, y_key, y)?;
    let fp = fixed_points(&s, set)?;
    let silent = fp.stable().any(|p| p.nu_e < ACTIVE_HZ);
    let active = fp
        .points
        .iter()
        .rev()
        .find(|p| p.slope < 1.0 && p.nu_e >= ACTIVE_HZ);
    Ok(MapCell {
        x,
        y,
        silent,
        active_hz: active.map(|p| p.nu_e),
        active_stable: active.is_some_and(|p| p.stability.is_stable()),
    })
}
