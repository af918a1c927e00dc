//! Hostile input, one case per class that once panicked, hung, aborted or misled: each now gets
//! a one-line located error and exit code 2 with nothing written, or the right result.

use crate::common;

use std::path::Path;

use assert_cmd::Command;

/// A scenario in a fresh directory: `extends` the shipped `base` (absolute path), then `body`.
pub(crate) struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    pub(crate) fn new(base: &str, body: &str) -> Case {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "extends = {:?}\n{body}\n",
            common::shipped(base).display().to_string()
        );
        std::fs::write(dir.path().join("s.toml"), text).unwrap();
        Case { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `kohort ARGS` in the case's directory (`s.toml` is the scenario, `out` the output).
    pub(crate) fn kohort(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("kohort")
            .unwrap()
            .current_dir(self.path())
            .timeout(std::time::Duration::from_secs(60))
            .args(args)
            .assert()
    }

    /// Exit 2, one line naming every piece of `expect`, nothing written to `out`.
    pub(crate) fn refused(&self, args: &[&str], expect: &[&str]) {
        let assert = self.kohort(args).code(2);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        for piece in expect {
            assert!(stderr.contains(piece), "expected `{piece}` in: {stderr}");
        }
        let written = std::fs::read_dir(self.path().join("out"))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(written, 0, "nothing written: {stderr}");
    }
}

#[test]
fn numbers_that_would_wrap_or_overflow_are_refused_where_they_are_written() {
    let run = ["run", "s.toml", "--trials", "5", "--out", "out", "--quiet"];
    Case::new("example-open.toml", "[cohort]\nprior_months = 4294967296").refused(
        &run,
        &["s.toml:3: [cohort] prior_months", "between 0 and 1200"],
    );
    Case::new(
        "example-open.toml",
        "[refusion]\nsteps = [[1, 0.80], [5, 0.40], [27, 0.30], [4294967301, 0.20]]",
    )
    .refused(&run, &["s.toml:3: [refusion] steps", "at most 520"]);
    Case::new("example.toml", "[economics]\ncaseworker_cost = 1e308").refused(
        &run,
        &["s.toml:3: [economics] caseworker_cost", "at most 1e9 kr."],
    );
    Case::new(
        "example.toml",
        "[caseload]\nelasticity = { job = { dist = \"fixed\", value = nan } }",
    )
    .refused(&run, &["s.toml:3: [caseload] elasticity", "finite"]);
    Case::new("example.toml", "[caseload]\nelasticity = { job = 1e300 }").refused(
        &run,
        &["s.toml:3: [caseload] elasticity", "between -10 and 10"],
    );
    Case::new(
        "example.toml",
        "[caseload]\nelasticity = { job = { dist = \"lognormal\", mean = 5, sd = 20 } }",
    )
    .refused(
        &run,
        &["s.toml:3: [caseload] elasticity", "outside [-10, 10]"],
    );
}

#[test]
fn distributions_whose_quantiles_need_not_finish_are_refused() {
    let case = Case::new(
        "example.toml",
        "[transitions.kontanthjaelp]\njob = { dist = \"beta\", alpha = 1e14, beta = 1e16 }",
    );
    case.refused(
        &["check", "s.toml"],
        &[
            "s.toml:3: [transitions.kontanthjaelp] job",
            "alpha must be between",
        ],
    );
}

