//! The one parameter schema: what a key of a [`Scenario`] is (its models, unit, range, group,
//! documentation, and how it reads and writes the scenario) and how a value is checked and set;
//! the rows are in [`super::table`]. URL state ([`super::link`]), JSON export ([`super::json`]), the page's controls
//! and the `meanfield` CLI all go through this table, so a key means the same thing everywhere.
//!
//! The keys are public: once released, a key is only ever changed with a migration in
//! [`super::link::apply_query`] so that old links keep working.

use super::defaults::Scenario;
use super::kind::ModelKind;
use super::limits;
use crate::stimulus::StimulusKind;
use crate::text::format_number;
use crate::Error;

/// Largest seed a link may carry (the largest integer a JavaScript number holds exactly).
pub const MAX_SEED: f64 = 9_007_199_254_740_991.0;

/// What values a key takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Domain {
    /// A real number in [min, max]; `step` is the control's resolution.
    Real {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// Slider step.
        step: f64,
    },
    /// A whole number in [min, max].
    Int {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
    },
    /// One of a list of names.
    Choice,
}

pub(super) type GetNum = fn(&Scenario) -> f64;
pub(super) type SetNum = fn(&mut Scenario, f64);
pub(super) type GetText = fn(&Scenario) -> String;
pub(super) type SetText = fn(&mut Scenario, &str) -> bool;
/// A choice's allowed values with labels, for a scenario (some depend on its model).
pub(super) type Options = fn(&Scenario) -> Vec<(String, String)>;

#[derive(Clone, Copy)]
pub(super) enum Access {
    Num(GetNum, SetNum),
    Text(GetText, SetText, Options),
}

/// One key of the schema.
#[derive(Clone, Copy)]
pub struct ParamSpec {
    /// The models the key belongs to (the page shows it, and links carry it, only for those).
    pub models: &'static [ModelKind],
    /// Whether the analysis can scan and map it: a number of the model, not a run, view,
    /// network-only or analysis setting.
    pub scannable: bool,
    /// The key (URL, JSON, CLI `--set`).
    pub key: &'static str,
    /// Short label for the page, with the paper's symbol.
    pub label: &'static str,
    /// Unit ("" for dimensionless or names).
    pub unit: &'static str,
    /// Control group on the page.
    pub group: &'static str,
    /// One-sentence meaning, with the source of the default.
    pub doc: &'static str,
    /// Shown under "more parameters" rather than at once.
    pub advanced: bool,
    /// Allowed values.
    pub domain: Domain,
    pub(super) access: Access,
}

impl std::fmt::Debug for ParamSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParamSpec").field("key", &self.key).finish()
    }
}

/// A remark about a value that was adjusted or ignored while applying a link or an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The key concerned ("" for the link as a whole).
    pub key: String,
    /// What happened, as a sentence.
    pub message: String,
}

/// How to treat an out-of-range number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutOfRange {
    /// Clamp it into range and say so (links, page inputs).
    Clamp,
    /// Refuse it (the CLI).
    Reject,
}

pub(super) const G_MODEL: &str = "Model";
pub(super) const G_EXC: &str = "Excitatory population (RS)";
pub(super) const G_INH: &str = "Inhibitory population (FS)";
pub(super) const G_NET: &str = "Synapses and network";
pub(super) const G_SPIKING: &str = "Spiking network";
pub(super) const G_STIM: &str = "Drive and stimulus";
pub(super) const G_RUN: &str = "Run and view";
pub(super) const G_IZH_E: &str = "Excitatory population (Izhikevich E)";
pub(super) const G_IZH_I: &str = "Inhibitory population (Izhikevich I)";
pub(super) const G_QIF: &str = "QIF population";
pub(super) const G_SFA: &str = "Spike-frequency adaptation";
pub(super) const G_CC: &str = "Izhikevich population (dimensionless)";
pub(super) const G_GSK: &str = "Izhikevich population (biophysical)";
/// The lesson being followed (the page shows it in its lesson panel, not as parameters).
pub const G_LESSON: &str = "Lesson";
/// The analysis section's settings (the page shows them beside the analysis plot).
pub const G_ANALYSIS: &str = "Analysis";

