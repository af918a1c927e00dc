//! `kohort follow`: the months that have happened against the forecast, and the forecast
//! updated by them.
//!
//! 1. The prior: the scenario's trials of the baseline and the followed arm, as `run` gives
//!    them (trial k on its drawn parameters θ_k).
//! 2. The check: each observed count against the trials' counts of that month (their mean,
//!    percentiles, and where the actual falls).
//! 3. The update: trial k is weighted by the likelihood of the observed counts under θ_k —
//!    not under the trial's own chance path, which is one more draw — from the exact expected
//!    trace and its covariance ([`chain`]); the followed arm's path is moved to where the
//!    actual cohort stands ([`adjust`]); the weighted trials are resampled (systematic, one
//!    uniform keyed by the seed) into an equally weighted set that the usual analysis turns
//!    into the updated bands, savings and break-even. The baseline, which nobody observes,
//!    stays each trial's own.

pub mod actuals;
pub mod adjust;
pub mod chain;
pub mod conflict;
pub mod rows;
pub mod smc;
pub mod weights;

pub use actuals::{Actuals, Count, Spent};
pub use rows::{CheckRow, ParamRow};

use crate::progress::Progress;
use rand::RngExt;
use rayon::prelude::*;

use crate::economics::Ledgers;
use crate::engine::Results;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::rng::{Purpose, stream};
use crate::summary::Analysis;
use crate::uncertainty::Uncertainty;
use crate::{expect, psa};

/// Fewer effective trials than this and the update is refused.
pub const MIN_EFFECTIVE: f64 = 200.0;

/// A follow-up: the check, the prior and the updated forecast.
#[derive(Debug, Clone)]
pub struct Followed {
    /// The baseline and the followed arm (arm 1 here).
    pub pair: Model,
    /// Observed counts and expenditure.
    pub actuals: Actuals,
    /// Each observation against the forecast.
    pub checks: Vec<CheckRow>,
    /// Each uncertain parameter before and after.
    pub params: Vec<ParamRow>,
    /// The scenario's forecast.
    pub prior: Analysis,
    /// The forecast given the actuals.
    pub updated: Analysis,
    /// Effective number of the scenario's trials under plain likelihood weighting.
    pub effective: f64,
    /// Each parameter column's value in each of the scenario's trials, `[column][trial]`,
    /// columns as `params`.
    pub draws: Vec<Vec<f64>>,
    /// The updated parameter values, `[column][draw]`, with their `weights` (summing to 1): the
    /// scenario's trials weighted by the likelihood, or the tempered sampler's particles.
    pub posterior: (Vec<Vec<f64>>, Vec<f64>),
    /// How the update was made.
    pub sampler: Sampler,
    /// Parameters the actuals push beyond what the scenario allows.
    pub conflicts: Vec<conflict::Conflict>,
    /// How well the best parameters found explain the actuals.
    pub fit: Option<conflict::Fit>,
    /// Trials run.
    pub trials: u32,
}

/// How a follow-up's update was made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampler {
    /// The scenario's trials weighted by the likelihood of the actuals (enough stay effective).
    Weighted,
    /// Likelihood-tempered sequential Monte Carlo ([`smc`]): too few of the scenario's trials
    /// explain the actuals for weighting alone.
    Tempered {
        /// Tempering stages.
        stages: u64,
        /// Share of moves accepted.
        acceptance: f64,
    },
}

/// What to follow: the scenario's model and parameters, the arm, and the actuals.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// The scenario.
    pub model: &'a Model,
    /// Its uncertain parameters.
    pub params: &'a Uncertainty,
    /// The followed arm (not the baseline).
    pub arm: usize,
    /// What was observed of it.
    pub actuals: &'a Actuals,
}

/// The baseline and arm `arm` of `model`, refused when the trace cannot follow it.
pub fn pair(model: &Model, arm: usize) -> Result<Model> {
    let pair = model.pair(arm);
    expect::arm_trace(&pair, 1).map_err(|e| match e {
        Error::Usage { message, .. } => Error::usage("follow", message),
        e => e,
    })?;
    Ok(pair)
}

