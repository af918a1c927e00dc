//! What the terminal shows: pure functions from results to text, so they are easy to test.
//! `run` here; the other commands' tables in [`tables`]; `check`'s description, shared with the report, in [`crate::report::describe`].

mod bridge;
mod calibration;
mod compare;
mod effects;
mod follow;
mod json;
mod tables;

use std::fmt::Write;

pub use crate::report::describe::{describe, describe_uncertain, prices_line};
pub use bridge::bridge_table;
pub use calibration::{calibration, spell_calibration};
pub use compare::compare_table;
pub use effects::{chance_table, effects_table, ratio_table, threshold_table};
pub use follow::{follow_json, follow_text};
pub use json::{compare_json, run_json, sweep_json};
pub use tables::{expect_summary, sweep_table, tornado_table, uncertainty_split};

use crate::economics::Perspective;
use crate::model::Model;
use crate::model::describe_staffing;
use crate::summary::{Analysis, ArmSummary};

/// kr. as mio. kr. with two decimals.
pub(crate) fn mio(kr: f64) -> String {
    format!("{:.2}", kr / 1e6)
}

pub(crate) fn percent(p: f64) -> String {
    format!("{:.1} %", 100.0 * p)
}

pub(crate) fn month(m: Option<u32>, horizon: u32) -> String {
    m.map_or(format!("not by {horizon}"), |m| format!("month {m}"))
}

/// The heading line of a run.
pub fn heading(model: &Model, trials: u32, seed: u64) -> String {
    let inflow = if model.inflow.is_some() {
        " + inflow"
    } else {
        ""
    };
    format!(
        "{} — {} citizens{inflow}, {} months, {} trials, seed {}",
        model.name, model.cohort_size, model.months, trials, seed
    )
}

fn arm_line(model: &Model, s: &ArmSummary) -> String {
    let arm = &model.arms[s.arm];
    let b = &s.savings_total;
    format!(
        "{:<14} {:<18} {:>10} {:>19} {:>19} {:>8} {:>13} {:>11.1}",
        arm.name,
        describe_staffing(arm.staffing),
        mio(b.mean),
        format!("{} to {}", mio(b.at(0.05)), mio(b.at(0.95))),
        format!("{} to {}", mio(b.at(0.025)), mio(b.at(0.975))),
        percent(s.p_gain),
        month(s.breakeven_p50, model.months),
        s.caseworkers_mean,
    )
}

/// Why `run`, `run --fixed-parameters`, `expect` and the tornado's centre give different
/// means for one scenario: they answer different questions.
pub const WHICH_FIGURE: &str = "Which figure is which: this run's mean averages over chance and the drawn parameters; `run --fixed-parameters` and the tornado's centre fix the parameters at their means (chance alone, Monte Carlo); `expect` is the exact expectation at the means (no chance). The first differs from the others when the saving is not linear in the parameters; the last two agree within Monte Carlo error.";

/// How the percentiles were computed, when not all exactly: e.g. "past 12000 trials the
/// monthly bands' and budget years' percentiles are read from a sketch, each within 0.1 % of
/// the exact value; totals, P(gain) and break-even stay exact".
pub fn percentiles_note(analysis: &Analysis) -> Option<String> {
    analysis.sketched.map(|n| {
        format!(
            "past {n} trials the percentiles of the monthly bands (bands.csv) and budget years (years.csv) are read from a sketch, each within {} % of the exact value; totals, P(gain) and break-even stay exact",
            100.0 * crate::stats::SKETCH_ACCURACY
        )
    })
}

/// The arms whose caseload leaves the range the effect is valid for, in words.
pub fn held_warnings(model: &Model, analysis: &Analysis) -> Vec<String> {
    (0..model.arms.len())
        .filter_map(|a| {
            analysis
                .arm(a, model.headline)
                .held
                .warning(&model.arms[a].name)
        })
        .collect()
}

