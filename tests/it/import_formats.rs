//! The Comtrade and SDMX-CSV loaders against fixtures with real export headers.

use std::sync::atomic::AtomicU64;

use eurasia_dash::data::load::FileLoad;
use eurasia_dash::data::load::format::{self, Format};
use eurasia_dash::data::model::Texts;
use eurasia_dash::data::{
    Area, Currency, Indicator, LoadError, Measure, Observation, Period, Unit,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_bytes(name: &str, bytes: &[u8], lenient: bool) -> Result<(FileLoad, Texts), LoadError> {
    let mut texts = Texts::default();
    let format = format::detect(name, bytes)?;
    let load = format::parse_as(format, name, bytes, &mut texts, lenient)?;
    Ok((load, texts))
}

fn load(name: &str) -> (FileLoad, Texts) {
    load_bytes(name, &fixture(name), false).unwrap_or_else(|e| panic!("{e}"))
}

fn strict_error(name: &str) -> String {
    load_bytes(name, &fixture(name), false)
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

fn area(code: &str) -> Area {
    Area::parse(code).unwrap()
}

fn period(text: &str) -> Period {
    Period::parse(text).unwrap()
}

/// The one observation of a flow between two areas in a period.
fn find<'a>(
    load: &'a FileLoad,
    indicator: Indicator,
    reporter: &str,
    partner: &str,
    when: &str,
) -> &'a Observation {
    let matches: Vec<&Observation> = load
        .observations
        .iter()
        .filter(|o| {
            o.measure == Measure::level(indicator)
                && o.reporter == area(reporter)
                && o.partner == area(partner)
                && o.period == period(when)
        })
        .collect();
    assert_eq!(
        matches.len(),
        1,
        "{indicator:?} {reporter}-{partner} {when} in {:#?}",
        load.observations
    );
    matches[0]
}

/// (line, field, reason) of each unused row, for comparing with expectations.
fn unused(load: &FileLoad) -> Vec<(u64, String, String)> {
    load.unused
        .listed
        .iter()
        .map(|e| (e.line.unwrap(), e.field.clone().unwrap(), e.problem.clone()))
        .collect()
}

fn assert_unused(load: &FileLoad, line: u64, field: &str, reason_part: &str) {
    let found = unused(load);
    assert!(
        found
            .iter()
            .any(|(l, f, r)| *l == line && f == field && r.contains(reason_part)),
        "no unused row at line {line}, field {field}, with '{reason_part}' in {found:#?}"
    );
}

#[test]
fn detects_the_format_of_every_fixture() {
    let expected = [
        ("comtrade_plus.csv", Format::Comtrade),
        ("comtrade_commodities.csv", Format::Comtrade),
        ("comtrade_legacy_bulk.csv", Format::ComtradeLegacy),
        ("comtrade_legacy_api.csv", Format::ComtradeLegacy),
        ("sdmx1_imf.csv", Format::Sdmx),
        ("sdmx2_unit_mult.csv", Format::Sdmx),
        ("sdmx_semicolon.csv", Format::Sdmx),
        ("eurostat.csv", Format::Sdmx),
    ];
    for (name, format) in expected {
        assert_eq!(format::detect(name, &fixture(name)), Ok(format), "{name}");
    }
    let native = b"indicator,reporter,partner,period,value,unit\nexports,CHN,RUS,2019,1,USD_BN\n";
    let (load, _) = load_bytes("n.csv", native, false).unwrap();
    assert_eq!(load.observations[0].unit, Unit::UsdBn);
}

#[test]
fn an_unknown_header_names_the_formats_and_quotes_the_header() {
    let message = strict_error("unknown_header.csv");
    assert!(
        message.starts_with("unknown_header.csv:1: the header matches no format understood:"),
        "{message}"
    );
    for part in [
        "native (indicator,reporter,partner,period,value,unit)",
        "UN Comtrade (typeCode,freqCode",
        "UN Comtrade legacy (Classification,Year,Period",
        "SDMX-CSV 1.0 (DATAFLOW",
        "2.0 (STRUCTURE,STRUCTURE_ID,ACTION",
        "found 'Date,Country,Exports (USD)'",
    ] {
        assert!(message.contains(part), "'{part}' not in {message}");
    }
}

