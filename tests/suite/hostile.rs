//! The second round of hostile inputs: each reproducer gets a located error with exit 2 and
//! nothing written, a warning, or the right result — and never loses results or overwrites an
//! input.

use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;

use crate::common;
use crate::robustness::Case;

const RUN: [&str; 7] = ["run", "s.toml", "--trials", "20", "--out", "out", "--quiet"];

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn nan_bounds_and_overflowing_distributions_are_located_errors() {
    for (body, expect) in [
        (
            "job = { dist = \"normal\", mean = 0.5, sd = 0.1, max = nan }",
            "min < max",
        ),
        (
            "job = { dist = \"normal\", mean = 0.5, sd = 0.1, min = nan }",
            "min < max",
        ),
        (
            "job = { dist = \"lognormal\", mean = 1, sd = 1e200 }",
            "at most 100 times its mean",
        ),
        (
            "job = { dist = \"gamma\", shape = 1e6, scale = 1e305 }",
            "no finite mean",
        ),
    ] {
        let case = Case::new(
            "example.toml",
            &format!("[caseload]\nelasticity = {{ {body} }}"),
        );
        for cmd in [&["check", "s.toml"][..], &RUN[..]] {
            case.refused(cmd, &["s.toml:3: [caseload] elasticity", expect]);
        }
    }
}

#[test]
fn a_closed_or_full_stdout_never_costs_the_files() {
    let case = Case::new("example.toml", "");
    // A full stdout: the set is committed, then one line and exit 2.
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("kohort"))
        .current_dir(case.path())
        .args(["run", "s.toml", "--trials", "20", "--out", "a"])
        .stdout(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output") && stderr.contains("were written"),
        "{stderr}"
    );
    assert!(case.path().join("a/summary.csv").is_file());
    // A reader that went away (`| head`, `| true`): quiet, exit 0, files in place.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kohort"))
        .current_dir(case.path())
        .args(["run", "s.toml", "--trials", "20", "--out", "b"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(case.path().join("b/summary.csv").is_file());
}

#[test]
fn no_output_may_overwrite_an_input_or_another_output() {
    let case = Case::new("example.toml", "");
    let scenario = std::fs::read(case.path().join("s.toml")).unwrap();
    let refused = |args: &[&str], expect: &[&str]| {
        let mut all = RUN.to_vec();
        all.extend_from_slice(args);
        case.refused(&all, expect);
    };
    refused(
        &["--report", "s.toml"],
        &["--report", "would overwrite the input `s.toml`"],
    );
    refused(
        &["--xlsx", "./s.toml"],
        &["--xlsx", "would overwrite the input"],
    );
    refused(
        &["--report", "x", "--xlsx", "x"],
        &["--xlsx", "also where --report writes"],
    );
    refused(
        &["--report", "out/summary.csv"],
        &["--report", "also where --out writes"],
    );
    assert_eq!(std::fs::read(case.path().join("s.toml")).unwrap(), scenario);
    assert!(!case.path().join("x").exists());
    // The cohort file, read through the scenario.
    let dir = tempfile::tempdir().unwrap();
    let cohort = common::shipped("cohort/borgere.csv");
    std::fs::copy(&cohort, dir.path().join("borgere.csv")).unwrap();
    let text = std::fs::read_to_string(common::shipped("cohort/egen-kohorte.toml"))
        .unwrap()
        .replace(
            "../base/denmark-2024.toml",
            &common::shipped("base/denmark-2024.toml")
                .display()
                .to_string(),
        );
    std::fs::write(dir.path().join("c.toml"), text).unwrap();
    let a = Command::cargo_bin("kohort")
        .unwrap()
        .current_dir(dir.path())
        .args(["run", "c.toml", "--trials", "5", "--xlsx", "borgere.csv"])
        .assert()
        .code(2);
    assert!(stderr_of(&a).contains("would overwrite the input `borgere.csv`"));
    assert_eq!(
        std::fs::read(dir.path().join("borgere.csv")).unwrap(),
        std::fs::read(cohort).unwrap()
    );
}

#[test]
fn calibrate_writes_no_device_and_no_scenario_kohort_would_refuse() {
    let case = Case::new("national.toml", "");
    let calibrate = |targets: &str, write: &str| {
        std::fs::write(case.path().join("t.csv"), targets).unwrap();
        case.kohort(&[
            "calibrate",
            "s.toml",
            "--targets",
            "t.csv",
            "--write",
            write,
        ])
    };
    let a = calibrate("month,state,share\n12,kontanthjaelp,0.9\n", "/dev/null").code(2);
    assert!(stderr_of(&a).contains("--write: `/dev/null` is not a regular file"));
    let a = calibrate("month,state,share\n1,kontanthjaelp,0\n1,job,1\n", "c.toml").code(2);
    let e = stderr_of(&a);
    assert!(e.contains("the fit gives a scenario kohort cannot run") && e.contains("sum to 1"));
    assert!(!case.path().join("c.toml").exists(), "nothing written");
    let a = calibrate(
        "month,state,share\n12,kontanthjaelp,0.99\n12,job,0.01\n24,kontanthjaelp,0.2\n24,job,0.8\n",
        "c.toml",
    );
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("warning: the fit misses a target by"), "{out}");
    let a = case
        .kohort(&[
            "calibrate",
            "s.toml",
            "--targets",
            "t.csv",
            "--write",
            "s.toml",
        ])
        .code(2);
    assert!(stderr_of(&a).contains("would overwrite the input `s.toml`"));
}

