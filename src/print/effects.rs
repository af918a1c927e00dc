//! The terminal's table of what a result rests on: no effect, the research's, the scenario's.

use std::fmt::Write;

use super::{mio, percent};
use crate::effects::{Effect, EffectRow};
use crate::model::Model;

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
