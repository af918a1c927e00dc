//! The terminal's table of what a result rests on: no effect, the research's, the scenario's.

use std::fmt::Write;

use super::{mio, percent};
use crate::effects::{Effect, EffectRow};
use crate::model::Model;
use crate::threshold::{
    CHANCE_GRID, Chance, Crossing, MAX_ELASTICITY, MAX_RATIO, RatioThreshold, Threshold,
};

/// The elasticities at the research's centre, e.g. `job 0.1`.
fn evidence_words(model: &Model) -> Option<String> {
    let e = model.caseload.evidence.as_ref()?;
    let parts: Vec<String> = e
        .iter()
        .zip(&model.states)
        .filter(|(x, _)| **x != 0.0)
        .map(|(x, s)| format!("{} {x}", s.id))
        .collect();
    Some(if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    })
}

/// Each arm's mean saving and P(gain) under no effect, the evidence and the assumption.
pub fn effects_table(model: &Model, rows: &[EffectRow]) -> String {
    let mut out = format!(
        "What the saving rests on — mean total saving for the {} (mio. kr., discounted) and P(gain):\n",
        model.headline.label(false)
    );
    let _ = writeln!(
        out,
        "{:<14} {:>22} {:>32} {:>26}",
        "arm", "no effect at all", "caseload effect as researched", "as this scenario assumes"
    );
    let cell = |a: usize, e: Effect| {
        rows.iter()
            .find(|r| r.arm == a && r.effect == e)
            .map_or("-".to_string(), |r| {
                format!("{} ({})", mio(r.savings.mean), percent(r.p_gain))
            })
    };
    for a in 1..model.arms.len() {
        let _ = writeln!(
            out,
            "{:<14} {:>22} {:>32} {:>26}",
            model.arms[a].name,
            cell(a, Effect::None),
            cell(a, Effect::Evidence),
            cell(a, Effect::Assumed)
        );
    }
    out.push_str("No effect: every caseload elasticity 0 and every intervention's ratio 1, so the arms differ in cost only. ");
    let alike = match model.segments.is_empty() {
        true => "",
        false => ", the same for every segment",
    };
    match evidence_words(model) {
        Some(e) => {
            let _ = writeln!(
                out,
                "As researched: caseload elasticities at the centre of the evidence ({e}; docs/evidence.md){alike}, interventions' effects as assumed."
            );
        }
        None => out.push_str(
            "The scenario states no `[caseload] evidence`, so the research's centre is not shown.\n",
        ),
    }
    out
}

/// The break-even effect of each arm, and the sentence a byråd can read.
pub fn threshold_table(model: &Model, rows: &[Threshold]) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let mut out = format!(
        "The effect it would take to pay — the job elasticity at which the expected saving for the {} is zero ({}; every other number at the scenario's value or mean):\n",
        model.headline.label(false),
        if first.exact {
            "the exact expectation"
        } else {
            "the expectation by mean field, an approximation for this scenario: see `kohort expect`"
        }
    );
    for t in rows {
        let arm = &model.arms[t.arm].name;
        let evidence = t.at_evidence.map_or(String::new(), |(e, _)| {
            format!(
                "; the research finds about {} ({e})",
                pct1(Threshold::halving_rise(e))
            )
        });
        let chance = t.p_at_least.map_or(String::new(), |p| {
            let p = if p < 0.0005 {
                "under 0.1 %".to_string()
            } else {
                percent(p)
            };
            format!(
                "; under the scenario's distribution of the effect, the chance of one that large is {p}"
            )
        });
        let _ = match t.crossing {
            Crossing::At {
                elasticity,
                pays_above: true,
            } => writeln!(
                out,
                "`{arm}` pays if halving the caseload raises the job exit rate by at least {} (job elasticity ≥ {elasticity:.3}){evidence}{chance}.",
                pct1(Threshold::halving_rise(elasticity))
            ),
            Crossing::At {
                elasticity,
                pays_above: false,
            } => writeln!(
                out,
                "`{arm}` pays only if halving the caseload raises the job exit rate by at most {} (job elasticity ≤ {elasticity:.3}){evidence}{chance}.",
                pct1(Threshold::halving_rise(elasticity))
            ),
            Crossing::Always => writeln!(
                out,
                "`{arm}` saves at every job elasticity from 0 to {MAX_ELASTICITY}, even with no effect ({} mio. kr.).",
                mio(t.at_zero)
            ),
            Crossing::Never => writeln!(
                out,
                "`{arm}` saves at no job elasticity from 0 to {MAX_ELASTICITY} (halving the caseload would have to raise the job exit rate by more than {}){evidence}.",
                pct1(Threshold::halving_rise(MAX_ELASTICITY))
            ),
        };
    }
    out
}