/// Every CSV cell in `dir` that is not a number and starts as a formula would.
pub(crate) fn formula_cells(dir: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .unwrap();
        for rec in reader.records() {
            for cell in rec.unwrap().iter() {
                let number = cell.parse::<f64>().is_ok_and(f64::is_finite);
                if !number && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    bad.push(format!("{}: {cell}", path.display()));
                }
            }
        }
    }
    bad
}

#[test]
fn formula_labels_are_neutralised_in_every_csv() {
    let body = "[arms.investering]\nlabel = \"=HYPERLINK(\\\"http://x\\\",\\\"klik\\\")\"\n\
                [states.job]\nlabel = \"@SUM(A1)\"\n";
    let case = Case::new("example.toml", body);
    let runs: [&[&str]; 4] = [
        &["run", "s.toml", "--trials", "20", "--out", "r", "--quiet"],
        &[
            "run",
            "s.toml",
            "--trials",
            "20",
            "--out",
            "d",
            "--quiet",
            "--csv-dialect",
            "da",
        ],
        &[
            "sweep",
            "s.toml",
            "--arm",
            "investering",
            "--caseload",
            "50:60:10",
            "--trials",
            "10",
            "--out",
            "s",
            "--quiet",
        ],
        &["expect", "s.toml", "--out", "e", "--quiet"],
    ];
    for args in runs {
        case.kohort(args).success();
    }
    for dir in ["r", "s", "e"] {
        let dir = case.path().join(dir);
        assert_eq!(formula_cells(&dir), Vec::<String>::new());
    }
    let summary = std::fs::read_to_string(case.path().join("r/summary.csv")).unwrap();
    assert!(summary.contains("'=HYPERLINK"), "the label kept, as text");
    let danish = std::fs::read_to_string(case.path().join("d/summary.csv")).unwrap();
    assert!(danish.contains("'=HYPERLINK") && !danish.contains(";=HYPERLINK"));
}

#[test]
fn empty_and_formula_ids_are_refused() {
    for (body, expect) in [
        ("[states.\"\"]\nlabel = \"x\"", "state id `` must be"),
        ("[arms.\"\"]\ncaseload = 50", "arm id `` must be"),
        ("[arms.\"=1+2\"]\ncaseload = 50", "arm id `=1+2` must be"),
    ] {
        Case::new("example.toml", body).refused(&["check", "s.toml"], &["s.toml:2", expect]);
    }
}

