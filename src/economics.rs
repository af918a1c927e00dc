//! Money per trial, from each perspective: expenditure, savings against the baseline,
//! nominal and discounted, and break-even.
//!
//! A month's record gives occupancy n_s, caseworkers w, refusion R, intervention costs I and
//! one-off move costs O (kr.). Per state, a month costs the municipality its benefit b_s and
//! the state its SU u_s, and brings kommuneskat k_s and state tax t_s (AM-bidrag, bundskat,
//! sundhedsbidrag) from the state's wage and taxable transfers ([`crate::tax`]). With
//! B = Σ n_s b_s, U = Σ n_s u_s, K = Σ n_s k_s, T = Σ n_s t_s, staffing
//! W = w · caseworker_cost / 12 and udligning share κ, the month's net expenditure is:
//! - `forsoergelse`             B − R + W + I + O
//! - `kommune`                  B − R − K + W + I + O
//! - `kommune_efter_udligning`  B − R − κ·K + W + I + O  (only κ of a change in tax stays)
//! - `stat`                     R + U − T
//! - `offentlige_finanser`      kommune + stat
//!
//! Discounted: X_{i,a,t} · (1 + r)^(−t/12). Savings S_{i,a,t} = X_{i,0,t} − X_{i,a,t}, paired
//! trial by trial (arm 0 is the baseline), so common random numbers cancel in the difference.

use crate::engine::{Field, Results, Shape};
use crate::model::Model;
use crate::stats;

pub use crate::perspective::Perspective;

/// What one month in a state moves, kr.: paid by the municipality and the state, and taxed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StateMoney {
    /// The benefit the municipality pays.
    pub benefit: f64,
    /// The SU (or other benefit) the state pays.
    pub state_benefit: f64,
    /// Kommuneskat on the state's wage and taxable transfers.
    pub kommune_tax: f64,
    /// AM-bidrag, bundskat and sundhedsbidrag.
    pub state_tax: f64,
}

/// A month's money lines, kr. (see [`Ledger::lines`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Lines {
    /// Σ_s n_s b_s: the benefits the municipality pays, before refusion.
    pub benefit: f64,
    /// The refusion the state pays back.
    pub refusion: f64,
    /// Caseworkers × caseworker_cost / 12.
    pub staff: f64,
    /// Intervention costs.
    pub offers: f64,
    /// One-off move costs (negative: gains).
    pub moves: f64,
}

/// A model's money per state and the constants the perspectives need, computed once (per
/// trial, when money parameters are drawn per trial).
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// By state index.
    pub states: Vec<StateMoney>,
    /// Discount factor of each month index m: (1 + r)^(−(m+1)/12).
    pub discount: Vec<f64>,
    /// Price index of each month index m (all 1 in fixed prices): amounts are the model's
    /// times this.
    pub index: Vec<f64>,
    caseworker_cost: f64,
    udligning_keep: f64,
}

impl Ledger {
    /// The ledger of `model`.
    pub fn new(model: &Model) -> Ledger {
        let tax = &model.economics.tax;
        let states = model
            .states
            .iter()
            .map(|s| {
                let transfers = s.state_benefit + if s.benefit_taxable { s.benefit } else { 0.0 };
                let t = tax.month(s.wage, transfers);
                StateMoney {
                    benefit: s.benefit,
                    state_benefit: s.state_benefit,
                    kommune_tax: t.kommune,
                    state_tax: t.state,
                }
            })
            .collect();
        Ledger {
            states,
            discount: (1..=model.months).map(|t| model.discount(t)).collect(),
            index: (1..=model.months).map(|t| model.price_index(t)).collect(),
            caseworker_cost: model.economics.caseworker_cost,
            udligning_keep: model.economics.udligning_keep,
        }
    }

    /// Net expenditure of month index `m`'s record `rec` from perspective `p`, undiscounted
    /// kr. in that month's prices.
    pub fn expenditure(&self, p: Perspective, shape: &Shape, rec: &[f64], m: usize) -> f64 {
        self.index[m] * self.expenditure_base(p, shape, rec)
    }

    /// [`Ledger::expenditure`] in the model's own prices.
    fn expenditure_base(&self, p: Perspective, shape: &Shape, rec: &[f64]) -> f64 {
        let mut m = StateMoney::default();
        for (n, s) in rec[..shape.states].iter().zip(&self.states) {
            m.benefit += n * s.benefit;
            m.state_benefit += n * s.state_benefit;
            m.kommune_tax += n * s.kommune_tax;
            m.state_tax += n * s.state_tax;
        }
        let f = |field: Field| rec[shape.states + field as usize];
        let refusion = f(Field::Refusion);
        let other = f(Field::Caseworkers) * self.caseworker_cost / 12.0
            + f(Field::Interventions)
            + f(Field::OneOff);
        let forsoergelse = m.benefit - refusion + other;
        let stat = refusion + m.state_benefit - m.state_tax;
        match p {
            Perspective::Forsoergelse => forsoergelse,
            Perspective::Kommune => forsoergelse - m.kommune_tax,
            Perspective::KommuneEfterUdligning => {
                forsoergelse - self.udligning_keep * m.kommune_tax
            }
            Perspective::Stat => stat,
            Perspective::OffentligeFinanser => forsoergelse - m.kommune_tax + stat,
        }
    }

