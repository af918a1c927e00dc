//! Reading scenario files (TOML) into a checked [`Model`].
//!
//! The format is documented by example in `scenarios/example.toml`. Every problem is reported
//! as one line, `file:line: [table] key: message`.

mod arms;
mod case;
mod checks;
mod cohort;
mod duration;
mod economy;
mod flows;
mod inherit;

mod raw;
mod seasons;
mod segments;
mod validate;

use std::path::Path;

pub use crate::source::Source;
pub use checks::largest_remainder;

use serde::Deserialize;

use crate::error::Result;
use crate::model::Model;
use crate::uncertainty::{self, Uncertainty};

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

/// As [`parse_in`], with the scenario's uncertain parameters.
pub fn parse_in_uncertain(path: &Path, text: &str) -> Result<(Model, Uncertainty)> {
    let (src, _) = inherit::chain_from(path, text.to_string())?;
    build_uncertain(&src)
}

/// Check scenario text; `file` is the name used in error messages. (`extends` is resolved
/// only by [`load`] and [`parse_in`], which know where the file is.)
pub fn parse(file: &str, text: &str) -> Result<Model> {
    build(&Source::single(file, text))
}

/// Read and check the scenario at `path`, with its uncertain parameters: the model has every
/// distribution at its mean.
pub fn load_uncertain(path: &Path) -> Result<(Model, Uncertainty)> {
    let (src, _) = inherit::read_chain(path)?;
    build_uncertain(&src)
}

/// The files of the scenario at `path`, itself first, then the base files it `extends`:
/// each file's name and text.
pub fn files(path: &Path) -> Result<Vec<(String, String)>> {
    let (src, _) = inherit::read_chain(path)?;
    Ok(src.files.into_iter().map(|f| (f.name, f.text)).collect())
}

/// The files the scenario at `path` reads, as `model` was loaded from it: the scenario, the
/// base files it `extends` and its cohort file. (No output may be written over one of them.)
pub fn input_files(path: &Path, model: &Model) -> Result<Vec<std::path::PathBuf>> {
    let (_, mut paths) = inherit::read_chain(path)?;
    paths.extend(model.cohort_file.iter().map(|f| f.path.clone().into()));
    Ok(paths)
}

/// Parse every file of `src`, merge them and check the result (distributions at their means).
fn build(src: &Source) -> Result<Model> {
    build_uncertain(src).map(|(m, _)| m)
}

fn build_uncertain(src: &Source) -> Result<(Model, Uncertainty)> {
    let padded: Vec<String> = src.files.iter().map(|f| f.padded()).collect();
    let tables = padded
        .iter()
        .map(|text| inherit::parse(src, text))
        .collect::<Result<Vec<_>>>()?;
    let mut merged = inherit::merge(tables);
    let specs = uncertainty::find(merged.get_ref(), src)?;
    let means: Vec<Vec<String>> = specs.iter().map(uncertainty::mean_texts).collect();
    uncertainty::substitute(merged.get_mut(), &specs, &means);
    let raw = raw::RawScenario::deserialize(toml::de::Deserializer::from(merged)).map_err(|e| {
        let message = e.message().trim().replace('\n', "; ");
        match e.span() {
            Some(span) => src.error(span, message),
            None => src.error_file(message),
        }
    })?;
    let model = validate::validate(raw, src)?;
    let params = Uncertainty::bind(specs, &model, src)?;
    Ok((model, params))
}