/// A share as a percentage with one decimal: `7.2 %`.
fn pct1(x: f64) -> String {
    format!("{:.1} %", 100.0 * x)
}

/// Where each arm's chance of a gain reaches 50 % and 80 % as the job elasticity grows.
pub fn chance_table(model: &Model, rows: &[Chance]) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let se = 50.0 / (first.trials as f64).sqrt();
    let mut out = format!(
        "The effect it would take for a likely gain — the job elasticity at which P(gain) reaches 50 % and 80 % (Monte Carlo: {} trials at each of {} elasticities, the other uncertain numbers drawn as in the run; ±{se:.1} percentage points):\n",
        first.trials,
        CHANCE_GRID.len()
    );
    for c in rows {
        let parts: Vec<String> = c
            .levels
            .iter()
            .map(|l| {
                let level = percent(l.level);
                let chance = l.p_at_least.map_or(String::new(), |p| {
                    let p = if p < 0.0005 { "under 0.1 %".to_string() } else { percent(p) };
                    format!(", chance of an effect that large {p}")
                });
                match l.crossing {
                    Crossing::At { elasticity, pays_above } => format!(
                        "{level} at a job elasticity {} {elasticity:.2} (halving the caseload raises job exits by {}{chance})",
                        if pays_above { "≥" } else { "≤" },
                        pct1(Threshold::halving_rise(elasticity))
                    ),
                    Crossing::Always => format!("{level} at every elasticity from 0 to {MAX_ELASTICITY}"),
                    Crossing::Never => format!("{level} at no elasticity from 0 to {MAX_ELASTICITY}"),
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "`{}`: P(gain) reaches {}.",
            model.arms[c.arm].name,
            parts.join("; ")
        );
    }
    out
}

/// The break-even hazard ratio of each arm whose effect is its offers'.
pub fn ratio_table(model: &Model, rows: &[RatioThreshold]) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let mut out = format!(
        "The effect it would take for the offers to pay — the hazard ratio on exits to a job at which the expected saving for the {} is zero ({}):\n",
        model.headline.label(false),
        if first.exact {
            "the exact expectation"
        } else {
            "the expectation, an approximation for this scenario: see `kohort expect`"
        }
    );
    for r in rows {
        let arm = &model.arms[r.arm].name;
        let assumed = format!("the scenario assumes {:.2}", r.assumed);
        let chance = r.p_at_least.map_or(String::new(), |p| {
            format!("; the chance of an effect that large is {}", percent(p))
        });
        let _ = match r.crossing {
            Crossing::At {
                elasticity: h,
                pays_above: true,
            } => writeln!(
                out,
                "`{arm}` pays if its offers multiply the exit rate to jobs by at least {h:.2} ({assumed}{chance})."
            ),
            Crossing::At {
                elasticity: h,
                pays_above: false,
            } => writeln!(
                out,
                "`{arm}` pays only if its offers multiply the exit rate to jobs by at most {h:.2} ({assumed}{chance})."
            ),
            Crossing::Always => writeln!(
                out,
                "`{arm}` saves at every hazard ratio from 1 to {MAX_RATIO}, even if the offers did nothing for jobs ({} mio. kr.).",
                mio(r.at_one)
            ),
            Crossing::Never => writeln!(
                out,
                "`{arm}` saves at no hazard ratio from 1 to {MAX_RATIO} ({assumed})."
            ),
        };
    }
    out
}
