//! Running the bridge: the headline run and, on the same citizens and draws, the run at the
//! implied effect, reduced trial by trial to the values V₁ … V₁₀ (see [`super`]).

use super::implied::{self, job_state};
use super::{Bridge, Effect, at_implied, at_own, bands, case_arm, is_gross};
use crate::economics::Ledger;
use crate::error::Result;
use crate::expect::arm_moves;
use crate::model::{Case, Model};
use crate::progress::Progress;
use crate::psa;
use crate::uncertainty::Uncertainty;

/// The bridge of `model`'s case (none without `[case]`), over `trials` trials from `seed` —
/// the headline run's trials and draws, so its last value is the headline — `chunk` trials at
/// a time.
pub fn bridge(
    model: &Model,
    params: &Uncertainty,
    (trials, seed): (u32, u64),
    progress: &dyn Progress,
    chunk: u32,
) -> Result<Option<Bridge>> {
    let Some(case) = &model.case else {
        return Ok(None);
    };
    let arm = case_arm(model, case);
    let effect = effect(model, params, case, arm);
    let at = match &effect {
        Effect::Found(i) => Some((i.lever.clone(), i.simulated_at())),
        _ => None,
    };
    let to = job_state(model).unwrap_or(0);
    let frozen = match is_gross(case) {
        true => Some(frozen_occupancy(model)?),
        false => None,
    };
    let benefits: Vec<f64> = model.states.iter().map(|s| s.benefit).collect();
    let arithmetic = case.arithmetic(&benefits, &|m| model.price_index(m));
    let p = model.headline;
    let adjust = |_: usize, m: &mut Model| {
        if let Some((lever, x)) = &at {
            lever.apply(m, to, *x);
        }
    };
    let reduce = |vm: &Model, rec: &crate::engine::Results| {
        let ledger = Ledger::new(vm);
        let f = frozen
            .as_ref()
            .map(|(occ, fields)| frozen_benefit(case, occ, *fields, &ledger));
        at_implied(case, arm, (rec, 0, &ledger), f, p)
    };
    let mut values = Vec::with_capacity(trials as usize);
    let take = |run: psa::Run, answers: Vec<Vec<[f64; 6]>>| {
        for (i, a) in answers.iter().enumerate() {
            let own = at_own(case, arm, (&run.results, i, run.ledgers.get(i)), p);
            let v = &a[0];
            values.push([
                arithmetic, v[0], v[1], v[2], v[3], v[4], v[5], own[0], own[1], own[2],
            ]);
        }
    };
    let at = (trials, seed, chunk);
    psa::each_chunk(model, params, at, progress, (1, &adjust), &reduce, take);
    let (steps, headline) = bands(&values);
    Ok(Some(Bridge {
        arm,
        case: case.clone(),
        arithmetic,
        effect,
        steps,
        headline,
    }))
}

/// The implied effect of `case`, or why there is none.
fn effect(model: &Model, params: &Uncertainty, case: &Case, arm: usize) -> Effect {
    let Some(o) = &case.outcome else {
        return Effect::NoOutcome;
    };
    if job_state(model).is_some_and(|to| implied::Lever::of(model, arm, to).is_none()) {
        return Effect::NotComputed(
            "the arm changes neither the caseload nor an offer acting on jobs".into(),
        );
    }
    match implied::implied(model, params, arm, o) {
        Ok(Some(i)) => Effect::Found(i),
        Ok(None) => Effect::NoOutcome,
        Err(e) => Effect::NotComputed(e.to_string()),
    }
}

/// The expected records of the baseline if nobody moved (the gross counterfactual: the
/// starting cohort and the arrivals stay where they start), `[month][field]`, and the number
/// of fields of a month.
fn frozen_occupancy(model: &Model) -> Result<(Vec<f64>, usize)> {
    let mut m = model.clone();
    for row in &mut m.transitions {
        row.iter_mut().for_each(|p| *p = 0.0);
    }
    let zeros = vec![0.0; m.states.len()];
    for seg in &mut m.segments {
        seg.rows.iter_mut().for_each(|r| *r = Some(zeros.clone()));
    }
    m.interventions.clear();
    m.arms.truncate(1);
    m.arms[0].interventions.clear();
    let fields = crate::engine::shape(&m, 1).fields();
    Ok((arm_moves(&m, 0)?.records, fields))
}

/// Σ over the case's months of the benefits the frozen records `occ` cost, kr. (the trial's
/// `ledger`: its benefits and prices).
fn frozen_benefit(case: &Case, occ: &[f64], fields: usize, ledger: &Ledger) -> f64 {
    case.window()
        .map(|m| {
            let rec = &occ[m * fields..m * fields + ledger.states.len()];
            let b: f64 = rec
                .iter()
                .zip(&ledger.states)
                .map(|(n, s)| n * s.benefit)
                .sum();
            ledger.index[m] * b
        })
        .sum()
}
