//! A mixture of distributions: with probability w_i the number comes from component i. It says
//! what a single distribution cannot, e.g. "maybe no effect at all, maybe about 0.1": a point
//! mass at zero (`fixed`, value 0) beside a lognormal.
//!
//! CDF F(x) = Σ w_i F_i(x); mean Σ w_i μ_i; the p-quantile is inf{x : F(x) ≥ p}, found by
//! bisection between the components' own p-quantiles (F is at most p at the smallest of them
//! and at least p at the largest).

use rand::{Rng, RngExt};

use super::dist::{Dist, DistError};

/// Weighted components; weights are positive and sum to 1, no component is a mixture or a
/// Dirichlet row.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture {
    /// Weights, summing to 1.
    pub weights: Vec<f64>,
    /// The components.
    pub components: Vec<Dist>,
}

impl Mixture {
    /// Check and build.
    pub fn new(weights: Vec<f64>, components: Vec<Dist>) -> Result<Mixture, DistError> {
        if components.len() < 2 || weights.len() != components.len() {
            return Err("a mixture needs at least two components, each with a weight".into());
        }
        if weights.iter().any(|w| !(w.is_finite() && *w > 0.0)) {
            return Err("mixture weights must be numbers > 0".into());
        }
        let total: f64 = weights.iter().sum();
        if (total - 1.0).abs() > 1e-9 {
            return Err(format!("mixture weights sum to {total}, not 1"));
        }
        if components
            .iter()
            .any(|c| matches!(c, Dist::Dirichlet { .. } | Dist::Mixture(_)))
        {
            return Err("a mixture's components are single numbers' distributions".into());
        }
        Ok(Mixture {
            weights,
            components,
        })
    }

    /// The smallest and largest value any component can take.
    pub fn support(&self) -> (f64, f64) {
        self.components
            .iter()
            .map(Dist::support)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (lo, hi)| {
                (a.min(lo), b.max(hi))
            })
    }

    /// Σ w_i μ_i.
    pub fn mean(&self) -> f64 {
        self.weights
            .iter()
            .zip(&self.components)
            .map(|(w, c)| w * c.mean()[0])
            .sum()
    }

    /// Σ w_i F_i(x).
    pub fn cdf(&self, x: f64) -> f64 {
        self.weights
            .iter()
            .zip(&self.components)
            .map(|(w, c)| w * c.cdf(x))
            .sum()
    }

    /// inf{x : F(x) ≥ p}, by bisection (to 1e-12 of the bracket's width).
    pub fn quantile(&self, p: f64) -> f64 {
        let qs = self.components.iter().map(|c| c.quantile(p)[0]);
        let (mut lo, mut hi) = qs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), q| {
            (a.min(q), b.max(q))
        });
        if self.cdf(lo) >= p {
            return lo;
        }
        let tolerance = 1e-12 * (hi - lo).abs().max(1e-300);
        while hi - lo > tolerance {
            let mid = 0.5 * (lo + hi);
            if self.cdf(mid) >= p {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    /// The largest value that matters in practice: the largest component's.
    pub fn practical_max(&self) -> f64 {
        self.components
            .iter()
            .map(Dist::practical_max)
            .fold(f64::NEG_INFINITY, f64::max)
    }

    /// Whether the upper bound of the support is reached with probability 0.
    pub fn open_above(&self) -> bool {
        let hi = self.support().1;
        self.components
            .iter()
            .filter(|c| c.support().1 == hi)
            .all(Dist::open_above)
    }

    /// One draw: a component by weight (one uniform), then the component's own draw.
    pub fn sample<R: Rng>(&self, rng: &mut R) -> f64 {
        let u: f64 = rng.random();
        let mut cum = 0.0;
        let mut pick = self.components.len() - 1;
        for (i, w) in self.weights.iter().enumerate() {
            cum += w;
            if u < cum {
                pick = i;
                break;
            }
        }
        let mut out = Vec::with_capacity(1);
        self.components[pick].sample(rng, &mut out);
        out[0]
    }
}