#[test]
fn comtrade_plus_keeps_totals_of_exports_and_imports() {
    let (load, texts) = load("comtrade_plus.csv");
    assert_eq!(load.rows, 9);
    assert_eq!(load.observations.len(), 5);
    assert!((load.skipped.count == 0) && load.remarks.is_empty());

    let exports = find(&load, Indicator::Exports, "CHN", "RUS", "2023");
    assert_eq!(
        (exports.value, exports.unit),
        (110_972_000_000.0, Unit::Usd)
    );
    assert_eq!(exports.row.0, 2);
    assert_eq!(texts.get(exports.source), "UN Comtrade");
    let imports = find(&load, Indicator::Imports, "CHN", "RUS", "2023");
    assert_eq!({ imports.value }, 129_139_000_000.5);
    // Partner W00 with partnerCode 0 is the world.
    let world = find(&load, Indicator::Exports, "CHN", "WLD", "2023");
    assert_eq!({ world.value }, 3_380_024_000_000.0);
    // freqCode M: the period column 202004 is April 2020.
    let monthly = find(&load, Indicator::Imports, "KAZ", "CHN", "2020-04");
    assert_eq!({ monthly.value }, 1_234_567.25);
    // A quoted description with a comma ("Rep. of Korea") does not shift columns.
    assert_eq!(
        { find(&load, Indicator::Exports, "KOR", "RUS", "2023").value },
        6e9
    );

    assert_eq!(load.unused.count, 4, "{:#?}", unused(&load));
    assert_unused(
        &load,
        5,
        "cmdCode",
        "commodity detail; the file's TOTAL row is used",
    );
    assert_unused(
        &load,
        6,
        "flowCode",
        "re-exports (RX) are not added into exports",
    );
    assert_unused(
        &load,
        7,
        "partnerISO",
        "'S19' is a regional or statistical aggregate",
    );
    assert_unused(
        &load,
        8,
        "motCode",
        "broken down by mode of transport ('2100')",
    );
}

#[test]
fn comtrade_commodity_rows_short_of_every_chapter_are_not_total_trade() {
    // 5 of the 96 HS chapters: no sum of them is a total.
    let (load, _) = load("comtrade_commodities.csv");
    assert!(load.observations.is_empty(), "{:#?}", load.observations);
    assert_eq!(
        load.remarks,
        [
            "no total-trade rows: the file's 6 rows of exports and imports are by commodity, and no total is made of them (each group is listed with its reason)"
        ]
    );
    // Three groups listed once each, with all their rows counted, and a re-export.
    assert_eq!(load.unused.count, 7, "{:#?}", unused(&load));
    assert_eq!(load.unused.listed.len(), 4);
    assert_unused(
        &load,
        2,
        "cmdCode",
        "3 of 96 HS (H6) chapters (27, 84, 85): not total trade",
    );
    assert_unused(
        &load,
        5,
        "cmdCode",
        "2 of 96 HS (H6) chapters (27, 44): not total trade",
    );
    assert_unused(&load, 7, "cmdCode", "1 of 96 HS (H6) chapters (26)");
    assert_unused(&load, 8, "flowCode", "re-exports");
}

#[test]
fn comtrade_commodity_rows_of_mixed_levels_are_not_summed() {
    let text = String::from_utf8(fixture("comtrade_commodities.csv")).unwrap();
    let mixed = text.replacen(",84,All Commodities,2,", ",8471,All Commodities,4,", 1);
    assert_ne!(mixed, text);
    let (load, _) = load_bytes("mixed.csv", mixed.as_bytes(), false).unwrap();
    for line in [2, 3, 4] {
        assert_unused(
            &load,
            line,
            "cmdCode",
            "aggregation levels 2, 4 and no TOTAL row",
        );
    }
    assert!(load.observations.is_empty());
}

