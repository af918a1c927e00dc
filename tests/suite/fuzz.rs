//! Generative fuzzing from the shipped scenarios: each case takes one, mutates it at the level
//! of TOML values (a number, string, array or table swapped for a hostile one) or of bytes, and
//! reads it as `kohort` does. It must never panic or hang: either a one-line located error, or
//! a model on which a short simulation gives finite money in every figure.
//!
//! `cargo test --release fuzz::` tries `KOHORT_FUZZ_CASES` inputs (default 300, a few
//! seconds); for a long hunt, e.g. `KOHORT_FUZZ_CASES=200000 cargo test --release fuzz::`.
//! Every crash it ever finds becomes a case in `tests/suite/robustness.rs`.

use crate::common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use indicatif::ProgressBar;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const CORPUS: [&str; 10] = [
    "example.toml",
    "example-open.toml",
    "silkeborg.toml",
    "hjoerring.toml",
    "aabenraa.toml",
    "isu.toml",
    "broendby.toml",
    "ballerup.toml",
    "ballerup-revised.toml",
    "national.toml",
];

/// Values a hostile or careless user might write where a number, string or table belongs.
const HOSTILE: [&str; 29] = [
    "nan",
    "inf",
    "-inf",
    "0",
    "-1",
    "1e308",
    "-1e308",
    "1e-300",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "0.9999999999",
    "1.0000001",
    "\"\"",
    "\"æøå\"",
    "\"2015-13\"",
    "[]",
    "[1e308, -1]",
    "{}",
    "{ dist = \"beta\", alpha = 1e14, beta = 1e16 }",
    "{ dist = \"normal\", mean = 0, sd = 1e308 }",
    "true",
    "{ dist = \"normal\", mean = 0.5, sd = 0.1, max = nan }",
    "{ dist = \"lognormal\", mean = 1, sd = 1e200 }",
    "{ dist = \"gamma\", shape = 1e6, scale = 1e305 }",
    "{ dist = \"uniform\", min = -inf, max = 1 }",
    "\"=HYPERLINK(\\\"http://x\\\")\"",
    "\"@SUM(A1)\"",
    "\"-cmd|' /C calc'!A0\"",
];

/// Where a careless user might send the report: a fresh file, the scenario itself, a CSV
/// file's place in the output directory, or where the workbook goes too.
const REPORT_PATHS: [Option<&str>; 4] = [
    None,
    Some("s.toml"),
    Some("out/summary.csv"),
    Some("w.xlsx"),
];

/// One mutation of a scenario's text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the `k`-th value (counted over `key = value` lines) with `HOSTILE[h]`.
    Value { k: usize, h: usize },
    /// Set the byte at `at` (mod length) to `byte`.
    Byte { at: usize, byte: u8 },
    /// Delete `len` bytes from `at`.
    Cut { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (0usize..200, 0..HOSTILE.len()).prop_map(|(k, h)| Mutation::Value { k, h }),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Byte { at, byte }),
        1 => (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Cut { at, len }),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        match *m {
            Mutation::Value { k, h } => {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                let lines: Vec<&str> = s.lines().collect();
                let values: Vec<usize> = (0..lines.len())
                    .filter(|&i| {
                        let l = lines[i].trim_start();
                        !l.starts_with('#') && !l.starts_with('[') && l.contains(" = ")
                    })
                    .collect();
                if values.is_empty() {
                    continue;
                }
                let i = values[k % values.len()];
                let key = lines[i].split(" = ").next().unwrap_or("");
                let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                out[i] = format!("{key} = {}", HOSTILE[h]);
                bytes = out.join("\n").into_bytes();
            }
            Mutation::Byte { at, byte } if !bytes.is_empty() => {
                let n = bytes.len();
                bytes[at % n] = byte;
            }
            Mutation::Cut { at, len } if !bytes.is_empty() => {
                let n = bytes.len();
                let from = at % n;
                bytes.drain(from..(from + len).min(n));
            }
            _ => {}
        }
    }
    bytes
}

