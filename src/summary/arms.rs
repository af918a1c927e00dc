//! One arm's summary against the baseline: the totals' distributions from the trial rows, and
//! the means over months and trials kept as running sums, so trials can come chunk by chunk.

use super::held::HeldCount;
use super::{ArmSummary, TrialRow};
use crate::economics::{Ledgers, Perspective};
use crate::engine::{Field, Results};
use crate::model::Model;
use crate::stats::{self, Band};

/// Running sums of one arm over the trials added so far.
#[derive(Debug, Clone)]
pub(super) struct ArmSums {
    arm: usize,
    trials: usize,
    months: usize,
    /// Σ over trials and months of the discounted extra cost against the baseline, kr.
    investment: f64,
    caseworkers: f64,
    caseload: f64,
    /// Σ over trials of the last month's occupancy, by state.
    occupancy_end: Vec<f64>,
    held: HeldCount,
}

impl ArmSums {
    pub(super) fn new(model: &Model, arm: usize) -> ArmSums {
        // -0.0 is the start of Rust's own f64 sum, so one chunk gives `Iterator::sum` exactly.
        ArmSums {
            arm,
            trials: 0,
            months: model.months as usize,
            investment: -0.0,
            caseworkers: -0.0,
            caseload: -0.0,
            occupancy_end: vec![-0.0; model.states.len()],
            held: HeldCount::new(),
        }
    }

    /// The arm summed.
    pub(super) fn arm(&self) -> usize {
        self.arm
    }

    /// Add the trials of `results`, their money on `ledgers`.
    pub(super) fn add(&mut self, model: &Model, results: &Results, ledgers: &Ledgers) {
        let (shape, arm) = (results.shape, self.arm);
        let cells = || (0..shape.trials).flat_map(|i| (0..shape.months).map(move |m| (i, m)));
        let investment = |(i, m): (usize, usize)| {
            let ledger = ledgers.get(i);
            let inv = |a| ledger.investment(&shape, results.record(i, a, m), m);
            (inv(arm) - inv(0)) * ledger.discount[m]
        };
        self.investment = cells().map(investment).fold(self.investment, |s, x| s + x);
        let field = |f: Field| move |(i, m): (usize, usize)| results.field(i, arm, m, f);
        self.caseworkers = cells()
            .map(field(Field::Caseworkers))
            .fold(self.caseworkers, |s, x| s + x);
        self.caseload = cells()
            .map(field(Field::Caseload))
            .fold(self.caseload, |s, x| s + x);
        let last = shape.months - 1;
        for (s, sum) in self.occupancy_end.iter_mut().enumerate() {
            *sum = (0..shape.trials)
                .map(|i| results.occupancy(i, arm, last, s))
                .fold(*sum, |a, x| a + x);
        }
        self.held.add(model, results, arm);
        self.trials += shape.trials;
    }

    /// The summary from perspective `p`, `rows` this arm's trial rows from `p` in trial order.
    pub(super) fn summary(&self, model: &Model, rows: &[&TrialRow], p: Perspective) -> ArmSummary {
        let collect = |f: fn(&TrialRow) -> f64| rows.iter().map(|r| f(r)).collect::<Vec<f64>>();
        let mut savings = collect(|r| r.savings_total);
        let breakevens: Vec<Option<u32>> = rows.iter().map(|r| r.breakeven_month).collect();
        let cells = (self.trials * self.months) as f64;
        let investment_mean = self.investment / cells * self.months as f64;
        ArmSummary {
            arm: self.arm,
            perspective: p,
            expenditure_total: Band::of(&mut collect(|r| r.expenditure_total)),
            savings_total_nominal: Band::of(&mut collect(|r| r.savings_total_nominal)),
            p_gain: stats::share_positive(&savings),
            savings_total: Band::of(&mut savings),
            breakeven_p50: stats::median_month(&breakevens),
            p_breakeven: breakevens.iter().flatten().count() as f64 / rows.len() as f64,
            roi: None,
            investment_mean,
            caseworkers_mean: self.caseworkers / cells,
            caseload_mean: self.caseload / cells,
            held: self.held.held(model),
            occupancy_end: self
                .occupancy_end
                .iter()
                .map(|s| s / self.trials as f64)
                .collect(),
        }
        .with_roi()
    }
}

impl ArmSummary {
    /// Return on investment: mean savings ÷ mean extra cost, when the arm costs more.
    fn with_roi(mut self) -> ArmSummary {
        self.roi =
            (self.investment_mean > 0.0).then(|| self.savings_total.mean / self.investment_mean);
        self
    }
}
