//! Limits known up front: before a simulation starts, its memory need against what the
//! machine has (refused with advice when it cannot fit), and its time when it is long.

use crate::budget;
use crate::error::{Error, Result};
use crate::model::Model;

/// Nanoseconds per agent-month per core for the time estimate, between the engine's measured
/// 0.8 ns (the national case, whose arms share much of their work) and 2.2 ns (Silkeborg's two
/// arms): an estimate to the nearest factor of two, not a promise.
const NS_PER_AGENT_MONTH: f64 = 1.5;

/// Share of the available memory a run may plan to use.
const USABLE: f64 = 0.8;

/// Refuse `what` (e.g. "this run") when `trials` trials of `model`, `variants` models a trial,
/// would need more memory than the machine has available; say how long it will take, `passes`
/// such runs one after the other, when that is more than 10 s (unless `quiet`); `holding` says
/// how the trials are held in memory.
pub fn check(
    what: &str,
    model: &Model,
    (trials, variants, passes): (u32, usize, u64),
    holding: budget::Holding,
    quiet: bool,
) -> Result<()> {
    let workers = rayon::current_num_threads();
    let need = match holding {
        budget::Holding::Chunked => budget::of_chunked_run(model, trials, variants, workers),
        budget::Holding::Summarised => budget::of_summarised_run(model, trials, workers),
        budget::Holding::Records => budget::of_run(model, trials, variants, workers),
    };
    if let Some(available) = available_memory() {
        let usable = USABLE * available;
        if need.bytes > usable {
            let fit = need.trials_fitting(trials, usable);
            let advice = if fit >= 100 {
                format!("use --trials {fit} or fewer, or a machine with more memory")
            } else {
                "the cohort is too large for this machine: a smaller [cohort] size, fewer arms or months, or a machine with more memory".to_string()
            };
            return Err(Error::usage(
                "--trials",
                format!(
                    "{what} would need about {} of memory ({trials} trials, up to {:.0} citizens); this machine has {} available: {advice}",
                    size(need.bytes),
                    budget::citizens(model),
                    size(available)
                ),
            ));
        }
    }
    let agent_months = need.agent_months * passes as f64;
    let seconds = agent_months * NS_PER_AGENT_MONTH * 1e-9 / workers as f64;
    if seconds > 10.0 && !quiet {
        eprintln!(
            "{what}: {:.1} billion agent-months, about {} on {workers} cores, up to {} of memory",
            agent_months / 1e9,
            duration(seconds),
            size(need.bytes)
        );
    }
    Ok(())
}

/// Rows an Excel worksheet holds.
pub const EXCEL_ROWS: u64 = 1_048_576;

/// Refuse a workbook sheet of `rows` rows (`per_trial` of them for each trial) before any
/// simulation, when Excel cannot hold it, with the number of trials that fits.
pub fn check_sheet_rows(flag: &str, rows: u64, per_trial: u64) -> Result<()> {
    if rows <= EXCEL_ROWS {
        return Ok(());
    }
    Err(Error::usage(
        flag,
        format!(
            "the workbook's sheet of trials would need {rows} rows and Excel holds {EXCEL_ROWS}: use --trials {} or fewer with --xlsx (trials.csv has every trial)",
            (EXCEL_ROWS - 1) / per_trial
        ),
    ))
}

/// Rows of the Bånd sheet (and of `bands.csv`) of `model`, its header included.
pub fn bands_sheet_rows(model: &Model) -> u64 {
    crate::summary::band_count(model) as u64 + 1
}

/// Refuse `--xlsx` before any simulation when the Bånd sheet of `model` would not fit in a
/// worksheet.
pub fn check_bands_sheet(model: &Model) -> Result<()> {
    let rows = bands_sheet_rows(model);
    if rows <= EXCEL_ROWS {
        return Ok(());
    }
    Err(Error::usage(
        "--xlsx",
        format!(
            "the workbook's sheet of monthly bands would need {rows} rows and Excel holds {EXCEL_ROWS}: fewer months, arms or segments with --xlsx (bands.csv has every row)"
        ),
    ))
}

/// Bytes the kernel says are available (Linux `MemAvailable`); `None` elsewhere.
fn available_memory() -> Option<f64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0)
}

fn size(bytes: f64) -> String {
    if bytes >= 1e9 {
        format!("{:.1} GB", bytes / 1e9)
    } else {
        format!("{:.0} MB", (bytes / 1e6).max(1.0))
    }
}

fn duration(seconds: f64) -> String {
    if seconds >= 120.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{seconds:.0} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The count is the rows `bands.csv` gets, with and without segments.
    #[test]
    fn bands_sheet_rows_are_the_rows_written() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        for name in ["silkeborg.toml", "cohort/egen-kohorte.toml"] {
            let model = crate::scenario::load(&dir.join(name)).unwrap();
            let results = crate::engine::run(&model, 3, 1, &indicatif::ProgressBar::hidden());
            let ledgers = crate::economics::Ledgers::fixed(&model);
            let analysis = crate::summary::Analysis::new(&model, &results, &ledgers);
            let mut csv = Vec::new();
            crate::export::bands_csv(&model, &analysis, &mut csv).unwrap();
            let lines = csv.iter().filter(|&&b| b == b'\n').count() as u64;
            assert_eq!(bands_sheet_rows(&model), lines, "{name}");
        }
    }
}
