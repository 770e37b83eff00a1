//! One native record to one observation, with the fields of the rows before
//! remembered so that repeated fields are neither checked nor parsed again.

use super::Context;
use super::header::{COLUMNS, Column};
use super::records::Record;
use crate::data::load::codes;
use crate::data::load::error::LoadError;
use crate::data::load::meaning::{self, growth_currency, short_decimal};
use crate::data::model::{Area, Currency, Measure, Observation, Period, Row, TextId, Texts, Unit};

/// `a == b`, for the short texts of a row: a few overlapping word loads
/// that together cover every byte, without the call to `memcmp` that
/// comparing slices makes.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
        bytes[at..at + N].try_into().expect("N bytes")
    }
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        // Not `a == b`, whose `memcmp` is slow on the empty slices of
        // blank notes (a masked load from a dangling pointer).
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        4..8 => {
            word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, len - 4) == word::<4>(b, len - 4)
        }
        _ => {
            let last = len - 8;
            (0..last)
                .step_by(8)
                .all(|at| word::<8>(a, at) == word::<8>(b, at))
                && word::<8>(a, last) == word::<8>(b, last)
        }
    }
}

/// An area from a field's bytes: the usual country code by one table
/// lookup, anything else as [`meaning::area`] reads it.
#[inline(always)]
fn area(raw: &[u8]) -> Result<Area, String> {
    match codes::usual_country(raw) {
        Some(area) => Ok(area),
        None => any_area(raw),
    }
}

#[cold]
#[inline(never)]
fn any_area(raw: &[u8]) -> Result<Area, String> {
    meaning::text(raw).and_then(meaning::area)
}

/// The last two values parsed from a field's bytes, since consecutive rows
/// usually repeat one (or alternate between two, as exports and imports do).
struct Last<T> {
    slots: [(Vec<u8>, Option<T>); 2],
    /// The slot to replace next.
    next: usize,
}

impl<T: Copy> Last<T> {
    fn new() -> Self {
        Self {
            slots: [(Vec::new(), None), (Vec::new(), None)],
            next: 0,
        }
    }

    /// The value remembered for `raw`, or `parse(raw)` remembered.
    #[inline(always)]
    fn get_or_parse<E>(
        &mut self,
        raw: &[u8],
        parse: impl FnOnce(&[u8]) -> Result<T, E>,
    ) -> Result<T, E> {
        for (key, value) in &self.slots {
            if let Some(value) = value
                && same_bytes(key, raw)
            {
                return Ok(*value);
            }
        }
        let value = parse(raw)?;
        let (key, slot) = &mut self.slots[self.next];
        key.clear();
        key.extend_from_slice(raw);
        *slot = Some(value);
        self.next = 1 - self.next;
        Ok(value)
    }
}

/// Parses rows into observations, with texts interned in its own table and
/// the last indicators, periods, units, sources and notes remembered by their
/// bytes: a remembered field is neither checked as UTF-8 nor parsed again.
pub(super) struct RowParser<'c> {
    context: &'c Context<'c>,
    pub(super) texts: Texts,
    measure: Last<Measure>,
    period: Last<Period>,
    unit: Last<Unit>,
    source: Last<TextId>,
    /// A note's id, and the currency a growth rate with that note is in.
    note: Last<(TextId, Currency)>,
    /// The lines of growth rates whose currency the row states.
    pub(super) stated_currency: Vec<Row>,
}

impl<'c> RowParser<'c> {
    pub(super) fn new(context: &'c Context<'c>) -> Self {
        Self {
            context,
            texts: Texts::default(),
            measure: Last::new(),
            period: Last::new(),
            unit: Last::new(),
            source: Last::new(),
            note: Last::new(),
            stated_currency: Vec::new(),
        }
    }

    /// Each field's meaning as [`meaning`] gives it; the usual area code and
    /// number are read straight from the bytes, and anything else (such as a
    /// field that is not UTF-8, or has blank space around it) goes through
    /// `meaning`, for the same result and message as the reference loader.
    #[inline]
    pub(super) fn parse(&mut self, line: u64, record: &Record) -> Result<Observation, LoadError> {
        let Context { path, header, .. } = *self.context;
        let raw = |column: Column| header.get(record, column).unwrap_or_default();
        let bad = |column: Column| {
            move |problem| LoadError::at_field(path, line, COLUMNS[column as usize].1, problem)
        };
        let Self {
            texts,
            measure,
            period,
            unit,
            source,
            note,
            ..
        } = self;

        let measure = measure
            .get_or_parse(raw(Column::Indicator), |raw| {
                meaning::text(raw).and_then(meaning::measure)
            })
            .map_err(bad(Column::Indicator))?;
        let reporter = area(raw(Column::Reporter)).map_err(bad(Column::Reporter))?;
        let partner = area(raw(Column::Partner)).map_err(bad(Column::Partner))?;
        // A remembered period first (rows of many pairs repeat one), then
        // the usual forms straight from the bytes (a monthly series changes
        // period on every row), then the general path.
        let period = period
            .get_or_parse(raw(Column::Period), |raw| {
                Period::from_usual_bytes(raw)
                    .map_or_else(|| meaning::text(raw).and_then(meaning::period), Ok)
            })
            .map_err(bad(Column::Period))?;
        let raw_value = raw(Column::Value);
        let value = match short_decimal(raw_value) {
            Some(value) => Ok(value),
            None => meaning::text(raw_value).and_then(meaning::value),
        }
        .map_err(bad(Column::Value))?;
        let unit = unit
            .get_or_parse(raw(Column::Unit), |raw| {
                meaning::text(raw).and_then(meaning::unit)
            })
            .map_err(bad(Column::Unit))?;
        meaning::unit_fits(measure, unit).map_err(bad(Column::Unit))?;
        meaning::value_fits(measure, value, unit).map_err(bad(Column::Value))?;
        meaning::pair(reporter, partner).map_err(bad(Column::Partner))?;
        let source = source
            .get_or_parse(raw(Column::Source), |raw| {
                meaning::text(raw).map(|text| texts.intern(text))
            })
            .map_err(bad(Column::Source))?;
        let (note, growth_currency) = note
            .get_or_parse(raw(Column::Note), |raw| {
                meaning::text(raw).map(|text| (texts.intern(text), growth_currency(text)))
            })
            .map_err(bad(Column::Note))?;
        // Most files have no currency column: its cells are empty.
        let stated = raw(Column::Currency);
        let (currency, stated) = if stated.is_empty() {
            let implied = meaning::implied_currency(measure, unit, growth_currency);
            (implied, false)
        } else {
            let text = meaning::text(stated).map_err(bad(Column::Currency))?;
            meaning::currency(measure, unit, growth_currency, text)
                .map_err(bad(Column::Currency))?
        };
        if stated && measure.growth {
            self.stated_currency.push(Row::at_line(line));
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_is_equality() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37)).collect();
            assert!(same_bytes(&a, &a.clone()), "length {len}");
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "length {len}, differing at {at}");
            }
            if len > 0 {
                assert!(!same_bytes(&a, &a[..len - 1]), "length {len}, one shorter");
            }
        }
    }
}
