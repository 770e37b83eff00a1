//! `--print VIEW`: the dashboard's numbers as CSV, checked against figures
//! worked out by hand from the input files.

use std::process::Command;

fn print(args: &[&str]) -> (i32, Vec<Vec<String>>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(stdout.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (
        output.status.code().unwrap(),
        rows,
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The row whose `column` is `value`, as a map from header to cell.
fn row<'a>(rows: &'a [Vec<String>], column: &str, value: &str) -> Vec<(&'a str, &'a str)> {
    let header = &rows[0];
    let at = header.iter().position(|h| h == column).unwrap();
    let found = rows[1..]
        .iter()
        .find(|r| r[at] == value)
        .unwrap_or_else(|| panic!("no row with {column} = {value} in {rows:?}"));
    header
        .iter()
        .map(String::as_str)
        .zip(found.iter().map(String::as_str))
        .collect()
}

fn cell<'a>(row: &[(&str, &'a str)], column: &str) -> &'a str {
    row.iter().find(|(h, _)| *h == column).unwrap().1
}

#[test]
fn bilateral_rows_of_the_embedded_data() {
    let (code, rows, stderr) = print(&["--print", "bilateral"]);
    assert_eq!(code, 0, "{stderr}");
    let r2024 = row(&rows, "period", "2024");
    assert_eq!(cell(&r2024, "unit"), "USD");
    assert_eq!(cell(&r2024, "exports"), "115490000000");
    assert_eq!(cell(&r2024, "imports"), "129320000000");
    assert_eq!(cell(&r2024, "total"), "244810000000");
    assert_eq!(cell(&r2024, "total_basis"), "published");
    assert_eq!(cell(&r2024, "balance"), "-13830000000");
    // 244.81 / 240.11 − 1, computed because 2023 is in the data.
    let growth: f64 = cell(&r2024, "growth_pct").parse().unwrap();
    assert!((growth - (244.81 / 240.11 - 1.0) * 100.0).abs() < 1e-9);
    assert_eq!(cell(&r2024, "growth_kind"), "computed");
    // 2016: no 2015 total, so the published rate.
    let r2016 = row(&rows, "period", "2016");
    assert_eq!(cell(&r2016, "growth_pct"), "2.2");
    assert_eq!(cell(&r2016, "growth_kind"), "published");
    // The gap is a row of its own, its cells empty: never a zero.
    let r2015 = row(&rows, "period", "2015");
    for column in [
        "exports",
        "imports",
        "total",
        "balance",
        "growth_pct",
        "source",
    ] {
        assert_eq!(cell(&r2015, column), "", "{column}");
    }
}

#[test]
fn bilateral_one_period_and_currency() {
    let (code, rows, _) = print(&["--print", "bilateral", "--period", "2020-01/2020-06"]);
    assert_eq!(code, 0);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let r = row(&rows, "period", "2020-01/2020-06");
    assert_eq!(cell(&r, "exports"), "20940000000");
    assert_eq!(cell(&r, "balance"), "-7270000000");
    let (_, rows, _) = print(&["--print", "bilateral", "--currency", "cny"]);
    let r = row(&rows, "period", "2024");
    assert_eq!(
        (cell(&r, "unit"), cell(&r, "total")),
        ("CNY", "1740000000000")
    );
}

/// The bilateral China–Russia table of one import fixture.
fn china_russia_from(fixture: &str) -> Vec<Vec<String>> {
    let path = format!("tests/fixtures/import/{fixture}");
    let (code, rows, stderr) =
        print(&["--data", &path, "--print", "bilateral", "--pair", "CHN-RUS"]);
    assert_eq!(code, 0, "{stderr}");
    rows
}

#[test]
fn a_comtrade_file_prints_the_numbers_in_the_file() {
    let rows = china_russia_from("comtrade_plus.csv");
    let r = row(&rows, "period", "2023");
    assert_eq!(cell(&r, "exports"), "110972000000");
    assert_eq!(cell(&r, "imports"), "129139000000.5");
    assert_eq!(cell(&r, "total"), "240111000000.5");
    assert_eq!(cell(&r, "total_basis"), "derived");
    // The total is exports + imports: computed here, from their source.
    assert_eq!(
        cell(&r, "source"),
        "computed by eurasia-dash from UN Comtrade"
    );
}

#[test]
fn an_imf_file_applies_its_unit_multiplier() {
    let rows = china_russia_from("sdmx2_unit_mult.csv");
    let r = row(&rows, "period", "2023");
    // 110972.1 with UNIT_MULT 6; 129.139 with UNIT_MULT 9.
    assert_eq!(cell(&r, "exports"), "110972100000");
    assert_eq!(cell(&r, "imports"), "129139000000");
}

