//! Eurostat Comext, the EU's detailed trade in goods, in euros: the
//! dissemination API's SDMX-CSV (`DATAFLOW,LAST UPDATE,freq,reporter,
//! partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE`, dataflows such as
//! `ESTAT:DS-045409(1.0)`) and the bulk files (`REPORTER,PARTNER,TRADE_TYPE,
//! PRODUCT_NC,…,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,…`).
//!
//! `flow` 1 is imports, 2 exports; only values in euros are read (the API's
//! indicator `VALUE_IN_EUROS`, the bulk's `VALUE_EUR`), quantities are not.
//! Areas are ISO alpha-2 codes with Eurostat's own (`EL` Greece, `UK` the
//! United Kingdom, `WORLD`, `EU27_2020`, the extra-EU partner). The product
//! `TOTAL` is total trade; commodity rows follow the totals rule of
//! [`totals`]. Rows split by statistical procedure are parts of one flow
//! and are summed.

use std::collections::HashMap;

use super::FileLoad;
use super::error::{LoadError, RowList};
use super::meaning;
use super::sdmx::dataflow_id;
use super::table::{DataRow, Table};
use super::totals::{self, Classifications, Commodity, Key, TradeRow};
use crate::data::model::{Indicator, Measure, Period, SpanKind, TextId, Texts, Unit};

/// Which of Comext's two layouts a file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    /// The dissemination API's SDMX-CSV: one row per indicator.
    Api,
    /// The bulk download: one row per CN code, with values and quantities.
    Bulk,
}

/// The columns a layout names differently (found case-insensitively).
struct Names {
    product: &'static str,
    period: &'static str,
    value: &'static str,
}

const API: Names = Names {
    product: "product",
    period: "TIME_PERIOD",
    value: "OBS_VALUE",
};

const BULK: Names = Names {
    product: "PRODUCT_NC",
    period: "PERIOD",
    value: "VALUE_EUR",
};

impl Layout {
    /// The Comext layout a header shows, if any: the API's has `DATAFLOW`
    /// first and the dimensions `reporter`, `flow` and `indicators`; the
    /// bulk files' has `REPORTER`, `PRODUCT_NC`, `FLOW` and `VALUE_EUR`.
    pub(super) fn of(names: &[String]) -> Option<Self> {
        let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        let first = names.first().map_or("", String::as_str);
        if first.eq_ignore_ascii_case("DATAFLOW")
            && ["reporter", "flow", "indicators"].into_iter().all(has)
        {
            Some(Layout::Api)
        } else if ["REPORTER", "PRODUCT_NC", "FLOW", "VALUE_EUR"]
            .into_iter()
            .all(has)
        {
            Some(Layout::Bulk)
        } else {
            None
        }
    }

    fn names(self) -> &'static Names {
        match self {
            Layout::Api => &API,
            Layout::Bulk => &BULK,
        }
    }
}

struct Columns {
    layout: Layout,
    reporter: usize,
    partner: usize,
    product: usize,
    flow: usize,
    period: usize,
    value: usize,
    /// The API's `freq` (A or M); the bulk's periods say it themselves.
    freq: Option<usize>,
    /// The API's `indicators`: which figure the value is.
    indicator: Option<usize>,
    procedure: Option<usize>,
    flag: Option<usize>,
    dataflow: Option<usize>,
}

impl Columns {
    fn find(table: &Table<'_>, layout: Layout) -> Result<Self, LoadError> {
        let names = layout.names();
        let api = |name: &str| match layout {
            Layout::Api => table.require(&[name]).map(Some),
            Layout::Bulk => Ok(None),
        };
        Ok(Self {
            layout,
            reporter: table.require(&["reporter"])?,
            partner: table.require(&["partner"])?,
            product: table.require(&[names.product])?,
            flow: table.require(&["flow"])?,
            period: table.require(&[names.period])?,
            value: table.require(&[names.value])?,
            freq: api("freq")?,
            indicator: api("indicators")?,
            procedure: table.column(&["STAT_PROCEDURE"]),
            flag: table.column(&["OBS_FLAG"]),
            dataflow: table.column(&["DATAFLOW"]),
        })
    }
}

