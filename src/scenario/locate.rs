//! Turning a byte offset in a TOML source into `file:line: [table] key` for error messages.

use std::ops::Range;

use crate::error::Error;

/// A scenario's text with its file name, able to point at places in it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name as the user gave it.
    pub file: String,
    /// The whole text of the file.
    pub text: String,
}

impl Source {
    /// The 1-based line that contains byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// `file:line: [table] key` for the place `span` starts at.
    ///
    /// The table is the nearest `[header]` above the line; the key is the text before `=` on the
    /// line, so a reader finds the spot even when the message is about a nested value.
    pub fn locate(&self, span: Range<usize>) -> String {
        let line_no = self.line_of(span.start);
        let lines: Vec<&str> = self.text.lines().collect();
        let line = lines.get(line_no - 1).copied().unwrap_or("").trim();
        let header = lines[..(line_no - 1).min(lines.len())]
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| l.starts_with('['))
            .map(|l| l.split('#').next().unwrap_or(l).trim());
        let key = if line.starts_with('[') {
            None
        } else {
            line.split_once('=').map(|(k, _)| k.trim())
        };
        let mut out = format!("{}:{}", self.file, line_no);
        let place = match (header, key) {
            _ if line.starts_with('[') => line.split('#').next().unwrap_or(line).trim().to_string(),
            (Some(h), Some(k)) => format!("{h} {k}"),
            (None, Some(k)) => k.to_string(),
            (Some(h), None) => h.to_string(),
            (None, None) => String::new(),
        };
        if !place.is_empty() {
            out.push_str(": ");
            out.push_str(&place);
        }
        out
    }

    /// An [`Error::Scenario`] located at `span`.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::Scenario {
            location: self.locate(span),
            message: message.into(),
        }
    }

    /// An [`Error::Scenario`] about the file as a whole (e.g. a missing table).
    pub fn error_file(&self, message: impl Into<String>) -> Error {
        Error::Scenario {
            location: self.file.clone(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source {
            file: "s.toml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn names_line_table_and_key() {
        let s = src("months = 3\n\n[transitions.kh]\njob = 1.5 # bad\n");
        let off = s.text.find("1.5").unwrap();
        assert_eq!(s.locate(off..off + 3), "s.toml:4: [transitions.kh] job");
    }

    #[test]
    fn top_level_key_has_no_table() {
        let s = src("months = 0\n");
        assert_eq!(s.locate(9..10), "s.toml:1: months");
    }

    #[test]
    fn header_line_names_itself() {
        let s = src("a = 1\n[arms.x]\ncaseload = 2\n");
        let off = s.text.find("[arms").unwrap();
        assert_eq!(s.locate(off..off + 8), "s.toml:2: [arms.x]");
    }
}
