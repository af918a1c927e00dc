//! `[cohort]`: the starting cohort as a size and shares by state, or read from the
//! municipality's own extract, `citizens = "borgere.csv"`.
//!
//! The file has one row per citizen or per group of alike citizens: columns `state`,
//! `months_on_benefits` (months on benefits before month 1: the refusion clock, § 30, and the
//! months in `state` for its duration bands), `segment` (required when the scenario has
//! segments) and `count` (default 1). Other columns are ignored and listed by `check`. Comma
//! or semicolon (a Danish Excel export, with decimal commas), UTF-8 with or without BOM; every
//! bad row is refused as `file:line: column: message`. Citizens are numbered in file order.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::checks::{SHARE_TOLERANCE, fraction, largest_remainder, positive_int};
use super::raw::RawCohort;
use crate::datafile::DataFile;
use crate::error::Result;
use crate::model::{CohortFile, MAX_PRIOR_MONTHS, Segment, StartGroup, State};
use crate::source::Source;

/// Columns kohort reads from a cohort file.
pub const COLUMNS: [&str; 4] = ["state", "months_on_benefits", "segment", "count"];

/// The starting cohort: citizens by state, the groups in citizen order, and the file read.
pub struct Cohort {
    /// Citizens at month 1.
    pub size: u32,
    /// Citizens by state at month 1.
    pub counts: Vec<u32>,
    /// Alike citizens, in the order they are numbered.
    pub groups: Vec<StartGroup>,
    /// The cohort file, when read from one.
    pub file: Option<CohortFile>,
}

/// Whether `[cohort]` reads a file (`citizens`) rather than giving `size` and `initial`;
/// refused when it has neither or both.
pub fn from_file(src: &Source, raw: &Spanned<RawCohort>) -> Result<bool> {
    let c = raw.get_ref();
    match (&c.citizens, &c.size, &c.initial) {
        (Some(_), None, None) => Ok(true),
        (Some(path), _, _) => Err(src.error(
            path.span(),
            "give either `citizens` (a file) or `size` and `initial`, not both",
        )),
        (None, Some(_), Some(_)) => Ok(false),
        _ => Err(src.error(
            raw.span(),
            "[cohort] needs `size` and `initial` (shares by state), or `citizens` (a file)",
        )),
    }
}

/// Check `[cohort]` (its shape checked by [`from_file`] first); with a file, each segment's
/// `share` is set to its share of the file's citizens.
pub fn cohort(
    src: &Source,
    raw: &Spanned<RawCohort>,
    states: &[State],
    segments: &mut [Segment],
) -> Result<Cohort> {
    let c = raw.get_ref();
    if let (Some(_), Some(p)) = (&c.citizens, &c.prior_months) {
        let message =
            "the cohort file gives each citizen's months_on_benefits: leave out prior_months";
        return Err(src.error(p.span(), message));
    }
    if let Some(path) = &c.citizens {
        return read(src, path, states, segments);
    }
    let (Some(size), Some(initial)) = (&c.size, &c.initial) else {
        from_file(src, raw)?;
        return Err(src.error(raw.span(), "[cohort] needs `size` and `initial`"));
    };
    let size = positive_int(src, size, "cohort size", u32::MAX as i64)? as u32;
    let mut shares = vec![0.0; states.len()];
    for (key, share) in initial.get_ref() {
        let i = super::checks::state_index(src, states, key, "initial state")?;
        shares[i] = fraction(src, share, "initial share", true)?;
    }
    let total: f64 = shares.iter().sum();
    if (total - 1.0).abs() > SHARE_TOLERANCE {
        let total = (total * 1e9).round() / 1e9;
        let message = format!("initial shares sum to {total}, not 1");
        return Err(src.error(initial.span(), message));
    }
    let counts = largest_remainder(&shares, size);
    let groups = super::segments::split(&counts, segments);
    Ok(Cohort {
        size,
        counts,
        groups,
        file: None,
    })
}

