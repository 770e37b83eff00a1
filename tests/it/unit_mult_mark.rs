//! A figure read with an empty UNIT_MULT where its series' other rows have
//! one (`w` warns of it) carries a mark where it is shown, with a line
//! saying what the mark means.

use crate::common::screen::{drawn, rows};
use eurasia_dash::app::{App, Tab};
use eurasia_dash::data::build;

/// KAZ–CHN: exports 2022 1.5 with UNIT_MULT 9, exports 2023 1.5 with it
/// empty (in doubt), imports 2023 2.5 with it empty in a series without one.
const FIXTURE: &str = "tests/fixtures/import/imf_empty_unit_mult.csv";

fn screen(app: &App) -> Vec<String> {
    rows(&drawn(app, 120, 40))
}

#[test]
fn a_figure_with_an_empty_unit_mult_is_marked_on_the_bilateral_table() {
    let data = build::load_files(&[FIXTURE], None, false).unwrap();
    let mut app = App::new(data, FIXTURE.into());
    app.tab = Tab::Bilateral;
    let lines = screen(&app);
    let row = |period: &str| {
        lines
            .iter()
            .find(|line| {
                line.starts_with(&format!("│▸ {period} "))
                    || line.starts_with(&format!("│  {period} "))
            })
            .unwrap_or_else(|| panic!("a {period} row: {lines:#?}"))
            .clone()
    };
    // Exports $1.50 in doubt, and the total made of them; imports not.
    let in_doubt = row("2023");
    assert!(in_doubt.contains("$1.50⚠"), "{in_doubt}");
    assert!(in_doubt.contains("$4.00*⚠"), "{in_doubt}");
    assert!(in_doubt.contains("$2.50 "), "{in_doubt}");
    assert!(!row("2022").contains('⚠'), "{}", row("2022"));
    assert!(
        lines
            .iter()
            .any(|line| line.contains("⚠: unit in doubt: an empty UNIT_MULT beside rows with one")),
        "{lines:#?}"
    );
}
