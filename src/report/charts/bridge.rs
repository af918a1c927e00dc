//! The bridge as a waterfall: the case's published figure and own arithmetic, each step as a
//! bar from the running total before it to the total after it, and kohort's headline.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Axes, BAR, GREY, MARK, MEDIAN, font, plane, svg};
use crate::bridge::Bar;
use crate::bridge::Bridge;
use crate::report::words::{Lang, decimal};
use crate::words::bridge as words;

/// Gains of a step (a bar to the right).
const UP: RGBColor = RGBColor(65, 171, 93);

/// One row per bar, top down: where it starts and ends, mio. kr.
fn rows(b: &Bridge) -> Vec<(Bar, f64, f64)> {
    let mut total = 0.0;
    b.bars()
        .into_iter()
        .map(|v| {
            let (bar, mean) = (v.bar, v.mean);
            let x = mean / 1e6;
            match bar {
                Bar::Published => (bar, 0.0, x),
                Bar::Arithmetic | Bar::Headline => {
                    total = x;
                    (bar, 0.0, x)
                }
                Bar::Step(_) => {
                    let start = total;
                    total += x;
                    (bar, start, total)
                }
            }
        })
        .collect()
}

/// The waterfall of `b`, labelled in `lang`.
pub fn waterfall(lang: Lang, b: &Bridge) -> Result<String, String> {
    let rows = rows(b);
    let n = rows.len();
    let (lo, hi) = rows.iter().fold((0.0f64, 0.0f64), |(a, z), (_, s, e)| {
        (a.min(s.min(*e)), z.max(s.max(*e)))
    });
    let pad = if hi > lo { 0.08 * (hi - lo) } else { 1.0 };
    svg(90 + 34 * n as u32, |root| {
        let axes = Axes {
            x_desc: lang.pick(
                "Mio. kr. (middel over forsøg)",
                "Mio. kr. (mean over trials)",
            ),
            y_desc: "",
            x_fmt: &|v| decimal(*v, 1),
            y_fmt: &|_| String::new(),
            y_grid: false,
        };
        let mut chart = plane(root, (lo - pad..hi + pad, -0.6..n as f64 - 0.4), 330, &axes)?;
        for (i, (bar, start, end)) in rows.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            let color = match bar {
                Bar::Published => GREY,
                Bar::Arithmetic => BAR,
                Bar::Headline => MEDIAN,
                Bar::Step(_) if end >= start => UP,
                Bar::Step(_) => MARK,
            };
            chart.draw_series(std::iter::once(Rectangle::new(
                [(*start, y - 0.32), (*end, y + 0.32)],
                color.filled(),
            )))?;
            let (vx, vy) = chart.backend_coord(&(start.max(*end), y));
            root.draw(&Text::new(
                decimal(end - start, 1),
                (vx + 4, vy),
                font(11).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            let (px, py) = chart.backend_coord(&(lo - pad, y));
            root.draw(&Text::new(
                words::label(lang, *bar),
                (px - 8, py),
                font(12).pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        chart.draw_series(LineSeries::new(
            [(0.0, -0.6), (0.0, n as f64 - 0.4)],
            BLACK.stroke_width(1),
        ))?;
        Ok(())
    })
}
