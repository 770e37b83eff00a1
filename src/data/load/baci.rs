//! CEPII BACI (`t,i,j,k,v,q`): for a year `t`, the value `v` (thousands of
//! current US dollars) of exporter `i`'s goods of HS 6-digit product `k` to
//! importer `j`, both areas by their ISO 3166 numeric code (BACI's
//! `country_codes`, Comtrade's numbers), and the quantity `q` in tonnes
//! (not read). BACI reconciles every flow once, so the sum over its products
//! is the pair's total trade: i's exports to j, and j's imports from i.
//!
//! The CSV reader here and the Parquet reader both read a row with [`flow`]
//! and sum it with [`Sums`], so that a row means the same in either file.

use std::collections::HashMap;

use super::FileLoad;
use super::codes::{NumericArea, resolve_numeric};
use super::error::{LoadError, RowList};
use super::meaning;
use super::table::Table;
use crate::data::model::{
    Area, Currency, Indicator, Measure, Observation, Period, Row, SpanKind, Texts, Unit,
};

/// BACI's values are in thousands of dollars.
const THOUSAND: f64 = 1_000.0;

/// The columns of a BACI row that are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Year,
    Exporter,
    Importer,
    Product,
    Value,
}

impl Field {
    pub(crate) const ALL: [Field; 5] = [
        Field::Year,
        Field::Exporter,
        Field::Importer,
        Field::Product,
        Field::Value,
    ];

    /// The column's name in BACI's header.
    pub(crate) fn name(self) -> &'static str {
        ["t", "i", "j", "k", "v"][self as usize]
    }
}

/// One BACI row as read: its codes as text, its value in thousands.
pub(crate) struct Flow<'a> {
    pub year: &'a str,
    pub exporter: &'a str,
    pub importer: &'a str,
    pub product: &'a str,
    pub thousands: f64,
}

/// A flow's exporter, importer and year.
pub(crate) type Key = (Period, Area, Area);

/// Why a row gives no flow: a problem with a field, or an area that is no
/// country (an aggregate or former area), which makes the row not used.
pub(crate) enum Rejected {
    Bad(Field, String),
    NotUsed(Field, String),
}

/// What a row means: the flow it adds to.
pub(crate) fn flow(row: &Flow<'_>) -> Result<Key, Rejected> {
    let period = meaning::period(row.year)
        .ok()
        .filter(|p| p.kind() == SpanKind::Annual)
        .ok_or_else(|| Rejected::Bad(Field::Year, format!("'{}' is not a year", row.year)))?;
    let code = row.product;
    if !(4..=6).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Rejected::Bad(
            Field::Product,
            format!("'{code}' is not an HS 6-digit product code"),
        ));
    }
    let thousands = row.thousands;
    if thousands < 0.0 {
        return Err(Rejected::Bad(
            Field::Value,
            format!("{thousands} is negative: BACI lists trade flows"),
        ));
    }
    meaning::value_fits(
        Measure::level(Indicator::Exports),
        thousands * THOUSAND,
        Unit::Usd,
    )
    .map_err(|problem| Rejected::Bad(Field::Value, problem))?;
    let from = area(Field::Exporter, row.exporter)?;
    let to = area(Field::Importer, row.importer)?;
    meaning::pair(from, to).map_err(|problem| Rejected::Bad(Field::Importer, problem))?;
    Ok((period, from, to))
}

/// The country a BACI numeric code names.
fn area(field: Field, code: &str) -> Result<Area, Rejected> {
    match resolve_numeric(code) {
        NumericArea::Known(area) => Ok(area),
        NumericArea::NotCountry(name) => Err(Rejected::NotUsed(
            field,
            format!(
                "'{name}' ({code}) is a regional or statistical aggregate, a special category or a former area, not a country"
            ),
        )),
        NumericArea::Unknown => Err(Rejected::Bad(
            field,
            format!("'{code}' is not an ISO 3166 numeric area code (BACI's country_codes)"),
        )),
    }
}

/// One pair's year, summed over its products: exactly, in whole dollars,
/// for values of at most three decimals in thousands (as BACI writes
/// them), so that a sum of millions of rows carries no rounding noise.
struct Sum {
    dollars: u128,
    /// Values with more decimals, in thousands.
    other_thousands: f64,
    products: u64,
    /// The line (or row) of its first product, where the figures are said to come from.
    line: u64,
}

/// Each exporter-importer-year's products, summed.
#[derive(Default)]
pub(crate) struct Sums(HashMap<Key, Sum>);

impl Sums {
    /// Adds a product's value, in thousands, found on `line`.
    pub(crate) fn add(&mut self, key: Key, thousands: f64, line: u64) {
        let sum = self.0.entry(key).or_insert(Sum {
            dollars: 0,
            other_thousands: 0.0,
            products: 0,
            line,
        });
        match whole_dollars(thousands) {
            Some(dollars) => sum.dollars += u128::from(dollars),
            None => sum.other_thousands += thousands,
        }
        sum.products += 1;
    }

