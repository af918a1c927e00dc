//! Parameter distributions: what a scenario number may be written as instead of a number.
//!
//! Sampling uses rand_distr; means, quantiles and CDFs use statrs. Every constructor checks its
//! parameters and says what is wrong.

use rand::{Rng, RngExt};
use rand_distr::Distribution;
use statrs::distribution::{self as sd, ContinuousCDF};

use super::mixture::Mixture;

/// A distribution of one number (or, for [`Dist::Dirichlet`], of a transition row). Each
/// variant's doc names its fields.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum Dist {
    /// Always `value`.
    Fixed(f64),
    /// Uniform on [min, max].
    Uniform { min: f64, max: f64 },
    /// Triangular on [min, max] with mode `mode`.
    Triangular { min: f64, mode: f64, max: f64 },
    /// Normal(mean, sd), optionally truncated to [min, max].
    Normal {
        mean: f64,
        sd: f64,
        min: f64,
        max: f64,
    },
    /// Log-normal given the mean and sd of the number itself: σ² = ln(1 + sd²/mean²),
    /// μ = ln(mean) − σ²/2.
    LogNormal { mu: f64, sigma: f64 },
    /// Beta(alpha, beta) on [0, 1].
    Beta { alpha: f64, beta: f64 },
    /// Gamma with shape k and scale θ (mean kθ).
    Gamma { shape: f64, scale: f64 },
    /// Dirichlet(counts) over a row's destinations plus "stay" (the last count).
    Dirichlet { counts: Vec<f64> },
    /// A weighted mixture of the distributions above (not of rows).
    Mixture(Mixture),
}

/// A problem with a distribution's parameters, for a located error.
pub type DistError = String;

/// Shape parameters (beta's alpha and beta, gamma's shape, Dirichlet counts) lie in
/// [`MIN_SHAPE`, `MAX_SHAPE`]: beyond them the quantile searches need not finish (alpha = 10¹⁴)
/// and no evidence is that precise (a million observations).
pub const MIN_SHAPE: f64 = 1e-3;
/// See [`MIN_SHAPE`].
pub const MAX_SHAPE: f64 = 1e6;

/// The largest coefficient of variation (sd / mean) a log-normal may have: beyond it σ passes
/// 3 and nearly all the mass sits far below the mean (no evidence is that vague), and at
/// sd = 10¹⁵⁴ · mean σ² overflows.
pub const MAX_CV: f64 = 100.0;

fn shape(name: &str, x: f64) -> Result<f64, DistError> {
    if !(MIN_SHAPE..=MAX_SHAPE).contains(&x) {
        return Err(format!(
            "{name} must be between {MIN_SHAPE} and {MAX_SHAPE:e}, got {x}"
        ));
    }
    Ok(x)
}

fn positive(name: &str, x: f64) -> Result<f64, DistError> {
    if x > 0.0 && x.is_finite() {
        Ok(x)
    } else {
        Err(format!("{name} must be a finite number > 0, got {x}"))
    }
}

impl Dist {
    /// Always `value` (finite).
    pub fn fixed(value: f64) -> Result<Dist, DistError> {
        if !value.is_finite() {
            return Err(format!("fixed needs a finite value, got {value}"));
        }
        Ok(Dist::Fixed(value))
    }

    /// Uniform on [min, max], min < max.
    pub fn uniform(min: f64, max: f64) -> Result<Dist, DistError> {
        if !(min < max && min.is_finite() && max.is_finite()) {
            return Err(format!(
                "uniform needs finite min < max, got {min} and {max}"
            ));
        }
        Ok(Dist::Uniform { min, max })
    }

