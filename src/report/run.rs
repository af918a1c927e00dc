//! The page of `run --report`.

use super::html::{Cell, Page};
use super::sections::{self, anchor};
use super::words::{Lang, decimal, headline, mio, mio_kr, mio_range, pct};
use super::{Manifest, charts};
use crate::answers::Answers;
use crate::effects::EffectRow;
use crate::model::Model;
use crate::summary::Analysis;
use crate::threshold::Threshold;
use crate::tornado::Tornado;
use crate::uncertainty::Uncertainty;

/// "500 citizens, 48 months from 2015-08, 2.000 trials, seed 2015".
pub(super) fn subtitle(lang: Lang, model: &Model, m: &Manifest) -> String {
    let from = model.start.map_or(String::new(), |s| {
        format!(" {} {}-{:02}", lang.pick("fra", "from"), s.year, s.month)
    });
    let inflow = if model.inflow.is_some() {
        lang.pick(" + tilgang", " + inflow")
    } else {
        ""
    };
    format!(
        "{} {}{inflow}, {} {}{from}, {} {}, seed {}",
        decimal(model.cohort_size as f64, 0),
        lang.pick("borgere", "citizens"),
        model.months,
        lang.pick("måneder", "months"),
        decimal(m.trials as f64, 0),
        lang.pick("forsøg", "trials"),
        m.seed
    )
}

/// What the headline figures are.
pub(super) fn basis(lang: Lang, model: &Model, trials: u32) -> String {
    let rate = decimal(100.0 * model.economics.discount_rate, 1);
    let base = &model.arms[0].label;
    let p = model.headline;
    let (who, counts) = (super::words::who(lang, p), super::words::counts(lang, p));
    match lang {
        Lang::Da => format!(
            "Nettobesparelse for {who} mod «{base}», diskonteret med {rate} % om året: gennemsnit af {} forsøg; intervallet er 5.–95. percentil; tjent hjem = første måned, hvorfra den kumulerede besparelse forbliver positiv (median over forsøg). Grundlaget tæller {counts}.",
            decimal(trials as f64, 0)
        ),
        Lang::En => format!(
            "Net saving for {who} against “{base}”, discounted at {rate} % a year: mean of {} trials; the interval is the 5th–95th percentile; pays back = the first month from which the cumulative saving stays positive (median across trials). The basis counts {counts}.",
            decimal(trials as f64, 0)
        ),
    }
}

/// Kommune's savings per budget year of arm `arm`, nominal.
fn years(page: &mut Page, lang: Lang, model: &Model, a: &Analysis, arm: usize) {
    let rows: Vec<Vec<Cell>> = a
        .years
        .iter()
        .filter(|y| y.arm == arm && y.perspective == model.headline)
        .map(|y| {
            vec![
                Cell::Text(y.year.to_string()),
                Cell::Num(y.months.to_string()),
                Cell::Num(mio(y.savings.mean)),
                Cell::Num(mio_range(lang, y.savings.at(0.05), y.savings.at(0.95))),
                Cell::Num(pct(y.p_gain)),
            ]
        })
        .collect();
    let year = match model.start {
        Some(_) => lang.pick("budgetår", "budget year"),
        None => lang.pick("år", "year"),
    };
    let header = [
        (year, false),
        (lang.pick("måneder", "months"), true),
        ("mio. kr.", true),
        (lang.pick("90 %-interval", "90 % interval"), true),
        (lang.pick("P(gevinst)", "P(gain)"), true),
    ];
    let title = match lang {
        Lang::Da => format!(
            "Besparelse pr. {year} for {} (nominelt):",
            super::words::who(lang, model.headline)
        ),
        Lang::En => format!(
            "Saving per {year} for {} (nominal):",
            super::words::who(lang, model.headline)
        ),
    };
    page.p("", &title);
    page.table(
        &format!("years-{}", anchor(&model.arms[arm].name)),
        &header,
        &rows,
    );
}

