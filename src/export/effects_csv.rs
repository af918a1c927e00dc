//! `effects.csv`: every arm's total saving with no effect, with the caseload effect at the
//! research's centre, and as the scenario assumes — from the headline's perspective.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Dialect, write_csv};
use crate::effects::EffectRow;
use crate::error::Result;
use crate::model::Model;

#[derive(serde::Serialize)]
struct Record<'a> {
    arm: &'a str,
    effect: &'static str,
    perspective: &'static str,
    savings_mean: f64,
    savings_p5: f64,
    savings_p50: f64,
    savings_p95: f64,
    p_gain: f64,
    breakeven_p50: Option<u32>,
}

/// Write `effects.csv` into `dir`.
pub fn write_effects(
    dialect: Dialect,
    dir: &Path,
    model: &Model,
    rows: &[EffectRow],
) -> Result<PathBuf> {
    write_csv(&dir.join("effects.csv"), dialect, |w| {
        effects_csv(model, rows, w)
    })
}

/// The plain CSV of [`write_effects`], to any writer: `arm,effect,perspective,savings_mean,
/// savings_p5,savings_p50,savings_p95,p_gain,breakeven_p50`, arms in order, then effects in
/// the order none, evidence, assumed.
pub fn effects_csv(model: &Model, rows: &[EffectRow], w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut sorted: Vec<&EffectRow> = rows.iter().collect();
    sorted.sort_by_key(|r| (r.arm, r.effect as u8));
    for r in sorted {
        out.serialize(Record {
            arm: &model.arms[r.arm].name,
            effect: r.effect.id(),
            perspective: model.headline.id(),
            savings_mean: super::ore(r.savings.mean),
            savings_p5: super::ore(r.savings.at(0.05)),
            savings_p50: super::ore(r.savings.at(0.5)),
            savings_p95: super::ore(r.savings.at(0.95)),
            p_gain: r.p_gain,
            breakeven_p50: r.breakeven_p50,
        })?;
    }
    out.flush()
}
