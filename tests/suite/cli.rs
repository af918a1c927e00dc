//! The binary as a user runs it: outputs, reproducibility across threads, and bad input.

use crate::common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn kohort() -> Command {
    Command::cargo_bin("kohort").unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn run_writes_the_four_files_with_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    kohort()
        .args(["run", "--trials", "40", "--out"])
        .arg(dir.path())
        .arg(common::shipped("example.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("P(gain)").and(predicate::str::contains("wrote")));
    let bands = read(&dir.path().join("bands.csv"));
    let mut lines = bands.lines();
    assert_eq!(
        lines.next().unwrap(),
        "arm,month,metric,perspective,mean,sd,p2_5,p5,p25,p50,p75,p95,p97_5"
    );
    // 2 arms × 48 months × (5 occupancies + cases, caseload, caseworkers + 5 perspectives × 4)
    assert_eq!(lines.count(), 2 * 48 * (5 + 3 + 20));
    assert!(bands.contains("investering,48,occupancy:foertidspension,,"));
    assert!(bands.contains("investering,48,savings_cumulative,kommune_efter_udligning,"));
    let trials = read(&dir.path().join("trials.csv"));
    let header = "trial,arm,perspective,expenditure_total,savings_total,\
                  expenditure_total_nominal,savings_total_nominal,breakeven_month\n";
    assert!(trials.starts_with(&format!("{header}0,baseline,forsoergelse,")));
    assert_eq!(trials.lines().count(), 1 + 40 * 2 * 5);
    let summary = read(&dir.path().join("summary.csv"));
    assert_eq!(summary.lines().count(), 1 + 2 * 5, "arm × perspective");
    let years = read(&dir.path().join("years.csv"));
    assert!(years.starts_with("arm,perspective,year,months,savings_mean,"));
    assert_eq!(
        years.lines().count(),
        1 + 5 * 4,
        "perspective × year (the baseline has none)"
    );
    assert!(
        summary.contains("14 sagsbehandlere"),
        "Danish labels survive as UTF-8"
    );
}

#[test]
fn outputs_are_byte_identical_whatever_the_thread_count() {
    let outputs: Vec<Vec<(String, Vec<u8>)>> = ["1", "2"]
        .iter()
        .map(|threads| {
            let dir = tempfile::tempdir().unwrap();
            kohort()
                .env("RAYON_NUM_THREADS", threads)
                .args(["run", "--trials", "64", "--quiet", "--out"])
                .arg(dir.path())
                .arg(common::shipped("silkeborg.toml"))
                .assert()
                .success();
            ["bands.csv", "trials.csv", "summary.csv"]
                .iter()
                .map(|f| (f.to_string(), std::fs::read(dir.path().join(f)).unwrap()))
                .collect()
        })
        .collect();
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn sweep_writes_a_row_per_point_and_the_baseline_point_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    kohort()
        .args([
            "sweep",
            "--arm",
            "investering",
            "--caseload",
            "35:75:20",
            "--trials",
            "50",
            "--out",
        ])
        .arg(dir.path())
        .arg(common::shipped("example.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Largest mean saving"));
    let csv = read(&dir.path().join("sweep.csv"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "perspective,caseload,caseworkers,savings_mean,savings_p5,savings_p50,savings_p95,p_gain,breakeven_p50,effect_held,savings_mean_no_effect,p_gain_no_effect,savings_mean_evidence,p_gain_evidence,breakeven_elasticity,pays_if"
    );
    assert_eq!(lines.len(), 4);
    assert!(
        lines[3].starts_with("kommune_efter_udligning,75.0,"),
        "the scenario's headline perspective: {}",
        lines[3]
    );
    assert!(lines[3].contains(",0.0,0.0,0.0,0.0,0.0,"), "{}", lines[3]);
}

#[test]
fn check_describes_the_scenario() {
    kohort()
        .arg("check")
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Kontanthjælp, aktivitetsparat")
                .and(predicate::str::contains("13.8 caseworkers")),
        );
}

/// Run `args` on a scenario made from `text`, expect exit 2, a one-line error containing every
/// piece of `expect`, and no output files.
fn refused(text: &str, extra: &[&str], expect: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, text).unwrap();
    let out = dir.path().join("out");
    let assert = kohort()
        .current_dir(dir.path())
        .args(["run", "bad.toml", "--out", "out"])
        .args(extra)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for piece in expect {
        assert!(stderr.contains(piece), "expected `{piece}` in: {stderr}");
    }
    let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0, "nothing written for bad input");
}

