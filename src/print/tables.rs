//! Tables of `sweep`, `tornado`, `expect`, `calibrate`, and the uncertainty split of `run`.

use std::fmt::Write;

use super::{mio, month, percent};
use crate::economics::Perspective;
use crate::model::Model;
use crate::summary::{Analysis, ArmSummary};
use crate::sweep::{self, Edge, SweepRow};

/// The sweep as a table, one line per grid point, with each point's mean at no effect and at
/// the research's effect; then the best point within the range the evidence covers.
pub fn sweep_table(model: &Model, arm: &str, rows: &[SweepRow]) -> String {
    let mut out = format!(
        "Sweep of `{arm}` against `{}`: total saving for the {} (`{}`) over {} months, mio. kr., discounted\n",
        model.arms[0].name,
        model.headline.label(false),
        model.headline.id(),
        model.months
    );
    let _ = writeln!(
        out,
        "{:>9} {:>12} {:>9} {:>9} {:>9} {:>9} {:>8} {:>13} {:>10} {:>11}  effect",
        "caseload",
        "caseworkers",
        "mean",
        "p5",
        "p50",
        "p95",
        "P(gain)",
        "break-even",
        "no effect",
        "researched"
    );
    for r in rows {
        let held = if r.effect_held > 0.0 {
            format!(
                "held at the edge in {:.0} % of months",
                100.0 * r.effect_held
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{:>9.1} {:>12.1} {:>9} {:>9} {:>9} {:>9} {:>8} {:>13} {:>10} {:>11} {:>11}  {held}",
            r.caseload,
            r.caseworkers,
            mio(r.savings_mean),
            mio(r.savings_p5),
            mio(r.savings_p50),
            mio(r.savings_p95),
            percent(r.p_gain),
            month(r.breakeven_p50, model.months),
            mio(r.savings_mean_no_effect),
            r.savings_mean_evidence.map_or("–".into(), mio),
            pays_if(r),
        );
    }
    let (lo, hi) = model.caseload.valid;
    let _ = writeln!(
        out,
        "No effect: the points differ from the baseline in cost only. Researched: the caseload effect at the centre of the evidence. Both on the same trials. Pays if ε: the job elasticity at which the point's expected saving is zero (on the expected path, other numbers at their means; `kohort expect` says whether that is exact here), ≥ when more effect pays, ≤ when less does."
    );
    if rows.iter().any(|r| r.effect_held > 0.0) {
        let _ = writeln!(
            out,
            "Note: outside caseloads {lo}–{hi}, the range the evidence covers, the caseload effect is held at its value at the edge rather than extrapolated; such points are never named best."
        );
    }
    let Some(best) = sweep::best(rows) else {
        let _ = writeln!(
            out,
            "No point lies wholly within caseloads {lo}–{hi}, the range the evidence covers: no best point is named."
        );
        return out;
    };
    let b = &rows[best.index];
    let _ = writeln!(
        out,
        "Largest mean saving within the evidence's range ({lo}–{hi}): caseload {:.1} ({:.1} caseworkers), {} mio. kr., P(gain) {}{}",
        b.caseload,
        b.caseworkers,
        mio(b.savings_mean),
        percent(b.p_gain),
        if b.p_gain < 0.5 {
            ": no point is more likely than not to gain"
        } else {
            ""
        }
    );
    match best.edge {
        Some(Edge::Evidence) => {
            let _ = writeln!(
                out,
                "Note: the best point is the edge of the range the evidence covers: the data say nothing beyond it."
            );
        }
        Some(Edge::Grid) => {
            let _ = writeln!(
                out,
                "Note: the best point is the edge of the grid: values beyond it were not tried."
            );
        }
        None => {}
    }
    let _ = writeln!(
        out,
        "At that point with no effect at all: {} mio. kr. (P(gain) {}){}.",
        mio(b.savings_mean_no_effect),
        percent(b.p_gain_no_effect),
        b.savings_mean_evidence
            .zip(b.p_gain_evidence)
            .map_or(String::new(), |(m, p)| format!(
                "; with the caseload effect as researched: {} mio. kr. (P(gain) {})",
                mio(m),
                percent(p)
            ))
    );
    out
}

/// A sweep point's break-even elasticity: `≥ 0.652`, `≤ 0.300`, `always`, `never`, `–`.
fn pays_if(r: &SweepRow) -> String {
    match (r.pays_if, r.breakeven_elasticity) {
        ("above", Some(e)) => format!("≥ {e:.3}"),
        ("below", Some(e)) => format!("≤ {e:.3}"),
        ("always" | "never", _) => r.pays_if.to_string(),
        _ => "–".to_string(),
    }
}

/// How much of the kommune's 90 % band is parameter uncertainty and how much is chance:
/// var(total) ≈ var(parameters) + var(chance), with var(chance) from the run at the means.
pub fn uncertainty_split(
    model: &Model,
    analysis: &Analysis,
    (n, fixed): (u32, &[ArmSummary]),
    params: &crate::uncertainty::Uncertainty,
) -> String {
    let mut out = format!(
        "Uncertainty ({} parameters drawn per trial), {}, mio. kr. — 90 % interval with all uncertainty, and with the parameters at their means (chance alone, from {n} trials: its spread is within about ±{:.0} %, so the parameters' share is an estimate):\n",
        params.params.len(),
        model.headline.label(false),
        100.0 / (2.0 * n.max(2) as f64).sqrt()
    );
    for (a, fixed_arm) in fixed.iter().enumerate().skip(1) {
        let all = &analysis.arm(a, model.headline).savings_total;
        let chance = &fixed_arm.savings_total;
        let share = if all.sd > 0.0 {
            (1.0 - (chance.sd / all.sd).powi(2)).max(0.0)
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "{:<14} all: {} to {}   chance alone: {} to {}   parameters ≈ {:.0} % of the variance",
            model.arms[a].name,
            mio(all.at(0.05)),
            mio(all.at(0.95)),
            mio(chance.at(0.05)),
            mio(chance.at(0.95)),
            100.0 * share
        );
    }
    out
}

/// The tornado as a table, largest swing first, with a bar per parameter.
pub fn tornado_table(
    model: &Model,
    arm: usize,
    p: Perspective,
    t: &crate::tornado::Tornado,
) -> String {
    let rows = &t.rows;
    let mut out = format!(
        "One-way sensitivity of `{}` against `{}`: mean total saving for {} (mio. kr., discounted) with each parameter at its low and high value, the others at their means:\n",
        model.arms[arm].name,
        model.arms[0].name,
        p.label(false)
    );
    let _ = writeln!(
        out,
        "{:<40} {:>10} {:>10} {:>9} {:>9} {:>7} {:>9} {:>9}",
        "parameter", "low", "high", "at low", "at high", "swing", "ε* low", "ε* high"
    );
    let _ = writeln!(
        out,
        "{:<40} {:>10} {:>10} {:>9}",
        "(every parameter at its mean)",
        "",
        "",
        mio(t.base)
    );
    let widest = rows.first().map_or(1.0, |r| r.swing.max(1.0));
    for r in rows {
        let bar = "█".repeat((30.0 * r.swing / widest).round() as usize);
        let e = |x: Option<f64>| x.map_or("-".to_string(), |e| format!("{e:.3}"));
        let _ = writeln!(
            out,
            "{:<40} {:>10.4} {:>10.4} {:>9} {:>9} {:>7} {:>9} {:>9} {bar}",
            crate::model::parameter_label(model, &r.parameter, false),
            r.low,
            r.high,
            mio(r.savings_low),
            mio(r.savings_high),
            mio(r.swing),
            e(r.breakeven_low),
            e(r.breakeven_high)
        );
    }
    if rows
        .iter()
        .any(|r| r.breakeven_low.is_some() || r.breakeven_high.is_some())
    {
        out.push_str("ε*: the job elasticity at which the expected saving is zero with the parameter at that end (on the expectation, exact or approximate as `kohort expect` says; `-` where it does not cross zero or the parameter is the elasticity itself).\n");
    }
    out
}

/// The expectation: total savings per arm and perspective, and whether it is exact.
pub fn expect_summary(model: &Model, e: &crate::expect::Expectation) -> String {
    let mut out = format!(
        "{} — expected values, no Monte Carlo noise ({} months)\n",
        model.name, model.months
    );
    if e.exactness.is_exact() {
        out.push_str("Exact at the scenario's values, uncertain parameters at their means: the Monte Carlo mean of `kohort run --fixed-parameters` (and the tornado's centre) converges to these figures; plain `run` also draws the parameters, so its mean differs when the saving is not linear in them.\n");
    } else {
        out.push_str("APPROXIMATION — this scenario is outside what the trace computes exactly:\n");
        for c in &e.exactness.caveats {
            let _ = writeln!(out, "  - {c}");
        }
    }
    let _ = writeln!(
        out,
        "\nExpected total saving, mio. kr.:\n{:<14} {:<30} {:>9} {:>11}",
        "arm", "perspective", "nominal", "discounted"
    );
    for a in 1..model.arms.len() {
        for p in Perspective::ALL {
            let _ = writeln!(
                out,
                "{:<14} {:<30} {:>9} {:>11}",
                model.arms[a].name,
                p.label(false),
                mio(e.savings_total(p, a, false)),
                mio(e.savings_total(p, a, true))
            );
        }
    }
    out
}
