//! Parquet files of a few hundred bytes that state counts and sizes their
//! bytes cannot hold: each is refused, naming the row group, within a
//! memory bound (`ulimit -v`) and a time bound, never aborted or hung.

use std::process::Command;

use crate::common::hostile_parquet::{Lie, baci_file};
use crate::common::parquet::TempDir;

/// The address space the program may use, in KiB: its threads' stacks and
/// the allocator's arenas reserve some, the file's bombs ask for gigabytes.
const MEMORY_KIB: u64 = 600 * 1024;

/// Runs `--check` on `bytes` written as a file, in at most `MEMORY_KIB` of
/// memory and 20 s, and gives the exit code (none when killed or aborted)
/// and stderr.
fn check_bounded(name: &str, bytes: &[u8], extra: &[&str]) -> (Option<i32>, String) {
    let dir = TempDir::new(name);
    let path = dir.path_of(&format!("{name}.parquet"));
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("timeout")
        .args([
            "20",
            "sh",
            "-c",
            &format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""),
        ])
        .arg(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args(["--check", "--data", &path])
        .args(extra)
        .output()
        .expect("timeout and sh run");
    let stderr = String::from_utf8_lossy(&output.stderr).replace(&path, "FILE");
    let code = output.status.code().filter(|&code| code != 124);
    (code, stderr)
}

fn assert_refused(lie: Lie, expected: &str) {
    for lenient in [false, true] {
        let extra: &[&str] = if lenient { &["--lenient"] } else { &[] };
        let (code, stderr) = check_bounded("bomb", &baci_file(lie), extra);
        assert_eq!(code, Some(2), "{lie:?}: killed, aborted or hung: {stderr}");
        assert!(stderr.contains(expected), "{lie:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{lie:?}: {stderr}");
    }
}

#[test]
fn the_hand_written_file_loads_when_it_says_nothing_false() {
    let (code, stderr) = check_bounded("honest", &baci_file(Lie::None), &[]);
    assert!(matches!(code, Some(0 | 1)), "{code:?} {stderr}");
}

#[test]
fn a_dictionary_of_two_billion_entries_in_four_bytes_is_refused() {
    assert_refused(
        Lie::DictionaryEntries(i32::MAX),
        "FILE: row group 0: column \"t\": the page at offset 4 is a dictionary of 2147483647 entries in 4 bytes",
    );
}

#[test]
fn a_schema_group_of_a_billion_children_is_refused() {
    assert_refused(
        Lie::SchemaChildren(1 << 30),
        "FILE: not a readable Parquet file: its footer has a schema element 0 with 1073741824 children, of 6 elements",
    );
}

#[test]
fn a_page_that_says_it_grows_a_million_times_is_refused() {
    for size in [100_000_000, i32::MAX] {
        assert_refused(
            Lie::UncompressedSize(size),
            &format!(
                "column \"v\": the page at offset 124 says it holds {size} bytes uncompressed from 18: more than 1024 times"
            ),
        );
    }
}

#[test]
fn a_page_header_listing_two_billion_doubles_is_refused_at_once() {
    assert_refused(
        Lie::ListInHeader(i32::MAX),
        "FILE: row group 0: column \"t\": the page header at offset 4 holds a list of 2147483647 elements in",
    );
}

#[test]
fn a_footer_counting_rows_the_pages_do_not_hold_is_refused() {
    assert_refused(
        Lie::Rows(3),
        "FILE: row group 0: the footer says 3 rows, the pages of column \"t\" hold 2",
    );
    assert_refused(
        Lie::Rows(1 << 40),
        "FILE: row group 0: the footer says 1,099,511,627,776 rows, in column chunks of",
    );
}

#[test]
fn a_text_value_cut_short_is_an_error_from_the_caught_panic() {
    assert_refused(
        Lie::TextCutShort,
        "FILE: row group 0: a page cannot be decoded (",
    );
}