fn example() -> String {
    read(&common::shipped("example.toml"))
}

/// `bad.toml:N` where N is the line of `text` that starts with `prefix`.
fn at(text: &str, prefix: &str) -> String {
    let n = text
        .lines()
        .position(|l| l.starts_with(prefix))
        .expect("fixture has the line")
        + 1;
    format!("bad.toml:{n}")
}

fn replace(old: &str, new: &str) -> String {
    let text = example();
    assert!(text.contains(old), "fixture drift: {old}");
    text.replacen(old, new, 1)
}

#[test]
fn unknown_key() {
    let text = replace("size = 500", "size = 500\nsizee = 3");
    refused(
        &text,
        &[],
        &[
            &format!("{}: [cohort] sizee", at(&text, "sizee")),
            "unknown field",
        ],
    );
}

#[test]
fn a_covered_state_cannot_be_self_support() {
    let text = replace(
        "label = \"Fleksjob\"",
        "label = \"Fleksjob\"\nrefusion = true\nself_support = true",
    );
    refused(
        &text,
        &[],
        &[
            &at(&text, "[states.fleksjob]"),
            "both `refusion = true` and `self_support = true`",
        ],
    );
}

#[test]
fn undefined_state_in_transitions_and_elsewhere() {
    refused(
        &replace("job = 0.010", "jobb = 0.010"),
        &[],
        &[
            "bad.toml:",
            "[transitions.kontanthjaelp] jobb",
            "not a defined state",
        ],
    );
    refused(
        &replace("[transitions.job]", "[transitions.arbejde]"),
        &[],
        &["[transitions.arbejde]", "`arbejde` is not a defined state"],
    );
    refused(
        &replace("{ kontanthjaelp = 1.0 }", "{ kontanthjalp = 1.0 }"),
        &[],
        &["initial", "kontanthjalp"],
    );
    refused(
        &replace("elasticity = { job = 0.1 }", "elasticity = { jobs = 0.1 }"),
        &[],
        &["elasticity", "jobs"],
    );
}

#[test]
fn baseline_arm_missing() {
    refused(
        &replace("[arms.baseline]", "[arms.basis]"),
        &[],
        &["no arm named `baseline`"],
    );
}

#[test]
fn probability_outside_unit_interval_or_row_too_large() {
    refused(
        &replace("job = 0.010", "job = 1.2"),
        &[],
        &[
            &format!(
                "{}: [transitions.kontanthjaelp] job",
                at(&example(), "job = 0.010")
            ),
            "[0, 1)",
        ],
    );
    refused(
        &replace("job = 0.010", "job = -0.1"),
        &[],
        &["job", "[0, 1)"],
    );
    refused(
        &replace("job = 0.010", "job = 0.99"),
        &[],
        &["[transitions.kontanthjaelp]", "sum to", "< 1"],
    );
}

#[test]
fn initial_shares_not_summing_to_one() {
    refused(
        &replace(
            "{ kontanthjaelp = 1.0 }",
            "{ kontanthjaelp = 0.7, job = 0.2 }",
        ),
        &[],
        &[
            &format!("{}: [cohort] initial", at(&example(), "initial = ")),
            "sum to 0.9,",
        ],
    );
}

#[test]
fn caseload_not_positive() {
    refused(
        &replace("caseload = 75", "caseload = 0"),
        &[],
        &["[arms.baseline] caseload", "between 0.01 and"],
    );
    refused(
        &replace("reference = 75", "reference = -5"),
        &[],
        &["[caseload] reference", "between 0.01 and"],
    );
    refused(
        &replace("caseworkers = 14", "caseworkers = 0"),
        &[],
        &["caseworkers", "between 0.01 and"],
    );
}

