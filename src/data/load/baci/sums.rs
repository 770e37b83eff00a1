//! What one BACI row means and the pair-year sum it goes into. Every reader
//! (the fast one for plain files, the general CSV one, the Parquet one)
//! calls [`Sums::add`], so a row means the same, with the same errors,
//! whichever reads it.

use foldhash::HashMap;

use super::super::codes::{NumericArea, is_country, not_a_country, resolve_numeric};
use super::super::error::{LoadError, RowList};
use super::super::meaning;
use crate::data::model::{Area, Period, SpanKind};

mod numbers;

use numbers::{Amount, amount, check_product, product_number, tonnes, whole_dollars};
#[cfg(test)]
use numbers::{nanodollars, slow_tonnes, whole_dollars_of};

/// BACI's values are in thousands of dollars.
pub(super) const THOUSAND: f64 = 1_000.0;

/// The columns of a BACI row that are read, in the order `t,i,j,k,v`.
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

/// The fields a row is read from as text, in the order of [`Field::ALL`],
/// then its quantity `q` (empty where the file has no such column).
pub(super) type Fields<'r> = [&'r [u8]; 6];

/// A row's value: as written in a text file, or as a typed file holds it.
#[derive(Clone, Copy)]
pub(crate) enum Value<'r> {
    Text(&'r [u8]),
    Thousands(f64),
}

/// Where a row is: its line (or row), where its figures are said to come
/// from, and how an error in one of its fields is said.
pub(crate) struct RowAt<'a> {
    pub line: u64,
    pub error: &'a dyn Fn(Field, String) -> LoadError,
}

impl RowAt<'_> {
    fn error(&self, field: Field, problem: impl Into<String>) -> LoadError {
        (self.error)(field, problem.into())
    }

    fn text<'r>(&self, bytes: &'r [u8], field: Field) -> Result<&'r str, LoadError> {
        meaning::text(bytes).map_err(|problem| self.error(field, problem))
    }
}

/// One pair's year, summed over its products: exactly, in whole dollars,
/// for values of at most three decimals in thousands (as BACI writes
/// them), and in billionths of a dollar for values of up to twelve, so
/// that a sum of millions of rows carries no rounding noise and is the same
/// in whatever order its rows are added.
pub(super) struct Sum {
    pub dollars: u128,
    /// Values of 4 to 12 decimals in thousands, in billionths of a dollar.
    pub nanodollars: u128,
    /// Values of more decimals, or held as numbers of more, in thousands.
    pub other_thousands: f64,
    pub products: u64,
    /// Its products' codes as read, to find a product listed twice (CEPII
    /// lists each flow once: a repeat is a file or part read twice), and
    /// kept as the pair's product rows.
    pub codes: Vec<u32>,
    /// Each product's value in dollars, in the order of `codes`.
    pub values: Vec<f64>,
    /// Each product's quantity in tonnes (`q`), NaN where none is given.
    pub quantities: Vec<f64>,
    /// The line of its first product, where the figures are said to come from.
    pub line: u64,
}

impl Sum {
    pub(super) fn new(line: u64) -> Self {
        Sum {
            dollars: 0,
            nanodollars: 0,
            other_thousands: 0.0,
            products: 0,
            codes: Vec::new(),
            values: Vec::new(),
            quantities: Vec::new(),
            line,
        }
    }

    /// Adds another sum's amounts and count of products (not their codes).
    pub(super) fn merge(&mut self, other: &Sum) {
        self.dollars += other.dollars;
        self.nanodollars += other.nanodollars;
        self.other_thousands += other.other_thousands;
        self.products += other.products;
    }

    /// Appends another sum's product lists to these: moved, not copied,
    /// where these are empty (a pair first met in a later part of the file).
    fn append_lists(&mut self, other: Sum) {
        if self.codes.is_empty() {
            self.codes = other.codes;
            self.values = other.values;
            self.quantities = other.quantities;
        } else {
            self.codes.extend(other.codes);
            self.values.extend(other.values);
            self.quantities.extend(other.quantities);
        }
    }

