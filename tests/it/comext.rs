//! Eurostat Comext, in euros: fixtures in the API's SDMX-CSV and the bulk
//! files' layout with figures worked by hand (tests/fixtures/import/README.md),
//! their errors, and euros kept apart from dollars.

use crate::common::{TempFile, run};
use eurasia_dash::data::load::format::{self, Format};
use eurasia_dash::data::model::Texts;

const API: &str = "tests/fixtures/import/comext_api.csv";
const BULK: &str = "tests/fixtures/import/comext_bulk.csv";
const API_HEADER: &str =
    "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n";
const BULK_HEADER: &str = "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA2_1,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\r\n";

/// `--print bilateral` of a pair: its data rows.
fn bilateral(file: &str, pair: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["--print", "bilateral", "--pair", pair, "--data", file];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn the_api_layout_reads_values_in_euros_with_eurostats_codes() {
    let rows = bilateral(API, "DEU-CHN", &[]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].starts_with("DEU,CHN,2023,EUR,97123456789,157012345678,254135802467,derived,-59888888889,-14.9336226052,computed,,computed by eurasia-dash from Eurostat Comext DS-045409,"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("DEU,CHN,2022,EUR,107250000000,191500000000,298750000000,derived,"),
        "{}",
        rows[1]
    );
    // Greece as GR (exports) and as EL (imports).
    assert!(
        bilateral(API, "GRC-RUS", &[])[0]
            .starts_with("GRC,RUS,2023,EUR,250000001,1800000002,2050000003,"),
    );
    assert!(bilateral(API, "ITA-GBR", &[])[0].starts_with("ITA,GBR,2023,EUR,26500000000,,"));
    // The EU's trade with countries outside it is its trade with the world.
    assert!(bilateral(API, "EU-WLD", &[])[0].starts_with("EU,WLD,2023,EUR,2564000000000,,"));
    let months = bilateral(API, "DEU-CHN", &["--span", "monthly"]);
    assert!(
        months[0].starts_with("DEU,CHN,2023-01,EUR,7250000000.5,13500000000,20750000000.5,"),
        "{months:?}"
    );
}

#[test]
fn the_bulk_layout_sums_the_statistical_procedures_of_a_flow() {
    let months = bilateral(BULK, "DEU-CHN", &["--span", "monthly"]);
    // Imports 12,000,000,000 + 1,400,000,000 + 100,000,123 under procedures 1, 2, 9.
    assert!(
        months[0].starts_with("DEU,CHN,2023-01,EUR,7250000000,13500000123,20750000123,derived,"),
        "{months:?}"
    );
    assert!(
        months[0].contains("sum over statistical procedures 1 (normal), 2 (inward processing), 9 (not recorded), Eurostat Comext"),
        "{months:?}"
    );
    // PERIOD 202352 is the year 2023.
    let year = bilateral(BULK, "POL-RUS", &[]);
    assert!(
        year[0].starts_with("POL,RUS,2023,EUR,1525000000,980000000,2505000000,derived,545000000,"),
        "{year:?}"
    );
    assert!(bilateral(BULK, "GRC-TUR", &[])[0].starts_with("GRC,TUR,2023,EUR,,5600000000,"));
}

#[test]
fn the_check_report_lists_what_is_not_used() {
    let (code, stdout, stderr) = run(&["--check", "--data", API]);
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "comext_api.csv (Eurostat Comext)",
        "rows: 15 read, 0 skipped, 5 not used; figures: 10 used",
        "line 2: field 'indicators': a quantity (QUANTITY_IN_100KG), not a value",
        "line 7: field 'product': commodity detail; the file's TOTAL row is used",
        "line 12: field 'partner': trade with countries outside the EU (EXT_EU27_2020) is not the world's",
        "line 13: field 'product': CN 8-digit codes 39199080: not total trade (only the product TOTAL is total trade in Eurostat Comext",
        "line 14: field 'OBS_VALUE': no value (a missing observation)",
    ] {
        assert!(stdout.contains(expected), "{expected} in {stdout}");
    }
    let (code, stdout, stderr) = run(&["--check", "--data", BULK]);
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "comext_bulk.csv (Eurostat Comext)",
        "rows: 10 read, 0 skipped, 2 not used; figures: 5 used",
        "line 6: field 'PRODUCT_NC': commodity detail; the file's TOTAL row is used",
        "line 11: field 'PRODUCT_NC': CN 8-digit codes 84713000: not total trade",
    ] {
        assert!(stdout.contains(expected), "{expected} in {stdout}");
    }
}

#[test]
fn both_layouts_are_detected_and_forced_by_one_name() {
    for file in [API, BULK] {
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(format::detect(file, &bytes), Ok(Format::Comext));
        let (code, _, stderr) = run(&["--check", "--format", "comext", "--data", file]);
        assert_eq!(code, 0, "{stderr}");
    }
    let native = "indicator,reporter,partner,period,value,unit\nexports,CHN,RUS,2019,1,USD\n";
    let file = TempFile::new("native.csv", native);
    let (code, _, stderr) = run(&["--check", "--format", "comext", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":1: the header is that of native, not a Eurostat Comext download"),
        "{stderr}"
    );
}

