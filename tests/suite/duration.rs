//! Duration dependence: hazards out of a state by the months a citizen has spent in it.
//!
//! The exact expectation is built here independently of the library: each state is split
//! into "tunnel" states (s, d), d = completed months in s capped at its last band's start;
//! (s, d) moves to (j, 0) with the convention's hazard-scaled probabilities (the caseload's
//! (ref/L)^e_j and the band's multiplier on each hazard λ_j = p_j · (−ln(1 − P)/P)), and stays
//! as (s, min(d + 1, cap)). The engine's Monte Carlo means must be within 4 standard errors of
//! it, and `kohort expect` must equal it.

use crate::common;

use kohort::Model;
use kohort::model::Staffing;
use kohort::summary::Metric;

const SCENARIO: &str = r#"
name = "Varighed"
months = 30
trials = 2000
seed = 5

[cohort]
size = 400
initial = { kh = 1.0 }
prior_months = { months = [0, 4, 12], weights = [0.3, 0.3, 0.4] }

[states.kh]
label = "Kontanthjælp"
benefit = 12000
case = true
[states.job]
wage = 22000
[states.ude]

[transitions.kh]
job = 0.03
ude = 0.005
[transitions.job]
kh = 0.04

# Exits to a job fall with time on kontanthjælp; returns fall with job tenure.
[duration.kh]
months = [0, 3, 6]
hazard = { job = [1.8, 1.0, 0.5] }
[duration.job]
months = [0, 4]
hazard = { kh = [1.5, 0.5] }

[tax]
kommuneskat = 0.25
bundskat = 0.12
am_bidrag = 0.08
personfradrag = 48000

[caseload]
reference = 70
elasticity = { job = 0.3 }

[economics]
caseworker_cost = 600000

[arms.baseline]
caseload = 70
[arms.lav]
caseload = 35
"#;

/// Expected occupancy by state, months 0..=H, of an arm at a fixed `caseload`.
fn tunnel_trace(model: &Model, caseload: f64) -> Vec<Vec<f64>> {
    let n = model.states.len();
    let cap = |s: usize| *model.duration[s].starts.last().unwrap() as usize;
    let mut v: Vec<Vec<f64>> = (0..n).map(|s| vec![0.0; cap(s) + 1]).collect();
    let kh = model.state_index("kh").unwrap();
    for (d, w) in [(0usize, 0.3), (4, 0.3), (12, 0.4)] {
        v[kh][d.min(cap(kh))] += 400.0 * w;
    }
    let occupancy = |v: &Vec<Vec<f64>>| -> Vec<f64> { v.iter().map(|x| x.iter().sum()).collect() };
    let mut out = vec![occupancy(&v)];
    for _ in 0..model.months {
        let mut next: Vec<Vec<f64>> = (0..n).map(|s| vec![0.0; cap(s) + 1]).collect();
        for s in 0..n {
            for d in 0..=cap(s) {
                let p = &model.transitions[s];
                let total: f64 = p.iter().sum();
                let band = model.duration[s].band(d as u32);
                let mut row = vec![0.0; n];
                if total > 0.0 {
                    let scale = -(1.0 - total).ln() / total;
                    let lambda: Vec<f64> = (0..n)
                        .map(|j| {
                            let cl = match model.states[s].case {
                                true => (model.caseload.reference / caseload)
                                    .powf(model.caseload.elasticity[j]),
                                false => 1.0,
                            };
                            p[j] * scale * cl * model.duration[s].multiplier(band, j)
                        })
                        .collect();
                    let sum: f64 = lambda.iter().sum();
                    let exit = 1.0 - (-sum).exp();
                    row = lambda.iter().map(|l| exit * l / sum).collect();
                }
                let stay = 1.0 - row.iter().sum::<f64>();
                next[s][(d + 1).min(cap(s))] += v[s][d] * stay;
                for j in 0..n {
                    next[j][0] += v[s][d] * row[j];
                }
            }
        }
        v = next;
        out.push(occupancy(&v));
    }
    out
}

