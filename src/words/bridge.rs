//! The bridge's words, Danish and English, in one place: every face (terminal, `bridge.csv`,
//! the workbook's "Bro" sheet, the report) names and explains its bars from here.

use super::Lang;
pub use super::implied::implied;
use crate::bridge::implied::Lever;
use crate::bridge::{Bar, Bridge, Effect, Step};
use crate::model::{Basis, Model};

/// `x` with `d` decimals as the language writes numbers: `0,652` in Danish, `0.652` in
/// English.
pub fn num(lang: Lang, x: f64, d: usize) -> String {
    match lang {
        Lang::Da => super::decimal(x, d),
        Lang::En => format!("{x:.d$}"),
    }
}

/// A bar's short name.
pub fn label(lang: Lang, bar: Bar) -> &'static str {
    let (da, en) = match bar {
        Bar::Published => ("Sagens publicerede tal", "The case's published figure"),
        Bar::Arithmetic => ("Sagens egen regning", "The case's own arithmetic"),
        Bar::Step(Step::Path) => (
            "Sagens udfald, som modellen når det",
            "The case's outcome as the model reaches it",
        ),
        Bar::Step(Step::Deadweight) => (
            "Dem, der var kommet ud alligevel (dødvægt)",
            "Those who would have left anyway (deadweight)",
        ),
        Bar::Step(Step::Staff) => ("Personalet, som det er ansat", "Staff as hired"),
        Bar::Step(Step::Offers) => ("Tilbuddenes pris", "The offers' cost"),
        Bar::Step(Step::Refusion) => ("Refusion", "Refusion"),
        Bar::Step(Step::Perspective) => ("Skat og udligning", "Tax and udligning"),
        Bar::Step(Step::Effect) => (
            "Forskningens effekt i stedet for sagens",
            "The research's effect instead of the case's",
        ),
        Bar::Step(Step::Horizon) => ("Hele perioden", "The whole horizon"),
        Bar::Step(Step::Discounting) => ("Diskontering", "Discounting"),
        Bar::Headline => ("kohorts resultat", "kohort's result"),
    };
    lang.pick(da, en)
}

/// What a bar includes, in words.
pub fn includes(lang: Lang, model: &Model, b: &Bridge, bar: Bar) -> String {
    let case = &b.case;
    let months = case.to - case.from + 1;
    let horizon = model.months;
    let rate = num(lang, 100.0 * model.economics.discount_rate, 1);
    let at = match &b.effect {
        Effect::Found(i) => {
            let x = num(lang, i.simulated_at(), 3);
            match (&i.lever, lang) {
                (Lever::Elasticity, Lang::Da) => {
                    format!("ved den effekt, sagens forventning kræver (jobelasticitet {x})")
                }
                (Lever::Elasticity, Lang::En) => {
                    format!("at the effect the case's expectation needs (job elasticity {x})")
                }
                (Lever::Ratio(_), Lang::Da) => format!(
                    "ved den effekt, sagens forventning kræver (tilbuddet ganger afgangen til job med {x})"
                ),
                (Lever::Ratio(_), Lang::En) => format!(
                    "at the effect the case's expectation needs (the offer multiplies exits to jobs by {x})"
                ),
            }
        }
        _ => lang
            .pick(
                "ved scenariets egen effekt (sagens effekt er ikke beregnet)",
                "at the scenario's own effect (the case's effect is not computed)",
            )
            .to_string(),
    };
    match (bar, lang) {
        (Bar::Published, Lang::Da) => format!("{}, som sagen selv opgør det.", case.figure),
        (Bar::Published, Lang::En) => format!("\"{}\", as the case itself reports it.", case.figure),
        (Bar::Arithmetic, _) => arithmetic(lang, model, b),
        (Bar::Step(Step::Path), Lang::Da) => format!("kohorts model {at}, med sagens egne omkostningslinjer: afgangen bygges op gradvist, nogle vender tilbage til ydelse, og andre ydelser ændres også; alle ydelser før refusion over sagens {months} måneder."),
        (Bar::Step(Step::Path), Lang::En) => format!("kohort's model {at}, with the case's own cost lines: exits build up gradually, some return to benefit, and other benefits change too; every benefit before refusion over the case's {months} months."),
        (Bar::Step(Step::Deadweight), Lang::Da) => match case.basis {
            Basis::Gross => "Besparelsen regnes mod det, der var sket uden investeringen, ikke mod at ingen forlod ydelsen: dem, der var kommet i job eller uddannelse alligevel, er ikke en gevinst.".into(),
            Basis::Net => "0: sagen regner allerede mod det, der var sket uden investeringen.".into(),
        },
        (Bar::Step(Step::Deadweight), Lang::En) => match case.basis {
            Basis::Gross => "The saving is counted against what would have happened without the investment, not against nobody leaving: those who would have found a job or education anyway are no gain.".into(),
            Basis::Net => "0: the case already counts against what would have happened without the investment.".into(),
        },
        (Bar::Step(Step::Staff), Lang::Da) => "Sagens egne omkostningslinjer erstattes af de ekstra sagsbehandlere, som de er ansat, gange løn og overhead pr. årsværk.".into(),
        (Bar::Step(Step::Staff), Lang::En) => "The case's own cost lines are replaced by the extra caseworkers as hired, times salary and overhead per caseworker-year.".into(),
        (Bar::Step(Step::Offers), Lang::Da) => "Tilbuddenes pris pr. deltagermåned og ved start, og engangsudgifter ved skift.".into(),
        (Bar::Step(Step::Offers), Lang::En) => "The offers' price per participant-month and at entry, and one-off costs of moves.".into(),
        (Bar::Step(Step::Refusion), Lang::Da) => "Statens refusion af ydelserne trækkes fra: kommunen sparer kun sin egen andel.".into(),
        (Bar::Step(Step::Refusion), Lang::En) => "The state's refusion of the benefits is subtracted: the municipality saves only its own share.".into(),
        (Bar::Step(Step::Perspective), Lang::Da) => format!("Fra forsørgelse til {}: skat af løn og skattepligtige ydelser, og den del af en ændring i kommuneskatten, kommunen beholder efter udligning.", model.headline.label(true)),
        (Bar::Step(Step::Perspective), Lang::En) => format!("From forsørgelse to the {}: tax on wages and taxable benefits, and the part of a change in kommuneskat the municipality keeps after udligning.", model.headline.label(false)),
        (Bar::Step(Step::Effect), Lang::Da) => "Scenariets egen sagstalseffekt (forskningens fordeling, trukket pr. forsøg) i stedet for den effekt, sagens forventning kræver.".into(),
        (Bar::Step(Step::Effect), Lang::En) => "The scenario's own caseload effect (the research's distribution, drawn per trial) instead of the effect the case's expectation needs.".into(),
        (Bar::Step(Step::Horizon), Lang::Da) => format!("Fra sagens {months} måneder til scenariets {horizon} måneder."),
        (Bar::Step(Step::Horizon), Lang::En) => format!("From the case's {months} months to the scenario's {horizon} months."),
        (Bar::Step(Step::Discounting), Lang::Da) => format!("Senere kroner vægtes med en diskonteringsrente på {rate} % om året."),
        (Bar::Step(Step::Discounting), Lang::En) => format!("Later kroner are weighted by a discount rate of {rate} % a year."),
        (Bar::Headline, Lang::Da) => format!("Nettobesparelsen for {} over {horizon} måneder, diskonteret: kohorts overskrift.", model.headline.label(true)),
        (Bar::Headline, Lang::En) => format!("The net saving for the {} over {horizon} months, discounted: kohort's headline.", model.headline.label(false)),
    }
}

