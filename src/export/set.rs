//! One command's output files as a whole: while an [`OutputSet`] is open, every file
//! [`super::write_atomic`] completes waits as a temporary file beside its destination, and
//! [`OutputSet::commit`] moves them all into place only when every one was written. An error,
//! a panic or Ctrl-C (SIGINT, SIGTERM) before that removes them and leaves the previous files
//! as they were. A lock file in the output directory keeps two kohort processes from writing
//! into it at once.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::TempPath;

use crate::error::{Error, Result};

/// Name of the lock file in an output directory.
pub const LOCK: &str = ".kohort.lock";

/// Files complete but not yet moved into place: (temporary file, destination). `None` when no
/// set is open (files are then moved into place as soon as they are written).
static PENDING: Mutex<Option<Vec<(TempPath, PathBuf)>>> = Mutex::new(None);
/// Temporary files being written, removed on an interrupt.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// The lock file of the open set.
static LOCKED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The open output set of this process (at most one).
#[derive(Debug)]
pub struct OutputSet {
    committed: bool,
    /// The directory, when this set created it (removed again, if empty, without a commit).
    created: Option<PathBuf>,
}

impl OutputSet {
    /// Open the set whose CSV files go to `dir` (created if missing), locking `dir`; refused
    /// when another live kohort process holds the lock.
    pub fn begin(dir: &Path) -> Result<OutputSet> {
        let created = (!dir.exists()).then(|| dir.to_path_buf());
        super::ensure_dir(dir)?;
        let lock = dir.join(LOCK);
        take_lock(&lock)?;
        *LOCKED.lock().unwrap_or_else(|e| e.into_inner()) = Some(lock);
        *PENDING.lock().unwrap_or_else(|e| e.into_inner()) = Some(Vec::new());
        Ok(OutputSet {
            committed: false,
            created,
        })
    }

    /// Move every written file into place: first check that no destination is a directory,
    /// then rename each (same directory, so each rename is atomic).
    pub fn commit(mut self) -> Result<()> {
        let files = PENDING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default();
        if let Some((_, dest)) = files.iter().find(|(_, d)| d.is_dir()) {
            let e = std::io::Error::other("a directory is in the way");
            return Err(Error::io(dest.clone(), "cannot write", e));
        }
        for (tmp, dest) in files {
            tmp.persist(&dest)
                .map_err(|e| Error::io(dest.clone(), "cannot write", e.error))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for OutputSet {
    /// Without a commit, the written files are removed (and the directory, if this set
    /// created it and it is empty); the lock is released either way.
    fn drop(&mut self) {
        if !self.committed {
            PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
        }
        release_lock();
        if let (false, Some(dir)) = (self.committed, &self.created) {
            // Fails, harmlessly, when anything else is in it.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Hold `tmp` (complete) for the open set, or hand it back when no set is open.
pub(super) fn hold(tmp: TempPath, dest: &Path) -> Option<TempPath> {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    match pending.as_mut() {
        Some(files) => {
            files.push((tmp, dest.to_path_buf()));
            None
        }
        None => Some(tmp),
    }
}

/// Note a temporary file being written (removed on an interrupt) or, `done`, no longer.
pub(super) fn in_flight(path: &Path, done: bool) {
    let mut v = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
    if done {
        v.retain(|p| p != path);
    } else {
        v.push(path.to_path_buf());
    }
}

/// On SIGINT or SIGTERM: remove every temporary file and the lock, then exit with 130.
pub fn on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        abandon();
        eprintln!("interrupted: no output files were changed");
        std::process::exit(130);
    });
}

/// Remove the temporary files and the lock (what an interrupted command leaves).
fn abandon() {
    PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
    for p in IN_FLIGHT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .drain(..)
    {
        let _ = std::fs::remove_file(p);
    }
    release_lock();
}

fn release_lock() {
    if let Some(lock) = LOCKED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let _ = std::fs::remove_file(lock);
    }
}

/// Create `lock` holding this process's id; a lock of a process that is gone is taken over.
fn take_lock(lock: &Path) -> Result<()> {
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(lock)
        {
            Ok(mut f) => {
                let _ = write!(f, "{}", std::process::id());
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(lock).unwrap_or_default();
                if alive(holder.trim()) {
                    let dir = lock.parent().unwrap_or(Path::new("."));
                    return Err(Error::usage(
                        "--out",
                        format!(
                            "another kohort (process {}) is writing into `{}`; wait for it or choose another --out (if none is running, remove {})",
                            holder.trim(),
                            dir.display(),
                            lock.display()
                        ),
                    ));
                }
                let _ = std::fs::remove_file(lock);
            }
            Err(e) => return Err(Error::io(lock, "cannot lock the output directory", e)),
        }
    }
    Err(Error::io(
        lock,
        "cannot lock the output directory",
        std::io::Error::other("the lock keeps coming back"),
    ))
}

/// Whether the process `pid` runs (Linux: `/proc/PID`); where that cannot be told, a lock is
/// taken to be held.
fn alive(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Refuse, before any work, an output file that cannot be written: a path that exists but is
/// not a regular file (a directory, FIFO or device), or a directory where no file can be made.
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
    super::ensure_dir(dir)?;
    check_dir_writable(flag, dir)
}

/// Refuse a directory in which no file can be created.
fn check_dir_writable(flag: &str, dir: &Path) -> Result<()> {
    tempfile::Builder::new()
        .prefix(".kohort-probe-")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|e| Error::usage(flag, format!("cannot write in `{}`: {e}", dir.display())))
}
