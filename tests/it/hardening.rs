//! Hostile and broken input, run through the binary: rows never lost
//! silently, bounded memory, values that cannot be true, files that are not
//! what they seem, and errors that cannot be written.

use std::process::Stdio;

use crate::common::{TempFile, command, rows_line, run};

#[test]
fn an_error_that_cannot_be_written_still_exits_2_without_a_panic() {
    let status = command(&["--check", "--data", "no-such-file.csv"])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create("/dev/full").expect("/dev/full"))
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(2), "not 101, a panic");
}

#[test]
fn values_beyond_any_real_figure_are_errors_naming_the_field() {
    let header = "indicator,reporter,partner,period,value,unit,source,note\n";
    // 10^307 US dollars, written out: once loaded, it froze the chart.
    let huge = format!(
        "{header}trade,CHN,RUS,2001,1,USD,,\ntrade,CHN,RUS,2000,1{},USD,,\n",
        "0".repeat(307)
    );
    let file = TempFile::new("huge.csv", &huge);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":3: field 'value': 1e307 USD is beyond any real figure"),
        "{stderr}"
    );
    // 310 digits are more than a double holds: not infinity, an error.
    let endless = format!("{header}trade,CHN,RUS,2000,1{},USD,,\n", "0".repeat(309));
    let file = TempFile::new("endless.csv", &endless);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            ":2: field 'value': '100000000000…' (310 digits) is too large to be a number"
        ),
        "{stderr}"
    );
    let share = format!("{header}trade_yoy,CHN,RUS,2000,2000000,PCT,,\n");
    let file = TempFile::new("growth.csv", &share);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("field 'value': 2e6 PCT is beyond any real figure"),
        "{stderr}"
    );
}

#[test]
fn imported_values_beyond_any_real_figure_are_errors_too() {
    let sdmx = std::fs::read_to_string("tests/fixtures/import/sdmx1_imf.csv").unwrap();
    // Without UNIT_MULT the IMF file is in dollars: 10^17 of them.
    let sdmx = sdmx.replacen(",49485.25,", ",100000000000000000,", 1);
    let file = TempFile::new("huge-sdmx.csv", &sdmx);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":2: field 'OBS_VALUE': 1e17 USD is beyond any real figure"),
        "{stderr}"
    );
    let comtrade = std::fs::read_to_string("tests/fixtures/import/comtrade_plus.csv").unwrap();
    let comtrade = comtrade.replacen(",110972000000,110972000000,", ",110972000000,-5,", 1);
    let file = TempFile::new("negative-comtrade.csv", &comtrade);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":2: field 'primaryValue': exports cannot be negative (-5 USD)"),
        "{stderr}"
    );
}

#[test]
fn a_quote_left_open_never_swallows_rows_silently() {
    let header = "indicator,reporter,partner,period,value,unit,source,note\n";
    let rows = "trade,CHN,RUS,2019,1,USD_BN,src,\"open\n\
                trade,CHN,RUS,2020,2,USD_BN,src,x\n\
                trade,CHN,RUS,2021,3,USD_BN,src,\"\n\
                trade,CHN,RUS,2022,4,USD_BN,src,\n";
    let file = TempFile::new("open-quote.csv", &format!("{header}{rows}"));
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":2: a quoted field runs over the next 2 line(s)"),
        "{stderr}"
    );
    // Lenient: the row and the two lines it took in are skipped, each said.
    let (code, stdout, _) = run(&["--check", "--lenient", "--data", file.path()]);
    assert_eq!(code, 1);
    assert_eq!(
        rows_line(&stdout),
        "rows: 4 read, 3 skipped, 0 not used; figures: 1 used, 0 duplicates, 0 conflicts"
    );
    assert!(
        stdout.contains("  skipped: line 4: inside a quoted field opened 2 line(s) above"),
        "{stdout}"
    );
    // A quote still open at the end of the file is an error in either mode.
    let rows = "trade,CHN,RUS,2019,1,USD_BN,src,x\ntrade,CHN,RUS,2020,2,USD_BN,src,\"open\n";
    let file = TempFile::new("open-at-end.csv", &format!("{header}{rows}"));
    let (code, _, stderr) = run(&["--check", "--lenient", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":3: a quote opened on this line is never closed"),
        "{stderr}"
    );
    // The same in the import formats.
    let sdmx = "DATAFLOW,FREQ,REF_AREA,INDICATOR,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
                IMF:DOT(1.0.0),A,CN,TXG_FOB_USD,RU,2019,49485.25,\"open\n\
                IMF:DOT(1.0.0),A,CN,TMG_CIF_USD,RU,2019,61054.5,x\"\n\
                IMF:DOT(1.0.0),A,CN,TMG_CIF_USD,RU,2020,61054.5,\n";
    let file = TempFile::new("open-quote-sdmx.csv", sdmx);
    let (code, stdout, _) = run(&["--check", "--lenient", "--data", file.path()]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("rows: 3 read, 2 skipped, 0 not used; figures: 1 used"),
        "{stdout}"
    );
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":2: a quoted field runs over the next 1 line(s)"),
        "{stderr}"
    );
}