impl ParamSpec {
    /// Whether the key belongs to model `m`.
    #[must_use]
    pub fn belongs_to(&self, m: ModelKind) -> bool {
        self.models.contains(&m)
    }

    /// The value in `s` as JSON: a number for numeric keys, a string for choices.
    #[must_use]
    pub fn json_value(&self, s: &Scenario) -> serde_json::Value {
        match self.access {
            Access::Num(get, _) => serde_json::json!(get(s)),
            Access::Text(get, _, _) => serde_json::json!(get(s)),
        }
    }

    /// The current value as text.
    #[must_use]
    pub fn get(&self, s: &Scenario) -> String {
        match self.access {
            Access::Num(get, _) => format_number(get(s)),
            Access::Text(get, _, _) => get(s),
        }
    }

    /// The allowed names of a choice, with labels (empty for numbers).
    #[must_use]
    pub fn options(&self, s: &Scenario) -> Vec<(String, String)> {
        match self.access {
            Access::Text(_, _, options) => options(s),
            Access::Num(..) => Vec::new(),
        }
    }

    /// Whether this key matters for the scenario as it is (stimulus keys of other stimulus
    /// kinds, and the finite-size keys in first order, do not).
    #[must_use]
    pub fn relevant(&self, s: &Scenario) -> bool {
        if !self.belongs_to(s.model) {
            return false;
        }
        if self.group == G_ANALYSIS && self.key != "analysis" {
            return s.analysis.kind.keys().contains(&self.key);
        }
        if self.key == "stim_target" {
            return s.stimulus.kind != StimulusKind::None;
        }
        let stim_keys = s.stimulus.kind.keys();
        if self.key.starts_with("stim_") {
            return stim_keys.contains(&self.key);
        }
        true
    }

    /// Sets the value from text. Returns a notice when the value was adjusted.
    ///
    /// # Errors
    /// When the text is not a value of this key (or out of range with [`OutOfRange::Reject`]).
    pub fn set(
        &self,
        s: &mut Scenario,
        text: &str,
        policy: OutOfRange,
    ) -> Result<Option<Notice>, Error> {
        let text = text.trim();
        match self.access {
            Access::Text(_, set, options) => {
                if set(s, text) {
                    Ok(None)
                } else {
                    let names: Vec<String> = options(s).into_iter().map(|(n, _)| n).collect();
                    Err(Error::invalid(
                        self.key,
                        text,
                        format!("expected one of: {}", names.join(", ")),
                    ))
                }
            }
            Access::Num(..) => {
                let v: f64 = text
                    .parse()
                    .map_err(|_| Error::invalid(self.key, text, "not a number"))?;
                self.apply_number(s, v, text, policy)
            }
        }
    }

    /// Sets a numeric key to `v`, with the same checks as [`ParamSpec::set`] (finite, whole
    /// where it must be, within range, within the work limits): out of range is clamped with a
    /// notice or refused, as `policy` says. Read the value used back with
    /// [`ParamSpec::number`].
    ///
    /// # Errors
    /// A choice key, or a value refused by the checks.
    pub fn set_number(
        &self,
        s: &mut Scenario,
        v: f64,
        policy: OutOfRange,
    ) -> Result<Option<Notice>, Error> {
        match self.access {
            Access::Num(..) => self.apply_number(s, v, &format_number(v), policy),
            Access::Text(..) => Err(Error::invalid(
                self.key,
                format_number(v),
                "takes a name, not a number",
            )),
        }
    }

