//! CEPII BACI (`t,i,j,k,v,q`): for a year `t`, the value `v` (thousands of
//! current US dollars) of exporter `i`'s goods of HS 6-digit product `k` to
//! importer `j`, both areas by their ISO 3166 numeric code (BACI's
//! `country_codes`, Comtrade's numbers), and the quantity `q` in tonnes
//! (not read). BACI reconciles every flow once, so the sum over its products
//! is the pair's total trade: i's exports to j, and j's imports from i.

//!
//! A plain file (BACI's own: no quotes, ASCII, LF or CRLF) is read by
//! [`fast`], in parallel blocks; anything else, from where it begins, by the
//! general CSV reader. Both add each row through [`Sums::add`].

mod fast;
pub(crate) mod names;
mod sums;

use std::io::Read;
use std::sync::atomic::AtomicU64;

use super::FileLoad;
use super::blocks::Plan;
use super::error::LoadError;
use super::mapped::Mapped;
use super::table::Table;
use crate::data::model::{
    Area, Classification, Currency, Indicator, Measure, Observation, Period, ProductCode,
    ProductRows, Quantities, QuantityUnits, Row, TextId, Texts, Unit, WORLD, counted,
};
pub(crate) use sums::{Field, RowAt, Sums, Value};

/// Reads a BACI file from a stream, adding the bytes read to `read` (for a
/// load gauge).
pub(crate) fn parse_reader(
    path: &str,
    reader: impl Read,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    parse_reader_with(path, reader, read, texts, lenient, Plan::for_machine())
}

pub(crate) fn parse_reader_with(
    path: &str,
    reader: impl Read,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
    plan: Plan,
) -> Result<FileLoad, LoadError> {
    let mut load = FileLoad::default();
    let sums = fast::read(path, reader, read, lenient, plan, &mut load)?;
    finish(path, sums, texts, &mut load);
    Ok(load)
}

/// Reads a mapped BACI file, adding the bytes parsed to `read` (for a load
/// gauge) and letting its pages go as it goes.
pub(crate) fn parse_mapped(
    path: &str,
    mapped: &Mapped,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    parse_mapped_with(path, mapped, read, texts, lenient, Plan::for_machine())
}

pub(crate) fn parse_mapped_with(
    path: &str,
    mapped: &Mapped,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
    plan: Plan,
) -> Result<FileLoad, LoadError> {
    let mut load = FileLoad::default();
    let sums = fast::read_mapped(path, mapped, read, lenient, plan, &mut load)?;
    finish(path, sums, texts, &mut load);
    Ok(load)
}

/// Reads the rows of a table (the whole file, or the rest of one the fast
/// reader began) into `sums`.
fn read_table(
    table: Table<'_>,
    sums: &mut Sums,
    lenient: bool,
    load: &mut FileLoad,
) -> Result<(), LoadError> {
    let path = table.path();
    let columns = Field::ALL.map(|field| table.require(&[field.name()]));
    let mut found = [0; 5];
    for (column, found) in columns.into_iter().zip(&mut found) {
        *found = column?;
    }
    let quantity = table.column(&["q"]);
    let header_names = table.names().to_vec();
    let names = found.map(|column| header_names[column].as_str());
    table.rows(lenient, load, |row| {
        let error = |field: Field, problem| {
            LoadError::at_field(path, row.line, names[field as usize], problem)
        };
        let at = RowAt {
            line: row.line,
            error: &error,
        };
        let [t, i, j, k, v] = found.map(|column| row.raw(column));
        let q = quantity.map_or(&[][..], |column| row.raw(column));
        sums.add(&at, [t, i, j, k, v, q]).map(drop)
    })
}

/// The file's load: each pair-year's sum as the exporter's exports and the
/// importer's imports, in the order of their first rows; then each
/// country's sums of all partners as its exports to and imports from the
/// world (WLD).
pub(crate) fn finish(path: &str, sums: Sums, texts: &mut Texts, load: &mut FileLoad) {
    let (sums, beyond, unused) = sums.into_sorted();
    load.unused.append(unused);
    let source = texts.intern(&format!("CEPII BACI ({path})"));
    let note = texts.intern(
        "sum of HS6 products, BACI; BACI lists only positive flows: a pair absent from a year is zero trade only within a BACI file",
    );
    let classification = Classification::of_baci_name(path);
    let tonnes = texts.intern("t");
    load.products.reserve(sums.len());
    let (mut products, mut totals) = (0, 0);
    let mut world = World::default();
    for ((period, from, to), mut sum) in sums {
        let (codes, values, quantities) = sorted_by_code(&mut sum);
        if let Some((code, times)) = repeated_product(&codes) {
            let reason = format!(
                "product {code:06} of {from} to {to} in {period} is listed {times} times: CEPII lists each flow once (a file or Parquet part read twice?), so the pair's {} rows are not summed",
                sum.products
            );
            load.unused.push_group(
                LoadError::at_field(path, sum.line, "k", reason),
                sum.products,
            );
            world.unknown(period, from, Indicator::Exports);
            world.unknown(period, to, Indicator::Imports);
            continue;
        }
        let amount = sum.amount();
        products += sum.products;
        totals += 1;
        // Checked when read: at most 6 digits, a 5-digit one being an HS6
        // code written as an integer. (Collected in place: no copy.)
        let codes: Vec<ProductCode> = codes.into_iter().map(ProductCode::hs6).collect();
        load.products.push(ProductRows {
            indicator: Indicator::Exports,
            reporter: from,
            partner: to,
            period,
            classification,
            mirrored: true,
            row: Row::at_line(sum.line),
            codes,
            values,
            unit: Unit::Usd,
            quantities: quantities.map(|amounts| Quantities {
                amounts,
                units: QuantityUnits::One(tonnes),
            }),
        });
        for (indicator, reporter, partner) in [
            (Indicator::Exports, from, to),
            (Indicator::Imports, to, from),
        ] {
            load.observations.push(observation(
                amount,
                (reporter, partner, period),
                indicator,
                (source, note),
                sum.line,
            ));
        }
        world.add(period, from, Indicator::Exports, &sum);
        world.add(period, to, Indicator::Imports, &sum);
    }
    for ((period, country, _, exporter), mut sum) in beyond {
        let indicator = if exporter {
            Indicator::Exports
        } else {
            Indicator::Imports
        };
        let (codes, ..) = sorted_by_code(&mut sum);
        if repeated_product(&codes).is_some() {
            world.unknown(period, country, indicator);
        } else {
            world.add(period, country, indicator, &sum);
        }
    }
    if totals > 0 {
        load.remarks.push(format!(
            "summed {} (HS6) into {}, each both exports and imports",
            counted(products, "product row"),
            counted(totals, "exporter-importer-year total")
        ));
    }
    world.finish(texts, source, load);
}

