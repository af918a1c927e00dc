//! The report's "what the saving rests on": an arm's saving with no effect, with the caseload
//! effect the research finds, and as the scenario assumes, in one sentence and a table.

use super::html::{Cell, Page};
use super::sections::anchor;
use super::words::{Lang, decimal, mio, mio_kr, mio_range, pct};
use crate::effects::{Effect, EffectRow};
use crate::model::Model;
use crate::threshold::{Chance, Crossing, MAX_ELASTICITY, MAX_RATIO, RatioThreshold, Threshold};

/// What an effect means, as a row label.
fn label(lang: Lang, e: Effect) -> &'static str {
    match e {
        Effect::None => lang.pick("Ingen effekt (kun udgiften)", "No effect (the cost alone)"),
        Effect::Evidence => lang.pick(
            "Sagstalseffekt som i forskningen",
            "Caseload effect as researched",
        ),
        Effect::Assumed => lang.pick("Som scenariet antager", "As this scenario assumes"),
    }
}

/// "Hvis effekten er som i forskningen, sparer/taber kommunen …" for `row`.
fn sentence(lang: Lang, row: &EffectRow) -> String {
    let m = row.savings.mean;
    let (amount, range, gain) = (
        mio_kr(m.abs()),
        mio_range(lang, row.savings.at(0.05), row.savings.at(0.95)),
        pct(row.p_gain),
    );
    match (lang, m >= 0.0) {
        (Lang::Da, true) => format!(
            "Hvis effekten er som i forskningen, er besparelsen {amount} (90 %-interval {range}; {gain} sandsynlighed for en gevinst)."
        ),
        (Lang::Da, false) => format!(
            "Hvis effekten er som i forskningen, er nettotabet {amount} (90 %-interval {range}; {gain} sandsynlighed for en gevinst)."
        ),
        (Lang::En, true) => format!(
            "If the effect is as the research finds, the saving is {amount} (90 % interval {range}; {gain} chance of a gain)."
        ),
        (Lang::En, false) => format!(
            "If the effect is as the research finds, the net loss is {amount} (90 % interval {range}; {gain} chance of a gain)."
        ),
    }
}

/// The sentence and the table of arm `arm`.
pub fn table(page: &mut Page, lang: Lang, model: &Model, rows: &[EffectRow], arm: usize) {
    let mine: Vec<&EffectRow> = rows.iter().filter(|r| r.arm == arm).collect();
    if let Some(e) = mine.iter().find(|r| r.effect == Effect::Evidence) {
        page.p("evidence", &sentence(lang, e));
    }
    let cells: Vec<Vec<Cell>> = mine
        .iter()
        .map(|r| {
            vec![
                Cell::Text(label(lang, r.effect).to_string()),
                Cell::Num(mio(r.savings.mean)),
                Cell::Num(mio_range(lang, r.savings.at(0.05), r.savings.at(0.95))),
                Cell::Num(pct(r.p_gain)),
            ]
        })
        .collect();
    let header = [
        (lang.pick("effekt", "effect"), false),
        ("mio. kr.", true),
        (lang.pick("90 %-interval", "90 % interval"), true),
        (lang.pick("P(gevinst)", "P(gain)"), true),
    ];
    page.p(
        "",
        lang.pick(
            "Hvad besparelsen hviler på — samme borgere og tilfældige tal, kun effekten ændret:",
            "What the saving rests on — the same citizens and random numbers, only the effect changed:",
        ),
    );
    page.table(
        &format!("effects-{}", anchor(&model.arms[arm].name)),
        &header,
        &cells,
    );
}

