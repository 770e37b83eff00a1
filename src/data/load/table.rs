//! The delimited tables the import formats share: a header whose columns are
//! found by name, data rows read into one reused record, and every problem
//! located by file, line and column.
//!
//! A table is read as a stream, so a large file needs memory for its figures,
//! not for its bytes.

use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicU64, Ordering};

use csv::{ByteRecord, Reader, ReaderBuilder};

use super::codes::{self, AreaCode};
use super::error::{
    BOM, LoadError, RowList, fits_header, line_breaks, quote_left_open, quote_over_lines,
};
use super::line_count::LineCountingReader;
use super::meaning::{self, header_text};
use super::{FileLoad, read_head};
use crate::data::model::Area;

/// A stream whose bytes are added to `read` (the load gauge's count) as a
/// table reads them. The csv reader reads through its own buffer, zero-filled
/// once, so this costs an addition a read; a stream read in blocks is counted
/// by `blocks::fill` instead, since `read_to_end` through a wrapper like this
/// one zero-fills every block before reading into it.
pub(crate) struct Counted<'a, R> {
    pub inner: R,
    pub read: &'a AtomicU64,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.read.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

/// A file opened at its header, ready to read rows.
pub(crate) struct Table<'a> {
    path: &'a str,
    reader: Reader<LineCountingReader<Box<dyn Read + 'a>>>,
    /// The input's first line, after any byte-order mark, for messages.
    first_line: Vec<u8>,
    header: ByteRecord,
    /// Header names as written (trimmed), for messages and lookups.
    names: Vec<String>,
    pub delimiter: u8,
    /// Rows read before this table's first, by another reader of the same file.
    rows_before: u64,
}

impl<'a> Table<'a> {
    /// Reads the header line, after a UTF-8 byte-order mark. The delimiter is
    /// `;` when the first line has more semicolons than commas, else `,`.
    pub fn open(path: &'a str, mut input: impl Read + 'a) -> Result<Self, LoadError> {
        let mut head = read_head(path, &mut input)?;
        if head.starts_with(BOM) {
            head.drain(..BOM.len());
        }
        if head.iter().all(u8::is_ascii_whitespace) {
            return Err(LoadError::empty_file(path));
        }
        let first_line = head
            .split(|&b| b == b'\n' || b == b'\r')
            .next()
            .unwrap_or_default();
        let count = |wanted: u8| first_line.iter().filter(|&&b| b == wanted).count();
        let delimiter = if count(b';') > count(b',') {
            b';'
        } else {
            b','
        };
        let first_line = first_line.to_vec();
        // The csv reader reads the head again, then the rest of the input.
        let from_start: Box<dyn Read + 'a> = Box::new(Cursor::new(head).chain(input));
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            // Field counts are checked here, so that the message names the line.
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(LineCountingReader::new(from_start));
        let mut header = ByteRecord::new();
        reader
            .read_byte_record(&mut header)
            .map_err(|error| csv_error(path, error))?;
        let names: Vec<String> = header
            .iter()
            .map(|name| String::from_utf8_lossy(name).trim().to_string())
            .collect();
        // A column named twice (OBS_VALUE, OBS_VALUE) leaves which one is
        // meant a guess: an error, as in the native loader.
        for (i, name) in names.iter().enumerate() {
            if !name.is_empty() && names[..i].iter().any(|n| n.eq_ignore_ascii_case(name)) {
                return Err(LoadError::at_field(
                    path,
                    1,
                    name,
                    "the column appears twice in the header",
                ));
            }
        }
        Ok(Self {
            path,
            reader,
            first_line,
            header,
            names,
            delimiter,
            rows_before: 0,
        })
    }

    /// Goes on reading a file another reader began: the input is its header
    /// line, then the bytes from where that reader stopped, which were line
    /// `header_line` + 1 on and held `rows_before` rows before them.
    pub fn resume(mut self, header_line: u64, rows_before: u64) -> Self {
        self.reader.get_mut().newlines += header_line.saturating_sub(1);
        self.rows_before = rows_before;
        self
    }

    /// The first line as written, after any byte-order mark.
    pub fn first_line(&self) -> &[u8] {
        &self.first_line
    }

    pub fn path(&self) -> &'a str {
        self.path
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The header as found, for messages.
    pub fn header_text(&self) -> String {
        header_text(self.header.iter())
    }

