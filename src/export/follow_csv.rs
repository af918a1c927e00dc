//! A follow-up's files: `follow.csv` (each observation against the forecast) and
//! `posterior.csv` (each uncertain parameter, and the saving, before and after the update).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Dialect, ore, write_csv};
use crate::economics::Perspective;
use crate::error::Result;
use crate::follow::rows::{Observed, histogram, most_moved, telling};
use crate::follow::{CheckRow, Followed};
use crate::model::Model;
use crate::summary::Metric;

/// The metric of an observation, as in `bands.csv`: `occupancy:job`, `expenditure:kommune`.
pub fn metric(model: &Model, observed: Observed) -> String {
    match observed {
        Observed::State(s) => format!("occupancy:{}", model.states[s].id),
        Observed::Spent(p) => format!("expenditure:{}", p.id()),
    }
}

#[derive(serde::Serialize)]
struct CheckRecord {
    month: u32,
    metric: String,
    actual: f64,
    mean: f64,
    p5: f64,
    p50: f64,
    p95: f64,
    percentile: f64,
    outside_band: bool,
}

/// Write `follow.csv` and `posterior.csv` into `dir`.
pub fn write_follow(dialect: Dialect, dir: &Path, f: &Followed) -> Result<Vec<PathBuf>> {
    Ok(vec![
        write_csv(&dir.join("follow.csv"), dialect, |w| follow_csv(f, w))?,
        write_csv(&dir.join("posterior.csv"), dialect, |w| posterior_csv(f, w))?,
    ])
}

/// `month,metric,actual,mean,p5,p50,p95,percentile,outside_band`: each observation, in the
/// order counts by month and state, then expenditure; the forecast is the scenario's trials of
/// the followed arm; `percentile` is where the actual falls among them (0–100);
/// `outside_band` is true below p5 or above p95. Values rounded to 1/100.
pub fn follow_csv(f: &Followed, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    for r in &f.checks {
        out.serialize(record(&f.pair, r))?;
    }
    out.flush()
}

fn record(model: &Model, r: &CheckRow) -> CheckRecord {
    CheckRecord {
        month: r.month,
        metric: metric(model, r.observed),
        actual: ore(r.actual),
        mean: ore(r.mean),
        p5: ore(r.p5),
        p50: ore(r.p50),
        p95: ore(r.p95),
        percentile: (r.percentile * 10.0).round() / 10.0,
        outside_band: r.outside(),
    }
}

#[derive(serde::Serialize)]
struct PosteriorRecord {
    parameter: String,
    prior_mean: Option<f64>,
    prior_p5: Option<f64>,
    prior_p95: Option<f64>,
    posterior_mean: Option<f64>,
    posterior_p5: Option<f64>,
    posterior_p95: Option<f64>,
}

/// `parameter,prior_mean,prior_p5,prior_p95,posterior_mean,posterior_p5,posterior_p95`: every
/// uncertain parameter's column (as in trials.csv without `param:`); then, per perspective,
/// `savings_total:P` (the discounted total saving over the horizon, kr.), `p_gain:P` (the
/// probability of a saving > 0, in the mean columns) and `breakeven_p50:P` (the median
/// break-even month, in the mean columns; empty when the median trial never breaks even).
pub fn posterior_csv(f: &Followed, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    for p in &f.params {
        out.serialize(PosteriorRecord {
            parameter: p.name.clone(),
            prior_mean: Some(p.prior[0]),
            prior_p5: Some(p.prior[1]),
            prior_p95: Some(p.prior[2]),
            posterior_mean: Some(p.posterior[0]),
            posterior_p5: Some(p.posterior[1]),
            posterior_p95: Some(p.posterior[2]),
        })?;
    }
    for p in Perspective::ALL {
        let (a, b) = (f.prior.arm(1, p), f.updated.arm(1, p));
        let (sa, sb) = (&a.savings_total, &b.savings_total);
        out.serialize(PosteriorRecord {
            parameter: format!("savings_total:{}", p.id()),
            prior_mean: Some(ore(sa.mean)),
            prior_p5: Some(ore(sa.at(0.05))),
            prior_p95: Some(ore(sa.at(0.95))),
            posterior_mean: Some(ore(sb.mean)),
            posterior_p5: Some(ore(sb.at(0.05))),
            posterior_p95: Some(ore(sb.at(0.95))),
        })?;
        let point = |parameter: String, before: Option<f64>, after: Option<f64>| PosteriorRecord {
            parameter,
            prior_mean: before,
            prior_p5: None,
            prior_p95: None,
            posterior_mean: after,
            posterior_p5: None,
            posterior_p95: None,
        };
        out.serialize(point(
            format!("p_gain:{}", p.id()),
            Some(a.p_gain),
            Some(b.p_gain),
        ))?;
        let month = |m: Option<u32>| m.map(f64::from);
        out.serialize(point(
            format!("breakeven_p50:{}", p.id()),
            month(a.breakeven_p50),
            month(b.breakeven_p50),
        ))?;
    }
    out.flush()
}

/// The forecast's band of the count the follow-up talks about ([`telling`]), month by month
/// through twice the observed months: `month,actual,p5,p50,p95` (actual empty where not
/// observed). Nothing when no count was observed in the last month.
pub fn forecast_csv(f: &Followed, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["month", "actual", "p5", "p50", "p95"])?;
    let Some(Observed::State(s)) = telling(f).map(|r| r.observed) else {
        return out.flush();
    };
    let shown = (2 * f.actuals.last_month()).max(12).min(f.pair.months);
    let bands = f.prior.bands.iter();
    let bands = bands.filter(|r| r.arm == 1 && r.metric == Metric::Occupancy(s));
    for r in bands.take(shown as usize) {
        let actual = f
            .checks
            .iter()
            .find(|c| c.month == r.month && c.observed == Observed::State(s));
        let cell = |x: f64| ore(x).to_string();
        out.write_record([
            r.month.to_string(),
            actual.map_or(String::new(), |c| cell(c.actual)),
            cell(r.band.at(0.05)),
            cell(r.band.at(0.5)),
            cell(r.band.at(0.95)),
        ])?;
    }
    out.flush()
}

/// The total saving's distribution (headline perspective, mio. kr.) before and after, in 30
/// bins: `from,to,scenario_pct,updated_pct`.
pub fn saving_histogram_csv(f: &Followed, w: &mut dyn Write) -> std::io::Result<()> {
    let p = f.pair.headline;
    let totals = |a: &crate::summary::Analysis| -> Vec<f64> {
        let rows = a.trials.iter().filter(|t| t.arm == 1 && t.perspective == p);
        rows.map(|t| t.savings_total / 1e6).collect()
    };
    let after = totals(&f.updated);
    let even = vec![1.0 / after.len() as f64; after.len()];
    histogram_csv(&histogram(&totals(&f.prior), (&after, &even), 30), w)
}

/// The most-moved parameter's distribution before and after, in 30 bins.
pub fn parameter_histogram_csv(f: &Followed, w: &mut dyn Write) -> std::io::Result<()> {
    let rows = most_moved(f).map_or(Vec::new(), |i| {
        histogram(&f.draws[i], (&f.posterior.0[i], &f.posterior.1), 30)
    });
    histogram_csv(&rows, w)
}

fn histogram_csv(rows: &[[f64; 4]], w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["from", "to", "scenario_pct", "updated_pct"])?;
    for r in rows {
        out.write_record(r.map(|x| x.to_string()))?;
    }
    out.flush()
}
