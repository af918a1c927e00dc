//! Effects from the evidence: the `mixture` distribution against statrs, effects stated on the
//! probability scale against the exact trace, and the side-by-side runs (no effect, the
//! research's centre, the scenario's own) that `run` reports.

use crate::common;

use kohort::economics::{Ledgers, Perspective};
use kohort::effects::{self, Effect};
use kohort::expect::expect;
use kohort::rng::{Purpose, stream};
use kohort::uncertainty::{Dist, Mixture};
use statrs::distribution::{ContinuousCDF, LogNormal};

/// The base files' job elasticity: no effect with weight 0.3, else lognormal(mean 0.14, sd 0.07).
fn evidence_mixture() -> Dist {
    Dist::Mixture(
        Mixture::new(
            vec![0.3, 0.7],
            vec![
                Dist::fixed(0.0).unwrap(),
                Dist::lognormal(0.14, 0.07).unwrap(),
            ],
        )
        .unwrap(),
    )
}

/// The same CDF from statrs directly: 0.3 · 1[x ≥ 0] + 0.7 · F_LN(x).
fn statrs_cdf(x: f64) -> f64 {
    let s2 = (1.0f64 + 0.07 * 0.07 / (0.14 * 0.14)).ln();
    let ln = LogNormal::new(0.14f64.ln() - s2 / 2.0, s2.sqrt()).unwrap();
    0.3 * (x >= 0.0) as u8 as f64 + 0.7 * ln.cdf(x)
}

#[test]
fn mixture_draws_match_statrs_kolmogorov_smirnov() {
    // KS over the continuous part (the atom at 0 is tested by its frequency): at α = 0.01 the
    // critical value is 1.628/√n.
    let d = evidence_mixture();
    let n = 20_000;
    let mut rng = stream(99, Purpose::Params, 0, 0);
    let mut buf = Vec::new();
    let mut xs: Vec<f64> = (0..n)
        .map(|_| {
            d.sample(&mut rng, &mut buf);
            buf[0]
        })
        .collect();
    let zeros = xs.iter().filter(|&&x| x == 0.0).count() as f64 / n as f64;
    let se = (0.3f64 * 0.7 / n as f64).sqrt();
    assert!((zeros - 0.3).abs() < 4.0 * se, "atom at 0: {zeros}");
    xs.sort_by(f64::total_cmp);
    let ks = xs
        .iter()
        .enumerate()
        .filter(|(_, x)| **x > 0.0)
        .map(|(i, &x)| {
            let f = statrs_cdf(x);
            (f - i as f64 / n as f64)
                .abs()
                .max(((i + 1) as f64 / n as f64 - f).abs())
        })
        .fold(0.0, f64::max);
    assert!(ks < 1.628 / (n as f64).sqrt(), "D = {ks}");
    // The library's CDF is the statrs one, and the mean is 0.7 · 0.14.
    for x in [0.0, 0.05, 0.1, 0.2, 0.4] {
        assert!((d.cdf(x) - statrs_cdf(x)).abs() < 1e-12);
    }
    assert!((d.mean()[0] - 0.098).abs() < 1e-12);
}

#[test]
fn mixture_quantiles_invert_the_cdf_through_the_atom() {
    let d = evidence_mixture();
    for p in [0.05, 0.2, 0.3, 0.31, 0.5, 0.9, 0.95] {
        let q = d.quantile(p)[0];
        assert!(d.cdf(q) >= p - 1e-9, "F(q({p})) = {}", d.cdf(q));
        if q > 0.0 {
            assert!(d.cdf(q - 1e-6) < p, "q({p}) = {q} is not the smallest");
        }
    }
    assert_eq!(d.quantile(0.2)[0], 0.0, "inside the atom");
    let median = d.quantile(0.5)[0];
    assert!((0.09..0.1).contains(&median), "median {median}");
}

#[test]
fn bad_mixtures_are_refused_with_a_located_line() {
    let cases = [
        (
            "{ dist = \"mixture\", components = [{ weight = 0.5, dist = \"fixed\", value = 0 }] }",
            "at least two",
        ),
        (
            "{ dist = \"mixture\", components = [{ weight = 0.5, dist = \"fixed\", value = 0 }, { weight = 0.4, dist = \"fixed\", value = 1 }] }",
            "sum to",
        ),
        ("{ dist = \"fixed\", value = nan }", "finite"),
    ];
    for (dist, says) in cases {
        let text = common::FOUR_STATES.replace("job = 0.6,", &format!("job = {dist},"));
        let e = kohort::scenario::parse("m.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml:") && e.contains(says), "{e}");
    }
}

/// FOUR_STATES with an intervention on kh whose effect is a relative risk on probabilities.
fn on_probability() -> String {
    common::with_arms(
        common::FOUR_STATES,
        r#"[interventions.rr]
serves = ["kh"]
effects = { job = 1.5, fp = 0.5 }
effect_scale = "probability"
decay_months = 2
[arms.baseline]
caseload = 75
[arms.rr]
caseload = 75
interventions = ["rr"]
"#,
    )
}

