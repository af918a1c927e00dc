//! The effect it would take to pay: the caseload elasticity of the job exit at which an arm's
//! expected total saving on the headline basis is exactly zero, found by bisection on the
//! exact expectation ([`crate::expect`]), with the chance under the scenario's own
//! distribution of that elasticity that the true effect is at least as large.
//!
//! With elasticity ε the hazard of leaving for a job is multiplied by (reference / caseload)^ε,
//! so halving the caseload raises it by 2^ε − 1 (ε = 0.1: 7.2 %). S(ε) is the expected
//! discounted saving of the arm against the baseline with every citizen (every segment) at ε,
//! every other number at the scenario's value (an uncertain one at its mean). The break-even
//! ε* solves S(ε*) = 0 in [0, [`MAX_ELASTICITY`]]; S need not be monotone, so the search
//! brackets the first sign change on a grid and bisects it to [`TOLERANCE`].

mod chance;
mod ratio;

pub use chance::{
    Chance, GRID as CHANCE_GRID, LEVELS, Level, MAX_TRIALS, chances, grid_trials, reach,
};
pub use ratio::{MAX_RATIO, RatioThreshold, offers, ratio_of, ratio_thresholds, set_ratio};

use crate::error::Result;
use crate::expect::expect;
use crate::model::Model;
use crate::uncertainty::{Binding, Uncertainty};

/// The largest elasticity searched: halving the caseload would multiply the job hazard by 4.
pub const MAX_ELASTICITY: f64 = 2.0;

/// Bisection stops when the bracket is this narrow (elasticity units).
pub const TOLERANCE: f64 = 1e-6;

/// Grid steps over [0, MAX_ELASTICITY] in which the first sign change is looked for.
const GRID: usize = 40;

/// Where the expected saving crosses zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crossing {
    /// The saving is zero at this elasticity: below it the arm loses, above it the arm saves
    /// (or the other way round when `pays_above` is false).
    At {
        /// The break-even elasticity ε*.
        elasticity: f64,
        /// Whether larger effects pay (true for more staff; false for fewer).
        pays_above: bool,
    },
    /// The arm saves at every elasticity in [0, MAX_ELASTICITY].
    Always,
    /// The arm saves at none.
    Never,
}

/// The break-even effect of one arm.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// The arm (≥ 1).
    pub arm: usize,
    /// The destination whose elasticity is varied (the `job` state).
    pub to: usize,
    /// Expected saving with no caseload effect (ε = 0), kr.
    pub at_zero: f64,
    /// Expected saving at the research's centre, when the scenario states it, kr.
    pub at_evidence: Option<(f64, f64)>,
    /// Where the saving crosses zero.
    pub crossing: Crossing,
    /// P(ε ≥ ε*) under the scenario's distribution of the elasticity, when it draws one.
    pub p_at_least: Option<f64>,
    /// The expectation is exact for this scenario (else it is the mean-field approximation
    /// `expect` describes).
    pub exact: bool,
}

impl Crossing {
    /// The break-even elasticity, if there is one, and when the arm pays: `above` or `below`
    /// it, `always` or `never` (the words of `sweep.csv` and the JSON).
    pub fn pays_if(self) -> (Option<f64>, &'static str) {
        match self {
            Crossing::At {
                elasticity,
                pays_above,
            } => (Some(elasticity), if pays_above { "above" } else { "below" }),
            Crossing::Always => (None, "always"),
            Crossing::Never => (None, "never"),
        }
    }
}

impl Threshold {
    /// The rise in the job hazard from halving the caseload at elasticity `e`: 2^e − 1.
    pub fn halving_rise(e: f64) -> f64 {
        2f64.powf(e) - 1.0
    }
}

/// The expected discounted saving S(ε) of `arm` on the headline basis, kr.
pub fn saving_at(model: &Model, arm: usize, to: usize, e: f64) -> Result<f64> {
    let m = at_elasticity(model, arm, to, e);
    Ok(expect(&m)?.savings_total(m.headline, 1, true))
}

/// `model` restricted to the baseline and `arm`, every citizen's elasticity of moves to `to`
/// at `e`.
pub fn at_elasticity(model: &Model, arm: usize, to: usize, e: f64) -> Model {
    let mut m = model.pair(arm);
    set_elasticity(&mut m, to, e);
    m
}

