//! Calibration: fit the baseline's monthly exit probabilities out of one state so that the
//! exact expected distribution ([`crate::expect`]) matches observed shares at given months.
//!
//! Targets are `month,state,share[,count]`. The fitted row is parametrised by softmax,
//! p_j = (1 − F) · e^{θ_j} / (1 + Σ_i e^{θ_i}) over the targeted destinations (F = the row's
//! untargeted, fixed probabilities), so every candidate is a valid row; Nelder–Mead (argmin)
//! minimises Σ w (fitted share − target share)², w = the count when given, else 1.
//!
//! [`spell_fit`] fits duration multipliers and segment shares to how long spells last instead
//! (a survival curve, the stock's shares by duration); [`rewrite`] writes either fit back.

use std::path::Path;

use argmin::core::{CostFunction, Executor, State};
use argmin::solver::neldermead::NelderMead;

use crate::datafile::DataFile;
use crate::error::{Error, Result};
use crate::model::Model;

mod rewrite;
pub mod spell;
pub mod spell_fit;

pub use rewrite::{band_multipliers, folds, rewrite, rewrite_spells};

/// Shares at a month may miss 1 by this much (rounding in published tables); they are then
/// normalised.
pub const SHARE_TOLERANCE: f64 = 0.01;

/// One observed share.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Month (1-based).
    pub month: u32,
    /// State index.
    pub state: usize,
    /// Share of the cohort in the state after that month, in [0, 1].
    pub share: f64,
    /// Weight in the fit (the count behind the share, or 1).
    pub weight: f64,
}

/// Read targets from `path` for `model`; errors name the file, line and column. Comma- or
/// semicolon-separated, decimal point or comma, UTF-8 with or without a byte-order mark
/// ([`DataFile`]); `count` is optional.
pub fn read_targets(path: &Path, model: &Model) -> Result<Vec<Target>> {
    let f = DataFile::read(path, "cannot read targets", &["month", "state", "share"])?;
    let mut targets = Vec::with_capacity(f.rows().len());
    for row in f.rows() {
        let month = f.month(row, model.months)?;
        let state = state_of(&f, row, model)?;
        let (share, weight) = share_and_weight(&f, row)?;
        targets.push(Target {
            month,
            state,
            share,
            weight,
        });
    }
    Ok(targets)
}

/// The row's `state` column as a state index of `model`.
pub(crate) fn state_of(f: &DataFile, row: &(u64, Vec<String>), model: &Model) -> Result<usize> {
    let id = f.text(&row.1, "state");
    let message = || format!("`{id}` is not a state of the scenario");
    model
        .state_index(id)
        .ok_or_else(|| f.error(row.0, "state", &message()))
}

/// The row's `share` (in [0, 1]) and its weight: `count` (> 0) when the file has one, else 1.
pub(crate) fn share_and_weight(f: &DataFile, row: &(u64, Vec<String>)) -> Result<(f64, f64)> {
    let share = f.number(row, "share")?;
    if !(0.0..=1.0).contains(&share) {
        return Err(f.error(row.0, "share", &format!("must be in [0, 1], got {share}")));
    }
    let weight = if f.has("count") {
        f.number(row, "count")?
    } else {
        1.0
    };
    if weight <= 0.0 {
        return Err(f.error(row.0, "count", "must be > 0"));
    }
    Ok((share, weight))
}

/// Refuse targets that cannot be met; normalise shares that miss 1 by rounding only.
pub fn check(model: &Model, from: usize, targets: &mut [Target], file: &str) -> Result<()> {
    if targets.iter().all(|t| t.state == from) {
        return Err(Error::usage(
            "--targets",
            format!(
                "{file}: the targets name only `{}`, whose exits are fitted; give the shares of the states it leads to as well (job, ude, …)",
                model.states[from].id
            ),
        ));
    }
    let months: std::collections::BTreeSet<u32> = targets.iter().map(|t| t.month).collect();
    for &m in &months {
        let total: f64 = targets
            .iter()
            .filter(|t| t.month == m)
            .map(|t| t.share)
            .sum();
        if (total - 1.0).abs() > SHARE_TOLERANCE {
            return Err(Error::usage(
                "--targets",
                format!(
                    "{file}: the shares of month {m} sum to {total:.4}, not 1 (give every state's share, ude included)"
                ),
            ));
        }
        targets
            .iter_mut()
            .filter(|t| t.month == m)
            .for_each(|t| t.share /= total);
    }
    let depth = reach(model, from, targets);
    for t in targets.iter().filter(|t| t.share > 0.0) {
        if depth[t.state].is_none_or(|d| d > t.month) {
            return Err(Error::usage(
                "--targets",
                format!(
                    "{file}: nobody can be in `{}` by month {} (no path from where the cohort starts, even with the fitted row out of `{}`)",
                    model.states[t.state].id, t.month, model.states[from].id
                ),
            ));
        }
    }
    if depth[from].is_none() {
        return Err(Error::usage(
            "--from",
            format!("nobody is ever in `{}`", model.states[from].id),
        ));
    }
    Ok(())
}

