//! Turning a byte offset into `file:line: [table] key` for error messages, across a scenario
//! and the base files it extends.
//!
//! Every file of an `extends` chain is parsed at its own offset in one "virtual" byte range:
//! file k's text is preceded by a comment line of padding as long as all the files before it,
//! so the spans the TOML parser reports for it start past theirs. A span therefore tells which
//! file it is in, and the line is counted within that file.

use std::ops::Range;

use crate::error::Error;

/// One file of a scenario.
#[derive(Debug, Clone)]
pub struct File {
    /// The file name as the user gave it (or as `extends` resolved it).
    pub name: String,
    /// The file's text.
    pub text: String,
    /// Where the text starts in the virtual range.
    pub offset: usize,
}

impl File {
    /// The text the parser sees: padding up to `offset`, then the file.
    pub fn padded(&self) -> String {
        if self.offset == 0 {
            return self.text.clone();
        }
        format!("#{}\n{}", " ".repeat(self.offset - 2), self.text)
    }
}

/// A scenario's files, the scenario itself first.
#[derive(Debug, Clone)]
pub struct Source {
    /// The files, in `extends` order.
    pub files: Vec<File>,
}

impl Source {
    /// A single file.
    pub fn single(name: &str, text: &str) -> Source {
        Source {
            files: vec![File {
                name: name.to_string(),
                text: text.to_string(),
                offset: 0,
            }],
        }
    }

    /// The scenario's own file name.
    pub fn file(&self) -> &str {
        &self.files[0].name
    }

    /// Append a base file after the others; returns its index.
    pub fn push(&mut self, name: String, text: String) -> usize {
        let last = self.files.last().expect("the scenario itself");
        let offset = (last.offset + last.text.len() + 2).max(2);
        self.files.push(File { name, text, offset });
        self.files.len() - 1
    }

    /// The file holding byte `at` of the padded sources, and `at`'s offset in its text.
    fn file_at(&self, at: usize) -> (&File, usize) {
        let file = self
            .files
            .iter()
            .rev()
            .find(|f| f.offset <= at)
            .unwrap_or(&self.files[0]);
        (file, at.saturating_sub(file.offset).min(file.text.len()))
    }

    /// The name of the file holding byte `at` (see [`Source::locate`]).
    pub fn name_at(&self, at: usize) -> &str {
        &self.file_at(at).0.name
    }

    /// The text of the line `span` starts on.
    pub fn line_of(&self, span: Range<usize>) -> &str {
        let (file, offset) = self.file_at(span.start);
        let start = file.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = file.text[offset..]
            .find('\n')
            .map_or(file.text.len(), |i| offset + i);
        &file.text[start..end]
    }

    /// `file:line: [table] key` for the place `span` starts at.
    ///
    /// The table is the nearest `[header]` above the line; the key is the text before `=` on the
    /// line, so a reader finds the spot even when the message is about a nested value.
    pub fn locate(&self, span: Range<usize>) -> String {
        let (file, offset) = self.file_at(span.start);
        let line_no = file.text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        let lines: Vec<&str> = file.text.lines().collect();
        let line = lines.get(line_no - 1).copied().unwrap_or("").trim();
        let strip = |l: &str| l.split('#').next().unwrap_or(l).trim().to_string();
        let header = lines[..(line_no - 1).min(lines.len())]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| l.starts_with('['))
            .map(strip);
        let key = line.split_once('=').map(|(k, _)| k.trim());
        let place = match (header, key) {
            _ if line.starts_with('[') => strip(line),
            (Some(h), Some(k)) => format!("{h} {k}"),
            (None, Some(k)) => k.to_string(),
            (Some(h), None) => h,
            (None, None) => String::new(),
        };
        match place.is_empty() {
            true => format!("{}:{}", file.name, line_no),
            false => format!("{}:{}: {place}", file.name, line_no),
        }
    }

    /// An [`Error::Scenario`] located at `span`.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::Scenario {
            location: self.locate(span),
            message: message.into(),
        }
    }

    /// An [`Error::Scenario`] about the scenario file as a whole.
    pub fn error_file(&self, message: impl Into<String>) -> Error {
        Error::Scenario {
            location: self.file().to_string(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_line_table_and_key() {
        let s = Source::single(
            "s.toml",
            "months = 3\n\n[transitions.kh]\njob = 1.5 # bad\n",
        );
        let off = s.files[0].text.find("1.5").unwrap();
        assert_eq!(s.locate(off..off + 3), "s.toml:4: [transitions.kh] job");
    }

    #[test]
    fn top_level_key_has_no_table() {
        let s = Source::single("s.toml", "months = 0\n");
        assert_eq!(s.locate(9..10), "s.toml:1: months");
    }

    #[test]
    fn header_line_names_itself() {
        let s = Source::single("s.toml", "a = 1\n[arms.x]\ncaseload = 2\n");
        let off = s.files[0].text.find("[arms").unwrap();
        assert_eq!(s.locate(off..off + 8), "s.toml:2: [arms.x]");
    }

    #[test]
    fn spans_in_a_base_file_name_the_base_file() {
        let mut s = Source::single("child.toml", "extends = \"b.toml\"\n");
        let k = s.push("b.toml".into(), "x = 1\n[economics]\ntax_rate = 2\n".into());
        let padded = s.files[k].padded();
        let off = padded.find("2\n").unwrap();
        assert_eq!(s.locate(off..off + 1), "b.toml:3: [economics] tax_rate");
    }
}
