//! Product data (issue 22): classifications that change between years, the
//! names each source gives, the layouts whose product rows are kept; each
//! printed table compared with figures worked by hand from the fixtures in
//! tests/fixtures/products.

use crate::common::run;

const HS17_2021: &str = "tests/fixtures/products/BACI_HS17_Y2021_V202401b.csv";
const HS22_2022: &str = "tests/fixtures/products/BACI_HS22_Y2022_V202401b.csv";
const HS22_2023: &str = "tests/fixtures/products/BACI_HS22_Y2023_V202401b.csv";

/// The printed lines of a successful run.
fn print(args: &[&str]) -> Vec<String> {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout.lines().map(str::to_string).collect()
}

/// The records of a printed table (header and notes left out), as fields.
fn records(lines: &[String]) -> Vec<Vec<String>> {
    let body: Vec<&str> = lines
        .iter()
        .skip(1)
        .filter(|line| !line.starts_with('#'))
        .map(String::as_str)
        .collect();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.join("\n").as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A products table's (code, name, value, share, growth) columns.
fn table(lines: &[String]) -> Vec<(String, String, String, String, String)> {
    records(lines)
        .into_iter()
        .map(|f| {
            (
                f[5].clone(),
                f[6].clone(),
                f[7].clone(),
                f[9].clone(),
                f[10].clone(),
            )
        })
        .collect()
}

/// A products table's (code, value, growth) columns.
fn growth(lines: &[String]) -> Vec<(String, String, String)> {
    table(lines)
        .into_iter()
        .map(|(code, _, value, _, growth)| (code, value, growth))
        .collect()
}

fn row3(code: &str, value: &str, growth: &str) -> (String, String, String) {
    (code.into(), value.into(), growth.into())
}

fn notes(lines: &[String]) -> Vec<&str> {
    lines
        .iter()
        .filter_map(|line| line.strip_prefix("# "))
        .collect()
}

/// RUS->CHN exports in three BACI files: 2021 in HS 2017 (H5), 2022 and
/// 2023 in HS 2022 (H6), where flat panel display modules left 852990 for
/// the new heading 8524 and 854140 split into 854141-854149.
fn three_years(extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "--data", HS17_2021, "--data", HS22_2022, "--data", HS22_2023, "--print", "products",
        "--pair", "RUS-CHN",
    ];
    args.extend_from_slice(extra);
    print(&args)
}

#[test]
fn growth_across_two_hs_revisions_is_not_computed_below_the_chapter() {
    // 852990 is 500 thousand in 2021 (H5) and 100 in 2022 (H6): the same
    // code, no longer holding display modules; -80% would be a wrong number.
    let lines = three_years(&["--period", "2022", "--level", "hs6"]);
    assert_eq!(
        growth(&lines),
        [
            row3("270900", "60000000", ""),
            row3("854142", "900000", ""),
            row3("852411", "450000", ""),
            row3("854141", "400000", ""),
            row3("852990", "100000", ""),
            row3("TOTAL", "61850000", ""),
        ]
    );
    assert!(records(&lines)[0][4] == "HS 2022 (H6)", "{lines:?}");
    assert!(
        notes(&lines).contains(
            &"growth not computed: 2021 is in HS 2017 (H5) and 2022 in HS 2022 (H6), whose codes below the chapter changed meaning between revisions; compare chapters instead"
        ),
        "{lines:?}"
    );
    let headings = three_years(&["--period", "2022", "--level", "heading"]);
    assert!(growth(&headings).iter().all(|(_, _, g)| g.is_empty()));
    assert!(
        notes(&headings)
            .iter()
            .any(|n| n.starts_with("growth not computed"))
    );
}

#[test]
fn chapters_are_compared_across_revisions() {
    // Chapter 27: 60,000 / 50,000 thousand = +20%; chapter 85: (100 + 450 +
    // 400 + 900) / (500 + 1,000) = 1,850 / 1,500 = +23.33%.
    let lines = three_years(&["--period", "2022", "--level", "chapter"]);
    assert_eq!(
        growth(&lines),
        [
            row3("27", "60000000", "20.00"),
            row3("85", "1850000", "23.33"),
            row3("TOTAL", "61850000", ""),
        ]
    );
    assert!(
        notes(&lines).contains(
            &"growth compares chapters across classifications (HS 2017 (H5) in 2021, HS 2022 (H6) in 2022): chapters keep their meaning between HS revisions"
        ),
        "{lines:?}"
    );
}

#[test]
fn growth_within_one_revision_is_computed_at_hs6() {
    // 2023 on 2022, both H6: every product +10% (852990 110 / 100).
    let lines = three_years(&["--period", "2023", "--level", "hs6"]);
    let rows = growth(&lines);
    assert_eq!(rows[0], row3("270900", "66000000", "10.00"));
    assert_eq!(rows[4], row3("852990", "110000", "10.00"));
    assert!(!notes(&lines).iter().any(|n| n.starts_with("growth")));
}

#[test]
fn a_series_that_changes_revision_says_so() {
    for period in ["2021", "2022", "2023"] {
        let lines = three_years(&["--period", period]);
        assert!(
            notes(&lines).contains(
                &"the series changes classification: HS 2017 (H5) 2021, HS 2022 (H6) 2022-2023"
            ),
            "{period}: {lines:?}"
        );
    }
    let one = print(&[
        "--data", HS22_2022, "--data", HS22_2023, "--print", "products", "--pair", "RUS-CHN",
    ]);
    assert!(
        !notes(&one)
            .iter()
            .any(|n| n.contains("changes classification"))
    );
}
