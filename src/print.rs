//! What the terminal shows: the run summary, the sweep table, the scenario description.
//! Pure functions from results to text, so they are easy to test.

use std::fmt::Write;

use crate::economics::Perspective;
use crate::model::Model;
use crate::summary::{Analysis, ArmSummary, describe_staffing};
use crate::sweep::SweepRow;

/// kr. as mio. kr. with two decimals.
fn mio(kr: f64) -> String {
    format!("{:.2}", kr / 1e6)
}

fn percent(p: f64) -> String {
    format!("{:.1} %", 100.0 * p)
}

fn month(m: Option<u32>, horizon: u32) -> String {
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

/// The summary a person reads in ten seconds: the municipality's saving per arm, then every
/// perspective, the budget years and where the citizens end up.
pub fn run_summary(model: &Model, analysis: &Analysis, trials: u32, seed: u64) -> String {
    let base = analysis.arm(0, Perspective::Kommune);
    let mut out = heading(model, trials, seed);
    let _ = write!(
        out,
        "\n\nNet saving for the kommune over {} months against `{}` ({}, {:.1} caseworkers on average), mio. kr., discounted at {:.1} % a year:\n",
        model.months,
        model.arms[0].name,
        describe_staffing(model.arms[0].staffing),
        base.caseworkers_mean,
        100.0 * model.economics.discount_rate,
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
        let _ = writeln!(
            out,
            "{}",
            arm_line(model, analysis.arm(a, Perspective::Kommune))
        );
    }
    perspectives(&mut out, model, analysis);
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
            let _ = write!(
                out,
                " {:>12.1}",
                analysis.arm(a, Perspective::Kommune).occupancy_end[i]
            );
        }
    }
    out.push('\n');
    out
}

fn perspectives(out: &mut String, model: &Model, analysis: &Analysis) {
    let _ = write!(
        out,
        "\nBy perspective, mio. kr. over the horizon:\n{:<14} {:<24} {:>9} {:>11} {:>19} {:>8} {:>7}\n",
        "arm", "perspective", "nominal", "discounted", "90 % interval", "P(gain)", "ROI"
    );
    for a in 1..model.arms.len() {
        for p in Perspective::ALL {
            let s = analysis.arm(a, p);
            let b = &s.savings_total;
            let _ = writeln!(
                out,
                "{:<14} {:<24} {:>9} {:>11} {:>19} {:>8} {:>7}",
                model.arms[a].name,
                p.id(),
                mio(s.savings_total_nominal.mean),
                mio(b.mean),
                format!("{} to {}", mio(b.at(0.05)), mio(b.at(0.95))),
                percent(s.p_gain),
                s.roi.map_or("-".to_string(), |r| format!("{r:.2}")),
            );
        }
    }
}

fn years(out: &mut String, model: &Model, analysis: &Analysis) {
    let label = if model.start.is_some() {
        "budget year"
    } else {
        "year"
    };
    let _ = write!(
        out,
        "\nKommune, savings per {label} (nominal), mio. kr.:\n{:<14} {:>11} {:>7} {:>9} {:>19} {:>8}\n",
        "arm", label, "months", "mean", "90 % interval", "P(gain)"
    );
    for y in analysis
        .years
        .iter()
        .filter(|y| y.perspective == Perspective::Kommune)
    {
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

/// The sweep as a table, one line per grid point.
pub fn sweep_table(model: &Model, arm: &str, rows: &[SweepRow]) -> String {
    let mut out = format!(
        "Sweep of `{arm}` against `{}`: total saving for {} over {} months, mio. kr., discounted\n",
        model.arms[0].name,
        rows.first().map_or("kommune", |r| r.perspective),
        model.months
    );
    let _ = writeln!(
        out,
        "{:>9} {:>12} {:>9} {:>9} {:>9} {:>9} {:>8} {:>13}",
        "caseload", "caseworkers", "mean", "p5", "p50", "p95", "P(gain)", "break-even"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:>9.1} {:>12.1} {:>9} {:>9} {:>9} {:>9} {:>8} {:>13}",
            r.caseload,
            r.caseworkers,
            mio(r.savings_mean),
            mio(r.savings_p5),
            mio(r.savings_p50),
            mio(r.savings_p95),
            percent(r.p_gain),
            month(r.breakeven_p50, model.months),
        );
    }
    if let Some(best) = rows
        .iter()
        .max_by(|a, b| a.savings_mean.total_cmp(&b.savings_mean))
    {
        let _ = writeln!(
            out,
            "Largest mean saving: caseload {:.1} ({:.1} caseworkers), {} mio. kr.",
            best.caseload,
            best.caseworkers,
            mio(best.savings_mean)
        );
    }
    out
}

