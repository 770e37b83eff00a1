//! World Bank WITS downloads, in their two layouts:
//! - the "Partner" table (`Reporter Name,Partner Name,Year,Trade Flow,…,
//!   Export (US$ Thousand),…`, or `Import (US$ Thousand)`): one year a row,
//!   of one flow or, with Trade Flow `Exports & Imports`, of both;
//! - the time series (`Reporter Name,Partner Name,Trade Flow,Indicator,1988,
//!   1989,…`): one indicator a row, one column a year.
//!
//! Areas are names ("Korea, Rep.", " World"), read with the names table.
//! Values are in thousands of US dollars, read as dollars; WITS's shares are
//! of a reporter's exports or imports, not of its total trade, and are not used.

use std::collections::HashMap;

use super::FileLoad;
use super::error::{LoadError, RowList};
use super::meaning;
use super::table::{DataRow, Table};
use crate::data::model::{
    Area, AreaName, Classification, Currency, Indicator, Measure, Observation, Period, ProductCode,
    ProductRows, Row, SpanKind, TextId, Texts, Unit, area_by_name,
};
use crate::data::model::{counted, thousands};

/// The value columns of the Partner table, by flow.
const EXPORT_VALUE: &str = "Export (US$ Thousand)";
const IMPORT_VALUE: &str = "Import (US$ Thousand)";

/// The product groups that are all of a reporter's goods.
const ALL_PRODUCTS: [&str; 2] = ["All Products", "Total"];

enum Layout {
    /// The Partner table: the year's column, and the value column of each flow.
    Partner {
        year: usize,
        exports: Option<usize>,
        imports: Option<usize>,
    },
    /// The time series: the indicator's column, and each year's.
    TimeSeries {
        indicator: usize,
        years: Vec<(usize, Period)>,
    },
}

struct Columns {
    reporter: usize,
    partner: usize,
    flow: usize,
    product: Option<usize>,
    layout: Layout,
}

impl Columns {
    fn find(table: &Table<'_>) -> Result<Self, LoadError> {
        let layout = match (table.column(&["Year"]), table.column(&["Indicator"])) {
            (Some(year), _) => {
                let [exports, imports] =
                    [EXPORT_VALUE, IMPORT_VALUE].map(|name| table.column(&[name]));
                if exports.is_none() && imports.is_none() {
                    if let Some(bare) = ["Export", "Import"]
                        .into_iter()
                        .find(|name| table.column(&[name]).is_some())
                    {
                        // WITS writes the unit in the header; a file without
                        // it was edited, and its values could be in any unit.
                        return Err(LoadError::at_line(
                            table.path(),
                            1,
                            format!(
                                "the value column is headed '{bare}', without its unit: WITS heads it '{bare} (US$ Thousand)', and a value read in the wrong unit is wrong a thousandfold, so the file is not read; restore the header if the values are in US$ thousand"
                            ),
                        ));
                    }
                    return Err(table.require(&[EXPORT_VALUE, IMPORT_VALUE]).unwrap_err());
                }
                Layout::Partner {
                    year,
                    exports,
                    imports,
                }
            }
            (None, Some(indicator)) => {
                let years: Vec<(usize, Period)> = table
                    .names()
                    .iter()
                    .enumerate()
                    .filter_map(|(column, name)| Some((column, year_of(name)?)))
                    .collect();
                if years.is_empty() {
                    return Err(LoadError::at_line(
                        table.path(),
                        1,
                        format!(
                            "a WITS time series has one column a year (1988, 1989, …), and this header has none (found: {})",
                            table.header_text()
                        ),
                    ));
                }
                Layout::TimeSeries { indicator, years }
            }
            (None, None) => return Err(table.require(&["Year", "Indicator"]).unwrap_err()),
        };
        Ok(Self {
            reporter: table.require(&["Reporter Name"])?,
            partner: table.require(&["Partner Name"])?,
            flow: table.require(&["Trade Flow"])?,
            product: table.column(&["Product Group"]),
            layout,
        })
    }
}

