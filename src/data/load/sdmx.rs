//! SDMX-CSV, versions 1.0 (`DATAFLOW,…`) and 2.0 (`STRUCTURE,STRUCTURE_ID,ACTION,…`),
//! as the IMF (trade by partner: `INDICATOR`, `REF_AREA`/`COUNTRY`,
//! `COUNTERPART_AREA`/`COUNTERPART_COUNTRY`) and Eurostat (`ext_st_*`:
//! `stk_flow`, `geo`, `partner`, `indic_et`, `unit`) publish it.
//!
//! Columns are dimension ids, found case-insensitively. Files may be separated
//! by `;`, and then `,` may be the decimal separator.
//!
//! The IMF's SDMX 3.0 API (dataflows of `IMF.STA`, such as
//! `IMF.STA:IMTS(1.0.0)`) writes `OBS_VALUE` in units, with `SCALE` (6) only
//! the scale to display it in: FRA's imports from USA in 2022 are written
//! 56004917567 with SCALE 6. There `SCALE` is not applied (`UNIT_MULT` is).

use foldhash::HashMap;

use super::FileLoad;
use super::error::{LoadError, RowList};
use super::meaning;
use super::table::{DataRow, Table};
use crate::data::model::{
    Area, Currency, Indicator, Measure, Observation, Period, Row, TextId, Texts,
    UNIT_MULT_IN_DOUBT, Unit, counted,
};

/// The column saying which flow a row is, and so who published the file.
#[derive(Clone, Copy)]
enum FlowColumn {
    /// The IMF's `INDICATOR`, such as `TXG_FOB_USD`.
    Imf(usize),
    /// Eurostat's `stk_flow`: `EXP` or `IMP`.
    Eurostat(usize),
}

struct Columns {
    structure: Option<usize>,
    action: Option<usize>,
    time: usize,
    value: usize,
    status: Option<usize>,
    reporter: usize,
    partner: usize,
    flow: FlowColumn,
    indic_et: Option<usize>,
    unit: Option<usize>,
    /// `UNIT_MULT`, else `SCALE`.
    multiplier: Option<usize>,
    /// Whether `multiplier` is `SCALE` (there is no `UNIT_MULT`).
    multiplier_is_scale: bool,
    /// `SCALE` where `UNIT_MULT` is there too: the two must agree.
    second_multiplier: Option<usize>,
}

impl Columns {
    fn find(table: &Table<'_>) -> Result<Self, LoadError> {
        let has = |name: &str| table.column(&[name]).is_some();
        if has("reporter") && has("flow") && has("indicators") {
            return Err(LoadError::at_line(
                table.path(),
                1,
                "a Eurostat Comext table (reporter, partner, product, flow, indicators), not SDMX-CSV by indicator: read it as Eurostat Comext (--format comext)",
            ));
        }
        let flow = match (table.column(&["INDICATOR"]), table.column(&["stk_flow"])) {
            (Some(column), _) => FlowColumn::Imf(column),
            (None, Some(column)) => FlowColumn::Eurostat(column),
            (None, None) => return Err(table.require(&["INDICATOR", "stk_flow"]).unwrap_err()),
        };
        let unit = table.column(&["unit", "currency", "UNIT_MEASURE"]);
        if let (FlowColumn::Eurostat(_), None) = (flow, unit) {
            return Err(LoadError::at_field(
                table.path(),
                1,
                "unit",
                format!(
                    "the header has no 'unit' or 'currency' column, and Eurostat tables are in euros unless a unit says otherwise (found: {})",
                    table.header_text()
                ),
            ));
        }
        Ok(Self {
            structure: table.column(&["DATAFLOW", "STRUCTURE_ID"]),
            action: table.column(&["ACTION"]),
            time: table.require(&["TIME_PERIOD"])?,
            value: table.require(&["OBS_VALUE"])?,
            status: table.column(&["OBS_STATUS"]),
            reporter: table.require(&["REF_AREA", "COUNTRY", "geo"])?,
            partner: table.require(&["COUNTERPART_AREA", "COUNTERPART_COUNTRY", "partner"])?,
            flow,
            indic_et: table.column(&["indic_et"]),
            unit,
            multiplier: table.column(&["UNIT_MULT", "SCALE"]),
            multiplier_is_scale: table.column(&["UNIT_MULT"]).is_none(),
            second_multiplier: table
                .column(&["UNIT_MULT"])
                .and_then(|_| table.column(&["SCALE"])),
        })
    }
}

