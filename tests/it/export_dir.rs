//! Where `e` writes (`--export-dir`), and `y` saying when the copy may not
//! reach the clipboard.

use crossterm::event::KeyCode;

use crate::common::keys::{app, export_dir, press};
use crate::common::run;

#[test]
fn an_export_dir_that_is_not_there_is_an_error_before_the_terminal() {
    let (code, stdout, stderr) = run(&["--export-dir", "/nonexistent/eurasia-dash"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("--export-dir /nonexistent/eurasia-dash: no such directory"),
        "{stderr}"
    );
}

#[test]
fn the_export_dir_is_for_the_dashboard_only() {
    let (code, _, stderr) = run(&["--check", "--export-dir", "."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--export-dir"), "{stderr}");
}

#[test]
fn e_writes_into_the_export_dir_and_says_where() {
    let dir = export_dir("e_writes_into_the_export_dir");
    let mut app = app();
    app.export_dir = dir.clone();
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Char('e')]);
    let (message, _) = app.message.clone().expect("e says what it did");
    let written = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(written, 1, "{message}");
    assert!(
        message.starts_with(&format!("e: wrote {}/bilateral_", dir.display())),
        "{message}"
    );
}

#[test]
fn y_says_when_tmux_may_not_pass_the_copy_on() {
    let mut app = app();
    app.clipboard_caveat = Some("tmux may not pass the copy on: set-clipboard is external".into());
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Char('y')]);
    let (message, _) = app.message.clone().expect("y says what it did");
    assert!(app.clipboard.is_some(), "the copy is still sent");
    assert!(
        message.ends_with("but tmux may not pass the copy on: set-clipboard is external"),
        "{message}"
    );
    assert!(!message.contains("copied"), "{message}");
}

#[test]
fn e_on_belt_and_road_writes_both_topics_it_shows() {
    let dir = export_dir("e_on_belt_and_road_writes_both_topics");
    let mut app = app();
    app.export_dir = dir.clone();
    press(&mut app, &[KeyCode::Char('4'), KeyCode::Char('e')]);
    let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap();
    let text = std::fs::read_to_string(file.path()).unwrap();
    let topics: std::collections::BTreeSet<&str> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next())
        .collect();
    assert_eq!(topics.len(), 2, "trade and investment: {text}");
}