/// Months to reach each state from the start (BFS over positive transitions, plus the fitted
/// row's edges to every targeted state).
fn reach(model: &Model, from: usize, targets: &[Target]) -> Vec<Option<u32>> {
    let n = model.states.len();
    let mut depth: Vec<Option<u32>> = (0..n)
        .map(|s| {
            let arrives = model.inflow.as_ref().is_some_and(|f| f.initial[s] > 0.0);
            (model.initial_counts[s] > 0)
                .then_some(0)
                .or(arrives.then_some(1))
        })
        .collect();
    let edge = |i: usize, j: usize| {
        model.transitions[i][j] > 0.0 || (i == from && targets.iter().any(|t| t.state == j))
    };
    // Shortest paths by relaxation from the previous round's depths (n rounds suffice).
    for _ in 0..n {
        let prev = depth.clone();
        for (j, dj) in depth.iter_mut().enumerate() {
            let best = (0..n)
                .filter_map(|i| prev[i].filter(|_| edge(i, j)).map(|d| d + 1))
                .min();
            if let Some(b) = best.filter(|&b| dj.is_none_or(|x| x > b)) {
                *dj = Some(b);
            }
        }
    }
    depth
}

/// The fitted row and how well it meets the targets.
#[derive(Debug, Clone)]
pub struct Fit {
    /// Fitted probabilities by destination state index (untargeted ones unchanged).
    pub row: Vec<f64>,
    /// The fitted share of each target, in target order.
    pub fitted: Vec<f64>,
}

struct Problem<'a> {
    model: &'a Model,
    from: usize,
    dests: Vec<usize>,
    fixed: f64,
    targets: &'a [Target],
}

impl Problem<'_> {
    fn row(&self, theta: &[f64]) -> Vec<f64> {
        let mut row = self.model.transitions[self.from].clone();
        let denom = 1.0 + theta.iter().map(|t| t.exp()).sum::<f64>();
        for (&j, t) in self.dests.iter().zip(theta) {
            row[j] = (1.0 - self.fixed) * t.exp() / denom;
        }
        row
    }

    fn shares(&self, row: &[f64]) -> Vec<f64> {
        let mut m = self.model.clone();
        m.transitions[self.from] = row.to_vec();
        let e = crate::expect::expect(&m).expect("checked: no interventions");
        self.targets
            .iter()
            .map(|t| {
                let rec = e.record(0, t.month as usize - 1);
                rec[t.state] / rec[..m.states.len()].iter().sum::<f64>()
            })
            .collect()
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, theta: &Vec<f64>) -> std::result::Result<f64, argmin::core::Error> {
        let fitted = self.shares(&self.row(theta));
        Ok(self
            .targets
            .iter()
            .zip(&fitted)
            .map(|(t, f)| t.weight * (f - t.share).powi(2))
            .sum())
    }
}

/// Fit the exits of state `from` in `model`'s baseline to `targets` (checked with [`check`]).
pub fn fit(model: &Model, from: usize, targets: &[Target]) -> Result<Fit> {
    let mut base = model.clone();
    base.arms.truncate(1);
    base.arms[0].interventions.clear();
    base.interventions.clear();
    let mut dests: Vec<usize> = targets
        .iter()
        .map(|t| t.state)
        .filter(|&s| s != from)
        .collect();
    dests.sort_unstable();
    dests.dedup();
    if dests.is_empty() {
        return Err(Error::usage(
            "--targets",
            "no target names a state the fitted row leads to",
        ));
    }
    let row = &base.transitions[from];
    let fixed: f64 = (0..row.len())
        .filter(|j| !dests.contains(j))
        .map(|j| row[j])
        .sum();
    let stay = (1.0 - row.iter().sum::<f64>()).max(1e-6);
    let theta0: Vec<f64> = dests
        .iter()
        .map(|&j| (row[j].max(1e-3) / stay).ln())
        .collect();
    let mut simplex = vec![theta0.clone()];
    for i in 0..theta0.len() {
        let mut v = theta0.clone();
        v[i] += 1.0;
        simplex.push(v);
    }
    let problem = Problem {
        model: &base,
        from,
        dests: dests.clone(),
        fixed,
        targets,
    };
    let solver = NelderMead::new(simplex)
        .with_sd_tolerance(1e-14)
        .map_err(|e| Error::usage("calibrate", e.to_string()))?;
    let result = Executor::new(problem, solver)
        .configure(|s| s.max_iters(5000))
        .run()
        .map_err(|e| Error::usage("calibrate", e.to_string()))?;
    let theta = result.state().get_best_param().cloned().unwrap_or(theta0);
    let problem = Problem {
        model: &base,
        from,
        dests,
        fixed,
        targets,
    };
    let row = problem.row(&theta);
    Ok(Fit {
        fitted: problem.shares(&row),
        row,
    })
}
