//! The page of `sweep --report`.

use super::html::{Cell, Page};
use super::run::{basis, subtitle};
use super::sections::{self, anchor};
use super::words::{Lang, decimal, headline, mio, mio_range, pct, short};
use super::{Manifest, charts};
use crate::economics::Perspective;
use crate::model::Model;
use crate::summary::Analysis;
use crate::sweep::{Axis, Best, Edge, SweepRow};
use crate::uncertainty::Uncertainty;

/// What `kohort sweep --report` shows.
pub struct SweepReport<'a> {
    /// The swept scenario: the baseline, then one arm per grid point.
    pub model: &'a Model,
    /// The grid, one row per point, in the order of the arms.
    pub rows: &'a [SweepRow],
    /// The axis swept.
    pub axis: Axis,
    /// Whose savings.
    pub perspective: Perspective,
    /// The point named best ([`crate::sweep::best`]), if any, analysed.
    pub best: Option<BestPoint<'a>>,
    /// The scenario's uncertain parameters.
    pub params: &'a Uncertainty,
}

/// The best point of a sweep, analysed against the baseline.
pub struct BestPoint<'a> {
    /// Which point, and whether it lies at an edge.
    pub at: Best,
    /// The baseline and the best point only (arms 0 and 1).
    pub model: &'a Model,
    /// … and its analysis.
    pub analysis: &'a Analysis,
}

/// The axis in words: (what the best point is, the chart's x description).
fn axis_words(lang: Lang, axis: Axis) -> (&'static str, &'static str) {
    match axis {
        Axis::Caseload => (
            lang.pick("sagstal", "caseload"),
            lang.pick(
                "Sagstal (borgere pr. sagsbehandler)",
                "Caseload (citizens per caseworker)",
            ),
        ),
        Axis::Caseworkers => (
            lang.pick("antal sagsbehandlere", "number of caseworkers"),
            lang.pick("Sagsbehandlere", "Caseworkers"),
        ),
    }
}

/// The grid as a table, the best point marked.
fn grid(page: &mut Page, lang: Lang, r: &SweepReport<'_>) {
    let rows: Vec<Vec<Cell>> = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            vec![
                Cell::Num(short(row.caseload)),
                Cell::Num(decimal(row.caseworkers, 1)),
                Cell::Num(mio(row.savings_mean)),
                Cell::Num(mio_range(lang, row.savings_p5, row.savings_p95)),
                Cell::Num(pct(row.p_gain)),
                Cell::Num(row.breakeven_p50.map_or("–".into(), |m| m.to_string())),
                Cell::Num(mio(row.savings_mean_no_effect)),
                Cell::Num(row.savings_mean_evidence.map_or("–".into(), mio)),
                Cell::Num(pays_if(lang, row)),
                Cell::Text(if r.best.as_ref().is_some_and(|b| b.at.index == i) {
                    lang.pick("◀ bedst", "◀ best").into()
                } else {
                    String::new()
                }),
            ]
        })
        .collect();
    let header = [
        (lang.pick("sagstal", "caseload"), true),
        (lang.pick("sagsbehandlere", "caseworkers"), true),
        ("mio. kr.", true),
        (lang.pick("90 %-interval", "90 % interval"), true),
        (lang.pick("P(gevinst)", "P(gain)"), true),
        (lang.pick("tjent hjem, måned", "pays back, month"), true),
        (
            lang.pick("uden effekt, mio. kr.", "no effect, mio. kr."),
            true,
        ),
        (
            lang.pick(
                "effekt som forskningen, mio. kr.",
                "effect as researched, mio. kr.",
            ),
            true,
        ),
        ("", false),
    ];
    page.table("grid", &header, &rows);
}

/// A point's break-even job elasticity: `≥ 0,652`, `≤ 0,300`, `altid`, `aldrig`, `–`.
fn pays_if(lang: Lang, r: &SweepRow) -> String {
    match (r.pays_if, r.breakeven_elasticity) {
        ("above", Some(e)) => format!("≥ {}", decimal(e, 3)),
        ("below", Some(e)) => format!("≤ {}", decimal(e, 3)),
        ("always", _) => lang.pick("altid", "always").into(),
        ("never", _) => lang.pick("aldrig", "never").into(),
        _ => "–".into(),
    }
}

/// A warning when the best point lies at an edge: of the range the evidence covers (the data
/// say nothing beyond it) or of the grid tried.
fn edge_note(lang: Lang, r: &SweepReport<'_>, at: Best, what: &str) -> Option<String> {
    let (first, last) = (r.rows.first()?, r.rows.last()?);
    let (lo, hi) = r.model.caseload.valid;
    Some(match (at.edge?, lang) {
        (Edge::Evidence, Lang::Da) => format!(
            "Bemærk: det bedste punkt ligger i kanten af det område, forskningen dækker \
             (sagstal {}–{}); data siger intet om, hvad der sker ud over det.",
            short(lo),
            short(hi)
        ),
        (Edge::Evidence, Lang::En) => format!(
            "Note: the best point is at the edge of the range the evidence covers (caseloads \
             {}–{}); the data say nothing beyond it.",
            short(lo),
            short(hi)
        ),
        (Edge::Grid, Lang::Da) => format!(
            "Bemærk: det bedste punkt ligger i kanten af det afprøvede område ({}–{}); prøv også \
             værdier ud over det for {what}.",
            short(first.value(r.axis)),
            short(last.value(r.axis))
        ),
        (Edge::Grid, Lang::En) => format!(
            "Note: the best point is at the edge of the grid tried ({}–{}); try values of the \
             {what} beyond it too.",
            short(first.value(r.axis)),
            short(last.value(r.axis))
        ),
    })
}

