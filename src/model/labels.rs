//! Uncertain parameters in words, for reports and tables: `caseload.elasticity.job` →
//! "caseload effect on moves to Ordinær beskæftigelse" (the scenario's own labels).

use super::Model;

/// The label of the parameter at `path` (keys joined by `.`, as in `trials.csv`'s `param:`
/// columns), Danish (`da`) or English; a path it does not know is returned as it is.
pub fn parameter_label(model: &Model, path: &str, da: bool) -> String {
    let keys: Vec<&str> = path.split('.').collect();
    let state = |id: &str| {
        model
            .state_index(id)
            .map_or(id.to_string(), |s| model.states[s].label.clone())
    };
    let intervention = |id: &str| {
        model
            .intervention_index(id)
            .map_or(id.to_string(), |i| model.interventions[i].label.clone())
    };
    let pick = |d: String, e: String| if da { d } else { e };
    match keys.as_slice() {
        ["caseload", "elasticity", to] => pick(
            format!("sagstalseffekt på {}", state(to)),
            format!("caseload effect on {}", state(to)),
        ),
        ["transitions", from, to] => pick(
            format!("{} → {}", state(from), state(to)),
            format!("{} → {}", state(from), state(to)),
        ),
        ["transitions", from] => pick(
            format!("overgange fra {}", state(from)),
            format!("moves from {}", state(from)),
        ),
        ["interventions", id, "effects", to] => pick(
            format!("{}: effekt på {}", intervention(id), state(to)),
            format!("{}: effect on {}", intervention(id), state(to)),
        ),
        ["interventions", id, key] => pick(
            format!("{}: {}", intervention(id), key.replace('_', " ")),
            format!("{}: {}", intervention(id), key.replace('_', " ")),
        ),
        ["states", id, key] => pick(
            format!("{}: {}", state(id), key.replace('_', " ")),
            format!("{}: {}", state(id), key.replace('_', " ")),
        ),
        ["economics", "caseworker_cost"] => pick(
            "pris pr. sagsbehandler (kr. pr. år)".into(),
            "cost per caseworker (kr. a year)".into(),
        ),
        _ => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_words_with_the_scenarios_labels() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/isu.toml");
        let model = crate::scenario::load(&path).unwrap();
        let job = &model.states.iter().find(|s| s.id == "job").unwrap().label;
        assert_eq!(
            parameter_label(&model, "caseload.elasticity.job", false),
            format!("caseload effect on {job}")
        );
        assert_eq!(
            parameter_label(&model, "interventions.isu.effects.job", true),
            format!("ISU-dialogmetoden: effekt på {job}")
        );
        assert_eq!(parameter_label(&model, "cohort.size", true), "cohort.size");
    }
}