/// Each country's exports to and imports from all its partners, by year:
/// the world (WLD) total, as BACI lists every flow of every exporter.
#[derive(Default)]
struct World {
    /// `None` where a part is unknown (a pair-year not summed).
    sums: foldhash::HashMap<(Period, Area, Indicator), Option<sums::Sum>>,
}

impl World {
    fn add(&mut self, period: Period, country: Area, indicator: Indicator, sum: &sums::Sum) {
        let total = self
            .sums
            .entry((period, country, indicator))
            .or_insert_with(|| Some(sums::Sum::new(sum.line)));
        if let Some(total) = total {
            total.merge(sum);
            total.line = total.line.min(sum.line);
        }
    }

    fn unknown(&mut self, period: Period, country: Area, indicator: Indicator) {
        self.sums.insert((period, country, indicator), None);
    }

    /// The world figures, in the order of their first rows, unless a row was
    /// skipped (it may be part of any of them); a sum with an unknown part is
    /// none, with a remark.
    fn finish(self, texts: &mut Texts, source: TextId, load: &mut FileLoad) {
        if self.sums.is_empty() {
            return;
        }
        if load.skipped.count > 0 {
            load.remarks.push(format!(
                "no sum of all partners (WLD): {} skipped, each possibly part of one",
                counted(load.skipped.count, "row")
            ));
            return;
        }
        let note = texts.intern(
            "sum of all partners, BACI: the country's flows with every partner in the file, exact; BACI lists every flow once, so this is its trade with the world if the file is a whole BACI year",
        );
        let mut known = Vec::new();
        let mut unknown = 0u64;
        for ((period, country, indicator), sum) in self.sums {
            match sum {
                Some(sum) => known.push((
                    sum.line,
                    observation(
                        sum.amount(),
                        (country, WORLD, period),
                        indicator,
                        (source, note),
                        sum.line,
                    ),
                )),
                None => unknown += 1,
            }
        }
        known.sort_by_key(|(line, observation)| (*line, observation.reporter, observation.measure));
        let count = known.len() as u64;
        load.observations
            .extend(known.into_iter().map(|(_, observation)| observation));
        let mut remark = format!(
            "summed each country's flows with all partners into {} (WLD)",
            counted(count, "world total")
        );
        if unknown > 0 {
            remark.push_str(&format!(
                "; {} not made, a pair-year of it not summed (a product listed twice)",
                counted(unknown, "world total")
            ));
        }
        load.remarks.push(remark);
    }
}

/// A BACI figure: a level in dollars of `reporter`'s trade with `partner`.
fn observation(
    value: f64,
    (reporter, partner, period): (Area, Area, Period),
    indicator: Indicator,
    (source, note): (TextId, TextId),
    line: u64,
) -> Observation {
    Observation {
        value,
        reporter,
        partner,
        period,
        source,
        note,
        row: Row::at_line(line),
        measure: Measure::level(indicator),
        unit: Unit::Usd,
        currency: Currency::Usd,
    }
}

/// A pair-year's product codes, values and quantities (none where no row
/// gives one), sorted by code; taken from the sum, so that its rows are
/// held once. CEPII writes a pair's products in order, so they are most
/// often sorted already.
fn sorted_by_code(sum: &mut sums::Sum) -> (Vec<u32>, Vec<f64>, Option<Vec<f64>>) {
    let codes = std::mem::take(&mut sum.codes);
    let values = std::mem::take(&mut sum.values);
    let quantities = std::mem::take(&mut sum.quantities);
    let quantities = quantities.iter().any(|q| !q.is_nan()).then_some(quantities);
    if codes.is_sorted() {
        return (codes, values, quantities);
    }
    let mut order: Vec<usize> = (0..codes.len()).collect();
    order.sort_unstable_by_key(|&at| codes[at]);
    let by = |list: &[f64]| order.iter().map(|&at| list[at]).collect::<Vec<f64>>();
    (
        order.iter().map(|&at| codes[at]).collect(),
        by(&values),
        quantities.as_deref().map(by),
    )
}

/// The first product listed more than once, and how many times.
fn repeated_product(codes: &[u32]) -> Option<(u32, usize)> {
    let at = codes.windows(2).position(|pair| pair[0] == pair[1])?;
    let code = codes[at];
    Some((code, codes[at..].iter().take_while(|&&c| c == code).count()))
}

#[cfg(test)]
mod tests;
