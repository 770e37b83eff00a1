//! The real downloads in `../shared/realdata` (next to the repository, never
//! copied into it), run through the binary as a user would, against what its
//! README says a user expects of each. Where that directory is absent (a fresh
//! clone), every test is ignored (build.rs tells), never passed.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The folder of real downloads: every test reading it is ignored (by
/// build.rs) where it is absent, so reaching here without it is a failure.
fn realdata() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("EURASIA_REALDATA_DIR"));
    assert!(dir.is_dir(), "{} is absent: touch build.rs", dir.display());
    Some(dir)
}

/// Runs the program on one real file: exit code, stdout, stderr.
fn run(file: &str, args: &[&str]) -> Option<(i32, String, String)> {
    let path = realdata()?.join(file);
    let output = Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args(args)
        .arg("--data")
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    Some((
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    ))
}

/// `--check`: the report, which must have loaded with `status`.
fn check(file: &str, status: i32) -> Option<String> {
    let (code, stdout, stderr) = run(file, &["--check"])?;
    assert_eq!(code, status, "{file}: {stderr}{stdout}");
    Some(stdout)
}

/// `--check` on a file that cannot load: its one-line message.
fn load_error(file: &str) -> Option<String> {
    let (code, stdout, stderr) = run(file, &["--check"])?;
    assert_eq!(code, 2, "{file}: {stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    Some(stderr)
}

/// `--print bilateral --pair PAIR`: the row of `period`, as
/// (exports, imports) in whole dollars.
fn bilateral(file: &str, pair: &str, period: &str) -> Option<(String, String)> {
    let (code, stdout, stderr) = run(file, &["--print", "bilateral", "--pair", pair])?;
    assert_eq!(code, 0, "{file}: {stderr}");
    let row = stdout
        .lines()
        .find(|line| line.split(',').nth(2) == Some(period))
        .unwrap_or_else(|| panic!("{file}: no {pair} {period} in {stdout}"));
    let fields: Vec<&str> = row.split(',').collect();
    Some((fields[4].to_string(), fields[5].to_string()))
}

/// The pair has no figures at all: no view, no `--print`.
fn no_figures(file: &str, pair: &str) -> Option<()> {
    let (code, _, stderr) = run(file, &["--print", "bilateral", "--pair", pair])?;
    assert_eq!(code, 2, "{file}: {stderr}");
    assert!(
        stderr.contains(&format!("no trade figures for {pair}")),
        "{stderr}"
    );
    Some(())
}

const EXPECTED: [&str; 13] = [
    "anastasia_comtrade_error.csv",
    "asheshwor_comtrade_total_2017.csv",
    "cipf_dados_comtrade_2019-2021_TOTAL.csv",
    "estat_ds045409_sa_plastic_annual.csv",
    "ewp_semiconductor_trade.csv",
    "ibe_comtrade2.csv",
    "ibe_comtrade3.csv",
    "ibe_comtrade4.csv",
    "nik_TradeData_Services.csv",
    "nik_TradeData_comtradeplus.csv",
    "sstaple_comtrade_us_cn_2017.csv",
    "wits_partner_timeseries_export.csv",
    "wits_partner_world_2018.csv",
];

/// The folder of the files added on 2026-12-07 (the README's second table).
const ADDED: &str = "added-2026-12-07";

const EXPECTED_ADDED: [&str; 11] = [
    "baci_relabelled_hs3915_2018.csv",
    "comext_relview_eu27_exports_2016_fr.csv",
    "comext_relview_eu27_exports_2022.csv",
    "comext_relview_members_kaz_monthly.csv",
    "comtrade_legacy_eu28_ukr_hs1007.csv",
    "comtradeplus_web_tha_hs8542_2014on.csv",
    "imf_imts_dots_reduced_head.csv",
    "wits_partner_aus_2021_exports_imports.csv",
    "wits_partner_world_imports_2019.csv",
    "wits_product_usa_chn_2018.csv",
    "wits_ts_usa_imports_productgroup.csv",
];

fn csv_files(dir: PathBuf) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    files.sort();
    files
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn every_real_file_has_an_expectation_here() {
    let Some(dir) = realdata() else { return };
    assert_eq!(
        csv_files(dir.clone()),
        EXPECTED,
        "a real file was added or removed: add its test"
    );
    assert_eq!(
        csv_files(dir.join(ADDED)),
        EXPECTED_ADDED,
        "a real file was added or removed: add its test"
    );
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_comtrade_plus_website_download_loads_with_its_figures() {
    let file = "nik_TradeData_comtradeplus.csv";
    let Some(report) = check(file, 0) else { return };
    assert!(
        report.contains("rows: 1,352 read, 0 skipped, 22 not used; figures: 1,330 used"),
        "{report}"
    );
    assert!(
        report.contains("note: 20 rows hold text that is not UTF-8 (first: line 95, field 'partnerDesc'): descriptions are read as Windows-1252"),
        "{report}"
    );
    assert!(
        report.contains("'S19' is a regional or statistical aggregate"),
        "{report}"
    );
    // China with China (re-imports): no trade between two areas.
    assert!(
        report.contains("line 42: field 'partnerCode': the partner is the reporter (CHN)"),
        "{report}"
    );
    assert_eq!(
        bilateral(file, "CHN-RUS", "2022"),
        Some(("76122649188".into(), "114148970877".into()))
    );
    no_figures(file, "CHN-CHN");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn services_are_not_used_as_goods() {
    let file = "nik_TradeData_Services.csv";
    let Some(report) = check(file, 1) else { return };
    assert!(
        report.contains("rows: 120 read, 0 skipped, 120 not used; figures: 0 used"),
        "{report}"
    );
    assert!(
        report.contains("note: no figure of this file is used"),
        "{report}"
    );
    assert!(
        report.contains("field 'typeCode': services (typeCode S) are not merchandise trade"),
        "{report}"
    );
    no_figures(file, "CHN-WLD");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn numeric_codes_resolve_and_one_heading_is_not_total_trade() {
    let file = "ewp_semiconductor_trade.csv";
    let Some(report) = check(file, 1) else { return };
    assert!(
        report.contains("rows: 173 read, 0 skipped, 173 not used; figures: 0 used"),
        "{report}"
    );
    assert!(
        report.contains("note: no figure of this file is used"),
        "{report}"
    );
    assert!(
        report.contains("field 'cmdCode': HS (H3) headings 8542: not total trade"),
        "{report}"
    );
    assert!(report.contains("broken down by second partner"), "{report}");
    no_figures(file, "CHN-USA");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn a_comext_file_of_one_cn_code_is_read_in_euros_and_has_no_total_trade() {
    let file = "estat_ds045409_sa_plastic_annual.csv";
    let Some(report) = check(file, 1) else { return };
    // 27 reporters with WORLD, 2 flows, 8 years (2017-2024), product
    // 39199080 only: 432 quantity rows (QUANTITY_IN_100KG) and 432 values
    // in euros, counted with python and grep.
    for expected in [
        "estat_ds045409_sa_plastic_annual.csv (Eurostat Comext)",
        "rows: 864 read, 0 skipped, 864 not used; figures: 0 used",
        "note: no figure of this file is used",
        "note: no total-trade rows: the file's 432 rows of exports and imports are by commodity",
        "not used: 432 rows (first line 2, last 857): field 'indicators': a quantity (QUANTITY_IN_100KG), not a value",
        "not used: 432 rows (first line 10, last 865): field 'product': CN 8-digit codes 39199080: not total trade (only the product TOTAL is total trade in Eurostat Comext",
    ] {
        assert!(report.contains(expected), "{expected} in {report}");
    }
    no_figures(file, "AUT-WLD");
    no_figures(file, "GRC-WLD");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn all_sitc_divisions_sum_to_totals() {
    let Some(report) = check("ibe_comtrade2.csv", 0) else {
        return;
    };
    assert!(report.contains("figures: 50 used"), "{report}");
    assert!(report.contains("note: summed 3,071 commodity rows (SITC Rev. 4 divisions) into 50 totals: the file holds 65 of the 67 divisions (none of 91, 97)"), "{report}");
    assert_eq!(
        bilateral("ibe_comtrade2.csv", "CHN-RUS", "2014"),
        Some(("53676944136".into(), "41593505497".into()))
    );
    check("ibe_comtrade3.csv", 0);
    // Summed by hand from the file's 63 and 65 rows.
    assert_eq!(
        bilateral("ibe_comtrade3.csv", "CHN-RUS", "2018"),
        Some(("48005202953".into(), "58886549221".into()))
    );
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn five_sitc_divisions_are_no_total_and_other_asia_no_error() {
    let file = "ibe_comtrade4.csv";
    let Some(report) = check(file, 1) else { return };
    assert!(
        report.contains("rows: 3,026 read, 0 skipped, 3,026 not used; figures: 0 used"),
        "{report}"
    );
    assert!(
        report.contains("note: no figure of this file is used"),
        "{report}"
    );
    assert!(report.contains("20 rows (first line 93, last 2966): field 'Reporter Code': 'Other Asia, nes' (490) is a regional or statistical aggregate"), "{report}");
    assert!(report.contains("field 'Commodity Code': 5 of 67 SITC Rev. 4 divisions (75, 76, 77, 84, 89): not total trade"), "{report}");
    // One line per group, not per row.
    let groups = report
        .lines()
        .filter(|line| line.contains("not total trade"))
        .count();
    assert!(groups < 700, "{groups} lines for 3026 rows");
    no_figures(file, "RUS-WLD");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn legacy_totals_load_and_the_eaeu_is_incomplete() {
    let file = "asheshwor_comtrade_total_2017.csv";
    let Some(report) = check(file, 1) else { return };
    assert!(
        report.contains("rows: 288 read, 0 skipped, 62 not used; figures: 226 used"),
        "{report}"
    );
    assert!(
        report.contains("no trade with the world (WLD) from BLR"),
        "{report}"
    );
    assert_eq!(
        bilateral(file, "RUS-WLD", "2017"),
        Some(("359151975200".into(), "228212749973".into()))
    );
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn files_that_are_not_data_get_a_clear_message() {
    let expectations = [
        (
            "anastasia_comtrade_error.csv",
            ":1: the file says 'Query complexity: your query is too complex. Please simplify.': one column of text, not a header",
        ),
        (
            "cipf_dados_comtrade_2019-2021_TOTAL.csv",
            ":1: UN Comtrade columns, but not a Comtrade download as published: it lacks primaryValue; it is separated by semicolons",
        ),
        (
            "sstaple_comtrade_us_cn_2017.csv",
            ":1: field 'Period': the header has no 'Period' column (found: Classification,Year,Trade Flow Code",
        ),
    ];
    for (file, expected) in expectations {
        let Some(message) = load_error(file) else {
            return;
        };
        assert!(message.contains(file), "{message}");
        assert!(message.contains(expected), "{file}: {message}");
    }
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_wits_partner_table_loads_each_partners_exports_from_the_world() {
    let file = "wits_partner_world_2018.csv";
    let Some(report) = check(file, 0) else { return };
    assert!(report.contains("(World Bank WITS)"), "{report}");
    // 248 rows: 15 name an aggregate, a former area or a territory without a
    // code (two of them, lines 8 and 19, also have no value).
    assert!(
        report.contains("rows: 248 read, 0 skipped, 15 not used; figures: 233 used"),
        "{report}"
    );
    for said in [
        "line 170: field 'Partner Name': 'Other Asia, nes' is a regional or statistical aggregate",
        "line 192: field 'Partner Name': 'Serbia, FR(Serbia/Montenegro)' is a former area",
        "line 19: field 'Partner Name': 'Br. Antr. Terr' is a territory without an ISO 3166-1 code",
        "2 rows hold text that is not UTF-8 (first: line 30, field 'Partner Name')",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
    // Checked by hand in the file: " World,China,2018,Export,…,1680278563,9.07",
    // " World,Switzerland,…,272182398.6,…" (times 1000 in floating point,
    // 272182398600.00003), " World,Russian Federation,…,223053546.8,…",
    // " World,Cura\xe7ao,…,2048158.97,…" (Latin-1).
    for (pair, exports) in [
        ("WLD-CHN", "1680278563000"),
        ("WLD-CHE", "272182398600"),
        ("WLD-RUS", "223053546800"),
        ("WLD-KOR", "429847986600"),
        ("WLD-CUW", "2048158970"),
    ] {
        assert_eq!(
            bilateral(file, pair, "2018"),
            Some((exports.to_string(), String::new())),
            "{pair}"
        );
    }
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_wits_time_series_of_export_shares_is_not_used_as_shares_of_trade() {
    let file = "wits_partner_timeseries_export.csv";
    let Some(report) = check(file, 1) else { return };
    assert!(
        report.contains("rows: 11,644 read, 0 skipped, 11,644 not used; figures: 0 used"),
        "{report}"
    );
    // 10769 rows between two countries; the others name an aggregate, a former
    // area or a territory without a code, or a reporter with itself.
    for said in [
        "line 2: field 'Indicator': 'Export Partner Share (%)' is the partner's share of the reporter's exports, not of its total trade (trade_share) (10,769 rows like this one)",
        "line 175: field 'Partner Name': 'Other Asia, nes' is a regional or statistical aggregate or a special category, not a country (47 rows like this one)",
        "line 928: field 'Partner Name': 'Soviet Union' is a former area",
        "line 4179: field 'Partner Name': the partner is the reporter (BRA)",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
    no_figures(file, "RUS-WLD");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_worlds_partners_in_the_wits_table_are_listed_without_a_total() {
    // The table gives the world's exports to each partner and nothing else:
    // no total, so none is ranked, and every one of the 233 is listed.
    let file = "wits_partner_world_2018.csv";
    let args = ["--print", "partners", "--reporter", "WLD"];
    let Some((code, stdout, stderr)) = run(file, &args) else {
        return;
    };
    assert_eq!(code, 0, "{stderr}");
    let rows: Vec<&str> = stdout.lines().skip(1).collect();
    assert!(
        rows.iter()
            .all(|row| row.contains(",2018,USD,,no total: exports or imports only,")),
        "{stdout}"
    );
    assert!(rows.iter().any(|row| row.starts_with("WLD,CHN,")));
    assert_eq!(rows.len(), 232, "the 233 figures but WLD's own");
}

/// A file of the folder added on 2026-12-07.
fn added(file: &str) -> String {
    format!("{ADDED}/{file}")
}

/// Asserts that `report` says each of `said`.
fn says(report: &str, said: &[&str]) {
    for said in said {
        assert!(report.contains(said), "{said}: {report}");
    }
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn thailands_imports_of_one_heading_are_no_total_trade() {
    let file = added("comtradeplus_web_tha_hs8542_2014on.csv");
    let Some(report) = check(&file, 1) else {
        return;
    };
    says(
        &report,
        &[
            "rows: 1,178 read, 0 skipped, 1,178 not used; figures: 0 used",
            "note: no figure of this file is used",
            "HS (H4) headings 8542: not total trade",
            "11 rows (first line 63, last 1133): field 'partnerISO': 'S19' is a regional or statistical aggregate",
            "8 rows (first line 116, last 1073): field 'partnerISO': '_X' is a regional or statistical aggregate",
            "11 rows (first line 103, last 1167): field 'partnerCode': the partner is the reporter (THA)",
        ],
    );
    no_figures(&file, "THA-CHN");
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_eu28s_sorghum_exports_are_not_used_and_no_error() {
    let file = added("comtrade_legacy_eu28_ukr_hs1007.csv");
    let Some(report) = check(&file, 1) else {
        return;
    };
    says(
        &report,
        &[
            "rows: 21 read, 0 skipped, 21 not used; figures: 0 used",
            "21 rows (lines 2 to 22): field 'Reporter ISO': 'EU2' is a regional or statistical aggregate",
        ],
    );
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_wits_time_series_by_product_group_gives_us_imports() {
    let file = added("wits_ts_usa_imports_productgroup.csv");
    let Some(report) = check(&file, 0) else {
        return;
    };
    says(
        &report,
        &[
            "rows: 238 read, 0 skipped, 11 not used; figures: 5,927 used",
            "year cells of rows with figures are blank: missing figures, not zero",
        ],
    );
    for (pair, period, imports) in [
        ("USA-CHN", "2018", "563203119500"),
        ("USA-CHN", "1991", "20276389890"),
        ("USA-RUS", "2018", "21595991660"),
        ("USA-KAZ", "2018", "1434175129"),
        ("USA-KAZ", "1992", "23816320"),
        ("USA-BLR", "2018", "417808530"),
        ("USA-KGZ", "2018", "7742651"),
        ("USA-ARM", "2018", "55511582"),
    ] {
        assert_eq!(
            bilateral(&file, pair, period),
            Some((String::new(), imports.to_string())),
            "{pair} {period}"
        );
    }
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn only_all_products_of_the_wits_product_table_is_total() {
    let file = added("wits_product_usa_chn_2018.csv");
    let Some(report) = check(&file, 0) else {
        return;
    };
    says(
        &report,
        &[
            "rows: 21 read, 0 skipped, 20 not used; figures: 1 used",
            "line 3: field 'Product Group': product group 'Capital goods' is commodity detail, not total trade",
        ],
    );
    assert_eq!(
        bilateral(&file, "USA-CHN", "2018"),
        Some((String::new(), "563203119500".into()))
    );
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_wits_table_of_exports_and_imports_reads_both() {
    let file = added("wits_partner_aus_2021_exports_imports.csv");
    let Some(report) = check(&file, 0) else {
        return;
    };
    // 221 rows: 211 with a country or World, 10 aggregates or former areas.
    says(
        &report,
        &["rows: 221 read, 0 skipped, 10 not used; figures: 418 used"],
    );
    for (pair, exports, imports) in [
        ("AUS-CHN", "116817969900", "72858757970"),
        ("AUS-RUS", "183936890", "381039140"),
        ("AUS-KAZ", "12842960", "22453610"),
        ("AUS-WLD", "342036103300", "261586379500"),
    ] {
        assert_eq!(
            bilateral(&file, pair, "2021"),
            Some((exports.to_string(), imports.to_string())),
            "{pair}"
        );
    }
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn files_whose_unit_or_layout_is_not_known_are_refused_naming_why() {
    for (file, expected) in [
        (
            "wits_partner_world_imports_2019.csv",
            ":1: the value column is headed 'Import', without its unit",
        ),
        (
            "imf_imts_dots_reduced_head.csv",
            ":1: field 'SCALE.ID': the header has no 'SCALE.ID' column",
        ),
        (
            "baci_relabelled_hs3915_2018.csv",
            ":1: BACI's columns t, k and v, but not BACI's layout",
        ),
    ] {
        let Some(message) = load_error(&added(file)) else {
            return;
        };
        assert!(message.contains(file), "{message}");
        assert!(message.contains(expected), "{file}: {message}");
    }
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_comext_relational_views_are_read_in_euros() {
    let file = added("comext_relview_eu27_exports_2022.csv");
    let Some(report) = check(&file, 0) else {
        return;
    };
    says(
        &report,
        &[
            "(Eurostat Comext (relational view))",
            "rows: 240 read, 0 skipped, 3 not used; figures: 237 used",
        ],
    );
    for (pair, exports) in [
        ("EU-RUS", "55008109008"),
        ("EU-KAZ", "10347711062"),
        ("EU-CHN", "230402952075"),
        ("EU-BLR", "6561902389"),
        ("EU-KGZ", "1170905952"),
        ("EU-ARM", "1885578926"),
    ] {
        assert_eq!(
            bilateral(&file, pair, "2022"),
            Some((exports.to_string(), String::new())),
            "{pair}"
        );
    }
    let french = added("comext_relview_eu27_exports_2016_fr.csv");
    for (pair, exports) in [
        ("EU-RUS", "69284490691"),
        ("EU-KAZ", "4777231569"),
        ("EU-CHN", "153416390571"),
    ] {
        assert_eq!(
            bilateral(&french, pair, "2016"),
            Some((exports.to_string(), String::new())),
            "{pair}"
        );
    }
    let monthly = added("comext_relview_members_kaz_monthly.csv");
    // The EU27 row, not the 27 members added to it (nor the groups' rows).
    assert_eq!(
        bilateral(&monthly, "EU-KAZ", "2024-08"),
        Some(("921956331".into(), String::new()))
    );
    let Some(report) = check(&monthly, 0) else {
        return;
    };
    says(
        &report,
        &["rows: 31 read, 0 skipped, 3 not used; figures: 28 used"],
    );
}

#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn messages_on_real_files_say_why_and_stay_short() {
    let expectations: [(&str, &[&str], &str); 4] = [
        (
            "ibe_comtrade4.csv",
            &["--print", "bilateral", "--pair", "RUS-WLD"],
            "no trade figures for RUS-WLD; the data has no trade figures: no figure of its files is used",
        ),
        (
            "asheshwor_comtrade_total_2017.csv",
            &["--print", "partners", "--reporter", "RUS"],
            "reporters in the data: none: no reporter in the data has trade figures with two partners or more",
        ),
        (
            "nik_TradeData_comtradeplus.csv",
            &["--print", "bilateral", "--pair", "RUS-CHN"],
            "no trade figures for RUS-CHN; CHN-RUS has figures (CHN's report of its trade with RUS)",
        ),
        (
            "asheshwor_comtrade_total_2017.csv",
            &["--print", "eaeu"],
            "no EAEU partner shares: the data has none for any period",
        ),
    ];
    for (file, args, expected) in expectations {
        let Some((code, stdout, stderr)) = run(file, args) else {
            return;
        };
        assert_eq!(code, 2, "{file} {args:?}: {stdout}");
        assert!(stderr.contains(expected), "{file} {args:?}: {stderr}");
        assert!(stderr.len() < 400, "{file} {args:?}: {stderr}");
    }
}
