//! World Bank WITS downloads: fixtures of the Partner table (exports, and
//! imports by product group) and of the time series, with figures worked by
//! hand (tests/fixtures/import/README.md), and their errors.

use crate::common::{TempFile, run};
use eurasia_dash::data::load::format::{self, Format};
use eurasia_dash::data::model::Texts;

const EXPORTS: &str = "tests/fixtures/import/wits_partner_export.csv";
const IMPORTS: &str = "tests/fixtures/import/wits_partner_import.csv";
const SERIES: &str = "tests/fixtures/import/wits_partner_timeseries.csv";

/// `--print bilateral --pair PAIR` of one file: its rows after the header.
fn bilateral(file: &str, pair: &str) -> Vec<String> {
    let (code, stdout, stderr) = run(&["--print", "bilateral", "--pair", pair, "--data", file]);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().skip(1).map(str::to_string).collect()
}

/// `--check` of one file: its report, which must have loaded with `status`.
fn check(file: &str, status: i32) -> String {
    let (code, stdout, stderr) = run(&["--check", "--data", file]);
    assert_eq!(code, status, "{stderr}{stdout}");
    stdout
}

#[test]
fn the_partner_table_gives_each_partners_exports_in_dollars() {
    let rows = bilateral(EXPORTS, "CHN-RUS");
    let source = format!("World Bank WITS ({EXPORTS})");
    assert_eq!(
        rows,
        [format!("CHN,RUS,2022,USD,76122649188,,,,,,,,{source},")]
    );
    for (pair, exports) in [
        ("CHN-WLD", "3593601000500"),
        ("CHN-KOR", "162000000250"),
        ("CHN-KAZ", "16200000070"),
        ("CHN-CUW", "35000500"),
    ] {
        let row = &bilateral(EXPORTS, pair)[0];
        assert!(
            row.contains(&format!(",2022,USD,{exports},,")),
            "{pair}: {row}"
        );
    }
    let report = check(EXPORTS, 0);
    assert!(report.contains("(World Bank WITS)"), "{report}");
    assert!(
        report.contains("rows: 8 read, 0 skipped, 3 not used; figures: 5 used"),
        "{report}"
    );
    for said in [
        "line 6, field 'Partner Name'): descriptions are read as Windows-1252",
        "line 7: field 'Partner Name': 'East Asia & Pacific' is a regional or statistical aggregate",
        "line 8: field 'Partner Name': 'Other Asia, nes' is a regional or statistical aggregate",
        "line 9: field 'Export (US$ Thousand)': no value: a missing figure, not zero",
        "no 'Product Group' column: each row is read as all products",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
}

#[test]
fn the_import_variant_reads_all_products_and_not_a_product_group() {
    let rows = bilateral(IMPORTS, "RUS-CHN");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].starts_with("RUS,CHN,2022,USD,,114148970877,"),
        "{rows:?}"
    );
    assert!(bilateral(IMPORTS, "RUS-WLD")[0].starts_with("RUS,WLD,2022,USD,,259000000000,"));
    let report = check(IMPORTS, 0);
    assert!(
        report.contains("rows: 4 read, 0 skipped, 2 not used; figures: 2 used"),
        "{report}"
    );
    assert!(
        report.contains("line 3: field 'Product Group': product group 'Fuels' is commodity detail, not total trade"),
        "{report}"
    );
    assert!(
        report.contains(
            "line 5: field 'Import (US$ Thousand)': no value: a missing figure, not zero"
        ),
        "{report}"
    );
}

