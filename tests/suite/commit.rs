//! The output set's commit against a kill, a signal or a failure at every step: the next command
//! into the directory finds the old set or the new one whole, never a mix, and no temporary
//! file, journal or lock is left (`KOHORT_TEST_FAULT=STEP:WHAT`, see `export::set`).

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;

use crate::common;

/// The files of a `run` with a report and a workbook in `out`: 5 CSV files, page, workbook.
const FILES: usize = 7;

/// `kohort run` of the example scenario with `seed` into `dir/out`, report and workbook in it.
fn run(dir: &Path, seed: &str, fault: Option<String>) -> std::process::Output {
    let mut cmd = Command::cargo_bin("kohort").unwrap();
    cmd.current_dir(dir)
        .args(["run", "s.toml", "--trials", "30", "--seed", seed, "--quiet"])
        .args([
            "--out",
            "out",
            "--report",
            "out/r.html",
            "--xlsx",
            "out/w.xlsx",
        ])
        .timeout(std::time::Duration::from_secs(60));
    if let Some(f) = fault {
        cmd.env("KOHORT_TEST_FAULT", f);
    }
    cmd.output().unwrap()
}

/// Every entry of `out` by name with its bytes.
fn entries(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// A directory with the example scenario and seed 1's whole set in `out`.
fn with_old_set() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::shipped("example.toml"), dir.path().join("s.toml")).unwrap();
    assert!(run(dir.path(), "1", None).status.success());
    dir
}

/// The whole sets of seeds 1 (old) and 2 (new), as a clean run leaves them.
fn reference_sets() -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    let dir = with_old_set();
    let old = entries(dir.path());
    assert!(run(dir.path(), "2", None).status.success());
    let new = entries(dir.path());
    assert_eq!(
        old.len(),
        FILES + 1,
        "the files and the manifest: {:?}",
        old.keys()
    );
    assert_ne!(old, new);
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    (old, new)
}

/// The next command into `out` (here one refused at once) completes or clears what was left.
fn next_command(dir: &Path) {
    Command::cargo_bin("kohort")
        .unwrap()
        .current_dir(dir)
        .args(["run", "missing.toml", "--out", "out"])
        .assert()
        .code(2);
}

fn assert_is(dir: &Path, set: &BTreeMap<String, Vec<u8>>, what: &str) {
    let now = entries(dir);
    let names: Vec<&String> = now.keys().collect();
    assert_eq!(&now, set, "{what}: {names:?}");
}

#[cfg(unix)]
#[test]
fn a_kill_at_any_step_of_the_commit_leaves_the_old_or_the_new_set_whole() {
    use std::os::unix::process::ExitStatusExt;
    let (old, new) = reference_sets();
    for step in 0..=FILES + 1 {
        let dir = with_old_set();
        let out = run(dir.path(), "2", Some(format!("{step}:kill")));
        assert_eq!(out.status.signal(), Some(9), "step {step}: killed");
        let left = entries(dir.path());
        assert!(
            left.keys().any(|n| n.ends_with(".tmp")) || step == FILES + 1,
            "step {step}: the kill left temporary files, as it should test"
        );
        next_command(dir.path());
        // Before the journal the old set stands; from it on, the commit is completed.
        let expected = if step == 0 { &old } else { &new };
        assert_is(dir.path(), expected, &format!("kill at step {step}"));
    }
}

#[cfg(unix)]
#[test]
fn a_signal_during_the_commit_lets_it_finish_and_says_so() {
    let (_, new) = reference_sets();
    for (step, signal) in [(0, "term"), (3, "int"), (FILES, "term")] {
        let dir = with_old_set();
        let out = run(dir.path(), "2", Some(format!("{step}:{signal}")));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "{signal} at {step}: {stderr}");
        assert!(
            stderr.contains("the new output files were already in place"),
            "{stderr}"
        );
        assert_is(dir.path(), &new, &format!("{signal} at step {step}"));
    }
}

#[test]
fn a_rename_failing_inside_the_commit_rolls_the_whole_set_back() {
    let (old, _) = reference_sets();
    for step in 1..=FILES {
        let dir = with_old_set();
        let out = run(dir.path(), "2", Some(format!("{step}:fail")));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "step {step}: {stderr}");
        assert!(stderr.contains("injected failure"), "{stderr}");
        assert_is(dir.path(), &old, &format!("failure at step {step}"));
    }
}

#[test]
fn a_new_set_removes_the_files_of_the_previous_set_it_does_not_have() {
    let dir = with_old_set();
    std::fs::write(dir.path().join("out/mine.txt"), "the user's").unwrap();
    Command::cargo_bin("kohort")
        .unwrap()
        .current_dir(dir.path())
        .args(["run", "s.toml", "--trials", "30", "--quiet", "--out", "out"])
        .assert()
        .success();
    let names: Vec<String> = entries(dir.path()).into_keys().collect();
    assert_eq!(
        names,
        [
            ".kohort-set",
            "bands.csv",
            "effects.csv",
            "mine.txt",
            "summary.csv",
            "trials.csv",
            "years.csv"
        ],
        "the earlier report and workbook are gone; a file kohort did not write stays"
    );
}
