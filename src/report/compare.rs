//! The page of `kohort compare --report`: one headline sentence per scenario, then the table.

use super::html::{Cell, Page};
use super::words::{Lang, decimal, headline, mio_range, pct};
use crate::compare::CompareRow;
use crate::economics::Perspective;
use crate::model::Model;

/// The comparison page: `rows` (one per scenario, in order), each with its model, from
/// perspective `p`; `command` the command line that made it.
pub fn compare_page(
    lang: Lang,
    rows: &[(&Model, CompareRow)],
    p: Perspective,
    command: &str,
) -> Result<String, String> {
    let title = lang.pick("Scenarier side om side", "Scenarios side by side");
    let mut page = Page::new(lang, title);
    page.p(
        "sub",
        &match lang {
            Lang::Da => format!(
                "Hvert scenaries første alternativ mod dets egen basislinje, set fra {} (diskonteret nettobesparelse over scenariets egen horisont). Kommando: {command}",
                p.label(true)
            ),
            Lang::En => format!(
                "Each scenario's first arm against its own baseline, for {} (discounted net saving over the scenario's own horizon). Command: {command}",
                p.label(false)
            ),
        },
    );
    for (model, r) in rows {
        page.p(
            "headline",
            &format!("{}: {}", model.name, headline(lang, model, &r.summary)),
        );
    }
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .map(|(model, r)| {
            let s = &r.summary;
            let b = &s.savings_total;
            vec![
                Cell::Text(model.name.clone()),
                Cell::Text(model.arms[1].label.clone()),
                Cell::Text(r.does.clone()),
                Cell::Num(r.months.to_string()),
                Cell::Num(decimal(b.mean / 1e6, 1)),
                Cell::Num(mio_range(lang, b.at(0.05), b.at(0.95))),
                Cell::Num(pct(s.p_gain)),
                Cell::Num(s.breakeven_p50.map_or("–".into(), |m| m.to_string())),
                Cell::Num(s.roi.map_or("–".into(), |x| decimal(x, 2))),
            ]
        })
        .collect();
    let header = [
        (lang.pick("scenarie", "scenario"), false),
        (lang.pick("alternativ", "arm"), false),
        (lang.pick("hvad det gør", "what it does"), false),
        (lang.pick("måneder", "months"), true),
        (lang.pick("middel, mio. kr.", "mean, mio. kr."), true),
        (lang.pick("90 %-interval", "90 % interval"), true),
        (lang.pick("P(gevinst)", "P(gain)"), true),
        (lang.pick("tjent hjem, måned", "break-even, month"), true),
        ("ROI", true),
    ];
    page.table("compare", &header, &table);
    page.p(
        "note",
        lang.pick(
            "Horisont, kohorte og priser er hvert scenaries egne: sammenlign sandsynligheden for gevinst og intervallerne, og læs et middel i forhold til sin horisont.",
            "Horizons, cohorts and prices are each scenario's own: compare the chance of a gain and the intervals, and read a mean against its horizon.",
        ),
    );
    Ok(page.finish())
}
