//! The likelihood of observed counts under one trial's parameters.
//!
//! The exact expected trace ([`crate::expect::arm_trace`]) gives the expected counts
//! v_t(s) at the end of month t and the expected moves of month t, hence a state-level
//! transition matrix M_t(s, j) = moves_t(s → j) / Σ_j moves_t(s → j). Citizens move
//! independently given the caseload (the trace's mean field), so the counts y are a sum of
//! independent citizens' indicator vectors Z (Z_{t,s} = 1 when the citizen is in s after
//! month t), and for t ≤ u:
//!
//! - E[y_{t,s}] = v_t(s);
//! - Cov(y_{t,s}, y_{u,r}) = v_t(s) · Q_{t,u}(s, r) − Σ_g n_g p_{g,t}(s) p_{g,u}(r),
//!
//! with Q_{t,u} = M_{t+1} ⋯ M_u (Q_{t,t} = I) and the sum over groups g of a fixed number n_g
//! of citizens alike at the start (the cohort by starting state; each month's arrivals when
//! their number is fixed), p_g their state distribution. Poisson arrivals subtract nothing
//! (a compound Poisson sum). The likelihood of the observed vector y is the normal density
//! N(y; E[y], Cov(y) + I) — the identity adds a variance of one citizen² per count, as
//! rounding in the count would, and keeps the matrix invertible when a month's counts add up
//! to the cohort. Two approximations, both stated in the README: the normal for counts, and
//! the state-level chain for Cov (citizens within a state differ in intervention and clock,
//! which the mean is exact about but the covariance averages over).

use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

use crate::engine::shape;
use crate::expect::ArmTrace;
use crate::model::{Arrivals, Model};

use super::actuals::Count;

/// One trial's expected trace as a chain over states.
#[derive(Debug, Clone)]
pub struct Chain {
    n: usize,
    /// Expected counts `[month index][state]` at the end of each month.
    counts: Vec<f64>,
    /// Row-stochastic M_t, `[month index][from][to]`.
    moves: Vec<f64>,
}

impl Chain {
    /// The chain of `trace`, an arm of `model`. A state the trace leaves empty in a month
    /// moves on the model's own row at the reference caseload.
    pub fn new(model: &Model, trace: &ArmTrace) -> Chain {
        let n = model.states.len();
        let fields = shape(model, 1).fields();
        let counts = trace
            .records
            .chunks(fields)
            .flat_map(|r| r[..n].to_vec())
            .collect();
        let mut moves = trace.moves.clone();
        for row in moves.chunks_mut(n) {
            let total: f64 = row.iter().sum();
            if total > 0.0 {
                row.iter_mut().for_each(|x| *x /= total);
            }
        }
        for (k, row) in moves.chunks_mut(n).enumerate() {
            let s = k % n;
            if row.iter().all(|&x| x == 0.0) {
                let exits = &model.transitions[s];
                row.copy_from_slice(exits);
                row[s] = 1.0 - (0..n).filter(|&j| j != s).map(|j| exits[j]).sum::<f64>();
            }
        }
        Chain { n, counts, moves }
    }

    /// Expected count of `state` at the end of month index `m`.
    pub fn count(&self, m: usize, state: usize) -> f64 {
        self.counts[m * self.n + state]
    }

    /// x ← x · M of month index `m`.
    pub fn step(&self, x: &mut [f64], m: usize) {
        let n = self.n;
        let mat = &self.moves[m * n * n..][..n * n];
        let mut out = vec![0.0; n];
        for (s, &xs) in x.iter().enumerate().filter(|(_, v)| **v != 0.0) {
            for (o, &p) in out.iter_mut().zip(&mat[s * n..][..n]) {
                *o += xs * p;
            }
        }
        x.copy_from_slice(&out);
    }

    /// Log-likelihood of `obs` (sorted by month), up to a constant shared by every trial;
    /// `None` when the trace is not finite.
    pub fn log_likelihood(&self, model: &Model, obs: &[Count]) -> Option<f64> {
        let y: Vec<f64> = obs.iter().map(|c| c.count).collect();
        self.normal(model, obs)?.log_density(&y)
    }

