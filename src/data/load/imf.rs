//! The IMF data portal's download (data.imf.org) of International Trade in
//! Goods by partner country (IMTS, formerly DOTS): each code in a `.ID`
//! column (`COUNTRY.ID`, `COUNTERPART_COUNTRY.ID`, `INDICATOR.ID`,
//! `SCALE.ID`, `FREQUENCY.ID`) beside its name, then one column per period
//! (`2020`, `2020-Q1`, `2020-M01`), or, in the long layout, `TIME_PERIOD`
//! and `OBS_VALUE`. Columns are found by name, in any order.
//!
//! The portal writes values as it shows them, in the scale whose power of
//! ten is `SCALE.ID` (6, "Millions"): a value is the cell × 10^`SCALE.ID`,
//! kept as written in the unit of that power where there is one (`USD_MN`).
//! (The SDMX-CSV of the IMF's API is another matter: see `sdmx.rs`.)

use super::FileLoad;
use super::error::{LoadError, RowList};
use super::meaning;
use super::sdmx::{imf_flow, multiplier, scaled};
use super::table::{DataRow, Table};
use crate::data::model::{Currency, Measure, Observation, Period, Row, SpanKind, Texts, counted};

/// Where a row's values are: one column per period, or the long layout's
/// period and value columns.
enum Values {
    Wide(Vec<(usize, Period)>),
    Long { time: usize, value: usize },
}

struct Columns {
    reporter: usize,
    partner: usize,
    indicator: usize,
    scale: usize,
    frequency: Option<usize>,
    values: Values,
}

impl Columns {
    fn find(table: &Table<'_>) -> Result<Self, LoadError> {
        let periods: Vec<(usize, Period)> = table
            .names()
            .iter()
            .enumerate()
            .filter_map(|(column, name)| Some((column, meaning::period(name).ok()?)))
            .collect();
        let values = match (table.column(&["TIME_PERIOD"]), table.column(&["OBS_VALUE"])) {
            // Reading one layout would leave the other's figures out unsaid.
            (Some(_), Some(_)) if !periods.is_empty() => {
                let names = table.names();
                let years: Vec<&str> = periods
                    .iter()
                    .map(|&(column, _)| names[column].as_ref())
                    .collect();
                return Err(LoadError::at_line(
                    table.path(),
                    1,
                    format!(
                        "the header has both layouts, TIME_PERIOD and OBS_VALUE and period columns ({}): one file holds one",
                        years.join(", ")
                    ),
                ));
            }
            (Some(time), Some(value)) => Values::Long { time, value },
            _ if !periods.is_empty() => Values::Wide(periods),
            _ => {
                return Err(LoadError::at_line(
                    table.path(),
                    1,
                    format!(
                        "the header has no period columns (such as 2020, 2020-Q1, 2020-M01) and no TIME_PERIOD and OBS_VALUE columns (found: {})",
                        table.header_text()
                    ),
                ));
            }
        };
        Ok(Self {
            reporter: table.require(&["COUNTRY.ID"])?,
            partner: table.require(&["COUNTERPART_COUNTRY.ID"])?,
            indicator: table.require(&["INDICATOR.ID"])?,
            scale: table.require(&["SCALE.ID"])?,
            frequency: table.column(&["FREQUENCY.ID"]),
            values,
        })
    }
}