/// The effect it would take to pay, in one sentence a byråd can read: "Investeringen betaler
/// sig, hvis en halvering af sagstallet øger afgangen til job med mindst N %; forskningen
/// finder omkring 7 %; sandsynligheden for en så stor effekt er P %."
pub fn threshold(page: &mut Page, lang: Lang, t: &Threshold) {
    let rise = |e: f64| format!("{} %", decimal(100.0 * Threshold::halving_rise(e), 1));
    let research = t.at_evidence.map_or(String::new(), |(e, _)| match lang {
        Lang::Da => format!("; forskningen finder omkring {}", rise(e)),
        Lang::En => format!("; the research finds about {}", rise(e)),
    });
    let chance = t.p_at_least.map_or(String::new(), |p| match lang {
        Lang::Da => format!("; sandsynligheden for en så stor effekt er {}", pct(p)),
        Lang::En => format!("; the chance of an effect that large is {}", pct(p)),
    });
    let text = match (t.crossing, lang) {
        (
            Crossing::At {
                elasticity,
                pays_above: true,
            },
            Lang::Da,
        ) => format!(
            "Investeringen betaler sig, hvis en halvering af sagstallet øger afgangen til job med mindst {}{research}{chance}.",
            rise(elasticity)
        ),
        (
            Crossing::At {
                elasticity,
                pays_above: true,
            },
            Lang::En,
        ) => format!(
            "The investment pays if halving the caseload raises the exit rate to jobs by at least {}{research}{chance}.",
            rise(elasticity)
        ),
        (
            Crossing::At {
                elasticity,
                pays_above: false,
            },
            Lang::Da,
        ) => format!(
            "Besparelsen holder kun, hvis en halvering af sagstallet øger afgangen til job med højst {}{research}{chance}.",
            rise(elasticity)
        ),
        (
            Crossing::At {
                elasticity,
                pays_above: false,
            },
            Lang::En,
        ) => format!(
            "The saving holds only if halving the caseload raises the exit rate to jobs by at most {}{research}{chance}.",
            rise(elasticity)
        ),
        (Crossing::Always, Lang::Da) => {
            "Investeringen giver en besparelse uanset effektens størrelse, også uden nogen effekt."
                .to_string()
        }
        (Crossing::Always, Lang::En) => {
            "The investment saves whatever the size of the effect, even with none.".to_string()
        }
        (Crossing::Never, Lang::Da) => format!(
            "Investeringen betaler sig ikke, selv hvis en halvering af sagstallet øgede afgangen til job med {}{research}.",
            rise(MAX_ELASTICITY)
        ),
        (Crossing::Never, Lang::En) => format!(
            "The investment does not pay even if halving the caseload raised the exit rate to jobs by {}{research}.",
            rise(MAX_ELASTICITY)
        ),
    };
    let caveat = match (t.exact, lang) {
        (true, _) => "",
        (false, Lang::Da) => {
            " (Beregnet på den forventede udvikling med sagstallet fra det forventede antal sager: en tilnærmelse for dette scenarie.)"
        }
        (false, Lang::En) => {
            " (Computed on the expected path with the caseload from the expected number of cases: an approximation for this scenario.)"
        }
    };
    page.p("threshold", &format!("{text}{caveat}"));
}

