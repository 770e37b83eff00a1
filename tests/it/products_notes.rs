//! The Products tab's notes on a short terminal: up to a third of the
//! height (as the other tabs' detail), and every one of them in the
//! derivation Enter opens, which a terminal of any size can scroll.

use crossterm::event::KeyCode::{Char, End, Enter};
use eurasia_dash::app::{App, Overlay};
use eurasia_dash::data::build::load_files;

use crate::common::keys::press;
use crate::products_tab::screen;

const BOTH_SIDES: &str = "tests/fixtures/products/comtrade_both_sides_hs6.csv";

#[test]
fn every_note_is_on_screen_at_80x24_or_in_the_derivation() {
    let data = load_files(&[BOTH_SIDES], None, false).expect("the fixture loads");
    let mut app = App::new(data, "comtrade_both_sides_hs6.csv".into());
    press(&mut app, &[Char('5')]);
    let notes = app
        .tabs
        .products
        .shown
        .as_ref()
        .expect("a table")
        .table
        .notes
        .clone();
    assert!(notes.len() >= 2, "{notes:?}");
    // Every note whole, wrapped over its lines, none cut with "…" (the
    // snapshot products_mirror_quantity_80x24 shows the same screen).
    let text = screen(&app, 80, 24);
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for note in &notes {
        assert!(joined.contains(&format!("Note: {note}")), "{note}: {text}");
    }
    assert!(!text.contains("above…"), "{text}");
    // Enter on Other products: the total's derivation, with every note.
    press(&mut app, &[End, Enter]);
    assert!(matches!(app.overlay, Some(Overlay::Derivation { .. })));
    let lines: Vec<String> = app
        .derivation
        .as_ref()
        .expect("a derivation")
        .lines
        .iter()
        .map(|line| line.text.clone())
        .collect();
    let at = lines
        .iter()
        .position(|line| line == "Notes on the products shown:")
        .expect("the notes' heading");
    for (line, note) in lines[at + 1..].iter().zip(&notes) {
        assert_eq!(*line, format!("note: {note}"));
    }
    assert!(
        lines.last().unwrap().contains("--print bilateral"),
        "the command stays last: {lines:?}"
    );
}
