//! `kohort follow`: the likelihood update is calibrated, and moves the forecast the right way.

use std::path::Path;

use kohort::engine;
use kohort::expect::arm_trace;
use kohort::follow::chain::{Chain, Normal};
use kohort::follow::{Count, pair, weights};
use kohort::model::Model;
use kohort::uncertainty::Uncertainty;

fn scenario() -> (Model, Uncertainty) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/follow-test.toml");
    let (model, params) = kohort::scenario::load_uncertain(&path).unwrap();
    (pair(&model, 1).unwrap(), params)
}

/// The observed entries of months 1..=months, every state.
fn entries(model: &Model, months: u32) -> Vec<Count> {
    let states = model.states.len();
    (1..=months)
        .flat_map(|m| (0..states).map(move |s| (m, s)))
        .map(|(month, state)| Count {
            month,
            state,
            count: 0.0,
            line: 0,
        })
        .collect()
}

/// Prior trials: each one's elasticity and the normal law of the observed counts under it.
fn prior(model: &Model, params: &Uncertainty, obs: &[Count], n: u64) -> Vec<(f64, Normal)> {
    (0..n)
        .map(|k| {
            let drawn = params.draw(5, k);
            let m = params.apply(model, &drawn);
            let chain = Chain::new(&m, &arm_trace(&m, 1).unwrap());
            (drawn[0][0], chain.normal(&m, obs).unwrap())
        })
        .collect()
}

/// One synthetic history: the arm's counts at `obs` in a trial on parameters drawn from the
/// prior (another seed), and the elasticity it was drawn with.
fn history(model: &Model, params: &Uncertainty, obs: &[Count], r: u64) -> (f64, Vec<f64>) {
    let drawn = params.draw(99, r);
    let m = params.apply(model, &drawn);
    let bar = indicatif::ProgressBar::hidden();
    let res = engine::run(&m, 1, 1000 + r, &bar);
    let y = obs
        .iter()
        .map(|c| res.occupancy(0, 1, c.month as usize - 1, c.state))
        .collect();
    (drawn[0][0], y)
}

/// Posterior 90 % interval of the elasticity given `y`.
fn interval(prior: &[(f64, Normal)], y: &[f64]) -> (f64, f64) {
    let ll: Vec<f64> = prior
        .iter()
        .map(|(_, n)| n.log_density(y).unwrap())
        .collect();
    let w = weights::normalise(&ll);
    let e: Vec<f64> = prior.iter().map(|(e, _)| *e).collect();
    (
        weights::quantile(&e, &w, 0.05),
        weights::quantile(&e, &w, 0.95),
    )
}

#[test]
fn posterior_intervals_cover_the_truth_and_narrow_with_more_months() {
    let (model, params) = scenario();
    let (r_max, n) = (300, 2000);
    let mut widths = Vec::new();
    for months in [6, 12] {
        let obs = entries(&model, months);
        let prior = prior(&model, &params, &obs, n);
        let (mut hits, mut width) = (0, 0.0);
        for r in 0..r_max {
            let (truth, y) = history(&model, &params, &obs, r);
            let (lo, hi) = interval(&prior, &y);
            hits += (lo <= truth && truth <= hi) as u32;
            width += hi - lo;
        }
        let coverage = hits as f64 / r_max as f64;
        eprintln!(
            "{months} months: coverage {coverage}, mean width {}",
            width / r_max as f64
        );
        assert!(
            (0.85..=0.95).contains(&coverage),
            "{months} months: {coverage}"
        );
        widths.push(width / r_max as f64);
    }
    assert!(widths[1] < widths[0], "{widths:?}");
}