#[test]
fn belt_and_road_both_topics_in_both_currencies() {
    let (code, rows, _) = print(&["--print", "bri", "--period", "2020-01/2020-04"]);
    assert_eq!(code, 0);
    let trade = row(&rows, "topic", "trade");
    assert_eq!(cell(&trade, "usd"), "389000000000");
    assert_eq!(cell(&trade, "cny"), "2760000000000");
    assert_eq!(cell(&trade, "share_pct"), "30.4");
    assert_eq!(cell(&trade, "share_kind"), "published");
    let investment = row(&rows, "topic", "odi_nonfin");
    assert_eq!(cell(&investment, "growth_pct"), "13.4");
    let (_, rows, _) = print(&["--print", "bri", "--span", "annual", "--period", "2020"]);
    let investment = row(&rows, "topic", "odi_nonfin");
    let share: f64 = cell(&investment, "share_pct").parse().unwrap();
    assert!(
        (share - 17.79 / 110.15 * 100.0).abs() < 1e-9,
        "computed from China's total"
    );
    assert_eq!(cell(&investment, "share_kind"), "computed");
}

#[test]
fn overview_prints_one_row_per_card() {
    let (code, rows, _) = print(&["--print", "overview"]);
    assert_eq!(code, 0);
    assert_eq!(rows.len(), 5);
    let first = row(&rows, "card", "China–Russia trade");
    assert_eq!(cell(&first, "value"), "228105000000");
    assert_eq!(cell(&first, "period"), "2025");
}