/// The one-line error of a strict load of `text`.
fn error_of(text: &str) -> String {
    let mut texts = Texts::default();
    format::parse_as(Format::Comext, "c.csv", text.as_bytes(), &mut texts, false)
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

#[test]
fn bad_rows_are_errors_naming_line_and_field() {
    let api = |row: &str| error_of(&format!("{API_HEADER}{row}\n"));
    let row = "ESTAT:DS-045409(1.0),13/02/26 11:00:00";
    for (line, expected) in [
        (
            format!("{row},A,DE,CN,TOTAL,2,VALUE_IN_EUROS,2023-01,1.0"),
            "c.csv:2: field 'TIME_PERIOD': '2023-01' is not a period of frequency A (expected a year such as 2020)",
        ),
        (
            format!("{row},Q,DE,CN,TOTAL,2,VALUE_IN_EUROS,2023-Q1,1.0"),
            "c.csv:2: field 'freq': unknown frequency 'Q' (expected A or M)",
        ),
        (
            format!("{row},A,XX,CN,TOTAL,2,VALUE_IN_EUROS,2023,1.0"),
            "c.csv:2: field 'reporter': 'XX' is not an area code",
        ),
        (
            format!("{row},A,DE,CN,TOTAL,2,VALUE_IN_EUROS,2023,1 000"),
            "c.csv:2: field 'OBS_VALUE': '1 000' is not a number",
        ),
        (
            format!("{row},A,DE,CN,TOTAL,2,VALUE_IN_EUROS,2023,-5.0"),
            "c.csv:2: field 'OBS_VALUE': exports cannot be negative",
        ),
        (
            format!("{row},A,DE,DE,TOTAL,2,VALUE_IN_EUROS,2023,5.0"),
            "c.csv:2: field 'partner': the partner is the reporter (DEU)",
        ),
        (
            format!("{row},A,DE,CN,39-19,2,VALUE_IN_EUROS,2023,5.0"),
            "c.csv:2: field 'product': '39-19' is not a product code",
        ),
    ] {
        let message = api(&line);
        assert!(message.starts_with(expected), "{message}");
    }
    // Eurostat's other way of writing a month.
    let mut texts = Texts::default();
    let text = format!("{API_HEADER}{row},M,DE,CN,TOTAL,2,VALUE_IN_EUROS,2023M02,4.0\n");
    let load =
        format::parse_as(Format::Comext, "c.csv", text.as_bytes(), &mut texts, false).unwrap();
    assert_eq!(load.observations[0].period.to_string(), "2023-02");
    let bulk = |row: &str| error_of(&format!("{BULK_HEADER}{row}\r\n"));
    for (line, expected) in [
        (
            "DE,CN,E,TOTAL,,,,,,2,1,,2023,5,,,",
            "c.csv:2: field 'PERIOD': '2023' is not a period (expected YYYYMM such as 202301, or YYYY52 for a whole year)",
        ),
        (
            "DE,CN,E,TOTAL,,,,,,2,1,,202313,5,,,",
            "c.csv:2: field 'PERIOD': '202313' is not a period",
        ),
        (
            "DE,CN,E,TOTAL,,,,,,2,7,,202301,5,,,",
            "c.csv:2: field 'STAT_PROCEDURE': unknown statistical procedure '7' (expected 1 normal, 2 inward processing, 3 outward processing or 9 not recorded)",
        ),
        (
            "DE,CN,E,TOTAL,,,,,,2,1,,202301,5,,,\r\nDE,CN,E,TOTAL,,,,,,2,1,,202301,6,,,",
            "c.csv:3: field 'STAT_PROCEDURE': the same flow, reporter, partner, period and procedure as the TOTAL row on line 2",
        ),
    ] {
        let message = bulk(line);
        assert!(message.starts_with(expected), "{message}");
    }
}

#[test]
fn euros_are_never_added_to_dollars() {
    let dollars = TempFile::new(
        "usd.csv",
        "indicator,reporter,partner,period,value,unit\nexports,DEU,CHN,2023,100,USD_BN\nimports,DEU,CHN,2023,170,USD_BN\n",
    );
    let both = |extra: &[&str]| {
        let mut args = vec![
            "--print",
            "bilateral",
            "--pair",
            "DEU-CHN",
            "--period",
            "2023",
            "--data",
            dollars.path(),
            "--data",
            API,
        ];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 0, "{stderr}");
        stdout.lines().nth(1).unwrap().to_string()
    };
    // Dollars first, as they are the default; euros when asked.
    assert!(
        both(&[]).starts_with("DEU,CHN,2023,USD,100000000000,170000000000,270000000000,"),
        "{}",
        both(&[])
    );
    assert!(
        both(&["--currency", "eur"])
            .starts_with("DEU,CHN,2023,EUR,97123456789,157012345678,254135802467,"),
        "{}",
        both(&["--currency", "eur"])
    );
}
