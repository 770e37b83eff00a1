//! One native row's meaning from its fields, each as [`meaning`] gives it:
//! how the reference loader reads a row, and how the Parquet reader does,
//! so that a row means the same in either file. (The fast loader in `row`
//! reads the same way with shortcuts, and is tested against the reference.)

use super::header::{COLUMNS, Column};
use crate::data::load::error::LoadError;
use crate::data::load::meaning::{self, growth_currency};
use crate::data::model::{Observation, Row, Texts};

/// The fields of one row.
pub(crate) trait Fields {
    /// The column's field as trimmed text; empty when the column is absent.
    fn text(&self, column: Column) -> Result<&str, LoadError>;

    /// The value, a plain decimal in a text file.
    fn value(&self) -> Result<f64, LoadError> {
        meaning::value(self.text(Column::Value)?).map_err(|p| self.error(Column::Value, p))
    }

    /// A problem with the column's field, where the row is.
    fn error(&self, column: Column, problem: String) -> LoadError;
}

/// The name a column has in headers and messages.
pub(crate) fn name(column: Column) -> &'static str {
    COLUMNS[column as usize].1
}

/// The row's figure, with its `line` (a row's number where a file has no
/// lines); a growth rate that states its currency is noted in `stated_currency`.
pub(crate) fn observation(
    fields: &impl Fields,
    line: u64,
    texts: &mut Texts,
    stated_currency: &mut Vec<Row>,
) -> Result<Observation, LoadError> {
    let bad = |column: Column| move |problem| fields.error(column, problem);
    let measure =
        meaning::measure(fields.text(Column::Indicator)?).map_err(bad(Column::Indicator))?;
    let area = |column: Column| meaning::area(fields.text(column)?).map_err(bad(column));
    let reporter = area(Column::Reporter)?;
    let partner = area(Column::Partner)?;
    let period = meaning::period(fields.text(Column::Period)?).map_err(bad(Column::Period))?;
    let value = fields.value()?;
    let unit = meaning::unit(fields.text(Column::Unit)?).map_err(bad(Column::Unit))?;
    meaning::unit_fits(measure, unit).map_err(bad(Column::Unit))?;
    meaning::value_fits(measure, value, unit).map_err(bad(Column::Value))?;
    meaning::pair(reporter, partner).map_err(bad(Column::Partner))?;
    let source = texts.intern(fields.text(Column::Source)?);
    let note_text = fields.text(Column::Note)?;
    let (currency, stated) = meaning::currency(
        measure,
        unit,
        growth_currency(note_text),
        fields.text(Column::Currency)?,
    )
    .map_err(bad(Column::Currency))?;
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
