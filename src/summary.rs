//! From trials to what people read: monthly bands, one row per trial, one summary per arm.

use rayon::prelude::*;

use crate::economics::Money;
use crate::engine::{Field, Results};
use crate::model::Model;
use crate::stats::{self, Band};

/// A quantity reported month by month in `bands.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Citizens in a state after the month's moves.
    Occupancy(usize),
    /// c_t, citizens in case states at the start of the month.
    Cases,
    /// Cases per caseworker.
    Caseload,
    /// Caseworkers.
    Caseworkers,
    /// Discounted net expenditure, kr.
    Expenditure,
    /// Discounted savings against the baseline, kr.
    Savings,
    /// Cumulative discounted savings, kr.
    SavingsCumulative,
}

impl Metric {
    /// Every metric of `model`, in output order.
    pub fn all(model: &Model) -> Vec<Metric> {
        let mut v: Vec<Metric> = (0..model.states.len()).map(Metric::Occupancy).collect();
        v.extend([
            Metric::Cases,
            Metric::Caseload,
            Metric::Caseworkers,
            Metric::Expenditure,
            Metric::Savings,
            Metric::SavingsCumulative,
        ]);
        v
    }

    /// Name in `bands.csv`, e.g. `occupancy:job`.
    pub fn name(self, model: &Model) -> String {
        match self {
            Metric::Occupancy(s) => format!("occupancy:{}", model.states[s].id),
            Metric::Cases => "cases".into(),
            Metric::Caseload => "caseload".into(),
            Metric::Caseworkers => "caseworkers".into(),
            Metric::Expenditure => "expenditure".into(),
            Metric::Savings => "savings".into(),
            Metric::SavingsCumulative => "savings_cumulative".into(),
        }
    }

    fn value(self, r: &Results, money: &Money, trial: usize, arm: usize, m: usize) -> f64 {
        match self {
            Metric::Occupancy(s) => r.occupancy(trial, arm, m, s),
            Metric::Cases => r.field(trial, arm, m, Field::Cases),
            Metric::Caseload => r.field(trial, arm, m, Field::Caseload),
            Metric::Caseworkers => r.field(trial, arm, m, Field::Caseworkers),
            Metric::Expenditure => money.expenditure(trial, arm, m),
            Metric::Savings => money.savings(trial, arm, m),
            Metric::SavingsCumulative => money.cumulative(trial, arm, m),
        }
    }
}

/// One row of `bands.csv`.
#[derive(Debug, Clone)]
pub struct BandRow {
    /// Arm index (0 = baseline).
    pub arm: usize,
    /// Month, 1-based.
    pub month: u32,
    /// What is measured.
    pub metric: Metric,
    /// Its distribution across trials.
    pub band: Band,
}

/// One row of `trials.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialRow {
    /// Trial index, 0-based.
    pub trial: u32,
    /// Arm index (0 = baseline).
    pub arm: usize,
    /// Σ discounted expenditure over the horizon, kr.
    pub expenditure_total: f64,
    /// Σ discounted savings over the horizon, kr. (0 for the baseline).
    pub savings_total: f64,
    /// Break-even month, if any.
    pub breakeven_month: Option<u32>,
}

/// The headline figures of one arm against the baseline.
#[derive(Debug, Clone)]
pub struct ArmSummary {
    /// Arm index (0 = baseline).
    pub arm: usize,
    /// Distribution of total discounted expenditure, kr.
    pub expenditure_total: Band,
    /// Distribution of total discounted savings, kr.
    pub savings_total: Band,
    /// P(total savings > 0).
    pub p_gain: f64,
    /// Median break-even month ([`stats::median_month`]).
    pub breakeven_p50: Option<u32>,
    /// P(break-even within the horizon).
    pub p_breakeven: f64,
    /// Mean caseworkers over months and trials.
    pub caseworkers_mean: f64,
    /// Mean caseload over months and trials.
    pub caseload_mean: f64,
    /// Mean occupancy by state in the last month.
    pub occupancy_end: Vec<f64>,
}

