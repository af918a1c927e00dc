//! Savings per budget year: calendar years from the scenario's `start`, or years 1, 2, … .

use crate::economics::{Money, Perspective};
use crate::engine::Results;
use crate::model::Model;
use crate::stats::{self, Band};

/// Undiscounted savings of one arm in one budget year, from one perspective.
#[derive(Debug, Clone)]
pub struct YearRow {
    /// Arm index (≥ 1).
    pub arm: usize,
    /// Who pays.
    pub perspective: Perspective,
    /// Calendar year (from the scenario's `start`), or 1, 2, … counted from month 1.
    pub year: i32,
    /// Simulated months in that year.
    pub months: u32,
    /// Distribution of the year's undiscounted savings, kr.
    pub savings: Band,
    /// P(the year's savings > 0).
    pub p_gain: f64,
}

/// Savings per budget year of each arm but the baseline.
pub(super) fn budget_years(
    model: &Model,
    results: &Results,
    money: &Money,
    p: Perspective,
) -> Vec<YearRow> {
    let shape = results.shape;
    let year_of = |t: u32| {
        model
            .start
            .map_or(1 + (t as i32 - 1) / 12, |s| s.year_of(t))
    };
    let mut spans: Vec<(i32, std::ops::Range<usize>)> = Vec::new();
    for m in 0..shape.months {
        let y = year_of(m as u32 + 1);
        match spans.last_mut() {
            Some((year, range)) if *year == y => range.end = m + 1,
            _ => spans.push((y, m..m + 1)),
        }
    }
    let mut rows = Vec::new();
    for arm in 1..shape.arms {
        for (year, range) in &spans {
            let mut v: Vec<f64> = (0..shape.trials)
                .map(|i| money.savings_nominal_over(i, arm, range.clone()))
                .collect();
            rows.push(YearRow {
                arm,
                perspective: p,
                year: *year,
                months: range.len() as u32,
                p_gain: stats::share_positive(&v),
                savings: Band::of(&mut v),
            });
        }
    }
    rows
}