#[test]
fn negative_amounts() {
    refused(
        &replace("benefit = 12326", "benefit = -12326"),
        &[],
        &["[states.kontanthjaelp] benefit", "≥ 0"],
    );
    refused(
        &replace("caseworker_cost = 600000", "caseworker_cost = -1"),
        &[],
        &["caseworker_cost", "≥ 0"],
    );
}

#[test]
fn zero_months_or_trials() {
    refused(
        &replace("months = 48", "months = 0"),
        &[],
        &[
            &format!("{}: months", at(&example(), "months = ")),
            "between 1",
        ],
    );
    refused(
        &replace("trials = 2000", "trials = 0"),
        &[],
        &[
            &format!("{}: trials", at(&example(), "trials = ")),
            "between 1",
        ],
    );
    refused(&example(), &["--trials", "0"], &["--trials"]);
}

#[test]
fn arm_with_both_or_neither_staffing() {
    refused(
        &replace("caseworkers = 14", "caseworkers = 14\ncaseload = 40"),
        &[],
        &["[arms.investering]", "exactly one"],
    );
}

#[test]
fn syntax_error_is_located() {
    refused(
        &replace("months = 48", "months = = 48"),
        &[],
        &[&format!("{}: months", at(&example(), "months = "))],
    );
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    kohort()
        .current_dir(dir.path())
        .args(["run", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.toml: cannot read scenario"));
}

#[test]
fn unwritable_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("afile"), "x").unwrap();
    kohort()
        .current_dir(dir.path())
        .args(["run", "--trials", "5", "--out", "afile/out"])
        .arg(common::shipped("example.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "afile/out: cannot create output directory",
        ));
}

#[test]
fn sweep_of_unknown_arm_or_bad_range() {
    for (args, msg) in [
        (
            vec!["--arm", "nej", "--caseload", "30:60:10"],
            "no arm `nej`",
        ),
        (
            vec!["--arm", "baseline", "--caseload", "30:60:10"],
            "is the baseline",
        ),
        (
            vec!["--arm", "investering", "--caseload", "60:30:10"],
            "--caseload",
        ),
    ] {
        kohort()
            .arg("sweep")
            .arg(common::shipped("example.toml"))
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(msg));
    }
}

#[test]
fn bad_inflow_interventions_and_move_costs() {
    let add = |extra: &str| {
        format!(
            "{}\n{extra}",
            example().replacen(
                "caseworkers = 14",
                "caseworkers = 14\ninterventions = [\"mentor\"]",
                1
            )
        )
    };
    let mentor = "[interventions.mentor]\nserves = [\"kontanthjaelp\"]\neffects = { job = 1.5 }\n";
    refused(
        &add(&format!(
            "{mentor}[inflow]\nmean = 3\ncounts = [1]\ninitial = {{ kontanthjaelp = 1.0 }}\n"
        )),
        &[],
        &["[inflow]", "exactly one of `mean` or `counts`"],
    );
    refused(
        &add("[interventions.mentr]\nserves = [\"kontanthjaelp\"]\n"),
        &[],
        &[
            "[arms.investering] interventions",
            "no intervention `mentor`",
        ],
    );
    refused(
        &add("[interventions.mentor]\nserves = [\"kontanthjaelp\"]\neffects = { job = -2 }\n"),
        &[],
        &["effects", "hazard ratio must be between 0 and 1000"],
    );
    refused(
        &add(&format!(
            "{mentor}[move_costs.kontanthjaelp]\nfleksjobb = 40000\n"
        )),
        &[],
        &[
            "[move_costs.kontanthjaelp] fleksjobb",
            "not a defined state",
        ],
    );
    refused(
        &add("[interventions.mentor]\nserves = [\"kontanthjaelp\"]\nfrom = 10\nto = 5\n"),
        &[],
        &["ends (month 5) before it starts (month 10)"],
    );
}

#[test]
fn tornado_writes_its_table_and_refuses_what_it_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    kohort()
        .args(["tornado", "--trials", "40", "--out"])
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("caseload effect on "));
    let csv = read(&dir.path().join("tornado.csv"));
    assert!(csv.starts_with("arm,perspective,parameter,low,high,savings_low,savings_high,swing,breakeven_elasticity_low,breakeven_elasticity_high\ninvestering,kommune_efter_udligning,caseload.elasticity.job,"));
    kohort()
        .arg("tornado")
        .arg(common::shipped("example.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no uncertain parameters"));
    kohort()
        .args(["tornado", "--bound", "nope=1:2"])
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no uncertain parameter `nope`"));
}

