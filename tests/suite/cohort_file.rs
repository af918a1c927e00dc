//! `[cohort] citizens = "borgere.csv"`: the starting cohort from the municipality's extract.
//!
//! A file listing the same citizens as `size`/`initial`/`prior_months` (in the same order:
//! by state, then segment) must give byte-identical trials; a Danish-Excel export of it
//! (semicolons, decimal commas, BOM) the same again; bad rows are refused with
//! `file:line: column: message`, exit 2, and nothing written.

use crate::common;

use std::path::Path;

use assert_cmd::Command;

/// The two-segment scenario of the `segments` tests, with a fixed 12 months before month 1.
fn scenario() -> String {
    crate::segments::SCENARIO.replace(
        "prior_months = { months = [0, 12, 40], weights = [0.2, 0.3, 0.5] }",
        "prior_months = 12",
    )
}

/// The scenario with its cohort read from `file`.
fn from_file(file: &str) -> String {
    let mut text = scenario()
        .replace("size = 500", &format!("citizens = \"{file}\""))
        .replace("initial = { kh = 0.8, job = 0.2 }\n", "")
        .replace("prior_months = 12\n", "");
    for share in ["share = 0.4\n", "share = 0.6\n"] {
        text = text.replace(share, "");
    }
    text
}

/// The same 500 citizens, by state then segment, as `size`/`initial` split them.
const CITIZENS: &str = "borger_id,state,months_on_benefits,segment,count,alder\n\
    a,kh,12,unge,160,25\nb,kh,12,aeldre,240,52\nc,job,12,unge,40,24\nd,job,12,aeldre,60,47\n";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_file_of_the_same_citizens_gives_identical_trials() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "borgere.csv", CITIZENS);
    let scenario_path = write(dir.path(), "s.toml", &from_file("borgere.csv"));
    let filed = kohort::scenario::load(&scenario_path).unwrap();
    let plain = common::model(&scenario());
    assert_eq!(filed.cohort_size, 500);
    assert_eq!(filed.initial_counts, plain.initial_counts);
    let f = filed.cohort_file.as_ref().unwrap();
    assert_eq!(f.extra_columns, ["borger_id", "alder"]);
    assert_eq!(filed.segments[0].share, 0.4, "counted from the file");
    let (a, b) = (common::run(&filed, 50, 3), common::run(&plain, 50, 3));
    assert!(a.data == b.data, "trials differ");
}

#[test]
fn a_danish_excel_export_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let danish = CITIZENS.replace(',', ";").replace(";12;", ";12,0;");
    write(dir.path(), "comma.csv", CITIZENS);
    write(dir.path(), "excel.csv", &format!("\u{feff}{danish}"));
    let load = |file: &str| {
        let path = write(dir.path(), &format!("{file}.toml"), &from_file(file));
        kohort::scenario::load(&path).unwrap()
    };
    let (a, b) = (load("comma.csv"), load("excel.csv"));
    assert_eq!(a.cohort, b.cohort);
    assert!(common::run(&a, 20, 1).data == common::run(&b, 20, 1).data);
}

