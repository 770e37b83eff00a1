//! The real downloads in `../shared/realdata` (next to the repository, never
//! copied into it), run through the binary as a user would, against what its
//! README says a user expects of each. Where that directory is absent (a fresh
//! clone), every test says so and passes.

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn realdata() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realdata");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
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

#[test]
fn every_real_file_has_an_expectation_here() {
    let Some(dir) = realdata() else { return };
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    files.sort();
    assert_eq!(
        files, EXPECTED,
        "a real file was added or removed: add its test"
    );
}

#[test]
fn the_comtrade_plus_website_download_loads_with_its_figures() {
    let file = "nik_TradeData_comtradeplus.csv";
    let Some(report) = check(file, 0) else { return };
    assert!(
        report.contains("rows: 1352 read, 0 skipped, 21 not used; figures: 1331 used"),
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
    assert_eq!(
        bilateral(file, "CHN-RUS", "2022"),
        Some(("76122649188".into(), "114148970877".into()))
    );
}

#[test]
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
        "line 2: field 'indicators': a quantity (QUANTITY_IN_100KG), not a value",
        "line 10: field 'product': CN 8-digit codes 39199080: not total trade (only the product TOTAL is total trade in Eurostat Comext",
    ] {
        assert!(report.contains(expected), "{expected} in {report}");
    }
    no_figures(file, "AUT-WLD");
    no_figures(file, "GRC-WLD");
}

#[test]
fn all_sitc_divisions_sum_to_totals() {
    let Some(report) = check("ibe_comtrade2.csv", 0) else {
        return;
    };
    assert!(report.contains("figures: 50 used"), "{report}");
    assert!(report.contains("note: summed 3071 commodity rows (SITC Rev. 4 divisions) into 50 totals: the file holds 65 of the 67 divisions (none of 91, 97)"), "{report}");
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
fn five_sitc_divisions_are_no_total_and_other_asia_no_error() {
    let file = "ibe_comtrade4.csv";
    let Some(report) = check(file, 1) else { return };
    assert!(
        report.contains("rows: 3026 read, 0 skipped, 3026 not used; figures: 0 used"),
        "{report}"
    );
    assert!(
        report.contains("note: no figure of this file is used"),
        "{report}"
    );
    assert!(report.contains("line 93: field 'Reporter Code': 'Other Asia, nes' (490) is a regional or statistical aggregate"), "{report}");
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
fn the_wits_time_series_of_export_shares_is_not_used_as_shares_of_trade() {
    let file = "wits_partner_timeseries_export.csv";
    let Some(report) = check(file, 1) else { return };
    assert!(
        report.contains("rows: 11644 read, 0 skipped, 11644 not used; figures: 0 used"),
        "{report}"
    );
    // 10769 rows between two countries; the others name an aggregate, a former
    // area or a territory without a code, or a reporter with itself.
    for said in [
        "line 2: field 'Indicator': 'Export Partner Share (%)' is the partner's share of the reporter's exports, not of its total trade (trade_share) (10769 rows like this one)",
        "line 175: field 'Partner Name': 'Other Asia, nes' is a regional or statistical aggregate or a special category, not a country (47 rows like this one)",
        "line 928: field 'Partner Name': 'Soviet Union' is a former area",
        "line 4179: field 'Partner Name': the partner is the reporter (BRA)",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
    no_figures(file, "RUS-WLD");
}

#[test]
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
