//! A sample built chunk by chunk, in bounded memory: exact while it holds at most a bound of
//! values, then a quantile sketch.
//!
//! Exact: the values themselves, so [`Sample::band`] is [`Band::of`] to the bit. Past the bound
//! the values go into a DDSketch (Masson, Rim & Lee 2019, VLDB 12(12)), whose memory depends on
//! the values' range, not their number: each percentile it gives is within
//! [`SKETCH_ACCURACY`] (relative) of the value of the trial at that rank, clamped to the
//! sample's exact minimum and maximum (a constant quantity stays exact) and, for counts, to a
//! whole number (exact below 500). The mean and standard
//! deviation stay exact up to rounding (Chan et al.'s pairwise update of n, mean and M₂).

use sketches_ddsketch::{Config, DDSketch};

use super::{Band, PERCENTILES};

/// Relative accuracy of a percentile read from the sketch: 0.1 %.
pub const SKETCH_ACCURACY: f64 = 0.001;

/// Values closer to 0 than this count as 0 in the sketch (kr., persons or cases: far below
/// anything reported).
const SKETCH_ZERO: f64 = 0.01;

/// Bins of each sign's store; at 0.1 % they span 0.01 to 10¹² without collapsing.
const SKETCH_BINS: u32 = 16_384;

/// One quantity's values across trials.
#[derive(Debug, Clone)]
pub struct Sample {
    n: usize,
    mean: f64,
    m2: f64,
    positive: usize,
    exact_up_to: usize,
    store: Store,
}

#[derive(Debug, Clone)]
enum Store {
    Exact(Vec<f64>),
    Sketch(Box<Sketch>),
    /// Exact and complete: the band, the values dropped.
    Settled(Band),
}

#[derive(Clone)]
struct Sketch {
    sketch: DDSketch,
    min: f64,
    max: f64,
    /// Whether every value is a whole number (a count): percentiles are rounded to one.
    whole: bool,
}

impl std::fmt::Debug for Sketch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sketch({} values)", self.sketch.count())
    }
}

impl Sample {
    /// An empty sample, exact for up to `exact_up_to` values.
    pub fn new(exact_up_to: usize) -> Sample {
        Sample {
            n: 0,
            mean: 0.0,
            m2: 0.0,
            positive: 0,
            exact_up_to,
            store: Store::Exact(Vec::new()),
        }
    }

    /// Add `values` (one chunk of trials, in trial order).
    pub fn extend(&mut self, values: &[f64]) {
        if values.is_empty() {
            return;
        }
        let (n_b, mean_b) = (
            values.len() as f64,
            values.iter().sum::<f64>() / values.len() as f64,
        );
        let m2_b: f64 = values.iter().map(|v| (v - mean_b) * (v - mean_b)).sum();
        let n_a = self.n as f64;
        let delta = mean_b - self.mean;
        let n = n_a + n_b;
        self.mean += delta * n_b / n;
        self.m2 += m2_b + delta * delta * n_a * n_b / n;
        self.n += values.len();
        self.positive += values.iter().filter(|&&v| v > 0.0).count();
        assert!(
            !matches!(self.store, Store::Settled(_)),
            "a settled sample takes no more values"
        );
        if let Store::Exact(kept) = &mut self.store {
            if self.n <= self.exact_up_to {
                kept.extend_from_slice(values);
                return;
            }
            let kept = std::mem::take(kept);
            self.store = Store::Sketch(Box::new(Sketch::of(&kept)));
        }
        if let Store::Sketch(s) = &mut self.store {
            s.add(values);
        }
    }

    /// Whether the percentiles are exact (no more values than the bound).
    pub fn is_exact(&self) -> bool {
        !matches!(self.store, Store::Sketch(_))
    }

    /// Declare the sample complete: an exact sample computes its band now and drops its values
    /// (so a run analysed in one chunk holds one band's values at a time). No value may be
    /// added after.
    pub fn settle(&mut self) {
        if let Store::Exact(values) = &mut self.store {
            self.store = Store::Settled(Band::of(values));
        }
    }

    /// Share of the values strictly above 0.
    pub fn share_positive(&self) -> f64 {
        self.positive as f64 / self.n as f64
    }