/// "For at sandsynligheden for en gevinst når 50 %, skal en halvering af sagstallet øge
/// afgangen til job med mindst N %; for 80 % med mindst M %."
pub fn chance(page: &mut Page, lang: Lang, c: &Chance) {
    let rise = |e: f64| format!("{} %", decimal(100.0 * Threshold::halving_rise(e), 1));
    let part = |l: &crate::threshold::Level| match (l.crossing, lang) {
        (
            Crossing::At {
                elasticity,
                pays_above: true,
            },
            Lang::Da,
        ) => format!("mindst {}", rise(elasticity)),
        (
            Crossing::At {
                elasticity,
                pays_above: true,
            },
            Lang::En,
        ) => format!("at least {}", rise(elasticity)),
        (
            Crossing::At {
                elasticity,
                pays_above: false,
            },
            Lang::Da,
        ) => format!("højst {}", rise(elasticity)),
        (
            Crossing::At {
                elasticity,
                pays_above: false,
            },
            Lang::En,
        ) => format!("at most {}", rise(elasticity)),
        (Crossing::Always, Lang::Da) => "ingenting (den nås også uden effekt)".to_string(),
        (Crossing::Always, Lang::En) => "nothing (it is reached with no effect too)".to_string(),
        (Crossing::Never, Lang::Da) => format!("mere end {}", rise(MAX_ELASTICITY)),
        (Crossing::Never, Lang::En) => format!("more than {}", rise(MAX_ELASTICITY)),
    };
    let [half, most] = [&c.levels[0], &c.levels[1]];
    let text = match lang {
        Lang::Da => format!(
            "For at sandsynligheden for en gevinst når 50 %, skal en halvering af sagstallet øge afgangen til job med {}; for 80 % med {}. (Simuleret med {} forsøg pr. effektstørrelse; usikkerhed omkring ±{} procentpoint.)",
            part(half),
            part(most),
            c.trials,
            decimal(50.0 / (c.trials as f64).sqrt(), 1)
        ),
        Lang::En => format!(
            "For the chance of a gain to reach 50 %, halving the caseload must raise the exit rate to jobs by {}; for 80 %, by {}. (Simulated with {} trials per effect size; uncertain by about ±{:.1} percentage points.)",
            part(half),
            part(most),
            c.trials,
            50.0 / (c.trials as f64).sqrt()
        ),
    };
    page.p("threshold", &text);
}

/// "Tilbuddet betaler sig, hvis det mindst ganger afgangen til job med h; scenariet antager …"
pub fn ratio(page: &mut Page, lang: Lang, r: &RatioThreshold) {
    let assumed = decimal(r.assumed, 2);
    let chance = r.p_at_least.map_or(String::new(), |p| match lang {
        Lang::Da => format!("; sandsynligheden for en så stor effekt er {}", pct(p)),
        Lang::En => format!("; the chance of an effect that large is {}", pct(p)),
    });
    let text = match (r.crossing, lang) {
        (
            Crossing::At {
                elasticity: h,
                pays_above: true,
            },
            Lang::Da,
        ) => format!(
            "Tilbuddet betaler sig, hvis det mindst ganger afgangen til job med {}; scenariet antager {assumed}{chance}.",
            decimal(h, 2)
        ),
        (
            Crossing::At {
                elasticity: h,
                pays_above: true,
            },
            Lang::En,
        ) => format!(
            "The offer pays if it multiplies the exit rate to jobs by at least {}; the scenario assumes {assumed}{chance}.",
            decimal(h, 2)
        ),
        (
            Crossing::At {
                elasticity: h,
                pays_above: false,
            },
            Lang::Da,
        ) => format!(
            "Tilbuddet betaler sig kun, hvis det højst ganger afgangen til job med {}; scenariet antager {assumed}.",
            decimal(h, 2)
        ),
        (
            Crossing::At {
                elasticity: h,
                pays_above: false,
            },
            Lang::En,
        ) => format!(
            "The offer pays only if it multiplies the exit rate to jobs by at most {}; the scenario assumes {assumed}.",
            decimal(h, 2)
        ),
        (Crossing::Always, Lang::Da) => {
            "Tilbuddet giver en besparelse, selv hvis det intet gør for afgangen til job."
                .to_string()
        }
        (Crossing::Always, Lang::En) => {
            "The offer saves even if it does nothing for exits to jobs.".to_string()
        }
        (Crossing::Never, Lang::Da) => format!(
            "Tilbuddet betaler sig ikke, selv hvis det gangede afgangen til job med {}; scenariet antager {assumed}.",
            decimal(MAX_RATIO, 0)
        ),
        (Crossing::Never, Lang::En) => format!(
            "The offer does not pay even if it multiplied the exit rate to jobs by {}; the scenario assumes {assumed}.",
            decimal(MAX_RATIO, 0)
        ),
    };
    page.p("threshold", &text);
}
