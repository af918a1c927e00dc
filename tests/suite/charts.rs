//! The report's charts plot the numbers in the CSV files. Each chart is read back from its SVG:
//! the axes' own tick labels give the map from value to pixel (an independent reading of the
//! scale), and every median point, band edge, stacked area and bar must land within
//! [`PX`] pixels of where its CSV value belongs.

use crate::common;

use std::collections::HashMap;
use std::path::Path;

/// Plotters rounds coordinates to whole pixels; a tick label shows its value to 0.1: half a
/// pixel each, plus the least-squares fit of the scale.
const PX: f64 = 1.5;

/// The shapes and texts of one chart.
struct Svg {
    /// (stroke, points) of each `<polyline>`.
    lines: Vec<(String, Vec<(f64, f64)>)>,
    /// (fill, points) of each `<polygon>`.
    polygons: Vec<(String, Vec<(f64, f64)>)>,
    /// (fill, x, y, width, height) of each `<rect>`.
    rects: Vec<(String, [f64; 4])>,
    /// (text, x, y, text-anchor, dy) of each `<text>`.
    texts: Vec<(String, f64, f64, String, String)>,
}

/// The chart inside `<figure id="…">` of the page at `path`.
fn chart(path: &Path, id: &str) -> Svg {
    let html = std::fs::read_to_string(path).unwrap();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, opts).unwrap();
    let figure = doc
        .descendants()
        .find(|n| n.has_tag_name("figure") && n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no figure {id}"));
    let attr = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap_or("").to_string();
    let num = |n: roxmltree::Node, a: &str| attr(n, a).parse::<f64>().unwrap();
    let points = |n: roxmltree::Node| -> Vec<(f64, f64)> {
        attr(n, "points")
            .split_whitespace()
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    };
    let mut svg = Svg {
        lines: vec![],
        polygons: vec![],
        rects: vec![],
        texts: vec![],
    };
    for n in figure.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "polyline" => svg.lines.push((attr(n, "stroke"), points(n))),
            "polygon" => svg.polygons.push((attr(n, "fill"), points(n))),
            "rect" => svg.rects.push((
                attr(n, "fill"),
                ["x", "y", "width", "height"].map(|a| num(n, a)),
            )),
            "text" => svg.texts.push((
                n.text().unwrap_or("").trim().to_string(),
                num(n, "x"),
                num(n, "y"),
                attr(n, "text-anchor"),
                attr(n, "dy"),
            )),
            _ => {}
        }
    }
    svg
}

/// A number as the report writes it: `1.234,5`, `−0,5`.
fn danish(text: &str) -> Option<f64> {
    text.replace('.', "")
        .replace(',', ".")
        .replace('−', "-")
        .parse()
        .ok()
}

/// pixel = a + b · value, fitted to the tick labels; each label must sit on it.
#[derive(Debug, Clone, Copy)]
struct Scale {
    a: f64,
    b: f64,
}

impl Scale {
    fn fit(ticks: &[(f64, f64)]) -> Scale {
        assert!(ticks.len() >= 3, "too few tick labels: {ticks:?}");
        let n = ticks.len() as f64;
        let (mv, mp) = ticks
            .iter()
            .fold((0.0, 0.0), |(a, b), (v, p)| (a + v / n, b + p / n));
        let sxy: f64 = ticks.iter().map(|(v, p)| (v - mv) * (p - mp)).sum();
        let sxx: f64 = ticks.iter().map(|(v, _)| (v - mv).powi(2)).sum();
        let b = sxy / sxx;
        let scale = Scale { a: mp - b * mv, b };
        for &(v, p) in ticks {
            assert!((scale.px(v) - p).abs() <= 1.0, "tick {v} at {p}: {ticks:?}");
        }
        scale
    }
    fn px(self, value: f64) -> f64 {
        self.a + self.b * value
    }
    fn value(self, px: f64) -> f64 {
        (px - self.a) / self.b
    }
}

/// The y axis from its tick labels (right-aligned, beside the axis).
fn y_scale(svg: &Svg) -> Scale {
    let ticks: Vec<(f64, f64)> = svg
        .texts
        .iter()
        .filter(|t| t.3 == "end" && t.4 == "0.5ex")
        .filter_map(|t| danish(&t.0).map(|v| (v, t.2)))
        .collect();
    Scale::fit(&ticks)
}

/// The x axis from its tick labels (centred, below the axis).
fn x_scale(svg: &Svg) -> Scale {
    let ticks: Vec<(f64, f64)> = svg
        .texts
        .iter()
        .filter(|t| t.3 == "middle" && t.4 == "0.76em")
        .filter_map(|t| danish(&t.0).map(|v| (v, t.1)))
        .collect();
    Scale::fit(&ticks)
}

/// Assert that `drawn` are the points `(x[i], y[i])` mapped by the scales.
fn assert_plotted(what: &str, drawn: &[(f64, f64)], want: &[(f64, f64)], (sx, sy): (Scale, Scale)) {
    assert_eq!(drawn.len(), want.len(), "{what}: number of points");
    for (i, (&(px, py), &(x, y))) in drawn.iter().zip(want).enumerate() {
        let (ex, ey) = (sx.px(x), sy.px(y));
        assert!(
            (px - ex).abs() <= PX && (py - ey).abs() <= PX,
            "{what}, point {i} ({x}, {y}): drawn at ({px}, {py}), belongs at ({ex:.1}, {ey:.1})"
        );
    }
}

