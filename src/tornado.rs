//! One-way sensitivity: each uncertain parameter at a low and a high value (its 5th and 95th
//! percentile, or bounds the user gives), every other parameter at its mean, the same seed —
//! so common random numbers — throughout. Ranked by the swing in the arm's mean net saving.
//!
//! (An expected value of perfect information figure is left out: with one decision arm against
//! a baseline it needs the decision rule and a second-level simulation per parameter group,
//! which does not fit this one-way design naturally.)

use crate::progress::Progress;

use crate::economics::Perspective;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::summary;
use crate::uncertainty::Uncertainty;

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TornadoRow {
    /// Parameter path, e.g. `caseload.elasticity.job`.
    pub parameter: String,
    /// Its low value (the row's exit total for a Dirichlet row).
    pub low: f64,
    /// Its high value.
    pub high: f64,
    /// Mean total discounted saving with the parameter low, kr.
    pub savings_low: f64,
    /// … with it high, kr.
    pub savings_high: f64,
    /// |savings_high − savings_low|, kr.
    pub swing: f64,
    /// The break-even job elasticity ([`crate::threshold`]) with the parameter low, when the
    /// arm's effect is the caseload's, `expect` accepts the scenario and the saving crosses
    /// zero; never for the job elasticity itself.
    pub breakeven_low: Option<f64>,
    /// … with it high.
    pub breakeven_high: Option<f64>,
}

/// A tornado: the saving with every parameter at its mean, and one bar per parameter.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Tornado {
    /// Mean total discounted saving with every parameter at its mean, kr.
    pub base: f64,
    /// The bars, largest swing first.
    pub rows: Vec<TornadoRow>,
}

/// Simulation runs a tornado of `params` makes: each parameter low and high, and the base.
pub fn runs(params: &Uncertainty) -> u64 {
    2 * params.params.len() as u64 + 1
}

/// Low and high values of parameter `k`: user `bounds` (by name) or the 5th/95th percentiles.
fn ends(params: &Uncertainty, k: usize, bounds: &[(String, f64, f64)]) -> (Vec<f64>, Vec<f64>) {
    let p = &params.params[k];
    match bounds.iter().find(|b| b.0 == p.name) {
        Some(&(_, lo, hi)) => (vec![lo], vec![hi]),
        None => (p.dist.quantile(0.05), p.dist.quantile(0.95)),
    }
}

/// A scalar summary of a value set (the exit total of a row).
fn scalar(v: &[f64]) -> f64 {
    if v.len() == 1 {
        v[0]
    } else {
        1.0 - v[v.len() - 1]
    }
}

/// The tornado of arm `arm` (by index, not the baseline) from perspective `p`: 2k + 1 runs of
/// `trials` trials for k parameters.
#[allow(clippy::too_many_arguments)]
pub fn tornado(
    model: &Model,
    params: &Uncertainty,
    arm: usize,
    p: Perspective,
    trials: u32,
    seed: u64,
    bounds: &[(String, f64, f64)],
    progress: &dyn Progress,
) -> Result<Tornado> {
    if params.is_empty() {
        return Err(Error::usage(
            "tornado",
            "the scenario has no uncertain parameters: write some numbers as distributions, e.g. { dist = \"normal\", mean = 0.5, sd = 0.2 }",
        ));
    }
    if let Some(b) = bounds
        .iter()
        .find(|b| !params.params.iter().any(|p| p.name == b.0))
    {
        let names: Vec<&str> = params.params.iter().map(|p| p.name.as_str()).collect();
        return Err(Error::usage(
            "--bound",
            format!(
                "no uncertain parameter `{}`; the scenario has {}",
                b.0,
                names.join(", ")
            ),
        ));
    }
    let means: Vec<Vec<f64>> = params.params.iter().map(|p| p.dist.mean()).collect();
    let saving = |values: &[Vec<f64>]| {
        let m = params.apply(model, values);
        let (none, chunk) = (Uncertainty::default(), crate::budget::chunk_trials(&m));
        summary::summarised(&m, &none, (trials, seed), progress, (chunk, p)).1[arm]
            .savings_total
            .mean
    };
    let base = saving(&means);
    let mut rows = Vec::with_capacity(params.params.len());
    for k in 0..params.params.len() {
        let (lo, hi) = ends(params, k, bounds);
        let mut values = means.clone();
        values[k] = lo.clone();
        let savings_low = saving(&values);
        let breakeven_low = breakeven(model, params, (&values, k), (arm, p));
        values[k] = hi.clone();
        let savings_high = saving(&values);
        let breakeven_high = breakeven(model, params, (&values, k), (arm, p));
        rows.push(TornadoRow {
            parameter: params.params[k].name.clone(),
            low: scalar(&lo),
            high: scalar(&hi),
            savings_low,
            savings_high,
            swing: (savings_high - savings_low).abs(),
            breakeven_low,
            breakeven_high,
        });
    }
    rows.sort_by(|a, b| {
        b.swing
            .total_cmp(&a.swing)
            .then_with(|| a.parameter.cmp(&b.parameter))
    });
    Ok(Tornado { base, rows })
}

/// The break-even job elasticity of `arm` from perspective `p` with the parameters at
/// `values` (parameter `k` at one of its ends); `None` for the job elasticity itself, for an
/// arm staffed as the baseline, when `expect` refuses the scenario or the saving does not cross
/// zero.
fn breakeven(
    model: &Model,
    params: &Uncertainty,
    (values, k): (&[Vec<f64>], usize),
    (arm, p): (usize, Perspective),
) -> Option<f64> {
    if matches!(
        params.params[k].binding,
        crate::uncertainty::Binding::Elasticity(_)
    ) {
        return None;
    }
    let mut m = params.apply(model, values);
    m.headline = p;
    let t = crate::threshold::thresholds(&m, &Uncertainty::default()).ok()?;
    t.iter().find(|t| t.arm == arm)?.crossing.pays_if().0
}

/// Parse `--bound NAME=LOW:HIGH`.
pub fn parse_bound(text: &str) -> Result<(String, f64, f64)> {
    let bad = || {
        Error::usage(
            "--bound",
            format!("`{text}` is not NAME=LOW:HIGH, e.g. caseload.elasticity.job=0:1"),
        )
    };
    let (name, range) = text.split_once('=').ok_or_else(bad)?;
    let (lo, hi) = range.split_once(':').ok_or_else(bad)?;
    let (lo, hi): (f64, f64) = (
        lo.trim().parse().map_err(|_| bad())?,
        hi.trim().parse().map_err(|_| bad())?,
    );
    if !(lo.is_finite() && hi.is_finite()) {
        return Err(bad());
    }
    Ok((name.trim().to_string(), lo, hi))
}