    /// The band: [`Band::of`] the values while exact, else the running mean and sd and the
    /// sketch's percentiles. Panics on an empty sample.
    pub fn band(&mut self) -> Band {
        match &mut self.store {
            Store::Exact(values) => Band::of(values),
            Store::Settled(band) => *band,
            Store::Sketch(s) => Band {
                mean: self.mean,
                sd: (self.m2 / (self.n as f64 - 1.0)).sqrt(),
                quantiles: PERCENTILES.map(|p| s.quantile(p)),
            },
        }
    }
}

impl Sketch {
    fn of(values: &[f64]) -> Sketch {
        let mut s = Sketch {
            sketch: DDSketch::new(Config::new(SKETCH_ACCURACY, SKETCH_BINS, SKETCH_ZERO)),
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            whole: true,
        };
        s.add(values);
        s
    }

    fn add(&mut self, values: &[f64]) {
        for &v in values {
            self.sketch.add(v);
            self.min = self.min.min(v);
            self.max = self.max.max(v);
            self.whole &= v.fract() == 0.0;
        }
    }

    fn quantile(&self, p: f64) -> f64 {
        let q = self.sketch.quantile(p).ok().flatten().unwrap_or(f64::NAN);
        let q = if self.whole { q.round() } else { q };
        q.clamp(self.min, self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    #[test]
    fn exact_up_to_the_bound_is_band_of() {
        let values: Vec<f64> = (0..1000)
            .map(|i| ((i * 7919) % 1000) as f64 - 300.5)
            .collect();
        let mut s = Sample::new(1000);
        for chunk in values.chunks(300) {
            s.extend(chunk);
        }
        assert!(s.is_exact());
        assert_eq!(s.band(), Band::of(&mut values.clone()));
        assert_eq!(s.share_positive(), 699.0 / 1000.0);
        let mut s = Sample::new(1000);
        s.extend(&values);
        s.settle();
        assert!(s.is_exact());
        assert_eq!(
            s.band(),
            Band::of(&mut values.clone()),
            "settled: the same band"
        );
    }

    /// Past the bound: every percentile within 0.1 % (relative) of the exact value at the
    /// sketch's rank, ⌊p·(n − 1)⌋, which lies within one value of type 8's; mean and sd within
    /// 1e-9 relative of the exact ones. Fixed seed; money-like values of both signs.
    #[test]
    fn past_the_bound_percentiles_are_within_the_stated_accuracy() {
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7);
        let values: Vec<f64> = (0..100_000)
            .map(|_| 2.0e6 * (rng.random::<f64>() - 0.3) + 1.0e5 * rng.random::<f64>())
            .collect();
        let mut s = Sample::new(10_000);
        for chunk in values.chunks(10_000) {
            s.extend(chunk);
        }
        assert!(!s.is_exact());
        let band = s.band();
        let exact = Band::of(&mut values.clone());
        let mut sorted = values.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        for (p, q) in PERCENTILES.iter().zip(band.quantiles) {
            let at_rank = sorted[(p * (sorted.len() - 1) as f64) as usize];
            assert!(
                (q - at_rank).abs() <= SKETCH_ACCURACY * at_rank.abs() + SKETCH_ZERO,
                "p {p}: {q} vs {at_rank}"
            );
        }
        assert!((band.mean - exact.mean).abs() <= 1e-9 * exact.mean.abs());
        assert!((band.sd - exact.sd).abs() <= 1e-9 * exact.sd);
    }

    #[test]
    fn counts_below_500_stay_exact_in_the_sketch() {
        let values: Vec<f64> = (0..50_000).map(|i| ((i * 7919) % 499) as f64).collect();
        let mut s = Sample::new(1000);
        for chunk in values.chunks(1000) {
            s.extend(chunk);
        }
        let mut sorted = values.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        for (p, q) in PERCENTILES.iter().zip(s.band().quantiles) {
            assert_eq!(q, sorted[(p * (sorted.len() - 1) as f64) as usize], "p {p}");
        }
    }

    #[test]
    fn a_constant_stays_exact_in_the_sketch() {
        let mut s = Sample::new(10);
        s.extend(&[4.0; 25]);
        assert!(!s.is_exact());
        let band = s.band();
        assert_eq!(band.quantiles, [4.0; 7]);
        assert_eq!(band.sd, 0.0);
    }
}
