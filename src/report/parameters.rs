//! The scenario's parameters in the report: states, arms and the economic assumptions as
//! tables in the page's language, the uncertain parameters, and the whole scenario as
//! `kohort check` prints it, folded away.

use super::html::{Cell, Page};
use super::words::{Lang, decimal, kr};
use crate::economics::Ledger;
use crate::model::{Model, Staffing};
use crate::uncertainty::Uncertainty;

/// A parameter value for people: whole numbers from 1.000, else up to four decimals.
fn number(x: f64) -> String {
    if x.abs() >= 1000.0 || x.fract() == 0.0 {
        decimal(x, 0)
    } else if x.abs() >= 1.0 {
        decimal(x, 2)
    } else {
        decimal(x, 4)
    }
}

/// A rate as a percentage with one decimal: `3,5 %`.
fn rate(x: f64) -> String {
    format!("{} %", decimal(100.0 * x, 1))
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// States: id, label, benefit, wage and SU per month, the kommuneskat they bring, case or
/// not, citizens at the start.
fn states(page: &mut Page, lang: Lang, model: &Model) {
    let yes = lang.pick("ja", "yes");
    let ledger = Ledger::new(model);
    let rows: Vec<Vec<Cell>> = model
        .states
        .iter()
        .zip(&model.initial_counts)
        .zip(&ledger.states)
        .map(|((s, &n), m)| {
            vec![
                text(&s.id),
                text(&s.label),
                Cell::Num(kr(s.benefit)),
                Cell::Num(kr(s.wage)),
                Cell::Num(kr(s.state_benefit)),
                Cell::Num(kr(m.kommune_tax)),
                text(if s.case { yes } else { "" }),
                Cell::Num(decimal(n as f64, 0)),
            ]
        })
        .collect();
    let header = [
        ("id", false),
        (lang.pick("tilstand", "state"), false),
        (lang.pick("ydelse pr. md.", "benefit a month"), true),
        (lang.pick("løn pr. md.", "wage a month"), true),
        (lang.pick("SU pr. md.", "SU a month"), true),
        (
            lang.pick("kommuneskat pr. md.", "kommuneskat a month"),
            true,
        ),
        (lang.pick("sag", "case"), false),
        ("start", true),
    ];
    page.table("states", &header, &rows);
}

/// Arms: name, label, staffing and interventions.
fn arms(page: &mut Page, lang: Lang, model: &Model) {
    let rows: Vec<Vec<Cell>> = model
        .arms
        .iter()
        .map(|a| {
            let staffing = match a.staffing {
                Staffing::Caseload(l) => {
                    format!("{} {}", lang.pick("sagstal", "caseload"), number(l))
                }
                Staffing::Caseworkers(w) => {
                    format!(
                        "{} {}",
                        number(w),
                        lang.pick("sagsbehandlere", "caseworkers")
                    )
                }
            };
            let offers: Vec<&str> = a
                .interventions
                .iter()
                .map(|&i| model.interventions[i].label.as_str())
                .collect();
            vec![
                text(&a.name),
                text(&a.label),
                text(staffing),
                text(offers.join(", ")),
            ]
        })
        .collect();
    let header = [
        ("arm", false),
        (lang.pick("beskrivelse", "label"), false),
        (lang.pick("bemanding", "staffing"), false),
        (lang.pick("indsatser", "interventions"), false),
    ];
    page.table("arms", &header, &rows);
}

/// The economic and caseload assumptions.
fn assumptions(page: &mut Page, lang: Lang, model: &Model) {
    let e = &model.economics;
    let elasticities: Vec<String> = model
        .caseload
        .elasticity
        .iter()
        .zip(&model.states)
        .filter(|(e, _)| **e != 0.0)
        .map(|(e, s)| format!("{} {}", s.id, number(*e)))
        .collect();
    let rows = [
        (
            lang.pick("kommuneskat", "municipal income tax"),
            rate(e.tax.kommuneskat),
        ),
        (
            lang.pick(
                "statens skat (AM-bidrag, bundskat, sundhedsbidrag)",
                "state tax (AM-bidrag, bundskat, sundhedsbidrag)",
            ),
            format!(
                "{}, {}, {}",
                rate(e.tax.am_bidrag),
                rate(e.tax.bundskat),
                rate(e.tax.sundhedsbidrag)
            ),
        ),
        (
            lang.pick("personfradrag pr. år", "personfradrag a year"),
            kr(e.tax.personfradrag),
        ),
        (
            lang.pick("kommunen beholder efter udligning", "kept after udligning"),
            rate(e.udligning_keep),
        ),
        (
            lang.pick("sagsbehandler pr. år", "caseworker a year"),
            kr(e.caseworker_cost),
        ),
        (
            lang.pick("diskonteringsrente pr. år", "discount rate a year"),
            rate(e.discount_rate),
        ),
        (
            lang.pick("reference-sagstal", "reference caseload"),
            number(model.caseload.reference),
        ),
        (
            lang.pick("sagstalselasticiteter", "caseload elasticities"),
            if elasticities.is_empty() {
                lang.pick("ingen", "none").to_string()
            } else {
                elasticities.join(", ")
            },
        ),
    ];
    let rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|(k, v)| vec![text(k), text(v)])
        .collect();
    page.table("assumptions", &[("", false), ("", false)], &rows);
}

/// The uncertain parameters: mean and 5th and 95th percentiles.
fn uncertain(page: &mut Page, lang: Lang, model: &Model, params: &Uncertainty) {
    page.p(
        "",
        lang.pick(
            "Usikre parametre (trukket for hvert forsøg): middelværdi og 5 %- og 95 %-fraktil.",
            "Uncertain parameters (drawn for every trial): mean and 5th and 95th percentiles.",
        ),
    );
    let join = |v: Vec<f64>| v.into_iter().map(number).collect::<Vec<_>>().join(" / ");
    let rows: Vec<Vec<Cell>> = params
        .params
        .iter()
        .map(|q| {
            vec![
                text(crate::model::parameter_label(
                    model,
                    &q.name,
                    lang == Lang::Da,
                )),
                Cell::Num(join(q.dist.mean())),
                Cell::Num(join(q.dist.quantile(0.05))),
                Cell::Num(join(q.dist.quantile(0.95))),
            ]
        })
        .collect();
    let header = [
        ("parameter", false),
        (lang.pick("middelværdi", "mean"), true),
        ("5 %", true),
        ("95 %", true),
    ];
    page.table("uncertain", &header, &rows);
}

/// The scenario's parameters section.
pub fn parameters(page: &mut Page, lang: Lang, model: &Model, params: &Uncertainty) {
    page.h2(
        "parameters",
        lang.pick("Scenariets parametre", "The scenario's parameters"),
    );
    states(page, lang, model);
    arms(page, lang, model);
    assumptions(page, lang, model);
    if !params.is_empty() {
        uncertain(page, lang, model, params);
    }
    page.details(
        lang.pick(
            "Hele scenariet, som `kohort check` viser det (overgangssandsynligheder, refusion …)",
            "The whole scenario as `kohort check` shows it (transition probabilities, refusion …)",
        ),
        &super::describe::describe(model),
    );
}
