//! Probabilistic sensitivity analysis: trials run on parameters drawn per trial.
//!
//! This is where the engine (which runs whatever model each trial is given) meets the
//! scenario's uncertain parameters (which know how to draw a model for a trial); neither of
//! the two knows the other.

use crate::progress::Progress;

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
    progress: &dyn Progress,
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
    progress: &dyn Progress,
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

/// How [`run_with_variants`] makes variant v of a trial's model: `adjust(v, &mut model)`.
pub type Adjust<'a> = dyn Fn(usize, &mut Model) + Sync + 'a;

/// As [`run`], with every trial also simulated on `variants` models, variant v the trial's
/// drawn model after `adjust(v, model)` — adjustments that change only effects (elasticities, intervention ratios), never the cohort,
/// arms, staffing or money — on the same citizens and draws in the same pass (common random
/// numbers: each variant's records are those a run of it alone would give). For each trial
/// and variant, `reduce(variant model, its one-trial records)` is kept: `answers[trial][v]`.
/// Only the trials `trials` of a run seeded `seed` are simulated (a chunk; trial k is trial
/// k − `trials.start` of the returned records and ledgers).
/// Memory: one chunk's records, whatever the number of variants.
pub fn run_with_variants<T: Send>(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (std::ops::Range<u64>, u64),
    progress: &dyn Progress,
    (variants, adjust): (usize, &Adjust<'_>),
    reduce: &(dyn Fn(&Model, &Results) -> T + Sync),
) -> (Run, Vec<Vec<T>>) {
    let drawn = |k: u64| match params.is_empty() {
        true => model.clone(),
        false => params.apply(model, &params.draw(seed, k)),
    };
    let stack = |k: u64| {
        let own = drawn(k);
        let mut stack = Vec::with_capacity(1 + variants);
        for v in 0..variants {
            let mut m = own.clone();
            adjust(v, &mut m);
            stack.push(m);
        }
        stack.insert(0, own);
        stack
    };
    let arms = model.arms.len();
    let (results, answers) = engine::run_variants(
        model,
        (1 + variants, trials.clone(), seed),
        progress,
        stack,
        |_, stack, records| {
            (1..stack.len())
                .map(|v| {
                    let slots: Vec<usize> = (v * arms..(v + 1) * arms).collect();
                    reduce(&stack[v], &records.select(&slots))
                })
                .collect()
        },
    );
    let ledgers = match params.is_empty() {
        true => Ledgers::fixed(model),
        false => Ledgers::PerTrial(
            trials
                .into_par_iter()
                .map(|k| Ledger::new(&drawn(k)))
                .collect(),
        ),
    };
    (Run { results, ledgers }, answers)
}

/// The trial ranges of `trials` trials cut into chunks of at most `chunk` (at least 1), in
/// order: every chunked run goes through these, so trial k is seeded by k whatever the chunks.
pub fn chunks(trials: u32, chunk: u32) -> impl Iterator<Item = std::ops::Range<u64>> {
    let (chunk, total) = (chunk.max(1) as u64, trials as u64);
    (0..total)
        .step_by(chunk as usize)
        .map(move |start| start..(start + chunk).min(total))
}

/// [`run_with_variants`] over `trials` trials from `seed`, at most `chunk` trials at a time,
/// handing each chunk's run and its trials' answers (`[trial][variant]`) to `take` in trial
/// order. Memory: one chunk's records.
pub fn each_chunk<T: Send>(
    model: &Model,
    params: &Uncertainty,
    (trials, seed, chunk): (u32, u64, u32),
    progress: &dyn Progress,
    variants: (usize, &Adjust<'_>),
    reduce: &(dyn Fn(&Model, &Results) -> T + Sync),
    mut take: impl FnMut(Run, Vec<Vec<T>>),
) {
    for range in chunks(trials, chunk) {
        let (run, answers) =
            run_with_variants(model, params, (range, seed), progress, variants, reduce);
        take(run, answers);
    }
}
