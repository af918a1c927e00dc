//! `kohort compare`: several scenarios side by side — each one's headline arm (the first after
//! its baseline) against its own baseline, from one perspective, so investment cases written
//! by different municipalities or with different assumptions can be read in one table.

use indicatif::ProgressBar;

use crate::economics::Perspective;
use crate::error::{Error, Result};
use crate::model::{Model, describe_arm_staffing};
use crate::psa;
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
    let a = &model.arms[arm];
    let mut text = describe_arm_staffing(a);
    for &i in a
        .interventions
        .iter()
        .filter(|i| !model.arms[0].interventions.contains(i))
    {
        text.push_str(" + ");
        text.push_str(&model.interventions[i].label);
    }
    text
}

/// The comparison row of `model` (its parameters drawn per trial from `params`): its first arm
/// after the baseline against the baseline, `trials` trials from `seed`, from perspective `p`.
/// `file` names the scenario in messages and outputs.
pub fn compare_one(
    file: &str,
    (model, params): (&Model, &Uncertainty),
    (trials, seed): (u32, u64),
    p: Perspective,
    progress: &ProgressBar,
) -> Result<CompareRow> {
    if model.arms.len() < 2 {
        return Err(Error::usage(
            "compare",
            format!("{file}: the scenario has only a baseline, no arm to compare"),
        ));
    }
    let pair = Model {
        arms: model.arms[..2].to_vec(),
        ..model.clone()
    };
    let run = psa::run(&pair, params, trials, seed, progress);
    let (_, arms) = summary::summarise(&pair, &run.results, &run.ledgers, p);
    Ok(CompareRow {
        file: file.to_string(),
        name: model.name.clone(),
        arm: model.arms[1].name.clone(),
        does: arm_does(model, 1),
        cohort: model.cohort_size,
        months: model.months,
        trials,
        seed,
        summary: arms[1].clone(),
    })
}
