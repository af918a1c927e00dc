//! `kohort calibrate`: fit the baseline to observed shares and write the calibrated scenario.

use super::guard::Outputs;
use super::stdout::say;
use std::path::{Path, PathBuf};

use super::commands::report_written;
use crate::calibrate::{self, spell_fit};
use crate::error::{Error, Result};
use crate::model::Model;
use crate::{export, print, scenario};

/// What a spell fit fits (`--fit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FitWhat {
    /// A scale on each duration band's exit hazards.
    Duration,
    /// The entrants' shares by segment.
    Segments,
}

fn state(model: &Model, id: &str) -> Result<usize> {
    model
        .state_index(id)
        .ok_or_else(|| Error::usage("--from", format!("`{id}` is not a state of the scenario")))
}

pub(super) fn calibrate_cmd(
    path: &Path,
    targets: &Path,
    from: Option<&str>,
    what: spell_fit::Fitted,
    write: Option<PathBuf>,
    quiet: bool,
) -> Result<()> {
    let model = scenario::load(path)?;
    let out = write.unwrap_or_else(|| {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        path.with_file_name(format!("{stem}-calibrated.toml"))
    });
    export::check_writable("--write", &out)?;
    let mut inputs = scenario::input_files(path, &model)?;
    inputs.push(targets.to_path_buf());
    Outputs::default()
        .with("--write", Some(&out))
        .check(&inputs)?;
    let from = from.map(|id| state(&model, id)).transpose()?;
    let text =
        crate::textfile::read(path).map_err(|e| Error::io(path, "cannot read scenario", e))?;
    let file = path.display().to_string();
    let (new, table) = if spell_fit::is_spell_file(targets)? {
        let (state, t) = spell_fit::read(targets, &model)?;
        if from.is_some_and(|f| f != state) {
            let msg = format!(
                "the targets describe spells in `{}`",
                model.states[state].id
            );
            return Err(Error::usage("--from", msg));
        }
        let fit = spell_fit::fit(&model, state, &t, what)?;
        let new = calibrate::rewrite_spells(&text, &model, state, &fit, what, &file)?;
        (new, print::spell_calibration(&model, state, &t, &fit, what))
    } else {
        let from = from.unwrap_or_else(|| {
            (0..model.states.len())
                .max_by_key(|&s| (model.initial_counts[s], std::cmp::Reverse(s)))
                .unwrap_or(0)
        });
        let mut t = calibrate::read_targets(targets, &model)?;
        calibrate::check(&model, from, &mut t, &targets.display().to_string())?;
        let fit = calibrate::fit(&model, from, &t)?;
        let new = calibrate::rewrite(&text, &model, from, &fit.row, &file)?;
        (new, print::calibration(&model, from, &t, &fit))
    };
    // A fit at the edge of what the targets allow (everyone leaving in one month, a duration
    // hazard past its bound) must not become a file that kohort then refuses.
    if let Err(e) = scenario::parse_in(path, &new) {
        return Err(Error::usage(
            "--targets",
            format!(
                "the fit gives a scenario kohort cannot run ({e}); the targets ask for more than the scenario allows, e.g. everyone leaving a state within a month; nothing was written"
            ),
        ));
    }
    let written = export::write_atomic(&out, |w| w.write_all(new.as_bytes()))?;
    if !quiet {
        say!("{table}");
    }
    report_written(&[written]);
    Ok(())
}
