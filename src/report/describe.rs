//! What a scenario contains, for `kohort check`.

use std::fmt::Write;

use crate::economics::Ledger;
use crate::model::Model;
use crate::model::describe_arm_staffing;
use crate::tax::TaxRules;

/// `x` to four significant digits, without trailing zeros: 0.5118179 → `0.5118`.
fn short(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return x.to_string();
    }
    let digits = (3 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
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
        "  {:<18} {:<34} {:>9} {:>9} {:>9} {:>11} {:>9} {:>5} {:>8}",
        "id", "label", "benefit", "wage", "SU", "kommuneskat", "state tax", "case", "start"
    );
    let ledger = Ledger::new(model);
    for ((s, n), m) in model
        .states
        .iter()
        .zip(&model.initial_counts)
        .zip(&ledger.states)
    {
        let case = if s.case { "yes" } else { "" };
        let _ = writeln!(
            out,
            "  {:<18} {:<34} {:>9} {:>9} {:>9} {:>11.0} {:>9.0} {:>5} {:>8}",
            s.id, s.label, s.benefit, s.wage, s.state_benefit, m.kommune_tax, m.state_tax, case, n
        );
    }
    out.push_str("\nMonthly transition probabilities at the reference caseload:\n");
    for (i, row) in model.transitions.iter().enumerate() {
        let moves: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(_, p)| **p > 0.0)
            .map(|(j, p)| format!("{} {}", model.states[j].id, short(*p)))
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
        .map(|(j, e)| format!("{} {}", model.states[j].id, short(*e)))
        .collect();
    let _ = writeln!(
        out,
        "\nCaseload: reference {}; elasticity {}; valid for caseloads {}–{} (held at the edge outside)\n{}\nEconomics: caseworker {} kr./year, discount rate {} a year, udligning keeps {} of a change in kommuneskat\nHeadline: {} ({})\n\nArms (first is the baseline):",
        model.caseload.reference,
        if el.is_empty() {
            "none".to_string()
        } else {
            el.join(", ")
        },
        model.caseload.valid.0,
        model.caseload.valid.1,
        tax_line(&e.tax),
        e.caseworker_cost,
        e.discount_rate,
        e.udligning_keep,
        model.headline.id(),
        model.headline.counts(),
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
            describe_arm_staffing(arm)
        );
    }
    describe_extras(&mut out, model);
    for w in caseload_warnings(model) {
        let _ = writeln!(out, "warning: {w}");
    }
    out
}

/// Arms whose staffing puts the caseload outside the effect's valid range: a fixed caseload
/// outside it, or fixed staff whose caseload in month 1 is outside it.
fn caseload_warnings(model: &Model) -> Vec<String> {
    let cases: f64 = model
        .states
        .iter()
        .zip(&model.initial_counts)
        .filter(|(s, _)| s.case)
        .map(|(_, &n)| n as f64)
        .sum();
    let (lo, hi) = model.caseload.valid;
    let mut out = Vec::new();
    for (a, arm) in model.arms.iter().enumerate() {
        let rules = std::iter::once((1, Some(arm.staffing)))
            .chain(arm.steps.iter().map(|s| (s.from, s.rule)));
        for (from, rule) in rules {
            let Some(rule) = rule else { continue };
            let (l, _) = rule.at(cases);
            let what = match rule {
                crate::model::Staffing::Caseload(_) => "its caseload",
                crate::model::Staffing::Caseworkers(_) => "its caseload at the start",
            };
            if cases > 0.0 && (l < lo || l > hi) {
                out.push(format!(
                    "`{}` from month {from}: {what} is {l:.1}, outside {lo}–{hi}, the range the evidence covers; the effect is held at the edge",
                    model.arms[a].name
                ));
            }
        }
    }
    out
}

/// The tax rules in one line, and a warning when they leave out what Danish law counts.
fn tax_line(t: &TaxRules) -> String {
    let mut line = format!(
        "Tax (per year): kommuneskat {}, bundskat {}, sundhedsbidrag {}, AM-bidrag {}, personfradrag {} kr., beskæftigelsesfradrag {} (max {} kr.), jobfradrag {} over {} kr. (max {} kr.)",
        t.kommuneskat,
        t.bundskat,
        t.sundhedsbidrag,
        t.am_bidrag,
        t.personfradrag,
        t.beskaeftigelse.rate,
        t.beskaeftigelse.max,
        t.job.rate,
        t.job.threshold,
        t.job.max
    );
    if t.personfradrag == 0.0 || t.am_bidrag == 0.0 {
        line.push_str("\n  warning: no personfradrag or AM-bidrag — tax is taken on whole incomes; extend a base file (scenarios/base/) for a year's Danish rules");
    }
    line
}

/// The uncertain parameters, one line each: name, distribution, mean and 5th–95th
/// percentiles (per destination for a Dirichlet row), for `kohort check`.
pub fn describe_uncertain(params: &crate::uncertainty::Uncertainty) -> String {
    if params.is_empty() {
        return String::new();
    }
    let mut out =
        String::from("\nUncertain parameters, drawn once per trial (mean; 5th–95th percentile):\n");
    let join = |v: Vec<f64>| v.iter().map(|x| short(*x)).collect::<Vec<_>>().join(", ");
    for p in &params.params {
        let _ = writeln!(
            out,
            "  {:<40} {:<10} {}; {} – {}",
            p.name,
            p.dist.kind(),
            join(p.dist.mean()),
            join(p.dist.quantile(0.05)),
            join(p.dist.quantile(0.95))
        );
    }
    out
}

