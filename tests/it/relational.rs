//! Layouts of real downloads added on 2026-12-07: WITS's Partner table with
//! Trade Flow "Exports & Imports", its value column headed without a unit,
//! and Eurostat Comext's relational view in English, in French and by
//! month; fixtures with figures worked by hand (tests/fixtures/import/README.md).

use crate::common::run;

const BOTH: &str = "tests/fixtures/import/wits_partner_exports_imports.csv";
const NO_UNIT: &str = "tests/fixtures/import/wits_partner_import_no_unit.csv";
const ENGLISH: &str = "tests/fixtures/import/comext_relational_en.csv";
const FRENCH: &str = "tests/fixtures/import/comext_relational_fr.csv";
const MONTHLY: &str = "tests/fixtures/import/comext_relational_monthly.csv";

/// `--print bilateral --pair PAIR` of one file: (period, unit, exports, imports) of each row.
fn bilateral(file: &str, pair: &str) -> Vec<[String; 4]> {
    let (code, stdout, stderr) = run(&["--print", "bilateral", "--pair", pair, "--data", file]);
    assert_eq!(code, 0, "{stderr}");
    stdout
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            [2, 3, 4, 5].map(|at| fields[at].to_string())
        })
        .collect()
}

fn check(file: &str) -> String {
    let (code, stdout, stderr) = run(&["--check", "--data", file]);
    assert_eq!(code, 0, "{stderr}{stdout}");
    stdout
}

fn row(period: &str, unit: &str, exports: &str, imports: &str) -> [String; 4] {
    [period, unit, exports, imports].map(str::to_string)
}

#[test]
fn a_wits_row_of_exports_and_imports_gives_both_figures() {
    // Thousands of US$ times 1000: 100000.25 → 100,000,250; 60000.5 → 60,000,500.
    assert_eq!(
        bilateral(BOTH, "AUS-CHN"),
        [row("2021", "USD", "100000250", "60000500")]
    );
    assert_eq!(
        bilateral(BOTH, "AUS-WLD"),
        [row("2021", "USD", "300000500", "250000250")]
    );
    assert_eq!(
        bilateral(BOTH, "AUS-KAZ"),
        [row("2021", "USD", "12500", "22750")]
    );
    // The import cell is blank: exports only, imports unknown (not zero).
    assert_eq!(
        bilateral(BOTH, "AUS-RUS"),
        [row("2021", "USD", "1500500", "")]
    );
    let report = check(BOTH);
    for said in [
        "rows: 6 read, 0 skipped, 2 not used; figures: 7 used",
        "1 export or import cells beside a figure are blank: missing figures, not zero",
        "line 5: field 'Partner Name': 'East Asia & Pacific' is a regional or statistical aggregate",
        "line 6: field 'Export (US$ Thousand)': no value: a missing figure, not zero",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
}

#[test]
fn a_wits_value_column_without_its_unit_is_refused_naming_it() {
    let (code, stdout, stderr) = run(&["--check", "--data", NO_UNIT]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains(&format!(
            "{NO_UNIT}:1: the value column is headed 'Import', without its unit"
        )),
        "{stderr}"
    );
}

#[test]
fn the_comext_relational_view_is_read_in_euros() {
    assert_eq!(
        bilateral(ENGLISH, "EU-RUS"),
        [row("2022", "EUR", "5000000123", "")],
        "the import row has no value: unknown, not zero"
    );
    assert_eq!(
        bilateral(ENGLISH, "EU-CHN"),
        [row("2022", "EUR", "", "20000000001")],
        "the petroleum row is commodity detail, never added"
    );
    assert_eq!(
        bilateral(ENGLISH, "EU-KAZ"),
        [row("2022", "EUR", "1000000007", "")]
    );
    // "Côte d’Ivoire (Ivory Coast)": typographic apostrophe, qualifier.
    assert_eq!(bilateral(ENGLISH, "EU-CIV"), [row("2022", "EUR", "42", "")]);
    let report = check(ENGLISH);
    for said in [
        "(Eurostat Comext (relational view))",
        "rows: 7 read, 0 skipped, 3 not used; figures: 4 used",
        "line 5: field 'PARTNER': 'High seas' is a regional or statistical aggregate",
        "line 6: field 'PRODUCT': product '2709-Petroleum oils' is commodity detail, not total trade",
        "line 8: field 'VALUE_IN_EUR': no value (a missing observation, not zero)",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
}

#[test]
fn the_french_relational_view_reads_eurostats_french_labels() {
    assert_eq!(
        bilateral(FRENCH, "EU-RUS"),
        [row("2016", "EUR", "700000001", "")]
    );
    assert_eq!(
        bilateral(FRENCH, "EU-CHN"),
        [row("2016", "EUR", "1500000003", "")]
    );
    let report = check(FRENCH);
    assert!(
        report.contains("line 4: field 'PARTNER': 'Niué' is not an area name known here"),
        "{report}"
    );
}

#[test]
fn a_group_reporters_row_is_the_groups_own_never_added_to_its_members() {
    // EU27's row (2,100) equals Malta's 100 plus Germany's 2,000, as in the
    // real file: were the members added to it, the EU would show 4,200.
    assert_eq!(
        bilateral(MONTHLY, "EU-KAZ"),
        [row("2024-08", "EUR", "2100", "")]
    );
    assert_eq!(
        bilateral(MONTHLY, "DEU-KAZ"),
        [row("2024-08", "EUR", "2000", "")]
    );
    assert_eq!(
        bilateral(MONTHLY, "MLT-KAZ"),
        [row("2024-08", "EUR", "100", "")]
    );
    let report = check(MONTHLY);
    assert!(
        report.contains("line 4: field 'REPORTER': 'Euro area - 20 countries (AT, BE, CY, DE, EE, ES, FI, FR, GR, HR, IE, IT, LT, LU, LV, MT, NL, PT, SI, SK)' is a group of Eurostat's with no native code"),
        "{report}"
    );
}
