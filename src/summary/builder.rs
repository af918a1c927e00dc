//! An [`Analysis`] built chunk by chunk of trials, so a run of any number of trials needs the
//! records of one chunk at a time: band samples stay exact up to a bound of trials (then a
//! sketch, see [`Sample`]), trial rows and arm sums are kept whole.

use rayon::prelude::*;

use super::arms::ArmSums;
use super::segments::SegmentSums;
use super::years::YearSample;
use super::{Analysis, BandRow, Metric, TrialRow, trial_rows};
use crate::economics::{Ledgers, Money, Perspective};
use crate::engine::{self, Results};
use crate::model::Model;
use crate::stats::Sample;

/// The analysis of the trials added so far.
#[derive(Debug, Clone)]
pub struct Builder {
    /// (arm, month index, metric) of each band, physical metrics first, then each
    /// perspective's money metrics.
    cells: Vec<(usize, usize, Metric)>,
    samples: Vec<Sample>,
    /// Cells before the first money cell.
    physical: usize,
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
        let grid = |metrics: &[Metric]| {
            let mut cells = Vec::new();
            for a in 0..shape.arms {
                for m in 0..shape.months {
                    cells.extend(metrics.iter().map(|&k| (a, m, k)));
                }
            }
            cells
        };
        let mut cells = grid(&Metric::physical(model));
        let physical = cells.len();
        let mut years = Vec::new();
        for p in Perspective::ALL {
            cells.extend(grid(&Metric::money(p)));
            years.extend(YearSample::all(model, &shape, p, exact_up_to));
        }
        Builder {
            samples: vec![Sample::new(exact_up_to); cells.len()],
            cells,
            physical,
            trials: Vec::new(),
            arms: (0..shape.arms).map(|a| ArmSums::new(model, a)).collect(),
            years,
            segments: SegmentSums::default(),
            done: 0,
            exact_up_to,
            total,
        }
    }

    /// Add the next trials: `results`, a run of `model` (its trial 0 the first trial not yet
    /// added), their money on `ledgers`.
    pub fn add(&mut self, model: &Model, results: &Results, ledgers: &Ledgers) {
        let per_perspective = (self.cells.len() - self.physical) / Perspective::ALL.len();
        let last = self.done + results.shape.trials >= self.total;
        let (cells, samples) = (
            &self.cells[..self.physical],
            &mut self.samples[..self.physical],
        );
        fill(results, None, cells, samples, last);
        for (k, p) in Perspective::ALL.into_iter().enumerate() {
            let money = Money::new(results, ledgers, p);
            let span =
                self.physical + k * per_perspective..self.physical + (k + 1) * per_perspective;
            let (cells, samples) = (&self.cells[span.clone()], &mut self.samples[span]);
            fill(results, Some(&money), cells, samples, last);
            self.trials
                .extend(trial_rows(results, &money, p, self.done as u32));
            for y in self.years.iter_mut().filter(|y| y.perspective() == p) {
                y.add(&money, results.shape.trials, last);
            }
        }
        for arm in &mut self.arms {
            arm.add(model, results, ledgers);
        }
        self.segments.add(results, ledgers);
        self.done += results.shape.trials;
    }

    /// The analysis of every trial added.
    pub fn finish(mut self, model: &Model) -> Analysis {
        // Every sample holds every trial, so all turn to a sketch past the same bound.
        let sketched = (self.done > self.exact_up_to).then_some(self.exact_up_to);
        let mut bands: Vec<BandRow> = self
            .cells
            .par_iter()
            .zip(self.samples.par_iter_mut())
            .map(|(&(arm, m, metric), sample)| BandRow {
                arm,
                month: m as u32 + 1,
                metric,
                band: sample.band(),
            })
            .collect();
        let order = |m: Metric| match m.perspective() {
            None => 0,
            Some(p) => 1 + Perspective::ALL.iter().position(|&q| q == p).unwrap_or(0),
        };
        bands.sort_by_key(|r| (r.arm, r.month, order(r.metric)));
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
        Analysis {
            segments: self.segments.finish(model.arms.len()),
            bands,
            trials,
            arms,
            years,
            sketched,
        }
    }
}

/// Add the chunk's values of each of `cells` to its sample (in parallel, each sample in trial
/// order); in the `last` chunk, settle each sample at once, so exact values are held one band
/// at a time.
fn fill(
    results: &Results,
    money: Option<&Money>,
    cells: &[(usize, usize, Metric)],
    samples: &mut [Sample],
    last: bool,
) {
    cells
        .par_iter()
        .zip(samples.par_iter_mut())
        .for_each(|(&(arm, m, metric), sample)| {
            let v: Vec<f64> = (0..results.shape.trials)
                .map(|i| metric.value(results, money, i, arm, m))
                .collect();
            sample.extend(&v);
            if last {
                sample.settle();
            }
        });
}
