//! How a command of `meanfield` fails.

/// Exit code for a command line that cannot be used.
pub const EXIT_USAGE: i32 = 2;

/// A failure of the tool: its message and whether it is the command line's fault.
#[derive(Debug)]
pub struct CliError {
    pub(super) message: String,
    pub(super) usage: bool,
}

impl CliError {
    pub(super) fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            usage: true,
        }
    }

    pub(super) fn failed(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            usage: false,
        }
    }
}

impl From<crate::Error> for CliError {
    fn from(e: crate::Error) -> Self {
        Self::usage(e.to_string())
    }
}
