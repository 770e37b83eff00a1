//! Product rows (issue 22): kept from each layout, shown at a level with
//! the pair's total, the remainder and the complete-level rule, and the
//! partners for one product; figures worked by hand from the fixtures.

use crate::common::{BACI, run};

const AG2: &str = "tests/fixtures/import/comtrade_ag2_products.csv";
const FIVE_DIVISIONS: &str = "tests/fixtures/import/comtrade_sitc_five_divisions.csv";

fn print(args: &[&str]) -> Vec<String> {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout.lines().map(str::to_string).collect()
}

/// The arguments of `--print products` for `pair`, from the file `data`
/// (the embedded data for `None`), then `more`.
fn products_args<'a>(data: Option<&'a str>, pair: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["--print", "products", "--pair", pair];
    if let Some(data) = data {
        args.extend(["--data", data]);
    }
    args.extend(more);
    args
}

/// The lines `--print products` writes for `pair`; see [`products_args`].
fn products(data: Option<&str>, pair: &str, more: &[&str]) -> Vec<String> {
    print(&products_args(data, pair, more))
}

/// The (code, value, share) columns of a printed products table.
fn figures(lines: &[String]) -> Vec<(String, String, String)> {
    lines
        .iter()
        .skip(1)
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let n = fields.len();
            (
                fields[5].to_string(),
                fields[n - 8].to_string(),
                fields[n - 6].to_string(),
            )
        })
        .collect()
}

fn row(code: &str, value: &str, share: &str) -> (String, String, String) {
    (code.into(), value.into(), share.into())
}

#[test]
fn baci_chapters_are_summed_from_its_hs6_rows_and_make_its_total() {
    // CHN->RUS 2022: 847130 25,000.25 + 010121 1,000.5 + 270900 0.125
    // thousands: total 26,000,875 dollars.
    let lines = products(Some(BACI), "CHN-RUS", &[]);
    assert!(lines[1].contains("HS 1992 (H0)"), "{lines:?}");
    assert_eq!(
        figures(&lines),
        [
            row("84", "25000250", "96.15"),
            row("01", "1000500", "3.85"),
            row("27", "125", "0.00"),
            row("TOTAL", "26000875", "100.00"),
        ]
    );
    assert!(
        lines[1].contains("Nuclear reactors; boilers; machinery"),
        "built-in chapter name"
    );
    assert!(lines.last().unwrap().contains("BACI lists every product"));
}

#[test]
fn baci_rows_are_the_partners_imports_too() {
    // RUS->CHN 2022 exports: 270900 90,000 + 720851 500.5 thousands.
    let lines = products(
        Some(BACI),
        "CHN-RUS",
        &["--flow", "imports", "--level", "hs6"],
    );
    assert_eq!(
        figures(&lines),
        [
            row("270900", "90000000", "99.45"),
            row("720851", "500500", "0.55"),
            row("TOTAL", "90500500", "100.00"),
        ]
    );
}

#[test]
fn who_buys_a_product_ranks_the_reporters_partners() {
    // CHN's exports of 847130: RUS 25,000.25, KAZ 300 thousands (the row of
    // 'Other Asia, nes' is not used).
    let lines = print(&[
        "--data",
        BACI,
        "--print",
        "partners",
        "--reporter",
        "CHN",
        "--product",
        "847130",
    ]);
    assert_eq!(lines[1], "CHN,RUS,exports,2022,847130,25000250,98.81");
    assert_eq!(lines[2], "CHN,KAZ,exports,2022,847130,300000,1.19");
    // 98.8142^2 + 1.1858^2 = 9765.66 (shares unrounded)
    assert_eq!(lines[3], "# shares of the 2 partners listed; HHI 9766");
}

#[test]
fn comtrade_chapters_that_reach_the_total_leave_no_remainder() {
    let lines = products(Some(AG2), "CHN-RUS", &[]);
    assert_eq!(
        figures(&lines),
        [
            row("27", "600000", "60.00"),
            row("84", "400000", "40.00"),
            row("TOTAL", "1000000", "100.00"),
        ]
    );
    assert!(
        lines[1].contains("\"Mineral fuels, mineral oils"),
        "the file's cmdDesc"
    );
}