#[test]
fn impossible_selections_are_errors() {
    let (code, rows, stderr) = print(&["--print", "bilateral", "--pair", "CHN-DEU"]);
    assert_eq!(code, 2);
    assert!(rows.is_empty());
    assert!(
        stderr.contains("no trade figures for CHN-DEU; pairs with either area: CHN-RUS"),
        "{stderr}"
    );
    let (code, _, stderr) = print(&["--print", "eaeu", "--period", "2019"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("periods with shares: 2020-01/2020-04, 2020-01/2020-08"),
        "{stderr}"
    );
    let (code, _, stderr) = print(&["--print", "bilateral", "--pair", "CHINA-RUS"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn partners_of_a_reporter_are_ranked_with_shares_and_the_rest() {
    let data = ["--data", "tests/fixtures/native/partners.csv"];
    let (status, rows, _) =
        print(&[&["--print", "partners", "--reporter", "KAZ"], &data[..]].concat());
    assert_eq!(status, 0);
    let partners: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(partners, ["CHN", "RUS", "TUR", "KGZ", "other partners"]);
    // Kyrgyzstan: exports only, so no total: listed, not ranked.
    let kyrgyzstan = row(&rows, "partner", "KGZ");
    assert_eq!(cell(&kyrgyzstan, "trade"), "");
    assert_eq!(
        cell(&kyrgyzstan, "trade_basis"),
        "no total: exports or imports only"
    );
    // Russia in 2023: exports 20 + imports 10 bn, 30% of the world's 100 bn;
    // 25 bn in 2022, so +20%.
    let russia = row(&rows, "partner", "RUS");
    assert_eq!(cell(&russia, "period"), "2023");
    assert_eq!(cell(&russia, "trade"), "30000000000");
    assert_eq!(cell(&russia, "trade_basis"), "derived");
    assert_eq!(cell(&russia, "share_pct"), "30");
    assert_eq!(cell(&russia, "share_basis"), "computed");
    assert_eq!(cell(&russia, "growth_pct"), "20");
    assert_eq!(cell(&russia, "balance"), "10000000000");
    assert_eq!(cell(&russia, "source"), "hand-made");
    // The world's 100 bn less the 95 listed (Kyrgyzstan's exports are in it).
    let rest = row(&rows, "partner", "other partners");
    assert_eq!(cell(&rest, "trade"), "5000000000");
    assert_eq!(cell(&rest, "share_pct"), "5");
    let (status, rows, _) = print(
        &[
            &[
                "--print",
                "partners",
                "--reporter",
                "KAZ",
                "--period",
                "2022",
            ],
            &data[..],
        ]
        .concat(),
    );
    assert_eq!(status, 0);
    assert_eq!(cell(&row(&rows, "partner", "CHN"), "share_pct"), "50");
}

#[test]
fn partners_without_a_reporter_or_in_a_period_without_trade_are_errors() {
    let data = ["--data", "tests/fixtures/native/partners.csv"];
    let (status, rows, stderr) = print(&[&["--print", "partners"], &data[..]].concat());
    assert_eq!((status, rows.len()), (2, 0));
    assert!(
        stderr.contains("needs --reporter CODE; reporters in the data: KAZ, UZB"),
        "{stderr}"
    );
    let (status, _, stderr) = print(
        &[
            &[
                "--print",
                "partners",
                "--reporter",
                "KAZ",
                "--period",
                "2019",
            ],
            &data[..],
        ]
        .concat(),
    );
    assert_eq!(status, 2);
    assert!(
        stderr.contains("no trade of KAZ in 2019; periods with trade: 2022, 2023"),
        "{stderr}"
    );
}

/// `--print bilateral` on `tests/fixtures/native/mirror.csv`: the partner's
/// figures in mirror columns of their own, never in the reporter's.
#[test]
fn bilateral_mirror_columns_hold_the_partners_figures_and_the_gaps() {
    let fixture = "tests/fixtures/native/mirror.csv";
    let (code, rows, stderr) = print(&["--data", fixture, "--print", "bilateral"]);
    assert_eq!(code, 0, "{stderr}");
    let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
    assert_eq!(
        header[11..],
        [
            "imports_fob",
            "mirror_imports",
            "exports_mirror_gap_pct",
            "mirror_exports",
            "imports_mirror_gap_pct",
            "mirror_total",
            "mirror_total_basis",
            "source",
            "note"
        ]
    );
    let r2019 = row(&rows, "period", "2019");
    assert_eq!(cell(&r2019, "exports"), "50000000000");
    assert_eq!(cell(&r2019, "mirror_imports"), "52500000000");
    assert_eq!(cell(&r2019, "exports_mirror_gap_pct"), "5");
    assert_eq!(cell(&r2019, "mirror_exports"), "57000000000");
    assert_eq!(cell(&r2019, "imports_mirror_gap_pct"), "-5");
    assert_eq!(cell(&r2019, "mirror_total"), "109500000000");
    assert_eq!(cell(&r2019, "total"), "110000000000");
    // 2018 is Russia's alone: China's columns stay empty.
    let r2018 = row(&rows, "period", "2018");
    for column in ["exports", "imports", "total", "balance", "growth_pct"] {
        assert_eq!(cell(&r2018, column), "", "{column}");
    }
    assert_eq!(cell(&r2018, "mirror_imports"), "35000000000");
    assert_eq!(cell(&r2018, "mirror_total"), "80000000000");
    assert_eq!(cell(&r2018, "mirror_total_basis"), "derived");
    assert_eq!(
        cell(&r2018, "source"),
        "computed by eurasia-dash from Russian customs (hand-made)"
    );
    // Russia–China: China's figures are the mirror now.
    let args = [
        "--data",
        fixture,
        "--print",
        "bilateral",
        "--pair",
        "RUS-CHN",
    ];
    let (code, rows, stderr) = print(&args);
    assert_eq!(code, 0, "{stderr}");
    let r2021 = row(&rows, "period", "2021");
    assert_eq!(cell(&r2021, "exports"), "");
    assert_eq!(cell(&r2021, "mirror_imports"), "100000000000");
    let r2019 = row(&rows, "period", "2019");
    let gap: f64 = cell(&r2019, "exports_mirror_gap_pct").parse().unwrap();
    assert!((gap - (60.0 / 57.0 - 1.0) * 100.0).abs() < 1e-9);
    // In euros only Russia's 2020 imports; in yuan no mirror at all, and
    // the columns of the usual layout only.
    let args = [
        "--data",
        fixture,
        "--print",
        "bilateral",
        "--currency",
        "eur",
    ];
    let (_, rows, _) = print(&args);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        cell(&row(&rows, "period", "2020"), "mirror_imports"),
        "38000000000"
    );
    let args = [
        "--data",
        fixture,
        "--print",
        "bilateral",
        "--currency",
        "cny",
    ];
    let (_, rows, _) = print(&args);
    assert_eq!(rows[0].len(), 14);
    assert!(!rows[0].iter().any(|h| h.starts_with("mirror")));
}

#[test]
fn compare_writes_the_compared_pairs_total_with_its_own_source_beside_the_pairs() {
    let (code, rows, stderr) = print(&[
        "--print",
        "bilateral",
        "--compare",
        "EAEU-CHN",
        "--period",
        "2022",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let row = row(&rows, "period", "2022");
    assert_eq!(cell(&row, "total"), "190271000000", "China–Russia's own");
    assert_eq!(cell(&row, "compared_pair"), "EAEU-CHN");
    // The Commission's $220 bn (assets/eurasia-trade.csv), with its source
    // apart from the pair's.
    assert_eq!(cell(&row, "compared_total"), "220000000000");
    assert_eq!(cell(&row, "compared_total_basis"), "published");
    assert!(cell(&row, "compared_source").starts_with("TASS 2023-10-18"));
    assert!(!cell(&row, "source").contains("TASS 2023-10-18"));
    let (code, _, stderr) = print(&["--print", "bilateral", "--compare", "KAZ-NZL"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no trade figures for KAZ-NZL to compare"),
        "{stderr}"
    );
    // Without --compare, no compared columns.
    let (_, rows, _) = print(&["--print", "bilateral"]);
    assert!(!rows[0].iter().any(|h| h.starts_with("compared")));
}

#[test]
fn a_group_among_the_partners_is_written_with_its_total_not_ranked() {
    // China's trade with the Belt and Road countries in 2021: $1.8 tn as
    // published (assets/eurasia-trade.csv); the group overlaps Russia.
    let (code, rows, stderr) = print(&[
        "--print",
        "partners",
        "--reporter",
        "CHN",
        "--period",
        "2021",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let group = row(&rows, "partner", "BRI");
    assert_eq!(cell(&group, "trade"), "1800000000000");
    assert_eq!(
        cell(&group, "trade_basis"),
        "a group, not ranked: it overlaps its members"
    );
    assert_eq!(cell(&group, "share_pct"), "");
    assert!(cell(&group, "source").starts_with("Xinhua"), "{group:?}");
}
