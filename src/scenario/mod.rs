//! Reading scenario files (TOML) into a checked [`Model`].
//!
//! The format is documented by example in `scenarios/example.toml`. Every problem is reported
//! as one line, `file:line: [table] key: message`.

mod locate;
mod raw;
mod validate;

use std::path::Path;

pub use locate::Source;
pub use validate::largest_remainder;

use crate::error::{Error, Result};
use crate::model::Model;

/// Read and check the scenario at `path`.
pub fn load(path: &Path) -> Result<Model> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read scenario", e))?;
    parse(&path.display().to_string(), &text)
}

/// Check scenario text; `file` is the name used in error messages.
pub fn parse(file: &str, text: &str) -> Result<Model> {
    let src = Source {
        file: file.to_string(),
        text: text.to_string(),
    };
    let raw: raw::RawScenario = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', "; ");
        match e.span() {
            Some(span) => src.error(span, message),
            None => src.error_file(message),
        }
    })?;
    validate::validate(raw, &src)
}
