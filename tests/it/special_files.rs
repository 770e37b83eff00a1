//! A FIFO, a device or a socket given where a file is read: never a hang
//! in `open`, and an error naming it where a regular file is needed
//! (a Parquet file or part, read at positions).

use std::process::Command;

use crate::common::parquet::{TempDir, native_csv_to_parquet};

/// Runs the program with `args`, killed after 20 s: the exit code (none
/// when killed) and stderr.
fn run_bounded(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new("timeout")
        .arg("20")
        .arg(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("timeout runs");
    let code = output.status.code().filter(|&code| code != 124);
    (code, String::from_utf8_lossy(&output.stderr).into_owned())
}

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn a_fifo_no_program_writes_to_is_an_empty_file_not_waited_for() {
    let dir = TempDir::new("fifo");
    let fifo = dir.path_of("data.csv");
    mkfifo(&dir.join("data.csv"));
    let (code, stderr) = run_bounded(&["--check", "--data", &fifo]);
    assert_eq!(code, Some(2), "hung or killed: {stderr}");
    assert!(
        stderr.contains(&format!(
            "{fifo}: empty file (no rows): a pipe that gave no bytes, as no program wrote to it; a FIFO (named pipe) is read while its writer runs, so start the writer first"
        )),
        "{stderr}"
    );
}

#[test]
fn a_fifo_whose_writer_runs_is_read() {
    let dir = TempDir::new("fifo-written");
    let fifo = dir.path_of("data.csv");
    mkfifo(&dir.join("data.csv"));
    let csv = std::fs::read("tests/fixtures/native/good.csv").unwrap();
    let path = dir.join("data.csv");
    // The writer waits in `open` for the reader, as `cat data.csv > FIFO &`.
    let writer = std::thread::spawn(move || std::fs::write(path, csv));
    std::thread::sleep(std::time::Duration::from_millis(200));
    let (code, stderr) = run_bounded(&["--check", "--data", &fifo]);
    writer.join().unwrap().unwrap();
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn stdin_with_data_is_read_and_an_empty_pipe_is_an_empty_file() {
    use std::io::Write;
    use std::process::Stdio;
    for (input, code) in [
        (&include_bytes!("../fixtures/native/good.csv")[..], 0),
        (b"", 2),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
            .args(["--check", "--data", "/dev/stdin"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        child.stdin.take().unwrap().write_all(input).unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{stderr}");
        if code == 2 {
            assert!(
                stderr.contains("/dev/stdin: empty file (no rows): a pipe that gave no bytes"),
                "{stderr}"
            );
        }
    }
}

#[test]
fn a_fifo_read_as_parquet_is_refused_by_name() {
    let dir = TempDir::new("fifo-parquet");
    let fifo = dir.path_of("data.parquet");
    mkfifo(&dir.join("data.parquet"));
    let (code, stderr) = run_bounded(&["--check", "--format", "parquet", "--data", &fifo]);
    assert_eq!(code, Some(2), "hung or killed: {stderr}");
    assert!(
        stderr.contains(&format!(
            "{fifo}: is a FIFO (named pipe), not a regular file"
        )),
        "{stderr}"
    );
}

#[test]
fn a_fifo_among_parquet_parts_is_refused_by_name() {
    let dir = TempDir::new("fifo-parts");
    let parts = dir.join("parts");
    std::fs::create_dir(&parts).unwrap();
    let csv = std::fs::read_to_string("tests/fixtures/import/parquet_native.csv").unwrap();
    native_csv_to_parquet(&csv, &parts.join("part-0.parquet"), 100);
    mkfifo(&parts.join("part-1.parquet"));
    let folder = dir.path_of("parts");
    let (code, stderr) = run_bounded(&["--check", "--data", &folder]);
    assert_eq!(code, Some(2), "hung or killed: {stderr}");
    assert!(
        stderr.contains(&format!(
            "{folder}/part-1.parquet: is a FIFO (named pipe), not a regular file"
        )),
        "{stderr}"
    );
}

#[test]
fn a_device_read_as_parquet_is_refused_by_name() {
    let (code, stderr) = run_bounded(&["--check", "--format", "parquet", "--data", "/dev/zero"]);
    assert_eq!(code, Some(2), "hung or killed: {stderr}");
    assert!(
        stderr.contains("/dev/zero: is a device, not a regular file"),
        "{stderr}"
    );
}
