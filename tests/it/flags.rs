//! Flags given where they do not apply: each a usage error (status 2)
//! naming the flag, never read and silently ignored.

use crate::common::run;

fn assert_refused(args: &[&str], said: &str) {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
    assert_eq!(stdout, "", "{args:?}");
    assert!(stderr.contains(said), "{args:?}: {stderr}");
}

#[test]
fn a_reporter_does_not_apply_to_the_bilateral_view() {
    assert_refused(
        &["--print", "bilateral", "--reporter", "KAZ"],
        "error: --reporter does not apply to --print bilateral",
    );
}

#[test]
fn json_applies_to_check_only() {
    assert_refused(
        &["--json", "--print", "overview"],
        "error: --json applies to --check only",
    );
}

#[test]
fn print_options_do_not_apply_to_check() {
    for (flag, value) in [
        ("--pair", "CHN-RUS"),
        ("--period", "2020"),
        ("--span", "annual"),
        ("--currency", "cny"),
        ("--compare", "EAEU-CHN"),
    ] {
        assert_refused(
            &["--check", flag, value],
            &format!("error: {flag} applies to --print only"),
        );
    }
}

#[test]
fn the_bilateral_options_do_not_apply_to_other_views() {
    for view in ["overview", "eaeu", "partners"] {
        for (flag, value) in [
            ("--pair", "CHN-RUS"),
            ("--span", "annual"),
            ("--currency", "cny"),
            ("--compare", "EAEU-CHN"),
        ] {
            assert_refused(
                &["--print", view, flag, value],
                &format!("error: {flag} does not apply to --print {view}"),
            );
        }
    }
}

#[test]
fn a_pair_compared_with_itself_is_refused() {
    assert_refused(
        &[
            "--print",
            "bilateral",
            "--pair",
            "CHN-RUS",
            "--compare",
            "CHN-RUS",
        ],
        "error: --compare is the same pair as --pair",
    );
}

#[test]
fn a_format_given_for_a_parquet_file_is_refused() {
    let file = "tests/fixtures/import/duckdb_native.parquet";
    assert_refused(
        &["--check", "--format", "sdmx", "--data", file],
        &format!(
            "{file}: is Parquet (a file, or a directory of part files), not SDMX-CSV: --format does not apply to it"
        ),
    );
}

#[test]
fn the_options_that_apply_still_work() {
    for args in [
        &[
            "--print",
            "bilateral",
            "--pair",
            "CHN-RUS",
            "--span",
            "annual",
        ][..],
        &[
            "--print",
            "bilateral",
            "--pair",
            "CHN-RUS",
            "--compare",
            "EAEU-CHN",
        ],
        &["--print", "bri", "--span", "annual"],
        &["--print", "eaeu", "--period", "2022"],
        &["--check", "--json"],
    ] {
        let (code, _, stderr) = run(args);
        assert!(code <= 1, "{args:?}: {stderr}");
    }
}

#[test]
fn the_same_file_given_twice_is_read_once_and_said_so() {
    let file = "tests/fixtures/native/partners.csv";
    let again = "./tests/fixtures/native/partners.csv";
    let (code, stdout, stderr) = run(&["--check", "--data", file, "--data", again]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("note: given again as {again}: read once")),
        "{stdout}"
    );
    assert!(stdout.contains("dataset: 1 file,"), "{stdout}");
    assert!(stdout.contains("0 duplicates"), "{stdout}");
}
