//! Writing results to files, each atomically: the bytes go to a temporary file next to the
//! destination, which is renamed over it only when complete. A failure leaves either the old
//! file or none, never half a file; and within an [`OutputSet`] the files of one command are
//! moved into place together, only when all were written.

mod bands_trials_csv;
mod bridge_csv;
mod cells;
mod compare_csv;
mod csv_files;
mod effects_csv;
mod follow_csv;
mod journal;
mod labels;
mod segments_csv;
mod set;
mod xlsx;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use bands_trials_csv::{bands_csv, trials_csv, write_bands, write_trials};
pub use bridge_csv::{bridge_csv, write_bridge};
pub use compare_csv::{compare_csv, write_compare};
pub use csv_files::{
    summary_csv, sweep_csv, write_expect, write_summary, write_sweep, write_tornado, write_years,
    years_csv,
};
pub use effects_csv::{effects_csv, write_effects};
pub use follow_csv::{
    follow_csv, forecast_csv, metric, parameter_histogram_csv, posterior_csv, saving_histogram_csv,
    write_follow,
};
pub use journal::{JOURNAL, MANIFEST};
pub use segments_csv::{segments_csv, write_segments};
pub use set::{LOCK, OutputSet, check_writable, on_interrupt};
pub use xlsx::{Sheet, SheetChart, write_workbook, write_xlsx};

use crate::engine;
use crate::error::{Error, Result};

/// The names of the files a command may write into its output directory (`--out`).
pub const FILE_NAMES: [&str; 14] = [
    "bands.csv",
    "bridge.csv",
    "trials.csv",
    "summary.csv",
    "years.csv",
    "effects.csv",
    "segments.csv",
    "sweep.csv",
    "tornado.csv",
    "expect.csv",
    "compare.csv",
    "follow.csv",
    "posterior.csv",
    "updated_bands.csv",
];

/// How CSV files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Dialect {
    /// `,` separator, `.` decimal point, UTF-8.
    #[default]
    Plain,
    /// For Danish Excel: `;` separator, decimal comma, UTF-8 with a byte-order mark (so æ, ø, å
    /// survive a double-click).
    Da,
}

/// An amount in kr. rounded to whole øre, as written in every CSV (`490.57`, never
/// `490.56819999999993`; never `-0`): the engine's rounding of refusion ([`engine::ore`]),
/// back in kr.
pub fn ore(kr: f64) -> f64 {
    engine::ore(kr) as f64 / 100.0
}

/// Write the CSV file `path` atomically in `dialect`; `fill` writes it in the plain dialect,
/// streamed through [`cells::Cells`] (formula-like text neutralised, the dialect applied).
pub fn write_csv<F>(path: &Path, dialect: Dialect, fill: F) -> Result<PathBuf>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    write_atomic(path, |w| {
        let mut cells = cells::Cells::new(w, dialect)?;
        fill(&mut cells)?;
        cells.finish().map(drop)
    })
}

/// Create `dir` (and its parents) if needed.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create output directory", e))
}

/// A new temporary file in `dir`, made by `make` (which creates the file at the path it is
/// given): named `.kohort-PID-KIND….tmp`, so that a later command can tell it from the files
/// of a running process and remove it once its writer is gone; readable by all (0644), as an
/// output file is.
fn temp_in<R>(
    dir: &Path,
    kind: &str,
    make: impl FnMut(&Path) -> std::io::Result<R>,
) -> std::io::Result<tempfile::NamedTempFile<R>> {
    let prefix = format!(".kohort-{}-{kind}", std::process::id());
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .make_in(dir, make)
}

/// A new, empty temporary file in `dir` (see [`temp_in`]).
fn temp_file(dir: &Path, kind: &str) -> std::io::Result<tempfile::NamedTempFile> {
    temp_in(dir, kind, |p| {
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
        options.open(p)
    })
}

/// Write `path` atomically with `fill`, which writes the whole content.
pub fn write_atomic<F>(path: &Path, fill: F) -> Result<PathBuf>
where
    F: FnOnce(&mut dyn Write) -> std::io::Result<()>,
{
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |e| Error::io(path, "cannot write", e);
    set::make_dirs(dir)?;
    let tmp = temp_file(dir, "").map_err(fail)?;
    let tmp_name = tmp.path().to_path_buf();
    set::in_flight(&tmp_name, false);
    let written = (|| {
        let mut out = BufWriter::new(tmp);
        fill(&mut out)?;
        let tmp = out.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        Ok(tmp.into_temp_path())
    })();
    let result = written.map_err(fail).and_then(|tmp| {
        // Inside an open output set the file waits for the set's commit.
        match set::hold(tmp, path) {
            Some(tmp) => tmp.persist(path).map_err(|e| fail(e.error)),
            None => Ok(()),
        }
    });
    set::in_flight(&tmp_name, true);
    result.map(|()| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, "old").unwrap();
        let r = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temporary removed"
        );
    }

    #[test]
    fn successful_write_replaces_with_an_ordinary_readable_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o044, 0o044, "group and others can read: {mode:o}");
        }
    }
}