#[test]
fn a_dirichlet_row_writes_its_stay_share_in_trials_csv() {
    let case = Case::new(
        "example.toml",
        "[transitions.kontanthjaelp]\ndist = \"dirichlet\"\n\
         counts = { job = 20, uddannelse = 4, fleksjob = 3, foertidspension = 12, stay = 961 }",
    );
    case.kohort(&["run", "s.toml", "--trials", "20", "--out", "out", "--quiet"])
        .success();
    let trials = std::fs::read_to_string(case.path().join("out/trials.csv")).unwrap();
    let header = trials.lines().next().unwrap();
    assert!(
        header.ends_with(",param:transitions.kontanthjaelp.stay"),
        "{header}"
    );
    let fields = header.split(',').count();
    assert!(trials.lines().all(|l| l.split(',').count() == fields));
    // The drawn row's shares sum to 1 in every trial.
    for line in trials.lines().skip(1) {
        let shares: f64 = line
            .split(',')
            .skip(8)
            .map(|x| x.parse::<f64>().unwrap())
            .sum();
        assert!((shares - 1.0).abs() < 1e-12, "{line}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_read() {
    let case = Case::new("example.toml", "");
    let fifo = case.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo is not available");
        return;
    }
    std::fs::write(case.path().join("s.toml"), "extends = \"fifo\"\n").unwrap();
    case.refused(
        &["check", "s.toml"],
        &["s.toml:1: extends", "not a regular file"],
    );
    case.refused(&["check", "fifo"], &["fifo", "not a regular file"]);
}

/// An 18-file `extends` chain is read (it once said "makes a cycle"); a real cycle says so.
#[test]
fn a_long_extends_chain_is_no_cycle() {
    let case = Case::new("example.toml", "");
    for k in 1..18 {
        std::fs::write(
            case.path().join(format!("b{k}.toml")),
            format!("extends = \"b{}.toml\"\n", k + 1),
        )
        .unwrap();
    }
    std::fs::rename(case.path().join("s.toml"), case.path().join("b18.toml")).unwrap();
    std::fs::write(case.path().join("s.toml"), "extends = \"b1.toml\"\n").unwrap();
    case.kohort(&["check", "s.toml"]).success();
    std::fs::write(case.path().join("b18.toml"), "extends = \"b1.toml\"\n").unwrap();
    case.refused(
        &["check", "s.toml"],
        &["b18.toml:1: extends", "makes a cycle"],
    );
}

/// Memory that no machine has is refused before anything runs, with advice: trials that fit,
/// or a smaller cohort.
#[test]
fn an_impossible_memory_need_is_refused_up_front() {
    let case = Case::new("example.toml", "");
    case.refused(
        &["run", "s.toml", "--trials", "100000000", "--out", "out"],
        &[
            "--trials",
            "would need about",
            "GB of memory",
            "use --trials",
        ],
    );
    let huge = Case::new("example.toml", "[cohort]\nsize = 1000000000");
    huge.refused(
        &["run", "s.toml", "--trials", "2", "--out", "out"],
        &["would need about", "a smaller [cohort] size"],
    );
}

#[test]
fn a_sweep_with_more_points_than_numbers_hold_is_refused() {
    let case = Case::new("example.toml", "");
    case.refused(
        &[
            "sweep",
            "s.toml",
            "--arm",
            "investering",
            "--caseload",
            "30:70:1e-300",
            "--out",
            "out",
        ],
        &["--caseload", "points; at most"],
    );
}

#[test]
fn calibration_targets_naming_only_the_fitted_state_are_refused() {
    let case = Case::new("national.toml", "");
    std::fs::write(
        case.path().join("t.csv"),
        "month,state,share\n12,kontanthjaelp,1.0\n",
    )
    .unwrap();
    case.refused(
        &[
            "calibrate",
            "s.toml",
            "--targets",
            "t.csv",
            "--write",
            "out/c.toml",
        ],
        &["t.csv", "name only `kontanthjaelp`"],
    );
}

/// Start `kohort run` of the national case (a few seconds) into `out`, and wait until it holds
/// the output directory's lock.
fn start_long_run(dir: &Path) -> std::process::Child {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kohort"))
        .current_dir(dir)
        .arg("run")
        .arg(common::shipped("national-60k.toml"))
        .args(["--trials", "60", "--out", "out", "--quiet"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let lock = dir.join("out").join(kohort::export::LOCK);
    let start = std::time::Instant::now();
    while !lock.exists() {
        assert!(start.elapsed().as_secs() < 20, "the run never locked `out`");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child
}

/// What `out` holds: (name, content) of every entry but the set's manifest, sorted.
fn contents(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != kohort::export::MANIFEST)
        .map(|e| {
            let e = e.unwrap();
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn two_runs_into_one_directory_do_not_interleave() {
    let case = Case::new("example.toml", "");
    let mut first = start_long_run(case.path());
    let assert = case
        .kohort(&["run", "s.toml", "--trials", "20", "--out", "out", "--quiet"])
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("another kohort"), "{stderr}");
    assert!(first.wait().unwrap().success());
    let names: Vec<String> = contents(&case.path().join("out"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        [
            "bands.csv",
            "effects.csv",
            "summary.csv",
            "trials.csv",
            "years.csv"
        ],
        "the first run's whole set, no lock or temporary file left"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_the_previous_set_and_no_temporary_files() {
    let case = Case::new("example.toml", "");
    case.kohort(&["run", "s.toml", "--trials", "20", "--out", "out", "--quiet"])
        .success();
    let before = contents(&case.path().join("out"));
    let mut run = start_long_run(case.path());
    std::process::Command::new("kill")
        .args(["-INT", &run.id().to_string()])
        .status()
        .unwrap();
    assert_eq!(run.wait().unwrap().code(), Some(130));
    assert_eq!(contents(&case.path().join("out")), before);
}

/// A file that cannot be moved into place (a directory is in the way) fails the whole set:
/// none of its files replaces the previous ones, and no temporary file is left.
#[test]
fn a_failure_while_writing_leaves_no_part_of_the_set() {
    let case = Case::new("example.toml", "");
    let out = case.path().join("out");
    std::fs::create_dir_all(out.join("summary.csv")).unwrap();
    std::fs::write(out.join("bands.csv"), "old").unwrap();
    let assert = case
        .kohort(&["run", "s.toml", "--trials", "20", "--out", "out", "--quiet"])
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("summary.csv"), "{stderr}");
    assert_eq!(
        contents(&out),
        [
            ("bands.csv".to_string(), "old".to_string()),
            ("summary.csv".to_string(), String::new())
        ]
    );
}

/// Output paths that cannot be written are refused before the simulation, not after it.
#[test]
fn unwritable_outputs_are_refused_before_any_work() {
    let case = Case::new("example.toml", "");
    std::fs::write(case.path().join("afile"), "x").unwrap();
    case.refused(
        &["run", "s.toml", "--out", "out", "--report", "afile/r.html"],
        &["afile"],
    );
    case.refused(
        &["run", "s.toml", "--out", "out", "--xlsx", "."],
        &["--xlsx", "is a directory"],
    );
}

/// Found by the fuzz test: a quoted id with an escaped newline made a two-line error.
#[test]
fn control_characters_in_ids_stay_on_one_line() {
    let case = Case::new(
        "example.toml",
        "[transitions.\"kontant\\nhjaelp\"]\njob = 0.1",
    );
    case.refused(&["check", "s.toml"], &["s.toml:2", "kontant\\nhjaelp"]);
}

/// Danish habits get advice, not just a parser's complaint.
#[test]
fn a_decimal_comma_and_an_unquoted_danish_id_get_advice() {
    Case::new("example.toml", "[transitions.kontanthjaelp]\njob = 0,010").refused(
        &["check", "s.toml"],
        &["s.toml:3", "use a decimal point: 0.010"],
    );
    Case::new("example.toml", "[transitions.kontanthjælp]\njob = 0.010").refused(
        &["check", "s.toml"],
        &[
            "s.toml:2",
            "quote ids with æ/ø/å or use ascii: transitions.kontanthjaelp",
        ],
    );
}

/// A workbook Excel cannot open (more rows of trials than a sheet holds) is refused before
/// anything runs, with the number of trials that fits.
#[test]
fn a_workbook_too_long_for_excel_is_refused_up_front() {
    let case = Case::new("example.toml", "");
    case.refused(
        &[
            "run",
            "s.toml",
            "--trials",
            "200000",
            "--xlsx",
            "out/b.xlsx",
            "--out",
            "out",
        ],
        &[
            "--xlsx",
            "Excel holds 1048576",
            "use --trials 104857 or fewer",
        ],
    );
}