/// What an ACTION D row deletes by: the figure's indicator, pair and period.
type ObservationKey = (Indicator, Area, Area, Period);

/// Reads an SDMX-CSV 1.0 or 2.0 file, opened at its header.
pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let columns = Columns::find(&table)?;
    let path = table.path();
    let mut load = FileLoad::default();
    if columns.multiplier.is_none() && columns.unit.is_none() {
        // IMF tables are often in millions with the multiplier in its own
        // column; without one, the values can only be read as they stand.
        load.remarks.push(
            "no UNIT_MULT, SCALE or unit column: values are read as whole US dollars".to_string(),
        );
    }
    let mut observations: Vec<Observation> = Vec::new();
    // In a file with ACTION: each key's observations still there, latest
    // last, by index; a deletion marks its observation, and the marked are
    // left out at the end (removing from the middle was quadratic).
    let mut by_key: HashMap<ObservationKey, Vec<usize>> = HashMap::default();
    let mut deleted: Vec<bool> = Vec::new();
    let mut unused = RowList::default();
    // The structure id repeats on every row; its source text is interned once.
    let mut last_source: Option<(String, TextId)> = None;
    // Rows whose UNIT_MULT or SCALE is empty, and the first one's line: read
    // as a file without the column is, and said so.
    let mut no_multiplier: (u64, Option<u64>) = (0, None);
    // Per series, whether a row gives a multiplier, and the rows without one
    // (count, first line): those beside rows with one are in doubt.
    let mut multipliers: HashMap<(Indicator, Area, Area), SeriesMultipliers> = HashMap::default();
    // The first row whose SCALE is the IMF API's display scale, not applied.
    let mut display_scale: Option<u64> = None;
    let fob_note = meaning::FobNote::new(texts);
    table.rows(lenient, &mut load, |row| {
        let mut not_used = |column: usize, reason: String| {
            unused.push(row.error(column, reason));
            Ok(())
        };
        // SDMX 2.0 actions: I(nformation), A(ppend), R(eplace), M(erge)
        // give observations; D(elete) removes an earlier one of the same key.
        let deletion = match columns.action {
            Some(action) => match row.text(Some(action))?.to_ascii_uppercase().as_str() {
                "" | "I" | "A" | "R" | "M" => None,
                "D" => Some(action),
                code => {
                    return Err(row.error(
                        action,
                        format!("unknown ACTION '{code}' (expected I, A, R, M or D)"),
                    ));
                }
            },
            None => None,
        };
        let (flow_column, indicator) = match columns.flow {
            FlowColumn::Imf(column) => (column, imf_flow(row.text(Some(column))?)),
            FlowColumn::Eurostat(column) => (column, eurostat_flow(row.text(Some(column))?)),
        };
        let indicator = match indicator {
            Ok(indicator) => indicator,
            Err(reason) => return not_used(flow_column, reason),
        };
        if let Some(column) = columns.indic_et {
            let code = row.text(Some(column))?;
            if !code.is_empty() && !code.eq_ignore_ascii_case("TRD_VAL") {
                return not_used(
                    column,
                    format!("indic_et '{code}' is not the trade value (TRD_VAL)"),
                );
            }
        }
        let (unit_power, currency) = match unit_power(row, &columns)? {
            Ok(power) => power,
            Err(reason) => return not_used(columns.unit.unwrap_or(columns.value), reason),
        };
        let value_text = row.text(Some(columns.value))?;
        if deletion.is_none() && ["", "NaN", "NA", ":"].contains(&value_text) {
            let status = row.text(columns.status)?;
            let reason = if status.is_empty() {
                "no value (a missing observation)".to_string()
            } else {
                format!("no value (a missing observation, OBS_STATUS '{status}')")
            };
            return not_used(columns.value, reason);
        }
        let Some(reporter) = row.area(columns.reporter, &mut unused)? else {
            return Ok(());
        };
        let Some(partner) = row.partner(columns.partner, reporter, &mut unused)? else {
            return Ok(());
        };
        let time = row.text(Some(columns.time))?;
        let period = Period::parse(time).map_err(|e| row.error(columns.time, e.to_string()))?;
        if let Some(action) = deletion {
            // The latest observation of the key read before goes: its row is
            // then not used, and says why.
            let latest = by_key
                .get_mut(&(indicator, reporter, partner, period))
                .and_then(Vec::pop);
            let reason = match latest {
                Some(at) => {
                    deleted[at] = true;
                    let line = u64::from(observations[at].row.0);
                    unused.push(LoadError::at_line(
                        path,
                        line,
                        format!("deleted by the ACTION D row on line {}", row.line),
                    ));
                    format!("a deletion (ACTION D) of the observation on line {line}")
                }
                None => "a deletion (ACTION D) of no observation read before".to_string(),
            };
            unused.push(row.error(action, reason));
            return Ok(());
        }
        let mut empty_multiplier = false;
        let multiplier = match columns.multiplier {
            Some(_)
                if columns.multiplier_is_scale
                    && is_imf_api(row.text(columns.structure)?) =>
            {
                display_scale.get_or_insert(row.line);
                0
            }
            Some(column) => {
                let series = multipliers
                    .entry((indicator, reporter, partner))
                    .or_default();
                if row.text(Some(column))?.is_empty() {
                    no_multiplier.0 += 1;
                    no_multiplier.1.get_or_insert(row.line);
                    series.empty += 1;
                    series.first_empty.get_or_insert(row.line);
                    empty_multiplier = true;
                } else {
                    series.given = true;
                }
                let power = multiplier(row, column)?;
                if let Some(scale) = columns.second_multiplier
                    && !row.text(Some(scale))?.is_empty()
                    && multiplier(row, scale)? != power
                {
                    return Err(row.error(
                        scale,
                        "SCALE and UNIT_MULT give different powers of ten: which one holds is not known",
                    ));
                }
                power
            }
            None => 0,
        };
        let (value, unit) = scaled(
            row.number(columns.value)?,
            unit_power + multiplier,
            currency,
        );
        meaning::value_fits(Measure::level(indicator), value, unit)
            .map_err(|problem| row.error(columns.value, problem))?;
        let source = match &last_source {
            Some((raw, id)) if raw == row.text(columns.structure)? => *id,
            _ => {
                let raw = row.text(columns.structure)?;
                let id = texts.intern(&source_text(raw, columns.flow));
                last_source = Some((raw.to_string(), id));
                id
            }
        };
        if columns.action.is_some() {
            by_key
                .entry((indicator, reporter, partner, period))
                .or_default()
                .push(observations.len());
            deleted.push(false);
        }
        observations.push(Observation {
            measure: Measure::level(indicator),
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
        if empty_multiplier && let Some(series) = multipliers.get_mut(&(indicator, reporter, partner)) {
            series.figures.push(observations.len() - 1);
        }
        Ok(())
    })?;
    if let (count, Some(first)) = no_multiplier {
        load.remarks.push(format!(
            "{} with an empty UNIT_MULT or SCALE (first: line {first}): read as whole US dollars, as in a file without the column",
            counted(count, "row")
        ));
    }
    let mut in_doubt: Vec<_> = multipliers
        .into_iter()
        .filter_map(|(series, rows)| {
            let first = rows.first_empty.filter(|_| rows.given)?;
            Some((first, rows.empty, series, rows.figures))
        })
        .collect();
    in_doubt.sort_unstable();
    // The figures in doubt carry it in their note, for the views to mark.
    let mut doubtful = HashMap::<TextId, TextId>::default();
    for (_, _, _, figures) in &in_doubt {
        for &index in figures {
            let before = observations[index].note;
            observations[index].note = *doubtful.entry(before).or_insert_with(|| {
                let text = match texts.get(before) {
                    "" => UNIT_MULT_IN_DOUBT.to_string(),
                    note => format!("{note}; {UNIT_MULT_IN_DOUBT}"),
                };
                texts.intern(&text)
            });
        }
    }
    load.warnings = in_doubt
        .into_iter()
        .map(|(first, count, (indicator, reporter, partner), _)| {
            let rows = counted(count, "row");
            let problem = format!(
                "{} {reporter}–{partner}: {rows} with an empty UNIT_MULT or SCALE where the series' other rows have one: read as whole US dollars, perhaps off by a power of ten",
                indicator.code()
            );
            LoadError::at_line(path, first, problem)
        })
        .collect();
    if let Some(first) = display_scale {
        load.remarks.push(format!(
            "SCALE is the display scale of the IMF's SDMX 3.0 API, whose OBS_VALUE is in units: not applied (first: line {first})"
        ));
    }
    if deleted.contains(&true) {
        let mut kept = deleted.iter().map(|&gone| !gone);
        observations.retain(|_| kept.next().unwrap_or(true));
    }
    load.observations = observations;
    load.unused = unused;
    Ok(load)
}

/// A series' unit multipliers: whether a row gives one, and the rows that
/// leave it empty (how many, the first's line).
#[derive(Default)]
struct SeriesMultipliers {
    given: bool,
    empty: u64,
    first_empty: Option<u64>,
    /// The figures of the rows that leave it empty, by index.
    figures: Vec<usize>,
}

/// A dataflow of the IMF's SDMX 3.0 API (`IMF.STA:IMTS(1.0.0)`).
fn is_imf_api(structure: &str) -> bool {
    structure
        .get(..8)
        .is_some_and(|agency| agency.eq_ignore_ascii_case("IMF.STA:"))
}

pub(super) fn imf_flow(code: &str) -> Result<Indicator, String> {
    match code.to_ascii_uppercase().as_str() {
        "TXG_FOB_USD" | "XG_FOB_USD" => Ok(Indicator::Exports),
        "TMG_CIF_USD" | "MG_CIF_USD" => Ok(Indicator::Imports),
        "TMG_FOB_USD" | "MG_FOB_USD" => Ok(Indicator::ImportsFob),
        "TBG_USD" => Err("balance is derived from exports and imports".into()),
        _ => Err(format!(
            "indicator '{code}' is neither exports (TXG_FOB_USD, XG_FOB_USD) nor imports (TMG_CIF_USD, MG_CIF_USD; FOB: TMG_FOB_USD, MG_FOB_USD)"
        )),
    }
}

fn eurostat_flow(code: &str) -> Result<Indicator, String> {
    match code.to_ascii_uppercase().as_str() {
        "EXP" => Ok(Indicator::Exports),
        "IMP" => Ok(Indicator::Imports),
        _ => Err(format!(
            "flow '{code}' is neither exports (EXP) nor imports (IMP)"
        )),
    }
}

/// The power of ten the unit column's prefix implies (`MIO_USD` is 6) and
/// the currency, or why the row is not used (a national currency). A unit
/// no publisher uses is a malformed row.
fn unit_power(
    row: &DataRow<'_>,
    columns: &Columns,
) -> Result<Result<(i32, Currency), String>, LoadError> {
    let Some(column) = columns.unit else {
        // The IMF's indicator names the dollar (TXG_FOB_USD).
        return Ok(Ok((0, Currency::Usd)));
    };
    let code = row.text(Some(column))?;
    let upper = code.to_ascii_uppercase();
    let (power, currency) = [("THS_", 3), ("MIO_", 6), ("BIO_", 9), ("BN_", 9)]
        .iter()
        .find_map(|(prefix, power)| Some((*power, upper.strip_prefix(prefix)?)))
        .unwrap_or((0, upper.as_str()));
    match currency {
        "USD" => Ok(Ok((power, Currency::Usd))),
        "" if matches!(columns.flow, FlowColumn::Imf(_)) => Ok(Ok((0, Currency::Usd))),
        // ECU_EUR: ECU until 1998, then euros, which replaced the ECU one for one.
        "EUR" | "ECU_EUR" => Ok(Ok((power, Currency::Eur))),
        "NAC" | "XDC" => Ok(Err(
            "values in national currency: the native units are USD, CNY and EUR".into(),
        )),
        _ => Err(row.error(
            column,
            format!("unknown unit '{code}' (expected USD, THS_USD, MIO_USD, or a euro unit such as MIO_EUR)"),
        )),
    }
}

pub(super) fn multiplier(row: &DataRow<'_>, column: usize) -> Result<i32, LoadError> {
    let text = row.text(Some(column))?;
    if text.is_empty() {
        return Ok(0);
    }
    text.parse::<i32>()
        .ok()
        .filter(|power| (-12..=12).contains(power))
        .ok_or_else(|| {
            row.error(
                column,
                format!(
                    "'{text}' is not a power of ten (expected a whole number from -12 to 12, such as 6)"
                ),
            )
        })
}

/// Keeps the published value where a native unit of the currency fits the
/// power of ten (thousands, millions, billions), else converts it to the
/// currency's base unit.
pub(super) fn scaled(value: f64, power: i32, currency: Currency) -> (f64, Unit) {
    match Unit::of_power(currency, power) {
        Some(unit) => (value, unit),
        None => (value * 10f64.powi(power), Unit::base(currency)),
    }
}

/// The agency and the dataflow's id, without its version: `ESTAT` and
/// `DS-045409` from `ESTAT:DS-045409(1.0)`.
pub(super) fn dataflow_id(structure: &str) -> (&str, &str) {
    let (agency, rest) = structure.split_once(':').unwrap_or(("", structure));
    (agency, rest.split('(').next().unwrap_or_default().trim())
}

/// "IMF IMTS" from `IMF.STA:IMTS(1.0.0)`, "Eurostat EXT_ST_EU27_2020SITC"
/// from `ESTAT:EXT_ST_EU27_2020SITC(1.0)`.
fn source_text(structure: &str, flow: FlowColumn) -> String {
    let (agency, id) = dataflow_id(structure);
    let publisher = if agency.to_ascii_uppercase().starts_with("ESTAT") {
        "Eurostat"
    } else if agency.to_ascii_uppercase().starts_with("IMF") {
        "IMF"
    } else {
        match flow {
            FlowColumn::Imf(_) => "IMF",
            FlowColumn::Eurostat(_) => "Eurostat",
        }
    };
    if id.is_empty() {
        publisher.to_string()
    } else {
        format!("{publisher} {id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powers_of_ten_keep_published_values_where_a_unit_fits() {
        let usd = Currency::Usd;
        assert_eq!(scaled(1.5, 6, usd), (1.5, Unit::UsdMn));
        assert_eq!(scaled(2.0, 9, usd), (2.0, Unit::UsdBn));
        assert_eq!(scaled(7.0, 0, usd), (7.0, Unit::Usd));
        assert_eq!(scaled(1.25, 2, usd), (125.0, Unit::Usd));
        assert_eq!(scaled(3.5, 3, Currency::Eur), (3.5, Unit::EurK));
        assert_eq!(scaled(4.0, 12, Currency::Eur), (4e12, Unit::Eur));
    }

    #[test]
    fn sources_name_the_publisher_and_dataflow() {
        assert_eq!(
            source_text("IMF.STA:IMTS(1.0.0)", FlowColumn::Imf(0)),
            "IMF IMTS"
        );
        assert_eq!(
            source_text("ESTAT:EXT_ST_EU27_2020SITC(1.0)", FlowColumn::Eurostat(0)),
            "Eurostat EXT_ST_EU27_2020SITC"
        );
        assert_eq!(source_text("", FlowColumn::Eurostat(0)), "Eurostat");
    }
}