/// The rows of a CSV file as maps from column to text.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .map(str::to_string)
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn f(row: &HashMap<String, String>, column: &str) -> f64 {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column}: {row:?}"))
}

/// `kohort run` with a report on a shipped scenario: (dir, page).
fn run(scenario: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    run_path(&common::shipped(scenario))
}

/// `kohort run` with a report on the scenario at `path`: (dir, page).
fn run_path(path: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("rapport.html");
    common::run_with_report("300", dir.path(), &page, path)
        .assert()
        .success();
    (dir, page)
}

/// The example at the optimistic effect its comments show (so that trials break even at a
/// spread of months): (scenario's dir, output dir, page).
fn optimistic() -> (tempfile::TempDir, tempfile::TempDir, std::path::PathBuf) {
    let scenario = tempfile::tempdir().unwrap();
    let path = scenario.path().join("optimistisk.toml");
    std::fs::write(
        &path,
        format!(
            "extends = {:?}\n[caseload]\nelasticity = {{ job = 0.5, uddannelse = 0.5, fleksjob = 0.3, foertidspension = -0.3 }}\n",
            common::shipped("example.toml").display().to_string()
        ),
    )
    .unwrap();
    let (dir, page) = run_path(&path);
    (scenario, dir, page)
}

const HEADLINE: &str = "kommune_efter_udligning";

/// The fan's median line and its 95 % band are bands.csv's p50, p2.5 and p97.5 of the
/// cumulative saving, month by month (month 0 at 0 kr.).
#[test]
fn the_fan_plots_bands_csv() {
    let (dir, page) = run("example.toml");
    let svg = chart(&page, "fan-investering");
    let scales = (x_scale(&svg), y_scale(&svg));
    let bands: Vec<_> = rows(&dir.path().join("bands.csv"))
        .into_iter()
        .filter(|r| {
            r["arm"] == "investering"
                && r["metric"] == "savings_cumulative"
                && r["perspective"] == HEADLINE
        })
        .collect();
    assert!(bands.len() >= 24);
    let curve = |column: &str| -> Vec<(f64, f64)> {
        std::iter::once((0.0, 0.0))
            .chain(bands.iter().map(|r| (f(r, "month"), f(r, column) / 1e6)))
            .collect()
    };
    let median = svg
        .lines
        .iter()
        .filter(|(stroke, _)| stroke == "#08306B")
        .max_by_key(|(_, p)| p.len())
        .expect("a median line");
    assert_plotted("median", &median.1, &curve("p50"), scales);
    let band = &svg
        .polygons
        .iter()
        .find(|(fill, _)| fill == "#DEEBF7")
        .expect("the 95 % band")
        .1;
    let mut edge = curve("p97_5");
    edge.extend(curve("p2_5").into_iter().rev());
    assert_plotted("95 % band", band, &edge, scales);
}

/// Each break-even bar is the share of trials.csv's trials that break even in its month.
#[test]
fn the_breakeven_bars_are_the_shares_in_trials_csv() {
    let (_scenario, dir, page) = optimistic();
    let svg = chart(&page, "breakeven-investering");
    let (sx, sy) = (x_scale(&svg), y_scale(&svg));
    let trials: Vec<_> = rows(&dir.path().join("trials.csv"))
        .into_iter()
        .filter(|r| r["arm"] == "investering" && r["perspective"] == HEADLINE)
        .collect();
    assert_eq!(trials.len(), 300);
    let mut count: HashMap<u32, usize> = HashMap::new();
    for t in trials.iter().filter(|t| !t["breakeven_month"].is_empty()) {
        *count
            .entry(t["breakeven_month"].parse().unwrap())
            .or_default() += 1;
    }
    assert!(count.len() >= 5, "a spread of months: {count:?}");
    let bars: Vec<_> = svg.rects.iter().filter(|r| r.0 == "#3182BD").collect();
    assert_eq!(
        bars.len(),
        count.len(),
        "one bar per month with a break-even"
    );
    for (_, [x, y, w, h]) in bars.iter().map(|r| (&r.0, r.1)) {
        let month = sx.value(x + w / 2.0).round() as u32;
        let share = 100.0 * count[&month] as f64 / 300.0;
        assert!(
            (sy.px(0.0) - (y + h)).abs() <= PX,
            "month {month}: the bar's foot"
        );
        assert!(
            (sy.px(share) - y).abs() <= PX,
            "month {month}: top at {y}, share {share} % belongs at {:.1}",
            sy.px(share)
        );
    }
}

