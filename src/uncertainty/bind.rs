//! Which model number a distribution drives, the range that number must stay in, and how a
//! drawn value is put into a model.

use super::spec::Spec;
use super::target::{MoneyKey, NOT_UNCERTAIN, StateAmount, Target, target};
use crate::error::Result;
use crate::model::{Arrivals, MAX_ELASTICITY, MAX_KR, MAX_STAFFING, MIN_STAFFING, Model, Staffing};
use crate::source::Source;

/// A place in the model a parameter sets.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// `transitions.<from>.<to>`.
    Transition(usize, usize),
    /// `transitions.<from>` as a Dirichlet row: destinations in `counts` order.
    Row(usize, Vec<usize>),
    /// A kr. amount of state `s`.
    State(usize, StateAmount),
    /// `caseload.elasticity.<to>`.
    Elasticity(usize),
    /// `caseload.reference`.
    Reference,
    /// A rule of `[tax]` or `[economics]`.
    Money(MoneyKey),
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

/// Allowed values: `lo ≤ x`, and `x < hi` (or `x ≤ hi` when `closed`). A bound is either
/// the number's own (a probability below 1, an amount ≥ 0: the whole support must respect
/// it) or `soft`, a guard against magnitudes that overflow (an amount ≤ 10⁹ kr.): a
/// distribution without that bound is held to it at its 10⁻⁹ and 1 − 10⁻⁹ quantiles.
struct Range {
    lo: f64,
    hi: f64,
    closed: bool,
    soft: (bool, bool),
}

const fn range(lo: f64, hi: f64, soft: (bool, bool)) -> Range {
    Range {
        lo,
        hi,
        closed: true,
        soft,
    }
}
const AMOUNT: Range = range(0.0, MAX_KR, (false, true));
const SIGNED_AMOUNT: Range = range(-MAX_KR, MAX_KR, (true, true));
const ELASTICITY: Range = range(-MAX_ELASTICITY, MAX_ELASTICITY, (true, true));
const RATIO: Range = range(0.0, 1000.0, (false, true));
const INFLOW: Range = range(0.0, 1e6, (false, true));
const STAFFING: Range = range(MIN_STAFFING, MAX_STAFFING, (false, true));
const SHARE: Range = Range {
    lo: 0.0,
    hi: 1.0,
    closed: false,
    soft: (false, false),
};

impl Binding {
    /// Resolve `spec.path` against `model`; a located error for anything else.
    pub fn resolve(spec: &Spec, model: &Model, src: &Source) -> Result<Binding> {
        let state = |id: &str| model.state_index(id);
        let iv = |id: &str| model.intervention_index(id);
        let found = match target(&spec.path, !spec.dests.is_empty()) {
            Some(Target::Row(from)) => {
                let dests: Option<Vec<usize>> = spec.dests.iter().map(|d| state(d)).collect();
                state(from).zip(dests).map(|(i, d)| Binding::Row(i, d))
            }
            Some(Target::Transition(from, to)) => state(from)
                .zip(state(to))
                .map(|(i, j)| Binding::Transition(i, j)),
            Some(Target::State(s, key)) => state(s).map(|s| Binding::State(s, key)),
            Some(Target::Elasticity(to)) => state(to).map(Binding::Elasticity),
            Some(Target::Reference) => Some(Binding::Reference),
            Some(Target::Money(key)) => Some(Binding::Money(key)),
            Some(Target::Effect(id, to)) => {
                iv(id).zip(state(to)).map(|(i, j)| Binding::Effect(i, j))
            }
            Some(Target::InterventionCost(id, entry)) => {
                iv(id).map(|i| Binding::InterventionCost(i, entry))
            }
            Some(Target::MoveCost(from, to)) => state(from)
                .zip(state(to))
                .map(|(i, j)| Binding::MoveCost(i, j)),
            Some(Target::InflowMean) => Some(Binding::InflowMean),
            Some(Target::Staffing(name)) => model.arm_index(name).map(Binding::Staffing),
            None => None,
        };
        let binding = found.ok_or_else(|| {
            src.error(
                spec.span.clone(),
                format!("`{}` {NOT_UNCERTAIN}", spec.path.join(".")),
            )
        })?;
        let range = binding.range();
        let (mut lo, mut hi) = spec.dist.support();
        if range.soft.0 && lo.is_infinite() {
            lo = spec.dist.quantile(1e-9)[0];
        }
        if range.soft.1 && hi.is_infinite() {
            hi = spec.dist.practical_max();
        }
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
            Binding::Money(MoneyKey::UdligningKeep) => range(0.0, 1.0, (false, false)),
            Binding::Money(MoneyKey::CaseworkerCost | MoneyKey::Personfradrag) => AMOUNT,
            Binding::Money(_) => SHARE,
            Binding::State(..) | Binding::InterventionCost(..) => AMOUNT,
            Binding::Effect(..) => RATIO,
            Binding::InflowMean => INFLOW,
            Binding::Reference | Binding::Staffing(_) => STAFFING,
            Binding::Elasticity(_) => ELASTICITY,
            Binding::MoveCost(..) => SIGNED_AMOUNT,
        }
    }

    /// Whether `x` is a value this number may take at all (a probability in [0, 1), an amount
    /// ≥ 0, an elasticity within ±10, …), whatever its distribution.
    pub fn admits(&self, x: f64) -> bool {
        let r = self.range();
        r.lo <= x && (x < r.hi || (r.closed && x == r.hi))
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
            Binding::State(s, key) => {
                let st = &mut model.states[s];
                *match key {
                    StateAmount::Benefit => &mut st.benefit,
                    StateAmount::Wage => &mut st.wage,
                    StateAmount::StateBenefit => &mut st.state_benefit,
                } = x;
            }
            Binding::Elasticity(j) => model.caseload.elasticity[j] = x,
            Binding::Reference => model.caseload.reference = x,
            Binding::Money(key) => {
                let e = &mut model.economics;
                *match key {
                    MoneyKey::Kommuneskat => &mut e.tax.kommuneskat,
                    MoneyKey::Bundskat => &mut e.tax.bundskat,
                    MoneyKey::Sundhedsbidrag => &mut e.tax.sundhedsbidrag,
                    MoneyKey::AmBidrag => &mut e.tax.am_bidrag,
                    MoneyKey::Personfradrag => &mut e.tax.personfradrag,
                    MoneyKey::UdligningKeep => &mut e.udligning_keep,
                    MoneyKey::CaseworkerCost => &mut e.caseworker_cost,
                    MoneyKey::DiscountRate => &mut e.discount_rate,
                } = x;
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