#[test]
fn an_endless_line_is_an_error_not_endless_memory() {
    let (code, _, stderr) = run(&["--check", "--data", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("/dev/zero:1: the first line is longer than 1 MiB"),
        "{stderr}"
    );
    // After a good header and row, through a pipe that never ends.
    for (header, said) in [
        (
            "indicator,reporter,partner,period,value,unit,source,note\r\ntrade,CHN,RUS,2019,1,USD_BN,,\r\n\r\n",
            "/dev/stdin:4: a row longer than 1 MiB",
        ),
        (
            "DATAFLOW,FREQ,REF_AREA,INDICATOR,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE\n\
             IMF:DOT(1.0.0),A,CN,TXG_FOB_USD,RU,2019,49485.25\n",
            "a row longer than 1 MiB after line 2",
        ),
    ] {
        let mut child = command(&["--check", "--data", "/dev/stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut input = child.stdin.take().expect("stdin is piped");
        let header = header.to_string();
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            input.write_all(header.as_bytes())?;
            let zeros = [0u8; 64 * 1024];
            loop {
                input.write_all(&zeros)?;
            }
            #[allow(unreachable_code)]
            Ok::<(), std::io::Error>(())
        });
        let output = child.wait_with_output().expect("the program ends");
        assert!(
            writer.join().unwrap().is_err(),
            "the reader stopped reading"
        );
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
    }
}

#[test]
fn a_utf16_file_is_told_to_be_saved_as_utf8() {
    let file = TempFile::new("unicode.csv", "");
    std::fs::write(file.path(), b"\xFF\xFEi\x00n\x00d\x00").unwrap();
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("UTF-16 text"), "{stderr}");
    assert!(stderr.contains("save it as 'CSV UTF-8'"), "{stderr}");
}

#[test]
fn sdmx_header_and_multiplier_details_are_said() {
    let header = "DATAFLOW,REF_AREA,INDICATOR,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE";
    // A column named twice is an error, not the first one silently used.
    let twice = format!("{header},OBS_VALUE\nIMF:DOT(1.0.0),CN,TXG_FOB_USD,RU,2019,1,2\n");
    let file = TempFile::new("twice.csv", &twice);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":1: field 'OBS_VALUE': the column appears twice in the header"),
        "{stderr}"
    );
    // An empty UNIT_MULT is read as a missing one, and the report says so.
    let empty = format!(
        "{header},UNIT_MULT\nIMF:DOT(1.0.0),CN,TXG_FOB_USD,RU,2022,1.5,\n\
         IMF:DOT(1.0.0),CN,TXG_FOB_USD,RU,2023,1.5,9\n"
    );
    let file = TempFile::new("empty-mult.csv", &empty);
    let (code, stdout, _) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("note: 1 row with an empty UNIT_MULT or SCALE (first: line 2)"),
        "{stdout}"
    );
    // ACTION D removes the earlier observation of its key; the rows read
    // are still used + not used.
    let sdmx2 = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
                 dataflow,IMF.STA:IMTS(1.0.0),I,CHN,XG_FOB_USD,RUS,A,2023,110972.1,6\n\
                 dataflow,IMF.STA:IMTS(1.0.0),I,CHN,MG_CIF_USD,RUS,A,2023,129.139,9\n\
                 dataflow,IMF.STA:IMTS(1.0.0),D,CHN,XG_FOB_USD,RUS,A,2023,,\n";
    let file = TempFile::new("delete.csv", sdmx2);
    let (code, stdout, _) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("rows: 3 read, 0 skipped, 2 not used; figures: 1 used"),
        "{stdout}"
    );
    assert!(
        stdout.contains("not used: line 2: deleted by the ACTION D row on line 4"),
        "{stdout}"
    );
    let unknown = sdmx2.replace(",D,CHN,", ",X,CHN,");
    let file = TempFile::new("unknown-action.csv", &unknown);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":4: field 'ACTION': unknown ACTION 'X' (expected I, A, R, M or D)"),
        "{stderr}"
    );
    // UNIT_MULT and SCALE that disagree are an error, not one silently winning.
    let both = format!("{header},UNIT_MULT,SCALE\nIMF:DOT(1.0.0),CN,TXG_FOB_USD,RU,2022,1.5,6,9\n");
    let file = TempFile::new("both-mult.csv", &both);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(":2: field 'SCALE': SCALE and UNIT_MULT give different powers of ten"),
        "{stderr}"
    );
    // A multiplier out of range names the range.
    let far = format!("{header},UNIT_MULT\nIMF:DOT(1.0.0),CN,TXG_FOB_USD,RU,2022,1.5,15\n");
    let file = TempFile::new("far-mult.csv", &far);
    let (code, _, stderr) = run(&["--check", "--data", file.path()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("from -12 to 12"), "{stderr}");
}