    /// Sets a numeric key to `v` with no range or work check; false for a choice key. For the
    /// continuation, which checks the ends of its range with [`ParamSpec::set_number`] and
    /// steps between them (a predictor may overshoot an end by a hair).
    pub fn set_unchecked(&self, s: &mut Scenario, v: f64) -> bool {
        match self.access {
            Access::Num(_, set) => {
                set(s, v);
                true
            }
            Access::Text(..) => false,
        }
    }

    /// The value of a numeric key (`None` for a choice).
    #[must_use]
    pub fn number(&self, s: &Scenario) -> Option<f64> {
        match self.access {
            Access::Num(get, _) => Some(get(s)),
            Access::Text(..) => None,
        }
    }

    /// The numeric path of [`ParamSpec::set`]: `v` as given (`text` quotes it in messages).
    fn apply_number(
        &self,
        s: &mut Scenario,
        v: f64,
        text: &str,
        policy: OutOfRange,
    ) -> Result<Option<Notice>, Error> {
        let Access::Num(get, set) = self.access else {
            return Err(Error::invalid(self.key, text, "takes a name, not a number"));
        };
        let (v, notice) = self.checked_number(v, text, policy)?;
        let old = get(s);
        set(s, v);
        let Some(bound) = mf_steps_bound(self.key, s) else {
            return Ok(notice);
        };
        let reason = limits::mf_steps_reason(s.duration_ms / s.dt_ms);
        match policy {
            OutOfRange::Reject => {
                set(s, old);
                Err(Error::invalid(self.key, text, reason))
            }
            OutOfRange::Clamp => {
                set(s, bound);
                Ok(Some(Notice {
                    key: self.key.into(),
                    message: format!(
                        "{reason}; using {} = {}{}.",
                        self.key,
                        format_number(bound),
                        unit_suffix(self.unit)
                    ),
                }))
            }
        }
    }

    /// The range (min, max) of a numeric key (`None` for a choice).
    #[must_use]
    pub fn range(&self) -> Option<(f64, f64)> {
        match self.domain {
            Domain::Real { min, max, .. } | Domain::Int { min, max } => Some((min, max)),
            Domain::Choice => None,
        }
    }

    fn checked_number(
        &self,
        v: f64,
        text: &str,
        policy: OutOfRange,
    ) -> Result<(f64, Option<Notice>), Error> {
        if !v.is_finite() {
            return Err(Error::invalid(self.key, text, "must be a finite number"));
        }
        let (min, max, int) = match self.domain {
            Domain::Real { min, max, .. } => (min, max, false),
            Domain::Int { min, max } => (min, max, true),
            Domain::Choice => (f64::MIN, f64::MAX, false),
        };
        if int && v.fract() != 0.0 {
            return Err(Error::invalid(self.key, text, "must be a whole number"));
        }
        if (min..=max).contains(&v) {
            return Ok((v, None));
        }
        let range = format!(
            "the allowed range is {} to {}{}",
            format_number(min),
            format_number(max),
            unit_suffix(self.unit)
        );
        match policy {
            OutOfRange::Reject => Err(Error::invalid(self.key, text, range)),
            OutOfRange::Clamp => {
                let c = v.clamp(min, max);
                let message = format!(
                    "{} = {} is out of range ({range}); using {}{}.",
                    self.key,
                    text,
                    format_number(c),
                    unit_suffix(self.unit)
                );
                Ok((
                    c,
                    Some(Notice {
                        key: self.key.into(),
                        message,
                    }),
                ))
            }
        }
    }
}

/// The largest value of `key` ("duration" or "dt_mf") that keeps the mean-field run within
/// [`limits::MAX_MF_STEPS`], or `None` when the run is within it (or `key` is neither).
fn mf_steps_bound(key: &str, s: &Scenario) -> Option<f64> {
    let bound = limits::mf_steps_bound(s.duration_ms, s.dt_ms)?;
    match key {
        "duration" => Some(bound.duration_ms),
        "dt_mf" => Some(bound.dt_ms),
        _ => None,
    }
}

pub(super) fn unit_suffix(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    }
}
