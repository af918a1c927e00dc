//! `kohort follow` as a user runs it: the shipped example, its files, reproducibility across
//! threads, a Danish-Excel actuals file, and bad actuals.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn kohort() -> Command {
    Command::cargo_bin("kohort").unwrap()
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/follow")
        .join(name)
}

/// `follow` on the shipped example with `args`, into `dir`.
fn follow(dir: &Path, actuals: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    follow_cmd(dir, actuals, args).assert()
}

fn follow_cmd(dir: &Path, actuals: &Path, args: &[&str]) -> Command {
    let mut cmd = kohort();
    cmd.arg("follow")
        .arg(example("ballerup-followed.toml"))
        .arg("--actuals")
        .arg(actuals)
        .arg("--out")
        .arg(dir)
        .args(args);
    cmd
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    ["follow.csv", "posterior.csv", "updated_bands.csv"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(dir.join(f)).unwrap()))
        .collect()
}

#[test]
fn the_example_falls_below_the_band_and_its_files_are_the_same_on_one_and_two_threads() {
    let actuals = example("ballerup-actuals.csv");
    let runs: Vec<_> = ["1", "2"]
        .iter()
        .map(|threads| {
            let dir = tempfile::tempdir().unwrap();
            let out = follow_cmd(dir.path(), &actuals, &[])
                .env("RAYON_NUM_THREADS", threads)
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            let text = String::from_utf8(out).unwrap();
            let text: String = text.lines().filter(|l| !l.starts_with("wrote ")).collect();
            (text, files(dir.path()))
        })
        .collect();
    assert_eq!(runs[0].0, runs[1].0, "the terminal");
    for (a, b) in runs[0].1.iter().zip(&runs[1].1) {
        assert!(a == b, "{} differs between 1 and 2 threads", a.0);
    }
    let (stdout, files) = &runs[0];
    assert!(
        stdout.starts_with("Efter 12 måneder ligger I under båndet: "),
        "{stdout}"
    );
    assert!(stdout.contains("Den opdaterede forventning til besparelsen over 4 år er −"));
    let follow = String::from_utf8(files[0].1.clone()).unwrap();
    let mut lines = follow.lines();
    assert_eq!(
        lines.next(),
        Some("month,metric,actual,mean,p5,p50,p95,percentile,outside_band")
    );
    assert_eq!(lines.count(), 48, "12 months × 4 states");
    assert!(follow.contains("12,occupancy:job,9.0,"));
    let posterior = String::from_utf8(files[1].1.clone()).unwrap();
    assert!(posterior.starts_with(
        "parameter,prior_mean,prior_p5,prior_p95,posterior_mean,posterior_p5,posterior_p95\n\
         caseload.elasticity.job,"
    ));
    assert!(posterior.contains("\ninterventions.eksterne.effects.job,"));
    assert!(posterior.contains("\nsavings_total:kommune_efter_udligning,"));
}

#[test]
fn a_danish_excel_actuals_file_gives_the_same_update() {
    let plain = std::fs::read_to_string(example("ballerup-actuals.csv")).unwrap();
    let danish: String = plain
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{}\r\n", l.replace(',', ";")))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("faktisk.csv");
    std::fs::write(&file, format!("\u{feff}{danish}")).unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    follow(&a, &example("ballerup-actuals.csv"), &["--quiet"]).success();
    follow(&b, &file, &["--quiet"]).success();
    assert_eq!(files(&a), files(&b));
}

#[test]
fn bad_actuals_are_refused_with_file_line_and_column_and_nothing_is_written() {
    let cases = [
        (
            "month,state,count\n1,job,3\n2,jobb,4\n",
            "a.csv:3: state: `jobb` is not a state",
        ),
        (
            "month,state,count\n49,job,3\n",
            "a.csv:2: month: 49 is past the scenario's horizon of 48 months",
        ),
        (
            "month,state,count\n1,job,-3\n",
            "a.csv:2: count: must be a whole number ≥ 0, got `-3`",
        ),
        (
            "month,state,count\n1,job,2.5\n",
            "a.csv:2: count: must be a whole number ≥ 0, got `2.5`",
        ),
        (
            "month,state,count\n1,job,3\n1,job,4\n",
            "a.csv:3: state: month 1 and state `job` are also on line 2",
        ),
        ("month,state\n1,job\n", "a.csv:1: header: no column `count`"),
        (
            "month,state,count\n1,job,500\n",
            "a.csv:2: count: month 1 counts 500 citizens, but the followed cohort has about 130",
        ),
        (
            "month,state,count\n1,ledighedsydelse,3\n",
            "a.csv:2: count: 3 citizens, but no trial of the scenario has anyone in that state after month 1",
        ),
    ];
    for (text, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.csv");
        std::fs::write(&file, text).unwrap();
        let out = dir.path().join("out");
        follow(&out, &file, &["--trials", "200"])
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(!out.join("follow.csv").exists(), "{message}");
    }
}