#[test]
fn impossible_rows_are_errors_naming_the_field() {
    let header = "indicator,reporter,partner,period,value,unit,source,note\n";
    for (row, field, problem) in [
        (
            "trade,RUQ,CHN,2019,1.5,USD_BN,,",
            "reporter",
            "'RUQ' is not an area code",
        ),
        (
            "trade,CHN,RUS,0000,1.5,USD_BN,,",
            "period",
            "'0000' is not a period",
        ),
        (
            "trade,CHN,RUS,9999-12,1.5,USD_BN,,",
            "period",
            "'9999-12' is not a period",
        ),
        (
            "trade,CHN,CHN,2019,1.5,USD_BN,,",
            "partner",
            "the partner is the reporter (CHN)",
        ),
        (
            "trade_share,EAEU,CHN,2019,120,PCT,,",
            "value",
            "a share of 120% is not between 0 and 100",
        ),
        (
            "exports,CHN,RUS,2019,-1.5,USD_BN,,",
            "value",
            "exports cannot be negative (-1.5 USD_BN)",
        ),
    ] {
        let file = TempFile::new("impossible.csv", &format!("{header}{row}\n"));
        let (code, _, stderr) = run(&["--check", "--data", file.path()]);
        assert_eq!(code, 2, "{row}");
        assert!(
            stderr.contains(&format!(":2: field '{field}': {problem}")),
            "{row}: {stderr}"
        );
    }
    // A group's mutual trade is with itself.
    let file = TempFile::new(
        "mutual.csv",
        &format!("{header}trade,EAEU,EAEU,2019,1.5,USD_BN,,\n"),
    );
    assert_eq!(run(&["--check", "--data", file.path()]).0, 0);
}

/// Runs `args` on `contents` written with LF, CRLF and CR-only line ends,
/// and returns the three outcomes with the file's name made the same.
fn with_each_line_end(name: &str, contents: &str, args: &[&str]) -> Vec<(i32, String, String)> {
    ["\n", "\r\n", "\r"]
        .iter()
        .map(|end| {
            let lf = contents.replace("\r\n", "\n");
            let file = TempFile::new(name, &lf.replace('\n', end));
            let mut all = args.to_vec();
            all.extend(["--data", file.path()]);
            let (code, stdout, stderr) = run(&all);
            let same = |text: String| text.replace(file.path(), name);
            (code, same(stdout), same(stderr))
        })
        .collect()
}

#[test]
fn cr_only_line_ends_name_the_true_line_in_every_loader() {
    let files = [
        "tests/fixtures/native/two_bad_rows.csv",
        "tests/fixtures/import/bad_number_comtrade.csv",
        "tests/fixtures/import/bad_number_sdmx.csv",
        "tests/fixtures/import/comtrade_commodities.csv",
    ];
    for path in files {
        let contents = std::fs::read_to_string(path).unwrap();
        for args in [&["--check"][..], &["--check", "--lenient"]] {
            let outcomes = with_each_line_end("file.csv", &contents, args);
            let (code, stdout, stderr) = &outcomes[0];
            // The LF file's errors name a line past the first.
            assert!(
                stderr.contains("file.csv:") || stdout.contains("line "),
                "{path} {args:?}: {stdout}{stderr}"
            );
            assert!(!stderr.contains("file.csv:1:"), "{path}: {stderr}");
            for (ends, outcome) in ["CRLF", "CR"].iter().zip(&outcomes[1..]) {
                assert_eq!(
                    outcome,
                    &(*code, stdout.clone(), stderr.clone()),
                    "{path} {args:?} with {ends} line ends"
                );
            }
        }
    }
}

#[test]
fn a_quote_over_cr_only_lines_is_caught_like_one_over_lf_lines() {
    let contents = "indicator,reporter,partner,period,value,unit,source,note\n\
                    trade,CHN,RUS,2019,1,USD_BN,src,\"open\n\
                    trade,CHN,RUS,2020,2,USD_BN,src,x\n\
                    trade,CHN,RUS,2021,3,USD_BN,src,\"\n\
                    trade,CHN,RUS,2022,4,USD_BN,src,\n";
    let outcomes = with_each_line_end("quote.csv", contents, &["--check"]);
    assert_eq!(outcomes[0].0, 2);
    assert!(
        outcomes[0]
            .2
            .contains("quote.csv:2: a quoted field runs over the next 2 line(s)"),
        "{}",
        outcomes[0].2
    );
    assert_eq!(outcomes[1], outcomes[0], "CRLF");
    assert_eq!(outcomes[2], outcomes[0], "CR");
}