#[test]
fn the_time_series_gives_a_figure_a_year_and_blank_cells_are_missing() {
    let source = format!("World Bank WITS ({SERIES})");
    assert_eq!(
        bilateral(SERIES, "KAZ-CHN"),
        [
            format!(
                "KAZ,CHN,2022,USD,13200000125,16800000900,30000001025,derived,-3600000775,,,,computed by eurasia-dash from {source},"
            ),
            format!("KAZ,CHN,2021,USD,10000000750,,,,,,,,{source},"),
            format!(
                "KAZ,CHN,2020,USD,8000000500,11600000100,19600000600,derived,-3599999600,,,,computed by eurasia-dash from {source},"
            ),
            format!("KAZ,CHN,2019,USD,,12000000000,,,,,,,{source},"),
        ]
    );
    let report = check(SERIES, 0);
    for said in [
        "rows: 7 read, 0 skipped, 4 not used; figures: 10 used",
        "2 year cells of rows with figures are blank: missing figures, not zero",
        "line 5: field 'Indicator': 'Export Partner Share (%)' is the partner's share of the reporter's exports, not of its total trade (trade_share) (2 rows like this one)",
        "line 7: field 'Partner Name': 'Other Asia, nes' is a regional or statistical aggregate",
        "line 8: field 'Indicator': no value in any year: missing figures, not zero",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
}

#[test]
fn thousands_are_read_as_dollars_without_rounding_noise() {
    // 16800000.9 thousand read, then times 1000, is 16800000899.999998.
    let mut texts = Texts::default();
    let bytes = std::fs::read(SERIES).unwrap();
    let load = format::parse_as(Format::Wits, SERIES, &bytes, &mut texts, false).unwrap();
    assert!(
        load.observations
            .iter()
            .any(|o| o.value == 16_800_000_900.0)
    );
}

#[test]
fn bad_wits_rows_are_errors_naming_line_and_field() {
    let partner = "Reporter Name,Partner Name,Year,Trade Flow,Export (US$ Thousand)\r\nChina,Japan,2022,Export,1.5\r\n";
    let series = "Reporter Name,Partner Name,Trade Flow,Indicator,2021,2022\r\nChina,Japan,Export,Export (US$ Thousand),1,2\r\n";
    for (text, said) in [
        (
            format!("{partner}China,Narnia,2022,Export,1\r\n"),
            ":3: field 'Partner Name': 'Narnia' is not an area name the names table knows (assets/area-names.csv)",
        ),
        (
            format!("{partner}Atlantis,Japan,2022,Export,1\r\n"),
            ":3: field 'Reporter Name': 'Atlantis' is not an area name",
        ),
        (
            format!("{partner}China,Japan,2022,Export,1 000\r\n"),
            ":3: field 'Export (US$ Thousand)': '1 000' is not a number",
        ),
        (
            format!("{partner}China,Japan,2022,Export,-4\r\n"),
            ":3: field 'Export (US$ Thousand)': exports cannot be negative",
        ),
        (
            format!("{partner}China,Japan,22,Export,1\r\n"),
            ":3: field 'Year': '22' is not a year",
        ),
        (
            format!("{partner}China,Japan,2022,Import,1\r\n"),
            ":3: field 'Trade Flow': an Import row, but the header has no 'Import (US$ Thousand)' column",
        ),
        (
            format!("{series}China,Japan,Export,Export (US$ Thousand),1,2x\r\n"),
            ":3: field '2022': '2x' is not a number",
        ),
        (
            format!("{series}China,Japan,Import,Export (US$ Thousand),1,2\r\n"),
            ":3: field 'Trade Flow': trade flow 'Import' on a row of 'Export (US$ Thousand)'",
        ),
        (
            "Reporter Name,Partner Name,Trade Flow,Indicator,Total\r\nChina,Japan,Export,Export (US$ Thousand),1\r\n".to_string(),
            ":1: a WITS time series has one column a year (1988, 1989, …), and this header has none",
        ),
        (
            "Reporter Name,Partner Name,Year,Trade Flow,Export Partner Share (%)\r\nChina,Japan,2022,Export,1\r\n".to_string(),
            ":1: field 'Export (US$ Thousand)': the header has no 'Export (US$ Thousand)' or 'Import (US$ Thousand)' column",
        ),
    ] {
        let file = TempFile::new("wits_bad.csv", &text);
        let (code, _, stderr) = run(&["--check", "--data", file.path()]);
        assert_eq!(code, 2, "{text}: {stderr}");
        assert!(stderr.contains(said), "{said}: {stderr}");
    }
}

#[test]
fn lenient_loading_skips_an_unknown_name_and_counts_it() {
    let text = "Reporter Name,Partner Name,Year,Trade Flow,Export (US$ Thousand)\r\nChina,Narnia,2022,Export,1\r\nChina,Japan,2022,Export,2.5\r\n";
    let mut texts = Texts::default();
    let load = format::parse_as(Format::Wits, "t.csv", text.as_bytes(), &mut texts, true).unwrap();
    assert_eq!(load.rows, 2);
    assert_eq!(load.skipped.count, 1);
    assert_eq!(load.observations.len(), 1);
    let value = load.observations[0].value;
    assert_eq!(value, 2_500.0);
    // A row with a bad cell gives no figure, not those of its good cells.
    let text = "Reporter Name,Partner Name,Trade Flow,Indicator,2021,2022\r\nChina,Japan,Export,Export (US$ Thousand),1,2x\r\nChina,India,Export,Export (US$ Thousand),3,\r\n";
    let load = format::parse_as(Format::Wits, "t.csv", text.as_bytes(), &mut texts, true).unwrap();
    assert_eq!((load.rows, load.skipped.count), (2, 1));
    let values: Vec<f64> = load.observations.iter().map(|o| o.value).collect();
    assert_eq!(values, [3_000.0]);
}

#[test]
fn a_product_group_row_with_a_bad_value_is_skipped_once_not_also_not_used() {
    // Found by the wits fuzz target: the row was counted both skipped (its
    // value) and not used (its product group), more than the rows read.
    let text = "Reporter Name,Partner Name,Year,Trade Flow,Product Group,Import (US$ Thousand)\r\nRussian Federation,China,2022,Import,Fuels,C Products\r\nRussian Federation,China,2022,Import,Fuels,2.5\r\n";
    let mut texts = Texts::default();
    let load = format::parse_as(Format::Wits, "t.csv", text.as_bytes(), &mut texts, true).unwrap();
    assert_eq!(load.rows, 2);
    assert_eq!((load.skipped.count, load.unused.count), (1, 1));
    assert!(load.observations.is_empty(), "a product group is no total");
}

#[test]
fn format_wits_forces_the_loader_and_a_wrong_header_says_so() {
    let file = TempFile::new("not-wits.csv", "t,i,j,k,v,q\n2022,156,643,010121,1,1\n");
    let (code, _, stderr) = run(&["--check", "--format", "wits", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("field 'Year': the header has no 'Year' or 'Indicator' column"),
        "{stderr}"
    );
}
