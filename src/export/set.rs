//! One command's output files as a whole: while an [`OutputSet`] is open, every file
//! [`super::write_atomic`] completes waits as a temporary file beside its destination, and
//! [`OutputSet::commit`] moves them all into place only when every one was written (see
//! [`super::journal`] for how the commit survives a kill). An error, a panic or Ctrl-C (SIGINT,
//! SIGTERM) before the commit removes them and leaves the previous files as they were; one
//! during the commit lets it finish. A lock file in the output directory keeps two kohort
//! processes from writing into it at once.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::TempPath;

use super::journal;
use crate::error::{Error, Result};

/// Name of the lock file in an output directory.
pub const LOCK: &str = ".kohort.lock";

/// Where the process's output set is.
enum Phase {
    /// No set open: files are moved into place as soon as they are written.
    Closed,
    /// Files complete but not yet moved into place: (temporary file, destination).
    Open(Vec<(TempPath, PathBuf)>),
    /// The commit is under way; `true` once a signal asked to stop.
    Committing(bool),
}

static PHASE: Mutex<Phase> = Mutex::new(Phase::Closed);
/// Temporary files being written, removed on an interrupt.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// The lock file of the open set.
static LOCKED: Mutex<Option<PathBuf>> = Mutex::new(None);
/// Directories the open set created, outermost first (removed again if nothing is committed).
static CREATED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The open output set of this process (at most one).
#[derive(Debug)]
pub struct OutputSet {
    dir: PathBuf,
    committed: bool,
}

impl OutputSet {
    /// Open the set whose CSV files go to `dir` (created if missing), locking `dir`; refused
    /// when another live kohort process holds the lock. A commit into `dir` that a kill
    /// interrupted is completed first, and stale temporary files are removed.
    pub fn begin(dir: &Path) -> Result<OutputSet> {
        make_dirs(dir)?;
        let lock_path = dir.join(LOCK);
        if let Err(e) = take_lock(&lock_path) {
            remove_created();
            return Err(e);
        }
        *lock(&LOCKED) = Some(lock_path);
        *lock(&PHASE) = Phase::Open(Vec::new());
        let set = OutputSet {
            dir: dir.to_path_buf(),
            committed: false,
        };
        journal::recover(dir)?;
        Ok(set)
    }

    /// Move every written file into place as one set (see [`super::journal`]).
    pub fn commit(mut self) -> Result<()> {
        let files = match std::mem::replace(&mut *lock(&PHASE), Phase::Committing(false)) {
            Phase::Open(files) => files,
            _ => Vec::new(),
        };
        let result = journal::commit(&self.dir, files, &fault);
        let interrupted = matches!(
            std::mem::replace(&mut *lock(&PHASE), Phase::Closed),
            Phase::Committing(true)
        );
        self.committed = result.is_ok();
        if interrupted {
            drop(self);
            let what = match result {
                Ok(()) => "the new output files were already in place",
                Err(_) => "no output files were changed",
            };
            let _ = writeln!(std::io::stderr(), "interrupted: {what}");
            std::process::exit(130);
        }
        result
    }
}

impl Drop for OutputSet {
    /// Without a commit, the written files are removed (and the directories this set
    /// created, if empty); the lock is released either way.
    fn drop(&mut self) {
        if !self.committed {
            *lock(&PHASE) = Phase::Closed;
        }
        release_lock();
        if self.committed {
            lock(&CREATED).clear();
        } else {
            remove_created();
        }
    }
}

/// Create `dir` and its missing parents, noting each one created for the open set (so a
/// refused command leaves none behind).
pub(super) fn make_dirs(dir: &Path) -> Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .take_while(|a| !a.exists())
        .collect();
    super::ensure_dir(dir)?;
    lock(&CREATED).extend(missing.into_iter().rev().map(Path::to_path_buf));
    Ok(())
}

