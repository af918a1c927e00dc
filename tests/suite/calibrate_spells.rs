//! Fitting duration multipliers and segment shares to spell data: the closed forms against the
//! exact expectation, known numbers recovered, impossible fits refused, the shipped baseline
//! reproducing its published targets, and the command end to end.

use crate::common;

use assert_cmd::Command;
use kohort::calibrate::spell_fit::{self, Fitted, Kind, SpellTarget, Spells};
use kohort::expect::expect;

/// kh → job/fp/ude with no way back (so a spell ends once), three duration bands on kh and
/// two segments of different speed.
const SPELLS: &str = r#"
months = 120
[cohort]
size = 1000
initial = { kh = 1.0 }
prior_months = 0
[states.kh]
benefit = 12000
case = true
[states.job]
[states.fp]
[states.ude]
[transitions.kh]
job = 0.03
fp = 0.01
ude = 0.008
[duration.kh]
months = [0, 6, 24]
hazard = { job = [1.8, 1.0, 0.5], fp = [1.8, 1.0, 0.5], ude = [1.8, 1.0, 0.5] }
[segments.hurtig]
label = "Hurtig"
share = 0.3
hazard = { job = 3.0 }
[segments.langsom]
label = "Langsom"
share = 0.7
hazard = { job = 0.3, fp = 0.5 }
[tax]
kommuneskat = 0.25
[economics]
caseworker_cost = 600000
[caseload]
reference = 60
[arms.baseline]
caseload = 60
"#;

const ALL_ONES: &str =
    "hazard = { job = [1.0, 1.0, 1.0], fp = [1.0, 1.0, 1.0], ude = [1.0, 1.0, 1.0] }";

fn survival(months: &[u32], shares: &[f64]) -> Vec<SpellTarget> {
    let each = months.iter().zip(shares);
    each.map(|(&months, &share)| SpellTarget {
        kind: Kind::Survival,
        months,
        share,
        weight: 1.0,
    })
    .collect()
}

/// The share of the cohort still in kh after each of `months`, from `expect`.
fn expected_survival(model: &kohort::Model, months: &[u32]) -> Vec<f64> {
    let e = expect(model).unwrap();
    let each = months.iter().map(|&m| e.record(0, m as usize - 1));
    each.map(|rec| rec[0] / rec[..model.states.len()].iter().sum::<f64>())
        .collect()
}

#[test]
fn survival_closed_form_equals_the_exact_expectation() {
    let model = common::model(SPELLS);
    let months: Vec<u32> = (1..=120).collect();
    let exact = expected_survival(&model, &months);
    let spells = Spells::of(&model, 0);
    let closed = spells.predict(&[1.0; 3], &spells.entrants, &survival(&months, &exact));
    for (m, (a, b)) in months.iter().zip(exact.iter().zip(&closed)) {
        assert!(
            (a - b).abs() < 1e-12,
            "month {m}: expect {a}, closed form {b}"
        );
    }
}

#[test]
fn stock_shares_equal_a_stationary_stock_built_by_expect() {
    // 100 entrants a month for 1,200 months make a stationary kh stock (the slowest spell
    // leaves at ≥ 1.1 % a month: 0.989^1200 < 10⁻⁵). Arrivals move in their first month, so
    // at the end of month H the arrivals of month m have H − m + 1 completed months: those of
    // the last d − 1 months are the only ones with fewer than d. The stock of the closed form
    // is counted as a month starts, its 100 new entrants (0 months) included.
    let stock_at_end = |zero_months: usize| {
        let mut counts = vec!["100"; 1200 - zero_months];
        counts.extend(vec!["0"; zero_months]);
        let text = SPELLS.replace("months = 120\n", "months = 1200\n").replace(
            "[tax]",
            &format!(
                "[inflow]\ncounts = [{}]\ninitial = {{ kh = 1.0 }}\nprior_months = 0\n[tax]",
                counts.join(", ")
            ),
        );
        let model = common::model(&text.replace("size = 1000", "size = 1"));
        let e = expect(&model).unwrap();
        (model, e.record(0, 1199)[0])
    };
    let (model, end) = stock_at_end(0);
    let all = end + 100.0;
    let spells = Spells::of(&model, 0);
    for d in [1u32, 6, 12, 36, 60] {
        let (_, longer) = stock_at_end(d as usize - 1);
        let target = SpellTarget {
            kind: Kind::Stock,
            months: d,
            share: 0.0,
            weight: 1.0,
        };
        let closed = spells.predict(&[1.0; 3], &spells.entrants, &[target])[0];
        // The one starting citizen has long left and the truncation is < 10⁻⁵ of a spell.
        assert!(
            (longer / all - closed).abs() < 3e-4,
            "d {d}: {} vs {closed}",
            longer / all
        );
    }
}

