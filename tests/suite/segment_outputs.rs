//! The segment dimension of the monthly bands and the trial rows: each segment's rows are its
//! citizens alone, they add up to the whole arm's (occupancy, cases, caseworkers and money, month
//! by month and trial by trial), the whole arm's rows are the same as without the dimension,
//! and analysing in chunks keeps every segment's trial rows.

use crate::common;

use std::collections::HashMap;

use kohort::effects;
use kohort::summary::{Analysis, Metric};

fn cohort() -> (kohort::Model, kohort::uncertainty::Uncertainty) {
    kohort::scenario::load_uncertain(&common::shipped("cohort/egen-kohorte.toml")).unwrap()
}

fn analysed(trials: u32, chunk: u32) -> (kohort::Model, Analysis) {
    let (model, params) = cohort();
    let quiet = indicatif::ProgressBar::hidden();
    let (analysis, _) = effects::run_analysed(&model, &params, (trials, 3), &quiet, chunk);
    (model, analysis)
}

#[test]
fn segment_bands_and_trials_add_up_to_the_whole_arm() {
    let (model, a) = analysed(150, 150);
    assert_eq!(a.by_segment.len(), 3);
    let key = |r: &kohort::summary::BandRow| (r.arm, r.month, format!("{:?}", r.metric));
    let mut sums: HashMap<_, f64> = HashMap::new();
    for d in &a.by_segment {
        assert!(d.bands.iter().all(|r| r.metric != Metric::Caseload));
        for r in &d.bands {
            *sums.entry(key(r)).or_default() += r.band.mean;
        }
    }
    let mut compared = 0;
    for r in a.bands.iter().filter(|r| r.metric != Metric::Caseload) {
        let sum = sums[&key(r)];
        let scale = r.band.mean.abs().max(1.0);
        assert!(
            (sum - r.band.mean).abs() <= 1e-9 * scale,
            "{:?} month {}: segments {sum} vs arm {}",
            r.metric,
            r.month,
            r.band.mean
        );
        compared += 1;
    }
    assert_eq!(compared, sums.len(), "every segment band has its arm's");
    for (k, whole) in a.trials.iter().enumerate() {
        let own: Vec<_> = a.by_segment.iter().map(|d| &d.trials[k]).collect();
        assert!(
            own.iter()
                .all(|t| (t.trial, t.arm) == (whole.trial, whole.arm))
        );
        let saving: f64 = own.iter().map(|t| t.savings_total).sum();
        let spent: f64 = own.iter().map(|t| t.expenditure_total).sum();
        let scale = whole.expenditure_total.abs().max(1.0);
        assert!((saving - whole.savings_total).abs() <= 1e-9 * scale);
        assert!((spent - whole.expenditure_total).abs() <= 1e-9 * scale);
    }
    // A segment's last cumulative band is its total saving, as the segment summary has it.
    for r in &a.segments {
        let last = a.by_segment[r.segment].bands.iter().find(|b| {
            (b.arm, b.month, b.metric)
                == (
                    r.arm,
                    model.months,
                    Metric::SavingsCumulative(r.perspective),
                )
        });
        let mean = last.unwrap().band.mean;
        let scale = mean.abs().max(1.0);
        assert!((mean - r.savings_total.mean).abs() <= 1e-9 * scale);
    }
}

#[test]
fn the_csv_files_gain_a_segment_dimension_and_keep_the_whole_arms_rows() {
    let (model, a) = analysed(40, 40);
    let csv = |f: &dyn Fn(&Analysis, &mut Vec<u8>)| {
        let mut out = Vec::new();
        f(&a, &mut out);
        String::from_utf8(out).unwrap()
    };
    let bands = csv(&|a, w| kohort::export::bands_csv(&model, a, w).unwrap());
    let plain = Analysis {
        by_segment: Vec::new(),
        ..a.clone()
    };
    let mut without = Vec::new();
    kohort::export::bands_csv(&model, &plain, &mut without).unwrap();
    let without = String::from_utf8(without).unwrap();
    let mut lines = bands.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("arm,segment,month,metric,perspective,mean")
    );
    let whole: Vec<String> = lines
        .clone()
        .filter(|l| l.split(',').nth(1) == Some(""))
        .map(|l| l.replacen(",,", ",", 1))
        .collect();
    assert_eq!(whole, without.lines().skip(1).collect::<Vec<_>>());
    assert!(
        lines
            .clone()
            .any(|l| l.starts_with("lavere_sagstal,langvarige,48,savings,"))
    );
    assert!(!lines.any(|l| l.contains(",unge,") && l.contains("caseload")));

    let params = kohort::uncertainty::Uncertainty::default();
    let trials = csv(&|a, w| kohort::export::trials_csv(&model, a, &params, 3, w).unwrap());
    let mut rows = csv::Reader::from_reader(trials.as_bytes());
    let header = rows.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let parts = ["unge", "mellem", "langvarige"].map(|g| at(&format!("savings_total:{g}")));
    let mut n = 0;
    for row in rows.records() {
        let row = row.unwrap();
        let x = |i: usize| row[i].parse::<f64>().unwrap();
        let sum: f64 = parts.iter().map(|&i| x(i)).sum();
        // Each figure is rounded to øre on its own: three roundings of at most ½ øre.
        assert!(
            (sum - x(at("savings_total"))).abs() <= 0.015 + 1e-9,
            "{row:?}"
        );
        n += 1;
    }
    assert_eq!(n, a.trials.len());
}

#[test]
fn chunks_keep_each_segments_trial_rows() {
    let (_, whole) = analysed(90, 90);
    let (_, chunked) = analysed(90, 40);
    assert_eq!(chunked.sketched, Some(40));
    assert_eq!(whole.by_segment.len(), chunked.by_segment.len());
    assert!(!whole.by_segment.is_empty(), "the scenario has segments");
    for (w, c) in whole.by_segment.iter().zip(&chunked.by_segment) {
        assert_eq!(w.trials, c.trials);
        assert_eq!(w.bands.len(), c.bands.len());
        assert!(!w.bands.is_empty());
        for (x, y) in w.bands.iter().zip(&c.bands) {
            assert_eq!((x.arm, x.month, x.metric), (y.arm, y.month, y.metric));
            let scale = x.band.mean.abs().max(1.0);
            assert!((x.band.mean - y.band.mean).abs() <= 1e-9 * scale);
        }
    }
}
