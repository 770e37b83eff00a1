//! `eurasia-dash fetch` and `--fetch` against a loopback server serving
//! recorded responses (tests/fixtures/fetch/README.md): files the loaders read
//! back to the recorded figures, a manifest each, errors that write nothing,
//! retries, timeouts, resuming. Nothing here touches the internet.

mod calls;
mod failures;
mod loopback;
mod resume;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::command;
use loopback::{Reply, Server};

const FIXTURES: &str = "tests/fixtures/fetch";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{FIXTURES}/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A fresh cache folder of a test's own.
fn cache_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("eurasia-dash-fetch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs the binary with a source's base URL set to the server.
fn run_with(server: &Server, variable: &str, args: &[&str]) -> (i32, String, String) {
    let output = command(args)
        .env(variable, &server.base)
        .env_remove("COMTRADE_API_KEY")
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The one row `--print bilateral` writes for a pair and year of these files.
fn printed(files: &[&str], pair: &str, year: &str, currency: &str) -> String {
    let mut args = vec![
        "--print",
        "bilateral",
        "--pair",
        pair,
        "--span",
        "annual",
        "--period",
        year,
        "--currency",
        currency,
    ];
    for file in files {
        args.extend(["--data", file]);
    }
    let output = command(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    stdout.lines().nth(1).unwrap().to_string()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

const COMTRADE: &str = "EURASIA_DASH_COMTRADE_URL";

/// The README's examples, one per source, which these tests run.
const COMTRADE_EXAMPLE: &str =
    "eurasia-dash fetch comtrade --reporter KAZ --partner CHN --years 2015-2024";
const IMF_EXAMPLE: &str = "eurasia-dash fetch imf --reporter KAZ --partner CHN --years 2022-2023";
const EUROSTAT_EXAMPLE: &str =
    "eurasia-dash fetch eurostat --reporter DEU --partner CHN --years 2022-2023";
const WITS_EXAMPLE: &str = "eurasia-dash fetch wits --reporter KAZ --partner CHN --years 2021-2022";
const OPEN_EXAMPLE: &str = "eurasia-dash --fetch comtrade:KAZ-CHN,2015-2024";

/// An example's arguments, then `more`.
fn example<'a>(command: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args: Vec<&str> = command.split_whitespace().skip(1).collect();
    args.extend_from_slice(more);
    args
}

#[test]
fn the_readme_gives_the_examples_the_tests_run() {
    let readme =
        std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for example in [
        COMTRADE_EXAMPLE,
        IMF_EXAMPLE,
        EUROSTAT_EXAMPLE,
        WITS_EXAMPLE,
        OPEN_EXAMPLE,
    ] {
        assert!(
            readme.contains(&format!("\n{example}\n")),
            "README lacks {example}"
        );
    }
}