/// Read `bytes` as the shipped scenario `name`; then, for a small enough model, simulate a few
/// trials and demand finite money. Returns what happened, for the tally.
fn exercise(name: &str, bytes: &[u8]) -> Result<&'static str, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok("not UTF-8");
    };
    let path = common::shipped(name);
    match kohort::scenario::parse_in_uncertain(&path, text) {
        Err(e) => {
            let msg = e.to_string();
            if msg.trim_end().lines().count() != 1 || msg.trim().is_empty() {
                return Err(format!("not one line: {msg:?}"));
            }
            Ok("refused")
        }
        Ok((mut model, params)) => {
            model.trials = 3;
            let need = kohort::budget::of_run(&model, 3, 3, 1);
            if need.bytes > 2e8 || need.agent_months > 3e7 {
                return Ok("too big to simulate here (the CLI's limits judge it)");
            }
            let quiet = ProgressBar::hidden();
            let (run, outcomes) = kohort::effects::run(&model, &params, (3, 1), &quiet);
            let analysis = kohort::summary::Analysis::new(&model, &run.results, &run.ledgers);
            let rows = kohort::effects::compare(&model, &outcomes, &analysis);
            every_number_finite(&model, &params, &analysis, &rows)?;
            Ok("simulated")
        }
    }
}

/// Every number of every CSV file `run` writes for `analysis` (bands with their sd and
/// percentiles, trials, summary with P(gain) and ROI, budget years, effects, segments) is
/// finite: what a user would read, not only the means.
fn every_number_finite(
    model: &kohort::Model,
    params: &kohort::uncertainty::Uncertainty,
    analysis: &kohort::summary::Analysis,
    rows: &[kohort::effects::EffectRow],
) -> Result<(), String> {
    use kohort::export;
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut add = |name, fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>| {
        let mut bytes = Vec::new();
        fill(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
        files.push((name, bytes));
        Ok::<(), String>(())
    };
    add("bands.csv", &|w| export::bands_csv(model, analysis, w))?;
    add("trials.csv", &|w| {
        export::trials_csv(model, analysis, params, 1, w)
    })?;
    add("summary.csv", &|w| export::summary_csv(model, analysis, w))?;
    add("years.csv", &|w| export::years_csv(model, analysis, w))?;
    add("effects.csv", &|w| export::effects_csv(model, rows, w))?;
    add("segments.csv", &|w| {
        export::segments_csv(model, analysis, w)
    })?;
    for (name, bytes) in files {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&bytes[..]);
        for rec in reader.records() {
            let rec = rec.map_err(|e| format!("{name}: {e}"))?;
            for cell in rec.iter() {
                let lower = cell.to_ascii_lowercase();
                let not_finite = matches!(lower.as_str(), "nan" | "inf" | "-inf" | "infinity")
                    || cell.parse::<f64>().is_ok_and(|x| !x.is_finite());
                if not_finite {
                    return Err(format!("{name}: `{cell}` in {rec:?}"));
                }
            }
        }
    }
    Ok(())
}

/// `exercise` on another thread, given `limit` to finish: a hang is a failure, not a stalled
/// test run.
fn exercise_within(
    name: &'static str,
    bytes: Vec<u8>,
    limit: std::time::Duration,
) -> Result<Result<&'static str, String>, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let outcome = catch_unwind(AssertUnwindSafe(|| exercise(name, &bytes)));
        let _ = tx.send(outcome.map_err(|_| "panic".to_string()));
    });
    match rx.recv_timeout(limit) {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(p)) => Err(p),
        Err(_) => Err(format!("no answer within {} s", limit.as_secs())),
    }
}