    /// Adds a row to the sum and to its lists.
    fn add(&mut self, amount: Amount, code: u32, quantity: f64) {
        let dollars = self.add_amount(amount);
        self.codes.push(code);
        self.values.push(dollars);
        self.quantities.push(quantity);
    }

    /// Adds a row's amount to the sum (not to its lists) and gives its value
    /// in dollars.
    fn add_amount(&mut self, amount: Amount) -> f64 {
        self.products += 1;
        match amount {
            Amount::Dollars(dollars) => {
                self.dollars += u128::from(dollars);
                dollars as f64
            }
            Amount::Nanodollars(nanodollars) => {
                self.nanodollars += nanodollars;
                nanodollars as f64 / 1e9
            }
            Amount::Thousands(thousands) => {
                self.other_thousands += thousands;
                thousands * THOUSAND
            }
        }
    }
}

/// An exporter-importer-year: the year, the exporter and the importer.
pub(crate) type PairYear = (Period, Area, Area);

/// A country's rows with a code that is no country (BACI's 490 "Other
/// Asia, nes", …): no pair of their own, but part of the country's trade
/// with all its partners. The year, the country, the other code, and
/// whether the country is the exporter.
pub(crate) type Beyond = (Period, Area, u16, bool);

/// Sums with their keys, in the order of their first rows.
pub(super) type Summed<K> = Vec<(K, Sum)>;

/// One side of a row: a country, or a code that is none (with its name).
enum Side {
    Country(Area),
    Other(u16, &'static str),
}

/// The sums of a file, or of a part of one.
#[derive(Default)]
pub(crate) struct Sums {
    index: HashMap<PairYear, usize>,
    sums: Vec<Sum>,
    beyond: HashMap<Beyond, Sum>,
    pub unused: RowList,
    /// The rows of the pair-year added last, not yet in its sum's lists.
    run: Run,
}

/// The product rows of one pair-year read one after the other. BACI lists
/// a pair's products together, so its sum's lists are made once, of their
/// length, when its run ends: no list grows row by row, so the parsing
/// threads neither reallocate nor fault in fresh pages for every doubling.
#[derive(Default)]
struct Run {
    slot: Option<usize>,
    codes: Vec<u32>,
    values: Vec<f64>,
    quantities: Vec<f64>,
}

impl Sums {
    /// Adds a row's value to its pair's year and says which sum that is. A
    /// row of an aggregate area is not used (noted, `None`); a row that
    /// means nothing is the error.
    pub(super) fn add(&mut self, at: &RowAt, fields: Fields) -> Result<Option<usize>, LoadError> {
        let [year, exporter, importer, product, value, quantity] = fields;
        self.add_codes(
            at,
            [year, exporter, importer, product],
            Value::Text(value),
            tonnes(quantity),
        )
    }

    /// [`Sums::add`] for a row whose value is read already: the codes (year,
    /// exporter, importer, product) as text, the value as it is held, the
    /// quantity in tonnes (NaN for none).
    pub(crate) fn add_codes(
        &mut self,
        at: &RowAt,
        [year, exporter, importer, product]: [&[u8]; 4],
        value: Value,
        quantity: f64,
    ) -> Result<Option<usize>, LoadError> {
        let period = year_of(at, year)?;
        let code = check_product(at, product)?;
        let amount = amount(at, value)?;
        let (from, to) = match (
            side(at, exporter, Field::Exporter)?,
            side(at, importer, Field::Importer)?,
        ) {
            (Side::Country(from), Side::Country(to)) => (from, to),
            (Side::Country(country), Side::Other(other, name)) => {
                self.beyond(at, (period, country, other, true), (amount, code, quantity));
                self.not_a_pair(at, Field::Importer, name, importer)?;
                return Ok(None);
            }
            (Side::Other(other, name), Side::Country(country)) => {
                self.beyond(
                    at,
                    (period, country, other, false),
                    (amount, code, quantity),
                );
                self.not_a_pair(at, Field::Exporter, name, exporter)?;
                return Ok(None);
            }
            (Side::Other(_, name), Side::Other(..)) => {
                self.not_a_pair(at, Field::Exporter, name, exporter)?;
                return Ok(None);
            }
        };
        meaning::pair(from, to).map_err(|problem| at.error(Field::Importer, problem))?;
        let slot = self.slot((period, from, to), at.line);
        self.add_row(slot, amount, code, quantity);
        Ok(Some(slot))
    }

