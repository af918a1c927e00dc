//! The effect a case implies: the size of the arm's effect at which kohort's model, on the
//! expectation ([`crate::expect`]), yields the outcome the case expected.
//!
//! The effect is the arm's lever: for an arm staffed differently from the baseline, the job
//! elasticity ε of the caseload (searched on [0, [`MAX_ELASTICITY`]]); for an arm staffed as
//! the baseline whose offers act on jobs, their hazard ratio h on exits to a job (searched on
//! [1, [`MAX_RATIO`]]). g(x) is the expected outcome with every citizen at lever value x (the
//! rest of the scenario at its values, an uncertain one at its mean): fewer in the state than
//! without the investment, the investment arm's count in it, or that count over the starting
//! cohort. The implied x_c solves g(x_c) = target, by the grid and bisection of the
//! break-even effect ([`crate::threshold`]).

use crate::error::Result;
use crate::expect::arm_moves;
use crate::model::{Model, Outcome, Target};
use crate::threshold::{
    Crossing, MAX_ELASTICITY, MAX_RATIO, crossing, offers, ratio_of, set_elasticity, set_ratio,
};
use crate::uncertainty::{Binding, Uncertainty};

/// What carries an arm's effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Lever {
    /// The caseload: the job elasticity.
    Elasticity,
    /// These offers (interventions): their hazard ratio on exits to a job.
    Ratio(Vec<usize>),
}

impl Lever {
    /// The lever of `arm`, if its effect on jobs can be varied (`to`: the job state).
    pub fn of(model: &Model, arm: usize, to: usize) -> Option<Lever> {
        if !model.staffed_as_baseline(arm) {
            return Some(Lever::Elasticity);
        }
        let offers = offers(model, arm, to);
        (!offers.is_empty()).then_some(Lever::Ratio(offers))
    }

    /// `m` with every citizen at lever value `x` (`to`: the job state).
    pub fn apply(&self, m: &mut Model, to: usize, x: f64) {
        match self {
            Lever::Elasticity => set_elasticity(m, to, x),
            Lever::Ratio(offers) => set_ratio(m, offers, to, x),
        }
    }

    /// The lever's value at no effect and at the largest searched.
    pub fn range(&self) -> (f64, f64) {
        match self {
            Lever::Elasticity => (0.0, MAX_ELASTICITY),
            Lever::Ratio(_) => (1.0, MAX_RATIO),
        }
    }

    /// The lever's value at point `x` of the search's [0, MAX_ELASTICITY].
    fn value(&self, x: f64) -> f64 {
        match self {
            Lever::Elasticity => x,
            Lever::Ratio(_) => ratio_of(x),
        }
    }
}

/// Where the case's outcome is reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reach {
    /// At this value of the lever.
    At(f64),
    /// Already with no effect at all.
    WithoutEffect,
    /// Not even at the largest value searched.
    Beyond,
}

/// The effect a case implies.
#[derive(Debug, Clone, PartialEq)]
pub struct Implied {
    /// What carries the effect.
    pub lever: Lever,
    /// Where the outcome is reached.
    pub reach: Reach,
    /// The outcome the model gives at no effect and at the largest searched, in the target's
    /// unit.
    pub range: (f64, f64),
    /// The lever's value at the research's centre (elasticity) or as the scenario assumes it
    /// (ratio), when known.
    pub reference: Option<f64>,
    /// P(effect ≥ the implied one) under the scenario's distribution of it, when it draws one.
    pub p_at_least: Option<f64>,
    /// The expectation is exact for this scenario (else an approximation, see `expect`).
    pub exact: bool,
}

impl Implied {
    /// The lever value the bridge's first steps run at: the implied one, no effect when none
    /// is needed, the largest searched when the outcome is out of reach.
    pub fn simulated_at(&self) -> f64 {
        match self.reach {
            Reach::At(x) => x,
            Reach::WithoutEffect => self.lever.range().0,
            Reach::Beyond => self.lever.range().1,
        }
    }
}

/// The job state's index, if the scenario has one.
pub fn job_state(model: &Model) -> Option<usize> {
    model.states.iter().position(|s| s.id == "job")
}

/// The expected outcome g(x) of `arm` at lever value `x` (see the module), in the target's
/// unit; the arm's lever is [`Lever::of`] it.
pub fn outcome_at(model: &Model, arm: usize, o: &Outcome, x: f64) -> Result<f64> {
    let to = job_state(model).unwrap_or(0);
    let mut m = model.pair(arm);
    if let Some(lever) = Lever::of(model, arm, to) {
        lever.apply(&mut m, to, x);
    }
    let fields = crate::engine::shape(&m, 1).fields();
    let at = (o.month as usize - 1) * fields + o.state;
    let arm_n = arm_moves(&m, 1)?.records[at];
    Ok(match o.target {
        Target::Fewer(_) => arm_moves(&m, 0)?.records[at] - arm_n,
        Target::Count(_) => arm_n,
        Target::Share(_) => arm_n / m.cohort_size as f64,
    })
}

/// The effect the case's `outcome` implies for `arm`; `None` when the scenario has no `job`
/// state, or the arm no lever to vary.
pub fn implied(
    model: &Model,
    params: &Uncertainty,
    arm: usize,
    o: &Outcome,
) -> Result<Option<Implied>> {
    let Some(to) = job_state(model) else {
        return Ok(None);
    };
    let Some(lever) = Lever::of(model, arm, to) else {
        return Ok(None);
    };
    let (target, up) = match o.target {
        Target::Fewer(n) => (n, true),
        Target::Count(n) => (n, false),
        Target::Share(p) => (p, true),
    };
    let g = |x: f64| outcome_at(model, arm, o, x);
    // h > 0 where the case's outcome is reached or passed.
    let h = |x: f64| -> Result<f64> {
        let v = g(lever.value(x))?;
        Ok(if up { v - target } else { target - v })
    };
    let reach = match crossing(&h)? {
        Crossing::At { elasticity, .. } => Reach::At(lever.value(elasticity)),
        Crossing::Always => Reach::WithoutEffect,
        Crossing::Never => Reach::Beyond,
    };
    let bound = |b: &Binding| match (&lever, b) {
        (Lever::Elasticity, Binding::Elasticity(j)) => *j == to,
        (Lever::Ratio(offers), Binding::Effect(iv, j)) => *iv == offers[0] && *j == to,
        _ => false,
    };
    let dist = params
        .params
        .iter()
        .find(|p| bound(&p.binding))
        .map(|p| &p.dist);
    let p_at_least = match (dist, reach) {
        (Some(d), Reach::At(x)) => Some(1.0 - d.cdf(x)),
        (Some(d), Reach::Beyond) => Some(1.0 - d.cdf(lever.range().1)),
        _ => None,
    };
    let reference = match &lever {
        Lever::Elasticity => model.caseload.evidence.as_ref().map(|ev| ev[to]),
        Lever::Ratio(offers) => Some(model.interventions[offers[0]].effects[to]),
    };
    let (lo, hi) = lever.range();
    Ok(Some(Implied {
        range: (g(lo)?, g(hi)?),
        lever,
        reach,
        reference,
        p_at_least,
        exact: crate::expect::exactness(model)?.is_exact(),
    }))
}
