//! Likelihood-tempered sequential Monte Carlo over the uncertain parameters, for actuals that
//! few of the scenario's own draws explain (too few effective trials for plain likelihood
//! weighting). Particles start as draws from the scenario's distributions and move, stage by
//! stage, through the targets π_φ(θ) ∝ p(θ) · L(θ)^φ from φ = 0 to φ = 1 (Del Moral, Doucet &
//! Jasra 2006; the next φ chosen so the stage keeps half the particles effective, Jasra et al.
//! 2011). Each stage reweights by L^Δφ, resamples systematically and moves every particle by
//! a few Metropolis steps. L is the exact trace's likelihood of the actual counts
//! ([`super::chain::Chain::log_likelihood`]), as for the weighting itself.
//!
//! Moves run in probability space: a single-number parameter is held as u = F(θ) ∈ (0, 1),
//! under which its prior is uniform, so a random walk on u reflected at 0 and 1 is accepted
//! with probability min(1, (L(θ') / L(θ))^φ) alone. A Dirichlet row is not moved: it keeps its
//! draw and is resampled with its particle. Every random number is drawn from a stream keyed
//! by stage, step and particle, so the result does not depend on the number of threads.

use rand::RngExt;
use rand_distr::StandardNormal;
use rayon::prelude::*;

use super::actuals::Count;
use super::chain::Chain;
use super::weights;
use crate::error::{Error, Result};
use crate::expect;
use crate::model::Model;
use crate::rng::{Purpose, stream};
use crate::uncertainty::{Dist, Uncertainty};

/// Metropolis steps per particle and stage.
const STEPS: u64 = 5;
/// The most stages before the sampler gives up.
const MAX_STAGES: u64 = 200;

/// The particles at φ = 1: each one's parameter values (as [`Uncertainty::draw`] gives them)
/// and how the sampler went.
#[derive(Debug, Clone)]
pub struct Particles {
    /// `[particle][parameter][component]`.
    pub values: Vec<Vec<Vec<f64>>>,
    /// Tempering stages run.
    pub stages: u64,
    /// Share of the proposed moves accepted, over all stages.
    pub acceptance: f64,
    /// The values of the particle that explains the actuals best.
    pub best: Vec<Vec<f64>>,
}

/// One particle: probability-space coordinates of the single-number parameters, the values,
/// and the log-likelihood of the actuals under them.
#[derive(Debug, Clone)]
struct Particle {
    u: Vec<f64>,
    values: Vec<Vec<f64>>,
    ll: f64,
}

/// The log-likelihood of `obs` under `values` of `params` on `pair` (−∞ when the trace is not
/// finite).
pub fn log_likelihood(
    pair: &Model,
    params: &Uncertainty,
    values: &[Vec<f64>],
    obs: &[Count],
) -> f64 {
    let model = params.apply(pair, values);
    let Ok(trace) = expect::arm_moves(&model, 1) else {
        return f64::NEG_INFINITY;
    };
    Chain::new(&model, &trace)
        .log_likelihood(&model, obs)
        .unwrap_or(f64::NEG_INFINITY)
}

/// `n` particles from the posterior of `params` given the counts `obs` of `pair`'s arm 1.
pub fn sample(
    pair: &Model,
    params: &Uncertainty,
    obs: &[Count],
    (n, seed): (usize, u64),
) -> Result<Particles> {
    let moved: Vec<bool> = params
        .params
        .iter()
        .map(|p| !matches!(p.dist, Dist::Dirichlet { .. } | Dist::Fixed(_)))
        .collect();
    let mut particles: Vec<Particle> = (0..n as u64)
        .into_par_iter()
        .map(|k| {
            let mut values = params.draw(seed, k);
            let mut rng = stream(seed, Purpose::Follow, 1, k);
            let u: Vec<f64> = (0..params.params.len())
                .map(|j| match moved[j] {
                    true => rng.random_range(1e-9..1.0 - 1e-9),
                    false => 0.5,
                })
                .collect();
            for (j, p) in params.params.iter().enumerate().filter(|(j, _)| moved[*j]) {
                values[j] = p.dist.quantile(u[j]);
            }
            let ll = log_likelihood(pair, params, &values, obs);
            Particle { u, values, ll }
        })
        .collect();
    if particles.iter().all(|p| !p.ll.is_finite()) {
        return Err(Error::usage(
            "--actuals",
            "no draw of the scenario's parameters gives the observed counts a likelihood",
        ));
    }
    let (mut phi, mut stage, mut accepted, mut proposed) = (0.0, 0u64, 0u64, 0u64);
    while phi < 1.0 {
        stage += 1;
        if stage > MAX_STAGES {
            return Err(Error::usage(
                "--actuals",
                format!("the update did not settle in {MAX_STAGES} stages"),
            ));
        }
        let ll: Vec<f64> = particles.iter().map(|p| p.ll).collect();
        let next = next_phi(&ll, phi);
        let w = weights::normalise(&ll.iter().map(|l| (next - phi) * l).collect::<Vec<_>>());
        let u0: f64 = stream(seed, Purpose::Follow, 2, stage).random();
        let picks = weights::resample(&w, n, u0);
        particles = picks.iter().map(|&k| particles[k].clone()).collect();
        phi = next;
        let scale = scales(&particles, &moved);
        let moves: Vec<(Particle, u64)> = particles
            .into_par_iter()
            .enumerate()
            .map(|(k, p)| {
                let key = (stage, k as u64);
                metropolis(p, (pair, params, obs), (&moved, &scale), (phi, seed, key))
            })
            .collect();
        accepted += moves.iter().map(|m| m.1).sum::<u64>();
        proposed += STEPS * n as u64;
        particles = moves.into_iter().map(|m| m.0).collect();
    }
    let best = particles
        .iter()
        .max_by(|a, b| a.ll.total_cmp(&b.ll))
        .map(|p| p.values.clone())
        .unwrap_or_default();
    Ok(Particles {
        best,
        values: particles.into_iter().map(|p| p.values).collect(),
        stages: stage,
        acceptance: accepted as f64 / proposed.max(1) as f64,
    })
}

