//! `--xlsx`: one workbook for people who work in Excel. Its sheets are the CSV outputs —
//! Sammendrag (summary), Bånd (bands), Forsøg (trials), Sweep where present — and Scenarie (the
//! parameters); built from the same plain CSV the CSV files are, so the numbers are the same.
//! Numbers are stored as numbers with a number format, header rows are frozen, columns fit.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartMarker, ChartMarkerType, ChartType, DocProperties, ExcelDateTime,
    Format, Workbook, Worksheet, XlsxError,
};

use super::labels::column_label;
use super::write_atomic;
use crate::economics::Perspective;
use crate::error::{Error, Result};
use crate::model::Model;

/// Writes a sheet's rows as plain CSV (one of the `*_csv` functions).
pub type Fill<'a> = Box<dyn Fn(&mut dyn Write) -> std::io::Result<()> + 'a>;

/// A sheet: its (Danish) name and its rows.
pub struct Sheet<'a> {
    /// The sheet's name.
    pub name: &'a str,
    /// Its rows, as plain CSV.
    pub fill: Fill<'a>,
    /// A native Excel chart of its columns beside the rows.
    pub chart: Option<SheetChart>,
}

/// A chart of a sheet's columns over its first column (months, bins).
#[derive(Debug, Clone)]
pub struct SheetChart {
    /// The chart's title.
    pub title: String,
    /// Columns drawn as lines (or columns, with `bars`).
    pub lines: Vec<u16>,
    /// Columns drawn as markers only (actual values).
    pub markers: Vec<u16>,
    /// A column chart instead of lines.
    pub bars: bool,
}

impl<'a> Sheet<'a> {
    /// The sheet `name` whose rows `fill` writes.
    pub fn new(
        name: &'a str,
        fill: impl Fn(&mut dyn Write) -> std::io::Result<()> + 'a,
    ) -> Sheet<'a> {
        Sheet {
            name,
            fill: Box::new(fill),
            chart: None,
        }
    }

    /// The sheet with `chart` beside its rows.
    pub fn with_chart(self, chart: SheetChart) -> Sheet<'a> {
        Sheet {
            chart: Some(chart),
            ..self
        }
    }
}

/// Insert `spec` for a sheet `name` of `rows` data rows beside its `columns` columns.
fn insert_chart(
    ws: &mut Worksheet,
    name: &str,
    (rows, columns): (u32, u16),
    spec: &SheetChart,
) -> std::result::Result<(), XlsxError> {
    let kind = if spec.bars {
        ChartType::Column
    } else {
        ChartType::Line
    };
    let mut chart = Chart::new(kind);
    chart.title().set_name(&spec.title);
    let lines = spec.lines.iter().map(|&c| (c, false));
    for (c, markers) in lines.chain(spec.markers.iter().map(|&c| (c, true))) {
        let series = chart.add_series();
        series
            .set_categories((name, 1, 0, rows, 0))
            .set_values((name, 1, c, rows, c))
            .set_name((name, 0, c));
        if markers {
            series
                .set_format(ChartFormat::new().set_no_line())
                .set_marker(ChartMarker::new().set_type(ChartMarkerType::Circle));
        }
    }
    ws.insert_chart(1, columns + 1, &chart)?;
    Ok(())
}

/// The number format of a column, from its header.
fn format_for(header: &str) -> Format {
    let h = header.to_ascii_lowercase();
    let fmt = if h.starts_with("p_") || h.contains("share") {
        "0.0%"
    } else if h == "trial"
        || h == "month"
        || h == "year"
        || h == "months"
        || h.contains("breakeven")
    {
        "0"
    } else if h.contains("savings")
        || h.contains("expenditure")
        || h.contains("investment")
        || h == "mean"
        || h == "sd"
        || h.starts_with('p') && h[1..].chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        "#,##0.00"
    } else {
        "General"
    };
    Format::new().set_num_format(fmt)
}

