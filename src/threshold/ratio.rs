//! The effect it would take for an offer to pay: for an arm staffed as the baseline whose
//! effect is its offers' (interventions'), the hazard ratio h on exits to a job at which the
//! expected total saving on the headline basis is zero.
//!
//! S(h) is the expected discounted saving with every offer of the arm multiplying the hazard
//! of moving to a job by h (its other ratios as the scenario states them; an uncertain number
//! at its mean), on the expectation ([`crate::expect`]); h* solves S(h*) = 0 in
//! [1, [`MAX_RATIO`]], by the grid and bisection of [`super::crossing`].

use super::{Crossing, MAX_ELASTICITY, chance_of, crossing};
use crate::error::Result;
use crate::expect::expect;
use crate::model::Model;
use crate::uncertainty::{Binding, Uncertainty};

/// The largest hazard ratio searched: an offer that multiplies the exit rate to jobs by 10.
pub const MAX_RATIO: f64 = 10.0;

/// The break-even hazard ratio of one arm's offers.
#[derive(Debug, Clone, PartialEq)]
pub struct RatioThreshold {
    /// The arm (≥ 1).
    pub arm: usize,
    /// The offers whose ratio is varied (interventions of the arm with an effect on a job).
    pub offers: Vec<usize>,
    /// The ratio the scenario assumes (the first offer's, at its mean when uncertain).
    pub assumed: f64,
    /// Expected saving at h = 1 (the offers cost but do nothing for jobs), kr.
    pub at_one: f64,
    /// Where the saving crosses zero; `elasticity` holds the ratio h*.
    pub crossing: Crossing,
    /// P(h ≥ h*) under the scenario's distribution of the first offer's ratio, when drawn.
    pub p_at_least: Option<f64>,
    /// The expectation is exact for this scenario.
    pub exact: bool,
}

/// The interventions arm `arm` runs whose hazard ratio on moves to `to` is not 1.
pub fn offers(model: &Model, arm: usize, to: usize) -> Vec<usize> {
    model.arms[arm]
        .interventions
        .iter()
        .copied()
        .filter(|&iv| model.interventions[iv].effects[to] != 1.0)
        .collect()
}

/// Every offer of `offers` multiplying the hazard of moves to `to` by `h`.
pub fn set_ratio(m: &mut Model, offers: &[usize], to: usize, h: f64) {
    for &iv in offers {
        m.interventions[iv].effects[to] = h;
    }
}

/// The ratio for a point x of the elasticity search's range [0, MAX_ELASTICITY].
pub fn ratio_of(x: f64) -> f64 {
    1.0 + x * (MAX_RATIO - 1.0) / MAX_ELASTICITY
}

/// The break-even job hazard ratio of every arm ≥ 1 staffed as the baseline with offers that
/// act on jobs; empty without a `job` state.
pub fn ratio_thresholds(model: &Model, params: &Uncertainty) -> Result<Vec<RatioThreshold>> {
    let Some(to) = model.states.iter().position(|s| s.id == "job") else {
        return Ok(Vec::new());
    };
    let exact = crate::expect::exactness(model)?.is_exact();
    let mut out = Vec::new();
    for arm in (1..model.arms.len()).filter(|&a| model.staffed_as_baseline(a)) {
        let offers = offers(model, arm, to);
        let Some(&first) = offers.first() else {
            continue;
        };
        let s = |h: f64| -> Result<f64> {
            let mut m = model.pair(arm);
            set_ratio(&mut m, &offers, to, h);
            Ok(expect(&m)?.savings_total(m.headline, 1, true))
        };
        let crossing = match crossing(&|x| s(ratio_of(x)))? {
            Crossing::At {
                elasticity,
                pays_above,
            } => Crossing::At {
                elasticity: ratio_of(elasticity),
                pays_above,
            },
            other => other,
        };
        let dist = params
            .params
            .iter()
            .find(|p| matches!(p.binding, Binding::Effect(iv, j) if iv == first && j == to))
            .map(|p| &p.dist);
        let p_at_least = chance_of(dist, crossing);
        out.push(RatioThreshold {
            arm,
            assumed: model.interventions[first].effects[to],
            at_one: s(1.0)?,
            offers,
            crossing,
            p_at_least,
            exact,
        });
    }
    Ok(out)
}
