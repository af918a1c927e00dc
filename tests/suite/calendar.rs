//! Calendar effects: the hazard into a state multiplied by calendar year and month of year.
//!
//! With one exit (kh → job, probability p, no caseload effect), a hazard multiplier C_t in
//! month t gives the exit probability 1 − (1 − p)^{C_t}, so the expected number still on kh
//! after month t is N · Π_{k ≤ t} (1 − p)^{C_k}: a closed form the engine and `expect` must meet.

use crate::common;

use kohort::summary::Metric;

const SCENARIO: &str = r#"
name = "Konjunktur"
start = "2025-10"
months = 30
trials = 2000
seed = 11

[cohort]
size = 300
initial = { kh = 1.0 }

[states.kh]
benefit = 12000
case = true
[states.job]
wage = 22000

[transitions.kh]
job = 0.05

[calendar]
job = { years = { 2026 = 0.5 }, months = { 7 = 2.0, 12 = 0.25 } }

[tax]
kommuneskat = 0.25

[caseload]
reference = 70

[economics]
caseworker_cost = 600000

[arms.baseline]
caseload = 70
[arms.lav]
caseload = 40
"#;

/// C_t of month t (1-based) from 2025-10: 0.5 in 2026, × 2 in July, × 0.25 in December.
fn multiplier(t: u32) -> f64 {
    let (year, month) = (2025 + (9 + t - 1) / 12, (9 + t - 1) % 12 + 1);
    let y = if year == 2026 { 0.5 } else { 1.0 };
    let m = match month {
        7 => 2.0,
        12 => 0.25,
        _ => 1.0,
    };
    y * m
}

#[test]
fn the_engine_and_expect_meet_the_closed_form() {
    let model = common::model(SCENARIO);
    let trials = 2000;
    let results = common::run(&model, trials, 11);
    let analysis = common::analyse(&model, &results);
    let expected = kohort::expect::expect(&model).unwrap();
    let (mut worst, mut checked): (f64, usize) = (0.0, 0);
    for row in &analysis.bands {
        let Metric::Occupancy(0) = row.metric else {
            continue;
        };
        let exact = 300.0
            * (1..=row.month)
                .map(|t| 0.95f64.powf(multiplier(t)))
                .product::<f64>();
        let traced = expected.record(row.arm, row.month as usize - 1)[0];
        assert!(
            (traced - exact).abs() < 1e-9 * exact,
            "expect month {}: {traced} vs {exact}",
            row.month
        );
        let se = row.band.standard_error(trials as usize);
        let err = (row.band.mean - exact).abs();
        assert!(
            err <= 4.0 * se,
            "month {}: {} vs {exact} (SE {se})",
            row.month,
            row.band.mean
        );
        worst = worst.max(err / se);
        checked += 1;
    }
    eprintln!("{checked} comparisons, largest |z| = {worst:.2}");
    assert_eq!(checked, 2 * 30);
}

#[test]
fn a_calendar_of_ones_changes_nothing() {
    let ones = SCENARIO.replace(
        "job = { years = { 2026 = 0.5 }, months = { 7 = 2.0, 12 = 0.25 } }",
        "job = { years = { 2026 = 1.0 }, months = { 7 = 1.0 } }",
    );
    let none = SCENARIO.replace(
        "[calendar]\njob = { years = { 2026 = 0.5 }, months = { 7 = 2.0, 12 = 0.25 } }\n",
        "",
    );
    let (a, b) = (common::model(&ones), common::model(&none));
    assert!(b.calendar.is_empty() && !a.calendar.is_empty());
    assert!(common::run(&a, 50, 3).data == common::run(&b, 50, 3).data);
    let with = common::run(&common::model(SCENARIO), 50, 3);
    assert!(
        with.data != common::run(&b, 50, 3).data,
        "the calendar changes the moves"
    );
}

#[test]
fn bad_calendars_are_refused_with_line_and_key() {
    let line = "job = { years = { 2026 = 0.5 }, months = { 7 = 2.0, 12 = 0.25 } }";
    for (to, message) in [
        ("job = { years = { 26 = 0.5 } }", "`26` is not a year"),
        (
            "job = { months = { 13 = 0.5 } }",
            "`13` is not a month of the year",
        ),
        ("job = { months = { 1 = -0.5 } }", "between 0 and 1000"),
        ("jb = { months = { 1 = 0.5 } }", "`jb`"),
        ("job = { year = { 2026 = 0.5 } }", "unknown field `year`"),
    ] {
        let err = kohort::scenario::parse("c.toml", &SCENARIO.replace(line, to))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("c.toml:") && err.contains(message),
            "{to}: {err}"
        );
    }
    let err = kohort::scenario::parse("c.toml", &SCENARIO.replace("start = \"2025-10\"\n", ""))
        .unwrap_err()
        .to_string();
    assert!(err.contains("calendar effects need `start`"), "{err}");
}
