//! The commit of an output set, safe against a kill at any point.
//!
//! Every file of the set is first complete as a temporary file beside its destination. The
//! commit then
//! 1. links each existing destination to a backup (`.kohort-PID-old-….tmp`),
//! 2. writes the journal `.kohort-journal` in the output directory (atomically: once it
//!    exists, the set is decided and will be completed),
//! 3. renames each temporary file over its destination,
//! 4. removes the files of the previous set (named in its manifest `.kohort-set`) that the new
//!    set does not have, writes the new manifest, removes the journal and the backups.
//!
//! A rename that fails in step 3 rolls the set back from the backups: the old set stays whole.
//! A kill anywhere leaves either no journal (the old set is whole; the temporary files are
//! stale) or a journal, which the next command into the directory completes before it starts
//! ([`recover`]): old or new, never mixed. Stale temporary files — those of a process that is
//! no longer running — are removed then too.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The journal of a commit under way, in the output directory.
pub const JOURNAL: &str = ".kohort-journal";
/// The names of the files of the last set committed into the output directory.
pub const MANIFEST: &str = ".kohort-set";

/// One file's move into place.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Move {
    /// The complete temporary file (absolute).
    pub tmp: PathBuf,
    /// Its destination (absolute).
    pub dest: PathBuf,
    /// A link to the destination's previous content, if it had one.
    pub backup: Option<PathBuf>,
}

/// What a commit does, written before its first rename.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Journal {
    pub moves: Vec<Move>,
    /// Files of the previous set that the new one does not have.
    pub stale: Vec<PathBuf>,
    /// The new set's file names in the output directory.
    pub manifest: Vec<String>,
}

/// Move `files` (temporary file, destination) into place as one set whose output directory is
/// `dir`. `before_step` is called before each step (the kill tests inject their fault there):
/// step 0 before the journal is written, step k = 1 … n before the k-th rename, n + 1 after
/// the last.
pub(super) fn commit(
    dir: &Path,
    files: Vec<(tempfile::TempPath, PathBuf)>,
    before_step: &dyn Fn(usize) -> std::io::Result<()>,
) -> Result<()> {
    let dir = std::path::absolute(dir).map_err(|e| Error::io(dir, "cannot write", e))?;
    if let Some((_, dest)) = files.iter().find(|(_, d)| d.is_dir()) {
        let e = std::io::Error::other("a directory is in the way");
        return Err(Error::io(dest.clone(), "cannot write", e));
    }
    let mut moves = Vec::with_capacity(files.len());
    for (tmp, dest) in &files {
        let dest = std::path::absolute(dest).map_err(|e| Error::io(dest, "cannot write", e))?;
        let backup = backup(&dest).map_err(|e| Error::io(&dest, "cannot keep a backup of", e))?;
        moves.push(Move {
            tmp: tmp.to_path_buf(),
            dest,
            backup,
        });
    }
    let manifest: Vec<String> = moves
        .iter()
        .filter(|m| m.dest.parent() == Some(dir.as_path()))
        .filter_map(|m| m.dest.file_name()?.to_str().map(String::from))
        .collect();
    let stale = read_manifest(&dir)
        .into_iter()
        .filter(|name| !manifest.contains(name))
        .map(|name| dir.join(name))
        .collect();
    let journal = Journal {
        moves,
        stale,
        manifest,
    };
    let fail_all = |e| {
        drop_backups(&journal);
        Error::io(dir.join(JOURNAL), "cannot write", e)
    };
    before_step(0).map_err(fail_all)?;
    write_small(
        &dir.join(JOURNAL),
        &serde_json::to_vec(&journal).expect("paths"),
    )
    .map_err(fail_all)?;
    // From here the journal owns the temporary files.
    files.into_iter().for_each(|(tmp, _)| drop(tmp.keep()));
    for (k, m) in journal.moves.iter().enumerate() {
        if let Err(e) = before_step(k + 1).and_then(|()| std::fs::rename(&m.tmp, &m.dest)) {
            roll_back(&dir, &journal, k);
            return Err(Error::io(&m.dest, "cannot write", e));
        }
    }
    let _ = before_step(journal.moves.len() + 1);
    finish(&dir, &journal);
    Ok(())
}

