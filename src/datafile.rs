//! A user's CSV data file (targets, actuals): comma-separated with decimal points, or — as
//! Danish Excel saves CSV — semicolon-separated with decimal commas; UTF-8 with or without a
//! byte-order mark; `#` starts a comment line. Columns are found by name, so their order does
//! not matter and extra columns are ignored. Every error names `file:line: column:`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A data file's header and rows, read and split but not yet interpreted.
#[derive(Debug, Clone)]
pub struct DataFile {
    path: PathBuf,
    danish: bool,
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

impl DataFile {
    /// Read `path` (`what` says what it is, for I/O errors), whose header must have the
    /// columns `required`.
    pub fn read(path: &Path, what: &'static str, required: &[&str]) -> Result<DataFile> {
        let text = crate::textfile::read(path).map_err(|e| Error::io(path, what, e))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let first = text
            .lines()
            .find(|l| !l.trim_start().starts_with('#'))
            .unwrap_or("");
        // Danish Excel saves `;` with decimal commas, and tab-separated text the same way.
        let tabs = !first.contains([';', ',']) && first.contains('\t');
        let danish = first.contains(';') || tabs;
        let delimiter = match (tabs, danish) {
            (true, _) => b'\t',
            (false, true) => b';',
            (false, false) => b',',
        };
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut file = DataFile {
            path: path.to_path_buf(),
            danish,
            header: Vec::new(),
            rows: Vec::new(),
        };
        file.header = reader
            .headers()
            .map_err(|e| file.error(1, "header", &e.to_string()))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        for (k, h) in file.header.iter().enumerate() {
            if let Some(j) = file.header[..k].iter().position(|g| g == h) {
                let message = format!(
                    "column `{h}` appears twice (columns {} and {})",
                    j + 1,
                    k + 1
                );
                return Err(file.error(1, "header", &message));
            }
        }
        if let Some(missing) = required
            .iter()
            .find(|c| !file.header.iter().any(|h| h == *c))
        {
            let message = format!(
                "no column `{missing}`; the header must name {}",
                required.join(",")
            );
            return Err(file.error(1, "header", &message));
        }
        for rec in reader.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                file.error(line, "row", &e.to_string())
            })?;
            let line = rec.position().map_or(0, |p| p.line());
            file.rows
                .push((line, rec.iter().map(|c| c.trim().to_string()).collect()));
        }
        if file.rows.is_empty() {
            return Err(file.error(1, "rows", "the file has a header but no rows"));
        }
        Ok(file)
    }

    /// The rows: line number and cells.
    pub fn rows(&self) -> &[(u64, Vec<String>)] {
        &self.rows
    }

    /// The file as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the header names `column`.
    pub fn has(&self, column: &str) -> bool {
        self.header.iter().any(|h| h == column)
    }

    /// Columns not in `known`, in file order.
    pub fn extra_columns(&self, known: &[&str]) -> Vec<String> {
        let extra = self.header.iter().filter(|h| !known.contains(&h.as_str()));
        extra.cloned().collect()
    }

    /// The error `file:line: column: message`; a message that quotes a huge cell is cut.
    pub fn error(&self, line: u64, column: &str, message: &str) -> Error {
        const MAX_CHARS: usize = 300;
        let message = match message.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => format!("{}…", &message[..cut]),
            None => message.to_string(),
        };
        Error::Scenario {
            location: format!("{}:{line}", self.path.display()),
            message: format!("{column}: {message}"),
        }
    }

    /// The text of column `column` in `row` (empty when the row is short).
    pub fn text<'a>(&self, row: &'a [String], column: &str) -> &'a str {
        let i = self.header.iter().position(|h| h == column);
        i.and_then(|i| row.get(i)).map_or("", String::as_str)
    }

    /// The number in column `column` of the row at `line` (a decimal comma in a Danish file).
    pub fn number(&self, (line, row): &(u64, Vec<String>), column: &str) -> Result<f64> {
        let text = self.text(row, column);
        if self.danish && thousands(text) {
            let message = format!(
                "`{text}` is ambiguous in a `;` file: Danish Excel writes a thousand as 1.000 and one as 1,000; write it without the point ({}) or with a decimal comma",
                text.replace('.', "")
            );
            return Err(self.error(*line, column, &message));
        }
        // In a Danish file a comma is the decimal mark, and then a point groups thousands.
        let text = match self.danish && text.contains(',') {
            true => text.replace('.', "").replace(',', "."),
            false => text.to_string(),
        };
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            _ if text.is_empty() => Err(self.error(*line, column, "is empty")),
            _ => Err(self.error(*line, column, &format!("`{text}` is not a number"))),
        }
    }

    /// A whole number ≥ `min` in column `column` (as written, in the message).
    pub fn whole(&self, row: &(u64, Vec<String>), column: &str, min: u32) -> Result<u32> {
        let x = self.number(row, column)?;
        if x.fract() != 0.0 || x < min as f64 || x > u32::MAX as f64 {
            let message = format!(
                "must be a whole number ≥ {min}, got `{}`",
                self.text(&row.1, column)
            );
            return Err(self.error(row.0, column, &message));
        }
        Ok(x as u32)
    }

    /// The `month` column: a whole month from 1 to the scenario's `horizon`.
    pub fn month(&self, row: &(u64, Vec<String>), horizon: u32) -> Result<u32> {
        let m = self.whole(row, "month", 1)?;
        if m > horizon {
            let message = format!("{m} is past the scenario's horizon of {horizon} months");
            return Err(self.error(row.0, "month", &message));
        }
        Ok(m)
    }
}