/// Write the plain CSV `plain` into `ws`; the number of data rows and of columns.
fn fill_sheet(
    ws: &mut Worksheet,
    plain: &[u8],
    model: Option<&Model>,
    da: bool,
) -> std::result::Result<(u32, u16), XlsxError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(plain);
    let bold = Format::new().set_bold();
    let mut widths: Vec<usize> = Vec::new();
    let mut formats: Vec<Format> = Vec::new();
    let mut perspective_column = None;
    let mut rows = 0;
    for (r, rec) in reader.records().enumerate() {
        rows = r as u32;
        let rec = rec.map_err(|e| XlsxError::ParameterError(e.to_string()))?;
        for (c, field) in rec.iter().enumerate() {
            let (row, col) = (r as u32, c as u16);
            let perspective = (perspective_column == Some(c))
                .then(|| Perspective::from_id(field))
                .flatten();
            if r == 0 {
                let label = column_label(field, model, da);
                ws.write_with_format(row, col, &label, &bold)?;
                formats.push(format_for(field));
                if field == "perspective" {
                    perspective_column = Some(c);
                }
            } else if let Some(p) = perspective {
                ws.write(row, col, p.label(da))?;
            } else if let Ok(x) = field.parse::<f64>() {
                ws.write_with_format(row, col, x, &formats[c.min(formats.len() - 1)])?;
            } else if !field.is_empty() {
                ws.write(row, col, field)?;
            }
            if widths.len() <= c {
                widths.resize(c + 1, 8);
            }
            widths[c] = widths[c].max(field.chars().count().min(60) + 2);
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok((rows, widths.len() as u16))
}

/// The Scenarie sheet: every parameter as `section,key,value`.
fn scenario_csv(model: &Model, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["section", "key", "value"])?;
    let mut row = |a: &str, b: String, c: String| out.write_record([a, &b, &c]);
    row("scenario", "name".into(), model.name.clone())?;
    row("scenario", "months".into(), model.months.to_string())?;
    row("cohort", "size".into(), model.cohort_size.to_string())?;
    for (s, n) in model.states.iter().zip(&model.initial_counts) {
        row("state", format!("{}: label", s.id), s.label.clone())?;
        row("state", format!("{}: benefit", s.id), s.benefit.to_string())?;
        row("state", format!("{}: wage", s.id), s.wage.to_string())?;
        row(
            "state",
            format!("{}: state_benefit", s.id),
            s.state_benefit.to_string(),
        )?;
        row("state", format!("{}: start", s.id), n.to_string())?;
    }
    for (i, r) in model.transitions.iter().enumerate() {
        for (j, p) in r.iter().enumerate().filter(|(_, p)| **p > 0.0) {
            row(
                "transition",
                format!("{} → {}", model.states[i].id, model.states[j].id),
                p.to_string(),
            )?;
        }
    }
    let e = &model.economics;
    let t = &e.tax;
    for (k, v) in [
        ("kommuneskat", t.kommuneskat),
        ("bundskat", t.bundskat),
        ("sundhedsbidrag", t.sundhedsbidrag),
        ("am_bidrag", t.am_bidrag),
        ("personfradrag", t.personfradrag),
        ("beskaeftigelsesfradrag rate", t.beskaeftigelse.rate),
        ("beskaeftigelsesfradrag max", t.beskaeftigelse.max),
        ("jobfradrag rate", t.job.rate),
        ("jobfradrag threshold", t.job.threshold),
        ("jobfradrag max", t.job.max),
    ] {
        row("tax", k.into(), v.to_string())?;
    }
    for (k, v) in [
        ("udligning_keep", e.udligning_keep),
        ("caseworker_cost", e.caseworker_cost),
        ("discount_rate", e.discount_rate),
    ] {
        row("economics", k.into(), v.to_string())?;
    }
    row(
        "caseload",
        "reference".into(),
        model.caseload.reference.to_string(),
    )?;
    for a in &model.arms {
        row(
            "arm",
            a.name.clone(),
            crate::model::describe_arm_staffing(a),
        )?;
        let (key, value) = match a.staffing {
            crate::model::Staffing::Caseload(l) => ("caseload", l),
            crate::model::Staffing::Caseworkers(w) => ("caseworkers", w),
        };
        row("arm", format!("{}: {key}", a.name), value.to_string())?;
    }
    out.flush()
}

/// Write the workbook `path` atomically from `sheets`, with a Scenarie (Scenario) sheet for
/// `model` last; column headers and perspectives in words, Danish (`da`) or English.
pub fn write_xlsx(path: &Path, model: &Model, sheets: Vec<Sheet<'_>>, da: bool) -> Result<PathBuf> {
    write_workbook(path, Some(model), sheets, da)
}

/// As [`write_xlsx`], with the Scenarie sheet only when there is one `model` (not for a
/// comparison of several).
pub fn write_workbook(
    path: &Path,
    model: Option<&Model>,
    sheets: Vec<Sheet<'_>>,
    da: bool,
) -> Result<PathBuf> {
    let fail = |e: XlsxError| {
        Error::io(
            path,
            "cannot build workbook",
            std::io::Error::other(e.to_string()),
        )
    };
    let mut workbook = Workbook::new();
    // A fixed creation date (the ZIP epoch), so the same scenario and seed give a byte-identical
    // workbook, as they do CSV files.
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1).map_err(fail)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    let scenario = model.map(|model| Sheet {
        name: if da { "Scenarie" } else { "Scenario" },
        fill: Box::new(move |w| scenario_csv(model, w)),
        chart: None,
    });
    for sheet in sheets.iter().chain(scenario.as_ref()) {
        let mut plain = Vec::new();
        (sheet.fill)(&mut plain).map_err(|e| Error::io(path, "cannot build workbook", e))?;
        let ws = workbook.add_worksheet();
        ws.set_name(sheet.name).map_err(fail)?;
        let size = fill_sheet(ws, &plain, model, da).map_err(fail)?;
        if let Some(spec) = &sheet.chart {
            insert_chart(ws, sheet.name, size, spec).map_err(fail)?;
        }
    }
    let bytes = workbook.save_to_buffer().map_err(fail)?;
    write_atomic(path, |w| w.write_all(&bytes))
}
