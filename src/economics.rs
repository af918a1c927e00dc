//! Money per trial, from each perspective: expenditure, savings against the baseline,
//! nominal and discounted, and break-even.
//!
//! A month's record gives occupancy n_s, caseworkers w, refusion R, intervention costs I and
//! one-off move costs O (kr.). With B = Σ_s n_s·benefit_s, Y = Σ_s n_s·income_s, staffing
//! W = w · caseworker_cost / 12, tax rate τ, the state's tax rate τ_s and udligning share κ,
//! the month's net expenditure is (../shared/domain.md, "Money"):
//! - `kommune`                  B − R − τ·Y + W + I + O
//! - `kommune_efter_udligning`  B − R − κ·τ·Y + W + I + O  (only κ of the extra tax base stays)
//! - `stat`                     R − τ_s·Y
//! - `offentlige_finanser`      kommune + stat
//!
//! Discounted: X_{i,a,t} · (1 + r)^(−t/12). Savings S_{i,a,t} = X_{i,0,t} − X_{i,a,t}, paired
//! trial by trial (arm 0 is the baseline), so common random numbers cancel in the difference.

use crate::engine::{Field, Results, Shape};
use crate::model::Model;
use crate::stats;

/// Who pays: the perspectives every money figure is reported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perspective {
    /// The municipality, keeping all of its income tax.
    Kommune,
    /// The municipality after udligning, keeping κ of extra tax.
    KommuneEfterUdligning,
    /// The state: refusion paid, less its share of income tax.
    Stat,
    /// Municipality and state together.
    OffentligeFinanser,
}

impl Perspective {
    /// All, in report order.
    pub const ALL: [Perspective; 4] = [
        Perspective::Kommune,
        Perspective::KommuneEfterUdligning,
        Perspective::Stat,
        Perspective::OffentligeFinanser,
    ];

    /// The id in CSV files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Perspective::Kommune => "kommune",
            Perspective::KommuneEfterUdligning => "kommune_efter_udligning",
            Perspective::Stat => "stat",
            Perspective::OffentligeFinanser => "offentlige_finanser",
        }
    }

    /// The perspective with id `id`.
    pub fn from_id(id: &str) -> Option<Perspective> {
        Perspective::ALL.into_iter().find(|p| p.id() == id)
    }

    /// Net expenditure of one month's record, undiscounted kr.
    pub fn expenditure(self, model: &Model, shape: &Shape, rec: &[f64]) -> f64 {
        let e = &model.economics;
        let (mut benefits, mut income) = (0.0, 0.0);
        for (n, s) in rec[..shape.states].iter().zip(&model.states) {
            benefits += n * s.benefit;
            income += n * s.income;
        }
        let f = |field: Field| rec[shape.states + field as usize];
        let staffing = f(Field::Caseworkers) * e.caseworker_cost / 12.0;
        let refusion = f(Field::Refusion);
        let other = staffing + f(Field::Interventions) + f(Field::OneOff);
        let kommune = |keep: f64| benefits - refusion - keep * e.tax_rate * income + other;
        let stat = refusion - e.state_tax_rate * income;
        match self {
            Perspective::Kommune => kommune(1.0),
            Perspective::KommuneEfterUdligning => kommune(e.udligning_keep),
            Perspective::Stat => stat,
            Perspective::OffentligeFinanser => kommune(1.0) + stat,
        }
    }
}

/// Extra staffing and intervention cost of a month's record, undiscounted kr. (the
/// investment, when compared with the baseline's).
pub fn investment(model: &Model, shape: &Shape, rec: &[f64]) -> f64 {
    let f = |field: Field| rec[shape.states + field as usize];
    f(Field::Caseworkers) * model.economics.caseworker_cost / 12.0 + f(Field::Interventions)
}

/// One perspective's money series of every trial, `[trial][arm][month]`.
#[derive(Debug, Clone)]
pub struct Money {
    shape: Shape,
    discount: Vec<f64>,
    nominal: Vec<f64>,
    cumulative: Vec<f64>,
    cumulative_nominal: Vec<f64>,
}

