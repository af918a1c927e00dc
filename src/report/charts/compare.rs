//! Charts that compare choices: saving against caseload (sweep) and the tornado.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Axes, FAN, GREY, LOW_HIGH, MARK, MEDIAN, between, font, legend, padded, plane, svg, swatch,
};
use crate::model::{Model, parameter_label};
use crate::report::words::{Lang, decimal, pct, short};
use crate::sweep::{Axis, SweepRow};
use crate::tornado::Tornado;

/// Total net saving against the swept value of each row, mio. kr.: the mean line, the
/// 90 % band (p5–p95 across trials), the zero line and the point `best`, if any, marked and
/// labelled.
pub fn sweep(
    lang: Lang,
    x_desc: &str,
    axis: Axis,
    rows: &[SweepRow],
    best: Option<usize>,
) -> Result<String, String> {
    let xs: Vec<f64> = rows.iter().map(|r| r.value(axis)).collect();
    let mio = |f: fn(&SweepRow) -> f64| rows.iter().map(|r| f(r) / 1e6).collect::<Vec<f64>>();
    let (p5, p95, mean) = (
        mio(|r| r.savings_p5),
        mio(|r| r.savings_p95),
        mio(|r| r.savings_mean),
    );
    let (x0, x1) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let xpad = if x1 > x0 { 0.03 * (x1 - x0) } else { 1.0 };
    let y = padded(
        p5.iter().copied().fold(0.0, f64::min),
        p95.iter().copied().fold(0.0, f64::max),
    );
    svg(380, |root| {
        let x_fmt = |v: &f64| short(*v);
        let axes = Axes {
            x_desc,
            y_desc: lang.pick(
                "Nettobesparelse i alt, mio. kr.",
                "Total net saving, mio. kr.",
            ),
            x_fmt: &x_fmt,
            y_fmt: &|v| decimal(*v, 1),
            y_grid: true,
        };
        let mut chart = plane(root, (x0 - xpad..x1 + xpad, y.clone()), 64, &axes)?;
        chart
            .draw_series(std::iter::once(Polygon::new(
                between(&xs, &p5, &p95),
                FAN[1].filled(),
            )))?
            .label("90 % interval")
            .legend(swatch(FAN[1]));
        chart
            .draw_series(
                LineSeries::new(
                    xs.iter().copied().zip(mean.iter().copied()),
                    MEDIAN.stroke_width(2),
                )
                .point_size(3),
            )?
            .label(lang.pick("Gennemsnit", "Mean"))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], MEDIAN.stroke_width(2)));
        chart.draw_series(LineSeries::new(
            [(x0 - xpad, 0.0), (x1 + xpad, 0.0)],
            GREY.stroke_width(1),
        ))?;
        if let Some(best) = best {
            let (bx, by) = (xs[best], mean[best]);
            chart.draw_series(std::iter::once(Circle::new((bx, by), 7, MARK.filled())))?;
            let (px, py) = chart.backend_coord(&(bx, by));
            let label = format!(
                "{} {} (P({}) {})",
                lang.pick("Bedst:", "Best:"),
                short(bx),
                lang.pick("gevinst", "gain"),
                pct(rows[best].p_gain)
            );
            root.draw(&Text::new(
                label,
                (px, py - 12),
                font(13)
                    .color(&MARK)
                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))?;
        }
        legend(&mut chart, SeriesLabelPosition::LowerRight)
    })
}

/// The tornado: for each parameter (largest swing at the top) a bar from the saving with every
/// parameter at its mean to the saving with this one at its low value, and one to its high
/// value, mio. kr.; the parameter names on the left.
pub fn tornado(lang: Lang, model: &Model, t: &Tornado) -> Result<String, String> {
    let n = t.rows.len();
    let base = t.base / 1e6;
    let ends = t
        .rows
        .iter()
        .flat_map(|r| [r.savings_low / 1e6, r.savings_high / 1e6]);
    let (lo, hi) = ends.fold((base, base), |(a, b), v| (a.min(v), b.max(v)));
    let pad = if hi > lo { 0.08 * (hi - lo) } else { 1.0 };
    svg(130 + 40 * n as u32, |root| {
        let axes = Axes {
            x_desc: lang.pick(
                "Nettobesparelse i alt, mio. kr.",
                "Total net saving, mio. kr.",
            ),
            y_desc: "",
            x_fmt: &|v| decimal(*v, 1),
            y_fmt: &|_| String::new(),
            y_grid: false,
        };
        let y = -0.5..n as f64 + 1.2;
        let mut chart = plane(root, (lo - pad..hi + pad, y), 330, &axes)?;
        for (i, r) in t.rows.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            for (k, v) in [r.savings_low, r.savings_high].into_iter().enumerate() {
                let s = chart.draw_series(std::iter::once(Rectangle::new(
                    [(base, y - 0.35), (v / 1e6, y + 0.35)],
                    LOW_HIGH[k].filled(),
                )))?;
                if i == 0 {
                    s.label(lang.pick(
                        ["parameter lav (5 %)", "parameter høj (95 %)"][k],
                        ["parameter low (5th pct.)", "parameter high (95th pct.)"][k],
                    ))
                    .legend(swatch(LOW_HIGH[k]));
                }
            }
            let (px, py) = chart.backend_coord(&(lo - pad, y));
            root.draw(&Text::new(
                parameter_label(model, &r.parameter, lang == Lang::Da),
                (px - 8, py),
                font(12).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        chart.draw_series(LineSeries::new(
            [(base, -0.5), (base, n as f64 - 0.5)],
            BLACK.stroke_width(1),
        ))?;
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}
