//! The effect a case implies: the job elasticity at which kohort's model, on the exact
//! expectation ([`crate::expect`]), yields the outcome the case expected.
//!
//! g(ε) is the expected outcome with every citizen's job elasticity at ε (the rest of the
//! scenario at its values, an uncertain one at its mean): fewer in the state than without the
//! investment, the investment arm's count in it, or that count over the starting cohort. The
//! implied ε_c solves g(ε_c) = target on [0, [`MAX_ELASTICITY`]], by the same grid and
//! bisection as the break-even effect ([`crate::threshold`]).

use crate::error::Result;
use crate::expect::arm_moves;
use crate::model::{Model, Outcome, Target};
use crate::threshold::{Crossing, MAX_ELASTICITY, at_elasticity, crossing};
use crate::uncertainty::{Binding, Uncertainty};

/// Where the case's outcome is reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reach {
    /// At this elasticity.
    At(f64),
    /// Already with no caseload effect at all (ε = 0 meets or passes it).
    WithoutEffect,
    /// Not even at [`MAX_ELASTICITY`].
    Beyond,
}

/// The effect a case implies.
#[derive(Debug, Clone, PartialEq)]
pub struct Implied {
    /// Where the outcome is reached.
    pub reach: Reach,
    /// The outcome the model gives at ε = 0 and at [`MAX_ELASTICITY`], in the target's unit.
    pub range: (f64, f64),
    /// The research's centre for the job elasticity, when the scenario states it.
    pub evidence: Option<f64>,
    /// P(ε ≥ ε_c) under the scenario's distribution of the elasticity, when it draws one.
    pub p_at_least: Option<f64>,
    /// The expectation is exact for this scenario (else mean field, see `expect`).
    pub exact: bool,
}

impl Implied {
    /// The elasticity the bridge's first steps run at: ε_c, 0 when no effect is needed, the
    /// largest searched when the outcome is out of reach.
    pub fn simulated_at(&self) -> f64 {
        match self.reach {
            Reach::At(e) => e,
            Reach::WithoutEffect => 0.0,
            Reach::Beyond => MAX_ELASTICITY,
        }
    }
}

/// The job state's index, if the scenario has one.
pub fn job_state(model: &Model) -> Option<usize> {
    model.states.iter().position(|s| s.id == "job")
}

/// The expected outcome g(ε) of `arm` (see the module), in the target's unit.
pub fn outcome_at(model: &Model, arm: usize, o: &Outcome, e: f64) -> Result<f64> {
    let to = job_state(model).unwrap_or(0);
    let m = at_elasticity(model, arm, to, e);
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
/// state to vary.
pub fn implied(
    model: &Model,
    params: &Uncertainty,
    arm: usize,
    o: &Outcome,
) -> Result<Option<Implied>> {
    let Some(to) = job_state(model) else {
        return Ok(None);
    };
    let (target, up) = match o.target {
        Target::Fewer(n) => (n, true),
        Target::Count(n) => (n, false),
        Target::Share(p) => (p, true),
    };
    // h > 0 where the case's outcome is reached or passed.
    let h = |e: f64| -> Result<f64> {
        let g = outcome_at(model, arm, o, e)?;
        Ok(if up { g - target } else { target - g })
    };
    let reach = match crossing(&h)? {
        Crossing::At { elasticity, .. } => Reach::At(elasticity),
        Crossing::Always => Reach::WithoutEffect,
        Crossing::Never => Reach::Beyond,
    };
    let dist = params
        .params
        .iter()
        .find(|p| matches!(p.binding, Binding::Elasticity(j) if j == to))
        .map(|p| &p.dist);
    let p_at_least = match (dist, reach) {
        (Some(d), Reach::At(e)) => Some(1.0 - d.cdf(e)),
        (Some(d), Reach::Beyond) => Some(1.0 - d.cdf(MAX_ELASTICITY)),
        _ => None,
    };
    let g = |e: f64| outcome_at(model, arm, o, e);
    Ok(Some(Implied {
        reach,
        range: (g(0.0)?, g(MAX_ELASTICITY)?),
        evidence: model.caseload.evidence.as_ref().map(|ev| ev[to]),
        p_at_least,
        exact: crate::expect::exactness(model)?.is_exact(),
    }))
}