#[test]
fn danish_csv_round_trips_to_the_plain_files() {
    let run = |dialect: &str| {
        let dir = tempfile::tempdir().unwrap();
        kohort()
            .args([
                "run",
                "--trials",
                "30",
                "--quiet",
                "--csv-dialect",
                dialect,
                "--out",
            ])
            .arg(dir.path())
            .arg(common::shipped("silkeborg.toml"))
            .assert()
            .success();
        dir
    };
    let (plain, da) = (run("plain"), run("da"));
    for file in ["bands.csv", "trials.csv", "summary.csv", "years.csv"] {
        let bytes = std::fs::read(da.path().join(file)).unwrap();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "{file}: UTF-8 byte-order mark for Excel"
        );
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let mut danish = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut reference = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(plain.path().join(file))
            .unwrap();
        let (mut a, mut b) = (csv::StringRecord::new(), csv::StringRecord::new());
        let mut rows = 0;
        while danish.read_record(&mut a).unwrap() {
            assert!(
                reference.read_record(&mut b).unwrap(),
                "{file}: same number of rows"
            );
            for (x, y) in a.iter().zip(b.iter()) {
                // A number comes back with its decimal comma turned into a point.
                let back = if x.replace(',', ".").parse::<f64>().is_ok() && !x.is_empty() {
                    x.replace(',', ".")
                } else {
                    x.to_string()
                };
                assert_eq!(back, y, "{file} row {rows}");
            }
            assert!(
                !a.iter()
                    .any(|f| f.contains('.') && f.parse::<f64>().is_ok()),
                "{file}: no decimal points left"
            );
            rows += 1;
        }
        assert!(!reference.read_record(&mut b).unwrap());
        assert!(rows > 1);
    }
    let summary = std::fs::read_to_string(da.path().join("summary.csv")).unwrap();
    assert!(
        summary.contains("6 jobkonsulenter + projektleder;"),
        "Danish labels survive"
    );
}

#[test]
fn json_summary_is_pure_json_with_the_csv_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = kohort()
        .args(["run", "--trials", "50", "--json", "--out"])
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let doc: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("stdout is one JSON document");
    assert_eq!(doc["trials"], 50);
    assert_eq!(
        doc["files"].as_array().unwrap().len(),
        6,
        "five CSVs and bridge.csv"
    );
    let bridge = &doc["bridge"];
    let steps: f64 = bridge["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["mean"].as_f64().unwrap())
        .sum();
    let headline = bridge["headline_mean"].as_f64().unwrap();
    assert!((bridge["arithmetic"].as_f64().unwrap() + steps - headline).abs() < 1.0);
    assert_eq!(
        doc["effects"].as_array().unwrap().len(),
        3,
        "none, evidence and assumed for the one arm"
    );
    let arm = &doc["arms"][1];
    assert_eq!(arm["arm"], "investering");
    let mean = arm["perspectives"]["kommune"]["savings_mean"]
        .as_f64()
        .unwrap();
    // The same figure as summary.csv's kommune row for the arm (there rounded to øre).
    let summary = read(&dir.path().join("summary.csv"));
    let row = summary
        .lines()
        .find(|l| l.starts_with("investering,") && l.contains(",kommune,"))
        .unwrap();
    let csv_mean: f64 = row.split(',').nth(7).unwrap().parse().unwrap();
    assert_eq!(kohort::export::ore(mean), csv_mean);
    assert_eq!(csv_mean, (csv_mean * 100.0).round() / 100.0, "whole øre");
    let sweep = kohort()
        .args([
            "sweep",
            "--arm",
            "investering",
            "--caseload",
            "40:70:30",
            "--trials",
            "20",
            "--json",
            "--out",
        ])
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&sweep.get_output().stdout).unwrap();
    assert_eq!(doc["points"].as_array().unwrap().len(), 2);
    assert_eq!(
        doc["points"][1]["savings_mean"], 0.0,
        "the point at the baseline's caseload"
    );
}