/// Follow `job` with `trials` trials from `seed`.
pub fn follow(job: Job<'_>, (trials, seed): (u32, u64), bar: &dyn Progress) -> Result<Followed> {
    let pair = pair(job.model, job.arm)?;
    let obs = &job.actuals.counts;
    rows::check_possible(&pair, job.actuals)?;
    let run = psa::run(&pair, job.params, trials, seed, bar);
    let drawn: Vec<Vec<Vec<f64>>> = (0..trials as u64)
        .map(|k| job.params.draw(seed, k))
        .collect();
    let shape = run.results.shape;
    let span = shape.months * shape.fields();
    let per_trial: Vec<(Option<f64>, Vec<f64>, Vec<f64>)> = (0..trials as usize)
        .into_par_iter()
        .map(|k| {
            let model = match job.params.is_empty() {
                true => pair.clone(),
                false => job.params.apply(&pair, &drawn[k]),
            };
            let trace = expect::arm_moves(&model, 1).expect("checked on the scenario's pair");
            let chain = chain::Chain::new(&model, &trace);
            let ll = chain.log_likelihood(&model, obs);
            let expected = obs
                .iter()
                .map(|c| chain.count(c.month as usize - 1, c.state));
            let o = shape.offset(k, 1, 0);
            let mut arm = run.results.data[o..o + span].to_vec();
            adjust::adjust(&model, &chain, obs, &mut arm);
            (ll, expected.collect(), arm)
        })
        .collect();
    rows::check_reachable(job.actuals, per_trial.iter().map(|t| &t.1))?;
    let ll: Vec<f64> = per_trial
        .iter()
        .map(|t| t.0.unwrap_or(f64::NEG_INFINITY))
        .collect();
    if ll.iter().all(|l| !l.is_finite()) {
        return Err(Error::usage(
            "--actuals",
            "no trial's parameters give the observed counts a likelihood (the trace is not finite)",
        ));
    }
    let w = weights::normalise(&ll);
    let effective = weights::effective_size(&w);
    let columns = rows::columns(job.params, &drawn);
    let (updated_results, ledgers, posterior, sampler, best) = if effective >= MIN_EFFECTIVE {
        let u: f64 = stream(seed, Purpose::Follow, 0, 0).random();
        let picks = weights::resample(&w, trials as usize, u);
        let mut data = Vec::with_capacity(trials as usize * shape.per_trial());
        for &k in &picks {
            let o = shape.offset(k, 0, 0);
            data.extend_from_slice(&run.results.data[o..o + span]);
            data.extend_from_slice(&per_trial[k].2);
        }
        let ledgers = match &run.ledgers {
            Ledgers::Same(l) => Ledgers::Same(l.clone()),
            Ledgers::PerTrial(v) => {
                Ledgers::PerTrial(picks.iter().map(|&k| v[k].clone()).collect())
            }
        };
        let results = Results { shape, data };
        let best = (0..ll.len())
            .max_by(|&a, &b| ll[a].total_cmp(&ll[b]))
            .unwrap_or(0);
        let best = drawn.get(best).cloned().unwrap_or_default();
        (
            results,
            ledgers,
            (columns.clone(), w),
            Sampler::Weighted,
            best,
        )
    } else {
        tempered(&pair, job, (trials, seed), bar)?
    };
    let best_model = match job.params.is_empty() {
        true => pair.clone(),
        false => job.params.apply(&pair, &best),
    };
    let params = rows::params(job.params, &columns, (&posterior.0, &posterior.1));
    let fit = conflict::Fit::of(&best_model, obs);
    let conflicts = match job.params.is_empty() {
        true => Vec::new(),
        false => conflict::conflicts((&pair, job.params, obs), &columns, &params, &best),
    };
    Ok(Followed {
        checks: rows::checks(job.actuals, &run),
        params,
        prior: Analysis::new(&pair, &run.results, &run.ledgers),
        updated: Analysis::new(&pair, &updated_results, &ledgers),
        pair,
        actuals: job.actuals.clone(),
        effective,
        draws: columns,
        posterior,
        sampler,
        conflicts,
        fit,
        trials,
    })
}

/// An update: the forecast's records and ledgers given the actuals, the updated parameter
/// columns with their weights, how it was made, and the likeliest parameter values found.
type Update = (
    Results,
    Ledgers,
    (Vec<Vec<f64>>, Vec<f64>),
    Sampler,
    Vec<Vec<f64>>,
);

/// The update by the tempered sampler: `trials` particles from the posterior, each simulated
/// (trial k on particle k, seeded as trial k) and its path moved to the actual cohort.
fn tempered(
    pair: &Model,
    job: Job<'_>,
    (trials, seed): (u32, u64),
    bar: &dyn Progress,
) -> Result<Update> {
    let obs = &job.actuals.counts;
    let particles = smc::sample(pair, job.params, obs, (trials as usize, seed))?;
    let model = |k: u64| job.params.apply(pair, &particles.values[k as usize]);
    let mut results = crate::engine::run_each(pair, trials, seed, bar, model);
    let shape = results.shape;
    let span = shape.months * shape.fields();
    let arms: Vec<(usize, Vec<f64>)> = (0..trials as usize)
        .into_par_iter()
        .map(|k| {
            let m = model(k as u64);
            let trace = expect::arm_moves(&m, 1).expect("checked on the scenario's pair");
            let o = shape.offset(k, 1, 0);
            let mut arm = results.data[o..o + span].to_vec();
            adjust::adjust(&m, &chain::Chain::new(&m, &trace), obs, &mut arm);
            (o, arm)
        })
        .collect();
    for (o, arm) in arms {
        results.data[o..o + span].copy_from_slice(&arm);
    }
    let ledgers = (0..trials as u64)
        .into_par_iter()
        .map(|k| crate::economics::Ledger::new(&model(k)))
        .collect();
    let columns = rows::columns(job.params, &particles.values);
    let equal = vec![1.0 / trials as f64; trials as usize];
    let sampler = Sampler::Tempered {
        stages: particles.stages,
        acceptance: particles.acceptance,
    };
    let best = particles.best.clone();
    Ok((
        results,
        Ledgers::PerTrial(ledgers),
        (columns, equal),
        sampler,
        best,
    ))
}
