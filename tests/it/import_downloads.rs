//! Quirks of real Comtrade downloads, each reproduced byte for byte by a
//! fixture of test data (tests/fixtures/import/README.md), with figures
//! worked by hand.

use eurasia_dash::data::load::FileLoad;
use eurasia_dash::data::load::format::{self, Format};
use eurasia_dash::data::model::Texts;
use eurasia_dash::data::{Area, Indicator, LoadError, Measure, Period};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn load_bytes(name: &str, bytes: &[u8]) -> Result<(FileLoad, Texts), LoadError> {
    let mut texts = Texts::default();
    let format = format::detect(name, bytes)?;
    let load = format::parse_as(format, name, bytes, &mut texts, false)?;
    Ok((load, texts))
}

fn load(name: &str) -> (FileLoad, Texts) {
    load_bytes(name, &fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The value of the one figure of a flow, if there is one.
fn value(load: &FileLoad, indicator: Indicator, pair: &str, when: &str) -> Option<f64> {
    let (reporter, partner) = pair.split_once('-').unwrap();
    let found: Vec<f64> = load
        .observations
        .iter()
        .filter(|o| {
            o.measure == Measure::level(indicator)
                && o.reporter == Area::parse(reporter).unwrap()
                && o.partner == Area::parse(partner).unwrap()
                && o.period == Period::parse(when).unwrap()
        })
        .map(|o| o.value)
        .collect();
    assert!(found.len() <= 1, "{pair} {when}: {found:?}");
    found.first().copied()
}

/// "line N, field F: reason" of each row listed as not used.
fn unused(load: &FileLoad) -> Vec<String> {
    load.unused
        .listed
        .iter()
        .map(|e| {
            format!(
                "line {}, field {}: {}",
                e.line.unwrap(),
                e.field.clone().unwrap(),
                e.problem
            )
        })
        .collect()
}

#[test]
fn the_comtrade_plus_website_download_loads() {
    // A trailing comma on every data row, CRLF, a Latin-1 byte in partnerDesc.
    let bytes = fixture("comtradeplus_website.csv");
    assert!(
        bytes.windows(3).any(|w| w == b",\r\n"),
        "trailing commas and CRLF"
    );
    assert!(bytes.contains(&0xF4), "the Latin-1 ô of Côte d'Ivoire");
    assert_eq!(format::detect("w.csv", &bytes), Ok(Format::Comtrade));
    let (load, _) = load("comtradeplus_website.csv");
    assert_eq!(load.rows, 6);
    assert_eq!(
        value(&load, Indicator::Exports, "CHN-RUS", "2022"),
        Some(61e9)
    );
    assert_eq!(
        value(&load, Indicator::Imports, "CHN-RUS", "2022"),
        Some(72.5e9)
    );
    assert_eq!(
        value(&load, Indicator::Exports, "CHN-CIV", "2022"),
        Some(1.25e9)
    );
    assert_eq!(load.observations.len(), 3);
    assert_eq!(
        load.remarks,
        [
            "1 row holds text that is not UTF-8 (first: line 4, field 'partnerDesc'): descriptions are read as Windows-1252 (Latin-1); codes and numbers are checked as written"
        ]
    );
    assert_eq!(
        unused(&load),
        [
            "line 5, field partnerISO: 'S19' is a regional or statistical aggregate, not a country",
            "line 6, field partnerISO: 'X1' is a regional or statistical aggregate, not a country",
            "line 7, field partnerISO: '_X' is a regional or statistical aggregate, not a country",
        ]
    );
}

#[test]
fn a_latin1_byte_in_a_code_or_number_is_still_an_error() {
    let bytes = fixture("comtradeplus_website.csv");
    // Line 2's primaryValue, just before its legacyEstimationFlag, with a
    // Latin-1 superscript two (0xB2) in place of its last digit.
    let value = b"\"61000000000\",\"4\"";
    let at = bytes.windows(value.len()).position(|w| w == value).unwrap();
    let mut bad = bytes.clone();
    bad[at + 11] = 0xB2;
    let message = load_bytes("w.csv", &bad)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("w.csv:2: field 'primaryValue': not valid UTF-8"),
        "{message}"
    );
}

#[test]
fn a_trailing_comma_beyond_the_header_is_no_error_but_a_value_there_is() {
    let native =
        b"indicator,reporter,partner,period,value,unit\r\nexports,CHN,RUS,2019,1.5,USD_BN,\r\n";
    let (load, _) = load_bytes("n.csv", native).unwrap();
    assert_eq!(
        value(&load, Indicator::Exports, "CHN-RUS", "2019"),
        Some(1.5)
    );
    let extra =
        b"indicator,reporter,partner,period,value,unit\nexports,CHN,RUS,2019,1.5,USD_BN,x\n";
    let message = load_bytes("n.csv", extra)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "n.csv:2: the row has 7 fields but the header has 6"
    );
    let sdmx = b"DATAFLOW,REF_AREA,INDICATOR,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE\nIMF:DOT,CN,TXG_FOB_USD,RU,2019,10,\n";
    let (load, _) = load_bytes("s.csv", sdmx).unwrap();
    assert_eq!(
        value(&load, Indicator::Exports, "CHN-RUS", "2019"),
        Some(10.0)
    );
}

