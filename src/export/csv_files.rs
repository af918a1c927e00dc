//! The CSV outputs of `run` and `sweep`. Plain CSV: `,` separator, `.` decimal point, UTF-8;
//! numbers in full precision (shortest round-trip form), amounts in kr.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::model::Model;
use crate::stats::{Band, PERCENTILE_NAMES};
use crate::summary::{Analysis, ArmSummary};
use crate::sweep::SweepRow;

use super::write_atomic;

fn csv_writer(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::Writer::from_writer(w)
}

fn band_fields(b: &Band) -> impl Iterator<Item = String> + '_ {
    [b.mean, b.sd]
        .into_iter()
        .chain(b.quantiles)
        .map(|x| x.to_string())
}

/// `bands.csv`: `arm,month,metric,mean,sd,p2_5,…,p97_5`, one row per arm × month × metric.
pub fn write_bands(dir: &Path, model: &Model, analysis: &Analysis) -> Result<PathBuf> {
    write_atomic(&dir.join("bands.csv"), |w| {
        let mut out = csv_writer(w);
        let mut header = vec!["arm", "month", "metric", "mean", "sd"];
        header.extend(PERCENTILE_NAMES);
        out.write_record(&header)?;
        for row in &analysis.bands {
            let mut rec = vec![
                model.arms[row.arm].name.clone(),
                row.month.to_string(),
                row.metric.name(model),
            ];
            rec.extend(band_fields(&row.band));
            out.write_record(&rec)?;
        }
        out.flush()
    })
}

#[derive(serde::Serialize)]
struct TrialRecord<'a> {
    trial: u32,
    arm: &'a str,
    expenditure_total: f64,
    savings_total: f64,
    breakeven_month: Option<u32>,
}

/// `trials.csv`: `trial,arm,expenditure_total,savings_total,breakeven_month`.
pub fn write_trials(dir: &Path, model: &Model, analysis: &Analysis) -> Result<PathBuf> {
    write_atomic(&dir.join("trials.csv"), |w| {
        let mut out = csv_writer(w);
        for r in &analysis.trials {
            out.serialize(TrialRecord {
                trial: r.trial,
                arm: &model.arms[r.arm].name,
                expenditure_total: r.expenditure_total,
                savings_total: r.savings_total,
                breakeven_month: r.breakeven_month,
            })?;
        }
        out.flush()
    })
}

/// Column names of `summary.csv`.
fn summary_header(model: &Model) -> Vec<String> {
    let fixed = [
        "arm",
        "label",
        "staffing",
        "expenditure_total_mean",
        "savings_mean",
        "savings_sd",
        "savings_p2_5",
        "savings_p5",
        "savings_p50",
        "savings_p95",
        "savings_p97_5",
        "p_gain",
        "breakeven_p50",
        "p_breakeven",
        "caseworkers_mean",
        "caseload_mean",
    ];
    let mut h: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    h.extend(
        model
            .states
            .iter()
            .map(|s| format!("occupancy_end:{}", s.id)),
    );
    h
}

fn summary_record(model: &Model, s: &ArmSummary) -> Vec<String> {
    let arm = &model.arms[s.arm];
    let b = &s.savings_total;
    let mut rec = vec![
        arm.name.clone(),
        arm.label.clone(),
        crate::summary::describe_staffing(arm.staffing),
        s.expenditure_total.mean.to_string(),
    ];
    rec.extend(
        [
            b.mean,
            b.sd,
            b.at(0.025),
            b.at(0.05),
            b.at(0.5),
            b.at(0.95),
            b.at(0.975),
            s.p_gain,
        ]
        .map(|x| x.to_string()),
    );
    rec.push(s.breakeven_p50.map(|m| m.to_string()).unwrap_or_default());
    rec.extend([s.p_breakeven, s.caseworkers_mean, s.caseload_mean].map(|x| x.to_string()));
    rec.extend(s.occupancy_end.iter().map(|x| x.to_string()));
    rec
}

/// `summary.csv`: one row per arm (baseline first) with the printed summary's figures, in kr.
pub fn write_summary(dir: &Path, model: &Model, analysis: &Analysis) -> Result<PathBuf> {
    write_atomic(&dir.join("summary.csv"), |w| {
        let mut out = csv_writer(w);
        out.write_record(summary_header(model))?;
        for s in &analysis.arms {
            out.write_record(summary_record(model, s))?;
        }
        out.flush()
    })
}

/// `sweep.csv`: one row per grid point.
pub fn write_sweep(dir: &Path, rows: &[SweepRow]) -> Result<PathBuf> {
    write_atomic(&dir.join("sweep.csv"), |w| {
        let mut out = csv_writer(w);
        for r in rows {
            out.serialize(r)?;
        }
        out.flush()
    })
}