#[test]
fn monte_carlo_and_expect_match_the_tunnel_state_trace() {
    let model = common::model(SCENARIO);
    let (trials, seed) = (2000, 5);
    let results = common::run(&model, trials, seed);
    let analysis = common::analyse(&model, &results);
    let expected = kohort::expect::expect(&model).unwrap();
    assert!(expected.exactness.is_exact());
    let mut worst: f64 = 0.0;
    let mut checked = 0;
    for row in &analysis.bands {
        let Metric::Occupancy(s) = row.metric else {
            continue;
        };
        let Staffing::Caseload(caseload) = model.arms[row.arm].staffing else {
            unreachable!()
        };
        let exact = tunnel_trace(&model, caseload)[row.month as usize][s];
        let traced = expected.record(row.arm, row.month as usize - 1)[s];
        assert!(
            (traced - exact).abs() < 1e-9 * exact.max(1.0),
            "expect {traced} vs {exact}"
        );
        let se = row.band.standard_error(trials as usize);
        let err = (row.band.mean - exact).abs();
        assert!(
            err <= 4.0 * se + 1e-9,
            "{} month {} {}: simulated {} vs exact {exact} (SE {se})",
            model.arms[row.arm].name,
            row.month,
            row.metric.name(&model),
            row.band.mean
        );
        if se > 0.0 {
            worst = worst.max(err / se);
        }
        checked += 1;
    }
    eprintln!("{checked} comparisons, largest |z| = {worst:.2}");
    assert_eq!(checked, 2 * 30 * 3);
}

/// The bands reach what the library computes — `expect` and the engine's trials — not only
/// this file's own trace: without them job occupancy at month 25 differs by more than 5
/// citizens in `expect` and by more than 4 standard errors in the Monte Carlo means.
#[test]
fn duration_bands_change_the_outcome() {
    let with = common::model(SCENARIO);
    let flat = "hazard = { job = [1.0, 1.0, 1.0] }";
    let without = common::model(&SCENARIO.replace("hazard = { job = [1.8, 1.0, 0.5] }", flat));
    let job = with.state_index("job").unwrap();
    let exact = |m: &Model| kohort::expect::expect(m).unwrap().record(0, 24)[job];
    let (a, b) = (exact(&with), exact(&without));
    assert!((a - b).abs() > 5.0, "expect: {a} vs {b}");
    let trials = 300;
    let jobs = |m: &Model| -> Vec<f64> {
        let r = common::run(m, trials, 3);
        (0..trials as usize)
            .map(|t| r.occupancy(t, 0, 24, job))
            .collect()
    };
    let (x, y) = (jobs(&with), jobs(&without));
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let var = |v: &[f64]| {
        let m = mean(v);
        v.iter().map(|z| (z - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64
    };
    let se = ((var(&x) + var(&y)) / trials as f64).sqrt();
    let gap = mean(&x) - mean(&y);
    assert!(
        gap.abs() > 4.0 * se,
        "engine: {} vs {} (SE {se})",
        mean(&x),
        mean(&y)
    );
    assert_eq!(
        gap.signum(),
        (a - b).signum(),
        "the same direction as expect"
    );
}

#[test]
fn bad_duration_tables_are_refused_with_line_and_key() {
    for (from, to, message) in [
        (
            "months = [0, 3, 6]",
            "months = [1, 3, 6]",
            "must start at 0 and increase",
        ),
        (
            "hazard = { job = [1.8, 1.0, 0.5] }",
            "hazard = { job = [1.8, 1.0] }",
            "one multiplier per band",
        ),
        (
            "hazard = { job = [1.8, 1.0, 0.5] }",
            "hazard = { ude = [1.0, 1.0, -1.0] }",
            "must be in [0, 1000]",
        ),
        (
            "hazard = { kh = [1.5, 0.5] }",
            "hazard = { ude = [1.5, 0.5] }",
            "`job` never moves to `ude`",
        ),
    ] {
        let text = SCENARIO.replace(from, to);
        let err = kohort::scenario::parse("d.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("d.toml:") && err.contains(message), "{err}");
    }
}
