//! Load errors that say where: the file, the line and the field.

use std::fmt;

/// The UTF-8 byte-order mark some programs write at a file's start.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One problem with the input, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    pub path: String,
    /// 1-based line of the record, when the problem is in one.
    pub line: Option<u64>,
    /// The column the problem is in, when it is in one.
    pub field: Option<String>,
    pub problem: String,
    /// In a Parquet file, which has rows and no lines: the row group
    /// (counted from 0, as DuckDB and pyarrow count them); `line` is then
    /// the row in the file (counted from 1).
    pub row_group: Option<u64>,
}

/// Rows of one kind, such as those skipped: the first [`RowList::LISTED`]
/// with their reason, in file order, and how many in all. A file with
/// millions of bad rows thus holds a thousand messages, not millions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowList {
    pub listed: Vec<LoadError>,
    pub count: u64,
    /// Rows listed under another row's entry: a group of rows with one reason
    /// (see [`RowList::push_group`]) is listed once and counts each row.
    pub grouped: u64,
}

impl RowList {
    /// How many rows a list keeps with their reason.
    pub const LISTED: usize = 1000;

    pub fn push(&mut self, error: LoadError) {
        self.count += 1;
        if self.listed.len() < Self::LISTED {
            self.listed.push(error);
        }
    }

    /// Counts `rows` rows that share one reason, listed once (at the first).
    pub fn push_group(&mut self, error: LoadError, rows: u64) {
        if rows == 0 {
            return;
        }
        if self.listed.len() < Self::LISTED {
            self.grouped += rows - 1;
        }
        self.push(error);
        self.count += rows - 1;
    }

    /// Adds the rows of a list that comes after this one in the file.
    pub fn append(&mut self, other: RowList) {
        let room = Self::LISTED.saturating_sub(self.listed.len());
        if other.listed.len() <= room {
            self.grouped += other.grouped;
        }
        self.listed.extend(other.listed.into_iter().take(room));
        self.count += other.count;
    }

    /// Rows counted but not listed (a group's rows are listed by its entry;
    /// a group cut off by an append counts as unlisted).
    pub fn unlisted(&self) -> u64 {
        self.count - self.listed.len() as u64 - self.grouped
    }
}

impl LoadError {
    pub fn file(path: &str, problem: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            line: None,
            field: None,
            problem: problem.into(),
            row_group: None,
        }
    }

    /// A problem with a row of a Parquet file (`row` counted from 1 in the
    /// file, `row_group` from 0), in `column` when it is in one.
    pub fn at_row(
        path: &str,
        row: u64,
        row_group: u64,
        column: Option<&str>,
        problem: impl Into<String>,
    ) -> Self {
        Self {
            line: Some(row),
            field: column.map(str::to_string),
            row_group: Some(row_group),
            ..Self::file(path, problem)
        }
    }

    pub fn at_line(path: &str, line: u64, problem: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            ..Self::file(path, problem)
        }
    }

    /// A file with nothing but blank space.
    pub fn empty_file(path: &str) -> Self {
        Self::file(
            path,
            "the file is empty: expected a header line and data rows",
        )
    }

    /// A pipe (a FIFO, `/dev/stdin`) that gave no byte: one that no program
    /// writes to is read as ended, never waited for.
    pub fn empty_pipe(path: &str) -> Self {
        Self::file(
            path,
            "empty file (no rows): a pipe that gave no bytes, as no program wrote to it; a FIFO (named pipe) is read while its writer runs, so start the writer first (or pipe the data into --data /dev/stdin)",
        )
    }

    /// A file with a header and nothing after it.
    pub fn no_rows(path: &str) -> Self {
        Self::file(path, "the file has a header but no data rows")
    }

    /// A quote opened on `line` and never closed: the rest of the file would
    /// be one field. An error even in lenient mode.
    pub fn open_quote(path: &str, line: u64) -> Self {
        Self::at_line(
            path,
            line,
            "a quote opened on this line is never closed (the rest of the file would be one field)",
        )
    }

    /// A row whose field count differs from the header's (see [`fits_header`]).
    pub fn field_count(path: &str, line: u64, found: usize, expected: usize) -> Self {
        Self::at_line(
            path,
            line,
            format!("the row has {found} fields but the header has {expected}"),
        )
    }

    pub fn at_field(path: &str, line: u64, field: &str, problem: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            field: Some(field.to_string()),
            ..Self::file(path, problem)
        }
    }
}

/// Messages quote the input; control characters in it are written escaped so
/// that a message stays one plain line and never drives the terminal.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, &self.path)?;
        match (self.line, self.row_group) {
            (Some(row), Some(group)) => write!(f, ": row {row} (row group {group})")?,
            (Some(line), None) => write!(f, ":{line}")?,
            _ => {}
        }
        if let Some(field) = &self.field {
            let what = if self.row_group.is_some() {
                "column"
            } else {
                "field"
            };
            write!(f, ": {what} '")?;
            write_escaped(f, field)?;
            f.write_str("'")?;
        }
        f.write_str(": ")?;
        write_escaped(f, &self.problem)
    }
}