    /// The first column named any of `names`, case-insensitively.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|wanted| {
            self.names
                .iter()
                .position(|name| name.eq_ignore_ascii_case(wanted))
        })
    }

    /// Like [`Table::column`], but a missing column is an error naming it.
    pub fn require(&self, names: &[&str]) -> Result<usize, LoadError> {
        self.column(names).ok_or_else(|| {
            LoadError::at_field(
                self.path,
                1,
                names[0],
                format!(
                    "the header has no '{}' column (found: {})",
                    names.join("' or '"),
                    self.header_text()
                ),
            )
        })
    }

    /// Calls `each` on every data row. A row it rejects is the error in strict
    /// mode and is skipped in lenient mode; either way it is counted.
    pub fn rows(
        mut self,
        lenient: bool,
        load: &mut FileLoad,
        mut each: impl FnMut(&DataRow<'_>) -> Result<(), LoadError>,
    ) -> Result<(), LoadError> {
        let mut record = ByteRecord::new();
        let mut rows = 0u64;
        let mut not_utf8 = NotUtf8::default();
        loop {
            let result = match self.reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let start = record.position().map_or(0, |p| p.byte());
                    let line = self.reader.get_mut().line_at(start);
                    not_utf8.note(&record, line);
                    let breaks = line_breaks(record.iter());
                    if breaks > 0 {
                        // Only a quote never closed runs to the end of the file.
                        let end = self.reader.position().byte();
                        let raw = self.reader.get_ref().kept_bytes(start, end);
                        if raw.is_some_and(quote_left_open) {
                            return Err(LoadError::open_quote(self.path, line));
                        }
                        rows += 1;
                        quote_over_lines(
                            self.path,
                            line,
                            breaks,
                            lenient,
                            &mut load.skipped,
                            &mut rows,
                        )?;
                        continue;
                    }
                    if fits_header(
                        record.len(),
                        self.header.len(),
                        record.get(self.header.len()),
                    ) {
                        each(&DataRow {
                            path: self.path,
                            line,
                            record: &record,
                            names: &self.names,
                            decimal_comma: self.delimiter == b';',
                        })
                    } else {
                        Err(LoadError::field_count(
                            self.path,
                            line,
                            record.len(),
                            self.header.len(),
                        ))
                    }
                }
                // An input that cannot be read fails even in lenient mode.
                Err(error) if error.is_io_error() => return Err(csv_error(self.path, error)),
                Err(error) => Err(csv_error(self.path, error)),
            };
            rows += 1;
            match result {
                Ok(()) => {}
                Err(error) if lenient => load.skipped.push(error),
                Err(error) => return Err(error),
            }
        }
        load.rows += rows;
        if let Some(remark) = not_utf8.remark(&self.names) {
            load.remarks.push(remark);
        }
        if rows + self.rows_before == 0 {
            return Err(LoadError::no_rows(self.path));
        }
        Ok(())
    }
}

/// Rows with bytes that are not UTF-8: counted, and the first located, for a
/// remark. (A code or number among them is an error of its own row.)
#[derive(Default)]
struct NotUtf8 {
    rows: u64,
    /// The first such field's line and column.
    first: Option<(u64, usize)>,
}

impl NotUtf8 {
    fn note(&mut self, record: &ByteRecord, line: u64) {
        if std::str::from_utf8(record.as_slice()).is_ok() {
            return;
        }
        self.rows += 1;
        if self.first.is_none() {
            let column = record
                .iter()
                .position(|field| std::str::from_utf8(field).is_err());
            self.first = column.map(|column| (line, column));
        }
    }

    fn remark(&self, names: &[String]) -> Option<String> {
        let (line, column) = self.first?;
        let name = names.get(column).map_or("?", String::as_str);
        let rows = self.rows;
        let (noun, verb) = if rows == 1 {
            ("row", "holds")
        } else {
            ("rows", "hold")
        };
        Some(format!(
            "{rows} {noun} {verb} text that is not UTF-8 (first: line {line}, field '{name}'): descriptions are read as Windows-1252 (Latin-1); codes and numbers are checked as written"
        ))
    }
}

/// One data row, with the means to read its fields and to say what is wrong.
pub(crate) struct DataRow<'r> {
    path: &'r str,
    pub line: u64,
    record: &'r ByteRecord,
    names: &'r [String],
    /// Semicolon-separated files write `1234,5`.
    decimal_comma: bool,
}

impl DataRow<'_> {
    /// The field's text, trimmed; an absent optional column reads as empty.
    pub fn text(&self, column: Option<usize>) -> Result<&str, LoadError> {
        let Some(column) = column else {
            return Ok("");
        };
        let raw = self.record.get(column).unwrap_or_default();
        meaning::text(raw).map_err(|problem| self.error(column, problem))
    }

    /// The field as descriptive text, for messages: see [`meaning::description`].
    pub fn description(&self, column: usize) -> String {
        meaning::description(self.record.get(column).unwrap_or_default())
    }

    /// A decimal number in the column; with a `;` delimiter `,` may be the
    /// decimal separator.
    pub fn number(&self, column: usize) -> Result<f64, LoadError> {
        let text = self.text(Some(column))?;
        meaning::number(text, self.decimal_comma).map_err(|problem| self.error(column, problem))
    }

    /// The field's bytes as written.
    pub fn raw(&self, column: usize) -> &[u8] {
        self.record.get(column).unwrap_or_default()
    }

    /// The area a code in the column names. An aggregate ("Other Asia, nes",
    /// "advanced economies") makes the row unused: it is noted and `None` returned.
    pub fn area(&self, column: usize, unused: &mut RowList) -> Result<Option<Area>, LoadError> {
        let code = self.text(Some(column))?;
        match codes::resolve(code) {
            AreaCode::Known(area) => Ok(Some(area)),
            AreaCode::Aggregate => {
                unused.push(self.error(
                    column,
                    format!("'{code}' is a regional or statistical aggregate, not a country"),
                ));
                Ok(None)
            }
            AreaCode::Unknown => Err(self.error(
                column,
                format!("'{code}' is not an area code (expected ISO alpha-2 or alpha-3 such as CN or CHN, or a world code such as W00)"),
            )),
        }
    }

    /// A problem with the column's value.
    pub fn error(&self, column: usize, problem: impl Into<String>) -> LoadError {
        let name = self.names.get(column).map_or("?", String::as_str);
        LoadError::at_field(self.path, self.line, name, problem)
    }
}

