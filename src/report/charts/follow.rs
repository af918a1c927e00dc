//! Charts of a follow-up: the forecast's band of one count with the actual months drawn on
//! it, and a distribution before and after the update.

use plotters::prelude::*;

use super::{Axes, BAR, FAN, GREY, MARK, MEDIAN, between, legend, plane, svg, swatch};
use crate::report::words::{Lang, decimal};
use crate::stats::Band;

/// The forecast of a count month by month (median; 50 % and 90 % bands; `bands[m]` is
/// month m + 1, `start` month 0) with the actual counts `actual` (month, count) as red dots.
pub fn observed(
    lang: Lang,
    y_desc: &str,
    (start, bands): (f64, &[Band]),
    actual: &[(u32, f64)],
) -> Result<String, String> {
    let last = actual.iter().map(|a| a.0).max().unwrap_or(0) as usize;
    // Twice the observed span (at least a year), so the months ahead are in view.
    let shown = (2 * last).max(12).min(bands.len());
    let xs: Vec<f64> = (0..=shown).map(|m| m as f64).collect();
    let at = |p: f64| -> Vec<f64> {
        let months = bands[..shown].iter().map(|b| b.at(p));
        std::iter::once(start).chain(months).collect()
    };
    let (lo, hi) = (at(0.05), at(0.95));
    let low = lo
        .iter()
        .chain(actual.iter().map(|a| &a.1))
        .copied()
        .fold(f64::MAX, f64::min);
    let high = hi
        .iter()
        .chain(actual.iter().map(|a| &a.1))
        .copied()
        .fold(0.0, f64::max);
    let pad = 0.08 * (high - low).max(1.0);
    let y = (low - pad).max(0.0)..high + pad;
    svg(340, |root| {
        let axes = Axes {
            x_desc: lang.pick("Måned", "Month"),
            y_desc,
            x_fmt: &|x| decimal(*x, 0),
            y_fmt: &|v| decimal(*v, 0),
            y_grid: true,
        };
        let mut chart = plane(root, (0.0..shown as f64, y), 56, &axes)?;
        for (k, &(p, q, name)) in [(0.05, 0.95, "90 %"), (0.25, 0.75, "50 %")]
            .iter()
            .enumerate()
        {
            let color = FAN[k + 1];
            let band = Polygon::new(between(&xs, &at(p), &at(q)), color.filled());
            let label = format!("{name} {}", lang.pick("af prognosen", "of the forecast"));
            chart
                .draw_series(std::iter::once(band))?
                .label(label)
                .legend(swatch(color));
        }
        chart
            .draw_series(LineSeries::new(
                xs.iter().copied().zip(at(0.5)),
                MEDIAN.stroke_width(2),
            ))?
            .label(lang.pick("Prognosens median", "Forecast median"))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], MEDIAN.stroke_width(2)));
        let dots = actual
            .iter()
            .map(|&(m, v)| Circle::new((m as f64, v), 4, MARK.filled()));
        chart
            .draw_series(dots)?
            .label(lang.pick("Faktisk", "Actual"))
            .legend(|(x, y)| Circle::new((x + 7, y), 4, MARK.filled()));
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

/// Two distributions of one quantity as histograms over the same 30 bins: before (grey
/// outline, equal weights) and after the update (`after`: values with weights summing to 1).
/// Heights are shares of the weight, %.
pub fn before_after(
    lang: Lang,
    x_desc: &str,
    before: &[f64],
    after: (&[f64], &[f64]),
) -> Result<String, String> {
    let bins = crate::follow::rows::histogram(before, after, 30);
    let (lo, hi) = (bins[0][0], bins[bins.len() - 1][1]);
    let width = bins[0][1] - bins[0][0];
    let top = bins.iter().map(|b| b[2].max(b[3])).fold(1.0, f64::max) * 1.1;
    svg(280, |root| {
        let axes = Axes {
            x_desc,
            y_desc: lang.pick("Andel, %", "Share, %"),
            x_fmt: &|x| decimal(*x, if width < 0.1 { 2 } else { 1 }),
            y_fmt: &|v| decimal(*v, 0),
            y_grid: true,
        };
        let mut chart = plane(root, (lo..hi, 0.0..top), 56, &axes)?;
        let bars = |b: &[f64; 4], h: f64, style: ShapeStyle| {
            Rectangle::new([(b[0], 0.0), (b[1], h)], style)
        };
        let after_bars = bins.iter().map(|b| bars(b, b[3], BAR.mix(0.6).filled()));
        chart
            .draw_series(after_bars)?
            .label(lang.pick("Opdateret", "Updated"))
            .legend(swatch(BAR));
        let before_bars = bins.iter().map(|b| bars(b, b[2], GREY.stroke_width(1)));
        chart
            .draw_series(before_bars)?
            .label(lang.pick("Scenariet", "Scenario"))
            .legend(swatch(GREY));
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}
