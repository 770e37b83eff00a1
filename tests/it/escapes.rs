//! Escape injection (issue 20): a file's source or note holding ESC or BEL
//! is written escaped by `--print` (and `e`, which writes the same), never
//! sent raw to the terminal or the file.

use crate::common::{TempFile, run};

#[test]
fn escapes_and_bells_in_a_source_or_note_are_written_escaped() {
    let csv = "indicator,reporter,partner,period,value,unit,source,note\n\
               exports,CHN,RUS,2022,76.1,USD_BN,\"GACC\u{1b}]0;owned\u{7}\",\"a \u{1b}[2J note\"\n\
               imports,CHN,RUS,2022,114.1,USD_BN,GACC,\n";
    let file = TempFile::new("escapes.csv", csv);
    for args in [
        &["--print", "bilateral", "--data", file.path()][..],
        &["--print", "overview", "--data", file.path()],
        &["--check", "--data", file.path()],
    ] {
        let (code, stdout, stderr) = run(args);
        assert!(code < 2, "{args:?}: {stderr}");
        for output in [&stdout, &stderr] {
            assert!(
                !output.contains(['\u{1b}', '\u{7}']),
                "{args:?} wrote a raw control character: {output:?}"
            );
        }
        if args[1] == "bilateral" {
            assert!(stdout.contains(r"GACC\u{1b}]0;owned\u{7}"), "{stdout}");
            assert!(stdout.contains(r"a \u{1b}[2J note"), "{stdout}");
        }
    }
}