#[test]
fn a_refused_run_leaves_no_directory_behind() {
    let case = Case::new("example.toml", "");
    case.kohort(&["run", "missing.toml", "--out", "a/b/c"])
        .code(2);
    assert!(!case.path().join("a").exists());
    case.kohort(&[
        "run",
        "missing.toml",
        "--report",
        "r1/r2/r.html",
        "--out",
        "o",
    ])
    .code(2);
    assert!(!case.path().join("r1").exists() && !case.path().join("o").exists());
}

/// A cohort file beside a scenario that reads it, in a fresh directory.
fn cohort_case(file: &[u8], citizens: &str) -> Case {
    let body = format!("[cohort]\ncitizens = {citizens:?}\n");
    let case = Case::new("cohort/egen-kohorte.toml", &body);
    std::fs::write(case.path().join("borgere.csv"), file).unwrap();
    case
}

#[test]
fn cohort_files_that_misled_now_say_what_is_wrong() {
    let header = "state;months_on_benefits;segment;count\n";
    let check = ["check", "s.toml"];
    let thousands = format!("{header}kontanthjaelp;40;mellem;1.000\n");
    cohort_case(thousands.as_bytes(), "borgere.csv").refused(
        &check,
        &[
            "borgere.csv:2: count: `1.000` is ambiguous",
            "write it without the point (1000)",
        ],
    );
    let tabs = "state\tmonths_on_benefits\tsegment\tcount\nkontanthjaelp\t40\tmellem\t3\n";
    cohort_case(tabs.as_bytes(), "borgere.csv")
        .kohort(&check)
        .success();
    let latin1 = b"state,months_on_benefits,segment\nkontanthj\xe6lp,40,mellem\n";
    cohort_case(latin1, "borgere.csv")
        .refused(&check, &["line 2 is not UTF-8", "save the file as UTF-8"]);
    let twice = "state,months_on_benefits,segment,state\nkontanthjaelp,4,mellem,job\n";
    cohort_case(twice.as_bytes(), "borgere.csv")
        .refused(&check, &["header: column `state` appears twice"]);
    let huge = format!(
        "state,months_on_benefits,segment\n{},4,mellem\n",
        "x".repeat(1 << 20)
    );
    let case = cohort_case(huge.as_bytes(), "borgere.csv");
    let a = case.kohort(&check).code(2);
    assert!(
        stderr_of(&a).len() < 1000,
        "a huge cell is not echoed whole"
    );
    cohort_case(b"", "").refused(&check, &["s.toml:3", "citizens must name a file"]);
    cohort_case(b"", "mangler.csv").refused(
        &check,
        &[
            "s.toml:3",
            "cannot read cohort file `mangler.csv`",
            "relative to the scenario file",
        ],
    );
}

#[test]
fn scenario_slips_that_misled_now_get_advice() {
    Case::new("example.toml", "[cohort]\ninitial = { kontanthjælp = 1.0 }").refused(
        &["check", "s.toml"],
        &[
            "s.toml:3",
            "ids are ascii: initial = { kontanthjaelp = 1.0 }",
        ],
    );
    let case = Case::new("example.toml", "");
    std::fs::write(
        case.path().join("k.toml"),
        "extends = \"../base/denmark-2024.toml\"\n",
    )
    .unwrap();
    case.refused(
        &["check", "k.toml"],
        &["a path in `extends` is relative to the file that names it"],
    );
    case.kohort(&[
        "run",
        "s.toml",
        "--trials",
        "5",
        "--quiet",
        "--perspective",
        "forsørgelse",
    ])
    .success();
}

#[test]
fn follow_actuals_larger_than_the_cohort_name_their_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.csv"),
        "month,state,count\n1,kontanthjaelp,5000\n",
    )
    .unwrap();
    let a = Command::cargo_bin("kohort")
        .unwrap()
        .current_dir(dir.path())
        .arg("follow")
        .arg(common::shipped("follow/ballerup-followed.toml"))
        .args(["--actuals", "a.csv", "--trials", "50", "--quiet"])
        .assert()
        .code(2);
    let e = stderr_of(&a);
    assert!(
        e.contains("a.csv:2: count: month 1 counts 5000 citizens"),
        "{e}"
    );
}
