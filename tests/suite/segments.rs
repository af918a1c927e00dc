//! Segments: subgroups of the cohort with their own rows, hazard multipliers, elasticities and
//! interventions.
//!
//! With a fixed caseload the segments do not interact, so a two-segment cohort is exactly the
//! sum of two one-segment cohorts written as plain scenarios (the segment's own row and
//! elasticity as the model's; its hazard multiplier as a one-band duration table, the same
//! hazard-scale multiplication). `kohort expect` must equal that sum and the Monte Carlo mean
//! must be within 4 standard errors of it.

use crate::common;

use kohort::engine::{EXTRA_FIELDS, Field};
use kohort::summary::Metric;

pub(crate) const SCENARIO: &str = r#"
name = "To segmenter"
months = 24
trials = 1000
seed = 9

[cohort]
size = 500
initial = { kh = 0.8, job = 0.2 }
prior_months = { months = [0, 12, 40], weights = [0.2, 0.3, 0.5] }

[states.kh]
benefit = 12000
case = true
[states.job]
wage = 22000
[states.ude]

[transitions.kh]
job = 0.03
ude = 0.004
[transitions.job]
kh = 0.03

[segments.unge]
label = "Under 30"
share = 0.4
elasticity = { job = 0.5 }
[segments.unge.transitions.kh]
job = 0.06

[segments.aeldre]
label = "30 og derover"
share = 0.6
hazard = { job = 0.4 }

[tax]
kommuneskat = 0.25

[caseload]
reference = 70
elasticity = { job = 0.3 }

[economics]
caseworker_cost = 600000

[interventions.mentor]
serves = ["kh"]
segments = ["unge"]
cost_per_month = 2000
effects = { job = 1.5 }

[arms.baseline]
caseload = 70
[arms.lav]
caseload = 35
interventions = ["mentor"]
"#;

/// The two segments as plain scenarios: (text, citizens).
fn parts() -> [String; 2] {
    let cut = SCENARIO.find("[segments.unge]").unwrap();
    let end = SCENARIO.find("[tax]").unwrap();
    let plain =
        format!("{}{}", &SCENARIO[..cut], &SCENARIO[end..]).replace("segments = [\"unge\"]\n", "");
    let unge = plain
        .replace("size = 500", "size = 200")
        .replace("job = 0.03\nude", "job = 0.06\nude")
        .replace("elasticity = { job = 0.3 }", "elasticity = { job = 0.5 }");
    let aeldre = plain
        .replace("size = 500", "size = 300")
        .replace(
            "[tax]",
            "[duration.kh]\nmonths = [0]\nhazard = { job = [0.4] }\n\n[tax]",
        )
        .replace("interventions = [\"mentor\"]\n", "");
    [unge, aeldre]
}

/// Fields of a record that add up over disjoint cohorts (all but the caseload).
fn additive(n: usize, f: usize) -> bool {
    f != n + Field::Caseload as usize
}

#[test]
fn two_segments_are_the_sum_of_two_plain_cohorts_exactly() {
    let model = common::model(SCENARIO);
    let whole = kohort::expect::expect(&model).unwrap();
    assert!(whole.exactness.is_exact());
    let [a, b] = parts().map(|t| kohort::expect::expect(&common::model(&t)).unwrap());
    let n = model.states.len();
    let mut checked = 0;
    for arm in 0..2 {
        for m in 0..24 {
            let (w, x, y) = (whole.record(arm, m), a.record(arm, m), b.record(arm, m));
            for f in (0..n + EXTRA_FIELDS).filter(|&f| additive(n, f)) {
                let sum = x[f] + y[f];
                assert!(
                    (w[f] - sum).abs() <= 1e-9 * sum.abs().max(1.0),
                    "arm {arm} month {} field {f}: {} vs {sum}",
                    m + 1,
                    w[f]
                );
                checked += 1;
            }
            // The mentor serves only the young: its participants are theirs.
            let p = n + EXTRA_FIELDS;
            assert!((w[p] - x[p]).abs() <= 1e-9 * x[p].max(1.0));
        }
    }
    assert_eq!(checked, 2 * 24 * (n + EXTRA_FIELDS - 1));
    let saving = |e: &kohort::expect::Expectation| {
        e.savings_total(kohort::economics::Perspective::Forsoergelse, 1, true)
    };
    let (w, sum) = (saving(&whole), saving(&a) + saving(&b));
    assert!((w - sum).abs() < 1e-6 * sum.abs(), "{w} vs {sum}");
}