#[test]
fn recovers_known_band_multipliers() {
    let truth = common::model(SPELLS);
    let months = [3, 6, 12, 24, 48, 96];
    let targets = survival(&months, &expected_survival(&truth, &months));
    let start = common::model(&SPELLS.replace(
        "hazard = { job = [1.8, 1.0, 0.5], fp = [1.8, 1.0, 0.5], ude = [1.8, 1.0, 0.5] }",
        ALL_ONES,
    ));
    let what = Fitted {
        duration: true,
        segments: false,
    };
    let fit = spell_fit::fit(&start, 0, &targets, what).unwrap();
    for (b, want) in [1.8, 1.0, 0.5].iter().enumerate() {
        assert!(
            (fit.scales[b] - want).abs() < 1e-4,
            "band {b}: {}",
            fit.scales[b]
        );
    }
    for (t, f) in targets.iter().zip(&fit.fitted) {
        assert!((t.share - f).abs() < 1e-6);
    }
}

#[test]
fn recovers_known_entrant_shares_and_weighs_the_stock_by_spell_length() {
    let truth = common::model(SPELLS);
    let months = [3, 12, 24, 48];
    let targets = survival(&months, &expected_survival(&truth, &months));
    let start = common::model(
        &SPELLS
            .replace("share = 0.3", "share = 0.5")
            .replace("share = 0.7", "share = 0.5"),
    );
    let what = Fitted {
        duration: false,
        segments: true,
    };
    let fit = spell_fit::fit(&start, 0, &targets, what).unwrap();
    assert!((fit.entrants[0] - 0.3).abs() < 1e-4, "{:?}", fit.entrants);
    // The stock holds more of the slow: π = w·T(0) / Σ w·T(0), with T(0) the mean spell.
    let spells = Spells::of(&truth, 0).spells(&[1.0; 3]);
    let means: Vec<f64> = spells.iter().map(|s| s.tail(0)).collect();
    let slow = 0.7 * means[1] / (0.3 * means[0] + 0.7 * means[1]);
    assert!((fit.stock[1] - slow).abs() < 1e-4 && fit.stock[1] > 0.7);
    // Both at once: bands and shares from enough points.
    let start = common::model(&start_text_all_ones());
    let months: Vec<u32> = vec![1, 2, 3, 5, 6, 9, 12, 18, 24, 36, 48, 72, 96];
    let targets = survival(&months, &expected_survival(&truth, &months));
    let both = Fitted {
        duration: true,
        segments: true,
    };
    let fit = spell_fit::fit(&start, 0, &targets, both).unwrap();
    let worst = targets
        .iter()
        .zip(&fit.fitted)
        .map(|(t, f)| (t.share - f).abs())
        .fold(0.0, f64::max);
    assert!(worst < 1e-4, "worst target misses by {worst}");
    assert!(
        (fit.entrants[0] - 0.3).abs() < 0.01 && (fit.scales[2] - 0.5).abs() < 0.02,
        "{fit:?}"
    );
}

fn start_text_all_ones() -> String {
    SPELLS
        .replace(
            "hazard = { job = [1.8, 1.0, 0.5], fp = [1.8, 1.0, 0.5], ude = [1.8, 1.0, 0.5] }",
            ALL_ONES,
        )
        .replace("share = 0.3", "share = 0.5")
        .replace("share = 0.7", "share = 0.5")
}

#[test]
fn refuses_fits_the_targets_cannot_determine() {
    let model = common::model(SPELLS);
    let one = survival(&[12], &[0.5]);
    let what = Fitted {
        duration: true,
        segments: false,
    };
    let e = spell_fit::fit(&model, 0, &one, what)
        .unwrap_err()
        .to_string();
    assert!(e.contains("1 targets cannot determine 3 numbers"), "{e}");
    let cut = SPELLS.find("[segments.hurtig]").unwrap();
    let end = SPELLS.find("[tax]").unwrap();
    let plain = common::model(&format!("{}{}", &SPELLS[..cut], &SPELLS[end..]));
    let segs = Fitted {
        duration: false,
        segments: true,
    };
    let e = spell_fit::fit(&plain, 0, &survival(&[6, 12], &[0.7, 0.5]), segs)
        .unwrap_err()
        .to_string();
    assert!(e.contains("need a scenario with [segments]"), "{e}");
}