/// The next temperature after `phi`: the largest φ' ≤ 1 at which the weights L^(φ' − φ) keep at
/// least half the particles effective (bisection).
fn next_phi(ll: &[f64], phi: f64) -> f64 {
    let ess = |d: f64| {
        let scaled: Vec<f64> = ll.iter().map(|l| d * l).collect();
        weights::effective_size(&weights::normalise(&scaled))
    };
    let target = ll.len() as f64 / 2.0;
    if ess(1.0 - phi) >= target {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.0, 1.0 - phi);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if ess(mid) >= target {
            lo = mid
        } else {
            hi = mid
        }
    }
    // Always progress, however little: a stage that keeps a single particle still moves it.
    phi + lo.max(1e-6 * (1.0 - phi))
}

/// Random-walk step sizes per parameter: 2.38 / √d times the particles' spread in u, held
/// within [0.005, 0.5].
fn scales(particles: &[Particle], moved: &[bool]) -> Vec<f64> {
    let d = moved.iter().filter(|&&m| m).count().max(1) as f64;
    (0..moved.len())
        .map(|j| {
            let n = particles.len() as f64;
            let mean = particles.iter().map(|p| p.u[j]).sum::<f64>() / n;
            let var = particles
                .iter()
                .map(|p| (p.u[j] - mean).powi(2))
                .sum::<f64>()
                / n;
            (2.38 / d.sqrt() * var.sqrt()).clamp(0.005, 0.5)
        })
        .collect()
}

/// [`STEPS`] Metropolis steps of particle `p` at temperature `phi`; with the number accepted.
fn metropolis(
    mut p: Particle,
    (pair, params, obs): (&Model, &Uncertainty, &[Count]),
    (moved, scale): (&[bool], &[f64]),
    (phi, seed, (stage, k)): (f64, u64, (u64, u64)),
) -> (Particle, u64) {
    let mut rng = stream(seed, Purpose::Follow, 3 + stage, k);
    let mut accepted = 0;
    for _ in 0..STEPS {
        let mut q = p.clone();
        for (j, dist) in params.params.iter().map(|x| &x.dist).enumerate() {
            if moved[j] {
                let z: f64 = rng.sample(StandardNormal);
                q.u[j] = reflect(q.u[j] + scale[j] * z);
                q.values[j] = dist.quantile(q.u[j]);
            }
        }
        q.ll = log_likelihood(pair, params, &q.values, obs);
        let log_u: f64 = rng.random::<f64>().ln();
        if q.ll.is_finite() && log_u < phi * (q.ll - p.ll) {
            p = q;
            accepted += 1;
        }
    }
    (p, accepted)
}

/// `x` folded into (0, 1) by reflection at 0 and 1, kept 10⁻⁹ inside.
fn reflect(x: f64) -> f64 {
    let y = x.rem_euclid(2.0);
    let y = if y > 1.0 { 2.0 - y } else { y };
    y.clamp(1e-9, 1.0 - 1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflection_stays_inside() {
        for x in [-2.3, -0.2, 0.0, 0.4, 1.0, 1.3, 7.9] {
            let y = reflect(x);
            assert!(y > 0.0 && y < 1.0, "{x} -> {y}");
        }
        assert!((reflect(1.2) - 0.8).abs() < 1e-12);
        assert!((reflect(-0.2) - 0.2).abs() < 1e-12);
    }

    #[test]
    fn the_next_temperature_keeps_half_the_particles() {
        let ll: Vec<f64> = (0..1000).map(|k| -(k as f64) / 10.0).collect();
        let phi = next_phi(&ll, 0.0);
        let w = weights::normalise(&ll.iter().map(|l| phi * l).collect::<Vec<_>>());
        let ess = weights::effective_size(&w);
        assert!(
            phi > 0.0 && phi < 1.0 && (ess - 500.0).abs() < 1.0,
            "{phi} {ess}"
        );
        assert_eq!(next_phi(&[-1.0; 10], 0.3), 1.0);
    }
}
