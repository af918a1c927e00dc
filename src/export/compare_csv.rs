//! `compare.csv`: one row per scenario compared (`kohort compare`), amounts in kr. rounded to
//! øre, all from one perspective.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Dialect, ore, write_csv};
use crate::compare::CompareRow;
use crate::error::Result;

#[derive(serde::Serialize)]
struct Record<'a> {
    scenario: &'a str,
    name: &'a str,
    arm: &'a str,
    does: &'a str,
    perspective: &'static str,
    cohort: u32,
    months: u32,
    trials: u32,
    seed: u64,
    savings_mean: f64,
    savings_p5: f64,
    savings_p50: f64,
    savings_p95: f64,
    p_gain: f64,
    breakeven_p50: Option<u32>,
    investment_mean: f64,
    roi: Option<f64>,
}

/// Write `compare.csv` into `dir`.
pub fn write_compare(dialect: Dialect, dir: &Path, rows: &[CompareRow]) -> Result<PathBuf> {
    write_csv(&dir.join("compare.csv"), dialect, |w| compare_csv(rows, w))
}

/// The plain CSV of [`write_compare`], to any writer: `scenario,name,arm,does,perspective,
/// cohort,months,trials,seed,savings_mean,savings_p5,savings_p50,savings_p95,p_gain,
/// breakeven_p50,investment_mean,roi`, scenarios in the order given.
pub fn compare_csv(rows: &[CompareRow], w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    for r in rows {
        let s = &r.summary;
        let b = &s.savings_total;
        out.serialize(Record {
            scenario: &r.file,
            name: &r.name,
            arm: &r.arm,
            does: &r.does,
            perspective: s.perspective.id(),
            cohort: r.cohort,
            months: r.months,
            trials: r.trials,
            seed: r.seed,
            savings_mean: ore(b.mean),
            savings_p5: ore(b.at(0.05)),
            savings_p50: ore(b.at(0.5)),
            savings_p95: ore(b.at(0.95)),
            p_gain: s.p_gain,
            breakeven_p50: s.breakeven_p50,
            investment_mean: ore(s.investment_mean),
            roi: s.roi,
        })?;
    }
    out.flush()
}
