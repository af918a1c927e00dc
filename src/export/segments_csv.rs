//! `segments.csv`: each segment's saving per arm and perspective, and where its citizens
//! stand after the last month. Written only for a scenario with segments.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::model::Model;
use crate::stats::PERCENTILE_NAMES;
use crate::summary::Analysis;

use super::{Dialect, ore, write_csv};

/// `segments.csv` in `dir`, when the model has segments.
pub fn write_segments(
    dialect: Dialect,
    dir: &Path,
    model: &Model,
    analysis: &Analysis,
) -> Result<Option<PathBuf>> {
    if analysis.segments.is_empty() {
        return Ok(None);
    }
    let path = dir.join("segments.csv");
    write_csv(&path, dialect, |w| segments_csv(model, analysis, w)).map(Some)
}

/// The plain CSV of [`write_segments`], to any writer: `segment,label,arm,perspective,`
/// `savings_mean,savings_sd,savings_p…,p_gain,breakeven_p50`, then the mean citizens in each
/// state after the last month (`end_<state>`).
pub fn segments_csv(model: &Model, analysis: &Analysis, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header: Vec<String> = ["segment", "label", "arm", "perspective"]
        .map(String::from)
        .to_vec();
    header.extend(["savings_mean", "savings_sd"].map(String::from));
    header.extend(PERCENTILE_NAMES.iter().map(|p| format!("savings_{p}")));
    header.extend(["p_gain", "breakeven_p50"].map(String::from));
    header.extend(model.states.iter().map(|s| format!("end_{}", s.id)));
    out.write_record(&header)?;
    for r in &analysis.segments {
        let seg = &model.segments[r.segment];
        let b = &r.savings_total;
        let mut row = vec![
            seg.id.clone(),
            seg.label.clone(),
            model.arms[r.arm].name.clone(),
            r.perspective.id().to_string(),
        ];
        row.extend(
            [b.mean, b.sd]
                .into_iter()
                .chain(b.quantiles)
                .map(|x| ore(x).to_string()),
        );
        row.push(r.p_gain.to_string());
        row.push(r.breakeven_p50.map_or(String::new(), |m| m.to_string()));
        row.extend(r.final_occupancy.iter().map(|x| x.to_string()));
        out.write_record(&row)?;
    }
    out.flush()
}
