//! The effect it would take for the chance of a gain to reach 50 % and 80 %: P(gain | ε), the
//! share of trials whose total saving on the headline basis is positive with every citizen's
//! job elasticity at ε (the other uncertain parameters drawn per trial as in the run), on a
//! grid of ε, every grid point on the same citizens and draws (common random numbers); the
//! level is crossed between two grid points and read off by linear interpolation.
//!
//! Unlike the break-even of the mean ([`super::thresholds`], exact on the expectation), this
//! is Monte Carlo: each P(gain) has a standard error of at most 0.5/√n for n trials.

use super::{Crossing, chance_of, set_elasticity};
use crate::effects::TrialEffect;
use crate::model::Model;
use crate::progress::Progress;
use crate::uncertainty::{Binding, Uncertainty};

/// The elasticities P(gain) is computed at: fine where the research's effect lies, coarser
/// towards the largest the break-even search considers.
pub const GRID: [f64; 11] = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0];

/// The chance levels reported.
pub const LEVELS: [f64; 2] = [0.5, 0.8];

/// Trials per grid point at most (the run's first ones): P(gain) within ±2.5 percentage
/// points (one standard error at 50 %).
pub const MAX_TRIALS: u32 = 400;

/// Trials per grid point for a run of `trials`: a twentieth of them, at least 100 (±5 points)
/// and at most [`MAX_TRIALS`], so the grid (the run's model and 11 variants on a twentieth of
/// the trials) costs about a fifth of the run's three models on all of them.
pub fn grid_trials(trials: u32) -> u32 {
    trials.min((trials / 20).clamp(100, MAX_TRIALS))
}

/// Where P(gain) reaches one level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    /// The chance, e.g. 0.8.
    pub level: f64,
    /// Where P(gain) crosses it on the grid.
    pub crossing: Crossing,
    /// P(ε ≥ that elasticity) (or ≤, for an arm that gains below it) under the scenario's
    /// distribution, when it draws one.
    pub p_at_least: Option<f64>,
}

/// P(gain) against the elasticity for one arm, and where it reaches [`LEVELS`].
#[derive(Debug, Clone, PartialEq)]
pub struct Chance {
    /// The arm (≥ 1).
    pub arm: usize,
    /// Trials per grid point.
    pub trials: u32,
    /// P(gain) at each elasticity of [`GRID`].
    pub p_gain: Vec<f64>,
    /// One per level of [`LEVELS`].
    pub levels: Vec<Level>,
}

/// [`Chance`] of every arm ≥ 1 staffed differently from the baseline, from the first
/// [`grid_trials`] trials of the run seeded `seed`; empty without a `job` state.
pub fn chances(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
) -> Vec<Chance> {
    let Some(to) = model.states.iter().position(|s| s.id == "job") else {
        return Vec::new();
    };
    let n = grid_trials(trials);
    let adjust = |v: usize, m: &mut Model| set_elasticity(m, to, GRID[v]);
    let (_, outcomes) = crate::psa::run_with_variants(
        model,
        params,
        (0..n as u64, seed),
        progress,
        (GRID.len(), &adjust),
        &TrialEffect::of,
    );
    let dist = params
        .params
        .iter()
        .find(|p| matches!(p.binding, Binding::Elasticity(j) if j == to))
        .map(|p| &p.dist);
    (1..model.arms.len())
        .filter(|&a| !model.staffed_as_baseline(a))
        .map(|arm| {
            let p_gain: Vec<f64> = (0..GRID.len())
                .map(|v| {
                    let gains = outcomes.iter().filter(|t| t[v].savings[arm - 1] > 0.0);
                    gains.count() as f64 / n as f64
                })
                .collect();
            let levels = LEVELS
                .iter()
                .map(|&level| {
                    let crossing = reach(&p_gain, level);
                    let p_at_least = chance_of(dist, crossing);
                    Level {
                        level,
                        crossing,
                        p_at_least,
                    }
                })
                .collect();
            Chance {
                arm,
                trials: n,
                p_gain,
                levels,
            }
        })
        .collect()
}

/// Where `p` (at [`GRID`]) first crosses `level`: linear interpolation between the two grid
/// points around the first change of side; `Always` when every point is at or above it,
/// `Never` when none is.
pub fn reach(p: &[f64], level: f64) -> Crossing {
    let above = |x: f64| x >= level;
    for k in 1..p.len() {
        if above(p[k - 1]) != above(p[k]) {
            let t = (level - p[k - 1]) / (p[k] - p[k - 1]);
            return Crossing::At {
                elasticity: GRID[k - 1] + t * (GRID[k] - GRID[k - 1]),
                pays_above: above(p[k]),
            };
        }
    }
    if above(p[0]) {
        Crossing::Always
    } else {
        Crossing::Never
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_is_read_between_the_grid_points_that_bracket_it() {
        let mut p = vec![0.0; GRID.len()];
        p[4..].iter_mut().for_each(|x| *x = 1.0);
        p[3] = 0.3; // at ε = 0.2; 1.0 at ε = 0.3
        match reach(&p, 0.65) {
            Crossing::At {
                elasticity,
                pays_above,
            } => {
                assert!((elasticity - 0.25).abs() < 1e-12, "{elasticity}");
                assert!(pays_above);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(reach(&vec![0.9; GRID.len()], 0.8), Crossing::Always);
        assert_eq!(reach(&vec![0.1; GRID.len()], 0.5), Crossing::Never);
        let down: Vec<f64> = GRID.iter().map(|e| 1.0 - e / 2.0).collect();
        assert!(matches!(
            reach(&down, 0.5),
            Crossing::At {
                pays_above: false,
                ..
            }
        ));
    }
}