#[test]
fn xlsx_reopens_with_the_csv_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("kohort.xlsx");
    kohort()
        .args(["run", "--trials", "25", "--quiet", "--xlsx"])
        .arg(&book)
        .arg("--out")
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("kohort.xlsx"));
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Sammendrag",
            "Bånd",
            "Forsøg",
            "Budgetår",
            "Effekter",
            "Bro",
            "Scenarie"
        ]
    );
    for (sheet, file) in [
        ("Sammendrag", "summary.csv"),
        ("Bånd", "bands.csv"),
        ("Forsøg", "trials.csv"),
        ("Budgetår", "years.csv"),
        ("Effekter", "effects.csv"),
        ("Bro", "bridge.csv"),
    ] {
        let range = wb.worksheet_range(sheet).unwrap();
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(dir.path().join(file))
            .unwrap();
        let records: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
        assert_eq!(
            records.len(),
            range.height(),
            "{sheet}: as many rows as {file}"
        );
        let mut rows = 0;
        for (cells, rec) in range.rows().zip(records) {
            assert_eq!(cells.len(), rec.len(), "{sheet} row {rows}: every column");
            if rows == 0 {
                // Headers in words: `savings_mean` → "Besparelse, middel (kr.)".
                let header: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
                assert!(
                    header.iter().all(|h| !h.is_empty() && !h.contains('_')),
                    "{header:?}"
                );
                rows += 1;
                continue;
            }
            for (cell, field) in cells.iter().zip(rec.iter()) {
                let perspective = kohort::economics::Perspective::from_id(field);
                match cell {
                    Data::String(s) if perspective.is_some() => {
                        assert_eq!(s, perspective.unwrap().label(true), "perspectives by label")
                    }
                    Data::Float(x) => assert_eq!(
                        *x,
                        field.parse::<f64>().unwrap(),
                        "{sheet}: a number as a number"
                    ),
                    Data::Int(x) => assert_eq!(*x as f64, field.parse::<f64>().unwrap()),
                    Data::String(s) => {
                        assert_eq!(s, field);
                        assert!(
                            field.parse::<f64>().is_err(),
                            "{sheet}: `{field}` must be stored as a number"
                        );
                    }
                    Data::Empty => assert!(field.is_empty()),
                    other => panic!("{sheet}: unexpected cell {other:?}"),
                }
            }
            rows += 1;
        }
        assert_eq!(rows, range.height(), "{sheet}: every CSV row");
    }
    let summary = wb.worksheet_range("Sammendrag").unwrap();
    let header: Vec<String> = summary
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(header.contains(&"Besparelse, middel (kr.)".to_string()));
    for row in summary.rows().skip(1) {
        let rule = [
            &row[at("Sagstal (regel)")],
            &row[at("Sagsbehandlere (regel)")],
        ];
        assert!(
            rule.iter().any(|c| matches!(c, Data::Float(_))),
            "staffing as a number: {rule:?}"
        );
    }
    let scenario = wb.worksheet_range("Scenarie").unwrap();
    assert!(
        scenario
            .rows()
            .any(|r| r.iter().any(|c| c.to_string().contains("Kontanthjælp")))
    );
}

/// `--lang en` gives the workbook English sheet names and headers, whatever the labels.
#[test]
fn lang_sets_the_workbook_language() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.xlsx");
    kohort()
        .args(["run", "--quiet", "--trials", "20", "--lang", "en", "--xlsx"])
        .arg(&book)
        .arg("--out")
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names()[0], "Summary");
    let summary = wb.worksheet_range("Summary").unwrap();
    let header: Vec<String> = summary
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        header.contains(&"Saving, mean (kr.)".to_string()),
        "{header:?}"
    );
    assert!(summary.rows().any(|r| {
        r.iter()
            .any(|c| matches!(c, calamine::Data::String(s) if s == "municipality after udligning"))
    }));
}