/// The summary a person reads in ten seconds: the municipality's saving per arm, then every
/// perspective, the budget years and where the citizens end up.
pub fn run_summary(model: &Model, analysis: &Analysis, trials: u32, seed: u64) -> String {
    let p = model.headline;
    let base = analysis.arm(0, p);
    let mut out = heading(model, trials, seed);
    let _ = write!(
        out,
        "\n\nNet saving for the {} over {} months against `{}` ({}, {:.1} caseworkers on average), mio. kr., discounted at {:.1} % a year.\nBasis `{}`: {}.\nPrices: {}.\n",
        p.label(false),
        model.months,
        model.arms[0].name,
        describe_staffing(model.arms[0].staffing),
        base.caseworkers_mean,
        100.0 * model.economics.discount_rate,
        p.id(),
        p.counts(),
        prices_line(model),
    );
    let _ = writeln!(
        out,
        "{:<14} {:<18} {:>10} {:>19} {:>19} {:>8} {:>13} {:>11}",
        "arm",
        "staffing",
        "mean",
        "90 % interval",
        "95 % interval",
        "P(gain)",
        "break-even",
        "caseworkers"
    );
    for a in 1..model.arms.len() {
        let _ = writeln!(out, "{}", arm_line(model, analysis.arm(a, p)));
    }
    for (a, arm) in model.arms.iter().enumerate().skip(1) {
        let added: Vec<&str> = model
            .added_interventions(a)
            .into_iter()
            .map(|i| model.interventions[i].label.as_str())
            .collect();
        if !added.is_empty() {
            let _ = writeln!(
                out,
                "`{}` adds {}{}.",
                arm.name,
                added.join(", "),
                if model.staffed_as_baseline(a) {
                    " at the baseline's own staffing: the saving comes from the intervention, not from a change in caseload"
                } else {
                    " and its own staffing: the saving comes from both"
                },
            );
        }
    }
    for arm in model
        .arms
        .iter()
        .filter(|a| !a.steps.is_empty() || a.phase_in > 0)
    {
        let _ = writeln!(
            out,
            "Staffing of `{}`: {}.",
            arm.name,
            crate::model::describe_arm_staffing(arm)
        );
    }
    for w in held_warnings(model, analysis) {
        let _ = writeln!(out, "Note: {w}.");
    }
    if let Some(note) = percentiles_note(analysis) {
        let _ = writeln!(out, "Note: {note}.");
    }
    perspectives(&mut out, model, analysis);
    segments(&mut out, model, analysis);
    years(&mut out, model, analysis);
    let _ = write!(
        out,
        "\nMean citizens by state in month {}:\n{:<34}",
        model.months, "state"
    );
    for arm in &model.arms {
        let _ = write!(out, " {:>12}", arm.name);
    }
    for (i, state) in model.states.iter().enumerate() {
        let _ = write!(out, "\n{:<34}", state.label);
        for a in 0..model.arms.len() {
            let _ = write!(out, " {:>12.1}", analysis.arm(a, p).occupancy_end[i]);
        }
    }
    out.push('\n');
    out
}

fn perspectives(out: &mut String, model: &Model, analysis: &Analysis) {
    let _ = write!(
        out,
        "\nBy perspective, mio. kr. over the horizon:\n{:<14} {:<32} {:>9} {:>11} {:>19} {:>8} {:>7}\n",
        "arm", "perspective", "nominal", "discounted", "90 % interval", "P(gain)", "ROI"
    );
    for a in 1..model.arms.len() {
        for p in Perspective::ALL {
            let s = analysis.arm(a, p);
            let b = &s.savings_total;
            let mark = if p == model.headline { " *" } else { "" };
            let _ = writeln!(
                out,
                "{:<14} {:<32} {:>9} {:>11} {:>19} {:>8} {:>7}",
                model.arms[a].name,
                format!("{}{mark}", p.label(false)),
                mio(s.savings_total_nominal.mean),
                mio(b.mean),
                format!("{} to {}", mio(b.at(0.05)), mio(b.at(0.95))),
                percent(s.p_gain),
                s.roi.map_or("-".to_string(), |r| format!("{r:.2}")),
            );
        }
    }
    out.push_str("* the headline's basis. Forsørgelse only: benefits net of refusion, staff and interventions, no tax; municipality before udligning: also the kommuneskat paid on wages and benefits; after udligning: only the kept share of a change in kommuneskat; the state: refusion and SU less the state's taxes (ids in the CSV files: forsoergelse, kommune, kommune_efter_udligning, stat, offentlige_finanser).\n");
}

/// The headline saving of each arm by segment (nothing without segments).
fn segments(out: &mut String, model: &Model, analysis: &Analysis) {
    let p = model.headline;
    if analysis.segments.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "\nSaving by segment for the {} (discounted), mio. kr.; each segment's citizens with their own benefits, tax, refusion and intervention costs, and the caseworkers by their share of the cases — the segments add up to the arm:\n{:<14} {:<24} {:>9} {:>19} {:>8} {:>11}\n",
        p.label(false),
        "arm",
        "segment",
        "mean",
        "90 % interval",
        "P(gain)",
        "break-even"
    );
    for r in analysis.segments.iter().filter(|r| r.perspective == p) {
        let b = &r.savings_total;
        let _ = writeln!(
            out,
            "{:<14} {:<24} {:>9} {:>19} {:>8} {:>11}",
            model.arms[r.arm].name,
            model.segments[r.segment].label,
            mio(b.mean),
            format!("{} to {}", mio(b.at(0.05)), mio(b.at(0.95))),
            percent(r.p_gain),
            r.breakeven_p50
                .map_or("never".into(), |m| format!("month {m}")),
        );
    }
}

fn years(out: &mut String, model: &Model, analysis: &Analysis) {
    let p = model.headline;
    let label = if model.start.is_some() {
        "budget year"
    } else {
        "year"
    };
    let _ = write!(
        out,
        "\nSavings per {label} for the {} (nominal), mio. kr.:\n{:<14} {:>11} {:>7} {:>9} {:>19} {:>8}\n",
        p.label(false),
        "arm",
        label,
        "months",
        "mean",
        "90 % interval",
        "P(gain)"
    );
    for y in analysis.years.iter().filter(|y| y.perspective == p) {
        let b = &y.savings;
        let _ = writeln!(
            out,
            "{:<14} {:>11} {:>7} {:>9} {:>19} {:>8}",
            model.arms[y.arm].name,
            y.year,
            y.months,
            mio(b.mean),
            format!("{} to {}", mio(b.at(0.05)), mio(b.at(0.95))),
            percent(y.p_gain),
        );
    }
}
