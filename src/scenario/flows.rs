//! Checking the parts of a scenario that move citizens and money beyond the transition matrix:
//! inflow, one-off move costs and interventions.

use toml::Spanned;

use super::checks::{amount, finite, positive_int, prior, shares, state_index, within};
use super::raw::{RawInflow, RawIntervention, RawScenario};
use crate::error::Result;
use crate::model::{Arm, Arrivals, Inflow, Intervention, MAX_KR, Prior, State};
use crate::source::Source;

/// The most interventions a scenario may define (a citizen's record keeps one bit each).
pub const MAX_INTERVENTIONS: usize = 32;
/// The longest fade of an intervention's effect, months.
pub const MAX_DECAY: i64 = 120;

/// `[move_costs.<from>] <to> = kr.`: any finite amount; negative is a gain.
pub fn move_costs(src: &Source, raw: &RawScenario, states: &[State]) -> Result<Vec<Vec<f64>>> {
    let mut costs = vec![vec![0.0; states.len()]; states.len()];
    for (from, row) in &raw.move_costs {
        let i = state_index(src, states, from, "move cost source")?;
        for (to, kr) in row {
            let j = state_index(src, states, to, "move cost destination")?;
            costs[i][j] = within(src, kr, "move cost", (-MAX_KR, MAX_KR))?;
        }
    }
    Ok(costs)
}

/// `[inflow]`: exactly one of `mean` and `counts`.
pub fn inflow(src: &Source, raw: &Spanned<RawInflow>, states: &[State]) -> Result<Inflow> {
    let f = raw.get_ref();
    let arrivals = match (&f.mean, &f.counts) {
        (Some(mean), None) => {
            let m = finite(src, mean, "inflow mean")?;
            if !(0.0..=1e6).contains(&m) {
                return Err(src.error(
                    mean.span(),
                    format!("inflow mean must be in [0, 1e6], got {m}"),
                ));
            }
            Arrivals::Poisson(m)
        }
        (None, Some(counts)) => {
            let c = counts.get_ref();
            if c.is_empty() || c.iter().any(|&n| !(0..=1_000_000).contains(&n)) {
                return Err(src.error(
                    counts.span(),
                    "inflow counts must be a non-empty list of whole numbers ≥ 0",
                ));
            }
            Arrivals::Counts(c.iter().map(|&n| n as u32).collect())
        }
        _ => {
            return Err(src.error(
                raw.span(),
                "[inflow] needs exactly one of `mean` or `counts`",
            ));
        }
    };
    Ok(Inflow {
        segments: Vec::new(),
        arrivals,
        initial: shares(src, &f.initial, states)?,
        prior: f
            .prior_months
            .as_ref()
            .map_or(Ok(Prior::Fixed(0)), |p| prior(src, p))?,
    })
}

/// `[interventions.<id>]`, in file order.
pub fn interventions(
    src: &Source,
    raw: &RawScenario,
    states: &[State],
    months: u32,
) -> Result<Vec<Intervention>> {
    if raw.interventions.len() > MAX_INTERVENTIONS {
        let (key, _) = raw
            .interventions
            .get_index(MAX_INTERVENTIONS)
            .expect("over the limit");
        return Err(src.error(
            key.span(),
            format!("at most {MAX_INTERVENTIONS} interventions"),
        ));
    }
    raw.interventions
        .iter()
        .map(|(id, iv)| {
            super::checks::id(src, id, "intervention")?;
            intervention(src, id.get_ref(), iv, states, months)
        })
        .collect()
}

