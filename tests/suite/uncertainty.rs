//! Parameter uncertainty: each distribution against statrs (Kolmogorov–Smirnov at α = 0.01,
//! fixed seeds), the draws' reproducibility, and what uncertainty does to the bands.

use crate::common;

use kohort::rng::{Purpose, stream};
use kohort::uncertainty::Dist;

/// KS critical value for n draws at α = 0.01 (asymptotic: 1.628 / √n).
fn ks_critical(n: usize) -> f64 {
    1.628 / (n as f64).sqrt()
}

/// The KS statistic of `n` draws of component `k` of `dist` against `cdf`.
fn ks(dist: &Dist, k: usize, cdf: impl Fn(f64) -> f64, n: usize, seed: u64) -> f64 {
    let mut rng = stream(seed, Purpose::Params, 0, 0);
    let mut buf = Vec::new();
    let mut x: Vec<f64> = (0..n)
        .map(|_| {
            dist.sample(&mut rng, &mut buf);
            buf[k]
        })
        .collect();
    x.sort_by(f64::total_cmp);
    x.iter()
        .enumerate()
        .map(|(i, &v)| {
            let f = cdf(v);
            (f - i as f64 / n as f64)
                .abs()
                .max(((i + 1) as f64 / n as f64 - f).abs())
        })
        .fold(0.0, f64::max)
}

#[test]
fn every_distribution_matches_its_statrs_cdf() {
    let n = 4000;
    let cases = [
        ("uniform", Dist::uniform(-1.0, 3.0).unwrap()),
        ("triangular", Dist::triangular(0.0, 0.2, 1.0).unwrap()),
        (
            "normal",
            Dist::normal(0.5, 0.2, f64::NEG_INFINITY, f64::INFINITY).unwrap(),
        ),
        (
            "truncated normal",
            Dist::normal(0.5, 0.3, 0.0, 0.8).unwrap(),
        ),
        ("lognormal", Dist::lognormal(12000.0, 3000.0).unwrap()),
        ("beta", Dist::beta(6.0, 994.0).unwrap()),
        ("gamma", Dist::gamma(2.5, 1.5).unwrap()),
    ];
    for (seed, (name, d)) in cases.iter().enumerate() {
        let stat = ks(d, 0, |x| d.cdf(x), n, seed as u64);
        assert!(
            stat < ks_critical(n),
            "{name}: D = {stat} ≥ {}",
            ks_critical(n)
        );
    }
}

#[test]
fn the_cdfs_are_statrs_own() {
    // The test above uses Dist::cdf; pin it to statrs directly for two of them.
    use statrs::distribution::{Beta, ContinuousCDF, Gamma, LogNormal};
    let b = Dist::beta(2.0, 5.0).unwrap();
    assert!((b.cdf(0.3) - Beta::new(2.0, 5.0).unwrap().cdf(0.3)).abs() < 1e-15);
    let g = Dist::gamma(2.5, 1.5).unwrap();
    assert!((g.cdf(3.0) - Gamma::new(2.5, 1.0 / 1.5).unwrap().cdf(3.0)).abs() < 1e-15);
    // Log-normal from the number's mean and sd: its mean comes back.
    let l = Dist::lognormal(12000.0, 3000.0).unwrap();
    assert!((l.mean()[0] - 12000.0).abs() < 1e-6);
    let Dist::LogNormal { mu, sigma } = l else {
        unreachable!()
    };
    assert!((l.cdf(10000.0) - LogNormal::new(mu, sigma).unwrap().cdf(10000.0)).abs() < 1e-15);
}

#[test]
fn dirichlet_marginals_are_beta() {
    use statrs::distribution::{Beta, ContinuousCDF};
    let counts = vec![20.0, 5.0, 12.0, 963.0];
    let d = Dist::dirichlet(counts.clone()).unwrap();
    let total: f64 = counts.iter().sum();
    for (k, &c) in counts.iter().enumerate() {
        let beta = Beta::new(c, total - c).unwrap();
        let stat = ks(&d, k, |x| beta.cdf(x), 4000, 10 + k as u64);
        assert!(stat < ks_critical(4000), "component {k}: D = {stat}");
    }
}

