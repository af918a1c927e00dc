//! The report's charts, drawn with plotters to SVG strings that the page inlines.
//!
//! Charts by month (fan of savings, occupancy, break-even) are in [`months`]; charts comparing
//! choices (sweep, tornado) in [`compare`]. Colours are opaque, so a screenshot shows them
//! exactly (the screenshot test looks for them).

mod bridge;
mod compare;
mod follow;
mod months;

pub use bridge::waterfall;
pub use compare::{sweep, tornado};
pub use follow::{before_after, observed};
pub use months::{breakeven, fan, occupancy};

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// The charts' colours as RGB triples, for tests that look at a rendered page: the fan's three
/// bands and the break-even bars.
pub fn palette() -> Vec<(&'static str, (u8, u8, u8))> {
    let rgb = |c: RGBColor| (c.0, c.1, c.2);
    vec![
        ("fan 95 %", rgb(FAN[0])),
        ("fan 90 %", rgb(FAN[1])),
        ("fan 50 %", rgb(FAN[2])),
        ("break-even bars", rgb(BAR)),
    ]
}

/// The fill of state `s` in occupancy charts, as RGB.
pub fn state_rgb(s: usize) -> (u8, u8, u8) {
    let c = STATES[s % STATES.len()];
    (c.0, c.1, c.2)
}

/// Anything that went wrong while drawing.
pub type Drawn = Result<(), Box<dyn std::error::Error>>;

/// Width of every chart, px.
pub const WIDTH: u32 = 760;

/// Fan chart fills: the 95 %, 90 % and 50 % bands.
pub const FAN: [RGBColor; 3] = [
    RGBColor(222, 235, 247),
    RGBColor(158, 202, 225),
    RGBColor(66, 146, 198),
];
/// The median line of a fan, and the mean line of a sweep.
pub const MEDIAN: RGBColor = RGBColor(8, 48, 107);
/// Break-even marks and the best point of a sweep.
pub const MARK: RGBColor = RGBColor(203, 24, 29);
/// Bars of the break-even distribution.
pub const BAR: RGBColor = RGBColor(49, 130, 189);
/// Tornado bars: the parameter at its low and at its high value.
pub const LOW_HIGH: [RGBColor; 2] = [RGBColor(253, 174, 107), RGBColor(107, 174, 214)];
/// Grid lines.
pub const GRID: RGBColor = RGBColor(228, 228, 228);
/// Grey for "never" and for the zero line.
pub const GREY: RGBColor = RGBColor(150, 150, 150);

/// Fills of the states in an occupancy chart (Tableau 10), repeated past ten states.
pub const STATES: [RGBColor; 10] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(225, 87, 89),
    RGBColor(118, 183, 178),
    RGBColor(89, 161, 79),
    RGBColor(237, 201, 72),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(186, 176, 172),
];

/// Draw on a white `WIDTH × height` SVG and return its text.
fn svg(
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Drawn,
) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        draw(&root).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// A chart's axes: descriptions and tick labels (`y_grid: false` leaves out the y grid and
/// labels, for charts that label rows themselves).
struct Axes<'f> {
    x_desc: &'f str,
    y_desc: &'f str,
    x_fmt: &'f dyn Fn(&f64) -> String,
    y_fmt: &'f dyn Fn(&f64) -> String,
    y_grid: bool,
}

/// A chart on `area` with f64 axes.
type Plane<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The house style: a chart over `x` × `y` on `area`, with `y_area` px for the y labels,
/// light grey grid lines and 13 px labels.
fn plane<'a, 'b>(
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
    (x, y): (Range<f64>, Range<f64>),
    y_area: u32,
    axes: &Axes<'_>,
) -> Result<Plane<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x, y)?;
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_desc_style(font(13))
        .label_style(font(13))
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .x_label_formatter(axes.x_fmt)
        .y_label_formatter(axes.y_fmt);
    if !axes.y_grid {
        mesh.disable_y_mesh().y_labels(0);
    }
    mesh.draw()?;
    Ok(chart)
}

/// The legend of the series drawn with labels, in a white box at `position`.
fn legend<'a, 'b: 'a>(chart: &mut Plane<'a, 'b>, position: SeriesLabelPosition) -> Drawn {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(GREY)
        .label_font(font(13))
        .draw()?;
    Ok(())
}

/// `[lo, hi]` widened by 5 % each way and to include 0; never empty.
fn padded(lo: f64, hi: f64) -> std::ops::Range<f64> {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let pad = if hi > lo { 0.05 * (hi - lo) } else { 1.0 };
    (lo - pad)..(hi + pad)
}

/// The closed polygon between `upper` and `lower` drawn over the same `xs`.
fn between(xs: &[f64], lower: &[f64], upper: &[f64]) -> Vec<(f64, f64)> {
    let top = xs.iter().zip(upper).map(|(&x, &y)| (x, y));
    let bottom = xs.iter().zip(lower).rev().map(|(&x, &y)| (x, y));
    top.chain(bottom).collect()
}

/// A legend swatch for `color`.
fn swatch(color: RGBColor) -> impl Fn((i32, i32)) -> Rectangle<(i32, i32)> {
    move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
}

/// The font of axis labels and legends.
fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&BLACK)
}
