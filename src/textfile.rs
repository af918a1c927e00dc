//! Reading the files a user names (scenarios, their bases, targets): only regular files, and
//! only up to [`MAX_BYTES`], so a FIFO, a device or a huge file is refused with a message
//! instead of hanging or filling memory.

use std::io::{Error, ErrorKind, Result};
use std::path::Path;

/// The largest input file kohort reads: 16 MiB (a scenario is a few kB; a cohort or targets
/// file of 100,000 rows is a few MB).
pub const MAX_BYTES: u64 = 16 << 20;

/// `path`'s text, if it is a regular file of at most [`MAX_BYTES`] in UTF-8; otherwise the
/// first line that is not UTF-8, with advice.
pub fn read(path: &Path) -> Result<String> {
    check(path)?;
    String::from_utf8(std::fs::read(path)?).map_err(|e| {
        let bytes = e.as_bytes();
        let line = 1 + bytes[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Error::new(
            ErrorKind::InvalidData,
            format!(
                "line {line} is not UTF-8 (saved as Latin-1 or Windows-1252?); save the file as UTF-8 (in Excel: CSV UTF-8)"
            ),
        )
    })
}

/// An error unless `path` (after symlinks) is a regular file of at most [`MAX_BYTES`].
fn check(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file (a FIFO, socket or device)"
        };
        return Err(Error::new(ErrorKind::InvalidInput, format!("it is {what}")));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "it is {} MiB; input files are at most {} MiB",
                meta.len() >> 20,
                MAX_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_directories_and_reads_files() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path()).unwrap_err().to_string();
        assert!(err.contains("directory"), "{err}");
        let f = dir.path().join("a.toml");
        std::fs::write(&f, "x = 1").unwrap();
        assert_eq!(read(&f).unwrap(), "x = 1");
        std::fs::write(&f, b"a\nb\n\xf8\n").unwrap();
        let err = read(&f).unwrap_err().to_string();
        assert!(err.starts_with("line 3 is not UTF-8"), "{err}");
    }
}
