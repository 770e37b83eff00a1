//! UN Comtrade CSV, in the Comtrade Plus / API v1 layout and the legacy one.
//!
//! Comtrade publishes one row per flow, reporter, partner, period and commodity.
//! Only exports and imports are used, and only totals over all commodities (and,
//! in Comtrade Plus, over all modes of transport, customs procedures and second
//! partners). A file with no TOTAL row for a flow has its commodity rows summed,
//! but only when they are all of one aggregation level, so nothing counts twice.

use std::collections::{BTreeMap, HashSet};

use super::FileLoad;
use super::error::{LoadError, RowList};
use super::table::{DataRow, Table};
use crate::data::model::{
    Area, Indicator, Measure, Observation, Period, Row, Span, SpanKind, TextId, Texts, Unit, WORLD,
    YearMonth,
};

const SOURCE: &str = "UN Comtrade";

/// The columns a layout names differently.
struct Names {
    flow: &'static str,
    reporter: &'static str,
    partner: &'static str,
    partner_code: &'static str,
    commodity: &'static str,
    level: &'static str,
    value: &'static str,
    classification: &'static str,
    /// Breakdowns beside the commodity, each with the code of its total:
    /// (column, total code, what it breaks down by).
    breakdowns: &'static [(&'static str, &'static str, &'static str)],
}

const PLUS: Names = Names {
    flow: "flowCode",
    reporter: "reporterISO",
    partner: "partnerISO",
    partner_code: "partnerCode",
    commodity: "cmdCode",
    level: "aggrLevel",
    value: "primaryValue",
    classification: "classificationCode",
    breakdowns: &[
        ("partner2Code", "0", "second partner"),
        ("motCode", "0", "mode of transport"),
        ("customsCode", "C00", "customs procedure"),
    ],
};

const LEGACY: Names = Names {
    flow: "Trade Flow Code",
    reporter: "Reporter ISO",
    partner: "Partner ISO",
    partner_code: "Partner Code",
    commodity: "Commodity Code",
    level: "Aggregate Level",
    value: "Trade Value (US$)",
    classification: "Classification",
    breakdowns: &[],
};

/// Where a layout's columns are in this file's header.
struct Columns {
    flow: usize,
    reporter: usize,
    partner: usize,
    partner_code: Option<usize>,
    commodity: usize,
    level: usize,
    value: usize,
    classification: Option<usize>,
    breakdowns: Vec<(usize, &'static str, &'static str)>,
}

impl Columns {
    fn find(table: &Table<'_>, names: &Names) -> Result<Self, LoadError> {
        Ok(Self {
            flow: table.require(&[names.flow])?,
            reporter: table.require(&[names.reporter])?,
            partner: table.require(&[names.partner])?,
            partner_code: table.column(&[names.partner_code]),
            commodity: table.require(&[names.commodity])?,
            level: table.require(&[names.level])?,
            value: table.require(&[names.value])?,
            classification: table.column(&[names.classification]),
            breakdowns: names
                .breakdowns
                .iter()
                .filter_map(|&(name, total, what)| Some((table.column(&[name])?, total, what)))
                .collect(),
        })
    }
}

/// What a row's flow code means.
enum Flow {
    Used(Indicator),
    Unused(String),
}

/// The figure a row is about: the same key on two rows is the same figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    indicator: Indicator,
    reporter: Area,
    partner: Area,
    period: Period,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Commodity {
    Total,
    Detail { level: u8 },
}

/// A well-formed row about exports or imports.
struct TradeRow {
    key: Key,
    value: f64,
    line: u64,
    commodity: Commodity,
}

/// Reads a Comtrade Plus / API v1 file (`typeCode,freqCode,…,primaryValue,…`),
/// opened at its header.
pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let freq = table.require(&["freqCode"])?;
    let ref_year = table.require(&["refYear"])?;
    let ref_month = table.require(&["refMonth"])?;
    let period = table.require(&["period"])?;
    let period_of = |row: &DataRow<'_>| -> Result<Period, LoadError> {
        let code = row.text(Some(freq))?;
        if code.eq_ignore_ascii_case("A") {
            // Comtrade marks a whole year with the month number 52.
            let month = row.text(Some(ref_month))?;
            if month != "52" {
                return Err(row.error(
                    ref_month,
                    format!("an annual row (freqCode A) has refMonth 52, not '{month}'"),
                ));
            }
            let year = row.text(Some(ref_year))?;
            match compact_period(year) {
                Some(period) if period.kind() == SpanKind::Annual => Ok(period),
                _ => Err(row.error(ref_year, format!("'{year}' is not a year"))),
            }
        } else if code.eq_ignore_ascii_case("M") {
            let text = row.text(Some(period))?;
            match compact_period(text) {
                Some(period) if period.kind() == SpanKind::Monthly => Ok(period),
                _ => Err(row.error(
                    period,
                    format!("'{text}' is not a month (expected YYYYMM such as 202004)"),
                )),
            }
        } else {
            Err(row.error(
                freq,
                format!("unknown frequency '{code}' (expected A or M)"),
            ))
        }
    };
    let flow_of = |code: &str| match code.to_ascii_uppercase().as_str() {
        "X" => Flow::Used(Indicator::Exports),
        "M" => Flow::Used(Indicator::Imports),
        "RX" => Flow::Unused("re-exports (RX) are not added into exports".into()),
        "RM" => Flow::Unused("re-imports (RM) are not added into imports".into()),
        _ => Flow::Unused(format!(
            "flow '{code}' is neither exports (X) nor imports (M)"
        )),
    };
    read(table, &PLUS, period_of, flow_of, texts, lenient)
}

