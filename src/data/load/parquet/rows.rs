//! A row group's rows, read a batch at a time: native rows to figures as the
//! native CSV reads them, BACI rows to sums as the BACI CSV reads them.

use std::fmt::Write;

use parquet::file::reader::FileReader;

use super::columns::{Cell, Chunk, Kind};
use crate::data::load::baci::{Field, RowAt, Sums, Value};
use crate::data::load::error::{LoadError, RowList};
use crate::data::load::meaning;
use crate::data::load::native::fields::{self, Fields};
use crate::data::load::native::header::{COLUMNS, Column};
use crate::data::model::{Observation, Row, Texts};

/// Rows read from each column at a time: enough to make a column reader's
/// call cheap, few enough that a batch's cells stay in the cache.
const BATCH: usize = 4096;

/// Which column of the file holds each field, and how it is read.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Layout {
    /// The native columns, in the order of [`COLUMNS`]; optional ones may be absent.
    Native([Option<(usize, Kind)>; 9]),
    /// BACI's columns, in the order of [`Field::ALL`].
    Baci([(usize, Kind); 5]),
}

impl Layout {
    pub(super) fn columns(&self) -> Vec<Option<(usize, Kind)>> {
        match self {
            Layout::Native(columns) => columns.to_vec(),
            Layout::Baci(columns) => columns.iter().copied().map(Some).collect(),
        }
    }
}

/// Where a row group is: its file, its number, and the rows before it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place<'a> {
    pub path: &'a str,
    pub group: usize,
    /// Rows of the file before the row group.
    pub before: u64,
    /// Rows of the files read before this one (the parts of a directory):
    /// figures are numbered across them, messages within the file.
    pub earlier_files: u64,
}

/// What a row group gave.
#[derive(Default)]
pub(super) struct Part {
    pub observations: Vec<Observation>,
    pub sums: Sums,
    pub skipped: RowList,
    pub unused: RowList,
    /// The texts of `observations`, interned here.
    pub texts: Texts,
    pub stated_currency: Vec<Row>,
    pub rows: u64,
    /// The strict-mode error, or an error reading the file, that stopped it.
    pub error: Option<LoadError>,
}

/// Reads one row group.
pub(super) fn read_group(
    reader: &dyn FileReader,
    layout: &Layout,
    place: Place<'_>,
    lenient: bool,
) -> Part {
    let mut part = Part::default();
    if let Err(error) = read_rows(reader, layout, place, lenient, &mut part) {
        part.error = Some(error);
    }
    part
}

fn read_rows(
    reader: &dyn FileReader,
    layout: &Layout,
    place: Place<'_>,
    lenient: bool,
    part: &mut Part,
) -> Result<(), LoadError> {
    let corrupt = |problem: String| {
        LoadError::file(
            place.path,
            format!("row group {}: cannot be read: {problem}", place.group),
        )
    };
    let row_group = reader
        .get_row_group(place.group)
        .map_err(|e| corrupt(e.to_string()))?;
    let columns = layout.columns();
    let mut chunks = Vec::with_capacity(columns.len());
    for column in &columns {
        chunks.push(match column {
            Some((index, kind)) => {
                Some(Chunk::new(&*row_group, *index, *kind).map_err(|e| corrupt(e.to_string()))?)
            }
            None => None,
        });
    }
    let mut reading = Reading::new(place, lenient);
    loop {
        let mut count = None;
        for chunk in chunks.iter_mut().flatten() {
            let read = chunk.read(BATCH).map_err(|e| corrupt(e.to_string()))?;
            if count.is_some_and(|count| count != read) {
                return Err(corrupt("its columns hold different numbers of rows".into()));
            }
            count = Some(read);
        }
        let count = count.unwrap_or(0);
        if count == 0 {
            return Ok(());
        }
        let mut cells = Vec::with_capacity(chunks.len());
        for chunk in &chunks {
            cells.push(match chunk {
                Some(chunk) => chunk.cells(count).map_err(corrupt)?,
                None => vec![Cell::Null; count],
            });
        }
        let mut row = [Cell::Null; COLUMNS.len()];
        for index in 0..count {
            for (cell, column) in row.iter_mut().zip(&cells) {
                *cell = column[index];
            }
            reading.row(layout, &row, part)?;
        }
    }
}