/// One total's rows split by statistical procedure, summed as read.
struct Parts {
    /// Its place in the file's list of figures.
    at: usize,
    /// The procedures summed, each with its line.
    procedures: Vec<(Box<str>, u64)>,
}

/// Reads a Comext file, in either layout, opened at its header.
pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let Some(layout) = Layout::of(table.names()) else {
        return Err(LoadError::at_line(
            table.path(),
            1,
            format!(
                "the header is not that of Eurostat Comext (expected DATAFLOW,…,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE or REPORTER,PARTNER,…,PRODUCT_NC,…,FLOW,…,PERIOD,VALUE_EUR,…; found: {})",
                table.header_text()
            ),
        ));
    };
    let columns = Columns::find(&table, layout)?;
    let path = table.path();
    let mut load = FileLoad::default();
    let mut unused = RowList::default();
    let mut trade: Vec<TradeRow> = Vec::new();
    let mut parts: HashMap<Key, Parts> = HashMap::new();
    // The flows of which a TOTAL part has no value: its procedure and line.
    let mut missing_parts: HashMap<Key, (Box<str>, u64)> = HashMap::new();
    // The procedures of all rows, for the remark on a file of only one.
    let mut procedures_in_file: Vec<Box<str>> = Vec::new();
    let mut classifications = Classifications::default();
    let mut dataflows: Vec<String> = Vec::new();
    table.rows(lenient, &mut load, |row| {
        let mut not_used = |column: usize, reason: String| {
            unused.push(row.error(column, reason));
            Ok(())
        };
        if let Some(column) = columns.indicator
            && let Err(reason) = value_indicator(row.text(Some(column))?)
        {
            return not_used(column, reason);
        }
        let indicator = match flow(row.text(Some(columns.flow))?) {
            Ok(indicator) => indicator,
            Err(reason) => return not_used(columns.flow, reason),
        };
        let value_text = row.text(Some(columns.value))?;
        let no_value = ["", ":"].contains(&value_text);
        // A TOTAL part without a value leaves its flow's sum unknown: it is
        // found by its key, below, so that the other parts are not summed.
        let total_part = columns.procedure.is_some()
            && row.text(Some(columns.product))?.eq_ignore_ascii_case("TOTAL");
        if no_value && !total_part {
            let flag = row.text(columns.flag)?;
            let reason = if flag.is_empty() {
                "no value (a missing observation)".to_string()
            } else {
                format!("no value (a missing observation, OBS_FLAG '{flag}')")
            };
            return not_used(columns.value, reason);
        }
        let Some(reporter) = row.area(columns.reporter, &mut unused)? else {
            return Ok(());
        };
        let Some(partner) = row.partner(columns.partner, reporter, &mut unused)? else {
            return Ok(());
        };
        meaning::pair(reporter, partner).map_err(|problem| row.error(columns.partner, problem))?;
        let period = period(row, &columns)?;
        if no_value {
            let key = Key {
                indicator,
                reporter,
                partner,
                period,
            };
            let procedure = row.text(columns.procedure)?;
            missing_parts
                .entry(key)
                .or_insert_with(|| (procedure.into(), row.line));
            unused.push(row.error(
                columns.value,
                format!("no value (a missing observation) for statistical procedure {procedure}: the flow's total over procedures is unknown"),
            ));
            return Ok(());
        }
        let value = row.number(columns.value)?;
        meaning::value_fits(Measure::level(indicator), value, Unit::Eur)
            .map_err(|problem| row.error(columns.value, problem))?;
        let code = row.text(Some(columns.product))?;
        let commodity = commodity(row, &columns, code, &mut classifications)?;
        if let Some(column) = columns.dataflow {
            let dataflow = row.text(Some(column))?;
            if !dataflows.iter().any(|known| known == dataflow) {
                dataflows.push(dataflow.to_string());
            }
        }
        let key = Key {
            indicator,
            reporter,
            partner,
            period,
        };
        let procedure = match columns.procedure {
            Some(column) => {
                let procedure = row.text(Some(column))?;
                procedure_name(procedure).ok_or_else(|| {
                    row.error(
                        column,
                        format!("unknown statistical procedure '{procedure}' (expected 1 normal, 2 inward processing, 3 outward processing or 9 not recorded)"),
                    )
                })?;
                if !procedures_in_file.iter().any(|known| &**known == procedure) {
                    procedures_in_file.push(procedure.into());
                }
                Some((column, procedure))
            }
            None => None,
        };
        // Only a total's parts are summed: commodity rows are never used,
        // and are not held longer than the totals rule needs them.
        let Some((column, procedure)) = procedure.filter(|_| commodity == Commodity::Total)
        else {
            trade.push(TradeRow {
                key,
                value,
                line: row.line,
                commodity,
                note: TextId::NONE,
                rows: 1,
                quantity: None,
            });
            return Ok(());
        };
        let figure = parts.entry(key).or_insert_with(|| {
            trade.push(TradeRow {
                key,
                value: 0.0,
                line: row.line,
                commodity,
                note: TextId::NONE,
                rows: 0,
                quantity: None,
            });
            Parts {
                at: trade.len() - 1,
                procedures: Vec::new(),
            }
        });
        if let Some((_, line)) = figure.procedures.iter().find(|(p, _)| &**p == procedure) {
            return Err(row.error(
                column,
                format!("the same flow, reporter, partner, period and procedure as the TOTAL row on line {line}"),
            ));
        }
        figure.procedures.push((procedure.into(), row.line));
        let summed = &mut trade[figure.at];
        summed.value += value;
        summed.rows += 1;
        Ok(())
    })?;
    // In file order, so that the notes' ids are the same on every load.
    let mut parts: Vec<Parts> = parts.into_values().collect();
    parts.sort_unstable_by_key(|figure| figure.at);
    for figure in &mut parts {
        figure.procedures.sort();
        let named: Vec<String> = figure
            .procedures
            .iter()
            .filter_map(|(code, _)| Some(format!("{code} ({})", procedure_name(code)?)))
            .collect();
        let how = match &named[..] {
            [one] => format!("statistical procedure {one}, Eurostat Comext"),
            _ => format!(
                "sum over statistical procedures {}, Eurostat Comext",
                named.join(", ")
            ),
        };
        trade[figure.at].note = texts.intern(&how);
    }
    // A sum with a part missing is not a total: its parts are not used.
    let mut unknown = vec![false; trade.len()];
    for figure in &parts {
        let summed = &trade[figure.at];
        let Some((procedure, line)) = missing_parts.get(&summed.key) else {
            continue;
        };
        unknown[figure.at] = true;
        let (_, first) = figure.procedures[0];
        let reason = format!(
            "not summed: statistical procedure {procedure} (line {line}) of the same flow has no value, so the total is unknown"
        );
        unused.push_group(
            LoadError::at_field(path, first, layout.names().value, reason),
            summed.rows,
        );
    }
    let mut index = 0;
    trade.retain(|_| {
        index += 1;
        !unknown[index - 1]
    });
    if let [only] = &procedures_in_file[..] {
        // A file of every procedure has some trade under processing; one of a
        // single procedure may have been cut to it.
        load.remarks.push(format!(
            "every row is of statistical procedure {only}: if the file was cut to one procedure, its figures are that procedure's trade, not total trade"
        ));
    }
    load.unused = unused;
    let target = totals::Target {
        path,
        commodity_column: layout.names().product,
        source: texts.intern(&source(layout, &dataflows)),
        unit: Unit::Eur,
        rule: "only the product TOTAL is total trade in Eurostat Comext: its product codes are not checked against a complete list, so no sum of them is taken for a total",
    };
    totals::into_totals(&target, trade, &classifications, texts, &mut load);
    Ok(load)
}

