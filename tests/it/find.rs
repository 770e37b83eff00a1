//! `f` in a table: the selection moves to the next row whose period,
//! partner or name has the text typed.

use crossterm::event::KeyCode::{self, Char, Enter, Esc};
use eurasia_dash::data::Period;

use crate::common::keys::{app, partners_app, press, selected_period, type_text};

#[test]
fn f_finds_a_partner_among_a_reporters_partners_and_then_the_next() {
    let mut app = partners_app();
    press(&mut app, &[Char('3'), Char('/')]);
    type_text(&mut app, "kaz");
    press(&mut app, &[Enter, Char('f')]);
    assert_eq!(app.find.as_deref(), Some(""));
    type_text(&mut app, "russ");
    press(&mut app, &[Enter]);
    assert_eq!(app.find, None);
    let view = app.tabs.partners.reporter.as_ref().unwrap();
    let row = app.tabs.partners.cursor.row;
    assert_eq!(view.rows[row].partner.code(), "RUS");
    let (message, _) = app.message.clone().unwrap();
    assert_eq!(message, format!("f: Russia (RUS), row {} of 3", row + 1));
    // By code too; the search goes on from the row after the selected one.
    press(&mut app, &[Char('f')]);
    type_text(&mut app, "chn");
    press(&mut app, &[Enter]);
    let view = app.tabs.partners.reporter.as_ref().unwrap();
    assert_eq!(
        view.rows[app.tabs.partners.cursor.row].partner.code(),
        "CHN"
    );
    press(&mut app, &[Char('f')]);
    type_text(&mut app, "nowhere");
    press(&mut app, &[Enter]);
    let (message, _) = app.message.clone().unwrap();
    assert_eq!(message, "f nowhere: no row has 'nowhere'");
}

#[test]
fn f_finds_a_period_in_the_bilateral_table_and_esc_closes_the_prompt() {
    let mut app = app();
    press(&mut app, &[Char('2'), Char('f')]);
    type_text(&mut app, "2019");
    press(&mut app, &[Enter]);
    assert_eq!(selected_period(&app), Period::annual(2019));
    press(&mut app, &[Char('f')]);
    type_text(&mut app, "20");
    press(&mut app, &[Esc]);
    assert_eq!(app.find, None);
    assert_eq!(
        selected_period(&app),
        Period::annual(2019),
        "Esc finds nothing"
    );
}

#[test]
fn f_on_the_overview_says_why_not() {
    let mut app = app();
    press(&mut app, &[KeyCode::Char('f')]);
    assert_eq!(app.find, None);
    let (message, _) = app.message.clone().unwrap();
    assert!(
        message.starts_with("f: not on the Overview tab"),
        "{message}"
    );
}