/// A header that is a year, as the time series' columns are.
fn year_of(name: &str) -> Option<Period> {
    let is_year = name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit());
    is_year
        .then(|| Period::parse(name).ok())
        .flatten()
        .filter(|period| period.kind() == SpanKind::Annual)
}

/// What one row gives: observations, or why it is not used.
struct Reading<'l> {
    observations: &'l mut Vec<Observation>,
    source: TextId,
    /// Year cells left blank in used rows: missing figures.
    blank_cells: u64,
    /// Value cells left blank beside a filled one (`Exports & Imports` rows).
    blank_values: u64,
    /// Rows not used, by reason: each reason listed once, at its first row,
    /// with how many rows it holds (a time series repeats each for every
    /// reporter), in the order the reasons first come.
    not_used: Vec<(LoadError, u64)>,
    reasons: HashMap<String, usize>,
    /// Rows not used for reasons beyond the first [`RowList::LISTED`]:
    /// counted, not listed, so that memory stays bounded.
    unlisted: u64,
    /// The values of product groups (`Capital goods`, `Fuels`) by flow, pair
    /// and year, with their line: kept as product rows, never a total.
    groups: Vec<GroupValue>,
}

/// A product group's value: (flow, reporter, partner, year), the group's
/// name, the value in dollars and the row's line.
type GroupValue = ((Indicator, Area, Area, Period), String, f64, u64);

impl Reading<'_> {
    fn not_used(&mut self, row: &DataRow<'_>, column: usize, reason: String) {
        match self.reasons.get(&reason) {
            Some(&group) => self.not_used[group].1 += 1,
            None if self.not_used.len() >= RowList::LISTED => self.unlisted += 1,
            None => {
                self.reasons.insert(reason.clone(), self.not_used.len());
                self.not_used.push((row.error(column, reason), 1));
            }
        }
    }

    /// The figures of a row, once all its cells are read: a row with a bad
    /// cell gives none.
    fn push(
        &mut self,
        row: &DataRow<'_>,
        flow: (Indicator, Area, Area),
        figures: &[(Period, f64)],
    ) {
        let (indicator, reporter, partner) = flow;
        for &(period, dollars) in figures {
            self.observations.push(Observation {
                value: dollars,
                reporter,
                partner,
                period,
                source: self.source,
                note: TextId::NONE,
                row: Row::at_line(row.line),
                measure: Measure::level(indicator),
                unit: Unit::Usd,
                currency: Currency::Usd,
            });
        }
    }
}

/// The dollars of one cell in thousands; `None` when the cell is blank.
fn dollars(
    row: &DataRow<'_>,
    indicator: Indicator,
    column: usize,
) -> Result<Option<f64>, LoadError> {
    let text = row.text(Some(column))?;
    if text.is_empty() {
        return Ok(None);
    }
    let dollars = meaning::thousands(text).map_err(|problem| row.error(column, problem))?;
    meaning::value_fits(Measure::level(indicator), dollars, Unit::Usd)
        .map_err(|problem| row.error(column, problem))?;
    Ok(Some(dollars))
}

/// Reads a WITS download, opened at its header.
pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let columns = Columns::find(&table)?;
    let mut load = FileLoad::default();
    if columns.product.is_none() {
        load.remarks.push(
            "no 'Product Group' column: each row is read as all products (total trade), as WITS writes its downloads for all products".to_string(),
        );
    }
    let mut observations = Vec::new();
    let mut reading = Reading {
        observations: &mut observations,
        source: texts.intern(&format!("World Bank WITS ({})", table.path())),
        blank_cells: 0,
        blank_values: 0,
        not_used: Vec::new(),
        reasons: HashMap::new(),
        unlisted: 0,
        groups: Vec::new(),
    };
    table.rows(lenient, &mut load, |row| {
        read_row(row, &columns, &mut reading)
    })?;
    if reading.blank_cells > 0 {
        load.remarks.push(format!(
            "{} year cells of rows with figures are blank: missing figures, not zero",
            thousands(reading.blank_cells as u64)
        ));
    }
    if reading.blank_values > 0 {
        load.remarks.push(format!(
            "{} export or import cells beside a figure are blank: missing figures, not zero",
            thousands(reading.blank_values as u64)
        ));
    }
    for (mut first, rows) in std::mem::take(&mut reading.not_used) {
        if rows > 1 {
            let like = counted(rows, "row");
            first.problem = format!("{} ({like} like this one)", first.problem);
        }
        load.unused.push_group(first, rows);
    }
    load.unused.count += reading.unlisted;
    keep_groups(std::mem::take(&mut reading.groups), texts, &mut load);
    load.observations = observations;
    Ok(load)
}

