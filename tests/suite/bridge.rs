//! The bridge from a published case to kohort's headline: its steps add up to the headline to
//! the krone (and that headline is `run`'s), each value is the ledger's own sum recomputed
//! here from the records, the gross counterfactual counts the deadweight, the implied effect
//! reproduces the case's outcome (exactly on the expectation, within 4 SE by Monte Carlo), and
//! the first bar is the case's own arithmetic.

use crate::common;

use kohort::bridge::{self, Bridge, Effect, Reach, Step, implied::outcome_at};
use kohort::economics::{Money, Perspective};
use kohort::engine::Field;
use kohort::model::{Model, Target};
use kohort::progress::Silent;
use kohort::uncertainty::Uncertainty;

fn load(name: &str) -> (Model, Uncertainty) {
    kohort::scenario::load_uncertain(&common::shipped(name)).unwrap()
}

/// The bridge of `name` over `trials` trials of its own seed, run 17 trials at a time (so
/// chunking is exercised).
fn bridge_of(name: &str, trials: u32) -> (Model, Uncertainty, Bridge) {
    let (model, params) = load(name);
    let b = bridge::bridge(&model, &params, (trials, model.seed), &Silent, 17)
        .unwrap()
        .expect("the scenario states a [case]");
    (model, params, b)
}

fn step(b: &Bridge, s: Step) -> f64 {
    b.steps.iter().find(|(x, _)| *x == s).unwrap().1.mean
}

/// A + Σ of the means of the steps before `upto` (V of that step's start).
fn value_before(b: &Bridge, upto: Step) -> f64 {
    let k = bridge::STEPS.iter().position(|&s| s == upto).unwrap();
    b.arithmetic + b.steps[..k].iter().map(|(_, band)| band.mean).sum::<f64>()
}

#[test]
fn the_steps_add_up_to_the_headline_and_that_headline_is_runs() {
    for name in [
        "silkeborg.toml",
        "hjoerring.toml",
        "aabenraa.toml",
        "broendby.toml",
        "ballerup.toml",
        "isu.toml",
    ] {
        let trials = 40;
        let (model, params, b) = bridge_of(name, trials);
        let sum = b.arithmetic + b.steps.iter().map(|(_, s)| s.mean).sum::<f64>();
        assert!(
            (sum - b.headline.mean).abs() < 1.0,
            "{name}: arithmetic + steps {sum} vs headline {}",
            b.headline.mean
        );
        let run = kohort::psa::run(&model, &params, trials, model.seed, &Silent);
        let analysis = kohort::summary::Analysis::new(&model, &run.results, &run.ledgers);
        let headline = analysis.arm(b.arm, model.headline).savings_total.mean;
        assert!(
            (b.headline.mean - headline).abs() < 1.0,
            "{name}: bridge ends at {} but run's headline is {headline}",
            b.headline.mean
        );
    }
}

#[test]
fn at_the_scenarios_own_effect_each_value_is_the_ledgers_own_sum() {
    // Ballerup states no outcome: every step runs on the headline run's own records.
    let trials = 60;
    let (model, params, b) = bridge_of("ballerup.toml", trials);
    assert_eq!(b.effect, Effect::NoOutcome);
    assert_eq!(step(&b, Step::Effect), 0.0);
    let run = kohort::psa::run(&model, &params, trials, model.seed, &Silent);
    let (arm, case) = (b.arm, &b.case);
    let window = case.from as usize - 1..case.to as usize;
    let mean = |f: &dyn Fn(usize) -> f64| (0..trials as usize).map(f).sum::<f64>() / trials as f64;
    let fors = Money::new(&run.results, &run.ledgers, Perspective::Forsoergelse);
    let head = Money::new(&run.results, &run.ledgers, model.headline);
    let close = |what: &str, got: f64, want: f64| {
        assert!(
            (got - want).abs() < 1.0,
            "{what}: bridge {got}, recomputed {want}"
        );
    };
    close(
        "forsørgelse over the case's months (V6)",
        value_before(&b, Step::Perspective),
        mean(&|t| fors.savings_nominal_over(t, arm, window.clone())),
    );
    close(
        "headline over the case's months (V7)",
        value_before(&b, Step::Effect),
        mean(&|t| head.savings_nominal_over(t, arm, window.clone())),
    );
    close(
        "headline over the horizon, nominal (V9)",
        value_before(&b, Step::Discounting),
        mean(&|t| head.savings_total_nominal(t, arm)),
    );
    // Refusion and staff straight from the records' fields (fixed prices: index 1).
    let field = |t: usize, a: usize, f: Field| -> f64 {
        window.clone().map(|m| run.results.field(t, a, m, f)).sum()
    };
    close(
        "refusion step",
        step(&b, Step::Refusion),
        mean(&|t| field(t, arm, Field::Refusion) - field(t, 0, Field::Refusion)),
    );
    let cost = model.economics.caseworker_cost / 12.0;
    close(
        "staff step",
        step(&b, Step::Staff),
        case.cost
            - mean(&|t| {
                cost * (field(t, arm, Field::Caseworkers) - field(t, 0, Field::Caseworkers))
            }),
    );
    assert_eq!(
        step(&b, Step::Deadweight),
        0.0,
        "a net case has no deadweight step"
    );
}

