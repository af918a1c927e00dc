//! The analysis after the engine: bands (mean, sd and seven percentiles of every arm × month ×
//! metric across trials) and the summaries of `kohort run`, on 2000 trials of
//! `scenarios/silkeborg.toml`, and of the worked cohort example with 3 segments (each segment's
//! bands and trial rows beside the arm's).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use indicatif::ProgressBar;
use kohort::economics::Ledgers;
use kohort::stats::Band;
use kohort::summary::Analysis;

fn analysis(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/silkeborg.toml");
    let model = kohort::scenario::load(&path).expect("shipped scenario");
    let results = kohort::engine::run(&model, 2000, 1, &ProgressBar::hidden());
    let ledgers = Ledgers::fixed(&model);
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.bench_function("silkeborg_2000_trials", |b| {
        b.iter(|| black_box(Analysis::new(&model, &results, &ledgers)))
    });
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/cohort/egen-kohorte.toml");
    let cohort = kohort::scenario::load(&path).expect("shipped scenario");
    let results = kohort::engine::run(&cohort, 2000, 1, &ProgressBar::hidden());
    let ledgers = Ledgers::fixed(&cohort);
    group.bench_function("cohort_3_segments_2000_trials", |b| {
        b.iter(|| black_box(Analysis::new(&cohort, &results, &ledgers)))
    });
    let values: Vec<f64> = (0..2000)
        .map(|i| ((i * 7919) % 2003) as f64 * 1.5)
        .collect();
    group.bench_function("band_of_2000", |b| {
        b.iter(|| {
            let mut v = values.clone();
            black_box(Band::of(&mut v))
        })
    });
    // Before: each of the seven percentiles by statrs' selection (two `select_nth` passes).
    group.bench_function("band_of_2000_by_selection", |b| {
        use statrs::statistics::{Data, OrderStatistics};
        b.iter(|| {
            let mut data = Data::new(values.clone());
            black_box(kohort::stats::PERCENTILES.map(|p| data.quantile(p)))
        })
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
