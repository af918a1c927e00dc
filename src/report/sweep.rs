//! The page of `sweep --report`.

use super::html::{Cell, Page};
use super::run::{basis, subtitle};
use super::sections::{self, anchor};
use super::words::{Lang, decimal, headline, mio, mio_range, pct, short};
use super::{Manifest, charts};
use crate::economics::Perspective;
use crate::model::Model;
use crate::summary::Analysis;
use crate::sweep::{Axis, SweepRow};
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
    /// Index of the best point in `rows`.
    pub best: usize,
    /// The analysis of the baseline and the best point only (arms 0 and 1).
    pub best_model: &'a Model,
    /// … and its analysis.
    pub best_analysis: &'a Analysis,
    /// The scenario's uncertain parameters.
    pub params: &'a Uncertainty,
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
                Cell::Text(if i == r.best {
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
        ("", false),
    ];
    page.table("grid", &header, &rows);
}

/// A warning when the best point is the first or last of the grid: the optimum may lie
/// beyond what was tried.
fn edge_note(lang: Lang, r: &SweepReport<'_>, what: &str) -> Option<String> {
    let (first, last) = (r.rows.first()?, r.rows.last()?);
    if r.rows.len() < 2 || (r.best != 0 && r.best != r.rows.len() - 1) {
        return None;
    }
    let range = format!(
        "{}–{}",
        short(first.value(r.axis)),
        short(last.value(r.axis))
    );
    let beyond = match (lang, r.best == 0) {
        (Lang::Da, true) => "lavere",
        (Lang::Da, false) => "højere",
        (Lang::En, true) => "lower",
        (Lang::En, false) => "higher",
    };
    Some(match lang {
        Lang::Da => format!(
            "Bemærk: det bedste punkt ligger i kanten af det afprøvede område ({range}); \
             prøv også {beyond} {what}."
        ),
        Lang::En => format!(
            "Note: the best point is at the edge of the grid tried ({range}); try {beyond} \
             values of the {what} too."
        ),
    })
}

/// The page of `kohort sweep --report`: the best point's headline, saving against the swept
/// value with its band and the best point marked, the grid as a table, then the best point's
/// fan, break-even and occupancy (against the baseline), parameters and manifest.
pub fn sweep_page(lang: Lang, r: &SweepReport<'_>, m: &Manifest) -> Result<String, String> {
    let (what, x_desc) = axis_words(lang, r.axis);
    let best_value = r.rows[r.best].value(r.axis);
    let mut page = Page::new(lang, &r.model.name);
    page.p("sub", &subtitle(lang, r.model, m));
    let summary = r.best_analysis.arm(1, r.perspective);
    page.p(
        "headline",
        &format!(
            "{} {what}: {} ({} {}). {}",
            lang.pick(
                "Størst gennemsnitlig besparelse ved",
                "Largest mean saving at"
            ),
            short(best_value),
            lang.pick("sandsynlighed for gevinst", "chance of a gain"),
            pct(summary.p_gain),
            headline(lang, r.best_model, summary)
        ),
    );
    page.p("note", &basis(lang, r.best_model, m.trials));
    page.p("note", &super::words::prices(lang, r.best_model));
    if let Some(edge) = edge_note(lang, r, what) {
        page.p("warning", &edge);
    }
    if r.rows.iter().any(|row| row.effect_held > 0.0) {
        let (lo, hi) = r.model.caseload.valid;
        page.p(
            "warning",
            &match lang {
                Lang::Da => format!(
                    "Punkter med sagstal uden for {}–{}, det område forskningen dækker, har effekten holdt på sin værdi ved kanten; den fremskrives ikke.",
                    short(lo),
                    short(hi)
                ),
                Lang::En => format!(
                    "At points with caseloads outside {}–{}, the range the evidence covers, the effect is held at its value at the edge, not extrapolated.",
                    short(lo),
                    short(hi)
                ),
            },
        );
    }
    page.h2(
        "sweep",
        &format!("{} {what}", lang.pick("Besparelse efter", "Saving by")),
    );
    let chart = charts::sweep(lang, x_desc, r.axis, r.rows, r.best)?;
    let caption = lang.pick(
        "Nettobesparelse i alt (diskonteret): gennemsnit og 90 %-bånd; punktet med størst gennemsnit markeret med sin sandsynlighed for gevinst",
        "Total net saving (discounted): mean and 90 % band; the point with the largest mean marked with its chance of a gain",
    );
    page.figure("sweep-chart", caption, &chart);
    grid(&mut page, lang, r);
    let name = &r.best_model.arms[1].name;
    page.h2(
        &format!("arm-{}", anchor(name)),
        &format!(
            "{} {what} {} (P({}) {})",
            lang.pick("Størst gennemsnitlig besparelse:", "Largest mean saving:"),
            short(best_value),
            lang.pick("gevinst", "gain"),
            pct(summary.p_gain)
        ),
    );
    sections::savings(
        &mut page,
        lang,
        r.best_model,
        r.best_analysis,
        1,
        r.perspective,
    )?;
    sections::occupancy(&mut page, lang, r.best_model, r.best_analysis, &[0, 1])?;
    super::parameters::parameters(&mut page, lang, r.model, r.params);
    sections::manifest(&mut page, lang, m);
    Ok(page.finish())
}