#[test]
fn a_gross_case_counts_the_deadweight_against_nobody_leaving() {
    // Brøndby: no inflow, the baseline at the reference caseload (its records do not depend on
    // the elasticity), gross basis over all 24 months.
    let trials = 60;
    let (model, params, b) = bridge_of("broendby.toml", trials);
    assert!(model.inflow.is_none());
    let run = kohort::psa::run(&model, &params, trials, model.seed, &Silent);
    let frozen: f64 = model
        .initial_counts
        .iter()
        .zip(&model.states)
        .map(|(&n, s)| n as f64 * s.benefit)
        .sum();
    let deadweight = (0..trials as usize)
        .map(|t| {
            (0..model.months as usize)
                .map(|m| {
                    let base: f64 = (0..model.states.len())
                        .map(|s| run.results.occupancy(t, 0, m, s) * model.states[s].benefit)
                        .sum();
                    base - frozen
                })
                .sum::<f64>()
        })
        .sum::<f64>()
        / trials as f64;
    let got = step(&b, Step::Deadweight);
    assert!(
        deadweight < -1e5,
        "the baseline's own exits save money: {deadweight}"
    );
    assert!(
        (got - deadweight).abs() < 1.0,
        "deadweight step {got} vs recomputed {deadweight}"
    );
}

#[test]
fn the_implied_effect_reproduces_the_cases_outcome() {
    let (model, _, b) = bridge_of("broendby.toml", 20);
    let case = model.case.as_ref().unwrap();
    let o = case.outcome.unwrap();
    let Target::Share(target) = o.target else {
        panic!("Brøndby's outcome is a share")
    };
    let Effect::Found(i) = &b.effect else {
        panic!("{:?}", b.effect)
    };
    let Reach::At(e) = i.reach else {
        panic!("{:?}", i.reach)
    };
    // On the expectation: the outcome at ε_c is the case's, and it moves either side.
    let g = |x: f64| outcome_at(&model, b.arm, &o, x).unwrap();
    assert!((g(e) - target).abs() < 1e-5, "g({e}) = {}", g(e));
    assert!(g(e - 0.05) < target && g(e + 0.05) > target);
    // By Monte Carlo at ε_c: the arm's share in a job at the outcome's month, within 4 SE.
    let job = model.states.iter().position(|s| s.id == "job").unwrap();
    let at = kohort::threshold::at_elasticity(&model, b.arm, job, e);
    let n = 400;
    let results = common::run(&at, n, 9);
    let shares: Vec<f64> = (0..n as usize)
        .map(|t| results.occupancy(t, 1, o.month as usize - 1, o.state) / model.cohort_size as f64)
        .collect();
    common::assert_within_4se("share in a job at ε_c", &shares, target);
    // Aabenraa's halving is out of reach even at the largest effect searched.
    let (aab, _, ab) = bridge_of("aabenraa.toml", 10);
    let Effect::Found(ai) = &ab.effect else {
        panic!("{:?}", ab.effect)
    };
    assert_eq!(ai.reach, Reach::Beyond);
    let ao = aab.case.as_ref().unwrap().outcome.unwrap();
    assert!(ai.range.1 > 499.0, "{:?}", ai.range);
    assert!((outcome_at(&aab, ab.arm, &ao, 2.0).unwrap() - ai.range.1).abs() < 1e-9);
    // ISU's effect is its offer's: its 54 % in a job is out of reach even at a ratio of 10.
    let (isu, _, ib) = bridge_of("isu.toml", 10);
    let Effect::Found(ii) = &ib.effect else {
        panic!("{:?}", ib.effect)
    };
    assert!(matches!(ii.lever, kohort::bridge::implied::Lever::Ratio(_)));
    assert_eq!(ii.reach, Reach::Beyond);
    assert_eq!(ii.reference, Some(4.18));
    let io = isu.case.as_ref().unwrap().outcome.unwrap();
    assert!(
        ii.range.1 < 0.54 && ii.range.0 < ii.range.1,
        "{:?}",
        ii.range
    );
    assert!((outcome_at(&isu, ib.arm, &io, 10.0).unwrap() - ii.range.1).abs() < 1e-12);
}