/// Whether `text` is grouped in thousands by points and nothing else (`1.000`, `12.500.000`):
/// in a Danish file that is a thousands separator, elsewhere a decimal point.
fn thousands(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut groups = digits.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(&p, text).unwrap();
        (dir, p)
    }

    #[test]
    fn plain_and_danish_files_read_alike() {
        let (_d, plain) = file("month,state,count,note\n1,job,1200.5,x\n");
        let (_e, danish) = file("\u{feff}note;count;state;month\nx;1.200,5;job;1\n");
        for p in [plain, danish] {
            let f = DataFile::read(&p, "read", &["month", "state", "count"]).unwrap();
            let row = &f.rows()[0];
            assert_eq!(f.number(row, "count").unwrap(), 1200.5);
            assert_eq!(f.whole(row, "month", 1).unwrap(), 1);
            assert_eq!(f.text(&row.1, "state"), "job");
            assert_eq!(f.extra_columns(&["month", "state", "count"]), ["note"]);
        }
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let (_d, p) = file("month,state,count\n1,job,3\n2,job,-1\n");
        let f = DataFile::read(&p, "read", &["month", "state", "count"]).unwrap();
        let err = f.whole(&f.rows()[1], "count", 0).unwrap_err().to_string();
        assert!(
            err.ends_with("a.csv:3: count: must be a whole number ≥ 0, got `-1`"),
            "{err}"
        );
        let (_e, q) = file("month,count\n1,3\n");
        let err = DataFile::read(&q, "read", &["month", "state"]).unwrap_err();
        assert!(
            err.to_string()
                .contains("a.csv:1: header: no column `state`"),
            "{err}"
        );
    }

    #[test]
    fn danish_thousands_tabs_duplicates_and_huge_cells() {
        let (_d, p) = file("state;count\njob;1.000\njob;0.500\njob;1.000,5\n");
        let f = DataFile::read(&p, "read", &["state", "count"]).unwrap();
        let err = f.number(&f.rows()[0], "count").unwrap_err().to_string();
        assert!(
            err.contains("a.csv:2: count: `1.000` is ambiguous"),
            "{err}"
        );
        assert_eq!(f.number(&f.rows()[1], "count").unwrap(), 0.5);
        assert_eq!(f.number(&f.rows()[2], "count").unwrap(), 1000.5);
        let (_e, tabs) = file("state\tcount\njob\t2,5\n");
        let f = DataFile::read(&tabs, "read", &["state", "count"]).unwrap();
        assert_eq!(f.number(&f.rows()[0], "count").unwrap(), 2.5);
        let (_g, twice) = file("state,count,state\njob,1,kh\n");
        let err = DataFile::read(&twice, "read", &["state"])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("column `state` appears twice (columns 1 and 3)"),
            "{err}"
        );
        let (_h, huge) = file(&format!("state,count\njob,{}\n", "x".repeat(100_000)));
        let f = DataFile::read(&huge, "read", &["count"]).unwrap();
        let err = f.number(&f.rows()[0], "count").unwrap_err().to_string();
        assert!(err.len() < 500 && err.ends_with('…'), "{}", err.len());
        assert!(!thousands("1000") && !thousands("1.5") && thousands("-12.500.000"));
    }
}
