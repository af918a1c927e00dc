//! Savings and occupancy by segment: each segment's citizens as if they were the arm's only
//! citizens (their block of the records, [`Results::segment`]), with the same money rules.
//! A segment's saving includes its citizens' benefits, tax, refusion, intervention costs and
//! its share of the caseworkers (by its share of the cases); the segments' savings add up to
//! the arm's, and so do their occupancies, cases, caseworkers and money month by month.

use super::grid::Grid;
use super::{BandRow, Metric, TrialRow, trial_rows};
use crate::economics::{Ledgers, Perspective};
use crate::engine::Results;
use crate::model::Model;
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

/// One segment's monthly bands and trial rows, shaped as the whole arm's.
#[derive(Debug, Clone)]
pub struct SegmentDetail {
    /// Arm × month × metric bands of the segment's citizens (no `caseload`: it is the arm's).
    pub bands: Vec<BandRow>,
    /// Trial × arm × perspective rows, in the order of [`super::Analysis::trials`].
    pub trials: Vec<TrialRow>,
}

/// What is kept of one segment while trials are added.
#[derive(Debug, Clone)]
struct SegmentSum {
    grid: Grid,
    /// Trial rows (every arm and perspective) in the order added.
    trials: Vec<TrialRow>,
    /// `[arm · S + s]`: Σ over trials of the occupancy after the last month.
    occupancy: Vec<f64>,
}

impl SegmentSum {
    /// Add the segment's `own` results of the trials numbered from `first` (`last`: the
    /// run's last chunk).
    fn add(&mut self, own: &Results, ledgers: &Ledgers, (first, last): (usize, bool)) {
        let shape = own.shape;
        let trials = &mut self.trials;
        self.grid.add(own, ledgers, last, |p, money| {
            trials.extend(trial_rows(own, money, p, first as u32));
        });
        for i in 0..shape.trials {
            for a in 0..shape.arms {
                for s in 0..shape.states {
                    let x = own.occupancy(i, a, shape.months - 1, s);
                    self.occupancy[a * shape.states + s] += x;
                }
            }
        }
    }
}

/// Bands, trial rows and end occupancy of every segment, added chunk by chunk.
#[derive(Debug, Clone, Default)]
pub struct SegmentSums {
    /// One per segment of the results added (none while none with segments are).
    each: Vec<SegmentSum>,
    /// The physical metrics of a segment's bands.
    physical: Vec<Metric>,
    exact_up_to: usize,
    done: usize,
}

impl SegmentSums {
    /// Empty sums for the segments of runs of `model`, band percentiles exact up to
    /// `exact_up_to` trials.
    pub fn new(model: &Model, exact_up_to: usize) -> SegmentSums {
        SegmentSums {
            each: Vec::new(),
            physical: Metric::physical_of_segment(model),
            exact_up_to,
            done: 0,
        }
    }

    /// Add the trials of `results` (no-op for results without segments, e.g. one segment's
    /// own); `last`: the run's last chunk.
    pub fn add(&mut self, results: &Results, ledgers: &Ledgers, last: bool) {
        let shape = results.shape;
        if shape.segments == 0 {
            return;
        }
        if self.each.is_empty() {
            let one = SegmentSum {
                grid: Grid::new(&shape, &self.physical, self.exact_up_to),
                trials: Vec::new(),
                occupancy: vec![0.0; shape.arms * shape.states],
            };
            self.each = vec![one; shape.segments];
        }
        for (g, sum) in self.each.iter_mut().enumerate() {
            sum.add(&results.segment(g), ledgers, (self.done, last));
        }
        self.done += shape.trials;
    }

    /// The summary rows (segment, then arm, then perspective) and each segment's detail.
    pub fn finish(self, arms: usize) -> (Vec<SegmentRow>, Vec<SegmentDetail>) {
        let mut out = Vec::new();
        let mut details = Vec::new();
        let n = self.done.max(1) as f64;
        for (g, mut sum) in self.each.into_iter().enumerate() {
            let states = sum.occupancy.len() / arms;
            for arm in 1..arms {
                for p in Perspective::ALL {
                    let mine = sum.trials.iter();
                    let mine = mine.filter(|r| r.arm == arm && r.perspective == p);
                    let (mut savings, breakevens): (Vec<f64>, Vec<Option<u32>>) =
                        mine.map(|r| (r.savings_total, r.breakeven_month)).unzip();
                    out.push(SegmentRow {
                        segment: g,
                        arm,
                        perspective: p,
                        p_gain: stats::share_positive(&savings),
                        savings_total: Band::of(&mut savings),
                        breakeven_p50: stats::median_month(&breakevens),
                        final_occupancy: sum.occupancy[arm * states..][..states]
                            .iter()
                            .map(|x| x / n)
                            .collect(),
                    });
                }
            }
            sum.trials.sort_by_key(|r| (r.trial, r.arm));
            details.push(SegmentDetail {
                bands: sum.grid.finish(),
                trials: sum.trials,
            });
        }
        (out, details)
    }
}
