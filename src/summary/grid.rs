//! The monthly bands of one view of a run — the whole arm's citizens, or one segment's — built
//! chunk by chunk of trials: one [`Sample`] per (arm, month, metric) cell.

use rayon::prelude::*;

use super::{BandRow, Metric};
use crate::economics::{Money, Perspective};
use crate::engine::{Results, Shape};
use crate::stats::Sample;

/// (arm, month index, metric) of each band, its physical metrics first, then each
/// perspective's money metrics in [`Perspective::ALL`] order.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    cells: Vec<(usize, usize, Metric)>,
    samples: Vec<Sample>,
    /// Cells before the first money cell.
    physical: usize,
}

impl Grid {
    /// The cells of `physical` metrics and every perspective's money metrics of a run shaped
    /// `shape`, each sample exact up to `exact_up_to` trials.
    pub fn new(shape: &Shape, physical: &[Metric], exact_up_to: usize) -> Grid {
        let grid = |metrics: &[Metric]| {
            let mut cells = Vec::new();
            for a in 0..shape.arms {
                for m in 0..shape.months {
                    cells.extend(metrics.iter().map(|&k| (a, m, k)));
                }
            }
            cells
        };
        let mut cells = grid(physical);
        let n_physical = cells.len();
        for p in Perspective::ALL {
            cells.extend(grid(&Metric::money(p)));
        }
        Grid {
            samples: vec![Sample::new(exact_up_to); cells.len()],
            cells,
            physical: n_physical,
        }
    }

    /// Add the chunk's physical metrics (`last`: the run's last chunk).
    pub fn add_physical(&mut self, results: &Results, last: bool) {
        let (cells, samples) = (
            &self.cells[..self.physical],
            &mut self.samples[..self.physical],
        );
        fill(results, None, cells, samples, last);
    }

    /// Add the chunk's money metrics of the `k`-th perspective, from its `money`.
    pub fn add_money(&mut self, k: usize, results: &Results, money: &Money, last: bool) {
        let per = (self.cells.len() - self.physical) / Perspective::ALL.len();
        let span = self.physical + k * per..self.physical + (k + 1) * per;
        let (cells, samples) = (&self.cells[span.clone()], &mut self.samples[span]);
        fill(results, Some(money), cells, samples, last);
    }

    /// The bands, by arm, then month, then physical metrics before each perspective's money.
    pub fn finish(&mut self) -> Vec<BandRow> {
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
        bands
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