/// A csv crate error as a located load error. (Readers here are flexible:
/// field counts are checked by the loaders, which name the line.)
pub(crate) fn csv_error(path: &str, error: csv::Error) -> LoadError {
    let line = error.position().map_or(0, |p| p.line());
    match error.into_kind() {
        csv::ErrorKind::Io(error) => LoadError::file(path, format!("cannot read: {error}")),
        other => LoadError::at_line(path, line, format!("unreadable CSV: {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives at most `most` bytes a read, so records and line ends fall
    /// across the reads' boundaries.
    struct Trickle<'a> {
        bytes: &'a [u8],
        most: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let read = self.most.min(buf.len()).min(self.bytes.len());
            buf[..read].copy_from_slice(&self.bytes[..read]);
            self.bytes = &self.bytes[read..];
            Ok(read)
        }
    }

    /// Each row's line and first field, or its error, read leniently.
    fn rows_of(input: impl Read) -> Vec<Result<(u64, String), String>> {
        let table = Table::open("t.csv", input).unwrap();
        let mut load = FileLoad::default();
        let mut rows = Vec::new();
        table
            .rows(true, &mut load, |row| {
                let first = row.text(Some(0))?;
                if first == "bad" {
                    return Err(row.error(1, "rejected"));
                }
                rows.push(Ok((row.line, first.to_string())));
                Ok(())
            })
            .unwrap();
        // Rows come in order, so skipped ones go back in by their lines.
        for error in load.skipped.listed {
            let at = rows.partition_point(|row| match row {
                Ok((line, _)) => *line < error.line.unwrap(),
                Err(_) => true,
            });
            rows.insert(at, Err(error.to_string()));
        }
        rows
    }

    #[test]
    fn streamed_rows_keep_their_true_lines_and_errors() {
        let long = "x".repeat(20_000);
        let input = format!(
            "\u{feff}a,b,c\r\n\
             one,1,2\r\n\
             \r\n\
             \n\
             two,\"split\r\nacross\nlines\",3\r\n\
             short,1\r\n\
             bad,1,2\n\
             long,\"{long}\",\"{long}\n\"\r\n\
             last,\"q\"\"uote\",4"
        );
        // Rows with line breaks inside quotes are skipped with the lines they
        // take in; the rows after keep their true lines.
        let over = |line, breaks| {
            format!(
                "t.csv:{line}: a quoted field runs over the next {breaks} line(s): fields have no line breaks, so a closing quote is missing"
            )
        };
        let inside = |line, above| {
            format!("t.csv:{line}: inside a quoted field opened {above} line(s) above")
        };
        let expected: Vec<Result<(u64, String), String>> = vec![
            Ok((2, "one".into())),
            Err(over(5, 2)),
            Err(inside(6, 1)),
            Err(inside(7, 2)),
            Err("t.csv:8: the row has 2 fields but the header has 3".into()),
            Err("t.csv:9: field 'b': rejected".into()),
            Err(over(10, 1)),
            Err(inside(11, 1)),
            Ok((12, "last".into())),
        ];
        assert_eq!(rows_of(input.as_bytes()), expected, "whole");
        for most in [1, 2, 3, 7, 4096] {
            let trickle = Trickle {
                bytes: input.as_bytes(),
                most,
            };
            assert_eq!(rows_of(trickle), expected, "{most} bytes a read");
        }
    }

    /// Fails after its bytes, as a disk might in the middle of a file.
    struct FailingAfter<'a>(&'a [u8]);

    impl Read for FailingAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("device error"));
            }
            self.0.read(buf)
        }
    }

    #[test]
    fn a_read_error_stops_the_file_even_in_lenient_mode() {
        for lenient in [false, true] {
            let table = Table::open("t.csv", FailingAfter(b"a,b\n1,2\n3,4\n")).unwrap();
            let mut load = FileLoad::default();
            let error = table.rows(lenient, &mut load, |_| Ok(())).unwrap_err();
            assert_eq!(error.to_string(), "t.csv: cannot read: device error");
        }
        let error = Table::open("t.csv", FailingAfter(b"a,b")).err().unwrap();
        assert_eq!(error.to_string(), "t.csv: cannot read: device error");
    }
}