/// Everything `run` reports.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Arm × month × metric bands.
    pub bands: Vec<BandRow>,
    /// Trial × arm rows.
    pub trials: Vec<TrialRow>,
    /// One per arm, baseline first.
    pub arms: Vec<ArmSummary>,
}

impl Analysis {
    /// Analyse a run of `model`: bands, trial rows and arm summaries.
    pub fn new(model: &Model, results: &Results) -> Analysis {
        let money = Money::new(model, results);
        let (trials, arms) = summarise(model, results, &money);
        Analysis {
            bands: bands(model, results, &money),
            trials,
            arms,
        }
    }
}

/// Bands of every metric, arm and month (computed in parallel, returned in a fixed order).
pub fn bands(model: &Model, results: &Results, money: &Money) -> Vec<BandRow> {
    let shape = results.shape;
    let metrics = Metric::all(model);
    let mut cells = Vec::with_capacity(shape.arms * shape.months * metrics.len());
    for a in 0..shape.arms {
        for m in 0..shape.months {
            cells.extend(metrics.iter().map(|&k| (a, m, k)));
        }
    }
    cells
        .into_par_iter()
        .map(|(arm, m, metric)| {
            let mut v: Vec<f64> = (0..shape.trials)
                .map(|i| metric.value(results, money, i, arm, m))
                .collect();
            BandRow {
                arm,
                month: m as u32 + 1,
                metric,
                band: Band::of(&mut v),
            }
        })
        .collect()
}

/// Trial rows (trial-major, arms in order) and one summary per arm.
pub fn summarise(
    model: &Model,
    results: &Results,
    money: &Money,
) -> (Vec<TrialRow>, Vec<ArmSummary>) {
    let shape = results.shape;
    let trials: Vec<TrialRow> = (0..shape.trials)
        .flat_map(|i| (0..shape.arms).map(move |a| (i, a)))
        .map(|(i, a)| TrialRow {
            trial: i as u32,
            arm: a,
            expenditure_total: money.expenditure_total(i, a),
            savings_total: money.savings_total(i, a),
            breakeven_month: money.breakeven(i, a),
        })
        .collect();
    let arms = (0..shape.arms)
        .map(|a| summarise_arm(model, results, &trials, a))
        .collect();
    (trials, arms)
}

fn summarise_arm(model: &Model, results: &Results, trials: &[TrialRow], arm: usize) -> ArmSummary {
    let shape = results.shape;
    let rows: Vec<&TrialRow> = trials.iter().filter(|r| r.arm == arm).collect();
    let mut expenditure: Vec<f64> = rows.iter().map(|r| r.expenditure_total).collect();
    let mut savings: Vec<f64> = rows.iter().map(|r| r.savings_total).collect();
    let p_gain = stats::share_positive(&savings);
    let breakevens: Vec<Option<u32>> = rows.iter().map(|r| r.breakeven_month).collect();
    let p_breakeven = breakevens.iter().flatten().count() as f64 / rows.len() as f64;
    let mean_of = |field| {
        let total: f64 = (0..shape.trials)
            .flat_map(|i| (0..shape.months).map(move |m| (i, m)))
            .map(|(i, m)| results.field(i, arm, m, field))
            .sum();
        total / (shape.trials * shape.months) as f64
    };
    let last = shape.months - 1;
    let occupancy_end = (0..model.states.len())
        .map(|s| {
            (0..shape.trials)
                .map(|i| results.occupancy(i, arm, last, s))
                .sum::<f64>()
                / shape.trials as f64
        })
        .collect();
    ArmSummary {
        arm,
        expenditure_total: Band::of(&mut expenditure),
        savings_total: Band::of(&mut savings),
        p_gain,
        breakeven_p50: stats::median_month(&breakevens),
        p_breakeven,
        caseworkers_mean: mean_of(Field::Caseworkers),
        caseload_mean: mean_of(Field::Caseload),
        occupancy_end,
    }
}

/// A short description of an arm's staffing, e.g. `caseload 75` or `14 caseworkers`.
pub fn describe_staffing(s: crate::model::Staffing) -> String {
    match s {
        crate::model::Staffing::Caseload(l) => format!("caseload {l}"),
        crate::model::Staffing::Caseworkers(w) => format!("{w} caseworkers"),
    }
}
