//! What the command-line tests share: running the binary, fixtures and
//! temporary files.
#![allow(dead_code)] // each test file uses some of these

pub mod hostile_parquet;
pub mod keys;
pub mod parquet;
pub mod screen;

use std::process::{Command, Output, Stdio};

pub const FIXTURES: &str = "tests/fixtures/native";

/// The BACI fixture: a year of CEPII's layout, summed by hand in
/// tests/fixtures/import/README.md.
pub const BACI: &str = "tests/fixtures/import/BACI_HS92_Y2022_V202401.csv";

/// The path of a fixture as the program is given it (relative to the crate
/// root, which is the working directory of every run).
pub fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eurasia-dash"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        // A colour-capable terminal type: the error path must stay plain anyway.
        .env("TERM", "xterm-256color")
        .env("COLORTERM", "truecolor")
        .env_remove("NO_COLOR");
    command
}

/// Runs the program to completion and returns its exit code, stdout and stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output: Output = command(args).output().expect("the binary runs");
    let code = output
        .status
        .code()
        .expect("the program exits normally, not by a signal");
    (
        code,
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

pub fn assert_no_ansi(what: &str, text: &str) {
    assert!(
        !text.contains('\x1b'),
        "{what} contains an escape sequence: {text:?}"
    );
}

/// Loads one bad fixture with `--check` and checks the whole error contract:
/// exit 2, nothing on stdout, exactly one plain line on stderr naming the file,
/// the line and the field.
pub fn assert_load_error(name: &str, line: Option<u64>, field: Option<&str>) -> String {
    let path = fixture(name);
    let (code, stdout, stderr) = run(&["--check", "--data", &path]);
    assert_eq!(code, 2, "exit code for {name}; stderr: {stderr}");
    assert_eq!(stdout, "", "nothing on stdout for {name}");
    assert_no_ansi("stderr", &stderr);
    assert!(stderr.ends_with('\n'), "stderr ends its line: {stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr:?}");
    let message = stderr
        .strip_prefix("eurasia-dash: error: ")
        .unwrap_or_else(|| panic!("stderr starts with the program's prefix: {stderr:?}"));
    let located = match line {
        Some(line) => format!("{path}:{line}: "),
        None => format!("{path}: "),
    };
    assert!(
        message.starts_with(&located),
        "the message starts with {located:?}: {message:?}"
    );
    match field {
        Some(field) => assert!(
            message.contains(&format!(": field '{field}': ")),
            "the message names field '{field}': {message:?}"
        ),
        None => assert!(
            !message.contains("field '"),
            "no field for this error: {message:?}"
        ),
    }
    message.trim_end().to_string()
}

/// The `rows:` line of a `--check` report.
pub fn rows_line(stdout: &str) -> &str {
    stdout
        .lines()
        .find(|line| line.trim_start().starts_with("rows: "))
        .map(str::trim_start)
        .unwrap_or_else(|| panic!("a rows line in {stdout:?}"))
}

/// The `--print bilateral` row of a pair in 2022, loaded from `data`.
pub fn row_2022(data: &str, pair: &str) -> String {
    let (code, stdout, stderr) = run(&[
        "--print",
        "bilateral",
        "--pair",
        pair,
        "--period",
        "2022",
        "--data",
        data,
    ]);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().nth(1).expect("a row for 2022").to_string()
}

/// A BACI year in the temporary directory, named as CEPII names its files
/// (the name gives the HS revision).
pub fn baci_year(contents: &str) -> TempFile {
    TempFile::new("BACI_HS92_Y2022_V202401.csv", contents)
}

/// A native file in the system's temporary directory, removed when dropped.
pub struct TempFile(std::path::PathBuf);

impl TempFile {
    /// A file of its own: tests run in parallel, and one's file must not be
    /// removed while another reads it.
    pub fn new(name: &str, contents: &str) -> Self {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let number = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "eurasia-dash-{}-{number}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, contents).expect("the temporary file is written");
        Self(path)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The dashboard on a native fixture, loaded as `--data` loads it.
pub fn app_on(name: &str) -> eurasia_dash::app::App {
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    let csv = std::fs::read(format!("{}/{}", env!("CARGO_MANIFEST_DIR"), fixture(name)))
        .expect("the fixture is readable");
    builder
        .add_native(name, &csv, false)
        .expect("the fixture loads");
    eurasia_dash::app::App::new(builder.build(), name.into())
}
