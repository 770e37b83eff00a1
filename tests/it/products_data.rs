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

/// The lines `--print products` writes for `pair` from `files`, then `more`.
pub(crate) fn products(files: &[&str], pair: &str, more: &[&str]) -> Vec<String> {
    let mut args: Vec<&str> = files.iter().flat_map(|file| ["--data", file]).collect();
    args.extend(["--print", "products", "--pair", pair]);
    args.extend_from_slice(more);
    print(&args)
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

/// The columns of `--print products`, by their place in its header.
const CLASSIFICATION: usize = 4;
const CODE: usize = 5;
const NAME: usize = 6;
const VALUE: usize = 7;
const CURRENCY: usize = 8;
const SHARE: usize = 9;
const GROWTH: usize = 10;
const QUANTITY: usize = 11;
const QUANTITY_UNIT: usize = 12;
const MIRROR: usize = 13;
const MIRROR_GAP: usize = 14;

/// The fields `columns` of each record of a printed table, in order: a
/// table to compare with the expected one.
fn columns(lines: &[String], columns: &[usize]) -> Vec<Vec<String>> {
    records(lines)
        .into_iter()
        .map(|fields| columns.iter().map(|&at| fields[at].clone()).collect())
        .collect()
}

/// A products table's (code, value, growth) columns.
fn growth(lines: &[String]) -> Vec<Vec<String>> {
    columns(lines, &[CODE, VALUE, GROWTH])
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
    products(&[HS17_2021, HS22_2022, HS22_2023], "RUS-CHN", extra)
}

#[test]
fn growth_across_two_hs_revisions_is_not_computed_below_the_chapter() {
    // 852990 is 500 thousand in 2021 (H5) and 100 in 2022 (H6): the same
    // code, no longer holding display modules; -80% would be a wrong number.
    let lines = three_years(&["--period", "2022", "--level", "hs6"]);
    assert_eq!(
        growth(&lines),
        [
            ["270900", "60000000", ""],
            ["854142", "900000", ""],
            ["852411", "450000", ""],
            ["854141", "400000", ""],
            ["852990", "100000", ""],
            ["TOTAL", "61850000", ""],
        ]
    );
    assert!(
        records(&lines)[0][CLASSIFICATION] == "HS 2022 (H6)",
        "{lines:?}"
    );
    assert!(
        notes(&lines).contains(
            &"growth not computed: 2021 is in HS 2017 (H5) and 2022 in HS 2022 (H6), whose codes below the chapter changed meaning between revisions; compare chapters instead"
        ),
        "{lines:?}"
    );
    let headings = three_years(&["--period", "2022", "--level", "heading"]);
    assert!(growth(&headings).iter().all(|row| row[2].is_empty()));
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
            ["27", "60000000", "20.00"],
            ["85", "1850000", "23.33"],
            ["TOTAL", "61850000", ""],
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
    assert_eq!(rows[0], ["270900", "66000000", "10.00"]);
    assert_eq!(rows[4], ["852990", "110000", "10.00"]);
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
    let one = products(&[HS22_2022, HS22_2023], "RUS-CHN", &[]);
    assert!(
        !notes(&one)
            .iter()
            .any(|n| n.contains("changes classification"))
    );
}

const NAMED: &str = "tests/fixtures/products/baci_names/BACI_HS22_Y2022_V202501.csv";

#[test]
fn baci_product_names_are_read_from_the_product_codes_file_beside_it() {
    // RUS->CHN 2022: 270900 60,000 + 260111 3,000 + 720390 250.75 + 854231
    // 40 + 010121 12.5 thousand = 63,303,250 dollars.
    let lines = products(&[NAMED], "RUS-CHN", &["--level", "hs6"]);
    let rows = columns(&lines, &[CODE, NAME, VALUE, SHARE]);
    let named = |code: &str| rows.iter().find(|row| row[0] == code).unwrap()[1..].to_vec();
    assert_eq!(
        named("270900"),
        [
            "Petroleum oils and oils obtained from bituminous minerals: crude",
            "60000000",
            "94.78"
        ]
    );
    assert_eq!(
        named("720390"),
        [
            "Ferrous products: spongy ferrous products and iron having a minimum purity by weight of 99.94%, in lumps, pellets or similar forms",
            "250750",
            "0.40"
        ],
        "a quoted description with commas"
    );
    assert_eq!(
        named("010121"),
        ["Horses: live, pure-bred breeding animals", "12500", "0.02"]
    );
    assert_eq!(
        named("854231"),
        ["", "40000", "0.06"],
        "not in the file: the code only"
    );
    assert_eq!(named("TOTAL")[1], "63303250");
    let (code, stdout, _) = run(&["--data", NAMED, "--check"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(
            "note: product names: 4 from tests/fixtures/products/baci_names/product_codes_HS22_V202501.csv"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("warnings: 0"), "{stdout}");
}

#[test]
fn a_bad_product_codes_file_is_a_warning_and_its_good_rows_are_used() {
    let bad = "tests/fixtures/products/baci_bad_names/BACI_HS12_Y2015_V202401.csv";
    let (code, stdout, _) = run(&["--data", bad, "--check"]);
    assert_eq!(code, 0, "names are not figures: {stdout}");
    assert!(stdout.contains("warnings: 1"), "{stdout}");
    assert!(
        stdout.contains(
            "names: tests/fixtures/products/baci_bad_names/product_codes_HS12_V202401.csv:2: 2 rows not read as a product name"
        ),
        "{stdout}"
    );
    let lines = products(&[bad], "RUS-CHN", &["--level", "hs6"]);
    let rows = columns(&lines, &[CODE, NAME, VALUE]);
    assert_eq!(
        rows[0][..2],
        [
            "270900",
            "Petroleum oils and oils obtained from bituminous minerals: crude"
        ]
    );
    assert_eq!(rows[1][..2], ["260111", ""]);
    assert_eq!(rows[2][2], "63000000", "the figures are untouched");

    // Another version of the same revision, in another layout: not read, said.
    let other = "tests/fixtures/products/baci_wrong_header/BACI_HS12_Y2015_V202401.csv";
    let (code, stdout, _) = run(&["--data", other, "--check"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains(
            "product_codes_HS12_V202301.csv:1: product names not read: the header is 'HS6;Label', not CEPII's 'code,description'"
        ),
        "{stdout}"
    );
}

#[test]
fn a_baci_file_alone_has_no_names_file_and_no_warning() {
    let (code, stdout, _) = run(&["--data", HS22_2022, "--check"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("warnings: 0"), "{stdout}");
    assert!(!stdout.contains("product names"), "{stdout}");
}

pub(crate) const SITC_NO_DESC: &str = "tests/fixtures/products/comtrade_sitc_divisions_no_desc.csv";

#[test]
fn sitc_divisions_without_a_description_take_sitc_rev4s_names() {
    // KAZ->CHN 2021: TOTAL 10,000,000; divisions 33 6,000,000 + 28
    // 1,500,000 + 68 1,000,000 + 67 500,000 = 9,000,000, so 1,000,000 are
    // other products.
    let lines = products(&[SITC_NO_DESC], "KAZ-CHN", &["--level", "chapter"]);
    assert_eq!(
        columns(&lines, &[CODE, NAME, VALUE, SHARE]),
        [
            [
                "33",
                "Petroleum, petroleum products and related materials",
                "6000000",
                "60.00"
            ],
            [
                "28",
                "Metalliferous ores and metal scrap",
                "1500000",
                "15.00"
            ],
            ["68", "Non-ferrous metals", "1000000", "10.00"],
            [
                "67",
                "Iron and steel (the file's own words)",
                "500000",
                "5.00"
            ],
            ["", "Other products", "1000000", "10.00"],
            [
                "TOTAL",
                "Total (the pair's figure: UN Comtrade)",
                "10000000",
                "100.00"
            ],
        ],
        "built-in names where the file has none; the file's own first"
    );
    assert!(records(&lines)[0][CLASSIFICATION] == "SITC Rev. 4");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_comtrade_sitc_divisions_download_shows_its_own_names() {
    let file = concat!(env!("EURASIA_REALDATA_DIR"), "/ibe_comtrade2.csv");
    let lines = products(
        &[file],
        "CHN-RUS",
        &["--period", "2014", "--level", "chapter"],
    );
    let rows = columns(&lines, &[CODE, NAME, VALUE]);
    let name = |code: &str| rows.iter().find(|row| row[0] == code).unwrap()[1].clone();
    // The file's Commodity, not SITC Rev. 4's own wording ("Furniture, and
    // parts thereof", "division 56").
    assert_eq!(
        name("82"),
        "Furniture and parts thereof; bedding, mattresses, mattress supports, cushions and similar stuffed furnishings"
    );
    assert!(name("27").contains("other than those of Division 56"));
    assert_eq!(name("84"), "Articles of apparel and clothing accessories");
    // The README's figure: every division summed is the total.
    assert_eq!(rows.last().unwrap()[2], "53676944136");
    // Sections are not in the file: summed from its complete divisions,
    // named from the built-in table.
    let sections = products(
        &[file],
        "CHN-RUS",
        &["--period", "2014", "--level", "section"],
    );
    let rows = columns(&sections, &[CODE, NAME, VALUE]);
    assert_eq!(rows[0][..2], ["8", "Miscellaneous manufactured articles"]);
    assert_eq!(rows.last().unwrap()[2], "53676944136");
    assert!(
        notes(&sections)
            .contains(&"summed from the file's 2-digit products, which sum to the total")
    );
}

const RELATIONAL: &str = "tests/fixtures/products/comext_relational_products.csv";

#[test]
fn comext_relational_view_products_are_kept_with_their_labels() {
    // EU27->CHN 2022 exports: TOTAL 1,000,000 euros; chapters 84 400,000 +
    // 85 250,000 + 87 150,000 = 800,000 (87's '1-Normal' procedure row is a
    // part of the flow, not read), so 200,000 are other products.
    let lines = products(&[RELATIONAL], "EU-CHN", &["--level", "chapter"]);
    assert_eq!(
        columns(&lines, &[CODE, VALUE, SHARE]),
        [
            ["84", "400000", "40.00"],
            ["85", "250000", "25.00"],
            ["87", "150000", "15.00"],
            ["", "200000", "20.00"],
            ["TOTAL", "1000000", "100.00"],
        ]
    );
    assert_eq!(
        records(&lines)[2][NAME],
        "VEHICLES OTHER THAN RAILWAY OR TRAMWAY ROLLING STOCK, AND PARTS AND ACCESSORIES THEREOF",
        "the label of the cell, after its code"
    );
    assert_eq!(records(&lines)[0][CURRENCY], "EUR");
    assert_eq!(records(&lines)[0][CLASSIFICATION], "CN");
    // Sections of the chapters listed: XVI 650,000, XVII 150,000.
    let sections = products(&[RELATIONAL], "EU-CHN", &["--level", "section"]);
    let rows = columns(&sections, &[CODE, VALUE]);
    assert_eq!(rows[..2], [["XVI", "650000"], ["XVII", "150000"]]);

    // EU27->RUS: one CN8 code of 120,000 in a total of 500,000 (24%); the
    // row of chapter 84 has no value (missing, not zero): not kept.
    let lines = products(&[RELATIONAL], "EU-RUS", &["--level", "hs6"]);
    assert_eq!(
        columns(&lines, &[CODE, VALUE, SHARE]),
        [
            ["30049000", "120000", "24.00"],
            ["", "380000", "76.00"],
            ["TOTAL", "500000", "100.00"],
        ]
    );
    assert!(
        notes(&lines)
            .iter()
            .any(|n| n.starts_with("listed products"))
    );
}

#[test]
fn comext_relational_view_products_are_no_total() {
    // Only the TOTAL rows are figures: 2 of 8 rows; the 6 others are listed
    // with their reasons, the 4 product rows kept as products.
    let (code, stdout, _) = run(&["--data", RELATIONAL, "--check"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("rows: 8 read, 0 skipped, 6 not used; figures: 2 used"),
        "{stdout}"
    );
    assert!(
        stdout.contains("kept 4 product rows in 2 flow-periods (4 CN, 2-digit and 8-digit)"),
        "{stdout}"
    );
    assert!(stdout.contains(
        "line 3: field 'PRODUCT': product '84-NUCLEAR REACTORS, BOILERS, MACHINERY AND MECHANICAL APPLIANCES; PARTS THEREOF' is commodity detail, not total trade: kept as a product row"
    ));
}

/// A products table's (code, quantity, unit) columns.
fn quantities(lines: &[String]) -> Vec<Vec<String>> {
    columns(lines, &[CODE, QUANTITY, QUANTITY_UNIT])
}

#[test]
fn baci_quantities_are_kept_in_tonnes_and_summed_only_when_all_are_known() {
    // RUS->CHN 2022 (H6): q 270900 1,100; 852411 0.5; 852990 0.5; 854141
    // 0.25; 854142 0.5 tonnes. Chapter 85: 0.5 + 0.5 + 0.25 + 0.5 = 1.75.
    let lines = products(&[HS22_2022], "RUS-CHN", &["--level", "chapter"]);
    assert_eq!(
        quantities(&lines),
        [["27", "1100", "t"], ["85", "1.75", "t"], ["TOTAL", "", ""]]
    );
    assert!(lines[0].contains(",quantity,quantity_unit,"));
    // The first fixture's quantities: 'NA' and blank are none, and a chapter
    // with a product of no quantity has none (a sum of some is not its
    // quantity); '   12.300' is 12.3.
    let baci = "tests/fixtures/import/BACI_HS92_Y2022_V202401.csv";
    let lines = products(&[baci], "CHN-RUS", &["--level", "hs6"]);
    assert_eq!(
        quantities(&lines),
        [
            ["847130", "", ""],
            ["010121", "2.5", "t"],
            ["270900", "", ""],
            ["TOTAL", "", ""]
        ]
    );
    let lines = products(&[baci], "CHN-RUS", &["--flow", "imports"]);
    assert_eq!(
        quantities(&lines),
        [
            ["27", "1200000", "t"],
            ["72", "12.3", "t"],
            ["TOTAL", "", ""]
        ]
    );
}

const BOTH_SIDES: &str = "tests/fixtures/products/comtrade_both_sides_hs6.csv";

#[test]
fn comtrade_quantities_in_their_unit_else_the_net_weight() {
    // 870323: qty 50 u; 271019: no qty (N/A), net weight 400,000 kg;
    // 854231: neither (zeros are Comtrade's "not reported").
    let lines = products(&[BOTH_SIDES], "CHN-RUS", &["--level", "hs6"]);
    assert_eq!(
        quantities(&lines),
        [
            ["870323", "50", "u"],
            ["271019", "400000", "kg"],
            ["854231", "", ""],
            ["", "", ""],
            ["TOTAL", "", ""],
        ]
    );
}

/// A products table's (code, value, mirror, gap) columns.
fn mirrors(lines: &[String]) -> Vec<Vec<String>> {
    columns(lines, &[CODE, VALUE, MIRROR, MIRROR_GAP])
}

#[test]
fn each_product_has_the_partners_own_report_with_the_gap() {
    // China's exports to Russia and Russia's imports from China: 870323
    // 500,000 against 560,000 (+12%); 271019 300,000 against 290,000
    // (290/300 - 1 = -3.33%); 854231 is not in Russia's list (unknown, not
    // zero).
    let lines = products(&[BOTH_SIDES], "CHN-RUS", &["--level", "hs6"]);
    assert_eq!(
        mirrors(&lines),
        [
            ["870323", "500000", "560000", "12.00"],
            ["271019", "300000", "290000", "-3.33"],
            ["854231", "100000", "", ""],
            ["", "100000", "", ""],
            ["TOTAL", "1000000", "", ""],
        ]
    );
    assert!(
        notes(&lines)
            .iter()
            .any(|n| n.starts_with("mirror: the partner's own report"))
    );
    // The other way: 500/560 - 1 = -10.71%; 300/290 - 1 = +3.45%.
    let lines = products(
        &[BOTH_SIDES],
        "RUS-CHN",
        &["--flow", "imports", "--level", "hs6"],
    );
    assert_eq!(
        mirrors(&lines)[..3],
        [
            ["870323", "560000", "500000", "-10.71"],
            ["271019", "290000", "300000", "3.45"],
            ["940360", "50000", "", ""],
        ]
    );
}

#[test]
fn baci_gives_no_mirror_its_flows_being_one_figure() {
    let baci = "tests/fixtures/import/BACI_HS92_Y2022_V202401.csv";
    let lines = products(&[baci], "CHN-RUS", &[]);
    assert!(mirrors(&lines).iter().all(|row| row[2].is_empty()));
    assert!(!notes(&lines).iter().any(|n| n.starts_with("mirror")));
}

#[test]
fn a_reporters_trade_with_the_world_is_summed_over_its_baci_partners() {
    // CHN's exports 2022: to RUS 847130 25,000.25 + 010121 1,000.5 + 270900
    // 0.125, to KAZ 847130 300 thousand: chapter 84 = 25,300,250 dollars,
    // the world total (BACI's sum of all partners) 26,300,875.
    let baci = "tests/fixtures/import/BACI_HS92_Y2022_V202401.csv";
    let lines = products(&[baci], "CHN-WLD", &[]);
    assert_eq!(
        growth(&lines),
        [
            ["84", "25300250", ""],
            ["01", "1000500", ""],
            ["27", "125", ""],
            ["TOTAL", "26300875", ""],
        ]
    );
    assert!(
        notes(&lines).contains(
            &"the world: summed over the products of 2 partners, as BACI lists every flow"
        )
    );
    // RUS's imports: from CHN 26,000,875, and 77,700 of 'Other Asia, nes'
    // (490), which is in the world's total but in no partner's products.
    let lines = products(&[baci], "RUS-WLD", &["--flow", "imports"]);
    let rows = columns(&lines, &[CODE, NAME, VALUE, SHARE]);
    assert_eq!(rows[3][1..], ["Other products", "77700", "0.30"]);
    assert_eq!(rows[4][2], "26078575");
    assert!(
        notes(&lines)
            .iter()
            .any(|n| n.contains("'Other Asia, nes'"))
    );
}

#[test]
fn a_relational_download_of_labels_only_keeps_its_products_as_labels() {
    // EU27->CHN 2016 in French, labels only: a total of 2,000,000 euros,
    // crude petroleum 300,000 (15%), wine 100,000 (5%); without codes the
    // products may overlap, so no remainder is made of them.
    let file = "tests/fixtures/products/comext_relational_products_fr.csv";
    let lines = products(&[file], "EU-CHN", &[]);
    let rows = columns(&lines, &[NAME, VALUE, SHARE]);
    assert_eq!(
        rows,
        [
            [
                "Huiles de pétrole ou de minéraux bitumineux, brutes",
                "300000",
                "15.00"
            ],
            ["Vins de raisins frais", "100000", "5.00"],
            [rows[2][0].as_str(), "2000000", "100.00"],
        ]
    );
    assert_eq!(
        records(&lines)[0][CLASSIFICATION],
        "Comext products by label"
    );
    assert!(notes(&lines).iter().any(|n| n.contains("may overlap")));
}