/// A file's product groups as product rows: one list per flow, pair and
/// year, in WITS's own codes (the group's name).
fn keep_groups(groups: Vec<GroupValue>, texts: &mut Texts, load: &mut FileLoad) {
    let mut lists: std::collections::BTreeMap<_, (u64, Vec<(ProductCode, f64)>)> =
        std::collections::BTreeMap::new();
    for (key, group, dollars, line) in groups {
        let code = ProductCode::parse(&group, texts);
        let list = lists.entry(key).or_insert((line, Vec::new()));
        list.1.push((code, dollars));
    }
    for (flow, (line, rows)) in lists {
        load.products.push(ProductRows::listed(
            flow,
            (Classification::WitsGroup, Unit::Usd),
            line,
            rows,
        ));
    }
}

fn read_row(
    row: &DataRow<'_>,
    columns: &Columns,
    reading: &mut Reading<'_>,
) -> Result<(), LoadError> {
    let Some(reporter) = area(row, columns.reporter, reading)? else {
        return Ok(());
    };
    let Some(partner) = area(row, columns.partner, reading)? else {
        return Ok(());
    };
    if let Err(problem) = meaning::pair(reporter, partner) {
        // WITS lists some reporters' trade with themselves (Brazil, Ireland):
        // published rows, not malformed ones, but no trade between two areas.
        reading.not_used(row, columns.partner, problem);
        return Ok(());
    }
    let mut group = None;
    if let Some(column) = columns.product {
        let name = row.description(column);
        if !ALL_PRODUCTS
            .iter()
            .any(|all| all.eq_ignore_ascii_case(&name))
        {
            let reason = format!("product group '{name}' is commodity detail, not total trade");
            if !matches!(columns.layout, Layout::Partner { .. }) {
                reading.not_used(row, column, reason);
                return Ok(());
            }
            // Not used once its values are read: a bad value skips the row.
            group = Some((name, column, reason));
        }
    }
    let flow = row.text(Some(columns.flow))?;
    match &columns.layout {
        Layout::Partner {
            year,
            exports,
            imports,
        } => {
            let flows: &[(Indicator, Option<usize>, &str)] =
                match flow.to_ascii_lowercase().as_str() {
                    "export" => &[(Indicator::Exports, *exports, EXPORT_VALUE)],
                    "import" => &[(Indicator::Imports, *imports, IMPORT_VALUE)],
                    // One row carries both values (and their balance, not read).
                    "exports & imports" => &[
                        (Indicator::Exports, *exports, EXPORT_VALUE),
                        (Indicator::Imports, *imports, IMPORT_VALUE),
                    ],
                    _ => {
                        let reason = format!(
                            "trade flow '{flow}' is neither Export, Import nor Exports & Imports"
                        );
                        reading.not_used(row, columns.flow, reason);
                        return Ok(());
                    }
                };
            let text = row.text(Some(*year))?;
            let period =
                year_of(text).ok_or_else(|| row.error(*year, format!("'{text}' is not a year")))?;
            let mut figures = Vec::with_capacity(flows.len());
            for &(indicator, value, name) in flows {
                let Some(value) = value else {
                    return Err(row.error(
                        columns.flow,
                        format!("an {flow} row, but the header has no '{name}' column"),
                    ));
                };
                figures.push((indicator, value, dollars(row, indicator, value)?));
            }
            if let Some((group, column, reason)) = group {
                // Not a total: kept as the group's product row only.
                reading.not_used(row, column, reason);
                for (indicator, _, dollars) in figures {
                    if let Some(dollars) = dollars {
                        let key = (indicator, reporter, partner, period);
                        reading.groups.push((key, group.clone(), dollars, row.line));
                    }
                }
                return Ok(());
            }
            if figures.iter().all(|(_, _, dollars)| dollars.is_none()) {
                let reason = "no value: a missing figure, not zero".to_string();
                reading.not_used(row, figures[0].1, reason);
                return Ok(());
            }
            for (indicator, _, dollars) in figures {
                match dollars {
                    Some(dollars) => {
                        reading.push(row, (indicator, reporter, partner), &[(period, dollars)])
                    }
                    None => reading.blank_values += 1,
                }
            }
        }
        Layout::TimeSeries { indicator, years } => {
            let name = row.description(*indicator);
            let measure = match value_indicator(&name) {
                Ok(measure) => measure,
                Err(reason) => {
                    reading.not_used(row, *indicator, reason);
                    return Ok(());
                }
            };
            let flow_agrees = match measure {
                Indicator::Exports => flow.eq_ignore_ascii_case("Export"),
                _ => flow.eq_ignore_ascii_case("Import"),
            };
            if !flow_agrees {
                return Err(row.error(
                    columns.flow,
                    format!("trade flow '{flow}' on a row of '{name}'"),
                ));
            }
            let mut figures = Vec::new();
            for &(column, period) in years {
                if let Some(dollars) = dollars(row, measure, column)? {
                    figures.push((period, dollars));
                }
            }
            if figures.is_empty() {
                let reason = "no value in any year: missing figures, not zero".to_string();
                reading.not_used(row, *indicator, reason);
            } else {
                reading.blank_cells += (years.len() - figures.len()) as u64;
                reading.push(row, (measure, reporter, partner), &figures);
            }
        }
    }
    Ok(())
}

