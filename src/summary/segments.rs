//! Savings and occupancy by segment: each segment's citizens as if they were the arm's only
//! citizens (their block of the records, [`Results::segment`]), with the same money rules.
//! A segment's saving includes its citizens' benefits, tax, refusion, intervention costs and
//! its share of the caseworkers (by its share of the cases); the segments' savings add up to
//! the arm's.

use super::{TrialRow, trial_rows};
use crate::economics::{Ledgers, Money, Perspective};
use crate::engine::Results;
use crate::stats::{self, Band};

/// One segment's saving in one arm from one perspective.
#[derive(Debug, Clone)]
pub struct SegmentRow {
    /// Segment index.
    pub segment: usize,
    /// Arm index (≥ 1; the baseline saves nothing against itself).
    pub arm: usize,
    /// Who pays.
    pub perspective: Perspective,
    /// Distribution of the segment's total discounted saving, kr.
    pub savings_total: Band,
    /// P(the segment's saving > 0).
    pub p_gain: f64,
    /// Median break-even month of the segment's cumulative saving.
    pub breakeven_p50: Option<u32>,
    /// Mean citizens of the segment in each state after the last month.
    pub final_occupancy: Vec<f64>,
}

/// Per-trial rows of every segment, added chunk by chunk.
#[derive(Debug, Clone, Default)]
pub struct SegmentSums {
    /// `[segment]`: trial rows (every arm and perspective) in trial order.
    trials: Vec<Vec<TrialRow>>,
    /// `[segment][arm · S + s]`: Σ over trials of the occupancy after the last month.
    occupancy: Vec<Vec<f64>>,
    done: usize,
}

impl SegmentSums {
    /// Add the trials of `results` (no-op without segments).
    pub fn add(&mut self, results: &Results, ledgers: &Ledgers) {
        let (g_count, shape) = (results.shape.segments, results.shape);
        if g_count == 0 {
            return;
        }
        self.trials.resize(g_count, Vec::new());
        self.occupancy
            .resize(g_count, vec![0.0; shape.arms * shape.states]);
        for g in 0..g_count {
            let own = results.segment(g);
            for p in Perspective::ALL {
                let money = Money::new(&own, ledgers, p);
                let rows = trial_rows(&own, &money, p, self.done as u32);
                self.trials[g].extend(rows);
            }
            for i in 0..shape.trials {
                for a in 0..shape.arms {
                    for s in 0..shape.states {
                        let x = own.occupancy(i, a, shape.months - 1, s);
                        self.occupancy[g][a * shape.states + s] += x;
                    }
                }
            }
        }
        self.done += shape.trials;
    }

    /// The rows: segment, then arm, then perspective.
    pub fn finish(&self, arms: usize) -> Vec<SegmentRow> {
        let mut out = Vec::new();
        let n = self.done.max(1) as f64;
        for (g, rows) in self.trials.iter().enumerate() {
            let states = self.occupancy[g].len() / arms;
            for arm in 1..arms {
                for p in Perspective::ALL {
                    let mine = rows.iter().filter(|r| r.arm == arm && r.perspective == p);
                    let (mut savings, breakevens): (Vec<f64>, Vec<Option<u32>>) =
                        mine.map(|r| (r.savings_total, r.breakeven_month)).unzip();
                    out.push(SegmentRow {
                        segment: g,
                        arm,
                        perspective: p,
                        p_gain: stats::share_positive(&savings),
                        savings_total: Band::of(&mut savings),
                        breakeven_p50: stats::median_month(&breakevens),
                        final_occupancy: self.occupancy[g][arm * states..][..states]
                            .iter()
                            .map(|x| x / n)
                            .collect(),
                    });
                }
            }
        }
        out
    }
}
