//! Checking a [`RawScenario`] and compiling it into a [`Model`].
//!
//! Each check returns the first problem as a located [`Error`]; the order follows the file's
//! order so that fixing errors top to bottom works.

use indexmap::IndexMap;
use toml::Spanned;

use super::checks::{
    amount, fraction, positive_int, prior, staffing, state_index, within, year_month,
};
use super::flows;
use super::raw::{Key, RawScenario, RawState};
use super::{arms, economy};
use crate::error::Result;
use crate::model::{
    CaseloadEffect, MAX_ELASTICITY, MAX_STATES, Model, Prior, State, VALID_CASELOAD,
};
use crate::refusion::Trappe;
use crate::source::Source;

/// Check `raw` (read from `src`) and build the model.
pub fn validate(raw: RawScenario, src: &Source) -> Result<Model> {
    let months = positive_int(src, &raw.months, "months", 12_000)? as u32;
    let trials = match &raw.trials {
        Some(t) => positive_int(src, t, "trials", 10_000_000)? as u32,
        None => 1000,
    };
    let seed = match &raw.seed {
        Some(s) if *s.get_ref() < 0 => return Err(src.error(s.span(), "seed must be ≥ 0")),
        Some(s) => *s.get_ref() as u64,
        None => 1,
    };
    let states = states(src, &raw.states)?;
    let index = |key: &Key, what: &str| state_index(src, &states, key, what);
    let cohort = raw.cohort.get_ref();
    let mut transitions = vec![vec![0.0; states.len()]; states.len()];
    for (from, row) in &raw.transitions {
        let i = index(from, "transition source")?;
        for (to, p) in row {
            let j = index(to, "transition destination")?;
            if i == j {
                return Err(src.error(
                    to.span(),
                    "a state cannot move to itself; staying is the rest of the row",
                ));
            }
            transitions[i][j] = fraction(src, p, "probability", false)?;
        }
        let sum: f64 = transitions[i].iter().sum();
        if sum >= 1.0 {
            return Err(src.error(
                from.span(),
                format!(
                    "exit probabilities sum to {}, must be < 1",
                    (sum * 1e9).round() / 1e9
                ),
            ));
        }
    }
    let economics = economy::economics(src, &raw)?;
    let headline = economy::headline(src, &raw)?;
    let cl = raw.caseload.get_ref();
    let reference = staffing(src, &cl.reference, "caseload reference")?;
    let mut elasticity = vec![0.0; states.len()];
    for (to, e) in &cl.elasticity {
        elasticity[index(to, "elasticity destination")?] =
            within(src, e, "elasticity", (-MAX_ELASTICITY, MAX_ELASTICITY))?;
    }
    let evidence = match &cl.evidence {
        None => None,
        Some(table) => {
            let mut v = vec![0.0; states.len()];
            for (to, e) in table {
                v[index(to, "evidence destination")?] = within(
                    src,
                    e,
                    "evidence elasticity",
                    (-MAX_ELASTICITY, MAX_ELASTICITY),
                )?;
            }
            Some(v)
        }
    };
    let move_costs = flows::move_costs(src, &raw, &states)?;
    let from_file = super::cohort::from_file(src, &raw.cohort)?;
    let mut segments = super::segments::segments(src, &raw, (&states, &transitions), from_file)?;
    let start_cohort = super::cohort::cohort(src, &raw.cohort, &states, &mut segments)?;
    let mut inflow = raw
        .inflow
        .as_ref()
        .map(|f| flows::inflow(src, f, &states))
        .transpose()?;
    if let (Some(f), Some(raw_f)) = (inflow.as_mut(), raw.inflow.as_ref()) {
        let shares = raw_f.get_ref().segments.as_ref();
        f.segments = super::segments::inflow_shares(src, shares, &segments)?;
    }
    let mut interventions = flows::interventions(src, &raw, &states, months)?;
    super::segments::served(src, &raw, &segments, &mut interventions)?;
    flows::relative_risks(src, &raw, &interventions, &transitions)?;
    let duration = super::duration::duration(src, &raw, &states, &transitions)?;
    let valid = match &cl.valid {
        None => VALID_CASELOAD,
        Some(v) => {
            let (lo, hi) = *v.get_ref();
            if !(lo > 0.0 && lo < hi && hi.is_finite()) {
                return Err(src.error(
                    v.span(),
                    format!(
                        "valid must be [low, high] caseloads with 0 < low < high, got [{lo}, {hi}]"
                    ),
                ));
            }
            (lo, hi)
        }
    };
    let mut arms = arms::arms(src, &raw, months)?;
    flows::arm_interventions(src, &raw, &interventions, &mut arms)?;
    let prior = match &cohort.prior_months {
        Some(p) => prior(src, p)?,
        None => Prior::Fixed(0),
    };
    let start = raw
        .start
        .as_ref()
        .map(|s| year_month(src, s, "start"))
        .transpose()?;
    let refusion = match &raw.refusion {
        Some(r) => economy::trappe(src, r, start)?,
        None => Trappe::default(),
    };
    let prices = economy::prices(src, &raw.prices, start)?;
    let calendar = super::seasons::calendar(src, &raw, &states, start)?;
    let case = raw
        .case
        .as_ref()
        .map(|c| super::case::case(src, c, (&states, &arms, months, start_cohort.size)))
        .transpose()?;
    Ok(Model {
        case,
        prior,
        refusion,
        start,
        move_costs,
        inflow,
        interventions,
        name: raw.name.unwrap_or_else(|| src.file().to_string()),
        months,
        trials,
        seed,
        cohort: start_cohort.groups,
        cohort_file: start_cohort.file,
        calendar,
        initial_counts: start_cohort.counts,
        states,
        cohort_size: start_cohort.size,
        transitions,
        duration,
        segments,
        economics,
        caseload: CaseloadEffect {
            reference,
            elasticity,
            valid,
            evidence,
        },
        arms,
        headline,
        prices,
    })
}

fn states(src: &Source, raw: &Spanned<IndexMap<Key, RawState>>) -> Result<Vec<State>> {
    if raw.get_ref().is_empty() {
        return Err(src.error(raw.span(), "at least one state is needed"));
    }
    if raw.get_ref().len() > MAX_STATES {
        return Err(src.error(
            raw.span(),
            format!("at most {MAX_STATES} states are supported"),
        ));
    }
    raw.get_ref()
        .iter()
        .map(|(key, s)| {
            let id = key.get_ref();
            super::checks::id(src, key, "state")?;
            if let Some(income) = &s.income {
                return Err(src.error(
                    income.span(),
                    "`income` is now `wage` (gross wage, kr. per month): tax is computed from [tax] on wages and on taxable benefits",
                ));
            }
            if s.refusion && s.self_support {
                return Err(src.error(
                    key.span(),
                    format!("state `{id}` cannot have both `refusion = true` and `self_support = true`: a month on a benefit covered by the refusion is not a month of self-support (§ 6)"),
                ));
            }
            Ok(State {
                id: id.clone(),
                label: s.label.clone().unwrap_or_else(|| id.clone()),
                benefit: amount(src, s.benefit.as_ref(), "benefit")?,
                benefit_taxable: s.benefit_taxable.unwrap_or(true),
                wage: amount(src, s.wage.as_ref(), "wage")?,
                state_benefit: amount(src, s.state_benefit.as_ref(), "state_benefit")?,
                case: s.case,
                refusion: s.refusion,
                self_support: s.self_support,
                refusion_before: s
                    .refusion_before
                    .as_ref()
                    .map(|r| fraction(src, r, "refusion_before", true))
                    .transpose()?,
            })
        })
        .collect()
}
