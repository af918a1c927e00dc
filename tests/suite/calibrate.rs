//! Calibration recovers known probabilities from targets made by the exact expectation, refuses
//! targets that cannot be met, and the shipped national baseline reproduces its targets.

use crate::common;

use kohort::calibrate::{self, Target};
use kohort::expect::expect;

const KNOWN: &str = r#"
months = 36
[cohort]
size = 1000
initial = { kh = 1.0 }
[states.kh]
benefit = 12000
case = true
[states.job]
[states.fp]
[states.ude]
[states.reval]
[transitions.kh]
job = 0.031
fp = 0.012
ude = 0.008
[transitions.job]
kh = 0.02
[tax]
kommuneskat = 0.25

[economics]
caseworker_cost = 600000
[caseload]
reference = 60
[arms.baseline]
caseload = 60
"#;

fn targets_from(model: &kohort::Model, months: &[u32]) -> Vec<Target> {
    let e = expect(model).unwrap();
    let mut t = Vec::new();
    for &m in months {
        let rec = e.record(0, m as usize - 1);
        let total: f64 = rec[..model.states.len()].iter().sum();
        for (s, &n) in rec[..model.states.len()].iter().enumerate() {
            t.push(Target {
                month: m,
                state: s,
                share: n / total,
                weight: 1.0,
            });
        }
    }
    t
}

#[test]
fn recovers_known_probabilities() {
    let truth = common::model(KNOWN);
    let mut targets = targets_from(&truth, &[6, 12, 24]);
    // Start the fit from a different row.
    let start = common::model(&KNOWN.replace(
        "job = 0.031\nfp = 0.012\nude = 0.008",
        "job = 0.01\nfp = 0.03\nude = 0.02",
    ));
    calibrate::check(&start, 0, &mut targets, "generated").unwrap();
    let fit = calibrate::fit(&start, 0, &targets).unwrap();
    for (j, want) in [(1, 0.031), (2, 0.012), (3, 0.008), (4, 0.0)] {
        assert!(
            (fit.row[j] - want).abs() < 2e-5,
            "state {j}: fitted {} vs {want}",
            fit.row[j]
        );
    }
    for (t, f) in targets.iter().zip(&fit.fitted) {
        assert!((t.share - f).abs() < 1e-5);
    }
}

