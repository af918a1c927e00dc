//! From trials to what people read: monthly bands, one row per trial, one summary per arm, and
//! savings per budget year — every money figure from each [`Perspective`].

use crate::economics::{Ledgers, Money, Perspective};
use crate::engine::{Field, Results};
use crate::model::Model;
use crate::stats::Band;

mod arms;
mod builder;
mod grid;
mod held;
mod segments;
mod summariser;
mod years;

pub use crate::psa::chunks;
use arms::ArmSums;
pub use builder::Builder;
pub use held::Held;
pub use segments::{SegmentDetail, SegmentRow};
pub use summariser::{Summariser, analysed, summarised};
pub use years::YearRow;

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
    /// Participants of an intervention at the start of the month.
    Participants(usize),
    /// Discounted net expenditure, kr.
    Expenditure(Perspective),
    /// Discounted savings against the baseline, kr.
    Savings(Perspective),
    /// Cumulative discounted savings, kr.
    SavingsCumulative(Perspective),
    /// Cumulative undiscounted savings, kr.
    SavingsCumulativeNominal(Perspective),
}

impl Metric {
    /// Metrics that need no perspective, in output order.
    pub fn physical(model: &Model) -> Vec<Metric> {
        let mut v: Vec<Metric> = (0..model.states.len()).map(Metric::Occupancy).collect();
        v.extend([Metric::Cases, Metric::Caseload, Metric::Caseworkers]);
        v.extend((0..model.interventions.len()).map(Metric::Participants));
        v
    }

    /// Metrics that need no perspective in a segment's bands: all but `caseload`, which is
    /// the arm's.
    pub fn physical_of_segment(model: &Model) -> Vec<Metric> {
        let mut v = Metric::physical(model);
        v.retain(|&m| m != Metric::Caseload);
        v
    }

    /// Money metrics of perspective `p`, in output order.
    pub fn money(p: Perspective) -> [Metric; 4] {
        [
            Metric::Expenditure(p),
            Metric::Savings(p),
            Metric::SavingsCumulative(p),
            Metric::SavingsCumulativeNominal(p),
        ]
    }

    /// Name in `bands.csv`, e.g. `occupancy:job` or `savings`.
    pub fn name(self, model: &Model) -> String {
        match self {
            Metric::Occupancy(s) => format!("occupancy:{}", model.states[s].id),
            Metric::Cases => "cases".into(),
            Metric::Caseload => "caseload".into(),
            Metric::Caseworkers => "caseworkers".into(),
            Metric::Participants(i) => format!("participants:{}", model.interventions[i].id),
            Metric::Expenditure(_) => "expenditure".into(),
            Metric::Savings(_) => "savings".into(),
            Metric::SavingsCumulative(_) => "savings_cumulative".into(),
            Metric::SavingsCumulativeNominal(_) => "savings_cumulative_nominal".into(),
        }
    }

    /// The perspective of a money metric.
    pub fn perspective(self) -> Option<Perspective> {
        match self {
            Metric::Expenditure(p)
            | Metric::Savings(p)
            | Metric::SavingsCumulative(p)
            | Metric::SavingsCumulativeNominal(p) => Some(p),
            _ => None,
        }
    }