impl Money {
    /// Derive the money of `results` (a run of `model`) from `perspective`.
    pub fn new(model: &Model, results: &Results, perspective: Perspective) -> Money {
        let shape = results.shape;
        let discount: Vec<f64> = (1..=shape.months as u32)
            .map(|t| model.discount(t))
            .collect();
        let mut nominal = Vec::with_capacity(shape.trials * shape.arms * shape.months);
        for trial in 0..shape.trials {
            for arm in 0..shape.arms {
                for m in 0..shape.months {
                    nominal.push(perspective.expenditure(
                        model,
                        &shape,
                        results.record(trial, arm, m),
                    ));
                }
            }
        }
        let mut money = Money {
            shape,
            discount,
            cumulative: vec![0.0; nominal.len()],
            cumulative_nominal: vec![0.0; nominal.len()],
            nominal,
        };
        money.accumulate();
        money
    }

    /// Fill the cumulative savings, discounted and nominal.
    fn accumulate(&mut self) {
        let (months, per_trial) = (self.shape.months, self.shape.arms * self.shape.months);
        for (t, x) in self.nominal.chunks(per_trial).enumerate() {
            let base = &x[..months];
            for (a, arm_x) in x.chunks(months).enumerate() {
                let (mut disc, mut nom) = (0.0, 0.0);
                for m in 0..months {
                    let saving = base[m] - arm_x[m];
                    nom += saving;
                    disc += saving * self.discount[m];
                    let i = t * per_trial + a * months + m;
                    self.cumulative[i] = disc;
                    self.cumulative_nominal[i] = nom;
                }
            }
        }
    }

    fn index(&self, trial: usize, arm: usize, month: usize) -> usize {
        (trial * self.shape.arms + arm) * self.shape.months + month
    }

    /// Discounted expenditure, kr., of month index `month` (0-based).
    pub fn expenditure(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.nominal[self.index(trial, arm, month)] * self.discount[month]
    }

    /// Undiscounted expenditure, kr.
    pub fn expenditure_nominal(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.nominal[self.index(trial, arm, month)]
    }

    /// Discounted savings against the baseline, kr.
    pub fn savings(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.expenditure(trial, 0, month) - self.expenditure(trial, arm, month)
    }

    /// Cumulative discounted savings through month index `month`, kr.
    pub fn cumulative(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.cumulative[self.index(trial, arm, month)]
    }

    /// Cumulative undiscounted savings through month index `month`, kr.
    pub fn cumulative_nominal(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.cumulative_nominal[self.index(trial, arm, month)]
    }

    /// Σ_t discounted expenditure over the horizon, kr.
    pub fn expenditure_total(&self, trial: usize, arm: usize) -> f64 {
        (0..self.shape.months)
            .map(|m| self.expenditure(trial, arm, m))
            .sum()
    }

    /// Σ_t undiscounted expenditure over the horizon, kr.
    pub fn expenditure_total_nominal(&self, trial: usize, arm: usize) -> f64 {
        let i = self.index(trial, arm, 0);
        self.nominal[i..i + self.shape.months].iter().sum()
    }

    /// Discounted savings over the horizon, kr.
    pub fn savings_total(&self, trial: usize, arm: usize) -> f64 {
        self.cumulative(trial, arm, self.shape.months - 1)
    }

    /// Undiscounted savings over the horizon, kr.
    pub fn savings_total_nominal(&self, trial: usize, arm: usize) -> f64 {
        self.cumulative_nominal(trial, arm, self.shape.months - 1)
    }

    /// Undiscounted savings over months `range` (0-based indices), kr.
    pub fn savings_nominal_over(
        &self,
        trial: usize,
        arm: usize,
        range: std::ops::Range<usize>,
    ) -> f64 {
        let before = if range.start == 0 {
            0.0
        } else {
            self.cumulative_nominal(trial, arm, range.start - 1)
        };
        self.cumulative_nominal(trial, arm, range.end - 1) - before
    }

    /// Break-even month ([`stats::breakeven`] of the discounted cumulative savings); `None`
    /// for the baseline, which has nothing to pay back.
    pub fn breakeven(&self, trial: usize, arm: usize) -> Option<u32> {
        if arm == 0 {
            return None;
        }
        let i = self.index(trial, arm, 0);
        stats::breakeven(&self.cumulative[i..i + self.shape.months])
    }
}