#[test]
fn bad_rows_are_refused_with_file_line_and_column_and_nothing_is_written() {
    let header = "state,months_on_benefits,segment,count\n";
    let cases = [
        (
            "kh,12,unge,1\nkontanthjaelp,3,unge,1\n",
            "b.csv:3: state: `kontanthjaelp` is not a state of the scenario (kh, job, ude)",
        ),
        (
            "kh,-1,unge,1\n",
            "b.csv:2: months_on_benefits: must be a whole number ≥ 0, got `-1`",
        ),
        (
            "kh,tolv,unge,1\n",
            "b.csv:2: months_on_benefits: `tolv` is not a number",
        ),
        (
            "kh,1300,unge,1\n",
            "b.csv:2: months_on_benefits: 1300 months is more than 1200",
        ),
        (
            "kh,12,born,1\n",
            "b.csv:2: segment: `born` is not a segment of the scenario (unge, aeldre)",
        ),
        (
            "kh,12,unge,0\n",
            "b.csv:2: count: must be a whole number ≥ 1, got `0`",
        ),
        ("kh,,unge,1\n", "b.csv:2: months_on_benefits: is empty"),
    ];
    let mut all: Vec<(String, String)> = cases
        .iter()
        .map(|(rows, m)| (format!("{header}{rows}"), m.to_string()))
        .collect();
    all.push((
        "state,segment\nkh,unge\n".into(),
        "b.csv:1: header: no column `months_on_benefits`".into(),
    ));
    all.push((
        "state,months_on_benefits\nkh,3\n".into(),
        "b.csv:1: header: the scenario has segments".into(),
    ));
    all.push((
        header.into(),
        "b.csv:1: rows: the file has a header but no rows".into(),
    ));
    for (text, message) in all {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.csv", &text);
        let scenario_path = write(dir.path(), "s.toml", &from_file("b.csv"));
        let out = dir.path().join("out");
        let assert = Command::cargo_bin("kohort")
            .unwrap()
            .current_dir(dir.path())
            .args(["run", "s.toml", "--quiet", "--trials", "10", "--out", "out"])
            .assert()
            .code(2);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        let first = stderr.lines().next().unwrap_or("");
        assert!(
            first.contains(message.trim_start_matches("b.csv")) && first.contains("b.csv:"),
            "{message}: {stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        assert!(!out.exists(), "no output directory is left behind");
        drop(scenario_path);
    }
}

#[test]
fn a_file_and_a_size_or_shares_together_are_refused() {
    let text = from_file("b.csv");
    for (from, to, message) in [
        (
            "citizens = \"b.csv\"",
            "citizens = \"b.csv\"\nsize = 10",
            "not both",
        ),
        (
            "citizens = \"b.csv\"",
            "citizens = \"b.csv\"\nprior_months = 3",
            "leave out prior_months",
        ),
        (
            "label = \"Under 30\"",
            "label = \"Under 30\"\nshare = 0.4",
            "counted from its `segment` column",
        ),
        ("citizens = \"b.csv\"", "", "needs `size` and `initial`"),
    ] {
        let err = kohort::scenario::parse("s.toml", &text.replacen(from, to, 1))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s.toml:") && err.contains(message), "{err}");
    }
    let missing = kohort::scenario::parse("/nowhere/s.toml", &text)
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains(
            "/nowhere/s.toml:8: [cohort] citizens: cannot read cohort file `b.csv` (looked for /nowhere/b.csv"
        ),
        "{missing}"
    );
}

/// The shipped worked example's segment rows of arm 1 from the headline: (label, P(gain)).
fn segment_gains(name: &str) -> Vec<(String, f64)> {
    let path = common::shipped(name);
    let (model, params) = kohort::scenario::load_uncertain(&path).unwrap();
    let run = kohort::psa::run(
        &model,
        &params,
        model.trials,
        model.seed,
        &indicatif::ProgressBar::hidden(),
    );
    let analysis = kohort::summary::Analysis::new(&model, &run.results, &run.ledgers);
    analysis
        .segments
        .iter()
        .filter(|r| r.arm == 1 && r.perspective == model.headline)
        .map(|r| (model.segments[r.segment].id.clone(), r.p_gain))
        .collect()
}

#[test]
fn the_shipped_cohort_file_gives_the_worked_example() {
    let model = kohort::scenario::load(&common::shipped("cohort/egen-kohorte.toml")).unwrap();
    assert_eq!(model.cohort_size, 400);
    let per_segment: Vec<u32> = (0..3)
        .map(|g| {
            model
                .cohort
                .iter()
                .filter(|c| c.segment == g)
                .map(|c| c.count)
                .sum()
        })
        .collect();
    assert_eq!(per_segment, [76, 60, 264]);
    let check = Command::cargo_bin("kohort")
        .unwrap()
        .args(["check"])
        .arg(common::shipped("cohort/egen-kohorte.toml"))
        .assert()
        .success();
    let out = String::from_utf8(check.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("columns not used (ignored): løbenummer, alder, matchgruppe"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let json = Command::cargo_bin("kohort")
        .unwrap()
        .args(["run", "--json", "--trials", "50", "--out"])
        .arg(dir.path())
        .arg(common::shipped("cohort/egen-kohorte.toml"))
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    let rows = doc["segments"].as_array().unwrap();
    assert_eq!(rows.len(), 3 * 5, "3 segments × 1 arm × 5 perspectives");
    assert_eq!(rows[0]["label"], "Under 40, under 3 år");
    let csv = std::fs::read_to_string(dir.path().join("segments.csv")).unwrap();
    assert!(csv.contains(",3 år eller mere,"), "{csv}");
    // As the README says: at the evidence the cut never pays for the long-term recipients and
    // is a coin toss for the young; with the optimistic effect it pays for the young only.
    let evidence = segment_gains("cohort/egen-kohorte.toml");
    assert_eq!(evidence[2].1, 0.0, "{evidence:?}");
    assert!((0.3..0.7).contains(&evidence[0].1), "{evidence:?}");
    let optimistic = segment_gains("cohort/unge-optimistisk.toml");
    assert!(optimistic[0].1 > 0.9, "{optimistic:?}");
    assert!(
        optimistic[1].1 < 0.1 && optimistic[2].1 == 0.0,
        "{optimistic:?}"
    );
}
