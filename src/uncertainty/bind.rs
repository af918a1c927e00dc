//! Which model number a distribution drives, the range that number must stay in, and how a
//! drawn value is put into a model.

use super::spec::Spec;
use crate::error::Result;
use crate::model::{Arrivals, Model, Staffing};
use crate::source::Source;

/// A place in the model a parameter sets.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// `transitions.<from>.<to>`.
    Transition(usize, usize),
    /// `transitions.<from>` as a Dirichlet row: destinations in `counts` order.
    Row(usize, Vec<usize>),
    /// `states.<s>.benefit`.
    Benefit(usize),
    /// `states.<s>.income`.
    Income(usize),
    /// `caseload.elasticity.<to>`.
    Elasticity(usize),
    /// `caseload.reference`.
    Reference,
    /// `economics.<key>`.
    Economics(&'static str),
    /// `interventions.<id>.effects.<to>`.
    Effect(usize, usize),
    /// `interventions.<id>.cost_per_month` (false) or `.cost_at_entry` (true).
    InterventionCost(usize, bool),
    /// `move_costs.<from>.<to>`.
    MoveCost(usize, usize),
    /// `inflow.mean`.
    InflowMean,
    /// `arms.<name>.caseload` or `.caseworkers`.
    Staffing(usize),
}

/// Allowed values: `lo ≤ x`, and `x < hi` (or `x ≤ hi` when `closed`).
struct Range {
    lo: f64,
    hi: f64,
    closed: bool,
}

const ANY: Range = Range {
    lo: f64::NEG_INFINITY,
    hi: f64::INFINITY,
    closed: true,
};
const NON_NEGATIVE: Range = Range {
    lo: 0.0,
    hi: f64::INFINITY,
    closed: true,
};
const SHARE: Range = Range {
    lo: 0.0,
    hi: 1.0,
    closed: false,
};

/// Whether a distribution may stand at `path` (a row when `row`), before the model exists.
pub fn supported(path: &[String], row: bool) -> bool {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    matches!(
        (p.as_slice(), row),
        (["transitions", _], true)
            | (["transitions", _, _], false)
            | (["states", _, "benefit" | "income"], false)
            | (
                ["caseload", "elasticity", _] | ["caseload", "reference"],
                false
            )
            | (
                [
                    "economics",
                    "tax_rate"
                        | "state_tax_rate"
                        | "udligning_keep"
                        | "caseworker_cost"
                        | "discount_rate"
                ],
                false
            )
            | (
                ["interventions", _, "effects", _]
                    | ["interventions", _, "cost_per_month" | "cost_at_entry"],
                false
            )
            | (["move_costs", _, _] | ["inflow", "mean"], false)
            | (["arms", _, "caseload" | "caseworkers"], false)
    )
}

impl Binding {
    /// Resolve `spec.path` against `model`; a located error for anything else.
    pub fn resolve(spec: &Spec, model: &Model, src: &Source) -> Result<Binding> {
        let p: Vec<&str> = spec.path.iter().map(String::as_str).collect();
        let state = |id: &str| model.state_index(id);
        let iv = |id: &str| model.interventions.iter().position(|i| i.id == id);
        let found = match p.as_slice() {
            ["transitions", from] if !spec.dests.is_empty() => {
                let dests: Option<Vec<usize>> = spec.dests.iter().map(|d| state(d)).collect();
                state(from).zip(dests).map(|(i, d)| Binding::Row(i, d))
            }
            ["transitions", from, to] => state(from)
                .zip(state(to))
                .map(|(i, j)| Binding::Transition(i, j)),
            ["states", s, "benefit"] => state(s).map(Binding::Benefit),
            ["states", s, "income"] => state(s).map(Binding::Income),
            ["caseload", "elasticity", to] => state(to).map(Binding::Elasticity),
            ["caseload", "reference"] => Some(Binding::Reference),
            ["economics", key] => [
                "tax_rate",
                "state_tax_rate",
                "udligning_keep",
                "caseworker_cost",
                "discount_rate",
            ]
            .into_iter()
            .find(|k| k == key)
            .map(Binding::Economics),
            ["interventions", id, "effects", to] => {
                iv(id).zip(state(to)).map(|(i, j)| Binding::Effect(i, j))
            }
            ["interventions", id, "cost_per_month"] => {
                iv(id).map(|i| Binding::InterventionCost(i, false))
            }
            ["interventions", id, "cost_at_entry"] => {
                iv(id).map(|i| Binding::InterventionCost(i, true))
            }
            ["move_costs", from, to] => state(from)
                .zip(state(to))
                .map(|(i, j)| Binding::MoveCost(i, j)),
            ["inflow", "mean"] => Some(Binding::InflowMean),
            ["arms", name, "caseload" | "caseworkers"] => {
                model.arm_index(name).map(Binding::Staffing)
            }
            _ => None,
        };
        let binding = found.ok_or_else(|| {
            src.error(spec.span.clone(), format!("`{}` cannot be uncertain: distributions are for probabilities, amounts, rates, elasticities, effects and staffing", spec.path.join(".")))
        })?;
        let range = binding.range();
        let (lo, hi) = spec.dist.support();
        let open = spec.dist.open_above();
        let inside =
            lo >= range.lo && (hi < range.hi || ((range.closed || open) && hi <= range.hi));
        if !inside && !matches!(binding, Binding::Row(..)) {
            let bound = if range.closed { "]" } else { ")" };
            return Err(src.error(
                spec.span.clone(),
                format!("this distribution can take values in [{lo}, {hi}], outside [{}, {}{bound} — truncate it (min, max) or choose one that fits (beta for probabilities, gamma or lognormal for amounts)", range.lo, range.hi),
            ));
        }
        Ok(binding)
    }