    /// The lines of month index `m`'s record that [`Ledger::expenditure`] sums, undiscounted
    /// kr. in that month's prices: forsørgelse = benefit − refusion + staff + offers + moves.
    pub fn lines(&self, shape: &Shape, rec: &[f64], m: usize) -> Lines {
        let f = |field: Field| self.index[m] * rec[shape.states + field as usize];
        let benefit: f64 = rec[..shape.states]
            .iter()
            .zip(&self.states)
            .map(|(n, s)| n * s.benefit)
            .sum();
        Lines {
            benefit: self.index[m] * benefit,
            refusion: f(Field::Refusion),
            staff: f(Field::Caseworkers) * self.caseworker_cost / 12.0,
            offers: f(Field::Interventions),
            moves: f(Field::OneOff),
        }
    }

    /// Staffing and intervention cost of month index `m`'s record, undiscounted kr. (the
    /// investment, when compared with the baseline's).
    pub fn investment(&self, shape: &Shape, rec: &[f64], m: usize) -> f64 {
        let f = |field: Field| rec[shape.states + field as usize];
        self.index[m]
            * (f(Field::Caseworkers) * self.caseworker_cost / 12.0 + f(Field::Interventions))
    }
}

/// The ledgers of a run's trials: one for all, or one per trial when money parameters
/// (benefits, wages, tax, costs, discounting) are drawn per trial.
#[derive(Debug, Clone, PartialEq)]
pub enum Ledgers {
    /// Every trial on the same numbers.
    Same(Ledger),
    /// Trial k on `ledgers[k]`.
    PerTrial(Vec<Ledger>),
}

impl Ledgers {
    /// Every trial on `model`'s numbers.
    pub fn fixed(model: &Model) -> Ledgers {
        Ledgers::Same(Ledger::new(model))
    }

    /// The ledger of trial `trial`.
    pub fn get(&self, trial: usize) -> &Ledger {
        match self {
            Ledgers::Same(l) => l,
            Ledgers::PerTrial(v) => &v[trial],
        }
    }

    /// The trials `trials` only (all share one ledger when they did).
    pub fn select(&self, trials: std::ops::Range<usize>) -> Ledgers {
        match self {
            Ledgers::Same(l) => Ledgers::Same(l.clone()),
            Ledgers::PerTrial(v) => Ledgers::PerTrial(v[trials].to_vec()),
        }
    }
}

/// One perspective's money series of every trial, `[trial][arm][month]`.
#[derive(Debug, Clone)]
pub struct Money {
    shape: Shape,
    /// Discount factors `[k][month]`, k = 0 for all trials or k = trial.
    discount: Vec<f64>,
    nominal: Vec<f64>,
    cumulative: Vec<f64>,
    cumulative_nominal: Vec<f64>,
}

impl Money {
    /// Derive the money of `results` (its trials' ledgers `ledgers`) from `perspective`.
    pub fn new(results: &Results, ledgers: &Ledgers, perspective: Perspective) -> Money {
        let shape = results.shape;
        let discount = match ledgers {
            Ledgers::Same(l) => l.discount.clone(),
            Ledgers::PerTrial(v) => v.iter().flat_map(|l| l.discount.iter().copied()).collect(),
        };
        let mut nominal = Vec::with_capacity(shape.trials * shape.arms * shape.months);
        for trial in 0..shape.trials {
            let ledger = ledgers.get(trial);
            for arm in 0..shape.arms {
                for m in 0..shape.months {
                    let rec = results.record(trial, arm, m);
                    nominal.push(ledger.expenditure(perspective, &shape, rec, m));
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
                    disc += saving * self.discount_of(t, m);
                    let i = t * per_trial + a * months + m;
                    self.cumulative[i] = disc;
                    self.cumulative_nominal[i] = nom;
                }
            }
        }
    }

    fn discount_of(&self, trial: usize, month: usize) -> f64 {
        let months = self.shape.months;
        let k = if self.discount.len() > months {
            trial
        } else {
            0
        };
        self.discount[k * months + month]
    }

    fn index(&self, trial: usize, arm: usize, month: usize) -> usize {
        (trial * self.shape.arms + arm) * self.shape.months + month
    }

    /// Discounted expenditure, kr., of month index `month` (0-based).
    pub fn expenditure(&self, trial: usize, arm: usize, month: usize) -> f64 {
        self.nominal[self.index(trial, arm, month)] * self.discount_of(trial, month)
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
