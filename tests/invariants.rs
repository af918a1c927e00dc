//! Properties that hold exactly, in every trial: common random numbers, conservation,
//! reproducibility.

mod common;

use kohort::economics::Money;
use kohort::summary::{self, Analysis, Metric};
use kohort::sweep::{self, Axis};

#[test]
fn identical_arms_save_exactly_zero_in_every_trial() {
    for arms in [
        "[arms.baseline]\ncaseload = 50\n[arms.kopi]\ncaseload = 50\n",
        "[arms.baseline]\ncaseworkers = 4\n[arms.kopi]\ncaseworkers = 4\n",
    ] {
        let model = common::model(&common::with_arms(common::FOUR_STATES, arms));
        let results = common::run(&model, 200, 9);
        let analysis = Analysis::new(&model, &results);
        for row in analysis.trials.iter().filter(|r| r.arm == 1) {
            assert_eq!(row.savings_total, 0.0, "trial {}", row.trial);
        }
        for row in &analysis.bands {
            if matches!(row.metric, Metric::Savings | Metric::SavingsCumulative) {
                assert_eq!(row.band.mean, 0.0);
                assert_eq!(row.band.quantiles, [0.0; 7]);
            }
        }
        // …and the arms really do differ from trial to trial: the zero is pairing, not stasis.
        let totals: Vec<f64> = analysis
            .trials
            .iter()
            .filter(|r| r.arm == 1)
            .map(|r| r.expenditure_total)
            .collect();
        assert!(totals.windows(2).any(|w| w[0] != w[1]));
    }
}

#[test]
fn occupancy_sums_to_the_cohort_every_month_of_every_trial() {
    let model = common::model(common::FOUR_STATES);
    let results = common::run(&model, 100, 1);
    let s = results.shape;
    for trial in 0..s.trials {
        for arm in 0..s.arms {
            for month in 0..s.months {
                let total: f64 = (0..s.states)
                    .map(|st| results.occupancy(trial, arm, month, st))
                    .sum();
                assert_eq!(total, model.cohort_size as f64);
            }
        }
    }
}

#[test]
fn fixed_staff_caseload_is_cases_over_workers() {
    let arms = "[arms.baseline]\ncaseload = 75\n[arms.fast]\ncaseworkers = 6\n";
    let model = common::model(&common::with_arms(common::FOUR_STATES, arms));
    let results = common::run(&model, 20, 2);
    use kohort::engine::Field;
    for trial in 0..20 {
        for m in 0..model.months as usize {
            let cases = results.field(trial, 1, m, Field::Cases);
            assert_eq!(results.field(trial, 1, m, Field::Caseworkers), 6.0);
            assert!((results.field(trial, 1, m, Field::Caseload) - cases / 6.0).abs() < 1e-12);
            let base_cases = results.field(trial, 0, m, Field::Cases);
            assert!(
                (results.field(trial, 0, m, Field::Caseworkers) - base_cases / 75.0).abs() < 1e-12
            );
        }
    }
}

#[test]
fn sweep_point_at_the_baseline_caseload_saves_exactly_zero() {
    let model = common::model(common::FOUR_STATES);
    let swept = sweep::expand(&model, "lav", Axis::Caseload, &[30.0, 75.0, 120.0]).unwrap();
    let results = common::run(&swept, 150, 4);
    let money = Money::new(&swept, &results);
    let (trials, arms) = summary::summarise(&swept, &results, &money);
    assert!(
        trials
            .iter()
            .filter(|r| r.arm == 2)
            .all(|r| r.savings_total == 0.0)
    );
    assert_eq!(arms[2].p_gain, 0.0);
    // A lower caseload with these elasticities moves more people to job: more tax, fewer benefits.
    assert!(arms[1].savings_total.mean != 0.0 && arms[3].savings_total.mean != 0.0);
}

#[test]
fn same_seed_same_results_other_seed_other_results() {
    let model = common::model(common::FOUR_STATES);
    let a = common::run(&model, 50, 123);
    let b = common::run(&model, 50, 123);
    let c = common::run(&model, 50, 124);
    assert_eq!(a.data, b.data);
    assert_ne!(a.data, c.data);
}

#[test]
fn a_trial_does_not_depend_on_how_many_trials_run() {
    // Seeding by unit of work: trial 3 is the same in a run of 5 and a run of 40.
    let model = common::model(common::FOUR_STATES);
    let small = common::run(&model, 5, 77);
    let large = common::run(&model, 40, 77);
    let n = small.shape.per_trial();
    assert_eq!(small.data[3 * n..4 * n], large.data[3 * n..4 * n]);
}

#[test]
fn lower_caseload_moves_more_people_to_job() {
    // elasticity job = 0.6 > 0: the caseload-30 arm must end with more in job than baseline.
    let model = common::model(common::FOUR_STATES);
    let analysis = Analysis::new(&model, &common::run(&model, 300, 8));
    let job = model.state_index("job").unwrap();
    assert!(analysis.arms[1].occupancy_end[job] > analysis.arms[0].occupancy_end[job] + 5.0);
    assert!(analysis.arms[2].occupancy_end[job] < analysis.arms[0].occupancy_end[job]);
}