    fn range(&self) -> Range {
        match self {
            Binding::Transition(..) | Binding::Row(..) => SHARE,
            Binding::Economics("udligning_keep") => Range {
                lo: 0.0,
                hi: 1.0,
                closed: true,
            },
            Binding::Economics("caseworker_cost") => NON_NEGATIVE,
            Binding::Economics(_) => SHARE,
            Binding::Benefit(_)
            | Binding::Income(_)
            | Binding::Effect(..)
            | Binding::InterventionCost(..)
            | Binding::InflowMean => NON_NEGATIVE,
            Binding::Reference | Binding::Staffing(_) => Range {
                lo: f64::MIN_POSITIVE,
                hi: f64::INFINITY,
                closed: true,
            },
            Binding::Elasticity(_) | Binding::MoveCost(..) => ANY,
        }
    }

    /// Put `values` (one, or one per destination of a row) into `model`.
    pub fn apply(&self, model: &mut Model, values: &[f64]) {
        let x = values[0];
        match *self {
            Binding::Transition(i, j) => model.transitions[i][j] = x,
            Binding::Row(i, ref dests) => {
                for (&j, &p) in dests.iter().zip(values) {
                    model.transitions[i][j] = p;
                }
            }
            Binding::Benefit(s) => model.states[s].benefit = x,
            Binding::Income(s) => model.states[s].income = x,
            Binding::Elasticity(j) => model.caseload.elasticity[j] = x,
            Binding::Reference => model.caseload.reference = x,
            Binding::Economics(key) => {
                let e = &mut model.economics;
                match key {
                    "tax_rate" => e.tax_rate = x,
                    "state_tax_rate" => e.state_tax_rate = x,
                    "udligning_keep" => e.udligning_keep = x,
                    "caseworker_cost" => e.caseworker_cost = x,
                    _ => e.discount_rate = x,
                }
            }
            Binding::Effect(i, j) => model.interventions[i].effects[j] = x,
            Binding::InterventionCost(i, false) => model.interventions[i].cost_per_month = x,
            Binding::InterventionCost(i, true) => model.interventions[i].cost_at_entry = x,
            Binding::MoveCost(i, j) => model.move_costs[i][j] = x,
            Binding::InflowMean => {
                if let Some(f) = &mut model.inflow {
                    f.arrivals = Arrivals::Poisson(x);
                }
            }
            Binding::Staffing(a) => {
                let s = &mut model.arms[a].staffing;
                *s = match *s {
                    Staffing::Caseload(_) => Staffing::Caseload(x),
                    Staffing::Caseworkers(_) => Staffing::Caseworkers(x),
                };
            }
        }
    }
}

/// Refuse rows whose exit probabilities could reach 1 with the largest values the
/// distributions allow.
pub fn check_rows(specs: &[Spec], bindings: &[Binding], model: &Model, src: &Source) -> Result<()> {
    for (from, row) in model.transitions.iter().enumerate() {
        // A Dirichlet row always sums below 1 (its `stay` share is positive).
        if bindings
            .iter()
            .any(|b| matches!(b, Binding::Row(i, _) if *i == from))
        {
            continue;
        }
        let mut max = row.clone();
        let mut first = None;
        for (spec, b) in specs.iter().zip(bindings) {
            if let Binding::Transition(i, j) = b
                && *i == from
            {
                max[*j] = spec.dist.practical_max();
                first.get_or_insert(spec.span.clone());
            }
        }
        let total: f64 = max.iter().sum();
        if let (Some(span), true) = (first, total >= 1.0) {
            return Err(src.error(span, format!("the exit probabilities of `{}` can reach {total} with these distributions; bound them so the row stays below 1", model.states[from].id)));
        }
    }
    Ok(())
}