#[test]
fn blank_iso_columns_are_resolved_from_comtrades_numeric_codes() {
    let (load, _) = load("comtrade_numeric_codes.csv");
    // 842 is Comtrade's United States, 699 its India, 0 the world.
    assert_eq!(
        value(&load, Indicator::Imports, "CHN-USA", "2022"),
        Some(164e9)
    );
    assert_eq!(
        value(&load, Indicator::Exports, "CHN-USA", "2022"),
        Some(500e9)
    );
    assert_eq!(
        value(&load, Indicator::Exports, "CHN-WLD", "2022"),
        Some(3.5e12)
    );
    assert_eq!(
        value(&load, Indicator::Exports, "IND-RUS", "2022"),
        Some(4e9)
    );
    assert_eq!(load.observations.len(), 4);
    assert_eq!(
        unused(&load),
        [
            "line 6, field partnerCode: 'Other Asia, nes' (490) is a regional or statistical aggregate, a special category or a former area, not a country",
            "line 7, field cmdCode: HS (H6) headings 8542: not total trade (only a TOTAL row, or every HS chapter or SITC Rev. 3 or 4 section or division, makes a total)",
        ]
    );
}

#[test]
fn an_unknown_numeric_code_with_a_blank_iso_code_is_an_error() {
    let text = String::from_utf8(fixture("comtrade_numeric_codes.csv")).unwrap();
    let bad = text.replacen(",M,,842,", ",M,,1234,", 1);
    assert_ne!(bad, text);
    let message = load_bytes("c.csv", bad.as_bytes())
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "c.csv:2: field 'partnerCode': '1234' is not a UN Comtrade area code, and the ISO code is blank"
    );
}

#[test]
fn services_are_not_merchandise_trade() {
    let (load, _) = load("comtrade_services.csv");
    assert_eq!(
        value(&load, Indicator::Exports, "CHN-WLD", "2022"),
        Some(3.6e12)
    );
    assert_eq!(load.observations.len(), 1);
    assert_eq!(load.unused.count, 3);
    for line in 2..=4 {
        assert!(
            unused(&load).contains(&format!(
                "line {line}, field typeCode: services (typeCode S) are not merchandise trade"
            )),
            "{:#?}",
            unused(&load)
        );
    }
}

#[test]
fn five_sitc_divisions_are_not_total_trade_and_other_asia_is_not_a_country() {
    let (load, _) = load("comtrade_sitc_five_divisions.csv");
    assert!(load.observations.is_empty(), "{:#?}", load.observations);
    assert_eq!(load.rows, 15);
    // Every row is counted; each group of divisions is listed once.
    assert_eq!(load.unused.count, 15);
    let listed = unused(&load);
    assert_eq!(listed.len(), 7, "{listed:#?}");
    assert_eq!(
        listed[0],
        "line 2, field Commodity Code: 5 of 67 SITC Rev. 3 divisions (75, 76, 77, 84, 89): not total trade"
    );
    assert_eq!(
        listed[1],
        "line 7, field Reporter Code: 'Other Asia, nes' (490) is a regional or statistical aggregate, a special category or a former area, not a country"
    );
    assert!(listed[6].starts_with("line 12, field Commodity Code: 5 of 67 SITC Rev. 3 divisions"));
    assert_eq!(
        load.remarks,
        [
            "no total-trade rows: the file's 10 rows of exports and imports are by commodity, and no total is made of them (each group is listed with its reason)"
        ]
    );
}

