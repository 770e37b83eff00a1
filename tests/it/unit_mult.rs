//! An empty UNIT_MULT where the series' other rows have one
//! (`tests/fixtures/import/imf_empty_unit_mult.csv`): KAZ exports to CHN are
//! 1.5 × 10^9 in 2022 and 1.5 with no multiplier in 2023 (line 3), a figure
//! a billion times smaller beside it; KAZ imports (line 4) have no
//! multiplier on any row, so only the file's note speaks of them.

use crate::common::run;
use eurasia_dash::data::WarningKind;

const FIXTURE: &str = "tests/fixtures/import/imf_empty_unit_mult.csv";
const WARNING: &str = "imf_empty_unit_mult.csv:3: exports KAZ–CHN: 1 row with an empty UNIT_MULT or SCALE where the series' other rows have one";

#[test]
fn the_row_is_a_warning_of_the_dataset_as_the_dashboard_lists_them() {
    let data = eurasia_dash::data::build::load_files(&[FIXTURE], None, false).unwrap();
    let units: Vec<String> = data
        .warnings()
        .iter()
        .filter(|w| w.kind == WarningKind::Unit)
        .map(|w| w.message.clone())
        .collect();
    assert_eq!(units.len(), 1, "{units:?}");
    assert!(units[0].contains(WARNING), "{units:?}");
}

#[test]
fn the_check_report_lists_the_warning_beside_the_note() {
    let (code, stdout, stderr) = run(&["--check", "--data", FIXTURE]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("warnings: 1\n"), "{stdout}");
    assert!(
        stdout.contains(&format!("  unit: {FIXTURE}:3: ")),
        "{stdout}"
    );
    assert!(stdout.contains(WARNING), "{stdout}");
    assert!(
        stdout.contains("note: 2 rows with an empty UNIT_MULT or SCALE (first: line 3)"),
        "{stdout}"
    );
    // The figures are as read: 1.5 bn in 2022, 1.5 dollars in 2023.
    let (code, stdout, stderr) = run(&[
        "--print",
        "bilateral",
        "--pair",
        "KAZ-CHN",
        "--data",
        FIXTURE,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("\nKAZ,CHN,2023,USD,1.5,2.5,4,derived,-1,"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\nKAZ,CHN,2022,USD,1500000000,,"),
        "{stdout}"
    );
}
