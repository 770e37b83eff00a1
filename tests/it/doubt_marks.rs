//! The mark of a figure whose unit is in doubt (an empty UNIT_MULT beside
//! rows with one) on the overview's card, as in the tables.

use crate::common::screen::rows;
use eurasia_dash::app::{App, Tab};
use eurasia_dash::data::build;
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// KAZ–CHN: exports 2022 1.5 with UNIT_MULT 9, exports 2023 1.5 with it
/// empty (in doubt), imports 2023 2.5 with it empty in a series without one.
const FIXTURE: &str = "tests/fixtures/import/imf_empty_unit_mult.csv";

fn overview() -> App {
    let data = build::load_files(&[FIXTURE], None, false).unwrap();
    let mut app = App::new(data, FIXTURE.into());
    app.tab = Tab::Overview;
    app
}

fn draw(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::render(app, &Theme { color: false }, frame);
        })
        .unwrap();
    terminal.backend().clone()
}

fn lines(backend: &TestBackend) -> Vec<String> {
    rows(backend.buffer())
}

#[test]
fn the_overview_card_marks_a_headline_in_doubt_and_says_why() {
    let app = overview();
    for (width, height) in [(80, 24), (120, 40)] {
        let lines = lines(&draw(&app, width, height));
        // 2023: $1.50 of exports in doubt + $2.50 of imports.
        let headline = lines
            .iter()
            .find(|line| line.contains("$4.00"))
            .unwrap_or_else(|| panic!("the headline: {lines:#?}"));
        assert!(headline.contains("$4.00 ⚠ "), "{headline}");
        assert!(headline.contains(" 2023"), "{headline}");
        let at = lines.iter().position(|line| line == headline).unwrap();
        assert!(
            lines[at + 1].contains("⚠ unit in doubt: w lists it"),
            "{lines:#?}"
        );
    }
}

#[test]
fn the_overview_card_in_doubt_at_80x24() {
    insta::assert_snapshot!("overview_in_doubt_80x24", draw(&overview(), 80, 24));
}

/// KAZ 2023 with the world (W00) and two partners: exports to the world 10
/// with an empty UNIT_MULT beside 2022's 9 (in doubt), the rest in
/// billions. The world total ($8 bn + $10) is in doubt, so are the
/// remainder and the shares made of it; China's and Russia's own are not.
const WORLD_FIXTURE: &str = "tests/fixtures/import/imf_empty_unit_mult_world.csv";

#[test]
fn the_partners_remainder_and_shares_of_a_world_total_in_doubt_are_marked() {
    use eurasia_dash::app::Action;
    let data = build::load_files(&[WORLD_FIXTURE], None, false).unwrap();
    let mut app = App::new(data, WORLD_FIXTURE.into());
    app.tab = Tab::Partners;
    app.update(Action::OpenPicker);
    for c in "kaz".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Confirm);
    let backend = draw(&app, 120, 40);
    let lines = lines(&backend);
    let row = |name: &str| {
        lines
            .iter()
            .find(|line| line.contains(name))
            .unwrap_or_else(|| panic!("a {name} row: {lines:#?}"))
            .clone()
    };
    assert!(row("Partners of").contains("HHI 4,531⚠ "), "{lines:#?}");
    let china = row("China");
    assert!(china.contains("$5.00 bn* "), "{china}");
    assert!(china.contains("62.5%*⚠"), "{china}");
    let other = row("Other partners");
    assert!(other.contains("$1.00 bn*⚠"), "{other}");
    assert!(
        lines
            .iter()
            .any(|line| line.contains("⚠: unit in doubt: an empty UNIT_MULT")),
        "{lines:#?}"
    );
    insta::assert_snapshot!("partners_world_in_doubt_120x40", backend);
}
