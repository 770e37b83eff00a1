//! The simple native loader, one record at a time through the csv crate, kept
//! for tests: the fast loader in `native` must give exactly what this gives.
//! It shares the header's reading with `native` and is otherwise written
//! apart from it on purpose, so that the two check each other.

use csv::{ByteRecord, ReaderBuilder};

use super::header::{COLUMNS, Column, Header};
use crate::data::load::FileLoad;
use crate::data::load::error::{
    BOM, LoadError, fits_header, line_breaks, quote_left_open, quote_over_lines,
};
use crate::data::load::meaning::{self, growth_currency};
use crate::data::load::table::{LineCountingReader, csv_error};
use crate::data::model::{Observation, Row, Texts};

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
                    parse_row(
                        path,
                        line,
                        &header,
                        &record,
                        texts,
                        &mut load.stated_currency,
                    )
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

fn parse_row(
    path: &str,
    line: u64,
    header: &Header,
    record: &ByteRecord,
    texts: &mut Texts,
    stated_currency: &mut Vec<Row>,
) -> Result<Observation, LoadError> {
    let field = |column: Column| -> Result<&str, LoadError> {
        let raw = header.index[column as usize]
            .and_then(|i| record.get(i))
            .unwrap_or_default();
        meaning::text(raw)
            .map_err(|p| LoadError::at_field(path, line, COLUMNS[column as usize].1, p))
    };
    let bad = |column: Column, problem: String| {
        LoadError::at_field(path, line, COLUMNS[column as usize].1, problem)
    };

    let measure =
        meaning::measure(field(Column::Indicator)?).map_err(|p| bad(Column::Indicator, p))?;
    let area = |column: Column| meaning::area(field(column)?).map_err(|p| bad(column, p));
    let reporter = area(Column::Reporter)?;
    let partner = area(Column::Partner)?;
    let period = meaning::period(field(Column::Period)?).map_err(|p| bad(Column::Period, p))?;
    let value = meaning::value(field(Column::Value)?).map_err(|p| bad(Column::Value, p))?;
    let unit = meaning::unit(field(Column::Unit)?).map_err(|p| bad(Column::Unit, p))?;
    meaning::unit_fits(measure, unit).map_err(|p| bad(Column::Unit, p))?;
    meaning::value_fits(measure, value, unit).map_err(|p| bad(Column::Value, p))?;
    meaning::pair(reporter, partner).map_err(|p| bad(Column::Partner, p))?;
    let source = texts.intern(field(Column::Source)?);
    let note_text = field(Column::Note)?;
    let (currency, stated) = meaning::currency(
        measure,
        unit,
        growth_currency(note_text),
        field(Column::Currency)?,
    )
    .map_err(|p| bad(Column::Currency, p))?;
    if stated && measure.growth {
        stated_currency.push(Row::at_line(line));
    }
    let note = texts.intern(note_text);
    Ok(Observation {
        measure,
        reporter,
        partner,
        period,
        value,
        unit,
        currency,
        source,
        note,
        row: Row::at_line(line),
    })
}
