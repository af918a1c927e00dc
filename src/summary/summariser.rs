//! Arm summaries from one perspective, built chunk by chunk of trials: what `sweep`, `compare`
//! and `tornado` report, with the records of one chunk in memory at a time (the trial rows of
//! that perspective are kept whole, 56 bytes a trial and arm). One chunk of all the trials
//! gives [`super::summarise`] exactly.

use crate::progress::Progress;

use super::arms::ArmSums;
use super::{Analysis, ArmSummary, Builder, TrialRow, trial_rows};
use crate::economics::{Ledgers, Money, Perspective};
use crate::engine::Results;
use crate::model::Model;
use crate::psa;
use crate::uncertainty::Uncertainty;

/// The summaries of the trials added so far, from perspective `p`.
#[derive(Debug, Clone)]
pub struct Summariser {
    p: Perspective,
    arms: Vec<ArmSums>,
    trials: Vec<TrialRow>,
    done: usize,
}

impl Summariser {
    /// An empty summary of `model`'s arms from perspective `p`.
    pub fn new(model: &Model, p: Perspective) -> Summariser {
        Summariser {
            p,
            arms: (0..model.arms.len())
                .map(|a| ArmSums::new(model, a))
                .collect(),
            trials: Vec::new(),
            done: 0,
        }
    }

    /// Add the next trials: `results`, a run of `model` (its trial 0 the first trial not yet
    /// added), their money on `ledgers`.
    pub fn add(&mut self, model: &Model, results: &Results, ledgers: &Ledgers) {
        let money = Money::new(results, ledgers, self.p);
        self.trials
            .extend(trial_rows(results, &money, self.p, self.done as u32));
        for arm in &mut self.arms {
            arm.add(model, results, ledgers);
        }
        self.done += results.shape.trials;
    }

    /// Trial rows (trial-major) and one summary per arm, baseline first.
    pub fn finish(self, model: &Model) -> (Vec<TrialRow>, Vec<ArmSummary>) {
        let arms = self
            .arms
            .iter()
            .map(|sums| {
                let rows: Vec<&TrialRow> =
                    self.trials.iter().filter(|r| r.arm == sums.arm()).collect();
                sums.summary(model, &rows, self.p)
            })
            .collect();
        (self.trials, arms)
    }
}

/// The trial rows and arm summaries from perspective `p` of `trials` trials of `model` (as
/// [`psa::run`] and [`super::summarise`] give them), run and summarised `chunk` trials at a time
/// so memory holds one chunk's records whatever the number of trials.
pub fn summarised(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
    (chunk, p): (u32, Perspective),
) -> (Vec<TrialRow>, Vec<ArmSummary>) {
    let mut sums = Summariser::new(model, p);
    each_chunk(model, params, (trials, seed), progress, chunk, |run| {
        sums.add(model, &run.results, &run.ledgers);
    });
    sums.finish(model)
}

/// The [`Analysis`] of `trials` trials of `model` (as [`run`] and
/// [`Analysis::new`] give it up to `chunk` trials), run `chunk` trials at a time.
pub fn analysed(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
    chunk: u32,
) -> Analysis {
    let mut builder = Builder::new(model, chunk as usize, trials as usize);
    each_chunk(model, params, (trials, seed), progress, chunk, |run| {
        builder.add(model, &run.results, &run.ledgers);
    });
    builder.finish(model)
}

/// Run `trials` trials from `seed` in chunks of at most `chunk`, handing each chunk's run to
/// `take` in trial order (trial k seeded by k, whatever the chunks).
fn each_chunk(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
    chunk: u32,
    mut take: impl FnMut(psa::Run),
) {
    let none: &psa::Adjust<'_> = &|_, _| {};
    psa::each_chunk(
        model,
        params,
        (trials, seed, chunk),
        progress,
        (0, none),
        &|_, _| (),
        |run, _| take(run),
    );
}
