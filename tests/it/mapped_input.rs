//! A regular file given with `--data` is mapped rather than read (native
//! and BACI files, before the terminal enters raw mode): the same bytes
//! through a FIFO, which is read, give the same output, byte for byte.

use std::process::{Command, Output};

use crate::common::parquet::TempDir;

/// Runs `--check --data PATH` (and any `extra` flags), killed after 20 s.
fn check(path: &str, extra: &[&str]) -> Output {
    Command::new("timeout")
        .arg("20")
        .arg(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args(["--check", "--data", path])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("timeout runs")
}

/// The status and both outputs, with the directory a file was in taken out.
fn shown(output: &Output, dir: &str) -> (Option<i32>, String, String) {
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(dir, "DIR");
    (
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr),
    )
}

#[test]
fn files_mapped_check_as_the_same_bytes_read_from_a_fifo() {
    let fixtures = [
        "native/good.csv",
        "native/two_bad_rows.csv",
        "native/bad_number_crlf.csv",
        "native/header_only.csv",
        "calendar/published_year_and_months.csv",
        "import/BACI_HS92_Y2022_V202401.csv",
        "products/BACI_HS17_Y2021_V202401b.csv",
    ];
    for fixture in fixtures {
        let bytes = std::fs::read(format!("tests/fixtures/{fixture}")).unwrap();
        // The same name in both directories: BACI's classification is read
        // from the file's name.
        let name = fixture.rsplit('/').next().unwrap();
        for extra in [&[][..], &["--lenient"][..]] {
            let regular = TempDir::new("mapped-regular");
            std::fs::write(regular.join(name), &bytes).unwrap();
            let mapped = check(&regular.path_of(name), extra);
            let fifo = TempDir::new("mapped-fifo");
            let status = Command::new("mkfifo")
                .arg(fifo.join(name))
                .status()
                .expect("mkfifo runs");
            assert!(status.success());
            let (path, written) = (fifo.join(name), bytes.clone());
            // The writer waits in `open` for the reader.
            let writer = std::thread::spawn(move || std::fs::write(path, written));
            let read = check(&fifo.path_of(name), extra);
            writer.join().unwrap().unwrap();
            let mapped = shown(&mapped, &regular.path_of(""));
            assert!(mapped.0.is_some(), "{fixture}: killed");
            assert_eq!(
                mapped,
                shown(&read, &fifo.path_of("")),
                "{fixture} {extra:?}"
            );
        }
    }
}