    /// The normal approximation of the counts at `obs`'s months and states.
    pub fn normal(&self, model: &Model, obs: &[Count]) -> Option<Normal> {
        let d = obs.len();
        let mean = obs
            .iter()
            .map(|c| self.count(c.month as usize - 1, c.state));
        let mut cov = DMatrix::from_row_slice(d, d, &self.covariance(model, obs));
        for i in 0..d {
            cov[(i, i)] += 1.0;
        }
        Some(Normal {
            mean: DVector::from_iterator(d, mean),
            chol: cov.cholesky()?,
        })
    }

    /// Cov(y) of the observed entries `obs` (sorted by month), row-major d × d.
    pub fn covariance(&self, model: &Model, obs: &[Count]) -> Vec<f64> {
        let (n, d) = (self.n, obs.len());
        let mut cov = vec![0.0; d * d];
        let last = obs.last().map_or(0, |c| c.month as usize);
        // Second moments: a = diag(v_t) carried forward by Q_{t,u}.
        for (i, ci) in obs.iter().enumerate() {
            let t = ci.month as usize - 1;
            let mut row = vec![0.0; n];
            row[ci.state] = self.count(t, ci.state);
            let mut u = t;
            for (j, cj) in obs.iter().enumerate().skip(i) {
                while u + 1 < cj.month as usize {
                    self.step(&mut row, u + 1);
                    u += 1;
                }
                cov[i * d + j] += row[cj.state];
            }
        }
        // Minus Σ_g n_g p_g p_g' for each group of a fixed number of citizens.
        let groups = fixed_groups(model, last);
        for (start_month, size, start) in groups {
            let mut p = start;
            let mut q = vec![0.0; d];
            let mut m = start_month;
            for (i, c) in obs.iter().enumerate() {
                let t = c.month as usize - 1;
                if t < start_month {
                    continue;
                }
                while m <= t {
                    self.step(&mut p, m);
                    m += 1;
                }
                q[i] = p[c.state];
            }
            for i in 0..d {
                for j in i..d {
                    cov[i * d + j] -= size * q[i] * q[j];
                }
            }
        }
        for i in 0..d {
            for j in 0..i {
                cov[i * d + j] = cov[j * d + i];
            }
        }
        cov
    }
}

/// A normal distribution of observed counts, factorised once to weigh many observations.
#[derive(Debug, Clone)]
pub struct Normal {
    mean: DVector<f64>,
    chol: Cholesky<f64, Dyn>,
}

impl Normal {
    /// ln N(y; mean, Cov) + (d/2) ln 2π: −½ (y − μ)ᵀ Cov⁻¹ (y − μ) − ½ ln det Cov; `None`
    /// when not finite.
    pub fn log_density(&self, y: &[f64]) -> Option<f64> {
        let ll = -0.5 * self.distance(y) - 0.5 * self.chol.ln_determinant();
        ll.is_finite().then_some(ll)
    }

    /// The squared Mahalanobis distance (y − μ)ᵀ Cov⁻¹ (y − μ): χ² with d degrees of freedom
    /// when y is drawn from this distribution.
    pub fn distance(&self, y: &[f64]) -> f64 {
        let resid = DVector::from_column_slice(y) - &self.mean;
        resid.dot(&self.chol.solve(&resid))
    }
}

/// Groups of a fixed number of citizens alike at the start: (month index they enter, before
/// its moves; how many; their state distribution). The cohort by starting state, and each
/// month's arrivals up to month index `last` − 1 when their number is fixed.
fn fixed_groups(model: &Model, last: usize) -> Vec<(usize, f64, Vec<f64>)> {
    let n = model.states.len();
    let mut groups = Vec::new();
    for (s, &c) in model
        .initial_counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
    {
        let mut p = vec![0.0; n];
        p[s] = 1.0;
        groups.push((0, c as f64, p));
    }
    if let Some(f) = &model.inflow
        && let Arrivals::Counts(counts) = &f.arrivals
    {
        for m in 0..last {
            let c = counts[m.min(counts.len() - 1)] as f64;
            if c > 0.0 {
                groups.push((m, c, f.initial.clone()));
            }
        }
    }
    groups
}