#[test]
fn too_few_effective_trials_switch_to_the_tempered_sampler() {
    let dir = tempfile::tempdir().unwrap();
    let out = follow(
        dir.path(),
        &example("ballerup-actuals.csv"),
        &["--trials", "500", "--json"],
    )
    .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["sampler"], "tempered", "{json}");
    assert!(json["effective_trials"].as_f64().unwrap() < 200.0);
    assert_eq!(
        json["plausible"], true,
        "the example's actuals fit the scenario"
    );
    assert!(dir.path().join("follow.csv").exists());
    let posterior = std::fs::read_to_string(dir.path().join("posterior.csv")).unwrap();
    // The example's actuals move the intervention's effect on jobs down from about 3 to about
    // 2 (the weighted update of 10,000 trials gives 2.08).
    let row = posterior
        .lines()
        .find(|l| l.starts_with("interventions.eksterne.effects.job,"))
        .unwrap();
    let mean: f64 = row.split(',').nth(4).unwrap().parse().unwrap();
    assert!((1.8..2.4).contains(&mean), "{row}");
}

#[test]
fn the_report_and_workbook_show_the_actual_months() {
    let dir = tempfile::tempdir().unwrap();
    let (html, xlsx) = (dir.path().join("f.html"), dir.path().join("f.xlsx"));
    follow(
        dir.path(),
        &example("ballerup-actuals.csv"),
        &["--quiet", "--json"],
    )
    .success()
    .stdout(predicate::str::contains("\"effective_trials\""));
    follow_cmd(dir.path(), &example("ballerup-actuals.csv"), &["--quiet"])
        .arg("--report")
        .arg(&html)
        .arg("--xlsx")
        .arg(&xlsx)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Efter 12 måneder ligger I under båndet"));
    assert!(
        page.contains("id=\"observed-chart\"") && page.contains("id=\"parameter-before-after\"")
    );
    assert!(!page.contains("<script"), "no script");
    let links = page.matches("http").count();
    let svg_namespaces = page.matches("http://www.w3.org/2000/svg").count();
    assert_eq!(
        links, svg_namespaces,
        "nothing fetched: only SVG namespaces"
    );
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    assert_eq!(
        book.sheet_names(),
        [
            "Prognose og faktisk",
            "Opfølgning",
            "Før og efter",
            "Opdaterede bånd",
            "Besparelse før og efter",
            "Parameter før og efter",
            "Scenarie"
        ]
    );
    let forecast = book.worksheet_range("Prognose og faktisk").unwrap();
    assert_eq!(forecast.height(), 1 + 24, "twice the 12 observed months");
    let bytes = std::fs::read(&xlsx).unwrap();
    let charts = (1..=3).all(|k| {
        let name = format!("xl/charts/chart{k}.xml");
        bytes.windows(name.len()).any(|w| w == name.as_bytes())
    });
    assert!(
        charts,
        "three native charts: the band with the actual months, two before/after"
    );
}

#[test]
fn observed_expenditure_is_shown_against_the_forecast() {
    let dir = tempfile::tempdir().unwrap();
    let spent = dir.path().join("udgift.csv");
    std::fs::write(
        &spent,
        "month;perspective;kr\n1;kommune;1.150.000,50\n2;kommune;1100000\n",
    )
    .unwrap();
    follow_cmd(dir.path(), &example("ballerup-actuals.csv"), &["--quiet"])
        .arg("--expenditure")
        .arg(&spent)
        .assert()
        .success();
    let follow = std::fs::read_to_string(dir.path().join("follow.csv")).unwrap();
    assert!(
        follow.contains("\n1,expenditure:kommune,1150000.5,"),
        "{follow}"
    );
    assert!(follow.contains("\n2,expenditure:kommune,1100000.0,"));
    std::fs::write(&spent, "month,perspective,kr\n1,kommunen,5\n").unwrap();
    follow_cmd(dir.path(), &example("ballerup-actuals.csv"), &["--quiet"])
        .arg("--expenditure")
        .arg(&spent)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "udgift.csv:2: perspective: `kommunen` is not one of",
        ));
}