/// Whether the API's indicator is the value in euros; why the row is not
/// used when it is not.
fn value_indicator(code: &str) -> Result<(), String> {
    match code.to_ascii_uppercase().as_str() {
        "VALUE_IN_EUROS" => Ok(()),
        "QUANTITY_IN_100KG" | "SUPPLEMENTARY_QUANTITY" => Err(format!(
            "a quantity ({code}), not a value: only VALUE_IN_EUROS is read"
        )),
        _ => Err(format!(
            "indicator '{code}' is not the value in euros (VALUE_IN_EUROS)"
        )),
    }
}

fn flow(code: &str) -> Result<Indicator, String> {
    match code {
        "1" => Ok(Indicator::Imports),
        "2" => Ok(Indicator::Exports),
        _ => Err(format!(
            "flow '{code}' is neither imports (1) nor exports (2)"
        )),
    }
}

/// Eurostat's statistical procedures: every declaration has one, so the
/// rows of a flow split by procedure are its parts.
fn procedure_name(code: &str) -> Option<&'static str> {
    match code {
        "1" => Some("normal"),
        "2" => Some("inward processing"),
        "3" => Some("outward processing"),
        "9" => Some("not recorded"),
        _ => None,
    }
}

/// The row's period: the API's `2020`, `2020-01`, `2020-M01` or `2020M01`,
/// of the kind its `freq` says; the bulk's `202001`, or `202052` for a year.
fn period(row: &DataRow<'_>, columns: &Columns) -> Result<Period, LoadError> {
    let text = row.text(Some(columns.period))?;
    let Some(freq) = columns.freq else {
        let period = match text.strip_suffix("52") {
            Some(year) if year.len() == 4 => meaning::compact_period(year),
            _ if text.len() == 6 => meaning::compact_period(text),
            _ => None,
        };
        return period.ok_or_else(|| {
                row.error(
                    columns.period,
                    format!("'{text}' is not a period (expected YYYYMM such as 202301, or YYYY52 for a whole year)"),
                )
            });
    };
    let code = row.text(Some(freq))?;
    let (kind, expected) = match code.to_ascii_uppercase().as_str() {
        "A" => (SpanKind::Annual, "a year such as 2020"),
        "M" => (SpanKind::Monthly, "a month such as 2020-01"),
        _ => {
            return Err(row.error(
                freq,
                format!("unknown frequency '{code}' (expected A or M)"),
            ));
        }
    };
    // Eurostat also writes months as 2020M01.
    let dashed = match text.as_bytes() {
        [_, _, _, _, b'M', ..] => format!("{}-{}", &text[..4], &text[4..]),
        _ => text.to_string(),
    };
    Period::parse(&dashed)
        .ok()
        .filter(|period| period.kind() == kind)
        .ok_or_else(|| {
            row.error(
                columns.period,
                format!("'{text}' is not a period of frequency {code} (expected {expected})"),
            )
        })
}

