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
}
