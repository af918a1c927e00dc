//! `kohort expect` against the Monte Carlo mean: within 4 standard errors, month by month, for
//! a scenario inside what the trace computes exactly (inflow, prior durations, per-citizen
//! refusion without § 6 restarts, one-off costs, staff following the cases).

use crate::common;

use kohort::economics::Perspective;
use kohort::expect::expect;
use kohort::model::Model;

const EXACT: &str = r#"
months = 30
[cohort]
size = 300
initial = { kh = 0.8, ressource = 0.2 }
prior_months = { months = [0, 3, 8, 40], weights = [0.3, 0.2, 0.2, 0.3] }
[states.kh]
benefit = 12000
refusion = true
case = true
[states.ressource]
benefit = 11000
refusion = true
case = true
[states.job]
wage = 21000
[states.fleks]
benefit = 9000
wage = 15000
refusion = true
[states.ude]
[transitions.kh]
job = 0.03
ressource = 0.02
fleks = 0.005
ude = 0.005
[transitions.ressource]
fleks = 0.03
kh = 0.02
[transitions.job]
kh = 0.04
[move_costs.kh]
fleks = 40000
[move_costs.ressource]
fleks = 40000
[tax]
kommuneskat = 0.25
bundskat = 0.12
am_bidrag = 0.08
personfradrag = 49700
beskaeftigelsesfradrag = { rate = 0.1065, max = 45100 }

[economics]
caseworker_cost = 600000
discount_rate = 0.03
[caseload]
reference = 60
elasticity = { job = 0.6, fleks = 0.3, ressource = 0.2 }
[inflow]
mean = 4
initial = { kh = 1.0 }
prior_months = { months = [0, 12], weights = [0.5, 0.5] }
[arms.baseline]
caseload = 60
[arms.lav]
caseload = 30
"#;

#[test]
fn monte_carlo_mean_is_within_four_standard_errors_of_expect() {
    let model = common::model(EXACT);
    let e = expect(&model).unwrap();
    assert!(e.exactness.is_exact(), "{:?}", e.exactness);
    let trials = 600;
    let results = common::run(&model, trials, 21);
    let se_check = |name: String, values: Vec<f64>, exact: f64, worst: &mut f64| {
        *worst = worst.max(common::assert_within_4se(&name, &values, exact));
    };
    let mut worst: f64 = 0.0;
    let mut checked = 0;
    for arm in 0..2 {
        for m in 0..30 {
            for s in 0..model.states.len() {
                let v = (0..trials as usize)
                    .map(|i| results.occupancy(i, arm, m, s))
                    .collect();
                se_check(
                    format!("arm {arm} month {} {}", m + 1, model.states[s].id),
                    v,
                    e.record(arm, m)[s],
                    &mut worst,
                );
                checked += 1;
            }
            for p in Perspective::ALL {
                let money = common::money(&model, &results, p);
                let v = (0..trials as usize)
                    .map(|i| money.expenditure_nominal(i, arm, m))
                    .collect();
                se_check(
                    format!("arm {arm} month {} {}", m + 1, p.id()),
                    v,
                    e.expenditure(p, arm, m),
                    &mut worst,
                );
                checked += 1;
            }
        }
    }
    eprintln!("expect: {checked} comparisons, largest |z| = {worst:.2}");
}

#[test]
fn says_when_it_is_an_approximation() {
    let fixed = EXACT.replace("[arms.lav]\ncaseload = 30", "[arms.lav]\ncaseworkers = 8");
    let e = expect(&common::model(&fixed)).unwrap();
    assert!(
        e.exactness
            .caveats
            .iter()
            .any(|c| c.contains("fixed staff"))
    );
    let restart = EXACT.replace("[states.job]\n", "[states.job]\nself_support = true\n");
    let e = expect(&common::model(&restart)).unwrap();
    assert!(e.exactness.caveats.iter().any(|c| c.contains("§ 6")));
    let text = std::fs::read_to_string(common::shipped("hjoerring.toml")).unwrap();
    let model = common::shipped_model("hjoerring.toml", &text);
    assert!(
        expect(&model)
            .unwrap_err()
            .to_string()
            .contains("capacity limit")
    );
}

/// EXACT with a mentor scheme for kh: unlimited places, months 3–20, at most 6 months each,
/// effect fading over 3 months, entry and monthly costs — inside what the trace computes
/// exactly, through the engine's own intervention pass.
#[test]
fn interventions_without_capacity_limits_are_exact_too() {
    let text = format!(
        "{}\n[interventions.mentor]\nserves = [\"kh\"]\nfrom = 3\nto = 20\ncost_per_month = 2500\ncost_at_entry = 4000\nmax_months = 6\neffects = {{ job = 1.8, ressource = 1.3 }}\ndecay_months = 3\n",
        EXACT.replace(
            "[arms.lav]\ncaseload = 30",
            "[arms.lav]\ncaseload = 30\ninterventions = [\"mentor\"]"
        )
    );
    let worst = assert_intervention_arm_is_exact(&common::model(&text), 600, 23, 1);
    eprintln!("expect with interventions: largest |z| = {worst:.2}");
}

/// An unlimited intervention over 20 years: its months in the intervention collapse to one
/// status in the trace (which keeps 1,200-month horizons linear); the Monte Carlo mean stays
/// within 4 SE of it (checked every sixth month).
#[test]
fn an_unlimited_intervention_over_a_long_horizon_is_exact() {
    let text = format!(
        "{}\n[interventions.mentor]\nserves = [\"kh\"]\ncost_per_month = 2500\ncost_at_entry = 4000\neffects = {{ job = 1.8, ressource = 1.3 }}\ndecay_months = 3\n",
        EXACT.replace("months = 30", "months = 240").replace(
            "[arms.lav]\ncaseload = 30",
            "[arms.lav]\ncaseload = 30\ninterventions = [\"mentor\"]"
        )
    );
    let worst = assert_intervention_arm_is_exact(&common::model(&text), 400, 29, 6);
    eprintln!("unlimited intervention, 240 months: largest |z| = {worst:.2}");
}

/// Arm 1's occupancy, participants and kommune expenditure of `trials` Monte Carlo trials
/// within 4 SE of the exact trace in every `every`-th month; the largest |z|.
fn assert_intervention_arm_is_exact(model: &Model, trials: u32, seed: u64, every: usize) -> f64 {
    let e = expect(model).unwrap();
    assert!(e.exactness.is_exact());
    let results = common::run(model, trials, seed);
    let mut worst: f64 = 0.0;
    for m in (0..model.months as usize).step_by(every) {
        let mut series: Vec<(String, Vec<f64>, f64)> = (0..model.states.len())
            .map(|s| {
                (
                    model.states[s].id.clone(),
                    (0..trials as usize)
                        .map(|i| results.occupancy(i, 1, m, s))
                        .collect(),
                    e.record(1, m)[s],
                )
            })
            .collect();
        series.push((
            "participants".into(),
            (0..trials as usize)
                .map(|i| results.participants(i, 1, m, 0))
                .collect(),
            e.record(1, m)[model.states.len() + kohort::engine::EXTRA_FIELDS],
        ));
        let money = common::money(model, &results, Perspective::Kommune);
        series.push((
            "kommune".into(),
            (0..trials as usize)
                .map(|i| money.expenditure_nominal(i, 1, m))
                .collect(),
            e.expenditure(Perspective::Kommune, 1, m),
        ));
        for (name, v, exact) in series {
            let z = common::assert_within_4se(&format!("month {} {name}", m + 1), &v, exact);
            worst = worst.max(z);
        }
    }
    worst
}
