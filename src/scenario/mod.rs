//! Reading scenario files (TOML) into a checked [`Model`].
//!
//! The format is documented by example in `scenarios/example.toml`. Every problem is reported
//! as one line, `file:line: [table] key: message`.

mod flows;
mod inherit;
mod locate;
mod raw;
mod validate;

use std::path::Path;

pub use locate::Source;
pub use validate::largest_remainder;

use serde::Deserialize;

use crate::error::Result;
use crate::model::Model;

/// Read and check the scenario at `path`, with the base files it `extends`.
pub fn load(path: &Path) -> Result<Model> {
    let (src, _) = inherit::read_chain(path)?;
    build(&src)
}

/// Check `text` as if it were the file at `path`: its `extends` are read relative to `path`.
pub fn parse_in(path: &Path, text: &str) -> Result<Model> {
    let (src, _) = inherit::chain_from(path, text.to_string())?;
    build(&src)
}

/// Check scenario text; `file` is the name used in error messages. (`extends` is resolved
/// only by [`load`] and [`parse_in`], which know where the file is.)
pub fn parse(file: &str, text: &str) -> Result<Model> {
    build(&Source::single(file, text))
}

/// Parse every file of `src`, merge them and check the result.
fn build(src: &Source) -> Result<Model> {
    let padded: Vec<String> = src.files.iter().map(|f| f.padded()).collect();
    let tables = padded
        .iter()
        .map(|text| inherit::parse(src, text))
        .collect::<Result<Vec<_>>>()?;
    let merged = inherit::merge(tables);
    let raw = raw::RawScenario::deserialize(toml::de::Deserializer::from(merged)).map_err(|e| {
        let message = e.message().trim().replace('\n', "; ");
        match e.span() {
            Some(span) => src.error(span, message),
            None => src.error_file(message),
        }
    })?;
    validate::validate(raw, src)
}