/// Reads rows one after another, keeping the texts of the integers last read.
struct Reading<'a> {
    place: Place<'a>,
    lenient: bool,
    /// Rows of the row group read so far.
    done: u64,
    integers: [IntegerText; 5],
}

impl<'a> Reading<'a> {
    fn new(place: Place<'a>, lenient: bool) -> Self {
        Self {
            place,
            lenient,
            done: 0,
            integers: Default::default(),
        }
    }

    /// Reads a row's cells (in the order of the layout's columns) into the part.
    fn row(
        &mut self,
        layout: &Layout,
        cells: &[Cell<'_>],
        part: &mut Part,
    ) -> Result<(), LoadError> {
        self.done += 1;
        part.rows += 1;
        let row = self.place.before + self.done;
        let line = self.place.earlier_files + row;
        let at = |column: &str, problem: String| {
            LoadError::at_row(
                self.place.path,
                row,
                self.place.group as u64,
                Some(column),
                problem,
            )
        };
        let read = match layout {
            Layout::Native(_) => {
                let period = match cells[Column::Period as usize] {
                    Cell::Integer(year) => self.integers[0].text(year, 0),
                    _ => "",
                };
                let fields = NativeRow {
                    cells,
                    period,
                    at: &at,
                };
                fields::observation(&fields, line, &mut part.texts, &mut part.stated_currency)
                    .map(|observation| part.observations.push(observation))
            }
            Layout::Baci(_) => {
                let error = |field: Field, problem| at(field.name(), problem);
                let row_at = RowAt {
                    line,
                    error: &error,
                };
                baci_row(cells, &mut self.integers)
                    .map_err(|(field, problem)| error(field, problem))
                    .and_then(|(codes, thousands)| {
                        part.sums
                            .add_codes(&row_at, codes, Value::Thousands(thousands), f64::NAN)
                            .map(drop)
                    })
            }
        };
        match read {
            Err(error) if self.lenient => {
                part.skipped.push(error);
                Ok(())
            }
            other => other,
        }
    }
}

/// A native row's cells, read as the native CSV's fields.
struct NativeRow<'r, 'c> {
    cells: &'r [Cell<'c>],
    /// The period's text when the column holds years as integers.
    period: &'r str,
    at: &'r dyn Fn(&str, String) -> LoadError,
}

impl Fields for NativeRow<'_, '_> {
    fn text(&self, column: Column) -> Result<&str, LoadError> {
        match self.cells[column as usize] {
            Cell::Integer(_) if column == Column::Period => Ok(self.period),
            Cell::Null if !COLUMNS[column as usize].2 => Ok(""),
            cell => text_of(cell).map_err(|problem| self.error(column, problem)),
        }
    }

    fn value(&self) -> Result<f64, LoadError> {
        number(self.cells[Column::Value as usize]).map_err(|p| self.error(Column::Value, p))
    }

    fn error(&self, column: Column, problem: String) -> LoadError {
        (self.at)(fields::name(column), problem)
    }
}

/// A BACI row's codes (year, exporter, importer, product) as text and its
/// value in thousands.
type BaciRow<'s> = ([&'s [u8]; 4], f64);

/// A BACI row as read, or the problem and the field it is in.
fn baci_row<'s>(
    cells: &[Cell<'s>],
    integers: &'s mut [IntegerText; 5],
) -> Result<BaciRow<'s>, (Field, String)> {
    let [year, exporter, importer, product, _] = integers;
    let code = |field: Field, integers| {
        code_text(cells[field as usize], integers)
            .map(str::as_bytes)
            .map_err(|problem| (field, problem))
    };
    let codes = [
        code(Field::Year, year)?,
        code(Field::Exporter, exporter)?,
        code(Field::Importer, importer)?,
        code(Field::Product, product)?,
    ];
    let thousands =
        number(cells[Field::Value as usize]).map_err(|problem| (Field::Value, problem))?;
    Ok((codes, thousands))
}

