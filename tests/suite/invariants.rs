//! Properties that hold exactly, in every trial: common random numbers, conservation,
//! reproducibility.

use crate::common;

use kohort::economics::Perspective;
use kohort::summary::{self, Metric};
use kohort::sweep::{self, Axis};

#[test]
fn identical_arms_save_exactly_zero_in_every_trial() {
    for arms in [
        "[arms.baseline]\ncaseload = 50\n[arms.kopi]\ncaseload = 50\n",
        "[arms.baseline]\ncaseworkers = 4\n[arms.kopi]\ncaseworkers = 4\n",
    ] {
        let model = common::model(&common::with_arms(common::FOUR_STATES, arms));
        let results = common::run(&model, 200, 9);
        let analysis = common::analyse(&model, &results);
        for row in analysis.trials.iter().filter(|r| r.arm == 1) {
            assert_eq!(row.savings_total, 0.0, "trial {}", row.trial);
        }
        for row in &analysis.bands {
            if matches!(
                row.metric,
                Metric::Savings(_) | Metric::SavingsCumulative(_)
            ) {
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
    let (trials, arms) = summary::summarise(
        &swept,
        &results,
        &kohort::economics::Ledgers::fixed(&swept),
        Perspective::Kommune,
    );
    assert!(
        trials
            .iter()
            .filter(|r| r.arm == 2)
            .all(|r| r.savings_total == 0.0)
    );
    assert_eq!(arms[2].p_gain, 0.0);
    // A lower caseload with these elasticities moves more people to job: more tax, fewer benefits.
    assert!(arms[1].savings_total.mean != 0.0 && arms[3].savings_total.mean != 0.0);
    // The sweep's rows: the same trials (the summaries are those above, to the bit), and at the
    // baseline's caseload no saving under any effect either; elsewhere staffing costs differ
    // even with no effect.
    let mut swept = swept;
    swept.headline = Perspective::Kommune;
    let quiet = indicatif::ProgressBar::hidden();
    let uncertain = kohort::uncertainty::Uncertainty::default();
    let (summaries, outcomes) =
        kohort::effects::summarised(&swept, &uncertain, (150, 4), &quiet, 40);
    assert_eq!(format!("{:?}", summaries), format!("{arms:?}"));
    let variants = kohort::effects::variant_rows(&swept, &outcomes);
    let row = |a: usize| {
        let of: Vec<_> = variants.iter().filter(|r| r.arm == a).collect();
        sweep::SweepRow::new(Axis::Caseload, 0.0, &summaries[a], &of)
    };
    assert_eq!(row(2).savings_mean_no_effect, 0.0);
    assert_ne!(row(1).savings_mean_no_effect, 0.0);
    assert_eq!(row(1).savings_mean, arms[1].savings_total.mean);
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
    let analysis = common::analyse(&model, &common::run(&model, 300, 8));
    let job = model.state_index("job").unwrap();
    let end = |arm| analysis.arm(arm, Perspective::Kommune).occupancy_end[job];
    assert!(end(1) > end(0) + 5.0);
    assert!(end(2) < end(0));
}

/// FOUR_STATES with refusion on kh and udd, job as self-support, the state's taxes and a
/// long prior duration.
fn with_refusion(prior: &str) -> String {
    common::FOUR_STATES
        .replace(
            "benefit = 12326\ncase = true",
            "benefit = 12326\ncase = true\nrefusion = true",
        )
        .replace(
            "benefit = 500\ncase = true",
            "benefit = 500\ncase = true\nrefusion = true",
        )
        .replace("[states.job]\n", "[states.job]\nself_support = true\n")
        .replace(
            "kommuneskat = 0.25",
            "kommuneskat = 0.25\nbundskat = 0.12\nam_bidrag = 0.08\npersonfradrag = 49700\n\
             beskaeftigelsesfradrag = { rate = 0.1065, max = 45100 }\n\
             jobfradrag = { rate = 0.045, threshold = 216100, max = 2800 }",
        )
        .replace(
            "initial = { kh = 0.8, job = 0.1, udd = 0.1 }",
            &format!("initial = {{ kh = 0.8, job = 0.1, udd = 0.1 }}\nprior_months = {prior}"),
        )
}

#[test]
fn perspectives_add_up_in_every_trial() {
    let model = common::model(&with_refusion(
        "{ months = [0, 6, 40], weights = [0.2, 0.3, 0.5] }",
    ));
    let results = common::run(&model, 60, 3);
    let m = |p| common::money(&model, &results, p);
    let (k, s, o) = (
        m(Perspective::Kommune),
        m(Perspective::Stat),
        m(Perspective::OffentligeFinanser),
    );
    for trial in 0..60 {
        for arm in 0..3 {
            for month in 0..24 {
                let sum = k.expenditure(trial, arm, month) + s.expenditure(trial, arm, month);
                assert!((sum - o.expenditure(trial, arm, month)).abs() < 1e-6);
            }
            let sum = k.savings_total(trial, arm) + s.savings_total(trial, arm);
            assert!((sum - o.savings_total(trial, arm)).abs() < 1e-6);
        }
    }
    // Refusion and tax move money between kommune and stat: both must be non-trivial here.
    assert!(s.expenditure_total(0, 0).abs() > 1e5);
    // Forsørgelse is the kommune's expenditure before kommuneskat: they differ by exactly the
    // kommuneskat of the month's occupancy.
    let f = m(Perspective::Forsoergelse);
    for trial in 0..60 {
        for month in 0..24 {
            let tax = common::kommuneskat(&model, &results, trial, 1, month);
            let diff =
                f.expenditure_nominal(trial, 1, month) - k.expenditure_nominal(trial, 1, month);
            assert!((diff - tax).abs() < 1e-6, "{diff} vs {tax}");
        }
    }
}

#[test]
fn long_term_recipients_are_refunded_exactly_twenty_percent() {
    use kohort::engine::Field;
    // Everyone starts past week 52 (prior 40 months); in month 1 no § 6 restart is possible
    // yet, so every covered krone is refunded at the 20 % step.
    let model = common::model(&with_refusion("40"));
    let results = common::run(&model, 30, 5);
    for trial in 0..30 {
        for arm in 0..3 {
            let covered = results.occupancy(trial, arm, 0, 0) * 12326.0
                + results.occupancy(trial, arm, 0, 2) * 500.0;
            let refusion = results.field(trial, arm, 0, Field::Refusion);
            assert!(
                (refusion - 0.2 * covered).abs() < 1e-6,
                "{refusion} vs {}",
                0.2 * covered
            );
        }
    }
}

#[test]
fn udligning_keeps_a_quarter_of_the_tax_gain() {
    // Savings after udligning = savings − 0.75 · (extra municipal tax of the arm).
    let model = common::model(&with_refusion("40"));
    let results = common::run(&model, 40, 6);
    let k = common::money(&model, &results, Perspective::Kommune);
    let u = common::money(&model, &results, Perspective::KommuneEfterUdligning);
    let tax = |trial, arm, month| common::kommuneskat(&model, &results, trial, arm, month);
    for trial in 0..40 {
        for month in 0..24 {
            let extra_tax = tax(trial, 1, month) - tax(trial, 0, month);
            let nominal_diff = (k.cumulative_nominal(trial, 1, month)
                - if month == 0 {
                    0.0
                } else {
                    k.cumulative_nominal(trial, 1, month - 1)
                })
                - (u.cumulative_nominal(trial, 1, month)
                    - if month == 0 {
                        0.0
                    } else {
                        u.cumulative_nominal(trial, 1, month - 1)
                    });
            assert!(
                (nominal_diff - 0.75 * extra_tax).abs() < 1e-6,
                "{nominal_diff} vs {}",
                0.75 * extra_tax
            );
        }
    }
}
