//! The crate's error type: every failure is a message a person can act on.

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