    fn value(self, r: &Results, money: Option<&Money>, trial: usize, arm: usize, m: usize) -> f64 {
        let money = || money.expect("money metrics come with their perspective's money");
        match self {
            Metric::Occupancy(s) => r.occupancy(trial, arm, m, s),
            Metric::Cases => r.field(trial, arm, m, Field::Cases),
            Metric::Caseload => r.field(trial, arm, m, Field::Caseload),
            Metric::Caseworkers => r.field(trial, arm, m, Field::Caseworkers),
            Metric::Participants(i) => r.participants(trial, arm, m, i),
            Metric::Expenditure(_) => money().expenditure(trial, arm, m),
            Metric::Savings(_) => money().savings(trial, arm, m),
            Metric::SavingsCumulative(_) => money().cumulative(trial, arm, m),
            Metric::SavingsCumulativeNominal(_) => money().cumulative_nominal(trial, arm, m),
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

/// One row of `trials.csv`: a trial, an arm, a perspective.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialRow {
    /// Trial index, 0-based.
    pub trial: u32,
    /// Arm index (0 = baseline).
    pub arm: usize,
    /// Who pays.
    pub perspective: Perspective,
    /// Σ discounted expenditure over the horizon, kr.
    pub expenditure_total: f64,
    /// Σ discounted savings over the horizon, kr. (0 for the baseline).
    pub savings_total: f64,
    /// Σ undiscounted expenditure, kr.
    pub expenditure_total_nominal: f64,
    /// Σ undiscounted savings, kr.
    pub savings_total_nominal: f64,
    /// Break-even month (of the discounted cumulative savings), if any.
    pub breakeven_month: Option<u32>,
}

/// The headline figures of one arm against the baseline, from one perspective.
#[derive(Debug, Clone)]
pub struct ArmSummary {
    /// Arm index (0 = baseline).
    pub arm: usize,
    /// Who pays.
    pub perspective: Perspective,
    /// Distribution of total discounted expenditure, kr.
    pub expenditure_total: Band,
    /// Distribution of total discounted savings, kr.
    pub savings_total: Band,
    /// Distribution of total undiscounted savings, kr.
    pub savings_total_nominal: Band,
    /// P(total discounted savings > 0).
    pub p_gain: f64,
    /// Median break-even month ([`stats::median_month`]).
    pub breakeven_p50: Option<u32>,
    /// P(break-even within the horizon).
    pub p_breakeven: f64,
    /// Mean extra staffing and intervention cost against the baseline, discounted kr.
    pub investment_mean: f64,
    /// Return on investment: mean savings ÷ mean extra cost (`None` when the arm costs no more
    /// than the baseline).
    pub roi: Option<f64>,
    /// Mean caseworkers over months and trials.
    pub caseworkers_mean: f64,
    /// Mean caseload over months and trials.
    pub caseload_mean: f64,
    /// Where the caseload leaves the range the effect's evidence covers.
    pub held: Held,
    /// Mean occupancy by state in the last month.
    pub occupancy_end: Vec<f64>,
}

/// Everything `run` reports.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Arm × month × metric bands.
    pub bands: Vec<BandRow>,
    /// Trial × arm × perspective rows.
    pub trials: Vec<TrialRow>,
    /// One per arm and perspective, arms outermost, baseline first.
    pub arms: Vec<ArmSummary>,
    /// Per arm, perspective and budget year.
    pub years: Vec<YearRow>,
    /// `Some(n)` when the percentiles of the monthly bands and budget years are read from a
    /// sketch (more than n trials; each within [`crate::stats::SKETCH_ACCURACY`] of the exact
    /// value); `None` when every percentile is exact. Totals (summary, trials) are always exact.
    pub sketched: Option<usize>,
    /// Savings by segment, arm and perspective (empty without segments).
    pub segments: Vec<SegmentRow>,
    /// Each segment's monthly bands and trial rows (empty without segments); `bands` and
    /// `trials` above are the whole arm's, which these add up to.
    pub by_segment: Vec<SegmentDetail>,
}

impl Analysis {
    /// Analyse a run of `model`, its trials' money on `ledgers` (percentiles exact).
    pub fn new(model: &Model, results: &Results, ledgers: &Ledgers) -> Analysis {
        let mut builder = Builder::new(model, results.shape.trials, results.shape.trials);
        builder.add(model, results, ledgers);
        builder.finish(model)
    }

    /// The summary of `arm` from perspective `p`.
    pub fn arm(&self, arm: usize, p: Perspective) -> &ArmSummary {
        self.arms
            .iter()
            .find(|a| a.arm == arm && a.perspective == p)
            .expect("every arm is summarised from every perspective")
    }
}

/// Bands an analysis of `model` has: every arm × month × metric (each perspective's money
/// metrics included) of the whole arm, then of each segment.
pub fn band_count(model: &Model) -> usize {
    let shape = crate::engine::shape(model, 1);
    let money = Metric::money(Perspective::ALL[0]).len() * Perspective::ALL.len();
    let whole = Metric::physical(model).len() + money;
    let segment = Metric::physical_of_segment(model).len() + money;
    shape.arms * shape.months * (whole + shape.segments * segment)
}

/// Trial rows and arm summaries from perspective `p`.
pub fn summarise(
    model: &Model,
    results: &Results,
    ledgers: &Ledgers,
    p: Perspective,
) -> (Vec<TrialRow>, Vec<ArmSummary>) {
    let money = Money::new(results, ledgers, p);
    let trials = trial_rows(results, &money, p, 0);
    let arms = (0..results.shape.arms)
        .map(|a| {
            let mut sums = ArmSums::new(model, a);
            sums.add(model, results, ledgers);
            let rows: Vec<&TrialRow> = trials.iter().filter(|r| r.arm == a).collect();
            sums.summary(model, &rows, p)
        })
        .collect();
    (trials, arms)
}

/// The rows of every trial and arm of `results` from perspective `p`, numbered from `first`.
fn trial_rows(results: &Results, money: &Money, p: Perspective, first: u32) -> Vec<TrialRow> {
    let shape = results.shape;
    (0..shape.trials)
        .flat_map(|i| (0..shape.arms).map(move |a| (i, a)))
        .map(|(i, a)| TrialRow {
            trial: first + i as u32,
            arm: a,
            perspective: p,
            expenditure_total: money.expenditure_total(i, a),
            savings_total: money.savings_total(i, a),
            expenditure_total_nominal: money.expenditure_total_nominal(i, a),
            savings_total_nominal: money.savings_total_nominal(i, a),
            breakeven_month: money.breakeven(i, a),
        })
        .collect()
}
