//! Savings per budget year: calendar years from the scenario's `start`, or years 1, 2, … .

use std::ops::Range;

use crate::economics::{Money, Perspective};
use crate::engine::Shape;
use crate::model::Model;
use crate::stats::{Band, Sample};

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

/// The budget years of a `months`-month horizon: each year and its months (0-based indices).
pub(super) fn spans(model: &Model, months: usize) -> Vec<(i32, Range<usize>)> {
    let year_of = |t: u32| {
        model
            .start
            .map_or(1 + (t as i32 - 1) / 12, |s| s.year_of(t))
    };
    let mut spans: Vec<(i32, Range<usize>)> = Vec::new();
    for m in 0..months {
        let y = year_of(m as u32 + 1);
        match spans.last_mut() {
            Some((year, range)) if *year == y => range.end = m + 1,
            _ => spans.push((y, m..m + 1)),
        }
    }
    spans
}

/// One budget year's savings of one arm from one perspective, added to chunk by chunk.
#[derive(Debug, Clone)]
pub(super) struct YearSample {
    arm: usize,
    perspective: Perspective,
    year: i32,
    months: Range<usize>,
    savings: Sample,
}

impl YearSample {
    /// One per arm but the baseline and budget year, from perspective `p`.
    pub(super) fn all(model: &Model, shape: &Shape, p: Perspective, exact: usize) -> Vec<Self> {
        let spans = spans(model, shape.months);
        (1..shape.arms)
            .flat_map(|arm| {
                spans.iter().map(move |(year, months)| YearSample {
                    arm,
                    perspective: p,
                    year: *year,
                    months: months.clone(),
                    savings: Sample::new(exact),
                })
            })
            .collect()
    }

    /// Add the trials of `money` (its perspective must be this one's); `last`: no more come.
    pub(super) fn add(&mut self, money: &Money, trials: usize, last: bool) {
        let v: Vec<f64> = (0..trials)
            .map(|i| money.savings_nominal_over(i, self.arm, self.months.clone()))
            .collect();
        self.savings.extend(&v);
        if last {
            self.savings.settle();
        }
    }

    /// Who pays.
    pub(super) fn perspective(&self) -> Perspective {
        self.perspective
    }

    pub(super) fn row(&mut self) -> YearRow {
        YearRow {
            arm: self.arm,
            perspective: self.perspective,
            year: self.year,
            months: self.months.len() as u32,
            p_gain: self.savings.share_positive(),
            savings: self.savings.band(),
        }
    }
}
