//! The simple native loader, one record at a time through the csv crate, kept
//! for tests: the fast loader in `native` must give exactly what this gives.
//! It shares the header's reading with `native` and is otherwise written
//! apart from it on purpose, so that the two check each other.

use csv::{ByteRecord, ReaderBuilder};

use super::fields::{self, Fields};
use super::header::{Column, Header};
use crate::data::load::FileLoad;
use crate::data::load::error::{
    BOM, LoadError, fits_header, line_breaks, quote_left_open, quote_over_lines,
};
use crate::data::load::line_count::LineCountingReader;
use crate::data::load::meaning;
use crate::data::load::table::csv_error;
use crate::data::model::Texts;

/// Reads a native file already in memory. In strict mode the first bad row is
/// the error; in lenient mode bad rows are skipped and returned with their reason.
pub fn parse(
    path: &str,
    bytes: &[u8],
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::empty_file(path));
    }
    // Field counts are checked here, so that the message has the true line.
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(LineCountingReader::new(bytes));
    let mut record = ByteRecord::new();
    read_record(path, &mut reader, &mut record)?;
    let header = Header::from_fields(path, record.iter())?;

    let mut load = FileLoad::default();
    loop {
        let row = match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte());
                let line = reader.get_mut().line_at(start);
                let end = reader.position().byte() as usize;
                if end == bytes.len() && quote_left_open(&bytes[start as usize..end]) {
                    return Err(LoadError::open_quote(path, line));
                }
                let breaks = line_breaks(record.iter());
                if breaks > 0 {
                    load.rows += 1;
                    quote_over_lines(
                        path,
                        line,
                        breaks,
                        lenient,
                        &mut load.skipped,
                        &mut load.rows,
                    )?;
                    continue;
                }
                if fits_header(record.len(), header.len, record.get(header.len)) {
                    let fields = RecordFields {
                        path,
                        line,
                        header: &header,
                        record: &record,
                    };
                    fields::observation(&fields, line, texts, &mut load.stated_currency)
                } else {
                    Err(LoadError::field_count(path, line, record.len(), header.len))
                }
            }
            Err(error) => Err(csv_error(path, error)),
        };
        load.rows += 1;
        match row {
            Ok(observation) => load.observations.push(observation),
            Err(error) if lenient => load.skipped.push(error),
            Err(error) => return Err(error),
        }
    }
    if load.rows == 0 {
        return Err(LoadError::no_rows(path));
    }
    Ok(load)
}

fn read_record(
    path: &str,
    reader: &mut csv::Reader<LineCountingReader<&[u8]>>,
    record: &mut ByteRecord,
) -> Result<bool, LoadError> {
    reader
        .read_byte_record(record)
        .map_err(|error| csv_error(path, error))
}

/// A record's fields, as the reference reads them.
struct RecordFields<'r> {
    path: &'r str,
    line: u64,
    header: &'r Header,
    record: &'r ByteRecord,
}

impl Fields for RecordFields<'_> {
    fn text(&self, column: Column) -> Result<&str, LoadError> {
        let raw = self.header.index[column as usize]
            .and_then(|i| self.record.get(i))
            .unwrap_or_default();
        meaning::text(raw).map_err(|p| self.error(column, p))
    }

    fn error(&self, column: Column, problem: String) -> LoadError {
        LoadError::at_field(self.path, self.line, fields::name(column), problem)
    }
}
