//! Outputs that would overwrite an input or each other, refused before any work: `--report`
//! naming the scenario, `--xlsx` naming the cohort file, `--report x --xlsx x`, a report in
//! the output directory under the name of a CSV file, an output directory holding an input
//! under such a name.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::export::FILE_NAMES;

/// A command's outputs: the files named by flags, and the output directory's files.
#[derive(Debug, Default)]
pub(super) struct Outputs {
    files: Vec<(&'static str, PathBuf)>,
}

impl Outputs {
    /// The files a command writes into `out` (every name a command may use there).
    pub(super) fn dir(out: &Path) -> Outputs {
        Outputs {
            files: FILE_NAMES.iter().map(|n| ("--out", out.join(n))).collect(),
        }
    }

    /// And the file `path` that `flag` names, if given.
    pub(super) fn with(mut self, flag: &'static str, path: Option<&Path>) -> Outputs {
        self.files.extend(path.map(|p| (flag, p.to_path_buf())));
        self
    }

    /// Refuse an output that is one of `inputs` or that another output also names.
    pub(super) fn check(&self, inputs: &[PathBuf]) -> Result<()> {
        let inputs: Vec<(PathBuf, &PathBuf)> = inputs.iter().map(|p| (identity(p), p)).collect();
        let outputs: Vec<(PathBuf, &(&str, PathBuf))> =
            self.files.iter().map(|o| (identity(&o.1), o)).collect();
        for (k, (id, (flag, path))) in outputs.iter().enumerate() {
            if let Some((_, input)) = inputs.iter().find(|(i, _)| i == id) {
                return Err(Error::usage(
                    flag,
                    format!(
                        "`{}` would overwrite the input `{}`; give another file",
                        path.display(),
                        input.display()
                    ),
                ));
            }
            if let Some((_, (other, _))) = outputs[..k].iter().find(|(o, _)| o == id) {
                let what = if *other == *flag {
                    format!("`{}` is named twice", path.display())
                } else {
                    format!(
                        "`{}` is also where {other} writes; give each output its own file",
                        path.display()
                    )
                };
                return Err(Error::usage(flag, what));
            }
        }
        Ok(())
    }
}

/// What `path` refers to, for comparison: its canonical form, or for a file not yet there the
/// canonical form of its directory with its name.
fn identity(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_over_an_input_or_another_output_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = dir.path().join("s.toml");
        std::fs::write(&scenario, "x").unwrap();
        let out = dir.path().join("out");
        let ok = Outputs::dir(&out).with("--report", Some(&dir.path().join("r.html")));
        assert!(ok.check(std::slice::from_ref(&scenario)).is_ok());
        let over = Outputs::dir(&out).with("--report", Some(&scenario));
        let e = over.check(std::slice::from_ref(&scenario)).unwrap_err();
        assert!(e.to_string().contains("would overwrite the input"), "{e}");
        let twice = Outputs::dir(&out)
            .with("--report", Some(&dir.path().join("x")))
            .with("--xlsx", Some(&dir.path().join("./x")));
        let e = twice.check(&[]).unwrap_err();
        assert!(e.to_string().contains("also where --report writes"), "{e}");
        let csv = Outputs::dir(&out).with("--report", Some(&out.join("summary.csv")));
        let e = csv.check(&[]).unwrap_err();
        assert!(e.to_string().contains("also where --out writes"), "{e}");
        let input_in_out = Outputs::dir(dir.path());
        let cohort = dir.path().join("trials.csv");
        std::fs::write(&cohort, "x").unwrap();
        assert!(input_in_out.check(&[cohort]).is_err());
    }
}