#[test]
fn truncated_normal_mean_and_quantiles() {
    let d = Dist::normal(0.5, 0.3, 0.0, 0.8).unwrap();
    // Monte Carlo mean of 20,000 draws within 4 SE of the closed form.
    let mut rng = stream(3, Purpose::Params, 0, 0);
    let mut buf = Vec::new();
    let xs: Vec<f64> = (0..20_000)
        .map(|_| {
            d.sample(&mut rng, &mut buf);
            buf[0]
        })
        .collect();
    let m = xs.iter().sum::<f64>() / xs.len() as f64;
    let sd = (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() as f64 - 1.0)).sqrt();
    assert!(
        (m - d.mean()[0]).abs() < 4.0 * sd / (xs.len() as f64).sqrt(),
        "{m} vs {}",
        d.mean()[0]
    );
    assert!((d.cdf(d.quantile(0.05)[0]) - 0.05).abs() < 1e-9);
    assert!(xs.iter().all(|x| (0.0..=0.8).contains(x)));
}

#[test]
fn impossible_parameters_are_refused() {
    assert!(Dist::normal(0.5, -1.0, f64::NEG_INFINITY, f64::INFINITY).is_err());
    assert!(
        Dist::normal(0.0, 1.0, 10.0, 11.0).is_err(),
        "truncation keeping almost nothing"
    );
    assert!(Dist::uniform(2.0, 1.0).is_err());
    assert!(Dist::triangular(0.0, 2.0, 1.0).is_err());
    assert!(Dist::beta(0.0, 1.0).is_err());
    assert!(Dist::gamma(1.0, -2.0).is_err());
    assert!(Dist::lognormal(-5.0, 1.0).is_err());
    assert!(Dist::dirichlet(vec![1.0]).is_err());
}

const PSA: &str = r#"
extends = "silkeborg.toml"
[caseload]
elasticity = { job = { dist = "normal", mean = 0.5, sd = 0.25, min = 0.0, max = 1.2 } }
[transitions.kontanthjaelp]
job = { dist = "beta", alpha = 6, beta = 994 }
"#;

#[test]
fn parameters_widen_the_band_and_fixed_parameters_narrow_it() {
    let (model, params) = {
        let path = common::shipped("psa-test.toml");
        let (src_model, p) = kohort::scenario::parse_in_uncertain(&path, PSA).unwrap();
        (src_model, p)
    };
    assert_eq!(params.params.len(), 2);
    let quiet = indicatif::ProgressBar::hidden();
    let with = kohort::psa::run(&model, &params, 600, 9, &quiet);
    let without = kohort::engine::run(&model, 600, 9, &quiet);
    let p = kohort::economics::Perspective::Kommune;
    let (_, a) = kohort::summary::summarise(&model, &with.results, &with.ledgers, p);
    let fixed = kohort::economics::Ledgers::fixed(&model);
    let (_, b) = kohort::summary::summarise(&model, &without, &fixed, p);
    let width =
        |s: &kohort::summary::ArmSummary| s.savings_total.at(0.95) - s.savings_total.at(0.05);
    assert!(
        width(&b[1]) < 0.8 * width(&a[1]),
        "chance alone {} vs all {}",
        width(&b[1]),
        width(&a[1])
    );
    // Reproducible: the same seed draws the same parameters and paths.
    let same = kohort::psa::run(&model, &params, 3, 9, &quiet);
    let again = kohort::psa::run(&model, &params, 3, 9, &quiet);
    assert_eq!(
        same.results.data, again.results.data,
        "draws are reproducible"
    );
    // Paired: an arm identical to the baseline saves exactly 0 in every trial, with the
    // parameters drawn per trial (both arms see the same draw and the same citizens).
    let mut twin = model.clone();
    twin.arms[1] = kohort::model::Arm {
        name: "twin".into(),
        label: "twin".into(),
        ..model.arms[0].clone()
    };
    let run = kohort::psa::run(&twin, &params, 50, 9, &quiet);
    for p in kohort::economics::Perspective::ALL {
        let (rows, _) = kohort::summary::summarise(&twin, &run.results, &run.ledgers, p);
        let twins: Vec<f64> = rows
            .iter()
            .filter(|r| r.arm == 1)
            .map(|r| r.savings_total)
            .collect();
        assert_eq!(twins.len(), 50);
        assert!(twins.iter().all(|&s| s == 0.0), "{p:?}: {twins:?}");
    }
}