/// What the case's own arithmetic counts and, when given, what the case does not publish.
fn arithmetic(lang: Lang, model: &Model, b: &Bridge) -> String {
    let case = &b.case;
    let fewer: Vec<String> = case
        .fewer
        .iter()
        .zip(&model.states)
        .filter(|(n, _)| **n > 0.0)
        .map(|(n, s)| match lang {
            Lang::Da => format!("{} færre på {}", num(lang, *n, 0), s.label.to_lowercase()),
            Lang::En => format!("{} fewer on {}", num(lang, *n, 0), s.label.to_lowercase()),
        })
        .collect();
    let months = (case.to + 1).saturating_sub(case.from + case.run_in);
    let mut parts = Vec::new();
    if case.saved > 0.0 {
        parts.push(match lang {
            Lang::Da => format!(
                "sagens opgjorte besparelse {} mio. kr.",
                num(lang, case.saved / 1e6, 2)
            ),
            Lang::En => format!(
                "the case's stated saving of {} mio. kr.",
                num(lang, case.saved / 1e6, 2)
            ),
        });
    }
    if !fewer.is_empty() {
        parts.push(match lang {
            Lang::Da => format!("{} gange årets ydelsessats (før refusion) i {months} måneder efter en indkøring på {} måneder", fewer.join(" og "), case.run_in),
            Lang::En => format!("{} times the year's benefit rate (before refusion) for {months} months after a run-in of {} months", fewer.join(" and "), case.run_in),
        });
    }
    if case.cost > 0.0 {
        parts.push(match lang {
            Lang::Da => format!(
                "minus sagens omkostninger {} mio. kr.",
                num(lang, case.cost / 1e6, 2)
            ),
            Lang::En => format!(
                "minus the case's costs of {} mio. kr.",
                num(lang, case.cost / 1e6, 2)
            ),
        });
    }
    let what = if parts.is_empty() {
        lang.pick("intet", "nothing").to_string()
    } else {
        parts.join(", ")
    };
    let gap = b.arithmetic - case.published;
    let within = case.published != 0.0 && (gap / case.published).abs() <= 0.05;
    let stated_only = case.fewer.iter().all(|&n| n == 0.0) && case.cost == 0.0;
    if stated_only && case.saved == case.published {
        let text = lang.pick(
            "Sagens regning er dens opgjorte besparelse selv: antal og satser bag den er ikke offentliggjort; kohorts første trin regner udfaldet igennem i stedet.",
            "The case's arithmetic is its stated saving itself: the counts and rates behind it are not published; kohort's first step works the outcome through instead.",
        );
        return text.to_string();
    }
    let verdict = match (lang, within, &case.missing) {
        (Lang::Da, true, _) => "Det genskaber det publicerede tal inden for 5 %.".to_string(),
        (Lang::En, true, _) => "It reproduces the published figure within 5 %.".to_string(),
        (Lang::Da, false, Some(m)) => {
            format!("Det publicerede tal kan ikke genskabes ud fra det offentliggjorte: {m}.")
        }
        (Lang::En, false, Some(m)) => {
            format!(
                "The published figure cannot be reproduced from what was published (the scenario notes, in Danish: \"{m}\")."
            )
        }
        (Lang::Da, false, None) => format!(
            "Det afviger {} mio. kr. fra det publicerede tal.",
            num(lang, gap / 1e6, 2)
        ),
        (Lang::En, false, None) => format!(
            "It differs from the published figure by {} mio. kr.",
            num(lang, gap / 1e6, 2)
        ),
    };
    let stop = if what.ends_with('.') { "" } else { "." };
    match lang {
        Lang::Da => format!("Regnet som sagens regneark, uden simulation: {what}{stop} {verdict}"),
        Lang::En => format!(
            "Computed as the case's spreadsheet, without simulation: {what}{stop} {verdict}"
        ),
    }
}
