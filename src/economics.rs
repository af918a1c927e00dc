//! Money per trial: discounted expenditure, savings against the baseline and break-even.
//!
//! For trial i, arm a and month t (1-based), with undiscounted net expenditure E_{i,a,t} (kr.)
//! from the engine and d_t = (1 + r)^(−t/12):
//! - discounted expenditure  X_{i,a,t} = d_t · E_{i,a,t}
//! - savings                 S_{i,a,t} = X_{i,0,t} − X_{i,a,t}   (arm 0 is the baseline)
//! - cumulative savings      C_{i,a,t} = Σ_{k≤t} S_{i,a,k}
//!
//! Savings are paired trial by trial, so common random numbers cancel in the difference.

use crate::engine::{Field, Results, Shape};
use crate::model::Model;
use crate::stats;

/// Discounted expenditure and cumulative savings of every trial, `[trial][arm][month]`.
#[derive(Debug, Clone)]
pub struct Money {
    shape: Shape,
    discounted: Vec<f64>,
    cumulative: Vec<f64>,
}

impl Money {
    /// Derive the money series of `results` (a run of `model`).
    pub fn new(model: &Model, results: &Results) -> Money {
        let shape = results.shape;
        let discount: Vec<f64> = (1..=shape.months as u32)
            .map(|t| model.discount(t))
            .collect();
        let mut discounted = Vec::with_capacity(shape.trials * shape.arms * shape.months);
        for trial in 0..shape.trials {
            for arm in 0..shape.arms {
                for (m, d) in discount.iter().enumerate() {
                    discounted.push(d * results.field(trial, arm, m, Field::Expenditure));
                }
            }
        }
        let mut cumulative = vec![0.0; discounted.len()];
        let per_trial = shape.arms * shape.months;
        for (x, c) in discounted
            .chunks(per_trial)
            .zip(cumulative.chunks_mut(per_trial))
        {
            let (base, _) = x.split_at(shape.months);
            for (arm_x, arm_c) in x.chunks(shape.months).zip(c.chunks_mut(shape.months)) {
                let mut sum = 0.0;
                for ((b, a), out) in base.iter().zip(arm_x).zip(arm_c) {
                    sum += b - a;
                    *out = sum;
                }
            }
        }
        Money {
            shape,
            discounted,
            cumulative,
        }
    }

    fn index(&self, trial: usize, arm: usize, month: usize) -> usize {
        (trial * self.shape.arms + arm) * self.shape.months + month
    }

    /// X: discounted expenditure, kr., of month index `month` (0-based).
    pub fn expenditure(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.discounted[self.index(trial, arm, month)]
    }

    /// S: discounted savings against the baseline, kr.
    pub fn savings(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.expenditure(trial, 0, month) - self.expenditure(trial, arm, month)
    }

    /// C: cumulative discounted savings through month index `month`, kr.
    pub fn cumulative(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.cumulative[self.index(trial, arm, month)]
    }

    /// Σ_t X over the horizon, kr.
    pub fn expenditure_total(&self, trial: usize, arm: usize) -> f64 {
        let i = self.index(trial, arm, 0);
        self.discounted[i..i + self.shape.months].iter().sum()
    }

    /// C at the horizon, kr.
    pub fn savings_total(&self, trial: usize, arm: usize) -> f64 {
        self.cumulative(trial, arm, self.shape.months - 1)
    }

    /// Break-even month of an arm in a trial ([`stats::breakeven`]); `None` for the baseline,
    /// which has nothing to pay back.
    pub fn breakeven(&self, trial: usize, arm: usize) -> Option<u32> {
        if arm == 0 {
            return None;
        }
        let i = self.index(trial, arm, 0);
        stats::breakeven(&self.cumulative[i..i + self.shape.months])
    }
}
