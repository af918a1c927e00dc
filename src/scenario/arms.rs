//! Checking `[arms.<name>]`: the staffing rule from month 1, later steps and the phase-in of
//! their effect. (Which interventions an arm runs is checked with the interventions, in
//! [`super::flows`].)

use std::ops::Range;

use toml::Spanned;

use super::checks::{positive_int, staffing as staff_value};
use super::raw::{RawArm, RawScenario, RawStep};
use crate::error::Result;
use crate::model::{Arm, Staffing, Step};
use crate::source::Source;

/// The arms, the baseline first; `months` is the horizon (steps must start inside it).
pub fn arms(src: &Source, raw: &RawScenario, months: u32) -> Result<Vec<Arm>> {
    let baseline = raw
        .baseline
        .as_ref()
        .map_or("baseline", |b| b.get_ref().as_str());
    let table = raw.arms.get_ref();
    if !table.contains_key(baseline) {
        let span = raw.baseline.as_ref().map_or(raw.arms.span(), |b| b.span());
        return Err(src.error(
            span,
            format!("no arm named `{baseline}` to serve as the baseline"),
        ));
    }
    let mut arms = Vec::with_capacity(table.len());
    for (name, arm) in table {
        super::checks::id(src, name, "arm")?;
        let is_baseline = name.get_ref() == baseline;
        let r = arm.get_ref();
        let rule = staffing(src, (&r.caseload, &r.caseworkers), arm.span())?;
        let built = Arm {
            name: name.get_ref().clone(),
            label: r.label.clone().unwrap_or_else(|| name.get_ref().clone()),
            staffing: rule.expect("an arm's own rule is never the baseline's"),
            steps: steps(src, arm, months, is_baseline)?,
            phase_in: match &r.phase_in {
                Some(p) if *p.get_ref() == 0 => 0,
                Some(p) => positive_int(src, p, "phase_in", months as i64)? as u32,
                None => 0,
            },
            interventions: Vec::new(),
        };
        if is_baseline {
            arms.insert(0, built);
        } else {
            arms.push(built);
        }
    }
    Ok(arms)
}

/// A rule from `(caseload, caseworkers)`: exactly one of them.
fn staffing(
    src: &Source,
    (caseload, caseworkers): (&Option<Spanned<f64>>, &Option<Spanned<f64>>),
    span: Range<usize>,
) -> Result<Option<Staffing>> {
    match (caseload, caseworkers) {
        (Some(l), None) => Ok(Some(Staffing::Caseload(staff_value(src, l, "caseload")?))),
        (None, Some(w)) => Ok(Some(Staffing::Caseworkers(staff_value(
            src,
            w,
            "caseworkers",
        )?))),
        _ => Err(src.error(
            span,
            "an arm needs exactly one of `caseload` or `caseworkers`",
        )),
    }
}

/// `steps = [{ from = M, caseload = L | caseworkers = W | baseline = true }, …]`, by
/// increasing month after 1.
fn steps(src: &Source, arm: &Spanned<RawArm>, months: u32, is_baseline: bool) -> Result<Vec<Step>> {
    let mut out: Vec<Step> = Vec::new();
    for raw in &arm.get_ref().steps {
        let RawStep {
            from,
            caseload,
            caseworkers,
            baseline,
        } = raw.get_ref();
        let month = positive_int(src, from, "from", months as i64)? as u32;
        if month < 2 || out.last().is_some_and(|s| s.from >= month) {
            return Err(src.error(
                from.span(),
                "steps start after month 1 (the arm's own rule) and in increasing months",
            ));
        }
        let rule = match (*baseline, caseload.is_some() || caseworkers.is_some()) {
            (true, false) if is_baseline => {
                return Err(src.error(raw.span(), "the baseline cannot return to itself"));
            }
            (true, false) => None,
            (false, _) => staffing(src, (caseload, caseworkers), raw.span())?,
            (true, true) => {
                return Err(src.error(
                    raw.span(),
                    "a step has one of `caseload`, `caseworkers` or `baseline = true`",
                ));
            }
        };
        out.push(Step { from: month, rule });
    }
    Ok(out)
}