/// The flow a time-series indicator's values are of, or why the row is not used.
fn value_indicator(name: &str) -> Result<Indicator, String> {
    if name.eq_ignore_ascii_case(EXPORT_VALUE) {
        return Ok(Indicator::Exports);
    }
    if name.eq_ignore_ascii_case(IMPORT_VALUE) {
        return Ok(Indicator::Imports);
    }
    let lower = name.to_ascii_lowercase();
    let flow = ["export", "import"]
        .into_iter()
        .find(|flow| lower.starts_with(flow));
    Err(match flow {
        Some(flow) if lower.contains("partner share") => format!(
            "'{name}' is the partner's share of the reporter's {flow}s, not of its total trade (trade_share)"
        ),
        _ => format!(
            "'{name}' is not a trade value in US$ thousand (read: {EXPORT_VALUE}, {IMPORT_VALUE})"
        ),
    })
}

/// The area a name in the column stands for; a name of no country makes the
/// row unused (noted, `None`); a name the table lacks is an error.
fn area(
    row: &DataRow<'_>,
    column: usize,
    reading: &mut Reading<'_>,
) -> Result<Option<Area>, LoadError> {
    let name = row.description(column);
    match area_by_name(&name) {
        Some(AreaName::Known(area)) => Ok(Some(area)),
        Some(AreaName::NotCountry(kind)) => {
            reading.not_used(row, column, format!("'{name}' is {}", kind.reason()));
            Ok(None)
        }
        None => Err(row.error(
            column,
            format!("'{name}' is not an area name the names table knows (assets/area-names.csv)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_values_in_thousands_are_read_from_the_time_series() {
        assert_eq!(
            value_indicator("Export (US$ Thousand)"),
            Ok(Indicator::Exports)
        );
        assert_eq!(
            value_indicator("import (us$ thousand)"),
            Ok(Indicator::Imports)
        );
        let share = value_indicator("Export Partner Share (%)").unwrap_err();
        assert!(
            share.contains("share of the reporter's exports, not of its total trade"),
            "{share}"
        );
        let count = value_indicator("No Of exported HS6 digit Products").unwrap_err();
        assert!(
            count.contains("not a trade value in US$ thousand"),
            "{count}"
        );
    }

    #[test]
    fn years_are_four_digits() {
        assert!(year_of("1988").is_some());
        assert!(year_of("Indicator").is_none());
        assert!(year_of("2018-Q1").is_none());
    }
}
