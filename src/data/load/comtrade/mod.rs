//! UN Comtrade CSV, in the Comtrade Plus / API v1 layout and the legacy one.
//!
//! Comtrade publishes one row per flow, reporter, partner, period and commodity.
//! Only merchandise exports and imports are used, and only totals over all
//! commodities (and, in Comtrade Plus, over all modes of transport, customs
//! procedures and second partners): a file's TOTAL rows, or the sum of its
//! commodity rows where they hold every code of one level of the
//! classification ([`totals`]). Areas are read from the ISO columns, or where
//! those are blank (the comtradeapicall package leaves them so) from Comtrade's
//! numeric codes.

use super::FileLoad;
use super::codes::{self, NumericArea};
use super::error::{LoadError, RowList};
use super::meaning;
use super::table::{DataRow, Table};
use super::totals::{self, Commodity, Key, TradeRow};
use crate::data::model::{Area, Indicator, Measure, Period, SpanKind, TextId, Texts, Unit, WORLD};

/// The columns a layout names differently.
struct Names {
    /// The kind of trade: C goods, S services (Comtrade Plus only).
    trade_type: Option<&'static str>,
    flow: &'static str,
    reporter: Side,
    partner: Side,
    commodity: &'static str,
    /// The commodity's description.
    description: &'static str,
    level: &'static str,
    value: &'static str,
    classification: &'static str,
    /// Breakdowns beside the commodity, each with the code of its total:
    /// (column, total code, what it breaks down by).
    breakdowns: &'static [(&'static str, &'static str, &'static str)],
}

/// The columns naming one side of a flow: its ISO code, Comtrade's numeric
/// code and its name.
struct Side {
    iso: &'static str,
    numeric: &'static str,
    name: &'static str,
}

const PLUS: Names = Names {
    trade_type: Some("typeCode"),
    flow: "flowCode",
    reporter: Side {
        iso: "reporterISO",
        numeric: "reporterCode",
        name: "reporterDesc",
    },
    partner: Side {
        iso: "partnerISO",
        numeric: "partnerCode",
        name: "partnerDesc",
    },
    commodity: "cmdCode",
    description: "cmdDesc",
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
    trade_type: None,
    flow: "Trade Flow Code",
    reporter: Side {
        iso: "Reporter ISO",
        numeric: "Reporter Code",
        name: "Reporter",
    },
    partner: Side {
        iso: "Partner ISO",
        numeric: "Partner Code",
        name: "Partner",
    },
    commodity: "Commodity Code",
    description: "Commodity",
    level: "Aggregate Level",
    value: "Trade Value (US$)",
    classification: "Classification",
    breakdowns: &[],
};

/// Where one side's columns are in this file's header.
struct SideColumns {
    iso: Option<usize>,
    numeric: Option<usize>,
    name: Option<usize>,
    /// The column a problem with the area is reported at: the numeric code's
    /// when there is one, for only it is read when the ISO code is blank.
    at: usize,
}

impl SideColumns {
    fn find(table: &Table<'_>, side: &Side) -> Result<Self, LoadError> {
        let (iso, numeric) = (table.column(&[side.iso]), table.column(&[side.numeric]));
        let at = match numeric.or(iso) {
            Some(at) => at,
            None => table.require(&[side.iso, side.numeric])?,
        };
        Ok(Self {
            iso,
            numeric,
            name: table.column(&[side.name]),
            at,
        })
    }
}

/// Where a layout's columns are in this file's header.
struct Columns {
    trade_type: Option<usize>,
    flow: usize,
    reporter: SideColumns,
    partner: SideColumns,
    commodity: usize,
    description: Option<usize>,
    level: Option<usize>,
    value: usize,
    classification: Option<usize>,
    breakdowns: Vec<(usize, &'static str, &'static str)>,
    /// The quantity and its unit (`qty`, `qtyUnitAbbr`; the legacy `Qty`,
    /// `Qty Unit`), and the net weight in kg.
    quantity: Option<(usize, usize)>,
    net_weight: Option<usize>,
}

impl Columns {
    fn find(table: &Table<'_>, names: &Names) -> Result<Self, LoadError> {
        Ok(Self {
            trade_type: names.trade_type.and_then(|name| table.column(&[name])),
            flow: table.require(&[names.flow])?,
            reporter: SideColumns::find(table, &names.reporter)?,
            partner: SideColumns::find(table, &names.partner)?,
            commodity: table.require(&[names.commodity])?,
            description: table.column(&[names.description]),
            level: table.column(&[names.level]),
            value: table.require(&[names.value])?,
            classification: table.column(&[names.classification]),
            breakdowns: names
                .breakdowns
                .iter()
                .filter_map(|&(name, total, what)| Some((table.column(&[name])?, total, what)))
                .collect(),
            quantity: table
                .column(&["qty", "Qty"])
                .zip(table.column(&["qtyUnitAbbr", "Qty Unit"])),
            net_weight: table.column(&["netWgt", "Netweight (kg)"]),
        })
    }
}

/// A commodity row's quantity: `qty` in its unit where the row gives a
/// unit (not Comtrade's `N/A` or "No Quantity") and an amount above zero,
/// else its net weight in kg where above zero. Comtrade writes 0 where no
/// quantity or weight was reported, so a zero is none, never a quantity;
/// an unreadable one is none too (a quantity is beside the value, never
/// part of a figure).
fn quantity_of(row: &DataRow<'_>, columns: &Columns, texts: &mut Texts) -> Option<(f64, TextId)> {
    let amount = |column: usize| {
        row.text(Some(column))
            .ok()
            .and_then(|text| text.parse::<f64>().ok())
            .filter(|amount| amount.is_finite() && *amount > 0.0)
    };
    if let Some((qty, unit_column)) = columns.quantity {
        let unit = row.description(unit_column);
        let none = ["", "N/A", "No Quantity", "NA"];
        if !none.iter().any(|n| unit.eq_ignore_ascii_case(n))
            && let Some(qty) = amount(qty)
        {
            return Some((qty, texts.intern(&unit)));
        }
    }
    let weight = amount(columns.net_weight?)?;
    Some((weight, texts.intern("kg")))
}

