//! Whether the actuals lie inside what the scenario allows. Two questions, each answered from
//! the likelihood the update itself uses:
//! - **Fit**: at the likeliest parameters found, is the squared Mahalanobis distance of the
//!   counts from their expectation below χ²'s 99.9th percentile (d = number of counts)? If not,
//!   no parameter values the scenario allows explain the actuals.
//! - **Conflicts**: which parameter the actuals push past its bounds. A parameter whose updated
//!   90 % interval touches a finite bound of its distribution conflicts when the likelihood
//!   rises past the bound: at the likeliest values with that parameter moved a tenth of its
//!   range beyond the bound (where the number may go at all, e.g. an elasticity below 0), the
//!   log-likelihood is higher by more than 1.92 (a likelihood-ratio test at 5 %). A parameter
//!   without bounds conflicts when its updated mean lies past the scenario's 1st or 99th
//!   percentile.

use statrs::distribution::{ChiSquared, ContinuousCDF};

use super::Count;
use super::chain::Chain;
use super::rows::ParamRow;
use super::smc::log_likelihood;
use crate::model::Model;
use crate::stats::quantile_sorted;
use crate::uncertainty::{Dist, Uncertainty};

/// Half the χ²₁ 95 % quantile: the log-likelihood gain that makes values past a bound fit
/// significantly better.
const LR_GAIN: f64 = 1.92;

/// A parameter the actuals push past what the scenario allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The parameter column's name (as in `params`).
    pub name: String,
    /// Pushed above (true) or below.
    pub above: bool,
    /// The distribution's bound the likelihood rises past, if it has one there.
    pub bound: Option<f64>,
    /// The scenario's 99th (above) or 1st (below) percentile.
    pub percentile: f64,
}

/// How well the likeliest parameters found explain the actuals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// (y − μ)ᵀ Cov⁻¹ (y − μ) at those parameters.
    pub distance: f64,
    /// Observed counts (degrees of freedom).
    pub counts: usize,
    /// χ²'s 99.9th percentile with `counts` degrees of freedom.
    pub threshold: f64,
}

impl Fit {
    /// The fit of `obs` under `model` (`None` when the trace is not finite).
    pub fn of(model: &Model, obs: &[Count]) -> Option<Fit> {
        let trace = crate::expect::arm_moves(model, 1).ok()?;
        let normal = Chain::new(model, &trace).normal(model, obs)?;
        let y: Vec<f64> = obs.iter().map(|c| c.count).collect();
        let chi = ChiSquared::new(obs.len() as f64).ok()?;
        Some(Fit {
            distance: normal.distance(&y),
            counts: obs.len(),
            threshold: chi.inverse_cdf(0.999),
        })
    }

    /// Whether the actuals are plausible under the scenario's assumptions at all.
    pub fn plausible(&self) -> bool {
        self.distance <= self.threshold
    }
}

/// The conflicts of the update `rows` (one per column) of `params` on `pair` given `obs`:
/// `prior` holds the scenario's draws by column, `best` the likeliest values found.
pub fn conflicts(
    (pair, params, obs): (&Model, &Uncertainty, &[Count]),
    prior: &[Vec<f64>],
    rows: &[ParamRow],
    best: &[Vec<f64>],
) -> Vec<Conflict> {
    let mut out = Vec::new();
    let mut column = 0;
    for (j, p) in params.params.iter().enumerate() {
        let width = p.columns.len();
        if width != 1 || matches!(p.dist, Dist::Dirichlet { .. } | Dist::Fixed(_)) {
            column += width;
            continue;
        }
        let (row, draws) = (&rows[column], &prior[column]);
        column += 1;
        let mut sorted = draws.clone();
        sorted.sort_by(f64::total_cmp);
        let (q01, q99) = (
            quantile_sorted(&sorted, 0.01),
            quantile_sorted(&sorted, 0.99),
        );
        let (lo, hi) = p.dist.support();
        let span = sorted[sorted.len() - 1] - sorted[0];
        let [mean, p5, p95] = row.posterior;
        let past = |bound: f64, beyond: f64| {
            if !p.binding.admits(beyond) {
                return false;
            }
            let at = |x: f64| {
                let mut values = best.to_vec();
                values[j] = vec![x];
                log_likelihood(pair, params, &values, obs)
            };
            at(beyond) > at(bound) + LR_GAIN
        };
        let found = if hi.is_finite() && p95 >= hi - 0.01 * span && past(hi, hi + 0.1 * span) {
            Some((true, Some(hi), q99))
        } else if lo.is_finite() && p5 <= lo + 0.01 * span && past(lo, lo - 0.1 * span) {
            Some((false, Some(lo), q01))
        } else if !hi.is_finite() && mean > q99 {
            Some((true, None, q99))
        } else if !lo.is_finite() && mean < q01 {
            Some((false, None, q01))
        } else {
            None
        };
        if let Some((above, bound, percentile)) = found {
            out.push(Conflict {
                name: row.name.clone(),
                above,
                bound,
                percentile,
            });
        }
    }
    out
}