fn write_escaped(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str(&escape_controls(text))
}

/// None of the formats has line breaks inside a field: a record with a
/// quoted field running over `line_breaks` line ends from `line` had a quote
/// left open, which swallowed the lines after it. Strict, that is the error;
/// lenient, the record and each line it swallowed are skipped rows, each
/// with its reason, so that rows read = used + skipped + not used still holds.
pub fn quote_over_lines(
    path: &str,
    line: u64,
    line_breaks: u64,
    lenient: bool,
    skipped: &mut RowList,
    rows: &mut u64,
) -> Result<(), LoadError> {
    // Messages say where lines are relative to the record: the native loader
    // numbers lines within a part of the file until the parts are joined.
    let error = LoadError::at_line(
        path,
        line,
        format!(
            "a quoted field runs over the next {line_breaks} line(s): fields have no line breaks, so a closing quote is missing"
        ),
    );
    if !lenient {
        return Err(error);
    }
    skipped.push(error);
    for above in 1..=line_breaks {
        *rows += 1;
        skipped.push(LoadError::at_line(
            path,
            line + above,
            format!("inside a quoted field opened {above} line(s) above"),
        ));
    }
    Ok(())
}

/// Line ends inside a record's fields.
pub fn line_breaks<'f>(fields: impl Iterator<Item = &'f [u8]>) -> u64 {
    fields.map(line_ends).sum()
}

/// Line ends in `bytes`: each LF, CRLF or lone CR (as old Mac programs end
/// lines) is one. A CR at the end counts, so callers never split a CRLF.
#[inline]
pub fn line_ends(bytes: &[u8]) -> u64 {
    // Between two records, almost always one line end.
    match bytes {
        [] => return 0,
        [b'\n'] | [b'\r'] | [b'\r', b'\n'] => return 1,
        _ => {}
    }
    let count = |byte: u8| bytes.iter().filter(|&&b| b == byte).count() as u64;
    let returns = count(b'\r');
    if returns == 0 {
        return count(b'\n');
    }
    let pairs = bytes.windows(2).filter(|pair| pair == b"\r\n").count() as u64;
    count(b'\n') + returns - pairs
}

/// Whether a record's raw bytes end inside a quoted field: one whose first
/// byte is a quote and whose closing quote never comes (a quote elsewhere in
/// a field is text, and a doubled one inside quotes is a quote).
pub fn quote_left_open(raw: &[u8]) -> bool {
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = raw.iter().peekable();
    while let Some(&byte) = bytes.next() {
        match (quoted, byte) {
            (false, b'"') if field_start => quoted = true,
            (true, b'"') if bytes.peek() == Some(&&b'"') => {
                bytes.next();
            }
            (true, b'"') => quoted = false,
            (false, b',' | b'\n' | b'\r') => {
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    quoted
}

pub use crate::data::model::escape_controls;

/// Whether a row of `fields` fields fits a header of `columns`: the same
/// count, or one more that is empty. The Comtrade Plus website and many
/// spreadsheet exports end every data row with a comma the header lacks; an
/// empty field there holds nothing to lose.
#[inline]
pub fn fits_header(fields: usize, columns: usize, last_field: Option<&[u8]>) -> bool {
    fields == columns || (fields == columns + 1 && last_field.is_some_and(<[u8]>::is_empty))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: std::ops::Range<u64>) -> RowList {
        let mut list = RowList::default();
        for line in lines {
            list.push(LoadError::at_line("t.csv", line, "bad"));
        }
        list
    }

    fn lines(list: &RowList) -> Vec<u64> {
        list.listed.iter().filter_map(|e| e.line).collect()
    }

    #[test]
    fn a_row_list_keeps_the_first_rows_and_counts_all() {
        let list = rows(1..2501);
        assert_eq!(list.count, 2500);
        assert_eq!(lines(&list), (1..1001).collect::<Vec<_>>());
        assert_eq!(list.unlisted(), 1500);
    }

    #[test]
    fn a_group_is_listed_once_and_counts_each_row() {
        let mut list = rows(1..3);
        list.push_group(LoadError::at_line("t.csv", 3, "five rows"), 5);
        assert_eq!(list.count, 7);
        assert_eq!(list.listed.len(), 3);
        assert_eq!(list.unlisted(), 0);
    }

    #[test]
    fn appended_lists_keep_file_order() {
        let mut list = rows(1..601);
        list.append(rows(601..1201));
        list.append(rows(1201..1301));
        assert_eq!(list.count, 1300);
        assert_eq!(lines(&list), (1..1001).collect::<Vec<_>>());
    }
}