#[test]
fn monte_carlo_mean_is_within_4_se_of_the_sum_of_the_parts() {
    let model = common::model(SCENARIO);
    let trials = 1000;
    let results = common::run(&model, trials, 9);
    let analysis = common::analyse(&model, &results);
    let [a, b] = parts().map(|t| kohort::expect::expect(&common::model(&t)).unwrap());
    let (mut worst, mut checked): (f64, usize) = (0.0, 0);
    for row in &analysis.bands {
        let Metric::Occupancy(s) = row.metric else {
            continue;
        };
        let m = row.month as usize - 1;
        let exact = a.record(row.arm, m)[s] + b.record(row.arm, m)[s];
        let se = row.band.standard_error(trials as usize);
        let err = (row.band.mean - exact).abs();
        assert!(
            err <= 4.0 * se + 1e-9,
            "arm {} month {} state {s}: {} vs {exact} (SE {se})",
            row.arm,
            row.month,
            row.band.mean
        );
        if se > 0.0 {
            worst = worst.max(err / se);
        }
        checked += 1;
    }
    eprintln!("{checked} comparisons, largest |z| = {worst:.2}");
    assert_eq!(checked, 2 * 24 * 3);
}

#[test]
fn segments_change_the_outcome() {
    let model = common::model(SCENARIO);
    let flat = SCENARIO.replace("hazard = { job = 0.4 }", "");
    let e = |m: &kohort::Model| kohort::expect::expect(m).unwrap().record(0, 23)[1];
    let (with, without) = (e(&model), e(&common::model(&flat)));
    assert!(without - with > 10.0, "{with} vs {without}");
}

#[test]
fn bad_segments_are_refused_with_line_and_key() {
    for (from, to, message) in [
        ("share = 0.6", "share = 0.5", "segment shares sum to 0.9"),
        ("share = 0.6", "", "needs a `share`"),
        (
            "segments = [\"unge\"]",
            "segments = [\"born\"]",
            "`born` is not a defined segment",
        ),
        (
            "segments = [\"unge\"]",
            "segments = []",
            "at least one segment",
        ),
        ("job = 0.06", "job = 0.999", "sum to 1 or more"),
        (
            "hazard = { job = 0.4 }",
            "hazard = { job = -1 }",
            "between 0 and 1000",
        ),
        ("hazard = { job = 0.4 }", "hazard = { jb = 2 }", "`jb`"),
        (
            "label = \"Under 30\"",
            "lable = \"Under 30\"",
            "unknown field `lable`",
        ),
    ] {
        let text = SCENARIO.replacen(from, to, 1);
        let err = kohort::scenario::parse("s.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("s.toml:") && err.contains(message),
            "{from} → {to}: {err}"
        );
    }
}

/// One block of a record: the whole arm's (`None`) or segment `g`'s.
fn block(rec: &[f64], block: usize, g: Option<usize>) -> &[f64] {
    &rec[g.map_or(0, |g| 1 + g) * block..][..block]
}

#[test]
fn each_segments_block_is_its_plain_cohort_exactly() {
    let model = common::model(SCENARIO);
    let whole = kohort::expect::expect(&model).unwrap();
    let parts = parts().map(|t| kohort::expect::expect(&common::model(&t)).unwrap());
    let b = whole.shape.block();
    assert_eq!(whole.shape.segments, 2);
    for (g, part) in parts.iter().enumerate() {
        for arm in 0..2 {
            for m in 0..24 {
                let (w, p) = (block(whole.record(arm, m), b, Some(g)), part.record(arm, m));
                for f in 0..b {
                    let ok = (w[f] - p[f]).abs() <= 1e-9 * p[f].abs().max(1.0);
                    assert!(
                        ok,
                        "segment {g} arm {arm} month {} field {f}: {} vs {}",
                        m + 1,
                        w[f],
                        p[f]
                    );
                }
            }
        }
    }
}