/// What a scenario contains, for `kohort check`.
pub fn describe(model: &Model) -> String {
    let e = &model.economics;
    let mut out = format!(
        "{}\n{} months, {} trials by default, seed {}, {} citizens\n\nStates (kr. per month):\n",
        model.name, model.months, model.trials, model.seed, model.cohort_size
    );
    let _ = writeln!(
        out,
        "  {:<18} {:<34} {:>9} {:>9} {:>5} {:>8}",
        "id", "label", "benefit", "income", "case", "start"
    );
    for (s, n) in model.states.iter().zip(&model.initial_counts) {
        let case = if s.case { "yes" } else { "" };
        let _ = writeln!(
            out,
            "  {:<18} {:<34} {:>9} {:>9} {:>5} {:>8}",
            s.id, s.label, s.benefit, s.income, case, n
        );
    }
    out.push_str("\nMonthly transition probabilities at the reference caseload:\n");
    for (i, row) in model.transitions.iter().enumerate() {
        let moves: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(_, p)| **p > 0.0)
            .map(|(j, p)| format!("{} {p}", model.states[j].id))
            .collect();
        if !moves.is_empty() {
            let _ = writeln!(out, "  {:<18} → {}", model.states[i].id, moves.join(", "));
        }
    }
    let el: Vec<String> = model
        .caseload
        .elasticity
        .iter()
        .enumerate()
        .filter(|(_, e)| **e != 0.0)
        .map(|(j, e)| format!("{} {e}", model.states[j].id))
        .collect();
    let _ = writeln!(
        out,
        "\nCaseload: reference {}; elasticity {}\nEconomics: tax rate {}, caseworker {} kr./year, discount rate {} a year\n\nArms (first is the baseline):",
        model.caseload.reference,
        if el.is_empty() {
            "none".to_string()
        } else {
            el.join(", ")
        },
        e.tax_rate,
        e.caseworker_cost,
        e.discount_rate,
    );
    for arm in &model.arms {
        let ivs: Vec<&str> = arm
            .interventions
            .iter()
            .map(|&i| model.interventions[i].id.as_str())
            .collect();
        let runs = if ivs.is_empty() {
            String::new()
        } else {
            format!(", runs {}", ivs.join(", "))
        };
        let _ = writeln!(
            out,
            "  {:<18} {:<30} {}{runs}",
            arm.name,
            arm.label,
            describe_staffing(arm.staffing)
        );
    }
    describe_extras(&mut out, model);
    out
}

/// Refusion, inflow and interventions, for `kohort check`.
fn describe_extras(out: &mut String, model: &Model) {
    let steps: Vec<String> = model
        .refusion
        .steps
        .iter()
        .map(|(w, r)| format!("week {w}: {:.0} %", 100.0 * r))
        .collect();
    let covered: Vec<&str> = model
        .states
        .iter()
        .filter(|s| s.refusion)
        .map(|s| s.id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "\nRefusion: {}; restart after {} months of self-support within {}; covered: {}",
        steps.join(", "),
        model.refusion.reset_months,
        model.refusion.window_months,
        if covered.is_empty() {
            "none".to_string()
        } else {
            covered.join(", ")
        },
    );
    if let Some(f) = &model.inflow {
        let _ = writeln!(out, "Inflow: {:?} citizens a month", f.arrivals);
    }
    for iv in &model.interventions {
        let cap = if iv.capacity == u32::MAX {
            "unlimited".to_string()
        } else {
            iv.capacity.to_string()
        };
        let _ = writeln!(
            out,
            "Intervention {} ({}): months {}–{}, places {cap}, {} kr./month + {} kr. at entry",
            iv.id, iv.label, iv.from, iv.to, iv.cost_per_month, iv.cost_at_entry
        );
    }
    if let Some(s) = model.start {
        let _ = writeln!(out, "Month 1 is {}-{:02}", s.year, s.month);
    }
}

/// How much of the kommune's 90 % band is parameter uncertainty and how much is chance:
/// var(total) ≈ var(parameters) + var(chance), with var(chance) from the run at the means.
pub fn uncertainty_split(
    model: &Model,
    analysis: &Analysis,
    fixed: &[ArmSummary],
    params: &crate::uncertainty::Uncertainty,
) -> String {
    let mut out = format!(
        "Uncertainty ({} parameters drawn per trial), kommune, mio. kr. — 90 % interval with all uncertainty, and with the parameters at their means (chance alone):\n",
        params.params.len()
    );
    for (a, fixed_arm) in fixed.iter().enumerate().skip(1) {
        let all = &analysis.arm(a, Perspective::Kommune).savings_total;
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
    rows: &[crate::tornado::TornadoRow],
) -> String {
    let mut out = format!(
        "One-way sensitivity of `{}` against `{}`: mean total saving for {} (mio. kr., discounted) with each parameter at its low and high value, the others at their means:\n",
        model.arms[arm].name,
        model.arms[0].name,
        p.id()
    );
    let _ = writeln!(
        out,
        "{:<40} {:>10} {:>10} {:>9} {:>9} {:>7}",
        "parameter", "low", "high", "at low", "at high", "swing"
    );
    let widest = rows.first().map_or(1.0, |r| r.swing.max(1.0));
    for r in rows {
        let bar = "█".repeat((30.0 * r.swing / widest).round() as usize);
        let _ = writeln!(
            out,
            "{:<40} {:>10.4} {:>10.4} {:>9} {:>9} {:>7} {bar}",
            r.parameter,
            r.low,
            r.high,
            mio(r.savings_low),
            mio(r.savings_high),
            mio(r.swing)
        );
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
        out.push_str("Exact: the Monte Carlo mean of `kohort run` converges to these figures.\n");
    } else {
        out.push_str("APPROXIMATION — this scenario is outside what the trace computes exactly:\n");
        for c in &e.exactness.caveats {
            let _ = writeln!(out, "  - {c}");
        }
    }
    let _ = writeln!(
        out,
        "\nExpected total saving, mio. kr.:\n{:<14} {:<24} {:>9} {:>11}",
        "arm", "perspective", "nominal", "discounted"
    );
    for a in 1..model.arms.len() {
        for p in Perspective::ALL {
            let _ = writeln!(
                out,
                "{:<14} {:<24} {:>9} {:>11}",
                model.arms[a].name,
                p.id(),
                mio(e.savings_total(model, p, a, false)),
                mio(e.savings_total(model, p, a, true))
            );
        }
    }
    out
}

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
    out
}
