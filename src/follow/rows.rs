//! What a follow-up reports row by row: each observation against the forecast, each
//! uncertain parameter before and after; and the checks that an observation is possible.

use crate::economics::Perspective;
use crate::error::{Error, Result};
use crate::model::{Arrivals, Model};
use crate::psa::Run;
use crate::stats::quantile_sorted;
use crate::uncertainty::Uncertainty;

use super::actuals::Actuals;
use super::weights;

/// What an observation counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Observed {
    /// Citizens in a state at the end of the month.
    State(usize),
    /// Net expenditure of the month from a perspective, kr., in that month's prices.
    Spent(Perspective),
}

/// One observation against the forecast (the scenario's trials of the followed arm).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    /// Month (1-based).
    pub month: u32,
    /// What was observed.
    pub observed: Observed,
    /// The actual value.
    pub actual: f64,
    /// The forecast's mean.
    pub mean: f64,
    /// The forecast's 5th, 50th and 95th percentiles.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Where the actual falls: 100 · (trials below + ½ trials equal) / trials.
    pub percentile: f64,
}

impl CheckRow {
    /// Outside the forecast's 90 % band (below p5 or above p95).
    pub fn outside(&self) -> bool {
        self.actual < self.p5 || self.actual > self.p95
    }
}

/// One uncertain parameter's column before and after the update.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamRow {
    /// As in trials.csv's `param:` columns, without the prefix.
    pub name: String,
    /// Mean, 5th and 95th percentile over the trials.
    pub prior: [f64; 3],
    /// The same, weighted by the likelihood.
    pub posterior: [f64; 3],
}

impl ParamRow {
    /// How far the mean moved, in prior standard deviations (0 when the prior is a point).
    pub fn shift(&self, prior_sd: f64) -> f64 {
        match prior_sd > 0.0 {
            true => (self.posterior[0] - self.prior[0]).abs() / prior_sd,
            false => 0.0,
        }
    }
}

/// The rows of `actuals` against the followed arm (arm 1) of `run`.
pub fn checks(actuals: &Actuals, run: &Run) -> Vec<CheckRow> {
    let shape = run.results.shape;
    let row = |month: u32, observed, actual: f64, value: &dyn Fn(usize) -> f64| {
        let mut v: Vec<f64> = (0..shape.trials).map(value).collect();
        v.sort_by(f64::total_cmp);
        let below = v.iter().filter(|&&x| x < actual).count() as f64;
        let equal = v.iter().filter(|&&x| x == actual).count() as f64;
        CheckRow {
            month,
            observed,
            actual,
            mean: v.iter().sum::<f64>() / v.len() as f64,
            p5: quantile_sorted(&v, 0.05),
            p50: quantile_sorted(&v, 0.5),
            p95: quantile_sorted(&v, 0.95),
            percentile: 100.0 * (below + 0.5 * equal) / v.len() as f64,
        }
    };
    let mut rows: Vec<CheckRow> = actuals
        .counts
        .iter()
        .map(|c| {
            let m = c.month as usize - 1;
            let value = |k: usize| run.results.occupancy(k, 1, m, c.state);
            row(c.month, Observed::State(c.state), c.count, &value)
        })
        .collect();
    for s in &actuals.spent {
        let m = s.month as usize - 1;
        let value = |k: usize| {
            let rec = run.results.record(k, 1, m);
            run.ledgers
                .get(k)
                .expenditure(s.perspective, &shape, rec, m)
        };
        rows.push(row(s.month, Observed::Spent(s.perspective), s.kr, &value));
    }
    rows
}

/// Each parameter column's values, `[column][trial]`; `drawn[k]` is trial k's draw.
pub fn columns(params: &Uncertainty, drawn: &[Vec<Vec<f64>>]) -> Vec<Vec<f64>> {
    let mut out = Vec::new();
    for (i, p) in params.params.iter().enumerate() {
        for c in 0..p.columns.len() {
            out.push(drawn.iter().map(|d| d[i][c]).collect());
        }
    }
    out
}

