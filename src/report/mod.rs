//! `--report FILE.html`: one self-contained page for a budget committee — the headline in one
//! sentence, charts (plotters, inline SVG), tables, the scenario's parameters and a manifest of
//! the run. No scripts, fonts or images are fetched: the page opens from a file or an e-mail.
//!
//! Text is Danish when the scenario's labels are ([`Lang::of`]); amounts are always written
//! the Danish way (`1.234.567 kr.`, `5,6 mio. kr.`).
//!
//! Reproducible: the same scenario, seed and command give a byte-identical page on any number
//! of threads. The one thing that changes is the date in the manifest, which is the day of the
//! run (UTC), or the day of `SOURCE_DATE_EPOCH` when that is set (as reproducible builds do).

mod bridge;
mod charts;
mod compare;
pub mod describe;
mod effects;
mod follow;
pub mod follow_words;
mod html;
mod parameters;
mod run;
mod sections;
mod segments;
mod sweep;
mod words;

pub use charts::{palette, state_rgb};
pub use compare::compare_page;
pub use follow::follow_page;
pub use run::run_page;
pub use sweep::{BestPoint, SweepReport, sweep_page};
pub use words::{Lang, decimal, kr, mio_kr, mio_range, pct};

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// What produced a report: enough to reproduce it.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// kohort's version.
    pub version: &'static str,
    /// The command line.
    pub command: String,
    /// Every scenario file (the scenario, then the files it extends) with its SHA-256, hex.
    pub files: Vec<(String, String)>,
    /// Trials run.
    pub trials: u32,
    /// Master seed.
    pub seed: u64,
    /// The run's date, `YYYY-MM-DD` (UTC, or from `SOURCE_DATE_EPOCH`).
    pub date: String,
}

impl Manifest {
    /// The manifest of a run of the scenario at `scenario`.
    pub fn new(scenario: &Path, command: String, trials: u32, seed: u64) -> Result<Manifest> {
        let files = crate::scenario::files(scenario)?
            .into_iter()
            .map(|(name, text)| (name, sha256(text.as_bytes())))
            .collect();
        Ok(Manifest {
            version: env!("CARGO_PKG_VERSION"),
            command,
            files,
            trials,
            seed,
            date: today(),
        })
    }
}

/// SHA-256 of `bytes` as 64 hex digits (what `sha256sum` prints).
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Today (UTC) as `YYYY-MM-DD`, or the day of `SOURCE_DATE_EPOCH` (seconds) when set.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map_or_else(|_| "unknown".to_string(), |t| t.date().to_string())
}

/// Write the page `html` to `path` atomically.
pub fn write(path: &Path, html: std::result::Result<String, String>) -> Result<PathBuf> {
    let html =
        html.map_err(|e| Error::io(path, "cannot draw the report", std::io::Error::other(e)))?;
    crate::export::write_atomic(path, |w| w.write_all(html.as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            super::sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
