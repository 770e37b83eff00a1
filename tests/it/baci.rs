//! CEPII BACI files: a fixture in BACI's layout with figures summed by hand
//! (tests/fixtures/import/README.md), and its errors.

use crate::common::{BACI, TempFile, row_2022, run};
use eurasia_dash::data::load::format::{self, Format};
use eurasia_dash::data::model::Texts;

#[test]
fn a_baci_year_sums_its_products_into_each_pairs_exports_and_imports() {
    let row = row_2022(BACI, "CHN-RUS");
    assert!(
        row.starts_with("CHN,RUS,2022,USD,26000875,90500500,116501375,derived,-64499625,"),
        "{row}"
    );
    assert!(row.contains("CEPII BACI"), "{row}");
    assert!(
        row.ends_with(",\"sum of HS6 products, BACI; BACI lists only positive flows: a pair absent from a year is zero trade only within a BACI file\""),
        "{row}"
    );
    let row = row_2022(BACI, "RUS-CHN");
    assert!(
        row.starts_with("RUS,CHN,2022,USD,90500500,26000875,116501375,"),
        "{row}"
    );
    let row = row_2022(BACI, "KAZ-CHN");
    assert!(row.starts_with("KAZ,CHN,2022,USD,,300000,"), "{row}");
}

#[test]
fn the_check_report_says_what_was_summed_and_what_was_not_used() {
    let (code, stdout, _) = run(&["--check", "--data", BACI]);
    // Warnings: RUS and KAZ have world totals, the other EAEU members none.
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("BACI_HS92_Y2022_V202401.csv (CEPII BACI)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("rows: 7 read, 0 skipped, 1 not used; figures: 11 used"),
        "{stdout}"
    );
    assert!(
        stdout.contains("'Other Asia, nes' (490) is a regional or statistical aggregate"),
        "{stdout}"
    );
    assert!(
        stdout.contains("summed 6 product rows (HS6) into 3 exporter-importer-year totals"),
        "{stdout}"
    );
}

#[test]
fn bad_baci_rows_are_errors_naming_line_and_field() {
    let header = "t,i,j,k,v,q\n2022,156,643,010121,1,1\n";
    for (row, said) in [
        ("2022,156,643,010121,-5,1", ":3: field 'v': -5 is negative"),
        (
            "2022,156,999,010121,5,1",
            ":3: field 'j': '999' is not an ISO 3166 numeric area code",
        ),
        (
            "2022,0,643,010121,5,1",
            ":3: field 'i': '0' is WLD, not a country: BACI lists flows between countries",
        ),
        ("22,156,643,010121,5,1", ":3: field 't': '22' is not a year"),
        (
            "2022,156,643,01A121,5,1",
            ":3: field 'k': '01A121' is not an HS 6-digit product code",
        ),
        ("2022,156,643,010121,1e400,1", ":3: field 'v': "),
        ("2022,156,156,010121,5,1", ":3: field 'j': "),
    ] {
        let file = TempFile::new("BACI_bad.csv", &format!("{header}{row}\n"));
        let (code, _, stderr) = run(&["--check", "--data", file.path()]);
        assert_eq!(code, 2, "{row}: {stderr}");
        assert!(stderr.contains(said), "{row}: {stderr}");
    }
}

#[test]
fn format_baci_forces_the_loader_and_a_wrong_header_says_so() {
    let file = TempFile::new("not-baci.csv", "t,i,j,k,value\n2022,156,643,010121,1\n");
    let (code, _, stderr) = run(&["--check", "--format", "baci", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("field 'v': the header has no 'v' column"),
        "{stderr}"
    );
}

#[test]
fn a_sum_of_many_products_carries_no_rounding_noise() {
    // Ten products of 0.01 thousand: summed as floats, 99.99999999999999.
    let mut text = String::from("t,i,j,k,v,q\n");
    for product in 0..10 {
        text.push_str(&format!("2022,156,643,0101{product:02},0.01,NA\n"));
    }
    let mut texts = Texts::default();
    let load = format::parse_as(Format::Baci, "t.csv", text.as_bytes(), &mut texts, false).unwrap();
    let values: Vec<f64> = load.observations.iter().map(|o| o.value).collect();
    assert_eq!(
        values,
        [100.0, 100.0, 100.0, 100.0],
        "exports and imports, and the two world totals, exactly"
    );
    // Values of more decimals keep what they have.
    let text = "t,i,j,k,v,q\n2022,156,643,010101,0.1234,NA\n2022,156,643,010102,1,NA\n";
    let load = format::parse_as(Format::Baci, "t.csv", text.as_bytes(), &mut texts, false).unwrap();
    assert!((load.observations[0].value - 1123.4).abs() < 1e-9);
}
