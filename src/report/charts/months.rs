//! Charts by month: the fan of cumulative net savings, occupancy by state, and when the
//! investment breaks even.

use plotters::prelude::*;

use super::{
    Axes, BAR, FAN, GREY, MARK, MEDIAN, STATES, between, font, legend, padded, plane, svg, swatch,
};
use crate::report::words::{Lang, decimal, pct};
use crate::stats::Band;

/// Fan chart of cumulative net savings, mio. kr., from month 0 (0 kr.) to the horizon:
/// median line; 50 %, 90 % and 95 % bands (p25–p75, p5–p95, p2.5–p97.5 across trials);
/// the zero line; and a vertical line at the median break-even month, when there is one.
/// `bands[m]` is month m + 1.
pub fn fan(lang: Lang, bands: &[Band], breakeven: Option<u32>) -> Result<String, String> {
    let xs: Vec<f64> = (0..=bands.len()).map(|m| m as f64).collect();
    let at = |p: f64| -> Vec<f64> {
        std::iter::once(0.0)
            .chain(bands.iter().map(|b| b.at(p) / 1e6))
            .collect()
    };
    let (lo, hi) = (at(0.025), at(0.975));
    let y = padded(
        lo.iter().copied().fold(0.0, f64::min),
        hi.iter().copied().fold(0.0, f64::max),
    );
    svg(360, |root| {
        let axes = Axes {
            x_desc: lang.pick("Måned", "Month"),
            y_desc: lang.pick(
                "Kumuleret nettobesparelse, mio. kr.",
                "Cumulative net saving, mio. kr.",
            ),
            x_fmt: &|x| decimal(*x, 0),
            y_fmt: &|v| decimal(*v, 1),
            y_grid: true,
        };
        let mut chart = plane(root, (0.0..bands.len() as f64, y.clone()), 64, &axes)?;
        let bands_drawn = [
            (0.025, 0.975, "95 %"),
            (0.05, 0.95, "90 %"),
            (0.25, 0.75, "50 %"),
        ];
        for (k, &(p, q, name)) in bands_drawn.iter().enumerate() {
            let color = FAN[k];
            chart
                .draw_series(std::iter::once(Polygon::new(
                    between(&xs, &at(p), &at(q)),
                    color.filled(),
                )))?
                .label(format!("{name} interval"))
                .legend(swatch(color));
        }
        chart
            .draw_series(LineSeries::new(
                xs.iter().copied().zip(at(0.5)),
                MEDIAN.stroke_width(2),
            ))?
            .label("Median")
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], MEDIAN.stroke_width(2)));
        chart.draw_series(LineSeries::new(
            [(0.0, 0.0), (bands.len() as f64, 0.0)],
            GREY.stroke_width(1),
        ))?;
        if let Some(m) = breakeven {
            let m = m as f64;
            chart
                .draw_series(DashedLineSeries::new(
                    [(m, y.start), (m, y.end)],
                    6,
                    4,
                    MARK.stroke_width(2),
                ))?
                .label(format!(
                    "{} {}",
                    lang.pick("Tjent hjem (median), måned", "Break-even (median), month"),
                    m
                ))
                .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], MARK.stroke_width(2)));
        }
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

/// Stacked mean occupancy by state, from month 0 to the horizon, with a legend of the states
/// that are ever occupied, top of the stack first. `means[s][m]` is state s in month m.
pub fn occupancy(labels: &[&str], means: &[Vec<f64>], lang: Lang) -> Result<String, String> {
    let months = means.first().map_or(0, |v| v.len().saturating_sub(1));
    let xs: Vec<f64> = (0..=months).map(|m| m as f64).collect();
    let mut cumulative = vec![vec![0.0; months + 1]];
    for row in means {
        let below = cumulative.last().expect("starts with zeros");
        cumulative.push(below.iter().zip(row).map(|(a, b)| a + b).collect());
    }
    let top = cumulative
        .last()
        .map_or(1.0, |c| c.iter().copied().fold(1.0, f64::max));
    svg(360, |root| {
        let (left, right) = root.split_horizontally(540);
        let axes = Axes {
            x_desc: lang.pick("Måned", "Month"),
            y_desc: lang.pick("Borgere (gennemsnit)", "Citizens (mean)"),
            x_fmt: &|x| decimal(*x, 0),
            y_fmt: &|v| decimal(*v, 0),
            y_grid: true,
        };
        let mut chart = plane(&left, (0.0..months as f64, 0.0..top * 1.02), 56, &axes)?;
        let occupied: Vec<usize> = (0..means.len())
            .filter(|&s| means[s].iter().any(|&v| v > 0.0))
            .collect();
        for &s in &occupied {
            let color = STATES[s % STATES.len()];
            chart.draw_series(std::iter::once(Polygon::new(
                between(&xs, &cumulative[s], &cumulative[s + 1]),
                color.filled(),
            )))?;
        }
        for (row, &s) in occupied.iter().rev().enumerate() {
            let y = 24 + 22 * row as i32;
            right.draw(&swatch(STATES[s % STATES.len()])((4, y)))?;
            right.draw(&Text::new(labels[s].to_string(), (24, y - 7), font(13)))?;
        }
        Ok(())
    })
}

/// The distribution of the break-even month across trials: the share of trials breaking
/// even in each month, and a grey bar for those that never do within the horizon.
pub fn breakeven(lang: Lang, months: u32, when: &[Option<u32>]) -> Result<String, String> {
    let n = when.len().max(1) as f64;
    let mut share = vec![0.0; months as usize + 1];
    for m in when.iter().flatten() {
        share[*m as usize] += 100.0 / n;
    }
    let never = 100.0 * when.iter().filter(|m| m.is_none()).count() as f64 / n;
    let never_x = months as f64 + 3.0;
    let top = share.iter().copied().fold(never, f64::max).max(1.0) * 1.15;
    svg(280, |root| {
        let x_fmt = |x: &f64| {
            if *x <= months as f64 {
                decimal(*x, 0)
            } else {
                String::new()
            }
        };
        let axes = Axes {
            x_desc: lang.pick(
                "Måned, hvor investeringen er tjent hjem",
                "Month the investment breaks even",
            ),
            y_desc: lang.pick("Andel af forsøg, %", "Share of trials, %"),
            x_fmt: &x_fmt,
            y_fmt: &|v| decimal(*v, 0),
            y_grid: true,
        };
        let mut chart = plane(root, (0.0..never_x + 2.0, 0.0..top), 56, &axes)?;
        let bar = |x: f64, h: f64, color: RGBColor| {
            Rectangle::new([(x - 0.4, 0.0), (x + 0.4, h)], color.filled())
        };
        chart.draw_series(
            share
                .iter()
                .enumerate()
                .filter(|(_, h)| **h > 0.0)
                .map(|(m, &h)| bar(m as f64, h, BAR)),
        )?;
        chart.draw_series(std::iter::once(bar(never_x, never, GREY)))?;
        let label = format!("{} {}", lang.pick("aldrig", "never"), pct(never / 100.0));
        let (px, py) = chart.backend_coord(&(never_x, never));
        root.draw(&Text::new(
            label,
            (px, py - 6),
            font(12).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Right,
                plotters::style::text_anchor::VPos::Bottom,
            )),
        ))?;
        Ok(())
    })
}