#[test]
fn all_sitc_divisions_of_a_flow_sum_to_its_total() {
    let (load, texts) = load("comtrade_sitc_all_divisions.csv");
    // Divisions 1..=67 hold 1,000 to 67,000: 1,000 × (67 × 68 / 2) = 2,278,000.
    assert_eq!(
        value(&load, Indicator::Exports, "KAZ-CHN", "2016"),
        Some(2_278_000.0)
    );
    // The file holds every division, so a flow with rows for three has no
    // trade in the others: 10 + 20 + 30.
    assert_eq!(
        value(&load, Indicator::Imports, "KAZ-CHN", "2016"),
        Some(60.0)
    );
    // Reporter ISO blank: Comtrade's code 699 is India.
    assert_eq!(
        value(&load, Indicator::Exports, "IND-CHN", "2016"),
        Some(17e9)
    );
    let exports = load
        .observations
        .iter()
        .find(|o| o.value == 2_278_000.0)
        .unwrap();
    assert_eq!(
        texts.get(exports.note),
        "sum of all 67 SITC Rev. 3 divisions"
    );
    assert_eq!(
        load.remarks,
        [
            "summed 70 commodity rows (SITC Rev. 3 divisions) into 2 totals: the file holds all 67 divisions"
        ]
    );
    assert_eq!(load.unused.count, 0);
}

/// The one-line error for a file, by its first lines.
fn error_of(bytes: &[u8]) -> String {
    load_bytes("f.csv", bytes)
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

#[test]
fn files_that_are_not_data_say_what_they_are() {
    let saved_error = error_of(
        b"Query complexity: your query is too complex. Please simplify.\r\nResultset count: 0\r\n",
    );
    assert!(
        saved_error.starts_with("f.csv:1: the file says 'Query complexity: your query is too complex. Please simplify.': one column of text, not a header; perhaps a message saved in place of data"),
        "{saved_error}"
    );
    let dump = error_of(b";typeCode;cmdCode;freqCode;refYear;reporterDesc;partnerDesc;flowCode;primaryValueFormated\n0;C;TOTAL;A;2019;China;Angola;M;23,837.0\n");
    assert!(
        dump.starts_with("f.csv:1: UN Comtrade columns, but not a Comtrade download as published: it lacks primaryValue; it is separated by semicolons; download the CSV from UN Comtrade again; the header matches"),
        "{dump}"
    );
    let cut = error_of(b"Classification,Year,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Partner Code,Partner,Commodity Code,Commodity,Trade Value (US$),Flag\nH5,2017,1,Import,842,USA,156,China,1,Animals; live,1000,4\n");
    assert!(
        cut.starts_with("f.csv:1: field 'Period': the header has no 'Period' column (found: Classification,Year,"),
        "{cut}"
    );
}

#[test]
fn a_former_areas_iso_code_falls_back_to_its_comtrade_number() {
    let text = String::from_utf8(fixture("comtrade_sitc_all_divisions.csv")).unwrap();
    let former = text.replacen(
        "2016,2016,2016,0,0,2,Export,699,India,,",
        "2016,2016,2016,0,0,2,Export,530,Netherlands Antilles,ANT,",
        1,
    );
    assert_ne!(former, text);
    let (load, _) = load_bytes("f.csv", former.as_bytes()).unwrap();
    assert!(
        unused(&load).contains(&"line 72, field Reporter Code: 'Netherlands Antilles (to 2010)' (530) is a regional or statistical aggregate, a special category or a former area, not a country".to_string()),
        "{:#?}",
        unused(&load)
    );
}