#[test]
fn comtrade_chapters_short_of_the_total_show_the_remainder() {
    let lines = products(Some(AG2), "CHN-RUS", &["--flow", "imports"]);
    assert_eq!(
        figures(&lines),
        [
            row("27", "300000", "30.00"),
            row("87", "200000", "20.00"),
            row("", "500000", "50.00"),
            row("TOTAL", "1000000", "100.00"),
        ]
    );
    assert!(lines[3].contains("Other products"));
    let sections = products(
        Some(AG2),
        "CHN-RUS",
        &["--flow", "imports", "--level", "section"],
    );
    assert!(
        sections[1].contains(",V,Mineral products,300000,"),
        "{sections:?}"
    );
    assert!(sections.last().unwrap().contains("a section may hold more"));
}

#[test]
fn products_without_a_total_are_listed_and_never_called_one() {
    let lines = products(Some(FIVE_DIVISIONS), "RUS-WLD", &[]);
    let figures = figures(&lines);
    assert_eq!(figures.len(), 5, "{lines:?}");
    assert!(
        figures
            .iter()
            .all(|(code, _, share)| code != "TOTAL" && share.is_empty())
    );
    assert!(lines.last().unwrap().contains("no total of this flow"));
}

#[test]
fn check_says_which_product_rows_each_file_keeps() {
    let (_, stdout, _) = run(&["--check", "--data", BACI]);
    assert!(
        stdout.contains("kept 6 product rows in 3 flow-periods (6 HS 1992 (H0), 6-digit)"),
        "{stdout}"
    );
}

#[test]
fn a_period_without_product_rows_is_an_error_naming_those_with_them() {
    let (code, _, stderr) = run(&products_args(Some(BACI), "CHN-RUS", &["--period", "2020"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("periods with product rows: 2022"),
        "{stderr}"
    );
}

#[test]
fn the_embedded_products_are_listed_products_of_the_embedded_totals() {
    // GACC via TASS: crude 58.37 and LNG 6.74 of 114.15 USD bn, 2022.
    let lines = products(
        None,
        "CHN-RUS",
        &[
            "--flow", "imports", "--period", "2022", "--level", "heading",
        ],
    );
    assert_eq!(
        figures(&lines),
        [
            row("2709", "58370000000", "51.13"),
            row("271111", "6740000000", "5.90"),
            row("", "49040000000", "42.96"),
            row("TOTAL", "114150000000", "100.00"),
        ]
    );
    assert!(lines[1].contains("Crude petroleum oils"));
    let half = products(
        None,
        "CHN-RUS",
        &[
            "--flow",
            "imports",
            "--period",
            "2023-01/2023-06",
            "--level",
            "heading",
        ],
    );
    assert!(
        half[1].contains(",2709,Crude petroleum oils,28000000000,USD,44.97,"),
        "{half:?}"
    );
}

#[test]
fn wits_product_groups_are_kept_as_overlapping_groups_never_a_total() {
    // All Products 1,000.5 thousand is the total; Capital goods 400.25 and
    // Fuels 100 are groups: 40.005% and 9.995% of it, no remainder.
    let file = "tests/fixtures/import/wits_product_groups.csv";
    let lines = products(Some(file), "USA-CHN", &["--flow", "imports"]);
    assert_eq!(
        figures(&lines),
        [
            row("Capital goods", "400250", "40.00"),
            row("Fuels", "100000", "10.00"),
            row("TOTAL", "1000500", "100.00"),
        ]
    );
    assert!(lines.last().unwrap().contains("no remainder is computed"));
    let (_, stdout, _) = run(&["--check", "--data", file]);
    assert!(
        stdout.contains("figures: 1 used"),
        "only All Products is total: {stdout}"
    );
}

#[test]
fn a_named_group_is_a_view_over_its_chapters_with_its_definition() {
    let lines = products(Some(BACI), "CHN-RUS", &["--product", "machinery"]);
    assert_eq!(
        figures(&lines),
        [
            row("84", "25000250", "96.15"),
            row("", "1000625", "3.85"),
            row("TOTAL", "26000875", "100.00"),
        ]
    );
    assert!(
        lines
            .iter()
            .any(|l| l == "# group: HS chapters 84-85 (section XVI): machinery and electronics")
    );
    let (code, _, stderr) = run(&products_args(
        Some(BACI),
        "CHN-RUS",
        &["--product", "grain"],
    ));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("nor a group (energy, agriculture"),
        "{stderr}"
    );
}
