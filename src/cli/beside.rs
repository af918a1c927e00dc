//! What `run` computes beside its distribution: the chance of a gain against the effect, the
//! offers' break-even ratio, the bridge from a published case, and the spread from chance
//! alone — each with its own progress bar.

use super::bar;
use crate::bridge::Bridge;
use crate::error::Result;
use crate::model::Model;
use crate::threshold::{Chance, RatioThreshold};
use crate::uncertainty::Uncertainty;
use crate::{budget, psa, summary};

/// The chances and ratios when they are `shown`, and the bridge whenever the scenario has a
/// `[case]` (its file is written either way); `quiet` hides the bars. `params` are the
/// scenario's uncertain numbers, `sampled` those the run draws.
pub(super) fn computed(
    model: &Model,
    (params, sampled): (&Uncertainty, &Uncertainty),
    (trials, seed): (u32, u64),
    (shown, quiet): (bool, bool),
) -> Result<(Vec<Chance>, Vec<RatioThreshold>, Option<Bridge>)> {
    let chances = match shown {
        true => chances(model, sampled, (trials, seed), quiet),
        false => Vec::new(),
    };
    let ratios = match shown {
        true => crate::threshold::ratio_thresholds(model, params).unwrap_or_default(),
        false => Vec::new(),
    };
    Ok((
        chances,
        ratios,
        bridge(model, sampled, (trials, seed), quiet)?,
    ))
}

/// Where each arm's chance of a gain reaches 50 % and 80 % as the job elasticity grows, on
/// the run's first trials ([`crate::threshold::chances`]).
fn chances(
    model: &Model,
    sampled: &Uncertainty,
    (trials, seed): (u32, u64),
    quiet: bool,
) -> Vec<Chance> {
    let n = crate::threshold::grid_trials(trials);
    let bar = bar::trials_bar(n as u64, quiet);
    bar.set_message(format!(
        "{}: the chance of a gain at each effect",
        model.name
    ));
    let c = crate::threshold::chances(model, sampled, (trials, seed), &bar);
    bar.finish_and_clear();
    c
}

/// The bridge from the scenario's published case to its headline (none without `[case]`),
/// on the headline run's trials and draws.
fn bridge(
    model: &Model,
    sampled: &Uncertainty,
    (trials, seed): (u32, u64),
    quiet: bool,
) -> Result<Option<Bridge>> {
    if model.case.is_none() {
        return Ok(None);
    }
    let bar = bar::trials_bar(trials as u64, quiet);
    bar.set_message(format!(
        "{}: the bridge from the published case",
        model.name
    ));
    let chunk = budget::chunk_trials(model);
    let b = crate::bridge::bridge(model, sampled, (trials, seed), &bar, chunk)?;
    bar.finish_and_clear();
    Ok(b)
}

/// Trials of the run at the parameters' means that the variance split uses:
/// n = min(trials, max(200, trials / 10)). The split compares standard deviations, and a
/// sample SD from n trials is within ≈ 1/√(2n) of the true one (±5 % at n = 200), so a
/// tenth of the main run's trials is enough and costs a tenth of its time.
fn chance_trials(trials: u32) -> u32 {
    trials.min((trials / 10).max(200))
}

/// The arms' summaries with every parameter at its mean (chance alone), from
/// [`chance_trials`] trials, and that number.
pub(super) fn chance_alone(
    model: &Model,
    trials: u32,
    seed: u64,
) -> (u32, Vec<summary::ArmSummary>) {
    let n = chance_trials(trials);
    let bar = indicatif::ProgressBar::hidden();
    let run = psa::run(model, &Uncertainty::default(), n, seed, &bar);
    let (_, arms) = summary::summarise(model, &run.results, &run.ledgers, model.headline);
    (n, arms)
}