/// The file `path` names, relative to the scenario file that names it.
fn resolve(src: &Source, path: &Spanned<String>) -> PathBuf {
    let given = Path::new(path.get_ref());
    let dir = Path::new(src.name_at(path.span().start)).parent();
    match dir {
        Some(d) if given.is_relative() => d.join(given),
        _ => given.to_path_buf(),
    }
}

/// Read the cohort file.
fn read(
    src: &Source,
    path: &Spanned<String>,
    states: &[State],
    segments: &mut [Segment],
) -> Result<Cohort> {
    if path.get_ref().trim().is_empty() {
        return Err(src.error(
            path.span(),
            "citizens must name a file, e.g. \"borgere.csv\"",
        ));
    }
    let file = resolve(src, path);
    if let Err(e) = std::fs::metadata(&file) {
        let message = format!(
            "cannot read cohort file `{}` (looked for {}; the path is relative to the scenario file): {e}",
            path.get_ref(),
            file.display()
        );
        return Err(src.error(path.span(), message));
    }
    let f = DataFile::read(
        &file,
        "cannot read cohort file",
        &["state", "months_on_benefits"],
    )?;
    if !segments.is_empty() && !f.has("segment") {
        return Err(f.error(
            1,
            "header",
            "the scenario has segments: the file needs a `segment` column",
        ));
    }
    let (mut counts, mut by_segment) = (vec![0u32; states.len()], vec![0u64; segments.len()]);
    let mut groups = Vec::with_capacity(f.rows().len());
    for row in f.rows() {
        let id = f.text(&row.1, "state");
        let Some(state) = states.iter().position(|s| s.id == id) else {
            let known: Vec<&str> = states.iter().map(|s| s.id.as_str()).collect();
            let message = format!(
                "`{id}` is not a state of the scenario ({})",
                known.join(", ")
            );
            return Err(f.error(row.0, "state", &message));
        };
        let months = f.whole(row, "months_on_benefits", 0)?;
        if months as i64 > MAX_PRIOR_MONTHS {
            let message = format!("{months} months is more than {MAX_PRIOR_MONTHS}");
            return Err(f.error(row.0, "months_on_benefits", &message));
        }
        let segment = segment_of(&f, row, segments)?;
        let count = match f.has("count") {
            true => f.whole(row, "count", 1)?,
            false => 1,
        };
        counts[state] = counts[state]
            .checked_add(count)
            .ok_or_else(|| f.error(row.0, "count", "too many citizens"))?;
        if let Some(n) = by_segment.get_mut(segment) {
            *n += count as u64;
        }
        groups.push(StartGroup {
            state,
            segment,
            count,
            months: Some(months),
        });
    }
    let size: u32 = counts
        .iter()
        .try_fold(0u32, |a, &c| a.checked_add(c))
        .ok_or_else(|| f.error(1, "count", "too many citizens"))?;
    for (seg, &n) in segments.iter_mut().zip(&by_segment) {
        seg.share = n as f64 / size as f64;
    }
    let file = CohortFile {
        path: f.path().display().to_string(),
        rows: f.rows().len(),
        extra_columns: f.extra_columns(&COLUMNS),
    };
    Ok(Cohort {
        size,
        counts,
        groups,
        file: Some(file),
    })
}

/// The segment of a row: its index among `segments` (0 when the scenario has none).
fn segment_of(f: &DataFile, row: &(u64, Vec<String>), segments: &[Segment]) -> Result<usize> {
    let id = f.text(&row.1, "segment");
    if segments.is_empty() {
        return match id.is_empty() {
            true => Ok(0),
            false => Err(f.error(
                row.0,
                "segment",
                &format!("`{id}`: the scenario defines no [segments]"),
            )),
        };
    }
    segments.iter().position(|s| s.id == id).ok_or_else(|| {
        let known: Vec<&str> = segments.iter().map(|s| s.id.as_str()).collect();
        let message = format!(
            "`{id}` is not a segment of the scenario ({})",
            known.join(", ")
        );
        f.error(row.0, "segment", &message)
    })
}