#[test]
fn legacy_bulk_layout_reads_flows_by_number() {
    let (load, texts) = load("comtrade_legacy_bulk.csv");
    let exports = find(&load, Indicator::Exports, "CHN", "RUS", "2019");
    assert_eq!((exports.value, exports.unit), (49_485_000_000.0, Unit::Usd));
    assert_eq!(texts.get(exports.source), "UN Comtrade");
    assert_eq!(
        { find(&load, Indicator::Imports, "CHN", "RUS", "2019").value },
        61_054_000_000.0
    );
    assert_eq!(
        { find(&load, Indicator::Exports, "KAZ", "WLD", "2019-07").value },
        4.5e9
    );
    assert_eq!(load.observations.len(), 3);
    assert_unused(&load, 4, "Trade Flow Code", "re-exports (trade flow 3)");
    assert_unused(&load, 6, "Trade Flow Code", "re-imports (trade flow 4)");
    assert_eq!(load.unused.count, 2);
}

#[test]
fn legacy_api_layout_does_not_take_some_chapters_for_a_total() {
    let (load, _) = load("comtrade_legacy_api.csv");
    assert!(load.observations.is_empty());
    assert_unused(
        &load,
        2,
        "Commodity Code",
        "2 of 96 HS (H4) chapters (01, 02): not total trade",
    );
    assert_unused(
        &load,
        4,
        "Commodity Code",
        "1 of 96 HS (H4) chapters (01): not total trade",
    );
    assert_eq!(load.unused.count, 3);
}

#[test]
fn sdmx_1_imf_maps_indicators_areas_and_periods() {
    let (load, texts) = load("sdmx1_imf.csv");
    let exports = find(&load, Indicator::Exports, "CHN", "RUS", "2019");
    assert_eq!((exports.value, exports.unit), (49_485.25, Unit::Usd));
    assert_eq!(texts.get(exports.source), "IMF DOT");
    assert_eq!(
        { find(&load, Indicator::Imports, "CHN", "RUS", "2019").value },
        61_054.5
    );
    assert_eq!(
        { find(&load, Indicator::Exports, "CHN", "WLD", "2019-Q3").value },
        650_000.0
    );
    assert_eq!(
        { find(&load, Indicator::Exports, "KAZ", "CHN", "2019-07").value },
        812.5
    );
    assert_eq!(load.observations.len(), 4);
    assert_unused(
        &load,
        4,
        "INDICATOR",
        "balance is derived from exports and imports",
    );
    assert_unused(
        &load,
        7,
        "OBS_VALUE",
        "no value (a missing observation, OBS_STATUS 'M')",
    );
    assert_unused(
        &load,
        8,
        "COUNTERPART_AREA",
        "'G110' is a regional or statistical aggregate",
    );
    assert_eq!(load.unused.count, 3);
}

#[test]
fn sdmx_2_unit_multipliers_keep_published_values() {
    let (load, texts) = load("sdmx2_unit_mult.csv");
    let exports = find(&load, Indicator::Exports, "CHN", "RUS", "2023");
    assert_eq!((exports.value, exports.unit), (110_972.1, Unit::UsdMn));
    assert_eq!(texts.get(exports.source), "IMF IMTS");
    let imports = find(&load, Indicator::Imports, "CHN", "RUS", "2023");
    assert_eq!((imports.value, imports.unit), (129.139, Unit::UsdBn));
    let quarter = find(&load, Indicator::Exports, "RUS", "WLD", "2023-Q1");
    assert_eq!((quarter.value, quarter.unit), (99_000.0, Unit::UsdK));
    let month = find(&load, Indicator::Exports, "KAZ", "CHN", "2023-05");
    assert_eq!((month.value, month.unit), (1_500_000.0, Unit::Usd));
    // No native unit for hundreds: the value is converted to dollars.
    let hundreds = find(&load, Indicator::Imports, "KGZ", "CHN", "2023");
    assert_eq!((hundreds.value, hundreds.unit), (1250.0, Unit::Usd));
    assert_unused(&load, 7, "ACTION", "a deletion");
    assert_eq!(load.observations.len(), 5);
}

