//! The last step of every CSV file on its way to disk, streamed record by record: a text cell
//! that a spreadsheet would run as a formula is neutralised, and the Danish dialect gets its
//! separator and decimal commas.
//!
//! Neutralising follows OWASP's rule for CSV injection: a cell that is not a number and starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so `=HYPERLINK(…)`
//! in an arm's label is shown as text. Numbers (`-5.84`) are left alone. The workbook needs no
//! such step: it stores text as text.

use std::io::Write;

use csv_core::{ReadFieldResult, Reader};

use super::Dialect;

/// A writer that takes plain CSV and writes it to `W` cleaned and in `dialect`.
pub(super) struct Cells<W: Write> {
    reader: Reader,
    out: csv::Writer<W>,
    dialect: Dialect,
    /// The field being read and the fields of the record read so far.
    field: Vec<u8>,
    record: Vec<Vec<u8>>,
    buf: [u8; 1024],
}

impl<W: Write> Cells<W> {
    /// Write into `w`; the Danish dialect starts with a byte-order mark.
    pub(super) fn new(mut w: W, dialect: Dialect) -> std::io::Result<Cells<W>> {
        let delimiter = match dialect {
            Dialect::Plain => b',',
            Dialect::Da => {
                w.write_all("\u{feff}".as_bytes())?;
                b';'
            }
        };
        Ok(Cells {
            reader: Reader::new(),
            out: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .from_writer(w),
            dialect,
            field: Vec::new(),
            record: Vec::new(),
            buf: [0; 1024],
        })
    }

    /// Read `input` (empty: the end) and write every record it completes.
    fn feed(&mut self, mut input: &[u8]) -> std::io::Result<()> {
        let end = input.is_empty();
        loop {
            if input.is_empty() && !end {
                return Ok(());
            }
            let (result, read, wrote) = self.reader.read_field(input, &mut self.buf);
            input = &input[read..];
            self.field.extend_from_slice(&self.buf[..wrote]);
            match result {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    self.record.push(std::mem::take(&mut self.field));
                    if record_end {
                        self.emit()?;
                    }
                }
                ReadFieldResult::End => return Ok(()),
            }
        }
    }

    fn emit(&mut self) -> std::io::Result<()> {
        let dialect = self.dialect;
        let fields = self.record.iter().map(|f| cell(f, dialect));
        let written = self.out.write_record(fields);
        self.record.clear();
        Ok(written?)
    }

    /// Write what is left and hand back the writer.
    pub(super) fn finish(mut self) -> std::io::Result<W> {
        self.feed(&[])?;
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

impl<W: Write> Write for Cells<W> {
    fn write(&mut self, input: &[u8]) -> std::io::Result<usize> {
        self.feed(input)?;
        Ok(input.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One cell as written: a number as it is (with a decimal comma in `da`), text neutralised.
fn cell(field: &[u8], dialect: Dialect) -> std::borrow::Cow<'_, [u8]> {
    let number = std::str::from_utf8(field)
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .is_some_and(f64::is_finite);
    match (number, field.first()) {
        (true, _) if dialect == Dialect::Da => field
            .iter()
            .map(|&b| if b == b'.' { b',' } else { b })
            .collect::<Vec<u8>>()
            .into(),
        (false, Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')) => {
            let mut v = Vec::with_capacity(field.len() + 1);
            v.push(b'\'');
            v.extend_from_slice(field);
            v.into()
        }
        _ => field.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(plain: &str, dialect: Dialect, chunk: usize) -> String {
        let mut cells = Cells::new(Vec::new(), dialect).unwrap();
        for piece in plain.as_bytes().chunks(chunk) {
            cells.write_all(piece).unwrap();
        }
        String::from_utf8(cells.finish().unwrap()).unwrap()
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept_in_any_chunking() {
        let plain = "arm,label,saving\nb,\"=HYPERLINK(\"\"x\"\")\",-5.84\nc,+1,1e3\n\
                     d,@SUM(A1),-\ne,\"\tx\",\"a,b\"\n";
        let want = "arm,label,saving\nb,\"'=HYPERLINK(\"\"x\"\")\",-5.84\nc,+1,1e3\n\
                    d,'@SUM(A1),'-\ne,'\tx,\"a,b\"\n";
        for chunk in [1, 3, 7, 1000] {
            assert_eq!(through(plain, Dialect::Plain, chunk), want, "chunk {chunk}");
        }
    }

    #[test]
    fn plain_text_passes_byte_for_byte_and_da_gets_commas() {
        let plain = "a,b\nx y,1.5\n\"q\"\"uote\",-0.25\n";
        assert_eq!(through(plain, Dialect::Plain, 5), plain);
        assert_eq!(
            through(plain, Dialect::Da, 5),
            "\u{feff}a;b\nx y;1,5\n\"q\"\"uote\";-0,25\n"
        );
    }
}
