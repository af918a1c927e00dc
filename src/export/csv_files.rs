//! The CSV outputs of `run` and `sweep`. Plain CSV: `,` separator, `.` decimal point, UTF-8;
//! amounts in kr. rounded to whole øre, other numbers in full precision (shortest round-trip
//! form). Every row with money in it names its perspective.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::model::Model;
use crate::model::{Staffing, describe_arm_staffing};
use crate::summary::{Analysis, ArmSummary};
use crate::sweep::SweepRow;

use super::{Dialect, ore, write_csv};

pub(super) fn csv_writer(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::Writer::from_writer(w)
}

pub(super) fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Column names of `summary.csv`.
fn summary_header(model: &Model) -> Vec<String> {
    let fixed = [
        "arm",
        "label",
        "perspective",
        "staffing",
        "staffing_caseload",
        "staffing_caseworkers",
        "expenditure_total_mean",
        "savings_mean",
        "savings_nominal_mean",
        "savings_sd",
        "savings_p2_5",
        "savings_p5",
        "savings_p50",
        "savings_p95",
        "savings_p97_5",
        "p_gain",
        "breakeven_p50",
        "p_breakeven",
        "investment_mean",
        "roi",
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
        s.perspective.id().to_string(),
        describe_arm_staffing(arm),
    ];
    let (caseload, caseworkers) = match arm.staffing {
        Staffing::Caseload(l) => (Some(l), None),
        Staffing::Caseworkers(w) => (None, Some(w)),
    };
    rec.extend([opt(caseload), opt(caseworkers)]);
    rec.extend(
        [
            s.expenditure_total.mean,
            b.mean,
            s.savings_total_nominal.mean,
            b.sd,
        ]
        .into_iter()
        .chain([0.025, 0.05, 0.5, 0.95, 0.975].map(|q| b.at(q)))
        .map(|x| ore(x).to_string()),
    );
    rec.push(s.p_gain.to_string());
    rec.push(opt(s.breakeven_p50));
    rec.push(s.p_breakeven.to_string());
    rec.push(ore(s.investment_mean).to_string());
    rec.push(opt(s.roi));
    rec.extend([s.caseworkers_mean, s.caseload_mean].map(|x| x.to_string()));
    rec.extend(s.occupancy_end.iter().map(|x| x.to_string()));
    rec
}

/// `summary.csv`: one row per arm (baseline first) and perspective, in kr.
pub fn write_summary(
    dialect: Dialect,
    dir: &Path,
    model: &Model,
    analysis: &Analysis,
) -> Result<PathBuf> {
    write_csv(&dir.join("summary.csv"), dialect, |w| {
        summary_csv(model, analysis, w)
    })
}

/// The plain CSV of [`write_summary`], to any writer.
pub fn summary_csv(model: &Model, analysis: &Analysis, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv_writer(w);
    out.write_record(summary_header(model))?;
    for s in &analysis.arms {
        out.write_record(summary_record(model, s))?;
    }
    out.flush()
}

#[derive(serde::Serialize)]
struct YearRecord<'a> {
    arm: &'a str,
    perspective: &'static str,
    year: i32,
    months: u32,
    savings_mean: f64,
    savings_p5: f64,
    savings_p50: f64,
    savings_p95: f64,
    p_gain: f64,
}

/// `years.csv`: undiscounted savings per arm, perspective and budget year.
pub fn write_years(
    dialect: Dialect,
    dir: &Path,
    model: &Model,
    analysis: &Analysis,
) -> Result<PathBuf> {
    write_csv(&dir.join("years.csv"), dialect, |w| {
        years_csv(model, analysis, w)
    })
}

/// The plain CSV of [`write_years`], to any writer.
pub fn years_csv(model: &Model, analysis: &Analysis, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv_writer(w);
    for y in &analysis.years {
        out.serialize(YearRecord {
            arm: &model.arms[y.arm].name,
            perspective: y.perspective.id(),
            year: y.year,
            months: y.months,
            savings_mean: ore(y.savings.mean),
            savings_p5: ore(y.savings.at(0.05)),
            savings_p50: ore(y.savings.at(0.5)),
            savings_p95: ore(y.savings.at(0.95)),
            p_gain: y.p_gain,
        })?;
    }
    out.flush()
}

