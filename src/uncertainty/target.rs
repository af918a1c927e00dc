//! The numbers a distribution may stand for, by their path in the scenario: the one list both
//! the parser (before the model exists) and the binding (after) read.

/// A kr. amount of a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateAmount {
    /// `benefit`: paid by the municipality.
    Benefit,
    /// `wage`: gross wage.
    Wage,
    /// `state_benefit`: paid by the state (SU).
    StateBenefit,
}

/// A money rule of `[economics]` or `[tax]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyKey {
    /// `tax.kommuneskat`.
    Kommuneskat,
    /// `tax.bundskat`.
    Bundskat,
    /// `tax.sundhedsbidrag`.
    Sundhedsbidrag,
    /// `tax.am_bidrag`.
    AmBidrag,
    /// `tax.personfradrag` (kr. a year).
    Personfradrag,
    /// `economics.udligning_keep`.
    UdligningKeep,
    /// `economics.caseworker_cost` (kr. a year).
    CaseworkerCost,
    /// `economics.discount_rate`.
    DiscountRate,
}

/// What a path names, by the names in it (resolved against a model in [`super::bind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// `transitions.<from>.<to>`.
    Transition(&'a str, &'a str),
    /// `transitions.<from>` as a Dirichlet row.
    Row(&'a str),
    /// `states.<s>.benefit|wage|state_benefit`.
    State(&'a str, StateAmount),
    /// `caseload.elasticity.<to>`.
    Elasticity(&'a str),
    /// `caseload.reference`.
    Reference,
    /// `tax.…` or `economics.…`.
    Money(MoneyKey),
    /// `interventions.<id>.effects.<to>`.
    Effect(&'a str, &'a str),
    /// `interventions.<id>.cost_per_month` (false) or `.cost_at_entry` (true).
    InterventionCost(&'a str, bool),
    /// `move_costs.<from>.<to>`.
    MoveCost(&'a str, &'a str),
    /// `inflow.mean`.
    InflowMean,
    /// `arms.<name>.caseload|caseworkers`.
    Staffing(&'a str),
}

/// The message for a path that cannot be uncertain.
pub const NOT_UNCERTAIN: &str = "cannot be uncertain: distributions are for probabilities, amounts, tax rates, elasticities, effects and staffing";

/// What `path` names (a whole row when `row`), or `None` when no distribution may stand there.
pub fn target(path: &[String], row: bool) -> Option<Target<'_>> {
    use MoneyKey::*;
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let t = match (p.as_slice(), row) {
        (["transitions", from], true) => Target::Row(from),
        (_, true) => return None,
        (["transitions", from, to], _) => Target::Transition(from, to),
        (["states", s, key], _) => Target::State(
            s,
            match *key {
                "benefit" => StateAmount::Benefit,
                "wage" => StateAmount::Wage,
                "state_benefit" => StateAmount::StateBenefit,
                _ => return None,
            },
        ),
        (["caseload", "elasticity", to], _) => Target::Elasticity(to),
        (["caseload", "reference"], _) => Target::Reference,
        (["tax", key], _) => Target::Money(match *key {
            "kommuneskat" => Kommuneskat,
            "bundskat" => Bundskat,
            "sundhedsbidrag" => Sundhedsbidrag,
            "am_bidrag" => AmBidrag,
            "personfradrag" => Personfradrag,
            _ => return None,
        }),
        (["economics", key], _) => Target::Money(match *key {
            "udligning_keep" => UdligningKeep,
            "caseworker_cost" => CaseworkerCost,
            "discount_rate" => DiscountRate,
            _ => return None,
        }),
        (["interventions", id, "effects", to], _) => Target::Effect(id, to),
        (["interventions", id, "cost_per_month"], _) => Target::InterventionCost(id, false),
        (["interventions", id, "cost_at_entry"], _) => Target::InterventionCost(id, true),
        (["move_costs", from, to], _) => Target::MoveCost(from, to),
        (["inflow", "mean"], _) => Target::InflowMean,
        (["arms", name, "caseload" | "caseworkers"], _) => Target::Staffing(name),
        _ => return None,
    };
    Some(t)
}