#[test]
fn refuses_targets_that_cannot_be_met() {
    let model = common::model(KNOWN);
    let mut bad_sum = targets_from(&model, &[12]);
    bad_sum[1].share += 0.1;
    let e = calibrate::check(&model, 0, &mut bad_sum, "t.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("month 12 sum to") && e.contains("not 1"), "{e}");
    // Fitting `job`'s exits while everyone starts in kh: `reval` can only be reached through
    // job (kh → job → reval), two months at the least, so a share there after month 1 is
    // impossible.
    let mut t = targets_from(&model, &[1]);
    t.push(Target {
        month: 1,
        state: 4,
        share: 0.05,
        weight: 1.0,
    });
    t.iter_mut()
        .filter(|x| x.state == 0)
        .for_each(|x| x.share -= 0.05);
    let e = calibrate::check(&model, 1, &mut t, "t.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("nobody can be in `reval` by month 1"), "{e}");
    // Nobody ever enters `reval`, so its exits cannot be fitted.
    let mut t = targets_from(&model, &[12]);
    let e = calibrate::check(&model, 4, &mut t, "t.csv")
        .unwrap_err()
        .to_string();
    assert!(e.contains("nobody is ever in `reval`"), "{e}");
}

#[test]
fn target_files_get_located_errors() {
    let model = common::model(KNOWN);
    let dir = tempfile::tempdir().unwrap();
    let write = |text: &str| {
        let p = dir.path().join("t.csv");
        std::fs::write(&p, text).unwrap();
        calibrate::read_targets(&p, &model).unwrap_err().to_string()
    };
    assert!(write("month,state,share\n12,kh,0.5\n12,jobb,0.5\n").contains("t.csv:3"));
    assert!(write("month,state,share\n99,kh,1.0\n").contains("horizon"));
    assert!(write("month,state,share\n12,kh,1.5\n").contains("[0, 1]"));
    assert!(write("month,share\n12,1.0\n").contains("header"));
}

/// The baseline of `model`, by its exact expectation, meets the stock targets of month 36
/// within 0.1 point.
fn assert_meets_stock_targets(model: &kohort::Model) {
    let mut targets =
        calibrate::read_targets(&common::shipped("targets/stock-persistence.csv"), model).unwrap();
    calibrate::check(model, 0, &mut targets, "stock-persistence.csv").unwrap();
    let e = expect(&kohort::Model {
        arms: model.arms[..1].to_vec(),
        ..model.clone()
    })
    .unwrap();
    let rec = e.record(0, 35);
    let total: f64 = rec[..model.states.len()].iter().sum();
    for t in &targets {
        let share = rec[t.state] / total;
        // The fit misses the smallest shares by under 0.1 point: every fleksjob goes through
        // ledighedsydelse, whose 6 % a month to fleksjob is not fitted.
        assert!(
            (share - t.share).abs() < 1e-3,
            "{}: {share} vs {}",
            model.states[t.state].id,
            t.share
        );
    }
}

#[test]
fn the_national_baseline_reproduces_its_targets() {
    assert_meets_stock_targets(&kohort::scenario::load(&common::shipped("national.toml")).unwrap());
}

/// A targets file saved by Danish Excel — semicolons, decimal commas, a byte-order mark — reads
/// as the same targets as the plain one.
#[test]
fn a_danish_excel_targets_file_is_read() {
    let model = kohort::scenario::load(&common::shipped("national.toml")).unwrap();
    let plain_path = common::shipped("targets/stock-persistence.csv");
    let plain = std::fs::read_to_string(&plain_path).unwrap();
    let danish: String = plain
        .lines()
        .map(|l| match l.starts_with('#') {
            true => l.to_string(),
            false => l.replace(',', ";").replace('.', ","),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("maal.csv");
    std::fs::write(&path, format!("\u{feff}{danish}\n")).unwrap();
    let a = calibrate::read_targets(&plain_path, &model).unwrap();
    let b = calibrate::read_targets(&path, &model).unwrap();
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    assert!(!a.is_empty());
}

/// `kohort calibrate` as a user runs it, with the shipped stock targets, on a scenario whose
/// own guess of the kontanthjælp exits is off: exit 0, the written scenario keeps the
/// user's comments and every other line, and its exact expectation meets the targets.
#[test]
fn a_calibrate_run_writes_a_scenario_that_meets_its_targets() {
    let body = "# Our own guess, before calibration.\n[transitions.kontanthjaelp]\njob = 0.02 # too high\n";
    let case = crate::robustness::Case::new("national.toml", body);
    let targets = common::shipped("targets/stock-persistence.csv");
    let out = assert_cmd::Command::cargo_bin("kohort")
        .unwrap()
        .current_dir(case.path())
        .args(["calibrate", "s.toml", "--write", "fitted.toml", "--targets"])
        .arg(&targets)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Calibrated the monthly exits out of `kontanthjaelp`"),
        "{stdout}"
    );
    assert!(!stdout.contains("warning"), "{stdout}");
    let before = std::fs::read_to_string(case.path().join("s.toml")).unwrap();
    let after = std::fs::read_to_string(case.path().join("fitted.toml")).unwrap();
    assert!(
        after.contains("# Our own guess, before calibration."),
        "{after}"
    );
    let changed: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert!(
        !changed.is_empty()
            && changed
                .iter()
                .all(|l| !l.starts_with('[') && l.contains('=')),
        "only the fitted row's values change: {changed:?}"
    );
    assert_meets_stock_targets(&kohort::scenario::load(&case.path().join("fitted.toml")).unwrap());
}
