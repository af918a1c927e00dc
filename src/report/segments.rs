//! The report's table of an arm's saving by segment.

use super::html::{Cell, Page};
use super::sections::anchor;
use super::words::{Lang, mio, mio_range, pct};
use crate::economics::Perspective;
use crate::model::Model;
use crate::summary::Analysis;

/// Arm `arm`'s saving from perspective `p` by segment, with the citizens each segment has
/// at the start and after the last month (nothing without segments).
pub fn table(
    page: &mut Page,
    lang: Lang,
    model: &Model,
    a: &Analysis,
    (arm, p): (usize, Perspective),
) {
    let rows: Vec<Vec<Cell>> = a
        .segments
        .iter()
        .filter(|r| r.arm == arm && r.perspective == p)
        .map(|r| {
            let start = model.segment_size(r.segment);
            let b = &r.savings_total;
            vec![
                Cell::Text(model.segments[r.segment].label.clone()),
                Cell::Num(start.to_string()),
                Cell::Num(mio(b.mean)),
                Cell::Num(mio_range(lang, b.at(0.05), b.at(0.95))),
                Cell::Num(pct(r.p_gain)),
                Cell::Num(r.breakeven_p50.map_or("–".into(), |m| m.to_string())),
            ]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    page.p(
        "",
        &format!(
            "{} {} ({}):",
            lang.pick(
                "Besparelse efter segment, mio. kr., diskonteret, for",
                "Saving by segment, mio. kr., discounted, for"
            ),
            model.arms[arm].label,
            p.label(lang == Lang::Da)
        ),
    );
    let header = [
        (lang.pick("segment", "segment"), false),
        (lang.pick("borgere ved start", "citizens at start"), true),
        (lang.pick("middel", "mean"), true),
        (lang.pick("90 %-interval", "90 % interval"), true),
        (lang.pick("P(gevinst)", "P(gain)"), true),
        (lang.pick("break-even (måned)", "break-even (month)"), true),
    ];
    page.table(
        &format!("segments-{}", anchor(&model.arms[arm].name)),
        &header,
        &rows,
    );
    page.p(
        "note",
        lang.pick(
            "Hvert segments borgere med deres egne ydelser, skat, refusion og indsatsudgifter; sagsbehandlerne fordelt efter segmentets andel af sagerne. Segmenterne summer til armen.",
            "Each segment's citizens with their own benefits, tax, refusion and intervention costs; the caseworkers shared by the segment's share of the cases. The segments add up to the arm.",
        ),
    );
}
