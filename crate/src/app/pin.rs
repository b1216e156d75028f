//! Pinning a run: the mean field's curves of one scenario kept as a faint ghost while the
//! reader changes parameters, so before and after are seen on one axis. The pin is in the
//! link: `pin=` holds the keys that turn the current scenario into the pinned one, so a
//! shared link draws the same ghost (it is recomputed from them, deterministically).

use super::session::{to_text, Session};
use super::state::{GhostCurves, Pinned};
use crate::plot::{Line, LineStyle, Theme};
use crate::scenario::{self, Scenario};
use crate::Error;
use serde_json::json;

/// The ghost's lines for the rates panels (excitatory or r, inhibitory) and the adaptation
/// panel.
pub struct GhostLines {
    /// ν_e or r.
    pub rate: Line,
    /// ν_i.
    pub rate_i: Option<Line>,
    /// W_e.
    pub w: Option<Line>,
}

/// How many differing keys the ghost's legend names.
const LEGEND_KEYS: usize = 2;

impl Session {
    /// Pins the current scenario's run.
    ///
    /// # Errors
    /// When the scenario does not run (the reader sees why in the page already).
    pub fn pin(&mut self) -> Result<(), Error> {
        let scenario = self.scenario.clone();
        let curves = self.ghost_curves(&scenario)?;
        self.pinned = Some(Pinned {
            scenario,
            curves: Some(curves),
        });
        Ok(())
    }

    /// Removes the pin.
    pub fn unpin(&mut self) {
        self.pinned = None;
    }

    /// The pin as the page shows it, as JSON {pinned, differences (where the pinned run
    /// differs from the current one, "" for nowhere)}.
    #[must_use]
    pub fn pin_state(&self) -> String {
        let p = self.pinned.as_ref();
        to_text(&json!({
            "pinned": p.is_some(),
            "differences": p.map(|p| p.scenario.differences_from(&self.scenario, usize::MAX)),
        }))
    }

    /// The pin's part of the link (`pin=…`), if a run is pinned.
    pub(super) fn pin_query(&self) -> Option<String> {
        let p = self.pinned.as_ref()?;
        Some(scenario::query_pair(
            scenario::PIN_KEY,
            &scenario::diff_query(&p.scenario, &self.scenario),
        ))
    }

    /// Reads the pin of link `query` (after the scenario has been read from it): the pinned
    /// scenario is the current one with the pin's keys.
    pub(super) fn apply_pin(&mut self, query: &str) -> Vec<scenario::Notice> {
        let Some(pin) = scenario::query_value(query, scenario::PIN_KEY) else {
            self.pinned = None;
            return Vec::new();
        };
        let mut pinned = self.scenario.clone();
        let notices = scenario::apply_query(&mut pinned, &pin)
            .into_iter()
            .map(|n| scenario::Notice {
                key: scenario::PIN_KEY.into(),
                message: format!("In the pinned run: {}", n.message),
            })
            .collect();
        self.pinned = Some(Pinned {
            scenario: pinned,
            curves: None,
        });
        notices
    }

    /// Computes the pinned curves if they are missing; drops a pin of another model (its
    /// curves would not share the axes).
    pub(super) fn refresh_pin(&mut self) {
        if self
            .pinned
            .as_ref()
            .is_some_and(|p| p.scenario.model != self.scenario.model)
        {
            self.pinned = None;
        }
        let Some(p) = self.pinned.as_ref().filter(|p| p.curves.is_none()) else {
            return;
        };
        let curves = self.ghost_curves(&p.scenario).unwrap_or_default();
        if let Some(p) = self.pinned.as_mut() {
            p.curves = Some(curves);
        }
    }

    /// The ghost's lines, when a run is pinned.
    pub(super) fn ghost_lines(&self, theme: &Theme) -> Option<GhostLines> {
        let p = self.pinned.as_ref()?;
        let c = p.curves.as_ref()?;
        let line = |what: &str, points: &[(f64, f64)]| {
            (!points.is_empty()).then(|| {
                let label = self.ghost_label(&p.scenario, what);
                Line::new(&label, theme.ghost, LineStyle::Solid, points.to_vec())
            })
        };
        let exact = self.scenario.lorentz().is_some();
        Some(GhostLines {
            rate: line(if exact { "r" } else { "ν_e" }, &c.rate)?,
            rate_i: line("ν_i", &c.rate_i),
            w: line("W_e", &c.w),
        })
    }

    /// The legend of the ghost of `what`: "pinned ν_e (b (E) = 0 pA)", with what differs
    /// from the current scenario.
    fn ghost_label(&self, pinned: &Scenario, what: &str) -> String {
        let diff = pinned.differences_from(&self.scenario, LEGEND_KEYS);
        if diff.is_empty() {
            format!("pinned {what} (same parameters)")
        } else {
            format!("pinned {what} ({diff})")
        }
    }

    /// The mean field's curves for scenario `s`.
    fn ghost_curves(&self, s: &Scenario) -> Result<GhostCurves, Error> {
        if let Some(mf) = s.lorentz() {
            let tr = crate::lorentz::run(&mf, &s.signal(), s.duration_ms, s.dt_ms);
            return Ok(GhostCurves {
                rate: tr
                    .t_ms
                    .iter()
                    .copied()
                    .zip(tr.r_hz.iter().copied())
                    .collect(),
                ..GhostCurves::default()
            });
        }
        let tr = s.run(self.set_for(s)?)?;
        let series = |f: fn(&crate::meanfield::AdexState) -> f64| {
            tr.t_ms
                .iter()
                .zip(&tr.states)
                .map(|(t, x)| (*t, f(x)))
                .collect()
        };
        Ok(GhostCurves {
            rate: series(|x| x.nu_e),
            rate_i: series(|x| x.nu_i),
            w: series(|x| x.w_e),
        })
    }
}