/// Every citizen's elasticity of moves to `to` at `e` (segments' own ones dropped).
pub fn set_elasticity(m: &mut Model, to: usize, e: f64) {
    m.caseload.elasticity[to] = e;
    for seg in &mut m.segments {
        seg.elasticity = None;
    }
}

/// The break-even job elasticity of every arm ≥ 1 whose staffing differs from the baseline's;
/// empty when the scenario has no `job` state.
pub fn thresholds(model: &Model, params: &Uncertainty) -> Result<Vec<Threshold>> {
    let Some(to) = model.states.iter().position(|s| s.id == "job") else {
        return Ok(Vec::new());
    };
    let exact = crate::expect::exactness(model)?.is_exact();
    let dist = params
        .params
        .iter()
        .find(|p| matches!(p.binding, Binding::Elasticity(j) if j == to))
        .map(|p| &p.dist);
    let mut out = Vec::new();
    for arm in (1..model.arms.len()).filter(|&a| !model.staffed_as_baseline(a)) {
        let s = |e: f64| saving_at(model, arm, to, e);
        let crossing = crossing(&s)?;
        let at_evidence = match &model.caseload.evidence {
            Some(ev) => Some((ev[to], s(ev[to])?)),
            None => None,
        };
        let p_at_least = chance_of(dist, crossing);
        out.push(Threshold {
            arm,
            to,
            at_zero: s(0.0)?,
            at_evidence,
            crossing,
            p_at_least,
            exact,
        });
    }
    Ok(out)
}

/// P(effect ≥ the crossing's value) — or ≤, when the arm gains below it — under `dist`, the
/// scenario's distribution of that effect; `None` without a distribution or a crossing.
pub(crate) fn chance_of(
    dist: Option<&crate::uncertainty::Dist>,
    crossing: Crossing,
) -> Option<f64> {
    match (dist, crossing) {
        (
            Some(d),
            Crossing::At {
                elasticity,
                pays_above,
            },
        ) => {
            let below = d.cdf(elasticity);
            Some(if pays_above { 1.0 - below } else { below })
        }
        _ => None,
    }
}

/// The first zero of `s` on [0, MAX_ELASTICITY]: the first grid interval whose ends differ in
/// sign, bisected to [`TOLERANCE`].
pub(crate) fn crossing(s: &dyn Fn(f64) -> Result<f64>) -> Result<Crossing> {
    let step = MAX_ELASTICITY / GRID as f64;
    let (mut lo, mut s_lo) = (0.0, s(0.0)?);
    for k in 1..=GRID {
        let hi = k as f64 * step;
        let s_hi = s(hi)?;
        if (s_lo > 0.0) != (s_hi > 0.0) {
            let pays_above = s_hi > 0.0;
            let (mut a, mut b) = (lo, hi);
            while b - a > TOLERANCE {
                let mid = 0.5 * (a + b);
                if (s(mid)? > 0.0) == pays_above {
                    b = mid;
                } else {
                    a = mid;
                }
            }
            return Ok(Crossing::At {
                elasticity: 0.5 * (a + b),
                pays_above,
            });
        }
        (lo, s_lo) = (hi, s_hi);
    }
    Ok(if s_lo > 0.0 {
        Crossing::Always
    } else {
        Crossing::Never
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crossing_of_a_known_function_is_found_to_the_tolerance() {
        let root = 0.123_456;
        let up = |e: f64| Ok(1e6 * (e - root));
        match crossing(&up).unwrap() {
            Crossing::At {
                elasticity,
                pays_above,
            } => {
                assert!((elasticity - root).abs() <= TOLERANCE, "{elasticity}");
                assert!(pays_above);
            }
            other => panic!("{other:?}"),
        }
        let down = |e: f64| Ok(root - e);
        assert!(matches!(
            crossing(&down).unwrap(),
            Crossing::At {
                pays_above: false,
                ..
            }
        ));
        assert_eq!(crossing(&|_| Ok(1.0)).unwrap(), Crossing::Always);
        assert_eq!(crossing(&|_| Ok(-1.0)).unwrap(), Crossing::Never);
    }

    #[test]
    fn halving_at_the_research_centre_raises_the_hazard_about_seven_percent() {
        assert!((Threshold::halving_rise(0.1) - 0.071_773).abs() < 1e-6);
        assert_eq!(Threshold::halving_rise(0.0), 0.0);
    }
}
