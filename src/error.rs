//! The errors a user can cause, each rendered as one line that names the file, line and key.
//!
//! Every variant is the user's to fix (bad scenario, bad flag, unwritable directory), so the
//! binary maps all of them to exit code 2; a panic is always a bug in kohort.

use std::path::PathBuf;

/// Everything that can go wrong because of the input or the environment.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A scenario file that cannot be used, located as precisely as the input allows.
    #[error("{}: {}", one_line(location), one_line(message))]
    Scenario {
        /// `file:line: [table] key`, or just `file` when there is no better place.
        location: String,
        /// What is wrong and, where it helps, what would be right.
        message: String,
    },
    /// A command-line value that is out of range or malformed.
    #[error("{flag}: {}", one_line(message))]
    Usage {
        /// The flag, e.g. `--caseload`.
        flag: String,
        /// What is wrong with it.
        message: String,
    },
    /// A file that could not be read or written.
    #[error("{}: {action}: {}", one_line(&path.display().to_string()), one_line(&source.to_string()))]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// What kohort was doing, e.g. "cannot read scenario".
        action: &'static str,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// `text` with control characters (a newline inside a quoted id, a file name with a tab)
/// written as escapes, so every error stays one line.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c.is_control() {
            true => out.extend(c.escape_default()),
            false => out.push(c),
        }
    }
    out
}

impl Error {
    /// Shorthand for [`Error::Usage`].
    pub fn usage(flag: &str, message: impl Into<String>) -> Self {
        Error::Usage {
            flag: flag.to_string(),
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }
}

/// Result with kohort's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
