//! What a simulation will need, known before it starts: memory (bytes) and work
//! (agent-months), so an impossible run is refused with advice instead of aborting an hour in,
//! and a long one says how long.
//!
//! Memory of a run of T trials, A arms, H months, F fields a month, V variants (the effects
//! simulated in the same pass), N citizens at most (the cohort plus the arrivals, their Poisson
//! mean + 6 SD), W workers:
//! - the monthly records behind exact percentiles: T · A · H · F · 8 bytes, twice while the
//!   bands are built from them (each band copies its column), and the money series derived
//!   from them: T · A · H · 4 · 8 bytes;
//! - the trial rows and variant totals: T · A · (5 · 64 · (1 + G) + V · 16) bytes, with G
//!   segments (each keeps its own trial rows and money bands);
//! - each worker's citizens: N · (40 + 38 · A · V) bytes (random stream and draw, then per arm
//!   slot state, effect slot, § 6 record and clock, intervention place and a move).
//!
//! `run` analyses its trials in chunks ([`of_chunked_run`]): one chunk's records and exact
//! band values at a time, at most [`CHUNK_BYTES`], then a sketch per band (its memory set by
//! the values' range, not their number); only the trial rows grow with the number of trials.

use crate::engine::shape;
use crate::model::{Arrivals, Model};

/// Bytes and agent-months of a planned run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Need {
    /// Peak memory, bytes (an estimate from above).
    pub bytes: f64,
    /// Bytes that grow with the number of trials (the rest is per worker).
    pub bytes_per_trial: f64,
    /// Citizen-months summed over arms, variants and trials.
    pub agent_months: f64,
}

/// Citizens the largest trial may hold: the cohort and every arrival, Poisson arrivals at
/// their mean + 6 SD.
pub fn citizens(model: &Model) -> f64 {
    let h = model.months as f64;
    let arrivals = match model.inflow.as_ref().map(|f| &f.arrivals) {
        None => 0.0,
        Some(Arrivals::Poisson(m)) => m * h + 6.0 * (m * h).sqrt(),
        Some(Arrivals::Counts(c)) => (0..model.months as usize)
            .map(|k| *c.get(k).or(c.last()).unwrap_or(&0) as f64)
            .sum(),
    };
    model.cohort_size as f64 + arrivals
}

/// Bytes one chunk of a chunked run may plan for its records and exact band values.
pub const CHUNK_BYTES: f64 = 400e6;

/// Bytes a band's sketch may need (both signs' bins over the values' decades at 0.1 %:
/// 9.2 kB a decade), an estimate from above for values spanning up to 3 decades.
const SKETCH_BYTES: f64 = 2.0 * 3.0 * 9.2e3;

/// Trials per chunk of a chunked run of `model`: as many as fit in [`CHUNK_BYTES`] (at least
/// 2,000, at most 50,000, a whole thousand). Percentiles are exact up to this many trials.
pub fn chunk_trials(model: &Model) -> u32 {
    let s = shape(model, 1);
    let copies = (1 + s.segments) as f64;
    let per_trial =
        s.arms as f64 * s.months as f64 * 8.0 * (2.0 * s.fields() as f64 + 21.0 * copies);
    1000 * (CHUNK_BYTES / per_trial / 1000.0).clamp(2.0, 50.0) as u32
}

/// The need of a chunked run ([`chunk_trials`] at a time) of `trials` trials: one chunk's
/// records and band values, every trial's rows, and past one chunk a sketch per band.
pub fn of_chunked_run(model: &Model, trials: u32, variants: usize, workers: usize) -> Need {
    let chunk = chunk_trials(model).min(trials);
    let s = shape(model, 1);
    let (a, h, v) = (s.arms as f64, s.months as f64, variants as f64);
    let copies = (1 + s.segments) as f64;
    let rows = a * (5.0 * 64.0 * copies + v * 16.0);
    let in_chunk = a * h * 8.0 * (2.0 * s.fields() as f64 + 21.0 * copies);
    let bands = a * h * (s.fields() as f64 + 17.0 * copies);
    let sketches = if trials > chunk {
        bands * SKETCH_BYTES
    } else {
        0.0
    };
    let per_worker = citizens(model) * (40.0 + 38.0 * a * v);
    Need {
        bytes: chunk as f64 * in_chunk
            + trials as f64 * rows
            + sketches
            + workers as f64 * per_worker,
        bytes_per_trial: rows,
        agent_months: trials as f64 * citizens(model) * h * a * v,
    }
}

