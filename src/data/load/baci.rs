//! CEPII BACI (`t,i,j,k,v,q`): for a year `t`, the value `v` (thousands of
//! current US dollars) of exporter `i`'s goods of HS 6-digit product `k` to
//! importer `j`, both areas by their ISO 3166 numeric code (BACI's
//! `country_codes`, Comtrade's numbers), and the quantity `q` in tonnes
//! (not read). BACI reconciles every flow once, so the sum over its products
//! is the pair's total trade: i's exports to j, and j's imports from i.

use std::collections::HashMap;

use super::FileLoad;
use super::codes::{NumericArea, resolve_numeric};
use super::error::{LoadError, RowList};
use super::meaning;
use super::table::{DataRow, Table};
use crate::data::model::{
    Area, Currency, Indicator, Measure, Observation, Period, Row, SpanKind, Texts, Unit,
};

/// BACI's values are in thousands of dollars.
const THOUSAND: f64 = 1_000.0;

/// One pair's year, summed over its products: exactly, in whole dollars,
/// for values of at most three decimals in thousands (as BACI writes
/// them), so that a sum of millions of rows carries no rounding noise.
struct Sum {
    dollars: u128,
    /// Values with more decimals, in thousands.
    other_thousands: f64,
    products: u64,
    /// The line of its first product, where the figures are said to come from.
    line: u64,
}

pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let path = table.path();
    let [year, exporter, importer, product, value] =
        ["t", "i", "j", "k", "v"].map(|name| table.require(&[name]));
    let (year, exporter, importer, product, value) =
        (year?, exporter?, importer?, product?, value?);
    let mut sums: HashMap<(Period, Area, Area), Sum> = HashMap::new();
    let mut unused = RowList::default();
    let mut load = FileLoad::default();
    table.rows(lenient, &mut load, |row| {
        let text = row.text(Some(year))?;
        let period = meaning::period(text)
            .ok()
            .filter(|p| p.kind() == SpanKind::Annual)
            .ok_or_else(|| row.error(year, format!("'{text}' is not a year")))?;
        let code = row.text(Some(product))?;
        if !(4..=6).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(row.error(
                product,
                format!("'{code}' is not an HS 6-digit product code"),
            ));
        }
        let thousands = row.number(value)?;
        if thousands < 0.0 {
            return Err(row.error(
                value,
                format!("{thousands} is negative: BACI lists trade flows"),
            ));
        }
        meaning::value_fits(
            Measure::level(Indicator::Exports),
            thousands * THOUSAND,
            Unit::Usd,
        )
        .map_err(|problem| row.error(value, problem))?;
        let Some(from) = area(row, exporter, &mut unused)? else {
            return Ok(());
        };
        let Some(to) = area(row, importer, &mut unused)? else {
            return Ok(());
        };
        meaning::pair(from, to).map_err(|problem| row.error(importer, problem))?;
        let sum = sums.entry((period, from, to)).or_insert(Sum {
            dollars: 0,
            other_thousands: 0.0,
            products: 0,
            line: row.line,
        });
        match whole_dollars(row.text(Some(value))?) {
            Some(dollars) => sum.dollars += u128::from(dollars),
            None => sum.other_thousands += thousands,
        }
        sum.products += 1;
        Ok(())
    })?;
    load.unused = unused;
    let products: u64 = sums.values().map(|sum| sum.products).sum();
    if !sums.is_empty() {
        load.remarks.push(format!(
            "summed {products} product rows (HS6) into {} exporter-importer-year totals, each both exports and imports",
            sums.len()
        ));
    }
    let source = texts.intern(&format!("CEPII BACI ({path})"));
    let note = texts.intern(
        "sum of HS6 products, BACI; BACI lists only positive flows: a pair absent from a year is zero trade only within a BACI file",
    );
    let mut sums: Vec<_> = sums.into_iter().collect();
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
    Ok(load)
}

/// The country a BACI numeric code names; an aggregate or special category
/// makes the row unused (noted, `None`); a code BACI does not use is an error.
fn area(row: &DataRow<'_>, column: usize, unused: &mut RowList) -> Result<Option<Area>, LoadError> {
    let code = row.text(Some(column))?;
    match resolve_numeric(code) {
        NumericArea::Known(area) => Ok(Some(area)),
        NumericArea::NotCountry(name) => {
            unused.push(row.error(
                column,
                format!("'{name}' ({code}) is a regional or statistical aggregate, a special category or a former area, not a country"),
            ));
            Ok(None)
        }
        NumericArea::Unknown => Err(row.error(
            column,
            format!("'{code}' is not an ISO 3166 numeric area code (BACI's country_codes)"),
        )),
    }
}

/// A value in thousands written with at most three decimals (`26892.291`),
/// as whole dollars; `None` for any other writing, read as a decimal instead.
fn whole_dollars(thousands: &str) -> Option<u64> {
    let (whole, decimals) = thousands.split_once('.').unwrap_or((thousands, ""));
    let digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 12
        || decimals.len() > 3
        || !digits(whole)
        || !digits(decimals)
    {
        return None;
    }
    let scale = 10u64.pow(3 - decimals.len() as u32);
    let decimals: u64 = if decimals.is_empty() {
        0
    } else {
        decimals.parse().ok()?
    };
    Some(whole.parse::<u64>().ok()? * 1_000 + decimals * scale)
}

#[cfg(test)]
mod tests {
    use super::whole_dollars;

    #[test]
    fn values_of_up_to_three_decimals_are_whole_dollars() {
        assert_eq!(whole_dollars("26892.291"), Some(26_892_291));
        assert_eq!(whole_dollars("500.5"), Some(500_500));
        assert_eq!(whole_dollars("0.125"), Some(125));
        assert_eq!(whole_dollars("90000"), Some(90_000_000));
        assert_eq!(whole_dollars("1.2345"), None);
        assert_eq!(whole_dollars("1e3"), None);
        assert_eq!(whole_dollars(".5"), None);
    }
}
