//! The effect it would take to pay: the break-even job elasticity is a root of the exact
//! expectation (found again here by another method), the Monte Carlo mean saving at it is zero
//! within 4 standard errors (and clearly not zero either side of it), and the chance of an
//! effect that large is read off the elasticity's own distribution.

use crate::common;

use kohort::threshold::{self, Crossing, MAX_ELASTICITY, Threshold};
use kohort::uncertainty::Uncertainty;

/// FOUR_STATES: staff follows the cases and nothing is refunded, so `expect` is exact. Arm 1
/// (`lav`, caseload 30) has more staff than the baseline (75), arm 2 (`hoej`, 120) fewer.
fn thresholds() -> (kohort::Model, Vec<Threshold>) {
    let model = common::model(common::FOUR_STATES);
    let t = threshold::thresholds(&model, &Uncertainty::default()).unwrap();
    (model, t)
}

fn at(t: &Threshold) -> (f64, bool) {
    match t.crossing {
        Crossing::At {
            elasticity,
            pays_above,
        } => (elasticity, pays_above),
        other => panic!("arm {}: {other:?}", t.arm),
    }
}

/// The root by the Illinois variant of regula falsi, on a bracket found on a grid of its own.
fn illinois(f: &dyn Fn(f64) -> f64) -> f64 {
    let grid: Vec<f64> = (0..=64).map(|k| k as f64 * MAX_ELASTICITY / 64.0).collect();
    let k = (1..grid.len())
        .find(|&k| (f(grid[k - 1]) > 0.0) != (f(grid[k]) > 0.0))
        .expect("a sign change");
    let (mut a, mut b) = (grid[k - 1], grid[k]);
    let (mut fa, mut fb) = (f(a), f(b));
    let mut side = 0;
    for _ in 0..200 {
        let c = (a * fb - b * fa) / (fb - fa);
        let fc = f(c);
        if fc == 0.0 || (b - a).abs() < 1e-12 {
            return c;
        }
        if (fc > 0.0) == (fb > 0.0) {
            (b, fb) = (c, fc);
            if side == -1 {
                fa /= 2.0;
            }
            side = -1;
        } else {
            (a, fa) = (c, fc);
            if side == 1 {
                fb /= 2.0;
            }
            side = 1;
        }
    }
    0.5 * (a + b)
}

#[test]
fn the_break_even_elasticity_is_a_root_of_the_exact_expectation() {
    let (model, ts) = thresholds();
    assert_eq!(ts.iter().map(|t| t.arm).collect::<Vec<_>>(), [1, 2]);
    let job = model.states.iter().position(|s| s.id == "job").unwrap();
    for t in &ts {
        assert!(t.exact);
        let s = |x: f64| threshold::saving_at(&model, t.arm, job, x).unwrap();
        if t.arm == 2 && t.crossing == Crossing::Never {
            // Fewer staff here loses at every job effect (the scenario's førtidspension
            // elasticity makes a higher caseload cost more than the staff it saves): checked
            // on a grid four times finer than the search's.
            assert!((0..=160).all(|k| s(k as f64 * MAX_ELASTICITY / 160.0) < 0.0));
            continue;
        }
        let (e, pays_above) = at(t);
        // More staff pays above the threshold; fewer staff only below it.
        assert_eq!(pays_above, t.arm == 1);
        let root = illinois(&s);
        assert!((e - root).abs() < 2e-6, "arm {}: {e} vs {root}", t.arm);
        assert!(s(e - 1e-3) * s(e + 1e-3) < 0.0, "a sign change at {e}");
        assert_eq!(t.at_zero, s(0.0));
    }
}

#[test]
fn the_monte_carlo_mean_at_the_break_even_elasticity_is_zero_within_4_se() {
    let (model, ts) = thresholds();
    let job = model.states.iter().position(|s| s.id == "job").unwrap();
    let (e, _) = at(&ts[0]);
    let trials = 2000;
    let mean_and_se = |x: f64| {
        let mut m = model.clone();
        m.caseload.elasticity[job] = x;
        common::mean_saving_and_se(&m, trials, 99)
    };
    let (mean, se) = mean_and_se(e);
    assert!(
        mean.abs() <= 4.0 * se,
        "at ε* = {e}: mean {mean:.0} kr., se {se:.0}"
    );
    // The test has power: 0.2 either side the mean is clearly off zero, on the expected side.
    let (below, se_b) = mean_and_se(e - 0.2);
    let (above, se_a) = mean_and_se(e + 0.2);
    assert!(below < -4.0 * se_b && above > 4.0 * se_a, "{below} {above}");
}