    /// Adds a row whose year, exporter and importer are written as those of
    /// a row [`Sums::add`] put into `slot`: only its product and value are
    /// left to read. BACI lists a pair's products together, so most rows
    /// need neither a code look-up nor a hash.
    pub(super) fn add_to(
        &mut self,
        slot: usize,
        at: &RowAt,
        fields: Fields,
    ) -> Result<(), LoadError> {
        let (product, value) = (
            fields[Field::Product as usize],
            fields[Field::Value as usize],
        );
        // As CEPII writes them (a code of 6 digits, or 5; a value of at most
        // three decimals), read as [`check_product`] and [`amount`] read them
        // first, with no result that might hold an error to pass back.
        if let (Some(code), Some(dollars)) = (product_number(product), whole_dollars(value)) {
            self.add_row(slot, Amount::Dollars(dollars), code, tonnes(fields[5]));
            return Ok(());
        }
        let code = check_product(at, product)?;
        let amount = amount(at, Value::Text(value))?;
        self.add_row(slot, amount, code, tonnes(fields[5]));
        Ok(())
    }

    /// Adds a row to the sum in `slot`, its lists to the run.
    #[inline]
    fn add_row(&mut self, slot: usize, amount: Amount, code: u32, quantity: f64) {
        if self.run.slot != Some(slot) {
            self.end_run();
            self.run.slot = Some(slot);
        }
        let value = self.sums[slot].add_amount(amount);
        let run = &mut self.run;
        run.codes.push(code);
        run.values.push(value);
        run.quantities.push(quantity);
    }

    /// Moves the run's rows into its sum's lists: made of their length where
    /// the sum has none yet (its first run), else extended.
    pub(super) fn end_run(&mut self) {
        let Some(slot) = self.run.slot.take() else {
            return;
        };
        fn into<T: Copy>(list: &mut Vec<T>, run: &mut Vec<T>) {
            if list.is_empty() {
                *list = run.as_slice().to_vec();
            } else {
                list.extend_from_slice(run);
            }
            run.clear();
        }
        let sum = &mut self.sums[slot];
        into(&mut sum.codes, &mut self.run.codes);
        into(&mut sum.values, &mut self.run.values);
        into(&mut sum.quantities, &mut self.run.quantities);
    }

    fn slot(&mut self, key: PairYear, line: u64) -> usize {
        *self.index.entry(key).or_insert_with(|| {
            self.sums.push(Sum::new(line));
            self.sums.len() - 1
        })
    }

    /// Adds a row of a country with a code that is no country to the
    /// country's sum of all partners.
    fn beyond(&mut self, at: &RowAt, key: Beyond, (amount, code, quantity): (Amount, u32, f64)) {
        self.beyond
            .entry(key)
            .or_insert_with(|| Sum::new(at.line))
            .add(amount, code, quantity);
    }

    /// Notes a row whose `field` is a code that is no country: not used.
    fn not_a_pair(
        &mut self,
        at: &RowAt,
        field: Field,
        name: &str,
        code: &[u8],
    ) -> Result<(), LoadError> {
        let code = at.text(code, field)?;
        let reason = format!(
            "{}: not used as a pair (its value is in the other side's sum of all partners)",
            not_a_country(name, code)
        );
        self.unused.push(at.error(field, reason));
        Ok(())
    }

    /// Adds the sums of rows read after these, with their own lines.
    pub(crate) fn append(&mut self, later: Sums) {
        self.absorb(later, 1);
    }