/// Each state's area in the occupancy chart is stacked on the states before it, its top edge
/// the sum of bands.csv's mean counts up to it.
#[test]
fn the_occupancy_areas_stack_the_means_in_bands_csv() {
    let (dir, page) = run("example.toml");
    let all = rows(&dir.path().join("bands.csv"));
    for arm in ["baseline", "investering"] {
        let svg = chart(&page, &format!("occupancy-{arm}"));
        let scales = (x_scale(&svg), y_scale(&svg));
        let mut states: Vec<String> = vec![];
        let mut means: HashMap<(String, u32), f64> = HashMap::new();
        for r in all.iter().filter(|r| r["arm"] == arm) {
            if let Some(state) = r["metric"].strip_prefix("occupancy:") {
                if !states.iter().any(|s| s == state) {
                    states.push(state.to_string());
                }
                means.insert((state.to_string(), f(r, "month") as u32), f(r, "mean"));
            }
        }
        let months = means.keys().map(|k| k.1).max().unwrap();
        let mut below = vec![0.0; months as usize];
        let mut compared = 0;
        for (s, state) in states.iter().enumerate() {
            let top: Vec<f64> = (1..=months)
                .zip(&below)
                .map(|(m, b)| b + means[&(state.clone(), m)])
                .collect();
            if top != below {
                let (r, g, b) = kohort::report::state_rgb(s);
                let fill = format!("#{r:02X}{g:02X}{b:02X}");
                let area = &svg
                    .polygons
                    .iter()
                    .find(|p| p.0 == fill)
                    .unwrap_or_else(|| panic!("{arm}: no area for {state}"))
                    .1;
                // The top edge runs from month 0; month 0 (the starting cohort) is not in
                // bands.csv, so compare months 1 … horizon.
                let want: Vec<(f64, f64)> =
                    (1..=months).map(|m| m as f64).zip(top.clone()).collect();
                let drawn = &area[1..=months as usize];
                assert_plotted(&format!("{arm}: {state}"), drawn, &want, scales);
                compared += 1;
            }
            below = top;
        }
        assert!(compared >= 4, "{arm}: {compared} states drawn");
    }
}

/// The tornado's bars start at the saving with every parameter at its mean and end at
/// tornado.csv's saving with one parameter low or high, rows in the CSV's order from the top.
#[test]
fn the_tornado_bars_end_at_tornado_csv() {
    let (_run, page) = run("silkeborg.toml");
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("kohort")
        .unwrap()
        .args(["tornado", "--quiet", "--trials", "300", "--out"])
        .arg(dir.path())
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let csv = rows(&dir.path().join("tornado.csv"));
    assert!(!csv.is_empty());
    let svg = chart(&page, "tornado-chart");
    let sx = x_scale(&svg);
    for (colour, column) in [("#FDAE6B", "savings_low"), ("#6BAED6", "savings_high")] {
        // Bars, not the legend's 14 × 12 px swatches; top row first.
        let mut bars: Vec<[f64; 4]> = svg
            .rects
            .iter()
            .filter(|r| r.0 == colour && r.1[3] > 16.0)
            .map(|r| r.1)
            .collect();
        bars.sort_by(|a, b| a[1].total_cmp(&b[1]));
        assert_eq!(bars.len(), csv.len(), "{column}: one bar per parameter");
        for (row, [x, _, w, _]) in csv.iter().zip(bars) {
            let want = sx.px(f(row, column) / 1e6);
            let end = if (x - want).abs() < (x + w - want).abs() {
                x
            } else {
                x + w
            };
            assert!(
                (end - want).abs() <= PX,
                "{}: {column} {} belongs at {want:.1}, bar spans {x} … {}",
                row["parameter"],
                row[column],
                x + w
            );
        }
    }
}

/// The sweep's mean line and 90 % band are sweep.csv's savings_mean, p5 and p95 against the
/// caseload.
#[test]
fn the_sweep_plots_sweep_csv() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("sweep.html");
    assert_cmd::Command::cargo_bin("kohort")
        .unwrap()
        .args([
            "sweep",
            "--quiet",
            "--trials",
            "200",
            "--arm",
            "investering",
        ])
        .args(["--caseload", "50:150:25", "--out"])
        .arg(dir.path())
        .arg("--report")
        .arg(&page)
        .arg(common::shipped("silkeborg.toml"))
        .assert()
        .success();
    let csv = rows(&dir.path().join("sweep.csv"));
    assert_eq!(csv.len(), 5);
    let svg = chart(&page, "sweep-chart");
    let scales = (x_scale(&svg), y_scale(&svg));
    let at = |column: &str| -> Vec<(f64, f64)> {
        csv.iter()
            .map(|r| (f(r, "caseload"), f(r, column) / 1e6))
            .collect()
    };
    let mean = svg
        .lines
        .iter()
        .filter(|(stroke, _)| stroke == "#08306B")
        .max_by_key(|(_, p)| p.len())
        .expect("the mean line");
    assert_plotted("mean", &mean.1, &at("savings_mean"), scales);
    let band = &svg
        .polygons
        .iter()
        .find(|(fill, _)| fill == "#9ECAE1")
        .expect("the 90 % band")
        .1;
    let mut edge = at("savings_p95");
    edge.extend(at("savings_p5").into_iter().rev());
    assert_plotted("90 % band", band, &edge, scales);
}