#[test]
fn the_first_bar_is_the_cases_own_arithmetic() {
    // Aabenraa published enough: 37.7 saved − 18.1 other forsørgelse − 9.7 staff = 9.9.
    let (_, _, a) = bridge_of("aabenraa.toml", 5);
    assert!((a.arithmetic - 9.9e6).abs() < 1.0);
    assert!((a.arithmetic / a.case.published - 1.0).abs() <= 0.05);
    // Hjørring's own figures do not give its published net: 47.3 − 28.7 = 18.6, not 17.3.
    let (_, _, h) = bridge_of("hjoerring.toml", 5);
    assert!((h.arithmetic - 18.6e6).abs() < 1.0);
    assert!((h.arithmetic / h.case.published - 1.0).abs() > 0.05);
    // Silkeborg: 30 fewer on kontanthjælp and 12 on førtidspension for 36 months, 2015 rates.
    let (m, _, s) = bridge_of("silkeborg.toml", 5);
    let rate = |id: &str| m.states.iter().find(|s| s.id == id).unwrap().benefit;
    let want = 36.0 * (30.0 * rate("kontanthjaelp") + 12.0 * rate("foertidspension"));
    assert_eq!(rate("kontanthjaelp"), 10_849.0);
    assert!(
        (s.arithmetic - want).abs() < 1e-6,
        "{} vs {want}",
        s.arithmetic
    );
}

#[test]
fn a_bad_case_table_is_one_located_error() {
    let base = common::FOUR_STATES;
    for (case, needle) in [
        (
            "[case]\npublished = 1\nfigure = \"x\"\nbasis = \"brutto\"\n",
            "basis must be",
        ),
        (
            "[case]\npublished = 1\nfigure = \"x\"\nbasis = \"net\"\narm = \"baseline\"\n",
            "arm is the baseline",
        ),
        (
            "[case]\npublished = 1\nfigure = \"x\"\nbasis = \"net\"\nmonths = [5, 2]\n",
            "months must be [from, to]",
        ),
        (
            "[case]\npublished = 1\nfigure = \"x\"\nbasis = \"net\"\noutcome = { state = \"job\", month = 3, fewer = 1, share = 0.1 }\n",
            "exactly one of",
        ),
        (
            "[case]\npublished = 1\nfigure = \"x\"\nbasis = \"net\"\nfewer = { nowhere = 3 }\n",
            "not a defined state",
        ),
    ] {
        let text = format!("{base}\n{case}");
        let err = kohort::scenario::parse("test.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{err}");
        assert!(err.starts_with("test.toml:"), "located: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn run_writes_the_bridge_in_danish_to_csv_workbook_and_report() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (out, page, book) = (dir.join("out"), dir.join("r.html"), dir.join("b.xlsx"));
    common::run_with_report("30", &out, &page, &common::shipped("silkeborg.toml"))
        .arg("--xlsx")
        .arg(&book)
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("bridge.csv")).unwrap();
    let bars: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let mut want = vec!["published", "arithmetic"];
    want.extend(bridge::STEPS.iter().map(|s| s.id()));
    want.push("headline");
    assert_eq!(bars, want);
    assert!(text.contains("Sagens egen regning") && text.contains("dødvægt"));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("id=\"bridge-chart\"") && html.contains("Fra sagens eget tal"));
    let wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert!(wb.sheet_names().iter().any(|n| n == "Bro"));
}

#[test]
fn check_says_what_the_published_case_states() {
    let out = assert_cmd::Command::cargo_bin("kohort")
        .unwrap()
        .args(["check"])
        .arg(common::shipped("aabenraa.toml"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("Published case (arm `kik`): \"Nettobesparelse, de første 10 måneder af 2016\" 9.90 mio. kr., months 1–10, gross"),
        "{text}"
    );
}
