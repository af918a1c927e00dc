//! The words for the effect a case implies ([`crate::bridge::implied`]), Danish and English:
//! a job elasticity against the research's, or an offer's hazard ratio against the scenario's.

use super::bridge::num;
use super::{Lang, pct};
use crate::bridge::implied::{Implied, Lever};
use crate::bridge::{Bridge, Effect, Reach};
use crate::threshold::{MAX_ELASTICITY, MAX_RATIO, Threshold};

/// "Sagens forventning svarer til en jobelasticitet på X; forskningen finder omkring 0,1; …".
pub fn implied(lang: Lang, b: &Bridge) -> String {
    let i = match &b.effect {
        Effect::Found(i) => i,
        Effect::NoOutcome => {
            return lang.pick("Sagen angiver intet forventet udfald, så den effekt, den forudsætter, er ikke beregnet; de første trin bruger scenariets egen effekt.", "The case states no expected outcome, so the effect it implies is not computed; the first steps use the scenario's own effect.").to_string();
        }
        Effect::NotComputed(why) => {
            return match lang {
                Lang::Da => format!(
                    "Den effekt, sagen forudsætter, er ikke beregnet ({why}); de første trin bruger scenariets egen effekt."
                ),
                Lang::En => format!(
                    "The effect the case implies is not computed ({why}); the first steps use the scenario's own effect."
                ),
            };
        }
    };
    let approx = match (i.exact, lang) {
        (true, _) => "",
        (false, Lang::Da) => {
            " (Beregnet på den forventede udvikling, en tilnærmelse for dette scenarie.)"
        }
        (false, Lang::En) => {
            " (Computed on the expected path, an approximation for this scenario.)"
        }
    };
    let text = match i.lever {
        Lever::Elasticity => elasticity(lang, i),
        Lever::Ratio(_) => ratio(lang, i),
    };
    format!("{text}{approx}")
}

/// The sentence for a caseload elasticity.
fn elasticity(lang: Lang, i: &Implied) -> String {
    let rise = |e: f64| format!("{} %", num(lang, 100.0 * Threshold::halving_rise(e), 1));
    let research = i.reference.map_or(String::new(), |e| match lang {
        Lang::Da => format!(
            "; forskningen finder omkring {} ({})",
            num(lang, e, 2),
            rise(e)
        ),
        Lang::En => format!(
            "; the research finds about {} ({})",
            num(lang, e, 2),
            rise(e)
        ),
    });
    let chance = i.p_at_least.map_or(String::new(), |p| match lang {
        Lang::Da => format!(
            "; under forskningens fordeling er sandsynligheden for en så stor effekt {}",
            pct(p)
        ),
        Lang::En => format!(
            "; under the research's distribution the chance of an effect that large is {}",
            pct(p)
        ),
    });
    match (i.reach, lang) {
        (Reach::At(e), Lang::Da) => format!(
            "Sagens forventning svarer til en jobelasticitet på {}: en halvering af sagstallet skulle øge afgangen til job med {}{research}{chance}.",
            num(lang, e, 3),
            rise(e)
        ),
        (Reach::At(e), Lang::En) => format!(
            "The case's expectation implies a job elasticity of {}: halving the caseload would have to raise the exit rate to jobs by {}{research}{chance}.",
            num(lang, e, 3),
            rise(e)
        ),
        (Reach::WithoutEffect, Lang::Da) => {
            format!("Sagens forventning nås i modellen uden nogen sagstalseffekt{research}.")
        }
        (Reach::WithoutEffect, Lang::En) => format!(
            "The model reaches the case's expectation with no caseload effect at all{research}."
        ),
        (Reach::Beyond, Lang::Da) => format!(
            "Sagens forventning nås ikke, selv hvis en halvering af sagstallet øgede afgangen til job med {} (jobelasticitet {MAX_ELASTICITY}); de første trin bruger denne største effekt{research}{chance}.",
            rise(MAX_ELASTICITY)
        ),
        (Reach::Beyond, Lang::En) => format!(
            "The case's expectation is not reached even if halving the caseload raised the exit rate to jobs by {} (job elasticity {MAX_ELASTICITY}); the first steps use this largest effect{research}{chance}.",
            rise(MAX_ELASTICITY)
        ),
    }
}

/// The sentence for an offer's hazard ratio on exits to a job.
fn ratio(lang: Lang, i: &Implied) -> String {
    let assumed = i.reference.map_or(String::new(), |h| match lang {
        Lang::Da => format!("; scenariet antager {}", num(lang, h, 2)),
        Lang::En => format!("; the scenario assumes {}", num(lang, h, 2)),
    });
    let chance = i.p_at_least.map_or(String::new(), |p| match lang {
        Lang::Da => format!("; sandsynligheden for en så stor effekt er {}", pct(p)),
        Lang::En => format!("; the chance of an effect that large is {}", pct(p)),
    });
    match (i.reach, lang) {
        (Reach::At(h), Lang::Da) => format!(
            "Sagens forventning kræver, at tilbuddet ganger afgangen til job med {}{assumed}{chance}.",
            num(lang, h, 2)
        ),
        (Reach::At(h), Lang::En) => format!(
            "The case's expectation needs the offer to multiply the exit rate to jobs by {}{assumed}{chance}.",
            num(lang, h, 2)
        ),
        (Reach::WithoutEffect, Lang::Da) => format!(
            "Sagens forventning nås i modellen, selv hvis tilbuddet intet gør for afgangen til job{assumed}."
        ),
        (Reach::WithoutEffect, Lang::En) => format!(
            "The model reaches the case's expectation even if the offer does nothing for exits to jobs{assumed}."
        ),
        (Reach::Beyond, Lang::Da) => format!(
            "Sagens forventning nås ikke, selv hvis tilbuddet gangede afgangen til job med {}; de første trin bruger denne største effekt{assumed}{chance}.",
            num(lang, MAX_RATIO, 0)
        ),
        (Reach::Beyond, Lang::En) => format!(
            "The case's expectation is not reached even if the offer multiplied the exit rate to jobs by {}; the first steps use this largest effect{assumed}{chance}.",
            num(lang, MAX_RATIO, 0)
        ),
    }
}