#[test]
fn simulated_segment_blocks_add_up_and_match_their_exact_cohorts() {
    let model = common::model(SCENARIO);
    let (trials, seed) = (1000, 9);
    let results = common::run(&model, trials, seed);
    let b = results.shape.block();
    let n = model.states.len();
    for trial in 0..trials as usize {
        for arm in 0..2 {
            for m in 0..24 {
                let rec = results.record(trial, arm, m);
                for f in (0..b).filter(|&f| additive(n, f)) {
                    let sum: f64 = (0..2).map(|g| block(rec, b, Some(g))[f]).sum();
                    let whole = block(rec, b, None)[f];
                    assert!(
                        (sum - whole).abs() <= 1e-6 * whole.abs().max(1.0),
                        "field {f}: {sum} vs {whole}"
                    );
                }
            }
        }
    }
    let parts = parts().map(|t| kohort::expect::expect(&common::model(&t)).unwrap());
    let (mut worst, mut checked): (f64, usize) = (0.0, 0);
    for (g, part) in parts.iter().enumerate() {
        let own = results.segment(g);
        let analysis = common::analyse(&model, &own);
        for row in &analysis.bands {
            let Metric::Occupancy(s) = row.metric else {
                continue;
            };
            let exact = part.record(row.arm, row.month as usize - 1)[s];
            let se = row.band.standard_error(trials as usize);
            let err = (row.band.mean - exact).abs();
            assert!(
                err <= 4.0 * se + 1e-9,
                "segment {g} arm {} month {} state {s}: {} vs {exact}",
                row.arm,
                row.month,
                row.band.mean
            );
            if se > 0.0 {
                worst = worst.max(err / se);
            }
            checked += 1;
        }
        let summary = analysis.arm(1, kohort::economics::Perspective::Forsoergelse);
        let exact = part.savings_total(kohort::economics::Perspective::Forsoergelse, 1, true);
        let savings: Vec<f64> = analysis
            .trials
            .iter()
            .filter(|t| t.arm == 1 && t.perspective == kohort::economics::Perspective::Forsoergelse)
            .map(|t| t.savings_total)
            .collect();
        common::assert_within_4se(&format!("segment {g} saving"), &savings, exact);
        assert!(
            (summary.savings_total.mean - savings.iter().sum::<f64>() / savings.len() as f64).abs()
                < 1e-6
        );
    }
    eprintln!("{checked} comparisons by segment, largest |z| = {worst:.2}");
    assert_eq!(checked, 2 * 2 * 24 * 3);
}

#[test]
fn an_intervention_for_one_segment_leaves_the_others_trajectories_identical() {
    let arms = "[arms.baseline]\ncaseload = 70\n[arms.mentor]\ncaseload = 70\ninterventions = [\"mentor\"]\n";
    let model = common::model(&common::with_arms(SCENARIO, arms));
    let results = common::run(&model, 200, 4);
    let (unge, aeldre) = (results.segment(0), results.segment(1));
    let arm = |r: &kohort::engine::Results, a: usize| -> Vec<f64> {
        (0..200)
            .flat_map(|i| (0..24).flat_map(move |m| (0..3).map(move |s| (i, m, s))))
            .map(|(i, m, s)| r.occupancy(i, a, m, s))
            .collect()
    };
    assert_eq!(
        arm(&aeldre, 0),
        arm(&aeldre, 1),
        "the older citizens move alike with and without the mentor"
    );
    assert_ne!(
        arm(&unge, 0),
        arm(&unge, 1),
        "the young citizens' moves change"
    );
    let n = model.states.len();
    let f = n + Field::Interventions as usize;
    let cost = |r: &kohort::engine::Results| (0..24).map(|m| r.record(0, 1, m)[f]).sum::<f64>();
    assert_eq!(cost(&aeldre), 0.0);
    assert!(cost(&unge) > 0.0);
}

#[test]
fn savings_by_segment_add_up_to_the_arm_and_are_written_with_their_labels() {
    let model = common::model(SCENARIO);
    let results = common::run(&model, 300, 2);
    let analysis = common::analyse(&model, &results);
    assert_eq!(
        analysis.segments.len(),
        2 * 5,
        "2 segments × 1 arm × 5 perspectives"
    );
    for p in kohort::economics::Perspective::ALL {
        let sum: f64 = analysis
            .segments
            .iter()
            .filter(|r| r.perspective == p && r.arm == 1)
            .map(|r| r.savings_total.mean)
            .sum();
        let arm = analysis.arm(1, p).savings_total.mean;
        assert!(
            (sum - arm).abs() <= 1e-6 * arm.abs().max(1.0),
            "{p:?}: {sum} vs {arm}"
        );
    }
    let young = analysis
        .segments
        .iter()
        .find(|r| r.segment == 0 && r.arm == 1)
        .unwrap();
    let old = analysis
        .segments
        .iter()
        .find(|r| r.segment == 1 && r.arm == 1)
        .unwrap();
    assert!(
        young.p_gain > 0.95 && old.p_gain < 0.05,
        "the cut pays for one segment only"
    );
    let mut csv = Vec::new();
    kohort::export::segments_csv(&model, &analysis, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("segment,label,arm,perspective,savings_mean"));
    assert!(
        csv.contains("aeldre,30 og derover,lav,forsoergelse,"),
        "{csv}"
    );
    let plain = common::model(&parts()[0]);
    let analysis = common::analyse(&plain, &common::run(&plain, 20, 2));
    assert!(
        analysis.segments.is_empty(),
        "no segment rows without segments"
    );
}
