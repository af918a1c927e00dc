//! The month-by-month and trial-by-trial CSV outputs of `run`: `bands.csv` and `trials.csv`,
//! with a segment dimension when the scenario has segments (the whole arm's figures unchanged).
//! Plain CSV as in [`super::csv_files`].

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::model::Model;
use crate::stats::{Band, PERCENTILE_NAMES};
use crate::summary::Analysis;
use crate::uncertainty::Uncertainty;

use super::csv_files::{csv_writer, opt};
use super::{Dialect, ore, write_csv};

/// A band's mean, sd and percentiles; amounts (`money`) rounded to øre.
fn band_fields(b: &Band, money: bool) -> impl Iterator<Item = String> + '_ {
    [b.mean, b.sd]
        .into_iter()
        .chain(b.quantiles)
        .map(move |x| if money { ore(x) } else { x }.to_string())
}

/// `bands.csv`: `arm,month,metric,perspective,mean,sd,p2_5,…,p97_5`, one row per arm × month ×
/// metric (× perspective for money metrics; empty for the others). With segments, a `segment`
/// column follows `arm`: the whole arm's rows first (segment empty, the same rows as without
/// segments), then each segment's rows (its citizens alone; no `caseload`, which is the arm's).
pub fn write_bands(
    dialect: Dialect,
    dir: &Path,
    model: &Model,
    analysis: &Analysis,
) -> Result<PathBuf> {
    write_csv(&dir.join("bands.csv"), dialect, |w| {
        bands_csv(model, analysis, w)
    })
}

/// The plain CSV of [`write_bands`], to any writer.
pub fn bands_csv(model: &Model, analysis: &Analysis, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv_writer(w);
    let by_segment = !analysis.by_segment.is_empty();
    let mut header = vec!["arm", "month", "metric", "perspective", "mean", "sd"];
    if by_segment {
        header.insert(1, "segment");
    }
    header.extend(PERCENTILE_NAMES);
    out.write_record(&header)?;
    let whole = analysis.bands.iter().map(|r| (None, r));
    let segments = analysis.by_segment.iter().enumerate();
    let segments = segments.flat_map(|(g, d)| d.bands.iter().map(move |r| (Some(g), r)));
    for (segment, row) in whole.chain(segments) {
        let mut rec = vec![model.arms[row.arm].name.clone()];
        if by_segment {
            rec.push(opt(segment.map(|g| &model.segments[g].id)));
        }
        rec.extend([
            row.month.to_string(),
            row.metric.name(model),
            opt(row.metric.perspective().map(|p| p.id())),
        ]);
        rec.extend(band_fields(&row.band, row.metric.perspective().is_some()));
        out.write_record(&rec)?;
    }
    out.flush()
}

/// `trials.csv`: one row per trial × arm × perspective; totals discounted, then nominal, then
/// with segments each segment's discounted totals (`expenditure_total:<segment>`,
/// `savings_total:<segment>`, adding up to the row's), then one column per sampled parameter
/// (`param:<path>`, the trial's drawn value).
pub fn write_trials(
    dialect: Dialect,
    dir: &Path,
    model: &Model,
    analysis: &Analysis,
    params: &Uncertainty,
    seed: u64,
) -> Result<PathBuf> {
    write_csv(&dir.join("trials.csv"), dialect, |w| {
        trials_csv(model, analysis, params, seed, w)
    })
}

/// The plain CSV of [`write_trials`], to any writer.
pub fn trials_csv(
    model: &Model,
    analysis: &Analysis,
    params: &Uncertainty,
    seed: u64,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = csv_writer(w);
    let mut header: Vec<String> = [
        "trial",
        "arm",
        "perspective",
        "expenditure_total",
        "savings_total",
        "expenditure_total_nominal",
        "savings_total_nominal",
        "breakeven_month",
    ]
    .map(String::from)
    .to_vec();
    for seg in model.segments.iter().take(analysis.by_segment.len()) {
        header.push(format!("expenditure_total:{}", seg.id));
        header.push(format!("savings_total:{}", seg.id));
    }
    header.extend(params.columns().iter().map(|c| format!("param:{c}")));
    out.write_record(&header)?;
    let mut drawn: (u32, Vec<String>) = (u32::MAX, Vec::new());
    for (k, r) in analysis.trials.iter().enumerate() {
        if drawn.0 != r.trial && !params.is_empty() {
            let values = params.draw(seed, r.trial as u64);
            drawn = (
                r.trial,
                values.iter().flatten().map(|x| x.to_string()).collect(),
            );
        }
        let mut rec = vec![
            r.trial.to_string(),
            model.arms[r.arm].name.clone(),
            r.perspective.id().to_string(),
        ];
        rec.extend(
            [
                r.expenditure_total,
                r.savings_total,
                r.expenditure_total_nominal,
                r.savings_total_nominal,
            ]
            .map(|x| ore(x).to_string()),
        );
        rec.push(opt(r.breakeven_month));
        for d in &analysis.by_segment {
            let own = &d.trials[k];
            debug_assert_eq!(
                (own.trial, own.arm, own.perspective),
                (r.trial, r.arm, r.perspective)
            );
            rec.extend([own.expenditure_total, own.savings_total].map(|x| ore(x).to_string()));
        }
        rec.extend(drawn.1.iter().cloned());
        out.write_record(&rec)?;
    }
    out.flush()
}