/// The price basis in words: "fixed 2015 prices" or "2015 prices, regulated each January …".
pub fn prices_line(model: &Model) -> String {
    let p = &model.prices;
    let year = p
        .year
        .map_or("the scenario's".to_string(), |y| y.to_string());
    if p.fixed() {
        return format!("fixed {year} prices: amounts are not regulated over the horizon");
    }
    let mut rates: Vec<String> = p
        .by_year
        .iter()
        .map(|(y, r)| format!("{y}: {:.1} %", 100.0 * r))
        .collect();
    if let Some(r) = p.rate {
        rates.push(format!("other years: {:.1} %", 100.0 * r));
    }
    format!(
        "{year} prices, every amount regulated each January ({})",
        rates.join(", ")
    )
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
    let r = &model.refusion;
    if let Some(from) = r.in_force {
        let flat: Vec<String> = model
            .states
            .iter()
            .filter_map(|s| {
                s.refusion_before
                    .map(|x| format!("{} {:.0} %", s.id, 100.0 * x))
            })
            .collect();
        let _ = writeln!(
            out,
            "Before {}-{:02}: activity-based refusion, {:.0} % in passive periods and {:.0} % in company-based offers{}",
            from.year,
            from.month,
            100.0 * r.before.passive,
            100.0 * r.before.active,
            if flat.is_empty() {
                String::new()
            } else {
                format!("; flat: {}", flat.join(", "))
            }
        );
    }
    if let Some(from) = r.count_from {
        let _ = writeln!(
            out,
            "Time on benefits counts on the refusion clock from {}-{:02}",
            from.year, from.month
        );
    }
    let _ = writeln!(out, "Prices: {}", prices_line(model));
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
    for (s, d) in model
        .duration
        .iter()
        .enumerate()
        .filter(|(_, d)| d.starts.len() > 1)
    {
        let starts: Vec<String> = d.starts.iter().map(|m| m.to_string()).collect();
        let mut line = format!(
            "Duration in {}: bands from months {}",
            model.states[s].id,
            starts.join(", ")
        );
        for (j, to) in model.states.iter().enumerate() {
            let m: Vec<String> = d.multipliers.iter().map(|b| b[j].to_string()).collect();
            if d.multipliers.iter().any(|b| b[j] != 1.0) {
                line.push_str(&format!("; hazard to {} × {}", to.id, m.join(" / ")));
            }
        }
        let _ = writeln!(out, "{line}");
    }
    describe_segments(out, model);
    let cal = &model.calendar;
    for (j, to) in model.states.iter().enumerate() {
        let mut parts: Vec<String> = cal
            .years
            .iter()
            .filter(|(_, m)| m[j] != 1.0)
            .map(|(y, m)| format!("{y} × {}", m[j]))
            .collect();
        let months = cal.months.iter().enumerate().filter(|(_, m)| m[j] != 1.0);
        parts.extend(months.map(|(i, m)| format!("month {} × {}", i + 1, m[j])));
        if !parts.is_empty() {
            let _ = writeln!(out, "Calendar: hazard to {}: {}", to.id, parts.join(", "));
        }
    }
    if let Some(s) = model.start {
        let _ = writeln!(out, "Month 1 is {}-{:02}", s.year, s.month);
    }
    if let Some(c) = &model.case {
        let basis = match c.basis {
            crate::model::Basis::Net => "net of what would have happened anyway",
            crate::model::Basis::Gross => "gross: every citizen who left counted as saved",
        };
        let _ = writeln!(
            out,
            "Published case (arm `{}`): \"{}\" {:.2} mio. kr., months {}–{}, {basis}; `run` shows the bridge from it",
            c.arm,
            c.figure,
            c.published / 1e6,
            c.from,
            c.to
        );
    }
}

/// The cohort file, then one line per segment: its share of the starting cohort and what is
/// its own.
fn describe_segments(out: &mut String, model: &Model) {
    if let Some(f) = &model.cohort_file {
        let _ = writeln!(
            out,
            "Cohort file {}: {} rows, {} citizens",
            f.path, f.rows, model.cohort_size
        );
        if !f.extra_columns.is_empty() {
            let _ = writeln!(
                out,
                "  columns not used (ignored): {}",
                f.extra_columns.join(", ")
            );
        }
    }
    for (g, seg) in model.segments.iter().enumerate() {
        let start = model.segment_size(g);
        let mut line = format!(
            "Segment {} ({}): {start} citizens at month 1",
            seg.id, seg.label
        );
        let own: Vec<&str> = (0..model.states.len())
            .filter(|&s| seg.rows[s].is_some())
            .map(|s| model.states[s].id.as_str())
            .collect();
        if !own.is_empty() {
            line.push_str(&format!("; own transitions from {}", own.join(", ")));
        }
        for (j, to) in model
            .states
            .iter()
            .enumerate()
            .filter(|(j, _)| seg.hazard[*j] != 1.0)
        {
            line.push_str(&format!("; hazard to {} × {}", to.id, seg.hazard[j]));
        }
        if seg.elasticity.is_some() {
            // Unlike its transition rows, which merge key by key, a segment's elasticity table
            // replaces the scenario's whole.
            line.push_str(
                "; own caseload elasticities (replacing the scenario's whole table: a destination it leaves out has none)",
            );
        }
        let served: Vec<&str> = model
            .interventions
            .iter()
            .filter(|iv| !iv.segments.is_empty() && iv.serves_segment(g))
            .map(|iv| iv.id.as_str())
            .collect();
        if !served.is_empty() {
            line.push_str(&format!(
                "; segment-limited interventions serving it: {}",
                served.join(", ")
            ));
        }
        let _ = writeln!(out, "{line}");
    }
}