/// `TOTAL`, or a commodity code, of as many characters as its level
/// (confidential items have letters, such as `8471XXXX`).
fn commodity(
    row: &DataRow<'_>,
    columns: &Columns,
    code: &str,
    classifications: &mut Classifications,
) -> Result<Commodity, LoadError> {
    if code.eq_ignore_ascii_case("TOTAL") {
        return Ok(Commodity::Total);
    }
    let level = u8::try_from(code.len()).ok().filter(|&level| level > 0);
    let Some(level) = level.filter(|_| code.bytes().all(|b| b.is_ascii_alphanumeric())) else {
        return Err(row.error(
            columns.product,
            format!(
                "'{code}' is not a product code (expected TOTAL or a CN code such as 39199080)"
            ),
        ));
    };
    // The bulk's PRODUCT_NC and DS-045409's products are CN codes (its HS
    // levels are the CN's too); other dataflows' classifications are not known.
    let dataflow = row.text(columns.dataflow)?;
    let classification = match columns.layout {
        Layout::Api if !dataflow.contains("DS-045409") => "",
        _ => "CN",
    };
    Ok(Commodity::Detail {
        classification: classifications.index(classification),
        level,
        code: code.into(),
        name: TextId::NONE,
    })
}

/// "Eurostat Comext DS-045409", from the dataflow every row names;
/// "Eurostat Comext" for several or none (the bulk files).
fn source(layout: Layout, dataflows: &[String]) -> String {
    match (layout, dataflows) {
        (Layout::Api, [one]) => match dataflow_id(one).1 {
            "" => "Eurostat Comext".to_string(),
            id => format!("Eurostat Comext {id}"),
        },
        (Layout::Bulk, _) => "Eurostat Comext (bulk file)".to_string(),
        _ => "Eurostat Comext".to_string(),
    }
}
