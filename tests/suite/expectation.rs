//! The Monte Carlo mean against the exact expected Markov trace.
//!
//! For arms whose staff follows the cases, the caseload is constant, so each month's transition
//! matrix M is fixed and the expected occupancy is v_t = v_{t−1} · M with v_0 the start counts.
//! The test builds M itself from the modelling convention's formulas (the README's "The model",
//! not the library's hazard code) and requires every simulated mean to be within 4 standard
//! errors of the exact value. Expected expenditure is linear in occupancy: E[X_t] =
//! d_t · (Σ_s v_t[s]·(benefit_s − kommuneskat_s) + cost/12 · Σ_{case s} v_{t−1}[s] / caseload),
//! with kommuneskat_s the tax of the state's wage and transfers ([`kohort::tax`]).

use crate::common;

use kohort::Model;
use kohort::economics::Perspective;
use kohort::model::Staffing;
use kohort::summary::Metric;

/// Exit probabilities from state i at `caseload`, per domain.md's hazard convention.
fn matrix(model: &Model, caseload: f64) -> Vec<Vec<f64>> {
    let n = model.states.len();
    let mut m = vec![vec![0.0; n]; n];
    for i in 0..n {
        let p = &model.transitions[i];
        let total: f64 = p.iter().sum();
        let mut row = p.clone();
        if model.states[i].case && total > 0.0 {
            let scale = -(1.0 - total).ln() / total;
            let lambda: Vec<f64> = (0..n)
                .map(|j| {
                    p[j] * scale
                        * (model.caseload.reference / caseload).powf(model.caseload.elasticity[j])
                })
                .collect();
            let sum: f64 = lambda.iter().sum();
            let exit = 1.0 - (-sum).exp();
            row = lambda.iter().map(|l| exit * l / sum).collect();
        }
        let stay = 1.0 - row.iter().sum::<f64>();
        row[i] += stay;
        m[i] = row;
    }
    m
}

/// Exact expected occupancy v_0..v_H (v_0 = start counts).
fn trace(model: &Model, caseload: f64) -> Vec<Vec<f64>> {
    let m = matrix(model, caseload);
    let n = model.states.len();
    let mut v: Vec<Vec<f64>> = vec![model.initial_counts.iter().map(|&c| c as f64).collect()];
    for _ in 0..model.months {
        let prev = v.last().unwrap();
        v.push(
            (0..n)
                .map(|j| (0..n).map(|i| prev[i] * m[i][j]).sum())
                .collect(),
        );
    }
    v
}

fn expected_expenditure(model: &Model, v: &[Vec<f64>], t: usize, caseload: f64) -> f64 {
    let flows: f64 = model
        .states
        .iter()
        .zip(&v[t])
        .enumerate()
        .map(|(i, (s, x))| x * (s.benefit - common::kommuneskat_of(model, i)))
        .sum();
    let cases: f64 = model
        .states
        .iter()
        .zip(&v[t - 1])
        .filter(|(s, _)| s.case)
        .map(|(_, x)| x)
        .sum();
    model.discount(t as u32) * (flows + cases / caseload * model.economics.caseworker_cost / 12.0)
}

/// Check every month, state and arm; returns the number of comparisons made. Expenditure is
/// linear in occupancy only without refusion (the per-citizen clock makes it path-dependent),
/// so with covered states only the occupancy is compared here.
/// Prints the largest |z| = |mean − exact| / SE seen (run with --nocapture to read it).
fn check_against_exact(model: &Model, trials: u32, seed: u64) -> usize {
    let mut worst: f64 = 0.0;
    let results = common::run(model, trials, seed);
    let analysis = common::analyse(model, &results);
    let mut checked = 0;
    for row in &analysis.bands {
        let Staffing::Caseload(caseload) = model.arms[row.arm].staffing else {
            panic!("the exact trace needs staff that follows the cases")
        };
        let v = trace(model, caseload);
        let t = row.month as usize;
        let exact = match row.metric {
            Metric::Occupancy(s) => v[t][s],
            Metric::Expenditure(Perspective::Kommune)
                if !model.states.iter().any(|s| s.refusion) =>
            {
                expected_expenditure(model, &v, t, caseload)
            }
            _ => continue,
        };
        let se = row.band.standard_error(trials as usize);
        let err = (row.band.mean - exact).abs();
        if se > 0.0 {
            worst = worst.max(err / se);
        }
        assert!(
            err <= 4.0 * se + 1e-9 * exact.abs().max(1.0),
            "{} month {t} {}: simulated {} vs exact {exact} (SE {se})",
            model.arms[row.arm].name,
            row.metric.name(model),
            row.band.mean
        );
        checked += 1;
    }
    eprintln!(
        "{}: {checked} comparisons, largest |z| = {worst:.2}",
        model.name
    );
    // Every state's occupancy in every arm and month was compared (bands without occupancy
    // rows would compare nothing and pass).
    let occupancies = model.arms.len() * model.months as usize * model.states.len();
    assert!(
        checked >= occupancies,
        "{checked} of at least {occupancies} comparisons"
    );
    checked
}

#[test]
fn four_state_scenario_matches_exact_trace_in_every_arm() {
    let model = common::model(common::FOUR_STATES);
    let n = check_against_exact(&model, 400, 11);
    assert_eq!(
        n,
        3 * 24 * 5,
        "arms × months × (4 occupancies + expenditure)"
    );
}

#[test]
fn example_scenario_with_followed_staff_matches_exact_trace() {
    let text = std::fs::read_to_string(common::shipped("example.toml")).unwrap();
    let text = common::with_arms(
        &text,
        "[arms.baseline]\ncaseload = 75\n[arms.lav]\ncaseload = 35\n",
    );
    check_against_exact(&common::model(&text), 500, 3);
}

#[test]
fn silkeborg_states_with_followed_staff_match_exact_trace() {
    let text = std::fs::read_to_string(common::shipped("silkeborg.toml")).unwrap();
    // A closed cohort: the trace here has no inflow.
    let text = &text[..text.find("[inflow]").unwrap_or(text.len())];
    let text = common::with_arms(
        &format!("{text}[arms.x]\n"),
        "[arms.baseline]\ncaseload = 70\n[arms.lav]\ncaseload = 36\n",
    );
    check_against_exact(&common::shipped_model("silkeborg.toml", &text), 500, 5);
}

#[test]
fn a_wrong_expectation_is_detected() {
    // The check can fail: shift the exact trace by a small, real effect and it must notice.
    let model = common::model(common::FOUR_STATES);
    let results = common::run(&model, 400, 11);
    let analysis = common::analyse(&model, &results);
    let v = trace(&model, 75.0 * 1.2); // the wrong caseload for the baseline
    let detected = analysis.bands.iter().any(|row| match row.metric {
        Metric::Occupancy(s) if row.arm == 0 => {
            (row.band.mean - v[row.month as usize][s]).abs() > 4.0 * row.band.standard_error(400)
        }
        _ => false,
    });
    assert!(detected, "a 20 % caseload error must show up somewhere");
}