/// The page of `kohort run --report`: a section per arm (headline, fan, break-even,
/// perspectives, budget years), occupancy of every arm, the tornado of arm `tornado.0` when
/// given, parameters and manifest. Savings are the municipality's (kommune).
pub fn run_page(
    lang: Lang,
    model: &Model,
    (a, effects, thresholds): (&Analysis, &[EffectRow], &[Threshold]),
    answers: Answers<'_>,
    params: &Uncertainty,
    tornado: Option<(usize, &Tornado)>,
    m: &Manifest,
) -> Result<String, String> {
    let p = model.headline;
    let mut page = Page::new(lang, &model.name);
    page.p("sub", &subtitle(lang, model, m));
    for arm in 1..model.arms.len() {
        page.p("headline", &headline(lang, model, a.arm(arm, p)));
    }
    if model.arms.len() < 2 {
        page.p(
            "warning",
            lang.pick(
                "Scenariet har kun en basislinje: der er ingen indsats at sammenligne med.",
                "The scenario has only a baseline: there is no investment to compare.",
            ),
        );
    }
    page.p("note", &basis(lang, model, m.trials));
    page.p("note", &super::words::prices(lang, model));
    for arm in 1..model.arms.len() {
        page.h2(
            &format!("arm-{}", anchor(&model.arms[arm].name)),
            &model.arms[arm].label,
        );
        let held = &a.arm(arm, p).held;
        if held.share > 0.0 {
            page.p("warning", &super::words::held(lang, held));
        }
        sections::savings(&mut page, lang, model, a, arm, p)?;
        super::effects::table(&mut page, lang, model, effects, arm);
        if let Some(t) = thresholds.iter().find(|t| t.arm == arm) {
            super::effects::threshold(&mut page, lang, t);
        }
        if let Some(c) = answers.chances.iter().find(|c| c.arm == arm) {
            super::effects::chance(&mut page, lang, c);
        }
        if let Some(r) = answers.ratios.iter().find(|r| r.arm == arm) {
            super::effects::ratio(&mut page, lang, r);
        }
        if let Some(b) = answers.bridge.filter(|b| b.arm == arm) {
            super::bridge::section(&mut page, lang, model, b)?;
        }
        sections::perspectives(&mut page, lang, model, a, arm);
        super::segments::table(&mut page, lang, model, a, (arm, p));
        years(&mut page, lang, model, a, arm);
    }
    let arms: Vec<usize> = (0..model.arms.len()).collect();
    sections::occupancy(&mut page, lang, model, a, &arms)?;
    if let Some((arm, t)) = tornado {
        page.h2(
            "tornado",
            lang.pick(
                "Hvilke antagelser betyder mest?",
                "Which assumptions matter most?",
            ),
        );
        let label = &model.arms[arm].label;
        let base = mio_kr(t.base);
        let caption = match lang {
            Lang::Da => format!(
                "Tornado for {label}: nettobesparelsen med én parameter ad gangen ved sin 5 %- og \
                 95 %-fraktil, de øvrige i middel; den lodrette streg har alle i middel ({base})"
            ),
            Lang::En => format!(
                "Tornado for {label}: the net saving with one parameter at a time at its 5th and \
                 95th percentile, the others at their means; the vertical line has all at their \
                 means ({base})"
            ),
        };
        page.figure("tornado-chart", &caption, &charts::tornado(lang, model, t)?);
    }
    super::parameters::parameters(&mut page, lang, model, params);
    sections::manifest(&mut page, lang, m);
    if let Some(n) = a.sketched {
        let pct = 100.0 * crate::stats::SKETCH_ACCURACY;
        page.p(
            "note",
            &match lang {
                Lang::Da => format!(
                    "Ud over {n} forsøg aflæses fraktilerne i månedsbåndene fra en skitse (DDSketch), hver inden for {pct} % af den eksakte værdi; totaler, P(gevinst) og break-even er eksakte."
                ),
                Lang::En => format!(
                    "Past {n} trials the percentiles of the monthly bands are read from a sketch (DDSketch), each within {pct} % of the exact value; totals, P(gain) and break-even stay exact."
                ),
            },
        );
    }
    Ok(page.finish())
}