#[test]
fn relative_risks_multiply_probabilities_and_expect_stays_exact() {
    let model = common::model(&on_probability());
    // At the reference caseload the row is exactly RR · p: job 0.03 · 1.5, fp 0.01 · 0.5.
    let mut table = kohort::engine::Table::new(&model);
    table.set_caseload(&model, 75.0);
    let plan = kohort::engine::Plan::new(&model);
    let row = table.probabilities(0, plan.first_slot[0], 0);
    assert!((row[1] - 0.045).abs() < 1e-15 && (row[3] - 0.005).abs() < 1e-15);
    assert_eq!(row[2], 0.02, "the rest of the row stays");
    let e = expect(&model).unwrap();
    let trials = 3000;
    let results = common::run(&model, trials, 13);
    let mut worst: f64 = 0.0;
    for m in 0..model.months as usize {
        for s in 0..model.states.len() {
            let v: Vec<f64> = (0..trials as usize)
                .map(|i| results.occupancy(i, 1, m, s))
                .collect();
            let name = format!("month {} state {s}", m + 1);
            worst = worst.max(common::assert_within_4se(&name, &v, e.record(1, m)[s]));
        }
    }
    eprintln!("relative risks: largest |z| = {worst:.2}");
    // Relative risks that would push a row to 1 are refused.
    let bad = on_probability().replace("job = 1.5, fp = 0.5", "job = 40.0");
    let err = kohort::scenario::parse("rr.toml", &bad)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("effect_scale") && err.contains("`kh`"),
        "{err}"
    );
}

#[test]
fn with_no_effect_the_arms_differ_in_cost_only() {
    let model = common::model(&on_probability());
    let mut none = model.clone();
    Effect::None.apply(&mut none);
    let results = common::run(&none, 40, 2);
    for i in 0..40 {
        for m in 0..24 {
            for s in 0..model.states.len() {
                assert_eq!(
                    results.occupancy(i, 0, m, s),
                    results.occupancy(i, 1, m, s),
                    "same moves in both arms"
                );
            }
        }
    }
    // The evidence variant takes the stated centre; the scenario's own stays otherwise.
    let mut text = common::FOUR_STATES.replace(
        "elasticity = { job = 0.6, udd = 0.4, fp = -0.3, kh = 0.2 }",
        "elasticity = { job = 0.6, udd = 0.4, fp = -0.3, kh = 0.2 }\nevidence = { job = 0.1 }",
    );
    text.push('\n');
    let model = common::model(&text);
    let mut at = model.clone();
    Effect::Evidence.apply(&mut at);
    assert_eq!(at.caseload.elasticity, [0.0, 0.1, 0.0, 0.0]);
    let results = common::run(&model, 200, 3);
    let analysis = kohort::summary::Analysis::new(&model, &results, &Ledgers::fixed(&model));
    let quiet = indicatif::ProgressBar::hidden();
    let none = kohort::uncertainty::Uncertainty::default();
    let (run, outcomes) = effects::run(&model, &none, (200, 3), &quiet);
    assert_eq!(
        run.results.data, results.data,
        "the assumed run is the plain run"
    );
    let rows = effects::compare(&model, &outcomes, &analysis);
    let mean = |arm: usize, e: Effect| {
        rows.iter()
            .find(|r| r.arm == arm && r.effect == e)
            .unwrap()
            .savings
            .mean
    };
    // Arm `lav` (caseload 30): more staff; the stronger the effect, the more it saves.
    assert!(mean(1, Effect::None) < mean(1, Effect::Evidence));
    assert!(mean(1, Effect::Evidence) < mean(1, Effect::Assumed));
    assert_eq!(
        mean(1, Effect::Assumed),
        analysis
            .arm(1, Perspective::KommuneEfterUdligning)
            .savings_total
            .mean
    );
}

/// The variants `run` simulates in the same pass as the assumed effect give, trial by trial,
/// exactly what a run of each variant alone gives (parameters drawn per trial, interventions,
/// refusion: ISU's scenario; Aabenraa's states the evidence).
#[test]
fn variants_in_one_pass_equal_separate_runs() {
    let quiet = indicatif::ProgressBar::hidden();
    for name in ["isu", "aabenraa"] {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.toml"));
        let (model, params) = kohort::scenario::load_uncertain(&path).unwrap();
        assert!(!params.is_empty(), "{name}: parameters are drawn per trial");
        let (trials, seed) = (24, 7);
        let (run, outcomes) = effects::run(&model, &params, (trials, seed), &quiet);
        let alone = kohort::psa::run(&model, &params, trials, seed, &quiet);
        assert_eq!(
            run.results.data, alone.results.data,
            "{name}: the assumed run"
        );
        for (v, effect) in effects::variants(&model).into_iter().enumerate() {
            let adjust = |m: &mut kohort::model::Model| effect.apply(m);
            let sep = kohort::psa::run_adjusted(&model, &params, trials, seed, &quiet, &adjust);
            let (rows, _) =
                kohort::summary::summarise(&model, &sep.results, &sep.ledgers, model.headline);
            for r in rows.iter().filter(|r| r.arm > 0) {
                let t = &outcomes[r.trial as usize][v];
                assert_eq!(t.savings[r.arm - 1], r.savings_total, "{name} {effect:?}");
                assert_eq!(
                    t.breakeven[r.arm - 1],
                    r.breakeven_month,
                    "{name} {effect:?}"
                );
            }
        }
    }
}
