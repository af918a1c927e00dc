//! An [`Analysis`] built chunk by chunk of trials, so a run of any number of trials needs the
//! records of one chunk at a time: band samples stay exact up to a bound of trials (then a
//! sketch, see [`crate::stats::Sample`]), trial rows and arm sums are kept whole.

use super::arms::ArmSums;
use super::grid::Grid;
use super::segments::SegmentSums;
use super::years::YearSample;
use super::{Analysis, Metric, TrialRow, trial_rows};
use crate::economics::{Ledgers, Perspective};
use crate::engine::{self, Results};
use crate::model::Model;

/// The analysis of the trials added so far.
#[derive(Debug, Clone)]
pub struct Builder {
    /// The whole arm's monthly bands.
    grid: Grid,
    trials: Vec<TrialRow>,
    arms: Vec<ArmSums>,
    years: Vec<YearSample>,
    segments: SegmentSums,
    done: usize,
    exact_up_to: usize,
    /// Trials the whole run will have: the chunk that reaches it settles exact samples.
    total: usize,
}

impl Builder {
    /// An empty analysis of a run of `model` with `total` trials, its percentiles exact up to
    /// `exact_up_to` trials.
    pub fn new(model: &Model, exact_up_to: usize, total: usize) -> Builder {
        let shape = engine::shape(model, 1);
        let years = Perspective::ALL
            .into_iter()
            .flat_map(|p| YearSample::all(model, &shape, p, exact_up_to))
            .collect();
        Builder {
            grid: Grid::new(&shape, &Metric::physical(model), exact_up_to),
            trials: Vec::new(),
            arms: (0..shape.arms).map(|a| ArmSums::new(model, a)).collect(),
            years,
            segments: SegmentSums::new(model, exact_up_to),
            done: 0,
            exact_up_to,
            total,
        }
    }

    /// Add the next trials: `results`, a run of `model` (its trial 0 the first trial not yet
    /// added), their money on `ledgers`.
    pub fn add(&mut self, model: &Model, results: &Results, ledgers: &Ledgers) {
        let (last, first) = (self.done + results.shape.trials >= self.total, self.done);
        let (trials, years) = (&mut self.trials, &mut self.years);
        self.grid.add(results, ledgers, last, |p, money| {
            trials.extend(trial_rows(results, money, p, first as u32));
            for y in years.iter_mut().filter(|y| y.perspective() == p) {
                y.add(money, results.shape.trials, last);
            }
        });
        for arm in &mut self.arms {
            arm.add(model, results, ledgers);
        }
        self.segments.add(results, ledgers, last);
        self.done += results.shape.trials;
    }

    /// The analysis of every trial added.
    pub fn finish(mut self, model: &Model) -> Analysis {
        // Every sample holds every trial, so all turn to a sketch past the same bound.
        let sketched = (self.done > self.exact_up_to).then_some(self.exact_up_to);
        let bands = self.grid.finish();
        let mut arms = Vec::new();
        for p in Perspective::ALL {
            for sums in &self.arms {
                let rows: Vec<&TrialRow> = self
                    .trials
                    .iter()
                    .filter(|r| r.perspective == p && r.arm == sums.arm())
                    .collect();
                arms.push(sums.summary(model, &rows, p));
            }
        }
        arms.sort_by_key(|a| a.arm);
        let mut trials = self.trials;
        trials.sort_by_key(|r| (r.trial, r.arm));
        let mut years: Vec<_> = self.years.iter_mut().map(YearSample::row).collect();
        years.sort_by_key(|y| (y.arm, y.year));
        let (segments, by_segment) = self.segments.finish(model.arms.len());
        Analysis {
            segments,
            by_segment,
            bands,
            trials,
            arms,
            years,
            sketched,
        }
    }
}