    /// Adds the sums of the part of the file after this one; its lines
    /// count from 1 at line `first_line` of the file.
    pub(super) fn absorb(&mut self, mut later: Sums, first_line: u64) {
        self.end_run();
        later.end_run();
        let in_file = |line: u64| line + first_line - 1;
        let mut slots: Vec<_> = later.index.into_iter().collect();
        slots.sort_unstable_by_key(|&(_, slot)| slot);
        for ((key, _), sum) in slots.into_iter().zip(later.sums) {
            let slot = self.slot(key, in_file(sum.line));
            self.sums[slot].merge(&sum);
            self.sums[slot].append_lists(sum);
        }
        for (key, sum) in later.beyond {
            let total = self
                .beyond
                .entry(key)
                .or_insert_with(|| Sum::new(in_file(sum.line)));
            total.merge(&sum);
            total.append_lists(sum);
        }
        let mut unused = later.unused;
        for error in &mut unused.listed {
            error.line = error.line.map(in_file);
        }
        self.unused.append(unused);
    }

    /// The pair-years, in the order of their first rows, with their sums;
    /// the rows of countries with codes that are none; the rows not used.
    pub(super) fn into_sorted(mut self) -> (Summed<PairYear>, Summed<Beyond>, RowList) {
        self.end_run();
        let mut keys: Vec<_> = self.index.into_iter().collect();
        keys.sort_unstable_by_key(|&(_, slot)| slot);
        let mut sums: Vec<_> = keys
            .into_iter()
            .zip(self.sums)
            .map(|((key, _), sum)| (key, sum))
            .collect();
        sums.sort_by_key(|(_, sum)| sum.line);
        let mut beyond: Vec<_> = self.beyond.into_iter().collect();
        beyond.sort_by_key(|(_, sum)| sum.line);
        (sums, beyond, self.unused)
    }
}

/// A side of a row: the country a BACI numeric code names, or a code that
/// is none (an aggregate or special category); a code BACI does not use is
/// an error.
fn side(at: &RowAt, code: &[u8], field: Field) -> Result<Side, LoadError> {
    let text = at.text(code, field)?;
    match resolve_numeric(text) {
        NumericArea::Known(area) if is_country(area) => Ok(Side::Country(area)),
        // 0 is Comtrade's World: never a side of one of BACI's flows, and
        // read as one it would count the world's trade in the world's.
        NumericArea::Known(area) => Err(at.error(
            field,
            format!(
                "'{text}' is {}, not a country: BACI lists flows between countries",
                area.code()
            ),
        )),
        NumericArea::NotCountry(name) => {
            Ok(Side::Other(text.trim().parse().unwrap_or_default(), name))
        }
        NumericArea::Unknown => Err(at.error(
            field,
            format!("'{text}' is not an ISO 3166 numeric area code (BACI's country_codes)"),
        )),
    }
}

/// The year a row is of: `t`, an annual period.
fn year_of(at: &RowAt, year: &[u8]) -> Result<Period, LoadError> {
    let text = at.text(year, Field::Year)?;
    meaning::period(text)
        .ok()
        .filter(|p| p.kind() == SpanKind::Annual)
        .ok_or_else(|| at.error(Field::Year, format!("'{text}' is not a year")))
}

impl Sum {
    /// The sum in dollars: the double nearest the exact sum where every
    /// value was written with at most twelve decimals.
    pub(super) fn amount(&self) -> f64 {
        const BILLION: u128 = 1_000_000_000;
        if self.nanodollars == 0 {
            return self.dollars as f64 + self.other_thousands * THOUSAND;
        }
        let nanodollars = self.dollars * BILLION + self.nanodollars;
        let exact: f64 = format!("{}.{:09}", nanodollars / BILLION, nanodollars % BILLION)
            .parse()
            .unwrap_or(f64::INFINITY);
        exact + self.other_thousands * THOUSAND
    }
}

#[cfg(test)]
mod tests;
