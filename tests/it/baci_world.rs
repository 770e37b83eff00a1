//! BACI's world total: each country's exports to and imports from all its
//! partners in the file, summed exactly, so that partner shares and the HHI
//! work on a BACI year; a pair-year not summed (a product listed twice)
//! makes the totals it is part of unknown, never partial.

use crate::common::{baci_year, row_2022, run};
use eurasia_dash::data::build;
use eurasia_dash::data::model::Area;
use eurasia_dash::view::partners::PartnersView;

/// A whole BACI year of three countries, every pair both ways, and a row of
/// China's exports to 490 "Other Asia, nes" (no pair, but part of China's
/// exports to the world). In dollars: CHN→RUS 150,500, RUS→CHN 200,000,
/// CHN→KAZ 30,000, KAZ→CHN 20,000, RUS→KAZ 10,000, KAZ→RUS 5,000,
/// CHN→490 19,500.25. CHN exports to WLD 200,000.25, imports 220,000.
const YEAR: &str = "t,i,j,k,v,q\n\
2022,156,643,010121,100,1\n\
2022,156,643,847130,50.5,1\n\
2022,643,156,270900,200,1\n\
2022,156,398,847130,30,1\n\
2022,398,156,270900,20,1\n\
2022,643,398,270900,10,1\n\
2022,398,643,010121,5,1\n\
2022,156,490,847130,19.50025,1\n";

#[test]
fn each_countrys_world_total_is_the_exact_sum_of_all_its_partners() {
    let file = baci_year(YEAR);
    let row = row_2022(file.path(), "CHN-WLD");
    assert!(
        row.starts_with("CHN,WLD,2022,USD,200000.25,220000,420000.25,derived,-19999.75,"),
        "{row}"
    );
    assert!(row.contains("\"sum of all partners, BACI"), "{row}");
    let row = row_2022(file.path(), "KAZ-WLD");
    assert!(row.starts_with("KAZ,WLD,2022,USD,25000,40000,"), "{row}");
    let row = row_2022(file.path(), "RUS-WLD");
    assert!(row.starts_with("RUS,WLD,2022,USD,210000,155500,"), "{row}");
}

#[test]
fn a_bacis_partner_shares_and_hhi_come_from_its_world_totals() {
    let file = baci_year(YEAR);
    let (code, stdout, stderr) = run(&[
        "--print",
        "partners",
        "--reporter",
        "CHN",
        "--data",
        file.path(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    // 350,500 and 50,000 of 420,000.25.
    assert!(
        lines[1].starts_with("CHN,RUS,2022,USD,350500,derived,83.452331278"),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("CHN,KAZ,2022,USD,50000,derived,11.904754818"),
        "{stdout}"
    );
    assert!(
        lines[3].starts_with("CHN,other partners,2022,USD,19500.25,derived,4.642913903"),
        "{stdout}"
    );
    let data = build::load_files(&[file.path()], None, false).expect("the year loads");
    let view = PartnersView::new(&data, Area::known("CHN"));
    let hhi = view.concentration.expect("an HHI of WLD shares");
    let (rus, kaz) = (
        350_500.0 / 420_000.25 * 100.0,
        50_000.0 / 420_000.25 * 100.0,
    );
    assert!(
        (hhi.points - (rus * rus + kaz * kaz)).abs() < 1e-9,
        "{hhi:?}"
    );
    assert_eq!((hhi.basis, hhi.partners), ("shares of WLD trade", 2));
}

#[test]
fn a_product_listed_twice_makes_the_world_totals_it_is_part_of_unknown() {
    let repeated = format!("{YEAR}2022,156,643,847130,50.5,1\n");
    let file = baci_year(&repeated);
    // CHN's exports and RUS's imports lack CHN→RUS: neither is a sum.
    let row = row_2022(file.path(), "CHN-WLD");
    assert!(row.starts_with("CHN,WLD,2022,USD,,220000,"), "{row}");
    let row = row_2022(file.path(), "RUS-WLD");
    assert!(row.starts_with("RUS,WLD,2022,USD,210000,,"), "{row}");
    let (_, stdout, _) = run(&["--check", "--data", file.path()]);
    assert!(
        stdout.contains("note: summed each country's flows with all partners into 4 world totals (WLD); 2 world totals not made"),
        "{stdout}"
    );
}

#[test]
fn a_skipped_row_leaves_no_world_total() {
    let bad = format!("{YEAR}2022,156,643,12,50.5,1\n");
    let file = baci_year(&bad);
    let (_, stdout, _) = run(&["--check", "--lenient", "--data", file.path()]);
    assert!(
        stdout.contains("no sum of all partners (WLD): 1 row skipped, each possibly part of one"),
        "{stdout}"
    );
    assert!(!stdout.contains("CHN-WLD"), "{stdout}");
}
