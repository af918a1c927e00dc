//! The bridge from a published case to kohort's headline: the case's own arithmetic, then one
//! model change at a time, each step on the same citizens and random numbers.
//!
//! Per trial, with Δ = baseline − the case's arm, sums over the months W the case's figure
//! covers (kr., undiscounted, each month's prices) unless said otherwise, and the first
//! values simulated at the effect the case implies (ε_c, [`implied`]):
//!
//! | value | what it counts |
//! |---|---|
//! | V₁ | the case's own arithmetic A ([`crate::model::Case::arithmetic`]), deterministic |
//! | V₂ | the case's outcome as the model reaches it: ΔB against the case's counterfactual (gross: nobody leaves; net: the baseline) − the case's cost lines |
//! | V₃ | ΔB against the baseline (those who would have left anyway are not a saving) − cost lines |
//! | V₄ | ΔB − Δstaff as hired (caseworkers × caseworker_cost) |
//! | V₅ | − Δ(offers + one-off move costs) |
//! | V₆ | − Δrefusion: the forsørgelse saving |
//! | V₇ | the headline perspective's saving (tax and udligning) |
//! | V₈ | the same at the scenario's own effect (the headline run's records) |
//! | V₉ | over the whole horizon |
//! | V₁₀ | discounted: exactly the headline's total saving of the trial |
//!
//! Step k is V_{k+1} − V_k, so the steps telescope: A + Σ steps = V₁₀ in every trial, and their
//! means add up to the headline's mean. The order follows the spreadsheet: first what it
//! counted (citizens, counterfactual), then what it cost, then the rules money moves by, then
//! the effect, then time. A step the case already took is 0.

mod bars;
pub mod implied;

pub use bars::{Bar, BarValue, STEPS, Step};

use crate::economics::{Ledger, Lines, Perspective};
use crate::engine::Results;
use crate::model::{Basis, Case, Model};
use crate::stats::Band;
pub use implied::{Implied, Reach};

/// Whether and where the implied effect was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Found; the first steps run at [`Implied::simulated_at`].
    Found(Implied),
    /// The case states no outcome, or the scenario has no `job` state: the first steps run at
    /// the scenario's own effect.
    NoOutcome,
    /// `expect` refuses the scenario (the reason): the first steps run at the scenario's own
    /// effect.
    NotComputed(String),
}

/// The bridge of one case.
#[derive(Debug, Clone)]
pub struct Bridge {
    /// The case's arm.
    pub arm: usize,
    /// The case.
    pub case: Case,
    /// The case's own arithmetic A, kr.
    pub arithmetic: f64,
    /// The implied effect.
    pub effect: Effect,
    /// Each step's distribution over trials, kr., in [`STEPS`] order.
    pub steps: Vec<(Step, Band)>,
    /// The headline's total saving of the case's arm, kr. (= A + Σ steps, trial by trial).
    pub headline: Band,
}

mod chain;

pub use chain::bridge;

/// One arm's sums over a range of months of one trial, kr.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    lines: Lines,
    forsoergelse: f64,
    headline: f64,
}

impl Sums {
    /// Arm `arm` of `trial` in `results` over month indices `range`, headline from `p`.
    fn of(
        (results, trial, ledger): (&Results, usize, &Ledger),
        arm: usize,
        range: std::ops::Range<usize>,
        p: Perspective,
    ) -> Sums {
        let shape = &results.shape;
        let mut s = Sums::default();
        for m in range {
            let rec = results.record(trial, arm, m);
            let l = ledger.lines(shape, rec, m);
            s.lines.benefit += l.benefit;
            s.lines.staff += l.staff;
            s.lines.offers += l.offers + l.moves;
            s.forsoergelse += ledger.expenditure(Perspective::Forsoergelse, shape, rec, m);
            s.headline += ledger.expenditure(p, shape, rec, m);
        }
        s
    }
}

/// The values V₂ … V₇ of one trial at the implied effect (see the module): `var` the trial's
/// records at ε_c, `frozen` the benefits of the case's counterfactual over W when gross.
fn at_implied(
    case: &Case,
    arm: usize,
    var: (&Results, usize, &Ledger),
    frozen: Option<f64>,
    p: Perspective,
) -> [f64; 6] {
    let (b, a) = (
        Sums::of(var, 0, case.window(), p),
        Sums::of(var, arm, case.window(), p),
    );
    let delta_b = b.lines.benefit - a.lines.benefit;
    let v2 = frozen.map_or(delta_b, |f| f - a.lines.benefit) - case.cost;
    let v3 = delta_b - case.cost;
    let v4 = delta_b - (a.lines.staff - b.lines.staff);
    let v5 = v4 - (a.lines.offers - b.lines.offers);
    let v6 = b.forsoergelse - a.forsoergelse;
    let v7 = b.headline - a.headline;
    [v2, v3, v4, v5, v6, v7]
}

/// The values V₈ … V₁₀ of one trial from the headline run's records `own`.
fn at_own(case: &Case, arm: usize, own: (&Results, usize, &Ledger), p: Perspective) -> [f64; 3] {
    let (results, trial, ledger) = own;
    let shape = &results.shape;
    let w =
        Sums::of(own, 0, case.window(), p).headline - Sums::of(own, arm, case.window(), p).headline;
    let (mut nominal, mut discounted) = (0.0, 0.0);
    for m in 0..shape.months {
        let saving = ledger.expenditure(p, shape, results.record(trial, 0, m), m)
            - ledger.expenditure(p, shape, results.record(trial, arm, m), m);
        nominal += saving;
        discounted += saving * ledger.discount[m];
    }
    [w, nominal, discounted]
}

/// The case's arm in `model`.
pub fn case_arm(model: &Model, case: &Case) -> usize {
    model
        .arms
        .iter()
        .position(|a| a.name == case.arm)
        .unwrap_or(1)
}

/// Whether the gross counterfactual is needed.
fn is_gross(case: &Case) -> bool {
    case.basis == Basis::Gross
}

/// Distribution of every step and of the headline from the per-trial values `v[trial]`
/// (V₁ … V₁₀).
fn bands(values: &[[f64; 10]]) -> (Vec<(Step, Band)>, Band) {
    let steps = STEPS
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let mut d: Vec<f64> = values.iter().map(|v| v[k + 1] - v[k]).collect();
            (s, Band::of(&mut d))
        })
        .collect();
    let mut h: Vec<f64> = values.iter().map(|v| v[9]).collect();
    (steps, Band::of(&mut h))
}
