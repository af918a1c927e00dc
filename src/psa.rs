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
    run_adjusted(model, params, trials, seed, progress, &|_| {})
}

/// As [`run`], with `adjust` applied to every trial's model after its parameters are drawn
/// (e.g. to switch an effect off whatever was drawn for it).
pub fn run_adjusted(
    model: &Model,
    params: &Uncertainty,
    trials: u32,
    seed: u64,
    progress: &ProgressBar,
    adjust: &(dyn Fn(&mut Model) + Sync),
) -> Run {
    if params.is_empty() {
        let mut m = model.clone();
        adjust(&mut m);
        return Run {
            results: engine::run(&m, trials, seed, progress),
            ledgers: Ledgers::fixed(&m),
        };
    }
    let drawn = |k: u64| {
        let mut m = params.apply(model, &params.draw(seed, k));
        adjust(&mut m);
        m
    };
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
