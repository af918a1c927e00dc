//! What `calibrate` prints: each target against its fit, and the fitted numbers.

use std::fmt::Write;

use crate::calibrate::spell_fit::{Fitted, Kind, SpellFit, SpellTarget};
use crate::model::Model;

/// Each target against its fitted value, and the fitted row.
pub fn calibration(
    model: &Model,
    from: usize,
    targets: &[crate::calibrate::Target],
    fit: &crate::calibrate::Fit,
) -> String {
    let mut out = format!(
        "Calibrated the monthly exits out of `{}` to {} targets:\n",
        model.states[from].id,
        targets.len()
    );
    let _ = writeln!(
        out,
        "{:>6} {:<20} {:>8} {:>8} {:>8}",
        "month", "state", "target", "fitted", "diff"
    );
    for (t, f) in targets.iter().zip(&fit.fitted) {
        let _ = writeln!(
            out,
            "{:>6} {:<20} {:>7.2}% {:>7.2}% {:>+7.2}",
            t.month,
            model.states[t.state].id,
            100.0 * t.share,
            100.0 * f,
            100.0 * (f - t.share)
        );
    }
    let moves: Vec<String> = fit
        .row
        .iter()
        .enumerate()
        .filter(|(j, p)| *j != from && **p > 0.0)
        .map(|(j, p)| format!("{} {p:.5}", model.states[j].id))
        .collect();
    let _ = writeln!(
        out,
        "\n[transitions.{}]: {}",
        model.states[from].id,
        moves.join(", ")
    );
    let worst = targets
        .iter()
        .zip(&fit.fitted)
        .map(|(t, f)| (f - t.share).abs())
        .fold(0.0, f64::max);
    if worst > 0.01 {
        let _ = writeln!(
            out,
            "warning: the fit misses a target by {:.1} percentage points: one row of exits cannot reproduce these targets (targets that disagree, or a state that needs duration bands)",
            100.0 * worst
        );
    }
    out
}

/// Each spell target against its fit, then the fitted scales and shares.
pub fn spell_calibration(
    model: &Model,
    from: usize,
    targets: &[SpellTarget],
    fit: &SpellFit,
    what: Fitted,
) -> String {
    let id = &model.states[from].id;
    let mut out = format!(
        "Calibrated spells in `{id}` to {} targets:\n",
        targets.len()
    );
    let _ = writeln!(
        out,
        "{:<34} {:>8} {:>8} {:>8}",
        "target", "target", "fitted", "diff"
    );
    for (t, f) in targets.iter().zip(&fit.fitted) {
        let what = match t.kind {
            Kind::Survival => format!("still in {id} after {} months", t.months),
            Kind::Stock => format!("stock with ≥ {} months", t.months),
        };
        let _ = writeln!(
            out,
            "{what:<34} {:>7.2}% {:>7.2}% {:>+7.2}",
            100.0 * t.share,
            100.0 * f,
            100.0 * (f - t.share)
        );
    }
    let worst = targets
        .iter()
        .zip(&fit.fitted)
        .map(|(t, f)| (f - t.share).abs());
    if worst.fold(0.0, f64::max) > 0.01 {
        let _ = writeln!(
            out,
            "warning: the fit misses a target by more than 1 percentage point: these bands and segments cannot reproduce the targets together (more bands, other segments, or targets that disagree)"
        );
    }
    let d = &model.duration[from];
    if what.duration {
        let bands: Vec<String> = d
            .starts
            .iter()
            .zip(&fit.scales)
            .map(|(m, c)| format!("from month {m}: × {c:.4}"))
            .collect();
        let _ = writeln!(
            out,
            "\nExit hazards out of `{id}` scaled by band: {}",
            bands.join(", ")
        );
        if crate::calibrate::folds(model, from) {
            let _ = writeln!(out, "(one band: folded into [transitions.{id}])");
        } else {
            for (j, bands) in crate::calibrate::band_multipliers(model, from, &fit.scales) {
                let m: Vec<String> = bands.iter().map(|m| format!("{m:.4}")).collect();
                let _ = writeln!(
                    out,
                    "[duration.{id}] hazard {} = [{}]",
                    model.states[j].id,
                    m.join(", ")
                );
            }
        }
    }
    if what.segments {
        let _ = writeln!(out, "\n{:<24} {:>9} {:>9}", "segment", "entrants", "stock");
        for (g, (w, p)) in model
            .segments
            .iter()
            .zip(fit.entrants.iter().zip(&fit.stock))
        {
            let _ = writeln!(
                out,
                "{:<24} {:>8.1}% {:>8.1}%",
                g.label,
                100.0 * w,
                100.0 * p
            );
        }
        let _ = writeln!(
            out,
            "(`share` = the stock's, as a starting cohort drawn from it; [inflow] segments = the entrants')"
        );
    }
    out
}