#[test]
fn bad_distributions_get_located_errors() {
    let path = common::shipped("psa-test.toml");
    let err = |text: &str| {
        kohort::scenario::parse_in_uncertain(&path, text)
            .unwrap_err()
            .to_string()
    };
    let e = err(&PSA.replace(
        "\"beta\", alpha = 6, beta = 994",
        "\"normal\", mean = 0.006, sd = 0.003",
    ));
    assert!(
        e.contains("psa-test.toml:6: [transitions.kontanthjaelp] job") && e.contains("truncate"),
        "{e}"
    );
    let e = err(&PSA.replace("dist = \"beta\"", "dist = \"betta\""));
    assert!(e.contains("unknown dist `betta`"), "{e}");
    let e = err(&PSA.replace("sd = 0.25", "sd = -0.25"));
    assert!(
        e.contains("psa-test.toml:4") && e.contains("sd must be"),
        "{e}"
    );
    let e = err(&PSA.replace("alpha = 6, beta = 994", "alpha = 6, beta = 994, scale = 2"));
    assert!(
        e.contains("`scale` is not a parameter of dist = \"beta\""),
        "{e}"
    );
    let e = err(&PSA.replace("alpha = 6, beta = 994", "alpha = 6"));
    assert!(e.contains("needs a number `beta`"), "{e}");
    let e = err(&format!(
        "{PSA}[tax]\nkommuneskat = {{ dist = \"uniform\", min = 0.2, max = 1.5 }}\n"
    ));
    assert!(e.contains("kommuneskat") && e.contains("outside"), "{e}");
    let e = err(&format!(
        "[cohort]\nsize = {{ dist = \"uniform\", min = 400, max = 600 }}\n{}",
        PSA.replace("extends = \"silkeborg.toml\"\n", "")
    )
    .replace("[cohort]", "extends = \"silkeborg.toml\"\n[cohort]"));
    assert!(
        e.contains("[cohort] size") && e.contains("`cohort.size` cannot be uncertain"),
        "{e}"
    );
    let e = err(&PSA.replace(
        "job = { dist = \"beta\", alpha = 6, beta = 994 }",
        "job = { dist = \"uniform\", min = 0.0, max = 0.999 }",
    ));
    assert!(e.contains("can reach") && e.contains("below 1"), "{e}");
}

#[test]
fn money_parameters_drawn_per_trial_reach_that_trials_money() {
    // Two fixed-staff arms one caseworker apart and no caseload effect: the arm saves exactly
    // −(that trial's caseworker cost) / 12 per month, so the drawn cost must be the one counted.
    let text = common::FOUR_STATES
        .replace(
            "caseworker_cost = 600000",
            "caseworker_cost = { dist = \"uniform\", min = 300000, max = 900000 }",
        )
        .replace("discount_rate = 0.035", "discount_rate = 0.0")
        .replace(
            "elasticity = { job = 0.6, udd = 0.4, fp = -0.3, kh = 0.2 }",
            "elasticity = {}",
        );
    let text = common::with_arms(
        &text,
        "[arms.baseline]\ncaseworkers = 5\n[arms.more]\ncaseworkers = 6\n",
    );
    let (model, params) =
        kohort::scenario::parse_in_uncertain(&common::shipped("t.toml"), &text).unwrap();
    let quiet = indicatif::ProgressBar::hidden();
    let run = kohort::psa::run(&model, &params, 50, 4, &quiet);
    let p = kohort::economics::Perspective::Forsoergelse;
    let (rows, _) = kohort::summary::summarise(&model, &run.results, &run.ledgers, p);
    let mut costs = Vec::new();
    for row in rows.iter().filter(|r| r.arm == 1) {
        let cost = params.draw(4, row.trial as u64)[0][0];
        let expected = -cost / 12.0 * model.months as f64;
        assert!(
            (row.savings_total - expected).abs() < 1e-6,
            "trial {}: {} vs {expected}",
            row.trial,
            row.savings_total
        );
        costs.push(cost);
    }
    assert!(costs.iter().any(|&c| (c - costs[0]).abs() > 1000.0));
}