/// Remove the directories the set created, innermost first; one with anything in it stays.
fn remove_created() {
    for dir in lock(&CREATED).drain(..).rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// Hold `tmp` (complete) for the open set, or hand it back when no set is open.
pub(super) fn hold(tmp: TempPath, dest: &Path) -> Option<TempPath> {
    match &mut *lock(&PHASE) {
        Phase::Open(files) => {
            files.push((tmp, dest.to_path_buf()));
            None
        }
        _ => Some(tmp),
    }
}

/// Note a temporary file being written (removed on an interrupt) or, `done`, no longer.
pub(super) fn in_flight(path: &Path, done: bool) {
    let mut v = lock(&IN_FLIGHT);
    if done {
        v.retain(|p| p != path);
    } else {
        v.push(path.to_path_buf());
    }
}

/// On SIGINT or SIGTERM: before the commit, remove every temporary file, the directories the
/// set created and the lock, then exit with 130; during the commit, let it finish (it exits).
pub fn on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        let mut phase = lock(&PHASE);
        if let Phase::Committing(stop) = &mut *phase {
            *stop = true;
            return;
        }
        // Holding the phase, the commit cannot start while the files are removed.
        *phase = Phase::Closed;
        for p in lock(&IN_FLIGHT).drain(..) {
            let _ = std::fs::remove_file(p);
        }
        release_lock();
        remove_created();
        let _ = writeln!(
            std::io::stderr(),
            "interrupted: no output files were changed"
        );
        std::process::exit(130);
    });
}

fn release_lock() {
    if let Some(lock_file) = lock(&LOCKED).take() {
        let _ = std::fs::remove_file(lock_file);
    }
}

/// The fault the tests inject into a commit through `KOHORT_TEST_FAULT=STEP:WHAT` (see
/// [`journal::commit`] for the steps): `kill` (SIGKILL), `term`, `int` or `fail` (the rename
/// fails) at step `STEP`. Unset, as in every real run, nothing happens.
fn fault(step: usize) -> std::io::Result<()> {
    let Ok(spec) = std::env::var("KOHORT_TEST_FAULT") else {
        return Ok(());
    };
    let Some((at, what)) = spec.split_once(':') else {
        return Ok(());
    };
    if at.parse() != Ok(step) {
        return Ok(());
    }
    let signal = match what {
        "fail" => return Err(std::io::Error::other("injected failure")),
        "kill" => "-KILL",
        "term" => "-TERM",
        _ => "-INT",
    };
    let pid = std::process::id().to_string();
    let _ = std::process::Command::new("kill")
        .args([signal, &pid])
        .status();
    // Give the signal's handler its moment, as a real signal would arrive mid-commit.
    std::thread::sleep(std::time::Duration::from_millis(50));
    Ok(())
}

/// Create `lock` holding this process's id; a lock of a process that is gone is taken over.
fn take_lock(lock_path: &Path) -> Result<()> {
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(lock_path)
        {
            Ok(mut f) => {
                let _ = write!(f, "{}", std::process::id());
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(lock_path).unwrap_or_default();
                if journal::alive(holder.trim()) {
                    let dir = lock_path.parent().unwrap_or(Path::new("."));
                    return Err(Error::usage(
                        "--out",
                        format!(
                            "another kohort (process {}) is writing into `{}`; wait for it or choose another --out (if none is running, remove {})",
                            holder.trim(),
                            dir.display(),
                            lock_path.display()
                        ),
                    ));
                }
                let _ = std::fs::remove_file(lock_path);
            }
            Err(e) => return Err(Error::io(lock_path, "cannot lock the output directory", e)),
        }
    }
    Err(Error::io(
        lock_path,
        "cannot lock the output directory",
        std::io::Error::other("the lock keeps coming back"),
    ))
}

/// Refuse, before any work, an output file that cannot be written: a path that exists but is
/// not a regular file (a directory, FIFO or device), or one whose directory cannot hold a new
/// file. Nothing is created: the directories are made when the file is written.
pub fn check_writable(flag: &str, path: &Path) -> Result<()> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        let what = if meta.is_dir() {
            "a directory; give a file name"
        } else {
            "not a regular file (a FIFO or device)"
        };
        return Err(Error::usage(
            flag,
            format!("`{}` is {what}", path.display()),
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let existing = dir
        .ancestors()
        .find(|a| a.as_os_str().is_empty() || a.exists())
        .map(|a| {
            if a.as_os_str().is_empty() {
                Path::new(".")
            } else {
                a
            }
        })
        .unwrap_or(Path::new("."));
    if !existing.is_dir() {
        return Err(Error::usage(
            flag,
            format!("`{}` is not a directory", existing.display()),
        ));
    }
    check_dir_writable(flag, existing)
}

/// Refuse a directory in which no file can be created.
fn check_dir_writable(flag: &str, dir: &Path) -> Result<()> {
    tempfile::Builder::new()
        .prefix(".kohort-probe-")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|e| Error::usage(flag, format!("cannot write in `{}`: {e}", dir.display())))
}