/// The need of a run summarised from one perspective chunk by chunk
/// ([`crate::summary::summarised`], as `sweep`, `compare` and `tornado` run): one chunk's
/// records, 56 bytes of trial row per trial and arm, the workers' citizens.
pub fn of_summarised_run(model: &Model, trials: u32, workers: usize) -> Need {
    let chunk = chunk_trials(model).min(trials) as f64;
    let s = shape(model, 1);
    let (a, h) = (s.arms as f64, s.months as f64);
    let in_chunk = a * h * 8.0 * 2.0 * s.fields() as f64;
    let rows = a * 64.0;
    Need {
        bytes: chunk * in_chunk
            + trials as f64 * rows
            + workers as f64 * citizens(model) * (40.0 + 38.0 * a),
        bytes_per_trial: rows,
        agent_months: trials as f64 * citizens(model) * h * a,
    }
}

/// How a command holds its trials in memory, for [`crate::budget`]'s estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// Every trial's records at once.
    Records,
    /// Chunk by chunk, with every perspective's trial rows and the bands ([`of_chunked_run`]).
    Chunked,
    /// Chunk by chunk, one perspective's trial rows ([`of_summarised_run`]).
    Summarised,
}

/// The need of `trials` trials of `model`, `variants` models a trial, on `workers` workers.
pub fn of_run(model: &Model, trials: u32, variants: usize, workers: usize) -> Need {
    let s = shape(model, 1);
    let (t, a, h, v) = (
        trials as f64,
        s.arms as f64,
        s.months as f64,
        variants as f64,
    );
    let n = citizens(model);
    let copies = (1 + s.segments) as f64;
    let per_trial = a * h * (s.fields() as f64 * 8.0 * 2.0 + 4.0 * 8.0 * copies)
        + a * (5.0 * 64.0 * copies + v * 16.0);
    let per_worker = n * (40.0 + 38.0 * a * v);
    Need {
        bytes: t * per_trial + workers as f64 * per_worker,
        bytes_per_trial: per_trial,
        agent_months: t * n * h * a * v,
    }
}

impl Need {
    /// The most trials whose need fits in `bytes`, given the per-worker part.
    pub fn trials_fitting(&self, trials: u32, bytes: f64) -> u64 {
        let fixed = self.bytes - trials as f64 * self.bytes_per_trial;
        ((bytes - fixed) / self.bytes_per_trial).max(0.0) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_dominate_and_scale_with_trials() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/example.toml"),
        )
        .unwrap();
        let model = crate::scenario::parse("example.toml", &text).unwrap();
        let one = of_run(&model, 1000, 3, 2);
        let two = of_run(&model, 2000, 3, 2);
        // 2 arms × 48 months × (5 states + 6 fields) × 8 bytes × 2, + money, + rows.
        let per_trial = 2.0 * 48.0 * (11.0 * 16.0 + 32.0) + 2.0 * (320.0 + 48.0);
        assert_eq!(one.bytes_per_trial, per_trial);
        assert!((two.bytes - one.bytes - 1000.0 * per_trial).abs() < 1e-6);
        assert_eq!(one.agent_months, 1000.0 * 500.0 * 48.0 * 2.0 * 3.0);
        assert_eq!(one.trials_fitting(1000, one.bytes), 1000);
    }

    /// A chunked run's memory grows only by its trial rows: the records and band values of
    /// one chunk, then a sketch per band, whatever the number of trials.
    #[test]
    fn a_chunked_run_needs_one_chunk_and_the_rows() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/silkeborg.toml");
        let model = crate::scenario::load(&path).unwrap();
        let chunk = chunk_trials(&model);
        assert_eq!(chunk % 1000, 0);
        let at = |t: u32| of_chunked_run(&model, t, 3, 2).bytes;
        assert!(at(chunk) <= CHUNK_BYTES * 1.05 + 50e6, "{}", at(chunk));
        let rows = 2.0 * (5.0 * 64.0 + 3.0 * 16.0);
        let grows = at(300_000) - at(100_000);
        assert!((grows - 200_000.0 * rows).abs() < 1.0, "{grows}");
        assert!(at(300_000) < 1e9);
        assert!(
            of_run(&model, 300_000, 3, 2).bytes > 5e9,
            "all records at once"
        );
    }
}