    /// Triangular, min ≤ mode ≤ max, min < max.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        if !(min <= mode && mode <= max && min < max && min.is_finite() && max.is_finite()) {
            return Err(format!(
                "triangular needs min ≤ mode ≤ max and min < max, got {min}, {mode}, {max}"
            ));
        }
        Ok(Dist::Triangular { min, mode, max })
    }

    /// Normal, sd > 0, truncated to [min, max] (infinite for none) holding ≥ 0.1 % of the mass.
    pub fn normal(mean: f64, sd: f64, min: f64, max: f64) -> Result<Dist, DistError> {
        positive("sd", sd)?;
        if !mean.is_finite() || min.is_nan() || max.is_nan() || min >= max {
            return Err(format!(
                "normal needs a finite mean and min < max, got mean {mean}, min {min}, max {max}"
            ));
        }
        let d = Dist::Normal { mean, sd, min, max };
        if d.mass() < 1e-3 {
            return Err(format!(
                "truncation to [{min}, {max}] keeps less than 0.1 % of normal({mean}, {sd})"
            ));
        }
        Ok(d)
    }

    /// Log-normal with this mean and sd of the number itself, sd/mean ≤ [`MAX_CV`].
    pub fn lognormal(mean: f64, sd: f64) -> Result<Dist, DistError> {
        positive("mean", mean)?;
        positive("sd", sd)?;
        if sd / mean > MAX_CV {
            return Err(format!(
                "lognormal's sd may be at most {MAX_CV} times its mean, got sd {sd:e} for mean {mean}"
            ));
        }
        let s2 = (1.0 + sd * sd / (mean * mean)).ln();
        Ok(Dist::LogNormal {
            mu: mean.ln() - s2 / 2.0,
            sigma: s2.sqrt(),
        })
    }

    /// Beta(alpha, beta), both in [[`MIN_SHAPE`], [`MAX_SHAPE`]].
    pub fn beta(alpha: f64, beta: f64) -> Result<Dist, DistError> {
        Ok(Dist::Beta {
            alpha: shape("alpha", alpha)?,
            beta: shape("beta", beta)?,
        })
    }

    /// Gamma(shape, scale), shape in [[`MIN_SHAPE`], [`MAX_SHAPE`]], scale > 0.
    pub fn gamma(shape_: f64, scale: f64) -> Result<Dist, DistError> {
        Ok(Dist::Gamma {
            shape: shape("shape", shape_)?,
            scale: positive("scale", scale)?,
        })
    }

    /// Dirichlet(counts), every count > 0, at least two.
    pub fn dirichlet(counts: Vec<f64>) -> Result<Dist, DistError> {
        if counts.len() < 2 {
            return Err("dirichlet needs at least one destination and `stay`".into());
        }
        for &c in &counts {
            shape("a count", c)?;
        }
        Ok(Dist::Dirichlet { counts })
    }

    /// The distribution's name in a scenario file, e.g. `normal`.
    pub fn kind(&self) -> &'static str {
        match self {
            Dist::Fixed(_) => "fixed",
            Dist::Uniform { .. } => "uniform",
            Dist::Triangular { .. } => "triangular",
            Dist::Normal { .. } => "normal",
            Dist::LogNormal { .. } => "lognormal",
            Dist::Beta { .. } => "beta",
            Dist::Gamma { .. } => "gamma",
            Dist::Dirichlet { .. } => "dirichlet",
            Dist::Mixture(_) => "mixture",
        }
    }

    /// Probability mass kept by a normal's truncation (1 for every other distribution).
    fn mass(&self) -> f64 {
        match *self {
            Dist::Normal { mean, sd, min, max } => {
                let n = sd::Normal::new(mean, sd).expect("checked");
                n.cdf(max) - n.cdf(min)
            }
            _ => 1.0,
        }
    }

    /// The smallest and largest values the distribution can take (per component for a row).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Dist::Fixed(v) => (v, v),
            Dist::Uniform { min, max }
            | Dist::Triangular { min, max, .. }
            | Dist::Normal { min, max, .. } => (min, max),
            Dist::LogNormal { .. } | Dist::Gamma { .. } => (0.0, f64::INFINITY),
            Dist::Beta { .. } | Dist::Dirichlet { .. } => (0.0, 1.0),
            Dist::Mixture(ref m) => m.support(),
        }
    }

    /// Whether the distribution reaches its upper support bound with probability 0 (beta at 1).
    pub fn open_above(&self) -> bool {
        match self {
            Dist::Mixture(m) => m.open_above(),
            d => matches!(d, Dist::Beta { .. } | Dist::Dirichlet { .. }),
        }
    }

    /// The largest value that matters in practice: the upper support bound when finite and
    /// reachable, else the 1 − 10⁻⁹ quantile.
    pub fn practical_max(&self) -> f64 {
        match self {
            Dist::LogNormal { .. } | Dist::Gamma { .. } | Dist::Beta { .. } => {
                self.quantile(1.0 - 1e-9)[0]
            }
            Dist::Normal { max, .. } if max.is_infinite() => self.quantile(1.0 - 1e-9)[0],
            Dist::Mixture(m) => m.practical_max(),
            _ => self.support().1,
        }
    }

    /// The mean (per component for a row: counts / total).
    pub fn mean(&self) -> Vec<f64> {
        let m = match *self {
            Dist::Fixed(v) => v,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Normal { mean, sd, min, max } => {
                // Truncated normal: μ + σ (φ(a) − φ(b)) / (Φ(b) − Φ(a)), a, b standardised.
                let std = sd::Normal::standard();
                let (a, b) = ((min - mean) / sd, (max - mean) / sd);
                let pdf = |x: f64| {
                    if x.is_finite() {
                        (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt()
                    } else {
                        0.0
                    }
                };
                mean + sd * (pdf(a) - pdf(b)) / (std.cdf(b) - std.cdf(a))
            }
            Dist::LogNormal { mu, sigma } => (mu + sigma * sigma / 2.0).exp(),
            Dist::Beta { alpha, beta } => alpha / (alpha + beta),
            Dist::Gamma { shape, scale } => shape * scale,
            Dist::Dirichlet { ref counts } => {
                let total: f64 = counts.iter().sum();
                return counts.iter().map(|c| c / total).collect();
            }
            Dist::Mixture(ref mix) => mix.mean(),
        };
        vec![m]
    }

    /// The value at probability `p` (0 < p < 1). For a Dirichlet row: the row whose exit total
    /// is at its own p-quantile (a Beta marginal), destinations in their mean proportions.
    pub fn quantile(&self, p: f64) -> Vec<f64> {
        let q = match *self {
            Dist::Fixed(v) => v,
            Dist::Uniform { min, max } => min + p * (max - min),
            Dist::Triangular { min, mode, max } => sd::Triangular::new(min, max, mode)
                .expect("checked")
                .inverse_cdf(p),
            Dist::Normal { mean, sd, min, max } => {
                let n = sd::Normal::new(mean, sd).expect("checked");
                n.inverse_cdf(n.cdf(min) + p * (n.cdf(max) - n.cdf(min)))
            }
            Dist::LogNormal { mu, sigma } => sd::LogNormal::new(mu, sigma)
                .expect("checked")
                .inverse_cdf(p),
            Dist::Beta { alpha, beta } => {
                sd::Beta::new(alpha, beta).expect("checked").inverse_cdf(p)
            }
            Dist::Gamma { shape, scale } => sd::Gamma::new(shape, 1.0 / scale)
                .expect("checked")
                .inverse_cdf(p),
            Dist::Dirichlet { ref counts } => {
                let (stay, exits) = counts.split_last().expect("checked");
                let exit_total: f64 = exits.iter().sum();
                let exit = sd::Beta::new(exit_total, *stay)
                    .expect("checked")
                    .inverse_cdf(p);
                let mut row: Vec<f64> = exits.iter().map(|c| exit * c / exit_total).collect();
                row.push(1.0 - exit);
                return row;
            }
            Dist::Mixture(ref m) => m.quantile(p),
        };
        vec![q]
    }

    /// The CDF at `x` (not for a Dirichlet row).
    pub fn cdf(&self, x: f64) -> f64 {
        match *self {
            Dist::Fixed(v) => (x >= v) as u8 as f64,
            Dist::Uniform { min, max } => ((x - min) / (max - min)).clamp(0.0, 1.0),
            Dist::Triangular { min, mode, max } => {
                sd::Triangular::new(min, max, mode).expect("checked").cdf(x)
            }
            Dist::Normal { mean, sd, min, max } => {
                let n = sd::Normal::new(mean, sd).expect("checked");
                ((n.cdf(x.clamp(min, max)) - n.cdf(min)) / (n.cdf(max) - n.cdf(min)))
                    .clamp(0.0, 1.0)
            }
            Dist::LogNormal { mu, sigma } => sd::LogNormal::new(mu, sigma).expect("checked").cdf(x),
            Dist::Beta { alpha, beta } => sd::Beta::new(alpha, beta).expect("checked").cdf(x),
            Dist::Gamma { shape, scale } => {
                sd::Gamma::new(shape, 1.0 / scale).expect("checked").cdf(x)
            }
            Dist::Mixture(ref m) => m.cdf(x),
            Dist::Dirichlet { .. } => panic!("a Dirichlet row has no single CDF"),
        }
    }

    /// Draw a value (a row, for Dirichlet) into `out`.
    pub fn sample<R: Rng>(&self, rng: &mut R, out: &mut Vec<f64>) {
        out.clear();
        let x = match *self {
            Dist::Fixed(v) => v,
            Dist::Uniform { min, max } => min + rng.random::<f64>() * (max - min),
            Dist::Triangular { min, mode, max } => rand_distr::Triangular::new(min, max, mode)
                .expect("checked")
                .sample(rng),
            Dist::Normal { mean, sd, min, max } => {
                // Rejection from the untruncated normal: the truncation keeps ≥ 0.1 % of the
                // mass (checked), so this ends quickly.
                let n = rand_distr::Normal::new(mean, sd).expect("checked");
                loop {
                    let x = n.sample(rng);
                    if (min..=max).contains(&x) {
                        break x;
                    }
                }
            }
            Dist::LogNormal { mu, sigma } => rand_distr::LogNormal::new(mu, sigma)
                .expect("checked")
                .sample(rng),
            Dist::Beta { alpha, beta } => rand_distr::Beta::new(alpha, beta)
                .expect("checked")
                .sample(rng),
            Dist::Gamma { shape, scale } => rand_distr::Gamma::new(shape, scale)
                .expect("checked")
                .sample(rng),
            Dist::Dirichlet { ref counts } => {
                // Normalised independent Gamma(count, 1) draws.
                let draws: Vec<f64> = counts
                    .iter()
                    .map(|&c| rand_distr::Gamma::new(c, 1.0).expect("checked").sample(rng))
                    .collect();
                let total: f64 = draws.iter().sum();
                out.extend(draws.iter().map(|g| g / total));
                return;
            }
            Dist::Mixture(ref m) => m.sample(rng),
        };
        out.push(x);
    }
}
