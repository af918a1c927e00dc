//! The exact expectation: the cohort's state distribution pushed through the month's transition
//! matrix, with no Monte Carlo noise.
//!
//! The trace runs over citizen statuses: state s, refusion clock k (capped at K, where the
//! trappe's share becomes constant), the effect slot and the engine's intervention [`Offer`]
//! (current intervention and months in it, fading effect, interventions taken). Month t:
//! expected arrivals join; c_t = Σ expected citizens in case states; each status goes through the
//! engine's own intervention pass (one agent standing for its mass); the caseload and the status's
//! effect slot give its exit probabilities P_t(s → j) (the engine's own rows); then mass flows
//! to (j, k', status') with k' = min(k + 1, K) when j is covered and k' = k otherwise.
//! Refusion of month t is Σ v_{t−1}(s, k) P_t(s → j) · benefit_j · share(k) over
//! covered j; one-off costs Σ v_{t−1}(s, ·) P_t(s → j) · cost(s → j). Money follows from these
//! exactly as in [`crate::economics`].
//!
//! Exact (the Monte Carlo mean converges to it) when staff follows the cases and no § 6
//! restart can happen. [`Exactness`] says when it is an approximation, and why.
//! A status also carries the citizen's segment and its months in state (up to the last
//! duration band), and the rows are the month's (calendar effects), so segments, duration
//! bands and calendar effects keep the trace exact. Statuses live in [`status`]; the month's
//! flows in [`trace`].

mod status;
mod trace;

use crate::economics::{Ledger, Perspective};
use crate::engine::{Plan, Shape};
use crate::error::{Error, Result};
use crate::model::{Model, Staffing};

use trace::trace;

/// Why an expectation is only approximate (empty: exact).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exactness {
    /// Reasons, one sentence each.
    pub caveats: Vec<String>,
}

impl Exactness {
    /// True when the trace is the exact expectation.
    pub fn is_exact(&self) -> bool {
        self.caveats.is_empty()
    }
}

/// Expected monthly records, laid out like one trial of the engine's results
/// (`[arm][month][field]`), so the economics apply unchanged.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// One trial's shape.
    pub shape: Shape,
    /// Expected records.
    pub data: Vec<f64>,
    /// Exact, or why not.
    pub exactness: Exactness,
    /// The model's money per state, costs and discounting.
    pub ledger: Ledger,
}

impl Expectation {
    /// The record of arm `arm`, month index `m`.
    pub fn record(&self, arm: usize, m: usize) -> &[f64] {
        let o = self.shape.offset(0, arm, m);
        &self.data[o..o + self.shape.fields()]
    }

    /// Expected net expenditure of the month from perspective `p`, undiscounted kr.
    pub fn expenditure(&self, p: Perspective, arm: usize, m: usize) -> f64 {
        self.ledger
            .expenditure(p, &self.shape, self.record(arm, m), m)
    }

    /// Expected total saving of `arm` over the horizon from `p`, discounted (or not) kr.
    pub fn savings_total(&self, p: Perspective, arm: usize, discounted: bool) -> f64 {
        (0..self.shape.months)
            .map(|m| {
                let d = if discounted {
                    self.ledger.discount[m]
                } else {
                    1.0
                };
                d * (self.expenditure(p, 0, m) - self.expenditure(p, arm, m))
            })
            .sum()
    }
}

/// When the trace is not exact for `model`.
fn caveats(model: &Model) -> Result<Exactness> {
    if let Some(iv) = model
        .interventions
        .iter()
        .find(|iv| iv.capacity != u32::MAX)
    {
        return Err(Error::usage(
            "expect",
            format!(
                "intervention `{}` has a capacity limit: who gets a place depends on the other citizens, which no expected trace captures; use `kohort run`",
                iv.id
            ),
        ));
    }
    let mut caveats = Vec::new();
    if model.arms.iter().any(|a| {
        std::iter::once(Some(a.staffing))
            .chain(a.steps.iter().map(|s| s.rule))
            .any(|r| matches!(r, Some(Staffing::Caseworkers(_))))
    }) {
        caveats.push("fixed staff: the caseload is computed from the expected number of cases (mean field), while in the simulation it varies with the actual cases".into());
    }
    let restart_possible =
        model.states.iter().any(|s| s.self_support) && model.months >= model.refusion.reset_months;
    if restart_possible && model.states.iter().any(|s| s.refusion) {
        caveats.push("§ 6 restarts of the refusion clock are left out: they depend on each citizen's last 36 months, not on the state and clock alone".into());
    }
    Ok(Exactness { caveats })
}

/// Whether [`expect`] is exact for `model`, without tracing it (refused for the same reasons).
pub fn exactness(model: &Model) -> Result<Exactness> {
    caveats(model)
}

/// The expectation of every arm of `model`.
pub fn expect(model: &Model) -> Result<Expectation> {
    let exactness = caveats(model)?;
    let plan = Plan::new(model);
    let shape = crate::engine::shape(model, 1);
    let mut data = Vec::with_capacity(shape.per_trial());
    for a in 0..model.arms.len() {
        data.extend(trace(model, &plan, a, plan.clock_cap as usize).records);
    }
    Ok(Expectation {
        shape,
        data,
        exactness,
        ledger: Ledger::new(model),
    })
}

/// One arm's expected trace, with the month's moves between states.
#[derive(Debug, Clone)]
pub struct ArmTrace {
    /// Expected records `[month][field]`, as one arm of [`Expectation::data`].
    pub records: Vec<f64>,
    /// Expected citizens moving from state s to state j in month index m (arrivals of the
    /// month included, stays as s → s): `moves[(m · S + s) · S + j]`.
    pub moves: Vec<f64>,
}

/// The expected trace of arm `arm` of `model` alone, as in [`expect`] (same caveats; refused
/// for the same reasons).
pub fn arm_trace(model: &Model, arm: usize) -> Result<ArmTrace> {
    caveats(model)?;
    let plan = Plan::new(model);
    Ok(trace(model, &plan, arm, plan.clock_cap as usize))
}

/// As [`arm_trace`], for the occupancy and moves only: the refusion clock, which moves no
/// citizen, is left out (its money fields are not the arm's), which makes the trace many
/// times faster.
pub fn arm_moves(model: &Model, arm: usize) -> Result<ArmTrace> {
    caveats(model)?;
    Ok(trace(model, &Plan::new(model), arm, 0))
}