#[test]
fn bad_target_rows_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let model = common::model(SPELLS);
    for (body, want) in [
        (
            "survivl,kh,6,0.5",
            "t.csv:2: kind: `survivl` is not a kind of target",
        ),
        (
            "survival,kh,6,1.5",
            "t.csv:2: share: must be in [0, 1], got 1.5",
        ),
        (
            "survival,kh,0,0.5",
            "t.csv:2: months: must be a whole number ≥ 1",
        ),
        (
            "survival,kh,6,0.5\nstock,job,6,0.5",
            "t.csv:3: state: every row must name the same state",
        ),
        ("stock,nope,6,0.5", "t.csv:2: state: `nope` is not a state"),
    ] {
        let p = dir.path().join("t.csv");
        std::fs::write(&p, format!("kind,state,months,share\n{body}\n")).unwrap();
        let e = spell_fit::read(&p, &model).unwrap_err().to_string();
        assert!(e.contains(want), "{e}");
    }
    // Danish Excel: semicolons and decimal commas read the same.
    let p = dir.path().join("da.csv");
    std::fs::write(
        &p,
        "\u{feff}kind;state;months;share\nsurvival;kh;6;0,5\nstock;kh;36;0,66\n",
    )
    .unwrap();
    let (state, t) = spell_fit::read(&p, &model).unwrap();
    assert_eq!(
        (state, t[0].share, t[1].kind, t[1].months),
        (0, 0.5, Kind::Stock, 36)
    );
}

#[test]
fn shipped_baseline_reproduces_its_published_targets() {
    let path = common::shipped("national-varighed.toml");
    let model = kohort::scenario::load(&path).unwrap();
    for file in ["targets/stock-duration.csv", "targets/job-retention.csv"] {
        let (state, targets) = spell_fit::read(&common::shipped(file), &model).unwrap();
        let spells = Spells::of(&model, state);
        let fitted = spells.predict(&vec![1.0; spells.bands()], &spells.entrants, &targets);
        for (t, f) in targets.iter().zip(&fitted) {
            assert!(
                (t.share - f).abs() < 5e-4,
                "{file}: {} months: {f} vs {}",
                t.months,
                t.share
            );
        }
    }
}

#[test]
fn the_command_writes_the_fit_and_keeps_the_comments() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    let start = SPELLS.replace(
        "hazard = { job = [1.8, 1.0, 0.5], fp = [1.8, 1.0, 0.5], ude = [1.8, 1.0, 0.5] }",
        ALL_ONES,
    );
    std::fs::write(&scenario, format!("# my notes\n{start}")).unwrap();
    let truth = common::model(SPELLS);
    let months = [3, 6, 12, 24, 48, 96];
    let mut csv = String::from("kind,state,months,share\n");
    for (m, s) in months.iter().zip(expected_survival(&truth, &months)) {
        csv += &format!("survival,kh,{m},{s}\n");
    }
    std::fs::write(dir.path().join("t.csv"), csv).unwrap();
    let out = dir.path().join("fitted.toml");
    calibrate(dir.path(), "t.csv", "fitted.toml").success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# my notes\n"), "{text}");
    let fitted = kohort::scenario::load(&out).unwrap();
    assert_eq!(fitted.duration[0].multipliers[2][1], 0.5, "{text}");
    // A file the fit cannot use: exit 2, nothing written.
    std::fs::write(
        dir.path().join("bad.csv"),
        "kind,state,months,share\nsurvival,kh,6,0.5\n",
    )
    .unwrap();
    calibrate(dir.path(), "bad.csv", "no.toml").code(2);
    assert!(!dir.path().join("no.toml").exists());
}

/// `kohort calibrate s.toml --targets TARGETS --write OUT` in `dir`.
fn calibrate(dir: &std::path::Path, targets: &str, out: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("kohort")
        .unwrap()
        .args(["calibrate", "s.toml", "--targets", targets, "--write", out])
        .current_dir(dir)
        .assert()
}