/// `expect` writes every perspective's rows, also over 1,200 months with an unlimited
/// intervention (Brøndby's after-job support), and the baseline saves nothing against itself.
#[test]
fn expect_writes_every_perspective_over_a_long_horizon() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("long.toml");
    let base = common::shipped("broendby.toml");
    std::fs::write(
        &scenario,
        format!(
            "extends = {:?}\nmonths = 1200\n",
            base.display().to_string()
        ),
    )
    .unwrap();
    kohort()
        .args(["expect", "--out"])
        .arg(dir.path())
        .arg(&scenario)
        .assert()
        .success()
        .stdout(predicate::str::contains("Expected total saving"));
    let csv = read(&dir.path().join("expect.csv"));
    let model = kohort::scenario::load(&scenario).unwrap();
    // Per arm and month: occupancies, cases, caseload, caseworkers, then 3 rows × 5 perspectives.
    let per_month = model.states.len() + 3 + 3 * 5;
    assert_eq!(csv.lines().count(), 1 + model.arms.len() * 1200 * per_month);
    let baseline = &model.arms[0].name;
    let zero_savings = csv
        .lines()
        .filter(|l| l.starts_with(&format!("{baseline},")) && l.contains(",savings_"))
        .all(|l| l.ends_with(",0"));
    assert!(zero_savings, "the baseline saves nothing against itself");
    assert!(csv.contains(",1200,savings_cumulative,offentlige_finanser,"));
}

/// A scenario whose arms cannot differ, or whose elasticity reaches no transition, is warned
/// about by `check` and `run` (and still runs).
#[test]
fn check_and_run_warn_when_effects_reach_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("flat.toml");
    let base = common::shipped("silkeborg.toml");
    std::fs::write(
        &scenario,
        format!(
            "extends = {:?}\n[caseload]\nelasticity = {{ job = 0.0, uddannelse = 0.2 }}\n[transitions.kontanthjaelp]\nuddannelse = 0.0\n",
            base.display().to_string()
        ),
    )
    .unwrap();
    kohort()
        .arg("check")
        .arg(&scenario)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: [caseload] elasticity on `uddannelse`",
        ))
        .stdout(predicate::str::contains(
            "the arms cannot differ in outcomes",
        ));
    kohort()
        .args(["run", "--trials", "5", "--quiet", "--out"])
        .arg(dir.path().join("out"))
        .arg(&scenario)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "the arms cannot differ in outcomes",
        ));
}

/// Above caseload 150 the effect is held at the edge, which caps the harm of cutting staff:
/// `sweep` never names such a point best, says that its best is the edge of the evidence's
/// range, and shows each point with no effect and at the research's effect.
#[test]
fn sweep_names_no_best_point_outside_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let out = kohort()
        .args(["sweep", "--arm", "investering", "--caseload", "25:200:25"])
        .args(["--trials", "100", "--json", "--out"])
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let points = doc["points"].as_array().unwrap();
    assert_eq!(points.len(), 8);
    let mean = |i: usize| points[i]["savings_mean"].as_f64().unwrap();
    // The largest mean of all is at 200, held at the edge: the clamp's artefact.
    let top = (0..8).max_by(|&a, &b| mean(a).total_cmp(&mean(b))).unwrap();
    assert!(points[top]["effect_held"].as_f64().unwrap() > 0.0);
    let best = doc["best"].as_u64().unwrap() as usize;
    assert_eq!(points[best]["caseload"].as_f64().unwrap(), 150.0);
    assert_eq!(doc["best_edge"], "evidence");
    for p in points {
        assert!(p["savings_mean_no_effect"].is_f64() && p["savings_mean_evidence"].is_f64());
    }
    // Each point's break-even effect is that of the arm at its caseload alone.
    let (model, _) = kohort::scenario::load_uncertain(&common::shipped("silkeborg.toml")).unwrap();
    for (i, caseload) in [(1, 50.0), (4, 125.0)] {
        let one = kohort::sweep::expand(
            &model,
            "investering",
            kohort::sweep::Axis::Caseload,
            &[caseload],
        )
        .unwrap();
        let t = &kohort::threshold::thresholds(&one, &Default::default()).unwrap()[0];
        let kohort::threshold::Crossing::At {
            elasticity,
            pays_above,
        } = t.crossing
        else {
            panic!("{t:?}");
        };
        assert_eq!(points[i]["breakeven_elasticity"].as_f64(), Some(elasticity));
        assert_eq!(
            points[i]["pays_if"],
            if pays_above { "above" } else { "below" }
        );
    }
    let text = kohort()
        .args(["sweep", "--arm", "investering", "--caseload", "25:200:25"])
        .args(["--trials", "100", "--out"])
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let text = String::from_utf8_lossy(&text.get_output().stdout).into_owned();
    assert!(
        text.contains("Largest mean saving within the evidence's range (25–150): caseload 150.0")
            && text.contains(
                "the edge of the range the evidence covers: the data say nothing beyond it"
            )
            && text.contains("At that point with no effect at all:"),
        "{text}"
    );
}