    /// Adds the sums of rows that come after these.
    pub(crate) fn append(&mut self, later: Sums) {
        for (key, sum) in later.0 {
            match self.0.get_mut(&key) {
                Some(earlier) => {
                    earlier.dollars += sum.dollars;
                    earlier.other_thousands += sum.other_thousands;
                    earlier.products += sum.products;
                }
                None => {
                    self.0.insert(key, sum);
                }
            }
        }
    }

    /// Each pair's year as its exporter's exports and its importer's
    /// imports, in the order of their first rows, with a remark on the sum.
    pub(crate) fn finish(self, path: &str, texts: &mut Texts, load: &mut FileLoad) {
        let products: u64 = self.0.values().map(|sum| sum.products).sum();
        if !self.0.is_empty() {
            load.remarks.push(format!(
                "summed {products} product rows (HS6) into {} exporter-importer-year totals, each both exports and imports",
                self.0.len()
            ));
        }
        let source = texts.intern(&format!("CEPII BACI ({path})"));
        let note = texts.intern(
            "sum of HS6 products, BACI; BACI lists only positive flows: a pair absent from a year is zero trade only within a BACI file",
        );
        let mut sums: Vec<_> = self.0.into_iter().collect();
        sums.sort_by_key(|(_, sum)| sum.line);
        for ((period, from, to), sum) in sums {
            let amount = sum.dollars as f64 + sum.other_thousands * THOUSAND;
            for (indicator, reporter, partner) in [
                (Indicator::Exports, from, to),
                (Indicator::Imports, to, from),
            ] {
                load.observations.push(Observation {
                    value: amount,
                    reporter,
                    partner,
                    period,
                    source,
                    note,
                    row: Row::at_line(sum.line),
                    measure: Measure::level(indicator),
                    unit: Unit::Usd,
                    currency: Currency::Usd,
                });
            }
        }
    }
}

pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let path = table.path();
    let [year, exporter, importer, product, value] =
        Field::ALL.map(|field| table.require(&[field.name()]));
    let columns = [year?, exporter?, importer?, product?, value?];
    let mut sums = Sums::default();
    let mut load = FileLoad::default();
    let mut unused = RowList::default();
    table.rows(lenient, &mut load, |row| {
        let text = |field: Field| row.text(Some(columns[field as usize]));
        let read = Flow {
            year: text(Field::Year)?,
            exporter: text(Field::Exporter)?,
            importer: text(Field::Importer)?,
            product: text(Field::Product)?,
            thousands: row.number(columns[Field::Value as usize])?,
        };
        let at = |field: Field, problem| row.error(columns[field as usize], problem);
        match flow(&read) {
            Ok(key) => sums.add(key, read.thousands, row.line),
            Err(Rejected::NotUsed(field, reason)) => unused.push(at(field, reason)),
            Err(Rejected::Bad(field, problem)) => return Err(at(field, problem)),
        }
        Ok(())
    })?;
    load.unused = unused;
    sums.finish(path, texts, &mut load);
    Ok(load)
}

/// A value in thousands that is a whole number of dollars (at most three
/// decimals, as BACI writes them: `26892.291`), as whole dollars; `None` for
/// any other. The value is the double nearest its decimal; so is the
/// quotient of two exact doubles, so when dividing the dollars back gives
/// the value, the value's decimal is those dollars in thousands.
pub(crate) fn whole_dollars(thousands: f64) -> Option<u64> {
    const EXACT: f64 = (1u64 << 53) as f64;
    let dollars = (thousands * THOUSAND).round();
    ((0.0..=EXACT).contains(&dollars) && dollars / THOUSAND == thousands).then_some(dollars as u64)
}

#[cfg(test)]
mod tests {
    use super::whole_dollars;
    use crate::data::load::parse_decimal;

    #[test]
    fn values_of_up_to_three_decimals_are_whole_dollars() {
        let dollars = |text: &str| whole_dollars(parse_decimal(text).unwrap());
        assert_eq!(dollars("26892.291"), Some(26_892_291));
        assert_eq!(dollars("500.5"), Some(500_500));
        assert_eq!(dollars("0.125"), Some(125));
        assert_eq!(dollars("0.1250000"), Some(125));
        assert_eq!(dollars("90000"), Some(90_000_000));
        assert_eq!(dollars("999999999999.999"), Some(999_999_999_999_999));
        assert_eq!(dollars("1.2345"), None);
        assert_eq!(dollars("0.0005"), None);
        assert_eq!(dollars("-1"), None);
    }

    #[test]
    fn every_three_decimal_value_is_its_whole_dollars() {
        let mut rng = crate::data::synthetic::SplitMix64::new(7);
        for _ in 0..100_000 {
            let dollars = rng.below(1 << 50);
            let text = format!("{}.{:03}", dollars / 1000, dollars % 1000);
            assert_eq!(
                whole_dollars(parse_decimal(&text).unwrap()),
                Some(dollars),
                "{text}"
            );
        }
    }
}