/// What the best point's saving rests on: its mean with no effect at all and with the
/// caseload effect at the research's centre.
fn effects_note(lang: Lang, row: &SweepRow) -> String {
    let none = (mio(row.savings_mean_no_effect), pct(row.p_gain_no_effect));
    let evidence = row
        .savings_mean_evidence
        .zip(row.p_gain_evidence)
        .map(|(m, p)| (mio(m), pct(p)));
    match (lang, evidence) {
        (Lang::Da, Some(e)) => format!(
            "Det bedste punkt uden nogen effekt: {} mio. kr. (P(gevinst) {}); med sagstalseffekten \
             som forskningens midte: {} mio. kr. (P(gevinst) {}).",
            none.0, none.1, e.0, e.1
        ),
        (Lang::Da, None) => format!(
            "Det bedste punkt uden nogen effekt: {} mio. kr. (P(gevinst) {}); scenariet angiver \
             ingen forskningsbaseret effekt at sammenligne med.",
            none.0, none.1
        ),
        (Lang::En, Some(e)) => format!(
            "The best point with no effect at all: {} mio. kr. (P(gain) {}); with the caseload \
             effect at the research's centre: {} mio. kr. (P(gain) {}).",
            none.0, none.1, e.0, e.1
        ),
        (Lang::En, None) => format!(
            "The best point with no effect at all: {} mio. kr. (P(gain) {}); the scenario states \
             no research effect to set beside it.",
            none.0, none.1
        ),
    }
}

/// The page of `kohort sweep --report`: the best point's headline (or why none is named),
/// saving against the swept value with its band and the best point marked, the grid as a
/// table, then the best point's fan, break-even and occupancy (against the baseline),
/// parameters and manifest.
pub fn sweep_page(lang: Lang, r: &SweepReport<'_>, m: &Manifest) -> Result<String, String> {
    let (what, x_desc) = axis_words(lang, r.axis);
    let mut page = Page::new(lang, &r.model.name);
    page.p("sub", &subtitle(lang, r.model, m));
    let (lo, hi) = (
        short(r.model.caseload.valid.0),
        short(r.model.caseload.valid.1),
    );
    match &r.best {
        Some(b) => {
            let summary = b.analysis.arm(1, r.perspective);
            page.p(
                "headline",
                &format!(
                    "{} {what}: {} ({} {}). {}",
                    match lang {
                        Lang::Da => format!(
                            "Størst gennemsnitlig besparelse inden for det område, forskningen \
                             dækker (sagstal {lo}–{hi}), ved"
                        ),
                        Lang::En => format!(
                            "Largest mean saving within the range the evidence covers \
                             (caseloads {lo}–{hi}) at"
                        ),
                    },
                    short(r.rows[b.at.index].value(r.axis)),
                    lang.pick("sandsynlighed for gevinst", "chance of a gain"),
                    pct(summary.p_gain),
                    headline(lang, b.model, summary)
                ),
            );
            page.p("note", &basis(lang, b.model, m.trials));
            page.p("note", &super::words::prices(lang, b.model));
            if let Some(edge) = edge_note(lang, r, b.at, what) {
                page.p("warning", &edge);
            }
            page.p("note", &effects_note(lang, &r.rows[b.at.index]));
        }
        None => {
            page.p(
                "headline",
                &match lang {
                    Lang::Da => format!(
                        "Intet punkt ligger helt inden for det område, forskningen dækker (sagstal \
                     {lo}–{hi}), så intet punkt udpeges som det bedste."
                    ),
                    Lang::En => format!(
                        "No point lies wholly within the range the evidence covers (caseloads \
                     {lo}–{hi}), so no point is named best."
                    ),
                },
            );
        }
    }
    if r.rows.iter().any(|row| row.effect_held > 0.0) {
        page.p(
            "warning",
            &match lang {
                Lang::Da => format!(
                    "Punkter med sagstal uden for {lo}–{hi}, det område forskningen dækker, har effekten holdt på sin værdi ved kanten; den fremskrives ikke, og de kan ikke udpeges som bedste punkt."
                ),
                Lang::En => format!(
                    "At points with caseloads outside {lo}–{hi}, the range the evidence covers, the effect is held at its value at the edge, not extrapolated; they cannot be named best."
                ),
            },
        );
    }
    page.h2(
        "sweep",
        &format!("{} {what}", lang.pick("Besparelse efter", "Saving by")),
    );
    let best = r.best.as_ref().map(|b| b.at.index);
    let chart = charts::sweep(lang, x_desc, r.axis, r.rows, best)?;
    let caption = lang.pick(
        "Nettobesparelse i alt (diskonteret): gennemsnit og 90 %-bånd; det bedste punkt inden for forskningens område markeret med sin sandsynlighed for gevinst",
        "Total net saving (discounted): mean and 90 % band; the best point within the evidence's range marked with its chance of a gain",
    );
    page.figure("sweep-chart", caption, &chart);
    grid(&mut page, lang, r);
    if let Some(b) = &r.best {
        let summary = b.analysis.arm(1, r.perspective);
        let name = &b.model.arms[1].name;
        page.h2(
            &format!("arm-{}", anchor(name)),
            &format!(
                "{} {what} {} (P({}) {})",
                lang.pick("Størst gennemsnitlig besparelse:", "Largest mean saving:"),
                short(r.rows[b.at.index].value(r.axis)),
                lang.pick("gevinst", "gain"),
                pct(summary.p_gain)
            ),
        );
        sections::savings(&mut page, lang, b.model, b.analysis, 1, r.perspective)?;
        sections::occupancy(&mut page, lang, b.model, b.analysis, &[0, 1])?;
    }
    super::parameters::parameters(&mut page, lang, r.model, r.params);
    sections::manifest(&mut page, lang, m);
    Ok(page.finish())
}
