//! Budget years (`years.csv`): calendar years from the scenario's `start`, a mid-year start
//! split as the calendar splits it, the years adding up to the undiscounted total, and chunks
//! changing no year's mean.

use crate::common;

use kohort::economics::Perspective;
use kohort::summary::Analysis;

fn silkeborg() -> (kohort::Model, kohort::uncertainty::Uncertainty) {
    kohort::scenario::load_uncertain(&common::shipped("silkeborg.toml")).unwrap()
}

#[test]
fn a_mid_year_start_splits_by_calendar_year_and_the_years_add_up_to_the_total() {
    let (model, _) = silkeborg();
    let run = kohort::psa::run(
        &model,
        &Default::default(),
        200,
        5,
        &indicatif::ProgressBar::hidden(),
    );
    let analysis = Analysis::new(&model, &run.results, &run.ledgers);
    // August 2015 + 48 months: 5 months of 2015, three whole years, 7 months of 2019.
    let spans: Vec<(i32, u32)> = analysis
        .years
        .iter()
        .filter(|y| y.arm == 1 && y.perspective == Perspective::Kommune)
        .map(|y| (y.year, y.months))
        .collect();
    assert_eq!(
        spans,
        [(2015, 5), (2016, 12), (2017, 12), (2018, 12), (2019, 7)]
    );
    for p in Perspective::ALL {
        let years: f64 = analysis
            .years
            .iter()
            .filter(|y| y.arm == 1 && y.perspective == p)
            .map(|y| y.savings.mean)
            .sum();
        let total = analysis.arm(1, p).savings_total_nominal.mean;
        assert!(
            (years - total).abs() <= 1e-9 * total.abs().max(1.0),
            "{p:?}: years {years} vs nominal total {total}"
        );
    }
}

#[test]
fn chunks_change_no_years_mean() {
    let (model, params) = silkeborg();
    let quiet = indicatif::ProgressBar::hidden();
    let (whole, _) = kohort::effects::run_analysed(&model, &params, (120, 3), &quiet, 120);
    let (chunked, _) = kohort::effects::run_analysed(&model, &params, (120, 3), &quiet, 50);
    assert_eq!(whole.years.len(), chunked.years.len());
    assert!(!whole.years.is_empty());
    for (a, b) in whole.years.iter().zip(&chunked.years) {
        assert_eq!(
            (a.arm, a.perspective, a.year, a.months),
            (b.arm, b.perspective, b.year, b.months)
        );
        let scale = a.savings.mean.abs().max(1.0);
        assert!(
            (a.savings.mean - b.savings.mean).abs() <= 1e-9 * scale,
            "{a:?} {b:?}"
        );
        assert_eq!(a.p_gain, b.p_gain, "P(gain) counts every trial exactly");
    }
}
