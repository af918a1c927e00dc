//! Inflow, exits, one-off move costs and interventions, over whole runs.

use crate::common;

use kohort::economics::Perspective;
use kohort::engine::Field;

/// kh (case, refusion), job, fleks (absorbing), ude (absorbing, no money).
const OPEN: &str = r#"
months = 36
[cohort]
size = 200
initial = { kh = 1.0 }
prior_months = 20
[states.kh]
benefit = 12000
refusion = true
case = true
[states.job]
wage = 21000
self_support = true
[states.fleks]
benefit = 9000
wage = 15000
refusion = true
[states.ude]
[transitions.kh]
job = 0.04
fleks = 0.01
ude = 0.01
[transitions.job]
kh = 0.03
ude = 0.005
[move_costs.kh]
fleks = 40000
[tax]
kommuneskat = 0.25

[economics]
caseworker_cost = 600000
[caseload]
reference = 60
elasticity = { job = 0.5 }
[inflow]
mean = 6
initial = { kh = 0.9, job = 0.1 }
prior_months = { months = [0, 30], weights = [0.5, 0.5] }
[interventions.mentor]
serves = ["kh"]
capacity = 25
cost_per_month = 2500
cost_at_entry = 4000
max_months = 6
effects = { job = 1.8 }
decay_months = 3
[arms.baseline]
caseload = 60
[arms.mentor]
caseload = 60
interventions = ["mentor"]
"#;

fn total(results: &kohort::engine::Results, trial: usize, arm: usize, month: usize) -> f64 {
    (0..results.shape.states)
        .map(|s| results.occupancy(trial, arm, month, s))
        .sum()
}

#[test]
fn capacity_is_never_exceeded() {
    let model = common::model(OPEN);
    let results = common::run(&model, 100, 1);
    let mut full_months = 0;
    for trial in 0..100 {
        for m in 0..36 {
            let p = results.participants(trial, 1, m, 0);
            assert!(p <= 25.0, "trial {trial} month {}: {p}", m + 1);
            assert_eq!(
                results.participants(trial, 0, m, 0),
                0.0,
                "the baseline runs no mentor"
            );
            full_months += (p == 25.0) as u32;
        }
    }
    assert!(
        full_months > 1000,
        "the limit binds, so the test means something ({full_months})"
    );
}

#[test]
fn inflow_is_conserved_and_common_to_all_arms() {
    let model = common::model(OPEN);
    let results = common::run(&model, 400, 2);
    let mut arrivals = Vec::new();
    for trial in 0..400 {
        let mut before = 200.0;
        for m in 0..36 {
            let now = total(&results, trial, 0, m);
            assert_eq!(
                now,
                total(&results, trial, 1, m),
                "same arrivals in every arm"
            );
            assert!(now >= before);
            arrivals.push(now - before);
            before = now;
        }
    }
    // start + inflow = occupancy of all states, `ude` included; arrivals are Poisson(6).
    let n = arrivals.len() as f64;
    let mean = arrivals.iter().sum::<f64>() / n;
    let se = (6.0 / n).sqrt();
    assert!(
        (mean - 6.0).abs() < 4.0 * se,
        "mean arrivals {mean}, SE {se}"
    );
    let var = arrivals.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (n - 1.0);
    assert!((var - 6.0).abs() < 0.5, "Poisson variance ≈ mean: {var}");
}

#[test]
fn exact_arrival_counts_repeat_the_last() {
    let text = OPEN.replace("mean = 6", "counts = [10, 0, 5]");
    let model = common::model(&text);
    let results = common::run(&model, 5, 3);
    for trial in 0..5 {
        let totals: Vec<f64> = (0..5).map(|m| total(&results, trial, 0, m)).collect();
        assert_eq!(totals, [210.0, 210.0, 215.0, 220.0, 225.0]);
    }
}

#[test]
fn citizens_in_ude_cost_and_pay_nothing() {
    let text = OPEN
        .replace("initial = { kh = 1.0 }", "initial = { ude = 1.0 }")
        .replace("mean = 6", "mean = 0");
    let model = common::model(&text);
    let results = common::run(&model, 20, 4);
    for p in Perspective::ALL {
        let money = common::money(&model, &results, p);
        for trial in 0..20 {
            assert_eq!(money.expenditure_total(trial, 1), 0.0, "{}", p.id());
        }
    }
}

#[test]
fn one_off_costs_are_paid_once_per_move() {
    // fleks is absorbing and entered only from kh: moves in month t = occupancy change.
    let model = common::model(OPEN);
    let results = common::run(&model, 50, 5);
    let fleks = model.state_index("fleks").unwrap();
    for trial in 0..50 {
        for arm in 0..2 {
            for m in 1..36 {
                let moves = results.occupancy(trial, arm, m, fleks)
                    - results.occupancy(trial, arm, m - 1, fleks);
                assert_eq!(
                    results.field(trial, arm, m, Field::OneOff),
                    40_000.0 * moves
                );
            }
        }
    }
}

#[test]
fn intervention_effect_matches_the_exact_trace() {
    // Unlimited places, no returns to kh, no end: every kh citizen is in the intervention from
    // month 1 on, so kh's row is the hazard-adjusted one and the trace is exact.
    let text = r#"
months = 24
[cohort]
size = 400
initial = { kh = 1.0 }
[states.kh]
case = true
[states.job]
[states.fp]
[transitions.kh]
job = 0.03
fp = 0.02
[tax]
kommuneskat = 0.25

[economics]
caseworker_cost = 0
[caseload]
reference = 50
[interventions.mentor]
serves = ["kh"]
effects = { job = 2.0 }
[arms.baseline]
caseload = 50
[arms.mentor]
caseload = 50
interventions = ["mentor"]
"#;
    let model = common::model(text);
    let trials = 400;
    let results = common::run(&model, trials, 6);
    // Hazards: λ = p·(−ln(1−P)/P); job doubled; back to probabilities.
    let (pj, pf) = (0.03f64, 0.02f64);
    let scale = -(1.0 - pj - pf).ln() / (pj + pf);
    let (lj, lf) = (2.0 * pj * scale, pf * scale);
    let exit = 1.0 - (-(lj + lf)).exp();
    let stay = 1.0 - exit;
    let job_rate = exit * lj / (lj + lf);
    for m in 0..24 {
        let expected_kh = 400.0 * stay.powi(m as i32 + 1);
        let expected_job = 400.0 * job_rate * (1.0 - stay.powi(m as i32 + 1)) / exit;
        for (state, expected) in [(0, expected_kh), (1, expected_job)] {
            let v: Vec<f64> = (0..trials as usize)
                .map(|t| results.occupancy(t, 1, m, state))
                .collect();
            common::assert_within_4se(&format!("month {} state {state}", m + 1), &v, expected);
        }
    }
}