/// Every parameter column before (`prior`, `[column][trial]`) and after (`posterior`:
/// `[column][draw]` with weights summing to 1).
pub fn params(
    params: &Uncertainty,
    prior: &[Vec<f64>],
    (posterior, w): (&[Vec<f64>], &[f64]),
) -> Vec<ParamRow> {
    let n = prior.first().map_or(0, Vec::len);
    let equal = vec![1.0 / n as f64; n];
    let summary = |v: &[f64], w: &[f64]| {
        [
            weights::mean(v, w),
            weights::quantile(v, w, 0.05),
            weights::quantile(v, w, 0.95),
        ]
    };
    let names = params.params.iter().flat_map(|p| p.columns.iter());
    names
        .zip(prior.iter().zip(posterior))
        .map(|(name, (before, after))| ParamRow {
            name: name.clone(),
            prior: summary(before, &equal),
            posterior: summary(after, w),
        })
        .collect()
}

/// Refuse a count larger than the cohort can be by its month (no inflow, or a fixed one).
pub fn check_possible(model: &Model, actuals: &Actuals) -> Result<()> {
    let most = |month: u32| -> Option<f64> {
        let start = model.initial_counts.iter().sum::<u32>() as f64;
        match model.inflow.as_ref().map(|f| &f.arrivals) {
            None => Some(start),
            Some(Arrivals::Counts(c)) => Some(
                start
                    + (0..month as usize)
                        .map(|m| c[m.min(c.len() - 1)] as f64)
                        .sum::<f64>(),
            ),
            Some(Arrivals::Poisson(_)) => None,
        }
    };
    for c in &actuals.counts {
        if let Some(max) = most(c.month).filter(|&max| c.count > max) {
            return Err(Error::Scenario {
                location: format!("{}:{}", actuals.file, c.line),
                message: format!(
                    "count: {} is more than the {max} citizens the cohort has by month {}",
                    c.count, c.month
                ),
            });
        }
    }
    Ok(())
}

/// Refuse a positive count in a state that no trial's expectation reaches by that month
/// (`expected` holds each trial's expected counts of the observations).
pub fn check_reachable<'a>(
    actuals: &Actuals,
    expected: impl Iterator<Item = &'a Vec<f64>>,
) -> Result<()> {
    let mut most = vec![0.0f64; actuals.counts.len()];
    for e in expected {
        most.iter_mut().zip(e).for_each(|(m, &x)| *m = m.max(x));
    }
    let zero = |(c, m): &(&super::Count, &f64)| c.count > 0.0 && **m <= 1e-12;
    if let Some((c, _)) = actuals.counts.iter().zip(&most).find(zero) {
        return Err(Error::Scenario {
            location: format!("{}:{}", actuals.file, c.line),
            message: format!(
                "count: {} citizens, but no trial of the scenario has anyone in that state after month {}",
                c.count, c.month
            ),
        });
    }
    Ok(())
}

/// The observation to talk about: of the counts in the last observed month, the one furthest
/// from the forecast's median (by percentile); the first such when tied.
pub fn telling(f: &super::Followed) -> Option<&CheckRow> {
    let last = f.actuals.last_month();
    let counts = f
        .checks
        .iter()
        .filter(|r| matches!(r.observed, Observed::State(_)));
    counts
        .filter(|r| r.month == last)
        .fold(None, |best: Option<&CheckRow>, r| match best {
            Some(b) if (b.percentile - 50.0).abs() >= (r.percentile - 50.0).abs() => Some(b),
            _ => Some(r),
        })
}

/// Two distributions of one quantity over the same `bins` bins of their joint range: `before`
/// equally weighted, `after` with weights summing to 1. Rows (bin start, bin end, % before,
/// % after).
pub fn histogram(before: &[f64], (after, w): (&[f64], &[f64]), bins: usize) -> Vec<[f64; 4]> {
    let all = before.iter().chain(after);
    let lo = all.clone().copied().fold(f64::MAX, f64::min);
    let hi = all.copied().fold(f64::MIN, f64::max);
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let bin = |x: f64| (((x - lo) / width) as usize).min(bins - 1);
    let mut rows: Vec<[f64; 4]> = (0..bins)
        .map(|k| [lo + k as f64 * width, lo + (k + 1) as f64 * width, 0.0, 0.0])
        .collect();
    for &x in before {
        rows[bin(x)][2] += 100.0 / before.len() as f64;
    }
    for (&x, &w) in after.iter().zip(w) {
        rows[bin(x)][3] += 100.0 * w;
    }
    rows
}

/// The parameter column the update moved most, in prior standard deviations.
pub fn most_moved(f: &super::Followed) -> Option<usize> {
    let sd = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt()
    };
    let shift = |i: usize| f.params[i].shift(sd(&f.draws[i]));
    (0..f.params.len()).max_by(|&a, &b| shift(a).total_cmp(&shift(b)))
}
