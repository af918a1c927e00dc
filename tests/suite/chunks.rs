//! A run analysed in chunks of trials (bounded memory) gives the same trials, totals and
//! summaries as one run analysed whole; the monthly bands' means agree to rounding and their
//! percentiles to the sketch's stated accuracy.

use crate::common;

use kohort::effects;
use kohort::summary::Analysis;

fn isu() -> (kohort::Model, kohort::uncertainty::Uncertainty) {
    kohort::scenario::load_uncertain(&common::shipped("isu.toml")).unwrap()
}

#[test]
fn one_chunk_is_the_whole_analysis_to_the_bit() {
    let (model, params) = isu();
    let quiet = indicatif::ProgressBar::hidden();
    let (run, outcomes) = effects::run(&model, &params, (60, 5), &quiet);
    let whole = Analysis::new(&model, &run.results, &run.ledgers);
    let (chunked, chunked_outcomes) = effects::run_analysed(&model, &params, (60, 5), &quiet, 60);
    assert_eq!(chunked.sketched, None);
    assert_eq!(format!("{whole:?}"), format!("{chunked:?}"));
    assert_eq!(
        format!("{outcomes:?}"),
        format!("{chunked_outcomes:?}"),
        "the variants' totals"
    );
}

#[test]
fn chunks_keep_trials_and_totals_and_bands_within_the_sketch_accuracy() {
    let (model, params) = isu();
    let quiet = indicatif::ProgressBar::hidden();
    let (trials, seed) = (400, 11);
    let (run, outcomes) = effects::run(&model, &params, (trials, seed), &quiet);
    let whole = Analysis::new(&model, &run.results, &run.ledgers);
    let (chunked, chunked_outcomes) =
        effects::run_analysed(&model, &params, (trials, seed), &quiet, 70);
    assert_eq!(chunked.sketched, Some(70));
    assert_eq!(
        whole.trials, chunked.trials,
        "every trial row, numbered across chunks"
    );
    assert_eq!(format!("{outcomes:?}"), format!("{chunked_outcomes:?}"));
    assert_eq!(whole.arms.len(), chunked.arms.len());
    assert_eq!(whole.bands.len(), chunked.bands.len());
    for (a, b) in whole.arms.iter().zip(&chunked.arms) {
        assert_eq!(a.savings_total, b.savings_total, "totals stay exact");
        assert_eq!((a.p_gain, a.breakeven_p50), (b.p_gain, b.breakeven_p50));
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
        assert!(close(a.investment_mean, b.investment_mean));
        assert!(close(a.caseload_mean, b.caseload_mean));
        assert_eq!(a.held.share, b.held.share);
    }
    // 400 trials: the sketch's percentile is the value at rank ⌊p·(n − 1)⌋ (within 0.1 %, as
    // the unit tests check against the exact rank), type 8 interpolates between neighbouring
    // order statistics: one band may differ by one gap between neighbours, here half an sd, or
    // one whole unit for a count.
    //
    // That bound alone would pass a tail percentile wired to its neighbour's column (p95 and
    // p97.5 are 0.31 sd apart), so each column must also, summed over every band, lie much
    // nearer its own exact percentile than either neighbouring one: `own[i]` adds up
    // |sketched_i − exact_i| / sd, `next[i]` the distance to the nearer neighbour.
    let n = kohort::stats::PERCENTILES.len();
    let (mut own, mut next) = (vec![0.0; n], vec![0.0; n]);
    let mut compared = 0;
    for (a, b) in whole.bands.iter().zip(&chunked.bands) {
        assert_eq!((a.arm, a.month, a.metric), (b.arm, b.month, b.metric));
        let scale = a.band.mean.abs().max(a.band.sd).max(1.0);
        assert!(
            (a.band.mean - b.band.mean).abs() <= 1e-9 * scale,
            "{a:?} {b:?}"
        );
        assert!((a.band.sd - b.band.sd).abs() <= 1e-6 * scale, "{a:?} {b:?}");
        let whole = b.band.quantiles.iter().all(|q| q.fract() == 0.0);
        let tolerance = 0.5 * a.band.sd + 1e-3 * scale + if whole { 1.0 } else { 0.0 };
        let (xs, ys) = (&a.band.quantiles, &b.band.quantiles);
        assert_eq!((xs.len(), ys.len()), (n, n));
        for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
            assert!((x - y).abs() <= tolerance, "{a:?}\n{b:?}");
            if a.band.sd > 0.0 {
                own[i] += (x - y).abs() / a.band.sd;
                let gap = |j: usize| (xs[j] - y).abs() / a.band.sd;
                next[i] += match i {
                    0 => gap(1),
                    _ if i == n - 1 => gap(n - 2),
                    _ => gap(i - 1).min(gap(i + 1)),
                };
            }
            compared += 1;
        }
    }
    assert!(compared > 1000);
    for i in 0..n {
        assert!(
            own[i] < 0.5 * next[i],
            "percentile column {i}: summed distance to its own exact percentile {:.1} sd, \
             to the nearer neighbour {:.1} sd",
            own[i],
            next[i]
        );
    }
}
