//! The command line's flags as a user meets them: `--help`, `--version`,
//! usage errors (status 2) and the flags that need others.

use crate::common::run;

#[test]
fn help_exits_0_and_lists_the_flags() {
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for flag in ["--data", "--check", "--lenient", "--tab", "--version"] {
        assert!(stdout.contains(flag), "--help mentions {flag}: {stdout}");
    }
    for tab in ["overview", "bilateral", "partners", "bri"] {
        assert!(stdout.contains(tab), "--help lists tab {tab}: {stdout}");
    }
}

#[test]
fn version_prints_the_package_version() {
    let (code, stdout, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim_end(),
        format!("eurasia-dash {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let (code, stdout, stderr) = run(&["--no-such-flag"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("--no-such-flag"), "{stderr}");
}

#[test]
fn unknown_tab_is_a_usage_error() {
    let (code, _, stderr) = run(&["--check", "--tab", "nowhere"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nowhere"), "{stderr}");
}

#[test]
fn data_flag_needs_a_file() {
    let (code, _, stderr) = run(&["--check", "--data"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--data"), "{stderr}");
}

#[test]
fn print_options_without_print_are_a_usage_error() {
    for args in [
        ["--pair", "CHN-RUS"],
        ["--period", "2020"],
        ["--span", "annual"],
        ["--currency", "usd"],
        ["--compare", "EAEU-CHN"],
        ["--reporter", "KAZ"],
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(stderr.contains("--print"), "{args:?}: {stderr}");
    }
}

#[test]
fn no_mouse_is_a_flag_of_the_help_and_accepted() {
    let (_, help, _) = run(&["--help"]);
    assert!(help.contains("--no-mouse"), "{help}");
    assert!(help.contains("select text"), "{help}");
    let (code, stdout, stderr) = run(&["--no-mouse", "--print", "overview"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.is_empty());
}

#[test]
fn watch_needs_data_and_is_for_the_dashboard() {
    let (code, _, stderr) = run(&["--watch"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--data"), "{stderr}");
    let (code, _, stderr) = run(&["--watch", "--check", "--data", "x.csv"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    let (_, help, _) = run(&["--help"]);
    assert!(help.contains("--watch"), "{help}");
}

#[test]
fn the_partners_tab_is_named_partners_and_eaeu_still_works() {
    for name in ["partners", "eaeu"] {
        let (code, _, stderr) = run(&["--check", "--tab", name]);
        assert_eq!(code, 0, "--tab {name}: {stderr}");
    }
}
