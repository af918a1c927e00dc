//! Warnings about a scenario that is valid but cannot mean what it says: an effect that reaches
//! no transition, arms that cannot differ in outcomes. `check` and `run` print them.

use super::Model;

/// Whether some case state moves to `to` (a transition with probability > 0).
fn reached(model: &Model, to: usize) -> bool {
    model
        .states
        .iter()
        .zip(&model.transitions)
        .any(|(s, row)| s.case && row[to] > 0.0)
}

/// Whether intervention `iv` changes a transition that exists: a ratio ≠ 1 on a move out of a
/// state it serves.
fn intervention_reaches(model: &Model, iv: usize) -> bool {
    let iv = &model.interventions[iv];
    iv.effects.iter().enumerate().any(|(to, &r)| {
        r != 1.0
            && model
                .transitions
                .iter()
                .zip(&iv.serves)
                .any(|(row, &served)| served && row[to] > 0.0)
    })
}

/// Amounts and probabilities that are valid but likely in the wrong unit: a caseworker under
/// [`LOW_CASEWORKER_COST`] kr. a year (thousands?), a monthly move above
/// [`HIGH_MONTHLY_MOVE`] (a yearly rate?), a benefit above [`HIGH_BENEFIT`] kr. a month (a
/// yearly amount?).
fn units(model: &Model) -> Vec<String> {
    let mut warnings = Vec::new();
    let cost = model.economics.caseworker_cost;
    if cost < LOW_CASEWORKER_COST {
        warnings.push(format!(
            "[economics] caseworker_cost = {cost} kr. a year is under {LOW_CASEWORKER_COST} kr.: the amount is kr. per year, not thousands of kr. or kr. per month"
        ));
    }
    for (from, row) in model.transitions.iter().enumerate() {
        for (to, &p) in row.iter().enumerate() {
            if to != from && p > HIGH_MONTHLY_MOVE {
                warnings.push(format!(
                    "[transitions.{}] {} = {p}: more than {HIGH_MONTHLY_MOVE} of the state leave for it every month; transition probabilities are monthly, not yearly",
                    model.states[from].id, model.states[to].id
                ));
            }
        }
    }
    for s in &model.states {
        for (key, amount) in [("benefit", s.benefit), ("state_benefit", s.state_benefit)] {
            if amount > HIGH_BENEFIT {
                warnings.push(format!(
                    "[states.{}] {key} = {amount} kr. a month is over {HIGH_BENEFIT} kr.: benefits are kr. per month, not per year",
                    s.id
                ));
            }
        }
    }
    warnings
}

/// Under this yearly cost of a caseworker (kr.), the amount is probably in thousands.
pub const LOW_CASEWORKER_COST: f64 = 100_000.0;
/// Above this monthly probability of one move, the rate is probably yearly.
pub const HIGH_MONTHLY_MOVE: f64 = 0.3;
/// Above this monthly benefit (kr.), the amount is probably yearly.
pub const HIGH_BENEFIT: f64 = 50_000.0;

/// The scenario's warnings, in words (empty when there is nothing to say).
pub fn lint(model: &Model) -> Vec<String> {
    let mut warnings = Vec::new();
    let elasticity = &model.caseload.elasticity;
    for (to, &e) in elasticity.iter().enumerate() {
        if e != 0.0 && !reached(model, to) {
            warnings.push(format!(
                "[caseload] elasticity on `{}`, but no case state moves to `{}`: it changes nothing",
                model.states[to].id, model.states[to].id
            ));
        }
    }
    let own = model.segments.iter().filter_map(|s| s.elasticity.as_ref());
    let caseload_reaches = std::iter::once(elasticity).chain(own).any(|el| {
        el.iter()
            .enumerate()
            .any(|(to, &e)| e != 0.0 && reached(model, to))
    });
    let differs = (1..model.arms.len()).any(|a| {
        let adds = model
            .added_interventions(a)
            .into_iter()
            .any(|i| intervention_reaches(model, i));
        (!model.staffed_as_baseline(a) && caseload_reaches) || adds
    });
    if model.arms.len() > 1 && !differs {
        warnings.push(
            "the arms cannot differ in outcomes: no caseload elasticity reaches a transition where staffing differs, and no arm adds an intervention with an effect; their savings are differences in cost only"
                .into(),
        );
    }
    warnings.extend(units(model));
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(name: &str) -> Model {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios")
            .join(name);
        crate::scenario::load(&path).unwrap()
    }

    #[test]
    fn shipped_scenarios_have_nothing_to_warn_about() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") {
                assert_eq!(lint(&shipped(&name)), Vec::<String>::new(), "{name}");
                seen += 1;
            }
        }
        assert!(seen >= 10);
    }

    #[test]
    fn an_effect_that_reaches_nothing_is_warned_about() {
        let mut model = shipped("silkeborg.toml");
        let ude = model
            .states
            .iter()
            .position(|s| s.id == "uddannelse")
            .unwrap();
        for row in &mut model.transitions {
            row[ude] = 0.0;
        }
        model.caseload.elasticity[ude] = 0.3;
        let w = lint(&model);
        assert!(
            w.iter().any(|w| w.contains("elasticity on `uddannelse`")),
            "{w:?}"
        );
        model.caseload.elasticity.iter_mut().for_each(|e| *e = 0.0);
        let w = lint(&model);
        assert!(w.iter().any(|w| w.contains("cannot differ")), "{w:?}");
    }

    #[test]
    fn amounts_in_the_wrong_unit_are_warned_about_once_each() {
        let model = shipped("silkeborg.toml");
        let warned = |change: &dyn Fn(&mut Model)| {
            let mut m = model.clone();
            change(&mut m);
            lint(&m)
        };
        let w = warned(&|m| m.economics.caseworker_cost = 600.0);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("caseworker_cost = 600 kr. a year"), "{w:?}");
        assert!(warned(&|m| m.economics.caseworker_cost = LOW_CASEWORKER_COST).is_empty());
        let w = warned(&|m| {
            m.transitions[0][1] += 0.31;
            m.transitions[0][0] -= 0.31;
        });
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("monthly, not yearly"), "{w:?}");
        let w = warned(&|m| m.states[0].benefit = 12.0 * 12326.0);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("benefit = 147912 kr. a month"), "{w:?}");
        assert!(warned(&|m| m.states[0].benefit = HIGH_BENEFIT).is_empty());
    }
}