/// Before a command writes into `dir`: complete a commit that a kill interrupted (its journal
/// is there), then remove the temporary files of processes that are gone from `dir`.
pub(super) fn recover(dir: &Path) -> Result<()> {
    let path = dir.join(JOURNAL);
    if let Ok(bytes) = std::fs::read(&path) {
        match serde_json::from_slice::<Journal>(&bytes) {
            Ok(journal) => {
                for m in &journal.moves {
                    if m.tmp.exists() {
                        std::fs::rename(&m.tmp, &m.dest).map_err(|e| {
                            Error::io(&m.dest, "cannot complete an interrupted commit of", e)
                        })?;
                    }
                }
                finish(dir, &journal);
            }
            // Written by rename, a journal is whole or absent; a damaged one decides nothing.
            Err(_) => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    sweep(dir);
    Ok(())
}

/// Remove the stale files, write the manifest, remove the journal and the backups.
fn finish(dir: &Path, journal: &Journal) {
    for p in &journal.stale {
        if p.is_file() {
            let _ = std::fs::remove_file(p);
        }
    }
    let _ = write_small(&dir.join(MANIFEST), journal.manifest.join("\n").as_bytes());
    let _ = std::fs::remove_file(dir.join(JOURNAL));
    drop_backups(journal);
    for m in &journal.moves {
        if let Some(parent) = m.dest.parent()
            && parent != dir
        {
            sweep(parent);
        }
    }
}

/// Undo the first `done` moves from their backups, remove every temporary file and the journal.
fn roll_back(dir: &Path, journal: &Journal, done: usize) {
    for (k, m) in journal.moves.iter().enumerate() {
        if k < done {
            let _ = match &m.backup {
                Some(b) => std::fs::rename(b, &m.dest),
                None => std::fs::remove_file(&m.dest),
            };
        } else {
            let _ = std::fs::remove_file(&m.tmp);
        }
    }
    let _ = std::fs::remove_file(dir.join(JOURNAL));
    drop_backups(journal);
}

fn drop_backups(journal: &Journal) {
    for b in journal.moves.iter().filter_map(|m| m.backup.as_ref()) {
        let _ = std::fs::remove_file(b);
    }
}

/// A hard link (or, where links cannot be made, a copy) of `dest`'s content beside it, when
/// `dest` is a file.
fn backup(dest: &Path) -> std::io::Result<Option<PathBuf>> {
    if !dest.is_file() {
        return Ok(None);
    }
    let dir = dest.parent().unwrap_or(Path::new("."));
    let linked = super::temp_in(dir, "old-", |p| std::fs::hard_link(dest, p));
    let path = match linked {
        Ok(t) => t.into_temp_path(),
        Err(_) => super::temp_in(dir, "old-", |p| std::fs::copy(dest, p))?.into_temp_path(),
    }
    .keep()
    .map_err(|e| e.error)?;
    Ok(Some(path))
}

/// The file names of the last set committed into `dir` (none without a manifest).
fn read_manifest(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(MANIFEST))
        .map(|t| {
            t.lines()
                .filter(|l| !l.is_empty() && !l.contains('/'))
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Write a small file atomically: a synced temporary file renamed over `path`.
fn write_small(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = super::temp_file(dir, "")?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Remove from `dir` the temporary files (`.kohort-PID-….tmp`) of processes that are gone.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(pid) = temp_owner(name)
            && !alive(pid)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name `.kohort-PID-….tmp`; `""` for the older names
/// without one (whose writer is then taken to be gone).
fn temp_owner(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(".kohort-")?.strip_suffix(".tmp")?;
    match rest.split_once('-') {
        Some((pid, _)) if pid.bytes().all(|b| b.is_ascii_digit()) => Some(pid),
        _ => Some(""),
    }
}

/// Whether the process `pid` runs (Linux: `/proc/PID`); where that cannot be told, a process
/// is taken to run.
pub(super) fn alive(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_owner_reads_the_pid() {
        assert_eq!(temp_owner(".kohort-123-abc.tmp"), Some("123"));
        assert_eq!(temp_owner(".kohort-x1y2z3.tmp"), Some(""));
        assert_eq!(temp_owner(".kohort.lock"), None);
        assert_eq!(temp_owner("bands.csv"), None);
    }
}
