//! Messages of `--print` that say something: why no pair or reporter has
//! figures, the pair the other way round, a few codes rather than hundreds,
//! and `--print eaeu` on data where the Union cannot be computed.

use crate::common::run;

const FIVE_DIVISIONS: &str = "tests/fixtures/import/comtrade_sitc_five_divisions.csv";
const WEBSITE: &str = "tests/fixtures/import/comtradeplus_website.csv";

fn error(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    stderr
}

#[test]
fn a_file_of_no_used_figure_says_so_instead_of_an_empty_list() {
    let stderr = error(&[
        "--print",
        "bilateral",
        "--pair",
        "RUS-WLD",
        "--data",
        FIVE_DIVISIONS,
    ]);
    assert!(
        stderr.contains("no trade figures for RUS-WLD; the data has no trade figures: no figure of its files is used (--check says why, row by row)"),
        "{stderr}"
    );
    let stderr = error(&[
        "--print",
        "partners",
        "--reporter",
        "RUS",
        "--data",
        FIVE_DIVISIONS,
    ]);
    assert!(
        stderr.contains("reporters in the data: none: no reporter in the data has trade figures with two partners or more"),
        "{stderr}"
    );
}

#[test]
fn a_pair_asked_the_other_way_round_is_named() {
    let stderr = error(&[
        "--print",
        "bilateral",
        "--pair",
        "RUS-CHN",
        "--data",
        WEBSITE,
    ]);
    assert!(
        stderr.contains(
            "no trade figures for RUS-CHN; CHN-RUS has figures (CHN's report of its trade with RUS)"
        ),
        "{stderr}"
    );
    let stderr = error(&[
        "--print",
        "bilateral",
        "--pair",
        "KAZ-CIV",
        "--data",
        WEBSITE,
    ]);
    assert!(
        stderr.contains("no trade figures for KAZ-CIV; pairs with either area: CHN-CIV"),
        "{stderr}"
    );
}

#[test]
fn eaeu_without_a_period_on_data_without_shares_is_an_error() {
    let stderr = error(&["--print", "eaeu", "--data", WEBSITE]);
    assert!(
        stderr.contains("no EAEU partner shares: the data has none for any period"),
        "{stderr}"
    );
}