/// Reads a legacy Comtrade file (`Classification,Year,Period,…`), in the
/// 35-column API layout or the 22-column bulk layout, opened at its header.
pub(crate) fn parse_legacy(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let period = table.require(&["Period"])?;
    let period_of = |row: &DataRow<'_>| -> Result<Period, LoadError> {
        let text = row.text(Some(period))?;
        compact_period(text).ok_or_else(|| {
            row.error(
                period,
                format!("'{text}' is not a period (expected a year such as 2019 or a month such as 201907)"),
            )
        })
    };
    let flow_of = |code: &str| match code {
        "1" => Flow::Used(Indicator::Imports),
        "2" => Flow::Used(Indicator::Exports),
        "3" => Flow::Unused("re-exports (trade flow 3) are not added into exports".into()),
        "4" => Flow::Unused("re-imports (trade flow 4) are not added into imports".into()),
        _ => Flow::Unused(format!(
            "trade flow '{code}' is neither import (1) nor export (2)"
        )),
    };
    read(table, &LEGACY, period_of, flow_of, texts, lenient)
}

/// `2019` is a year, `201907` a month.
fn compact_period(text: &str) -> Option<Period> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        4 => Period::parse(text).ok(),
        6 => {
            let month = YearMonth::new(text[..4].parse().ok()?, text[4..].parse().ok()?)?;
            Period::from_span(Span::Month(month))
        }
        _ => None,
    }
}

fn read(
    table: Table<'_>,
    names: &Names,
    period_of: impl Fn(&DataRow<'_>) -> Result<Period, LoadError>,
    flow_of: impl Fn(&str) -> Flow,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let columns = Columns::find(&table, names)?;
    let path = table.path();
    let mut load = FileLoad::default();
    let mut trade = Vec::new();
    let mut unused = RowList::default();
    let mut classification: Option<String> = None;
    table.rows(lenient, &mut load, |row| {
        let flow_code = row.text(Some(columns.flow))?;
        if flow_code.is_empty() {
            return Err(row.error(columns.flow, "the flow code is empty"));
        }
        let indicator = match flow_of(flow_code) {
            Flow::Used(indicator) => indicator,
            Flow::Unused(reason) => {
                unused.push(row.error(columns.flow, reason));
                return Ok(());
            }
        };
        for &(column, total, what) in &columns.breakdowns {
            let code = row.text(Some(column))?;
            if !code.is_empty() && code != total {
                unused.push(row.error(
                    column,
                    format!("broken down by {what} ('{code}'); only the total over all is used"),
                ));
                return Ok(());
            }
        }
        let Some(reporter) = row.area(columns.reporter, &mut unused)? else {
            return Ok(());
        };
        // Comtrade's numeric code 0 is the world whatever the ISO column says.
        let partner = if row.text(columns.partner_code)? == "0" {
            WORLD
        } else {
            match row.area(columns.partner, &mut unused)? {
                Some(partner) => partner,
                None => return Ok(()),
            }
        };
        let period = period_of(row)?;
        let value = row.number(columns.value)?;
        let code = row.text(Some(columns.commodity))?;
        let commodity = if code.eq_ignore_ascii_case("TOTAL") {
            Commodity::Total
        } else {
            let level = row.text(Some(columns.level))?;
            let level = level.parse().map_err(|_| {
                row.error(
                    columns.level,
                    format!("'{level}' is not an aggregation level (expected a small whole number such as 2)"),
                )
            })?;
            if classification.is_none() {
                classification = Some(row.text(columns.classification)?.to_string());
            }
            Commodity::Detail { level }
        };
        trade.push(TradeRow {
            key: Key {
                indicator,
                reporter,
                partner,
                period,
            },
            value,
            line: row.line,
            commodity,
        });
        Ok(())
    })?;
    load.unused = unused;
    let label = classification_label(classification.as_deref().unwrap_or_default());
    let target = Target {
        path,
        source: texts.intern(SOURCE),
    };
    into_totals(&target, trade, names, &label, texts, &mut load);
    Ok(load)
}

/// "HS" for the Harmonized System editions (H0…H6, HS), "SITC" for S1…S4.
fn classification_label(code: &str) -> String {
    match code.as_bytes().first() {
        Some(b'H' | b'h') => "HS".into(),
        Some(b'S' | b's') => "SITC".into(),
        Some(b'B' | b'b') => "BEC".into(),
        _ if code.is_empty() => "commodity".into(),
        _ => code.to_string(),
    }
}

/// Where observations go: the file's name, and their source text.
struct Target<'a> {
    path: &'a str,
    source: TextId,
}

