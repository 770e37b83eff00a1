//! The command line, run as a process: exit codes, the `--check` report and
//! the one-line error a user sees when a data file cannot be loaded.
//!
//! Every run here either exits early (`--check`, `--help`, `--version`, a load
//! error or a bad flag) or is expected to, so the dashboard never starts.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{
    TempFile, assert_load_error, assert_no_ansi, command, fixture, rows_line, run,
};

// ---------------------------------------------------------------- --check

#[test]
fn check_on_embedded_data_reads_and_uses_241_rows() {
    let (code, stdout, stderr) = run(&["--check"]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(stderr, "");
    assert!(stdout.contains("241 read"), "{stdout}");
    assert!(stdout.contains("241 used"), "{stdout}");
    assert_eq!(
        rows_line(&stdout),
        "rows: 241 read, 0 skipped, 0 not used; figures: 241 used, 0 duplicates, 0 conflicts"
    );
    assert!(stdout.starts_with("embedded: assets/eurasia-trade.csv (native)\n"));
    assert!(stdout.ends_with("status: ok\n"), "{stdout}");
    // The embedded data has published-growth findings, but no conflicts or skipped rows.
    assert!(!stdout.contains("conflict:"), "{stdout}");
    assert!(!stdout.contains("skipped row:"), "{stdout}");
}

#[test]
fn check_on_good_fixture_reports_its_rows() {
    let path = fixture("good.csv");
    let (code, stdout, stderr) = run(&["--check", "--data", &path]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(stderr, "");
    assert!(
        stdout.starts_with(&format!("{path} (native)\n")),
        "{stdout}"
    );
    assert_eq!(
        rows_line(&stdout),
        "rows: 8 read, 0 skipped, 0 not used; figures: 8 used, 0 duplicates, 0 conflicts"
    );
    assert!(
        stdout.contains("indicators: exports, imports, trade, trade_yoy\n"),
        "{stdout}"
    );
    assert!(stdout.contains("pairs: 1 (CHN-RUS)\n"), "{stdout}");
    assert!(
        stdout.contains("periods: 4 (from 2020-01/2020-05 to 2021)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("warnings: 0\n"), "{stdout}");
}

#[test]
fn check_on_reordered_bom_crlf_layout_reports_the_same_as_good() {
    let (code, stdout, stderr) = run(&["--check", "--data", &fixture("good_layout.csv")]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(stderr, "");
    let (_, good, _) = run(&["--check", "--data", &fixture("good.csv")]);
    // Everything after the `files:` line is identical.
    let body = |report: &str| report.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&stdout), body(&good));
    assert_eq!(
        rows_line(&stdout),
        "rows: 8 read, 0 skipped, 0 not used; figures: 8 used, 0 duplicates, 0 conflicts"
    );
}

#[test]
fn check_with_tab_option_still_only_checks() {
    let (code, stdout, _) = run(&["--check", "--tab", "bri", "--data", &fixture("good.csv")]);
    assert_eq!(code, 0);
    assert!(stdout.contains("rows: 8 read"), "{stdout}");
}

// ---------------------------------------------------- one error per fixture

#[test]
fn empty_file_is_an_error_without_a_line() {
    let message = assert_load_error("empty.csv", None, None);
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn header_only_file_is_an_error_without_a_line() {
    let message = assert_load_error("header_only.csv", None, None);
    assert!(message.contains("no data rows"), "{message}");
}

#[test]
fn missing_unit_column_is_reported_on_the_header_line() {
    let message = assert_load_error("missing_column.csv", Some(1), Some("unit"));
    assert!(message.contains("no 'unit' column"), "{message}");
}

#[test]
fn number_with_thousands_separator_is_reported_on_its_line() {
    let message = assert_load_error("bad_number.csv", Some(4), Some("value"));
    assert!(message.contains("'1,234' is not a number"), "{message}");
}

#[test]
fn month_13_is_reported_on_its_line() {
    let message = assert_load_error("bad_period.csv", Some(3), Some("period"));
    assert!(message.contains("'2019-13'"), "{message}");
}

#[test]
fn unknown_unit_is_reported_on_its_line() {
    let message = assert_load_error("bad_unit.csv", Some(4), Some("unit"));
    assert!(message.contains("'GBP'"), "{message}");
}

#[test]
fn unknown_indicator_is_reported_on_its_line() {
    let message = assert_load_error("bad_indicator.csv", Some(3), Some("indicator"));
    assert!(message.contains("'tarde'"), "{message}");
}

#[test]
fn bad_area_code_is_reported_on_its_line_and_column() {
    let message = assert_load_error("bad_area.csv", Some(5), Some("partner"));
    assert!(message.contains("'RUSSIA'"), "{message}");
}

#[test]
fn latin1_byte_is_reported_on_its_line_and_field() {
    let message = assert_load_error("not_utf8.csv", Some(3), Some("source"));
    assert!(message.contains("not valid UTF-8"), "{message}");
}

#[test]
fn row_with_an_extra_field_is_reported_on_its_line() {
    let message = assert_load_error("wrong_field_count.csv", Some(4), None);
    assert!(
        message.contains("the row has 9 fields but the header has 8"),
        "{message}"
    );
}

#[test]
fn level_in_percent_is_reported_as_a_unit_error() {
    let message = assert_load_error("unit_mismatch.csv", Some(3), Some("unit"));
    assert!(message.contains("PCT"), "{message}");
}

#[test]
fn first_bad_row_stops_a_strict_load() {
    // Lines 3 and 5 are bad; without --lenient only line 3 is reported.
    let message = assert_load_error("two_bad_rows.csv", Some(3), Some("value"));
    assert!(!message.contains(":5:"), "{message}");
}

#[test]
fn missing_file_exits_2_with_a_clear_message() {
    let (code, stdout, stderr) = run(&["--check", "--data", &fixture("no_such_file.csv")]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "eurasia-dash: error: {}: no such file\n",
            fixture("no_such_file.csv")
        )
    );
}

#[test]
fn directory_exits_2_with_a_clear_message() {
    let (code, stdout, stderr) = run(&["--check", "--data", "tests/fixtures"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "eurasia-dash: error: tests/fixtures: is a directory, not a data file nor a directory of Parquet part files (no file in it starts with PAR1; files named '_…' or '.…' are left out)\n"
    );
}

#[test]
fn a_bad_second_file_fails_the_whole_load() {
    let good = fixture("good.csv");
    let bad = fixture("bad_unit.csv");
    let (code, stdout, stderr) = run(&["--check", "--data", &good, "--data", &bad]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(&format!("eurasia-dash: error: {bad}:4: field 'unit': ")),
        "{stderr}"
    );
}

// ------------------------------------------------------------- --lenient

#[test]
fn lenient_check_skips_and_lists_each_bad_row() {
    let path = fixture("two_bad_rows.csv");
    let (code, stdout, stderr) = run(&["--lenient", "--check", "--data", &path]);
    assert_eq!(code, 1, "loaded with warnings; stderr: {stderr}");
    assert_eq!(stderr, "");
    assert!(stdout.contains("2 skipped"), "{stdout}");
    assert_eq!(
        rows_line(&stdout),
        "rows: 5 read, 2 skipped, 0 not used; figures: 3 used, 0 duplicates, 0 conflicts"
    );
    // Each skipped row is listed once, with its file, not again as a warning.
    let skipped: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains("skipped"))
        .filter(|line| line.contains("field '"))
        .collect();
    assert_eq!(
        skipped,
        [
            "  skipped: line 3: field 'value': '1,234' is not a number (expected digits with '.' as the decimal separator, no thousands separators)",
            "  skipped: line 5: field 'period': '2022-00' is not a period: expected 2019, 2019-Q3, 2019-07 or 2019-01/2019-05",
        ],
        "{stdout}"
    );
    assert!(stdout.contains("warnings: 0\n"), "{stdout}");
}

#[test]
fn lenient_does_not_excuse_a_bad_header() {
    assert_eq!(
        run(&[
            "--lenient",
            "--check",
            "--data",
            &fixture("missing_column.csv")
        ])
        .0,
        2
    );
    assert_eq!(
        run(&["--lenient", "--check", "--data", &fixture("empty.csv")]).0,
        2
    );
}

#[test]
fn lenient_skips_a_row_with_an_extra_field() {
    let path = fixture("wrong_field_count.csv");
    let (code, stdout, _) = run(&["--lenient", "--check", "--data", &path]);
    assert_eq!(code, 1);
    assert_eq!(
        rows_line(&stdout),
        "rows: 3 read, 1 skipped, 0 not used; figures: 2 used, 0 duplicates, 0 conflicts"
    );
    assert!(
        stdout.contains("  skipped: line 4: the row has 9 fields"),
        "{stdout}"
    );
    assert!(
        !stdout.contains(&format!("{path}:4")),
        "listed once: {stdout}"
    );
}

// ------------------------------------------------------------- merging

#[test]
fn merged_files_count_repeats_and_report_conflicts_with_both_lines() {
    let a = fixture("merge_a.csv");
    let b = fixture("merge_b.csv");
    let (code, stdout, stderr) = run(&["--check", "--data", &a, "--data", &b]);
    assert_eq!(code, 1, "a conflict is a warning; stderr: {stderr}");
    assert!(stdout.starts_with(&format!("{a} (native)\n")), "{stdout}");
    assert!(stdout.contains(&format!("\n{b} (native)\n")), "{stdout}");
    assert!(
        stdout.contains("dataset: 2 files, 6 rows read, 4 figures, 1 duplicate\n"),
        "{stdout}"
    );
    let conflict = stdout
        .lines()
        .find(|line| line.trim_start().starts_with("conflict: "))
        .unwrap_or_else(|| panic!("a conflict warning in {stdout}"));
    assert!(conflict.contains(&format!("{a}:3")), "{conflict}");
    assert!(conflict.contains(&format!("{b}:4")), "{conflict}");
    assert!(conflict.contains("49.5 USD_BN") && conflict.contains("51 USD_BN"));
}

#[test]
fn json_warnings_carry_the_file_line_and_figure_they_are_about() {
    let a = fixture("merge_a.csv");
    let b = fixture("merge_b.csv");
    let (code, stdout, stderr) = run(&["--check", "--json", "--data", &a, "--data", &b]);
    assert_eq!(code, 1, "stderr: {stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("the report is JSON");
    let warnings = report["warnings"].as_array().expect("a list of warnings");
    let conflict = warnings
        .iter()
        .find(|w| w["kind"] == "conflict")
        .unwrap_or_else(|| panic!("a conflict in {stdout}"));
    assert_eq!(conflict["file"], b.as_str());
    assert_eq!(conflict["line"], 4);
    assert_eq!(conflict["indicator"], "imports");
    assert_eq!(conflict["reporter"], "CHN");
    assert_eq!(conflict["partner"], "RUS");
    assert_eq!(conflict["period"], "2021");
}

#[test]
fn print_eaeu_for_data_without_shares_says_what_it_lacks() {
    let (code, stdout, stderr) = run(&[
        "--print",
        "eaeu",
        "--period",
        "2021",
        "--data",
        &fixture("good.csv"),
    ]);
    assert_eq!(code, 2, "stdout: {stdout}");
    assert!(
        stderr.contains("no EAEU partner shares for 2021: the data has none for any period"),
        "{stderr}"
    );
    assert!(!stderr.contains("periods with shares: \n"), "{stderr}");
}

#[test]
fn a_growth_rate_moved_to_the_yuan_series_conflicts_with_the_yuan_rate_there() {
    // The blank-note rate refers to yuan as only yuan levels exist; it then
    // repeats the rate whose note says yuan, with another value.
    let path = fixture("yuan_growth_repeat.csv");
    let (code, stdout, stderr) = run(&["--check", "--data", &path]);
    assert_eq!(code, 1, "a conflict is a warning; stderr: {stderr}");
    assert_eq!(
        rows_line(&stdout),
        "rows: 4 read, 0 skipped, 0 not used; figures: 3 used, 0 duplicates, 1 conflict"
    );
    let conflict = stdout
        .lines()
        .find(|line| line.trim_start().starts_with("conflict: "))
        .unwrap_or_else(|| panic!("a conflict warning in {stdout}"));
    assert!(
        conflict.contains(&format!("1.9 PCT at {path}:4 but 2.1 PCT at {path}:5")),
        "{conflict}"
    );
}

#[test]
fn a_file_of_which_nothing_is_used_loads_with_a_warning() {
    let (code, stdout, stderr) = run(&[
        "--check",
        "--data",
        "tests/fixtures/import/comtrade_sitc_five_divisions.csv",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout
            .contains("note: no figure of this file is used (each row is listed with its reason)"),
        "{stdout}"
    );
    assert!(stdout.ends_with("status: warnings\n"), "{stdout}");
}

// ------------------------------------------------------- flags and help

#[test]
fn check_and_print_together_are_an_error() {
    let (code, stdout, stderr) = run(&["--check", "--print", "bilateral"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("'--check' cannot be used with '--print"),
        "{stderr}"
    );
}

#[test]
fn print_with_skipped_rows_says_how_many_and_exits_1() {
    let path = fixture("two_bad_rows.csv");
    let (code, stdout, stderr) = run(&["--print", "bilateral", "--lenient", "--data", &path]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("reporter,partner,period,"), "{stdout}");
    assert_eq!(
        stderr,
        "eurasia-dash: warning: 2 rows skipped (--check --lenient lists them)\n"
    );
}

#[test]
fn print_of_a_period_without_figures_says_so_and_exits_2() {
    for view in ["bilateral", "bri", "eaeu"] {
        let (code, stdout, stderr) = run(&["--print", view, "--period", "1999"]);
        assert_eq!(code, 2, "{view}");
        assert_eq!(stdout, "", "{view}");
        assert!(stderr.contains(" 1999"), "{view}: {stderr}");
    }
    let (_, _, stderr) = run(&["--print", "bilateral", "--period", "1999"]);
    assert!(
        stderr.contains("no figures for CHN-RUS in 1999; periods with figures: 2014, 2016,"),
        "{stderr}"
    );
}

#[test]
fn a_pair_of_three_parts_is_named_as_such() {
    let (code, _, stderr) = run(&["--print", "bilateral", "--pair", "CHN-RUS-KAZ"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("'CHN-RUS-KAZ' is not a pair (3 parts)"),
        "{stderr}"
    );
}

#[test]
fn printed_growth_has_no_float_noise() {
    let (code, stdout, _) = run(&["--print", "bilateral"]);
    assert_eq!(code, 0);
    // 2024 over 2023: 244.81 / 240.11 - 1, to twelve significant digits.
    assert!(stdout.contains(",1.95743617509,computed,"), "{stdout}");
    // growth_pct is the tenth column; no row has a comma in a field before it.
    for line in stdout.lines().skip(1) {
        let growth = line.split(',').nth(9).unwrap_or_default();
        let digits = growth.trim_start_matches('-').replace('.', "");
        assert!(digits.len() <= 12, "float noise in {growth:?}: {line}");
    }
    // 100 - 34.6 - 24.7 - 8.0 - 4.3, not 28.400000000000006.
    let (_, eaeu, _) = run(&["--print", "eaeu", "--period", "2022"]);
    assert!(eaeu.contains("\n2022,other partners,28.4,"), "{eaeu}");
}

// ------------------------------------------- the error path stays plain

#[test]
fn error_path_prints_no_escape_sequences() {
    for name in [
        "empty.csv",
        "header_only.csv",
        "missing_column.csv",
        "bad_number.csv",
        "bad_period.csv",
        "bad_unit.csv",
        "bad_indicator.csv",
        "bad_area.csv",
        "not_utf8.csv",
        "wrong_field_count.csv",
        "unit_mismatch.csv",
    ] {
        let (code, stdout, stderr) = run(&["--check", "--data", &fixture(name)]);
        assert_eq!(code, 2, "{name}");
        assert_no_ansi(&format!("stdout for {name}"), &stdout);
        assert_no_ansi(&format!("stderr for {name}"), &stderr);
    }
}

/// Without `--check` the program would start the dashboard; a load error must
/// be reported and the program gone before the terminal is touched (no
/// alternate screen, no raw mode, no escape sequences).
#[test]
fn load_error_without_check_exits_before_the_terminal_is_touched() {
    let mut child = command(&["--data", &fixture("bad_period.csv")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the program did not exit on a load error (it started the dashboard?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut stderr)
        .unwrap();
    let stdout = String::from_utf8(stdout).unwrap();
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stdout, "");
    assert_no_ansi("stderr", &stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.starts_with(&format!(
            "eurasia-dash: error: {}:3: field 'period': ",
            fixture("bad_period.csv")
        )),
        "{stderr}"
    );
}

/// Known bug: the loader echoes field text verbatim, so a field holding an
/// escape sequence or a (quoted) newline breaks the one-plain-line contract.
#[test]

fn error_echoing_control_characters_stays_one_plain_line() {
    let message = assert_load_error("control_chars.csv", Some(3), Some("indicator"));
    assert!(message.contains("unknown indicator"), "{message}");
}

#[test]
fn without_a_terminal_the_dashboard_says_so_instead_of_drawing() {
    // The test harness captures stdout, so it is not a terminal.
    let (code, stdout, stderr) = run(&[]);
    assert_eq!(code, 3);
    assert_eq!(stdout, "", "nothing drawn");
    assert_no_ansi("stderr", &stderr);
    assert_eq!(
        stderr,
        "eurasia-dash: error: standard output is not a terminal the dashboard can draw in; use --check or --print for output to a file or pipe\n"
    );
}

/// 3,000 rows of which 2,500 have an unknown unit.
fn mostly_bad_rows() -> TempFile {
    let mut text = String::from("indicator,reporter,partner,period,value,unit,source,note\n");
    for i in 0..3000 {
        let unit = if i % 6 == 0 { "USD_MN" } else { "GBP_MN" };
        // 3,000 months from January 1800: distinct figures, all of them periods.
        let period = format!("{}-{:02}", 1800 + i / 12, i % 12 + 1);
        text.push_str(&format!("exports,CHN,RUS,{period},1.5,{unit},test,\n"));
    }
    TempFile::new("mostly-bad.csv", &text)
}

#[test]
fn lenient_check_lists_the_first_thousand_skipped_rows_and_counts_the_rest() {
    let file = mostly_bad_rows();
    let (code, stdout, stderr) = run(&["--lenient", "--check", "--data", file.path()]);
    assert_eq!(code, 1, "loaded with warnings; stderr: {stderr}");
    assert_eq!(
        rows_line(&stdout),
        "rows: 3,000 read, 2,500 skipped, 0 not used; figures: 500 used, 0 duplicates, 0 conflicts"
    );
    // The first thousand share one reason: said once, with how many.
    let listed: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("  skipped: "))
        .collect();
    assert_eq!(
        listed,
        [
            "  skipped: 1,000 rows (first line 3, last 1201): field 'unit': unknown unit 'GBP_MN' (expected USD, USD_K, USD_MN, USD_BN, CNY, CNY_MN, CNY_BN, CNY_TN, EUR, EUR_K, EUR_MN, EUR_BN, PCT)"
        ],
        "{stdout}"
    );
    assert!(
        stdout.contains("  … and 1,500 more rows skipped\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("skipped row"), "listed once: {stdout}");
}

#[test]
fn a_reader_that_stops_early_ends_the_report_without_a_panic() {
    let file = mostly_bad_rows();
    for format in ["--check", "--json"] {
        let mut args = vec!["--lenient", "--check", "--data", file.path()];
        if format == "--json" {
            args.push("--json");
        }
        let mut child = command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        // Read a little of the report (far less than the pipe holds), then go.
        let mut start = [0u8; 16];
        child
            .stdout
            .take()
            .expect("stdout is piped")
            .read_exact(&mut start)
            .expect("the report starts");
        let output = child.wait_with_output().expect("the program ends");
        let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
        assert_eq!(output.status.code(), Some(1), "{format}: {stderr}");
        assert_eq!(stderr, "", "{format}");
    }
}
