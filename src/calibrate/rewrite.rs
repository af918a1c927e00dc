//! Writing a fit back into the scenario file with toml_edit: the fitted tables change,
//! everything else — comments included — stays as the user wrote it.

use toml_edit::{Array, DocumentMut, InlineTable, Item, TableLike, value};

use super::spell_fit::{Fitted, SpellFit};
use crate::error::{Error, Result};
use crate::model::Model;

fn document(text: &str, file: &str) -> Result<DocumentMut> {
    text.parse()
        .map_err(|e: toml_edit::TomlError| Error::usage("calibrate", format!("{file}: {e}")))
}

/// The table at `keys` (e.g. `["duration", "job"]`), created when missing; a created parent
/// is implicit, so no empty `[duration]` header appears.
fn table<'a>(doc: &'a mut DocumentMut, keys: &[&str], file: &str) -> Result<&'a mut dyn TableLike> {
    let not_table = |upto: usize| {
        let name = keys[..upto].join(".");
        Error::usage("calibrate", format!("{file}: [{name}] is not a table"))
    };
    let mut item: &mut Item = doc.as_item_mut();
    for (i, key) in keys.iter().enumerate() {
        if let Some(t) = item.as_table_mut().filter(|t| t.is_empty() && i > 0) {
            t.set_implicit(true);
        }
        let t = item.as_table_like_mut().ok_or_else(|| not_table(i))?;
        item = t.entry(key).or_insert(toml_edit::table());
    }
    item.as_table_like_mut()
        .ok_or_else(|| not_table(keys.len()))
}

/// `x` rounded to `decimals` decimals (divided by a power of ten, so it prints short).
fn round(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
}

/// Shares rounded to 10⁻⁶ that still sum to 1 (the last takes the rounding).
fn round_shares(shares: &[f64]) -> Vec<f64> {
    let mut out: Vec<f64> = shares.iter().map(|&x| round(x, 6)).collect();
    if let Some((last, rest)) = out.split_last_mut() {
        *last = round(1.0 - rest.iter().sum::<f64>(), 6);
    }
    out
}

/// `text` (a scenario file) with `[transitions.<from>]` set to `row` (rounded to 7 decimals),
/// everything else — comments included — untouched.
pub fn rewrite(text: &str, model: &Model, from: usize, row: &[f64], file: &str) -> Result<String> {
    let mut doc = document(text, file)?;
    write_row(&mut doc, model, from, row, file)?;
    Ok(doc.to_string())
}

fn write_row(
    doc: &mut DocumentMut,
    model: &Model,
    from: usize,
    row: &[f64],
    file: &str,
) -> Result<()> {
    let row_table = table(doc, &["transitions", &model.states[from].id], file)?;
    for (j, &p) in row.iter().enumerate() {
        let dest = &model.states[j].id;
        if j == from || (p == 0.0 && row_table.get(dest).is_none()) {
            continue;
        }
        row_table.insert(dest, value(round(p, 7)));
    }
    Ok(())
}

/// `text` with a spell fit written in. Duration scales: a state with one band and no band or
/// segment rows of its own gets them folded into `[transitions.<from>]` (p' from the scaled
/// hazards); otherwise `[duration.<from>]` gets each band's multipliers times its scale, for
/// every move out of the state. Segment shares: each `[segments.NAME] share` becomes the
/// stationary stock's share (the starting cohort is a cross-section of the stock; not written
/// when the cohort is read from a file), and `[inflow] segments` the entrants' shares.
pub fn rewrite_spells(
    text: &str,
    model: &Model,
    from: usize,
    fit: &SpellFit,
    what: Fitted,
    file: &str,
) -> Result<String> {
    let mut doc = document(text, file)?;
    let d = &model.duration[from];
    let row = &model.transitions[from];
    if what.duration && folds(model, from) {
        let mut out = vec![0.0; row.len()];
        crate::hazard::adjust(row, &vec![fit.scales[0]; row.len()], &mut out);
        write_row(&mut doc, model, from, &out, file)?;
    } else if what.duration {
        let t = table(&mut doc, &["duration", &model.states[from].id], file)?;
        t.insert(
            "months",
            value(d.starts.iter().map(|&m| i64::from(m)).collect::<Array>()),
        );
        let mut hazard = InlineTable::new();
        for (j, bands) in band_multipliers(model, from, &fit.scales) {
            let bands: Array = bands.into_iter().map(|m| round(m, 6)).collect();
            hazard.insert(&model.states[j].id, bands.into());
        }
        t.insert("hazard", value(hazard));
    }
    if what.segments {
        if model.cohort_file.is_none() {
            for (g, share) in model.segments.iter().zip(round_shares(&fit.stock)) {
                table(&mut doc, &["segments", &g.id], file)?.insert("share", value(share));
            }
        }
        if model.inflow.is_some() {
            let mut shares = InlineTable::new();
            for (g, w) in model.segments.iter().zip(round_shares(&fit.entrants)) {
                shares.insert(&g.id, w.into());
            }
            table(&mut doc, &["inflow"], file)?.insert("segments", value(shares));
        }
    }
    Ok(doc.to_string())
}

/// The `[duration.STATE]` multipliers of state `from` after a fit of band `scales`: for each
/// exit `j` the row leads to, c_b · m_{b,j} in every band b (the scale on the scenario's own
/// multiplier).
pub fn band_multipliers(model: &Model, from: usize, scales: &[f64]) -> Vec<(usize, Vec<f64>)> {
    let (d, row) = (&model.duration[from], &model.transitions[from]);
    (0..row.len())
        .filter(|&j| j != from && row[j] > 0.0)
        .map(|j| {
            let each = scales.iter().enumerate();
            (j, each.map(|(b, c)| c * d.multiplier(b, j)).collect())
        })
        .collect()
}

/// Whether a fitted scale of state `from` folds into its transition row: one band of 1s and
/// no segment with a row of its own.
pub fn folds(model: &Model, from: usize) -> bool {
    let d = &model.duration[from];
    d.starts.len() == 1
        && d.multipliers[0].iter().all(|&m| m == 1.0)
        && model.segments.iter().all(|g| g.rows[from].is_none())
}