impl Target<'_> {
    fn observation(&self, key: Key, value: f64, line: u64, note: TextId) -> Observation {
        Observation {
            measure: Measure::level(key.indicator),
            reporter: key.reporter,
            partner: key.partner,
            period: key.period,
            value,
            unit: Unit::Usd,
            currency: Unit::Usd.currency(),
            source: self.source,
            note,
            row: Row::at_line(line),
        }
    }
}

/// Keeps TOTAL rows; sums commodity rows where a figure has no TOTAL row and
/// its rows share one aggregation level; leaves the rest unused, with reasons.
fn into_totals(
    target: &Target<'_>,
    rows: Vec<TradeRow>,
    names: &Names,
    label: &str,
    texts: &mut Texts,
    load: &mut FileLoad,
) {
    // Only a file with commodity rows needs to know which figures have totals.
    let has_details = rows.iter().any(|row| row.commodity != Commodity::Total);
    let with_total: HashSet<Key> = rows
        .iter()
        .filter(|row| has_details && row.commodity == Commodity::Total)
        .map(|row| row.key)
        .collect();
    let mut details: BTreeMap<Key, Vec<(u8, &TradeRow)>> = BTreeMap::new();
    for row in &rows {
        match row.commodity {
            Commodity::Total => load.observations.push(target.observation(
                row.key,
                row.value,
                row.line,
                TextId::NONE,
            )),
            Commodity::Detail { .. } if with_total.contains(&row.key) => {
                load.unused.push(LoadError::at_field(
                    target.path,
                    row.line,
                    names.commodity,
                    "commodity detail; the file's TOTAL row is used",
                ));
            }
            Commodity::Detail { level } => details.entry(row.key).or_default().push((level, row)),
        }
    }
    // Per aggregation level: (rows summed, totals made).
    let mut summed: BTreeMap<u8, (usize, usize)> = BTreeMap::new();
    for (key, group) in details {
        let mut levels: Vec<u8> = group.iter().map(|(level, _)| *level).collect();
        levels.sort_unstable();
        levels.dedup();
        if let [level] = levels[..] {
            let note = texts.intern(&format!(
                "sum of {} commodity rows at {label} aggregation level {level}; a total only if the file holds every commodity",
                group.len()
            ));
            let value = group.iter().map(|(_, row)| row.value).sum();
            let first_line = group[0].1.line;
            load.observations
                .push(target.observation(key, value, first_line, note));
            let counts = summed.entry(level).or_default();
            counts.0 += group.len();
            counts.1 += 1;
        } else {
            let listed: Vec<String> = levels.iter().map(u8::to_string).collect();
            for (_, row) in &group {
                load.unused.push(LoadError::at_field(
                    target.path,
                    row.line,
                    names.level,
                    format!(
                        "commodity rows of aggregation levels {} and no TOTAL row for this flow, reporter, partner and period: summing them would count goods twice",
                        listed.join(", ")
                    ),
                ));
            }
        }
    }
    for (level, (rows, totals)) in summed {
        let plural = if totals == 1 { "" } else { "s" };
        load.remarks.push(format!(
            "summed {rows} commodity rows ({label} aggregation level {level}) into {totals} total{plural}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_periods_are_years_or_months() {
        assert_eq!(compact_period("2019"), Some(Period::annual(2019)));
        assert_eq!(compact_period("202004"), Period::parse("2020-04").ok());
        for bad in [
            "",
            "20191",
            "201913",
            "201900",
            "2019-07",
            "２０１９",
            "20a9",
        ] {
            assert_eq!(compact_period(bad), None, "{bad}");
        }
    }

    #[test]
    fn classifications_have_readable_labels() {
        assert_eq!(classification_label("H5"), "HS");
        assert_eq!(classification_label("S4"), "SITC");
        assert_eq!(classification_label(""), "commodity");
    }
}