/// Amounts likely in the wrong unit (a caseworker at 600 kr. a year, a yearly rate as a
/// monthly move, a yearly benefit) are warned about by `check` and `run`, which still runs.
#[test]
fn check_and_run_warn_about_implausible_units() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("units.toml");
    let base = common::shipped("silkeborg.toml");
    std::fs::write(
        &scenario,
        format!(
            "extends = {:?}\n[economics]\ncaseworker_cost = 600\n[transitions.kontanthjaelp]\njob = 0.35\n[states.kontanthjaelp]\nbenefit = 147912\n",
            base.display().to_string()
        ),
    )
    .unwrap();
    let warnings = [
        "warning: [economics] caseworker_cost = 600 kr. a year is under 100000 kr.",
        "warning: [transitions.kontanthjaelp] job = 0.35: more than 0.3",
        "warning: [states.kontanthjaelp] benefit = 147912 kr. a month is over 50000 kr.",
    ];
    let check = kohort().arg("check").arg(&scenario).assert().success();
    let out = String::from_utf8_lossy(&check.get_output().stdout).into_owned();
    let run = kohort()
        .args(["run", "--trials", "5", "--quiet", "--out"])
        .arg(dir.path().join("out"))
        .arg(&scenario)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    for w in warnings {
        assert_eq!(out.matches(w).count(), 1, "check: {w}\n{out}");
        assert_eq!(err.matches(w).count(), 1, "run: {w}\n{err}");
    }
}

/// `compare` runs each scenario's first arm against its baseline: one table, one CSV whose row
/// for a scenario is what `run` of that scenario says (same trials and seed), one page; a
/// scenario with only a baseline is refused before anything runs.
#[test]
fn compare_puts_scenarios_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("c.html");
    kohort()
        .args(["compare", "--trials", "60", "--out"])
        .arg(dir.path())
        .arg("--report")
        .arg(&report)
        .arg(common::shipped("isu.toml"))
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "isu: caseload 70 + ISU-dialogmetoden",
        ));
    let csv = read(&dir.path().join("compare.csv"));
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let first = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap();
    let isu_mean: f64 = first[9].parse().unwrap();
    let run_dir = dir.path().join("run");
    kohort()
        .args(["run", "--trials", "60", "--quiet", "--out"])
        .arg(&run_dir)
        .arg(common::shipped("isu.toml"))
        .assert()
        .success();
    let summary = read(&run_dir.join("summary.csv"));
    let row = summary
        .lines()
        .find(|l| l.starts_with("isu,") && l.contains(",kommune_efter_udligning,"))
        .unwrap();
    let run_mean: f64 = row.split(',').nth(7).unwrap().parse().unwrap();
    assert_eq!(isu_mean, run_mean, "compare's row is run's figure");
    let page = read(&report);
    assert_eq!(page.matches("class=\"headline\"").count(), 2);
    let lonely = dir.path().join("lonely.toml");
    let text = common::with_arms(common::FOUR_STATES, "[arms.baseline]\ncaseload = 30\n");
    std::fs::write(&lonely, text).unwrap();
    let out = dir.path().join("refused");
    kohort()
        .args(["compare", "--trials", "5", "--out"])
        .arg(&out)
        .arg(common::shipped("isu.toml"))
        .arg(&lonely)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only a baseline"));
    assert!(!out.join("compare.csv").exists(), "nothing written");
}
