//! The crate's error type: every failure is a message a person can act on.

/// A model quantity a check refused. The models name what they refuse by quantity; the
/// scenario layer turns it into the schema key a person changes ([`Error::keyed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// The number of neurons N.
    NetworkSize,
    /// The network's integration step.
    NetworkStep,
    /// The width of the network's rate bins.
    RateBin,
    /// The fraction of inhibitory neurons.
    InhibitoryFraction,
    /// The excitatory in-degree K_e.
    InDegreeExc,
    /// The inhibitory in-degree K_i.
    InDegreeInh,
    /// The AdEx slope factor Δ_T of the excitatory (RS) cells.
    SlopeFactorExc,
    /// The AdEx slope factor Δ_T of the inhibitory (FS) cells.
    SlopeFactorInh,
    /// The reset of the excitatory Izhikevich cells.
    IzhResetExc,
    /// The reset of the inhibitory Izhikevich cells.
    IzhResetInh,
}

impl Quantity {
    /// What the quantity is, in words (for an error that no key was given to).
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::NetworkSize => "network size N",
            Self::NetworkStep => "network step",
            Self::RateBin => "rate bin",
            Self::InhibitoryFraction => "inhibitory fraction",
            Self::InDegreeExc => "excitatory in-degree K_e",
            Self::InDegreeInh => "inhibitory in-degree K_i",
            Self::SlopeFactorExc => "slope factor Δ_T (E)",
            Self::SlopeFactorInh => "slope factor Δ_T (I)",
            Self::IzhResetExc => "reset of the Izhikevich E cells",
            Self::IzhResetInh => "reset of the Izhikevich I cells",
        }
    }
}

/// Which way a quantity should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Make it larger.
    Raise,
    /// Make it smaller.
    Lower,
}

/// What would make a refused quantity acceptable, as changes of quantities ("raise N or lower
/// K_e"); the scenario layer names each quantity by its key.
pub type Remedy = &'static [(Change, Quantity)];

/// `remedy` in words, each quantity named by `name` ("" when there is none).
fn remedy_text(remedy: Remedy, name: impl Fn(Quantity) -> String) -> String {
    let parts: Vec<String> = remedy
        .iter()
        .map(|&(change, q)| {
            let verb = match change {
                Change::Raise => "raise",
                Change::Lower => "lower",
            };
            format!("{verb} {}", name(q))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(" or "))
    }
}

/// Everything that can go wrong in the core. Each variant renders to a sentence that names the
/// offending key, field or file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A parameter key that the schema does not know.
    #[error("unknown parameter '{0}' (run `meanfield list` for the keys)")]
    UnknownKey(String),
    /// A value that cannot be used for a parameter.
    #[error("{key} = '{value}': {reason}")]
    InvalidParam {
        /// Schema key.
        key: String,
        /// The value as given.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// A model quantity a check refused (the scenario layer names it by its key).
    #[error(
        "{} = '{value}': {reason}{}",
        quantity.describe(),
        remedy_text(remedy, |q| format!("the {}", q.describe()))
    )]
    Model {
        /// What was refused.
        quantity: Quantity,
        /// The value, as text.
        value: String,
        /// Why it was refused.
        reason: String,
        /// What would make it acceptable.
        remedy: Remedy,
    },
    /// A transfer-function coefficient file that is malformed or inconsistent.
    #[error("coefficient file '{file}': {reason}")]
    Coefficients {
        /// File name or id.
        file: String,
        /// What is wrong, naming the field.
        reason: String,
    },
    /// A transfer-function fit that cannot be made or checked.
    #[error("fit: {0}")]
    Fit(String),
    /// Drawing failed.
    #[error("plot: {0}")]
    Plot(String),
    /// A command line that cannot be understood.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Shorthand for [`Error::InvalidParam`]; the key and value are shortened (they may be a
    /// stranger's text of any length).
    pub fn invalid(key: &str, value: impl ToString, reason: impl Into<String>) -> Self {
        Self::InvalidParam {
            key: shorten(key),
            value: shorten(&value.to_string()),
            reason: reason.into(),
        }
    }
}

impl Error {
    /// Shorthand for [`Error::Model`]; the value is shortened like [`Error::invalid`]'s.
    pub fn model(quantity: Quantity, value: impl ToString, reason: impl Into<String>) -> Self {
        Self::model_with_remedy(quantity, value, reason, &[])
    }

    /// [`Error::model`] with what would make the value acceptable.
    pub fn model_with_remedy(
        quantity: Quantity,
        value: impl ToString,
        reason: impl Into<String>,
        remedy: Remedy,
    ) -> Self {
        Self::Model {
            quantity,
            value: shorten(&value.to_string()),
            reason: reason.into(),
            remedy,
        }
    }

    /// The error with a refused [`Quantity`] named by its key (`key_of`); other errors as they
    /// are.
    #[must_use]
    pub fn keyed(self, key_of: impl Fn(Quantity) -> &'static str) -> Self {
        match self {
            Self::Model {
                quantity,
                value,
                reason,
                remedy,
            } => Self::InvalidParam {
                key: key_of(quantity).to_string(),
                value,
                reason: format!("{reason}{}", remedy_text(remedy, |q| key_of(q).to_string())),
            },
            other => other,
        }
    }
}

/// At most 60 characters of a user-supplied string, for messages.
#[must_use]
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}