/// Reads an IMF data portal download, opened at its header.
pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let columns = Columns::find(&table)?;
    let path = table.path();
    let mut load = FileLoad::default();
    let mut unused = RowList::default();
    let source = texts.intern("IMF IMTS (data portal download)");
    let fob_note = meaning::FobNote::new(texts);
    // Rows used whose SCALE.ID is empty, and the first one's line.
    let mut no_scale: (u64, Option<u64>) = (0, None);
    // A row's figures go in only when all its cells are good: a row skipped
    // in lenient mode gives none.
    let mut figures = Vec::new();
    let mut observations = Vec::new();
    table.rows(lenient, &mut load, |row| {
        let indicator = match imf_flow(row.text(Some(columns.indicator))?) {
            Ok(indicator) => indicator,
            Err(reason) => {
                unused.push(row.error(columns.indicator, reason));
                return Ok(());
            }
        };
        let no_scale_here = row.text(Some(columns.scale))?.is_empty();
        let power = multiplier(row, columns.scale)?;
        let frequency = frequency(row, columns.frequency)?;
        let Some(reporter) = row.area(columns.reporter, &mut unused)? else {
            return Ok(());
        };
        let Some(partner) = row.area(columns.partner, &mut unused)? else {
            return Ok(());
        };
        meaning::pair(reporter, partner).map_err(|problem| row.error(columns.partner, problem))?;
        figures.clear();
        let mut add = |column: usize, period: Period| -> Result<(), LoadError> {
            if frequency.is_some_and(|kind| kind != period.kind()) {
                return Err(row.error(
                    column,
                    format!(
                        "a {} figure in a row of FREQUENCY.ID '{}'",
                        period.kind().label(),
                        row.text(columns.frequency)?
                    ),
                ));
            }
            let (value, unit) = scaled(row.number(column)?, power, Currency::Usd);
            let measure = Measure::level(indicator);
            meaning::value_fits(measure, value, unit)
                .map_err(|problem| row.error(column, problem))?;
            figures.push(Observation {
                measure,
                reporter,
                partner,
                period,
                value,
                unit,
                currency: unit.currency(),
                source,
                note: fob_note.of(indicator),
                row: Row::at_line(row.line),
            });
            Ok(())
        };
        match &columns.values {
            Values::Wide(periods) => {
                for &(column, period) in periods {
                    if !is_missing(row.text(Some(column))?) {
                        add(column, period)?;
                    }
                }
            }
            &Values::Long { time, value } => {
                if !is_missing(row.text(Some(value))?) {
                    let text = row.text(Some(time))?;
                    let period =
                        meaning::period(text).map_err(|problem| row.error(time, problem))?;
                    add(value, period)?;
                }
            }
        }
        if figures.is_empty() {
            unused.push(match columns.values {
                Values::Wide(_) => LoadError::at_line(
                    path,
                    row.line,
                    "no value in any period column (missing figures, not zeros)",
                ),
                Values::Long { value, .. } => {
                    row.error(value, "no value (a missing figure, not zero)")
                }
            });
        }
        if no_scale_here && !figures.is_empty() {
            no_scale.0 += 1;
            no_scale.1.get_or_insert(row.line);
        }
        observations.append(&mut figures);
        Ok(())
    })?;
    if let (count, Some(first)) = no_scale {
        load.remarks.push(format!(
            "{} with an empty SCALE.ID (first: line {first}): read as whole US dollars",
            counted(count, "row")
        ));
    }
    load.observations = observations;
    load.unused = unused;
    Ok(load)
}

/// An empty cell is a figure the IMF does not have: missing, not zero.
fn is_missing(text: &str) -> bool {
    text.is_empty() || text.eq_ignore_ascii_case("NaN") || text.eq_ignore_ascii_case("NA")
}

/// The span kind a row's `FREQUENCY.ID` (A, Q or M) says its figures are.
fn frequency(row: &DataRow<'_>, column: Option<usize>) -> Result<Option<SpanKind>, LoadError> {
    let Some(column) = column else {
        return Ok(None);
    };
    match row.text(Some(column))?.to_ascii_uppercase().as_str() {
        "" => Ok(None),
        "A" => Ok(Some(SpanKind::Annual)),
        "Q" => Ok(Some(SpanKind::Quarterly)),
        "M" => Ok(Some(SpanKind::Monthly)),
        code => Err(row.error(
            column,
            format!("unknown frequency '{code}' (expected A, Q or M)"),
        )),
    }
}