#[test]
fn the_chance_of_an_effect_that_large_is_read_off_its_distribution() {
    // Elasticity uniform on [0, 1]: P(ε ≥ x) = 1 − x exactly, P(ε ≤ x) = x.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("uniform.toml");
    let text = common::FOUR_STATES.replace(
        "elasticity = { job = 0.6,",
        "elasticity = { job = { dist = \"uniform\", min = 0.0, max = 1.0 },",
    );
    assert_ne!(text, common::FOUR_STATES);
    std::fs::write(&path, text).unwrap();
    let (model, params) = kohort::scenario::load_uncertain(&path).unwrap();
    let ts = threshold::thresholds(&model, &params).unwrap();
    assert_eq!(ts.len(), 2);
    for t in ts.iter().filter(|t| t.crossing != Crossing::Never) {
        let (e, pays_above) = at(t);
        let want = if pays_above { 1.0 - e } else { e };
        let p = t.p_at_least.expect("the elasticity is drawn");
        assert!((p - want).abs() < 1e-12, "arm {}: {p} vs {want}", t.arm);
    }
    assert!(ts[0].p_at_least.is_some(), "arm 1 crosses zero");
    // Without a distribution there is no chance to state.
    assert!(thresholds().1.iter().all(|t| t.p_at_least.is_none()));
}

#[test]
fn halving_the_caseload_at_the_research_centre_is_about_seven_percent() {
    // 2^0.1 − 1, the "about 7 %" of the byråd sentence.
    assert!((Threshold::halving_rise(0.1) - (2f64.powf(0.1) - 1.0)).abs() < 1e-15);
    assert!((Threshold::halving_rise(0.1) - 0.0718).abs() < 1e-4);
}

/// `run` prints the break-even effect beside what the research finds, and the Danish report
/// says it in the byråd's sentence, with the same number.
#[test]
fn run_says_the_effect_it_would_take_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("rapport.html");
    let scenario = common::shipped("silkeborg.toml");
    let out = assert_cmd::Command::cargo_bin("kohort")
        .unwrap()
        .args(["run", "--trials", "20", "--out"])
        .arg(dir.path())
        .arg("--report")
        .arg(&page)
        .arg(&scenario)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let (model, params) = kohort::scenario::load_uncertain(&scenario).unwrap();
    let t = &threshold::thresholds(&model, &params).unwrap()[0];
    let (e, _) = at(t);
    let rise = 100.0 * Threshold::halving_rise(e);
    let english = format!(
        "`investering` pays if halving the caseload raises the job exit rate by at least {rise:.1} % (job elasticity ≥ {e:.3}); the research finds about 7.2 % (0.1)"
    );
    assert!(text.contains(&english), "{english}\n{text}");
    let html = std::fs::read_to_string(&page).unwrap();
    let danish = format!(
        "Investeringen betaler sig, hvis en halvering af sagstallet øger afgangen til job med mindst {} %; forskningen finder omkring 7,2 %; sandsynligheden for en så stor effekt er",
        format!("{rise:.1}").replace('.', ",")
    );
    assert!(html.contains(&danish), "{danish}");
}

/// `run --json` carries the same break-even effect and chance as the library computes.
#[test]
fn run_json_carries_the_effect_to_pay() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = common::shipped("silkeborg.toml");
    let out = assert_cmd::Command::cargo_bin("kohort")
        .unwrap()
        .args(["run", "--trials", "20", "--json", "--out"])
        .arg(dir.path())
        .arg(&scenario)
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let (model, params) = kohort::scenario::load_uncertain(&scenario).unwrap();
    let t = &threshold::thresholds(&model, &params).unwrap()[0];
    let row = &doc["effect_to_pay"][0];
    assert_eq!(row["arm"], "investering");
    assert_eq!(row["breakeven_job_elasticity"].as_f64(), Some(at(t).0));
    assert_eq!(row["pays_if"], "above");
    assert_eq!(row["p_effect_at_least_that_large"].as_f64(), t.p_at_least);
    assert_eq!(
        row["exact"], false,
        "fixed staff: the mean-field expectation"
    );
}

