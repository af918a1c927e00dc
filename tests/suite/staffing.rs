//! Staffing that holds: steps in an arm's staffing and the phase-in of their effect against the
//! exact trace, and the caseload effect held at the edge of the range its evidence covers.

use crate::common;

use kohort::economics::{Ledgers, Perspective};
use kohort::engine::Field;
use kohort::expect::expect;
use kohort::model::Staffing;
use kohort::sweep::{self, Axis};

/// FOUR_STATES with an arm whose staff follows the cases at 30, then 50 from month 7, then
/// the baseline's 75 from month 13, its effect phased in over 3 months.
fn stepped() -> String {
    common::with_arms(
        common::FOUR_STATES,
        r#"[arms.baseline]
caseload = 75
[arms.trin]
caseload = 30
phase_in = 3
steps = [{ from = 7, caseload = 50 }, { from = 13, baseline = true }]
"#,
    )
}

#[test]
fn the_rule_and_the_phase_in_month_by_month() {
    let model = common::model(&stepped());
    let cases = 100.0;
    let staff = |t| model.staff(1, t, cases);
    // Month 1: one third of the way from the baseline's 75 to 30 (geometric), paid for 30.
    let s1 = staff(1);
    assert_eq!((s1.caseload, s1.caseworkers), (30.0, cases / 30.0));
    let w = 1.0 / 3.0;
    assert!((s1.effect_caseload - (75f64.ln() * (1.0 - w) + 30f64.ln() * w).exp()).abs() < 1e-9);
    assert_eq!(
        staff(3).effect_caseload,
        30.0,
        "full effect in the third month"
    );
    // Month 7: from 30 towards 50; month 13: back towards the baseline's 75.
    assert!(
        (staff(7).effect_caseload - (30f64.ln() * 2.0 / 3.0 + 50f64.ln() / 3.0).exp()).abs() < 1e-9
    );
    assert_eq!(staff(12).caseload, 50.0);
    assert_eq!(model.rule(1, 13), Staffing::Caseload(75.0));
    assert_eq!(staff(15).effect_caseload, 75.0);
    // The baseline never phases.
    assert_eq!(model.staff(0, 1, cases).effect_caseload, 75.0);
}

#[test]
fn staffing_steps_match_the_exact_trace() {
    let model = common::model(&stepped());
    let e = expect(&model).unwrap();
    assert!(e.exactness.is_exact(), "{:?}", e.exactness);
    let trials = 3000;
    let results = common::run(&model, trials, 21);
    let money = common::money(&model, &results, Perspective::Kommune);
    let n = model.states.len();
    let mut worst: f64 = 0.0;
    for m in 0..model.months as usize {
        for s in 0..n {
            let v: Vec<f64> = (0..trials as usize)
                .map(|i| results.occupancy(i, 1, m, s))
                .collect();
            let z = common::assert_within_4se(
                &format!("month {} state {s}", m + 1),
                &v,
                e.record(1, m)[s],
            );
            worst = worst.max(z);
        }
        let workers: Vec<f64> = (0..trials as usize)
            .map(|i| results.field(i, 1, m, Field::Caseworkers))
            .collect();
        let exact = e.record(1, m)[n + Field::Caseworkers as usize];
        worst = worst.max(common::assert_within_4se("caseworkers", &workers, exact));
        let spent: Vec<f64> = (0..trials as usize)
            .map(|i| money.expenditure_nominal(i, 1, m))
            .collect();
        let exact = e.expenditure(Perspective::Kommune, 1, m);
        worst = worst.max(common::assert_within_4se("kommune", &spent, exact));
    }
    eprintln!("staffing steps: largest |z| = {worst:.2}");
}

#[test]
fn the_effect_is_held_at_the_edge_of_the_evidence() {
    // Below caseload 25 the effect stays at its value at 25: the same random numbers then give
    // the same moves at 10, 20 and 25 — only the staff cost differs.
    let model = common::model(common::FOUR_STATES);
    let swept = sweep::expand(&model, "lav", Axis::Caseload, &[10.0, 20.0, 25.0]).unwrap();
    let results = common::run(&swept, 50, 5);
    let ledgers = Ledgers::fixed(&swept);
    for i in 0..50 {
        for m in 0..24 {
            for s in 0..swept.states.len() {
                let at = |a| results.occupancy(i, a, m, s);
                assert_eq!(at(1), at(3), "caseload 10 moves as 25 does");
                assert_eq!(at(2), at(3), "caseload 20 moves as 25 does");
            }
        }
    }
    let (_, arms) = kohort::summary::summarise(&swept, &results, &ledgers, Perspective::Kommune);
    assert!(arms[1].savings_total.mean < arms[2].savings_total.mean);
    assert!(arms[2].savings_total.mean < arms[3].savings_total.mean);
    assert_eq!(arms[1].held.share, 1.0);
    assert_eq!(arms[3].held.share, 0.0, "25 itself is inside");
    assert!(arms[1].held.warning("lav@10").is_some() && arms[3].held.warning("lav@25").is_none());
}

#[test]
fn sweep_says_where_the_effect_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("kohort")
        .unwrap()
        .args([
            "sweep",
            "--trials",
            "50",
            "--arm",
            "investering",
            "--caseload",
            "5:45:10",
            "--out",
        ])
        .arg(dir.path())
        .arg(common::shipped("example.toml"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("held at the edge in 100 % of months"),
        "{stdout}"
    );
    assert!(stdout.contains("the caseload effect is held at its value at the edge"));
    let csv = std::fs::read_to_string(dir.path().join("sweep.csv")).unwrap();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let at = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "effect_held")
        .unwrap();
    let held: Vec<f64> = r
        .records()
        .map(|row| row.unwrap()[at].parse().unwrap())
        .collect();
    assert_eq!(held[0], 1.0, "caseload 5");
    assert_eq!(held[1], 1.0, "caseload 15");
    assert_eq!(held[2], 0.0, "caseload 25");
}