#[test]
fn sdmx_with_semicolons_reads_decimal_commas() {
    let (load, _) = load("sdmx_semicolon.csv");
    let exports = find(&load, Indicator::Exports, "RUS", "CHN", "2021");
    assert_eq!((exports.value, exports.unit), (68.25, Unit::UsdBn));
    let imports = find(&load, Indicator::Imports, "RUS", "CHN", "2021");
    assert_eq!((imports.value, imports.unit), (1234.5, Unit::UsdMn));
    assert_eq!(
        { find(&load, Indicator::Exports, "UZB", "RUS", "2021-Q2").value },
        12.75
    );
}

#[test]
fn eurostat_tables_map_codes_and_read_euros_as_euros() {
    let (load, texts) = load("eurostat.csv");
    // The same flow in euros and in dollars: two figures, never one.
    let in_currency = |currency| {
        let found: Vec<&Observation> = load
            .observations
            .iter()
            .filter(|o| o.reporter == area("EU") && o.partner == area("CHN"))
            .filter(|o| o.currency == currency)
            .collect();
        assert_eq!(found.len(), 1, "{currency:?}");
        (found[0].value, found[0].unit)
    };
    assert_eq!(in_currency(Currency::Usd), (241_700.5, Unit::UsdMn));
    assert_eq!(in_currency(Currency::Eur), (223_554.2, Unit::EurMn));
    let exports = find(&load, Indicator::Imports, "EU", "WLD", "2023");
    assert_eq!(texts.get(exports.source), "Eurostat EXT_ST_EU27_2020SITC");
    // The EU's trade with countries outside it is, natively, its trade with WLD.
    assert_eq!(
        { find(&load, Indicator::Imports, "EU", "WLD", "2023").value },
        2_755_000.0
    );
    // Eurostat writes Greece as EL.
    let greece = find(&load, Indicator::Exports, "GRC", "RUS", "2023");
    assert_eq!((greece.value, greece.unit), (850_000.0, Unit::UsdK));
    assert_eq!(load.observations.len(), 4);
    assert_unused(
        &load,
        6,
        "stk_flow",
        "flow 'BAL_RT' is neither exports (EXP) nor imports (IMP)",
    );
    assert_unused(
        &load,
        7,
        "indic_et",
        "indic_et 'SHA_TOT' is not the trade value (TRD_VAL)",
    );
    assert_unused(&load, 8, "partner", "only when the EU reports it");
    assert_eq!(load.unused.count, 3);
}

#[test]
fn eurostat_without_a_unit_column_is_refused() {
    let bytes =
        b"DATAFLOW,stk_flow,partner,geo,TIME_PERIOD,OBS_VALUE\nESTAT:X(1.0),EXP,CN,DE,2023,1\n";
    let message = load_bytes("eu.csv", bytes, true)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("eu.csv:1: field 'unit': the header has no 'unit'"),
        "{message}"
    );
}

#[test]
fn bad_numbers_periods_and_codes_name_file_line_and_field() {
    let cases = [
        (
            "bad_number_sdmx.csv",
            "bad_number_sdmx.csv:3: field 'OBS_VALUE': '1 234' is not a number",
            1,
        ),
        (
            "bad_period_sdmx.csv",
            "bad_period_sdmx.csv:3: field 'TIME_PERIOD': '2019-13' is not a period",
            2,
        ),
        (
            "bad_number_comtrade.csv",
            "bad_number_comtrade.csv:3: field 'primaryValue': '12,5e3' is not a number",
            1,
        ),
        (
            "bad_area_legacy.csv",
            "bad_area_legacy.csv:2: field 'Partner ISO': 'RUQ' is not an area code",
            0,
        ),
    ];
    for (name, expected, kept) in cases {
        let message = strict_error(name);
        assert!(message.starts_with(expected), "{message}");
        // Lenient mode skips the row, keeps the rest, and still says where.
        match load_bytes(name, &fixture(name), true) {
            Ok((load, _)) => {
                assert_eq!(load.observations.len(), kept, "{name}");
                assert_eq!(load.skipped.count, 1, "{name}");
                assert!(load.skipped.listed[0].to_string().starts_with(expected));
            }
            Err(error) => panic!("{name} in lenient mode: {error}"),
        }
    }
}

