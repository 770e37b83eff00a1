//! Output-identity guard for the load path: `--check` (text and JSON, strict
//! and lenient) and every `--print` view on each fixture, compared byte for
//! byte with outputs recorded from the binary before the speed work
//! (tests/golden/). A refactor of loading or deriving that changes a single
//! figure, count or message fails here.
//!
//! To record after an intended change: `GOLDEN_RECORD=1 cargo test --test it golden`,
//! then review the diff of tests/golden/ by eye.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binary run: this build's, or GOLDEN_BIN's (to record from a build
/// made before a change), with the same arguments and environment.
fn command(args: &[&str]) -> Command {
    let usual = crate::common::command(args);
    let Some(binary) = std::env::var_os("GOLDEN_BIN") else {
        return usual;
    };
    let mut other = Command::new(binary);
    other
        .args(usual.get_args())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null());
    for (key, value) in usual.get_envs() {
        match value {
            Some(value) => other.env(key, value),
            None => other.env_remove(key),
        };
    }
    other
}

/// The runs made on each data file: what a user sees of it.
const RUNS: &[&[&str]] = &[
    &["--check"],
    &["--check", "--lenient"],
    &["--check", "--json", "--lenient"],
    &["--print", "overview", "--lenient"],
    &["--print", "bilateral", "--lenient"],
    &["--print", "bilateral", "--span", "annual", "--lenient"],
    &["--print", "bilateral", "--span", "quarterly", "--lenient"],
    &["--print", "bilateral", "--span", "ytd", "--lenient"],
    &["--print", "eaeu", "--lenient"],
    &["--print", "bri", "--lenient"],
    &["--print", "bri", "--span", "annual", "--lenient"],
    &["--print", "partners", "--reporter", "CHN", "--lenient"],
    &["--print", "partners", "--reporter", "RUS", "--lenient"],
    &["--print", "products", "--pair", "CHN-RUS", "--lenient"],
    &[
        "--print",
        "products",
        "--pair",
        "CHN-RUS",
        "--flow",
        "imports",
        "--level",
        "section",
        "--lenient",
    ],
    &[
        "--print",
        "partners",
        "--reporter",
        "CHN",
        "--product",
        "84",
        "--lenient",
    ],
];

/// Every run's exit status, stdout and stderr on `data`, as one text.
fn outputs(data: &[&str]) -> String {
    let mut text = String::new();
    for run in RUNS {
        let mut args: Vec<&str> = run.to_vec();
        for file in data {
            args.extend(["--data", file]);
        }
        let output = command(&args).output().expect("the binary runs");
        let _ = writeln!(
            text,
            "=== {}\n--- status {:?}\n--- stdout\n{}--- stderr\n{}",
            run.join(" "),
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
    }
    text
}

/// The data files under `dir`: CSV and Parquet files, and directories of
/// Parquet part files, in a stable order.
fn data_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if name.ends_with("_parts") {
                found.push(path);
            } else {
                found.extend(data_files(&path));
            }
        } else if name.ends_with(".csv") || name.ends_with(".parquet") {
            found.push(path);
        }
    }
    found
}

/// The text with the detail of a panic caught in the Parquet decoder left
/// out: it differs between debug and release builds of the parquet crate
/// (an assertion in one, an index out of range in the other).
fn without_panic_detail(text: &str) -> String {
    const DECODING: &str = "a page cannot be decoded (";
    const CORRUPT: &str = "): the file is corrupt";
    text.lines()
        .map(|line| match (line.find(DECODING), line.rfind(CORRUPT)) {
            (Some(start), Some(end)) if start + DECODING.len() <= end => {
                format!("{}…{}\n", &line[..start + DECODING.len()], &line[end..])
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

/// Compares (or with GOLDEN_RECORD set, records) `actual` with `expected_path`;
/// returns a line naming the file when they differ.
fn compare(expected_path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("GOLDEN_RECORD").is_some() {
        std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
        std::fs::write(expected_path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (record with GOLDEN_RECORD=1)",
            expected_path.display()
        )
    });
    let (expected, actual) = (
        without_panic_detail(&expected),
        without_panic_detail(actual),
    );
    if expected == actual {
        return None;
    }
    let first = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs from line {}: expected {:?}, got {:?}",
        expected_path.display(),
        first + 1,
        expected.lines().nth(first),
        actual.lines().nth(first)
    ))
}

#[test]
fn every_fixture_prints_and_checks_as_recorded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = data_files(&root.join("tests/fixtures"));
    assert!(files.len() > 40, "the fixtures are found: {}", files.len());
    let mut differences = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let expected = root.join("tests/golden").join(format!(
            "{}.txt",
            relative.trim_start_matches("tests/fixtures/")
        ));
        differences.extend(compare(&expected, &outputs(&[&relative])));
    }
    // Files loaded together: figures merged across files, repeats and conflicts.
    let merged = outputs(&[
        "tests/fixtures/native/merge_a.csv",
        "tests/fixtures/native/merge_b.csv",
    ]);
    differences.extend(compare(
        &root.join("tests/golden/merge_a_and_b.txt"),
        &merged,
    ));
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The same on the real downloads in ../shared/realdata, compared with a
/// recording kept outside the repository (the outputs of real files are not
/// committed): record it from the binary before a change with
/// `GOLDEN_RECORD=1 GOLDEN_BIN=OLD_BINARY cargo test --test it golden -- --ignored`,
/// then run it again after the change.
#[test]
#[ignore = "reads ../shared/realdata; run by hand around a load-path change"]
fn every_real_download_prints_and_checks_as_recorded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // REALDATA names it from a worktree that has no ../shared beside it.
    let realdata =
        std::env::var_os("REALDATA").map_or_else(|| root.join("../shared/realdata"), PathBuf::from);
    assert!(
        realdata.is_dir(),
        "{} is absent: this test needs it",
        realdata.display()
    );
    let recorded = root.join("target/golden-realdata");
    let mut differences = Vec::new();
    let files = data_files(&realdata);
    assert!(!files.is_empty(), "no data files in {}", realdata.display());
    for file in &files {
        let shown = file.to_string_lossy().to_string();
        let name = file
            .strip_prefix(&realdata)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let expected = recorded.join(format!("{name}.txt"));
        differences.extend(compare(&expected, &outputs(&[&shown])));
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
