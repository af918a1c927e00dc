//! Probabilistic sensitivity analysis: trials run on parameters drawn per trial.
//!
//! This is where the engine (which runs whatever model each trial is given) meets the
//! scenario's uncertain parameters (which know how to draw a model for a trial); neither of
//! the two knows the other.

use indicatif::ProgressBar;

use rayon::prelude::*;

use crate::economics::{Ledger, Ledgers};
use crate::engine::{self, Results};
use crate::model::Model;
use crate::uncertainty::Uncertainty;

/// A run: every trial's records, and the money each trial's parameters give them.
#[derive(Debug, Clone)]
pub struct Run {
    /// The engine's records.
    pub results: Results,
    /// Benefits, tax, costs and discounting of each trial.
    pub ledgers: Ledgers,
}

/// Run `trials` trials of `model` from `seed`, trial k on the parameters `params` draws for it
/// (shared by all its arms); with no uncertain parameters, every trial on `model` itself.
pub fn run(
    model: &Model,
    params: &Uncertainty,
    trials: u32,
    seed: u64,
    progress: &ProgressBar,
) -> Run {
    if params.is_empty() {
        return Run {
            results: engine::run(model, trials, seed, progress),
            ledgers: Ledgers::fixed(model),
        };
    }
    let drawn = |k: u64| params.apply(model, &params.draw(seed, k));
    let results = engine::run_each(model, trials, seed, progress, drawn);
    let ledgers = (0..trials as u64)
        .into_par_iter()
        .map(|k| Ledger::new(&drawn(k)))
        .collect();
    Run {
        results,
        ledgers: Ledgers::PerTrial(ledgers),
    }
}