/// A code as text; an integer as written, unpadded, so that a product `k`
/// read as an integer meets the rule of the CSV's (5 or 6 digits: 101 is no
/// HS6 code, as `101` in a CSV is not).
fn code_text<'s>(cell: Cell<'s>, integers: &'s mut IntegerText) -> Result<&'s str, String> {
    match cell {
        Cell::Integer(value) => Ok(integers.text(value, 0)),
        cell => text_of(cell),
    }
}

/// A text cell's trimmed text.
fn text_of(cell: Cell<'_>) -> Result<&str, String> {
    match cell {
        Cell::Text(bytes) => meaning::text(bytes),
        Cell::Null => Err(NULL.into()),
        _ => Err("a number where text is expected".into()),
    }
}

const NULL: &str = "null: no value (a row needs one here; missing is unknown, not zero)";

/// A cell's number: for a decimal, the double nearest its value, as
/// reading its digits from a CSV gives.
fn number(cell: Cell<'_>) -> Result<f64, String> {
    match cell {
        Cell::Double(value) if value.is_finite() => Ok(value),
        Cell::Double(value) => Err(format!("{value} is not a number")),
        Cell::Integer(value) => Ok(value as f64),
        Cell::Decimal(digits, scale) => Ok(decimal(digits, scale)),
        Cell::Text(bytes) => meaning::value(meaning::text(bytes)?),
        Cell::Null => Err("null: the figure is missing (missing is unknown, not zero)".into()),
    }
}

/// The double nearest `digits` × 10^-`scale`. Up to 2^53 digits and 10^22
/// both are exact doubles, so their quotient, rounded once, is it; beyond,
/// the decimal is read from its text.
fn decimal(digits: i128, scale: u32) -> f64 {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if digits.unsigned_abs() <= 1 << 53 && (scale as usize) < POWERS.len() {
        return digits as f64 / POWERS[scale as usize];
    }
    let magnitude = format!(
        "{:0>width$}",
        digits.unsigned_abs(),
        width = scale as usize + 1
    );
    let (whole, fraction) = magnitude.split_at(magnitude.len() - scale as usize);
    let sign = if digits < 0 { "-" } else { "" };
    // 38 digits at most: always a finite number.
    meaning::parse_decimal(&format!("{sign}{whole}.{fraction}0")).unwrap_or(f64::NAN)
}

/// An integer's text, kept while the next rows repeat it (a year, an area).
#[derive(Default)]
struct IntegerText {
    last: Option<i64>,
    text: String,
}

impl IntegerText {
    /// The integer's text, zero-padded to `width` digits.
    fn text(&mut self, value: i64, width: usize) -> &str {
        if self.last != Some(value) {
            self.text.clear();
            let _ = write!(self.text, "{value:0width$}");
            self.last = Some(value);
        }
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::decimal;
    use crate::data::load::parse_decimal;

    #[test]
    fn decimals_are_the_doubles_their_text_gives() {
        for (digits, scale, text) in [
            (15i128, 1, "1.5"),
            (26_892_291, 3, "26892.291"),
            (-125, 3, "-0.125"),
            (7, 0, "7"),
            (1, 30, "0.000000000000000000000000000001"),
            (
                12_345_678_901_234_567_890_123_456_789,
                9,
                "12345678901234567890.123456789",
            ),
            ((1 << 53) + 1, 2, "90071992547409.93"),
        ] {
            assert_eq!(
                decimal(digits, scale).to_bits(),
                parse_decimal(text).unwrap().to_bits(),
                "{text}"
            );
        }
    }
}