#[test]
fn wrong_field_counts_and_bad_bytes_are_located() {
    let extra = b"DATAFLOW,REF_AREA,INDICATOR,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE\nIMF:DOT,CN,TXG_FOB_USD,RU,2019,10\nIMF:DOT,CN,TXG_FOB_USD,RU,2019,10,5\n";
    let message = load_bytes("x.csv", extra, false)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "x.csv:3: the row has 7 fields but the header has 6"
    );

    let bad_byte = b"DATAFLOW,REF_AREA,INDICATOR,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE\nIMF:DOT,C\xffN,TXG_FOB_USD,RU,2019,10\n";
    let message = load_bytes("y.csv", bad_byte, false)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("y.csv:2: field 'REF_AREA': not valid UTF-8"),
        "{message}"
    );

    let bad_freq = String::from_utf8(fixture("comtrade_plus.csv"))
        .unwrap()
        .replacen("C,A,20230101", "C,Q,20230101", 1);
    let message = load_bytes("z.csv", bad_freq.as_bytes(), false)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("z.csv:2: field 'freqCode': unknown frequency 'Q'"),
        "{message}"
    );
}

#[test]
fn a_comtrade_format_named_by_the_user_reads_either_layout() {
    let mut texts = Texts::default();
    let forced: Format = "comtrade".parse().unwrap();
    for name in ["comtrade_plus.csv", "comtrade_legacy_bulk.csv"] {
        let load = format::parse_as(forced, name, &fixture(name), &mut texts, false).unwrap();
        assert!(!load.observations.is_empty(), "{name}");
    }
    let error = format::parse_as(
        forced,
        "s.csv",
        &fixture("sdmx1_imf.csv"),
        &mut texts,
        false,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "s.csv:1: the header is that of SDMX-CSV, not UN Comtrade"
    );
}

/// Gives at most a few bytes a read, so that records fall across reads.
struct Trickle<'a>(&'a [u8]);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = 3.min(buf.len()).min(self.0.len());
        buf[..read].copy_from_slice(&self.0[..read]);
        self.0 = &self.0[read..];
        Ok(read)
    }
}

#[test]
fn a_streamed_file_reads_as_the_same_file_in_memory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // A directory of Parquet part files is no stream.
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        // Bytes, not text: some fixtures hold Latin-1 on purpose.
        let original = std::fs::read(&path).unwrap();
        let line_ends_as = |end: &[u8]| -> Vec<u8> {
            original
                .iter()
                .flat_map(|&b| if b == b'\n' { end.to_vec() } else { vec![b] })
                .collect()
        };
        let variants = [
            ("", original.clone()),
            ("with CRLF", line_ends_as(b"\r\n")),
            ("with blank lines", line_ends_as(b"\n\r\n\n")),
        ];
        for (variant, bytes) in variants {
            let bytes = &bytes[..];
            let Ok(format) = format::detect(&name, bytes) else {
                continue;
            };
            for lenient in [false, true] {
                let mut texts = Texts::default();
                let in_memory = format::parse_as(format, &name, bytes, &mut texts, lenient);
                let mut streamed_texts = Texts::default();
                let read = AtomicU64::default();
                let streamed = format::parse_reader_as(
                    format,
                    &name,
                    Trickle(bytes),
                    &read,
                    &mut streamed_texts,
                    lenient,
                );
                // A file read to its end is counted for the gauge, each byte once.
                if streamed.is_ok() {
                    assert_eq!(read.into_inner(), bytes.len() as u64, "{name} {variant}");
                }
                assert_eq!(
                    format!("{streamed:?}"),
                    format!("{in_memory:?}"),
                    "{name} {variant}, lenient {lenient}"
                );
            }
        }
    }
}