/// `sweep.csv`: one row per grid point.
pub fn write_sweep(dialect: Dialect, dir: &Path, rows: &[SweepRow]) -> Result<PathBuf> {
    write_csv(&dir.join("sweep.csv"), dialect, |w| sweep_csv(rows, w))
}

/// The plain CSV of [`write_sweep`], to any writer.
pub fn sweep_csv(rows: &[SweepRow], w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv_writer(w);
    for r in rows {
        out.serialize(SweepRow {
            savings_mean: ore(r.savings_mean),
            savings_p5: ore(r.savings_p5),
            savings_p50: ore(r.savings_p50),
            savings_p95: ore(r.savings_p95),
            ..r.clone()
        })?;
    }
    out.flush()
}

#[derive(serde::Serialize)]
struct TornadoRecord<'a> {
    arm: &'a str,
    perspective: &'static str,
    #[serde(flatten)]
    row: &'a crate::tornado::TornadoRow,
}

/// `tornado.csv`: one row per parameter, largest swing first.
pub fn write_tornado(
    dialect: Dialect,
    dir: &Path,
    arm: &str,
    p: crate::economics::Perspective,
    rows: &[crate::tornado::TornadoRow],
) -> Result<PathBuf> {
    write_csv(&dir.join("tornado.csv"), dialect, |w| {
        let mut out = csv_writer(w);
        out.write_record([
            "arm",
            "perspective",
            "parameter",
            "low",
            "high",
            "savings_low",
            "savings_high",
            "swing",
            "breakeven_elasticity_low",
            "breakeven_elasticity_high",
        ])?;
        for row in rows {
            let r = TornadoRecord {
                arm,
                perspective: p.id(),
                row,
            };
            out.write_record([
                r.arm.to_string(),
                r.perspective.to_string(),
                r.row.parameter.clone(),
                r.row.low.to_string(),
                r.row.high.to_string(),
                ore(r.row.savings_low).to_string(),
                ore(r.row.savings_high).to_string(),
                ore(r.row.swing).to_string(),
                r.row.breakeven_low.map_or(String::new(), |e| e.to_string()),
                r.row
                    .breakeven_high
                    .map_or(String::new(), |e| e.to_string()),
            ])?;
        }
        out.flush()
    })
}

/// `expect.csv`: `arm,month,metric,perspective,value` — expected occupancy by state, cases,
/// caseload, caseworkers, and expenditure and savings (undiscounted and discounted) per perspective.
pub fn write_expect(
    dialect: Dialect,
    dir: &Path,
    model: &Model,
    e: &crate::expect::Expectation,
) -> Result<PathBuf> {
    use crate::economics::Perspective;
    write_csv(&dir.join("expect.csv"), dialect, |w| {
        let mut out = csv_writer(w);
        out.write_record(["arm", "month", "metric", "perspective", "value"])?;
        let n = model.states.len();
        for (a, arm) in model.arms.iter().enumerate() {
            let mut cumulative = [0.0; Perspective::ALL.len()];
            for m in 0..e.shape.months {
                let rec = e.record(a, m);
                let month = (m + 1).to_string();
                let mut row = |metric: String, p: &str, v: f64| {
                    let v = if p.is_empty() { v } else { ore(v) };
                    out.write_record([arm.name.as_str(), &month, &metric, p, &v.to_string()])
                };
                for (s, st) in model.states.iter().enumerate() {
                    row(format!("occupancy:{}", st.id), "", rec[s])?;
                }
                row("cases".into(), "", rec[n])?;
                row("caseload".into(), "", rec[n + 1])?;
                row("caseworkers".into(), "", rec[n + 2])?;
                for (i, p) in Perspective::ALL.into_iter().enumerate() {
                    let x = e.expenditure(p, a, m);
                    let saving = e.expenditure(p, 0, m) - x;
                    cumulative[i] += saving * e.ledger.discount[m];
                    row("expenditure_nominal".into(), p.id(), x)?;
                    row("savings_nominal".into(), p.id(), saving)?;
                    row("savings_cumulative".into(), p.id(), cumulative[i])?;
                }
            }
        }
        out.flush()
    })
}
