//! IMF International Trade in Goods (IMTS): the API's SDMX 3.0 CSV and the
//! data portal's download, with figures worked by hand
//! (tests/fixtures/import/README.md); imports valued FOB kept apart from
//! imports and out of every sum; errors naming line and field.

use crate::common::{TempFile, run};
use eurasia_dash::data::derive::aggregate::eaeu_members;
use eurasia_dash::data::model::{CHINA, EAEU, RUSSIA};
use eurasia_dash::data::{Currency, Dataset, Flow, Indicator, Period, build};

const SDMX3: &str = "tests/fixtures/import/imf_imts_sdmx3.csv";
const PORTAL: &str = "tests/fixtures/import/imf_portal_wide.csv";

const FOB_NOTE: &str = "\"imports valued FOB (free on board): a figure of their own, never added to imports (CIF or the reporter's basis), total trade or the balance\"";

/// The one row `--print bilateral` writes for a pair and period.
fn printed(file: &str, pair: &str, span: &str, period: &str) -> String {
    let (code, stdout, stderr) = run(&[
        "--print",
        "bilateral",
        "--pair",
        pair,
        "--span",
        span,
        "--period",
        period,
        "--data",
        file,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut lines = stdout.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .contains(",growth_kind,imports_fob,source,note"),
        "{stdout}"
    );
    lines.next().unwrap().to_string()
}

#[test]
fn the_portal_download_gives_cells_times_ten_to_the_scale_and_keeps_fob_apart() {
    // 2022: exports 70,500.25 and CIF imports 80,250.125 millions: total
    // 150,750,375,000, balance -9,749,875,000; FOB imports 75,100 millions
    // beside them, in neither.
    assert_eq!(
        printed(PORTAL, "CHN-RUS", "annual", "2022"),
        format!(
            "CHN,RUS,2022,USD,70500250000,80250125000,150750375000,derived,-9749875000,,,75100000000,computed by eurasia-dash from IMF IMTS (data portal download),{FOB_NOTE}"
        )
    );
    // 2023: the FOB cell is empty: missing, not zero.
    let row = printed(PORTAL, "CHN-RUS", "annual", "2023");
    assert!(
        row.starts_with(
            "CHN,RUS,2023,USD,110000500000,129000000000,239000500000,derived,-18999500000,"
        ),
        "{row}"
    );
    assert!(
        row.ends_with(",computed,,computed by eurasia-dash from IMF IMTS (data portal download),"),
        "{row}"
    );
    assert!(
        printed(PORTAL, "CHN-RUS", "quarterly", "2023-Q1").starts_with(
            "CHN,RUS,2023-Q1,USD,26500750000,30100500000,56601250000,derived,-3599750000,,,29000250000,"
        )
    );
    assert!(
        printed(PORTAL, "CHN-RUS", "monthly", "2023-01")
            .starts_with("CHN,RUS,2023-01,USD,8250500000,,,,,,,,")
    );
    // A pair with only FOB imports shows them as FOB: no imports, total or balance.
    assert_eq!(
        printed(PORTAL, "KAZ-CHN", "annual", "2023"),
        format!("KAZ,CHN,2023,USD,,,,,,,,15000001000,IMF IMTS (data portal download),{FOB_NOTE}")
    );
}

#[test]
fn the_sdmx3_csv_reads_obs_value_in_dollars_and_keeps_fob_apart() {
    assert_eq!(
        printed(SDMX3, "CHN-RUS", "annual", "2023"),
        format!(
            "CHN,RUS,2023,USD,110000000000,129000000000,239000000000,derived,-19000000000,,,121500000000,computed by eurasia-dash from IMF IMTS,{FOB_NOTE}"
        )
    );
    // The quarter has FOB imports only: imports, total and balance unknown.
    assert_eq!(
        printed(SDMX3, "CHN-RUS", "quarterly", "2023-Q1"),
        format!("CHN,RUS,2023-Q1,USD,26500000000,,,,,,,29000000000,IMF IMTS,{FOB_NOTE}")
    );
    let (code, stdout, _) = run(&["--check", "--data", SDMX3]);
    assert_eq!(code, 0, "{stdout}");
    for expected in [
        "imf_imts_sdmx3.csv (SDMX-CSV)",
        "rows: 11 read, 0 skipped, 3 not used; figures: 8 used",
        "note: SCALE is the display scale of the IMF's SDMX 3.0 API, whose OBS_VALUE is in units: not applied (first: line 2)",
        "not used: line 5: field 'INDICATOR': balance is derived from exports and imports",
        "not used: line 9: field 'OBS_VALUE': no value (a missing observation)",
        "not used: line 11: field 'COUNTERPART_COUNTRY': 'G163' is a regional or statistical aggregate",
        "indicators: exports, imports, imports_fob",
        "pairs: 3 (CHN-RUS, CHN-WLD, KAZ-CHN)",
    ] {
        assert!(stdout.contains(expected), "{expected}: {stdout}");
    }
}

#[test]
fn the_check_report_counts_every_portal_row() {
    let (code, stdout, _) = run(&["--check", "--data", PORTAL]);
    assert_eq!(code, 0, "{stdout}");
    for expected in [
        "imf_portal_wide.csv (IMF data portal)",
        "rows: 11 read, 0 skipped, 2 not used; figures: 13 used",
        "not used: line 5: field 'INDICATOR.ID': balance is derived from exports and imports",
        "not used: line 12: field 'COUNTERPART_COUNTRY.ID': 'G163' is a regional or statistical aggregate",
    ] {
        assert!(stdout.contains(expected), "{expected}: {stdout}");
    }
}

const HEADER: &str =
    "COUNTRY.ID,COUNTERPART_COUNTRY.ID,INDICATOR.ID,SCALE.ID,FREQUENCY.ID,2022,2023-M01";

#[test]
fn bad_portal_cells_are_errors_naming_line_and_column() {
    for (row, said) in [
        (
            "CHN,RUS,XG_FOB_USD,6,A,\"1,5\",",
            ":3: field '2022': '1,5' is not a number",
        ),
        (
            "CHN,RUS,XG_FOB_USD,Millions,A,1.5,",
            ":3: field 'SCALE.ID': 'Millions' is not a power of ten",
        ),
        (
            "CHN,XYZ,XG_FOB_USD,6,A,1.5,",
            ":3: field 'COUNTERPART_COUNTRY.ID': 'XYZ' is not an area code",
        ),
        (
            "CHN,RUS,MG_FOB_USD,6,A,-1.5,",
            ":3: field '2022': imports_fob cannot be negative",
        ),
        (
            "CHN,RUS,XG_FOB_USD,6,A,,2.5",
            ":3: field '2023-M01': a monthly figure in a row of FREQUENCY.ID 'A'",
        ),
        (
            "CHN,RUS,XG_FOB_USD,6,W,1.5,",
            ":3: field 'FREQUENCY.ID': unknown frequency 'W'",
        ),
        ("CHN,RUS,XG_FOB_USD,6,A,1e400,", ":3: field '2022': "),
        (
            "CHN,CHN,XG_FOB_USD,6,A,1.5,",
            ":3: field 'COUNTERPART_COUNTRY.ID': ",
        ),
    ] {
        let text = format!("{HEADER}\nCHN,RUS,XG_FOB_USD,6,A,1,\n{row}\n");
        let file = TempFile::new("imf_bad.csv", &text);
        let (code, _, stderr) = run(&["--check", "--data", file.path()]);
        assert_eq!(code, 2, "{row}: {stderr}");
        assert!(stderr.contains(said), "{row}: {stderr}");
    }
    for (header, said) in [
        (
            "COUNTRY.ID,COUNTERPART_COUNTRY.ID,INDICATOR.ID,SCALE.ID,Notes",
            ":1: the header has no period columns",
        ),
        (
            "COUNTRY.ID,COUNTERPART_COUNTRY.ID,INDICATOR.ID,2022",
            ":1: field 'SCALE.ID': the header has no 'SCALE.ID' column",
        ),
    ] {
        let file = TempFile::new(
            "imf_header.csv",
            &format!("{header}\nCHN,RUS,XG_FOB_USD,6\n"),
        );
        let (code, _, stderr) = run(&["--check", "--data", file.path()]);
        assert_eq!(code, 2, "{header}: {stderr}");
        assert!(stderr.contains(said), "{header}: {stderr}");
    }
}

#[test]
fn a_lenient_load_skips_a_row_with_a_bad_cell_whole_and_counts_every_row() {
    let text = format!(
        "{HEADER}\nCHN,RUS,XG_FOB_USD,6,M,,1.25\nCHN,RUS,MG_CIF_USD,6,A,2.5,x\n\
         CHN,RUS,MG_CIF_USD,6,A,,\nCHN,RUS,XG_FOB_USD,,A,7,\n"
    );
    let file = TempFile::new("imf_lenient.csv", &text);
    let (code, stdout, _) = run(&["--check", "--lenient", "--data", file.path()]);
    assert_eq!(code, 1, "{stdout}");
    for expected in [
        "rows: 4 read, 1 skipped, 1 not used; figures: 2 used",
        "line 3: field '2023-M01': a monthly figure in a row of FREQUENCY.ID 'A'",
        "not used: line 4: no value in any period column (missing figures, not zeros)",
        "note: 1 row with an empty SCALE.ID (first: line 5): read as whole US dollars",
    ] {
        assert!(stdout.contains(expected), "{expected}: {stdout}");
    }
}

#[test]
fn the_portal_long_layout_and_format_imf() {
    let text = "\u{feff}COUNTRY.ID,COUNTRY,COUNTERPART_COUNTRY.ID,INDICATOR.ID,SCALE,SCALE.ID,FREQUENCY.ID,TIME_PERIOD,OBS_VALUE\r\n\
                CHN,China,RUS,XG_FOB_USD,Millions,6,M,2023-M03,9500.5\r\n\
                CHN,China,RUS,MG_FOB_USD,Millions,6,Q,2023-Q2,31000\r\n\
                CHN,China,RUS,MG_CIF_USD,Millions,6,M,2023-M03,\r\n";
    let file = TempFile::new("imf_long.csv", text);
    let (code, stdout, _) = run(&["--check", "--format", "imf", "--data", file.path()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("rows: 3 read, 0 skipped, 1 not used; figures: 2 used"),
        "{stdout}"
    );
    assert!(
        printed(file.path(), "CHN-RUS", "monthly", "2023-03")
            .starts_with("CHN,RUS,2023-03,USD,9500500000,,,,,,,,")
    );
    assert!(
        printed(file.path(), "CHN-RUS", "quarterly", "2023-Q2")
            .starts_with("CHN,RUS,2023-Q2,USD,,,,,,,,31000000000,")
    );
    // `imf` reads the API's SDMX-CSV too, and says so of another format.
    let (code, stdout, _) = run(&["--check", "--format", "imf", "--data", SDMX3]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("figures: 8 used"), "{stdout}");
    let baci = "tests/fixtures/import/BACI_HS92_Y2022_V202401.csv";
    let (code, _, stderr) = run(&["--check", "--format", "imf", "--data", baci]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":1: the header is that of CEPII BACI, not an IMF download"),
        "{stderr}"
    );
}

fn native(text: &str) -> (TempFile, Dataset) {
    let file = TempFile::new(
        "fob.csv",
        &format!("indicator,reporter,partner,period,value,unit,source,note\n{text}"),
    );
    let data = build::load_files(&[file.path()], None, false).unwrap();
    (file, data)
}

fn level(data: &Dataset, indicator: Indicator, reporter: &str, period: &str) -> Option<f64> {
    let reporter = eurasia_dash::data::Area::parse(reporter).unwrap();
    data.level(
        Flow::new(indicator, reporter, CHINA),
        Currency::Usd,
        Period::parse(period).unwrap(),
    )
    .map(|level| level.amount)
}

#[test]
fn imports_fob_never_enter_a_total_a_group_sum_or_a_sum_of_months() {
    let mut text = String::new();
    // Every EAEU member's exports to China and its FOB imports from it.
    for member in eaeu_members(Period::annual(2023)) {
        text.push_str(&format!(
            "exports,{member},CHN,2023,10,USD_BN,test data,\nimports_fob,{member},CHN,2023,5,USD_BN,test data,\n"
        ));
    }
    // Russia's 2021: CIF imports and FOB imports of the same goods.
    text.push_str("imports,RUS,CHN,2021,100,USD_BN,test data,\nimports_fob,RUS,CHN,2021,90,USD_BN,test data,\n");
    // Twelve months of 2022, exports and FOB imports.
    for month in 1..=12 {
        text.push_str(&format!(
            "exports,RUS,CHN,2022-{month:02},1,USD_BN,test data,\nimports_fob,RUS,CHN,2022-{month:02},2,USD_BN,test data,\n"
        ));
    }
    let (_file, data) = native(&text);
    // The Union's exports are the members' sum; nothing of FOB imports is summed.
    assert_eq!(level(&data, Indicator::Exports, "EAEU", "2023"), Some(50e9));
    for indicator in [Indicator::Imports, Indicator::ImportsFob, Indicator::Trade] {
        assert_eq!(
            level(&data, indicator, "EAEU", "2023"),
            None,
            "{indicator:?}"
        );
    }
    // A member's trade is not exports + FOB imports.
    assert_eq!(level(&data, Indicator::Trade, "RUS", "2023"), None);
    assert_eq!(
        level(&data, Indicator::ImportsFob, "RUS", "2023"),
        Some(5e9)
    );
    // FOB imports do not stand in for imports, nor add to them.
    assert_eq!(level(&data, Indicator::Imports, "RUS", "2021"), Some(100e9));
    assert_eq!(
        level(&data, Indicator::ImportsFob, "RUS", "2021"),
        Some(90e9)
    );
    // Months: exports are summed to the year; FOB imports are not summed,
    // and the year has no imports or trade.
    assert_eq!(level(&data, Indicator::Exports, "RUS", "2022"), Some(12e9));
    for indicator in [Indicator::Imports, Indicator::ImportsFob, Indicator::Trade] {
        assert_eq!(
            level(&data, indicator, "RUS", "2022"),
            None,
            "{indicator:?}"
        );
    }
    assert_eq!(
        data.level(
            Flow::new(Indicator::Trade, RUSSIA, CHINA),
            Currency::Usd,
            Period::parse("2022-05").unwrap()
        ),
        None
    );
    assert!(
        data.series_keys()
            .filter(|key| key.reporter == EAEU)
            .all(|key| key.measure.indicator != Indicator::ImportsFob)
    );
}

#[test]
fn a_portal_header_with_both_layouts_is_refused() {
    let text = "COUNTRY.ID,COUNTERPART_COUNTRY.ID,INDICATOR.ID,SCALE.ID,FREQUENCY.ID,TIME_PERIOD,OBS_VALUE,2022\n\
                CHN,RUS,XG_FOB_USD,6,A,2021,100,200\n";
    let file = TempFile::new("imf_both.csv", text);
    let (code, _, stderr) = run(&["--check", "--format", "imf", "--data", file.path()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            ":1: the header has both layouts, TIME_PERIOD and OBS_VALUE and period columns (2022)"
        ),
        "{stderr}"
    );
}
