//! Engine speed in agent-months per second: one agent-month is one citizen in one arm for one
//! month (one draw shared by all arms, one table lookup per arm).
//!
//! Scenario: scenarios/silkeborg.toml at its parameters' means (500 citizens and about 8
//! arrivals a month, 48 months, 9 states, per-citizen refusion with the 2015 rule before the
//! trappe, 2 arms, one with fixed staff, so its rows are rebuilt every month); and one trial of
//! the national case at national size (`cargo bench --bench engine -- national`, ~10 s).

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use indicatif::ProgressBar;
use kohort::engine::{self, Plan, Workspace};
use kohort::sweep::{self, Axis};

fn silkeborg() -> kohort::Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/silkeborg.toml");
    kohort::scenario::load(&path).expect("shipped scenario")
}

/// Agent-months of `trials` trials: the citizens present in every arm and month (the cohort
/// and, with inflow, the arrivals so far), as the mean of the first 20 trials.
fn agent_months(model: &kohort::Model, trials: u64) -> u64 {
    let sample = engine::run(model, 20, 1, &ProgressBar::hidden());
    let s = sample.shape;
    let mut total = 0.0;
    for i in 0..s.trials {
        for a in 0..s.arms {
            for m in 0..s.months {
                total += (0..s.states)
                    .map(|st| sample.occupancy(i, a, m, st))
                    .sum::<f64>();
            }
        }
    }
    (total / s.trials as f64 * trials as f64).round() as u64
}

/// One trial on one core: the hot loop's cost per agent-month.
fn one_trial(c: &mut Criterion) {
    let mut group = c.benchmark_group("trial");
    for arms in [2usize, 5, 11] {
        let model = if arms == 2 {
            silkeborg()
        } else {
            let values: Vec<f64> = (0..arms - 1).map(|k| 30.0 + 5.0 * k as f64).collect();
            sweep::expand(&silkeborg(), "investering", Axis::Caseload, &values).unwrap()
        };
        let plan = Plan::new(&model);
        let shape = engine::shape(&model, 1);
        let mut out = vec![0.0; shape.per_trial()];
        let mut ws = Workspace::new(&model);
        group.throughput(Throughput::Elements(agent_months(&model, 1)));
        let mut trial = 0u64;
        group.bench_with_input(BenchmarkId::new("silkeborg_arms", arms), &arms, |b, _| {
            b.iter(|| {
                trial += 1;
                engine::simulate(&model, &plan, 1, trial, &mut ws, &mut out);
                black_box(&out);
            })
        });
    }
    group.finish();
}

/// Silkeborg with `extra` scenario text appended, one trial at a time, as `trial/<name>`.
fn silkeborg_with(c: &mut Criterion, name: &str, extra: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/silkeborg.toml");
    let text = std::fs::read_to_string(&path).unwrap() + extra;
    let model = kohort::scenario::parse_in(&path, &text).expect("valid");
    let plan = Plan::new(&model);
    let mut out = vec![0.0; engine::shape(&model, 1).per_trial()];
    let mut ws = Workspace::new(&model);
    let mut group = c.benchmark_group("trial");
    group.throughput(Throughput::Elements(agent_months(&model, 1)));
    let mut trial = 0u64;
    group.bench_function(name, |b| {
        b.iter(|| {
            trial += 1;
            engine::simulate(&model, &plan, 1, trial, &mut ws, &mut out);
            black_box(&out);
        })
    });
    group.finish();
}

/// Four bands of time on kontanthjælp (exits to a job falling with it) and 2 of job tenure:
/// every citizen's row found by its band.
const DURATION: &str = "\n[duration.kontanthjaelp]\nmonths = [0, 6, 12, 24]\nhazard = { job = [1.6, 1.0, 0.7, 0.5] }\n";

/// Silkeborg with duration dependence.
fn duration(c: &mut Criterion) {
    let tenure = "[duration.job]\nmonths = [0, 6]\nhazard = { kontanthjaelp = [1.5, 0.7] }\n";
    silkeborg_with(
        c,
        "silkeborg_4_duration_bands",
        &format!("{DURATION}{tenure}"),
    );
}

/// Silkeborg with 3 segments (their own job hazards, one with its own caseload elasticity)
/// and 4 duration bands on kontanthjælp: 12 row groups, segment totals kept beside the arm's.
fn segments(c: &mut Criterion) {
    let segments = "[segments.unge]\nshare = 0.2\nhazard = { job = 2.0 }\nelasticity = { job = 0.19 }\n\
                    [segments.mellem]\nshare = 0.3\n\
                    [segments.langvarige]\nshare = 0.5\nhazard = { job = 0.6 }\n";
    silkeborg_with(
        c,
        "silkeborg_3_segments_4_bands",
        &format!("{DURATION}{segments}"),
    );
}

/// A whole run of 1000 trials, on 1 and on 2 threads.
fn whole_run(c: &mut Criterion) {
    let model = silkeborg();
    let mut group = c.benchmark_group("run_1000_trials");
    group.sample_size(10);
    group.throughput(Throughput::Elements(agent_months(&model, 1000)));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_with_input(
            BenchmarkId::new("silkeborg_threads", threads),
            &threads,
            |b, _| {
                b.iter(|| {
                    pool.install(|| black_box(engine::run(&model, 1000, 7, &ProgressBar::hidden())))
                })
            },
        );
    }
    group.finish();
}

/// One trial of `scenarios/national-60k.toml` as `kohort run` simulates it: 60,000 citizens,
/// 120 months, 3 arms, each under the assumed effect, no effect and the evidence's (9 arm
/// slots on the same citizens and draws). `kohort run` at 2,000 trials is 2,000 of these
/// plus a tenth as many single-variant trials for the variance split, on all cores.
fn national(c: &mut Criterion) {
    use kohort::effects::{self, Effect};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/national-60k.toml");
    let model = kohort::scenario::load(&path).expect("shipped scenario");
    let mut stack = vec![model.clone()];
    stack.extend(effects::variants(&model).into_iter().map(|e: Effect| {
        let mut m = model.clone();
        e.apply(&mut m);
        m
    }));
    let plan = Plan::new(&model);
    let stacked = kohort::engine::Shape {
        arms: model.arms.len() * stack.len(),
        ..engine::shape(&model, 1)
    };
    let mut out = vec![0.0; stacked.per_trial()];
    let mut ws = Workspace::for_stack(&stack);
    let mut group = c.benchmark_group("national");
    group.sample_size(10);
    let slots = stacked.arms as u64;
    group.throughput(Throughput::Elements(
        model.cohort_size as u64 * model.months as u64 * slots,
    ));
    let mut trial = 0u64;
    group.bench_function("trial_60k_120_months_9_slots", |b| {
        b.iter(|| {
            trial += 1;
            ws.set_models(&stack);
            engine::simulate_stack(&stack, &plan, 1, trial, &mut ws, &mut out);
            black_box(&out);
        })
    });
    group.finish();
}

criterion_group!(benches, one_trial, duration, segments, whole_run, national);
criterion_main!(benches);
