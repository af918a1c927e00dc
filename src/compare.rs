//! `kohort compare`: several scenarios side by side — each one's headline arm (the first after
//! its baseline) against its own baseline, from one perspective, so investment cases written
//! by different municipalities or with different assumptions can be read in one table.

use crate::progress::Progress;

use crate::economics::Perspective;
use crate::error::{Error, Result};
use crate::model::{Model, describe_arm_staffing};
use crate::summary::{self, ArmSummary};
use crate::uncertainty::Uncertainty;

/// One scenario's headline arm against its baseline.
#[derive(Debug, Clone)]
pub struct CompareRow {
    /// The scenario file, as given.
    pub file: String,
    /// The scenario's name.
    pub name: String,
    /// The arm compared (the first after the baseline).
    pub arm: String,
    /// What the arm does, in words: its staffing and the interventions it adds.
    pub does: String,
    /// Citizens at month 1.
    pub cohort: u32,
    /// Horizon, months.
    pub months: u32,
    /// Trials run.
    pub trials: u32,
    /// Seed.
    pub seed: u64,
    /// The arm's summary from the comparison's perspective.
    pub summary: ArmSummary,
}

/// What the arm after the baseline does, in words: "caseload 45" or "caseload 70 + ISU-dialogmetoden".
pub fn arm_does(model: &Model, arm: usize) -> String {
    let mut text = describe_arm_staffing(&model.arms[arm]);
    for i in model.added_interventions(arm) {
        text.push_str(" + ");
        text.push_str(&model.interventions[i].label);
    }
    text
}

/// The scenario `model` reduced to what a comparison runs: its baseline and its first arm.
/// A scenario with only a baseline is refused (`file` names it).
pub fn pair(file: &str, model: &Model) -> Result<Model> {
    if model.arms.len() < 2 {
        return Err(Error::usage(
            "compare",
            format!("{file}: the scenario has only a baseline, no arm to compare"),
        ));
    }
    Ok(Model {
        arms: model.arms[..2].to_vec(),
        ..model.clone()
    })
}

/// The comparison row of `pair` (a [`pair`]; its parameters drawn per trial from `params`):
/// its arm against its baseline, `trials` trials from `seed`, from perspective `p`. `file`
/// names the scenario in the outputs.
pub fn compare_one(
    file: &str,
    (pair, params): (&Model, &Uncertainty),
    (trials, seed): (u32, u64),
    p: Perspective,
    progress: &dyn Progress,
) -> CompareRow {
    let chunk = crate::budget::chunk_trials(pair);
    let (_, arms) = summary::summarised(pair, params, (trials, seed), progress, (chunk, p));
    CompareRow {
        file: file.to_string(),
        name: pair.name.clone(),
        arm: pair.arms[1].name.clone(),
        does: arm_does(pair, 1),
        cohort: pair.cohort_size,
        months: pair.months,
        trials,
        seed,
        summary: arms[1].clone(),
    }
}
