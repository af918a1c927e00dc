//! `bridge.csv`: the bridge from the published case to kohort's headline, one row per bar,
//! with what each bar includes in the scenario's language.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Dialect, ore, write_csv};
use crate::bridge::Bridge;
use crate::error::Result;
use crate::model::Model;
use crate::words::Lang;
use crate::words::bridge as words;

#[derive(serde::Serialize)]
struct Record<'a> {
    bar: &'static str,
    label: &'a str,
    mean: f64,
    p5: Option<f64>,
    p95: Option<f64>,
    includes: String,
}

/// Write `bridge.csv` into `dir`.
pub fn write_bridge(
    dialect: Dialect,
    dir: &Path,
    (model, b, lang): (&Model, &Bridge, Lang),
) -> Result<PathBuf> {
    write_csv(&dir.join("bridge.csv"), dialect, |w| {
        bridge_csv(model, b, lang, w)
    })
}

/// The plain CSV of [`write_bridge`], to any writer: `bar,label,mean,p5,p95,includes`, kr.
/// (whole øre): the published figure, the case's own arithmetic (no interval: deterministic),
/// each step in order, and the headline. The arithmetic plus the steps' means is the
/// headline's mean.
pub fn bridge_csv(model: &Model, b: &Bridge, lang: Lang, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    for v in b.bars() {
        let (bar, mean, band) = (v.bar, v.mean, v.interval);
        out.serialize(Record {
            bar: bar.id(),
            label: words::label(lang, bar),
            mean: ore(mean),
            p5: band.map(|(lo, _)| ore(lo)),
            p95: band.map(|(_, hi)| ore(hi)),
            includes: words::includes(lang, model, b, bar),
        })?;
    }
    out.flush()
}