fn intervention(
    src: &Source,
    id: &str,
    raw: &Spanned<RawIntervention>,
    states: &[State],
    months: u32,
) -> Result<Intervention> {
    let iv = raw.get_ref();
    let int = |v: &Option<Spanned<i64>>, what, max, default: u32| {
        v.as_ref().map_or(Ok(default), |v| {
            positive_int(src, v, what, max).map(|x| x as u32)
        })
    };
    let mut serves = vec![false; states.len()];
    for key in iv.serves.get_ref() {
        serves[state_index(src, states, key, "served state")?] = true;
    }
    if !serves.contains(&true) {
        return Err(src.error(
            iv.serves.span(),
            "an intervention must serve at least one state",
        ));
    }
    let mut effects = vec![1.0; states.len()];
    for (to, hr) in &iv.effects {
        let x = within(src, hr, "hazard ratio", (0.0, 1000.0))?;
        effects[state_index(src, states, to, "effect destination")?] = x;
    }
    let from = int(&iv.from, "from", months as i64, 1)?;
    let to = int(&iv.to, "to", months as i64, months)?;
    if to < from {
        return Err(src.error(
            raw.span(),
            format!("intervention `{id}` ends (month {to}) before it starts (month {from})"),
        ));
    }
    let decay = match &iv.decay_months {
        Some(d) if *d.get_ref() == 0 => 0,
        d => int(d, "decay_months", MAX_DECAY, 0)?,
    };
    Ok(Intervention {
        id: id.to_string(),
        label: iv.label.clone().unwrap_or_else(|| id.to_string()),
        serves,
        segments: Vec::new(),
        from,
        to,
        capacity: int(&iv.capacity, "capacity", u32::MAX as i64, u32::MAX)?,
        cost_per_month: amount(src, iv.cost_per_month.as_ref(), "cost_per_month")?,
        cost_at_entry: amount(src, iv.cost_at_entry.as_ref(), "cost_at_entry")?,
        max_months: int(&iv.max_months, "max_months", u16::MAX as i64, u32::MAX)?,
        effects,
        decay_months: decay,
        company_based: iv.company_based,
        on_probability: match &iv.effect_scale {
            None => false,
            Some(s) if s.get_ref() == "hazard" => false,
            Some(s) if s.get_ref() == "probability" => true,
            Some(s) => {
                return Err(src.error(
                    s.span(),
                    format!(
                        "effect_scale must be \"hazard\" or \"probability\", got \"{}\"",
                        s.get_ref()
                    ),
                ));
            }
        },
    })
}

/// Relative risks on probabilities must leave every served row below 1 at the reference
/// caseload (the engine caps a row the caseload effect pushes further).
pub fn relative_risks(
    src: &Source,
    raw: &RawScenario,
    ivs: &[Intervention],
    transitions: &[Vec<f64>],
) -> Result<()> {
    for ((_, rawiv), iv) in raw.interventions.iter().zip(ivs) {
        if !iv.on_probability {
            continue;
        }
        for (s, row) in transitions
            .iter()
            .enumerate()
            .filter(|(s, _)| iv.serves[*s])
        {
            let total: f64 = row.iter().zip(&iv.effects).map(|(p, rr)| p * rr).sum();
            if total >= 1.0 {
                let id = raw
                    .states
                    .get_ref()
                    .get_index(s)
                    .map_or(String::new(), |(k, _)| k.get_ref().clone());
                return Err(src.error(
                    rawiv.span(),
                    format!(
                        "with effect_scale = \"probability\" these relative risks make the exits of `{id}` sum to {total:.3} ≥ 1; lower them or use the hazard scale"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Each arm's `interventions = [...]`, by index; unknown or repeated ids are errors.
pub fn arm_interventions(
    src: &Source,
    raw: &RawScenario,
    ivs: &[Intervention],
    arms: &mut [Arm],
) -> Result<()> {
    let slots: usize = 1 + ivs
        .iter()
        .map(|iv| 1 + iv.decay_months as usize)
        .sum::<usize>();
    if slots > u8::MAX as usize {
        return Err(src.error(
            raw.arms.span(),
            "interventions' decay_months add up to too many effect levels (at most 254)",
        ));
    }
    for (name, arm) in raw.arms.get_ref() {
        let target = arms
            .iter_mut()
            .find(|a| a.name == *name.get_ref())
            .expect("arms come from this table");
        for key in &arm.get_ref().interventions {
            let Some(i) = ivs.iter().position(|iv| iv.id == *key.get_ref()) else {
                return Err(src.error(key.span(), format!("no intervention `{}`", key.get_ref())));
            };
            if target.interventions.contains(&i) {
                return Err(src.error(
                    key.span(),
                    format!("intervention `{}` listed twice", key.get_ref()),
                ));
            }
            target.interventions.push(i);
        }
    }
    Ok(())
}