/// What a row's flow code means.
enum Flow {
    Used(Indicator),
    Unused(String),
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
            match meaning::compact_period(year) {
                Some(period) if period.kind() == SpanKind::Annual => Ok(period),
                _ => Err(row.error(ref_year, format!("'{year}' is not a year"))),
            }
        } else if code.eq_ignore_ascii_case("M") {
            let text = row.text(Some(period))?;
            match meaning::compact_period(text) {
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
        meaning::compact_period(text).ok_or_else(|| {
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
    let mut classifications = totals::Classifications::default();
    table.rows(lenient, &mut load, |row| {
        if let Some(column) = columns.trade_type {
            let code = row.text(Some(column))?;
            if !code.eq_ignore_ascii_case("C") {
                let reason = if code.eq_ignore_ascii_case("S") {
                    "services (typeCode S) are not merchandise trade".to_string()
                } else {
                    format!("typeCode '{code}' is not merchandise trade (C)")
                };
                unused.push(row.error(column, reason));
                return Ok(());
            }
        }
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
        let Some(reporter) = area_of(row, &columns.reporter, &mut unused)? else {
            return Ok(());
        };
        let Some(partner) = area_of(row, &columns.partner, &mut unused)? else {
            return Ok(());
        };
        if let Err(problem) = meaning::pair(reporter, partner) {
            // Comtrade publishes a country's re-imports of its own goods as
            // trade with itself (China with China): a real row, but no trade
            // between two areas, as WITS's rows of a reporter with itself.
            unused.push(row.error(columns.partner.at, problem));
            return Ok(());
        }
        let period = period_of(row)?;
        let value = row.number(columns.value)?;
        meaning::value_fits(Measure::level(indicator), value, Unit::Usd)
            .map_err(|problem| row.error(columns.value, problem))?;
        let code = row.text(Some(columns.commodity))?;
        let commodity = if code.eq_ignore_ascii_case("TOTAL") {
            Commodity::Total
        } else {
            let classification = classifications.index(row.text(columns.classification)?);
            let level = match row.text(columns.level)? {
                // The comtradeapicall package leaves the level blank: a code's
                // digits are its level in both HS and SITC.
                "" => u8::try_from(code.len()).unwrap_or(u8::MAX),
                level => level.parse().map_err(|_| {
                    row.error(
                        columns.level.unwrap_or(columns.commodity),
                        format!("'{level}' is not an aggregation level (expected a small whole number such as 2)"),
                    )
                })?,
            };
            let name = match columns.description {
                Some(column) => texts.intern(&row.description(column)),
                None => TextId::NONE,
            };
            Commodity::Detail {
                classification,
                level,
                code: code.into(),
                name,
            }
        };
        let quantity = match commodity {
            Commodity::Total => None,
            Commodity::Detail { .. } => quantity_of(row, &columns, texts),
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
            note: TextId::NONE,
            rows: 1,
            quantity,
        });
        Ok(())
    })?;
    load.unused = unused;
    let target = totals::Target {
        path,
        commodity_column: names.commodity,
        source: texts.intern("UN Comtrade"),
        unit: Unit::Usd,
        rule: totals::COMTRADE_RULE,
    };
    totals::into_totals(&target, trade, &classifications, texts, &mut load);
    Ok(load)
}

/// The area one side of a row names: by its ISO code or, where that is blank,
/// by Comtrade's numeric code (0 is the world whatever the ISO column says).
/// An aggregate makes the row unused: it is noted and `None` returned.
fn area_of(
    row: &DataRow<'_>,
    side: &SideColumns,
    unused: &mut RowList,
) -> Result<Option<Area>, LoadError> {
    let numeric = row.text(side.numeric)?;
    if numeric == "0" {
        return Ok(Some(WORLD));
    }
    let by_number = codes::resolve_numeric(numeric);
    if let Some(iso) = side.iso
        && !row.text(Some(iso))?.is_empty()
    {
        match row.area(iso, unused) {
            // An ISO code of a former area (ANT, SCG) is no ISO 3166-1 code
            // any more; Comtrade's number still says what it was. (An unknown
            // ISO code beside a country's number stays an error: the row
            // contradicts itself.)
            Err(_) if matches!(by_number, NumericArea::NotCountry(_)) => {}
            by_iso => return by_iso,
        }
    }
    let column = side.at;
    match by_number {
        NumericArea::Known(area) => Ok(Some(area)),
        NumericArea::NotCountry(name) => {
            unused.push(row.error(column, codes::not_a_country(name, numeric)));
            Ok(None)
        }
        NumericArea::Unknown if numeric.is_empty() => Err(row.error(
            column,
            "no area: the ISO code and the numeric area code are both empty",
        )),
        NumericArea::Unknown => {
            let name = side
                .name
                .map(|name| row.description(name))
                .unwrap_or_default();
            let named = if name.is_empty() {
                String::new()
            } else {
                format!(" ('{name}')")
            };
            Err(row.error(
                column,
                format!(
                    "'{numeric}'{named} is not a UN Comtrade area code, and the ISO code is blank"
                ),
            ))
        }
    }
}