#[test]
fn the_chance_of_a_gain_at_each_elasticity_is_what_a_run_at_it_gives() {
    // Every grid point's P(gain) is the share of gaining trials of a run of its own at that
    // elasticity, same seed: the variants share the run's citizens and draws exactly.
    let model = common::model(common::FOUR_STATES);
    let job = model.states.iter().position(|s| s.id == "job").unwrap();
    let (trials, seed) = (2400, 31);
    let chances = threshold::chances(
        &model,
        &Uncertainty::default(),
        (trials, seed),
        &kohort::progress::Silent,
    );
    assert_eq!(chances.len(), 2, "both arms are staffed differently");
    let n = threshold::grid_trials(trials);
    assert_eq!(
        (n, chances[0].trials),
        (120, 120),
        "a tenth of the run's trials"
    );
    for (v, &e) in threshold::CHANCE_GRID.iter().enumerate() {
        let mut m = model.clone();
        threshold::set_elasticity(&mut m, job, e);
        let results = common::run(&m, n, seed);
        let money = common::money(&m, &results, m.headline);
        for c in &chances {
            let gains = (0..n as usize)
                .filter(|&t| money.savings_total(t, c.arm) > 0.0)
                .count();
            assert_eq!(
                c.p_gain[v],
                gains as f64 / n as f64,
                "arm {} at ε = {e}",
                c.arm
            );
        }
    }
    // More staff gains more often as the effect grows, and the levels are read where it does.
    let lav = &chances[0];
    assert!(
        lav.p_gain[0] < 0.5 && *lav.p_gain.last().unwrap() > 0.8,
        "{:?}",
        lav.p_gain
    );
    for l in &lav.levels {
        assert_eq!(l.crossing, threshold::reach(&lav.p_gain, l.level));
        assert!(matches!(
            l.crossing,
            Crossing::At {
                pays_above: true,
                ..
            }
        ));
    }
}

#[test]
fn an_offers_break_even_ratio_is_a_root_of_the_expectation_and_of_the_monte_carlo_mean() {
    // An arm staffed as the baseline whose effect is an offer (3,000 kr. a participant-month,
    // hazard ratio 1.8 on exits to a job): the break-even ratio h* is where the expected saving
    // crosses zero, found again here by regula falsi, and the Monte Carlo mean there is zero
    // within 4 SE while 0.4 either side it is clearly not.
    let text = common::with_arms(
        common::FOUR_STATES,
        "[interventions.mentor]\nserves = [\"kh\"]\ncost_per_month = 3000\neffects = { job = 1.8 }\n\
         [arms.baseline]\ncaseload = 75\n[arms.mentor]\ncaseload = 75\ninterventions = [\"mentor\"]\n",
    );
    let model = common::model(&text);
    let job = model.states.iter().position(|s| s.id == "job").unwrap();
    let rows = threshold::ratio_thresholds(&model, &Uncertainty::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].assumed, 1.8);
    let Crossing::At {
        elasticity: h,
        pays_above: true,
    } = rows[0].crossing
    else {
        panic!("{:?}", rows[0].crossing)
    };
    let with = |x: f64| {
        let mut m = model.clone();
        threshold::set_ratio(&mut m, &rows[0].offers, job, x);
        m
    };
    let s = |x: f64| {
        kohort::expect::expect(&with(x))
            .unwrap()
            .savings_total(model.headline, 1, true)
    };
    let root = illinois(&|x| s(1.0 + x * 4.5));
    assert!(
        (h - (1.0 + root * 4.5)).abs() < 1e-4,
        "bisection {h} vs regula falsi {}",
        1.0 + root * 4.5
    );
    let trials = 2000;
    let mean_and_se = |x: f64| common::mean_saving_and_se(&with(x), trials, 77);
    let (mean, se) = mean_and_se(h);
    assert!(
        mean.abs() <= 4.0 * se,
        "at h* = {h}: mean {mean:.0} kr., se {se:.0}"
    );
    let (below, se_b) = mean_and_se(h - 0.4);
    let (above, se_a) = mean_and_se(h + 0.4);
    assert!(below < -4.0 * se_b && above > 4.0 * se_a, "{below} {above}");
}