#[test]
fn mutated_scenarios_never_panic_and_never_give_nan() {
    let (cases, mut runner) = runner("KOHORT_FUZZ_CASES", 300, 2026);
    let texts: Vec<String> = CORPUS
        .iter()
        .map(|n| std::fs::read_to_string(common::shipped(n)).unwrap())
        .collect();
    let tally = std::sync::Mutex::new(std::collections::BTreeMap::<&str, u32>::new());
    let strategy = (0..CORPUS.len(), prop::collection::vec(mutation(), 1..4));
    let result = runner.run(&strategy, |(i, mutations)| {
        let bytes = apply(&texts[i], &mutations);
        let limit = std::time::Duration::from_secs(60);
        match exercise_within(CORPUS[i], bytes, limit) {
            Err(why) => prop_assert!(false, "{why} on {} with {mutations:?}", CORPUS[i]),
            Ok(Err(why)) => prop_assert!(false, "{why} on {} with {mutations:?}", CORPUS[i]),
            Ok(Ok(what)) => *tally.lock().unwrap().entry(what).or_default() += 1,
        }
        Ok(())
    });
    let tally = tally.lock().unwrap();
    eprintln!(
        "fuzz: {} of {cases} inputs passed: {tally:?}",
        tally.values().sum::<u32>()
    );
    result.unwrap();
    // The fuzz must reach the simulation, not only the parser: of 300 inputs, about a tenth
    // are simulated (one mutation in three hits a value a model can still take).
    let simulated = tally.get("simulated").copied().unwrap_or(0) as f64;
    assert!(
        simulated >= 0.03 * cases as f64,
        "only {simulated} of {cases} inputs reached a simulation: {tally:?}"
    );
}

/// The same mutations through the binary, as a user meets them: exit 0, or exit 2 with one
/// line on stderr and nothing in the output directory; never a panic (101) or an abort.
#[test]
fn the_binary_exits_0_or_2_and_writes_nothing_on_error() {
    let (_, mut runner) = runner("KOHORT_FUZZ_CLI_CASES", 40, 3);
    let strategy = (
        0..CORPUS.len() - 1,
        prop::collection::vec(mutation(), 1..3),
        0..REPORT_PATHS.len(),
    );
    let result = runner.run(&strategy, |(i, mutations, r)| {
        let dir = tempfile::tempdir().unwrap();
        let text = absolute_extends(CORPUS[i]);
        let file = dir.path().join("s.toml");
        let input = apply(&text, &mutations);
        std::fs::write(&file, &input).unwrap();
        let out = dir.path().join("out");
        let mut cmd = assert_cmd::Command::cargo_bin("kohort").unwrap();
        cmd.current_dir(dir.path())
            .arg("run")
            .arg(&file)
            .args(["--trials", "3", "--quiet", "--out"])
            .arg(&out)
            .timeout(std::time::Duration::from_secs(60));
        if let Some(report) = REPORT_PATHS[r] {
            cmd.args(["--report", report, "--xlsx", "w.xlsx"]);
        }
        let output = cmd.output().unwrap();
        prop_assert_eq!(
            std::fs::read(&file).unwrap(),
            input,
            "the input was overwritten"
        );
        let code = output.status.code();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        prop_assert!(
            matches!(code, Some(0 | 2)),
            "exit {code:?}: {stderr} ({mutations:?})"
        );
        if code == Some(2) {
            prop_assert_eq!(stderr.trim_end().lines().count(), 1, "{}", stderr);
            let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
            prop_assert_eq!(written, 0, "written on error: {}", stderr);
        } else {
            let formulas = crate::hostile::formula_cells(&out);
            prop_assert!(formulas.is_empty(), "formula cells: {:?}", formulas);
        }
        Ok(())
    });
    result.unwrap();
}

/// The shipped scenario `name` with its `extends` made absolute, so a copy reads anywhere.
fn absolute_extends(name: &str) -> String {
    let path = common::shipped(name);
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .map(|l| match l.strip_prefix("extends = \"") {
            Some(rest) => {
                let rel = rest.split('"').next().unwrap_or("");
                let base = path.parent().unwrap().join(rel);
                format!("extends = {:?}", base.display().to_string())
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A runner of `$var` cases (else `default`) from a fixed `seed`, keeping no failure files.
fn runner(var: &str, default: u32, seed: u64) -> (u32, TestRunner) {
    let cases = std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    let mut config = Config::with_cases(cases);
    config.failure_persistence = None;
    config.rng_seed = proptest::test_runner::RngSeed::Fixed(seed);
    (cases, TestRunner::new(config))
}
