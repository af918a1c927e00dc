//! The monthly bands of one view of a run — the whole arm's citizens, or one segment's — built
//! chunk by chunk of trials: one [`Sample`] per (arm, month, metric) cell.

use rayon::prelude::*;

use super::{BandRow, Metric};
use crate::economics::{Ledgers, Money, Perspective};
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

    /// Add a chunk of trials, `results` with their money on `ledgers` (`last`: the run's last
    /// chunk): the physical metrics, then each perspective's money metrics; `with` gets each
    /// perspective's money in turn, for what else is built from it (trial rows, years).
    pub fn add(
        &mut self,
        results: &Results,
        ledgers: &Ledgers,
        last: bool,
        mut with: impl FnMut(Perspective, &Money),
    ) {
        let per = (self.cells.len() - self.physical) / Perspective::ALL.len();
        let (cells, samples) = (
            &self.cells[..self.physical],
            &mut self.samples[..self.physical],
        );
        fill(results, None, cells, samples, last);
        for (k, p) in Perspective::ALL.into_iter().enumerate() {
            let money = Money::new(results, ledgers, p);
            let span = self.physical + k * per..self.physical + (k + 1) * per;
            let (cells, samples) = (&self.cells[span.clone()], &mut self.samples[span]);
            fill(results, Some(&money), cells, samples, last);
            with(p, &money);
        }
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
