//! `kohort follow`: the likelihood update is calibrated, and moves the forecast the right way.

use std::path::Path;

use kohort::engine;
use kohort::expect::arm_moves;
use kohort::follow::chain::{Chain, Normal};
use kohort::follow::{Actuals, Count, Followed, Job, follow, pair, weights};
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
            let chain = Chain::new(&m, &arm_moves(&m, 1).unwrap());
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

/// Follow the test scenario's arm `lav` with counts observed in months 1..=12, every state:
/// `counts(state, expected counts of the month at the parameters' means)`.
fn followed(counts: impl Fn(usize, &[f64]) -> f64) -> Followed {
    let (_, params) = scenario();
    followed_with(&mean_draw(&params), counts, 4000)
}

/// Follow the test scenario's arm `lav` with `trials` trials, counts observed in months
/// 1..=12, every state: `counts(state, expected counts of the month at parameters `at`)`.
fn followed_with(at: &[Vec<f64>], counts: impl Fn(usize, &[f64]) -> f64, trials: u32) -> Followed {
    let (model, params) = scenario();
    let expected = kohort::expect::expect(&params.apply(&model, at)).unwrap();
    let obs = entries(&model, 12)
        .into_iter()
        .map(|c| {
            let month = expected.record(1, c.month as usize - 1);
            Count {
                count: counts(c.state, month).round(),
                ..c
            }
        })
        .collect();
    let actuals = Actuals {
        file: "actuals.csv".into(),
        counts: obs,
        ..Actuals::default()
    };
    let job = Job {
        model: &model,
        params: &params,
        arm: 1,
        actuals: &actuals,
    };
    follow(job, (trials, 3), &indicatif::ProgressBar::hidden()).unwrap()
}

/// Every parameter at its mean.
fn mean_draw(params: &Uncertainty) -> Vec<Vec<f64>> {
    params.params.iter().map(|p| p.dist.mean()).collect()
}

#[test]
fn actuals_inside_the_band_move_the_forecast_little_and_far_below_move_it_down() {
    let p = kohort::economics::Perspective::HEADLINE;
    let (model, _) = scenario();
    let job = model.state_index("job").unwrap();
    let kh = model.state_index("kh").unwrap();
    let as_expected = followed(|s, month| month[s]);
    let (prior, updated) = (as_expected.prior.arm(1, p), as_expected.updated.arm(1, p));
    let sd = prior.savings_total.sd;
    let moved = updated.savings_total.mean - prior.savings_total.mean;
    assert!(moved.abs() < 0.25 * sd, "moved {moved} with prior sd {sd}");
    assert!(as_expected.checks.iter().all(|r| !r.outside()));
    // Half the expected jobs, the other half still on kontanthjælp.
    let short = followed(|s, month| match s {
        s if s == job => 0.5 * month[job],
        s if s == kh => month[kh] + 0.5 * month[job],
        _ => month[s],
    });
    let (prior, updated) = (short.prior.arm(1, p), short.updated.arm(1, p));
    assert!(
        updated.savings_total.mean < prior.savings_total.mean - prior.savings_total.sd,
        "{} against {} (sd {})",
        updated.savings_total.mean,
        prior.savings_total.mean,
        prior.savings_total.sd
    );
    assert!(updated.p_gain < prior.p_gain);
    let elasticity = &short.params[0];
    assert!(
        elasticity.posterior[0] < elasticity.prior[0],
        "{elasticity:?}"
    );
}

/// The tempered sampler targets the same posterior as weighting many prior draws: on the test
/// scenario's synthetic histories (truth drawn from the prior), its 90 % intervals of the
/// elasticity cover the truth at the nominal rate, and its posterior mean agrees with the
/// weighted one of 2000 prior draws.
#[test]
fn the_tempered_sampler_covers_the_truth_and_agrees_with_weighting() {
    let (model, params) = scenario();
    let obs = entries(&model, 12);
    let prior = prior(&model, &params, &obs, 2000);
    let reps = 60;
    let (mut hits, mut gap, mut width) = (0, 0.0f64, 0.0);
    for r in 0..reps {
        let (truth, y) = history(&model, &params, &obs, r);
        let counted: Vec<Count> = obs
            .iter()
            .zip(&y)
            .map(|(c, &count)| Count { count, ..*c })
            .collect();
        let particles =
            kohort::follow::smc::sample(&model, &params, &counted, (300, 7 + r)).unwrap();
        let e: Vec<f64> = particles.values.iter().map(|v| v[0][0]).collect();
        let equal = vec![1.0 / e.len() as f64; e.len()];
        let (lo, hi) = (
            weights::quantile(&e, &equal, 0.05),
            weights::quantile(&e, &equal, 0.95),
        );
        hits += (lo <= truth && truth <= hi) as u32;
        width += hi - lo;
        let ll: Vec<f64> = prior
            .iter()
            .map(|(_, n)| n.log_density(&y).unwrap())
            .collect();
        let w = weights::normalise(&ll);
        let pe: Vec<f64> = prior.iter().map(|(e, _)| *e).collect();
        gap = gap.max((weights::mean(&e, &equal) - weights::mean(&pe, &w)).abs() / (hi - lo));
    }
    let coverage = hits as f64 / reps as f64;
    eprintln!(
        "tempered: coverage {coverage}, mean width {}, largest gap {gap}",
        width / reps as f64
    );
    // 90 % ± 4 binomial standard errors of 60 replications (±0.155, capped at 1).
    assert!((0.745..=1.0).contains(&coverage), "coverage {coverage}");
    // Means agree within a tenth of the 90 % interval's width in every replication.
    assert!(
        gap < 0.1,
        "largest gap between the two posterior means: {gap}"
    );
}

/// Follow the test scenario with counts from the expectation at elasticity `truth`.
fn followed_at(truth: f64) -> Followed {
    followed_with(&[vec![truth]], |s, month| month[s], 1000)
}

/// Actuals the scenario's distributions cannot produce (an elasticity of 2 or −0.5 against a
/// prior on [0, 1]) are updated without asking for millions of trials, and said in words to
/// lie outside what the scenario allows; actuals inside it are not.
#[test]
fn actuals_outside_the_prior_are_named_as_such() {
    use kohort::report::Lang;
    for (truth, above, bound) in [(2.0, true, 1.0), (-0.5, false, 0.0)] {
        let f = followed_at(truth);
        assert!(
            matches!(f.sampler, kohort::follow::Sampler::Tempered { .. }),
            "{truth}: {:?} with {} effective",
            f.sampler,
            f.effective
        );
        let c = &f.conflicts;
        assert_eq!(c.len(), 1, "{truth}: {c:?}");
        assert_eq!((c[0].above, c[0].bound), (above, Some(bound)), "{truth}");
        let words = kohort::report::follow_words::conflict(Lang::En, &f).unwrap();
        let side = if above {
            "above its upper bound 1"
        } else {
            "below its lower bound 0"
        };
        assert!(words.contains(side), "{words}");
        // At 2 no value in [0, 1] fits at all; at −0.5 values below 0 fit significantly better.
        assert_eq!(
            f.fit.unwrap().plausible(),
            truth < 0.0,
            "{truth}: {:?}",
            f.fit
        );
        assert!(
            words.starts_with("The actuals are not plausible"),
            "{words}"
        );
    }
    let inside = followed_at(0.5);
    assert!(inside.conflicts.is_empty(), "{:?}", inside.conflicts);
    assert!(inside.fit.unwrap().plausible(), "{:?}", inside.fit);
    assert_eq!(
        kohort::report::follow_words::conflict(Lang::En, &inside),
        None
    );
}
