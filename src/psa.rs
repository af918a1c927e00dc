//! Probabilistic sensitivity analysis: trials run on parameters drawn per trial.
//!
//! This is where the engine (which runs whatever model each trial is given) meets the
//! scenario's uncertain parameters (which know how to draw a model for a trial); neither of
//! the two knows the other.

use indicatif::ProgressBar;

use crate::engine::{self, Results};
use crate::model::Model;
use crate::uncertainty::Uncertainty;

/// Run `trials` trials of `model` from `seed`, trial k on the parameters `params` draws for it
/// (shared by all its arms); with no uncertain parameters, every trial on `model` itself.
pub fn run(
    model: &Model,
    params: &Uncertainty,
    trials: u32,
    seed: u64,
    progress: &ProgressBar,
) -> Results {
    if params.is_empty() {
        engine::run(model, trials, seed, progress)
    } else {
        engine::run_each(model, trials, seed, progress, |k| {
            params.apply(model, &params.draw(seed, k))
        })
    }
}
